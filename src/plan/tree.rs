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

/// The outline code of every node, by id: the one function the tree, the editor, the
/// logframe, the exports and the CSV read a code from.
///
/// While no node has a stored code (codes not frozen), codes follow positions ("1", "1.2",
/// "1.2.3") and change when nodes move. Once frozen, a node's stored code wins wherever it
/// sits; a node without one (added since, or brought in by a merge) shows the next free code
/// under its parent, which is what [`fill_frozen_codes`] then stores.
pub fn outline_codes(nodes: &[Objective]) -> HashMap<Id, String> {
    if nodes.iter().all(|n| n.code.is_none()) {
        return positional_codes(nodes);
    }
    let mut highest = highest_numbers(nodes.iter().filter_map(|n| n.code.as_deref()));
    let mut codes: HashMap<Id, String> = HashMap::with_capacity(nodes.len());
    for node in nodes {
        let code = match &node.code {
            Some(code) => code.clone(),
            None => {
                let parent = node.parent.and_then(|p| codes.get(&p)).map(String::as_str);
                next_free_code(&mut highest, parent)
            }
        };
        codes.insert(node.id, code);
    }
    codes
}

/// Codes from positions alone: what unfrozen codes are, and what a renumber writes.
pub fn positional_codes(nodes: &[Objective]) -> HashMap<Id, String> {
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

/// The highest last number used under each prefix: "1.2.3" counts 3 under "1.2", "4" counts
/// 4 under "" (the roots). Codes typed by hand that do not end in a number are skipped.
fn highest_numbers<'a>(codes: impl Iterator<Item = &'a str>) -> HashMap<String, u64> {
    let mut highest: HashMap<String, u64> = HashMap::new();
    for code in codes {
        let (prefix, last) = code.rsplit_once('.').unwrap_or(("", code));
        if let Ok(n) = last.trim().parse::<u64>() {
            let entry = highest.entry(prefix.to_string()).or_default();
            *entry = (*entry).max(n);
        }
    }
    highest
}

/// The next code under `parent` (the roots when `None`), counted past every code already
/// used under it anywhere in the tree, so a code moved elsewhere is not handed out again.
fn next_free_code(highest: &mut HashMap<String, u64>, parent: Option<&str>) -> String {
    let prefix = parent.unwrap_or("");
    let n = highest.entry(prefix.to_string()).or_default();
    *n += 1;
    match parent {
        Some(parent) => format!("{parent}.{n}"),
        None => n.to_string(),
    }
}

/// Stores the code shown for every node that has none, so it keeps it from now on. Used
/// after each tree edit while codes are frozen, and to freeze them.
pub fn fill_frozen_codes(nodes: &mut [Objective]) {
    if nodes.iter().all(|n| n.code.is_some()) {
        return;
    }
    let codes = outline_codes(nodes);
    for node in nodes.iter_mut().filter(|n| n.code.is_none()) {
        node.code = Some(codes[&node.id].clone());
    }
}

/// The tree with every code as it is shown now, stored: freezing changes no code.
pub fn freeze_codes(nodes: &[Objective]) -> Vec<Objective> {
    let mut frozen = nodes.to_vec();
    fill_frozen_codes(&mut frozen);
    frozen
}

/// The tree without stored codes: codes follow positions again.
pub fn unfreeze_codes(nodes: &[Objective]) -> Vec<Objective> {
    let mut nodes = nodes.to_vec();
    for node in &mut nodes {
        node.code = None;
    }
    nodes
}

/// The tree with its stored codes rewritten from positions, and how many codes that
/// changes (shown in the confirmation before renumbering).
pub fn renumber_codes(nodes: &[Objective]) -> (Vec<Objective>, usize) {
    let shown = outline_codes(nodes);
    let fresh = positional_codes(nodes);
    let changed = nodes
        .iter()
        .filter(|n| shown[&n.id] != fresh[&n.id])
        .count();
    let mut renumbered = nodes.to_vec();
    for node in &mut renumbered {
        node.code = Some(fresh[&node.id].clone());
    }
    (renumbered, changed)
}

