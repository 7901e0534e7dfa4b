//! Import and export through the app: a ledger file checked on a worker thread (progress,
//! cancel), the preview the window shows, and a confirmed import as one undo step.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use uuid::Uuid;

use super::history::Change;
use crate::domain::Project;
use crate::io::header::Layout;
use crate::io::import::{
    DuplicatePolicy, Existing, ImportPreview, PreviewError, Progress, check_rows,
};
use crate::io::sheet::{ReadError, Workbook};
use crate::store::{self, Store};

/// Settings keys of remembered column mappings start with this.
pub const MAPPING_PREFIX: &str = "import_mapping:";

/// What the ledger holds that an import is checked against, and how: `today` for dates
/// that lie ahead, the plausible bound of the settings and the rates.
pub fn existing(store: &Store, today: chrono::NaiveDate) -> store::Result<Existing> {
    let bound = store.setting(crate::domain::checks::AMOUNT_BOUND_KEY)?;
    Ok(Existing {
        projects: store.import_keys()?.into_iter().map(Into::into).collect(),
        teams: store.teams()?,
        officers: store.officers()?,
        industries: store.industries()?,
        today: Some(today),
        amount_bound: crate::domain::checks::AmountBound::from_setting(bound.as_deref()),
        rates: store.rates()?,
    })
}

/// Reads `path` and checks it. `remembered` gives a stored mapping for a mapping key.
pub fn check_file(
    path: &Path,
    sheet: Option<&str>,
    existing: &Existing,
    remembered: &dyn Fn(&str) -> Option<String>,
    progress: &Progress,
) -> Result<(Workbook, ImportPreview), PreviewError> {
    crate::io::import::read_and_check(path, sheet, existing, remembered, progress)
}

/// How many projects a confirmed import adds, updates and skips.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportCounts {
    pub new: usize,
    pub updated: usize,
    pub skipped: usize,
}

/// Why a confirmed import could not be turned into changes; nothing is written.
#[derive(Debug, thiserror::Error)]
pub enum ImportChangeError {
    /// A duplicate to update whose project in the ledger could not be read: taking that as
    /// "not there" would import it as a new project beside the one it duplicates.
    #[error("row {row}: the project it duplicates ({name}) could not be read: {source}")]
    Unreadable {
        row: usize,
        name: String,
        #[source]
        source: store::StoreError,
    },
}

impl ImportChangeError {
    /// What the user is told, with what to do.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ImportChangeError::Unreadable { row, name, source } => lang
                .t(crate::i18n::T::ImpDupUnreadable)
                .replace("{row}", &row.to_string())
                .replace("{name}", name)
                .replace("{error}", &source.to_string()),
        }
    }
}

/// Reads a project already in the ledger: `Ok(None)` only when it is not there.
pub type ReadProject<'a> = dyn Fn(Uuid) -> store::Result<Option<Project>> + 'a;

/// Where a row's values ended up, for a later row of the same file that repeats it.
#[derive(Debug, Clone, Copy)]
enum Placed {
    /// In the change at this index of the projects' changes (a new or an updated project).
    Change(usize),
    /// In the ledger's project, untouched (the row was skipped, or changed nothing).
    Ledger(Uuid),
}

