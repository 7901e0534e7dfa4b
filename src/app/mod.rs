//! Application state and actions: views read [`AppState`] and return [`Action`]s; only here is
//! the store written, and every edit becomes one undo step.

pub mod dashboard;
pub mod history;
pub mod ledger;

use std::path::PathBuf;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::target::{ElapsedCounting, Target};
use crate::domain::{Officer, Project, RateTable, Team, Tiers};
use crate::i18n::{Lang, T, open_error_text};
use crate::report::charts::{ChartKind, Charts};
use crate::report::{self, Report, TargetProgress};
use crate::store::{self, ELAPSED_COUNTING_KEY, Store, Write};
use dashboard::DashboardPeriod;
use history::{Change, History};
use ledger::LedgerModel;

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
}

impl Screen {
    pub const ALL: [Screen; 6] = [
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
    /// Draw a chart of the charts screen's data to a PNG or SVG file.
    ExportChart(ChartKind, PathBuf),
    /// Write the monthly review pack for (year, month) to an .xlsx file.
    WriteReviewPack((i32, u32), PathBuf),
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
    history: History,
    integrity_reported: bool,
}

const FIRST_RUN_DONE: &str = "first_run_done";

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
            history: History::default(),
            integrity_reported: false,
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
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
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
            self.team_totals = self.store.team_totals()?;
            self.targets = self.store.targets()?;
            self.elapsed_counting = self.store.elapsed_counting()?;
            self.ledger.refresh(&self.store, &self.tiers)
        })();
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
                let before = self.store.setting(ELAPSED_COUNTING_KEY).ok().flatten();
                self.edit(vec![Change::Setting {
                    key: ELAPSED_COUNTING_KEY.into(),
                    before,
                    after: Some(counting.code().into()),
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
                    && self.write(&writes)
                {
                    self.history.commit_undo();
                }
            }
            Action::Redo => {
                if let Some(writes) = self.history.peek_redo()
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
            Action::Navigate(screen) => self.screen = screen,
            Action::DismissNotice => self.notice = None,
            Action::ExportChart(kind, path) => self.export_chart(kind, &path),
            Action::WriteReviewPack(month, path) => self.write_review_pack(month, &path),
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

    fn write_review_pack(&mut self, month: (i32, u32), path: &std::path::Path) {
        match crate::io::review::write_pack(
            &self.store,
            month,
            self.elapsed_counting,
            self.today,
            path,
        ) {
            Ok(_) => self.info(format!("{}: {}", self.t(T::PackSaved), path.display())),
            Err(e) => self.error(format!("{}: {e}", self.t(T::ChartExportFailed))),
        }
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
        let built = report::build(&self.store, range, self.elapsed_counting)
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
    fn edit(&mut self, step: Vec<Change>) {
        let writes: Vec<Write> = step.iter().map(|c| c.writes(true)).collect();
        if self.write(&writes) {
            self.history.record(step);
        }
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
