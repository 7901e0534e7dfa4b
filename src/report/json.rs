//! The report as JSON (`zhaoshang report --format json`): keys as documented in the README;
//! amounts in 亿 to two decimals and percentages to one, each rounded once from exact values.

use serde_json::{Value, json};

use super::labels::{key_label, metric_label, scope_label, target_name};
use super::{Report, Share, share_tenths, yoy_tenths};
use crate::domain::money::{YI, round_div};
use crate::i18n::{Lang, stage_label};
use crate::store::{Dimension, Tally};

/// Yuan (or dollars) as a number of 亿 with two decimals.
pub(super) fn yi(units: i64) -> Value {
    let hundredths = round_div(units as i128 * 100, YI as i128);
    decimal(hundredths, 100)
}

/// Tenths of a percent as a number with one decimal.
fn percent(tenths: Option<i64>) -> Value {
    tenths.map_or(Value::Null, |t| decimal(t as i128, 10))
}

/// An exactly rounded decimal as a JSON number. The f64 nearest to it prints back as the same
/// shortest decimal, so 378.6 is written "378.6", never 378.59999….
fn decimal(scaled: i128, scale: i128) -> Value {
    json!(scaled as f64 / scale as f64)
}

fn tally(t: Tally) -> Value {
    json!({ "count": t.count, "amount_yi": yi(t.amount_cny) })
}

fn shares(report: &Report, dimension: Dimension, rows: &[Share]) -> Value {
    let total = report.current.signed;
    Value::Array(
        rows.iter()
            .map(|row| {
                json!({
                    "key": key_label(report, dimension, &row.key, Lang::Zh),
                    "count": row.tally.count,
                    "amount_yi": yi(row.tally.amount_cny),
                    "count_share_pct": percent(share_tenths(row.tally.count, total.count)),
                    "amount_share_pct": percent(share_tenths(row.tally.amount_cny, total.amount_cny)),
                })
            })
            .collect(),
    )
}

pub fn to_json(report: &Report) -> Value {
    let signed = report.current.signed;
    let last = report.last_year.signed;
    let targets: Vec<Value> = report
        .targets
        .iter()
        .map(|t| {
            let value = |v: i64| {
                if t.target.metric.is_amount() {
                    yi(v)
                } else {
                    json!(v)
                }
            };
            json!({
                "name": target_name(&report.teams, &t.target, Lang::Zh),
                "scope": scope_label(&report.teams, &t.target.scope, Lang::Zh),
                "metric": t.target.metric.code(),
                "metric_label": metric_label(t.target.metric, Lang::Zh),
                "period": t.target.period.label_zh(),
                "target": value(t.progress.target),
                "actual": value(t.progress.actual),
                "completion_pct": percent(t.progress.completion_tenths()),
                "elapsed_pct": percent(Some(t.progress.elapsed_tenths())),
                "ahead_points": percent(t.progress.ahead_tenths()),
            })
        })
        .collect();
    let tiers: Vec<Value> = report
        .by_tier
        .iter()
        .map(|(band, t)| {
            json!({
                "key": report.tiers.label_zh(*band),
                "min_yi": yi(band.min_units),
                "max_yi": band.max_units.map_or(Value::Null, yi),
                "count": t.count,
                "amount_yi": yi(t.amount_cny),
            })
        })
        .collect();
    let standings: Vec<Value> = report
        .standings
        .iter()
        .map(|s| {
            json!({
                "team": s.name,
                "rank_by_completion": s.rank_by_completion,
                "rank_by_amount": s.rank_by_amount,
                "completion_pct": percent(s.completion_tenths),
                "signed": tally(s.signed),
                "completion_rank_change": s.completion_rank_change(),
                "amount_rank_change": s.amount_rank_change(),
            })
        })
        .collect();
    let mismatches: Vec<Value> = report
        .stage_date_mismatches
        .iter()
        .map(|m| {
            json!({
                "name": m.name,
                "stage": stage_label(Lang::Zh, m.stage),
                "dated_stage": stage_label(Lang::Zh, m.dated),
                "date": m.day.format("%Y-%m-%d").to_string(),
            })
        })
        .collect();
    json!({
        "from": report.range.from.format("%Y-%m-%d").to_string(),
        "to": report.range.to.format("%Y-%m-%d").to_string(),
        "signed": tally(signed),
        "started": tally(report.current.started),
        "in_production": tally(report.current.in_production),
        "same_period_last_year": tally(last),
        "yoy": {
            "count_pct": percent(yoy_tenths(signed.count, last.count)),
            "amount_pct": percent(yoy_tenths(signed.amount_cny, last.amount_cny)),
        },
        "targets": targets,
        "by_industry": shares(report, Dimension::Industry, &report.by_industry),
        "by_region": shares(report, Dimension::Region, &report.by_region),
        "by_origin": shares(report, Dimension::Origin, &report.by_origin),
        "by_team": shares(report, Dimension::Team, &report.by_team),
        "by_stage": shares(report, Dimension::Stage, &report.by_stage),
        "by_tier": tiers,
        "leaderboard": standings,
        "stage_date_mismatches": {
            "count": mismatches.len(),
            "note": super::text::mismatch_note(report),
            "projects": mismatches,
        },
        "activities": super::appraisal::activities_json(report),
        "by_officer": super::appraisal::by_officer_json(report),
    })
}
