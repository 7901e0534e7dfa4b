//! Spreadsheets from outside that once took the app down: a 1.7 KB .xlsx with a cell four
//! billion rows down (8 GB allocated, abort), and .xls files whose compound-file chains loop or
//! point past the end (a panic in calamine, or memory without bound). Each is now a clear error.

use std::path::{Path, PathBuf};
use std::process::Command;

use zhaoshang::io::sheet::{ReadError, read_bytes, read_file};

const BIN: &str = env!("CARGO_BIN_EXE_zhaoshang");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `zhaoshang import --dry-run FILE` under a 4 GB address-space limit, so a reader that
/// allocates without bound fails here instead of taking the machine's memory.
fn dry_run_import(file: &Path) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 4000000; exec \"$0\" \"$@\"")
        .arg(BIN)
        .arg("--db")
        .arg(dir.path().join("z.db"))
        .args(["import", "--dry-run"])
        .arg(file)
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
fn a_cell_four_billion_rows_down_is_refused_with_words() {
    for name in ["hostile/row-4e9.xlsx", "hostile/row-4e9-nodim.xlsx"] {
        let path = fixture(name);
        assert!(std::fs::metadata(&path).unwrap().len() < 2_000);
        let (ok, text) = dry_run_import(&path);
        assert!(!ok, "{name}: {text}");
        assert!(text.contains("超出"), "{name}: {text}");
        assert!(!text.contains("panicked"), "{name}: {text}");
        assert!(!text.contains("memory allocation"), "{name}: {text}");
        match read_file(&path, None) {
            Err(ReadError::TooLarge(_)) => {}
            Err(other) => panic!("{name}: {other:?}"),
            Ok(_) => panic!("{name}: read"),
        }
    }
}

/// The .xls fixture's compound-file layout: sector size, the FAT's first sector, and the
/// directory's first sector.
fn layout(bytes: &[u8]) -> (usize, usize, u32) {
    let size = 1usize << u16::from_le_bytes([bytes[30], bytes[31]]);
    let fat_sector = u32::from_le_bytes(bytes[76..80].try_into().unwrap()) as usize;
    let dir_start = u32::from_le_bytes(bytes[48..52].try_into().unwrap());
    (size, (fat_sector + 1) * size, dir_start)
}

fn set_u32(bytes: &mut [u8], at: usize, value: u32) {
    bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
}

#[test]
fn a_looping_directory_chain_is_refused() {
    let mut bytes = std::fs::read(fixture("ledger.xls")).unwrap();
    let (_, fat, dir) = layout(&bytes);
    // The directory's sector points back at itself: calamine read it forever.
    set_u32(&mut bytes, fat + 4 * dir as usize, dir);
    assert!(matches!(
        read_bytes(&bytes, "xls", None),
        Err(ReadError::Broken(_))
    ));
}

#[test]
fn a_chain_pointing_past_the_fat_is_refused() {
    let mut bytes = std::fs::read(fixture("ledger.xls")).unwrap();
    let (_, fat, dir) = layout(&bytes);
    // calamine indexed its FAT with this and panicked.
    set_u32(&mut bytes, fat + 4 * dir as usize, 0x00FF_FFF0);
    assert!(matches!(
        read_bytes(&bytes, "xls", None),
        Err(ReadError::Broken(_))
    ));
}

#[test]
fn a_stream_longer_than_the_file_is_refused() {
    let mut bytes = std::fs::read(fixture("ledger.xls")).unwrap();
    let (size, _, dir) = layout(&bytes);
    // The second directory entry (the workbook stream) claims 2 GB.
    let entry = (dir as usize + 1) * size + 128;
    set_u32(&mut bytes, entry + 120, 0x7FFF_FFFF);
    assert!(read_bytes(&bytes, "xls", None).is_err());
    let (ok, text) = {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.xls");
        std::fs::write(&path, &bytes).unwrap();
        dry_run_import(&path)
    };
    assert!(!ok);
    assert!(!text.contains("panicked"), "{text}");
}

#[test]
fn every_single_byte_flip_of_the_xls_header_and_fat_is_survived() {
    // Every byte of the header and the first FAT sector set to 0x00, 0xFF and 0x7F: each read
    // returns (a sheet or an error); none panics out of the reader or runs away.
    let original = std::fs::read(fixture("ledger.xls")).unwrap();
    let (size, fat, _) = layout(&original);
    let positions: Vec<usize> = (0..512).chain(fat..fat + size).collect();
    let mut errors = 0;
    for at in positions {
        for value in [0x00, 0xFF, 0x7F] {
            let mut bytes = original.clone();
            bytes[at] = value;
            let read = std::panic::catch_unwind(|| read_bytes(&bytes, "xls", None).is_err());
            match read {
                Ok(failed) => errors += failed as usize,
                Err(_) => panic!("a panic escaped the reader: byte {at} set to {value:#x}"),
            }
        }
    }
    assert!(errors > 0);
}
