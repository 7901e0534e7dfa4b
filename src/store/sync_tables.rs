//! The tables that ride the change log: how each is read and written, and which rows a
//! write touches. See `changelog` for how to register a new one.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::Value;

use super::changelog::{Fields, json_of};
use super::records::{self, Write, bad, project_from_row};
use super::{Result, search};
use crate::domain::money::Rate;
use crate::domain::region::normalize_origin;
use crate::domain::{Currency, Money, Project, RateTable, Stage};

/// The settings that are the team's, not one laptop's (officer chosen as "me", column
/// mappings, the first-run flag stay home).
pub const SYNCED_SETTINGS: &[&str] = &[
    "tiers",
    super::targets::ELAPSED_COUNTING_KEY,
    super::activities::ACTIVITY_TYPES_KEY,
    super::activities::REVIEWED_ONLY_KEY,
    // After how many days an officer's 数据截至 is marked (`sync::STALE_DAYS_KEY`).
    "sync_stale_days",
];

/// How a registered table is read and written.
pub enum Shape {
    /// Rows keyed by a text id; `fields` travel. `stamps`: the table has `created_at` and
    /// `updated_at` (the latter is local and never travels). `latest_wins`: fields where the
    /// latest clock wins without a conflict (the current stage follows the latest move).
    Rows {
        key: &'static str,
        fields: &'static [&'static str],
        stamps: bool,
        latest_wins: &'static [&'static str],
        after: After,
    },
    /// `settings`, keys in [`SYNCED_SETTINGS`] only; one field, `value` (null: cleared).
    Settings,
    /// The industry list as one row `all` with field `names`.
    Industries,
    /// The rate table as one row `all` with field `rates`.
    Rates,
}

/// What a merged row needs after its travelling columns are written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum After {
    Nothing,
    /// Derived columns (CNY amount, origin place) and the search index.
    Project,
}

pub struct TableSpec {
    pub name: &'static str,
    pub shape: Shape,
}

const PROJECT_FIELDS: &[&str] = &[
    "id",
    "name",
    "company",
    "credit_code",
    "industry",
    "chain_link",
    "amount",
    "currency",
    "origin",
    "capital_type",
    "ownership",
    "is_headquarters",
    "stage",
    "lead_date",
    "negotiating_date",
    "signed_date",
    "construction_date",
    "production_date",
    "on_hold_date",
    "dropped_date",
    "team_id",
    "officer_id",
    "land_centi_mu",
    "annual_output_cny",
    "annual_tax_cny",
    "jobs",
    "next_step",
    "next_step_due",
    "notes",
    "tags",
    "snoozed_until",
    "snooze_reason",
    "merged_into",
    "created_at",
    "deleted_at",
];

