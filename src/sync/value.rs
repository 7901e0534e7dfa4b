//! A conflicting field settled by an edited value: which editor fits the field (text, an
//! amount, 元, a whole number, a day, a choice of the domain's names), and the one reader of
//! what was typed that the window and `conflicts resolve --value` share.

use serde_json::Value;

use crate::domain::money::{AmountError, Currency, WAN, YI, parse_amount};
use crate::domain::{CapitalType, Ownership, Stage};
use crate::i18n::{Lang, T, amount_error_text, stage_label};

/// The editor that fits a conflicting field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text; `required`: may not be left empty (a project's name).
    Text { required: bool },
    /// 总投资: whole units of the row's currency, typed in 元, 万 or 亿.
    Amount(Currency),
    /// A CNY figure in 元 (年产值, 年税收), typed in 元, 万 or 亿.
    Yuan,
    /// A whole number (就业人数).
    Count,
    /// A day, or empty.
    Date,
    /// One of the domain's names, shown in a combo box.
    Choice(ChoiceSet),
    /// Ids, lists and deletions: settled by mine or theirs only.
    Fixed,
}

/// The domain lists a [`FieldKind::Choice`] offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceSet {
    Stage,
    CapitalType,
    Ownership,
    Currency,
    /// 是 / 否 (总部项目).
    YesNo,
}

/// Why typed text is not a value for the field; nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    Required,
    Amount(AmountError),
    /// An amount typed in another currency than the project's (the currency is its own field).
    OtherCurrency(Currency),
    NotACount(String),
    NotADate(String),
    NotAChoice(String),
    Fixed,
}

/// The text fields of tables other than projects that an edit may settle.
const OTHER_TEXT: &[&str] = &[
    "name",
    "notes",
    "place",
    "result",
    "next_step",
    "review_comment",
    "city",
    "base_city",
    "phone",
];

/// The editor for `field` of `table`; `currency`: the project's (for its amount).
pub fn field_kind(table: &str, field: &str, currency: Option<&str>) -> FieldKind {
    if table != "projects" {
        return if OTHER_TEXT.contains(&field) {
            FieldKind::Text {
                required: field == "name",
            }
        } else {
            FieldKind::Fixed
        };
    }
    match field {
        "name" => FieldKind::Text { required: true },
        "company" | "credit_code" | "industry" | "chain_link" | "origin" | "next_step"
        | "notes" | "snooze_reason" => FieldKind::Text { required: false },
        "amount" => FieldKind::Amount(
            currency
                .and_then(Currency::from_code)
                .unwrap_or(Currency::Cny),
        ),
        "annual_output_cny" | "annual_tax_cny" => FieldKind::Yuan,
        "jobs" => FieldKind::Count,
        "lead_date" | "negotiating_date" | "signed_date" | "construction_date"
        | "production_date" | "on_hold_date" | "dropped_date" | "next_step_due"
        | "snoozed_until" => FieldKind::Date,
        "stage" => FieldKind::Choice(ChoiceSet::Stage),
        "capital_type" => FieldKind::Choice(ChoiceSet::CapitalType),
        "ownership" => FieldKind::Choice(ChoiceSet::Ownership),
        "currency" => FieldKind::Choice(ChoiceSet::Currency),
        "is_headquarters" => FieldKind::Choice(ChoiceSet::YesNo),
        _ => FieldKind::Fixed,
    }
}

impl ChoiceSet {
    /// Each choice as stored, with its name in `lang`; a field that may be empty offers
    /// "（未填）" first.
    pub fn options(self, lang: Lang) -> Vec<(Value, String)> {
        let unset = || (Value::Null, lang.t(T::SyncEditUnset).to_owned());
        match self {
            ChoiceSet::Stage => Stage::ALL
                .iter()
                .map(|s| (Value::from(s.code()), stage_label(lang, *s).to_owned()))
                .collect(),
            ChoiceSet::CapitalType => std::iter::once(unset())
                .chain(
                    CapitalType::ALL
                        .iter()
                        .map(|c| (Value::from(c.code()), lang.capital_label(*c).to_owned())),
                )
                .collect(),
            ChoiceSet::Ownership => std::iter::once(unset())
                .chain(
                    Ownership::ALL
                        .iter()
                        .map(|o| (Value::from(o.code()), lang.ownership_label(*o).to_owned())),
                )
                .collect(),
            ChoiceSet::Currency => Currency::ALL
                .iter()
                .map(|c| {
                    (
                        Value::from(c.code()),
                        format!("{}（{}）", c.unit_zh(), c.code()),
                    )
                })
                .collect(),
            ChoiceSet::YesNo => vec![
                (Value::from(1), lang.t(T::SyncEditYes).to_owned()),
                (Value::from(0), lang.t(T::SyncEditNo).to_owned()),
            ],
        }
    }

