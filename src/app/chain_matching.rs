//! 产业链: the projects whose free-text 产业链环节 names a link of the chain shown but that are
//! not attached to it (to attach in one go), and those of the chain's industry whose text names
//! none (to assign one by one). It is read over every project, so the window makes it on a
//! worker (see [`super::background`]) while the chain's own figures are made at once.

use std::collections::HashMap;

use uuid::Uuid;

use crate::domain::chain::matching::match_link;
use crate::domain::chain::{Chain, ChainNode, ChainText};
use crate::store::{self, Store};

/// How many of the projects to assign the screen lists (the rest follow as these are).
pub const UNASSIGNED_SHOWN: usize = 30;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matching {
    /// The chain these are for (the screen shows them only while that chain is).
    pub chain: Option<Uuid>,
    /// Each text that names a link of the chain, with that link and how many projects write it.
    pub suggested: Vec<(String, Uuid, i64)>,
    /// How many projects of the chain's industry write a text that names no link of it.
    pub unassigned: i64,
    /// The first of those by name.
    pub unassigned_first: Vec<ChainText>,
}

impl Matching {
    /// Reads the chain's unattached projects' texts once per distinct text.
    pub fn read(store: &Store, chain: &Chain, nodes: &[ChainNode]) -> store::Result<Matching> {
        let mut out = Matching {
            chain: Some(chain.id),
            ..Matching::default()
        };
        let mut links: HashMap<String, Option<Uuid>> = HashMap::new();
        let mut unmatched = Vec::new();
        for text in store.unlinked_chain_text_counts(chain.id)? {
            let node = *(links.entry(text.text.clone()))
                .or_insert_with(|| match_link(&text.text, nodes).map(|n| n.id));
            match node {
                Some(node) => match out.suggested.iter_mut().find(|s| s.0 == text.text) {
                    Some(same) => same.2 += text.projects,
                    None => out.suggested.push((text.text, node, text.projects)),
                },
                None if !chain.industry.is_empty() && text.industry == chain.industry => {
                    out.unassigned += text.projects;
                    unmatched.push(text.text);
                }
                None => {}
            }
        }
        if !unmatched.is_empty() {
            out.unassigned_first = store.unlinked_projects_naming(
                chain.id,
                &unmatched,
                Some(&chain.industry),
                UNASSIGNED_SHOWN,
            )?;
        }
        Ok(out)
    }

    /// How many projects name a link of the chain and are not attached yet.
    pub fn suggested_projects(&self) -> i64 {
        self.suggested.iter().map(|s| s.2).sum()
    }

    /// The (project, link) pairs 全部挂接 attaches: every project writing a suggested text.
    pub fn pairs_to_attach(&self, store: &Store) -> store::Result<Vec<(Uuid, Uuid)>> {
        let Some(chain) = self.chain else {
            return Ok(Vec::new());
        };
        let mut pairs = Vec::new();
        for (text, node, _) in &self.suggested {
            let named = store.unlinked_projects_naming(
                chain,
                std::slice::from_ref(text),
                None,
                usize::MAX,
            )?;
            pairs.extend(named.into_iter().map(|p| (p.project, *node)));
        }
        Ok(pairs)
    }
}
