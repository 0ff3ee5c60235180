//! The dialogs in front of the window, one at a time: what each asks ([`Modal`]), what the
//! answer leads to ([`ModalOutcome`]), and which file shows which. Each dialog has its own
//! file; Escape (or a click outside) is answered here, with what loses nothing.

mod about;
mod change_list;
mod confirm;
mod disk_changed;
mod error;
mod file_format;
mod file_in_use;
mod import_review;
mod move_plan;
mod path_entry;
mod print_preview;
mod recover;
mod stories;
mod unsaved;

use crate::session::{DiskChoice, OpenChoice, Question};
use crate::ui::actions::Action;

pub use import_review::ImportReview;
pub use move_plan::MovePlan;
pub use path_entry::{NO_NATIVE_DIALOG, PathPurpose};
pub use print_preview::PrintPreview;
pub use stories::{DraftStories, StoriesFile};

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
    /// A question of the session's: someone else has the file open, a recovery copy was
    /// found, the file changed on disk.
    Ask(Question),
    /// An import's review: columns, unknown names, refused rows, before anything changes.
    ImportReview(Box<ImportReview>),
    /// The pages of a document before it goes to the PDF viewer to print.
    PrintPreview(Box<PrintPreview>),
    /// Edit > Move the Plan.
    MovePlan(Box<MovePlan>),
    /// Draft Stories: the stories of the selected activities, to edit and save.
    DraftStories(Box<DraftStories>),
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

pub fn show(ctx: &egui::Context, mut modal: Modal) -> ModalOutcome {
    let id = egui::Id::unique("workplan_modal");
    let mut outcome = None;
    let response = egui::Modal::new(id).show(ctx, |ui| {
        // The print preview shows a page as large as the window allows.
        let width = if matches!(modal, Modal::PrintPreview(_) | Modal::DraftStories(_)) {
            (ctx.content_rect().width() - 80.0).clamp(400.0, 900.0)
        } else {
            560.0
        };
        ui.set_max_width(width);
        outcome = match &mut modal {
            Modal::UnsavedChanges { name, then } => unsaved::show(ui, name, then),
            Modal::PathEntry {
                purpose,
                text,
                note,
            } => Some(path_entry::show(ui, purpose, text, note)),
            Modal::Error {
                title,
                message,
                offer_save_as,
            } => error::show(ui, title, message, *offer_save_as),
            Modal::Confirm {
                title,
                message,
                confirm,
                then,
            } => confirm::show(ui, title, message, confirm, then),
            Modal::ImportReview(review) => import_review::show(ui, review),
            Modal::PrintPreview(preview) => print_preview::show(ui, preview),
            Modal::Ask(Question::FileInUse { name, message }) => {
                file_in_use::show(ui, name, message)
            }
            Modal::Ask(Question::Recover {
                name,
                written,
                changes,
                note,
                conflicts,
            }) => recover::show(ui, name, written, changes, note, conflicts),
            Modal::Ask(Question::DiskChanged {
                name,
                dirty,
                read_only,
                ours,
                theirs,
                conflicts,
                ..
            }) => disk_changed::show(ui, name, *dirty, *read_only, ours, theirs, conflicts),
            Modal::About => about::show(ui),
            Modal::FileFormat => file_format::show(ui),
            Modal::MovePlan(dialog) => move_plan::show(ui, dialog),
            Modal::DraftStories(dialog) => stories::show(ui, dialog),
        };
    });
    match outcome {
        // The path entry keeps itself open, with the text typed so far, until a button is
        // used; Escape is its Cancel. (A click outside does not lose what was typed.)
        Some(ModalOutcome::Keep(Modal::PathEntry { .. }))
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) =>
        {
            ModalOutcome::Close
        }
        Some(outcome) => outcome,
        None if response.should_close() => match modal {
            // Escape or a click outside takes the answer that loses nothing.
            Modal::Ask(Question::FileInUse { .. }) => {
                ModalOutcome::Then(vec![Action::OpenLocked(OpenChoice::Cancel)])
            }
            Modal::Ask(Question::Recover { .. }) => {
                ModalOutcome::Then(vec![Action::RestoreRecovered(true)])
            }
            Modal::Ask(Question::DiskChanged { .. }) => {
                ModalOutcome::Then(vec![Action::DiskChanged(DiskChoice::Later)])
            }
            // A click outside does not lose the edited stories; Escape is their Close.
            Modal::DraftStories(_) if !ctx.input(|i| i.key_pressed(egui::Key::Escape)) => {
                ModalOutcome::Keep(modal)
            }
            _ => ModalOutcome::Close,
        },
        None => ModalOutcome::Keep(modal),
    }
}
