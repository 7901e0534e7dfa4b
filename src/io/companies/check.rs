//! A company file's rows checked against the ledger: each row becomes a target company, or is
//! refused with its line and reason (no name, a bad credit code, priority, 链主 mark or contact
//! status, a link or an owner the ledger does not know or cannot tell apart), or is a duplicate
//! — the same credit code, or failing a code the same name, as a company in the ledger or an
//! earlier row — skipped and counted, as the project import skips by default.

use std::collections::HashSet;

use uuid::Uuid;

use super::CompanyRow;
use crate::domain::Officer;
use crate::domain::credit_code::{self, CreditCodeError};
use crate::domain::target_company::{ContactStatus, Priority, TargetCompany};
use crate::i18n::{Lang, T};
use crate::io::import::{Issue, IssueKind};

/// A link a row may name: its chain's name and its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkName {
    pub id: Uuid,
    pub chain: String,
    pub link: String,
}

/// "新能源汽车/动力电池": how a file names a link.
pub fn link_text(l: &LinkName) -> String {
    format!("{}/{}", l.chain, l.link)
}

/// What the rows are checked against.
pub struct Catalog<'a> {
    pub links: &'a [LinkName],
    pub officers: &'a [Officer],
    pub existing: &'a [TargetCompany],
}

/// Why a row was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    NoName,
    CreditCode(CreditCodeError),
    BadPriority(String),
    BadLeader(String),
    BadContact(String),
    UnknownLink(String),
    /// A link name several chains (or sub-links) share: write it as 链/环节.
    AmbiguousLink(String),
    UnknownOfficer(String),
    /// Several officers have this name.
    AmbiguousOfficer(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub problem: RowProblem,
}

impl RowError {
    /// "第 3 行：优先级“D”不是 A、B、C 之一".
    pub fn text(&self, lang: Lang) -> String {
        let t = |key: T, text: &str| lang.t(key).replace("{text}", text);
        let problem = match &self.problem {
            RowProblem::NoName => lang.t(T::CoRowNoName).to_owned(),
            RowProblem::CreditCode(e) => Issue {
                row: self.line,
                column: String::new(),
                kind: IssueKind::CreditCode(e.clone()),
            }
            .text(lang),
            RowProblem::BadPriority(s) => t(T::CoRowBadPriority, s),
            RowProblem::BadLeader(s) => t(T::CoRowBadLeader, s),
            RowProblem::BadContact(s) => t(T::CoRowBadContact, s),
            RowProblem::UnknownLink(s) => t(T::CoRowUnknownLink, s),
            RowProblem::AmbiguousLink(s) => t(T::CoRowAmbiguousLink, s),
            RowProblem::UnknownOfficer(s) => t(T::CoRowUnknownOfficer, s),
            RowProblem::AmbiguousOfficer(s) => t(T::CoRowAmbiguousOfficer, s),
        };
        lang.t(T::CoRowLine)
            .replace("{line}", &self.line.to_string())
            .replace("{problem}", &problem)
    }
}

/// What 确认 would write: the new companies (with their lines), how many rows were
/// duplicates, and the rows refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyPreview {
    pub new: Vec<(usize, TargetCompany)>,
    pub duplicates: usize,
    pub refused: Vec<RowError>,
}

/// The companies already held, by the keys a duplicate is found by.
#[derive(Default)]
struct Seen {
    codes: HashSet<String>,
    names: HashSet<String>,
    names_without_code: HashSet<String>,
}

impl Seen {
    fn add(&mut self, c: &TargetCompany) {
        let code = c.credit_code.trim().to_uppercase();
        let name = c.name.trim().to_owned();
        if code.is_empty() {
            self.names_without_code.insert(name.clone());
        } else {
            self.codes.insert(code);
        }
        self.names.insert(name);
    }

    /// The same credit code; or, where either has no code, the same name.
    fn holds(&self, c: &TargetCompany) -> bool {
        let code = c.credit_code.trim().to_uppercase();
        let name = c.name.trim();
        if code.is_empty() {
            self.names.contains(name)
        } else {
            self.codes.contains(&code) || self.names_without_code.contains(name)
        }
    }
}

