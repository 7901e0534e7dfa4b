//! The editor's 产业链环节 section: the links the project is attached to (chain › link), each
//! with 移除, and a picker (chain, then link) to add one. The set is saved with the project, in
//! the same undo step; nothing is written before 保存.

use uuid::Uuid;

use crate::app::AppState;
use crate::app::target_companies::LinkChoice;
use crate::i18n::T;

/// The links chosen in the editor, and what it can choose from.
pub struct LinksEditor {
    /// Every link of every chain, read when the editor opened.
    choices: Vec<LinkChoice>,
    /// The links as stored when the editor opened.
    stored: Vec<Uuid>,
    /// The links as chosen now.
    pub links: Vec<Uuid>,
    /// The picker: the chain chosen, then the link.
    chain: Option<Uuid>,
    pick: Option<Uuid>,
}

impl LinksEditor {
    /// The links of `project` (none for a new one) and every link there is.
    pub fn load(state: &AppState, project: Option<Uuid>) -> LinksEditor {
        let stored = project.map_or_else(Vec::new, |p| state.project_link_nodes(p));
        let choices = state.chain_link_choices();
        // The picker starts on the chain of the project's first link, else the first chain.
        let first = (stored.first())
            .and_then(|id| choices.iter().find(|c| c.id == *id))
            .or(choices.first());
        LinksEditor {
            chain: first.map(|c| c.chain),
            links: stored.clone(),
            stored,
            choices,
            pick: None,
        }
    }

    /// Whether the set differs from what is stored (the save then carries it).
    pub fn changed(&self) -> bool {
        self.links != self.stored
    }

    fn label(&self, id: Uuid) -> String {
        (self.choices.iter().find(|c| c.id == id))
            .map(|c| format!("{} › {}", c.chain_name, c.name))
            .unwrap_or_default()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        ui.add_space(4.0);
        ui.strong(state.t(T::EdLinksHeading));
        if self.choices.is_empty() {
            ui.weak(state.t(T::EdLinksNoChains));
            return;
        }
        if self.links.is_empty() {
            ui.weak(state.t(T::EdLinksNone));
        }
        let mut removed = None;
        for id in &self.links {
            ui.horizontal(|ui| {
                ui.label(self.label(*id));
                ui.push_id(id, |ui| {
                    if ui.small_button(state.t(T::EdLinkRemove)).clicked() {
                        removed = Some(*id);
                    }
                });
            });
        }
        if let Some(id) = removed {
            self.links.retain(|l| *l != id);
        }
        self.picker_ui(ui, state);
        ui.add_space(6.0);
    }

    /// 产业链 and 环节 combos and 添加环节.
    fn picker_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        ui.horizontal(|ui| {
            let mut chains: Vec<(Uuid, &str)> = Vec::new();
            for c in &self.choices {
                if !chains.iter().any(|(id, _)| *id == c.chain) {
                    chains.push((c.chain, c.chain_name.as_str()));
                }
            }
            let chain_name =
                (chains.iter().find(|(id, _)| Some(*id) == self.chain)).map_or("", |(_, n)| *n);
            let label = ui.label(state.t(T::EdLinkChain));
            let before = self.chain;
            egui::ComboBox::from_id_salt("editor_link_chain")
                .selected_text(chain_name)
                .show_ui(ui, |ui| {
                    for (id, name) in &chains {
                        ui.selectable_value(&mut self.chain, Some(*id), *name);
                    }
                })
                .response
                .labelled_by(label.id);
            if self.chain != before {
                self.pick = None;
            }
            let pick_name = self
                .pick
                .and_then(|id| self.choices.iter().find(|c| c.id == id))
                .map_or("", |c| c.name.as_str());
            let label = ui.label(state.t(T::EdLinkPick));
            egui::ComboBox::from_id_salt("editor_link_pick")
                .selected_text(pick_name)
                .width(180.0)
                .show_ui(ui, |ui| {
                    let of_chain = self.choices.iter().filter(|c| Some(c.chain) == self.chain);
                    for c in of_chain.filter(|c| !self.links.contains(&c.id)) {
                        let text = if c.sub {
                            format!("  └ {}", c.name)
                        } else {
                            c.name.clone()
                        };
                        ui.selectable_value(&mut self.pick, Some(c.id), text);
                    }
                })
                .response
                .labelled_by(label.id);
            let can = self.pick.is_some_and(|p| !self.links.contains(&p));
            if ui
                .add_enabled(can, egui::Button::new(state.t(T::EdLinkAdd)))
                .clicked()
                && let Some(id) = self.pick.take()
            {
                self.links.push(id);
            }
        });
    }
}
