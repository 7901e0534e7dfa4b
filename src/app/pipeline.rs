//! The board's read model: per-stage headers from the store, and per column the keys and a
//! small cache of the cards on screen. In the window the headers and every column's keys are
//! read on a worker (at 1,000,000 projects a column took seconds), and a move shows at once
//! by moving the card and its amount until the worker's list comes. Without a worker, a
//! column's keys are read only when it is drawn, so scrolling one column (or keeping the
//! 搁置/终止 lane closed) never loads the others.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use super::background::{Background, Refresh};
use super::history::Change;
use super::{AppState, Freshness, Ledger};
use crate::domain::activity::{ActivityType, NextPlanned};
use crate::domain::pipeline::{self as rules, StageMove};
use crate::domain::project::ProjectProblem;
use crate::domain::{Project, Stage, Tiers};
use crate::i18n::{T, stage_label};
use crate::store::{self, CardRow, LedgerTotals, ProjectFilter, Store};

#[derive(Debug, Clone)]
pub enum BoardAction {
    /// Moves a project to another stage, stamping `date` for it and recording who and why:
    /// one undo step.
    Move {
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
    /// The board's filter: ledger filter fields, tier band, "my projects".
    SetFilter(Box<ProjectFilter>, Option<usize>, bool),
}

/// Cards are read from the store in pages of this many.
const PAGE: usize = 32;
/// Pages kept per column; scrolling far away drops the cache and starts again.
const MAX_PAGES: usize = 16;

#[derive(Default)]
struct Column {
    keys: Option<Vec<i64>>,
    pages: HashMap<usize, Vec<CardRow>>,
}

#[derive(Default)]
pub struct PipelineModel {
    /// The ledger's filter fields (its stage and date fields are not used here).
    pub filter: ProjectFilter,
    /// The tier band chosen in the filter bar.
    pub tier: Option<usize>,
    /// Only the projects of the officer chosen in settings as "me".
    pub mine: bool,
    /// The filter as the store gets it (tier turned into a range, "mine" into an officer).
    effective: ProjectFilter,
    totals: [LedgerTotals; 7],
    columns: RefCell<[Column; 7]>,
    /// Each project's next planned activity, and the last day of its last done one (日程).
    marks: Marks,
    fresh: Freshness,
    /// The marks are read over every activity: on a worker in the window (see
    /// [`super::background`]), with the old marks shown meanwhile.
    marks_fresh: Freshness,
    pub(super) marks_refresh: Refresh<Marks>,
    /// The headers and keys made on a worker, when one may read the file.
    pub(super) board_refresh: Refresh<Listing>,
    /// Whether the keys come from [`PipelineModel::board_refresh`] (none are read here then).
    on_worker: bool,
}

/// What a worker reads for the board: the filter it read with, the headers, every column's
/// keys and first page of cards in [`Stage::ALL`]'s order (the cards read there too, so the
/// frame that shows the new columns reads nothing: on a large ledger not cached yet, a page
/// of cards scattered over the file is as many disk reads), and the data version the cards
/// were read at: cards of an older version are not shown, so an edit made while the worker
/// ran shows at once all the same.
pub(super) type Listing = (
    ProjectFilter,
    [LedgerTotals; 7],
    u64,
    Vec<(Vec<i64>, Vec<CardRow>)>,
);

/// The cards' 日程 marks: each project's next planned activity, the last day of its last done
/// one, and the activity types for their words.
#[derive(Default)]
pub(super) struct Marks {
    next: HashMap<Uuid, NextPlanned>,
    last_done: HashMap<Uuid, NaiveDate>,
    types: Vec<ActivityType>,
}

impl Marks {
    fn read(store: &Store) -> store::Result<Marks> {
        Ok(Marks {
            next: store.next_planned_activities()?,
            last_done: store.last_done_activities()?,
            types: store.activity_types()?,
        })
    }
}

impl PipelineModel {
    /// Reads the headers again and forgets every column's keys if the data or the filter
    /// changed since they were read.
    pub fn prepare(
        &mut self,
        ledger: &Ledger,
        background: Option<&Background>,
    ) -> store::Result<()> {
        if background.is_some() || self.on_worker {
            self.prepare_on_worker(ledger, background)?;
        } else if self.fresh.is_stale(ledger.data_version()) {
            self.fresh.built(ledger.data_version());
            self.refresh(ledger.store(), &ledger.tiers, ledger.my_officer)?;
        }
        let refresh = &mut self.marks_refresh;
        if let Some(marks) =
            refresh.update(&mut self.marks_fresh, ledger, background, Marks::read)?
        {
            self.marks = marks;
        }
        Ok(())
    }

