//! 日程 as rows: activities stored, read back by period, officer, team and project, the next
//! planned activity of every project (the board's marks), and the 考核 figures.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::records::{bad, day_text, parse_day, parse_uuid};
use super::{Result, Store};
use crate::domain::activity::{
    Activity, ActivityFilter, ActivityStatus, ActivityType, Appraisal, AppraisalFigures,
    AppraisalOf, AppraisalRow, CountsAs, NextPlanned, Review, default_types, rank_appraisal,
};

/// The setting that holds the activity types (JSON); absent: [`default_types`].
pub const ACTIVITY_TYPES_KEY: &str = "activity_types";
/// The setting "考核 counts reviewed activities only" ("1" when on).
pub const REVIEWED_ONLY_KEY: &str = "appraisal_reviewed_only";

const ACTIVITY_COLUMNS: &str = "id, kind, status, start_date, start_time, end_date, end_time, \
    place, officer_ids, leader_present, project_ids, companies, result, next_step, parent_id, \
    review, review_comment";

fn time_text(t: Option<NaiveTime>) -> Option<String> {
    t.map(|t| t.format("%H:%M").to_string())
}

pub(super) fn ids_json(ids: &[Uuid]) -> String {
    let texts: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    serde_json::to_string(&texts).unwrap_or_else(|_| "[]".into())
}

fn parse_time(column: &'static str, text: Option<String>) -> Result<Option<NaiveTime>> {
    text.filter(|t| !t.is_empty())
        .map(|t| NaiveTime::parse_from_str(&t, "%H:%M").map_err(|_| bad(column, t)))
        .transpose()
}

pub(super) fn parse_ids(column: &'static str, json: &str) -> Result<Vec<Uuid>> {
    let texts: Vec<String> =
        serde_json::from_str(json).map_err(|_| bad(column, json.to_string()))?;
    texts.iter().map(|t| parse_uuid(column, t)).collect()
}

fn activity_from_row(row: &Row) -> Result<Activity> {
    let id: String = row.get(0)?;
    let status: String = row.get(2)?;
    let review: String = row.get(15)?;
    let parent: Option<String> = row.get(14)?;
    let companies: String = row.get(11)?;
    Ok(Activity {
        id: parse_uuid("activities.id", &id)?,
        kind: row.get(1)?,
        status: ActivityStatus::from_code(&status)
            .ok_or_else(|| bad("activities.status", status))?,
        start: parse_day("activities.start_date", &row.get::<_, String>(3)?)?,
        start_time: parse_time("activities.start_time", row.get(4)?)?,
        end: parse_day("activities.end_date", &row.get::<_, String>(5)?)?,
        end_time: parse_time("activities.end_time", row.get(6)?)?,
        place: row.get(7)?,
        officers: parse_ids("activities.officer_ids", &row.get::<_, String>(8)?)?,
        leader_present: row.get::<_, i64>(9)? != 0,
        projects: parse_ids("activities.project_ids", &row.get::<_, String>(10)?)?,
        companies: serde_json::from_str(&companies)
            .map_err(|_| bad("activities.companies", companies))?,
        result: row.get(12)?,
        next_step: row.get(13)?,
        parent: parent
            .map(|p| parse_uuid("activities.parent_id", &p))
            .transpose()?,
        review: Review::from_code(&review).ok_or_else(|| bad("activities.review", review))?,
        review_comment: row.get(16)?,
    })
}

