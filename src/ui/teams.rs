//! 招商队伍: teams and their officers, with each team's project count and total.

use super::Actions;
use crate::app::{EditAction, LedgerAction};
use uuid::Uuid;

use crate::app::AppState;
use crate::domain::money::yi_rounded;
use crate::domain::{Officer, Team, TeamKind};
use crate::i18n::T;

#[derive(Default)]
pub struct TeamsView {
    /// The team being edited (a working copy) and whether it is new.
    draft: Option<(Team, bool)>,
    /// Officer being edited or added for the selected team.
    officer_draft: Option<Officer>,
    selected: Option<Uuid>,
    error: Option<String>,
}

impl TeamsView {
    pub fn show_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        ui.horizontal(|ui| {
            ui.heading(state.t(T::NavTeams));
            if ui.button(state.t(T::NewTeam)).clicked() {
                let team = Team::new("");
                self.selected = Some(team.id);
                self.draft = Some((team, true));
                self.officer_draft = None;
            }
            // The teams' totals are being summed on a worker.
            super::widgets::updating_mark(ui, state.lang, state.team_totals.is_updating());
        });
        ui.separator();
        egui::Panel::left("team_list")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| self.list_ui(ui, state));
        egui::CentralPanel::default().show(ui, |ui| self.detail_ui(ui, state, actions));
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if state.ledger.teams.is_empty() {
                ui.weak(state.t(T::NoTeams));
            }
            for team in &state.ledger.teams {
                let (count, amount) = state
                    .team_totals
                    .of(team.id)
                    .map(|t| (t.count, t.amount_cny))
                    .unwrap_or((0, 0));
                let text = format!(
                    "{}\n{} · {} {} · {} {}",
                    team.name,
                    state.lang.team_kind_label(team.kind),
                    count,
                    state.t(T::ProjectsUnit),
                    yi_rounded(amount, 2),
                    state.t(T::YiYuan)
                );
                let selected = self.selected == Some(team.id);
                if ui
                    .add(
                        egui::Button::selectable(selected, text)
                            .min_size(egui::vec2(ui.available_width(), 0.0)),
                    )
                    .clicked()
                {
                    self.selected = Some(team.id);
                    self.draft = Some((team.clone(), false));
                    self.officer_draft = None;
                    self.error = None;
                }
            }
        });
    }

    fn detail_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        let Some((draft, is_new)) = &mut self.draft else {
            ui.weak(state.t(T::PickTeam));
            return;
        };
        team_form_ui(ui, state, draft);
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let mut deleted = false;
        let mut error = self.error.take();
        ui.horizontal(|ui| {
            if ui.button(state.t(T::Save)).clicked() {
                if draft.name.trim().is_empty() {
                    error = Some(state.t(T::ErrTeamNameMissing).to_string());
                } else {
                    draft.name = draft.name.trim().to_string();
                    actions.push(EditAction::SaveTeam(draft.clone()));
                    *is_new = false;
                    error = None;
                }
            }
            if !*is_new {
                if ui.button(state.t(T::ShowTeamProjects)).clicked() {
                    actions.push(LedgerAction::ShowTeam(draft.id));
                }
                if ui.button(state.t(T::DeleteTeam)).clicked() {
                    actions.push(EditAction::DeleteTeam(draft.id));
                    deleted = true;
                }
            }
        });
        self.error = error;
        if deleted {
            self.draft = None;
            self.selected = None;
            return;
        }
        let Some((team, false)) = &self.draft else {
            return;
        };
        let team_id = team.id;
        ui.separator();
        ui.horizontal(|ui| {
            ui.strong(state.t(T::Officers));
            if ui.button(state.t(T::AddOfficer)).clicked() {
                self.officer_draft = Some(Officer::new(team_id, ""));
            }
        });
        let mut edit = None;
        egui::Grid::new("officers")
            .num_columns(4)
            .striped(true)
            .show(ui, |ui| {
                for officer in state
                    .ledger
                    .officers
                    .iter()
                    .filter(|o| o.team_id == team_id)
                {
                    ui.label(&officer.name);
                    ui.label(&officer.role);
                    ui.label(&officer.phone);
                    ui.horizontal(|ui| {
                        if ui.small_button(state.t(T::Edit)).clicked() {
                            edit = Some(officer.clone());
                        }
                        if ui.small_button(state.t(T::Delete)).clicked() {
                            actions.push(EditAction::DeleteOfficer(officer.id));
                        }
                    });
                    ui.end_row();
                }
            });
        if edit.is_some() {
            self.officer_draft = edit;
        }
        if let Some(officer) = &mut self.officer_draft
            && officer_form_ui(ui, state, officer, actions)
        {
            self.officer_draft = None;
        }
    }
}

fn team_form_ui(ui: &mut egui::Ui, state: &AppState, draft: &mut Team) {
    egui::Grid::new("team_form")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label(state.t(T::TeamName));
            ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(280.0))
                .labelled_by(label.id);
            ui.end_row();
            ui.label(state.t(T::TeamKind));
            ui.horizontal(|ui| {
                for kind in TeamKind::ALL {
                    ui.selectable_value(&mut draft.kind, kind, state.lang.team_kind_label(kind));
                }
            });
            ui.end_row();
            let label = ui.label(state.t(T::BaseCity));
            ui.add(
                egui::TextEdit::singleline(&mut draft.base_city)
                    .hint_text(state.t(T::BaseCityHint))
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            ui.label(state.t(T::FocusIndustries));
            ui.horizontal_wrapped(|ui| {
                ui.set_max_width(520.0);
                for industry in &state.ledger.industries {
                    let mut on = draft.focus_industries.contains(industry);
                    if ui.checkbox(&mut on, industry).changed() {
                        if on {
                            draft.focus_industries.push(industry.clone());
                        } else {
                            draft.focus_industries.retain(|i| i != industry);
                        }
                    }
                }
            });
            ui.end_row();
        });
}

/// The officer being added or edited; returns true when it is done (saved or cancelled).
fn officer_form_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    officer: &mut Officer,
    actions: &mut Actions,
) -> bool {
    let mut done = false;
    ui.horizontal(|ui| {
        let label = ui.label(state.t(T::OfficerName));
        ui.add(egui::TextEdit::singleline(&mut officer.name).desired_width(100.0))
            .labelled_by(label.id);
        let label = ui.label(state.t(T::Role));
        ui.add(
            egui::TextEdit::singleline(&mut officer.role)
                .hint_text(state.t(T::RoleHint))
                .desired_width(100.0),
        )
        .labelled_by(label.id);
        let label = ui.label(state.t(T::Phone));
        ui.add(egui::TextEdit::singleline(&mut officer.phone).desired_width(110.0))
            .labelled_by(label.id);
        if ui.button(state.t(T::Save)).clicked() && !officer.name.trim().is_empty() {
            officer.name = officer.name.trim().to_string();
            actions.push(EditAction::SaveOfficer(officer.clone()));
            done = true;
        } else if ui.button(state.t(T::Cancel)).clicked() {
            done = true;
        }
    });
    done
}

impl super::ScreenView for TeamsView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut super::ViewContext<'_>) {
        self.show_ui(ui, cx.state, cx.actions);
    }
}
