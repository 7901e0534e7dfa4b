//! The one translation table: every string the user sees, in Chinese (first) and English.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

macro_rules! texts {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A key into the translation table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum T { $($key),* }

        impl T {
            /// Every key, in the table's order (for the test that reads them all).
            pub const ALL: &'static [T] = &[$(T::$key),*];
        }

        impl Lang {
            pub fn t(self, key: T) -> &'static str {
                match (self, key) {
                    $((Lang::Zh, T::$key) => $zh, (Lang::En, T::$key) => $en,)*
                }
            }
        }
    };
}

texts! {
    AppTitle => "招商台账", "Zhaoshang Ledger";
    NavProjects => "项目台账", "Projects";
    NavTeams => "招商队伍", "Teams";
    NavSettings => "设置", "Settings";
    Undo => "撤销", "Undo";
    Redo => "重做", "Redo";
    Dismiss => "知道了", "Dismiss";
    All => "全部", "All";
    NewProject => "新建项目", "New project";
    EditProject => "编辑项目", "Edit project";
    Edit => "编辑", "Edit";
    Save => "保存", "Save";
    Cancel => "取消", "Cancel";
    Delete => "删除", "Delete";
    ConfirmDelete => "确定删除？可撤销。", "Delete? You can undo it.";
    FixErrors => "请先改正标红的内容", "Please fix the fields marked in red";
    SearchHint => "搜索名称、企业、备注", "Search name, company, notes";
    DateRange => "日期", "Dates";
    ClearFilters => "清除筛选", "Clear filters";
    DateFrom => "起 2023-01-01", "from 2023-01-01";
    DateTo => "止 2023-12-31", "to 2023-12-31";
    TotalsLine => "共 {count} 个项目，总投资 {amount} 亿元", "{count} projects, total investment {amount} yi CNY";
    ProjectName => "项目名称", "Project";
    Company => "投资主体", "Investor";
    CreditCode => "统一社会信用代码", "Credit code";
    Industry => "产业", "Industry";
    ChainLink => "产业链环节", "Chain link";
    Investment => "总投资", "Investment";
    AmountYi => "折合(亿元)", "CNY (yi)";
    YiYuan => "亿元", "yi CNY";
    Stage => "阶段", "Stage";
    StageDates => "阶段日期", "Stage dates";
    SignedDate => "签约日期", "Signed";
    Team => "招商队伍", "Team";
    Officer => "负责人", "Officer";
    Origin => "来源地", "Origin";
    OriginUnknown => "未识别的地名，将按原文保存", "Place not recognised; kept as typed";
    Region => "经济区", "Region";
    Tier => "量级", "Tier";
    CapitalType => "资本类型", "Capital";
    Ownership => "企业性质", "Ownership";
    Headquarters => "总部项目", "Headquarters";
    HeadquartersYes => "是总部项目", "Is a headquarters project";
    LandMu => "用地(亩)", "Land (mu)";
    AnnualOutputWan => "预计年产值(万元)", "Annual output (10k CNY)";
    AnnualTaxWan => "预计年税收(万元)", "Annual tax (10k CNY)";
    Jobs => "就业岗位", "Jobs";
    NextStep => "下一步", "Next step";
    Due => "截止", "Due";
    Tags => "标签", "Tags";
    TagsHint => "用逗号分隔，如：链主，专精特新", "Comma separated";
    Notes => "备注", "Notes";
    HasDate => "填写日期", "Set a date";
    DupCreditCode => "已有相同信用代码的项目", "Same credit code as";
    DupCompany => "已有同一投资主体的项目", "Same investor as";
    DupSimilarName => "已有名称相近的项目", "Similar name to";
    ErrNameMissing => "请填写项目名称", "Enter the project's name";
    ErrNotANumber => "请输入数字", "Enter a number";
    ErrAmountEmpty => "请输入金额", "Enter an amount";
    ErrAmountNotNumber => "无法识别的金额：{text}（示例：378.6、8000万、3000万欧元）", "Not an amount: {text} (e.g. 378.6, 8000万, 3000万欧元)";
    ErrAmountNegative => "金额不能为负数", "The amount cannot be negative";
    ErrAmountFraction => "金额最多精确到元（或该币种的一个单位）", "Amounts are exact to one unit (1 yuan)";
    ErrAmountTooLarge => "金额过大", "The amount is too large";
    ErrCreditLength => "信用代码应为18位，现为{n}位", "A credit code has 18 characters, not {n}";
    ErrCreditChar => "第{pos}位的“{c}”不是信用代码可用的字符", "'{c}' at position {pos} is not allowed in a credit code";
    ErrCreditCheck => "校验位应为{expected}，现为{found}，请核对", "The check character should be {expected}, not {found}: please check the code";
    ErrStageOrder => "{b}日期早于{a}日期", "The {b} date is before the {a} date";
    ErrTeamNameMissing => "请填写队伍名称", "Enter the team's name";
    ErrRateDate => "第{row}行的日期无法识别", "Row {row}: the date is not valid";
    ErrRateValue => "第{row}行的汇率应为正数，最多6位小数", "Row {row}: the rate must be positive, at most 6 decimals";
    ErrTiers => "请输入以逗号分隔的正整数，如 1, 5, 10, 30, 50, 100", "Enter positive whole numbers separated by commas, e.g. 1, 5, 10, 30, 50, 100";
    ReadFailed => "读取数据失败", "Could not read the data";
    SaveFailed => "保存失败，数据未改动", "Saving failed; nothing was changed";
    FileExists => "该文件已存在，请换一个文件名", "That file exists; choose another name";
    CopySaved => "副本已保存", "Copy saved";
    Opened => "已打开", "Opened";
    BackupMade => "升级前已备份到", "backed up before upgrading to";
    InMemory => "（内存数据库）", "(in memory)";
    FirstRunTitle => "欢迎使用招商台账", "Welcome to Zhaoshang";
    FirstRunBody => "这个台账还是空的。可以先载入一个示例开发区（300个项目、6支招商队伍）看看效果，也可以直接开始录入自己的项目。示例数据可随时撤销。", "This ledger is empty. Load a demo zone (300 projects, 6 teams) to look around, or start with your own projects. The demo can be undone.";
    LoadDemo => "载入示例数据", "Load demo data";
    StartEmpty => "从空台账开始", "Start empty";
    NewTeam => "新建队伍", "New team";
    NoTeams => "还没有招商队伍", "No teams yet";
    PickTeam => "在左侧选择一支队伍，或新建队伍", "Pick a team on the left, or create one";
    ProjectsUnit => "个项目", "projects";
    TeamName => "队伍名称", "Name";
    TeamKind => "类型", "Kind";
    BaseCity => "驻点城市", "Based in";
    BaseCityHint => "驻外时填写，如 深圳", "If based elsewhere, e.g. Shenzhen";
    FocusIndustries => "主攻产业", "Focus industries";
    ShowTeamProjects => "查看该队伍的项目", "Show this team's projects";
    DeleteTeam => "删除队伍", "Delete team";
    Officers => "招商人员", "Officers";
    AddOfficer => "添加人员", "Add officer";
    OfficerName => "姓名", "Name";
    Role => "职务", "Role";
    RoleHint => "组长、专员…", "lead, officer…";
    Phone => "电话", "Phone";
    SettingsDatabase => "数据库文件", "Database file";
    OpenDatabase => "打开其他数据库…", "Open another…";
    NewDatabase => "新建数据库…", "Create new…";
    SaveCopy => "另存副本…", "Save a copy…";
    SettingsAppearance => "语言与外观", "Language and appearance";
    Language => "语言", "Language";
    Theme => "主题", "Theme";
    ThemeLight => "浅色", "Light";
    ThemeDark => "深色", "Dark";
    SettingsRates => "汇率（折合人民币）", "Exchange rates (to CNY)";
    RatesHelp => "外币项目按签约日当天有效的汇率折算；修改后所有外币项目重新折算。", "Foreign amounts convert at the rate in force on the signing day; saving recomputes every foreign project.";
    Currency => "币种", "Currency";
    EffectiveFrom => "生效日期", "Effective from";
    CnyPerUnit => "1单位折合人民币", "CNY per unit";
    AddRate => "添加汇率", "Add rate";
    SaveRates => "保存汇率", "Save rates";
    SettingsTiers => "量级门槛（亿元）", "Tier thresholds (yi CNY)";
    TiersHelp => "项目按折合人民币金额归入量级。", "Projects fall into tiers by their CNY amount.";
    SettingsIndustries => "产业目录", "Industry catalogue";
    NewIndustryHint => "新产业名称", "New industry";
    AddIndustry => "添加", "Add";
    // --- targets, dashboard, the teams' race (issue 4) ---
    NavDashboard => "驾驶舱", "Dashboard";
    NavTargets => "目标", "Targets";
    PeriodKindLabel => "期间", "Period";
    PeriodYtd => "本年累计", "Year to date";
    PeriodYear => "全年", "Year";
    PeriodQuarter => "季度", "Quarter";
    PeriodMonth => "月度", "Month";
    PeriodCustom => "自定义", "Custom";
    YearLabel => "年份", "Year";
    QuarterLabel => "季度", "Quarter";
    MonthLabel => "月份", "Month";
    AsOf => "截至", "As of";
    AsOfHint => "截至 2023-08-31", "as of 2023-08-31";
    RangeLine => "统计区间：{from} 至 {to}", "Range: {from} to {to}";
    PeriodNotBegun => "所选期间在截至日期时尚未开始。", "The period has not begun at the as-of date.";
    SignedProjects => "新签约项目", "Signed";
    StartedProjects => "新开工项目", "Started";
    ProductionProjects => "新投产项目", "In production";
    CountAndAmount => "{count} 个 · {amount} 亿元", "{count} · {amount} yi CNY";
    YoyLine => "同比 个数 {count} · 金额 {amount}", "YoY count {count} · amount {amount}";
    LastYearLine => "上年同期 {count} 个 · {amount} 亿元", "Last year {count} · {amount} yi";
    YoyNone => "上年为零", "zero last year";
    TargetsProgress => "目标完成情况", "Targets";
    NoTargets => "尚未设定目标：在“目标”页设定。", "No targets yet: set them on the Targets screen.";
    CompletionLine => "完成 {actual} / 目标 {target} · 完成率 {completion} · 序时进度 {elapsed} · {ahead}", "{actual} of {target} · {completion} done · {elapsed} elapsed · {ahead}";
    AheadBy => "超序时 {points} 个百分点", "{points} pts ahead";
    BehindBy => "落后序时 {points} 个百分点", "{points} pts behind";
    NoCompletion => "目标为零", "zero target";
    TierDistribution => "签约项目量级", "Signings by tier";
    TopIndustries => "主要产业", "Top industries";
    TopRegions => "来源地（经济区）", "Origin by region";
    TopOrigins => "来源地（城市、国家）", "Origin by city or country";
    CountHeader => "个数", "Count";
    AmountYiHeader => "亿元", "yi CNY";
    ShareHeader => "金额占比", "Share";
    Leaderboard => "赛马排名", "Team race";
    RankHeader => "名次", "Rank";
    CompletionHeader => "目标完成率", "Completion";
    RankByAmountHeader => "金额名次", "Rank by amount";
    RankChangeHeader => "名次较上月", "Rank vs last month";
    AmountRankChangeHeader => "金额名次较上月", "Amount rank vs last month";
    NoTarget => "未设目标", "no target";
    RankSame => "持平", "same";
    NoData => "暂无数据", "No data";
    NewTarget => "新建目标", "New target";
    EditTarget => "编辑目标", "Edit target";
    TargetName => "目标名称", "Name";
    TargetNameHint => "可不填，自动生成", "optional";
    ScopeLabel => "范围", "Scope";
    ScopeZone => "全区", "Zone";
    ScopeTeam => "队伍", "Team";
    ScopeIndustry => "产业", "Industry";
    MetricLabel => "指标", "Metric";
    TargetValue => "目标值", "Target";
    TargetValueHintAmount => "亿，如 401.5", "in yi, e.g. 401.5";
    TargetValueHintCount => "个数，如 27", "count, e.g. 27";
    MinTierYi => "量级下限（亿元）", "Tier floor (yi)";
    ActualHeader => "完成", "Actual";
    ElapsedHeader => "序时进度", "Elapsed";
    AheadHeader => "超/落后序时", "Ahead / behind";
    ErrTargetValue => "目标值无效：金额以亿为单位（如 401.5），个数为非负整数", "Invalid target: amounts in yi (e.g. 401.5), counts as whole numbers";
    ErrMinTier => "请输入量级下限（正整数亿元，如 10）", "Enter the tier floor in whole yi, e.g. 10";
    ErrChooseTeam => "请选择队伍", "Choose a team";
    ErrChooseIndustry => "请选择产业", "Choose an industry";
    SettingsElapsed => "序时进度算法", "Elapsed share of a period";
    ElapsedDays => "按天计算", "By days";
    ElapsedMonths => "按整月计算（8月底 = 8/12 = 66.7%）", "By whole months (end of August = 8/12 = 66.7%)";
    // 项目看板 (pipeline board)
    NavPipeline => "项目看板", "Pipeline";
    BoardHeader => "{stage} · {count} 个 · {amount} 亿元", "{stage} · {count} · {amount} yi";
    OffLineLane => "搁置 / 终止", "On hold / Dropped";
    MyProjects => "只看我的项目", "My projects only";
    MyProjectsNone => "请先在“设置 → 项目看板”中选择“我是”", "Choose who you are in Settings → Pipeline first";
    BoardHelp => "拖动卡片到其他列即可移动阶段；单击选中后可用 ← → 移动、↑ ↓ 切换、回车打开编辑。", "Drag a card to another column to move it; or select it and use ← → to move, ↑ ↓ to step, Enter to edit.";
    EmptyColumn => "（无）", "(none)";
    DaysInStage => "{date} 起 · {days} 天", "since {date} · {days} d";
    DaysInStageUndated => "阶段日期未填", "no stage date";
    StaleDays => "{days} 天未更新", "{days} d without update";
    SnoozedUntil => "暂缓至 {date}", "snoozed until {date}";
    MoveTitle => "移动项目阶段", "Move project";
    MoveFromTo => "{name}：{from} → {to}", "{name}: {from} → {to}";
    StageDateLabel => "{stage}日期", "{stage} date";
    MoveReason => "原因", "Reason";
    MoveReasonOptional => "选填", "optional";
    MoveReasonRequired => "必填：为什么终止", "required: why it was dropped";
    ConfirmMove => "确认移动", "Move";
    ConfirmBackward => "确认后退", "Move back";
    BackwardWarning => "这是后退：{to}之后各阶段的日期将从项目上清除（移动记录保留，可撤销）。确定吗？", "This moves the project back: the dates of the stages after {to} are taken off the project (the move history keeps them; you can undo). Continue?";
    ErrBadDate => "日期无法识别，请按 2023-08-31 的格式填写", "The date is not valid; write it as 2023-08-31";
    ErrDropReason => "移到“终止”需要填写原因", "Moving to Dropped needs a reason";
    ProjectGone => "该项目已不存在（可能已被删除），请刷新后再试", "That project no longer exists (it may have been deleted)";
    SnoozeMenu => "暂缓提醒…", "Snooze…";
    Unsnooze => "取消暂缓", "Lift snooze";
    SnoozeTitle => "暂缓提醒", "Snooze the stale mark";
    SnoozeUntil => "暂缓至", "Until";
    ErrSnoozeReason => "请填写暂缓的原因", "Give a reason for the snooze";
    ErrSnoozeDate => "暂缓日期应晚于今天", "The snooze date must be after today";
    MoveTo => "移到", "Move to";
    Timeline => "阶段进程", "Stage timeline";
    TimelineStep => "{from} → {to}：{days} 天", "{from} → {to}: {days} days";
    InStageNow => "已在“{stage}”{days} 天", "{days} days in {stage}";
    MoveHistory => "移动记录", "Move history";
    NoMoves => "还没有移动记录", "No moves recorded yet";
    MoveStageButton => "移动阶段…", "Move stage…";
    SettingsBoard => "项目看板", "Pipeline";
    IAm => "我是", "I am";
    Nobody => "（未选择）", "(nobody)";
    StaleHelp => "项目多少天没有更新标黄、标红（两格都留空表示该阶段不提醒）。", "Days without an update before a card turns amber, then red (leave both empty for no mark).";
    AmberDays => "标黄（天）", "Amber (days)";
    RedDays => "标红（天）", "Red (days)";
    ErrThresholds => "“{stage}”的天数应为正整数，或两格都留空", "{stage}: enter whole numbers of days, or leave both empty";
    // Import and export of Excel/CSV ledgers (issue 6).
    Import => "导入…", "Import…";
    Export => "导出…", "Export…";
    ImpTitle => "导入台账", "Import a ledger";
    ImpReading => "正在读取文件…", "Reading the file…";
    ImpChecking => "正在检查第 {done} / {total} 行", "Checking row {done} of {total}";
    ImpNoHeader => "找不到表头：前30行中没有一行同时含有“项目名称”（或“投资主体”）和其他常见列名（总投资、签约日期、所属产业……）。请检查选的工作表，或把表头改成常见名称后再试。", "No header row: none of the first 30 rows names the project (or investor) and other usual columns (investment, signing date, industry …). Check the sheet, or rename the headers and try again.";
    ImpDupSkip => "跳过", "Skip";
    ImpDupUpdate => "更新已有项目", "Update the existing project";
    ImpDupNew => "作为新项目导入", "Import as new";
    ImpDuplicates => "与台账中已有项目重复（相同信用代码，或相同投资主体和名称）：{n} 行", "Already in the ledger (same credit code, or same investor and name): {n} rows";
    ImpSummary => "共 {total} 行：可导入 {ok} 行，有错误 {bad} 行（不导入），空行 {blank} 行", "{total} rows: {ok} can be imported, {bad} have errors (not imported), {blank} blank";
    ImpErrors => "错误（这些行不导入）", "Errors (these rows are not imported)";
    ImpWarnings => "提醒（照常导入，请核实）", "Warnings (imported; please check)";
    ImpRow => "行", "Row";
    ImpColumn => "列", "Column";
    ImpReason => "原因", "Reason";
    ImpFile => "整个文件", "whole file";
    ImpColumns => "列对应", "Columns";
    ImpIgnore => "不导入", "Ignore";
    ImpMappingHelp => "自动识别不了的列请在这里指定；同样表头的文件下次会记住。", "Map the columns that were not recognised; the same headers are remembered next time.";
    ImpNewTeams => "将新建的招商队伍", "Teams to be created";
    ImpNewIndustries => "将新增的产业", "Industries to be added";
    ImpNewOfficers => "将新增的招商人员", "Officers to be added";
    ImpConfirm => "确认导入", "Import";
    ImpNothing => "没有可导入的行", "Nothing to import";
    ImpChooseOther => "选择其他文件…", "Choose another file…";
    ImpDone => "已导入：新增 {new} 个项目，更新 {updated} 个，跳过 {skipped} 个；可撤销", "Imported: {new} new, {updated} updated, {skipped} skipped; you can undo it";
    ImpSheet => "工作表", "Sheet";
    ImpHeaderRow => "表头在第 {row} 行", "Header on row {row}";
    ImpRowsToImport => "将导入的项目", "Projects to import";
    ImpDuplicateMark => "重复", "Duplicate";
    ImpMore => "……另有 {n} 条", "… and {n} more";
    ExpDone => "已导出 {n} 个项目：{path}", "Exported {n} projects: {path}";
    ImpWriting => "正在写入 {n} 项改动（一次完成，可整体撤销），请稍候…", "Writing {n} changes (all at once, undoable as one step)…";
    ExpFilterNote => "按台账当前的筛选导出", "Exports what the ledger's filter shows";
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
    // --- rooms: the editor asks before it loses an edit ---
    DiscardEdits => "有未保存的修改，确定放弃吗？", "Discard the unsaved changes?";
    DiscardYes => "放弃修改", "Discard";
    KeepEditing => "继续编辑", "Keep editing";
    // --- import: why a row or a cell is refused or flagged (issue 11) ---
    ImpIssueNotCny => "“{t}”应为人民币金额", "\"{t}\" must be an amount in CNY";
    ImpIssueDate => "无法识别的日期“{t}”（示例：2023-09-04、2023年9月4日）", "Not a date: \"{t}\" (e.g. 2023-09-04)";
    ImpIssueStage => "无法识别的阶段“{t}”（可用：线索、在谈、已签约、已开工、已投产、搁置、终止）", "Unknown stage \"{t}\" (lead, negotiating, signed, construction, production, on hold, dropped)";
    ImpIssueCapital => "无法识别的资本类型“{t}”（内资、外资、港澳台资）", "Unknown capital type \"{t}\"";
    ImpIssueOwnership => "无法识别的企业性质“{t}”（央企、国企、民企、外企）", "Unknown ownership \"{t}\"";
    ImpIssueYesNo => "应填“是”或“否”，现为“{t}”", "Expected yes or no, found \"{t}\"";
    ImpIssueNumber => "“{t}”不是数字", "\"{t}\" is not a number";
    ImpIssueApproximate => "金额“{t}”带有约/超等限定词，按数字导入，请核实", "\"{t}\" is approximate; imported as the figure, please check";
    ImpIssueMonthOnly => "日期“{t}”只有年月，按当月1日导入", "\"{t}\" has no day; imported as the 1st";
    ImpIssueStageInferred => "阶段为空，按日期推断为“{stage}”", "No stage; taken as \"{stage}\" from the dates";
    ImpIssueTotalMismatch => "合计行为 {written}，上方明细之和为 {computed}，请核对", "The total says {written}; the rows above add up to {computed}";
    ImpIssueTotalUnchecked => "合计行无法核对（上方有无法识别或不同币种的金额）", "The total could not be checked (amounts above are unreadable or in several currencies)";
    ImpIssueOfficerWithoutTeam => "负责人“{name}”没有所属队伍，未关联；已写入备注", "Officer \"{name}\" has no team; not linked, kept in the notes";
    ImpIssueNoUnit => "总投资未注明单位（表头或单元格），按万元计，请核实", "The investment has no unit (header or cell); taken as 万元 (10k CNY), please check";
    ImpIssueIgnored => "未识别的列“{header}”不导入（可在“列对应”中指定）", "Column \"{header}\" is not imported (map it under Columns)";
    // --- store errors in words, with what to do next (issue 11) ---
    StoreBusy => "台账正被其他程序或窗口使用（数据库忙或已锁定），未写入任何数据。请关闭同时打开此台账的其他程序或窗口，稍后再试。", "The ledger is in use by another program or window (the database is busy or locked); nothing was written. Close the other program or window that has this ledger open and try again in a moment.";
    StoreDiskFull => "磁盘已满，未写入任何数据。请清理磁盘空间（或把台账移到空间充足的磁盘）后再试。", "The disk is full; nothing was written. Free some space (or move the ledger to a disk with room) and try again.";
    StoreReadOnlyFile => "台账文件是只读的（或所在文件夹不可写），未写入任何数据。请检查文件和文件夹的权限，或另存一份副本后在副本上修改。", "The ledger file is read-only (or its folder cannot be written); nothing was written. Check the permissions of the file and its folder, or save a copy and work on the copy.";
    StoreOpenedToRead => "台账以只读方式打开：该台账只能读取（只读的文件、文件夹或备份），未写入任何数据。请另存一份可写的副本，在副本上修改。", "This ledger was opened for reading only (a read-only file, folder or backup); nothing was written. Save a writable copy and edit that.";
    StoreIo => "读写磁盘出错（{detail}），未写入任何数据。请检查磁盘或U盘是否仍然连接、网络盘是否可用，然后再试。", "The disk could not be read or written ({detail}); nothing was written. Check that the disk, USB stick or network drive is still connected, then try again.";
    StoreDamaged => "台账已损坏（{detail}），未写入任何数据。请用备份恢复（升级或导入前会自动备份）。", "The ledger is damaged ({detail}); nothing was written. Restore it from a backup (one is made before every upgrade).";
    StoreBadValue => "台账的“{column}”中存有无法识别的值“{value}”，可能被其他程序改动过。请用备份恢复，或把文件交给维护人员检查。", "The ledger holds a value it cannot read in {column}: \"{value}\"; another program may have changed the file. Restore it from a backup, or have the file checked.";
    StoreOther => "数据库出错（{detail}），未写入任何数据。请再试一次；如仍出错，请用备份恢复。", "Database error ({detail}); nothing was written. Try again; if it happens again, restore the ledger from a backup.";
    OpenNextWindow => "文件未作任何改动。可以在“设置”中打开其他数据库或新建数据库。", "The file was not changed. In Settings you can open another database or create a new one.";
    OpenNextCli => "文件未作任何改动。可以用 --db 指定其他台账文件（如 zhaoshang --db 其他台账.db …），或指定一个尚不存在的文件名新建台账。", "The file was not changed. Name another ledger with --db (e.g. zhaoshang --db other.db …), or a file name that does not exist yet to create a new ledger.";
    // --- the command line (issue 11) ---
    CliListSep => "、", ", ";
    CliLabelled => "{what}：{said}", "{what}: {said}";
    CliWriteFailed => "写入失败：{e}", "Writing failed: {e}";
    CliReadFailed => "读取台账失败：{e}", "Could not read the ledger: {e}";
    CliDemoDone => "已生成 {projects} 个示例项目，台账共 {total} 个项目：{path}", "Generated {projects} demo projects; the ledger holds {total} projects: {path}";
    CliEndBeforeStart => "结束日期 {to} 早于开始日期 {from}", "The end date {to} is before the start date {from}";
    CliBadDay => "日期应写作 YYYY-MM-DD，如 2023-08-31：{text}", "Write dates as YYYY-MM-DD, e.g. 2023-08-31: {text}";
    CliBadMonth => "月份应写作 YYYY-MM，如 2023-08：{text}", "Write the month as YYYY-MM, e.g. 2023-08: {text}";
    CliUnknownStage => "无法识别的阶段：{text}（可用：线索、在谈、已签约、已开工、已投产、搁置、终止）", "Unknown stage: {text} (use lead, negotiating, signed, construction, production, on-hold or dropped)";
    CliNoSuchTeam => "找不到队伍「{name}」：没有名为“{name}”的招商队伍。现有队伍：{names}", "No team named \"{name}\". The teams are: {names}";
    CliNoSuchIndustry => "产业目录中没有「{industry}」。现有产业：{names}", "No industry \"{industry}\" in the catalogue. The industries are: {names}";
    CliUnknownRegion => "无法识别的经济区：{text}。可用：{names}", "Unknown economic region: {text}. Use one of: {names}";
    CliChartWritten => "已写出图表「{title}」：{path}", "Chart \"{title}\" written: {path}";
    CliPackWritten => "已写出{year}年{month}月月度点评：{path}", "Monthly review pack for {year}-{month} written: {path}";
    CliPackChart => "  图表 {path}", "  chart {path}";
    CliBadPeriod => "期间无效：季度应为 1–4，月份应为 1–12", "Invalid period: the quarter is 1–4, the month 1–12";
    CliTierNeedsFloor => "tier-count 需要 --min-tier-yi（如 10 表示 10亿元以上）", "tier-count needs --min-tier-yi (e.g. 10 for 10 yi CNY and above)";
    CliTierTooLarge => "--min-tier-yi 太大", "--min-tier-yi is too large";
    CliTargetSet => "已设定目标 {name}：{value}", "Target set: {name}: {value}";
    CliNoTargets => "尚未设定目标。用 `zhaoshang target set …` 设定。", "No targets yet. Set one with `zhaoshang target set …`.";
    CliTargetDeleted => "已删除目标 {name}", "Target deleted: {name}";
    CliNoTargetId => "没有 id 以「{id}」开头的目标；`target list` 列出全部", "No target's id begins with \"{id}\"; `target list` lists them all";
    CliManyTargetIds => "有多个目标的 id 以「{id}」开头，请多写几位", "Several targets' ids begin with \"{id}\"; type more of it";
    CliTargetValue => "目标值：{e}", "Target value: {e}";
    CliTargetCurrency => "目标值的币种应为{unit}", "The target must be in {unit}";
    CliTargetNotCount => "目标值应为项目个数（非负整数）：{text}", "The target must be a number of projects (a whole number, 0 or more): {text}";
    CliImportDetected => "{path}（{detected}）", "{path} ({detected})";
    CliImportSheet => "{path}，工作表“{sheet}”", "{path}, sheet \"{sheet}\"";
    CliImportSummary => "共 {total} 行：可导入 {ok} 行（其中与台账重复 {dup} 行，与文件中前面的行重复 {dupfile} 行），有错误 {bad} 行，空行 {blank} 行", "{total} rows: {ok} can be imported ({dup} of them already in the ledger, {dupfile} repeating an earlier row of the file), {bad} have errors, {blank} blank";
    CliNewTeamsDone => "已新建招商队伍：{names}", "Teams created: {names}";
    CliNewTeamsPlanned => "将新建招商队伍：{names}", "Teams to be created: {names}";
    CliNewIndustriesDone => "已新增产业：{names}", "Industries added: {names}";
    CliNewIndustriesPlanned => "将新增产业：{names}", "Industries to be added: {names}";
    CliCountsDone => "已新增 {new} 个项目，更新 {updated} 个，跳过 {skipped} 个（重复）", "{new} projects added, {updated} updated, {skipped} skipped (duplicates)";
    CliCountsPlanned => "将新增 {new} 个项目，更新 {updated} 个，跳过 {skipped} 个（重复）", "{new} projects to add, {updated} to update, {skipped} to skip (duplicates)";
    CliRow => "第{row}行", "row {row}";
    CliRowColumn => "第{row}行 {column}", "row {row}, {column}";
    CliWarnings => "提醒 {n} 条：", "{n} warnings:";
    CliErrors => "错误 {n} 条（出错的行：{rows}）：", "{n} errors (in rows {rows}):";
    CliDryRun => "试运行（--dry-run）：未写入任何数据", "Dry run (--dry-run): nothing was written";
    CliBadRowsNothingWritten => "有错误的行，未写入任何数据。请改正后重试，或加 --skip-bad-rows 只导入没有错误的行。", "Some rows have errors; nothing was written. Correct them and try again, or add --skip-bad-rows to import only the rows without errors.";
    CliNoWindow => "无法打开窗口：{e}", "Cannot open the window: {e}";
    // --- import/export checks ---
    ImpStageAhead => "阶段为“{stage}”却填有{dated}日期 {day}：签约、开工、投产按日期统计，该项目会被计入，请核对阶段或日期", "The stage is \"{stage}\" but a {dated} date {day} is given: counted by that date although not reached; check the stage or the date";
    ImpDateFuture => "{dated}日期 {day} 晚于今天：尚未发生的事不应有日期（计划的日期请写在“下一步截止”）", "The {dated} date {day} is after today: a step not yet taken has no date (put a plan under the next step's due date)";
    ImpImplausible => "总投资折合 {amount}元，超过单个项目的合理上限 {bound}元：请核对单位（万元/亿元）", "The investment is {amount} CNY, above the plausible {bound} CNY for one project: check the unit (10k or 100M yuan)";
    ImpUnitFromTitle => "总投资按表头上方第{row}行“{line}”中的单位“{word}”计", "Amounts are in \"{word}\", as line {row} above the header says (\"{line}\")";
    ImpDupInFile => "与第{row}行是同一项目（相同信用代码，或相同企业和名称）：按重复处理，可选跳过、用本行更新第{row}行或作为新项目导入", "Same project as row {row} (same credit code, or same investor and name): a duplicate, to skip, to update row {row} with, or to import as new";
    ImpDupUnreadable => "第{row}行与台账中的“{name}”重复，但读取该项目失败（{error}）。导入已停止，未写入任何数据；请稍后重试。", "Row {row} duplicates \"{name}\" in the ledger, but that project could not be read ({error}). The import stopped and nothing was written; please try again.";
    // --- chart files and the review pack: why they were not written (issue 11) ---
    ChartDrawFailed => "图表绘制失败：{e}。请重试；如仍失败，请缩小图片尺寸。", "Drawing the chart failed: {e}. Try again; if it fails again, make the picture smaller.";
    ChartWriteFailed => "无法写入 {path}：{e}。请换一个文件夹或文件名。", "Cannot write {path}: {e}. Choose another folder or name.";
    ChartBadFormat => "不支持的图片格式：{path}。请用 .png 或 .svg 结尾的文件名。", "Unsupported image format: {path}. Use a name ending in .png or .svg.";
    ChartBadSize => "图片尺寸无效：{w}×{h}。宽和高须在 200 到 8000 之间。", "Invalid size {w}×{h}: the width and height must be 200 to 8000.";
    PackReadFailed => "读取台账失败：{e}", "Reading the ledger failed: {e}";
    PackWorkbookFailed => "无法写出工作簿 {path}：{e}。若文件已在 Excel/WPS 中打开，请先关闭；或换一个文件名。", "Cannot write the workbook {path}: {e}. Close it in Excel/WPS, or choose another name.";
    PackBadMonth => "月份无效：{year}-{month}。请写作 YYYY-MM。", "Invalid month {year}-{month}: write it as YYYY-MM.";
    PackStopped => "生成过程意外中断，文件可能不完整。请重试。", "Writing the pack stopped unexpectedly; the files may be incomplete. Please try again.";
    IoNotFound => "文件夹或文件不存在", "the folder or file does not exist";
    IoDenied => "没有权限", "permission denied";
    IoFull => "磁盘已满", "the disk is full";
    IoReadOnly => "磁盘或文件夹是只读的", "the disk or folder is read-only";
    IoInUse => "文件正被其他程序使用", "another program is using the file";
    IoOther => "读写出错（{e}）", "input/output error ({e})";
    // --- the domain's names (stages, capital, ownership, team kinds, date fields) ---
    StageLead => "线索", "Lead";
    StageNegotiating => "在谈", "Negotiating";
    StageSigned => "签约", "Signed";
    StageConstruction => "开工", "Construction";
    StageProduction => "投产", "Production";
    StageOnHold => "搁置", "On hold";
    StageDropped => "终止", "Dropped";
    BySignedDate => "按签约日期", "by signing date";
    ByConstructionDate => "按开工日期", "by construction date";
    ByProductionDate => "按投产日期", "by production date";
    ByUpdatedDate => "按更新日期", "by last update";
    ByLeadDate => "按线索日期", "by lead date";
    ByNegotiatingDate => "按在谈日期", "by negotiation date";
    CapitalDomestic => "内资", "Domestic";
    CapitalForeign => "外资", "Foreign";
    CapitalHkMacauTaiwan => "港澳台资", "HK/Macau/Taiwan";
    OwnershipCentralSoe => "央企", "Central SOE";
    OwnershipLocalSoe => "地方国企", "Local SOE";
    OwnershipPrivate => "民企", "Private";
    OwnershipForeign => "外企", "Foreign-owned";
    TeamKindBureau => "产业招商局", "Industry bureau";
    TeamKindGroup => "招商小组", "Group";
    TeamKindRemoteOffice => "驻点招商办", "Remote office";
    TeamKindSquad => "小分队", "Squad";

    // --- why a ledger file could not be opened ---
    OpenRefused => "无法打开 {path}：{what}。{next}", "Cannot open {path}: {what}. {next}";
    OpenEmptyFile => "文件是空的（0字节），不是招商台账数据库", "the file is empty (0 bytes)";
    OpenNotADatabase => "不是数据库文件（可能是表格或其他文档）", "it is not a database file";
    OpenTruncated => "文件不完整（应有{expected}字节，实有{actual}字节），可能复制或下载中断", "the file is incomplete ({actual} of {expected} bytes); a copy or download may have been cut off";
    OpenDamaged => "数据库已损坏（{detail}），请用备份恢复", "the database is damaged ({detail}); restore it from a backup";
    OpenNotOurs => "这是其他软件的SQLite数据库，不是招商台账", "it is another program's SQLite database";
    OpenTooNew => "由更新版本的招商台账创建（格式版本{found}，本版本最高支持{supported}），请升级软件后再打开", "it was written by a newer version (schema {found}; this version reads up to {supported}); please update the app";
    OpenDiskFull => "磁盘已满，无法写入（未留下任何文件），请腾出磁盘空间后重试", "the disk is full (nothing was left behind); free some space and try again";
    OpenIo => "无法读取：{e}", "it cannot be read: {e}";
    OpenSqlite => "无法打开：{e}", "it cannot be opened: {e}";

    // --- 同步: why a bundle was refused, and the command line's words ---
    SyncErrNotABundle => "这不是同步包文件，台账未改动。", "This is not a sync bundle; the ledger is unchanged.";
    SyncErrTruncated => "同步包不完整（文件被截断），台账未改动。请让对方重新发送。", "The bundle is cut off; the ledger is unchanged. Ask the sender for it again.";
    SyncErrTampered => "同步包在写出后被改动过（校验值不符），台账未改动。请让对方重新发送。", "The bundle was changed after it was written (checksum mismatch); the ledger is unchanged. Ask the sender for it again.";
    SyncErrDamaged => "同步包已损坏（{detail}），台账未改动。", "The bundle is damaged ({detail}); the ledger is unchanged.";
    SyncErrNewerFormat => "同步包由更新版本写出（格式 {found}，本版本最高 {supported}），请先升级本软件。", "The bundle is of a newer format ({found}; this version reads up to {supported}): update this program first.";
    SyncErrNewerSchema => "同步包来自更新的台账版本（{found}，本版本 {supported}），请先升级本软件。", "The bundle comes from a newer ledger version ({found}; this one has {supported}): update this program first.";
    SyncErrNeedsPassphrase => "同步包已加密，请输入团队口令。", "The bundle is encrypted: enter the team passphrase.";
    SyncErrWrongPassphrase => "口令不对，台账未改动。", "Wrong passphrase; the ledger is unchanged.";
    SyncErrFork => "分叉：同步包中站点 {site} 的第 {seq} 条变更与本文件已有的不同——有人把台账文件复制后当作第二本台账使用。台账未改动。请用“保存副本”另建文件，不要直接复制。", "Fork: change {seq} of site {site} differs from the one this file holds — a copy of a ledger file was used as a second ledger. The ledger is unchanged. Use \"Save a copy\" in Settings rather than copying the file.";
    SyncErrGap => "同步包中站点 {site} 的变更从第 {first} 条开始，本文件只到第 {have} 条：中间缺一个同步包。台账未改动，请先合并之前的同步包，或让对方发送完整同步包。", "The bundle's changes of site {site} start at {first}, but this file has only up to {have}: a bundle in between is missing. The ledger is unchanged; merge the earlier bundle first, or ask for a full one.";
    SyncErrNoConflict => "没有编号为 {id} 的冲突。", "No conflict with id {id}.";
    SyncErrNoReceipt => "没有合并记录 {id}。", "No merge receipt {id}.";
    SyncErrNoProject => "没有项目 {id}。", "No project {id}.";
    SyncWordExported => "已导出同步包", "Bundle written";
    SyncWordChanges => "条变更", "changes";
    SyncWordMerged => "已合并", "Merged";
    SyncWordDryRun => "预览（未写入）", "Preview (nothing written)";
    SyncWordNew => "新增", "new";
    SyncWordChanged => "修改", "changed";
    SyncWordDeleted => "删除", "deleted";
    SyncWordConflicts => "冲突", "conflicts";
    SyncWordNoConflicts => "没有冲突。", "No conflicts.";
    SyncWordMine => "我的", "mine";
    SyncWordTheirs => "对方", "theirs";
    SyncWordResolved => "冲突已解决", "Conflict resolved";
    SyncWordPossibleDuplicate => "可能撞单", "possible duplicate";
    SyncWordThisFile => "本文件", "this file";
    SyncWordDataAsOf => "数据截至", "data as of";
    SyncWordLastReceived => "最近收到", "last received";
    SyncWordLastSent => "最近发出", "last sent";
    SyncWordDeletedMark => "（已删除）", "(deleted)";

    // --- chart and report words: figures with their units, in the order each language reads ---
    ChartYearName => "{year}年", "{year}";
    ChartMonthName => "{m}月", "{m}";
    ChartYearMonth => "{year}年{m}月", "{year}-{mm}";
    ChartAnnualTargetLegend => "{name} {value}亿元", "{name} {value} yi";
    ChartConversion => "，转入后续阶段 {pct}%", ", went further {pct}%";
    ChartFunnelFigures => "{count}个，{amount}亿元{conversion}", "{count}, {amount} yi CNY{conversion}";
    ChartMonthHover => "{year}{m}月\n{amount}亿元，{count}个", "{year}-{mm}\n{amount} yi CNY, {count}";
    ChartPointHover => "{name}\n{month} {amount}亿元", "{name}\n{month} {amount} yi CNY";
    ChartShare => "，占{pct}%", ", {pct}%";
    ChartBarFigures => "{amount}亿元，{count}个{share}", "{amount} yi CNY, {count}{share}";
    ChartPeriodLine => "统计期间 {from} 至 {to}，数据截至 {to}", "Period {from} to {to}, data as of {to}";
    ChartOthers => "其他 {n}项", "Others ({n})";
    ChartDeletedTeam => "已删除的队伍", "a deleted team";
    ChartYiAxis => "亿元", "100 million CNY (yi)";
    ChartNoData => "本期暂无数据", "No data in this period";
    ChartFunnelAxis => "本期进入该阶段的项目数 (个)", "Projects reaching the stage in the period";
    ChartMonthlyPanel => "每月签约投资", "Signed each month";
    ChartCumulativePanel => "累计签约投资与全年目标", "Running total and the annual target";
    ChartSeriesRunningTotal => "{year}累计", "{year} running total";
    MetricSignedAmount => "签约总投资", "Signed investment";
    MetricSignedCount => "签约项目数", "Signed projects";
    MetricTierCount => "{yi}亿元以上签约项目数", "Signed projects ≥ {yi} yi";
    MetricStartedCount => "开工项目数", "Projects started";
    MetricProductionCount => "投产项目数", "Projects in production";
    MetricForeignUsd => "签约外资", "Foreign investment (USD)";
    MetricValueYi => "{value}亿元", "{value} yi CNY";
    MetricValueUsd => "{value}亿美元", "{value} yi USD";
    MetricValueCount => "{value}个", "{value}";
    LabelColon => "：", ": ";
    CliPassphraseVarUnset => "环境变量 {name} 未设置（应为团队口令）。", "The environment variable {name} (the team passphrase) is not set.";

    // --- nothing lost ---
    ImpRechecked => "导入期间另一程序也写入了该台账：写入时已按最新台账重新核对重复项目和招商队伍，上面的新增、更新、跳过个数即重新核对后的结果。", "Another program wrote to this ledger meanwhile: duplicates and teams were checked again against the ledger as it is now; the counts above are those of that check.";
    StoreWaiting => "另一个程序正在写入该台账，等待中…（已等{secs}秒）", "Another program is writing to this ledger; waiting… ({secs} s)";
    StoreBusyWaited => "另一个程序正在写入该台账，等待{secs}秒后仍未结束，未写入任何数据。请等它完成（或关闭它）后重试。", "Another program is writing to this ledger and was not done after {secs} s; nothing was written. Try again when it has finished (or close it).";
    // --- nothing lost: the command line's save-copy and the crash tests' edit loop ---
    CliCopyExists => "{path} 已存在，未覆盖。请换一个文件名。", "{path} exists and was not overwritten. Choose another name.";
    CliCopySaved => "已把台账另存为 {path}（可写的副本）", "The ledger was saved as {path} (a writable copy)";
    CliEditLoopDone => "已写入 {n} 次", "{n} writes done";
    // --- safe window ---
    ScratchBanner => "未保存：当前是临时台账，关闭后内容会丢失", "Not saved: this is a scratch ledger, its contents are lost when the window closes";
    ScratchWhy => "原因：{reason}", "Why: {reason}";
    ScratchOpenOther => "打开其他台账…", "Open another ledger…";
    ScratchNew => "新建台账…", "New ledger…";
    RestoreNewest => "恢复最新备份", "Restore the newest backup";
    RestoredOpened => "已把备份恢复为副本并打开：{copy}（备份本身未改动：{backup}）", "The backup was restored as a copy and opened: {copy} (the backup itself is unchanged: {backup})";
    RestoreFailed => "未能恢复备份 {backup}：{e}", "Could not restore the backup {backup}: {e}";
    ReadOnlyMark => "只读", "Read-only";
    ReadOnlyHint => "该台账以只读方式打开，不能修改；要修改请另存为可写副本。", "This ledger is open for reading only; to change it, save a writable copy.";
    SaveWritableCopy => "另存为可写副本…", "Save a writable copy…";
    ReadOnlyOpenFailed => "无法以只读方式打开 {path}：{e}", "Could not open {path} for reading: {e}";
    Backups => "备份", "Backups";
    NoBackups => "此台账旁没有备份。", "There are no backups beside this ledger.";
    RestoreAsCopy => "恢复为副本", "Restore as a copy";
    BackupSize => "大小 {kb} KB", "size {kb} KB";
    WaitingForWriter => "正在等待其他程序写入…", "Waiting for another program to finish writing…";
    // --- sync window ---
    NavSync => "同步", "Sync";
    SyncHeading => "同步：各人员的台账", "Sync: everyone's ledgers";
    SyncExport => "导出同步包…", "Export bundle…";
    SyncOpen => "合并同步包…", "Merge bundle…";
    SyncPassphrase => "团队口令", "Team passphrase";
    SyncPassphraseSave => "保存口令", "Save passphrase";
    SyncPassphraseHint => "设置后导出的同步包会加密；合并时用同一口令解密。只保存在本文件中，不随同步包发送。", "When set, bundles are encrypted with it and opened with it; kept in this file only, never sent.";
    SyncSites => "已收到的站点", "Sites heard from";
    SyncOfficer => "人员", "Officer";
    SyncTeam => "队伍", "Team";
    SyncLastReceived => "最近收到", "Last received";
    SyncLastSent => "最近发出", "Last sent";
    SyncChanges => "变更数", "Changes";
    SyncDataAsOf => "数据截至", "Data as of";
    SyncDataOld => "（已超过{days}天）", "(over {days} days old)";
    SyncThisFile => "本文件", "this file";
    SyncNever => "从未", "never";
    SyncReceipts => "合并记录", "Merge receipts";
    SyncNoReceipts => "还没有合并过同步包。", "No bundle merged yet.";
    SyncReverted => "（已撤销）", "(undone)";
    SyncConflicts => "冲突", "Conflicts";
    SyncNoConflicts => "没有冲突。", "No conflicts.";
    SyncRecord => "记录", "Record";
    SyncField => "字段", "Field";
    SyncMine => "我的", "Mine";
    SyncTheirs => "对方的", "Theirs";
    SyncWho => "谁", "Who";
    SyncWhen => "何时", "When";
    SyncUseMine => "用我的", "Use mine";
    SyncUseTheirs => "用对方的", "Use theirs";
    SyncDeleted => "（已删除）", "(deleted)";
    SyncPreviewTitle => "合并预览（尚未写入）", "Merge preview (nothing written yet)";
    SyncPreviewFrom => "来自：{officer}（{team}），共 {entries} 条新变更", "From {officer} ({team}): {entries} new changes";
    SyncTable => "表", "Table";
    SyncNew => "新增", "New";
    SyncChanged => "修改", "Changed";
    SyncRemoved => "删除", "Deleted";
    SyncPreviewConflicts => "将产生冲突的字段：{n}", "Fields that will conflict: {n}";
    SyncPossibleDuplicate => "可能撞单：{incoming} ↔ 已有 {existing}", "Possible duplicate: {incoming} ↔ existing {existing}";
    SyncConfirm => "确认合并", "Confirm merge";
    SyncCancel => "取消", "Cancel";
    SyncNothingNew => "同步包中没有新的变更，台账未改动。", "Nothing new in the bundle; the ledger is unchanged.";
    SyncMerged => "已合并 {entries} 条变更（可撤销）。", "Merged {entries} changes (can be undone).";
    SyncExported => "已导出同步包：{path}", "Bundle written: {path}";
    SyncFailed => "同步失败", "Sync failed";
    SyncHistory => "变更记录", "Change history";
    SyncHistoryEmpty => "暂无变更记录。", "No changes recorded yet.";
    SyncCreated => "创建", "created";
    // --- lost-window ---
    ImpRecheckedWindow => "（写入时发现另一程序或窗口刚写入了该台账：已按最新台账重新核对重复项目和招商队伍，与台账中已有项目重复的行已按所选方式处理，以上个数即重新核对后的结果）", " (another program or window had just written to this ledger: duplicates and teams were checked again against the ledger as it is now, rows that repeat a project already there were handled as chosen, and the counts are those of that check)";
    // --- field-window2 ---
    EdUnitHint => "金额单位：您选定的单位会被记住，下次新建项目时沿用", "Unit of the amount: the one you choose is kept for your next project";
    EdAskBeforeSave => "保存前请核对：", "Please check before saving:";
    EdBackToEdit => "返回修改", "Back to editing";
    EdSaveAnyway => "仍然保存", "Save anyway";
    EdBadDate => "{field}：无法识别的日期“{text}”（可写 2024-03-05、2024/3/5 或 2024年3月5日）", "{field}: \"{text}\" is not a date (write 2024-03-05 or 2024/3/5)";
    DateHint => "如 2024-03-05", "e.g. 2024-03-05";
    DatePick => "日历", "Calendar";
    DatePickHover => "从日历中选择日期", "Pick the date from a calendar";
    DateMonthTitle => "{y}年{m}月", "{y}-{m}";
    DateWeekdays => "一 二 三 四 五 六 日", "Mo Tu We Th Fr Sa Su";
    DateClear => "清除日期", "No date";
    UndoWhat => "撤销：{what}", "Undo: {what}";
    RedoWhat => "重做：{what}", "Redo: {what}";
    StepMoved => "移动 {name} {from}→{to}", "move {name} {from}→{to}";
    StepCreated => "新建 {name}", "new project {name}";
    StepDeleted => "删除 {name}", "delete {name}";
    StepEdited => "修改 {name}", "edit {name}";
    StepProjects => "{n} 个项目的改动（如一次导入）", "changes to {n} projects (an import, say)";
    StepMerge => "合并同步包", "the merged sync bundle";
    StepOther => "修改设置、队伍、目标或暂缓", "a change to settings, teams, targets or a snooze";
    PickerWhy => "系统的文件对话框打不开（本机可能没有 xdg-desktop-portal），请在下面选择文件。", "The system's file dialog cannot open here (xdg-desktop-portal may be missing); choose the file below.";
    PickerOpenTitle => "选择文件", "Choose a file";
    PickerSaveTitle => "保存为", "Save as";
    PickerFolder => "文件夹", "Folder";
    PickerUp => "上一级", "Up";
    PickerEmpty => "（此文件夹中没有可用的文件）", "(no file of this kind in the folder)";
    PickerFileName => "文件名", "File name";
    PickerOpen => "打开", "Open";
    PickerSave => "保存", "Save";
    ExpLedgerForm => "台账格式（标题、单位、序号）", "Ledger form (title, unit, No.)";
    ExpLedgerFormHint => "导出的 xlsx 带标题行“YYYY年招商引资项目台账”、单位行和序号列，本程序可原样导入", "The .xlsx gets a title row, a unit line and a No. column; this program imports it back";
    DropToImport => "松开鼠标即可导入此台账文件", "Drop the file to import it";
    // --- activities (issue 15) ---
    ActStatusPlanned => "计划", "planned";
    ActStatusDone => "已完成", "done";
    ActStatusCancelled => "取消", "cancelled";
    ActNoType => "请选择活动类型", "Choose the activity's type";
    ActEndsBeforeStart => "结束早于开始，请检查日期和时间", "It ends before it starts: check the dates and times";
    ActTooLong => "活动超过 366 天，请检查结束日期的年份", "The activity lasts more than 366 days: check the end date's year";
    ActCliAdded => "已记录活动 {id}：{line}", "Activity {id} recorded: {line}";
    ActCliDone => "已完成：{line}", "Done: {line}";
    ActCliNextScheduled => "已安排下一项 {id}：{line}", "Next one scheduled, {id}: {line}";
    ActCliNone => "没有活动。", "No activities.";
    ActCliLine => "{days} {type}（{status}）{place} {officers} {companies} [{id}]", "{days} {type} ({status}) {place} {officers} {companies} [{id}]";
    ActCliBadTime => "时间“{text}”无法识别，请写 HH:MM（如 09:30）", "\"{text}\" is not a time: write HH:MM (e.g. 09:30)";
    ActCliNoSuchType => "没有活动类型“{type}”。可用：{names}", "No activity type \"{type}\". There are: {names}";
    ActCliNoSuchOfficer => "没有名为“{name}”的招商人员（在“招商队伍”中添加）", "No officer named \"{name}\" (add them under Teams)";
    ActCliNoSuchProject => "没有项目“{name}”（写项目名称或序号）", "No project \"{name}\" (give its name or its number)";
    ActCliAmbiguousProject => "有 {n} 个项目名为“{name}”，请写序号", "{n} projects are named \"{name}\": give the number instead";
    ActCliNoSuchActivity => "没有活动 {id}（写完整编号，或列表中方括号里的 8 位）", "No activity {id} (give its id, or the 8 characters the list shows in brackets)";
    ImpFileDuplicates => "与本文件中前面的行是同一项目：{n} 行", "Repeat an earlier row of this file: {n} rows";
    NoTargetsHere => "尚未设定目标：点上方“新建目标”设定。", "No targets yet: set one with New target above.";
    MetricTierKind => "某量级以上签约项目数", "Signed projects at or above a tier";
}

