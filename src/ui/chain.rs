//! 产业链图谱: pick a chain; its segments as columns, its links as boxes coloured by status
//! with their projects and 亿元; a box clicked shows its figures, its target companies, the
//! button that opens the ledger on its projects, the override and the link's edits.

mod panel;

use egui::Color32;
use uuid::Uuid;

use super::widgets::updating_mark;
use super::{ScreenView, ViewContext};
use crate::app::{AppState, ChainAction};
use crate::domain::chain::status::LinkFigures;
use crate::domain::chain::{ChainNode, LinkStatus, Segment};
use crate::domain::money::yi_rounded;
use crate::i18n::T;

#[derive(Default)]
pub struct ChainView {
    panel: panel::LinkPanel,
    /// Typing a new link's name, per segment.
    new_link: [String; 3],
    editing: bool,
}

/// A box's fill: green for 已有, amber for 在谈, red for 缺链 (light and dark themes alike
/// keep dark text on these).
pub fn status_fill(status: LinkStatus) -> Color32 {
    match status {
        LinkStatus::Present => Color32::from_rgb(0xb7, 0xe4, 0xc7),
        LinkStatus::Negotiating => Color32::from_rgb(0xff, 0xe0, 0x99),
        LinkStatus::Missing => Color32::from_rgb(0xf4, 0xb6, 0xb6),
    }
}

/// A box's name, with ★ for a key link.
fn box_name(node: &ChainNode) -> String {
    let key = if node.key_link { " ★" } else { "" };
    format!("{}{key}", node.name)
}

/// A box's text: name (★ for a key link), status and projects, 亿元.
pub fn box_text(state: &AppState, node: &ChainNode, f: Option<&LinkFigures>) -> String {
    let status = f.map_or(LinkStatus::Missing, |f| f.status);
    let hand = match f.and_then(|f| f.overridden.as_ref()) {
        Some(_) => state.t(T::ChainOverriddenMark),
        None => "",
    };
    let counts = state
        .t(T::ChainBoxProjects)
        .replace("{status}", state.lang.link_status_label(status))
        .replace("{n}", &f.map_or(0, |f| f.projects).to_string());
    let amount = state
        .t(T::ChainBoxAmount)
        .replace("{amount}", &yi_rounded(f.map_or(0, |f| f.amount_cny), 2));
    format!("{}\n{counts}{hand}\n{amount}", box_name(node))
}

impl ScreenView for ChainView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let state = cx.state;
        self.top_ui(ui, cx);
        ui.separator();
        let model = &state.chain;
        if model.chain().is_none() {
            return;
        }
        if let Some(focus) = model.focus.and_then(|f| model.tree.node(f)) {
            egui::Panel::right("chain_link_panel")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .show(ui, |ui| self.panel.show_ui(ui, state, focus, cx.actions))
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                self.columns_ui(ui, cx);
                ui.add_space(12.0);
                panel::matching_ui(ui, state, cx.actions);
            });
        });
    }

    fn data_changed(&mut self, state: &AppState) {
        self.panel.follow(state);
    }
}

impl ChainView {
    fn top_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let state = cx.state;
        let model = &state.chain;
        ui.horizontal(|ui| {
            ui.heading(state.t(T::ChainHeading));
            if let Some(chain) = model.chain() {
                let label = ui.label(state.t(T::ChainPick));
                egui::ComboBox::from_id_salt("chain_pick")
                    .selected_text(&chain.name)
                    .show_ui(ui, |ui| {
                        for c in &model.chains {
                            if ui.selectable_label(c.id == chain.id, &c.name).clicked() {
                                cx.actions.push(ChainAction::Select(c.id));
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.toggle_value(&mut self.editing, state.t(T::ChainEdit));
            } else if ui.button(state.t(T::ChainLoadStarting)).clicked() {
                cx.actions.push(ChainAction::LoadStarting);
            }
        });
        if model.chain().is_none() {
            ui.add_space(12.0);
            ui.label(state.t(T::ChainNone));
            return;
        }
        ui.horizontal_wrapped(|ui| {
            if let Some(f) = model.figures_shown() {
                let pct = f.completeness.percent_text();
                ui.label(
                    state
                        .t(T::ChainSummary)
                        .replace("{covered}", &f.completeness.covered.to_string())
                        .replace("{total}", &f.completeness.total.to_string())
                        .replace("{pct}", &pct)
                        .replace("{negotiating}", &f.negotiating.to_string())
                        .replace("{missing}", &f.missing.to_string())
                        .replace("{signed}", &yi_rounded(f.signed_cny, 2)),
                );
            }
            updating_mark(ui, state.lang, model.links_updating());
        });
    }

    fn columns_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let state = cx.state;
        ui.columns(3, |columns| {
            for (i, segment) in Segment::ALL.into_iter().enumerate() {
                let ui = &mut columns[i];
                ui.vertical_centered(|ui| ui.heading(state.lang.segment_label(segment)));
                ui.separator();
                for link in state.chain.tree.links_of(segment) {
                    link_box_ui(ui, state, link, false, cx);
                    for sub in state.chain.tree.children_of(link.id) {
                        ui.indent(sub.id, |ui| link_box_ui(ui, state, sub, true, cx));
                    }
                    ui.add_space(6.0);
                }
                if self.editing {
                    self.add_link_ui(ui, state, segment, i, cx);
                }
            }
        });
    }

    fn add_link_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        segment: Segment,
        i: usize,
        cx: &mut ViewContext<'_>,
    ) {
        ui.horizontal(|ui| {
            let name = &mut self.new_link[i];
            ui.add(
                egui::TextEdit::singleline(name)
                    .hint_text(state.t(T::ChainLinkName))
                    .desired_width(120.0),
            );
            let add = ui.button(state.t(T::ChainAddLink));
            if add.clicked() && !name.trim().is_empty() {
                cx.actions.push(ChainAction::AddLink {
                    segment,
                    parent: None,
                    name: std::mem::take(name),
                });
            }
        });
    }
}

fn link_box_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    node: &ChainNode,
    sub: bool,
    cx: &mut ViewContext<'_>,
) {
    let known = state.chain.figures_shown().is_some();
    let figures = state.chain.figures_of(node.id);
    let status = figures.map_or(LinkStatus::Missing, |f| f.status);
    let focused = state.chain.focus == Some(node.id);
    // Until the chain's figures are read, a box shows its name on grey: 缺链's red would be a
    // status nobody computed.
    let (text, fill) = match known {
        true => (box_text(state, node, figures), status_fill(status)),
        false => (box_name(node), Color32::from_gray(0xdd)),
    };
    let text = egui::RichText::new(text).color(Color32::from_gray(20));
    let text = if sub { text.small() } else { text };
    let width = ui.available_width();
    let button = egui::Button::new(text)
        .fill(fill)
        .stroke(if focused {
            egui::Stroke::new(2.5, Color32::from_rgb(0x1f, 0x4e, 0x99))
        } else if node.key_link {
            egui::Stroke::new(1.5, Color32::from_rgb(0x99, 0x66, 0x00))
        } else {
            egui::Stroke::NONE
        })
        .min_size(egui::vec2(width, 0.0));
    if ui.add(button).clicked() {
        let focus: Option<Uuid> = (!focused).then_some(node.id);
        cx.actions.push(ChainAction::Focus(focus));
    }
}
