//! Report tests: the seed reports' figures reproduced from ledgers built here, and the edge
//! cases a lead would trip over — no target, nothing last year, a re-dated signing, foreign money.

mod common;

use common::day;

use chrono::NaiveDate;
use serde_json::Value;
use zhaoshang::domain::money::{WAN, YI};
use zhaoshang::domain::target::{ElapsedCounting, Metric, Period, Scope, Target};
use zhaoshang::domain::{CapitalType, Currency, Money, Project, Stage, Team};
use zhaoshang::report::{self, ReportRange};
use zhaoshang::store::{Store, Write};

fn signed(name: &str, units: i64, on: NaiveDate) -> Project {
    let mut p = Project::new(name);
    p.investment = Some(Money::cny(units));
    p.stage = Stage::Signed;
    p.set_stage_date(Stage::Signed, Some(on));
    p
}

/// `count` signed projects summing exactly to `total` yuan, spread over `[from, to]`.
fn signings(count: i64, total: i64, from: NaiveDate, to: NaiveDate) -> Vec<Project> {
    let days = (to - from).num_days().max(0);
    let each = total / count;
    (0..count)
        .map(|i| {
            let units = if i == count - 1 {
                total - each * (count - 1)
            } else {
                each
            };
            let on = from + chrono::Duration::days(days * i / count.max(1));
            signed(&format!("项目{i}"), units, on)
        })
        .collect()
}

fn put_all(store: &mut Store, projects: Vec<Project>) {
    let writes: Vec<Write> = projects.into_iter().map(Write::PutProject).collect();
    store.write(&writes).unwrap();
}

fn json_report(store: &Store, from: NaiveDate, to: NaiveDate, counting: ElapsedCounting) -> Value {
    let report = report::build(store, ReportRange { from, to }, counting).unwrap();
    report::to_json(&report)
}

fn zone_target(year: i32, metric: Metric, value: i64) -> Target {
    Target {
        id: uuid::Uuid::now_v7(),
        name: String::new(),
        period: Period::Year(year),
        scope: Scope::Zone,
        metric,
        value,
    }
}

#[test]
fn sixty_six_signings_worth_378_6_yi_are_94_3_percent_of_401_5_at_the_end_of_august() {
    let mut store = Store::in_memory().unwrap();
    put_all(
        &mut store,
        signings(66, 3786 * YI / 10, day(2023, 1, 5), day(2023, 8, 30)),
    );
    // Signed in September: after the as-of date, so not counted.
    put_all(
        &mut store,
        vec![signed("九月签约项目", 20 * YI, day(2023, 9, 4))],
    );
    store
        .write(&[Write::PutTarget(zone_target(
            2023,
            Metric::SignedAmount,
            4015 * YI / 10,
        ))])
        .unwrap();
    let json = json_report(
        &store,
        day(2023, 1, 1),
        day(2023, 8, 31),
        ElapsedCounting::Months,
    );
    assert_eq!(json["signed"]["count"], 66);
    assert_eq!(json["signed"]["amount_yi"], 378.6);
    let target = &json["targets"][0];
    assert_eq!(target["metric"], "signed-amount");
    assert_eq!(target["scope"], "全区");
    assert_eq!(target["target"], 401.5);
    assert_eq!(target["actual"], 378.6);
    assert_eq!(target["completion_pct"], 94.3);
    assert_eq!(target["elapsed_pct"], 66.7);
    assert_eq!(target["ahead_points"], 27.6);

    // By days, 243 of 365 days are gone: 66.6%.
    let by_days = json_report(
        &store,
        day(2023, 1, 1),
        day(2023, 8, 31),
        ElapsedCounting::Days,
    );
    assert_eq!(by_days["targets"][0]["elapsed_pct"], 66.6);

    let text = report::to_text(
        &report::build(
            &store,
            ReportRange {
                from: day(2023, 1, 1),
                to: day(2023, 8, 31),
            },
            ElapsedCounting::Months,
        )
        .unwrap(),
    );
    assert!(text.contains("新签约项目66个，总投资378.60亿元"), "{text}");
    assert!(
        text.contains("完成率94.3%，序时进度66.7%，超序时进度27.6个百分点"),
        "{text}"
    );
}

