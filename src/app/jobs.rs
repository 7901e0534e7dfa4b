//! Work on a worker thread, one shape for all of it: a [`Job`] is a thread with its progress,
//! its cancel and its result; a [`StoreJob`] is a job that takes the ledger's store away for
//! one write (a large one, or one that waits for another program) and brings it back. The import check and commit, the export, the review
//! pack and large undo/redo all run as these, and [`AppState::poll_jobs`] polls them all.
//!
//! [`AppState::poll_jobs`]: super::AppState::poll_jobs

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError, channel};
use std::time::Duration;

use super::AppState;
use super::history::Change;
use super::import::{
    BACKGROUND_COMMIT, ImportCounts, PlannedImport, PreviewToWrite, Rechecked, write_import,
    write_import_from_preview,
};
use super::ledger::{Landed, LandedKind, WriteError};
use super::review::PackError;
use crate::i18n::{T, open_error_text};
use crate::io::import::Progress;
use crate::store::{MergeReport, Store, StoreError, Write, WriteWatch};
use crate::sync::{self, Bundle};

/// Asks the window to draw again (a worker finished); `None` in tests and the CLI.
pub type Repaint = Arc<dyn Fn() + Send + Sync>;

/// A job's state as seen from the UI thread.
#[derive(Debug)]
pub enum Polled<T> {
    Running,
    Done(T),
    /// The worker thread ended without an answer (it panicked).
    Died,
}

/// One piece of work on a thread of its own.
pub struct Job<T> {
    progress: Arc<Progress>,
    receiver: Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on a new thread; it reads its progress and cancel from the [`Progress`] it
    /// is given. The window is asked to draw again when the answer is ready.
    pub fn spawn(
        repaint: Option<Repaint>,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> Job<T> {
        let progress = Arc::new(Progress::default());
        let (sender, receiver) = channel();
        let worker_progress = Arc::clone(&progress);
        std::thread::spawn(move || {
            let answer = work(&worker_progress);
            // The window may have dropped the job meanwhile: nobody to tell then.
            let _ = sender.send(answer);
            if let Some(repaint) = repaint {
                repaint();
            }
        });
        Job { progress, receiver }
    }
}

impl<T> Job<T> {
    /// The answer if it has come; never blocks.
    pub fn poll(&self) -> Polled<T> {
        match self.receiver.try_recv() {
            Ok(answer) => Polled::Done(answer),
            Err(TryRecvError::Empty) => Polled::Running,
            Err(TryRecvError::Disconnected) => Polled::Died,
        }
    }

    /// Waits up to `timeout` for the answer (the command line and tests).
    pub fn wait(&self, timeout: Duration) -> Polled<T> {
        match self.receiver.recv_timeout(timeout) {
            Ok(answer) => Polled::Done(answer),
            Err(RecvTimeoutError::Timeout) => Polled::Running,
            Err(RecvTimeoutError::Disconnected) => Polled::Died,
        }
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Asks the worker to stop; it answers at its next check.
    pub fn cancel(&self) {
        self.progress.cancel.store(true, Ordering::Relaxed);
    }
}

/// A confirmed import's commit reports to the job's progress (rows written of all), and its
/// 取消 is the job's cancel.
impl WriteWatch for Progress {
    fn written(&self, done: usize, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
    }

