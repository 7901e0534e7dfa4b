//! Reading and writing whole records: projects, teams, officers, catalogues and settings.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};
use uuid::Uuid;

use super::bulk::{BULK_CACHE_KIB, SearchOp, SearchUpdates, set_aside_indexes_for_bulk};
pub(super) use super::bulk::{
    BULK_PROJECTS, rebuild_indexes, rebuild_search_index, set_aside_project_indexes,
};
use super::chains;
pub(super) use super::columns::{bad, day_text, parse_day, parse_uuid};
use super::columns::{date_text, parse_date};
use super::watch::{self, REPORT_EVERY, WriteWatch};
use super::{Result, Store, StoreError, search, targets};
use crate::domain::activity::Activity;
use crate::domain::chain::{Chain, ChainNode, ProjectLink, StatusOverride};
use crate::domain::money::Rate;
use crate::domain::pipeline::StageMove;
use crate::domain::region::normalize_origin;
use crate::domain::target::Target;
use crate::domain::target_company::TargetCompany;
use crate::domain::{
    CapitalType, Currency, Money, Officer, Ownership, Project, RateTable, Stage, Team, TeamKind,
    Tiers,
};

/// One write the action layer asks for. A batch of them is applied in one transaction, so an
/// undo step or an import lands whole or not at all.
// Writes live only between an action and its transaction; boxing the project would cost an
// allocation per write for no memory saved.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// Insert or replace; also brings a soft-deleted project back.
    PutProject(Project),
    DeleteProject(Uuid),
    /// New or replaced projects, packed (a large import's rows, each held once): written as
    /// [`Write::PutProject`] writes each.
    PutPackedProjects(Vec<crate::domain::packed::PackedProject>),
    /// Brings soft-deleted projects back with the fields their rows kept (the redo of a large
    /// import's additions, which its undo step holds by id only); a live one stays as it is.
    RestoreProjects(Vec<Uuid>),
    /// [`Write::DeleteProject`] for each (the undo of a large import's additions: one write
    /// of 16 bytes a project, not one of 384).
    DeleteProjects(Vec<Uuid>),
    PutTeam(Team),
    DeleteTeam(Uuid),
    PutOfficer(Officer),
    DeleteOfficer(Uuid),
    SetIndustries(Vec<String>),
    SetRates(RateTable),
    SetTiers(Tiers),
    SetSetting(String, String),
    PutTarget(Target),
    DeleteTarget(Uuid),
    /// Back to the setting's default (undo of a first change).
    ClearSetting(String),
    /// Records a stage move (or restores it on redo).
    PutStageMove(StageMove),
    /// Takes a stage move out of the history (undo).
    DeleteStageMove(Uuid),
    /// 暂缓至 `until` with a reason; `None` lifts the snooze.
    SetSnooze {
        project: Uuid,
        until: Option<NaiveDate>,
        reason: String,
    },
    /// 日程: inserts or replaces an activity (and brings a deleted one back).
    PutActivity(Activity),
    DeleteActivity(Uuid),
    /// 产业链: a chain, a link of one, a project attached to a link (inserted or replaced,
    /// a deleted one brought back) and their deletes; a link's status override (None lifts it).
    PutChain(Chain),
    DeleteChain(Uuid),
    PutChainNode(ChainNode),
    DeleteChainNode(Uuid),
    PutProjectLink(ProjectLink),
    DeleteProjectLink(Uuid),
    SetLinkOverride {
        node: Uuid,
        status: Option<StatusOverride>,
    },
    /// 招商目标企业库.
    PutTargetCompany(TargetCompany),
    DeleteTargetCompany(Uuid),
}

const STAGE_DATE_COLUMNS: [&str; 7] = [
    "lead_date",
    "negotiating_date",
    "signed_date",
    "construction_date",
    "production_date",
    "on_hold_date",
    "dropped_date",
];

pub(super) const PROJECT_COLUMNS: &str = "id, name, company, credit_code, industry, chain_link, amount, \
    currency, origin, capital_type, ownership, is_headquarters, stage, lead_date, \
    negotiating_date, signed_date, construction_date, production_date, on_hold_date, \
    dropped_date, team_id, officer_id, land_centi_mu, annual_output_cny, annual_tax_cny, jobs, \
    next_step, next_step_due, notes, tags";

