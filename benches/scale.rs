//! Scale benchmark (issue 17): the demo ledger at 1,000 / 100,000 / 1,000,000 projects, as the
//! window uses it. Per size: `demo --projects N` (the CLI, as a user runs it), open → first
//! screen drawn, every screen's median frame once its figures have come (and its ratio to the
//! 1,000-project frame), and the longest UI-thread step per screen — each frame's `ui_root` and
//! each action applied, timed on this thread while switching to the screen, while its workers
//! make its figures, on a period or team change, a filter change and a 项目看板 stage move.
//!
//! Run with `cargo bench --bench scale`; `SCALE_BENCH_SIZES=1000,100000` runs fewer sizes.
//! The ledgers are cached under target/ (as benches/common's `ledger()`); a size's demo time
//! is shown only when this run generated it.

mod common;

use common::{children_cpu, cpu};

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use zhaoshang::app::dashboard::DashboardPeriod;
use zhaoshang::app::{
    Action, AppState, BoardAction, ChartsAction, DashboardAction, EditAction, LedgerAction,
    MapAction, Screen,
};
use zhaoshang::domain::target::Period;
use zhaoshang::domain::{Project, Stage};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{ProjectFilter, ReportFilter, SortColumn, SortOrder, Store};
use zhaoshang::ui::ZhaoshangApp;

/// Frames measured per screen for its median, after a warm-up.
const FRAMES: usize = 120;
const WARM_UP: usize = 10;
/// The longest a screen's workers may take before the benchmark gives up on it.
const FIGURES_LIMIT: Duration = Duration::from_secs(600);
/// Opens timed per size (the median is shown).
const OPENS: usize = 3;

fn sizes() -> Vec<usize> {
    std::env::var("SCALE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| vec![1_000, 100_000, 1_000_000])
}

/// Wall and CPU time of the demo's generation, when this run made it.
type Generated = Option<(Duration, Duration)>;

/// The demo ledger of `projects` projects (seed 1, the one the other benchmarks share), made
/// by the CLI when it is not under target/ yet.
fn demo_ledger(projects: usize) -> (PathBuf, Generated) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-ledgers");
    std::fs::create_dir_all(&dir).expect("bench folder");
    let path = dir.join(format!("demo-{projects}.db"));
    if path.exists() {
        return (path, None);
    }
    // Written beside and renamed, so a generation cut short is not taken for a ledger.
    let partial = dir.join(format!("demo-{projects}.db.partial"));
    for stale in [
        &partial,
        &dir.join(format!("demo-{projects}.db.partial-wal")),
    ] {
        let _ = std::fs::remove_file(stale);
    }
    let (started, cpu_before) = (Instant::now(), children_cpu());
    let status = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .arg("--db")
        .arg(&partial)
        .args(["demo", "--projects", &projects.to_string(), "--seed", "1"])
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run zhaoshang demo");
    assert!(status.success(), "demo generation failed");
    let timed = (started.elapsed(), children_cpu() - cpu_before);
    std::fs::rename(&partial, &path).expect("keep the ledger");
    (path, Some(timed))
}

/// The app in a headless egui context that lives as long as the app, as a window's does.
struct Harness {
    ctx: egui::Context,
    app: ZhaoshangApp,
    frame: u64,
    pointer: egui::Pos2,
}

impl Harness {
    fn new(app: ZhaoshangApp) -> Harness {
        let ctx = egui::Context::default();
        zhaoshang::ui::fonts::install(&ctx);
        Harness {
            ctx,
            app,
            frame: 0,
            pointer: egui::pos2(640.0, 400.0),
        }
    }

