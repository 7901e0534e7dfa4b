//! The questions views and reports ask of the ledger, and the rows they get back: filters,
//! sort orders, breakdown dimensions, totals, ledger rows and board cards. Plain data shared by
//! the store (which answers them in SQL) and the screens (which never see the store).

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::region::EconomicRegion;
use crate::domain::target::Scope;
use crate::domain::{Money, Stage, Tiers};

/// Which date a date-range filter looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateField {
    #[default]
    Signed,
    Construction,
    Production,
    Updated,
    /// 线索日期: when the project came in as a lead.
    Lead,
    /// 在谈日期: when negotiation began.
    Negotiating,
}

impl DateField {
    /// In the order of the line, then the last update.
    pub const ALL: [DateField; 6] = [
        DateField::Lead,
        DateField::Negotiating,
        DateField::Signed,
        DateField::Construction,
        DateField::Production,
        DateField::Updated,
    ];
}

/// What the ledger shows. Empty fields do not filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProjectFilter {
    pub stages: Vec<Stage>,
    pub industry: Option<String>,
    pub team_id: Option<Uuid>,
    pub officer_id: Option<Uuid>,
    /// CNY range `[min, max)`: how a tier filter reaches the store.
    pub amount_cny_min: Option<i64>,
    pub amount_cny_max: Option<i64>,
    pub region: Option<EconomicRegion>,
    /// Projects from one province-level division (its short name, "江苏"): a 招商地图 tile.
    pub origin_province: Option<String>,
    pub date_field: DateField,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    pub search: String,
    /// Projects by their key in a report breakdown: how a chart's bar that the fields above
    /// cannot express (a city or country, "未填", the grouped "其他") opens its projects.
    pub key: Option<KeyFilter>,
    /// Projects attached to a chain link or its sub-links: how a box of the chain map opens
    /// its projects.
    pub chain_link: Option<LinkFilter>,
}

/// A chain link by id, with its name for the filter bar to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkFilter {
    pub node: Uuid,
    pub name: String,
}

/// Projects whose key in a breakdown (see [`Dimension`]: the same SQL expression the breakdown
/// groups by) is one of `keys`, or with `exclude`, none of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFilter {
    pub dimension: Dimension,
    pub keys: Vec<String>,
    /// Everything but `keys`: a chart's "其他" is every project not under a bar shown.
    pub exclude: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    Name,
    Company,
    Industry,
    Amount,
    Stage,
    SignedDate,
    Team,
    Origin,
    #[default]
    Updated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    Ascending,
    #[default]
    Descending,
}

/// What one ledger line shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    pub seq: i64,
    pub id: Uuid,
    pub name: String,
    pub company: String,
    pub industry: String,
    pub investment: Option<Money>,
    pub amount_cny: Option<i64>,
    pub stage: Stage,
    pub signed_date: Option<NaiveDate>,
    pub team: String,
    pub officer: String,
    pub origin: String,
    pub next_step: String,
    pub next_step_due: Option<NaiveDate>,
}

/// Count and exact CNY sum of what a filter shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LedgerTotals {
    pub count: i64,
    pub amount_cny: i64,
}

impl ProjectFilter {
    /// This filter with tier band `band` of `tiers` (an index into [`Tiers::bands`]) turned
    /// into the CNY range the store filters by; no band leaves the amount range as it is.
    pub fn with_tier_band(&self, tiers: &Tiers, band: Option<usize>) -> ProjectFilter {
        let mut filter = self.clone();
        if let Some(band) = band.and_then(|i| tiers.bands().get(i).copied()) {
            filter.amount_cny_min = Some(band.min_units);
            filter.amount_cny_max = band.max_units;
        }
        filter
    }
}

/// A number of projects and their exact CNY sum (projects without an amount add nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub count: i64,
    pub amount_cny: i64,
}

