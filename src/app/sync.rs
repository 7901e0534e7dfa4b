//! The 同步 screen's read model (sites heard from with 数据截至, 合并记录, the 冲突 list, the
//! navigation's badge) and its actions: export a bundle, open one for a preview that writes
//! nothing, confirm the merge as one undo step, settle a conflict (mine, theirs or an edited
//! value), fold or dismiss a possible 撞单 kept from a merge.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::Value;
use uuid::Uuid;

use super::jobs::{AfterWrite, Job, Polled, StoreWork};
use super::{AppState, Freshness, Ledger};
use crate::i18n::{T, open_error_text, sync_error_text};
use crate::store::changelog::hlc_time;
use crate::store::{self, MergeReport, OpenError, Receipt, SiteRow, Store, Write};
use crate::sync::value::{FieldKind, field_kind};
use crate::sync::{
    self, Bundle, Choice, DataAsOf, Manifest, PossibleDuplicate, Preview, SyncError,
};

/// Ledger setting: the team passphrase bundles are encrypted with ("" or unset: none). It is
/// not one of the settings that travel in a bundle.
pub const PASSPHRASE_KEY: &str = "sync_passphrase";
pub use crate::sync::{DEFAULT_STALE_DAYS, STALE_DAYS_KEY};

#[derive(Debug, Clone)]
pub enum SyncAction {
    /// Write a bundle of everything this file holds to the path.
    Export(PathBuf),
    /// Read and check a bundle, and show what merging it would do; nothing is written.
    OpenBundle(PathBuf),
    /// Merge the previewed bundle (one undo step).
    ConfirmMerge,
    CancelMerge,
    /// Settle a conflict with this file's value or the other's (one undo step).
    Resolve {
        id: i64,
        theirs: bool,
    },
    /// Settle a conflict with an edited value, already read by `sync::value::parse_value`
    /// (one undo step; the choice travels like mine and theirs).
    ResolveWith {
        id: i64,
        value: Value,
    },
    /// 撞单: fold the project `fold` into `keep` (one undo step).
    Fold {
        keep: String,
        fold: String,
    },
    /// 撞单: 不是同一项目 — keep both, no longer listed (one undo step).
    Dismiss {
        incoming: String,
        existing: String,
    },
    SetPassphrase(String),
    /// After how many days an officer's 数据截至 is marked (a setting that travels; one
    /// undo step).
    SetStaleDays(i64),
}

/// One site heard from, as the screen shows it.
#[derive(Debug, Clone)]
pub struct SiteLine {
    pub row: SiteRow,
    /// The newest change of that site this file holds.
    pub data_as_of: Option<NaiveDate>,
    /// Older than the setting (never for this file's own site).
    pub old: bool,
}

/// One conflicting field: this file's version against the other's.
#[derive(Debug, Clone)]
pub struct ConflictLine {
    pub id: i64,
    /// The project's name, or the table and row for other records.
    pub record: String,
    pub field: String,
    pub mine: String,
    pub theirs: String,
    pub theirs_who: String,
    pub theirs_when: String,
    pub mine_who: String,
    pub mine_when: String,
    /// The editor that fits the field (`Fixed`: mine or theirs only).
    pub kind: FieldKind,
    /// This file's value as stored, where an edit starts from.
    pub mine_value: Value,
    pub theirs_value: Value,
}

/// A bundle read and previewed, waiting for 确认合并.
pub struct PendingMerge {
    pub path: PathBuf,
    pub bundle: Bundle,
    pub preview: Preview,
}

/// Why a bundle read on a worker failed: its own connection to the ledger, or the bundle.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error(transparent)]
    Open(OpenError),
    #[error(transparent)]
    Sync(#[from] SyncError),
}

/// A bundle being written or read and previewed on a worker, with its own read-only
/// connection to the ledger file: the window keeps answering meanwhile.
pub enum SyncWork {
    Export {
        path: PathBuf,
        job: Job<Result<Manifest, WorkerError>>,
    },
    Preview {
        path: PathBuf,
        job: Job<Result<(Box<Bundle>, Preview), WorkerError>>,
    },
}

impl SyncWork {
    pub fn path(&self) -> &Path {
        match self {
            SyncWork::Export { path, .. } | SyncWork::Preview { path, .. } => path,
        }
    }

    pub fn is_export(&self) -> bool {
        matches!(self, SyncWork::Export { .. })
    }
}

