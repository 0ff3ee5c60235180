//! The rows of a CSV import that were refused, and the import of the others.

use crate::ui::actions::Action;
use crate::ui::dialogs::ModalOutcome;

pub(super) fn show(
    ui: &mut egui::Ui,
    summary: &str,
    problems: &[String],
    import: &Option<Action>,
) -> Option<ModalOutcome> {
    let mut outcome = None;
    ui.heading("Import workplan CSV");
    ui.label(summary);
    egui::ScrollArea::vertical()
        .max_height(300.0)
        .show(ui, |ui| {
            for problem in problems {
                ui.add(egui::Label::new(problem).selectable(true));
            }
        });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if let Some(import) = import
            && ui
                .button("Import the valid rows")
                .on_hover_text("Import the rows that passed; one undo step takes it back")
                .clicked()
        {
            outcome = Some(ModalOutcome::Then(vec![import.clone()]));
        }
        if ui.button("Cancel").clicked() {
            outcome = Some(ModalOutcome::Close);
        }
    });
    outcome
}
