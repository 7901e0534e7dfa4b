//! The teams screen's read model: each team's count of live projects and their CNY sum.

use uuid::Uuid;

use super::{Freshness, Ledger};
use crate::store::{self, TeamTotal};

#[derive(Default)]
pub struct TeamsModel {
    totals: Vec<TeamTotal>,
    fresh: Freshness,
}

impl TeamsModel {
    pub fn prepare(&mut self, ledger: &Ledger) -> store::Result<()> {
        if self.fresh.is_stale(ledger.data_version()) {
            self.fresh.built(ledger.data_version());
            self.totals = ledger.store().team_totals()?;
        }
        Ok(())
    }

    pub fn all(&self) -> &[TeamTotal] {
        &self.totals
    }

    /// One team's totals; a team without projects has none.
    pub fn of(&self, team: Uuid) -> Option<&TeamTotal> {
        self.totals.iter().find(|t| t.team_id == team)
    }
}