/// Why a tree edit was refused; the text is what the window shows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TreeError {
    /// The objective named (the one moved, or the new parent) is not in the tree.
    #[error("objective {id} does not exist")]
    NotFound { id: Id },
    /// The new parent is the objective itself or one of its descendants.
    #[error("An objective cannot be moved into itself or below one of its own children.")]
    WouldCycle,
    #[error("It is already the first in its branch.")]
    AlreadyFirst,
    #[error("It is already the last in its branch.")]
    AlreadyLast,
    /// An indent with no sibling above to move under.
    #[error("There is no objective above it in its branch to move it under.")]
    NothingAbove,
    /// An outdent of a root.
    #[error("It is already at the top of the tree.")]
    AlreadyAtTop,
}

fn index_of(nodes: &[Objective], id: Id) -> Result<usize, TreeError> {
    nodes
        .iter()
        .position(|n| n.id == id)
        .ok_or(TreeError::NotFound { id })
}

/// The positions of `id` and all its descendants: contiguous in outline order.
pub fn subtree_range(nodes: &[Objective], id: Id) -> Result<std::ops::Range<usize>, TreeError> {
    let start = index_of(nodes, id)?;
    let mut inside: std::collections::HashSet<Id> = std::collections::HashSet::from([id]);
    let mut end = start + 1;
    while end < nodes.len() && nodes[end].parent.is_some_and(|p| inside.contains(&p)) {
        inside.insert(nodes[end].id);
        end += 1;
    }
    Ok(start..end)
}

/// Whether `candidate` is `ancestor` or lies below it.
pub fn is_in_subtree(nodes: &[Objective], ancestor: Id, candidate: Id) -> bool {
    let parent: HashMap<Id, Option<Id>> = nodes.iter().map(|n| (n.id, n.parent)).collect();
    let mut current = Some(candidate);
    let mut steps = 0;
    while let Some(id) = current {
        if id == ancestor {
            return true;
        }
        steps += 1;
        if steps > nodes.len() {
            return false;
        }
        current = parent.get(&id).copied().flatten();
    }
    false
}

/// Ids of the children of `parent` (None: the roots), in order.
pub fn children(nodes: &[Objective], parent: Option<Id>) -> Vec<Id> {
    nodes
        .iter()
        .filter(|n| n.parent == parent)
        .map(|n| n.id)
        .collect()
}

/// Moves `id` with its subtree to be child number `position` of `new_parent` (counted
/// among the new parent's children without the moved node). Shifts the levels of the
/// moved nodes by the change in depth, within `level_count`. Refuses a move into the
/// node's own subtree.
pub fn move_node(
    nodes: &[Objective],
    id: Id,
    new_parent: Option<Id>,
    position: usize,
    level_count: usize,
) -> Result<Vec<Objective>, TreeError> {
    if let Some(target) = new_parent {
        index_of(nodes, target)?;
        if is_in_subtree(nodes, id, target) {
            return Err(TreeError::WouldCycle);
        }
    }
    let range = subtree_range(nodes, id)?;
    let depth = depths(nodes);
    let old_depth = depth[&id] as i64;
    let new_depth = new_parent.map_or(0, |p| depth[&p] as i64 + 1);
    let shift = new_depth - old_depth;
    let max_level = level_count.saturating_sub(1) as i64;

    let mut moved: Vec<Objective> = nodes[range.clone()].to_vec();
    moved[0].parent = new_parent;
    for node in &mut moved {
        node.level = (i64::from(node.level) + shift).clamp(0, max_level) as u8;
    }
    let mut rest: Vec<Objective> = nodes[..range.start]
        .iter()
        .chain(&nodes[range.end..])
        .cloned()
        .collect();
    let siblings = children(&rest, new_parent);
    let insert_at = if position < siblings.len() {
        index_of(&rest, siblings[position])?
    } else if let Some(&last) = siblings.last() {
        subtree_range(&rest, last)?.end
    } else if let Some(parent) = new_parent {
        index_of(&rest, parent)? + 1
    } else {
        rest.len()
    };
    rest.splice(insert_at..insert_at, moved);
    Ok(rest)
}

fn sibling_position(nodes: &[Objective], id: Id) -> Result<(Option<Id>, usize, usize), TreeError> {
    let parent = nodes[index_of(nodes, id)?].parent;
    let siblings = children(nodes, parent);
    let position = siblings
        .iter()
        .position(|&s| s == id)
        .expect("a node is among its parent's children");
    Ok((parent, position, siblings.len()))
}

