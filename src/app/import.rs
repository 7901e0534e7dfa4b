//! Import and export through the app: a ledger file checked on a worker thread (progress,
//! cancel), the preview the window shows, and a confirmed import as one undo step.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::AppState;
use super::history::Change;
use super::jobs::{AfterWrite, Job, Polled, StoreWork};
use crate::domain::Project;
use crate::domain::packed::PackedProject;
use crate::i18n::T;
// The preview's types, for the import window (views reach the importer only through here).
pub use crate::io::Field;
use crate::io::header::Layout;
pub use crate::io::import::{DuplicatePolicy, ImportPreview, Issue};
use crate::io::import::{Existing, PreviewError, Progress};
use crate::io::sheet::{FileStamp, ReadError};
use crate::store::{self, ChangeMark, Store, StoreError, Write};

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

/// Reads a ledger file and checks it (`remembered` gives a stored mapping for a mapping key).
pub use crate::io::import::read_and_check as check_file;

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
    /// In the packed new project at this index (a large import's, see [`ImportMade::packed`]).
    Packed(usize),
    /// In the ledger's project, untouched (the row was skipped, or changed nothing).
    Ledger(Uuid),
}

/// What confirming an import writes: the changes, and for a large import the new projects
/// packed as the preview held them (made into `Project`s one by one as they are written).
struct ImportMade {
    changes: Vec<Change>,
    packed: Vec<PackedProject>,
    counts: ImportCounts,
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
    let made = make_import(preview, policy, industries_now, current, false)?;
    Ok((made.changes, made.counts))
}

/// What confirming `preview` would add, update and skip (a dry run), with its projects kept
/// packed.
pub fn import_counts(
    preview: ImportPreview,
    policy: DuplicatePolicy,
    industries_now: &[String],
    current: &ReadProject<'_>,
) -> Result<ImportCounts, ImportChangeError> {
    Ok(make_import(preview, policy, industries_now, current, true)?.counts)
}

/// [`import_changes`], with the new projects kept packed when `pack` (a large import).
fn make_import(
    preview: ImportPreview,
    policy: DuplicatePolicy,
    industries_now: &[String],
    current: &ReadProject<'_>,
    pack: bool,
) -> Result<ImportMade, ImportChangeError> {
    let mut made = ImportMade {
        changes: Vec::with_capacity(if pack { 0 } else { preview.rows.len() }),
        packed: Vec::with_capacity(if pack { preview.rows.len() } else { 0 }),
        counts: ImportCounts::default(),
    };
    // Where the rows that a later row of the file repeats went (only those are kept).
    let repeated: HashSet<Uuid> = preview
        .rows
        .iter()
        .filter_map(|r| r.duplicate.as_ref().filter(|d| d.in_file.is_some()))
        .map(|d| d.id)
        .collect();
    let mut placed: HashMap<Uuid, Placed> = HashMap::with_capacity(repeated.len());
    let mut teams_used = HashSet::new();
    let mut officers_used = HashSet::new();
    let mut industries_used: HashSet<String> = HashSet::new();
    for row in preview.rows {
        let id = row.packed.id();
        let target = match (&row.duplicate, row.outcome(policy)) {
            (Some(d), DuplicatePolicy::Skip) => {
                made.counts.skipped += 1;
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
        // What the written project needs: its team, officer and industry.
        let project = row.project();
        teams_used.extend(project.team_id);
        officers_used.extend(project.officer_id);
        if !industries_used.contains(&project.industry) {
            industries_used.insert(project.industry.clone());
        }
        let place = match target {
            Some(target) => update(&mut made, target, row, project, current)?,
            // Not a duplicate, or to be imported as new.
            None if pack => {
                made.counts.new += 1;
                made.packed.push(row.packed);
                Placed::Packed(made.packed.len() - 1)
            }
            None => push_new(&mut made, Box::new(project)),
        };
        if repeated.contains(&id) {
            placed.insert(id, place);
        }
    }
    // The teams and officers the imported projects need, made first.
    let teams = preview
        .new_teams
        .iter()
        .filter(|t| teams_used.contains(&t.id));
    let officers = (preview.new_officers.iter()).filter(|o| officers_used.contains(&o.id));
    let mut changes = super::edit::created(
        teams.cloned().collect(),
        officers.cloned().collect(),
        Vec::new(),
    );
    changes.reserve(made.changes.len() + 1);
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
    changes.append(&mut made.changes);
    made.changes = changes;
    Ok(made)
}

/// `row`'s values (`project`) over the project at `target`: a change or a packed project made
/// already (an earlier row's), or the ledger's project, read (a read that fails stops the
/// import).
fn update(
    made: &mut ImportMade,
    target: Placed,
    row: crate::io::ImportRow,
    project: Project,
    current: &ReadProject<'_>,
) -> Result<Placed, ImportChangeError> {
    let ledger_id = match target {
        Placed::Change(index) => {
            made.counts.updated += 1;
            if let Some(Change::Project { after: Some(p), .. }) = made.changes.get_mut(index) {
                **p = crate::io::import::merge(p, &row);
            }
            return Ok(Placed::Change(index));
        }
        Placed::Packed(index) => {
            made.counts.updated += 1;
            if let Some(packed) = made.packed.get_mut(index) {
                let merged = crate::io::import::merge(&packed.unpack(), &row);
                *packed = PackedProject::pack(&merged);
            }
            return Ok(Placed::Packed(index));
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
        return Ok(push_new(made, Box::new(project)));
    };
    made.counts.updated += 1;
    let after = crate::io::import::merge(&before, &row);
    if after == before {
        return Ok(Placed::Ledger(ledger_id));
    }
    made.changes.push(Change::Project {
        id: before.id,
        before: Some(Box::new(before)),
        after: Some(Box::new(after)),
    });
    Ok(Placed::Change(made.changes.len() - 1))
}

/// A row's project as a new one.
fn push_new(made: &mut ImportMade, project: Box<Project>) -> Placed {
    made.counts.new += 1;
    made.changes.push(Change::Project {
        id: project.id,
        before: None,
        after: Some(project),
    });
    Placed::Change(made.changes.len() - 1)
}

/// Why a confirmed import's write failed; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    /// The ledger refused the write (busy past the limit, full disk, read-only…).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Checked again inside the write transaction, the file no longer gave rows.
    #[error("the file could not be checked again: {0:?}")]
    Check(PreviewError),
    #[error(transparent)]
    Changes(ImportChangeError),
}

impl ImportFailure {
    /// What the user is told.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ImportFailure::Store(e) => crate::i18n::store_error_text(lang, e),
            ImportFailure::Check(e) => e.text(lang),
            ImportFailure::Changes(e) => e.text(lang),
        }
    }
}

