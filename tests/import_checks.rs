//! The importer's checks from issues 11 and 13: the shape of its code, ledger duplicates by
//! named keys, a duplicate whose match cannot be read, units in title lines, rows that repeat
//! rows of the same file, stage and date agreement, and amount plausibility.

use std::path::Path;
use zhaoshang::app::ImportAction;

use chrono::NaiveDate;
use uuid::Uuid;
use zhaoshang::app::history::Change;
use zhaoshang::app::import::import_changes;
use zhaoshang::domain::checks::{AmountBound, DateProblem};
use zhaoshang::domain::money::WAN;
use zhaoshang::domain::{Money, Project, Stage};
use zhaoshang::i18n::Lang;
use zhaoshang::io::import::{
    DuplicatePolicy, Existing, ExistingProject, ImportPreview, IssueKind, Progress,
};
use zhaoshang::io::sheet::read_bytes;
use zhaoshang::store::{Result as StoreResult, StoreError};

fn preview_csv(text: &str, existing: &Existing) -> ImportPreview {
    let book = read_bytes(text.as_bytes(), "csv", None).expect("csv reads");
    zhaoshang::io::import::preview(&book, None, existing, &Progress::default()).expect("preview")
}

/// Lines of every function in `text` that starts at the left or one indent in.
fn long_functions(text: &str, limit: usize) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut long = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let is_fn = ["fn ", "pub fn ", "pub(super) fn ", "pub(crate) fn "]
            .iter()
            .any(|p| trimmed.starts_with(p));
        if !is_fn || indent.len() > 4 || trimmed.ends_with(';') {
            continue;
        }
        let close = format!("{indent}}}");
        if let Some(end) = lines[i..].iter().position(|l| *l == close)
            && end + 1 > limit
        {
            long.push((trimmed.to_string(), end + 1));
        }
    }
    long
}

#[test]
fn the_importer_is_a_folder_of_files_under_800_lines_and_functions_under_120() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/io/import");
    assert!(
        !dir.with_extension("rs").exists(),
        "src/io/import.rs is split into src/io/import/"
    );
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("src/io/import/ exists") {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines = text.lines().count();
        assert!(lines <= 800, "{} has {lines} lines", path.display());
        let long = long_functions(&text, 120);
        assert!(long.is_empty(), "{}: {long:?}", path.display());
        files += 1;
    }
    assert!(files >= 3);
}

#[test]
fn a_row_matches_a_ledger_project_by_its_named_credit_code_or_company_and_name() {
    let by_code = Uuid::now_v7();
    let by_name = Uuid::now_v7();
    let existing = Existing {
        projects: vec![
            ExistingProject {
                id: by_code,
                credit_code: "91310000132149237G".into(),
                company: "上汽大通".into(),
                name: "新MPV产业化项目".into(),
            },
            ExistingProject {
                id: by_name,
                credit_code: String::new(),
                company: "华康新能源".into(),
                name: "储能电池项目".into(),
            },
        ],
        ..Existing::default()
    };
    let preview = preview_csv(
        "项目名称,投资主体,统一社会信用代码,总投资(万元)\n\
         另一个名字,别的公司,91310000132149237G,100\n\
         储能电池项目,华康新能源,,200\n\
         全新项目,某公司,,300\n",
        &existing,
    );
    let found: Vec<Option<Uuid>> = preview
        .rows
        .iter()
        .map(|r| r.duplicate.as_ref().map(|d| d.id))
        .collect();
    assert_eq!(found, vec![Some(by_code), Some(by_name), None]);
    assert_eq!(
        preview.rows[0].duplicate.as_ref().map(|d| d.name.as_str()),
        Some("新MPV产业化项目")
    );
}

/// A ledger with one project the file's first row duplicates, and a file with a new row too.
fn one_duplicate() -> ImportPreview {
    let existing = Existing {
        projects: vec![ExistingProject {
            id: Uuid::now_v7(),
            credit_code: "91310000132149237G".into(),
            company: "上汽大通".into(),
            name: "新MPV产业化项目".into(),
        }],
        ..Existing::default()
    };
    let preview = preview_csv(
        "项目名称,投资主体,统一社会信用代码,总投资(万元)\n\
         新MPV产业化项目,上汽大通,91310000132149237G,100\n\
         全新项目,某公司,,300\n",
        &existing,
    );
    assert_eq!(preview.duplicate_count(), 1);
    preview
}

