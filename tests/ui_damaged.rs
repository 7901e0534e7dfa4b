//! The damaged-file matrix through the window (issue 12): the window opened on each damaged or
//! unsafe ledger the way `main` opens it (`AppState::for_window`) says what is wrong with the
//! file in words, keeps drawing, marks the scratch ledger it stands on instead, and leaves the
//! file's bytes (and its folder) as they were. A read-only file or folder opens for reading,
//! marked 只读.

mod common;
mod damaged_cases;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{H, harness, wait_until};
use damaged_cases::{cases, hash, listing, read_only_cases};
use egui_kittest::kittest::Queryable;
use zhaoshang::app::AppState;
use zhaoshang::i18n::Lang;

const SCRATCH: &str = "未保存：当前是临时台账，关闭后内容会丢失";

fn shows(h: &H, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// The window on `path`, as `main` builds it, drawn for a few frames.
fn window_on(path: &Path) -> H {
    let state = AppState::for_window(path, common::day(2026, 11, 2), Lang::Zh)
        .unwrap_or_else(|e| panic!("{}: no window at all: {e}", path.display()));
    let mut h = harness(state);
    for _ in 0..5 {
        h.step();
    }
    h
}

/// The window is alive: it draws frames and comes to rest.
fn alive(h: &mut H, name: &str) {
    for _ in 0..10 {
        h.step();
    }
    assert!(
        h.try_run().is_ok(),
        "{name}: the window does not come to rest"
    );
}

#[test]
fn every_damaged_ledger_is_named_in_the_window_which_stays_alive_and_keeps_its_bytes() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let cases = cases(dir.path());
    let before_listing = listing(dir.path());
    for (name, path, words) in &cases {
        let before = hash(path);
        let mut h = window_on(path);
        let shown = path.display().to_string();
        if *name == "a garbage page" {
            // Opened at once; the page-by-page check on its thread finds the damage, and the
            // window says so (every write is refused from then on).
            wait_until(&mut h, "the background check's verdict", |h| {
                shows(h, words)
            });
            assert!(shows(&h, &shown), "{name}: the file is named");
        } else {
            assert!(shows(&h, words), "{name}: {:?}", h.state().state.notice);
            assert!(shows(&h, &shown), "{name}: the file is named");
            assert!(shows(&h, SCRATCH), "{name}: the scratch ledger is marked");
            // The reason stays once the notice is dismissed.
            h.get_by_label("知道了").click();
            h.run();
            assert!(shows(&h, SCRATCH), "{name}: the mark stays");
            assert!(shows(&h, words), "{name}: the reason stays");
            h.get_by_label("打开其他台账…");
            h.get_by_label("新建台账…");
        }
        alive(&mut h, name);
        drop(h);
        assert_eq!(hash(path), before, "{name}: the bytes changed");
    }
    assert_eq!(
        listing(dir.path()),
        before_listing,
        "something was left beside a file"
    );
}

#[test]
fn a_read_only_file_or_folder_opens_for_reading_marked_and_unchanged() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (file, in_folder, folder) = read_only_cases(dir.path());
    for path in [&file, &in_folder] {
        let name = path.display().to_string();
        let before = hash(path);
        let listed = listing(path.parent().expect("a folder"));
        let mut h = window_on(path);
        let state = &h.state().state;
        assert!(state.is_read_only(), "{name}");
        assert!(state.scratch.is_none(), "{name}: not a scratch ledger");
        assert_eq!(state.ledger.store().project_count().expect("read"), 20);
        assert!(shows(&h, "只读"), "{name}");
        assert!(shows(&h, "另存为可写副本…"), "{name}");
        assert!(!shows(&h, SCRATCH), "{name}");
        alive(&mut h, &name);
        drop(h);
        assert_eq!(hash(path), before, "{name}: the bytes changed");
        assert_eq!(listing(path.parent().expect("a folder")), listed, "{name}");
    }
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("writable again");
}
