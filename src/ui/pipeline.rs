//! 项目看板: five columns 线索 · 在谈 · 签约 · 开工 · 投产 and a collapsible 搁置 / 终止 lane.
//! Each column is a virtual list that draws only the cards on screen; a card is dragged to
//! another column (or moved with the arrow keys) and a small prompt stamps the stage's date.

use std::sync::Arc;

use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, Id, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};
use uuid::Uuid;

use super::editor::EditorState;
use super::filters::shared_filters_ui;
use super::move_prompt::SnoozePrompt;
pub use super::move_prompt::{MovePrompt, PromptOutcome};
use super::{Actions, ViewContext};
use crate::app::{AppState, BoardAction};
use crate::domain::Stage;
use crate::domain::activity::ActivityMark;
use crate::domain::money::yi_rounded;
use crate::domain::pipeline::{self as rules, LINE, Staleness, staleness};
use crate::domain::query::{CardRow, ProjectFilter};
use crate::i18n::{T, stage_label};

/// Line steps of a card's text (the embedded font's row heights at 14 and 13 points, rounded
/// up), its padding, and so its height, without the spacing between cards.
const TITLE_STEP: f32 = 19.0;
const LINE_STEP: f32 = 17.0;
const CARD_PADDING: f32 = 5.0;
pub const CARD_HEIGHT: f32 = TITLE_STEP + 6.0 * LINE_STEP + 2.0 * CARD_PADDING;
const LANE_CLOSED: f32 = 34.0;
const LANE_OPEN: f32 = 250.0;
const AMBER: Color32 = Color32::from_rgb(0xD9, 0x8E, 0x04);
const RED: Color32 = Color32::from_rgb(0xD0, 0x33, 0x33);

/// What is carried while a card is dragged.
#[derive(Debug, Clone)]
struct CardDrag {
    seq: i64,
    id: Uuid,
    stage: Stage,
    name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Selected {
    seq: i64,
    id: Uuid,
    stage: Stage,
}

/// What the board remembers between frames (not part of the data).
#[derive(Default)]
pub struct PipelineView {
    search: String,
    selected: Option<Selected>,
    lane_open: bool,
    /// A column to scroll so the selected card shows (after ↑ ↓ or a move).
    reveal: Option<Stage>,
    /// Per column: scroll offset and visible height from the last frame.
    viewports: [(f32, f32); 7],
    snooze: Option<SnoozePrompt>,
    /// A prompt or the editor is open over the board: cards show no tooltip.
    quiet: bool,
}

impl PipelineView {
    /// After a move the selection follows the card into its new column.
    pub fn follow(&mut self, id: Uuid, to: Stage) {
        if let Some(selected) = self.selected.as_mut().filter(|s| s.id == id) {
            selected.stage = to;
            self.reveal = Some(to);
            if to.is_off_line() {
                self.lane_open = true;
            }
        }
    }

    fn show_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let state = cx.state;
        ui.horizontal(|ui| {
            ui.heading(state.t(T::NavPipeline));
            if ui.button(state.t(T::NewProject)).clicked() {
                *cx.editor = Some(EditorState::new_project(state));
            }
            ui.weak(state.t(T::BoardHelp));
            // The headers and columns for a new filter or a move are being read on a worker.
            super::widgets::updating_mark(ui, state.lang, state.pipeline.board_updating());
        });
        self.filters_ui(ui, state, cx.actions);
        ui.separator();
        let modal_open = cx.prompt.is_some() || self.snooze.is_some() || cx.editor.is_some();
        // A card's tooltip would be drawn over the prompt or editor (over 原因): none then.
        self.quiet = modal_open;
        if !modal_open {
            self.keyboard(ui, state, cx.editor, cx.prompt);
        }

