//! 项目台账: the filterable, sortable ledger of every project, with a totals line.

use super::Actions;
use super::dialogs::Dialogs;
use super::editor::EditorState;
use super::filters::{filter_combo, shared_filters_ui};
use super::widgets::{date_text, parse_day};
use crate::app::AppState;
use crate::app::LedgerAction;
use crate::domain::Stage;
use crate::domain::money::yi_rounded;
use crate::domain::query::{DateField, Dimension, ProjectFilter, SortColumn, SortOrder};
use crate::domain::region::EconomicRegion;
use crate::i18n::{T, stage_label};

/// What the ledger screen remembers between frames (not part of the data).
#[derive(Default)]
pub struct LedgerView {
    search: String,
    date_from: String,
    date_to: String,
    selected: Option<i64>,
    /// Column widths the user dragged to (`None`: the starting widths).
    widths: Option<[f32; COLUMN_COUNT]>,
}

const ROW_HEIGHT: f32 = 24.0;

impl LedgerView {
    pub fn show_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        editor: &mut Option<EditorState>,
        dialogs: &mut Dialogs,
        actions: &mut Actions,
    ) {
        let mut filter = state.projects.filter.clone();
        let mut tier = state.projects.tier;
        // A filter set from elsewhere (a chart's bar, a team's projects) shows in the boxes
        // too; what is being typed (even a day not yet complete) stays as it is.
        if parse_day(&self.date_from) != filter.date_from {
            self.date_from = date_text(filter.date_from);
        }
        if parse_day(&self.date_to) != filter.date_to {
            self.date_to = date_text(filter.date_to);
        }
        if self.search != filter.search {
            self.search = filter.search.clone();
        }
        ui.horizontal(|ui| {
            ui.heading(state.t(T::NavProjects));
            if ui.button(state.t(T::NewProject)).clicked() {
                *editor = Some(EditorState::new_project(state));
            }
            let selected_seq = self.selected;
            if ui
                .add_enabled(selected_seq.is_some(), egui::Button::new(state.t(T::Edit)))
                .clicked()
                && let Some(seq) = selected_seq
                && let Some(project) = state.project_by_seq(seq)
            {
                *editor = Some(EditorState::edit(state, project));
            }
            super::import::ledger_buttons_ui(ui, state, dialogs);
        });
        self.filters_ui(ui, state, &mut filter, &mut tier);
        if filter != state.projects.filter || tier != state.projects.tier {
            actions.push(LedgerAction::SetFilter(Box::new(filter), tier));
        }
        ui.separator();
        let totals = state.projects.totals();
        // The totals line sits below the table; reserve its height first.
        let table_height = ui.available_height() - 28.0;
        ui.allocate_ui(egui::vec2(ui.available_width(), table_height), |ui| {
            self.table_ui(ui, state, editor, actions);
        });
        ui.separator();
        ui.horizontal(|ui| {
            ui.label(
                state
                    .t(T::TotalsLine)
                    .replace("{count}", &totals.count.to_string())
                    .replace("{amount}", &yi_rounded(totals.amount_cny, 2)),
            );
            // The list and totals for a new filter are being made on a worker.
            super::widgets::updating_mark(ui, state.lang, state.projects.is_updating());
        });
    }

    fn filters_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        filter: &mut crate::domain::query::ProjectFilter,
        tier: &mut Option<usize>,
    ) {
        let all = state.t(T::All);
        ui.horizontal_wrapped(|ui| {
            let search = ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text(state.t(T::SearchHint))
                    .desired_width(200.0),
            );
            let name = state.t(T::SearchHint);
            search.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
            if search.changed() {
                filter.search = self.search.clone();
            }
            let stage = filter.stages.first().copied();
            let mut chosen_stage = stage;
            filter_combo(
                ui,
                "filter_stage",
                state.t(T::Stage),
                stage.map(|s| stage_label(state.lang, s)).unwrap_or(all),
                |ui| {
                    ui.selectable_value(&mut chosen_stage, None, all);
                    for s in Stage::ALL {
                        ui.selectable_value(&mut chosen_stage, Some(s), stage_label(state.lang, s));
                    }
                },
            );
            if chosen_stage != stage {
                filter.stages = chosen_stage.into_iter().collect();
            }
            shared_filters_ui(ui, state, "filter", filter, tier);
            filter_combo(
                ui,
                "filter_date_field",
                state.t(T::DateRange),
                state.lang.date_field_label(filter.date_field),
                |ui| {
                    for f in DateField::ALL {
                        ui.selectable_value(
                            &mut filter.date_field,
                            f,
                            state.lang.date_field_label(f),
                        );
                    }
                },
            );
            for (text, bound, hint) in [
                (&mut self.date_from, &mut filter.date_from, T::DateFrom),
                (&mut self.date_to, &mut filter.date_to, T::DateTo),
            ] {
                let invalid = !text.trim().is_empty() && parse_day(text).is_none();
                let mut edit = egui::TextEdit::singleline(text)
                    .hint_text(state.t(hint))
                    .desired_width(118.0);
                if invalid {
                    edit = edit.text_color(ui.visuals().error_fg_color);
                }
                let response = ui.add(edit);
                // The hint names the field for screen readers and tests, too.
                let name = state.t(hint);
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
                if response.changed() {
                    *bound = parse_day(text);
                }
            }
            key_filter_ui(ui, state, filter);
            if ui.button(state.t(T::ClearFilters)).clicked() {
                *filter = Default::default();
                *tier = None;
                self.search.clear();
                self.date_from.clear();
                self.date_to.clear();
            }
        });
    }

    /// The table: a header of sortable, resizable columns over a virtual list of rows. A row is
    /// one widget whose cells are painted, not laid out: the ledger's frame cost is the same
    /// for 1,000 projects or 100,000, and stays well inside a frame while scrolling. A window
    /// too narrow for every column scrolls sideways (负责人 and 来源地 stay reachable).
    fn table_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        editor: &mut Option<EditorState>,
        actions: &mut Actions,
    ) {
        let widths = self.fitted_widths(ui.available_width());
        let total: f32 = widths.iter().sum();
        egui::ScrollArea::horizontal()
            .id_salt("ledger_columns")
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.set_min_width(total);
                self.header_ui(ui, state, &widths, actions);
                self.rows_ui(ui, state, &widths, editor);
            });
    }

    /// The rows in view, each one widget; a cell too narrow for its text says so with "…"
    /// and shows it whole on hover.
    fn rows_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        widths: &[f32; COLUMN_COUNT],
        editor: &mut Option<EditorState>,
    ) {
        let look = RowLook::of(ui);
        let rows = state.projects.len();
        egui::ScrollArea::vertical()
            .id_salt("ledger_rows")
            .auto_shrink(false)
            .show_viewport(ui, |ui, viewport| {
                ui.spacing_mut().item_spacing.y = 0.0;
                ui.set_height(ROW_HEIGHT * rows as f32);
                let first = (viewport.min.y / ROW_HEIGHT).floor().max(0.0) as usize;
                let last = ((viewport.max.y / ROW_HEIGHT).ceil() as usize + 1).min(rows);
                let top = ui.max_rect().top();
                let left = ui.max_rect().left();
                for index in first..last {
                    let rect = egui::Rect::from_min_size(
                        egui::pos2(left, top + index as f32 * ROW_HEIGHT),
                        egui::vec2(widths.iter().sum(), ROW_HEIGHT),
                    );
                    let response = ui.interact(
                        rect,
                        ui.scope_id().with(("ledger_row", index)),
                        egui::Sense::click(),
                    );
                    let painter = ui.painter();
                    let mut cut = Vec::new();
                    let drawn = state.with_ledger_row(index, |r| {
                        let selected = self.selected == Some(r.seq);
                        let fill = if selected {
                            Some(look.selected_fill)
                        } else if response.hovered() {
                            Some(look.hover_fill)
                        } else {
                            (index % 2 == 1).then_some(look.stripe_fill)
                        };
                        if let Some(fill) = fill {
                            painter.rect_filled(rect, 0.0, fill);
                        }
                        let color = if selected {
                            look.selected_color
                        } else {
                            look.text_color
                        };
                        cut = paint_cells(painter, state, r, rect, widths, &look.font, color);
                        (r.seq, r.name.clone())
                    });
                    for (i, (cell, whole, short)) in cut.into_iter().enumerate() {
                        let hover = ui.interact(
                            cell,
                            ui.scope_id().with(("ledger_cut", index, i)),
                            egui::Sense::hover(),
                        );
                        hover.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Cell, true, &short)
                        });
                        hover.on_hover_text(whole);
                    }
                    let Some((seq, name)) = drawn else { continue };
                    // The row is named by its project, for screen readers and tests.
                    response
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Row, true, &name));
                    if response.clicked() {
                        self.selected = Some(seq);
                    }
                    if response.double_clicked()
                        && let Some(project) = state.project_by_seq(seq)
                    {
                        *editor = Some(EditorState::edit(state, project));
                    }
                }
            });
    }

    /// Column widths for the space there is: the name and company columns take what the
    /// others leave, but never less than they were set to.
    fn fitted_widths(&self, available: f32) -> [f32; COLUMN_COUNT] {
        let mut widths = self.widths.unwrap_or(COLUMNS.map(|c| c.2));
        let spare = available - widths.iter().sum::<f32>();
        if spare > 0.0 {
            widths[0] += spare * 0.55;
            widths[1] += spare * 0.45;
        }
        widths
    }

    fn header_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        widths: &[f32; COLUMN_COUNT],
        actions: &mut Actions,
    ) {
        let sort = (state.projects.sort, state.projects.order);
        let (rect, _) = ui.allocate_exact_size(
            egui::vec2(widths.iter().sum(), ROW_HEIGHT),
            egui::Sense::hover(),
        );
        let font = egui::TextStyle::Body.resolve(ui.style());
        let color = ui.visuals().strong_text_color();
        let line = ui.visuals().widgets.noninteractive.bg_stroke;
        let mut x = rect.left();
        let mut set_widths = self.widths.unwrap_or(COLUMNS.map(|c| c.2));
        for (i, ((label, column, _), width)) in COLUMNS.into_iter().zip(widths).enumerate() {
            let cell = egui::Rect::from_min_size(
                egui::pos2(x, rect.top()),
                egui::vec2(*width, ROW_HEIGHT),
            );
            x += width;
            let mut text = state.t(label).to_string();
            if Some(sort.0) == column && label != T::Investment {
                text.push_str(match sort.1 {
                    SortOrder::Ascending => " ▲",
                    SortOrder::Descending => " ▼",
                });
            }
            let response = ui.interact(
                cell,
                ui.scope_id().with(("ledger_header", i)),
                egui::Sense::click(),
            );
            let name = text.clone();
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ColumnHeader, true, &name));
            let inner = cell.shrink2(egui::vec2(CELL_PADDING, 0.0));
            // A header too wide for its column ends in "…" (the arrow kept), whole on hover.
            let shown = header_shown(ui.painter(), &text, &font, inner.width());
            ui.painter().with_clip_rect(inner).text(
                inner.left_center(),
                egui::Align2::LEFT_CENTER,
                &shown,
                font.clone(),
                color,
            );
            let response = if shown != text {
                response.on_hover_text(&text)
            } else {
                response
            };
            if let Some(column) = column
                && response.clicked()
            {
                let order = if sort.0 == column && sort.1 == SortOrder::Descending {
                    SortOrder::Ascending
                } else {
                    SortOrder::Descending
                };
                actions.push(LedgerAction::SetSort(column, order));
            }
            // A handle on the column's right edge resizes it.
            let handle =
                egui::Rect::from_center_size(cell.right_center(), egui::vec2(6.0, ROW_HEIGHT));
            let drag = ui
                .interact(
                    handle,
                    ui.scope_id().with(("ledger_resize", i)),
                    egui::Sense::drag(),
                )
                .on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
            if drag.dragged() {
                set_widths[i] = (set_widths[i] + drag.drag_delta().x).max(MIN_COLUMN_WIDTH);
                self.widths = Some(set_widths);
            }
            ui.painter()
                .vline(cell.right(), cell.y_range().shrink(4.0), line);
        }
        ui.painter().hline(rect.x_range(), rect.bottom(), line);
    }
}

