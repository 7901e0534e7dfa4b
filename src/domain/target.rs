//! Targets (目标): a period, a scope and a metric, and the arithmetic of progress against them —
//! completion (完成率), the elapsed share of the period (序时进度) and points ahead or behind.

use chrono::{Datelike, Months, NaiveDate};
use uuid::Uuid;

use super::money::{AmountError, Currency, YI, parse_amount, round_div};

/// The period a target covers: a calendar year, quarter or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i32),
    /// Year and quarter 1–4.
    Quarter(i32, u32),
    /// Year and month 1–12.
    Month(i32, u32),
}

impl Period {
    /// A period from its parts; `None` for a quarter outside 1–4, a month outside 1–12 or a
    /// year chrono cannot represent.
    pub fn new(year: i32, quarter: Option<u32>, month: Option<u32>) -> Option<Period> {
        let period = match (quarter, month) {
            (None, None) => Period::Year(year),
            (Some(q), None) if (1..=4).contains(&q) => Period::Quarter(year, q),
            (None, Some(m)) if (1..=12).contains(&m) => Period::Month(year, m),
            _ => return None,
        };
        NaiveDate::from_ymd_opt(year, 1, 1)?;
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 12, 31)?;
        Some(period)
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) => y,
        }
    }

    /// First and last month (1–12) of the period.
    fn months(self) -> (u32, u32) {
        match self {
            Period::Year(_) => (1, 12),
            Period::Quarter(_, q) => (3 * q - 2, 3 * q),
            Period::Month(_, m) => (m, m),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        let (first, _) = self.months();
        NaiveDate::from_ymd_opt(self.year(), first, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        let (_, last) = self.months();
        NaiveDate::from_ymd_opt(self.year(), last, 1)
            .and_then(|d| d.checked_add_months(Months::new(1)))
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    pub fn overlaps(self, from: NaiveDate, to: NaiveDate) -> bool {
        self.first_day() <= to && from <= self.last_day()
    }

    /// The share of the period gone at `as_of`, as a fraction (numerator, denominator).
    /// By days, the as-of day counts as gone. By whole months, as many offices count, the
    /// as-of month counts as gone: at the end of August a year is 8/12 = 66.7% elapsed, and so
    /// is it on 15 August ("1–8月").
    pub fn elapsed(self, as_of: NaiveDate, count: ElapsedCounting) -> (i64, i64) {
        let (first, last) = (self.first_day(), self.last_day());
        match count {
            ElapsedCounting::Days => {
                let total = (last - first).num_days() + 1;
                let gone = ((as_of - first).num_days() + 1).clamp(0, total);
                (gone, total)
            }
            ElapsedCounting::Months => {
                let (first_month, last_month) = self.months();
                let total = i64::from(last_month - first_month + 1);
                let gone = if as_of < first {
                    0
                } else if as_of > last {
                    total
                } else {
                    i64::from(as_of.month() - first_month + 1)
                };
                (gone, total)
            }
        }
    }

    /// Short Chinese name: 2023年, 2023年第3季度, 2023年8月.
    pub fn label_zh(self) -> String {
        match self {
            Period::Year(y) => format!("{y}年"),
            Period::Quarter(y, q) => format!("{y}年第{q}季度"),
            Period::Month(y, m) => format!("{y}年{m}月"),
        }
    }

    pub fn label_en(self) -> String {
        match self {
            Period::Year(y) => format!("{y}"),
            Period::Quarter(y, q) => format!("{y} Q{q}"),
            Period::Month(y, m) => format!("{y}-{m:02}"),
        }
    }
}

/// How the elapsed share of a period is counted (a setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ElapsedCounting {
    #[default]
    Days,
    Months,
}

impl ElapsedCounting {
    pub fn code(self) -> &'static str {
        match self {
            ElapsedCounting::Days => "days",
            ElapsedCounting::Months => "months",
        }
    }

    pub fn from_code(code: &str) -> Option<ElapsedCounting> {
        match code {
            "days" => Some(ElapsedCounting::Days),
            "months" => Some(ElapsedCounting::Months),
            _ => None,
        }
    }
}

/// Whose target it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    Zone,
    Team(Uuid),
    Industry(String),
}

