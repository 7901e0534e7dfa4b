//! What a spreadsheet from outside must pass before a reader sees it: every size it declares is
//! bounded by what the file can hold, so a small file cannot make the reader allocate without
//! bound; and a panic inside a reader is caught at this boundary and becomes an error.
//!
//! - OLE (.xls): the compound file's header, FAT, DIFAT and every stream's sector chain are
//!   checked against the file's length — no sector past the end, no chain longer than the file
//!   has sectors (a loop), no stream longer than the file — before calamine reads it
//!   (calamine 0.38 panics on an out-of-range FAT index and grows a looping chain without end,
//!   see docs/upstream/calamine-xls.md).
//! - ZIP (.xlsx, .ods): the parts may unpack to at most [`MAX_UNPACKED`] bytes in all; an
//!   .ods or .xls sheet may span at most [`MAX_DENSE_CELLS`] cells (their
//!   reader makes every sheet a dense grid).
//! - Rows: no cell beyond [`MAX_SHEET_ROWS`], the most any office program writes.

use std::io::Read;

use super::ReadError;

/// Excel's, WPS's and LibreOffice's last row.
pub const MAX_SHEET_ROWS: u32 = 1_048_576;
/// The last column any of them writes (XFD).
pub const MAX_SHEET_COLUMNS: u32 = 16_384;
/// All parts of a zip workbook together, unpacked: 2 GiB. A ledger of 1,000,000 projects (a
/// city's or a province's merged zones) in 30 columns unpacks to some 1,050 MB, which the
/// former 400 MiB refused. The sheet itself is streamed; the shared-string table is held whole,
/// and this bounds it too.
pub const MAX_UNPACKED: u64 = 2 << 30;
/// Cells of the dense grids an .xls or .ods makes (some 56 bytes each in memory): 5 million
/// (an .xls has at most 65,536 rows; 100,000 projects in 30 columns are 3 million).
pub const MAX_DENSE_CELLS: u64 = 5_000_000;

fn too_large(what: String) -> ReadError {
    ReadError::TooLarge(what)
}

fn broken(what: &str) -> ReadError {
    ReadError::Broken(what.to_string())
}

/// Runs a reader; a panic inside it becomes [`ReadError::Broken`].
pub fn caught<T>(read: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|panic| {
        let detail = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(ReadError::Broken(format!(
            "reader failed on this file: {detail}"
        )))
    })
}

/// A row number a reader reports, refused past the last row a spreadsheet can have.
pub fn check_row(row: u32) -> Result<(), ReadError> {
    if row >= MAX_SHEET_ROWS {
        return Err(too_large(format!(
            "a cell at row {} (a sheet has at most {MAX_SHEET_ROWS} rows)",
            row as u64 + 1
        )));
    }
    Ok(())
}

/// Checks a zip workbook's unpacked size and, for an .ods, the cells its grids would span.
pub fn check_zip(file: impl Read + std::io::Seek) -> Result<(), ReadError> {
    let Ok(mut archive) = zip::ZipArchive::new(file) else {
        // Not a zip the readers can open either: they say so.
        return Ok(());
    };
    let mut unpacked = 0u64;
    for i in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(i) {
            unpacked = unpacked.saturating_add(entry.size());
        }
    }
    if unpacked > MAX_UNPACKED {
        return Err(too_large(format!(
            "it unpacks to {} MB (at most {} MB are read)",
            unpacked >> 20,
            MAX_UNPACKED >> 20
        )));
    }
    let is_ods = archive
        .by_name("mimetype")
        .ok()
        .and_then(|mut m| {
            let mut text = String::new();
            m.by_ref().take(100).read_to_string(&mut text).ok()?;
            Some(text.contains("opendocument.spreadsheet"))
        })
        .unwrap_or(false);
    if is_ods && let Ok(content) = archive.by_name("content.xml") {
        let cells = ods_dense_cells(content)?;
        if cells > MAX_DENSE_CELLS {
            return Err(too_large(format!(
                "its sheets span {cells} cells (at most {MAX_DENSE_CELLS} are read)"
            )));
        }
    }
    Ok(())
}

/// An attribute's value as a count, capped.
fn repeat(e: &quick_xml::events::BytesStart<'_>, name: &str, cap: u64) -> u64 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .clamp(1, cap)
}

