//! The 目标 screen, headless: with no targets it says how to set one there (not "go to the
//! 目标 screen"), and a target set through its form shows with its progress.

mod common;

use common::{fill, harness, start_empty};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{AppState, Screen};
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

#[test]
fn with_no_targets_the_screen_says_how_to_set_one_here() {
    let today = common::day(2023, 8, 31);
    let mut h = harness(AppState::new(Store::in_memory().unwrap(), today, Lang::Zh));
    start_empty(&mut h);
    h.get_by_role_and_label(Role::Button, "目标").click();
    h.run();
    assert_eq!(h.state().state.screen, Screen::Targets);
    h.get_by_label_contains("点上方“新建目标”设定");
    assert!(
        h.query_by_label_contains("在“目标”页设定").is_none(),
        "not sent to the screen it is on"
    );
    h.get_by_role_and_label(Role::Button, "新建目标").click();
    h.run();
    fill(&mut h, "目标名称", "全年签约额");
    fill(&mut h, "目标值", "100");
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    h.get_by_label("全年签约额");
    assert!(h.query_by_label_contains("尚未设定目标").is_none());
}
