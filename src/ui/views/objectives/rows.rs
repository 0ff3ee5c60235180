//! The tree's rows: one per visible node, with its code, title, level, the status of its
//! activities, renaming in place, and dragging to move it.

use egui::{Key, Modifiers, Role, Sense, WidgetInfo};

use super::{
    DropZone, ROW_INDENT, TreeData, TreeOp, TreeState, add_child, add_sibling, delete_selected,
    edit, level_count, reshape, start_rename, tree_data, tree_edit, tree_focus_id, visible_rows,
};
use crate::edit::commands::Command;
use crate::model::{Id, Objective};
use crate::plan::logframe::StatusCounts;
use crate::plan::tree;
use crate::ui::context::ViewContext;

pub(super) fn tree_rows(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut TreeState) {
    let nodes = &cx.project.objectives;
    let data = tree_data(cx, state);
    let rows = visible_rows(nodes, state, &data.codes);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    if rows.is_empty() {
        ui.label("No objective matches the filter.");
        return;
    }
    let mut drop: Option<(Id, DropZone)> = None;
    let mut scroll = egui::ScrollArea::vertical().auto_shrink(false);
    if state.scroll_to_selected
        && let Some(position) = state
            .selected
            .and_then(|s| rows.iter().position(|&i| nodes[i].id == s))
    {
        // show_rows spaces rows by the item spacing too.
        let pitch = row_height + ui.spacing().item_spacing.y;
        scroll = scroll.vertical_scroll_offset((position as f32 * pitch - 120.0).max(0.0));
    }
    state.scroll_to_selected = false;
    scroll.show_rows(ui, row_height, rows.len(), |ui, range| {
        for &index in &rows[range] {
            if let Some(target) = tree_row(ui, cx, state, &data, &nodes[index], row_height) {
                drop = Some(target);
            }
        }
    });
    if let Some(dragged) = state.dragging {
        ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
        if ui.input(|i| i.pointer.any_released()) {
            state.dragging = None;
            if let Some((target, zone)) = drop {
                drop_node(cx, dragged, target, zone);
            }
        }
    }
}

/// One node's row. Returns where a node dragged over it would land.
fn tree_row(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut TreeState,
    data: &TreeData,
    node: &Objective,
    row_height: f32,
) -> Option<(Id, DropZone)> {
    let (codes, has_children) = (&data.codes, &data.has_children);
    let depth = data.depths[&node.id];
    let width = ui.available_width();
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, row_height), Sense::click_and_drag());
    let selected = state.selected == Some(node.id);
    let code = &codes[&node.id];
    response.widget_info(|| {
        WidgetInfo::selected(
            Role::TreeItem,
            true,
            selected,
            format!("{code} {}", node.title),
        )
    });
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals().clone();
    if selected {
        painter.rect_filled(rect, 2.0, visuals.selection.bg_fill);
    } else if response.hovered() {
        painter.rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let text_color = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.text_color()
    };
    let left = rect.left() + depth as f32 * ROW_INDENT;
    let arrow_rect = egui::Rect::from_min_size(
        egui::pos2(left, rect.top()),
        egui::vec2(ROW_INDENT, row_height),
    );
    if has_children.contains(&node.id) {
        let open = !state.collapsed.contains(&node.id);
        painter.text(
            arrow_rect.center(),
            egui::Align2::CENTER_CENTER,
            if open { "⏷" } else { "⏵" },
            egui::TextStyle::Body.resolve(ui.style()),
            text_color,
        );
    }
    let mono = egui::TextStyle::Monospace.resolve(ui.style());
    let y = rect.center().y;
    let code_rect = painter.text(
        egui::pos2(arrow_rect.right() + 2.0, y),
        egui::Align2::LEFT_CENTER,
        code,
        mono,
        visuals.weak_text_color(),
    );
    let title_left = code_rect.right() + 8.0;
    let renaming_this = state
        .renaming
        .as_ref()
        .is_some_and(|(id, _)| *id == node.id);
    if renaming_this {
        let edit_rect = egui::Rect::from_min_max(
            egui::pos2(title_left, rect.top() + 1.0),
            egui::pos2(rect.right() - 8.0, rect.bottom() - 1.0),
        );
        rename_field(ui, cx, state, node, edit_rect);
    } else {
        let level = cx
            .project
            .settings
            .level_names
            .get(usize::from(node.level))
            .map(String::as_str)
            .unwrap_or("");
        // The results dot keeps a column of its own at the row's end, clear of the text.
        let dot_room = if node.indicators.is_empty() {
            0.0
        } else {
            24.0
        };
        row_text(
            ui,
            &painter,
            data,
            node,
            level,
            egui::Rect::from_x_y_ranges(title_left..=rect.right() - dot_room, rect.y_range()),
            text_color,
        );
        crate::ui::widgets::results_dot::paint_at(
            ui,
            response.id.with("results"),
            egui::pos2(rect.right() - 12.0, y),
            cx.project,
            node,
            cx.today,
        );
    }
    let response = response.on_hover_ui(|ui| {
        let c = data.counts.get(&node.id).copied().unwrap_or_default();
        ui.label(format!(
            "Linked activities: {} planned, {} under way, {} done, {} postponed or cancelled",
            c.planned, c.under_way, c.done, c.stopped
        ));
        if data.uncovered.contains(&node.id) {
            ui.label("No activity delivers this objective yet.");
        }
        ui.label(
            egui::RichText::new(
                "Double-click or Enter to rename; drag to move; right-click for more",
            )
            .weak(),
        );
    });
    if response.secondary_clicked() {
        state.selected = Some(node.id);
    }
    response.context_menu(|ui| row_menu(ui, cx, state, node));
    if response.clicked() {
        if has_children.contains(&node.id)
            && response
                .interact_pointer_pos()
                .is_some_and(|p| arrow_rect.contains(p))
        {
            if !state.collapsed.remove(&node.id) {
                state.collapsed.insert(node.id);
            }
        } else {
            state.selected = Some(node.id);
        }
        ui.memory_mut(|m| m.request_focus(tree_focus_id()));
    }
    if response.double_clicked() && !renaming_this {
        start_rename(state, node.id, &node.title);
    }
    if response.drag_started() {
        state.dragging = Some(node.id);
        state.selected = Some(node.id);
    }
    drop_target(ui, cx, state, node, rect, left, &visuals)
}

