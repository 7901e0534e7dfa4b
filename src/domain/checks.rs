//! Rules that flag a project without refusing it: a stage and dates that disagree, a date of
//! a step taken that lies in the future, and an amount above what one project plausibly is.
//! The importer warns with them row by row; the editor and the report use the same rules.

use chrono::NaiveDate;

use super::money::{RateTable, YI};
use super::project::{Project, Stage};

/// The settings key of the plausible bound, in whole 亿元.
pub const AMOUNT_BOUND_KEY: &str = "plausible_investment_max_yi";

/// 500 亿元: above this for one project, a figure is far likelier a slip of the unit (万 typed
/// for 亿) than a project.
pub const DEFAULT_AMOUNT_BOUND_YI: i64 = 500;

/// The largest 总投资 (in CNY) one project is taken to have without a second look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AmountBound {
    pub max_cny: i64,
}

impl Default for AmountBound {
    fn default() -> AmountBound {
        AmountBound {
            max_cny: DEFAULT_AMOUNT_BOUND_YI * YI,
        }
    }
}

impl AmountBound {
    /// The bound as the setting stores it (whole 亿元); the default when it is unset or not a
    /// positive whole number.
    pub fn from_setting(value: Option<&str>) -> AmountBound {
        value
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|yi| *yi > 0)
            .and_then(|yi| yi.checked_mul(YI))
            .map(|max_cny| AmountBound { max_cny })
            .unwrap_or_default()
    }

    /// The setting's value for this bound.
    pub fn setting_value(self) -> String {
        (self.max_cny / YI).to_string()
    }

    /// The project's investment in CNY when it is above the bound (foreign money through the
    /// rate in force on the signing day, or the latest one).
    pub fn exceeded(self, project: &Project, rates: &RateTable) -> Option<i64> {
        let money = project.investment?;
        let day = project.signed_date().unwrap_or(NaiveDate::MAX);
        let cny = match money.currency {
            super::Currency::Cny => money.units,
            _ => rates.to_cny(money, day)?,
        };
        (cny > self.max_cny).then_some(cny)
    }
}

/// A stage and its dates that disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// The project has a date for a step it has not reached: a 签约日期 at 线索 or 在谈, a
    /// 开工日期 before 开工, a 投产日期 before 投产. Signings are counted by date, so such a
    /// project is counted as signed although it is not.
    AheadOfStage {
        stage: Stage,
        dated: Stage,
        day: NaiveDate,
    },
    /// A 签约, 开工 or 投产 date after today: a step cannot have been taken yet (a planned
    /// date, such as 下一步截止, may lie ahead).
    InFuture { dated: Stage, day: NaiveDate },
}

impl DateProblem {
    /// The stage whose date is in question.
    pub fn dated(self) -> Stage {
        match self {
            DateProblem::AheadOfStage { dated, .. } | DateProblem::InFuture { dated, .. } => dated,
        }
    }
}

/// The dated steps these rules look at: the ones the reports count.
pub const COUNTED_STEPS: [Stage; 3] = [Stage::Signed, Stage::Construction, Stage::Production];

/// The stages before `dated` on the line: a project at one of these has no business with a
/// date for `dated`.
pub fn stages_before(dated: Stage) -> Vec<Stage> {
    [
        Stage::Lead,
        Stage::Negotiating,
        Stage::Signed,
        Stage::Construction,
    ]
    .into_iter()
    .filter(|s| *s < dated)
    .collect()
}

/// What disagrees in `project`'s stage and dates; `today` (when known) for dates that lie
/// ahead. A project 搁置 or 终止 may have been signed before: only stages on the line count.
pub fn date_problems(project: &Project, today: Option<NaiveDate>) -> Vec<DateProblem> {
    let mut problems = Vec::new();
    for dated in COUNTED_STEPS {
        let Some(day) = project.stage_date(dated) else {
            continue;
        };
        if !project.stage.is_off_line() && project.stage < dated {
            problems.push(DateProblem::AheadOfStage {
                stage: project.stage,
                dated,
                day,
            });
        }
        if today.is_some_and(|t| day > t) {
            problems.push(DateProblem::InFuture { dated, day });
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Currency, Money};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_signing_date_before_signing_and_in_the_future_are_flagged() {
        let today = Some(d(2025, 6, 30));
        let mut p = Project::new("某项目");
        p.stage = Stage::Negotiating;
        p.set_stage_date(Stage::Signed, Some(d(2033, 1, 1)));
        let problems = date_problems(&p, today);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(matches!(
            problems[0],
            DateProblem::AheadOfStage {
                stage: Stage::Negotiating,
                dated: Stage::Signed,
                ..
            }
        ));
        assert!(matches!(problems[1], DateProblem::InFuture { .. }));
        p.stage = Stage::Signed;
        p.set_stage_date(Stage::Signed, Some(d(2025, 1, 1)));
        p.next_step_due = Some(d(2030, 1, 1));
        assert!(date_problems(&p, today).is_empty(), "a plan may lie ahead");
        p.stage = Stage::OnHold;
        assert!(date_problems(&p, today).is_empty());
        assert_eq!(
            stages_before(Stage::Signed),
            [Stage::Lead, Stage::Negotiating]
        );
    }

    #[test]
    fn the_bound_is_500_yi_by_default_and_counts_foreign_money_in_cny() {
        let rates = RateTable::defaults();
        let mut p = Project::new("某项目");
        p.investment = Some(Money::cny(500 * YI));
        let bound = AmountBound::default();
        assert_eq!(bound.exceeded(&p, &rates), None);
        p.investment = Some(Money::cny(150_000 * YI));
        assert_eq!(bound.exceeded(&p, &rates), Some(150_000 * YI));
        p.investment = Some(Money {
            units: 100 * YI,
            currency: Currency::Usd,
        });
        assert!(
            bound.exceeded(&p, &rates).is_some(),
            "100亿美元 is above 500亿元"
        );
        assert_eq!(AmountBound::from_setting(Some("1000")).max_cny, 1000 * YI);
        assert_eq!(AmountBound::from_setting(Some("x")), AmountBound::default());
        assert_eq!(AmountBound::default().setting_value(), "500");
    }
}
