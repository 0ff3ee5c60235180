//! The workplan table: every activity, sortable, searchable and filtered, with add, duplicate,
//! delete and status changes over a multiple selection, and the selected activity's editor.
//! From the keyboard: Up, Down, Home and End move the selection, Enter opens the selected
//! activity's editor, Delete asks to delete the selected activities.

use std::collections::BTreeSet;
use std::sync::Arc;

use egui_extras::{Column as TableColumn, TableBuilder};

use crate::edit::commands::{self, Command};
use crate::edit::history::Edit;
use crate::model::{Activity, Id, Precision, Status};
use crate::plan::workplan::{self, Column, Filter};
use crate::session::Revision;
use crate::ui::actions::Action;
use crate::ui::context::ViewContext;

mod filters;
mod panels;

use filters::{Choices, filters};
use panels::{Finding, checks_panel, funding_panel, open_count};

#[derive(Default)]
pub struct WorkplanState {
    pub filter: Filter,
    pub sort: Column,
    pub descending: bool,
    pub selected: BTreeSet<Id>,
    /// Where a Shift+click range starts.
    anchor: Option<Id>,
    rows: Option<CachedRows>,
    /// The filter the table was last scrolled for: a new filter shows its first matches.
    scrolled_for: Option<Filter>,
    choices: Option<(Revision, Arc<Choices>)>,
    pub show_checks: bool,
    /// Set for one frame by Ctrl+F: put the keyboard in the search field.
    pub focus_search: bool,
    /// The user's name as it appears in "responsible officer", for the "Mine" filter.
    pub me: String,
    pub show_funding: bool,
    funding: Option<(Revision, Arc<crate::plan::funding::Summary>)>,
    checks: Option<(Revision, Arc<Vec<Finding>>)>,
}

/// The rows shown, for one revision, filter and sort order.
struct CachedRows {
    revision: Revision,
    filter: Filter,
    sort: Column,
    descending: bool,
    rows: Arc<Vec<usize>>,
}

impl WorkplanState {
    /// Selects one activity and forgets filters that would hide it.
    pub fn select_only(&mut self, id: Id) {
        self.selected = BTreeSet::from([id]);
        self.anchor = Some(id);
        self.filter = Filter::default();
    }
}

fn rows(cx: &ViewContext<'_>, state: &mut WorkplanState) -> Arc<Vec<usize>> {
    if let Some(cached) = &state.rows
        && cached.revision == cx.revision
        && cached.filter == state.filter
        && cached.sort == state.sort
        && cached.descending == state.descending
    {
        return cached.rows.clone();
    }
    let rows = Arc::new(workplan::rows(
        cx.project,
        &state.filter,
        state.sort,
        !state.descending,
    ));
    state.rows = Some(CachedRows {
        revision: cx.revision,
        filter: state.filter.clone(),
        sort: state.sort,
        descending: state.descending,
        rows: rows.clone(),
    });
    rows
}

fn dates_label(activity: &Activity) -> String {
    match activity.sessions.as_slice() {
        [] => "no date yet".into(),
        [one] => one.date_label(),
        [first, .., last] => format!(
            "{} … {} ({} sessions)",
            first.date_label(),
            last.date_label(),
            activity.sessions.len()
        ),
    }
}

fn places_label(activity: &Activity) -> String {
    let mut places: Vec<String> = activity
        .sessions
        .iter()
        .map(|s| s.place.label())
        .filter(|p| !p.is_empty())
        .collect();
    places.dedup();
    places.join("; ")
}

pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut WorkplanState) {
    state
        .selected
        .retain(|id| cx.project.activity(*id).is_some());
    filters(ui, cx, state);
    actions_bar(ui, cx, state);
    ui.separator();
    if cx.project.activities.is_empty() {
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.heading("No activities yet");
            ui.label("Add the meetings, trainings, missions and conferences that deliver the objectives.");
        });
        return;
    }
    if state.show_checks {
        checks_panel(ui, cx, state);
    }
    if state.show_funding {
        funding_panel(ui, cx, state);
    }
    if state.selected.len() == 1 {
        let id = *state.selected.first().expect("one selected");
        if let Some(activity) = cx.project.activity(id) {
            let activity = activity.clone();
            egui::Panel::right("activity_editor")
                .resizable(true)
                .default_size(460.0)
                .min_size(380.0)
                .show(ui, |ui| {
                    crate::ui::editors::activity::show(ui, cx, &activity)
                });
        }
    }
    egui::CentralPanel::default().show(ui, |ui| table(ui, cx, state));
}

/// A proposed activity of the project's first kind, with a fresh id.
pub fn new_activity(cx: &ViewContext<'_>) -> Activity {
    let kind = cx
        .project
        .settings
        .activity_kinds
        .first()
        .cloned()
        .unwrap_or_else(|| "Other".into());
    Activity::new(cx.new_id(), "New activity", kind)
}

fn actions_bar(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut WorkplanState) {
    let selected: Vec<Id> = state.selected.iter().copied().collect();
    ui.horizontal(|ui| {
        if ui.button("Add activity").on_hover_text("Add an activity to the workplan").clicked() {
            let activity = new_activity(cx);
            let id = activity.id;
            let at = cx.project.activities.len();
            cx.emit(Action::Apply(Edit::new(Command::InsertActivities(vec![(at, activity)]), "Add activity")));
            state.selected = BTreeSet::from([id]);
            state.anchor = Some(id);
        }
        let some = !selected.is_empty();
        if ui.add_enabled(some, egui::Button::new("Duplicate")).on_hover_text("Copy the selected activities, with new ids").clicked() {
            let mut entries = Vec::new();
            let mut copies = BTreeSet::new();
            for (offset, id) in selected.iter().enumerate() {
                let Some(index) = cx.project.activities.iter().position(|a| a.id == *id) else { continue };
                let mut copy = cx.project.activities[index].clone();
                copy.id = cx.new_id();
                copy.title = format!("{} (copy)", copy.title);
                for session in &mut copy.sessions {
                    session.id = cx.new_id();
                }
                copies.insert(copy.id);
                entries.push((index + 1 + offset, copy));
            }
            entries.sort_by_key(|(i, _)| *i);
            cx.emit(Action::Apply(Edit::new(Command::InsertActivities(entries), "Duplicate activities")));
            state.selected = copies;
        }
        if ui.add_enabled(some, egui::Button::new("Delete")).on_hover_text("Delete the selected activities (undoable; Delete)").clicked() {
            ask_to_delete(cx, &selected);
        }
        ui.add_enabled_ui(some, |ui| {
            ui.menu_button("Set status", |ui| {
                for status in Status::ALL {
                    if ui.button(status.label()).clicked() {
                        let commands = selected
                            .iter()
                            .filter_map(|id| cx.project.activity(*id))
                            .filter(|a| a.status != status)
                            .map(|a| {
                                let mut changed = a.clone();
                                changed.status = status;
                                Command::SetActivity(Box::new(changed))
                            })
                            .collect();
                        cx.emit(Action::Apply(Edit::new(Command::Batch(commands), format!("Set status to {}", status.label()))));
                        ui.close();
                    }
                }
            })
            .response
            .on_hover_text("Change the status of every selected activity");
        });
        ui.separator();
        let count = open_count(cx, state);
        let label = format!("Checks ({count})");
        if ui
            .selectable_label(state.show_checks, label)
            .on_hover_text("Problems to look at: dates outside the programme, missing places or links, clashes, holidays")
            .clicked()
        {
            state.show_checks = !state.show_checks;
        }
        if ui
            .selectable_label(state.show_funding, "Funding")
            .on_hover_text("Budgets, what donors cover and the gap, by pillar, year, jurisdiction and donor")
            .clicked()
        {
            state.show_funding = !state.show_funding;
        }
        ui.separator();
        let shown = rows(cx, state).len();
        ui.label(format!("{shown} of {} activities", cx.project.activities.len()));
        if state.selected.len() > 1 {
            ui.label(format!("· {} selected", state.selected.len()));
        }
    });
}

