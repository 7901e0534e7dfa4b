//! Import/export benchmark on a generated ledger (100,000 projects, or `IMPORT_ROWS`): export
//! to .xlsx and .csv, calamine alone reading the .xlsx, and our import (read, check, commit) of
//! both files, with the peak memory of each; then the window's whole import (read, check,
//! preview, commit with its progress) and the figures against issue 17's goals. Every phase runs
//! in a child process of its own, so one phase's memory does not count towards another's. Run
//! with `cargo bench --bench import`, or `IMPORT_ROWS=1000000 cargo bench --bench import`.

mod common;

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

/// The ledger's size: `IMPORT_ROWS`, else 100,000.
fn projects() -> usize {
    std::env::var("IMPORT_ROWS")
        .ok()
        .and_then(|n| n.replace('_', "").parse().ok())
        .unwrap_or(100_000)
}

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

/// Every allocation of this benchmark's processes counted: the bytes live now and the most
/// that were live at once, so the memory phase can say what each part of an import holds.
mod heap {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

    pub struct Counting;
    static LIVE: AtomicIsize = AtomicIsize::new(0);
    static PEAK: AtomicIsize = AtomicIsize::new(0);
    /// Counting only in the memory phase: two threads updating the counts at every
    /// allocation made the timed phases 20–40% slower.
    static ON: AtomicBool = AtomicBool::new(false);

    /// Counts from now on (what is freed later but was allocated before is not subtracted).
    pub fn start() {
        ON.store(true, Ordering::Relaxed);
    }

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc(layout) };
            if !p.is_null() && ON.load(Ordering::Relaxed) {
                let size = layout.size() as isize;
                let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
                PEAK.fetch_max(live, Ordering::Relaxed);
            }
            p
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) };
            if ON.load(Ordering::Relaxed) {
                LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
            }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let p = unsafe { System.realloc(ptr, layout, new_size) };
            if !p.is_null() && ON.load(Ordering::Relaxed) {
                if new_size >= layout.size() {
                    let grown = (new_size - layout.size()) as isize;
                    let live = LIVE.fetch_add(grown, Ordering::Relaxed) + grown;
                    PEAK.fetch_max(live, Ordering::Relaxed);
                } else {
                    LIVE.fetch_sub((layout.size() - new_size) as isize, Ordering::Relaxed);
                }
            }
            p
        }
    }

    /// Bytes allocated and not yet freed, in MB.
    pub fn live_mb() -> f64 {
        LIVE.load(Ordering::Relaxed) as f64 / 1e6
    }

    /// The most live since the last call, in MB (the mark starts again at what is live now).
    pub fn peak_since_mb() -> f64 {
        let peak = PEAK.swap(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
        peak as f64 / 1e6
    }
}

#[global_allocator]
static COUNTING: heap::Counting = heap::Counting;

fn folder() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-import");
    std::fs::create_dir_all(&dir).expect("bench folder");
    dir
}

/// The demo ledger, written by the CLI in a child process and kept for reruns.
fn demo_ledger() -> PathBuf {
    let path = folder().join(format!("demo-{}.db", projects()));
    if !path.exists() {
        let status = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
            .arg("--db")
            .arg(&path)
            .args(["demo", "--projects", &projects().to_string(), "--seed", "1"])
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
    let projects = projects();
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
        notice.contains(&format!("已导出 {projects} 个项目")),
        "{notice}"
    );
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    println!(
        "  export {:<5} {projects} rows: {secs:.2} s from the click to 已导出, {size:.1} MB, \
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
    let preview = check_file(file, None, &current, &|_| None, &Progress::default()).expect("check");
    let secs = t0.elapsed().as_secs_f64();
    assert_eq!(preview.rows.len(), projects());
    println!("{secs}");
}

/// Child: our import into an empty ledger: read, check (preview), commit.
fn phase_import(file: &Path) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("target.db")).expect("target ledger");
    let current = existing(&store, chrono::Local::now().date_naive()).expect("existing");
    let t0 = Instant::now();
    let preview = check_file(file, None, &current, &|_| None, &Progress::default()).expect("check");
    let t2 = Instant::now();
    let after_preview = peak_memory_mb();
    let errors = preview.error_count();
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
    // The demo repeats some investor-and-name pairs at a million projects, which the import
    // skips as duplicates within the file: every row it counted as new is there.
    assert_eq!(store.project_count().unwrap_or(0) as usize, counts.new);
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

