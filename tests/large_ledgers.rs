//! Large ledgers: a large write (an import, the demo) rebuilds the projects' indexes instead of
//! updating them row by row and writes the search index last; a large export is written on a
//! worker thread. These tests check what a user would notice if any of it went wrong: a project
//! that cannot be found by a word of its name, a failed import that leaves the ledger changed,
//! a ledger that lost its indexes, an export that never says it finished.

mod common;

use chrono::NaiveDate;
use zhaoshang::app::LedgerAction;
use zhaoshang::app::{AppState, EXPORT_ON_WORKER};
use zhaoshang::domain::{Officer, Project};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{ProjectFilter, SortColumn, SortOrder, Store, Write};

fn today() -> NaiveDate {
    common::day(2026, 11, 24)
}

fn found(store: &Store, words: &str) -> usize {
    let filter = ProjectFilter {
        search: words.into(),
        ..Default::default()
    };
    store
        .ledger_keys(&filter, SortColumn::default(), SortOrder::default())
        .unwrap()
        .len()
}

/// A demo ledger of `n` projects written in one call, its teams and officers first.
fn demo_writes(n: usize, seed: u64) -> (Vec<Write>, Vec<Project>) {
    common::demo_writes(n, seed, today())
}

#[test]
fn a_large_write_keeps_every_index_and_finds_projects_by_two_characters() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bulk.db")).unwrap();
    let indexes_before = store.index_names("projects").unwrap();
    assert!(indexes_before.len() > 5, "{indexes_before:?}");

    let (writes, projects) = demo_writes(3_000, 7);
    store.write(&writes).unwrap();

    assert_eq!(store.project_count().unwrap(), 3_000);
    assert_eq!(store.index_names("projects").unwrap(), indexes_before);
    // Every project is found by the first two characters of its name, and by its company.
    for p in projects.iter().step_by(97) {
        let word: String = p.name.chars().take(2).collect();
        let expected = projects
            .iter()
            .filter(|q| {
                q.name.contains(&word) || q.company.contains(&word) || q.notes.contains(&word)
            })
            .count();
        assert_eq!(found(&store, &word), expected, "searching {word}");
    }
    // The store still passes its own check after reopening.
    drop(store);
    let store = Store::open(&dir.path().join("bulk.db")).unwrap();
    assert_eq!(store.project_count().unwrap(), 3_000);
}

#[test]
fn a_large_write_that_fails_changes_nothing_and_keeps_the_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bulk.db")).unwrap();
    let (first, _) = demo_writes(100, 1);
    store.write(&first).unwrap();
    let indexes_before = store.index_names("projects").unwrap();

    let (mut writes, _) = demo_writes(2_500, 2);
    // An officer of a team that does not exist: the foreign key fails after the projects.
    writes.push(Write::PutOfficer(Officer::new(
        uuid::Uuid::now_v7(),
        "无名",
    )));
    assert!(store.write(&writes).is_err());

    assert_eq!(store.project_count().unwrap(), 100);
    assert_eq!(store.index_names("projects").unwrap(), indexes_before);
}

#[test]
fn renamed_and_deleted_projects_leave_the_search_in_one_write() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bulk.db")).unwrap();
    let mut kept = Project::new("鲲鹏算力中心项目");
    let gone = Project::new("麒麟电池基地项目");
    store
        .write(&[
            Write::PutProject(kept.clone()),
            Write::PutProject(gone.clone()),
        ])
        .unwrap();
    assert_eq!(found(&store, "鲲鹏"), 1);
    assert_eq!(found(&store, "麒麟"), 1);

    // Renamed, then the other deleted, in one write.
    kept.name = "凤凰光伏项目".into();
    store
        .write(&[
            Write::PutProject(kept.clone()),
            Write::DeleteProject(gone.id),
        ])
        .unwrap();
    assert_eq!(found(&store, "鲲鹏"), 0);
    assert_eq!(found(&store, "凤凰"), 1);
    assert_eq!(found(&store, "麒麟"), 0);
}

#[test]
fn a_large_export_is_written_on_a_worker_and_says_when_it_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("big.db")).unwrap();
    let n = EXPORT_ON_WORKER + 500;
    let (writes, _) = demo_writes(n, 3);
    store.write(&writes).unwrap();
    let mut state = AppState::new(store, today(), Lang::Zh);
    let out = dir.path().join("台账.xlsx");

    state.apply(LedgerAction::Export(out.clone()));
    assert!(state.jobs.export.is_some(), "{n} rows go to the worker");
    // A second click meanwhile starts nothing.
    state.apply(LedgerAction::Export(dir.path().join("again.xlsx")));
    common::wait_for(&mut state, "the export", |s| {
        s.prepare_frame();
        s.jobs.export.is_none()
    });
    assert!(state.jobs.export.is_none(), "the export finished");
    let notice = state.notice.clone().unwrap();
    assert!(
        notice.text.contains(&format!("已导出 {n} 个项目")),
        "{}",
        notice.text
    );
    assert!(!dir.path().join("again.xlsx").exists());
    // The file reads back with every row and the totals row.
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    assert_eq!(range.height(), n + 2, "header, {n} rows, totals");
}

