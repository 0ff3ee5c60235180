//! Baselines in the Programme view: save today's plan under a name, rename, annotate or delete
//! a saved one (each one undo step), and compare a baseline with today or with another. The
//! "Compare with" picker the timeline and the workplan show is here too.

use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{Baseline, Id};
use crate::plan::baseline::{self, Change};
use crate::ui::actions::Action;
use crate::ui::context::ViewContext;
use crate::ui::widgets::bound_text::BoundText;

/// The edit that replaces the baselines with `baselines`.
fn edit(baselines: Vec<Baseline>, label: &str) -> Edit {
    Edit::new(Command::SetBaselines(baselines), label)
}

/// The edit that gives a baseline a name and a note.
fn details(baseline: &Baseline, name: String, note: String, label: &str) -> Edit {
    Edit::new(
        Command::SetBaselineDetails {
            baseline: baseline.id,
            name,
            note,
        },
        label,
    )
}

/// What the section remembers between frames: the name typed for the next baseline and the
/// two versions compared.
#[derive(Clone, Default)]
struct SectionState {
    name: String,
    /// The earlier version: a baseline.
    from: Option<Id>,
    /// The later one: another baseline, or today's plan (`None`).
    to: Option<Id>,
}

/// "Compare with: none / baseline X", for the timeline's and the workplan's toolbars.
pub fn compare_picker(ui: &mut egui::Ui, cx: &ViewContext<'_>) {
    let baselines = &cx.project.baselines;
    let label = ui.label("Compare with");
    let mut chosen = cx.baseline().map(|b| b.id);
    let text = cx.baseline().map_or("none".to_string(), |b| b.name.clone());
    let response = egui::ComboBox::from_id_salt("compare_with")
        .selected_text(text)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, None, "none");
            for b in baselines {
                ui.selectable_value(&mut chosen, Some(b.id), &b.name)
                    .on_hover_text(format!("Saved on {}", b.saved));
            }
        })
        .response
        .labelled_by(label.id);
    if baselines.is_empty() {
        response.on_hover_text(
            "No baseline saved yet: save one in Programme > Baselines to see how the plan moved",
        );
    } else {
        response.on_hover_text(
            "Show a saved baseline under today's plan: thin grey bars on the timeline, start and \
             end slips in the workplan",
        );
    }
    cx.compare_with.set(chosen);
}

/// The Baselines section of the Programme view.
pub fn section(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    let state_id = egui::Id::unique("baselines_section");
    let mut state: SectionState = ui.data(|d| d.get_temp(state_id)).unwrap_or_default();
    ui.heading("Baselines");
    ui.label(
        "A baseline keeps the dates of every activity as they are today, for instance the plan \
         the steering committee approved. The timeline and the workplan can then show how the \
         plan has moved since (Compare with).",
    );
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let label = ui.label("Baseline name");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.name)
                    .hint_text(baseline::default_name(cx.project))
                    .desired_width(240.0),
            )
            .labelled_by(label.id)
            .on_hover_text("What the baseline is, e.g. \u{201c}Approved by SC2\u{201d}");
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let save = ui.button("Save baseline").on_hover_text(
            "Keep today's dates of every activity under this name (Ctrl+Z undoes it)",
        );
        if save.clicked() || enter {
            let name = match state.name.trim() {
                "" => baseline::default_name(cx.project),
                name => name.to_string(),
            };
            let new = baseline::snapshot(cx.project, cx.new_id(), &name, cx.today, "");
            let mut baselines = cx.project.baselines.clone();
            baselines.push(new);
            cx.emit(Action::Apply(edit(baselines, "Save baseline")));
            state.name.clear();
        }
    });
    ui.add_space(4.0);
    if cx.project.baselines.is_empty() {
        ui.weak("No baseline saved yet.");
    } else {
        saved_list(ui, cx);
        ui.add_space(8.0);
        comparison(ui, cx, &mut state);
    }
    ui.data_mut(|d| d.insert_temp(state_id, state));
}