#[derive(Default)]
pub struct SyncModel {
    sites: Vec<SiteLine>,
    receipts: Vec<Receipt>,
    conflicts: Vec<ConflictLine>,
    open_conflicts: i64,
    stale_days: i64,
    /// 数据截至 per officer heard from (the dashboard's section; kept with the badge).
    as_of: Vec<DataAsOf>,
    today: Option<NaiveDate>,
    fresh: Freshness,
    badge: Freshness,
    /// The preview window's bundle, while one is open.
    pub pending: Option<PendingMerge>,
    /// An export or a preview on a worker, while one runs.
    pub working: Option<SyncWork>,
    /// The possible 撞单 kept from merges, still to fold or dismiss (both projects live).
    duplicates: Vec<PossibleDuplicate>,
}

impl SyncModel {
    /// The navigation's badge: cheap when nothing changed.
    pub fn prepare_badge(&mut self, ledger: &Ledger, today: NaiveDate) -> store::Result<()> {
        if self.badge.is_stale(ledger.data_version()) || self.today != Some(today) {
            self.badge.built(ledger.data_version());
            self.today = Some(today);
            let store = ledger.store();
            self.open_conflicts = store.sync_conflict_count()?;
            self.stale_days = sync::stale_days(store)?;
            self.as_of = sync::data_as_of(store, today)?;
        }
        Ok(())
    }

    /// 数据截至 per officer heard from, this file's own first.
    pub fn data_as_of(&self) -> &[DataAsOf] {
        &self.as_of
    }

    pub fn prepare(&mut self, ledger: &Ledger, today: NaiveDate) -> store::Result<()> {
        if !self.fresh.is_stale(ledger.data_version()) {
            return Ok(());
        }
        self.fresh.built(ledger.data_version());
        let store = ledger.store();
        self.stale_days = sync::stale_days(store)?;
        let rows = store.sync_sites()?;
        let as_of = sync::data_as_of(store, today)?;
        self.sites = rows
            .iter()
            .zip(as_of)
            .map(|(row, a)| SiteLine {
                row: row.clone(),
                data_as_of: a.as_of,
                old: a.is_old(today, self.stale_days),
            })
            .collect();
        self.receipts = store.sync_receipts()?;
        let store_error = |e| match e {
            SyncError::Store(e) => e,
            other => store::StoreError::Damaged(other.to_string()),
        };
        self.duplicates = sync::duplicates(store).map_err(store_error)?;
        self.conflicts = sync::conflicts(store)
            .map_err(store_error)?
            .iter()
            .map(|c| conflict_line(ledger, &rows, c))
            .collect();
        Ok(())
    }

    pub fn sites(&self) -> &[SiteLine] {
        &self.sites
    }

    pub fn receipts(&self) -> &[Receipt] {
        &self.receipts
    }

    /// The possible 撞单 still to settle (kept in the file: they outlive the session).
    pub fn duplicates(&self) -> &[PossibleDuplicate] {
        &self.duplicates
    }

    pub fn conflicts(&self) -> &[ConflictLine] {
        &self.conflicts
    }

    pub fn stale_days(&self) -> i64 {
        self.stale_days
    }

    /// How many fields are in conflict (the navigation's badge).
    pub fn open_conflicts(&self) -> i64 {
        self.open_conflicts
    }
}

fn conflict_line(ledger: &Ledger, sites: &[SiteRow], c: &store::ConflictRow) -> ConflictLine {
    let record = match Uuid::parse_str(&c.row) {
        Ok(id) if c.table == "projects" => ledger
            .store()
            .project(id)
            .ok()
            .flatten()
            .map(|p| p.name)
            .unwrap_or_else(|| c.row.clone()),
        _ => format!("{} {}", c.table, c.row),
    };
    let head = |i: usize| c.heads.get(i);
    let value = |i: usize| match head(i).map(|h| &h.value) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    };
    let who = |i: usize| {
        head(i)
            .map(|h| officer_name(ledger, sites, &h.officer))
            .unwrap_or_default()
    };
    let when = |i: usize| {
        head(i)
            .and_then(|h| hlc_time(h.clock))
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    };
    let currency = (c.field == "amount")
        .then(|| ledger.store().sync_row(&c.table, &c.row).ok().flatten())
        .flatten()
        .and_then(|f| f.get("currency").and_then(Value::as_str).map(str::to_owned));
    ConflictLine {
        kind: field_kind(&c.table, &c.field, currency.as_deref()),
        mine_value: head(c.mine).map(|h| h.value.clone()).unwrap_or_default(),
        theirs_value: head(c.theirs).map(|h| h.value.clone()).unwrap_or_default(),
        id: c.id,
        record,
        field: c.field.clone(),
        mine: value(c.mine),
        theirs: value(c.theirs),
        theirs_who: who(c.theirs),
        theirs_when: when(c.theirs),
        mine_who: who(c.mine),
        mine_when: when(c.mine),
    }
}