/// Every table that rides the log, in the order a merge writes them (a row's references first).
pub const TABLES: &[TableSpec] = &[
    TableSpec {
        name: "teams",
        shape: Shape::Rows {
            key: "id",
            fields: &[
                "id",
                "name",
                "kind",
                "base_city",
                "focus_industries",
                "created_at",
                "deleted_at",
            ],
            stamps: true,
            latest_wins: &["deleted_at"],
            after: After::Nothing,
        },
    },
    TableSpec {
        name: "officers",
        shape: Shape::Rows {
            key: "id",
            fields: &[
                "id",
                "team_id",
                "name",
                "role",
                "phone",
                "created_at",
                "deleted_at",
            ],
            stamps: true,
            latest_wins: &["deleted_at"],
            after: After::Nothing,
        },
    },
    TableSpec {
        name: "projects",
        shape: Shape::Rows {
            key: "id",
            fields: PROJECT_FIELDS,
            stamps: true,
            latest_wins: &["stage", "deleted_at"],
            after: After::Project,
        },
    },
    TableSpec {
        name: "targets",
        shape: Shape::Rows {
            key: "id",
            fields: &[
                "id",
                "name",
                "year",
                "quarter",
                "month",
                "team_id",
                "industry",
                "metric",
                "min_cny",
                "value",
                "created_at",
                "deleted_at",
            ],
            stamps: true,
            latest_wins: &["deleted_at"],
            after: After::Nothing,
        },
    },
    TableSpec {
        name: "stage_moves",
        shape: Shape::Rows {
            key: "id",
            fields: &[
                "id",
                "project_id",
                "from_stage",
                "to_stage",
                "stage_date",
                "who",
                "reason",
                "recorded_at",
                "deleted_at",
            ],
            stamps: false,
            latest_wins: &["deleted_at"],
            after: After::Nothing,
        },
    },
    TableSpec {
        name: "activities",
        shape: Shape::Rows {
            key: "id",
            fields: &[
                "id",
                "kind",
                "status",
                "start_date",
                "start_time",
                "end_date",
                "end_time",
                "place",
                "officer_ids",
                "leader_present",
                "project_ids",
                "companies",
                "result",
                "next_step",
                "parent_id",
                "review",
                "review_comment",
                "created_at",
                "deleted_at",
            ],
            stamps: true,
            latest_wins: &["deleted_at"],
            after: After::Nothing,
        },
    },
    TableSpec {
        name: "chains",
        shape: Shape::Rows {
            key: "id",
            fields: &[
                "id",
                "name",
                "industry",
                "notes",
                "position",
                "created_at",
                "deleted_at",
            ],
            stamps: true,
            latest_wins: &["deleted_at"],
            after: After::Nothing,
        },
    },
    TableSpec {
        name: "chain_nodes",
        shape: Shape::Rows {
            key: "id",
            fields: &[
                "id",
                "chain_id",
                "parent_id",
                "segment",
                "name",
                "key_link",
                "position",
                "local_companies",
                "override_status",
                "override_reason",
                "created_at",
                "deleted_at",
            ],
            stamps: true,
            latest_wins: &["deleted_at"],
            after: After::Nothing,
        },
    },
    TableSpec {
        name: "project_links",
        shape: Shape::Rows {
            key: "id",
            fields: &["id", "project_id", "node_id", "created_at", "deleted_at"],
            stamps: true,
            latest_wins: &["deleted_at"],
            after: After::Nothing,
        },
    },
    TableSpec {
        name: "target_companies",
        shape: Shape::Rows {
            key: "id",
            fields: &[
                "id",
                "name",
                "credit_code",
                "city",
                "priority",
                "chain_leader",
                "officer_id",
                "contact",
                "notes",
                "project_id",
                "node_ids",
                "created_at",
                "deleted_at",
            ],
            stamps: true,
            latest_wins: &["deleted_at"],
            after: After::Nothing,
        },
    },
    TableSpec {
        name: "settings",
        shape: Shape::Settings,
    },
    TableSpec {
        name: "industries",
        shape: Shape::Industries,
    },
    TableSpec {
        name: "rates",
        shape: Shape::Rates,
    },
];

pub fn spec(table: &str) -> Option<&'static TableSpec> {
    TABLES.iter().find(|t| t.name == table)
}

pub fn table_order(table: &str) -> usize {
    TABLES
        .iter()
        .position(|t| t.name == table)
        .unwrap_or(usize::MAX)
}

impl TableSpec {
    /// The fields a row of this table carries, in order.
    /// The fields a row of this table carries, in order. Fields are only ever appended to a
    /// registration, never reordered or removed: a created row is stored as an array in this
    /// order, and an older, shorter array still reads right.
    pub fn field_names(&self) -> &'static [&'static str] {
        match &self.shape {
            Shape::Rows { fields, .. } => fields,
            Shape::Settings => &["value"],
            Shape::Industries => &["names"],
            Shape::Rates => &["rates"],
        }
    }

    pub(super) fn latest_wins(&self, field: &str) -> bool {
        match &self.shape {
            Shape::Rows { latest_wins, .. } => latest_wins.contains(&field),
            _ => false,
        }
    }
}

