//! Application state and actions. Views read [`AppState`] and return [`Action`]s; the
//! [`Ledger`] is the only writer, and every edit becomes one undo step. Each screen's read
//! model lives in its own module here and knows from the ledger's data version when it is old;
//! each group of actions is handled in the module it belongs to.

pub mod agenda;
mod agenda_follow;
pub mod agenda_import;
pub mod background;
pub mod chain;
pub mod chain_matching;
pub mod charts;
pub mod companies_import;
pub mod dashboard;
pub mod edit;
pub mod history;
pub mod import;
pub mod jobs;
pub mod ledger;
pub mod map;
pub mod map_companies;
pub mod pipeline;
pub mod project_history;
mod project_links;
pub mod projects;
mod queries;
pub mod review;
pub mod safety;
pub mod settings;
pub mod sync;
pub mod target_companies;
pub mod targets;
pub mod teams;
pub mod trip_plan;

use chrono::NaiveDate;

use crate::i18n::{Lang, T, open_error_text, store_error_text};
use crate::store::{FIRST_RUN_DONE_KEY, Store, StoreError, Write};

pub use agenda::AgendaAction;
pub use chain::ChainAction;
pub use charts::ChartsAction;
pub use dashboard::DashboardAction;
pub use edit::EditAction;
pub use import::ImportAction;
pub use ledger::Ledger;
pub use map::MapAction;
pub use pipeline::BoardAction;
pub use projects::{EXPORT_ON_WORKER, LedgerAction};
pub use settings::SettingsAction;
pub use sync::SyncAction;
pub use target_companies::CompanyAction;
pub use trip_plan::TripAction;

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
    /// 同步: bundles in and out, receipts, conflicts.
    Sync,
    /// 日程: visits, trips, events and follow-ups by week or month.
    Agenda,
    /// 产业链图谱: chains, their links' status, the projects and target companies of a link.
    Chain,
    /// 招商地图: origins of signed projects as a tile map of China.
    Map,
    /// 招商目标企业库: the companies to win for the chains' links.
    Companies,
}

impl Screen {
    pub const ALL: [Screen; 12] = [
        Screen::Pipeline,
        Screen::Agenda,
        Screen::Dashboard,
        Screen::Charts,
        Screen::Map,
        Screen::Projects,
        Screen::Chain,
        Screen::Companies,
        Screen::Targets,
        Screen::Teams,
        Screen::Sync,
        Screen::Settings,
    ];
}

/// What a view asks for, grouped by where it is handled. Views never write; they return these.
#[derive(Debug, Clone)]
pub enum Action {
    /// Projects, teams, officers and targets created, changed or deleted (`edit.rs`).
    Edit(EditAction),
    /// The board: stage moves, snoozes, its filter (`pipeline.rs`).
    Board(BoardAction),
    /// The ledger screen: filter, order, export (`projects.rs`).
    Ledger(LedgerAction),
    /// The import window (`import.rs`).
    Import(ImportAction),
    /// The charts screen: filter, chart files, the review pack (`charts.rs`).
    Charts(ChartsAction),
    /// The period the dashboard and the charts show (`dashboard.rs`).
    Dashboard(DashboardAction),
    /// Settings and ledger files (`settings.rs`).
    Settings(SettingsAction),
    /// 同步: bundles, the merge preview, conflicts (`sync.rs`).
    Sync(SyncAction),
    /// 日程: activities, the week or month shown, its filter (`agenda.rs`).
    Agenda(AgendaAction),
    /// 产业链: the chain shown, its links, overrides and attached projects (`chain.rs`).
    Chain(ChainAction),
    /// 招商地图: its filter, its file (`map.rs`).
    Map(MapAction),
    /// 招商目标企业库: companies saved, deleted, made into projects; the list's filter.
    Companies(CompanyAction),
    /// 出差清单: the trip planner's window, its list, 安排出差 and its export.
    Trip(TripAction),
    Undo,
    Redo,
    LoadDemo,
    /// The first-run choice was made ("start empty").
    DismissFirstRun,
    Navigate(Screen),
    DismissNotice,
}

macro_rules! action_groups {
    ($($group:ident($inner:ty)),*) => {
        $(impl From<$inner> for Action {
            fn from(action: $inner) -> Action {
                Action::$group(action)
            }
        })*
    };
}

