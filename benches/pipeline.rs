//! Board benchmark on generated data: the 项目看板's frame time while scrolling its fullest
//! column (headless egui), and the time a stage move takes to commit durably. Run with
//! `cargo bench --bench pipeline` (release mode); prints the figures at 1,000 and 100,000
//! projects, with 30% of them (30,000 of 100,000) concentrated in the 在谈 column.

mod common;

use common::median;
use std::path::{Path, PathBuf};
use std::time::Instant;
use zhaoshang::app::BoardAction;

use chrono::NaiveDate;
use uuid::Uuid;
use zhaoshang::app::{Action, AppState, Screen};
use zhaoshang::domain::Stage;
use zhaoshang::domain::pipeline::{StageMove, plan_move};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{ProjectFilter, Store, Write};
use zhaoshang::ui::ZhaoshangApp;

const FRAMES: usize = 400;
const COLUMN: Stage = Stage::Negotiating;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

/// A copy of the shared demo ledger with `projects * 3 / 10` of its
/// projects moved into 在谈; kept under target/ so reruns skip the generation.
fn ledger(projects: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-ledgers");
    std::fs::create_dir_all(&dir).expect("bench folder");
    let path = dir.join(format!("board-{projects}.db"));
    let wanted = (projects * 3 / 10) as i64;
    if !path.exists() {
        std::fs::copy(common::ledger(projects), &path).expect("copy the demo ledger");
    }
    let mut store = Store::open(&path).expect("open");
    let have = store
        .stage_totals(&ProjectFilter::default())
        .expect("totals")[COLUMN.index()]
    .count;
    if have < wanted {
        // Moved the way the board moves them, so the stage dates stay in order.
        let mut missing = wanted - have;
        let mut writes = Vec::new();
        let mut all = store.all_projects().expect("projects");
        // Leads first (a step forward), then the rest (a step back, later dates cleared).
        all.sort_by_key(|p| p.stage != Stage::Lead);
        for p in all.iter().filter(|p| p.stage != COLUMN) {
            if missing == 0 {
                break;
            }
            let date = p.stage_date(Stage::Lead).unwrap_or(today());
            writes.push(Write::PutProject(plan_move(p, COLUMN, date)));
            missing -= 1;
        }
        store.write(&writes).expect("concentrate");
    }
    path
}

