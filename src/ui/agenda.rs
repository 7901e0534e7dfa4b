//! 日程: a week (Monday first, drag an activity to another day) or a month, the officer's
//! agenda beside it (overdue in red, today, the next 7 days) with 完成 on each planned row,
//! the filter by team and officer, and the form a click on a day opens.

mod form;
mod import;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use uuid::Uuid;

use super::{ScreenView, ViewContext};
use crate::app::AppState;
use crate::app::agenda::{AgendaAction, AgendaModel, monday_of};
use crate::domain::activity::{Activity, ActivityStatus};
use crate::i18n::T;

/// What a dragged activity carries: its id.
#[derive(Debug, Clone, Copy)]
struct ActivityDrag(Uuid);

/// How many activities a month cell, a week column and an agenda section list before
/// "另有 n 项" (a zone's week may hold thousands: a frame draws only these).
const MONTH_CELL_ROWS: usize = 3;
const WEEK_COLUMN_ROWS: usize = 40;
const AGENDA_ROWS: usize = 20;
const SIDE_WIDTH: f32 = 320.0;

#[derive(Default)]
pub struct AgendaView {
    form: Option<form::ActivityForm>,
}

impl ScreenView for AgendaView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let state = cx.state;
        let model = &state.agenda;
        toolbar_ui(ui, state, cx);
        ui.separator();
        let height = ui.available_height();
        let calendar_width = (ui.available_width() - SIDE_WIDTH - 12.0).max(300.0);
        let mut opened = None;
        ui.horizontal_top(|ui| {
            let down = egui::Layout::top_down(egui::Align::Min);
            ui.allocate_ui_with_layout(egui::vec2(calendar_width, height), down, |ui| {
                ui.set_min_width(calendar_width);
                egui::ScrollArea::vertical()
                    .id_salt("agenda_calendar")
                    .show(ui, |ui| {
                        opened = if model.month {
                            month_ui(ui, state, cx)
                        } else {
                            week_ui(ui, state, cx)
                        };
                    });
            });
            ui.separator();
            ui.allocate_ui_with_layout(egui::vec2(SIDE_WIDTH, height), down, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("agenda_side")
                    .show(ui, |ui| {
                        if let Some(edit) = side_ui(ui, state, cx) {
                            opened = Some(edit);
                        }
                    });
            });
        });
        if let Some(open) = opened {
            self.form = Some(match open {
                Open::Day(day) => form::ActivityForm::new_on(state, day),
                Open::Edit(activity) => form::ActivityForm::edit(state, activity),
            });
        }
        if let Some(form) = &mut self.form
            && !form.show_ui(ui.ctx(), state, cx.actions)
        {
            self.form = None;
        }
        import::window_ui(ui.ctx(), state, cx.actions);
    }

    /// A form on an activity an undo (or another program) removed closes: saving it would
    /// bring the activity back and throw away the redo history.
    fn data_changed(&mut self, state: &AppState) {
        if let Some(id) = self.form.as_ref().and_then(form::ActivityForm::editing)
            && !state.activity_is_live(id)
        {
            self.form = None;
        }
    }
}

/// What a click asked the form to open on.
enum Open {
    Day(NaiveDate),
    Edit(Box<Activity>),
}

fn weekday_name(state: &AppState, day: Weekday) -> &'static str {
    state.t(match day {
        Weekday::Mon => T::AgMon,
        Weekday::Tue => T::AgTue,
        Weekday::Wed => T::AgWed,
        Weekday::Thu => T::AgThu,
        Weekday::Fri => T::AgFri,
        Weekday::Sat => T::AgSat,
        Weekday::Sun => T::AgSun,
    })
}

/// "周三 3月11日": a week column's header, the button that opens the form on that day.
pub(crate) fn day_header(state: &AppState, day: NaiveDate) -> String {
    state
        .t(T::AgDayHeader)
        .replace("{w}", weekday_name(state, day.weekday()))
        .replace("{m}", &day.month().to_string())
        .replace("{d}", &day.day().to_string())
}

/// 只计已审核: the 考核 switch (the dashboard's 考核 header shows it); a change is one undo step.
pub(crate) fn reviewed_only_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut super::Actions) {
    let mut on = state.dashboard.reviewed_only;
    let response = ui
        .checkbox(&mut on, state.t(T::AgReviewedOnly))
        .on_hover_text(state.t(T::AgReviewedOnlyHint));
    if response.changed() {
        actions.push(AgendaAction::SetReviewedOnly(on));
    }
}

