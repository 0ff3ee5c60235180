//! The project file format, from docs/file-format.md.

use crate::ui::dialogs::ModalOutcome;

const FILE_FORMAT_DOC: &str = include_str!("../../../docs/file-format.md");

pub(super) fn show(ui: &mut egui::Ui) -> Option<ModalOutcome> {
    let mut outcome = None;
    ui.heading("The project file format");
    egui::ScrollArea::vertical()
        .max_height(480.0)
        .show(ui, |ui| {
            ui.add(
                egui::Label::new(egui::RichText::new(FILE_FORMAT_DOC).monospace()).selectable(true),
            );
        });
    ui.add_space(8.0);
    if ui.button("Close").clicked() {
        outcome = Some(ModalOutcome::Close);
    }
    outcome
}
