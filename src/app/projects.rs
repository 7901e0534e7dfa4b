//! The ledger's read model: which projects the current filter shows, their totals, and a small
//! cache of the rows on screen, so a 100,000-project ledger never loads into widgets whole.
//! The list and its totals are made on a worker where one may read the file: at 1,000,000
//! projects a filter or sort change takes half a second, which held the window.

use std::cell::RefCell;
use std::collections::HashMap;

use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::background::{Background, Refresh};
use super::jobs::{ExportJob, Job, Polled};
use super::{AppState, Freshness, Ledger, Screen};
use crate::domain::{Project, Tiers};
use crate::i18n::{T, store_error_text};
use crate::io::export::ExportForm;
use crate::store::{
    self, LedgerRow, LedgerTotals, ProjectFilter, SortColumn, SortOrder, Store, StoreError,
};

#[derive(Debug, Clone)]
pub enum LedgerAction {
    /// The filter changed (with the tier band chosen, if any).
    SetFilter(Box<ProjectFilter>, Option<usize>),
    SetSort(SortColumn, SortOrder),
    /// Show one team's projects.
    ShowTeam(Uuid),
    /// Write what the filter shows to an .xlsx or .csv file.
    Export(PathBuf),
    /// [`LedgerAction::Export`] with the .xlsx in a form: the office's 台账 form (title row,
    /// 单位 line, 序号 column) or plain data.
    ExportAs(PathBuf, ExportForm),
}

/// Exports of at least this many projects are written on workers, so the window keeps
/// drawing: 100,000 rows take about 1.5 s to write as .xlsx.
pub const EXPORT_ON_WORKER: usize = 5_000;
/// How many projects the export's reader sends to its writer at a time.
const EXPORT_PART: usize = 4_096;

/// Rows are read from the store in pages of this many.
const PAGE: usize = 64;
/// Pages kept; scrolling far away drops the cache and starts again.
const MAX_PAGES: usize = 32;

#[derive(Default)]
pub struct ProjectsModel {
    pub filter: ProjectFilter,
    /// The tier band chosen in the filter bar; turned into a CNY range for the store.
    pub tier: Option<usize>,
    pub sort: SortColumn,
    pub order: SortOrder,
    keys: Vec<i64>,
    totals: LedgerTotals,
    pages: RefCell<HashMap<usize, Vec<LedgerRow>>>,
    fresh: Freshness,
    pub(super) refresh: Refresh<Listing>,
}

/// What the filter shows: the projects' keys in order, their totals, and the first page of
/// rows (read on the worker too, so the frame that shows a new list reads nothing: on a
/// large ledger whose pages are not cached yet, 32 rows scattered over the file are as many
/// disk reads), with the data version they were read at: rows of an older version are not
/// shown, so an edit made while the worker ran shows at once all the same.
type Listing = (Vec<i64>, LedgerTotals, (u64, Vec<LedgerRow>));

impl ProjectsModel {
    /// Runs the filter again if the data or the filter changed since it last ran: on a
    /// worker when `background` allows (the rows shown until then are read again at once, so
    /// an edit shows in the next frame), else here.
    pub fn prepare(
        &mut self,
        ledger: &Ledger,
        background: Option<&Background>,
    ) -> store::Result<()> {
        if self.fresh.is_stale(ledger.data_version()) {
            self.pages.borrow_mut().clear();
        }
        let filter = self.effective_filter(&ledger.tiers);
        let (sort, order) = (self.sort, self.order);
        let version = ledger.data_version();
        let work = move |store: &Store| -> store::Result<Listing> {
            let keys = store.ledger_keys(&filter, sort, order)?;
            let first = store.ledger_rows(&keys[..keys.len().min(PAGE)])?;
            Ok((keys, store.ledger_totals(&filter)?, (version, first)))
        };
        if let Some((keys, totals, (read_at, first))) =
            self.refresh
                .update(&mut self.fresh, ledger, background, work)?
        {
            self.keys = keys;
            self.totals = totals;
            let mut pages = self.pages.borrow_mut();
            pages.clear();
            if read_at == ledger.data_version() {
                pages.insert(0, first);
            }
        }
        Ok(())
    }

