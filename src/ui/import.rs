//! The import window (progress, preview, column mapping, duplicates, confirm) and the ledger's
//! 导入 / 导出 buttons. Files are chosen through dialogs and read by the app layer.

mod preview;
mod rows;

use super::Actions;
use crate::app::ImportAction;

use super::dialogs::{Dialogs, IMPORT_EXTENSIONS, Purpose};
use crate::app::AppState;
use crate::app::import::{DuplicatePolicy, ImportState};
use crate::i18n::T;
use crate::io::ExportForm;
use chrono::Datelike;

/// 导入… and 导出… in the ledger's toolbar.
pub fn ledger_buttons_ui(ui: &mut egui::Ui, state: &AppState, dialogs: &mut Dialogs) {
    let enabled = !dialogs.is_open() && state.import.is_none();
    if ui
        .add_enabled(enabled, egui::Button::new(state.t(T::Import)))
        .clicked()
    {
        dialogs.start(ui.ctx(), Purpose::Import, state.t(T::ImpTitle));
    }
    if state.jobs.export.is_some() {
        ui.add(egui::Spinner::new());
        ui.label(state.t(T::Exporting));
        return;
    }
    if ui
        .add_enabled(enabled, egui::Button::new(state.t(T::Export)))
        .on_hover_text(state.t(T::ExpFilterNote))
        .clicked()
    {
        let form = if dialogs.ledger_form {
            ExportForm::Ledger {
                year: state.today.year(),
            }
        } else {
            ExportForm::Plain
        };
        dialogs.start(ui.ctx(), Purpose::Export(form), state.t(T::Export));
    }
    ui.checkbox(&mut dialogs.ledger_form, state.t(T::ExpLedgerForm))
        .on_hover_text(state.t(T::ExpLedgerFormHint));
}

/// A ledger file dropped onto the window opens the import preview, as 导入… does; while one
/// is dragged over the window, a line says what dropping it does.
pub fn dropped_files_ui(
    ctx: &egui::Context,
    state: &AppState,
    dialogs: &Dialogs,
    actions: &mut Actions,
) {
    if dialogs.is_open() || state.import.is_some() {
        return;
    }
    let (hovering, dropped) =
        ctx.input(|i| (!i.raw.hovered_files.is_empty(), i.raw.dropped_files.clone()));
    if hovering {
        egui::Area::new(egui::Id::unique("drop_to_import"))
            .order(egui::Order::Tooltip)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.heading(state.t(T::DropToImport));
                });
            });
    }
    let ledger = dropped
        .into_iter()
        .map(|f| f.path().to_path_buf())
        .find(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| IMPORT_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
        });
    if let Some(path) = ledger {
        actions.push(crate::app::Action::Navigate(crate::app::Screen::Projects));
        actions.push(ImportAction::Start(path, None));
    }
}

/// The import window, over everything else while an import is open.
pub fn import_window_ui(
    ctx: &egui::Context,
    state: &AppState,
    dialogs: &mut Dialogs,
    actions: &mut Actions,
) {
    let Some(import) = &state.import else {
        return;
    };
    let screen = ctx.content_rect();
    let width = (screen.width() - 80.0).clamp(320.0, 1000.0);
    let response = egui::Modal::new(egui::Id::unique("import_window")).show(ctx, |ui| {
        ui.set_width(width);
        ui.heading(state.t(T::ImpTitle));
        let file = import
            .path()
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.weak(file);
        ui.add_space(6.0);
        match import {
            ImportState::Working { job, .. } => working_ui(ui, state, job.progress(), actions),
            ImportState::Committing { .. } => committing_ui(ui, state, actions),
            ImportState::Failed { message, .. } => failed_ui(ui, state, message, dialogs, actions),
            ImportState::Ready(session) => {
                // Four scrolled sections share what the screen has left, so the buttons below
                // stay on screen (there is no scroll area around tables, which scroll themselves).
                let section = ((screen.height() - 450.0) / 4.0).max(66.0);
                preview::preview_ui(ui, state, session, import.path(), section, actions);
                ui.separator();
                confirm_row_ui(ui, state, session, actions);
            }
        }
    });
    // Escape closes it; a stray click beside the window does not throw the preview away.
    if response.should_close() && !response.backdrop_response.clicked() {
        actions.push(ImportAction::Cancel);
    }
}