/// Where the projects a filter shows come from, for 招商地图: by province (the mainland, 香港,
/// 澳门, 台湾) and by foreign country, each with its count and exact CNY sum, plus those from
/// China with no province named and those whose origin was not recognised (or not given).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OriginTallies {
    /// By province's short name, in name order; provinces with no project are left out.
    pub by_province: Vec<(String, Tally)>,
    /// By country's Chinese short name, largest amount first (then count, then name).
    pub abroad: Vec<(String, Tally)>,
    /// "中国" with no province or city.
    pub china_unplaced: Tally,
    /// No recognisable origin.
    pub unknown: Tally,
}

/// Which date puts a project in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counted {
    /// 签约日期
    Signed,
    /// 开工日期
    Started,
    /// 投产日期
    Production,
}

/// What a breakdown groups by. Keys are stored codes: the industry's name, the economic
/// region's code, the origin's most specific place name (or the text as typed), the team's
/// id, the stage's code; "" where the project has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Industry,
    Region,
    Origin,
    Team,
    Stage,
}

/// Which projects the aggregates count, besides the date: one team's, one industry's, those
/// from one economic region, or any combination of these; empty fields count every project.
/// A target's [`Scope`] is one of these (the zone: no field set).
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct ReportFilter {
    pub team_id: Option<Uuid>,
    pub industry: Option<String>,
    pub region: Option<EconomicRegion>,
}

impl ReportFilter {
    /// True when every project counts (the whole zone).
    pub fn is_all(&self) -> bool {
        *self == ReportFilter::default()
    }

    /// The target scope measured on exactly these projects: the zone, a team or an industry;
    /// `None` for a region or a combination, which no target is set for.
    pub fn scope(&self) -> Option<Scope> {
        match (self.team_id, &self.industry, self.region) {
            (None, None, None) => Some(Scope::Zone),
            (Some(team), None, None) => Some(Scope::Team(team)),
            (None, Some(industry), None) => Some(Scope::Industry(industry.clone())),
            _ => None,
        }
    }

    /// The same projects as a ledger filter (no dates, no stage).
    pub fn ledger_filter(&self) -> ProjectFilter {
        ProjectFilter {
            team_id: self.team_id,
            industry: self.industry.clone(),
            region: self.region,
            ..Default::default()
        }
    }
}

impl From<&Scope> for ReportFilter {
    fn from(scope: &Scope) -> ReportFilter {
        match scope {
            Scope::Zone => ReportFilter::default(),
            Scope::Team(id) => ReportFilter {
                team_id: Some(*id),
                ..Default::default()
            },
            Scope::Industry(name) => ReportFilter {
                industry: Some(name.clone()),
                ..Default::default()
            },
        }
    }
}

/// One stage of the funnel: the projects that reached it in a range, and how many of them went
/// on to a later stage of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FunnelCount {
    pub reached: Tally,
    pub advanced: i64,
}

/// One foreign-capital signing, for sums in US dollars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForeignSigning {
    pub investment: Option<Money>,
    pub amount_cny: Option<i64>,
    pub signed: NaiveDate,
}

/// What one card on the board shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRow {
    pub seq: i64,
    pub id: Uuid,
    pub name: String,
    pub company: String,
    pub investment: Option<Money>,
    pub amount_cny: Option<i64>,
    pub stage: Stage,
    /// The day the project reached its current stage.
    pub stage_date: Option<NaiveDate>,
    /// The day of its last edit.
    pub updated: Option<NaiveDate>,
    pub team: String,
    pub officer: String,
    pub next_step: String,
    pub next_step_due: Option<NaiveDate>,
    pub snoozed_until: Option<NaiveDate>,
    pub snooze_reason: String,
}

/// An existing project that looks like the one being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuplicateHint {
    SameCreditCode { id: Uuid, name: String },
    SameCompany { id: Uuid, name: String },
    SimilarName { id: Uuid, name: String },
}

/// How many live projects a team has, and their exact CNY sum (the teams screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamTotal {
    pub team_id: Uuid,
    pub count: i64,
    pub amount_cny: i64,
}