pub(super) fn project_from_row(row: &Row) -> Result<Project> {
    let text = |i: usize| -> rusqlite::Result<String> { row.get(i) };
    let opt = |i: usize| -> rusqlite::Result<Option<String>> { row.get(i) };
    let id = parse_uuid("id", &text(0)?)?;
    let investment = match (row.get::<_, Option<i64>>(6)?, opt(7)?) {
        (Some(units), Some(code)) => Some(Money {
            units,
            currency: Currency::from_code(&code).ok_or_else(|| bad("currency", code))?,
        }),
        _ => None,
    };
    let stage_code = text(12)?;
    let mut stage_dates = [None; 7];
    for (i, date) in stage_dates.iter_mut().enumerate() {
        *date = parse_date(STAGE_DATE_COLUMNS[i], opt(13 + i)?)?;
    }
    let tags: String = text(29)?;
    Ok(Project {
        id,
        name: text(1)?,
        company: text(2)?,
        credit_code: text(3)?,
        industry: text(4)?,
        chain_link: text(5)?,
        investment,
        origin: text(8)?,
        capital_type: opt(9)?.and_then(|c| CapitalType::from_code(&c)),
        ownership: opt(10)?.and_then(|c| Ownership::from_code(&c)),
        is_headquarters: row.get::<_, i64>(11)? != 0,
        stage: Stage::from_code(&stage_code).ok_or_else(|| bad("stage", stage_code))?,
        stage_dates,
        team_id: opt(20)?.map(|t| parse_uuid("team_id", &t)).transpose()?,
        officer_id: opt(21)?.map(|t| parse_uuid("officer_id", &t)).transpose()?,
        land_centi_mu: row.get(22)?,
        annual_output_cny: row.get(23)?,
        annual_tax_cny: row.get(24)?,
        jobs: row.get(25)?,
        next_step: text(26)?,
        next_step_due: parse_date("next_step_due", opt(27)?)?,
        notes: text(28)?,
        tags: serde_json::from_str(&tags).map_err(|_| bad("tags", tags))?,
    })
}

fn team_from_row(row: &Row) -> Result<Team> {
    let id: String = row.get(0)?;
    let kind: String = row.get(2)?;
    let focus: String = row.get(4)?;
    Ok(Team {
        id: parse_uuid("teams.id", &id)?,
        name: row.get(1)?,
        kind: TeamKind::from_code(&kind).ok_or_else(|| bad("teams.kind", kind))?,
        base_city: row.get(3)?,
        focus_industries: serde_json::from_str(&focus)
            .map_err(|_| bad("teams.focus_industries", focus))?,
    })
}

fn officer_from_row(row: &Row) -> Result<Officer> {
    let id: String = row.get(0)?;
    let team: String = row.get(1)?;
    Ok(Officer {
        id: parse_uuid("officers.id", &id)?,
        team_id: parse_uuid("officers.team_id", &team)?,
        name: row.get(2)?,
        role: row.get(3)?,
        phone: row.get(4)?,
    })
}

impl Store {
    /// Applies the writes in one transaction: all land, or none. Waits its turn when another
    /// program is writing (see [`Store::set_busy_notifier`]).
    pub fn write(&mut self, writes: &[Write]) -> Result<()> {
        self.write_planned(|_| Ok::<_, StoreError>((Cow::Borrowed(writes), ())))
    }

    /// Applies the writes `plan` decides on, in one transaction that holds the ledger's write
    /// lock from before `plan` runs until the writes commit: what `plan` reads is the ledger
    /// as it is, and no other program can change it in between. An import checks its
    /// duplicates and team names here again when the ledger changed since its preview
    /// ([`Store::changed_since`]), so two imports of one file add its projects once.
    pub fn write_planned<'w, T, E: From<StoreError>>(
        &mut self,
        plan: impl FnOnce(&Store) -> std::result::Result<(Cow<'w, [Write]>, T), E>,
    ) -> std::result::Result<T, E> {
        self.write_planned_watched(plan, None)
    }

