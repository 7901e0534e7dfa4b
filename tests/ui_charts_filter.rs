//! Charts screen UI tests (egui_kittest) for the filter bar, the bars the ledger could not
//! open before (a city, a funnel's 线索 stage), and the review pack written on a worker thread
//! while the window keeps drawing.

mod common;

use chrono::NaiveDate;
use common::{H, day, harness, wait_until};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{Action, AppState, NoticeKind, Screen};
use zhaoshang::app::{ChartsAction, EditAction};
use zhaoshang::domain::money::YI;
use zhaoshang::domain::{Money, Project, Stage, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{DateField, Dimension, KeyFilter, Store};

fn signed(
    name: &str,
    industry: &str,
    origin: &str,
    yi: i64,
    on: NaiveDate,
    team: &Team,
) -> Project {
    let mut p = Project::new(name);
    p.industry = industry.into();
    p.origin = origin.into();
    p.team_id = Some(team.id);
    p.investment = Some(Money::cny(yi * YI));
    p.stage = Stage::Signed;
    p.set_stage_date(Stage::Lead, Some(on - chrono::Duration::days(30)));
    p.set_stage_date(Stage::Signed, Some(on));
    p
}

/// 招商一组 signs 新能源 30亿 (上海) and 生物医药 10亿 (苏州); 招商二组 signs 新能源 20亿 (深圳)
/// and 新材料 5亿 (上海). A lead of 招商二组 came in this year and is not signed.
fn known_ledger(store: Store) -> AppState {
    let mut s = AppState::new(store, day(2026, 8, 31), Lang::Zh);
    s.apply(Action::DismissFirstRun);
    let one = Team::new("招商一组");
    let two = Team::new("招商二组");
    s.apply(EditAction::SaveTeam(one.clone()));
    s.apply(EditAction::SaveTeam(two.clone()));
    let mut lead = Project::new("洽谈中的线索");
    lead.team_id = Some(two.id);
    lead.investment = Some(Money::cny(7 * YI));
    lead.set_stage_date(Stage::Lead, Some(day(2026, 7, 1)));
    for p in [
        signed("电池一期", "新能源", "上海", 30, day(2026, 3, 10), &one),
        signed(
            "创新药基地",
            "生物医药",
            "江苏苏州",
            10,
            day(2026, 5, 20),
            &one,
        ),
        signed(
            "电池二期",
            "新能源",
            "深圳市南山区",
            20,
            day(2026, 7, 2),
            &two,
        ),
        signed("碳纤维", "新材料", "上海", 5, day(2026, 6, 1), &two),
        lead,
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

/// Clicks inside a plot, as a pointer does: move there, press, release.
fn click_at(h: &mut H, pos: egui::Pos2) {
    h.hover_at(pos);
    h.run();
    h.drag_at(pos);
    h.run();
    h.drop_at(pos);
    h.run();
    h.run();
}

#[test]
fn choosing_a_team_shows_that_teams_figures_in_every_chart() {
    let mut h = harness(known_ledger(Store::in_memory().unwrap()));
    h.run();
    open_charts(&mut h);
    // The zone: 新能源 is both teams' 50亿.
    h.get_by_label("50.00亿元，2个，占76.9%");
    h.get_by_label("新材料");

    h.get_by_role_and_label(Role::ComboBox, "招商队伍").click();
    h.run();
    h.get_by_label("招商一组").click();
    h.run();
    h.run();

    // 招商一组 alone: 新能源 30亿 of its 40亿, 生物医药 10亿; 招商二组's 新材料 is gone.
    h.get_by_label("30.00亿元，1个，占75.0%");
    h.get_by_label("10.00亿元，1个，占25.0%");
    assert!(h.query_by_label("50.00亿元，2个，占76.9%").is_none());
    assert!(h.query_by_label("新材料").is_none());
    h.get_by_label_contains("招商一组 · 统计期间 2026-01-01 至 2026-08-31");
    let state = &h.state().state;
    assert_eq!(
        state.charts.data.as_ref().unwrap().signed.amount_cny,
        40 * YI
    );

    // A bar clicked under the filter opens the team's projects of that industry only.
    let buttons = h.query_all_by_label("查看项目").collect::<Vec<_>>();
    assert_eq!(buttons.len(), 2);
    buttons[0].click();
    h.run();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.screen, Screen::Projects);
    assert_eq!(state.projects.filter.industry.as_deref(), Some("新能源"));
    assert_eq!(state.projects.len(), 1);
    assert_eq!(state.projects.totals().amount_cny, 30 * YI);
    h.get_by_label("电池一期");

    // Back on the charts, "全部" again shows the zone.
    h.get_by_role_and_label(Role::Button, "图表").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "清除筛选").click();
    h.run();
    h.run();
    h.get_by_label("50.00亿元，2个，占76.9%");
}

#[test]
fn clicking_a_city_bar_opens_the_ledger_on_that_citys_projects() {
    let mut h = harness(known_ledger(Store::in_memory().unwrap()));
    h.run();
    open_charts(&mut h);
    h.get_by_role_and_label(Role::Button, "城市或国家").click();
    h.run();
    // 上海 35亿 (two projects), 深圳 20亿, 苏州 10亿: 上海 on top.
    h.get_by_label("35.00亿元，2个，占53.8%");
    let plot = h.get_by_label("来源地 按城市或国家 图").rect();
    click_at(
        &mut h,
        egui::pos2(
            plot.left() + plot.width() * 0.1,
            plot.top() + plot.height() / 7.0,
        ),
    );
    let state = &h.state().state;
    assert_eq!(state.screen, Screen::Projects);
    assert_eq!(
        state.projects.filter.key,
        Some(KeyFilter {
            dimension: Dimension::Origin,
            keys: vec!["上海".into()],
            exclude: false,
        })
    );
    // The footer's count and sum are the bar's.
    assert_eq!(state.projects.len(), 2);
    assert_eq!(state.projects.totals().amount_cny, 35 * YI);
    h.get_by_label("电池一期");
    h.get_by_label("碳纤维");
    // The ledger says what it is filtered by — the period in its date boxes, the city as a
    // label — and the city can be taken off.
    assert!(h.query_all_by_value("2026-01-01").count() > 0);
    assert!(h.query_all_by_value("2026-08-31").count() > 0);
    h.get_by_label("来源地：上海");
    h.get_by_label("共 2 个项目，总投资 35.00 亿元");
    h.get_by_role_and_label(Role::Button, "×").click();
    h.run();
    h.run();
    assert_eq!(h.state().state.projects.filter.key, None);
    assert!(h.query_by_label("来源地：上海").is_none());
}

#[test]
fn the_funnels_lead_stage_opens_the_projects_that_came_in_as_leads() {
    let mut h = harness(known_ledger(Store::in_memory().unwrap()));
    h.run();
    open_charts(&mut h);
    h.get_by_role_and_label(Role::Button, "推进漏斗").click();
    h.run();
    // Five projects came in as leads this year; four of them went on to be signed.
    h.get_by_label("5个，72.00亿元，转入后续阶段 80.0%");
    // One "查看项目" per stage, 线索 first.
    let buttons = h.query_all_by_label("查看项目").collect::<Vec<_>>();
    assert_eq!(buttons.len(), 5);
    buttons[0].click();
    h.run();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.screen, Screen::Projects);
    assert_eq!(state.projects.filter.date_field, DateField::Lead);
    assert_eq!(state.projects.len(), 5);
    assert_eq!(state.projects.totals().amount_cny, 72 * YI);
    h.get_by_label("洽谈中的线索");
    // The date box says which date the range is on.
    h.get_by_value("按线索日期");
}

