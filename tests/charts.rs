//! Charts and the monthly review pack: the data behind every chart is the report's, exported
//! images open at the size asked for with their Chinese titles, and the pack read back with
//! calamine holds the report's figures.

mod common;

use common::day;

use calamine::{Data, Reader, Xlsx, open_workbook};
use zhaoshang::domain::money::YI;
use zhaoshang::domain::target::{ElapsedCounting, Metric, Period, Scope, Target};
use zhaoshang::domain::{Money, Project, Stage};
use zhaoshang::i18n::Lang;
use zhaoshang::io::charts::{self as draw, ChartError};
use zhaoshang::io::review;
use zhaoshang::report::charts::{self, ChartKind};
use zhaoshang::report::{self, ReportRange};
use zhaoshang::store::{Counted, ReportFilter, Store, Tally, Write};

/// The demo zone (300 projects over three years to 2026-11-24) with a 2026 zone target.
fn demo_store() -> Store {
    let target = Target {
        id: uuid::Uuid::now_v7(),
        name: String::new(),
        period: Period::Year(2026),
        scope: Scope::Zone,
        metric: Metric::SignedAmount,
        value: 4015 * YI / 10,
    };
    common::demo_store(300, 7, day(2026, 11, 24), vec![Write::PutTarget(target)])
}

fn ytd() -> ReportRange {
    ReportRange {
        from: day(2026, 1, 1),
        to: day(2026, 10, 31),
    }
}

fn sum(tallies: &[Tally]) -> Tally {
    tallies.iter().fold(Tally::default(), |a, t| Tally {
        count: a.count + t.count,
        amount_cny: a.amount_cny + t.amount_cny,
    })
}

#[test]
fn every_chart_shows_the_reports_own_figures() {
    let store = demo_store();
    let report = report::build(&store, ytd(), ElapsedCounting::Days).unwrap();
    let charts = charts::build(&store, &report, Lang::Zh).unwrap();
    assert!(
        report.current.signed.count > 0,
        "the demo signs projects in 2026"
    );

    // Bars: same rows, same order, same exact tallies as the report's breakdowns.
    let tallies = |bars: &[charts::Bar]| bars.iter().map(|b| b.tally).collect::<Vec<_>>();
    let shares = |rows: &[report::Share]| rows.iter().map(|s| s.tally).collect::<Vec<_>>();
    assert_eq!(tallies(&charts.industry), shares(&report.by_industry));
    assert_eq!(tallies(&charts.region), shares(&report.by_region));
    assert_eq!(tallies(&charts.origin), shares(&report.by_origin));
    assert_eq!(
        tallies(&charts.tier),
        report.by_tier.iter().map(|(_, t)| *t).collect::<Vec<_>>()
    );
    assert_eq!(
        tallies(&charts.teams),
        report
            .standings
            .iter()
            .map(|s| s.signed)
            .collect::<Vec<_>>()
    );
    assert_eq!(sum(&tallies(&charts.industry)), report.current.signed);
    // Industry labels are the industries' names, largest first.
    assert_eq!(charts.industry[0].label, report.by_industry[0].key);
    assert!(
        charts
            .industry
            .windows(2)
            .all(|w| w[0].tally.amount_cny >= w[1].tally.amount_cny)
    );

    // Funnel: 签约, 开工, 投产 are the report's headline tallies; conversions are shares.
    let stage = |s: Stage| charts.funnel.iter().find(|f| f.stage == s).unwrap();
    assert_eq!(stage(Stage::Signed).reached, report.current.signed);
    assert_eq!(stage(Stage::Construction).reached, report.current.started);
    assert_eq!(
        stage(Stage::Production).reached,
        report.current.in_production
    );
    for step in &charts.funnel {
        assert!(step.advanced <= step.reached.count);
        if let Some(c) = step.conversion_tenths {
            assert!((0..=1000).contains(&c), "{c}");
        }
    }
    assert_eq!(stage(Stage::Production).conversion_tenths, None);

    // Months: this year to October sums to the report's signings, last year's January to
    // October to the report's year-before figure, each month to the store's own tally.
    let m = &charts.monthly;
    assert_eq!((m.year, m.months), (2026, 10));
    assert_eq!(sum(&m.this_year[..10]), report.current.signed);
    assert_eq!(sum(&m.this_year[10..]), Tally::default());
    assert_eq!(sum(&m.last_year[..10]), report.last_year.signed);
    let june = store
        .tally(
            Counted::Signed,
            day(2025, 6, 1),
            day(2025, 6, 30),
            &ReportFilter::default(),
        )
        .unwrap();
    assert_eq!(m.last_year[5], june);
    assert_eq!(
        *m.cumulative(true).last().unwrap(),
        report.current.signed.amount_cny
    );
    assert_eq!(m.annual_target, Some(4015 * YI / 10));
}