/// The file a preview was made from, read again as it was when the preview needs a second
/// look (a mapping change, the check inside the write transaction): the preview keeps the
/// file's rows, not its cells, which at 1,000,000 rows held 919 MB until the commit.
#[derive(Debug, Clone)]
pub struct ImportSource {
    pub path: PathBuf,
    /// The sheet asked for (`None`: the first with data).
    pub sheet: Option<String>,
    /// Taken before the file was read for the preview.
    pub stamp: FileStamp,
}

impl ImportSource {
    /// Takes the file's stamp, then reads and checks it (what a preview starts with).
    pub fn read(
        path: &Path,
        sheet: Option<&str>,
        existing: &Existing,
        remembered: &dyn Fn(&str) -> Option<String>,
        progress: &Progress,
    ) -> Result<(ImportSource, ImportPreview), PreviewError> {
        let stamp = FileStamp::of(path)?;
        let preview = check_file(path, sheet, existing, remembered, progress)?;
        let source = ImportSource {
            path: path.to_path_buf(),
            sheet: sheet.map(str::to_string),
            stamp,
        };
        Ok((source, preview))
    }

    /// The file read and checked again with `layout`'s column mapping, if it is still the file
    /// previewed ([`ReadError::ChangedSincePreview`] if it was changed, moved or deleted).
    pub fn read_again(
        &self,
        layout: &Layout,
        existing: &Existing,
        progress: &Progress,
    ) -> Result<ImportPreview, PreviewError> {
        self.stamp.check(&self.path)?;
        let mapping = layout.mapping_value();
        let preview = check_file(
            &self.path,
            self.sheet.as_deref(),
            existing,
            &|_| Some(mapping.clone()),
            progress,
        )?;
        // Changed while it was read.
        self.stamp.check(&self.path)?;
        Ok(preview)
    }
}

