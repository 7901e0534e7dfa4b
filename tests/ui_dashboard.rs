//! Dashboard and targets UI tests (egui_kittest): what a lead sees for a known ledger, and what
//! changes when the period does.

mod common;

use chrono::NaiveDate;
use common::{H, day, fill, harness};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{Action, AppState};
use zhaoshang::app::{EditAction, SettingsAction};
use zhaoshang::domain::money::YI;
use zhaoshang::domain::target::{ElapsedCounting, Metric, Period, Scope, Target};
use zhaoshang::domain::{Money, Project, Stage, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

fn signed(name: &str, yi_tenths: i64, on: NaiveDate, team: Option<&Team>) -> Project {
    let mut p = Project::new(name);
    p.investment = Some(Money::cny(yi_tenths * YI / 10));
    p.stage = Stage::Signed;
    p.set_stage_date(Stage::Signed, Some(on));
    p.team_id = team.map(|t| t.id);
    p
}

fn target(scope: Scope, yi_tenths: i64) -> Target {
    Target {
        id: uuid::Uuid::now_v7(),
        name: String::new(),
        period: Period::Year(2023),
        scope,
        metric: Metric::SignedAmount,
        value: yi_tenths * YI / 10,
    }
}

/// North signs 10亿 in July and 20亿 in August against 40亿; south 3亿 in July against 10亿;
/// a zone-level 345.6亿 signing in August brings the zone to 378.6亿 of 401.5亿.
fn known_ledger() -> AppState {
    let mut s = AppState::new(Store::in_memory().unwrap(), day(2023, 8, 31), Lang::Zh);
    s.apply(Action::DismissFirstRun);
    let north = Team::new("北区招商局");
    let south = Team::new("南区招商局");
    s.apply(EditAction::SaveTeam(north.clone()));
    s.apply(EditAction::SaveTeam(south.clone()));
    for p in [
        signed("北区七月项目", 100, day(2023, 7, 10), Some(&north)),
        signed("南区七月项目", 30, day(2023, 7, 12), Some(&south)),
        signed("北区八月项目", 200, day(2023, 8, 15), Some(&north)),
        signed("全区重大项目", 3456, day(2023, 8, 20), None),
    ] {
        s.apply(EditAction::SaveProject(Box::new(p)));
    }
    s.apply(EditAction::SaveTarget(target(Scope::Zone, 4015)));
    s.apply(EditAction::SaveTarget(target(Scope::Team(north.id), 400)));
    s.apply(EditAction::SaveTarget(target(Scope::Team(south.id), 100)));
    s.apply(SettingsAction::SetElapsedCounting(ElapsedCounting::Months));
    s
}

fn top(h: &H, label: &str) -> f32 {
    h.get_by_label(label).rect().top()
}

#[test]
fn the_dashboard_shows_completion_and_the_race_and_follows_the_as_of_date() {
    let mut h = harness(known_ledger());
    h.run();
    h.get_by_role_and_label(Role::Button, "驾驶舱").click();
    h.run();
    h.run();
    h.get_by_label("378.60亿元 / 401.50亿元 · 94.3% · 序时进度 66.7%");
    h.get_by_label("超序时 27.6 个百分点");
    h.get_by_label("4 个 · 378.60 亿元");
    // North has 75% of its target, south 30%: north leads.
    assert!(top(&h, "北区招商局") < top(&h, "南区招商局"));

    // At the end of July the zone had 13亿 and south (30%) led north (25%).
    fill(&mut h, "截至 2023-08-31", "2023-07-31");
    h.run();
    h.run();
    h.get_by_label("13.00亿元 / 401.50亿元 · 3.2% · 序时进度 58.3%");
    h.get_by_label("2 个 · 13.00 亿元");
    assert!(top(&h, "南区招商局") < top(&h, "北区招商局"));
}

#[test]
fn a_target_made_in_the_form_shows_its_progress_and_undo_removes_it() {
    let mut s = AppState::new(Store::in_memory().unwrap(), day(2023, 8, 31), Lang::Zh);
    s.apply(Action::DismissFirstRun);
    s.apply(EditAction::SaveProject(Box::new(signed(
        "全区重大项目",
        3786,
        day(2023, 3, 1),
        None,
    ))));
    let mut h = harness(s);
    h.run();
    h.get_by_role_and_label(Role::Button, "目标").click();
    h.run();
    h.get_by_label("尚未设定目标：点上方“新建目标”设定。");
    h.get_by_label("新建目标").click();
    h.run();
    // A bad value is refused with its message.
    fill(&mut h, "目标值", "很多");
    h.get_by_label("保存").click();
    h.run();
    h.get_by_label_contains("目标值无效");
    fill(&mut h, "目标值", "401.5");
    h.get_by_label("保存").click();
    h.run();
    h.run();
    h.get_by_label("2023年 全区 签约总投资");
    h.get_by_label("401.50亿元");
    h.get_by_label("378.60亿元");
    h.get_by_label_contains("完成率 94.3%");
    assert_eq!(h.state().state.ledger.targets.len(), 1);

    h.get_by_label("撤销").click();
    h.run();
    h.run();
    assert!(h.state().state.ledger.targets.is_empty());
    h.get_by_label("尚未设定目标：点上方“新建目标”设定。");
}
