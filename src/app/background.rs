//! Read models made on a worker: a screen's figures computed over a second, read-only
//! connection to the ledger file while the window goes on drawing the figures it has, marked
//! as updating — so a recompute that takes seconds on a large ledger never holds a frame.
//!
//! A model asks [`super::AppState`] for a [`Background`] when it is stale; with none (a ledger in
//! memory, a read-only copy, the command line, most tests) it computes on the spot as before.

use std::path::PathBuf;
use std::time::Duration;

use super::jobs::{Job, Polled, Repaint};
use super::{Freshness, Ledger};
use crate::store::{self, Store};

/// How a worker reaches the ledger: its file, and the window to wake when figures are ready.
#[derive(Clone)]
pub struct Background {
    pub file: PathBuf,
    pub repaint: Option<Repaint>,
}

type Answer<T> = (Option<Store>, store::Result<T>);

/// One read model's figures being made on a worker. The read-only connection is kept between
/// runs, so its page cache stays warm.
pub struct Refresh<T> {
    reader: Option<Store>,
    running: Option<Job<Answer<T>>>,
    /// A run's end, when [`Refresh::wait`] saw it.
    ended: Option<Polled<Answer<T>>>,
    /// A run's worker died: no more runs there.
    broken: bool,
}

impl<T> Default for Refresh<T> {
    fn default() -> Self {
        Refresh {
            reader: None,
            running: None,
            ended: None,
            broken: false,
        }
    }
}

impl<T: Send + 'static> Refresh<T> {
    /// Whether a worker is making figures now (the shown ones are older than the ledger).
    pub fn is_updating(&self) -> bool {
        self.running.is_some() && self.ended.is_none()
    }

    /// Whether a run has started whose figures are not shown yet (made, or being made).
    pub fn is_pending(&self) -> bool {
        self.running.is_some()
    }

    /// Takes a finished run's answer off its thread, for the next [`Refresh::update`] to
    /// show: a model whose screen is not shown keeps it until the screen is.
    pub fn collect(&mut self) {
        if self.ended.is_none()
            && let Some(job) = &self.running
        {
            match job.poll() {
                Polled::Running => {}
                ended => self.ended = Some(ended),
            }
        }
    }

    /// New figures to show, if any are ready: those a worker finished, or — when the model is
    /// stale and no worker can make them — those `work` makes here at once. A stale model
    /// starts `work` on a worker, one run at a time: one that goes stale meanwhile starts
    /// again once the run ends.
    pub fn update(
        &mut self,
        fresh: &mut Freshness,
        ledger: &Ledger,
        background: Option<&Background>,
        work: impl FnOnce(&Store) -> store::Result<T> + Send + 'static,
    ) -> store::Result<Option<T>> {
        let done = self.take(fresh);
        if !fresh.is_stale(ledger.data_version()) || self.is_updating() {
            return done.transpose();
        }
        fresh.built(ledger.data_version());
        match background.filter(|_| !self.broken) {
            Some(background) => {
                self.start(background, work);
                done.transpose()
            }
            None => work(ledger.store()).map(Some),
        }
    }

    /// Waits up to `timeout` for a run to end (tests and benchmarks); true when none runs
    /// (its figures are taken by the next [`Refresh::update`]).
    pub fn wait(&mut self, timeout: Duration) -> bool {
        let Some(job) = self.running.as_ref().filter(|_| self.ended.is_none()) else {
            return true;
        };
        match job.wait(timeout) {
            Polled::Running => false,
            ended => {
                self.ended = Some(ended);
                true
            }
        }
    }

    fn start(
        &mut self,
        background: &Background,
        work: impl FnOnce(&Store) -> store::Result<T> + Send + 'static,
    ) {
        let reader = self.reader.take();
        let file = background.file.clone();
        self.running = Some(Job::spawn(background.repaint.clone(), move |_| {
            let reader = match reader {
                Some(reader) => reader,
                None => match Store::open_reader(&file) {
                    Ok(reader) => reader,
                    Err(e) => return (None, Err(e)),
                },
            };
            let figures = work(&reader);
            (Some(reader), figures)
        }));
    }

    /// A finished run's figures; never blocks. Should the worker die (a bug), the model is
    /// made stale and its figures are made on the window's thread from then on.
    fn take(&mut self, fresh: &mut Freshness) -> Option<store::Result<T>> {
        let polled = match self.ended.take() {
            Some(ended) => ended,
            None => self.running.as_ref()?.poll(),
        };
        match polled {
            Polled::Running => None,
            Polled::Done((reader, figures)) => {
                self.running = None;
                self.reader = reader;
                Some(figures)
            }
            Polled::Died => {
                self.running = None;
                self.broken = true;
                fresh.invalidate();
                None
            }
        }
    }
}

/// Any model's [`Refresh`], whatever its figures: what the app does with all of them at once.
pub trait Pending {
    fn is_updating(&self) -> bool;
    fn collect(&mut self);
    fn wait(&mut self, timeout: Duration) -> bool;
}

impl<T: Send + 'static> Pending for Refresh<T> {
    fn is_updating(&self) -> bool {
        Refresh::is_updating(self)
    }

    fn collect(&mut self) {
        Refresh::collect(self);
    }

    fn wait(&mut self, timeout: Duration) -> bool {
        Refresh::wait(self, timeout)
    }
}
