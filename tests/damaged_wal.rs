//! A ledger that survived a crash during a WAL checkpoint opens with every row; a file cut
//! short with nothing beside it to recover from is still refused.
//!
//! The crash is built, not waited for: a checkpoint copies the WAL's pages into the file in
//! page order, page 1 (the header, with the new page count) first, so a kill in the middle
//! leaves a file shorter than its header says and the whole WAL beside it.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use zhaoshang::store::{OpenError, Store, Write};

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes `projects` demo projects in one transaction.
fn add_projects(store: &mut Store, projects: usize, seed: u64) {
    let demo = zhaoshang::demo::generate(
        projects,
        seed,
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    );
    let mut writes: Vec<Write> = demo.teams.into_iter().map(Write::PutTeam).collect();
    writes.extend(demo.officers.into_iter().map(Write::PutOfficer));
    writes.extend(demo.projects.into_iter().map(Write::PutProject));
    store.write(&writes).unwrap();
}

/// The newest committed copy of each page in `wal`, by page number.
fn wal_pages(wal: &[u8]) -> (usize, std::collections::BTreeMap<u32, Vec<u8>>) {
    let page_size = u32::from_be_bytes(wal[8..12].try_into().unwrap()) as usize;
    let salts = &wal[16..24];
    let mut pages = std::collections::BTreeMap::new();
    let mut pending = Vec::new();
    let mut at = 32;
    while at + 24 + page_size <= wal.len() {
        let frame = &wal[at..at + 24 + page_size];
        if &frame[8..16] != salts {
            break;
        }
        let page = u32::from_be_bytes(frame[0..4].try_into().unwrap());
        let commit = u32::from_be_bytes(frame[4..8].try_into().unwrap());
        pending.push((page, frame[24..].to_vec()));
        if commit != 0 {
            pages.extend(pending.drain(..));
        }
        at += 24 + page_size;
    }
    (page_size, pages)
}

/// A ledger as a kill during the checkpoint of a large write leaves it: the file holds the
/// header and the first pages written back, the WAL holds everything. Returns the row count.
fn crashed_mid_checkpoint(dir: &Path) -> (PathBuf, i64) {
    let live = dir.join("live.db");
    {
        let mut store = Store::open(&live).unwrap();
        add_projects(&mut store, 20, 1);
    }
    let mut store = Store::open(&live).unwrap();
    add_projects(&mut store, 400, 2);
    let rows = store.project_count().unwrap();
    // The state a kill -9 leaves: the file and its WAL as they are on disk now.
    let crashed = dir.join("crashed.db");
    fs::copy(&live, &crashed).unwrap();
    fs::copy(sidecar(&live, "-wal"), sidecar(&crashed, "-wal")).unwrap();
    drop(store);

    let wal = fs::read(sidecar(&crashed, "-wal")).unwrap();
    let (page_size, pages) = wal_pages(&wal);
    let mut file = fs::read(&crashed).unwrap();
    let had = file.len() / page_size;
    let header = &pages[&1];
    let claims = u32::from_be_bytes(header[28..32].try_into().unwrap()) as usize;
    assert!(
        claims > had + 4,
        "the write should grow the file: {had} → {claims} pages"
    );
    // Page 1, then pages in order, up to half of the growth: the checkpoint was cut there.
    let stop = had + (claims - had) / 2;
    for (&page, bytes) in pages.iter().filter(|(p, _)| (**p as usize) <= stop) {
        let at = (page as usize - 1) * page_size;
        if file.len() < at + page_size {
            file.resize(at + page_size, 0);
        }
        file[at..at + page_size].copy_from_slice(bytes);
    }
    fs::write(&crashed, &file).unwrap();
    assert!((file.len() as u64) < (claims * page_size) as u64);
    (crashed, rows)
}

/// SQLite's own verdict, on a copy (recovery writes).
fn sqlite_says(path: &Path, scratch: &Path) -> (String, i64) {
    fs::copy(path, scratch).unwrap();
    let wal = sidecar(path, "-wal");
    if wal.exists() {
        fs::copy(&wal, sidecar(scratch, "-wal")).unwrap();
    }
    let conn = rusqlite::Connection::open(scratch).unwrap();
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let rows: i64 = conn
        .query_row(
            "SELECT count(*) FROM projects WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap_or(-1);
    (verdict, rows)
}

#[test]
fn a_ledger_killed_during_a_checkpoint_opens_with_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let (crashed, rows) = crashed_mid_checkpoint(dir.path());
    assert_eq!(
        sqlite_says(&crashed, &dir.path().join("scratch.db")),
        ("ok".to_string(), rows)
    );
    let store = match Store::open(&crashed) {
        Ok(store) => store,
        Err(e) => panic!("a whole ledger was refused: {e}"),
    };
    assert_eq!(store.project_count().unwrap(), rows);
    drop(store);
    // Opened once, it is an ordinary ledger again.
    assert_eq!(
        Store::open(&crashed).unwrap().project_count().unwrap(),
        rows
    );
}

