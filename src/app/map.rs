//! 招商地图's read model: for the shared period and the screen's filter, the projects signed in
//! it by their origin's province (one figure per tile of [`crate::domain::tile_map`]) and by
//! foreign country, built only when the data, the period or the filter changed; and its export.
//! Every figure comes with the ledger filter that shows exactly its projects.

use std::path::PathBuf;

use super::background::{Background, Refresh};
use super::map_companies::{CompanyMap, MapSubject};
use super::{AppState, Freshness, Ledger};
use crate::domain::money::yi_rounded;
use crate::domain::query::{KeyFilter, OriginTallies};
use crate::domain::tile_map::{TILES, Tile};
use crate::i18n::{Lang, T};
use crate::report::ReportRange;
use crate::store::{self, DateField, Dimension, ProjectFilter, ReportFilter, Store, Tally};

#[derive(Debug, Clone)]
pub enum MapAction {
    /// Which projects the map counts: a team, an industry, an economic region of origin.
    SetFilter(ReportFilter),
    /// Draw the map, shaded by count or by amount, to a PNG or SVG file.
    Export(MapMeasure, PathBuf),
    /// Show signed projects or target companies.
    SetSubject(MapSubject),
}

/// What the tiles are shaded by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapMeasure {
    #[default]
    Amount,
    Count,
}

impl MapMeasure {
    /// The figure of a tally this measure shades by.
    pub fn of(self, tally: Tally) -> i64 {
        match self {
            MapMeasure::Amount => tally.amount_cny.max(0),
            MapMeasure::Count => tally.count,
        }
    }
}

/// One tile and the projects from its province.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TileFigure {
    pub tile: Tile,
    pub tally: Tally,
}

/// Everything the map shows for one period and filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapFigures {
    pub range: ReportRange,
    pub lang: Lang,
    pub filter: ReportFilter,
    /// The filter's parts by name ("招商一组 · 新能源"), `None` for all projects.
    pub filter_label: Option<String>,
    /// The filter and the period as a ledger filter (by signing date): what each figure narrows.
    pub period: ProjectFilter,
    /// One per tile, in [`TILES`] order; provinces with no project have a zero tally.
    pub tiles: Vec<TileFigure>,
    /// By foreign country, largest amount first.
    pub abroad: Vec<(String, Tally)>,
    pub china_unplaced: Tally,
    pub unknown: Tally,
    /// What a frame draws, made once with the figures (on the worker): formatted in every
    /// frame, a city's 90 countries and 30 figures were a good part of the map's frame.
    pub labels: MapLabels,
}

/// The map's text as drawn: each tile's figure under its name by either measure (`None` for
/// an empty tile), in [`TILES`] order, and each 境外 row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapLabels {
    pub amount: Vec<Option<String>>,
    pub count: Vec<Option<String>>,
    pub abroad: Vec<String>,
}

impl MapLabels {
    /// The tiles' figures by `measure`.
    pub fn tiles(&self, measure: MapMeasure) -> &[Option<String>] {
        match measure {
            MapMeasure::Amount => &self.amount,
            MapMeasure::Count => &self.count,
        }
    }
}

impl MapFigures {
    /// Exactly the projects of one province: the ledger opened from its tile.
    pub fn province_filter(&self, province: &str) -> ProjectFilter {
        ProjectFilter {
            origin_province: Some(province.to_string()),
            ..self.period.clone()
        }
    }

    /// Exactly the projects from one foreign country (its origin's place is the country).
    pub fn country_filter(&self, country: &str) -> ProjectFilter {
        ProjectFilter {
            key: Some(KeyFilter {
                dimension: Dimension::Origin,
                keys: vec![country.to_string()],
                exclude: false,
            }),
            ..self.period.clone()
        }
    }

    /// The largest figure of any tile by `measure` (0 when every tile is empty).
    pub fn max(&self, measure: MapMeasure) -> i64 {
        self.tiles
            .iter()
            .map(|t| measure.of(t.tally))
            .max()
            .unwrap_or(0)
    }

    /// How dark a tile is, from 0 (nothing) to 1 (the largest), by `measure`.
    pub fn intensity(&self, tally: Tally, measure: MapMeasure) -> f32 {
        intensity_of(measure.of(tally), self.max(measure))
    }

    /// Domestic (every tile and "China, no province"), abroad, unknown, and all together.
    pub fn totals(&self) -> [Tally; 4] {
        let domestic = sum(self
            .tiles
            .iter()
            .map(|t| t.tally)
            .chain([self.china_unplaced]));
        let abroad = sum(self.abroad.iter().map(|(_, t)| *t));
        let all = sum([domestic, abroad, self.unknown]);
        [domestic, abroad, self.unknown, all]
    }

    pub fn is_empty(&self) -> bool {
        self.totals()[3].count == 0
    }

    /// "招商一组 · 统计期间 2026-01-01 至 2026-08-31，数据截至 2026-08-31".
    pub fn period_line(&self) -> String {
        let period = self
            .lang
            .t(T::ChartPeriodLine)
            .replace("{from}", &self.range.from.to_string())
            .replace("{to}", &self.range.to.to_string());
        match &self.filter_label {
            Some(label) => format!("{label} · {period}"),
            None => period,
        }
    }
}

