//! The workplan table: every activity, sortable, searchable and filtered, with add, duplicate,
//! delete and status changes over a multiple selection, and the selected activity's editor.

use std::collections::BTreeSet;
use std::sync::Arc;

use egui_extras::{Column as TableColumn, TableBuilder};

use super::actions::Action;
use super::activity_editor;
use super::app::{Revision, ViewContext};
use crate::commands::{self, Command};
use crate::history::Edit;
use crate::model::{Activity, Id, Precision, Status};
use crate::workplan::{self, Column, Filter};

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
    /// The user's name as it appears in "responsible officer", for the "Mine" filter.
    pub me: String,
    pub show_funding: bool,
    funding: Option<(Revision, Arc<crate::funding::Summary>)>,
    checks: Option<(Revision, Arc<Vec<Finding>>)>,
}

/// A check's finding with where its activity is in the project's list, so the panel draws its
/// visible rows without searching all activities for each.
struct Finding {
    finding: crate::checks::Finding,
    position: Option<usize>,
}

fn findings(cx: &ViewContext<'_>, state: &mut WorkplanState) -> Arc<Vec<Finding>> {
    if let Some((revision, findings)) = &state.checks
        && *revision == cx.revision
    {
        return findings.clone();
    }
    let positions: std::collections::HashMap<Id, usize> = cx
        .project
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    let findings: Arc<Vec<Finding>> = Arc::new(
        crate::checks::run(cx.project)
            .into_iter()
            .map(|finding| Finding {
                position: positions.get(&finding.activity).copied(),
                finding,
            })
            .collect(),
    );
    state.checks = Some((cx.revision, findings.clone()));
    findings
}

fn funding_panel(ui: &mut egui::Ui, cx: &ViewContext<'_>, state: &mut WorkplanState) {
    let summary = match &state.funding {
        Some((revision, summary)) if *revision == cx.revision => summary.clone(),
        _ => {
            let summary = Arc::new(crate::funding::summary(cx.project));
            state.funding = Some((cx.revision, summary.clone()));
            summary
        }
    };
    egui::Panel::bottom("workplan_funding")
        .resizable(true)
        .default_size(240.0)
        .show(ui, |ui| {
            ui.strong("Funding summary");
            egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            if summary.total.is_empty() {
                ui.label("No activity has a budget yet. Budgets and who covers them are set in the activity editor.");
                return;
            }
            let sections: [(&str, &[crate::funding::Line], &str); 5] = [
                ("Whole programme", &summary.total, ""),
                ("By pillar", &summary.by_pillar, "Each activity under the pillar of its first objective link."),
                ("By year", &summary.by_year, "By the year an activity starts."),
                ("By jurisdiction", &summary.by_jurisdiction, "An activity counts in full under each of its beneficiaries, so these rows overlap."),
                ("By donor or fund", &summary.by_donor, "What each donor or fund covers."),
            ];
            for (heading, lines, note) in sections {
                if lines.is_empty() {
                    continue;
                }
                ui.strong(heading);
                if !note.is_empty() {
                    ui.label(egui::RichText::new(note).weak());
                }
                egui::Grid::new(heading).striped(true).num_columns(5).show(ui, |ui| {
                    for title in ["", "Budget", "Covered", "Gap", ""] {
                        ui.label(egui::RichText::new(title).strong());
                    }
                    ui.end_row();
                    for line in lines {
                        ui.label(&line.label);
                        ui.label(line.budget.to_string());
                        ui.label(line.covered.to_string());
                        let gap = line.gap();
                        if gap > 0 {
                            ui.colored_label(ui.visuals().warn_fg_color, gap.to_string());
                        } else {
                            ui.label("0");
                        }
                        ui.label(&line.currency);
                        ui.end_row();
                    }
                });
                ui.add_space(8.0);
            }
            });
        });
}