fn unreadable(_: Uuid) -> StoreResult<Option<Project>> {
    Err(StoreError::Damaged("disk I/O error".into()))
}

#[test]
fn a_duplicate_to_update_whose_match_cannot_be_read_stops_the_import_with_a_message() {
    for (policy, choice) in [
        (DuplicatePolicy::Update, None),
        (DuplicatePolicy::Skip, Some(DuplicatePolicy::Update)),
    ] {
        let mut preview = one_duplicate();
        preview.rows[0].choice = choice;
        let err = import_changes(preview, policy, &[], &unreadable)
            .expect_err("a read error is not taken as 'not in the ledger'");
        let text = err.text(Lang::Zh);
        assert!(text.contains("第2行"), "{text}");
        assert!(text.contains("新MPV产业化项目"), "{text}");
        assert!(text.contains("未写入"), "{text}");
        assert!(!err.text(Lang::En).is_empty());
    }
}

#[test]
fn a_duplicate_set_to_skip_is_skipped_without_reading_its_match() {
    let mut preview = one_duplicate();
    let (changes, counts) =
        import_changes(preview.clone(), DuplicatePolicy::Skip, &[], &unreadable)
            .expect("skipping reads nothing");
    assert_eq!((counts.new, counts.updated, counts.skipped), (1, 0, 1));
    let names: Vec<String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Project { after: Some(p), .. } => Some(p.name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        names,
        vec!["全新项目".to_string()],
        "never a silent new project"
    );
    // The row's own choice 跳过 under 更新 for all: skipped too.
    preview.rows[0].choice = Some(DuplicatePolicy::Skip);
    let (_, counts) = import_changes(preview, DuplicatePolicy::Update, &[], &unreadable)
        .expect("skipping reads nothing");
    assert_eq!((counts.new, counts.updated, counts.skipped), (1, 0, 1));
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_unit_inside_a_longer_title_cell_is_found_and_the_preview_names_its_line() {
    let preview = preview_csv(
        "2025年上半年新签约亿元以上项目台账\n\
         填报单位：经开区招商局\u{3000}\u{3000}单位：亿元\n\
         项目名称,投资主体,总投资\n\
         隔膜生产基地,恩捷新材料,1.5\n",
        &Existing::default(),
    );
    assert_eq!(preview.rows.len(), 1, "{:?}", preview.issues);
    assert_eq!(
        preview.rows[0].project().investment,
        Some(Money::cny(150_000_000)),
        "1.5 is 1.5 亿元, not 1.5 万元"
    );
    assert!(
        !preview.issues.iter().any(|i| i.kind == IssueKind::NoUnit),
        "{:?}",
        preview.issues
    );
    let said = preview
        .issues
        .iter()
        .find(|i| matches!(i.kind, IssueKind::UnitFromTitle { .. }))
        .expect("the preview says where the unit came from");
    assert_eq!(said.row, 2);
    let text = said.text(Lang::Zh);
    assert!(text.contains("第2行") && text.contains("亿元"), "{text}");
}

/// A file whose row 4 repeats row 2 (same investor and name) with a new amount and a note.
fn repeating_file(existing: &Existing) -> ImportPreview {
    preview_csv(
        "项目名称,投资主体,总投资(万元),备注\n\
         隔膜生产基地,恩捷新材料,100,\n\
         汽车电子研发中心,博世,200,\n\
         隔膜生产基地,恩捷新材料,150,二期已谈妥\n",
        existing,
    )
}

fn imported(changes: &[Change]) -> Vec<(String, Option<Money>, String)> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::Project { after: Some(p), .. } => {
                Some((p.name.clone(), p.investment, p.notes.clone()))
            }
            _ => None,
        })
        .collect()
}

fn none(_: Uuid) -> StoreResult<Option<Project>> {
    Ok(None)
}

