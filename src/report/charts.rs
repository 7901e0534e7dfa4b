//! The data behind the charts (screen, PNG/SVG exports and the monthly pack): built from a
//! [`Report`] and two store aggregates (per-month tallies, the stage funnel), so every figure in
//! a chart is the report's own number, for the report's filter (a team, an industry, a region).
//! Labels are made once here, in one language. Every bar carries the ledger filter that shows
//! exactly the projects it counts.

use chrono::{Datelike, NaiveDate};

use super::labels::key_label;
use super::{Report, ReportRange, share_tenths};
use crate::domain::Stage;
use crate::domain::money::yi_rounded;
use crate::domain::region::EconomicRegion;
use crate::domain::target::{Metric, Period, tenths_text};
use crate::domain::tier::TierBand;
use crate::i18n::{Lang, T, stage_label};
use crate::store::{
    self, Counted, DateField, Dimension, KeyFilter, ProjectFilter, ReportFilter, Store, Tally,
};

/// Bar charts show this many bars, on screen and in files; the rest are summed into one "其他"
/// bar (see [`Charts::top_bars`]).
pub const MAX_BARS: usize = 15;

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
/// filter that shows its projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// What the bar stands for: the breakdown's key, the team's id, the tier band's index.
    pub key: String,
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
            .map(|t| lang.t(T::ChartShare).replace("{pct}", &tenths_text(t)))
            .unwrap_or_default();
        lang.t(T::ChartBarFigures)
            .replace("{amount}", &yi_rounded(self.tally.amount_cny, 2))
            .replace("{count}", &self.tally.count.to_string())
            .replace("{share}", &share)
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

/// Signings per month of the as-of year and the year before, with the annual target of the
/// zone (or of the team or industry the charts are filtered to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Monthly {
    /// The charts' filter as a ledger filter, without dates.
    pub base: ProjectFilter,
    pub year: i32,
    /// January to December of `year`, counted up to the period's end date.
    pub this_year: [Tally; 12],
    /// January to December of the year before, whole months.
    pub last_year: [Tally; 12],
    /// Months of `year` shown (1–12): up to the end date's month.
    pub months: u32,
    /// The signed-amount target for `year` of the filter's scope (the zone, a team or an
    /// industry), yuan; `None` without one, or when the filter is not a target's scope.
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

    /// The largest month of either year, in units (the monthly bars' height; never below 0).
    pub fn monthly_peak(&self) -> i64 {
        self.this_year
            .iter()
            .chain(self.last_year.iter())
            .map(|t| t.amount_cny.max(0))
            .max()
            .unwrap_or(0)
    }

    /// The largest running total of either year, or the annual target if higher, in units.
    pub fn cumulative_peak(&self) -> i64 {
        self.cumulative(true)
            .into_iter()
            .chain(self.cumulative(false))
            .chain(self.annual_target)
            .max()
            .unwrap_or(0)
            .max(0)
    }

    /// The ledger filter for one month (1–12) of this year or of the year before.
    pub fn month_filter(&self, this_year: bool, month: u32) -> Option<ProjectFilter> {
        let year = if this_year { self.year } else { self.year - 1 };
        let from = NaiveDate::from_ymd_opt(year, month, 1)?;
        let to = from
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())?;
        Some(dated_between(&self.base, DateField::Signed, from, to))
    }
}