/// The cells of the dense grids calamine's .ods reader makes: per sheet, the rows from the
/// first to the last with a value times the columns up to the last value, repeats counted.
fn ods_dense_cells(content: impl Read) -> Result<u64, ReadError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let (rows_cap, cols_cap) = (MAX_SHEET_ROWS as u64, MAX_SHEET_COLUMNS as u64);
    let mut total = 0u64;
    // Per sheet: where the rows are, the first and the end of the rows with values, the widest.
    let (mut row_at, mut first, mut end, mut width) = (0u64, None::<u64>, 0u64, 0u64);
    // Per row: its repeat, columns so far, end of the last value.
    let (mut repeats, mut col_at, mut last_value, mut in_row) = (1u64, 0u64, 0u64, false);
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|_| broken("content.xml is not well-formed"))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                "table:table-row" => {
                    repeats = repeat(e, "table:number-rows-repeated", rows_cap);
                    (col_at, last_value, in_row) = (0, 0, !empty);
                    if empty {
                        row_at = (row_at + repeats).min(rows_cap);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" if in_row => {
                    let c = repeat(e, "table:number-columns-repeated", cols_cap);
                    col_at = (col_at + c).min(cols_cap);
                    let valued = !empty
                        || e.try_get_attribute("office:value-type")
                            .ok()
                            .flatten()
                            .is_some();
                    if valued {
                        last_value = col_at;
                    }
                }
                _ => {}
            }
        }
        match &event {
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if last_value > 0 {
                    first.get_or_insert(row_at);
                    end = (row_at + repeats).min(rows_cap);
                    width = width.max(last_value);
                }
                row_at = (row_at + repeats).min(rows_cap);
                in_row = false;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(first) = first.take() {
                    total = total.saturating_add(end.saturating_sub(first) * width);
                }
                (row_at, end, width) = (0, 0, 0);
                if total > MAX_DENSE_CELLS {
                    return Ok(total);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(total)
}

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FREESECT: u32 = 0xFFFF_FFFF;
const MAXREGSECT: u32 = 0xFFFF_FFFA;

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// A compound file's sectors as the file holds them.
struct Sectors<'a> {
    bytes: &'a [u8],
    size: usize,
    /// Sectors that start inside the file (the header is not one).
    count: u32,
}

impl<'a> Sectors<'a> {
    /// Sector `id`, zero-padded if the file ends inside it; `None` past the end.
    fn get(&self, id: u32) -> Option<Vec<u8>> {
        if id >= self.count {
            return None;
        }
        let start = (id as usize + 1) * self.size;
        let end = (start + self.size).min(self.bytes.len());
        let mut sector = self.bytes[start..end].to_vec();
        sector.resize(self.size, 0);
        Some(sector)
    }

    /// Follows a chain from `start` through `fat` for at most `len` bytes: every sector must be
    /// in the file and in the FAT, and the chain may not visit more sectors than there are.
    fn check_chain(&self, start: u32, fat: &[u32], len: u64, unit: usize, count: u32) -> bool {
        let mut id = start;
        let mut read = 0u64;
        let mut steps = 0u32;
        while id != ENDOFCHAIN {
            if id >= count || id as usize >= fat.len() || steps > count {
                return false;
            }
            read += unit as u64;
            if read >= len {
                return true;
            }
            steps += 1;
            id = fat[id as usize];
        }
        true
    }
}

/// The compound file's damage in words (the text the import's message carries).
fn ole_damaged(what: &str) -> ReadError {
    broken(&format!("the compound file's {what} is damaged"))
}

