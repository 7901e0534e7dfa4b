//! What the exported files hold (issues 11 and 13): a CSV of data rows only, cells of the type
//! and unit their header says, and the office's 台账 form that imports back.

use calamine::{Data, Reader};
use chrono::NaiveDate;
use zhaoshang::domain::money::WAN;
use zhaoshang::domain::target::ElapsedCounting;
use zhaoshang::domain::{Currency, Money, Project, RateTable, Stage};
use zhaoshang::io::export::{ExportForm, Names, export, export_as};
use zhaoshang::io::import::{Existing, IssueKind, Progress, preview};
use zhaoshang::io::review::write_pack;
use zhaoshang::io::sheet::read_bytes;
use zhaoshang::store::{Store, Write};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Two projects: one in CNY, one in euros.
fn projects() -> Vec<Project> {
    let mut a = Project::new("隔膜生产基地");
    a.company = "恩捷新材料有限公司".into();
    a.investment = Some(Money::cny(12_345 * WAN));
    a.stage = Stage::Signed;
    a.set_stage_date(Stage::Signed, Some(day(2025, 1, 8)));
    a.jobs = Some(350);
    let mut b = Project::new("汽车电子研发中心");
    b.company = "博世".into();
    b.investment = Some(Money {
        units: 3000 * WAN,
        currency: Currency::Eur,
    });
    b.stage = Stage::Signed;
    b.set_stage_date(Stage::Signed, Some(day(2025, 2, 1)));
    vec![a, b]
}

fn csv_records(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn a_csv_export_holds_the_data_rows_only_without_a_totals_row() {
    let dir = tempfile::tempdir().unwrap();
    let rates = RateTable::defaults();
    let names = Names {
        teams: &[],
        officers: &[],
        rates: &rates,
    };
    let path = dir.path().join("ledger.csv");
    assert_eq!(export(&path, &projects(), &names).unwrap(), 2);
    let (header, rows) = csv_records(&path);
    assert_eq!(header[0], "项目名称");
    assert_eq!(rows.len(), 2, "one record per project: {rows:?}");
    assert!(
        rows.iter().all(|r| !r[0].contains("合计")),
        "no 合计 row for pandas to count as a project: {rows:?}"
    );
    assert_eq!(rows[0][0], "隔膜生产基地");

    let empty = dir.path().join("empty.csv");
    assert_eq!(export(&empty, &[], &names).unwrap(), 0);
    let (header, rows) = csv_records(&empty);
    assert!(!header.is_empty());
    assert!(
        rows.is_empty(),
        "an empty ledger is the header alone: {rows:?}"
    );
    let text = std::fs::read_to_string(&empty).unwrap();
    assert_eq!(text.lines().count(), 1, "{text:?}");
}

fn names(rates: &RateTable) -> Names<'_> {
    Names {
        teams: &[],
        officers: &[],
        rates,
    }
}

/// The XML of the workbook's first sheet.
fn sheet_xml(path: &std::path::Path, sheet: usize) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut entry = zip
        .by_name(&format!("xl/worksheets/sheet{sheet}.xml"))
        .unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut entry, &mut xml).unwrap();
    xml
}

fn column_of(header: &[Data], name: &str) -> usize {
    header
        .iter()
        .position(|h| matches!(h, Data::String(s) if s == name))
        .unwrap_or_else(|| panic!("no column {name}: {header:?}"))
}

