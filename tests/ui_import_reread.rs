//! The import window keeps a preview's rows, not the file's cells (at 1,000,000 rows those held
//! 919 MB until the commit): confirming needs no file, and a second look at it (a column mapped
//! by hand, a check inside the write after another program wrote) reads the file again — only
//! if it is still the file previewed; otherwise it says so and writes nothing. And an import
//! into a new ledger puts its welcome away (it said 这个台账还是空的 over the imported projects).

mod common;

use std::path::{Path, PathBuf};

use common::{H, wait_until, window_on};
use egui_kittest::kittest::Queryable;
use zhaoshang::app::ImportAction;
use zhaoshang::io::Field;
use zhaoshang::store::Store;

/// `rows` projects whose third column the importer does not know (对接科室).
fn ledger_file(dir: &Path, name: &str, rows: usize) -> PathBuf {
    let mut csv = "项目名称,总投资(万元),对接科室\n".to_string();
    for i in 0..rows {
        csv.push_str(&format!("{name}项目{i},{},招商一科\n", 1000 + i));
    }
    let file = dir.join(format!("{name}.csv"));
    std::fs::write(&file, csv).expect("the file is written");
    file
}

fn shows(h: &H, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

fn preview(h: &mut H, file: &Path) {
    h.state_mut()
        .state
        .apply(ImportAction::Start(file.to_path_buf(), None));
    wait_until(h, "the preview", |h| shows(h, "行：可导入"));
}

fn projects_in(db: &Path) -> usize {
    let store = Store::open(db).expect("the ledger opens");
    store.project_count().expect("projects counted") as usize
}

/// A window on a new ledger showing the preview of a 12-row file (the folder holds both).
fn previewed() -> (tempfile::TempDir, PathBuf, PathBuf, H) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zone.db");
    drop(Store::open(&db).expect("a new ledger"));
    let file = ledger_file(dir.path(), "储能", 12);
    let mut h = window_on(&db);
    preview(&mut h, &file);
    (dir, db, file, h)
}

const CHANGED: &str = "文件在预览之后被改动、移走或删除了";

#[test]
fn a_previewed_file_deleted_before_the_commit_is_still_imported_as_previewed() {
    let (_dir, db, file, mut h) = previewed();
    std::fs::remove_file(&file).expect("the file is deleted");

    h.get_by_label("确认导入（12）").click();
    wait_until(&mut h, "the import's notice", |h| shows(h, "已导入："));
    assert!(shows(&h, "新增 12 个项目"), "{:?}", h.state().state.notice);
    assert_eq!(projects_in(&db), 12);
}

#[test]
fn a_file_changed_after_its_preview_is_not_imported_when_the_commit_must_read_it_again() {
    let (dir, db, file, mut h) = previewed();
    // The user adds a row in Excel meanwhile (now 13) …
    let now = std::fs::read_to_string(&file).expect("the file is read") + "新增项目,1,招商一科\n";
    std::fs::write(&file, now).expect("the file is changed");
    // … and another program imports into the ledger, so the commit must check again.
    let other = ledger_file(dir.path(), "光伏", 3);
    let out = common::zhaoshang()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&other)
        .output()
        .expect("the binary runs");
    assert!(common::stdout_of_success(&out).contains("新增 3 个项目"));

    h.get_by_label("确认导入（12）").click();
    wait_until(&mut h, "the refusal", |h| shows(h, CHANGED));
    // Nothing of the changed file was written: neither the 12 previewed nor its 13 rows now.
    assert_eq!(projects_in(&db), 3);
    assert_eq!(h.state().state.ledger.store().project_count().unwrap(), 3);
}

#[test]
fn a_column_mapped_by_hand_reads_the_file_again_and_refuses_a_changed_one() {
    let (_dir, db, file, mut h) = previewed();
    let ready = |h: &H| match &h.state().state.import {
        Some(zhaoshang::app::import::ImportState::Ready(session)) => {
            Some(session.preview.new_teams.len())
        }
        _ => None,
    };
    assert_eq!(ready(&h), Some(0), "对接科室 is not read yet");

    // Mapped to 招商队伍: the file is read again, and its one team is found.
    h.state_mut()
        .state
        .apply(ImportAction::SetColumn(2, Some(Field::Team)));
    wait_until(&mut h, "the second check", |h| ready(h) == Some(1));
    assert!(
        shows(&h, "招商一科"),
        "the new team is named in the preview"
    );

    // Changed on disk: the next mapping change says so instead of showing other rows.
    std::fs::write(
        &file,
        "项目名称,总投资(万元),对接科室\n别的项目,5,招商二科\n",
    )
    .expect("the file is changed");
    h.state_mut().state.apply(ImportAction::SetColumn(1, None));
    wait_until(&mut h, "the refusal", |h| shows(h, CHANGED));
    assert_eq!(projects_in(&db), 0, "nothing written");
}

#[test]
fn an_import_into_a_new_ledger_puts_the_welcome_away() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zone.db");
    let file = ledger_file(dir.path(), "储能", 12);
    let store = Store::open(&db).expect("a new ledger");
    let state =
        zhaoshang::app::AppState::new(store, common::day(2026, 3, 2), zhaoshang::i18n::Lang::Zh);
    let mut h = common::harness(state);
    h.run();
    assert!(shows(&h, "这个台账还是空的"), "a new ledger is welcomed");
    // As `zhaoshang --import FILE` opens it: the import's preview over the welcome.
    preview(&mut h, &file);
    h.get_by_label("确认导入（12）").click();
    wait_until(&mut h, "the import's notice", |h| shows(h, "已导入："));
    assert!(!shows(&h, "这个台账还是空的"), "no longer empty");
    drop(h);
    let store = Store::open(&db).expect("opens again");
    let again =
        zhaoshang::app::AppState::new(store, common::day(2026, 3, 2), zhaoshang::i18n::Lang::Zh);
    assert!(!again.show_first_run, "nor when opened again");
}
