//! 招商地图 drawn to a file: the tile grid of China shaded by count or amount, each tile with
//! its province and figure, a legend, and 境外 as a ranked list beside it, under the title and
//! the period. The figures are the app's, the same the window shows: signed projects by origin
//! ([`MapFigures`]) or target companies by city ([`CompanyMap`]), both read through [`TileData`].

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, Figure, INK, MUTED, draw_error, export_of, font, png_of, svg_of};
use crate::app::map::{MapFigures, MapMeasure, light_text, shade};
use crate::app::map_companies::CompanyMap;
use crate::domain::tile_map::{COLS, ROWS, Tile};
use crate::i18n::{Lang, T};

/// Countries listed beside the map; the rest are counted in one line.
const ABROAD_ROWS: usize = 12;

/// What a tile map file shows, whichever its figures.
trait TileData {
    fn lang(&self) -> Lang;
    fn title(&self) -> String;
    fn subtitle(&self) -> String;
    /// Each tile with its shade (0 none … 1 the most) and the figure under its name, if any.
    fn tiles(&self) -> Vec<(Tile, f32, Option<String>)>;
    fn totals_line(&self) -> String;
    /// 境外, ranked: one line a country, and how many countries there are.
    fn abroad_lines(&self, rows: usize) -> (Vec<String>, usize);
    /// What has no tile: China with no province, and the unrecognised.
    fn unplaced_lines(&self) -> Vec<String>;
    /// What the list says when nothing is abroad.
    fn abroad_none(&self) -> T;
}

struct TileMap<'a>(&'a MapFigures, MapMeasure);

impl TileData for TileMap<'_> {
    fn lang(&self) -> Lang {
        self.0.lang
    }

    fn title(&self) -> String {
        self.0.lang.t(T::MapTitle).into()
    }

    fn subtitle(&self) -> String {
        self.0.period_line()
    }

    fn tiles(&self) -> Vec<(Tile, f32, Option<String>)> {
        let TileMap(map, measure) = *self;
        (map.tiles.iter())
            .map(|t| {
                let figure = (t.tally.count > 0).then(|| map.tile_text(t.tally, measure));
                (t.tile, map.intensity(t.tally, measure), figure)
            })
            .collect()
    }

    fn totals_line(&self) -> String {
        self.0.totals_line()
    }

    fn abroad_lines(&self, rows: usize) -> (Vec<String>, usize) {
        let map = self.0;
        let lines = (map.abroad.iter().take(rows).enumerate())
            .map(|(i, (country, tally))| map.abroad_row(i + 1, country, *tally))
            .collect();
        (lines, map.abroad.len())
    }

    fn unplaced_lines(&self) -> Vec<String> {
        let map = self.0;
        [
            (T::MapChinaUnplaced, map.china_unplaced),
            (T::MapUnknown, map.unknown),
        ]
        .into_iter()
        .filter(|(_, tally)| tally.count > 0)
        .map(|(key, tally)| {
            map.lang
                .t(T::MapLabelFigures)
                .replace("{label}", map.lang.t(key))
                .replace("{figures}", &map.figures(tally))
        })
        .collect()
    }

    fn abroad_none(&self) -> T {
        T::MapAbroadNone
    }
}

impl TileData for CompanyMap {
    fn lang(&self) -> Lang {
        self.lang
    }

    fn title(&self) -> String {
        self.lang.t(T::MapCoTitle).into()
    }

    fn subtitle(&self) -> String {
        self.lang.t(T::MapCoBasis).into()
    }

    fn tiles(&self) -> Vec<(Tile, f32, Option<String>)> {
        (self.tiles.iter())
            .map(|(tile, count)| {
                let figure = (count.count > 0).then(|| self.tile_text(*count));
                (*tile, self.intensity(*count), figure)
            })
            .collect()
    }

    fn totals_line(&self) -> String {
        CompanyMap::totals_line(self)
    }

    fn abroad_lines(&self, rows: usize) -> (Vec<String>, usize) {
        let lines = (self.abroad.iter().take(rows).enumerate())
            .map(|(i, (country, count))| self.abroad_row(i + 1, country, *count))
            .collect();
        (lines, self.abroad.len())
    }

    fn unplaced_lines(&self) -> Vec<String> {
        [
            (T::MapCoUnplaced, self.china_unplaced),
            (T::MapCoUnknown, self.unknown),
        ]
        .into_iter()
        .filter(|(_, count)| count.count > 0)
        .map(|(key, count)| {
            self.lang
                .t(key)
                .replace("{count}", &count.count.to_string())
        })
        .collect()
    }

    fn abroad_none(&self) -> T {
        T::MapCoAbroadNone
    }
}

/// Draws any [`TileData`].
struct Drawn<'a, D>(&'a D);

