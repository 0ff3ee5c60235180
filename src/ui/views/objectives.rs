//! The objective tree: browse, filter, select, and reshape it (add, rename, delete, move,
//! indent, outdent, drag and drop), with the selected node's editor beside it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::Sense;

use crate::edit::commands::{self, Command};
use crate::edit::history::Edit;
use crate::model::{Id, Objective, Project};
use crate::plan::logframe::{self, MatrixRow, StatusCounts};
use crate::plan::tree;
use crate::session::Revision;
use crate::ui::actions::Action;
use crate::ui::context::ViewContext;

mod keyboard;
mod rows;

use keyboard::keyboard;
use rows::tree_rows;

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
    /// Set for one frame by Ctrl+F: put the keyboard in the filter.
    pub focus_filter: bool,
    pub matrix_pillar: Option<Id>,
    /// The editor beside the tree is folded away, leaving the tree the whole width.
    pub editor_collapsed: bool,
    /// The logframe shows the activities delivering each output under it.
    pub matrix_activities: bool,
    /// The logframe cell being edited in place: (objective, column).
    pub matrix_editing: Option<(Id, crate::ui::views::logframe::MatrixColumn)>,
    /// The field of that cell, once shown, and whether it still has to take the keyboard.
    pub(crate) matrix_field: Option<egui::Id>,
    pub(crate) matrix_focus_pending: bool,
    pub(crate) matrix_layout: Option<crate::ui::views::logframe::MatrixLayout>,
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
        Ok(mut nodes) => {
            let mut note = None;
            if cx.project.settings.codes_frozen {
                // New nodes get their code stored now, so later moves cannot change it.
                tree::fill_frozen_codes(&mut nodes);
                note = kept_code_note(cx.project, &nodes);
            }
            edit(cx, Command::SetObjectives(nodes), label);
            // After the edit, which clears the status bar's older message.
            if let Some(note) = note {
                cx.emit(Action::Notify(note));
            }
        }
        Err(error) => cx.emit(Action::Notify(error.to_string())),
    }
}

/// With frozen codes, a node moved under another parent keeps a code that no longer says
/// where it sits: say so, rather than let a report change meaning silently.
fn kept_code_note(project: &Project, nodes: &[Objective]) -> Option<String> {
    let moved = nodes.iter().find(|n| {
        project
            .objective(n.id)
            .is_some_and(|old| old.parent != n.parent)
    })?;
    let code = moved.code.clone().unwrap_or_default();
    Some(format!(
        "Outline codes are frozen: “{code} {}” keeps its code under its new parent. \
         Renumber outline codes to give codes from the positions.",
        moved.title
    ))
}

/// Freezing or unfreezing the outline codes, as one undo step. Freezing stores the codes
/// shown now; unfreezing lets them follow positions again (asked first when that changes
/// any code).
pub fn toggle_frozen_codes(project: &Project) -> Action {
    let mut settings = project.settings.clone();
    settings.codes_frozen = !settings.codes_frozen;
    let nodes = if settings.codes_frozen {
        tree::freeze_codes(&project.objectives)
    } else {
        tree::unfreeze_codes(&project.objectives)
    };
    let label = if settings.codes_frozen {
        "Freeze outline codes"
    } else {
        "Unfreeze outline codes"
    };
    let apply = Action::Apply(Edit::new(
        Command::Batch(vec![
            Command::SetSettings(Box::new(settings.clone())),
            Command::SetObjectives(nodes),
        ]),
        label,
    ));
    let changes = if settings.codes_frozen {
        0
    } else {
        tree::renumber_codes(&project.objectives).1
    };
    if changes == 0 {
        return apply;
    }
    Action::Confirm {
        title: "Unfreeze outline codes?".into(),
        message: format!(
            "{} will change to follow {} place in the tree, and codes will change with every move again.",
            codes_phrase(changes),
            if changes == 1 { "its" } else { "their" }
        ),
        confirm: "Unfreeze codes".into(),
        then: Box::new(apply),
    }
}

fn codes_phrase(n: usize) -> String {
    if n == 1 {
        "1 outline code".into()
    } else {
        format!("{n} outline codes")
    }
}

