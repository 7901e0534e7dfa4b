//! Charts benchmark on 100,000 generated projects (`CHARTS_BENCH_PROJECTS` for another count): the charts screen's frame time (data cached,
//! remade only on a change), the recompute when the period or the filter changes, each chart's
//! PNG and SVG export, and the monthly review pack.
//! Run with `cargo bench --bench charts` (release mode).

mod common;

use std::path::Path;
use std::time::{Duration, Instant};
use zhaoshang::app::{ChartsAction, DashboardAction};

use chrono::NaiveDate;
use common::{ledger, median};
use zhaoshang::app::dashboard::DashboardPeriod;
use zhaoshang::app::{Action, AppState, Screen};
use zhaoshang::domain::target::{ElapsedCounting, Period};
use zhaoshang::i18n::Lang;
use zhaoshang::io::{charts as draw, review};
use zhaoshang::report::charts::{self, ChartKind};
use zhaoshang::report::{self, ReportRange};
use zhaoshang::store::{ReportFilter, Store};
use zhaoshang::ui::ZhaoshangApp;

/// 100,000; `CHARTS_BENCH_PROJECTS` sets another count (1,000,000 for issue 17).
fn projects() -> usize {
    common::projects_from_env("CHARTS_BENCH_PROJECTS", 100_000)
}
const RUNS: usize = 9;
const FRAMES: usize = 300;

