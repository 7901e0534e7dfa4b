//! Cell values as offices write them: stages, dates in every usual form, capital and ownership
//! types, yes/no, currencies and tags.

use chrono::NaiveDate;

use super::super::header::Field;
use super::super::sheet::{CellRef, number_text};
use crate::domain::{CapitalType, Currency, Ownership, Stage};
use crate::i18n::{Lang, stage_label};

pub(super) fn cell_is_total(cell: CellRef) -> bool {
    let CellRef::Text(t) = cell else {
        return false;
    };
    let t = t.trim();
    // Most cells hold no 计 at all: decided without building a string.
    if !t.contains('计') {
        return ["total", "subtotal", "sum"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w));
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    ["合计", "小计", "总计", "共计"]
        .iter()
        .any(|w| compact.starts_with(w))
        || matches!(
            compact.to_ascii_lowercase().as_str(),
            "total" | "subtotal" | "sum"
        )
}

/// Parses a stage as offices write it.
pub fn parse_stage(text: &str) -> Option<Stage> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = t.to_ascii_lowercase();
    if let Some(s) = Stage::ALL.into_iter().find(|s| {
        s.code() == lower
            || stage_label(Lang::Zh, *s) == t
            || stage_label(Lang::En, *s).eq_ignore_ascii_case(text.trim())
    }) {
        return Some(s);
    }
    let exact: [(&[&str], Stage); 7] = [
        (
            &["线索", "信息", "储备", "储备项目", "线索项目", "获取线索"],
            Stage::Lead,
        ),
        (
            &[
                "洽谈",
                "在谈",
                "洽谈中",
                "对接",
                "对接中",
                "跟踪",
                "跟进",
                "在谈项目",
                "谈判",
                "洽谈项目",
            ],
            Stage::Negotiating,
        ),
        (
            &[
                "签约",
                "已签约",
                "签约项目",
                "已签",
                "签约未开工",
                "已签约未开工",
                "已签约待开工",
            ],
            Stage::Signed,
        ),
        (
            &["开工", "已开工", "在建", "建设中", "开工建设", "在建项目"],
            Stage::Construction,
        ),
        (
            &[
                "投产",
                "已投产",
                "竣工投产",
                "竣工",
                "运营",
                "达产",
                "已竣工",
                "投产运营",
            ],
            Stage::Production,
        ),
        (&["搁置", "暂缓", "暂停", "已搁置"], Stage::OnHold),
        (&["终止", "放弃", "取消", "退出", "已终止"], Stage::Dropped),
    ];
    for (words, stage) in exact {
        if words.contains(&t.as_str()) {
            return Some(stage);
        }
    }
    // Longer phrases: the strongest word decides, negations first.
    if t.contains("未开工") || t.contains("待开工") {
        return Some(Stage::Signed);
    }
    let contains: [(&[&str], Stage); 6] = [
        (&["终止", "放弃"], Stage::Dropped),
        (&["搁置", "暂缓"], Stage::OnHold),
        (&["投产", "竣工"], Stage::Production),
        (&["开工", "在建"], Stage::Construction),
        (&["签约"], Stage::Signed),
        (&["洽谈", "在谈"], Stage::Negotiating),
    ];
    contains
        .into_iter()
        .find(|(words, _)| words.iter().any(|w| t.contains(w)))
        .map(|(_, s)| s)
}

/// Excel's day 0 is 1899-12-30 (counting its phantom 1900-02-29).
pub(super) fn excel_serial(n: f64) -> Option<NaiveDate> {
    // Below 10000 (1927) a number in a date column is far likelier a typo than a day.
    if !(10_000.0..2_958_466.0).contains(&n) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(n.floor() as u64))
}

pub(super) enum DateValue {
    Day(NaiveDate),
    MonthOnly(NaiveDate),
}

