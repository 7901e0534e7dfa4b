//! Waiting for another writer: a busy handler that sleeps and retries until a time limit,
//! tells whoever asked that it is waiting (the window shows "waiting for another program"),
//! and sorts SQLite's failures of a write into the errors a user can act on.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::StoreError;

/// How long a write waits for another program's write by default.
pub const DEFAULT_BUSY_LIMIT: Duration = Duration::from_secs(30);

/// What the busy notifier is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BusyWait {
    /// Another connection (usually another program) holds the write lock; this store has
    /// waited `waited` of at most `limit`. Sent again every few tens of milliseconds.
    Waiting { waited: Duration, limit: Duration },
    /// The wait is over: the lock was had, or the limit passed.
    Over,
}

type Notifier = Box<dyn Fn(BusyWait) + Send>;

/// Shared by the store and its connection's busy handler.
pub(crate) struct Busy {
    limit_ms: AtomicU64,
    since: Mutex<Option<Instant>>,
    notifier: Mutex<Option<Notifier>>,
}

impl Busy {
    pub(crate) fn new() -> Busy {
        Busy {
            limit_ms: AtomicU64::new(DEFAULT_BUSY_LIMIT.as_millis() as u64),
            since: Mutex::new(None),
            notifier: Mutex::new(None),
        }
    }

    pub(crate) fn limit(&self) -> Duration {
        Duration::from_millis(self.limit_ms.load(Ordering::Relaxed))
    }

    pub(crate) fn set_limit(&self, limit: Duration) {
        self.limit_ms
            .store(limit.as_millis() as u64, Ordering::Relaxed);
    }

    pub(crate) fn set_notifier(&self, notifier: Option<Notifier>) {
        if let Ok(mut slot) = self.notifier.lock() {
            *slot = notifier;
        }
    }

    fn notify(&self, wait: BusyWait) {
        if let Ok(slot) = self.notifier.lock()
            && let Some(notify) = slot.as_ref()
        {
            notify(wait);
        }
    }

    /// SQLite's busy handler: `count` is how many times it was called for this lock.
    /// true = try again.
    pub(crate) fn on_busy(&self, count: i32) -> bool {
        let Ok(mut since) = self.since.lock() else {
            return false;
        };
        if count == 0 || since.is_none() {
            *since = Some(Instant::now());
        }
        let waited = since.map(|s| s.elapsed()).unwrap_or_default();
        drop(since);
        let limit = self.limit();
        if waited >= limit {
            return false;
        }
        self.notify(BusyWait::Waiting { waited, limit });
        // 1, 2, 4 … ms, then every 50 ms: a short wait ends at once, a long one costs nothing.
        let step =
            Duration::from_millis(1u64 << count.clamp(0, 6) as u32).min(Duration::from_millis(50));
        std::thread::sleep(step.min(limit - waited));
        true
    }

    /// Ends a wait, if there was one: the notifier hears [`BusyWait::Over`]. Returns how long
    /// it was.
    pub(crate) fn end_wait(&self) -> Option<Duration> {
        let waited = self.since.lock().ok()?.take()?.elapsed();
        self.notify(BusyWait::Over);
        Some(waited)
    }
}

/// The error a write's SQLite failure means to a user: another program kept the ledger busy
/// past the limit, the disk is full, the file cannot be written; anything else as it is.
pub(crate) fn classify(e: StoreError, waited: Option<Duration>, limit: Duration) -> StoreError {
    use rusqlite::ErrorCode;
    let StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, _)) = &e else {
        return e;
    };
    match failure.code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy {
            waited: waited.unwrap_or(limit),
        },
        ErrorCode::DiskFull => StoreError::DiskFull,
        ErrorCode::ReadOnly => StoreError::ReadOnly,
        _ => e,
    }
}

impl super::Store {
    /// How long a write waits for another program (see [`super::Store::set_busy_limit`]).
    pub fn busy_limit(&self) -> Duration {
        self.busy.limit()
    }
}