/// Swaps `id` with the sibling above it.
pub fn move_up(
    nodes: &[Objective],
    id: Id,
    level_count: usize,
) -> Result<Vec<Objective>, TreeError> {
    let (parent, position, _) = sibling_position(nodes, id)?;
    if position == 0 {
        return Err(TreeError::AlreadyFirst);
    }
    move_node(nodes, id, parent, position - 1, level_count)
}

/// Swaps `id` with the sibling below it.
pub fn move_down(
    nodes: &[Objective],
    id: Id,
    level_count: usize,
) -> Result<Vec<Objective>, TreeError> {
    let (parent, position, count) = sibling_position(nodes, id)?;
    if position + 1 >= count {
        return Err(TreeError::AlreadyLast);
    }
    move_node(nodes, id, parent, position + 1, level_count)
}

/// Makes `id` the last child of the sibling above it.
pub fn indent(
    nodes: &[Objective],
    id: Id,
    level_count: usize,
) -> Result<Vec<Objective>, TreeError> {
    let (parent, position, _) = sibling_position(nodes, id)?;
    if position == 0 {
        return Err(TreeError::NothingAbove);
    }
    let new_parent = children(nodes, parent)[position - 1];
    let count = children(nodes, Some(new_parent)).len();
    move_node(nodes, id, Some(new_parent), count, level_count)
}

/// Makes `id` the sibling that follows its parent.
pub fn outdent(
    nodes: &[Objective],
    id: Id,
    level_count: usize,
) -> Result<Vec<Objective>, TreeError> {
    let Some(parent) = nodes[index_of(nodes, id)?].parent else {
        return Err(TreeError::AlreadyAtTop);
    };
    let (grandparent, parent_position, _) = sibling_position(nodes, parent)?;
    move_node(nodes, id, grandparent, parent_position + 1, level_count)
}

/// Adds `node` as the last child of `parent` (a root when `None`).
pub fn insert_child(
    nodes: &[Objective],
    parent: Option<Id>,
    mut node: Objective,
) -> Result<Vec<Objective>, TreeError> {
    node.parent = parent;
    let at = match children(nodes, parent).last() {
        Some(&last) => subtree_range(nodes, last)?.end,
        None => match parent {
            Some(p) => index_of(nodes, p)? + 1,
            None => nodes.len(),
        },
    };
    let mut result = nodes.to_vec();
    result.insert(at, node);
    Ok(result)
}

/// Adds `node` right after `sibling` (and its subtree), under the same parent.
pub fn insert_after(
    nodes: &[Objective],
    sibling: Id,
    mut node: Objective,
) -> Result<Vec<Objective>, TreeError> {
    let range = subtree_range(nodes, sibling)?;
    node.parent = nodes[range.start].parent;
    let mut result = nodes.to_vec();
    result.insert(range.end, node);
    Ok(result)
}

