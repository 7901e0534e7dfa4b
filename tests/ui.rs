//! UI tests with egui_kittest: the whole app, headless, driven by label as a user would.

mod common;

use chrono::NaiveDate;
use common::{fill, harness, start_empty};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::AppState;
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

fn empty_state() -> AppState {
    let today = NaiveDate::from_ymd_opt(2023, 8, 31).unwrap();
    AppState::new(Store::in_memory().unwrap(), today, Lang::Zh)
}

#[test]
fn opens_in_chinese_on_an_empty_ledger_and_offers_the_demo() {
    let mut h = harness(empty_state());
    h.run();
    h.get_by_label("欢迎使用招商台账");
    h.get_by_label("载入示例数据");
    h.get_by_label("从空台账开始").click();
    h.run();
    assert!(h.query_by_label("欢迎使用招商台账").is_none());
    h.get_by_role_and_label(Role::Button, "项目台账");
    h.get_by_role_and_label(Role::Button, "招商队伍");
    h.get_by_role_and_label(Role::Button, "设置");
    h.get_by_label("共 0 个项目，总投资 0.00 亿元");
}

#[test]
fn a_project_added_through_the_form_appears_with_its_total_and_undo_removes_it() {
    let mut h = harness(empty_state());
    start_empty(&mut h);
    h.get_by_label("新建项目").click();
    h.run();
    fill(&mut h, "项目名称", "上汽大通新MPV产业化项目");
    fill(&mut h, "投资主体", "上汽大通汽车有限公司");
    fill(&mut h, "总投资", "378.6亿");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    assert!(h.query_by_label("编辑项目").is_none());
    h.get_by_label("上汽大通新MPV产业化项目");
    h.get_by_label("共 1 个项目，总投资 378.60 亿元");
    assert_eq!(h.state().state.projects.totals().amount_cny, 37_860_000_000);

    h.get_by_label("撤销").click();
    h.run();
    assert!(h.query_by_label("上汽大通新MPV产业化项目").is_none());
    h.get_by_label("共 0 个项目，总投资 0.00 亿元");

    h.get_by_label("重做").click();
    h.run();
    h.get_by_label("共 1 个项目，总投资 378.60 亿元");
}

#[test]
fn a_bad_amount_shows_its_message_and_nothing_is_saved() {
    let mut h = harness(empty_state());
    start_empty(&mut h);
    h.get_by_label("新建项目").click();
    h.run();
    fill(&mut h, "项目名称", "宁德时代储能项目");
    fill(&mut h, "总投资", "五十亿");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    h.get_by_label_contains("无法识别的金额：五十亿");
    h.get_by_label("请先改正标红的内容");
    assert_eq!(h.state().state.projects.totals().count, 0);
    // Fixing the amount saves it.
    fill(&mut h, "总投资", "8000万");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    assert_eq!(h.state().state.projects.totals().amount_cny, 80_000_000);
}

#[test]
fn the_demo_loads_from_the_first_run_and_the_ledger_shows_it() {
    let mut h = harness(empty_state());
    h.run();
    h.get_by_label("载入示例数据").click();
    h.run();
    h.get_by_label_contains("共 300 个项目");
    h.get_by_role_and_label(Role::Button, "招商队伍").click();
    h.run();
    h.get_by_label_contains("深圳驻点招商办");
}

#[test]
fn english_is_one_click_away() {
    let mut h = harness(empty_state());
    start_empty(&mut h);
    h.get_by_role_and_label(Role::Button, "设置").click();
    h.run();
    h.get_by_label("English").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Projects");
    h.get_by_role_and_label(Role::Button, "Settings");
    h.get_by_label("Exchange rates (to CNY)");
}
