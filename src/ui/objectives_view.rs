//! The objective tree: browse, filter, select, and reshape it (add, rename, delete, move,
//! indent, outdent, drag and drop), with the selected node's editor beside it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::{Key, Modifiers, Role, Sense, WidgetInfo};

use super::actions::Action;
use super::app::{Revision, ViewContext};
use super::objective_editor;
use crate::commands::{self, Command};
use crate::history::Edit;
use crate::logframe::{self, MatrixRow, StatusCounts};
use crate::model::{Id, Objective, Project};
use crate::tree;

/// What the tree remembers between frames; not part of the project.
#[derive(Default)]
pub struct TreeState {
    pub selected: Option<Id>,
    pub collapsed: HashSet<Id>,
    pub filter: String,
    /// The node being renamed in place, with the text typed so far.
    renaming: Option<(Id, String)>,
    rename_focus_pending: bool,
    dragging: Option<Id>,
    /// Scroll the selected row into view next frame (after keyboard navigation).
    scroll_to_selected: bool,
    pub show_matrix: bool,
    pub matrix_pillar: Option<Id>,
    data: Option<Arc<TreeData>>,
    matrix: Option<(Revision, Option<Id>, Arc<Vec<MatrixRow>>)>,
}

/// What the tree shows besides the nodes themselves, derived once per revision of the
/// project rather than every frame: a frame then costs only the rows on screen.
pub struct TreeData {
    revision: Revision,
    pub codes: HashMap<Id, String>,
    pub depths: HashMap<Id, usize>,
    pub has_children: HashSet<Id>,
    pub counts: HashMap<Id, StatusCounts>,
    pub uncovered: HashSet<Id>,
    pub summaries: Vec<logframe::PillarSummary>,
}

fn tree_data(cx: &ViewContext<'_>, state: &mut TreeState) -> Arc<TreeData> {
    if let Some(data) = &state.data
        && data.revision == cx.revision
    {
        return data.clone();
    }
    let nodes = &cx.project.objectives;
    let data = Arc::new(TreeData {
        revision: cx.revision,
        codes: tree::outline_codes(nodes),
        depths: tree::depths(nodes),
        has_children: nodes.iter().filter_map(|n| n.parent).collect(),
        counts: logframe::direct_link_counts(cx.project),
        uncovered: logframe::uncovered_leaves(cx.project),
        summaries: logframe::pillar_summaries(cx.project),
    });
    state.data = Some(data.clone());
    data
}

/// The logframe rows for the current revision and pillar filter, computed once for both.
pub fn matrix_rows(cx: &ViewContext<'_>, state: &mut TreeState) -> Arc<Vec<MatrixRow>> {
    if let Some((revision, pillar, rows)) = &state.matrix
        && *revision == cx.revision
        && *pillar == state.matrix_pillar
    {
        return rows.clone();
    }
    let rows = Arc::new(logframe::matrix_rows(cx.project, state.matrix_pillar));
    state.matrix = Some((cx.revision, state.matrix_pillar, rows.clone()));
    rows
}

/// Where a dragged node would land relative to the row under the pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DropZone {
    Before,
    Into,
    After,
}

const ROW_INDENT: f32 = 18.0;

/// The tree takes keyboard focus as one widget, so arrows and Tab act on it.
fn tree_focus_id() -> egui::Id {
    egui::Id::unique("workplan_objective_tree")
}

fn level_count(project: &Project) -> usize {
    project.settings.level_names.len()
}

