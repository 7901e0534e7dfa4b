//! Two writers importing into one ledger file through the window (issue 12): two windows, or a
//! window and the command line, import the same 30-row file at once. The window's commit checks
//! duplicates and team names again inside its write transaction, so the file's projects come
//! in once, a new team is made once, and the window says the rows were skipped as duplicates.

mod common;

use std::path::{Path, PathBuf};

use common::{H, wait_until, window_on};
use egui_kittest::kittest::Queryable;
use zhaoshang::app::ImportAction;
use zhaoshang::store::Store;

const TEAM: &str = "新组建储能专班";

/// A 30-row ledger file whose rows all name one team the ledger does not have yet.
fn thirty_rows(dir: &Path) -> PathBuf {
    let mut csv = "项目名称,投资主体,总投资(万元),阶段,招商队伍\n".to_string();
    for i in 0..30 {
        csv.push_str(&format!(
            "储能项目{i},新能源企业{i}有限公司,{},在谈,{TEAM}\n",
            1000 + i
        ));
    }
    let file = dir.join("台账.csv");
    std::fs::write(&file, csv).expect("the file is written");
    file
}

fn shows(h: &H, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// Opens the import of `file` and waits for its preview.
fn preview(h: &mut H, file: &Path) {
    h.state_mut()
        .state
        .apply(ImportAction::Start(file.to_path_buf(), None));
    wait_until(h, "the preview", |h| shows(h, "行：可导入"));
}

/// Clicks 确认导入 for `n` rows and waits for the window to say what came in.
fn confirm(h: &mut H, n: usize) {
    h.get_by_label(&format!("确认导入（{n}）")).click();
    wait_until(h, "the import's notice", |h| shows(h, "已导入："));
}

/// What the ledger file holds, read as another program would: its projects and the teams named
/// [`TEAM`].
fn ledger_counts(db: &Path) -> (usize, usize) {
    let store = Store::open(db).expect("the ledger opens");
    let projects = store.project_count().expect("projects counted") as usize;
    let teams = store.teams().expect("teams read");
    (projects, teams.iter().filter(|t| t.name == TEAM).count())
}

/// The window says its 30 rows were checked again and skipped as duplicates, and the ledger
/// holds the file's 30 projects and its one team.
fn all_skipped_as_duplicates(h: &H, db: &Path) {
    assert!(
        shows(h, "新增 0 个项目，更新 0 个，跳过 30 个"),
        "{:?}",
        h.state().state.notice
    );
    assert!(shows(h, "已按最新台账重新核对重复项目和招商队伍"));
    assert_eq!(ledger_counts(db), (30, 1));
}

#[test]
fn two_windows_importing_one_file_at_once_add_its_projects_and_its_team_once() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zone.db");
    drop(Store::open(&db).expect("a new ledger"));
    let file = thirty_rows(dir.path());
    let mut first = window_on(&db);
    let mut second = window_on(&db);
    // Both preview the file against the same empty ledger: each would add 30.
    preview(&mut first, &file);
    preview(&mut second, &file);
    assert!(shows(&second, TEAM), "the new team is named in the preview");

    confirm(&mut first, 30);
    assert!(shows(&first, "新增 30 个项目"), "the first adds them all");
    confirm(&mut second, 30);
    // The second window checked its rows again inside its write: all are duplicates now.
    all_skipped_as_duplicates(&second, &db);
    // Each window shows the ledger as it is: 30 projects, one team.
    for h in [&first, &second] {
        let ledger = &h.state().state.ledger;
        assert_eq!(ledger.store().project_count().expect("counted"), 30);
        assert_eq!(ledger.teams.iter().filter(|t| t.name == TEAM).count(), 1);
    }
    // The second window's import is one undo step that changed nothing: undoing the first
    // window's takes the 30 away again.
    first.state_mut().state.apply(zhaoshang::app::Action::Undo);
    assert_eq!(ledger_counts(&db).0, 0);
}

#[test]
fn the_command_line_importing_between_a_windows_preview_and_its_commit_is_seen() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zone.db");
    drop(Store::open(&db).expect("a new ledger"));
    let file = thirty_rows(dir.path());
    let mut h = window_on(&db);
    preview(&mut h, &file);

    let out = common::zhaoshang()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&file)
        .output()
        .expect("the binary runs");
    let said = common::stdout_of_success(&out);
    assert!(said.contains("新增 30 个项目"), "{said}");
    assert_eq!(ledger_counts(&db), (30, 1));

    confirm(&mut h, 30);
    all_skipped_as_duplicates(&h, &db);
}

#[test]
fn an_import_with_nothing_written_meanwhile_is_not_checked_again() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zone.db");
    drop(Store::open(&db).expect("a new ledger"));
    let file = thirty_rows(dir.path());
    let mut h = window_on(&db);
    preview(&mut h, &file);
    confirm(&mut h, 30);
    assert!(shows(&h, "新增 30 个项目"));
    assert!(!shows(&h, "重新核对"), "{:?}", h.state().state.notice);
    assert_eq!(ledger_counts(&db), (30, 1));
}

#[test]
fn two_windows_importing_two_files_naming_one_new_team_make_it_once() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zone.db");
    drop(Store::open(&db).expect("a new ledger"));
    let header = "项目名称,投资主体,总投资(万元),阶段,招商队伍\n";
    let first_file = dir.path().join("一.csv");
    let second_file = dir.path().join("二.csv");
    std::fs::write(
        &first_file,
        format!("{header}氢能重卡项目,氢途科技,5000,在谈,{TEAM}\n"),
    )
    .expect("written");
    std::fs::write(
        &second_file,
        format!("{header}固态电池项目,固锂新能源,8000,已签约,{TEAM}\n"),
    )
    .expect("written");
    let mut first = window_on(&db);
    let mut second = window_on(&db);
    preview(&mut first, &first_file);
    preview(&mut second, &second_file);
    confirm(&mut first, 1);
    confirm(&mut second, 1);
    assert!(
        shows(&second, "新增 1 个项目"),
        "{:?}",
        second.state().state.notice
    );
    assert!(shows(&second, "已按最新台账重新核对重复项目和招商队伍"));
    assert_eq!(ledger_counts(&db), (2, 1));
    let store = Store::open(&db).expect("opens");
    let team = store
        .teams()
        .expect("read")
        .into_iter()
        .find(|t| t.name == TEAM)
        .expect("the team");
    let projects = store.all_projects().expect("read");
    assert!(projects.iter().all(|p| p.team_id == Some(team.id)));
}
