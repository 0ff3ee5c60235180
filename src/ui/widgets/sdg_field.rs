//! A list of SDG targets typed as text ("16.4, 16.a"), checked against the real numbering.

/// What happened in the field this frame.
#[derive(Default)]
pub struct SdgEdit {
    /// A new, valid list of targets.
    pub new_targets: Option<Vec<String>>,
    pub lost_focus: bool,
}

/// Shows the field in a grid row (its label first). The list is taken when the field is left;
/// while the text holds something that is not an SDG target, it is red, says which, and the
/// project keeps its list.
pub fn sdg_field(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    current: &[String],
) -> SdgEdit {
    let mut edit = SdgEdit::default();
    let label = ui.label("SDG targets");
    let buffer_id = ui.make_persistent_id(("sdg_targets", id_salt));
    let mut text = ui
        .data(|d| d.get_temp::<String>(buffer_id))
        .unwrap_or_else(|| current.join(", "));
    let (valid, invalid) = crate::model::sdg::parse_list(&text);
    // The official wording of each target typed, so a planner sees what 16.4 commits to.
    let meanings: Vec<String> = valid
        .iter()
        .filter_map(|t| crate::model::sdg::target_text(t).map(|text| format!("{t}: {text}")))
        .collect();
    ui.vertical(|ui| {
        let mut field = egui::TextEdit::singleline(&mut text)
            .id(buffer_id.with("field"))
            .desired_width(f32::INFINITY)
            .hint_text("e.g. 16.4, 16.a");
        if !invalid.is_empty() {
            field = field.text_color(ui.visuals().error_fg_color);
        }
        let mut response = ui.add(field).labelled_by(label.id);
        if !meanings.is_empty() {
            response = response.on_hover_text(meanings.join("\n\n"));
        }
        if !invalid.is_empty() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!(
                    "Not an SDG target: {} (targets look like 16.4 or 16.a)",
                    invalid.join(", ")
                ),
            );
        }
        if response.changed() {
            ui.data_mut(|d| d.insert_temp(buffer_id, text.clone()));
        }
        // Taken when the field is left, never halfway: "16.1" on its way to "16.11" is another
        // real target.
        if response.lost_focus() {
            let (valid, invalid) = crate::model::sdg::parse_list(&text);
            if invalid.is_empty() && valid != current {
                edit.new_targets = Some(valid);
            }
            ui.data_mut(|d| d.remove::<String>(buffer_id));
            edit.lost_focus = true;
        }
    });
    ui.end_row();
    edit
}
