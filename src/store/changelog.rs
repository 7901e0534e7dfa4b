//! The change log every write appends to (the ground 同步 stands on): sites, the registered
//! tables, the entries, their field ancestry, and the value each field resolves to.
//!
//! # Registering a table
//! A table rides the log (and so every bundle) once it has a [`TableSpec`] in [`TABLES`] and
//! the [`Write`] variants that change it name their rows in [`touched_rows`]. An ordinary
//! table keyed by a text id with a soft `deleted_at` needs only [`Shape::Rows`] with the
//! columns that travel (never derived ones: they are made again by an `after` hook).
//! A later issue's table (activities, chain nodes, target companies) adds those two lines and a
//! test that its rows ride a bundle.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::Value;

use super::changelog_edit::{Logged, RowsBefore};
use super::records::Write;
pub use super::sync_tables::{
    After, SYNCED_SETTINGS, Shape, TABLES, TableSpec, spec, table_order, touched_rows,
};
pub(super) use super::sync_tables::{read_fields, row_keys};
use super::{Result, StoreError};

/// The fields of one row, by column name.
pub type Fields = serde_json::Map<String, Value>;

/// A version of a field: the entry that wrote it, as (site, seq).
pub type VersionId = (String, i64);

/// One log entry. `field: None` is a created row whose `value` is an object of all its
/// fields; otherwise `value` is the field's new value and `base` the versions it replaced.
/// `seen` (deletes only): the versions of every field the deleting site held.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub site: String,
    pub seq: i64,
    pub clock: i64,
    pub officer: String,
    pub table: String,
    pub row: String,
    pub field: Option<String>,
    pub value: Value,
    pub base: Vec<VersionId>,
    pub seen: Option<BTreeMap<String, Vec<VersionId>>>,
}

impl Entry {
    pub fn id(&self) -> VersionId {
        (self.site.clone(), self.seq)
    }
}

pub(super) fn json_of(value: ValueRef) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) | ValueRef::Blob(t) => Value::String(String::from_utf8_lossy(t).into()),
    }
}

pub(super) fn sql_of(value: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match value {
        Value::Null => V::Null,
        Value::Bool(b) => V::Integer(*b as i64),
        Value::Number(n) => n
            .as_i64()
            .map(V::Integer)
            .unwrap_or_else(|| V::Real(n.as_f64().unwrap_or_default())),
        Value::String(s) => V::Text(s.clone()),
        other => V::Text(other.to_string()),
    }
}

pub(super) fn versions_json(ids: &[VersionId]) -> String {
    Value::Array(
        ids.iter()
            .map(|(s, q)| Value::Array(vec![Value::from(s.as_str()), Value::from(*q)]))
            .collect(),
    )
    .to_string()
}

pub(super) fn parse_versions(value: &Value) -> Vec<VersionId> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| Some((v.get(0)?.as_str()?.to_owned(), v.get(1)?.as_i64()?)))
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn seen_json(seen: &BTreeMap<String, Vec<VersionId>>) -> String {
    let map: serde_json::Map<String, Value> = seen
        .iter()
        .map(|(f, ids)| {
            let v: Value = serde_json::from_str(&versions_json(ids)).unwrap_or_default();
            (f.clone(), v)
        })
        .collect();
    Value::Object(map).to_string()
}

pub(super) fn parse_seen(value: &Value) -> Option<BTreeMap<String, Vec<VersionId>>> {
    value.as_object().map(|m| {
        m.iter()
            .map(|(f, v)| (f.clone(), parse_versions(v)))
            .collect()
    })
}

const ENTRY_COLUMNS: &str = "site, seq, clock, officer, tbl, row_id, field, value, base, seen";

/// The stored value of a created entry that its row holds: the row still has exactly the
/// fields it was created with, and migration 11's triggers write them into the entry just
/// before the row first changes or goes. An import's 100,000 new rows are logged this way,
/// not as a second copy of every row (which made its commit a third slower). Never valid
/// JSON, so no other value is taken for it.
pub(super) const HELD_BY_ROW: &str = "";

