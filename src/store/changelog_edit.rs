//! The change log's quick path for a small write (an officer's edit of a project): the
//! entries are made from the row as it was before the write and as it is after, with the
//! version each changed field replaces read from the log's ids alone.
//!
//! The full path ([`super::changelog::record_rows`]) reads every entry of the row with its
//! values (the created entry's dozens of fields parsed from JSON), resolves the row and
//! compares it with the table: 0.06 ms of a 0.3 ms durable edit on the benchmark machine,
//! and more with every edit the row has had. Here the row's two reads are plain column
//! values and the log is asked only for (site, seq, field, base). Whenever the answer could
//! differ from the full path's — a field with more than one head, a row without exactly one
//! whole created entry, a delete or a restore, a row that is new or gone — the row takes
//! the full path. One difference is meant: a value a row holds that its entries do not
//! (written around the log, as the benchmark's edits with the log off are) was logged by the
//! full path at the row's next write as if this file had just made it; here a write logs only
//! what it changed.

use std::collections::HashSet;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, params};
use serde_json::Value;

use super::Result;
use super::changelog::{Entry, LocalSite, VersionId, insert_entry, json_of, parse_versions};
use super::sync_tables::{Shape, TableSpec, read_sql, spec};

/// At most this many rows touched by one write take the quick path: an edit, an undo of a
/// few rows. A larger write reads its rows once, after it.
const QUICK_ROWS: usize = 16;

