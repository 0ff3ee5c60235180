//! “Save changes before …?”: save, don't save, or cancel what was asked.

use crate::ui::actions::Action;
use crate::ui::dialogs::ModalOutcome;

pub(super) fn show(ui: &mut egui::Ui, name: &str, then: &Action) -> Option<ModalOutcome> {
    let mut outcome = None;
    ui.heading("Unsaved changes");
    let doing = match then {
        Action::Quit => "quitting",
        Action::Close => "closing it",
        Action::New => "starting a new project",
        _ => "opening another project",
    };
    ui.label(format!("Save the changes to “{name}” before {doing}?"));
    ui.label("If you don't save, your changes will be lost.");
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() {
            outcome = Some(ModalOutcome::SaveThen(then.clone()));
        }
        if ui.button("Don't Save").clicked() {
            outcome = Some(ModalOutcome::DiscardThen(then.clone()));
        }
        if ui.button("Cancel").clicked() {
            outcome = Some(ModalOutcome::Close);
        }
    });
    outcome
}
