//! 冲突 › 编辑: a window that settles one conflicting field with an edited value — an editor
//! that fits the field (text, an amount in 元/万/亿, a day, a combo box of the domain's names),
//! checked before anything is written, then 确认 sends it as one 撤销 step.

use serde_json::Value;

use super::Actions;
use crate::app::sync::ConflictLine;
use crate::app::{AppState, SyncAction};
use crate::domain::money::{Currency, WAN};
use crate::i18n::T;
use crate::sync::value::{
    FieldKind, SCALES, parse_value, scale_word, value_error_text, value_text,
};
use crate::ui::widgets::field_error_ui;

/// One conflict being settled by an edit, until 确认 or 取消.
pub(crate) struct ConflictEdit {
    id: i64,
    what: String,
    kind: FieldKind,
    /// What is typed (text, amount, day).
    text: String,
    /// The unit an amount without 万/亿 is read in.
    scale: i64,
    /// The value chosen in a combo box.
    choice: Value,
    error: Option<String>,
}

impl ConflictEdit {
    /// An editor over `line`, starting from this file's value.
    pub fn new(state: &AppState, line: &ConflictLine) -> ConflictEdit {
        let units = line.mine_value.as_i64();
        // 万 as the project editor reads amounts, unless the value is not whole in 万 cents.
        let scale = match units {
            Some(u) if u % 100 != 0 => 1,
            _ => WAN,
        };
        ConflictEdit {
            id: line.id,
            what: state
                .t(T::SyncEditWhat)
                .replace("{record}", &line.record)
                .replace("{field}", &line.field),
            kind: line.kind,
            text: value_text(line.kind, &line.mine_value, scale, state.lang),
            scale,
            choice: line.mine_value.clone(),
            error: None,
        }
    }

    /// The conflict being settled.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// The window; false once it is closed (confirmed with a good value, or cancelled).
    pub fn ui(&mut self, ctx: &egui::Context, state: &AppState, actions: &mut Actions) -> bool {
        let mut open = true;
        egui::Window::new(state.t(T::SyncEditTitle))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(&self.what);
                ui.horizontal(|ui| {
                    let label = ui.label(state.t(T::SyncEditValue));
                    self.value_ui(ui, state, label.id);
                });
                if let Some(error) = &self.error {
                    field_error_ui(ui, error);
                }
                ui.weak(state.t(T::SyncEditTravels));
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui.button(state.t(T::SyncEditConfirm)).clicked() {
                        match self.value() {
                            Ok(value) => {
                                actions.push(SyncAction::ResolveWith { id: self.id, value });
                                open = false;
                            }
                            Err(e) => self.error = Some(value_error_text(state.lang, &e)),
                        }
                    }
                    if ui.button(state.t(T::SyncEditCancel)).clicked() {
                        open = false;
                    }
                });
            });
        open
    }

    /// The editor that fits the field.
    fn value_ui(&mut self, ui: &mut egui::Ui, state: &AppState, label: egui::Id) {
        let typed = |ui: &mut egui::Ui, text: &mut String, hint: &str| {
            ui.add(
                egui::TextEdit::singleline(text)
                    .hint_text(hint)
                    .desired_width(220.0),
            )
            .labelled_by(label)
        };
        match self.kind {
            FieldKind::Choice(set) => {
                let options = set.options(state.lang);
                let shown = options
                    .iter()
                    .find(|(v, _)| *v == self.choice)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default();
                egui::ComboBox::from_id_salt(("sync_edit_choice", self.id))
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for (value, name) in options {
                            ui.selectable_value(&mut self.choice, value, name);
                        }
                    })
                    .response
                    .labelled_by(label);
            }
            FieldKind::Amount(currency) => self.amount_ui(ui, state, label, currency, typed),
            FieldKind::Yuan => self.amount_ui(ui, state, label, Currency::Cny, typed),
            FieldKind::Date => {
                typed(ui, &mut self.text, state.t(T::SyncEditDateHint));
            }
            FieldKind::Text { .. } | FieldKind::Count | FieldKind::Fixed => {
                typed(ui, &mut self.text, "");
            }
        }
    }

    fn amount_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        label: egui::Id,
        currency: Currency,
        typed: impl Fn(&mut egui::Ui, &mut String, &str) -> egui::Response,
    ) {
        typed(ui, &mut self.text, "3000 / 1.2亿");
        egui::ComboBox::from_id_salt(("sync_edit_scale", self.id))
            .selected_text(scale_word(self.scale, currency, state.lang))
            .show_ui(ui, |ui| {
                for s in SCALES {
                    ui.selectable_value(&mut self.scale, s, scale_word(s, currency, state.lang));
                }
            })
            .response
            .labelled_by(label);
    }

    /// The value to write, or why the typed text is not one.
    fn value(&self) -> Result<Value, crate::sync::value::ValueError> {
        match self.kind {
            FieldKind::Choice(_) => Ok(self.choice.clone()),
            kind => parse_value(kind, &self.text, self.scale),
        }
    }
}
