//! 招商地图 drawn to a file: the tile grid of China shaded by count or amount, each tile with
//! its province and figure, a legend, and 境外 as a ranked list beside it, under the title and
//! the period. The figures are the app's [`MapFigures`], the same the window shows.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, Figure, INK, MUTED, draw_error, export_of, font, png_of, svg_of};
use crate::app::map::{MapFigures, MapMeasure, light_text, shade};
use crate::domain::tile_map::{COLS, ROWS};
use crate::i18n::T;

/// Countries listed beside the map; the rest are counted in one line.
const ABROAD_ROWS: usize = 12;

struct TileMap<'a>(&'a MapFigures, MapMeasure);

/// The map as PNG bytes.
pub fn render_png(
    map: &MapFigures,
    measure: MapMeasure,
    size: (u32, u32),
) -> Result<Vec<u8>, ChartError> {
    png_of(&TileMap(map, measure), size)
}

/// The map as an SVG document (text stays text).
pub fn render_svg(
    map: &MapFigures,
    measure: MapMeasure,
    size: (u32, u32),
) -> Result<String, ChartError> {
    svg_of(&TileMap(map, measure), size)
}

/// Writes the map to `path`, as PNG or SVG by its extension.
pub fn export(
    map: &MapFigures,
    measure: MapMeasure,
    path: &Path,
    size: (u32, u32),
) -> Result<(), ChartError> {
    export_of(&TileMap(map, measure), path, size)
}

fn rgb([r, g, b]: [u8; 3]) -> RGBColor {
    RGBColor(r, g, b)
}

impl Figure for TileMap<'_> {
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let TileMap(map, measure) = *self;
        let (w, h) = root.dim_in_pixel();
        let s = (h as f64 / 750.0).clamp(0.5, 4.0);
        let px = |v: f64| (v * s) as i32;
        root.fill(&WHITE).map_err(draw_error)?;
        let title = font(30.0 * s).style(FontStyle::Bold).color(&INK);
        let sub = font(17.0 * s).color(&MUTED);
        root.draw_text(map.lang.t(T::MapTitle), &title, (px(24.0), px(16.0)))
            .map_err(draw_error)?;
        root.draw_text(&map.period_line(), &sub, (px(24.0), px(58.0)))
            .map_err(draw_error)?;
        let top = px(100.0);
        let bottom = h as i32 - px(60.0);
        let grid_width = (w as f64 * 0.62) as i32 - px(24.0);
        let cell =
            ((grid_width as f64 / COLS as f64).min((bottom - top) as f64 / ROWS as f64)).max(8.0);
        let gap = (cell * 0.06).max(1.0);
        let name_style = font(cell * 0.2)
            .color(&INK)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let figure_style = font(cell * 0.17)
            .color(&INK)
            .pos(Pos::new(HPos::Center, VPos::Center));
        for t in &map.tiles {
            let x = px(24.0) as f64 + t.tile.col as f64 * cell;
            let y = top as f64 + t.tile.row as f64 * cell;
            let intensity = map.intensity(t.tally, measure);
            let corners = [
                ((x + gap) as i32, (y + gap) as i32),
                ((x + cell - gap) as i32, (y + cell - gap) as i32),
            ];
            root.draw(&Rectangle::new(corners, rgb(shade(intensity)).filled()))
                .map_err(draw_error)?;
            let ink = if light_text(intensity) { WHITE } else { INK };
            let centre = (x + cell / 2.0) as i32;
            root.draw_text(
                t.tile.province,
                &name_style.color(&ink),
                (centre, (y + cell * 0.38) as i32),
            )
            .map_err(draw_error)?;
            if t.tally.count > 0 {
                root.draw_text(
                    &map.tile_text(t.tally, measure),
                    &figure_style.color(&ink),
                    (centre, (y + cell * 0.66) as i32),
                )
                .map_err(draw_error)?;
            }
        }
        legend(root, map, (px(24.0), bottom + px(14.0)), s)?;
        // The list starts beside the grid (as wide as the height lets it be).
        let list_left = px(24.0) + (COLS as f64 * cell) as i32 + px(48.0);
        abroad(root, map, list_left, top, s)
    }
}

/// The shades from none to the largest, between "少" and "多", and the totals after them.
fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    map: &MapFigures,
    (x, y): (i32, i32),
    s: f64,
) -> Result<(), ChartError> {
    let style = font(15.0 * s)
        .color(&MUTED)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let step = (22.0 * s) as i32;
    let mid = y + step / 2;
    root.draw_text(map.lang.t(T::MapLegendLow), &style, (x, mid))
        .map_err(draw_error)?;
    let start = x + (34.0 * s) as i32;
    for i in 0..6 {
        let left = start + i * step;
        let colour = rgb(shade(i as f32 / 5.0));
        root.draw(&Rectangle::new(
            [(left, y), (left + step - 2, y + step)],
            colour.filled(),
        ))
        .map_err(draw_error)?;
    }
    let after = start + 6 * step + (8.0 * s) as i32;
    root.draw_text(map.lang.t(T::MapLegendHigh), &style, (after, mid))
        .map_err(draw_error)?;
    root.draw_text(&map.totals_line(), &style, (after + (40.0 * s) as i32, mid))
        .map_err(draw_error)?;
    Ok(())
}

/// 境外 as a ranked list, then China with no province and the unrecognised.
fn abroad<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    map: &MapFigures,
    x: i32,
    y: i32,
    s: f64,
) -> Result<(), ChartError> {
    let heading = font(20.0 * s).style(FontStyle::Bold).color(&INK);
    let row = font(16.0 * s).color(&INK);
    let muted = font(16.0 * s).color(&MUTED);
    let line = (28.0 * s) as i32;
    root.draw_text(map.lang.t(T::MapAbroadHeading), &heading, (x, y))
        .map_err(draw_error)?;
    let mut at = y + (40.0 * s) as i32;
    if map.abroad.is_empty() {
        root.draw_text(map.lang.t(T::MapAbroadNone), &muted, (x, at))
            .map_err(draw_error)?;
        at += line;
    }
    for (i, (country, tally)) in map.abroad.iter().take(ABROAD_ROWS).enumerate() {
        root.draw_text(&map.abroad_row(i + 1, country, *tally), &row, (x, at))
            .map_err(draw_error)?;
        at += line;
    }
    if map.abroad.len() > ABROAD_ROWS {
        let more = map.abroad.len() - ABROAD_ROWS;
        let text = map
            .lang
            .t(T::MapAbroadMore)
            .replace("{n}", &more.to_string());
        root.draw_text(&text, &muted, (x, at)).map_err(draw_error)?;
        at += line;
    }
    at += line / 2;
    for (key, tally) in [
        (T::MapChinaUnplaced, map.china_unplaced),
        (T::MapUnknown, map.unknown),
    ] {
        if tally.count > 0 {
            let text = map
                .lang
                .t(T::MapLabelFigures)
                .replace("{label}", map.lang.t(key))
                .replace("{figures}", &map.figures(tally));
            root.draw_text(&text, &muted, (x, at)).map_err(draw_error)?;
            at += line;
        }
    }
    Ok(())
}
