//! The damaged-file matrix through the command line: each unsafe or unreadable ledger gets a
//! clear message and a non-zero exit, no panic, and keeps every byte (hash before and after);
//! nothing is left beside it. A read-only ledger is read, and a write to it refused.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

mod damaged_cases;

use damaged_cases::{cases, hash, listing, read_only_cases};

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
    let (file, in_folder, folder) = read_only_cases(dir.path());
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
