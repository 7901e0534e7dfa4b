//! 招商地图's layout: China as a tile grid, one equal square per province-level division (the
//! 31 mainland provinces, 香港, 澳门 and 台湾), placed roughly where each lies (黑龙江 top right,
//! 新疆 at the left, 海南 at the bottom). Tiles have no borders to draw, so the map takes no
//! position on any boundary; it only says where investors come from.

/// One tile: the province's short name as [`crate::domain::region`] stores it in
/// `origin_province`, and its cell (column from the left, row from the top).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tile {
    pub province: &'static str,
    pub col: u8,
    pub row: u8,
}

const fn tile(province: &'static str, col: u8, row: u8) -> Tile {
    Tile { province, col, row }
}

/// Columns and rows the grid spans.
pub const COLS: u8 = 7;
pub const ROWS: u8 = 8;

/// Every tile, row by row from the north.
#[rustfmt::skip]
pub const TILES: [Tile; 34] = [
    tile("黑龙江", 6, 0),
    tile("内蒙古", 3, 1), tile("北京", 4, 1), tile("吉林", 6, 1),
    tile("新疆", 0, 2), tile("甘肃", 1, 2), tile("宁夏", 2, 2), tile("山西", 3, 2),
    tile("河北", 4, 2), tile("天津", 5, 2), tile("辽宁", 6, 2),
    tile("西藏", 0, 3), tile("青海", 1, 3), tile("陕西", 2, 3), tile("河南", 3, 3),
    tile("山东", 4, 3),
    tile("四川", 1, 4), tile("重庆", 2, 4), tile("湖北", 3, 4), tile("安徽", 4, 4),
    tile("江苏", 5, 4), tile("上海", 6, 4),
    tile("云南", 1, 5), tile("贵州", 2, 5), tile("湖南", 3, 5), tile("江西", 4, 5),
    tile("浙江", 5, 5),
    tile("广西", 2, 6), tile("广东", 3, 6), tile("福建", 4, 6), tile("台湾", 5, 6),
    tile("海南", 2, 7), tile("澳门", 3, 7), tile("香港", 4, 7),
];

/// The tile of a province, by its short name.
pub fn tile_of(province: &str) -> Option<&'static Tile> {
    TILES.iter().find(|t| t.province == province)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::region::all_cities;
    use std::collections::BTreeSet;

    #[test]
    fn every_province_has_exactly_one_tile_and_no_two_tiles_overlap() {
        let provinces: BTreeSet<&str> = all_cities().map(|(_, province)| province).collect();
        assert_eq!(provinces.len(), 34);
        for province in &provinces {
            let n = TILES.iter().filter(|t| t.province == *province).count();
            assert_eq!(n, 1, "{province} has {n} tiles");
        }
        let named: BTreeSet<&str> = TILES.iter().map(|t| t.province).collect();
        assert_eq!(named, provinces, "a tile names no province of the table");
        let cells: BTreeSet<(u8, u8)> = TILES.iter().map(|t| (t.col, t.row)).collect();
        assert_eq!(cells.len(), TILES.len(), "two tiles share a cell");
        assert!(TILES.iter().all(|t| t.col < COLS && t.row < ROWS));
    }

    #[test]
    fn the_layout_is_roughly_geographic() {
        let at = |p: &str| tile_of(p).map(|t| (t.col, t.row)).unwrap_or((99, 99));
        // 黑龙江 is the top right; 新疆 and 西藏 the far west; 海南 the bottom.
        assert_eq!(at("黑龙江"), (COLS - 1, 0));
        assert!(TILES.iter().all(|t| t.col >= at("新疆").0));
        assert!(TILES.iter().all(|t| t.row <= at("海南").1));
        assert!(at("北京").1 < at("上海").1 && at("上海").1 < at("广东").1);
        assert!(at("四川").0 < at("江苏").0);
    }
}
