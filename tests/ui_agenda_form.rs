//! The activity form's times of day and parent trip, driven as an officer drives them
//! (egui_kittest, headless): a visit at 9:30–11:00 on a trip to 深圳 shows its times in the
//! week and the agenda and is stored on the trip; a mistyped time is refused, nothing saved.

mod common;

use common::{H, day, fill, harness, wait_until};

use chrono::NaiveTime;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{Action, AgendaAction, AppState, EditAction};
use zhaoshang::domain::activity::{Activity, ActivityFilter};
use zhaoshang::domain::{Officer, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

/// Wednesday 4 March 2026.
fn today() -> chrono::NaiveDate {
    day(2026, 3, 4)
}

/// 李娜 on a trip to 深圳 from 2 to 6 March, and one to 上海 on 20 March; on the 日程 screen.
fn agenda() -> (H, Officer, Activity) {
    let mut state = AppState::new(Store::in_memory().unwrap(), today(), Lang::Zh);
    let team = Team::new("深圳驻点组");
    let li = Officer::new(team.id, "李娜");
    state.apply(EditAction::SaveTeam(team));
    state.apply(EditAction::SaveOfficer(li.clone()));
    let mut shenzhen = Activity::new("trip", day(2026, 3, 2));
    shenzhen.end = day(2026, 3, 6);
    shenzhen.place = "深圳".into();
    shenzhen.officers = vec![li.id];
    let mut shanghai = Activity::new("trip", day(2026, 3, 20));
    shanghai.place = "上海".into();
    shanghai.officers = vec![li.id];
    for a in [shenzhen.clone(), shanghai] {
        state.apply(AgendaAction::Save(Box::new(a)));
    }
    state.apply(Action::DismissFirstRun);
    let mut h = harness(state);
    h.run();
    h.get_by_role_and_label(Role::Button, "日程").click();
    h.run();
    (h, li, shenzhen)
}

fn visits(h: &H) -> Vec<Activity> {
    let mut all = h
        .state()
        .state
        .store()
        .activities(&ActivityFilter::default())
        .unwrap();
    all.retain(|a| a.kind == "visit");
    all
}

fn hm(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

#[test]
fn a_visit_at_half_past_nine_on_the_shenzhen_trip_shows_its_times_and_keeps_its_trip() {
    let (mut h, li, trip) = agenda();
    h.get_by_label("周三 3月4日").click();
    h.run();
    fill(&mut h, "开始时间（可空，HH:MM）", "9:30");
    fill(&mut h, "结束时间（可空，HH:MM）", "11：00");
    fill(&mut h, "地点", "深圳");
    h.get_by_label("李娜").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "所属出差").click();
    h.run();
    // The trips touching the 4th: 深圳's, not 上海's.
    assert!(h.query_by_label("出差 上海 03-20～03-20 李娜").is_none());
    h.get_by_label("出差 深圳 03-02～03-06 李娜").click();
    h.run();
    h.get_by_label("保存").click();
    h.run();
    wait_until(&mut h, "the visit is stored", |h| visits(h).len() == 1);
    let visit = visits(&h).remove(0);
    assert_eq!((visit.start_time, visit.end_time), (hm(9, 30), hm(11, 0)));
    assert_eq!(visit.parent, Some(trip.id));
    assert_eq!(visit.officers, vec![li.id]);
    // In the week's Wednesday and in today's agenda, with its times.
    h.get_by_label("09:30–11:00 拜访 深圳");
    h.get_by_label("03-04 09:30–11:00 拜访 深圳");

    // Opened again, the form shows the times and the trip; the trip taken off, it is saved so.
    h.get_by_label("09:30–11:00 拜访 深圳").click();
    h.run();
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "开始时间（可空，HH:MM）")
            .value()
            .as_deref(),
        Some("09:30")
    );
    h.get_by_role_and_label(Role::ComboBox, "所属出差").click();
    h.run();
    h.get_by_label("（不属于出差）").click();
    h.run();
    h.get_by_label("保存").click();
    h.run();
    wait_until(&mut h, "the visit is off the trip", |h| {
        visits(h)[0].parent.is_none()
    });
}

#[test]
fn a_mistyped_time_is_refused_with_a_message_and_nothing_is_saved() {
    let (mut h, _, _) = agenda();
    h.get_by_label("周三 3月4日").click();
    h.run();
    fill(&mut h, "开始时间（可空，HH:MM）", "25:00");
    h.get_by_label("保存").click();
    h.run();
    h.get_by_label("时间无法识别，请写 HH:MM（如 09:30），或留空");
    assert!(visits(&h).is_empty());
    // An end before the start on the same day is refused too.
    fill(&mut h, "开始时间（可空，HH:MM）", "15:00");
    fill(&mut h, "结束时间（可空，HH:MM）", "14:00");
    h.get_by_label("保存").click();
    h.run();
    h.get_by_label("结束早于开始，请检查日期和时间");
    assert!(visits(&h).is_empty());
    // Put right, it is saved with no end time.
    fill(&mut h, "结束时间（可空，HH:MM）", "");
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_label("保存").click();
    h.run();
    wait_until(&mut h, "the visit is stored", |h| visits(h).len() == 1);
    assert_eq!(visits(&h)[0].start_time, hm(15, 0));
    assert_eq!(visits(&h)[0].end_time, None);
}