        let full = ui.available_rect_before_wrap();
        let lane_height = if self.lane_open {
            // On a small window the five columns keep most of the height.
            (full.height() * 0.4).clamp(LANE_CLOSED, LANE_OPEN)
        } else {
            LANE_CLOSED
        };
        let gap = 8.0;
        let board = Rect::from_min_max(
            full.min,
            Pos2::new(full.max.x, full.max.y - lane_height - gap),
        );
        let lane = Rect::from_min_max(Pos2::new(full.min.x, board.max.y + gap), full.max);
        let mut targets: Vec<(Stage, Rect)> = Vec::with_capacity(7);
        let width = (board.width() - gap * 4.0) / 5.0;
        for (i, stage) in LINE.into_iter().enumerate() {
            let x = board.min.x + i as f32 * (width + gap);
            let rect =
                Rect::from_min_size(Pos2::new(x, board.min.y), Vec2::new(width, board.height()));
            self.column_ui(ui, rect, stage, cx);
            targets.push((stage, rect));
        }
        self.lane_ui(ui, lane, cx, &mut targets);
        ui.advance_cursor_after_rect(full);
        self.drop(ui, state, &targets, cx.prompt);
        if let Some(snooze) = &mut self.snooze
            && !snooze.show_ui(ui.ctx(), state, cx.actions)
        {
            self.snooze = None;
        }
    }