#[test]
fn a_row_that_repeats_an_earlier_row_of_the_file_is_a_duplicate_with_the_same_choices() {
    let preview = repeating_file(&Existing::default());
    assert_eq!(preview.rows.len(), 3);
    let repeat = preview.rows[2]
        .duplicate
        .as_ref()
        .expect("row 4 is a duplicate");
    assert_eq!(repeat.in_file, Some(2));
    assert_eq!(repeat.name, "隔膜生产基地");
    assert_eq!(repeat.id, preview.rows[0].project().id);
    assert_eq!(preview.duplicate_count(), 1);
    assert_eq!(preview.file_duplicate_count(), 1);
    let warning = preview
        .issues
        .iter()
        .find(|i| i.kind == IssueKind::DuplicateInFile(2))
        .expect("still said where");
    assert_eq!(warning.row, 4);

    // 跳过 (the default): the earlier row comes in, the repeat does not.
    let (changes, counts) =
        import_changes(preview.clone(), DuplicatePolicy::Skip, &[], &none).unwrap();
    assert_eq!((counts.new, counts.updated, counts.skipped), (2, 0, 1));
    let yuan = |wan: i64| Some(Money::cny(wan * WAN));
    assert_eq!(
        imported(&changes),
        vec![
            ("隔膜生产基地".into(), yuan(100), String::new()),
            ("汽车电子研发中心".into(), yuan(200), String::new()),
        ]
    );
    // 更新, chosen for that row as the window does: the later row's values replace the earlier's.
    let mut chosen = preview.clone();
    chosen.rows[2].choice = Some(DuplicatePolicy::Update);
    let (changes, counts) = import_changes(chosen, DuplicatePolicy::Skip, &[], &none).unwrap();
    assert_eq!((counts.new, counts.updated, counts.skipped), (2, 1, 0));
    assert_eq!(
        imported(&changes)[0],
        ("隔膜生产基地".into(), yuan(150), "二期已谈妥".into())
    );
    // 作为新项目导入: both come in.
    let (changes, counts) = import_changes(preview, DuplicatePolicy::New, &[], &none).unwrap();
    assert_eq!((counts.new, counts.updated, counts.skipped), (3, 0, 0));
    assert_eq!(imported(&changes).len(), 3);
}

#[test]
fn a_repeat_of_a_row_that_updates_the_ledger_updates_the_same_project() {
    let mut ledger = Project::new("隔膜生产基地");
    ledger.company = "恩捷新材料".into();
    ledger.industry = "新能源".into();
    let existing = Existing {
        projects: vec![ExistingProject {
            id: ledger.id,
            credit_code: String::new(),
            company: ledger.company.clone(),
            name: ledger.name.clone(),
        }],
        ..Existing::default()
    };
    let preview = repeating_file(&existing);
    assert_eq!(
        preview.rows[0].duplicate.as_ref().map(|d| d.id),
        Some(ledger.id)
    );
    assert_eq!(
        preview.rows[2].duplicate.as_ref().and_then(|d| d.in_file),
        Some(2)
    );
    let stored = ledger.clone();
    let read = move |id: Uuid| -> StoreResult<Option<Project>> {
        Ok((id == stored.id).then(|| stored.clone()))
    };
    let (changes, counts) = import_changes(preview, DuplicatePolicy::Update, &[], &read).unwrap();
    assert_eq!((counts.new, counts.updated, counts.skipped), (1, 2, 0));
    let updates: Vec<&Project> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Project {
                before: Some(_),
                after: Some(p),
                ..
            } => Some(&**p),
            _ => None,
        })
        .collect();
    assert_eq!(updates.len(), 1, "one change for the ledger's project");
    assert_eq!(updates[0].id, ledger.id);
    assert_eq!(updates[0].investment, Some(Money::cny(150 * WAN)));
    assert_eq!(updates[0].notes, "二期已谈妥");
    assert_eq!(updates[0].industry, "新能源");
}

