//! The window's side of "nothing lost": a scratch ledger after a refused file (said until it
//! is fixed), ledgers opened for reading only (a backup, a read-only file), the backups beside
//! a ledger and their restoring as copies, and the flag that says a write waits its turn.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use super::jobs::Repaint;
use super::{AppState, Notice, NoticeKind};
use crate::i18n::{Lang, T, io_error_text, open_error_text};
use crate::store::{BusyWait, OpenError, Store};

/// The window runs on a ledger kept only in memory because the file it was asked to open was
/// refused: everything typed now is lost at exit, and the top bar says so until another file
/// is open.
#[derive(Debug, Clone)]
pub struct Scratch {
    /// Why the file was refused, in words (the notice's text, kept after it is dismissed).
    pub reason: String,
    pub refused: PathBuf,
    /// The newest backup beside the refused file, if there is one.
    pub backup: Option<PathBuf>,
}

/// A ledger open for reading only: the window reads a private snapshot of `source` (so a
/// backup or a read-only file is never changed, not even migrated); every write is refused.
#[derive(Debug)]
pub struct ReadOnlyView {
    /// The file the user opened.
    pub source: PathBuf,
    /// The folder holding the snapshot, removed when the view goes.
    folder: PathBuf,
}

impl Drop for ReadOnlyView {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.folder);
    }
}

/// A backup beside a ledger: `NAME.vN-YYYYMMDD-HHMMSS.bak`, made before a migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub name: String,
    /// When it was last written, local time, "YYYY-MM-DD HH:MM".
    pub date: String,
    pub size: u64,
}

/// Whether a write is waiting for another program's write lock; set by the store's busy
/// notifier on the writing thread, read by the top bar.
#[derive(Default)]
pub struct BusyFlag {
    waiting: AtomicBool,
    /// Seconds waited so far.
    waited: AtomicU64,
    repaint: Mutex<Option<Repaint>>,
}

impl BusyFlag {
    pub fn is_waiting(&self) -> bool {
        self.waiting.load(Ordering::SeqCst)
    }

    pub fn waited_secs(&self) -> u64 {
        self.waited.load(Ordering::SeqCst)
    }

    fn heard(&self, wait: BusyWait) {
        match wait {
            BusyWait::Waiting { waited, .. } => {
                self.waited.store(waited.as_secs(), Ordering::SeqCst);
                self.waiting.store(true, Ordering::SeqCst);
            }
            BusyWait::Over => self.waiting.store(false, Ordering::SeqCst),
        }
        if let Ok(slot) = self.repaint.lock()
            && let Some(repaint) = slot.as_ref()
        {
            repaint();
        }
    }

    pub(super) fn set_repaint(&self, repaint: Option<Repaint>) {
        if let Ok(mut slot) = self.repaint.lock() {
            *slot = repaint;
        }
    }
}

/// Makes `store` tell `flag` when its writes wait for another program.
pub(super) fn watch_busy(store: &mut Store, flag: &Arc<BusyFlag>) {
    let flag = flag.clone();
    store.set_busy_notifier(move |wait| flag.heard(wait));
}

/// A file the window opens for reading only: a backup (`.bak`) or a file it may not write.
pub fn opens_read_only(path: &Path) -> bool {
    let backup = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("bak"));
    let unwritable = fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
    backup || unwritable
}

/// Whether an open failed only because the file or its folder cannot be written.
fn refused_for_writing(e: &OpenError) -> bool {
    match e {
        OpenError::Io { source, .. } => matches!(
            source.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ),
        OpenError::Sqlite { source, .. } => matches!(
            source.sqlite_error_code(),
            Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::PermissionDenied)
        ),
        _ => false,
    }
}

/// A ledger file opened by the window.
pub enum Opened {
    Writable(Store),
    ReadOnly(Store, ReadOnlyView),
}

/// Opens `path` as the window does: a backup or unwritable file for reading only, any other
/// ledger for writing (falling back to reading only when writing is what was refused).
pub fn open_for_window(path: &Path) -> Result<Opened, OpenError> {
    if opens_read_only(path) {
        return open_snapshot(path);
    }
    match Store::open_check_later(path) {
        Ok(store) => Ok(Opened::Writable(store)),
        Err(e) if refused_for_writing(&e) && path.is_file() => open_snapshot(path),
        Err(e) => Err(e),
    }
}

static SNAPSHOTS: AtomicU64 = AtomicU64::new(0);

