//! The dashboard's 考核 switch 只计已审核 driven as a lead drives it (egui_kittest, headless):
//! ticking it makes the figures count the approved visit only, 撤销 puts it back, and the
//! setting is the synced one the command line sets.

mod common;

use common::{H, day, harness};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{Action, AgendaAction, AppState, EditAction};
use zhaoshang::domain::activity::{Activity, ActivityStatus, AppraisalOf, Review};
use zhaoshang::domain::{Officer, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{REVIEWED_ONLY_KEY, Store};

/// A lead's dashboard in March 2026: 李娜 made two done visits, one approved.
fn dashboard() -> (H, Officer) {
    let mut state = AppState::new(Store::in_memory().unwrap(), day(2026, 3, 20), Lang::Zh);
    let team = Team::new("深圳驻点组");
    let li = Officer::new(team.id, "李娜");
    state.apply(EditAction::SaveTeam(team));
    state.apply(EditAction::SaveOfficer(li.clone()));
    for (n, (company, review)) in [("华为", Review::Approved), ("腾讯", Review::None)]
        .into_iter()
        .enumerate()
    {
        let mut visit = Activity::new("visit", day(2026, 3, 3 + n as u32));
        visit.status = ActivityStatus::Done;
        visit.officers = vec![li.id];
        visit.companies = vec![company.into()];
        visit.review = review;
        state.apply(AgendaAction::Save(Box::new(visit)));
    }
    state.apply(Action::DismissFirstRun);
    let mut h = harness(state);
    h.run();
    h.get_by_role_and_label(Role::Button, "驾驶舱").click();
    h.run();
    (h, li)
}

/// 李娜's 拜访企业数 as the dashboard holds it.
fn companies(h: &H, li: &Officer) -> i64 {
    let appraisal = h.state().state.dashboard.appraisal.as_ref().expect("考核");
    appraisal
        .officers
        .iter()
        .find(|r| r.of == AppraisalOf::Officer(li.id))
        .expect("李娜's row")
        .figures
        .companies_visited
}

fn switch_is_on(h: &H) -> bool {
    h.state().state.dashboard.reviewed_only
}

fn setting(h: &H) -> Option<String> {
    h.state().state.store().setting(REVIEWED_ONLY_KEY).unwrap()
}

#[test]
fn ticking_reviewed_only_counts_the_approved_visit_alone_and_undo_counts_both_again() {
    let (mut h, li) = dashboard();
    assert_eq!(companies(&h, &li), 2);
    assert!(!switch_is_on(&h));

    h.get_by_role_and_label(Role::CheckBox, "只计已审核")
        .click();
    h.run();
    assert!(switch_is_on(&h));
    assert_eq!(setting(&h).as_deref(), Some("1"));
    assert_eq!(companies(&h, &li), 1, "only 华为's visit was approved");

    h.get_by_label("撤销").click();
    h.run();
    assert!(!switch_is_on(&h), "one 撤销 step turns the switch off");
    assert_eq!(setting(&h), None, "back to never set");
    assert_eq!(companies(&h, &li), 2);

    h.get_by_label("重做").click();
    h.run();
    assert!(switch_is_on(&h));
    assert_eq!(companies(&h, &li), 1);
}

#[test]
fn the_switch_shows_the_setting_the_command_line_made_and_unticks_it() {
    let (mut h, li) = dashboard();
    h.state_mut()
        .state
        .apply(AgendaAction::SetReviewedOnly(true));
    h.run();
    assert!(switch_is_on(&h));
    assert_eq!(companies(&h, &li), 1);
    h.get_by_role_and_label(Role::CheckBox, "只计已审核")
        .click();
    h.run();
    assert!(!switch_is_on(&h));
    assert_eq!(setting(&h).as_deref(), Some("0"));
    assert_eq!(companies(&h, &li), 2);
}
