//! Asks before carrying out an action, often a destructive one: only a click on its button
//! carries it out; Enter, like Escape, cancels.

use crate::ui::actions::Action;
use crate::ui::dialogs::ModalOutcome;

pub(super) fn show(
    ui: &mut egui::Ui,
    title: &str,
    message: &str,
    confirm: &str,
    then: &Action,
) -> Option<ModalOutcome> {
    let mut outcome = None;
    ui.heading(title);
    ui.label(message);
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button(confirm).clicked() {
            outcome = Some(ModalOutcome::Then(vec![then.clone()]));
        }
        if ui
            .button("Cancel")
            .on_hover_text("Enter or Escape")
            .clicked()
            || ui.input(|i| i.key_pressed(egui::Key::Enter))
        {
            outcome = Some(ModalOutcome::Close);
        }
    });
    outcome
}