    /// One frame, the pointer sweeping across the screen; its `ui_root` time.
    fn step(&mut self) -> Duration {
        self.frame += 1;
        let x = 200.0 + (self.frame % 100) as f32 * 10.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            time: Some(self.frame as f64 / 60.0),
            events: vec![egui::Event::PointerMoved(egui::pos2(x, self.pointer.y))],
            ..Default::default()
        };
        let app = &mut self.app;
        let started = Instant::now();
        let _ = self.ctx.run_ui(input, |ui| app.ui_root(ui));
        started.elapsed()
    }

    /// An action as a frame's click applies it; its time on this thread.
    fn act(&mut self, action: impl Into<Action>) -> Duration {
        let started = Instant::now();
        self.app.state.apply(action);
        started.elapsed()
    }

    /// Frames until no worker is making figures, and three more to show them: the longest
    /// frame among them. Frames come every 4 ms meanwhile, as a window woken by its workers.
    fn frames_until_figures(&mut self) -> Duration {
        let started = Instant::now();
        let mut longest = Duration::ZERO;
        let mut after = 0;
        while after < 3 {
            longest = longest.max(self.step());
            if self.app.state.figures_updating() {
                assert!(started.elapsed() < FIGURES_LIMIT, "the figures came");
                std::thread::sleep(Duration::from_millis(4));
            } else {
                after += 1;
            }
        }
        longest
    }
}

/// The longest UI-thread step seen on a screen, and during what.
#[derive(Clone, Copy)]
struct Longest {
    time: Duration,
    during: &'static str,
}

impl Longest {
    fn see(&mut self, time: Duration, during: &'static str) {
        if time > self.time {
            *self = Longest { time, during };
        }
    }
}

struct ScreenFigures {
    screen: Screen,
    frame: Duration,
    longest: Longest,
}

/// The window's single edits: an officer's saves of different projects, each one durable
/// write on the window's thread, and their undos.
struct EditFigures {
    saves: Spread,
    undos: Spread,
}

/// Median, 99th percentile and longest of a set of UI-thread steps.
struct Spread {
    median: Duration,
    p99: Duration,
    longest: Duration,
}

impl Spread {
    fn of(mut samples: Vec<Duration>) -> Spread {
        samples.sort();
        let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
        Spread {
            median: at(0.5),
            p99: at(0.99),
            longest: at(1.0),
        }
    }
}

impl std::fmt::Display for Spread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "median {:.2} ms, 99th {:.1} ms, longest {:.1} ms",
            ms(self.median),
            ms(self.p99),
            ms(self.longest)
        )
    }
}

/// Edits timed per size: enough for a 99th percentile that is not the longest.
const EDITS: usize = 300;

struct SizeFigures {
    projects: usize,
    edits: EditFigures,
    generated: Generated,
    first_screen: Duration,
    first_screen_cpu: Duration,
    figures_shown: Duration,
    screens: Vec<ScreenFigures>,
}

fn today() -> NaiveDate {
    // The demo's dates follow the clock: so does the window's today.
    chrono::Local::now().date_naive()
}

/// Opens the ledger as the window starts (for writing, the page check on its own thread, the
/// figures on workers, 项目看板 first) and draws until its first screen is drawn.
fn open_window(path: &Path) -> (Harness, Duration, Duration) {
    let (started, cpu_before) = (Instant::now(), cpu());
    let state =
        AppState::for_window_on(path, today(), Lang::Zh, Screen::Pipeline, true).expect("open");
    let mut harness = Harness::new(ZhaoshangApp::new(state, false));
    harness.step();
    (harness, started.elapsed(), cpu() - cpu_before)
}

fn screen_name(screen: Screen) -> &'static str {
    match screen {
        Screen::Pipeline => "项目看板",
        Screen::Agenda => "日程",
        Screen::Dashboard => "驾驶舱",
        Screen::Charts => "图表",
        Screen::Map => "招商地图",
        Screen::Projects => "项目台账",
        Screen::Chain => "产业链",
        Screen::Companies => "目标企业",
        Screen::Targets => "目标",
        Screen::Teams => "招商队伍",
        Screen::Sync => "同步",
        Screen::Settings => "设置",
    }
}

