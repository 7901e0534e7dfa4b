//! Settling read rows in order: the 合计 checks, the teams, officers and industries met so
//! far, and duplicates against the ledger and within the file.

use foldhash::{HashMap, HashSet};

use uuid::Uuid;

use super::super::header::{Field, Layout, Unit};
use super::super::sheet::{Grid, ReadError};
use super::row::{READ_BLOCK, ReadProject, RowBuilder, RowRead, RowReader};
use super::seen::SeenKeys;
use super::{
    Duplicate, Existing, ImportPreview, ImportRow, Issue, IssueKind, PreviewError, Progress,
};
use crate::domain::money::{WAN, parse_amount};
use crate::domain::{Currency, Money, Officer, Project, Team};

/// A sum of amounts by currency, for the 合计 check.
#[derive(Default)]
struct Section {
    sums: HashMap<Currency, i128>,
    unreadable: bool,
}

/// What checking carries from one row to the next — the 合计 sums, teams, officers and
/// industries met so far, the duplicates within the file — so the rows can be checked in
/// parts: a whole sheet at once, or an .xlsx in blocks while the rest is still being parsed.
pub(super) struct Checker<'e> {
    layout: Layout,
    existing: &'e Existing,
    preview: ImportPreview,
    by_code: HashMap<&'e str, usize>,
    by_company_name: HashMap<(&'e str, &'e str), usize>,
    teams_by_name: HashMap<&'e str, Uuid>,
    known_industries: HashSet<&'e str>,
    new_teams: Vec<Team>,
    new_officers: Vec<Officer>,
    new_industries: Vec<String>,
    /// The first row of the file with each key, as its index in the preview's rows.
    seen_codes: SeenKeys,
    seen_company_names: SeenKeys,
    section: Section,
    grand: Section,
    unit_missing: bool,
    ids: Ids,
    /// Threads for reading rows: every core for a sheet read whole, one less while an .xlsx is
    /// still being parsed on a thread of its own.
    pub(super) threads: usize,
}

/// How many cores the machine offers (up to four are used).
pub(super) fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4)
}

/// A block's rows: being read on threads of their own, or read already.
enum Pending<'s> {
    Spawned(std::thread::ScopedJoinHandle<'s, Option<Vec<Vec<RowRead>>>>),
    Ready(Option<Vec<Vec<RowRead>>>),
}

impl Pending<'_> {
    fn wait(self) -> Option<Vec<Vec<RowRead>>> {
        match self {
            Pending::Spawned(handle) => handle.join().ok().flatten(),
            Pending::Ready(reads) => reads,
        }
    }
}

