//! A problem to read, with Save As offered when the save failed.

use crate::ui::actions::Action;
use crate::ui::dialogs::ModalOutcome;

pub(super) fn show(
    ui: &mut egui::Ui,
    title: &str,
    message: &str,
    offer_save_as: bool,
) -> Option<ModalOutcome> {
    let mut outcome = None;
    ui.heading(title);
    egui::ScrollArea::vertical()
        .max_height(300.0)
        .show(ui, |ui| {
            ui.add(egui::Label::new(message).selectable(true));
        });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            outcome = Some(ModalOutcome::Close);
        }
        if offer_save_as
            && ui
                .button("Save As…")
                .on_hover_text("Save the project somewhere else")
                .clicked()
        {
            outcome = Some(ModalOutcome::Then(vec![Action::SaveAs]));
        }
    });
    outcome
}