    /// Whether the cards' marks are older than the ledger: new ones are being read on a worker.
    pub fn marks_updating(&self) -> bool {
        self.marks_refresh.is_updating()
    }

    /// The headers and keys read on a worker; the cards on screen are read again at once when
    /// the data changed, so an edit shows in the next frame.
    fn prepare_on_worker(
        &mut self,
        ledger: &Ledger,
        background: Option<&Background>,
    ) -> store::Result<()> {
        self.on_worker = true;
        if self.fresh.is_stale(ledger.data_version()) {
            for column in self.columns.get_mut().iter_mut() {
                column.pages.clear();
            }
        }
        let filter = self.board_filter(&ledger.tiers, ledger.my_officer);
        let version = ledger.data_version();
        let work = move |store: &Store| -> store::Result<Listing> {
            let totals = store.stage_totals(&filter)?;
            let columns = Stage::ALL
                .iter()
                .map(|stage| {
                    let keys = store.stage_keys(&filter, *stage)?;
                    let first = store.board_cards(&keys[..keys.len().min(PAGE)])?;
                    Ok((keys, first))
                })
                .collect::<store::Result<_>>()?;
            Ok((filter, totals, version, columns))
        };
        let refresh = &mut self.board_refresh;
        if let Some((effective, totals, read_at, columns)) =
            refresh.update(&mut self.fresh, ledger, background, work)?
        {
            self.effective = effective;
            self.totals = totals;
            let current = read_at == ledger.data_version();
            for (column, (keys, first)) in self.columns.get_mut().iter_mut().zip(columns) {
                *column = Column {
                    keys: Some(keys),
                    pages: match current {
                        true => HashMap::from([(0, first)]),
                        false => HashMap::new(),
                    },
                };
            }
        }
        Ok(())
    }

    /// Whether the headers and columns shown are older than the ledger or the filter.
    pub fn board_updating(&self) -> bool {
        self.board_refresh.is_updating()
    }

    /// A move just written, shown before the worker's list comes: the card leaves its column
    /// and heads the new one, and both headers change by its count and amount. A card not on
    /// screen waits for the list.
    fn show_moved(&mut self, id: Uuid, from: Stage, to: Stage) {
        if !self.on_worker {
            return;
        }
        let columns = self.columns.get_mut();
        let card = columns[from.index()]
            .pages
            .values()
            .flatten()
            .find(|c| c.id == id)
            .map(|c| (c.seq, c.amount_cny.unwrap_or(0)));
        let Some((seq, amount)) = card else {
            return;
        };
        for (stage, sign) in [(from, -1), (to, 1)] {
            let column = &mut columns[stage.index()];
            if let Some(keys) = &mut column.keys {
                keys.retain(|k| *k != seq);
                if sign > 0 {
                    keys.insert(0, seq);
                }
            }
            column.pages.clear();
            let totals = &mut self.totals[stage.index()];
            totals.count += sign;
            totals.amount_cny += sign * amount;
        }
    }

    /// The board's filter as the store gets it: no stage or date fields, the tier band as a
    /// CNY range, "mine" as the officer chosen in settings.
    fn board_filter(&self, tiers: &Tiers, me: Option<Uuid>) -> ProjectFilter {
        let board = ProjectFilter {
            stages: Vec::new(),
            date_from: None,
            date_to: None,
            ..self.filter.clone()
        };
        let mut filter = board.with_tier_band(tiers, self.tier);
        if self.mine {
            // With no officer chosen, "mine" shows nothing rather than everything.
            filter.officer_id = Some(me.unwrap_or(Uuid::nil()));
        }
        filter
    }

    fn refresh(&mut self, store: &Store, tiers: &Tiers, me: Option<Uuid>) -> store::Result<()> {
        let filter = self.board_filter(tiers, me);
        self.totals = store.stage_totals(&filter)?;
        self.effective = filter;
        for column in self.columns.get_mut().iter_mut() {
            *column = Column::default();
        }
        Ok(())
    }

    /// The project's next planned activity, if one is planned.
    pub fn next_activity(&self, project: Uuid) -> Option<&NextPlanned> {
        self.marks.next.get(&project)
    }

    /// How many projects have a planned activity (a mark other than amber).
    pub fn projects_with_planned_activity(&self) -> usize {
        self.marks.next.len()
    }

    /// The activity types, for the cards' words.
    pub fn activity_types(&self) -> &[ActivityType] {
        &self.marks.types
    }

