//! The ledger's queries: which projects a filter shows, in what order, their totals, and the
//! few rows on screen. The list of matching keys is small (8 bytes a project); whole rows are
//! read only for what is visible.

use chrono::NaiveDate;
use rusqlite::types::Value;
use uuid::Uuid;

use super::{
    DateField, LedgerRow, LedgerTotals, ProjectFilter, Result, SortColumn, SortOrder, Store,
    StoreError, search,
};
use crate::domain::{Currency, Money, Stage};

impl DateField {
    fn column(self) -> &'static str {
        match self {
            DateField::Lead => "p.lead_date",
            DateField::Negotiating => "p.negotiating_date",
            DateField::Signed => "p.signed_date",
            DateField::Construction => "p.construction_date",
            DateField::Production => "p.production_date",
            // updated_at is a timestamp; its first ten characters are the day.
            DateField::Updated => "substr(p.updated_at, 1, 10)",
        }
    }
}

impl ProjectFilter {
    /// `WHERE` clause (over `projects p`) and its parameters.
    pub(super) fn where_clause(&self) -> (String, Vec<Value>) {
        self.where_clause_entering(true)
    }

    /// [`Self::where_clause`]; with `by_stage` false the stages are checked on each row the
    /// other conditions find, so that SQLite never enters by the stage's index (see
    /// [`Store::dated_keys`]).
    fn where_clause_entering(&self, by_stage: bool) -> (String, Vec<Value>) {
        let mut conditions = vec!["p.deleted_at IS NULL".to_string()];
        let mut values: Vec<Value> = Vec::new();
        let param = |v: Value, values: &mut Vec<Value>| {
            values.push(v);
            format!("?{}", values.len())
        };
        if !self.stages.is_empty() {
            let list: Vec<String> = self
                .stages
                .iter()
                .map(|s| param(Value::Text(s.code().into()), &mut values))
                .collect();
            let unindexed = if by_stage { "" } else { "+" };
            conditions.push(format!("{unindexed}p.stage IN ({})", list.join(", ")));
        }
        if let Some(industry) = &self.industry {
            let p = param(Value::Text(industry.clone()), &mut values);
            conditions.push(format!("p.industry = {p}"));
        }
        if let Some(team) = self.team_id {
            let p = param(Value::Text(team.to_string()), &mut values);
            conditions.push(format!("p.team_id = {p}"));
        }
        if let Some(officer) = self.officer_id {
            let p = param(Value::Text(officer.to_string()), &mut values);
            conditions.push(format!("p.officer_id = {p}"));
        }
        if let Some(min) = self.amount_cny_min {
            let p = param(Value::Integer(min), &mut values);
            conditions.push(format!("p.amount_cny >= {p}"));
        }
        if let Some(max) = self.amount_cny_max {
            let p = param(Value::Integer(max), &mut values);
            conditions.push(format!("p.amount_cny < {p}"));
        }
        if let Some(region) = self.region {
            let p = param(Value::Text(region.code().into()), &mut values);
            conditions.push(format!("p.origin_region = {p}"));
        }
        if let Some(province) = &self.origin_province {
            let p = param(Value::Text(province.clone()), &mut values);
            conditions.push(format!("p.origin_province = {p}"));
        }
        let column = self.date_field.column();
        if let Some(from) = self.date_from {
            let p = param(
                Value::Text(from.format("%Y-%m-%d").to_string()),
                &mut values,
            );
            conditions.push(format!("{column} >= {p}"));
        }
        if let Some(to) = self.date_to {
            let p = param(Value::Text(to.format("%Y-%m-%d").to_string()), &mut values);
            conditions.push(format!("{column} <= {p}"));
        }
        if let Some(key) = &self.key {
            let expression = key.dimension.qualified_expression();
            let list: Vec<String> = key
                .keys
                .iter()
                .map(|k| param(Value::Text(k.clone()), &mut values))
                .collect();
            match (list.is_empty(), key.exclude) {
                // "None of nothing" is everything; "one of nothing" is nothing.
                (true, true) => {}
                (true, false) => conditions.push("0".to_string()),
                (false, exclude) => conditions.push(format!(
                    "{expression} {}IN ({})",
                    if exclude { "NOT " } else { "" },
                    list.join(", ")
                )),
            }
        }
        if let Some(link) = &self.chain_link {
            let p = param(Value::Text(link.node.to_string()), &mut values);
            conditions.push(format!(
                "p.id IN (SELECT l.project_id FROM project_links AS l \
                 JOIN chain_nodes AS n ON n.id = l.node_id AND n.deleted_at IS NULL \
                 WHERE l.deleted_at IS NULL AND (n.id = {p} OR n.parent_id = {p}))"
            ));
        }
        if let Some(expression) = search::match_expression(&self.search) {
            let p = param(Value::Text(expression), &mut values);
            conditions.push(format!(
                "p.seq IN (SELECT rowid FROM project_search WHERE project_search MATCH {p})"
            ));
        }
        (conditions.join(" AND "), values)
    }
}

