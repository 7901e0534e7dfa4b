//! A corpus mutator run on every CI build: real office ledgers (the .xls and .ods fixtures, an
//! .xlsx and a CSV written here) mutated by proptest — bits flipped, bytes set, slices cut,
//! copied and spliced — and each result read as an import would. No reader may panic past its
//! boundary, and the process's peak memory stays under 1 GB.
//!
//! The budget is a case count (`FUZZ_CASES`, default 2,500 per format: some 15 s in a debug
//! build; `FUZZ_SEED` varies the inputs); `FUZZ_CASES=250000 cargo test --release --test
//! fuzz_readers` is a run of a million (65–80 s here). Run it in release too: a debug build
//! panics on an integer overflow that a release build wraps into a huge allocation (an abort no
//! boundary catches; `fuzz_findings.rs` keeps the one found that way). The cargo-fuzz targets in
//! `fuzz/` are for runs with coverage guidance (README).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use rust_xlsxwriter::Workbook;
use zhaoshang::io::sheet::read_bytes;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2_500)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

const HEADER: [&str; 7] = [
    "序号",
    "项目名称",
    "投资主体",
    "所属产业",
    "总投资（万元）",
    "项目进展",
    "签约日期",
];

fn xlsx_seed() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "2025年新签约项目台账").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for r in 0..12u32 {
        sheet.write_number(r + 2, 0, r as f64 + 1.0).unwrap();
        sheet.write_string(r + 2, 1, format!("项目{r}")).unwrap();
        sheet
            .write_string(r + 2, 2, format!("企业{r}有限公司"))
            .unwrap();
        sheet.write_string(r + 2, 3, "新能源").unwrap();
        sheet.write_number(r + 2, 4, 5000.0 + r as f64).unwrap();
        sheet.write_string(r + 2, 5, "已签约").unwrap();
        sheet.write_string(r + 2, 6, "2025-03-01").unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn csv_seed() -> Vec<u8> {
    let mut text = HEADER.join(",");
    text.push('\n');
    for r in 0..12 {
        text.push_str(&format!(
            "{r},项目{r},企业{r}有限公司,新能源,{},已签约,2025-03-01\n",
            5000 + r
        ));
    }
    text.into_bytes()
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Set(usize, u8),
    Cut(usize),
    Copy {
        from: usize,
        to: usize,
        len: usize,
    },
    Insert(usize, Vec<u8>),
    /// A 32-bit little-endian field set to an interesting value (a length, a sector id).
    Word(usize, u32),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop_oneof![
        Just(0u32),
        Just(0xFFFF_FFFE),
        Just(0xFFFF_FFFF),
        Just(0x7FFF_FFFF),
        Just(0x0001_0000),
        any::<u32>()
    ];
    prop_oneof![
        4 => (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip(at, 1 << bit)),
        3 => (any::<usize>(), any::<u8>()).prop_map(|(at, v)| Mutation::Set(at, v)),
        1 => any::<usize>().prop_map(Mutation::Cut),
        1 => (any::<usize>(), any::<usize>(), 1usize..64)
            .prop_map(|(from, to, len)| Mutation::Copy { from, to, len }),
        1 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        2 => (any::<usize>(), interesting).prop_map(|(at, v)| Mutation::Word(at, v)),
    ]
}

fn apply(seed: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for m in mutations {
        if bytes.is_empty() {
            break;
        }
        let n = bytes.len();
        match m {
            Mutation::Flip(at, mask) => bytes[at % n] ^= mask,
            Mutation::Set(at, v) => bytes[at % n] = *v,
            Mutation::Cut(at) => bytes.truncate(at % n),
            Mutation::Copy { from, to, len } => {
                let (from, to) = (from % n, to % n);
                let len = (*len).min(n - from).min(n - to);
                let chunk = bytes[from..from + len].to_vec();
                bytes[to..to + len].copy_from_slice(&chunk);
            }
            Mutation::Insert(at, chunk) => {
                let at = at % n;
                bytes.splice(at..at, chunk.iter().copied());
            }
            Mutation::Word(at, v) => {
                let at = (at % n) & !3;
                if at + 4 <= n {
                    bytes[at..at + 4].copy_from_slice(&v.to_le_bytes());
                }
            }
        }
    }
    bytes
}

/// Peak resident memory of this process, in KiB (Linux).
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

static CAUGHT: AtomicUsize = AtomicUsize::new(0);
/// Where the caught panics were, with how often.
static WHERE: std::sync::Mutex<std::collections::BTreeMap<String, usize>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

fn run_seed() -> u8 {
    std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn fuzz(format: &str, seed: Vec<u8>, case_seed: u8) {
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[case_seed ^ run_seed(); 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let strategy = proptest::collection::vec(mutation(), 1..6);
    let result = runner.run(&strategy, |mutations| {
        let bytes = apply(&seed, &mutations);
        // FUZZ_DUMP=FILE keeps the input being read, for a run that aborts.
        if let Ok(dump) = std::env::var("FUZZ_DUMP") {
            let _ = std::fs::write(dump, &bytes);
        }
        // read_bytes catches a reader's panic itself; one escaping it is a failure here.
        let outcome = std::panic::catch_unwind(|| read_bytes(&bytes, format, None).is_ok());
        prop_assert!(outcome.is_ok(), "a panic escaped the {} reader", format);
        Ok(())
    });
    if let Err(e) = result {
        let _ = std::panic::take_hook();
        panic!(
            "{format}: {e}; caught at {:?}",
            WHERE.lock().map(|w| w.clone())
        );
    }
}

#[test]
fn mutated_office_ledgers_never_take_the_reader_down() {
    // Panics inside calamine that the boundary caught: counted, not printed 2,400 times.
    std::panic::set_hook(Box::new(|info| {
        CAUGHT.fetch_add(1, Ordering::Relaxed);
        let place = info
            .location()
            .map(|l| {
                format!(
                    "{}:{}",
                    l.file().rsplit("/src/").next().unwrap_or(""),
                    l.line()
                )
            })
            .unwrap_or_default();
        if let Ok(mut places) = WHERE.lock() {
            *places.entry(place).or_default() += 1;
        }
    }));
    let start = std::time::Instant::now();
    fuzz("xls", fixture("ledger.xls"), 1);
    fuzz("ods", fixture("ledger.ods"), 2);
    fuzz("xlsx", xlsx_seed(), 3);
    fuzz("csv", csv_seed(), 4);
    let _ = std::panic::take_hook();
    let peak = peak_kib().unwrap_or(0);
    eprintln!(
        "fuzz_readers: {} inputs in {:.1} s, {} panics caught at the boundary, peak memory {} MiB",
        4 * cases(),
        start.elapsed().as_secs_f64(),
        CAUGHT.load(Ordering::Relaxed),
        peak / 1024
    );
    eprintln!(
        "caught at: {:?}",
        WHERE.lock().map(|w| w.clone()).unwrap_or_default()
    );
    assert!(peak < 1024 * 1024, "peak memory {peak} KiB");
}
