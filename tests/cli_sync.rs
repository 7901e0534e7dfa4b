//! The 同步 commands as a script or a user at a terminal runs them: `bundle export|merge`,
//! `conflicts list|resolve`, `sync status`, and a merge killed halfway.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use zhaoshang::store::{Store, Write};

fn zhaoshang(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhaoshang"));
    c.arg("--db").arg(db);
    c
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn run(db: &Path, args: &[&str]) -> String {
    ok(zhaoshang(db).args(args).output().expect("run"))
}

fn site_of(db: &Path) -> String {
    Store::open(db).expect("open").sync_site().expect("site")
}

#[test]
fn export_preview_merge_twice_conflict_and_status() {
    let dir = tempfile::tempdir().expect("dir");
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    run(&a, &["demo", "--projects", "40", "--seed", "3"]);
    drop(Store::open(&b).expect("create b"));
    let bundle = dir.path().join("a-to-b.zsync");
    let b_site = site_of(&b);
    let out = run(
        &a,
        &[
            "bundle",
            "export",
            "--out",
            bundle.to_str().expect("p"),
            "--for",
            &b_site,
        ],
    );
    assert!(out.contains("已导出同步包"), "{out}");

    let preview = run(
        &b,
        &[
            "bundle",
            "merge",
            bundle.to_str().expect("p"),
            "--dry-run",
            "--format",
            "json",
        ],
    );
    let preview: serde_json::Value = serde_json::from_str(&preview).expect("json");
    assert_eq!(
        preview["report"]["tables"]["projects"]["new"], 40,
        "{preview}"
    );
    assert_eq!(Store::open(&b).expect("b").project_count().expect("n"), 0);

    let merged = run(&b, &["bundle", "merge", bundle.to_str().expect("p")]);
    assert!(
        merged.contains("已合并") && merged.contains("新增 40"),
        "{merged}"
    );
    assert_eq!(Store::open(&b).expect("b").project_count().expect("n"), 40);
    let again = run(&b, &["bundle", "merge", bundle.to_str().expect("p")]);
    assert!(again.contains("没有新的变更"), "{again}");

    // Both files change the same project's jobs: a conflict on each side once exchanged.
    let id = Store::open(&a).expect("a").all_projects().expect("all")[0].id;
    for (db, jobs) in [(&a, 120), (&b, 250)] {
        let mut store = Store::open(db).expect("open");
        let mut p = store.project(id).expect("r").expect("p");
        p.jobs = Some(jobs);
        store.write(&[Write::PutProject(p)]).expect("edit");
    }
    let to_a = dir.path().join("b-to-a.zsync");
    let a_site = site_of(&a);
    run(
        &b,
        &[
            "bundle",
            "export",
            "--out",
            to_a.to_str().expect("p"),
            "--for",
            &a_site,
        ],
    );
    run(&a, &["bundle", "merge", to_a.to_str().expect("p")]);
    let list = run(&a, &["conflicts", "list"]);
    let line = list
        .lines()
        .find(|l| l.contains("jobs"))
        .expect("jobs conflict");
    assert!(
        line.contains("我的: 120") && line.contains("对方: 250"),
        "{line}"
    );
    let conflict_id = line.split('\t').next().expect("id");
    run(&a, &["conflicts", "resolve", conflict_id, "theirs"]);
    assert!(run(&a, &["conflicts", "list"]).contains("没有冲突"));
    assert_eq!(
        Store::open(&a)
            .expect("a")
            .project(id)
            .expect("r")
            .expect("p")
            .jobs,
        Some(250)
    );
    // The choice travels to b, and b's conflict is settled too.
    let back = dir.path().join("a-to-b-2.zsync");
    run(
        &a,
        &[
            "bundle",
            "export",
            "--out",
            back.to_str().expect("p"),
            "--for",
            &b_site,
        ],
    );
    run(&b, &["bundle", "merge", back.to_str().expect("p")]);
    assert!(run(&b, &["conflicts", "list"]).contains("没有冲突"));

    let status = run(&a, &["sync", "status"]);
    assert!(
        status.contains(&b_site) && status.contains("本文件"),
        "{status}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&a, &["sync", "status", "--format", "json"])).expect("json");
    assert_eq!(json.as_array().expect("sites").len(), 2);
}

#[test]
fn an_encrypted_bundle_needs_the_passphrase() {
    let dir = tempfile::tempdir().expect("dir");
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    run(&a, &["demo", "--projects", "5", "--seed", "4"]);
    let bundle = dir.path().join("a.zsync");
    ok(zhaoshang(&a)
        .args(["bundle", "export", "--out", bundle.to_str().expect("p")])
        .args(["--passphrase-env", "ZS_TEAM_PASS"])
        .env("ZS_TEAM_PASS", "组里的口令")
        .output()
        .expect("run"));
    let out = zhaoshang(&b)
        .args(["bundle", "merge", bundle.to_str().expect("p")])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("口令"));
    let out = zhaoshang(&b)
        .args(["bundle", "merge", bundle.to_str().expect("p")])
        .args(["--passphrase-env", "ZS_TEAM_PASS"])
        .env("ZS_TEAM_PASS", "别的口令")
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("口令不对"));
    let merged = ok(zhaoshang(&b)
        .args(["bundle", "merge", bundle.to_str().expect("p")])
        .args(["--passphrase-env", "ZS_TEAM_PASS"])
        .env("ZS_TEAM_PASS", "组里的口令")
        .output()
        .expect("run"));
    assert!(merged.contains("新增 5"), "{merged}");
}