/// The map as PNG bytes.
pub fn render_png(
    map: &MapFigures,
    measure: MapMeasure,
    size: (u32, u32),
) -> Result<Vec<u8>, ChartError> {
    png_of(&Drawn(&TileMap(map, measure)), size)
}

/// The map as an SVG document (text stays text).
pub fn render_svg(
    map: &MapFigures,
    measure: MapMeasure,
    size: (u32, u32),
) -> Result<String, ChartError> {
    svg_of(&Drawn(&TileMap(map, measure)), size)
}

/// Writes the map to `path`, as PNG or SVG by its extension.
pub fn export(
    map: &MapFigures,
    measure: MapMeasure,
    path: &Path,
    size: (u32, u32),
) -> Result<(), ChartError> {
    export_of(&Drawn(&TileMap(map, measure)), path, size)
}

/// Writes the target companies' map to `path`, as PNG or SVG by its extension.
pub fn export_companies(map: &CompanyMap, path: &Path, size: (u32, u32)) -> Result<(), ChartError> {
    export_of(&Drawn(map), path, size)
}

fn rgb([r, g, b]: [u8; 3]) -> RGBColor {
    RGBColor(r, g, b)
}

impl<D: TileData> Figure for Drawn<'_, D> {
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let map = self.0;
        let (w, h) = root.dim_in_pixel();
        let s = (h as f64 / 750.0).clamp(0.5, 4.0);
        let px = |v: f64| (v * s) as i32;
        root.fill(&WHITE).map_err(draw_error)?;
        let title = font(30.0 * s).style(FontStyle::Bold).color(&INK);
        let sub = font(17.0 * s).color(&MUTED);
        root.draw_text(&map.title(), &title, (px(24.0), px(16.0)))
            .map_err(draw_error)?;
        root.draw_text(&map.subtitle(), &sub, (px(24.0), px(58.0)))
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
        for (tile, intensity, figure) in map.tiles() {
            let x = px(24.0) as f64 + tile.col as f64 * cell;
            let y = top as f64 + tile.row as f64 * cell;
            let corners = [
                ((x + gap) as i32, (y + gap) as i32),
                ((x + cell - gap) as i32, (y + cell - gap) as i32),
            ];
            root.draw(&Rectangle::new(corners, rgb(shade(intensity)).filled()))
                .map_err(draw_error)?;
            let ink = if light_text(intensity) { WHITE } else { INK };
            let centre = (x + cell / 2.0) as i32;
            root.draw_text(
                tile.province,
                &name_style.color(&ink),
                (centre, (y + cell * 0.38) as i32),
            )
            .map_err(draw_error)?;
            if let Some(figure) = figure {
                root.draw_text(
                    &figure,
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
    map: &impl TileData,
    (x, y): (i32, i32),
    s: f64,
) -> Result<(), ChartError> {
    let style = font(15.0 * s)
        .color(&MUTED)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let step = (22.0 * s) as i32;
    let mid = y + step / 2;
    root.draw_text(map.lang().t(T::MapLegendLow), &style, (x, mid))
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
    root.draw_text(map.lang().t(T::MapLegendHigh), &style, (after, mid))
        .map_err(draw_error)?;
    root.draw_text(&map.totals_line(), &style, (after + (40.0 * s) as i32, mid))
        .map_err(draw_error)?;
    Ok(())
}

/// 境外 as a ranked list, then China with no province and the unrecognised.
fn abroad<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    map: &impl TileData,
    x: i32,
    y: i32,
    s: f64,
) -> Result<(), ChartError> {
    let lang = map.lang();
    let heading = font(20.0 * s).style(FontStyle::Bold).color(&INK);
    let row = font(16.0 * s).color(&INK);
    let muted = font(16.0 * s).color(&MUTED);
    let line = (28.0 * s) as i32;
    root.draw_text(lang.t(T::MapAbroadHeading), &heading, (x, y))
        .map_err(draw_error)?;
    let mut at = y + (40.0 * s) as i32;
    let (lines, countries) = map.abroad_lines(ABROAD_ROWS);
    if countries == 0 {
        root.draw_text(lang.t(map.abroad_none()), &muted, (x, at))
            .map_err(draw_error)?;
        at += line;
    }
    for text in &lines {
        root.draw_text(text, &row, (x, at)).map_err(draw_error)?;
        at += line;
    }
    if countries > ABROAD_ROWS {
        let more = countries - ABROAD_ROWS;
        let text = lang.t(T::MapAbroadMore).replace("{n}", &more.to_string());
        root.draw_text(&text, &muted, (x, at)).map_err(draw_error)?;
        at += line;
    }
    at += line / 2;
    for text in map.unplaced_lines() {
        root.draw_text(&text, &muted, (x, at)).map_err(draw_error)?;
        at += line;
    }
    Ok(())
}
