//! Views that show what the project holds without editing it yet: the committee's meetings. Nothing here emits edits.

use super::app::ViewContext;

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
