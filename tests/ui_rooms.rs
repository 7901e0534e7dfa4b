//! Window behaviour the rooms issue fixed: drafts in Settings follow undo, and the project
//! editor asks before Escape (or ✖, or 取消) loses what was typed.

mod common;

use chrono::NaiveDate;
use common::{fill, harness, start_empty};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{AppState, Screen};
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

fn empty_state() -> AppState {
    let today = NaiveDate::from_ymd_opt(2023, 8, 31).unwrap();
    AppState::new(Store::in_memory().unwrap(), today, Lang::Zh)
}

/// The tiers field's text, found by its help label.
fn tiers_text(h: &egui_kittest::Harness<'static, zhaoshang::ui::ZhaoshangApp>) -> String {
    h.get_by_role_and_label(Role::TextInput, "项目按折合人民币金额归入量级。")
        .value()
        .unwrap_or_default()
}

#[test]
fn the_tiers_draft_shows_the_value_undo_brought_back() {
    let mut h = harness(empty_state());
    start_empty(&mut h);
    h.get_by_role_and_label(Role::Button, "设置").click();
    h.run();
    let before = tiers_text(&h);
    assert!(!before.is_empty(), "the default tiers are shown");
    fill(&mut h, "项目按折合人民币金额归入量级。", "2, 20, 200");
    // The 保存 beside the tiers field: the one on its row.
    let field = h
        .get_by_role_and_label(Role::TextInput, "项目按折合人民币金额归入量级。")
        .rect();
    let save = h
        .get_all_by_role_and_label(Role::Button, "保存")
        .find(|b| (b.rect().center().y - field.center().y).abs() < field.height())
        .expect("a 保存 button on the tiers row");
    save.click();
    h.run();
    assert_eq!(tiers_text(&h), "2, 20, 200");
    assert_eq!(h.state().state.ledger.tiers.thresholds_yi(), &[2, 20, 200]);

    h.get_by_role_and_label(Role::Button, "撤销").click();
    h.run();
    assert_ne!(h.state().state.ledger.tiers.thresholds_yi(), &[2, 20, 200]);
    assert_eq!(tiers_text(&h), before, "the draft follows the undone data");

    h.get_by_role_and_label(Role::Button, "重做").click();
    h.run();
    assert_eq!(tiers_text(&h), "2, 20, 200");
}

fn open_new_project(h: &mut egui_kittest::Harness<'static, zhaoshang::ui::ZhaoshangApp>) {
    h.state_mut().state.screen = Screen::Projects;
    h.run();
    h.get_by_role_and_label(Role::Button, "新建项目").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "项目名称");
}

#[test]
fn escape_in_the_editor_asks_before_it_drops_what_was_typed() {
    let mut h = harness(empty_state());
    start_empty(&mut h);
    open_new_project(&mut h);
    fill(&mut h, "项目名称", "比亚迪零部件项目");
    h.key_press(egui::Key::Escape);
    h.run();
    // Still open, asking.
    h.get_by_label("有未保存的修改，确定放弃吗？");
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "项目名称").value(),
        Some("比亚迪零部件项目".to_string())
    );
    h.get_by_label("继续编辑").click();
    h.run();
    assert!(h.query_by_label("有未保存的修改，确定放弃吗？").is_none());
    h.get_by_role_and_label(Role::TextInput, "项目名称");

    // 取消 asks too; 放弃修改 closes without saving.
    h.get_by_label("取消").click();
    h.run();
    h.get_by_label("放弃修改").click();
    h.run();
    assert!(
        h.query_by_role_and_label(Role::TextInput, "项目名称")
            .is_none()
    );
    assert_eq!(h.state().state.projects.totals().count, 0);
}

#[test]
fn escape_closes_an_untouched_editor_at_once() {
    let mut h = harness(empty_state());
    start_empty(&mut h);
    open_new_project(&mut h);
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        h.query_by_role_and_label(Role::TextInput, "项目名称")
            .is_none()
    );
    assert!(h.query_by_label("有未保存的修改，确定放弃吗？").is_none());
}