#[test]
fn a_large_file_is_checked_in_order_across_threads_and_blocks() {
    use zhaoshang::io::import::{Existing, IssueKind, Progress, preview};
    use zhaoshang::io::sheet::read_bytes;
    // 40,000 rows: several blocks, each read on several threads. Row 30,002 repeats row 2's
    // company and name; a 合计 row closes the file.
    let mut text = String::from("项目名称,投资主体,总投资(万元),责任单位\n");
    let mut sum: i64 = 0;
    for i in 0..40_000 {
        let (name, company) = if i == 30_000 {
            ("项目0".to_string(), "企业0".to_string())
        } else {
            (format!("项目{i}"), format!("企业{i}"))
        };
        let amount = 100 + i % 977;
        sum += amount;
        text.push_str(&format!("{name},{company},{amount},第{}组\n", i % 7));
    }
    text.push_str(&format!("合计,,{sum},\n"));
    let book = read_bytes(text.as_bytes(), "csv", None).unwrap();
    let preview = preview(&book, None, &Existing::default(), &Progress::default()).unwrap();

    assert_eq!(preview.total_rows, 40_001);
    assert_eq!(preview.rows.len(), 40_000);
    let numbers: Vec<usize> = preview.rows.iter().map(|r| r.row).collect();
    assert!(
        numbers.windows(2).all(|w| w[0] + 1 == w[1]),
        "rows stay in file order"
    );
    assert_eq!(preview.rows[39_999].project().name, "项目39999");
    let in_file: Vec<_> = preview
        .issues
        .iter()
        .filter(|i| matches!(i.kind, IssueKind::DuplicateInFile(_)))
        .collect();
    assert_eq!(in_file.len(), 1, "{in_file:?}");
    assert_eq!(in_file[0].row, 30_002);
    assert!(matches!(in_file[0].kind, IssueKind::DuplicateInFile(2)));
    assert!(
        !preview.issues.iter().any(|i| matches!(
            i.kind,
            IssueKind::TotalMismatch { .. } | IssueKind::TotalUnchecked
        )),
        "the 合计 agrees with 40,000 rows read on several threads"
    );
    assert_eq!(preview.new_teams.len(), 7);
}

#[test]
fn cancelling_a_large_check_stops_it() {
    use zhaoshang::io::import::{Existing, Progress, preview};
    use zhaoshang::io::sheet::read_bytes;
    use zhaoshang::io::{PreviewError, ReadError};
    let mut text = String::from("项目名称,总投资(万元)\n");
    for i in 0..20_000 {
        text.push_str(&format!("项目{i},{}\n", 100 + i));
    }
    let book = read_bytes(text.as_bytes(), "csv", None).unwrap();
    let progress = Progress::default();
    progress
        .cancel
        .store(true, std::sync::atomic::Ordering::Relaxed);
    let outcome = preview(&book, None, &Existing::default(), &progress);
    assert!(matches!(
        outcome,
        Err(PreviewError::Read(ReadError::Cancelled))
    ));
}

#[test]
fn undoing_a_large_write_leaves_the_search_index_with_exactly_the_projects_left() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bulk.db")).unwrap();
    let keep = Project::new("鲲鹏算力中心项目");
    store.write(&[Write::PutProject(keep.clone())]).unwrap();
    let (writes, projects) = demo_writes(3_000, 11);
    store.write(&writes).unwrap();
    let word: String = projects[0].name.chars().take(2).collect();
    assert!(found(&store, &word) > 0);

    // What undoing that import writes: every one of its projects deleted, in one write.
    let undo: Vec<Write> = projects
        .iter()
        .map(|p| Write::DeleteProject(p.id))
        .collect();
    store.write(&undo).unwrap();
    assert_eq!(store.project_count().unwrap(), 1);
    assert_eq!(found(&store, &word), usize::from(keep.name.contains(&word)));
    assert_eq!(
        found(&store, "鲲鹏"),
        1,
        "the project that stays is still found"
    );
    // And redoing it puts them back in the search.
    let redo: Vec<Write> = projects.iter().cloned().map(Write::PutProject).collect();
    store.write(&redo).unwrap();
    assert!(found(&store, &word) > 0);
    assert_eq!(store.project_count().unwrap(), 3_001);
}
