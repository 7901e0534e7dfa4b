//! The [`Ledger`]: the open store, the catalogues every screen reads (teams, officers,
//! industries, rates, tiers, targets, settings), the undo history and the data version, and the
//! one write funnel. Only the ledger writes; every screen's read model notices a write by the
//! data version going up.

use std::path::Path;
use std::time::Duration;

use uuid::Uuid;

use super::history::{Change, History};
use super::import::{ImportCounts, ImportFailure};
use super::jobs::{AfterWrite, Job, Polled, Repaint, StoreBack, StoreJob, StoreWork, Wrote};
use crate::domain::pipeline::{STALE_SETTING, StaleThresholds};
use crate::domain::target::{ElapsedCounting, Target};
use crate::domain::{Officer, RateTable, Team, Tiers};
use crate::store::{self, OpenError, Store, StoreError, Write};
use crate::sync;

/// Settings key of the officer chosen in Settings as "me".
pub const MY_OFFICER: &str = "my_officer";

/// Why a write through the ledger did not land. Nothing was written in either case.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A worker died holding the store; the file was opened again (or could not be).
    #[error("the worker writing the ledger stopped")]
    WorkerDied(Option<OpenError>),
    /// An import checked again inside its write transaction could not be made into writes.
    #[error(transparent)]
    Import(ImportFailure),
    /// A bundle refused when merged (checked again against the ledger as it is now).
    #[error(transparent)]
    Sync(sync::SyncError),
}

impl From<sync::SyncError> for WriteError {
    fn from(e: sync::SyncError) -> Self {
        match e {
            sync::SyncError::Store(e) => WriteError::Store(e),
            other => WriteError::Sync(other),
        }
    }
}

impl From<ImportFailure> for WriteError {
    fn from(e: ImportFailure) -> Self {
        match e {
            ImportFailure::Store(e) => WriteError::Store(e),
            other => WriteError::Import(other),
        }
    }
}

/// How long a write on the window's thread waits for another program before it goes to a
/// worker (see [`Ledger::write_here`]): a short wait ends unseen, a long one is shown.
pub const QUICK_WAIT: Duration = Duration::from_millis(150);

pub struct Ledger {
    store: Store,
    pub teams: Vec<Team>,
    pub officers: Vec<Officer>,
    pub industries: Vec<String>,
    pub rates: RateTable,
    pub tiers: Tiers,
    pub targets: Vec<Target>,
    pub elapsed_counting: ElapsedCounting,
    pub stale: StaleThresholds,
    /// The officer chosen in settings as "me".
    pub my_officer: Option<Uuid>,
    history: History,
    /// Goes up with every write (and every reload), so read models can tell they are old.
    data_version: u64,
    /// Why the catalogues could not be read after a write, until the app has shown it.
    read_error: Option<StoreError>,
}

impl Ledger {
    /// The ledger over `store`, with its catalogues read; the error says what could not be read.
    pub fn new(mut store: Store) -> (Ledger, store::Result<()>) {
        checkpoint_in_background(&mut store);
        let mut ledger = Ledger {
            store,
            teams: Vec::new(),
            officers: Vec::new(),
            industries: Vec::new(),
            rates: RateTable::default(),
            tiers: Tiers::default(),
            targets: Vec::new(),
            elapsed_counting: ElapsedCounting::default(),
            stale: StaleThresholds::default(),
            my_officer: None,
            history: History::default(),
            data_version: 0,
            read_error: None,
        };
        let read = ledger.reload();
        (ledger, read)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for what only the ledger's owner may do (the background check's report).
    pub(super) fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    pub fn data_version(&self) -> u64 {
        self.data_version
    }

