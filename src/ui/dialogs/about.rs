//! What the program is, and its version.

use crate::ui::dialogs::ModalOutcome;

pub(super) fn show(ui: &mut egui::Ui) -> Option<ModalOutcome> {
    let mut outcome = None;
    ui.heading("Workplan");
    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    ui.label(
        "Plan a regional technical-assistance programme: its objective tree, the \
             activities that deliver it, their calendar, and the steering committee \
             that guides it. A project is one readable .ron file you can share.",
    );
    ui.add_space(8.0);
    if ui.button("Close").clicked() {
        outcome = Some(ModalOutcome::Close);
    }
    outcome
}
