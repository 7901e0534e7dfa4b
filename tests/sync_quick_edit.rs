//! An officer's edit is logged from the row as it was and as it is (the log's quick path):
//! one entry per changed field, based on the version it replaced, the same entries the full
//! path made; and where a field has more than one version (a conflict), the edit replaces
//! them all, so the conflict is settled everywhere the edit travels.

use std::path::Path;

use rusqlite::Connection;
use zhaoshang::domain::{Project, money::Money};
use zhaoshang::store::{Store, Write};
use zhaoshang::sync;

/// The project's field entries in the order they were written: (field, value, base).
fn field_entries(path: &Path, id: uuid::Uuid) -> Vec<(String, String, String)> {
    let conn = Connection::open(path).expect("sqlite");
    let mut stmt = conn
        .prepare(
            "SELECT field, value, base FROM sync_log WHERE tbl = 'projects' AND row_id = ?1 \
             AND field IS NOT NULL ORDER BY seq",
        )
        .expect("prepare");
    stmt.query_map([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

/// The (site, seq) of an entry as a base lists it.
fn version(path: &Path, id: uuid::Uuid, field: Option<&str>) -> String {
    let conn = Connection::open(path).expect("sqlite");
    let (site, seq): (String, i64) = conn
        .query_row(
            "SELECT site, seq FROM sync_log WHERE tbl = 'projects' AND row_id = ?1 \
             AND field IS ?2 ORDER BY seq DESC LIMIT 1",
            rusqlite::params![id.to_string(), field],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("entry");
    format!("[\"{site}\",{seq}]")
}

fn send(from: &mut Store, to: &mut Store) {
    let to_site = to.sync_site().expect("site");
    let (bytes, _) = sync::export_bundle(from, Some(&to_site), None).expect("export");
    let bundle = sync::read_bundle(&bytes, None).expect("read");
    sync::apply(to, &bundle).expect("merge");
}

fn edit(store: &mut Store, id: uuid::Uuid, f: impl FnOnce(&mut Project)) {
    let mut p = store.project(id).expect("read").expect("project");
    f(&mut p);
    store.write(&[Write::PutProject(p)]).expect("edit");
}

#[test]
fn an_edit_logs_each_changed_field_once_based_on_the_version_it_replaced() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("officer.db");
    let mut store = Store::open(&path).expect("open");
    let project = Project::new("新能源电池项目");
    let id = project.id;
    store.write(&[Write::PutProject(project)]).expect("create");
    let created = version(&path, id, None);

    edit(&mut store, id, |p| {
        p.notes = "首次拜访".into();
        p.investment = Some(Money::cny(5_000_000_000));
    });
    let first = field_entries(&path, id);
    let fields: Vec<&str> = first.iter().map(|(f, _, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        ["amount", "currency", "notes"],
        "the changed fields, in name order, and nothing else"
    );
    for (field, _, base) in &first {
        assert_eq!(
            base,
            &format!("[{created}]"),
            "{field} replaces the created row"
        );
    }
    assert_eq!(first[2].1, "\"首次拜访\"");
    assert_eq!(
        first[0].1, "5000000000",
        "an amount is logged as a whole number"
    );

    // The second edit of the notes is based on the first; saving the same again logs nothing.
    let notes_v1 = version(&path, id, Some("notes"));
    edit(&mut store, id, |p| p.notes = "第二次拜访".into());
    edit(&mut store, id, |_| {});
    let second = field_entries(&path, id);
    assert_eq!(second.len(), first.len() + 1, "one more entry: {second:?}");
    let (field, value, base) = second.last().expect("last");
    assert_eq!(
        (field.as_str(), value.as_str()),
        ("notes", "\"第二次拜访\"")
    );
    assert_eq!(base, &format!("[{notes_v1}]"));
}

#[test]
fn an_edit_of_a_field_in_conflict_replaces_both_versions_and_settles_it_everywhere() {
    let dir = tempfile::tempdir().expect("dir");
    let mut lead = Store::open(&dir.path().join("lead.db")).expect("lead");
    let officer_path = dir.path().join("officer.db");
    let mut officer = Store::open(&officer_path).expect("officer");
    let project = Project::new("半导体封测项目");
    let id = project.id;
    lead.write(&[Write::PutProject(project)]).expect("create");
    send(&mut lead, &mut officer);

    edit(&mut lead, id, |p| p.next_step = "报送管委会".into());
    edit(&mut officer, id, |p| p.next_step = "约谈董事长".into());
    send(&mut lead, &mut officer);
    assert_eq!(
        sync::conflicts(&officer).expect("conflicts").len(),
        1,
        "both officers changed 下一步"
    );

    // The officer writes a third value over the conflict: it is based on both versions.
    edit(&mut officer, id, |p| p.next_step = "联合拜访".into());
    let (_, value, base) = field_entries(&officer_path, id)
        .into_iter()
        .rfind(|(f, _, _)| f == "next_step")
        .expect("the edit");
    assert_eq!(value, "\"联合拜访\"");
    assert_eq!(
        base.matches("],[").count(),
        1,
        "two versions replaced: {base}"
    );
    assert!(sync::conflicts(&officer).expect("conflicts").is_empty());

    send(&mut officer, &mut lead);
    assert!(
        sync::conflicts(&lead).expect("conflicts").is_empty(),
        "the lead sees the conflict settled, not a new one"
    );
    let shown = lead.project(id).expect("read").expect("project").next_step;
    assert_eq!(shown, "联合拜访");
    assert_eq!(
        lead.sync_dump().expect("dump"),
        officer.sync_dump().expect("dump")
    );
}

#[test]
fn this_files_own_edits_are_what_it_says_it_holds_and_what_it_sends() {
    let dir = tempfile::tempdir().expect("dir");
    let mut officer = Store::open(&dir.path().join("officer.db")).expect("officer");
    let mut lead = Store::open(&dir.path().join("lead.db")).expect("lead");
    let project = Project::new("生物医药产业园");
    let id = project.id;
    officer
        .write(&[Write::PutProject(project)])
        .expect("create");
    send(&mut officer, &mut lead);
    let site = officer.sync_site().expect("site");
    let held = officer.sync_heads().expect("heads")[&site];

    edit(&mut officer, id, |p| p.notes = "现场考察".into());
    assert_eq!(
        officer.sync_heads().expect("heads")[&site],
        held + 1,
        "the edit's entry counts in what this file acknowledges"
    );
    let mine = officer
        .sync_sites()
        .expect("sites")
        .into_iter()
        .find(|s| s.is_local)
        .expect("own site");
    assert_eq!(mine.max_seq, held + 1, "the 同步 screen shows it too");

    send(&mut officer, &mut lead);
    assert_eq!(
        lead.project(id).expect("read").expect("project").notes,
        "现场考察",
        "the next bundle carries the edit"
    );
    assert_eq!(lead.sync_heads().expect("heads")[&site], held + 1);
}