/// [`ENTRY_COLUMNS`] for reading, with a held entry's value made from its row, as the
/// triggers would write it: every reader of the log sees the same text either way.
pub(super) fn entry_columns_read() -> &'static str {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SQL.get_or_init(|| {
        let mut held = String::new();
        for t in TABLES {
            if let Shape::Rows { key, fields, .. } = &t.shape {
                let values: Vec<String> = fields.iter().map(|f| format!("r.{f}")).collect();
                held.push_str(&format!(
                    " WHEN '{name}' THEN (SELECT json_array({values}) FROM {name} AS r \
                     WHERE r.{key} = sync_log.row_id)",
                    name = t.name,
                    values = values.join(", ")
                ));
            }
        }
        format!(
            "site, seq, clock, officer, tbl, row_id, field, \
             CASE WHEN value <> '{HELD_BY_ROW}' THEN value \
             ELSE COALESCE(CASE tbl{held} END, 'null') END, base, seen"
        )
    })
}

/// How an entry's value is stored: a created row whose fields are exactly its table's as an
/// array in the registration's order (no field names: the log is half the size), any other
/// value as its JSON.
pub fn stored_value(e: &Entry) -> String {
    if e.field.is_none()
        && let (Some(spec), Some(obj)) = (spec(&e.table), e.value.as_object())
    {
        let names = spec.field_names();
        if obj.len() == names.len() && names.iter().all(|n| obj.contains_key(*n)) {
            // Written straight into one string: no list of the values made first (a full
            // merge stores 100,000 of these).
            let mut out = Vec::with_capacity(64 * names.len());
            out.push(b'[');
            for (i, n) in names.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                let v = obj.get(*n).unwrap_or(&Value::Null);
                if serde_json::to_writer(&mut out, v).is_err() {
                    return e.value.to_string();
                }
            }
            out.push(b']');
            return String::from_utf8(out).unwrap_or_else(|_| e.value.to_string());
        }
    }
    e.value.to_string()
}

/// The stored value back: a created row's array gets its field names again.
pub fn value_from_stored(table: &str, created: bool, value: Value) -> Value {
    match (created, value, spec(table)) {
        (true, Value::Array(values), Some(spec)) => Value::Object(
            spec.field_names()
                .iter()
                .map(|n| (*n).to_owned())
                .zip(values)
                .collect(),
        ),
        (_, value, _) => value,
    }
}

pub(super) fn entry_from_row(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    let value: String = r.get(7)?;
    let base: String = r.get(8)?;
    let seen: Option<String> = r.get(9)?;
    let parse = |t: &str| serde_json::from_str::<Value>(t).unwrap_or(Value::Null);
    let table: String = r.get(4)?;
    let field: Option<String> = r.get(6)?;
    let value = value_from_stored(&table, field.is_none(), parse(&value));
    Ok(Entry {
        site: r.get(0)?,
        seq: r.get(1)?,
        clock: r.get(2)?,
        officer: r.get(3)?,
        table,
        row: r.get(5)?,
        field,
        value,
        base: parse_versions(&parse(&base)),
        seen: seen.as_deref().map(parse).as_ref().and_then(parse_seen),
    })
}

/// The stored entries of one row, in the index's order (the order they arrived). What a row
/// resolves to does not depend on this order.
pub(super) fn row_entries(conn: &Connection, table: &str, row: &str) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM sync_log WHERE tbl = ?1 AND row_id = ?2",
        entry_columns_read()
    ))?;
    let rows = stmt.query_map(params![table, row], entry_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One stored entry by (site, seq).
pub(super) fn entry_at(conn: &Connection, site: &str, seq: i64) -> Result<Option<Entry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM sync_log WHERE site = ?1 AND seq = ?2",
        entry_columns_read()
    ))?;
    Ok(stmt
        .query_row(params![site, seq], entry_from_row)
        .optional()?)
}

pub(super) fn insert_entry(tx: &Connection, e: &Entry) -> Result<()> {
    insert_entry_valued(tx, e, &stored_value(e))
}

/// Stores a merged created entry that its new row holds ([`HELD_BY_ROW`]).
pub(super) fn insert_held_entry(tx: &Connection, e: &Entry) -> Result<()> {
    insert_entry_valued(tx, e, HELD_BY_ROW)
}

