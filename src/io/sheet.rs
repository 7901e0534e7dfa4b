//! Reading a ledger file of any kind (.xlsx, .xls, .ods, .csv) into a grid of typed cells,
//! without touching the store: CSV encodings and separators are detected, binary junk refused.

use std::io::Cursor;
use std::path::Path;

mod guard;
pub use guard::{MAX_SHEET_ROWS, caught};

use calamine::{Data, Range, Reader};
use chrono::NaiveDate;

/// One cell as the importer sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellRef<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    Date(NaiveDate),
}

impl CellRef<'_> {
    /// True for an empty cell or one holding only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            CellRef::Empty => true,
            CellRef::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: numbers in their shortest exact decimal form, dates as YYYY-MM-DD.
    pub fn to_text(&self) -> String {
        match self {
            CellRef::Empty => String::new(),
            CellRef::Text(t) => t.trim().to_string(),
            CellRef::Number(n) => number_text(*n),
            CellRef::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// `3100.0` → "3100", `0.1` → "0.1": the shortest decimal that reads back as the same float.
pub fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A whole sheet: calamine's range (.xls, .ods), a compact copy of an .xlsx sheet read cell by
/// cell, or CSV rows.
pub enum Grid {
    Sheet(Range<Data>),
    Compact(CompactSheet),
    Text(Vec<TextRow>),
}

/// An .xlsx sheet in 16 bytes a cell: each distinct shared string is stored once, so a
/// 100,000-row ledger takes a fraction of what a `Range<Data>` (a `String` per cell) takes.
pub struct CompactSheet {
    strings: Vec<Box<str>>,
    /// Rows from the first used row; cells from the first used column.
    rows: Vec<Box<[Compact]>>,
    first_row: u32,
    first_col: u32,
    width: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Compact {
    Empty,
    Str(u32),
    Num(f64),
    Date(NaiveDate),
    Bool(bool),
}

/// One CSV row: its cells' text in one exact-size buffer and where each cell ends, so a
/// 100,000-row file costs little more than its own size.
pub struct TextRow {
    text: Box<str>,
    ends: Box<[u32]>,
}

impl TextRow {
    fn from_record(record: &csv::StringRecord) -> Option<TextRow> {
        let mut ends = Vec::with_capacity(record.len());
        let mut end = 0usize;
        for field in record.iter() {
            end += field.len();
            ends.push(u32::try_from(end).ok()?);
        }
        Some(TextRow {
            text: record.as_slice().into(),
            ends: ends.into(),
        })
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, col: usize) -> Option<&str> {
        let end = *self.ends.get(col)? as usize;
        let start = if col == 0 {
            0
        } else {
            *self.ends.get(col - 1)? as usize
        };
        self.text.get(start..end)
    }
}

impl Grid {
    /// A text grid from rows of cells (tests and small tables).
    pub fn from_rows(rows: Vec<Vec<String>>) -> Grid {
        Grid::Text(
            rows.into_iter()
                .filter_map(|r| TextRow::from_record(&csv::StringRecord::from(r)))
                .collect(),
        )
    }
}

impl Grid {
    pub fn height(&self) -> usize {
        match self {
            Grid::Sheet(r) => r.height(),
            Grid::Compact(c) => c.rows.len(),
            Grid::Text(rows) => rows.len(),
        }
    }

    pub fn width(&self) -> usize {
        match self {
            Grid::Sheet(r) => r.width(),
            Grid::Compact(c) => c.width,
            Grid::Text(rows) => rows.iter().map(TextRow::len).max().unwrap_or(0),
        }
    }

    /// Cell `(row, col)`, 0-based from the sheet's first used cell; outside the grid is empty.
    pub fn cell(&self, row: usize, col: usize) -> CellRef<'_> {
        match self {
            Grid::Sheet(r) => match r.get((row, col)) {
                None | Some(Data::Empty) => CellRef::Empty,
                Some(Data::String(s)) => CellRef::Text(s),
                Some(Data::Int(i)) => CellRef::Number(*i as f64),
                Some(Data::Float(f)) => CellRef::Number(*f),
                Some(Data::Bool(b)) => CellRef::Text(if *b { "是" } else { "否" }),
                Some(Data::DateTime(dt)) => {
                    let (y, m, d, ..) = dt.to_ymd_hms_milli();
                    match NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32) {
                        Some(day) if dt.is_datetime() => CellRef::Date(day),
                        _ => CellRef::Number(dt.as_f64()),
                    }
                }
                Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => CellRef::Text(s),
                Some(Data::Error(_)) => CellRef::Text("#ERROR"),
            },
            Grid::Compact(c) => match c.rows.get(row).and_then(|r| r.get(col)) {
                None | Some(Compact::Empty) => CellRef::Empty,
                Some(Compact::Str(i)) => c
                    .strings
                    .get(*i as usize)
                    .map(|s| CellRef::Text(s))
                    .unwrap_or(CellRef::Empty),
                Some(Compact::Num(n)) => CellRef::Number(*n),
                Some(Compact::Date(d)) => CellRef::Date(*d),
                Some(Compact::Bool(b)) => CellRef::Text(if *b { "是" } else { "否" }),
            },
            Grid::Text(rows) => match rows.get(row).and_then(|r| r.get(col)) {
                Some(s) if !s.is_empty() => CellRef::Text(s),
                _ => CellRef::Empty,
            },
        }
    }

    /// The 1-based row number the user sees in the spreadsheet for grid row `row`.
    pub fn sheet_row(&self, row: usize) -> usize {
        match self {
            Grid::Sheet(r) => r.start().map(|(r0, _)| r0 as usize).unwrap_or(0) + row + 1,
            Grid::Compact(c) => c.first_row as usize + row + 1,
            Grid::Text(_) => row + 1,
        }
    }

    /// The column letter the user sees for grid column `col` (A, B, … AA).
    pub fn sheet_column(&self, col: usize) -> String {
        let offset = match self {
            Grid::Sheet(r) => r.start().map(|(_, c0)| c0 as usize).unwrap_or(0),
            Grid::Compact(c) => c.first_col as usize,
            Grid::Text(_) => 0,
        };
        column_letter(offset + col)
    }
}

/// 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(mut col: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push((b'A' + (col % 26) as u8) as char);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// A file that was read, with the sheet chosen and the others it offers.
pub struct Workbook {
    pub grid: Grid,
    pub sheet: String,
    pub sheets: Vec<String>,
    /// For CSV: the encoding and separator found.
    pub detected: Option<String>,
}

/// Why a file could not be read as a ledger.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read the file: {0}")]
    Io(String),
    #[error("the file is empty")]
    Empty,
    #[error("not a spreadsheet: {0}")]
    NotASpreadsheet(String),
    #[error("no sheet named {name}; the file has {available:?}")]
    NoSuchSheet {
        name: String,
        available: Vec<String>,
    },
    #[error("the spreadsheet could not be read: {0}")]
    Broken(String),
    #[error("cancelled")]
    Cancelled,
    /// A size the file declares is more than it can hold or than is read (see `guard`).
    #[error("the spreadsheet declares more than it can hold: {0}")]
    TooLarge(String),
}

