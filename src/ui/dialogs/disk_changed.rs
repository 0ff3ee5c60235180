//! The open file changed on disk: reload, or, with changes of our own, merge or choose.

use crate::session::DiskChoice;
use crate::ui::actions::Action;
use crate::ui::dialogs::ModalOutcome;
use crate::ui::dialogs::change_list::change_list;

pub(super) fn show(
    ui: &mut egui::Ui,
    name: &str,
    dirty: bool,
    read_only: bool,
    ours: &[String],
    theirs: &[String],
    conflicts: &[String],
) -> Option<ModalOutcome> {
    if dirty {
        both_changed(ui, name, read_only, ours, theirs, conflicts)
    } else {
        only_theirs(ui, name, theirs)
    }
}

fn choose(choice: DiskChoice) -> ModalOutcome {
    ModalOutcome::Then(vec![Action::DiskChanged(choice)])
}

/// No unsaved changes here: what changed in the file, and Reload (Enter) or keep what is open.
fn only_theirs(ui: &mut egui::Ui, name: &str, theirs: &[String]) -> Option<ModalOutcome> {
    let mut outcome = None;
    ui.heading(format!("{name} changed on disk"));
    ui.label(
        "Someone else (or another program) saved it since you opened it. You have \
             no unsaved changes. What changed:",
    );
    change_list(ui, "their_changes", theirs);
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Reload").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            outcome = Some(choose(DiskChoice::Reload));
        }
        if ui
            .button("Keep What Is Open")
            .on_hover_text("You will be asked again before saving over it")
            .clicked()
        {
            outcome = Some(choose(DiskChoice::Later));
        }
    });
    outcome
}

/// Both sides changed: the two lists of changes, what both changed, and the ways out.
fn both_changed(
    ui: &mut egui::Ui,
    name: &str,
    read_only: bool,
    ours: &[String],
    theirs: &[String],
    conflicts: &[String],
) -> Option<ModalOutcome> {
    let mut outcome = None;
    ui.heading(format!("{name} changed on disk while you were editing"));
    ui.label("Someone else saved it since you opened it.");
    ui.columns(2, |columns| {
        // Columns lay out justified, which would stretch the words of a
        // wrapped line; a plain vertical layout inside keeps them set ragged.
        columns[0].vertical(|ui| {
            ui.strong(format!("Your unsaved changes ({})", ours.len()));
            change_list(ui, "our_changes", ours);
        });
        columns[1].vertical(|ui| {
            ui.strong(format!("Changes in the file ({})", theirs.len()));
            change_list(ui, "their_changes", theirs);
        });
    });
    if conflicts.is_empty() {
        ui.label("The two sides change different things, so they can be merged.");
    } else {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "Both sides changed the same {} — they cannot be merged:",
                if conflicts.len() == 1 {
                    "field"
                } else {
                    "fields"
                }
            ),
        );
        change_list(ui, "conflicts", conflicts);
    }
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(conflicts.is_empty(), egui::Button::new("Merge"))
            .on_hover_text("Take their changes into yours; save to write the result")
            .on_disabled_hover_text("Both sides changed the same fields")
            .clicked()
        {
            outcome = Some(choose(DiskChoice::Merge));
        }
        if !conflicts.is_empty()
            && ui
                .button("Merge, Keeping Mine Where Both Changed")
                .on_hover_text("Take their other changes; for the fields listed, keep yours")
                .clicked()
        {
            outcome = Some(choose(DiskChoice::MergeKeepingMine));
        }
        if !read_only
            && ui
                .button("Keep Mine (Save Over)")
                .on_hover_text("Save your version over the file; their changes are lost")
                .clicked()
        {
            outcome = Some(choose(DiskChoice::KeepMine));
        }
        if ui
            .button("Take Theirs")
            .on_hover_text("Show the file's version; Undo brings yours back")
            .clicked()
        {
            outcome = Some(choose(DiskChoice::TakeTheirs));
        }
        if ui
            .button("Save Mine Elsewhere…")
            .on_hover_text("Save your version as another file; theirs stays")
            .clicked()
        {
            outcome = Some(choose(DiskChoice::SaveMineElsewhere));
        }
        if ui
            .button("Decide Later")
            .on_hover_text("Keep editing; saving will ask again")
            .clicked()
        {
            outcome = Some(choose(DiskChoice::Later));
        }
    });
    outcome
}