fn insert_entry_valued(tx: &Connection, e: &Entry, value: &str) -> Result<()> {
    let mut stmt = tx.prepare_cached(&format!(
        "INSERT INTO sync_log ({ENTRY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))?;
    stmt.execute(params![
        e.site,
        e.seq,
        e.clock,
        e.officer,
        e.table,
        e.row,
        e.field,
        value,
        versions_json(&e.base),
        e.seen.as_ref().map(seen_json),
    ])?;
    Ok(())
}

/// A field's heads: the versions no other known version replaced, the default first.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Head {
    pub id: VersionId,
    pub clock: i64,
    pub officer: String,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldState {
    pub value: Value,
    pub heads: Vec<Head>,
    /// Heads that disagree (none when the latest clock wins for this field).
    pub conflict: bool,
}

/// What a row resolves to from the entries a file holds, whatever order they came in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowState {
    pub fields: BTreeMap<String, FieldState>,
    /// The row is deleted while an edit the deleting site had not seen is a head.
    pub delete_conflict: bool,
}

impl RowState {
    pub fn values(&self) -> Fields {
        self.fields
            .iter()
            .map(|(f, s)| (f.clone(), s.value.clone()))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The fields shown with a conflict (a delete against an edit is `deleted_at`'s).
    pub fn conflicted_fields(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .fields
            .iter()
            .filter(|(_, s)| s.conflict)
            .map(|(f, _)| f.clone())
            .collect();
        if self.delete_conflict && !out.iter().any(|f| f == "deleted_at") {
            out.push("deleted_at".into());
        }
        out
    }
}

struct Version<'a> {
    id: VersionId,
    clock: i64,
    officer: &'a str,
    value: &'a Value,
    base: &'a [VersionId],
}

/// Resolves every field of one row from its entries: a pure function of the set of entries,
/// so every file holding the same entries shows the same row.
pub fn resolve_row<E: std::borrow::Borrow<Entry>>(table: &TableSpec, entries: &[E]) -> RowState {
    let mut versions: BTreeMap<&str, Vec<Version>> = BTreeMap::new();
    for e in entries {
        let e: &Entry = e.borrow();
        match &e.field {
            None => {
                if let Some(obj) = e.value.as_object() {
                    for (f, v) in obj {
                        versions.entry(f.as_str()).or_default().push(Version {
                            id: e.id(),
                            clock: e.clock,
                            officer: &e.officer,
                            value: v,
                            base: &[],
                        });
                    }
                }
            }
            Some(f) => versions.entry(f.as_str()).or_default().push(Version {
                id: e.id(),
                clock: e.clock,
                officer: &e.officer,
                value: &e.value,
                base: &e.base,
            }),
        }
    }
    let mut state = RowState::default();
    let mut graphs: HashMap<&str, HashMap<VersionId, &[VersionId]>> = HashMap::new();
    for (field, list) in &versions {
        let replaced: BTreeSet<&VersionId> = list.iter().flat_map(|v| v.base.iter()).collect();
        let mut heads: Vec<Head> = Vec::new();
        for v in list {
            if !replaced.contains(&v.id) && !heads.iter().any(|h| h.id == v.id) {
                heads.push(Head {
                    id: v.id.clone(),
                    clock: v.clock,
                    officer: v.officer.to_owned(),
                    value: v.value.clone(),
                });
            }
        }
        // A field written once (most of them) has no ancestry to walk.
        let graph: HashMap<VersionId, &[VersionId]> = if list.len() > 1 {
            list.iter().map(|v| (v.id.clone(), v.base)).collect()
        } else {
            HashMap::new()
        };
        if heads.len() > 1 {
            heads = drop_seen_values(heads, list, &graph);
        }
        heads.sort_by(|a, b| (b.clock, &b.id).cmp(&(a.clock, &a.id)));
        let value = heads.first().map(|h| h.value.clone()).unwrap_or_default();
        let conflict = !table.latest_wins(field) && heads.iter().any(|h| h.value != heads[0].value);
        graphs.insert(field, graph);
        state.fields.insert(
            (*field).to_owned(),
            FieldState {
                value,
                heads,
                conflict,
            },
        );
    }
    state.delete_conflict = delete_conflict(&state, entries, &graphs);
    state
}

/// Equal values are one version: a head whose value another head's site had already held
/// (an ancestor of that head with the same value) and changed is no longer a head. So two
/// files that both start from the default industry list, one of which then edits it, do not
/// conflict.
fn drop_seen_values(
    heads: Vec<Head>,
    list: &[Version],
    graph: &HashMap<VersionId, &[VersionId]>,
) -> Vec<Head> {
    let value_of = |id: &VersionId| list.iter().find(|v| &v.id == id).map(|v| v.value);
    let seen_by = |h: &Head, other: &Head| -> bool {
        let mut stack: Vec<&VersionId> = graph
            .get(&other.id)
            .into_iter()
            .flat_map(|b| b.iter())
            .collect();
        let mut visited = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if value_of(id) == Some(&h.value) {
                return true;
            }
            if visited.insert(id.clone())
                && let Some(base) = graph.get(id)
            {
                stack.extend(base.iter());
            }
        }
        false
    };
    let keep: Vec<bool> = heads
        .iter()
        .map(|h| {
            !heads
                .iter()
                .any(|g| g.id != h.id && g.value != h.value && seen_by(h, g))
        })
        .collect();
    if !keep.iter().any(|k| *k) {
        // Each had held the other's value: a real disagreement, shown as one.
        return heads;
    }
    heads
        .into_iter()
        .zip(keep)
        .filter_map(|(h, k)| k.then_some(h))
        .collect()
}

/// A delete against an edit: the row resolves to deleted, and some field has a head that no
/// deleting entry had seen (nor a version after it).
fn delete_conflict<E: std::borrow::Borrow<Entry>>(
    state: &RowState,
    entries: &[E],
    graphs: &HashMap<&str, HashMap<VersionId, &[VersionId]>>,
) -> bool {
    let Some(deleted) = state.fields.get("deleted_at") else {
        return false;
    };
    if deleted.value.is_null() {
        return false;
    }
    let deleting: Vec<&Entry> = deleted
        .heads
        .iter()
        .filter(|h| !h.value.is_null())
        .filter_map(|h| {
            entries
                .iter()
                .map(|e| e.borrow())
                .find(|e| e.site == h.id.0 && e.seq == h.id.1)
        })
        .collect();
    for (field, fs) in &state.fields {
        if field == "deleted_at" {
            continue;
        }
        let Some(graph) = graphs.get(field.as_str()) else {
            continue;
        };
        for head in &fs.heads {
            let covered = deleting.iter().any(|d| match &d.seen {
                None => true,
                Some(seen) => seen
                    .get(field)
                    .is_some_and(|ids| reaches(graph, ids, &head.id)),
            });
            if !covered {
                return true;
            }
        }
    }
    false
}

/// Whether `target` is one of `from` or an ancestor of one.
fn reaches(
    graph: &HashMap<VersionId, &[VersionId]>,
    from: &[VersionId],
    target: &VersionId,
) -> bool {
    let mut stack: Vec<&VersionId> = from.iter().collect();
    let mut visited = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if id == target {
            return true;
        }
        if visited.insert(id.clone())
            && let Some(base) = graph.get(id)
        {
            stack.extend(base.iter());
        }
    }
    false
}

