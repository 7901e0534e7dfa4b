//! The 同步 screen's later pieces as a team lead uses them: a conflicting amount settled by an
//! edited value (checked first, one 撤销 step); possible 撞单 that are still listed after the
//! window is closed and opened again, until folded or marked 不是同一项目; and the 数据截至
//! days set in Settings, which the 同步 screen's marks follow.

mod common;

use std::path::{Path, PathBuf};

use chrono::{Duration, Local};
use common::{H, day, fill, harness, wait_until};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use uuid::Uuid;
use zhaoshang::app::{AppState, Screen, SyncAction};
use zhaoshang::domain::{Currency, Money, Project, Stage};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{Store, Write};
use zhaoshang::sync;

fn export(store: &mut Store, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    sync::export_bundle_to(store, &path, None, None).expect("bundle written");
    path
}

/// The lead's window over its ledger file (made or opened again), on the 同步 screen.
fn lead_window(dir: &Path, today: chrono::NaiveDate) -> H {
    let store = Store::open(&dir.join("lead.db")).expect("lead's file");
    let mut h = harness(AppState::new(store, today, Lang::Zh));
    h.run();
    if h.query_by_label("从空台账开始").is_some() {
        h.get_by_label("从空台账开始").click();
        h.run();
    }
    h.get_by_role_and_label(Role::Button, "同步").click();
    h.run();
    h
}

fn idle(state: &AppState) -> bool {
    state.sync.working.is_none() && state.jobs.store.is_none()
}

/// Opens a bundle, clicks 确认合并 and waits for the merge to land.
fn merge(h: &mut H, bundle: PathBuf) {
    h.state_mut().state.apply(SyncAction::OpenBundle(bundle));
    wait_until(h, "the preview", |h| idle(&h.state().state));
    h.get_by_role_and_label(Role::Button, "确认合并").click();
    wait_until(h, "the merge", |h| idle(&h.state().state));
}

fn click(h: &mut H, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    wait_until(h, label, |h| idle(&h.state().state));
}

fn amount_of(h: &H, id: Uuid) -> Option<i64> {
    h.state()
        .state
        .project(id)
        .and_then(|p| p.investment)
        .map(|m| m.units)
}

fn cny(units: i64) -> Option<Money> {
    Some(Money {
        units,
        currency: Currency::Cny,
    })
}

#[test]
fn a_conflicting_amount_is_settled_by_an_edited_value_as_one_undo_step() {
    let dir = tempfile::tempdir().expect("dir");
    let mut officer = Store::open(&dir.path().join("officer.db")).expect("officer's file");
    let mut p = Project::new("新能源电池项目");
    p.investment = cny(50_000_000);
    p.set_stage_date(Stage::Lead, Some(day(2026, 3, 1)));
    let id = p.id;
    officer
        .write(&[Write::PutProject(p.clone())])
        .expect("written");
    let first = export(&mut officer, dir.path(), "first.zsync");
    let mut h = lead_window(dir.path(), day(2026, 4, 1));
    merge(&mut h, first);

    // Both sides change the amount: one conflict, with a badge.
    p.investment = cny(60_000_000);
    officer
        .write(&[Write::PutProject(p.clone())])
        .expect("officer's edit");
    p.investment = cny(55_000_000);
    h.state_mut()
        .state
        .ledger
        .write(&[Write::PutProject(p)])
        .expect("lead's edit");
    let second = export(&mut officer, dir.path(), "second.zsync");
    merge(&mut h, second);
    assert!(h.query_by_label("(1)").is_some(), "one conflict");

    // 编辑 opens an editor in 万 with this file's value; a bad amount is refused in words.
    h.get_by_role_and_label(Role::Button, "编辑").click();
    h.run();
    assert!(h.query_by_label("编辑冲突字段").is_some());
    let dump = |h: &H| h.state().state.ledger.store().sync_dump().expect("dump");
    let before = dump(&h);
    fill(&mut h, "新值", "五千万");
    h.get_by_role_and_label(Role::Button, "确认").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("无法识别的金额")
            .next()
            .is_some(),
        "the amount is refused in words"
    );
    assert_eq!(dump(&h), before, "nothing written");
    assert!(h.query_by_label("(1)").is_some());

    // 6200 (万) and 确认: the project has it, the conflict is gone.
    fill(&mut h, "新值", "6200");
    h.get_by_role_and_label(Role::Button, "确认").click();
    h.run();
    assert!(h.query_by_label("编辑冲突字段").is_none(), "closed");
    assert_eq!(amount_of(&h, id), Some(62_000_000));
    assert!(h.query_by_label("(1)").is_none(), "the badge is gone");
    assert!(h.query_by_label("没有冲突。").is_some());

    // 撤销 opens the conflict again with this file's value; 重做 settles it again.
    click(&mut h, "撤销");
    assert_eq!(amount_of(&h, id), Some(55_000_000));
    assert!(h.query_by_label("(1)").is_some(), "open again");
    click(&mut h, "重做");
    assert_eq!(amount_of(&h, id), Some(62_000_000));
    assert!(h.query_by_label("没有冲突。").is_some());
}

