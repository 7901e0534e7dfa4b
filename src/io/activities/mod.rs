//! The offices' trip and visit registers (外出招商登记表) in and out: reading a register into
//! activities with the rows refused and why, and writing activities to a register that reads
//! back to the same activities. Reading and checking never touch the store.

pub mod check;
pub mod export;
pub mod register;

use chrono::NaiveTime;

use crate::domain::activity::ActivityProblem;
use crate::i18n::T;

pub use check::{
    Catalog, DuplicateKey, RegisterPreview, UnmatchedName, check, days_covered, duplicate_key,
};
pub use export::{RegisterNames, export_register};
pub use register::{
    Refusal, RefusedRow, Register, RegisterError, RegisterRow, parse_grid, read_register,
};

/// What a user is told about an activity that cannot be saved as it is.
pub fn problem_text(problem: ActivityProblem) -> T {
    match problem {
        ActivityProblem::NoType => T::ActNoType,
        ActivityProblem::EndsBeforeStart => T::ActEndsBeforeStart,
        ActivityProblem::TooLong => T::ActTooLong,
    }
}

/// A time of day as people type it: "9:30", "09:30", "9：30" (a full-width colon), "0930";
/// `None` for anything else (or a time past 23:59).
pub fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    let t = text.trim().replace('：', ":");
    let (h, m) = match t.split_once(':') {
        Some((h, m)) => (h.trim(), m.trim()),
        None if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) => t.split_at(2),
        None => return None,
    };
    let digits = |s: &str| (1..=2).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_as_typed() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_time_of_day("9:30"), t(9, 30));
        assert_eq!(parse_time_of_day(" 09:05 "), t(9, 5));
        assert_eq!(parse_time_of_day("14：00"), t(14, 0));
        assert_eq!(parse_time_of_day("0930"), t(9, 30));
        for bad in [
            "",
            "9",
            "24:00",
            "9:3",
            "9:60",
            "上午9点",
            "123:00",
            "9:30:00",
        ] {
            assert_eq!(parse_time_of_day(bad), None, "{bad}");
        }
    }
}
