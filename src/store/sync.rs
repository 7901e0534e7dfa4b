//! The store's side of 同步: reading entries out for a bundle, merging entries in (one
//! transaction), writing a row from its resolved fields, conflicts, receipts, sites, the
//! canonical dump and a project's 变更记录. The decisions live in `crate::sync`.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde_json::Value;

use super::changelog::{
    self, Entry, Fields, Head, RowState, Shape, TableSpec, entry_from_row, read_fields,
    resolve_row, row_entries,
};
use super::records::{self, project_from_row};
use super::{Result, Store, StoreError, search};
use crate::domain::Currency;
use crate::domain::RateTable;
use crate::domain::money::Rate;
use crate::domain::region::normalize_origin;

/// An entry as the log stores it: `value`, `base` and `seen` are JSON text (a created row's
/// value an array in its table's field order, see `changelog::stored_value`).
#[derive(Debug, Clone)]
pub struct RawEntry {
    pub site: String,
    pub seq: i64,
    pub clock: i64,
    pub officer: String,
    pub table: String,
    pub row: String,
    pub field: Option<String>,
    pub value: String,
    pub base: String,
    pub seen: Option<String>,
}

impl RawEntry {
    /// The entry read.
    pub fn parse(self) -> Entry {
        let parse = |t: &str| serde_json::from_str::<Value>(t).unwrap_or(Value::Null);
        let value =
            changelog::value_from_stored(&self.table, self.field.is_none(), parse(&self.value));
        Entry {
            base: changelog::parse_versions(&parse(&self.base)),
            seen: self
                .seen
                .as_deref()
                .map(parse)
                .as_ref()
                .and_then(changelog::parse_seen),
            site: self.site,
            seq: self.seq,
            clock: self.clock,
            officer: self.officer,
            table: self.table,
            row: self.row,
            field: self.field,
            value,
        }
    }
}

/// Who sent a bundle and what they said they hold (their acknowledgement).
#[derive(Debug, Clone, Default)]
pub struct MergeMeta {
    pub bundle_id: String,
    pub from_site: String,
    pub officer: String,
    pub officer_name: String,
    pub team_name: String,
    /// Per site, the last seq the sender holds.
    pub acked: BTreeMap<String, i64>,
}

/// Per table: rows new, changed, deleted by a merge.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct TableCounts {
    pub new: usize,
    pub changed: usize,
    pub deleted: usize,
}

/// What a merge did (or, dry, would do).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct MergeReport {
    pub entries: usize,
    pub tables: BTreeMap<String, TableCounts>,
    /// Fields in conflict after the merge that were not before.
    pub new_conflicts: usize,
    pub receipt: Option<String>,
}

/// One row a merge changed: its fields before (None: it was new) and after.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RowChange {
    pub table: String,
    pub row: String,
    pub before: Option<Fields>,
    pub after: Fields,
}

/// A 合并记录.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Receipt {
    pub id: String,
    pub received_at: String,
    pub bundle_id: String,
    pub from_site: String,
    pub officer: String,
    pub summary: Value,
    pub changes: Vec<RowChange>,
    pub reverted_at: Option<String>,
}

/// A local write of some fields of a row through the log (a conflict resolved, a 撞单
/// folded, a merge reverted). `force`: an entry even where the value is unchanged.
#[derive(Debug, Clone)]
pub struct FieldWrite {
    pub table: String,
    pub row: String,
    pub fields: Fields,
    pub force: bool,
}

/// A field (or a row's delete) in conflict, with its competing versions, default first.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ConflictRow {
    pub id: i64,
    pub table: String,
    pub row: String,
    pub field: String,
    pub heads: Vec<Head>,
    /// A delete against an edit rather than two values of one field.
    pub delete: bool,
    /// Which of `heads` is this file's own (authored here, or here first).
    pub mine: usize,
    pub theirs: usize,
}

/// One site heard from, for the 同步 screen and "数据截至".
#[derive(Debug, Clone, serde::Serialize)]
pub struct SiteRow {
    pub site: String,
    pub is_local: bool,
    pub officer: String,
    pub officer_name: String,
    pub team_name: String,
    pub max_seq: i64,
    pub max_clock: i64,
    pub received_at: Option<String>,
    pub received_bundle: Option<String>,
    pub received_changes: i64,
    pub sent_at: Option<String>,
    pub sent_bundle: Option<String>,
}