/// The local site's id, its last seq and the clock, from `sync_meta`, `sync_sites` and the
/// log ([`SITE_MAX_SEQ`]).
pub(super) struct LocalSite {
    pub site: String,
    pub seq: i64,
    pub clock: i64,
    pub officer: String,
}

/// A site's last seq as this file holds it, for `sync_sites AS s`: what `sync_sites` noted,
/// or the site's last entry in the log when that is later. This file's own writes leave
/// `sync_sites` alone — their entries say it, and the row's page was one more page in every
/// edit's commit — while a merge notes each site's there.
pub(super) const SITE_MAX_SEQ: &str = "max(s.max_seq, coalesce((SELECT l.seq FROM sync_log AS l \
    WHERE l.site = s.site ORDER BY l.seq DESC LIMIT 1), 0))";

/// A site's clock as this file holds it (see [`SITE_MAX_SEQ`]): a site's clock only grows
/// with its seq, so its last entry's is its latest.
pub(super) const SITE_MAX_CLOCK: &str = "max(s.max_clock, coalesce((SELECT l.clock FROM \
    sync_log AS l WHERE l.site = s.site ORDER BY l.seq DESC LIMIT 1), 0))";

pub(super) fn local_site(conn: &Connection) -> Result<LocalSite> {
    // One statement: every write asks, and three took a tenth of what the log adds to one.
    let found = conn
        .prepare_cached(&format!(
            "SELECT m.value, coalesce({SITE_MAX_SEQ}, 0), coalesce({SITE_MAX_CLOCK}, 0), \
             s.site IS NOT NULL, \
             coalesce((SELECT value FROM settings WHERE key = 'my_officer'), '') \
             FROM sync_meta AS m LEFT JOIN sync_sites AS s ON s.site = m.value \
             WHERE m.key = 'site'"
        ))?
        .query_row([], |r| {
            Ok((
                LocalSite {
                    site: r.get(0)?,
                    seq: r.get(1)?,
                    clock: r.get(2)?,
                    officer: r.get(4)?,
                },
                r.get::<_, bool>(3)?,
            ))
        })
        .optional()?;
    match found {
        Some((local, true)) => Ok(local),
        Some((_, false)) => Err(StoreError::Damaged(
            "the ledger's own site is missing from its sites".into(),
        )),
        None => Err(StoreError::Damaged("the ledger has no site id".into())),
    }
}