/// Copies `path` (and its WAL) to a private folder and opens the copy for reading.
fn open_snapshot(path: &Path) -> Result<Opened, OpenError> {
    let io = |source| OpenError::Io {
        path: path.to_path_buf(),
        source,
    };
    let n = SNAPSHOTS.fetch_add(1, Ordering::SeqCst);
    let folder = std::env::temp_dir().join(format!("zhaoshang-read-{}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&folder);
    fs::create_dir_all(&folder).map_err(io)?;
    let view = ReadOnlyView {
        source: path.to_path_buf(),
        folder: folder.clone(),
    };
    let name = path.file_name().unwrap_or_default();
    let snapshot = folder.join(name).with_extension("db");
    fs::copy(path, &snapshot).map_err(io)?;
    let wal = sidecar(path, "-wal");
    if wal.is_file() {
        fs::copy(&wal, sidecar(&snapshot, "-wal")).map_err(io)?;
    }
    // Opening the snapshot may migrate it: that is the snapshot, never the user's file.
    let store = Store::open_to_read(&snapshot).map_err(|e| match e {
        OpenError::Io { source, .. } => io(source),
        other => other,
    })?;
    Ok(Opened::ReadOnly(store, view))
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The backups beside `ledger`, newest first.
pub fn backups_of(ledger: &Path) -> Vec<BackupFile> {
    let (Some(folder), Some(name)) = (ledger.parent(), ledger.file_name()) else {
        return Vec::new();
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let prefix = format!("{}.v", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, BackupFile)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with(&prefix) || !name.ends_with(".bak") {
                return None;
            }
            let meta = entry.metadata().ok().filter(|m| m.is_file())?;
            let modified = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
            let date = chrono::DateTime::<chrono::Local>::from(modified)
                .format("%Y-%m-%d %H:%M")
                .to_string();
            let file = BackupFile {
                path: entry.path(),
                name,
                date,
                size: meta.len(),
            };
            Some((modified, file))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.name.cmp(&a.1.name)));
    found.into_iter().map(|(_, file)| file).collect()
}

/// Copies `backup` beside `ledger` under a new name (`NAME-恢复-YYYYMMDD-HHMMSS.db`, never
/// over an existing file); the backup itself is only read.
pub fn restore_copy(backup: &Path, ledger: &Path) -> std::io::Result<PathBuf> {
    let stem = ledger
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "zhaoshang".into());
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut source = fs::File::open(backup)?;
    for n in 0..100 {
        let name = match n {
            0 => format!("{stem}-恢复-{stamp}.db"),
            n => format!("{stem}-恢复-{stamp}-{n}.db"),
        };
        let target = ledger.with_file_name(name);
        let mut file = match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
        {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let copied = std::io::copy(&mut source, &mut file).and_then(|_| file.sync_all());
        if let Err(e) = copied {
            drop(file);
            let _ = fs::remove_file(&target);
            return Err(e);
        }
        return Ok(target);
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "no free name for the restored copy",
    ))
}

impl AppState {
    /// The window's state for the ledger at `path`, as the window starts: opened for writing,
    /// for reading only, or — when the file is refused — a scratch ledger that says so.
    pub fn for_window(path: &Path, today: NaiveDate, lang: Lang) -> Result<AppState, OpenError> {
        match open_for_window(path) {
            Ok(opened) => Ok(AppState::opened(opened, today, lang)),
            Err(e) => AppState::refused(path, &e, today, lang),
        }
    }

    fn opened(opened: Opened, today: NaiveDate, lang: Lang) -> AppState {
        match opened {
            Opened::Writable(store) => AppState::new(store, today, lang),
            Opened::ReadOnly(store, view) => {
                let mut state = AppState::new(store, today, lang);
                state.show_first_run = false;
                state.backups = backups_of(&view.source);
                state.read_only = Some(view);
                state
            }
        }
    }

    /// A scratch ledger standing in for the refused `path`, saying why until it is fixed.
    pub fn refused(
        path: &Path,
        e: &OpenError,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<AppState, OpenError> {
        let mut state = AppState::new(Store::in_memory()?, today, lang);
        let reason = open_error_text(lang, e);
        state.notice = Some(Notice {
            kind: NoticeKind::Error,
            text: reason.clone(),
        });
        state.show_first_run = false;
        state.backups = backups_of(path);
        state.scratch = Some(Scratch {
            reason,
            refused: path.to_path_buf(),
            backup: state.backups.first().map(|b| b.path.clone()),
        });
        Ok(state)
    }

    /// The ledger file the user knows: the one opened read-only (not its snapshot), the
    /// refused one behind a scratch ledger, or the open file.
    pub fn ledger_file(&self) -> Option<&Path> {
        if let Some(view) = &self.read_only {
            return Some(&view.source);
        }
        if let Some(scratch) = &self.scratch {
            return Some(&scratch.refused);
        }
        self.ledger.path()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Whether a write is waiting for another program (the top bar says so).
    pub fn busy(&self) -> &Arc<BusyFlag> {
        &self.busy
    }

    /// Opens `path` from Settings or the top bar; on refusal the current ledger stays.
    pub(super) fn open_in_window(&mut self, path: &Path) {
        match open_for_window(path) {
            Ok(opened) => {
                let repaint = self.repaint.take();
                let migrated = match &opened {
                    Opened::Writable(store) => store.migration_backup().map(Path::to_path_buf),
                    Opened::ReadOnly(..) => None,
                };
                *self = AppState::opened(opened, self.today, self.lang);
                self.repaint = repaint;
                self.say_opened(migrated);
            }
            Err(e) => self.error(open_error_text(self.lang, &e)),
        }
    }

    pub(super) fn say_opened(&mut self, migrated: Option<PathBuf>) {
        let opened = self
            .ledger_file()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let mut text = format!("{}: {opened}", self.t(T::Opened));
        if let Some(backup) = migrated {
            text.push_str(&format!(
                " ({}: {})",
                self.t(T::BackupMade),
                backup.display()
            ));
        }
        if self.is_read_only() {
            text.push_str(&format!(" — {}", self.t(T::ReadOnlyHint)));
        }
        self.info(text);
    }

    /// Restores `backup` as a copy beside the ledger it belongs to, and opens the copy.
    pub(super) fn restore_backup(&mut self, backup: PathBuf) {
        let ledger = self
            .ledger_file()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| backup.with_extension("db"));
        let copy = match restore_copy(&backup, &ledger) {
            Ok(copy) => copy,
            Err(e) => {
                let text = self
                    .t(T::RestoreFailed)
                    .replace("{backup}", &backup.display().to_string())
                    .replace("{e}", &io_error_text(self.lang, &e));
                return self.error(text);
            }
        };
        self.open_in_window(&copy);
        if self.ledger.path() == Some(copy.as_path()) {
            let text = self
                .t(T::RestoredOpened)
                .replace("{copy}", &copy.display().to_string())
                .replace("{backup}", &backup.display().to_string());
            self.info(text);
        }
    }
}
