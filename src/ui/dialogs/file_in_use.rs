//! Someone else has the file open for editing: read-only, anyway, or not at all.

use crate::session::OpenChoice;
use crate::ui::actions::Action;
use crate::ui::dialogs::ModalOutcome;

pub(super) fn show(ui: &mut egui::Ui, name: &str, message: &str) -> Option<ModalOutcome> {
    let mut outcome = None;
    ui.heading(format!("{name} is in use"));
    ui.label(message);
    ui.label(
        "Opening it for editing too means one of you may overwrite the other's work. \
             Read-only lets you look, and keep changes under another name.",
    );
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .button("Open Read-Only")
            .on_hover_text("Look at it; Save As keeps any changes in another file")
            .clicked()
            || ui.input(|i| i.key_pressed(egui::Key::Enter))
        {
            outcome = Some(ModalOutcome::Then(vec![Action::OpenLocked(
                OpenChoice::ReadOnly,
            )]));
        }
        if ui
            .button("Open Anyway")
            .on_hover_text("Edit it anyway; the lock becomes yours")
            .clicked()
        {
            outcome = Some(ModalOutcome::Then(vec![Action::OpenLocked(
                OpenChoice::Anyway,
            )]));
        }
        if ui.button("Cancel").clicked() {
            outcome = Some(ModalOutcome::Then(vec![Action::OpenLocked(
                OpenChoice::Cancel,
            )]));
        }
    });
    outcome
}
