//! Checking a register read against the ledger: officers' and projects' names matched (the
//! names not found reported, the row still taken), and rows already there — the same type,
//! first day, place and companies — skipped as duplicates and counted.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use uuid::Uuid;

use super::register::{RefusedRow, Register};
use crate::domain::Officer;
use crate::domain::activity::Activity;

/// What makes two activities the same for an import: type, first day, place, companies.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DuplicateKey {
    kind: String,
    start: NaiveDate,
    place: String,
    companies: Vec<String>,
}

pub fn duplicate_key(a: &Activity) -> DuplicateKey {
    let mut companies: Vec<String> = a.companies.iter().map(|c| c.trim().to_string()).collect();
    companies.sort();
    DuplicateKey {
        kind: a.kind.clone(),
        start: a.start,
        place: a.place.trim().to_string(),
        companies,
    }
}

/// What the ledger holds that a register is checked against.
pub struct Catalog<'a> {
    pub officers: &'a [Officer],
    /// Live projects by exact name (the names the register mentions, at least).
    pub projects: &'a HashMap<String, Vec<Uuid>>,
    /// The keys of the activities already in the ledger on the register's days.
    pub existing: &'a HashSet<DuplicateKey>,
}

/// A name of the register that matched nothing (or, for a project, several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedName {
    pub sheet_row: usize,
    pub name: String,
    /// How many live projects bear the name (0: none; more than 1: which one is unclear).
    pub matches: usize,
}

/// A register checked: the activities to write, with their rows; the rows refused and why;
/// the duplicates skipped; the names that matched nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterPreview {
    pub new: Vec<(usize, Activity)>,
    pub refused: Vec<RefusedRow>,
    /// Rows already in the ledger, or repeating an earlier row of the file.
    pub duplicates: usize,
    pub unknown_officers: Vec<UnmatchedName>,
    pub unknown_projects: Vec<UnmatchedName>,
}

/// The first and last day a register covers (for the duplicates' look-up).
pub fn days_covered(register: &Register) -> Option<(NaiveDate, NaiveDate)> {
    let starts = register.rows.iter().map(|r| r.activity.start);
    Some((starts.clone().min()?, starts.max()?))
}

/// Matches the names and skips the duplicates.
pub fn check(register: Register, catalog: &Catalog) -> RegisterPreview {
    let mut preview = RegisterPreview {
        refused: register.refused,
        ..RegisterPreview::default()
    };
    let mut seen: HashSet<DuplicateKey> = HashSet::new();
    for row in register.rows {
        let mut a = row.activity;
        for name in &row.officer_names {
            match catalog.officers.iter().find(|o| o.name == *name) {
                Some(o) if !a.officers.contains(&o.id) => a.officers.push(o.id),
                Some(_) => {}
                None => preview.unknown_officers.push(UnmatchedName {
                    sheet_row: row.sheet_row,
                    name: name.clone(),
                    matches: 0,
                }),
            }
        }
        for name in &row.project_names {
            match catalog.projects.get(name).map(Vec::as_slice) {
                Some([id]) if !a.projects.contains(id) => a.projects.push(*id),
                Some([_]) => {}
                found => preview.unknown_projects.push(UnmatchedName {
                    sheet_row: row.sheet_row,
                    name: name.clone(),
                    matches: found.map_or(0, <[Uuid]>::len),
                }),
            }
        }
        let key = duplicate_key(&a);
        if catalog.existing.contains(&key) || !seen.insert(key) {
            preview.duplicates += 1;
            continue;
        }
        preview.new.push((row.sheet_row, a));
    }
    preview
}
