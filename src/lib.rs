//! 招商台账 Zhaoshang: an offline ledger of investment-attraction projects, their teams and targets.
//!
//! Dependencies point one way: `ui → app → store → domain`; `io` and `cli` use `app`, `store`
//! and `domain`. Only the `store` speaks SQL and only the `app` writes through it.

pub mod app;
pub mod cli;
pub mod cli_sync;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod io;
pub mod report;
pub mod store;
pub mod sync;
pub mod ui;
