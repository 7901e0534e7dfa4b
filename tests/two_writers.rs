//! Two writers on one ledger: each waits its turn instead of failing with "database is
//! locked", only a real timeout is an error, and two imports of one file at once add its
//! projects once and its new team once.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use zhaoshang::domain::Project;
use zhaoshang::i18n::{Lang, store_error_text};
use zhaoshang::store::{BusyWait, Store, StoreError, Write};

const BIN: &str = env!("CARGO_BIN_EXE_zhaoshang");

fn import(db: &Path, file: &Path) -> std::process::Child {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .arg("import")
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Holds the ledger's write lock from another connection for `hold`, on a thread.
fn hold_write_lock(db: &Path, hold: Duration) -> std::thread::JoinHandle<()> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    std::thread::spawn(move || {
        std::thread::sleep(hold);
        conn.execute_batch("COMMIT").unwrap();
    })
}

/// Both imports start while a third program holds the lock, so both check the file against
/// the same ledger and then queue for the write.
fn import_twice_at_once(db: &Path, first: &Path, second: &Path) -> (Output, Output) {
    drop(Store::open(db).unwrap());
    let holder = hold_write_lock(db, Duration::from_millis(1500));
    let a = import(db, first);
    let b = import(db, second);
    let a = a.wait_with_output().unwrap();
    let b = b.wait_with_output().unwrap();
    holder.join().unwrap();
    (a, b)
}

#[test]
fn two_imports_of_one_file_at_once_add_its_projects_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = "项目名称,投资主体,总投资(万元),阶段,招商队伍\n".to_string();
    for i in 0..30 {
        csv.push_str(&format!(
            "储能项目{i},新能源企业{i}有限公司,{},在谈,产业一组\n",
            1000 + i
        ));
    }
    let file = dir.path().join("台账.csv");
    std::fs::write(&file, csv).unwrap();
    let db = dir.path().join("zone.db");
    let (a, b) = import_twice_at_once(&db, &file, &file);
    assert!(a.status.success(), "{}", text(&a));
    assert!(b.status.success(), "{}", text(&b));
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.project_count().unwrap(),
        30,
        "{}\n{}",
        text(&a),
        text(&b)
    );
    let teams = store.teams().unwrap();
    assert_eq!(teams.iter().filter(|t| t.name == "产业一组").count(), 1);
    // One of them says it added 30 and the other that it skipped 30.
    let said = format!("{}\n{}", text(&a), text(&b));
    assert!(said.contains("新增 30 个项目"), "{said}");
    assert!(said.contains("跳过 30 个"), "{said}");
}

#[test]
fn two_imports_naming_one_new_team_make_one_team() {
    let dir = tempfile::tempdir().unwrap();
    let header = "项目名称,投资主体,总投资(万元),阶段,招商队伍\n";
    let first = dir.path().join("一.csv");
    let second = dir.path().join("二.csv");
    std::fs::write(
        &first,
        format!("{header}氢能重卡项目,氢途科技,5000,在谈,新组建专班\n"),
    )
    .unwrap();
    std::fs::write(
        &second,
        format!("{header}固态电池项目,固锂新能源,8000,已签约,新组建专班\n"),
    )
    .unwrap();
    let db = dir.path().join("zone.db");
    let (a, b) = import_twice_at_once(&db, &first, &second);
    assert!(a.status.success(), "{}", text(&a));
    assert!(b.status.success(), "{}", text(&b));
    let store = Store::open(&db).unwrap();
    let teams: Vec<_> = store
        .teams()
        .unwrap()
        .into_iter()
        .filter(|t| t.name == "新组建专班")
        .collect();
    assert_eq!(teams.len(), 1, "{}\n{}", text(&a), text(&b));
    let projects = store.all_projects().unwrap();
    assert_eq!(projects.len(), 2);
    assert!(projects.iter().all(|p| p.team_id == Some(teams[0].id)));
}

#[test]
fn a_writer_waits_for_another_programs_write_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zone.db");
    let mut store = Store::open(&db).unwrap();
    let heard = Arc::new(Mutex::new(Vec::new()));
    let sink = heard.clone();
    store.set_busy_notifier(move |wait| sink.lock().unwrap().push(wait));
    let holder = hold_write_lock(&db, Duration::from_millis(800));
    store
        .write(&[Write::PutProject(Project::new("等待后写入"))])
        .unwrap();
    holder.join().unwrap();
    assert_eq!(store.project_count().unwrap(), 1);
    let heard = heard.lock().unwrap();
    assert!(
        matches!(heard.first(), Some(BusyWait::Waiting { .. })),
        "{heard:?}"
    );
    assert_eq!(heard.last(), Some(&BusyWait::Over));
}

#[test]
fn a_real_timeout_is_a_clear_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zone.db");
    let mut store = Store::open(&db).unwrap();
    store.set_busy_limit(Duration::from_millis(300));
    let holder = hold_write_lock(&db, Duration::from_secs(2));
    let error = store
        .write(&[Write::PutProject(Project::new("不应写入"))])
        .unwrap_err();
    assert!(matches!(error, StoreError::Busy { .. }), "{error:?}");
    let words = store_error_text(Lang::Zh, &error);
    assert!(words.contains("另一个程序正在写入"), "{words}");
    assert!(words.contains("未写入任何数据"), "{words}");
    holder.join().unwrap();
    assert_eq!(store.project_count().unwrap(), 0);
    // Once the other program is done, the same store writes.
    store
        .write(&[Write::PutProject(Project::new("稍后写入"))])
        .unwrap();
    assert_eq!(store.project_count().unwrap(), 1);
}

#[test]
fn two_large_writes_at_once_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zone.db");
    drop(Store::open(&db).unwrap());
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let writers: Vec<_> = (0..2u64)
        .map(|seed| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&db).unwrap();
                let demo = zhaoshang::demo::generate(2_500, seed, day);
                let mut writes: Vec<Write> = demo.teams.into_iter().map(Write::PutTeam).collect();
                writes.extend(demo.officers.into_iter().map(Write::PutOfficer));
                writes.extend(demo.projects.into_iter().map(Write::PutProject));
                store.write(&writes)
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap().unwrap();
    }
    assert_eq!(Store::open(&db).unwrap().project_count().unwrap(), 5_000);
}
