//! 日程 driven as a user drives it (egui_kittest, headless): create a visit by clicking a day,
//! mark it done and accept the follow-up it offers; a signing event for three projects and
//! one 撤销; drag an activity to another day; week and month; the filters; the demo's year.

mod common;

use common::{H, day, fill, harness, staged, wait_until};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{Action, AgendaAction, AppState, EditAction};
use zhaoshang::domain::activity::{Activity, ActivityFilter, ActivityStatus};
use zhaoshang::domain::{Officer, Project, Stage, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

/// Wednesday 4 March 2026.
fn today() -> chrono::NaiveDate {
    day(2026, 3, 4)
}

/// Two teams with an officer each, `projects` at 在谈, `activities`; on the 日程 screen.
fn agenda(
    projects: &[&str],
    activities: impl FnOnce(&Officer, &Officer) -> Vec<Activity>,
) -> (H, Vec<Project>, [Officer; 2]) {
    let mut state = AppState::new(Store::in_memory().unwrap(), today(), Lang::Zh);
    let one = Team::new("招商一组");
    let two = Team::new("深圳驻点组");
    let zhang = Officer::new(one.id, "张伟");
    let li = Officer::new(two.id, "李娜");
    state.apply(EditAction::SaveTeam(one));
    state.apply(EditAction::SaveTeam(two));
    state.apply(EditAction::SaveOfficer(zhang.clone()));
    state.apply(EditAction::SaveOfficer(li.clone()));
    let mut made = Vec::new();
    for name in projects {
        let p = staged(
            name,
            5,
            Stage::Negotiating,
            &[(Stage::Negotiating, day(2026, 1, 10))],
        );
        state.apply(EditAction::SaveProject(Box::new(p.clone())));
        made.push(p);
    }
    for a in activities(&zhang, &li) {
        state.apply(AgendaAction::Save(Box::new(a)));
    }
    state.apply(Action::DismissFirstRun);
    let mut h = harness(state);
    h.run();
    h.get_by_role_and_label(Role::Button, "日程").click();
    h.run();
    (h, made, [zhang, li])
}

fn stored(h: &H) -> Vec<Activity> {
    h.state()
        .state
        .store()
        .activities(&ActivityFilter::default())
        .unwrap()
}

fn project(h: &H, p: &Project) -> Project {
    h.state().state.store().project(p.id).unwrap().unwrap()
}

fn undo(h: &mut H) {
    h.get_by_label("撤销").click();
    h.run();
}

fn visit(officer: &Officer, on: chrono::NaiveDate, place: &str) -> Activity {
    let mut a = Activity::new("visit", on);
    a.officers = vec![officer.id];
    a.place = place.into();
    a
}

#[test]
fn a_visit_made_on_a_clicked_day_and_marked_done_schedules_the_offered_follow_up() {
    let (mut h, _, [zhang, _]) = agenda(&[], |_, _| Vec::new());
    h.get_by_label("周三 3月4日").click();
    h.run();
    fill(&mut h, "地点", "深圳");
    fill(&mut h, "拜访企业（逗号分隔）", "华为，比亚迪");
    h.get_by_label("张伟").click();
    h.run();
    h.get_by_label("保存").click();
    h.run();
    wait_until(&mut h, "the visit is stored", |h| stored(h).len() == 1);
    let visit = stored(&h).remove(0);
    assert_eq!(visit.kind, "visit");
    assert_eq!((visit.start, visit.end), (today(), today()));
    assert_eq!(visit.officers, vec![zhang.id]);
    assert_eq!(visit.companies, vec!["华为", "比亚迪"]);
    // In the week's Wednesday and in today's agenda.
    h.get_by_label("拜访 深圳 华为、比亚迪");
    h.get_by_label("03-04 拜访 深圳 华为、比亚迪");

    h.get_by_label("完成").click();
    h.run();
    h.get_by_label("安排下一项：跟进 2026-03-11？");
    assert_eq!(stored(&h)[0].status, ActivityStatus::Done);
    h.get_by_label("安排").click();
    h.run();
    wait_until(&mut h, "the follow-up is stored", |h| stored(h).len() == 2);
    let next = stored(&h).remove(1);
    assert_eq!(next.kind, "followup");
    assert_eq!(next.start, day(2026, 3, 11));
    assert_eq!(next.status, ActivityStatus::Planned);
    assert_eq!(next.officers, vec![zhang.id]);
    assert!(h.query_by_label("安排下一项：跟进 2026-03-11？").is_none());
    h.get_by_label("03-11 跟进 深圳 华为、比亚迪");

    // Creating, completing and scheduling are three steps.
    undo(&mut h);
    assert_eq!(stored(&h).len(), 1);
    assert_eq!(stored(&h)[0].status, ActivityStatus::Done);
    undo(&mut h);
    assert_eq!(stored(&h)[0].status, ActivityStatus::Planned);
    undo(&mut h);
    assert!(stored(&h).is_empty());
    assert!(h.query_by_label("03-04 拜访 深圳 华为、比亚迪").is_none());
}

#[test]
fn declining_the_offer_schedules_nothing_and_undoing_the_done_withdraws_it() {
    let (mut h, _, _) = agenda(&[], |zhang, _| vec![visit(zhang, today(), "上海")]);
    h.get_by_label("完成").click();
    h.run();
    h.get_by_label("不用").click();
    h.run();
    assert!(h.query_by_label("安排下一项：跟进 2026-03-11？").is_none());
    assert_eq!(stored(&h).len(), 1);
    // Offered again after another 完成, the offer goes when that 完成 is undone.
    undo(&mut h);
    assert_eq!(stored(&h)[0].status, ActivityStatus::Planned);
    h.get_by_label("完成").click();
    h.run();
    h.get_by_label("安排下一项：跟进 2026-03-11？");
    undo(&mut h);
    assert!(h.query_by_label("安排下一项：跟进 2026-03-11？").is_none());
    assert_eq!(stored(&h)[0].status, ActivityStatus::Planned);
}

#[test]
fn a_signing_event_for_three_projects_signs_them_all_and_one_undo_restores_all_three() {
    let names = ["甲储能项目", "乙电池项目", "丙材料项目"];
    let (mut h, projects, _) = agenda(&names, |_, _| Vec::new());
    h.get_by_label("周五 3月6日").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "类型").click();
    h.run();
    h.get_by_label("签约活动").click();
    h.run();
    fill(&mut h, "地点", "会展中心");
    for name in names {
        fill(&mut h, "查找项目", name);
        let pick = format!("+ {name}");
        wait_until(&mut h, "the project is found", |h| {
            h.query_by_label(&pick).is_some()
        });
        h.get_by_label(&pick).click();
        h.run();
    }
    h.get_by_label_contains("所选 3 个项目的签约日期记为 2026-03-06");
    h.get_by_label("确认签约").click();
    h.run();
    wait_until(&mut h, "the event is stored", |h| stored(h).len() == 1);
    let event = stored(&h).remove(0);
    assert_eq!(event.kind, "signing");
    assert_eq!(event.status, ActivityStatus::Done);
    assert_eq!(
        event.projects,
        projects.iter().map(|p| p.id).collect::<Vec<_>>()
    );
    for p in &projects {
        let now = project(&h, p);
        assert_eq!(now.stage, Stage::Signed, "{}", p.name);
        assert_eq!(now.signed_date(), Some(day(2026, 3, 6)));
        let moves = h.state().state.stage_moves(p.id);
        assert_eq!(moves.len(), 1);
        assert_eq!(
            (moves[0].from, moves[0].to),
            (Stage::Negotiating, Stage::Signed)
        );
    }

    undo(&mut h);
    assert!(stored(&h).is_empty());
    for p in &projects {
        let now = project(&h, p);
        assert_eq!(now.stage, Stage::Negotiating, "{}", p.name);
        assert_eq!(now.signed_date(), None);
        assert!(h.state().state.stage_moves(p.id).is_empty());
    }
}

