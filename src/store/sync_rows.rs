//! The rows the store's side of 同步 reads and writes: log entries as stored, a merge's
//! counts and receipt, a field write, a conflict, a site heard from, a line of 变更记录.

use std::collections::BTreeMap;

use serde_json::Value;

use super::changelog::{self, Entry, Fields, Head};

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
    /// The possible 撞单 the merge brings (incoming, existing project ids): kept with it.
    pub duplicates: Vec<(String, String)>,
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

/// One row a merge changed: its fields before (None: it was new) and after. A new row is
/// stored as its table and id only (a first full bundle's receipt is a third smaller).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RowChange {
    pub table: String,
    pub row: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Fields>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
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
#[derive(Debug, Clone, PartialEq)]
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
