//! 设置 › 同步: the team passphrase bundles are encrypted with, and after how many days an
//! officer's 数据截至 counts as old. The one editor of both; the 同步 screen shows their values
//! and links here.

use super::Actions;
use crate::app::{AppState, SyncAction};
use crate::i18n::T;

pub(crate) struct SyncSettings {
    /// The passphrase as typed, saved by its button.
    passphrase: String,
    /// The days as changed here, until saved.
    stale_days: Option<i64>,
}

impl SyncSettings {
    pub fn new(state: &AppState) -> SyncSettings {
        SyncSettings {
            passphrase: state.sync_passphrase().unwrap_or_default(),
            stale_days: None,
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        ui.horizontal(|ui| {
            let label = ui.label(state.t(T::SyncPassphrase));
            ui.add(egui::TextEdit::singleline(&mut self.passphrase).password(true))
                .labelled_by(label.id);
            if ui.button(state.t(T::SyncPassphraseSave)).clicked() {
                actions.push(SyncAction::SetPassphrase(self.passphrase.clone()));
            }
        });
        ui.weak(state.t(T::SyncPassphraseSame));
        ui.weak(state.t(T::SyncPassphraseHint));
        self.stale_days_ui(ui, state, actions);
    }

    /// After how many days 数据截至 is marked, saved by its button (one 撤销 step).
    fn stale_days_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        let saved = state.sync.stale_days();
        let mut days = self.stale_days.unwrap_or(saved);
        ui.horizontal(|ui| {
            let label = ui.label(state.t(T::SyncStaleDays));
            ui.add(egui::DragValue::new(&mut days).range(0..=365))
                .labelled_by(label.id);
            self.stale_days = (days != saved).then_some(days);
            let save = egui::Button::new(state.t(T::SyncStaleDaysSave));
            if ui.add_enabled(self.stale_days.is_some(), save).clicked() {
                actions.push(SyncAction::SetStaleDays(days));
            }
        });
    }
}
