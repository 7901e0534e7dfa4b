//! The period chooser the dashboard and the charts share: 本年累计, a year, quarter or month,
//! or a custom range, and the as-of date, typed as text and sent as one action when it parses.

use chrono::{Datelike, NaiveDate};

use super::Actions;
use super::widgets::{date_text, parse_day};
use crate::app::dashboard::DashboardPeriod;
use crate::app::{AppState, DashboardAction};
use crate::domain::target::Period;
use crate::i18n::{Lang, T};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    YearToDate,
    Year,
    Quarter,
    Month,
    Custom,
}

/// The period chooser's fields as typed.
pub struct PeriodPicker {
    kind: Kind,
    year: i32,
    part: u32,
    from: String,
    to: String,
    as_of: String,
}

impl PeriodPicker {
    pub fn new(state: &AppState) -> PeriodPicker {
        let as_of = state.period.as_of;
        PeriodPicker {
            kind: Kind::YearToDate,
            year: as_of.year(),
            part: as_of.month(),
            from: date_text(NaiveDate::from_ymd_opt(as_of.year(), 1, 1)),
            to: date_text(Some(as_of)),
            as_of: date_text(Some(as_of)),
        }
    }

    /// Everything typed in the period chooser, to see whether a frame changed any of it.
    fn fields(&self) -> (Kind, i32, u32, String, String, String) {
        (
            self.kind,
            self.year,
            self.part,
            self.from.clone(),
            self.to.clone(),
            self.as_of.clone(),
        )
    }

    pub fn period_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        let lang = state.lang;
        let before = self.fields();
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(state.t(T::PeriodKindLabel));
            egui::ComboBox::from_id_salt("dashboard_period")
                .selected_text(kind_text(lang, self.kind))
                .show_ui(ui, |ui| {
                    for kind in [
                        Kind::YearToDate,
                        Kind::Year,
                        Kind::Quarter,
                        Kind::Month,
                        Kind::Custom,
                    ] {
                        ui.selectable_value(&mut self.kind, kind, kind_text(lang, kind));
                    }
                })
                .response
                .labelled_by(label.id);
            match self.kind {
                Kind::Year | Kind::Quarter | Kind::Month => {
                    let year_label = ui.label(state.t(T::YearLabel));
                    ui.add(egui::DragValue::new(&mut self.year).range(2000..=2100))
                        .labelled_by(year_label.id);
                    if self.kind != Kind::Year {
                        let parts = if self.kind == Kind::Quarter { 4 } else { 12 };
                        self.part = self.part.clamp(1, parts);
                        let part_label = ui.label(state.t(if parts == 4 {
                            T::QuarterLabel
                        } else {
                            T::MonthLabel
                        }));
                        ui.add(egui::DragValue::new(&mut self.part).range(1..=parts))
                            .labelled_by(part_label.id);
                    }
                }
                Kind::Custom => {
                    for (text, hint) in [(&mut self.from, T::DateFrom), (&mut self.to, T::DateTo)] {
                        date_field_ui(ui, text, state.t(hint));
                    }
                }
                Kind::YearToDate => {}
            }
            ui.label(state.t(T::AsOf));
            date_field_ui(ui, &mut self.as_of, state.t(T::AsOfHint));
            if let Some(report) = &state.dashboard.report {
                ui.weak(
                    state
                        .t(T::RangeLine)
                        .replace("{from}", &date_text(Some(report.range.from)))
                        .replace("{to}", &date_text(Some(report.range.to))),
                );
            }
        });
        let after = self.fields();
        if before == after {
            return;
        }
        let Some(as_of) = parse_day(&self.as_of) else {
            return;
        };
        let period = match self.kind {
            Kind::YearToDate => Some(DashboardPeriod::YearToDate),
            Kind::Year => Period::new(self.year, None, None).map(DashboardPeriod::Calendar),
            Kind::Quarter => {
                Period::new(self.year, Some(self.part), None).map(DashboardPeriod::Calendar)
            }
            Kind::Month => {
                Period::new(self.year, None, Some(self.part)).map(DashboardPeriod::Calendar)
            }
            Kind::Custom => match (parse_day(&self.from), parse_day(&self.to)) {
                (Some(from), Some(to)) if from <= to => Some(DashboardPeriod::Custom { from, to }),
                _ => None,
            },
        };
        if let Some(period) = period
            && (period, as_of) != (state.period.period, state.period.as_of)
        {
            actions.push(DashboardAction::SetPeriod(period, as_of));
        }
    }
}

/// A day typed as text, red while it does not parse; named by its hint.
fn date_field_ui(ui: &mut egui::Ui, text: &mut String, hint: &str) {
    let invalid = parse_day(text).is_none();
    let mut edit = egui::TextEdit::singleline(text)
        .hint_text(hint)
        .desired_width(100.0);
    if invalid {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let response = ui.add(edit);
    let name = hint.to_string();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name));
}

fn kind_text(lang: Lang, kind: Kind) -> &'static str {
    lang.t(match kind {
        Kind::YearToDate => T::PeriodYtd,
        Kind::Year => T::PeriodYear,
        Kind::Quarter => T::PeriodQuarter,
        Kind::Month => T::PeriodMonth,
        Kind::Custom => T::PeriodCustom,
    })
}
