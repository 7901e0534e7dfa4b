//! Reads over the change log for 同步: the conflicts list, the sites heard from, a project's
//! 变更记录, possible 撞单 and the canonical dump every converged file shares.

use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use super::changelog::{
    self, Entry, Fields, TABLES, hlc_time, read_fields, resolve_row, row_entries,
};
use super::sync::{ConflictRow, FieldChange, RawEntry, Receipt, SiteRow};
use super::{Result, Store};

impl Store {
    /// How many fields are in conflict (the navigation's badge).
    pub fn sync_conflict_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM sync_conflicts", [], |r| r.get(0))?)
    }

    /// Every conflict, with its competing versions.
    pub fn sync_conflicts(&self) -> Result<Vec<ConflictRow>> {
        let listed: Vec<(i64, String, String, String)> = self
            .conn
            .prepare("SELECT id, tbl, row_id, field FROM sync_conflicts ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let local = changelog::local_site(&self.conn)?.site;
        let mut out = Vec::new();
        for (id, table, row, field) in listed {
            let Some(spec) = changelog::spec(&table) else {
                continue;
            };
            let entries = row_entries(&self.conn, &table, &row)?;
            let state = resolve_row(spec, &entries);
            let Some(fs) = state.fields.get(&field) else {
                continue;
            };
            let delete = field == "deleted_at" && state.delete_conflict && !fs.conflict;
            let mut heads = fs.heads.clone();
            if delete {
                // The deleting version against the row as it would be kept.
                heads.truncate(1);
                let keeper = entries
                    .iter()
                    .filter(|e| e.field.as_deref() != Some("deleted_at"))
                    .max_by_key(|e| (e.clock, e.site.clone()));
                if let Some(e) = keeper {
                    heads.push(changelog::Head {
                        id: e.id(),
                        clock: e.clock,
                        officer: e.officer.clone(),
                        value: Value::Null,
                    });
                }
            }
            // Mine: authored here, else the version that arrived here first.
            let arrival = |h: &changelog::Head| {
                let local_first = h.id.0 != local;
                let pos = entries.iter().position(|e| e.id() == h.id).unwrap_or(0);
                (local_first, pos)
            };
            let mine = (0..heads.len())
                .min_by_key(|&i| arrival(&heads[i]))
                .unwrap_or(0);
            let theirs = (0..heads.len()).find(|&i| i != mine).unwrap_or(mine);
            out.push(ConflictRow {
                id,
                table,
                row,
                field,
                heads,
                delete,
                mine,
                theirs,
            });
        }
        Ok(out)
    }

    /// Every site heard from, this file's own first.
    pub fn sync_sites(&self) -> Result<Vec<SiteRow>> {
        let local = changelog::local_site(&self.conn)?.site;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT s.site, s.officer, coalesce(nullif(s.officer_name, ''), o.name, ''), \
             coalesce(nullif(s.team_name, ''), t.name, ''), {}, {}, \
             s.received_at, s.received_bundle, s.received_changes, s.sent_at, s.sent_bundle \
             FROM sync_sites s LEFT JOIN officers o ON o.id = s.officer \
             LEFT JOIN teams t ON t.id = o.team_id ORDER BY s.site <> ?1, s.site",
            changelog::SITE_MAX_SEQ,
            changelog::SITE_MAX_CLOCK
        ))?;
        let rows = stmt.query_map([&local], |r| {
            let site: String = r.get(0)?;
            Ok(SiteRow {
                is_local: site == local,
                site,
                officer: r.get(1)?,
                officer_name: r.get(2)?,
                team_name: r.get(3)?,
                max_seq: r.get(4)?,
                max_clock: r.get(5)?,
                received_at: r.get(6)?,
                received_bundle: r.get(7)?,
                received_changes: r.get(8)?,
                sent_at: r.get(9)?,
                sent_bundle: r.get(10)?,
            })
        })?;
        let mut out: Vec<SiteRow> = rows.collect::<rusqlite::Result<_>>()?;
        if let Some(me) = out.iter_mut().find(|s| s.is_local) {
            let (officer, name, team) = self.sync_me()?;
            me.officer = officer;
            me.officer_name = name;
            me.team_name = team;
        }
        Ok(out)
    }

    /// A project's 变更记录: every entry of the row, oldest first, with the value each
    /// changed field had before.
    pub fn project_history(&self, project: uuid::Uuid) -> Result<Vec<FieldChange>> {
        let entries = row_entries(&self.conn, "projects", &project.to_string())?;
        let value_at = |id: &(String, i64), field: &str| -> Value {
            entries
                .iter()
                .find(|e| &e.id() == id)
                .map(|e| match &e.field {
                    None => e.value.get(field).cloned().unwrap_or_default(),
                    Some(_) => e.value.clone(),
                })
                .unwrap_or_default()
        };
        let mut out = Vec::new();
        for e in &entries {
            let old = match (&e.field, e.base.first()) {
                (Some(f), Some(base)) => value_at(base, f),
                _ => Value::Null,
            };
            let name: Option<String> = self
                .conn
                .query_row(
                    "SELECT name FROM officers WHERE id = ?1",
                    [&e.officer],
                    |r| r.get(0),
                )
                .optional()?;
            out.push(FieldChange {
                field: e.field.clone(),
                old,
                new: e.value.clone(),
                officer: e.officer.clone(),
                officer_name: name.unwrap_or_default(),
                at: hlc_time(e.clock),
                site: e.site.clone(),
                seq: e.seq,
            });
        }
        out.sort_by_key(|c| (c.at, c.site.clone(), c.seq));
        Ok(out)
    }

    /// The ids of a project's stage moves (live or not), for folding it into another.
    pub fn stage_move_ids(&self, project: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM stage_moves WHERE project_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([project], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The travelling fields of one row of a registered table.
    pub fn sync_row(&self, table: &str, row: &str) -> Result<Option<Fields>> {
        match changelog::spec(table) {
            Some(spec) => read_fields(&self.conn, spec, row),
            None => Ok(None),
        }
    }

    /// Every travelling row and every conflict, in a fixed order: two files that hold the
    /// same entries give the same text.
    pub fn sync_dump(&self) -> Result<String> {
        let mut out = String::new();
        for table in TABLES {
            for key in changelog::row_keys(&self.conn, table, false)? {
                if let Some(fields) = read_fields(&self.conn, table, &key)? {
                    let fields = Value::Object(fields.into_iter().collect());
                    out.push_str(&format!("{}\t{key}\t{fields}\n", table.name));
                }
            }
        }
        let mut stmt = self
            .conn
            .prepare("SELECT tbl, row_id, field FROM sync_conflicts ORDER BY tbl, row_id, field")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (t, k, f): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            out.push_str(&format!("conflict\t{t}\t{k}\t{f}\n"));
        }
        let entries: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sync_log", [], |r| r.get(0))?;
        out.push_str(&format!("entries\t{entries}\n"));
        Ok(out)
    }
}