    /// [`Store::write_planned`] reporting how far it has come to `watch`, which may stop it:
    /// a cancelled write ends with [`StoreError::Cancelled`] and its transaction is rolled back
    /// whole (no row, no search entry, no change-log entry lands).
    pub fn write_planned_watched<'w, T, E: From<StoreError>>(
        &mut self,
        plan: impl FnOnce(&Store) -> std::result::Result<(Cow<'w, [Write]>, T), E>,
        watch: Option<&dyn WriteWatch>,
    ) -> std::result::Result<T, E> {
        self.ensure_intact()?;
        let mut bulk = false;
        let written = self.write_locked(plan, &mut bulk, watch);
        if written.is_ok() {
            self.commits += 1;
        }
        if bulk {
            // A large write may have run with the small cache: the usual one again, whatever
            // its outcome (the write's own error comes first).
            let restored = self
                .conn
                .pragma_update(None, "cache_size", super::open::CACHE_KIB);
            if let (Ok(_), Err(e)) = (&written, restored) {
                return Err(E::from(e.into()));
            }
        }
        written
    }

    fn write_locked<'w, T, E: From<StoreError>>(
        &self,
        plan: impl FnOnce(&Store) -> std::result::Result<(Cow<'w, [Write]>, T), E>,
        bulk: &mut bool,
        watch: Option<&dyn WriteWatch>,
    ) -> std::result::Result<T, E> {
        let now = self.now_stamp();
        // IMMEDIATE: the write lock is taken (or waited for) now, not when the first row is
        // written; a read transaction upgraded to a write cannot wait, and fails at once.
        let begun = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        );
        let waited = self.busy.end_wait();
        let limit = self.busy.limit();
        let sorted = |e: StoreError| E::from(super::busy::classify(e, waited, limit));
        let tx = begun.map_err(|e| sorted(e.into()))?;
        let (writes, value) = plan(self)?;
        *bulk = Write::records(&writes) >= BULK_PROJECTS;
        self.rates()
            .and_then(|rates| self.apply_writes(&tx, &writes, rates, now, watch))
            .map_err(sorted)?;
        // The last chance to stop: once the commit starts, the write lands whole. (Dropping
        // `tx` on the way out of an error rolls everything back.)
        watch::check(watch).map_err(E::from)?;
        tx.commit().map_err(|e| sorted(e.into()))?;
        Ok(value)
    }

    /// Every write of a batch, inside the caller's write transaction.
    fn apply_writes(
        &self,
        tx: &rusqlite::Transaction,
        writes: &[Write],
        rates: RateTable,
        now: String,
        watch: Option<&dyn WriteWatch>,
    ) -> Result<()> {
        let log = super::changelog::PendingLog::before_write(tx, writes)?;
        let rebuild = set_aside_indexes_for_bulk(tx, writes)?;
        if !rebuild.is_empty() {
            // With the indexes set aside the rows are appended, so a large page cache buys
            // nothing; a small one keeps an import of 100,000 projects within 300 MB.
            tx.pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
        }
        let mut search_index = SearchUpdates::default();
        let total = Write::records(writes);
        let mut done = 0usize;
        let report = |done: usize| -> Result<()> {
            if let Some(watch) = watch
                && done.is_multiple_of(REPORT_EVERY)
            {
                watch.written(done, total);
                watch::check(Some(watch))?;
            }
            Ok(())
        };
        for write in writes {
            if !super::bulk::is_many(write) {
                report(done)?;
                done += 1;
            }
            match write {
                Write::PutProject(p) => {
                    if let Some((seq, replace)) = put_project(tx, p, &rates, &now)? {
                        search_index.replace(seq, replace, SearchOp::Add(seq, p));
                    }
                }
                Write::PutPackedProjects(packed) => {
                    for one in packed {
                        report(done)?;
                        done += 1;
                        let p = one.unpack();
                        if let Some((seq, replace)) = put_project(tx, &p, &rates, &now)? {
                            search_index.replace(seq, replace, SearchOp::AddPacked(seq, one));
                        }
                    }
                }
                Write::DeleteProject(id) => delete_project(tx, *id, &now, &mut search_index)?,
                Write::DeleteProjects(ids) => {
                    for id in ids {
                        report(done)?;
                        done += 1;
                        delete_project(tx, *id, &now, &mut search_index)?;
                    }
                }
                Write::RestoreProjects(ids) => {
                    for id in ids {
                        report(done)?;
                        done += 1;
                        restore_project(tx, *id, &now, &mut search_index)?;
                    }
                }
                Write::PutTeam(t) => put_team(tx, t, &now)?,
                Write::DeleteTeam(id) => {
                    tx.execute(
                        "UPDATE teams SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                        params![id.to_string(), now],
                    )?;
                }
                Write::PutOfficer(o) => put_officer(tx, o, &now)?,
                Write::DeleteOfficer(id) => {
                    tx.execute(
                        "UPDATE officers SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                        params![id.to_string(), now],
                    )?;
                }
                Write::SetIndustries(names) => set_industries(tx, names)?,
                Write::SetRates(table) => set_rates(tx, table)?,
                Write::SetTiers(tiers) => {
                    tx.execute(
                        "INSERT OR REPLACE INTO settings (key, value) VALUES ('tiers', ?1)",
                        [serde_json::to_string(tiers.thresholds_yi()).unwrap_or_default()],
                    )?;
                }
                Write::SetSetting(key, value) => {
                    tx.execute(
                        "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                        params![key, value],
                    )?;
                }
                Write::PutTarget(target) => targets::put_target(tx, target, &now)?,
                Write::DeleteTarget(id) => targets::delete_target(tx, *id, &now)?,
                Write::ClearSetting(key) => {
                    tx.execute("DELETE FROM settings WHERE key = ?1", [key])?;
                }
                Write::PutStageMove(m) => super::pipeline::put_stage_move(tx, m, &now)?,
                Write::DeleteStageMove(id) => super::pipeline::delete_stage_move(tx, *id, &now)?,
                Write::SetSnooze {
                    project,
                    until,
                    reason,
                } => super::pipeline::set_snooze(tx, *project, *until, reason)?,
                Write::PutActivity(a) => super::activities::put_activity(tx, a, &now)?,
                Write::DeleteActivity(id) => super::activities::delete_activity(tx, *id, &now)?,
                Write::PutChain(c) => chains::put_chain(tx, c, &now)?,
                Write::DeleteChain(id) => chains::soft_delete(tx, "chains", *id, &now)?,
                Write::PutChainNode(n) => chains::put_node(tx, n, &now)?,
                Write::DeleteChainNode(id) => chains::soft_delete(tx, "chain_nodes", *id, &now)?,
                Write::PutProjectLink(l) => chains::put_project_link(tx, l, &now)?,
                Write::DeleteProjectLink(id) => {
                    chains::soft_delete(tx, "project_links", *id, &now)?
                }
                Write::SetLinkOverride { node, status } => {
                    chains::set_override(tx, *node, status.as_ref(), &now)?
                }
                Write::PutTargetCompany(c) => {
                    super::target_companies::put_target_company(tx, c, &now)?
                }
                Write::DeleteTargetCompany(id) => {
                    chains::soft_delete(tx, "target_companies", *id, &now)?
                }
            }
        }
        if let Some(watch) = watch {
            watch.written(total, total);
        }
        // Between the steps after the rows, a cancel is seen within one index build.
        rebuild_indexes(tx, &rebuild, watch)?;
        watch::check(watch)?;
        if search_index.removals() >= BULK_PROJECTS {
            // Writing the search index anew is quicker than removing so many entries one by
            // one: FTS5 merged tombstones for each, and undoing an import of 100,000 projects
            // took 8 s.
            drop(search_index);
            super::bulk::rebuild_search_index_watched(tx, watch)?;
        } else {
            search_index.apply(tx, watch)?;
        }
        watch::check(watch)?;
        // The change log rides the same transaction: a write and its entries land together.
        log.record(tx, &now)?;
        Ok(())
    }

    /// A project by id, including a soft-deleted one (undo needs it).
    pub fn project(&self, id: Uuid) -> Result<Option<Project>> {
        self.project_where("id", &id.to_string())
    }

    /// A project by its ledger key.
    pub fn project_by_seq(&self, seq: i64) -> Result<Option<Project>> {
        self.project_where("seq", &seq)
    }

    fn project_where(&self, column: &str, key: &dyn rusqlite::ToSql) -> Result<Option<Project>> {
        let sql = format!("SELECT {PROJECT_COLUMNS} FROM projects WHERE {column} = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([key])?;
        rows.next()?.map(project_from_row).transpose()
    }

    /// Every live project, oldest first (export, reports of small ledgers, tests).
    pub fn all_projects(&self) -> Result<Vec<Project>> {
        let sql =
            format!("SELECT {PROJECT_COLUMNS} FROM projects WHERE deleted_at IS NULL ORDER BY seq");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(project_from_row(row)?);
        }
        Ok(out)
    }

    /// The names of the indexes the schema declares on `table`, sorted: what a large write
    /// must leave as it found them.
    pub fn index_names(&self, table: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 ORDER BY name",
        )?;
        let names = stmt
            .query_map([table], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(names)
    }

    /// Whether the ledger holds a live project (without counting a million of them).
    pub fn has_live_projects(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM projects WHERE deleted_at IS NULL)",
            [],
            |r| r.get(0),
        )?)
    }

    pub fn project_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM projects WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }

    pub fn teams(&self) -> Result<Vec<Team>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, kind, base_city, focus_industries FROM teams \
             WHERE deleted_at IS NULL ORDER BY name",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(team_from_row(row)?);
        }
        Ok(out)
    }

    pub fn officers(&self) -> Result<Vec<Officer>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, team_id, name, role, phone FROM officers \
             WHERE deleted_at IS NULL ORDER BY name",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(officer_from_row(row)?);
        }
        Ok(out)
    }

    /// A team or officer by id even when soft-deleted (undo of a delete needs the record).
    pub fn team(&self, id: Uuid) -> Result<Option<Team>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, kind, base_city, focus_industries FROM teams WHERE id = ?1",
        )?;
        let mut rows = stmt.query([id.to_string()])?;
        rows.next()?.map(team_from_row).transpose()
    }

    pub fn officer(&self, id: Uuid) -> Result<Option<Officer>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, team_id, name, role, phone FROM officers WHERE id = ?1")?;
        let mut rows = stmt.query([id.to_string()])?;
        rows.next()?.map(officer_from_row).transpose()
    }

    /// Live projects per team: (team id, count, CNY sum). Projects with no team are left out.
    pub fn team_totals(&self) -> Result<Vec<super::TeamTotal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT team_id, count(*), coalesce(sum(amount_cny), 0) FROM projects \
             WHERE deleted_at IS NULL AND team_id IS NOT NULL GROUP BY team_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            out.push(super::TeamTotal {
                team_id: parse_uuid("team_id", &id)?,
                count: row.get(1)?,
                amount_cny: row.get(2)?,
            });
        }
        Ok(out)
    }

    pub fn industries(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM industries ORDER BY position, name")?;
        let names = stmt.query_map([], |r| r.get(0))?;
        Ok(names.collect::<rusqlite::Result<_>>()?)
    }

    pub fn rates(&self) -> Result<RateTable> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT currency, effective, cny_per_unit_micro FROM rates ORDER BY currency, effective",
        )?;
        let mut rows = stmt.query([])?;
        let mut rates = Vec::new();
        while let Some(row) = rows.next()? {
            let code: String = row.get(0)?;
            let effective: String = row.get(1)?;
            rates.push(Rate {
                currency: Currency::from_code(&code).ok_or_else(|| bad("rates.currency", code))?,
                effective: parse_date("rates.effective", Some(effective))?.unwrap_or_default(),
                cny_per_unit_micro: row.get(2)?,
            });
        }
        Ok(RateTable::new(rates))
    }

    pub fn tiers(&self) -> Result<Tiers> {
        let stored = self.setting("tiers")?;
        Ok(stored
            .and_then(|s| serde_json::from_str::<Vec<i64>>(&s).ok())
            .and_then(Tiers::new)
            .unwrap_or_default())
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }
}

