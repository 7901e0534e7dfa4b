//! The monthly review pack written from the window: on a worker thread with its own read-only
//! connection to the ledger file, so the window keeps drawing (and editing) meanwhile.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::target::ElapsedCounting;
use crate::i18n::{Lang, T, open_error_text};
use crate::io::review::{ReviewError, write_pack};
use crate::store::{OpenError, Store};

/// Why a pack written on the worker did not arrive.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("{0}")]
    Open(OpenError),
    #[error("{0}")]
    Review(#[from] ReviewError),
    /// The worker stopped before it said how the pack went (its words: `T::PackStopped`).
    #[error("the pack's worker stopped before it finished")]
    Stopped,
}

impl PackError {
    /// What the user is told, in the UI's language where the error has one.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            PackError::Open(e) => open_error_text(lang, e),
            PackError::Review(e) => e.text(lang),
            PackError::Stopped => lang.t(T::PackStopped).to_string(),
        }
    }
}

/// Writes the pack for `month` from the ledger file `database` to `out`, through a read-only
/// connection of its own (the worker's side of the window's pack job).
pub fn write_pack_from_file(
    database: &Path,
    month: (i32, u32),
    counting: ElapsedCounting,
    today: NaiveDate,
    out: &Path,
) -> Result<Vec<PathBuf>, PackError> {
    let store = Store::open_to_read(database).map_err(PackError::Open)?;
    Ok(write_pack(&store, month, counting, today, out)?)
}
