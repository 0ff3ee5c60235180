//! A drop-down that adds one entry from a list ("Link an objective…"); it holds no choice of
//! its own, it only reports the entry picked.
//!
//! The open list starts with a search field (folded like every search, `plan::names::fold`)
//! and shows at most `SHOWN` entries, so it stays quick and usable with 10,000 activities.

use std::collections::HashMap;

use crate::model::Id;
use crate::plan::names;

/// Entries listed at once; more are counted and the search narrows them.
pub const SHOWN: usize = 50;

/// The accessible name of the search field in an open list.
pub const SEARCH_LABEL: &str = "Find:";

/// What an open list keeps between frames.
#[derive(Clone, Default)]
struct Search {
    query: String,
    /// Each entry's label and its folding, so typing folds only labels not seen before.
    folded: HashMap<Id, (String, String)>,
}

/// Shows the drop-down; returns the id picked this frame. The entries are read only while the
/// list is open; Enter in the search field picks the first entry shown.
pub fn pick(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    placeholder: &str,
    width: Option<f32>,
    hint: &str,
    entries: impl Iterator<Item = (Id, String)>,
) -> Option<Id> {
    let search_id = ui.make_persistent_id(&id_salt).with("search");
    let mut picked = None;
    // Clicks in the search field must not close the list; a pick closes it.
    let mut combo = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(placeholder)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    if let Some(width) = width {
        combo = combo.width(width);
    }
    let shown = combo.show_ui(ui, |ui| {
        let kept = ui.data_mut(|d| d.remove_temp::<Search>(search_id));
        let opened = kept.is_none();
        let Search {
            mut query,
            mut folded,
        } = kept.unwrap_or_default();
        let search = ui
            .horizontal(|ui| {
                let label = ui.label(SEARCH_LABEL);
                ui.add(
                    egui::TextEdit::singleline(&mut query)
                        .desired_width(ui.available_width())
                        .hint_text("type to search"),
                )
                .labelled_by(label.id)
            })
            .inner;
        if opened {
            search.request_focus();
        }
        let enter = search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.separator();
        let wanted = names::fold(&query);
        let (mut listed, mut more) = (0usize, 0usize);
        let mut first = None;
        for (id, label) in entries {
            if !wanted.is_empty() {
                let (seen, text) = folded.entry(id).or_default();
                if *seen != label {
                    *text = names::fold(&label);
                    seen.clone_from(&label);
                }
                if !names::contains_words(text, &wanted) {
                    continue;
                }
            }
            first.get_or_insert(id);
            if listed == SHOWN {
                more += 1;
                continue;
            }
            listed += 1;
            if ui.selectable_label(false, label).clicked() {
                picked = Some(id);
            }
        }
        if first.is_none() {
            ui.weak("Nothing matches");
        } else if more > 0 {
            ui.weak(format!("{more} more — type to narrow"));
        }
        if enter && picked.is_none() {
            picked = first;
        }
        if picked.is_some() {
            ui.close();
        }
        ui.data_mut(|d| d.insert_temp(search_id, Search { query, folded }));
    });
    if shown.inner.is_none() || picked.is_some() {
        // Closed: the next opening starts with an empty search.
        ui.data_mut(|d| d.remove::<Search>(search_id));
    }
    shown.response.on_hover_text(hint);
    picked
}