/// The changes that apply `preview` (moved in: its projects are not copied) with `policy`:
/// teams, officers and industries the imported projects need first, then the projects.
/// `current` reads a project already in the ledger; a duplicate set to 跳过 is skipped without
/// reading it, and a read that fails stops the import (nothing is taken as "not there").
/// A row that repeats an earlier row of the file has the same choices: 跳过, 更新 (its
/// values replace the earlier row's, wherever those went) or 作为新项目导入.
pub fn import_changes(
    preview: ImportPreview,
    policy: DuplicatePolicy,
    industries_now: &[String],
    current: &ReadProject<'_>,
) -> Result<(Vec<Change>, ImportCounts), ImportChangeError> {
    let mut counts = ImportCounts::default();
    let mut projects: Vec<Change> = Vec::with_capacity(preview.rows.len());
    // Where the rows that a later row of the file repeats went (only those are kept).
    let repeated: HashSet<Uuid> = preview
        .rows
        .iter()
        .filter_map(|r| r.duplicate.as_ref().filter(|d| d.in_file.is_some()))
        .map(|d| d.id)
        .collect();
    let mut placed: HashMap<Uuid, Placed> = HashMap::with_capacity(repeated.len());
    for row in preview.rows {
        let id = row.project.id;
        let target = match (&row.duplicate, row.outcome(policy)) {
            (Some(d), DuplicatePolicy::Skip) => {
                counts.skipped += 1;
                let target = match d.in_file {
                    Some(_) => placed.get(&d.id).copied(),
                    None => Some(Placed::Ledger(d.id)),
                };
                if let Some(target) = target
                    && repeated.contains(&id)
                {
                    placed.insert(id, target);
                }
                continue;
            }
            (Some(d), DuplicatePolicy::Update) => match d.in_file {
                Some(_) => placed.get(&d.id).copied(),
                None => Some(Placed::Ledger(d.id)),
            },
            _ => None,
        };
        let place = match target {
            Some(target) => update(&mut projects, &mut counts, target, row, current)?,
            // Not a duplicate, or to be imported as new.
            None => push_new(&mut projects, &mut counts, row.project),
        };
        if repeated.contains(&id) {
            placed.insert(id, place);
        }
    }
    let mut teams_used = HashSet::new();
    let mut officers_used = HashSet::new();
    let mut industries_used = HashSet::new();
    for change in &projects {
        if let Change::Project { after: Some(p), .. } = change {
            teams_used.extend(p.team_id);
            officers_used.extend(p.officer_id);
            industries_used.insert(p.industry.as_str());
        }
    }
    let mut changes = Vec::with_capacity(projects.len() + 8);
    for team in preview
        .new_teams
        .iter()
        .filter(|t| teams_used.contains(&t.id))
    {
        changes.push(Change::Team {
            id: team.id,
            before: None,
            after: Some(team.clone()),
        });
    }
    for officer in preview
        .new_officers
        .iter()
        .filter(|o| officers_used.contains(&o.id))
    {
        changes.push(Change::Officer {
            id: officer.id,
            before: None,
            after: Some(officer.clone()),
        });
    }
    let added: Vec<String> = preview
        .new_industries
        .iter()
        .filter(|i| industries_used.contains(i.as_str()))
        .cloned()
        .collect();
    if !added.is_empty() {
        let mut after = industries_now.to_vec();
        after.extend(added);
        changes.push(Change::Industries {
            before: industries_now.to_vec(),
            after,
        });
    }
    changes.extend(projects);
    Ok((changes, counts))
}

/// `row`'s values over the project at `target`: a change already made (an earlier row's), or
/// the ledger's project, read (a read that fails stops the import).
fn update(
    projects: &mut Vec<Change>,
    counts: &mut ImportCounts,
    target: Placed,
    row: crate::io::ImportRow,
    current: &ReadProject<'_>,
) -> Result<Placed, ImportChangeError> {
    let ledger_id = match target {
        Placed::Change(index) => {
            counts.updated += 1;
            if let Some(Change::Project { after: Some(p), .. }) = projects.get_mut(index) {
                **p = crate::io::import::merge(p, &row);
            }
            return Ok(Placed::Change(index));
        }
        Placed::Ledger(id) => id,
    };
    let read = current(ledger_id).map_err(|source| ImportChangeError::Unreadable {
        row: row.row,
        name: row
            .duplicate
            .as_ref()
            .map(|d| d.name.clone())
            .unwrap_or_default(),
        source,
    })?;
    let Some(before) = read else {
        // Deleted since the preview: the row's values come in as a project.
        return Ok(push_new(projects, counts, row.project));
    };
    counts.updated += 1;
    let after = crate::io::import::merge(&before, &row);
    if after == before {
        return Ok(Placed::Ledger(ledger_id));
    }
    projects.push(Change::Project {
        id: before.id,
        before: Some(Box::new(before)),
        after: Some(Box::new(after)),
    });
    Ok(Placed::Change(projects.len() - 1))
}

/// A row's project as a new one.
fn push_new(projects: &mut Vec<Change>, counts: &mut ImportCounts, project: Project) -> Placed {
    counts.new += 1;
    projects.push(Change::Project {
        id: project.id,
        before: None,
        after: Some(Box::new(project)),
    });
    Placed::Change(projects.len() - 1)
}

/// A preview ready to confirm, with what is needed to redo it after a mapping change.
pub struct ImportSession {
    pub path: PathBuf,
    pub book: Arc<Workbook>,
    pub preview: ImportPreview,
    pub policy: DuplicatePolicy,
    /// The user changed the column mapping: it is remembered when the import is confirmed.
    pub mapped_by_user: bool,
}

