//! The labels charts share on screen and in files: category names cut to fit, 亿元 as a
//! drawing coordinate, the years' and months' names, the annual target's legend.

use crate::domain::money::yi_rounded;
use crate::domain::target::tenths_text;
use crate::i18n::{Lang, T};
use crate::report::charts::FunnelStep;

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

/// The top of a plot whose largest value is `peak_units`, with `headroom` (1.15 = 15%) above
/// it for the labels; 1亿 when there is nothing to draw.
pub fn plot_top(peak_units: i64, headroom: f64) -> f64 {
    if peak_units > 0 {
        yi(peak_units) * headroom
    } else {
        1.0
    }
}

/// The monthly chart's two years: (this year's name, last year's name).
pub fn year_names(year: i32, lang: Lang) -> (String, String) {
    let name = |y: i32| lang.t(T::ChartYearName).replace("{year}", &y.to_string());
    (name(year), name(year - 1))
}

/// A month's name on an axis, from its number (1 for January).
pub fn month_label(month: u32, lang: Lang) -> String {
    lang.t(T::ChartMonthName).replace("{m}", &month.to_string())
}

/// A month of a year: 2026年8月, 2026-08.
pub fn year_month_label(year: i32, month: u32, lang: Lang) -> String {
    lang.t(T::ChartYearMonth)
        .replace("{year}", &year.to_string())
        .replace("{mm}", &format!("{month:02}"))
        .replace("{m}", &month.to_string())
}

/// The annual target's legend entry: its name and value in 亿元.
pub fn annual_target_label(units: i64, lang: Lang) -> String {
    lang.t(T::ChartAnnualTargetLegend)
        .replace("{name}", lang.t(T::AnnualTarget))
        .replace("{value}", &yi_rounded(units, 2))
}

/// A funnel step's figures: how many projects reached it, their investment, and the share
/// that went further (none for the last step).
pub fn funnel_figures(step: &FunnelStep, lang: Lang) -> String {
    let conversion = step
        .conversion_tenths
        .map(|t| lang.t(T::ChartConversion).replace("{pct}", &tenths_text(t)))
        .unwrap_or_default();
    lang.t(T::ChartFunnelFigures)
        .replace("{count}", &step.reached.count.to_string())
        .replace("{amount}", &yi_rounded(step.reached.amount_cny, 2))
        .replace("{conversion}", &conversion)
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
