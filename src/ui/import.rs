//! The import window (progress, preview, column mapping, duplicates, confirm) and the ledger's
//! 导入 / 导出 buttons. Files are chosen through dialogs and read by the app layer.

use super::Actions;
use crate::app::ImportAction;
use egui_extras::{Column, TableBuilder};

use super::dialogs::{Dialogs, IMPORT_EXTENSIONS, Purpose};
use super::widgets::date_text;
use crate::app::AppState;
use crate::app::import::Field;
use crate::app::import::ImportState;
use crate::app::import::{DuplicatePolicy, ImportPreview, Issue};
use crate::i18n::{Lang, T, stage_label};
use crate::io::ExportForm;
use chrono::Datelike;

/// Issues listed in full; the rest are counted.
const ISSUES_SHOWN: usize = 200;

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
            ImportState::Working { job, .. } => {
                let progress = job.progress();
                let text = match progress.fraction() {
                    None => state.t(T::ImpReading).to_string(),
                    Some(_) => state
                        .t(T::ImpChecking)
                        .replace(
                            "{done}",
                            &progress
                                .done
                                .load(std::sync::atomic::Ordering::Relaxed)
                                .to_string(),
                        )
                        .replace(
                            "{total}",
                            &progress
                                .total
                                .load(std::sync::atomic::Ordering::Relaxed)
                                .to_string(),
                        ),
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
            ImportState::Committing { .. } => {
                let size = state.jobs.store.as_ref().and_then(|j| j.import_size());
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(
                        state
                            .t(T::ImpWriting)
                            .replace("{n}", &size.unwrap_or_default().to_string()),
                    );
                });
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
            ImportState::Failed { message, .. } => {
                ui.colored_label(ui.visuals().error_fg_color, message);
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
            ImportState::Ready(session) => {
                let preview = &session.preview;
                // Four scrolled sections share what the screen has left, so the buttons below
                // stay on screen (there is no scroll area around tables, which scroll themselves).
                let section = ((screen.height() - 450.0) / 4.0).max(66.0);
                preview_ui(
                    ui,
                    state,
                    preview,
                    session.policy,
                    import.path(),
                    section,
                    actions,
                );
                ui.separator();
                ui.horizontal(|ui| {
                    let importing = preview
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
        }
    });
    // Escape closes it; a stray click beside the window does not throw the preview away.
    if response.should_close() && !response.backdrop_response.clicked() {
        actions.push(ImportAction::Cancel);
    }
}

fn preview_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    preview: &ImportPreview,
    policy: DuplicatePolicy,
    path: &std::path::Path,
    section: f32,
    actions: &mut Actions,
) {
    let lang = state.lang;
    ui.horizontal_wrapped(|ui| {
        if preview.sheets.len() > 1 {
            let label = ui.label(state.t(T::ImpSheet));
            egui::ComboBox::from_id_salt("import_sheet")
                .selected_text(&preview.sheet)
                .show_ui(ui, |ui| {
                    for sheet in &preview.sheets {
                        if ui
                            .selectable_label(*sheet == preview.sheet, sheet)
                            .clicked()
                            && *sheet != preview.sheet
                        {
                            actions
                                .push(ImportAction::Start(path.to_path_buf(), Some(sheet.clone())));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        } else if let Some(detected) = &preview.detected {
            ui.weak(detected);
        } else {
            ui.weak(format!("{}：{}", state.t(T::ImpSheet), preview.sheet));
        }
        if preview.header_row > 0 {
            ui.weak(
                state
                    .t(T::ImpHeaderRow)
                    .replace("{row}", &preview.header_row.to_string()),
            );
        }
    });
    ui.label(
        egui::RichText::new(
            state
                .t(T::ImpSummary)
                .replace("{total}", &preview.total_rows.to_string())
                .replace("{ok}", &preview.rows.len().to_string())
                .replace("{bad}", &preview.bad_rows.to_string())
                .replace("{blank}", &preview.blank_rows.to_string()),
        )
        .strong(),
    );
    let duplicates = preview.duplicate_count();
    if duplicates > 0 {
        ui.label(
            state
                .t(T::ImpDuplicates)
                .replace("{n}", &duplicates.to_string()),
        );
        ui.horizontal(|ui| {
            for p in DuplicatePolicy::ALL {
                if ui.radio(policy == p, p.label(lang)).clicked() && policy != p {
                    actions.push(ImportAction::SetDuplicatePolicy(p));
                }
            }
        });
    }
    let names = |list: Vec<&str>| list.join("、");
    for (key, list) in [
        (
            T::ImpNewTeams,
            names(preview.new_teams.iter().map(|t| t.name.as_str()).collect()),
        ),
        (
            T::ImpNewOfficers,
            names(
                preview
                    .new_officers
                    .iter()
                    .map(|o| o.name.as_str())
                    .collect(),
            ),
        ),
        (
            T::ImpNewIndustries,
            names(preview.new_industries.iter().map(|s| s.as_str()).collect()),
        ),
    ] {
        if !list.is_empty() {
            ui.label(format!("{}：{list}", state.t(key)));
        }
    }
    ui.add_space(4.0);
    if let Some(layout) = &preview.layout {
        let unmapped = layout.unmapped().count();
        egui::CollapsingHeader::new(format!(
            "{}（{}）",
            state.t(T::ImpColumns),
            layout.columns.len()
        ))
        .id_salt("import_columns")
        .default_open(unmapped > 0)
        .show(ui, |ui| {
            ui.weak(state.t(T::ImpMappingHelp));
            egui::ScrollArea::vertical()
                .id_salt("import_mapping_scroll")
                .max_height(section)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    egui::Grid::new("import_mapping")
                        .num_columns(6)
                        .spacing([12.0, 4.0])
                        .show(ui, |ui| {
                            let mut shown_count = 0usize;
                            for (i, column) in layout.columns.iter().enumerate() {
                                if column.header.trim().is_empty() {
                                    continue;
                                }
                                let header = column.header.replace(['\n', '\r'], " ");
                                let label = ui.label(&header);
                                let current = column.field;
                                let shown = |f: Option<Field>| match f {
                                    None => state.t(T::ImpIgnore).to_string(),
                                    Some(Field::Derived) => state.t(T::ImpIgnore).to_string(),
                                    Some(f) => field_label(lang, f).to_string(),
                                };
                                let mut chosen = current;
                                egui::ComboBox::from_id_salt(("import_field", i))
                                    .selected_text(shown(current))
                                    .width(150.0)
                                    .show_ui(ui, |ui| {
                                        ui.selectable_value(
                                            &mut chosen,
                                            None,
                                            state.t(T::ImpIgnore),
                                        );
                                        for f in Field::ALL {
                                            ui.selectable_value(
                                                &mut chosen,
                                                Some(f),
                                                field_label(lang, f),
                                            );
                                        }
                                    })
                                    .response
                                    .labelled_by(label.id);
                                if chosen != current {
                                    actions.push(ImportAction::SetColumn(i, chosen));
                                }
                                shown_count += 1;
                                if shown_count.is_multiple_of(3) {
                                    ui.end_row();
                                }
                            }
                        });
                });
        });
    }
    let errors: Vec<&Issue> = preview.errors().collect();
    if !errors.is_empty() {
        ui.add_space(4.0);
        ui.label(
            egui::RichText::new(format!("{}：{}", state.t(T::ImpErrors), errors.len()))
                .color(ui.visuals().error_fg_color)
                .strong(),
        );
        issues_ui(ui, state, "import_errors", &errors, section);
    }
    let warnings: Vec<&Issue> = preview.warnings().collect();
    if !warnings.is_empty() {
        ui.add_space(4.0);
        ui.label(
            egui::RichText::new(format!("{}：{}", state.t(T::ImpWarnings), warnings.len()))
                .color(ui.visuals().warn_fg_color)
                .strong(),
        );
        issues_ui(ui, state, "import_warnings", &warnings, section);
    }
    if !preview.rows.is_empty() {
        ui.add_space(4.0);
        ui.label(
            egui::RichText::new(format!(
                "{}：{}",
                state.t(T::ImpRowsToImport),
                preview.rows.len()
            ))
            .strong(),
        );
        // The rows take the room of the error and warning lists a clean file does not have.
        let spare = [errors.is_empty(), warnings.is_empty()]
            .into_iter()
            .filter(|unused| *unused)
            .count() as f32;
        rows_ui(ui, state, preview, policy, section * (1.0 + spare), actions);
    }
}

fn field_label(lang: Lang, field: Field) -> &'static str {
    match lang {
        Lang::Zh => field.label_zh(),
        Lang::En => field.label_en(),
    }
}

fn issues_ui(ui: &mut egui::Ui, state: &AppState, id: &str, issues: &[&Issue], max: f32) {
    let height = (issues.len() as f32 * 22.0).min(max);
    ui.push_id(id, |ui| {
        TableBuilder::new(ui)
            .id_salt(id)
            .striped(true)
            .max_scroll_height(height)
            .min_scrolled_height(height)
            .column(Column::exact(56.0))
            .column(Column::initial(170.0).at_least(80.0).clip(true))
            .column(Column::remainder().clip(true))
            .header(22.0, |mut header| {
                for key in [T::ImpRow, T::ImpColumn, T::ImpReason] {
                    header.col(|ui| {
                        ui.strong(state.t(key));
                    });
                }
            })
            .body(|body| {
                let shown = issues.len().min(ISSUES_SHOWN);
                let extra = issues.len() - shown;
                body.rows(22.0, shown + usize::from(extra > 0), |mut row| {
                    let i = row.index();
                    let Some(issue) = issues.get(i).filter(|_| i < shown) else {
                        row.col(|_| {});
                        row.col(|_| {});
                        row.col(|ui| {
                            ui.weak(state.t(T::ImpMore).replace("{n}", &extra.to_string()));
                        });
                        return;
                    };
                    row.col(|ui| {
                        if issue.row == 0 {
                            ui.label(state.t(T::ImpFile));
                        } else {
                            ui.label(issue.row.to_string());
                        }
                    });
                    row.col(|ui| {
                        ui.label(&issue.column);
                    });
                    row.col(|ui| {
                        ui.label(issue.text(state.lang))
                            .on_hover_text(issue.text(state.lang));
                    });
                });
            });
    });
}

/// The rows that will import; a duplicate's row has its own choice (skip, update, import as
/// new), and the list can be narrowed to the duplicates.
fn rows_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    preview: &ImportPreview,
    policy: DuplicatePolicy,
    max: f32,
    actions: &mut Actions,
) {
    let duplicates = preview.duplicate_count();
    let only_id = ui.make_persistent_id("import_only_duplicates");
    let mut only_duplicates =
        duplicates > 0 && ui.data(|d| d.get_temp::<bool>(only_id).unwrap_or(false));
    if duplicates > 0
        && ui
            .checkbox(
                &mut only_duplicates,
                state
                    .t(T::ImpOnlyDuplicates)
                    .replace("{n}", &duplicates.to_string()),
            )
            .changed()
    {
        ui.data_mut(|d| d.insert_temp(only_id, only_duplicates));
    }
    let shown: Vec<usize> = if only_duplicates {
        (0..preview.rows.len())
            .filter(|i| preview.rows[*i].duplicate.is_some())
            .collect()
    } else {
        (0..preview.rows.len()).collect()
    };
    let height = (shown.len() as f32 * 24.0).min(max);
    ui.push_id("import_rows", |ui| {
        TableBuilder::new(ui)
            .id_salt("import_rows")
            .striped(true)
            .max_scroll_height(height)
            .min_scrolled_height(height)
            .column(Column::exact(56.0))
            .column(Column::initial(240.0).at_least(80.0).clip(true))
            .column(Column::initial(200.0).at_least(60.0).clip(true))
            .column(Column::initial(110.0).at_least(60.0).clip(true))
            .column(Column::initial(96.0).clip(true))
            .column(Column::initial(90.0).clip(true))
            .column(Column::remainder().clip(true))
            .header(22.0, |mut header| {
                for key in [
                    T::ImpRow,
                    T::ProjectName,
                    T::Company,
                    T::Investment,
                    T::Stage,
                    T::SignedDate,
                    T::ImpDuplicateMark,
                ] {
                    header.col(|ui| {
                        ui.strong(state.t(key));
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, shown.len(), |mut row| {
                    let Some(index) = shown.get(row.index()).copied() else {
                        return;
                    };
                    let Some(r) = preview.rows.get(index) else {
                        return;
                    };
                    row.col(|ui| {
                        ui.label(r.row.to_string());
                    });
                    row.col(|ui| {
                        ui.label(&r.project.name);
                    });
                    row.col(|ui| {
                        ui.label(&r.project.company);
                    });
                    row.col(|ui| {
                        if let Some(m) = r.project.investment {
                            ui.label(m.display_zh());
                        }
                    });
                    row.col(|ui| {
                        ui.label(stage_label(state.lang, r.project.stage));
                    });
                    row.col(|ui| {
                        ui.label(date_text(r.project.signed_date()));
                    });
                    row.col(|ui| {
                        if let Some(d) = &r.duplicate {
                            let chosen = r.outcome(policy);
                            let label = state
                                .t(T::ImpRowChoice)
                                .replace("{row}", &r.row.to_string());
                            egui::ComboBox::from_id_salt(("dup_choice", index))
                                .selected_text(chosen.label(state.lang))
                                .width(130.0)
                                .show_ui(ui, |ui| {
                                    for p in DuplicatePolicy::ALL {
                                        if ui
                                            .selectable_label(chosen == p, p.label(state.lang))
                                            .clicked()
                                            && chosen != p
                                        {
                                            actions.push(ImportAction::SetRowDuplicatePolicy(
                                                index, p,
                                            ));
                                        }
                                    }
                                })
                                .response
                                .widget_info(|| {
                                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &label)
                                });
                            ui.label(&d.name).on_hover_text(&d.name);
                        }
                    });
                });
            });
    });
}
