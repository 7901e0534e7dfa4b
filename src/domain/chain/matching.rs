//! Which link of a chain the free-text `chain_link` of a project names: the link of that very
//! name, else the longest link name the text contains, else the one link whose name contains
//! the text; nothing when that is not one link.

use super::ChainNode;

/// The link of `nodes` that `text` names, if exactly one does.
pub fn match_link<'a>(text: &str, nodes: &'a [ChainNode]) -> Option<&'a ChainNode> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(exact) = nodes.iter().find(|n| n.name == text) {
        return Some(exact);
    }
    let chars = |s: &str| s.chars().count();
    let contained: Vec<&ChainNode> = nodes
        .iter()
        .filter(|n| chars(&n.name) >= 2 && text.contains(n.name.as_str()))
        .collect();
    if let Some(longest) = contained.iter().map(|n| chars(&n.name)).max() {
        let mut best = contained.into_iter().filter(|n| chars(&n.name) == longest);
        return match (best.next(), best.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        };
    }
    if chars(text) < 2 {
        return None;
    }
    let mut containing = nodes.iter().filter(|n| n.name.contains(text));
    match (containing.next(), containing.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::chain::Segment;
    use uuid::Uuid;

    fn nodes(names: &[&str]) -> Vec<ChainNode> {
        let chain = Uuid::now_v7();
        (names.iter())
            .map(|n| ChainNode::new(chain, Segment::Midstream, *n))
            .collect()
    }

    #[test]
    fn exact_then_contained_then_containing_and_never_a_guess() {
        let ns = nodes(&["动力电池", "电芯", "光刻胶", "光刻设备", "隔膜"]);
        let name = |t: &str| match_link(t, &ns).map(|n| n.name.as_str());
        assert_eq!(name("电芯"), Some("电芯"));
        // Both 动力电池 and 电芯 are in the text: the longer, more specific name wins.
        assert_eq!(name("动力电池电芯项目"), Some("动力电池"));
        assert_eq!(name("湿法隔膜"), Some("隔膜"));
        // The text is in one link's name only.
        assert_eq!(name("动力"), Some("动力电池"));
        // In two links' names: no guess.
        assert_eq!(name("光刻"), None);
        assert_eq!(name("氢能"), None);
        assert_eq!(name(""), None);
    }
}
