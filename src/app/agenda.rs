//! 日程's read model and actions: the week or month shown, the officer's agenda (overdue,
//! today, the next 7 days), the filter by team and officer, and the activity edits — each one
//! undo step through the ledger's funnel, a signing event with its projects' stage moves.

use chrono::{Datelike, Duration, NaiveDate};
use uuid::Uuid;

use super::background::{Background, Refresh};
use super::history::Change;
use super::{AppState, Freshness, Ledger};
use crate::domain::activity::{Activity, ActivityFilter, ActivityStatus, ActivityType, CountsAs};
use crate::domain::pipeline::{self as rules, StageMove};
use crate::domain::{Project, Stage};
use crate::i18n::T;
use crate::store::{self, ProjectFilter, REVIEWED_ONLY_KEY, SortColumn, SortOrder, Store};

#[derive(Debug, Clone)]
pub enum AgendaAction {
    /// Creates or changes an activity.
    Save(Box<Activity>),
    Delete(Uuid),
    /// 完成: marks it done and offers the type's usual next activity.
    Done(Uuid),
    /// Moves an activity (all its days) to begin on `to`: a drop in the week view.
    Reschedule {
        id: Uuid,
        to: NaiveDate,
    },
    /// 安排 / 不用: the offered next activity is created, or forgotten.
    AcceptNext,
    DismissNext,
    /// 确认签约: the event saved as done, and each of its projects stamped 签约 on its day.
    ConfirmSigning(Box<Activity>),
    /// The week (or month, with `month`) holding `anchor`.
    Show {
        anchor: NaiveDate,
        month: bool,
    },
    SetFilter {
        team: Option<Uuid>,
        officer: Option<Uuid>,
    },
    /// Projects whose name holds this text, for the form's project picker.
    SearchProjects(String),
    /// The trips whose days touch `from..=to`, for the form's parent-trip picker.
    TripsAround {
        from: NaiveDate,
        to: NaiveDate,
    },
    /// 导入登记表: reads a register and opens its preview; 确认 writes it, 取消 closes it.
    ImportRegister(std::path::PathBuf),
    ConfirmImport,
    CancelImport,
    /// 导出: the activities of the days and filter shown, to an .xlsx register.
    ExportRegister(std::path::PathBuf),
    /// 只计已审核: whether 考核 counts reviewed activities only (the synced setting), one
    /// undo step.
    SetReviewedOnly(bool),
}

/// How many projects the form's picker lists at once.
const PICKER_ROWS: usize = 12;
/// The agenda's look-ahead: today and the next 7 days.
const AHEAD_DAYS: i64 = 7;

#[derive(Default)]
pub struct AgendaModel {
    pub month: bool,
    /// A day of the week or month shown; `None` until first shown (then today's).
    anchor: Option<NaiveDate>,
    pub team: Option<Uuid>,
    pub officer: Option<Uuid>,
    /// The activities touching the days shown.
    pub shown: Vec<Activity>,
    /// For each day shown (from the first), the indices in `shown` of the activities on it:
    /// a frame draws a day without looking at the others.
    by_day: Vec<Vec<usize>>,
    /// The first day shown, where `by_day` starts.
    first: Option<NaiveDate>,
    /// Planned and past their last day, oldest first.
    pub overdue: Vec<Activity>,
    /// Touching today .. today + 7.
    pub upcoming: Vec<Activity>,
    pub types: Vec<ActivityType>,
    /// The next activity offered after a 完成, until accepted or dismissed, or until another
    /// step (an undo of the 完成 among them) moves the history from where it was made.
    pub suggestion: Option<Activity>,
    suggested_at: u64,
    /// The picker's matches: id and name.
    pub project_hits: Vec<(Uuid, String)>,
    search: String,
    /// The trips touching the days the form asked about (`trips_for`), by first day.
    pub trips_around: Vec<Activity>,
    trips_for: Option<(NaiveDate, NaiveDate)>,
    /// The register import, while its window is open.
    pub import: Option<super::agenda_import::RegisterImport>,
    fresh: Freshness,
    /// The figures are read over every activity of the filter, tens of milliseconds on a
    /// large ledger: the window reads them on a worker while the old ones stay shown.
    pub(super) refresh: Refresh<AgendaFigures>,
}