/// The CNY figure of a project: converted on its signing day, else the first day it was dated,
/// else with the newest rate.
pub(super) fn cny_of(project: &Project, rates: &RateTable) -> Option<i64> {
    let money = project.investment?;
    let day = project
        .signed_date()
        .or_else(|| project.stage_dates.iter().flatten().min().copied())
        .unwrap_or(NaiveDate::MAX);
    rates.to_cny(money, day)
}

/// Inserts or replaces a project (and brings a deleted one back); `Some((seq, replace))` when
/// its search entry must be written (`replace`: an old one removed first).
fn put_project(
    tx: &rusqlite::Transaction,
    p: &Project,
    rates: &RateTable,
    now: &str,
) -> Result<Option<(i64, bool)>> {
    let place = normalize_origin(&p.origin);
    let sql = "INSERT INTO projects (id, name, company, credit_code, industry, chain_link, amount, \
        currency, amount_cny, origin, origin_place, origin_province, origin_country, \
        origin_region, capital_type, ownership, is_headquarters, stage, lead_date, \
        negotiating_date, signed_date, construction_date, production_date, on_hold_date, \
        dropped_date, team_id, officer_id, land_centi_mu, annual_output_cny, annual_tax_cny, jobs, \
        next_step, next_step_due, notes, tags, created_at, updated_at) \
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, \
        ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?36) \
        ON CONFLICT(id) DO UPDATE SET name = excluded.name, company = excluded.company, \
        credit_code = excluded.credit_code, industry = excluded.industry, \
        chain_link = excluded.chain_link, amount = excluded.amount, currency = excluded.currency, \
        amount_cny = excluded.amount_cny, origin = excluded.origin, \
        origin_place = excluded.origin_place, origin_province = excluded.origin_province, \
        origin_country = excluded.origin_country, origin_region = excluded.origin_region, \
        capital_type = excluded.capital_type, ownership = excluded.ownership, \
        is_headquarters = excluded.is_headquarters, stage = excluded.stage, \
        lead_date = excluded.lead_date, negotiating_date = excluded.negotiating_date, \
        signed_date = excluded.signed_date, construction_date = excluded.construction_date, \
        production_date = excluded.production_date, on_hold_date = excluded.on_hold_date, \
        dropped_date = excluded.dropped_date, team_id = excluded.team_id, \
        officer_id = excluded.officer_id, land_centi_mu = excluded.land_centi_mu, \
        annual_output_cny = excluded.annual_output_cny, annual_tax_cny = excluded.annual_tax_cny, \
        jobs = excluded.jobs, next_step = excluded.next_step, \
        next_step_due = excluded.next_step_due, notes = excluded.notes, tags = excluded.tags, \
        updated_at = excluded.updated_at, deleted_at = NULL \
        RETURNING seq";
    let d = |s: Stage| date_text(p.stage_date(s));
    // A new row has no search entry to remove; asking the search index to delete one anyway
    // leaves a tombstone per row, which made a large import several times slower. A live
    // row whose searched words stay the same keeps its entry: rewriting it made every edit
    // (a stage move, an amount) a new segment of the search index, and every sixteenth such
    // commit merged them with the large segment of the last import, 0.1 s at 100,000
    // projects and about 1 s at 1,000,000.
    let before: Option<(String, bool)> = tx
        .prepare_cached(
            "SELECT name, company, notes, credit_code, deleted_at IS NULL \
             FROM projects WHERE id = ?1",
        )?
        .query_row([p.id.to_string()], |r| {
            let words: [String; 4] = [r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?];
            let parts: Vec<&str> = words.iter().map(String::as_str).collect();
            Ok((search::index_tokens(&parts), r.get(4)?))
        })
        .optional()?;
    let mut stmt = tx.prepare_cached(sql)?;
    let seq: i64 = stmt.query_row(
        params![
            p.id.to_string(),
            p.name.trim(),
            p.company.trim(),
            p.credit_code,
            p.industry,
            p.chain_link,
            p.investment.map(|m| m.units),
            p.investment.map(|m| m.currency.code()),
            cny_of(p, rates),
            p.origin.trim(),
            place.as_ref().map(|pl| pl.label()),
            place.as_ref().and_then(|pl| pl.province),
            place.as_ref().map(|pl| pl.country),
            place.as_ref().map(|pl| pl.region.code()),
            p.capital_type.map(CapitalType::code),
            p.ownership.map(Ownership::code),
            p.is_headquarters as i64,
            p.stage.code(),
            d(Stage::Lead),
            d(Stage::Negotiating),
            d(Stage::Signed),
            d(Stage::Construction),
            d(Stage::Production),
            d(Stage::OnHold),
            d(Stage::Dropped),
            p.team_id.map(|t| t.to_string()),
            p.officer_id.map(|t| t.to_string()),
            p.land_centi_mu,
            p.annual_output_cny,
            p.annual_tax_cny,
            p.jobs,
            p.next_step,
            date_text(p.next_step_due),
            p.notes,
            serde_json::to_string(&p.tags).unwrap_or_else(|_| "[]".into()),
            now,
        ],
        |r| r.get(0),
    )?;
    Ok(match before {
        Some((words, true))
            if words == search::index_tokens(&[&p.name, &p.company, &p.notes, &p.credit_code]) =>
        {
            None
        }
        Some(_) => Some((seq, true)),
        None => Some((seq, false)),
    })
}

