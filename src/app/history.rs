//! Undo and redo: each step is the before and after of every record it touched.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::activity::Activity;
use crate::domain::chain::{Chain, ChainNode, ProjectLink, StatusOverride};
use crate::domain::pipeline::StageMove;
use crate::domain::target::Target;
use crate::domain::target_company::TargetCompany;
use crate::domain::{Officer, Project, RateTable, Team, Tiers};
use crate::store::Write;

/// One record's change. `None` on a side means "not there" (soft-deleted or not yet created).
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Project {
        id: Uuid,
        before: Option<Box<Project>>,
        after: Option<Box<Project>>,
    },
    /// Projects a large import added, held by id alone: holding each one's fields for a redo
    /// as well as for its write doubled an import's memory (639 MB at 1,000,000 rows). Undo
    /// deletes them (softly: the rows keep their fields), redo brings those rows back.
    Added(Vec<Uuid>),
    Team {
        id: Uuid,
        before: Option<Team>,
        after: Option<Team>,
    },
    Officer {
        id: Uuid,
        before: Option<Officer>,
        after: Option<Officer>,
    },
    Industries {
        before: Vec<String>,
        after: Vec<String>,
    },
    Rates {
        before: RateTable,
        after: RateTable,
    },
    Tiers {
        before: Tiers,
        after: Tiers,
    },
    Target {
        id: Uuid,
        before: Option<Target>,
        after: Option<Target>,
    },
    /// A stage move's history entry: there after, gone before.
    StageMove(StageMove),
    /// 暂缓至: (until, reason) on each side, `None` when not snoozed.
    Snooze {
        id: Uuid,
        before: Option<(NaiveDate, String)>,
        after: Option<(NaiveDate, String)>,
    },
    /// A key in the settings table; "" means not set.
    Setting {
        key: String,
        before: String,
        after: String,
    },
    /// 日程: an activity created, changed or deleted.
    Activity {
        id: Uuid,
        before: Option<Box<Activity>>,
        after: Option<Box<Activity>>,
    },
    /// 产业链: a chain, a link, a project attached to a link, a link's status override.
    Chain {
        id: Uuid,
        before: Option<Chain>,
        after: Option<Chain>,
    },
    ChainNode {
        id: Uuid,
        before: Option<Box<ChainNode>>,
        after: Option<Box<ChainNode>>,
    },
    ProjectLink {
        id: Uuid,
        before: Option<ProjectLink>,
        after: Option<ProjectLink>,
    },
    LinkOverride {
        node: Uuid,
        before: Option<StatusOverride>,
        after: Option<StatusOverride>,
    },
    /// 招商目标企业库: a target company created, changed or deleted.
    TargetCompany {
        id: Uuid,
        before: Option<Box<TargetCompany>>,
        after: Option<Box<TargetCompany>>,
    },
    /// A merged 同步包, by its receipt: undone and redone by the ledger through
    /// `sync::revert_merge` / `sync::reapply_merge`, not by record writes.
    MergeReceipt(String),
    /// A conflict settled: undone by opening it again (`sync::reopen`), redone by settling
    /// it again (`sync::settle`), both as entries that travel.
    Resolved(Box<crate::sync::Resolution>),
    /// A 撞单 folded: undone and redone by its field writes (`sync::step_fields`).
    Folded(Box<crate::sync::FieldStep>),
    /// A possible 撞单 dismissed as 不是同一项目 (a local mark, not on the change log):
    /// undone by listing it again.
    Dismissed {
        incoming: String,
        existing: String,
    },
}

impl Change {
    /// A 同步 step the ledger undoes and redoes itself, not by record writes.
    pub fn is_sync(&self) -> bool {
        matches!(
            self,
            Change::MergeReceipt(_)
                | Change::Resolved(_)
                | Change::Folded(_)
                | Change::Dismissed { .. }
        )
    }
}

impl Change {
    /// The writes that bring the store to the `after` side (forward) or the `before` side;
    /// none for a 同步 step, which the ledger steps itself.
    pub fn writes(&self, forward: bool) -> Option<Write> {
        match self {
            Change::Added(ids) if forward => Some(Write::RestoreProjects(ids.clone())),
            Change::Added(ids) => Some(Write::DeleteProjects(ids.clone())),
            _ => self.write(forward),
        }
    }

