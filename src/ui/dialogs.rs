use std::path::PathBuf;

use super::actions::Action;
use super::shared_file::{DiskChoice, OpenChoice};

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
    /// Someone else has the file open for editing.
    FileInUse {
        name: String,
        message: String,
    },
    /// A recovery copy with unsaved changes was found for the file being opened.
    Recover {
        name: String,
        written: String,
        changes: Vec<String>,
        /// Said when the file changed since the copy was made.
        note: Option<String>,
        /// Fields both the copy and the file changed: restoring keeps the copy's.
        conflicts: Vec<String>,
    },
    /// The open file changed on disk.
    DiskChanged {
        name: String,
        /// Whether we have unsaved changes of our own.
        dirty: bool,
        /// Opened read-only: saving over the file is not offered.
        read_only: bool,
        ours: Vec<String>,
        theirs: Vec<String>,
        conflicts: Vec<String>,
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
            Modal::FileInUse { name, message } => {
                ui.heading(format!("{name} is in use"));
                ui.label(message);
                ui.label(
                    "Opening it for editing too means one of you may overwrite the other's work. \
                     Read-only lets you look, and keep changes under another name.",
                );
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui
                        .button("Open Read-Only")
                        .on_hover_text("Look at it; Save As keeps any changes in another file")
                        .clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Enter))
                    {
                        outcome = Some(ModalOutcome::Then(vec![Action::OpenLocked(
                            OpenChoice::ReadOnly,
                        )]));
                    }
                    if ui
                        .button("Open Anyway")
                        .on_hover_text("Edit it anyway; the lock becomes yours")
                        .clicked()
                    {
                        outcome = Some(ModalOutcome::Then(vec![Action::OpenLocked(
                            OpenChoice::Anyway,
                        )]));
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = Some(ModalOutcome::Then(vec![Action::OpenLocked(
                            OpenChoice::Cancel,
                        )]));
                    }
                });
            }
            Modal::Recover {
                name,
                written,
                changes,
                note,
                conflicts,
            } => {
                ui.heading("Unsaved changes were recovered");
                ui.label(format!(
                    "Changes to {name} that were never saved were kept on {written} (the program \
                     was closed without saving them, or stopped). They differ from the file here:"
                ));
                change_list(ui, "recovered_changes", changes);
                if let Some(note) = note {
                    ui.colored_label(ui.visuals().warn_fg_color, note);
                }
                if !conflicts.is_empty() {
                    ui.label("Both changed these; restoring keeps the recovered values:");
                    change_list(ui, "recovered_conflicts", conflicts);
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui
                        .button("Restore Unsaved Changes")
                        .on_hover_text("Open the file with these changes applied (one undo step)")
                        .clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Enter))
                    {
                        outcome = Some(ModalOutcome::Then(vec![Action::RestoreRecovered(true)]));
                    }
                    if ui
                        .button("Discard Them")
                        .on_hover_text(
                            "Open the file as it is on disk and delete the recovered copy",
                        )
                        .clicked()
                    {
                        outcome = Some(ModalOutcome::Then(vec![Action::RestoreRecovered(false)]));
                    }
                });
            }
            Modal::DiskChanged {
                name,
                dirty,
                read_only,
                ours,
                theirs,
                conflicts,
            } => {
                let choose = |choice| ModalOutcome::Then(vec![Action::DiskChanged(choice)]);
                if !dirty {
                    ui.heading(format!("{name} changed on disk"));
                    ui.label(
                        "Someone else (or another program) saved it since you opened it. You have \
                         no unsaved changes. What changed:",
                    );
                    change_list(ui, "their_changes", theirs);
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Reload").clicked()
                            || ui.input(|i| i.key_pressed(egui::Key::Enter))
                        {
                            outcome = Some(choose(DiskChoice::Reload));
                        }
                        if ui
                            .button("Keep What Is Open")
                            .on_hover_text("You will be asked again before saving over it")
                            .clicked()
                        {
                            outcome = Some(choose(DiskChoice::Later));
                        }
                    });
                } else {
                    ui.heading(format!("{name} changed on disk while you were editing"));
                    ui.label("Someone else saved it since you opened it.");
                    ui.columns(2, |columns| {
                        // Columns lay out justified, which would stretch the words of a
                        // wrapped line; a plain vertical layout inside keeps them set ragged.
                        columns[0].vertical(|ui| {
                            ui.strong(format!("Your unsaved changes ({})", ours.len()));
                            change_list(ui, "our_changes", ours);
                        });
                        columns[1].vertical(|ui| {
                            ui.strong(format!("Changes in the file ({})", theirs.len()));
                            change_list(ui, "their_changes", theirs);
                        });
                    });
                    if conflicts.is_empty() {
                        ui.label("The two sides change different things, so they can be merged.");
                    } else {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!(
                                "Both sides changed the same {} — they cannot be merged:",
                                if conflicts.len() == 1 {
                                    "field"
                                } else {
                                    "fields"
                                }
                            ),
                        );
                        change_list(ui, "conflicts", conflicts);
                    }
                    ui.add_space(8.0);
                    ui.horizontal_wrapped(|ui| {
                        if ui
                            .add_enabled(conflicts.is_empty(), egui::Button::new("Merge"))
                            .on_hover_text(
                                "Take their changes into yours; save to write the result",
                            )
                            .on_disabled_hover_text("Both sides changed the same fields")
                            .clicked()
                        {
                            outcome = Some(choose(DiskChoice::Merge));
                        }
                        if !conflicts.is_empty()
                            && ui
                                .button("Merge, Keeping Mine Where Both Changed")
                                .on_hover_text(
                                    "Take their other changes; for the fields listed, keep yours",
                                )
                                .clicked()
                        {
                            outcome = Some(choose(DiskChoice::MergeKeepingMine));
                        }
                        if !read_only
                            && ui
                                .button("Keep Mine (Save Over)")
                                .on_hover_text(
                                    "Save your version over the file; their changes are lost",
                                )
                                .clicked()
                        {
                            outcome = Some(choose(DiskChoice::KeepMine));
                        }
                        if ui
                            .button("Take Theirs")
                            .on_hover_text("Show the file's version; Undo brings yours back")
                            .clicked()
                        {
                            outcome = Some(choose(DiskChoice::TakeTheirs));
                        }
                        if ui
                            .button("Save Mine Elsewhere…")
                            .on_hover_text("Save your version as another file; theirs stays")
                            .clicked()
                        {
                            outcome = Some(choose(DiskChoice::SaveMineElsewhere));
                        }
                        if ui
                            .button("Decide Later")
                            .on_hover_text("Keep editing; saving will ask again")
                            .clicked()
                        {
                            outcome = Some(choose(DiskChoice::Later));
                        }
                    });
                }
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
        None if response.should_close() => match modal {
            // Escape or a click outside takes the answer that loses nothing.
            Modal::FileInUse { .. } => {
                ModalOutcome::Then(vec![Action::OpenLocked(OpenChoice::Cancel)])
            }
            Modal::Recover { .. } => ModalOutcome::Then(vec![Action::RestoreRecovered(true)]),
            Modal::DiskChanged { .. } => {
                ModalOutcome::Then(vec![Action::DiskChanged(DiskChoice::Later)])
            }
            _ => ModalOutcome::Close,
        },
        None => ModalOutcome::Keep(modal),
    }
}

/// A scrolled list of changes or conflicts, one selectable line each.
fn change_list(ui: &mut egui::Ui, id: &str, lines: &[String]) {
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