/// The touched rows' travelling fields as they were before a small write, by (table, key).
#[derive(Default)]
pub(super) struct RowsBefore {
    rows: Vec<(&'static str, String, Option<Vec<SqlValue>>)>,
}

impl RowsBefore {
    /// Reads the rows `touched` names, before the write changes them; nothing for a large
    /// write or for rows of tables that are not plain rows (settings, industries, rates).
    pub(super) fn read(tx: &Connection, touched: &[(&'static str, String)]) -> Result<Self> {
        let mut out = RowsBefore::default();
        if touched.len() > QUICK_ROWS {
            return Ok(out);
        }
        for (table, key) in touched {
            let Some(spec) = spec(table).filter(|s| matches!(s.shape, Shape::Rows { .. })) else {
                continue;
            };
            if out.get(table, key).is_none() {
                out.rows
                    .push((table, key.clone(), read_values(tx, spec, key)?));
            }
        }
        Ok(out)
    }

    /// The row as it was: `Some(None)` when it was not there, `None` when it was not read.
    fn get(&self, table: &str, key: &str) -> Option<&Option<Vec<SqlValue>>> {
        self.rows
            .iter()
            .find(|(t, k, _)| *t == table && k == key)
            .map(|(_, _, values)| values)
    }
}

/// A row's travelling fields in its registration's order, as stored.
fn read_values(tx: &Connection, spec: &TableSpec, key: &str) -> Result<Option<Vec<SqlValue>>> {
    let width = spec.field_names().len();
    let mut stmt = tx.prepare_cached(read_sql(spec))?;
    let mut rows = stmt.query([key])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    (0..width)
        .map(|i| row.get::<_, SqlValue>(i).map_err(Into::into))
        .collect::<Result<Vec<_>>>()
        .map(Some)
}

/// Whether the quick path logged the row, or it needs the full one.
#[derive(Debug, PartialEq)]
pub(super) enum Logged {
    Done,
    NeedsFullPath,
}

/// Logs a small write's change to one row from `before` and the row as it is now: one
/// entry per changed field, based on that field's one head. `local.seq` is advanced by the
/// entries written.
pub(super) fn record_edit(
    tx: &Connection,
    local: &mut LocalSite,
    before: &RowsBefore,
    spec: &TableSpec,
    key: &str,
) -> Result<Logged> {
    let Some(Some(old)) = before.get(spec.name, key) else {
        return Ok(Logged::NeedsFullPath);
    };
    let Some(new) = read_values(tx, spec, key)? else {
        return Ok(Logged::NeedsFullPath);
    };
    let names = spec.field_names();
    // In name order, as the full path writes them (its fields are a name-ordered map).
    let mut changed: Vec<usize> = (0..names.len()).filter(|&i| old[i] != new[i]).collect();
    if changed.is_empty() {
        return Ok(Logged::Done);
    }
    changed.sort_by_key(|&i| names[i]);
    // A delete needs every field's versions (its `seen`), a restore may meet a delete
    // conflict, and a deleted row's edit may too: the full path decides those.
    if let Some(d) = names.iter().position(|n| *n == "deleted_at")
        && (old[d] != SqlValue::Null || changed.contains(&d))
    {
        return Ok(Logged::NeedsFullPath);
    }
    let log = RowLog::read(tx, spec, key)?;
    let Some(created) = log.whole_created() else {
        return Ok(Logged::NeedsFullPath);
    };
    let mut bases = Vec::with_capacity(changed.len());
    for &i in &changed {
        match log.only_head(names[i], &created) {
            Some(head) => bases.push(head),
            None => return Ok(Logged::NeedsFullPath),
        }
    }
    for (&i, base) in changed.iter().zip(bases) {
        local.seq += 1;
        insert_entry(
            tx,
            &Entry {
                base: vec![base],
                ..local.entry(spec.name, key, Some(names[i]), json_of((&new[i]).into()))
            },
        )?;
    }
    Ok(Logged::Done)
}

/// A stored `base` (`[[site, seq], ...]`) read straight into ids, without a JSON tree
/// (a field edited at every visit has one per edit); as lenient as [`parse_versions`].
fn parse_base(base: &str) -> Vec<VersionId> {
    serde_json::from_str::<Vec<VersionId>>(base).unwrap_or_else(|_| {
        parse_versions(&serde_json::from_str::<Value>(base).unwrap_or(Value::Null))
    })
}

/// One row's entries without their values: what the versions' ancestry needs.
struct RowLog {
    /// Created entries, and whether each holds every one of the table's fields.
    created: Vec<(VersionId, bool)>,
    /// Field entries: (id, field, the versions it replaced).
    changes: Vec<(VersionId, String, String)>,
}

impl RowLog {
    fn read(tx: &Connection, spec: &TableSpec, key: &str) -> Result<Self> {
        // A held entry ('') is the whole row; a stored one is whole when it is an array of
        // the table's fields (`stored_value`), which an entry made before a field was added
        // is not.
        let mut stmt = tx.prepare_cached(
            "SELECT site, seq, field, base, \
             CASE WHEN field IS NOT NULL THEN 0 WHEN value = '' THEN 1 \
             WHEN json_valid(value) THEN json_type(value) = 'array' \
             AND json_array_length(value) = ?3 ELSE 0 END \
             FROM sync_log WHERE tbl = ?1 AND row_id = ?2",
        )?;
        let mut rows = stmt.query(params![spec.name, key, spec.field_names().len() as i64])?;
        let mut log = RowLog {
            created: Vec::new(),
            changes: Vec::new(),
        };
        while let Some(r) = rows.next()? {
            let id: VersionId = (r.get(0)?, r.get(1)?);
            match r.get::<_, Option<String>>(2)? {
                None => log.created.push((id, r.get::<_, bool>(4)?)),
                Some(field) => log.changes.push((id, field, r.get(3)?)),
            }
        }
        Ok(log)
    }

    /// The row's one created entry, when it holds every field.
    fn whole_created(&self) -> Option<VersionId> {
        match self.created.as_slice() {
            [(id, true)] => Some(id.clone()),
            _ => None,
        }
    }

    /// The one version of `field` that no other replaced, or None when there are more.
    fn only_head(&self, field: &str, created: &VersionId) -> Option<VersionId> {
        let versions: Vec<&VersionId> = self
            .changes
            .iter()
            .filter(|(_, f, _)| f == field)
            .map(|(id, _, _)| id)
            .collect();
        // A field edited often (notes after every visit) has a long chain: one pass.
        let replaced: HashSet<VersionId> = self
            .changes
            .iter()
            .filter(|(_, f, _)| f == field)
            .flat_map(|(_, _, base)| parse_base(base))
            .collect();
        let mut heads = std::iter::once(created)
            .chain(versions)
            .filter(|id| !replaced.contains(*id));
        let head = heads.next()?.clone();
        heads.next().is_none().then_some(head)
    }
}
