//! The importer's checks from issues 11 and 13: the shape of its code, ledger duplicates by
//! named keys, a duplicate whose match cannot be read, units in title lines, rows that repeat
//! rows of the same file, stage and date agreement, and amount plausibility.

use std::path::Path;

use uuid::Uuid;
use zhaoshang::io::import::{Existing, ExistingProject, ImportPreview, Progress};
use zhaoshang::io::sheet::read_bytes;

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
