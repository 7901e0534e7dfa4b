//! Reading a ledger file of any kind (.xlsx, .xls, .ods, .csv) into a grid of typed cells,
//! without touching the store: CSV encodings and separators are detected, binary junk refused.

use std::io::Cursor;
use std::path::Path;

mod guard;
pub use guard::{MAX_SHEET_ROWS, caught};

use calamine::Reader;

mod csv;
mod grid;
mod stream;

pub use csv::decode_text;
use csv::read_csv;
pub use grid::{CellRef, CompactSheet, Grid, TextRow, column_letter, number_text};
use stream::read_xlsx_compact;
pub use stream::{StreamStop, Streamed, stream_xlsx};

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
    /// Read again after its preview (a mapping change, or a check inside the write), the file
    /// was no longer the one previewed: changed, moved or deleted.
    #[error("the file changed since its preview")]
    ChangedSincePreview,
}

/// What a file was when it was read (its size and last change), so a later read can tell
/// whether it is still the same file: the preview keeps its rows, not the file's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl FileStamp {
    pub fn of(path: &Path) -> Result<FileStamp, ReadError> {
        let meta = std::fs::metadata(path).map_err(|e| ReadError::Io(e.to_string()))?;
        Ok(FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }

    /// `Ok` while the file at `path` is still the one this stamp was taken of.
    pub fn check(&self, path: &Path) -> Result<(), ReadError> {
        match FileStamp::of(path) {
            Ok(now) if now == *self => Ok(()),
            _ => Err(ReadError::ChangedSincePreview),
        }
    }
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
            (Lang::Zh, ReadError::ChangedSincePreview) => {
                "文件在预览之后被改动、移走或删除了，没有写入任何内容。请重新选择文件导入，预览会按它现在的内容重新检查。".into()
            }
            (Lang::En, ReadError::ChangedSincePreview) => "The file was changed, moved or deleted after its preview; nothing was written. Choose the file again: the preview checks it as it is now.".into(),
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
            guard::check_zip(Cursor::new(bytes))?;
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
