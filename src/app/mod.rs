//! Application state and actions: views read [`AppState`] and return [`Action`]s; only here is
//! the store written, and every edit becomes one undo step.

pub mod dashboard;
pub mod history;
pub mod import;
pub mod ledger;
pub mod pipeline;
pub mod review;

use std::path::PathBuf;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::Stage;
use crate::domain::pipeline::{self as rules, STALE_SETTING, StageMove, StaleThresholds};
use crate::domain::target::{ElapsedCounting, Target};
use crate::domain::{Officer, Project, RateTable, Team, Tiers};
use crate::i18n::{Lang, T, open_error_text};
use crate::report::charts::{ChartKind, Charts};
use crate::report::{self, Report, TargetProgress};
use crate::store::{self, ELAPSED_COUNTING_KEY, Store, Write};
use dashboard::DashboardPeriod;
use history::{Change, History};
use ledger::LedgerModel;
use pipeline::PipelineModel;

/// The screens in the left navigation; only screens that work are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Screen {
    Dashboard,
    Charts,
    #[default]
    Projects,
    Targets,
    Teams,
    Settings,
    /// 项目看板: listed first, the screen officers work in every day.
    Pipeline,
}

impl Screen {
    pub const ALL: [Screen; 7] = [
        Screen::Pipeline,
        Screen::Dashboard,
        Screen::Charts,
        Screen::Projects,
        Screen::Targets,
        Screen::Teams,
        Screen::Settings,
    ];
}

/// What a view asks for. Views never write; they return these.
#[derive(Debug, Clone)]
pub enum Action {
    SaveProject(Box<Project>),
    DeleteProject(Uuid),
    SaveTeam(Team),
    DeleteTeam(Uuid),
    SaveOfficer(Officer),
    DeleteOfficer(Uuid),
    SetIndustries(Vec<String>),
    SetRates(RateTable),
    SetTiers(Tiers),
    SaveTarget(Target),
    DeleteTarget(Uuid),
    SetElapsedCounting(ElapsedCounting),
    /// The dashboard's period and as-of date.
    SetDashboardPeriod(DashboardPeriod, NaiveDate),
    Undo,
    Redo,
    /// The ledger's filter changed (with the tier band chosen, if any).
    SetLedgerFilter(Box<store::ProjectFilter>, Option<usize>),
    SetLedgerSort(store::SortColumn, store::SortOrder),
    /// Show one team's projects in the ledger.
    ShowTeamProjects(Uuid),
    LoadDemo,
    /// The first-run choice was made ("start empty").
    DismissFirstRun,
    OpenDatabase(PathBuf),
    NewDatabase(PathBuf),
    SaveCopy(PathBuf),
    SetLanguage(Lang),
    Navigate(Screen),
    DismissNotice,
    /// Moves a project to another stage, stamping `date` for it and recording who and why:
    /// one undo step.
    MoveStage {
        project: Uuid,
        to: Stage,
        date: NaiveDate,
        reason: String,
    },
    /// 暂缓至 `until` (silences the stale mark) with a reason; `None` lifts it.
    Snooze {
        project: Uuid,
        until: Option<NaiveDate>,
        reason: String,
    },
    /// The board's filter changed: ledger filter fields, tier band, "my projects".
    SetBoardFilter(Box<store::ProjectFilter>, Option<usize>, bool),
    SetStaleThresholds(StaleThresholds),
    /// The officer whose projects "my projects" shows, and whose name moves are recorded under.
    SetMyOfficer(Option<Uuid>),
    /// Read and check a ledger file (optionally one sheet of it) for the import preview.
    StartImport(PathBuf, Option<String>),
    /// Map column `usize` of the file being imported to a field (or ignore it).
    SetImportColumn(usize, Option<crate::io::Field>),
    SetDuplicatePolicy(crate::io::DuplicatePolicy),
    /// One duplicate row of the import preview (its index in the preview's rows) gets a choice
    /// of its own.
    SetRowDuplicatePolicy(usize, crate::io::DuplicatePolicy),
    /// Stop reading or checking the file.
    CancelImport,
    /// Close the import window without writing.
    CloseImport,
    /// Write the previewed import: one transaction, one undo step.
    ConfirmImport,
    /// Write what the ledger's filter shows to an .xlsx or .csv file.
    Export(PathBuf),
    /// Draw a chart of the charts screen's data to a PNG or SVG file.
    ExportChart(ChartKind, PathBuf),
    /// Write the monthly review pack for (year, month) to an .xlsx file (on a worker thread
    /// when the ledger is a file; see [`AppState::pack`]).
    WriteReviewPack((i32, u32), PathBuf),
    /// The charts screen's filter: a team, an industry, an economic region of origin.
    SetChartsFilter(store::ReportFilter),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

/// A message shown once, in the UI's language, with what to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

/// Everything the views read.
pub struct AppState {
    store: Store,
    pub lang: Lang,
    pub screen: Screen,
    /// Today, from the injected clock: stage dates default to it.
    pub today: NaiveDate,
    pub teams: Vec<Team>,
    pub officers: Vec<Officer>,
    pub industries: Vec<String>,
    pub rates: RateTable,
    pub tiers: Tiers,
    pub ledger: LedgerModel,
    pub pipeline: PipelineModel,
    pub stale: StaleThresholds,
    /// The officer chosen in settings as "me".
    pub my_officer: Option<Uuid>,
    /// Goes up with every write, so views can tell when what they cached is old.
    pub data_version: u64,
    /// (count, CNY sum) per team id, for the teams screen.
    pub team_totals: Vec<(Uuid, i64, i64)>,
    pub notice: Option<Notice>,
    pub show_first_run: bool,
    pub targets: Vec<Target>,
    pub elapsed_counting: ElapsedCounting,
    pub dashboard_period: DashboardPeriod,
    pub dashboard_as_of: NaiveDate,
    /// The dashboard's report; `None` until the dashboard is first shown, or when its period
    /// has not begun at the as-of date.
    pub dashboard: Option<Report>,
    /// Every target's progress at today, for the targets screen.
    pub target_progress: Vec<TargetProgress>,
    /// The data or the period changed since the dashboard's report was made.
    dashboard_stale: bool,
    /// The data changed since the targets' progress was measured.
    progress_stale: bool,
    /// The charts screen's data, for the dashboard's period; remade like the dashboard's
    /// report, never per frame. `None` until first shown or when the period has not begun.
    pub charts: Option<Charts>,
    charts_stale: bool,
    /// Which projects the charts count (and their exports); all by default.
    pub charts_filter: store::ReportFilter,
    /// The monthly review pack being written on a worker thread, if one is.
    pub pack: Option<review::PackJob>,
    history: History,
    integrity_reported: bool,
    /// The ledger and teams' totals are older than the last write (see [`AppState::reload`]).
    hidden_stale: bool,
    /// The import window's state, while one is open.
    pub import: Option<import::ImportState>,
    /// Asks the window to draw again when a worker finishes (None in tests and the CLI).
    pub repaint: Option<std::sync::Arc<dyn Fn() + Send + Sync>>,
    /// A large undo or redo being written on a worker thread (the store is there meanwhile).
    pub history_away: Option<HistoryAway>,
    /// A large export being written on a worker thread: its file, and the answer to come.
    pub exporting: Option<(PathBuf, std::sync::mpsc::Receiver<Result<usize, String>>)>,
}

/// The store on its way back from a worker thread, with the outcome of its write.
type StoreComing = std::sync::mpsc::Receiver<(Store, store::Result<()>)>;

/// An undo or redo of at least [`import::BACKGROUND_COMMIT`] changes (a large import, taken
/// back) written on a worker thread; the store goes there and comes back, as for the import.
pub struct HistoryAway {
    receiver: StoreComing,
    /// The ledger file, to open again should the worker die with the store.
    database: Option<PathBuf>,
    undo: bool,
}

impl HistoryAway {
    pub fn is_undo(&self) -> bool {
        self.undo
    }
}

/// Exports of at least this many projects are written on a worker thread, so the window keeps
/// drawing: 100,000 rows take about 1.5 s to write as .xlsx.
pub const EXPORT_ON_WORKER: usize = 5_000;
/// How many projects the export's reader sends to its writer at a time.
const EXPORT_PART: usize = 4_096;

const FIRST_RUN_DONE: &str = "first_run_done";
const MY_OFFICER: &str = "my_officer";

impl AppState {
    pub fn new(store: Store, today: NaiveDate, lang: Lang) -> AppState {
        let mut state = AppState {
            store,
            lang,
            screen: Screen::default(),
            today,
            teams: Vec::new(),
            officers: Vec::new(),
            industries: Vec::new(),
            rates: RateTable::default(),
            tiers: Tiers::default(),
            ledger: LedgerModel::default(),
            pipeline: PipelineModel::default(),
            stale: StaleThresholds::default(),
            my_officer: None,
            data_version: 0,
            team_totals: Vec::new(),
            notice: None,
            show_first_run: false,
            targets: Vec::new(),
            elapsed_counting: ElapsedCounting::default(),
            dashboard_period: DashboardPeriod::default(),
            dashboard_as_of: today,
            dashboard: None,
            target_progress: Vec::new(),
            dashboard_stale: true,
            progress_stale: true,
            charts: None,
            charts_stale: true,
            charts_filter: store::ReportFilter::default(),
            pack: None,
            history: History::default(),
            integrity_reported: false,
            hidden_stale: false,
            import: None,
            repaint: None,
            exporting: None,
            history_away: None,
        };
        state.reload();
        state.show_first_run = state.ledger.is_empty()
            && state.teams.is_empty()
            && matches!(state.store.setting(FIRST_RUN_DONE), Ok(None));
        state
    }