/// Presses on a chip (its first day's, the one that drags), moves over `target` in a few
/// steps and releases there: pointer events, as a mouse sends them.
fn drag(h: &mut H, chip: &str, target: egui::Pos2) {
    let first = h.get_all_by_label(chip).next().map(|n| n.rect().center());
    let from = first.expect("the chip is shown");
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    h.event(egui::Event::PointerMoved(from));
    h.run();
    h.event(button(from, true));
    h.run();
    for i in 1..=4 {
        let t = i as f32 / 4.0;
        h.event(egui::Event::PointerMoved(from + (target - from) * t));
        h.run();
    }
    h.event(button(target, false));
    h.run();
}

#[test]
fn an_activity_dragged_to_another_day_of_the_week_moves_there_and_undo_brings_it_back() {
    let mut trip = Activity::new("trip", today());
    trip.end = day(2026, 3, 5);
    trip.place = "深圳".into();
    let (mut h, _, _) = agenda(&[], |_, _| vec![trip]);
    let friday = h.get_by_label("周五 3月6日").rect();
    drag(
        &mut h,
        "出差 深圳",
        friday.center() + egui::vec2(0.0, 200.0),
    );
    wait_until(&mut h, "the trip is moved", |h| {
        stored(h)[0].start == day(2026, 3, 6)
    });
    // All its days move: two days, Friday and Saturday.
    assert_eq!(stored(&h)[0].end, day(2026, 3, 7));
    undo(&mut h);
    assert_eq!(
        (stored(&h)[0].start, stored(&h)[0].end),
        (today(), day(2026, 3, 5))
    );
}

