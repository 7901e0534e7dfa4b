//! Small widgets the screens share: optional dates, inline error text, money columns.

use chrono::{Datelike, NaiveDate};

use crate::i18n::{Lang, T};

/// A date that may be absent: a checkbox to set it, then egui's calendar picker.
pub fn optional_date_ui(
    ui: &mut egui::Ui,
    id_salt: &str,
    date: &mut Option<NaiveDate>,
    default: NaiveDate,
    lang: Lang,
) -> bool {
    let mut changed = false;
    let mut present = date.is_some();
    if ui
        .checkbox(&mut present, "")
        .on_hover_text(lang.t(T::HasDate))
        .changed()
    {
        *date = present.then_some(date.unwrap_or(default));
        changed = true;
    }
    if let Some(day) = date {
        let mut picked = to_jiff(*day);
        let response = ui.add(
            egui_extras::DatePickerButton::new(&mut picked)
                .id_salt(id_salt)
                .calendar_week(false)
                // Its 📆 icon is an emoji no embedded font has.
                .show_icon(false)
                .format("%Y-%m-%d"),
        );
        if response.changed()
            && let Some(new_day) = from_jiff(picked)
        {
            *day = new_day;
            changed = true;
        }
    } else {
        ui.weak("—");
    }
    changed
}

fn to_jiff(date: NaiveDate) -> jiff::civil::Date {
    jiff::civil::Date::new(date.year() as i16, date.month() as i8, date.day() as i8)
        .unwrap_or_default()
}

fn from_jiff(date: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year() as i32, date.month() as u32, date.day() as u32)
}

/// Red text under a field, in the UI language.
pub fn field_error_ui(ui: &mut egui::Ui, message: &str) {
    ui.colored_label(ui.visuals().error_fg_color, message);
}

/// A day as YYYY-MM-DD, or empty.
pub fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Parses a typed day: 2023-09-04, 2023/9/4, 2023.9.4, 2023年9月4日.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let cleaned: String = text
        .trim()
        .replace(['年', '月', '/', '.'], "-")
        .replace('日', "");
    let mut parts = cleaned.split('-').map(|p| p.trim().parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_usual_day_formats() {
        let day = NaiveDate::from_ymd_opt(2023, 9, 4);
        for text in [
            "2023-09-04",
            "2023/9/4",
            "2023.9.4",
            "2023年9月4日",
            " 2023-9-4 ",
        ] {
            assert_eq!(parse_day(text), day, "{text}");
        }
        assert_eq!(parse_day("2023-02-30"), None);
        assert_eq!(parse_day("九月"), None);
        assert_eq!(parse_day(""), None);
    }
}