/// Rows to draw: nodes in outline order that pass the filter and whose ancestors are open.
fn visible_rows(nodes: &[Objective], state: &TreeState, codes: &HashMap<Id, String>) -> Vec<usize> {
    let filtering = !state.filter.trim().is_empty();
    let matching = filtering.then(|| logframe::filter_visible(nodes, codes, &state.filter));
    let mut hidden_under: HashSet<Id> = HashSet::new();
    let mut rows = Vec::with_capacity(nodes.len());
    for (index, node) in nodes.iter().enumerate() {
        let parent_hidden = node.parent.is_some_and(|p| hidden_under.contains(&p));
        // While filtering, every match is shown, even inside a collapsed branch.
        let collapsed_away = parent_hidden && !filtering;
        let matches = matching.as_ref().is_none_or(|m| m.contains(&node.id));
        if !matches || collapsed_away {
            hidden_under.insert(node.id);
            continue;
        }
        if state.collapsed.contains(&node.id) || parent_hidden {
            hidden_under.insert(node.id);
        }
        rows.push(index);
    }
    rows
}

fn edit(cx: &mut ViewContext<'_>, command: Command, label: &str) {
    cx.emit(Action::Apply(Edit::new(command, label)));
}

fn tree_edit(
    cx: &mut ViewContext<'_>,
    result: Result<Vec<Objective>, tree::TreeError>,
    label: &str,
) {
    match result {
        Ok(nodes) => edit(cx, Command::SetObjectives(nodes), label),
        Err(error) => cx.emit(Action::Notify(error.0)),
    }
}

fn new_node(cx: &ViewContext<'_>, level: u8) -> Objective {
    let max = level_count(cx.project).saturating_sub(1) as u8;
    Objective::new(cx.new_id(), None, level.min(max), "New objective")
}

pub fn add_child(cx: &mut ViewContext<'_>, state: &mut TreeState) {
    let project = cx.project;
    let parent = state.selected.and_then(|id| project.objective(id));
    let node = new_node(cx, parent.map_or(1, |p| p.level.saturating_add(1)));
    let id = node.id;
    if let Some(p) = parent {
        state.collapsed.remove(&p.id);
    }
    tree_edit(
        cx,
        tree::insert_child(&project.objectives, parent.map(|p| p.id), node),
        "Add objective",
    );
    start_rename(state, id, "New objective");
}

pub fn add_sibling(cx: &mut ViewContext<'_>, state: &mut TreeState) {
    let project = cx.project;
    let Some(sibling) = state.selected.and_then(|id| project.objective(id)) else {
        return add_child(cx, state);
    };
    let node = new_node(cx, sibling.level);
    let id = node.id;
    tree_edit(
        cx,
        tree::insert_after(&project.objectives, sibling.id, node),
        "Add objective",
    );
    start_rename(state, id, "New objective");
}

fn start_rename(state: &mut TreeState, id: Id, title: &str) {
    state.selected = Some(id);
    state.renaming = Some((id, title.to_string()));
    state.rename_focus_pending = true;
    state.scroll_to_selected = true;
}

/// Asks before deleting: how many sub-objectives go with it and how many activities lose
/// their link. Nothing is asked for a leaf nobody links to.
pub fn delete_selected(cx: &mut ViewContext<'_>, state: &mut TreeState) {
    let project = cx.project;
    let Some(node) = state.selected.and_then(|id| project.objective(id)) else {
        return;
    };
    let below = logframe::subtree_ids(&project.objectives, node.id).len() - 1;
    let losing = logframe::activities_losing_links(project, node.id);
    let command = match commands::delete_objective(project, node.id) {
        Ok(command) => command,
        Err(error) => return cx.emit(Action::Notify(error.0)),
    };
    let delete = Action::Apply(Edit::new(command, "Delete objective"));
    if below == 0 && losing == 0 {
        cx.emit(delete);
        // Select a neighbour so the keyboard keeps working.
        let index = project
            .objectives
            .iter()
            .position(|o| o.id == node.id)
            .unwrap_or(0);
        state.selected = node
            .parent
            .or_else(|| index.checked_sub(1).map(|i| project.objectives[i].id));
        return;
    }
    let mut message = format!("Delete “{}”", node.title);
    if below > 0 {
        let noun = if below == 1 {
            "objective"
        } else {
            "objectives"
        };
        message.push_str(&format!(" and the {below} {noun} below it"));
    }
    message.push('?');
    if losing > 0 {
        message.push_str(&format!(
            " {losing} activit{} will lose {} link to {}. No activity is deleted.",
            if losing == 1 { "y" } else { "ies" },
            if losing == 1 { "its" } else { "their" },
            if below > 0 { "them" } else { "it" },
        ));
    }
    cx.emit(Action::Confirm {
        title: "Delete this objective?".into(),
        message,
        confirm: "Delete objective".into(),
        then: Box::new(delete),
    });
}