#[test]
fn the_week_steps_and_the_month_view_shows_the_month() {
    let (mut h, _, _) = agenda(&[], |_, _| Vec::new());
    h.get_by_label("2026-03-02 至 2026-03-08");
    h.get_by_label("← 往前").click();
    h.run();
    h.get_by_label("2026-02-23 至 2026-03-01");
    // Too narrow at 1280 for "周六 2月28日": every column says its day alone, on one line.
    h.get_by_label("周一 23日");
    h.get_by_label("本周").click();
    h.run();
    h.get_by_label("2026-03-02 至 2026-03-08");
    h.get_by_label("月").click();
    h.run();
    h.get_by_label("2026年3月");
    h.get_by_label("31日");
    h.get_by_label("往后 →").click();
    h.run();
    h.get_by_label("2026年4月");
    h.get_by_label("周").click();
    h.run();
    h.get_by_label("2026-03-30 至 2026-04-05");
}

#[test]
fn the_agenda_shows_the_overdue_and_the_filters_narrow_to_a_team_or_officer() {
    let mut late = Activity::new("followup", day(2026, 2, 20));
    let (mut h, _, _) = agenda(&[], |zhang, li| {
        late.officers = vec![zhang.id];
        vec![
            late.clone(),
            visit(zhang, today(), "苏州"),
            visit(li, day(2026, 3, 5), "深圳"),
        ]
    });
    h.get_by_label("02-20 跟进");
    assert_eq!(h.state().state.agenda.overdue, vec![late]);
    h.get_by_label("拜访 苏州");
    h.get_by_label("拜访 深圳");

    h.get_by_role_and_label(Role::ComboBox, "招商人员").click();
    h.run();
    h.get_by_label("李娜").click();
    h.run();
    h.get_by_label("拜访 深圳");
    assert!(h.query_by_label("拜访 苏州").is_none());
    assert!(h.query_by_label("02-20 跟进").is_none());

    h.get_by_role_and_label(Role::ComboBox, "队伍").click();
    h.run();
    h.get_by_label("招商一组").click();
    h.run();
    h.get_by_label("拜访 苏州");
    assert!(h.query_by_label("拜访 深圳").is_none());
}

#[test]
fn the_demo_zone_brings_a_year_of_activities_in_the_same_undo_step() {
    let mut state = AppState::new(Store::in_memory().unwrap(), today(), Lang::Zh);
    state.apply(Action::LoadDemo);
    let count = state.store().activity_count().unwrap();
    assert!(count > 100, "{count} activities");
    let mut h = harness(state);
    h.run();
    h.get_by_role_and_label(Role::Button, "日程").click();
    h.run();
    let model = &h.state().state.agenda;
    assert!(!model.shown.is_empty(), "this week has activities");
    undo(&mut h);
    wait_until(&mut h, "the demo is undone", |h| {
        h.state().state.store().activity_count().unwrap() == 0
    });
}

