//! The window's side of "nothing lost" (issue 12): a scratch ledger after a refused file is
//! said until it is fixed, a read-only ledger is marked and refuses edits in words, the
//! backups beside a ledger are restored as copies (a write that waits its turn: `ui_wait.rs`).

mod common;

use std::path::{Path, PathBuf};

use common::{H, harness, wait_until};
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{AppState, SettingsAction};
use zhaoshang::domain::Project;
use zhaoshang::i18n::Lang;
use zhaoshang::store::{Store, Write};

const BANNER: &str = "未保存：当前是临时台账，关闭后内容会丢失";

fn today() -> chrono::NaiveDate {
    common::day(2026, 3, 2)
}

/// A real ledger at `path` holding one project named `name`.
fn ledger_with(path: &Path, name: &str) {
    let mut store = Store::open(path).expect("a new ledger");
    store
        .write(&[Write::PutProject(Project::new(name))])
        .expect("the project is written");
}

/// A backup beside `ledger` (as a migration names it) holding one project named `name`.
fn backup_beside(ledger: &Path, name: &str) -> PathBuf {
    let dir = ledger.parent().expect("a folder");
    let source = dir.join("source-of-backup.db");
    ledger_with(&source, name);
    let mut file = ledger.file_name().expect("a name").to_os_string();
    file.push(".v3-20260101-000000.bak");
    let backup = dir.join(file);
    Store::open(&source)
        .expect("the source opens")
        .save_copy(&backup)
        .expect("the backup is written");
    std::fs::remove_file(&source).expect("the source goes");
    backup
}

fn shows(h: &H, label: &str) -> bool {
    h.query_all_by_label_contains(label).next().is_some()
}

fn project_names(state: &AppState) -> Vec<String> {
    state
        .store()
        .all_projects()
        .expect("projects read")
        .into_iter()
        .map(|p| p.name)
        .collect()
}

#[test]
fn a_refused_file_is_said_until_another_is_open_and_its_backup_restores_as_a_copy() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zs.db");
    std::fs::write(&db, b"").expect("an empty file");
    let backup = backup_beside(&db, "备份里的项目");
    let backup_bytes = std::fs::read(&backup).expect("the backup reads");

    // As main.rs builds the window for a file it cannot open.
    let state = AppState::for_window(&db, today(), Lang::Zh).expect("a scratch ledger");
    let mut h = harness(state);
    h.run();
    assert!(shows(&h, BANNER), "the scratch ledger is marked");
    assert!(shows(&h, "文件是空的"), "the refusal's reason is shown");
    h.get_by_label("知道了").click();
    h.run();
    assert!(h.state().state.notice.is_none(), "the notice is dismissed");
    assert!(shows(&h, BANNER), "the mark stays after the notice goes");
    assert!(shows(&h, "文件是空的"), "and so does the reason");
    h.get_by_label("打开其他台账…");
    h.get_by_label("新建台账…");

    h.get_by_label("恢复最新备份").click();
    wait_until(&mut h, "the restored copy is open", |h| {
        h.state().state.scratch.is_none()
    });
    let state = &h.state().state;
    let opened = state.ledger.path().expect("a file is open").to_path_buf();
    assert_eq!(opened.parent(), Some(dir.path()), "the copy is beside it");
    assert!(
        opened
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("zs-恢复-")),
        "{opened:?}"
    );
    assert_eq!(project_names(state), vec!["备份里的项目".to_string()]);
    assert!(!shows(&h, BANNER), "the mark goes once a real file is open");
    assert_eq!(std::fs::read(&backup).expect("reads"), backup_bytes);
    assert_eq!(std::fs::metadata(&db).expect("still there").len(), 0);
}

#[test]
fn a_backup_opens_read_only_refuses_edits_in_words_and_saves_a_writable_copy() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zs.db");
    ledger_with(&db, "现有项目");
    let backup = backup_beside(&db, "备份里的项目");
    let backup_bytes = std::fs::read(&backup).expect("the backup reads");

    let state = AppState::for_window(&backup, today(), Lang::Zh).expect("opens to read");
    let mut h = harness(state);
    h.run();
    assert!(h.state().state.is_read_only());
    h.get_by_label("只读");
    assert_eq!(
        project_names(&h.state().state),
        vec!["备份里的项目".to_string()]
    );

    h.state_mut()
        .state
        .apply(SettingsAction::SetIndustries(vec!["新行业".into()]));
    h.run();
    let notice = h.state().state.notice.clone().expect("the edit is refused");
    assert!(notice.text.contains("该台账只能读取"), "{}", notice.text);
    assert!(
        !h.state()
            .state
            .ledger
            .industries
            .contains(&"新行业".to_string())
    );
    h.get_by_label("另存为可写副本…");

    let copy = dir.path().join("writable.db");
    h.state_mut()
        .state
        .apply(SettingsAction::SaveCopy(copy.clone()));
    h.run();
    let state = &h.state().state;
    assert!(!state.is_read_only(), "the copy is open for writing");
    assert_eq!(state.ledger.path(), Some(copy.as_path()));
    assert!(!shows(&h, "另存为可写副本…"));
    h.state_mut()
        .state
        .apply(SettingsAction::SetIndustries(vec!["新行业".into()]));
    assert!(
        h.state()
            .state
            .ledger
            .industries
            .contains(&"新行业".to_string())
    );
    assert_eq!(std::fs::read(&backup).expect("reads"), backup_bytes);
}

#[test]
fn settings_lists_the_backups_and_restores_one_as_a_copy() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zs.db");
    ledger_with(&db, "现有项目");
    let backup = backup_beside(&db, "备份里的项目");
    let backup_bytes = std::fs::read(&backup).expect("the backup reads");
    let name = backup
        .file_name()
        .expect("a name")
        .to_string_lossy()
        .into_owned();

    let mut state = AppState::for_window(&db, today(), Lang::Zh).expect("opens");
    state.screen = zhaoshang::app::Screen::Settings;
    let mut h = harness(state);
    h.run();
    h.get_by_label(&name);
    h.get_by_label("恢复为副本").click();
    wait_until(&mut h, "the restored copy is open", |h| {
        h.state().state.ledger.path() != Some(db.as_path())
    });
    let state = &h.state().state;
    assert_eq!(project_names(state), vec!["备份里的项目".to_string()]);
    assert_eq!(std::fs::read(&backup).expect("reads"), backup_bytes);
    assert!(!state.is_read_only());
}
