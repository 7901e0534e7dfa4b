//! Ledgers that may only be read — a read-only file, folder or mount, and the backups made
//! before a migration — and the backups of an open ledger, restored as a copy beside it.
//!
//! A read-only ledger is copied into memory (and migrated there if it is older), so the file
//! keeps every byte; every write is refused with [`StoreError::ReadOnly`], and
//! [`Store::save_copy`] makes a writable copy.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::open::{OpenError, sidecar};
use super::{Integrity, Store, StoreError};

/// Why a ledger was opened for reading only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// The file is marked read-only, or this user may not write it.
    File,
    /// The folder cannot be written: SQLite needs its journal files beside the ledger.
    Folder,
    /// The disk or share is mounted read-only.
    Mount,
    /// A `NAME.vN-….bak` copy made before a migration: it is never changed.
    Backup,
    /// Opened by a command that only reads (a report).
    Command,
}

/// Whether `path` looks like a backup made before a migration: `NAME.vN-YYYYMMDD-HHMMSS.bak`.
pub fn is_backup_name(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let Some(stem) = name.strip_suffix(".bak") else {
        return false;
    };
    let Some((_, tag)) = stem.rsplit_once(".v") else {
        return false;
    };
    let mut parts = tag.splitn(2, '-');
    let version_ok = parts
        .next()
        .is_some_and(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()));
    version_ok && parts.next().is_some_and(|s| s.len() == 15)
}

fn is_read_only_fs(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::ReadOnlyFilesystem || e.raw_os_error() == Some(30)
}

/// Why `path` (an existing file) must be opened for reading only, if it must.
pub(super) fn reason(path: &Path) -> Option<ReadOnlyReason> {
    if is_backup_name(path) {
        return Some(ReadOnlyReason::Backup);
    }
    let marked = fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
    match fs::OpenOptions::new().append(true).open(path) {
        Err(e) if is_read_only_fs(&e) => return Some(ReadOnlyReason::Mount),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            return Some(ReadOnlyReason::File);
        }
        _ if marked => return Some(ReadOnlyReason::File),
        _ => {}
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let folder_marked = fs::metadata(folder).is_ok_and(|m| m.permissions().readonly());
    let probe = sidecar(path, &format!(".probe-{}", std::process::id()));
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = fs::remove_file(&probe);
            folder_marked.then_some(ReadOnlyReason::Folder)
        }
        Err(e) if is_read_only_fs(&e) => Some(ReadOnlyReason::Mount),
        // Already there (another open's probe) says nothing; anything else: not writable.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
        Err(_) => Some(ReadOnlyReason::Folder),
    }
}

/// Opens `path` for reading only: its pages copied into memory, migrated there if older.
pub(super) fn open(path: &Path, why: ReadOnlyReason) -> Result<Store, OpenError> {
    let sql = |source| OpenError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let file = super::open::open_read_only(path).map_err(sql)?;
    let mut memory = Connection::open_in_memory().map_err(sql)?;
    {
        let copy = rusqlite::backup::Backup::new(&file, &mut memory).map_err(sql)?;
        copy.run_to_completion(256, std::time::Duration::ZERO, None)
            .map_err(sql)?;
    }
    drop(file);
    let mut store = super::open::finish_in_memory(memory).map_err(sql)?;
    store.path = Some(path.to_path_buf());
    store.integrity = Integrity::ReadOnly;
    store.read_only = Some(why);
    Ok(store)
}

/// A backup of a ledger: where it is, and the schema version and time in its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub version: i32,
    /// `YYYYMMDD-HHMMSS`, local time, as in the name.
    pub stamp: String,
}

impl Store {
    /// Why this ledger takes no writes, if it takes none: the window shows it (只读) and offers
    /// 另存为 ([`Store::save_copy`]).
    pub fn is_read_only(&self) -> Option<ReadOnlyReason> {
        match (&self.read_only, &self.integrity) {
            (Some(why), _) => Some(*why),
            (None, Integrity::ReadOnly) => Some(ReadOnlyReason::Command),
            _ => None,
        }
    }

    /// The backups made before migrations of this ledger, newest first.
    pub fn backups(&self) -> Vec<Backup> {
        self.path().map(backups_of).unwrap_or_default()
    }
}

/// The backups beside `ledger` (`LEDGER.vN-YYYYMMDD-HHMMSS.bak`), newest first.
pub fn backups_of(ledger: &Path) -> Vec<Backup> {
    let (Some(name), Some(folder)) = (ledger.file_name(), ledger.parent()) else {
        return Vec::new();
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let prefix = format!("{}.v", name.to_string_lossy());
    let mut found: Vec<Backup> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let file = entry.file_name().to_string_lossy().into_owned();
            let tag = file.strip_prefix(&prefix)?.strip_suffix(".bak")?;
            let (version, stamp) = tag.split_once('-')?;
            Some(Backup {
                path: entry.path(),
                version: version.parse().ok()?,
                stamp: stamp.to_string(),
            })
        })
        .collect();
    found.sort_by(|a, b| b.stamp.cmp(&a.stamp).then(b.version.cmp(&a.version)));
    found
}

/// Restores `backup` as a new ledger beside it, `NAME-恢复-YYYYMMDD-HHMMSS.db`, brought to this
/// version's schema; neither the backup nor the ledger is changed. Returns the new file, which
/// [`Store::open`] then opens.
pub fn restore_backup(backup: &Path) -> Result<PathBuf, OpenError> {
    let source = open(backup, ReadOnlyReason::Backup)?;
    // `NAME.vN-….bak`: the ledger's name is what comes before the last ".v" (a name may hold
    // ".v" itself, as in "zone.v2.db").
    let file_name = backup.file_name().unwrap_or_default().to_string_lossy();
    let ledger_name = file_name
        .rsplit_once(".v")
        .map_or("ledger", |(name, _)| name)
        .to_string();
    let stem = Path::new(&ledger_name)
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut target = backup.with_file_name(format!("{stem}-恢复-{stamp}.db"));
    let mut n = 2;
    while target.exists() {
        target = backup.with_file_name(format!("{stem}-恢复-{stamp}-{n}.db"));
        n += 1;
    }
    source.save_copy(&target).map_err(|e| match e {
        StoreError::DiskFull => OpenError::DiskFull {
            path: target.clone(),
        },
        other => OpenError::Io {
            path: target.clone(),
            source: std::io::Error::other(other.to_string()),
        },
    })?;
    Ok(target)
}