    /// The ledger file's path (None for an in-memory ledger).
    pub fn path(&self) -> Option<&Path> {
        self.store.path()
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn team_name(&self, id: Option<Uuid>) -> &str {
        id.and_then(|id| self.teams.iter().find(|t| t.id == id))
            .map(|t| t.name.as_str())
            .unwrap_or("")
    }

    pub fn officer_name(&self, id: Option<Uuid>) -> &str {
        id.and_then(|id| self.officers.iter().find(|o| o.id == id))
            .map(|o| o.name.as_str())
            .unwrap_or("")
    }

    /// Reads the catalogues again; the data version goes up whatever happens, so every read
    /// model asks the store again.
    pub fn reload(&mut self) -> store::Result<()> {
        self.data_version += 1;
        self.teams = self.store.teams()?;
        self.officers = self.store.officers()?;
        self.industries = self.store.industries()?;
        self.rates = self.store.rates()?;
        self.tiers = self.store.tiers()?;
        self.targets = self.store.targets()?;
        self.elapsed_counting = self.store.elapsed_counting()?;
        self.stale = self
            .store
            .setting(STALE_SETTING)?
            .map(|text| StaleThresholds::from_setting(&text))
            .unwrap_or_default();
        self.my_officer = self
            .store
            .setting(MY_OFFICER)?
            .and_then(|text| Uuid::parse_str(&text).ok())
            .filter(|id| self.officers.iter().any(|o| o.id == *id));
        Ok(())
    }

    /// Writes without recording an undo step (a setting only this computer cares about).
    pub fn write(&mut self, writes: &[Write]) -> store::Result<()> {
        self.store.write(writes)?;
        // The write landed whatever the reading after it finds: an error there is shown, but
        // the step is still recorded for undo.
        self.reread();
        Ok(())
    }

    /// The writes of the next undo (`undo`) or redo step, if there is one.
    pub fn peek_history(&self, undo: bool) -> Option<Vec<Write>> {
        if undo {
            self.history.peek_undo()
        } else {
            self.history.peek_redo()
        }
    }

    fn commit_history(&mut self, undo: bool) {
        if undo {
            self.history.commit_undo();
        } else {
            self.history.commit_redo();
        }
    }

    /// Does `work` on this thread and settles it (the history moves on, an import's step is
    /// recorded). With `quick`, it waits at most [`QUICK_WAIT`] for another program's write:
    /// if that was not enough, nothing was written and the work comes back, to be sent to a
    /// worker that waits the full limit while the window keeps drawing.
    pub fn write_here(
        &mut self,
        work: StoreWork,
        then: AfterWrite,
        quick: bool,
    ) -> Result<Landed, (StoreWork, AfterWrite)> {
        // A write waits for a page check still running (what it finds damaged is never written
        // to): then it goes to a worker, and the window draws on meanwhile.
        if quick && self.store.integrity_pending() {
            return Err((work, then));
        }
        let limit = self.store.busy_limit();
        if quick {
            self.store.set_busy_limit(QUICK_WAIT.min(limit));
        }
        let result = work.run(&mut self.store, None);
        self.store.set_busy_limit(limit);
        if quick && matches!(result, Err(WriteError::Store(StoreError::Busy { .. }))) {
            return Err((work, then));
        }
        if result.is_ok() {
            self.reread();
        }
        Ok(self.finish(then, result))
    }

    /// Sends the store to a worker that does `work` in one transaction, with an in-memory
    /// scratch ledger standing in meanwhile (every action is refused until it is back).
    /// Should the scratch ledger not be made, nothing is sent and the work comes back.
    pub fn send_away(
        &mut self,
        work: StoreWork,
        then: AfterWrite,
        repaint: Option<Repaint>,
    ) -> Result<StoreJob, (StoreWork, AfterWrite)> {
        let database = self.store.path().map(Path::to_path_buf);
        // A ledger file stands in by a read-only connection, which sees the file as it was
        // before the write (other screens stay readable); else an empty scratch ledger.
        let stand_in = database
            .as_deref()
            .and_then(|p| Store::open_to_read(p).ok());
        let Some(scratch) = stand_in.or_else(|| Store::in_memory().ok()) else {
            return Err((work, then));
        };
        let mut store = std::mem::replace(&mut self.store, scratch);
        let job = Job::spawn(repaint, move |progress| {
            let result = work.run(&mut store, Some(progress));
            (store, result)
        });
        Ok(StoreJob {
            job,
            database,
            then,
        })
    }

    /// Takes the store back once the worker has written: what landed and how, or the job
    /// again while it is still writing. Should the worker have died with the store, nothing
    /// landed and the file is opened again, so nothing goes on in the scratch ledger.
    pub fn take_back(&mut self, away: StoreJob) -> Result<Landed, StoreJob> {
        let polled = away.job.poll();
        self.settle(away, polled)
    }

    /// Like [`Ledger::take_back`], waiting up to `timeout` (the command line and tests).
    pub fn wait_back(&mut self, away: StoreJob, timeout: Duration) -> Result<Landed, StoreJob> {
        let polled = away.job.wait(timeout);
        self.settle(away, polled)
    }

    fn settle(&mut self, away: StoreJob, polled: Polled<StoreBack>) -> Result<Landed, StoreJob> {
        let result = match polled {
            Polled::Running => return Err(away),
            Polled::Done((store, result)) => {
                self.store = store;
                self.reread();
                return Ok(self.finish(away.then, result));
            }
            Polled::Died => match reopen(away.database.as_deref()) {
                Ok(mut store) => {
                    checkpoint_in_background(&mut store);
                    self.store = store;
                    self.reread();
                    Err(WriteError::WorkerDied(None))
                }
                Err(e) => Err(WriteError::WorkerDied(e)),
            },
        };
        Ok(Landed {
            then: LandedKind::of(&away.then),
            result,
        })
    }

    /// After a write: on success the history moves on (an undo or redo) or takes the step
    /// (an edit, an import — the step of its second check when it had one).
    fn finish(&mut self, then: AfterWrite, result: Result<Wrote, WriteError>) -> Landed {
        let mut kind = LandedKind::of(&then);
        let result = match result {
            Ok(wrote) => {
                match then {
                    AfterWrite::Undo => self.history.commit_undo(),
                    AfterWrite::Redo => self.history.commit_redo(),
                    AfterWrite::Edit { step } => self.history.record(step),
                    AfterWrite::Merge => {
                        if let Wrote::Merged(report) = wrote {
                            if let Some(receipt) = &report.receipt {
                                self.history
                                    .record(vec![Change::MergeReceipt(receipt.clone())]);
                            }
                            kind = LandedKind::Merge(Box::new(report));
                        }
                    }
                    AfterWrite::Import { step, .. } => match wrote {
                        Wrote::Rechecked(again) => {
                            kind = LandedKind::Import {
                                counts: again.counts,
                                rechecked: true,
                            };
                            self.history.record(again.step);
                        }
                        Wrote::Imported(made) => {
                            kind = LandedKind::Import {
                                counts: made.counts,
                                rechecked: false,
                            };
                            self.history.record(made.step);
                        }
                        _ => self.history.record(step),
                    },
                }
                Ok(())
            }
            Err(e) => Err(e),
        };
        Landed { then: kind, result }
    }

    /// Writes a bundle of everything this file holds to `out` (encrypted with `passphrase`).
    pub fn export_bundle(
        &mut self,
        out: &Path,
        passphrase: Option<&str>,
    ) -> sync::Result<sync::Manifest> {
        let manifest = sync::export_bundle_to(&mut self.store, out, None, passphrase)?;
        self.reread();
        Ok(manifest)
    }

    /// What merging `bundle` would do; nothing is written.
    pub fn preview_bundle(&mut self, bundle: &sync::Bundle) -> sync::Result<sync::Preview> {
        sync::preview(&mut self.store, bundle)
    }

    /// Settles a conflict with an edit that travels in the next bundle: one undo step.
    pub fn resolve_conflict(&mut self, id: i64, choice: sync::Choice) -> sync::Result<()> {
        let resolution = sync::resolve(&mut self.store, id, choice)?;
        self.reread();
        self.history
            .record(vec![Change::Resolved(Box::new(resolution))]);
        Ok(())
    }

    /// Folds the 撞单 `fold` into `keep` (see `sync::fold_project`): one undo step.
    pub fn fold_project(&mut self, keep: &str, fold: &str) -> sync::Result<()> {
        let step = sync::fold_project(&mut self.store, keep, fold)?;
        self.reread();
        self.history.record(vec![Change::Folded(Box::new(step))]);
        Ok(())
    }

    /// 不是同一项目: a kept possible 撞单 is no longer listed; one undo step.
    pub fn dismiss_duplicate(&mut self, incoming: &str, existing: &str) -> sync::Result<()> {
        sync::dismiss_duplicate(&mut self.store, incoming, existing, true)?;
        self.reread();
        self.history.record(vec![Change::Dismissed {
            incoming: incoming.to_owned(),
            existing: existing.to_owned(),
        }]);
        Ok(())
    }

    /// Undoes (`undo`) or redoes a 同步 step (a merge by its receipt, a conflict settled, a
    /// 撞单 folded), and moves the history on.
    pub fn step_sync(&mut self, change: &Change, undo: bool) -> sync::Result<()> {
        let store = &mut self.store;
        match (change, undo) {
            (Change::MergeReceipt(receipt), true) => sync::revert_merge(store, receipt)?,
            (Change::MergeReceipt(receipt), false) => sync::reapply_merge(store, receipt)?,
            (Change::Resolved(r), true) => sync::reopen(store, r)?,
            (Change::Resolved(r), false) => sync::settle(store, r)?,
            (Change::Folded(step), _) => sync::step_fields(store, step, undo)?,
            (Change::Dismissed { incoming, existing }, _) => {
                sync::dismiss_duplicate(store, incoming, existing, !undo)?
            }
            _ => return Ok(()),
        }
        self.reread();
        self.commit_history(undo);
        Ok(())
    }

    /// The error of the last reading of the catalogues, once (the app shows it).
    pub fn take_read_error(&mut self) -> Option<StoreError> {
        self.read_error.take()
    }

    /// Reads the catalogues again, keeping an error for [`Ledger::take_read_error`].
    fn reread(&mut self) {
        if let Err(e) = self.reload() {
            self.read_error = Some(e);
        }
    }
}

/// What a write was, once it has landed (or failed).
#[derive(Debug)]
pub enum LandedKind {
    /// An import: what it added, updated and skipped, and whether it was checked again inside
    /// its write transaction because another program wrote meanwhile.
    Import {
        counts: ImportCounts,
        rechecked: bool,
    },
    Edit,
    Undo,
    Redo,
    /// A merged 同步包: what it brought (nothing new: no receipt).
    Merge(Box<store::MergeReport>),
}

impl LandedKind {
    fn of(then: &AfterWrite) -> LandedKind {
        match then {
            AfterWrite::Import { counts, .. } => LandedKind::Import {
                counts: *counts,
                rechecked: false,
            },
            AfterWrite::Edit { .. } => LandedKind::Edit,
            AfterWrite::Undo => LandedKind::Undo,
            AfterWrite::Redo => LandedKind::Redo,
            AfterWrite::Merge => LandedKind::Merge(Box::default()),
        }
    }
}

/// A write back (from its worker, or done here): what it was, and whether it landed.
#[derive(Debug)]
pub struct Landed {
    pub then: LandedKind,
    pub result: Result<(), WriteError>,
}

/// The window's edits commit without copying the log back into the file (see
/// [`Store::checkpoint_in_background`]). Should that thread not start, SQLite's own checkpoint
/// in the commit stays: slower now and then, never less safe.
fn checkpoint_in_background(store: &mut Store) {
    let _ = store.checkpoint_in_background();
}

/// Opens the ledger file again after a worker died holding its store.
fn reopen(database: Option<&Path>) -> Result<Store, Option<OpenError>> {
    match database {
        Some(path) => Store::open_check_later(path).map_err(Some),
        None => Err(None),
    }
}
