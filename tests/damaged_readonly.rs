//! Ledgers that may only be read open for reading (a read-only file, folder or mount, a
//! backup) and keep every byte; a full disk says 磁盘已满 and leaves nothing behind; backups
//! are listed and restored as a copy beside the ledger.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use zhaoshang::domain::Project;
use zhaoshang::i18n::{Lang, open_error_text, store_error_text};
use zhaoshang::store::migrations::LATEST_VERSION;
use zhaoshang::store::{OpenError, ReadOnlyReason, Store, StoreError, Write, restore_backup};

fn ledger(path: &Path, projects: usize) {
    let mut store = Store::open(path).unwrap();
    let demo =
        zhaoshang::demo::generate(projects, 3, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    let mut writes: Vec<Write> = demo.teams.into_iter().map(Write::PutTeam).collect();
    writes.extend(demo.officers.into_iter().map(Write::PutOfficer));
    writes.extend(demo.projects.into_iter().map(Write::PutProject));
    store.write(&writes).unwrap();
}

/// A ledger at schema 4 (before the last migration), as an older version left it.
fn older_ledger(path: &Path, projects: usize) {
    ledger(path, projects);
    let conn = rusqlite::Connection::open(path).unwrap();
    // 11 made the triggers that write an entry its row holds.
    let triggers: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_held_%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!triggers.is_empty());
    for name in triggers {
        conn.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
    }
    // A version-4 file: what migrations 5 to 10 did, undone (10 made the kept 撞单' table, 9
    // the activities' derived tables, 8 the chains' and target companies', 7 the activities
    // table, 6 the change log's tables and a column, 5 dropped these indexes).
    conn.execute_batch(
        "DROP TABLE sync_duplicates;
         DROP TABLE activity_officers; DROP TABLE activity_projects; DROP TABLE activity_companies;
         DROP TABLE chains; DROP TABLE chain_nodes; DROP TABLE project_links;
         DROP TABLE target_companies;
         DROP TABLE activities;
         DROP TABLE sync_meta; DROP TABLE sync_log; DROP TABLE sync_sites;
         DROP TABLE sync_conflicts; DROP TABLE sync_receipts;
         ALTER TABLE projects DROP COLUMN merged_into;
         CREATE INDEX projects_signed ON projects(signed_date);
         CREATE INDEX projects_stage ON projects(stage);
         CREATE INDEX projects_team ON projects(team_id);
         CREATE INDEX projects_industry ON projects(industry);
         CREATE INDEX projects_amount ON projects(amount_cny);
         PRAGMA user_version = 4;",
    )
    .unwrap();
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn checked_read_only(path: &Path, why: ReadOnlyReason, rows: i64) {
    let before = fs::read(path).unwrap();
    let mut store = Store::open(path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.is_read_only(), Some(why));
    assert_eq!(store.project_count().unwrap(), rows);
    let refused = store.write(&[Write::PutProject(Project::new("不应写入"))]);
    assert!(matches!(refused, Err(StoreError::ReadOnly)), "{refused:?}");
    assert!(store_error_text(Lang::Zh, &StoreError::ReadOnly).contains("副本"));
    drop(store);
    assert_eq!(fs::read(path).unwrap(), before, "bytes changed");
}

#[test]
fn a_read_only_file_opens_read_only_and_saves_a_writable_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    ledger(&path, 40);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    checked_read_only(&path, ReadOnlyReason::File, 40);
    let store = Store::open(&path).unwrap();
    let copy = dir.path().join("mine.db");
    store.save_copy(&copy).unwrap();
    drop(store);
    let mut mine = Store::open(&copy).unwrap();
    assert_eq!(mine.is_read_only(), None);
    mine.write(&[Write::PutProject(Project::new("副本上新增"))])
        .unwrap();
    assert_eq!(mine.project_count().unwrap(), 41);
}

#[test]
fn a_ledger_in_a_read_only_folder_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("received");
    fs::create_dir(&folder).unwrap();
    let path = folder.join("zone.db");
    ledger(&path, 12);
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    checked_read_only(&path, ReadOnlyReason::Folder, 12);
    assert_eq!(files_in(&folder), vec!["zone.db".to_string()]);
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
}

/// A tmpfs mounted at `at` (root only); false where mounting is not allowed.
fn mount_tmpfs(at: &Path, options: &str) -> bool {
    fs::create_dir_all(at).unwrap();
    Command::new("mount")
        .args(["-t", "tmpfs", "-o", options, "tmpfs"])
        .arg(at)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn umount(at: &Path) {
    let _ = Command::new("umount").arg(at).output();
}

#[test]
fn a_ledger_on_a_read_only_mount_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("share");
    if !mount_tmpfs(&mount, "size=4m") {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let path = mount.join("zone.db");
    ledger(&path, 8);
    let remounted = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&mount)
        .status()
        .unwrap();
    assert!(remounted.success());
    checked_read_only(&path, ReadOnlyReason::Mount, 8);
    umount(&mount);
}

