//! Opening a ledger file without ever harming one we should not touch.
//!
//! Order matters: every check that can refuse a file runs on a read-only connection (or on the
//! raw header bytes) before anything is written. Only then is the file opened for writing,
//! copied if it must be migrated, and migrated.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::migrations::{APPLICATION_ID, LATEST_VERSION, MIGRATIONS};
use super::{Integrity, Store};

/// Why a file could not be opened as a ledger. Each names the file; the UI and CLI turn it into
/// words with what to do next (open another file or create a new one).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{path}: the file is empty (0 bytes)")]
    EmptyFile { path: PathBuf },
    #[error("{path}: not a database file")]
    NotADatabase { path: PathBuf },
    #[error(
        "{path}: the file is shorter than its header says ({actual} of {expected} bytes): it was cut off"
    )]
    Truncated {
        path: PathBuf,
        expected: u64,
        actual: u64,
    },
    #[error("{path}: the database is damaged ({detail})")]
    Damaged { path: PathBuf, detail: String },
    #[error("{path}: a SQLite database of another program")]
    NotOurs { path: PathBuf },
    #[error(
        "{path}: written by a newer version (schema {found}, this version reads up to {supported})"
    )]
    TooNew {
        path: PathBuf,
        found: i32,
        supported: i32,
    },
    #[error("{path}: the disk is full")]
    DiskFull { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

impl OpenError {
    pub fn path(&self) -> &Path {
        match self {
            OpenError::EmptyFile { path }
            | OpenError::NotADatabase { path }
            | OpenError::Truncated { path, .. }
            | OpenError::Damaged { path, .. }
            | OpenError::NotOurs { path }
            | OpenError::TooNew { path, .. }
            | OpenError::DiskFull { path }
            | OpenError::Io { path, .. }
            | OpenError::Sqlite { path, .. } => path,
        }
    }
}

const HEADER_MAGIC: &[u8; 16] = b"SQLite format 3\0";

pub(super) fn open(path: &Path) -> Result<Store, OpenError> {
    open_with(path, Check::Now)
}

/// Like [`open`], but a current ledger's page-by-page check runs on its own thread, so a large
/// file is ready at once; [`Store::write`] waits for the verdict and refuses if it found damage.
pub(super) fn open_check_later(path: &Path) -> Result<Store, OpenError> {
    open_with(path, Check::Later)
}

/// For a command that only reads: no page-by-page check at all (SQLite still refuses any
/// damaged page a query reads, and nothing is written). A file that needs a migration is
/// checked first as always. A write through this store is refused.
pub(super) fn open_to_read(path: &Path) -> Result<Store, OpenError> {
    open_with(path, Check::Never)
}

/// When a current ledger's pages are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    Now,
    Later,
    Never,
}

fn open_with(path: &Path, check: Check) -> Result<Store, OpenError> {
    let wal = sidecar(path, "-wal");
    let had_wal = wal.exists();
    let opened = open_checked(path, check);
    // The checks' read-only connections make an empty `-wal` and a `-shm` beside a WAL-mode
    // file and cannot remove them; a refused file gets nothing left beside it.
    if opened.is_err() && !had_wal && fs::metadata(&wal).is_ok_and(|m| m.len() == 0) {
        let _ = fs::remove_file(&wal);
        let _ = fs::remove_file(sidecar(path, "-shm"));
    }
    opened
}

fn open_checked(path: &Path, check: Check) -> Result<Store, OpenError> {
    let sql = |source| OpenError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    if !path.exists() {
        create(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql)?;
        return finish(conn, Some(path.to_path_buf()), None).map_err(sql);
    }
    check_header(path)?;
    roll_back_hot_journal(path)?;
    let version = inspect_read_only(path)?;
    // A file that may only be read (a read-only file, folder or mount, a backup) is read from
    // a copy in memory, migrated there if it is older: the file keeps every byte.
    if let Some(why) = super::readonly::reason(path) {
        return super::readonly::open(path, why);
    }
    // A migration writes, so a file that needs one is always checked first.
    let check = if version == LATEST_VERSION {
        check
    } else {
        Check::Now
    };
    let integrity = if check == Check::Never {
        Integrity::ReadOnly
    } else if check == Check::Later {
        let path = path.to_path_buf();
        Integrity::Pending(std::thread::spawn(move || {
            quick_check(&path).map_err(|e| match e {
                OpenError::Damaged { detail, .. } => detail,
                other => other.to_string(),
            })
        }))
    } else {
        quick_check(path)?;
        Integrity::Verified
    };
    let backup = if version < LATEST_VERSION && version > 0 {
        Some(copy_before_migration(path, version)?)
    } else {
        None
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sql)?;
    let mut store = finish(conn, Some(path.to_path_buf()), backup).map_err(sql)?;
    store.integrity = integrity;
    Ok(store)
}

