//! The period report: the one source of numbers for the dashboard, the `report` command and
//! (later) the charts and the monthly pack. Everything is read from store aggregates as exact
//! integers; rounding happens once, when a figure is shown.

mod appraisal;
pub mod chart_labels;
pub mod charts;
mod json;
mod text;

use chrono::{Months, NaiveDate};
use uuid::Uuid;

pub use json::to_json;
pub use text::to_text;

use crate::domain::activity::{ActivityType, Appraisal};
use crate::domain::money::round_div;
use crate::domain::target::{ElapsedCounting, Metric, Progress, Scope, Target};
use crate::domain::tier::TierBand;
use crate::domain::{Currency, Officer, RateTable, Team, Tiers};
use crate::store::{self, Counted, Dimension, ReportFilter, Store, Tally};

/// What a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl ReportRange {
    /// The same days one year earlier (29 February becomes the 28th).
    pub fn year_before(self) -> ReportRange {
        let back = |d: NaiveDate| d.checked_sub_months(Months::new(12)).unwrap_or(d);
        ReportRange {
            from: back(self.from),
            to: back(self.to),
        }
    }
}

/// Signed, started and in production in one range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Headline {
    pub signed: Tally,
    pub started: Tally,
    pub in_production: Tally,
}

/// One row of a breakdown: the stored key (see [`Dimension`]) and its tally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub key: String,
    pub tally: Tally,
}

/// One target's progress at the report's end date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetProgress {
    pub target: Target,
    pub progress: Progress,
}

/// A team's line in the race (赛马).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamStanding {
    pub team_id: Uuid,
    pub name: String,
    pub signed: Tally,
    /// Completion of the team's own target (see [`team_target`]); `None` without one.
    pub completion_tenths: Option<i64>,
    /// 1-based ranks now, and at the end of the previous month (`None` if that is before the
    /// period began).
    pub rank_by_completion: usize,
    pub rank_by_amount: usize,
    pub previous_rank_by_completion: Option<usize>,
    pub previous_rank_by_amount: Option<usize>,
}

impl TeamStanding {
    /// Places gained since last month (positive = up); `None` when there is nothing to compare.
    pub fn completion_rank_change(&self) -> Option<i64> {
        self.previous_rank_by_completion
            .map(|p| p as i64 - self.rank_by_completion as i64)
    }

    pub fn amount_rank_change(&self) -> Option<i64> {
        self.previous_rank_by_amount
            .map(|p| p as i64 - self.rank_by_amount as i64)
    }
}

/// A project counted in the period by a date of a step its stage has not reached (口径提示):
/// at 在谈 with a 签约日期 in the range, it is counted as signed although it is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageDateMismatch {
    pub id: Uuid,
    pub name: String,
    pub stage: crate::domain::Stage,
    /// The step whose date falls in the range, and that date.
    pub dated: crate::domain::Stage,
    pub day: NaiveDate,
}

/// Everything a lead reports for a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub range: ReportRange,
    /// Which projects the figures count (all of them for the zone's report). Targets are
    /// always measured on their own scope, whatever this is.
    pub filter: ReportFilter,
    pub current: Headline,
    pub last_year: Headline,
    pub targets: Vec<TargetProgress>,
    pub by_industry: Vec<Share>,
    pub by_region: Vec<Share>,
    pub by_origin: Vec<Share>,
    pub by_team: Vec<Share>,
    pub by_stage: Vec<Share>,
    pub by_tier: Vec<(TierBand, Tally)>,
    pub standings: Vec<TeamStanding>,
    /// Projects counted by a date their stage disagrees with, by step and then by name.
    pub stage_date_mismatches: Vec<StageDateMismatch>,
    /// 考核: every officer's and team's activities and signings in the range.
    pub appraisal: Appraisal,
    /// For labels: the teams, officers, activity types, tiers and counting the figures were
    /// made with.
    pub teams: Vec<Team>,
    pub officers: Vec<Officer>,
    pub activity_types: Vec<ActivityType>,
    pub tiers: Tiers,
    pub counting: ElapsedCounting,
}

/// Change against last year in tenths of a percent; `None` when last year was zero (there is
/// no percentage of nothing: the report says so instead).
pub fn yoy_tenths(current: i64, last_year: i64) -> Option<i64> {
    (last_year != 0).then(|| {
        round_div(
            (current as i128 - last_year as i128) * 1000,
            last_year as i128,
        ) as i64
    })
}

/// `part` as tenths of a percent of `whole`; `None` for a zero whole.
pub fn share_tenths(part: i64, whole: i64) -> Option<i64> {
    (whole != 0).then(|| round_div(part as i128 * 1000, whole as i128) as i64)
}

