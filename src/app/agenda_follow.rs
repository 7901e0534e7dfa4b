//! A project's 下一步 and 截止 follow its next planned activity (Odoo's "next activity"): an
//! activity saved, moved, done or deleted brings each project it concerns the next planned
//! one's words and day, in the same undo step.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::AppState;
use super::history::Change;
use crate::domain::Project;
use crate::domain::activity::{Activity, ActivityFilter, ActivityStatus, ActivityType, type_of};
use crate::store;

impl AppState {
    /// Adds to `step` (activity changes, perhaps project changes too) the project changes that
    /// bring each project it touches the words and day of its next planned activity. A project
    /// left with none keeps the 下一步 typed for it.
    pub(super) fn follow_next_steps(&self, step: &mut Vec<Change>) -> store::Result<()> {
        let mut changed: HashMap<Uuid, Option<&Activity>> = HashMap::new();
        let mut projects: Vec<Uuid> = Vec::new();
        for change in step.iter() {
            if let Change::Activity { id, before, after } = change {
                changed.insert(*id, after.as_deref());
                for a in before.iter().chain(after.iter()) {
                    projects.extend(a.projects.iter().copied());
                }
            }
        }
        let mut seen = HashSet::new();
        projects.retain(|p| seen.insert(*p));
        let store = self.ledger.store();
        let types = store.activity_types()?;
        let mut follows = Vec::new();
        for project in projects {
            let stored = store.activities(&ActivityFilter {
                project: Some(project),
                status: Some(ActivityStatus::Planned),
                ..ActivityFilter::default()
            })?;
            let planned = stored
                .iter()
                .filter(|a| !changed.contains_key(&a.id))
                .chain(changed.values().flatten().copied())
                .filter(|a| a.status == ActivityStatus::Planned && a.projects.contains(&project));
            let Some(next) = planned.min_by_key(|a| (a.start, a.start_time, a.id)) else {
                continue;
            };
            follows.push((project, next_step_words(next, &types), next.start));
        }
        for (project, words, day) in follows {
            // A project the step changes already (a signing event's move) is changed once.
            let in_step = step.iter_mut().find_map(|c| match c {
                Change::Project {
                    id,
                    after: Some(after),
                    ..
                } if *id == project => Some(after),
                _ => None,
            });
            if let Some(after) = in_step {
                after.next_step = words;
                after.next_step_due = Some(day);
                continue;
            }
            let Some(before) = store.project(project)? else {
                continue;
            };
            if before.next_step == words && before.next_step_due == Some(day) {
                continue;
            }
            let after = Project {
                next_step: words,
                next_step_due: Some(day),
                ..before.clone()
            };
            step.push(Change::Project {
                id: project,
                before: Some(Box::new(before)),
                after: Some(Box::new(after)),
            });
        }
        Ok(())
    }
}

/// What the project's 下一步 says for a planned activity: its own next step when it has one,
/// else its type and the companies to meet ("拜访：华康新能源"). The ledger's words are
/// Chinese, whatever the window's language.
fn next_step_words(next: &Activity, types: &[ActivityType]) -> String {
    if !next.next_step.trim().is_empty() {
        return next.next_step.trim().to_string();
    }
    let kind = type_of(types, &next.kind).map_or(next.kind.as_str(), |t| t.name_zh.as_str());
    let companies: Vec<&str> = next
        .companies
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if companies.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}：{}", companies.join("、"))
    }
}