/// A hybrid logical clock value: milliseconds since 1970 shifted left 16 bits, plus a counter.
pub fn hlc_after(last: i64, wall: chrono::NaiveDateTime) -> i64 {
    let physical = wall.and_utc().timestamp_millis().max(0) << 16;
    physical.max(last + 1)
}

/// The wall time a clock value stands for.
pub fn hlc_time(clock: i64) -> Option<chrono::NaiveDateTime> {
    chrono::DateTime::from_timestamp_millis(clock >> 16).map(|t| t.naive_utc())
}

pub(super) fn save_local(conn: &Connection, site: &LocalSite) -> Result<()> {
    // The local site's max_clock is this file's clock: past every clock it has seen.
    conn.prepare_cached("UPDATE sync_sites SET max_seq = ?2, max_clock = ?3 WHERE site = ?1")?
        .execute(params![site.site, site.seq, site.clock])?;
    Ok(())
}

/// Mints this file's site id the first time it is opened with the log, and gives every live
/// row already there one "created" entry (a ledger from before the log).
pub(super) fn ensure_site(conn: &mut Connection) -> Result<()> {
    let has: bool = conn
        .prepare("SELECT 1 FROM sync_meta WHERE key = 'site'")?
        .exists([])?;
    if has {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let site = uuid::Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO sync_meta (key, value) VALUES ('site', ?1)",
        [&site],
    )?;
    tx.execute("INSERT INTO sync_sites (site) VALUES (?1)", [&site])?;
    let mut local = local_site(&tx)?;
    local.clock = hlc_after(local.clock, chrono::Utc::now().naive_utc());
    for table in TABLES {
        for key in row_keys(&tx, table, true)? {
            if let Some(fields) = read_fields(&tx, table, &key)? {
                local.seq += 1;
                insert_entry(&tx, &created_entry(&local, table.name, &key, fields))?;
            }
        }
    }
    save_local(&tx, &local)?;
    tx.commit()?;
    Ok(())
}

/// A new site id for a copy of this file (保存副本): the copy keeps every entry it holds, but
/// writes its own from now on, so the two files never reuse a (site, seq).
pub(super) fn remint_site(conn: &Connection) -> Result<()> {
    let site = uuid::Uuid::now_v7().to_string();
    let old = local_site(conn)?;
    conn.execute(
        "UPDATE sync_meta SET value = ?1 WHERE key = 'site'",
        [&site],
    )?;
    conn.execute(
        "INSERT INTO sync_sites (site, max_clock) VALUES (?1, ?2)",
        params![site, old.clock],
    )?;
    Ok(())
}

impl LocalSite {
    /// An entry of this file's at its current seq and clock.
    pub(super) fn entry(&self, table: &str, row: &str, field: Option<&str>, value: Value) -> Entry {
        Entry {
            site: self.site.clone(),
            seq: self.seq,
            clock: self.clock,
            officer: self.officer.clone(),
            table: table.to_owned(),
            row: row.to_owned(),
            field: field.map(str::to_owned),
            value,
            base: Vec::new(),
            seen: None,
        }
    }
}

