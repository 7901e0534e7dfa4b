//! Charts under a filter (a team, an industry, an economic region) count those projects alone,
//! and every bar of every chart opens the ledger on exactly the projects it counts: the
//! ledger's footer (count and sum) equals the bar's figures, for cities, "未填", "其他", 线索
//! and 在谈 as for industries.

mod common;

use common::day;

use std::collections::BTreeMap;
use zhaoshang::app::LedgerAction;

use chrono::{Datelike, NaiveDate};
use zhaoshang::app::AppState;
use zhaoshang::domain::money::YI;
use zhaoshang::domain::region::EconomicRegion;
use zhaoshang::domain::target::{ElapsedCounting, Metric, Period, Scope, Target};
use zhaoshang::domain::{Money, Project, Stage};
use zhaoshang::i18n::Lang;
use zhaoshang::io::charts as draw;
use zhaoshang::report::charts::{self, ChartKind, Charts, MAX_BARS};
use zhaoshang::report::{self, ReportRange};
use zhaoshang::store::{ProjectFilter, ReportFilter, Store, Tally, Write};

fn ytd() -> ReportRange {
    ReportRange {
        from: day(2026, 1, 1),
        to: day(2026, 10, 31),
    }
}

fn signed(name: &str, origin: &str, yi: i64, on: NaiveDate) -> Project {
    let mut p = Project::new(name);
    p.industry = "新能源".into();
    p.origin = origin.into();
    p.investment = Some(Money::cny(yi * YI));
    p.stage = Stage::Signed;
    p.set_stage_date(Stage::Lead, Some(on - chrono::Duration::days(40)));
    p.set_stage_date(Stage::Signed, Some(on));
    p
}

/// The demo zone (300 projects to 2026-11-24), 2026 targets for the zone, the first team and
/// 新能源, and three signings whose origin is not a known place or not given at all.
fn demo_store() -> (Store, uuid::Uuid) {
    let (mut writes, _) = common::demo_writes(300, 7, day(2026, 11, 24));
    let team = match &writes[0] {
        Write::PutTeam(team) => team.id,
        _ => panic!("the demo's writes begin with its teams"),
    };
    for (scope, value) in [
        (Scope::Zone, 4015 * YI / 10),
        (Scope::Team(team), 120 * YI),
        (Scope::Industry("新能源".into()), 80 * YI),
    ] {
        writes.push(Write::PutTarget(Target {
            id: uuid::Uuid::now_v7(),
            name: String::new(),
            period: Period::Year(2026),
            scope,
            metric: Metric::SignedAmount,
            value,
        }));
    }
    for p in [
        signed("火星基地项目", "火星基地", 3, day(2026, 4, 2)),
        signed("来源未填项目", "", 2, day(2026, 5, 6)),
        signed("又一个未填", "  ", 1, day(2026, 9, 9)),
    ] {
        writes.push(Write::PutProject(p));
    }
    let mut store = Store::in_memory().unwrap();
    store.write(&writes).unwrap();
    (store, team)
}

fn charts_for(store: &Store, filter: &ReportFilter) -> Charts {
    let report = report::build_for(store, ytd(), ElapsedCounting::Days, filter).unwrap();
    charts::build(store, &report, Lang::Zh).unwrap()
}

fn add(a: Tally, amount: Option<i64>) -> Tally {
    Tally {
        count: a.count + 1,
        amount_cny: a.amount_cny + amount.unwrap_or(0),
    }
}

