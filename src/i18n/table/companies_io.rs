//! The translation table's rows for 目标企业 in and out of files, target companies on 招商地图,
//! and a project's 产业链环节 in the editor.

texts! {
    topic 9;
    // --- 目标企业: import and export ---
    CoImport => "导入…", "Import…";
    CoImportHint => "从 Excel/WPS/CSV 导入目标企业（先预览，确认后写入，可撤销）", "Import target companies from Excel/WPS/CSV (previewed first, written on confirm, undoable)";
    CoExport => "导出…", "Export…";
    CoExportHint => "把列表中显示的目标企业导出为 .xlsx（可再导入）", "Export the companies the list shows to .xlsx (imports back)";
    CoPreviewTitle => "导入目标企业：{file}", "Import target companies: {file}";
    CoReading => "正在读取文件…", "Reading the file…";
    CoWillAdd => "将新增 {n} 家目标企业", "{n} target companies will be added";
    CoDuplicates => "已有相同企业（信用代码相同，无代码时名称相同），跳过：{n} 行", "Already there (same credit code, or same name without one), skipped: {n} rows";
    CoRefusedCount => "无法导入：{n} 行", "Cannot be imported: {n} rows";
    CoRefusedTitle => "以下各行不导入（改好文件后可再导入）：", "These rows are not imported (fix the file and import again):";
    CoConfirm => "确认导入", "Confirm import";
    CoCancel => "取消", "Cancel";
    CoMore => "另有 {n} 项", "{n} more";
    CoImported => "已导入 {n} 家目标企业，跳过重复 {dup} 行（可撤销）", "Imported {n} target companies, {dup} duplicate rows skipped (undo to take them back)";
    CoExported => "已导出 {n} 家目标企业：{path}", "Exported {n} target companies: {path}";
    CoFileNoHeader => "找不到表头：文件前 20 行中没有“企业名称”。请使用这些列：{headers}", "No header: none of the first 20 rows names the company-name column. Use these columns: {headers}";
    CoFileEmpty => "表头下没有企业行。请使用这些列：{headers}", "No company rows under the header. Use these columns: {headers}";
    CoRowLine => "第 {line} 行：{problem}", "Row {line}: {problem}";
    CoRowNoName => "企业名称为空", "the company name is empty";
    CoRowBadPriority => "优先级“{text}”不是 A、B、C 之一", "priority \"{text}\" is not A, B or C";
    CoRowBadLeader => "链主“{text}”应写“是”或留空", "chain leader \"{text}\" should be yes or blank";
    CoRowBadContact => "联系状态“{text}”不是未接触、已接触、有意向、已立项之一", "contact status \"{text}\" is not one of not contacted, contacted, interested, project made";
    CoRowUnknownLink => "产业链环节“{text}”不在任何产业链中（写作“链/环节”）", "chain link \"{text}\" is in no chain (write it as chain/link)";
    CoRowAmbiguousLink => "产业链环节“{text}”在多条链中都有，请写作“链/环节”", "chain link \"{text}\" is in several chains; write it as chain/link";
    CoRowUnknownOfficer => "负责人“{text}”不在台账的人员中", "owner \"{text}\" is not one of the ledger's officers";
    CoRowAmbiguousOfficer => "台账中有多位名为“{text}”的人员", "several officers are named \"{text}\"";
    CoCliChecked => "检查完毕（未写入）：将新增 {n} 家，重复跳过 {dup} 行，无法导入 {bad} 行", "Checked, nothing written: {n} to add, {dup} duplicates skipped, {bad} rows refused";
    CoCliImported => "已导入 {n} 家目标企业，重复跳过 {dup} 行，无法导入 {bad} 行", "Imported {n} target companies, {dup} duplicates skipped, {bad} rows refused";
    // --- 招商地图: target companies ---
    MapShowProjects => "签约项目", "Signed projects";
    MapShowCompanies => "目标企业分布", "Target companies by place";
    MapCoTitle => "招商地图：目标企业所在地", "Origin map: where the target companies are";
    MapCoBasis => "按目标企业所在城市计数（不分期间）；颜色越深，企业越多。点击省份查看其目标企业。", "Counted by each company's city (any period); darker means more. Click a province to see its companies.";
    MapCoTile => "{count} 家", "{count}";
    MapCoCountHeader => "目标企业（家）", "Target companies";
    MapCoAHeader => "其中 A 类", "Priority A";
    MapCoLeaderHeader => "其中链主", "Chain leaders";
    MapCoHover => "{province}：{count} 家目标企业（A 类 {a} 家，链主 {leaders} 家）", "{province}: {count} target companies ({a} priority A, {leaders} chain leaders)";
    MapCoAbroadRow => "{rank}. {country}：{count} 家", "{rank}. {country}: {count}";
    MapCoAbroadNone => "没有境外的目标企业", "No target companies abroad";
    MapCoTotals => "国内 {domestic} 家、境外 {abroad} 家、未识别 {unknown} 家；合计 {count} 家", "{domestic} domestic, {abroad} abroad, {unknown} unrecognised; {count} in all";
    MapCoUnplaced => "国内（未注明省份）：{count} 家", "China (no province given): {count}";
    CoProvinceFilter => "所在省份：{province}", "Province: {province}";
    CoProvinceClear => "不限省份", "Any province";
    MapCoUnknown => "所在城市未填或无法识别：{count} 家", "City not given or not recognised: {count}";
    // --- 项目编辑: 产业链环节 ---
    EdLinksHeading => "产业链环节", "Chain links";
    EdLinksNone => "尚未关联产业链环节", "Not attached to any chain link";
    EdLinkChain => "产业链", "Chain";
    EdLinkPick => "环节", "Link";
    EdLinkAdd => "添加环节", "Add link";
    EdLinkRemove => "移除", "Remove";
    EdLinksNoChains => "尚无产业链：先在「产业链」中建立", "No chains yet: make one on the chain screen first";
}
