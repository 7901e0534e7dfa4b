//! CSV ledgers: the encoding (UTF-8 or GB18030) and the separator are detected from the text.

use super::grid::{Grid, TextRow};
use super::{ReadError, Workbook};

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

pub(super) fn read_csv(bytes: &[u8]) -> Result<Workbook, ReadError> {
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
