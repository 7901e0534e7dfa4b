//! Command-line tests: the real binary, as a script or a user at a terminal runs it.

mod common;

use common::zhaoshang;
use zhaoshang::domain::Stage;
use zhaoshang::store::Store;

#[test]
fn demo_writes_the_requested_projects() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zone.db");
    let out = zhaoshang()
        .arg("--db")
        .arg(&db)
        .args(["demo", "--projects", "500", "--seed", "9"])
        .output()
        .unwrap();
    let stdout = common::stdout_of_success(&out);
    assert!(stdout.contains("500"), "{stdout}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.project_count().unwrap(), 500);
    assert_eq!(store.teams().unwrap().len(), 6);
    // The ledger's entry order (its 序号) follows the day each lead began.
    let leads: Vec<_> = store
        .all_projects()
        .unwrap()
        .iter()
        .map(|p| {
            p.stage_date(Stage::Lead)
                .expect("every demo project began as a lead")
        })
        .collect();
    assert!(leads.is_sorted(), "entry order is not by lead day");
    assert!(
        leads.first() < leads.last(),
        "the leads span more than one day"
    );
}

#[test]
fn a_file_that_is_not_a_ledger_is_an_error_on_stderr_and_stays_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    let text = "项目名称,总投资\n".repeat(10);
    std::fs::write(&db, &text).unwrap();
    let out = zhaoshang()
        .arg("--db")
        .arg(&db)
        .args(["demo", "--projects", "5"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("不是数据库"), "{stderr}");
    assert!(stderr.contains("notes.db"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&db).unwrap(), text);
}

