//! 撤销 of the 同步 steps, as new entries that travel: a settled conflict undone is open again
//! (here and in the file the undo reaches) with the field back, and redone it is settled
//! again everywhere; a folded 撞单 undone is two live projects again, redone one.

use std::path::Path;

use zhaoshang::domain::{Project, Stage};
use zhaoshang::store::{Store, Write};
use zhaoshang::sync::{self, Choice};

fn open(dir: &Path, name: &str) -> Store {
    Store::open(&dir.join(format!("{name}.db"))).expect("open")
}

/// Exports from `from` for `to` and merges it there.
fn send(from: &mut Store, to: &mut Store) {
    let to_site = to.sync_site().expect("site");
    let (bytes, _) = sync::export_bundle(from, Some(&to_site), None).expect("export");
    let bundle = sync::read_bundle(&bytes, None).expect("read");
    sync::apply(to, &bundle).expect("merge");
}

fn project(name: &str, credit: &str) -> Project {
    let mut p = Project::new(name);
    p.company = "宁德新能源".into();
    p.credit_code = credit.into();
    p.set_stage_date(
        Stage::Lead,
        Some(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
    );
    p
}

fn rename(store: &mut Store, id: uuid::Uuid, name: &str) {
    let mut p = store.project(id).expect("read").expect("there");
    p.name = name.into();
    store.write(&[Write::PutProject(p)]).expect("write");
}

fn name(store: &Store, id: uuid::Uuid) -> String {
    store.project(id).expect("read").expect("there").name
}

#[test]
fn a_settled_conflict_undone_is_open_again_where_it_travels_and_redone_settled() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut lead, mut officer) = (open(dir.path(), "lead"), open(dir.path(), "officer"));
    let p = project("新能源电池项目", "91320000MA1XYZ0001");
    let id = p.id;
    officer.write(&[Write::PutProject(p)]).expect("write");
    send(&mut officer, &mut lead);
    send(&mut lead, &mut officer);
    rename(&mut officer, id, "新能源电池二期");
    rename(&mut lead, id, "电池项目（牵头）");
    send(&mut officer, &mut lead);
    assert_eq!(lead.sync_conflict_count().expect("count"), 1);
    let shown = name(&lead, id);

    let c = sync::conflicts(&lead).expect("conflicts").remove(0);
    let settled = sync::resolve(&mut lead, c.id, Choice::Theirs).expect("resolve");
    assert_eq!(name(&lead, id), "新能源电池二期");
    assert_eq!(lead.sync_conflict_count().expect("count"), 0);

    // 撤销: the conflict is open again, the field as it was shown before.
    sync::reopen(&mut lead, &settled).expect("reopen");
    assert_eq!(lead.sync_conflict_count().expect("count"), 1);
    assert_eq!(name(&lead, id), shown);
    let again = sync::conflicts(&lead).expect("conflicts").remove(0);
    let mut values: Vec<String> = again
        .heads
        .iter()
        .map(|h| h.value.as_str().unwrap_or_default().to_owned())
        .collect();
    values.sort();
    assert_eq!(values, ["新能源电池二期", "电池项目（牵头）"]);
    // The undo travels: the officer's file holds the open conflict too.
    send(&mut lead, &mut officer);
    assert_eq!(officer.sync_conflict_count().expect("count"), 1);
    assert_eq!(
        officer.sync_dump().expect("d"),
        lead.sync_dump().expect("d")
    );

    // 重做: settled again, in both files once it travels.
    sync::settle(&mut lead, &settled).expect("settle");
    assert_eq!(name(&lead, id), "新能源电池二期");
    assert_eq!(lead.sync_conflict_count().expect("count"), 0);
    send(&mut lead, &mut officer);
    send(&mut officer, &mut lead);
    assert_eq!(officer.sync_conflict_count().expect("count"), 0);
    assert_eq!(name(&officer, id), "新能源电池二期");
    assert_eq!(
        officer.sync_dump().expect("d"),
        lead.sync_dump().expect("d")
    );
}

#[test]
fn a_folded_duplicate_undone_is_two_projects_again_where_it_travels() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut lead, mut officer) = (open(dir.path(), "lead"), open(dir.path(), "officer"));
    let mut mine = project("电池项目", "91320000MA1XYZ0002");
    mine.notes = "牵头人已拜访".into();
    let mut theirs = project("新能源电池项目", "91320000MA1XYZ0002");
    theirs.notes = "对方来访两次".into();
    let (keep, fold) = (mine.id, theirs.id);
    lead.write(&[Write::PutProject(mine)]).expect("write");
    officer.write(&[Write::PutProject(theirs)]).expect("write");
    send(&mut officer, &mut lead);

    let step = sync::fold_project(&mut lead, &keep.to_string(), &fold.to_string()).expect("fold");
    assert!(!lead.is_live(fold).expect("live"));
    assert!(
        lead.project(keep)
            .expect("r")
            .expect("p")
            .notes
            .contains("对方来访两次")
    );

    sync::step_fields(&mut lead, &step, true).expect("undo");
    assert!(
        lead.is_live(fold).expect("live"),
        "撤销: both projects again"
    );
    assert_eq!(
        lead.project(keep).expect("r").expect("p").notes,
        "牵头人已拜访"
    );
    send(&mut lead, &mut officer);
    assert!(officer.is_live(fold).expect("live"));
    assert!(officer.is_live(keep).expect("live"));

    sync::step_fields(&mut lead, &step, false).expect("redo");
    assert!(!lead.is_live(fold).expect("live"), "重做: folded again");
    send(&mut lead, &mut officer);
    assert!(!officer.is_live(fold).expect("live"));
    assert_eq!(
        officer.sync_dump().expect("d"),
        lead.sync_dump().expect("d")
    );
}
