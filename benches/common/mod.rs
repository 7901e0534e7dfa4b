//! What the benchmarks share: generated ledgers, medians, peak memory.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Generated ledgers are kept under target/ so reruns skip the generation; the demo is written
/// by the CLI in a child process, so its memory does not count towards this process's peak.
pub fn ledger(projects: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-ledgers");
    std::fs::create_dir_all(&dir).expect("bench folder");
    let path = dir.join(format!("demo-{projects}.db"));
    if !path.exists() {
        let started = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
            .arg("--db")
            .arg(&path)
            .args(["demo", "--projects", &projects.to_string(), "--seed", "1"])
            .status()
            .expect("run zhaoshang demo");
        assert!(status.success(), "demo generation failed");
        println!(
            "generated {projects} projects in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    path
}

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[allow(dead_code)]
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
