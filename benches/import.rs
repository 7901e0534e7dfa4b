//! Import/export benchmark on a generated 100,000-project ledger: export to .xlsx and .csv,
//! calamine alone reading the .xlsx, and our import (read, check, commit) of both files, with
//! the peak memory of each. Every phase runs in a child process of its own, so one phase's
//! memory does not count towards another's. Run with `cargo bench --bench import`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use zhaoshang::app::LedgerAction;

use calamine::Reader;
use chrono::NaiveDate;
use zhaoshang::app::AppState;
use zhaoshang::app::import::{check_file, existing, import_changes};
use zhaoshang::i18n::Lang;
use zhaoshang::io::import::{DuplicatePolicy, Progress};
use zhaoshang::store::{Store, Write};

const PROJECTS: usize = 100_000;

fn peak_memory_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn folder() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-import");
    std::fs::create_dir_all(&dir).expect("bench folder");
    dir
}

/// The demo ledger, written by the CLI in a child process and kept for reruns.
fn demo_ledger() -> PathBuf {
    let path = folder().join(format!("demo-{PROJECTS}.db"));
    if !path.exists() {
        let status = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
            .arg("--db")
            .arg(&path)
            .args(["demo", "--projects", &PROJECTS.to_string(), "--seed", "1"])
            .status()
            .expect("run zhaoshang demo");
        assert!(status.success(), "demo generation failed");
    }
    path
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
}

/// Child: export the whole demo ledger to `out` as the window does it: the ledger's keys on the
/// UI thread, then the projects read by one worker and written by another, overlapped; timed
/// from the click to the message that says it is done.
fn phase_export(db: &Path, out: &Path) {
    let store = Store::open(db).expect("open demo");
    let mut state = AppState::new(store, today(), Lang::Zh);
    let started = Instant::now();
    state.apply(LedgerAction::Export(out.to_path_buf()));
    while state.jobs.export.is_some() {
        state.prepare_frame();
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let secs = started.elapsed().as_secs_f64();
    let notice = state.notice.map(|n| n.text).unwrap_or_default();
    assert!(
        notice.contains(&format!("已导出 {PROJECTS} 个项目")),
        "{notice}"
    );
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    println!(
        "  export {:<5} {PROJECTS} rows: {secs:.2} s from the click to 已导出, {size:.1} MB, \
         peak memory {:.0} MB",
        out.extension().and_then(|e| e.to_str()).unwrap_or(""),
        peak_memory_mb()
    );
}

/// Child: calamine alone, opening the workbook and reading its first sheet.
fn phase_calamine(file: &Path) {
    let started = Instant::now();
    let mut book = calamine::open_workbook_auto(file).expect("open xlsx");
    let name = book.sheet_names().first().cloned().expect("a sheet");
    let range = book.worksheet_range(&name).expect("read sheet");
    let secs = started.elapsed().as_secs_f64();
    println!(
        "  calamine alone (open + read sheet, {} rows): {secs:.2} s, peak memory {:.0} MB",
        range.height(),
        peak_memory_mb()
    );
}

/// Child: our read and check alone (what the preview waits for), for the ratio to calamine: the
/// app's own entry point, which checks an .xlsx while it is still being parsed.
fn phase_check(file: &Path) {
    let current = zhaoshang::io::Existing::default();
    let t0 = Instant::now();
    let (_book, preview) =
        check_file(file, None, &current, &|_| None, &Progress::default()).expect("check");
    let secs = t0.elapsed().as_secs_f64();
    assert_eq!(preview.rows.len(), PROJECTS);
    println!("{secs}");
}

/// Child: our import into an empty ledger: read, check (preview), commit.
fn phase_import(file: &Path) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("target.db")).expect("target ledger");
    let current = existing(&store, chrono::Local::now().date_naive()).expect("existing");
    let t0 = Instant::now();
    let (book, preview) =
        check_file(file, None, &current, &|_| None, &Progress::default()).expect("check");
    let t2 = Instant::now();
    let after_preview = peak_memory_mb();
    let errors = preview.error_count();
    drop(book);
    let lookup = |id| store.project(id);
    let (changes, counts) =
        import_changes(preview, DuplicatePolicy::Skip, &current.industries, &lookup)
            .expect("changes");
    let writes: Vec<Write> = changes.iter().filter_map(|c| c.writes(true)).collect();
    let before_commit = peak_memory_mb();
    // As the window does it: the changes (kept for undo) and their writes.
    store.write(&writes).expect("commit");
    let t3 = Instant::now();
    // The app hands the writes to the worker, which drops them when the write is done.
    drop(writes);
    let after_commit = peak_memory_mb();
    assert_eq!(store.project_count().unwrap_or(0) as usize, PROJECTS);
    // 撤销 right after: the import's one undo step, written the way the app writes it.
    let undo: Vec<Write> = changes
        .iter()
        .rev()
        .filter_map(|c| c.writes(false))
        .collect();
    store.write(&undo).expect("undo");
    let undo_secs = t3.elapsed().as_secs_f64();
    assert_eq!(store.project_count().unwrap_or(-1), 0);
    drop(changes);
    let read = (t2 - t0).as_secs_f64();
    let commit = (t3 - t2).as_secs_f64();
    println!(
        "  import {:<5} {} rows ({} errors): read + check (the preview) {read:.2} s, \
         commit {commit:.2} s, total {:.2} s, peak memory {after_commit:.0} MB \
         (after the preview {after_preview:.0}, before commit {before_commit:.0}); \
         then 撤销 {undo_secs:.2} s (peak with it {:.0} MB)",
        file.extension().and_then(|e| e.to_str()).unwrap_or(""),
        counts.new,
        errors,
        read + commit,
        peak_memory_mb()
    );
}

