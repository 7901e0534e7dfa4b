//! The activity form: type, status, days and times of day, place, officers, the trip a visit
//! was made on, projects, companies, result and next step; for a 签约活动 the 确认签约 that
//! stamps its projects signed in one step.

use chrono::{Datelike, NaiveDate, NaiveTime};
use uuid::Uuid;

use crate::app::AppState;
use crate::app::agenda::{AgendaAction, problem_text};
use crate::domain::activity::{Activity, ActivityStatus, CountsAs, SIGNING_EVENT, type_of};
use crate::i18n::T;
use crate::io::activities::parse_time_of_day;
use crate::ui::Actions;
use crate::ui::widgets::{field_error_ui, parse_day};

pub struct ActivityForm {
    draft: Activity,
    is_new: bool,
    start: String,
    end: String,
    start_time: String,
    end_time: String,
    /// The days the trips around were last asked for (the parent-trip picker's list).
    trips_asked: Option<(NaiveDate, NaiveDate)>,
    companies: String,
    search: String,
    /// The names of the projects chosen, beside `draft.projects`.
    names: Vec<String>,
    error: Option<T>,
}

impl ActivityForm {
    /// A new activity on `day`: the first type, the officer whose agenda is shown.
    pub fn new_on(state: &AppState, day: NaiveDate) -> ActivityForm {
        let model = &state.agenda;
        let kind = model
            .types
            .first()
            .map(|t| t.code.clone())
            .unwrap_or_default();
        let mut draft = Activity::new(kind, day);
        draft.officers.extend(model.whose(&state.ledger));
        let mut form = ActivityForm::edit(state, Box::new(draft));
        form.is_new = true;
        form
    }

    pub fn edit(state: &AppState, draft: Box<Activity>) -> ActivityForm {
        let names = draft
            .projects
            .iter()
            .map(|id| state.project(*id).map(|p| p.name).unwrap_or_default())
            .collect();
        let time = |t: Option<NaiveTime>| t.map(|t| t.format("%H:%M").to_string());
        ActivityForm {
            start: draft.start.to_string(),
            end: draft.end.to_string(),
            start_time: time(draft.start_time).unwrap_or_default(),
            end_time: time(draft.end_time).unwrap_or_default(),
            trips_asked: None,
            companies: draft.companies.join("，"),
            draft: *draft,
            is_new: false,
            search: String::new(),
            names,
            error: None,
        }
    }

    /// The activity being changed; `None` for a new one.
    pub fn editing(&self) -> Option<Uuid> {
        (!self.is_new).then_some(self.draft.id)
    }

