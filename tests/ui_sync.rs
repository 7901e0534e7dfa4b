//! The 同步 screen as a team lead uses it: an officer's bundle opened in the window shows a
//! preview and writes nothing until 确认合并; the merge is one 撤销 step; a conflicting field
//! shows in 冲突 with a badge, and 用对方的 settles it; a damaged or locked bundle is refused
//! in words with the ledger untouched.

mod common;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use common::{H, day, harness, start_empty, wait_until};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use uuid::Uuid;
use zhaoshang::app::{AppState, Screen, SyncAction};
use zhaoshang::domain::{Project, Stage};
use zhaoshang::i18n::{Lang, sync_error_text};
use zhaoshang::store::{ProjectFilter, Store, Write};
use zhaoshang::sync::{self, SyncError};

/// The officer's ledger file with one project; returns the store and the project's id.
fn officer_file(dir: &Path) -> (Store, Uuid) {
    let mut store = Store::open(&dir.join("officer.db")).expect("officer's file");
    let mut p = Project::new("新能源电池项目");
    p.company = "宁德新能源".into();
    p.set_stage_date(Stage::Lead, Some(day(2026, 3, 1)));
    let id = p.id;
    store.write(&[Write::PutProject(p)]).expect("written");
    (store, id)
}

fn export(store: &mut Store, dir: &Path, name: &str, passphrase: Option<&str>) -> PathBuf {
    let path = dir.join(name);
    sync::export_bundle_to(store, &path, None, passphrase).expect("bundle written");
    path
}

/// The lead's window over its own (empty) ledger file, past the first-run choice.
fn lead_window(dir: &Path) -> H {
    let store = Store::open(&dir.join("lead.db")).expect("lead's file");
    let mut h = harness(AppState::new(store, day(2026, 4, 1), Lang::Zh));
    start_empty(&mut h);
    h
}

/// Applies a 同步 action and waits for its worker (a preview, an export, a merge).
fn apply(h: &mut H, action: SyncAction) {
    h.state_mut().state.apply(action);
    wait_until(h, "the 同步 worker", |h| idle(&h.state().state));
}

fn idle(state: &AppState) -> bool {
    state.sync.working.is_none() && state.jobs.store.is_none()
}

/// Clicks 确认合并 and waits for the merge's worker to bring the store back.
fn confirm(h: &mut H) {
    h.get_by_role_and_label(Role::Button, "确认合并").click();
    wait_until(h, "the merge", |h| idle(&h.state().state));
}

/// The project's name while it is in the ledger (a deleted one is kept, soft-deleted).
fn name_of(h: &H, id: Uuid) -> Option<String> {
    let store = h.state().state.ledger.store();
    let live = store
        .ledger_totals(&ProjectFilter::default())
        .expect("totals");
    (live.count > 0)
        .then(|| h.state().state.project(id).map(|p| p.name))
        .flatten()
}

fn dump(h: &H) -> String {
    h.state().state.ledger.store().sync_dump().expect("dump")
}