struct Figures {
    column: usize,
    frame_median_us: f64,
    frame_p95_us: f64,
    others_loaded: bool,
    commit_ms: f64,
    action_ms: f64,
    reread: [(&'static str, f64); 5],
}

fn measure(projects: usize) -> Figures {
    let path = ledger(projects);
    let store = Store::open(&path).expect("open");
    let mut app = ZhaoshangApp::new(AppState::new(store, today(), Lang::Zh), false);
    app.state.apply(Action::Navigate(Screen::Pipeline));
    let column = app.state.column_len(COLUMN);
    let ctx = egui::Context::default();
    zhaoshang::ui::fonts::install(&ctx);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    // Over the 在谈 column, the second of five.
    let pointer = egui::pos2(470.0, 500.0);
    let mut frame_samples = Vec::with_capacity(FRAMES);
    for frame in 0..FRAMES + 20 {
        let mut input = egui::RawInput {
            screen_rect: Some(screen),
            time: Some(frame as f64 / 60.0),
            ..Default::default()
        };
        input.events.push(egui::Event::PointerMoved(pointer));
        // About one card a frame; the direction turns every 100 frames.
        let direction = if (frame / 100) % 2 == 0 { -1.0 } else { 1.0 };
        input.events.push(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, 120.0 * direction),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        let started = Instant::now();
        let _ = ctx.run_ui(input, |ui| app.ui_root(ui));
        if frame >= 20 {
            frame_samples.push(started.elapsed());
        }
    }
    frame_samples.sort();
    let p95 = frame_samples[frame_samples.len() * 95 / 100];
    // The closed 搁置/终止 lane was never read.
    let others_loaded =
        app.state.pipeline.is_loaded(Stage::OnHold) || app.state.pipeline.is_loaded(Stage::Dropped);

    // A move committed durably: the same writes the action makes (the project with its new
    // stage and date, and the history entry) in one WAL transaction with synchronous=FULL.
    let mut store = Store::open(&path).expect("open");
    let candidates: Vec<_> = store
        .all_projects()
        .expect("projects")
        .into_iter()
        .filter(|p| p.stage == Stage::Signed)
        .take(21)
        .collect();
    let mut commits = Vec::new();
    for p in &candidates {
        let date = p.signed_date().unwrap_or(today()).max(today());
        let after = plan_move(p, Stage::Construction, date);
        let entry = StageMove {
            id: Uuid::now_v7(),
            project_id: p.id,
            from: p.stage,
            to: Stage::Construction,
            date,
            who: String::new(),
            reason: String::new(),
        };
        let started = Instant::now();
        store
            .write(&[Write::PutProject(after), Write::PutStageMove(entry.clone())])
            .expect("move");
        commits.push(started.elapsed());
        // Put it back so reruns measure the same ledger.
        store
            .write(&[
                Write::PutProject(p.clone()),
                Write::DeleteStageMove(entry.id),
            ])
            .expect("undo");
    }
    // What the app reads again after any write, piece by piece (each the median of 5).
    let time = |f: &dyn Fn()| {
        let mut samples = Vec::new();
        for _ in 0..5 {
            let started = Instant::now();
            f();
            samples.push(started.elapsed());
        }
        median(samples).as_secs_f64() * 1e3
    };
    let all = ProjectFilter::default();
    let reread = [
        (
            "board headers",
            time(&|| {
                std::hint::black_box(store.stage_totals(&all).expect("totals"));
            }),
        ),
        (
            "board columns (5)",
            time(&|| {
                for stage in zhaoshang::domain::pipeline::LINE {
                    std::hint::black_box(store.stage_keys(&all, stage).expect("keys"));
                }
            }),
        ),
        (
            "ledger keys",
            time(&|| {
                std::hint::black_box(
                    store
                        .ledger_keys(&all, Default::default(), Default::default())
                        .expect("keys"),
                );
            }),
        ),
        (
            "ledger totals",
            time(&|| {
                std::hint::black_box(store.ledger_totals(&all).expect("totals"));
            }),
        ),
        (
            "team totals",
            time(&|| {
                std::hint::black_box(store.team_totals().expect("totals"));
            }),
        ),
    ];
    drop(store);

    // The whole action as the board applies it: write, then the headers and lists read again.
    // Until the next frame is drawn, which reads the columns' keys again.
    let mut actions = Vec::new();
    let frame = |app: &mut ZhaoshangApp, n: usize| {
        let input = egui::RawInput {
            screen_rect: Some(screen),
            time: Some((FRAMES + 20 + n) as f64 / 60.0),
            ..Default::default()
        };
        let _ = ctx.run_ui(input, |ui| app.ui_root(ui));
    };
    for (n, p) in candidates.iter().take(5).enumerate() {
        let date = p.signed_date().unwrap_or(today()).max(today());
        frame(&mut app, 2 * n);
        let started = Instant::now();
        app.state.apply(BoardAction::Move {
            project: p.id,
            to: Stage::Construction,
            date,
            reason: String::new(),
        });
        frame(&mut app, 2 * n + 1);
        actions.push(started.elapsed());
        assert!(app.state.notice.is_none(), "{:?}", app.state.notice);
        app.state.apply(Action::Undo);
    }
    Figures {
        column,
        frame_median_us: median(frame_samples).as_secs_f64() * 1e6,
        frame_p95_us: p95.as_secs_f64() * 1e6,
        others_loaded,
        commit_ms: median(commits).as_secs_f64() * 1e3,
        action_ms: median(actions).as_secs_f64() * 1e3,
        reread,
    }
}

fn main() {
    let small = measure(1_000);
    let large = measure(100_000);
    println!(
        "board benchmark (release, headless egui 1280×800, scrolling the 在谈 column ~1 card/frame, turning every 100 frames)"
    );
    for (n, f) in [(1_000, &small), (100_000, &large)] {
        println!(
            "  {n:>7} projects ({:>6} in 在谈): frame median {:>6.0} µs, p95 {:>6.0} µs | move committed durably {:>5.2} ms (median of 21) | move → board redrawn {:>5.1} ms | closed lane read: {}",
            f.column,
            f.frame_median_us,
            f.frame_p95_us,
            f.commit_ms,
            f.action_ms,
            if f.others_loaded { "yes" } else { "no" }
        );
        let parts: Vec<String> = f
            .reread
            .iter()
            .map(|(what, ms)| format!("{what} {ms:.1} ms"))
            .collect();
        println!(
            "           each read alone: {} (the last three only for the ledger or teams screen)",
            parts.join(", ")
        );
    }
    println!(
        "  frame ratio 100k / 1k: {:.2}× (target ≤ 1.2×); frame target ≤ 1000 µs; move target ≤ 5 ms",
        large.frame_median_us / small.frame_median_us
    );
}
