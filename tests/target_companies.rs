//! 招商目标企业库 through the app's actions: a company saved, found by the list's filters
//! (link, priority, contact, place, owner, 链主), turned into a 线索 project in one undo step
//! (the project with the company's name, credit code, origin, owner and the chain's industry,
//! attached to the company's links; the company 已立项), and that step undone and redone.

mod common;

use common::day;

use zhaoshang::app::target_companies::CompanyFilter;
use zhaoshang::app::{Action, AppState, CompanyAction, EditAction};
use zhaoshang::domain::chain::{Chain, ChainNode, Segment};
use zhaoshang::domain::target_company::{ContactStatus, Priority, TargetCompany};
use zhaoshang::domain::{Officer, Stage, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{Store, Write};

pub struct Zone {
    pub state: AppState,
    pub link: uuid::Uuid,
    pub officer: Officer,
    pub company: TargetCompany,
}

/// A zone with one chain (新能源汽车, industry 新能源) and its link 动力电池, one officer, and
/// one target company there (苏州, priority A, 链主, owned by the officer, fitting the link).
pub fn zone() -> Zone {
    let mut store = Store::in_memory().unwrap();
    let mut chain = Chain::new("新能源汽车");
    chain.industry = "新能源".into();
    let node = ChainNode::new(chain.id, Segment::Midstream, "动力电池");
    let link = node.id;
    store
        .write(&[Write::PutChain(chain), Write::PutChainNode(node)])
        .unwrap();
    let mut state = AppState::new(store, day(2026, 8, 31), Lang::Zh);
    state.apply(Action::DismissFirstRun);
    let team = Team::new("招商一组");
    let officer = Officer::new(team.id, "王敏");
    state.apply(EditAction::SaveTeam(team));
    state.apply(EditAction::SaveOfficer(officer.clone()));
    let mut company = TargetCompany::new("苏州锂电科技有限公司");
    company.credit_code = "91320500MA1XXXXX0A".into();
    company.city = "江苏苏州".into();
    company.priority = Priority::A;
    company.chain_leader = true;
    company.officer = Some(officer.id);
    company.links = vec![link];
    state.apply(CompanyAction::Save(Box::new(company.clone())));
    Zone {
        state,
        link,
        officer,
        company,
    }
}

fn shown(state: &mut AppState, filter: CompanyFilter) -> usize {
    state.apply(CompanyAction::SetFilter(filter));
    state.apply(Action::Navigate(zhaoshang::app::Screen::Companies));
    state.companies.rows.len()
}

#[test]
fn the_list_filters_by_link_priority_contact_place_owner_and_leader() {
    let Zone {
        mut state,
        link,
        officer,
        ..
    } = zone();
    let mut other = TargetCompany::new("深圳某电子");
    other.city = "深圳".into();
    other.priority = Priority::C;
    state.apply(CompanyAction::Save(Box::new(other)));
    assert_eq!(shown(&mut state, CompanyFilter::default()), 2);
    assert_eq!(state.companies.total, 2);
    let only = |f: CompanyFilter| f;
    let cases = [
        (
            only(CompanyFilter {
                link: Some(link),
                ..Default::default()
            }),
            1,
        ),
        (
            only(CompanyFilter {
                priority: Some(Priority::C),
                ..Default::default()
            }),
            1,
        ),
        (
            only(CompanyFilter {
                priority: Some(Priority::B),
                ..Default::default()
            }),
            0,
        ),
        (
            only(CompanyFilter {
                place: "江苏省".into(),
                ..Default::default()
            }),
            1,
        ),
        (
            only(CompanyFilter {
                place: "苏州".into(),
                ..Default::default()
            }),
            1,
        ),
        (
            only(CompanyFilter {
                place: "广东".into(),
                ..Default::default()
            }),
            1,
        ),
        (
            only(CompanyFilter {
                place: "浙江".into(),
                ..Default::default()
            }),
            0,
        ),
        (
            only(CompanyFilter {
                officer: Some(officer.id),
                ..Default::default()
            }),
            1,
        ),
        (
            only(CompanyFilter {
                leaders_only: true,
                ..Default::default()
            }),
            1,
        ),
        (
            only(CompanyFilter {
                contact: Some(ContactStatus::Interested),
                ..Default::default()
            }),
            0,
        ),
    ];
    for (filter, n) in cases {
        assert_eq!(shown(&mut state, filter.clone()), n, "{filter:?}");
    }
    state.apply(CompanyAction::SetFilter(CompanyFilter::default()));
    let first = state
        .companies
        .rows
        .iter()
        .find(|c| c.links == vec![link])
        .unwrap();
    assert_eq!(state.companies.link_names(first), "新能源汽车 · 动力电池");
}

#[test]
fn a_company_turned_into_a_project_is_one_undo_step() {
    let Zone {
        mut state,
        link,
        officer,
        company,
    } = zone();
    state.apply(CompanyAction::ToProject(company.id));
    let store = state.ledger.store();
    let stored = store.target_company(company.id).unwrap().unwrap();
    assert_eq!(stored.contact, ContactStatus::ProjectMade);
    let project_id = stored.project.expect("linked to its project");
    let project = store.project(project_id).unwrap().unwrap();
    assert_eq!(project.name, "苏州锂电科技有限公司");
    assert_eq!(project.company, "苏州锂电科技有限公司");
    assert_eq!(project.credit_code, "91320500MA1XXXXX0A");
    assert_eq!(project.origin, "江苏苏州");
    assert_eq!(project.officer_id, Some(officer.id));
    assert_eq!(project.team_id, Some(officer.team_id));
    assert_eq!(project.industry, "新能源");
    assert_eq!(project.stage, Stage::Lead);
    assert_eq!(project.stage_date(Stage::Lead), Some(day(2026, 8, 31)));
    let links = store.links_of_project(project_id).unwrap();
    assert_eq!(links.iter().map(|l| l.node).collect::<Vec<_>>(), vec![link]);

    // A second 转为项目 makes no second project.
    state.apply(CompanyAction::ToProject(company.id));
    let live = state.ledger.store().all_projects().unwrap();
    assert_eq!(live.len(), 1);

    state.apply(Action::Undo);
    assert!(state.project(project_id).is_none());
    let store = state.ledger.store();
    let back = store.target_company(company.id).unwrap().unwrap();
    assert_eq!(back.contact, ContactStatus::NotContacted);
    assert_eq!(back.project, None);

    state.apply(Action::Redo);
    assert!(state.project(project_id).is_some());
    let store = state.ledger.store();
    assert_eq!(store.links_of_project(project_id).unwrap().len(), 1);
}

#[test]
fn a_deleted_company_comes_back_with_undo() {
    let Zone {
        mut state, company, ..
    } = zone();
    state.apply(CompanyAction::Delete(company.id));
    assert!(state.ledger.store().target_companies().unwrap().is_empty());
    state.apply(Action::Undo);
    let back = state.ledger.store().target_companies().unwrap();
    assert_eq!(back, vec![company]);
}