#[test]
fn chart_data_under_a_team_filter_counts_that_teams_projects_alone() {
    let (store, team) = demo_store();
    let filter = ReportFilter {
        team_id: Some(team),
        ..Default::default()
    };
    let charts = charts_for(&store, &filter);

    // Counted here from the projects themselves, without SQL: the team's signings this year
    // to October by industry, in CNY at the signing day's rate.
    let rates = store.rates().unwrap();
    let range = ytd();
    let mut by_industry: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    for p in store.all_projects().unwrap() {
        let Some(on) = p.signed_date() else { continue };
        if p.team_id != Some(team) || on < range.from || on > range.to {
            continue;
        }
        let cny = p.investment.and_then(|m| rates.to_cny(m, on));
        let slot = by_industry.entry(p.industry.clone()).or_default();
        *slot = add(*slot, cny);
        total = add(total, cny);
    }
    assert!(total.count > 3, "the team signs several projects in 2026");
    let bars: BTreeMap<String, Tally> = charts
        .industry
        .iter()
        .map(|b| (b.key.clone(), b.tally))
        .collect();
    assert_eq!(bars, by_industry);
    assert_eq!(charts.signed, total);

    // The same team in the zone's race, and the team's own annual target on the monthly chart.
    let zone = report::build(&store, range, ElapsedCounting::Days).unwrap();
    let standing = zone.standings.iter().find(|s| s.team_id == team).unwrap();
    assert_eq!(standing.signed, total);
    assert_eq!(
        charts.teams.len(),
        1,
        "the race shows the chosen team alone"
    );
    assert_eq!(charts.teams[0].tally, total);
    assert_eq!(charts.monthly.annual_target, Some(120 * YI));
    let months: Tally = charts
        .monthly
        .this_year
        .iter()
        .fold(Tally::default(), |a, t| Tally {
            count: a.count + t.count,
            amount_cny: a.amount_cny + t.amount_cny,
        });
    assert_eq!(months, total);
    let funnel_signed = charts
        .funnel
        .iter()
        .find(|s| s.stage == Stage::Signed)
        .unwrap();
    assert_eq!(funnel_signed.reached, total);
    // Fewer projects than the zone's: the filter reached the aggregates.
    assert!(total.count < zone.current.signed.count);

    // The exported chart says whose figures these are.
    let name = &zone.teams.iter().find(|t| t.id == team).unwrap().name;
    assert_eq!(
        charts.period_line(),
        format!("{name} · 统计期间 2026-01-01 至 2026-10-31，数据截至 2026-10-31")
    );
    let svg = draw::render_svg(&charts, ChartKind::Industry, (1200, 750)).unwrap();
    assert!(svg.contains(&format!("{name} · 统计期间")));

    // An industry's target for an industry; none for a region, which no target is set for.
    let industry = charts_for(
        &store,
        &ReportFilter {
            industry: Some("新能源".into()),
            ..Default::default()
        },
    );
    assert_eq!(industry.monthly.annual_target, Some(80 * YI));
    assert!(industry.industry.iter().all(|b| b.key == "新能源"));
    let region = charts_for(
        &store,
        &ReportFilter {
            region: Some(EconomicRegion::YangtzeDelta),
            ..Default::default()
        },
    );
    assert_eq!(region.monthly.annual_target, None);
    assert_eq!(region.region.len(), 1);
    assert_eq!(region.region[0].label, "长三角");
    assert_eq!(
        charts_for(&store, &ReportFilter::default())
            .monthly
            .annual_target,
        Some(4015 * YI / 10)
    );
}

/// What the ledger shows (count, sum) after a bar's filter is applied as the charts screen does.
fn ledger_totals(state: &mut AppState, filter: &(ProjectFilter, Option<usize>)) -> Tally {
    state.apply(LedgerAction::SetFilter(
        Box::new(filter.0.clone()),
        filter.1,
    ));
    let totals = state.projects.totals();
    Tally {
        count: totals.count,
        amount_cny: totals.amount_cny,
    }
}