mod errors;
mod labels;

pub use errors::{
    Place, amount_error_text, io_error_text, open_error_text, open_error_text_at, store_error_text,
    sync_error_text,
};
pub use labels::stage_label;
    pub fn region_label(self, region: EconomicRegion) -> &'static str {
        match self {
            Lang::Zh => region.name_zh(),
            Lang::En => region.name_en(),
        }
    }

    pub fn tier_label(self, tiers: &Tiers, band: TierBand) -> String {
        match self {
            Lang::Zh => tiers.label_zh(band),
            Lang::En => tiers.label_en(band),
        }
    }

    pub fn date_field_label(self, field: DateField) -> &'static str {
        match (self, field) {
            (Lang::Zh, DateField::Signed) => "按签约日期",
            (Lang::Zh, DateField::Construction) => "按开工日期",
            (Lang::Zh, DateField::Production) => "按投产日期",
            (Lang::Zh, DateField::Updated) => "按更新日期",
            (Lang::Zh, DateField::Lead) => "按线索日期",
            (Lang::Zh, DateField::Negotiating) => "按在谈日期",
            (Lang::En, DateField::Signed) => "by signing date",
            (Lang::En, DateField::Construction) => "by construction date",
            (Lang::En, DateField::Production) => "by production date",
            (Lang::En, DateField::Updated) => "by last update",
            (Lang::En, DateField::Lead) => "by lead date",
            (Lang::En, DateField::Negotiating) => "by negotiation date",
        }
    }

    pub fn capital_label(self, c: CapitalType) -> &'static str {
        match (self, c) {
            (Lang::Zh, CapitalType::Domestic) => "内资",
            (Lang::Zh, CapitalType::Foreign) => "外资",
            (Lang::Zh, CapitalType::HongKongMacauTaiwan) => "港澳台资",
            (Lang::En, CapitalType::Domestic) => "Domestic",
            (Lang::En, CapitalType::Foreign) => "Foreign",
            (Lang::En, CapitalType::HongKongMacauTaiwan) => "HK/Macau/Taiwan",
        }
    }

    pub fn ownership_label(self, o: Ownership) -> &'static str {
        match (self, o) {
            (Lang::Zh, Ownership::CentralSoe) => "央企",
            (Lang::Zh, Ownership::LocalSoe) => "地方国企",
            (Lang::Zh, Ownership::Private) => "民企",
            (Lang::Zh, Ownership::ForeignOwned) => "外企",
            (Lang::En, Ownership::CentralSoe) => "Central SOE",
            (Lang::En, Ownership::LocalSoe) => "Local SOE",
            (Lang::En, Ownership::Private) => "Private",
            (Lang::En, Ownership::ForeignOwned) => "Foreign-owned",
        }
    }

    pub fn team_kind_label(self, kind: TeamKind) -> &'static str {
        match (self, kind) {
            (Lang::Zh, TeamKind::IndustryBureau) => "产业招商局",
            (Lang::Zh, TeamKind::Group) => "招商小组",
            (Lang::Zh, TeamKind::RemoteOffice) => "驻点招商办",
            (Lang::Zh, TeamKind::Squad) => "小分队",
            (Lang::En, TeamKind::IndustryBureau) => "Industry bureau",
            (Lang::En, TeamKind::Group) => "Group",
            (Lang::En, TeamKind::RemoteOffice) => "Remote office",
            (Lang::En, TeamKind::Squad) => "Squad",
        }
    }
}

