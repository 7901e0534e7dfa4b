//! The rows a checked file will import, each duplicate with its own choice.

use egui_extras::{Column, TableBuilder};

use super::super::Actions;
use super::super::widgets::date_text;
use crate::app::AppState;
use crate::app::ImportAction;
use crate::app::import::{DuplicatePolicy, ImportPreview};
use crate::i18n::{T, stage_label};

/// The rows that will import; a duplicate's row has its own choice (skip, update, import as
/// new), and the list can be narrowed to the duplicates.
pub(super) fn rows_ui(
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
                    // Only the rows in view are unpacked.
                    let project = r.project();
                    row.col(|ui| {
                        ui.label(r.row.to_string());
                    });
                    row.col(|ui| {
                        ui.label(&project.name);
                    });
                    row.col(|ui| {
                        ui.label(&project.company);
                    });
                    row.col(|ui| {
                        if let Some(m) = project.investment {
                            ui.label(m.display_zh());
                        }
                    });
                    row.col(|ui| {
                        ui.label(stage_label(state.lang, project.stage));
                    });
                    row.col(|ui| {
                        ui.label(date_text(project.signed_date()));
                    });
                    row.col(|ui| duplicate_ui(ui, state, r, index, policy, actions));
                });
            });
    });
}

/// A duplicate row's own choice (skip, update, import as new) and the project it repeats.
fn duplicate_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    r: &crate::io::import::ImportRow,
    index: usize,
    policy: DuplicatePolicy,
    actions: &mut Actions,
) {
    let Some(d) = &r.duplicate else {
        return;
    };
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
                    actions.push(ImportAction::SetRowDuplicatePolicy(index, p));
                }
            }
        })
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &label));
    ui.label(&d.name).on_hover_text(&d.name);
}