    pub fn t(&self, key: T) -> &'static str {
        self.lang.t(key)
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo() && self.history_away.is_none()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo() && self.history_away.is_none()
    }

    pub fn team_name(&self, id: Option<Uuid>) -> &str {
        id.and_then(|id| self.teams.iter().find(|t| t.id == id))
            .map(|t| t.name.as_str())
            .unwrap_or("")
    }

    pub fn officer_name(&self, id: Option<Uuid>) -> &str {
        id.and_then(|id| self.officers.iter().find(|o| o.id == id))
            .map(|o| o.name.as_str())
            .unwrap_or("")
    }

    /// Reads catalogues and the ledger again after the data changed.
    fn reload(&mut self) {
        let result = (|| -> store::Result<()> {
            self.teams = self.store.teams()?;
            self.officers = self.store.officers()?;
            self.industries = self.store.industries()?;
            self.rates = self.store.rates()?;
            self.tiers = self.store.tiers()?;
            self.targets = self.store.targets()?;
            self.elapsed_counting = self.store.elapsed_counting()?;
            self.stale = self
                .store
                .setting(STALE_SETTING)?
                .map(|text| StaleThresholds::from_setting(&text))
                .unwrap_or_default();
            self.my_officer = self
                .store
                .setting(MY_OFFICER)?
                .and_then(|text| Uuid::parse_str(&text).ok())
                .filter(|id| self.officers.iter().any(|o| o.id == *id));
            self.pipeline
                .refresh(&self.store, &self.tiers, self.my_officer)?;
            // On the board, the ledger's keys and the teams' totals wait until their screen
            // is opened: at 100,000 projects they cost some 20 ms after every move.
            if self.screen == Screen::Pipeline {
                self.hidden_stale = true;
                Ok(())
            } else {
                self.reload_hidden()
            }
        })();
        // A team deleted meanwhile no longer filters the charts.
        if let Some(team) = self.charts_filter.team_id
            && !self.teams.iter().any(|t| t.id == team)
        {
            self.charts_filter.team_id = None;
        }
        self.data_version += 1;
        self.dashboard_stale = true;
        self.progress_stale = true;
        self.charts_stale = true;
        if let Err(e) = result {
            self.error(format!("{}: {e}", self.t(T::ReadFailed)));
        }
    }

