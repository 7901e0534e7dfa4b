//! Small widgets the screens share: optional dates, inline error text, money columns.

use chrono::{Datelike, NaiveDate};

use crate::domain::target::Progress;
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

/// Ahead of schedule (completion ≥ elapsed share) and behind it: green and amber, readable on
/// light and dark backgrounds alike.
pub const AHEAD_COLOR: egui::Color32 = egui::Color32::from_rgb(46, 160, 67);
pub const BEHIND_COLOR: egui::Color32 = egui::Color32::from_rgb(224, 130, 20);

/// A target's progress: the bar fills to the completion (capped at the end), a marker stands at
/// the elapsed share (序时进度); green when ahead of it, amber when behind.
pub fn progress_bar_ui(
    ui: &mut egui::Ui,
    progress: &Progress,
    width: f32,
    accessible_name: &str,
) -> egui::Response {
    let height = 14.0;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::ProgressIndicator, true, accessible_name)
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let painter = ui.painter();
    let visuals = ui.visuals();
    painter.rect_filled(rect, 3.0, visuals.extreme_bg_color);
    let ahead = progress.ahead_tenths().is_none_or(|a| a >= 0);
    let fill = if ahead { AHEAD_COLOR } else { BEHIND_COLOR };
    let done = progress.completion_fraction().clamp(0.0, 1.0);
    if done > 0.0 {
        let filled = egui::Rect::from_min_size(rect.min, egui::vec2(width * done, height));
        painter.rect_filled(filled, 3.0, fill);
    }
    let x = rect.left() + width * progress.elapsed_fraction().clamp(0.0, 1.0);
    let marker = egui::Stroke::new(2.0, visuals.strong_text_color());
    painter.vline(x, rect.y_range().expand(3.0), marker);
    painter.rect_stroke(
        rect,
        3.0,
        visuals.widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
    response
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
