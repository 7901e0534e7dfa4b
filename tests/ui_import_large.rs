//! A large import confirmed in the window (issue 17): its rows become changes on the worker
//! that writes them, not on the window's thread at 确认导入, and what comes back — the counts
//! in the notice, the one undo step — is the same as a small import's, and 重做 brings the
//! projects back although the step holds them by id only.

mod common;

use common::{WORKER_BOUND, wait_idle, wait_until, window_on};
use egui_kittest::kittest::Queryable;
use zhaoshang::app::ImportAction;
use zhaoshang::store::Store;

/// More rows than the window writes on its own thread.
const ROWS: usize = 2_100;

fn shows(h: &common::H, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn a_large_import_is_made_and_written_on_the_worker_and_undone_in_one_step() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zone.db");
    drop(Store::open(&db).expect("a new ledger"));
    let mut csv = "项目名称,投资主体,总投资(万元),阶段\n".to_string();
    for i in 0..ROWS {
        csv.push_str(&format!(
            "储能项目{i},储能企业{i}有限公司,{},在谈\n",
            1000 + i
        ));
    }
    // The file repeats its first row: skipped, as the preview says.
    csv.push_str("储能项目0,储能企业0有限公司,1000,在谈\n");
    let file = dir.path().join("台账.csv");
    std::fs::write(&file, csv).expect("written");

    let mut h = window_on(&db);
    h.state_mut()
        .state
        .apply(ImportAction::Start(file.clone(), None));
    wait_until(&mut h, "the preview", |h| shows(h, "行：可导入"));
    h.get_by_label_contains("确认导入").click();
    h.step();
    // The click only hands the rows over: the store is away with them.
    assert!(
        h.state().state.jobs.store.is_some(),
        "the import went to the worker"
    );
    assert_eq!(
        h.state()
            .state
            .jobs
            .store
            .as_ref()
            .and_then(|j| j.import_size()),
        Some(ROWS),
        "the progress line counts the rows to be written, not the one to skip"
    );
    assert!(h.state_mut().state.wait_for_store(WORKER_BOUND));
    wait_idle(&mut h);
    h.get_by_label_contains(&format!("已导入：新增 {ROWS} 个项目，更新 0 个，跳过 1 个"));
    assert_eq!(
        h.state().state.ledger.store().project_count().unwrap() as usize,
        ROWS
    );

    // The worker's changes are the undo step: one 撤销 takes them all back.
    let imported = h.state().state.ledger.store().all_projects().unwrap();
    h.get_by_label("撤销").click();
    wait_idle(&mut h);
    assert_eq!(h.state().state.ledger.store().project_count().unwrap(), 0);

    // The step holds the new projects by id alone; 重做 brings their rows back as imported.
    h.get_by_label("重做").click();
    wait_idle(&mut h);
    let store = h.state().state.ledger.store();
    assert_eq!(store.all_projects().unwrap(), imported);
    let filter = zhaoshang::store::ProjectFilter {
        search: "储能企业2099".into(),
        ..Default::default()
    };
    let sort = (
        zhaoshang::store::SortColumn::Name,
        zhaoshang::store::SortOrder::Ascending,
    );
    assert_eq!(
        store.ledger_keys(&filter, sort.0, sort.1).unwrap().len(),
        1,
        "found by search"
    );
    h.get_by_label("撤销").click();
    wait_idle(&mut h);
    drop(h);
    assert_eq!(
        Store::open(&db)
            .expect("opens again")
            .project_count()
            .unwrap(),
        0,
        "nothing of it left in the file"
    );
}

#[test]
fn a_large_import_updating_its_own_earlier_row_writes_the_later_values_once() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zone.db");
    drop(Store::open(&db).expect("a new ledger"));
    let mut csv = "项目名称,投资主体,总投资(万元),阶段\n".to_string();
    for i in 0..ROWS {
        csv.push_str(&format!(
            "储能项目{i},储能企业{i}有限公司,{},在谈\n",
            1000 + i
        ));
    }
    // The file repeats its first row with a new amount and stage: 更新 takes them.
    csv.push_str("储能项目0,储能企业0有限公司,8888,已签约\n");
    let file = dir.path().join("台账.csv");
    std::fs::write(&file, csv).expect("written");

    let mut h = window_on(&db);
    h.state_mut().state.apply(ImportAction::Start(file, None));
    wait_until(&mut h, "the preview", |h| shows(h, "行：可导入"));
    h.state_mut().state.apply(ImportAction::SetDuplicatePolicy(
        zhaoshang::io::import::DuplicatePolicy::Update,
    ));
    h.get_by_label_contains("确认导入").click();
    assert!(h.state_mut().state.wait_for_store(WORKER_BOUND));
    wait_idle(&mut h);
    h.get_by_label_contains(&format!("已导入：新增 {ROWS} 个项目，更新 1 个，跳过 0 个"));
    let store = h.state().state.ledger.store();
    assert_eq!(store.project_count().unwrap() as usize, ROWS);
    let first = (store.all_projects().unwrap().into_iter())
        .find(|p| p.name == "储能项目0")
        .expect("the first row's project");
    assert_eq!(
        first.investment,
        Some(zhaoshang::domain::Money::cny(88_880_000))
    );
    assert_eq!(first.stage, zhaoshang::domain::Stage::Signed);
}