fn notice(h: &H) -> String {
    h.state()
        .state
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_bundle_is_previewed_merged_undone_and_its_conflict_settled() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut officer, id) = officer_file(dir.path());
    let first = export(&mut officer, dir.path(), "first.zsync", None);
    let mut h = lead_window(dir.path());
    h.get_by_role_and_label(Role::Button, "同步").click();
    h.run();
    assert_eq!(h.state().state.screen, Screen::Sync);
    assert!(h.query_by_label("还没有合并过同步包。").is_some());

    // Preview: the counts, and nothing written.
    let before = dump(&h);
    apply(&mut h, SyncAction::OpenBundle(first));
    assert!(h.query_by_label("合并预览（尚未写入）").is_some());
    assert!(h.query_by_label("projects").is_some(), "a row per table");
    assert!(
        h.query_by_label("将产生冲突的字段：0").is_some(),
        "no conflicts in the preview"
    );
    assert_eq!(name_of(&h, id), None, "the preview writes nothing");
    assert_eq!(dump(&h), before, "the ledger is untouched");

    // 确认合并: the project is there, and one 撤销 takes it away again; 重做 brings it back.
    confirm(&mut h);
    assert!(h.query_by_label("合并预览（尚未写入）").is_none());
    assert_eq!(name_of(&h, id).as_deref(), Some("新能源电池项目"));
    assert!(
        h.query_by_label("还没有合并过同步包。").is_none(),
        "a receipt"
    );
    h.get_by_role_and_label(Role::Button, "撤销").click();
    h.run();
    assert_eq!(name_of(&h, id), None, "撤销 undoes the whole merge");
    assert!(h.query_by_label("（已撤销）").is_some());
    h.get_by_role_and_label(Role::Button, "重做").click();
    h.run();
    assert_eq!(name_of(&h, id).as_deref(), Some("新能源电池项目"));

    // Both sides rename the project: a conflict, with a badge, settled with 用对方的.
    let mut p = officer.project(id).expect("read").expect("there");
    p.name = "新能源电池二期".into();
    officer
        .write(&[Write::PutProject(p)])
        .expect("officer's edit");
    let mut p = h.state().state.project(id).expect("there");
    p.name = "电池项目（牵头）".into();
    h.state_mut()
        .state
        .ledger
        .write(&[Write::PutProject(p)])
        .expect("lead's edit");
    let second = export(&mut officer, dir.path(), "second.zsync", None);
    apply(&mut h, SyncAction::OpenBundle(second));
    assert!(h.query_by_label("将产生冲突的字段：1").is_some());
    confirm(&mut h);
    assert!(
        h.query_by_label("(1)").is_some(),
        "the badge counts one conflict"
    );
    // The record's column shows its current name too, so each value may be there twice.
    let shown = |h: &H, text: &str| h.query_all_by_label(text).next().is_some();
    assert!(shown(&h, "电池项目（牵头）"), "mine");
    assert!(shown(&h, "新能源电池二期"), "theirs");
    h.get_by_role_and_label(Role::Button, "用对方的").click();
    h.run();
    assert_eq!(name_of(&h, id).as_deref(), Some("新能源电池二期"));
    assert!(h.query_by_label("没有冲突。").is_some());
    assert!(h.query_by_label("(1)").is_none(), "the badge is gone");

    // 撤销 opens the conflict again with the field as it was; 重做 settles it again.
    h.get_by_role_and_label(Role::Button, "撤销").click();
    wait_until(&mut h, "the undo", |h| idle(&h.state().state));
    assert_eq!(name_of(&h, id).as_deref(), Some("电池项目（牵头）"));
    assert!(
        h.query_by_label("(1)").is_some(),
        "the conflict is open again"
    );
    assert!(h.query_by_label("没有冲突。").is_none());
    h.get_by_role_and_label(Role::Button, "重做").click();
    wait_until(&mut h, "the redo", |h| idle(&h.state().state));
    assert_eq!(name_of(&h, id).as_deref(), Some("新能源电池二期"));
    assert!(h.query_by_label("没有冲突。").is_some());
}

#[test]
fn a_duplicate_is_folded_from_the_window_as_one_undo_step() {
    let dir = tempfile::tempdir().expect("dir");
    let mut officer = Store::open(&dir.path().join("officer.db")).expect("officer's file");
    let mut p = Project::new("新能源电池项目");
    p.company = "宁德新能源".into();
    p.credit_code = "91320000MA1XYZ0009".into();
    p.set_stage_date(Stage::Lead, Some(day(2026, 3, 1)));
    let theirs = p.id;
    officer.write(&[Write::PutProject(p)]).expect("written");
    let bundle = export(&mut officer, dir.path(), "dup.zsync", None);
    let mut h = lead_window(dir.path());
    let mut mine = Project::new("电池项目");
    mine.company = "宁德新能源".into();
    mine.credit_code = "91320000MA1XYZ0009".into();
    mine.set_stage_date(Stage::Lead, Some(day(2026, 2, 1)));
    let keep = mine.id;
    h.state_mut()
        .state
        .ledger
        .write(&[Write::PutProject(mine)])
        .expect("the lead's own");
    h.get_by_role_and_label(Role::Button, "同步").click();
    h.run();
    apply(&mut h, SyncAction::OpenBundle(bundle));
    let text = "可能撞单：新能源电池项目 与已有的 电池项目";
    assert!(h.query_by_label(text).is_some(), "the preview names it");
    confirm(&mut h);
    let live = |h: &H, id: Uuid| h.state().state.ledger.store().is_live(id).expect("live");
    assert!(live(&h, theirs) && live(&h, keep));
    h.get_by_role_and_label(Role::Button, "并入已有项目")
        .click();
    wait_until(&mut h, "the fold", |h| idle(&h.state().state));
    assert!(!live(&h, theirs), "folded");
    assert!(live(&h, keep));
    assert!(h.query_by_label("并入已有项目").is_none());
    h.get_by_role_and_label(Role::Button, "撤销").click();
    wait_until(&mut h, "the undo", |h| idle(&h.state().state));
    assert!(live(&h, theirs), "撤销: two projects again");
    h.get_by_role_and_label(Role::Button, "重做").click();
    wait_until(&mut h, "the redo", |h| idle(&h.state().state));
    assert!(!live(&h, theirs), "重做: folded again");
}

