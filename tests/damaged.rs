//! The damaged-file matrix through the command line: each unsafe or unreadable ledger gets a
//! clear message and a non-zero exit, no panic, and keeps every byte (hash before and after);
//! nothing is left beside it. A read-only ledger is read, and a write to it refused.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use zhaoshang::store::migrations::LATEST_VERSION;
use zhaoshang::store::{Store, Write};

const BIN: &str = env!("CARGO_BIN_EXE_zhaoshang");

fn run(db: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// FNV-1a of the bytes, or of "a directory".
fn hash(path: &Path) -> u64 {
    let bytes = fs::read(path).unwrap_or_else(|_| b"<directory>".to_vec());
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn healthy(path: &Path, projects: usize) {
    let mut store = Store::open(path).unwrap();
    let demo = zhaoshang::demo::generate(
        projects,
        5,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    );
    let mut writes: Vec<Write> = demo.teams.into_iter().map(Write::PutTeam).collect();
    writes.extend(demo.officers.into_iter().map(Write::PutOfficer));
    writes.extend(demo.projects.into_iter().map(Write::PutProject));
    store.write(&writes).unwrap();
}

/// Every case: (name, how to make it, the words the message must have).
fn cases(dir: &Path) -> Vec<(&'static str, PathBuf, &'static str)> {
    let mut out = Vec::new();
    let at = |name: &str| dir.join(name);

    let p = at("empty.db");
    fs::write(&p, b"").unwrap();
    out.push(("0-byte", p, "0字节"));

    let p = at("text.db");
    fs::write(&p, "项目名称,总投资\n上汽大通,50亿\n".repeat(30)).unwrap();
    out.push(("text", p, "不是数据库"));

    let p = at("cut.db");
    healthy(&p, 300);
    let bytes = fs::read(&p).unwrap();
    fs::write(&p, &bytes[..bytes.len() / 2]).unwrap();
    out.push(("truncated, no WAL", p, "不完整"));

    let p = at("zeroed.db");
    healthy(&p, 50);
    let mut bytes = fs::read(&p).unwrap();
    bytes[..100].fill(0);
    fs::write(&p, &bytes).unwrap();
    out.push(("zeroed header", p, "不是数据库"));

    let p = at("garbage.db");
    healthy(&p, 300);
    let mut bytes = fs::read(&p).unwrap();
    let middle = bytes.len() / 4096 / 2 * 4096;
    bytes[middle..middle + 4096].fill(0x5A);
    fs::write(&p, &bytes).unwrap();
    out.push(("a garbage page", p, "损坏"));

    let p = at("newer.db");
    healthy(&p, 5);
    {
        let conn = rusqlite::Connection::open(&p).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 3)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    out.push(("newer schema", p, "更新版本"));

    let p = at("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&p).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
            .unwrap();
    }
    out.push(("another program's SQLite file", p, "其他软件"));

    let p = at("folder.db");
    fs::create_dir(&p).unwrap();
    out.push(("a directory", p, "无法"));
    out
}

#[test]
fn every_damaged_ledger_is_refused_with_words_and_keeps_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let cases = cases(dir.path());
    let before_listing = listing(dir.path());
    for (name, path, words) in &cases {
        let before = hash(path);
        for args in [&["target", "list"][..], &["demo", "--projects", "3"][..]] {
            let (ok, text) = run(path, args);
            if *name == "a garbage page" && args[0] == "target" {
                // A command that only reads skips the page-by-page check (a report answers at
                // once); SQLite refuses a damaged page only if the query reads it. Whatever
                // it says, it says it without a panic and without writing.
                assert!(!text.contains("panicked"), "{name}: {text}");
                assert_eq!(hash(path), before, "{name} {args:?}: bytes changed");
                continue;
            }
            assert!(!ok, "{name} {args:?}: exit 0\n{text}");
            assert!(text.contains(words), "{name} {args:?}: {text}");
            // What to do, on the command line (not "in Settings").
            if *name != "a garbage page" {
                assert!(text.contains("--db"), "{name} {args:?}: {text}");
                assert!(!text.contains("设置"), "{name} {args:?}: {text}");
            }
            assert!(text.contains(&path.display().to_string()), "{name}: {text}");
            assert!(!text.contains("panicked"), "{name}: {text}");
            assert_eq!(hash(path), before, "{name} {args:?}: bytes changed");
        }
    }
    assert_eq!(
        listing(dir.path()),
        before_listing,
        "something was left beside a file"
    );
}

#[test]
fn a_read_only_ledger_is_read_and_a_write_is_refused_with_words() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shared.db");
    healthy(&file, 20);
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
    let folder = dir.path().join("received");
    fs::create_dir(&folder).unwrap();
    let in_folder = folder.join("zone.db");
    healthy(&in_folder, 20);
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    for path in [&file, &in_folder] {
        let before = hash(path);
        let listed = listing(path.parent().unwrap());
        let (ok, text) = run(path, &["target", "list"]);
        assert!(ok, "{}: {text}", path.display());
        let (ok, text) = run(path, &["demo", "--projects", "3"]);
        assert!(!ok, "{text}");
        assert!(text.contains("只能读取"), "{text}");
        assert!(!text.contains("panicked"), "{text}");
        assert_eq!(hash(path), before);
        assert_eq!(listing(path.parent().unwrap()), listed);
        // A writable copy from the command line.
        let copy = dir.path().join(format!("copy-{}.db", listed.len()));
        let (ok, text) = run(path, &["save-copy", copy.to_str().unwrap()]);
        assert!(ok, "{text}");
        let (ok, text) = run(&copy, &["demo", "--projects", "3"]);
        assert!(ok, "{text}");
    }
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
}