/// Reading and checking the file: a bar with how far it is, and 取消.
fn working_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    progress: &crate::io::import::Progress,
    actions: &mut Actions,
) {
    let count = |n: &std::sync::atomic::AtomicUsize| {
        n.load(std::sync::atomic::Ordering::Relaxed).to_string()
    };
    let text = match progress.fraction() {
        None => state.t(T::ImpReading).to_string(),
        Some(_) => state
            .t(T::ImpChecking)
            .replace("{done}", &count(&progress.done))
            .replace("{total}", &count(&progress.total)),
    };
    let bar = egui::ProgressBar::new(progress.fraction().unwrap_or(0.0))
        .text(text)
        .animate(true);
    ui.add(bar);
    ui.add_space(8.0);
    if ui.button(state.t(T::Cancel)).clicked() {
        actions.push(ImportAction::Cancel);
    }
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(100));
}

/// The confirmed import being written, in one transaction: a bar with the rows written of
/// all, and 取消, which rolls the whole transaction back.
fn committing_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
    let size = state.jobs.store.as_ref().and_then(|j| j.import_size());
    let text = match state.commit_rows() {
        _ if state.commit_cancelling() => state.t(T::ImpCommitCancelling).to_string(),
        Some((done, total)) if done >= total => state.t(T::ImpCommitFinishing).to_string(),
        Some((done, total)) => state
            .t(T::ImpCommitRows)
            .replace("{done}", &done.to_string())
            .replace("{total}", &total.to_string()),
        None => state
            .t(T::ImpWriting)
            .replace("{n}", &size.unwrap_or_default().to_string()),
    };
    let fraction = state.commit_progress().unwrap_or(0.0);
    ui.add(egui::ProgressBar::new(fraction).text(text).animate(true));
    ui.add_space(8.0);
    if ui
        .add_enabled(
            !state.commit_cancelling(),
            egui::Button::new(state.t(T::Cancel)),
        )
        .clicked()
    {
        actions.push(ImportAction::Cancel);
    }
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(100));
}

/// A file that could not be read: why (wrapped, so 取消 stays on screen), another file, 取消.
fn failed_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    message: &str,
    dialogs: &mut Dialogs,
    actions: &mut Actions,
) {
    ui.add(
        egui::Label::new(egui::RichText::new(message).color(ui.visuals().error_fg_color)).wrap(),
    );
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                !dialogs.is_open(),
                egui::Button::new(state.t(T::ImpChooseOther)),
            )
            .clicked()
        {
            actions.push(ImportAction::Close);
            dialogs.start(ui.ctx(), Purpose::Import, state.t(T::ImpTitle));
        }
        if ui.button(state.t(T::Cancel)).clicked() {
            actions.push(ImportAction::Close);
        }
    });
}

/// 确认导入（N） and 取消 under the preview.
fn confirm_row_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    session: &crate::app::import::ImportSession,
    actions: &mut Actions,
) {
    ui.horizontal(|ui| {
        let importing = session
            .preview
            .rows
            .iter()
            .filter(|r| r.outcome(session.policy) != DuplicatePolicy::Skip)
            .count();
        let label = if importing == 0 {
            state.t(T::ImpNothing).to_string()
        } else {
            format!("{}（{importing}）", state.t(T::ImpConfirm))
        };
        if ui
            .add_enabled(importing > 0, egui::Button::new(label))
            .clicked()
        {
            actions.push(ImportAction::Confirm);
        }
        if ui.button(state.t(T::Cancel)).clicked() {
            actions.push(ImportAction::Close);
        }
    });
}
