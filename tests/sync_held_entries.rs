//! An import's new rows are logged as entries their rows hold (no second copy of every row),
//! and whatever later changes a row, its created entry still says what the row was: in the
//! file, in a bundle, and in every file the bundle reaches.

use std::path::Path;

use rusqlite::Connection;
use serde_json::Value;
use zhaoshang::domain::{Officer, Project, Team};
use zhaoshang::store::changelog::{Shape, TABLES};
use zhaoshang::store::{Store, Write};
use zhaoshang::sync;

/// Enough rows for the import's one-statement log.
const ROWS: usize = 120;

fn imported(path: &Path) -> (Store, Vec<Project>) {
    let mut store = Store::open(path).expect("open");
    let team = Team::new("第一招商小组");
    let officer = Officer::new(team.id, "张三");
    let projects: Vec<Project> = (0..ROWS)
        .map(|i| {
            let mut p = Project::new(format!("导入项目{i:03}"));
            p.company = format!("投资方{i}有限公司");
            p.investment = Some(zhaoshang::domain::money::Money::cny(1_000_000 + i as i64));
            p.team_id = Some(team.id);
            p.officer_id = Some(officer.id);
            p.notes = "第一行\n第二行\t\"引号\"".into();
            p
        })
        .collect();
    let mut writes = vec![Write::PutTeam(team), Write::PutOfficer(officer)];
    writes.extend(projects.iter().cloned().map(Write::PutProject));
    store.write(&writes).expect("import");
    (store, projects)
}

fn held_entries(path: &Path) -> i64 {
    let conn = Connection::open(path).expect("sqlite");
    conn.query_row(
        "SELECT count(*) FROM sync_log WHERE tbl = 'projects' AND value = ''",
        [],
        |r| r.get(0),
    )
    .expect("count")
}

/// The created entry of project `id`, as the store reads it.
fn created_name(store: &Store, path: &Path, id: uuid::Uuid) -> Value {
    let conn = Connection::open(path).expect("sqlite");
    let (site, seq): (String, i64) = conn
        .query_row(
            "SELECT site, seq FROM sync_log WHERE tbl = 'projects' AND row_id = ?1 \
             AND field IS NULL",
            [id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("created entry");
    let entry = store.sync_entry(&site, seq).expect("read").expect("entry");
    entry.value["name"].clone()
}

#[test]
fn an_imports_rows_are_logged_once_not_copied_into_the_log() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("officer.db");
    let (store, projects) = imported(&path);
    assert_eq!(
        held_entries(&path),
        ROWS as i64,
        "every new project held by its row"
    );
    // Read back, each created entry has the project's fields.
    let name = created_name(&store, &path, projects[7].id);
    assert_eq!(name, Value::from("导入项目007"));
}

#[test]
fn a_changed_row_keeps_what_it_was_created_with_in_its_entry() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("officer.db");
    let (mut store, projects) = imported(&path);
    let mut p = store
        .project(projects[3].id)
        .expect("read")
        .expect("project");
    p.name = "改名后的项目".into();
    store.write(&[Write::PutProject(p)]).expect("edit");
    store
        .write(&[Write::DeleteProject(projects[4].id)])
        .expect("delete");
    assert_eq!(held_entries(&path), ROWS as i64 - 2);
    assert_eq!(
        created_name(&store, &path, projects[3].id),
        Value::from("导入项目003"),
        "the created entry says what the row was"
    );
    assert_eq!(
        store
            .project(projects[3].id)
            .expect("read")
            .expect("p")
            .name,
        "改名后的项目"
    );
    // Any writer, not only the store's: a change made with plain SQL is caught as well.
    let conn = Connection::open(&path).expect("sqlite");
    conn.execute(
        "UPDATE projects SET next_step = '直接改的' WHERE id = ?1",
        [projects[5].id.to_string()],
    )
    .expect("sql");
    drop(conn);
    assert_eq!(held_entries(&path), ROWS as i64 - 3);
    assert_eq!(
        created_name(&store, &path, projects[5].id),
        Value::from("导入项目005")
    );
}

#[test]
fn an_imported_ledger_reaches_other_files_whole_and_again_without_a_fork() {
    let dir = tempfile::tempdir().expect("dir");
    let officer_path = dir.path().join("officer.db");
    let (mut officer, projects) = imported(&officer_path);
    let mut lead = Store::open(&dir.path().join("lead.db")).expect("lead");
    let mut third = Store::open(&dir.path().join("third.db")).expect("third");

    // The lead gets the import, then an edit made after it.
    let (bytes, _) = sync::export_bundle(&mut officer, None, None).expect("export");
    let first = sync::read_bundle(&bytes, None).expect("read");
    sync::apply(&mut lead, &first).expect("merge");
    let mut p = officer.project(projects[0].id).expect("r").expect("p");
    p.notes = "考察后补充".into();
    officer.write(&[Write::PutProject(p)]).expect("edit");
    let (bytes, _) = sync::export_bundle(&mut officer, None, None).expect("export");
    let second = sync::read_bundle(&bytes, None).expect("read");
    // Everything again: the import's entries, repeated, are the ones the lead holds.
    let report = sync::apply(&mut lead, &second).expect("merge again");
    assert_eq!(report.new_conflicts, 0);
    // The lead's answer carries its own settings entries back: then both hold the same.
    let (bytes, _) = sync::export_bundle(&mut lead, None, None).expect("export");
    let answer = sync::read_bundle(&bytes, None).expect("read");
    sync::apply(&mut officer, &answer).expect("answer");
    assert_eq!(
        lead.sync_dump().expect("dump"),
        officer.sync_dump().expect("dump")
    );
    // The lead passes it on: the third file gets the same data, and the officer's first
    // bundle after that repeats only what it holds.
    sync::apply(&mut third, &sync::read_bundle(&bytes, None).expect("read")).expect("merge");
    sync::apply(&mut third, &first).expect("the first bundle again: no fork");
    // Its own settings entries back to the officer: then the two hold the same.
    let (bytes, _) = sync::export_bundle(&mut third, None, None).expect("export");
    sync::apply(
        &mut officer,
        &sync::read_bundle(&bytes, None).expect("read"),
    )
    .expect("merge");
    assert_eq!(
        third.sync_dump().expect("dump"),
        officer.sync_dump().expect("dump")
    );
    assert_eq!(
        created_name(&third, &dir.path().join("third.db"), projects[0].id),
        Value::from("导入项目000")
    );
}

