//! 产业链: the changes that create chains (the starting ones on request, the demo's), and the
//! chain screen's read model (statuses and sums computed off the view) and its actions.
//!
//! The chains and the shown one's links are read at once (a few hundred rows); the projects
//! attached to its links and the figures summed from them are read over every link row, so the
//! window makes them on a worker (1.4 s at 1,000,000 projects) and shows the old ones meanwhile.

use uuid::Uuid;

use super::background::{Background, Refresh};
use super::chain_matching::Matching;
use super::history::Change;
use super::{AppState, Freshness, Ledger, Screen};
use crate::demo::DemoChains;
use crate::domain::chain::rows::ParsedChain;
use crate::domain::chain::starting::starting_chains;
use crate::domain::chain::status::{ChainFigures, LinkFigures, projects_of_box};
use crate::domain::chain::{
    Chain, ChainNode, ChainTree, LinkedProject, ProjectLink, Segment, StatusOverride,
};
use crate::domain::target_company::TargetCompany;
use crate::i18n::T;
use crate::store::{self, LinkFilter, ProjectFilter, Store};

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

/// The writes that add the demo's chains, links and target companies (the command line's
/// demo, which has no undo).
pub fn demo_chain_writes(demo: &crate::demo::Demo, seed: u64) -> Vec<crate::store::Write> {
    let changes = created_demo_chains(crate::demo::chains_and_companies(demo, seed));
    changes.iter().filter_map(|c| c.writes(true)).collect()
}

// --- The chain screen's read model and actions --------------------------------------------

/// What the chain screen asks for.
#[derive(Debug, Clone)]
pub enum ChainAction {
    /// Show this chain.
    Select(Uuid),
    /// 载入示例产业链: the three starting chains, one undo step.
    LoadStarting,
    /// The box clicked: list its target companies beside the map.
    Focus(Option<Uuid>),
    /// Open the 项目台账 on a link's projects (its own and its sub-links').
    OpenLink(Uuid),
    /// A new link under a segment, or a sub-link under `parent`.
    AddLink {
        segment: Segment,
        parent: Option<Uuid>,
        name: String,
    },
    RenameLink(Uuid, String),
    SetKeyLink(Uuid, bool),
    /// Deletes a link with its sub-links.
    RemoveLink(Uuid),
    /// The user's word on a link's status (None: computed again).
    Override(Uuid, Option<StatusOverride>),
    /// Attach projects to links: (project, link) pairs.
    Attach(Vec<(Uuid, Uuid)>),
    /// 全部挂接: every project whose 产业链环节 text names a link of the chain shown.
    AttachMatched,
    Detach {
        project: Uuid,
        node: Uuid,
    },
}

#[derive(Default)]
pub struct ChainModel {
    pub chains: Vec<Chain>,
    pub selected: Option<Uuid>,
    pub tree: ChainTree,
    /// The projects attached and the figures of the chain `links_of` names: another chain's,
    /// or none, while the shown one's are read (see [`ChainModel::figures_of`]).
    pub figures: ChainFigures,
    pub linked: Vec<LinkedProject>,
    links_of: Option<Uuid>,
    /// The link whose target companies are listed.
    pub focus: Option<Uuid>,
    pub companies: Vec<TargetCompany>,
    /// Projects whose text names a link here (to attach in one go), and those of the chain's
    /// industry whose text names none (for the user to assign).
    pub matching: Matching,
    fresh: Freshness,
    links_fresh: Freshness,
    pub(super) links_refresh: Refresh<ChainLinks>,
    matching_fresh: Freshness,
    pub(super) matching_refresh: Refresh<Matching>,
}

/// A chain's attached projects and the figures summed from them, as a worker reads them.
pub struct ChainLinks {
    chain: Uuid,
    linked: Vec<LinkedProject>,
    figures: ChainFigures,
}

impl ChainLinks {
    fn read(store: &Store, chain: Uuid) -> store::Result<ChainLinks> {
        let map = store.chain_map(chain)?;
        Ok(ChainLinks {
            chain,
            linked: map.linked,
            figures: map.figures,
        })
    }
}

