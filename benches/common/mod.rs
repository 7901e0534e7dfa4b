//! What the benchmarks share: generated ledgers, medians, peak memory.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Generated ledgers are kept under target/ so reruns skip the generation; the demo is written
/// by the CLI in a child process, so its memory does not count towards this process's peak.
#[allow(dead_code)]
pub fn ledger(projects: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-ledgers");
    std::fs::create_dir_all(&dir).expect("bench folder");
    let path = dir.join(format!("demo-{projects}.db"));
    if !path.exists() {
        let started = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
            .arg("--db")
            .arg(&path)
            .args(["demo", "--projects", &projects.to_string(), "--seed", "1"])
            .status()
            .expect("run zhaoshang demo");
        assert!(status.success(), "demo generation failed");
        println!(
            "generated {projects} projects in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    path
}

/// How many projects a benchmark generates: `default`, or the count the environment variable
/// `var` gives (issue 17 runs the same benchmarks at 1,000,000).
#[allow(dead_code)]
pub fn projects_from_env(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[allow(dead_code)]
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Frames the first ones take while fonts and caches warm up; not what a steady frame costs.
const WARM_UP_FRAMES: usize = 20;

/// Runs `frames` headless frames of the whole app at 1280×800 after a warm-up, each with the
/// events `events_for(frame)` gives, and returns each frame's time.
#[allow(dead_code)]
pub fn frame_times(
    app: &mut zhaoshang::ui::ZhaoshangApp,
    frames: usize,
    mut events_for: impl FnMut(usize) -> Vec<egui::Event>,
) -> Vec<Duration> {
    let ctx = egui::Context::default();
    zhaoshang::ui::fonts::install(&ctx);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    let mut samples = Vec::with_capacity(frames);
    for frame in 0..frames + WARM_UP_FRAMES {
        let input = egui::RawInput {
            screen_rect: Some(screen),
            time: Some(frame as f64 / 60.0),
            events: events_for(frame),
            ..Default::default()
        };
        let started = Instant::now();
        let _ = ctx.run_ui(input, |ui| app.ui_root(ui));
        if frame >= WARM_UP_FRAMES {
            samples.push(started.elapsed());
        }
    }
    samples
}

/// The year of the ledger's latest signing: the generated dates follow the clock, so the
/// benchmarks measure that year rather than a fixed one.
#[allow(dead_code)]
pub fn latest_signing_year(store: &zhaoshang::store::Store) -> i32 {
    use zhaoshang::store::{SortColumn, SortOrder};
    let keys = store
        .ledger_keys(
            &Default::default(),
            SortColumn::SignedDate,
            SortOrder::Descending,
        )
        .expect("keys");
    let latest = store
        .project_by_seq(keys[0])
        .expect("read")
        .and_then(|p| p.signed_date())
        .expect("a signed project");
    chrono::Datelike::year(&latest)
}

/// The median wall time of `runs` runs of a child process (its output thrown away).
#[allow(dead_code)]
pub fn time_command(runs: usize, mut command: impl FnMut() -> Command) -> Duration {
    let samples = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let status = command()
                .stdout(Stdio::null())
                .status()
                .expect("run command");
            assert!(status.success());
            started.elapsed()
        })
        .collect();
    median(samples)
}

/// The median frame of `frames` frames of the app on `screen` while the pointer sweeps
/// across it at height `y`.
#[allow(dead_code)]
pub fn screen_frame(
    app: &mut zhaoshang::ui::ZhaoshangApp,
    screen: zhaoshang::app::Screen,
    frames: usize,
    y: f32,
) -> Duration {
    app.state.apply(zhaoshang::app::Action::Navigate(screen));
    // Frames of the screen with its figures, not of its "working them out" line.
    assert!(
        app.state.wait_for_figures(Duration::from_secs(300)),
        "the screen's figures came"
    );
    let samples = frame_times(app, frames, |frame| {
        let x = 200.0 + (frame % 100) as f32 * 10.0;
        vec![egui::Event::PointerMoved(egui::pos2(x, y))]
    });
    median(samples)
}

/// The median wall time of `runs` runs of `f`.
#[allow(dead_code)]
pub fn time_median(runs: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let started = Instant::now();
                f();
                started.elapsed()
            })
            .collect(),
    )
}

/// Ticks of user and system time in /proc/self/stat from field `skip` on (after the
/// command's parenthesis), in 1/100 s: this process's own (11) or its waited children's (13).
fn ticks(skip: usize) -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let ticks: u64 = after
        .split_whitespace()
        .skip(skip)
        .take(2)
        .filter_map(|t| t.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// This process's CPU time so far (user and system): on shared cores the wall time of a step
/// also counts the other programs' turns, its CPU time does not.
#[allow(dead_code)]
pub fn cpu() -> Duration {
    ticks(11)
}

/// The CPU time of this process's children that have been waited for.
#[allow(dead_code)]
pub fn children_cpu() -> Duration {
    ticks(13)
}
