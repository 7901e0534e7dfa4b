//! The first edit after opening a large ledger, while its page check still reads the file on
//! its own thread: the edit goes to a worker (which waits for the check, since nothing is
//! written to a file that might be damaged) and the window's thread is free at once; once the
//! check is done the edit lands. At 1,000,000 projects the window's thread waited 25 s here.

mod common;

use std::time::{Duration, Instant};

use common::{WORKER_BOUND, day};
use zhaoshang::app::{AppState, EditAction};
use zhaoshang::domain::Project;
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

#[test]
fn an_edit_while_the_page_check_runs_goes_to_a_worker_and_lands_after_it() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("zone.db");
    let mut store = Store::open(&path).expect("a new ledger");
    let (release, held) = std::sync::mpsc::channel();
    store.hold_integrity_check_for_tests(held);
    assert!(store.integrity_pending());
    let mut state = AppState::new(store, day(2026, 3, 2), Lang::Zh);

    let project = Project::new("检查期间新建的项目");
    let id = project.id;
    state.apply(EditAction::SaveProject(Box::new(project)));
    // Not written on this thread: the write waits for the check on the worker.
    assert!(state.jobs.store.is_some(), "the edit went to a worker");
    assert!(state.notice.is_none(), "{:?}", state.notice);

    release.send(()).expect("the check goes on");
    let start = Instant::now();
    while state.jobs.store.is_some() {
        assert!(start.elapsed() < WORKER_BOUND, "the edit never landed");
        std::thread::sleep(Duration::from_millis(5));
        state.prepare_frame();
    }
    assert!(state.notice.is_none(), "{:?}", state.notice);
    assert!(state.ledger.store().project(id).expect("read").is_some());
    drop(state);
    let again = Store::open(&path).expect("opens");
    assert!(again.project(id).expect("read").is_some(), "in the file");
}