/// The colours and font rows are painted with, read once a frame.
struct RowLook {
    text_color: egui::Color32,
    selected_color: egui::Color32,
    selected_fill: egui::Color32,
    stripe_fill: egui::Color32,
    hover_fill: egui::Color32,
    font: egui::FontId,
}

impl RowLook {
    fn of(ui: &egui::Ui) -> RowLook {
        let v = ui.visuals();
        RowLook {
            text_color: v.text_color(),
            selected_color: v.selection.stroke.color,
            selected_fill: v.selection.bg_fill,
            stripe_fill: v.faint_bg_color,
            hover_fill: v.widgets.hovered.weak_bg_fill,
            font: egui::TextStyle::Body.resolve(ui.style()),
        }
    }
}

/// A cell shortened to fit: its rectangle, its whole text and what is shown.
type CutCell = (egui::Rect, String, String);

/// Paints one row's cells; never a cut figure: a text too wide ends in "…", and the cells
/// shortened are returned for their hover text.
fn paint_cells(
    painter: &egui::Painter,
    state: &AppState,
    r: &crate::domain::query::LedgerRow,
    rect: egui::Rect,
    widths: &[f32; COLUMN_COUNT],
    font: &egui::FontId,
    color: egui::Color32,
) -> Vec<CutCell> {
    let investment = r.investment.map(|m| m.display_zh()).unwrap_or_default();
    let amount = r.amount_cny.map(|c| yi_rounded(c, 2)).unwrap_or_default();
    let signed = date_text(r.signed_date);
    let cells: [(&str, bool); COLUMN_COUNT] = [
        (&r.name, false),
        (&r.company, false),
        (&r.industry, false),
        (&investment, false),
        (&amount, true),
        (stage_label(state.lang, r.stage), false),
        (&signed, false),
        (&r.team, false),
        (&r.officer, false),
        (&r.origin, false),
    ];
    let mut cut = Vec::new();
    let mut x = rect.left();
    for ((text, right), width) in cells.into_iter().zip(widths) {
        let cell =
            egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(*width, ROW_HEIGHT))
                .shrink2(egui::vec2(CELL_PADDING, 0.0));
        x += width;
        if text.is_empty() {
            continue;
        }
        let (anchor, align) = if right {
            (cell.right_center(), egui::Align2::RIGHT_CENTER)
        } else {
            (cell.left_center(), egui::Align2::LEFT_CENTER)
        };
        let shown = elided(painter, text, font, cell.width());
        if let Some(short) = &shown {
            cut.push((cell, text.to_string(), short.clone()));
        }
        painter
            .with_clip_rect(cell.intersect(painter.clip_rect()))
            .text(
                anchor,
                align,
                shown.as_deref().unwrap_or(text),
                font.clone(),
                color,
            );
    }
    cut
}