    fn cancelled(&self) -> bool {
        Progress::cancelled(self)
    }
}

/// A write the ledger's store does in one transaction, on the window's thread or on a worker.
pub enum StoreWork {
    /// An edit's, an undo's or a redo's writes.
    Writes(Vec<Write>),
    /// A confirmed import: its planned writes, checked again inside the transaction if the
    /// ledger changed since its preview.
    Import {
        writes: Vec<Write>,
        plan: Box<PlannedImport>,
    },
    /// A large confirmed import: its preview's rows, made into changes on the worker.
    ImportPreview {
        rows: Box<PreviewToWrite>,
        plan: Box<PlannedImport>,
    },
    /// A confirmed 同步包: merged in one transaction (checked again against the ledger).
    Merge(Box<Bundle>),
}

/// What a write brought back, besides landing.
pub enum Wrote {
    Written,
    /// An import checked again inside its transaction: what it wrote instead.
    Rechecked(Rechecked),
    /// A large import made into changes inside its transaction: what it wrote.
    Imported(Rechecked),
    /// A merged bundle's report (its receipt, when anything came).
    Merged(MergeReport),
}

impl StoreWork {
    /// Does the work (an import checked again says what it wrote instead).
    /// `watch` sees a confirmed import's progress and may cancel it (other work ignores it).
    pub(super) fn run(
        &self,
        store: &mut Store,
        watch: Option<&dyn WriteWatch>,
    ) -> Result<Wrote, WriteError> {
        match self {
            StoreWork::Writes(writes) => Ok(store.write(writes).map(|()| Wrote::Written)?),
            StoreWork::Import { writes, plan } => {
                Ok(write_import(store, writes, plan, watch)?
                    .map_or(Wrote::Written, Wrote::Rechecked))
            }
            StoreWork::ImportPreview { rows, plan } => {
                let (done, rechecked) = write_import_from_preview(store, rows, plan, watch)?;
                Ok(if rechecked {
                    Wrote::Rechecked(done)
                } else {
                    Wrote::Imported(done)
                })
            }
            StoreWork::Merge(bundle) => Ok(Wrote::Merged(sync::apply(store, bundle)?)),
        }
    }
}

/// The store's way back from a worker: the store itself and the outcome of its write.
pub type StoreBack = (Store, Result<Wrote, WriteError>);

/// What to do once a write has landed.
pub enum AfterWrite {
    /// A confirmed import: record its step for undo and say what came in.
    Import {
        /// Empty for a large import, whose step comes back with the write.
        step: Vec<Change>,
        counts: ImportCounts,
        /// The rows to be written (the progress line's total).
        size: usize,
    },
    /// A user's edit: record it for undo.
    Edit {
        step: Vec<Change>,
    },
    Undo,
    Redo,
    /// A confirmed 同步包: record its receipt for undo and say what came.
    Merge,
}

/// The ledger's store away on a worker for one write, a large one or one that waits for another
/// program (see [`super::Ledger::send_away`]). Meanwhile every action is refused: the store is
/// not here to answer.
pub struct StoreJob {
    pub(super) job: Job<StoreBack>,
    /// The ledger file, to open again should the worker die with the store.
    pub(super) database: Option<PathBuf>,
    pub then: AfterWrite,
}

impl StoreJob {
    pub fn is_undo(&self) -> bool {
        matches!(self.then, AfterWrite::Undo)
    }

    pub fn is_redo(&self) -> bool {
        matches!(self.then, AfterWrite::Redo)
    }

    pub fn is_import(&self) -> bool {
        matches!(self.then, AfterWrite::Import { .. })
    }

    /// A confirmed 同步包 being merged.
    pub fn is_merge(&self) -> bool {
        matches!(self.then, AfterWrite::Merge)
    }

    /// An edit that waits on the worker for another program's write to end.
    pub fn is_edit(&self) -> bool {
        matches!(self.then, AfterWrite::Edit { .. })
    }

    /// How many changes a confirmed import is writing, if that is what this is.
    pub fn import_size(&self) -> Option<usize> {
        match &self.then {
            AfterWrite::Import { size, .. } => Some(*size),
            _ => None,
        }
    }
}

/// An export on workers: the file it writes and the answer to come (rows written, or why not).
pub struct ExportJob {
    pub path: PathBuf,
    pub(super) job: Job<Result<usize, String>>,
}

/// The monthly review pack on a worker: for which month, to where.
pub struct PackJob {
    pub month: (i32, u32),
    pub path: PathBuf,
    pub(super) job: Job<Result<Vec<PathBuf>, PackError>>,
}

/// Every job that may be running (the import check lives with the import window's state).
#[derive(Default)]
pub struct Jobs {
    pub store: Option<StoreJob>,
    pub export: Option<ExportJob>,
    pub pack: Option<PackJob>,
}

impl AppState {
    /// Writes a user's step as one undo step: here, or — when another program is writing —
    /// on a worker that waits its turn while the window says so. False when it failed here
    /// (the user is told why; nothing changed).
    pub(super) fn edit(&mut self, step: Vec<Change>) -> bool {
        let work = StoreWork::Writes(step.iter().filter_map(|c| c.writes(true)).collect());
        self.write_step(work, AfterWrite::Edit { step }, false)
    }