#[test]
fn jobs_are_whole_numbers_and_foreign_money_has_its_cny_total_currency_and_own_amount() {
    let dir = tempfile::tempdir().unwrap();
    let rates = RateTable::defaults();
    let path = dir.path().join("ledger.xlsx");
    export(&path, &projects(), &names(&rates)).unwrap();
    let xml = sheet_xml(&path, 1);
    assert!(xml.contains("<v>350</v>"), "就业岗位 as the integer 350");
    assert!(!xml.contains("<v>350.0</v>"), "not the decimal 350.0");

    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let range = book.worksheet_range("项目台账").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let header = &rows[0];
    let total = column_of(header, "总投资(万元)");
    let currency = column_of(header, "币种");
    let own = column_of(header, "原币金额(万)");
    assert!(!header.iter().any(|h| h.to_string().contains("折合")));
    let bosch = &rows[2];
    // 3000万欧元 at the default 7.7 = 23100万元.
    assert_eq!(
        bosch[total],
        Data::Float(23_100.0),
        "CNY under the 万元 header"
    );
    assert_eq!(bosch[currency], Data::String("欧元".into()));
    assert_eq!(bosch[own], Data::Float(3000.0));
    assert_eq!(
        rows[1][own],
        Data::Empty,
        "a CNY project has no other amount"
    );
    let last = rows.last().unwrap();
    assert_eq!(
        last[total],
        Data::Float(12_345.0 + 23_100.0),
        "the column sums"
    );

    // And back: the euros come in as euros.
    let bytes = std::fs::read(&path).unwrap();
    let book = read_bytes(&bytes, "xlsx", None).unwrap();
    let preview = preview(&book, None, &Existing::default(), &Progress::default()).unwrap();
    assert_eq!(preview.error_count(), 0, "{:?}", preview.issues);
    let amounts: Vec<Option<Money>> = preview
        .rows
        .iter()
        .map(|r| r.project().investment)
        .collect();
    assert_eq!(
        amounts,
        projects().iter().map(|p| p.investment).collect::<Vec<_>>()
    );
    assert!(
        !preview.issues.iter().any(|i| matches!(
            i.kind,
            IssueKind::TotalMismatch { .. } | IssueKind::TotalUnchecked
        )),
        "the 合计 checks against the CNY column: {:?}",
        preview.issues
    );
}

#[test]
fn the_review_packs_signing_dates_are_dates_and_amounts_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let writes: Vec<Write> = projects().into_iter().map(Write::PutProject).collect();
    store.write(&writes).unwrap();
    let out = dir.path().join("pack.xlsx");
    write_pack(
        &store,
        (2025, 1),
        ElapsedCounting::Days,
        day(2025, 3, 1),
        &out,
    )
    .unwrap();
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    let range = book.worksheet_range("新签约项目").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let header = &rows[3];
    let amount = column_of(header, "总投资(原币)");
    let signed = column_of(header, "签约日期");
    let line = &rows[4];
    assert_eq!(line[1], Data::String("隔膜生产基地".into()));
    assert_eq!(
        line[amount],
        Data::Float(12_345.0),
        "a number, not \"1.2345亿元\""
    );
    assert!(
        matches!(line[signed], Data::DateTime(_)),
        "a date, not text: {:?}",
        line[signed]
    );
    assert!(
        !sheet_xml(&out, 2).contains(".0</v>"),
        "counts and 序号 are whole numbers"
    );
}

#[test]
fn the_ledger_form_has_a_title_a_unit_line_and_numbers_and_imports_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let rates = RateTable::defaults();
    let path = dir.path().join("台账.xlsx");
    let form = ExportForm::Ledger { year: 2025 };
    assert_eq!(
        export_as(&path, &projects(), &names(&rates), form).unwrap(),
        2
    );
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let range = book.worksheet_range("项目台账").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0][0], Data::String("2025年招商引资项目台账".into()));
    assert_eq!(rows[1][0], Data::String("单位：万元".into()));
    assert_eq!(rows[2][0], Data::String("序号".into()));
    assert_eq!(rows[2][1], Data::String("项目名称".into()));
    assert_eq!(rows[3][0], Data::Float(1.0));
    assert_eq!(rows[4][0], Data::Float(2.0));
    assert!(rows.last().unwrap()[1].to_string().starts_with("合计"));

    let bytes = std::fs::read(&path).unwrap();
    let book = read_bytes(&bytes, "xlsx", None).unwrap();
    let preview = preview(&book, None, &Existing::default(), &Progress::default()).unwrap();
    assert_eq!(preview.header_row, 3);
    assert_eq!(preview.error_count(), 0, "{:?}", preview.issues);
    assert!(
        !preview.issues.iter().any(|i| matches!(
            i.kind,
            IssueKind::TotalMismatch { .. } | IssueKind::Ignored(_) | IssueKind::NoUnit
        )),
        "{:?}",
        preview.issues
    );
    let back: Vec<Project> = preview
        .rows
        .into_iter()
        .map(|r| Project {
            id: uuid::Uuid::nil(),
            ..r.project()
        })
        .collect();
    let expected: Vec<Project> = projects()
        .into_iter()
        .map(|p| Project {
            id: uuid::Uuid::nil(),
            ..p
        })
        .collect();
    assert_eq!(back, expected, "the same projects, field for field");
}