#[test]
fn conversion_is_the_share_of_a_stages_projects_that_went_further() {
    let mut store = Store::in_memory().unwrap();
    let mut writes = Vec::new();
    for i in 0..4 {
        let mut p = Project::new(format!("线索{i}"));
        p.investment = Some(Money::cny(YI));
        p.set_stage_date(Stage::Lead, Some(day(2026, 3, 1)));
        // Two of the four leads were taken into negotiation, one of them signed.
        if i < 2 {
            p.stage = Stage::Negotiating;
            p.set_stage_date(Stage::Negotiating, Some(day(2026, 4, 1)));
        }
        if i == 0 {
            p.stage = Stage::Signed;
            p.set_stage_date(Stage::Signed, Some(day(2026, 5, 1)));
        }
        writes.push(Write::PutProject(p));
    }
    store.write(&writes).unwrap();
    let report = report::build(&store, ytd(), ElapsedCounting::Days).unwrap();
    let charts = charts::build(&store, &report, Lang::Zh).unwrap();
    let f = &charts.funnel;
    assert_eq!(f[0].label, "线索");
    assert_eq!(f[0].reached.count, 4);
    assert_eq!(f[0].reached.amount_cny, 4 * YI);
    assert_eq!(f[0].conversion_tenths, Some(500));
    assert_eq!(f[1].reached.count, 2);
    assert_eq!(f[1].conversion_tenths, Some(500));
    assert_eq!(f[2].reached.count, 1);
    assert_eq!(f[2].conversion_tenths, Some(0));
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    (info.width, info.height)
}

#[test]
fn every_chart_exports_as_a_png_of_the_asked_size_on_data_and_on_an_empty_ledger() {
    let demo = demo_store();
    let empty = Store::in_memory().unwrap();
    for store in [&demo, &empty] {
        let report = report::build(store, ytd(), ElapsedCounting::Days).unwrap();
        let charts = charts::build(store, &report, Lang::Zh).unwrap();
        for kind in ChartKind::ALL {
            let bytes = draw::render_png(&charts, kind, (900, 560)).unwrap();
            assert_eq!(png_size(&bytes), (900, 560), "{kind:?}");
        }
    }
}

#[test]
fn svg_keeps_the_chinese_title_and_period_as_text() {
    let store = demo_store();
    let report = report::build(&store, ytd(), ElapsedCounting::Days).unwrap();
    let charts = charts::build(&store, &report, Lang::Zh).unwrap();
    let svg = draw::render_svg(&charts, ChartKind::Industry, (1200, 750)).unwrap();
    assert!(svg.contains("分产业签约投资"));
    assert!(svg.contains("数据截至 2026-10-31"));
    assert!(svg.contains("亿元"));
    let top = &charts.industry[0].label;
    assert!(
        svg.contains(top.as_str()),
        "the largest industry {top} is labelled"
    );
    let monthly = draw::render_svg(&charts, ChartKind::Monthly, (1200, 750)).unwrap();
    assert!(monthly.contains("全年目标 401.50亿元"));
    assert!(monthly.contains("10月"));
}

