//! 日程's 导入登记表… and 导出… buttons and the register's preview window: how many activities
//! 确认 would write, the duplicates skipped, the rows refused and why, and the names that
//! matched no officer or project. Files are chosen through the app's dialogs (off the UI
//! thread) and read by the app layer.

use crate::app::AppState;
use crate::app::agenda::AgendaAction;
use crate::app::agenda_import::RegisterImport;
use crate::i18n::T;
use crate::io::activities::{RegisterPreview, UnmatchedName};
use crate::ui::Actions;
use crate::ui::dialogs::{Dialogs, Purpose};

/// How many refused rows and unmatched names the window lists before "另有 n 项".
const LISTED: usize = 50;

/// 导入登记表… and 导出… in the 日程 toolbar.
pub fn buttons_ui(ui: &mut egui::Ui, state: &AppState, dialogs: &mut Dialogs) {
    let enabled = !dialogs.is_open() && state.agenda.import.is_none();
    if ui
        .add_enabled(enabled, egui::Button::new(state.t(T::RegImport)))
        .on_hover_text(state.t(T::RegImportHint))
        .clicked()
    {
        dialogs.start(ui.ctx(), Purpose::RegisterImport, state.t(T::RegImport));
    }
    if ui
        .add_enabled(enabled, egui::Button::new(state.t(T::RegExport)))
        .on_hover_text(state.t(T::RegExportHint))
        .clicked()
    {
        dialogs.start(ui.ctx(), Purpose::RegisterExport, state.t(T::RegExport));
    }
}

/// The preview window, while an import is open.
pub fn window_ui(ctx: &egui::Context, state: &AppState, actions: &mut Actions) {
    let Some(import) = &state.agenda.import else {
        return;
    };
    let title = state
        .t(T::RegPreviewTitle)
        .replace("{file}", &file_name(import));
    egui::Window::new(title)
        .id(egui::Id::unique("register_import"))
        .collapsible(false)
        .default_width(560.0)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .show(ctx, |ui| match import {
            RegisterImport::Reading { .. } => {
                ui.horizontal(|ui| {
                    ui.add(egui::Spinner::new());
                    ui.label(state.t(T::RegReading));
                });
                if ui.button(state.t(T::AgCancel)).clicked() {
                    actions.push(AgendaAction::CancelImport);
                }
            }
            RegisterImport::Preview { preview, .. } => preview_ui(ui, state, preview, actions),
        });
}

fn file_name(import: &RegisterImport) -> String {
    import
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn preview_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    preview: &RegisterPreview,
    actions: &mut Actions,
) {
    let count = |key: T, n: usize| state.t(key).replace("{n}", &n.to_string());
    ui.strong(count(T::RegWillAdd, preview.new.len()));
    ui.label(count(T::RegDuplicates, preview.duplicates));
    ui.label(count(T::RegRefusedCount, preview.refused.len()));
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if !preview.refused.is_empty() {
                ui.add_space(4.0);
                ui.strong(state.t(T::RegRefusedTitle));
                for r in preview.refused.iter().take(LISTED) {
                    let line = state
                        .t(T::RegRowLine)
                        .replace("{row}", &r.sheet_row.to_string())
                        .replace("{why}", &r.reason.text(state.lang));
                    ui.colored_label(ui.visuals().error_fg_color, line);
                }
                more_ui(ui, state, preview.refused.len());
            }
            names_ui(ui, state, T::RegUnknownOfficers, &preview.unknown_officers);
            names_ui(ui, state, T::RegUnknownProjects, &preview.unknown_projects);
        });
    ui.separator();
    ui.horizontal(|ui| {
        let can = !preview.new.is_empty() && !state.is_read_only();
        if ui
            .add_enabled(can, egui::Button::new(state.t(T::RegConfirm)))
            .clicked()
        {
            actions.push(AgendaAction::ConfirmImport);
        }
        if ui.button(state.t(T::AgCancel)).clicked() {
            actions.push(AgendaAction::CancelImport);
        }
    });
}

/// Names that matched nothing: "第 3 行：王五".
fn names_ui(ui: &mut egui::Ui, state: &AppState, title: T, names: &[UnmatchedName]) {
    if names.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.strong(state.t(title));
    for n in names.iter().take(LISTED) {
        let why = if n.matches > 1 {
            state
                .t(T::RegAmbiguous)
                .replace("{name}", &n.name)
                .replace("{n}", &n.matches.to_string())
        } else {
            n.name.clone()
        };
        let line = state
            .t(T::RegRowLine)
            .replace("{row}", &n.sheet_row.to_string())
            .replace("{why}", &why);
        ui.label(line);
    }
    more_ui(ui, state, names.len());
}

fn more_ui(ui: &mut egui::Ui, state: &AppState, total: usize) {
    if total > LISTED {
        ui.weak(
            state
                .t(T::AgMore)
                .replace("{n}", &(total - LISTED).to_string()),
        );
    }
}