impl ReadError {
    /// The message for the user, with what to do next.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        match (lang, self) {
            (Lang::Zh, ReadError::Io(e)) => {
                format!("无法读取文件：{e}。请确认文件存在且未被其他程序占用。")
            }
            (Lang::Zh, ReadError::Empty) => "文件是空的，没有可导入的内容。".into(),
            (Lang::Zh, ReadError::NotASpreadsheet(kind)) => {
                format!("这不是表格文件（{kind}）。请选择 .xlsx、.xls、.ods 或 .csv 格式的台账。")
            }
            (Lang::Zh, ReadError::NoSuchSheet { name, available }) => format!(
                "没有名为“{name}”的工作表。文件中的工作表：{}",
                available.join("、")
            ),
            (Lang::Zh, ReadError::Broken(e)) => {
                format!(
                    "表格文件已损坏或格式不受支持（{e}）。请在 Excel/WPS 中打开后另存为 .xlsx 再试。"
                )
            }
            (Lang::Zh, ReadError::Cancelled) => "已取消导入。".into(),
            (Lang::Zh, ReadError::TooLarge(e)) => format!(
                "表格文件声明的大小超出了它能容纳或本软件读取的范围（{e}），文件可能已损坏或被改动。请在 Excel/WPS 中打开后另存为 .xlsx 再试。"
            ),
            (Lang::En, ReadError::TooLarge(e)) => format!(
                "The spreadsheet declares more than it can hold or than is read ({e}); it may be damaged or tampered with. Open it in Excel/WPS, save as .xlsx and try again."
            ),
            (Lang::En, ReadError::Io(e)) => {
                format!("Cannot read the file: {e}. Check that it exists and is not locked.")
            }
            (Lang::En, ReadError::Empty) => "The file is empty: nothing to import.".into(),
            (Lang::En, ReadError::NotASpreadsheet(kind)) => format!(
                "This is not a spreadsheet ({kind}). Choose an .xlsx, .xls, .ods or .csv ledger."
            ),
            (Lang::En, ReadError::NoSuchSheet { name, available }) => format!(
                "There is no sheet named \"{name}\". The file has: {}",
                available.join(", ")
            ),
            (Lang::En, ReadError::Broken(e)) => format!(
                "The spreadsheet is damaged or not supported ({e}). Open it in Excel/WPS, save as .xlsx and try again."
            ),
            (Lang::En, ReadError::Cancelled) => "Import cancelled.".into(),
        }
    }
}

