//! Plain types and rules of the domain: no egui, no SQL.

pub mod activity;
pub mod chain;
pub mod checks;
pub mod credit_code;
pub mod money;
pub mod packed;
pub mod pipeline;
pub mod project;
pub mod query;
pub mod region;
pub mod target;
pub mod target_company;
pub mod team;
pub mod tier;
pub mod tile_map;

pub use money::{Currency, Money, RateTable};
pub use project::{CapitalType, Ownership, Project, Stage};
pub use team::{Officer, Team, TeamKind};
pub use tier::Tiers;
