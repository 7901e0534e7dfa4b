//! An .xlsx is checked while it is still being parsed, in blocks of rows. These tests compare
//! that with reading the whole sheet first, on files that span many blocks: every project,
//! every message and every row number must be the same, or a user would see a different
//! preview depending on how large their file is.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use zhaoshang::io::import::{Existing, ImportPreview, Progress, preview, read_and_check};
use zhaoshang::io::sheet::read_bytes;

/// A ledger of `rows` projects starting at B3 under a title, with text repeated on every row
/// (industry, team, stage: shared strings the blocks must each carry), dates, a few blank rows
/// and duplicates, a bad amount, and a 合计 row.
fn ledger(rows: usize) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_string(0, 1, "2025年新签约项目台账").unwrap();
    for (c, h) in [
        "项目名称",
        "投资主体",
        "所属产业",
        "总投资（万元）",
        "项目进展",
        "签约日期",
        "责任单位",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, 1 + c as u16, *h).unwrap();
    }
    let industries = ["新能源", "生物医药", "数字经济", "高端装备"];
    let mut r = 3u32;
    let mut sum = 0.0;
    for i in 0..rows {
        if i % 4_999 == 17 {
            r += 1; // a blank row
        }
        let n = if i % 7_001 == 5 { 3 } else { i };
        sheet.write_string(r, 1, format!("项目{n}")).unwrap();
        sheet.write_string(r, 2, format!("企业{n}")).unwrap();
        sheet.write_string(r, 3, industries[i % 4]).unwrap();
        if i == 12_345 {
            sheet.write_string(r, 4, "五个亿").unwrap();
        } else {
            let amount = (100 + i % 900) as f64;
            sum += amount;
            sheet.write_number(r, 4, amount).unwrap();
        }
        sheet.write_string(r, 5, "已签约").unwrap();
        let day = ExcelDateTime::from_ymd(2025, 1 + (i % 12) as u8, 1 + (i % 28) as u8).unwrap();
        sheet.write_date_with_format(r, 6, &day, &date).unwrap();
        sheet.write_string(r, 7, format!("第{}组", i % 5)).unwrap();
        r += 1;
    }
    sheet.write_string(r, 1, "合计").unwrap();
    sheet.write_number(r, 4, sum).unwrap();
    book.save_to_buffer().unwrap()
}

fn summary(p: &ImportPreview) -> Vec<String> {
    let mut lines = vec![format!(
        "{} rows, {} bad, {} blank, header {}",
        p.total_rows, p.bad_rows, p.blank_rows, p.header_row
    )];
    lines.extend(p.rows.iter().map(|r| {
        format!(
            "{} {} {} {} {:?} {:?} {:?} {:?}",
            r.row,
            r.project().name,
            r.project().company,
            r.project().industry,
            r.project().investment,
            r.project().stage,
            r.project().signed_date(),
            r.present
        )
    }));
    lines.extend(
        p.issues
            .iter()
            .map(|i| format!("{} {} {:?}", i.row, i.column, i.kind)),
    );
    let mut teams: Vec<&str> = p.new_teams.iter().map(|t| t.name.as_str()).collect();
    teams.sort();
    lines.push(teams.join(","));
    lines
}

#[test]
fn a_large_xlsx_checked_while_parsed_matches_the_whole_sheet_read_first() {
    let bytes = ledger(20_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let existing = Existing::default();

    let streamed = read_and_check(&path, None, &existing, &|_| None, &Progress::default()).unwrap();
    let whole_book = read_bytes(&bytes, "xlsx", None).unwrap();
    let whole = preview(&whole_book, None, &existing, &Progress::default()).unwrap();

    assert_eq!(streamed.rows.len(), 19_999, "one bad amount");
    assert_eq!(streamed.bad_rows, 1);
    assert_eq!(streamed.blank_rows, 4);
    let (a, b) = (summary(&streamed), summary(&whole));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
}

#[test]
fn a_small_xlsx_and_a_cancelled_one_are_handled_like_the_whole_read() {
    let bytes = ledger(40);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let existing = Existing::default();
    let streamed = read_and_check(&path, None, &existing, &|_| None, &Progress::default()).unwrap();
    let whole = preview(
        &read_bytes(&bytes, "xlsx", None).unwrap(),
        None,
        &existing,
        &Progress::default(),
    )
    .unwrap();
    assert_eq!(summary(&streamed), summary(&whole));

    let progress = Progress::default();
    progress
        .cancel
        .store(true, std::sync::atomic::Ordering::Relaxed);
    let big = dir.path().join("big.xlsx");
    std::fs::write(&big, ledger(20_000)).unwrap();
    assert!(read_and_check(&big, None, &existing, &|_| None, &progress).is_err());
}