impl<'e> Checker<'e> {
    /// `grid` holds the header row; about `rows_below` rows are expected under it.
    pub(super) fn new(
        book_info: (&str, &[String], Option<String>),
        grid: &Grid,
        layout: Layout,
        existing: &'e Existing,
        rows_below: usize,
    ) -> Checker<'e> {
        let (sheet, sheets, detected) = book_info;
        let mut preview = ImportPreview {
            sheet: sheet.to_string(),
            sheets: sheets.to_vec(),
            detected,
            header_row: grid.sheet_row(layout.header_row),
            ..Default::default()
        };
        for (col, column) in layout.unmapped() {
            preview.issues.push(Issue {
                row: grid.sheet_row(layout.header_row),
                column: format!("{} {}", grid.sheet_column(col), column.header.trim()),
                kind: IssueKind::Ignored(column.header.clone()),
            });
        }
        if let Some(source) = &layout.sheet_unit_source
            && let Some(col) = layout.column_of(Field::Investment)
            && layout.columns[col].unit.is_none()
        {
            let row = grid.sheet_row(source.row);
            preview.issues.push(Issue {
                row,
                column: grid.sheet_column(source.col),
                kind: IssueKind::UnitFromTitle {
                    row,
                    line: grid
                        .cell(source.row, source.col)
                        .to_text()
                        .trim()
                        .to_string(),
                    word: source.word.clone(),
                },
            });
        }
        preview.rows.reserve_exact(rows_below);
        Checker {
            by_code: existing
                .projects
                .iter()
                .enumerate()
                .filter(|(_, p)| !p.credit_code.is_empty())
                .map(|(i, p)| (p.credit_code.as_str(), i))
                .collect(),
            by_company_name: existing
                .projects
                .iter()
                .enumerate()
                .filter(|(_, p)| !p.name.is_empty())
                .map(|(i, p)| ((p.company.as_str(), p.name.as_str()), i))
                .collect(),
            teams_by_name: existing
                .teams
                .iter()
                .map(|t| (t.name.trim(), t.id))
                .collect(),
            known_industries: existing.industries.iter().map(|s| s.as_str()).collect(),
            layout,
            existing,
            preview,
            new_teams: Vec::new(),
            new_officers: Vec::new(),
            new_industries: Vec::new(),
            seen_codes: SeenKeys::with_capacity(rows_below),
            seen_company_names: SeenKeys::with_capacity(rows_below),
            section: Section::default(),
            grand: Section::default(),
            unit_missing: false,
            ids: Ids::new(),
            threads: cores(),
        }
    }

    /// Checks `rows` of `grid` (a whole sheet, or one block of it), in order.
    pub(super) fn check(
        &mut self,
        grid: &Grid,
        rows: std::ops::Range<usize>,
        progress: &Progress,
    ) -> Result<(), PreviewError> {
        // The readers share the layout with the threads while the checker changes.
        let layout = self.layout.clone();
        let reader = RowReader::new(grid, &layout, self.threads, self.existing);
        // Rows are read in blocks, each on several threads, and settled in order block by
        // block while the threads read the next: only a block's worth of rows waits in memory
        // besides the preview, and settling (duplicates, teams, 合计) overlaps the reading.
        let height = rows.end;
        let starts: Vec<usize> = rows.step_by(READ_BLOCK).collect();
        std::thread::scope(|scope| -> Result<(), PreviewError> {
            let reader = &reader;
            // With a single thread to spare, a block is read here, then settled.
            let read_block = |start: usize| {
                let rows = start..(start + READ_BLOCK).min(height);
                if reader.threads <= 1 {
                    Pending::Ready(reader.read_all(rows, progress))
                } else {
                    Pending::Spawned(scope.spawn(move || reader.read_all(rows, progress)))
                }
            };
            let mut pending = starts.first().map(|start| (*start, read_block(*start)));
            let mut next = 1;
            while let Some((start, block)) = pending.take() {
                pending = starts.get(next).map(|start| (*start, read_block(*start)));
                next += 1;
                let reads = block.wait().ok_or(ReadError::Cancelled)?;
                for (row, read) in (start..).zip(reads.into_iter().flatten()) {
                    self.preview.total_rows += 1;
                    match read {
                        RowRead::Blank => self.preview.blank_rows += 1,
                        RowRead::Total(col) => self.settle_total(reader, row, col),
                        RowRead::Project(read) => self.settle_project(reader, row, *read),
                    }
                }
            }
            Ok(())
        })
    }

    /// A 合计 or 小计 row: its amount against the sum of the rows above it.
    fn settle_total(&mut self, reader: &RowReader<'_>, row: usize, total_col: usize) {
        let grid = reader.grid;
        let mut b = reader.builder(row);
        let is_subtotal = grid.cell(row, total_col).to_text().contains("小计");
        let scope: &Section = if is_subtotal {
            &self.section
        } else {
            &self.grand
        };
        if let Some(col) = reader.investment_col
            && let Some(text) = b.text(col)
        {
            let unit = reader.layout.columns[col]
                .unit
                .or(reader.layout.sheet_unit)
                .unwrap_or(Unit {
                    scale: WAN,
                    currency: None,
                });
            match parse_amount(&text, unit.scale, unit.currency.unwrap_or(Currency::Cny)) {
                Ok(parsed) => {
                    let others = scope.sums.keys().any(|c| *c != parsed.money.currency);
                    if scope.unreadable || others {
                        b.issue(Some(col), IssueKind::TotalUnchecked);
                    } else {
                        let sum = scope.sums.get(&parsed.money.currency).copied().unwrap_or(0);
                        if sum != parsed.money.units as i128 {
                            let computed = i64::try_from(sum)
                                .map(|u| {
                                    Money {
                                        units: u,
                                        currency: parsed.money.currency,
                                    }
                                    .display_zh()
                                })
                                .unwrap_or_else(|_| sum.to_string());
                            b.issue(
                                Some(col),
                                IssueKind::TotalMismatch {
                                    written: parsed.money.display_zh(),
                                    computed,
                                },
                            );
                        }
                    }
                }
                Err(_) => b.issue(Some(col), IssueKind::TotalUnchecked),
            }
        }
        if is_subtotal {
            self.section = Section::default();
        }
        self.preview.issues.append(&mut b.issues);
    }

    /// A project row: counted for the 合计 checks, its team, officer and industry found or
    /// created, and matched against the ledger and the rows above.
    fn settle_project(&mut self, reader: &RowReader<'_>, row: usize, read: ReadProject) {
        let ReadProject {
            mut project,
            team_name,
            officer_name,
            issues,
            present,
            amount_unreadable,
            unit_missing,
            listed,
            original: _,
        } = read;
        self.unit_missing |= unit_missing;
        project.id = self.ids.next_id();
        let mut b = reader.builder(row);
        b.issues = issues;
        b.present = present;
        // Sums for the 合计 check, rows with errors included: the total was written over them.
        match listed {
            Some(m) => {
                *self.section.sums.entry(m.currency).or_default() += m.units as i128;
                *self.grand.sums.entry(m.currency).or_default() += m.units as i128;
            }
            None => {
                if amount_unreadable {
                    self.section.unreadable = true;
                    self.grand.unreadable = true;
                }
            }
        }
        if b.issues.iter().any(|i| i.kind.is_error()) {
            self.preview.bad_rows += 1;
            self.preview.issues.append(&mut b.issues);
            return;
        }
        self.link_people(&mut b, &mut project, team_name, officer_name);
        if !project.industry.is_empty()
            && !self.known_industries.contains(project.industry.as_str())
            && !self.new_industries.contains(&project.industry)
        {
            self.new_industries.push(project.industry.clone());
        }
        let duplicate = self.find_duplicate(&mut b, &project);
        self.preview.issues.append(&mut b.issues);
        self.preview.rows.push(ImportRow {
            row: b.sheet_row,
            packed: crate::domain::packed::PackedProject::pack(&project),
            present: b.present,
            duplicate,
            choice: None,
        });
    }

    /// Teams and officers: existing ones by name, the rest created on confirm.
    fn link_people(
        &mut self,
        b: &mut RowBuilder<'_>,
        project: &mut Project,
        team_name: String,
        officer_name: String,
    ) {
        if !team_name.is_empty() {
            let id = self
                .teams_by_name
                .get(team_name.as_str())
                .copied()
                .or_else(|| {
                    self.new_teams
                        .iter()
                        .find(|t| t.name == team_name)
                        .map(|t| t.id)
                })
                .unwrap_or_else(|| {
                    let team = Team::new(team_name.clone());
                    let id = team.id;
                    self.new_teams.push(team);
                    id
                });
            project.team_id = Some(id);
        }
        if officer_name.is_empty() {
            return;
        }
        let found = self
            .existing
            .officers
            .iter()
            .chain(self.new_officers.iter())
            .find(|o| o.name == officer_name && project.team_id.is_none_or(|t| t == o.team_id))
            .map(|o| (o.id, o.team_id));
        match (found, project.team_id) {
            (Some((id, team)), _) => {
                project.officer_id = Some(id);
                project.team_id.get_or_insert(team);
            }
            (None, Some(team)) => {
                let officer = Officer::new(team, officer_name);
                project.officer_id = Some(officer.id);
                self.new_officers.push(officer);
            }
            (None, None) => {
                let col = self.layout.column_of(Field::Officer);
                b.issue(col, IssueKind::OfficerWithoutTeam(officer_name.clone()));
                if !project.notes.is_empty() {
                    project.notes.push('\n');
                }
                project.notes.push_str(&format!("负责人：{officer_name}"));
            }
        }
    }

    /// Duplicates: same credit code, or same company and name (a ledger without an investor
    /// column matches by name alone). A row that repeats an earlier row of the file is a
    /// duplicate of that row (whatever the ledger holds: the earlier row answers for both),
    /// with the same choices as one of the ledger.
    fn find_duplicate(&mut self, b: &mut RowBuilder<'_>, project: &Project) -> Option<Duplicate> {
        let code_key = (!project.credit_code.is_empty()).then(|| project.credit_code.clone());
        let pair_key = (
            project.company.trim().to_string(),
            project.name.trim().to_string(),
        );
        let existing = self.existing;
        let found = code_key
            .as_deref()
            .and_then(|c| self.by_code.get(c))
            .or_else(|| {
                self.by_company_name
                    .get(&(pair_key.0.as_str(), pair_key.1.as_str()))
            })
            .map(|i| Duplicate {
                id: existing.projects[*i].id,
                name: existing.projects[*i].name.clone(),
                in_file: None,
            });
        // An earlier row's keys, read from its packed project.
        let rows = &self.preview.rows;
        let code = code_key.as_deref().unwrap_or_default();
        let has_code = |i: usize| rows.get(i).is_some_and(|r| r.packed.keys().2 == code);
        let has_pair = |i: usize| {
            rows.get(i).is_some_and(|r| {
                let (name, company, _) = r.packed.keys();
                company.trim() == pair_key.0 && name.trim() == pair_key.1
            })
        };
        let pair_text = format!("{}\u{1f}{}", pair_key.0, pair_key.1);
        let earlier = code_key
            .as_ref()
            .and_then(|c| self.seen_codes.get(c, has_code))
            .or_else(|| self.seen_company_names.get(&pair_text, has_pair))
            .and_then(|i| rows.get(i))
            .map(|r| Duplicate {
                id: r.packed.id(),
                name: r.packed.name().to_string(),
                in_file: Some(r.row),
            });
        if let Some(row) = earlier.as_ref().and_then(|d| d.in_file) {
            b.issue(None, IssueKind::DuplicateInFile(row));
        }
        let index = rows.len();
        if let Some(c) = &code_key {
            self.seen_codes.insert(c, index, has_code);
        }
        self.seen_company_names.insert(&pair_text, index, has_pair);
        earlier.or(found)
    }

    /// The preview, once every row is checked; `grid` names the amount's column.
    pub(super) fn finish(self, grid: &Grid) -> ImportPreview {
        let mut preview = self.preview;
        if self.unit_missing {
            preview.issues.insert(
                0,
                Issue {
                    row: 0,
                    column: self
                        .layout
                        .column_of(Field::Investment)
                        .map(|c| grid.sheet_column(c))
                        .unwrap_or_default(),
                    kind: IssueKind::NoUnit,
                },
            );
        }
        preview.new_teams = self.new_teams;
        preview.new_officers = self.new_officers;
        preview.new_industries = self.new_industries;
        preview.layout = Some(self.layout);
        preview
    }
}

