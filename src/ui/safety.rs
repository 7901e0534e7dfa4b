//! The top bar's marks that do not go away while they are true: a scratch ledger after a
//! refused file (with the ways out), a ledger open for reading only (with a writable copy),
//! and a write waiting for another program.

use super::Actions;
use super::dialogs::{Dialogs, Purpose};
use crate::app::{AppState, SettingsAction};
use crate::i18n::T;

/// The marks under the title row; nothing here can be dismissed.
pub(super) fn marks_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    dialogs: &mut Dialogs,
    actions: &mut Actions,
) {
    if state.busy().is_waiting() {
        ui.horizontal(|ui| {
            ui.add(egui::Spinner::new());
            ui.colored_label(ui.visuals().warn_fg_color, state.t(T::WaitingForWriter));
        });
    }
    let enabled = !dialogs.is_open();
    if let Some(scratch) = &state.scratch {
        ui.horizontal_wrapped(|ui| {
            let color = ui.visuals().error_fg_color;
            ui.label(
                egui::RichText::new(state.t(T::ScratchBanner))
                    .strong()
                    .color(color),
            );
            for (label, purpose) in [
                (T::ScratchOpenOther, Purpose::Open),
                (T::ScratchNew, Purpose::New),
            ] {
                if ui
                    .add_enabled(enabled, egui::Button::new(state.t(label)))
                    .clicked()
                {
                    dialogs.start(ui.ctx(), purpose, state.t(label));
                }
            }
            if let Some(backup) = &scratch.backup
                && ui
                    .button(state.t(T::RestoreNewest))
                    .on_hover_text(backup.display().to_string())
                    .clicked()
            {
                actions.push(SettingsAction::RestoreBackup(backup.clone()));
            }
        });
        ui.weak(state.t(T::ScratchWhy).replace("{reason}", &scratch.reason));
    }
    if state.is_read_only() {
        ui.horizontal_wrapped(|ui| {
            let color = ui.visuals().warn_fg_color;
            ui.label(
                egui::RichText::new(state.t(T::ReadOnlyMark))
                    .strong()
                    .color(color),
            )
            .on_hover_text(state.t(T::ReadOnlyHint));
            ui.weak(state.t(T::ReadOnlyHint));
            let label = state.t(T::SaveWritableCopy);
            if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
                dialogs.start(ui.ctx(), Purpose::SaveCopy, label);
            }
        });
    }
}