#[test]
fn every_bar_of_every_chart_opens_the_ledger_on_exactly_its_projects() {
    let (store, team) = demo_store();
    let mut state = AppState::new(store, day(2026, 11, 24), Lang::Zh);
    let filters = [
        ReportFilter::default(),
        ReportFilter {
            team_id: Some(team),
            ..Default::default()
        },
        ReportFilter {
            region: Some(EconomicRegion::YangtzeDelta),
            ..Default::default()
        },
        ReportFilter {
            industry: Some("新能源".into()),
            ..Default::default()
        },
    ];
    let mut checked = 0;
    let mut others = 0;
    for filter in &filters {
        let charts = charts_for(state.store(), filter);
        for kind in ChartKind::ALL {
            let Some(all) = charts.bars(kind) else {
                continue;
            };
            // Every bar, then the bars as drawn (with "其他" when there are more than fit),
            // and as drawn four to a chart, so "其他" is exercised on every chart that has
            // more than four bars.
            let mut bars = all.to_vec();
            bars.extend(charts.top_bars(kind, MAX_BARS));
            let small = charts.top_bars(kind, 4);
            if small.len() < all.len() {
                others += 1;
                assert!(small[3].label.starts_with("其他"), "{kind:?}");
            }
            bars.extend(small);
            for bar in &bars {
                let filter = bar.filter.as_ref().unwrap_or_else(|| {
                    panic!("{kind:?} bar {} opens nothing", bar.label);
                });
                assert_eq!(
                    ledger_totals(&mut state, filter),
                    bar.tally,
                    "{kind:?} bar {} under {:?}",
                    bar.label,
                    charts.filter
                );
                checked += 1;
            }
        }
        for step in &charts.funnel {
            let filter = step
                .filter
                .as_ref()
                .expect("every stage opens its projects");
            assert_eq!(
                ledger_totals(&mut state, filter),
                step.reached,
                "funnel {}",
                step.label
            );
            checked += 1;
        }
        let m = &charts.monthly;
        for (this_year, tallies, months) in
            [(true, &m.this_year, m.months), (false, &m.last_year, 12)]
        {
            for month in 1..=months {
                let filter = m.month_filter(this_year, month).unwrap();
                assert_eq!(
                    ledger_totals(&mut state, &(filter, None)),
                    tallies[month as usize - 1],
                    "{} month {month}",
                    if this_year { m.year } else { m.year - 1 }
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 200, "{checked} bars checked");
    assert!(others >= 6, "\"其他\" checked on {others} charts");

    // The bars the old ledger could not show are among them: a city, a place typed that is
    // no known place, projects without an origin ("未填") in both origin charts.
    let charts = charts_for(state.store(), &ReportFilter::default());
    let labels: Vec<&str> = charts.origin.iter().map(|b| b.label.as_str()).collect();
    assert!(labels.contains(&"火星基地"), "{labels:?}");
    assert!(labels.contains(&"未填"), "{labels:?}");
    assert!(charts.region.iter().any(|b| b.label == "未填"));
    let blank = charts.origin.iter().find(|b| b.label == "未填").unwrap();
    assert_eq!(blank.tally.count, 2, "empty and blank origins are one 未填");
    assert_eq!(blank.tally.amount_cny, 3 * YI);
    let lead = &charts.funnel[0];
    assert_eq!(lead.label, "线索");
    assert!(lead.reached.count > 0);
    assert!(ytd().to.year() == charts.monthly.year);
}

#[test]
fn the_command_line_draws_a_chart_for_a_team_an_industry_or_a_region() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), 120);
    let db = db.to_str().unwrap();
    let team = Store::open_to_read(std::path::Path::new(db))
        .unwrap()
        .teams()
        .unwrap()[0]
        .name
        .clone();
    let svg = dir.path().join("team.svg");
    let out = common::cli(&[
        "--db",
        db,
        "chart",
        "industry",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--team",
        &team,
        "--region",
        "长三角",
        "--out",
        svg.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains(&format!(
        "{team} · 长三角 · 统计期间 2025-01-01 至 2025-12-31"
    )));

    let bad = common::cli(&[
        "--db",
        db,
        "chart",
        "tier",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--region",
        "火星",
        "--out",
        "x.png",
    ]);
    assert!(!bad.status.success());
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(said.contains("无法识别的经济区：火星") && said.contains("粤港澳大湾区"));
    let bad = common::cli(&[
        "--db",
        db,
        "chart",
        "tier",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--team",
        "没有这个组",
        "--out",
        "x.png",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("没有名为“没有这个组”的招商队伍"));
}

/// The width a viewer gives `text` at `em` pixels: a Chinese character (or full-width mark)
/// one em, anything else at most 0.56 em (Noto Sans CJK's digits and Latin letters).
fn viewer_width(text: &str, em: f64) -> f64 {
    text.chars()
        .map(|c| if (c as u32) < 0x2000 { 0.56 } else { 1.0 })
        .sum::<f64>()
        * em
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].to_string())
}

#[test]
fn every_svg_text_fits_inside_the_picture_as_a_viewer_draws_it() {
    let (store, team) = demo_store();
    for filter in [
        ReportFilter::default(),
        ReportFilter {
            team_id: Some(team),
            ..Default::default()
        },
    ] {
        let charts = charts_for(&store, &filter);
        for kind in ChartKind::ALL {
            let svg = draw::render_svg(&charts, kind, (1200, 750)).unwrap();
            let mut texts = 0;
            for piece in svg.split("<text").skip(1) {
                let (tag, rest) = piece.split_once('>').unwrap();
                let content = rest.split("</text>").next().unwrap().trim();
                let x: f64 = attribute(tag, "x").unwrap().parse().unwrap();
                let em: f64 = attribute(tag, "font-size").unwrap().parse().unwrap();
                let width = viewer_width(content, em);
                let (left, right) = match attribute(tag, "text-anchor").as_deref() {
                    Some("end") => (x - width, x),
                    Some("middle") => (x - width / 2.0, x + width / 2.0),
                    _ => (x, x + width),
                };
                // Rotated axis names are narrow; their x is the rotation's centre.
                if tag.contains("rotate") {
                    continue;
                }
                assert!(
                    left >= 0.0 && right <= 1200.0,
                    "{kind:?}: \"{content}\" spans {left:.0}…{right:.0} of 1200"
                );
                texts += 1;
            }
            assert!(texts > 3, "{kind:?} has its title, period and labels");
        }
    }
}
