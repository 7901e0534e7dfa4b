//! 日程's 导入登记表 and 导出: a register read on a worker, checked against the ledger (names
//! matched, duplicates skipped) into a preview; nothing written until 确认, then every new
//! activity in ONE undo step through the ledger's funnel. The export writes the activities of
//! the days and filter shown. The command line uses the same functions.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::AppState;
use super::history::Change;
use super::jobs::{Job, Polled};
use crate::domain::activity::{Activity, ActivityFilter, ActivityType};
use crate::i18n::T;
use crate::io::activities::{
    Catalog, Register, RegisterError, RegisterNames, RegisterPreview, check, days_covered,
    duplicate_key, export_register, read_register,
};
use crate::store::{self, Store};

/// The register import, while its window is open.
pub enum RegisterImport {
    /// The file is being read on a worker.
    Reading {
        path: PathBuf,
        job: Job<Result<Register, RegisterError>>,
    },
    /// Read and checked: what 确认 would write.
    Preview {
        path: PathBuf,
        preview: Box<RegisterPreview>,
    },
}

impl RegisterImport {
    pub fn path(&self) -> &Path {
        match self {
            RegisterImport::Reading { path, .. } | RegisterImport::Preview { path, .. } => path,
        }
    }
}

/// The register checked against `store`: its officers, the projects it names, and the
/// activities already there on its days.
pub fn check_register(store: &Store, register: Register) -> store::Result<RegisterPreview> {
    let officers = store.officers()?;
    let mut projects: HashMap<String, Vec<Uuid>> = HashMap::new();
    for name in register.rows.iter().flat_map(|r| &r.project_names) {
        if !projects.contains_key(name) {
            let found = store.live_projects_named(name)?;
            projects.insert(name.clone(), found.into_iter().map(|(id, _)| id).collect());
        }
    }
    let mut existing = HashSet::new();
    if let Some((from, to)) = days_covered(&register) {
        let on_days = store.activities(&ActivityFilter {
            from: Some(from),
            to: Some(to),
            ..ActivityFilter::default()
        })?;
        existing.extend(on_days.iter().map(duplicate_key));
    }
    let catalog = Catalog {
        officers: &officers,
        projects: &projects,
        existing: &existing,
    };
    Ok(check(register, &catalog))
}

/// Writes the activities `filter` lets through to `out` as a register; how many.
pub fn export_activities(
    store: &Store,
    filter: &ActivityFilter,
    out: &Path,
) -> Result<usize, ExportFailure> {
    let activities = store.activities(filter)?;
    let types: Vec<ActivityType> = store.activity_types()?;
    let officers: HashMap<Uuid, String> = store
        .officers()?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut projects = HashMap::new();
    for id in activities.iter().flat_map(|a| &a.projects) {
        if !projects.contains_key(id)
            && let Some(p) = store.project(*id)?
        {
            projects.insert(*id, p.name);
        }
    }
    let names = RegisterNames {
        types: &types,
        officers: &officers,
        projects: &projects,
    };
    Ok(export_register(out, &activities, &names)?)
}

/// Why an export was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportFailure {
    #[error("{0}")]
    Read(#[from] store::StoreError),
    #[error("{0}")]
    Write(#[from] crate::io::ExportError),
}

impl ExportFailure {
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ExportFailure::Read(e) => crate::i18n::store_error_text(lang, e),
            ExportFailure::Write(e) => e.text(lang),
        }
    }
}

/// The changes that write `new`: one undo step.
pub fn import_step(new: &[(usize, Activity)]) -> Vec<Change> {
    new.iter()
        .map(|(_, a)| Change::Activity {
            id: a.id,
            before: None,
            after: Some(Box::new(a.clone())),
        })
        .collect()
}

impl AppState {
    /// 导入登记表: reads the file on a worker; the preview opens when it is read.
    pub(super) fn start_register_import(&mut self, path: PathBuf) {
        let types = match self.ledger.store().activity_types() {
            Ok(types) => types,
            Err(e) => return self.store_failed(T::ReadFailed, &e),
        };
        let today = self.today;
        let file = path.clone();
        let job = Job::spawn(self.repaint.clone(), move |_| {
            read_register(&file, &types, today)
        });
        self.agenda.import = Some(RegisterImport::Reading { path, job });
    }

    pub(super) fn poll_register_import(&mut self) {
        let Some(RegisterImport::Reading { path, job }) = &self.agenda.import else {
            return;
        };
        let read = match job.poll() {
            Polled::Running => return,
            Polled::Done(read) => read,
            Polled::Died => Err(RegisterError::NoHeader),
        };
        let path = path.clone();
        self.agenda.import = None;
        let register = match read {
            Ok(register) => register,
            Err(e) => return self.error(e.text(self.lang)),
        };
        match check_register(self.ledger.store(), register) {
            Ok(preview) => {
                self.agenda.import = Some(RegisterImport::Preview {
                    path,
                    preview: Box::new(preview),
                })
            }
            Err(e) => self.store_failed(T::ReadFailed, &e),
        }
    }

    /// 确认: every new activity of the preview, one undo step.
    pub(super) fn confirm_register_import(&mut self) {
        let Some(RegisterImport::Preview { preview, .. }) = self.agenda.import.take() else {
            return;
        };
        if preview.new.is_empty() {
            return;
        }
        let step = import_step(&preview.new);
        if self.edit(step) {
            self.info(
                self.t(T::RegImported)
                    .replace("{n}", &preview.new.len().to_string())
                    .replace("{dup}", &preview.duplicates.to_string()),
            );
        }
    }

    /// 导出: the activities of the days and the filter shown.
    pub(super) fn export_register(&mut self, out: PathBuf) {
        let (from, to) = self.agenda.days(self.today);
        let filter = ActivityFilter {
            from: Some(from),
            to: Some(to),
            team: self.agenda.team,
            officer: self.agenda.officer,
            ..ActivityFilter::default()
        };
        match export_activities(self.ledger.store(), &filter, &out) {
            Ok(n) => self.info(
                self.t(T::RegExported)
                    .replace("{n}", &n.to_string())
                    .replace("{path}", &out.display().to_string()),
            ),
            Err(e) => self.error(e.text(self.lang)),
        }
    }
}