/// Reads `path`; `sheet` picks a worksheet by name (default: the first with data).
pub fn read_file(path: &Path, sheet: Option<&str>) -> Result<Workbook, ReadError> {
    let bytes = std::fs::read(path).map_err(|e| ReadError::Io(e.to_string()))?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    read_bytes(&bytes, &extension, sheet)
}

/// Reads a file's bytes; `extension` (lower case, no dot) is only a hint: the content decides.
pub fn read_bytes(
    bytes: &[u8],
    extension: &str,
    sheet: Option<&str>,
) -> Result<Workbook, ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if is_zip || is_ole {
        if is_ole {
            guard::check_ole(bytes)?;
        } else {
            guard::check_zip(bytes)?;
        }
        return caught(|| read_workbook(bytes, sheet));
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(ReadError::NotASpreadsheet(kind));
    }
    if matches!(extension, "xlsx" | "xlsm" | "xls" | "ods" | "xlsb") {
        // Named like a workbook, but text: many systems export HTML or CSV as ".xls".
        if looks_like_html(bytes) {
            return Err(ReadError::NotASpreadsheet("HTML".into()));
        }
    }
    if sheet.is_some_and(|s| !s.is_empty()) {
        return Err(ReadError::NoSuchSheet {
            name: sheet.unwrap_or_default().to_string(),
            available: vec!["CSV".into()],
        });
    }
    read_csv(bytes)
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Names what a binary file is, or `None` if it may be text.
fn binary_kind(bytes: &[u8]) -> Option<String> {
    let signatures: [(&[u8], &str); 7] = [
        (b"%PDF", "PDF"),
        (b"\x89PNG", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF8", "GIF"),
        (b"SQLite format 3\0", "SQLite"),
        (b"Rar!", "RAR"),
        (b"\x1F\x8B", "gzip"),
    ];
    for (magic, name) in signatures {
        if bytes.starts_with(magic) {
            return Some(name.to_string());
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    // UTF-16 text has NULs too, but no office saves a ledger that way; call it binary.
    let controls = head
        .iter()
        .filter(|b| **b == 0 || (**b < 0x20 && !matches!(**b, b'\t' | b'\n' | b'\r' | 0x0C)))
        .count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Some("binary".to_string());
    }
    None
}

/// Reads an .xlsx sheet cell by cell into a [`CompactSheet`]; `None` if the file is not an
/// .xlsx calamine can stream (then the general reader takes it).
fn read_xlsx_compact(bytes: &[u8], sheet: Option<&str>) -> Option<Result<Workbook, ReadError>> {
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).ok()?;
    let sheets = book.sheet_names();
    let candidates: Vec<String> = match sheet.filter(|s| !s.is_empty()) {
        Some(name) => {
            let found = sheets.iter().find(|s| s.as_str() == name).or_else(|| {
                sheets
                    .iter()
                    .find(|s| s.trim().eq_ignore_ascii_case(name.trim()))
            });
            match found {
                Some(s) => vec![s.clone()],
                None => {
                    return Some(Err(ReadError::NoSuchSheet {
                        name: name.to_string(),
                        available: sheets,
                    }));
                }
            }
        }
        None => sheets.clone(),
    };
    for name in candidates {
        let mut reader = match book.worksheet_cells_reader(&name) {
            Ok(r) => r,
            Err(e) => return Some(Err(ReadError::Broken(e.to_string()))),
        };
        // Strings and their interning as a streamed block keeps them; here one block is the
        // whole sheet.
        let mut cells = BlockBuilder::new(0);
        let mut rows: Vec<Box<[Compact]>> = Vec::new();
        let mut row_cells: Vec<Compact> = Vec::new();
        let (mut first_row, mut first_col) = (u32::MAX, u32::MAX);
        let mut current_row: Option<u32> = None;
        let mut width = 0usize;
        // Cells arrive row by row; a row is stored when the next one starts.
        let flush =
            |row_cells: &mut Vec<Compact>, rows: &mut Vec<Box<[Compact]>>, width: &mut usize| {
                while row_cells.last() == Some(&Compact::Empty) {
                    row_cells.pop();
                }
                *width = (*width).max(row_cells.len());
                rows.push(std::mem::take(row_cells).into_boxed_slice());
            };
        loop {
            let cell = match reader.next_cell() {
                Ok(Some(cell)) => cell,
                Ok(None) => break,
                Err(e) => return Some(Err(ReadError::Broken(e.to_string()))),
            };
            let Some(value) = cells.compact(cell.get_value()) else {
                continue;
            };
            let (r, c) = cell.get_position();
            if first_row == u32::MAX {
                first_row = r;
            }
            first_col = first_col.min(c);
            // Rows and columns are kept relative to where the data starts; columns left of a
            // later row's first column are fixed up below.
            if current_row != Some(r) {
                if current_row.is_some() {
                    flush(&mut row_cells, &mut rows, &mut width);
                }
                if let Err(e) = guard::check_row(r) {
                    return Some(Err(e));
                }
                // Skipped (empty) rows between.
                let expected = first_row as usize + rows.len();
                for _ in expected..(r as usize).max(expected) {
                    rows.push(Box::new([]));
                }
                current_row = Some(r);
            }
            let col = c as usize;
            if row_cells.len() <= col {
                if col > 16_384 {
                    continue;
                }
                row_cells.resize(col + 1, Compact::Empty);
            }
            row_cells[col] = value;
        }
        if current_row.is_none() {
            continue;
        }
        flush(&mut row_cells, &mut rows, &mut width);
        let mut strings = std::mem::take(&mut cells.strings);
        drop(cells);
        // Cells were stored from column 0; drop the empty columns before the first used one.
        if first_col > 0 && first_col != u32::MAX {
            let skip = first_col as usize;
            for row in rows.iter_mut() {
                if row.len() > skip {
                    *row = row[skip..].to_vec().into_boxed_slice();
                } else {
                    *row = Box::new([]);
                }
            }
            width = width.saturating_sub(skip);
        } else {
            first_col = 0;
        }
        strings.shrink_to_fit();
        return Some(Ok(Workbook {
            grid: Grid::Compact(CompactSheet {
                strings,
                rows,
                first_row,
                first_col,
                width,
            }),
            sheet: name,
            sheets,
            detected: None,
        }));
    }
    Some(Err(ReadError::Empty))
}

/// What [`stream_xlsx`] hands over while it parses.
pub enum Streamed {
    /// The sheet being read, every sheet the workbook has, and how many rows its
    /// `<dimension>` says it has; sent before its first block.
    Sheet {
        name: String,
        sheets: Vec<String>,
        rows: usize,
    },
    /// The next rows of the sheet, as a grid of their own (its row numbers are the sheet's).
    Block(Grid),
}

/// Why [`stream_xlsx`] handed over nothing usable.
pub enum StreamStop {
    /// Not an .xlsx this reader can stream (no `<dimension>`, or a cell outside it): read it
    /// whole instead.
    Unsuitable,
    /// The receiver stopped taking blocks (the user cancelled).
    Stopped,
    Failed(ReadError),
}

/// Parses an .xlsx sheet and hands its rows over in blocks of `block_rows` as it goes, so they
/// can be checked while the rest is still being parsed. The column range comes from the sheet's
/// `<dimension>`, which Excel, WPS and LibreOffice write; blocks all share it. `send` returns
/// false to stop.
pub fn stream_xlsx(
    bytes: &[u8],
    sheet: Option<&str>,
    block_rows: usize,
    send: &mut dyn FnMut(Streamed) -> bool,
) -> Result<(), StreamStop> {
    guard::check_zip(bytes).map_err(StreamStop::Failed)?;
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        stream_xlsx_unguarded(bytes, sheet, block_rows, send)
    })) {
        Ok(outcome) => outcome,
        Err(_) => Err(StreamStop::Failed(ReadError::Broken(
            "reader failed on this file".into(),
        ))),
    }
}

