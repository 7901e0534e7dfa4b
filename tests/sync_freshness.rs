//! 数据截至 per officer: after the lead merges an officer's bundle, the officer's date is the
//! day of their newest change (the lead's own is today); older than the setting (7 days
//! unless changed, a setting that travels) it is marked — on the dashboard and in the pack.

mod common;

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{Datelike, NaiveDate};
use common::{H, day, harness, start_empty, wait_until};
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{AppState, SyncAction};
use zhaoshang::domain::target::ElapsedCounting;
use zhaoshang::domain::{Officer, Project, Stage, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::io::review;
use zhaoshang::store::{Store, Write, changelog};
use zhaoshang::sync;

/// An officer's file named 李四 with one change; returns its bundle and the day of that
/// change (the log's clock: today, as the clock never goes back).
fn officer_bundle(dir: &Path) -> (Vec<u8>, NaiveDate) {
    let on = day(2026, 3, 1);
    let mut store = Store::open(&dir.join("officer.db")).expect("officer's file");
    let team = Team::new("一组");
    let me = Officer::new(team.id, "李四");
    let mut p = Project::new("新能源电池项目");
    p.set_stage_date(Stage::Lead, Some(on));
    store
        .write(&[
            Write::SetSetting("my_officer".into(), me.id.to_string()),
            Write::PutTeam(team),
            Write::PutOfficer(me),
            Write::PutProject(p),
        ])
        .expect("written");
    let sites = store.sync_sites().expect("sites");
    let own = sites.iter().find(|s| s.is_local).expect("own");
    let changed = changelog::hlc_time(own.max_clock).expect("clock").date();
    (
        sync::export_bundle(&mut store, None, None)
            .expect("bundle")
            .0,
        changed,
    )
}

fn merge(store: &mut Store, bytes: &[u8]) {
    let bundle = sync::read_bundle(bytes, None).expect("read");
    sync::apply(store, &bundle).expect("merge");
}

#[test]
fn after_a_merge_the_officers_date_is_their_newest_change() {
    let dir = tempfile::tempdir().expect("dir");
    let (bytes, changed) = officer_bundle(dir.path());
    let mut lead = Store::open(&dir.path().join("lead.db")).expect("lead");
    let today = changed + chrono::Days::new(4);
    let before = sync::data_as_of(&lead, today).expect("as of");
    assert_eq!(before.len(), 1, "only this file");
    assert_eq!(before[0].as_of, Some(today), "this file's own is today");
    merge(&mut lead, &bytes);
    let lines = sync::data_as_of(&lead, today).expect("as of");
    let li = lines
        .iter()
        .find(|l| l.officer_name == "李四")
        .expect("李四");
    assert_eq!(li.as_of, Some(changed));
    assert_eq!(li.age_days(today), Some(4));
    let limit = sync::stale_days(&lead).expect("days");
    assert_eq!(limit, 7, "the default");
    assert!(!li.is_old(today, limit));
    assert!(
        li.is_old(changed + chrono::Days::new(8), limit),
        "8 days > 7"
    );
    assert!(
        !lines[0].is_old(day(2030, 1, 1), limit),
        "never this file's own"
    );
}

#[test]
fn the_pack_has_a_data_as_of_sheet_with_the_dates() {
    let dir = tempfile::tempdir().expect("dir");
    let (bytes, changed) = officer_bundle(dir.path());
    let mut lead = Store::open(&dir.path().join("lead.db")).expect("lead");
    merge(&mut lead, &bytes);
    let out = dir.path().join("点评.xlsx");
    let today = changed + chrono::Days::new(19);
    let month = (today.year(), today.month());
    review::write_pack(&lead, month, ElapsedCounting::Days, today, &out).expect("pack");
    let mut book: Xlsx<_> = open_workbook(&out).expect("open");
    assert_eq!(
        book.sheet_names().last().map(String::as_str),
        Some("数据截至")
    );
    let sheet = book.worksheet_range("数据截至").expect("sheet");
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => f.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let li = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "李四"))
        .expect("李四's line");
    assert_eq!(li[2], changed.to_string());
    assert_eq!(li[3], "19");
    assert_eq!(li[4], "未更新", "19 days > 7");
    let own = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c.ends_with("（本文件）")))
        .expect("this file's line");
    assert_eq!(own[2], today.to_string());
    assert_eq!(own[4], "正常");
}

fn lead_window(dir: &Path, today: NaiveDate) -> H {
    let store = Store::open(&dir.join("lead.db")).expect("lead's file");
    let mut h = harness(AppState::new(store, today, Lang::Zh));
    start_empty(&mut h);
    h
}

#[test]
fn the_dashboard_marks_an_officer_not_heard_from_for_longer_than_the_setting() {
    let dir = tempfile::tempdir().expect("dir");
    let (bytes, changed) = officer_bundle(dir.path());
    let path = dir.path().join("li.zsync");
    std::fs::write(&path, bytes).expect("bundle file");
    let mut h = lead_window(dir.path(), changed + chrono::Days::new(19));
    h.state_mut().state.apply(SyncAction::OpenBundle(path));
    wait_until(&mut h, "the preview", |h| {
        h.state().state.sync.pending.is_some()
    });
    h.state_mut().state.apply(SyncAction::ConfirmMerge);
    wait_until(&mut h, "the merge", |h| {
        h.state().state.jobs.store.is_none()
    });
    h.get_by_label("驾驶舱").click();
    h.run();
    assert!(h.query_by_label("数据截至").is_some(), "the section");
    let marked = format!("{changed}（19 天未更新）");
    let marked = marked.as_str();
    assert!(h.query_by_label(marked).is_some(), "李四 is marked");

    // 30 days on the 同步 screen: not marked any more; 撤销 marks it again.
    h.state_mut().state.apply(SyncAction::SetStaleDays(30));
    h.run();
    assert!(h.query_by_label(marked).is_none());
    assert!(h.query_by_label(&changed.to_string()).is_some());
    h.state_mut().state.apply(zhaoshang::app::Action::Undo);
    h.run();
    assert!(h.query_by_label(marked).is_some(), "撤销: 7 days again");
}