/// The rows a write touches: the [`TABLES`] registration's other half.
pub fn touched_rows(write: &Write, out: &mut Vec<(&'static str, String)>) {
    let mut push = |table: &'static str, key: String| out.push((table, key));
    match write {
        Write::PutProject(p) => push("projects", p.id.to_string()),
        Write::DeleteProject(id) => push("projects", id.to_string()),
        Write::DeleteProjects(ids) | Write::RestoreProjects(ids) => {
            for id in ids {
                push("projects", id.to_string());
            }
        }
        Write::PutPackedProjects(packed) => {
            for one in packed {
                push("projects", one.id().to_string());
            }
        }
        Write::SetSnooze { project, .. } => push("projects", project.to_string()),
        Write::PutTeam(t) => push("teams", t.id.to_string()),
        Write::DeleteTeam(id) => push("teams", id.to_string()),
        Write::PutOfficer(o) => push("officers", o.id.to_string()),
        Write::DeleteOfficer(id) => push("officers", id.to_string()),
        Write::PutTarget(t) => push("targets", t.id.to_string()),
        Write::DeleteTarget(id) => push("targets", id.to_string()),
        Write::PutStageMove(m) => push("stage_moves", m.id.to_string()),
        Write::DeleteStageMove(id) => push("stage_moves", id.to_string()),
        Write::PutActivity(a) => push("activities", a.id.to_string()),
        Write::DeleteActivity(id) => push("activities", id.to_string()),
        Write::PutChain(c) => push("chains", c.id.to_string()),
        Write::DeleteChain(id) => push("chains", id.to_string()),
        Write::PutChainNode(n) => push("chain_nodes", n.id.to_string()),
        Write::DeleteChainNode(id) => push("chain_nodes", id.to_string()),
        Write::SetLinkOverride { node, .. } => push("chain_nodes", node.to_string()),
        Write::PutProjectLink(l) => push("project_links", l.id.to_string()),
        Write::DeleteProjectLink(id) => push("project_links", id.to_string()),
        Write::PutTargetCompany(c) => push("target_companies", c.id.to_string()),
        Write::DeleteTargetCompany(id) => push("target_companies", id.to_string()),
        Write::SetIndustries(_) => push("industries", "all".into()),
        Write::SetRates(_) => push("rates", "all".into()),
        Write::SetTiers(_) => push("settings", "tiers".into()),
        Write::SetSetting(key, _) | Write::ClearSetting(key) => {
            if SYNCED_SETTINGS.contains(&key.as_str()) {
                push("settings", key.clone());
            }
        }
    }
}

/// The current travelling fields of a row, or None when it is not there.
pub(super) fn read_fields(
    conn: &Connection,
    table: &TableSpec,
    key: &str,
) -> Result<Option<Fields>> {
    match &table.shape {
        Shape::Rows { fields, .. } => {
            let mut stmt = conn.prepare_cached(read_sql(table))?;
            let mut rows = stmt.query([key])?;
            let Some(row) = rows.next()? else {
                return Ok(None);
            };
            let mut out = Fields::new();
            for (i, f) in fields.iter().enumerate() {
                out.insert((*f).to_owned(), json_of(row.get_ref(i)?));
            }
            Ok(Some(out))
        }
        Shape::Settings => {
            let value: Option<String> = conn
                .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?;
            Ok(value.map(|v| Fields::from_iter([("value".to_owned(), Value::String(v))])))
        }
        Shape::Industries => {
            let mut stmt =
                conn.prepare_cached("SELECT name FROM industries ORDER BY position, name")?;
            let names = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Some(Fields::from_iter([(
                "names".to_owned(),
                Value::from(names),
            )])))
        }
        Shape::Rates => {
            let mut stmt = conn.prepare_cached(
                "SELECT currency, effective, cny_per_unit_micro FROM rates ORDER BY currency, effective",
            )?;
            let rates = stmt
                .query_map([], |r| {
                    Ok(Value::Array(vec![
                        Value::from(r.get::<_, String>(0)?),
                        Value::from(r.get::<_, String>(1)?),
                        Value::from(r.get::<_, i64>(2)?),
                    ]))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Some(Fields::from_iter([(
                "rates".to_owned(),
                Value::Array(rates),
            )])))
        }
    }
}

/// The keys of a table's rows that the log knows as live (for the first entries of a
/// migrated file and for the canonical dump).
pub(super) fn row_keys(
    conn: &Connection,
    table: &TableSpec,
    live_only: bool,
) -> Result<Vec<String>> {
    let sql = match &table.shape {
        Shape::Rows { key, .. } => {
            let filter = if live_only {
                " WHERE deleted_at IS NULL"
            } else {
                ""
            };
            format!("SELECT {key} FROM {}{filter} ORDER BY {key}", table.name)
        }
        Shape::Settings => {
            let keys: Vec<String> = SYNCED_SETTINGS.iter().map(|k| format!("'{k}'")).collect();
            format!(
                "SELECT key FROM settings WHERE key IN ({}) ORDER BY key",
                keys.join(", ")
            )
        }
        Shape::Industries | Shape::Rates => return Ok(vec!["all".into()]),
    };
    let mut stmt = conn.prepare(&sql)?;
    let keys = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(keys)
}

/// The statement that reads a row's travelling fields, made once per table.
pub(super) fn read_sql(table: &TableSpec) -> &'static str {
    static SQL: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    let all = SQL.get_or_init(|| {
        TABLES
            .iter()
            .filter_map(|t| match &t.shape {
                Shape::Rows { key, fields, .. } => Some((
                    t.name,
                    format!(
                        "SELECT {} FROM {} WHERE {key} = ?1",
                        fields.join(", "),
                        t.name
                    ),
                )),
                _ => None,
            })
            .collect()
    });
    all.iter()
        .find(|(name, _)| *name == table.name)
        .map(|(_, sql)| sql.as_str())
        .unwrap_or("SELECT NULL WHERE 0")
}

