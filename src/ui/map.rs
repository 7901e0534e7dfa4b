//! 招商地图: where the projects signed in the shared period come from, as a tile grid of China
//! (one equal tile per province-level division, no borders) shaded by count or by 亿元, with
//! 境外 ranked by country beside it. Hovering a tile shows its figures; clicking it opens the
//! ledger on exactly that province's projects (the footer then equals the tile). Reads only the
//! app's cached [`MapFigures`]: no query in a frame.

use egui::{Color32, FontId, Sense};

use super::Actions;
use super::dialogs::{Dialogs, Purpose};
use super::filters::report_filter_ui;
use crate::app::map::{MapFigures, MapMeasure, intensity_of, light_text, shade};
use crate::app::map_companies::MapSubject;
use crate::app::{Action, AppState, LedgerAction, MapAction, Screen};
use crate::domain::query::ProjectFilter;
use crate::domain::tile_map::{COLS, ROWS, Tile};
use crate::i18n::T;

#[derive(Default)]
pub struct MapView {
    measure: MapMeasure,
}

pub(super) fn colour(intensity: f32) -> Color32 {
    let [r, g, b] = shade(intensity);
    Color32::from_rgb(r, g, b)
}

fn open_ledger(actions: &mut Actions, filter: ProjectFilter) {
    actions.push(LedgerAction::SetFilter(Box::new(filter), None));
    actions.push(Action::Navigate(Screen::Projects));
}

impl super::ScreenView for MapView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut super::ViewContext<'_>) {
        let state = cx.state;
        ui.horizontal(|ui| {
            ui.heading(state.t(T::NavMap));
            super::widgets::updating_mark(ui, state.lang, state.map.is_updating());
            ui.add_space(12.0);
            let mut subject = state.map.subject;
            ui.selectable_value(
                &mut subject,
                MapSubject::Projects,
                state.t(T::MapShowProjects),
            );
            ui.selectable_value(
                &mut subject,
                MapSubject::Companies,
                state.t(T::MapShowCompanies),
            );
            if subject != state.map.subject {
                cx.actions.push(MapAction::SetSubject(subject));
            }
        });
        if state.map.subject == MapSubject::Companies {
            // A company has no period, no team and no 亿元: none of those switches apply.
            ui.separator();
            return super::map_companies::companies_ui(ui, state, cx.dialogs, cx.actions);
        }
        cx.period.period_ui(ui, state, cx.actions);
        filters_ui(ui, state, cx.actions);
        ui.separator();
        self.map_ui(ui, state, cx.dialogs, cx.actions);
    }
}

impl MapView {
    /// The measure, the exports, and the map itself.
    fn map_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        dialogs: &mut Dialogs,
        actions: &mut Actions,
    ) {
        ui.horizontal_wrapped(|ui| {
            let measure = &mut self.measure;
            ui.selectable_value(measure, MapMeasure::Amount, state.t(T::MeasureAmount));
            ui.selectable_value(measure, MapMeasure::Count, state.t(T::MeasureCount));
            ui.separator();
            let ready = state.map.data.is_some() && !dialogs.is_open();
            for (key, extension) in [(T::ExportPng, "png"), (T::ExportSvg, "svg")] {
                if ui
                    .add_enabled(ready, egui::Button::new(state.t(key)))
                    .clicked()
                {
                    dialogs.start(ui.ctx(), Purpose::Map(self.measure, extension), "");
                }
            }
        });
        let Some(map) = &state.map.data else {
            ui.weak(state.t(if state.map.is_updating() {
                T::FiguresLoading
            } else {
                T::PeriodNotBegun
            }));
            return;
        };
        ui.horizontal_wrapped(|ui| {
            ui.strong(state.t(T::MapTitle));
            ui.weak(map.period_line());
        });
        ui.weak(state.t(T::MapBasis));
        ui.label(map.totals_line());
        ui.separator();
        let grid_width = grid_width(ui);
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    ui.vertical(|ui| {
                        ui.set_width(grid_width);
                        let cells = project_cells(map, self.measure);
                        let hover = |i: usize| {
                            let t = &map.tiles[i];
                            map.hover(t.tile.province, t.tally)
                        };
                        if let Some(province) = grid_ui(ui, &cells, grid_width, &hover) {
                            open_ledger(actions, map.province_filter(province));
                        }
                        legend_ui(ui, state);
                    });
                    ui.add_space(16.0);
                    let height = cell_side(grid_width) * ROWS as f32;
                    ui.vertical(|ui| abroad_ui(ui, state, map, height, actions));
                });
            });
    }
}

/// Team, industry and economic region of origin: which projects the map counts.
fn filters_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
    if let Some(filter) = report_filter_ui(ui, state, "map", &state.map.filter) {
        actions.push(MapAction::SetFilter(filter));
    }
}

/// One tile as drawn: its shade and the figure under its name (none when empty).
pub(super) struct TileCell<'a> {
    pub tile: Tile,
    pub intensity: f32,
    pub figure: Option<&'a str>,
}