/// Checks an OLE compound file (.xls) against its length, before calamine reads it: the
/// header, the FAT, the directory, the mini stream, and every stream's chain; the workbook
/// stream's declared cells are bounded too.
pub fn check_ole(bytes: &[u8]) -> Result<(), ReadError> {
    let bad = ole_damaged;
    if bytes.len() < 512 {
        return Err(bad("header"));
    }
    let size = match u16_at(bytes, 30) {
        9 => 512usize,
        12 => 4096,
        _ => return Err(bad("sector size")),
    };
    if u16_at(bytes, 32) != 6 || bytes.len() < size {
        return Err(bad("header"));
    }
    let count = (bytes.len().div_ceil(size) - 1).min(u32::MAX as usize / 2) as u32;
    let sectors = Sectors { bytes, size, count };
    let fat = read_fat(&sectors)?;
    // The directory: a chain read to its end.
    let dir_start = u32_at(bytes, 48);
    if !sectors.check_chain(dir_start, &fat, u64::MAX, size, count) {
        return Err(bad("directory chain"));
    }
    let mut directory = Vec::new();
    let mut id = dir_start;
    while id != ENDOFCHAIN && id < count && directory.len() <= bytes.len() {
        directory.extend(sectors.get(id).unwrap_or_default());
        id = fat.get(id as usize).copied().unwrap_or(ENDOFCHAIN);
    }
    let entries = directory_entries(&directory, size);
    let Some(&DirEntry {
        start: root_start,
        len: root_len,
        ..
    }) = entries.first()
    else {
        return Err(bad("directory"));
    };
    let mini_fat = read_mini_fat(&sectors, &fat, root_start, root_len)?;
    let ole = Ole {
        sectors,
        fat,
        mini_fat,
        root_start,
        root_len,
    };
    for entry in entries.iter().skip(1) {
        ole.check_stream(entry)?;
    }
    Ok(())
}

/// The FAT, gathered through the DIFAT: 109 entries in the header, then a chain of DIFAT
/// sectors; bounded by what the file can hold.
fn read_fat(sectors: &Sectors<'_>) -> Result<Vec<u32>, ReadError> {
    let (bytes, count) = (sectors.bytes, sectors.count);
    let per_sector = sectors.size / 4;
    let mut difat: Vec<u32> = (0..109).map(|i| u32_at(bytes, 76 + 4 * i)).collect();
    let mut next = u32_at(bytes, 68);
    let mut hops = 0u32;
    while next < MAXREGSECT {
        hops += 1;
        let sector = sectors
            .get(next)
            .filter(|_| hops <= count)
            .ok_or_else(|| ole_damaged("DIFAT"))?;
        difat.extend((0..per_sector - 1).map(|i| u32_at(&sector, 4 * i)));
        next = u32_at(&sector, 4 * (per_sector - 1));
    }
    let mut fat: Vec<u32> = Vec::new();
    for id in difat.into_iter().filter(|id| *id < MAXREGSECT) {
        let sector = sectors.get(id).ok_or_else(|| ole_damaged("FAT"))?;
        if fat.len() > count as usize * 2 + per_sector {
            return Err(ole_damaged("FAT"));
        }
        fat.extend((0..per_sector).map(|i| u32_at(&sector, 4 * i)));
    }
    Ok(fat)
}

/// One directory entry as calamine reads it: its name (lower case, up to the first NUL), its
/// type, its first sector and its length.
struct DirEntry {
    name: String,
    kind: u8,
    start: u32,
    len: u64,
}

fn directory_entries(directory: &[u8], size: usize) -> Vec<DirEntry> {
    directory
        .chunks_exact(128)
        .map(|e| {
            let len = if size == 512 {
                u32_at(e, 120) as u64
            } else {
                u64::from_le_bytes(e[120..128].try_into().unwrap_or([0; 8]))
            };
            let units: Vec<u16> = e[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            let name = String::from_utf16_lossy(&units);
            DirEntry {
                name: name.split('\0').next().unwrap_or("").to_ascii_lowercase(),
                kind: e[66],
                start: u32_at(e, 116),
                len,
            }
        })
        .collect()
}

/// The mini FAT, which small streams are read through, after checking the mini stream (the
/// root's) and the mini FAT's own chain. Empty when the file has no mini FAT.
fn read_mini_fat(
    sectors: &Sectors<'_>,
    fat: &[u32],
    root_start: u32,
    root_len: u64,
) -> Result<Vec<u32>, ReadError> {
    let (bytes, size, count) = (sectors.bytes, sectors.size, sectors.count);
    let per_sector = size / 4;
    let mini_fat_start = u32_at(bytes, 60);
    let mini_fat_sectors = u32_at(bytes, 64) as u64;
    let mut mini_fat = Vec::new();
    if mini_fat_sectors == 0 {
        return Ok(mini_fat);
    }
    if root_len > bytes.len() as u64
        || mini_fat_sectors > count as u64
        || !sectors.check_chain(root_start, fat, root_len, size, count)
        || !sectors.check_chain(
            mini_fat_start,
            fat,
            mini_fat_sectors * size as u64,
            size,
            count,
        )
    {
        return Err(ole_damaged("mini stream"));
    }
    let mut id = mini_fat_start;
    while id != ENDOFCHAIN && (mini_fat.len() as u64) < mini_fat_sectors * per_sector as u64 {
        let sector = sectors.get(id).ok_or_else(|| ole_damaged("mini FAT"))?;
        mini_fat.extend((0..per_sector).map(|i| u32_at(&sector, 4 * i)));
        id = fat.get(id as usize).copied().unwrap_or(ENDOFCHAIN);
    }
    Ok(mini_fat)
}

/// A compound file whose FAT, mini FAT and root were read: its streams can be checked.
struct Ole<'a> {
    sectors: Sectors<'a>,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    root_start: u32,
    root_len: u64,
}

