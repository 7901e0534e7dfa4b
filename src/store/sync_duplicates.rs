//! The possible 撞单 that merges found, kept in a local table (`sync_duplicates`, not on the
//! change log: each file finds its own when it merges) until folded or dismissed, so they
//! outlive the session that merged them.

use rusqlite::{Transaction, params};

use super::{Result, Store};

/// A kept possible 撞单 whose two projects are both live: (incoming id, its name, existing
/// id, its name).
pub type DuplicatePair = (String, String, String, String);

/// Keeps a merge's possible 撞单, in its transaction (a pair found again stays as it was,
/// dismissed or not).
pub(super) fn keep_duplicates(
    tx: &Transaction,
    pairs: &[(String, String)],
    now: &str,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO sync_duplicates (incoming, existing, found_at) VALUES (?1, ?2, ?3)",
    )?;
    for (incoming, existing) in pairs {
        stmt.execute(params![incoming, existing, now])?;
    }
    Ok(())
}

impl Store {
    /// The kept possible 撞单 still to settle: not dismissed, both projects live (a fold
    /// deletes one; undoing the fold or the merge's undo and redo bring it back or away).
    pub fn sync_duplicates(&self) -> Result<Vec<DuplicatePair>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.incoming, i.name, d.existing, e.name FROM sync_duplicates d \
             JOIN projects i ON i.id = d.incoming AND i.deleted_at IS NULL \
             JOIN projects e ON e.id = d.existing AND e.deleted_at IS NULL \
             WHERE d.dismissed_at IS NULL ORDER BY d.found_at, d.incoming, d.existing",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks a kept possible 撞单 as two projects (不是同一项目), or lists it again (its undo).
    pub fn sync_dismiss_duplicate(
        &mut self,
        incoming: &str,
        existing: &str,
        dismissed: bool,
    ) -> Result<()> {
        self.ensure_intact()?;
        let now = self.now_stamp();
        self.conn.execute(
            "UPDATE sync_duplicates SET dismissed_at = CASE WHEN ?3 THEN ?4 END \
             WHERE incoming = ?1 AND existing = ?2",
            params![incoming, existing, dismissed, now],
        )?;
        Ok(())
    }
}