/// The tree's common actions on one node, as the toolbar and the keys offer them.
fn row_menu(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut TreeState, node: &Objective) {
    let entries: [(&str, &str); 9] = [
        (
            "Open in editor",
            "Show this objective's fields beside the tree",
        ),
        ("Rename", "Rename it in place (Enter or F2)"),
        ("Add child", "Add an objective under this one (Insert)"),
        (
            "Add sibling",
            "Add an objective after this one (Ctrl+Enter)",
        ),
        ("Move up", "Move it above the previous sibling (Alt+Up)"),
        ("Move down", "Move it below the next sibling (Alt+Down)"),
        ("Indent", "Make it a child of the objective above (Tab)"),
        ("Outdent", "Make it a sibling of its parent (Shift+Tab)"),
        (
            "Delete",
            "Delete it and its branch (Delete); activities are kept",
        ),
    ];
    for (index, (label, tip)) in entries.into_iter().enumerate() {
        if index == 2 || index == 4 || index == 8 {
            ui.separator();
        }
        if !ui.button(label).on_hover_text(tip).clicked() {
            continue;
        }
        ui.close();
        // The menu acts on the row it was opened on, whatever is selected meanwhile.
        state.selected = Some(node.id);
        match index {
            0 => {
                state.editor_collapsed = false;
                state.scroll_to_selected = true;
            }
            1 => start_rename(state, node.id, &node.title),
            2 => add_child(cx, state),
            3 => add_sibling(cx, state),
            4 => reshape(cx, state, TreeOp::Up),
            5 => reshape(cx, state, TreeOp::Down),
            6 => reshape(cx, state, TreeOp::Indent),
            7 => reshape(cx, state, TreeOp::Outdent),
            _ => delete_selected(cx, state),
        }
    }
}

/// The title, its level's name, the status of the activities linked to it, and a warning
/// when none is.
fn row_text(
    ui: &egui::Ui,
    painter: &egui::Painter,
    data: &TreeData,
    node: &Objective,
    level: &str,
    area: egui::Rect,
    text_color: egui::Color32,
) {
    let visuals = ui.visuals();
    let body = egui::TextStyle::Body.resolve(ui.style());
    let (at, right) = (area.left_center(), area.right());
    let y = at.y;
    // A long title ends in "…" so that the level, the activity counts and the warning after it
    // stay in sight; the whole title is in the row's tooltip and the editor.
    let room = right - at.x;
    let keep_for_badges = (room * 0.4).min(200.0);
    let r = crate::ui::widgets::one_line::paint_one_line(
        painter,
        at,
        node.title.clone(),
        body,
        text_color,
        (room - keep_for_badges).max(40.0),
    );
    let mut after_title = r.right() + 10.0;
    let small = egui::TextStyle::Small.resolve(ui.style());
    let r = painter.text(
        egui::pos2(after_title, y),
        egui::Align2::LEFT_CENTER,
        level,
        small,
        visuals.weak_text_color(),
    );
    after_title = r.right() + 10.0;
    if let Some(c) = data.counts.get(&node.id) {
        after_title = status_badges(ui, painter, after_title, y, c);
    }
    if data.uncovered.contains(&node.id) {
        painter.text(
            egui::pos2(after_title, y),
            egui::Align2::LEFT_CENTER,
            "⚠ no activity",
            egui::TextStyle::Small.resolve(ui.style()),
            visuals.warn_fg_color,
        );
    }
}