/// What 日程 shows, read together.
pub struct AgendaFigures {
    types: Vec<ActivityType>,
    from: NaiveDate,
    to: NaiveDate,
    shown: Vec<Activity>,
    overdue: Vec<Activity>,
    upcoming: Vec<Activity>,
    project_hits: Vec<(Uuid, String)>,
    trips_around: Vec<Activity>,
}

/// What the figures are read for: the filter, the days shown, whose agenda, the picker's
/// text and the days the form asked trips about.
struct AgendaQuery {
    base: ActivityFilter,
    mine: Option<Uuid>,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    search: String,
    trips_for: Option<(NaiveDate, NaiveDate)>,
}

impl AgendaQuery {
    fn read(self, store: &Store) -> store::Result<AgendaFigures> {
        let types = store.activity_types()?;
        let (from, to, today) = (self.from, self.to, self.today);
        let shown = store.activities(&ActivityFilter {
            from: Some(from),
            to: Some(to),
            ..self.base.clone()
        })?;
        let mine = ActivityFilter {
            officer: self.mine,
            ..self.base
        };
        let mut overdue = store.activities(&ActivityFilter {
            to: Some(today),
            status: Some(ActivityStatus::Planned),
            ..mine.clone()
        })?;
        overdue.retain(|a| a.is_overdue(today));
        let upcoming = store.activities(&ActivityFilter {
            from: Some(today),
            to: Some(today + Duration::days(AHEAD_DAYS)),
            ..mine
        })?;
        let project_hits = project_matches(store, &self.search)?;
        let trips_around = match self.trips_for {
            Some((from, to)) => trips_touching(store, &types, from, to)?,
            None => Vec::new(),
        };
        Ok(AgendaFigures {
            types,
            from,
            to,
            shown,
            overdue,
            upcoming,
            project_hits,
            trips_around,
        })
    }
}

/// The Monday on or before `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

impl AgendaModel {
    /// The shown week's Monday, or the month's first day.
    pub fn anchor(&self, today: NaiveDate) -> NaiveDate {
        let day = self.anchor.unwrap_or(today);
        if self.month {
            day.with_day(1).unwrap_or(day)
        } else {
            monday_of(day)
        }
    }

    /// The days shown: a week, or the month's weeks (Monday first), first and last.
    pub fn days(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let anchor = self.anchor(today);
        if !self.month {
            return (anchor, anchor + Duration::days(6));
        }
        let next_month = (anchor + Duration::days(31)).with_day(1).unwrap_or(anchor);
        let last = next_month - Duration::days(1);
        (monday_of(anchor), monday_of(last) + Duration::days(6))
    }

    /// The officer whose agenda is shown: the one filtered by, else "me" from settings.
    pub fn whose(&self, ledger: &Ledger) -> Option<Uuid> {
        self.officer.or(if self.team.is_none() {
            ledger.my_officer
        } else {
            None
        })
    }

    pub fn prepare(
        &mut self,
        ledger: &Ledger,
        today: NaiveDate,
        background: Option<&Background>,
    ) -> store::Result<()> {
        if ledger.history().position() != self.suggested_at {
            self.suggestion = None;
        }
        let (from, to) = self.days(today);
        let query = AgendaQuery {
            base: ActivityFilter {
                team: self.team,
                officer: self.officer,
                ..ActivityFilter::default()
            },
            mine: self.whose(ledger),
            from,
            to,
            today,
            search: self.search.clone(),
            trips_for: self.trips_for,
        };
        let Some(figures) =
            (self.refresh).update(&mut self.fresh, ledger, background, |store| {
                query.read(store)
            })?
        else {
            return Ok(());
        };
        self.types = figures.types;
        self.shown = figures.shown;
        self.index_days(figures.from, figures.to);
        self.overdue = figures.overdue;
        self.upcoming = figures.upcoming;
        self.project_hits = figures.project_hits;
        self.trips_around = figures.trips_around;
        Ok(())
    }

    /// Whether the figures are being read on a worker (the ones shown are older than the
    /// ledger, or of the days or filter chosen before).
    pub fn is_updating(&self) -> bool {
        self.refresh.is_updating()
    }

