//! The three starting chains (新能源汽车, 集成电路, 生物医药) shipped as data: `starting.tsv`
//! holds their rows as the .xlsx import reads them, and each chain's industry is named here.

use super::rows::{LinkRow, ParsedChain, chains_from_rows};

const STARTING_ROWS: &str = include_str!("starting.tsv");

/// Each starting chain's industry (one of the ledger's default industries).
const INDUSTRIES: [(&str, &str); 3] = [
    ("新能源汽车", "新能源"),
    ("集成电路", "集成电路"),
    ("生物医药", "生物医药"),
];

/// The rows of the shipped file, the header skipped.
pub fn starting_rows() -> Vec<LinkRow> {
    STARTING_ROWS
        .lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let mut cells = l.split('\t').map(str::to_owned);
            let mut next = || cells.next().unwrap_or_default();
            LinkRow {
                line: i + 1,
                chain: next(),
                link: next(),
                parent: next(),
                segment: next(),
                key: next(),
            }
        })
        .collect()
}

/// The starting chains with fresh ids, ready to write into a ledger.
pub fn starting_chains() -> Vec<ParsedChain> {
    let (mut chains, _) = chains_from_rows(&starting_rows());
    for parsed in &mut chains {
        if let Some((_, industry)) = INDUSTRIES.iter().find(|(c, _)| *c == parsed.chain.name) {
            parsed.chain.industry = (*industry).into();
        }
    }
    chains
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::chain::Segment;

    #[test]
    fn the_shipped_chains_read_without_a_refused_row() {
        let (chains, errors) = chains_from_rows(&starting_rows());
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<&str> = chains.iter().map(|c| c.chain.name.as_str()).collect();
        assert_eq!(names, ["新能源汽车", "集成电路", "生物医药"]);
        for c in &starting_chains() {
            assert!((15..=25).contains(&c.nodes.len()), "{}", c.chain.name);
            assert!(c.nodes.iter().any(|n| n.key_link));
            assert!(c.nodes.iter().any(|n| n.parent.is_some()));
            for s in Segment::ALL {
                assert!(c.nodes.iter().any(|n| n.segment == s));
            }
            assert!(!c.chain.industry.is_empty());
        }
    }
}
