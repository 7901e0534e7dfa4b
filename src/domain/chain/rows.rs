//! Chains from rows of a sheet (one row a link: 链, 环节, 上级环节, 段, 关键环节), as the .xlsx
//! import and the starting chains read them; bad rows are refused with their line.

use std::collections::HashMap;

use super::{Chain, ChainNode, Segment};

/// One row as written, before it is checked. `line` is its 1-based line in the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkRow {
    pub line: usize,
    pub chain: String,
    pub link: String,
    pub parent: String,
    pub segment: String,
    pub key: String,
}

/// What is wrong with a row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowProblem {
    #[error("no chain name")]
    NoChain,
    #[error("no link name")]
    NoLink,
    #[error("segment {0:?} is not 上游, 中游 or 下游")]
    BadSegment(String),
    #[error("a link with no parent needs its segment")]
    NoSegment,
    #[error("key-link mark {0:?} is not 是 or 否")]
    BadKey(String),
    #[error("link {0:?} appears twice in its chain")]
    Duplicate(String),
    #[error("parent link {0:?} is not a link of this chain")]
    NoParent(String),
    #[error("parent link {0:?} is itself a sub-link")]
    TooDeep(String),
    #[error("segment differs from the parent link's")]
    SegmentMismatch,
    #[error("a link cannot be its own parent")]
    OwnParent,
}

/// A refused row: its line and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct RowError {
    pub line: usize,
    pub problem: RowProblem,
}

/// A chain read from rows, its links in the rows' order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedChain {
    pub chain: Chain,
    pub nodes: Vec<ChainNode>,
}

/// A key-link cell: empty or 否 is no, 是/关键/★/Y/yes/1/true is yes.
pub fn parse_key(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "" | "否" | "n" | "no" | "0" | "false" | "×" => Some(false),
        "是" | "关键" | "关键环节" | "★" | "√" | "✓" | "y" | "yes" | "1" | "true" => {
            Some(true)
        }
        _ => None,
    }
}

/// The chains the rows make, in first-seen order, and the rows refused. A row refused leaves
/// the others standing; a sub-link whose parent was refused is refused too.
pub fn chains_from_rows(rows: &[LinkRow]) -> (Vec<ParsedChain>, Vec<RowError>) {
    let mut chains: Vec<ParsedChain> = Vec::new();
    let mut errors = Vec::new();
    // First pass: every top link (no parent); second: the sub-links, so a parent may come later.
    let (tops, subs): (Vec<&LinkRow>, Vec<&LinkRow>) =
        rows.iter().partition(|r| r.parent.trim().is_empty());
    let mut placed: Vec<(usize, usize, ChainNode)> = Vec::new();
    for row in tops.into_iter().chain(subs) {
        match place(&mut chains, &placed, row) {
            Ok((chain_index, node)) => placed.push((row.line, chain_index, node)),
            Err(problem) => errors.push(RowError {
                line: row.line,
                problem,
            }),
        }
    }
    placed.sort_by_key(|(line, _, _)| *line);
    let mut next_position: HashMap<usize, i64> = HashMap::new();
    for (_, chain_index, mut node) in placed {
        let position = next_position.entry(chain_index).or_default();
        node.position = *position;
        *position += 1;
        chains[chain_index].nodes.push(node);
    }
    chains.retain(|c| !c.nodes.is_empty());
    errors.sort_by_key(|e| e.line);
    (chains, errors)
}

