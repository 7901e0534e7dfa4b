//! The translation table's rows for the domain's names, why a file would not open, 同步 refusals, figures with units.

texts! {
    topic 4;
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

}
