//! Aggregates behind the report, the dashboard and the charts: counts and exact CNY sums of the
//! projects signed, started or in production in a date range, by scope and by dimension.
//! Projects are counted by the date of the event, whatever their stage today (DESIGN.md).

use chrono::NaiveDate;
use rusqlite::types::Value;

use super::{Counted, Dimension, ForeignSigning, FunnelCount, ReportFilter, Result, Store, Tally};
use crate::domain::tier::TierBand;
use crate::domain::{Currency, Money, Tiers};

impl Counted {
    fn column(self) -> &'static str {
        match self {
            Counted::Signed => "signed_date",
            Counted::Started => "construction_date",
            Counted::Production => "production_date",
        }
    }
}

impl Dimension {
    fn expression(self) -> &'static str {
        match self {
            Dimension::Industry => "industry",
            Dimension::Region => "coalesce(origin_region, '')",
            Dimension::Origin => "coalesce(origin_place, trim(origin))",
            Dimension::Team => "coalesce(team_id, '')",
            Dimension::Stage => "stage",
        }
    }

    /// The same key over `projects p` (the ledger's queries), so a bar's key selects exactly
    /// the projects the breakdown counted under it.
    pub(super) fn qualified_expression(self) -> &'static str {
        match self {
            Dimension::Industry => "p.industry",
            Dimension::Region => "coalesce(p.origin_region, '')",
            Dimension::Origin => "coalesce(p.origin_place, trim(p.origin))",
            Dimension::Team => "coalesce(p.team_id, '')",
            Dimension::Stage => "p.stage",
        }
    }
}

impl ReportFilter {
    /// Appends ` AND …` for each field set, numbering parameters after those in `values`.
    fn push_conditions(&self, condition: &mut String, values: &mut Vec<Value>) {
        if let Some(team) = self.team_id {
            values.push(Value::Text(team.to_string()));
            condition.push_str(&format!(" AND team_id = ?{}", values.len()));
        }
        if let Some(industry) = &self.industry {
            values.push(Value::Text(industry.clone()));
            condition.push_str(&format!(" AND industry = ?{}", values.len()));
        }
        if let Some(region) = self.region {
            values.push(Value::Text(region.code().into()));
            condition.push_str(&format!(" AND origin_region = ?{}", values.len()));
        }
    }
}

/// `WHERE` over live projects with the event date in `[from, to]` and the filter's conditions.
fn range_condition(
    counted: Counted,
    from: NaiveDate,
    to: NaiveDate,
    filter: &ReportFilter,
) -> (String, Vec<Value>) {
    let column = counted.column();
    let mut values = vec![
        Value::Text(from.format("%Y-%m-%d").to_string()),
        Value::Text(to.format("%Y-%m-%d").to_string()),
    ];
    let mut condition = format!("deleted_at IS NULL AND {column} BETWEEN ?1 AND ?2");
    filter.push_conditions(&mut condition, &mut values);
    (condition, values)
}