/// Builds the zone's report for `range`. Targets whose period overlaps the range are measured
/// at the range's end date.
pub fn build(
    store: &Store,
    range: ReportRange,
    counting: ElapsedCounting,
) -> store::Result<Report> {
    build_for(store, range, counting, &ReportFilter::default())
}

/// Builds the report for `range` counting only the filter's projects (a team's, an
/// industry's, a region's): headline, last year, breakdowns, tiers and the teams' signings.
/// Targets keep their own scope and are listed as for the zone.
pub fn build_for(
    store: &Store,
    range: ReportRange,
    counting: ElapsedCounting,
    filter: &ReportFilter,
) -> store::Result<Report> {
    let teams = store.teams()?;
    let tiers = store.tiers()?;
    let rates = store.rates()?;
    let targets = store.targets()?;
    let headline = |r: ReportRange| -> store::Result<Headline> {
        Ok(Headline {
            signed: store.tally(Counted::Signed, r.from, r.to, filter)?,
            started: store.tally(Counted::Started, r.from, r.to, filter)?,
            in_production: store.tally(Counted::Production, r.from, r.to, filter)?,
        })
    };
    let breakdown = |dimension: Dimension| -> store::Result<Vec<Share>> {
        Ok(store
            .breakdown(Counted::Signed, range.from, range.to, dimension, filter)?
            .into_iter()
            .map(|(key, tally)| Share { key, tally })
            .collect())
    };
    let as_of = range.to;
    let target_progress = targets
        .into_iter()
        .filter(|t| t.period.overlaps(range.from, range.to))
        .map(|target| {
            let progress = progress_of(store, &rates, &target, as_of, counting)?;
            Ok(TargetProgress { target, progress })
        })
        .collect::<store::Result<Vec<_>>>()?;
    let standings = standings(
        store,
        &teams,
        &target_progress,
        range,
        counting,
        &rates,
        filter,
    )?;
    Ok(Report {
        range,
        filter: filter.clone(),
        current: headline(range)?,
        last_year: headline(range.year_before())?,
        by_industry: breakdown(Dimension::Industry)?,
        by_region: breakdown(Dimension::Region)?,
        by_origin: breakdown(Dimension::Origin)?,
        by_team: breakdown(Dimension::Team)?,
        by_stage: breakdown(Dimension::Stage)?,
        by_tier: store.tier_tallies(Counted::Signed, range.from, range.to, &tiers, filter)?,
        targets: target_progress,
        standings,
        stage_date_mismatches: stage_date_mismatches(store, range, filter)?,
        appraisal: store.appraisal(range.from, range.to)?,
        teams,
        officers: store.officers()?,
        activity_types: store.activity_types()?,
        tiers,
        counting,
    })
}

/// The filter's projects with a 签约, 开工 or 投产 date in `range` at a stage before that step
/// (the rule of [`crate::domain::checks::date_problems`], asked of the store so only those
/// projects are read).
fn stage_date_mismatches(
    store: &Store,
    range: ReportRange,
    filter: &ReportFilter,
) -> store::Result<Vec<StageDateMismatch>> {
    use crate::domain::Stage;
    use crate::domain::checks::{COUNTED_STEPS, stages_before};
    use crate::store::{DateField, SortColumn, SortOrder};
    let mut found: Vec<StageDateMismatch> = Vec::new();
    for dated in COUNTED_STEPS {
        let date_field = match dated {
            Stage::Signed => DateField::Signed,
            Stage::Construction => DateField::Construction,
            _ => DateField::Production,
        };
        let ledger = store::ProjectFilter {
            stages: stages_before(dated),
            date_field,
            date_from: Some(range.from),
            date_to: Some(range.to),
            ..filter.ledger_filter()
        };
        let keys = store.dated_keys(&ledger, SortColumn::Name, SortOrder::Ascending)?;
        for key in keys {
            let Some(p) = store.project_by_seq(key)? else {
                continue;
            };
            if found.iter().any(|m| m.id == p.id) {
                continue;
            }
            if let Some(day) = p.stage_date(dated) {
                found.push(StageDateMismatch {
                    id: p.id,
                    name: p.name,
                    stage: p.stage,
                    dated,
                    day,
                });
            }
        }
    }
    Ok(found)
}

