//! The chain map (产业链图谱) as a picture: the chain's name and 完整度 on top, its segments
//! as three columns, each link a box coloured by its status with its projects and 亿元 (a
//! sub-link indented under its link, a key link outlined and starred).

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{ChartError, Figure, INK, MUTED, draw_error, export_of, font};
use crate::domain::chain::status::ChainMap;
use crate::domain::chain::{Chain, ChainNode, LinkStatus, Segment};
use crate::domain::money::yi_rounded;
use crate::i18n::{Lang, T};

const WIDTH: u32 = 1200;
const TOP: i32 = 110;
const ROW: i32 = 62;

fn fill(status: LinkStatus) -> RGBColor {
    match status {
        LinkStatus::Present => RGBColor(0xb7, 0xe4, 0xc7),
        LinkStatus::Negotiating => RGBColor(0xff, 0xe0, 0x99),
        LinkStatus::Missing => RGBColor(0xf4, 0xb6, 0xb6),
    }
}

struct ChainPicture<'a> {
    chain: &'a Chain,
    map: &'a ChainMap,
    lang: Lang,
}

/// The rows each segment's column takes (links and sub-links).
fn rows_of(map: &ChainMap, segment: Segment) -> usize {
    (map.tree.links_of(segment).iter())
        .map(|l| 1 + map.tree.children_of(l.id).len())
        .sum()
}

/// A size that fits every box of the chain.
pub fn chain_picture_size(map: &ChainMap) -> (u32, u32) {
    let rows = Segment::ALL
        .iter()
        .map(|s| rows_of(map, *s))
        .max()
        .unwrap_or(0);
    let h = TOP as u32 + 60 + rows as u32 * ROW as u32;
    (WIDTH, h.clamp(400, 8000))
}

/// Writes the chain map to `path`, PNG or SVG by its extension.
pub fn export_chain(
    chain: &Chain,
    map: &ChainMap,
    lang: Lang,
    path: &Path,
) -> Result<(), ChartError> {
    let picture = ChainPicture { chain, map, lang };
    export_of(&picture, path, chain_picture_size(map))
}

impl Figure for ChainPicture<'_> {
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        root.fill(&WHITE).map_err(draw_error)?;
        let title = font(30.0).style(FontStyle::Bold).color(&INK);
        let heading = format!("{}：{}", lang.t(T::ChainHeading), self.chain.name);
        root.draw_text(&heading, &title, (24, 16))
            .map_err(draw_error)?;
        let f = &self.map.figures;
        let summary = lang
            .t(T::ChainSummary)
            .replace("{covered}", &f.completeness.covered.to_string())
            .replace("{total}", &f.completeness.total.to_string())
            .replace("{pct}", &f.completeness.percent_text())
            .replace("{negotiating}", &f.negotiating.to_string())
            .replace("{missing}", &f.missing.to_string())
            .replace("{signed}", &yi_rounded(f.signed_cny, 2));
        root.draw_text(&summary, &font(17.0).color(&MUTED), (24, 58))
            .map_err(draw_error)?;
        let column = (WIDTH as i32 - 48) / 3;
        for (i, segment) in Segment::ALL.into_iter().enumerate() {
            let x = 24 + i as i32 * column;
            let head = font(20.0).style(FontStyle::Bold).color(&INK);
            root.draw_text(lang.segment_label(segment), &head, (x + 4, TOP - 24))
                .map_err(draw_error)?;
            let mut y = TOP + 8;
            for link in self.map.tree.links_of(segment) {
                self.link_box(root, link, (x, y), column - 16)?;
                y += ROW;
                for sub in self.map.tree.children_of(link.id) {
                    self.link_box(root, sub, (x + 24, y), column - 40)?;
                    y += ROW;
                }
            }
        }
        Ok(())
    }
}

impl ChainPicture<'_> {
    fn link_box<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        node: &ChainNode,
        (x, y): (i32, i32),
        width: i32,
    ) -> Result<(), ChartError> {
        let lang = self.lang;
        let f = self.map.figures.links.get(&node.id);
        let status = f.map_or(LinkStatus::Missing, |f| f.status);
        let (x1, y1) = (x + width, y + ROW - 8);
        root.draw(&Rectangle::new([(x, y), (x1, y1)], fill(status).filled()))
            .map_err(draw_error)?;
        if node.key_link {
            let outline = RGBColor(0x99, 0x66, 0x00).stroke_width(2);
            root.draw(&Rectangle::new([(x, y), (x1, y1)], outline))
                .map_err(draw_error)?;
        }
        let key = if node.key_link { " ★" } else { "" };
        let name = font(17.0).style(FontStyle::Bold).color(&INK);
        root.draw_text(&format!("{}{key}", node.name), &name, (x + 8, y + 6))
            .map_err(draw_error)?;
        let counts = lang
            .t(T::ChainBoxProjects)
            .replace("{status}", lang.link_status_label(status))
            .replace("{n}", &f.map_or(0, |f| f.projects).to_string());
        let amount = lang
            .t(T::ChainBoxAmount)
            .replace("{amount}", &yi_rounded(f.map_or(0, |f| f.amount_cny), 2));
        root.draw_text(
            &format!("{counts} · {amount}"),
            &font(14.0).color(&INK),
            (x + 8, y + 30),
        )
        .map_err(draw_error)?;
        Ok(())
    }
}
