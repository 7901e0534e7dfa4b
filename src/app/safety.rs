//! The window's side of "nothing lost": a scratch ledger after a refused file (said until it
//! is fixed), ledgers opened for reading only (a backup, a read-only file), the backups beside
//! a ledger and their restoring as copies, and the flag that says a write waits its turn.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use super::jobs::Repaint;
use super::{AppState, Notice, NoticeKind, Screen};
use crate::i18n::{Lang, T, open_error_text};
use crate::store::{self, BusyWait, OpenError, ReadOnlyReason, Store};

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

/// A ledger open for reading only (a backup, a read-only file, folder or mount): the store
/// reads it from a copy in memory, so the file keeps every byte; every write is refused.
#[derive(Debug)]
pub struct ReadOnlyView {
    /// The file the user opened.
    pub source: PathBuf,
    pub reason: ReadOnlyReason,
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

/// A ledger file opened by the window.
pub enum Opened {
    Writable(Store),
    ReadOnly(Store, ReadOnlyView),
}

/// Opens `path` as the window does: a backup, or a file, folder or mount that cannot be
/// written, for reading only (the store decides, see [`Store::is_read_only`]); any other
/// ledger for writing.
pub fn open_for_window(path: &Path) -> Result<Opened, OpenError> {
    let store = Store::open_check_later(path)?;
    Ok(match store.is_read_only() {
        Some(reason) => Opened::ReadOnly(
            store,
            ReadOnlyView {
                source: path.to_path_buf(),
                reason,
            },
        ),
        None => Opened::Writable(store),
    })
}

/// The backups beside `ledger` (the store finds them), newest first, as Settings lists them.
pub fn backups_of(ledger: &Path) -> Vec<BackupFile> {
    store::backups_of(ledger)
        .into_iter()
        .map(|backup| {
            let name = backup
                .path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let size = fs::metadata(&backup.path).map(|m| m.len()).unwrap_or(0);
            let date = chrono::NaiveDateTime::parse_from_str(&backup.stamp, "%Y%m%d-%H%M%S")
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or(backup.stamp);
            BackupFile {
                path: backup.path,
                name,
                date,
                size,
            }
        })
        .collect()
}

impl AppState {
    /// The window's state for the ledger at `path`, as the window starts: opened for writing,
    /// for reading only, or — when the file is refused — a scratch ledger that says so.
    pub fn for_window(path: &Path, today: NaiveDate, lang: Lang) -> Result<AppState, OpenError> {
        AppState::for_window_on(path, today, lang, Screen::default(), false)
    }

    /// [`AppState::for_window`] on `screen`, its figures made on workers from the first frame
    /// when `background_reads` (as the window runs).
    pub fn for_window_on(
        path: &Path,
        today: NaiveDate,
        lang: Lang,
        screen: Screen,
        background_reads: bool,
    ) -> Result<AppState, OpenError> {
        let start = (screen, background_reads);
        match open_for_window(path) {
            Ok(opened) => Ok(AppState::opened(opened, today, lang, start)),
            Err(e) => {
                let mut state = AppState::refused(path, &e, today, lang)?;
                (state.screen, state.background_reads) = start;
                Ok(state)
            }
        }
    }

    fn opened(
        opened: Opened,
        today: NaiveDate,
        lang: Lang,
        (screen, background): (Screen, bool),
    ) -> AppState {
        match opened {
            Opened::Writable(store) => AppState::starting(store, today, lang, screen, background),
            Opened::ReadOnly(store, view) => {
                let mut state = AppState::starting(store, today, lang, screen, background);
                state.show_first_run = false;
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
                let (repaint, background_reads) = (self.repaint.take(), self.background_reads);
                let migrated = match &opened {
                    Opened::Writable(store) => store.migration_backup().map(Path::to_path_buf),
                    Opened::ReadOnly(..) => None,
                };
                let start = (Screen::default(), background_reads);
                *self = AppState::opened(opened, self.today, self.lang, start);
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

    /// Restores `backup` as a copy beside it (brought to this version's schema; the backup is
    /// only read), and opens the copy.
    pub(super) fn restore_backup(&mut self, backup: PathBuf) {
        let copy = match store::restore_backup(&backup) {
            Ok(copy) => copy,
            Err(e) => {
                let text = self
                    .t(T::RestoreFailed)
                    .replace("{backup}", &backup.display().to_string())
                    .replace("{e}", &open_error_text(self.lang, &e));
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