    fn index_days(&mut self, from: NaiveDate, to: NaiveDate) {
        let days = (to - from).num_days().max(0) as usize + 1;
        self.first = Some(from);
        self.by_day = vec![Vec::new(); days];
        for (i, a) in self.shown.iter().enumerate() {
            let start = (a.start - from).num_days().max(0) as usize;
            let end = ((a.end - from).num_days().max(-1) + 1) as usize;
            for list in self.by_day.iter_mut().take(end).skip(start) {
                list.push(i);
            }
        }
    }

    /// The activities on `day` (a day outside the days shown has none).
    pub fn on_day(&self, day: NaiveDate) -> impl Iterator<Item = &Activity> {
        let list = self
            .first
            .and_then(|first| usize::try_from((day - first).num_days()).ok())
            .and_then(|i| self.by_day.get(i));
        list.into_iter()
            .flatten()
            .filter_map(|i| self.shown.get(*i))
    }

    pub fn type_of(&self, code: &str) -> Option<&ActivityType> {
        crate::domain::activity::type_of(&self.types, code)
    }
}

pub use crate::io::activities::problem_text;

/// Live trips (types counted as 出差) whose days touch `from..=to`, by first day.
fn trips_touching(
    store: &Store,
    types: &[ActivityType],
    from: NaiveDate,
    to: NaiveDate,
) -> store::Result<Vec<Activity>> {
    let mut trips = store.activities(&ActivityFilter {
        from: Some(from),
        to: Some(to.max(from)),
        ..ActivityFilter::default()
    })?;
    trips.retain(|a| is_trip(types, &a.kind));
    Ok(trips)
}

/// Whether activities of type `code` are trips (they hold visits).
pub fn is_trip(types: &[ActivityType], code: &str) -> bool {
    crate::domain::activity::type_of(types, code).is_some_and(|t| t.counts_as == CountsAs::Trip)
}

/// Live projects whose name or company holds `text`, in the ledger's order; none for no text.
fn project_matches(store: &Store, text: &str) -> store::Result<Vec<(Uuid, String)>> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let filter = ProjectFilter {
        search: text.trim().to_string(),
        ..ProjectFilter::default()
    };
    let keys = store.ledger_keys(&filter, SortColumn::default(), SortOrder::default())?;
    let rows = store.ledger_rows(&keys[..keys.len().min(PICKER_ROWS)])?;
    Ok(rows.into_iter().map(|r| (r.id, r.name)).collect())
}

impl AppState {
    /// Whether an activity is there (not deleted): a form on one an undo removed closes.
    pub fn activity_is_live(&self, id: Uuid) -> bool {
        matches!(self.ledger.store().activity_is_live(id), Ok(true))
    }

    pub(super) fn apply_agenda(&mut self, action: AgendaAction) {
        match action {
            AgendaAction::Save(activity) => {
                self.save_activity(*activity, Vec::new());
            }
            AgendaAction::Delete(id) => self.delete_activity(id),
            AgendaAction::Done(id) => self.complete_activity(id),
            AgendaAction::Reschedule { id, to } => {
                if let Some(mut a) = self.stored_activity(id) {
                    let shift = to - a.start;
                    a.start += shift;
                    a.end += shift;
                    self.save_activity(a, Vec::new());
                }
            }
            AgendaAction::AcceptNext => {
                if let Some(next) = self.agenda.suggestion.take() {
                    self.save_activity(next, Vec::new());
                }
            }
            AgendaAction::DismissNext => self.agenda.suggestion = None,
            AgendaAction::ConfirmSigning(event) => self.confirm_signing(*event),
            AgendaAction::Show { anchor, month } => {
                self.agenda.anchor = Some(anchor);
                self.agenda.month = month;
                self.agenda.fresh.invalidate();
            }
            AgendaAction::SetFilter { team, officer } => {
                self.agenda.team = team;
                self.agenda.officer = officer;
                self.agenda.fresh.invalidate();
            }
            AgendaAction::SearchProjects(text) => {
                self.agenda.search = text;
                self.agenda.fresh.invalidate();
            }
            AgendaAction::TripsAround { from, to } => {
                self.agenda.trips_for = Some((from, to));
                self.agenda.fresh.invalidate();
            }
            AgendaAction::ImportRegister(path) => self.start_register_import(path),
            AgendaAction::ConfirmImport => self.confirm_register_import(),
            AgendaAction::CancelImport => self.agenda.import = None,
            AgendaAction::ExportRegister(path) => self.export_register(path),
            AgendaAction::SetReviewedOnly(on) => self.set_reviewed_only(on),
        }
    }