/// A week column's header on one line: "周一 11月30日", or, where a column is too narrow for
/// the widest of the week's, "周一 30日" in every column (a Chinese header broke onto two
/// lines at 1280 px).
fn week_header(ui: &egui::Ui, state: &AppState, day: NaiveDate) -> String {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let monday = monday_of(day);
    let widest = (0..7)
        .map(|i| {
            let text = day_header(state, monday + Duration::days(i));
            let galley =
                ui.painter()
                    .layout_no_wrap(text, font.clone(), egui::Color32::PLACEHOLDER);
            galley.size().x
        })
        .fold(0.0, f32::max);
    if widest + 2.0 * ui.spacing().button_padding.x <= ui.available_width() {
        return day_header(state, day);
    }
    state
        .t(T::AgDayHeaderShort)
        .replace("{w}", weekday_name(state, day.weekday()))
        .replace("{m}", &day.month().to_string())
        .replace("{d}", &day.day().to_string())
}

/// "09:30–11:00", "09:30", "–17:00": the times of day an activity has; `None` without.
fn times_text(a: &Activity) -> Option<String> {
    let hm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
    match (a.start_time, a.end_time) {
        (None, None) => None,
        (Some(s), None) => Some(hm(s)),
        (s, Some(e)) => Some(format!("{}–{}", s.map(hm).unwrap_or_default(), hm(e))),
    }
}

/// An activity in a few words: its times of day, type, place and companies.
fn short_line(model: &AgendaModel, state: &AppState, a: &Activity) -> String {
    let kind = model
        .type_of(&a.kind)
        .map(|t| state.lang.activity_type_name(t).to_string())
        .unwrap_or_else(|| a.kind.clone());
    let mut parts: Vec<String> = times_text(a).into_iter().collect();
    parts.push(kind);
    parts.extend([a.place.clone(), a.companies.join("、")]);
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

fn toolbar_ui(ui: &mut egui::Ui, state: &AppState, cx: &mut ViewContext<'_>) {
    let model = &state.agenda;
    let today = state.today;
    let anchor = model.anchor(today);
    let month = model.month;
    ui.horizontal(|ui| {
        let step = |forward: bool| {
            if month {
                let shifted = if forward {
                    anchor + Duration::days(32)
                } else {
                    anchor - Duration::days(1)
                };
                shifted.with_day(1).unwrap_or(shifted)
            } else {
                anchor + Duration::days(if forward { 7 } else { -7 })
            }
        };
        if ui.button(state.t(T::AgPrev)).clicked() {
            cx.actions.push(AgendaAction::Show {
                anchor: step(false),
                month,
            });
        }
        if ui.button(state.t(T::AgThisWeek)).clicked() {
            cx.actions.push(AgendaAction::Show {
                anchor: today,
                month,
            });
        }
        if ui.button(state.t(T::AgNext)).clicked() {
            cx.actions.push(AgendaAction::Show {
                anchor: step(true),
                month,
            });
        }
        let title = if month {
            state
                .t(T::AgMonthTitle)
                .replace("{y}", &anchor.year().to_string())
                .replace("{m}", &anchor.month().to_string())
        } else {
            state
                .t(T::AgWeekTitle)
                .replace("{from}", &anchor.to_string())
                .replace("{to}", &(anchor + Duration::days(6)).to_string())
        };
        ui.strong(title);
        ui.separator();
        // The other view opens on today when today is shown, else on the shown days.
        let (first, last) = model.days(today);
        let keep = if (first..=last).contains(&today) {
            today
        } else {
            anchor
        };
        for (is_month, key) in [(false, T::AgWeek), (true, T::AgMonth)] {
            if ui
                .add(egui::Button::selectable(month == is_month, state.t(key)))
                .clicked()
                && month != is_month
            {
                cx.actions.push(AgendaAction::Show {
                    anchor: keep,
                    month: is_month,
                });
            }
        }
        ui.separator();
        filter_ui(ui, state, cx);
        ui.separator();
        import::buttons_ui(ui, state, cx.dialogs);
        super::trip::open_button(ui, state, cx.actions);
        super::widgets::updating_mark(ui, state.lang, model.is_updating());
    });
}

fn filter_ui(ui: &mut egui::Ui, state: &AppState, cx: &mut ViewContext<'_>) {
    let model = &state.agenda;
    let ledger = &state.ledger;
    let (mut team, mut officer) = (model.team, model.officer);
    let team_text = match team {
        Some(_) => ledger.team_name(team).to_string(),
        None => state.t(T::AgAllTeams).to_string(),
    };
    egui::ComboBox::from_label(state.t(T::AgTeam))
        .selected_text(team_text)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut team, None, state.t(T::AgAllTeams));
            for t in &ledger.teams {
                ui.selectable_value(&mut team, Some(t.id), &t.name);
            }
        });
    if team != model.team {
        // An officer of another team would show nothing.
        officer = None;
    }
    let officer_text = match officer {
        Some(_) => ledger.officer_name(officer).to_string(),
        None => state.t(T::AgAllOfficers).to_string(),
    };
    egui::ComboBox::from_label(state.t(T::AgOfficer))
        .selected_text(officer_text)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut officer, None, state.t(T::AgAllOfficers));
            for o in ledger
                .officers
                .iter()
                .filter(|o| team.is_none_or(|t| o.team_id == t))
            {
                ui.selectable_value(&mut officer, Some(o.id), &o.name);
            }
        });
    if (team, officer) != (model.team, model.officer) {
        cx.actions.push(AgendaAction::SetFilter { team, officer });
    }
}