impl Store {
    /// How many of the filter's projects, and their CNY sum, had the event in `[from, to]`.
    pub fn tally(
        &self,
        counted: Counted,
        from: NaiveDate,
        to: NaiveDate,
        filter: &ReportFilter,
    ) -> Result<Tally> {
        let (condition, values) = range_condition(counted, from, to, filter);
        let sql = format!(
            "SELECT count(*), coalesce(sum(amount_cny), 0) FROM projects WHERE {condition}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row(rusqlite::params_from_iter(values), |r| {
            Ok(Tally {
                count: r.get(0)?,
                amount_cny: r.get(1)?,
            })
        })?)
    }

    /// How many projects at or above `min_cny` yuan had the event in `[from, to]`.
    pub fn count_at_least(
        &self,
        counted: Counted,
        from: NaiveDate,
        to: NaiveDate,
        filter: &ReportFilter,
        min_cny: i64,
    ) -> Result<i64> {
        let (condition, mut values) = range_condition(counted, from, to, filter);
        values.push(Value::Integer(min_cny));
        let p = values.len();
        let sql = format!("SELECT count(*) FROM projects WHERE {condition} AND amount_cny >= ?{p}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row(rusqlite::params_from_iter(values), |r| r.get(0))?)
    }

    /// Tallies grouped by a dimension, largest amount first (then count, then key, so the order
    /// is the same every time).
    pub fn breakdown(
        &self,
        counted: Counted,
        from: NaiveDate,
        to: NaiveDate,
        dimension: Dimension,
        filter: &ReportFilter,
    ) -> Result<Vec<(String, Tally)>> {
        let (condition, values) = range_condition(counted, from, to, filter);
        let key = dimension.expression();
        let sql = format!(
            "SELECT {key} AS k, count(*) AS n, coalesce(sum(amount_cny), 0) AS s \
             FROM projects WHERE {condition} GROUP BY k ORDER BY s DESC, n DESC, k"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
            Ok((
                r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                Tally {
                    count: r.get(1)?,
                    amount_cny: r.get(2)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Tallies per tier band, lowest band first; every band is listed, empty ones with zeros.
    /// Projects without an amount belong to no band.
    pub fn tier_tallies(
        &self,
        counted: Counted,
        from: NaiveDate,
        to: NaiveDate,
        tiers: &Tiers,
        filter: &ReportFilter,
    ) -> Result<Vec<(TierBand, Tally)>> {
        let bands = tiers.bands();
        let (condition, mut values) = range_condition(counted, from, to, filter);
        // CASE over the thresholds, highest first: one pass over the range, no row leaves SQLite.
        let mut case = String::from("CASE");
        for band in bands.iter().rev() {
            values.push(Value::Integer(band.min_units));
            case.push_str(&format!(
                " WHEN amount_cny >= ?{} THEN {}",
                values.len(),
                band.index
            ));
        }
        case.push_str(" END");
        let sql = format!(
            "SELECT {case} AS b, count(*), sum(amount_cny) FROM projects \
             WHERE {condition} AND amount_cny IS NOT NULL GROUP BY b"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut tallies: Vec<(TierBand, Tally)> =
            bands.iter().map(|b| (*b, Tally::default())).collect();
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        while let Some(r) = rows.next()? {
            let index: Option<i64> = r.get(0)?;
            // Negative amounts fall below every band's minimum; they are not a size class.
            if let Some(slot) = index.and_then(|i| tallies.get_mut(i as usize)) {
                slot.1 = Tally {
                    count: r.get(1)?,
                    amount_cny: r.get(2)?,
                };
            }
        }
        Ok(tallies)
    }

    /// Foreign-capital signings (外资 and 港澳台资) in `[from, to]`, for sums in dollars.
    pub fn foreign_signings(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        filter: &ReportFilter,
    ) -> Result<Vec<ForeignSigning>> {
        let (condition, values) = range_condition(Counted::Signed, from, to, filter);
        let sql = format!(
            "SELECT amount, currency, amount_cny, signed_date FROM projects \
             WHERE {condition} AND capital_type IN ('foreign', 'hmt')"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        let mut signings = Vec::new();
        while let Some(r) = rows.next()? {
            let units: Option<i64> = r.get(0)?;
            let currency: Option<String> = r.get(1)?;
            let signed: String = r.get(3)?;
            let Ok(signed) = NaiveDate::parse_from_str(&signed, "%Y-%m-%d") else {
                continue;
            };
            signings.push(ForeignSigning {
                investment: units
                    .zip(currency.as_deref().and_then(Currency::from_code))
                    .map(|(units, currency)| Money { units, currency }),
                amount_cny: r.get(2)?,
                signed,
            });
        }
        Ok(signings)
    }

    /// Tallies per calendar month of the event date in `[from, to]`: `(year, month, tally)`,
    /// months in order, months without projects left out. One GROUP BY over the covering
    /// index of the event date, so a year of months is one pass over that year's rows.
    pub fn monthly_tallies(
        &self,
        counted: Counted,
        from: NaiveDate,
        to: NaiveDate,
        filter: &ReportFilter,
    ) -> Result<Vec<(i32, u32, Tally)>> {
        let (condition, values) = range_condition(counted, from, to, filter);
        let column = counted.column();
        let sql = format!(
            "SELECT substr({column}, 1, 7) AS m, count(*), coalesce(sum(amount_cny), 0) \
             FROM projects WHERE {condition} GROUP BY m ORDER BY m"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        let mut months = Vec::new();
        while let Some(r) = rows.next()? {
            let key: String = r.get(0)?;
            // Dates are stored as YYYY-MM-DD; anything else is not a month and is skipped.
            let year = key.get(0..4).and_then(|y| y.parse::<i32>().ok());
            let month = key.get(5..7).and_then(|m| m.parse::<u32>().ok());
            if let (Some(year), Some(month @ 1..=12)) = (year, month) {
                months.push((
                    year,
                    month,
                    Tally {
                        count: r.get(1)?,
                        amount_cny: r.get(2)?,
                    },
                ));
            }
        }
        Ok(months)
    }

    /// The pipeline funnel for `[from, to]`: for each stage on the line (线索, 在谈, 签约, 开工,
    /// 投产), the projects whose date for that stage falls in the range (so 签约, 开工 and 投产
    /// equal the report's signed, started and in-production tallies), and how many of those
    /// had reached any later stage of the line by `to` (the conversion's numerator). One pass
    /// over the filter's projects.
    pub fn stage_funnel(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        filter: &ReportFilter,
    ) -> Result<Vec<FunnelCount>> {
        const COLUMNS: [&str; 5] = [
            "lead_date",
            "negotiating_date",
            "signed_date",
            "construction_date",
            "production_date",
        ];
        let mut parts = Vec::new();
        for (i, column) in COLUMNS.iter().enumerate() {
            let in_range = format!("{column} BETWEEN ?1 AND ?2");
            let later: Vec<String> = COLUMNS[i + 1..]
                .iter()
                .map(|c| format!("{c} <= ?2"))
                .collect();
            let advanced = if later.is_empty() {
                "0".to_string()
            } else {
                format!(
                    "coalesce(sum(CASE WHEN {in_range} AND ({}) THEN 1 ELSE 0 END), 0)",
                    later.join(" OR ")
                )
            };
            parts.push(format!(
                "coalesce(sum(CASE WHEN {in_range} THEN 1 ELSE 0 END), 0), \
                 coalesce(sum(CASE WHEN {in_range} THEN amount_cny END), 0), {advanced}"
            ));
        }
        let mut values = vec![
            Value::Text(from.format("%Y-%m-%d").to_string()),
            Value::Text(to.format("%Y-%m-%d").to_string()),
        ];
        let mut condition = "deleted_at IS NULL".to_string();
        filter.push_conditions(&mut condition, &mut values);
        let sql = format!(
            "SELECT {} FROM projects WHERE {condition}",
            parts.join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row(rusqlite::params_from_iter(values), |r| {
            (0..COLUMNS.len())
                .map(|i| {
                    Ok(FunnelCount {
                        reached: Tally {
                            count: r.get(i * 3)?,
                            amount_cny: r.get(i * 3 + 1)?,
                        },
                        advanced: r.get(i * 3 + 2)?,
                    })
                })
                .collect::<rusqlite::Result<Vec<_>>>()
        })?)
    }
}
