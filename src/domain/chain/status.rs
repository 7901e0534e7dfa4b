//! What the chain map shows, computed: each link's status (已有 / 在谈 / 缺链, the user's
//! override winning), its projects and the amount signed, and per chain 完整度 and 在谈 links.
//! A link with sub-links counts its own projects and theirs; 完整度 counts the links without
//! sub-links and the sub-links (the leaves), so no project is counted twice.

use std::collections::{BTreeSet, HashMap};

use uuid::Uuid;

use super::{ChainTree, LinkStatus, LinkedProject, StatusOverride};
use crate::domain::Stage;

/// 签约 or later: what makes a link 已有.
pub fn is_signed_or_later(stage: Stage) -> bool {
    matches!(
        stage,
        Stage::Signed | Stage::Construction | Stage::Production
    )
}

/// Before 签约 and still on the line: what makes a link 在谈.
pub fn is_before_signing(stage: Stage) -> bool {
    matches!(stage, Stage::Lead | Stage::Negotiating)
}

/// A link's status from the stages of its projects and whether a local company is recorded;
/// the user's override wins. Projects 搁置 or 终止 count for nothing.
pub fn link_status(
    stages: &[Stage],
    local_company: bool,
    overridden: Option<&StatusOverride>,
) -> LinkStatus {
    if let Some(o) = overridden {
        return o.status;
    }
    if local_company || stages.iter().any(|s| is_signed_or_later(*s)) {
        LinkStatus::Present
    } else if stages.iter().any(|s| is_before_signing(*s)) {
        LinkStatus::Negotiating
    } else {
        LinkStatus::Missing
    }
}

/// What one link's box shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkFigures {
    pub status: LinkStatus,
    /// The status without the user's override.
    pub computed: LinkStatus,
    pub overridden: Option<StatusOverride>,
    /// Projects attached to it (and to its sub-links), each once.
    pub projects: usize,
    /// Of those, at 签约 or later.
    pub signed: usize,
    /// The CNY sum, in yuan, of those at 签约 or later.
    pub signed_cny: i64,
    /// The CNY sum, in yuan, of all its projects (what the ledger's footer shows for them).
    pub amount_cny: i64,
}

/// 完整度 as a ratio of integers: leaves covered (已有) of all leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Completeness {
    pub covered: usize,
    pub total: usize,
}

impl Completeness {
    /// Tenths of a percent, rounded half away from zero (943 is 94.3%); None with no links.
    pub fn permille(self) -> Option<u64> {
        (self.total > 0).then(|| {
            let (c, t) = (self.covered as u64, self.total as u64);
            (c * 2000 + t) / (2 * t)
        })
    }

    /// "94.3%", or "—" for a chain with no links.
    pub fn percent_text(self) -> String {
        match self.permille() {
            Some(p) => format!("{}.{}%", p / 10, p % 10),
            None => "—".into(),
        }
    }
}

/// The chain map's figures for one chain.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChainFigures {
    pub links: HashMap<Uuid, LinkFigures>,
    pub completeness: Completeness,
    /// Leaves whose status is 在谈.
    pub negotiating: usize,
    /// Leaves whose status is 缺链.
    pub missing: usize,
    /// The CNY sum, in yuan, signed over the whole chain (each project once).
    pub signed_cny: i64,
}

/// Figures of every link of `tree` from the projects attached to its links and the overrides.
pub fn chain_figures(
    tree: &ChainTree,
    linked: &[LinkedProject],
    overrides: &HashMap<Uuid, StatusOverride>,
) -> ChainFigures {
    let mut of_node: HashMap<Uuid, Vec<&LinkedProject>> = HashMap::new();
    for l in linked {
        of_node.entry(l.node).or_default().push(l);
    }
    let mut figures = ChainFigures::default();
    let mut chain_signed: HashMap<Uuid, i64> = HashMap::new();
    for node in &tree.nodes {
        let children = tree.children_of(node.id);
        let mut projects: HashMap<Uuid, &LinkedProject> = HashMap::new();
        let mut local = !node.local_companies.is_empty();
        for n in std::iter::once(node).chain(children.iter().copied()) {
            for l in of_node.get(&n.id).into_iter().flatten() {
                projects.insert(l.project, l);
            }
            local |= !n.local_companies.is_empty();
        }
        let link = figures_of(&projects, local, overrides.get(&node.id));
        for l in projects.values().filter(|l| is_signed_or_later(l.stage)) {
            chain_signed.insert(l.project, l.amount_cny.unwrap_or_default());
        }
        if children.is_empty() {
            figures.completeness.total += 1;
            match link.status {
                LinkStatus::Present => figures.completeness.covered += 1,
                LinkStatus::Negotiating => figures.negotiating += 1,
                LinkStatus::Missing => figures.missing += 1,
            }
        }
        figures.links.insert(node.id, link);
    }
    figures.signed_cny = chain_signed.values().sum();
    figures
}