impl ChainModel {
    pub fn prepare(
        &mut self,
        ledger: &Ledger,
        background: Option<&Background>,
    ) -> store::Result<()> {
        if self.fresh.is_stale(ledger.data_version()) {
            self.fresh.built(ledger.data_version());
            self.read_chain(ledger.store())?;
        }
        match self.selected {
            Some(chain) => {
                let work = move |store: &Store| ChainLinks::read(store, chain);
                let refresh = &mut self.links_refresh;
                if let Some(links) =
                    refresh.update(&mut self.links_fresh, ledger, background, work)?
                {
                    self.links_of = Some(links.chain);
                    (self.linked, self.figures) = (links.linked, links.figures);
                }
            }
            None => {
                self.links_of = None;
                (self.linked, self.figures) = Default::default();
            }
        }
        let stale = self.matching_fresh.is_stale(ledger.data_version());
        match self.chain().cloned() {
            Some(chain) if stale || self.matching_refresh.is_pending() => {
                let nodes = self.tree.nodes.clone();
                let work = move |store: &Store| Matching::read(store, &chain, &nodes);
                let refresh = &mut self.matching_refresh;
                if let Some(m) =
                    refresh.update(&mut self.matching_fresh, ledger, background, work)?
                {
                    self.matching = m;
                }
            }
            Some(_) => {}
            None => self.matching = Matching::default(),
        }
        Ok(())
    }

    /// Whether the projects to attach or assign are being read on a worker.
    pub fn matching_updating(&self) -> bool {
        self.matching_refresh.is_updating()
    }

    /// Whether the links' projects and figures are being read on a worker (the shown ones are
    /// older than the ledger, or another chain's).
    pub fn links_updating(&self) -> bool {
        self.links_refresh.is_updating()
    }

    /// The shown chain's figures; none while only another chain's have been read.
    pub fn figures_shown(&self) -> Option<&ChainFigures> {
        (self.links_of.is_some() && self.links_of == self.selected).then_some(&self.figures)
    }

    /// A link's figures, when the shown chain's are read and the link has any.
    pub fn figures_of(&self, node: Uuid) -> Option<&LinkFigures> {
        self.figures_shown()?.links.get(&node)
    }

    /// The chains, the one shown with its links, and the focused link's companies.
    fn read_chain(&mut self, store: &Store) -> store::Result<()> {
        self.chains = store.chains()?;
        if !self.chains.iter().any(|c| Some(c.id) == self.selected) {
            self.selected = self.chains.first().map(|c| c.id);
            self.links_fresh.invalidate();
        }
        let Some(chain) = self.chain().cloned() else {
            self.tree = ChainTree::default();
            (self.focus, self.companies) = (None, Vec::new());
            return Ok(());
        };
        self.tree = store.chain_tree(chain.id)?;
        if self.focus.is_some_and(|f| self.tree.node(f).is_none()) {
            self.focus = None;
        }
        self.companies = match self.focus {
            Some(node) => store.companies_of_link(node)?,
            None => Vec::new(),
        };
        Ok(())
    }

    pub fn chain(&self) -> Option<&Chain> {
        self.chains.iter().find(|c| Some(c.id) == self.selected)
    }

    /// The projects a box counts: its own and its sub-links', each once (none known while
    /// only another chain's are read).
    pub fn projects_of(&self, node: Uuid) -> Vec<Uuid> {
        match self.figures_shown() {
            Some(_) => projects_of_box(&self.tree, &self.linked, node),
            None => Vec::new(),
        }
    }
}

impl AppState {
    pub(super) fn apply_chain(&mut self, action: ChainAction) {
        let model = &mut self.chain;
        match action {
            ChainAction::Select(id) => {
                model.selected = Some(id);
                model.focus = None;
                model.links_fresh.invalidate();
                model.matching_fresh.invalidate();
            }
            ChainAction::Focus(node) => model.focus = node,
            ChainAction::OpenLink(node) => {
                let Some(link) = model.tree.node(node) else {
                    return;
                };
                let filter = ProjectFilter {
                    chain_link: Some(LinkFilter {
                        node,
                        name: link.name.clone(),
                    }),
                    ..Default::default()
                };
                self.apply_ledger(super::LedgerAction::SetFilter(Box::new(filter), None));
                self.screen = Screen::Projects;
                return;
            }
            ChainAction::LoadStarting => {
                let mut chains = starting_chains();
                let next = model.chains.iter().map(|c| c.position + 1).max();
                for (i, parsed) in chains.iter_mut().enumerate() {
                    parsed.chain.position = next.unwrap_or_default() + i as i64;
                }
                let first = chains.first().map(|c| c.chain.id);
                self.edit(created_chains(chains));
                self.chain.selected = first;
            }
            other => {
                let step = match self.chain_step(other) {
                    Ok(step) => step,
                    Err(e) => return self.store_failed(T::ReadFailed, &e),
                };
                self.edit(step);
            }
        }
        self.chain.fresh.invalidate();
    }

