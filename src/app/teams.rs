//! The teams screen's read model: each team's count of live projects and their CNY sum.

use uuid::Uuid;

use super::background::{Background, Refresh};
use super::{Freshness, Ledger};
use crate::store::{self, Store, TeamTotal};

#[derive(Default)]
pub struct TeamsModel {
    totals: Vec<TeamTotal>,
    fresh: Freshness,
    /// Summed over every project: on a worker in the window (166 ms at 1,000,000 projects).
    pub(super) refresh: Refresh<Vec<TeamTotal>>,
}

impl TeamsModel {
    pub fn prepare(
        &mut self,
        ledger: &Ledger,
        background: Option<&Background>,
    ) -> store::Result<()> {
        let work = |store: &Store| store.team_totals();
        if let Some(totals) = self
            .refresh
            .update(&mut self.fresh, ledger, background, work)?
        {
            self.totals = totals;
        }
        Ok(())
    }

    /// Whether the totals shown are older than the ledger: new ones are being summed.
    pub fn is_updating(&self) -> bool {
        self.refresh.is_updating()
    }

    pub fn all(&self) -> &[TeamTotal] {
        &self.totals
    }

    /// One team's totals; a team without projects has none.
    pub fn of(&self, team: Uuid) -> Option<&TeamTotal> {
        self.totals.iter().find(|t| t.team_id == team)
    }
}