impl Write {
    /// How many records `writes` write: a write of many projects at once counts them, not
    /// itself (the progress bar, and whether a step is large enough for a worker).
    pub fn records(writes: &[Write]) -> usize {
        let many = writes.iter().filter(|w| super::bulk::is_many(w)).count();
        writes.len() - many + super::bulk::rows_within(writes)
    }
}

/// A project soft-deleted, and out of the search index.
fn delete_project(
    tx: &rusqlite::Transaction,
    id: Uuid,
    now: &str,
    search_index: &mut SearchUpdates<'_>,
) -> Result<()> {
    let seq: Option<i64> = tx
        .prepare_cached(
            "UPDATE projects SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 RETURNING seq",
        )?
        .query_row(params![id.to_string(), now], |r| r.get(0))
        .optional()?;
    if let Some(seq) = seq {
        search_index.ops.push(SearchOp::Remove(seq));
    }
    Ok(())
}

/// [`Write::RestoreProjects`]: a row live again, and in the search index with its words.
fn restore_project(
    tx: &rusqlite::Transaction,
    id: Uuid,
    now: &str,
    search_index: &mut SearchUpdates<'_>,
) -> Result<()> {
    let restored = tx
        .prepare_cached(
            "UPDATE projects SET deleted_at = NULL, updated_at = ?2 \
             WHERE id = ?1 AND deleted_at IS NOT NULL \
             RETURNING seq, name, company, notes, credit_code",
        )?
        .query_row(params![id.to_string(), now], |r| {
            let words: [String; 4] = [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?];
            let parts: Vec<&str> = words.iter().map(String::as_str).collect();
            Ok((r.get::<_, i64>(0)?, search::index_tokens(&parts)))
        })
        .optional()?;
    if let Some((seq, tokens)) = restored {
        search_index.ops.push(SearchOp::AddTokens(seq, tokens));
    }
    Ok(())
}