fn stream_xlsx_unguarded(
    bytes: &[u8],
    sheet: Option<&str>,
    block_rows: usize,
    send: &mut dyn FnMut(Streamed) -> bool,
) -> Result<(), StreamStop> {
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| StreamStop::Unsuitable)?;
    let sheets = book.sheet_names();
    let candidates: Vec<String> = match sheet.filter(|s| !s.is_empty()) {
        Some(name) => match sheets.iter().find(|s| s.as_str() == name) {
            Some(s) => vec![s.clone()],
            // Close names and the message for a missing sheet are the whole reader's job.
            None => return Err(StreamStop::Unsuitable),
        },
        None => sheets.clone(),
    };
    let block_rows = block_rows.max(1);
    for name in candidates {
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|e| StreamStop::Failed(ReadError::Broken(e.to_string())))?;
        let dims = reader.dimensions();
        if dims.end == (0, 0) || dims.end.1 < dims.start.1 {
            return Err(StreamStop::Unsuitable);
        }
        let (first_col, last_col) = (dims.start.1, dims.end.1);
        let width = (last_col - first_col + 1) as usize;
        let mut block = BlockBuilder::new(width);
        let mut first_row: Option<u32> = None;
        // Rows stored so far, counted from the first used row.
        let mut stored: usize = 0;
        let mut current_row: Option<u32> = None;
        let mut row_cells: Vec<Compact> = Vec::new();
        loop {
            let cell = match reader.next_cell() {
                Ok(Some(cell)) => cell,
                Ok(None) => break,
                Err(e) => return Err(StreamStop::Failed(ReadError::Broken(e.to_string()))),
            };
            let raw = cell.get_value();
            if is_blank(raw) {
                continue;
            }
            let (r, c) = cell.get_position();
            if c < first_col || c > last_col {
                return Err(StreamStop::Unsuitable);
            }
            let base = match first_row {
                Some(base) => base,
                None => {
                    if !send(Streamed::Sheet {
                        name: name.clone(),
                        sheets: sheets.clone(),
                        rows: (dims.end.0.saturating_sub(r) + 1) as usize,
                    }) {
                        return Err(StreamStop::Stopped);
                    }
                    first_row = Some(r);
                    r
                }
            };
            if current_row != Some(r) {
                guard::check_row(r).map_err(StreamStop::Failed)?;
                let mut next = Next {
                    block: &mut block,
                    stored: &mut stored,
                    base: base as usize,
                    block_rows,
                    first_col,
                };
                if current_row.is_some() && !next.push(std::mem::take(&mut row_cells), send) {
                    return Err(StreamStop::Stopped);
                }
                // Empty rows between the last one and this one.
                while *next.stored < (r.max(base) - base) as usize {
                    if !next.push(Vec::new(), send) {
                        return Err(StreamStop::Stopped);
                    }
                }
                current_row = Some(r);
            }
            // Made only now, so its string goes into the block its row goes into.
            let value = block.compact(raw).unwrap_or(Compact::Empty);
            let col = (c - first_col) as usize;
            if row_cells.len() <= col {
                row_cells.resize(col + 1, Compact::Empty);
            }
            row_cells[col] = value;
        }
        let Some(base) = first_row else {
            continue;
        };
        let mut next = Next {
            block: &mut block,
            stored: &mut stored,
            base: base as usize,
            block_rows,
            first_col,
        };
        if !next.push(row_cells, send) {
            return Err(StreamStop::Stopped);
        }
        if !block.rows.is_empty() {
            let start = base as usize + stored - block.rows.len();
            if !send(Streamed::Block(block.take(start, first_col))) {
                return Err(StreamStop::Stopped);
            }
        }
        return Ok(());
    }
    Err(StreamStop::Failed(ReadError::Empty))
}