#[test]
fn the_window_and_a_reading_command_open_it_too() {
    let dir = tempfile::tempdir().unwrap();
    let (crashed, rows) = crashed_mid_checkpoint(dir.path());
    let mut later = Store::open_check_later(&crashed).unwrap();
    assert_eq!(later.project_count().unwrap(), rows);
    later
        .write(&[Write::PutProject(zhaoshang::domain::Project::new(
            "恢复后新增",
        ))])
        .unwrap();
    assert!(later.integrity_problem().is_none());
    drop(later);
    let reader = Store::open_to_read(&crashed).unwrap();
    assert_eq!(reader.project_count().unwrap(), rows + 1);
}

#[test]
fn a_cut_file_without_its_wal_is_still_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (crashed, _) = crashed_mid_checkpoint(dir.path());
    fs::remove_file(sidecar(&crashed, "-wal")).unwrap();
    let before = fs::read(&crashed).unwrap();
    match Store::open(&crashed) {
        Err(OpenError::Truncated { .. }) => {}
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(_) => panic!("a cut-off file opened"),
    }
    assert_eq!(fs::read(&crashed).unwrap(), before);
}

#[test]
fn an_empty_wal_beside_a_cut_file_does_not_excuse_it() {
    let dir = tempfile::tempdir().unwrap();
    let (crashed, _) = crashed_mid_checkpoint(dir.path());
    let wal = sidecar(&crashed, "-wal");
    let header = fs::read(&wal).unwrap()[..32].to_vec();
    fs::write(&wal, header).unwrap();
    assert!(matches!(
        Store::open(&crashed),
        Err(OpenError::Truncated { .. })
    ));
}

/// A ledger as a kill in the middle of a rollback-journal write leaves it (the switch to WAL
/// right after a ledger is made is one): the file already holds some of the write's pages and
/// the hot journal beside it holds the pages as they were. The crash image is copied while
/// the write is still open on a connection of its own.
fn crashed_mid_rollback_write(dir: &Path) -> (PathBuf, i64) {
    let live = dir.join("journal-live.db");
    let committed = {
        let mut store = Store::open(&live).unwrap();
        add_projects(&mut store, 40, 11);
        store.project_count().unwrap()
    };
    let conn = rusqlite::Connection::open(&live).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    // A tiny cache makes SQLite spill changed pages into the file before the commit.
    conn.pragma_update(None, "cache_size", 2).unwrap();
    conn.execute_batch(
        "BEGIN; CREATE TABLE cut_off(x); \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) \
         INSERT INTO cut_off SELECT randomblob(400) FROM n; \
         UPDATE projects SET name = name || '（未提交）';",
    )
    .unwrap();
    let crashed = dir.join("journal-crashed.db");
    fs::copy(&live, &crashed).unwrap();
    fs::copy(sidecar(&live, "-journal"), sidecar(&crashed, "-journal")).unwrap();
    drop(conn);
    (crashed, committed)
}

/// SQLite rolls a hot journal back and gives the last committed state; the ledger must open
/// (the window's and the command line's way), with every committed row and nothing of the
/// write that was cut off, and never be called read-only or damaged.
#[test]
fn a_ledger_killed_during_a_rollback_journal_write_opens_as_last_committed() {
    let dir = tempfile::tempdir().unwrap();
    let (crashed, committed) = crashed_mid_rollback_write(dir.path());
    assert!(
        fs::metadata(sidecar(&crashed, "-journal")).unwrap().len() > 512,
        "the crash image has a hot journal"
    );
    let store = Store::open(&crashed).unwrap_or_else(|e| panic!("refused: {e}"));
    assert_eq!(store.project_count().unwrap(), committed);
    assert!(store.is_read_only().is_none());
    drop(store);
    let uncommitted: i64 = rusqlite::Connection::open(&crashed)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM projects WHERE name LIKE '%未提交%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(uncommitted, 0);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .arg("--db")
        .arg(&crashed)
        .args(["target", "list"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
