//! Ledger benchmark on generated data: open → ledger ready, the ledger's frame time while
//! scrolling with a filter on (headless egui), and peak memory. Run with
//! `cargo bench --bench ledger` (release mode); prints the figures at 1,000 and 100,000 projects.

mod common;

use std::time::Instant;
use zhaoshang::app::LedgerAction;

use common::{ledger, median, peak_memory_mb};

use chrono::NaiveDate;
use zhaoshang::app::AppState;
use zhaoshang::domain::Stage;
use zhaoshang::i18n::Lang;
use zhaoshang::store::{ProjectFilter, Store};
use zhaoshang::ui::ZhaoshangApp;

const FRAMES: usize = 400;

struct Figures {
    open_ms: f64,
    checked_open_ms: f64,
    frame_median_us: f64,
    frame_p95_us: f64,
    rows: usize,
}

fn measure(projects: usize) -> Figures {
    let path = ledger(projects);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");

    // Open → ledger ready, as the window opens a ledger: header, identity and version checked,
    // catalogues read, the ledger's keys in display order and its totals. The page-by-page
    // check runs on its own thread (writes wait for it); its time is printed separately.
    let mut open_samples = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let store = Store::open_check_later(&path).expect("open");
        let state = AppState::new(store, today, Lang::Zh);
        assert_eq!(state.projects.len(), projects);
        open_samples.push(started.elapsed());
    }
    let open = median(open_samples);
    let started = Instant::now();
    drop(Store::open(&path).expect("open with the check"));
    let checked_open = started.elapsed();

    let store = Store::open(&path).expect("open");
    let mut app = ZhaoshangApp::new(AppState::new(store, today, Lang::Zh), false);
    // A filter on: signed projects only, as a lead would look at them.
    app.state.apply(LedgerAction::SetFilter(
        Box::new(ProjectFilter {
            stages: vec![Stage::Signed],
            ..Default::default()
        }),
        None,
    ));
    let rows = app.state.projects.len();
    let pointer = egui::pos2(640.0, 500.0);
    let mut frame_samples = common::frame_times(&mut app, FRAMES, |frame| {
        // Three rows a frame, as a wheel does; the direction turns every 40 frames so that the
        // small ledger, too, scrolls every frame instead of resting at its end.
        let direction = if (frame / 40) % 2 == 0 { -1.0 } else { 1.0 };
        vec![
            egui::Event::PointerMoved(pointer),
            egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, 72.0 * direction),
                modifiers: egui::Modifiers::NONE,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            },
        ]
    });
    frame_samples.sort();
    let p95 = frame_samples[frame_samples.len() * 95 / 100];
    Figures {
        open_ms: open.as_secs_f64() * 1e3,
        checked_open_ms: checked_open.as_secs_f64() * 1e3,
        frame_median_us: median(frame_samples).as_secs_f64() * 1e6,
        frame_p95_us: p95.as_secs_f64() * 1e6,
        rows,
    }
}

fn main() {
    let small = measure(1_000);
    let large = measure(100_000);
    println!(
        "ledger benchmark (release, headless egui 1280×800, filter 阶段=签约, scrolling 3 rows/frame, turning every 40 frames)"
    );
    for (n, f) in [(1_000, &small), (100_000, &large)] {
        println!(
            "  {n:>7} projects: open → ledger ready {:>7.1} ms (full page check in the background: {:>6.1} ms) | frame median {:>6.0} µs, p95 {:>6.0} µs | {} rows shown",
            f.open_ms, f.checked_open_ms, f.frame_median_us, f.frame_p95_us, f.rows
        );
    }
    println!(
        "  frame ratio 100k / 1k: {:.2}× (target ≤ 1.2×); open target ≤ 150 ms; frame target ≤ 1000 µs",
        large.frame_median_us / small.frame_median_us
    );
    match peak_memory_mb() {
        Some(mb) => println!("  peak memory (VmHWM): {mb:.0} MB (target ≤ 200 MB)"),
        None => println!("  peak memory: not available on this platform"),
    }
}