/// Where the next row of a streamed sheet goes: into the block, which is handed over as soon as
/// it is full (the next row's strings must go into the next block's table).
struct Next<'b> {
    block: &'b mut BlockBuilder,
    stored: &'b mut usize,
    /// The sheet's first used row (0-based).
    base: usize,
    block_rows: usize,
    first_col: u32,
}

impl Next<'_> {
    fn push(&mut self, cells: Vec<Compact>, send: &mut dyn FnMut(Streamed) -> bool) -> bool {
        self.block.push_row(cells);
        *self.stored += 1;
        if self.block.rows.len() >= self.block_rows {
            let start = self.base + *self.stored - self.block.rows.len();
            return send(Streamed::Block(self.block.take(start, self.first_col)));
        }
        true
    }
}

/// True for a cell the reader treats as absent: empty, or text of spaces only.
fn is_blank(value: &calamine::DataRef<'_>) -> bool {
    match value {
        calamine::DataRef::Empty => true,
        calamine::DataRef::SharedString(s) => s.trim().is_empty(),
        calamine::DataRef::String(s)
        | calamine::DataRef::DateTimeIso(s)
        | calamine::DataRef::DurationIso(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The rows of one streamed block and the strings they use.
struct BlockBuilder {
    strings: Vec<Box<str>>,
    /// Shared strings already in `strings`, by their place in calamine's table.
    interned: foldhash::HashMap<(usize, usize), u32>,
    rows: Vec<Box<[Compact]>>,
    width: usize,
}

impl BlockBuilder {
    fn new(width: usize) -> BlockBuilder {
        BlockBuilder {
            strings: Vec::new(),
            interned: Default::default(),
            rows: Vec::new(),
            width,
        }
    }

    fn compact(&mut self, value: &calamine::DataRef<'_>) -> Option<Compact> {
        Some(match value {
            calamine::DataRef::Empty => return None,
            calamine::DataRef::SharedString(s) => {
                if s.trim().is_empty() {
                    return None;
                }
                let key = (s.as_ptr() as usize, s.len());
                let next = self.strings.len() as u32;
                let index = *self.interned.entry(key).or_insert(next);
                if index == next {
                    self.strings.push((*s).into());
                }
                Compact::Str(index)
            }
            calamine::DataRef::String(s)
            | calamine::DataRef::DateTimeIso(s)
            | calamine::DataRef::DurationIso(s) => {
                if s.trim().is_empty() {
                    return None;
                }
                self.strings.push(s.as_str().into());
                Compact::Str(self.strings.len() as u32 - 1)
            }
            calamine::DataRef::Int(i) => Compact::Num(*i as f64),
            calamine::DataRef::Float(f) => Compact::Num(*f),
            calamine::DataRef::Bool(b) => Compact::Bool(*b),
            calamine::DataRef::DateTime(dt) => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                match NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32) {
                    Some(day) if dt.is_datetime() => Compact::Date(day),
                    _ => Compact::Num(dt.as_f64()),
                }
            }
            calamine::DataRef::Error(_) => {
                self.strings.push("#ERROR".into());
                Compact::Str(self.strings.len() as u32 - 1)
            }
        })
    }

    fn push_row(&mut self, mut cells: Vec<Compact>) {
        while cells.last() == Some(&Compact::Empty) {
            cells.pop();
        }
        self.rows.push(cells.into_boxed_slice());
    }

    /// The block so far as a grid whose first row is sheet row `start` (0-based), and a fresh
    /// builder for the next.
    fn take(&mut self, start: usize, first_col: u32) -> Grid {
        self.interned.clear();
        Grid::Compact(CompactSheet {
            strings: std::mem::take(&mut self.strings),
            rows: std::mem::take(&mut self.rows),
            first_row: start as u32,
            first_col,
            width: self.width,
        })
    }
}

impl Grid {
    /// Appends the next streamed block to this grid (the session keeps the whole sheet to check
    /// it again after a mapping change). False, and nothing appended, unless both are blocks of
    /// a streamed sheet.
    pub fn append_block(&mut self, block: Grid) -> bool {
        let (Grid::Compact(all), Grid::Compact(mut part)) = (self, block) else {
            return false;
        };
        let offset = all.strings.len() as u32;
        for row in part.rows.iter_mut() {
            for cell in row.iter_mut() {
                if let Compact::Str(i) = cell {
                    *i += offset;
                }
            }
        }
        all.strings.append(&mut part.strings);
        all.rows.append(&mut part.rows);
        true
    }
}

fn read_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Workbook, ReadError> {
    if bytes.starts_with(b"PK\x03\x04")
        && let Some(result) = read_xlsx_compact(bytes, sheet)
    {
        return result;
    }
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| match e {
            calamine::Error::Msg(_) => ReadError::NotASpreadsheet("zip/OLE".into()),
            other => ReadError::Broken(other.to_string()),
        })?;
    let sheets = book.sheet_names();
    if sheets.is_empty() {
        return Err(ReadError::Empty);
    }
    let chosen = match sheet.filter(|s| !s.is_empty()) {
        Some(name) => {
            let found = sheets.iter().find(|s| s.as_str() == name).or_else(|| {
                sheets
                    .iter()
                    .find(|s| s.trim().eq_ignore_ascii_case(name.trim()))
            });
            match found {
                Some(s) => s.clone(),
                None => {
                    return Err(ReadError::NoSuchSheet {
                        name: name.to_string(),
                        available: sheets,
                    });
                }
            }
        }
        None => String::new(),
    };
    if !chosen.is_empty() {
        let range = book
            .worksheet_range(&chosen)
            .map_err(|e| ReadError::Broken(e.to_string()))?;
        if range.is_empty() {
            return Err(ReadError::Empty);
        }
        return Ok(Workbook {
            grid: Grid::Sheet(range),
            sheet: chosen,
            sheets,
            detected: None,
        });
    }
    // No sheet named: the first one with data.
    for name in &sheets {
        let range = book
            .worksheet_range(name)
            .map_err(|e| ReadError::Broken(e.to_string()))?;
        if !range.is_empty() {
            return Ok(Workbook {
                grid: Grid::Sheet(range),
                sheet: name.clone(),
                sheets: sheets.clone(),
                detected: None,
            });
        }
    }
    Err(ReadError::Empty)
}