#[test]
fn the_dashboard_ranks_the_officers_by_their_appraisal() {
    let (mut h, _, [zhang, li]) = agenda(&[], |_, li| {
        let mut trip = Activity::new("trip", day(2026, 3, 2));
        trip.end = day(2026, 3, 4);
        trip.status = ActivityStatus::Done;
        trip.officers = vec![li.id];
        let mut met = visit(li, day(2026, 3, 3), "深圳");
        met.status = ActivityStatus::Done;
        met.companies = vec!["华为".into(), "腾讯".into()];
        // Planned: not counted.
        vec![trip, met, visit(li, day(2026, 3, 5), "深圳")]
    });
    h.get_by_role_and_label(Role::Button, "驾驶舱").click();
    h.run();
    h.run();
    h.get_by_label("考核");
    // The officers' table and the teams'.
    assert_eq!(h.get_all_by_label("外出天数").count(), 2);
    let appraisal = h
        .state()
        .state
        .dashboard
        .appraisal
        .clone()
        .expect("figures");
    let first = &appraisal.officers[0];
    assert_eq!(
        first.of,
        zhaoshang::domain::activity::AppraisalOf::Officer(li.id)
    );
    assert_eq!(first.rank, 1);
    assert_eq!(
        (
            first.figures.trip_days,
            first.figures.companies_visited,
            first.figures.activities()
        ),
        (3, 2, 2)
    );
    assert_eq!(appraisal.officers[1].rank, 2);
    // 李娜 first in the table, 张伟 below; then the teams, 李娜's first.
    assert!(h.get_by_label("李娜").rect().top() < h.get_by_label(&zhang.name).rect().top());
    assert_eq!(appraisal.teams[0].figures.trip_days, 3);
    let teams: Vec<f32> = h
        .get_all_by_label("深圳驻点组")
        .map(|n| n.rect().top())
        .collect();
    assert_eq!(
        teams.len(),
        3,
        "in the race, in 李娜's row and in the teams' table"
    );
}

#[test]
fn an_activity_edited_then_deleted_is_one_undo_step_each_and_an_undone_form_closes() {
    let (mut h, _, _) = agenda(&[], |zhang, _| vec![visit(zhang, today(), "苏州")]);
    h.get_by_label("拜访 苏州").click();
    h.run();
    h.get_by_label("编辑活动");
    fill(&mut h, "结果", "对方有意在区内设厂");
    fill(&mut h, "结束日期", "2026-03-05");
    h.get_by_label("保存").click();
    h.run();
    wait_until(&mut h, "the change is stored", |h| {
        stored(h)[0].result == "对方有意在区内设厂"
    });
    assert_eq!(stored(&h)[0].end, day(2026, 3, 5));
    // Two days now: Wednesday and Thursday.
    assert_eq!(h.get_all_by_label("拜访 苏州").count(), 2);

    h.get_all_by_label("拜访 苏州").next().unwrap().click();
    h.run();
    h.get_by_label("删除").click();
    h.run();
    wait_until(&mut h, "the activity is deleted", |h| stored(h).is_empty());
    undo(&mut h);
    assert_eq!(stored(&h)[0].result, "对方有意在区内设厂");
    undo(&mut h);
    assert_eq!(stored(&h)[0].result, "");
    assert_eq!(stored(&h)[0].end, today());

    // A form open on a new activity's row when its creation is undone closes.
    h.get_by_label("拜访 苏州").click();
    h.run();
    h.get_by_label("编辑活动");
    h.get_by_label("撤销").click();
    h.run();
    h.run();
    assert!(stored(&h).is_empty());
    assert!(h.query_by_label("编辑活动").is_none());
}

#[test]
fn a_bad_day_in_the_form_is_refused_with_its_message() {
    let (mut h, _, _) = agenda(&[], |_, _| Vec::new());
    h.get_by_label("周四 3月5日").click();
    h.run();
    fill(&mut h, "开始日期", "三月五日");
    h.get_by_label("保存").click();
    h.run();
    h.get_by_label("日期无法识别，请写 YYYY-MM-DD");
    fill(&mut h, "开始日期", "2026-03-06");
    h.get_by_label("保存").click();
    h.run();
    // Ends before it starts: the app refuses it and says so.
    h.get_by_label("结束早于开始，请检查日期和时间");
    assert!(stored(&h).is_empty());
    // The form stays open after a refusal; Escape closes it.
    h.get_by_label("新建活动");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("新建活动").is_none());
}

#[test]
fn a_crowded_day_lists_the_first_activities_and_says_how_many_more() {
    let (mut h, _, _) = agenda(&[], |zhang, _| {
        (0..45)
            .map(|i| visit(zhang, day(2026, 3, 5), &format!("城市{i}")))
            .collect()
    });
    h.get_by_label("另有 5 项");
    h.get_by_label("月").click();
    h.run();
    h.get_by_label("另有 42 项");
}
