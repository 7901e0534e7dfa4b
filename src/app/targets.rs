//! The targets screen's read model: every target's progress at today, measured again only when
//! the data changed.

use chrono::NaiveDate;

use super::{Freshness, Ledger};
use crate::report::{self, TargetProgress};
use crate::store;

#[derive(Default)]
pub struct TargetsModel {
    progress: Vec<TargetProgress>,
    fresh: Freshness,
}

impl TargetsModel {
    pub fn prepare(&mut self, ledger: &Ledger, today: NaiveDate) -> store::Result<()> {
        if !self.fresh.is_stale(ledger.data_version()) {
            return Ok(());
        }
        self.fresh.built(ledger.data_version());
        let store = ledger.store();
        let rates = store.rates()?;
        self.progress = ledger
            .targets
            .iter()
            .map(|target| {
                let progress =
                    report::progress_of(store, &rates, target, today, ledger.elapsed_counting)?;
                Ok(TargetProgress {
                    target: target.clone(),
                    progress,
                })
            })
            .collect::<store::Result<_>>()?;
        Ok(())
    }

    pub fn all(&self) -> &[TargetProgress] {
        &self.progress
    }
}
