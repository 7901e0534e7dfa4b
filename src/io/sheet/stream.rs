//! Reading an .xlsx sheet cell by cell: into one compact grid, or in blocks handed over while
//! the rest is still being parsed (so a 100,000-row ledger is checked as it is read).

use std::io::Cursor;

use calamine::Reader;

use chrono::NaiveDate;

use super::grid::{Compact, CompactRows, CompactSheet, Grid, StringTable};
use super::guard;
use super::{ReadError, Workbook};

/// Reads an .xlsx sheet cell by cell into a [`CompactSheet`]; `None` if the file is not an
/// .xlsx calamine can stream (then the general reader takes it).
pub(super) fn read_xlsx_compact(
    bytes: &[u8],
    sheet: Option<&str>,
) -> Option<Result<Workbook, ReadError>> {
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).ok()?;
    let sheets = book.sheet_names();
    let candidates = match sheets_to_try(&sheets, sheet) {
        Ok(candidates) => candidates,
        Err(e) => return Some(Err(e)),
    };
    for name in candidates {
        let mut reader = match book.worksheet_cells_reader(&name) {
            Ok(r) => r,
            Err(e) => return Some(Err(ReadError::Broken(e.to_string()))),
        };
        // Strings and their interning as a streamed block keeps them; here one block is the
        // whole sheet.
        let mut cells = BlockBuilder::new(0);
        let mut rows = CompactRows::default();
        let mut row_cells: Vec<Compact> = Vec::new();
        let (mut first_row, mut first_col) = (u32::MAX, u32::MAX);
        let mut current_row: Option<u32> = None;
        let mut width = 0usize;
        // Cells arrive row by row; a row is stored when the next one starts.
        let flush = |row_cells: &mut Vec<Compact>, rows: &mut CompactRows, width: &mut usize| {
            while row_cells.last() == Some(&Compact::Empty) {
                row_cells.pop();
            }
            *width = (*width).max(row_cells.len());
            rows.push(row_cells);
            row_cells.clear();
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
                    rows.push(&[]);
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
            let mut moved = CompactRows::default();
            for row in rows.iter() {
                moved.push(row.get(skip..).unwrap_or_default());
            }
            rows = moved;
            width = width.saturating_sub(skip);
        } else {
            first_col = 0;
        }
        strings.shrink_to_fit();
        rows.shrink_to_fit();
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

/// The sheets to read, in order: the one asked for by name (exact, else ignoring case and
/// spaces), or every sheet until one has data.
fn sheets_to_try(sheets: &[String], asked: Option<&str>) -> Result<Vec<String>, ReadError> {
    let Some(name) = asked.filter(|s| !s.is_empty()) else {
        return Ok(sheets.to_vec());
    };
    let found = sheets.iter().find(|s| s.as_str() == name).or_else(|| {
        sheets
            .iter()
            .find(|s| s.trim().eq_ignore_ascii_case(name.trim()))
    });
    match found {
        Some(s) => Ok(vec![s.clone()]),
        None => Err(ReadError::NoSuchSheet {
            name: name.to_string(),
            available: sheets.to_vec(),
        }),
    }
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
/// false to stop. `file` is read as it is parsed (a 1,000,000-row ledger is 149 MB packed,
/// which need not be held whole).
pub fn stream_xlsx<R: std::io::Read + std::io::Seek>(
    mut file: R,
    sheet: Option<&str>,
    block_rows: usize,
    send: &mut dyn FnMut(Streamed) -> bool,
) -> Result<(), StreamStop> {
    guard::check_zip(&mut file).map_err(StreamStop::Failed)?;
    let rewound = file.seek(std::io::SeekFrom::Start(0));
    rewound.map_err(|e| StreamStop::Failed(ReadError::Io(e.to_string())))?;
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        stream_xlsx_unguarded(file, sheet, block_rows, send)
    })) {
        Ok(outcome) => outcome,
        Err(_) => Err(StreamStop::Failed(ReadError::Broken(
            "reader failed on this file".into(),
        ))),
    }
}

fn stream_xlsx_unguarded<R: std::io::Read + std::io::Seek>(
    file: R,
    sheet: Option<&str>,
    block_rows: usize,
    send: &mut dyn FnMut(Streamed) -> bool,
) -> Result<(), StreamStop> {
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(file).map_err(|_| StreamStop::Unsuitable)?;
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
                if current_row.is_some() && !next.push(&row_cells, send) {
                    return Err(StreamStop::Stopped);
                }
                row_cells.clear();
                // Empty rows between the last one and this one.
                while *next.stored < (r.max(base) - base) as usize {
                    if !next.push(&[], send) {
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
        if !next.push(&row_cells, send) {
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
    fn push(&mut self, cells: &[Compact], send: &mut dyn FnMut(Streamed) -> bool) -> bool {
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
    strings: StringTable,
    /// Shared strings already in `strings`, by their place in calamine's table.
    interned: foldhash::HashMap<(usize, usize), u32>,
    rows: CompactRows,
    width: usize,
}

impl BlockBuilder {
    fn new(width: usize) -> BlockBuilder {
        BlockBuilder {
            strings: StringTable::default(),
            interned: Default::default(),
            rows: CompactRows::default(),
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
                    self.strings.push(s);
                }
                Compact::Str(index)
            }
            calamine::DataRef::String(s)
            | calamine::DataRef::DateTimeIso(s)
            | calamine::DataRef::DurationIso(s) => {
                if s.trim().is_empty() {
                    return None;
                }
                Compact::Str(self.strings.push(s))
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
            calamine::DataRef::Error(_) => Compact::Str(self.strings.push("#ERROR")),
        })
    }

    fn push_row(&mut self, cells: &[Compact]) {
        self.rows.push(cells);
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
