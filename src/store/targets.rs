//! Targets (目标) as rows: stored, read back, soft-deleted.

use rusqlite::{Row, Transaction, params};
use uuid::Uuid;

use super::records::{bad, parse_uuid};
use super::{Result, Store};
use crate::domain::target::{ElapsedCounting, Metric, Period, Scope, Target};

const TARGET_COLUMNS: &str =
    "id, name, year, quarter, month, team_id, industry, metric, min_cny, value";

fn target_from_row(row: &Row) -> Result<Target> {
    let id: String = row.get(0)?;
    let year: i32 = row.get(2)?;
    let quarter: Option<u32> = row.get(3)?;
    let month: Option<u32> = row.get(4)?;
    let team: Option<String> = row.get(5)?;
    let industry: Option<String> = row.get(6)?;
    let metric: String = row.get(7)?;
    let min_cny: Option<i64> = row.get(8)?;
    let scope = match (team, industry) {
        (Some(team), _) => Scope::Team(parse_uuid("targets.team_id", &team)?),
        (None, Some(industry)) => Scope::Industry(industry),
        (None, None) => Scope::Zone,
    };
    Ok(Target {
        id: parse_uuid("targets.id", &id)?,
        name: row.get(1)?,
        period: Period::new(year, quarter, month)
            .ok_or_else(|| bad("targets.period", format!("{year} {quarter:?} {month:?}")))?,
        scope,
        metric: Metric::from_code(&metric, min_cny).ok_or_else(|| bad("targets.metric", metric))?,
        value: row.get(9)?,
    })
}

/// Inserts or replaces a target (and brings a deleted one back, for redo).
pub(super) fn put_target(tx: &Transaction, target: &Target, now: &str) -> Result<()> {
    let (quarter, month) = match target.period {
        Period::Year(_) => (None, None),
        Period::Quarter(_, q) => (Some(q), None),
        Period::Month(_, m) => (None, Some(m)),
    };
    let (team, industry) = match &target.scope {
        Scope::Zone => (None, None),
        Scope::Team(id) => (Some(id.to_string()), None),
        Scope::Industry(name) => (None, Some(name.clone())),
    };
    let min_cny = match target.metric {
        Metric::TierCount { min_cny } => Some(min_cny),
        _ => None,
    };
    tx.execute(
        "INSERT INTO targets (id, name, year, quarter, month, team_id, industry, metric, min_cny, \
         value, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11) \
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, year = excluded.year, \
         quarter = excluded.quarter, month = excluded.month, team_id = excluded.team_id, \
         industry = excluded.industry, metric = excluded.metric, min_cny = excluded.min_cny, \
         value = excluded.value, updated_at = excluded.updated_at, deleted_at = NULL",
        params![
            target.id.to_string(),
            target.name,
            target.period.year(),
            quarter,
            month,
            team,
            industry,
            target.metric.code(),
            min_cny,
            target.value,
            now
        ],
    )?;
    Ok(())
}

pub(super) fn delete_target(tx: &Transaction, id: Uuid, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE targets SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id.to_string(), now],
    )?;
    Ok(())
}

/// The settings key for how elapsed shares are counted ("days" or "months").
pub const ELAPSED_COUNTING_KEY: &str = "elapsed_counting";

impl Store {
    /// How this ledger counts the elapsed share of a period (by days unless set to months).
    pub fn elapsed_counting(&self) -> Result<ElapsedCounting> {
        Ok(self
            .setting(ELAPSED_COUNTING_KEY)?
            .and_then(|v| ElapsedCounting::from_code(&v))
            .unwrap_or_default())
    }

    /// Every live target: latest period first, then the zone before teams and industries.
    pub fn targets(&self) -> Result<Vec<Target>> {
        let sql = format!(
            "SELECT {TARGET_COLUMNS} FROM targets WHERE deleted_at IS NULL \
             ORDER BY year DESC, coalesce(quarter, 0), coalesce(month, 0), \
             team_id IS NOT NULL, industry IS NOT NULL, created_at, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        let mut targets = Vec::new();
        while let Some(row) = rows.next()? {
            targets.push(target_from_row(row)?);
        }
        Ok(targets)
    }

    /// A target by id, including a deleted one (undo needs its last state).
    pub fn target(&self, id: Uuid) -> Result<Option<Target>> {
        let sql = format!("SELECT {TARGET_COLUMNS} FROM targets WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([id.to_string()])?;
        rows.next()?.map(target_from_row).transpose()
    }
}