pub fn stage_label(lang: Lang, stage: Stage) -> &'static str {
    match (lang, stage) {
        (Lang::Zh, Stage::Lead) => "线索",
        (Lang::Zh, Stage::Negotiating) => "在谈",
        (Lang::Zh, Stage::Signed) => "签约",
        (Lang::Zh, Stage::Construction) => "开工",
        (Lang::Zh, Stage::Production) => "投产",
        (Lang::Zh, Stage::OnHold) => "搁置",
        (Lang::Zh, Stage::Dropped) => "终止",
        (Lang::En, Stage::Lead) => "Lead",
        (Lang::En, Stage::Negotiating) => "Negotiating",
        (Lang::En, Stage::Signed) => "Signed",
        (Lang::En, Stage::Construction) => "Construction",
        (Lang::En, Stage::Production) => "Production",
        (Lang::En, Stage::OnHold) => "On hold",
        (Lang::En, Stage::Dropped) => "Dropped",
    }
}

pub fn amount_error_text(lang: Lang, e: &AmountError) -> String {
    match e {
        AmountError::Empty => lang.t(T::ErrAmountEmpty).to_string(),
        AmountError::NotANumber(text) => lang.t(T::ErrAmountNotNumber).replace("{text}", text),
        AmountError::Negative => lang.t(T::ErrAmountNegative).to_string(),
        AmountError::FractionalUnit => lang.t(T::ErrAmountFraction).to_string(),
        AmountError::TooLarge => lang.t(T::ErrAmountTooLarge).to_string(),
    }
}