/// Asks whether to delete `selected`, saying what else goes with them.
fn ask_to_delete(cx: &mut ViewContext<'_>, selected: &[Id]) {
    let command = commands::delete_activities(cx.project, selected);
    let message = match selected {
        [one] => format!(
            "Delete “{}”? Links to it from other activities and agendas are removed too.",
            cx.project
                .activity(*one)
                .map(|a| a.title.as_str())
                .unwrap_or("")
        ),
        many => format!(
            "Delete {} activities? Links to them from other activities and agendas are removed too.",
            many.len()
        ),
    };
    cx.emit(Action::Confirm {
        title: "Delete activities?".into(),
        message,
        confirm: "Delete activities".into(),
        then: Box::new(Action::Apply(Edit::new(command, "Delete activities"))),
    });
}

/// What holds the keyboard for the table once a row was clicked or moved to.
fn table_focus_id() -> egui::Id {
    egui::Id::unique("workplan_table_focus")
}

/// The table's keys, while the table has the keyboard or nothing has (never while typing in a
/// field, nor when a button, a menu or a dialog has it). Returns the row to scroll to.
fn keyboard(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut WorkplanState,
    rows: &[usize],
) -> Option<usize> {
    let focus = table_focus_id();
    if cx.modal_open || egui::Popup::is_any_open(ui.ctx()) {
        return None;
    }
    match ui.memory(|m| m.focused()) {
        None => {}
        Some(id) if id == focus => ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                focus,
                egui::EventFilter {
                    vertical_arrows: true,
                    ..Default::default()
                },
            )
        }),
        Some(_) => return None,
    }
    let pressed = |key: egui::Key| ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
    let activities = &cx.project.activities;
    let position = |id: Id| rows.iter().position(|&i| activities[i].id == id);
    // The row the keys start from: the last one clicked, else the first selected shown.
    let current = state
        .anchor
        .filter(|id| state.selected.contains(id))
        .and_then(position)
        .or_else(|| {
            rows.iter()
                .position(|&i| state.selected.contains(&activities[i].id))
        });
    if pressed(egui::Key::Delete) && !state.selected.is_empty() {
        let selected: Vec<Id> = state.selected.iter().copied().collect();
        ask_to_delete(cx, &selected);
        return None;
    }
    let last = rows.len() - 1;
    let target = if pressed(egui::Key::Enter) {
        // What a click on the row does: select only it, which opens its editor.
        current?
    } else if pressed(egui::Key::ArrowDown) {
        current.map_or(0, |p| (p + 1).min(last))
    } else if pressed(egui::Key::ArrowUp) {
        current.map_or(0, |p| p.saturating_sub(1))
    } else if pressed(egui::Key::Home) {
        0
    } else if pressed(egui::Key::End) {
        last
    } else {
        return None;
    };
    let id = activities[rows[target]].id;
    select(state, rows, activities, id, egui::Modifiers::NONE);
    ui.memory_mut(|m| m.request_focus(focus));
    Some(target)
}