    fn filters_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        let model = &state.pipeline;
        let mut filter = model.filter.clone();
        let mut tier = model.tier;
        let mut mine = model.mine;
        ui.horizontal_wrapped(|ui| {
            let search = ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .id_salt("board_search")
                    .hint_text(state.t(T::SearchHint))
                    .desired_width(180.0),
            );
            let name = state.t(T::SearchHint);
            search.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
            if search.changed() {
                filter.search = self.search.clone();
            }
            shared_filters_ui(ui, state, "board", &mut filter, &mut tier);
            let me = ui.checkbox(&mut mine, state.t(T::MyProjects));
            if state.ledger.my_officer.is_none() {
                me.on_hover_text(state.t(T::MyProjectsNone));
            } else {
                me.on_hover_text(state.ledger.officer_name(state.ledger.my_officer));
            }
            if ui.button(state.t(T::ClearFilters)).clicked() {
                filter = ProjectFilter::default();
                tier = None;
                mine = false;
                self.search.clear();
            }
        });
        if state.pipeline.mine && state.ledger.my_officer.is_none() {
            ui.colored_label(ui.visuals().warn_fg_color, state.t(T::MyProjectsNone));
        }
        if filter != model.filter || tier != model.tier || mine != model.mine {
            actions.push(BoardAction::SetFilter(Box::new(filter), tier, mine));
        }
    }

    /// ← → move the selected card (through the prompt), ↑ ↓ select its neighbours, Enter edits.
    fn keyboard(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        editor: &mut Option<EditorState>,
        prompt: &mut Option<MovePrompt>,
    ) {
        if ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        let Some(selected) = self.selected else {
            return;
        };
        let keys = [
            egui::Key::ArrowLeft,
            egui::Key::ArrowRight,
            egui::Key::ArrowUp,
            egui::Key::ArrowDown,
            egui::Key::Enter,
        ];
        if !ui.input(|i| keys.iter().any(|k| i.key_pressed(*k))) {
            return;
        }
        // A card the filter no longer shows is not moved blindly.
        if state
            .column_index_of(selected.stage, selected.seq)
            .is_none()
        {
            self.selected = None;
            return;
        }
        let (left, right, up, down, enter) = ui.input_mut(|i| {
            let mut take = |key| i.consume_key(egui::Modifiers::NONE, key);
            (
                take(egui::Key::ArrowLeft),
                take(egui::Key::ArrowRight),
                take(egui::Key::ArrowUp),
                take(egui::Key::ArrowDown),
                take(egui::Key::Enter),
            )
        });
        if left || right {
            if let Some(project) = state.project_by_seq(selected.seq)
                && let Some(to) = rules::neighbour(&project, right)
                && to != project.stage
            {
                *prompt = Some(MovePrompt::new(state, project, to));
            }
        } else if up || down {
            let len = state.column_len(selected.stage);
            if let Some(i) = state.column_index_of(selected.stage, selected.seq) {
                let next = if down {
                    (i + 1).min(len.saturating_sub(1))
                } else {
                    i.saturating_sub(1)
                };
                if let Some((seq, id)) = state.with_card(selected.stage, next, |c| (c.seq, c.id)) {
                    self.selected = Some(Selected {
                        seq,
                        id,
                        stage: selected.stage,
                    });
                    self.reveal = Some(selected.stage);
                }
            }
        } else if enter && let Some(project) = state.project_by_seq(selected.seq) {
            *editor = Some(EditorState::edit(state, project));
        }
    }

    fn column_ui(&mut self, ui: &mut egui::Ui, rect: Rect, stage: Stage, cx: &mut ViewContext<'_>) {
        let state = cx.state;
        let dragging = egui::DragAndDrop::payload::<CardDrag>(ui.ctx());
        let hovered = dragging.as_ref().is_some_and(|d| d.stage != stage)
            && ui
                .ctx()
                .pointer_interact_pos()
                .is_some_and(|p| rect.contains(p));
        let visuals = ui.visuals();
        let fill = if hovered {
            visuals.selection.bg_fill.gamma_multiply(0.35)
        } else {
            visuals.faint_bg_color
        };
        let stroke = if hovered {
            visuals.selection.stroke
        } else {
            Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color)
        };
        ui.painter()
            .rect(rect, 6.0, fill, stroke, StrokeKind::Inside);
        let inner = rect.shrink(6.0);
        let mut column = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(inner)
                .id_salt(("board_column", stage.code()))
                .layout(egui::Layout::top_down(egui::Align::Min)),
        );
        header_ui(&mut column, state, stage);
        column.add_space(2.0);
        self.cards_ui(&mut column, stage, cx);
    }

    /// The cards of one column: only the visible ones are read and laid out.
    fn cards_ui(&mut self, ui: &mut egui::Ui, stage: Stage, cx: &mut ViewContext<'_>) {
        let state = cx.state;
        let count = state.column_len(stage);
        if count == 0 {
            ui.weak(state.t(T::EmptyColumn));
            return;
        }
        let spacing = ui.spacing().item_spacing.y;
        let row = CARD_HEIGHT + spacing;
        let mut area = egui::ScrollArea::vertical()
            .id_salt(("board_scroll", stage.code()))
            .auto_shrink([false, false]);
        if self.reveal == Some(stage)
            && let Some(sel) = self.selected.filter(|s| s.stage == stage)
            && let Some(index) = state.column_index_of(stage, sel.seq)
        {
            let (offset, height) = self.viewports[stage.index()];
            let top = index as f32 * row;
            if top < offset {
                area = area.vertical_scroll_offset(top);
            } else if top + CARD_HEIGHT > offset + height && height > 0.0 {
                area = area.vertical_scroll_offset(top + CARD_HEIGHT - height);
            }
            self.reveal = None;
        }
        // Room on the right for the scroll bar, which floats over the content.
        let width = ui.available_width() - 8.0;
        let output = area.show_rows(ui, CARD_HEIGHT, count, |ui, range| {
            for index in range {
                let drawn = state.with_card(stage, index, |card| {
                    let selected = self.selected.is_some_and(|s| s.seq == card.seq);
                    let response = card_ui(ui, state, card, (selected, !self.quiet), width);
                    (card.seq, card.id, card.name.clone(), response)
                });
                let Some((seq, id, name, response)) = drawn else {
                    ui.allocate_exact_size(Vec2::new(width, CARD_HEIGHT), Sense::hover());
                    continue;
                };
                if response.drag_started() {
                    egui::DragAndDrop::set_payload(
                        ui.ctx(),
                        CardDrag {
                            seq,
                            id,
                            stage,
                            name,
                        },
                    );
                    self.selected = Some(Selected { seq, id, stage });
                }
                if response.clicked() {
                    self.selected = Some(Selected { seq, id, stage });
                }
                if response.double_clicked()
                    && let Some(project) = state.project_by_seq(seq)
                {
                    *cx.editor = Some(EditorState::edit(state, project));
                }
                response.context_menu(|ui| {
                    if ui.button(state.t(T::Edit)).clicked()
                        && let Some(project) = state.project_by_seq(seq)
                    {
                        *cx.editor = Some(EditorState::edit(state, project));
                    }
                    ui.menu_button(state.t(T::MoveTo), |ui| {
                        for to in Stage::ALL.into_iter().filter(|s| *s != stage) {
                            if ui.button(stage_label(state.lang, to)).clicked()
                                && let Some(project) = state.project_by_seq(seq)
                            {
                                self.selected = Some(Selected { seq, id, stage });
                                *cx.prompt = Some(MovePrompt::new(state, project, to));
                            }
                        }
                    });
                    if ui.button(state.t(T::SnoozeMenu)).clicked() {
                        self.snooze = Some(SnoozePrompt::new(state, id));
                    }
                    if state.snooze_of(id).is_some() && ui.button(state.t(T::Unsnooze)).clicked() {
                        cx.actions.push(BoardAction::Snooze {
                            project: id,
                            until: None,
                            reason: String::new(),
                        });
                    }
                });
            }
        });
        self.viewports[stage.index()] =
            (output.state.clamped_offset().y, output.inner_rect.height());
    }

    /// The 搁置 / 终止 lane: closed, two drop targets with their totals; open, two columns.
    fn lane_ui(
        &mut self,
        ui: &mut egui::Ui,
        rect: Rect,
        cx: &mut ViewContext<'_>,
        targets: &mut Vec<(Stage, Rect)>,
    ) {
        let state = cx.state;
        let mut lane = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(rect)
                .id_salt("board_lane")
                .layout(egui::Layout::top_down(egui::Align::Min)),
        );
        let toggle_height = 26.0;
        let arrow = if self.lane_open { "▼" } else { "▲" };
        let top = Rect::from_min_size(rect.min, Vec2::new(rect.width(), toggle_height));
        let mut bar = lane.new_child(
            egui::UiBuilder::new()
                .max_rect(top)
                .layout(egui::Layout::left_to_right(egui::Align::Center)),
        );
        if bar
            .button(format!("{arrow} {}", state.t(T::OffLineLane)))
            .clicked()
        {
            self.lane_open = !self.lane_open;
        }
        if !self.lane_open {
            // Closed, the lane is still where a card can be dropped.
            for stage in [Stage::OnHold, Stage::Dropped] {
                let totals = state.pipeline.totals(stage);
                let text = header_text(state, stage, totals.count, totals.amount_cny);
                let response = bar.add(egui::Button::new(text).min_size(Vec2::new(220.0, 24.0)));
                if response.clicked() {
                    self.lane_open = true;
                }
                targets.push((stage, response.rect));
            }
            return;
        }
        let body = Rect::from_min_max(Pos2::new(rect.min.x, top.max.y + 4.0), rect.max);
        let gap = 8.0;
        let width = (body.width() - gap) / 2.0;
        for (i, stage) in [Stage::OnHold, Stage::Dropped].into_iter().enumerate() {
            let x = body.min.x + i as f32 * (width + gap);
            let column =
                Rect::from_min_size(Pos2::new(x, body.min.y), Vec2::new(width, body.height()));
            self.column_ui(ui, column, stage, cx);
            targets.push((stage, column));
        }
    }

    /// A card released over another column opens the move prompt.
    fn drop(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        targets: &[(Stage, Rect)],
        prompt: &mut Option<MovePrompt>,
    ) {
        let ctx = ui.ctx();
        let Some(drag) = egui::DragAndDrop::payload::<CardDrag>(ctx) else {
            return;
        };
        if let Some(pos) = ctx.pointer_interact_pos() {
            ghost_ui(ctx, &drag, pos);
        }
        if !ctx.input(|i| i.pointer.any_released()) {
            return;
        }
        let drag: Option<Arc<CardDrag>> = egui::DragAndDrop::take_payload(ctx);
        let (Some(drag), Some(pos)) = (drag, ctx.pointer_interact_pos()) else {
            return;
        };
        let Some((to, _)) = targets.iter().find(|(_, r)| r.contains(pos)) else {
            return;
        };
        if *to != drag.stage
            && let Some(project) = state.project_by_seq(drag.seq)
        {
            self.selected = Some(Selected {
                seq: drag.seq,
                id: drag.id,
                stage: drag.stage,
            });
            *prompt = Some(MovePrompt::new(state, project, *to));
        }
    }
}

