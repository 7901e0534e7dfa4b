//! The board's read model: per-stage headers from the store, and per column the keys and a
//! small cache of the cards on screen. A column's keys are read only when it is drawn, so
//! scrolling one column (or keeping the 搁置/终止 lane closed) never loads the others.

use std::cell::RefCell;
use std::collections::HashMap;

use uuid::Uuid;

use crate::domain::{Stage, Tiers};
use crate::store::{self, CardRow, LedgerTotals, ProjectFilter, Store};

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
}

impl PipelineModel {
    /// Reads the headers again and forgets every column's keys; call after any write or
    /// filter change.
    pub fn refresh(&mut self, store: &Store, tiers: &Tiers, me: Option<Uuid>) -> store::Result<()> {
        let mut filter = ProjectFilter {
            stages: Vec::new(),
            date_from: None,
            date_to: None,
            ..self.filter.clone()
        };
        if let Some(band) = self.tier.and_then(|i| tiers.bands().get(i).copied()) {
            filter.amount_cny_min = Some(band.min_units);
            filter.amount_cny_max = band.max_units;
        }
        if self.mine {
            // With no officer chosen, "mine" shows nothing rather than everything.
            filter.officer_id = Some(me.unwrap_or(Uuid::nil()));
        }
        self.totals = store.stage_totals(&filter)?;
        self.effective = filter;
        for column in self.columns.get_mut().iter_mut() {
            *column = Column::default();
        }
        Ok(())
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
