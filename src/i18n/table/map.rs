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
    // --- 招商目标企业库 (issue 16) ---
    NavCompanies => "目标企业", "Target firms";
    CoNew => "新建目标企业", "New target company";
    CoEditTitle => "目标企业", "Target company";
    CoName => "企业名称", "Company";
    CoCreditCode => "统一社会信用代码", "Credit code";
    CoCity => "所在城市", "City";
    CoLinks => "产业链环节", "Chain links";
    CoPriority => "优先级", "Priority";
    CoLeader => "链主", "Chain leader";
    CoContact => "接触状态", "Contact";
    CoStatusNotContacted => "未接触", "not contacted";
    CoStatusContacted => "已接触", "contacted";
    CoStatusInterested => "有意向", "interested";
    CoStatusProject => "已立项", "project made";
    CoToProject => "转为项目", "Make a project";
    CoLeadersOnly => "只看链主", "Chain leaders only";
    CoPlaceHint => "城市或省份", "City or province";
    CoCount => "共 {shown} 家（库中 {total} 家）", "{shown} shown ({total} in all)";
    CoNone => "还没有目标企业。点「新建目标企业」添加，或点「导入…」从 Excel 导入。", "No target companies yet. Add one, or import them from Excel with Import….";
    CoNameMissing => "请填写企业名称", "Enter the company's name";
    CoAddLink => "添加环节", "Add a link";
    CoNoLinks => "尚无产业链：先在「产业链」中建立", "No chains yet: make one on the chain screen first";
    CoAlreadyProject => "这家企业已立项，其项目仍在台账中。", "A project was already made from this company and is still in the ledger.";
    CoProjectMade => "已由目标企业生成线索项目「{name}」（可撤销）", "Lead project \"{name}\" made from the target company (undo to take it back)";
    CoRemoveLink => "移除此环节", "Remove this link";
    MapAbroadCount => "共 {n} 个", "{n} in all";
}