/// An officer's name from the catalogue, else as a site called them, else the id.
fn officer_name(ledger: &Ledger, sites: &[SiteRow], officer: &str) -> String {
    let known = Uuid::parse_str(officer)
        .ok()
        .map(|id| ledger.officer_name(Some(id)))
        .filter(|n| !n.is_empty());
    if let Some(name) = known {
        return name.to_owned();
    }
    sites
        .iter()
        .find(|s| s.officer == officer && !s.officer_name.is_empty())
        .map(|s| s.officer_name.clone())
        .unwrap_or_else(|| officer.to_owned())
}

impl AppState {
    pub(super) fn apply_sync(&mut self, action: SyncAction) {
        match action {
            SyncAction::Export(path) => self.export_bundle(path),
            SyncAction::OpenBundle(path) => self.open_bundle(path),
            SyncAction::ConfirmMerge => self.confirm_merge(),
            SyncAction::CancelMerge => self.sync.pending = None,
            SyncAction::Resolve { id, theirs } => {
                let choice = if theirs { Choice::Theirs } else { Choice::Mine };
                if let Err(e) = self.ledger.resolve_conflict(id, choice) {
                    self.sync_failed(&e);
                }
            }
            SyncAction::ResolveWith { id, value } => {
                if let Err(e) = self.ledger.resolve_conflict(id, Choice::Value(value)) {
                    self.sync_failed(&e);
                }
            }
            SyncAction::Fold { keep, fold } => {
                if let Err(e) = self.ledger.fold_project(&keep, &fold) {
                    self.sync_failed(&e);
                }
            }
            SyncAction::Dismiss { incoming, existing } => {
                if let Err(e) = self.ledger.dismiss_duplicate(&incoming, &existing) {
                    self.sync_failed(&e);
                }
            }
            SyncAction::SetStaleDays(days) => self.set_stale_days(days),
            SyncAction::SetPassphrase(text) => {
                let write = if text.is_empty() {
                    Write::ClearSetting(PASSPHRASE_KEY.into())
                } else {
                    Write::SetSetting(PASSPHRASE_KEY.into(), text)
                };
                if let Err(e) = self.ledger.write(&[write]) {
                    self.store_failed(T::SaveFailed, &e);
                }
            }
        }
    }

    fn set_stale_days(&mut self, days: i64) {
        let before = match self.ledger.store().setting(STALE_DAYS_KEY) {
            Ok(value) => value.unwrap_or_default(),
            Err(e) => return self.store_failed(T::ReadFailed, &e),
        };
        let after = days.max(0).to_string();
        if before != after {
            self.edit(vec![super::history::Change::Setting {
                key: STALE_DAYS_KEY.into(),
                before,
                after,
            }]);
        }
    }

    /// The team passphrase set for this ledger, if any.
    pub fn sync_passphrase(&self) -> Option<String> {
        self.ledger
            .store()
            .setting(PASSPHRASE_KEY)
            .ok()
            .flatten()
            .filter(|p| !p.is_empty())
    }

    /// Tells the user a 同步 step failed, and why (the ledger is as it was).
    pub(super) fn sync_failed(&mut self, e: &SyncError) {
        self.error(format!(
            "{}: {}",
            self.t(T::SyncFailed),
            sync_error_text(self.lang, e)
        ));
    }

    fn export_bundle(&mut self, path: PathBuf) {
        if self.sync.working.is_some() {
            return;
        }
        let passphrase = self.sync_passphrase();
        let Some(database) = self.ledger.path().map(Path::to_path_buf) else {
            // An in-memory ledger (tests) has no file for a worker to read: here.
            let written = self.ledger.export_bundle(&path, passphrase.as_deref());
            return self.exported(&path, written.map_err(WorkerError::from), false);
        };
        let out = path.clone();
        let job = Job::spawn(self.repaint.clone(), move |_| {
            let store = Store::open_to_read(&database).map_err(WorkerError::Open)?;
            let (bytes, manifest) = sync::bundle_bytes(&store, None, passphrase.as_deref())?;
            sync::write_bundle_file(&out, &bytes)?;
            Ok(manifest)
        });
        self.sync.working = Some(SyncWork::Export { path, job });
    }