    fn error(&mut self, text: String) {
        self.notice = Some(Notice {
            kind: NoticeKind::Error,
            text,
        });
    }

    fn info(&mut self, text: String) {
        self.notice = Some(Notice {
            kind: NoticeKind::Info,
            text,
        });
    }

    pub fn apply_all(&mut self, actions: Vec<Action>) {
        for action in actions {
            self.apply(action);
        }
    }

    pub fn apply(&mut self, action: Action) {
        // While a large import is being written the store is on the worker thread: nothing
        // else may touch it (the window shows the import's progress over everything).
        if self.committing() || self.history_away.is_some() {
            return;
        }
        match action {
            Action::SaveProject(project) => {
                let before = match self.store.project(project.id) {
                    Ok(p) => p.map(Box::new),
                    Err(e) => return self.error(format!("{}: {e}", self.t(T::SaveFailed))),
                };
                self.edit(vec![Change::Project {
                    id: project.id,
                    before,
                    after: Some(project),
                }]);
            }
            Action::DeleteProject(id) => {
                if let Ok(Some(before)) = self.store.project(id) {
                    self.edit(vec![Change::Project {
                        id,
                        before: Some(Box::new(before)),
                        after: None,
                    }]);
                }
            }
            Action::SaveTeam(team) => {
                let before = self.store.team(team.id).ok().flatten();
                self.edit(vec![Change::Team {
                    id: team.id,
                    before,
                    after: Some(team),
                }]);
            }
            Action::DeleteTeam(id) => {
                let before = self.store.team(id).ok().flatten();
                // A team's officers go with it, in the same undo step.
                let mut changes: Vec<Change> = self
                    .officers
                    .iter()
                    .filter(|o| o.team_id == id)
                    .map(|o| Change::Officer {
                        id: o.id,
                        before: Some(o.clone()),
                        after: None,
                    })
                    .collect();
                changes.push(Change::Team {
                    id,
                    before,
                    after: None,
                });
                self.edit(changes);
            }
            Action::SaveOfficer(officer) => {
                let before = self.store.officer(officer.id).ok().flatten();
                self.edit(vec![Change::Officer {
                    id: officer.id,
                    before,
                    after: Some(officer),
                }]);
            }
            Action::DeleteOfficer(id) => {
                let before = self.store.officer(id).ok().flatten();
                self.edit(vec![Change::Officer {
                    id,
                    before,
                    after: None,
                }]);
            }
            Action::SetIndustries(after) => {
                let before = self.industries.clone();
                self.edit(vec![Change::Industries { before, after }]);
            }
            Action::SetRates(after) => {
                let before = self.rates.clone();
                self.edit(vec![Change::Rates { before, after }]);
            }
            Action::SetTiers(after) => {
                let before = self.tiers.clone();
                self.edit(vec![Change::Tiers { before, after }]);
            }
            Action::SaveTarget(target) => {
                let before = self.store.target(target.id).ok().flatten();
                self.edit(vec![Change::Target {
                    id: target.id,
                    before,
                    after: Some(target),
                }]);
            }
            Action::DeleteTarget(id) => {
                if let Ok(Some(before)) = self.store.target(id) {
                    self.edit(vec![Change::Target {
                        id,
                        before: Some(before),
                        after: None,
                    }]);
                }
            }
            Action::SetElapsedCounting(counting) => {
                let before = self
                    .store
                    .setting(ELAPSED_COUNTING_KEY)
                    .ok()
                    .flatten()
                    .unwrap_or_default();
                self.edit(vec![Change::Setting {
                    key: ELAPSED_COUNTING_KEY.into(),
                    before,
                    after: counting.code().into(),
                }]);
            }
            Action::SetDashboardPeriod(period, as_of) => {
                self.dashboard_period = period;
                self.dashboard_as_of = as_of;
                self.dashboard_stale = true;
                self.charts_stale = true;
            }
            Action::Undo => {
                if let Some(writes) = self.history.peek_undo()
                    && !self.write_away(writes.as_slice(), true)
                    && self.write(&writes)
                {
                    self.history.commit_undo();
                }
            }
            Action::Redo => {
                if let Some(writes) = self.history.peek_redo()
                    && !self.write_away(writes.as_slice(), false)
                    && self.write(&writes)
                {
                    self.history.commit_redo();
                }
            }
            Action::SetLedgerFilter(filter, tier) => {
                self.ledger.filter = *filter;
                self.ledger.tier = tier;
                self.refresh_ledger();
            }
            Action::SetLedgerSort(column, order) => {
                self.ledger.sort = column;
                self.ledger.order = order;
                self.refresh_ledger();
            }
            Action::ShowTeamProjects(team) => {
                self.ledger.filter = store::ProjectFilter {
                    team_id: Some(team),
                    ..Default::default()
                };
                self.ledger.tier = None;
                self.screen = Screen::Projects;
                self.refresh_ledger();
            }
            Action::LoadDemo => {
                let demo = crate::demo::generate(300, 2023, self.today);
                let mut changes = Vec::new();
                for team in demo.teams {
                    changes.push(Change::Team {
                        id: team.id,
                        before: None,
                        after: Some(team),
                    });
                }
                for officer in demo.officers {
                    changes.push(Change::Officer {
                        id: officer.id,
                        before: None,
                        after: Some(officer),
                    });
                }
                for project in demo.projects {
                    changes.push(Change::Project {
                        id: project.id,
                        before: None,
                        after: Some(Box::new(project)),
                    });
                }
                self.mark_first_run_done();
                self.edit(changes);
            }
            Action::DismissFirstRun => self.mark_first_run_done(),
            Action::OpenDatabase(path) => match Store::open_check_later(&path) {
                Ok(store) => self.switch_store(store),
                Err(e) => self.error(open_error_text(self.lang, &e)),
            },
            Action::NewDatabase(path) => {
                if path.exists() {
                    let text = format!("{}: {}", self.t(T::FileExists), path.display());
                    return self.error(text);
                }
                match Store::open(&path) {
                    Ok(store) => self.switch_store(store),
                    Err(e) => self.error(open_error_text(self.lang, &e)),
                }
            }
            Action::SaveCopy(path) => match self.store.save_copy(&path) {
                Ok(()) => self.info(format!("{}: {}", self.t(T::CopySaved), path.display())),
                Err(e) => self.error(format!("{}: {e}", self.t(T::SaveFailed))),
            },
            Action::SetLanguage(lang) => {
                self.lang = lang;
                // Chart labels are made in one language.
                self.charts_stale = true;
            }
            Action::Navigate(screen) => {
                self.screen = screen;
                if self.hidden_stale
                    && screen != Screen::Pipeline
                    && let Err(e) = self.reload_hidden()
                {
                    self.error(format!("{}: {e}", self.t(T::ReadFailed)));
                }
            }
            Action::DismissNotice => self.notice = None,
            Action::MoveStage {
                project,
                to,
                date,
                reason,
            } => self.move_stage(project, to, date, reason),
            Action::Snooze {
                project,
                until,
                reason,
            } => {
                let before = match self.store.snooze_of(project) {
                    Ok(s) => s,
                    Err(e) => return self.error(format!("{}: {e}", self.t(T::SaveFailed))),
                };
                let after = until.map(|d| (d, reason.trim().to_string()));
                if before != after {
                    self.edit(vec![Change::Snooze {
                        id: project,
                        before,
                        after,
                    }]);
                }
            }
            Action::SetBoardFilter(filter, tier, mine) => {
                self.pipeline.filter = *filter;
                self.pipeline.tier = tier;
                self.pipeline.mine = mine;
                self.refresh_pipeline();
            }
            Action::SetStaleThresholds(after) => {
                let before = self.stale.to_setting();
                self.edit(vec![Change::Setting {
                    key: STALE_SETTING.into(),
                    before,
                    after: after.to_setting(),
                }]);
            }
            Action::SetMyOfficer(officer) => {
                let text = |id: Option<Uuid>| id.map(|i| i.to_string()).unwrap_or_default();
                self.edit(vec![Change::Setting {
                    key: MY_OFFICER.into(),
                    before: text(self.my_officer),
                    after: text(officer),
                }]);
            }
            Action::StartImport(path, sheet) => self.start_import(path, sheet),
            Action::SetImportColumn(col, field) => self.set_import_column(col, field),
            Action::SetDuplicatePolicy(policy) => {
                // The choice for all duplicates: rows chosen one by one follow it again.
                if let Some(import::ImportState::Ready(session)) = &mut self.import {
                    session.policy = policy;
                    for row in &mut session.preview.rows {
                        row.choice = None;
                    }
                }
            }
            Action::SetRowDuplicatePolicy(index, policy) => {
                if let Some(import::ImportState::Ready(session)) = &mut self.import
                    && let Some(row) = session.preview.rows.get_mut(index)
                    && row.duplicate.is_some()
                {
                    row.choice = (policy != session.policy).then_some(policy);
                }
            }
            Action::CancelImport => {
                if let Some(state) = &self.import {
                    state.cancel();
                }
                self.import = None;
            }
            Action::CloseImport => self.import = None,
            Action::ConfirmImport => self.confirm_import(),
            Action::Export(path) => self.export(&path),
            Action::ExportChart(kind, path) => self.export_chart(kind, &path),
            Action::WriteReviewPack(month, path) => self.write_review_pack(month, path),
            Action::SetChartsFilter(filter) => {
                if filter != self.charts_filter {
                    self.charts_filter = filter;
                    self.charts_stale = true;
                }
            }
        }
    }

