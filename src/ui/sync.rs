//! The 同步 screen: every site heard from with 数据截至, the buttons to export and merge a
//! bundle, the preview window that writes nothing until 确认合并, the 合并记录 and the 冲突
//! list; and the navigation's badge of open conflicts.

use super::dialogs::Purpose;
use super::sync_edit::ConflictEdit;
use super::{ScreenView, ViewContext};
use crate::app::sync::{ConflictLine, PendingMerge, SiteLine};
use crate::app::{Action, AppState, Screen, SyncAction};
use crate::i18n::T;
use crate::sync::value::{FieldKind, shown_text};

pub(crate) struct SyncView {
    /// A conflict being settled by an edited value, while its window is open.
    edit: Option<ConflictEdit>,
}

impl SyncView {
    pub fn new(_state: &AppState) -> SyncView {
        SyncView { edit: None }
    }
}

/// The team passphrase and the 数据截至 days as they are, and the way to Settings, where
/// they are changed (one editor of them: `settings_sync`).
fn settings_line_ui(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    let state = cx.state;
    ui.horizontal(|ui| {
        ui.label(state.t(if state.sync_passphrase().is_some() {
            T::SyncPassphraseIsSet
        } else {
            T::SyncPassphraseNotSet
        }));
        ui.separator();
        let days = state.sync.stale_days().to_string();
        ui.label(state.t(T::SyncStaleDaysNow).replace("{days}", &days));
        if ui.button(state.t(T::SyncToSettings)).clicked() {
            cx.actions.push(Action::Navigate(Screen::Settings));
        }
    });
}

impl ScreenView for SyncView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let state = cx.state;
        ui.heading(state.t(T::SyncHeading));
        ui.add_space(6.0);
        let idle = state.sync.working.is_none() && state.jobs.store.is_none();
        ui.horizontal(|ui| {
            let export = egui::Button::new(state.t(T::SyncExport));
            if ui.add_enabled(idle, export).clicked() {
                cx.dialogs
                    .start(ui.ctx(), Purpose::SyncExport, state.t(T::SyncExport));
            }
            if ui
                .add_enabled(idle, egui::Button::new(state.t(T::SyncOpen)))
                .clicked()
            {
                cx.dialogs
                    .start(ui.ctx(), Purpose::SyncOpen, state.t(T::SyncOpen));
            }
        });
        working_ui(ui, state);
        settings_line_ui(ui, cx);
        ui.separator();
        let mut start_edit = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            sites_ui(ui, state);
            ui.separator();
            start_edit = conflicts_ui(ui, cx);
            duplicates_ui(ui, cx);
            ui.separator();
            receipts_ui(ui, state);
        });
        if let Some(line) = start_edit {
            self.edit = Some(ConflictEdit::new(state, line));
        }
        if let Some(edit) = &mut self.edit
            && !edit.ui(ui.ctx(), state, cx.actions)
        {
            self.edit = None;
        }
        if let Some(pending) = &state.sync.pending {
            preview_ui(ui.ctx(), state, pending, cx);
        }
    }

    fn data_changed(&mut self, state: &AppState) {
        // The conflict being edited may have been settled elsewhere (an undo, a merge).
        if let Some(edit) = &self.edit
            && !state.sync.conflicts().iter().any(|c| c.id == edit.id())
        {
            self.edit = None;
        }
    }
}

/// The progress line of an export, a preview or a merge on a worker.
fn working_ui(ui: &mut egui::Ui, state: &AppState) {
    let merging = state.jobs.store.as_ref().is_some_and(|j| j.is_merge());
    let what = match &state.sync.working {
        Some(work) if work.is_export() => T::SyncExporting,
        Some(_) => T::SyncReading,
        None if merging => T::SyncMerging,
        None => return,
    };
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(state.t(what));
        if let Some(work) = &state.sync.working {
            ui.weak(work.path().display().to_string());
        }
    });
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(100));
}

/// A site's officer, "（本文件）" after this file's own.
fn officer_label(state: &AppState, name: &str, local: bool) -> String {
    if local {
        format!("{name}（{}）", state.t(T::SyncThisFile))
    } else {
        name.to_owned()
    }
}