/// What a confirmed import needs to be checked again inside its write transaction, should
/// another program (or window) have written to the ledger since its preview: two imports of
/// one file then add its projects once, and a new team two imports name is made once.
pub struct PlannedImport {
    /// Taken before the ledger was read for the preview.
    pub mark: ChangeMark,
    pub source: ImportSource,
    pub layout: Option<Layout>,
    pub policy: DuplicatePolicy,
    /// The duplicate rows (by their row in the file) given a choice of their own.
    pub choices: Vec<(usize, DuplicatePolicy)>,
    pub today: chrono::NaiveDate,
    /// Written with the import whatever the second check finds (a remembered mapping).
    pub also: Option<Write>,
}

/// An import as written after it was checked again inside its write transaction: these
/// changes (the undo step) and counts replace the preview's.
#[derive(Debug)]
pub struct Rechecked {
    pub step: Vec<Change>,
    pub counts: ImportCounts,
}

/// Writes a confirmed import in one transaction: `writes` (planned from the preview) if
/// nothing was written to the ledger since `plan.mark`, else the rows checked again, inside
/// the transaction, against the ledger as it is then (`Some`: what was written instead).
pub fn write_import(
    store: &mut Store,
    writes: &[Write],
    plan: &PlannedImport,
    watch: Option<&dyn store::WriteWatch>,
) -> Result<Option<Rechecked>, ImportFailure> {
    store.write_planned_watched(
        |s| {
            if !s.changed_since(&plan.mark)? {
                return Ok((std::borrow::Cow::Borrowed(writes), None));
            }
            let made = recheck_import(s, plan, false)?;
            let (step, counts) = (made.changes, made.counts);
            Ok((
                std::borrow::Cow::Owned(step_writes(&step, plan)),
                Some(Rechecked { step, counts }),
            ))
        },
        watch,
    )
}

/// What an import's changes write, with what is written whatever they are (the mapping).
fn step_writes(step: &[Change], plan: &PlannedImport) -> Vec<Write> {
    step.iter()
        .filter_map(|c| c.writes(true))
        .chain(plan.also.clone())
        .collect()
}

/// A large import's step and its writes, each project held once: the new projects go to the
/// store packed, as the preview held them, and the step keeps their ids ([`Change::Added`]);
/// the rest (teams, officers, industries, the projects updated) stay changes whose writes are
/// made from them.
fn step_and_writes(made: ImportMade, plan: &PlannedImport) -> (Vec<Change>, Vec<Write>) {
    let ImportMade {
        mut changes,
        packed,
        ..
    } = made;
    let mut writes: Vec<Write> = changes.iter().filter_map(|c| c.writes(true)).collect();
    if !packed.is_empty() {
        changes.push(Change::Added(
            packed.iter().map(PackedProject::id).collect(),
        ));
        writes.push(Write::PutPackedProjects(packed));
    }
    writes.extend(plan.also.clone());
    (changes, writes)
}

/// The rows of a large confirmed import, to be made into changes on the worker that writes
/// them: for 1,000,000 rows that took 1.5 s, which held the window's thread when it was done
/// at 确认导入. Taken once, by the write.
pub struct PreviewToWrite {
    rows: std::sync::Mutex<Option<(ImportPreview, Vec<String>)>>,
}

impl PreviewToWrite {
    /// The preview and the ledger's industries as the preview knew them.
    pub fn new(preview: ImportPreview, industries: Vec<String>) -> Self {
        PreviewToWrite {
            rows: std::sync::Mutex::new(Some((preview, industries))),
        }
    }
}

/// [`write_import`] for a large import confirmed from its preview: the changes are made
/// inside the write transaction (the undo step and the counts come back with the write).
/// Should the preview have been taken already, the rows are checked again from the file.
pub fn write_import_from_preview(
    store: &mut Store,
    rows: &PreviewToWrite,
    plan: &PlannedImport,
    watch: Option<&dyn store::WriteWatch>,
) -> Result<(Rechecked, bool), ImportFailure> {
    store.write_planned_watched(
        |s| {
            let held = rows.rows.lock().ok().and_then(|mut held| held.take());
            let (made, rechecked) = match held {
                Some((preview, industries)) if !s.changed_since(&plan.mark)? => {
                    let lookup = |id| s.project(id);
                    let made = make_import(preview, plan.policy, &industries, &lookup, true)
                        .map_err(ImportFailure::Changes)?;
                    (made, false)
                }
                _ => (recheck_import(s, plan, true)?, true),
            };
            let counts = made.counts;
            let (step, writes) = step_and_writes(made, plan);
            Ok((
                std::borrow::Cow::Owned(writes),
                (Rechecked { step, counts }, rechecked),
            ))
        },
        watch,
    )
}

