//! What the tests share: a day, the demo zone as a fixture, the real binary, and for the
//! window's tests the whole app in a headless harness, typing into a field and waiting for a
//! worker thread by what it produces (never by a count of frames).
//!
//! Every test file includes it with `mod common;`; each uses only part of it.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::AppState;
use zhaoshang::domain::Project;
use zhaoshang::store::{Store, Write};
use zhaoshang::ui::{ZhaoshangApp, fonts};

/// The whole app in a harness.
pub type H = Harness<'static, ZhaoshangApp>;

/// How long a test waits for a worker thread before it says the worker never finished: far
/// longer than any job here takes, even on a loaded machine (the undo of a 2,500-project
/// import, with its change log, took over 15 s in a debug build with both cores busy). A test
/// that passes returns as soon as its result is there, so the bound costs nothing.
pub const WORKER_BOUND: Duration = Duration::from_secs(120);

/// A calendar day; the tests' dates are all valid.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid test date")
}

/// The demo zone of `projects` projects from `seed` up to `today`, as the writes that store it
/// (its teams and officers first), and its projects.
pub fn demo_writes(projects: usize, seed: u64, today: NaiveDate) -> (Vec<Write>, Vec<Project>) {
    let demo = zhaoshang::demo::generate(projects, seed, today);
    let mut writes: Vec<Write> = Vec::with_capacity(demo.projects.len() + 64);
    writes.extend(demo.teams.into_iter().map(Write::PutTeam));
    writes.extend(demo.officers.into_iter().map(Write::PutOfficer));
    writes.extend(demo.projects.iter().cloned().map(Write::PutProject));
    (writes, demo.projects)
}

/// An in-memory ledger holding the demo zone and then `extra` writes, in one write.
pub fn demo_store(projects: usize, seed: u64, today: NaiveDate, extra: Vec<Write>) -> Store {
    let mut store = Store::in_memory().expect("an in-memory ledger");
    let (mut writes, _) = demo_writes(projects, seed, today);
    writes.extend(extra);
    store.write(&writes).expect("the demo is written");
    store
}

/// The real `zhaoshang` binary, to run as a script or a user at a terminal would.
pub fn zhaoshang() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
}

/// What the binary answers to `args`.
pub fn cli(args: &[&str]) -> std::process::Output {
    zhaoshang().args(args).output().expect("the binary runs")
}

/// The binary's standard output for a command that must succeed (its stderr says why not).
pub fn stdout_of_success(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A ledger file in `dir` holding the demo zone of `projects` projects, written by the binary.
pub fn demo_db(dir: &std::path::Path, projects: usize) -> std::path::PathBuf {
    let db = dir.join("z.db");
    let n = projects.to_string();
    let out = zhaoshang()
        .arg("--db")
        .arg(&db)
        .args(["demo", "--projects", &n])
        .output()
        .expect("the binary runs");
    stdout_of_success(&out);
    db
}

/// The whole app in a headless harness of 1280 × 900.
pub fn harness(state: AppState) -> H {
    harness_sized(state, egui::vec2(1280.0, 900.0))
}

/// The whole app in a headless harness of the given size.
pub fn harness_sized(state: AppState, size: egui::Vec2) -> H {
    let app = ZhaoshangApp::new(state, false);
    Harness::builder()
        .with_size(size)
        // The embedded font, as the app installs it: egui refuses to draw a character no font
        // has, so every Chinese string shown in these tests is proven to have its glyphs.
        .with_context_setup(fonts::install)
        .build_ui_state(|ui, app: &mut ZhaoshangApp| app.ui_root(ui), app)
}

/// Focuses a labelled text field, selects what is in it, and types over it.
pub fn fill(h: &mut H, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

/// Past the first-run choice, on an empty ledger.
pub fn start_empty(h: &mut H) {
    h.run();
    h.get_by_label("从空台账开始").click();
    h.run();
}

/// True while any worker thread has the app's work: an import being checked or written, an
/// export, the review pack, a large undo or redo, a screen's figures.
pub fn worker_busy(state: &AppState) -> bool {
    use zhaoshang::app::import::ImportState;
    matches!(
        state.import,
        Some(ImportState::Working { .. } | ImportState::Committing { .. })
    ) || state.jobs.export.is_some()
        || state.jobs.pack.is_some()
        || state.jobs.store.is_some()
        || state.figures_updating()
}

/// Draws frame after frame, a few milliseconds apart, until `done` holds for the harness (its
/// app state or what it shows), then lets the window settle. Fails naming `what` after
/// [`WORKER_BOUND`]. This is how a window test waits for a worker: a frame count would depend
/// on how fast the thread runs.
pub fn wait_until(h: &mut H, what: &str, done: impl Fn(&H) -> bool) {
    let start = Instant::now();
    loop {
        // One frame at a time: a window with a worker running asks to be drawn again, which
        // `run` would count against its step limit.
        h.step();
        if done(h) {
            break;
        }
        assert!(
            start.elapsed() < WORKER_BOUND,
            "waited {WORKER_BOUND:?} for {what}; notice: {:?}",
            h.state().state.notice
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // Draw until the window is at rest, now that no worker keeps it busy.
    wait_idle(h);
}

/// Draws frames until no worker thread has the app's work (see [`worker_busy`]) and the
/// window is at rest.
pub fn wait_idle(h: &mut H) {
    let start = Instant::now();
    loop {
        h.step();
        if !worker_busy(&h.state().state) && h.try_run().is_ok() {
            return;
        }
        assert!(
            start.elapsed() < WORKER_BOUND,
            "the window did not come to rest within {WORKER_BOUND:?}; notice: {:?}",
            h.state().state.notice
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// For tests of the app state without a window: calls `poll_done` (which polls the worker and
/// says whether its result is in) every few milliseconds until it returns true, failing naming
/// `what` after [`WORKER_BOUND`].
pub fn wait_for(
    state: &mut AppState,
    what: &str,
    mut poll_done: impl FnMut(&mut AppState) -> bool,
) {
    let start = Instant::now();
    while !poll_done(state) {
        assert!(
            start.elapsed() < WORKER_BOUND,
            "waited {WORKER_BOUND:?} for {what}; notice: {:?}",
            state.notice
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A project of `yi` 亿元 in `stage`, with the given stage dates.
pub fn staged(
    name: &str,
    yi: i64,
    stage: zhaoshang::domain::Stage,
    dates: &[(zhaoshang::domain::Stage, NaiveDate)],
) -> Project {
    let mut p = Project::new(name);
    p.investment = Some(zhaoshang::domain::Money::cny(
        yi * zhaoshang::domain::money::YI,
    ));
    p.stage = stage;
    for (s, d) in dates {
        p.set_stage_date(*s, Some(*d));
    }
    p
}

/// A window on the ledger file at `db`, past the first-run choice (only the first window on
/// a new ledger asks how to start).
pub fn window_on(db: &std::path::Path) -> H {
    let store = Store::open(db).expect("the ledger opens");
    let state = AppState::new(store, day(2026, 3, 2), zhaoshang::i18n::Lang::Zh);
    let mut h = harness(state);
    h.run();
    if h.query_all_by_label_contains("从空台账开始")
        .next()
        .is_some()
    {
        start_empty(&mut h);
    }
    h
}