/// The dashboard's 数据截至: each officer heard from with the day of the newest change
/// received from them, in amber with its age when older than the setting.
pub(crate) fn data_as_of_ui(ui: &mut egui::Ui, state: &AppState) {
    let lines = state.sync.data_as_of();
    if lines.len() < 2 {
        // Only this file: nothing was ever merged, nothing to say.
        return;
    }
    ui.heading(state.t(T::SyncDataAsOf));
    let limit = state.sync.stale_days();
    egui::Grid::new("dashboard_data_as_of")
        .striped(true)
        .show(ui, |ui| {
            for line in lines {
                ui.label(officer_label(state, &line.officer_name, line.local));
                ui.label(&line.team_name);
                let day = line
                    .as_of
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| state.t(T::SyncNever).into());
                if line.is_old(state.today, limit) {
                    let age = line
                        .age_days(state.today)
                        .map(|n| state.t(T::SyncAsOfAge).replace("{n}", &n.to_string()));
                    let text = format!("{day}{}", age.unwrap_or_default());
                    ui.colored_label(ui.visuals().warn_fg_color, text);
                } else {
                    ui.label(day);
                }
                ui.end_row();
            }
        });
}

/// The count of open conflicts beside the 同步 button.
pub(crate) fn badge_ui(ui: &mut egui::Ui, state: &AppState, n: i64) {
    let color = ui.visuals().error_fg_color;
    ui.colored_label(color, format!("({n})"))
        .on_hover_text(state.t(T::SyncConflicts));
}

fn sites_ui(ui: &mut egui::Ui, state: &AppState) {
    ui.strong(state.t(T::SyncSites));
    let never = state.t(T::SyncNever);
    egui::Grid::new("sync_sites").striped(true).show(ui, |ui| {
        for key in [
            T::SyncOfficer,
            T::SyncTeam,
            T::SyncLastReceived,
            T::SyncLastSent,
            T::SyncChanges,
            T::SyncDataAsOf,
        ] {
            ui.strong(state.t(key));
        }
        ui.end_row();
        for SiteLine {
            row,
            data_as_of,
            old,
        } in state.sync.sites()
        {
            ui.label(officer_label(state, &row.officer_name, row.is_local));
            ui.label(&row.team_name);
            ui.label(stamp(row.received_at.as_deref()).unwrap_or(never));
            ui.label(stamp(row.sent_at.as_deref()).unwrap_or(never));
            ui.label(row.max_seq.to_string());
            let as_of = data_as_of
                .map(|d| d.to_string())
                .unwrap_or_else(|| never.into());
            if *old {
                let days = state.sync.stale_days().to_string();
                let mark = state.t(T::SyncDataOld).replace("{days}", &days);
                ui.colored_label(ui.visuals().error_fg_color, format!("{as_of}{mark}"));
            } else {
                ui.label(as_of);
            }
            ui.end_row();
        }
    });
}

/// A stored time as "YYYY-MM-DD HH:MM".
fn stamp(text: Option<&str>) -> Option<&str> {
    text.map(|t| t.get(..16).unwrap_or(t))
}

/// The 冲突 list; returns the conflict whose 编辑 was clicked.
fn conflicts_ui<'s>(ui: &mut egui::Ui, cx: &mut ViewContext<'s>) -> Option<&'s ConflictLine> {
    let state = cx.state;
    ui.strong(state.t(T::SyncConflicts));
    let lines = state.sync.conflicts();
    if lines.is_empty() {
        ui.weak(state.t(T::SyncNoConflicts));
        return None;
    }
    let mut edit = None;
    egui::Grid::new("sync_conflicts")
        .striped(true)
        .show(ui, |ui| {
            for key in [
                T::SyncRecord,
                T::SyncField,
                T::SyncMine,
                T::SyncTheirs,
                T::SyncWho,
                T::SyncWhen,
            ] {
                ui.strong(state.t(key));
            }
            ui.end_row();
            for line in lines {
                if conflict_row_ui(ui, cx, line) {
                    edit = Some(line);
                }
            }
        });
    edit
}

/// One conflict with 用我的 / 用对方的 / 编辑; true when 编辑 was clicked.
fn conflict_row_ui(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, line: &ConflictLine) -> bool {
    let state = cx.state;
    ui.label(&line.record);
    ui.label(&line.field);
    // Amounts in 万元 and choices by name, as the editor shows them.
    let shown = |value, stored: &str| {
        shown_text(line.kind, value, state.lang).unwrap_or_else(|| stored.to_owned())
    };
    ui.label(shown(&line.mine_value, &line.mine))
        .on_hover_text(format!("{} {}", line.mine_who, line.mine_when));
    ui.label(shown(&line.theirs_value, &line.theirs));
    ui.label(&line.theirs_who);
    ui.label(&line.theirs_when);
    ui.push_id(line.id, |ui| {
        if ui.button(state.t(T::SyncUseMine)).clicked() {
            cx.actions.push(SyncAction::Resolve {
                id: line.id,
                theirs: false,
            });
        }
    });
    ui.push_id((line.id, 1), |ui| {
        if ui.button(state.t(T::SyncUseTheirs)).clicked() {
            cx.actions.push(SyncAction::Resolve {
                id: line.id,
                theirs: true,
            });
        }
    });
    let mut edit = false;
    ui.push_id((line.id, 2), |ui| {
        if line.kind != FieldKind::Fixed {
            edit = ui
                .button(state.t(T::SyncEdit))
                .on_hover_text(state.t(T::SyncEditHint))
                .clicked();
        }
    });
    ui.end_row();
    edit
}