/// The statement that logs, in one pass, a created entry for every row of `table` whose key
/// is in the JSON array `?5` and that has no entry yet (`?1` site, `?2` the seq before the
/// first, `?3` clock, `?4` officer), returning the keys it logged; None for a table that is
/// not an ordinary one. The value is [`super::changelog::HELD_BY_ROW`]: the row holds it
/// until it first changes (migration 11's triggers), and readers make it from the row.
pub(super) fn bulk_created_sql(table: &TableSpec) -> Option<&'static str> {
    static SQL: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    let all = SQL.get_or_init(|| {
        TABLES
            .iter()
            .filter_map(|t| match &t.shape {
                // The readers make a held value with `json_array`, which takes at most 127
                // arguments.
                Shape::Rows { key, fields, .. } if fields.len() <= 127 => Some((
                    t.name,
                    format!(
                        "INSERT INTO sync_log (site, seq, clock, officer, tbl, row_id, field, \
                         value, base, seen) \
                         SELECT ?1, ?2 + row_number() OVER (ORDER BY k.key), ?3, ?4, '{name}', \
                         r.{key}, NULL, '{held}', '[]', NULL \
                         FROM json_each(?5) AS k JOIN {name} AS r ON r.{key} = k.value \
                         WHERE NOT EXISTS (SELECT 1 FROM sync_log AS l \
                         WHERE l.tbl = '{name}' AND l.row_id = k.value) \
                         RETURNING row_id",
                        name = t.name,
                        held = super::changelog::HELD_BY_ROW,
                    ),
                )),
                _ => None,
            })
            .collect()
    });
    all.iter()
        .find(|(name, _)| *name == table.name)
        .map(|(_, sql)| sql.as_str())
}

// --- What a merged project row derives ---------------------------------------------------