/// Where the user reads a message, and so what they can do next: in the window (Settings) or
/// at the command line (`--db`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Window,
    CommandLine,
}

/// Why a ledger file could not be opened, naming it, and what the user can do next in the
/// window.
pub fn open_error_text(lang: Lang, e: &OpenError) -> String {
    open_error_text_at(lang, e, Place::Window)
}

/// Why a ledger file could not be opened, naming it, and what the user can do next where they
/// read it (the window's Settings, or the command line's `--db`).
pub fn open_error_text_at(lang: Lang, e: &OpenError, place: Place) -> String {
    let path = e.path().display();
    let next = lang.t(match place {
        Place::Window => T::OpenNextWindow,
        Place::CommandLine => T::OpenNextCli,
    });
    match lang {
        Lang::Zh => {
            let what = match e {
                OpenError::EmptyFile { .. } => {
                    "文件是空的（0字节），不是招商台账数据库".to_string()
                }
                OpenError::NotADatabase { .. } => {
                    "不是数据库文件（可能是表格或其他文档）".to_string()
                }
                OpenError::Truncated {
                    expected, actual, ..
                } => {
                    format!(
                        "文件不完整（应有{expected}字节，实有{actual}字节），可能复制或下载中断"
                    )
                }
                OpenError::Damaged { detail, .. } => {
                    format!("数据库已损坏（{detail}），请用备份恢复")
                }
                OpenError::NotOurs { .. } => "这是其他软件的SQLite数据库，不是招商台账".to_string(),
                OpenError::TooNew {
                    found, supported, ..
                } => format!(
                    "由更新版本的招商台账创建（格式版本{found}，本版本最高支持{supported}），请升级软件后再打开"
                ),
                OpenError::DiskFull { .. } => {
                    "磁盘已满，无法写入（未留下任何文件），请腾出磁盘空间后重试".to_string()
                }
                OpenError::Io { source, .. } => format!("无法读取：{source}"),
                OpenError::Sqlite { source, .. } => format!("无法打开：{source}"),
            };
            format!("无法打开 {path}：{what}。{next}")
        }
        Lang::En => {
            let what = match e {
                OpenError::EmptyFile { .. } => "the file is empty (0 bytes)".to_string(),
                OpenError::NotADatabase { .. } => "it is not a database file".to_string(),
                OpenError::Truncated {
                    expected, actual, ..
                } => format!(
                    "the file is incomplete ({actual} of {expected} bytes); a copy or download may have been cut off"
                ),
                OpenError::Damaged { detail, .. } => {
                    format!("the database is damaged ({detail}); restore it from a backup")
                }
                OpenError::NotOurs { .. } => "it is another program's SQLite database".to_string(),
                OpenError::TooNew {
                    found, supported, ..
                } => format!(
                    "it was written by a newer version (schema {found}; this version reads up to {supported}); please update the app"
                ),
                OpenError::DiskFull { .. } => {
                    "the disk is full (nothing was left behind); free some space and try again"
                        .to_string()
                }
                OpenError::Io { source, .. } => format!("it cannot be read: {source}"),
                OpenError::Sqlite { source, .. } => format!("it cannot be opened: {source}"),
            };
            format!("Cannot open {path}: {what}. {next}")
        }
    }
}