#[test]
fn year_on_year_267_against_221_is_up_20_8_and_5_9_percent() {
    let mut store = Store::in_memory().unwrap();
    put_all(
        &mut store,
        signings(267, 11588 * YI / 10, day(2023, 1, 3), day(2023, 12, 28)),
    );
    put_all(
        &mut store,
        signings(221, 109424 * YI / 100, day(2022, 1, 3), day(2022, 12, 28)),
    );
    let json = json_report(
        &store,
        day(2023, 1, 1),
        day(2023, 12, 31),
        ElapsedCounting::Days,
    );
    assert_eq!(json["signed"]["count"], 267);
    assert_eq!(json["signed"]["amount_yi"], 1158.8);
    assert_eq!(json["same_period_last_year"]["count"], 221);
    assert_eq!(json["same_period_last_year"]["amount_yi"], 1094.24);
    assert_eq!(json["yoy"]["count_pct"], 20.8);
    assert_eq!(json["yoy"]["amount_pct"], 5.9);
}

#[test]
fn nothing_last_year_and_no_target_are_said_not_divided_by() {
    let mut store = Store::in_memory().unwrap();
    put_all(
        &mut store,
        vec![signed("首个项目", 5 * YI, day(2024, 3, 1))],
    );
    let range = ReportRange {
        from: day(2024, 1, 1),
        to: day(2024, 6, 30),
    };
    let report = report::build(&store, range, ElapsedCounting::Days).unwrap();
    let json = report::to_json(&report);
    assert_eq!(json["yoy"]["count_pct"], Value::Null);
    assert_eq!(json["yoy"]["amount_pct"], Value::Null);
    assert_eq!(json["targets"], Value::Array(vec![]));
    let text = report::to_text(&report);
    assert!(text.contains("上年同期为零，无法计算增幅"), "{text}");
    assert!(text.contains("未设目标"), "{text}");
}

#[test]
fn a_signing_re_dated_across_the_year_end_moves_to_the_other_year() {
    let mut store = Store::in_memory().unwrap();
    let mut p = signed("跨年项目", 12 * YI, day(2023, 12, 31));
    put_all(&mut store, vec![p.clone()]);
    let year = |store: &Store, y: i32| {
        json_report(store, day(y, 1, 1), day(y, 12, 31), ElapsedCounting::Days)["signed"]["count"]
            .as_i64()
            .unwrap()
    };
    assert_eq!((year(&store, 2023), year(&store, 2024)), (1, 0));
    p.set_stage_date(Stage::Signed, Some(day(2024, 1, 1)));
    put_all(&mut store, vec![p]);
    assert_eq!((year(&store, 2023), year(&store, 2024)), (0, 1));
}

