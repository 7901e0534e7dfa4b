//! Reading one row on its own into a project, without looking at any other row, so rows can
//! be read on several threads.

use std::borrow::Cow;
use std::sync::atomic::Ordering;

use super::super::header::{Field, Layout};
use super::super::sheet::{CellRef, Grid};
use super::parse::{
    DateValue, cell_is_total, date_field, date_stage, has_scale_word, parse_capital,
    parse_currency, parse_date, parse_ownership, parse_stage, parse_yes_no, split_tags,
};
use super::{Existing, Issue, IssueKind, Progress};
use crate::domain::checks::{AmountBound, date_problems};
use crate::domain::money::{WAN, parse_amount};
use crate::domain::project::ProjectProblem;
use crate::domain::{Currency, Money, Project, RateTable, Stage};

/// Values a row gave, field by field, before they become a project.
pub(super) struct RowBuilder<'a> {
    pub(super) grid: &'a Grid,
    pub(super) layout: &'a Layout,
    pub(super) row: usize,
    pub(super) sheet_row: usize,
    pub(super) issues: Vec<Issue>,
    pub(super) present: Vec<Field>,
}

impl<'a> RowBuilder<'a> {
    pub(super) fn column_name(&self, col: usize) -> String {
        let header = self
            .layout
            .columns
            .get(col)
            .map(|c| c.header.replace(['\n', '\r'], " "))
            .unwrap_or_default();
        format!("{} {}", self.grid.sheet_column(col), header.trim())
    }

    pub(super) fn issue(&mut self, col: Option<usize>, kind: IssueKind) {
        let column = col.map(|c| self.column_name(c)).unwrap_or_default();
        self.issues.push(Issue {
            row: self.sheet_row,
            column,
            kind,
        });
    }

    /// The trimmed text of a field's cell, or `None` if blank (a CSV export's leading `'`
    /// that neutralised a formula is taken off).
    pub(super) fn text(&self, col: usize) -> Option<Cow<'a, str>> {
        let cell = self.grid.cell(self.row, col);
        if cell.is_blank() {
            return None;
        }
        let unquote = |t: &str| -> Option<usize> {
            t.strip_prefix('\'')
                .filter(|rest| rest.starts_with(['=', '+', '-', '@', '\t', '\r']))
                .map(|_| 1)
        };
        Some(match cell {
            CellRef::Text(t) => {
                let t = t.trim();
                Cow::Borrowed(&t[unquote(t).unwrap_or(0)..])
            }
            other => {
                let t = other.to_text();
                match unquote(&t) {
                    Some(skip) => Cow::Owned(t[skip..].to_string()),
                    None => Cow::Owned(t),
                }
            }
        })
    }
}
/// How many rows are read (on several threads) before they are settled in order.
pub(super) const READ_BLOCK: usize = 16 * 1024;

/// One row as read on its own, without looking at any other row, so rows can be read on
/// several threads; what depends on the rows before it (the 合计 checks, new teams and
/// officers, duplicates within the file) is settled afterwards, in order.
pub(super) enum RowRead {
    Blank,
    /// A 合计 / 小计 row, with the column that says so.
    Total(usize),
    Project(Box<ReadProject>),
}

pub(super) struct ReadProject {
    pub(super) project: Project,
    pub(super) team_name: String,
    pub(super) officer_name: String,
    pub(super) issues: Vec<Issue>,
    pub(super) present: Vec<Field>,
    /// The amount cell holds something that is not an amount: the 合计 check cannot be made.
    pub(super) amount_unreadable: bool,
    /// The amount has no unit, in its header or its cell.
    pub(super) unit_missing: bool,
    /// The 总投资 cell's amount, which the 合计 row sums (in CNY beside a 原币金额 column).
    pub(super) listed: Option<Money>,
    /// The 原币金额 cell's amount: a foreign project's investment.
    pub(super) original: Option<Money>,
}

/// A non-blank cell of a mapped column, and its text.
struct Cell<'a> {
    col: usize,
    cell: CellRef<'a>,
    text: Cow<'a, str>,
}

/// What reading any row needs: the grid, the layout and the columns it maps.
pub(super) struct RowReader<'a> {
    pub(super) grid: &'a Grid,
    pub(super) layout: &'a Layout,
    pub(super) mapped: Vec<(usize, Field)>,
    pub(super) derived: Vec<bool>,
    pub(super) width: usize,
    pub(super) name_col: Option<usize>,
    pub(super) currency_col: Option<usize>,
    pub(super) stage_col: Option<usize>,
    pub(super) investment_col: Option<usize>,
    /// A 原币金额 column: then 总投资 is in CNY (its header's unit), whatever 币种 says.
    pub(super) original_col: Option<usize>,
    pub(super) template: Project,
    /// How many threads read the rows of a block.
    pub(super) threads: usize,
    /// For the warnings: today, the plausible bound and the rates it is measured in.
    today: Option<chrono::NaiveDate>,
    bound: AmountBound,
    rates: &'a RateTable,
}

