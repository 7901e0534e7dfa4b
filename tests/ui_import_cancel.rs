//! 取消 while a confirmed import is being written (issue 17): the window shows the commit with
//! a bar and 取消, and a cancelled commit leaves the ledger file as it was. The commit is held
//! at its start by another program's write lock, so the click always lands before the worker
//! writes anything, however fast or slow the machine is.

mod common;

use std::time::{Duration, Instant};

use common::{H, WORKER_BOUND, wait_until, window_on};
use egui_kittest::kittest::Queryable;
use zhaoshang::app::ImportAction;
use zhaoshang::store::Store;

fn shows(h: &H, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// Draws frames until `done` holds, without waiting for the workers to finish (one is held).
fn step_until(h: &mut H, what: &str, done: impl Fn(&H) -> bool) {
    let start = Instant::now();
    while !done(h) {
        assert!(start.elapsed() < WORKER_BOUND, "waited for {what}");
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn cancelling_an_import_while_it_is_written_leaves_the_ledger_as_it_was() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zone.db");
    drop(Store::open(&db).expect("a new ledger"));
    let mut csv = "项目名称,投资主体,总投资(万元),阶段\n".to_string();
    for i in 0..40 {
        csv.push_str(&format!(
            "光伏项目{i},光伏企业{i}有限公司,{},在谈\n",
            2000 + i
        ));
    }
    let file = dir.path().join("台账.csv");
    std::fs::write(&file, csv).expect("written");
    let mut h = window_on(&db);
    h.state_mut()
        .state
        .apply(ImportAction::Start(file.clone(), None));
    wait_until(&mut h, "the preview", |h| shows(h, "行：可导入"));

    // Another program holds the write lock: the commit waits at its start.
    let other = rusqlite::Connection::open(&db).expect("another connection");
    other.execute_batch("BEGIN IMMEDIATE").expect("the lock");
    h.get_by_label("确认导入（40）").click();
    // The preview had a 取消 too: the commit's is there once its bar is.
    step_until(&mut h, "the commit's bar", |h| {
        shows(h, "项改动（一次完成，可整体撤销）")
    });
    // By accesskit: the window moves to the middle once it knows its new height.
    h.get_by_label("取消").click_accesskit();
    step_until(&mut h, "取消 to be taken", |h| {
        shows(h, "正在取消，已写入的内容将全部撤回")
    });
    other.execute_batch("ROLLBACK").expect("the lock let go");
    wait_until(&mut h, "the cancelled commit", |h| {
        shows(h, "已取消导入：台账未作任何改动。")
    });

    assert_eq!(h.state().state.ledger.store().project_count().unwrap(), 0);
    drop(h);
    let again = Store::open(&db).expect("opens again");
    assert_eq!(
        again.project_count().unwrap(),
        0,
        "nothing of it in the file"
    );
}
