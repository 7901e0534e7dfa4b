//! The editor's 阶段进程: days between stages, the move button, the recorded moves.

use super::EditorState;
use crate::app::AppState;
use crate::domain::Stage;
use crate::domain::pipeline as rules;
use crate::i18n::{T, stage_label};

impl EditorState {
    /// 阶段进程: days between the dated stages, days in the current one, a way to move the
    /// stage (through the same prompt as the board), and the recorded moves.
    pub(super) fn timeline_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let lang = state.lang;
        let p = &self.project;
        let steps = rules::timeline(p);
        ui.horizontal_wrapped(|ui| {
            for (from, to, days) in &steps {
                ui.label(
                    state
                        .t(T::TimelineStep)
                        .replace("{from}", stage_label(lang, *from))
                        .replace("{to}", stage_label(lang, *to))
                        .replace("{days}", &days.to_string()),
                );
                ui.weak("·");
            }
            if let Some(date) = p.stage_date(p.stage) {
                ui.label(
                    state
                        .t(T::InStageNow)
                        .replace("{stage}", stage_label(lang, p.stage))
                        .replace(
                            "{days}",
                            &(state.today - date).num_days().max(0).to_string(),
                        ),
                );
            }
        });
        if self.is_new {
            return;
        }
        ui.horizontal(|ui| {
            ui.menu_button(state.t(T::MoveStageButton), |ui| {
                for to in Stage::ALL.into_iter().filter(|s| *s != p.stage) {
                    if ui.button(format!("→ {}", stage_label(lang, to))).clicked() {
                        self.move_request = Some(to);
                    }
                }
            });
        });
        if self.moves.0 != state.ledger.data_version() {
            self.moves = (state.ledger.data_version(), state.stage_moves(p.id));
            self.activities = (
                state.ledger.data_version(),
                state.project_activity_lines(p.id),
            );
        }
        // Stage moves and activities together, newest first.
        let mut lines: Vec<(chrono::NaiveDate, String)> = self
            .moves
            .1
            .iter()
            .map(|m| {
                let mut text = format!(
                    "{}  {} → {}",
                    m.date.format("%Y-%m-%d"),
                    stage_label(lang, m.from),
                    stage_label(lang, m.to)
                );
                if !m.who.is_empty() {
                    text.push_str(&format!(" · {}", m.who));
                }
                if !m.reason.is_empty() {
                    text.push_str(&format!(" · {}", m.reason));
                }
                (m.date, text)
            })
            .chain(self.activities.1.iter().cloned())
            .collect();
        lines.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
        egui::CollapsingHeader::new(format!("{} ({})", state.t(T::MoveHistory), lines.len()))
            .id_salt("editor_moves")
            .show(ui, |ui| {
                if lines.is_empty() {
                    ui.weak(state.t(T::NoMoves));
                }
                for (_, text) in &lines {
                    ui.label(text);
                }
            });
    }
}