/// Seven columns, Monday first; each a drop zone for an activity dragged from another day.
fn week_ui(ui: &mut egui::Ui, state: &AppState, cx: &mut ViewContext<'_>) -> Option<Open> {
    let model = &state.agenda;
    let monday = monday_of(model.anchor(state.today));
    let height = (ui.available_height() - 8.0).max(200.0);
    let mut opened = None;
    ui.columns(7, |columns| {
        for (i, ui) in columns.iter_mut().enumerate() {
            let day = monday + Duration::days(i as i64);
            let frame = egui::Frame::group(ui.style());
            let (_, dropped) = ui.dnd_drop_zone::<ActivityDrag, _>(frame, |ui| {
                ui.set_min_height(height);
                ui.set_min_width(ui.available_width());
                let header =
                    egui::Button::selectable(day == state.today, week_header(ui, state, day));
                if ui.add(header).clicked() {
                    opened = Some(Open::Day(day));
                }
                let mut more = 0;
                for (n, a) in model.on_day(day).enumerate() {
                    if n >= WEEK_COLUMN_ROWS {
                        more += 1;
                    } else if let Some(open) = chip_ui(ui, state, a, day == a.start) {
                        opened = Some(open);
                    }
                }
                more_ui(ui, state, more);
            });
            if let Some(drag) = dropped {
                cx.actions.push(AgendaAction::Reschedule {
                    id: drag.0,
                    to: day,
                });
            }
        }
    });
    opened
}

/// One activity in a week column: dragged by its first day to move it; a click edits it.
/// (egui's `dnd_drag_source` would sense only the drag over the label and swallow its click,
/// so the label senses both and sets the drag's payload itself.)
fn chip_ui(ui: &mut egui::Ui, state: &AppState, a: &Activity, draggable: bool) -> Option<Open> {
    let line = short_line(&state.agenda, state, a);
    let text = egui::RichText::new(&line);
    let text = match a.status {
        _ if a.is_overdue(state.today) => text.color(ui.visuals().error_fg_color),
        ActivityStatus::Done => text.weak(),
        ActivityStatus::Cancelled => text.strikethrough().weak(),
        ActivityStatus::Planned => text,
    };
    let sense = if draggable {
        egui::Sense::click_and_drag()
    } else {
        egui::Sense::click()
    };
    let response = ui.add(egui::Label::new(text).sense(sense).wrap());
    if draggable && response.hovered() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
    }
    if draggable && response.dragged() {
        egui::DragAndDrop::set_payload(ui.ctx(), ActivityDrag(a.id));
        ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
        if let Some(pos) = ui.ctx().pointer_interact_pos() {
            let layer = egui::LayerId::new(egui::Order::Tooltip, egui::Id::unique("agenda_ghost"));
            let color = ui.visuals().strong_text_color();
            ui.ctx().layer_painter(layer).text(
                pos + egui::vec2(8.0, 8.0),
                egui::Align2::LEFT_TOP,
                line,
                egui::TextStyle::Body.resolve(ui.style()),
                color,
            );
        }
    }
    response.clicked().then(|| Open::Edit(Box::new(a.clone())))
}