/// Inserts or replaces an activity (and brings a deleted one back, for redo).
pub(super) fn put_activity(tx: &Transaction, a: &Activity, now: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO activities (id, kind, status, start_date, start_time, end_date, end_time, \
         place, officer_ids, leader_present, project_ids, companies, result, next_step, \
         parent_id, review, review_comment, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18) \
         ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, status = excluded.status, \
         start_date = excluded.start_date, start_time = excluded.start_time, \
         end_date = excluded.end_date, end_time = excluded.end_time, place = excluded.place, \
         officer_ids = excluded.officer_ids, leader_present = excluded.leader_present, \
         project_ids = excluded.project_ids, companies = excluded.companies, \
         result = excluded.result, next_step = excluded.next_step, \
         parent_id = excluded.parent_id, review = excluded.review, \
         review_comment = excluded.review_comment, updated_at = excluded.updated_at, \
         deleted_at = NULL",
    )?
    .execute(params![
        a.id.to_string(),
        a.kind,
        a.status.code(),
        day_text(a.start),
        time_text(a.start_time),
        day_text(a.end),
        time_text(a.end_time),
        a.place,
        ids_json(&a.officers),
        a.leader_present as i64,
        ids_json(&a.projects),
        serde_json::to_string(&a.companies).unwrap_or_else(|_| "[]".into()),
        a.result,
        a.next_step,
        a.parent.map(|p| p.to_string()),
        a.review.code(),
        a.review_comment,
        now
    ])?;
    Ok(())
}

pub(super) fn delete_activity(tx: &Transaction, id: Uuid, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE activities SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id.to_string(), now],
    )?;
    Ok(())
}

/// The codes of the types that count as `counts_as`, as a JSON array for `json_each(?)`.
fn kinds_json(types: &[ActivityType], counts_as: CountsAs) -> String {
    let codes: Vec<&str> = types
        .iter()
        .filter(|t| t.counts_as == counts_as)
        .map(|t| t.code.as_str())
        .collect();
    serde_json::to_string(&codes).unwrap_or_else(|_| "[]".into())
}

impl Store {
    /// An activity by id, including a soft-deleted one (undo needs it).
    pub fn activity(&self, id: Uuid) -> Result<Option<Activity>> {
        let sql = format!("SELECT {ACTIVITY_COLUMNS} FROM activities WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([id.to_string()])?;
        match rows.next()? {
            Some(row) => Ok(Some(activity_from_row(row)?)),
            None => Ok(None),
        }
    }

    /// Live activities the filter lets through, by start day and time. A period takes every
    /// activity whose days touch it (a trip from the 28th to the 3rd is in both months).
    pub fn activities(&self, filter: &ActivityFilter) -> Result<Vec<Activity>> {
        // Only the conditions set are written, so each shape of filter gets a plan of its own
        // (a project's activities are found through its index, not by reading every row).
        let mut sql =
            format!("SELECT {ACTIVITY_COLUMNS} FROM activities a WHERE a.deleted_at IS NULL");
        let mut values: Vec<String> = Vec::new();
        let mut condition = |sql_part: &str, value: String| {
            values.push(value);
            sql.push_str(&sql_part.replace('?', &format!("?{}", values.len())));
        };
        if let Some(from) = filter.from {
            condition(" AND a.end_date >= ?", day_text(from));
        }
        if let Some(to) = filter.to {
            condition(" AND a.start_date <= ?", day_text(to));
        }
        if let Some(officer) = filter.officer {
            condition(
                " AND EXISTS (SELECT 1 FROM activity_officers o \
                 WHERE o.activity_id = a.id AND o.officer_id = ?)",
                officer.to_string(),
            );
        }
        if let Some(team) = filter.team {
            condition(
                " AND EXISTS (SELECT 1 FROM activity_officers o JOIN officers f \
                 ON f.id = o.officer_id WHERE o.activity_id = a.id AND f.team_id = ?)",
                team.to_string(),
            );
        }
        if let Some(project) = filter.project {
            condition(
                " AND a.id IN (SELECT activity_id FROM activity_projects WHERE project_id = ?)",
                project.to_string(),
            );
        }
        if let Some(status) = filter.status {
            condition(" AND a.status = ?", status.code().to_string());
        }
        sql.push_str(" ORDER BY a.start_date, coalesce(a.start_time, ''), a.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(&values))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(activity_from_row(row)?);
        }
        Ok(out)
    }

    /// The activity types: the setting, or the bureaus' usual ones when it was never set (or
    /// cannot be read: the defaults are shown rather than none).
    pub fn activity_types(&self) -> Result<Vec<ActivityType>> {
        Ok(self
            .setting(ACTIVITY_TYPES_KEY)?
            .and_then(|json| serde_json::from_str::<Vec<ActivityType>>(&json).ok())
            .filter(|types| !types.is_empty())
            .unwrap_or_else(default_types))
    }

    /// Whether 考核 counts reviewed (已审核) activities only.
    pub fn appraisal_reviewed_only(&self) -> Result<bool> {
        Ok(self.setting(REVIEWED_ONLY_KEY)?.as_deref() == Some("1"))
    }

    /// Every live project's earliest planned activity (by start day).
    pub fn next_planned_activities(&self) -> Result<HashMap<Uuid, NextPlanned>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT project_id, activity_id, kind, min(start_date) FROM activity_projects \
             WHERE status = 'planned' GROUP BY project_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = HashMap::new();
        while let Some(row) = rows.next()? {
            let project: String = row.get(0)?;
            let id: String = row.get(1)?;
            let start: String = row.get(3)?;
            out.insert(
                parse_uuid("activities.project_ids", &project)?,
                NextPlanned {
                    activity: parse_uuid("activities.id", &id)?,
                    kind: row.get(2)?,
                    start: parse_day("activities.start_date", &start)?,
                },
            );
        }
        Ok(out)
    }