fn timed<T>(mut f: impl FnMut() -> T) -> Duration {
    let samples = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(f());
            started.elapsed()
        })
        .collect();
    median(samples)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let path = ledger(projects());
    let store = Store::open_to_read(&path).expect("open");
    let year = common::latest_signing_year(&store);
    let range = ReportRange {
        from: NaiveDate::from_ymd_opt(year, 1, 1).expect("date"),
        to: NaiveDate::from_ymd_opt(year, 8, 31).expect("date"),
    };

    // The chart data: the report plus the months and the funnel.
    let build = timed(|| {
        let report = report::build(&store, range, ElapsedCounting::Days).expect("report");
        charts::build(&store, &report, Lang::Zh).expect("charts")
    });
    let report = report::build(&store, range, ElapsedCounting::Days).expect("report");
    let data = charts::build(&store, &report, Lang::Zh).expect("charts");
    let extras = timed(|| charts::build(&store, &report, Lang::Zh).expect("charts"));
    // The same for one team's projects, and for one region's.
    let team = store.teams().expect("teams")[0].id;
    let filtered = |filter: ReportFilter| {
        timed(|| {
            let report =
                report::build_for(&store, range, ElapsedCounting::Days, &filter).expect("report");
            charts::build(&store, &report, Lang::Zh).expect("charts")
        })
    };
    let team_build = filtered(ReportFilter {
        team_id: Some(team),
        ..Default::default()
    });
    let region_build = filtered(ReportFilter {
        region: Some(zhaoshang::domain::region::EconomicRegion::YangtzeDelta),
        ..Default::default()
    });

    // Each chart, drawn and encoded (no disk).
    let exports: Vec<(ChartKind, Duration, Duration)> = ChartKind::ALL
        .iter()
        .map(|&kind| {
            let png = timed(|| draw::render_png(&data, kind, draw::DEFAULT_SIZE).expect("png"));
            let svg = timed(|| draw::render_svg(&data, kind, draw::DEFAULT_SIZE).expect("svg"));
            (kind, png, svg)
        })
        .collect();

    // The monthly pack for August, written to disk with its seven PNGs.
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-charts");
    std::fs::create_dir_all(&out_dir).expect("folder");
    let out = out_dir.join("pack.xlsx");
    let pack_runs: Vec<Duration> = (0..5)
        .map(|_| {
            let started = Instant::now();
            review::write_pack(&store, (year, 8), ElapsedCounting::Days, range.to, &out)
                .expect("pack");
            started.elapsed()
        })
        .collect();
    let pack = median(pack_runs);
    let signings = report::build(
        &store,
        ReportRange {
            from: NaiveDate::from_ymd_opt(year, 8, 1).expect("date"),
            to: range.to,
        },
        ElapsedCounting::Days,
    )
    .expect("report")
    .current
    .signed
    .count;

    // The charts screen: frames while the pointer moves over the industry bars, then over
    // the monthly chart; and one recompute on a period change.
    let mut state = AppState::new(Store::open(&path).expect("open"), range.to, Lang::Zh);
    state.apply(DashboardAction::SetPeriod(
        DashboardPeriod::YearToDate,
        range.to,
    ));
    state.apply(Action::Navigate(Screen::Charts));
    let mut app = ZhaoshangApp::new(state, false);
    let ctx = egui::Context::default();
    zhaoshang::ui::fonts::install(&ctx);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    let mut frame_samples = Vec::with_capacity(FRAMES);
    for frame in 0..FRAMES + 20 {
        let mut input = egui::RawInput {
            screen_rect: Some(screen),
            time: Some(frame as f64 / 60.0),
            ..Default::default()
        };
        let y = 180.0 + (frame % 100) as f32 * 3.0;
        input
            .events
            .push(egui::Event::PointerMoved(egui::pos2(400.0, y)));
        let started = Instant::now();
        let _ = ctx.run_ui(input, |ui| app.ui_root(ui));
        if frame >= 20 {
            frame_samples.push(started.elapsed());
        }
    }
    let frame = median(frame_samples);
    let started = Instant::now();
    app.state.apply(DashboardAction::SetPeriod(
        DashboardPeriod::Calendar(Period::Year(year)),
        range.to,
    ));
    app.state.prepare_frame();
    let recompute = started.elapsed();
    assert!(app.state.charts.data.is_some());
    let started = Instant::now();
    app.state.apply(ChartsAction::SetFilter(ReportFilter {
        team_id: Some(team),
        ..Default::default()
    }));
    app.state.prepare_frame();
    let refilter = started.elapsed();
    assert!(
        app.state
            .charts
            .data
            .as_ref()
            .is_some_and(|c| c.filter_label.is_some())
    );

    // The pack from the window: what the UI thread spends starting it, and how long until
    // the worker's answer is taken, frames going on meanwhile.
    let started = Instant::now();
    app.state.apply(ChartsAction::WritePack(
        (year, 8),
        out_dir.join("from-the-window.xlsx"),
    ));
    let pack_ui = started.elapsed();
    let mut pack_frames = 0;
    while app.state.jobs.pack.is_some() {
        std::thread::sleep(Duration::from_millis(2));
        app.state.prepare_frame();
        pack_frames += 1;
    }
    let pack_window = started.elapsed();
    assert!(
        app.state
            .notice
            .as_ref()
            .is_some_and(|n| n.kind == zhaoshang::app::NoticeKind::Info),
        "the pack from the window was written"
    );

    println!(
        "charts benchmark (release, {} projects, range {} … {})",
        projects(),
        range.from,
        range.to
    );
    println!(
        "  chart data (report + months + funnel): {:>7.1} ms; months + funnel alone: {:.1} ms",
        ms(build),
        ms(extras)
    );
    println!(
        "  chart data for one team: {:>7.1} ms; for one economic region: {:.1} ms",
        ms(team_build),
        ms(region_build)
    );
    println!(
        "  charts screen frame median: {:>6.0} µs (target ≤ 1000 µs); recompute on a period change: {:.1} ms; on choosing a team: {:.1} ms",
        frame.as_secs_f64() * 1e6,
        ms(recompute),
        ms(refilter)
    );
    for (kind, png, svg) in exports {
        println!(
            "  export {:<9} PNG 1200×750 {:>6.1} ms   SVG {:>6.1} ms   (target ≤ 50 ms)",
            kind.code(),
            ms(png),
            ms(svg)
        );
    }
    println!(
        "  monthly review pack {year}-08 ({signings} signings listed, 7 charts embedded and written beside): {:>7.1} ms (target ≤ 2000 ms)",
        ms(pack)
    );
    println!(
        "  the same from the window: {:.2} ms on the UI thread, written on a worker in {:.1} ms ({pack_frames} polls meanwhile)",
        ms(pack_ui),
        ms(pack_window)
    );
}
