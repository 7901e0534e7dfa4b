//! 目标企业 in the window (egui_kittest): the list shows a company; 转为项目 makes its 线索
//! project and marks it 已立项; 撤销 removes the project and gives the company back its status.

mod common;

use common::{day, harness};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{Action, AppState, CompanyAction, Screen};
use zhaoshang::domain::target_company::{ContactStatus, TargetCompany};
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

fn ledger() -> (AppState, TargetCompany) {
    let mut state = AppState::new(Store::in_memory().unwrap(), day(2026, 8, 31), Lang::Zh);
    state.apply(Action::DismissFirstRun);
    let mut company = TargetCompany::new("宁德某储能科技");
    company.city = "福建宁德".into();
    company.contact = ContactStatus::Interested;
    state.apply(CompanyAction::Save(Box::new(company.clone())));
    (state, company)
}

#[test]
fn a_company_turned_into_a_project_then_undone() {
    let (state, company) = ledger();
    let mut h = harness(state);
    h.run();
    h.get_by_role_and_label(Role::Button, "目标企业").click();
    h.run();
    h.run();
    assert_eq!(h.state().state.screen, Screen::Companies);
    h.get_by_label("宁德某储能科技");
    h.get_by_label("有意向");
    h.get_by_role_and_label(Role::Button, "转为项目").click();
    h.run();
    h.run();
    let project = {
        let store = h.state().state.ledger.store();
        let c = store.target_company(company.id).unwrap().unwrap();
        assert_eq!(c.contact, ContactStatus::ProjectMade);
        c.project.expect("a project")
    };
    assert!(h.state().state.project(project).is_some());
    h.get_by_label("已立项");

    h.get_by_role_and_label(Role::Button, "撤销").click();
    h.run();
    h.run();
    assert!(h.state().state.project(project).is_none());
    let store = h.state().state.ledger.store();
    let c = store.target_company(company.id).unwrap().unwrap();
    assert_eq!((c.contact, c.project), (ContactStatus::Interested, None));
    h.get_by_label("有意向");
}

#[test]
fn a_new_company_from_the_form_appears_in_the_list() {
    let (state, _) = ledger();
    let mut h = harness(state);
    h.run();
    h.get_by_role_and_label(Role::Button, "目标企业").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "新建目标企业")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    h.get_by_label("请填写企业名称");
    common::fill(&mut h, "企业名称", "合肥某显示");
    common::fill(&mut h, "所在城市", "合肥");
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    h.run();
    h.get_by_label("合肥某显示");
    assert_eq!(h.state().state.companies.total, 2);
}