pub(super) fn rates_in(conn: &Connection) -> Result<RateTable> {
    let mut stmt = conn.prepare_cached(
        "SELECT currency, effective, cny_per_unit_micro FROM rates ORDER BY currency, effective",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let effective: String = r.get(1)?;
        if let (Some(currency), Ok(effective)) = (
            Currency::from_code(&code),
            chrono::NaiveDate::parse_from_str(&effective, "%Y-%m-%d"),
        ) {
            out.push(Rate {
                currency,
                effective,
                cny_per_unit_micro: r.get(2)?,
            });
        }
    }
    Ok(RateTable::new(out))
}

/// Search-index work left for the end of a merge (see records.rs for why last), and the
/// rate table read once for every project the merge writes.
#[derive(Default)]
pub(super) struct Search {
    ops: Vec<(i64, bool, Option<String>)>,
    pub rates: Option<RateTable>,
    /// The index is made anew at the end (a merge of many projects): no words per row.
    pub rebuild: bool,
}

impl Search {
    pub fn new(rebuild: bool) -> Search {
        Search {
            rebuild,
            ..Search::default()
        }
    }

    pub fn apply(self, tx: &Transaction) -> Result<()> {
        if self.rebuild || self.ops.len() >= records::BULK_PROJECTS {
            return records::rebuild_search_index(tx);
        }
        let mut remove = tx.prepare_cached("DELETE FROM project_search WHERE rowid = ?1")?;
        let mut add =
            tx.prepare_cached("INSERT INTO project_search (rowid, tokens) VALUES (?1, ?2)")?;
        // Every removal before every addition: a removal between additions makes FTS5 write
        // out what it holds, one tiny segment per project to merge again (a merge of 1,000
        // changed notes into 100,000 projects took seconds).
        for (seq, _, _) in self.ops.iter().filter(|op| op.1) {
            remove.execute([seq])?;
        }
        for (seq, _, tokens) in &self.ops {
            if let Some(tokens) = tokens {
                add.execute(params![seq, tokens])?;
            }
        }
        Ok(())
    }
}

/// The project columns a CNY figure or an origin place is made from.
const DERIVED_FROM: &[&str] = &[
    "amount",
    "currency",
    "origin",
    "lead_date",
    "negotiating_date",
    "signed_date",
    "construction_date",
    "production_date",
    "on_hold_date",
    "dropped_date",
];
/// The project columns its search words are made from (and whether it is live).
const SEARCHED: &[&str] = &["name", "company", "notes", "credit_code", "deleted_at"];

/// A merged project's CNY figure, origin place and search words, as a local write makes them;
/// for an existing row (`changed`), only what the changed fields derive.
pub(super) fn refresh_project(
    tx: &Transaction,
    id: &str,
    changed: Option<&Fields>,
    search: &mut Search,
) -> Result<()> {
    let touches =
        |columns: &[&str]| changed.is_none_or(|c| columns.iter().any(|f| c.contains_key(*f)));
    let (derived, words) = (touches(DERIVED_FROM), touches(SEARCHED));
    if !derived && !words {
        return Ok(());
    }
    let existed = changed.is_some();
    let sql = format!(
        "SELECT {}, seq, deleted_at FROM projects WHERE id = ?1",
        records::PROJECT_COLUMNS
    );
    let mut stmt = tx.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    let Some(row) = rows.next()? else {
        return Ok(());
    };
    let project = project_from_row(row)?;
    let seq: i64 = row.get(30)?;
    let deleted: Option<String> = row.get(31)?;
    drop(rows);
    if words && search.rebuild {
        search.ops.push((seq, existed, None));
    } else if words {
        let tokens = deleted.is_none().then(|| {
            search::index_tokens(&[
                &project.name,
                &project.company,
                &project.notes,
                &project.credit_code,
            ])
        });
        search.ops.push((seq, existed, tokens));
    }
    if !derived {
        return Ok(());
    }
    let place = normalize_origin(&project.origin);
    if search.rates.is_none() {
        search.rates = Some(rates_in(tx)?);
    }
    let cny = search
        .rates
        .as_ref()
        .and_then(|rates| records::cny_of(&project, rates));
    tx.prepare_cached(
        "UPDATE projects SET amount_cny = ?2, origin_place = ?3, origin_province = ?4, \
         origin_country = ?5, origin_region = ?6 WHERE id = ?1",
    )?
    .execute(params![
        id,
        cny,
        place.as_ref().map(|pl| pl.label()),
        place.as_ref().and_then(|pl| pl.province),
        place.as_ref().map(|pl| pl.country),
        place.as_ref().map(|pl| pl.region.code()),
    ])?;
    Ok(())
}