fn header_text(state: &AppState, stage: Stage, count: i64, amount: i64) -> String {
    state
        .t(T::BoardHeader)
        .replace("{stage}", stage_label(state.lang, stage))
        .replace("{count}", &count.to_string())
        .replace("{amount}", &yi_rounded(amount, 2))
}

fn header_ui(ui: &mut egui::Ui, state: &AppState, stage: Stage) {
    let totals = state.pipeline.totals(stage);
    let mut text = header_text(state, stage, totals.count, totals.amount_cny);
    let mut mode = egui::TextWrapMode::Truncate;
    if ui.available_width() < 190.0 {
        // A narrow window: the stage on one line, its count and sum on the next.
        text = text.replacen(" · ", "\n", 1);
        mode = egui::TextWrapMode::Wrap;
    }
    ui.add(egui::Label::new(egui::RichText::new(text).strong()).wrap_mode(mode));
}

/// One line of card text, cut with … to fit.
fn line(ui: &egui::Ui, pos: Pos2, text: &str, font: FontId, color: Color32, width: f32) {
    let mut job = LayoutJob::simple_singleline(text.to_string(), font, color);
    job.wrap = TextWrapping::truncate_at_width(width);
    let galley = ui.painter().layout_job(job);
    ui.painter().galley(pos, galley, color);
}

