//! Existing projects that look like one being edited or imported: same credit code, same
//! company, or a similar name.

use rusqlite::params;
use uuid::Uuid;

use super::DuplicateHint;
use super::records::parse_uuid;
use super::{Result, Store};
use crate::domain::Project;

impl Store {
    /// Existing live projects that look like `project`: same credit code, same company, or a
    /// name sharing most of its character pairs (上汽大通新MPV项目 vs 上汽大通新MPV产业化项目).
    pub fn duplicates_of(&self, project: &Project) -> Result<Vec<DuplicateHint>> {
        let mut hints = Vec::new();
        let own_id = project.id.to_string();
        let by = |column: &str, value: &str| -> Result<Vec<(Uuid, String)>> {
            if value.trim().is_empty() {
                return Ok(Vec::new());
            }
            let sql = format!(
                "SELECT id, name FROM projects WHERE {column} = ?1 AND id <> ?2 \
                 AND deleted_at IS NULL LIMIT 5"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![value.trim(), own_id])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let id: String = row.get(0)?;
                out.push((parse_uuid("id", &id)?, row.get(1)?));
            }
            Ok(out)
        };
        for (id, name) in by("credit_code", &project.credit_code)? {
            hints.push(DuplicateHint::SameCreditCode { id, name });
        }
        for (id, name) in by("company", &project.company)? {
            hints.push(DuplicateHint::SameCompany { id, name });
        }
        let bigrams = name_bigrams(&project.name);
        if bigrams.len() >= 2 {
            let expression = bigrams
                .iter()
                .map(|b| format!("\"{b}\""))
                .collect::<Vec<_>>()
                .join(" OR ");
            let mut stmt = self.conn.prepare_cached(
                "SELECT p.id, p.name FROM project_search s JOIN projects p ON p.seq = s.rowid \
                 WHERE project_search MATCH ?1 AND p.id <> ?2 AND p.deleted_at IS NULL LIMIT 200",
            )?;
            let mut rows = stmt.query(params![expression, own_id])?;
            while let Some(row) = rows.next()? {
                let name: String = row.get(1)?;
                if similarity(&bigrams, &name_bigrams(&name)) >= 0.6 {
                    let id: String = row.get(0)?;
                    let id = parse_uuid("id", &id)?;
                    if !hints.iter().any(|h| hint_id(h) == id) {
                        hints.push(DuplicateHint::SimilarName { id, name });
                    }
                }
                if hints.len() >= 8 {
                    break;
                }
            }
        }
        Ok(hints)
    }
}

fn hint_id(hint: &DuplicateHint) -> Uuid {
    match hint {
        DuplicateHint::SameCreditCode { id, .. }
        | DuplicateHint::SameCompany { id, .. }
        | DuplicateHint::SimilarName { id, .. } => *id,
    }
}

/// Character pairs of a name, ignoring words every project name shares (项目, 有限公司).
fn name_bigrams(name: &str) -> Vec<String> {
    let cleaned: Vec<char> = name
        .replace("项目", "")
        .replace("有限公司", "")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let mut out: Vec<String> = cleaned.windows(2).map(|w| w.iter().collect()).collect();
    out.sort();
    out.dedup();
    out
}

/// Dice coefficient of two sorted, de-duplicated bigram sets.
fn similarity(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    2.0 * common as f32 / (a.len() + b.len()) as f32
}