/// How dark a tile with `value` is where the largest is `max`: from 0 (nothing) to 1.
pub fn intensity_of(value: i64, max: i64) -> f32 {
    if max <= 0 {
        0.0
    } else {
        (value as f64 / max as f64) as f32
    }
}

/// A tile's colour at `intensity` (0 to 1): from a pale grey-blue for none to deep blue for
/// the largest; the same in the window and in files.
pub fn shade(intensity: f32) -> [u8; 3] {
    const EMPTY: [f32; 3] = [0xee as f32, 0xf1 as f32, 0xf5 as f32];
    const LOW: [f32; 3] = [0xc6 as f32, 0xdb as f32, 0xef as f32];
    const HIGH: [f32; 3] = [0x08 as f32, 0x45 as f32, 0x94 as f32];
    if intensity <= 0.0 {
        return EMPTY.map(|c| c as u8);
    }
    let t = intensity.clamp(0.0, 1.0);
    let mut out = [0u8; 3];
    for (i, c) in out.iter_mut().enumerate() {
        *c = (LOW[i] + (HIGH[i] - LOW[i]) * t).round() as u8;
    }
    out
}

/// Whether text on a tile of this intensity is written light (on the darker tiles).
pub fn light_text(intensity: f32) -> bool {
    intensity > 0.5
}

impl MapFigures {
    /// What a tile says under its name: its amount in 亿 or its count, by `measure`.
    fn make_labels(&self) -> MapLabels {
        let tiles = |measure| {
            (self.tiles.iter())
                .map(|t| (t.tally.count > 0).then(|| self.tile_text(t.tally, measure)))
                .collect()
        };
        MapLabels {
            amount: tiles(MapMeasure::Amount),
            count: tiles(MapMeasure::Count),
            abroad: (self.abroad.iter().enumerate())
                .map(|(i, (country, tally))| self.abroad_row(i + 1, country, *tally))
                .collect(),
        }
    }

    pub fn tile_text(&self, tally: Tally, measure: MapMeasure) -> String {
        match measure {
            MapMeasure::Amount => self
                .lang
                .t(T::MapTileAmount)
                .replace("{amount}", &yi_rounded(tally.amount_cny, 2)),
            MapMeasure::Count => self
                .lang
                .t(T::MapTileCount)
                .replace("{count}", &tally.count.to_string()),
        }
    }

    /// "3 个，12.50 亿元": a tally's exact figures.
    pub fn figures(&self, tally: Tally) -> String {
        self.lang
            .t(T::MapTileFigures)
            .replace("{count}", &tally.count.to_string())
            .replace("{amount}", &yi_rounded(tally.amount_cny, 2))
    }

    /// "江苏：3 个项目，总投资 12.50 亿元": a tile's hover text.
    pub fn hover(&self, province: &str, tally: Tally) -> String {
        self.lang
            .t(T::MapTileHover)
            .replace("{province}", province)
            .replace("{count}", &tally.count.to_string())
            .replace("{amount}", &yi_rounded(tally.amount_cny, 2))
    }

    /// The line under the map: domestic, abroad, unrecognised, and the whole.
    pub fn totals_line(&self) -> String {
        let [domestic, abroad, unknown, all] = self.totals();
        self.lang
            .t(T::MapTotals)
            .replace("{domestic}", &domestic.count.to_string())
            .replace("{abroad}", &abroad.count.to_string())
            .replace("{unknown}", &unknown.count.to_string())
            .replace("{count}", &all.count.to_string())
            .replace("{amount}", &yi_rounded(all.amount_cny, 2))
    }

    /// "1. 德国：3 个，12.50 亿元": an abroad row.
    pub fn abroad_row(&self, rank: usize, country: &str, tally: Tally) -> String {
        self.lang
            .t(T::MapAbroadRow)
            .replace("{rank}", &rank.to_string())
            .replace("{country}", country)
            .replace("{figures}", &self.figures(tally))
    }
}

fn sum(tallies: impl IntoIterator<Item = Tally>) -> Tally {
    tallies.into_iter().fold(Tally::default(), |acc, t| Tally {
        count: acc.count + t.count,
        amount_cny: acc.amount_cny.saturating_add(t.amount_cny),
    })
}

/// The map of the projects `filter` counts that were signed in `range`.
pub fn build(
    store: &Store,
    range: ReportRange,
    filter: &ReportFilter,
    lang: Lang,
) -> store::Result<MapFigures> {
    let period = ProjectFilter {
        date_field: DateField::Signed,
        date_from: Some(range.from),
        date_to: Some(range.to),
        ..filter.ledger_filter()
    };
    let OriginTallies {
        by_province,
        abroad,
        china_unplaced,
        unknown,
    } = store.origin_tallies(&period)?;
    let tiles = TILES
        .iter()
        .map(|tile| TileFigure {
            tile: *tile,
            tally: by_province
                .iter()
                .find(|(p, _)| p == tile.province)
                .map(|(_, t)| *t)
                .unwrap_or_default(),
        })
        .collect();
    let mut map = MapFigures {
        range,
        lang,
        filter: filter.clone(),
        filter_label: filter_label(store, filter, lang)?,
        period,
        tiles,
        abroad,
        china_unplaced,
        unknown,
        labels: MapLabels::default(),
    };
    map.labels = map.make_labels();
    Ok(map)
}

