//! 招商目标企业库 as rows: target companies stored, listed, found by link; written through
//! [`super::Write`].

use rusqlite::{Row, Transaction, params};
use uuid::Uuid;

use super::activities::{ids_json, parse_ids};
use super::records::{bad, parse_uuid};
use super::{Result, Store};
use crate::domain::target_company::{ContactStatus, Priority, TargetCompany};

const COMPANY_COLUMNS: &str = "id, name, credit_code, city, priority, chain_leader, officer_id, \
    contact, notes, project_id, node_ids";

/// Inserts or replaces a target company (and brings a deleted one back).
pub(super) fn put_target_company(tx: &Transaction, c: &TargetCompany, now: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO target_companies (id, name, credit_code, city, priority, chain_leader, \
         officer_id, contact, notes, project_id, node_ids, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12) \
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, \
         credit_code = excluded.credit_code, city = excluded.city, \
         priority = excluded.priority, chain_leader = excluded.chain_leader, \
         officer_id = excluded.officer_id, contact = excluded.contact, notes = excluded.notes, \
         project_id = excluded.project_id, node_ids = excluded.node_ids, \
         updated_at = excluded.updated_at, deleted_at = NULL",
    )?
    .execute(params![
        c.id.to_string(),
        c.name,
        c.credit_code,
        c.city,
        c.priority.code(),
        c.chain_leader as i64,
        c.officer.map(|o| o.to_string()),
        c.contact.code(),
        c.notes,
        c.project.map(|p| p.to_string()),
        ids_json(&c.links),
        now
    ])?;
    Ok(())
}

fn company_from_row(row: &Row) -> Result<TargetCompany> {
    let priority: String = row.get(4)?;
    let contact: String = row.get(7)?;
    let officer: Option<String> = row.get(6)?;
    let project: Option<String> = row.get(9)?;
    Ok(TargetCompany {
        id: parse_uuid("target_companies.id", &row.get::<_, String>(0)?)?,
        name: row.get(1)?,
        credit_code: row.get(2)?,
        city: row.get(3)?,
        priority: Priority::from_code(&priority)
            .ok_or_else(|| bad("target_companies.priority", priority))?,
        chain_leader: row.get::<_, i64>(5)? != 0,
        officer: officer
            .map(|o| parse_uuid("target_companies.officer_id", &o))
            .transpose()?,
        contact: ContactStatus::from_code(&contact)
            .ok_or_else(|| bad("target_companies.contact", contact))?,
        notes: row.get(8)?,
        project: project
            .map(|p| parse_uuid("target_companies.project_id", &p))
            .transpose()?,
        links: parse_ids("target_companies.node_ids", &row.get::<_, String>(10)?)?,
    })
}

impl Store {
    fn companies_where(
        &self,
        sql: &str,
        key: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<TargetCompany>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(key)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(company_from_row(row)?);
        }
        Ok(out)
    }

    /// Every live target company, by priority then name.
    pub fn target_companies(&self) -> Result<Vec<TargetCompany>> {
        let sql = format!(
            "SELECT {COMPANY_COLUMNS} FROM target_companies WHERE deleted_at IS NULL \
             ORDER BY priority, name, id"
        );
        self.companies_where(&sql, &[])
    }

    /// A target company by id, including a deleted one (undo needs it).
    pub fn target_company(&self, id: Uuid) -> Result<Option<TargetCompany>> {
        let sql = format!("SELECT {COMPANY_COLUMNS} FROM target_companies WHERE id = ?1");
        Ok(self
            .companies_where(&sql, &[&id.to_string()])?
            .into_iter()
            .next())
    }

    /// The live target companies that fit a link, by priority then name.
    pub fn companies_of_link(&self, node: Uuid) -> Result<Vec<TargetCompany>> {
        let sql = format!(
            "SELECT {COMPANY_COLUMNS} FROM target_companies AS c WHERE c.deleted_at IS NULL \
             AND EXISTS (SELECT 1 FROM json_each(c.node_ids) AS j WHERE j.value = ?1) \
             ORDER BY c.priority, c.name, c.id"
        );
        self.companies_where(&sql, &[&node.to_string()])
    }

    /// How many live target companies the ledger holds.
    pub fn target_company_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM target_companies WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }
}