    fn set_reviewed_only(&mut self, on: bool) {
        let before = match self.ledger.store().setting(REVIEWED_ONLY_KEY) {
            Ok(before) => before.unwrap_or_default(),
            Err(e) => return self.store_failed(T::SaveFailed, &e),
        };
        let after = if on { "1" } else { "0" };
        if before != after {
            self.edit(vec![Change::Setting {
                key: REVIEWED_ONLY_KEY.into(),
                before,
                after: after.into(),
            }]);
        }
    }

    /// The activity as stored; the notice says why not when it cannot be read.
    fn stored_activity(&mut self, id: Uuid) -> Option<Activity> {
        match self.ledger.store().activity(id) {
            Ok(a) => a,
            Err(e) => {
                self.store_failed(T::SaveFailed, &e);
                None
            }
        }
    }

    /// Saves `after` with `more` changes in one undo step; false when refused or failed.
    fn save_activity(&mut self, after: Activity, more: Vec<Change>) -> bool {
        if let Some(problem) = after.problems().first() {
            self.error(self.t(problem_text(*problem)).to_string());
            return false;
        }
        let before = match self.ledger.store().activity(after.id) {
            Ok(before) => before,
            Err(e) => {
                self.store_failed(T::SaveFailed, &e);
                return false;
            }
        };
        if before.as_ref() == Some(&after) && more.is_empty() {
            return false;
        }
        let mut step = vec![Change::Activity {
            id: after.id,
            before: before.map(Box::new),
            after: Some(Box::new(after)),
        }];
        step.extend(more);
        self.edit_following(step)
    }

    fn delete_activity(&mut self, id: Uuid) {
        if let Some(before) = self.stored_activity(id) {
            self.edit_following(vec![Change::Activity {
                id,
                before: Some(Box::new(before)),
                after: None,
            }]);
        }
    }

    /// The step, with its projects' 下一步 and 截止 following their next planned activity.
    pub(super) fn edit_following(&mut self, mut step: Vec<Change>) -> bool {
        if let Err(e) = self.follow_next_steps(&mut step) {
            self.store_failed(T::SaveFailed, &e);
            return false;
        }
        self.edit(step)
    }

    fn complete_activity(&mut self, id: Uuid) {
        let Some(mut activity) = self.stored_activity(id) else {
            return;
        };
        if activity.status == ActivityStatus::Done {
            return;
        }
        activity.status = ActivityStatus::Done;
        let types = match self.ledger.store().activity_types() {
            Ok(types) => types,
            Err(e) => return self.store_failed(T::SaveFailed, &e),
        };
        let next = activity.suggested_next(&types, self.today);
        if self.save_activity(activity, Vec::new()) {
            self.agenda.suggestion = next;
            self.agenda.suggested_at = self.ledger.history().position();
        }
    }

    /// The event as done and, for each project not yet signed, its move to 签约 on the
    /// event's day with the move's history entry: one undo step.
    fn confirm_signing(&mut self, mut event: Activity) {
        event.status = ActivityStatus::Done;
        let mut more = Vec::new();
        for id in event.projects.clone() {
            let project = match self.ledger.store().project(id) {
                Ok(Some(p)) => p,
                Ok(None) => return self.error(self.t(T::ProjectGone).to_string()),
                Err(e) => return self.store_failed(T::SaveFailed, &e),
            };
            if !needs_signing(&project) {
                continue;
            }
            if let Some(problem) = self.move_problem(&project, Stage::Signed, event.start, "") {
                return self.error(format!("{}: {problem}", project.name));
            }
            let after = rules::plan_move(&project, Stage::Signed, event.start);
            more.push(Change::StageMove(StageMove {
                id: Uuid::now_v7(),
                project_id: id,
                from: project.stage,
                to: Stage::Signed,
                date: event.start,
                who: self.ledger.officer_name(self.ledger.my_officer).to_string(),
                reason: self.t(T::AgSigningReason).to_string(),
            }));
            more.push(Change::Project {
                id,
                before: Some(Box::new(project)),
                after: Some(Box::new(after)),
            });
        }
        self.save_activity(event, more);
    }
}

/// A project a signing event moves: one not yet at 签约 or past it on the line.
fn needs_signing(project: &Project) -> bool {
    project.stage.is_off_line() || project.stage < Stage::Signed
}
