//! The chain screen's side panel on one link (its figures, the ledger button, its target
//! companies, the override with its reason, rename / key mark / sub-link / remove), and the
//! list of projects to attach by their 产业链环节 text.

use uuid::Uuid;

use super::super::Actions;
use super::super::widgets::updating_mark;
use crate::app::{AppState, ChainAction};
use crate::domain::chain::{ChainNode, LinkStatus, StatusOverride};
use crate::domain::money::yi_rounded;
use crate::i18n::T;

/// The panel's drafts, for the link they were started on.
#[derive(Default)]
pub struct LinkPanel {
    link: Option<Uuid>,
    name: String,
    sub_link: String,
    status: Option<LinkStatus>,
    reason: String,
    error: Option<T>,
}

impl LinkPanel {
    /// Drafts are for one link: another link, or the link gone, starts them again.
    pub fn follow(&mut self, state: &AppState) {
        if self.link != state.chain.focus {
            *self = LinkPanel::default();
        }
    }

    fn start(&mut self, node: &ChainNode) {
        if self.link != Some(node.id) {
            *self = LinkPanel {
                link: Some(node.id),
                name: node.name.clone(),
                ..LinkPanel::default()
            };
        }
    }

    pub fn show_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        node: &ChainNode,
        actions: &mut Actions,
    ) {
        self.start(node);
        let f = state.chain.figures_of(node.id);
        ui.heading(&node.name);
        if node.key_link {
            ui.label(state.t(T::ChainKeyMark));
        }
        let label = |s| state.lang.link_status_label(s);
        if let Some(f) = f {
            match &f.overridden {
                Some(o) => ui.label(
                    state
                        .t(T::ChainOverrideShown)
                        .replace("{status}", label(o.status))
                        .replace("{reason}", &o.reason),
                ),
                None => ui.label(label(f.status)),
            };
            ui.label(
                state
                    .t(T::ChainComputed)
                    .replace("{status}", label(f.computed)),
            );
            ui.label(
                state
                    .t(T::ChainSigned)
                    .replace("{n}", &f.signed.to_string())
                    .replace("{amount}", &yi_rounded(f.signed_cny, 2)),
            );
        }
        if !node.local_companies.is_empty() {
            ui.label(
                state
                    .t(T::ChainLocalCompanies)
                    .replace("{names}", &node.local_companies.join("、")),
            );
        }
        let n = state.chain.projects_of(node.id).len();
        let open = state.t(T::ChainOpenProjects).replace("{n}", &n.to_string());
        if ui.add_enabled(n > 0, egui::Button::new(open)).clicked() {
            actions.push(ChainAction::OpenLink(node.id));
        }
        ui.separator();
        companies_ui(ui, state);
        ui.separator();
        self.override_ui(ui, state, node, actions);
        ui.separator();
        self.edit_ui(ui, state, node, actions);
    }

    fn override_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        node: &ChainNode,
        actions: &mut Actions,
    ) {
        ui.strong(state.t(T::ChainOverrideTitle));
        ui.horizontal_wrapped(|ui| {
            for s in LinkStatus::ALL {
                let text = state.lang.link_status_label(s);
                if ui.selectable_label(self.status == Some(s), text).clicked() {
                    self.status = Some(s);
                }
            }
        });
        let label = ui.label(state.t(T::ChainOverrideReason));
        ui.text_edit_singleline(&mut self.reason)
            .labelled_by(label.id);
        ui.horizontal(|ui| {
            let set = ui.add_enabled(
                self.status.is_some(),
                egui::Button::new(state.t(T::ChainOverrideSet)),
            );
            if set.clicked()
                && let Some(status) = self.status
            {
                if self.reason.trim().is_empty() {
                    self.error = Some(T::ChainOverrideNeedsReason);
                } else {
                    let word = StatusOverride {
                        status,
                        reason: self.reason.trim().to_owned(),
                    };
                    actions.push(ChainAction::Override(node.id, Some(word)));
                    self.error = None;
                }
            }
            let overridden =
                (state.chain.figures_of(node.id)).is_some_and(|f| f.overridden.is_some());
            if overridden && ui.button(state.t(T::ChainOverrideClear)).clicked() {
                actions.push(ChainAction::Override(node.id, None));
            }
        });
        if let Some(e) = self.error {
            ui.colored_label(ui.visuals().error_fg_color, state.t(e));
        }
    }

    fn edit_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        node: &ChainNode,
        actions: &mut Actions,
    ) {
        ui.horizontal(|ui| {
            let label = ui.label(state.t(T::ChainLinkName));
            ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(140.0))
                .labelled_by(label.id);
            if ui.button(state.t(T::ChainRename)).clicked() {
                actions.push(ChainAction::RenameLink(node.id, self.name.clone()));
            }
        });
        let mut key = node.key_link;
        if ui.checkbox(&mut key, state.t(T::ChainKeyLink)).changed() {
            actions.push(ChainAction::SetKeyLink(node.id, key));
        }
        if node.parent.is_none() {
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut self.sub_link)
                        .hint_text(state.t(T::ChainLinkName))
                        .desired_width(140.0),
                );
                if ui.button(state.t(T::ChainAddSubLink)).clicked()
                    && !self.sub_link.trim().is_empty()
                {
                    actions.push(ChainAction::AddLink {
                        segment: node.segment,
                        parent: Some(node.id),
                        name: std::mem::take(&mut self.sub_link),
                    });
                }
            });
        }
        if ui.button(state.t(T::ChainRemoveLink)).clicked() {
            actions.push(ChainAction::RemoveLink(node.id));
            actions.push(ChainAction::Focus(None));
        }
    }
}