    /// The choice typed as its stored code or its name in either language.
    fn parse(self, text: &str) -> Result<Value, ValueError> {
        let typed = text.trim();
        let found = [Lang::Zh, Lang::En].into_iter().find_map(|lang| {
            self.options(lang).into_iter().find_map(|(value, name)| {
                let code = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned);
                let matches = typed.eq_ignore_ascii_case(&name)
                    || (!value.is_null() && typed.eq_ignore_ascii_case(&code));
                matches.then_some(value)
            })
        });
        match found {
            Some(value) => Ok(value),
            None if typed.is_empty() && self.options(Lang::Zh)[0].0.is_null() => Ok(Value::Null),
            None => Err(ValueError::NotAChoice(typed.to_owned())),
        }
    }
}

/// What `text` stands for in a field of `kind`, as the field is stored. `scale`: the unit an
/// amount without 万/亿 is read in (the window's unit box; 元 on the command line).
pub fn parse_value(kind: FieldKind, text: &str, scale: i64) -> Result<Value, ValueError> {
    let typed = text.trim();
    let money = |currency: Currency| -> Result<Value, ValueError> {
        if typed.is_empty() {
            return Ok(Value::Null);
        }
        let parsed = parse_amount(typed, scale, currency).map_err(ValueError::Amount)?;
        if parsed.money.currency != currency {
            return Err(ValueError::OtherCurrency(currency));
        }
        Ok(Value::from(parsed.money.units))
    };
    match kind {
        FieldKind::Text { required } if required && typed.is_empty() => Err(ValueError::Required),
        FieldKind::Text { .. } => Ok(Value::from(typed)),
        FieldKind::Amount(currency) => money(currency),
        FieldKind::Yuan => money(Currency::Cny),
        FieldKind::Count if typed.is_empty() => Ok(Value::Null),
        FieldKind::Count => typed
            .parse::<u32>()
            .map(|n| Value::from(i64::from(n)))
            .map_err(|_| ValueError::NotACount(typed.to_owned())),
        FieldKind::Date if typed.is_empty() => Ok(Value::Null),
        FieldKind::Date => parse_day(typed)
            .map(|d| Value::from(d.format("%Y-%m-%d").to_string()))
            .ok_or_else(|| ValueError::NotADate(typed.to_owned())),
        FieldKind::Choice(set) => set.parse(typed),
        FieldKind::Fixed => Err(ValueError::Fixed),
    }
}

/// A typed day, by the importer's reader of date cells (the window's editors read days so
/// too); a bare number that is not YYYYMMDD is a day half typed.
fn parse_day(typed: &str) -> Option<chrono::NaiveDate> {
    if typed.chars().all(|c| c.is_ascii_digit()) && typed.len() != 8 {
        return None;
    }
    crate::io::import::parse_day_text(typed)
}

/// A stored value as the editor starts from: an amount in `scale` (exact), a day, a name.
pub fn value_text(kind: FieldKind, value: &Value, scale: i64, lang: Lang) -> String {
    match (kind, value) {
        (_, Value::Null) => String::new(),
        (FieldKind::Amount(_) | FieldKind::Yuan, Value::Number(n)) => {
            n.as_i64().map(|u| in_scale(u, scale)).unwrap_or_default()
        }
        (FieldKind::Choice(set), v) => set
            .options(lang)
            .into_iter()
            .find(|(code, _)| code == v)
            .map(|(_, name)| name)
            .unwrap_or_else(|| v.to_string()),
        (_, Value::String(s)) => s.clone(),
        (_, v) => v.to_string(),
    }
}

/// A stored amount or choice as the 冲突 list shows it (5500万元, 签约); None for the rest,
/// shown as stored.
pub fn shown_text(kind: FieldKind, value: &Value, lang: Lang) -> Option<String> {
    let money = |currency: Currency| {
        let units = value.as_i64()?;
        // 5500万元 in Chinese; whole units in English (55000000 CNY).
        match lang {
            Lang::Zh if units % 100 == 0 => Some(format!(
                "{}{}",
                in_scale(units, WAN),
                scale_word(WAN, currency, lang)
            )),
            Lang::Zh => Some(format!("{units}{}", scale_word(1, currency, lang))),
            Lang::En => Some(format!("{units} {}", scale_word(1, currency, lang))),
        }
    };
    match kind {
        FieldKind::Amount(currency) => money(currency),
        FieldKind::Yuan => money(Currency::Cny),
        FieldKind::Choice(_) => Some(value_text(kind, value, WAN, lang)),
        _ => None,
    }
}

