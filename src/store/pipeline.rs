//! The board's queries: per-stage count and CNY sum for a filter (one GROUP BY), one column's
//! keys, the few cards on screen, a project's stage-move history, and the move/snooze writes.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use super::ledger::{row_id, row_money, row_stage};
use super::{
    CardRow, LedgerTotals, ProjectFilter, Result, SortColumn, SortOrder, Store, StoreError,
};
use crate::domain::Stage;
use crate::domain::pipeline::StageMove;

fn bad(column: &'static str, value: impl Into<String>) -> StoreError {
    StoreError::BadValue {
        column,
        value: value.into(),
    }
}

fn day(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok())
}

impl Store {
    /// Count and exact CNY sum per stage of what the filter shows (its stage list is ignored):
    /// the board's column headers, indexed by [`Stage::index`].
    pub fn stage_totals(&self, filter: &ProjectFilter) -> Result<[LedgerTotals; 7]> {
        let filter = ProjectFilter {
            stages: Vec::new(),
            ..filter.clone()
        };
        let (condition, values) = filter.where_clause();
        let sql = format!(
            "SELECT p.stage, count(*), coalesce(sum(p.amount_cny), 0) FROM projects p \
             WHERE {condition} GROUP BY p.stage"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        let mut out = [LedgerTotals::default(); 7];
        while let Some(r) = rows.next()? {
            let code: String = r.get(0)?;
            let stage = Stage::from_code(&code).ok_or_else(|| bad("stage", code))?;
            out[stage.index()] = LedgerTotals {
                count: r.get(1)?,
                amount_cny: r.get(2)?,
            };
        }
        Ok(out)
    }

    /// The keys of one column: the filter's projects in `stage`, last updated first.
    pub fn stage_keys(&self, filter: &ProjectFilter, stage: Stage) -> Result<Vec<i64>> {
        let filter = ProjectFilter {
            stages: vec![stage],
            ..filter.clone()
        };
        self.ledger_keys(&filter, SortColumn::Updated, SortOrder::Descending)
    }

    /// The cards for these keys, in the same order (keys no longer there are skipped).
    pub fn board_cards(&self, keys: &[i64]) -> Result<Vec<CardRow>> {
        let columns = "p.seq, p.id, p.name, p.company, p.amount, p.currency, p.amount_cny, \
             p.stage, CASE p.stage WHEN 'lead' THEN p.lead_date \
             WHEN 'negotiating' THEN p.negotiating_date WHEN 'signed' THEN p.signed_date \
             WHEN 'construction' THEN p.construction_date \
             WHEN 'production' THEN p.production_date WHEN 'on_hold' THEN p.on_hold_date \
             ELSE p.dropped_date END, p.updated_at, coalesce(t.name, ''), coalesce(o.name, ''), \
             p.next_step, p.next_step_due, p.snoozed_until, p.snooze_reason";
        self.rows_by_seq(columns, keys, |r| {
            Ok(CardRow {
                seq: r.get(0)?,
                id: row_id(r, 1)?,
                name: r.get(2)?,
                company: r.get(3)?,
                investment: row_money(r, 4, 5)?,
                amount_cny: r.get(6)?,
                stage: row_stage(r, 7)?,
                stage_date: day(r.get(8)?),
                updated: day(r.get(9)?),
                team: r.get(10)?,
                officer: r.get(11)?,
                next_step: r.get(12)?,
                next_step_due: day(r.get(13)?),
                snoozed_until: day(r.get(14)?),
                snooze_reason: r.get(15)?,
            })
        })
    }

    /// A project's recorded moves, oldest first (undone moves are left out).
    pub fn stage_moves(&self, project: Uuid) -> Result<Vec<StageMove>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, from_stage, to_stage, stage_date, who, reason FROM stage_moves \
             WHERE project_id = ?1 AND deleted_at IS NULL ORDER BY recorded_at, rowid",
        )?;
        let mut rows = stmt.query([project.to_string()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let from: String = r.get(1)?;
            let to: String = r.get(2)?;
            let date: String = r.get(3)?;
            out.push(StageMove {
                id: Uuid::parse_str(&id).map_err(|_| bad("stage_moves.id", id.clone()))?,
                project_id: project,
                from: Stage::from_code(&from).ok_or_else(|| bad("stage_moves.from", from))?,
                to: Stage::from_code(&to).ok_or_else(|| bad("stage_moves.to", to))?,
                date: day(Some(date.clone())).ok_or_else(|| bad("stage_moves.date", date))?,
                who: r.get(4)?,
                reason: r.get(5)?,
            });
        }
        Ok(out)
    }

    /// Whether a project exists and is not deleted ([`Store::project`] also finds deleted
    /// ones, for undo).
    pub fn is_live(&self, project: Uuid) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM projects WHERE id = ?1 AND deleted_at IS NULL",
                [project.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// A project's snooze: (until, reason), if one is set.
    pub fn snooze_of(&self, project: Uuid) -> Result<Option<(NaiveDate, String)>> {
        let row: Option<(Option<String>, String)> = self
            .conn
            .query_row(
                "SELECT snoozed_until, snooze_reason FROM projects WHERE id = ?1",
                [project.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(row.and_then(|(until, reason)| day(until).map(|d| (d, reason))))
    }
}

pub(super) fn put_stage_move(tx: &rusqlite::Transaction, m: &StageMove, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO stage_moves (id, project_id, from_stage, to_stage, stage_date, who, reason, \
         recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
         ON CONFLICT(id) DO UPDATE SET deleted_at = NULL",
        params![
            m.id.to_string(),
            m.project_id.to_string(),
            m.from.code(),
            m.to.code(),
            m.date.format("%Y-%m-%d").to_string(),
            m.who,
            m.reason,
            now
        ],
    )?;
    Ok(())
}

pub(super) fn delete_stage_move(tx: &rusqlite::Transaction, id: Uuid, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE stage_moves SET deleted_at = ?2 WHERE id = ?1",
        params![id.to_string(), now],
    )?;
    Ok(())
}

/// Snoozing is not an update of the project: `updated_at` stays, so the stale clock runs on.
pub(super) fn set_snooze(
    tx: &rusqlite::Transaction,
    project: Uuid,
    until: Option<NaiveDate>,
    reason: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE projects SET snoozed_until = ?2, snooze_reason = ?3 WHERE id = ?1",
        params![
            project.to_string(),
            until.map(|d| d.format("%Y-%m-%d").to_string()),
            if until.is_some() { reason.trim() } else { "" }
        ],
    )?;
    Ok(())
}
