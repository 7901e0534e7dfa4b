//! Report and dashboard benchmark on 100,000 generated projects (`REPORT_BENCH_PROJECTS` for
//! another count): the report in process and as
//! a command, against the sqlite3 shell running the very statements the report runs; and the
//! dashboard's frame time. Run with `cargo bench --bench report` (release mode).

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use zhaoshang::app::DashboardAction;

use chrono::NaiveDate;
use common::{ledger, median, time_command};
use zhaoshang::app::dashboard::DashboardPeriod;
use zhaoshang::app::{Action, AppState, Screen};
use zhaoshang::domain::money::YI;
use zhaoshang::domain::target::{ElapsedCounting, Metric, Period, Scope, Target};
use zhaoshang::i18n::Lang;
use zhaoshang::report::{self, ReportRange};
use zhaoshang::store::{Store, Write};
use zhaoshang::ui::ZhaoshangApp;

/// 100,000; `REPORT_BENCH_PROJECTS` sets another count (1,000,000 for issue 17).
fn projects() -> usize {
    common::projects_from_env("REPORT_BENCH_PROJECTS", 100_000)
}
const RUNS: usize = 9;
const FRAMES: usize = 300;

/// A copy of the generated ledger with a zone target, a tier-count target and one target per
/// team for the year of the latest signing; returns that year.
fn ledger_with_targets(path: &Path) -> i32 {
    let source = ledger(projects());
    std::fs::copy(&source, path).expect("copy the ledger");
    let mut store = Store::open(path).expect("open");
    let year = common::latest_signing_year(&store);
    let target = |scope: Scope, metric: Metric, value: i64| Target {
        id: uuid::Uuid::now_v7(),
        name: String::new(),
        period: Period::Year(year),
        scope,
        metric,
        value,
    };
    let mut writes = vec![
        Write::PutTarget(target(Scope::Zone, Metric::SignedAmount, 4000 * YI)),
        Write::PutTarget(target(
            Scope::Zone,
            Metric::TierCount { min_cny: 10 * YI },
            300,
        )),
        Write::PutTarget(target(Scope::Zone, Metric::ForeignUsd, 20 * YI)),
    ];
    for team in store.teams().expect("teams") {
        writes.push(Write::PutTarget(target(
            Scope::Team(team.id),
            Metric::SignedAmount,
            600 * YI,
        )));
    }
    store.write(&writes).expect("targets");
    year
}

fn main() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-ledgers");
    let path = dir.join(format!("report-{}.db", projects()));
    let year = ledger_with_targets(&path);
    let range = ReportRange {
        from: NaiveDate::from_ymd_opt(year, 1, 1).expect("date"),
        to: NaiveDate::from_ymd_opt(year, 8, 31).expect("date"),
    };
    let mut store = Store::open(&path).expect("open");

    // In process: everything the report reads, from warm caches.
    let samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let report = report::build(&store, range, ElapsedCounting::Months).expect("report");
            assert!(report.current.signed.count > 0);
            started.elapsed()
        })
        .collect();
    let in_process = median(samples);

    // The statements the report runs, parameters filled in, for the sqlite3 shell.
    let statements = store.capture_statements().expect("trace");
    report::build(&store, range, ElapsedCounting::Months).expect("report");
    let sql: Vec<String> = statements.lock().expect("statements").clone();
    let script = dir.join("report.sql");
    std::fs::write(
        &script,
        sql.iter().map(|s| format!("{s};\n")).collect::<String>(),
    )
    .expect("write the script");
    drop(store);

    let (from, to) = (range.from.to_string(), range.to.to_string());
    let command = time_command(RUNS, || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_zhaoshang"));
        c.arg("--db")
            .arg(&path)
            .args(["report", "--from", &from, "--to", &to, "--format", "json"]);
        c
    });
    let shell = Command::new("sqlite3")
        .arg("--version")
        .output()
        .is_ok()
        .then(|| {
            time_command(RUNS, || {
                let mut c = Command::new("sqlite3");
                c.arg(&path)
                    .stdin(std::fs::File::open(&script).expect("script"));
                c
            })
        });

    // The dashboard: frames while the pointer moves over it, and one recompute on a change.
    let today = range.to;
    let mut state = AppState::new(Store::open(&path).expect("open"), today, Lang::Zh);
    state.apply(Action::Navigate(Screen::Dashboard));
    let mut app = ZhaoshangApp::new(state, false);
    let frame_samples = common::frame_times(&mut app, FRAMES, |frame| {
        let x = 200.0 + (frame % 100) as f32 * 8.0;
        vec![egui::Event::PointerMoved(egui::pos2(x, 420.0))]
    });
    let frame = median(frame_samples);
    let started = Instant::now();
    app.state.apply(DashboardAction::SetPeriod(
        DashboardPeriod::Calendar(Period::Year(year)),
        today,
    ));
    app.state.prepare_frame();
    let recompute = started.elapsed();

    println!(
        "report benchmark (release, {projects} projects, {statements} statements, range {from} … {to})",
        projects = projects(),
        statements = sql.len()
    );
    println!(
        "  report in process (warm): {:>7.1} ms",
        in_process.as_secs_f64() * 1e3
    );
    println!(
        "  `zhaoshang report --format json` (process, open included): {:>7.1} ms",
        command.as_secs_f64() * 1e3
    );
    match shell {
        Some(shell) => println!(
            "  `sqlite3 FILE < the same statements` (process):           {:>7.1} ms  → ratio {:.2}× (target ≤ 1.5×)",
            shell.as_secs_f64() * 1e3,
            command.as_secs_f64() / shell.as_secs_f64()
        ),
        None => println!("  sqlite3 shell not found: `apt install sqlite3` to compare"),
    }
    println!(
        "  dashboard frame median: {:>6.0} µs (target ≤ 1000 µs); recompute on a period change: {:.1} ms",
        frame.as_secs_f64() * 1e6,
        recompute.as_secs_f64() * 1e3
    );
}
