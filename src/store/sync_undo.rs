//! The log's side of undoing a conflict's resolution: the competing versions written again,
//! so the field is in conflict once more, in this file and in every file the change reaches.

use rusqlite::{Transaction, TransactionBehavior};
use serde_json::Value;

use super::changelog::{
    self, Entry, Fields, VersionId, hlc_after, insert_entry, parse_stamp, read_fields,
    refresh_conflicts, resolve_row, row_entries, save_local,
};
use super::sync::write_row;
use super::sync_tables::Search;
use super::{Result, Store, StoreError};

impl Store {
    /// A transaction for a 同步 step; a wait for another program's write ends here (the
    /// window stops saying so), and a wait past the limit is told as such.
    pub(super) fn begin(&mut self, behavior: TransactionBehavior) -> Result<Transaction<'_>> {
        let begun = self.conn.transaction_with_behavior(behavior);
        let waited = self.busy.end_wait();
        let limit = self.busy.limit();
        begun.map_err(|e| super::busy::classify(e.into(), waited, limit))
    }

    /// Opens a settled conflict again: one new version of `field` per `(value, officer)`,
    /// each based on the field's version now (the resolution), so they compete as the
    /// settled ones did. The last is the value shown.
    pub fn sync_reopen(
        &mut self,
        table: &str,
        row: &str,
        field: &str,
        versions: &[(Value, String)],
    ) -> Result<()> {
        self.ensure_intact()?;
        let now = self.now_stamp();
        let tx = self.begin(TransactionBehavior::Immediate)?;
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        let spec = changelog::spec(table).ok_or_else(|| StoreError::BadValue {
            column: "table",
            value: table.to_owned(),
        })?;
        let mut entries = row_entries(&tx, table, row)?;
        let before = resolve_row(spec, &entries);
        let heads = |f: &str| -> Vec<VersionId> {
            before
                .fields
                .get(f)
                .map(|s| s.heads.iter().map(|h| h.id.clone()).collect())
                .unwrap_or_default()
        };
        let mut local = changelog::local_site(&tx)?;
        local.clock = hlc_after(local.clock, parse_stamp(&now));
        for (value, officer) in versions {
            local.seq += 1;
            // A delete has seen every field's version, as a delete written here has.
            let seen = (field == "deleted_at" && !value.is_null()).then(|| {
                before
                    .fields
                    .keys()
                    .map(|f| (f.clone(), heads(f)))
                    .collect()
            });
            let e = Entry {
                site: local.site.clone(),
                seq: local.seq,
                clock: local.clock,
                officer: officer.clone(),
                table: table.to_owned(),
                row: row.to_owned(),
                field: Some(field.to_owned()),
                value: value.clone(),
                base: heads(field),
                seen,
            };
            insert_entry(&tx, &e)?;
            entries.push(e);
        }
        let state = resolve_row(spec, &entries);
        let current = read_fields(&tx, spec, row)?;
        let fields = state.values();
        let changed: Fields = fields
            .iter()
            .filter(|(f, v)| current.as_ref().and_then(|c| c.get(*f)) != Some(*v))
            .map(|(f, v)| (f.clone(), v.clone()))
            .collect();
        let mut search = Search::default();
        let only = current.as_ref().map(|_| &changed);
        write_row(&tx, spec, row, &fields, only, &now, &mut search)?;
        search.apply(&tx)?;
        refresh_conflicts(&tx, table, row, &state)?;
        save_local(&tx, &local)?;
        tx.commit()?;
        Ok(())
    }
}
