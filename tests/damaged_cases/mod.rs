//! The damaged-file matrix's files, shared by the command line's test (`damaged.rs`) and the
//! window's (`ui_damaged.rs`): each case made in a folder, with the words its refusal must
//! have, and the fingerprints that show a file kept every byte.
#![allow(dead_code)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use zhaoshang::store::migrations::LATEST_VERSION;
use zhaoshang::store::{Store, Write};

/// FNV-1a of the bytes, or of "a directory".
pub fn hash(path: &Path) -> u64 {
    let bytes = fs::read(path).unwrap_or_else(|_| b"<directory>".to_vec());
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

pub fn healthy(path: &Path, projects: usize) {
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
pub fn cases(dir: &Path) -> Vec<(&'static str, PathBuf, &'static str)> {
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

/// A read-only ledger file of 20 projects, and one of 20 in a read-only folder: `(file, the
/// one in the folder, the folder)`. Give the folder back its write bit (0o755) at the end.
pub fn read_only_cases(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let file = dir.join("shared.db");
    healthy(&file, 20);
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
    let folder = dir.join("received");
    fs::create_dir(&folder).unwrap();
    let in_folder = folder.join("zone.db");
    healthy(&in_folder, 20);
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    (file, in_folder, folder)
}