    /// The 考核 figures of every officer and every team for `from..=to`, ranked, and the
    /// zone's. Officers and teams with nothing in the period are listed with zeros.
    pub fn appraisal(&self, from: NaiveDate, to: NaiveDate) -> Result<Appraisal> {
        let types = self.activity_types()?;
        let mut figures: BTreeMap<AppraisalOf, AppraisalFigures> = BTreeMap::new();
        for officer in self.officers()? {
            figures.insert(
                AppraisalOf::Officer(officer.id),
                AppraisalFigures::default(),
            );
        }
        for team in self.teams()? {
            figures.insert(AppraisalOf::Team(team.id), AppraisalFigures::default());
        }
        figures.insert(AppraisalOf::Zone, AppraisalFigures::default());
        let range = AppraisalRange {
            from: day_text(from),
            to: day_text(to),
            reviewed_only: self.appraisal_reviewed_only()?,
        };
        for group in [Group::Officer, Group::Team, Group::Zone] {
            self.activity_figures(&range, &types, group, &mut figures)?;
        }
        self.project_figures(&range, &mut figures)?;
        let mut out = Appraisal {
            zone: figures.remove(&AppraisalOf::Zone).unwrap_or_default(),
            ..Appraisal::default()
        };
        for (of, figures) in figures {
            let row = AppraisalRow {
                of,
                figures,
                rank: 0,
            };
            match of {
                AppraisalOf::Team(_) => out.teams.push(row),
                _ => out.officers.push(row),
            }
        }
        rank_appraisal(&mut out.officers);
        rank_appraisal(&mut out.teams);
        Ok(out)
    }

