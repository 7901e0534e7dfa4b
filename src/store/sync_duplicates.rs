//! The possible 撞单 that merges found, kept in a local table (`sync_duplicates`, not on the
//! change log: each file finds its own when it merges) until folded or dismissed, so they
//! outlive the session that merged them.

use std::collections::{HashMap, HashSet};

use rusqlite::{Transaction, params};

use super::{Result, Store, records};

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

/// A project a bundle brings, as the 撞单 check sees it.
pub struct IncomingProject<'a> {
    pub id: &'a str,
    pub credit_code: &'a str,
    pub company: &'a str,
    pub name: &'a str,
}

/// A live project that may be the same as an incoming one: (id, name).
pub type Match = (String, String);

/// The most matches listed for one incoming project.
const MATCHES_PER_PROJECT: usize = 5;

impl Store {
    /// For each incoming project (in order): `None` when this file holds its id already,
    /// else the live projects under another id with the same credit code, or the same
    /// investor and name (a possible 撞单), at most five, by id. A large bundle (a first
    /// full one) is checked against one read of the projects: a look-up per project was
    /// 0.8 s of merging 100,000.
    pub fn projects_elsewhere(
        &self,
        incoming: &[IncomingProject],
    ) -> Result<Vec<Option<Vec<Match>>>> {
        if incoming.len() >= records::BULK_PROJECTS {
            return self.projects_elsewhere_in_one_read(incoming);
        }
        let mut exists = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM projects WHERE id = ?1)")?;
        let mut same = self.conn.prepare_cached(
            "SELECT id, name FROM projects WHERE deleted_at IS NULL AND id <> ?1 AND \
             ((?2 <> '' AND credit_code = ?2) OR (?3 <> '' AND company = ?3 AND name = ?4)) \
             ORDER BY id LIMIT ?5",
        )?;
        let mut out = Vec::with_capacity(incoming.len());
        for p in incoming {
            if exists.query_row([p.id], |r| r.get::<_, bool>(0))? {
                out.push(None);
                continue;
            }
            let rows = same.query_map(
                params![
                    p.id,
                    p.credit_code.trim(),
                    p.company.trim(),
                    p.name.trim(),
                    MATCHES_PER_PROJECT as i64
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            out.push(Some(rows.collect::<rusqlite::Result<_>>()?));
        }
        Ok(out)
    }

    /// [`Store::projects_elsewhere`] from one read of every project, matched in memory.
    fn projects_elsewhere_in_one_read(
        &self,
        incoming: &[IncomingProject],
    ) -> Result<Vec<Option<Vec<Match>>>> {
        let mut ids = HashSet::new();
        let mut by_code: HashMap<String, Vec<Match>> = HashMap::new();
        let mut by_company_and_name: HashMap<(String, String), Vec<Match>> = HashMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, name, credit_code, company, deleted_at IS NULL FROM projects ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, name): (String, String) = (r.get(0)?, r.get(1)?);
            if r.get::<_, bool>(4)? {
                let (code, company): (String, String) = (r.get(2)?, r.get(3)?);
                let found = (id.clone(), name.clone());
                if !code.is_empty() {
                    by_code.entry(code).or_default().push(found.clone());
                }
                if !company.is_empty() {
                    by_company_and_name
                        .entry((company, name))
                        .or_default()
                        .push(found);
                }
            }
            ids.insert(id);
        }
        let none = Vec::new();
        let out = incoming.iter().map(|p| {
            if ids.contains(p.id) {
                return None;
            }
            let (code, company) = (p.credit_code.trim(), p.company.trim());
            let same_code = match code.is_empty() {
                true => &none,
                false => by_code.get(code).unwrap_or(&none),
            };
            let key = (company.to_owned(), p.name.trim().to_owned());
            let same_company = match company.is_empty() {
                true => &none,
                false => by_company_and_name.get(&key).unwrap_or(&none),
            };
            // Both lists are in id order: their union, in id order, without repeats.
            let mut found: Vec<Match> = same_code.iter().chain(same_company).cloned().collect();
            found.sort();
            found.dedup_by(|a, b| a.0 == b.0);
            found.retain(|m| m.0 != p.id);
            found.truncate(MATCHES_PER_PROJECT);
            Some(found)
        });
        Ok(out.collect())
    }

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