/// `units` written in `scale` exactly (150000, 万 → "15"; 12345, 万 → "1.2345").
pub fn in_scale(units: i64, scale: i64) -> String {
    let (whole, frac) = (units / scale, (units % scale).abs());
    if frac == 0 {
        return whole.to_string();
    }
    let width = scale.ilog10() as usize;
    let frac = format!("{frac:0width$}");
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

/// The units an amount editor offers, largest first.
pub const SCALES: [i64; 3] = [YI, WAN, 1];

/// A unit of an amount editor in `currency`: 亿元, 万元, 元 (100M CNY … in English).
pub fn scale_word(scale: i64, currency: Currency, lang: Lang) -> String {
    let name = match lang {
        Lang::Zh => currency.unit_zh(),
        Lang::En => currency.code(),
    };
    match scale {
        YI => lang.t(T::SyncEditYi).replace("{currency}", name),
        WAN => lang.t(T::SyncEditWan).replace("{currency}", name),
        _ => name.to_owned(),
    }
}

/// Why typed text was refused, in words.
pub fn value_error_text(lang: Lang, e: &ValueError) -> String {
    match e {
        ValueError::Required => lang.t(T::SyncEditRequired).into(),
        ValueError::Amount(e) => amount_error_text(lang, e),
        ValueError::OtherCurrency(c) => lang
            .t(T::SyncEditOtherCurrency)
            .replace("{currency}", c.unit_zh()),
        ValueError::NotACount(t) => lang.t(T::SyncEditNotCount).replace("{text}", t),
        ValueError::NotADate(t) => lang.t(T::SyncEditNotDate).replace("{text}", t),
        ValueError::NotAChoice(t) => lang.t(T::SyncEditNotChoice).replace("{text}", t),
        ValueError::Fixed => lang.t(T::SyncEditFixed).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_exact_and_in_the_projects_currency() {
        let kind = field_kind("projects", "amount", Some("CNY"));
        assert_eq!(parse_value(kind, "3000万", 1), Ok(Value::from(30_000_000)));
        assert_eq!(parse_value(kind, "1.25", YI), Ok(Value::from(125_000_000)));
        assert_eq!(parse_value(kind, "", WAN), Ok(Value::Null));
        assert!(matches!(
            parse_value(kind, "30万美元", 1),
            Err(ValueError::OtherCurrency(Currency::Cny))
        ));
        assert!(matches!(
            parse_value(kind, "三千万", 1),
            Err(ValueError::Amount(_))
        ));
        assert_eq!(in_scale(12_345, WAN), "1.2345");
        let shown = |v: i64, lang| shown_text(kind, &Value::from(v), lang);
        assert_eq!(shown(55_000_000, Lang::Zh).as_deref(), Some("5500万元"));
        assert_eq!(shown(55_000_050, Lang::Zh).as_deref(), Some("55000050元"));
        assert_eq!(shown(55_000_000, Lang::En).as_deref(), Some("55000000 CNY"));
        assert_eq!(in_scale(150_000, WAN), "15");
    }

    #[test]
    fn days_counts_and_choices() {
        let date = field_kind("projects", "signed_date", None);
        assert_eq!(
            parse_value(date, "2026年3月1日", 1),
            Ok(Value::from("2026-03-01"))
        );
        assert!(parse_value(date, "下周", 1).is_err());
        let jobs = field_kind("projects", "jobs", None);
        assert_eq!(parse_value(jobs, "250", 1), Ok(Value::from(250)));
        assert!(parse_value(jobs, "-3", 1).is_err());
        let stage = field_kind("projects", "stage", None);
        assert_eq!(parse_value(stage, "signed", 1), Ok(Value::from("signed")));
        assert_eq!(
            parse_value(stage, stage_label(Lang::Zh, Stage::Signed), 1),
            Ok(Value::from("signed"))
        );
        assert!(parse_value(stage, "", 1).is_err(), "a stage is required");
        let name = field_kind("projects", "name", None);
        assert_eq!(parse_value(name, "  ", 1), Err(ValueError::Required));
        let owner = field_kind("projects", "merged_into", None);
        assert_eq!(parse_value(owner, "x", 1), Err(ValueError::Fixed));
    }
}