/// `--lang en` speaks English in the 同步 commands too: the refusals, the preview and the
/// missing passphrase variable.
#[test]
fn the_sync_commands_speak_the_language_asked_for() {
    let dir = tempfile::tempdir().expect("dir");
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    run(&a, &["demo", "--projects", "3", "--seed", "9"]);
    let bundle = dir.path().join("a.zsync");
    run(
        &a,
        &["bundle", "export", "--out", bundle.to_str().expect("p")],
    );
    let not_bundle = dir.path().join("notes.txt");
    std::fs::write(&not_bundle, "not a bundle at all").expect("write");
    let out = zhaoshang(&b)
        .args([
            "--lang",
            "en",
            "bundle",
            "merge",
            not_bundle.to_str().expect("p"),
        ])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("not a sync bundle"), "{said}");
    let out = zhaoshang(&b)
        .args([
            "--lang",
            "en",
            "bundle",
            "merge",
            bundle.to_str().expect("p"),
        ])
        .args(["--passphrase-env", "ZS_UNSET_PASSPHRASE_VAR"])
        .output()
        .expect("run");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("ZS_UNSET_PASSPHRASE_VAR") && said.contains("not set"),
        "{said}"
    );
    let preview = ok(zhaoshang(&b)
        .args([
            "--lang",
            "en",
            "bundle",
            "merge",
            bundle.to_str().expect("p"),
            "--dry-run",
        ])
        .output()
        .expect("run"));
    assert!(preview.contains("Preview (nothing written)"), "{preview}");
    assert!(
        !preview
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{preview}"
    );
}

/// kill -9 at several moments of a large merge: the file opens, and holds either nothing of
/// the bundle or all of it. The moments are fractions of an unhurried merge's own time, so
/// they fall inside the merge however loaded the machine is.
#[test]
fn a_merge_killed_halfway_leaves_the_file_before_or_after() {
    let dir = tempfile::tempdir().expect("dir");
    let a = dir.path().join("a.db");
    let n = 3_000;
    run(&a, &["demo", "--projects", &n.to_string(), "--seed", "5"]);
    let bundle = dir.path().join("a.zsync");
    run(
        &a,
        &["bundle", "export", "--out", bundle.to_str().expect("p")],
    );
    let a_site = site_of(&a);
    let full = Store::open(&a).expect("a").sync_heads().expect("heads")[&a_site];
    let merge = |b: &Path| {
        drop(Store::open(b).expect("create"));
        zhaoshang(b)
            .args(["bundle", "merge", bundle.to_str().expect("p")])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("spawn")
    };
    let check = |b: &Path| -> bool {
        let store = Store::open(b).expect("the file opens after kill -9");
        let count = store.project_count().expect("count");
        let held = store.sync_heads().expect("heads").get(&a_site).copied();
        let receipts = store.sync_receipts().expect("receipts").len();
        match held {
            None => {
                assert_eq!((count, receipts), (0, 0), "before: nothing of the bundle");
                false
            }
            Some(seq) => {
                assert_eq!((seq, count as usize, receipts), (full, n, 1), "after: all");
                true
            }
        }
    };
    let unhurried = dir.path().join("b-full.db");
    let mut child = merge(&unhurried);
    let started = Instant::now();
    assert!(child.wait().expect("wait").success());
    let took = started.elapsed();
    assert!(check(&unhurried), "an unhurried merge completes");
    let mut outcomes = Vec::new();
    for (i, fraction) in [0.05, 0.2, 0.4, 0.6, 0.8, 0.95].iter().enumerate() {
        let b = dir.path().join(format!("b{i}.db"));
        let mut child = merge(&b);
        let deadline = Instant::now() + took.mul_f64(*fraction);
        while Instant::now() < deadline && child.try_wait().expect("wait").is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = child.kill();
        let _ = child.wait();
        outcomes.push(check(&b));
    }
    eprintln!("merge took {took:?}; killed at 5…95%: after = {outcomes:?}");
}

