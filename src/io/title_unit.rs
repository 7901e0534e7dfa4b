//! The unit of a ledger's amounts as a line above its header gives it: "单位：亿元", also inside
//! a longer cell ("填报单位：经开区招商局　　单位：亿元") or in the cell after "单位：".

use super::header::{Unit, UnitSource, parse_unit};
use super::sheet::{CellRef, Grid};

/// Unit words a title line may give, longest first so 万美元 is not read as 万.
const UNIT_WORDS: [&str; 24] = [
    "人民币亿元",
    "人民币万元",
    "亿美元",
    "万美元",
    "亿欧元",
    "万欧元",
    "亿港元",
    "万港元",
    "亿日元",
    "万日元",
    "亿英镑",
    "万英镑",
    "千万元",
    "百万元",
    "亿元",
    "万元",
    "美元",
    "欧元",
    "港元",
    "日元",
    "英镑",
    "亿",
    "万",
    "元",
];

/// The unit word `text` starts with, if any, and ends with or is followed by a space or a
/// mark (so 万达集团 is no 万).
fn leading_unit(text: &str) -> Option<(&'static str, Unit)> {
    let lower = text.to_ascii_lowercase();
    let (word, unit) = UNIT_WORDS
        .iter()
        .find(|w| text.starts_with(**w))
        .map(|w| (*w, w.trim_start_matches("人民币")))
        .or_else(|| {
            ["usd", "eur", "hkd", "jpy", "gbp", "cny", "rmb"]
                .into_iter()
                .find(|w| lower.starts_with(w))
                .map(|w| (w, w))
        })?;
    if text[word.len()..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric())
    {
        return None;
    }
    parse_unit(unit).map(|u| (word, u))
}

/// The unit the lines above the header give: after any "单位" in a cell ("填报单位：经开区招商局
/// 单位：亿元" has two; the one followed by a unit counts), in the cell after one that ends in
/// "单位：", or a cell that is a unit alone ("（万元）"). A phrase such as "亿元以上项目" is
/// not a unit. The last one found wins: it is the nearest to the header.
pub(super) fn title_unit(grid: &Grid, header_row: usize) -> Option<UnitSource> {
    let skip = |c: char| c.is_whitespace() || matches!(c, ':' | '：' | '为' | '(' | '（');
    let mut found = None;
    for row in 0..header_row {
        let mut after_label = false;
        for col in 0..grid.width() {
            let CellRef::Text(t) = grid.cell(row, col) else {
                continue;
            };
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            let source = |word: &str, unit| UnitSource {
                row,
                col,
                word: word.to_string(),
                unit,
            };
            let bare =
                t.trim_matches(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '（' | '）'));
            let candidates = t
                .match_indices("单位")
                .map(|(pos, _)| t[pos + "单位".len()..].trim_start_matches(skip))
                .chain(after_label.then_some(bare));
            for rest in candidates {
                if let Some((word, unit)) = leading_unit(rest) {
                    found = Some(source(word, unit));
                }
            }
            if let Some((word, unit)) = leading_unit(bare)
                && word.len() == bare.len()
            {
                found = Some(source(word, unit));
            }
            after_label = t.trim_end_matches([':', '：']).ends_with("单位");
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;
    use crate::domain::money::{WAN, YI};
    use crate::io::header::find_layout;

    #[test]
    fn a_unit_is_found_anywhere_in_the_lines_above_the_header() {
        let unit_of = |title: Vec<&str>| {
            let mut rows = vec![
                vec!["2025年上半年新签约亿元以上项目台账".to_string()],
                title.into_iter().map(str::to_string).collect(),
            ];
            rows.push(vec!["项目名称".into(), "总投资".into()]);
            find_layout(&Grid::from_rows(rows))
                .unwrap()
                .sheet_unit_source
                .map(|s| (s.row, s.word, s.unit.scale, s.unit.currency))
        };
        assert_eq!(
            unit_of(vec!["填报单位：经开区招商局\u{3000}\u{3000}单位：亿元"]),
            Some((1, "亿元".to_string(), YI, Some(Currency::Cny)))
        );
        assert_eq!(
            unit_of(vec!["填报单位：经开区招商局", "", "金额单位：万美元"]),
            Some((1, "万美元".to_string(), WAN, Some(Currency::Usd)))
        );
        assert_eq!(unit_of(vec!["单位：", "亿元"]).map(|u| u.2), Some(YI));
        assert_eq!(unit_of(vec!["（万元）"]).map(|u| u.2), Some(WAN));
        assert_eq!(
            unit_of(vec!["填报单位：经开区招商局"]),
            None,
            "亿元以上 is no unit"
        );
        assert_eq!(unit_of(vec!["填报单位：万达集团"]), None, "万达 is no 万");
    }
}
