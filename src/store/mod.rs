//! The only place with SQL: opening a ledger file safely, migrations, reads and writes.

mod ledger;
pub mod migrations;
mod open;
mod records;
pub mod search;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use ledger::{DateField, LedgerRow, LedgerTotals, ProjectFilter, SortColumn, SortOrder};
pub use open::OpenError;
pub use records::{DuplicateHint, Write};

/// Errors from reads and writes after a ledger is open.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored value {value:?} in {column} is not valid")]
    BadValue { column: &'static str, value: String },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open ledger file (or an in-memory one for tests and benchmarks).
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Where the pre-migration copy went, if this open migrated an older file.
    backup: Option<PathBuf>,
    /// Stamps `created_at`/`updated_at`; injected so tests are repeatable.
    clock: Box<dyn Fn() -> chrono::NaiveDateTime + Send>,
}

impl Store {
    /// Opens `path`, creating a new ledger when nothing is there. An existing file is only
    /// written once it is known to be a healthy Zhaoshang ledger this build understands; in
    /// every other case the error says why and the file keeps every byte.
    pub fn open(path: &Path) -> std::result::Result<Store, OpenError> {
        open::open(path)
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

    /// Writes a consistent copy of the whole ledger to `target` (Settings → save a copy).
    pub fn save_copy(&self, target: &Path) -> Result<()> {
        self.conn
            .backup(
                rusqlite::MAIN_DB,
                target,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(StoreError::from)
    }
}