/// What a target counts. Amounts are counted by 签约日期, whatever the stage today; started and
/// in production by 开工日期 and 投产日期 (DESIGN.md, counting rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// Signed investment, CNY yuan.
    SignedAmount,
    SignedCount,
    /// Signed projects at or above a CNY amount (yuan), e.g. 27 projects of 10亿+.
    TierCount {
        min_cny: i64,
    },
    StartedCount,
    ProductionCount,
    /// Signed foreign investment (外资 and 港澳台资), in US dollars.
    ForeignUsd,
}

impl Metric {
    pub fn code(self) -> &'static str {
        match self {
            Metric::SignedAmount => "signed-amount",
            Metric::SignedCount => "signed-count",
            Metric::TierCount { .. } => "tier-count",
            Metric::StartedCount => "started-count",
            Metric::ProductionCount => "production-count",
            Metric::ForeignUsd => "foreign-usd",
        }
    }

    /// The metric for a code; a tier count needs its threshold.
    pub fn from_code(code: &str, min_cny: Option<i64>) -> Option<Metric> {
        Some(match code {
            "signed-amount" => Metric::SignedAmount,
            "signed-count" => Metric::SignedCount,
            "tier-count" => Metric::TierCount { min_cny: min_cny? },
            "started-count" => Metric::StartedCount,
            "production-count" => Metric::ProductionCount,
            "foreign-usd" => Metric::ForeignUsd,
            _ => return None,
        })
    }

    /// Amount metrics are money (yuan or dollars); the others count projects.
    pub fn is_amount(self) -> bool {
        matches!(self, Metric::SignedAmount | Metric::ForeignUsd)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: Uuid,
    /// Optional: when empty, a name is made from the period, scope and metric.
    pub name: String,
    pub period: Period,
    pub scope: Scope,
    pub metric: Metric,
    /// Yuan for signed amounts, dollars for foreign investment, a count otherwise.
    pub value: i64,
}

/// Progress of one target at an as-of date. Percentages are kept as exact fractions and rounded
/// once, for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub actual: i64,
    pub target: i64,
    pub elapsed: (i64, i64),
}

impl Progress {
    /// Completion in tenths of a percent (943 = 94.3%); `None` for a zero target.
    pub fn completion_tenths(&self) -> Option<i64> {
        (self.target != 0)
            .then(|| round_div(self.actual as i128 * 1000, self.target as i128) as i64)
    }

    /// Elapsed share in tenths of a percent (667 = 66.7%).
    pub fn elapsed_tenths(&self) -> i64 {
        let (gone, total) = self.elapsed;
        if total == 0 {
            return 0;
        }
        round_div(gone as i128 * 1000, total as i128) as i64
    }

    /// Completion minus elapsed share, in tenths of a point, rounded once from the exact values
    /// (so it can differ by 0.1 from subtracting the two rounded percentages).
    pub fn ahead_tenths(&self) -> Option<i64> {
        let (gone, total) = self.elapsed;
        if self.target == 0 || total == 0 {
            return None;
        }
        let numerator =
            (self.actual as i128 * total as i128 - gone as i128 * self.target as i128) * 1000;
        Some(round_div(numerator, self.target as i128 * total as i128) as i64)
    }

    /// Completion as a fraction for a progress bar (not for display of figures).
    pub fn completion_fraction(&self) -> f32 {
        if self.target == 0 {
            0.0
        } else {
            (self.actual as f64 / self.target as f64) as f32
        }
    }

    pub fn elapsed_fraction(&self) -> f32 {
        let (gone, total) = self.elapsed;
        if total == 0 {
            0.0
        } else {
            (gone as f64 / total as f64) as f32
        }
    }
}

/// Why a typed target value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetValueError {
    #[error("amount: {0}")]
    Amount(AmountError),
    #[error("the amount must be in {0:?}")]
    WrongCurrency(Currency),
    #[error("not a whole number of projects")]
    NotACount,
}

