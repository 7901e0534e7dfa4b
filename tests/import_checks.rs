//! The importer's checks from issues 11 and 13: the shape of its code, ledger duplicates by
//! named keys, a duplicate whose match cannot be read, units in title lines, rows that repeat
//! rows of the same file, stage and date agreement, and amount plausibility.

use std::path::Path;

use uuid::Uuid;
use zhaoshang::app::history::Change;
use zhaoshang::app::import::import_changes;
use zhaoshang::domain::Project;
use zhaoshang::i18n::Lang;
use zhaoshang::io::import::{DuplicatePolicy, Existing, ExistingProject, ImportPreview, Progress};
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
