//! A long write watched from another thread: how far it has come, and a cancel that rolls the
//! whole transaction back (nothing of it lands, not even its change-log entries).

/// What a write reports to, and asks whether to go on. Checked between rows and between the
/// steps after them (index builds, search index, change log), never inside one statement.
pub trait WriteWatch: Send + Sync {
    /// `done` of the write's `total` records are in; `done == total` while the indexes, the
    /// search index and the change log are being made.
    fn written(&self, done: usize, total: usize);
    /// True once the user asked to stop: the write then ends with [`super::StoreError::Cancelled`].
    fn cancelled(&self) -> bool;
}

/// Rows between two reports (and cancel checks): often enough for a bar that moves smoothly,
/// rare enough to cost nothing next to the row's own insert.
pub(super) const REPORT_EVERY: usize = 512;

/// `Err(Cancelled)` once the watch says stop.
pub(super) fn check(watch: Option<&dyn WriteWatch>) -> super::Result<()> {
    match watch {
        Some(w) if w.cancelled() => Err(super::StoreError::Cancelled),
        _ => Ok(()),
    }
}
