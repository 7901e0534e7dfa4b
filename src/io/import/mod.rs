//! Turning a ledger's rows into projects: every cell parsed or refused with its row, column and
//! reason, 合计 rows checked against the rows above, duplicates found against the ledger. Pure:
//! what the store holds arrives as an [`Existing`] snapshot, and nothing is written here.

//!
//! The parts: [`issue`] (what is wrong, in words), [`parse`] (cell values), [`row`] (one row
//! read on its own), [`check`] (rows settled in order: 合计, teams, duplicates), [`stream`]
//! (files read and checked) and [`merge`] (an update).

mod check;
mod issue;
mod merge;
mod parse;
mod row;
mod seen;
mod stream;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::NaiveDate;
use uuid::Uuid;

use super::header::{Field, Layout, find_layout};
use super::sheet::{ReadError, Workbook};
use crate::domain::checks::AmountBound;
use crate::domain::packed::PackedProject;
use crate::domain::{Officer, Project, RateTable, Team};
use crate::i18n::{Lang, T};

pub use issue::{Issue, IssueKind, date_problem_text};
pub use merge::merge;
pub use parse::{parse_currency, parse_day_text, parse_stage};
pub use stream::{check_rows, read_and_check};

/// How far a background import has come, and whether the user asked it to stop.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
    pub cancel: AtomicBool,
}

impl Progress {
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// 0.0 ..= 1.0, or `None` while the file is still being read.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| self.done.load(Ordering::Relaxed) as f32 / total as f32)
    }
}

/// What the ledger already holds, read once before the rows are checked.
#[derive(Debug, Clone, Default)]
pub struct Existing {
    /// Every live project, by what a row is matched on.
    pub projects: Vec<ExistingProject>,
    pub teams: Vec<Team>,
    pub officers: Vec<Officer>,
    pub industries: Vec<String>,
    /// Today, for dates of steps taken that lie ahead; `None` leaves that check out.
    pub today: Option<NaiveDate>,
    /// Above this, one project's 总投资 is warned about.
    pub amount_bound: AmountBound,
    /// For that bound: foreign money in CNY.
    pub rates: RateTable,
}

/// What a row of a file is matched on against a project already in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExistingProject {
    pub id: Uuid,
    /// 统一社会信用代码, normalised, or empty.
    pub credit_code: String,
    pub company: String,
    pub name: String,
}

impl From<(Uuid, String, String, String)> for ExistingProject {
    /// From the store's (id, credit code, company, name).
    fn from((id, credit_code, company, name): (Uuid, String, String, String)) -> Self {
        ExistingProject {
            id,
            credit_code,
            company,
            name,
        }
    }
}

/// What to do with a row that matches a project already in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DuplicatePolicy {
    #[default]
    Skip,
    /// Fill the existing project with the row's non-empty cells.
    Update,
    /// Import the row as a project of its own.
    New,
}

impl DuplicatePolicy {
    pub const ALL: [DuplicatePolicy; 3] = [
        DuplicatePolicy::Skip,
        DuplicatePolicy::Update,
        DuplicatePolicy::New,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            DuplicatePolicy::Skip => T::ImpDupSkip,
            DuplicatePolicy::Update => T::ImpDupUpdate,
            DuplicatePolicy::New => T::ImpDupNew,
        })
    }
}

/// A project the file matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The ledger's project, or for a row that repeats an earlier row of the same file, the
    /// id that row's project is given.
    pub id: Uuid,
    pub name: String,
    /// The earlier row's number when the match is in the same file, not in the ledger.
    pub in_file: Option<usize>,
}

/// A row that can be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    pub row: usize,
    /// The row's project, packed: a 1,000,000-row preview held 672 MB of `Project`s, and a
    /// large import's write takes them as they are ([`ImportRow::project`] unpacks one).
    pub packed: PackedProject,
    /// Fields with a value in this row: an update copies only these.
    pub present: Vec<Field>,
    pub duplicate: Option<Duplicate>,
    /// What to do with this duplicate when it differs from the choice for all of them.
    pub choice: Option<DuplicatePolicy>,
}

impl ImportRow {
    /// The row's project.
    pub fn project(&self) -> Project {
        self.packed.unpack()
    }

    /// What confirming does with this row under `policy` (the choice for all duplicates).
    pub fn outcome(&self, policy: DuplicatePolicy) -> DuplicatePolicy {
        match self.duplicate {
            Some(_) => self.choice.unwrap_or(policy),
            None => DuplicatePolicy::New,
        }
    }
}

/// Everything the preview shows before anything is written.
#[derive(Debug, Clone, Default)]
pub struct ImportPreview {
    pub sheet: String,
    pub sheets: Vec<String>,
    pub detected: Option<String>,
    pub layout: Option<Layout>,
    /// The header's row number as the spreadsheet shows it.
    pub header_row: usize,
    pub rows: Vec<ImportRow>,
    pub issues: Vec<Issue>,
    /// Rows with at least one error: not imported.
    pub bad_rows: usize,
    pub blank_rows: usize,
    pub total_rows: usize,
    pub new_teams: Vec<Team>,
    pub new_officers: Vec<Officer>,
    pub new_industries: Vec<String>,
}

impl ImportPreview {
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.kind.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| !i.kind.is_error())
    }

    pub fn error_count(&self) -> usize {
        self.errors().count()
    }

    /// Rows that match a project in the ledger or an earlier row of the file.
    pub fn duplicate_count(&self) -> usize {
        self.rows.iter().filter(|r| r.duplicate.is_some()).count()
    }

    /// Rows that repeat an earlier row of the same file.
    pub fn file_duplicate_count(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.duplicate.as_ref().is_some_and(|d| d.in_file.is_some()))
            .count()
    }

    /// Sheet rows with errors, ascending.
    pub fn error_rows(&self) -> Vec<usize> {
        let mut rows: Vec<usize> = self.errors().map(|i| i.row).collect();
        rows.dedup();
        rows
    }
}

/// No header row was found.
pub fn no_header_text(lang: Lang) -> &'static str {
    lang.t(T::ImpNoHeader)
}

/// Reads the header of `book`, applies a remembered mapping, and checks every row.
pub fn preview(
    book: &Workbook,
    remembered: Option<&str>,
    existing: &Existing,
    progress: &Progress,
) -> Result<ImportPreview, PreviewError> {
    let mut layout = find_layout(&book.grid).ok_or(PreviewError::NoHeader)?;
    if let Some(value) = remembered {
        layout.apply_mapping(value);
    }
    check_rows(book, layout, existing, progress)
}

/// Why no preview could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PreviewError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("no header row")]
    NoHeader,
}

impl PreviewError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            PreviewError::Read(e) => e.text(lang),
            PreviewError::NoHeader => no_header_text(lang).to_string(),
        }
    }
}
