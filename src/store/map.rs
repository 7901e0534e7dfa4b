//! 招商地图's one query: where the projects a ledger filter shows come from, by province and by
//! foreign country, with counts and exact CNY sums. It reads through the ledger's own `WHERE`
//! clause, so a tile's figures are the ledger's footer for the same filter and that province.

use super::{ProjectFilter, Result, Store, Tally};
use crate::domain::query::OriginTallies;

const CHINA: &str = "中国";

impl Store {
    /// The projects `filter` shows, grouped by their origin's province (in China) or country.
    pub fn origin_tallies(&self, filter: &ProjectFilter) -> Result<OriginTallies> {
        let (condition, values) = filter.where_clause();
        let sql = format!(
            "SELECT p.origin_country, p.origin_province, count(*), coalesce(sum(p.amount_cny), 0) \
             FROM projects p WHERE {condition} GROUP BY 1, 2 ORDER BY 1, 2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        let mut out = OriginTallies::default();
        while let Some(r) = rows.next()? {
            let country: Option<String> = r.get(0)?;
            let province: Option<String> = r.get(1)?;
            let tally = Tally {
                count: r.get(2)?,
                amount_cny: r.get(3)?,
            };
            match (country.as_deref(), province) {
                (Some(CHINA), Some(province)) => out.by_province.push((province, tally)),
                (Some(CHINA), None) => add(&mut out.china_unplaced, tally),
                (Some(country), _) => out.abroad.push((country.to_string(), tally)),
                (None, _) => add(&mut out.unknown, tally),
            }
        }
        out.abroad.sort_by(|(a, x), (b, y)| {
            (y.amount_cny, y.count)
                .cmp(&(x.amount_cny, x.count))
                .then_with(|| a.cmp(b))
        });
        Ok(out)
    }
}

fn add(sum: &mut Tally, tally: Tally) {
    sum.count += tally.count;
    sum.amount_cny = sum.amount_cny.saturating_add(tally.amount_cny);
}