type Outcome = Result<(Arc<Workbook>, ImportPreview), PreviewError>;

/// Imports with at least this many changes are written on a worker thread.
pub const BACKGROUND_COMMIT: usize = 2_000;

/// A confirmed import being written on a worker thread; the store travels there and back.
pub struct Committing {
    pub path: PathBuf,
    /// The ledger file, to open again should the worker die with the store.
    pub database: Option<PathBuf>,
    pub receiver: Receiver<(Store, store::Result<()>)>,
    pub step: Vec<Change>,
    pub counts: ImportCounts,
}

/// Where the import window is.
pub enum ImportState {
    Working {
        path: PathBuf,
        progress: Arc<Progress>,
        receiver: Receiver<Outcome>,
        /// Kept from the session a mapping change re-checks.
        policy: DuplicatePolicy,
        mapped_by_user: bool,
    },
    Ready(Box<ImportSession>),
    Failed {
        path: PathBuf,
        message: String,
    },
    /// Confirmed; the store is away writing it.
    Committing(Box<Committing>),
}

impl ImportState {
    pub fn path(&self) -> &Path {
        match self {
            ImportState::Working { path, .. } | ImportState::Failed { path, .. } => path,
            ImportState::Ready(s) => &s.path,
            ImportState::Committing(c) => &c.path,
        }
    }

    /// Reads and checks `path` on a worker thread.
    pub fn start(
        path: PathBuf,
        sheet: Option<String>,
        existing: Existing,
        remembered: HashMap<String, String>,
        repaint: Option<Box<dyn Fn() + Send>>,
    ) -> ImportState {
        let progress = Arc::new(Progress::default());
        let (sender, receiver) = channel();
        let worker_progress = Arc::clone(&progress);
        let worker_path = path.clone();
        std::thread::spawn(move || {
            let lookup = |key: &str| remembered.get(key).cloned();
            let outcome = check_file(
                &worker_path,
                sheet.as_deref(),
                &existing,
                &lookup,
                &worker_progress,
            )
            .map(|(book, preview)| (Arc::new(book), preview));
            // The window may have closed the import meanwhile: nobody to tell then.
            let _ = sender.send(outcome);
            if let Some(repaint) = repaint {
                repaint();
            }
        });
        ImportState::Working {
            path,
            progress,
            receiver,
            policy: DuplicatePolicy::default(),
            mapped_by_user: false,
        }
    }

    /// Checks the rows again with a changed layout, on a worker thread.
    pub fn recheck(
        session: ImportSession,
        layout: Layout,
        existing: Existing,
        repaint: Option<Box<dyn Fn() + Send>>,
    ) -> ImportState {
        let progress = Arc::new(Progress::default());
        let (sender, receiver) = channel();
        let worker_progress = Arc::clone(&progress);
        let book = session.book;
        std::thread::spawn(move || {
            let outcome = check_rows(&book, layout, &existing, &worker_progress)
                .map(|preview| (book, preview));
            let _ = sender.send(outcome);
            if let Some(repaint) = repaint {
                repaint();
            }
        });
        ImportState::Working {
            path: session.path,
            progress,
            receiver,
            policy: session.policy,
            mapped_by_user: true,
        }
    }

    /// Takes the worker's answer if it has come; call every frame.
    pub fn poll(self, lang: crate::i18n::Lang) -> ImportState {
        let ImportState::Working {
            path,
            progress,
            receiver,
            policy,
            mapped_by_user,
        } = self
        else {
            return self;
        };
        match receiver.try_recv() {
            Ok(Ok((book, preview))) => ImportState::Ready(Box::new(ImportSession {
                path,
                book,
                preview,
                policy,
                mapped_by_user,
            })),
            Ok(Err(e)) => ImportState::Failed {
                path,
                message: e.text(lang),
            },
            Err(TryRecvError::Empty) => ImportState::Working {
                path,
                progress,
                receiver,
                policy,
                mapped_by_user,
            },
            Err(TryRecvError::Disconnected) => ImportState::Failed {
                path,
                message: ReadError::Broken("worker stopped".into()).text(lang),
            },
        }
    }

    /// Asks the worker to stop; it answers "cancelled" at its next check.
    pub fn cancel(&self) {
        if let ImportState::Working { progress, .. } = self {
            progress.cancel.store(true, Ordering::Relaxed);
        }
    }
}
