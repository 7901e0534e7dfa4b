//! 产业链: the changes that create chains (the starting ones on request, the demo's), and
//! (later) the chain screen's read model.

use super::history::Change;
use crate::demo::DemoChains;
use crate::domain::chain::rows::ParsedChain;

/// The changes that create `chains` with their links, links before their sub-links.
pub fn created_chains(chains: Vec<ParsedChain>) -> Vec<Change> {
    let mut out = Vec::new();
    for parsed in chains {
        out.push(Change::Chain {
            id: parsed.chain.id,
            before: None,
            after: Some(parsed.chain),
        });
        let (tops, subs): (Vec<_>, Vec<_>) =
            parsed.nodes.into_iter().partition(|n| n.parent.is_none());
        out.extend(tops.into_iter().chain(subs).map(|n| Change::ChainNode {
            id: n.id,
            before: None,
            after: Some(Box::new(n)),
        }));
    }
    out
}

/// The changes that create the demo's chains, its projects' links and its target companies.
pub fn created_demo_chains(demo: DemoChains) -> Vec<Change> {
    let mut out = created_chains(demo.chains);
    out.extend(demo.links.into_iter().map(|l| Change::ProjectLink {
        id: l.id,
        before: None,
        after: Some(l),
    }));
    out.extend(demo.companies.into_iter().map(|c| Change::TargetCompany {
        id: c.id,
        before: None,
        after: Some(Box::new(c)),
    }));
    out
}
