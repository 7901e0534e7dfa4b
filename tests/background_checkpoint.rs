//! The window's checkpoints on their own thread: the edits still reach the ledger file itself
//! (not only its write-ahead log) while the window is open, and closing loses nothing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use zhaoshang::app::Ledger;
use zhaoshang::domain::Project;
use zhaoshang::store::{Store, Write};

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// How many projects the ledger file alone holds, without its log: a copy of just the file,
/// as someone copying the .db while the window is open would get. `None` while a checkpoint
/// is writing the copy's pages (a torn copy) — then the caller asks again.
fn projects_in_the_file_alone(path: &Path, scratch: &Path) -> Option<i64> {
    let _ = std::fs::remove_file(sidecar(scratch, "-wal"));
    let _ = std::fs::remove_file(sidecar(scratch, "-shm"));
    std::fs::copy(path, scratch).ok()?;
    let conn = rusqlite::Connection::open(scratch).ok()?;
    let ok: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .ok()?;
    if ok != "ok" {
        return None;
    }
    conn.query_row("SELECT count(*) FROM projects", [], |r| r.get(0))
        .ok()
}

fn write_projects(store: &mut Store, writes: usize, per_write: usize) {
    for w in 0..writes {
        let batch: Vec<Write> = (0..per_write)
            .map(|i| {
                let mut project = Project::new(format!("后台检查点{w}-{i}"));
                project.notes = "回访记录".repeat(600);
                Write::PutProject(project)
            })
            .collect();
        store.write(&batch).unwrap();
    }
}

#[test]
fn the_window_s_edits_reach_the_file_itself_while_it_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("z.db");
    let mut store = Store::open_check_later(&path).unwrap();
    store.checkpoint_in_background().unwrap();
    assert!(store.checkpoints_in_background());
    // 400 commits of 10 projects with 7 KB of notes each: some 10,000 pages of log, ten times
    // what makes a commit ask for a checkpoint.
    let (writes, per_write) = (400, 10);
    write_projects(&mut store, writes, per_write);
    let total = (writes * per_write) as i64;
    // Everything but the log's last stretch (under 1,000 pages, a few hundred projects) must be
    // in the file itself: the commits asked, the thread copied. Without the thread nothing
    // would be, until the window closed.
    let scratch = dir.path().join("copy.db");
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = None;
    while Instant::now() < deadline {
        seen = projects_in_the_file_alone(&path, &scratch);
        if seen.is_some_and(|n| n >= total / 2) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let in_file = seen.unwrap_or(0);
    assert!(
        in_file >= total / 2,
        "the file alone holds {in_file} of {total} projects after 30 s"
    );
    // The store still sees everything, and after closing so does the file alone.
    assert_eq!(store.project_count().unwrap(), total);
    drop(store);
    assert!(
        !sidecar(&path, "-wal").exists(),
        "the log is left after close"
    );
    assert_eq!(projects_in_the_file_alone(&path, &scratch), Some(total));
}

#[test]
fn checkpointing_in_background_changes_nothing_for_a_store_in_memory_or_one_that_only_reads() {
    let mut memory = Store::in_memory().unwrap();
    memory.checkpoint_in_background().unwrap();
    assert!(!memory.checkpoints_in_background());
    write_projects(&mut memory, 3, 2);
    assert_eq!(memory.project_count().unwrap(), 6);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("z.db");
    let mut store = Store::open(&path).unwrap();
    write_projects(&mut store, 2, 2);
    drop(store);
    let mut reading = Store::open_to_read(&path).unwrap();
    reading.checkpoint_in_background().unwrap();
    assert!(!reading.checkpoints_in_background());
    assert_eq!(reading.project_count().unwrap(), 4);
}

#[test]
fn the_window_s_ledger_checkpoints_in_background() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("z.db");
    let (ledger, read) = Ledger::new(Store::open_check_later(&path).unwrap());
    read.unwrap();
    assert!(ledger.store().checkpoints_in_background());
    // A ledger in memory (the window with no file yet) has nothing to checkpoint.
    let (ledger, _) = Ledger::new(Store::in_memory().unwrap());
    assert!(!ledger.store().checkpoints_in_background());
}
