//! 目标企业's 导入… and 导出…: a file read on a worker, checked against the ledger (links and
//! owners matched by name, duplicates skipped and counted) into a preview; nothing written until
//! 确认, then every new company in ONE undo step through the ledger's funnel. The export writes
//! the companies the list shows (its filter), in the columns the import reads. The command line
//! uses the same functions.

use std::path::{Path, PathBuf};

use super::AppState;
use super::history::Change;
use super::jobs::{Job, Polled};
use crate::domain::target_company::TargetCompany;
use crate::i18n::T;
use crate::io::companies::{
    Catalog, CompanyFileError, CompanyPreview, CompanyRow, LinkName, check, read_rows, row_of,
    write_rows,
};
use crate::io::{ExportError, ReadError};
use crate::store::{self, Store};

/// The company import, while its window is open.
pub enum CompanyImport {
    /// The file is being read on a worker.
    Reading {
        path: PathBuf,
        job: Job<Result<Vec<CompanyRow>, CompanyFileError>>,
    },
    /// Read and checked: what 确认 would write.
    Preview {
        path: PathBuf,
        preview: Box<CompanyPreview>,
    },
}

impl CompanyImport {
    pub fn path(&self) -> &Path {
        match self {
            CompanyImport::Reading { path, .. } | CompanyImport::Preview { path, .. } => path,
        }
    }
}

/// Every link of every chain by its chain's name and its own.
pub fn link_names(store: &Store) -> store::Result<Vec<LinkName>> {
    let mut out = Vec::new();
    for chain in store.chains()? {
        let tree = store.chain_tree(chain.id)?;
        out.extend(tree.nodes.into_iter().map(|n| LinkName {
            id: n.id,
            chain: chain.name.clone(),
            link: n.name,
        }));
    }
    Ok(out)
}

/// A file's rows checked against `store`: its links, officers and companies.
pub fn check_rows(store: &Store, rows: &[CompanyRow]) -> store::Result<CompanyPreview> {
    let links = link_names(store)?;
    let officers = store.officers()?;
    let existing = store.target_companies()?;
    Ok(check(
        rows,
        &Catalog {
            links: &links,
            officers: &officers,
            existing: &existing,
        },
    ))
}

/// The changes that write the preview's new companies: one undo step.
pub fn import_step(preview: &CompanyPreview) -> Vec<Change> {
    (preview.new.iter())
        .map(|(_, c)| Change::TargetCompany {
            id: c.id,
            before: None,
            after: Some(Box::new(c.clone())),
        })
        .collect()
}

/// Why an export was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportFailure {
    #[error("{0}")]
    Read(#[from] store::StoreError),
    #[error("{0}")]
    Write(#[from] ExportError),
}

impl ExportFailure {
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ExportFailure::Read(e) => crate::i18n::store_error_text(lang, e),
            ExportFailure::Write(e) => e.text(lang),
        }
    }
}

/// Writes `companies` to `out` (.xlsx or .csv) in the columns the import reads; how many.
pub fn export_companies(
    store: &Store,
    companies: &[TargetCompany],
    out: &Path,
) -> Result<usize, ExportFailure> {
    let links = link_names(store)?;
    let officers = store.officers()?;
    let rows: Vec<[String; 9]> = (companies.iter())
        .map(|c| {
            let officer = (c.officer)
                .and_then(|id| officers.iter().find(|o| o.id == id))
                .map_or("", |o| o.name.as_str());
            row_of(c, &links, officer)
        })
        .collect();
    Ok(write_rows(out, &rows)?)
}

impl AppState {
    /// 导入…: reads the file on a worker; the preview opens when it is read.
    pub(super) fn start_company_import(&mut self, path: PathBuf) {
        let file = path.clone();
        let job = Job::spawn(self.repaint.clone(), move |_| read_rows(&file));
        self.companies.import = Some(CompanyImport::Reading { path, job });
    }

    pub(super) fn poll_company_import(&mut self) {
        let Some(CompanyImport::Reading { path, job }) = &self.companies.import else {
            return;
        };
        let read = match job.poll() {
            Polled::Running => return,
            Polled::Done(read) => read,
            Polled::Died => Err(CompanyFileError::Read(ReadError::Broken(
                "reader stopped".into(),
            ))),
        };
        let path = path.clone();
        self.companies.import = None;
        let rows = match read {
            Ok(rows) => rows,
            Err(e) => return self.error(e.text(self.lang)),
        };
        match check_rows(self.ledger.store(), &rows) {
            Ok(preview) => {
                self.companies.import = Some(CompanyImport::Preview {
                    path,
                    preview: Box::new(preview),
                })
            }
            Err(e) => self.store_failed(T::ReadFailed, &e),
        }
    }

    /// 确认: every new company of the preview, one undo step.
    pub(super) fn confirm_company_import(&mut self) {
        let Some(CompanyImport::Preview { preview, .. }) = self.companies.import.take() else {
            return;
        };
        if preview.new.is_empty() {
            return;
        }
        if self.edit(import_step(&preview)) {
            self.info(
                self.t(T::CoImported)
                    .replace("{n}", &preview.new.len().to_string())
                    .replace("{dup}", &preview.duplicates.to_string()),
            );
        }
    }

    /// 导出…: the companies the list shows.
    pub(super) fn export_company_list(&mut self, out: PathBuf) {
        if let Err(e) = self.companies.prepare(&self.ledger) {
            return self.store_failed(T::ReadFailed, &e);
        }
        match export_companies(self.ledger.store(), &self.companies.rows, &out) {
            Ok(n) => self.info(
                self.t(T::CoExported)
                    .replace("{n}", &n.to_string())
                    .replace("{path}", &out.display().to_string()),
            ),
            Err(e) => self.error(e.text(self.lang)),
        }
    }
}