/// After the rate table changes, every foreign-currency project gets its CNY figure again.
pub(super) fn recompute_cny(tx: &rusqlite::Transaction, rates: &RateTable) -> Result<()> {
    let sql = format!("SELECT {PROJECT_COLUMNS} FROM projects WHERE currency <> 'CNY'");
    let mut stmt = tx.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut update = tx.prepare("UPDATE projects SET amount_cny = ?2 WHERE id = ?1")?;
    while let Some(row) = rows.next()? {
        let project = project_from_row(row)?;
        update.execute(params![project.id.to_string(), cny_of(&project, rates)])?;
    }
    Ok(())
}

/// Inserts or replaces a team (and brings a deleted one back).
fn put_team(tx: &rusqlite::Transaction, t: &Team, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO teams (id, name, kind, base_city, focus_industries, \
             created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) \
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, \
             base_city = excluded.base_city, focus_industries = excluded.focus_industries, \
             updated_at = excluded.updated_at, deleted_at = NULL",
        params![
            t.id.to_string(),
            t.name,
            t.kind.code(),
            t.base_city,
            serde_json::to_string(&t.focus_industries).unwrap_or_default(),
            now
        ],
    )?;
    Ok(())
}

/// Inserts or replaces an officer (and brings a deleted one back).
fn put_officer(tx: &rusqlite::Transaction, o: &Officer, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO officers (id, team_id, name, role, phone, created_at, \
             updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) \
             ON CONFLICT(id) DO UPDATE SET team_id = excluded.team_id, \
             name = excluded.name, role = excluded.role, phone = excluded.phone, \
             updated_at = excluded.updated_at, deleted_at = NULL",
        params![
            o.id.to_string(),
            o.team_id.to_string(),
            o.name,
            o.role,
            o.phone,
            now
        ],
    )?;
    Ok(())
}

/// The industry list, in its order.
fn set_industries(tx: &rusqlite::Transaction, names: &[String]) -> Result<()> {
    tx.execute("DELETE FROM industries", [])?;
    let mut insert =
        tx.prepare("INSERT OR IGNORE INTO industries (name, position) VALUES (?1, ?2)")?;
    for (i, name) in names.iter().enumerate() {
        insert.execute(params![name, i as i64 + 1])?;
    }
    Ok(())
}

/// The rate table, and every CNY figure computed from it again.
fn set_rates(tx: &rusqlite::Transaction, table: &RateTable) -> Result<()> {
    tx.execute("DELETE FROM rates", [])?;
    for r in table.rates() {
        tx.execute(
            "INSERT OR REPLACE INTO rates (currency, effective, cny_per_unit_micro) \
                 VALUES (?1, ?2, ?3)",
            params![
                r.currency.code(),
                r.effective.format("%Y-%m-%d").to_string(),
                r.cny_per_unit_micro
            ],
        )?;
    }
    recompute_cny(tx, table)?;
    Ok(())
}