/// Child: the window's whole import of `file` into an empty ledger file, driven through the
/// app state as the window drives it (frames polled every 5 ms): read and check to the
/// preview, 确认导入, the commit on its worker to the message that says it is done. Prints the
/// wall and CPU time of each part, the longest UI-thread step and the peak memory.
fn phase_window(file: &Path) {
    use zhaoshang::app::ImportAction;
    use zhaoshang::app::import::ImportState;
    let rows = projects();
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("target.db")).expect("target ledger");
    let mut state = AppState::new(store, today(), Lang::Zh);
    // As the window runs: the screens' figures are made on workers (without, the board was
    // read again on this thread when the import landed, 94 ms at 1,000,000 projects).
    state.background_reads = true;
    let longest = std::cell::Cell::new(std::time::Duration::ZERO);
    let step = |state: &mut AppState, f: &mut dyn FnMut(&mut AppState)| {
        let started = Instant::now();
        f(state);
        longest.set(longest.get().max(started.elapsed()));
    };
    let (t0, c0) = (Instant::now(), common::cpu().as_secs_f64());
    step(&mut state, &mut |s| {
        s.apply(ImportAction::Start(file.to_path_buf(), None))
    });
    while matches!(state.import, Some(ImportState::Working { .. })) {
        step(&mut state, &mut |s| s.prepare_frame());
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let (read, read_cpu) = (t0.elapsed().as_secs_f64(), common::cpu().as_secs_f64() - c0);
    let session = match &state.import {
        Some(ImportState::Ready(session)) => session,
        Some(ImportState::Failed { message, .. }) => panic!("the check failed: {message}"),
        _ => panic!("no preview: {:?}", state.notice.map(|n| n.text)),
    };
    assert_eq!(session.preview.rows.len(), rows);
    let after_preview = peak_memory_mb();
    let read_longest = longest.replace(std::time::Duration::ZERO);
    let (t1, c1) = (Instant::now(), common::cpu().as_secs_f64());
    let confirm = Instant::now();
    step(&mut state, &mut |s| s.apply(ImportAction::Confirm));
    let confirm = confirm.elapsed().as_secs_f64();
    let mut seen_progress = 0usize;
    while state.jobs.store.is_some() {
        step(&mut state, &mut |s| s.prepare_frame());
        if let Some(fraction) = state.commit_progress() {
            seen_progress = seen_progress.max((fraction * 100.0) as usize);
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let (commit, commit_cpu) = (t1.elapsed().as_secs_f64(), common::cpu().as_secs_f64() - c1);
    let notice = state
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    // Every row is new but the file's own duplicates (see `phase_import`).
    let added = state.ledger.store().project_count().unwrap_or(0) as usize;
    assert!(notice.contains(&format!("新增 {added} 个项目")), "{notice}");
    assert!(added > rows / 2, "{notice}");
    println!(
        "  window import xlsx {rows} rows ({added} new): read + check to the preview {read:.2} s (CPU {read_cpu:.2} s), \
         peak memory after the preview {after_preview:.0} MB; commit from 确认导入 to the notice \
         {commit:.2} s (CPU {commit_cpu:.2} s; 确认导入 itself held the UI thread {confirm:.3} s, \
         progress bar reached {seen_progress}%); peak memory of the whole import {:.0} MB; \
         longest UI-thread step {:.3} s while checking, {:.3} s while committing",
        peak_memory_mb(),
        read_longest.as_secs_f64(),
        longest.get().as_secs_f64()
    );
    println!("window-figures {read} {commit} {:.0}", peak_memory_mb());
}

/// Child: where an import's memory goes (the heap's live bytes after each part, and the most
/// live during it): the preview, then the window's large-import write (the rows made into
/// changes and writes on the worker, the commit), then the undo step it keeps.
fn phase_memory(file: &Path) {
    use zhaoshang::app::import::{ImportSource, PlannedImport, PreviewToWrite};
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("target.db")).expect("target ledger");
    let today = chrono::Local::now().date_naive();
    let mark = store.change_mark().expect("mark");
    let current = existing(&store, today).expect("existing");
    heap::start();
    let base = heap::live_mb();
    heap::peak_since_mb();
    let line = |what: &str| {
        let (live, peak) = (heap::live_mb(), heap::peak_since_mb());
        println!(
            "  heap {what:<42} live {:>5.0} MB, most during it {:>5.0} MB",
            live - base,
            peak - base
        );
    };
    let (source, preview) =
        ImportSource::read(file, None, &current, &|_| None, &Progress::default()).expect("check");
    line("read + check: the preview's rows");
    let plan = PlannedImport {
        mark,
        source,
        layout: preview.layout.clone(),
        policy: DuplicatePolicy::Skip,
        choices: Vec::new(),
        today,
        also: None,
    };
    let rows = PreviewToWrite::new(preview, current.industries.clone());
    let (written, _) =
        zhaoshang::app::import::write_import_from_preview(&mut store, &rows, &plan, None)
            .expect("commit");
    line("changes, writes and the commit");
    drop(rows);
    line("after it: the undo step kept");
    assert!(written.counts.new > projects() / 2);
    // 撤销 and 重做 of that step, written as the window writes them (on its worker).
    let step = &written.step;
    let undo: Vec<Write> = step.iter().rev().filter_map(|c| c.writes(false)).collect();
    let t0 = Instant::now();
    store.write(&undo).expect("undo");
    let undo_secs = t0.elapsed().as_secs_f64();
    drop(undo);
    assert_eq!(store.project_count().unwrap_or(-1), 0);
    line("撤销 (the projects deleted by id)");
    let redo: Vec<Write> = step.iter().filter_map(|c| c.writes(true)).collect();
    let t0 = Instant::now();
    store.write(&redo).expect("redo");
    let redo_secs = t0.elapsed().as_secs_f64();
    drop(redo);
    assert_eq!(
        store.project_count().unwrap_or(0) as usize,
        written.counts.new
    );
    line("重做 (their rows brought back)");
    println!("  撤销 {undo_secs:.2} s, 重做 {redo_secs:.2} s");
    drop(written);
    println!("  (process peak {:.0} MB)", peak_memory_mb());
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
            Some("window") => phase_window(&arg(2)),
            Some("memory") => phase_memory(&arg(2)),
            other => panic!("unknown phase {other:?}"),
        }
        return;
    }
    let rows = projects();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.trim();
    println!("import/export of {rows} projects (release build; load average {load})");
    // The files are kept under target/ for reruns (a 1,000,000-row export takes a while).
    let xlsx = folder().join(format!("ledger-{rows}.xlsx"));
    let csv = folder().join(format!("ledger-{rows}.csv"));
    // The .csv and the library-level import (with 撤销) only at the usual size: at a million
    // rows the window's own import is what the goals are about.
    let usual = rows <= 100_000;
    let wanted: Vec<&PathBuf> = if usual {
        vec![&xlsx, &csv]
    } else {
        vec![&xlsx]
    };
    if wanted.iter().any(|f| !f.exists()) {
        let db_text = demo_ledger().display().to_string();
        for out in wanted {
            print!(
                "{}",
                child(&["--phase", "export", &db_text, &out.display().to_string()])
            );
        }
    }
    let x = xlsx.display().to_string();
    print!("{}", child(&["--phase", "calamine", &x]));
    if usual {
        print!("{}", child(&["--phase", "import", &x]));
        print!(
            "{}",
            child(&["--phase", "import", &csv.display().to_string()])
        );
    }
    print!("{}", child(&["--phase", "memory", &x]));
    let window = child(&["--phase", "window", &x]);
    let mut figures = (f64::NAN, f64::NAN, f64::NAN);
    for line in window.lines() {
        match line.strip_prefix("window-figures ") {
            Some(rest) => {
                let v: Vec<f64> = rest.split(' ').filter_map(|t| t.parse().ok()).collect();
                if let [read, commit, peak] = v[..] {
                    figures = (read, commit, peak);
                }
            }
            None => println!("{line}"),
        }
    }
    // The ratio asked for, on a shared machine: calamine alone and our parse+preview of the
    // same .xlsx, alternated (five times, three at a million rows), medians compared.
    let mut base = Vec::new();
    let mut ours = Vec::new();
    for _ in 0..if usual { 5 } else { 3 } {
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
    let runs = base.len();
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let (b, o) = (median(&mut base), median(&mut ours));
    println!(
        "  xlsx, median of {runs} alternated runs: calamine alone {b:.2} s, our parse+preview {o:.2} s = {:.2}×",
        o / b
    );
    let (read, commit, peak) = figures;
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    println!("goals at {rows} rows (issue 17):");
    println!(
        "  read + check ≤ 1.2× calamine alone: {:.2}× ({o:.2} s against {b:.2} s) — {}",
        o / b,
        verdict(o / b <= 1.2)
    );
    println!(
        "  peak memory of the whole import ≤ 800 MB: {peak:.0} MB — {}",
        verdict(peak <= 800.0)
    );
    println!(
        "  commit ≤ 40 s: {commit:.2} s (the preview took {read:.2} s) — {}",
        verdict(commit <= 40.0)
    );
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.trim();
    println!("  (load average at the end: {load})");
}