/// A card, painted directly (no child widgets), so a column of them costs little; the whole
/// card is one widget that can be clicked, double-clicked and dragged.
fn card_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    card: &CardRow,
    (selected, tooltip): (bool, bool),
    width: f32,
) -> egui::Response {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width, CARD_HEIGHT), Sense::hover());
    let id = Id::unique(("board_card", card.seq));
    let response = ui.interact(rect, id, Sense::click_and_drag());
    let name = card.name.clone();
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &name));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let today = state.today;
    // A done activity (a visit, a call) counts as an update.
    let touches = [
        card.updated,
        card.stage_date,
        state.pipeline.last_done_activity(card.id),
    ];
    let last_touch = touches.into_iter().flatten().max().unwrap_or(today);
    let mark = staleness(
        &state.ledger.stale,
        card.stage,
        last_touch,
        today,
        card.snoozed_until,
    );
    let mark_color = match mark {
        Staleness::Amber(_) => Some(AMBER),
        Staleness::Red(_) => Some(RED),
        _ => None,
    };
    card_frame_ui(ui, rect, &response, selected, mark_color);
    let activity = activity_mark_ui(ui, state, card, rect);
    let visuals = ui.visuals();
    let (text, weak, strong) = (
        visuals.text_color(),
        visuals.weak_text_color(),
        visuals.strong_text_color(),
    );
    let words = CardText::new(state, card, mark, mark_color.unwrap_or(text), weak, text);
    let body = FontId::proportional(13.0);
    let title = FontId::proportional(14.0);
    let lines = [
        (card.name.as_str(), &title, strong),
        (card.company.as_str(), &body, weak),
        (words.amount.as_str(), &body, text),
        (words.people.as_str(), &body, weak),
        (words.in_stage.as_str(), &body, text),
        (words.mark.0.as_str(), &body, words.mark.1),
        (words.next.0.as_str(), &body, words.next.1),
    ];
    let left = rect.min.x + 10.0;
    let inner_width = rect.width() - 16.0;
    let mut y = rect.min.y + CARD_PADDING;
    for (i, (content, font, color)) in lines.into_iter().enumerate() {
        if !content.is_empty() {
            line(
                ui,
                Pos2::new(left, y),
                content,
                font.clone(),
                color,
                inner_width,
            );
        }
        y += if i == 0 { TITLE_STEP } else { LINE_STEP };
    }
    // The whole text on hover: lines are cut to the card's width, and a snooze's reason is
    // only here.
    if !tooltip {
        return response;
    }
    response.on_hover_ui(|ui| {
        ui.set_max_width(360.0);
        let colon = colon(state.lang);
        ui.label(format!("{}{colon}{}", state.t(T::ProjectName), card.name));
        for text in [
            &card.company,
            &words.amount,
            &words.people,
            &words.in_stage,
            &words.mark.0,
            &words.next.0,
        ] {
            if !text.is_empty() {
                ui.label(text.as_str());
            }
        }
        if let Some(text) = &words.snooze {
            ui.label(text.as_str());
        }
        if let Some(text) = &activity {
            ui.label(text.as_str());
        }
    })
}

