//! A small edit while another program holds the ledger's write lock (issue 12): the window does
//! not freeze for the busy timeout. It keeps drawing and says that it waits; once the other
//! program commits, the edit lands; if it never does, the window says so in words and nothing
//! is written.

mod common;

use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use common::{H, harness, wait_until};
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{AppState, SettingsAction};
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

const WAITING: &str = "正在等待其他程序写入…";

fn shows(h: &H, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// Another program takes the ledger's write lock and holds it until told to let go (or for
/// `at_most`), then commits.
fn hold_write_lock(db: &Path, at_most: Duration) -> (Sender<()>, JoinHandle<()>) {
    let (locked_tx, locked_rx) = channel();
    let (release_tx, release_rx): (Sender<()>, Receiver<()>) = channel();
    let db = db.to_path_buf();
    let holder = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&db).expect("another connection");
        conn.execute_batch("BEGIN IMMEDIATE")
            .expect("the lock is taken");
        locked_tx.send(()).expect("told");
        let _ = release_rx.recv_timeout(at_most);
        conn.execute_batch("COMMIT").expect("the lock is released");
    });
    locked_rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the other program holds the lock");
    (release_tx, holder)
}

/// A window on a ledger file at `db` whose writes wait at most `limit` for another program.
fn window(db: &Path, limit: Duration) -> H {
    let mut store = Store::open(db).expect("the ledger opens");
    store.set_busy_limit(limit);
    let state = AppState::new(store, common::day(2026, 3, 2), Lang::Zh);
    let mut h = harness(state);
    h.run();
    common::start_empty(&mut h);
    h
}

/// Applies an edit of the industries as the Settings screen does, and says how long the
/// window's thread was held.
fn edit_industries(h: &mut H, industry: &str) -> Duration {
    let start = Instant::now();
    h.state_mut()
        .state
        .apply(SettingsAction::SetIndustries(vec![industry.into()]));
    start.elapsed()
}

/// Draws frames until the window says it waits (failing after [`common::WORKER_BOUND`]), then
/// `more` frames more, each of which must still say so: the window draws on while it waits.
/// Returns the frames drawn.
fn draw_while_waiting(h: &mut H, more: usize) -> usize {
    let start = Instant::now();
    let mut frames = 0;
    while !shows(h, WAITING) {
        assert!(
            start.elapsed() < common::WORKER_BOUND,
            "the window never said it waits; notice: {:?}",
            h.state().state.notice
        );
        h.step();
        frames += 1;
        std::thread::sleep(Duration::from_millis(5));
    }
    for _ in 0..more {
        h.step();
        frames += 1;
        assert!(shows(h, WAITING), "the waiting text stays while it waits");
    }
    frames
}

fn has_industry(h: &H, industry: &str) -> bool {
    h.state()
        .state
        .ledger
        .industries
        .contains(&industry.to_string())
}

#[test]
fn an_edit_waiting_for_another_program_keeps_the_window_drawing_and_lands_after() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zs.db");
    let mut h = window(&db, Duration::from_secs(30));
    let (release, holder) = hold_write_lock(&db, Duration::from_secs(60));

    let held = edit_industries(&mut h, "等来的行业");
    assert!(
        held < Duration::from_secs(20),
        "the window's thread was held {held:?}"
    );
    // The window keeps drawing, and says it waits, for as long as the other program writes.
    let frames = draw_while_waiting(&mut h, 20);
    assert!(frames >= 20);
    assert!(
        !has_industry(&h, "等来的行业"),
        "nothing lands before its turn"
    );
    assert!(h.state().state.notice.is_none());

    release.send(()).expect("released");
    holder.join().expect("the other program ends");
    wait_until(&mut h, "the edit to land", |h| {
        has_industry(h, "等来的行业")
    });
    assert!(!shows(&h, WAITING), "the waiting text goes");
    assert!(
        h.state().state.notice.is_none(),
        "{:?}",
        h.state().state.notice
    );
    let store = Store::open(&db).expect("opens");
    assert_eq!(
        store.industries().expect("read"),
        vec!["等来的行业".to_string()]
    );
    // It is one undo step like any edit.
    assert!(h.state().state.can_undo());
}

#[test]
fn an_edit_that_waits_past_the_limit_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("zs.db");
    let mut h = window(&db, Duration::from_secs(2));
    let before = Store::open(&db).expect("opens").industries().expect("read");
    let (release, holder) = hold_write_lock(&db, Duration::from_secs(60));

    edit_industries(&mut h, "等不到的行业");
    wait_until(&mut h, "the wait to end", |h| {
        h.state().state.notice.is_some()
    });
    let notice = h.state().state.notice.clone().expect("a notice");
    assert!(notice.text.contains("等待2秒后仍未结束"), "{}", notice.text);
    assert!(notice.text.contains("未写入任何数据"), "{}", notice.text);
    assert!(shows(&h, "未写入任何数据"));
    assert!(!shows(&h, WAITING));
    assert!(!has_industry(&h, "等不到的行业"));
    assert!(!h.state().state.can_undo(), "nothing to undo");

    release.send(()).expect("released");
    holder.join().expect("the other program ends");
    let after = Store::open(&db).expect("opens").industries().expect("read");
    assert_eq!(after, before);
}
