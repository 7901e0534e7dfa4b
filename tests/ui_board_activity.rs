//! The board's 日程 marks (issue 15): each card says when its next planned activity is — red
//! overdue, green today, grey later, amber none — and a done activity counts as an update for
//! the stale mark.

mod common;

use chrono::NaiveDate;
use common::{H, day, harness_sized, staged};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{Action, AppState};
use zhaoshang::domain::activity::{Activity, ActivityStatus};
use zhaoshang::domain::{Project, Stage};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{Store, Write};

/// Today is half a year after the projects were last written (the store stamps writes with the
/// real clock), so a project nobody touched is stale.
fn today() -> NaiveDate {
    let written = chrono::Local::now().date_naive();
    written + chrono::Duration::days(180)
}

fn project(name: &str) -> Project {
    staged(
        name,
        3,
        Stage::Negotiating,
        &[(Stage::Negotiating, day(2026, 1, 5))],
    )
}

fn board(projects: &[Project], activities: Vec<Activity>) -> H {
    let mut store = Store::in_memory().unwrap();
    let writes: Vec<Write> = projects
        .iter()
        .cloned()
        .map(Write::PutProject)
        .chain(activities.into_iter().map(Write::PutActivity))
        .collect();
    store.write(&writes).unwrap();
    let mut state = AppState::new(store, today(), Lang::Zh);
    state.apply(Action::DismissFirstRun);
    let mut h = harness_sized(state, egui::vec2(1400.0, 900.0));
    h.run();
    h.get_by_role_and_label(Role::Button, "项目看板").click();
    h.run();
    h
}

fn visit(project: &Project, start: NaiveDate, status: ActivityStatus) -> Activity {
    let mut a = Activity::new("visit", start);
    a.projects = vec![project.id];
    a.status = status;
    a
}

fn card_says(h: &mut H, card: &str, text: &str) {
    h.get_by_role_and_label(Role::Button, card).hover();
    h.run();
    h.get_by_label_contains(text);
}

#[test]
fn each_card_says_when_its_next_activity_is() {
    let (overdue, now, later, none) = (
        project("华康新能源项目"),
        project("远景储能项目"),
        project("宁德时代电池项目"),
        project("上汽大通项目"),
    );
    let t = today();
    let mut h = board(
        &[overdue.clone(), now.clone(), later.clone(), none.clone()],
        vec![
            visit(
                &overdue,
                t - chrono::Duration::days(3),
                ActivityStatus::Planned,
            ),
            visit(&now, t, ActivityStatus::Planned),
            visit(
                &later,
                t + chrono::Duration::days(9),
                ActivityStatus::Planned,
            ),
            // A done visit is not a planned one: this project has none planned.
            visit(&none, t - chrono::Duration::days(2), ActivityStatus::Done),
        ],
    );
    card_says(&mut h, "华康新能源项目", "下一项活动已逾期：拜访");
    card_says(&mut h, "远景储能项目", "今天的活动：拜访");
    card_says(
        &mut h,
        "宁德时代电池项目",
        &format!("下一项活动：拜访 {}", t + chrono::Duration::days(9)),
    );
    card_says(&mut h, "上汽大通项目", "尚未安排活动");
}

#[test]
fn a_done_activity_counts_as_an_update_for_the_stale_mark() {
    let (touched, untouched) = (project("华康新能源项目"), project("远景储能项目"));
    let t = today();
    let h = board(
        &[touched.clone(), untouched.clone()],
        vec![visit(
            &touched,
            t - chrono::Duration::days(2),
            ActivityStatus::Done,
        )],
    );
    // The card's hover text says how long it went without an update: the untouched one since
    // its last write half a year ago; the one visited two days ago, not at all (fresh).
    let mut h = h;
    card_says(&mut h, "远景储能项目", "天未更新");
    h.get_by_role_and_label(Role::Button, "华康新能源项目")
        .hover();
    h.run();
    assert!(
        h.query_by_label_contains("天未更新").is_none(),
        "the visited card is fresh"
    );
    let _ = (touched, untouched);
}