/// The problems a planner should look at, each a link to its activity.
fn checks_panel(ui: &mut egui::Ui, cx: &ViewContext<'_>, state: &mut WorkplanState) {
    let findings = findings(cx, state);
    egui::Panel::bottom("workplan_checks")
        .resizable(true)
        .default_size(180.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(format!("Checks: {} finding(s)", findings.len()));
                ui.label(egui::RichText::new("click one to open its activity").weak());
            });
            if findings.is_empty() {
                ui.label("Nothing to report: every activity has a date, a place and an objective, and nothing clashes.");
                return;
            }
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            egui::ScrollArea::vertical().auto_shrink(false).show_rows(ui, row_height, findings.len(), |ui, range| {
                for Finding { finding, position } in &findings[range] {
                    let title = position.and_then(|i| cx.project.activities.get(i)).map(|a| a.title.as_str()).unwrap_or("?");
                    ui.horizontal(|ui| {
                        ui.label(egui::RichText::new(finding.kind.label()).color(ui.visuals().warn_fg_color));
                        if ui.link(title).on_hover_text("Select this activity").clicked() {
                            state.select_only(finding.activity);
                        }
                        ui.label(&finding.message);
                    });
                }
            });
        });
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

/// What the objective and officer filters offer, derived once per revision.
struct Choices {
    branches: Vec<(Id, String)>,
    officers: Vec<(String, String)>,
}

fn choices(cx: &ViewContext<'_>, state: &mut WorkplanState) -> Arc<Choices> {
    if let Some((revision, choices)) = &state.choices
        && *revision == cx.revision
    {
        return choices.clone();
    }
    let p = cx.project;
    let codes = crate::tree::outline_codes(&p.objectives);
    let depths = crate::tree::depths(&p.objectives);
    let branches = p
        .objectives
        .iter()
        .filter(|o| depths.get(&o.id).is_some_and(|&d| d <= 1))
        .map(|o| (o.id, format!("{} {}", codes[&o.id], o.title)))
        .collect();
    let officers: BTreeSet<&str> = p
        .activities
        .iter()
        .map(|a| a.officer.as_str())
        .filter(|o| !o.is_empty())
        .collect();
    let officers = officers
        .into_iter()
        .map(|o| (o.to_string(), o.to_string()))
        .collect();
    let choices = Arc::new(Choices { branches, officers });
    state.choices = Some((cx.revision, choices.clone()));
    choices
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
                .show(ui, |ui| activity_editor::show(ui, cx, &activity));
        }
    }
    egui::CentralPanel::default().show(ui, |ui| table(ui, cx, state));
}

fn combo<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<T>,
    options: &[(T, String)],
) {
    let label_response = ui.label(label);
    let shown = value
        .as_ref()
        .and_then(|v| options.iter().find(|(o, _)| o == v))
        .map_or("all".to_string(), |(_, name)| name.clone());
    egui::ComboBox::from_id_salt(("workplan_filter", label))
        .selected_text(shown)
        .width(130.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "all");
            for (option, name) in options {
                ui.selectable_value(value, Some(option.clone()), name);
            }
        })
        .response
        .labelled_by(label_response.id);
}

