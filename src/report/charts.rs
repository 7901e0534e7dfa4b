//! The data behind the charts (screen, PNG/SVG exports and the monthly pack): built from a
//! [`Report`] and two store aggregates (per-month tallies, the stage funnel), so every figure in
//! a chart is the report's own number. Labels are made once here, in one language.

use chrono::{Datelike, NaiveDate};

use super::labels::key_label;
use super::{Report, ReportRange, share_tenths};
use crate::domain::Stage;
use crate::domain::money::yi_rounded;
use crate::domain::region::EconomicRegion;
use crate::domain::target::{Metric, Period, Scope, tenths_text};
use crate::i18n::{Lang, stage_label};
use crate::store::{self, Counted, DateField, Dimension, ProjectFilter, Store, Tally};

/// The charts there are. The command line names them `industry`, `funnel`, `monthly`,
/// `region`, `origin`, `tier`, `teams`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ChartKind {
    #[default]
    Industry,
    Funnel,
    Monthly,
    Region,
    Origin,
    Tier,
    Teams,
}

impl ChartKind {
    pub const ALL: [ChartKind; 7] = [
        ChartKind::Industry,
        ChartKind::Funnel,
        ChartKind::Monthly,
        ChartKind::Region,
        ChartKind::Origin,
        ChartKind::Tier,
        ChartKind::Teams,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChartKind::Industry => "industry",
            ChartKind::Funnel => "funnel",
            ChartKind::Monthly => "monthly",
            ChartKind::Region => "region",
            ChartKind::Origin => "origin",
            ChartKind::Tier => "tier",
            ChartKind::Teams => "teams",
        }
    }

    pub fn from_code(code: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The chart's title.
    pub fn title(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Zh, ChartKind::Industry) => "分产业签约投资",
            (Lang::Zh, ChartKind::Funnel) => "项目推进漏斗",
            (Lang::Zh, ChartKind::Monthly) => "月度签约 今年与去年对比",
            (Lang::Zh, ChartKind::Region) => "来源地 按经济区",
            (Lang::Zh, ChartKind::Origin) => "来源地 按城市或国家",
            (Lang::Zh, ChartKind::Tier) => "签约项目量级分布",
            (Lang::Zh, ChartKind::Teams) => "各招商小组签约 赛马",
            (Lang::En, ChartKind::Industry) => "Signed investment by industry",
            (Lang::En, ChartKind::Funnel) => "Pipeline funnel",
            (Lang::En, ChartKind::Monthly) => "Monthly signings: this year and last",
            (Lang::En, ChartKind::Region) => "Origin by economic region",
            (Lang::En, ChartKind::Origin) => "Origin by city or country",
            (Lang::En, ChartKind::Tier) => "Signed projects by tier",
            (Lang::En, ChartKind::Teams) => "Signings by team (race)",
        }
    }
}

/// One bar: its label, its exact tally, its share of the chart's total amount, and the ledger
/// filter that shows its projects (`None` where the ledger cannot filter by it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub tally: Tally,
    /// Share of the chart's total amount in tenths of a percent.
    pub share_tenths: Option<i64>,
    /// The ledger filter and tier band for "show these projects".
    pub filter: Option<(ProjectFilter, Option<usize>)>,
}

impl Bar {
    /// "75.30亿元，8个，占25.8%" / "75.30 yi CNY, 8, 25.8%": what the screen and the exported
    /// files show beside a bar.
    pub fn figures_text(&self, lang: Lang) -> String {
        let share = self
            .share_tenths
            .map(|t| match lang {
                Lang::Zh => format!("，占{}%", tenths_text(t)),
                Lang::En => format!(", {}%", tenths_text(t)),
            })
            .unwrap_or_default();
        let amount = yi_rounded(self.tally.amount_cny, 2);
        match lang {
            Lang::Zh => format!("{amount}亿元，{}个{share}", self.tally.count),
            Lang::En => format!("{amount} yi CNY, {}{share}", self.tally.count),
        }
    }
}

/// One stage of the funnel.
///
/// "Reached" counts the projects whose date for this stage (线索日期, 在谈日期, 签约日期, 开工日期,
/// 投产日期) falls in the period — so 签约, 开工 and 投产 are the report's signed, started and
/// in-production tallies. "Conversion" is the share of those projects that had also reached
/// any later stage of the line (a later stage date on or before the period's end): of the
/// projects that came in as leads this period, how many are at least in negotiation now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunnelStep {
    pub stage: Stage,
    pub label: String,
    pub reached: Tally,
    pub advanced: i64,
    /// `advanced / reached.count` in tenths of a percent; `None` for the last stage or none reached.
    pub conversion_tenths: Option<i64>,
    pub filter: Option<(ProjectFilter, Option<usize>)>,
}