fn order_by(column: SortColumn, order: SortOrder) -> (String, bool) {
    let dir = match order {
        SortOrder::Ascending => "ASC",
        SortOrder::Descending => "DESC",
    };
    // Stage sorts by its place on the line, not its code's spelling.
    let stage_rank = "CASE p.stage WHEN 'lead' THEN 0 WHEN 'negotiating' THEN 1 \
        WHEN 'signed' THEN 2 WHEN 'construction' THEN 3 WHEN 'production' THEN 4 \
        WHEN 'on_hold' THEN 5 ELSE 6 END";
    let (expr, needs_team) = match column {
        SortColumn::Name => ("p.name".to_string(), false),
        SortColumn::Company => ("p.company".to_string(), false),
        SortColumn::Industry => ("p.industry".to_string(), false),
        SortColumn::Amount => ("p.amount_cny".to_string(), false),
        SortColumn::Stage => (stage_rank.to_string(), false),
        SortColumn::SignedDate => ("p.signed_date".to_string(), false),
        SortColumn::Team => ("t.name".to_string(), true),
        SortColumn::Origin => ("p.origin_place".to_string(), false),
        SortColumn::Updated => ("p.updated_at".to_string(), false),
    };
    // seq breaks ties so the order is stable from one query to the next.
    (format!("{expr} {dir} NULLS LAST, p.seq {dir}"), needs_team)
}

impl Store {
    /// The keys of every project the filter shows, in display order.
    pub fn ledger_keys(
        &self,
        filter: &ProjectFilter,
        column: SortColumn,
        order: SortOrder,
    ) -> Result<Vec<i64>> {
        self.keys_where(filter.where_clause(), column, order)
    }

    /// [`Store::ledger_keys`] for a filter with a bounded date range and several stages (the
    /// report's check of dates ahead of a project's stage): the rows are found by the
    /// date's index. SQLite, without statistics, takes a stage for the narrower way in, but
    /// each stage holds a tenth to a quarter of the ledger: at 1,000,000 projects the three
    /// queries took 1.9 s by the stage's index and 0.13 s by the dates'.
    pub fn dated_keys(
        &self,
        filter: &ProjectFilter,
        column: SortColumn,
        order: SortOrder,
    ) -> Result<Vec<i64>> {
        self.keys_where(filter.where_clause_entering(false), column, order)
    }