/// A date cell, an Excel serial number, or 2023-09-04, 2023/9/4, 2023.9.4, 2023年9月4日,
/// 20230904 (a time after the day is ignored).
pub(super) fn parse_date(cell: CellRef) -> Option<DateValue> {
    match cell {
        CellRef::Date(d) => Some(DateValue::Day(d)),
        CellRef::Number(n) => {
            if (19_000_101.0..=29_991_231.0).contains(&n) && n.fract() == 0.0 {
                return parse_date_text(&number_text(n));
            }
            excel_serial(n).map(DateValue::Day)
        }
        CellRef::Text(t) => parse_date_text(t),
        CellRef::Empty => None,
    }
}

pub(super) fn parse_date_text(text: &str) -> Option<DateValue> {
    let t: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            other => other,
        })
        .collect();
    // Drop a time of day: "2023-09-04 00:00:00", "2023-09-04T08:00".
    let day_part = t.split([' ', 'T']).next().unwrap_or("");
    if day_part.len() == 8 && day_part.chars().all(|c| c.is_ascii_digit()) {
        let y = day_part[..4].parse().ok()?;
        let m = day_part[4..6].parse().ok()?;
        let d = day_part[6..].parse().ok()?;
        return NaiveDate::from_ymd_opt(y, m, d).map(DateValue::Day);
    }
    if day_part.chars().all(|c| c.is_ascii_digit() || c == '.') && !day_part.contains("..") {
        // A serial typed as text ("45173") but not 2023.9.4.
        if day_part.matches('.').count() <= 1
            && let Ok(n) = day_part.parse::<f64>()
            && day_part.len() <= 7
        {
            return excel_serial(n).map(DateValue::Day);
        }
    }
    let parts: Vec<&str> = day_part
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    let num = |s: &str| s.parse::<u32>().ok();
    match parts.as_slice() {
        [y, m, d] => {
            let y = num(y)?;
            if !(1900..=2999).contains(&y) {
                return None;
            }
            NaiveDate::from_ymd_opt(y as i32, num(m)?, num(d)?).map(DateValue::Day)
        }
        [y, m] if t.contains('年') || t.contains('-') || t.contains('/') || t.contains('.') => {
            let y = num(y)?;
            if !(1900..=2999).contains(&y) {
                return None;
            }
            NaiveDate::from_ymd_opt(y as i32, num(m)?, 1).map(DateValue::MonthOnly)
        }
        _ => None,
    }
}

/// A whole day typed by a person (2024-03-05, 2024/3/5, 2024年3月5日, 20240305): the
/// importer's reading of a date cell, for the window's date fields. A month without a day is
/// not a day.
pub fn parse_day_text(text: &str) -> Option<NaiveDate> {
    match parse_date_text(text)? {
        DateValue::Day(day) => Some(day),
        DateValue::MonthOnly(_) => None,
    }
}

pub(super) fn parse_capital(text: &str) -> Option<CapitalType> {
    let t = text.trim();
    if let Some(c) = CapitalType::from_code(t) {
        return Some(c);
    }
    CapitalType::ALL
        .into_iter()
        .find(|c| {
            Lang::Zh.capital_label(*c) == t || Lang::En.capital_label(*c).eq_ignore_ascii_case(t)
        })
        .or_else(|| {
            if t.contains("港") || t.contains("澳") || t.contains("台") {
                Some(CapitalType::HongKongMacauTaiwan)
            } else if t.contains("外") {
                Some(CapitalType::Foreign)
            } else if t.contains("内") {
                Some(CapitalType::Domestic)
            } else {
                None
            }
        })
}

pub(super) fn parse_ownership(text: &str) -> Option<Ownership> {
    let t = text.trim();
    if let Some(o) = Ownership::from_code(t) {
        return Some(o);
    }
    Ownership::ALL
        .into_iter()
        .find(|o| {
            Lang::Zh.ownership_label(*o) == t
                || Lang::En.ownership_label(*o).eq_ignore_ascii_case(t)
        })
        .or_else(|| {
            if t.contains("央企") || t.contains("中央") {
                Some(Ownership::CentralSoe)
            } else if t.contains("国企") || t.contains("国有") {
                Some(Ownership::LocalSoe)
            } else if t.contains("民") || t.contains("私营") {
                Some(Ownership::Private)
            } else if t.contains("外企") || t.contains("外资企业") || t.contains("外商") {
                Some(Ownership::ForeignOwned)
            } else {
                None
            }
        })
}