/// A header as it fits its column: the name shortened with "…", the sort arrow kept.
fn header_shown(painter: &egui::Painter, text: &str, font: &egui::FontId, width: f32) -> String {
    let (name, arrow) = match text.strip_suffix(" ▲").or_else(|| text.strip_suffix(" ▼")) {
        Some(name) => (name, &text[name.len()..]),
        None => (text, ""),
    };
    let arrow_width = painter
        .layout_no_wrap(arrow.to_string(), font.clone(), egui::Color32::WHITE)
        .size()
        .x;
    match elided(painter, name, font, width - arrow_width) {
        Some(short) => format!("{short}{arrow}"),
        None => text.to_string(),
    }
}

/// `text` shortened to end in "…" when it is wider than `width`; None when it fits.
fn elided(painter: &egui::Painter, text: &str, font: &egui::FontId, width: f32) -> Option<String> {
    let fits = |t: &str| {
        painter
            .layout_no_wrap(t.to_string(), font.clone(), egui::Color32::WHITE)
            .size()
            .x
            <= width
    };
    if fits(text) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    // The longest start that fits with "…" after it.
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().chain(['…'].iter()).collect();
        if fits(&candidate) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Some(chars[..lo].iter().chain(['…'].iter()).collect())
}

/// What a chart's bar narrowed the ledger to that the boxes above cannot show (a city or
/// country, "未填", a chart's "其他", an amount range), as a label with a button to remove it.
fn key_filter_ui(ui: &mut egui::Ui, state: &AppState, filter: &mut ProjectFilter) {
    if let Some(key) = &filter.key {
        let dimension = state.t(match key.dimension {
            Dimension::Industry => T::Industry,
            Dimension::Region => T::Region,
            Dimension::Origin => T::Origin,
            Dimension::Team => T::Team,
            Dimension::Stage => T::Stage,
        });
        let name = |k: &str| -> String {
            let text = match key.dimension {
                Dimension::Region => EconomicRegion::from_code(k)
                    .map(|r| state.lang.region_label(r).to_string())
                    .unwrap_or_default(),
                Dimension::Team => state
                    .ledger
                    .team_name(uuid::Uuid::parse_str(k).ok())
                    .to_string(),
                _ => k.to_string(),
            };
            if text.trim().is_empty() {
                state.t(T::NotGiven).to_string()
            } else {
                text
            }
        };
        let n = key.keys.len().to_string();
        let text = match (key.exclude, key.keys.as_slice()) {
            (false, [one]) => format!("{dimension}：{}", name(one)),
            (false, _) => state
                .t(T::KeyFilterGroup)
                .replace("{dimension}", dimension)
                .replace("{n}", &n),
            (true, _) => state
                .t(T::KeyFilterOthers)
                .replace("{dimension}", dimension)
                .replace("{n}", &n),
        };
        let names: Vec<String> = key.keys.iter().map(|k| name(k)).collect();
        if chip_ui(ui, state, &text, &names.join("、")) {
            filter.key = None;
        }
    }
    if let Some(link) = &filter.chain_link {
        let text = state.t(T::ChainFilterChip).replace("{name}", &link.name);
        if chip_ui(ui, state, &text, "") {
            filter.chain_link = None;
        }
    }
    if let Some(province) = &filter.origin_province {
        let text = state.t(T::MapProvinceChip).replace("{province}", province);
        if chip_ui(ui, state, &text, "") {
            filter.origin_province = None;
        }
    }
    if filter.amount_cny_min.is_some() || filter.amount_cny_max.is_some() {
        let bound = |units: Option<i64>, sign: &str| {
            units
                .map(|u| format!("{sign}{}亿", yi_rounded(u, 2)))
                .unwrap_or_default()
        };
        let text = format!(
            "{}：{} {}",
            state.t(T::AmountRangeLabel),
            bound(filter.amount_cny_min, "≥"),
            bound(filter.amount_cny_max, "<")
        );
        if chip_ui(ui, state, text.trim_end(), "") {
            filter.amount_cny_min = None;
            filter.amount_cny_max = None;
        }
    }
}

