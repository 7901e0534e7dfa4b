//! Errors in words a user understands, each with what to do next: amounts, opening a ledger,
//! reading and writing one, the file system, and 同步.

use super::{Lang, T};
use crate::domain::money::AmountError;
use crate::store::{OpenError, StoreError};
use crate::sync::SyncError;

pub fn amount_error_text(lang: Lang, e: &AmountError) -> String {
    match e {
        AmountError::Empty => lang.t(T::ErrAmountEmpty).to_string(),
        AmountError::NotANumber(text) => lang.t(T::ErrAmountNotNumber).replace("{text}", text),
        AmountError::Negative => lang.t(T::ErrAmountNegative).to_string(),
        AmountError::FractionalUnit => lang.t(T::ErrAmountFraction).to_string(),
        AmountError::TooLarge => lang.t(T::ErrAmountTooLarge).to_string(),
    }
}

/// Where the user reads a message, and so what they can do next: in the window (Settings) or
/// at the command line (`--db`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Window,
    CommandLine,
}

/// Why a ledger file could not be opened, naming it, and what the user can do next in the
/// window.
pub fn open_error_text(lang: Lang, e: &OpenError) -> String {
    open_error_text_at(lang, e, Place::Window)
}

/// Why a ledger file could not be opened, naming it, and what the user can do next where they
/// read it (the window's Settings, or the command line's `--db`).
pub fn open_error_text_at(lang: Lang, e: &OpenError, place: Place) -> String {
    let next = lang.t(match place {
        Place::Window => T::OpenNextWindow,
        Place::CommandLine => T::OpenNextCli,
    });
    let what = match e {
        OpenError::EmptyFile { .. } => lang.t(T::OpenEmptyFile).to_string(),
        OpenError::NotADatabase { .. } => lang.t(T::OpenNotADatabase).to_string(),
        OpenError::Truncated {
            expected, actual, ..
        } => lang
            .t(T::OpenTruncated)
            .replace("{expected}", &expected.to_string())
            .replace("{actual}", &actual.to_string()),
        OpenError::Damaged { detail, .. } => lang.t(T::OpenDamaged).replace("{detail}", detail),
        OpenError::NotOurs { .. } => lang.t(T::OpenNotOurs).to_string(),
        OpenError::TooNew {
            found, supported, ..
        } => lang
            .t(T::OpenTooNew)
            .replace("{found}", &found.to_string())
            .replace("{supported}", &supported.to_string()),
        OpenError::DiskFull { .. } => lang.t(T::OpenDiskFull).to_string(),
        OpenError::Io { source, .. } => lang.t(T::OpenIo).replace("{e}", &source.to_string()),
        OpenError::Sqlite { source, .. } => {
            lang.t(T::OpenSqlite).replace("{e}", &source.to_string())
        }
    };
    lang.t(T::OpenRefused)
        .replace("{path}", &e.path().display().to_string())
        .replace("{what}", &what)
        .replace("{next}", next)
}

/// What went wrong in a read or write of an open ledger, in words a user understands, and what
/// to do next. For notices and the command line, instead of the error's own (English) text.
pub fn store_error_text(lang: Lang, e: &StoreError) -> String {
    use rusqlite::ErrorCode;
    let detail = |d: &str| lang.t(T::StoreOther).replace("{detail}", d);
    match e {
        StoreError::Busy { waited } => lang
            .t(T::StoreBusyWaited)
            .replace("{secs}", &waited.as_secs().to_string()),
        StoreError::DiskFull => lang.t(T::StoreDiskFull).to_string(),
        StoreError::Cancelled => lang.t(T::StoreCancelled).to_string(),
        StoreError::Io(detail) => lang.t(T::StoreIo).replace("{detail}", detail),
        StoreError::ReadOnly => lang.t(T::StoreOpenedToRead).to_string(),
        StoreError::Damaged(d) => lang.t(T::StoreDamaged).replace("{detail}", d),
        StoreError::BadValue { column, value } => lang
            .t(T::StoreBadValue)
            .replace("{column}", column)
            .replace("{value}", value),
        StoreError::Sqlite(source) => match source.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                lang.t(T::StoreBusy).to_string()
            }
            Some(ErrorCode::DiskFull) => lang.t(T::StoreDiskFull).to_string(),
            Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
                lang.t(T::StoreReadOnlyFile).to_string()
            }
            Some(ErrorCode::SystemIoFailure | ErrorCode::CannotOpen) => {
                lang.t(T::StoreIo).replace("{detail}", &source.to_string())
            }
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => lang
                .t(T::StoreDamaged)
                .replace("{detail}", &source.to_string()),
            _ => detail(&source.to_string()),
        },
    }
}

/// A file system error in words (the folder does not exist, no permission, the disk is full …).
pub fn io_error_text(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let key = match e.kind() {
        ErrorKind::NotFound => T::IoNotFound,
        ErrorKind::PermissionDenied => T::IoDenied,
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => T::IoFull,
        ErrorKind::ReadOnlyFilesystem => T::IoReadOnly,
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => T::IoInUse,
        _ => T::IoOther,
    };
    lang.t(key).replace("{e}", &e.to_string())
}

/// A refused or failed 同步 step in words, with what to do next.
pub fn sync_error_text(lang: Lang, e: &SyncError) -> String {
    let text = |key: T| lang.t(key).to_string();
    let fill = |key: T, pairs: &[(&str, String)]| {
        pairs
            .iter()
            .fold(lang.t(key).to_string(), |s, (k, v)| s.replace(k, v))
    };
    match e {
        SyncError::NotABundle => text(T::SyncErrNotABundle),
        SyncError::Truncated => text(T::SyncErrTruncated),
        SyncError::Tampered => text(T::SyncErrTampered),
        SyncError::Damaged(d) => fill(T::SyncErrDamaged, &[("{detail}", d.to_string())]),
        SyncError::NewerFormat { found, supported } => fill(
            T::SyncErrNewerFormat,
            &[
                ("{found}", found.to_string()),
                ("{supported}", supported.to_string()),
            ],
        ),
        SyncError::NewerSchema { found, supported } => fill(
            T::SyncErrNewerSchema,
            &[
                ("{found}", found.to_string()),
                ("{supported}", supported.to_string()),
            ],
        ),
        SyncError::NeedsPassphrase => text(T::SyncErrNeedsPassphrase),
        SyncError::WrongPassphrase => text(T::SyncErrWrongPassphrase),
        SyncError::Fork { site, seq } => fill(
            T::SyncErrFork,
            &[("{site}", site.to_string()), ("{seq}", seq.to_string())],
        ),
        SyncError::Gap { site, first, have } => fill(
            T::SyncErrGap,
            &[
                ("{site}", site.to_string()),
                ("{first}", first.to_string()),
                ("{have}", have.to_string()),
            ],
        ),
        SyncError::NoConflict(id) => fill(T::SyncErrNoConflict, &[("{id}", id.to_string())]),
        SyncError::NoReceipt(id) => fill(T::SyncErrNoReceipt, &[("{id}", id.to_string())]),
        SyncError::NoProject(id) => fill(T::SyncErrNoProject, &[("{id}", id.to_string())]),
        // The file system's and the store's own words, not their English `Display`.
        SyncError::Io(err) => io_error_text(lang, err),
        SyncError::Store(err) => store_error_text(lang, err),
    }
}
