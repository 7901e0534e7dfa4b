//! The dashboard's read model: the period a lead chose, and the report and 考核 for it, computed only
//! when the data, the period or the counting rule changed — never per frame.

use chrono::{Datelike, NaiveDate};

use super::background::{Background, Refresh};
use super::{AppState, Freshness, Ledger};
use crate::domain::activity::Appraisal;
use crate::domain::target::Period;
use crate::report::{self, Report, ReportRange};
use crate::store::{self, Store};

#[derive(Debug, Clone)]
pub enum DashboardAction {
    /// The period and as-of date the dashboard and the charts show.
    SetPeriod(DashboardPeriod, NaiveDate),
}

/// The period the dashboard and the charts show, and the day it is measured at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportPeriod {
    pub period: DashboardPeriod,
    pub as_of: NaiveDate,
}

impl ReportPeriod {
    pub fn new(today: NaiveDate) -> ReportPeriod {
        ReportPeriod {
            period: DashboardPeriod::default(),
            as_of: today,
        }
    }

    /// The report's range; `None` when the period has not begun at the as-of date.
    pub fn range(&self) -> Option<ReportRange> {
        self.period.range(self.as_of)
    }
}

/// The dashboard's report and 考核; `None` until first shown, or when its period has not begun.
#[derive(Default)]
pub struct DashboardModel {
    pub report: Option<Report>,
    /// Every officer's 考核 figures for the period, ranked.
    pub appraisal: Option<Appraisal>,
    /// Whether the 考核 counts reviewed activities only (the setting, for its switch).
    pub reviewed_only: bool,
    fresh: Freshness,
    pub(super) refresh: Refresh<Figures>,
}

/// What the dashboard shows for a period: the setting, the report and the 考核.
type Figures = (bool, Option<(Report, Appraisal)>);

impl DashboardModel {
    pub fn prepare(
        &mut self,
        ledger: &Ledger,
        period: &ReportPeriod,
        background: Option<&Background>,
    ) -> store::Result<()> {
        let (range, counting) = (period.range(), ledger.elapsed_counting);
        let work = move |store: &Store| -> store::Result<Figures> {
            let reviewed_only = store.appraisal_reviewed_only()?;
            let Some(range) = range else {
                return Ok((reviewed_only, None));
            };
            let report = report::build(store, range, counting)?;
            // The report holds the period's 考核 already (made once: it is the costliest part).
            let appraisal = report.appraisal.clone();
            Ok((reviewed_only, Some((report, appraisal))))
        };
        if let Some((reviewed_only, figures)) =
            self.refresh
                .update(&mut self.fresh, ledger, background, work)?
        {
            self.reviewed_only = reviewed_only;
            (self.report, self.appraisal) = figures.unzip();
        }
        Ok(())
    }

    /// Whether the figures shown are older than the ledger or the period: new ones are being
    /// made on a worker.
    pub fn is_updating(&self) -> bool {
        self.refresh.is_updating()
    }

    pub fn invalidate(&mut self) {
        self.fresh.invalidate();
    }
}

impl AppState {
    pub(super) fn apply_dashboard(&mut self, action: DashboardAction) {
        let DashboardAction::SetPeriod(period, as_of) = action;
        self.period = ReportPeriod { period, as_of };
        self.dashboard.invalidate();
        self.charts.invalidate();
    }
}

/// The period the dashboard shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DashboardPeriod {
    /// From 1 January of the as-of year to the as-of date (本年累计).
    #[default]
    YearToDate,
    /// A calendar year, quarter or month, up to the as-of date if it falls inside it.
    Calendar(Period),
    Custom {
        from: NaiveDate,
        to: NaiveDate,
    },
}

impl DashboardPeriod {
    /// The report's range at `as_of`; `None` when the period has not begun by then.
    pub fn range(self, as_of: NaiveDate) -> Option<ReportRange> {
        let (from, to) = match self {
            DashboardPeriod::YearToDate => (NaiveDate::from_ymd_opt(as_of.year(), 1, 1)?, as_of),
            DashboardPeriod::Calendar(period) => (period.first_day(), period.last_day().min(as_of)),
            DashboardPeriod::Custom { from, to } => (from, to.min(as_of)),
        };
        (from <= to).then_some(ReportRange { from, to })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn ranges_end_at_the_as_of_date() {
        let as_of = day(2023, 8, 31);
        assert_eq!(
            DashboardPeriod::YearToDate.range(as_of),
            Some(ReportRange {
                from: day(2023, 1, 1),
                to: as_of
            })
        );
        let q2 = DashboardPeriod::Calendar(Period::Quarter(2023, 2));
        assert_eq!(q2.range(as_of).map(|r| r.to), Some(day(2023, 6, 30)));
        let next_year = DashboardPeriod::Calendar(Period::Year(2024));
        assert_eq!(next_year.range(as_of), None);
    }
}