/// Everything the charts show for one period, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charts {
    pub range: ReportRange,
    pub lang: Lang,
    /// Which projects are counted; `filter_label` names it ("招商一组 · 新能源"), `None` for all.
    pub filter: ReportFilter,
    pub filter_label: Option<String>,
    /// The filter and the period as a ledger filter (by signing date): what the bar charts'
    /// bars narrow down.
    pub period: ProjectFilter,
    /// Signed in the period (the report's headline): shares are of this amount.
    pub signed: Tally,
    pub industry: Vec<Bar>,
    pub funnel: Vec<FunnelStep>,
    pub monthly: Monthly,
    pub region: Vec<Bar>,
    pub origin: Vec<Bar>,
    pub tier: Vec<Bar>,
    /// The tier bands the tier bars stand for, lowest first.
    pub tier_bands: Vec<TierBand>,
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

    /// "统计期间 2026-01-01 至 2026-08-31，数据截至 2026-08-31", after the filter's name when
    /// the charts are filtered: "招商一组 · 统计期间 …".
    pub fn period_line(&self) -> String {
        let (from, to) = (self.range.from, self.range.to);
        let period = self
            .lang
            .t(T::ChartPeriodLine)
            .replace("{from}", &from.to_string())
            .replace("{to}", &to.to_string());
        match &self.filter_label {
            Some(label) => format!("{label} · {period}"),
            None => period,
        }
    }

    /// The bars a bar chart shows: all of them when there are at most `n`, else the first
    /// `n - 1` and one "其他" bar summing the rest, whose ledger filter shows exactly those
    /// projects (every project not under a bar shown; for teams and tiers, those under the
    /// bars grouped).
    pub fn top_bars(&self, kind: ChartKind, n: usize) -> Vec<Bar> {
        let bars = self.bars(kind).unwrap_or_default();
        if bars.len() <= n || n == 0 {
            return bars.to_vec();
        }
        let (shown, grouped) = bars.split_at(n - 1);
        let rest = grouped.iter().fold(Tally::default(), |acc, b| Tally {
            count: acc.count + b.tally.count,
            amount_cny: acc.amount_cny.saturating_add(b.tally.amount_cny),
        });
        let keys = |bars: &[Bar]| bars.iter().map(|b| b.key.clone()).collect::<Vec<_>>();
        let by_key = |dimension: Dimension, keys: Vec<String>, exclude: bool| ProjectFilter {
            key: Some(KeyFilter {
                dimension,
                keys,
                exclude,
            }),
            ..self.period.clone()
        };
        let filter = match kind {
            // The bars are the whole breakdown: "其他" is whatever no bar shown holds, which
            // stays a short list however many keys were grouped.
            ChartKind::Industry => Some(by_key(Dimension::Industry, keys(shown), true)),
            ChartKind::Region => Some(by_key(Dimension::Region, keys(shown), true)),
            ChartKind::Origin => Some(by_key(Dimension::Origin, keys(shown), true)),
            // Teams are the listed teams only (not projects without one): the grouped ones.
            ChartKind::Teams => Some(by_key(Dimension::Team, keys(grouped), false)),
            // Bands are contiguous and lowest first: the grouped ones are one amount range.
            ChartKind::Tier => {
                let band = |b: Option<&Bar>| {
                    b.and_then(|b| b.key.parse::<usize>().ok())
                        .and_then(|i| self.tier_bands.get(i))
                };
                match (band(grouped.first()), band(grouped.last())) {
                    (Some(low), Some(high)) => Some(ProjectFilter {
                        amount_cny_min: Some(low.min_units),
                        amount_cny_max: high.max_units,
                        ..self.period.clone()
                    }),
                    _ => None,
                }
            }
            ChartKind::Funnel | ChartKind::Monthly => None,
        };
        let mut out = shown.to_vec();
        out.push(Bar {
            key: String::new(),
            label: self
                .lang
                .t(T::ChartOthers)
                .replace("{n}", &grouped.len().to_string()),
            tally: rest,
            share_tenths: share_tenths(rest.amount_cny, self.signed.amount_cny),
            filter: filter.map(|f| (f, None)),
        });
        out
    }
}

/// `base` with a date range on `field`.
fn dated_between(
    base: &ProjectFilter,
    field: DateField,
    from: NaiveDate,
    to: NaiveDate,
) -> ProjectFilter {
    ProjectFilter {
        date_field: field,
        date_from: Some(from),
        date_to: Some(to),
        ..base.clone()
    }
}

