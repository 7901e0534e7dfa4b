//! What the exported files hold (issues 11 and 13): a CSV of data rows only, cells of the type
//! and unit their header says, and the office's 台账 form that imports back.

use chrono::NaiveDate;
use zhaoshang::domain::money::WAN;
use zhaoshang::domain::{Currency, Money, Project, RateTable, Stage};
use zhaoshang::io::export::{Names, export};

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