/// What a screen lets a user change: each as (what, the action).
fn changes(h: &Harness, screen: Screen) -> Vec<(&'static str, Action)> {
    let state = &h.app.state;
    let team = state.ledger.teams.first().map(|t| t.id);
    let as_of = state.period.as_of;
    let last_year = DashboardPeriod::Calendar(Period::Year(as_of.year() - 1));
    let period = || Action::from(DashboardAction::SetPeriod(last_year, as_of));
    let team_filter = ReportFilter {
        team_id: team,
        ..Default::default()
    };
    let signed = ProjectFilter {
        stages: vec![Stage::Signed],
        ..Default::default()
    };
    let one_team = ProjectFilter {
        team_id: team,
        ..Default::default()
    };
    match screen {
        Screen::Dashboard => vec![("period", period())],
        Screen::Charts => vec![
            ("period", period()),
            ("team", ChartsAction::SetFilter(team_filter).into()),
        ],
        Screen::Map => vec![
            ("period", period()),
            ("team", MapAction::SetFilter(team_filter).into()),
        ],
        Screen::Projects => vec![
            (
                "filter",
                LedgerAction::SetFilter(Box::new(signed), None).into(),
            ),
            (
                "team",
                LedgerAction::SetFilter(Box::new(one_team), None).into(),
            ),
        ],
        Screen::Pipeline => {
            let mut out = vec![(
                "filter",
                BoardAction::SetFilter(Box::new(one_team), None, false).into(),
            )];
            let lead = state
                .pipeline
                .with_card(state.ledger.store(), Stage::Lead, 0, |card| card.id);
            if let Some(project) = lead {
                out.push((
                    "move",
                    BoardAction::Move {
                        project,
                        to: Stage::Negotiating,
                        date: state.today,
                        reason: String::new(),
                    }
                    .into(),
                ));
            }
            out
        }
        _ => Vec::new(),
    }
}

/// A screen's longest UI-thread step (switching to it, its figures, its changes) and then its
/// median frame with its figures shown.
fn measure_screen(h: &mut Harness, screen: Screen) -> ScreenFigures {
    let mut longest = Longest {
        time: Duration::ZERO,
        during: "-",
    };
    longest.see(h.act(Action::Navigate(screen)), "switch");
    longest.see(h.frames_until_figures(), "figures");
    for (what, action) in changes(h, screen) {
        longest.see(h.act(action), what);
        longest.see(h.frames_until_figures(), what);
    }
    for _ in 0..WARM_UP {
        h.step();
    }
    let samples: Vec<Duration> = (0..FRAMES).map(|_| h.step()).collect();
    ScreenFigures {
        screen,
        frame: common::median(samples),
        longest,
    }
}

fn measure(projects: usize) -> SizeFigures {
    let (path, generated) = demo_ledger(projects);
    let mut opens = Vec::new();
    for _ in 0..OPENS {
        let (harness, wall, cpu) = open_window(&path);
        opens.push((wall, cpu));
        drop(harness);
    }
    opens.sort();
    let (first_screen, first_screen_cpu) = opens[opens.len() / 2];
    let (mut h, _, _) = open_window(&path);
    let started = Instant::now();
    h.frames_until_figures();
    let figures_shown = started.elapsed();
    let screens = Screen::ALL
        .iter()
        .map(|&screen| measure_screen(&mut h, screen))
        .collect();
    let edits = measure_edits(&mut h, &path);
    SizeFigures {
        projects,
        edits,
        generated,
        first_screen,
        first_screen_cpu,
        figures_shown,
        screens,
    }
}