impl Ole<'_> {
    /// A stream's chain is whole and within the file; the workbook stream's cells are bounded.
    fn check_stream(&self, entry: &DirEntry) -> Result<(), ReadError> {
        let (sectors, size, count) = (&self.sectors, self.sectors.size, self.sectors.count);
        let has_mini_fat = u32_at(sectors.bytes, 64) > 0;
        let mini_count = (self.root_len / 64).min(u32::MAX as u64 / 2) as u32;
        // calamine reads the workbook stream by its name alone, whatever the entry's type.
        let workbook = matches!(entry.name.as_str(), "workbook" | "book");
        // 2: a stream. Storages and unused entries are never read as streams.
        if (entry.kind != 2 || entry.start == FREESECT) && !workbook {
            return Ok(());
        }
        let (start, len) = (entry.start, entry.len);
        if len > sectors.bytes.len() as u64 {
            return Err(ole_damaged("stream length"));
        }
        let whole = if len < 4096 {
            !has_mini_fat || sectors.check_chain(start, &self.mini_fat, len, 64, mini_count)
        } else {
            sectors.check_chain(start, &self.fat, len, size, count)
        };
        if !whole {
            return Err(ole_damaged("stream chain"));
        }
        if workbook {
            let stream = if len < 4096 {
                let mini = read_chain(sectors, self.root_start, &self.fat, self.root_len, size);
                read_mini_chain(&mini, start, &self.mini_fat, len)
            } else {
                read_chain(sectors, start, &self.fat, len, size)
            };
            let cells = biff_dense_cells(&stream);
            if cells > MAX_DENSE_CELLS {
                return Err(too_large(format!(
                    "its sheets span {cells} cells (at most {MAX_DENSE_CELLS} are read)"
                )));
            }
        }
        Ok(())
    }
}

/// A checked chain's bytes, `len` of them.
fn read_chain(sectors: &Sectors<'_>, start: u32, fat: &[u32], len: u64, size: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut id = start;
    while id != ENDOFCHAIN && (out.len() as u64) < len {
        let Some(sector) = sectors.get(id) else { break };
        out.extend_from_slice(&sector[..size]);
        id = fat.get(id as usize).copied().unwrap_or(ENDOFCHAIN);
    }
    out.truncate(len as usize);
    out
}

/// A small stream's bytes out of the mini stream (64-byte sectors).
fn read_mini_chain(mini: &[u8], start: u32, mini_fat: &[u32], len: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let mut id = start;
    while id != ENDOFCHAIN && (out.len() as u64) < len {
        let at = id as usize * 64;
        let Some(sector) = mini.get(at..at + 64) else {
            break;
        };
        out.extend_from_slice(sector);
        id = mini_fat.get(id as usize).copied().unwrap_or(ENDOFCHAIN);
    }
    out.truncate(len as usize);
    out
}