/// What went wrong in a read or write of an open ledger, in words a user understands, and what
/// to do next. For notices and the command line, instead of the error's own (English) text.
pub fn store_error_text(lang: Lang, e: &StoreError) -> String {
    use rusqlite::ErrorCode;
    let detail = |d: &str| lang.t(T::StoreOther).replace("{detail}", d);
    match e {
        StoreError::Busy { waited } => lang
            .t(T::StoreBusyWaited)
            .replace("{secs}", &waited.as_secs().to_string()),
        StoreError::DiskFull => lang.t(T::StoreDiskFull).to_string(),
        StoreError::Io(detail) => lang.t(T::StoreIo).replace("{detail}", detail),
        StoreError::ReadOnly => lang.t(T::StoreOpenedToRead).to_string(),
        StoreError::Damaged(d) => lang.t(T::StoreDamaged).replace("{detail}", d),
        StoreError::BadValue { column, value } => lang
            .t(T::StoreBadValue)
            .replace("{column}", column)
            .replace("{value}", value),
        StoreError::Sqlite(source) => match source.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                lang.t(T::StoreBusy).to_string()
            }
            Some(ErrorCode::DiskFull) => lang.t(T::StoreDiskFull).to_string(),
            Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
                lang.t(T::StoreReadOnlyFile).to_string()
            }
            Some(ErrorCode::SystemIoFailure | ErrorCode::CannotOpen) => {
                lang.t(T::StoreIo).replace("{detail}", &source.to_string())
            }
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => lang
                .t(T::StoreDamaged)
                .replace("{detail}", &source.to_string()),
            _ => detail(&source.to_string()),
        },
    }
}

