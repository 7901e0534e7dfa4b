//! 日程 and 考核 benchmark on generated data: 100,000 projects and 300,000 activities. Prints
//! the 日程 screen's frame (week and month), the board's frame with its activity marks, and the
//! 考核 figures for a year in process against the sqlite3 shell running the very statements.
//! Run with `cargo bench --bench agenda` (release mode).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate};
use common::time_command;
use zhaoshang::app::{Action, AgendaAction, AppState, Screen};
use zhaoshang::domain::activity::{Activity, ActivityStatus, Review, TRIP};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{Store, Write};
use zhaoshang::ui::ZhaoshangApp;

const PROJECTS: usize = 100_000;
const ACTIVITIES: usize = 300_000;
const FRAMES: usize = 300;
const RUNS: usize = 9;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

/// A copy of the shared demo ledger with three activities per project (kept under target/ so
/// reruns skip the generation): a visit to its investor, then by turns a planned follow-up
/// (some overdue), a two-day trip the visit was made on, or a received visit.
fn ledger() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-ledgers");
    let path = dir.join(format!("agenda-{PROJECTS}.db"));
    if !path.exists() {
        let partial = dir.join(format!("agenda-{PROJECTS}.db.partial"));
        std::fs::copy(common::ledger(PROJECTS), &partial).expect("copy the demo ledger");
        let started = Instant::now();
        let mut store = Store::open(&partial).expect("open");
        let writes = activities(&store);
        store.write(&writes).expect("write the activities");
        drop(store);
        std::fs::rename(&partial, &path).expect("keep the ledger");
        println!(
            "generated {} activities in {:.1} s",
            writes.len(),
            started.elapsed().as_secs_f64()
        );
    }
    path
}

fn activities(store: &Store) -> Vec<Write> {
    let projects = store.all_projects().expect("projects");
    let mut out = Vec::with_capacity(ACTIVITIES);
    for (i, p) in projects.iter().enumerate() {
        let officers: Vec<_> = p.officer_id.into_iter().collect();
        let day = today() - Days::days((i * 7 % 365) as i64 + 1);
        let mut visit = Activity::new("visit", day);
        visit.status = ActivityStatus::Done;
        visit.review = Review::Approved;
        visit.officers = officers.clone();
        visit.projects = vec![p.id];
        visit.companies = vec![p.company.clone()];
        visit.place = p.origin.clone();
        visit.result = "介绍项目进展，约定下次对接".into();
        let mut other = match i % 3 {
            0 => {
                let mut a = Activity::new("followup", today() + Days::days((i % 60) as i64 - 10));
                a.projects = vec![p.id];
                a.next_step = "约见投资方".into();
                a
            }
            1 => {
                let mut trip = Activity::new(TRIP, day);
                trip.end = day + Days::days(1);
                trip.status = ActivityStatus::Done;
                trip.place = p.origin.clone();
                visit.parent = Some(trip.id);
                trip
            }
            _ => {
                let mut a = Activity::new("received", day - Days::days(3));
                a.status = ActivityStatus::Done;
                a.projects = vec![p.id];
                a.companies = vec![p.company.clone()];
                a
            }
        };
        other.officers = officers;
        out.push(Write::PutActivity(visit));
        out.push(Write::PutActivity(other));
        if out.len() >= ACTIVITIES {
            break;
        }
    }
    // A call for each project, so the ledger holds the 300,000 the issue names.
    for (i, p) in projects.iter().enumerate() {
        if out.len() >= ACTIVITIES {
            break;
        }
        let mut call = Activity::new("call", today() - Days::days((i * 11 % 365) as i64 + 1));
        call.status = ActivityStatus::Done;
        call.officers = p.officer_id.into_iter().collect();
        call.projects = vec![p.id];
        out.push(Write::PutActivity(call));
    }
    out
}

struct Appraisal {
    in_process: Duration,
    shell: Option<Duration>,
    shell_empty: Option<Duration>,
}

