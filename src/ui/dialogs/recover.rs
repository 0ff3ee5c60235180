//! A recovery copy with unsaved changes was found for the file being opened.

use crate::ui::actions::Action;
use crate::ui::dialogs::ModalOutcome;
use crate::ui::dialogs::change_list::change_list;

pub(super) fn show(
    ui: &mut egui::Ui,
    name: &str,
    written: &str,
    changes: &[String],
    note: &Option<String>,
    conflicts: &[String],
) -> Option<ModalOutcome> {
    let mut outcome = None;
    ui.heading("Unsaved changes were recovered");
    ui.label(format!(
        "Changes to {name} that were never saved were kept on {written} (the program \
             was closed without saving them, or stopped). They differ from the file here:"
    ));
    change_list(ui, "recovered_changes", changes);
    if let Some(note) = note {
        ui.colored_label(ui.visuals().warn_fg_color, note);
    }
    if !conflicts.is_empty() {
        ui.label("Both changed these; restoring keeps the recovered values:");
        change_list(ui, "recovered_conflicts", conflicts);
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .button("Restore Unsaved Changes")
            .on_hover_text("Open the file with these changes applied (one undo step)")
            .clicked()
            || ui.input(|i| i.key_pressed(egui::Key::Enter))
        {
            outcome = Some(ModalOutcome::Then(vec![Action::RestoreRecovered(true)]));
        }
        if ui
            .button("Discard Them")
            .on_hover_text("Open the file as it is on disk and delete the recovered copy")
            .clicked()
        {
            outcome = Some(ModalOutcome::Then(vec![Action::RestoreRecovered(false)]));
        }
    });
    outcome
}
