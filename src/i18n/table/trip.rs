//! The translation table's rows for 出差清单 (the trip planner).

texts! {
    topic 11;
    // --- 出差清单 (issue 16) ---
    TripTitle => "出差清单", "Trip planner";
    TripOpen => "出差清单", "Trip planner";
    TripOpenHint => "选城市或省份和日期：列出那里的缺链目标企业和在谈项目，一键安排出差", "Pick a city or province and days: list the target companies on missing links and the projects in talks there, and plan the trip in one go";
    TripPlace => "地点", "Place";
    TripPlaceHint => "如 苏州、江苏省、Suzhou", "a city or a province, e.g. Suzhou";
    TripFrom => "从", "From";
    TripTo => "至", "To";
    TripOfficers => "出差人员", "Who goes";
    TripOfficersNone => "未选", "nobody chosen";
    TripPlan => "安排出差", "Plan the trip";
    TripPlanHint => "一步（可撤销）：建一个出差日程，并为每个勾选的企业或项目在出差期间安排一次拜访", "One step (undoable): a trip over the days, with a planned visit for each company or project ticked, spread over the days";
    TripExport => "导出 .xlsx", "Export .xlsx";
    TripClose => "关闭", "Close";
    TripEmpty => "输入城市或省份，列出那里的目标企业和在谈项目。", "Type a city or a province to list the target companies and the projects in talks there.";
    TripNothingThere => "{place} 没有目标企业或在谈项目。", "No target companies or projects in talks in {place}.";
    TripBadDay => "日期写作 2026-12-08", "Write a day as 2026-12-08";
    TripCounts => "目标企业 {companies} 家、在谈项目 {projects} 个；已选 {picked} 项", "{companies} target companies, {projects} projects in talks; {picked} ticked";
    TripNoPlace => "先填出差地点", "Give the trip's place first";
    TripPlanned => "已安排去{place}出差，含 {n} 次拜访（可撤销）", "Trip to {place} planned with {n} visits (undoable)";
    TripExported => "已导出出差清单 {n} 行：{path}", "Exported the trip list, {n} rows: {path}";
    TripSheetTitle => "出差清单：{place}，{from} 至 {to}", "Trip list: {place}, {from} to {to}";
    TripColPick => "选中", "Ticked";
    TripColKind => "类别", "Kind";
    TripColName => "名称", "Name";
    TripColPlace => "所在地", "Where";
    TripColStanding => "情况", "Standing";
    TripColPriority => "优先级", "Priority";
    TripColLinks => "产业链环节 / 投资方", "Chain links / investor";
    TripColOfficer => "负责人", "Owner";
    TripColContact => "接触状态", "Contact";
    TripColLast => "最近接触", "Last contact";
    TripMissing => "缺链", "Missing link";
    TripWeak => "在谈", "Weak link";
    TripRest => "其他", "Other";
    TripLeader => "链主", "chain leader";
    TripKindCompany => "目标企业", "Company";
    TripTick => "勾选：{name}", "Tick: {name}";
    TripKindProject => "在谈项目", "Project";
}
