//! Fuzz target: any bytes, read as a .xlsx ledger is read on import. A panic that escapes the
//! reader, or more than -rss_limit_mb of memory, is a finding.
#![no_main]

mod boundary;

libfuzzer_sys::fuzz_target!(init: boundary::caught_panics_are_answers(), |data: &[u8]| {
    let _ = zhaoshang::io::sheet::read_bytes(data, "xlsx", None);
});