    fn export_chart(&mut self, kind: ChartKind, path: &std::path::Path) {
        if self.charts_stale || self.charts.is_none() {
            self.charts_stale = false;
            self.refresh_charts();
        }
        let Some(charts) = &self.charts else {
            return self.error(self.t(T::PeriodNotBegun).to_string());
        };
        match crate::io::charts::export(charts, kind, path, crate::io::charts::DEFAULT_SIZE) {
            Ok(()) => self.info(format!("{}: {}", self.t(T::ChartSaved), path.display())),
            Err(e) => self.error(format!("{}: {e}", self.t(T::ChartExportFailed))),
        }
    }

    /// Writes the pack for `month` (the whole zone, whatever the charts' filter). From a ledger
    /// file it runs on a worker thread with its own read-only connection and the answer
    /// arrives through [`AppState::poll_pack`]; an in-memory ledger (tests) is written here.
    fn write_review_pack(&mut self, month: (i32, u32), path: PathBuf) {
        if self.pack.is_some() {
            return;
        }
        match self.store.path() {
            Some(database) => {
                self.pack = Some(review::PackJob::start(
                    database,
                    month,
                    self.elapsed_counting,
                    self.today,
                    path,
                    self.repaint_hook(),
                ));
            }
            None => {
                let result = crate::io::review::write_pack(
                    &self.store,
                    month,
                    self.elapsed_counting,
                    self.today,
                    &path,
                );
                self.pack_done(&path, result.map_err(review::PackError::from));
            }
        }
    }

    /// Takes the pack's result once the worker has finished; call once a frame.
    pub fn poll_pack(&mut self) {
        let Some(result) = self.pack.as_ref().and_then(|job| job.poll()) else {
            return;
        };
        if let Some(job) = self.pack.take() {
            self.pack_done(&job.path, result);
        }
    }

