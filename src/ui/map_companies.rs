//! 招商地图 of target companies: the tile grid counted by each company's city (count only, no
//! period and no 亿元), hover showing the figures, a tile opening the 目标企业 list on exactly
//! that province's companies, abroad ranked by country beside it. Reads only the app's cached
//! [`CompanyMap`].

use super::Actions;
use super::dialogs::{Dialogs, Purpose};
use super::map::{TileCell, grid_ui, grid_width, legend_ui};
use crate::app::map::MapMeasure;
use crate::app::map_companies::CompanyMap;
use crate::app::target_companies::CompanyFilter;
use crate::app::{Action, AppState, CompanyAction, Screen};
use crate::i18n::T;

fn open_list(actions: &mut Actions, filter: CompanyFilter) {
    actions.push(CompanyAction::SetFilter(filter));
    actions.push(Action::Navigate(Screen::Companies));
}

pub fn companies_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    dialogs: &mut Dialogs,
    actions: &mut Actions,
) {
    let Some(map) = &state.map.companies else {
        if state.map.is_updating() {
            ui.weak(state.t(T::FiguresLoading));
        }
        return;
    };
    ui.horizontal_wrapped(|ui| {
        for (key, extension) in [(T::ExportPng, "png"), (T::ExportSvg, "svg")] {
            let button = egui::Button::new(state.t(key));
            if ui.add_enabled(!dialogs.is_open(), button).clicked() {
                // The measure is the map's own: companies are counted.
                dialogs.start(ui.ctx(), Purpose::Map(MapMeasure::Count, extension), "");
            }
        }
    });
    ui.strong(state.t(T::MapCoTitle));
    ui.weak(state.t(T::MapCoBasis));
    ui.label(map.totals_line());
    ui.separator();
    let width = grid_width(ui);
    let figures: Vec<Option<String>> = (map.tiles.iter())
        .map(|(_, count)| (count.count > 0).then(|| map.tile_text(*count)))
        .collect();
    let cells: Vec<TileCell> = (map.tiles.iter().zip(&figures))
        .map(|((tile, count), figure)| TileCell {
            tile: *tile,
            intensity: map.intensity(*count),
            figure: figure.as_deref(),
        })
        .collect();
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(width);
                    let hover = |i: usize| {
                        let (tile, count) = &map.tiles[i];
                        map.hover(tile.province, *count)
                    };
                    if let Some(province) = grid_ui(ui, &cells, width, &hover) {
                        open_list(actions, CompanyMap::province_filter(province));
                    }
                    legend_ui(ui, state);
                });
                ui.add_space(16.0);
                ui.vertical(|ui| abroad_ui(ui, state, map, actions));
            });
        });
}

/// 境外 ranked by count, each country a link to its companies; then the unplaced.
fn abroad_ui(ui: &mut egui::Ui, state: &AppState, map: &CompanyMap, actions: &mut Actions) {
    ui.strong(state.t(T::MapAbroadHeading));
    if map.abroad.is_empty() {
        ui.weak(state.t(T::MapCoAbroadNone));
    }
    for (i, (country, count)) in map.abroad.iter().enumerate() {
        if ui.link(map.abroad_row(i + 1, country, *count)).clicked() {
            open_list(actions, CompanyMap::country_filter(country));
        }
    }
    ui.add_space(8.0);
    for (key, count) in [
        (T::MapCoUnplaced, map.china_unplaced),
        (T::MapCoUnknown, map.unknown),
    ] {
        if count.count > 0 {
            ui.weak(state.t(key).replace("{count}", &count.count.to_string()));
        }
    }
}