#[test]
fn damaged_and_locked_bundles_are_refused_in_words() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut officer, id) = officer_file(dir.path());
    let locked = export(&mut officer, dir.path(), "locked.zsync", Some("团队口令甲"));
    let bytes = std::fs::read(&locked).expect("read");
    let cut = dir.path().join("cut.zsync");
    let plain = export(&mut officer, dir.path(), "plain.zsync", None);
    let plain_bytes = std::fs::read(&plain).expect("read");
    std::fs::write(&cut, &plain_bytes[..plain_bytes.len() / 2]).expect("cut");
    let not_bundle = dir.path().join("notes.txt");
    std::fs::write(&not_bundle, "这不是同步包").expect("write");
    assert!(bytes.len() > 10);

    let mut h = lead_window(dir.path());
    h.get_by_role_and_label(Role::Button, "同步").click();
    h.run();
    let before = dump(&h);
    for (path, error) in [
        (cut, SyncError::Truncated),
        (not_bundle, SyncError::NotABundle),
        (locked.clone(), SyncError::NeedsPassphrase),
    ] {
        apply(&mut h, SyncAction::OpenBundle(path.clone()));
        let words = sync_error_text(Lang::Zh, &error);
        assert!(notice(&h).contains(&words), "{path:?}: {}", notice(&h));
        assert!(h.query_by_label("合并预览（尚未写入）").is_none());
    }
    assert_eq!(
        dump(&h),
        before,
        "every refusal leaves the ledger as it was"
    );
    apply(&mut h, SyncAction::SetPassphrase("错的口令".into()));
    let before = dump(&h);
    apply(&mut h, SyncAction::OpenBundle(locked.clone()));
    let words = sync_error_text(Lang::Zh, &SyncError::WrongPassphrase);
    assert!(notice(&h).contains(&words), "{}", notice(&h));
    assert_eq!(name_of(&h, id), None);
    assert_eq!(
        dump(&h),
        before,
        "a wrong passphrase leaves the ledger as it was"
    );

    // The right passphrase opens it.
    apply(&mut h, SyncAction::SetPassphrase("团队口令甲".into()));
    apply(&mut h, SyncAction::OpenBundle(locked));
    assert!(h.query_by_label("合并预览（尚未写入）").is_some());
}

/// Draws frames until `done` holds, while a worker still runs (`wait_until` would also wait
/// for the worker to end); fails naming `what` after 60 s.
fn step_until(h: &mut H, what: &str, done: impl Fn(&H) -> bool) {
    let start = std::time::Instant::now();
    while !done(h) {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "waited for {what}"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Another program takes the ledger's write lock and holds it until told to let go.
fn hold_write_lock(db: &Path) -> (Sender<()>, JoinHandle<()>) {
    let (locked_tx, locked_rx) = channel();
    let (release_tx, release_rx): (Sender<()>, Receiver<()>) = channel();
    let db = db.to_path_buf();
    let holder = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&db).expect("another connection");
        conn.execute_batch("BEGIN IMMEDIATE").expect("the lock");
        locked_tx.send(()).expect("told");
        let _ = release_rx.recv_timeout(Duration::from_secs(20));
        conn.execute_batch("COMMIT").expect("the lock let go");
    });
    locked_rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the other program holds the lock");
    (release_tx, holder)
}

#[test]
fn a_merge_runs_on_a_worker_while_the_window_answers() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut officer, id) = officer_file(dir.path());
    let bundle = export(&mut officer, dir.path(), "first.zsync", None);
    let mut h = lead_window(dir.path());
    h.get_by_role_and_label(Role::Button, "同步").click();
    h.run();
    // Another program holds the ledger's write lock: the merge's worker waits its turn.
    let (release, holder) = hold_write_lock(&dir.path().join("lead.db"));
    h.state_mut().state.apply(SyncAction::OpenBundle(bundle));
    step_until(&mut h, "the preview", |h| {
        h.query_by_label("合并预览（尚未写入）").is_some()
    });
    assert!(
        h.query_by_label("projects").is_some(),
        "the preview's figures"
    );
    h.get_by_role_and_label(Role::Button, "确认合并").click();
    step_until(&mut h, "the progress line", |h| {
        h.query_by_label("正在合并同步包…").is_some()
    });
    // Meanwhile another screen is readable, and an edit is refused in words.
    h.get_by_role_and_label(Role::Button, "项目台账").click();
    h.run_steps(2);
    assert_eq!(h.state().state.screen, Screen::Projects);
    h.state_mut()
        .state
        .apply(SyncAction::SetPassphrase("口令".into()));
    assert!(notice(&h).contains("正在写入台账"), "{}", notice(&h));
    assert_eq!(h.state().state.sync_passphrase(), None, "nothing written");
    // (The notice's line moves the navigation down: drawn before the next click.)
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "同步").click();
    h.run_steps(2);
    assert!(h.query_by_label("还没有合并过同步包。").is_some());

    release.send(()).expect("let go");
    holder.join().expect("the other program");
    wait_until(&mut h, "the receipt", |h| {
        h.query_by_label("还没有合并过同步包。").is_none()
    });
    assert!(notice(&h).contains("已合并"), "{}", notice(&h));
    assert_eq!(name_of(&h, id).as_deref(), Some("新能源电池项目"));
    // The merge is one 撤销 step.
    h.get_by_role_and_label(Role::Button, "撤销").click();
    wait_until(&mut h, "the undo", |h| idle(&h.state().state));
    assert_eq!(name_of(&h, id), None);
    assert!(h.query_by_label("（已撤销）").is_some());
}
