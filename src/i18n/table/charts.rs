//! The translation table's rows for charts, the monthly review pack and work on workers.

texts! {
    topic 2;
    // --- charts and the monthly review pack (issue 5) ---
    NavCharts => "图表", "Charts";
    ChartIndustry => "分产业", "Industries";
    ChartFunnel => "推进漏斗", "Funnel";
    ChartMonthly => "月度对比", "By month";
    ChartRegion => "经济区", "Regions";
    ChartOrigin => "城市或国家", "Cities, countries";
    ChartTier => "量级", "Tiers";
    ChartTeams => "赛马", "Teams";
    ChartKindLabel => "图表", "Chart";
    MeasureAmount => "按金额", "By amount";
    MeasureCount => "按个数", "By count";
    ExportPng => "导出 PNG", "Export PNG";
    ExportSvg => "导出 SVG", "Export SVG";
    ReviewPackButton => "生成{month}月度点评", "Monthly review pack for {month}";
    ChartSaved => "图表已保存", "Chart saved";
    PackSaved => "月度点评已保存（图表另存于同一文件夹）", "Review pack saved (charts beside it)";
    ChartExportFailed => "导出失败", "Export failed";
    ChartClickHint => "点击柱形或“查看项目”打开对应项目台账。", "Click a bar or “Show projects” to open those projects in the ledger.";
    ChartNameHeader => "名称", "Name";
    FiguresHeader => "金额、个数、占比", "Amount, count, share";
    FunnelFiguresHeader => "个数、金额、转化", "Count, amount, conversion";
    ConversionHeader => "转入后续阶段", "Went further";
    ShowProjects => "查看项目", "Show projects";
    MonthlyBarsTitle => "每月签约投资（亿元）", "Signed each month (yi CNY)";
    CumulativeTitle => "累计签约投资与全年目标（亿元）", "Running total and annual target (yi CNY)";
    AnnualTarget => "全年目标", "Annual target";
    RunningTotal => "累计", "running total";
    FunnelAxis => "本期进入该阶段的项目数", "Projects reaching the stage in the period";
    FunnelNote => "转入后续阶段：本期进入该阶段的项目中，截至期末已进入后续任一阶段的比例。", "Went further: of the projects that reached the stage in the period, the share that reached any later stage by its end.";
    // --- export on a worker; a duplicate's choice per row (issue 6, second pass) ---
    Exporting => "正在导出…", "Exporting…";
    ExpFailed => "导出中断，文件可能不完整", "The export stopped; the file may be incomplete";
    ImpOnlyDuplicates => "只看重复的 {n} 行", "Only the {n} duplicate rows";
    ImpRowChoice => "第 {row} 行的处理", "What to do with row {row}";
    Undoing => "正在撤销…", "Undoing…";
    Redoing => "正在重做…", "Redoing…";
    // --- charts: filters, every bar to the ledger, the pack on a worker (issue 5, finish) ---
    ChartsFilterLabel => "筛选", "Filter";
    PackWholeZone => "月度点评按全区统计，不受上方筛选影响。", "The review pack covers the whole zone, whatever the filter above.";
    PackWriting => "正在生成{month}月度点评…（可继续操作）", "Writing the review pack for {month}… (you can keep working)";
    KeyFilterLabel => "图表筛选", "From a chart";
    KeyFilterOthers => "{dimension}：除 {n} 项以外", "{dimension}: all but {n}";
    KeyFilterGroup => "{dimension}：{n} 项", "{dimension}: {n} of them";
    RemoveFilter => "取消此筛选", "Remove this filter";
    AmountRangeLabel => "金额", "Amount";
    NotGiven => "未填", "not given";
}
