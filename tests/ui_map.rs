//! 招商地图 in the window (egui_kittest): hovering a tile shows its figures, clicking it opens
//! the ledger on exactly that province's projects (the footer's count and sum equal the tile),
//! and a country of the abroad list opens that country's projects.

mod common;

use common::{H, day, harness};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{Action, AppState, EditAction, Screen};
use zhaoshang::domain::money::YI;
use zhaoshang::domain::{Money, Project, Stage};
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

/// 江苏 signs three this year (45亿) and one last year; 广东 one; 美国 and 德国 one each:
/// (name, origin as typed, 亿元, signing day).
type Signing = (&'static str, &'static str, i64, (i32, u32, u32));
const SIGNINGS: [Signing; 7] = [
    ("苏州电池", "江苏苏州", 30, (2026, 3, 10)),
    ("昆山面板", "昆山", 12, (2026, 4, 2)),
    ("南京材料", "南京", 3, (2026, 6, 9)),
    ("去年无锡", "无锡", 9, (2025, 6, 1)),
    ("深圳芯片", "深圳", 20, (2026, 5, 5)),
    ("美国研发", "USA", 40, (2026, 2, 1)),
    ("德国汽车", "德国慕尼黑", 25, (2026, 7, 1)),
];

fn known_ledger() -> AppState {
    let mut s = AppState::new(Store::in_memory().unwrap(), day(2026, 8, 31), Lang::Zh);
    s.apply(Action::DismissFirstRun);
    let projects = SIGNINGS.map(|(name, origin, yi, _)| Project {
        origin: origin.into(),
        investment: Some(Money::cny(yi * YI)),
        ..Project::new(name)
    });
    for (mut p, (.., (y, m, d))) in projects.into_iter().zip(SIGNINGS) {
        p.stage = Stage::Signed;
        p.set_stage_date(Stage::Signed, Some(day(y, m, d)));
        s.apply(EditAction::SaveProject(Box::new(p)));
    }
    s
}

fn open_map(h: &mut H) {
    h.get_by_role_and_label(Role::Button, "招商地图").click();
    h.run();
    h.run();
    assert_eq!(h.state().state.screen, Screen::Map);
}

#[test]
fn clicking_a_tile_opens_exactly_that_provinces_projects_and_hover_shows_its_figures() {
    let mut h = harness(known_ledger());
    h.run();
    open_map(&mut h);
    let tile = h.get_by_role_and_label(Role::Button, "江苏").rect();
    h.hover_at(tile.center());
    h.run();
    h.run();
    h.get_by_label("江苏：3 个项目，总投资 45.00 亿元");
    let figures = {
        let map = h.state().state.map.data.as_ref().unwrap();
        let t = map
            .tiles
            .iter()
            .find(|t| t.tile.province == "江苏")
            .unwrap();
        t.tally
    };

    h.get_by_role_and_label(Role::Button, "江苏").click();
    h.run();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.screen, Screen::Projects);
    assert_eq!(
        state.projects.filter.origin_province.as_deref(),
        Some("江苏")
    );
    assert_eq!(state.projects.filter.date_from, Some(day(2026, 1, 1)));
    let totals = state.projects.totals();
    assert_eq!((totals.count, totals.amount_cny), (3, 45 * YI));
    assert_eq!(
        (totals.count, totals.amount_cny),
        (figures.count, figures.amount_cny)
    );
    h.get_by_label("共 3 个项目，总投资 45.00 亿元");
    h.get_by_label("来源省份：江苏");
    for name in ["苏州电池", "昆山面板", "南京材料"] {
        h.get_by_label(name);
    }
    assert!(h.query_by_label("去年无锡").is_none());
    assert!(h.query_by_label("深圳芯片").is_none());
}

#[test]
fn abroad_is_ranked_and_a_country_opens_its_projects() {
    let mut h = harness(known_ledger());
    h.run();
    open_map(&mut h);
    let us = h.get_by_label("1. 美国：1 个，40.00 亿元").rect();
    let de = h.get_by_label("2. 德国：1 个，25.00 亿元").rect();
    assert!(us.top() < de.top());
    // The list scrolls beside the grid: the heading says how many there are.
    h.get_by_label("共 2 个");
    h.get_by_label("2. 德国：1 个，25.00 亿元").click();
    h.run();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.screen, Screen::Projects);
    assert_eq!(state.projects.len(), 1);
    h.get_by_label("德国汽车");
}

#[test]
fn an_empty_tile_says_nothing_and_the_count_switch_keeps_the_figures() {
    let mut h = harness(known_ledger());
    h.run();
    open_map(&mut h);
    h.get_by_role_and_label(Role::Button, "按个数").click();
    h.run();
    let tile = h.get_by_role_and_label(Role::Button, "西藏").rect();
    h.hover_at(tile.center());
    h.run();
    h.run();
    h.get_by_label("西藏：0 个项目，总投资 0.00 亿元");
    h.get_by_label_contains("合计 6 个，130.00 亿元");
}