    /// Does `work` here (waiting at most a moment for another program) or, when it is
    /// `large` or that moment was not enough, on a worker with the store. True when it landed
    /// here or went to the worker; false when it failed here (the notice says why).
    pub(super) fn write_step(&mut self, work: StoreWork, then: AfterWrite, large: bool) -> bool {
        let (work, then) = if large {
            (work, then)
        } else {
            match self.ledger.write_here(work, then, true) {
                Ok(landed) => return self.landed(landed),
                Err(back) => back,
            }
        };
        match self.ledger.send_away(work, then, self.repaint.clone()) {
            Ok(job) => {
                self.jobs.store = Some(job);
                true
            }
            // No worker to take it: here, waiting as long as it must.
            Err((work, then)) => match self.ledger.write_here(work, then, false) {
                Ok(landed) => self.landed(landed),
                Err(_) => false,
            },
        }
    }

    /// Undoes (`undo`) or redoes the next step: a large one on a worker with the store.
    pub(super) fn step_history(&mut self, undo: bool) {
        if let Some(change) = self.ledger.history().sync_step(undo) {
            if let Err(e) = self.ledger.step_sync(&change, undo) {
                self.sync_failed(&e);
            }
            return;
        }
        let Some(writes) = self.ledger.peek_history(undo) else {
            return;
        };
        let then = if undo {
            AfterWrite::Undo
        } else {
            AfterWrite::Redo
        };
        let large = Write::records(&writes) >= BACKGROUND_COMMIT;
        self.write_step(StoreWork::Writes(writes), then, large);
    }

    /// Takes the store back from a write on a worker once it has landed.
    pub(super) fn poll_store_job(&mut self) {
        let Some(job) = self.jobs.store.take() else {
            return;
        };
        match self.ledger.take_back(job) {
            Err(job) => self.jobs.store = Some(job),
            Ok(landed) => {
                self.landed(landed);
            }
        }
    }

    /// Waits up to `timeout` for a write on a worker (the command line and tests); true once
    /// no write is away.
    pub fn wait_for_store(&mut self, timeout: std::time::Duration) -> bool {
        if let Some(job) = self.jobs.store.take() {
            match self.ledger.wait_back(job, timeout) {
                Err(job) => self.jobs.store = Some(job),
                Ok(landed) => {
                    self.landed(landed);
                }
            }
        }
        self.prepare();
        self.jobs.store.is_none()
    }

    /// Says how a write ended; true when it landed.
    fn landed(&mut self, landed: Landed) -> bool {
        if let Some(e) = self.ledger.take_read_error() {
            self.store_failed(T::ReadFailed, &e);
        }
        if let LandedKind::Import { .. } = landed.then {
            self.import = None;
        }
        match landed.result {
            Ok(()) => {
                match landed.then {
                    LandedKind::Import { counts, rechecked } => self.import_done(counts, rechecked),
                    LandedKind::Merge(report) => self.merge_done(&report),
                    _ => {}
                }
                return true;
            }
            // 取消 during an import's commit: rolled back, as the user asked.
            Err(WriteError::Store(StoreError::Cancelled)) => {
                self.info(self.t(T::ImpCommitCancelled).to_string())
            }
            Err(WriteError::Store(e)) => self.store_failed(T::SaveFailed, &e),
            Err(WriteError::Sync(e)) => self.sync_failed(&e),
            Err(WriteError::Import(e)) => {
                let text = format!("{}: {}", self.t(T::SaveFailed), e.text(self.lang));
                self.error(text);
            }
            Err(WriteError::WorkerDied(Some(e))) => self.error(open_error_text(self.lang, &e)),
            Err(WriteError::WorkerDied(None)) => self.error(self.t(T::SaveFailed).to_string()),
        }
        false
    }
}