fn reshape(cx: &mut ViewContext<'_>, state: &TreeState, op: TreeOp) {
    let Some(id) = state.selected else { return };
    let nodes = &cx.project.objectives;
    let levels = level_count(cx.project);
    let (result, label) = match op {
        TreeOp::Up => (tree::move_up(nodes, id, levels), "Move objective up"),
        TreeOp::Down => (tree::move_down(nodes, id, levels), "Move objective down"),
        TreeOp::Indent => (tree::indent(nodes, id, levels), "Indent objective"),
        TreeOp::Outdent => (tree::outdent(nodes, id, levels), "Outdent objective"),
    };
    tree_edit(cx, result, label);
}

#[derive(Clone, Copy)]
enum TreeOp {
    Up,
    Down,
    Indent,
    Outdent,
}

pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut TreeState) {
    if let Some(id) = state.selected
        && cx.project.objective(id).is_none()
    {
        state.selected = None;
    }
    toolbar(ui, cx, state);
    ui.separator();
    if state.show_matrix {
        super::logframe_view::show(ui, cx, state);
        return;
    }
    let data = tree_data(cx, state);
    coverage_summary(ui, &data);
    if cx.project.objectives.is_empty() {
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.heading("No objectives yet");
            ui.label("Start the tree with “Add objective” (Insert): overall objectives, pillars, areas of work, outputs.");
        });
        return;
    }
    egui::Panel::right("objective_editor")
        .resizable(true)
        .default_size(440.0)
        .min_size(380.0)
        .show(ui, |ui| {
            match state.selected.and_then(|id| cx.project.objective(id)) {
                Some(node) => {
                    let node = node.clone();
                    objective_editor::show(ui, cx, &node);
                }
                None => {
                    ui.add_space(20.0);
                    ui.label("Select an objective to edit it.");
                }
            }
        });
    egui::CentralPanel::default().show(ui, |ui| {
        ui.interact(
            ui.max_rect(),
            tree_focus_id(),
            Sense::focusable_noninteractive(),
        );
        tree_rows(ui, cx, state);
    });
    keyboard(ui, cx, state);
}

