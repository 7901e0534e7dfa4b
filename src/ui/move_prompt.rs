//! The board's two prompts: the move prompt every stage move goes through (the new stage's
//! date, a reason, what the move will stamp) and the 暂缓至 prompt.

use chrono::NaiveDate;
use egui::Id;
use uuid::Uuid;

use super::Actions;
use super::widgets::parse_day;
use crate::app::{AppState, BoardAction};
use crate::domain::pipeline as rules;
use crate::domain::{Project, Stage};
use crate::i18n::{T, stage_label};

/// The small prompt every move goes through: the new stage's date (today by default), a
/// reason (required for 终止), and a warning for a move backwards.
pub struct MovePrompt {
    project: Project,
    to: Stage,
    date: String,
    reason: String,
}

/// What the prompt did this frame.
pub enum PromptOutcome {
    Open,
    Closed,
    Moved { id: Uuid, to: Stage },
}

impl MovePrompt {
    pub fn new(state: &AppState, project: Project, to: Stage) -> MovePrompt {
        MovePrompt {
            project,
            to,
            date: state.today.format("%Y-%m-%d").to_string(),
            reason: String::new(),
        }
    }

    fn problem(&self, state: &AppState) -> Result<NaiveDate, String> {
        let date = parse_day(&self.date).ok_or_else(|| state.t(T::ErrBadDate).to_string())?;
        match state.move_problem(&self.project, self.to, date, &self.reason) {
            Some(problem) => Err(problem),
            None => Ok(date),
        }
    }

    pub fn show_ui(
        &mut self,
        ctx: &egui::Context,
        state: &AppState,
        actions: &mut Actions,
    ) -> PromptOutcome {
        let lang = state.lang;
        let backward = rules::is_backward(&self.project, self.to);
        let mut outcome = PromptOutcome::Open;
        let modal = egui::Modal::new(Id::unique("move_prompt")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading(state.t(T::MoveTitle));
            ui.add_space(4.0);
            ui.label(
                state
                    .t(T::MoveFromTo)
                    .replace("{name}", &self.project.name)
                    .replace("{from}", stage_label(lang, self.project.stage))
                    .replace("{to}", stage_label(lang, self.to)),
            );
            if backward {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    state
                        .t(T::BackwardWarning)
                        .replace("{to}", stage_label(lang, self.to)),
                );
            }
            ui.add_space(6.0);
            egui::Grid::new("move_prompt_grid")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    let label = ui.label(
                        state
                            .t(T::StageDateLabel)
                            .replace("{stage}", stage_label(lang, self.to)),
                    );
                    ui.add(egui::TextEdit::singleline(&mut self.date).desired_width(120.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(state.t(T::MoveReason));
                    let hint = if self.to == Stage::Dropped {
                        T::MoveReasonRequired
                    } else {
                        T::MoveReasonOptional
                    };
                    ui.add(
                        egui::TextEdit::singleline(&mut self.reason)
                            .hint_text(state.t(hint))
                            .desired_width(280.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            let checked = self.problem(state);
            if let Err(problem) = &checked {
                super::widgets::field_error_ui(ui, problem);
            }
            ui.add_space(6.0);
            // Enter confirms, as the button does, so the keyboard path needs no mouse.
            let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let confirm = if backward {
                    T::ConfirmBackward
                } else {
                    T::ConfirmMove
                };
                let clicked = ui
                    .add_enabled(checked.is_ok(), egui::Button::new(state.t(confirm)))
                    .clicked();
                if (clicked || enter)
                    && let Ok(date) = checked
                {
                    actions.push(BoardAction::Move {
                        project: self.project.id,
                        to: self.to,
                        date,
                        reason: self.reason.trim().to_string(),
                    });
                    outcome = PromptOutcome::Moved {
                        id: self.project.id,
                        to: self.to,
                    };
                }
                if ui.button(state.t(T::Cancel)).clicked() {
                    outcome = PromptOutcome::Closed;
                }
            });
        });
        if matches!(outcome, PromptOutcome::Open) && modal.should_close() {
            outcome = PromptOutcome::Closed;
        }
        outcome
    }
}

/// 暂缓至 <date> with a reason.
pub(super) struct SnoozePrompt {
    id: Uuid,
    until: String,
    reason: String,
}

impl SnoozePrompt {
    pub(super) fn new(state: &AppState, id: Uuid) -> SnoozePrompt {
        let (until, reason) = state
            .snooze_of(id)
            .map(|(d, r)| (d.format("%Y-%m-%d").to_string(), r))
            .unwrap_or_else(|| {
                let month = state.today + chrono::Duration::days(30);
                (month.format("%Y-%m-%d").to_string(), String::new())
            });
        SnoozePrompt { id, until, reason }
    }

    /// Returns false once closed.
    pub(super) fn show_ui(
        &mut self,
        ctx: &egui::Context,
        state: &AppState,
        actions: &mut Actions,
    ) -> bool {
        let mut open = true;
        let modal = egui::Modal::new(Id::unique("snooze_prompt")).show(ctx, |ui| {
            ui.set_width(400.0);
            ui.heading(state.t(T::SnoozeTitle));
            egui::Grid::new("snooze_grid")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    let label = ui.label(state.t(T::SnoozeUntil));
                    ui.add(egui::TextEdit::singleline(&mut self.until).desired_width(120.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(state.t(T::MoveReason));
                    ui.add(egui::TextEdit::singleline(&mut self.reason).desired_width(260.0))
                        .labelled_by(label.id);
                    ui.end_row();
                });
            let checked = match parse_day(&self.until) {
                None => Err(state.t(T::ErrBadDate)),
                Some(d) if d <= state.today => Err(state.t(T::ErrSnoozeDate)),
                Some(_) if self.reason.trim().is_empty() => Err(state.t(T::ErrSnoozeReason)),
                Some(d) => Ok(d),
            };
            if let Err(problem) = checked {
                super::widgets::field_error_ui(ui, problem);
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(checked.is_ok(), egui::Button::new(state.t(T::Save)))
                    .clicked()
                    && let Ok(until) = checked
                {
                    actions.push(BoardAction::Snooze {
                        project: self.id,
                        until: Some(until),
                        reason: self.reason.trim().to_string(),
                    });
                    open = false;
                }
                if ui.button(state.t(T::Cancel)).clicked() {
                    open = false;
                }
            });
        });
        open && !modal.should_close()
    }
}
