//! The store's side of 同步: reading entries out for a bundle, merging entries in (one
//! transaction), writing a row from its resolved fields, conflicts, receipts, sites, the
//! canonical dump and a project's 变更记录. The decisions live in `crate::sync`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use serde_json::Value;

use super::changelog::{
    self, Entry, Fields, RowState, Shape, TableSpec, read_fields, resolve_row, row_entries,
};
use super::records;
use super::sync_held::Holding;
pub use super::sync_rows::{
    ConflictRow, FieldChange, FieldWrite, MergeMeta, MergeReport, RawEntry, Receipt, RowChange,
    SiteRow, TableCounts,
};
use super::sync_tables::{
    DERIVED_COLUMNS, Search, new_project_derived, new_project_words, rates_in, refresh_project,
};
use super::{Result, Store, StoreError};

/// Writes a row's travelling fields (the values its entries resolve to) and what derives
/// from them. `changed`: the fields that differ from the row as it is (None: a new row), the
/// only columns an ordinary table's existing row gets written (every index over another
/// column stays untouched).
pub(super) fn write_row(
    tx: &Transaction,
    table: &TableSpec,
    key: &str,
    fields: &Fields,
    changed: Option<&Fields>,
    now: &str,
    search: &mut Search,
) -> Result<()> {
    match (&table.shape, changed) {
        (Shape::Rows { .. }, Some(changed)) => update_row(tx, table, key, changed, now, search)?,
        (Shape::Rows { .. }, None) => insert_row(tx, table, key, fields, now, search)?,
        (Shape::Settings, _) => match fields.get("value") {
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
        (Shape::Industries, _) => {
            tx.execute("DELETE FROM industries", [])?;
            let names = fields.get("names").and_then(Value::as_array);
            for (i, name) in names.into_iter().flatten().enumerate() {
                tx.execute(
                    "INSERT OR IGNORE INTO industries (name, position) VALUES (?1, ?2)",
                    params![name.as_str().unwrap_or_default(), i as i64 + 1],
                )?;
            }
        }
        (Shape::Rates, _) => {
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

/// An ordinary table's key column, whether it has stamps, and what a written row needs.
fn rows_shape(table: &TableSpec) -> Option<(&'static str, bool, changelog::After)> {
    match &table.shape {
        Shape::Rows {
            key, stamps, after, ..
        } => Some((key, *stamps, *after)),
        _ => None,
    }
}

/// The columns of `fields` this build has (a field it does not have stays in the log only),
/// other than the key, and their values.
fn known_columns<'f>(
    table: &TableSpec,
    key_column: &str,
    fields: &'f Fields,
) -> (Vec<&'f str>, Vec<rusqlite::types::Value>) {
    let known = table.field_names();
    fields
        .iter()
        .filter(|(f, _)| *f != key_column && known.contains(&f.as_str()))
        .map(|(f, v)| (f.as_str(), changelog::sql_of(v)))
        .unzip()
}

/// An existing row of an ordinary table: only its changed columns (and `updated_at`).
fn update_row(
    tx: &Transaction,
    table: &TableSpec,
    key: &str,
    changed: &Fields,
    now: &str,
    search: &mut Search,
) -> Result<()> {
    let Some((key_column, stamps, after)) = rows_shape(table) else {
        return Ok(());
    };
    let (mut columns, known) = known_columns(table, key_column, changed);
    if columns.is_empty() {
        return Ok(());
    }
    let mut values: Vec<rusqlite::types::Value> = vec![key.to_owned().into()];
    values.extend(known);
    if stamps {
        columns.push("updated_at");
        values.push(now.to_owned().into());
    }
    let sets: Vec<String> = (columns.iter().enumerate())
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect();
    let sql = format!(
        "UPDATE {} SET {} WHERE {key_column} = ?1",
        table.name,
        sets.join(", ")
    );
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    if after == changelog::After::Project {
        refresh_project(tx, key, Some(changed), search)?;
    }
    Ok(())
}

/// A new row of an ordinary table, with what derives from it (a project's CNY figure,
/// origin place and search words) in the same statement.
fn insert_row(
    tx: &Transaction,
    table: &TableSpec,
    key: &str,
    fields: &Fields,
    now: &str,
    search: &mut Search,
) -> Result<()> {
    let Some((key_column, stamps, after)) = rows_shape(table) else {
        return Ok(());
    };
    let project = after == changelog::After::Project;
    let derived = match project {
        true => Some(new_project_derived(tx, fields, search)?),
        false => None,
    };
    let mut values: Vec<Param> = vec![Param::Text(key)];
    let sql = match whole_row_insert(table, fields) {
        Some(sql) => {
            // The fields in name order, as the statement has them: no look-up per field.
            let others = fields.iter().filter(|(f, _)| *f != key_column);
            values.extend(others.map(|(_, v)| Param::Json(v)));
            values.extend(derived.into_iter().flatten().map(Param::Sql));
            if stamps {
                values.push(Param::Text(now));
            }
            std::borrow::Cow::Borrowed(sql)
        }
        None => {
            let (known, known_values) = known_columns(table, key_column, fields);
            let mut columns: Vec<&str> = vec![key_column];
            columns.extend(known);
            values.extend(known_values.into_iter().map(Param::Sql));
            if let Some(derived) = derived {
                columns.extend(DERIVED_COLUMNS);
                values.extend(derived.into_iter().map(Param::Sql));
            }
            if stamps {
                columns.push("updated_at");
                values.push(Param::Text(now));
                if !fields.contains_key("created_at") {
                    columns.push("created_at");
                    values.push(Param::Text(now));
                }
            }
            std::borrow::Cow::Owned(insert_sql(table.name, key_column, &columns, project))
        }
    };
    let mut stmt = tx.prepare_cached(&sql)?;
    if project {
        let seq: i64 = stmt.query_row(rusqlite::params_from_iter(values), |r| r.get(0))?;
        new_project_words(search, seq, fields);
    } else {
        stmt.execute(rusqlite::params_from_iter(values))?;
    }
    Ok(())
}

/// A value bound into a row's statement, a field's text without a copy (a full merge binds
/// some three million).
enum Param<'a> {
    Text(&'a str),
    Json(&'a Value),
    Sql(rusqlite::types::Value),
}

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Param::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
            Param::Json(Value::String(t)) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
            Param::Json(v) => ToSqlOutput::Owned(changelog::sql_of(v)),
            Param::Sql(v) => ToSqlOutput::Borrowed(v.into()),
        })
    }
}