#[test]
fn export_refuses_unknown_formats_and_silly_sizes() {
    let store = Store::in_memory().unwrap();
    let report = report::build(&store, ytd(), ElapsedCounting::Days).unwrap();
    let charts = charts::build(&store, &report, Lang::Zh).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let jpg = dir.path().join("chart.jpg");
    let e = draw::export(&charts, ChartKind::Tier, &jpg, (800, 500)).unwrap_err();
    assert!(matches!(e, ChartError::Format(_)));
    assert!(e.to_string().contains(".png 或 .svg"));
    assert!(!jpg.exists());
    let e = draw::render_png(&charts, ChartKind::Tier, (10, 10)).unwrap_err();
    assert!(matches!(e, ChartError::Size(10, 10)));
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn float(range: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match cell(range, row, col) {
        Data::Float(f) => f,
        Data::Int(i) => i as f64,
        other => panic!("({row}, {col}) is not a number: {other:?}"),
    }
}

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match cell(range, row, col) {
        Data::String(s) => s,
        other => panic!("({row}, {col}) is not text: {other:?}"),
    }
}

fn yi(units: i64) -> f64 {
    units as f64 / 1e8
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn the_monthly_pack_read_back_has_the_reports_figures_and_its_charts_beside_it() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("2026年10月点评.xlsx");
    let written = review::write_pack(
        &store,
        (2026, 10),
        ElapsedCounting::Days,
        day(2026, 11, 24),
        &out,
    )
    .unwrap();
    assert_eq!(written.len(), ChartKind::ALL.len());
    for path in &written {
        let bytes = std::fs::read(path).unwrap();
        assert_eq!(png_size(&bytes), (1200, 750), "{}", path.display());
    }
    assert!(dir.path().join("2026年10月点评-industry.png").exists());

    let month = report::build(
        &store,
        ReportRange {
            from: day(2026, 10, 1),
            to: day(2026, 10, 31),
        },
        ElapsedCounting::Days,
    )
    .unwrap();
    let year = report::build(&store, ytd(), ElapsedCounting::Days).unwrap();

    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        book.sheet_names(),
        review::SHEETS.map(String::from).to_vec()
    );

    // 总览: the month's and the year's signings, and the target's completion.
    let overview = book.worksheet_range("总览").unwrap();
    assert_eq!(text(&overview, 4, 0), "签约");
    assert_eq!(float(&overview, 4, 1), month.current.signed.count as f64);
    assert!(close(
        float(&overview, 4, 2),
        yi(month.current.signed.amount_cny)
    ));
    assert_eq!(float(&overview, 4, 3), year.current.signed.count as f64);
    assert!(close(
        float(&overview, 4, 4),
        yi(year.current.signed.amount_cny)
    ));
    assert!(close(
        float(&overview, 4, 6),
        yi(year.last_year.signed.amount_cny)
    ));
    assert!(close(
        float(&overview, 5, 4),
        yi(year.current.started.amount_cny)
    ));
    let target = &year.targets[0];
    assert!(text(&overview, 10, 0).contains("签约总投资"));
    assert!(close(float(&overview, 10, 1), 401.5));
    assert!(close(float(&overview, 10, 2), yi(target.progress.actual)));
    assert!(close(
        float(&overview, 10, 3),
        target.progress.completion_tenths().unwrap() as f64 / 10.0
    ));
    assert!(close(
        float(&overview, 10, 4),
        target.progress.elapsed_tenths() as f64 / 10.0
    ));

    // 新签约项目: one line per October signing, and their total.
    let signings = book.worksheet_range("新签约项目").unwrap();
    let n = month.current.signed.count as u32;
    assert!(n > 0);
    assert_eq!(float(&signings, 4 + n - 1, 0), n as f64);
    assert_eq!(text(&signings, 4 + n, 1), "合计");
    assert!(close(
        float(&signings, 4 + n, 5),
        yi(month.current.signed.amount_cny)
    ));

    // 赛马排名: the standings in order.
    let race = book.worksheet_range("赛马排名").unwrap();
    for (i, s) in year.standings.iter().enumerate() {
        let r = 4 + i as u32;
        assert_eq!(text(&race, r, 1), s.name);
        assert!(close(float(&race, r, 3), yi(s.signed.amount_cny)));
    }

    // 分产业 and 分来源地: every row of the breakdowns.
    let industry = book.worksheet_range("分产业").unwrap();
    for (i, share) in year.by_industry.iter().enumerate() {
        let r = 4 + i as u32;
        assert_eq!(text(&industry, r, 0), share.key);
        assert_eq!(float(&industry, r, 1), share.tally.count as f64);
        assert!(close(float(&industry, r, 2), yi(share.tally.amount_cny)));
    }
    let total = 4 + year.by_industry.len() as u32;
    assert_eq!(text(&industry, total, 0), "合计");
    assert!(close(
        float(&industry, total, 2),
        yi(year.current.signed.amount_cny)
    ));
    let origin = book.worksheet_range("分来源地").unwrap();
    assert_eq!(text(&origin, 3, 0), "经济区");
    assert!(close(
        float(&origin, 4, 2),
        yi(year.by_region[0].tally.amount_cny)
    ));
}

