//! 项目 (projects): what is being recruited, by whom, how large, and how far it has come.

use chrono::NaiveDate;
use uuid::Uuid;

use super::money::Money;
use super::region::{self, Place};

/// Where a project stands. The five on the line move forward; 搁置 and 终止 stand off it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Stage {
    #[default]
    Lead,
    Negotiating,
    Signed,
    Construction,
    Production,
    OnHold,
    Dropped,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Lead,
        Stage::Negotiating,
        Stage::Signed,
        Stage::Construction,
        Stage::Production,
        Stage::OnHold,
        Stage::Dropped,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn code(self) -> &'static str {
        match self {
            Stage::Lead => "lead",
            Stage::Negotiating => "negotiating",
            Stage::Signed => "signed",
            Stage::Construction => "construction",
            Stage::Production => "production",
            Stage::OnHold => "on_hold",
            Stage::Dropped => "dropped",
        }
    }

    pub fn from_code(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.code() == code)
    }

    /// True for 搁置 and 终止, which are not steps on the way to production.
    pub fn is_off_line(self) -> bool {
        matches!(self, Stage::OnHold | Stage::Dropped)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CapitalType {
    /// 内资
    Domestic,
    /// 外资
    Foreign,
    /// 港澳台资
    HongKongMacauTaiwan,
}

impl CapitalType {
    pub const ALL: [CapitalType; 3] = [
        CapitalType::Domestic,
        CapitalType::Foreign,
        CapitalType::HongKongMacauTaiwan,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CapitalType::Domestic => "domestic",
            CapitalType::Foreign => "foreign",
            CapitalType::HongKongMacauTaiwan => "hmt",
        }
    }

    pub fn from_code(code: &str) -> Option<CapitalType> {
        CapitalType::ALL.into_iter().find(|c| c.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ownership {
    /// 央企
    CentralSoe,
    /// 地方国企
    LocalSoe,
    /// 民企
    Private,
    /// 外企
    ForeignOwned,
}

impl Ownership {
    pub const ALL: [Ownership; 4] = [
        Ownership::CentralSoe,
        Ownership::LocalSoe,
        Ownership::Private,
        Ownership::ForeignOwned,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Ownership::CentralSoe => "central_soe",
            Ownership::LocalSoe => "local_soe",
            Ownership::Private => "private",
            Ownership::ForeignOwned => "foreign",
        }
    }

    pub fn from_code(code: &str) -> Option<Ownership> {
        Ownership::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// A project as the officer records it. Derived figures (CNY equivalent, tier, economic region)
/// are computed from these fields, never typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub id: Uuid,
    pub name: String,
    /// 投资主体
    pub company: String,
    /// 统一社会信用代码, normalised upper case, or empty.
    pub credit_code: String,
    pub industry: String,
    /// 产业链环节, e.g. 动力电池 → 隔膜.
    pub chain_link: String,
    /// 总投资 as agreed, in its own currency.
    pub investment: Option<Money>,
    /// 来源地 as typed; [`Project::origin_place`] normalises it.
    pub origin: String,
    pub capital_type: Option<CapitalType>,
    pub ownership: Option<Ownership>,
    /// 总部项目
    pub is_headquarters: bool,
    pub stage: Stage,
    /// The day each stage was reached, indexed by [`Stage::index`].
    pub stage_dates: [Option<NaiveDate>; 7],
    pub team_id: Option<Uuid>,
    pub officer_id: Option<Uuid>,
    /// 用地 in hundredths of a 亩 (exact, like money).
    pub land_centi_mu: Option<i64>,
    /// 预计年产值, CNY.
    pub annual_output_cny: Option<i64>,
    /// 预计年税收, CNY.
    pub annual_tax_cny: Option<i64>,
    pub jobs: Option<i64>,
    pub next_step: String,
    pub next_step_due: Option<NaiveDate>,
    pub notes: String,
    pub tags: Vec<String>,
}

impl Project {
    pub fn new(name: impl Into<String>) -> Project {
        Project {
            id: Uuid::now_v7(),
            name: name.into(),
            company: String::new(),
            credit_code: String::new(),
            industry: String::new(),
            chain_link: String::new(),
            investment: None,
            origin: String::new(),
            capital_type: None,
            ownership: None,
            is_headquarters: false,
            stage: Stage::Lead,
            stage_dates: [None; 7],
            team_id: None,
            officer_id: None,
            land_centi_mu: None,
            annual_output_cny: None,
            annual_tax_cny: None,
            jobs: None,
            next_step: String::new(),
            next_step_due: None,
            notes: String::new(),
            tags: Vec::new(),
        }
    }

    pub fn stage_date(&self, stage: Stage) -> Option<NaiveDate> {
        self.stage_dates[stage.index()]
    }

    pub fn set_stage_date(&mut self, stage: Stage, date: Option<NaiveDate>) {
        self.stage_dates[stage.index()] = date;
    }

    /// 签约日期: what "signed in a period" counts by.
    pub fn signed_date(&self) -> Option<NaiveDate> {
        self.stage_date(Stage::Signed)
    }

    pub fn origin_place(&self) -> Option<Place> {
        region::normalize_origin(&self.origin)
    }

    /// Problems that stop a save, in field order.
    pub fn validate(&self) -> Vec<ProjectProblem> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push(ProjectProblem::NameMissing);
        }
        if !self.credit_code.is_empty()
            && let Err(e) = super::credit_code::validate(&self.credit_code)
        {
            problems.push(ProjectProblem::CreditCode(e));
        }
        let on_line = [
            Stage::Lead,
            Stage::Negotiating,
            Stage::Signed,
            Stage::Construction,
            Stage::Production,
        ];
        let dated: Vec<(Stage, NaiveDate)> = on_line
            .iter()
            .filter_map(|s| self.stage_date(*s).map(|d| (*s, d)))
            .collect();
        for pair in dated.windows(2) {
            if pair[1].1 < pair[0].1 {
                problems.push(ProjectProblem::StageDatesOutOfOrder(pair[0].0, pair[1].0));
            }
        }
        problems
    }
}

/// Why a project cannot be saved as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectProblem {
    NameMissing,
    CreditCode(super::credit_code::CreditCodeError),
    /// The later stage is dated before the earlier one.
    StageDatesOutOfOrder(Stage, Stage),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_each_problem() {
        let mut p = Project::new(" ");
        p.credit_code = "123".into();
        let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day);
        p.set_stage_date(Stage::Signed, d(5, 1));
        p.set_stage_date(Stage::Construction, d(4, 1));
        let problems = p.validate();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(problems[0], ProjectProblem::NameMissing);
        assert_eq!(
            problems[2],
            ProjectProblem::StageDatesOutOfOrder(Stage::Signed, Stage::Construction)
        );
        let mut ok = Project::new("上汽大通新MPV产业化项目");
        ok.credit_code = "91310000132149237G".into();
        assert!(ok.validate().is_empty());
    }
}