/// The month's weeks, Monday first; a click on a day opens the form on it.
fn month_ui(ui: &mut egui::Ui, state: &AppState, _cx: &mut ViewContext<'_>) -> Option<Open> {
    let model = &state.agenda;
    let (first, last) = model.days(state.today);
    let month = model.anchor(state.today).month();
    let mut opened = None;
    egui::Grid::new("agenda_month")
        .num_columns(7)
        .min_col_width((ui.available_width() / 7.0 - 8.0).max(40.0))
        .show(ui, |ui| {
            let mut day = first;
            for w in 0..7 {
                ui.strong(weekday_name(state, (first + Duration::days(w)).weekday()));
            }
            ui.end_row();
            while day <= last {
                ui.vertical(|ui| {
                    ui.set_min_height(72.0);
                    let text = state
                        .t(T::AgMonthDay)
                        .replace("{d}", &day.day().to_string());
                    let text = if day.month() == month {
                        egui::RichText::new(text)
                    } else {
                        egui::RichText::new(text).weak()
                    };
                    if ui
                        .add(egui::Button::selectable(day == state.today, text))
                        .clicked()
                    {
                        opened = Some(Open::Day(day));
                    }
                    for a in model.on_day(day).take(MONTH_CELL_ROWS) {
                        if let Some(open) = chip_ui(ui, state, a, false) {
                            opened = Some(open);
                        }
                    }
                    let more = model.on_day(day).count().saturating_sub(MONTH_CELL_ROWS);
                    more_ui(ui, state, more);
                });
                if day.weekday() == Weekday::Sun {
                    ui.end_row();
                }
                day += Duration::days(1);
            }
        });
    opened
}

/// The offered next activity, then the agenda: overdue (red), today, the next 7 days.
fn side_ui(ui: &mut egui::Ui, state: &AppState, cx: &mut ViewContext<'_>) -> Option<Open> {
    let model = &state.agenda;
    if let Some(next) = &model.suggestion {
        let kind = model
            .type_of(&next.kind)
            .map(|t| state.lang.activity_type_name(t).to_string())
            .unwrap_or_else(|| next.kind.clone());
        ui.group(|ui| {
            ui.label(
                state
                    .t(T::AgSuggest)
                    .replace("{type}", &kind)
                    .replace("{date}", &next.start.to_string()),
            );
            ui.horizontal(|ui| {
                if ui.button(state.t(T::AgSchedule)).clicked() {
                    cx.actions.push(AgendaAction::AcceptNext);
                }
                if ui.button(state.t(T::AgNoThanks)).clicked() {
                    cx.actions.push(AgendaAction::DismissNext);
                }
            });
        });
    }
    ui.heading(state.t(T::AgAgenda));
    let today = state.today;
    let mut opened = None;
    let red = ui.visuals().error_fg_color;
    let sections: [(T, Vec<&Activity>, Option<egui::Color32>); 3] = [
        (T::AgOverdue, model.overdue.iter().collect(), Some(red)),
        (
            T::AgToday,
            model.upcoming.iter().filter(|a| a.start <= today).collect(),
            None,
        ),
        (
            T::AgNextDays,
            model.upcoming.iter().filter(|a| a.start > today).collect(),
            None,
        ),
    ];
    for (title, rows, color) in sections {
        ui.add_space(6.0);
        match color {
            Some(c) => ui.colored_label(c, egui::RichText::new(state.t(title)).strong()),
            None => ui.strong(state.t(title)),
        };
        if rows.is_empty() {
            ui.weak(state.t(T::AgNothing));
        }
        for a in rows.iter().take(AGENDA_ROWS) {
            if let Some(open) = agenda_row_ui(ui, state, a, color, cx) {
                opened = Some(open);
            }
        }
        more_ui(ui, state, rows.len().saturating_sub(AGENDA_ROWS));
    }
    opened
}

/// "另有 n 项" under a list cut short; nothing when none were left out.
fn more_ui(ui: &mut egui::Ui, state: &AppState, more: usize) {
    if more > 0 {
        ui.weak(state.t(T::AgMore).replace("{n}", &more.to_string()));
    }
}

/// A row of the agenda: 完成 (while planned) and 编辑 first, then the day and the activity,
/// cut to the panel's width (the whole line shows on hover).
fn agenda_row_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    a: &Activity,
    color: Option<egui::Color32>,
    cx: &mut ViewContext<'_>,
) -> Option<Open> {
    let mut opened = None;
    ui.horizontal(|ui| {
        if a.status == ActivityStatus::Planned {
            if ui.small_button(state.t(T::AgDone)).clicked() {
                cx.actions.push(AgendaAction::Done(a.id));
            }
        } else {
            ui.weak(state.lang.activity_status_label(a.status));
        }
        if ui.small_button(state.t(T::AgEdit)).clicked() {
            opened = Some(Open::Edit(Box::new(a.clone())));
        }
        let line = format!(
            "{:02}-{:02} {}",
            a.start.month(),
            a.start.day(),
            short_line(&state.agenda, state, a)
        );
        let mut text = egui::RichText::new(line);
        if let Some(c) = color {
            text = text.color(c);
        }
        if a.status != ActivityStatus::Planned {
            text = text.weak();
        }
        ui.add(egui::Label::new(text).truncate());
    });
    opened
}