/// "招商一组 · 新能源 · 长三角": the filter's parts by name; `None` when nothing is filtered.
fn filter_label(store: &Store, filter: &ReportFilter, lang: Lang) -> store::Result<Option<String>> {
    let mut parts = Vec::new();
    if let Some(team) = filter.team_id {
        let name = store
            .teams()?
            .into_iter()
            .find(|t| t.id == team)
            .map(|t| t.name);
        parts.push(name.unwrap_or_else(|| lang.t(T::ChartDeletedTeam).to_string()));
    }
    if let Some(industry) = &filter.industry {
        parts.push(industry.clone());
    }
    if let Some(region) = filter.region {
        parts.push(lang.region_label(region).to_string());
    }
    Ok((!parts.is_empty()).then(|| parts.join(" · ")))
}

#[derive(Default)]
pub struct MapModel {
    /// Which projects the map counts (and its exports); all by default.
    pub filter: ReportFilter,
    /// The map for the shared period; `None` until first shown or when the period has not begun.
    pub data: Option<MapFigures>,
    /// Projects or target companies.
    pub subject: MapSubject,
    /// The target companies' map, built while they are shown.
    pub companies: Option<CompanyMap>,
    pub(super) fresh: Freshness,
    pub(super) refresh: Refresh<Figures>,
}

/// What the map shows: the target companies' (while they are shown) and the projects'.
type Figures = (Option<CompanyMap>, Option<MapFigures>);

impl MapModel {
    /// Brings the map up to date for `range` (the shared period's, `None` before it begins).
    pub fn prepare(
        &mut self,
        ledger: &Ledger,
        range: Option<ReportRange>,
        lang: Lang,
        background: Option<&Background>,
    ) -> store::Result<()> {
        // A team deleted meanwhile no longer filters the map. The period and the language
        // are the screen's inputs too (the dashboard's period picker does not know this model).
        let team_gone =
            (self.filter.team_id).is_some_and(|team| ledger.teams.iter().all(|t| t.id != team));
        let moved = (self.data.as_ref()).is_some_and(|d| d.lang != lang || Some(d.range) != range);
        if team_gone {
            self.filter.team_id = None;
        }
        if team_gone || moved {
            self.fresh.invalidate();
        }
        let (subject, filter) = (self.subject, self.filter.clone());
        let work = move |store: &Store| -> store::Result<Figures> {
            let companies = match subject {
                MapSubject::Companies => Some(CompanyMap::build(&store.target_companies()?, lang)),
                MapSubject::Projects => None,
            };
            let data = match range {
                Some(range) => Some(build(store, range, &filter, lang)?),
                None => None,
            };
            Ok((companies, data))
        };
        if let Some((companies, data)) =
            self.refresh
                .update(&mut self.fresh, ledger, background, work)?
        {
            (self.companies, self.data) = (companies, data);
        }
        Ok(())
    }

    /// Whether the map shown is older than the ledger, the period or the filter: a new one is
    /// being made on a worker.
    pub fn is_updating(&self) -> bool {
        self.refresh.is_updating()
    }

    /// Counts other projects from the next frame on (nothing is rebuilt if it is the same).
    fn set_filter(&mut self, filter: ReportFilter) {
        if filter != self.filter {
            self.filter = filter;
            self.fresh.invalidate();
        }
    }
}

impl AppState {
    pub(super) fn apply_map(&mut self, action: MapAction) {
        match action {
            MapAction::SetFilter(filter) => self.map.set_filter(filter),
            MapAction::Export(measure, path) => self.export_map(measure, &path),
            MapAction::SetSubject(subject) => {
                if subject != self.map.subject {
                    self.map.subject = subject;
                    self.map.fresh.invalidate();
                }
            }
        }
    }

    fn export_map(&mut self, measure: MapMeasure, path: &std::path::Path) {
        if let Err(e) = self
            .map
            .prepare(&self.ledger, self.period.range(), self.lang, None)
        {
            return self.store_failed(T::ReadFailed, &e);
        }
        let size = crate::io::charts::DEFAULT_SIZE;
        let written = match (&self.map.subject, &self.map.companies, &self.map.data) {
            (MapSubject::Companies, Some(companies), _) => {
                crate::io::charts::map::export_companies(companies, path, size)
            }
            (MapSubject::Projects, _, Some(map)) => {
                crate::io::charts::map::export(map, measure, path, size)
            }
            _ => return self.error(self.t(T::PeriodNotBegun).to_string()),
        };
        match written {
            Ok(()) => self.info(format!("{}: {}", self.t(T::ChartSaved), path.display())),
            Err(e) => self.error(e.text(self.lang)),
        }
    }
}
