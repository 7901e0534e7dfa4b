//! The ledger's read model: which projects the current filter shows, their totals, and a small
//! cache of the rows on screen, so a 100,000-project ledger never loads into widgets whole.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::domain::Tiers;
use crate::store::{self, LedgerRow, LedgerTotals, ProjectFilter, SortColumn, SortOrder, Store};

/// Rows are read from the store in pages of this many.
const PAGE: usize = 64;
/// Pages kept; scrolling far away drops the cache and starts again.
const MAX_PAGES: usize = 32;

#[derive(Default)]
pub struct LedgerModel {
    pub filter: ProjectFilter,
    /// The tier band chosen in the filter bar; turned into a CNY range for the store.
    pub tier: Option<usize>,
    pub sort: SortColumn,
    pub order: SortOrder,
    keys: Vec<i64>,
    totals: LedgerTotals,
    pages: RefCell<HashMap<usize, Vec<LedgerRow>>>,
}

impl LedgerModel {
    /// Runs the filter again; call after any write or filter change.
    pub fn refresh(&mut self, store: &Store, tiers: &Tiers) -> store::Result<()> {
        let mut filter = self.filter.clone();
        if let Some(band) = self.tier.and_then(|i| tiers.bands().get(i).copied()) {
            filter.amount_cny_min = Some(band.min_units);
            filter.amount_cny_max = band.max_units;
        }
        self.keys = store.ledger_keys(&filter, self.sort, self.order)?;
        self.totals = store.ledger_totals(&filter)?;
        self.pages.borrow_mut().clear();
        Ok(())
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
