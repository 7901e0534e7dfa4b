//! The labels charts share on screen and in files: category names cut to fit, 亿元 as a
//! drawing coordinate, the years' and months' names, the annual target's legend.

use crate::domain::money::yi_rounded;
use crate::i18n::{Lang, T};

/// Category labels longer than this are cut with "…", so a long name typed into the ledger
/// cannot squeeze the bars off the picture.
pub const MAX_LABEL_CHARS: usize = 14;

/// A category label cut to [`MAX_LABEL_CHARS`] characters, ending in "…" when it was cut.
pub fn short_label(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL_CHARS {
        label.to_string()
    } else {
        let mut cut: String = label.chars().take(MAX_LABEL_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

/// An amount in 亿元 as a drawing coordinate (display only; sums stay exact integers).
pub fn yi(units: i64) -> f64 {
    units as f64 / 1e8
}

/// The monthly chart's two years: (this year's name, last year's name).
pub fn year_names(year: i32, lang: Lang) -> (String, String) {
    match lang {
        Lang::Zh => (format!("{year}年"), format!("{}年", year - 1)),
        Lang::En => (year.to_string(), (year - 1).to_string()),
    }
}

/// A month's name on an axis, from its number (1 for January).
pub fn month_label(month: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{month}月"),
        Lang::En => format!("{month}"),
    }
}

/// The annual target's legend entry: its name and value in 亿元.
pub fn annual_target_label(units: i64, lang: Lang) -> String {
    let value = yi_rounded(units, 2);
    match lang {
        Lang::Zh => format!("{} {value}亿元", lang.t(T::AnnualTarget)),
        Lang::En => format!("{} {value} yi", lang.t(T::AnnualTarget)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_label_is_cut_with_an_ellipsis_and_a_short_one_kept() {
        assert_eq!(short_label("新能源"), "新能源");
        let long = "一二三四五六七八九十一二三四五六";
        let cut = short_label(long);
        assert_eq!(cut.chars().count(), MAX_LABEL_CHARS);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn the_years_months_and_target_read_as_before() {
        assert_eq!(
            year_names(2026, Lang::Zh),
            ("2026年".into(), "2025年".into())
        );
        assert_eq!(month_label(8, Lang::Zh), "8月");
        assert_eq!(month_label(8, Lang::En), "8");
        assert_eq!(
            annual_target_label(4015 * crate::domain::money::YI / 10, Lang::Zh),
            "全年目标 401.50亿元"
        );
        assert_eq!(
            annual_target_label(40 * crate::domain::money::YI, Lang::En),
            "Annual target 40.00 yi"
        );
    }
}