action_groups!(
    Edit(EditAction),
    Board(BoardAction),
    Ledger(LedgerAction),
    Import(ImportAction),
    Charts(ChartsAction),
    Dashboard(DashboardAction),
    Settings(SettingsAction),
    Sync(SyncAction),
    Agenda(AgendaAction),
    Chain(ChainAction),
    Map(MapAction),
    Companies(CompanyAction),
    Trip(TripAction)
);

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

/// When a read model was last built, by the ledger's data version: a write anywhere makes
/// every model old, and a model's own inputs (its filter, its period) make it old by
/// [`Freshness::invalidate`].
#[derive(Debug, Default)]
pub struct Freshness {
    built_at: Option<u64>,
}

impl Freshness {
    pub fn is_stale(&self, data_version: u64) -> bool {
        self.built_at != Some(data_version)
    }

    pub fn built(&mut self, data_version: u64) {
        self.built_at = Some(data_version);
    }

    pub fn invalidate(&mut self) {
        self.built_at = None;
    }
}

/// Everything the views read.
pub struct AppState {
    /// The store, the catalogues, the history: the only writer.
    pub ledger: Ledger,
    pub lang: Lang,
    pub screen: Screen,
    /// Today, from the injected clock: stage dates default to it.
    pub today: NaiveDate,
    pub notice: Option<Notice>,
    pub show_first_run: bool,
    /// The read models, one per screen that shows data.
    pub projects: projects::ProjectsModel,
    pub pipeline: pipeline::PipelineModel,
    pub team_totals: teams::TeamsModel,
    /// The period the dashboard and the charts share.
    pub period: dashboard::ReportPeriod,
    pub dashboard: dashboard::DashboardModel,
    pub charts: charts::ChartsModel,
    /// 招商地图: origins by province and country for the shared period.
    pub map: map::MapModel,
    /// 招商目标企业库: the listed companies and the links they can fit.
    pub companies: target_companies::CompaniesModel,
    pub target_progress: targets::TargetsModel,
    /// The 同步 screen, its preview window and the navigation's badge.
    pub sync: sync::SyncModel,
    /// 日程: the week or month shown, the agenda, the offered next activity.
    pub agenda: agenda::AgendaModel,
    /// 产业链图谱: the chain shown, its figures, the link whose companies are listed.
    pub chain: chain::ChainModel,
    /// 出差清单: the trip planner's window, while open, and its list.
    pub trip: trip_plan::TripModel,
    /// The import window's state, while one is open.
    pub import: Option<import::ImportState>,
    /// Work on worker threads: a large write, an export, the review pack.
    pub jobs: jobs::Jobs,
    /// Asks the window to draw again when a worker finishes (None in tests and the CLI).
    pub repaint: Option<jobs::Repaint>,
    /// Whether the screens' figures are made on workers over a second connection to the
    /// ledger file (the window; see [`background`]). Off, they are made on the spot.
    pub background_reads: bool,
    integrity_reported: bool,
    /// The scratch ledger standing in for a refused file, said until another file is open.
    pub scratch: Option<safety::Scratch>,
    /// Set when the ledger is open for reading only (after `ledger`: its snapshot goes last).
    pub read_only: Option<safety::ReadOnlyView>,
    /// The backups beside the open ledger, newest first.
    pub backups: Vec<safety::BackupFile>,
    busy: std::sync::Arc<safety::BusyFlag>,
}

impl AppState {
    pub fn new(store: Store, today: NaiveDate, lang: Lang) -> AppState {
        AppState::starting(store, today, lang, Screen::default(), false)
    }

    /// [`AppState::new`] on `screen`, with its figures made on workers from the start when
    /// `background_reads` (the window): opening a large ledger then never waits on this thread
    /// for a screen's list (at 1,000,000 projects the ledger's took 0.4 s).
    pub(super) fn starting(
        mut store: Store,
        today: NaiveDate,
        lang: Lang,
        screen: Screen,
        background_reads: bool,
    ) -> AppState {
        let busy = std::sync::Arc::new(safety::BusyFlag::default());
        safety::watch_busy(&mut store, &busy);
        let backups = store.path().map(safety::backups_of).unwrap_or_default();
        let (ledger, read) = Ledger::new(store);
        let mut state = AppState {
            ledger,
            lang,
            screen,
            today,
            notice: None,
            show_first_run: false,
            projects: Default::default(),
            pipeline: Default::default(),
            team_totals: Default::default(),
            period: dashboard::ReportPeriod::new(today),
            dashboard: Default::default(),
            charts: Default::default(),
            map: Default::default(),
            companies: Default::default(),
            target_progress: Default::default(),
            sync: Default::default(),
            agenda: Default::default(),
            chain: Default::default(),
            trip: Default::default(),
            import: None,
            jobs: Default::default(),
            repaint: None,
            background_reads,
            integrity_reported: false,
            scratch: None,
            read_only: None,
            backups,
            busy,
        };
        if let Err(e) = read {
            state.store_failed(T::ReadFailed, &e);
        }
        let empty = state.ledger.store().has_live_projects().map(|any| !any);
        state.show_first_run = matches!(empty, Ok(true))
            && state.ledger.teams.is_empty()
            && matches!(state.ledger.store().setting(FIRST_RUN_DONE_KEY), Ok(None));
        state.prepare();
        state
    }