/// A card's background, its border (stronger when selected or hovered) and the stale bar.
fn card_frame_ui(
    ui: &egui::Ui,
    rect: Rect,
    response: &egui::Response,
    selected: bool,
    mark_color: Option<Color32>,
) {
    let visuals = ui.visuals();
    let fill = if response.dragged() {
        visuals.faint_bg_color
    } else {
        visuals.extreme_bg_color
    };
    let stroke = if selected {
        Stroke::new(2.0, visuals.selection.stroke.color)
    } else if response.hovered() {
        visuals.widgets.hovered.bg_stroke
    } else {
        visuals.widgets.noninteractive.bg_stroke
    };
    let painter = ui.painter();
    painter.rect(rect, 5.0, fill, stroke, StrokeKind::Inside);
    if let Some(color) = mark_color {
        // A bar down the left edge: visible at a glance while scrolling.
        let bar = Rect::from_min_size(
            rect.min + Vec2::new(1.0, 1.0),
            Vec2::new(4.0, rect.height() - 2.0),
        );
        painter.rect_filled(bar, 2.0, color);
    }
}

fn colon(lang: crate::i18n::Lang) -> &'static str {
    lang.t(T::LabelColon)
}

const GREEN: Color32 = Color32::from_rgb(0x2E, 0x9E, 0x4F);

/// The card's 日程 mark, Pipedrive's way: a dot at the top right, red when the next planned
/// activity is overdue, green when it is today, grey when later, amber when none is planned
/// (only for projects still moving: not in production, on hold or dropped). Named for
/// assistive technology (and tests) by its hover text.
fn activity_mark_ui(ui: &egui::Ui, state: &AppState, card: &CardRow, rect: Rect) -> Option<String> {
    if card.stage == Stage::Production || card.stage.is_off_line() {
        return None;
    }
    let next = state.pipeline.next_activity(card.id);
    let mark = ActivityMark::of(next.map(|n| n.start), state.today);
    let color = match mark {
        ActivityMark::Overdue => RED,
        ActivityMark::Today => GREEN,
        ActivityMark::Later => ui.visuals().weak_text_color(),
        ActivityMark::NonePlanned => AMBER,
    };
    let center = Pos2::new(rect.max.x - 9.0, rect.min.y + 9.0);
    ui.painter().circle_filled(center, 4.0, color);
    let words = match next {
        Some(n) => {
            let kind = state
                .pipeline
                .activity_types()
                .iter()
                .find(|t| t.code == n.kind)
                .map(|t| state.lang.activity_type_name(t).to_string())
                .unwrap_or_else(|| n.kind.clone());
            state
                .t(match mark {
                    ActivityMark::Overdue => T::CardActivityOverdue,
                    ActivityMark::Today => T::CardActivityToday,
                    _ => T::CardActivityLater,
                })
                .replace("{type}", &kind)
                .replace("{day}", &n.start.to_string())
        }
        None => state.t(T::CardActivityNone).to_string(),
    };
    Some(words)
}

