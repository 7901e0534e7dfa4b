//! Reads for import and export: the keys duplicates are found by, and whole projects for a
//! ledger filter's keys.

use super::records::{PROJECT_COLUMNS, project_from_row};
use super::{Result, Store, StoreError};
use crate::domain::Project;
use uuid::Uuid;

/// Keys are read in batches of this many (SQLite's parameter limit is 32766).
const BATCH: usize = 500;

impl Store {
    /// (id, credit code, company, name) of every live project: what an import matches against.
    pub fn import_keys(&self) -> Result<Vec<(Uuid, String, String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, credit_code, trim(company), trim(name) FROM projects \
             WHERE deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let id = Uuid::parse_str(&id).map_err(|_| StoreError::BadValue {
                column: "id",
                value: id.clone(),
            })?;
            out.push((id, r.get(1)?, r.get(2)?, r.get(3)?));
        }
        Ok(out)
    }

    /// Whole projects for ledger keys, in the keys' order (an export of what the ledger shows).
    pub fn projects_by_seq(&self, keys: &[i64]) -> Result<Vec<Project>> {
        let mut out = Vec::with_capacity(keys.len());
        for chunk in keys.chunks(BATCH) {
            let placeholders = vec!["?"; chunk.len()].join(", ");
            let sql = format!(
                "SELECT {PROJECT_COLUMNS}, seq FROM projects WHERE seq IN ({placeholders})"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(chunk))?;
            let mut by_seq = std::collections::HashMap::with_capacity(chunk.len());
            while let Some(r) = rows.next()? {
                // seq follows the 30 project columns.
                let seq: i64 = r.get(30)?;
                by_seq.insert(seq, project_from_row(r)?);
            }
            out.extend(chunk.iter().filter_map(|k| by_seq.remove(k)));
        }
        Ok(out)
    }

    /// Every setting whose key starts with `prefix` (remembered import mappings).
    pub fn settings_with_prefix(&self, prefix: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, value FROM settings WHERE substr(key, 1, ?2) = ?1")?;
        let rows = stmt.query_map(rusqlite::params![prefix, prefix.len() as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
