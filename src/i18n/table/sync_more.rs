//! The translation table's rows for 同步's later pieces: a conflict settled by an edited value,
//! 撞单 kept until settled, and the 同步 section of Settings.

texts! {
    topic 10;
    // --- a conflict settled by an edited value ---
    SyncEdit => "编辑", "Edit";
    SyncEditHint => "输入另一个值来解决此冲突", "Settle this conflict with another value";
    SyncEditTitle => "编辑冲突字段", "Edit the conflicting field";
    SyncEditWhat => "{record} 的 {field}", "{field} of {record}";
    SyncEditValue => "新值", "New value";
    SyncEditConfirm => "确认", "Confirm";
    SyncEditCancel => "取消", "Cancel";
    SyncEditTravels => "确认后本字段取此值（一步，可撤销），并随同步包发给其他人员，在他们那里也不再冲突。", "Confirming gives the field this value (one step, undoable); it travels in the next bundle and settles the conflict in the other files too.";
    SyncEditUnset => "（未填）", "(not set)";
    SyncEditYes => "是", "Yes";
    SyncEditNo => "否", "No";
    SyncEditYi => "亿{currency}", "100M {currency}";
    SyncEditWan => "万{currency}", "10k {currency}";
    SyncEditDateHint => "2026-03-01，留空为未填", "2026-03-01; empty for none";
    SyncEditRequired => "不能为空。", "May not be empty.";
    SyncEditOtherCurrency => "该项目的金额以{currency}计；币种是另一个字段。", "This project's amount is in {currency}; the currency is a field of its own.";
    SyncEditNotCount => "不是整数：{text}", "Not a whole number: {text}";
    SyncEditNotDate => "不是日期：{text}（例如 2026-03-01）", "Not a day: {text} (for example 2026-03-01)";
    SyncEditNotChoice => "不是可选的值：{text}", "Not one of the choices: {text}";
    SyncEditFixed => "此字段只能选择“用我的”或“用对方的”。", "This field is settled by mine or theirs only.";
    CliResolveHow => "请给出 mine、theirs 或 --value 文本（三者选一）。", "Give mine, theirs or --value TEXT (one of them).";
    CliResolveBadValue => "冲突 {id} 未解决，未写入任何数据：{reason}", "Conflict {id} was not settled and nothing was written: {reason}";
    // --- 撞单 kept until settled ---
    SyncNotSame => "不是同一项目", "Not the same project";
    SyncNotSameHint => "两个项目都保留，不再列为可能撞单（可撤销）。", "Keep both projects and stop listing them as a possible duplicate (undoable).";
    StepDismissed => "标记撞单为不是同一项目", "marking a possible duplicate as two projects";
    CliDuplicatesHeading => "可能撞单（在窗口“同步”中并入已有项目或标记为不是同一项目）：", "Possible duplicates (fold or dismiss them on the Sync screen):";
    // --- Settings › 同步 ---
    SetSyncHeading => "同步", "Sync";
    SyncPassphraseSame => "团队里每位人员都要设置同一个口令，否则打不开彼此的同步包。", "Every officer of the team needs the same passphrase, or they cannot open each other's bundles.";
    SyncPassphraseIsSet => "团队口令：已设置", "Team passphrase: set";
    SyncPassphraseNotSet => "团队口令：未设置（同步包不加密）", "Team passphrase: not set (bundles are not encrypted)";
    SyncStaleDaysNow => "数据截至超过 {days} 天标记", "Data as of is marked after {days} days";
    SyncToSettings => "在设置中修改…", "Change in Settings…";
}
