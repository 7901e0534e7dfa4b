//! 出差清单 (trip planner), a window the 目标企业 and 日程 screens open: place, days and who
//! goes; the target companies there (缺链 first) and the 在谈 projects, each with a tick; 安排出差
//! (one undo step: the trip and a visit per row ticked) and 导出 .xlsx.

use super::Actions;
use super::dialogs::{Dialogs, Purpose};
use super::widgets::parse_day;
use crate::app::AppState;
use crate::app::trip_plan::{TripAction, TripDraft};
use crate::i18n::T;
use crate::io::trip::{COLUMNS, TripRow, trip_rows};

/// The window's width at first: the list's columns in either language.
const WIDTH: f32 = 1100.0;
/// How tall the list grows before it scrolls.
const LIST_HEIGHT: f32 = 420.0;

/// The window's typed fields (the days stay as typed until they read as days).
#[derive(Default)]
pub struct TripWindow {
    place: String,
    from: String,
    to: String,
    /// Whether the fields were taken from the state since the window opened.
    filled: bool,
}

/// The 出差清单 button of a screen's toolbar.
pub fn open_button(ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
    let button = ui.button(state.t(T::TripOpen));
    if button.on_hover_text(state.t(T::TripOpenHint)).clicked() {
        actions.push(TripAction::Open);
    }
}

impl TripWindow {
    /// Draws the window while the state has it open.
    pub fn show_ui(
        &mut self,
        ctx: &egui::Context,
        state: &AppState,
        dialogs: &mut Dialogs,
        actions: &mut Actions,
    ) {
        if !state.trip.open {
            self.filled = false;
            return;
        }
        if !self.filled {
            let draft = &state.trip.draft;
            self.place = draft.place.clone();
            self.from = draft.from.to_string();
            self.to = draft.to.to_string();
            self.filled = true;
        }
        let mut open = true;
        let top = ctx.content_rect().center_top() + egui::vec2(0.0, 60.0);
        egui::Window::new(state.t(T::TripTitle))
            .collapsible(false)
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos(top)
            .default_width(WIDTH.min(ctx.content_rect().width() - 140.0))
            .open(&mut open)
            .show(ctx, |ui| {
                self.fields_ui(ui, state, actions);
                ui.separator();
                list_ui(ui, state, actions);
                ui.separator();
                buttons_ui(ui, state, dialogs, actions);
            });
        if !open {
            actions.push(TripAction::Close);
        }
    }

    /// Place, from, to and who goes; a change is sent once it reads.
    fn fields_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        let mut draft = state.trip.draft.clone();
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(state.t(T::TripPlace));
            ui.add(
                egui::TextEdit::singleline(&mut self.place)
                    .hint_text(state.t(T::TripPlaceHint))
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
            draft.place = self.place.trim().to_string();
            for (key, text, day) in [
                (T::TripFrom, &mut self.from, &mut draft.from),
                (T::TripTo, &mut self.to, &mut draft.to),
            ] {
                let label = ui.label(state.t(key));
                let field = egui::TextEdit::singleline(text).desired_width(96.0);
                let response = ui.add(field).labelled_by(label.id);
                match parse_day(text) {
                    Some(d) => *day = d,
                    None => {
                        response.on_hover_text(state.t(T::TripBadDay));
                    }
                }
            }
            officers_ui(ui, state, &mut draft);
        });
        if draft != state.trip.draft {
            actions.push(TripAction::SetDraft(draft));
        }
    }
}

/// 出差人员: a menu of the officers, each with a tick.
fn officers_ui(ui: &mut egui::Ui, state: &AppState, draft: &mut TripDraft) {
    ui.label(state.t(T::TripOfficers));
    let names: Vec<&str> = (draft.officers.iter())
        .map(|id| state.ledger.officer_name(Some(*id)))
        .collect();
    let shown = match names.is_empty() {
        true => state.t(T::TripOfficersNone).to_string(),
        false => names.join("、"),
    };
    ui.menu_button(shown, |ui| {
        egui::ScrollArea::vertical()
            .max_height(260.0)
            .show(ui, |ui| {
                for o in &state.ledger.officers {
                    let mut on = draft.officers.contains(&o.id);
                    if ui.checkbox(&mut on, &o.name).changed() {
                        draft.officers.retain(|id| *id != o.id);
                        if on {
                            draft.officers.push(o.id);
                        }
                    }
                }
            });
    });
}

/// The rows with their ticks, under a header; a word when there is nothing to list.
fn list_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
    let list = &state.trip.list;
    super::widgets::updating_mark(ui, state.lang, state.trip.is_updating());
    if list.place.is_empty() {
        ui.weak(state.t(T::TripEmpty));
        return;
    }
    let rows = trip_rows(list, &state.trip.picks, state.lang);
    if rows.is_empty() {
        ui.weak(state.t(T::TripNothingThere).replace("{place}", &list.place));
        return;
    }
    ui.label(
        state
            .t(T::TripCounts)
            .replace("{companies}", &list.companies.len().to_string())
            .replace("{projects}", &list.projects.len().to_string())
            .replace("{picked}", &state.trip.picks.len().to_string()),
    );
    egui::ScrollArea::both()
        .id_salt("trip_rows")
        .max_height(LIST_HEIGHT)
        .show(ui, |ui| {
            egui::Grid::new("trip_list")
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    for key in COLUMNS {
                        ui.strong(state.t(key));
                    }
                    ui.end_row();
                    for row in &rows {
                        row_ui(ui, state, row, actions);
                    }
                });
        });
}

fn row_ui(ui: &mut egui::Ui, state: &AppState, row: &TripRow, actions: &mut Actions) {
    let mut on = row.picked;
    let tick = ui.checkbox(&mut on, "");
    let name = state.t(T::TripTick).replace("{name}", &row.cells[2]);
    tick.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, &name));
    if tick.changed() {
        actions.push(TripAction::Pick(row.pick, on));
    }
    let missing = state.t(T::TripMissing);
    for (i, text) in row.cells.iter().enumerate().skip(1) {
        if i == 4 && text == missing {
            ui.colored_label(ui.visuals().error_fg_color, text);
        } else {
            ui.label(text);
        }
    }
    ui.end_row();
}

fn buttons_ui(ui: &mut egui::Ui, state: &AppState, dialogs: &mut Dialogs, actions: &mut Actions) {
    ui.horizontal(|ui| {
        let can_plan = !state.trip.draft.place.is_empty() && state.trip.list_is_current();
        let plan = ui.add_enabled(can_plan, egui::Button::new(state.t(T::TripPlan)));
        if plan.on_hover_text(state.t(T::TripPlanHint)).clicked() {
            actions.push(TripAction::Plan);
        }
        let can_export = !state.trip.list.place.is_empty();
        if ui
            .add_enabled(can_export, egui::Button::new(state.t(T::TripExport)))
            .clicked()
        {
            dialogs.start(ui.ctx(), Purpose::TripExport, state.t(T::TripExport));
        }
        if ui.button(state.t(T::TripClose)).clicked() {
            actions.push(TripAction::Close);
        }
    });
}
