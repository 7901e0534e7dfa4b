//! A watched write (an import's commit) cancelled halfway lands nothing: no project, also
//! after the file is opened again; one not cancelled reports every row and lands whole. The
//! same for a large import's rows written packed (`Write::PutPackedProjects`).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use zhaoshang::domain::Project;
use zhaoshang::domain::packed::PackedProject;
use zhaoshang::store::{Store, StoreError, Write, WriteWatch};

/// Cancels once `after` rows are reported written.
struct StopAfter {
    after: usize,
    seen: AtomicUsize,
    stop: AtomicBool,
}

impl WriteWatch for StopAfter {
    fn written(&self, done: usize, _total: usize) {
        self.seen.store(done, Ordering::Relaxed);
        if done >= self.after {
            self.stop.store(true, Ordering::Relaxed);
        }
    }
    fn cancelled(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

fn writes(n: usize) -> Vec<Write> {
    (0..n)
        .map(|i| Write::PutProject(Project::new(format!("导入项目{i}"))))
        .collect()
}

/// `n` projects as a large import writes them: packed, in one write.
fn packed(n: usize) -> Vec<Write> {
    let rows = (0..n).map(|i| PackedProject::pack(&Project::new(format!("导入项目{i}"))));
    vec![Write::PutPackedProjects(rows.collect())]
}

#[test]
fn a_cancelled_commit_adds_no_project_to_the_ledger_file() {
    for (form, batch) in [("row by row", writes(5_000)), ("packed", packed(5_000))] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.db");
        let mut store = Store::open(&path).unwrap();
        store.write(&writes(10)).unwrap();
        let watch = StopAfter {
            after: 1_000,
            seen: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
        };
        let outcome = store.write_planned_watched(
            |_| Ok::<_, StoreError>((std::borrow::Cow::Borrowed(&batch[..]), ())),
            Some(&watch),
        );
        assert!(
            matches!(outcome, Err(StoreError::Cancelled)),
            "{form}: {outcome:?}"
        );
        assert_eq!(
            store.project_count().unwrap(),
            10,
            "{form}: no project added"
        );
        drop(store);
        // Opened again: still the ten projects, nothing of the cancelled write.
        let again = Store::open(&path).unwrap();
        assert_eq!(again.project_count().unwrap(), 10, "{form}");
    }
}

#[test]
fn a_watched_commit_not_cancelled_reports_every_row_and_lands_whole() {
    for (form, batch) in [("row by row", writes(3_000)), ("packed", packed(3_000))] {
        let mut store = Store::in_memory().unwrap();
        let watch = StopAfter {
            after: usize::MAX,
            seen: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
        };
        store
            .write_planned_watched(
                |_| Ok::<_, StoreError>((std::borrow::Cow::Borrowed(&batch[..]), ())),
                Some(&watch),
            )
            .unwrap();
        assert_eq!(watch.seen.load(Ordering::Relaxed), 3_000, "{form}");
        assert_eq!(store.project_count().unwrap(), 3_000, "{form}");
    }
}
