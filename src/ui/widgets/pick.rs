//! A drop-down that adds one entry from a list ("Link an objective…"); it holds no choice of
//! its own, it only reports the entry picked.

use crate::model::Id;

/// Shows the drop-down; returns the id picked this frame. The entries are read only while the
/// list is open.
pub fn pick(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    placeholder: &str,
    width: Option<f32>,
    hint: &str,
    entries: impl Iterator<Item = (Id, String)>,
) -> Option<Id> {
    let mut picked = None;
    let mut combo = egui::ComboBox::from_id_salt(id_salt).selected_text(placeholder);
    if let Some(width) = width {
        combo = combo.width(width);
    }
    combo
        .show_ui(ui, |ui| {
            for (id, label) in entries {
                if ui.selectable_label(false, label).clicked() {
                    picked = Some(id);
                }
            }
        })
        .response
        .on_hover_text(hint);
    picked
}