/// Rewrites the codes from the positions in the tree: asks first, naming how many change;
/// one undo step. Codes stay frozen afterwards.
pub fn renumber_codes(project: &Project) -> Action {
    let (nodes, changes) = tree::renumber_codes(&project.objectives);
    if changes == 0 {
        return Action::Notify("Every outline code already follows its place in the tree.".into());
    }
    Action::Confirm {
        title: "Renumber outline codes?".into(),
        message: format!(
            "{} will change to follow {} place in the tree. Reports and documents that cite the old codes will no longer match.",
            codes_phrase(changes),
            if changes == 1 { "its" } else { "their" }
        ),
        confirm: "Renumber codes".into(),
        then: Box::new(Action::Apply(Edit::new(
            Command::SetObjectives(nodes),
            "Renumber outline codes",
        ))),
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
        Err(error) => return cx.emit(Action::Notify(error.to_string())),
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
        crate::ui::views::logframe::show(ui, cx, state);
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
    // The editor takes room only once there is an objective to edit.
    if !state.editor_collapsed && state.selected.is_some() {
        editor_panel(ui, cx, state);
    }
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

/// The selected objective's editor: a side panel the user can widen, narrow (its fields
/// wrap to it) or fold away, never wider than the window leaves beside the tree.
fn editor_panel(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut TreeState) {
    let most = (ui.available_width() - 240.0).max(260.0);
    egui::Panel::right("objective_editor")
        .resizable(true)
        .default_size(400.0_f32.min(most))
        .min_size(260.0)
        .max_size(most)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button("⏵ Hide")
                        .on_hover_text(
                            "Fold the editor away; Show editor in the toolbar brings it back",
                        )
                        .clicked()
                    {
                        state.editor_collapsed = true;
                    }
                });
            });
            match state.selected.and_then(|id| cx.project.objective(id)) {
                Some(node) => {
                    let node = node.clone();
                    let data = tree_data(cx, state);
                    let code = data.codes.get(&node.id).map_or("", String::as_str);
                    crate::ui::editors::objective::show(ui, cx, &node, code);
                }
                None => {
                    ui.add_space(20.0);
                    ui.label("Select an objective to edit it.");
                }
            }
        });
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
        let focus_filter = std::mem::take(&mut state.focus_filter);
        if state.show_matrix {
            return;
        }
        let filter_label = ui.label("Filter:");
        let filter = ui
            .add(
                egui::TextEdit::singleline(&mut state.filter)
                    .desired_width(180.0)
                    .hint_text("title or code"),
            )
            .labelled_by(filter_label.id)
            .on_hover_text("Show matching objectives and the branches they sit in");
        if focus_filter {
            filter.request_focus();
        }
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
        ui.separator();
        let mut frozen = cx.project.settings.codes_frozen;
        if ui
            .checkbox(&mut frozen, "Freeze codes")
            .on_hover_text(
                "Keep every outline code as it is now, through moves; new objectives take the next free code",
            )
            .changed()
        {
            cx.emit(toggle_frozen_codes(cx.project));
        }
        if ui
            .add_enabled(
                cx.project.settings.codes_frozen,
                egui::Button::new("Renumber codes…"),
            )
            .on_hover_text("Give every objective the code of its place in the tree (asks first)")
            .clicked()
        {
            cx.emit(renumber_codes(cx.project));
        }
        if state.editor_collapsed
            && ui
                .button("Show editor")
                .on_hover_text("Show the editor of the selected objective beside the tree")
                .clicked()
        {
            state.editor_collapsed = false;
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
            // Title and counts as one piece, so the row wraps between pillars, never
            // mid-phrase; a nested horizontal row would not wrap at all and would widen the
            // whole view past the window.
            let mut job = egui::text::LayoutJob::default();
            let style = ui.style().clone();
            let (font, align) = (egui::FontSelection::Default, egui::Align::Center);
            egui::RichText::new(&s.title)
                .strong()
                .append_to(&mut job, &style, font.clone(), align);
            egui::RichText::new(format!(
                "  {} planned · {} under way · {} done",
                c.planned, c.under_way, c.done
            ))
            .append_to(&mut job, &style, font, align);
            let width = ui.fonts_mut(|f| f.layout_job(job.clone())).size().x;
            let label = egui::Label::new(job);
            // Only a piece wider than the whole row is broken across lines.
            let label = if width <= ui.max_rect().width() {
                label.extend()
            } else {
                label.wrap()
            };
            ui.add(label)
                .on_hover_text("Activities linked anywhere in this pillar's branch");
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