    /// The one write of a change of one record.
    fn write(&self, forward: bool) -> Option<Write> {
        fn side<T: Clone>(before: &Option<T>, after: &Option<T>, forward: bool) -> Option<T> {
            if forward {
                after.clone()
            } else {
                before.clone()
            }
        }
        Some(match self {
            Change::MergeReceipt(_)
            | Change::Resolved(_)
            | Change::Folded(_)
            | Change::Dismissed { .. }
            | Change::Added(_) => return None,
            Change::Project { id, before, after } => match side(before, after, forward) {
                Some(p) => Write::PutProject(*p),
                None => Write::DeleteProject(*id),
            },
            Change::Activity { id, before, after } => match side(before, after, forward) {
                Some(a) => Write::PutActivity(*a),
                None => Write::DeleteActivity(*id),
            },
            Change::Chain { id, before, after } => match side(before, after, forward) {
                Some(c) => Write::PutChain(c),
                None => Write::DeleteChain(*id),
            },
            Change::ChainNode { id, before, after } => match side(before, after, forward) {
                Some(n) => Write::PutChainNode(*n),
                None => Write::DeleteChainNode(*id),
            },
            Change::ProjectLink { id, before, after } => match side(before, after, forward) {
                Some(l) => Write::PutProjectLink(l),
                None => Write::DeleteProjectLink(*id),
            },
            Change::LinkOverride {
                node,
                before,
                after,
            } => Write::SetLinkOverride {
                node: *node,
                status: side(before, after, forward),
            },
            Change::TargetCompany { id, before, after } => match side(before, after, forward) {
                Some(c) => Write::PutTargetCompany(*c),
                None => Write::DeleteTargetCompany(*id),
            },
            Change::Team { id, before, after } => match side(before, after, forward) {
                Some(t) => Write::PutTeam(t),
                None => Write::DeleteTeam(*id),
            },
            Change::Officer { id, before, after } => match side(before, after, forward) {
                Some(o) => Write::PutOfficer(o),
                None => Write::DeleteOfficer(*id),
            },
            Change::Industries { before, after } => {
                Write::SetIndustries(if forward { after } else { before }.clone())
            }
            Change::Rates { before, after } => {
                Write::SetRates(if forward { after } else { before }.clone())
            }
            Change::Tiers { before, after } => {
                Write::SetTiers(if forward { after } else { before }.clone())
            }
            Change::Target { id, before, after } => match side(before, after, forward) {
                Some(t) => Write::PutTarget(t),
                None => Write::DeleteTarget(*id),
            },
            Change::StageMove(m) => {
                if forward {
                    Write::PutStageMove(m.clone())
                } else {
                    Write::DeleteStageMove(m.id)
                }
            }
            Change::Snooze { id, before, after } => {
                let side = side(before, after, forward);
                Write::SetSnooze {
                    project: *id,
                    until: side.as_ref().map(|s| s.0),
                    reason: side.map(|s| s.1).unwrap_or_default(),
                }
            }
            Change::Setting { key, before, after } => {
                // "" is "not set": back to the default, not a stored empty value.
                match if forward { after } else { before } {
                    value if value.is_empty() => Write::ClearSetting(key.clone()),
                    value => Write::SetSetting(key.clone(), value.clone()),
                }
            }
        })
    }
}

/// One undo step: every change of one user action (a save, a delete, an import).
pub type Step = Vec<Change>;

#[derive(Debug, Default)]
pub struct History {
    done: Vec<Recorded>,
    undone: Vec<Recorded>,
    /// Steps that fell off the front of `done`, so [`History::position`] keeps counting.
    dropped: u64,
}

/// A step and what it did, summed up once: the 撤销 button's hover text asks every frame,
/// and summing up an import of 1,000,000 projects took tens of milliseconds.
#[derive(Debug)]
struct Recorded {
    changes: Step,
    summary: StepSummary,
}

/// What one step did, for the 撤销 / 重做 buttons to say what they will undo or redo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepSummary {
    /// A project moved from one stage to another.
    Moved {
        name: String,
        from: crate::domain::Stage,
        to: crate::domain::Stage,
    },
    Created(String),
    Deleted(String),
    Edited(String),
    /// Several projects at once (an import, a batch).
    Projects(usize),
    /// A merged 同步包.
    Merge,
    /// A 同步 conflict settled.
    Resolved,
    /// A 撞单 folded into one project.
    Folded,
    /// A possible 撞单 marked as two projects.
    Dismissed,
    /// 日程: activities created, changed or deleted (and no project), with the first one's day.
    Activities {
        count: usize,
        day: NaiveDate,
    },
    /// Teams, officers, targets, settings, a snooze.
    Other,
}

