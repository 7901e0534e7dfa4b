//! 招商地图 of target companies through the app's actions: each company counted once, on the
//! tile of its city's province (吉林 the city counts for 吉林 the province), abroad by country,
//! the rest unplaced or unrecognised; the list each tile and country opens holds exactly its
//! count; a company saved moves the figures.

mod common;

use common::day;

use zhaoshang::app::map_companies::{CompanyMap, MapSubject};
use zhaoshang::app::{Action, AppState, CompanyAction, MapAction, Screen};
use zhaoshang::domain::target_company::{Priority, TargetCompany};
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

/// (name, city as typed, priority A, 链主).
const COMPANIES: [(&str, &str, bool, bool); 8] = [
    ("苏州一", "江苏苏州", true, true),
    ("苏州二", "苏州市", false, false),
    ("南京一", "南京", true, false),
    ("吉林一", "吉林市", false, true),
    ("长春一", "长春", false, false),
    ("慕尼黑一", "德国慕尼黑", false, false),
    ("未知一", "火星", false, false),
    ("未填一", "", false, false),
];

pub fn ledger() -> AppState {
    let mut state = AppState::new(Store::in_memory().unwrap(), day(2026, 8, 31), Lang::Zh);
    state.apply(Action::DismissFirstRun);
    for (name, city, a, leader) in COMPANIES {
        let mut c = TargetCompany::new(name);
        c.city = city.into();
        c.priority = if a { Priority::A } else { Priority::B };
        c.chain_leader = leader;
        state.apply(CompanyAction::Save(Box::new(c)));
    }
    state.apply(MapAction::SetSubject(MapSubject::Companies));
    state.apply(Action::Navigate(Screen::Map));
    state
}

fn tile(state: &AppState, province: &str) -> i64 {
    let map = state.map.companies.as_ref().expect("the companies map");
    let (_, count) = (map.tiles.iter())
        .find(|(t, _)| t.province == province)
        .expect("a tile");
    count.count
}

fn listed(state: &mut AppState, filter: zhaoshang::app::target_companies::CompanyFilter) -> usize {
    state.apply(CompanyAction::SetFilter(filter));
    state.apply(Action::Navigate(Screen::Companies));
    state.companies.rows.len()
}

#[test]
fn companies_are_counted_by_the_province_of_their_city() {
    let mut state = ledger();
    assert_eq!(tile(&state, "江苏"), 3);
    assert_eq!(tile(&state, "吉林"), 2);
    assert_eq!(tile(&state, "广东"), 0);
    let map = state.map.companies.clone().unwrap();
    let jiangsu = map
        .tiles
        .iter()
        .find(|(t, _)| t.province == "江苏")
        .unwrap()
        .1;
    assert_eq!((jiangsu.priority_a, jiangsu.leaders), (2, 1));
    assert_eq!(
        map.hover("江苏", jiangsu),
        "江苏：3 家目标企业（A 类 2 家，链主 1 家）"
    );
    assert_eq!(map.abroad.len(), 1);
    assert_eq!(map.abroad[0].0, "德国");
    assert_eq!(map.unknown.count, 2);
    assert_eq!(
        map.totals_line(),
        "国内 5 家、境外 1 家、未识别 2 家；合计 8 家"
    );
    // Every tile's list holds exactly its count, and so does the country's.
    for (t, count) in map.tiles.iter() {
        let n = listed(&mut state, CompanyMap::province_filter(t.province));
        assert_eq!(n as i64, count.count, "{}", t.province);
    }
    assert_eq!(listed(&mut state, CompanyMap::country_filter("德国")), 1);
}

#[test]
fn a_company_saved_moves_the_figures_and_the_projects_map_comes_back() {
    let mut state = ledger();
    let mut c = TargetCompany::new("深圳一");
    c.city = "深圳".into();
    state.apply(CompanyAction::Save(Box::new(c)));
    state.apply(Action::Navigate(Screen::Map));
    assert_eq!(tile(&state, "广东"), 1);
    state.apply(MapAction::SetSubject(MapSubject::Projects));
    state.apply(Action::Navigate(Screen::Map));
    assert!(state.map.companies.is_none());
    assert!(state.map.data.is_some(), "the projects' map for the period");
}

#[test]
fn the_companies_map_is_drawn_to_svg_and_png_with_its_counts() {
    let mut state = ledger();
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("目标企业地图.svg");
    state.apply(MapAction::Export(
        zhaoshang::app::map::MapMeasure::Count,
        svg.clone(),
    ));
    assert!(
        state
            .notice
            .as_ref()
            .is_some_and(|n| n.text.contains("目标企业地图.svg"))
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains("招商地图：目标企业所在地"),
        "the companies' title"
    );
    assert!(!text.contains("签约项目来源地"), "not the projects' map");
    // 江苏: 苏州 twice and 南京; 德国 abroad; the unrecognised and the unfilled counted below.
    assert!(text.contains("3 家"), "江苏's tile says 3 家");
    assert!(text.contains("1. 德国：1 家"));
    assert!(text.contains("所在城市未填或无法识别：2 家"));
    let png = dir.path().join("map.png");
    state.apply(MapAction::Export(
        zhaoshang::app::map::MapMeasure::Count,
        png.clone(),
    ));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}