/// A filter shown as a framed label with "×" to remove it; true when it was clicked.
fn chip_ui(ui: &mut egui::Ui, state: &AppState, text: &str, detail: &str) -> bool {
    let mut removed = false;
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label(text);
                if !detail.is_empty() {
                    label.on_hover_text(detail);
                }
                removed = ui
                    .small_button("×")
                    .on_hover_text(state.t(T::RemoveFilter))
                    .clicked();
            });
        });
    removed
}

const COLUMN_COUNT: usize = 10;
const CELL_PADDING: f32 = 4.0;
const MIN_COLUMN_WIDTH: f32 = 40.0;

/// The ledger's columns: header, what clicking it sorts by, and starting width.
const COLUMNS: [(T, Option<SortColumn>, f32); COLUMN_COUNT] = [
    (T::ProjectName, Some(SortColumn::Name), 200.0),
    (T::Company, Some(SortColumn::Company), 165.0),
    (T::Industry, Some(SortColumn::Industry), 72.0),
    (T::Investment, Some(SortColumn::Amount), 92.0),
    (T::AmountYi, Some(SortColumn::Amount), 72.0),
    (T::Stage, Some(SortColumn::Stage), 80.0),
    (T::SignedDate, Some(SortColumn::SignedDate), 82.0),
    (T::Team, Some(SortColumn::Team), 104.0),
    (T::Officer, None, 56.0),
    (T::Origin, Some(SortColumn::Origin), 64.0),
];

impl super::ScreenView for LedgerView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut super::ViewContext<'_>) {
        self.show_ui(ui, cx.state, cx.editor, cx.dialogs, cx.actions);
    }

    /// An undo may have taken the selected project away: 编辑 has nothing to open then.
    fn data_changed(&mut self, state: &AppState) {
        if let Some(seq) = self.selected
            && state.project_by_seq(seq).is_none()
        {
            self.selected = None;
        }
    }
}