/// The possible 撞单 kept from merges, each with 并入已有项目 and 不是同一项目.
fn duplicates_ui(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    let state = cx.state;
    let list = state.sync.duplicates();
    if list.is_empty() {
        return;
    }
    ui.separator();
    ui.strong(state.t(T::SyncDuplicates));
    for d in list {
        ui.horizontal(|ui| {
            let text = state
                .t(T::SyncPossibleDuplicate)
                .replace("{incoming}", &d.incoming_name)
                .replace("{existing}", &d.existing_name);
            ui.colored_label(ui.visuals().warn_fg_color, text);
            ui.push_id(&d.incoming, |ui| {
                if ui
                    .button(state.t(T::SyncFold))
                    .on_hover_text(state.t(T::SyncFoldHint))
                    .clicked()
                {
                    cx.actions.push(SyncAction::Fold {
                        keep: d.existing.clone(),
                        fold: d.incoming.clone(),
                    });
                }
                if ui
                    .button(state.t(T::SyncNotSame))
                    .on_hover_text(state.t(T::SyncNotSameHint))
                    .clicked()
                {
                    cx.actions.push(SyncAction::Dismiss {
                        incoming: d.incoming.clone(),
                        existing: d.existing.clone(),
                    });
                }
            });
        });
    }
}

fn receipts_ui(ui: &mut egui::Ui, state: &AppState) {
    ui.strong(state.t(T::SyncReceipts));
    let receipts = state.sync.receipts();
    if receipts.is_empty() {
        ui.weak(state.t(T::SyncNoReceipts));
        return;
    }
    egui::Grid::new("sync_receipts")
        .striped(true)
        .show(ui, |ui| {
            for r in receipts {
                ui.label(stamp(Some(&r.received_at)).unwrap_or_default());
                ui.label(&r.officer);
                let entries = r.summary.get("entries").and_then(|e| e.as_u64());
                let entries = entries.unwrap_or(0).to_string();
                ui.label(format!("{entries} {}", state.t(T::SyncChanges)));
                if r.reverted_at.is_some() {
                    ui.weak(state.t(T::SyncReverted));
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
}

/// What merging the opened bundle would do, and 确认合并 / 取消.
fn preview_ui(
    ctx: &egui::Context,
    state: &AppState,
    pending: &PendingMerge,
    cx: &mut ViewContext<'_>,
) {
    let preview = &pending.preview;
    egui::Window::new(state.t(T::SyncPreviewTitle))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            let from = state
                .t(T::SyncPreviewFrom)
                .replace("{officer}", &preview.manifest.officer_name)
                .replace("{team}", &preview.manifest.team_name)
                .replace("{entries}", &preview.report.entries.to_string());
            ui.label(from);
            ui.weak(pending.path.display().to_string());
            egui::Grid::new("sync_preview")
                .striped(true)
                .show(ui, |ui| {
                    for key in [T::SyncTable, T::SyncNew, T::SyncChanged, T::SyncRemoved] {
                        ui.strong(state.t(key));
                    }
                    ui.end_row();
                    for (table, counts) in &preview.report.tables {
                        ui.label(table);
                        ui.label(counts.new.to_string());
                        ui.label(counts.changed.to_string());
                        ui.label(counts.deleted.to_string());
                        ui.end_row();
                    }
                });
            let conflicts = preview.report.new_conflicts.to_string();
            ui.label(state.t(T::SyncPreviewConflicts).replace("{n}", &conflicts));
            for d in &preview.duplicates {
                let text = state
                    .t(T::SyncPossibleDuplicate)
                    .replace("{incoming}", &d.incoming_name)
                    .replace("{existing}", &d.existing_name);
                ui.colored_label(ui.visuals().warn_fg_color, text);
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(state.t(T::SyncConfirm)).clicked() {
                    cx.actions.push(SyncAction::ConfirmMerge);
                }
                if ui.button(state.t(T::SyncCancel)).clicked() {
                    cx.actions.push(SyncAction::CancelMerge);
                }
            });
        });
}
