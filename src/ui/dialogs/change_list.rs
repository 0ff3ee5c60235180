//! The lists of changes the file dialogs show.

/// A scrolled list of changes or conflicts, one selectable line each.
pub(super) fn change_list(ui: &mut egui::Ui, id: &str, lines: &[String]) {
    egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(220.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if lines.is_empty() {
                ui.weak("(none)");
            }
            for line in lines {
                ui.add(egui::Label::new(format!("• {line}")).selectable(true));
            }
        });
}