/// A target's actual at `as_of`: what its metric counts from the period's first day up to
/// `as_of` (or the period's end, if earlier).
pub fn progress_of(
    store: &Store,
    rates: &RateTable,
    target: &Target,
    as_of: NaiveDate,
    counting: ElapsedCounting,
) -> store::Result<Progress> {
    let from = target.period.first_day();
    let to = as_of.min(target.period.last_day());
    let scope = &ReportFilter::from(&target.scope);
    let actual = if to < from {
        0
    } else {
        match target.metric {
            Metric::SignedAmount => store.tally(Counted::Signed, from, to, scope)?.amount_cny,
            Metric::SignedCount => store.tally(Counted::Signed, from, to, scope)?.count,
            Metric::TierCount { min_cny } => {
                store.count_at_least(Counted::Signed, from, to, scope, min_cny)?
            }
            Metric::StartedCount => store.tally(Counted::Started, from, to, scope)?.count,
            Metric::ProductionCount => store.tally(Counted::Production, from, to, scope)?.count,
            Metric::ForeignUsd => foreign_usd(store, rates, from, to, scope)?,
        }
    };
    Ok(Progress {
        actual,
        target: target.value,
        elapsed: target.period.elapsed(as_of, counting),
    })
}

/// Signed foreign investment in whole dollars: dollar amounts as they are, others through CNY at
/// the dollar rate in force on the signing day (each rounded to the dollar once).
fn foreign_usd(
    store: &Store,
    rates: &RateTable,
    from: NaiveDate,
    to: NaiveDate,
    scope: &ReportFilter,
) -> store::Result<i64> {
    let mut dollars: i64 = 0;
    for signing in store.foreign_signings(from, to, scope)? {
        let amount = match (signing.investment, signing.amount_cny) {
            (Some(money), _) if money.currency == Currency::Usd => money.units,
            (_, Some(cny)) => match rates.rate_on(Currency::Usd, signing.signed) {
                Some(micro) if micro > 0 => {
                    round_div(cny as i128 * 1_000_000, micro as i128) as i64
                }
                _ => 0,
            },
            _ => 0,
        };
        dollars = dollars.saturating_add(amount);
    }
    Ok(dollars)
}

/// The target a team is ranked by: its signed-amount target if it has one for the period, else
/// its first other target.
fn team_target(targets: &[TargetProgress], team: Uuid) -> Option<&TargetProgress> {
    let own = || {
        targets
            .iter()
            .filter(move |t| t.target.scope == Scope::Team(team))
    };
    own()
        .find(|t| t.target.metric == Metric::SignedAmount)
        .or_else(|| own().next())
}

/// Teams ranked by completion of their own targets (teams without one after those with, by
/// amount) and by signed amount; with last month's ranks for the change. Signings count the
/// filter's projects; completion is always of the team's own target.
fn standings(
    store: &Store,
    teams: &[Team],
    targets: &[TargetProgress],
    range: ReportRange,
    counting: ElapsedCounting,
    rates: &RateTable,
    filter: &ReportFilter,
) -> store::Result<Vec<TeamStanding>> {
    // One GROUP BY per date, not one query per team.
    let signed_by_team = |to: NaiveDate| -> store::Result<Vec<(Uuid, Tally, Option<i64>)>> {
        let tallies = store.breakdown(Counted::Signed, range.from, to, Dimension::Team, filter)?;
        let mut rows = Vec::with_capacity(teams.len());
        for team in teams {
            let key = team.id.to_string();
            let tally = tallies
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, t)| *t)
                .unwrap_or_default();
            let completion = match team_target(targets, team.id) {
                Some(t) if to == range.to => t.progress.completion_tenths(),
                Some(t) => progress_of(store, rates, &t.target, to, counting)?.completion_tenths(),
                None => None,
            };
            rows.push((team.id, tally, completion));
        }
        Ok(rows)
    };
    let now = signed_by_team(range.to)?;
    // Last month's ranking: the same range up to the end of the month before the end date's
    // month. In the range's first month there is nothing to compare with.
    let previous_end = range
        .to
        .checked_sub_months(Months::new(1))
        .and_then(|d| {
            NaiveDate::from_ymd_opt(chrono::Datelike::year(&d), chrono::Datelike::month(&d), 1)
        })
        .and_then(|d| d.checked_add_months(Months::new(1)))
        .and_then(|d| d.pred_opt());
    let previous = match previous_end {
        Some(end) if end >= range.from => Some(signed_by_team(end)?),
        _ => None,
    };
    let now_ranks = ranks(&now);
    let previous_ranks = previous.as_ref().map(|p| ranks(p));
    let mut standings: Vec<TeamStanding> = now
        .iter()
        .enumerate()
        .map(|(i, (id, tally, completion))| TeamStanding {
            team_id: *id,
            name: teams[i].name.clone(),
            signed: *tally,
            completion_tenths: *completion,
            rank_by_completion: now_ranks[i].0,
            rank_by_amount: now_ranks[i].1,
            previous_rank_by_completion: previous_ranks.as_ref().map(|r| r[i].0),
            previous_rank_by_amount: previous_ranks.as_ref().map(|r| r[i].1),
        })
        .collect();
    standings.sort_by_key(|s| s.rank_by_completion);
    Ok(standings)
}

