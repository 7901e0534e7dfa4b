//! The demo zone's 产业链图谱 and 招商目标企业库: the three starting chains, its projects
//! attached to the links their `chain_link` names, a few local companies, and target companies
//! for the links still missing, drawn from their own stream.

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

use super::{COMPANY_HEADS, COMPANY_KINDS, COMPANY_TAILS, Demo, pick};
use crate::domain::chain::matching::match_link;
use crate::domain::chain::rows::ParsedChain;
use crate::domain::chain::starting::starting_chains;
use crate::domain::chain::{ChainNode, ProjectLink};
use crate::domain::target_company::{ContactStatus, Priority, TargetCompany};

/// Cities the demo's target companies are in.
const COMPANY_CITIES: [&str; 12] = [
    "上海", "深圳", "苏州", "北京", "杭州", "合肥", "宁德", "西安", "成都", "武汉", "无锡", "东京",
];

/// What the demo adds for the chain map.
pub struct DemoChains {
    pub chains: Vec<ParsedChain>,
    pub links: Vec<ProjectLink>,
    pub companies: Vec<TargetCompany>,
}

/// A UUIDv7 from the stream, so the same seed gives the same ids' randomness.
fn id(rng: &mut SmallRng) -> uuid::Uuid {
    let random: [u8; 10] = rng.random();
    uuid::Builder::from_unix_timestamp_millis(1_700_000_000_000, &random).into_uuid()
}

/// The starting chains with ids from the stream (a sub-link's parent follows its link).
fn chains(rng: &mut SmallRng) -> Vec<ParsedChain> {
    let mut chains = starting_chains();
    for parsed in &mut chains {
        parsed.chain.id = id(rng);
        let mut renamed = std::collections::HashMap::new();
        for node in &mut parsed.nodes {
            let new = id(rng);
            renamed.insert(node.id, new);
            node.id = new;
            node.chain = parsed.chain.id;
        }
        for node in &mut parsed.nodes {
            node.parent = node.parent.and_then(|p| renamed.get(&p).copied());
        }
    }
    chains
}

pub fn chains_and_companies(demo: &Demo, seed: u64) -> DemoChains {
    let mut rng = SmallRng::seed_from_u64(seed ^ 0xc4a1_0016);
    let mut chains = chains(&mut rng);
    let mut links = Vec::new();
    for project in &demo.projects {
        for parsed in &chains {
            if let Some(node) = match_link(&project.chain_link, &parsed.nodes) {
                links.push(ProjectLink {
                    id: id(&mut rng),
                    project: project.id,
                    node: node.id,
                });
            }
        }
    }
    // A few links with only talks so far: a project before 签约 attached to an empty sub-link.
    let talks: Vec<&crate::domain::Project> = (demo.projects.iter())
        .filter(|p| crate::domain::chain::status::is_before_signing(p.stage))
        .collect();
    for parsed in &chains {
        for node in parsed.nodes.iter().filter(|n| n.parent.is_some()) {
            if !talks.is_empty() && !links.iter().any(|l| l.node == node.id) && rng.random_bool(0.3)
            {
                let project = pick(&mut rng, &talks).id;
                links.push(ProjectLink {
                    id: id(&mut rng),
                    project,
                    node: node.id,
                });
            }
        }
    }
    // A few links the zone already has through local companies.
    for parsed in &mut chains {
        for node in parsed.nodes.iter_mut().filter(|n| n.parent.is_some()) {
            if rng.random_bool(0.2) {
                node.local_companies = vec![company_name(&mut rng)];
            }
        }
    }
    let mut companies = Vec::new();
    for parsed in &chains {
        let open: Vec<&ChainNode> = (parsed.nodes.iter())
            .filter(|n| n.local_companies.is_empty() && !links.iter().any(|l| l.node == n.id))
            .collect();
        for node in open.iter().take(8) {
            companies.push(company(&mut rng, demo, node));
        }
    }
    DemoChains {
        chains,
        links,
        companies,
    }
}

fn company_name(rng: &mut SmallRng) -> String {
    format!(
        "{}{}{}有限公司",
        pick(rng, COMPANY_HEADS),
        pick(rng, COMPANY_TAILS),
        pick(rng, COMPANY_KINDS)
    )
}

fn company(rng: &mut SmallRng, demo: &Demo, node: &ChainNode) -> TargetCompany {
    let mut c = TargetCompany::new(company_name(rng));
    c.id = id(rng);
    c.city = (*pick(rng, &COMPANY_CITIES)).to_owned();
    c.priority = *pick(rng, &Priority::ALL);
    c.chain_leader = node.key_link || rng.random_bool(0.15);
    c.contact = *pick(rng, &ContactStatus::ALL[..3]);
    c.officer = (!demo.officers.is_empty()).then(|| pick(rng, &demo.officers).id);
    c.links = vec![node.id];
    c
}