/// The columns [`new_project_derived`] gives values for, in its order.
pub(super) const DERIVED_COLUMNS: [&str; 5] = [
    "amount_cny",
    "origin_place",
    "origin_province",
    "origin_country",
    "origin_region",
];

/// A new project's derived columns, made from its merged fields as a local write makes them
/// and checked as reading the row back would check them, without that read and a second
/// write: the CNY figure and the origin place (label, province, country, region).
pub(super) fn new_project_derived(
    tx: &Transaction,
    fields: &Fields,
    search: &mut Search,
) -> Result<[rusqlite::types::Value; 5]> {
    let text = |f: &'static str| fields.get(f).and_then(Value::as_str);
    let date = |f: &'static str| {
        text(f)
            .map(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| bad(f, t)))
            .transpose()
    };
    for f in ["id", "team_id", "officer_id"] {
        if let Some(t) = text(f) {
            records::parse_uuid(f, t)?;
        }
    }
    let stage = text("stage").unwrap_or_default();
    Stage::from_code(stage).ok_or_else(|| bad("stage", stage))?;
    let tags = text("tags").unwrap_or("[]");
    serde_json::from_str::<Vec<String>>(tags).map_err(|_| bad("tags", tags))?;
    date("next_step_due")?;
    static BLANK: std::sync::OnceLock<Project> = std::sync::OnceLock::new();
    let mut project = BLANK.get_or_init(|| Project::new("")).clone();
    for (slot, column) in project.stage_dates.iter_mut().zip(&DERIVED_FROM[3..]) {
        *slot = date(column)?;
    }
    let units = fields.get("amount").and_then(Value::as_i64);
    project.investment = match (units, text("currency")) {
        (Some(units), Some(code)) => Some(Money {
            units,
            currency: Currency::from_code(code).ok_or_else(|| bad("currency", code))?,
        }),
        _ => None,
    };
    if search.rates.is_none() {
        search.rates = Some(rates_in(tx)?);
    }
    let cny = search
        .rates
        .as_ref()
        .and_then(|rates| records::cny_of(&project, rates));
    let place = normalize_origin(text("origin").unwrap_or_default());
    let opt = |v: Option<String>| v.map_or(rusqlite::types::Value::Null, Into::into);
    Ok([
        cny.map_or(rusqlite::types::Value::Null, Into::into),
        opt(place.as_ref().map(|pl| pl.label())),
        opt(place.as_ref().and_then(|pl| pl.province).map(str::to_owned)),
        opt(place.as_ref().map(|pl| pl.country.to_owned())),
        opt(place.as_ref().map(|pl| pl.region.code().to_owned())),
    ])
}

/// A new project's search words (none while it is deleted), for [`Search`].
pub(super) fn new_project_words(search: &mut Search, seq: i64, fields: &Fields) {
    if search.rebuild {
        return;
    }
    let text = |f: &str| fields.get(f).and_then(Value::as_str).unwrap_or_default();
    let live = fields.get("deleted_at").is_none_or(Value::is_null);
    let tokens = live.then(|| {
        search::index_tokens(&[
            text("name"),
            text("company"),
            text("notes"),
            text("credit_code"),
        ])
    });
    search.ops.push((seq, false, tokens));
}