    /// The last day of the project's last done activity.
    pub fn last_done_activity(&self, project: Uuid) -> Option<NaiveDate> {
        self.marks.last_done.get(&project).copied()
    }

    /// Count and exact CNY sum of a column, from the store.
    pub fn totals(&self, stage: Stage) -> LedgerTotals {
        self.totals[stage.index()]
    }

    /// How many cards a column holds; reads its keys on first use.
    pub fn len(&self, store: &Store, stage: Stage) -> usize {
        self.with_keys(store, stage, |keys| keys.len())
    }

    /// Position of a card in its column.
    pub fn index_of(&self, store: &Store, stage: Stage, seq: i64) -> Option<usize> {
        self.with_keys(store, stage, |keys| keys.iter().position(|k| *k == seq))
    }

    /// Whether a column's keys are in memory (the benchmark and tests check what was read).
    pub fn is_loaded(&self, stage: Stage) -> bool {
        self.columns.borrow()[stage.index()].keys.is_some()
    }

    fn with_keys<R>(&self, store: &Store, stage: Stage, f: impl FnOnce(&[i64]) -> R) -> R {
        let mut columns = self.columns.borrow_mut();
        let column = &mut columns[stage.index()];
        if self.on_worker && column.keys.is_none() {
            // Not come from the worker yet: an empty column, never a read here.
            return f(&[]);
        }
        // A failed read shows an empty column; the next refresh tries again.
        let keys = column
            .keys
            .get_or_insert_with(|| store.stage_keys(&self.effective, stage).unwrap_or_default());
        f(keys)
    }

    /// Calls `f` with card `index` of a column, reading its page from the store on first use.
    pub fn with_card<R>(
        &self,
        store: &Store,
        stage: Stage,
        index: usize,
        f: impl FnOnce(&CardRow) -> R,
    ) -> Option<R> {
        self.len(store, stage);
        let page = index / PAGE;
        let mut columns = self.columns.borrow_mut();
        let column = &mut columns[stage.index()];
        if !column.pages.contains_key(&page) {
            if column.pages.len() >= MAX_PAGES {
                column.pages.clear();
            }
            let keys = column.keys.as_deref().unwrap_or_default();
            let start = page * PAGE;
            let end = (start + PAGE).min(keys.len());
            let cards = store.board_cards(keys.get(start..end)?).ok()?;
            column.pages.insert(page, cards);
        }
        column.pages.get(&page)?.get(index % PAGE).map(f)
    }
}

impl AppState {
    pub(super) fn apply_board(&mut self, action: BoardAction) {
        match action {
            BoardAction::Move {
                project,
                to,
                date,
                reason,
            } => self.move_stage(project, to, date, reason),
            BoardAction::Snooze {
                project,
                until,
                reason,
            } => self.snooze(project, until, reason),
            BoardAction::SetFilter(filter, tier, mine) => {
                let model = &mut self.pipeline;
                model.filter = *filter;
                model.tier = tier;
                model.mine = mine;
                model.fresh.invalidate();
            }
        }
    }

    /// A stage move: the project with its new stage and date, and a history entry, written in
    /// one transaction and undone as one step. Checked again here: a view's word is not enough.
    fn move_stage(&mut self, id: Uuid, to: Stage, date: NaiveDate, reason: String) {
        let store = self.ledger.store();
        let before = match store.project(id) {
            Ok(Some(p)) if matches!(store.is_live(id), Ok(true)) => p,
            Ok(_) => return self.error(self.t(T::ProjectGone).to_string()),
            Err(e) => return self.store_failed(T::SaveFailed, &e),
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
            who: self.ledger.officer_name(self.ledger.my_officer).to_string(),
            reason: reason.trim().to_string(),
        };
        let from = before.stage;
        self.edit(vec![
            Change::Project {
                id,
                before: Some(Box::new(before)),
                after: Some(Box::new(after)),
            },
            Change::StageMove(entry),
        ]);
        if matches!(self.ledger.store().project(id), Ok(Some(p)) if p.stage == to) {
            self.pipeline.show_moved(id, from, to);
        }
    }

    fn snooze(&mut self, project: Uuid, until: Option<NaiveDate>, reason: String) {
        let before = match self.ledger.store().snooze_of(project) {
            Ok(s) => s,
            Err(e) => return self.store_failed(T::SaveFailed, &e),
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
            ProjectProblem::StageDatesOutOfOrder(a, b) => Some(
                self.t(T::ErrStageOrder)
                    .replace("{a}", stage_label(self.lang, a))
                    .replace("{b}", stage_label(self.lang, b)),
            ),
            _ => None,
        })
    }
}
