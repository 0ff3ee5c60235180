//! A text field bound to a value of the project. Each change is an edit, merged under one key
//! so that typing in the field is one undo step, and leaving the field ends that step.

use crate::edit::history::Edit;
use crate::ui::actions::Action;
use crate::ui::context::ViewContext;

/// How wide the field is.
#[derive(Clone, Copy)]
enum Width {
    /// As wide as this, or the room there is.
    Desired(f32),
    /// Exactly this wide, one line high: a grid cell would otherwise shrink the field to the
    /// width its column had in the previous frame.
    Sized(f32),
}

/// The field, built like an [`egui::TextEdit`] and shown with [`BoundText::show`].
#[must_use = "show it with `show`"]
pub struct BoundText<'a, S = ()> {
    value: &'a str,
    id_salt: Option<S>,
    label: Option<&'a str>,
    labelled_by: Option<egui::Id>,
    rows: Option<usize>,
    width: Option<Width>,
    hint: Option<&'a str>,
    hover: Option<&'a str>,
    name: Option<&'a str>,
}

impl<'a> BoundText<'a> {
    /// A one-line field showing `value`.
    pub fn new(value: &'a str) -> Self {
        BoundText {
            value,
            id_salt: None,
            label: None,
            labelled_by: None,
            rows: None,
            width: None,
            hint: None,
            hover: None,
            name: None,
        }
    }
}

impl<'a, S: egui::AsIdSalt> BoundText<'a, S> {
    pub fn id_salt<T: egui::AsIdSalt>(self, id_salt: T) -> BoundText<'a, T> {
        BoundText {
            value: self.value,
            id_salt: Some(id_salt),
            label: self.label,
            labelled_by: self.labelled_by,
            rows: self.rows,
            width: self.width,
            hint: self.hint,
            hover: self.hover,
            name: self.name,
        }
    }

    /// Shows `label` before the field, as the field's accessible name.
    pub fn label(mut self, label: &'a str) -> Self {
        self.label = Some(label);
        self
    }

    /// Names the field after a label shown elsewhere.
    pub fn labelled_by(mut self, id: egui::Id) -> Self {
        self.labelled_by = Some(id);
        self
    }

    /// Several lines, `rows` of them visible at first.
    pub fn multiline(mut self, rows: usize) -> Self {
        self.rows = Some(rows);
        self
    }

    pub fn desired_width(mut self, width: f32) -> Self {
        self.width = Some(Width::Desired(width));
        self
    }

    /// Exactly `width` wide, for a field in a grid cell.
    pub fn sized(mut self, width: f32) -> Self {
        self.width = Some(Width::Sized(width));
        self
    }

    /// Greyed text shown while the field is empty.
    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }

    /// The accessible name of a field that shows no label of its own (a table's cell:
    /// `Target 2010`).
    pub fn name(mut self, name: &'a str) -> Self {
        self.name = Some(name);
        self
    }

    /// A tooltip.
    pub fn hover(mut self, text: &'a str) -> Self {
        self.hover = Some(text);
        self
    }

    /// Shows the field. When its text changed, emits the edit `edit` makes of the new text,
    /// merged under `merge_key`; when it loses focus, ends the run of typing.
    pub fn show(
        self,
        ui: &mut egui::Ui,
        cx: &mut ViewContext<'_>,
        merge_key: impl Into<String>,
        edit: impl FnOnce(String) -> Edit,
    ) -> egui::Response {
        let labelled_by = self
            .label
            .map(|label| ui.label(label).id)
            .or(self.labelled_by);
        let mut text = self.value.to_owned();
        let mut field = match self.rows {
            Some(rows) => egui::TextEdit::multiline(&mut text).desired_rows(rows),
            None => egui::TextEdit::singleline(&mut text),
        };
        if let Some(id_salt) = self.id_salt {
            field = field.id_salt(id_salt);
        }
        if let Some(hint) = self.hint {
            field = field.hint_text(hint);
        }
        let mut response = match self.width {
            Some(Width::Desired(width)) => ui.add(field.desired_width(width)),
            Some(Width::Sized(width)) => {
                let height = ui.spacing().interact_size.y;
                ui.add_sized([width, height], field)
            }
            None => ui.add(field),
        };
        if let Some(text) = self.hover {
            response = response.on_hover_text(text);
        }
        if let Some(id) = labelled_by {
            response = response.labelled_by(id);
        }
        if let Some(name) = self.name {
            response.widget_info(|| {
                let mut info =
                    egui::WidgetInfo::text_edit(true, self.value, &text, self.hint.unwrap_or(""));
                info.label = Some(name.to_owned());
                info
            });
        }
        if response.changed() {
            cx.emit(Action::Apply(edit(text).merging(merge_key)));
        }
        if response.lost_focus() {
            cx.emit(Action::EndTyping);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::*;
    use crate::edit::commands::Command;
    use crate::model::Project;
    use crate::session::Document;

    /// Two bound fields over the programme's title and code; what they emitted.
    fn harness() -> Harness<'static, (Document, Vec<Action>)> {
        let today = chrono::NaiveDate::from_ymd_opt(2009, 9, 1).unwrap();
        let doc = Document::new(Project::new(today), None);
        Harness::builder().build_ui_state(
            move |ui, (doc, actions): &mut (Document, Vec<Action>)| {
                let next_id = Cell::new(doc.project.next_id);
                let date_shown = Cell::new(None);
                let compare_with = Cell::new(None);
                let mut cx = ViewContext {
                    project: &doc.project,
                    revision: doc.revision(),
                    today,
                    modal_open: false,
                    actions,
                    next_id: &next_id,
                    selected: None,
                    date_shown: &date_shown,
                    compare_with: &compare_with,
                    programmes: None,
                };
                let programme = &cx.project.programme;
                for (label, value) in [("Title", &programme.title), ("Code", &programme.code)] {
                    BoundText::new(value).label(label).id_salt(label).show(
                        ui,
                        &mut cx,
                        format!("key:{label}"),
                        |text| {
                            let mut changed = programme.clone();
                            changed.title = text;
                            Edit::new(Command::SetProgramme(Box::new(changed)), "Edit title")
                        },
                    );
                }
            },
            (doc, Vec::new()),
        )
    }

    #[test]
    fn typing_emits_merging_edits_and_leaving_ends_the_typing() {
        let mut h = harness();
        h.get_by_label("Title").focus();
        h.run();
        h.get_by_label("Title").type_text("Hi");
        h.run();
        let edits: Vec<_> = h
            .state()
            .1
            .iter()
            .filter_map(|a| match a {
                Action::Apply(edit) => Some(edit),
                _ => None,
            })
            .collect();
        assert!(!edits.is_empty(), "an edit per change");
        assert!(
            edits
                .iter()
                .all(|e| e.merge_key.as_deref() == Some("key:Title") && e.label == "Edit title")
        );
        let Command::SetProgramme(last) = &edits.last().unwrap().command else {
            panic!("the edit the closure made")
        };
        assert_eq!(last.title, "Hi", "the field's text goes to the closure");
        assert!(
            !h.state().1.iter().any(|a| matches!(a, Action::EndTyping)),
            "still typing"
        );

        h.get_by_label("Code").focus();
        h.run();
        assert!(
            matches!(h.state().1.last(), Some(Action::EndTyping)),
            "leaving the field ends the typing: {:?}",
            h.state().1.last()
        );
    }
}