/// An upsert of `columns` (the key first), a project's seq back.
fn insert_sql(table: &str, key: &str, columns: &[&str], project: bool) -> String {
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = columns[1..]
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let conflict = if updates.is_empty() {
        "DO NOTHING".to_owned()
    } else {
        format!("DO UPDATE SET {}", updates.join(", "))
    };
    let returning = if project { " RETURNING seq" } else { "" };
    format!(
        "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT({key}) {conflict}{returning}",
        columns.join(", "),
        marks.join(", ")
    )
}

/// The insert of a new row that has every field of its table (most of them), made once
/// per table: the key, the other fields in name order (a row's fields come in that order),
/// a project's derived columns, the stamps, and a project's seq back.
fn whole_row_insert(table: &TableSpec, fields: &Fields) -> Option<&'static str> {
    struct WholeRow {
        table: &'static str,
        /// Every field, in name order.
        names: Vec<&'static str>,
        sql: String,
    }
    static SQL: std::sync::OnceLock<Vec<WholeRow>> = std::sync::OnceLock::new();
    let all = SQL.get_or_init(|| {
        changelog::TABLES
            .iter()
            .filter_map(|t| {
                let (key, stamps, after) = rows_shape(t)?;
                let mut names = t.field_names().to_vec();
                names.sort_unstable();
                let mut columns: Vec<&str> = vec![key];
                columns.extend(names.iter().filter(|f| **f != key));
                let project = after == changelog::After::Project;
                if project {
                    columns.extend(DERIVED_COLUMNS);
                }
                if stamps {
                    columns.push("updated_at");
                }
                let sql = insert_sql(t.name, key, &columns, project);
                Some(WholeRow {
                    table: t.name,
                    names,
                    sql,
                })
            })
            .collect()
    });
    let whole = all.iter().find(|w| w.table == table.name)?;
    let every_field = fields.len() == whole.names.len()
        && fields.keys().zip(&whole.names).all(|(f, name)| f == name);
    every_field.then_some(whole.sql.as_str())
}

