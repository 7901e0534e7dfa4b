//! Edits of records: projects, teams, officers and targets created, changed or deleted. Each
//! becomes one undo step whose "before" is read from the store first; if that read fails the
//! edit is refused, because undoing a step with a lost "before" would delete the record.

use uuid::Uuid;

use super::AppState;
use super::history::Change;
use crate::domain::target::Target;
use crate::domain::{Officer, Project, Team};
use crate::i18n::T;
use crate::store::{self, StoreError};

#[derive(Debug, Clone)]
pub enum EditAction {
    SaveProject(Box<Project>),
    /// A project and, in the same undo step, the chain links it is attached to (exactly these).
    SaveProjectLinks(Box<Project>, Vec<Uuid>),
    DeleteProject(Uuid),
    SaveTeam(Team),
    /// A team and, in the same step, its officers.
    DeleteTeam(Uuid),
    SaveOfficer(Officer),
    DeleteOfficer(Uuid),
    SaveTarget(Target),
    DeleteTarget(Uuid),
}

/// The step that creates these records (the demo zone): teams first, then officers, then
/// projects.
pub fn created(teams: Vec<Team>, officers: Vec<Officer>, projects: Vec<Project>) -> Vec<Change> {
    let teams = teams.into_iter().map(|team| Change::Team {
        id: team.id,
        before: None,
        after: Some(team),
    });
    let officers = officers.into_iter().map(|officer| Change::Officer {
        id: officer.id,
        before: None,
        after: Some(officer),
    });
    let projects = projects.into_iter().map(|project| Change::Project {
        id: project.id,
        before: None,
        after: Some(Box::new(project)),
    });
    teams.chain(officers).chain(projects).collect()
}

impl AppState {
    pub(super) fn apply_edit(&mut self, action: EditAction) {
        match self.edit_step(action) {
            Ok(Some(step)) => {
                self.edit(step);
            }
            Ok(None) => {}
            Err(e) => self.store_failed(T::SaveFailed, &e),
        }
    }

    /// The undo step for `action`, with every "before" read from the store; `None` when there
    /// is nothing to do (deleting what is already gone).
    fn edit_step(&self, action: EditAction) -> store::Result<Option<Vec<Change>>> {
        let store = self.ledger.store();
        let step = match action {
            EditAction::SaveProject(project) => vec![Change::Project {
                id: project.id,
                before: store.project(project.id)?.map(Box::new),
                after: Some(project),
            }],
            EditAction::SaveProjectLinks(project, links) => {
                let id = project.id;
                let mut step = vec![Change::Project {
                    id,
                    before: store.project(id)?.map(Box::new),
                    after: Some(project),
                }];
                step.extend(self.links_step(id, &links)?);
                step
            }
            EditAction::DeleteProject(id) => match store.project(id)? {
                Some(before) => vec![Change::Project {
                    id,
                    before: Some(Box::new(before)),
                    after: None,
                }],
                None => return Ok(None),
            },
            EditAction::SaveTeam(team) => vec![Change::Team {
                id: team.id,
                before: store.team(team.id)?,
                after: Some(team),
            }],
            EditAction::DeleteTeam(id) => {
                let Some(before) = store.team(id)? else {
                    return Ok(None);
                };
                // A team's officers go with it, in the same undo step.
                let mut step = Vec::new();
                for officer in self.ledger.officers.iter().filter(|o| o.team_id == id) {
                    step.push(Change::Officer {
                        id: officer.id,
                        before: Some(store.officer(officer.id)?.ok_or_else(|| gone(officer.id))?),
                        after: None,
                    });
                }
                step.push(Change::Team {
                    id,
                    before: Some(before),
                    after: None,
                });
                step
            }
            EditAction::SaveOfficer(officer) => vec![Change::Officer {
                id: officer.id,
                before: store.officer(officer.id)?,
                after: Some(officer),
            }],
            EditAction::DeleteOfficer(id) => match store.officer(id)? {
                Some(before) => vec![Change::Officer {
                    id,
                    before: Some(before),
                    after: None,
                }],
                None => return Ok(None),
            },
            EditAction::SaveTarget(target) => vec![Change::Target {
                id: target.id,
                before: store.target(target.id)?,
                after: Some(target),
            }],
            EditAction::DeleteTarget(id) => match store.target(id)? {
                Some(before) => vec![Change::Target {
                    id,
                    before: Some(before),
                    after: None,
                }],
                None => return Ok(None),
            },
        };
        Ok(Some(step))
    }
}

/// A record the catalogue lists but the store no longer has: another program changed the
/// file meanwhile, so the step is refused rather than recorded with a missing "before".
fn gone(id: Uuid) -> StoreError {
    StoreError::BadValue {
        column: "id",
        value: id.to_string(),
    }
}