    /// Whether the list shown is older than the filter or the ledger: a worker is making it.
    pub fn is_updating(&self) -> bool {
        self.refresh.is_updating()
    }

    /// The store's filter: the fields, with the tier band as a CNY range.
    pub fn effective_filter(&self, tiers: &Tiers) -> ProjectFilter {
        self.filter.with_tier_band(tiers, self.tier)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn totals(&self) -> LedgerTotals {
        self.totals
    }

    /// Position of a project in the current order, to keep a selection in view.
    pub fn index_of(&self, seq: i64) -> Option<usize> {
        self.keys.iter().position(|k| *k == seq)
    }

    /// Calls `f` with row `index`, reading its page from the store on first use.
    pub fn with_row<R>(
        &self,
        store: &Store,
        index: usize,
        f: impl FnOnce(&LedgerRow) -> R,
    ) -> Option<R> {
        let page = index / PAGE;
        let mut pages = self.pages.borrow_mut();
        if !pages.contains_key(&page) {
            if pages.len() >= MAX_PAGES {
                pages.clear();
            }
            let start = page * PAGE;
            let end = (start + PAGE).min(self.keys.len());
            let rows = store.ledger_rows(self.keys.get(start..end)?).ok()?;
            pages.insert(page, rows);
        }
        pages.get(&page)?.get(index % PAGE).map(f)
    }
}

impl AppState {
    pub(super) fn apply_ledger(&mut self, action: LedgerAction) {
        let model = &mut self.projects;
        match action {
            LedgerAction::SetFilter(filter, tier) => {
                model.filter = *filter;
                model.tier = tier;
            }
            LedgerAction::SetSort(column, order) => {
                model.sort = column;
                model.order = order;
            }
            LedgerAction::ShowTeam(team) => {
                model.filter = ProjectFilter {
                    team_id: Some(team),
                    ..Default::default()
                };
                model.tier = None;
                self.screen = Screen::Projects;
            }
            LedgerAction::Export(path) => return self.export(&path, ExportForm::Plain),
            LedgerAction::ExportAs(path, form) => return self.export(&path, form),
        }
        self.projects.fresh.invalidate();
    }

    /// Writes what the ledger shows (its filter, tier and order) to `path`; from
    /// [`EXPORT_ON_WORKER`] projects on, on workers.
    fn export(&mut self, path: &Path, form: ExportForm) {
        // A name typed without an extension in the save dialog gets the default, .xlsx.
        let path = if path.extension().is_none() {
            path.with_extension("xlsx")
        } else {
            path.to_path_buf()
        };
        if self.jobs.export.is_some() {
            return;
        }
        let keys = match self.export_keys() {
            Ok(keys) => keys,
            Err(text) => return self.error(text),
        };
        let database = self.ledger.path().map(Path::to_path_buf);
        let Some(database) = database.filter(|_| keys.len() >= EXPORT_ON_WORKER) else {
            let written = self.export_here(&path, &keys, form);
            return self.export_done(&path, written);
        };
        let ledger = &self.ledger;
        let names = (
            ledger.teams.clone(),
            ledger.officers.clone(),
            ledger.rates.clone(),
        );
        let lang = self.lang;
        let worker_path = path.clone();
        let job = Job::spawn(self.repaint.clone(), move |_| {
            export_on_workers(&database, &keys, (&worker_path, form), &names, lang)
                .map_err(|e| e.text(lang))
        });
        self.jobs.export = Some(ExportJob { path, job });
    }

    fn export_here(&self, path: &Path, keys: &[i64], form: ExportForm) -> Result<usize, String> {
        let projects = self.ledger.store().projects_by_seq(keys).map_err(|e| {
            format!(
                "{}: {}",
                self.t(T::ReadFailed),
                store_error_text(self.lang, &e)
            )
        })?;
        let ledger = &self.ledger;
        let names = crate::io::Names {
            teams: &ledger.teams,
            officers: &ledger.officers,
            rates: &ledger.rates,
        };
        crate::io::export::export_as(path, &projects, &names, form).map_err(|e| e.text(self.lang))
    }

