//! Command-line tests: the real binary, as a script or a user at a terminal runs it.

use std::process::Command;

use zhaoshang::store::Store;

fn zhaoshang() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
}

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
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("500"), "{stdout}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.project_count().unwrap(), 500);
    assert_eq!(store.teams().unwrap().len(), 6);
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
