//! A project's 产业链环节 as the project editor shows and saves them: the links it is attached
//! to, every link it could be, and the changes that attach it to exactly a chosen set (in the
//! same undo step as the project's save).

use uuid::Uuid;

use super::AppState;
use super::history::Change;
use super::target_companies::{LinkChoice, link_choices};
use crate::domain::chain::ProjectLink;
use crate::store;

impl AppState {
    /// The links a project is attached to, in the order they were attached.
    pub fn project_link_nodes(&self, project: Uuid) -> Vec<Uuid> {
        (self.store().links_of_project(project).unwrap_or_default())
            .into_iter()
            .map(|l| l.node)
            .collect()
    }

    /// Every link of every chain, chain by chain (read when the editor opens).
    pub fn chain_link_choices(&self) -> Vec<LinkChoice> {
        link_choices(self.store()).unwrap_or_default()
    }

    /// The changes that leave `project` attached to exactly `links`: new attachments for the
    /// links added, every attachment row of a link removed (a merge may have left two).
    pub(super) fn links_step(&self, project: Uuid, links: &[Uuid]) -> store::Result<Vec<Change>> {
        let store = self.store();
        let now = self.project_link_nodes(project);
        let mut step = Vec::new();
        for node in now.iter().filter(|n| !links.contains(n)) {
            for row in store.project_link_rows(project, *node)? {
                step.push(Change::ProjectLink {
                    id: row.id,
                    before: Some(row),
                    after: None,
                });
            }
        }
        for node in links.iter().filter(|n| !now.contains(n)) {
            let link = ProjectLink::new(project, *node);
            step.push(Change::ProjectLink {
                id: link.id,
                before: None,
                after: Some(link),
            });
        }
        Ok(step)
    }
}
