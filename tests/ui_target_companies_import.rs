//! 目标企业's 导入… and 导出… driven as an officer drives them (egui_kittest, headless): the file
//! chosen, the preview says what 确认 would add, the duplicate skipped and the bad row refused
//! with its reason; nothing written before 确认; 确认 lists the new companies, and one 撤销
//! takes them all back. 导出… writes exactly the companies the list's filter shows.

mod common;

use common::{H, day, harness, wait_until};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::target_companies::CompanyFilter;
use zhaoshang::app::{Action, AppState, CompanyAction, Screen};
use zhaoshang::domain::target_company::{Priority, TargetCompany};
use zhaoshang::i18n::Lang;
use zhaoshang::io::companies::read_rows;
use zhaoshang::store::Store;

fn ledger() -> AppState {
    let mut state = AppState::new(Store::in_memory().unwrap(), day(2026, 11, 30), Lang::Zh);
    state.apply(Action::DismissFirstRun);
    let mut there = TargetCompany::new("已在库中的企业");
    there.city = "苏州".into();
    state.apply(CompanyAction::Save(Box::new(there)));
    state
}

fn stored(h: &H) -> usize {
    h.state().state.store().target_companies().unwrap().len()
}

fn open_companies(h: &mut H) {
    h.run();
    h.get_by_role_and_label(Role::Button, "目标企业").click();
    h.run();
    h.run();
    assert_eq!(h.state().state.screen, Screen::Companies);
}

#[test]
fn a_file_previewed_then_confirmed_is_listed_and_one_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("目标企业名单.csv");
    let text = "企业名称,所在城市,优先级,链主\n\
        合肥某显示科技,合肥,A,是\n\
        成都某储能,成都,B,\n\
        已在库中的企业,苏州,,\n\
        优先级写错的企业,南京,D,\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(&path, &bytes).unwrap();

    let mut h = harness(ledger());
    open_companies(&mut h);
    h.get_by_role_and_label(Role::Button, "导入…");

    // What choosing the file in the dialog does.
    h.state_mut().state.apply(CompanyAction::Import(path));
    wait_until(&mut h, "the preview", |h| {
        h.query_by_label("将新增 2 家目标企业").is_some()
    });
    h.get_by_label("已有相同企业（信用代码相同，无代码时名称相同），跳过：1 行");
    h.get_by_label("无法导入：1 行");
    h.get_by_label("第 5 行：优先级“D”不是 A、B、C 之一");
    assert_eq!(stored(&h), 1, "nothing written before 确认");

    h.get_by_role_and_label(Role::Button, "确认导入").click();
    h.run();
    wait_until(&mut h, "the companies are written", |h| stored(h) == 3);
    h.run();
    assert!(
        h.query_by_label("将新增 2 家目标企业").is_none(),
        "the window closed"
    );
    h.get_by_label("合肥某显示科技");
    h.get_by_label("成都某储能");
    h.get_by_label("共 3 家（库中 3 家）");

    h.get_by_role_and_label(Role::Button, "撤销").click();
    h.run();
    wait_until(&mut h, "the import is undone", |h| stored(h) == 1);
    h.run();
    assert!(h.query_by_label("合肥某显示科技").is_none());
    h.get_by_label("共 1 家（库中 1 家）");
}

#[test]
fn the_export_writes_what_the_list_shows() {
    let mut state = ledger();
    for (name, priority) in [("甲类企业一", Priority::A), ("甲类企业二", Priority::A)] {
        let mut c = TargetCompany::new(name);
        c.priority = priority;
        state.apply(CompanyAction::Save(Box::new(c)));
    }
    state.apply(CompanyAction::SetFilter(CompanyFilter {
        priority: Some(Priority::A),
        ..CompanyFilter::default()
    }));
    let mut h = harness(state);
    open_companies(&mut h);
    h.get_by_label("共 2 家（库中 3 家）");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("甲类.xlsx");
    h.state_mut()
        .state
        .apply(CompanyAction::Export(out.clone()));
    h.run();
    let rows = read_rows(&out).unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r.cells[0].as_str()).collect();
    assert_eq!(names, ["甲类企业一", "甲类企业二"]);
    let notice = h.state().state.notice.clone().expect("a notice");
    assert!(
        notice.text.starts_with("已导出 2 家目标企业"),
        "{}",
        notice.text
    );
}
