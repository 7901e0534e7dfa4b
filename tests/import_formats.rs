//! .xls and .ods ledgers, as offices save them from older Excel, WPS or LibreOffice: a merged
//! title, a date line, the unit in the header, real date cells and a text date, a 合计 row and
//! a second sheet of notes. The files are made by tests/fixtures/make_fixtures.py (xlwt,
//! odfpy), since nothing here can write those formats.

mod common;

use common::{day, zhaoshang};

use std::path::{Path, PathBuf};

use zhaoshang::domain::Stage;
use zhaoshang::domain::money::Money;
use zhaoshang::io::import::{Existing, IssueKind, Progress, preview};
use zhaoshang::io::read_file;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn reads_the_office_ledger(name: &str) {
    let book = read_file(&fixture(name), None).unwrap();
    assert_eq!(
        book.sheets,
        vec!["项目台账".to_string(), "填表说明".to_string()]
    );
    let preview = preview(&book, None, &Existing::default(), &Progress::default()).unwrap();
    assert_eq!(preview.error_count(), 0, "{:?}", preview.issues);
    assert!(
        !preview.issues.iter().any(|i| matches!(
            i.kind,
            IssueKind::TotalMismatch { .. } | IssueKind::TotalUnchecked
        )),
        "the 合计 row agrees with the rows: {:?}",
        preview.issues
    );
    let rows: Vec<_> = preview.rows.iter().map(|r| r.project()).collect();
    let names: Vec<&str> = rows.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["动力电池项目", "智算中心项目", "高端轴承项目"]);
    // 万元 from the header: 125000 → 12.5亿; 32000.5万 stays exact.
    assert_eq!(rows[0].investment, Some(Money::cny(1_250_000_000)));
    assert_eq!(rows[2].investment, Some(Money::cny(320_005_000)));
    assert_eq!(rows[0].signed_date(), Some(day(2025, 1, 8)));
    assert_eq!(rows[1].signed_date(), Some(day(2025, 3, 18)));
    assert_eq!(rows[2].signed_date(), Some(day(2025, 5, 6)), "a text date");
    assert_eq!(rows[1].stage, Stage::Construction);
    assert_eq!(rows[2].origin, "德国");
    assert_eq!(
        preview
            .new_teams
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["新能源招商组", "数字经济招商局"]
    );
}

#[test]
fn an_xls_ledger_imports_with_its_dates_units_and_total() {
    reads_the_office_ledger("ledger.xls");
}

#[test]
fn an_ods_ledger_imports_with_its_dates_units_and_total() {
    reads_the_office_ledger("ledger.ods");
}

#[test]
fn the_command_line_imports_both_and_names_the_other_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.db");
    for name in ["ledger.xls", "ledger.ods"] {
        let out = zhaoshang()
            .arg("--db")
            .arg(&db)
            .args(["import", "--on-duplicate", "new"])
            .arg(fixture(name))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{name}: {text} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains('3'), "{name}: {text}");
    }
    // The notes sheet is no ledger: asked for by name, it says so.
    let out = zhaoshang()
        .arg("--db")
        .arg(&db)
        .args(["import", "--dry-run", "--sheet", "填表说明"])
        .arg(fixture("ledger.xls"))
        .output()
        .unwrap();
    assert!(!out.status.success());
}