fn companies_ui(ui: &mut egui::Ui, state: &AppState) {
    ui.strong(state.t(T::ChainTargetCompanies));
    let companies = &state.chain.companies;
    if companies.is_empty() {
        ui.weak(state.t(T::ChainNoCompanies));
    }
    for c in companies {
        let mut line = format!("{} · {}", c.priority.code(), c.name);
        if !c.city.is_empty() {
            line = format!("{line} · {}", c.city);
        }
        if c.chain_leader {
            line = format!("{line} · {}", state.t(T::ChainCompanyLeader));
        }
        ui.label(line);
    }
}

/// Projects whose 产业链环节 text names a link (attach them all), and the chain's industry's
/// projects whose text names none (assign each).
pub fn matching_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
    let model = &state.chain;
    let matching = &model.matching;
    if matching.chain != model.selected {
        // Read for another chain: the ones for this chain are on their way.
        ui.horizontal(|ui| updating_mark(ui, state.lang, model.matching_updating()));
        return;
    }
    if !matching.suggested.is_empty() {
        ui.horizontal_wrapped(|ui| {
            let n = matching.suggested_projects().to_string();
            ui.label(state.t(T::ChainSuggested).replace("{n}", &n));
            if ui.button(state.t(T::ChainAttachAll)).clicked() {
                actions.push(ChainAction::AttachMatched);
            }
        });
    }
    if matching.unassigned == 0 {
        return;
    }
    let n = matching.unassigned.to_string();
    ui.label(state.t(T::ChainUnassigned).replace("{n}", &n));
    // A long list shows its first rows; the rest follow as these are assigned.
    for text in &matching.unassigned_first {
        ui.horizontal(|ui| {
            let label = ui.label(format!("{}（{}）", text.name, text.text));
            egui::ComboBox::from_id_salt(("chain_assign", text.project))
                .selected_text(state.t(T::ChainAssignTo))
                .show_ui(ui, |ui| {
                    for node in &model.tree.nodes {
                        if ui.selectable_label(false, &node.name).clicked() {
                            actions.push(ChainAction::Attach(vec![(text.project, node.id)]));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }
}