/// The tree without `id` and its subtree, and the ids removed.
pub fn remove_subtree(nodes: &[Objective], id: Id) -> Result<(Vec<Objective>, Vec<Id>), TreeError> {
    let range = subtree_range(nodes, id)?;
    let removed = nodes[range.clone()].iter().map(|n| n.id).collect();
    let mut result = nodes.to_vec();
    result.drain(range);
    Ok((result, removed))
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

    /// 1 (2 (3), 4), 5
    fn sample() -> Vec<Objective> {
        vec![
            node(1, None),
            node(2, Some(1)),
            node(3, Some(2)),
            node(4, Some(1)),
            node(5, None),
        ]
    }

    fn shape(nodes: &[Objective]) -> Vec<(u64, Option<u64>)> {
        nodes
            .iter()
            .map(|n| (n.id.0, n.parent.map(|p| p.0)))
            .collect()
    }

    #[test]
    fn subtrees_are_contiguous_ranges() {
        assert_eq!(subtree_range(&sample(), Id(1)).unwrap(), 0..4);
        assert_eq!(subtree_range(&sample(), Id(2)).unwrap(), 1..3);
        assert_eq!(subtree_range(&sample(), Id(5)).unwrap(), 4..5);
    }

    #[test]
    fn moving_into_its_own_subtree_is_refused() {
        let nodes = sample();
        assert!(move_node(&nodes, Id(1), Some(Id(3)), 0, 5).is_err());
        assert!(move_node(&nodes, Id(1), Some(Id(1)), 0, 5).is_err());
        assert!(move_node(&nodes, Id(2), Some(Id(5)), 0, 5).is_ok());
    }

    #[test]
    fn refusals_say_why() {
        let nodes = sample();
        let refused = |result: Result<Vec<Objective>, TreeError>| result.unwrap_err();
        assert_eq!(
            refused(move_node(&nodes, Id(1), Some(Id(3)), 0, 5)),
            TreeError::WouldCycle
        );
        assert_eq!(refused(move_up(&nodes, Id(1), 5)), TreeError::AlreadyFirst);
        assert_eq!(refused(move_down(&nodes, Id(5), 5)), TreeError::AlreadyLast);
        assert_eq!(refused(indent(&nodes, Id(1), 5)), TreeError::NothingAbove);
        assert_eq!(refused(outdent(&nodes, Id(1), 5)), TreeError::AlreadyAtTop);
        let missing = refused(move_up(&nodes, Id(99), 5));
        assert_eq!(missing, TreeError::NotFound { id: Id(99) });
        assert_eq!(missing.to_string(), "objective 99 does not exist");
        assert_eq!(
            TreeError::WouldCycle.to_string(),
            "An objective cannot be moved into itself or below one of its own children."
        );
    }

    #[test]
    fn moves_keep_subtrees_together_and_renumber() {
        let nodes = sample();
        let moved = move_down(&nodes, Id(2), 5).unwrap();
        assert_eq!(
            shape(&moved),
            vec![
                (1, None),
                (4, Some(1)),
                (2, Some(1)),
                (3, Some(2)),
                (5, None)
            ]
        );
        assert_eq!(outline_codes(&moved)[&Id(3)], "1.2.1");
        assert_eq!(move_up(&moved, Id(2), 5).unwrap(), nodes);
        assert!(move_up(&nodes, Id(1), 5).is_err());
        assert!(move_down(&nodes, Id(5), 5).is_err());
    }

    #[test]
    fn indent_and_outdent_are_inverse_and_shift_levels() {
        let nodes = sample();
        let indented = indent(&nodes, Id(5), 5).unwrap();
        assert_eq!(shape(&indented)[4], (5, Some(1)));
        assert_eq!(indented[4].level, 1);
        assert_eq!(outline_codes(&indented)[&Id(5)], "1.3");
        let back = outdent(&indented, Id(5), 5).unwrap();
        assert_eq!(back, nodes);
        assert!(
            indent(&nodes, Id(1), 5).is_err(),
            "the first root has nothing above it"
        );
        assert!(outdent(&nodes, Id(1), 5).is_err());
        let out = outdent(&nodes, Id(3), 5).unwrap();
        assert_eq!(
            shape(&out),
            vec![
                (1, None),
                (2, Some(1)),
                (3, Some(1)),
                (4, Some(1)),
                (5, None)
            ]
        );
    }

    #[test]
    fn inserting_and_removing_keep_outline_order() {
        let nodes = sample();
        let added = insert_child(&nodes, Some(Id(1)), node(9, None)).unwrap();
        assert_eq!(
            shape(&added)[4],
            (9, Some(1)),
            "after the last child's subtree"
        );
        let added = insert_after(&nodes, Id(2), node(9, None)).unwrap();
        assert_eq!(shape(&added)[3], (9, Some(1)));
        let added = insert_child(&nodes, Some(Id(3)), node(9, None)).unwrap();
        assert_eq!(shape(&added)[3], (9, Some(3)));
        let (rest, removed) = remove_subtree(&nodes, Id(2)).unwrap();
        assert_eq!(removed, vec![Id(2), Id(3)]);
        assert_eq!(shape(&rest), vec![(1, None), (4, Some(1)), (5, None)]);
        assert_eq!(outline_codes(&rest)[&Id(4)], "1.1", "codes renumber");
    }

    fn codes_of(nodes: &[Objective]) -> Vec<String> {
        let codes = outline_codes(nodes);
        nodes.iter().map(|n| codes[&n.id].clone()).collect()
    }

    #[test]
    fn unfrozen_codes_are_positional_and_follow_moves() {
        let nodes = sample();
        assert_eq!(codes_of(&nodes), ["1", "1.1", "1.1.1", "1.2", "2"]);
        assert_eq!(outline_codes(&nodes), positional_codes(&nodes));
        let moved = move_down(&nodes, Id(2), 5).unwrap();
        assert_eq!(outline_codes(&moved)[&Id(2)], "1.2");
        assert_eq!(outline_codes(&moved)[&Id(4)], "1.1");
    }

    #[test]
    fn frozen_codes_stay_through_moves_and_reparenting() {
        let nodes = freeze_codes(&sample());
        assert_eq!(codes_of(&nodes), ["1", "1.1", "1.1.1", "1.2", "2"]);
        assert!(nodes.iter().all(|n| n.code.is_some()));
        let moved = move_down(&nodes, Id(2), 5).unwrap();
        let codes = outline_codes(&moved);
        assert_eq!(codes[&Id(2)], "1.1", "kept through a move among siblings");
        assert_eq!(codes[&Id(3)], "1.1.1", "its children keep theirs too");
        assert_eq!(codes[&Id(4)], "1.2");
        let reparented = move_node(&nodes, Id(4), Some(Id(5)), 0, 5).unwrap();
        assert_eq!(
            outline_codes(&reparented)[&Id(4)],
            "1.2",
            "kept under a new parent"
        );
    }

    #[test]
    fn new_nodes_take_the_next_free_code_under_their_parent() {
        let nodes = freeze_codes(&sample());
        // 1.2 moved away; a new child of 1 must not take 1.2 again.
        let moved = move_node(&nodes, Id(4), Some(Id(5)), 0, 5).unwrap();
        let mut added = insert_child(&moved, Some(Id(1)), node(9, None)).unwrap();
        assert_eq!(outline_codes(&added)[&Id(9)], "1.3");
        let mut added_root = insert_child(&added, None, node(10, None)).unwrap();
        assert_eq!(outline_codes(&added_root)[&Id(10)], "3");
        let mut under_new = insert_child(&added_root, Some(Id(10)), node(11, None)).unwrap();
        assert_eq!(outline_codes(&under_new)[&Id(11)], "3.1");
        fill_frozen_codes(&mut added);
        assert_eq!(
            added
                .iter()
                .find(|n| n.id == Id(9))
                .unwrap()
                .code
                .as_deref(),
            Some("1.3")
        );
        fill_frozen_codes(&mut added_root);
        fill_frozen_codes(&mut under_new);
        assert!(under_new.iter().all(|n| n.code.is_some()));
        // Once stored, a later sibling does not change it.
        let later = insert_after(&under_new, Id(2), node(12, None)).unwrap();
        assert_eq!(outline_codes(&later)[&Id(9)], "1.3");
        assert_eq!(outline_codes(&later)[&Id(12)], "1.4");
    }

    #[test]
    fn the_first_node_of_a_frozen_empty_tree_is_stored_too() {
        let mut nodes = vec![node(1, None)];
        fill_frozen_codes(&mut nodes);
        assert_eq!(nodes[0].code.as_deref(), Some("1"));
    }

    #[test]
    fn renumber_rewrites_from_positions_and_counts_the_changes() {
        let frozen = freeze_codes(&sample());
        let (same, unchanged) = renumber_codes(&frozen);
        assert_eq!((same, unchanged), (frozen.clone(), 0));
        let moved = move_down(&frozen, Id(2), 5).unwrap();
        let (renumbered, changed) = renumber_codes(&moved);
        assert_eq!(changed, 3, "2 and 4 swap, 3 follows its parent");
        assert_eq!(codes_of(&renumbered), ["1", "1.1", "1.2", "1.2.1", "2"]);
        assert_eq!(outline_codes(&renumbered), positional_codes(&renumbered));
        assert_eq!(unfreeze_codes(&frozen), sample());
    }

    #[test]
    fn hand_typed_codes_are_kept_and_skipped_when_counting() {
        let mut nodes = sample();
        nodes[0].code = Some("Pillar A".into());
        let codes = outline_codes(&nodes);
        assert_eq!(codes[&Id(1)], "Pillar A");
        assert_eq!(codes[&Id(2)], "Pillar A.1");
        assert_eq!(codes[&Id(5)], "1");
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