fn toolbar(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut TreeState) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .selectable_label(!state.show_matrix, "Tree")
            .on_hover_text("Edit the objective tree")
            .clicked()
        {
            state.show_matrix = false;
        }
        if ui
            .selectable_label(state.show_matrix, "Logframe matrix")
            .on_hover_text("The tree as a logical framework matrix")
            .clicked()
        {
            state.show_matrix = true;
        }
        ui.separator();
        if state.show_matrix {
            return;
        }
        let filter_label = ui.label("Filter:");
        ui.add(
            egui::TextEdit::singleline(&mut state.filter)
                .desired_width(180.0)
                .hint_text("title or code"),
        )
        .labelled_by(filter_label.id)
        .on_hover_text("Show matching objectives and the branches they sit in");
        if !state.filter.is_empty()
            && ui
                .small_button("✖")
                .on_hover_text("Clear the filter")
                .clicked()
        {
            state.filter.clear();
        }
        if ui
            .button("Expand all")
            .on_hover_text("Open every branch")
            .clicked()
        {
            state.collapsed.clear();
        }
        if ui
            .button("Collapse all")
            .on_hover_text("Close every branch")
            .clicked()
        {
            state.collapsed = cx
                .project
                .objectives
                .iter()
                .filter_map(|o| o.parent)
                .collect();
        }
        ui.separator();
        let has = state.selected.is_some();
        if ui
            .button("Add objective")
            .on_hover_text("Add a child of the selected objective (Insert)")
            .clicked()
        {
            add_child(cx, state);
        }
        if ui
            .add_enabled(has, egui::Button::new("Add sibling"))
            .on_hover_text("Add an objective after the selected one (Ctrl+Enter)")
            .clicked()
        {
            add_sibling(cx, state);
        }
        let buttons = [
            (
                "Move up",
                "Move it above the previous sibling (Alt+Up)",
                TreeOp::Up,
            ),
            (
                "Move down",
                "Move it below the next sibling (Alt+Down)",
                TreeOp::Down,
            ),
            (
                "Indent",
                "Make it a child of the objective above (Tab)",
                TreeOp::Indent,
            ),
            (
                "Outdent",
                "Make it a sibling of its parent (Shift+Tab)",
                TreeOp::Outdent,
            ),
        ];
        for (icon, tip, op) in buttons {
            if ui
                .add_enabled(has, egui::Button::new(icon))
                .on_hover_text(tip)
                .clicked()
            {
                reshape(cx, state, op);
            }
        }
        if ui
            .add_enabled(has, egui::Button::new("Delete"))
            .on_hover_text(
                "Delete the selected objective and its branch (Delete); activities are kept",
            )
            .clicked()
        {
            delete_selected(cx, state);
        }
    });
}

fn coverage_summary(ui: &mut egui::Ui, data: &TreeData) {
    let summaries = &data.summaries;
    let uncovered = data.uncovered.len();
    if summaries.is_empty() && uncovered == 0 {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for s in summaries {
            let c = s.counts;
            // Title and counts wrap as one piece, never mid-phrase.
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(&s.title).strong());
                ui.label(format!(
                    "{} planned · {} under way · {} done",
                    c.planned, c.under_way, c.done
                ))
                .on_hover_text("Activities linked anywhere in this pillar's branch");
            });
            ui.separator();
        }
        if uncovered > 0 {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("⚠ {uncovered} without activities"),
            )
            .on_hover_text("Objectives at the end of a branch that no activity delivers yet");
        }
    });
    ui.separator();
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

