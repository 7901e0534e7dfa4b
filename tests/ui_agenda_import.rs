//! 日程's 导入登记表 driven as an officer drives it (egui_kittest, headless): the file chosen,
//! the preview says what 确认 would write, the duplicate skipped and the row refused and why;
//! nothing is written before 确认; 确认 writes the visits, and one 撤销 takes them all back.

mod common;

use common::{H, day, harness, wait_until};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{Action, AgendaAction, AppState, EditAction};
use zhaoshang::domain::activity::{Activity, ActivityFilter, ActivityStatus};
use zhaoshang::domain::{Officer, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

fn stored(h: &H) -> Vec<Activity> {
    h.state()
        .state
        .store()
        .activities(&ActivityFilter::default())
        .unwrap()
}

#[test]
fn a_register_previewed_then_confirmed_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("十一月登记表.csv");
    let text = "日期,地点,拜访企业,参加人员,洽谈内容\n\
        2026-11-03,深圳,华为,李娜,洽谈落地\n\
        2026-11-04,深圳,腾讯,李娜,\n\
        2026-11-05,深圳,已有企业,李娜,\n\
        2026-11-31,深圳,某公司,李娜,\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(&path, &bytes).unwrap();

    let mut state = AppState::new(Store::in_memory().unwrap(), day(2026, 11, 30), Lang::Zh);
    let team = Team::new("深圳驻点组");
    let li = Officer::new(team.id, "李娜");
    state.apply(EditAction::SaveTeam(team));
    state.apply(EditAction::SaveOfficer(li.clone()));
    let mut there = Activity::new("visit", day(2026, 11, 5));
    there.place = "深圳".into();
    there.companies = vec!["已有企业".into()];
    there.officers = vec![li.id];
    there.status = ActivityStatus::Done;
    state.apply(AgendaAction::Save(Box::new(there)));
    state.apply(Action::DismissFirstRun);
    let mut h = harness(state);
    h.run();
    h.get_by_role_and_label(Role::Button, "日程").click();
    h.run();
    h.get_by_label("导入登记表…");
    h.get_by_label("导出…");

    // What choosing the file in the dialog does.
    h.state_mut()
        .state
        .apply(AgendaAction::ImportRegister(path.clone()));
    wait_until(&mut h, "the preview", |h| {
        h.query_by_label("将新增 2 项活动").is_some()
    });
    h.get_by_label("已有相同活动（类型、开始日期、地点、企业相同），跳过：1 行");
    h.get_by_label("无法导入：1 行");
    h.get_by_label("第 5 行：日期“2026-11-31”无法识别（写 YYYY-MM-DD）");
    assert_eq!(stored(&h).len(), 1, "nothing written before 确认");

    h.get_by_label("确认导入").click();
    h.run();
    wait_until(&mut h, "the visits are written", |h| stored(h).len() == 3);
    assert!(
        h.query_by_label("将新增 2 项活动").is_none(),
        "the window closed"
    );
    let companies: Vec<String> = stored(&h)
        .iter()
        .flat_map(|a| a.companies.clone())
        .collect();
    assert_eq!(companies, vec!["华为", "腾讯", "已有企业"]);
    assert!(stored(&h).iter().all(|a| a.officers == vec![li.id]));

    h.get_by_label("撤销").click();
    h.run();
    wait_until(&mut h, "the import is undone", |h| stored(h).len() == 1);
    h.get_by_label("重做").click();
    h.run();
    wait_until(&mut h, "the import is redone", |h| stored(h).len() == 3);
}

#[test]
fn a_file_that_is_no_register_says_why_and_opens_no_preview() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("名单.csv");
    std::fs::write(&path, "姓名,电话\n王杰,138\n").unwrap();
    let mut state = AppState::new(Store::in_memory().unwrap(), day(2026, 11, 30), Lang::Zh);
    state.apply(Action::DismissFirstRun);
    let mut h = harness(state);
    h.run();
    h.get_by_role_and_label(Role::Button, "日程").click();
    h.run();
    h.state_mut()
        .state
        .apply(AgendaAction::ImportRegister(path));
    wait_until(&mut h, "the notice", |h| h.state().state.notice.is_some());
    let notice = h.state().state.notice.clone().unwrap();
    assert!(notice.text.contains("找不到表头"), "{}", notice.text);
    assert!(h.state().state.agenda.import.is_none());
}