/// While another node is dragged over this row: where it would land (before, into or after
/// it), marked on the row, with a warning where it cannot go.
fn drop_target(
    ui: &egui::Ui,
    cx: &ViewContext<'_>,
    state: &TreeState,
    node: &Objective,
    rect: egui::Rect,
    left: f32,
    visuals: &egui::Visuals,
) -> Option<(Id, DropZone)> {
    let dragged = state.dragging.filter(|&d| d != node.id)?;
    let pointer = ui.ctx().pointer_hover_pos().filter(|&p| rect.contains(p))?;
    let fraction = (pointer.y - rect.top()) / rect.height();
    let zone = if fraction < 0.25 {
        DropZone::Before
    } else if fraction > 0.75 {
        DropZone::After
    } else {
        DropZone::Into
    };
    let refused = tree::is_in_subtree(&cx.project.objectives, dragged, node.id);
    let color = if refused {
        visuals.error_fg_color
    } else {
        visuals.selection.stroke.color
    };
    let stroke = egui::Stroke::new(2.0, color);
    let line_left = left + ROW_INDENT;
    match zone {
        DropZone::Before => {
            ui.painter()
                .hline(line_left..=rect.right(), rect.top(), stroke);
        }
        DropZone::After => {
            ui.painter()
                .hline(line_left..=rect.right(), rect.bottom(), stroke);
        }
        DropZone::Into => {
            ui.painter()
                .rect_stroke(rect.shrink(1.0), 2.0, stroke, egui::StrokeKind::Inside);
        }
    }
    if refused {
        let hint = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Tooltip,
            tree_focus_id().with("drop_hint"),
        ));
        hint.text(
            pointer + egui::vec2(14.0, 14.0),
            egui::Align2::LEFT_TOP,
            "An objective cannot go inside its own branch",
            egui::TextStyle::Body.resolve(ui.style()),
            color,
        );
    }
    Some((node.id, zone))
}

fn status_badges(
    ui: &egui::Ui,
    painter: &egui::Painter,
    mut x: f32,
    y: f32,
    counts: &StatusCounts,
) -> f32 {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let parts = [
        (counts.planned, egui::Color32::from_rgb(110, 140, 200)),
        (counts.under_way, egui::Color32::from_rgb(220, 150, 40)),
        (counts.done, egui::Color32::from_rgb(70, 170, 90)),
        (counts.stopped, egui::Color32::GRAY),
    ];
    for (n, color) in parts {
        if n == 0 {
            continue;
        }
        painter.circle_filled(egui::pos2(x + 4.0, y), 4.0, color);
        let r = painter.text(
            egui::pos2(x + 11.0, y),
            egui::Align2::LEFT_CENTER,
            n.to_string(),
            font.clone(),
            ui.visuals().text_color(),
        );
        x = r.right() + 8.0;
    }
    x
}

fn drop_node(cx: &mut ViewContext<'_>, dragged: Id, target: Id, zone: DropZone) {
    let nodes = &cx.project.objectives;
    let Some(target_node) = cx.project.objective(target) else {
        return;
    };
    let levels = level_count(cx.project);
    let result = match zone {
        DropZone::Into => {
            let count = tree::children(nodes, Some(target))
                .iter()
                .filter(|&&c| c != dragged)
                .count();
            tree::move_node(nodes, dragged, Some(target), count, levels)
        }
        DropZone::Before | DropZone::After => {
            let parent = target_node.parent;
            let siblings: Vec<Id> = tree::children(nodes, parent)
                .into_iter()
                .filter(|&s| s != dragged)
                .collect();
            let at = siblings
                .iter()
                .position(|&s| s == target)
                .unwrap_or(siblings.len());
            let position = if zone == DropZone::After { at + 1 } else { at };
            tree::move_node(nodes, dragged, parent, position, levels)
        }
    };
    tree_edit(cx, result, "Move objective");
}

fn rename_field(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut TreeState,
    node: &Objective,
    rect: egui::Rect,
) {
    let Some((_, text)) = state.renaming.as_mut() else {
        return;
    };
    let response = ui.put(
        rect,
        egui::TextEdit::singleline(text)
            .id_salt(("rename", node.id))
            .hint_text("Title"),
    );
    let response = response.on_hover_text("Enter to keep, Escape to cancel");
    if state.rename_focus_pending {
        response.request_focus();
        // Select the whole title, so typing replaces it.
        let mut edit_state =
            egui::text_edit::TextEditState::load(ui.ctx(), response.id).unwrap_or_default();
        edit_state
            .cursor
            .set_char_range(Some(egui::text_selection::CCursorRange::select_all_str(
                text,
            )));
        edit_state.store(ui.ctx(), response.id);
        state.rename_focus_pending = false;
    } else if response.lost_focus() {
        let cancelled = ui.input(|i| i.key_pressed(Key::Escape));
        let title = text.trim().to_string();
        state.renaming = None;
        // The key that ended the rename must not also act on the tree (Enter would rename again).
        ui.input_mut(|i| {
            i.consume_key(Modifiers::NONE, Key::Enter);
            i.consume_key(Modifiers::NONE, Key::Escape);
        });
        ui.memory_mut(|m| m.request_focus(tree_focus_id()));
        if !cancelled && !title.is_empty() && title != node.title {
            let mut renamed = node.clone();
            renamed.title = title;
            edit(
                cx,
                Command::SetObjective(Box::new(renamed)),
                "Rename objective",
            );
        }
    }
}
