//! The window that adds or edits one target company: name, credit code, city, the links it
//! fits, priority, 链主, owner, contact status and notes. 保存 sends one change (one undo step).

use uuid::Uuid;

use super::Actions;
use super::filters::filter_combo;
use crate::app::{AppState, CompanyAction};
use crate::domain::target_company::{ContactStatus, Priority, TargetCompany};
use crate::i18n::T;

/// A company being edited, and whether it is new (not stored yet).
pub struct CompanyForm {
    draft: TargetCompany,
    new: bool,
    /// Why 保存 was refused, shown under the fields.
    problem: Option<T>,
}

impl CompanyForm {
    pub fn new(company: TargetCompany) -> CompanyForm {
        CompanyForm {
            new: company.name.is_empty(),
            draft: company,
            problem: None,
        }
    }

    pub fn is_new(&self) -> bool {
        self.new
    }

    pub fn id(&self) -> Uuid {
        self.draft.id
    }

    /// Draws the window; false once it is closed (saved or cancelled).
    pub fn window_ui(&mut self, ui: &egui::Ui, state: &AppState, actions: &mut Actions) -> bool {
        let (mut open, mut close) = (true, false);
        egui::Window::new(state.t(T::CoEditTitle))
            .collapsible(false)
            .resizable(false)
            .open(&mut open)
            .show(ui.ctx(), |ui| {
                egui::Grid::new("target_company_fields")
                    .num_columns(2)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| self.fields_ui(ui, state));
                links_ui(ui, state, &mut self.draft.links);
                if let Some(problem) = self.problem {
                    ui.colored_label(ui.visuals().error_fg_color, state.t(problem));
                }
                ui.horizontal(|ui| {
                    if ui.button(state.t(T::Save)).clicked() {
                        if self.draft.name.trim().is_empty() {
                            self.problem = Some(T::CoNameMissing);
                        } else {
                            let mut company = self.draft.clone();
                            company.name = company.name.trim().to_string();
                            actions.push(CompanyAction::Save(Box::new(company)));
                            close = true;
                        }
                    }
                    if ui.button(state.t(T::Cancel)).clicked() {
                        close = true;
                    }
                });
            });
        open && !close
    }

    fn fields_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let d = &mut self.draft;
        for (key, text) in [
            (T::CoName, &mut d.name),
            (T::CoCreditCode, &mut d.credit_code),
            (T::CoCity, &mut d.city),
        ] {
            let label = ui.label(state.t(key));
            ui.add(egui::TextEdit::singleline(text).desired_width(260.0))
                .labelled_by(label.id);
            ui.end_row();
        }
        ui.label(state.t(T::CoPriority));
        ui.horizontal(|ui| {
            for p in Priority::ALL {
                ui.selectable_value(&mut d.priority, p, p.code());
            }
            ui.checkbox(&mut d.chain_leader, state.t(T::CoLeader));
        });
        ui.end_row();
        ui.label("");
        ui.horizontal(|ui| {
            let officer = state.ledger.officer_name(d.officer).to_string();
            filter_combo(ui, "co_form_officer", state.t(T::Officer), officer, |ui| {
                ui.selectable_value(&mut d.officer, None, state.t(T::NotGiven));
                for o in &state.ledger.officers {
                    ui.selectable_value(&mut d.officer, Some(o.id), &o.name);
                }
            });
            let contact = state.lang.contact_label(d.contact);
            filter_combo(
                ui,
                "co_form_contact",
                state.t(T::CoContact),
                contact,
                |ui| {
                    for s in ContactStatus::ALL {
                        ui.selectable_value(&mut d.contact, s, state.lang.contact_label(s));
                    }
                },
            );
        });
        ui.end_row();
        let label = ui.label(state.t(T::Notes));
        ui.add(
            egui::TextEdit::multiline(&mut d.notes)
                .desired_rows(2)
                .desired_width(260.0),
        )
        .labelled_by(label.id);
        ui.end_row();
    }
}

/// The links the company fits, each removable, and a box that adds one.
fn links_ui(ui: &mut egui::Ui, state: &AppState, links: &mut Vec<Uuid>) {
    let choices = &state.companies.links;
    ui.label(state.t(T::CoLinks));
    if choices.is_empty() {
        ui.weak(state.t(T::CoNoLinks));
        return;
    }
    let mut remove = None;
    ui.horizontal_wrapped(|ui| {
        for (i, id) in links.iter().enumerate() {
            let name = choices
                .iter()
                .find(|l| l.id == *id)
                .map_or("?", |l| l.label.as_str());
            ui.label(name);
            if ui
                .small_button("×")
                .on_hover_text(state.t(T::CoRemoveLink))
                .clicked()
            {
                remove = Some(i);
            }
        }
    });
    if let Some(i) = remove {
        links.remove(i);
    }
    let mut added = None;
    filter_combo(ui, "co_form_add_link", state.t(T::CoAddLink), "…", |ui| {
        for l in choices.iter().filter(|l| !links.contains(&l.id)) {
            ui.selectable_value(&mut added, Some(l.id), &l.label);
        }
    });
    if let Some(id) = added {
        links.push(id);
    }
}