    /// Draws the form; false once it is closed (saved, deleted or cancelled).
    pub fn show_ui(
        &mut self,
        ctx: &egui::Context,
        state: &AppState,
        actions: &mut Actions,
    ) -> bool {
        let mut open = true;
        let title = state.t(if self.is_new {
            T::AgNewTitle
        } else {
            T::AgEditTitle
        });
        egui::Window::new(title)
            .id(egui::Id::unique("agenda_form"))
            .collapsible(false)
            .resizable(false)
            .default_width(420.0)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .show(ctx, |ui| {
                self.kind_ui(ui, state);
                egui::Grid::new("agenda_form_grid")
                    .num_columns(2)
                    .show(ui, |ui| self.fields_ui(ui, state));
                self.ask_trips(actions);
                if self.is_visit(state) {
                    self.parent_ui(ui, state);
                }
                self.projects_ui(ui, state, actions);
                if let Some(error) = self.error {
                    field_error_ui(ui, state.t(error));
                }
                ui.separator();
                open = self.buttons_ui(ui, state, actions);
            });
        // Escape closes it unless a list is open (Escape closes the list first).
        let list_open = egui::Popup::is_any_open(ctx);
        if !list_open && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            open = false;
        }
        open
    }

    /// The type and the status, each a list named by its label.
    fn kind_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let model = &state.agenda;
        let lang = state.lang;
        let shown = model
            .type_of(&self.draft.kind)
            .map(|t| lang.activity_type_name(t).to_string())
            .unwrap_or_else(|| self.draft.kind.clone());
        ui.horizontal(|ui| {
            egui::ComboBox::from_label(state.t(T::AgType))
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for t in &model.types {
                        let name = lang.activity_type_name(t);
                        ui.selectable_value(&mut self.draft.kind, t.code.clone(), name);
                    }
                });
            egui::ComboBox::from_label(state.t(T::AgStatus))
                .selected_text(lang.activity_status_label(self.draft.status))
                .show_ui(ui, |ui| {
                    for s in ActivityStatus::ALL {
                        let label = lang.activity_status_label(s);
                        ui.selectable_value(&mut self.draft.status, s, label);
                    }
                });
        });
    }

    fn fields_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        for (key, text) in [
            (T::AgStart, &mut self.start),
            (T::AgStartTime, &mut self.start_time),
            (T::AgEnd, &mut self.end),
            (T::AgEndTime, &mut self.end_time),
            (T::AgPlace, &mut self.draft.place),
            (T::AgCompanies, &mut self.companies),
            (T::AgResult, &mut self.draft.result),
            (T::AgNextStep, &mut self.draft.next_step),
        ] {
            let label = ui.label(state.t(key));
            ui.text_edit_singleline(text).labelled_by(label.id);
            ui.end_row();
        }
        ui.label(state.t(T::AgOfficers));
        ui.vertical(|ui| {
            egui::ScrollArea::vertical()
                .id_salt("agenda_officers")
                .max_height(90.0)
                .show(ui, |ui| {
                    for o in &state.ledger.officers {
                        let mut on = self.draft.officers.contains(&o.id);
                        if ui.checkbox(&mut on, &o.name).changed() {
                            self.draft.officers.retain(|id| *id != o.id);
                            if on {
                                self.draft.officers.push(o.id);
                            }
                        }
                    }
                });
            ui.checkbox(&mut self.draft.leader_present, state.t(T::AgLeader));
        });
        ui.end_row();
    }

    /// A visit (a type counted as 拜访) may sit inside a trip.
    fn is_visit(&self, state: &AppState) -> bool {
        type_of(&state.agenda.types, &self.draft.kind)
            .is_some_and(|t| t.counts_as == CountsAs::Visit)
    }

    /// Asks for the trips around the typed days when they changed.
    fn ask_trips(&mut self, actions: &mut Actions) {
        let (Some(from), Some(to)) = (parse_day(&self.start), parse_day(&self.end)) else {
            return;
        };
        if self.trips_asked != Some((from, to)) {
            self.trips_asked = Some((from, to));
            actions.push(AgendaAction::TripsAround { from, to });
        }
    }

    /// 所属出差: none, or one of the trips whose days touch the visit's.
    fn parent_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let trips: Vec<&Activity> = state
            .agenda
            .trips_around
            .iter()
            .filter(|t| t.id != self.draft.id)
            .collect();
        let shown = match self.draft.parent {
            None => state.t(T::AgNoTrip).to_string(),
            Some(id) => match trips.iter().find(|t| t.id == id) {
                Some(trip) => trip_line(state, trip),
                None => state.t(T::AgTripOtherDays).to_string(),
            },
        };
        egui::ComboBox::from_label(state.t(T::AgParentTrip))
            .selected_text(shown)
            .width(300.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.draft.parent, None, state.t(T::AgNoTrip));
                for trip in &trips {
                    let line = trip_line(state, trip);
                    ui.selectable_value(&mut self.draft.parent, Some(trip.id), line);
                }
            });
        if trips.is_empty() {
            ui.weak(state.t(T::AgNoTripsAround));
        }
    }

    /// The projects chosen, each with 移除, and the search that adds more.
    fn projects_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        ui.strong(state.t(T::AgProjects));
        let mut removed = None;
        for (i, name) in self.names.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(name);
                if ui.small_button(state.t(T::AgRemove)).clicked() {
                    removed = Some(i);
                }
            });
        }
        if let Some(i) = removed {
            self.names.remove(i);
            self.draft.projects.remove(i);
        }
        ui.horizontal(|ui| {
            let label = ui.label(state.t(T::AgFindProject));
            if ui
                .text_edit_singleline(&mut self.search)
                .labelled_by(label.id)
                .changed()
            {
                actions.push(AgendaAction::SearchProjects(self.search.clone()));
            }
        });
        if self.search.trim().is_empty() {
            return;
        }
        for (id, name) in &state.agenda.project_hits {
            if self.draft.projects.contains(id) {
                continue;
            }
            if ui.button(format!("+ {name}")).clicked() {
                self.add_project(*id, name.clone());
            }
        }
    }

    fn add_project(&mut self, id: Uuid, name: String) {
        self.draft.projects.push(id);
        self.names.push(name);
    }

    /// The draft with the typed days and companies, or why not.
    fn finished(&self) -> Result<Activity, T> {
        let mut a = self.draft.clone();
        a.start = parse_day(&self.start).ok_or(T::AgBadDate)?;
        a.end = parse_day(&self.end).ok_or(T::AgBadDate)?;
        let time = |text: &str| match text.trim() {
            "" => Ok(None),
            t => parse_time_of_day(t).map(Some).ok_or(T::AgBadTime),
        };
        a.start_time = time(&self.start_time)?;
        a.end_time = time(&self.end_time)?;
        a.companies = self
            .companies
            .split([',', '，', '、', ';', '；'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        match a.problems().first() {
            Some(problem) => Err(problem_text(*problem)),
            None => Ok(a),
        }
    }

    fn buttons_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) -> bool {
        let signing = self.draft.kind == SIGNING_EVENT;
        if signing && !self.draft.projects.is_empty() {
            ui.label(
                state
                    .t(T::AgSigningHint)
                    .replace("{n}", &self.draft.projects.len().to_string())
                    .replace("{date}", self.start.trim()),
            );
        }
        let mut open = true;
        ui.horizontal(|ui| {
            let mut send =
                |make: fn(Box<Activity>) -> AgendaAction, this: &mut Self| match this.finished() {
                    Ok(a) => {
                        actions.push(make(Box::new(a)));
                        false
                    }
                    Err(e) => {
                        this.error = Some(e);
                        true
                    }
                };
            if signing
                && !self.draft.projects.is_empty()
                && ui.button(state.t(T::AgConfirmSigning)).clicked()
            {
                open = send(AgendaAction::ConfirmSigning, self);
            }
            if ui.button(state.t(T::AgSave)).clicked() {
                open = send(AgendaAction::Save, self);
            }
            if !self.is_new && ui.button(state.t(T::AgDelete)).clicked() {
                actions.push(AgendaAction::Delete(self.draft.id));
                open = false;
            }
            if ui.button(state.t(T::AgCancel)).clicked() {
                open = false;
            }
        });
        open
    }
}

/// A trip in the picker: "出差 深圳 11-28～12-02 张伟、李娜".
fn trip_line(state: &AppState, trip: &Activity) -> String {
    let officers: Vec<&str> = trip
        .officers
        .iter()
        .map(|id| state.ledger.officer_name(Some(*id)))
        .collect();
    let days = format!(
        "{:02}-{:02}～{:02}-{:02}",
        trip.start.month(),
        trip.start.day(),
        trip.end.month(),
        trip.end.day()
    );
    let mut parts = vec![super::short_line(&state.agenda, state, trip), days];
    parts.push(officers.join("、"));
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}