    /// Says how an export ended; one written on a worker is noted here as sent.
    fn exported(&mut self, path: &Path, written: Result<Manifest, WorkerError>, note: bool) {
        let noted = written.and_then(|manifest| {
            if note {
                let store = self.ledger.store_mut();
                store
                    .sync_note_sent(None, &manifest.bundle_id)
                    .map_err(SyncError::from)?;
                self.ledger.reload().map_err(SyncError::from)?;
            }
            Ok(manifest)
        });
        match noted {
            Ok(_) => {
                let text = self
                    .t(T::SyncExported)
                    .replace("{path}", &path.display().to_string());
                self.info(text);
            }
            Err(e) => self.worker_failed(&e),
        }
    }

    fn worker_failed(&mut self, e: &WorkerError) {
        match e {
            WorkerError::Open(e) => self.error(open_error_text(self.lang, e)),
            WorkerError::Sync(e) => self.sync_failed(e),
        }
    }

    fn open_bundle(&mut self, path: PathBuf) {
        if self.sync.working.is_some() {
            return;
        }
        self.sync.pending = None;
        self.screen = super::Screen::Sync;
        let passphrase = self.sync_passphrase();
        let Some(database) = self.ledger.path().map(Path::to_path_buf) else {
            let read = sync::read_bundle_file(&path, passphrase.as_deref()).and_then(|bundle| {
                let preview = self.ledger.preview_bundle(&bundle)?;
                Ok((Box::new(bundle), preview))
            });
            return self.previewed(path, read.map_err(WorkerError::from));
        };
        let file = path.clone();
        let job = Job::spawn(self.repaint.clone(), move |_| {
            let bundle = sync::read_bundle_file(&file, passphrase.as_deref())?;
            let mut store = Store::open_to_read(&database).map_err(WorkerError::Open)?;
            let preview = sync::preview(&mut store, &bundle)?;
            Ok((Box::new(bundle), preview))
        });
        self.sync.working = Some(SyncWork::Preview { path, job });
    }

    fn previewed(&mut self, path: PathBuf, read: Result<(Box<Bundle>, Preview), WorkerError>) {
        match read {
            Ok((bundle, preview)) => {
                self.sync.pending = Some(PendingMerge {
                    path,
                    bundle: *bundle,
                    preview,
                });
            }
            Err(e) => self.worker_failed(&e),
        }
    }

    /// Takes an export's or a preview's answer once its worker is done (and the store is
    /// here to note an export as sent).
    pub(super) fn poll_sync(&mut self) {
        if self.jobs.store.is_some() {
            return;
        }
        let Some(work) = self.sync.working.take() else {
            return;
        };
        match work {
            SyncWork::Export { path, job } => match job.poll() {
                Polled::Running => self.sync.working = Some(SyncWork::Export { path, job }),
                Polled::Done(written) => self.exported(&path, written, true),
                Polled::Died => self.error(self.t(T::SyncFailed).into()),
            },
            SyncWork::Preview { path, job } => match job.poll() {
                Polled::Running => self.sync.working = Some(SyncWork::Preview { path, job }),
                Polled::Done(read) => self.previewed(path, read),
                Polled::Died => self.error(self.t(T::SyncFailed).into()),
            },
        }
    }

    /// Merges the previewed bundle on a worker with the store (one transaction, one 撤销
    /// step); the window keeps drawing and says so meanwhile.
    fn confirm_merge(&mut self) {
        let Some(pending) = self.sync.pending.take() else {
            return;
        };
        let work = StoreWork::Merge(Box::new(pending.bundle));
        self.write_step(work, AfterWrite::Merge, true);
    }

    /// Says what a merge brought, once it has landed.
    pub(super) fn merge_done(&mut self, report: &MergeReport) {
        if report.receipt.is_none() {
            return self.info(self.t(T::SyncNothingNew).into());
        }
        let text = self
            .t(T::SyncMerged)
            .replace("{entries}", &report.entries.to_string());
        self.info(text);
    }
}