/// Writes a bundle of everything `from` holds for `to`, and merges it there.
fn send(dir: &Path, from: &Path, to: &Path, name: &str) {
    let bundle = dir.join(name);
    let to_site = site_of(to);
    run(
        from,
        &[
            "bundle",
            "export",
            "--out",
            bundle.to_str().expect("p"),
            "--for",
            &to_site,
        ],
    );
    run(to, &["bundle", "merge", bundle.to_str().expect("p")]);
}

fn amount(db: &Path, id: uuid::Uuid) -> Option<i64> {
    let store = Store::open(db).expect("open");
    let p = store.project(id).expect("read").expect("there");
    p.investment.map(|m| m.units)
}

#[test]
fn a_conflict_settled_by_a_typed_value_travels_and_a_bad_value_writes_nothing() {
    use zhaoshang::domain::{Currency, Money, Project};
    let dir = tempfile::tempdir().expect("dir");
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let mut p = Project::new("新能源电池项目");
    p.investment = Some(Money {
        units: 50_000_000,
        currency: Currency::Cny,
    });
    let id = p.id;
    Store::open(&a)
        .expect("a")
        .write(&[Write::PutProject(p.clone())])
        .expect("written");
    drop(Store::open(&b).expect("create b"));
    send(dir.path(), &a, &b, "a-to-b.zsync");
    // Both change the amount; b's change reaches a: a conflict there.
    for (db, units) in [(&a, 55_000_000), (&b, 60_000_000)] {
        let mut store = Store::open(db).expect("open");
        let mut p = store.project(id).expect("r").expect("p");
        p.investment = Some(Money {
            units,
            currency: Currency::Cny,
        });
        store.write(&[Write::PutProject(p)]).expect("edit");
    }
    send(dir.path(), &b, &a, "b-to-a.zsync");
    let list = run(&a, &["conflicts", "list"]);
    let line = list
        .lines()
        .find(|l| l.contains("amount"))
        .expect("amount conflict");
    let conflict_id = line.split('\t').next().expect("id").to_owned();
    let shown = amount(&a, id);

    // A bad value: a clear message, a non-zero exit, the conflict still there.
    let out = zhaoshang(&a)
        .args(["conflicts", "resolve", &conflict_id, "--value", "五千万"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("未写入任何数据") && stderr.contains("无法识别的金额"),
        "{stderr}"
    );
    assert!(run(&a, &["conflicts", "list"]).contains("amount"));
    assert_eq!(amount(&a, id), shown, "nothing written");

    // 3000万, read as the window reads it: exact.
    let out = run(
        &a,
        &["conflicts", "resolve", &conflict_id, "--value", "3000万"],
    );
    assert!(out.contains("冲突已解决"), "{out}");
    assert_eq!(amount(&a, id), Some(30_000_000));
    assert!(run(&a, &["conflicts", "list"]).contains("没有冲突"));

    // The edited choice travels: b gets the same value, with no conflict of its own.
    send(dir.path(), &a, &b, "a-to-b-2.zsync");
    assert_eq!(amount(&b, id), Some(30_000_000));
    assert!(run(&b, &["conflicts", "list"]).contains("没有冲突"));
    // And b's bundle back changes nothing in a.
    send(dir.path(), &b, &a, "b-to-a-2.zsync");
    assert_eq!(amount(&a, id), Some(30_000_000));
    assert!(run(&a, &["conflicts", "list"]).contains("没有冲突"));
}

#[test]
fn conflicts_list_names_the_possible_duplicates_a_merge_kept() {
    use zhaoshang::domain::Project;
    let dir = tempfile::tempdir().expect("dir");
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    for (db, name) in [(&a, "电池项目"), (&b, "新能源电池项目")] {
        let mut p = Project::new(name);
        p.credit_code = "91320000MA1XYZ0009".into();
        Store::open(db)
            .expect("open")
            .write(&[Write::PutProject(p)])
            .expect("written");
    }
    send(dir.path(), &b, &a, "b-to-a.zsync");
    let list = run(&a, &["conflicts", "list"]);
    assert!(
        list.contains("没有冲突") && list.contains("可能撞单: 新能源电池项目 ↔ 电池项目"),
        "{list}"
    );
}