    fn pack_done(
        &mut self,
        path: &std::path::Path,
        result: Result<Vec<PathBuf>, review::PackError>,
    ) {
        match result {
            Ok(_) => self.info(format!("{}: {}", self.t(T::PackSaved), path.display())),
            Err(e) => self.error(format!(
                "{}: {}",
                self.t(T::ChartExportFailed),
                e.text(self.lang)
            )),
        }
    }

    /// A stage move: the project with its new stage and date, and a history entry, written in
    /// one transaction and undone as one step. Checked again here: a view's word is not enough.
    fn move_stage(&mut self, id: Uuid, to: Stage, date: NaiveDate, reason: String) {
        let before = match self.store.project(id) {
            Ok(Some(p)) if matches!(self.store.is_live(id), Ok(true)) => p,
            Ok(_) => return self.error(self.t(T::ProjectGone).to_string()),
            Err(e) => return self.error(format!("{}: {e}", self.t(T::SaveFailed))),
        };
        if before.stage == to {
            return;
        }
        if let Some(problem) = self.move_problem(&before, to, date, &reason) {
            return self.error(problem);
        }
        let after = rules::plan_move(&before, to, date);
        let entry = StageMove {
            id: Uuid::now_v7(),
            project_id: id,
            from: before.stage,
            to,
            date,
            who: self.officer_name(self.my_officer).to_string(),
            reason: reason.trim().to_string(),
        };
        self.edit(vec![
            Change::Project {
                id,
                before: Some(Box::new(before)),
                after: Some(Box::new(after)),
            },
            Change::StageMove(entry),
        ]);
    }

    /// Why a move cannot be made as asked, in the UI's language; the move prompt shows it too.
    pub fn move_problem(
        &self,
        project: &Project,
        to: Stage,
        date: NaiveDate,
        reason: &str,
    ) -> Option<String> {
        if to == Stage::Dropped && reason.trim().is_empty() {
            return Some(self.t(T::ErrDropReason).to_string());
        }
        let after = rules::plan_move(project, to, date);
        after.validate().into_iter().find_map(|p| match p {
            crate::domain::project::ProjectProblem::StageDatesOutOfOrder(a, b) => Some(
                self.t(T::ErrStageOrder)
                    .replace("{a}", crate::i18n::stage_label(self.lang, a))
                    .replace("{b}", crate::i18n::stage_label(self.lang, b)),
            ),
            _ => None,
        })
    }

    /// A project's recorded stage moves, oldest first.
    pub fn stage_moves(&self, project: Uuid) -> Vec<StageMove> {
        self.store.stage_moves(project).unwrap_or_default()
    }

    /// A project's snooze (until, reason), if set.
    pub fn snooze_of(&self, project: Uuid) -> Option<(NaiveDate, String)> {
        self.store.snooze_of(project).ok().flatten()
    }

    /// Calls `f` with card `index` of a board column.
    pub fn with_card<R>(
        &self,
        stage: Stage,
        index: usize,
        f: impl FnOnce(&store::CardRow) -> R,
    ) -> Option<R> {
        self.pipeline.with_card(&self.store, stage, index, f)
    }

    /// How many cards a board column holds (reads the column's keys on first use).
    pub fn column_len(&self, stage: Stage) -> usize {
        self.pipeline.len(&self.store, stage)
    }

    /// Position of a card in its board column.
    pub fn column_index_of(&self, stage: Stage, seq: i64) -> Option<usize> {
        self.pipeline.index_of(&self.store, stage, seq)
    }

    fn refresh_pipeline(&mut self) {
        if let Err(e) = self
            .pipeline
            .refresh(&self.store, &self.tiers, self.my_officer)
        {
            self.error(format!("{}: {e}", self.t(T::ReadFailed)));
        }
    }

    /// The ledger's keys and the teams' totals, read again.
    fn reload_hidden(&mut self) -> store::Result<()> {
        self.hidden_stale = false;
        self.team_totals = self.store.team_totals()?;
        self.ledger.refresh(&self.store, &self.tiers)
    }

    fn repaint_hook(&self) -> Option<Box<dyn Fn() + Send>> {
        self.repaint
            .clone()
            .map(|f| Box::new(move || f()) as Box<dyn Fn() + Send>)
    }

    fn start_import(&mut self, path: PathBuf, sheet: Option<String>) {
        if let Some(state) = &self.import {
            state.cancel();
        }
        let read = (|| -> store::Result<_> {
            let existing = import::existing(&self.store, self.today)?;
            let remembered = self.store.settings_with_prefix(import::MAPPING_PREFIX)?;
            Ok((existing, remembered.into_iter().collect()))
        })();
        match read {
            Ok((existing, remembered)) => {
                self.import = Some(import::ImportState::start(
                    path,
                    sheet,
                    existing,
                    remembered,
                    self.repaint_hook(),
                ));
            }
            Err(e) => self.error(format!("{}: {e}", self.t(T::ReadFailed))),
        }
    }

    fn set_import_column(&mut self, col: usize, field: Option<crate::io::Field>) {
        let Some(import::ImportState::Ready(session)) = self.import.take() else {
            return;
        };
        let Some(mut layout) = session.preview.layout.clone() else {
            self.import = Some(import::ImportState::Ready(session));
            return;
        };
        if let Some(column) = layout.columns.get_mut(col) {
            column.field = field;
        }
        match import::existing(&self.store, self.today) {
            Ok(existing) => {
                self.import = Some(import::ImportState::recheck(
                    *session,
                    layout,
                    existing,
                    self.repaint_hook(),
                ));
            }
            Err(e) => {
                self.import = Some(import::ImportState::Ready(session));
                self.error(format!("{}: {e}", self.t(T::ReadFailed)));
            }
        }
    }

