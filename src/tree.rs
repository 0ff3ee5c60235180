//! The objective tree: a flat list in outline order where each node names its parent.

use std::collections::HashMap;

use crate::model::{Id, Objective};

/// Reorders `nodes` into outline (pre-)order: every parent before its children, siblings
/// in the order they already have. Nodes whose parent is missing are treated as roots.
pub fn sort_outline(nodes: &mut Vec<Objective>) {
    let known: std::collections::HashSet<Id> = nodes.iter().map(|n| n.id).collect();
    let mut children: HashMap<Option<Id>, Vec<usize>> = HashMap::new();
    for (index, node) in nodes.iter().enumerate() {
        let parent = node.parent.filter(|p| known.contains(p) && *p != node.id);
        children.entry(parent).or_default().push(index);
    }
    let mut order = Vec::with_capacity(nodes.len());
    let mut placed = vec![false; nodes.len()];
    // Iterative depth-first walk: a 100-level tree must not cost 100 stack frames per level.
    let mut stack: Vec<usize> = children
        .get(&None)
        .map(|roots| roots.iter().rev().copied().collect())
        .unwrap_or_default();
    while let Some(index) = stack.pop() {
        if placed[index] {
            continue;
        }
        placed[index] = true;
        order.push(index);
        if let Some(kids) = children.get(&Some(nodes[index].id)) {
            stack.extend(kids.iter().rev().copied());
        }
    }
    // Nodes on a parent loop are unreachable from a root; keep them, in their old order.
    order.extend((0..nodes.len()).filter(|&i| !placed[i]));
    if order
        .iter()
        .enumerate()
        .all(|(position, &index)| position == index)
    {
        return;
    }
    let mut slots: Vec<Option<Objective>> = nodes.drain(..).map(Some).collect();
    nodes.extend(
        order
            .into_iter()
            .map(|i| slots[i].take().expect("each index once")),
    );
}

/// Depth of each node (roots are 0), by id.
pub fn depths(nodes: &[Objective]) -> HashMap<Id, usize> {
    let mut depth = HashMap::with_capacity(nodes.len());
    for node in nodes {
        let d = node
            .parent
            .and_then(|p| depth.get(&p).copied())
            .map_or(0, |d: usize| d + 1);
        depth.insert(node.id, d);
    }
    depth
}

/// Outline codes ("1", "1.2", "1.2.3") of nodes in outline order, by id.
pub fn outline_codes(nodes: &[Objective]) -> HashMap<Id, String> {
    let mut codes: HashMap<Id, String> = HashMap::with_capacity(nodes.len());
    let mut child_count: HashMap<Option<Id>, usize> = HashMap::new();
    for node in nodes {
        let n = child_count.entry(node.parent).or_default();
        *n += 1;
        let code = match node.parent.and_then(|p| codes.get(&p)) {
            Some(parent_code) => format!("{parent_code}.{n}"),
            None => n.to_string(),
        };
        codes.insert(node.id, code);
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: u64, parent: Option<u64>) -> Objective {
        Objective::new(Id(id), parent.map(Id), 0, format!("n{id}"))
    }

    fn ids(nodes: &[Objective]) -> Vec<u64> {
        nodes.iter().map(|n| n.id.0).collect()
    }

    #[test]
    fn sort_puts_parents_first_and_keeps_sibling_order() {
        let mut nodes = vec![
            node(3, Some(1)),
            node(1, None),
            node(2, None),
            node(4, Some(1)),
        ];
        sort_outline(&mut nodes);
        assert_eq!(ids(&nodes), vec![1, 3, 4, 2]);
    }

    #[test]
    fn sort_keeps_loop_members_instead_of_dropping_them() {
        let mut nodes = vec![node(1, None), node(2, Some(3)), node(3, Some(2))];
        sort_outline(&mut nodes);
        assert_eq!(ids(&nodes), vec![1, 2, 3]);
    }

    #[test]
    fn outline_codes_follow_position() {
        let nodes = vec![
            node(1, None),
            node(2, Some(1)),
            node(3, Some(1)),
            node(4, None),
            node(5, Some(4)),
        ];
        let codes = outline_codes(&nodes);
        assert_eq!(codes[&Id(3)], "1.2");
        assert_eq!(codes[&Id(5)], "2.1");
        assert_eq!(depths(&nodes)[&Id(5)], 1);
    }

    #[test]
    fn hundred_levels_sort_without_recursion() {
        let mut nodes: Vec<Objective> = (1..=100)
            .rev()
            .map(|i| node(i, (i > 1).then(|| i - 1)))
            .collect();
        sort_outline(&mut nodes);
        assert_eq!(ids(&nodes), (1..=100).collect::<Vec<_>>());
        assert_eq!(depths(&nodes)[&Id(100)], 99);
    }
}