fn created_entry(local: &LocalSite, table: &str, key: &str, fields: Fields) -> Entry {
    local.entry(
        table,
        key,
        None,
        Value::Object(fields.into_iter().collect()),
    )
}

/// Rows whose entries changed in this transaction: their conflicts are listed again.
pub(super) fn refresh_conflicts(
    tx: &Connection,
    table: &str,
    row: &str,
    state: &RowState,
) -> Result<()> {
    tx.prepare_cached("DELETE FROM sync_conflicts WHERE tbl = ?1 AND row_id = ?2")?
        .execute(params![table, row])?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO sync_conflicts (tbl, row_id, field) VALUES (?1, ?2, ?3)",
    )?;
    for field in state.conflicted_fields() {
        insert.execute(params![table, row, field])?;
    }
    Ok(())
}

/// The log's half of a write, in the write's own transaction: compares each touched row with
/// what its entries resolve to and appends an entry per difference. `forced`: fields that get
/// an entry even when unchanged (a conflict resolved to the value already shown).
pub(super) fn record_rows(
    tx: &Transaction,
    touched: &[(&'static str, String)],
    forced: &[(String, String, String)],
    before: &RowsBefore,
    wall: chrono::NaiveDateTime,
) -> Result<()> {
    if touched.is_empty() {
        return Ok(());
    }
    let mut local = local_site(tx)?;
    local.clock = hlc_after(local.clock, wall);
    let bulk = if touched.len() >= BULK_LOG_ROWS {
        record_created_in_bulk(tx, &mut local, touched)?
    } else {
        HashMap::new()
    };
    let mut done: BTreeSet<(&str, &str)> = BTreeSet::new();
    for (table, key) in touched {
        if !done.insert((table, key.as_str()))
            || bulk.get(table).is_some_and(|keys| keys.contains(key))
        {
            continue;
        }
        let Some(spec) = spec(table) else { continue };
        if forced.is_empty()
            && super::changelog_edit::record_edit(tx, &mut local, before, spec, key)?
                == Logged::Done
        {
            continue;
        }
        let entries = row_entries(tx, table, key)?;
        let before = resolve_row(spec, &entries);
        let after = read_fields(tx, spec, key)?;
        let mut new = Vec::new();
        match after {
            Some(fields) if before.is_empty() => {
                local.seq += 1;
                new.push(created_entry(&local, table, key, fields));
            }
            Some(fields) => {
                let mut changed: Vec<(&String, &Value)> = fields
                    .iter()
                    .filter(|(field, value)| {
                        let is_forced = forced
                            .iter()
                            .any(|(t, r, f)| t == table && r == key && f == *field);
                        let current = before.fields.get(*field);
                        is_forced || current.is_none_or(|c| &c.value != *value)
                    })
                    .collect();
                // A delete comes last and has seen the other fields this write changed.
                changed.sort_by_key(|(f, v)| f.as_str() == "deleted_at" && !v.is_null());
                for (field, value) in changed {
                    local.seq += 1;
                    let mut e = field_entry(&local, spec, &before, key, field, value.clone());
                    if let Some(seen) = &mut e.seen {
                        for earlier in &new {
                            let earlier: &Entry = earlier;
                            if let Some(f) = &earlier.field {
                                seen.insert(f.clone(), vec![earlier.id()]);
                            }
                        }
                    }
                    new.push(e);
                }
            }
            None => {
                for (field, current) in &before.fields {
                    if current.value.is_null() {
                        continue;
                    }
                    local.seq += 1;
                    new.push(field_entry(&local, spec, &before, key, field, Value::Null));
                }
            }
        }
        if new.is_empty() {
            continue;
        }
        for e in &new {
            insert_entry(tx, e)?;
        }
        if before.is_empty() {
            // A new row's one created entry cannot conflict.
            continue;
        }
        let had_conflict = before.delete_conflict || before.fields.values().any(|f| f.conflict);
        let mut all = entries;
        all.extend(new);
        let state = resolve_row(spec, &all);
        if had_conflict || !state.conflicted_fields().is_empty() {
            refresh_conflicts(tx, table, key, &state)?;
        }
    }
    // The entries carry the new seq and clock ([`SITE_MAX_SEQ`]).
    Ok(())
}

/// A write of at least this many rows logs its new rows with one statement per table.
const BULK_LOG_ROWS: usize = 64;

/// Created entries for the touched rows of ordinary tables that have no entry yet, one
/// statement per table: an import's 100,000 new rows were logged one by one (a read of
/// the row's entries, a read of its fields, JSON made in Rust and an insert, per row), which
/// made the import commit take 89% longer. Returns the keys logged, per table.
fn record_created_in_bulk(
    tx: &Transaction,
    local: &mut LocalSite,
    touched: &[(&'static str, String)],
) -> Result<HashMap<&'static str, HashSet<String>>> {
    let mut done = HashMap::new();
    for spec in TABLES {
        let Some(sql) = super::sync_tables::bulk_created_sql(spec) else {
            continue;
        };
        let mut unique = HashSet::new();
        let mut keys: Vec<&str> = touched
            .iter()
            .filter(|(t, k)| *t == spec.name && unique.insert(k.as_str()))
            .map(|(_, k)| k.as_str())
            .collect();
        // Sorted, the statement looks each key up in the row's and the log's indexes in
        // their own order, one page after the next, instead of at random pages that a large
        // write's small cache keeps reading again (the demo's 1,000,000 projects: 12–15 s
        // instead of 26 s).
        keys.sort_unstable();
        if keys.is_empty() {
            continue;
        }
        let mut stmt = tx.prepare_cached(sql)?;
        let mut rows = stmt.query(params![
            local.site,
            local.seq,
            local.clock,
            local.officer,
            Value::from(keys).to_string()
        ])?;
        let mut logged = HashSet::new();
        while let Some(r) = rows.next()? {
            logged.insert(r.get::<_, String>(0)?);
        }
        local.seq += logged.len() as i64;
        done.insert(spec.name, logged);
    }
    Ok(done)
}

fn field_entry(
    local: &LocalSite,
    spec: &TableSpec,
    before: &RowState,
    key: &str,
    field: &str,
    value: Value,
) -> Entry {
    let base = before
        .fields
        .get(field)
        .map(|f| f.heads.iter().map(|h| h.id.clone()).collect())
        .unwrap_or_default();
    let seen = (field == "deleted_at" && !value.is_null()).then(|| {
        before
            .fields
            .iter()
            .map(|(f, s)| (f.clone(), s.heads.iter().map(|h| h.id.clone()).collect()))
            .collect()
    });
    Entry {
        base,
        seen,
        ..local.entry(spec.name, key, Some(field), value)
    }
}

static RECORDING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Turns the log off (and on again) for this process: only for the benchmark that measures
/// what the log costs a write. A ledger written with it off cannot sync its rows.
#[doc(hidden)]
pub fn set_recording_for_benchmarks(on: bool) {
    RECORDING.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// The log's half of a write through [`super::Store::write`]: made before the write's rows
/// change (a small write's rows are read as they were) and recorded inside its
/// transaction, before the commit.
pub(super) struct PendingLog {
    touched: Vec<(&'static str, String)>,
    before: RowsBefore,
}

impl PendingLog {
    pub(super) fn before_write(tx: &Transaction, writes: &[Write]) -> Result<Self> {
        let mut touched = Vec::new();
        if RECORDING.load(std::sync::atomic::Ordering::Relaxed) {
            touched.reserve(writes.len());
            for w in writes {
                touched_rows(w, &mut touched);
            }
        }
        let before = RowsBefore::read(tx, &touched)?;
        Ok(PendingLog { touched, before })
    }

    pub(super) fn record(&self, tx: &Transaction, now: &str) -> Result<()> {
        record_rows(tx, &self.touched, &[], &self.before, parse_stamp(now))
    }
}

/// The store's stamp text back to a time (the clock's wall part).
pub(super) fn parse_stamp(now: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(now, "%Y-%m-%dT%H:%M:%S%.3f")
        .unwrap_or_else(|_| chrono::Utc::now().naive_utc())
}