    /// 外出天数, 拜访企业数 and activities by type, grouped by officer or by team.
    fn activity_figures(
        &self,
        range: &AppraisalRange,
        types: &[ActivityType],
        by: Group,
        figures: &mut BTreeMap<AppraisalOf, AppraisalFigures>,
    ) -> Result<()> {
        let (group, join) = by.activity_key();
        // The derived rows hold live activities only, one per officer on each.
        let done = "o.status = 'done' AND (?3 = 0 OR o.review = 'approved')";
        // Trip days: each trip's days inside the period, once per officer on it.
        let trips = format!(
            "SELECT {group}, sum(julianday(min(o.end_date, ?2)) - julianday(max(o.start_date, ?1)) + 1) \
             FROM activity_officers o {join} \
             WHERE {done} AND o.start_date <= ?2 AND o.end_date >= ?1 \
             AND o.kind IN (SELECT value FROM json_each(?4)) GROUP BY 1"
        );
        let visits = format!(
            "SELECT {group}, count(DISTINCT c.company) \
             FROM activity_officers o JOIN activity_companies c ON c.activity_id = o.activity_id {join} \
             WHERE {done} AND o.start_date BETWEEN ?1 AND ?2 \
             AND o.kind IN (SELECT value FROM json_each(?4)) GROUP BY 1"
        );
        let kinds = format!(
            "SELECT {group}, o.kind, count(DISTINCT o.activity_id) \
             FROM activity_officers o {join} \
             WHERE {done} AND o.start_date BETWEEN ?1 AND ?2 GROUP BY 1, 2"
        );
        let only = range.reviewed_only as i64;
        let trip_kinds = kinds_json(types, CountsAs::Trip);
        let visit_kinds = kinds_json(types, CountsAs::Visit);
        let mut stmt = self.conn.prepare_cached(&trips)?;
        let mut rows = stmt.query(params![range.from, range.to, only, trip_kinds])?;
        while let Some(row) = rows.next()? {
            if let Some(f) = entry(figures, by, row.get(0)?) {
                f.trip_days += row.get::<_, Option<f64>>(1)?.unwrap_or(0.0).round() as i64;
            }
        }
        let mut stmt = self.conn.prepare_cached(&visits)?;
        let mut rows = stmt.query(params![range.from, range.to, only, visit_kinds])?;
        while let Some(row) = rows.next()? {
            if let Some(f) = entry(figures, by, row.get(0)?) {
                f.companies_visited += row.get::<_, i64>(1)?;
            }
        }
        let mut stmt = self.conn.prepare_cached(&kinds)?;
        let mut rows = stmt.query(params![range.from, range.to, only])?;
        while let Some(row) = rows.next()? {
            if let Some(f) = entry(figures, by, row.get(0)?) {
                *f.by_kind.entry(row.get(1)?).or_default() += row.get::<_, i64>(2)?;
            }
        }
        Ok(())
    }

    /// 新增线索 and 签约 (count and CNY) of the projects each officer and each team is
    /// responsible for, and the zone's, in one pass over the period's leads and signings,
    /// each found by its date's index. (A statement per group, grouped by officer, read
    /// every project through the officer's index: 0.67 s a group at 1,000,000 projects,
    /// against 0.38 s for all three now.)
    fn project_figures(
        &self,
        range: &AppraisalRange,
        figures: &mut BTreeMap<AppraisalOf, AppraisalFigures>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT officer_id, team_id, sum(lead), sum(signed), sum(cny) FROM ( \
             SELECT officer_id, team_id, 1 AS lead, 0 AS signed, 0 AS cny FROM projects \
             WHERE deleted_at IS NULL AND lead_date BETWEEN ?1 AND ?2 \
             UNION ALL \
             SELECT officer_id, team_id, 0, 1, coalesce(amount_cny, 0) FROM projects \
             WHERE deleted_at IS NULL AND signed_date BETWEEN ?1 AND ?2) \
             GROUP BY 1, 2",
        )?;
        let mut rows = stmt.query(params![range.from, range.to])?;
        while let Some(row) = rows.next()? {
            let (leads, signed, cny): (i64, i64, i64) = (row.get(2)?, row.get(3)?, row.get(4)?);
            let whose = [
                (Group::Officer, row.get(0)?),
                (Group::Team, row.get(1)?),
                (Group::Zone, Some("zone".to_owned())),
            ];
            for (by, id) in whose {
                if let Some(f) = entry(figures, by, id) {
                    f.new_leads += leads;
                    f.signed_count += signed;
                    f.signed_cny += cny;
                }
            }
        }
        Ok(())
    }

    /// Every project's last done activity's last day: a done activity counts as an update for
    /// the board's stale mark.
    pub fn last_done_activities(&self) -> Result<HashMap<Uuid, NaiveDate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT project_id, max(end_date) FROM activity_projects \
             WHERE status = 'done' GROUP BY project_id",
        )?;
        project_days(stmt.query([])?, "activities.end_date")
    }

    /// The last day each company named by a live activity (not cancelled, begun by `today`)
    /// was met, by the name as written (trimmed): a target company's 最近接触.
    pub fn last_company_contacts(&self, today: NaiveDate) -> Result<HashMap<String, NaiveDate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.company, max(a.start_date) FROM activity_companies c \
             JOIN activities a ON a.id = c.activity_id \
             WHERE a.deleted_at IS NULL AND a.status <> 'cancelled' AND a.start_date <= ?1 \
             GROUP BY c.company",
        )?;
        let mut rows = stmt.query([day_text(today)])?;
        let mut out = HashMap::new();
        while let Some(row) = rows.next()? {
            let day: String = row.get(1)?;
            out.insert(row.get(0)?, parse_day("activities.start_date", &day)?);
        }
        Ok(out)
    }

    /// Every project's last activity (not cancelled, begun by `today`): its 最近接触.
    pub fn last_project_contacts(&self, today: NaiveDate) -> Result<HashMap<Uuid, NaiveDate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT project_id, max(start_date) FROM activity_projects \
             WHERE status <> 'cancelled' AND start_date <= ?1 GROUP BY project_id",
        )?;
        project_days(stmt.query([day_text(today)])?, "activities.start_date")
    }

    /// Live projects of exactly this name, with their investors (how the command line names a
    /// project an activity concerns).
    pub fn live_projects_named(&self, name: &str) -> Result<Vec<(Uuid, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, company FROM projects WHERE deleted_at IS NULL AND name = ?1 ORDER BY seq",
        )?;
        let mut rows = stmt.query([name])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            out.push((parse_uuid("projects.id", &id)?, row.get(1)?));
        }
        Ok(out)
    }

    /// Activities of a project, newest first (the editor's timeline).
    pub fn project_activities(&self, project: Uuid) -> Result<Vec<Activity>> {
        let mut list = self.activities(&ActivityFilter {
            project: Some(project),
            ..ActivityFilter::default()
        })?;
        list.reverse();
        Ok(list)
    }

    /// Whether the activity is there and not deleted.
    pub fn activity_is_live(&self, id: Uuid) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM activities WHERE id = ?1 AND deleted_at IS NULL",
                [id.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// How many live activities the ledger holds (the benchmark's and the status line's count).
    pub fn activity_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM activities WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }
}

