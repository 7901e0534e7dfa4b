//! The translation table's rows for import checks, store errors, the command line, chart files.

texts! {
    topic 3;
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
}
