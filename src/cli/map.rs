//! `chart map`: 招商地图 of a range's signings, for the projects the filter picks, to PNG or SVG
//! (shaded by amount, the figure the pack's map shows too).

use std::path::Path;

use super::read_failed;
use crate::app::map::{self, MapMeasure};
use crate::i18n::{Lang, T};
use crate::report::ReportRange;
use crate::store::{ReportFilter, Store};

pub(super) fn chart(
    store: &Store,
    range: ReportRange,
    filter: &ReportFilter,
    out: &Path,
    size: (u32, u32),
    lang: Lang,
) -> Result<String, String> {
    let figures = map::build(store, range, filter, lang).map_err(read_failed(lang))?;
    crate::io::charts::map::export(&figures, MapMeasure::Amount, out, size)
        .map_err(|e| e.text(lang))?;
    Ok(lang
        .t(T::CliChartWritten)
        .replace("{title}", lang.t(T::NavMap))
        .replace("{path}", &out.display().to_string()))
}
