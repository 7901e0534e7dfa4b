//! Action-layer tests: edits go through actions, each is one undo step, and undo/redo restore
//! exactly what was there.

use chrono::NaiveDate;
use zhaoshang::app::{Action, AppState, Screen};
use zhaoshang::app::{EditAction, LedgerAction, SettingsAction};
use zhaoshang::domain::money::YI;
use zhaoshang::domain::{Money, Officer, Project, Stage, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

fn state() -> AppState {
    let today = NaiveDate::from_ymd_opt(2023, 8, 31).unwrap();
    AppState::new(Store::in_memory().unwrap(), today, Lang::Zh)
}

fn project(name: &str, yi: i64) -> Project {
    let mut p = Project::new(name);
    p.investment = Some(Money::cny(yi * YI));
    p
}

#[test]
fn create_edit_delete_then_undo_each_and_redo() {
    let mut s = state();
    assert!(s.show_first_run, "an empty ledger offers the demo");
    let mut p = project("上汽大通新MPV产业化项目", 50);
    s.apply(EditAction::SaveProject(Box::new(p.clone())));
    assert_eq!(s.projects.totals().count, 1);
    assert_eq!(s.projects.totals().amount_cny, 50 * YI);

    p.stage = Stage::Signed;
    p.set_stage_date(Stage::Signed, NaiveDate::from_ymd_opt(2023, 4, 13));
    p.investment = Some(Money::cny(52 * YI));
    s.apply(EditAction::SaveProject(Box::new(p.clone())));
    assert_eq!(s.projects.totals().amount_cny, 52 * YI);

    s.apply(EditAction::DeleteProject(p.id));
    assert_eq!(s.projects.totals().count, 0);

    s.apply(Action::Undo);
    assert_eq!(s.projects.totals().count, 1);
    assert_eq!(
        s.store().project(p.id).unwrap().unwrap(),
        p,
        "undo of delete restores the edit"
    );
    s.apply(Action::Undo);
    assert_eq!(
        s.projects.totals().amount_cny,
        50 * YI,
        "undo of the edit restores 50亿"
    );
    assert_eq!(s.store().project(p.id).unwrap().unwrap().stage, Stage::Lead);
    s.apply(Action::Undo);
    assert_eq!(
        s.projects.totals().count,
        0,
        "undo of the creation removes it"
    );
    assert!(!s.can_undo());

    s.apply(Action::Redo);
    s.apply(Action::Redo);
    assert_eq!(s.projects.totals().amount_cny, 52 * YI);
    // A new edit after undo clears the redo list.
    s.apply(Action::Undo);
    s.apply(EditAction::SaveProject(Box::new(project(
        "传奇生物细胞治疗项目",
        3,
    ))));
    assert!(!s.can_redo());
    assert_eq!(s.projects.totals().count, 2);
}

#[test]
fn deleting_a_team_takes_its_officers_and_undo_brings_both_back() {
    let mut s = state();
    let team = Team::new("深圳驻点招商办");
    let officer = Officer::new(team.id, "王堃");
    s.apply(EditAction::SaveTeam(team.clone()));
    s.apply(EditAction::SaveOfficer(officer.clone()));
    assert_eq!(s.ledger.officers.len(), 1);
    s.apply(EditAction::DeleteTeam(team.id));
    assert!(s.ledger.teams.is_empty());
    assert!(s.ledger.officers.is_empty());
    s.apply(Action::Undo);
    assert_eq!(s.ledger.teams, vec![team]);
    assert_eq!(s.ledger.officers, vec![officer]);
}

#[test]
fn demo_data_is_one_undo_step_and_the_ledger_filters_by_team() {
    let mut s = state();
    s.apply(Action::LoadDemo);
    assert!(!s.show_first_run);
    assert_eq!(s.projects.totals().count, 300);
    assert_eq!(s.ledger.teams.len(), 6);
    let team = s.ledger.teams[0].id;
    s.apply(LedgerAction::ShowTeam(team));
    assert_eq!(s.screen, Screen::Projects);
    let shown = s.projects.totals().count;
    assert!(shown > 0 && shown < 300, "{shown}");
    // The teams screen shows the same count for the team.
    s.apply(Action::Navigate(Screen::Teams));
    let expected = s
        .team_totals
        .all()
        .iter()
        .find(|t| t.team_id == team)
        .unwrap()
        .count;
    assert_eq!(shown, expected);
    s.apply(Action::Undo);
    assert_eq!(s.store().project_count().unwrap(), 0);
    assert!(s.ledger.teams.is_empty());
}

#[test]
fn a_failed_open_keeps_the_current_ledger_and_says_why() {
    let mut s = state();
    s.apply(EditAction::SaveProject(Box::new(project("保留的项目", 1))));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.db");
    std::fs::write(
        &bad,
        "not a database at all, just text that is long enough to have a header",
    )
    .unwrap();
    s.apply(SettingsAction::OpenDatabase(bad.clone()));
    let notice = s.notice.clone().expect("a message");
    assert!(notice.text.contains("不是数据库"), "{}", notice.text);
    assert_eq!(
        s.projects.totals().count,
        1,
        "the open ledger is still there"
    );
}

#[test]
fn rates_and_tiers_are_settings_with_undo() {
    let mut s = state();
    let mut tiers = s.ledger.tiers.clone();
    assert_eq!(tiers.thresholds_yi(), &[1, 5, 10, 30, 50, 100]);
    tiers = zhaoshang::domain::Tiers::new(vec![1, 10, 100]).unwrap();
    s.apply(SettingsAction::SetTiers(tiers.clone()));
    assert_eq!(s.ledger.tiers, tiers);
    s.apply(Action::Undo);
    assert_eq!(s.ledger.tiers.thresholds_yi(), &[1, 5, 10, 30, 50, 100]);
    let mut industries = s.ledger.industries.clone();
    industries.push("低空经济".into());
    s.apply(SettingsAction::SetIndustries(industries.clone()));
    assert_eq!(s.ledger.industries, industries);
}

/// A project's 下一步 and 截止 follow its next planned activity: scheduling, completing and
/// deleting activities move them, each in the activity's own undo step.
#[test]
fn a_projects_next_step_follows_its_next_planned_activity() {
    use zhaoshang::app::AgendaAction;
    use zhaoshang::domain::activity::Activity;
    let day = |d: u32| NaiveDate::from_ymd_opt(2023, 9, d).unwrap();
    let mut s = state();
    let mut p = project("储能电站项目", 5);
    p.next_step = "等对方回复".into();
    s.apply(EditAction::SaveProject(Box::new(p.clone())));
    let next = |s: &AppState| {
        let p = s.ledger.store().project(p.id).unwrap().unwrap();
        (p.next_step, p.next_step_due)
    };
    let mut visit = Activity::new("visit", day(5));
    visit.projects = vec![p.id];
    visit.companies = vec!["华康新能源".into()];
    s.apply(AgendaAction::Save(Box::new(visit.clone())));
    assert_eq!(next(&s), ("拜访：华康新能源".to_string(), Some(day(5))));

    // An earlier follow-up with words of its own comes first.
    let mut call = Activity::new("followup", day(2));
    call.projects = vec![p.id];
    call.next_step = "确认签约时间".into();
    s.apply(AgendaAction::Save(Box::new(call.clone())));
    assert_eq!(next(&s), ("确认签约时间".to_string(), Some(day(2))));

    // Done: the visit is next again; undo takes the 完成 and the project's words back at once.
    s.apply(AgendaAction::Done(call.id));
    assert_eq!(next(&s), ("拜访：华康新能源".to_string(), Some(day(5))));
    s.apply(Action::Undo);
    assert_eq!(next(&s), ("确认签约时间".to_string(), Some(day(2))));

    // The follow-up moved after the visit, then deleted: the visit is next.
    s.apply(AgendaAction::Reschedule {
        id: call.id,
        to: day(9),
    });
    assert_eq!(next(&s), ("拜访：华康新能源".to_string(), Some(day(5))));
    s.apply(AgendaAction::Delete(visit.id));
    assert_eq!(next(&s), ("确认签约时间".to_string(), Some(day(9))));
    assert!(s.notice.is_none(), "{:?}", s.notice);
}