/// Inside the write transaction, after another program wrote to the ledger: the rows checked
/// again against the ledger as it is now (its projects, teams and officers), so a row another
/// import just added is a duplicate and a team it just made is used, not made twice.
fn recheck_import(
    store: &Store,
    plan: &PlannedImport,
    pack: bool,
) -> Result<ImportMade, ImportFailure> {
    let current = existing(store, plan.today)?;
    let layout = plan
        .layout
        .clone()
        .ok_or(ImportFailure::Check(PreviewError::NoHeader))?;
    let mut preview = (plan.source)
        .read_again(&layout, &current, &Progress::default())
        .map_err(ImportFailure::Check)?;
    let choices: HashMap<usize, DuplicatePolicy> = plan.choices.iter().copied().collect();
    for row in &mut preview.rows {
        if row.duplicate.is_some() {
            row.choice = choices.get(&row.row).copied();
        }
    }
    let lookup = |id| store.project(id);
    make_import(preview, plan.policy, &current.industries, &lookup, pack)
        .map_err(ImportFailure::Changes)
}

/// A preview ready to confirm, with what is needed to redo it after a mapping change.
pub struct ImportSession {
    pub source: ImportSource,
    pub preview: ImportPreview,
    pub policy: DuplicatePolicy,
    /// The user changed the column mapping: it is remembered when the import is confirmed.
    pub mapped_by_user: bool,
    /// The ledger as it was when the preview read it (see [`PlannedImport::mark`]).
    pub mark: ChangeMark,
}

type Outcome = Result<(ImportSource, ImportPreview), PreviewError>;

/// Imports with at least this many changes are written on a worker thread.
pub const BACKGROUND_COMMIT: usize = 2_000;

#[derive(Debug, Clone)]
pub enum ImportAction {
    /// Read and check a ledger file (optionally one sheet of it) for the preview.
    Start(PathBuf, Option<String>),
    /// Map column `usize` of the file to a field (or ignore it).
    SetColumn(usize, Option<Field>),
    SetDuplicatePolicy(DuplicatePolicy),
    /// One duplicate row of the preview (its index in the preview's rows) gets a choice of
    /// its own.
    SetRowDuplicatePolicy(usize, DuplicatePolicy),
    /// Stop reading or checking the file.
    Cancel,
    /// Close the import window without writing.
    Close,
    /// Write the previewed import: one transaction, one undo step.
    Confirm,
}

/// Where the import window is.
pub enum ImportState {
    Working {
        path: PathBuf,
        job: Job<Outcome>,
        /// Kept from the session a mapping change re-checks.
        policy: DuplicatePolicy,
        mapped_by_user: bool,
        /// Taken before the ledger was read for this check.
        mark: ChangeMark,
    },
    Ready(Box<ImportSession>),
    Failed {
        path: PathBuf,
        message: String,
    },
    /// Confirmed; the store is away writing it (the job is the app's store job).
    Committing {
        path: PathBuf,
    },
}

impl ImportState {
    pub fn path(&self) -> &Path {
        match self {
            ImportState::Working { path, .. }
            | ImportState::Failed { path, .. }
            | ImportState::Committing { path } => path,
            ImportState::Ready(s) => &s.source.path,
        }
    }

    /// How far the check has come, while it runs.
    pub fn progress(&self) -> Option<&Progress> {
        match self {
            ImportState::Working { job, .. } => Some(job.progress()),
            _ => None,
        }
    }

    /// Asks the worker to stop; it answers "cancelled" at its next check.
    pub fn cancel(&self) {
        if let ImportState::Working { job, .. } = self {
            job.cancel();
        }
    }

    /// The state once the worker's answer, if it has come, is taken in.
    fn poll(self, lang: crate::i18n::Lang) -> ImportState {
        let answer = match &self {
            ImportState::Working { job, .. } => job.poll(),
            _ => Polled::Running,
        };
        if let Polled::Running = answer {
            return self;
        }
        let ImportState::Working {
            path,
            policy,
            mapped_by_user,
            mark,
            ..
        } = self
        else {
            return self;
        };
        match answer {
            Polled::Done(Ok((source, preview))) => ImportState::Ready(Box::new(ImportSession {
                source,
                preview,
                policy,
                mapped_by_user,
                mark,
            })),
            Polled::Done(Err(e)) => ImportState::Failed {
                path,
                message: e.text(lang),
            },
            // (Running was answered above.)
            Polled::Died | Polled::Running => ImportState::Failed {
                path,
                message: ReadError::Broken("worker stopped".into()).text(lang),
            },
        }
    }
}