fn table(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut WorkplanState) {
    let rows = rows(cx, state);
    if rows.is_empty() {
        ui.label("No activity matches these filters.");
        return;
    }
    ui.interact(
        ui.max_rect(),
        table_focus_id(),
        egui::Sense::focusable_noninteractive(),
    );
    let scroll_to = keyboard(ui, cx, state, &rows);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let activities = &cx.project.activities;
    let columns = [
        (Column::Title, "Activity"),
        (Column::Kind, "Kind"),
        (Column::Status, "Status"),
        (Column::Dates, "Dates"),
        (Column::Place, "Place"),
        (Column::Officer, "Officer"),
    ];
    let mut clicked: Option<(Id, egui::Modifiers)> = None;
    let refiltered = state.scrolled_for.as_ref() != Some(&state.filter);
    if refiltered {
        state.scrolled_for = Some(state.filter.clone());
    }
    let mut table = TableBuilder::new(ui)
        .id_salt("workplan_table")
        .striped(true)
        .resizable(true)
        .auto_shrink(false)
        .sense(egui::Sense::click())
        .column(TableColumn::initial(330.0).at_least(120.0).clip(true))
        .column(TableColumn::initial(160.0).clip(true))
        .column(TableColumn::initial(90.0))
        .column(TableColumn::initial(200.0).clip(true))
        .column(TableColumn::initial(160.0).clip(true))
        .column(TableColumn::remainder().clip(true));
    if refiltered {
        table = table.vertical_scroll_offset(0.0);
    } else if let Some(row) = scroll_to {
        table = table.scroll_to_row(row, None);
    }
    table
        .header(row_height, |mut header| {
            for (column, title) in columns {
                header.col(|ui| {
                    let arrow = if state.sort != column {
                        ""
                    } else if state.descending {
                        " ⏷"
                    } else {
                        " ⏶"
                    };
                    if ui
                        .add(
                            egui::Button::new(
                                egui::RichText::new(format!("{title}{arrow}")).strong(),
                            )
                            .frame(false),
                        )
                        .on_hover_text(format!("Sort by {}", title.to_lowercase()))
                        .clicked()
                    {
                        if state.sort == column {
                            state.descending = !state.descending;
                        } else {
                            state.sort = column;
                            state.descending = false;
                        }
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let a = &activities[rows[row.index()]];
                row.set_selected(state.selected.contains(&a.id));
                row.col(|ui| {
                    ui.add(egui::Label::new(&a.title).truncate().selectable(false));
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&a.kind).truncate().selectable(false));
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(a.status.label()).selectable(false));
                });
                row.col(|ui| {
                    let month_only = a.sessions.iter().any(|s| s.precision == Precision::Month);
                    let text = if month_only {
                        egui::RichText::new(dates_label(a)).italics()
                    } else {
                        egui::RichText::new(dates_label(a))
                    };
                    let label = ui.add(egui::Label::new(text).truncate().selectable(false));
                    if month_only {
                        label.on_hover_text("Only the months are known so far");
                    }
                });
                row.col(|ui| {
                    ui.add(
                        egui::Label::new(places_label(a))
                            .truncate()
                            .selectable(false),
                    );
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&a.officer).truncate().selectable(false));
                });
                let response = row.response();
                if response.clicked() {
                    clicked = Some((a.id, ui_modifiers(&response)));
                }
            });
        });
    if let Some((id, modifiers)) = clicked {
        select(state, &rows, &cx.project.activities, id, modifiers);
        // The keys go on from the clicked row.
        ui.memory_mut(|m| m.request_focus(table_focus_id()));
    }
}

fn ui_modifiers(response: &egui::Response) -> egui::Modifiers {
    response.ctx.input(|i| i.modifiers)
}

/// Click selects one; Ctrl+click adds or removes; Shift+click selects the range from the last
/// clicked row, in the order shown.
fn select(
    state: &mut WorkplanState,
    rows: &[usize],
    activities: &[Activity],
    id: Id,
    modifiers: egui::Modifiers,
) {
    if modifiers.shift
        && let Some(anchor) = state.anchor
    {
        let position = |target: Id| rows.iter().position(|&i| activities[i].id == target);
        if let (Some(a), Some(b)) = (position(anchor), position(id)) {
            let (low, high) = (a.min(b), a.max(b));
            state.selected = rows[low..=high].iter().map(|&i| activities[i].id).collect();
            return;
        }
    }
    if modifiers.command {
        if !state.selected.remove(&id) {
            state.selected.insert(id);
        }
    } else {
        state.selected = BTreeSet::from([id]);
    }
    state.anchor = Some(id);
}
