//! The grid a ledger file is read into: typed cells, calamine's ranges, a compact copy of an
//! .xlsx sheet and CSV rows in exact-size buffers.

use calamine::{Data, Range};
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
    pub(super) strings: StringTable,
    /// Rows from the first used row; cells from the first used column.
    pub(super) rows: CompactRows,
    pub(super) first_row: u32,
    pub(super) first_col: u32,
    pub(super) width: usize,
}

/// Strings in one buffer, each found by where it ends. A streamed block of 8,192 rows is then
/// a few allocations instead of one per cell: its blocks are freed on the thread that checks
/// them, and a million rows' cells freed one by one across threads cost 1.8 s of the read.
#[derive(Default)]
pub(super) struct StringTable {
    text: String,
    ends: Vec<usize>,
}

impl StringTable {
    /// Adds `s`; its index.
    pub(super) fn push(&mut self, s: &str) -> u32 {
        self.text.push_str(s);
        self.ends.push(self.text.len());
        self.ends.len() as u32 - 1
    }

    pub(super) fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = match index {
            0 => 0,
            _ => *self.ends.get(index - 1)?,
        };
        self.text.get(start..end)
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Rows of cells one after the other in one vector (for the same reason as [`StringTable`]).
pub(super) struct CompactRows {
    cells: Vec<Compact>,
    /// Where each row starts in `cells`, and where the last one ends.
    starts: Vec<usize>,
}

impl Default for CompactRows {
    fn default() -> Self {
        CompactRows {
            cells: Vec::new(),
            starts: vec![0],
        }
    }
}

impl CompactRows {
    /// Adds a row, without its empty cells at the end.
    pub(super) fn push(&mut self, mut row: &[Compact]) {
        while let [rest @ .., Compact::Empty] = row {
            row = rest;
        }
        self.cells.extend_from_slice(row);
        self.starts.push(self.cells.len());
    }

    pub(super) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(super) fn get(&self, row: usize) -> Option<&[Compact]> {
        let (start, end) = (*self.starts.get(row)?, *self.starts.get(row + 1)?);
        self.cells.get(start..end)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &[Compact]> {
        (0..self.len()).filter_map(|row| self.get(row))
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.cells.shrink_to_fit();
        self.starts.shrink_to_fit();
    }
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Compact {
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
    pub(super) fn from_record(record: &csv::StringRecord) -> Option<TextRow> {
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
                    .map(CellRef::Text)
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