fn tree_rows(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut TreeState) {
    let nodes = &cx.project.objectives;
    let data = tree_data(cx, state);
    let (codes, depths) = (&data.codes, &data.depths);
    let (has_children, counts, uncovered) = (&data.has_children, &data.counts, &data.uncovered);
    let rows = visible_rows(nodes, state, codes);
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
            let node = &nodes[index];
            let depth = depths[&node.id];
            let width = ui.available_width();
            let (rect, response) = ui.allocate_exact_size(egui::vec2(width, row_height), Sense::click_and_drag());
            let selected = state.selected == Some(node.id);
            let code = &codes[&node.id];
            response.widget_info(|| WidgetInfo::selected(Role::TreeItem, true, selected, format!("{code} {}", node.title)));
            let painter = ui.painter_at(rect);
            let visuals = ui.visuals().clone();
            if selected {
                painter.rect_filled(rect, 2.0, visuals.selection.bg_fill);
            } else if response.hovered() {
                painter.rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
            }
            let text_color = if selected { visuals.selection.stroke.color } else { visuals.text_color() };
            let left = rect.left() + depth as f32 * ROW_INDENT;
            let arrow_rect = egui::Rect::from_min_size(egui::pos2(left, rect.top()), egui::vec2(ROW_INDENT, row_height));
            if has_children.contains(&node.id) {
                let open = !state.collapsed.contains(&node.id);
                painter.text(arrow_rect.center(), egui::Align2::CENTER_CENTER, if open { "⏷" } else { "⏵" }, egui::TextStyle::Body.resolve(ui.style()), text_color);
            }
            let body = egui::TextStyle::Body.resolve(ui.style());
            let mono = egui::TextStyle::Monospace.resolve(ui.style());
            let y = rect.center().y;
            let code_rect = painter.text(egui::pos2(arrow_rect.right() + 2.0, y), egui::Align2::LEFT_CENTER, code, mono, visuals.weak_text_color());
            let title_left = code_rect.right() + 8.0;
            let renaming_this = state.renaming.as_ref().is_some_and(|(id, _)| *id == node.id);
            let mut after_title = title_left;
            if renaming_this {
                let edit_rect = egui::Rect::from_min_max(egui::pos2(title_left, rect.top() + 1.0), egui::pos2(rect.right() - 8.0, rect.bottom() - 1.0));
                rename_field(ui, cx, state, node, edit_rect);
            } else {
                let r = painter.text(egui::pos2(title_left, y), egui::Align2::LEFT_CENTER, &node.title, body, text_color);
                after_title = r.right() + 10.0;
                let level = cx.project.settings.level_names.get(usize::from(node.level)).map(String::as_str).unwrap_or("");
                let small = egui::TextStyle::Small.resolve(ui.style());
                let r = painter.text(egui::pos2(after_title, y), egui::Align2::LEFT_CENTER, level, small, visuals.weak_text_color());
                after_title = r.right() + 10.0;
                if let Some(c) = counts.get(&node.id) {
                    after_title = status_badges(ui, &painter, after_title, y, c);
                }
                if uncovered.contains(&node.id) {
                    painter.text(egui::pos2(after_title, y), egui::Align2::LEFT_CENTER, "⚠ no activity", egui::TextStyle::Small.resolve(ui.style()), visuals.warn_fg_color);
                }
            }
            let _ = after_title;
            let response = response.on_hover_ui(|ui| {
                let c = counts.get(&node.id).copied().unwrap_or_default();
                ui.label(format!(
                    "Linked activities: {} planned, {} under way, {} done, {} postponed or cancelled",
                    c.planned, c.under_way, c.done, c.stopped
                ));
                if uncovered.contains(&node.id) {
                    ui.label("No activity delivers this objective yet.");
                }
                ui.label(egui::RichText::new("Double-click or Enter to rename; drag to move").weak());
            });
            if response.clicked() {
                if has_children.contains(&node.id)
                    && response.interact_pointer_pos().is_some_and(|p| arrow_rect.contains(p))
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
            if let Some(dragged) = state.dragging
                && dragged != node.id
                && let Some(pointer) = ui.ctx().pointer_hover_pos()
                && rect.contains(pointer)
            {
                let fraction = (pointer.y - rect.top()) / rect.height();
                let zone = if fraction < 0.25 {
                    DropZone::Before
                } else if fraction > 0.75 {
                    DropZone::After
                } else {
                    DropZone::Into
                };
                let refused = tree::is_in_subtree(nodes, dragged, node.id);
                let color = if refused { visuals.error_fg_color } else { visuals.selection.stroke.color };
                let stroke = egui::Stroke::new(2.0, color);
                let line_left = left + ROW_INDENT;
                match zone {
                    DropZone::Before => {
                        ui.painter().hline(line_left..=rect.right(), rect.top(), stroke);
                    }
                    DropZone::After => {
                        ui.painter().hline(line_left..=rect.right(), rect.bottom(), stroke);
                    }
                    DropZone::Into => {
                        ui.painter().rect_stroke(rect.shrink(1.0), 2.0, stroke, egui::StrokeKind::Inside);
                    }
                }
                if refused {
                    let hint = ui.ctx().layer_painter(egui::LayerId::new(egui::Order::Tooltip, tree_focus_id().with("drop_hint")));
                    hint.text(
                        pointer + egui::vec2(14.0, 14.0),
                        egui::Align2::LEFT_TOP,
                        "An objective cannot go inside its own branch",
                        egui::TextStyle::Body.resolve(ui.style()),
                        color,
                    );
                }
                drop = Some((node.id, zone));
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

/// Tree keys, while the tree has the keyboard focus.
fn keyboard(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut TreeState) {
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