fn counts_for<'a>(report: &'a mut MergeReport, table: &str) -> &'a mut TableCounts {
    report.tables.entry(table.to_owned()).or_default()
}

/// The ordinary tables among `groups` that hold no row yet.
fn empty_tables(tx: &Transaction, groups: &[RowGroup]) -> Result<HashSet<&'static str>> {
    let mut out = HashSet::new();
    let mut asked = HashSet::new();
    for ((table, _), _) in groups {
        let Some(spec) = changelog::spec(table) else {
            continue;
        };
        if !matches!(spec.shape, Shape::Rows { .. }) || !asked.insert(spec.name) {
            continue;
        }
        let sql = format!("SELECT NOT EXISTS (SELECT 1 FROM {})", spec.name);
        if tx.query_row(&sql, [], |r| r.get::<_, bool>(0))? {
            out.insert(spec.name);
        }
    }
    Ok(out)
}

/// The statements a connection keeps prepared while it merges.
const STATEMENT_CACHE: usize = 64;

type RowGroup<'a> = ((&'a str, &'a str), Vec<&'a Entry>);

/// Groups entries by row, tables in merge order, rows in first-seen order.
fn group_by_row<'a>(incoming: &[&'a Entry]) -> Vec<RowGroup<'a>> {
    let mut index: HashMap<(&str, &str), usize> = HashMap::with_capacity(incoming.len());
    let mut groups: Vec<RowGroup> = Vec::new();
    for e in incoming {
        let key = (e.table.as_str(), e.row.as_str());
        match index.get(&key) {
            Some(&i) => groups[i].1.push(e),
            None => {
                index.insert(key, groups.len());
                groups.push((key, vec![e]));
            }
        }
    }
    groups.sort_by_key(|((t, _), _)| changelog::table_order(t));
    groups
}

/// One merge's state while it goes row by row.
struct RowMerge<'a> {
    tx: &'a Transaction<'a>,
    now: &'a str,
    dry_run: bool,
    search: Search,
    report: &'a mut MergeReport,
    /// Ordinary tables that held no row when the merge began (a first full bundle): a row of
    /// theirs is new without a look-up (each row comes once per merge).
    empty: HashSet<&'static str>,
    holding: Holding,
}

