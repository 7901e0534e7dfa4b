//! The only place with SQL: opening a ledger file safely, migrations, reads and writes.

mod activities;
pub use crate::domain::activity::NextPlanned;
pub use activities::{ACTIVITY_TYPES_KEY, REVIEWED_ONLY_KEY};
mod aggregates;
mod bulk;
mod busy;
mod chains;
mod checkpoint;
mod columns;
mod duplicates;
pub use busy::{BusyWait, DEFAULT_BUSY_LIMIT};
pub mod changelog;
mod changelog_edit;
mod ledger;
mod map;
pub mod migrations;
mod open;
mod pipeline;
mod readonly;
pub use readonly::{Backup, ReadOnlyReason, backups_of, is_backup_name, restore_backup};
mod records;
pub mod search;
mod sync;
mod sync_duplicates;
mod sync_held;
mod sync_rows;
mod sync_tables;
mod sync_undo;
mod sync_views;
pub use sync::{
    ConflictRow, FieldChange, FieldWrite, MergeMeta, MergeReport, RawEntry, Receipt, RowChange,
    SiteRow, TableCounts,
};
mod target_companies;
mod targets;
pub use targets::ELAPSED_COUNTING_KEY;
/// The setting that says the first-run choice (demo or empty) has been made.
pub const FIRST_RUN_DONE_KEY: &str = "first_run_done";
mod transfer;
mod watch;
pub use sync_duplicates::IncomingProject;
pub use watch::WriteWatch;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

// The questions and answers live in the domain, so screens can use them without the store.
pub use crate::domain::query::{
    CardRow, Counted, DateField, Dimension, DuplicateHint, ForeignSigning, FunnelCount, KeyFilter,
    LedgerRow, LedgerTotals, LinkFilter, ProjectFilter, ReportFilter, SortColumn, SortOrder, Tally,
    TeamTotal,
};
pub use open::OpenError;
pub use records::Write;

/// Errors from reads and writes after a ledger is open.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database is damaged ({0}); nothing was written")]
    Damaged(String),
    #[error("this ledger was opened for reading only; nothing was written")]
    ReadOnly,
    /// Another program held the ledger's write lock for the whole wait.
    #[error("another program kept the ledger busy for {} s; nothing was written", waited.as_secs())]
    Busy { waited: std::time::Duration },
    /// SQLITE_FULL or ENOSPC: the disk (or the ledger's size limit) is full.
    #[error("the disk is full; nothing was written")]
    DiskFull,
    #[error("the file could not be written: {0}")]
    Io(String),
    #[error("stored value {value:?} in {column} is not valid")]
    BadValue { column: &'static str, value: String },
    /// The user stopped a watched write ([`WriteWatch`]); its transaction was rolled back.
    #[error("the write was cancelled; nothing was written")]
    Cancelled,
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An I/O error of a write: ENOSPC is a full disk.
pub(crate) fn io_error(e: std::io::Error) -> StoreError {
    if e.raw_os_error() == Some(28) || e.kind() == std::io::ErrorKind::StorageFull {
        StoreError::DiskFull
    } else {
        StoreError::Io(e.to_string())
    }
}

/// An open ledger file (or an in-memory one for tests and benchmarks).
pub struct Store {
    /// The window's checkpoints, on their own thread (see [`Store::checkpoint_in_background`]).
    /// Declared first: it must close before `conn`, whose close makes the last checkpoint.
    checkpointer: Option<checkpoint::Checkpointer>,
    conn: Connection,
    path: Option<PathBuf>,
    /// Where the pre-migration copy went, if this open migrated an older file.
    backup: Option<PathBuf>,
    /// Stamps `created_at`/`updated_at`; injected so tests are repeatable.
    clock: Box<dyn Fn() -> chrono::NaiveDateTime + Send>,
    integrity: Integrity,
    /// The busy handler's limit and the window's notifier (see [`Store::set_busy_notifier`]).
    busy: std::sync::Arc<busy::Busy>,
    /// Writes committed through this store: with `PRAGMA data_version` (other connections'
    /// commits) it tells whether the ledger changed since a [`ChangeMark`].
    commits: u64,
    /// Why writes are refused, when the file may only be read (see [`Store::is_read_only`]).
    read_only: Option<ReadOnlyReason>,
}

/// The ledger's state at one moment, to ask later whether anything was written since
/// (see [`Store::write_planned`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeMark {
    data_version: i64,
    commits: u64,
}

/// Whether the file's pages have been checked (see [`Store::open_check_later`]).
pub(crate) enum Integrity {
    Verified,
    Pending(std::thread::JoinHandle<std::result::Result<(), String>>),
    Damaged(String),
    /// Opened for reading only, unchecked: every write is refused.
    ReadOnly,
}