#[test]
fn a_full_ledger_says_the_disk_is_full_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zone.db");
    let mut store = Store::open(&path).unwrap();
    let pages: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store.limit_pages_for_tests(pages + 2).unwrap();
    let demo = zhaoshang::demo::generate(300, 3, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    let mut writes: Vec<Write> = demo.teams.into_iter().map(Write::PutTeam).collect();
    writes.extend(demo.officers.into_iter().map(Write::PutOfficer));
    writes.extend(demo.projects.into_iter().map(Write::PutProject));
    let error = store.write(&writes).unwrap_err();
    assert!(matches!(error, StoreError::DiskFull), "{error:?}");
    let words = store_error_text(Lang::Zh, &error);
    assert!(
        words.contains("磁盘已满") && words.contains("未写入任何数据"),
        "{words}"
    );
    assert_eq!(store.project_count().unwrap(), 0);
}

#[test]
fn a_real_full_disk_leaves_no_partial_backup() {
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("old.db");
    older_ledger(&made, 150);
    let size = fs::metadata(&made).unwrap().len();
    let mount = dir.path().join("tiny");
    // Room for the ledger and a little more, not for its backup too.
    if !mount_tmpfs(&mount, &format!("size={}k", size / 1024 + 48)) {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let path = mount.join("old.db");
    fs::copy(&made, &path).unwrap();
    let before = fs::read(&path).unwrap();
    let error = match Store::open(&path) {
        Err(e) => e,
        Ok(_) => {
            umount(&mount);
            panic!("migrated without room for its backup");
        }
    };
    let message = open_error_text(Lang::Zh, &error);
    let left = files_in(&mount);
    umount(&mount);
    assert!(matches!(error, OpenError::DiskFull { .. }), "{error:?}");
    assert!(message.contains("磁盘已满"), "{message}");
    assert_eq!(before.len() as u64, size);
    assert!(
        !left.iter().any(|f| f.ends_with(".bak")),
        "a partial backup stayed: {left:?}"
    );
}

fn the_backup(dir: &Path) -> PathBuf {
    let name = files_in(dir)
        .into_iter()
        .find(|f| f.ends_with(".bak"))
        .expect("a backup");
    dir.join(name)
}

#[test]
fn a_backup_opens_read_only_and_is_never_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zone.db");
    older_ledger(&path, 25);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let listed = store.backups();
    drop(store);
    let backup = the_backup(dir.path());
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].path, backup);
    assert_eq!(listed[0].version, 4);
    let before = fs::read(&backup).unwrap();
    checked_read_only(&backup, ReadOnlyReason::Backup, 25);
    assert_eq!(fs::read(&backup).unwrap(), before);
    // Still schema 4 on disk, and no backup of the backup.
    let version: i32 = rusqlite::Connection::open(&backup)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 4);
    assert_eq!(
        files_in(dir.path())
            .iter()
            .filter(|f| f.ends_with(".bak"))
            .count(),
        1
    );
}

#[test]
fn a_backup_is_restored_as_a_copy_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zone.db");
    older_ledger(&path, 25);
    drop(Store::open(&path).unwrap());
    let backup = the_backup(dir.path());
    let before = fs::read(&backup).unwrap();
    let restored = restore_backup(&backup).unwrap();
    assert_eq!(restored.parent(), backup.parent());
    assert!(
        restored
            .file_name()
            .unwrap()
            .to_string_lossy()
            .contains("恢复")
    );
    let mut store = Store::open(&restored).unwrap();
    assert_eq!(store.is_read_only(), None);
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(store.project_count().unwrap(), 25);
    store
        .write(&[Write::PutProject(Project::new("恢复后新增"))])
        .unwrap();
    assert!(store.migration_backup().is_none());
    drop(store);
    assert_eq!(fs::read(&backup).unwrap(), before);
    assert_eq!(
        files_in(dir.path())
            .iter()
            .filter(|f| f.ends_with(".bak"))
            .count(),
        1
    );
}

#[test]
fn an_empty_sqlite_file_claiming_schema_3_is_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
    }
    let before = fs::read(&path).unwrap();
    let error = match Store::open(&path) {
        Err(e) => e,
        Ok(_) => panic!("opened"),
    };
    let message = open_error_text(Lang::Zh, &error);
    assert!(message.contains("未作任何改动"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), before, "bytes changed");
    assert_eq!(files_in(dir.path()), vec!["odd.db".to_string()]);
}