impl<'a> RowReader<'a> {
    /// A reader of `grid`'s rows under `layout`, on `threads` threads.
    pub(super) fn new(
        grid: &'a Grid,
        layout: &'a Layout,
        threads: usize,
        existing: &'a Existing,
    ) -> RowReader<'a> {
        let width = grid.width();
        RowReader {
            grid,
            layout,
            mapped: layout
                .columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| c.field.filter(|f| *f != Field::Derived).map(|f| (i, f)))
                .collect(),
            derived: (0..width)
                .map(|c| {
                    layout
                        .columns
                        .get(c)
                        .is_some_and(|col| col.field == Some(Field::Derived))
                })
                .collect(),
            width,
            name_col: layout.column_of(Field::Name),
            currency_col: layout.column_of(Field::Currency),
            stage_col: layout.column_of(Field::Stage),
            investment_col: layout.column_of(Field::Investment),
            original_col: layout.column_of(Field::OriginalAmount),
            template: Project::new(""),
            threads,
            today: existing.today,
            bound: existing.amount_bound,
            rates: &existing.rates,
        }
    }

    pub(super) fn builder(&self, row: usize) -> RowBuilder<'_> {
        RowBuilder {
            grid: self.grid,
            layout: self.layout,
            row,
            sheet_row: self.grid.sheet_row(row),
            issues: Vec::new(),
            present: Vec::with_capacity(self.mapped.len()),
        }
    }

    pub(super) fn read(&self, row: usize) -> RowRead {
        let grid = self.grid;
        let width = self.width;
        // A plain project row names its project, without 计 and longer than "subtotal":
        // neither blank nor a 合计 row, decided from that one cell (the rest take the long way).
        let name_cell = self
            .name_col
            .map(|c| grid.cell(row, c))
            .unwrap_or(CellRef::Empty);
        let plain = match name_cell {
            CellRef::Text(t) => !t.trim().is_empty() && !t.contains('计') && t.len() > 8,
            _ => false,
        };
        // Blank, or only a 序号 filled in (templates number rows ahead of the data).
        if !plain && (0..width).all(|c| self.derived[c] || grid.cell(row, c).is_blank()) {
            return RowRead::Blank;
        }
        if !plain && let Some(col) = (0..width.min(4)).find(|c| cell_is_total(grid.cell(row, *c))) {
            return RowRead::Total(col);
        }
        let mut b = self.builder(row);
        let mut read = ReadProject {
            project: self.template.clone(),
            team_name: String::new(),
            officer_name: String::new(),
            issues: Vec::new(),
            present: Vec::new(),
            amount_unreadable: false,
            unit_missing: false,
            listed: None,
            original: None,
        };
        let mut stage_given = false;
        let mut row_currency = None;
        if let Some(col) = self.currency_col
            && let Some(text) = b.text(col)
        {
            match parse_currency(&text) {
                Some(c) => row_currency = Some(c),
                None => b.issue(Some(col), IssueKind::AmountCurrency(text.into_owned())),
            }
        }
        for &(col, field) in &self.mapped {
            let cell = self.grid.cell(row, col);
            // A date cell in a date column needs no text: the common case, taken first.
            if let CellRef::Date(day) = cell
                && (date_stage(field).is_some() || field == Field::NextStepDue)
            {
                b.present.push(field);
                match date_stage(field) {
                    Some(stage) => read.project.set_stage_date(stage, Some(day)),
                    None => read.project.next_step_due = Some(day),
                }
                continue;
            }
            let Some(text) = b.text(col) else {
                continue;
            };
            b.present.push(field);
            let cell = Cell { col, cell, text };
            stage_given |= self.read_field(&mut b, &mut read, field, cell, row_currency);
        }
        // A foreign amount in its own currency is the investment; 总投资 beside it is in CNY.
        if let Some(original) = read.original
            && (original.currency != Currency::Cny || read.project.investment.is_none())
        {
            read.project.investment = Some(original);
        }
        self.settle_row(&mut b, &mut read.project, stage_given);
        read.amount_unreadable = read.project.investment.is_none()
            && self.investment_col.is_some_and(|c| b.text(c).is_some());
        read.issues = b.issues;
        read.present = b.present;
        RowRead::Project(Box::new(read))
    }

    /// Reads one field's non-blank cell into `read`; true when it gave the stage.
    fn read_field(
        &self,
        b: &mut RowBuilder<'_>,
        read: &mut ReadProject,
        field: Field,
        cell: Cell<'_>,
        row_currency: Option<Currency>,
    ) -> bool {
        let Cell { col, cell, text } = cell;
        let project = &mut read.project;
        match field {
            Field::Name => project.name = text.into_owned(),
            Field::Company => project.company = text.into_owned(),
            Field::CreditCode => {
                project.credit_code = text
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_uppercase()
            }
            Field::Industry => project.industry = text.into_owned(),
            Field::ChainLink => project.chain_link = text.into_owned(),
            Field::Investment => {
                // Beside a 原币金额 column, 总投资 is in the unit of its header (CNY).
                let currency = row_currency.filter(|_| self.original_col.is_none());
                if let Some((money, no_unit)) = self.read_amount(b, col, &text, currency) {
                    project.investment = Some(money);
                    read.listed = Some(money);
                    read.unit_missing |= no_unit;
                }
            }
            Field::OriginalAmount => {
                read.original = self
                    .read_amount(b, col, &text, row_currency)
                    .map(|(m, _)| m)
            }
            Field::Currency | Field::Derived => {}
            Field::Origin => project.origin = text.into_owned(),
            Field::CapitalType => match parse_capital(&text) {
                Some(c) => project.capital_type = Some(c),
                None => b.issue(Some(col), IssueKind::Capital(text.into_owned())),
            },
            Field::Ownership => match parse_ownership(&text) {
                Some(o) => project.ownership = Some(o),
                None => b.issue(Some(col), IssueKind::Ownership(text.into_owned())),
            },
            Field::Headquarters => match parse_yes_no(&text) {
                Some(v) => project.is_headquarters = v,
                None => b.issue(Some(col), IssueKind::YesNo(text.into_owned())),
            },
            Field::Stage => match parse_stage(&text) {
                Some(s) => {
                    project.stage = s;
                    return true;
                }
                None => b.issue(Some(col), IssueKind::Stage(text.into_owned())),
            },
            Field::LeadDate
            | Field::NegotiatingDate
            | Field::SignedDate
            | Field::ConstructionDate
            | Field::ProductionDate
            | Field::OnHoldDate
            | Field::DroppedDate
            | Field::NextStepDue => {
                let day = match parse_date(cell) {
                    Some(DateValue::Day(d)) => Some(d),
                    Some(DateValue::MonthOnly(d)) => {
                        b.issue(Some(col), IssueKind::MonthOnly(text.to_string()));
                        Some(d)
                    }
                    None => {
                        b.issue(Some(col), IssueKind::Date(text.into_owned()));
                        None
                    }
                };
                match date_stage(field) {
                    Some(stage) => project.set_stage_date(stage, day),
                    None => project.next_step_due = day,
                }
            }
            Field::Team => read.team_name = text.into_owned(),
            Field::Officer => read.officer_name = text.into_owned(),
            Field::Land | Field::AnnualOutput | Field::AnnualTax | Field::Jobs => {
                self.read_figure(b, project, field, col, &text)
            }
            Field::NextStep => project.next_step = text.into_owned(),
            Field::Notes => project.notes = text.into_owned(),
            Field::Tags => project.tags = split_tags(&text),
        }
        false
    }

    /// An amount cell (总投资, 原币金额), in the unit of its header, of the sheet, or 万元, and
    /// in `row_currency` when given; with true when no unit was given anywhere.
    fn read_amount(
        &self,
        b: &mut RowBuilder<'_>,
        col: usize,
        text: &str,
        row_currency: Option<Currency>,
    ) -> Option<(Money, bool)> {
        let unit = self.layout.columns[col].unit.or(self.layout.sheet_unit);
        let scale = unit.map(|u| u.scale).unwrap_or(WAN);
        let currency = row_currency
            .or(unit.and_then(|u| u.currency))
            .unwrap_or(Currency::Cny);
        match parse_amount(text, scale, currency) {
            Ok(parsed) => {
                if parsed.approximate {
                    b.issue(Some(col), IssueKind::Approximate(text.to_string()));
                }
                Some((parsed.money, unit.is_none() && !has_scale_word(text)))
            }
            Err(e) => {
                b.issue(Some(col), IssueKind::Amount(e));
                None
            }
        }
    }

    /// 用地, 年产值, 年税收 and 就业岗位: plain figures (the money ones in CNY).
    fn read_figure(
        &self,
        b: &mut RowBuilder<'_>,
        project: &mut Project,
        field: Field,
        col: usize,
        text: &str,
    ) {
        let unit = self.layout.columns[col].unit;
        match field {
            Field::Land => {
                let t = text.trim_end_matches('亩');
                match parse_amount(t, 100, Currency::Cny) {
                    Ok(p) if p.money.currency == Currency::Cny && !has_scale_word(t) => {
                        project.land_centi_mu = Some(p.money.units)
                    }
                    _ => b.issue(Some(col), IssueKind::Number(text.to_string())),
                }
            }
            Field::AnnualOutput | Field::AnnualTax => {
                let scale = unit.map(|u| u.scale).unwrap_or(WAN);
                match parse_amount(text, scale, Currency::Cny) {
                    Ok(p) if p.money.currency == Currency::Cny => {
                        if field == Field::AnnualOutput {
                            project.annual_output_cny = Some(p.money.units);
                        } else {
                            project.annual_tax_cny = Some(p.money.units);
                        }
                    }
                    Ok(_) => b.issue(Some(col), IssueKind::AmountCurrency(text.to_string())),
                    Err(e) => b.issue(Some(col), IssueKind::Amount(e)),
                }
            }
            _ => {
                let t = text.trim_end_matches(['人', '个']);
                match parse_amount(t, 1, Currency::Cny) {
                    Ok(p) if p.money.currency == Currency::Cny && !has_scale_word(t) => {
                        project.jobs = Some(p.money.units)
                    }
                    _ => b.issue(Some(col), IssueKind::Number(text.to_string())),
                }
            }
        }
    }

    /// What a row is checked for once all its cells are read: a name, a stage (inferred from
    /// the dates when none is given), and the project's own rules.
    fn settle_row(&self, b: &mut RowBuilder<'_>, project: &mut Project, stage_given: bool) {
        if project.name.trim().is_empty() {
            b.issue(self.layout.column_of(Field::Name), IssueKind::NameMissing);
        }
        if !stage_given {
            let inferred = [
                Stage::Production,
                Stage::Construction,
                Stage::Signed,
                Stage::Negotiating,
            ]
            .into_iter()
            .find(|s| project.stage_date(*s).is_some())
            .unwrap_or(Stage::Lead);
            project.stage = inferred;
            if self.stage_col.is_some() {
                b.issue(
                    self.layout.column_of(Field::Stage),
                    IssueKind::StageInferred(inferred),
                );
            }
        }
        for problem in project.validate() {
            match problem {
                ProjectProblem::NameMissing => {}
                ProjectProblem::CreditCode(e) => b.issue(
                    self.layout.column_of(Field::CreditCode),
                    IssueKind::CreditCode(e),
                ),
                ProjectProblem::StageDatesOutOfOrder(a, later) => b.issue(
                    self.layout.column_of(date_field(later)),
                    IssueKind::StageOrder(a, later),
                ),
            }
        }
        for problem in date_problems(project, self.today) {
            b.issue(
                self.layout.column_of(date_field(problem.dated())),
                IssueKind::StageDate(problem),
            );
        }
        if let Some(cny) = self.bound.exceeded(project, self.rates) {
            let bound = self.bound.max_cny;
            b.issue(self.investment_col, IssueKind::Implausible { cny, bound });
        }
    }

    /// Reads `rows` in order, in consecutive parts on `self.threads` threads: on a large ledger
    /// the checks would otherwise add a third to the time the file takes to read. `None` when
    /// the user cancels.
    pub(super) fn read_all(
        &self,
        rows: std::ops::Range<usize>,
        progress: &Progress,
    ) -> Option<Vec<Vec<RowRead>>> {
        const STEP: usize = 1024;
        let read_part = |part: std::ops::Range<usize>| -> Option<Vec<RowRead>> {
            let mut out = Vec::with_capacity(part.len());
            for row in part {
                if out.len() % STEP == STEP - 1 {
                    if progress.cancelled() {
                        return None;
                    }
                    progress.done.fetch_add(STEP, Ordering::Relaxed);
                }
                out.push(self.read(row));
            }
            Some(out)
        };
        let threads = self.threads;
        if threads <= 1 || rows.len() < 4 * STEP {
            return read_part(rows).map(|all| vec![all]);
        }
        let size = rows.len().div_ceil(threads);
        let parts: Vec<std::ops::Range<usize>> = (0..threads)
            .map(|i| {
                let start = rows.start + i * size;
                start.min(rows.end)..(start + size).min(rows.end)
            })
            .collect();
        let results: Vec<Option<Vec<RowRead>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .into_iter()
                .map(|part| scope.spawn(move || read_part(part)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().ok().flatten())
                .collect()
        });
        results.into_iter().collect()
    }
}
