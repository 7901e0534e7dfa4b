//! 产业链图谱: chains as trees (chain → segment 上游/中游/下游 → link → sub-link), the projects
//! attached to links, a user's override of a link's status, and the three starting chains.

pub mod matching;
pub mod rows;
pub mod starting;
pub mod status;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The three segments of a chain, the columns of the chain map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Segment {
    /// 上游
    Upstream,
    /// 中游
    Midstream,
    /// 下游
    Downstream,
}

impl Segment {
    pub const ALL: [Segment; 3] = [Segment::Upstream, Segment::Midstream, Segment::Downstream];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Segment::Upstream => "upstream",
            Segment::Midstream => "midstream",
            Segment::Downstream => "downstream",
        }
    }

    pub fn from_code(code: &str) -> Option<Segment> {
        Segment::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The segment a cell of a sheet names: 上游/中游/下游 (with or without 段), or the code
    /// or its English word.
    pub fn parse(text: &str) -> Option<Segment> {
        let t = text.trim().trim_end_matches('段');
        match t {
            "上游" | "上" => Some(Segment::Upstream),
            "中游" | "中" => Some(Segment::Midstream),
            "下游" | "下" => Some(Segment::Downstream),
            _ => {
                let lower = t.to_ascii_lowercase();
                Segment::from_code(&lower).or(match lower.as_str() {
                    "up" => Some(Segment::Upstream),
                    "mid" => Some(Segment::Midstream),
                    "down" => Some(Segment::Downstream),
                    _ => None,
                })
            }
        }
    }

    /// The Chinese name a sheet writes (the same in both languages: it is data, not UI).
    pub fn sheet_name(self) -> &'static str {
        match self {
            Segment::Upstream => "上游",
            Segment::Midstream => "中游",
            Segment::Downstream => "下游",
        }
    }
}

/// One industrial chain (产业链): its name, the industry it belongs to, and where it sorts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chain {
    pub id: Uuid,
    pub name: String,
    /// One of the ledger's industries, or "".
    pub industry: String,
    pub notes: String,
    /// Sort order among chains (smaller first).
    pub position: i64,
}

impl Chain {
    pub fn new(name: impl Into<String>) -> Chain {
        Chain {
            id: Uuid::now_v7(),
            name: name.into(),
            industry: String::new(),
            notes: String::new(),
            position: 0,
        }
    }
}

/// A link (环节) of a chain, or a sub-link when it has a parent. A sub-link's segment is its
/// parent's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainNode {
    pub id: Uuid,
    pub chain: Uuid,
    /// The link this one is a sub-link of; None for a link directly under its segment.
    pub parent: Option<Uuid>,
    pub segment: Segment,
    pub name: String,
    /// 关键环节: the chain map marks it.
    pub key_link: bool,
    /// Order among its siblings (smaller first).
    pub position: i64,
    /// Local companies already doing this link (本地已有企业), as written; any makes the link 已有.
    pub local_companies: Vec<String>,
}

impl ChainNode {
    pub fn new(chain: Uuid, segment: Segment, name: impl Into<String>) -> ChainNode {
        ChainNode {
            id: Uuid::now_v7(),
            chain,
            parent: None,
            segment,
            name: name.into(),
            key_link: false,
            position: 0,
            local_companies: Vec::new(),
        }
    }

    /// A sub-link of `parent`, in its segment.
    pub fn under(parent: &ChainNode, name: impl Into<String>) -> ChainNode {
        ChainNode {
            parent: Some(parent.id),
            ..ChainNode::new(parent.chain, parent.segment, name)
        }
    }
}

/// A project attached to a link (many to many: one row per pair).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectLink {
    pub id: Uuid,
    pub project: Uuid,
    pub node: Uuid,
}

impl ProjectLink {
    pub fn new(project: Uuid, node: Uuid) -> ProjectLink {
        ProjectLink {
            id: Uuid::now_v7(),
            project,
            node,
        }
    }
}

/// One project attached to a link of a chain, with what the link's status is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedProject {
    pub node: Uuid,
    pub project: Uuid,
    pub stage: crate::domain::Stage,
    /// The project's CNY figure in yuan, when it has one.
    pub amount_cny: Option<i64>,
}

/// A project's free-text 产业链环节, for matching it to a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainText {
    pub project: Uuid,
    pub name: String,
    pub text: String,
    pub industry: String,
}

/// A 产业链环节 text as projects of one industry write it, and how many do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainTextCount {
    pub text: String,
    pub industry: String,
    pub projects: i64,
}

/// What the chain map says of a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LinkStatus {
    /// 已有: a project at 签约 or later, or a local company recorded.
    Present,
    /// 在谈: only projects before 签约.
    Negotiating,
    /// 缺链: nothing.
    Missing,
}

impl LinkStatus {
    pub const ALL: [LinkStatus; 3] = [
        LinkStatus::Present,
        LinkStatus::Negotiating,
        LinkStatus::Missing,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LinkStatus::Present => "present",
            LinkStatus::Negotiating => "negotiating",
            LinkStatus::Missing => "missing",
        }
    }

    pub fn from_code(code: &str) -> Option<LinkStatus> {
        LinkStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A user's word on a link's status, which wins over the computed one, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusOverride {
    pub status: LinkStatus,
    pub reason: String,
}

/// A chain with its links, as read together.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChainTree {
    pub nodes: Vec<ChainNode>,
}

impl ChainTree {
    /// The links directly under `segment` (no parent), in order.
    pub fn links_of(&self, segment: Segment) -> Vec<&ChainNode> {
        let mut out: Vec<&ChainNode> = (self.nodes.iter())
            .filter(|n| n.parent.is_none() && n.segment == segment)
            .collect();
        out.sort_by(|a, b| (a.position, &a.name).cmp(&(b.position, &b.name)));
        out
    }

    /// The sub-links of `parent`, in order.
    pub fn children_of(&self, parent: Uuid) -> Vec<&ChainNode> {
        let mut out: Vec<&ChainNode> = (self.nodes.iter())
            .filter(|n| n.parent == Some(parent))
            .collect();
        out.sort_by(|a, b| (a.position, &a.name).cmp(&(b.position, &b.name)));
        out
    }

    pub fn node(&self, id: Uuid) -> Option<&ChainNode> {
        self.nodes.iter().find(|n| n.id == id)
    }
}