    /// The one undo step an edit of the chain shown makes.
    fn chain_step(&self, action: ChainAction) -> store::Result<Vec<Change>> {
        let store = self.ledger.store();
        let model = &self.chain;
        let node_change = |before: Option<ChainNode>, after: Option<ChainNode>| {
            let id = before.as_ref().or(after.as_ref()).map(|n| n.id);
            Change::ChainNode {
                id: id.unwrap_or_default(),
                before: before.map(Box::new),
                after: after.map(Box::new),
            }
        };
        Ok(match action {
            ChainAction::AddLink {
                segment,
                parent,
                name,
            } => {
                let (Some(chain), name) = (model.selected, name.trim()) else {
                    return Ok(Vec::new());
                };
                if name.is_empty() {
                    return Ok(Vec::new());
                }
                let parent = parent.and_then(|p| model.tree.node(p));
                let mut node = match parent {
                    Some(p) => ChainNode::under(p, name),
                    None => ChainNode::new(chain, segment, name),
                };
                let siblings = match parent {
                    Some(p) => model.tree.children_of(p.id),
                    None => model.tree.links_of(segment),
                };
                node.position = siblings.iter().map(|n| n.position + 1).max().unwrap_or(0);
                vec![node_change(None, Some(node))]
            }
            ChainAction::RenameLink(id, name) => {
                let Some(before) = model.tree.node(id).cloned() else {
                    return Ok(Vec::new());
                };
                let name = name.trim();
                if name.is_empty() || name == before.name {
                    return Ok(Vec::new());
                }
                let after = ChainNode {
                    name: name.to_owned(),
                    ..before.clone()
                };
                vec![node_change(Some(before), Some(after))]
            }
            ChainAction::SetKeyLink(id, key_link) => {
                let Some(before) = model.tree.node(id).cloned() else {
                    return Ok(Vec::new());
                };
                let after = ChainNode {
                    key_link,
                    ..before.clone()
                };
                vec![node_change(Some(before), Some(after))]
            }
            ChainAction::RemoveLink(id) => {
                let mut gone: Vec<ChainNode> =
                    model.tree.children_of(id).into_iter().cloned().collect();
                gone.extend(model.tree.node(id).cloned());
                gone.into_iter()
                    .map(|n| node_change(Some(n), None))
                    .collect()
            }
            ChainAction::Override(node, after) => vec![Change::LinkOverride {
                node,
                before: store.link_override(node)?,
                after,
            }],
            ChainAction::AttachMatched if model.matching.chain == model.selected => {
                self.chain_step(ChainAction::Attach(model.matching.pairs_to_attach(store)?))?
            }
            ChainAction::Attach(pairs) => {
                let mut out = Vec::new();
                for (project, node) in pairs {
                    if store.project_link_rows(project, node)?.is_empty() {
                        let link = ProjectLink::new(project, node);
                        out.push(Change::ProjectLink {
                            id: link.id,
                            before: None,
                            after: Some(link),
                        });
                    }
                }
                out
            }
            ChainAction::Detach { project, node } => (store.project_link_rows(project, node)?)
                .into_iter()
                .map(|l| Change::ProjectLink {
                    id: l.id,
                    before: Some(l),
                    after: None,
                })
                .collect(),
            ChainAction::Select(_)
            | ChainAction::Focus(_)
            | ChainAction::OpenLink(_)
            | ChainAction::AttachMatched
            | ChainAction::LoadStarting => Vec::new(),
        })
    }
}