/// One line of a project's 变更记录.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FieldChange {
    /// None: the row was created (or first logged) with every field.
    pub field: Option<String>,
    pub old: Value,
    pub new: Value,
    pub officer: String,
    pub officer_name: String,
    pub at: Option<chrono::NaiveDateTime>,
    pub site: String,
    pub seq: i64,
}

fn rates_in(conn: &Connection) -> Result<RateTable> {
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
struct Search {
    ops: Vec<(i64, bool, Option<String>)>,
    rates: Option<RateTable>,
}

impl Search {
    fn apply(self, tx: &Transaction) -> Result<()> {
        if self.ops.len() >= records::BULK_PROJECTS {
            return records::rebuild_search_index(tx);
        }
        let mut remove = tx.prepare_cached("DELETE FROM project_search WHERE rowid = ?1")?;
        let mut add =
            tx.prepare_cached("INSERT INTO project_search (rowid, tokens) VALUES (?1, ?2)")?;
        for (seq, existed, tokens) in self.ops {
            if existed {
                remove.execute([seq])?;
            }
            if let Some(tokens) = tokens {
                add.execute(params![seq, tokens])?;
            }
        }
        Ok(())
    }
}

/// Writes a row's travelling fields (the values its entries resolve to) and what derives
/// from them.
fn write_row(
    tx: &Transaction,
    table: &TableSpec,
    key: &str,
    fields: &Fields,
    existed: bool,
    now: &str,
    search: &mut Search,
) -> Result<()> {
    match &table.shape {
        Shape::Rows {
            key: key_column,
            stamps,
            after,
            ..
        } => {
            let mut columns: Vec<&str> = vec![key_column];
            let mut values: Vec<rusqlite::types::Value> = vec![key.to_owned().into()];
            let known = table.field_names();
            for (f, v) in fields {
                // A field this build does not have stays in the log only.
                if f != key_column && known.contains(&f.as_str()) {
                    columns.push(f);
                    values.push(changelog::sql_of(v));
                }
            }
            let mut updates: Vec<String> = columns[1..]
                .iter()
                .map(|c| format!("{c} = excluded.{c}"))
                .collect();
            if *stamps {
                columns.push("updated_at");
                values.push(now.to_owned().into());
                updates.push("updated_at = excluded.updated_at".into());
                if !fields.contains_key("created_at") {
                    columns.push("created_at");
                    values.push(now.to_owned().into());
                }
            }
            let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
            let conflict = if updates.is_empty() {
                "DO NOTHING".to_owned()
            } else {
                format!("DO UPDATE SET {}", updates.join(", "))
            };
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT({key_column}) {conflict}",
                table.name,
                columns.join(", "),
                marks.join(", ")
            );
            tx.prepare_cached(&sql)?
                .execute(rusqlite::params_from_iter(values))?;
            if *after == changelog::After::Project {
                refresh_project(tx, key, existed, search)?;
            }
        }
        Shape::Settings => match fields.get("value") {
            Some(Value::String(v)) => {
                tx.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                    params![key, v],
                )?;
            }
            _ => {
                tx.execute("DELETE FROM settings WHERE key = ?1", [key])?;
            }
        },
        Shape::Industries => {
            tx.execute("DELETE FROM industries", [])?;
            let names = fields.get("names").and_then(Value::as_array);
            for (i, name) in names.into_iter().flatten().enumerate() {
                tx.execute(
                    "INSERT OR IGNORE INTO industries (name, position) VALUES (?1, ?2)",
                    params![name.as_str().unwrap_or_default(), i as i64 + 1],
                )?;
            }
        }
        Shape::Rates => {
            tx.execute("DELETE FROM rates", [])?;
            let rates = fields.get("rates").and_then(Value::as_array);
            for r in rates.into_iter().flatten() {
                tx.execute(
                    "INSERT OR REPLACE INTO rates (currency, effective, cny_per_unit_micro) \
                     VALUES (?1, ?2, ?3)",
                    params![
                        r.get(0).and_then(Value::as_str).unwrap_or_default(),
                        r.get(1).and_then(Value::as_str).unwrap_or_default(),
                        r.get(2).and_then(Value::as_i64).unwrap_or(1).max(1)
                    ],
                )?;
            }
            let rates = rates_in(tx)?;
            records::recompute_cny(tx, &rates)?;
            search.rates = Some(rates);
        }
    }
    Ok(())
}

/// A merged project's CNY figure, origin place and search words, as a local write makes them.
fn refresh_project(tx: &Transaction, id: &str, existed: bool, search: &mut Search) -> Result<()> {
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
    let tokens = deleted.is_none().then(|| {
        search::index_tokens(&[
            &project.name,
            &project.company,
            &project.notes,
            &project.credit_code,
        ])
    });
    search.ops.push((seq, existed, tokens));
    Ok(())
}