fn figures_of(
    projects: &HashMap<Uuid, &LinkedProject>,
    local: bool,
    overridden: Option<&StatusOverride>,
) -> LinkFigures {
    let stages: Vec<Stage> = projects.values().map(|l| l.stage).collect();
    let signed: Vec<&&LinkedProject> = (projects.values())
        .filter(|l| is_signed_or_later(l.stage))
        .collect();
    LinkFigures {
        status: link_status(&stages, local, overridden),
        computed: link_status(&stages, local, None),
        overridden: overridden.cloned(),
        projects: projects.len(),
        signed: signed.len(),
        signed_cny: signed
            .iter()
            .map(|l| l.amount_cny.unwrap_or_default())
            .sum(),
        amount_cny: projects
            .values()
            .map(|l| l.amount_cny.unwrap_or_default())
            .sum(),
    }
}

/// A chain as the map draws it: its links, the projects attached, and the figures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChainMap {
    pub tree: ChainTree,
    pub linked: Vec<LinkedProject>,
    pub figures: ChainFigures,
}

/// The projects of a link's box: its own and its sub-links', each once.
pub fn projects_of_box(tree: &ChainTree, linked: &[LinkedProject], node: Uuid) -> Vec<Uuid> {
    let mut nodes: BTreeSet<Uuid> = tree.children_of(node).iter().map(|n| n.id).collect();
    nodes.insert(node);
    let set: BTreeSet<Uuid> = (linked.iter())
        .filter(|l| nodes.contains(&l.node))
        .map(|l| l.project)
        .collect();
    set.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::chain::{Chain, ChainNode, Segment};

    fn word(status: LinkStatus) -> StatusOverride {
        StatusOverride {
            status,
            reason: "调研结论".into(),
        }
    }

    #[test]
    fn a_project_signed_or_later_makes_a_link_present() {
        for stage in [Stage::Signed, Stage::Construction, Stage::Production] {
            let stages = [Stage::Lead, stage];
            assert_eq!(link_status(&stages, false, None), LinkStatus::Present);
        }
    }

    #[test]
    fn a_local_company_makes_a_link_present() {
        assert_eq!(link_status(&[], true, None), LinkStatus::Present);
    }

    #[test]
    fn only_projects_before_signing_make_it_negotiating() {
        assert_eq!(
            link_status(&[Stage::Lead, Stage::Negotiating], false, None),
            LinkStatus::Negotiating
        );
    }

    #[test]
    fn nothing_or_only_stopped_projects_is_missing() {
        assert_eq!(link_status(&[], false, None), LinkStatus::Missing);
        assert_eq!(
            link_status(&[Stage::OnHold, Stage::Dropped], false, None),
            LinkStatus::Missing
        );
    }

    #[test]
    fn the_users_override_wins_either_way() {
        let present = word(LinkStatus::Present);
        assert_eq!(link_status(&[], false, Some(&present)), LinkStatus::Present);
        let missing = word(LinkStatus::Missing);
        assert_eq!(
            link_status(&[Stage::Production], true, Some(&missing)),
            LinkStatus::Missing
        );
    }

    #[test]
    fn a_chain_counts_its_leaves_and_sums_signed_amounts_once() {
        let chain = Chain::new("链");
        let battery = ChainNode::new(chain.id, Segment::Midstream, "动力电池");
        let cell = ChainNode::under(&battery, "电芯");
        let bms = ChainNode::under(&battery, "电池管理系统");
        let vehicle = ChainNode::new(chain.id, Segment::Downstream, "整车");
        let mine = ChainNode::new(chain.id, Segment::Upstream, "锂矿");
        let tree = ChainTree {
            nodes: vec![
                battery.clone(),
                cell.clone(),
                bms.clone(),
                vehicle.clone(),
                mine.clone(),
            ],
        };
        let (p1, p2) = (Uuid::now_v7(), Uuid::now_v7());
        let linked = [
            LinkedProject {
                node: cell.id,
                project: p1,
                stage: Stage::Signed,
                amount_cny: Some(300_000_000),
            },
            // The same project on a second link of the chain counts once in the chain's sum.
            LinkedProject {
                node: vehicle.id,
                project: p1,
                stage: Stage::Signed,
                amount_cny: Some(300_000_000),
            },
            LinkedProject {
                node: bms.id,
                project: p2,
                stage: Stage::Negotiating,
                amount_cny: Some(50_000_000),
            },
        ];
        let mut overrides = HashMap::new();
        overrides.insert(mine.id, word(LinkStatus::Negotiating));
        let f = chain_figures(&tree, &linked, &overrides);
        assert_eq!(
            f.completeness,
            Completeness {
                covered: 2,
                total: 4
            }
        );
        assert_eq!(f.completeness.permille(), Some(500));
        assert_eq!(f.negotiating, 2);
        assert_eq!(f.missing, 0);
        assert_eq!(f.signed_cny, 300_000_000);
        let b = &f.links[&battery.id];
        assert_eq!(
            (b.status, b.projects, b.signed),
            (LinkStatus::Present, 2, 1)
        );
        assert_eq!((b.signed_cny, b.amount_cny), (300_000_000, 350_000_000));
        assert_eq!(f.links[&mine.id].computed, LinkStatus::Missing);
        assert_eq!(f.links[&mine.id].status, LinkStatus::Negotiating);
        assert_eq!(projects_of_box(&tree, &linked, battery.id).len(), 2);
        assert_eq!(
            Completeness {
                covered: 2,
                total: 3
            }
            .permille(),
            Some(667)
        );
    }
}