#[test]
fn stage_and_dates_that_disagree_are_warned_per_row_with_row_and_column() {
    let existing = Existing {
        today: Some(day(2025, 6, 30)),
        ..Existing::default()
    };
    let preview = preview_csv(
        "项目名称,项目进展,签约日期,开工日期,下一步截止,总投资(亿元)\n\
         在谈却有签约日期,在谈,2025-03-01,,,1\n\
         签约在2033年,签约,2033-01-01,,,1\n\
         签约却有开工日期,签约,2025-01-01,2025-04-01,,1\n\
         一切正常,签约,2025-01-01,,2026-01-01,1\n",
        &existing,
    );
    assert_eq!(preview.rows.len(), 4, "warnings only: {:?}", preview.issues);
    let flagged: Vec<(usize, &str, DateProblem)> = preview
        .issues
        .iter()
        .filter_map(|i| match i.kind {
            IssueKind::StageDate(p) => Some((i.row, i.column.as_str(), p)),
            _ => None,
        })
        .collect();
    assert_eq!(flagged.len(), 3, "{flagged:?}");
    assert_eq!((flagged[0].0, flagged[0].1), (2, "C 签约日期"));
    assert!(matches!(
        flagged[0].2,
        DateProblem::AheadOfStage {
            stage: Stage::Negotiating,
            dated: Stage::Signed,
            ..
        }
    ));
    assert_eq!((flagged[1].0, flagged[1].1), (3, "C 签约日期"));
    assert!(matches!(flagged[1].2, DateProblem::InFuture { .. }));
    assert_eq!((flagged[2].0, flagged[2].1), (4, "D 开工日期"));
    let text = preview
        .issues
        .iter()
        .find(|i| i.row == 2 && matches!(i.kind, IssueKind::StageDate(_)))
        .unwrap()
        .text(Lang::Zh);
    assert!(
        text.contains("在谈") && text.contains("2025-03-01"),
        "{text}"
    );
}

#[test]
fn an_amount_above_the_plausible_bound_is_warned_per_row() {
    let file = "项目名称,总投资(亿元)\n\
                打字习惯按万元,150000\n\
                大项目,480\n\
                更大的项目,600\n";
    let preview = preview_csv(file, &Existing::default());
    let warned: Vec<(usize, &str)> = preview
        .issues
        .iter()
        .filter(|i| matches!(i.kind, IssueKind::Implausible { .. }))
        .map(|i| (i.row, i.column.as_str()))
        .collect();
    assert_eq!(
        warned,
        vec![(2, "B 总投资(亿元)"), (4, "B 总投资(亿元)")],
        "500 亿 by default"
    );
    let text = preview
        .issues
        .iter()
        .find(|i| matches!(i.kind, IssueKind::Implausible { .. }))
        .unwrap()
        .text(Lang::Zh);
    assert!(
        text.contains("150000亿") && text.contains("500亿"),
        "{text}"
    );
    let raised = Existing {
        amount_bound: AmountBound::from_setting(Some("1000")),
        ..Existing::default()
    };
    let preview = preview_csv(file, &raised);
    let warned = preview
        .issues
        .iter()
        .filter(|i| matches!(i.kind, IssueKind::Implausible { .. }))
        .count();
    assert_eq!(warned, 1, "the setting moves the bound");
}

/// Through the app, as the window does it: the row's own choice, confirm, undo.
#[test]
fn the_windows_choice_for_a_repeated_row_is_honoured_on_confirm_and_undone_in_one_step() {
    use zhaoshang::app::import::ImportState;
    use zhaoshang::app::{Action, AppState};
    use zhaoshang::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("repeat.csv");
    std::fs::write(
        &path,
        "项目名称,投资主体,总投资(万元),备注\n\
         隔膜生产基地,恩捷新材料,100,\n\
         汽车电子研发中心,博世,200,\n\
         隔膜生产基地,恩捷新材料,150,二期已谈妥\n",
    )
    .unwrap();
    let mut state = AppState::new(Store::in_memory().unwrap(), day(2025, 7, 1), Lang::Zh);
    state.apply(ImportAction::Start(path, None));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while matches!(state.import, Some(ImportState::Working { .. })) {
        assert!(std::time::Instant::now() < deadline, "the check finishes");
        state.prepare_frame();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let Some(ImportState::Ready(session)) = &state.import else {
        panic!("no preview");
    };
    assert_eq!(session.preview.duplicate_count(), 1);
    state.apply(ImportAction::SetRowDuplicatePolicy(
        2,
        DuplicatePolicy::Update,
    ));
    state.apply(ImportAction::Confirm);
    let mut projects = state.store().all_projects().unwrap();
    projects.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(projects.len(), 2, "the repeat is not a third project");
    let membrane = projects.iter().find(|p| p.name == "隔膜生产基地").unwrap();
    assert_eq!(membrane.investment, Some(Money::cny(150 * WAN)));
    assert_eq!(membrane.notes, "二期已谈妥");
    state.apply(Action::Undo);
    assert!(state.store().all_projects().unwrap().is_empty());
}