impl Store {
    /// Opens `path`, creating a new ledger when nothing is there. An existing file is only
    /// written once it is known to be a healthy Zhaoshang ledger this build understands; in
    /// every other case the error says why and the file keeps every byte.
    pub fn open(path: &Path) -> std::result::Result<Store, OpenError> {
        open::open(path)
    }

    /// Opens `path` like [`Store::open`], but checks a current ledger's pages on a thread of its
    /// own, so a large ledger is on screen at once. Writes wait for that check and are refused
    /// if it found damage; [`Store::integrity_problem`] tells the UI without waiting.
    pub fn open_check_later(path: &Path) -> std::result::Result<Store, OpenError> {
        open::open_check_later(path)
    }

    /// Moves this ledger's WAL checkpoints off the writing thread: a commit no longer copies
    /// the log back into the file when the log is full, a thread of its own does, so the
    /// window's edits stay within a frame. Nothing for a store in memory or one that only reads.
    pub fn checkpoint_in_background(&mut self) -> Result<()> {
        let reads_only = self.read_only.is_some()
            || matches!(self.integrity, Integrity::ReadOnly)
            || self.conn.is_readonly(rusqlite::MAIN_DB)?;
        if self.checkpointer.is_some() || reads_only {
            return Ok(());
        }
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            self.checkpointer = Some(checkpoint::Checkpointer::start(&mut self.conn, &path)?);
        }
        Ok(())
    }

    /// Whether [`Store::checkpoint_in_background`] took effect.
    pub fn checkpoints_in_background(&self) -> bool {
        self.checkpointer.is_some()
    }

    /// Opens a current ledger for a command that only reads (a report, a list): no page check,
    /// so it answers at once; writes are refused. See [`Store::open`] for what is refused.
    pub fn open_to_read(path: &Path) -> std::result::Result<Store, OpenError> {
        open::open_to_read(path)
    }

    /// The file a worker thread may open a second, read-only connection to with
    /// [`Store::open_reader`]; `None` for a ledger in memory or read from a copy.
    pub fn shared_file(&self) -> Option<&Path> {
        if self.read_only.is_some() {
            return None;
        }
        self.path.as_deref()
    }

    /// A worker's read-only connection to a ledger this process has open (see
    /// [`Store::shared_file`]): nothing is created, checked or migrated.
    pub fn open_reader(path: &Path) -> Result<Store> {
        Ok(open::open_reader(path)?)
    }

    /// The damage the background check found, once it has finished; never blocks.
    pub fn integrity_problem(&mut self) -> Option<&str> {
        if let Integrity::Pending(handle) = &self.integrity
            && handle.is_finished()
        {
            self.settle_integrity();
        }
        match &self.integrity {
            Integrity::Damaged(detail) => Some(detail),
            _ => None,
        }
    }

    /// Whether a write would have to wait for the page check still running on its thread (a
    /// file opened with [`Store::open_check_later`]): at 1,000,000 projects it reads for many
    /// seconds, and the window's first edit must not wait for it on the window's thread.
    pub fn integrity_pending(&self) -> bool {
        matches!(&self.integrity, Integrity::Pending(handle) if !handle.is_finished())
    }

    /// Tests only: the page check is held until `release` says go (or its sender goes, or a
    /// minute passes, so a test of a thread that waits for it fails instead of hanging), so a
    /// test can write while it runs, whatever the machine's speed.
    #[doc(hidden)]
    pub fn hold_integrity_check_for_tests(&mut self, release: std::sync::mpsc::Receiver<()>) {
        self.integrity = Integrity::Pending(std::thread::spawn(move || {
            let _ = release.recv_timeout(std::time::Duration::from_secs(60));
            Ok(())
        }));
    }

    /// Waits for a pending check; Err if the file is damaged.
    fn ensure_intact(&mut self) -> Result<()> {
        self.settle_integrity();
        match &self.integrity {
            Integrity::Damaged(detail) => Err(StoreError::Damaged(detail.clone())),
            Integrity::ReadOnly => Err(StoreError::ReadOnly),
            _ => Ok(()),
        }
    }

    fn settle_integrity(&mut self) {
        if matches!(self.integrity, Integrity::Pending(_)) {
            let Integrity::Pending(handle) =
                std::mem::replace(&mut self.integrity, Integrity::Verified)
            else {
                return;
            };
            self.integrity = match handle.join() {
                Ok(Ok(())) => Integrity::Verified,
                Ok(Err(detail)) => Integrity::Damaged(detail),
                Err(_) => Integrity::Damaged("integrity check failed to run".into()),
            };
        }
    }

    /// From now on, records the text of every statement the store runs, with its parameters
    /// filled in. For benchmarks, which replay the same SQL in the sqlite3 shell to compare.
    pub fn capture_statements(&mut self) -> Result<std::sync::Arc<std::sync::Mutex<Vec<String>>>> {
        use rusqlite::trace::{TraceEvent, TraceEventCodes};
        let statements = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = statements.clone();
        self.conn.trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |event: TraceEvent<'_>| {
                if let TraceEvent::Stmt(stmt, _) = event
                    && let Some(sql) = stmt.expanded_sql()
                    && let Ok(mut list) = sink.lock()
                {
                    list.push(sql);
                }
            }),
        )?;
        Ok(statements)
    }

    /// A fresh, empty ledger in memory.
    pub fn in_memory() -> std::result::Result<Store, OpenError> {
        open::in_memory()
    }

    /// Replaces the wall clock used for record stamps.
    pub fn set_clock(&mut self, clock: impl Fn() -> chrono::NaiveDateTime + Send + 'static) {
        self.clock = Box::new(clock);
    }

    fn now_stamp(&self) -> String {
        (self.clock)().format("%Y-%m-%dT%H:%M:%S%.3f").to_string()
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The copy made before this open migrated the file, if it did.
    pub fn migration_backup(&self) -> Option<&Path> {
        self.backup.as_deref()
    }

    pub fn schema_version(&self) -> Result<i32> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs `f` inside one read transaction, so every query it makes sees the ledger as it was
    /// when the first one ran, even while another connection writes (a report on a worker
    /// thread while the window keeps editing).
    pub fn read_consistent<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(|e| E::from(e.into()))?;
        let result = f(self);
        // A read transaction has nothing to keep: ending it can only release the snapshot.
        let _ = self.conn.execute_batch("COMMIT");
        result
    }

    /// From now on `notify` hears when a write waits for another program's write lock, every
    /// few tens of milliseconds while it waits, and once when the wait is over. It is called on
    /// the thread that writes (a worker's, for a large write), so the window's notifier should
    /// only set a flag and ask for a repaint.
    pub fn set_busy_notifier(&mut self, notify: impl Fn(BusyWait) + Send + 'static) {
        self.busy.set_notifier(Some(Box::new(notify)));
    }

    /// How long a write waits for another program before it fails with
    /// [`StoreError::Busy`] (default [`DEFAULT_BUSY_LIMIT`]).
    pub fn set_busy_limit(&mut self, limit: std::time::Duration) {
        self.busy.set_limit(limit);
    }

    /// A mark of the ledger as it is now; [`Store::changed_since`] says whether anything was
    /// committed after it, by this store or any other connection or program.
    pub fn change_mark(&self) -> Result<ChangeMark> {
        Ok(ChangeMark {
            data_version: self
                .conn
                .query_row("PRAGMA data_version", [], |r| r.get(0))?,
            commits: self.commits,
        })
    }

    /// Whether a write was committed since `mark` was taken.
    pub fn changed_since(&self, mark: &ChangeMark) -> Result<bool> {
        Ok(self.change_mark()? != *mark)
    }

    /// Caps the ledger file at `pages` pages for this connection (SQLite's `max_page_count`):
    /// past it a write fails as on a full disk. For tests of the full-disk path.
    #[doc(hidden)]
    pub fn limit_pages_for_tests(&self, pages: i64) -> Result<()> {
        self.conn.pragma_update(None, "max_page_count", pages)?;
        Ok(())
    }

    /// Writes a consistent copy of the whole ledger to `target` (Settings → save a copy; 另存为
    /// of a read-only ledger makes a writable one). A copy that fails part-way is removed; a
    /// full disk is [`StoreError::DiskFull`].
    pub fn save_copy(&self, target: &Path) -> Result<()> {
        let existed = target.exists();
        let copied = self
            .conn
            .backup(
                rusqlite::MAIN_DB,
                target,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(StoreError::from)
            .and_then(|()| {
                std::fs::File::open(target)
                    .and_then(|f| f.sync_all())
                    .map_err(io_error)
            });
        if copied.is_err() && !existed {
            let _ = std::fs::remove_file(target);
            let _ = std::fs::remove_file(open::sidecar(target, "-journal"));
        }
        copied.map_err(|e| busy::classify(e, None, self.busy.limit()))?;
        // The copy is a file of its own: it gets a site id of its own for 同步.
        changelog::remint_site(&Connection::open(target)?)
    }
}