fn filters(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut WorkplanState) {
    let choices = choices(cx, state);
    let p = cx.project;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Search:");
        ui.add(
            egui::TextEdit::singleline(&mut state.filter.text)
                .desired_width(160.0)
                .hint_text("words in title, place, officer"),
        )
        .labelled_by(label.id);
        let statuses: Vec<(Status, String)> = Status::ALL
            .iter()
            .map(|s| (*s, s.label().to_string()))
            .collect();
        combo(ui, "Status", &mut state.filter.status, &statuses);
        let kinds: Vec<(String, String)> = p
            .settings
            .activity_kinds
            .iter()
            .map(|k| (k.clone(), k.clone()))
            .collect();
        combo(ui, "Kind", &mut state.filter.kind, &kinds);
        let places: Vec<(Id, String)> = p
            .programme
            .jurisdictions
            .iter()
            .map(|j| (j.id, j.name.clone()))
            .collect();
        combo(ui, "Jurisdiction", &mut state.filter.jurisdiction, &places);
        combo(ui, "Objective", &mut state.filter.branch, &choices.branches);
        let donors: Vec<(Id, String)> = p
            .programme
            .donors
            .iter()
            .map(|d| (d.id, d.display_name()))
            .collect();
        combo(ui, "Donor", &mut state.filter.donor, &donors);
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Quick:");
        let week = Filter::this_week(cx.today);
        let month = Filter::this_month(cx.today);
        let is_week = (state.filter.from, state.filter.to) == (Some(week.0), Some(week.1));
        let is_month = (state.filter.from, state.filter.to) == (Some(month.0), Some(month.1));
        if ui
            .selectable_label(is_week, "This week")
            .on_hover_text("Activities with a session this week")
            .clicked()
        {
            (state.filter.from, state.filter.to) = if is_week {
                (None, None)
            } else {
                (Some(week.0), Some(week.1))
            };
        }
        if ui
            .selectable_label(is_month, "This month")
            .on_hover_text("Activities with a session this month")
            .clicked()
        {
            (state.filter.from, state.filter.to) = if is_month {
                (None, None)
            } else {
                (Some(month.0), Some(month.1))
            };
        }
        ui.checkbox(&mut state.filter.not_done, "Not yet done")
            .on_hover_text("Hide activities that are done or cancelled");
        let me = state.me.trim().to_string();
        let mine = !me.is_empty() && state.filter.officer.as_deref() == Some(me.as_str());
        if ui
            .add_enabled(!me.is_empty(), egui::Button::selectable(mine, "Mine"))
            .on_hover_text("Activities you are the responsible officer of")
            .on_disabled_hover_text("Type your name in “I am” first")
            .clicked()
        {
            state.filter.officer = if mine { None } else { Some(me.clone()) };
        }
        let me_label = ui.label("I am");
        ui.add(
            egui::TextEdit::singleline(&mut state.me)
                .desired_width(110.0)
                .hint_text("your name"),
        )
        .labelled_by(me_label.id)
        .on_hover_text(
            "Your name as written in “Responsible officer”; remembered on this computer",
        );
        combo(ui, "Officer", &mut state.filter.officer, &choices.officers);
        ui.separator();
        let from_label = ui.label("From");
        if let Some(from) =
            super::date_field::optional_date(ui, "workplan_from", state.filter.from, from_label.id)
        {
            state.filter.from = from;
        }
        let to_label = ui.label("to");
        if let Some(to) =
            super::date_field::optional_date(ui, "workplan_to", state.filter.to, to_label.id)
        {
            state.filter.to = to;
        }
        if !state.filter.is_empty()
            && ui
                .button("Clear filters")
                .on_hover_text("Show every activity")
                .clicked()
        {
            state.filter = Filter::default();
        }
    });
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
        if ui.add_enabled(some, egui::Button::new("Delete")).on_hover_text("Delete the selected activities (undoable)").clicked() {
            let command = commands::delete_activities(cx.project, &selected);
            let message = match selected.as_slice() {
                [one] => format!(
                    "Delete “{}”? Links to it from other activities and agendas are removed too.",
                    cx.project.activity(*one).map(|a| a.title.as_str()).unwrap_or("")
                ),
                many => format!("Delete {} activities? Links to them from other activities and agendas are removed too.", many.len()),
            };
            cx.emit(Action::Confirm {
                title: "Delete activities?".into(),
                message,
                confirm: "Delete activities".into(),
                then: Box::new(Action::Apply(Edit::new(command, "Delete activities"))),
            });
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
        let count = findings(cx, state).len();
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

fn table(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut WorkplanState) {
    let rows = rows(cx, state);
    if rows.is_empty() {
        ui.label("No activity matches these filters.");
        return;
    }
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