impl AppState {
    pub(super) fn apply_import(&mut self, action: ImportAction) {
        match action {
            ImportAction::Start(path, sheet) => self.start_import(path, sheet),
            ImportAction::SetColumn(col, field) => self.set_import_column(col, field),
            ImportAction::SetDuplicatePolicy(policy) => {
                // The choice for all duplicates: rows chosen one by one follow it again.
                if let Some(ImportState::Ready(session)) = &mut self.import {
                    session.policy = policy;
                    for row in &mut session.preview.rows {
                        row.choice = None;
                    }
                }
            }
            ImportAction::SetRowDuplicatePolicy(index, policy) => {
                if let Some(ImportState::Ready(session)) = &mut self.import
                    && let Some(row) = session.preview.rows.get_mut(index)
                    && row.duplicate.is_some()
                {
                    row.choice = (policy != session.policy).then_some(policy);
                }
            }
            ImportAction::Cancel if self.committing() => self.cancel_commit(),
            ImportAction::Cancel => {
                if let Some(state) = &self.import {
                    state.cancel();
                }
                self.import = None;
            }
            ImportAction::Close => self.import = None,
            ImportAction::Confirm => self.confirm_import(),
        }
    }

    /// True while a confirmed import is being written on a worker thread.
    pub fn committing(&self) -> bool {
        self.jobs.store.as_ref().is_some_and(|job| job.is_import())
    }

    /// Asks the worker writing a confirmed import to stop: its transaction is rolled back,
    /// and the window says so once the store is back (until then it says it is cancelling).
    pub(super) fn cancel_commit(&mut self) {
        if let Some(job) = self.jobs.store.as_ref().filter(|job| job.is_import()) {
            job.job.cancel();
        }
    }

    /// True once 取消 was pressed during a commit that has not ended yet.
    pub fn commit_cancelling(&self) -> bool {
        let job = self.jobs.store.as_ref().filter(|job| job.is_import());
        job.is_some_and(|job| job.job.progress().cancelled())
    }

    /// Rows (changes) written and all of them, while a confirmed import is being written.
    pub fn commit_rows(&self) -> Option<(usize, usize)> {
        use std::sync::atomic::Ordering;
        let job = self.jobs.store.as_ref().filter(|job| job.is_import())?;
        let progress = job.job.progress();
        let total = progress.total.load(Ordering::Relaxed);
        (total > 0).then(|| (progress.done.load(Ordering::Relaxed), total))
    }

    /// How far a confirmed import's commit has come (rows written of all), while it runs.
    pub fn commit_progress(&self) -> Option<f32> {
        let job = self.jobs.store.as_ref().filter(|job| job.is_import())?;
        job.job.progress().fraction()
    }

    fn start_import(&mut self, path: PathBuf, sheet: Option<String>) {
        if let Some(state) = &self.import {
            state.cancel();
        }
        let store = self.ledger.store();
        let read = (|| -> store::Result<_> {
            // Before the ledger is read: whatever is written from here on makes the commit
            // check duplicates and team names again, inside its write transaction.
            let mark = store.change_mark()?;
            let remembered: HashMap<String, String> = store
                .settings_with_prefix(MAPPING_PREFIX)?
                .into_iter()
                .collect();
            Ok((existing(store, self.today)?, remembered, mark))
        })();
        let (existing, remembered, mark) = match read {
            Ok(read) => read,
            Err(e) => return self.store_failed(T::ReadFailed, &e),
        };
        let worker_path = path.clone();
        let job = Job::spawn(self.repaint.clone(), move |progress| {
            let lookup = |key: &str| remembered.get(key).cloned();
            ImportSource::read(&worker_path, sheet.as_deref(), &existing, &lookup, progress)
        });
        self.import = Some(ImportState::Working {
            path,
            job,
            policy: DuplicatePolicy::default(),
            mapped_by_user: false,
            mark,
        });
    }

