//! The editor's 变更记录 (issue 14): every field change of a project, who made it, when and from
//! which file, read from the change log.

mod common;

use chrono::NaiveDate;
use common::{fill, harness, wait_idle};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{AppState, Screen};
use zhaoshang::domain::Project;
use zhaoshang::i18n::Lang;
use zhaoshang::store::{Store, Write};

/// The window on the 项目台账 screen of `store`.
fn ledger_on(store: Store, today: NaiveDate) -> common::H {
    let mut state = AppState::new(store, today, Lang::Zh);
    state.show_first_run = false;
    state.screen = Screen::Projects;
    let mut h = harness(state);
    h.run();
    h
}

/// Selects the ledger's one row and opens it in the editor.
fn edit_the_only_project(h: &mut common::H) {
    h.get_by_role(Role::Row).click();
    h.run();
    h.get_by_role_and_label(Role::Button, "编辑").click();
    h.run();
}

#[test]
fn the_editor_lists_a_projects_field_changes_with_old_and_new_values() {
    let mut store = Store::in_memory().unwrap();
    store
        .write(&[Write::PutProject(Project::new("华康新能源电池项目"))])
        .unwrap();
    let mut h = ledger_on(store, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    edit_the_only_project(&mut h);
    fill(&mut h, "投资主体", "华康新能源有限公司");
    wait_idle(&mut h);
    h.get_by_label("保存").click();
    h.run();
    // Opened again: the record shows the creation and the change, old value to new.
    edit_the_only_project(&mut h);
    assert!(
        h.query_by_label_contains("投资主体：").is_none(),
        "collapsed at first"
    );
    h.get_by_label("变更记录").click();
    wait_idle(&mut h);
    h.get_by_label_contains("投资主体：（空） → 华康新能源有限公司");
    h.get_by_label("创建");
    assert!(h.query_all_by_label_contains("（本文件）").count() >= 2);
}

/// The editor's timeline (issue 15): stage moves and the project's activities, newest first.
#[test]
fn the_editors_timeline_lists_the_projects_activities_newest_first() {
    use zhaoshang::domain::activity::{Activity, ActivityStatus};
    let mut store = Store::in_memory().unwrap();
    let project = Project::new("远景储能项目");
    let id = project.id;
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let mut visit = Activity::new("visit", day(3));
    visit.status = ActivityStatus::Done;
    visit.place = "上海".into();
    visit.projects = vec![project.id];
    let mut call = Activity::new("call", day(20));
    call.projects = vec![project.id];
    store
        .write(&[
            Write::PutProject(project),
            Write::PutActivity(visit),
            Write::PutActivity(call),
        ])
        .unwrap();
    let mut h = ledger_on(store, day(25));
    edit_the_only_project(&mut h);
    wait_idle(&mut h);
    // The timeline's header counts the moves and the activities together.
    h.get_by_label("进程与活动 (2)");
    let lines: Vec<String> = h
        .state()
        .state
        .project_activity_lines(id)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    assert_eq!(
        lines,
        vec![
            "2026-11-20  电话/视频（计划）".to_string(),
            "2026-11-03  拜访（已完成） · 上海".to_string(),
        ],
        "newest first"
    );
}
