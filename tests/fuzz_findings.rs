//! What the fuzzers found, each kept as the input that found it (`tests/fixtures/hostile/`):
//! the reader refuses it in words, before calamine sees it.

use std::path::Path;

use zhaoshang::io::sheet::{ReadError, read_bytes};

fn hostile(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/hostile")
            .join(name),
    )
    .expect("the fixture reads")
}

/// Found by `FUZZ_CASES=250000 FUZZ_SEED=7 cargo test --release --test fuzz_readers` in its
/// first second: the .xls fixture with a few bytes changed, so that a BoundSheet8 record
/// points calamine into the middle of a record, where it reads a DIMENSIONS record the
/// records in order do not have — its last row before its first. A release build wrapped the
/// row count and asked for 160 GB (abort: no `catch_unwind` catches it); a debug build
/// panicked on the overflow instead, which is why the debug runs never saw it.
#[test]
fn a_sheet_whose_position_points_into_a_record_is_refused_as_too_large() {
    let bytes = hostile("fuzz-xls-sheet-dimensions.xls");
    assert_eq!(bytes.len(), 5_632);
    match read_bytes(&bytes, "xls", None) {
        Err(ReadError::TooLarge(what)) => assert!(what.contains("cells"), "{what}"),
        other => panic!("{:?}", other.map(|_| "read")),
    }
}
