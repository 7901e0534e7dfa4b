//! 招商地图's figures: every tile counts exactly the projects the ledger shows for that province
//! under the same period and filter (count and exact sum), abroad is ranked by amount, and
//! nothing is lost between domestic, abroad and unrecognised origins. Also the map's files.

mod common;

use common::day;

use chrono::NaiveDate;
use zhaoshang::app::map::{self, MapFigures, MapMeasure};
use zhaoshang::domain::money::YI;
use zhaoshang::domain::region::normalize_origin;
use zhaoshang::domain::tile_map::TILES;
use zhaoshang::domain::{Money, Project, Stage};
use zhaoshang::i18n::Lang;
use zhaoshang::io::charts::map as draw;
use zhaoshang::report::ReportRange;
use zhaoshang::store::{ReportFilter, Store, Tally, Write};

fn ytd() -> ReportRange {
    ReportRange {
        from: day(2026, 1, 1),
        to: day(2026, 10, 31),
    }
}

fn signed(name: &str, origin: &str, industry: &str, yi: i64, on: NaiveDate) -> Project {
    let mut p = Project::new(name);
    p.industry = industry.into();
    p.origin = origin.into();
    p.investment = Some(Money::cny(yi * YI));
    p.stage = Stage::Signed;
    p.set_stage_date(Stage::Signed, Some(on));
    p
}

/// Known projects: 江苏 three times (苏州, 昆山, a bare 江苏省), 广东 twice, 德国 twice, 美国
/// and 日本 once, a 中国 with no province, an unknown origin, one signed last year and one
/// still 在谈 (neither counted).
fn known_store() -> Store {
    let on = day(2026, 5, 10);
    let mut negotiating = signed("在谈项目", "江苏南京", "新能源", 50, on);
    negotiating.stage = Stage::Negotiating;
    negotiating.set_stage_date(Stage::Signed, None);
    let projects = [
        signed("苏州电池", "江苏苏州", "新能源", 30, on),
        signed("昆山面板", "昆山", "新一代信息技术", 12, on),
        signed("江苏某项目", "江苏省", "新能源", 3, on),
        signed("深圳芯片", "深圳市南山区", "新一代信息技术", 20, on),
        signed("广州医药", "广州", "生物医药", 8, on),
        signed("德国汽车", "德国慕尼黑", "新能源", 25, on),
        signed("德国化工", "Germany", "新材料", 5, on),
        signed("美国研发", "USA", "生物医药", 40, on),
        signed("日本精密", "日本东京", "新材料", 2, on),
        signed("国内未注明", "中国", "新能源", 1, on),
        signed("火星来的", "火星基地", "新能源", 4, on),
        signed("去年江苏", "江苏无锡", "新能源", 9, day(2025, 6, 1)),
        negotiating,
    ];
    let mut store = Store::in_memory().unwrap();
    let writes: Vec<Write> = projects.into_iter().map(Write::PutProject).collect();
    store.write(&writes).unwrap();
    store
}

fn tally(count: i64, yi: i64) -> Tally {
    Tally {
        count,
        amount_cny: yi * YI,
    }
}

fn tile(map: &MapFigures, province: &str) -> Tally {
    map.tiles
        .iter()
        .find(|t| t.tile.province == province)
        .map(|t| t.tally)
        .unwrap()
}

/// Every tile's figures are the ledger's footer for its province under the same filter.
fn assert_tiles_equal_the_ledger(store: &Store, map: &MapFigures) {
    assert_eq!(map.tiles.len(), TILES.len());
    for t in &map.tiles {
        let filter = map.province_filter(t.tile.province);
        let totals = store.ledger_totals(&filter).unwrap();
        assert_eq!(
            (totals.count, totals.amount_cny),
            (t.tally.count, t.tally.amount_cny),
            "{}",
            t.tile.province
        );
    }
    for (country, tally) in &map.abroad {
        let totals = store.ledger_totals(&map.country_filter(country)).unwrap();
        assert_eq!(
            (totals.count, totals.amount_cny),
            (tally.count, tally.amount_cny)
        );
    }
    let whole = store.ledger_totals(&map.period).unwrap();
    let all = map.totals()[3];
    assert_eq!((whole.count, whole.amount_cny), (all.count, all.amount_cny));
}

#[test]
fn figures_per_province_equal_the_ledgers_and_abroad_is_ranked_by_amount() {
    let store = known_store();
    let map = map::build(&store, ytd(), &ReportFilter::default(), Lang::Zh).unwrap();
    // 江苏: 苏州, 昆山 and the bare province; not last year's, not the one still 在谈.
    assert_eq!(tile(&map, "江苏"), tally(3, 45));
    assert_eq!(tile(&map, "广东"), tally(2, 28));
    assert_eq!(tile(&map, "北京"), Tally::default());
    let abroad: Vec<(&str, Tally)> = map.abroad.iter().map(|(c, t)| (c.as_str(), *t)).collect();
    assert_eq!(
        abroad,
        [
            ("美国", tally(1, 40)),
            ("德国", tally(2, 30)),
            ("日本", tally(1, 2))
        ]
    );
    assert_eq!(map.china_unplaced, tally(1, 1));
    assert_eq!(map.unknown, tally(1, 4));
    assert_eq!(map.totals()[3], tally(11, 150));
    assert_tiles_equal_the_ledger(&store, &map);
    // 江苏 is the darkest by amount; by count too.
    assert_eq!(map.max(MapMeasure::Amount), 45 * YI);
    assert_eq!(map.intensity(tile(&map, "江苏"), MapMeasure::Count), 1.0);
    assert_eq!(
        map.hover("江苏", tile(&map, "江苏")),
        "江苏：3 个项目，总投资 45.00 亿元"
    );
    assert_eq!(
        map.abroad_row(1, "美国", tally(1, 40)),
        "1. 美国：1 个，40.00 亿元"
    );
}

