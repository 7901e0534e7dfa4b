//! The review pack's 产业链 sheet: every chain's 完整度, then each of its links with its
//! status (and the reason when set by hand), projects, 亿元 signed and target companies.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::{Formats, headers, title, yi};
use crate::domain::chain::status::ChainMap;
use crate::domain::chain::{Chain, ChainNode, LinkStatus, Segment};
use crate::i18n::{Lang, T};
use crate::store::Store;

const COLUMNS: [T; 9] = [
    T::ChainColChain,
    T::ChainColSegment,
    T::ChainColLink,
    T::ChainColParent,
    T::ChainColStatus,
    T::ChainColProjects,
    T::ChainColSigned,
    T::ChainColCompanies,
    T::ChainColReason,
];

/// Every chain with its map and each link's count of target companies, as the sheet shows
/// them (read inside the pack's snapshot).
pub(super) fn read(store: &Store) -> crate::store::Result<Vec<ChainRows>> {
    let mut chains = Vec::new();
    for chain in store.chains()? {
        let map = store.chain_map(chain.id)?;
        let mut companies = Vec::with_capacity(map.tree.nodes.len());
        for node in &map.tree.nodes {
            companies.push((node.id, store.companies_of_link(node.id)?.len()));
        }
        chains.push((chain, map, companies));
    }
    Ok(chains)
}

pub(super) type ChainRows = (Chain, ChainMap, Vec<(uuid::Uuid, usize)>);

/// Adds the sheet named `name` after the others.
pub(super) fn chain_sheet(
    workbook: &mut Workbook,
    chains: &[ChainRows],
    name: &str,
) -> Result<(), XlsxError> {
    let lang = Lang::Zh;
    let f = Formats::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    title(sheet, lang.t(T::ChainSheetTitle), "", &f)?;
    let names: Vec<&str> = COLUMNS.iter().map(|c| lang.t(*c)).collect();
    headers(sheet, 3, &names, &f)?;
    for (c, width) in [14, 8, 20, 16, 10, 8, 14, 10, 30].iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
    }
    let mut r = 4u32;
    for (chain, map, companies) in chains {
        let fig = &map.figures;
        let line = lang
            .t(T::ChainSummary)
            .replace("{covered}", &fig.completeness.covered.to_string())
            .replace("{total}", &fig.completeness.total.to_string())
            .replace("{pct}", &fig.completeness.percent_text())
            .replace("{negotiating}", &fig.negotiating.to_string())
            .replace("{missing}", &fig.missing.to_string())
            .replace(
                "{signed}",
                &crate::domain::money::yi_rounded(fig.signed_cny, 2),
            );
        sheet.write_string_with_format(r, 0, &chain.name, &f.bold)?;
        sheet.write_string(r, 2, &line)?;
        r += 1;
        let mut row = |node: &ChainNode, parent: &str, r: u32| -> Result<(), XlsxError> {
            let link = map.figures.links.get(&node.id);
            let status = link.map_or(LinkStatus::Missing, |l| l.status);
            let reason = link
                .and_then(|l| l.overridden.as_ref())
                .map(|o| o.reason.as_str());
            let n = companies
                .iter()
                .find(|(id, _)| *id == node.id)
                .map_or(0, |c| c.1);
            sheet.write_string(r, 0, &chain.name)?;
            sheet.write_string(r, 1, lang.segment_label(node.segment))?;
            let key = if node.key_link { " ★" } else { "" };
            sheet.write_string(r, 2, format!("{}{key}", node.name))?;
            sheet.write_string(r, 3, parent)?;
            sheet.write_string(r, 4, lang.link_status_label(status))?;
            sheet.write_number(r, 5, link.map_or(0, |l| l.projects) as f64)?;
            sheet.write_number_with_format(r, 6, yi(link.map_or(0, |l| l.signed_cny)), &f.yi)?;
            sheet.write_number(r, 7, n as f64)?;
            sheet.write_string(r, 8, reason.unwrap_or_default())?;
            Ok(())
        };
        for segment in Segment::ALL {
            for link in map.tree.links_of(segment) {
                row(link, "", r)?;
                r += 1;
                for sub in map.tree.children_of(link.id) {
                    row(sub, &link.name, r)?;
                    r += 1;
                }
            }
        }
        r += 1;
    }
    Ok(())
}
