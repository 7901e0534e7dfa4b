//! The editor's date fields: a day is typed as officers write it (2024-03-05, 2024/3/5,
//! 2024年3月5日, read by the importer's reader of dates), and a small calendar beside it
//! speaks the window's language (egui_extras' picker has English names only).

use chrono::{Datelike, Months, NaiveDate};

use super::super::widgets::{date_text, parse_day};
use crate::i18n::{Lang, T};

/// One date field's typed text. Empty means no date; text that is not a day yet stays as it
/// is (and is flagged) while the date it stood for is kept.
#[derive(Debug, Clone, Default)]
pub struct DateText {
    pub text: String,
}

impl DateText {
    pub fn new(date: Option<NaiveDate>) -> DateText {
        DateText {
            text: date_text(date),
        }
    }

    /// What the text says: Ok(None) when empty, Err when it is not a day.
    pub fn parsed(&self) -> Result<Option<NaiveDate>, ()> {
        if self.text.trim().is_empty() {
            return Ok(None);
        }
        parse_day(&self.text).map(Some).ok_or(())
    }

    /// The date changed elsewhere (a stage chosen, a move made): show it, unless the user is
    /// in the middle of typing a day that does not read yet.
    fn follow(&mut self, date: Option<NaiveDate>) {
        if let Ok(shown) = self.parsed()
            && shown != date
        {
            self.text = date_text(date);
        }
    }
}

/// A date as a text field and a calendar button; `date` follows what is typed or picked.
/// Returns true when the date changed. The field is named `name` for screen readers and tests.
pub fn date_field_ui(
    ui: &mut egui::Ui,
    id_salt: &str,
    name: &str,
    field: &mut DateText,
    date: &mut Option<NaiveDate>,
    today: NaiveDate,
    lang: Lang,
) -> bool {
    field.follow(*date);
    let invalid = field.parsed().is_err();
    let mut edit = egui::TextEdit::singleline(&mut field.text)
        .hint_text(lang.t(T::DateHint))
        .desired_width(104.0);
    if invalid {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let response = ui.add(edit);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
    let mut changed = false;
    if response.changed()
        && let Ok(typed) = field.parsed()
        && typed != *date
    {
        *date = typed;
        changed = true;
    }
    if let Some(picked) = calendar_ui(ui, id_salt, name, date.unwrap_or(today), lang) {
        *date = picked;
        field.text = date_text(picked);
        changed = true;
    }
    changed
}

/// The calendar button and its popup: a month of days to click, 今天, 清除. Some(None) when
/// the date was cleared.
fn calendar_ui(
    ui: &mut egui::Ui,
    id_salt: &str,
    name: &str,
    shown: NaiveDate,
    lang: Lang,
) -> Option<Option<NaiveDate>> {
    let button = ui
        .button(lang.t(T::DatePick))
        .on_hover_text(lang.t(T::DatePickHover));
    let pick_name = format!("{} {name}", lang.t(T::DatePick));
    button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, pick_name.as_str()));
    let month_id = ui.make_persistent_id(("date_month", id_salt));
    if button.clicked() {
        ui.data_mut(|d| d.insert_temp(month_id, first_of_month(shown)));
    }
    let mut picked = None;
    egui::Popup::from_toggle_button_response(&button)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let mut month = ui
                .data(|d| d.get_temp::<NaiveDate>(month_id))
                .unwrap_or_else(|| first_of_month(shown));
            picked = month_ui(ui, &mut month, shown, lang);
            ui.data_mut(|d| d.insert_temp(month_id, month));
            if picked.is_some() {
                ui.close();
            }
        });
    picked
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// One month: ‹ 2024年3月 ›, the weekday names, the days; the day clicked.
fn month_ui(
    ui: &mut egui::Ui,
    month: &mut NaiveDate,
    selected: NaiveDate,
    lang: Lang,
) -> Option<Option<NaiveDate>> {
    let mut picked = None;
    ui.horizontal(|ui| {
        if ui.small_button("‹").clicked()
            && let Some(m) = month.checked_sub_months(Months::new(1))
        {
            *month = m;
        }
        ui.label(
            lang.t(T::DateMonthTitle)
                .replace("{y}", &month.year().to_string())
                .replace("{m}", &month.month().to_string()),
        );
        if ui.small_button("›").clicked()
            && let Some(m) = month.checked_add_months(Months::new(1))
        {
            *month = m;
        }
    });
    egui::Grid::new("calendar_days")
        .num_columns(7)
        .spacing([2.0, 2.0])
        .show(ui, |ui| {
            for day_name in lang.t(T::DateWeekdays).split(' ') {
                ui.weak(day_name);
            }
            ui.end_row();
            // Monday first, as Chinese calendars print it.
            let lead = month.weekday().num_days_from_monday();
            for _ in 0..lead {
                ui.label("");
            }
            let mut day = *month;
            let mut column = lead;
            while day.month() == month.month() {
                let text = egui::RichText::new(format!("{:>2}", day.day())).monospace();
                if ui.selectable_label(day == selected, text).clicked() {
                    picked = Some(Some(day));
                }
                column += 1;
                if column.is_multiple_of(7) {
                    ui.end_row();
                }
                let Some(next) = day.succ_opt() else { break };
                day = next;
            }
        });
    ui.horizontal(|ui| {
        if ui.button(lang.t(T::DateClear)).clicked() {
            picked = Some(None);
        }
    });
    picked
}