/// "招商一组 · 新能源 · 长三角": the filter's parts by name; `None` when nothing is filtered.
pub fn filter_label(report: &Report, lang: Lang) -> Option<String> {
    let filter = &report.filter;
    let mut parts = Vec::new();
    if let Some(team) = filter.team_id {
        parts.push(
            report
                .teams
                .iter()
                .find(|t| t.id == team)
                .map(|t| t.name.clone())
                .unwrap_or_else(|| lang.t(T::ChartDeletedTeam).to_string()),
        );
    }
    if let Some(industry) = &filter.industry {
        parts.push(industry.clone());
    }
    if let Some(region) = filter.region {
        parts.push(lang.region_label(region).to_string());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// Builds the charts for the report's period and filter. Breakdowns, tiers and teams are the
/// report's own figures; only the months and the funnel are read here.
pub fn build(store: &Store, report: &Report, lang: Lang) -> store::Result<Charts> {
    let range = report.range;
    let whole = report.current.signed.amount_cny;
    let base = report.filter.ledger_filter();
    let period = dated_between(&base, DateField::Signed, range.from, range.to);
    let bar = |key: String, label: String, tally: Tally, filter: ProjectFilter| Bar {
        key,
        label,
        tally,
        share_tenths: share_tenths(tally.amount_cny, whole),
        filter: Some((filter, None)),
    };
    let by_key = |dimension: Dimension, key: &str| ProjectFilter {
        key: Some(KeyFilter {
            dimension,
            keys: vec![key.to_string()],
            exclude: false,
        }),
        ..period.clone()
    };
    let shares = |dimension: Dimension, rows: &[super::Share]| -> Vec<Bar> {
        rows.iter()
            .map(|share| {
                let filter = match dimension {
                    Dimension::Industry => ProjectFilter {
                        industry: Some(share.key.clone()),
                        ..period.clone()
                    },
                    // The region's own filter where the ledger's region box can show it;
                    // projects from no known region ("未填") by their key.
                    Dimension::Region => match EconomicRegion::from_code(&share.key) {
                        Some(region) => ProjectFilter {
                            region: Some(region),
                            ..period.clone()
                        },
                        None => by_key(Dimension::Region, &share.key),
                    },
                    _ => by_key(dimension, &share.key),
                };
                bar(
                    share.key.clone(),
                    key_label(report, dimension, &share.key, lang),
                    share.tally,
                    filter,
                )
            })
            .collect()
    };
    let tier = report
        .by_tier
        .iter()
        .map(|(band, tally)| Bar {
            key: band.index.to_string(),
            label: lang.tier_label(&report.tiers, *band),
            tally: *tally,
            share_tenths: share_tenths(tally.amount_cny, whole),
            // The ledger's tier box turns the band into its amount range (and shows it).
            filter: Some((period.clone(), Some(band.index))),
        })
        .collect();
    // Filtered to one team, the race has that team alone: another team's bar could only
    // show nothing, and its filter would contradict the chart's.
    let teams = report
        .standings
        .iter()
        .filter(|s| report.filter.team_id.is_none_or(|t| t == s.team_id))
        .map(|s| {
            bar(
                s.team_id.to_string(),
                s.name.clone(),
                s.signed,
                ProjectFilter {
                    team_id: Some(s.team_id),
                    ..period.clone()
                },
            )
        })
        .collect();
    Ok(Charts {
        range,
        lang,
        filter: report.filter.clone(),
        filter_label: filter_label(report, lang),
        signed: report.current.signed,
        industry: shares(Dimension::Industry, &report.by_industry),
        funnel: funnel(store, range, &report.filter, &base, lang)?,
        monthly: monthly(store, report, &base)?,
        region: shares(Dimension::Region, &report.by_region),
        origin: shares(Dimension::Origin, &report.by_origin),
        tier,
        tier_bands: report.tiers.bands(),
        teams,
        period,
    })
}

fn funnel(
    store: &Store,
    range: ReportRange,
    filter: &ReportFilter,
    base: &ProjectFilter,
    lang: Lang,
) -> store::Result<Vec<FunnelStep>> {
    const LINE: [Stage; 5] = [
        Stage::Lead,
        Stage::Negotiating,
        Stage::Signed,
        Stage::Construction,
        Stage::Production,
    ];
    let counts = store.stage_funnel(range.from, range.to, filter)?;
    Ok(LINE
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (stage, count))| {
            let field = match stage {
                Stage::Lead => DateField::Lead,
                Stage::Negotiating => DateField::Negotiating,
                Stage::Signed => DateField::Signed,
                Stage::Construction => DateField::Construction,
                _ => DateField::Production,
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
                filter: Some((dated_between(base, field, range.from, range.to), None)),
            }
        })
        .collect())
}

fn monthly(store: &Store, report: &Report, base: &ProjectFilter) -> store::Result<Monthly> {
    let end = report.range.to;
    let year = end.year();
    let mut this_year = [Tally::default(); 12];
    let mut last_year = [Tally::default(); 12];
    let jan = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1);
    let dec = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31);
    if let Some(from) = jan(year) {
        for (y, m, tally) in store.monthly_tallies(Counted::Signed, from, end, &report.filter)? {
            if y == year {
                this_year[(m - 1) as usize] = tally;
            }
        }
    }
    if let (Some(from), Some(to)) = (jan(year - 1), dec(year - 1)) {
        for (y, m, tally) in store.monthly_tallies(Counted::Signed, from, to, &report.filter)? {
            if y == year - 1 {
                last_year[(m - 1) as usize] = tally;
            }
        }
    }
    // The target of exactly the projects counted: the zone's, the team's or the industry's.
    let scope = report.filter.scope();
    let annual_target = report
        .targets
        .iter()
        .find(|t| {
            Some(&t.target.scope) == scope.as_ref()
                && t.target.metric == Metric::SignedAmount
                && t.target.period == Period::Year(year)
        })
        .map(|t| t.target.value);
    Ok(Monthly {
        base: base.clone(),
        year,
        this_year,
        last_year,
        months: end.month(),
        annual_target,
    })
}