impl RowMerge<'_> {
    /// Merges one row's new entries: stored, resolved with the ones held, the row written
    /// when its values change; what changed, for the receipt.
    fn row(&mut self, table: &str, row: &str, new: &[&Entry]) -> Result<Option<RowChange>> {
        let tx = self.tx;
        let Some(spec) = changelog::spec(table) else {
            // A table of a newer build: kept, so it travels on, but not shown here.
            for e in new.iter().filter(|_| !self.dry_run) {
                changelog::insert_entry(tx, e)?;
            }
            return Ok(None);
        };
        let before = match self.empty.contains(spec.name) {
            true => None,
            false => read_fields(tx, spec, row)?,
        };
        // A row of an ordinary table that is not there has no entries here yet.
        let held = match (&before, &spec.shape) {
            (None, Shape::Rows { .. }) => Vec::new(),
            _ => row_entries(tx, table, row)?,
        };
        // A row that arrives whole and alone (most of a full bundle): its one entry's fields.
        let whole = match (held.is_empty(), new) {
            (true, [e]) if e.field.is_none() => e.value.as_object(),
            _ => None,
        };
        if !self.dry_run {
            match (whole, new) {
                // A new row written whole from its one entry holds that entry, as an
                // import's rows do: a first full bundle's log is then a fifth of the size.
                (Some(fields), [e])
                    if before.is_none() && self.holding.holds(tx, spec, row, fields)? =>
                {
                    changelog::insert_held_entry(tx, e)?
                }
                _ => {
                    for e in new {
                        changelog::insert_entry(tx, e)?;
                    }
                }
            }
        }
        let after: Cow<Fields> = match whole {
            Some(fields) => Cow::Borrowed(fields),
            None => {
                let had = resolve_row(spec, &held);
                let mut all: Vec<&Entry> = held.iter().collect();
                all.extend(new.iter().copied());
                let state = resolve_row(spec, &all);
                merge_conflicts(tx, table, row, (&had, &state), self.report, self.dry_run)?;
                Cow::Owned(state.values())
            }
        };
        // A new row's changes are all of it; the receipt does not repeat them.
        let changed: Fields = match &before {
            None => Fields::new(),
            Some(b) => after
                .iter()
                .filter(|(f, v)| b.get(*f) != Some(*v))
                .map(|(f, v)| (f.clone(), v.clone()))
                .collect(),
        };
        if changed.is_empty() && before.is_some() {
            return Ok(None);
        }
        if !self.dry_run {
            let only = before.as_ref().map(|_| &changed);
            write_row(tx, spec, row, &after, only, self.now, &mut self.search)?;
        }
        let counts = counts_for(self.report, table);
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
        Ok(Some(RowChange {
            table: table.to_owned(),
            row: row.to_owned(),
            before,
            after,
        }))
    }
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
        let mut stmt = self.conn.prepare(&format!(
            "SELECT site, seq FROM (SELECT s.site AS site, {} AS seq FROM sync_sites AS s) \
                 WHERE seq > 0 ORDER BY site",
            changelog::SITE_MAX_SEQ
        ))?;
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
        incoming: &[&Entry],
        meta: &MergeMeta,
        dry_run: bool,
    ) -> Result<MergeReport> {
        // A preview writes nothing: it may run on a worker's read-only connection.
        if !dry_run {
            self.ensure_intact()?;
        }
        let now = self.now_stamp();
        // A merge cycles through more statements than the default cache of 16 holds (each
        // table's reads and writes, each set of changed columns).
        self.conn
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        let behavior = if dry_run {
            TransactionBehavior::Deferred
        } else {
            TransactionBehavior::Immediate
        };
        let tx = self.begin(behavior)?;
        if !dry_run {
            tx.pragma_update(None, "defer_foreign_keys", true)?;
        }
        let mut report = MergeReport {
            entries: incoming.len(),
            ..MergeReport::default()
        };
        let mut site_max: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        for e in incoming {
            let m = site_max.entry(e.site.clone()).or_default();
            *m = (m.0.max(e.seq), m.1.max(e.clock));
        }
        let groups = group_by_row(incoming);
        let projects = groups.iter().filter(|((t, _), _)| *t == "projects").count();
        let rebuild = if dry_run {
            Vec::new()
        } else {
            records::set_aside_project_indexes(&tx, projects)?
        };
        let empty = empty_tables(&tx, &groups)?;
        let mut merge = RowMerge {
            tx: &tx,
            now: &now,
            dry_run,
            search: Search::new(projects >= records::BULK_PROJECTS),
            report: &mut report,
            empty,
            holding: Holding::default(),
        };
        let mut changes = Vec::new();
        for ((table, row), new) in groups {
            if let Some(change) = merge.row(table, row, &new)? {
                changes.push(change);
            }
        }
        let search = std::mem::take(&mut merge.search);
        if dry_run {
            drop(tx);
            return Ok(report);
        }
        records::rebuild_indexes(&tx, &rebuild, None)?;
        search.apply(&tx)?;
        note_sites(&tx, &site_max, meta, report.entries, &now)?;
        super::sync_duplicates::keep_duplicates(&tx, &meta.duplicates, &now)?;
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
    (had, state): (&RowState, &RowState),
    report: &mut MergeReport,
    dry_run: bool,
) -> Result<()> {
    let before = had.conflicted_fields();
    let after = state.conflicted_fields();
    report.new_conflicts += after.iter().filter(|f| !before.contains(f)).count();
    if !dry_run && (!before.is_empty() || !after.is_empty()) {
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
        let tx = self.begin(TransactionBehavior::Immediate)?;
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
            let only = existed.then_some(&w.fields);
            write_row(&tx, spec, &w.row, &fields, only, &now, &mut search)?;
            touched.push((spec.name, w.row.clone()));
            if w.force {
                for f in w.fields.keys() {
                    forced.push((w.table.clone(), w.row.clone(), f.clone()));
                }
            }
        }
        search.apply(&tx)?;
        changelog::record_rows(
            &tx,
            &touched,
            &forced,
            &Default::default(),
            changelog::parse_stamp(&now),
        )?;
        tx.commit()?;
        Ok(())
    }
}
