//! The charts screen's read model (its filter and the chart data for the shared period, built
//! only when the data, the period, the filter or the language changed), its chart files, and
//! the monthly review pack, written on a worker.

use std::path::{Path, PathBuf};

use super::background::{Background, Refresh};
use super::dashboard::ReportPeriod;
use super::jobs::{Job, PackJob, Polled};
use super::review::{PackError, write_pack_from_file};
use super::{AppState, Freshness, Ledger};
use crate::i18n::{Lang, T};
use crate::report::charts::{ChartKind, Charts};
use crate::report::{self};
use crate::store::{self, ReportFilter, Store};

#[derive(Debug, Clone)]
pub enum ChartsAction {
    /// Which projects the charts count: a team, an industry, an economic region of origin.
    SetFilter(ReportFilter),
    /// Draw a chart of the screen's data to a PNG or SVG file.
    Export(ChartKind, PathBuf),
    /// Write the monthly review pack for (year, month) to an .xlsx file.
    WritePack((i32, u32), PathBuf),
}

#[derive(Default)]
pub struct ChartsModel {
    /// Which projects the charts count (and their exports); all by default.
    pub filter: ReportFilter,
    /// The charts for the shared period; `None` until first shown or when the period has not
    /// begun.
    pub data: Option<Charts>,
    fresh: Freshness,
    pub(super) refresh: Refresh<Option<Charts>>,
}

impl ChartsModel {
    pub fn prepare(
        &mut self,
        ledger: &Ledger,
        period: &ReportPeriod,
        lang: Lang,
        background: Option<&Background>,
    ) -> store::Result<()> {
        // A team deleted meanwhile no longer filters the charts.
        if let Some(team) = self.filter.team_id
            && !ledger.teams.iter().any(|t| t.id == team)
        {
            self.filter.team_id = None;
            self.fresh.invalidate();
        }
        let (range, counting, filter) =
            (period.range(), ledger.elapsed_counting, self.filter.clone());
        let work = move |store: &Store| -> store::Result<Option<Charts>> {
            let Some(range) = range else {
                return Ok(None);
            };
            let built = report::build_for(store, range, counting, &filter)?;
            Ok(Some(report::charts::build(store, &built, lang)?))
        };
        if let Some(data) = self
            .refresh
            .update(&mut self.fresh, ledger, background, work)?
        {
            self.data = data;
        }
        Ok(())
    }

    /// Whether the charts shown are older than the ledger, the period or the filter: new ones
    /// are being made on a worker.
    pub fn is_updating(&self) -> bool {
        self.refresh.is_updating()
    }

    pub fn invalidate(&mut self) {
        self.fresh.invalidate();
    }
}

impl AppState {
    pub(super) fn apply_charts(&mut self, action: ChartsAction) {
        match action {
            ChartsAction::SetFilter(filter) => {
                if filter != self.charts.filter {
                    self.charts.filter = filter;
                    self.charts.invalidate();
                }
            }
            ChartsAction::Export(kind, path) => self.export_chart(kind, &path),
            ChartsAction::WritePack(month, path) => self.write_review_pack(month, path),
        }
    }

    fn export_chart(&mut self, kind: ChartKind, path: &Path) {
        // The charts as the screen shows them (made here if the screen has none yet).
        if let Err(e) = (self.charts).prepare(&self.ledger, &self.period, self.lang, None) {
            return self.store_failed(T::ReadFailed, &e);
        }
        let Some(charts) = &self.charts.data else {
            return self.error(self.t(T::PeriodNotBegun).to_string());
        };
        match crate::io::charts::export(charts, kind, path, crate::io::charts::DEFAULT_SIZE) {
            Ok(()) => self.info(format!("{}: {}", self.t(T::ChartSaved), path.display())),
            Err(e) => self.error(format!("{}: {e}", self.t(T::ChartExportFailed))),
        }
    }

    /// Writes the pack for `month` (the whole zone, whatever the charts' filter). From a ledger
    /// file it runs on a worker with its own read-only connection; an in-memory ledger (tests)
    /// is written here.
    fn write_review_pack(&mut self, month: (i32, u32), path: PathBuf) {
        if self.jobs.pack.is_some() {
            return;
        }
        let (counting, today) = (self.ledger.elapsed_counting, self.today);
        let Some(database) = self.ledger.path().map(Path::to_path_buf) else {
            let store = self.ledger.store();
            let written = crate::io::review::write_pack(store, month, counting, today, &path);
            return self.pack_done(&path, written.map_err(PackError::from));
        };
        let out = path.clone();
        let job = Job::spawn(self.repaint.clone(), move |_| {
            write_pack_from_file(&database, month, counting, today, &out)
        });
        self.jobs.pack = Some(PackJob { month, path, job });
    }

    /// Takes the pack's result once the worker has finished.
    pub(super) fn poll_pack(&mut self) {
        let Some(pack) = &self.jobs.pack else {
            return;
        };
        let result = match pack.job.poll() {
            Polled::Running => return,
            Polled::Done(result) => result,
            Polled::Died => Err(PackError::Stopped),
        };
        let path = pack.path.clone();
        self.jobs.pack = None;
        self.pack_done(&path, result);
    }

    fn pack_done(&mut self, path: &Path, result: Result<Vec<PathBuf>, PackError>) {
        match result {
            Ok(_) => self.info(format!("{}: {}", self.t(T::PackSaved), path.display())),
            Err(e) => self.error(format!(
                "{}: {}",
                self.t(T::ChartExportFailed),
                e.text(self.lang)
            )),
        }
    }
}