pub(super) fn parse_yes_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "是" | "y" | "yes" | "true" | "1" | "√" | "✓" | "总部" => Some(true),
        "否" | "n" | "no" | "false" | "0" | "×" | "-" => Some(false),
        _ => None,
    }
}

/// A currency as a 币种 cell names it: 人民币, 美元, USD …
pub fn parse_currency(text: &str) -> Option<Currency> {
    let t = text.trim().to_ascii_lowercase();
    Currency::from_code(&t)
        .or_else(|| super::super::header::parse_unit(&t).and_then(|u| u.currency))
}

/// The tags cell: 链主，专精特新 (any of ，,、;；).
pub(super) fn split_tags(text: &str) -> Vec<String> {
    text.split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

pub(super) fn has_scale_word(text: &str) -> bool {
    text.contains('亿') || text.contains('万') || text.contains('千') || text.contains('百')
}

pub(super) fn date_stage(field: Field) -> Option<Stage> {
    Some(match field {
        Field::LeadDate => Stage::Lead,
        Field::NegotiatingDate => Stage::Negotiating,
        Field::SignedDate => Stage::Signed,
        Field::ConstructionDate => Stage::Construction,
        Field::ProductionDate => Stage::Production,
        Field::OnHoldDate => Stage::OnHold,
        Field::DroppedDate => Stage::Dropped,
        _ => return None,
    })
}

pub(super) fn date_field(stage: Stage) -> Field {
    match stage {
        Stage::Lead => Field::LeadDate,
        Stage::Negotiating => Field::NegotiatingDate,
        Stage::Signed => Field::SignedDate,
        Stage::Construction => Field::ConstructionDate,
        Stage::Production => Field::ProductionDate,
        Stage::OnHold => Field::OnHoldDate,
        Stage::Dropped => Field::DroppedDate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<NaiveDate> {
        match parse_date(CellRef::Text(text)) {
            Some(DateValue::Day(d)) => Some(d),
            _ => None,
        }
    }

    #[test]
    fn dates_in_every_usual_form() {
        let d = NaiveDate::from_ymd_opt(2023, 9, 4);
        for text in [
            "2023-09-04",
            "2023/9/4",
            "2023.9.4",
            "2023年9月4日",
            "20230904",
            "45173",
            "2023-09-04 00:00:00",
        ] {
            assert_eq!(day(text), d, "{text}");
        }
        assert!(
            matches!(parse_date(CellRef::Number(45173.0)), Some(DateValue::Day(x)) if Some(x) == d)
        );
        assert!(matches!(
            parse_date(CellRef::Text("2023年9月")),
            Some(DateValue::MonthOnly(_))
        ));
        assert_eq!(day("九月"), None);
        assert_eq!(day("2023-02-30"), None);
        assert_eq!(day("12"), None);
    }

    #[test]
    fn stage_words() {
        assert_eq!(parse_stage("已签约"), Some(Stage::Signed));
        assert_eq!(parse_stage("已开工"), Some(Stage::Construction));
        assert_eq!(parse_stage("洽谈"), Some(Stage::Negotiating));
        assert_eq!(parse_stage("竣工投产"), Some(Stage::Production));
        assert_eq!(parse_stage("已签约，待开工"), Some(Stage::Signed));
        assert_eq!(parse_stage("Signed"), Some(Stage::Signed));
        assert_eq!(parse_stage("on_hold"), Some(Stage::OnHold));
        assert_eq!(parse_stage("很好"), None);
    }
}