    pub fn t(&self, key: T) -> &'static str {
        self.lang.t(key)
    }

    /// Applies one action, then brings the shown screen's read model up to date.
    pub fn apply(&mut self, action: impl Into<Action>) {
        self.dispatch(action.into());
        self.prepare();
    }

    /// Applies a frame's actions in order, then brings the shown screen up to date once.
    pub fn apply_all(&mut self, actions: Vec<Action>) {
        for action in actions {
            self.dispatch(action);
        }
        self.prepare();
    }

    fn dispatch(&mut self, action: Action) {
        // While a large write runs, the store is on the worker thread: nothing else may touch
        // it (the window shows the write's progress meanwhile). Screens stay readable.
        if self.jobs.store.is_some() {
            match action {
                Action::Navigate(screen) => self.screen = screen,
                // 取消 of an import being written: the worker rolls it back.
                Action::Import(import::ImportAction::Cancel) => self.cancel_commit(),
                Action::DismissNotice => self.notice = None,
                _ => self.info(self.t(T::StoreAwayRefused).into()),
            }
            return;
        }
        match action {
            Action::Edit(action) => self.apply_edit(action),
            Action::Board(action) => self.apply_board(action),
            Action::Ledger(action) => self.apply_ledger(action),
            Action::Import(action) => self.apply_import(action),
            Action::Charts(action) => self.apply_charts(action),
            Action::Dashboard(action) => self.apply_dashboard(action),
            Action::Settings(action) => self.apply_settings(action),
            Action::Sync(action) => self.apply_sync(action),
            Action::Agenda(action) => self.apply_agenda(action),
            Action::Chain(action) => self.apply_chain(action),
            Action::Map(action) => self.apply_map(action),
            Action::Companies(action) => self.apply_companies(action),
            Action::Trip(action) => self.apply_trip(action),
            Action::Undo => self.step_history(true),
            Action::Redo => self.step_history(false),
            Action::LoadDemo => self.load_demo(),
            Action::DismissFirstRun => self.mark_first_run_done(),
            Action::Navigate(screen) => self.screen = screen,
            Action::DismissNotice => self.notice = None,
        }
    }

    /// Work before drawing a frame: take what the workers and the background check have
    /// finished, and remake the shown screen's read model if it is old. Cheap when nothing
    /// changed, so a frame does no queries.
    pub fn prepare_frame(&mut self) {
        self.busy.set_repaint(self.repaint.clone());
        self.poll_integrity();
        self.poll_jobs();
        self.prepare();
    }

    /// How a read model may make its figures on a worker, when it may.
    fn background(&self) -> Option<background::Background> {
        let file = self.ledger.store().shared_file()?;
        self.background_reads.then(|| background::Background {
            file: file.to_path_buf(),
            repaint: self.repaint.clone(),
        })
    }

    /// Every read model's figures that may be made on a worker.
    fn pending(&mut self) -> [&mut dyn background::Pending; 11] {
        [
            &mut self.team_totals.refresh,
            &mut self.projects.refresh,
            &mut self.pipeline.board_refresh,
            &mut self.dashboard.refresh,
            &mut self.charts.refresh,
            &mut self.pipeline.marks_refresh,
            &mut self.chain.links_refresh,
            &mut self.chain.matching_refresh,
            &mut self.map.refresh,
            &mut self.trip.refresh,
            &mut self.agenda.refresh,
        ]
    }

    /// Whether a screen's figures are being made on a worker.
    pub fn figures_updating(&self) -> bool {
        self.projects.is_updating()
            || self.dashboard.is_updating()
            || self.charts.is_updating()
            || self.pipeline.marks_updating()
            || self.pipeline.board_updating()
            || self.team_totals.is_updating()
            || self.chain.links_updating()
            || self.chain.matching_updating()
            || self.map.is_updating()
            || self.trip.is_updating()
            || self.agenda.is_updating()
    }

    /// Waits up to `timeout` for the figures being made on workers, then takes them (tests
    /// and benchmarks); true when every one has ended. Figures that went stale while their
    /// run was going start again as that run is taken, so it waits for those too.
    pub fn wait_for_figures(&mut self, timeout: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let ended = self.pending().into_iter().all(|p| p.wait(left));
            self.prepare();
            if !ended || !self.figures_updating() {
                return ended;
            }
        }
    }

    /// The one place that knows which read model each screen shows.
    fn prepare(&mut self) {
        if let Some(e) = self.ledger.take_read_error() {
            self.store_failed(T::ReadFailed, &e);
        }
        // Every screen's finished figures come off their threads, shown or not, so none
        // counts as updating once its worker is done.
        for pending in self.pending() {
            pending.collect();
        }
        let background = self.background();
        let background = background.as_ref();
        let ledger = &self.ledger;
        let built = match self.screen {
            Screen::Projects => self.projects.prepare(ledger, background),
            Screen::Pipeline => self.pipeline.prepare(ledger, background),
            Screen::Teams => self.team_totals.prepare(ledger, background),
            Screen::Dashboard => self.dashboard.prepare(ledger, &self.period, background),
            Screen::Charts => self
                .charts
                .prepare(ledger, &self.period, self.lang, background),
            Screen::Map => (self.map).prepare(ledger, self.period.range(), self.lang, background),
            Screen::Companies => self.companies.prepare(ledger),
            Screen::Targets => self.target_progress.prepare(ledger, self.today),
            Screen::Sync => self.sync.prepare(ledger, self.today),
            Screen::Agenda => self.agenda.prepare(ledger, self.today, background),
            Screen::Chain => self.chain.prepare(ledger, background),
            Screen::Settings => Ok(()),
        };
        let trip = match self.trip.open {
            true => self.trip.prepare(ledger, self.today, background),
            false => Ok(()),
        };
        let badge = self.sync.prepare_badge(ledger, self.today);
        if let Err(e) = built.and(trip).and(badge) {
            self.store_failed(T::ReadFailed, &e);
        }
    }

    /// Takes what every worker has finished; call once a frame.
    fn poll_jobs(&mut self) {
        self.poll_import_check();
        self.poll_store_job();
        self.poll_export();
        self.poll_pack();
        self.poll_sync();
        self.poll_register_import();
        self.poll_company_import();
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

    /// Tells the user that `what` failed, and why, in the UI's language.
    fn store_failed(&mut self, what: T, e: &StoreError) {
        self.error(format!(
            "{}: {}",
            self.t(what),
            store_error_text(self.lang, e)
        ));
    }

    fn load_demo(&mut self) {
        let demo = crate::demo::generate(300, 2023, self.today);
        let activities = crate::demo::activities(&demo, 2023, self.today);
        let chains = crate::demo::chains_and_companies(&demo, 2023);
        self.mark_first_run_done();
        let mut step = edit::created(demo.teams, demo.officers, demo.projects);
        step.extend(activities.into_iter().map(|a| history::Change::Activity {
            id: a.id,
            before: None,
            after: Some(Box::new(a)),
        }));
        step.extend(chain::created_demo_chains(chains));
        self.edit(step);
    }

    pub(super) fn mark_first_run_done(&mut self) {
        self.show_first_run = false;
        let write = Write::SetSetting(FIRST_RUN_DONE_KEY.into(), "1".into());
        if let Err(e) = self.ledger.write(&[write]) {
            self.store_failed(T::SaveFailed, &e);
        }
    }

    /// Shows, once, what the background integrity check found (see `Store::open_check_later`).
    pub fn poll_integrity(&mut self) {
        if self.integrity_reported {
            return;
        }
        let store = self.ledger.store_mut();
        let Some(detail) = store.integrity_problem().map(str::to_string) else {
            return;
        };
        let error = crate::store::OpenError::Damaged {
            path: store.path().map(|p| p.to_path_buf()).unwrap_or_default(),
            detail,
        };
        self.integrity_reported = true;
        self.error(open_error_text(self.lang, &error));
    }
}
