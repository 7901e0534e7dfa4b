//! The review pack's 招商地图 sheet: the year's signings by province of origin (largest first)
//! and abroad by country, with the tile map's picture beside the table; under them the target
//! companies by province of their city and abroad by country.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::{Formats, IMAGE_SCALE, ReviewError, SHEETS, headers, title, yi};
use crate::app::map::{self, MapFigures, MapMeasure};
use crate::app::map_companies::{CompanyCount, CompanyMap};
use crate::i18n::{Lang, T};
use crate::io::charts;
use crate::report::ReportRange;
use crate::store::{ReportFilter, Store, Tally};

/// The sheet's place in [`SHEETS`].
const SHEET: usize = 6;

/// The map of the whole zone's signings in `range` (the pack's year to date), in Chinese.
pub(super) fn figures(store: &Store, range: ReportRange) -> Result<MapFigures, ReviewError> {
    Ok(map::build(
        store,
        range,
        &ReportFilter::default(),
        Lang::Zh,
    )?)
}

/// The target companies' map (any period), in Chinese.
pub(super) fn companies(store: &Store) -> Result<CompanyMap, ReviewError> {
    Ok(CompanyMap::build(&store.target_companies()?, Lang::Zh))
}

/// Adds the sheet, its picture drawn by amount.
pub(super) fn sheet(
    workbook: &mut Workbook,
    map: &MapFigures,
    companies: &CompanyMap,
    png: &[u8],
) -> Result<(), XlsxError> {
    let f = Formats::new();
    let t = |key: T| Lang::Zh.t(key);
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEETS[SHEET])?;
    title(sheet, t(T::MapSheetTitle), &map.period_line(), &f)?;
    let mut provinces: Vec<(&str, Tally)> = map
        .tiles
        .iter()
        .filter(|t| t.tally.count > 0)
        .map(|t| (t.tile.province, t.tally))
        .collect();
    provinces.sort_by(|(a, x), (b, y)| {
        (y.amount_cny, y.count)
            .cmp(&(x.amount_cny, x.count))
            .then_with(|| a.cmp(b))
    });
    let amount = t(T::MapAmountHeader);
    let count = t(T::MapCountHeader);
    headers(sheet, 3, &[t(T::MapProvinceHeader), count, amount], &f)?;
    let mut r = 4;
    for (province, tally) in provinces {
        write(sheet, &f, &mut r, province, tally)?;
    }
    if map.china_unplaced.count > 0 {
        write(
            sheet,
            &f,
            &mut r,
            t(T::MapChinaUnplaced),
            map.china_unplaced,
        )?;
    }
    r += 1;
    headers(sheet, r, &[t(T::MapCountryHeader), count, amount], &f)?;
    r += 1;
    for (country, tally) in &map.abroad {
        write(sheet, &f, &mut r, country, *tally)?;
    }
    if map.unknown.count > 0 {
        r += 1;
        write(sheet, &f, &mut r, t(T::MapUnknown), map.unknown)?;
    }
    let all = map.totals()[3];
    sheet.write_string_with_format(r, 0, t(T::MapTotalRow), &f.bold)?;
    sheet.write_number_with_format(r, 1, all.count as f64, &f.bold)?;
    sheet.write_number_with_format(r, 2, yi(all.amount_cny), &f.bold_yi)?;
    companies_table(sheet, &f, r + 3, companies)?;
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 12)?;
    sheet.set_column_width(2, 16)?;
    let image = rust_xlsxwriter::Image::new_from_buffer(png)?
        .set_scale_width(IMAGE_SCALE)
        .set_scale_height(IMAGE_SCALE);
    sheet.insert_image(3, 4, &image)?;
    Ok(())
}

/// The target companies by province (most first), then abroad by country, from row `r`.
fn companies_table(
    sheet: &mut Worksheet,
    f: &Formats,
    mut r: u32,
    map: &CompanyMap,
) -> Result<(), XlsxError> {
    let t = |key: T| Lang::Zh.t(key);
    sheet.write_string_with_format(r, 0, t(T::MapCoTitle), &f.bold)?;
    r += 1;
    let columns = [
        t(T::MapCoCountHeader),
        t(T::MapCoAHeader),
        t(T::MapCoLeaderHeader),
    ];
    headers(
        sheet,
        r,
        &[&[t(T::MapProvinceHeader)][..], &columns].concat(),
        f,
    )?;
    r += 1;
    let mut provinces: Vec<(&str, CompanyCount)> = (map.tiles.iter())
        .filter(|(_, c)| c.count > 0)
        .map(|(tile, c)| (tile.province, *c))
        .collect();
    provinces.sort_by(|(a, x), (b, y)| y.count.cmp(&x.count).then_with(|| a.cmp(b)));
    let abroad = map.abroad.iter().map(|(country, c)| (country.as_str(), *c));
    for (name, c) in provinces.into_iter().chain(abroad) {
        sheet.write_string(r, 0, name)?;
        for (col, n) in [(1, c.count), (2, c.priority_a), (3, c.leaders)] {
            sheet.write_number(r, col, n as f64)?;
        }
        r += 1;
    }
    Ok(())
}

/// One line of a table: name, count, amount in 亿元; moves `r` to the next line.
fn write(
    sheet: &mut Worksheet,
    f: &Formats,
    r: &mut u32,
    name: &str,
    tally: Tally,
) -> Result<(), XlsxError> {
    sheet.write_string(*r, 0, name)?;
    sheet.write_number(*r, 1, tally.count as f64)?;
    sheet.write_number_with_format(*r, 2, yi(tally.amount_cny), &f.yi)?;
    *r += 1;
    Ok(())
}

/// The sheet's picture, by amount, at the pack's chart size.
pub(super) fn picture(map: &MapFigures) -> Result<Vec<u8>, ReviewError> {
    Ok(charts::map::render_png(
        map,
        MapMeasure::Amount,
        super::CHART_SIZE,
    )?)
}
