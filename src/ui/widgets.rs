//! Small widgets the screens share: optional dates, inline error text, money columns.

use chrono::NaiveDate;

use crate::domain::target::Progress;
use crate::i18n::{Lang, T};

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

/// Parses a typed day: 2023-09-04, 2023/9/4, 2023.9.4, 2023年9月4日, 20230904, by the
/// importer's reader of date cells (one reader of dates in the program).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    // A bare number is an Excel serial to the importer; typed by hand, it is a day half typed.
    if t.chars().all(|c| c.is_ascii_digit()) && t.len() != 8 {
        return None;
    }
    crate::io::import::parse_day_text(t)
}

/// The mark beside a screen's title while its figures are being made on a worker: the ones
/// shown are older than the ledger.
pub fn updating_mark(ui: &mut egui::Ui, lang: Lang, updating: bool) {
    if updating {
        ui.spinner();
        ui.weak(lang.t(T::FiguresUpdating));
    }
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
            "20230904",
        ] {
            assert_eq!(parse_day(text), day, "{text}");
        }
        assert_eq!(parse_day("2023-02-30"), None);
        assert_eq!(parse_day("九月"), None);
        assert_eq!(parse_day(""), None);
        assert_eq!(parse_day("2023"), None, "a year half typed");
        assert_eq!(parse_day("45173"), None, "a serial is not typed");
    }
}
