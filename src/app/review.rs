//! The monthly review pack written from the window: on a worker thread with its own read-only
//! connection to the ledger file, so the window keeps drawing (and editing) meanwhile. The
//! result comes back through [`PackJob::poll`], once.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use chrono::NaiveDate;

use crate::domain::target::ElapsedCounting;
use crate::i18n::{Lang, open_error_text};
use crate::io::review::{ReviewError, write_pack};
use crate::store::{OpenError, Store};

/// Why a pack written on the worker did not arrive.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("{0}")]
    Open(OpenError),
    #[error("{0}")]
    Review(#[from] ReviewError),
    #[error(
        "生成过程意外中断，文件可能不完整。请重试。 / Writing the pack stopped unexpectedly; the files may be incomplete. Please try again."
    )]
    Stopped,
}

impl PackError {
    /// What the user is told, in the UI's language where the error has one.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            PackError::Open(e) => open_error_text(lang, e),
            other => other.to_string(),
        }
    }
}

/// A pack being written: for which month, to where, and the worker's answer to come.
pub struct PackJob {
    pub month: (i32, u32),
    pub path: PathBuf,
    receiver: Receiver<Result<Vec<PathBuf>, PackError>>,
}

impl PackJob {
    /// Starts writing the pack for `month` from the ledger file `database` to `out`.
    pub fn start(
        database: &Path,
        month: (i32, u32),
        counting: ElapsedCounting,
        today: NaiveDate,
        out: PathBuf,
        repaint: Option<Box<dyn Fn() + Send>>,
    ) -> PackJob {
        let (sender, receiver) = channel();
        let database = database.to_path_buf();
        let path = out.clone();
        std::thread::spawn(move || {
            let result = Store::open_to_read(&database)
                .map_err(PackError::Open)
                .and_then(|store| Ok(write_pack(&store, month, counting, today, &out)?));
            // The window may have closed or opened another ledger meanwhile: then nobody waits.
            let _ = sender.send(result);
            if let Some(repaint) = repaint {
                repaint();
            }
        });
        PackJob {
            month,
            path,
            receiver,
        }
    }

    /// The worker's answer once it has one; `None` while it is still writing.
    pub fn poll(&self) -> Option<Result<Vec<PathBuf>, PackError>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(PackError::Stopped)),
        }
    }
}