#[test]
fn a_filter_narrows_the_map_and_every_tile_still_equals_the_ledger() {
    let store = known_store();
    let filter = ReportFilter {
        industry: Some("新能源".into()),
        ..Default::default()
    };
    let map = map::build(&store, ytd(), &filter, Lang::Zh).unwrap();
    assert_eq!(tile(&map, "江苏"), tally(2, 33));
    assert_eq!(tile(&map, "广东"), Tally::default());
    assert_eq!(map.abroad, vec![("德国".to_string(), tally(1, 25))]);
    assert_eq!(map.filter_label.as_deref(), Some("新能源"));
    assert_tiles_equal_the_ledger(&store, &map);
    // A period with nothing signed leaves every tile empty.
    let march = ReportRange {
        from: day(2026, 3, 1),
        to: day(2026, 3, 31),
    };
    let empty = map::build(&store, march, &ReportFilter::default(), Lang::Zh).unwrap();
    assert!(empty.is_empty());
    assert_eq!(empty.max(MapMeasure::Amount), 0);
}

#[test]
fn the_demo_zone_every_tile_equals_the_ledger() {
    let store = common::demo_store(300, 7, day(2026, 11, 24), Vec::new());
    let map = map::build(&store, ytd(), &ReportFilter::default(), Lang::Zh).unwrap();
    assert!(map.tiles.iter().filter(|t| t.tally.count > 0).count() >= 5);
    assert_tiles_equal_the_ledger(&store, &map);
    // Every project whose origin reads as a province sits on that province's tile.
    for p in store.all_projects().unwrap() {
        if let Some(province) = normalize_origin(&p.origin).and_then(|pl| pl.province) {
            assert!(TILES.iter().any(|t| t.province == province), "{province}");
        }
    }
}

#[test]
fn the_map_draws_to_png_and_svg_with_chinese_text() {
    let store = known_store();
    let map = map::build(&store, ytd(), &ReportFilter::default(), Lang::Zh).unwrap();
    let png = draw::render_png(&map, MapMeasure::Amount, (1200, 750)).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let svg = draw::render_svg(&map, MapMeasure::Count, (1200, 750)).unwrap();
    for text in [
        "招商地图",
        "江苏",
        "黑龙江",
        "3 个",
        "1. 美国：1 个，40.00 亿元",
    ] {
        assert!(svg.contains(text), "{text}");
    }
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("map.gif");
    assert!(draw::export(&map, MapMeasure::Amount, &bad, (1200, 750)).is_err());
}

#[test]
fn the_review_pack_has_a_map_sheet_with_the_provinces_ranked_and_abroad() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    use zhaoshang::domain::target::ElapsedCounting;
    use zhaoshang::io::review;
    let mut store = known_store();
    // Target companies: two in 苏州 (one A, one 链主), one in 德国.
    let mut companies = Vec::new();
    for (name, city, a, leader) in [
        ("苏州甲", "苏州", true, false),
        ("苏州乙", "江苏苏州", false, true),
        ("德国丙", "德国慕尼黑", false, false),
    ] {
        let mut c = zhaoshang::domain::target_company::TargetCompany::new(name);
        c.city = city.into();
        if a {
            c.priority = zhaoshang::domain::target_company::Priority::A;
        }
        c.chain_leader = leader;
        companies.push(zhaoshang::store::Write::PutTargetCompany(c));
    }
    store.write(&companies).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack.xlsx");
    let (october, today) = ((2026, 10), day(2026, 11, 24));
    review::write_pack(&store, october, ElapsedCounting::Days, today, &out).unwrap();
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let names = book.sheet_names();
    assert!(names.iter().any(|n| n == "招商地图"), "sheets: {names:?}");
    let sheet = book.worksheet_range("招商地图").unwrap();
    let cell = |r: u32, c: u32| sheet.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(3, 0), Data::String("省份".into()));
    // 江苏 first (45亿), then 广东 (28亿).
    assert_eq!(cell(4, 0), Data::String("江苏".into()));
    assert_eq!(cell(4, 1), Data::Float(3.0));
    assert_eq!(cell(4, 2), Data::Float(45.0));
    assert_eq!(cell(5, 0), Data::String("广东".into()));
    let rows: Vec<String> = (0..40).map(|r| cell(r, 0).to_string()).collect();
    let us = rows.iter().position(|r| r == "美国").unwrap();
    let de = rows.iter().position(|r| r == "德国").unwrap();
    assert!(us < de, "{rows:?}");
    let total = rows.iter().position(|r| r == "合计").unwrap();
    assert_eq!(cell(total as u32, 1), Data::Float(11.0));
    assert_eq!(cell(total as u32, 2), Data::Float(150.0));
    // Under them, the target companies by province, then abroad.
    let rows: Vec<String> = (0..60).map(|r| cell(r, 0).to_string()).collect();
    let heading = rows
        .iter()
        .position(|r| r == "招商地图：目标企业所在地")
        .unwrap();
    assert!(heading > total, "{rows:?}");
    let r = heading as u32 + 2;
    assert_eq!(cell(r, 0), Data::String("江苏".into()));
    assert_eq!(
        (cell(r, 1), cell(r, 2), cell(r, 3)),
        (Data::Float(2.0), Data::Float(1.0), Data::Float(1.0))
    );
    assert_eq!(cell(r + 1, 0), Data::String("德国".into()));
    assert_eq!(cell(r + 1, 1), Data::Float(1.0));
}