    /// Takes the export workers' answer if it has come.
    pub(super) fn poll_export(&mut self) {
        let Some(export) = &self.jobs.export else {
            return;
        };
        let written = match export.job.poll() {
            Polled::Running => return,
            Polled::Done(written) => written,
            Polled::Died => Err(format!(
                "{}: {}",
                self.t(T::ExpFailed),
                export.path.display()
            )),
        };
        let path = export.path.clone();
        self.jobs.export = None;
        self.export_done(&path, written);
    }

    fn export_done(&mut self, path: &Path, written: Result<usize, String>) {
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
    pub fn export_to(&self, path: &Path) -> Result<usize, String> {
        self.export_form_to(path, ExportForm::Plain)
    }

    /// [`AppState::export_to`] with the .xlsx in `form` (plain data, or the office's 台账 form).
    pub fn export_form_to(&self, path: &Path, form: ExportForm) -> Result<usize, String> {
        let keys = self.export_keys()?;
        self.export_here(path, &keys, form)
    }

    /// The keys of what the ledger shows, in its order.
    fn export_keys(&self) -> Result<Vec<i64>, String> {
        let model = &self.projects;
        let filter = model.effective_filter(&self.ledger.tiers);
        self.ledger
            .store()
            .ledger_keys(&filter, model.sort, model.order)
            .map_err(|e| {
                format!(
                    "{}: {}",
                    self.t(T::ReadFailed),
                    store_error_text(self.lang, &e)
                )
            })
    }
}

/// Two workers: one reads the projects in parts through a read-only connection of its own,
/// the other (this thread) writes each part as it comes, so reading and writing overlap and
/// the window never waits for either.
fn export_on_workers(
    database: &Path,
    keys: &[i64],
    (path, form): (&Path, ExportForm),
    (teams, officers, rates): &(
        Vec<crate::domain::Team>,
        Vec<crate::domain::Officer>,
        crate::domain::RateTable,
    ),
    lang: crate::i18n::Lang,
) -> Result<usize, crate::io::export::ExportError> {
    let (parts, arriving) = std::sync::mpsc::sync_channel::<Result<Vec<Project>, String>>(2);
    let (database, keys) = (database.to_path_buf(), keys.to_vec());
    let reader = std::thread::spawn(move || {
        let store = match Store::open_to_read(&database) {
            Ok(store) => store,
            Err(e) => {
                let _ = parts.send(Err(crate::i18n::open_error_text(lang, &e)));
                return;
            }
        };
        let failed =
            |e: StoreError| format!("{}: {}", lang.t(T::ReadFailed), store_error_text(lang, &e));
        for chunk in keys.chunks(EXPORT_PART) {
            let part = store.projects_by_seq(chunk).map_err(failed);
            let stop = part.is_err();
            if parts.send(part).is_err() || stop {
                return;
            }
        }
    });
    let names = crate::io::Names {
        teams,
        officers,
        rates,
    };
    let written = crate::io::export::export_parts_as(path, arriving.into_iter(), &names, form);
    let _ = reader.join();
    written
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::super::{Action, AppState, EditAction, Screen};
    use crate::domain::Project;
    use crate::i18n::Lang;
    use crate::store::{Store, Write};

    #[test]
    fn rows_a_worker_read_before_an_edit_are_not_shown_after_it() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("z.db")).expect("open");
        let project = Project::new("旧名项目");
        store
            .write(&[Write::PutProject(project.clone())])
            .expect("write");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).expect("day");
        let mut state = AppState::new(store, today, Lang::Zh);
        state.background_reads = true;
        state.apply(Action::DismissFirstRun);
        state.apply(Action::Navigate(Screen::Projects));
        // The worker has read the list and its first rows, not taken yet, when the edit lands.
        assert!(state.projects.refresh.wait(Duration::from_secs(20)));
        let renamed = Project {
            name: "新名项目".into(),
            ..project
        };
        state.apply(EditAction::SaveProject(Box::new(renamed)));
        assert!(state.notice.is_none(), "{:?}", state.notice);
        let shown = state.with_ledger_row(0, |r| r.name.clone());
        assert_eq!(shown.as_deref(), Some("新名项目"));
    }
}
