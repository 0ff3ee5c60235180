//! Types a file's path, for when the system's file dialog cannot be shown (or is not wanted).

use std::path::PathBuf;

use crate::ui::actions::Action;
use crate::ui::dialogs::{Modal, ModalOutcome};

pub const NO_NATIVE_DIALOG: &str = "The system file dialog could not be shown (no desktop portal \
                                    is running), so type the file's path here instead.";

/// What the typed path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    Export(crate::exchange::export::Format),
    Import,
    NewPortfolio,
    /// A project file to add to the open portfolio.
    AddMember,
}

/// Always an outcome: the dialog is kept, with the text typed so far, until a button is used
/// (or Escape, answered in `mod.rs`, cancels it).
pub(super) fn show(
    ui: &mut egui::Ui,
    purpose: &PathPurpose,
    text: &str,
    note: &Option<String>,
) -> ModalOutcome {
    let mut outcome = None;
    let mut text = text.to_string();
    ui.heading(match purpose {
        PathPurpose::Open => "Open project".to_string(),
        PathPurpose::SaveAs => "Save project as".to_string(),
        PathPurpose::Export(format) => format!("Export the {}", format.label()),
        PathPurpose::Import => "Import activities".to_string(),
        PathPurpose::NewPortfolio => "New portfolio".to_string(),
        PathPurpose::AddMember => "Add a member to the portfolio".to_string(),
    });
    if let Some(note) = note {
        ui.label(note);
    }
    let label = ui.label(match purpose {
        PathPurpose::Export(_) => "Path of the file to write:",
        PathPurpose::Import => "Path of the file to import (.csv, .xlsx or .ods):",
        PathPurpose::NewPortfolio => "Path of the portfolio file to create (.wpf):",
        _ => "Path of the project file:",
    });
    let field = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .desired_width(520.0)
                .hint_text(match purpose {
                    PathPurpose::Export(format) => {
                        format!("/home/me/documents/programme.{}", format.extension())
                    }
                    PathPurpose::Import => "/home/me/documents/workplan.csv".into(),
                    PathPurpose::NewPortfolio => "/home/me/projects/office.wpf".into(),
                    _ => "/home/me/projects/programme.ron".to_string(),
                }),
        )
        .labelled_by(label.id);
    if !field.has_focus() && !field.lost_focus() {
        field.request_focus();
    }
    let submitted = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let verb = match purpose {
            PathPurpose::Open => "Open",
            PathPurpose::Import => "Import",
            PathPurpose::NewPortfolio => "Create",
            PathPurpose::AddMember => "Add",
            PathPurpose::SaveAs | PathPurpose::Export(_) => "Save",
        };
        let path = PathBuf::from(text.trim());
        let ready = !text.trim().is_empty();
        if ui.add_enabled(ready, egui::Button::new(verb)).clicked() || (submitted && ready) {
            outcome = Some(match purpose {
                PathPurpose::Open => ModalOutcome::DiscardThen(Action::OpenPath(path)),
                PathPurpose::SaveAs => ModalOutcome::Then(vec![Action::SaveAsPath(path)]),
                PathPurpose::Export(format) => {
                    ModalOutcome::Then(vec![Action::ExportToPath(*format, path)])
                }
                PathPurpose::Import => ModalOutcome::Then(vec![Action::ImportPath(path)]),
                PathPurpose::NewPortfolio => {
                    ModalOutcome::Then(vec![Action::NewPortfolioPath(path)])
                }
                PathPurpose::AddMember => {
                    ModalOutcome::Then(vec![Action::AddMemberPaths(vec![path])])
                }
            });
        }
        if ui
            .button("Browse…")
            .on_hover_text("Choose the file with the system's file dialog")
            .clicked()
        {
            outcome = Some(ModalOutcome::Browse(*purpose));
        }
        if ui.button("Cancel").clicked() {
            outcome = Some(ModalOutcome::Close);
        }
    });
    outcome.unwrap_or_else(|| {
        ModalOutcome::Keep(Modal::PathEntry {
            purpose: *purpose,
            text,
            note: note.clone(),
        })
    })
}
