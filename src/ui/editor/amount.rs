//! 总投资 in the editor: the amount as typed, its unit (万 or 亿, explicit, and the one this
//! user last chose for a new project), its currency and CNY equivalent.

use super::{EditorState, Field};
use crate::app::AppState;
use crate::domain::money::{self, Currency, WAN, YI, parse_amount};
use crate::i18n::T;
use crate::ui::widgets::field_error_ui;

use super::checks::{self, known_unit};

pub(super) fn exact(units: Option<i64>, scale: i64) -> String {
    units
        .map(|u| {
            let whole = u / scale;
            let frac = (u % scale).abs();
            if frac == 0 {
                whole.to_string()
            } else {
                let width = scale.ilog10() as usize;
                format!(
                    "{whole}.{}",
                    format!("{frac:0width$}").trim_end_matches('0')
                )
            }
        })
        .unwrap_or_default()
}

impl EditorState {
    /// Gives a new editor the amount unit this user works in (once): an empty amount takes it,
    /// and a saved one is shown in it when it divides exactly.
    pub fn give_unit(&mut self, unit: i64) {
        if self.unit_given {
            return;
        }
        self.unit_given = true;
        let unit = known_unit(unit);
        let unchanged = !self.has_unsaved_edits();
        match self.project.investment {
            None if self.amount.trim().is_empty() => self.amount_scale = unit,
            Some(m) if unit > 1 && m.units % exact_step(unit) == 0 => {
                self.amount = exact(Some(m.units), unit);
                self.amount_scale = unit;
            }
            _ => {}
        }
        if unchanged {
            self.pristine = self.draft();
        }
    }

    /// The unit the user chose in this editor, if they chose one.
    pub fn chosen_unit(&self) -> Option<i64> {
        self.unit_chosen.then_some(self.amount_scale)
    }

    /// The investment as typed, its unit and currency, and its CNY equivalent.
    pub(super) fn amount_rows_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let p = &mut self.project;
        let today = state.today;
        let label = ui.label(state.t(T::Investment));
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut self.amount)
                        .hint_text("378.6 / 3000万欧元")
                        .desired_width(160.0),
                )
                .labelled_by(label.id);
                let before = self.amount_scale;
                egui::ComboBox::from_id_salt("editor_scale")
                    .width(60.0)
                    .selected_text(scale_label(self.amount_scale))
                    .show_ui(ui, |ui| {
                        for s in checks::UNITS {
                            ui.selectable_value(&mut self.amount_scale, s, scale_label(s));
                        }
                    })
                    .response
                    .labelled_by(label.id)
                    .on_hover_text(state.t(T::EdUnitHint));
                if self.amount_scale != before {
                    self.unit_chosen = true;
                }
                egui::ComboBox::from_id_salt("editor_currency")
                    .width(70.0)
                    .selected_text(self.currency.unit_zh())
                    .show_ui(ui, |ui| {
                        for c in Currency::ALL {
                            ui.selectable_value(&mut self.currency, c, c.unit_zh());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if let Ok(parsed) = parse_amount(&self.amount, self.amount_scale, self.currency)
                    && let Some(cny) = state
                        .ledger
                        .rates
                        .to_cny(parsed.money, p.signed_date().unwrap_or(today))
                {
                    ui.weak(format!(
                        "≈ {} {}",
                        money::yi_rounded(cny, 2),
                        state.t(T::YiYuan)
                    ));
                }
            });
            for e in self.errors.iter().filter(|(f, _)| *f == Field::Amount) {
                field_error_ui(ui, &e.1);
            }
        });
        ui.end_row();
    }
}

/// The smallest amount shown exactly in `unit`: 4 places in 亿, 2 in 万.
pub(super) fn exact_step(unit: i64) -> i64 {
    if unit == YI { YI / 10_000 } else { WAN / 100 }
}

fn scale_label(scale: i64) -> &'static str {
    match scale {
        YI => "亿",
        WAN => "万",
        _ => "—",
    }
}