/// The words on a card besides its name and company, each line with its colour.
struct CardText {
    amount: String,
    people: String,
    in_stage: String,
    mark: (String, Color32),
    next: (String, Color32),
    /// 暂缓至 … with its reason, for the hover text.
    snooze: Option<String>,
}

impl CardText {
    fn new(
        state: &AppState,
        card: &CardRow,
        mark: Staleness,
        mark_color: Color32,
        weak: Color32,
        text: Color32,
    ) -> CardText {
        let today = state.today;
        let colon = colon(state.lang);
        let amount = match (card.investment, card.amount_cny) {
            (Some(m), Some(cny)) => {
                let tiers = &state.ledger.tiers;
                let tier = state.lang.tier_label(tiers, tiers.band_of(cny));
                if m.currency == crate::domain::Currency::Cny {
                    format!("{} · {tier}", m.display_zh())
                } else {
                    format!("{} (≈{}亿元) · {tier}", m.display_zh(), yi_rounded(cny, 2))
                }
            }
            (Some(m), None) => m.display_zh(),
            _ => "—".to_string(),
        };
        let people = match (card.team.is_empty(), card.officer.is_empty()) {
            (false, false) => format!("{} / {}", card.team, card.officer),
            (false, true) => card.team.clone(),
            (true, false) => card.officer.clone(),
            (true, true) => "—".into(),
        };
        let in_stage = match card.stage_date {
            Some(date) => state
                .t(T::DaysInStage)
                .replace("{date}", &date.format("%Y-%m-%d").to_string())
                .replace("{days}", &(today - date).num_days().max(0).to_string()),
            None => state.t(T::DaysInStageUndated).to_string(),
        };
        let snoozed = |until: chrono::NaiveDate| {
            state
                .t(T::SnoozedUntil)
                .replace("{date}", &until.format("%Y-%m-%d").to_string())
        };
        let mark = match mark {
            Staleness::Amber(days) | Staleness::Red(days) => (
                format!(
                    "● {}",
                    state.t(T::StaleDays).replace("{days}", &days.to_string())
                ),
                mark_color,
            ),
            Staleness::Snoozed(until) => (snoozed(until), weak),
            Staleness::Fresh => (String::new(), text),
        };
        // The due date first, so a long next step cannot push it out of sight.
        let next = match card.next_step_due {
            Some(due) => (
                format!(
                    "{} {}{colon}{}",
                    state.t(T::Due),
                    due.format("%Y-%m-%d"),
                    card.next_step
                ),
                if due < today { RED } else { text },
            ),
            None if !card.next_step.is_empty() => (
                format!("{}{colon}{}", state.t(T::NextStep), card.next_step),
                text,
            ),
            None => (String::new(), text),
        };
        let snooze = card
            .snoozed_until
            .map(|until| format!("{}{colon}{}", snoozed(until), card.snooze_reason));
        CardText {
            amount,
            people,
            in_stage,
            mark,
            next,
            snooze,
        }
    }
}

/// The card under the pointer while it is dragged.
fn ghost_ui(ctx: &egui::Context, drag: &CardDrag, pos: Pos2) {
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Tooltip,
        Id::unique("card_ghost"),
    ));
    let visuals = ctx.global_style().visuals.clone();
    let rect = Rect::from_center_size(pos, Vec2::new(200.0, 34.0));
    painter.rect(
        rect,
        5.0,
        visuals.extreme_bg_color,
        visuals.selection.stroke,
        StrokeKind::Inside,
    );
    let mut job = LayoutJob::simple_singleline(
        drag.name.clone(),
        FontId::proportional(14.0),
        visuals.strong_text_color(),
    );
    job.wrap = TextWrapping::truncate_at_width(rect.width() - 16.0);
    let galley = painter.layout_job(job);
    let at = Pos2::new(rect.min.x + 8.0, rect.center().y - galley.size().y / 2.0);
    painter.galley(at, galley, visuals.strong_text_color());
}

impl super::ScreenView for PipelineView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        self.show_ui(ui, cx);
    }
}