/// Migration 11's triggers write a held entry out with exactly the registered fields, in
/// order, and fire on a change of any of them: a field appended to a registration without a
/// migration of its own would make a held entry read differently from what was sent.
#[test]
fn every_travelling_table_has_triggers_that_write_its_registered_fields() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("new.db");
    drop(Store::open(&path).expect("open"));
    let conn = Connection::open(&path).expect("sqlite");
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for table in TABLES {
        let Shape::Rows { key, fields, .. } = &table.shape else {
            continue;
        };
        let values: Vec<String> = fields.iter().map(|f| format!("OLD.{f}")).collect();
        let writes = format!("json_array( {} )", values.join(", "));
        let others: Vec<&str> = fields.iter().copied().filter(|f| f != key).collect();
        for (kind, fires) in [
            (
                "update",
                format!("BEFORE UPDATE OF {} ON", others.join(", ")),
            ),
            ("delete", "BEFORE DELETE ON".to_owned()),
        ] {
            let name = format!("sync_held_{}_{kind}", table.name);
            let sql: String = conn
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                    [&name],
                    |r| r.get(0),
                )
                .unwrap_or_else(|_| panic!("{name} is missing"));
            let sql = squeeze(&sql);
            assert!(sql.contains(&writes), "{name} writes other fields: {sql}");
            assert!(sql.contains(&fires), "{name} fires on other fields: {sql}");
        }
    }
}

/// The entry of project `id` as `path`'s log stores it: whether its row holds it.
fn held_here(path: &Path, id: uuid::Uuid) -> bool {
    let conn = Connection::open(path).expect("sqlite");
    conn.query_row(
        "SELECT value = '' FROM sync_log WHERE tbl = 'projects' AND row_id = ?1 \
         AND field IS NULL",
        [id.to_string()],
        |r| r.get(0),
    )
    .expect("created entry")
}

#[test]
fn a_merged_new_row_holds_its_entry_unless_its_column_would_change_a_value() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut officer, projects) = imported(&dir.path().join("officer.db"));
    let (bytes, _) = sync::export_bundle(&mut officer, None, None).expect("export");
    let mut bundle = sync::read_bundle(&bytes, None).expect("read");
    // One project's amount as text, as a damaged or hand-made bundle may carry it: its
    // INTEGER column would keep 12, not "12", so its row cannot hold what was sent.
    let odd = projects[9].id.to_string();
    let entry = bundle
        .entries
        .iter_mut()
        .find(|e| e.table == "projects" && e.row == odd)
        .expect("its entry");
    entry.value["amount"] = Value::from("12");

    let lead_path = dir.path().join("lead.db");
    let mut lead = Store::open(&lead_path).expect("lead");
    sync::apply(&mut lead, &bundle).expect("merge");
    assert_eq!(held_entries(&lead_path), ROWS as i64 - 1);
    assert!(held_here(&lead_path, projects[0].id));
    assert!(!held_here(&lead_path, projects[9].id));
    let sent = bundle.entries.iter().find(|e| e.row == odd).expect("e");
    let stored = lead
        .sync_entry(&sent.site, sent.seq)
        .expect("read")
        .expect("entry");
    assert_eq!(stored.value["amount"], Value::from("12"), "kept as it came");

    // A held entry reads as it came: the same bundle again is no fork, and an edit on the
    // lead leaves the created entry saying what the row was.
    sync::apply(&mut lead, &bundle).expect("the same bundle again: no fork");
    let mut p = lead.project(projects[0].id).expect("r").expect("p");
    p.name = "领导改的名字".into();
    lead.write(&[Write::PutProject(p)]).expect("edit");
    assert_eq!(
        created_name(&lead, &lead_path, projects[0].id),
        Value::from("导入项目000")
    );
    // Passed on, a third file holds the same as the lead.
    let third_path = dir.path().join("third.db");
    let mut third = Store::open(&third_path).expect("third");
    let (bytes, _) = sync::export_bundle(&mut lead, None, None).expect("export");
    sync::apply(&mut third, &sync::read_bundle(&bytes, None).expect("read")).expect("merge");
    let (bytes, _) = sync::export_bundle(&mut third, None, None).expect("export");
    sync::apply(&mut lead, &sync::read_bundle(&bytes, None).expect("read")).expect("merge");
    assert_eq!(
        lead.sync_dump().expect("dump"),
        third.sync_dump().expect("dump")
    );
    assert_eq!(
        created_name(&third, &third_path, projects[0].id),
        Value::from("导入项目000")
    );
}