/// The tiles: a button each, named for screen readers by its province; the province clicked.
/// `hover` makes the hover text of the cell at an index, only for the tile under the pointer
/// (made for every tile, it was most of what a frame spent on the tiles).
pub(super) fn grid_ui(
    ui: &mut egui::Ui,
    cells: &[TileCell],
    width: f32,
    hover: &dyn Fn(usize) -> String,
) -> Option<&'static str> {
    let cell = cell_side(width);
    let (area, _) = ui.allocate_exact_size(
        egui::vec2(cell * COLS as f32, cell * ROWS as f32),
        Sense::hover(),
    );
    let gap = (cell * 0.05).max(2.0);
    let mut clicked = None;
    for (i, t) in cells.iter().enumerate() {
        let min = area.min + egui::vec2(t.tile.col as f32 * cell, t.tile.row as f32 * cell);
        let rect = egui::Rect::from_min_size(min, egui::vec2(cell, cell)).shrink(gap);
        let ink = if light_text(t.intensity) {
            Color32::WHITE
        } else {
            Color32::from_gray(0x22)
        };
        let province = t.tile.province;
        let response = ui.allocate_rect(rect, Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, province));
        let hovered = response.hovered();
        let painter = ui.painter();
        painter.rect_filled(rect, 4.0, colour(t.intensity));
        if hovered {
            painter.rect_stroke(
                rect,
                4.0,
                egui::Stroke::new(2.0, Color32::from_rgb(0xe0, 0x8a, 0x1e)),
                egui::StrokeKind::Inside,
            );
        }
        let name_size = (cell * 0.22).clamp(11.0, 16.0);
        let name_at = if t.figure.is_some() {
            rect.center() - egui::vec2(0.0, rect.height() * 0.14)
        } else {
            rect.center()
        };
        let centred = egui::Align2::CENTER_CENTER;
        painter.text(
            name_at,
            centred,
            province,
            FontId::proportional(name_size),
            ink,
        );
        if let Some(text) = t.figure {
            let figure_at = rect.center() + egui::vec2(0.0, rect.height() * 0.2);
            let figure_size = (cell * 0.17).clamp(9.0, 13.0);
            painter.text(
                figure_at,
                centred,
                text,
                FontId::proportional(figure_size),
                ink,
            );
        }
        let response = if hovered {
            response.on_hover_text(hover(i))
        } else {
            response
        };
        if response.clicked() {
            clicked = Some(province);
        }
    }
    clicked
}

/// A tile's side for a grid `width` wide.
fn cell_side(width: f32) -> f32 {
    (width / COLS as f32).clamp(44.0, 96.0)
}

/// The projects' tiles, shaded by `measure`, with the figures made with the map.
fn project_cells(map: &MapFigures, measure: MapMeasure) -> Vec<TileCell<'_>> {
    let max = map.max(measure);
    (map.tiles.iter().zip(map.labels.tiles(measure)))
        .map(|(t, figure)| TileCell {
            tile: t.tile,
            intensity: intensity_of(measure.of(t.tally), max),
            figure: figure.as_deref(),
        })
        .collect()
}

/// The whole grid in view when the window allows: a tile's side by the width and the height
/// left, the legend below it.
pub(super) fn grid_width(ui: &egui::Ui) -> f32 {
    let fit = ((ui.available_height() - 40.0) / ROWS as f32) * COLS as f32;
    (ui.available_width() * 0.62)
        .min(fit)
        .max(COLS as f32 * 44.0)
}

/// From none to the largest, between "少" and "多".
pub(super) fn legend_ui(ui: &mut egui::Ui, state: &AppState) {
    ui.horizontal(|ui| {
        ui.weak(state.t(T::MapLegendLow));
        for i in 0..6 {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 14.0), Sense::hover());
            ui.painter().rect_filled(rect, 2.0, colour(i as f32 / 5.0));
        }
        ui.weak(state.t(T::MapLegendHigh));
    });
}

/// 境外 ranked by amount, each country a link to its projects, in a list as tall as the grid
/// that lays out only the rows in view (a city's ledger names some 90 countries, and drawing
/// them all made the map's frame 1.8 times its frame at 1,000 projects); then China with no
/// province and the unrecognised origins.
fn abroad_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    map: &MapFigures,
    height: f32,
    actions: &mut Actions,
) {
    ui.horizontal(|ui| {
        ui.strong(state.t(T::MapAbroadHeading));
        // The list shows what fits beside the grid: its length says there is more to scroll.
        if !map.abroad.is_empty() {
            let count = map.abroad.len().to_string();
            ui.weak(state.t(T::MapAbroadCount).replace("{n}", &count));
        }
    });
    if map.abroad.is_empty() {
        ui.weak(state.t(T::MapAbroadNone));
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("map-abroad")
        .max_height(height)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, map.abroad.len(), |ui, rows| {
            // One line each, so every row is as tall as the list assumes.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for i in rows {
                let (country, _) = &map.abroad[i];
                let row = map.labels.abroad.get(i).map_or("", String::as_str);
                if ui.link(row).clicked() {
                    open_ledger(actions, map.country_filter(country));
                }
            }
        });
    ui.add_space(8.0);
    for (key, tally) in [
        (T::MapChinaUnplaced, map.china_unplaced),
        (T::MapUnknown, map.unknown),
    ] {
        if tally.count > 0 {
            ui.weak(
                state
                    .t(T::MapLabelFigures)
                    .replace("{label}", state.t(key))
                    .replace("{figures}", &map.figures(tally)),
            );
        }
    }
}