/// Checks one row against what is placed so far: the chain it goes in and its node.
fn place(
    chains: &mut Vec<ParsedChain>,
    placed: &[(usize, usize, ChainNode)],
    row: &LinkRow,
) -> Result<(usize, ChainNode), RowProblem> {
    let (chain_name, link) = (row.chain.trim(), row.link.trim());
    if chain_name.is_empty() {
        return Err(RowProblem::NoChain);
    }
    if link.is_empty() {
        return Err(RowProblem::NoLink);
    }
    let key = parse_key(&row.key).ok_or_else(|| RowProblem::BadKey(row.key.trim().into()))?;
    let segment = match row.segment.trim() {
        "" => None,
        text => Some(Segment::parse(text).ok_or_else(|| RowProblem::BadSegment(text.into()))?),
    };
    let chain_index = match chains.iter().position(|c| c.chain.name == chain_name) {
        Some(i) => i,
        None => {
            chains.push(ParsedChain {
                chain: Chain {
                    position: chains.len() as i64,
                    ..Chain::new(chain_name)
                },
                nodes: Vec::new(),
            });
            chains.len() - 1
        }
    };
    let in_chain = || placed.iter().filter(move |(_, c, _)| *c == chain_index);
    if in_chain().any(|(_, _, n)| n.name == link) {
        return Err(RowProblem::Duplicate(link.into()));
    }
    let chain_id = chains[chain_index].chain.id;
    let parent_name = row.parent.trim();
    if parent_name.is_empty() {
        let segment = segment.ok_or(RowProblem::NoSegment)?;
        let mut node = ChainNode::new(chain_id, segment, link);
        node.key_link = key;
        return Ok((chain_index, node));
    }
    if parent_name == link {
        return Err(RowProblem::OwnParent);
    }
    let parent = in_chain()
        .map(|(_, _, n)| n)
        .find(|n| n.name == parent_name)
        .ok_or_else(|| RowProblem::NoParent(parent_name.into()))?;
    if parent.parent.is_some() {
        return Err(RowProblem::TooDeep(parent_name.into()));
    }
    if segment.is_some_and(|s| s != parent.segment) {
        return Err(RowProblem::SegmentMismatch);
    }
    let mut node = ChainNode::under(parent, link);
    node.key_link = key;
    Ok((chain_index, node))
}

/// The rows that write `chain` back out, parents before their sub-links.
pub fn rows_of(chain: &Chain, nodes: &[ChainNode]) -> Vec<LinkRow> {
    let tree = super::ChainTree {
        nodes: nodes.to_vec(),
    };
    let mut out = Vec::new();
    let key = |n: &ChainNode| if n.key_link { "是" } else { "" }.to_owned();
    for segment in Segment::ALL {
        for link in tree.links_of(segment) {
            out.push(LinkRow {
                line: out.len() + 2,
                chain: chain.name.clone(),
                link: link.name.clone(),
                parent: String::new(),
                segment: segment.sheet_name().into(),
                key: key(link),
            });
            for sub in tree.children_of(link.id) {
                out.push(LinkRow {
                    line: out.len() + 2,
                    chain: chain.name.clone(),
                    link: sub.name.clone(),
                    parent: link.name.clone(),
                    segment: segment.sheet_name().into(),
                    key: key(sub),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: usize, cells: [&str; 5]) -> LinkRow {
        LinkRow {
            line,
            chain: cells[0].into(),
            link: cells[1].into(),
            parent: cells[2].into(),
            segment: cells[3].into(),
            key: cells[4].into(),
        }
    }

    #[test]
    fn rows_make_a_tree_and_bad_rows_are_refused_with_their_line() {
        let rows = [
            row(2, ["链A", "子环节", "环节甲", "", ""]),
            row(3, ["链A", "环节甲", "", "上游", "是"]),
            row(4, ["链A", "环节乙", "", "左游", ""]),
            row(5, ["链A", "环节甲", "", "中游", ""]),
            row(6, ["链A", "孙环节", "子环节", "", ""]),
            row(7, ["链A", "无父", "不存在", "", ""]),
            row(8, ["", "x", "", "上游", ""]),
            row(9, ["链A", "y", "", "下游", "也许"]),
            row(10, ["链A", "错段", "环节甲", "下游", ""]),
        ];
        let (chains, errors) = chains_from_rows(&rows);
        assert_eq!(chains.len(), 1);
        let nodes = &chains[0].nodes;
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0].name, "子环节");
        assert_eq!(nodes[0].parent, Some(nodes[1].id));
        assert_eq!(nodes[0].segment, Segment::Upstream);
        assert!(nodes[1].key_link);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(errors[1].problem, RowProblem::Duplicate("环节甲".into()));
        assert_eq!(errors[2].problem, RowProblem::TooDeep("子环节".into()));
    }

    #[test]
    fn rows_written_out_read_back_the_same_tree() {
        let chain = &super::super::starting::starting_chains()[0];
        let rows = rows_of(&chain.chain, &chain.nodes);
        let (again, errors) = chains_from_rows(&rows);
        assert!(errors.is_empty(), "{errors:?}");
        let names = |nodes: &[ChainNode]| {
            let mut v: Vec<(String, Segment, bool, bool)> = nodes
                .iter()
                .map(|n| (n.name.clone(), n.segment, n.key_link, n.parent.is_some()))
                .collect();
            v.sort();
            v
        };
        assert_eq!(names(&again[0].nodes), names(&chain.nodes));
    }
}