fn counts_for<'a>(report: &'a mut MergeReport, table: &str) -> &'a mut TableCounts {
    report.tables.entry(table.to_owned()).or_default()
}

/// Groups entries by row, tables in merge order, rows in first-seen order.
fn group_by_row(incoming: Vec<Entry>) -> Vec<((String, String), Vec<Entry>)> {
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut groups: Vec<((String, String), Vec<Entry>)> = Vec::new();
    for e in incoming {
        let key = (e.table.clone(), e.row.clone());
        match index.get(&key) {
            Some(&i) => groups[i].1.push(e),
            None => {
                index.insert(key.clone(), groups.len());
                groups.push((key, vec![e]));
            }
        }
    }
    groups.sort_by_key(|((t, _), _)| changelog::table_order(t));
    groups
}

impl Store {
    /// The store clock's stamp for now (a deleted_at written by a sync step).
    pub fn sync_now(&self) -> String {
        self.now_stamp()
    }

    /// This file's site id.
    pub fn sync_site(&self) -> Result<String> {
        Ok(changelog::local_site(&self.conn)?.site)
    }

    /// Per site heard from (and this file's own), the last seq held: what this file
    /// acknowledges in every bundle it sends.
    pub fn sync_heads(&self) -> Result<BTreeMap<String, i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT site, max_seq FROM sync_sites WHERE max_seq > 0 ORDER BY site")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What `site` said it holds in the last bundle it sent here, if it ever sent one.
    pub fn sync_acked_by(&self, site: &str) -> Result<Option<BTreeMap<String, i64>>> {
        let acked: Option<String> = self
            .conn
            .query_row(
                "SELECT acked FROM sync_sites WHERE site = ?1 AND received_at IS NOT NULL",
                [site],
                |r| r.get(0),
            )
            .optional()?;
        Ok(acked.and_then(|a| serde_json::from_str(&a).ok()))
    }

    /// The entry stored at (site, seq).
    pub fn sync_entry(&self, site: &str, seq: i64) -> Result<Option<Entry>> {
        changelog::entry_at(&self.conn, site, seq)
    }

