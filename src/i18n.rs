//! The one translation table: every string the user sees, in Chinese (first) and English.

use crate::domain::money::AmountError;
use crate::domain::region::EconomicRegion;
use crate::domain::{CapitalType, Ownership, Stage, TeamKind, Tiers, tier::TierBand};
use crate::store::{DateField, OpenError, StoreError};

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
    // --- nothing lost ---
    ImpRechecked => "导入期间另一程序也写入了该台账：写入时已按最新台账重新核对重复项目和招商队伍，上面的新增、更新、跳过个数即重新核对后的结果。", "Another program wrote to this ledger meanwhile: duplicates and teams were checked again against the ledger as it is now; the counts above are those of that check.";
    StoreBusy => "另一个程序正在写入该台账，等待{secs}秒后仍未结束，未写入任何数据。请等它完成（或关闭它）后重试。", "Another program is writing to this ledger and was not done after {secs} s; nothing was written. Try again when it has finished (or close it).";
    StoreDiskFull => "磁盘已满，未写入任何数据。请腾出磁盘空间，或把台账另存到其他磁盘后重试。", "The disk is full; nothing was written. Free some space, or save the ledger to another disk, and try again.";
    StoreReadOnly => "该台账只能读取，未写入任何数据。可另存一份可写的副本（命令行：zhaoshang --db 该文件 save-copy 新文件），在副本上修改。", "This ledger can only be read; nothing was written. Save a writable copy (command line: zhaoshang --db FILE save-copy NEW-FILE) and edit that.";
    StoreDamaged => "台账文件已损坏（{detail}），未写入任何数据。请用备份恢复。", "The ledger file is damaged ({detail}); nothing was written. Restore it from a backup.";
    StoreWaiting => "另一个程序正在写入该台账，等待中…（已等{secs}秒）", "Another program is writing to this ledger; waiting… ({secs} s)";
}

impl Lang {
    pub fn name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }

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

/// Why a ledger file could not be opened, naming it, and what the user can do next.
pub fn open_error_text(lang: Lang, e: &OpenError) -> String {
    let next_zh = "文件未作任何改动。可以在“设置”中打开其他数据库或新建数据库。";
    let next_en =
        "The file was not changed. In Settings you can open another database or create a new one.";
    open_error_words(lang, e, next_zh, next_en)
}

/// [`open_error_text`] with what to do on the command line.
pub fn open_error_text_cli(lang: Lang, e: &OpenError) -> String {
    let next_zh =
        "文件未作任何改动。可以用 --db 指定其他台账文件，或指定一个尚不存在的文件名新建台账。";
    let next_en = "The file was not changed. Name another ledger with --db, or a file that does not exist yet to create a new one.";
    open_error_words(lang, e, next_zh, next_en)
}

fn open_error_words(lang: Lang, e: &OpenError, next_zh: &str, next_en: &str) -> String {
    let path = e.path().display();
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
            format!("无法打开 {path}：{what}。{next_zh}")
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
            format!("Cannot open {path}: {what}. {next_en}")
        }
    }
}

// --- nothing lost ---

/// A failed write in words: what happened to the data (nothing was written) and what to do.
pub fn store_error_text(lang: Lang, e: &StoreError) -> String {
    match e {
        StoreError::Busy { waited } => lang
            .t(T::StoreBusy)
            .replace("{secs}", &waited.as_secs().to_string()),
        StoreError::DiskFull => lang.t(T::StoreDiskFull).to_string(),
        StoreError::ReadOnly => lang.t(T::StoreReadOnly).to_string(),
        StoreError::Damaged(detail) => lang.t(T::StoreDamaged).replace("{detail}", detail),
        other => match lang {
            Lang::Zh => format!("数据未改动（{other}）"),
            Lang::En => format!("nothing was written ({other})"),
        },
    }
}