    /// Takes a finished import check; call once a frame.
    /// Sends a large undo (`undo`) or redo to a worker thread with the store; false when the
    /// step is small enough to write here.
    fn write_away(&mut self, writes: &[Write], undo: bool) -> bool {
        if writes.len() < import::BACKGROUND_COMMIT {
            return false;
        }
        let Some((receiver, database)) = self.send_store_away(writes.to_vec()) else {
            return false;
        };
        self.history_away = Some(HistoryAway {
            receiver,
            database,
            undo,
        });
        true
    }

    /// Sends the store to a worker thread that writes `writes` in one transaction and sends
    /// the store back with the outcome; an in-memory scratch ledger stands in meanwhile (every
    /// action is refused until the store is back). Also returns the ledger file, to open again
    /// should the worker die. `None` (nothing sent) if the scratch ledger cannot be made.
    fn send_store_away(&mut self, writes: Vec<Write>) -> Option<(StoreComing, Option<PathBuf>)> {
        let scratch = Store::in_memory().ok()?;
        let database = self.store.path().map(|p| p.to_path_buf());
        let mut store = std::mem::replace(&mut self.store, scratch);
        let (sender, receiver) = std::sync::mpsc::channel();
        let repaint = self.repaint_hook();
        std::thread::spawn(move || {
            let result = store.write(&writes);
            let _ = sender.send((store, result));
            if let Some(repaint) = repaint {
                repaint();
            }
        });
        Some((receiver, database))
    }

    /// Takes the store back from a large undo or redo once it is written; call every frame.
    pub fn poll_history(&mut self) {
        use std::sync::mpsc::TryRecvError;
        let Some(away) = &self.history_away else {
            return;
        };
        match away.receiver.try_recv() {
            Err(TryRecvError::Empty) => {}
            Ok((store, result)) => {
                let undo = away.undo;
                self.history_away = None;
                self.store = store;
                self.reload();
                match result {
                    Ok(()) if undo => self.history.commit_undo(),
                    Ok(()) => self.history.commit_redo(),
                    Err(e) => self.error(format!("{}: {e}", self.t(T::SaveFailed))),
                }
            }
            Err(TryRecvError::Disconnected) => {
                // The worker died with the store: nothing landed; open the file again.
                let database = away.database.clone();
                self.history_away = None;
                match database.as_deref().map(Store::open_check_later) {
                    Some(Ok(store)) => {
                        self.store = store;
                        self.reload();
                        self.error(self.t(T::SaveFailed).to_string());
                    }
                    Some(Err(e)) => self.error(open_error_text(self.lang, &e)),
                    None => self.error(self.t(T::SaveFailed).to_string()),
                }
            }
        }
    }

    pub fn poll_import(&mut self) {
        match self.import.take() {
            Some(import::ImportState::Committing(commit)) => self.poll_commit(commit),
            Some(state) => self.import = Some(state.poll(self.lang)),
            None => {}
        }
    }

    /// True while a confirmed import is being written on a worker thread.
    pub fn committing(&self) -> bool {
        matches!(self.import, Some(import::ImportState::Committing(_)))
    }

    fn poll_commit(&mut self, commit: Box<import::Committing>) {
        use std::sync::mpsc::TryRecvError;
        match commit.receiver.try_recv() {
            Err(TryRecvError::Empty) => self.import = Some(import::ImportState::Committing(commit)),
            Ok((store, result)) => {
                self.store = store;
                self.reload();
                match result {
                    Ok(()) => {
                        let import::Committing { step, counts, .. } = *commit;
                        self.history.record(step);
                        self.import_done(counts);
                    }
                    Err(e) => self.error(format!("{}: {e}", self.t(T::SaveFailed))),
                }
            }
            Err(TryRecvError::Disconnected) => {
                // The worker died with the store: the transaction did not land; open the file
                // again so nothing goes on in the scratch ledger.
                let reopened = commit.database.as_deref().map(Store::open_check_later);
                match reopened {
                    Some(Ok(store)) => {
                        self.store = store;
                        self.reload();
                        self.error(self.t(T::SaveFailed).to_string());
                    }
                    Some(Err(e)) => self.error(open_error_text(self.lang, &e)),
                    None => self.error(self.t(T::SaveFailed).to_string()),
                }
            }
        }
    }

    fn import_done(&mut self, counts: import::ImportCounts) {
        let text = self
            .t(T::ImpDone)
            .replace("{new}", &counts.new.to_string())
            .replace("{updated}", &counts.updated.to_string())
            .replace("{skipped}", &counts.skipped.to_string());
        self.info(text);
    }

    fn confirm_import(&mut self) {
        let Some(import::ImportState::Ready(session)) = self.import.take() else {
            return;
        };
        let remember = session.mapped_by_user.then(|| {
            session
                .preview
                .layout
                .as_ref()
                .map(|l| Write::SetSetting(l.mapping_key(), l.mapping_value()))
        });
        // The preview moves into the changes (a 100,000-row import is not held three times);
        // the workbook goes with the session.
        let import::ImportSession {
            preview,
            policy,
            path: session_path,
            ..
        } = *session;
        let store = &self.store;
        let current = |id| store.project(id);
        let (changes, counts) =
            match import::import_changes(preview, policy, &self.industries, &current) {
                Ok(done) => done,
                // A duplicate's project could not be read: nothing is written.
                Err(e) => return self.error(e.text(self.lang)),
            };
        if changes.len() >= import::BACKGROUND_COMMIT {
            // Large: the store goes to a worker thread for the one transaction and comes back
            // through poll_import; the window keeps drawing meanwhile.
            let writes: Vec<Write> = changes
                .iter()
                .map(|c| c.writes(true))
                .chain(remember.clone().flatten())
                .collect();
            let Some((receiver, database)) = self.send_store_away(writes) else {
                return self.import_here(changes, counts, remember);
            };
            self.import = Some(import::ImportState::Committing(Box::new(
                import::Committing {
                    path: session_path,
                    database,
                    receiver,
                    step: changes,
                    counts,
                },
            )));
            return;
        }
        self.import_here(changes, counts, remember);
    }

