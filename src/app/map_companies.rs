//! 招商地图 of target companies: every live company counted on the tile of its city's province
//! (read by the origin rules, as the 目标企业 list's province filter reads it, so a tile's count
//! is the list it opens), abroad by country, and the rest unplaced or unrecognised. Counts only:
//! a company has no 亿元. Built off the frame, when the data changed.

use crate::app::target_companies::CompanyFilter;
use crate::domain::target_company::{Priority, TargetCompany};
use crate::domain::tile_map::{TILES, Tile};
use crate::i18n::{Lang, T};

/// The country of the mainland, Hong Kong, Macau and Taiwan in a [`crate::domain::region::Place`].
const CHINA: &str = "中国";

/// What the map shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapSubject {
    /// Projects signed in the period, by origin.
    #[default]
    Projects,
    /// Target companies, by city.
    Companies,
}

/// How many companies a place has, and how many of them are priority A and 链主.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CompanyCount {
    pub count: i64,
    pub priority_a: i64,
    pub leaders: i64,
}

impl CompanyCount {
    fn add(&mut self, c: &TargetCompany) {
        self.count += 1;
        self.priority_a += i64::from(c.priority == Priority::A);
        self.leaders += i64::from(c.chain_leader);
    }

    fn plus(self, other: CompanyCount) -> CompanyCount {
        CompanyCount {
            count: self.count + other.count,
            priority_a: self.priority_a + other.priority_a,
            leaders: self.leaders + other.leaders,
        }
    }
}

/// The companies map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyMap {
    pub lang: Lang,
    /// One per tile, in [`TILES`] order.
    pub tiles: Vec<(Tile, CompanyCount)>,
    /// By foreign country, most companies first.
    pub abroad: Vec<(String, CompanyCount)>,
    pub china_unplaced: CompanyCount,
    pub unknown: CompanyCount,
}

impl CompanyMap {
    pub fn build(companies: &[TargetCompany], lang: Lang) -> CompanyMap {
        let mut map = CompanyMap {
            lang,
            tiles: TILES
                .iter()
                .map(|t| (*t, CompanyCount::default()))
                .collect(),
            abroad: Vec::new(),
            china_unplaced: CompanyCount::default(),
            unknown: CompanyCount::default(),
        };
        for c in companies {
            let Some(place) = c.origin() else {
                map.unknown.add(c);
                continue;
            };
            match place.province {
                Some(province) => {
                    match map.tiles.iter_mut().find(|(t, _)| t.province == province) {
                        Some((_, count)) => count.add(c),
                        None => map.china_unplaced.add(c),
                    }
                }
                None if place.country == CHINA => map.china_unplaced.add(c),
                None => match map.abroad.iter_mut().find(|(k, _)| k == place.country) {
                    Some((_, count)) => count.add(c),
                    None => {
                        let mut count = CompanyCount::default();
                        count.add(c);
                        map.abroad.push((place.country.to_owned(), count));
                    }
                },
            }
        }
        map.abroad
            .sort_by(|(a, x), (b, y)| y.count.cmp(&x.count).then_with(|| a.cmp(b)));
        map
    }

    /// The 目标企业 list's filter that shows exactly a tile's companies.
    pub fn province_filter(province: &str) -> CompanyFilter {
        CompanyFilter {
            province: Some(province.to_owned()),
            ..CompanyFilter::default()
        }
    }

    /// The list's filter that shows exactly a foreign country's companies.
    pub fn country_filter(country: &str) -> CompanyFilter {
        CompanyFilter {
            country: Some(country.to_owned()),
            ..CompanyFilter::default()
        }
    }

    /// How dark a tile is, from 0 (none) to 1 (the most).
    pub fn intensity(&self, count: CompanyCount) -> f32 {
        let max = self.tiles.iter().map(|(_, c)| c.count).max().unwrap_or(0);
        super::map::intensity_of(count.count, max)
    }

    /// "12 家": what a tile says under its name.
    pub fn tile_text(&self, count: CompanyCount) -> String {
        self.lang
            .t(T::MapCoTile)
            .replace("{count}", &count.count.to_string())
    }

    /// "江苏：12 家目标企业（A 类 3 家，链主 1 家）".
    pub fn hover(&self, province: &str, count: CompanyCount) -> String {
        self.lang
            .t(T::MapCoHover)
            .replace("{province}", province)
            .replace("{count}", &count.count.to_string())
            .replace("{a}", &count.priority_a.to_string())
            .replace("{leaders}", &count.leaders.to_string())
    }

    /// "1. 德国：3 家".
    pub fn abroad_row(&self, rank: usize, country: &str, count: CompanyCount) -> String {
        self.lang
            .t(T::MapCoAbroadRow)
            .replace("{rank}", &rank.to_string())
            .replace("{country}", country)
            .replace("{count}", &count.count.to_string())
    }

    /// Domestic, abroad, unrecognised and all together.
    pub fn totals_line(&self) -> String {
        let zero = CompanyCount::default();
        let domestic =
            (self.tiles.iter().map(|(_, c)| *c)).fold(self.china_unplaced, CompanyCount::plus);
        let abroad = self
            .abroad
            .iter()
            .map(|(_, c)| *c)
            .fold(zero, CompanyCount::plus);
        let all = domestic.plus(abroad).plus(self.unknown);
        self.lang
            .t(T::MapCoTotals)
            .replace("{domestic}", &domestic.count.to_string())
            .replace("{abroad}", &abroad.count.to_string())
            .replace("{unknown}", &self.unknown.count.to_string())
            .replace("{count}", &all.count.to_string())
    }
}