/// (rank by completion, rank by amount) for each row, 1-based. Ties are broken by the other
/// measure, then by the team's place in the list, so ranks are a strict order.
fn ranks(rows: &[(Uuid, Tally, Option<i64>)]) -> Vec<(usize, usize)> {
    let mut by_completion: Vec<usize> = (0..rows.len()).collect();
    by_completion.sort_by(|&a, &b| {
        let key = |i: usize| {
            (
                rows[i].2.is_none(),
                std::cmp::Reverse(rows[i].2.unwrap_or(0)),
                std::cmp::Reverse(rows[i].1.amount_cny),
            )
        };
        key(a).cmp(&key(b)).then(a.cmp(&b))
    });
    let mut by_amount: Vec<usize> = (0..rows.len()).collect();
    by_amount.sort_by(|&a, &b| {
        let key = |i: usize| {
            (
                std::cmp::Reverse(rows[i].1.amount_cny),
                std::cmp::Reverse(rows[i].1.count),
            )
        };
        key(a).cmp(&key(b)).then(a.cmp(&b))
    });
    let mut result = vec![(0, 0); rows.len()];
    for (rank, &i) in by_completion.iter().enumerate() {
        result[i].0 = rank + 1;
    }
    for (rank, &i) in by_amount.iter().enumerate() {
        result[i].1 = rank + 1;
    }
    result
}

impl Report {
    /// A team's name by id ("" for none).
    pub fn team_name(&self, id: &str) -> Option<&str> {
        self.teams
            .iter()
            .find(|t| t.id.to_string() == id)
            .map(|t| t.name.as_str())
    }
}

/// Names for what the report holds, in a language: breakdown keys, targets, scopes.
pub mod labels {
    use super::Report;
    use crate::domain::money::yi_rounded;
    use crate::domain::region::EconomicRegion;
    use crate::domain::target::{Metric, Scope, Target};
    use crate::domain::{Stage, Team};
    use crate::i18n::{Lang, T, stage_label};
    use crate::store::Dimension;

    /// The label of a breakdown key; projects without a value are "未填" / "not given".
    pub fn key_label(report: &Report, dimension: Dimension, key: &str, lang: Lang) -> String {
        let none = lang.t(T::NotGiven);
        let text = match dimension {
            Dimension::Industry | Dimension::Origin => key.to_string(),
            Dimension::Region => EconomicRegion::from_code(key)
                .map(|r| lang.region_label(r).to_string())
                .unwrap_or_default(),
            Dimension::Team => report.team_name(key).unwrap_or_default().to_string(),
            Dimension::Stage => Stage::from_code(key)
                .map(|s| stage_label(lang, s).to_string())
                .unwrap_or_default(),
        };
        if text.trim().is_empty() {
            none.to_string()
        } else {
            text
        }
    }

    pub fn scope_label(teams: &[Team], scope: &Scope, lang: Lang) -> String {
        match scope {
            Scope::Zone => lang.t(T::ScopeZone).into(),
            Scope::Team(id) => teams
                .iter()
                .find(|t| t.id == *id)
                .map(|t| t.name.clone())
                .unwrap_or_else(|| id.to_string()),
            Scope::Industry(name) => name.clone(),
        }
    }

    pub fn metric_label(metric: Metric, lang: Lang) -> String {
        let key = match metric {
            Metric::SignedAmount => T::MetricSignedAmount,
            Metric::SignedCount => T::MetricSignedCount,
            Metric::TierCount { min_cny } => {
                return lang
                    .t(T::MetricTierCount)
                    .replace("{yi}", &yi_rounded(min_cny, 0));
            }
            Metric::StartedCount => T::MetricStartedCount,
            Metric::ProductionCount => T::MetricProductionCount,
            Metric::ForeignUsd => T::MetricForeignUsd,
        };
        lang.t(key).to_string()
    }

    /// The target's own name, or one made of its period, scope and metric.
    pub fn target_name(teams: &[Team], target: &Target, lang: Lang) -> String {
        if !target.name.trim().is_empty() {
            return target.name.clone();
        }
        let period = lang.period_label(&target.period);
        format!(
            "{period} {} {}",
            scope_label(teams, &target.scope, lang),
            metric_label(target.metric, lang)
        )
    }

    /// A target's value or actual with its unit: 401.50亿元, 5.00亿美元, 27个.
    pub fn metric_value(metric: Metric, value: i64, lang: Lang) -> String {
        let (key, figure) = match metric {
            Metric::SignedAmount => (T::MetricValueYi, yi_rounded(value, 2)),
            Metric::ForeignUsd => (T::MetricValueUsd, yi_rounded(value, 2)),
            _ => (T::MetricValueCount, value.to_string()),
        };
        lang.t(key).replace("{value}", &figure)
    }
}