    /// Writes a confirmed import on this thread (a small one, or when no worker can take it).
    fn import_here(
        &mut self,
        changes: Vec<Change>,
        counts: import::ImportCounts,
        remember: Option<Option<Write>>,
    ) {
        // On failure the store is unchanged and the notice says why; the file can be imported
        // again.
        if !self.edit(changes) {
            return;
        }
        if let Some(Some(write)) = remember
            && let Err(e) = self.store.write(&[write])
        {
            self.error(format!("{}: {e}", self.t(T::SaveFailed)));
            return;
        }
        self.import_done(counts);
    }

    /// Writes what the ledger shows (its filter, tier and order) to `path`.
    fn export(&mut self, path: &std::path::Path) {
        // A name typed without an extension in the save dialog gets the default, .xlsx.
        let path = if path.extension().is_none() {
            path.with_extension("xlsx")
        } else {
            path.to_path_buf()
        };
        if self.exporting.is_some() {
            return;
        }
        let keys = match self.export_keys() {
            Ok(keys) => keys,
            Err(text) => return self.error(text),
        };
        let database = self.database_path().map(std::path::Path::to_path_buf);
        let Some(database) = database.filter(|_| keys.len() >= EXPORT_ON_WORKER) else {
            let written = self
                .store
                .projects_by_seq(&keys)
                .map_err(|e| format!("{}: {e}", self.t(T::ReadFailed)))
                .and_then(|projects| {
                    let names = crate::io::Names {
                        teams: &self.teams,
                        officers: &self.officers,
                        rates: &self.rates,
                    };
                    crate::io::export(&path, &projects, &names).map_err(|e| e.text(self.lang))
                });
            return self.export_done(&path, written);
        };
        // Two workers: one reads the projects in parts through a read-only connection of its
        // own, the other writes each part as it comes, so reading and writing overlap and the
        // window never waits for either.
        let (teams, officers, rates) = (
            self.teams.clone(),
            self.officers.clone(),
            self.rates.clone(),
        );
        let (lang, repaint) = (self.lang, self.repaint_hook());
        let read_failed = self.t(T::ReadFailed).to_string();
        let (answer, receiver) = std::sync::mpsc::channel();
        let worker_path = path.clone();
        std::thread::spawn(move || {
            let (parts, arriving) = std::sync::mpsc::sync_channel(2);
            let reader = std::thread::spawn(move || {
                let failed = |e: store::StoreError| format!("{read_failed}: {e}");
                let store = match Store::open_to_read(&database) {
                    Ok(store) => store,
                    Err(e) => {
                        let _ = parts.send(Err(format!("{read_failed}: {e}")));
                        return;
                    }
                };
                for chunk in keys.chunks(EXPORT_PART) {
                    let part = store.projects_by_seq(chunk).map_err(failed);
                    let stop = part.is_err();
                    if parts.send(part).is_err() || stop {
                        return;
                    }
                }
            });
            let names = crate::io::Names {
                teams: &teams,
                officers: &officers,
                rates: &rates,
            };
            let written =
                crate::io::export::export_parts(&worker_path, arriving.into_iter(), &names)
                    .map_err(|e| e.text(lang));
            let _ = reader.join();
            let _ = answer.send(written);
            if let Some(repaint) = repaint {
                repaint();
            }
        });
        self.exporting = Some((path, receiver));
    }