impl StepSummary {
    /// What `step` did, named by its first project.
    pub fn of(step: &Step) -> StepSummary {
        let name_of = |id: Uuid| {
            step.iter().find_map(|c| match c {
                Change::Project {
                    id: pid,
                    before,
                    after,
                } if *pid == id => after.as_ref().or(before.as_ref()).map(|p| p.name.clone()),
                _ => None,
            })
        };
        for c in step {
            match c {
                Change::MergeReceipt(_) => return StepSummary::Merge,
                Change::Resolved(_) => return StepSummary::Resolved,
                Change::Folded(_) => return StepSummary::Folded,
                Change::Dismissed { .. } => return StepSummary::Dismissed,
                _ => {}
            }
        }
        type Sides<'a> = (&'a Option<Box<Project>>, &'a Option<Box<Project>>);
        let projects: Vec<Sides> = step
            .iter()
            .filter_map(|c| match c {
                Change::Project { before, after, .. } => Some((before, after)),
                _ => None,
            })
            .collect();
        let added: usize = (step.iter())
            .map(|c| match c {
                Change::Added(ids) => ids.len(),
                _ => 0,
            })
            .sum();
        if projects.len() + added > 1 || added > 0 {
            return StepSummary::Projects(projects.len() + added);
        }
        let activities: Vec<&Activity> = step
            .iter()
            .filter_map(|c| match c {
                Change::Activity { before, after, .. } => after.as_deref().or(before.as_deref()),
                _ => None,
            })
            .collect();
        if projects.is_empty()
            && let Some(first) = activities.first()
        {
            return StepSummary::Activities {
                count: activities.len(),
                day: first.start,
            };
        }
        if let Some(m) = step.iter().find_map(|c| match c {
            Change::StageMove(m) => Some(m),
            _ => None,
        }) {
            return StepSummary::Moved {
                name: name_of(m.project_id).unwrap_or_default(),
                from: m.from,
                to: m.to,
            };
        }
        match projects.first() {
            Some((None, Some(p))) => StepSummary::Created(p.name.clone()),
            Some((Some(p), None)) => StepSummary::Deleted(p.name.clone()),
            Some((Some(p), Some(_))) => StepSummary::Edited(p.name.clone()),
            _ => StepSummary::Other,
        }
    }
}

/// Steps kept; older ones fall off so a long session does not grow without bound.
const MAX_STEPS: usize = 500;

impl History {
    pub fn record(&mut self, step: Step) {
        if step.is_empty() {
            return;
        }
        let summary = StepSummary::of(&step);
        self.done.push(Recorded {
            changes: step,
            summary,
        });
        if self.done.len() > MAX_STEPS {
            self.done.remove(0);
            self.dropped += 1;
        }
        self.undone.clear();
    }

    /// How many steps are done: one more after each recorded step or redo, one fewer after an
    /// undo. A message about the step at position n is out of date once the position is < n.
    pub fn position(&self) -> u64 {
        self.dropped + self.done.len() as u64
    }

    /// What the next undo (`undo`) or redo would take back or do again.
    pub fn next_summary(&self, undo: bool) -> Option<StepSummary> {
        let step = if undo {
            self.done.last()
        } else {
            self.undone.last()
        }?;
        Some(step.summary.clone())
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// The writes that undo the last step; the step moves to the redo list only once
    /// [`History::commit_undo`] confirms they landed.
    pub fn peek_undo(&self) -> Option<Vec<Write>> {
        self.done.last().map(|step| {
            step.changes
                .iter()
                .rev()
                .filter_map(|c| c.writes(false))
                .collect()
        })
    }

    pub fn commit_undo(&mut self) {
        if let Some(step) = self.done.pop() {
            self.undone.push(step);
        }
    }

    pub fn peek_redo(&self) -> Option<Vec<Write>> {
        self.undone
            .last()
            .map(|step| step.changes.iter().filter_map(|c| c.writes(true)).collect())
    }

    /// The next undo (`undo`) or redo step when it is a 同步 step (a merge, a conflict
    /// settled, a 撞单 folded): the ledger steps it itself.
    pub fn sync_step(&self, undo: bool) -> Option<Change> {
        let step = if undo {
            self.done.last()
        } else {
            self.undone.last()
        }?;
        step.changes.iter().find(|c| c.is_sync()).cloned()
    }

    pub fn commit_redo(&mut self) {
        if let Some(step) = self.undone.pop() {
            self.done.push(step);
        }
    }

    /// A different ledger was opened: its history is not this one's.
    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
        self.dropped = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_of_activities_is_summarised_by_the_first_ones_day() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let a = Activity::new("visit", day);
        let created = Change::Activity {
            id: a.id,
            before: None,
            after: Some(Box::new(a.clone())),
        };
        assert_eq!(
            StepSummary::of(&vec![created.clone()]),
            StepSummary::Activities { count: 1, day }
        );
        // With a project in the step (a signing event), the project names it.
        let p = Project::new("华康新能源项目");
        let project = Change::Project {
            id: p.id,
            before: None,
            after: Some(Box::new(p)),
        };
        assert_eq!(
            StepSummary::of(&vec![created, project]),
            StepSummary::Created("华康新能源项目".into())
        );
    }
}