#[test]
fn bad_arguments_are_refused_with_usage() {
    let out = zhaoshang()
        .args(["demo", "--projects", "many"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--projects"));
}

fn run_ok(db: &std::path::Path, args: &[&str]) -> String {
    let out = zhaoshang().arg("--db").arg(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn run_err(db: &std::path::Path, args: &[&str]) -> String {
    let out = zhaoshang().arg("--db").arg(db).args(args).output().unwrap();
    assert!(!out.status.success(), "{args:?} should fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn targets_are_set_listed_changed_and_deleted_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zone.db");
    run_ok(&db, &["demo", "--projects", "200", "--seed", "4"]);
    let set = run_ok(
        &db,
        &[
            "target",
            "set",
            "--year",
            "2023",
            "--metric",
            "signed-amount",
            "--value",
            "401.5",
        ],
    );
    assert!(set.contains("2023年 全区 签约总投资：401.50亿元"), "{set}");
    run_ok(
        &db,
        &[
            "target",
            "set",
            "--year",
            "2023",
            "--metric",
            "tier-count",
            "--min-tier-yi",
            "10",
            "--value",
            "27",
        ],
    );
    // Setting the same period, scope and metric again changes the value, not a second target.
    run_ok(
        &db,
        &[
            "target",
            "set",
            "--year",
            "2023",
            "--metric",
            "signed-amount",
            "--value",
            "420",
        ],
    );
    let list = run_ok(&db, &["target", "list"]);
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(list.contains("420.00亿元"), "{list}");
    assert!(list.contains("10亿元以上签约项目数"), "{list}");

    let id = list
        .lines()
        .find(|l| l.contains("10亿元以上"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_string();
    let deleted = run_ok(&db, &["target", "delete", &id]);
    assert!(deleted.contains("已删除目标"), "{deleted}");
    assert_eq!(run_ok(&db, &["target", "list"]).lines().count(), 1);

    // Mistakes are explained, and nothing is written.
    let err = run_err(
        &db,
        &[
            "target",
            "set",
            "--year",
            "2023",
            "--team",
            "不存在的队伍",
            "--metric",
            "signed-count",
            "--value",
            "5",
        ],
    );
    assert!(err.contains("找不到队伍「不存在的队伍」"), "{err}");
    let err = run_err(
        &db,
        &[
            "target",
            "set",
            "--year",
            "2023",
            "--metric",
            "signed-count",
            "--value",
            "很多",
        ],
    );
    assert!(err.contains("目标值应为项目个数"), "{err}");
    let err = run_err(
        &db,
        &[
            "target",
            "set",
            "--year",
            "2023",
            "--metric",
            "tier-count",
            "--value",
            "3",
        ],
    );
    assert!(err.contains("--min-tier-yi"), "{err}");
    assert_eq!(run_ok(&db, &["target", "list"]).lines().count(), 1);
}

#[test]
fn the_report_prints_json_with_the_documented_keys_and_chinese_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zone.db");
    run_ok(&db, &["demo", "--projects", "500", "--seed", "7"]);
    let store = Store::open(&db).unwrap();
    let teams = store.teams().unwrap();
    // The demo's dates follow the clock: report on the year of its latest signing.
    let year = store
        .all_projects()
        .unwrap()
        .iter()
        .filter_map(|p| p.signed_date())
        .max()
        .map(|d| chrono::Datelike::year(&d))
        .unwrap();
    drop(store);
    let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
    run_ok(
        &db,
        &[
            "target",
            "set",
            "--year",
            &year.to_string(),
            "--team",
            &teams[0].name,
            "--metric",
            "signed-count",
            "--value",
            "12",
        ],
    );
    let json = run_ok(
        &db,
        &["report", "--from", &from, "--to", &to, "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    for key in [
        "from",
        "to",
        "signed",
        "started",
        "in_production",
        "same_period_last_year",
        "yoy",
        "targets",
        "by_industry",
        "by_region",
        "by_origin",
        "by_team",
        "by_stage",
        "by_tier",
    ] {
        assert!(report.get(key).is_some(), "missing {key}");
    }
    assert_eq!(report["from"], from.as_str());
    let target = &report["targets"][0];
    assert_eq!(target["scope"], teams[0].name.as_str());
    assert_eq!(target["target"], 12);
    for key in [
        "name",
        "metric",
        "actual",
        "completion_pct",
        "elapsed_pct",
        "ahead_points",
    ] {
        assert!(target.get(key).is_some(), "target missing {key}");
    }
    // The breakdowns add up to the headline.
    let count: i64 = report["by_industry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_i64().unwrap())
        .sum();
    assert_eq!(count, report["signed"]["count"].as_i64().unwrap());
    assert!(count > 0, "the demo signs projects in {year}");

    let text = run_ok(&db, &["report", "--from", &from, "--to", &to]);
    assert!(
        text.starts_with(&format!("{year}年1月1日至{year}年12月31日招商引资工作情况")),
        "{text}"
    );
    assert!(text.contains("二、目标完成情况"), "{text}");
    assert!(text.contains("七、各招商队伍赛马排名"), "{text}");

    let err = run_err(
        &db,
        &["report", "--from", "2025-09-01", "--to", "2025-01-01"],
    );
    assert!(err.contains("早于"), "{err}");
    let err = run_err(
        &db,
        &["report", "--from", "2025/01/01", "--to", "2025-02-01"],
    );
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

/// `zhaoshang … | head`: the reader goes away before the output is written. Every command
/// that prints ends quietly, without a panic on stderr.
#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zone.db");
    run_ok(&db, &["demo", "--projects", "300", "--seed", "3"]);
    run_ok(
        &db,
        &[
            "target",
            "set",
            "--year",
            "2024",
            "--metric",
            "signed-count",
            "--value",
            "9",
        ],
    );
    let xlsx = dir.path().join("out.xlsx");
    let xlsx = xlsx.to_str().unwrap();
    let commands: [&[&str]; 5] = [
        &["report", "--from", "2020-01-01", "--to", "2030-12-31"],
        &[
            "report",
            "--from",
            "2020-01-01",
            "--to",
            "2030-12-31",
            "--format",
            "json",
        ],
        &["target", "list"],
        &["export", "--out", xlsx],
        &["demo", "--projects", "5"],
    ];
    for args in commands {
        let mut child = zhaoshang()
            .arg("--db")
            .arg(&db)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end at once, as `head` does once it has its lines.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{args:?}: {stderr}"
        );
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
    }
}

#[test]
fn the_command_line_speaks_english_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zone.db");
    let done = run_ok(&db, &["--lang", "en", "demo", "--projects", "20"]);
    assert!(done.starts_with("Generated 20 demo projects"), "{done}");
    let err = run_err(
        &db,
        &[
            "--lang",
            "en",
            "target",
            "set",
            "--year",
            "2024",
            "--team",
            "Nobody",
            "--metric",
            "signed-count",
            "--value",
            "5",
        ],
    );
    assert!(err.starts_with("No team named \"Nobody\""), "{err}");
    // Chinese by default.
    let list = run_ok(&db, &["target", "list"]);
    assert!(list.starts_with("尚未设定目标"), "{list}");
    let list = run_ok(&db, &["target", "list", "--lang", "en"]);
    assert!(list.starts_with("No targets yet"), "{list}");
}

#[test]
fn a_file_that_cannot_be_opened_says_what_to_do_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").unwrap();
    let err = run_err(&db, &["target", "list"]);
    assert!(err.contains("--db"), "{err}");
    assert!(
        !err.contains("设置"),
        "no window advice at the terminal: {err}"
    );
}

#[test]
fn export_form_ledger_writes_the_offices_form_and_it_imports_back() {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zone.db");
    let run = |args: &[&str], db: &std::path::Path| {
        let out = zhaoshang().arg("--db").arg(db).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    run(&["demo", "--projects", "30", "--seed", "4"], &db);
    let form = dir.path().join("台账.xlsx");
    let plain = dir.path().join("plain.xlsx");
    let form_arg = form.to_str().unwrap();
    run(&["export", "--out", form_arg, "--form", "ledger"], &db);
    run(&["export", "--out", plain.to_str().unwrap()], &db);
    let first = |path: &std::path::Path| {
        let mut book = calamine::open_workbook_auto(path).unwrap();
        let range = book.worksheet_range("项目台账").unwrap();
        range
            .get((0, 0))
            .cloned()
            .unwrap_or(Data::Empty)
            .to_string()
    };
    assert!(
        first(&form).ends_with("年招商引资项目台账"),
        "{}",
        first(&form)
    );
    assert_eq!(first(&plain), "项目名称", "plain is the default");
    let other = dir.path().join("other.db");
    let said = run(&["import", form_arg], &other);
    assert!(said.contains("新增 30 个项目"), "{said}");
    assert_eq!(Store::open(&other).unwrap().project_count().unwrap(), 30);
}