/// The officer's project and the lead's own with the same credit code: a possible 撞单.
fn duplicate_files(dir: &Path) -> (PathBuf, Uuid, Uuid) {
    let mut officer = Store::open(&dir.join("officer.db")).expect("officer's file");
    let mut p = Project::new("新能源电池项目");
    p.company = "宁德新能源".into();
    p.credit_code = "91320000MA1XYZ0009".into();
    p.set_stage_date(Stage::Lead, Some(day(2026, 3, 1)));
    let theirs = p.id;
    officer.write(&[Write::PutProject(p)]).expect("written");
    let bundle = export(&mut officer, dir, "dup.zsync");
    let mut lead = Store::open(&dir.join("lead.db")).expect("lead's file");
    let mut mine = Project::new("电池项目");
    mine.company = "宁德新能源".into();
    mine.credit_code = "91320000MA1XYZ0009".into();
    mine.set_stage_date(Stage::Lead, Some(day(2026, 2, 1)));
    let keep = mine.id;
    lead.write(&[Write::PutProject(mine)])
        .expect("the lead's own");
    (bundle, theirs, keep)
}

#[test]
fn a_possible_duplicate_outlives_the_window_until_folded_or_dismissed() {
    let dir = tempfile::tempdir().expect("dir");
    let (bundle, theirs, keep) = duplicate_files(dir.path());
    let listed = "可能撞单：新能源电池项目 与已有的 电池项目";
    let mut h = lead_window(dir.path(), day(2026, 4, 1));
    merge(&mut h, bundle);
    assert!(h.query_by_label(listed).is_some(), "listed after the merge");
    drop(h);

    // The window closed and opened again: still listed.
    let mut h = lead_window(dir.path(), day(2026, 4, 1));
    assert!(h.query_by_label(listed).is_some(), "listed after reopening");
    let live = |h: &H, id: Uuid| h.state().state.ledger.store().is_live(id).expect("live");

    // 并入已有项目: gone; 撤销 brings it back.
    click(&mut h, "并入已有项目");
    assert!(!live(&h, theirs) && live(&h, keep));
    assert!(h.query_by_label(listed).is_none(), "folded: gone");
    click(&mut h, "撤销");
    assert!(h.query_by_label(listed).is_some(), "the fold undone");

    // 不是同一项目: gone, both kept; one 撤销 step.
    click(&mut h, "不是同一项目");
    assert!(h.query_by_label(listed).is_none(), "dismissed: gone");
    assert!(live(&h, theirs) && live(&h, keep), "both projects kept");
    click(&mut h, "撤销");
    assert!(h.query_by_label(listed).is_some(), "the dismissal undone");
    click(&mut h, "重做");
    assert!(h.query_by_label(listed).is_none());
    drop(h);

    let h = lead_window(dir.path(), day(2026, 4, 1));
    assert!(
        h.query_by_label(listed).is_none(),
        "stays gone after reopening"
    );
    assert!(live(&h, theirs) && live(&h, keep));
}

#[test]
fn the_data_as_of_days_are_set_in_settings_and_the_sync_marks_follow() {
    let dir = tempfile::tempdir().expect("dir");
    let mut officer = Store::open(&dir.path().join("officer.db")).expect("officer's file");
    let mut p = Project::new("新能源电池项目");
    p.set_stage_date(Stage::Lead, Some(day(2026, 3, 1)));
    officer.write(&[Write::PutProject(p)]).expect("written");
    let bundle = export(&mut officer, dir.path(), "first.zsync");
    // The officer's changes are ten days old by the window's today.
    let today = Local::now().date_naive() + Duration::days(10);
    let mut h = lead_window(dir.path(), today);
    merge(&mut h, bundle);
    let marked = |h: &H, days: i64| {
        let mark = format!("（已超过{days}天）");
        h.query_all_by_label_contains(&mark).next().is_some()
    };
    assert!(marked(&h, 7), "older than the default 7 days");
    assert!(h.query_by_label("数据截至超过 7 天标记").is_some());

    // The 同步 screen links to Settings, where the days are set.
    h.get_by_role_and_label(Role::Button, "在设置中修改…")
        .click();
    h.run();
    assert_eq!(h.state().state.screen, Screen::Settings);
    assert!(
        h.query_all_by_label_contains("每位人员都要设置同一个口令")
            .next()
            .is_some(),
        "the passphrase's hint"
    );
    h.get_by_role_and_label(Role::SpinButton, "数据截至超过多少天标记")
        .set_value_accesskit(30.0);
    h.run();
    // The section sits below the window's fold: clicked as assistive technology would.
    h.get_by_role_and_label(Role::Button, "保存天数")
        .click_accesskit();
    h.run();

    h.get_by_role_and_label(Role::Button, "同步").click();
    h.run();
    assert!(h.query_by_label("数据截至超过 30 天标记").is_some());
    assert!(!marked(&h, 30) && !marked(&h, 7), "ten days is not old now");

    // Undo is one step: the mark is back.
    click(&mut h, "撤销");
    assert!(marked(&h, 7));
}