/// Signings per month of the as-of year and the year before, with the zone's annual target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Monthly {
    pub year: i32,
    /// January to December of `year`, counted up to the period's end date.
    pub this_year: [Tally; 12],
    /// January to December of the year before, whole months.
    pub last_year: [Tally; 12],
    /// Months of `year` shown (1–12): up to the end date's month.
    pub months: u32,
    /// The zone's signed-amount target for `year`, yuan.
    pub annual_target: Option<i64>,
}

impl Monthly {
    /// Running sums of the amounts, January first; this year's stop at `months`.
    pub fn cumulative(&self, this_year: bool) -> Vec<i64> {
        let (tallies, n) = if this_year {
            (&self.this_year, self.months as usize)
        } else {
            (&self.last_year, 12)
        };
        let mut sum = 0i64;
        tallies[..n]
            .iter()
            .map(|t| {
                sum = sum.saturating_add(t.amount_cny);
                sum
            })
            .collect()
    }

    /// The ledger filter for one month of this year.
    pub fn month_filter(&self, month: u32) -> Option<ProjectFilter> {
        let from = NaiveDate::from_ymd_opt(self.year, month, 1)?;
        let to = from
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())?;
        Some(signed_between(from, to))
    }
}

/// Everything the charts show for one period, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charts {
    pub range: ReportRange,
    pub lang: Lang,
    /// Signed in the period (the report's headline): shares are of this amount.
    pub signed: Tally,
    pub industry: Vec<Bar>,
    pub funnel: Vec<FunnelStep>,
    pub monthly: Monthly,
    pub region: Vec<Bar>,
    pub origin: Vec<Bar>,
    pub tier: Vec<Bar>,
    pub teams: Vec<Bar>,
}

impl Charts {
    /// The bars of a bar chart (`None` for the funnel and the monthly chart).
    pub fn bars(&self, kind: ChartKind) -> Option<&[Bar]> {
        match kind {
            ChartKind::Industry => Some(&self.industry),
            ChartKind::Region => Some(&self.region),
            ChartKind::Origin => Some(&self.origin),
            ChartKind::Tier => Some(&self.tier),
            ChartKind::Teams => Some(&self.teams),
            ChartKind::Funnel | ChartKind::Monthly => None,
        }
    }

    /// Whether the chart has anything to show.
    pub fn is_empty(&self, kind: ChartKind) -> bool {
        match kind {
            ChartKind::Funnel => self.funnel.iter().all(|s| s.reached.count == 0),
            ChartKind::Monthly => self
                .monthly
                .this_year
                .iter()
                .chain(self.monthly.last_year.iter())
                .all(|t| t.count == 0),
            _ => self
                .bars(kind)
                .is_none_or(|b| b.iter().all(|b| b.tally.count == 0)),
        }
    }

    /// "统计期间 2026-01-01 至 2026-08-31 · 数据截至 2026-08-31".
    pub fn period_line(&self) -> String {
        let (from, to) = (self.range.from, self.range.to);
        match self.lang {
            Lang::Zh => format!("统计期间 {from} 至 {to}，数据截至 {to}"),
            Lang::En => format!("Period {from} to {to}, data as of {to}"),
        }
    }
}

/// The first `n - 1` bars and one "其他" bar summing the rest (no filter: it is many things);
/// all bars when there are at most `n`.
pub fn top_bars(bars: &[Bar], n: usize, lang: Lang, whole: i64) -> Vec<Bar> {
    if bars.len() <= n || n == 0 {
        return bars.to_vec();
    }
    let mut shown = bars[..n - 1].to_vec();
    let rest = bars[n - 1..].iter().fold(Tally::default(), |acc, b| Tally {
        count: acc.count + b.tally.count,
        amount_cny: acc.amount_cny.saturating_add(b.tally.amount_cny),
    });
    shown.push(Bar {
        label: match lang {
            Lang::Zh => format!("其他 {}项", bars.len() - (n - 1)),
            Lang::En => format!("Others ({})", bars.len() - (n - 1)),
        },
        tally: rest,
        share_tenths: share_tenths(rest.amount_cny, whole),
        filter: None,
    });
    shown
}

fn signed_between(from: NaiveDate, to: NaiveDate) -> ProjectFilter {
    dated_between(DateField::Signed, from, to)
}

fn dated_between(field: DateField, from: NaiveDate, to: NaiveDate) -> ProjectFilter {
    ProjectFilter {
        date_field: field,
        date_from: Some(from),
        date_to: Some(to),
        ..Default::default()
    }
}

