use std::path::PathBuf;

use super::actions::Action;

pub const NO_NATIVE_DIALOG: &str = "The system file dialog could not be shown (no desktop portal \
                                    is running), so type the file's path here instead.";

const FILE_FORMAT_DOC: &str = include_str!("../../docs/file-format.md");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    Export(crate::export::Format),
    ImportCsv,
}

/// The dialog in front of the window, if any. One at a time.
pub enum Modal {
    /// "Save changes before …?" guarding `then`.
    UnsavedChanges {
        name: String,
        then: Action,
    },
    PathEntry {
        purpose: PathPurpose,
        text: String,
        note: Option<String>,
    },
    Error {
        title: String,
        message: String,
        offer_save_as: bool,
    },
    About,
    FileFormat,
    Confirm {
        title: String,
        message: String,
        confirm: String,
        then: Action,
    },
    /// Rows of a CSV import that were refused, and the import of the others, if wanted.
    ImportReview {
        summary: String,
        problems: Vec<String>,
        import: Option<Action>,
    },
}

impl Modal {
    pub fn path_entry(purpose: PathPurpose, text: String, note: Option<String>) -> Self {
        Modal::PathEntry {
            purpose,
            text,
            note,
        }
    }
}

pub enum ModalOutcome {
    Keep(Modal),
    Close,
    Then(Vec<Action>),
    /// Carry out the action without asking about unsaved changes again.
    DiscardThen(Action),
    /// Save first; carry out the action once the save succeeded.
    SaveThen(Action),
    /// Show the native dialog for the path entry's purpose.
    Browse(PathPurpose),
}

pub fn show(ctx: &egui::Context, modal: Modal) -> ModalOutcome {
    let id = egui::Id::unique("workplan_modal");
    let mut outcome = None;
    let response = egui::Modal::new(id).show(ctx, |ui| {
        ui.set_max_width(560.0);
        match &modal {
            Modal::UnsavedChanges { name, then } => {
                ui.heading("Unsaved changes");
                let doing = match then {
                    Action::Quit => "quitting",
                    Action::Close => "closing it",
                    Action::New => "starting a new project",
                    _ => "opening another project",
                };
                ui.label(format!("Save the changes to “{name}” before {doing}?"));
                ui.label("If you don't save, your changes will be lost.");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        outcome = Some(ModalOutcome::SaveThen(then.clone()));
                    }
                    if ui.button("Don't Save").clicked() {
                        outcome = Some(ModalOutcome::DiscardThen(then.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = Some(ModalOutcome::Close);
                    }
                });
            }
            Modal::PathEntry {
                purpose,
                text,
                note,
            } => {
                let mut text = text.clone();
                ui.heading(match purpose {
                    PathPurpose::Open => "Open project".to_string(),
                    PathPurpose::SaveAs => "Save project as".to_string(),
                    PathPurpose::Export(format) => format!("Export the {}", format.label()),
                    PathPurpose::ImportCsv => "Import workplan CSV".to_string(),
                });
                if let Some(note) = note {
                    ui.label(note);
                }
                let label = ui.label(match purpose {
                    PathPurpose::Export(_) => "Path of the file to write:",
                    PathPurpose::ImportCsv => "Path of the CSV file:",
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
                                PathPurpose::ImportCsv => "/home/me/documents/workplan.csv".into(),
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
                        PathPurpose::ImportCsv => "Import",
                        PathPurpose::SaveAs | PathPurpose::Export(_) => "Save",
                    };
                    let path = PathBuf::from(text.trim());
                    let ready = !text.trim().is_empty();
                    if ui.add_enabled(ready, egui::Button::new(verb)).clicked()
                        || (submitted && ready)
                    {
                        outcome = Some(match purpose {
                            PathPurpose::Open => ModalOutcome::DiscardThen(Action::OpenPath(path)),
                            PathPurpose::SaveAs => {
                                ModalOutcome::Then(vec![Action::SaveAsPath(path)])
                            }
                            PathPurpose::Export(format) => {
                                ModalOutcome::Then(vec![Action::ExportToPath(*format, path)])
                            }
                            PathPurpose::ImportCsv => {
                                ModalOutcome::Then(vec![Action::ImportCsvPath(path)])
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
                if outcome.is_none() {
                    outcome = Some(ModalOutcome::Keep(Modal::PathEntry {
                        purpose: *purpose,
                        text,
                        note: note.clone(),
                    }));
                }
            }
            Modal::Error {
                title,
                message,
                offer_save_as,
            } => {
                ui.heading(title);
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .show(ui, |ui| {
                        ui.add(egui::Label::new(message).selectable(true));
                    });
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        outcome = Some(ModalOutcome::Close);
                    }
                    if *offer_save_as
                        && ui
                            .button("Save As…")
                            .on_hover_text("Save the project somewhere else")
                            .clicked()
                    {
                        outcome = Some(ModalOutcome::Then(vec![Action::SaveAs]));
                    }
                });
            }
            Modal::Confirm {
                title,
                message,
                confirm,
                then,
            } => {
                ui.heading(title);
                ui.label(message);
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(confirm).on_hover_text("Enter").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Enter))
                    {
                        outcome = Some(ModalOutcome::Then(vec![then.clone()]));
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = Some(ModalOutcome::Close);
                    }
                });
            }
            Modal::ImportReview {
                summary,
                problems,
                import,
            } => {
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
                            .on_hover_text(
                                "Import the rows that passed; one undo step takes it back",
                            )
                            .clicked()
                    {
                        outcome = Some(ModalOutcome::Then(vec![import.clone()]));
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = Some(ModalOutcome::Close);
                    }
                });
            }
            Modal::About => {
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
            }
            Modal::FileFormat => {
                ui.heading("The project file format");
                egui::ScrollArea::vertical()
                    .max_height(480.0)
                    .show(ui, |ui| {
                        ui.add(
                            egui::Label::new(egui::RichText::new(FILE_FORMAT_DOC).monospace())
                                .selectable(true),
                        );
                    });
                ui.add_space(8.0);
                if ui.button("Close").clicked() {
                    outcome = Some(ModalOutcome::Close);
                }
            }
        }
    });
    match outcome {
        Some(outcome) => outcome,
        None if response.should_close() => ModalOutcome::Close,
        None => ModalOutcome::Keep(modal),
    }
}
