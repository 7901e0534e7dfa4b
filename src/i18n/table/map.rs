//! The translation table's rows for 招商地图 (the tile map of origins).

texts! {
    topic 8;
    // --- 招商地图 (issue 16) ---
    NavMap => "招商地图", "Origin map";
    MapTitle => "招商地图：签约项目来源地", "Origin map: where signed projects come from";
    MapBasis => "按签约日期计入所选期间；颜色越深，数值越大。点击省份查看其项目。", "Counted by signing date in the period; darker means more. Click a province to see its projects.";
    MapTileFigures => "{count} 个，{amount} 亿元", "{count}, {amount} yi CNY";
    MapTileAmount => "{amount} 亿", "{amount} yi";
    MapTileCount => "{count} 个", "{count}";
    MapTileHover => "{province}：{count} 个项目，总投资 {amount} 亿元", "{province}: {count} projects, total investment {amount} yi CNY";
    MapAbroadHeading => "境外（按国家或地区）", "Abroad (by country or territory)";
    MapAbroadRow => "{rank}. {country}：{figures}", "{rank}. {country}: {figures}";
    MapAbroadMore => "另有 {n} 个国家或地区", "{n} more countries or territories";
    MapLabelFigures => "{label}：{figures}", "{label}: {figures}";
    MapAbroadNone => "本期无境外来源的项目", "No projects from abroad in this period";
    MapChinaUnplaced => "国内（未注明省份）", "China (no province given)";
    MapUnknown => "来源地未填或无法识别", "Origin not given or not recognised";
    MapTotals => "国内 {domestic} 个、境外 {abroad} 个、未识别 {unknown} 个；合计 {count} 个，{amount} 亿元", "{domestic} domestic, {abroad} abroad, {unknown} unrecognised; {count} in all, {amount} yi CNY";
    MapProvinceChip => "来源省份：{province}", "Origin province: {province}";
    MapLegendLow => "少", "fewer";
    MapLegendHigh => "多", "more";
    MapProvinceHeader => "省份", "Province";
    MapCountryHeader => "国家或地区", "Country or territory";
    MapCountHeader => "签约个数", "Signed";
    MapAmountHeader => "签约金额(亿元)", "Amount (yi CNY)";
    MapSheetTitle => "招商地图：签约项目来源地（本年累计）", "Origin map: where signed projects come from (year to date)";
    MapTotalRow => "合计", "Total";
}
