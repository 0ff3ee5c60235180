//! Views that show what the project holds without editing it yet: the activity list and
//! the committee's meetings. Nothing here emits edits.

use egui_extras::{Column, TableBuilder};

use super::app::ViewContext;
use crate::model::{Activity, Precision};

fn empty_state(ui: &mut egui::Ui, heading: &str, text: &str) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.2);
        ui.heading(heading);
        ui.label(text);
    });
}

fn read_only_note(ui: &mut egui::Ui, text: &str) {
    ui.label(egui::RichText::new(text).weak().italics());
}

fn activity_dates(activity: &Activity) -> String {
    match activity.sessions.as_slice() {
        [] => "no date yet".into(),
        [one] => one.date_label(),
        many => format!("{} sessions from {}", many.len(), many[0].date_label()),
    }
}

fn activity_places(activity: &Activity) -> String {
    let mut places: Vec<String> = activity.sessions.iter().map(|s| s.place.label()).collect();
    places.dedup();
    places.retain(|p| !p.is_empty());
    places.join("; ")
}

pub fn workplan(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    let activities = &cx.project.activities;
    if activities.is_empty() {
        empty_state(
            ui,
            "No activities yet",
            "This project has no activities. Meetings, trainings and missions with their dates appear here.",
        );
        return;
    }
    ui.heading("Activities");
    read_only_note(ui, "Activities are shown read-only in this version.");
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .auto_shrink(false)
        .column(Column::initial(360.0).at_least(120.0).clip(true))
        .column(Column::initial(170.0).clip(true))
        .column(Column::initial(90.0))
        .column(Column::initial(190.0).clip(true))
        .column(Column::remainder().clip(true))
        .header(row_height, |mut header| {
            for title in ["Activity", "Kind", "Status", "Dates", "Place"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, activities.len(), |mut row| {
                let a = &activities[row.index()];
                row.col(|ui| {
                    ui.label(&a.title).on_hover_text(&a.title);
                });
                row.col(|ui| {
                    ui.label(&a.kind);
                });
                row.col(|ui| {
                    ui.label(a.status.label());
                });
                row.col(|ui| {
                    let month_only = a.sessions.iter().any(|s| s.precision == Precision::Month);
                    let label = ui.label(activity_dates(a));
                    if month_only {
                        label.on_hover_text("Only the months are known so far");
                    }
                });
                row.col(|ui| {
                    ui.label(activity_places(a));
                });
            });
        });
}

pub fn calendar(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    let dated = cx
        .project
        .activities
        .iter()
        .filter(|a| !a.sessions.is_empty())
        .count();
    empty_state(
        ui,
        "Calendar",
        &format!(
            "The month calendar is not available in this version. \
             {dated} dated activities are listed in the Workplan view."
        ),
    );
}

pub fn committee(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    let committee = &cx.project.committee;
    if committee.meetings.is_empty() && committee.members.is_empty() {
        empty_state(
            ui,
            "No steering committee yet",
            "This project has no committee members or meetings. Meetings and their agendas appear here.",
        );
        return;
    }
    ui.heading(if committee.name.is_empty() {
        "Steering committee"
    } else {
        &committee.name
    });
    read_only_note(ui, "The committee is shown read-only in this version.");
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            if !committee.members.is_empty() {
                ui.label(
                    egui::RichText::new(format!("{} members", committee.members.len())).strong(),
                );
            }
            for meeting in &committee.meetings {
                let place = meeting.place.label();
                let when = meeting.date.format("%-d %B %Y");
                egui::CollapsingHeader::new(format!(
                    "Meeting {} — {when}, {place}",
                    meeting.number
                ))
                .default_open(true)
                .show(ui, |ui| {
                    for (number, item) in meeting.agenda.iter().enumerate() {
                        let mut line = format!("{}. {}", number + 1, item.title);
                        if !item.presenter.is_empty() {
                            line.push_str(&format!(" — {}", item.presenter));
                        }
                        if item.minutes > 0 {
                            line.push_str(&format!(" ({} min)", item.minutes));
                        }
                        ui.label(line);
                        for (sub, child) in item.sub_items.iter().enumerate() {
                            ui.label(format!("    {}.{} {}", number + 1, sub + 1, child.title));
                        }
                    }
                });
            }
        });
}
