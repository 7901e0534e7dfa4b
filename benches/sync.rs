//! 同步 benchmark on generated data: a full bundle of 100,000 projects written, merged into an
//! empty ledger and into a lead's that holds half of it already, an incremental bundle of
//! 1,000 changes merged, and what the change log adds to a durable single edit and to the
//! 100,000-row import commit. Run with `cargo bench --bench sync` (release mode).

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::{cpu, ledger, median};
use zhaoshang::store::changelog::set_recording_for_benchmarks;
use zhaoshang::store::{Store, Write};
use zhaoshang::sync::{self, Bundle};

/// 100,000; `SYNC_BENCH_PROJECTS` sets another count (1,000,000 for issue 17, or a few for a
/// quick debug run).
fn projects() -> usize {
    common::projects_from_env("SYNC_BENCH_PROJECTS", 100_000)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// Wall and CPU time of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (wall, cpu_before) = (Instant::now(), cpu());
    let out = f();
    (out, wall.elapsed(), cpu() - cpu_before)
}

fn fresh(dir: &Path, name: &str) -> Store {
    Store::open(&dir.join(name)).expect("new ledger")
}

/// Reads a bundle file and merges it, as 合并同步包 does: wall time, CPU time, entries.
fn merge_file(store: &mut Store, file: &Path) -> (Duration, Duration, usize) {
    let (entries, wall, cpu) = timed(|| {
        let bundle = sync::read_bundle_file(file, None).expect("read");
        sync::apply(store, &bundle).expect("merge").entries
    });
    (wall, cpu, entries)
}

/// The first half of each site's entries: what a lead holds after an earlier bundle.
fn first_half(bundle: &Bundle) -> Bundle {
    let mut half = bundle.clone();
    let mut per_site: std::collections::BTreeMap<String, i64> = Default::default();
    for r in &bundle.manifest.ranges {
        per_site.insert(r.site.clone(), r.first + (r.last - r.first) / 2);
    }
    half.entries
        .retain(|e| per_site.get(&e.site).is_some_and(|last| e.seq <= *last));
    half.manifest.entries = half.entries.len();
    half
}

/// Median times of a durable single edit (a project's notes) with the log and without it:
/// 101 projects across the ledger, each edited once each way, the order alternating, so
/// that both halves meet the same pages, the same WAL and the same machine load (21 edits
/// with the log, then 21 without, differed by ±10% from run to run). Each project is
/// edited once with the log before: a row's first edit also writes out the created entry
/// its row held, which is timed on its own (the third figure).
fn single_edits(store: &mut Store) -> (Duration, Duration, Duration) {
    let all = store.all_projects().expect("all");
    let step = all.len() / 101;
    let (mut with, mut without, mut first) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..101 {
        let mut project = all[i * step].clone();
        project.notes = format!("第{i}次拜访");
        let started = Instant::now();
        store
            .write(&[Write::PutProject(project.clone())])
            .expect("first edit");
        first.push(started.elapsed());
        for turn in 0..2 {
            let logged = (i + turn) % 2 == 0;
            set_recording_for_benchmarks(logged);
            project.notes = format!("第{i}次回访{turn}");
            let started = Instant::now();
            store
                .write(&[Write::PutProject(project.clone())])
                .expect("edit");
            let took = started.elapsed();
            if logged {
                with.push(took);
            } else {
                without.push(took);
            }
        }
    }
    set_recording_for_benchmarks(true);
    (median(with), median(without), median(first))
}

/// The demo's 100,000 projects written into a new file in one commit, as an import does:
/// wall and CPU time.
fn import_commit(dir: &Path, name: &str) -> (Duration, Duration) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let demo = zhaoshang::demo::generate(projects(), 7, today);
    let mut writes: Vec<Write> = Vec::with_capacity(projects() + 64);
    writes.extend(demo.teams.into_iter().map(Write::PutTeam));
    writes.extend(demo.officers.into_iter().map(Write::PutOfficer));
    writes.extend(demo.projects.into_iter().map(Write::PutProject));
    let mut store = fresh(dir, name);
    let ((), wall, cpu) = timed(|| store.write(&writes).expect("import"));
    (wall, cpu)
}