/// Makes a new ledger at `path` so that a crash at any moment leaves either no file or a whole
/// ledger: the schema is written to a temporary file beside it (journal mode DELETE, so
/// everything is in that one file), made durable, and only then linked into place.
fn create(path: &Path) -> Result<(), OpenError> {
    let io_at = |at: &Path| {
        let at = at.to_path_buf();
        move |source| OpenError::Io { path: at, source }
    };
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io_at(parent))?;
    remove_stale_creations(path);
    let temporary = sidecar(path, &format!(".creating-{}", std::process::id()));
    let _ = fs::remove_file(&temporary);
    let made = (|| {
        let conn = Connection::open(&temporary).map_err(|source| OpenError::Sqlite {
            path: temporary.clone(),
            source,
        })?;
        let store = finish_with(conn, None, None, false).map_err(|source| OpenError::Sqlite {
            path: temporary.clone(),
            source,
        })?;
        drop(store);
        fs::File::open(&temporary)
            .and_then(|f| f.sync_all())
            .map_err(io_at(&temporary))?;
        // A link, not a rename: it never replaces a ledger another program made meanwhile.
        fs::hard_link(&temporary, path)
            .or_else(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => Err(e),
                // A file system without hard links (FAT on a USB stick): rename, which is
                // atomic too, after checking again that nothing is there.
                _ if !path.exists() => fs::rename(&temporary, path),
                _ => Err(e),
            })
            .map_err(io_at(path))?;
        let _ = fs::remove_file(&temporary);
        sync_dir(parent).map_err(io_at(parent))
    })();
    if made.is_err() {
        let _ = fs::remove_file(&temporary);
        let _ = fs::remove_file(sidecar(&temporary, "-journal"));
    }
    made
}

/// Temporary files of a creation that was killed before it finished (a minute old or more;
/// a younger one may belong to a creation still running).
fn remove_stale_creations(path: &Path) {
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let mut prefix = name.to_os_string();
    prefix.push(".creating-");
    let prefix = prefix.to_string_lossy().into_owned();
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() >= 60);
        if stale && entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Makes a rename or link in `dir` durable (a no-op where folders cannot be opened).
pub(super) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

pub(super) fn in_memory() -> Result<Store, OpenError> {
    let path = PathBuf::from(":memory:");
    let conn = Connection::open_in_memory().map_err(|source| OpenError::Sqlite {
        path: path.clone(),
        source,
    })?;
    finish(conn, None, None).map_err(|source| OpenError::Sqlite { path, source })
}

/// The first 100 bytes say whether this is SQLite at all and how long it should be.
fn check_header(path: &Path) -> Result<(), OpenError> {
    let io = |source| OpenError::Io {
        path: path.to_path_buf(),
        source,
    };
    let len = fs::metadata(path).map_err(io)?.len();
    if len == 0 {
        return Err(OpenError::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    let mut header = [0u8; 100];
    let mut file = fs::File::open(path).map_err(io)?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]).map_err(io)? {
            0 => break,
            n => read += n,
        }
    }
    if read < header.len() || &header[..16] != HEADER_MAGIC {
        return Err(OpenError::NotADatabase {
            path: path.to_path_buf(),
        });
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536u64,
        n => n as u64,
    };
    let page_count = u32::from_be_bytes([header[28], header[29], header[30], header[31]]) as u64;
    let change_counter = &header[24..28];
    let valid_for = &header[92..96];
    // The in-header size is only trustworthy when "version-valid-for" matches the change
    // counter (older writers did not keep it); then a shorter file was cut off.
    // A crash (or power cut) during a checkpoint leaves exactly this: the header, written
    // back first, already counts the new pages while the file is shorter, and the WAL beside
    // it holds every page. SQLite recovers that in full, and the page check that follows
    // refuses what it cannot; so is a hot rollback journal. Only a file with nothing beside
    // it to recover from is cut off.
    if change_counter == valid_for
        && page_count > 0
        && page_count * page_size > len
        && !wal_has_frames(path)
        && !hot_journal(path)
    {
        return Err(OpenError::Truncated {
            path: path.to_path_buf(),
            expected: page_count * page_size,
            actual: len,
        });
    }
    Ok(())
}