/// The 考核 figures for the year before `today`, in process (warm), and the sqlite3 shell
/// running the statements the store ran, parameters filled in.
fn appraisal(path: &Path) -> Appraisal {
    let (from, to) = (today() - Days::days(364), today());
    let mut store = Store::open(path).expect("open");
    let in_process = common::time_median(RUNS, || {
        let figures = store.appraisal(from, to).expect("appraisal");
        assert!(figures.zone.trip_days > 0 && figures.zone.companies_visited > 0);
    });
    let statements = store.capture_statements().expect("trace");
    store.appraisal(from, to).expect("appraisal");
    let sql: Vec<String> = statements.lock().expect("statements").clone();
    drop(store);
    let dir = path.parent().expect("folder");
    let script = dir.join("appraisal.sql");
    let empty = dir.join("empty.sql");
    std::fs::write(
        &script,
        sql.iter().map(|s| format!("{s};\n")).collect::<String>(),
    )
    .expect("write the script");
    std::fs::write(&empty, "SELECT 1;\n").expect("write the script");
    let shell_available = Command::new("sqlite3").arg("--version").output().is_ok();
    let shell_run = |script: &Path| {
        time_command(RUNS, || {
            let mut c = Command::new("sqlite3");
            c.arg(path)
                .stdin(std::fs::File::open(script).expect("script"));
            c
        })
    };
    Appraisal {
        in_process,
        shell: shell_available.then(|| shell_run(&script)),
        shell_empty: shell_available.then(|| shell_run(&empty)),
    }
}

fn main() {
    let path = ledger();
    let store = Store::open(&path).expect("open");
    let count = store.activity_count().expect("count");
    let mut app = ZhaoshangApp::new(AppState::new(store, today(), Lang::Zh), false);

    let started = Instant::now();
    app.state.apply(Action::Navigate(Screen::Agenda));
    let _ = common::frame_times(&mut app, 0, |_| Vec::new());
    let first_week = started.elapsed();
    let week = common::screen_frame(&mut app, Screen::Agenda, FRAMES, 400.0);
    let shown_week = app.state.agenda.shown.len();
    app.state.apply(AgendaAction::Show {
        anchor: today(),
        month: true,
    });
    let month = common::screen_frame(&mut app, Screen::Agenda, FRAMES, 400.0);
    let shown_month = app.state.agenda.shown.len();
    let board = common::screen_frame(&mut app, Screen::Pipeline, FRAMES, 400.0);
    let marks = app.state.pipeline.projects_with_planned_activity();
    drop(app);

    // What the board reads again after any write for its marks.
    let store = Store::open(&path).expect("open");
    let marks_read = common::time_median(RUNS, || {
        std::hint::black_box(store.next_planned_activities().expect("marks"));
        std::hint::black_box(store.last_done_activities().expect("marks"));
    });
    drop(store);

    let figures = appraisal(&path);
    println!(
        "日程 and 考核 benchmark (release, headless egui 1280×800, {PROJECTS} projects, {count} activities)"
    );
    println!(
        "  日程 week ({shown_week} activities shown): frame median {:>6.0} µs (target ≤ 1000 µs); first week drawn {:.0} ms",
        week.as_secs_f64() * 1e6,
        first_week.as_secs_f64() * 1e3
    );
    println!(
        "  日程 month ({shown_month} activities shown): frame median {:>6.0} µs (target ≤ 1000 µs)",
        month.as_secs_f64() * 1e6
    );
    println!(
        "  board with activity marks ({marks} projects with a planned activity): frame median {:>6.0} µs (target ≤ 1000 µs)",
        board.as_secs_f64() * 1e6
    );
    println!(
        "  the board's marks read again after a change: {:.1} ms",
        marks_read.as_secs_f64() * 1e3
    );
    println!(
        "  考核 for a year, in process (median of {RUNS}): {:>7.1} ms",
        figures.in_process.as_secs_f64() * 1e3
    );
    match (figures.shell, figures.shell_empty) {
        (Some(shell), Some(empty)) => {
            let statements = shell.saturating_sub(empty);
            println!(
                "  `sqlite3 FILE < the same statements`: {:>7.1} ms, of which starting the shell {:.1} ms → statements {:.1} ms; ratio {:.2}× (target ≤ 1.5×)",
                shell.as_secs_f64() * 1e3,
                empty.as_secs_f64() * 1e3,
                statements.as_secs_f64() * 1e3,
                figures.in_process.as_secs_f64() / statements.as_secs_f64().max(1e-6)
            );
        }
        _ => println!("  sqlite3 shell not found: `apt install sqlite3` to compare"),
    }
}
