//! `Write::RestoreProjects`, the redo of a large import's additions (its undo step holds them by
//! id only): a deleted project comes back with the fields its row kept, is found by search
//! again, and the restore travels as a change like any other — a second file holding the
//! delete gets the project back and both files dump the same.

use zhaoshang::domain::{Money, Project};
use zhaoshang::store::{ProjectFilter, SortColumn, SortOrder, Store, Write};
use zhaoshang::sync;

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

fn send(from: &mut Store, to: &mut Store) {
    let to_site = to.sync_site().expect("site");
    let (bytes, _) = sync::export_bundle(from, Some(&to_site), None).expect("export");
    let bundle = sync::read_bundle(&bytes, None).expect("read");
    sync::apply(to, &bundle).expect("merge");
}

#[test]
fn a_restored_project_is_back_as_it_was_found_by_search_and_restored_in_the_other_file() {
    let dir = tempfile::tempdir().expect("dir");
    let mut officer = Store::open(&dir.path().join("officer.db")).expect("open");
    let mut lead = Store::open(&dir.path().join("lead.db")).expect("open");
    let mut project = Project::new("固态电池项目");
    project.company = "远景动力有限公司".into();
    project.investment = Some(Money::cny(3_000_000_000));
    project.notes = "已两次拜访".into();
    let id = project.id;
    officer
        .write(&[Write::PutProject(project.clone())])
        .expect("create");
    officer.write(&[Write::DeleteProject(id)]).expect("delete");
    send(&mut officer, &mut lead);
    assert_eq!(lead.project_count().unwrap(), 0, "the lead has the delete");
    assert_eq!(found(&officer, "远景"), 0);

    officer
        .write(&[Write::RestoreProjects(vec![id])])
        .expect("restore");
    assert_eq!(officer.project_count().unwrap(), 1);
    let back = officer.project(id).expect("read").expect("there");
    assert_eq!(back, project, "every field as it was before the delete");
    assert_eq!(found(&officer, "远景"), 1, "found by its company again");
    assert_eq!(found(&officer, "两次拜访"), 1, "and by its notes");

    // A second restore of a live project changes nothing, and logs nothing to send.
    let dump = officer.sync_dump().expect("dump");
    officer
        .write(&[Write::RestoreProjects(vec![id])])
        .expect("restore again");
    assert_eq!(officer.sync_dump().expect("dump"), dump);

    send(&mut officer, &mut lead);
    assert_eq!(lead.project_count().unwrap(), 1, "the restore travelled");
    assert_eq!(lead.project(id).expect("read"), Some(project));
    assert_eq!(found(&lead, "固态电池"), 1);
    // Once each has the other's entries, the two files hold the same.
    send(&mut lead, &mut officer);
    assert_eq!(
        lead.sync_dump().expect("dump"),
        officer.sync_dump().expect("dump")
    );
}