    /// Calls `f` with each entry of `site` after `after`, in seq order.
    pub fn sync_entries_after(
        &self,
        site: &str,
        after: i64,
        mut f: impl FnMut(Entry) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT site, seq, clock, officer, tbl, row_id, field, value, base, seen \
             FROM sync_log WHERE site = ?1 AND seq > ?2 ORDER BY seq",
        )?;
        let mut rows = stmt.query(params![site, after])?;
        while let Some(r) = rows.next()? {
            f(entry_from_row(r)?)?;
        }
        Ok(())
    }

    /// Like [`Store::sync_entries_after`], with each entry as stored (a bundle copies the
    /// values without reading them).
    pub fn sync_raw_entries_after(
        &self,
        site: &str,
        after: i64,
        mut f: impl FnMut(RawEntry) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT site, seq, clock, officer, tbl, row_id, field, value, base, seen \
             FROM sync_log WHERE site = ?1 AND seq > ?2 ORDER BY seq",
        )?;
        let mut rows = stmt.query(params![site, after])?;
        while let Some(r) = rows.next()? {
            f(RawEntry {
                site: r.get(0)?,
                seq: r.get(1)?,
                clock: r.get(2)?,
                officer: r.get(3)?,
                table: r.get(4)?,
                row: r.get(5)?,
                field: r.get(6)?,
                value: r.get(7)?,
                base: r.get(8)?,
                seen: r.get(9)?,
            })?;
        }
        Ok(())
    }

    /// The officer chosen as "me" in this file, and their name and team, for a manifest.
    pub fn sync_me(&self) -> Result<(String, String, String)> {
        let officer = self.setting("my_officer")?.unwrap_or_default();
        let names: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT o.name, coalesce(t.name, '') FROM officers o \
                 LEFT JOIN teams t ON t.id = o.team_id WHERE o.id = ?1",
                [&officer],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (name, team) = names.unwrap_or_default();
        Ok((officer, name, team))
    }

    /// Notes that a bundle was written (for `recipient`, when known).
    pub fn sync_note_sent(&mut self, recipient: Option<&str>, bundle_id: &str) -> Result<()> {
        self.ensure_intact()?;
        let now = self.now_stamp();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let local = changelog::local_site(&tx)?.site;
        for site in [Some(local.as_str()), recipient].into_iter().flatten() {
            tx.execute(
                "INSERT INTO sync_sites (site, sent_at, sent_bundle) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(site) DO UPDATE SET sent_at = ?2, sent_bundle = ?3",
                params![site, now, bundle_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Merges entries already checked to continue this file's (see `crate::sync`), in one
    /// transaction; `dry_run` computes the same report and writes nothing.
    pub fn merge_entries(
        &mut self,
        incoming: Vec<Entry>,
        meta: &MergeMeta,
        dry_run: bool,
    ) -> Result<MergeReport> {
        self.ensure_intact()?;
        let now = self.now_stamp();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        let mut report = MergeReport {
            entries: incoming.len(),
            ..MergeReport::default()
        };
        let mut site_max: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        for e in &incoming {
            let m = site_max.entry(e.site.clone()).or_default();
            *m = (m.0.max(e.seq), m.1.max(e.clock));
        }
        let groups = group_by_row(incoming);
        let projects = groups.iter().filter(|((t, _), _)| t == "projects").count();
        let rebuild = if dry_run {
            Vec::new()
        } else {
            records::set_aside_project_indexes(&tx, projects)?
        };
        let mut search = Search::default();
        let mut changes = Vec::new();
        for ((table, row), new) in groups {
            let Some(spec) = changelog::spec(&table) else {
                // A table of a newer build: kept, so it travels on, but not shown here.
                for e in &new {
                    changelog::insert_entry(&tx, e)?;
                }
                continue;
            };
            let before = read_fields(&tx, spec, &row)?;
            // A row of an ordinary table that is not there has no entries here yet.
            let mut entries = match (&before, &spec.shape) {
                (None, Shape::Rows { .. }) => Vec::new(),
                _ => row_entries(&tx, &table, &row)?,
            };
            let had = resolve_row(spec, &entries);
            for e in &new {
                changelog::insert_entry(&tx, e)?;
            }
            entries.extend(new);
            let state = resolve_row(spec, &entries);
            let after = state.values();
            merge_conflicts(&tx, &table, &row, &had, &state, &mut report)?;
            let changed: Fields = after
                .iter()
                .filter(|(f, v)| before.as_ref().and_then(|b| b.get(*f)) != Some(*v))
                .map(|(f, v)| (f.clone(), v.clone()))
                .collect();
            if changed.is_empty() && before.is_some() {
                continue;
            }
            if !dry_run {
                write_row(&tx, spec, &row, &after, before.is_some(), &now, &mut search)?;
            }
            let counts = counts_for(&mut report, &table);
            match &before {
                None => counts.new += 1,
                Some(_) if changed.get("deleted_at").is_some_and(|v| !v.is_null()) => {
                    counts.deleted += 1
                }
                Some(_) => counts.changed += 1,
            }
            let before = before.map(|b| {
                changed
                    .keys()
                    .map(|f| (f.clone(), b.get(f).cloned().unwrap_or_default()))
                    .collect()
            });
            let after = if before.is_some() {
                changed
            } else {
                Fields::new()
            };
            changes.push(RowChange {
                table,
                row,
                before,
                after,
            });
        }
        if dry_run {
            drop(tx);
            return Ok(report);
        }
        for create in rebuild {
            tx.execute_batch(&create)?;
        }
        search.apply(&tx)?;
        note_sites(&tx, &site_max, meta, report.entries, &now)?;
        let id = uuid::Uuid::now_v7().to_string();
        tx.execute(
            "INSERT INTO sync_receipts (id, received_at, bundle_id, from_site, officer, summary, \
             changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                now,
                meta.bundle_id,
                meta.from_site,
                meta.officer_name,
                serde_json::to_string(&report).unwrap_or_default(),
                serde_json::to_string(&changes).unwrap_or_default(),
            ],
        )?;
        tx.commit()?;
        report.receipt = Some(id);
        Ok(report)
    }
}

fn merge_conflicts(
    tx: &Transaction,
    table: &str,
    row: &str,
    had: &RowState,
    state: &RowState,
    report: &mut MergeReport,
) -> Result<()> {
    let before = had.conflicted_fields();
    let after = state.conflicted_fields();
    report.new_conflicts += after.iter().filter(|f| !before.contains(f)).count();
    if !before.is_empty() || !after.is_empty() {
        changelog::refresh_conflicts(tx, table, row, state)?;
    }
    Ok(())
}

/// After a merge: every site's last seq and clock here, the sender's acknowledgement, and
/// this file's clock moved past everything it has seen.
fn note_sites(
    tx: &Transaction,
    site_max: &BTreeMap<String, (i64, i64)>,
    meta: &MergeMeta,
    entries: usize,
    now: &str,
) -> Result<()> {
    for (site, (seq, clock)) in site_max {
        tx.execute(
            "INSERT INTO sync_sites (site, max_seq, max_clock) VALUES (?1, ?2, ?3) \
             ON CONFLICT(site) DO UPDATE SET max_seq = max(max_seq, ?2), \
             max_clock = max(max_clock, ?3)",
            params![site, seq, clock],
        )?;
    }
    tx.execute(
        "INSERT INTO sync_sites (site) VALUES (?1) ON CONFLICT(site) DO NOTHING",
        [&meta.from_site],
    )?;
    tx.execute(
        "UPDATE sync_sites SET officer = ?2, officer_name = ?3, team_name = ?4, acked = ?5, \
         received_at = ?6, received_bundle = ?7, received_changes = received_changes + ?8 \
         WHERE site = ?1",
        params![
            meta.from_site,
            meta.officer,
            meta.officer_name,
            meta.team_name,
            serde_json::to_string(&meta.acked).unwrap_or_default(),
            now,
            meta.bundle_id,
            entries as i64
        ],
    )?;
    let mut local = changelog::local_site(tx)?;
    let seen = site_max.values().map(|(_, c)| *c).max().unwrap_or(0);
    local.clock = local.clock.max(seen);
    changelog::save_local(tx, &local)
}

impl Store {
    /// Writes fields of rows as a local change that travels (see [`FieldWrite`]).
    pub fn write_fields(&mut self, writes: &[FieldWrite]) -> Result<()> {
        self.ensure_intact()?;
        let now = self.now_stamp();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        let mut search = Search::default();
        let mut touched = Vec::new();
        let mut forced = Vec::new();
        for w in writes {
            let spec = changelog::spec(&w.table).ok_or_else(|| StoreError::BadValue {
                column: "table",
                value: w.table.clone(),
            })?;
            let current = read_fields(&tx, spec, &w.row)?;
            let existed = current.is_some();
            let mut fields = current.unwrap_or_default();
            fields.extend(w.fields.clone());
            write_row(&tx, spec, &w.row, &fields, existed, &now, &mut search)?;
            touched.push((spec.name, w.row.clone()));
            if w.force {
                for f in w.fields.keys() {
                    forced.push((w.table.clone(), w.row.clone(), f.clone()));
                }
            }
        }
        search.apply(&tx)?;
        changelog::record_rows(&tx, &touched, &forced, changelog::parse_stamp(&now))?;
        tx.commit()?;
        Ok(())
    }

    /// Marks a receipt as undone (its reverting write is made by `crate::sync`).
    pub fn sync_mark_reverted(&mut self, receipt: &str, reverted: bool) -> Result<()> {
        let now = self.now_stamp();
        self.conn.execute(
            "UPDATE sync_receipts SET reverted_at = ?2 WHERE id = ?1",
            params![receipt, reverted.then_some(now)],
        )?;
        Ok(())
    }

    /// The 合并记录, newest first (without their row changes).
    pub fn sync_receipts(&self) -> Result<Vec<Receipt>> {
        self.receipts_where(None, false)
    }

    /// One receipt with its row changes.
    pub fn sync_receipt(&self, id: &str) -> Result<Option<Receipt>> {
        Ok(self.receipts_where(Some(id), true)?.into_iter().next())
    }

    fn receipts_where(&self, id: Option<&str>, changes: bool) -> Result<Vec<Receipt>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, received_at, bundle_id, from_site, officer, summary, reverted_at, \
             CASE WHEN ?1 THEN changes ELSE '[]' END FROM sync_receipts \
             WHERE ?2 IS NULL OR id = ?2 ORDER BY received_at DESC, id DESC",
        )?;
        let mut rows = stmt.query(params![changes, id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let summary: String = r.get(5)?;
            let list: String = r.get(7)?;
            out.push(Receipt {
                id: r.get(0)?,
                received_at: r.get(1)?,
                bundle_id: r.get(2)?,
                from_site: r.get(3)?,
                officer: r.get(4)?,
                summary: serde_json::from_str(&summary).unwrap_or_default(),
                reverted_at: r.get(6)?,
                changes: serde_json::from_str(&list).unwrap_or_default(),
            });
        }
        Ok(out)
    }
}