    fn keys_where(
        &self,
        (condition, values): (String, Vec<Value>),
        column: SortColumn,
        order: SortOrder,
    ) -> Result<Vec<i64>> {
        let (order, needs_team) = order_by(column, order);
        let join = if needs_team {
            "LEFT JOIN teams t ON t.id = p.team_id"
        } else {
            ""
        };
        let sql = format!("SELECT p.seq FROM projects p {join} WHERE {condition} ORDER BY {order}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let keys = stmt.query_map(rusqlite::params_from_iter(values), |r| r.get(0))?;
        Ok(keys.collect::<rusqlite::Result<_>>()?)
    }

    pub fn ledger_totals(&self, filter: &ProjectFilter) -> Result<LedgerTotals> {
        let (condition, values) = filter.where_clause();
        let sql = format!(
            "SELECT count(*), coalesce(sum(p.amount_cny), 0) FROM projects p WHERE {condition}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row(rusqlite::params_from_iter(values), |r| {
            Ok(LedgerTotals {
                count: r.get(0)?,
                amount_cny: r.get(1)?,
            })
        })?)
    }

    /// The rows for these keys, in the same order (keys no longer there are skipped).
    pub fn ledger_rows(&self, keys: &[i64]) -> Result<Vec<LedgerRow>> {
        let columns = "p.seq, p.id, p.name, p.company, p.industry, p.amount, p.currency, \
             p.amount_cny, p.stage, p.signed_date, coalesce(t.name, ''), coalesce(o.name, ''), \
             coalesce(p.origin_place, p.origin), p.next_step, p.next_step_due";
        self.rows_by_seq(columns, keys, |r| {
            let date = |i: usize| -> Result<Option<NaiveDate>> {
                Ok(r.get::<_, Option<String>>(i)?
                    .and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()))
            };
            Ok(LedgerRow {
                seq: r.get(0)?,
                id: row_id(r, 1)?,
                name: r.get(2)?,
                company: r.get(3)?,
                industry: r.get(4)?,
                investment: row_money(r, 5, 6)?,
                amount_cny: r.get(7)?,
                stage: row_stage(r, 8)?,
                signed_date: date(9)?,
                team: r.get(10)?,
                officer: r.get(11)?,
                origin: r.get(12)?,
                next_step: r.get(13)?,
                next_step_due: date(14)?,
            })
        })
    }

    /// `columns` of the projects with these keys (with their team as `t` and officer as `o`),
    /// each row made by `make`, in the keys' order; keys no longer there are skipped. The
    /// ledger's rows and the board's cards are read this way, a screenful at a time.
    pub(super) fn rows_by_seq<T>(
        &self,
        columns: &str,
        keys: &[i64],
        make: impl Fn(&rusqlite::Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = vec!["?"; keys.len()].join(", ");
        let sql = format!(
            "SELECT {columns} FROM projects p LEFT JOIN teams t ON t.id = p.team_id \
             LEFT JOIN officers o ON o.id = p.officer_id WHERE p.seq IN ({placeholders})"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(keys))?;
        let mut by_seq = std::collections::HashMap::with_capacity(keys.len());
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            by_seq.insert(seq, make(r)?);
        }
        Ok(keys.iter().filter_map(|k| by_seq.remove(k)).collect())
    }
}

/// A project's id in column `i`.
pub(super) fn row_id(r: &rusqlite::Row, i: usize) -> Result<Uuid> {
    let id: String = r.get(i)?;
    Uuid::parse_str(&id).map_err(|_| StoreError::BadValue {
        column: "id",
        value: id,
    })
}

/// A project's stage in column `i`.
pub(super) fn row_stage(r: &rusqlite::Row, i: usize) -> Result<Stage> {
    let stage: String = r.get(i)?;
    Stage::from_code(&stage).ok_or(StoreError::BadValue {
        column: "stage",
        value: stage,
    })
}

/// An amount from its units in column `units` and its currency code in column `currency`.
pub(super) fn row_money(r: &rusqlite::Row, units: usize, currency: usize) -> Result<Option<Money>> {
    Ok(
        match (
            r.get::<_, Option<i64>>(units)?,
            r.get::<_, Option<String>>(currency)?,
        ) {
            (Some(units), Some(code)) => {
                Currency::from_code(&code).map(|currency| Money { units, currency })
            }
            _ => None,
        },
    )
}
