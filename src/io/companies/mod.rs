//! 招商目标企业库 in and out of a sheet (.xlsx, .xls, .ods or .csv through the common readers
//! and their damaged-file guard): one row a company — 企业名称, 统一社会信用代码, 所在城市,
//! 产业链环节, 优先级, 链主, 负责人, 联系状态, 备注. Reading gives the rows as written; [`check`]
//! matches them to the ledger's links, officers and companies. Nothing a file holds can panic.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use super::ExportError;
use super::export::neutralise;
use super::sheet::{ReadError, read_file};
use crate::domain::target_company::TargetCompany;
use crate::i18n::{Lang, T};

mod check;
pub use check::{Catalog, CompanyPreview, LinkName, RowError, RowProblem, check, link_text};

/// The headers, in the order a written file has them.
pub const HEADERS: [&str; 9] = [
    "企业名称",
    "统一社会信用代码",
    "所在城市",
    "产业链环节",
    "优先级",
    "链主",
    "负责人",
    "联系状态",
    "备注",
];

/// Which column a header cell names (its place in [`HEADERS`]), other names included.
fn header_index(cell: &str) -> Option<usize> {
    let cell: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    Some(match cell.as_str() {
        "企业名称" | "企业" | "名称" | "目标企业" | "公司名称" | "企业全称" => {
            0
        }
        "统一社会信用代码" | "信用代码" | "社会信用代码" => 1,
        "所在城市" | "城市" | "所在地" | "地区" | "所在地区" => 2,
        "产业链环节" | "环节" | "适配环节" | "链/环节" | "所属环节" => 3,
        "优先级" | "等级" | "级别" => 4,
        "链主" | "是否链主" | "链主企业" => 5,
        "负责人" | "对接人" | "责任人" | "招商负责人" => 6,
        "联系状态" | "状态" | "对接状态" | "接触状态" => 7,
        "备注" | "说明" => 8,
        _ => return None,
    })
}

/// One company row as the file writes it, cells trimmed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyRow {
    /// The row's number as the spreadsheet shows it.
    pub line: usize,
    /// The cells in [`HEADERS`] order ("" for a column the file lacks).
    pub cells: [String; 9],
}

/// Why a company file was not read.
#[derive(Debug, thiserror::Error)]
pub enum CompanyFileError {
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error("no header")]
    NoHeader,
    #[error("no company rows")]
    Empty,
}

impl CompanyFileError {
    /// What went wrong and what to do, in the user's language.
    pub fn text(&self, lang: Lang) -> String {
        let headers = HEADERS.join("、");
        match self {
            CompanyFileError::Read(e) => e.text(lang),
            CompanyFileError::NoHeader => lang.t(T::CoFileNoHeader).replace("{headers}", &headers),
            CompanyFileError::Empty => lang.t(T::CoFileEmpty).replace("{headers}", &headers),
        }
    }
}

/// The company rows of a file: the first row (of the first 20) naming 企业名称 is the header;
/// the rows below it are companies, blank ones skipped.
pub fn read_rows(path: &Path) -> Result<Vec<CompanyRow>, CompanyFileError> {
    let book = read_file(path, None)?;
    let grid = &book.grid;
    let header_row = (0..grid.height().min(20))
        .find(|&r| (0..grid.width()).any(|c| header_index(&grid.cell(r, c).to_text()) == Some(0)));
    let Some(header_row) = header_row else {
        return Err(CompanyFileError::NoHeader);
    };
    let mut columns: [Option<usize>; 9] = [None; 9];
    for c in 0..grid.width() {
        if let Some(i) = header_index(&grid.cell(header_row, c).to_text()) {
            columns[i].get_or_insert(c);
        }
    }
    let mut rows = Vec::new();
    for r in header_row + 1..grid.height() {
        let cells = columns.map(|column| {
            column
                .map(|c| unneutralise(grid.cell(r, c).to_text().trim()))
                .unwrap_or_default()
        });
        if cells.iter().any(|t| !t.is_empty()) {
            rows.push(CompanyRow {
                line: grid.sheet_row(r),
                cells,
            });
        }
    }
    if rows.is_empty() {
        return Err(CompanyFileError::Empty);
    }
    Ok(rows)
}

/// A cell as written before [`neutralise`] guarded it: a CSV this program wrote reads back
/// the same.
fn unneutralise(text: &str) -> String {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
        _ => text.to_owned(),
    }
}

/// The cells a company is written as, in [`HEADERS`] order: its links as "链/环节" joined by
/// "、", its owner by name, its contact status in Chinese (the file reads back the same).
pub fn row_of(c: &TargetCompany, links: &[LinkName], officer: &str) -> [String; 9] {
    let link_names: Vec<String> = (c.links.iter())
        .filter_map(|id| links.iter().find(|l| l.id == *id))
        .map(link_text)
        .collect();
    [
        c.name.clone(),
        c.credit_code.clone(),
        c.city.clone(),
        link_names.join("、"),
        c.priority.code().to_owned(),
        if c.chain_leader { "是" } else { "" }.to_owned(),
        officer.to_owned(),
        Lang::Zh.contact_label(c.contact).to_owned(),
        c.notes.clone(),
    ]
}

/// Writes `rows` (from [`row_of`]) to `path`: .xlsx, or .csv (UTF-8 with a BOM) by the
/// extension. How many were written.
pub fn write_rows(path: &Path, rows: &[[String; 9]]) -> Result<usize, ExportError> {
    let failed = |detail: String| ExportError::Write {
        path: path.display().to_string(),
        detail,
    };
    let extension = (path.extension())
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "xlsx" => write_xlsx(path, rows).map_err(|e| failed(e.to_string()))?,
        "csv" => {
            let bytes = csv_bytes(rows).map_err(|e| failed(e.to_string()))?;
            std::fs::write(path, bytes).map_err(|e| failed(e.to_string()))?;
        }
        other => return Err(ExportError::Kind(other.to_owned())),
    }
    Ok(rows.len())
}

fn write_xlsx(path: &Path, rows: &[[String; 9]]) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("目标企业")?;
    let bold = Format::new().set_bold();
    const WIDTHS: [f64; 9] = [30.0, 22.0, 12.0, 36.0, 8.0, 6.0, 10.0, 10.0, 30.0];
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        sheet.set_column_width(c as u16, WIDTHS[c])?;
    }
    for (i, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(i as u32 + 1, c as u16, text.as_str())?;
        }
    }
    book.save(path)
}

fn csv_bytes(rows: &[[String; 9]]) -> Result<Vec<u8>, csv::Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(HEADERS)?;
        for row in rows {
            writer.write_record(row.iter().map(|t| neutralise(t).into_owned()))?;
        }
        writer.flush()?;
    }
    Ok(out)
}
