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
mod table;
mod workload;

use filters::{Choices, filters};
use panels::{Checked, checks_panel, funding_panel, open_count};
use table::{columns_menu, table};
use workload::workload_panel;

#[derive(Default)]
pub struct WorkplanState {
    pub filter: Filter,
    pub sort: Column,
    pub descending: bool,
    pub selected: BTreeSet<Id>,
    /// Where a Shift+click or Shift+arrow range starts.
    anchor: Option<Id>,
    /// The moving end of a range selected from the keyboard.
    cursor: Option<Id>,
    /// Columns the user hid (remembered between runs).
    pub hidden_columns: BTreeSet<Column>,
    /// The one selected activity and its row when last drawn, to keep it in view when it moves.
    followed: Option<(Id, usize)>,
    /// Set for one frame by "Reset column widths".
    reset_widths: bool,
    /// The table's widths are those of the table beside the editor (kept apart from the
    /// widths of the table alone).
    widths_beside_editor: bool,
    /// The activity editor is folded away to a strip; selecting still works.
    pub editor_collapsed: bool,
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
    checks: Option<(Revision, Arc<Checked>)>,
    pub show_workload: bool,
    workload: Option<(Revision, Arc<crate::plan::workload::Workload>)>,
    slips: Option<SlipCache>,
}

type SlipCache = (
    Revision,
    Id,
    Arc<std::collections::HashMap<Id, crate::plan::baseline::Slip>>,
);

/// The rows shown, for one revision, filter and sort order.
struct CachedRows {
    revision: Revision,
    filter: Filter,
    sort: Column,
    descending: bool,
    /// The baseline the slip columns sorted by.
    baseline: Option<Id>,
    rows: Arc<Vec<usize>>,
}

impl WorkplanState {
    /// Scrolls the table to the selected row on the next frame.
    pub fn reveal_selection(&mut self) {
        self.followed = None;
    }

    /// Selects one activity and forgets filters that would hide it.
    pub fn select_only(&mut self, id: Id) {
        self.selected = BTreeSet::from([id]);
        self.anchor = Some(id);
        self.cursor = Some(id);
        self.filter = Filter::default();
        self.editor_collapsed = false;
    }
}

/// The slips since the baseline compared with (none without one), cached per revision.
fn slips(
    cx: &ViewContext<'_>,
    state: &mut WorkplanState,
) -> Arc<std::collections::HashMap<Id, crate::plan::baseline::Slip>> {
    let Some(baseline) = cx.baseline() else {
        return Arc::default();
    };
    if let Some((revision, id, slips)) = &state.slips
        && *revision == cx.revision
        && *id == baseline.id
    {
        return slips.clone();
    }
    let slips = Arc::new(crate::plan::baseline::slips(cx.project, baseline));
    state.slips = Some((cx.revision, baseline.id, slips.clone()));
    slips
}

fn rows(cx: &ViewContext<'_>, state: &mut WorkplanState) -> Arc<Vec<usize>> {
    // Sorted by a slip column while no baseline is compared with (it was deleted): by dates.
    if matches!(state.sort, Column::StartSlip | Column::EndSlip) && cx.baseline().is_none() {
        state.sort = Column::Dates;
        state.descending = false;
    }
    if let Some(cached) = &state.rows
        && cached.revision == cx.revision
        && cached.filter == state.filter
        && cached.sort == state.sort
        && cached.descending == state.descending
        && cached.baseline == cx.baseline().map(|b| b.id)
    {
        return cached.rows.clone();
    }
    let slips = slips(cx, state);
    let rows = Arc::new(workplan::rows_against(
        cx.project,
        &state.filter,
        state.sort,
        !state.descending,
        &slips,
    ));
    state.rows = Some(CachedRows {
        baseline: cx.baseline().map(|b| b.id),
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
            if cx.is_combined() {
                ui.heading("No activities to show");
                ui.label("The programmes shown have no activities yet, or all are left out in the portfolio panel.");
            } else {
                ui.heading("No activities yet");
                ui.label("Add the meetings, trainings, missions and conferences that deliver the objectives.");
            }
        });
        return;
    }
    // The checks and funding panels are one programme's (their answers are edits); the
    // checks across members are the portfolio's own.
    if state.show_checks && !cx.is_combined() {
        checks_panel(ui, cx, state);
    }
    if state.show_funding && !cx.is_combined() {
        funding_panel(ui, cx, state);
    }
    if state.show_workload {
        workload_panel(ui, cx, state);
    }
    if state.selected.len() == 1 {
        let id = *state.selected.first().expect("one selected");
        if let Some(activity) = cx.project.activity(id) {
            let activity = activity.clone();
            match cx.programmes {
                Some(programmes) => combined_panel(ui, cx, programmes, &activity),
                None => editor_panel(ui, cx, state, &activity),
            }
        }
    }
    egui::CentralPanel::default().show(ui, |ui| table(ui, cx, state));
}

