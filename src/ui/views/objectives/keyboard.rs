//! The tree's keys: arrows to move and open, Alt+arrows, Tab and Shift+Tab to reshape,
//! Enter or F2 to rename, Insert, Ctrl+Enter and Delete to add and remove.

use egui::{Key, Modifiers};

use super::{
    TreeOp, TreeState, add_child, add_sibling, delete_selected, reshape, start_rename, tree_data,
    tree_focus_id, visible_rows,
};
use crate::ui::context::ViewContext;

/// Tree keys, while the tree has the keyboard focus.
pub(super) fn keyboard(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut TreeState) {
    let id = tree_focus_id();
    // After a dialog or a drag nothing has the keyboard: give it back to the tree, so the
    // keys keep working on the selected node without another click.
    if state.selected.is_some() && !cx.modal_open && ui.memory(|m| m.focused().is_none()) {
        ui.memory_mut(|m| m.request_focus(id));
    }
    if !ui.memory(|m| m.has_focus(id)) || state.renaming.is_some() {
        return;
    }
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            id,
            egui::EventFilter {
                tab: true,
                horizontal_arrows: true,
                vertical_arrows: true,
                escape: false,
            },
        )
    });
    let nodes = &cx.project.objectives;
    let data = tree_data(cx, state);
    let rows = visible_rows(nodes, state, &data.codes);
    let position = state
        .selected
        .and_then(|s| rows.iter().position(|&i| nodes[i].id == s));
    let pressed = |key: Key, modifiers: Modifiers| ui.input_mut(|i| i.consume_key(modifiers, key));

    if pressed(Key::ArrowUp, Modifiers::ALT) {
        return reshape(cx, state, TreeOp::Up);
    }
    if pressed(Key::ArrowDown, Modifiers::ALT) {
        return reshape(cx, state, TreeOp::Down);
    }
    if pressed(Key::Tab, Modifiers::SHIFT) {
        return reshape(cx, state, TreeOp::Outdent);
    }
    if pressed(Key::Tab, Modifiers::NONE) {
        return reshape(cx, state, TreeOp::Indent);
    }
    if pressed(Key::Enter, Modifiers::COMMAND) {
        return add_sibling(cx, state);
    }
    if pressed(Key::Insert, Modifiers::NONE) {
        return add_child(cx, state);
    }
    if pressed(Key::Delete, Modifiers::NONE) {
        return delete_selected(cx, state);
    }
    if (pressed(Key::Enter, Modifiers::NONE) || pressed(Key::F2, Modifiers::NONE))
        && let Some(node) = state.selected.and_then(|id| cx.project.objective(id))
    {
        let title = node.title.clone();
        return start_rename(state, node.id, &title);
    }
    let select = |state: &mut TreeState, index: usize| {
        state.selected = Some(nodes[rows[index]].id);
        state.scroll_to_selected = true;
    };
    if rows.is_empty() {
        return;
    }
    if pressed(Key::ArrowDown, Modifiers::NONE) {
        select(state, position.map_or(0, |p| (p + 1).min(rows.len() - 1)));
    } else if pressed(Key::ArrowUp, Modifiers::NONE) {
        select(state, position.map_or(0, |p| p.saturating_sub(1)));
    } else if pressed(Key::Home, Modifiers::NONE) {
        select(state, 0);
    } else if pressed(Key::End, Modifiers::NONE) {
        select(state, rows.len() - 1);
    } else if pressed(Key::ArrowRight, Modifiers::NONE)
        && let Some(id) = state.selected
    {
        if !state.collapsed.remove(&id)
            && let Some(p) = position
            && p + 1 < rows.len()
            && nodes[rows[p + 1]].parent == Some(id)
        {
            select(state, p + 1);
        }
    } else if pressed(Key::ArrowLeft, Modifiers::NONE)
        && let Some(id) = state.selected
    {
        let has_children = nodes.iter().any(|n| n.parent == Some(id));
        if has_children && !state.collapsed.contains(&id) {
            state.collapsed.insert(id);
        } else if let Some(parent) = cx.project.objective(id).and_then(|n| n.parent) {
            state.selected = Some(parent);
            state.scroll_to_selected = true;
        }
    }
}