/// Text of a CSV file: UTF-8 (with or without BOM), else GB18030 (which covers GBK).
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8 BOM");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            (text.into_owned(), "GB18030/GBK")
        }
    }
}

/// The separator that splits the first lines most consistently: the most lines with the same
/// number (above one) of fields, then the most fields.
fn sniff_delimiter(text: &str) -> u8 {
    let mut best = (b',', (0usize, 0usize));
    for delimiter in [b',', b'\t', b';'] {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let mut counts: std::collections::HashMap<usize, usize> = Default::default();
        for record in reader.records().take(30).filter_map(Result::ok) {
            if record.len() > 1 {
                *counts.entry(record.len()).or_default() += 1;
            }
        }
        let score = counts
            .into_iter()
            .map(|(width, lines)| (lines, width))
            .max()
            .unwrap_or((0, 0));
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

fn read_csv(bytes: &[u8]) -> Result<Workbook, ReadError> {
    let (text, encoding) = decode_text(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut all_blank = true;
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Broken(e.to_string()))?;
        all_blank &= record.iter().all(|c| c.trim().is_empty());
        let row = TextRow::from_record(&record)
            .ok_or_else(|| ReadError::Broken("a line longer than 4 GB".into()))?;
        rows.push(row);
    }
    drop(reader);
    drop(text);
    if all_blank {
        return Err(ReadError::Empty);
    }
    let separator = match delimiter {
        b'\t' => "Tab",
        b';' => "';'",
        _ => "','",
    };
    Ok(Workbook {
        grid: Grid::Text(rows),
        sheet: "CSV".into(),
        sheets: vec!["CSV".into()],
        detected: Some(format!("{encoding} · {separator}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_go_past_z() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn csv_encodings_and_separators_are_found() {
        let (gbk, _, _) = encoding_rs::GBK.encode("项目名称;总投资\n新能源项目;3,100\n");
        let book = read_bytes(&gbk, "csv", None).unwrap();
        assert_eq!(book.grid.cell(1, 0), CellRef::Text("新能源项目"));
        assert_eq!(book.grid.cell(1, 1), CellRef::Text("3,100"));
        assert!(book.detected.unwrap().contains("GB18030"));
        let tab = "\u{FEFF}项目名称\t总投资\nA\t5\n".as_bytes();
        let book = read_bytes(tab, "txt", None).unwrap();
        assert_eq!(book.grid.cell(0, 1), CellRef::Text("总投资"));
    }

    #[test]
    fn an_xlsx_sheet_starting_at_c3_keeps_the_numbers_the_user_sees() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(2, 2, "项目名称").unwrap();
        sheet.write_string(2, 3, "总投资").unwrap();
        sheet.write_string(3, 2, "甲").unwrap();
        sheet.write_number(3, 3, 12.5).unwrap();
        // Row 5 left empty; row 6 starts further right.
        sheet.write_string(5, 3, "项目名称").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let read = read_bytes(&bytes, "xlsx", None).unwrap();
        let grid = &read.grid;
        assert!(matches!(grid, Grid::Compact(_)));
        assert_eq!(grid.cell(0, 0), CellRef::Text("项目名称"));
        assert_eq!(grid.cell(1, 1), CellRef::Number(12.5));
        assert_eq!(grid.sheet_row(1), 4);
        assert_eq!(grid.sheet_column(1), "D");
        assert_eq!(grid.cell(2, 0), CellRef::Empty);
        assert_eq!(
            grid.cell(3, 1),
            CellRef::Text("项目名称"),
            "shared strings stored once"
        );
        assert_eq!(grid.sheet_row(3), 6);
        assert_eq!((grid.height(), grid.width()), (4, 2));
    }

    #[test]
    fn junk_is_refused_by_name() {
        assert_eq!(read_bytes(b"", "csv", None).err(), Some(ReadError::Empty));
        assert_eq!(
            read_bytes(b" \n\n", "csv", None).err(),
            Some(ReadError::Empty)
        );
        assert_eq!(
            read_bytes(b"%PDF-1.4 xx", "xlsx", None).err(),
            Some(ReadError::NotASpreadsheet("PDF".into()))
        );
        assert!(matches!(
            read_bytes(b"PK\x03\x04garbage", "xlsx", None),
            Err(ReadError::NotASpreadsheet(_)) | Err(ReadError::Broken(_))
        ));
    }
}