/// A file system error in words (the folder does not exist, no permission, the disk is full …).
pub fn io_error_text(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let key = match e.kind() {
        ErrorKind::NotFound => T::IoNotFound,
        ErrorKind::PermissionDenied => T::IoDenied,
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => T::IoFull,
        ErrorKind::ReadOnlyFilesystem => T::IoReadOnly,
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => T::IoInUse,
        _ => T::IoOther,
    };
    lang.t(key).replace("{e}", &e.to_string())
}

// --- sync ---

/// A refused or failed 同步 step in words, with what to do next.
pub fn sync_error_text(lang: Lang, e: &crate::sync::SyncError) -> String {
    use crate::sync::SyncError as E;
    let zh = lang == Lang::Zh;
    match e {
        E::NotABundle if zh => "这不是同步包文件，台账未改动。".into(),
        E::NotABundle => "This is not a sync bundle; the ledger is unchanged.".into(),
        E::Truncated if zh => "同步包不完整（文件被截断），台账未改动。请让对方重新发送。".into(),
        E::Truncated => {
            "The bundle is cut off; the ledger is unchanged. Ask the sender for it again.".into()
        }
        E::Tampered if zh => {
            "同步包在写出后被改动过（校验值不符），台账未改动。请让对方重新发送。".into()
        }
        E::Tampered => "The bundle was changed after it was written (checksum mismatch); \
                        the ledger is unchanged. Ask the sender for it again."
            .into(),
        E::Damaged(d) if zh => format!("同步包已损坏（{d}），台账未改动。"),
        E::Damaged(d) => format!("The bundle is damaged ({d}); the ledger is unchanged."),
        E::NewerFormat { found, supported } if zh => {
            format!(
                "同步包由更新版本写出（格式 {found}，本版本最高 {supported}），请先升级本软件。"
            )
        }
        E::NewerFormat { found, supported } => format!(
            "The bundle is of a newer format ({found}; this version reads up to {supported}): \
             update this program first."
        ),
        E::NewerSchema { found, supported } if zh => {
            format!("同步包来自更新的台账版本（{found}，本版本 {supported}），请先升级本软件。")
        }
        E::NewerSchema { found, supported } => format!(
            "The bundle comes from a newer ledger version ({found}; this one has {supported}): \
             update this program first."
        ),
        E::NeedsPassphrase if zh => "同步包已加密，请输入团队口令。".into(),
        E::NeedsPassphrase => "The bundle is encrypted: enter the team passphrase.".into(),
        E::WrongPassphrase if zh => "口令不对，台账未改动。".into(),
        E::WrongPassphrase => "Wrong passphrase; the ledger is unchanged.".into(),
        E::Fork { site, seq } if zh => format!(
            "分叉：同步包中站点 {site} 的第 {seq} 条变更与本文件已有的不同——有人把台账文件\
             复制后当作第二本台账使用。台账未改动。请用“保存副本”另建文件，不要直接复制。"
        ),
        E::Fork { site, seq } => format!(
            "Fork: change {seq} of site {site} differs from the one this file holds — a copy of \
             a ledger file was used as a second ledger. The ledger is unchanged. Use \"Save a \
             copy\" in Settings rather than copying the file."
        ),
        E::Gap { site, first, have } if zh => format!(
            "同步包中站点 {site} 的变更从第 {first} 条开始，本文件只到第 {have} 条：中间缺一个\
             同步包。台账未改动，请先合并之前的同步包，或让对方发送完整同步包。"
        ),
        E::Gap { site, first, have } => format!(
            "The bundle's changes of site {site} start at {first}, but this file has only up \
             to {have}: a bundle in between is missing. The ledger is unchanged; merge the \
             earlier bundle first, or ask for a full one."
        ),
        E::NoConflict(id) if zh => format!("没有编号为 {id} 的冲突。"),
        E::NoConflict(id) => format!("No conflict with id {id}."),
        E::NoReceipt(id) if zh => format!("没有合并记录 {id}。"),
        E::NoReceipt(id) => format!("No merge receipt {id}."),
        E::NoProject(id) if zh => format!("没有项目 {id}。"),
        E::NoProject(id) => format!("No project {id}."),
        E::Io(err) if zh => format!("读写文件失败：{err}"),
        E::Io(err) => format!("Could not read or write the file: {err}"),
        E::Store(err) if zh => format!("台账出错：{err}"),
        E::Store(err) => format!("Ledger error: {err}"),
    }
}