    /// Checks the rows again with column `col` mapped to `field`, on a worker thread.
    fn set_import_column(&mut self, col: usize, field: Option<Field>) {
        let Some(ImportState::Ready(session)) = self.import.take() else {
            return;
        };
        let Some(mut layout) = session.preview.layout.clone() else {
            self.import = Some(ImportState::Ready(session));
            return;
        };
        if let Some(column) = layout.columns.get_mut(col) {
            column.field = field;
        }
        let store = self.ledger.store();
        let read = store
            .change_mark()
            .and_then(|mark| Ok((existing(store, self.today)?, mark)));
        let (existing, mark) = match read {
            Ok(read) => read,
            Err(e) => {
                self.import = Some(ImportState::Ready(session));
                return self.store_failed(T::ReadFailed, &e);
            }
        };
        // The file is read again (the preview holds its rows, not its cells).
        let source = session.source.clone();
        let job = Job::spawn(self.repaint.clone(), move |progress| {
            let preview = source.read_again(&layout, &existing, progress)?;
            Ok((source, preview))
        });
        self.import = Some(ImportState::Working {
            path: session.source.path,
            job,
            policy: session.policy,
            mapped_by_user: true,
            mark,
        });
    }

    /// Takes a finished import check.
    pub(super) fn poll_import_check(&mut self) {
        if let Some(state) = self.import.take() {
            self.import = Some(state.poll(self.lang));
        }
    }

    fn confirm_import(&mut self) {
        let Some(ImportState::Ready(session)) = self.import.take() else {
            return;
        };
        let remember = session.mapped_by_user.then(|| {
            let layout = session.preview.layout.as_ref();
            layout.map(|l| Write::SetSetting(l.mapping_key(), l.mapping_value()))
        });
        // The preview moves into the changes (a 100,000-row import is not held three times);
        // the file's stamp goes with the plan, for a check inside the write transaction.
        let ImportSession {
            preview,
            policy,
            source,
            mark,
            ..
        } = *session;
        let path = source.path.clone();
        let plan = PlannedImport {
            mark,
            source,
            layout: preview.layout.clone(),
            policy,
            choices: preview
                .rows
                .iter()
                .filter_map(|r| Some((r.row, r.choice?)))
                .collect(),
            today: self.today,
            also: remember.flatten(),
        };
        // The rows to be written (the progress line's total until the writing counts them).
        let size = preview
            .rows
            .iter()
            .filter(|r| r.outcome(policy) != DuplicatePolicy::Skip)
            .count();
        let large = size >= BACKGROUND_COMMIT;
        let (work, then) = if large {
            // Made into changes on the worker, with the write (see `PreviewToWrite`).
            let work = StoreWork::ImportPreview {
                rows: Box::new(PreviewToWrite::new(preview, self.ledger.industries.clone())),
                plan: Box::new(plan),
            };
            let then = AfterWrite::Import {
                step: Vec::new(),
                counts: ImportCounts::default(),
                size,
            };
            (work, then)
        } else {
            let store = self.ledger.store();
            let current = |id| store.project(id);
            let industries = &self.ledger.industries;
            let (changes, counts) = match import_changes(preview, policy, industries, &current) {
                Ok(done) => done,
                // A duplicate's project could not be read: nothing is written.
                Err(e) => return self.error(e.text(self.lang)),
            };
            let writes = step_writes(&changes, &plan);
            let work = StoreWork::Import {
                writes,
                plan: Box::new(plan),
            };
            let then = AfterWrite::Import {
                step: changes,
                counts,
                size,
            };
            (work, then)
        };
        // A large import, or one that waits for another program, is written on a worker with
        // the store; the window keeps drawing meanwhile.
        self.write_step(work, then, large);
        if self.jobs.store.is_some() {
            self.import = Some(ImportState::Committing { path });
        }
    }

    pub(super) fn import_done(&mut self, counts: ImportCounts, rechecked: bool) {
        // The ledger is not empty any more: the welcome (offering the demo) has had its day.
        if self.show_first_run && counts.new > 0 {
            self.mark_first_run_done();
        }
        let mut text = self
            .t(T::ImpDone)
            .replace("{new}", &counts.new.to_string())
            .replace("{updated}", &counts.updated.to_string())
            .replace("{skipped}", &counts.skipped.to_string());
        if rechecked {
            text.push_str(self.t(T::ImpRecheckedWindow));
        }
        self.info(text);
    }
}