/// A write that was cut off (a crash, a power cut, a kill during the switch to WAL right after
/// a ledger is made) leaves a hot rollback journal beside the file: SQLite plays it back the
/// first time a connection that may write reads the file, which gives back the last committed
/// state. The checks that follow read with connections that may not write, which cannot play
/// it back and would call the file read-only ("attempt to write a readonly database"), so it
/// is played back first, with a connection that only reads the schema's version. A file that
/// may only be read keeps its journal (and its bytes): it is read from a copy.
fn roll_back_hot_journal(path: &Path) -> Result<(), OpenError> {
    if !hot_journal(path) || super::readonly::reason(path).is_some() {
        return Ok(());
    }
    let damaged = |e| damaged_or_sqlite(path, e);
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(damaged)?;
    conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0))
        .map_err(damaged)?;
    Ok(())
}

/// `path` with `suffix` added to its name: SQLite's `-wal`, `-shm` and `-journal` files.
pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// A WAL beside the file with at least one frame of its current generation: the header's
/// magic, and a first frame whose salts match the header's (a reset WAL keeps old frames
/// with old salts, which SQLite ignores).
fn wal_has_frames(path: &Path) -> bool {
    let Ok(mut file) = fs::File::open(sidecar(path, "-wal")) else {
        return false;
    };
    let mut head = [0u8; 56];
    if file.read_exact(&mut head).is_err() {
        return false;
    }
    let magic = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
    (magic == 0x377f_0682 || magic == 0x377f_0683) && head[16..24] == head[40..48]
}

/// A rollback journal beside the file that SQLite would play back: it exists, is not empty
/// and its header is not zeroed (a committed journal in PERSIST mode is).
fn hot_journal(path: &Path) -> bool {
    let Ok(mut file) = fs::File::open(sidecar(path, "-journal")) else {
        return false;
    };
    let mut head = [0u8; 8];
    file.read_exact(&mut head).is_ok() && head != [0u8; 8]
}

/// Reads identity and version on a read-only connection; refuses strangers, damage and newer
/// schemas. Returns the schema version found (0 for an empty SQLite file we may initialise).
fn damaged_or_sqlite(path: &Path, e: rusqlite::Error) -> OpenError {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
            ) =>
        {
            OpenError::Damaged {
                path: path.to_path_buf(),
                detail: e.to_string(),
            }
        }
        other => OpenError::Sqlite {
            path: path.to_path_buf(),
            source: other,
        },
    }
}

/// Every check before a write runs on a connection that cannot write.
///
/// A file that may only be read, with no WAL beside it, is opened `immutable`: SQLite then
/// makes no `-shm` beside it (which a read-only folder or mount would refuse, and which would
/// be left behind in a writable one). With a WAL there, SQLite must read it, so not then.
pub(super) fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if super::readonly::reason(path).is_some() && !sidecar(path, "-wal").exists() {
        let uri = format!("file:{}?immutable=1", uri_path(path));
        return Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI);
    }
    Connection::open_with_flags(path, flags)
}

/// `path` for a `file:` URI: the characters a URI gives a meaning to, escaped.
fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// quick_check reads every page (O(N), not O(N log N) like integrity_check): what it finds
/// damaged is never written to.
fn quick_check(path: &Path) -> Result<(), OpenError> {
    let damaged = |e| damaged_or_sqlite(path, e);
    let conn = open_read_only(path).map_err(damaged)?;
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(damaged)?;
    if verdict != "ok" {
        return Err(OpenError::Damaged {
            path: path.to_path_buf(),
            detail: verdict,
        });
    }
    Ok(())
}

fn inspect_read_only(path: &Path) -> Result<i32, OpenError> {
    let damaged = |e| damaged_or_sqlite(path, e);
    let conn = open_read_only(path).map_err(damaged)?;
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(damaged)?;
    let version: i32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(damaged)?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(damaged)?;
    // An empty SQLite file is made a ledger; one with no tables that nonetheless claims a
    // schema version is not ours to guess about (migrating it from that version would fail
    // half-way, after a backup and a change of journal mode): left as it is.
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0 || version != 0) {
        return Err(OpenError::NotOurs {
            path: path.to_path_buf(),
        });
    }
    if version > LATEST_VERSION {
        return Err(OpenError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST_VERSION,
        });
    }
    Ok(version)
}

