//! What the editor asks before saving a figure or dates that look wrong (`domain::checks`,
//! the same rules and words as the importer's), and the amount unit it remembers.

use super::EditorState;
use crate::app::AppState;
use crate::domain::Project;
use crate::domain::checks::date_problems;
use crate::domain::money::{WAN, YI, scaled_zh};
use crate::i18n::T;
use crate::io::import::date_problem_text;

/// The units the editor offers for 总投资, largest first.
pub const UNITS: [i64; 3] = [YI, WAN, 1];

/// The unit a user who never chose one gets: 万, as office ledgers and the importer use.
pub const DEFAULT_UNIT: i64 = WAN;

/// `unit` when it is one the editor offers, else the default (a prefs file from elsewhere).
pub fn known_unit(unit: i64) -> i64 {
    if UNITS.contains(&unit) {
        unit
    } else {
        DEFAULT_UNIT
    }
}

/// The warnings that make 保存 ask first: an amount above the plausible bound, a stage and
/// dates that disagree.
pub(super) fn save_warnings(state: &AppState, project: &Project) -> Vec<String> {
    let mut warnings = Vec::new();
    let bound = state.amount_bound();
    if let Some(cny) = bound.exceeded(project, &state.ledger.rates) {
        warnings.push(
            state
                .t(T::ImpImplausible)
                .replace("{amount}", &scaled_zh(cny))
                .replace("{bound}", &scaled_zh(bound.max_cny)),
        );
    }
    warnings.extend(date_warnings(state, project));
    warnings
}

/// The stage and dates that disagree, in words.
pub(super) fn date_warnings(state: &AppState, project: &Project) -> Vec<String> {
    date_problems(project, Some(state.today))
        .into_iter()
        .map(|p| date_problem_text(state.lang, p))
        .collect()
}

/// A warning line: amber, wrapped to the width there is.
pub(super) fn warning_ui(ui: &mut egui::Ui, text: &str) {
    ui.add(egui::Label::new(egui::RichText::new(text).color(ui.visuals().warn_fg_color)).wrap());
}

impl EditorState {
    /// The warnings and 仍然保存 / 返回修改 while a save waits for an answer; the project to
    /// save once confirmed.
    pub(super) fn confirm_save_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
    ) -> Option<Project> {
        let (project, warnings, _) = self.confirm_save.as_ref()?;
        let mut saved = None;
        let mut back = false;
        ui.group(|ui| {
            ui.strong(state.t(T::EdAskBeforeSave));
            for w in warnings {
                warning_ui(ui, w);
            }
            ui.horizontal(|ui| {
                if ui.button(state.t(T::EdBackToEdit)).clicked() {
                    back = true;
                }
                if ui.button(state.t(T::EdSaveAnyway)).clicked() {
                    saved = Some((**project).clone());
                }
            });
        });
        if back || saved.is_some() {
            self.confirm_save = None;
        }
        saved
    }
}