fn main() {
    let source = ledger(projects());
    let dir = tempfile::tempdir().expect("temp dir");
    let officer_path = dir.path().join("officer.db");
    Store::open(&source)
        .expect("open")
        .save_copy(&officer_path)
        .expect("copy");
    let mut officer = Store::open(&officer_path).expect("officer");

    // A full bundle of the whole ledger.
    let full = dir.path().join("full.zsync");
    let (manifest, export, export_cpu) =
        timed(|| sync::export_bundle_to(&mut officer, &full, None, None).expect("export"));
    let size_mb = std::fs::metadata(&full).expect("size").len() as f64 / 1e6;

    // Into an empty ledger.
    let mut empty = fresh(dir.path(), "empty.db");
    let (into_empty, into_empty_cpu, merged) = merge_file(&mut empty, &full);
    assert_eq!(empty.project_count().expect("n") as usize, projects());

    // Into a lead's that already holds half of it.
    let mut lead = fresh(dir.path(), "lead.db");
    let bundle = sync::read_bundle_file(&full, None).expect("read");
    sync::apply(&mut lead, &first_half(&bundle)).expect("half");
    drop(bundle);
    let (into_lead, into_lead_cpu, lead_new) = merge_file(&mut lead, &full);
    assert_eq!(lead.project_count().expect("n") as usize, projects());

    // 1,000 changes on the officer's side, to the file that has everything else.
    let ack = dir.path().join("ack.zsync");
    let empty_site = empty.sync_site().expect("site");
    sync::export_bundle_to(
        &mut empty,
        &ack,
        Some(&officer.sync_site().expect("s")),
        None,
    )
    .expect("ack");
    merge_file(&mut officer, &ack);
    let mut edited = officer.all_projects().expect("all");
    edited.truncate(1_000);
    for p in &mut edited {
        p.next_step = "下周带队考察".into();
    }
    let writes: Vec<Write> = edited.into_iter().map(Write::PutProject).collect();
    officer.write(&writes).expect("1,000 edits");
    let small = dir.path().join("small.zsync");
    let small_manifest =
        sync::export_bundle_to(&mut officer, &small, Some(&empty_site), None).expect("export");
    let (incremental, incremental_cpu, changes) = merge_file(&mut empty, &small);

    // What the log costs.
    let (edit_with, edit_without, first_edit) = single_edits(&mut officer);
    set_recording_for_benchmarks(false);
    let import_without = import_commit(dir.path(), "import-off.db");
    set_recording_for_benchmarks(true);
    let import_with = import_commit(dir.path(), "import-on.db");
    let extra = |with: Duration, without: Duration| (secs(with) / secs(without) - 1.0) * 100.0;

    println!("sync benchmark (release, {} demo projects)", projects());
    println!(
        "  full bundle: {} entries written in {:.2} s (CPU {:.2} s), {size_mb:.1} MB \
         (targets ≤ 3 s, ≤ 15 MB)",
        manifest.entries,
        secs(export),
        secs(export_cpu)
    );
    println!(
        "  merged into an empty ledger: {merged} entries in {:.2} s (CPU {:.2} s) (target ≤ 6 s)",
        secs(into_empty),
        secs(into_empty_cpu)
    );
    println!(
        "  merged into a lead's holding half of it: {lead_new} new entries in {:.2} s \
         (CPU {:.2} s) (target ≤ 6 s)",
        secs(into_lead),
        secs(into_lead_cpu)
    );
    println!(
        "  incremental bundle: {} entries, {changes} merged in {:.0} ms (CPU {:.0} ms) \
         (target ≤ 150 ms)",
        small_manifest.entries,
        secs(incremental) * 1e3,
        secs(incremental_cpu) * 1e3
    );
    println!(
        "  durable single edit: {:.2} ms with the log, {:.2} ms without: {:+.1}% (target ≤ +10%)",
        secs(edit_with) * 1e3,
        secs(edit_without) * 1e3,
        extra(edit_with, edit_without)
    );
    println!(
        "  a row's first edit (its held created entry written out too): {:.2} ms",
        secs(first_edit) * 1e3
    );
    println!(
        "  {}-row import commit: {:.2} s with the log, {:.2} s without: {:+.1}% (target ≤ +25%); \
         CPU {:.2} s and {:.2} s: {:+.1}%",
        projects(),
        secs(import_with.0),
        secs(import_without.0),
        extra(import_with.0, import_without.0),
        secs(import_with.1),
        secs(import_without.1),
        extra(import_with.1, import_without.1)
    );
}