    /// Takes the export worker's answer if it has come; call every frame.
    pub fn poll_export(&mut self) {
        let Some((path, receiver)) = &self.exporting else {
            return;
        };
        let written = match receiver.try_recv() {
            Ok(written) => written,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err(format!("{}: {}", self.t(T::ExpFailed), path.display()))
            }
        };
        let path = path.clone();
        self.exporting = None;
        self.export_done(&path, written);
    }

    fn export_done(&mut self, path: &std::path::Path, written: Result<usize, String>) {
        match written {
            Ok(n) => {
                let text = self
                    .t(T::ExpDone)
                    .replace("{n}", &n.to_string())
                    .replace("{path}", &path.display().to_string());
                self.info(text);
            }
            Err(text) => self.error(text),
        }
    }

    /// The export itself, for the command line; the error is for the user.
    pub fn export_to(&self, path: &std::path::Path) -> Result<usize, String> {
        self.export_form_to(path, crate::io::export::ExportForm::Plain)
    }

    /// [`AppState::export_to`] with the .xlsx in `form` (plain data, or the office's 台账 form).
    pub fn export_form_to(
        &self,
        path: &std::path::Path,
        form: crate::io::export::ExportForm,
    ) -> Result<usize, String> {
        let projects = self.export_rows()?;
        let names = crate::io::Names {
            teams: &self.teams,
            officers: &self.officers,
            rates: &self.rates,
        };
        crate::io::export::export_as(path, &projects, &names, form).map_err(|e| e.text(self.lang))
    }

    /// What the ledger shows (its filter, tier and order), read for an export.
    fn export_rows(&self) -> Result<Vec<Project>, String> {
        let keys = self.export_keys()?;
        self.store
            .projects_by_seq(&keys)
            .map_err(|e| format!("{}: {e}", self.t(T::ReadFailed)))
    }

    /// The keys of what the ledger shows, in its order.
    fn export_keys(&self) -> Result<Vec<i64>, String> {
        let mut filter = self.ledger.filter.clone();
        if let Some(band) = self
            .ledger
            .tier
            .and_then(|i| self.tiers.bands().get(i).copied())
        {
            filter.amount_cny_min = Some(band.min_units);
            filter.amount_cny_max = band.max_units;
        }
        let read = |e: store::StoreError| format!("{}: {e}", self.t(T::ReadFailed));
        self.store
            .ledger_keys(&filter, self.ledger.sort, self.ledger.order)
            .map_err(read)
    }

    fn refresh_ledger(&mut self) {
        if let Err(e) = self.ledger.refresh(&self.store, &self.tiers) {
            self.error(format!("{}: {e}", self.t(T::ReadFailed)));
        }
    }

    /// The ledger file's path (None for an in-memory ledger).
    pub fn database_path(&self) -> Option<&std::path::Path> {
        self.store.path()
    }

    /// A whole project by id (the move prompt reads the stored one, not an editor's draft).
    pub fn project(&self, id: Uuid) -> Option<Project> {
        self.store.project(id).ok().flatten()
    }

    /// A whole project by its ledger key, for the editor.
    pub fn project_by_seq(&self, seq: i64) -> Option<Project> {
        self.store.project_by_seq(seq).ok().flatten()
    }

    /// Calls `f` with ledger row `index` of the current filter and order.
    pub fn with_ledger_row<R>(
        &self,
        index: usize,
        f: impl FnOnce(&store::LedgerRow) -> R,
    ) -> Option<R> {
        self.ledger.with_row(&self.store, index, f)
    }

    /// Projects that look like this one (same credit code, company, or a similar name).
    pub fn duplicates_of(&self, project: &Project) -> Vec<store::DuplicateHint> {
        self.store.duplicates_of(project).unwrap_or_default()
    }

    /// The store, for the command line, tests and benchmarks; views use the methods above.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Work before drawing a frame: report what the background check found, and remake the
    /// report the current screen shows if the data or its period changed. Cheap when nothing
    /// did, so the dashboard's frames do no queries.
    pub fn prepare_frame(&mut self) {
        self.poll_integrity();
        self.poll_pack();
        if self.screen == Screen::Dashboard && self.dashboard_stale {
            self.dashboard_stale = false;
            self.refresh_dashboard();
        }
        if self.screen == Screen::Charts && self.charts_stale {
            self.charts_stale = false;
            self.refresh_charts();
        }
        if self.screen == Screen::Targets && self.progress_stale {
            self.progress_stale = false;
            self.refresh_target_progress();
        }
    }

    fn refresh_dashboard(&mut self) {
        self.dashboard = match self.dashboard_period.range(self.dashboard_as_of) {
            Some(range) => match report::build(&self.store, range, self.elapsed_counting) {
                Ok(report) => Some(report),
                Err(e) => {
                    self.error(format!("{}: {e}", self.t(T::ReadFailed)));
                    None
                }
            },
            None => None,
        };
    }

    fn refresh_charts(&mut self) {
        let Some(range) = self.dashboard_period.range(self.dashboard_as_of) else {
            self.charts = None;
            return;
        };
        let built = report::build_for(
            &self.store,
            range,
            self.elapsed_counting,
            &self.charts_filter,
        )
        .and_then(|r| report::charts::build(&self.store, &r, self.lang));
        match built {
            Ok(charts) => self.charts = Some(charts),
            Err(e) => {
                self.charts = None;
                self.error(format!("{}: {e}", self.t(T::ReadFailed)));
            }
        }
    }

    fn refresh_target_progress(&mut self) {
        let result = (|| -> store::Result<Vec<TargetProgress>> {
            let rates = self.store.rates()?;
            self.targets
                .iter()
                .map(|target| {
                    let progress = report::progress_of(
                        &self.store,
                        &rates,
                        target,
                        self.today,
                        self.elapsed_counting,
                    )?;
                    Ok(TargetProgress {
                        target: target.clone(),
                        progress,
                    })
                })
                .collect()
        })();
        match result {
            Ok(progress) => self.target_progress = progress,
            Err(e) => self.error(format!("{}: {e}", self.t(T::ReadFailed))),
        }
    }

    /// Shows, once, what the background integrity check found (see `Store::open_check_later`).
    pub fn poll_integrity(&mut self) {
        if self.integrity_reported {
            return;
        }
        let Some(detail) = self.store.integrity_problem().map(str::to_string) else {
            return;
        };
        let error = crate::store::OpenError::Damaged {
            path: self
                .store
                .path()
                .map(|p| p.to_path_buf())
                .unwrap_or_default(),
            detail,
        };
        self.integrity_reported = true;
        self.error(open_error_text(self.lang, &error));
    }

    fn mark_first_run_done(&mut self) {
        self.show_first_run = false;
        let write = Write::SetSetting(FIRST_RUN_DONE.into(), "1".into());
        if let Err(e) = self.store.write(&[write]) {
            self.error(format!("{}: {e}", self.t(T::SaveFailed)));
        }
    }

    fn switch_store(&mut self, store: Store) {
        let migrated = store.migration_backup().map(|p| p.display().to_string());
        let lang = self.lang;
        *self = AppState::new(store, self.today, lang);
        let mut text = format!(
            "{}: {}",
            self.t(T::Opened),
            self.store
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        );
        if let Some(backup) = migrated {
            text.push_str(&format!(" ({}: {backup})", self.t(T::BackupMade)));
        }
        self.info(text);
    }

    /// Writes a user's edit and records it as one undo step. Nothing is recorded if the write
    /// failed: the store is unchanged and the user is told.
    fn edit(&mut self, step: Vec<Change>) -> bool {
        let writes: Vec<Write> = step.iter().map(|c| c.writes(true)).collect();
        let written = self.write(&writes);
        if written {
            self.history.record(step);
        }
        written
    }

    fn write(&mut self, writes: &[Write]) -> bool {
        match self.store.write(writes) {
            Ok(()) => {
                self.reload();
                true
            }
            Err(e) => {
                self.error(format!("{}: {e}", self.t(T::SaveFailed)));
                false
            }
        }
    }
}
