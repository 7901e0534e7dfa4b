//! 出差清单 in the window (egui_kittest): from 日程, open the planner, type a place and the days,
//! see the 缺链 company and the 在谈 project there ticked, 安排出差, and the 日程 shows the trip
//! and its visits; 撤销 takes them away.

mod common;

use common::{day, fill, harness};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{Action, AppState, CompanyAction, EditAction, Screen};
use zhaoshang::domain::activity::ActivityFilter;
use zhaoshang::domain::chain::{Chain, ChainNode, Segment};
use zhaoshang::domain::target_company::{Priority, TargetCompany};
use zhaoshang::domain::{Officer, Project, Stage, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{Store, Write};

fn zone() -> AppState {
    let mut store = Store::in_memory().unwrap();
    let chain = Chain::new("新能源汽车");
    let node = ChainNode::new(chain.id, Segment::Midstream, "驱动电机");
    let link = node.id;
    let mut talks = Project::new("苏州电驱项目");
    talks.company = "苏州电驱有限公司".into();
    talks.origin = "苏州".into();
    talks.stage = Stage::Negotiating;
    store
        .write(&[
            Write::PutChain(chain),
            Write::PutChainNode(node),
            Write::PutProject(talks),
        ])
        .unwrap();
    let mut state = AppState::new(store, day(2026, 12, 2), Lang::Zh);
    state.apply(Action::DismissFirstRun);
    let team = Team::new("招商一组");
    let officer = Officer::new(team.id, "王敏");
    state.apply(EditAction::SaveTeam(team));
    state.apply(EditAction::SaveOfficer(officer));
    let mut company = TargetCompany::new("苏州缺链科技");
    company.city = "江苏苏州".into();
    company.priority = Priority::A;
    company.links = vec![link];
    state.apply(CompanyAction::Save(Box::new(company)));
    state
}

fn activity_count(h: &common::H) -> usize {
    let store = h.state().state.ledger.store();
    store.activities(&ActivityFilter::default()).unwrap().len()
}

#[test]
fn a_trip_planned_from_the_list_shows_in_the_agenda_and_undo_removes_it() {
    let mut h = harness(zone());
    h.run();
    h.get_by_role_and_label(Role::Button, "日程").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "出差清单").click();
    h.run();
    h.run();
    assert!(h.state().state.trip.open);
    h.get_by_label_contains("输入城市或省份");
    fill(&mut h, "地点", "苏州");
    fill(&mut h, "从", "2026-12-08");
    fill(&mut h, "至", "2026-12-09");
    h.run();
    h.get_by_label("苏州缺链科技");
    h.get_by_label("苏州电驱项目");
    h.get_by_label_contains("已选 2 项");
    h.get_by_role_and_label(Role::Button, "安排出差").click();
    h.run();
    h.run();
    assert_eq!(h.state().state.screen, Screen::Agenda);
    assert_eq!(activity_count(&h), 3, "the trip and two visits");
    h.get_by_label_contains("含 2 次拜访");
    assert!(
        h.query_all_by_label("出差 苏州").count() >= 2,
        "the trip on each of its days"
    );
    for visit in ["拜访 苏州 苏州缺链科技", "拜访 苏州 苏州电驱有限公司"] {
        let shown = h.query_all_by_label_contains(visit).count();
        assert!(shown >= 1, "{visit} is in the week");
    }

    h.get_by_role_and_label(Role::Button, "撤销").click();
    h.run();
    h.run();
    assert_eq!(activity_count(&h), 0);
    assert!(h.query_by_label("出差 苏州").is_none());
}