/// The cells of the dense grids calamine's .xls reader makes, the larger of two counts: the
/// records walked in order from the stream's start, and the records of each sheet walked as
/// calamine walks them, from the position its BoundSheet8 record gives (which may be anywhere
/// in the stream, so its records need not be those of the walk in order).
fn biff_dense_cells(stream: &[u8]) -> u64 {
    /// More sheets than any workbook has: each is walked, so they are bounded.
    const MAX_SHEETS: usize = 4_096;
    let in_order = biff_cells_from(stream, false);
    let mut positions: Vec<usize> = Vec::new();
    let mut at = 0usize;
    // The workbook's globals, to their first EOF, as calamine reads them.
    while at + 4 <= stream.len() {
        let kind = u16_at(stream, at);
        let len = u16_at(stream, at + 2) as usize;
        if kind == 0x000A {
            break;
        }
        if kind == 0x0085 && len >= 4 && at + 8 <= stream.len() {
            positions.push(u32_at(stream, at + 4) as usize);
        }
        at += 4 + len;
    }
    if positions.len() > MAX_SHEETS {
        return u64::MAX;
    }
    let sheets = positions
        .iter()
        .filter_map(|&pos| stream.get(pos..))
        .fold(0u64, |total, sheet| {
            total.saturating_add(biff_cells_from(sheet, true))
        });
    in_order.max(sheets)
}

/// The cells of the dense grids the records from the start of `stream` make: per sheet (BOF
/// to BOF), the box from the smallest to the largest row and column any cell record names, or
/// what a DIMENSIONS record makes calamine reserve when that is over the limit. With
/// `one_sheet`, the walk ends at the sheet's EOF, as calamine's does.
fn biff_cells_from(stream: &[u8], one_sheet: bool) -> u64 {
    // Cell records: row at 0, column at 2 (MULRK and MULBLANK end with their last column).
    const CELLS: [u16; 11] = [
        0x0006, 0x00BD, 0x00BE, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x0406,
    ];
    let mut total = 0u64;
    let mut bounds: Option<(u16, u16, u16, u16)> = None;
    let close = |bounds: &mut Option<(u16, u16, u16, u16)>, total: &mut u64| {
        if let Some((r0, r1, c0, c1)) = bounds.take() {
            *total += (r1 as u64 - r0 as u64 + 1) * (c1 as u64 - c0 as u64 + 1);
        }
    };
    let (mut seen_bof, mut nested) = (false, 0usize);
    let mut at = 0usize;
    while at + 4 <= stream.len() {
        let kind = u16_at(stream, at);
        let len = u16_at(stream, at + 2) as usize;
        let data = &stream[(at + 4).min(stream.len())..(at + 4 + len).min(stream.len())];
        if kind == 0x0809 {
            if !one_sheet {
                close(&mut bounds, &mut total);
            } else if seen_bof {
                nested += 1;
            }
            seen_bof = true;
        } else if kind == 0x000A && one_sheet {
            // calamine ends a sheet at its EOF, past those of embedded charts (whose cells are
            // counted with the sheet's here, which errs on the safe side).
            if nested == 0 {
                break;
            }
            nested -= 1;
        } else if kind == 0x0200 {
            // DIMENSIONS: calamine reserves rows × columns cells from it before any cell.
            let (rf, rl, cf, cl) = match data.len() {
                10 => (
                    u16_at(data, 0) as u64,
                    u16_at(data, 2) as u64,
                    u16_at(data, 4) as u64,
                    u16_at(data, 6) as u64,
                ),
                14 | 16 => (
                    u32_at(data, 0) as u64,
                    u32_at(data, 4) as u64,
                    u16_at(data, 8) as u64,
                    u16_at(data, 10) as u64,
                ),
                _ => (0, 0, 0, 0),
            };
            let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
            if rl >= 1 && cl >= 1 {
                // A last row before the first wraps around in calamine: as large as can be.
                let rows = (rl - 1).checked_sub(rf).map_or(u64::MAX, |r| r + 1);
                let reserved = rows.saturating_mul(cl - cf);
                if reserved > MAX_DENSE_CELLS {
                    return reserved;
                }
            }
        } else if CELLS.contains(&kind) && data.len() >= 4 {
            let row = u16_at(data, 0);
            let first = u16_at(data, 2);
            let last = if matches!(kind, 0x00BD | 0x00BE) && data.len() >= 6 {
                u16_at(data, data.len() - 2).max(first)
            } else {
                first
            };
            let b = bounds.get_or_insert((row, row, first, last));
            *b = (b.0.min(row), b.1.max(row), b.2.min(first), b.3.max(last));
        }
        at += 4 + len;
    }
    close(&mut bounds, &mut total);
    total
}