/// `EDITS` projects spread across the ledger, each saved with a new 备注 as the editor saves
/// it (one action, then a frame), and then every save undone, which leaves the cached ledger's
/// projects with the notes they had (its change log keeps the entries: 600 more each run).
fn measure_edits(h: &mut Harness, path: &Path) -> EditFigures {
    h.act(Action::Navigate(Screen::Projects));
    h.frames_until_figures();
    let reader = Store::open(path).expect("a second connection");
    let keys = reader
        .ledger_keys(
            &ProjectFilter::default(),
            SortColumn::Updated,
            SortOrder::Descending,
        )
        .expect("keys");
    let step = (keys.len() / EDITS).max(1);
    let projects: Vec<Project> = keys
        .iter()
        .step_by(step)
        .take(EDITS)
        .filter_map(|&key| reader.project_by_seq(key).expect("project"))
        .collect();
    drop(reader);
    let mut saves = Vec::with_capacity(projects.len());
    for (i, project) in projects.into_iter().enumerate() {
        let mut edited = project;
        edited.notes = format!("{}；第{i}次回访", edited.notes);
        saves.push(h.act(EditAction::SaveProject(Box::new(edited))));
        h.step();
    }
    let mut undos = Vec::with_capacity(saves.len());
    for _ in 0..saves.len() {
        undos.push(h.act(Action::Undo));
        h.step();
    }
    EditFigures {
        saves: Spread::of(saves),
        undos: Spread::of(undos),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn print(all: &[SizeFigures]) {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    println!(
        "scale benchmark (release, headless egui 1280×800, load average {})",
        load.join(" ")
    );
    println!(
        "  goals: demo ≤ 40 s at 1,000,000; open → first screen ≤ 300 ms; frame ≤ 1 ms and ≤ 1.2× the 1,000-project frame; no UI-thread step over 16 ms"
    );
    for size in all {
        let demo = match size.generated {
            Some((wall, cpu)) => format!(
                "{:.1} s (CPU {:.1} s)",
                wall.as_secs_f64(),
                cpu.as_secs_f64()
            ),
            None => "cached (delete target/tmp/bench-ledgers to time it)".into(),
        };
        println!(
            "  {:>9} projects: demo {demo} | open → first screen {:.0} ms (CPU {:.0} ms), its figures shown {:.0} ms later",
            size.projects,
            ms(size.first_screen),
            ms(size.first_screen_cpu),
            ms(size.figures_shown)
        );
    }
    for size in all {
        println!(
            "  {:>9} projects, {EDITS} single edits (保存): {} | their 撤销: {}",
            size.projects, size.edits.saves, size.edits.undos
        );
    }
    let base = all.iter().find(|s| s.projects == 1_000);
    print!("  {:<10}", "screen");
    for size in all {
        print!(" | {:>9} frame  ×1k  longest step", size.projects);
    }
    println!();
    for (i, &screen) in Screen::ALL.iter().enumerate() {
        // Chinese names are two columns a character: pad by characters.
        let name = screen_name(screen);
        let pad = 10usize.saturating_sub(name.chars().count() * 2);
        print!("  {name}{}", " ".repeat(pad));
        for size in all {
            let s = &size.screens[i];
            let ratio = base.map(|b| s.frame.as_secs_f64() / b.screens[i].frame.as_secs_f64());
            let ratio = ratio.map_or("  -  ".into(), |r| format!("{r:.2}×"));
            print!(
                " | {:>9.0} µs {ratio} {:>7.1} ms {:<7}",
                s.frame.as_secs_f64() * 1e6,
                ms(s.longest.time),
                s.longest.during
            );
        }
        println!();
    }
    for size in all {
        let over: Vec<String> = size
            .screens
            .iter()
            .filter(|s| s.longest.time > Duration::from_millis(16))
            .map(|s| format!("{} ({})", screen_name(s.screen), s.longest.during))
            .collect();
        if !over.is_empty() {
            println!(
                "  {} projects, steps over 16 ms: {}",
                size.projects,
                over.join(", ")
            );
        }
    }
}

fn main() {
    let all: Vec<SizeFigures> = sizes().into_iter().map(measure).collect();
    print(&all);
}
