//! 招商地图 of target companies in the window (egui_kittest): the 目标企业 switch hides the
//! 亿元/个数 measure and the period, hovering a tile shows its figures, and clicking it opens the
//! 目标企业 list on exactly that province's companies (the list's count equals the tile).

mod common;

use common::{H, day, harness};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{Action, AppState, CompanyAction, Screen};
use zhaoshang::domain::target_company::TargetCompany;
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

fn ledger() -> AppState {
    let mut state = AppState::new(Store::in_memory().unwrap(), day(2026, 8, 31), Lang::Zh);
    state.apply(Action::DismissFirstRun);
    for (name, city) in [
        ("苏州一", "苏州"),
        ("无锡一", "江苏无锡"),
        ("南京一", "南京市"),
        ("深圳一", "深圳"),
        ("慕尼黑一", "德国慕尼黑"),
    ] {
        let mut c = TargetCompany::new(name);
        c.city = city.into();
        state.apply(CompanyAction::Save(Box::new(c)));
    }
    state
}

fn open_map(h: &mut H) {
    h.run();
    h.get_by_role_and_label(Role::Button, "招商地图").click();
    h.run();
    h.run();
    assert_eq!(h.state().state.screen, Screen::Map);
}

#[test]
fn a_companies_tile_opens_exactly_its_companies() {
    let mut h = harness(ledger());
    open_map(&mut h);
    h.get_by_role_and_label(Role::Button, "按个数");
    h.get_by_label("目标企业分布").click();
    h.run();
    h.run();
    assert!(
        h.query_by_label("按个数").is_none(),
        "no measure: counts only"
    );
    h.get_by_label("国内 4 家、境外 1 家、未识别 0 家；合计 5 家");
    let tile = h.get_by_role_and_label(Role::Button, "江苏").rect();
    h.hover_at(tile.center());
    h.run();
    h.run();
    h.get_by_label("江苏：3 家目标企业（A 类 0 家，链主 0 家）");

    h.get_by_role_and_label(Role::Button, "江苏").click();
    h.run();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.screen, Screen::Companies);
    assert_eq!(state.companies.rows.len(), 3);
    h.get_by_label("共 3 家（库中 5 家）");
    h.get_by_label("所在省份：江苏");
    for name in ["苏州一", "无锡一", "南京一"] {
        h.get_by_label(name);
    }
    assert!(h.query_by_label("深圳一").is_none());

    // Back on the map, the abroad list opens its country's companies.
    open_map(&mut h);
    h.get_by_label("1. 德国：1 家").click();
    h.run();
    h.run();
    assert_eq!(h.state().state.companies.rows.len(), 1);
    h.get_by_label("慕尼黑一");
}