/// A target's value as typed: 亿 for amounts (401.5 → 401.5亿元; 亿美元 for foreign
/// investment), a whole non-negative count otherwise.
pub fn parse_target_value(metric: Metric, text: &str) -> Result<i64, TargetValueError> {
    if metric.is_amount() {
        let currency = if metric == Metric::ForeignUsd {
            Currency::Usd
        } else {
            Currency::Cny
        };
        let parsed = parse_amount(text, YI, currency).map_err(TargetValueError::Amount)?;
        if parsed.money.currency != currency {
            return Err(TargetValueError::WrongCurrency(currency));
        }
        Ok(parsed.money.units)
    } else {
        text.trim()
            .parse::<i64>()
            .ok()
            .filter(|v| *v >= 0)
            .ok_or(TargetValueError::NotACount)
    }
}

/// Tenths of a percent (or point) as text: 943 → "94.3", -35 → "-3.5".
pub fn tenths_text(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.unsigned_abs();
    format!("{sign}{}.{}", abs / 10, abs % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn end_of_august_is_two_thirds_of_the_year_by_months() {
        let year = Period::Year(2023);
        assert_eq!(
            year.elapsed(day(2023, 8, 31), ElapsedCounting::Months),
            (8, 12)
        );
        assert_eq!(
            year.elapsed(day(2023, 8, 15), ElapsedCounting::Months),
            (8, 12)
        );
        assert_eq!(
            year.elapsed(day(2023, 8, 31), ElapsedCounting::Days),
            (243, 365)
        );
        assert_eq!(
            year.elapsed(day(2022, 12, 31), ElapsedCounting::Days),
            (0, 365)
        );
        assert_eq!(
            year.elapsed(day(2024, 1, 5), ElapsedCounting::Months),
            (12, 12)
        );
    }

    #[test]
    fn seed_figures_complete_and_elapsed() {
        // 378.6亿 of 401.5亿 at the end of August 2023, counted by months.
        let progress = Progress {
            actual: 378_6000_0000,
            target: 401_5000_0000,
            elapsed: Period::Year(2023).elapsed(day(2023, 8, 31), ElapsedCounting::Months),
        };
        assert_eq!(progress.completion_tenths(), Some(943));
        assert_eq!(progress.elapsed_tenths(), 667);
        // 94.297…% − 66.666…% = 27.63 points.
        assert_eq!(progress.ahead_tenths(), Some(276));
        assert_eq!(tenths_text(943), "94.3");
        assert_eq!(tenths_text(-35), "-3.5");
    }

    #[test]
    fn quarters_and_months_have_their_own_bounds() {
        let q3 = Period::Quarter(2024, 3);
        assert_eq!(q3.first_day(), day(2024, 7, 1));
        assert_eq!(q3.last_day(), day(2024, 9, 30));
        assert_eq!(Period::Month(2024, 2).last_day(), day(2024, 2, 29));
        assert_eq!(
            q3.elapsed(day(2024, 8, 31), ElapsedCounting::Months),
            (2, 3)
        );
        assert!(Period::new(2024, Some(5), None).is_none());
        assert!(Period::new(2024, None, Some(13)).is_none());
        assert!(Period::new(2024, Some(1), Some(1)).is_none());
    }

    #[test]
    fn target_values_are_read_in_yi_or_as_counts() {
        assert_eq!(
            parse_target_value(Metric::SignedAmount, "401.5"),
            Ok(401_5000_0000)
        );
        assert_eq!(parse_target_value(Metric::ForeignUsd, "5"), Ok(5_0000_0000));
        assert_eq!(parse_target_value(Metric::SignedCount, "27"), Ok(27));
        assert_eq!(
            parse_target_value(Metric::SignedCount, "2.5"),
            Err(TargetValueError::NotACount)
        );
        assert!(matches!(
            parse_target_value(Metric::SignedAmount, "很多"),
            Err(TargetValueError::Amount(_))
        ));
        assert_eq!(
            parse_target_value(Metric::SignedAmount, "3亿美元"),
            Err(TargetValueError::WrongCurrency(Currency::Cny))
        );
    }

    #[test]
    fn a_zero_target_has_no_completion() {
        let progress = Progress {
            actual: 5,
            target: 0,
            elapsed: (1, 2),
        };
        assert_eq!(progress.completion_tenths(), None);
        assert_eq!(progress.ahead_tenths(), None);
    }
}