struct AppraisalRange {
    from: String,
    to: String,
    reviewed_only: bool,
}

/// Whose figures a statement groups by.
#[derive(Clone, Copy)]
enum Group {
    Officer,
    Team,
    Zone,
}

impl Group {
    /// The activity statements' grouping column and the join it needs: officers by the id in
    /// the activity's list, teams through the officers table, the zone as one group (each
    /// activity counted once, however many officers were on it).
    fn activity_key(self) -> (&'static str, &'static str) {
        match self {
            Group::Officer => ("o.officer_id", ""),
            Group::Team => ("f.team_id", "JOIN officers f ON f.id = o.officer_id"),
            Group::Zone => ("'zone'", ""),
        }
    }
}

/// The figures of the officer or team a row names; `None` for one that is gone (a deleted
/// officer's activities are not counted for anyone).
fn entry(
    figures: &mut BTreeMap<AppraisalOf, AppraisalFigures>,
    by: Group,
    id: Option<String>,
) -> Option<&mut AppraisalFigures> {
    let id = id?;
    let of = match by {
        Group::Zone => AppraisalOf::Zone,
        Group::Officer => AppraisalOf::Officer(Uuid::parse_str(&id).ok()?),
        Group::Team => AppraisalOf::Team(Uuid::parse_str(&id).ok()?),
    };
    figures.get_mut(&of)
}

/// Rows of (project id, day) as a map: a project's last or next day of something.
fn project_days(
    mut rows: rusqlite::Rows<'_>,
    column: &'static str,
) -> Result<HashMap<Uuid, NaiveDate>> {
    let mut out = HashMap::new();
    while let Some(row) = rows.next()? {
        let project: String = row.get(0)?;
        let day: String = row.get(1)?;
        out.insert(
            parse_uuid("activities.project_ids", &project)?,
            parse_day(column, &day)?,
        );
    }
    Ok(out)
}