impl Store {
    /// The entry stored at (site, seq).
    pub fn sync_entry(&self, site: &str, seq: i64) -> Result<Option<Entry>> {
        changelog::entry_at(&self.conn, site, seq)
    }

    /// Calls `f` with each entry of `site` from `first` to `last`, in seq order, as stored
    /// (the ones a bundle repeats are compared in one pass: see [`RawEntry::same_as`]).
    pub fn sync_raw_entries_between(
        &self,
        site: &str,
        first: i64,
        last: i64,
        mut f: impl FnMut(RawEntry) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM sync_log WHERE site = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq",
            changelog::entry_columns_read()
        ))?;
        let mut rows = stmt.query(params![site, first, last])?;
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

    /// Calls `f` with each entry of `site` after `after`, in seq order.
    pub fn sync_entries_after(
        &self,
        site: &str,
        after: i64,
        mut f: impl FnMut(Entry) -> Result<()>,
    ) -> Result<()> {
        self.sync_raw_entries_between(site, after + 1, i64::MAX, |raw| f(raw.parse()))
    }

    /// Like [`Store::sync_entries_after`], with each entry as stored (a bundle copies the
    /// values without reading them).
    pub fn sync_raw_entries_after(
        &self,
        site: &str,
        after: i64,
        f: impl FnMut(RawEntry) -> Result<()>,
    ) -> Result<()> {
        self.sync_raw_entries_between(site, after + 1, i64::MAX, f)
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

impl RawEntry {
    /// Whether this stored entry is `e`: by its text where it is written as this build
    /// writes it (most of them, with nothing parsed), else by its parsed value.
    pub fn same_as(&self, e: &Entry) -> bool {
        let same_text = self.site == e.site
            && self.seq == e.seq
            && self.clock == e.clock
            && self.officer == e.officer
            && self.table == e.table
            && self.row == e.row
            && self.field == e.field
            && self.base == changelog::versions_json(&e.base)
            && self.seen == e.seen.as_ref().map(changelog::seen_json)
            && self.value == changelog::stored_value(e);
        same_text || self.clone().parse() == *e
    }
}
