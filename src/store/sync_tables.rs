//! The tables that ride the change log: how each is read and written, and which rows a
//! write touches. See `changelog` for how to register a new one.

use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

use super::Result;
use super::changelog::{Fields, json_of};
use super::records::Write;

/// The settings that are the team's, not one laptop's (officer chosen as "me", column
/// mappings, the first-run flag stay home).
pub const SYNCED_SETTINGS: &[&str] = &[
    "tiers",
    super::targets::ELAPSED_COUNTING_KEY,
    super::activities::ACTIVITY_TYPES_KEY,
    super::activities::REVIEWED_ONLY_KEY,
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
            Ok(value.map(|v| Fields::from([("value".to_owned(), Value::String(v))])))
        }
        Shape::Industries => {
            let mut stmt =
                conn.prepare_cached("SELECT name FROM industries ORDER BY position, name")?;
            let names = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Some(Fields::from([(
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
            Ok(Some(Fields::from([(
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
fn read_sql(table: &TableSpec) -> &'static str {
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
