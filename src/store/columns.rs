//! How stored columns are read and written: a bad value named by its column, ids, and days as
//! YYYY-MM-DD text.

use chrono::NaiveDate;
use uuid::Uuid;

use super::{Result, StoreError};

pub(super) fn bad(column: &'static str, value: impl Into<String>) -> StoreError {
    StoreError::BadValue {
        column,
        value: value.into(),
    }
}

pub(super) fn parse_uuid(column: &'static str, text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|_| bad(column, text))
}

/// A stored day, YYYY-MM-DD; anything else is a bad value of `column`.
pub(super) fn parse_day(column: &'static str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad(column, text))
}

pub(super) fn parse_date(column: &'static str, text: Option<String>) -> Result<Option<NaiveDate>> {
    text.map(|t| parse_day(column, &t)).transpose()
}

/// A day as it is stored, YYYY-MM-DD.
pub(super) fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

pub(super) fn date_text(date: Option<NaiveDate>) -> Option<String> {
    date.map(day_text)
}
