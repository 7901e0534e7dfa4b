//! Charts screen UI tests (egui_kittest): a lead clicks a bar and lands in the ledger filtered
//! to those projects; the screen follows the period and shows "no data" on an empty ledger.

mod common;

use common::{H, day, harness};

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{Action, AppState, Screen};
use zhaoshang::app::{ChartsAction, EditAction};
use zhaoshang::domain::money::YI;
use zhaoshang::domain::{Money, Project, Stage};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{DateField, Store};

fn signed(name: &str, industry: &str, yi: i64, on: NaiveDate) -> Project {
    let mut p = Project::new(name);
    p.industry = industry.into();
    p.investment = Some(Money::cny(yi * YI));
    p.stage = Stage::Signed;
    p.set_stage_date(Stage::Signed, Some(on));
    p
}

/// 新能源 signs 30亿 and 20亿 this year, 生物医药 10亿, 新材料 5亿; 新能源 also signed 8亿
/// last year (outside the period).
fn known_ledger() -> AppState {
    let mut s = AppState::new(Store::in_memory().unwrap(), day(2026, 8, 31), Lang::Zh);
    s.apply(Action::DismissFirstRun);
    for p in [
        signed("电池一期", "新能源", 30, day(2026, 3, 10)),
        signed("电池二期", "新能源", 20, day(2026, 7, 2)),
        signed("创新药基地", "生物医药", 10, day(2026, 5, 20)),
        signed("碳纤维", "新材料", 5, day(2026, 6, 1)),
        signed("去年光伏", "新能源", 8, day(2025, 6, 1)),
    ] {
        s.apply(EditAction::SaveProject(Box::new(p)));
    }
    s
}

fn open_charts(h: &mut H) {
    h.get_by_role_and_label(Role::Button, "图表").click();
    h.run();
    h.run();
}

#[test]
fn clicking_an_industry_bar_opens_the_ledger_filtered_to_that_industry() {
    let mut h = harness(known_ledger());
    h.run();
    open_charts(&mut h);
    assert_eq!(h.state().state.screen, Screen::Charts);
    // The figures beside the bars are exact.
    h.get_by_label("50.00亿元，2个，占76.9%");
    h.get_by_label("10.00亿元，1个，占15.4%");

    // Three bars, 新能源 on top: click inside the top band of the plot itself.
    let plot = h.get_by_label("分产业签约投资 图").rect();
    let pos = egui::pos2(
        plot.left() + plot.width() * 0.1,
        plot.top() + plot.height() / 6.0,
    );
    h.hover_at(pos);
    h.run();
    h.drag_at(pos);
    h.run();
    h.drop_at(pos);
    h.run();
    h.run();

    let state = &h.state().state;
    assert_eq!(state.screen, Screen::Projects);
    assert_eq!(state.projects.filter.industry.as_deref(), Some("新能源"));
    assert_eq!(state.projects.filter.date_field, DateField::Signed);
    assert_eq!(state.projects.filter.date_from, Some(day(2026, 1, 1)));
    // This year's two 新能源 signings, not last year's.
    assert_eq!(state.projects.len(), 2);
    assert_eq!(state.projects.totals().amount_cny, 50 * YI);
    h.get_by_label("电池一期");
    h.get_by_label("电池二期");
}

#[test]
fn the_show_projects_button_of_a_row_opens_the_same_filter() {
    let mut h = harness(known_ledger());
    h.run();
    open_charts(&mut h);
    // Rows in the order of the bars: 新能源, 生物医药, 新材料; the second button is 生物医药's.
    let buttons = h.query_all_by_label("查看项目").collect::<Vec<_>>();
    assert_eq!(buttons.len(), 3);
    buttons[1].click();
    h.run();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.screen, Screen::Projects);
    assert_eq!(state.projects.filter.industry.as_deref(), Some("生物医药"));
    assert_eq!(state.projects.len(), 1);
}

#[test]
fn the_monthly_chart_and_the_funnel_show_exact_figures_and_an_empty_ledger_says_so() {
    let mut h = harness(known_ledger());
    h.run();
    open_charts(&mut h);
    h.get_by_role_and_label(Role::Button, "推进漏斗").click();
    h.run();
    h.get_by_label("4个，65.00亿元，转入后续阶段 0.0%");
    h.get_by_role_and_label(Role::Button, "月度对比").click();
    h.run();
    h.get_by_label("每月签约投资（亿元）");
    h.get_by_label("累计签约投资与全年目标（亿元）");
    // Clicking March's column opens March's signings.
    let plot = h.get_by_label("每月签约投资（亿元） 图").rect();
    let x = plot.left() + plot.width() * (3.0 - 0.4) / 12.2;
    let pos = egui::pos2(x, plot.bottom() - plot.height() * 0.1);
    h.hover_at(pos);
    h.run();
    h.drag_at(pos);
    h.run();
    h.drop_at(pos);
    h.run();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.screen, Screen::Projects);
    assert_eq!(state.projects.filter.date_from, Some(day(2026, 3, 1)));
    assert_eq!(state.projects.filter.date_to, Some(day(2026, 3, 31)));
    assert_eq!(state.projects.len(), 1);
    h.get_by_label("电池一期");

    let mut s = AppState::new(Store::in_memory().unwrap(), day(2026, 8, 31), Lang::Zh);
    s.apply(Action::DismissFirstRun);
    let mut h = harness(s);
    h.run();
    open_charts(&mut h);
    h.get_by_label("暂无数据");
}

#[test]
fn exports_from_the_screen_write_files_and_say_where_or_why_not() {
    let mut s = known_ledger();
    s.apply(Action::Navigate(Screen::Charts));
    s.prepare_frame();
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("产业.svg");
    s.apply(ChartsAction::Export(
        zhaoshang::report::charts::ChartKind::Industry,
        svg.clone(),
    ));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("分产业签约投资") && text.contains("新能源"));
    let notice = s.notice.clone().unwrap();
    assert_eq!(notice.kind, zhaoshang::app::NoticeKind::Info);
    assert!(notice.text.starts_with("图表已保存"));

    let pack = dir.path().join("八月.xlsx");
    s.apply(ChartsAction::WritePack((2026, 8), pack.clone()));
    assert!(pack.exists());
    assert!(dir.path().join("八月-monthly.png").exists());
    assert!(s.notice.clone().unwrap().text.starts_with("月度点评已保存"));

    // A folder that does not exist: nothing written, and the user is told.
    let nowhere = dir.path().join("没有这个文件夹").join("a.png");
    s.apply(ChartsAction::Export(
        zhaoshang::report::charts::ChartKind::Tier,
        nowhere.clone(),
    ));
    let notice = s.notice.clone().unwrap();
    assert_eq!(notice.kind, zhaoshang::app::NoticeKind::Error);
    assert!(notice.text.contains("导出失败") && notice.text.contains("换一个文件夹"));
    assert!(!nowhere.exists());
}
