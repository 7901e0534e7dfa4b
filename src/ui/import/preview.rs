//! The import preview: where the file's rows are, how many import, the duplicates (in the
//! ledger and within the file), the column mapping, the errors and warnings, the rows.

use egui_extras::{Column, TableBuilder};

use super::super::Actions;
use crate::app::AppState;
use crate::app::ImportAction;
use crate::app::import::{DuplicatePolicy, Field, ImportPreview, ImportSession, Issue};
use crate::i18n::T;

/// Issues listed in full; the rest are counted.
const ISSUES_SHOWN: usize = 200;

/// The whole preview of a checked file; `section` is the height each scrolled list may take.
pub(super) fn preview_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    session: &ImportSession,
    path: &std::path::Path,
    section: f32,
    actions: &mut Actions,
) {
    let preview = &session.preview;
    source_line_ui(ui, state, preview, path, actions);
    summary_ui(ui, state, preview, session.policy, actions);
    new_names_ui(ui, state, preview);
    ui.add_space(4.0);
    mapping_ui(ui, state, preview, section, actions);
    let errors: Vec<&Issue> = preview.errors().collect();
    let warnings: Vec<&Issue> = preview.warnings().collect();
    for (key, issues, id, error) in [
        (T::ImpErrors, &errors, "import_errors", true),
        (T::ImpWarnings, &warnings, "import_warnings", false),
    ] {
        if issues.is_empty() {
            continue;
        }
        ui.add_space(4.0);
        let color = if error {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().warn_fg_color
        };
        ui.label(
            egui::RichText::new(format!("{}：{}", state.t(key), issues.len()))
                .color(color)
                .strong(),
        );
        issues_ui(ui, state, id, issues, section);
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
        let height = section * (1.0 + spare);
        super::rows::rows_ui(ui, state, preview, session.policy, height, actions);
    }
}

/// Which sheet (a list when there are several), and the header row when it is not the first.
fn source_line_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    preview: &ImportPreview,
    path: &std::path::Path,
    actions: &mut Actions,
) {
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
}

/// How many rows import, and the duplicates: those already in the ledger and those that
/// repeat an earlier row of the file, counted apart, with one choice for all.
fn summary_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    preview: &ImportPreview,
    policy: DuplicatePolicy,
    actions: &mut Actions,
) {
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
    let in_file = preview.file_duplicate_count();
    let in_ledger = preview.duplicate_count() - in_file;
    for (key, n) in [
        (T::ImpDuplicates, in_ledger),
        (T::ImpFileDuplicates, in_file),
    ] {
        if n > 0 {
            ui.label(state.t(key).replace("{n}", &n.to_string()));
        }
    }
    if in_ledger + in_file > 0 {
        ui.horizontal(|ui| {
            for p in DuplicatePolicy::ALL {
                if ui.radio(policy == p, p.label(state.lang)).clicked() && policy != p {
                    actions.push(ImportAction::SetDuplicatePolicy(p));
                }
            }
        });
    }
}

/// The teams, officers and industries the import will add.
fn new_names_ui(ui: &mut egui::Ui, state: &AppState, preview: &ImportPreview) {
    let names = |list: Vec<&str>| list.join("、");
    let teams = preview.new_teams.iter().map(|t| t.name.as_str()).collect();
    let officers = preview
        .new_officers
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    let industries = preview.new_industries.iter().map(|s| s.as_str()).collect();
    for (key, list) in [
        (T::ImpNewTeams, names(teams)),
        (T::ImpNewOfficers, names(officers)),
        (T::ImpNewIndustries, names(industries)),
    ] {
        if !list.is_empty() {
            ui.label(format!("{}：{list}", state.t(key)));
        }
    }
}

/// 列对应: each header of the file and the field it is read as; open when a column was not
/// recognised.
fn mapping_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    preview: &ImportPreview,
    section: f32,
    actions: &mut Actions,
) {
    let Some(layout) = &preview.layout else {
        return;
    };
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
                            column_choice_ui(ui, state, i, &column.header, column.field, actions);
                            shown_count += 1;
                            if shown_count.is_multiple_of(3) {
                                ui.end_row();
                            }
                        }
                    });
            });
    });
}

/// One column's header and the list of fields to read it as.
fn column_choice_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    index: usize,
    header: &str,
    current: Option<Field>,
    actions: &mut Actions,
) {
    let lang = state.lang;
    let label = ui.label(header.replace(['\n', '\r'], " "));
    let shown = |f: Option<Field>| match f {
        None | Some(Field::Derived) => state.t(T::ImpIgnore),
        Some(f) => lang.field_label(f),
    };
    let mut chosen = current;
    egui::ComboBox::from_id_salt(("import_field", index))
        .selected_text(shown(current))
        .width(150.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, None, state.t(T::ImpIgnore));
            for f in Field::ALL {
                ui.selectable_value(&mut chosen, Some(f), lang.field_label(f));
            }
        })
        .response
        .labelled_by(label.id);
    if chosen != current {
        actions.push(ImportAction::SetColumn(index, chosen));
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