fn saved_list(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    egui::Grid::new("baselines_list")
        .num_columns(5)
        .spacing([12.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for title in ["Name", "Saved", "Activities", "Note", ""] {
                ui.strong(title);
            }
            ui.end_row();
            let project = cx.project;
            for b in &project.baselines {
                let id = b.id;
                BoundText::new(&b.name)
                    .id_salt(("baseline_name", id))
                    .sized(200.0)
                    .hover("Rename the baseline")
                    .show(ui, cx, format!("baseline-name-{id}"), |name| {
                        // A name left empty keeps the old one: a baseline must be called something.
                        let name = if name.trim().is_empty() {
                            b.name.clone()
                        } else {
                            name
                        };
                        details(b, name, b.note.clone(), "Rename baseline")
                    });
                ui.label(crate::plan::dates::format_date(b.saved));
                ui.label(b.activities.len().to_string());
                BoundText::new(&b.note)
                    .id_salt(("baseline_note", id))
                    .sized(240.0)
                    .hint("Why it was saved")
                    .show(ui, cx, format!("baseline-note-{id}"), |note| {
                        details(b, b.name.clone(), note, "Edit baseline note")
                    });
                ui.horizontal(|ui| {
                    let showing = cx.compare_with.get() == Some(id);
                    if ui
                        .selectable_label(showing, "Compare")
                        .on_hover_text(
                            "Show this baseline on the timeline and its slips in the workplan",
                        )
                        .clicked()
                    {
                        cx.compare_with.set(if showing { None } else { Some(id) });
                    }
                    if ui
                        .button("Delete")
                        .on_hover_text(format!(
                            "Delete the baseline \u{201c}{}\u{201d} (Ctrl+Z brings it back)",
                            b.name
                        ))
                        .clicked()
                    {
                        let baselines: Vec<Baseline> = cx
                            .project
                            .baselines
                            .iter()
                            .filter(|other| other.id != id)
                            .cloned()
                            .collect();
                        cx.emit(Action::Apply(edit(baselines, "Delete baseline")));
                    }
                });
                ui.end_row();
            }
        });
}

/// A baseline against today's plan or another baseline: a summary and what changed.
fn comparison(ui: &mut egui::Ui, cx: &ViewContext<'_>, state: &mut SectionState) {
    let project = cx.project;
    let name = |id: Option<Id>, none: &str| {
        id.and_then(|id| project.baseline(id))
            .map_or(none.to_string(), |b| b.name.clone())
    };
    if state.from.and_then(|id| project.baseline(id)).is_none() {
        state.from = project.baselines.first().map(|b| b.id);
    }
    if state.to.is_some_and(|id| project.baseline(id).is_none()) {
        state.to = None;
    }
    ui.horizontal(|ui| {
        let label = ui.strong("Compare baseline");
        egui::ComboBox::from_id_salt("baseline_compare_from")
            .selected_text(name(state.from, ""))
            .show_ui(ui, |ui| {
                for b in &project.baselines {
                    ui.selectable_value(&mut state.from, Some(b.id), &b.name);
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("The earlier version");
        let label = ui.label("with");
        egui::ComboBox::from_id_salt("baseline_compare_to")
            .selected_text(name(state.to, "today's plan"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.to, None, "today's plan");
                for b in &project.baselines {
                    ui.selectable_value(&mut state.to, Some(b.id), &b.name);
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("The later version: today's plan or another baseline");
    });
    let Some(from) = state.from.and_then(|id| project.baseline(id)) else {
        return;
    };
    let after = match state.to.and_then(|id| project.baseline(id)) {
        Some(to) => baseline::of_baseline(to),
        None => baseline::of_project(project),
    };
    let rows = baseline::compare(&baseline::of_baseline(from), &after);
    ui.label(baseline::summary(&rows).text());
    let changed: Vec<_> = rows
        .iter()
        .filter(|r| r.change != Change::Unchanged)
        .collect();
    if changed.is_empty() {
        return;
    }
    let dates = |d: Option<baseline::Dates>| {
        d.map_or("no dates".to_string(), |d| {
            format!(
                "{} – {}",
                crate::plan::dates::format_date(d.first),
                crate::plan::dates::format_date(d.last)
            )
        })
    };
    egui::ScrollArea::vertical()
        .id_salt("baseline_changes")
        .max_height(240.0)
        .show(ui, |ui| {
            egui::Grid::new("baseline_changes_grid")
                .num_columns(5)
                .spacing([12.0, 4.0])
                .striped(true)
                .show(ui, |ui| {
                    for title in [
                        "Activity",
                        "Change",
                        "Before",
                        "After",
                        "Slip (start / end)",
                    ] {
                        ui.strong(title);
                    }
                    ui.end_row();
                    for row in changed {
                        ui.label(&row.title);
                        ui.label(match row.change {
                            Change::Added => "added",
                            Change::Removed => "removed",
                            Change::Moved => "moved",
                            Change::Unchanged => "",
                        });
                        ui.label(dates(row.before));
                        ui.label(dates(row.after));
                        ui.label(row.slip().map_or(String::new(), |s| {
                            format!(
                                "{} / {} days",
                                baseline::slip_text(s.start, s.approximate),
                                baseline::slip_text(s.end, s.approximate)
                            )
                        }))
                        .on_hover_text(
                            "Days later (+) or earlier (−); ≈ when a session known only to the \
                             month decides the date",
                        );
                        ui.end_row();
                    }
                });
        });
}