/// UUIDv7 ids for imported projects without a system call each: the time once, the random
/// part from a generator seeded by one ordinary v7 id.
struct Ids {
    millis: u64,
    rng: rand::rngs::SmallRng,
}

impl Ids {
    pub(super) fn new() -> Ids {
        use rand::SeedableRng;
        let seed = Uuid::now_v7();
        let millis = seed
            .get_timestamp()
            .map(|t| {
                let (secs, nanos) = t.to_unix();
                secs * 1000 + u64::from(nanos) / 1_000_000
            })
            .unwrap_or_default();
        Ids {
            millis,
            rng: rand::rngs::SmallRng::seed_from_u64(seed.as_u64_pair().1),
        }
    }

    fn next_id(&mut self) -> Uuid {
        use rand::RngCore;
        let mut bytes = [0u8; 10];
        self.rng.fill_bytes(&mut bytes);
        uuid::Builder::from_unix_timestamp_millis(self.millis, &bytes).into_uuid()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imported_ids_are_distinct_version_7_uuids() {
        let mut ids = Ids::new();
        let all: HashSet<Uuid> = (0..10_000).map(|_| ids.next_id()).collect();
        assert_eq!(all.len(), 10_000);
        assert!(all.iter().all(|id| id.get_version_num() == 7));
    }
}
