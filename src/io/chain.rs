//! A chain in and out of .xlsx (or any sheet the importer reads): one row a link — 链, 环节,
//! 上级环节, 段 (上游/中游/下游), 关键环节. A file with any bad row is refused whole, with every
//! bad row's line and reason; nothing a file holds can panic.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::sheet::{ReadError, read_file};
use crate::domain::chain::rows::{
    LinkRow, ParsedChain, RowError, RowProblem, chains_from_rows, rows_of,
};
use crate::domain::chain::{Chain, ChainNode};
use crate::i18n::{Lang, T};

/// The headers, in the order a written file has them.
pub const HEADERS: [&str; 5] = ["链", "环节", "上级环节", "段", "关键环节"];

/// Other names a header cell may have.
fn header_index(cell: &str) -> Option<usize> {
    let cell = cell.trim();
    match cell {
        "链" | "产业链" | "链名" => Some(0),
        "环节" | "环节名称" | "产业链环节" => Some(1),
        "上级环节" | "上级" | "父环节" => Some(2),
        "关键环节" | "关键" => Some(4),
        _ if cell.starts_with('段') || cell.starts_with("所属段") => Some(3),
        _ => None,
    }
}

/// Why a chain file was not read or written.
#[derive(Debug, thiserror::Error)]
pub enum ChainFileError {
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error("no header {0}")]
    NoHeader(&'static str),
    #[error("no link rows")]
    Empty,
    #[error("{} bad rows", .0.len())]
    BadRows(Vec<RowError>),
    #[error("chain {0} exists")]
    Exists(String),
    #[error("cannot write: {0}")]
    Write(#[from] XlsxError),
}

impl ChainFileError {
    /// What went wrong and what to do, in the user's language.
    pub fn text(&self, lang: Lang) -> String {
        let headers = HEADERS.join("、");
        match self {
            ChainFileError::Read(e) => e.text(lang),
            ChainFileError::NoHeader(h) => lang
                .t(T::ChainFileNoHeader)
                .replace("{header}", h)
                .replace("{headers}", &headers),
            ChainFileError::Empty => lang.t(T::ChainFileEmpty).replace("{headers}", &headers),
            ChainFileError::BadRows(rows) => {
                let mut lines = vec![
                    lang.t(T::ChainBadRows)
                        .replace("{n}", &rows.len().to_string()),
                ];
                lines.extend(rows.iter().take(50).map(|e| row_error_text(lang, e)));
                lines.join("\n")
            }
            ChainFileError::Exists(name) => lang.t(T::ChainExists).replace("{name}", name),
            ChainFileError::Write(e) => lang
                .t(T::ChainFileWriteFailed)
                .replace("{error}", &e.to_string()),
        }
    }
}

/// "第 3 行：段“左游”不是上游、中游、下游之一".
pub fn row_error_text(lang: Lang, e: &RowError) -> String {
    let (key, text) = match &e.problem {
        RowProblem::NoChain => (T::ChainRowNoChain, ""),
        RowProblem::NoLink => (T::ChainRowNoLink, ""),
        RowProblem::BadSegment(t) => (T::ChainRowBadSegment, t.as_str()),
        RowProblem::NoSegment => (T::ChainRowNoSegment, ""),
        RowProblem::BadKey(t) => (T::ChainRowBadKey, t.as_str()),
        RowProblem::Duplicate(t) => (T::ChainRowDuplicate, t.as_str()),
        RowProblem::NoParent(t) => (T::ChainRowNoParent, t.as_str()),
        RowProblem::TooDeep(t) => (T::ChainRowTooDeep, t.as_str()),
        RowProblem::SegmentMismatch => (T::ChainRowSegmentMismatch, ""),
        RowProblem::OwnParent => (T::ChainRowOwnParent, ""),
    };
    let problem = lang
        .t(key)
        .replace("{text}", text)
        .replace("{names}", "上游、中游、下游")
        .replace("{yes}", "是");
    lang.t(T::ChainRowLine)
        .replace("{line}", &e.line.to_string())
        .replace("{problem}", &problem)
}

/// The link rows of a file: the first row naming 链 and 环节 is the header; the rows below it
/// are links, blank ones skipped.
pub fn read_rows(path: &Path) -> Result<Vec<LinkRow>, ChainFileError> {
    let book = read_file(path, None)?;
    let grid = &book.grid;
    let header_row = (0..grid.height().min(20)).find(|&r| {
        let found: Vec<usize> = (0..grid.width())
            .filter_map(|c| header_index(&grid.cell(r, c).to_text()))
            .collect();
        found.contains(&0) && found.contains(&1)
    });
    let Some(header_row) = header_row else {
        let missing = if (0..grid.height().min(20))
            .any(|r| (0..grid.width()).any(|c| header_index(&grid.cell(r, c).to_text()) == Some(0)))
        {
            HEADERS[1]
        } else {
            HEADERS[0]
        };
        return Err(ChainFileError::NoHeader(missing));
    };
    let mut columns: [Option<usize>; 5] = [None; 5];
    for c in 0..grid.width() {
        if let Some(i) = header_index(&grid.cell(header_row, c).to_text()) {
            columns[i].get_or_insert(c);
        }
    }
    let cell = |r: usize, i: usize| {
        columns[i]
            .map(|c| grid.cell(r, c).to_text().trim().to_owned())
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    for r in header_row + 1..grid.height() {
        let row = LinkRow {
            line: grid.sheet_row(r),
            chain: cell(r, 0),
            link: cell(r, 1),
            parent: cell(r, 2),
            segment: cell(r, 3),
            key: cell(r, 4),
        };
        let blank = [&row.chain, &row.link, &row.parent, &row.segment, &row.key]
            .iter()
            .all(|t| t.is_empty());
        if !blank {
            rows.push(row);
        }
    }
    if rows.is_empty() {
        return Err(ChainFileError::Empty);
    }
    Ok(rows)
}

/// The chains a file makes, refused whole when any row is bad or a chain of the same name is
/// in the ledger (`existing`).
pub fn read_chains(path: &Path, existing: &[Chain]) -> Result<Vec<ParsedChain>, ChainFileError> {
    let rows = read_rows(path)?;
    let (chains, errors) = chains_from_rows(&rows);
    if !errors.is_empty() {
        return Err(ChainFileError::BadRows(errors));
    }
    if let Some(c) = chains
        .iter()
        .find(|c| existing.iter().any(|e| e.name == c.chain.name))
    {
        return Err(ChainFileError::Exists(c.chain.name.clone()));
    }
    Ok(chains)
}

/// Writes a chain's links to an .xlsx file, one row a link, parents before their sub-links.
pub fn write_chain(
    path: &Path,
    chain: &Chain,
    nodes: &[ChainNode],
) -> Result<usize, ChainFileError> {
    let rows = rows_of(chain, nodes);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(safe_sheet_name(&chain.name))?;
    let bold = Format::new().set_bold();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        sheet.set_column_width(c as u16, if c < 3 { 20 } else { 10 })?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let cells = [&row.chain, &row.link, &row.parent, &row.segment, &row.key];
        for (c, text) in cells.iter().enumerate() {
            sheet.write_string(r, c as u16, text.as_str())?;
        }
    }
    book.save(path)?;
    Ok(rows.len())
}

/// A sheet name Excel accepts: at most 31 characters, none of []:*?/\.
fn safe_sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    let cleaned = cleaned.trim_matches('\'').trim().to_owned();
    if cleaned.is_empty() {
        "产业链".into()
    } else {
        cleaned
    }
}