#[test]
fn foreign_money_counts_in_cny_and_in_dollars_for_a_foreign_target() {
    let mut store = Store::in_memory().unwrap();
    // 1.2亿美元 at the default 7.1 → 8.52亿元; 3000万欧元 at 7.7 → 2.31亿元 ≈ $32,535,211.
    let mut dollars = Project::new("美资项目");
    dollars.investment = Some(Money {
        units: 12_000 * WAN,
        currency: Currency::Usd,
    });
    dollars.capital_type = Some(CapitalType::Foreign);
    dollars.stage = Stage::Signed;
    dollars.set_stage_date(Stage::Signed, Some(day(2023, 4, 1)));
    let mut euros = Project::new("德资项目");
    euros.investment = Some(Money {
        units: 3_000 * WAN,
        currency: Currency::Eur,
    });
    euros.capital_type = Some(CapitalType::Foreign);
    euros.stage = Stage::Construction;
    euros.set_stage_date(Stage::Signed, Some(day(2023, 5, 1)));
    euros.set_stage_date(Stage::Construction, Some(day(2023, 7, 1)));
    let domestic = signed("内资项目", 10 * YI, day(2023, 6, 1));
    put_all(&mut store, vec![dollars, euros, domestic]);
    store
        .write(&[Write::PutTarget(zone_target(
            2023,
            Metric::ForeignUsd,
            2 * YI,
        ))])
        .unwrap();
    let json = json_report(
        &store,
        day(2023, 1, 1),
        day(2023, 12, 31),
        ElapsedCounting::Days,
    );
    // 8.52 + 2.31 + 10 = 20.83亿元, signed whatever the stage today.
    assert_eq!(json["signed"]["count"], 3);
    assert_eq!(json["signed"]["amount_yi"], 20.83);
    assert_eq!(json["started"]["count"], 1);
    let target = &json["targets"][0];
    assert_eq!(target["metric"], "foreign-usd");
    // $120,000,000 + 231,000,000 / 7.1 = $32,535,211 → 1.53亿美元 of 2亿: 76.3%.
    assert_eq!(target["actual"], 1.53);
    assert_eq!(target["completion_pct"], 76.3);
}

#[test]
fn breakdowns_share_the_whole_and_tiers_list_every_band() {
    let mut store = Store::in_memory().unwrap();
    let team = Team::new("深圳驻点招商办");
    store.write(&[Write::PutTeam(team.clone())]).unwrap();
    let mut big = signed("百亿项目", 120 * YI, day(2023, 3, 1));
    big.industry = "新能源".into();
    big.origin = "深圳".into();
    big.team_id = Some(team.id);
    let mut small = signed("小项目", 40 * YI, day(2023, 3, 2));
    small.industry = "生物医药".into();
    small.origin = "上海".into();
    put_all(&mut store, vec![big, small]);
    let json = json_report(
        &store,
        day(2023, 1, 1),
        day(2023, 12, 31),
        ElapsedCounting::Days,
    );
    let regions = json["by_region"].as_array().unwrap();
    assert_eq!(regions[0]["key"], "粤港澳大湾区");
    assert_eq!(regions[0]["amount_share_pct"], 75.0);
    assert_eq!(regions[0]["count_share_pct"], 50.0);
    assert_eq!(regions[1]["key"], "长三角");
    assert_eq!(json["by_origin"][0]["key"], "深圳");
    assert_eq!(json["by_team"][0]["key"], "深圳驻点招商办");
    assert_eq!(json["by_team"][1]["key"], "未填");
    assert_eq!(json["by_stage"][0]["key"], "签约");
    let tiers = json["by_tier"].as_array().unwrap();
    assert_eq!(tiers.len(), 7);
    let top = tiers.last().unwrap();
    assert_eq!(top["key"], "百亿级");
    assert_eq!(top["min_yi"], 100.0);
    assert_eq!(top["max_yi"], Value::Null);
    assert_eq!(top["count"], 1);
    let thirty = &tiers[4];
    assert_eq!(thirty["key"], "30亿元以上");
    assert_eq!(thirty["max_yi"], 50.0);
    assert_eq!(thirty["count"], 1);
}