/// Builds the charts for the report's period. Breakdowns, tiers and teams are the report's
/// own figures; only the months and the funnel are read here.
pub fn build(store: &Store, report: &Report, lang: Lang) -> store::Result<Charts> {
    let range = report.range;
    let whole = report.current.signed.amount_cny;
    let period = signed_between(range.from, range.to);
    let bar = |label: String, tally: Tally, filter: Option<(ProjectFilter, Option<usize>)>| Bar {
        label,
        tally,
        share_tenths: share_tenths(tally.amount_cny, whole),
        filter,
    };
    let shares = |dimension: Dimension| -> Vec<Bar> {
        let rows = match dimension {
            Dimension::Industry => &report.by_industry,
            Dimension::Region => &report.by_region,
            Dimension::Origin => &report.by_origin,
            Dimension::Team => &report.by_team,
            Dimension::Stage => &report.by_stage,
        };
        rows.iter()
            .map(|share| {
                let filter = match dimension {
                    Dimension::Industry => Some(ProjectFilter {
                        industry: Some(share.key.clone()),
                        ..period.clone()
                    }),
                    Dimension::Region => {
                        EconomicRegion::from_code(&share.key).map(|region| ProjectFilter {
                            region: Some(region),
                            ..period.clone()
                        })
                    }
                    // The ledger has no origin filter yet: these bars only inform.
                    _ => None,
                };
                bar(
                    key_label(report, dimension, &share.key, lang),
                    share.tally,
                    filter.map(|f| (f, None)),
                )
            })
            .collect()
    };
    let tier = report
        .by_tier
        .iter()
        .map(|(band, tally)| {
            bar(
                lang.tier_label(&report.tiers, *band),
                *tally,
                Some((period.clone(), Some(band.index))),
            )
        })
        .collect();
    let teams = report
        .standings
        .iter()
        .map(|s| {
            bar(
                s.name.clone(),
                s.signed,
                Some((
                    ProjectFilter {
                        team_id: Some(s.team_id),
                        ..period.clone()
                    },
                    None,
                )),
            )
        })
        .collect();
    Ok(Charts {
        range,
        lang,
        signed: report.current.signed,
        industry: shares(Dimension::Industry),
        funnel: funnel(store, range, lang)?,
        monthly: monthly(store, report)?,
        region: shares(Dimension::Region),
        origin: shares(Dimension::Origin),
        tier,
        teams,
    })
}

fn funnel(store: &Store, range: ReportRange, lang: Lang) -> store::Result<Vec<FunnelStep>> {
    const LINE: [Stage; 5] = [
        Stage::Lead,
        Stage::Negotiating,
        Stage::Signed,
        Stage::Construction,
        Stage::Production,
    ];
    let counts = store.stage_funnel(range.from, range.to)?;
    Ok(LINE
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (stage, count))| {
            let field = match stage {
                Stage::Signed => Some(DateField::Signed),
                Stage::Construction => Some(DateField::Construction),
                Stage::Production => Some(DateField::Production),
                _ => None,
            };
            FunnelStep {
                stage: *stage,
                label: stage_label(lang, *stage).to_string(),
                reached: count.reached,
                advanced: count.advanced,
                conversion_tenths: if i + 1 < LINE.len() {
                    share_tenths(count.advanced, count.reached.count)
                } else {
                    None
                },
                filter: field.map(|f| (dated_between(f, range.from, range.to), None)),
            }
        })
        .collect())
}

fn monthly(store: &Store, report: &Report) -> store::Result<Monthly> {
    let end = report.range.to;
    let year = end.year();
    let mut this_year = [Tally::default(); 12];
    let mut last_year = [Tally::default(); 12];
    let jan = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1);
    let dec = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31);
    if let Some(from) = jan(year) {
        for (y, m, tally) in store.monthly_tallies(Counted::Signed, from, end)? {
            if y == year {
                this_year[(m - 1) as usize] = tally;
            }
        }
    }
    if let (Some(from), Some(to)) = (jan(year - 1), dec(year - 1)) {
        for (y, m, tally) in store.monthly_tallies(Counted::Signed, from, to)? {
            if y == year - 1 {
                last_year[(m - 1) as usize] = tally;
            }
        }
    }
    let annual_target = report
        .targets
        .iter()
        .find(|t| {
            t.target.scope == Scope::Zone
                && t.target.metric == Metric::SignedAmount
                && t.target.period == Period::Year(year)
        })
        .map(|t| t.target.value);
    Ok(Monthly {
        year,
        this_year,
        last_year,
        months: end.month(),
        annual_target,
    })
}