/// The selected activity of a combined plan: what it is, and the way to edit it in its own
/// programme (the combined plan is read-only).
fn combined_panel(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    programmes: &crate::ui::context::Programmes,
    activity: &Activity,
) {
    egui::Panel::right("combined_activity")
        .resizable(true)
        .default_size(300.0)
        .size_range(240.0..=480.0)
        .show(ui, |ui| {
            let name = programmes.name(activity.id).to_string();
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let colour = programmes
                    .colour(activity.id)
                    .unwrap_or(crate::ui::theme::NO_GROUP);
                crate::ui::theme::colour_swatch(ui, colour, egui::Sense::hover(), &name);
                ui.label(egui::RichText::new(&name).weak());
            });
            ui.heading(&activity.title);
            egui::Grid::new("combined_activity_facts")
                .num_columns(2)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    let facts = [
                        ("Kind", activity.kind.clone()),
                        ("Status", activity.status.label().to_string()),
                        ("Dates", dates_label(activity)),
                        ("Places", places_label(activity)),
                        (
                            "Officer",
                            crate::plan::staff::officers_text(cx.project, activity),
                        ),
                    ];
                    for (label, value) in facts {
                        ui.label(egui::RichText::new(label).weak());
                        ui.add(egui::Label::new(value).wrap());
                        ui.end_row();
                    }
                });
            ui.add_space(8.0);
            ui.weak("The combined plan is read-only; edits go to the programme's own file.");
            ui.add_space(4.0);
            if ui
                .button(format!("Open in {name}"))
                .on_hover_text(format!(
                    "Open {name} for editing, with this activity selected (double-click, Enter)"
                ))
                .clicked()
            {
                cx.emit(Action::OpenInMember(activity.id));
            }
        });
}

/// The selected activity's editor, in a side panel the user can widen, narrow or fold to a
/// strip. However wide the user made it, it leaves the table room for its first columns.
fn editor_panel(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut WorkplanState,
    activity: &Activity,
) {
    const TABLE_KEEPS: f32 = 320.0;
    let width = ui.available_width();
    let most = (width - TABLE_KEEPS).max(280.0);
    let folded = egui::Panel::right("activity_editor_folded")
        .resizable(false)
        .exact_size(30.0);
    let open = egui::Panel::right("activity_editor")
        .resizable(true)
        .default_size((width * 0.42).clamp(300.0, 520.0).min(most))
        .size_range(280.0..=most);
    let before = !state.editor_collapsed;
    let mut expanded = before;
    egui::Panel::show_switched(ui, &mut expanded, folded, open, |ui, expanded| {
        if !expanded {
            if ui
                .button("⏴")
                .on_hover_text(format!("Show the editor of “{}”", activity.title))
                .clicked()
            {
                state.editor_collapsed = false;
            }
            return;
        }
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new("Activity").weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("⏵")
                    .on_hover_text(
                        "Fold the editor away to give the table the room (Enter opens it again)",
                    )
                    .clicked()
                {
                    state.editor_collapsed = true;
                }
            });
        });
        crate::ui::editors::activity::show(ui, cx, activity);
    });
    // A drag of the edge past the panel's smallest width folds it (and a drag out opens it).
    if expanded != before {
        state.editor_collapsed = !expanded;
    }
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
    // Wraps rather than running past a narrow window's edge.
    ui.horizontal_wrapped(|ui| {
        if cx.is_combined() {
            combined_bar(ui, cx, state);
            return;
        }
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
            duplicate(cx, state);
        }
        if ui.add_enabled(some, egui::Button::new("Delete")).on_hover_text("Delete the selected activities (undoable; Delete)").clicked() {
            ask_to_delete(cx, &selected);
        }
        ui.add_enabled_ui(some, |ui| {
            ui.menu_button("Set status", |ui| {
                for status in Status::ALL {
                    if ui.button(status.label()).clicked() {
                        set_status(cx, &selected, status);
                        ui.close();
                    }
                }
            })
            .response
            .on_hover_text("Change the status of every selected activity");
        });
        ui.menu_button("Columns", |ui| columns_menu(ui, state))
            .response
            .on_hover_text("Choose the table's columns (also on a right-click on its header)");
        ui.separator();
        super::baselines::compare_picker(ui, cx);
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
        if ui
            .selectable_label(state.show_workload, "Workload")
            .on_hover_text("Days in sessions per officer and month, as a heat map")
            .clicked()
        {
            state.show_workload = !state.show_workload;
        }
        ui.separator();
        let shown = rows(cx, state).len();
        ui.label(format!("{shown} of {} activities", cx.project.activities.len()));
        if state.selected.len() > 1 {
            ui.label(format!("· {} selected", state.selected.len()));
        }
    });
}

/// The toolbar over a combined plan: what is shown, and the panels that only read.
fn combined_bar(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut WorkplanState) {
    ui.label(egui::RichText::new("Combined plan, read-only").strong())
        .on_hover_text(
            "Every member's activities together; double-click one (or Enter) to edit it in its programme",
        );
    ui.menu_button("Columns", |ui| columns_menu(ui, state))
        .response
        .on_hover_text("Choose the table's columns (also on a right-click on its header)");
    ui.separator();
    if ui
        .selectable_label(state.show_workload, "Workload")
        .on_hover_text("Days in sessions per officer and month, across the programmes")
        .clicked()
    {
        state.show_workload = !state.show_workload;
    }
    ui.separator();
    let shown = rows(cx, state).len();
    ui.label(format!(
        "{shown} of {} activities",
        cx.project.activities.len()
    ));
    if state.selected.len() > 1 {
        ui.label(format!("· {} selected", state.selected.len()));
    }
}

/// Copies the selected activities, with new ids, each just after its original; selects the copies.
fn duplicate(cx: &mut ViewContext<'_>, state: &mut WorkplanState) {
    let mut entries = Vec::new();
    let mut copies = BTreeSet::new();
    for (offset, id) in state.selected.iter().enumerate() {
        let Some(index) = cx.project.activities.iter().position(|a| a.id == *id) else {
            continue;
        };
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
    cx.emit(Action::Apply(Edit::new(
        Command::InsertActivities(entries),
        "Duplicate activities",
    )));
    state.selected = copies;
}

/// Gives every one of `selected` the status `status`, as one undo step.
fn set_status(cx: &mut ViewContext<'_>, selected: &[Id], status: Status) {
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
    cx.emit(Action::Apply(Edit::new(
        Command::Batch(commands),
        format!("Set status to {}", status.label()),
    )));
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