fn child(args: &[&str]) -> String {
    let out = Command::new(std::env::current_exe().expect("own path"))
        .args(args)
        .output()
        .expect("run phase");
    assert!(
        out.status.success(),
        "phase {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--phase") {
        let arg = |i: usize| PathBuf::from(args.get(at + i).cloned().unwrap_or_default());
        match args.get(at + 1).map(String::as_str) {
            Some("export") => phase_export(&arg(2), &arg(3)),
            Some("calamine") => phase_calamine(&arg(2)),
            Some("import") => phase_import(&arg(2)),
            Some("check") => phase_check(&arg(2)),
            other => panic!("unknown phase {other:?}"),
        }
        return;
    }
    println!("import/export of {PROJECTS} projects (release build)");
    let db = demo_ledger();
    let xlsx = folder().join("ledger.xlsx");
    let csv = folder().join("ledger.csv");
    let db_text = db.display().to_string();
    for out in [&xlsx, &csv] {
        print!(
            "{}",
            child(&["--phase", "export", &db_text, &out.display().to_string()])
        );
    }
    let x = xlsx.display().to_string();
    print!("{}", child(&["--phase", "calamine", &x]));
    print!("{}", child(&["--phase", "import", &x]));
    print!(
        "{}",
        child(&["--phase", "import", &csv.display().to_string()])
    );
    // The ratio asked for, on a shared machine: calamine alone and our parse+preview of the
    // same .xlsx, alternated five times, medians compared.
    let mut base = Vec::new();
    let mut ours = Vec::new();
    for _ in 0..5 {
        let text = child(&["--phase", "calamine", &x]);
        if let Some(secs) = text
            .split("):")
            .nth(1)
            .and_then(|t| t.trim_start().split(' ').next())
            .and_then(|t| t.parse::<f64>().ok())
        {
            base.push(secs);
        }
        if let Ok(secs) = child(&["--phase", "check", &x]).trim().parse::<f64>() {
            ours.push(secs);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let (b, o) = (median(&mut base), median(&mut ours));
    println!(
        "  xlsx, median of 5 alternated runs: calamine alone {b:.2} s, our parse+preview {o:.2} s = {:.2}×",
        o / b
    );
}