/// Every row checked, in order.
pub fn check(rows: &[CompanyRow], catalog: &Catalog) -> CompanyPreview {
    let mut seen = Seen::default();
    catalog.existing.iter().for_each(|c| seen.add(c));
    let mut preview = CompanyPreview::default();
    for row in rows {
        match company_of(row, catalog) {
            Err(problem) => preview.refused.push(RowError {
                line: row.line,
                problem,
            }),
            Ok(c) if seen.holds(&c) => preview.duplicates += 1,
            Ok(c) => {
                seen.add(&c);
                preview.new.push((row.line, c));
            }
        }
    }
    preview
}

/// The company a row makes, or the first thing wrong with it.
fn company_of(row: &CompanyRow, catalog: &Catalog) -> Result<TargetCompany, RowProblem> {
    let [
        name,
        code,
        city,
        links,
        priority,
        leader,
        officer,
        contact,
        notes,
    ] = &row.cells;
    if name.is_empty() {
        return Err(RowProblem::NoName);
    }
    let mut c = TargetCompany::new(name.as_str());
    if !code.is_empty() {
        c.credit_code = credit_code::validate(code).map_err(RowProblem::CreditCode)?;
    }
    c.city = city.clone();
    c.links = links_of(links, catalog.links)?;
    if !priority.is_empty() {
        let code = priority.trim_end_matches(['级', '类']);
        c.priority =
            Priority::from_code(code).ok_or_else(|| RowProblem::BadPriority(priority.clone()))?;
    }
    c.chain_leader = yes_no(leader).ok_or_else(|| RowProblem::BadLeader(leader.clone()))?;
    if !officer.is_empty() {
        let found: Vec<&Officer> = (catalog.officers.iter())
            .filter(|o| o.name.trim() == officer)
            .collect();
        c.officer = match found.as_slice() {
            [one] => Some(one.id),
            [] => return Err(RowProblem::UnknownOfficer(officer.clone())),
            _ => return Err(RowProblem::AmbiguousOfficer(officer.clone())),
        };
    }
    if !contact.is_empty() {
        c.contact = contact_of(contact).ok_or_else(|| RowProblem::BadContact(contact.clone()))?;
    }
    c.notes = notes.clone();
    Ok(c)
}

/// The links a cell names, separated by 、 or ; — each "链/环节", or a link's name alone where
/// only one link has it.
fn links_of(cell: &str, links: &[LinkName]) -> Result<Vec<Uuid>, RowProblem> {
    let mut out = Vec::new();
    for part in cell.split(['、', ';', '；']).map(str::trim) {
        if part.is_empty() {
            continue;
        }
        let id = link_named(part, links)?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

fn link_named(text: &str, links: &[LinkName]) -> Result<Uuid, RowProblem> {
    let pick = |found: Vec<&LinkName>| match found.as_slice() {
        [one] => Some(Ok(one.id)),
        [] => None,
        _ => Some(Err(RowProblem::AmbiguousLink(text.to_owned()))),
    };
    // "链/环节" (or the screen's "链 · 环节") first; a link's own name may hold a "/" too.
    let split = text
        .split_once(['/', '／'])
        .or_else(|| text.split_once(" · "));
    if let Some((chain, link)) = split {
        let (chain, link) = (chain.trim(), link.trim());
        let found = (links.iter())
            .filter(|l| l.chain == chain && l.link == link)
            .collect();
        if let Some(answer) = pick(found) {
            return answer;
        }
    }
    let found = links.iter().filter(|l| l.link == text).collect();
    pick(found).unwrap_or_else(|| Err(RowProblem::UnknownLink(text.to_owned())))
}

/// A 链主 cell: 是/否 and their usual spellings; blank is 否.
fn yes_no(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "是" | "y" | "yes" | "true" | "1" | "√" | "✓" | "★" | "链主" => Some(true),
        "" | "否" | "n" | "no" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// A contact status cell in Chinese or English, or its stored code.
fn contact_of(cell: &str) -> Option<ContactStatus> {
    let cell = cell.trim();
    ContactStatus::ALL.into_iter().find(|s| {
        cell == Lang::Zh.contact_label(*s)
            || cell.eq_ignore_ascii_case(Lang::En.contact_label(*s))
            || cell == s.code()
    })
}