#[test]
fn teams_race_by_their_own_targets_and_the_change_since_last_month() {
    let mut store = Store::in_memory().unwrap();
    let north = Team::new("北区招商局");
    let south = Team::new("南区招商局");
    store
        .write(&[Write::PutTeam(north.clone()), Write::PutTeam(south.clone())])
        .unwrap();
    // At the end of July north has 10亿 of a 40亿 target (25%) and south 3亿 of 10亿 (30%):
    // south leads. In August north signs 20亿 more (75%) and overtakes.
    let mut a = signed("北区七月", 10 * YI, day(2023, 7, 10));
    a.team_id = Some(north.id);
    let mut b = signed("南区七月", 3 * YI, day(2023, 7, 12));
    b.team_id = Some(south.id);
    let mut c = signed("北区八月", 20 * YI, day(2023, 8, 15));
    c.team_id = Some(north.id);
    put_all(&mut store, vec![a, b, c]);
    let target = |team: &Team, yi: i64| Target {
        scope: Scope::Team(team.id),
        ..zone_target(2023, Metric::SignedAmount, yi * YI)
    };
    store
        .write(&[
            Write::PutTarget(target(&north, 40)),
            Write::PutTarget(target(&south, 10)),
        ])
        .unwrap();
    let json = json_report(
        &store,
        day(2023, 1, 1),
        day(2023, 8, 31),
        ElapsedCounting::Months,
    );
    let board = json["leaderboard"].as_array().unwrap();
    assert_eq!(board[0]["team"], "北区招商局");
    assert_eq!(board[0]["completion_pct"], 75.0);
    assert_eq!(board[0]["completion_rank_change"], 1);
    assert_eq!(board[1]["team"], "南区招商局");
    assert_eq!(board[1]["completion_pct"], 30.0);
    assert_eq!(board[1]["completion_rank_change"], -1);
}

#[test]
fn projects_counted_by_a_date_their_stage_has_not_reached_are_listed_as_a_note() {
    let mut store = Store::in_memory().unwrap();
    let (from, to) = (day(2025, 1, 1), day(2025, 6, 30));
    let fine = signed("正常签约", 5 * YI, day(2025, 3, 1));
    let mut talking = signed("在谈却有签约日期", 2 * YI, day(2025, 4, 1));
    talking.stage = Stage::Negotiating;
    let mut lead = signed("线索却有签约日期", YI, day(2025, 5, 1));
    lead.stage = Stage::Lead;
    let mut started = signed("签约却有开工日期", YI, day(2024, 5, 1));
    started.set_stage_date(Stage::Construction, Some(day(2025, 2, 1)));
    let mut outside = signed("期外的不一致", YI, day(2024, 4, 1));
    outside.stage = Stage::Negotiating;
    let mut held = signed("搁置的已签约项目", YI, day(2025, 2, 2));
    held.stage = Stage::OnHold;
    put_all(
        &mut store,
        vec![fine, talking, lead, started, outside, held],
    );
    let built = report::build(&store, ReportRange { from, to }, ElapsedCounting::Days).unwrap();
    let names: Vec<&str> = built
        .stage_date_mismatches
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(
        names,
        vec!["在谈却有签约日期", "线索却有签约日期", "签约却有开工日期"],
        "only what the period counts, on the line"
    );
    assert_eq!(built.stage_date_mismatches[0].stage, Stage::Negotiating);
    assert_eq!(built.stage_date_mismatches[2].dated, Stage::Construction);
    let text = report::to_text(&built);
    assert!(
        text.contains("口径提示: 3 个项目阶段与日期不一致"),
        "{text}"
    );
    assert!(
        text.contains("在谈却有签约日期：阶段为在谈，签约日期2025年4月1日"),
        "{text}"
    );
    let json = report::to_json(&built);
    let m = &json["stage_date_mismatches"];
    assert_eq!(m["count"], 3);
    assert_eq!(m["note"], "口径提示: 3 个项目阶段与日期不一致");
    assert_eq!(m["projects"][0]["name"], "在谈却有签约日期");
    assert_eq!(m["projects"][0]["stage"], "在谈");
    assert_eq!(m["projects"][0]["dated_stage"], "签约");
    assert_eq!(m["projects"][0]["date"], "2025-04-01");

    let clean = Store::in_memory().unwrap();
    let built = report::build(&clean, ReportRange { from, to }, ElapsedCounting::Days).unwrap();
    assert!(!report::to_text(&built).contains("口径提示"));
    assert_eq!(report::to_json(&built)["stage_date_mismatches"]["count"], 0);
}
