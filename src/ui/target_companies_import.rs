//! 目标企业's 导入… and 导出… buttons and the import's preview window: how many companies 确认
//! would add, the duplicates skipped, and the rows refused with their reason. Files are chosen
//! through the app's dialogs (off the UI thread) and read by the app layer.

use crate::app::companies_import::CompanyImport;
use crate::app::{AppState, CompanyAction};
use crate::i18n::T;
use crate::io::companies::CompanyPreview;
use crate::ui::Actions;
use crate::ui::dialogs::{Dialogs, Purpose};

/// How many refused rows the window lists before "另有 n 项".
const LISTED: usize = 50;

/// 导入… and 导出… beside the screen's heading.
pub fn buttons_ui(ui: &mut egui::Ui, state: &AppState, dialogs: &mut Dialogs) {
    let idle = !dialogs.is_open() && state.companies.import.is_none();
    let can_write = idle && !state.is_read_only();
    if ui
        .add_enabled(can_write, egui::Button::new(state.t(T::CoImport)))
        .on_hover_text(state.t(T::CoImportHint))
        .clicked()
    {
        dialogs.start(ui.ctx(), Purpose::CompaniesImport, state.t(T::CoImport));
    }
    let any = !state.companies.rows.is_empty();
    if ui
        .add_enabled(idle && any, egui::Button::new(state.t(T::CoExport)))
        .on_hover_text(state.t(T::CoExportHint))
        .clicked()
    {
        dialogs.start(ui.ctx(), Purpose::CompaniesExport, state.t(T::CoExport));
    }
}

/// The preview window, while an import is open.
pub fn window_ui(ctx: &egui::Context, state: &AppState, actions: &mut Actions) {
    let Some(import) = &state.companies.import else {
        return;
    };
    let file = (import.path().file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = state.t(T::CoPreviewTitle).replace("{file}", &file);
    egui::Window::new(title)
        .id(egui::Id::unique("company_import"))
        .collapsible(false)
        .default_width(560.0)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .show(ctx, |ui| match import {
            CompanyImport::Reading { .. } => {
                ui.horizontal(|ui| {
                    ui.add(egui::Spinner::new());
                    ui.label(state.t(T::CoReading));
                });
                if ui.button(state.t(T::CoCancel)).clicked() {
                    actions.push(CompanyAction::CancelImport);
                }
            }
            CompanyImport::Preview { preview, .. } => preview_ui(ui, state, preview, actions),
        });
}

fn preview_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    preview: &CompanyPreview,
    actions: &mut Actions,
) {
    let count = |key: T, n: usize| state.t(key).replace("{n}", &n.to_string());
    ui.strong(count(T::CoWillAdd, preview.new.len()));
    ui.label(count(T::CoDuplicates, preview.duplicates));
    ui.label(count(T::CoRefusedCount, preview.refused.len()));
    if !preview.refused.is_empty() {
        ui.add_space(4.0);
        ui.strong(state.t(T::CoRefusedTitle));
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for r in preview.refused.iter().take(LISTED) {
                    ui.colored_label(ui.visuals().error_fg_color, r.text(state.lang));
                }
                if preview.refused.len() > LISTED {
                    let more = preview.refused.len() - LISTED;
                    ui.weak(count(T::CoMore, more));
                }
            });
    }
    ui.separator();
    ui.horizontal(|ui| {
        let can = !preview.new.is_empty() && !state.is_read_only();
        if ui
            .add_enabled(can, egui::Button::new(state.t(T::CoConfirm)))
            .clicked()
        {
            actions.push(CompanyAction::ConfirmImport);
        }
        if ui.button(state.t(T::CoCancel)).clicked() {
            actions.push(CompanyAction::CancelImport);
        }
    });
}