/// A full copy beside the file, named for the version it holds, before any migration runs.
fn copy_before_migration(path: &Path, version: i32) -> Result<PathBuf, OpenError> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{version}-{stamp}.bak"));
    let target = path.with_file_name(name);
    let conn = open_read_only(path).map_err(|source| OpenError::Sqlite {
        path: path.to_path_buf(),
        source,
    })?;
    let copied = conn
        .backup(
            rusqlite::MAIN_DB,
            &target,
            None::<fn(rusqlite::backup::Progress)>,
        )
        .and_then(|()| {
            fs::File::open(&target)
                .and_then(|f| f.sync_all())
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
        });
    if let Err(source) = copied {
        // Nothing is left behind: not a 0-byte or half-written .bak.
        let _ = fs::remove_file(&target);
        let _ = fs::remove_file(sidecar(&target, "-journal"));
        let full = match &source {
            rusqlite::Error::SqliteFailure(f, _) => f.code == rusqlite::ErrorCode::DiskFull,
            rusqlite::Error::ToSqlConversionFailure(e) => e
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.raw_os_error() == Some(28)),
            _ => false,
        };
        return Err(if full {
            OpenError::DiskFull {
                path: target.clone(),
            }
        } else {
            OpenError::Sqlite {
                path: target.clone(),
                source,
            }
        });
    }
    Ok(target)
}

/// The page cache: 64 MB (KiB, as SQLite's negative value).
pub(super) const CACHE_KIB: i64 = -64 * 1024;

/// Pragmas for durability, then the migrations this file still needs, each in a transaction.
/// A ledger copied into memory, migrated there (a read-only file's pages).
/// A second connection to a ledger this process already has open (and checked), for a
/// worker's reads: read-only, and nothing is created, checked or migrated — the window's own
/// connection did that when it opened the file.
pub(super) fn open_reader(path: &Path) -> rusqlite::Result<Store> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let busy = std::sync::Arc::new(super::busy::Busy::new());
    let handler = busy.clone();
    conn.busy_handler(Some(move |count| handler.on_busy(count)))?;
    conn.pragma_update(None, "cache_size", CACHE_KIB)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(Store {
        checkpointer: None,
        conn,
        path: Some(path.to_path_buf()),
        backup: None,
        clock: Box::new(|| chrono::Utc::now().naive_utc()),
        integrity: Integrity::Verified,
        busy,
        commits: 0,
        read_only: None,
    })
}

pub(super) fn finish_in_memory(conn: Connection) -> rusqlite::Result<Store> {
    finish_with(conn, None, None, false)
}

fn finish(
    conn: Connection,
    path: Option<PathBuf>,
    backup: Option<PathBuf>,
) -> rusqlite::Result<Store> {
    let wal = path.is_some();
    finish_with(conn, path, backup, wal)
}

fn finish_with(
    mut conn: Connection,
    path: Option<PathBuf>,
    backup: Option<PathBuf>,
    wal: bool,
) -> rusqlite::Result<Store> {
    let busy = std::sync::Arc::new(super::busy::Busy::new());
    let handler = busy.clone();
    conn.busy_handler(Some(move |count| handler.on_busy(count)))?;
    if wal {
        // WAL: readers never block the writer. FULL: a committed edit survives power loss.
        conn.pragma_update(None, "journal_mode", "WAL")?;
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    // 64 MB of page cache (the default is 2 MB). A large write — an import, the demo — touches
    // every index of `projects`; with the small cache the transaction spills dirty pages to the
    // WAL long before it commits and runs several times slower. Reads of a large ledger
    // benefit too. Pages are only held as they are used.
    conn.pragma_update(None, "cache_size", CACHE_KIB)?;
    // Each statement in a large write keeps a statement journal (the pages it changed, so a
    // failing statement can be undone alone). On disk that is a temp-file write per page per
    // row: an import of 100,000 projects spent most of its time there. In memory it is a
    // copy of the few pages one statement touches.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, migration) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(migration)?;
        tx.pragma_update(None, "user_version", i as i32 + 1)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
    }
    super::changelog::ensure_site(&mut conn).map_err(|e| match e {
        super::StoreError::Sqlite(e) => e,
        other => rusqlite::Error::InvalidParameterName(other.to_string()),
    })?;
    Ok(Store {
        checkpointer: None,
        conn,
        path,
        backup,
        clock: Box::new(|| chrono::Utc::now().naive_utc()),
        integrity: Integrity::Verified,
        busy,
        commits: 0,
        read_only: None,
    })
}
