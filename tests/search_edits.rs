//! An edit rewrites a project's search entry only when its searched words change: a stage
//! move or a new amount leaves the search index as it was (so the commits after an import
//! do not pile up index segments to merge with the import's), and a new name or note is
//! found by its new words and no longer by the old.

use std::path::Path;

use rusqlite::Connection;
use zhaoshang::domain::{Money, Project, Stage};
use zhaoshang::store::{ProjectFilter, SortColumn, SortOrder, Store, Write};

fn found(store: &Store, words: &str) -> usize {
    let filter = ProjectFilter {
        search: words.into(),
        ..Default::default()
    };
    store
        .ledger_keys(&filter, SortColumn::Name, SortOrder::Ascending)
        .expect("search")
        .len()
}

/// The search index's own table: its structure and every segment page.
fn index_pages(path: &Path) -> Vec<(i64, Vec<u8>)> {
    let conn = Connection::open(path).expect("sqlite");
    let mut stmt = conn
        .prepare("SELECT id, block FROM project_search_data ORDER BY id")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

#[test]
fn an_edit_that_keeps_the_searched_words_leaves_the_search_index_alone() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("zone.db");
    let mut store = Store::open(&path).expect("open");
    let mut project = Project::new("固态电池项目");
    project.company = "远景动力有限公司".into();
    project.notes = "已两次拜访".into();
    store
        .write(&[Write::PutProject(project.clone())])
        .expect("create");
    let before = index_pages(&path);

    project.stage = Stage::Negotiating;
    project.set_stage_date(
        Stage::Negotiating,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 2),
    );
    project.investment = Some(Money::cny(3_000_000_000));
    project.next_step = "约谈董事长".into();
    // Spaces around the name are trimmed when stored: still the same words.
    project.name = " 固态电池项目 ".into();
    store
        .write(&[Write::PutProject(project.clone())])
        .expect("edit");
    assert_eq!(
        index_pages(&path),
        before,
        "a stage move and a new amount write nothing to the search index"
    );
    assert_eq!(found(&store, "电池"), 1);

    project.notes = "签约仪式筹备中".into();
    store
        .write(&[Write::PutProject(project.clone())])
        .expect("new notes");
    assert_ne!(index_pages(&path), before);
    assert_eq!(found(&store, "签约仪式"), 1, "found by the new note");
    assert_eq!(found(&store, "两次拜访"), 0, "no longer by the old one");
    assert_eq!(found(&store, "远景动力"), 1, "still by its investor");

    // Deleted and put back with the same words: found again.
    store
        .write(&[Write::DeleteProject(project.id)])
        .expect("delete");
    assert_eq!(found(&store, "电池"), 0);
    store
        .write(&[Write::PutProject(project)])
        .expect("put back");
    assert_eq!(
        found(&store, "电池"),
        1,
        "a restored project is searchable again"
    );
}

/// The segments of the search index as FTS5's structure record lists them: (level, leaf
/// pages). The record (`project_search_data`, id 10) is a 4-byte cookie, an optional
/// version mark, then varints: levels, segments, write counter, and per level its merge
/// count, its segments and each segment's id, first and last page (and, in the second
/// version, five more numbers).
fn segments(path: &Path) -> Vec<(usize, u64)> {
    fn varint(data: &[u8], at: &mut usize) -> u64 {
        let mut value = 0u64;
        for i in 0..9 {
            let byte = data[*at];
            *at += 1;
            if i == 8 {
                return (value << 8) | byte as u64;
            }
            value = (value << 7) | (byte & 0x7f) as u64;
            if byte & 0x80 == 0 {
                break;
            }
        }
        value
    }
    let conn = Connection::open(path).expect("sqlite");
    let data: Vec<u8> = conn
        .query_row(
            "SELECT block FROM project_search_data WHERE id = 10",
            [],
            |r| r.get(0),
        )
        .expect("structure record");
    let mut at = 4;
    let v2 = data[4..8] == [0xff, 0x00, 0x00, 0x01];
    if v2 {
        at += 4;
    }
    let levels = varint(&data, &mut at);
    let _segments = varint(&data, &mut at);
    let _writes = varint(&data, &mut at);
    let mut out = Vec::new();
    for level in 0..levels as usize {
        let _merging = varint(&data, &mut at);
        let count = varint(&data, &mut at);
        for _ in 0..count {
            let _id = varint(&data, &mut at);
            let first = varint(&data, &mut at);
            let last = varint(&data, &mut at);
            if v2 {
                for _ in 0..5 {
                    varint(&data, &mut at);
                }
            }
            out.push((level, last + 1 - first));
        }
    }
    out
}

#[test]
fn an_imports_search_words_sit_above_the_level_that_every_edit_merges_into() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("zone.db");
    let mut store = Store::open(&path).expect("open");
    let projects: Vec<Project> = (0..3_000)
        .map(|i| {
            let mut p = Project::new(format!("新能源汽车零部件项目{i}"));
            p.company = format!("第{i}号精密制造股份有限公司");
            p.notes = format!("第{i}次洽谈：厂房、用地与配套政策");
            p
        })
        .collect();
    store
        .write(
            &projects
                .iter()
                .cloned()
                .map(Write::PutProject)
                .collect::<Vec<_>>(),
        )
        .expect("import");
    let largest = |path: &Path| {
        segments(path)
            .into_iter()
            .max_by_key(|(_, pages)| *pages)
            .expect("a segment")
    };
    let (level, pages) = largest(&path);
    assert!(
        pages > 10,
        "the import's words are one large segment: {pages} pages"
    );
    assert!(level >= 2, "lifted two levels, not on level {level}");

    // Sixteen edits of a note: FTS5 merges level 0's segments, never the import's.
    for (i, project) in projects.iter().take(16).enumerate() {
        let mut p = project.clone();
        p.notes = format!("第{i}次回访");
        store.write(&[Write::PutProject(p)]).expect("edit");
    }
    assert_eq!(
        largest(&path),
        (level, pages),
        "the import's segment is where it was, not merged again"
    );
    assert_eq!(found(&store, "零部件"), 3_000);
    assert_eq!(found(&store, "回访"), 16);
}
