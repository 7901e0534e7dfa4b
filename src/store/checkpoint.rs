//! WAL checkpoints on a thread of their own, so the window's edits never wait for one.
//!
//! SQLite's automatic checkpoint runs inside the commit that pushes the write-ahead log past
//! 1,000 pages: that edit copies every page back into the file and syncs it, 7–13 ms at
//! 100,000 projects and up to 68 ms on a cold cache (measured with `cargo bench --bench
//! scale`), a frozen frame for the officer who pressed 保存. Here the commit only notes the
//! log's length (SQLite's WAL hook, which replaces the automatic checkpoint) and a second
//! connection copies the pages back in the background, in PASSIVE mode: it never blocks a
//! writer or a reader.
//!
//! It waits for a pause in the writing first. Copying the pages back ends in an fsync of the
//! ledger file, and an edit committing during it waits for its own fsync behind that one
//! (traced with strace: a 4 ms commit took 19 ms beside a checkpoint's 92 ms fsync). An officer
//! pauses between edits; a long stream of writes (a merge, a script) is checkpointed anyway
//! once the log is several times its usual size.
//!
//! A checkpoint is as crash-safe as any (SQLite replays the log on the next open); the crash
//! test `a_kill_in_the_middle_of_a_background_checkpoint_loses_nothing` kills the app in one.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// The log's length, in pages, from which a commit asks for a checkpoint: SQLite's own
/// default for the automatic one, so the log stays about 4 MB as before.
const PAGES_BEFORE_CHECKPOINT: i32 = 1000;

/// How long the writing must pause before the checkpoint starts: longer than the gap between
/// the writes of one burst (a save and the reread after it), shorter than a person's pause.
const QUIET_BEFORE_CHECKPOINT: Duration = Duration::from_millis(400);

/// The log's length at which the checkpoint starts without a pause (16 MB of pages).
const PAGES_WITHOUT_PAUSE: i32 = 4 * PAGES_BEFORE_CHECKPOINT;

/// Set, the checkpoint thread says on stderr when each checkpoint begins and ends (the crash
/// test kills the app between the two).
const TRACE_ENV: &str = "ZHAOSHANG_TRACE_CHECKPOINTS";

/// What the checkpoint thread is told.
enum Ask {
    /// A commit left the log this many pages long.
    Checkpoint(i32),
    Stop,
}

/// The checkpoint thread of one writing connection. Dropping it stops the thread after the
/// checkpoint in progress, if any, and closes its connection; the writer's own close then
/// makes the last checkpoint and removes the log, as before.
pub(crate) struct Checkpointer {
    ask: SyncSender<Ask>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Replaces `writer`'s automatic checkpoint by one on a connection of its own to `path`.
    pub(crate) fn start(writer: &mut Connection, path: &Path) -> rusqlite::Result<Checkpointer> {
        let own = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // One slot: a request already waiting covers every commit after it.
        let (ask, asked) = mpsc::sync_channel(1);
        let thread = std::thread::Builder::new()
            .name("wal-checkpoint".into())
            .spawn(move || checkpoint_when_asked(&own, &asked))
            .map_err(|e| rusqlite::Error::InvalidParameterName(e.to_string()))?;
        let from_commits = ask.clone();
        writer.wal_hook(Some(move |_: &mut rusqlite::hooks::Wal, pages| {
            if pages >= PAGES_BEFORE_CHECKPOINT {
                // Full: a request is waiting. Disconnected: the store is closing.
                let _ = from_commits.try_send(Ask::Checkpoint(pages));
            }
            Ok(())
        }))?;
        Ok(Checkpointer {
            ask,
            thread: Some(thread),
        })
    }
}

fn checkpoint_when_asked(conn: &Connection, asked: &Receiver<Ask>) {
    let trace = std::env::var_os(TRACE_ENV).is_some();
    while let Ok(Ask::Checkpoint(mut pages)) = asked.recv() {
        while pages < PAGES_WITHOUT_PAUSE {
            match asked.recv_timeout(QUIET_BEFORE_CHECKPOINT) {
                Ok(Ask::Checkpoint(more)) => pages = more,
                Err(RecvTimeoutError::Timeout) => break,
                Ok(Ask::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if trace {
            eprintln!("checkpoint begins: {pages} pages");
        }
        // PASSIVE copies what no reader still needs and returns; what is left waits for the
        // next request. An error (a full disk) leaves the log as it is: every commit in it is
        // durable already, and the writer's close tries again.
        let copied = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get::<_, i64>(2));
        if trace {
            eprintln!("checkpoint ends: {copied:?} pages copied");
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // Blocks only until the thread takes a waiting request.
        let _ = self.ask.send(Ask::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
