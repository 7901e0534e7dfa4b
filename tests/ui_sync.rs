//! The 同步 screen as a team lead uses it: an officer's bundle opened in the window shows a
//! preview and writes nothing until 确认合并; the merge is one 撤销 step; a conflicting field
//! shows in 冲突 with a badge, and 用对方的 settles it; a damaged or locked bundle is refused
//! in words with the ledger untouched.

mod common;

use std::path::{Path, PathBuf};

use common::{H, day, harness, start_empty};
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

fn apply(h: &mut H, action: SyncAction) {
    h.state_mut().state.apply(action);
    h.run();
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
    h.get_by_role_and_label(Role::Button, "确认合并").click();
    h.run();
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
    h.get_by_role_and_label(Role::Button, "确认合并").click();
    h.run();
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