#[test]
fn the_review_pack_is_written_on_a_worker_while_the_window_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.db");
    let mut h = harness(known_ledger(Store::open(&db).unwrap()));
    h.run();
    open_charts(&mut h);
    let pack = dir.path().join("八月.xlsx");
    h.state_mut()
        .state
        .apply(ChartsAction::WritePack((2026, 8), pack.clone()));
    assert!(
        h.state().state.jobs.pack.is_some(),
        "a ledger file's pack goes to a worker"
    );
    // A spinner turns while the pack is written: frames are stepped, not run to rest.
    h.step();
    // While it is written the screen says so, and the window goes on drawing and switching.
    h.get_by_label("正在生成2026年8月月度点评…（可继续操作）");
    h.get_by_role_and_label(Role::Button, "项目台账").click();
    h.step();
    h.step();
    assert_eq!(h.state().state.screen, Screen::Projects);
    h.get_by_label("电池一期");
    wait_until(&mut h, "the review pack", |h| {
        h.state().state.jobs.pack.is_none()
    });
    let state = &h.state().state;
    assert!(state.jobs.pack.is_none(), "the pack finished");
    let notice = state.notice.clone().unwrap();
    assert_eq!(notice.kind, NoticeKind::Info, "{}", notice.text);
    assert!(notice.text.starts_with("月度点评已保存"));
    assert!(pack.exists());
    assert!(dir.path().join("八月-industry.png").exists());
    h.run();
    h.get_by_label_contains("月度点评已保存");

    // A folder that is not there: the worker's error reaches the user.
    h.state_mut().state.apply(ChartsAction::WritePack(
        (2026, 8),
        dir.path().join("没有这个文件夹").join("x.xlsx"),
    ));
    wait_until(&mut h, "the review pack", |h| {
        h.state().state.jobs.pack.is_none()
    });
    let notice = h.state().state.notice.clone().unwrap();
    assert_eq!(notice.kind, NoticeKind::Error);
    assert!(notice.text.contains("导出失败") && notice.text.contains("无法写出工作簿"));
}