/// The 同步 words the CLI prints.
pub fn sync_text(lang: Lang, key: SyncText) -> &'static str {
    use SyncText as S;
    match (lang, key) {
        (Lang::Zh, S::Exported) => "已导出同步包",
        (Lang::En, S::Exported) => "Bundle written",
        (Lang::Zh, S::Changes) => "条变更",
        (Lang::En, S::Changes) => "changes",
        (Lang::Zh, S::NothingNew) => "同步包中没有新的变更，台账未改动。",
        (Lang::En, S::NothingNew) => "Nothing new in the bundle; the ledger is unchanged.",
        (Lang::Zh, S::Merged) => "已合并",
        (Lang::En, S::Merged) => "Merged",
        (Lang::Zh, S::DryRun) => "预览（未写入）",
        (Lang::En, S::DryRun) => "Preview (nothing written)",
        (Lang::Zh, S::New) => "新增",
        (Lang::En, S::New) => "new",
        (Lang::Zh, S::Changed) => "修改",
        (Lang::En, S::Changed) => "changed",
        (Lang::Zh, S::Deleted) => "删除",
        (Lang::En, S::Deleted) => "deleted",
        (Lang::Zh, S::Conflicts) => "冲突",
        (Lang::En, S::Conflicts) => "conflicts",
        (Lang::Zh, S::NoConflicts) => "没有冲突。",
        (Lang::En, S::NoConflicts) => "No conflicts.",
        (Lang::Zh, S::Mine) => "我的",
        (Lang::En, S::Mine) => "mine",
        (Lang::Zh, S::Theirs) => "对方",
        (Lang::En, S::Theirs) => "theirs",
        (Lang::Zh, S::Resolved) => "冲突已解决",
        (Lang::En, S::Resolved) => "Conflict resolved",
        (Lang::Zh, S::PossibleDuplicate) => "可能撞单",
        (Lang::En, S::PossibleDuplicate) => "possible duplicate",
        (Lang::Zh, S::ThisFile) => "本文件",
        (Lang::En, S::ThisFile) => "this file",
        (Lang::Zh, S::DataAsOf) => "数据截至",
        (Lang::En, S::DataAsOf) => "data as of",
        (Lang::Zh, S::LastReceived) => "最近收到",
        (Lang::En, S::LastReceived) => "last received",
        (Lang::Zh, S::LastSent) => "最近发出",
        (Lang::En, S::LastSent) => "last sent",
        (Lang::Zh, S::Deleted2) => "（已删除）",
        (Lang::En, S::Deleted2) => "(deleted)",
    }
}

/// Keys of [`sync_text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncText {
    Exported,
    Changes,
    NothingNew,
    Merged,
    DryRun,
    New,
    Changed,
    Deleted,
    Conflicts,
    NoConflicts,
    Mine,
    Theirs,
    Resolved,
    PossibleDuplicate,
    ThisFile,
    DataAsOf,
    LastReceived,
    LastSent,
    Deleted2,
}

impl Lang {
    /// A ledger field's name, as the import's column mapping lists it.
    pub fn field_label(self, field: crate::io::Field) -> &'static str {
        match self {
            Lang::Zh => field.label_zh(),
            Lang::En => field.label_en(),
        }
    }
}
