//! 目标企业 (招商目标企业库): the target companies under a filter (link, priority, contact status,
//! city or province, owner, 链主 only), each with 编辑, 删除 and 转为项目; the form that adds or
//! edits one is in `target_companies_form.rs`. Every change is one undo step (撤销).

use egui_extras::{Column, TableBuilder};

use super::Actions;
use super::filters::filter_combo;
use super::target_companies_form::CompanyForm;
use crate::app::target_companies::CompanyFilter;
use crate::app::{AppState, CompanyAction};
use crate::domain::target_company::{ContactStatus, Priority, TargetCompany};
use crate::i18n::T;

const ROW_HEIGHT: f32 = 24.0;

#[derive(Default)]
pub struct CompaniesView {
    form: Option<CompanyForm>,
}

impl super::ScreenView for CompaniesView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut super::ViewContext<'_>) {
        let state = cx.state;
        ui.horizontal(|ui| {
            ui.heading(state.t(T::NavCompanies));
            if ui.button(state.t(T::CoNew)).clicked() {
                self.form = Some(CompanyForm::new(TargetCompany::new("")));
            }
            super::target_companies_import::buttons_ui(ui, state, cx.dialogs);
            super::trip::open_button(ui, state, cx.actions);
        });
        filters_ui(ui, state, cx.actions);
        let model = &state.companies;
        ui.label(
            state
                .t(T::CoCount)
                .replace("{shown}", &model.rows.len().to_string())
                .replace("{total}", &model.total.to_string()),
        );
        ui.separator();
        if model.total == 0 {
            ui.weak(state.t(T::CoNone));
        } else if let Some(edit) = table_ui(ui, state, cx.actions) {
            self.form = Some(CompanyForm::new(edit));
        }
        if let Some(form) = &mut self.form
            && !form.window_ui(ui, state, cx.actions)
        {
            self.form = None;
        }
        super::target_companies_import::window_ui(ui.ctx(), state, cx.actions);
    }

    fn data_changed(&mut self, state: &AppState) {
        // A company an undo removed has no form to save into any more.
        if let Some(form) = &self.form
            && !form.is_new()
            && !state.companies.rows.iter().any(|c| c.id == form.id())
            && state.companies.filter.is_all()
        {
            self.form = None;
        }
    }
}

fn priority_text(p: Option<Priority>, all: &str) -> String {
    p.map_or_else(|| all.to_string(), |p| p.code().to_string())
}

/// Link, priority, contact status, owner, place and 链主: which companies the list shows.
fn filters_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
    let mut filter = state.companies.filter.clone();
    let all = state.t(T::All);
    ui.horizontal_wrapped(|ui| {
        let link_name = (filter.link)
            .and_then(|id| state.companies.links.iter().find(|l| l.id == id))
            .map_or(all, |l| l.label.as_str());
        filter_combo(ui, "co_link", state.t(T::CoLinks), link_name, |ui| {
            ui.selectable_value(&mut filter.link, None, all);
            for link in &state.companies.links {
                ui.selectable_value(&mut filter.link, Some(link.id), &link.label);
            }
        });
        let priority = priority_text(filter.priority, all);
        filter_combo(ui, "co_priority", state.t(T::CoPriority), priority, |ui| {
            ui.selectable_value(&mut filter.priority, None, all);
            for p in Priority::ALL {
                ui.selectable_value(&mut filter.priority, Some(p), p.code());
            }
        });
        let contact = filter.contact.map_or(all, |s| state.lang.contact_label(s));
        filter_combo(ui, "co_contact", state.t(T::CoContact), contact, |ui| {
            ui.selectable_value(&mut filter.contact, None, all);
            for s in ContactStatus::ALL {
                ui.selectable_value(&mut filter.contact, Some(s), state.lang.contact_label(s));
            }
        });
        let officer = filter
            .officer
            .map_or(all, |id| state.ledger.officer_name(Some(id)));
        filter_combo(ui, "co_officer", state.t(T::Officer), officer, |ui| {
            ui.selectable_value(&mut filter.officer, None, all);
            for o in &state.ledger.officers {
                ui.selectable_value(&mut filter.officer, Some(o.id), &o.name);
            }
        });
        let place = ui.label(state.t(T::CoPlaceHint));
        ui.add(egui::TextEdit::singleline(&mut filter.place).desired_width(110.0))
            .labelled_by(place.id);
        ui.checkbox(&mut filter.leaders_only, state.t(T::CoLeadersOnly));
        if let Some(place) = filter.province.as_ref().or(filter.country.as_ref()) {
            ui.label(state.t(T::CoProvinceFilter).replace("{province}", place));
            if ui.small_button(state.t(T::CoProvinceClear)).clicked() {
                (filter.province, filter.country) = (None, None);
            }
        }
        if !filter.is_all() && ui.button(state.t(T::ClearFilters)).clicked() {
            filter = CompanyFilter::default();
        }
    });
    if filter != state.companies.filter {
        actions.push(CompanyAction::SetFilter(filter));
    }
}

/// The listed companies, a screenful at a time; the company whose 编辑 was clicked, if any.
fn table_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) -> Option<TargetCompany> {
    let model = &state.companies;
    let mut edit = None;
    let headers = [
        T::CoName,
        T::CoCity,
        T::CoLinks,
        T::CoPriority,
        T::CoLeader,
        T::Officer,
        T::CoContact,
    ];
    TableBuilder::new(ui)
        .id_salt("target_companies")
        .striped(true)
        .column(Column::initial(220.0).at_least(80.0).clip(true))
        .column(Column::initial(90.0).clip(true))
        .column(Column::initial(200.0).at_least(60.0).clip(true))
        .column(Column::exact(50.0))
        .column(Column::exact(40.0))
        .column(Column::initial(70.0).clip(true))
        .column(Column::initial(70.0))
        .column(Column::remainder().at_least(200.0))
        .header(ROW_HEIGHT, |mut header| {
            for key in headers {
                header.col(|ui| {
                    ui.strong(state.t(key));
                });
            }
            header.col(|_| {});
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, model.rows.len(), |mut row| {
                let Some(c) = model.rows.get(row.index()) else {
                    return;
                };
                let links = model.link_names(c);
                let cells = [
                    c.name.clone(),
                    c.city.clone(),
                    links,
                    c.priority.code().to_string(),
                    if c.chain_leader { "★" } else { "" }.to_string(),
                    state.ledger.officer_name(c.officer).to_string(),
                    state.lang.contact_label(c.contact).to_string(),
                ];
                for text in cells {
                    row.col(|ui| {
                        ui.label(text);
                    });
                }
                row.col(|ui| {
                    ui.push_id(c.id, |ui| {
                        ui.horizontal(|ui| actions_ui(ui, state, c, &mut edit, actions));
                    });
                });
            });
        });
    edit
}

/// A row's 编辑, 删除 and 转为项目 (once a project is made from it, no second one).
fn actions_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    c: &TargetCompany,
    edit: &mut Option<TargetCompany>,
    actions: &mut Actions,
) {
    {
        {
            if ui.small_button(state.t(T::Edit)).clicked() {
                *edit = Some(c.clone());
            }
            if ui.small_button(state.t(T::Delete)).clicked() {
                actions.push(CompanyAction::Delete(c.id));
            }
            let open = c.project.is_none();
            if ui
                .add_enabled(open, egui::Button::new(state.t(T::CoToProject)).small())
                .clicked()
            {
                actions.push(CompanyAction::ToProject(c.id));
            }
        }
    }
}