#[test]
fn the_command_line_draws_charts_and_writes_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), 120);
    let db = db.to_str().unwrap();
    let svg = dir.path().join("funnel.svg");
    let out = common::cli(&[
        "--db",
        db,
        "chart",
        "funnel",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--out",
        svg.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read_to_string(&svg)
            .unwrap()
            .contains("项目推进漏斗")
    );
    let png = dir.path().join("tier.png");
    let out = common::cli(&[
        "--db",
        db,
        "chart",
        "tier",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--out",
        png.to_str().unwrap(),
        "--width",
        "640",
        "--height",
        "400",
    ]);
    assert!(out.status.success());
    assert_eq!(png_size(&std::fs::read(&png).unwrap()), (640, 400));

    let pack = dir.path().join("pack.xlsx");
    let out = common::cli(&[
        "--db",
        db,
        "review",
        "--month",
        "2025-06",
        "--out",
        pack.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2025年6月月度点评"));
    assert!(pack.exists());
    assert!(dir.path().join("pack-monthly.png").exists());

    let bad = common::cli(&[
        "--db", db, "review", "--month", "2025-13", "--out", "x.xlsx",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM"));
}

#[test]
fn a_pack_for_the_month_under_way_counts_up_to_today() {
    let mut store = Store::in_memory().unwrap();
    let mut writes = Vec::new();
    for (name, on) in [
        ("月初签约", day(2026, 11, 10)),
        ("计划签约", day(2026, 11, 28)),
    ] {
        let mut p = Project::new(name);
        p.investment = Some(Money::cny(3 * YI));
        p.stage = Stage::Signed;
        p.set_stage_date(Stage::Signed, Some(on));
        writes.push(Write::PutProject(p));
    }
    store.write(&writes).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("11月.xlsx");
    review::write_pack(
        &store,
        (2026, 11),
        ElapsedCounting::Days,
        day(2026, 11, 24),
        &out,
    )
    .unwrap();
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let overview = book.worksheet_range("总览").unwrap();
    assert!(text(&overview, 1, 0).contains("数据截至 2026-11-24"));
    assert_eq!(float(&overview, 4, 1), 1.0);
    assert!(close(float(&overview, 4, 2), 3.0));
    let signings = book.worksheet_range("新签约项目").unwrap();
    assert_eq!(text(&signings, 4, 1), "月初签约");
    assert_eq!(text(&signings, 5, 1), "合计");
}

#[test]
fn a_very_long_typed_origin_is_shortened_and_still_draws() {
    let mut store = Store::in_memory().unwrap();
    let mut p = Project::new("长来源地项目");
    p.industry = "新一代信息技术与人工智能融合应用及高端软件和信息服务产业".into();
    p.origin = "美利坚合众国加利福尼亚州圣克拉拉县硅谷某某科技园区创新中心".into();
    p.investment = Some(Money::cny(2 * YI));
    p.stage = Stage::Signed;
    p.set_stage_date(Stage::Signed, Some(day(2026, 2, 1)));
    store.write(&[Write::PutProject(p)]).unwrap();
    let report = report::build(&store, ytd(), ElapsedCounting::Days).unwrap();
    let charts = charts::build(&store, &report, Lang::Zh).unwrap();
    for kind in [ChartKind::Industry, ChartKind::Origin] {
        let bytes = draw::render_png(&charts, kind, (600, 400)).unwrap();
        assert_eq!(png_size(&bytes), (600, 400));
    }
    let svg = draw::render_svg(&charts, ChartKind::Industry, (1200, 750)).unwrap();
    assert!(svg.contains("新一代信息技术与人工智能融…"));
    assert!(svg.contains("2.00亿元，1个，占100.0%"));
}
