use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use chrono::NaiveDate;
use egui::{Key, KeyboardShortcut, Modifiers};

use super::actions::{Action, View};
use super::dialogs::{self, Modal, ModalOutcome, PathPurpose};
use super::file_chooser::{Choice, FileChooser, NativeFileChooser};
use crate::history::History;
use crate::io::{self, SaveError};
use crate::model::{Id, Project};

const RECENT_KEY: &str = "workplan.recent_files";
const VIEW_KEY: &str = "workplan.view";
const ME_KEY: &str = "workplan.me";
const MAX_RECENT: usize = 10;

pub const SHORTCUT_NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const SHORTCUT_OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const SHORTCUT_SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SHORTCUT_SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const SHORTCUT_CLOSE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::W);
pub const SHORTCUT_QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
pub const SHORTCUT_UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const SHORTCUT_REDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
pub const SHORTCUT_REDO_SHIFT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);

/// An open project: its data, where it lives, and its edit history.
pub struct Document {
    pub project: Project,
    pub path: Option<PathBuf>,
    pub history: History,
    /// Tells documents apart, for caches of derived data.
    generation: u64,
    /// How the file looked when last read or written; `None` for a project never saved.
    pub on_disk: Option<super::shared_file::OnDisk>,
    /// Our lock beside the file, while we have it open for editing.
    pub lock: Option<crate::io::lock::Lock>,
    /// Why the file is open read-only (someone else is editing it); Save then asks for
    /// another name.
    pub read_only: Option<String>,
    pub autosave: super::shared_file::Autosave,
}

/// Which state of which document a view sees: derived data computed for one revision stays
/// valid until it changes. Undo returns to an earlier revision, whose data is the same again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Revision {
    document: u64,
    edit: u64,
}

impl Document {
    /// A freshly opened or created document: no history, nothing unsaved.
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        static OPENED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Document {
            project,
            path,
            history: History::new(false),
            generation: OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            on_disk: None,
            lock: None,
            read_only: None,
            autosave: Default::default(),
        }
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn revision(&self) -> Revision {
        Revision {
            document: self.generation,
            edit: self.history.revision(),
        }
    }

    pub fn display_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled project".into())
    }
}

/// A save running on a worker thread, and what to do once it is done.
pub(super) struct SaveJob {
    result: Receiver<super::shared_file::SaveOutcome>,
    path: PathBuf,
    revision: u64,
    then: Option<Action>,
}

/// A message in the status bar.
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// What a view gets: the project to read, a place to put actions, and fresh ids.
pub struct ViewContext<'a> {
    pub project: &'a Project,
    pub revision: Revision,
    pub today: NaiveDate,
    /// A dialog is in front: views leave the keyboard alone.
    pub modal_open: bool,
    pub actions: &'a mut Vec<Action>,
    next_id: &'a Cell<u64>,
}

impl ViewContext<'_> {
    /// A new id for an entity the view is about to add. Ids are never handed out twice, even
    /// if the edit that used one is undone.
    pub fn new_id(&self) -> Id {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        Id(id)
    }

    pub fn emit(&mut self, action: Action) {
        self.actions.push(action);
    }
}

pub struct WorkplanApp {
    pub doc: Option<Document>,
    pub view: View,
    pub recent: Vec<PathBuf>,
    pub notice: Option<Notice>,
    pub(super) modal: Option<Modal>,
    pub(super) saving: Option<SaveJob>,
    pub(super) opening: Option<super::shared_file::OpenJob>,
    pub(super) pending_open: Option<super::shared_file::PendingOpen>,
    pub(super) disk_change: Option<super::shared_file::DiskChange>,
    pub(super) disk_read: Option<Receiver<std::io::Result<super::shared_file::DiskRead>>>,
    pub(super) autosaving: Option<Receiver<Result<(), SaveError>>>,
    pub(super) autosave_failed: bool,
    /// Recovery copies of work nobody will reopen by file, for the start page.
    pub(super) orphans: Vec<crate::io::recovery::Recovered>,
    /// Where unsaved changes are copied for recovery after a crash; `None` turns it off.
    pub recovery: Option<crate::io::recovery::RecoveryStore>,
    /// Who this instance says it is in the locks it leaves beside files.
    pub me: crate::io::lock::Holder,
    pub autosave_after: std::time::Duration,
    /// Set from outside the window (SIGTERM or SIGHUP at logout or shutdown): keep unsaved
    /// changes for recovery, unlock the file, and close.
    pub terminate: std::sync::Arc<std::sync::atomic::AtomicBool>,
    pub open_in_background_above: u64,
    chooser: Box<dyn FileChooser>,
    today: NaiveDate,
    /// Set once the user agreed to quit, so the next close request is let through.
    pub(super) quit_confirmed: bool,
    title: String,
    actions: Vec<Action>,
    ctx: Option<egui::Context>,
    /// Set while carrying out a save or export the user agreed may replace a file.
    replace_agreed: bool,
    pub tree: super::objectives_view::TreeState,
    pub workplan: super::workplan_view::WorkplanState,
    pub calendar: super::calendar_view::CalendarState,
    pub timeline: super::timeline_view::TimelineState,
    pub committee: super::committee_view::CommitteeState,
}

impl WorkplanApp {
    pub fn new(chooser: Box<dyn FileChooser>, today: NaiveDate) -> Self {
        WorkplanApp {
            doc: None,
            view: View::default(),
            recent: Vec::new(),
            notice: None,
            modal: None,
            saving: None,
            opening: None,
            pending_open: None,
            disk_change: None,
            disk_read: None,
            autosaving: None,
            autosave_failed: false,
            orphans: Vec::new(),
            recovery: None,
            me: crate::io::lock::Holder::me(),
            autosave_after: super::shared_file::AUTOSAVE_AFTER,
            terminate: Default::default(),
            open_in_background_above: super::shared_file::OPEN_IN_BACKGROUND_ABOVE,
            chooser,
            today,
            quit_confirmed: false,
            title: String::new(),
            actions: Vec::new(),
            ctx: None,
            replace_agreed: false,
            tree: Default::default(),
            workplan: Default::default(),
            calendar: Default::default(),
            timeline: Default::default(),
            committee: Default::default(),
        }
    }

    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let mut app = WorkplanApp::new(
            Box::new(NativeFileChooser),
            chrono::Local::now().date_naive(),
        );
        if let Some(storage) = cc.storage {
            app.recent = eframe::get_value(storage, RECENT_KEY).unwrap_or_default();
            app.view = eframe::get_value(storage, VIEW_KEY).unwrap_or_default();
            app.workplan.me = eframe::get_value(storage, ME_KEY).unwrap_or_default();
        }
        app.recovery = crate::io::recovery::RecoveryStore::default_location();
        app.find_orphans();
        if let Some(path) = file {
            app.open_path(&path);
        }
        app
    }

    pub fn is_dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(|d| d.history.is_dirty())
    }

    /// Whether the user asked to quit and agreed to lose or save any changes.
    pub fn quit_requested(&self) -> bool {
        self.quit_confirmed
    }

    /// Whether the file is being read again because it changed on disk.
    pub fn is_reading_disk(&self) -> bool {
        self.disk_read.is_some()
    }

    /// Whether a dialog is in front of the window.
    pub fn modal_is_open(&self) -> bool {
        self.modal.is_some()
    }

    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// The window title: file name, a `*` when there are unsaved changes, and the app name.
    pub fn window_title(&self) -> String {
        match &self.doc {
            None => "Workplan".into(),
            Some(doc) => {
                let marker = if doc.history.is_dirty() { "*" } else { "" };
                format!("{marker}{} — Workplan", doc.display_name())
            }
        }
    }

    /// Shows one frame of the whole window.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        install_fallback_font(&ctx);
        self.ctx = Some(ctx.clone());
        self.handle_window_events(&ctx);
        self.handle_shortcuts(&ctx);
        self.poll_save(&ctx);
        self.on_termination(&ctx);
        self.poll_open(&ctx);
        self.check_disk(&ctx);
        self.autosave(&ctx);

        super::menu::menu_bar(ui, self);
        self.status_bar(ui);
        self.shared_file_banners(ui);
        if self.doc.is_some() {
            self.view_tabs(ui);
        }
        self.central(ui);
        if let Some(modal) = self.modal.take() {
            match dialogs::show(&ctx, modal) {
                ModalOutcome::Keep(modal) => self.modal = Some(modal),
                ModalOutcome::Close => {}
                ModalOutcome::Then(actions) => self.actions.extend(actions),
                // "Don't save": carry on without asking again.
                ModalOutcome::DiscardThen(action) => self.perform(action, true),
                ModalOutcome::SaveThen(action) => self.save_then(action),
                ModalOutcome::Browse(purpose) => self.browse(purpose),
            }
        }

        let actions = std::mem::take(&mut self.actions);
        for action in actions {
            self.perform(action, false);
        }

        let ready = self.opening.is_none() && self.pending_open.is_none();
        super::first_frame::set_ready(&ctx, ready);

        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn handle_window_events(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.actions.push(Action::OpenPath(path));
        }
        let close_requested = ctx.input(|i| i.viewport().close_requested());
        if close_requested && !self.quit_confirmed && (self.is_dirty() || self.is_saving()) {
            // Keep the window open and ask first.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.actions.push(Action::Quit);
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() {
            return;
        }
        // Most specific first: Ctrl+Shift+S must not also count as Ctrl+S.
        let table: [(KeyboardShortcut, Action); 9] = [
            (SHORTCUT_SAVE_AS, Action::SaveAs),
            (SHORTCUT_REDO_SHIFT, Action::Redo),
            (SHORTCUT_NEW, Action::New),
            (SHORTCUT_OPEN, Action::Open),
            (SHORTCUT_SAVE, Action::Save),
            (SHORTCUT_CLOSE, Action::Close),
            (SHORTCUT_QUIT, Action::Quit),
            (SHORTCUT_UNDO, Action::Undo),
            (SHORTCUT_REDO, Action::Redo),
        ];
        for (shortcut, action) in table {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.actions.push(action);
            }
        }
    }

    fn view_tabs(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("view_tabs").show(ui, |ui| {
            ui.horizontal(|ui| {
                for (index, view) in View::ALL.into_iter().enumerate() {
                    let tab = ui
                        .selectable_label(self.view == view, view.title())
                        .on_hover_text(format!(
                            "Show the {} view (Ctrl+{})",
                            view.title(),
                            index + 1
                        ));
                    if tab.clicked() {
                        self.view = view;
                    }
                }
            });
        });
        let keys = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
        ];
        for (key, view) in keys.into_iter().zip(View::ALL) {
            if ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, key)) {
                self.view = view;
            }
        }
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(job) = &self.saving {
                    ui.spinner();
                    ui.label(format!("Saving {}…", job.path.display()));
                }
                let mut dismiss = false;
                if let Some(notice) = &self.notice {
                    let color = if notice.is_error {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.colored_label(color, &notice.text);
                    dismiss = ui
                        .small_button("✖")
                        .on_hover_text("Dismiss this message")
                        .clicked();
                }
                if dismiss {
                    self.notice = None;
                }
                if let Some(doc) = &self.doc {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let p = &doc.project;
                        let count = crate::cli::count;
                        ui.label(format!(
                            "{} · {} · {}",
                            count(p.objectives.len(), "objective"),
                            count(p.activities.len(), "activity"),
                            count(p.committee.meetings.len(), "meeting")
                        ));
                        ui.separator();
                        let where_ = doc
                            .path
                            .as_ref()
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| "not saved yet".into());
                        ui.label(where_);
                    });
                }
            });
        });
    }

    fn central(&mut self, ui: &mut egui::Ui) {
        if self.opening.is_some() {
            // The project on screen is about to be replaced: nothing to edit meanwhile (the
            // banner above shows progress and Cancel).
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| ui.spinner());
            });
            return;
        }
        let Some(doc) = self.doc.as_mut() else {
            let recent = self.recent.clone();
            egui::CentralPanel::default().show(ui, |ui| {
                super::start_page::show(ui, &recent, &self.orphans, &mut self.actions);
            });
            return;
        };
        let next_id = Cell::new(doc.project.next_id);
        let mut cx = ViewContext {
            revision: doc.revision(),
            today: self.today,
            modal_open: self.modal.is_some(),
            project: &doc.project,
            actions: &mut self.actions,
            next_id: &next_id,
        };
        let view = self.view;
        egui::CentralPanel::default().show(ui, |ui| match view {
            View::Programme => super::programme_view::show(ui, &mut cx),
            View::Objectives => super::objectives_view::show(ui, &mut cx, &mut self.tree),
            View::Workplan => super::workplan_view::show(ui, &mut cx, &mut self.workplan),
            View::Calendar => super::calendar_view::show(ui, &mut cx, &mut self.calendar),
            View::Timeline => super::timeline_view::show(ui, &mut cx, &mut self.timeline),
            View::Committee => super::committee_view::show(ui, &mut cx, &mut self.committee),
        });
        // Ids handed out this frame stay used, whatever becomes of the edits.
        doc.project.next_id = doc.project.next_id.max(next_id.get());
    }

    /// Queues an action to be carried out at the end of this frame.
    pub fn perform_later(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Carries out one action. `confirmed` skips the unsaved-changes question.
    pub fn perform(&mut self, action: Action, confirmed: bool) {
        if self.opening.is_some()
            && matches!(action, Action::Apply(_) | Action::Undo | Action::Redo)
        {
            // The project on screen is about to be replaced; an edit now would be lost.
            self.notify_error("Wait until the file being opened is ready, or cancel opening it.");
            return;
        }
        if action.discards_project() && !confirmed {
            if self.is_saving() {
                self.notify_error("Please wait until the file has been saved.");
                return;
            }
            if self.is_dirty() {
                let name = self
                    .doc
                    .as_ref()
                    .map(Document::display_name)
                    .unwrap_or_default();
                self.modal = Some(Modal::UnsavedChanges { name, then: action });
                return;
            }
        }
        match action {
            Action::New => {
                self.forget_recovery_copy();
                self.doc = Some(Document::new(Project::new(self.today), None));
                self.reset_view_state();
                self.view = View::Programme;
                self.notice = None;
            }
            Action::Open => match self.chooser.choose_open() {
                Choice::Chosen(path) => self.open_path(&path),
                Choice::Cancelled => {}
                Choice::Unavailable => {
                    self.modal = Some(Modal::path_entry(
                        PathPurpose::Open,
                        String::new(),
                        Some(dialogs::NO_NATIVE_DIALOG.into()),
                    ))
                }
            },
            Action::OpenPath(path) => self.open_path(&path),
            Action::OpenByPath(note) => {
                self.modal = Some(Modal::path_entry(PathPurpose::Open, String::new(), note));
            }
            Action::Save => match self.doc.as_ref().and_then(|d| d.path.clone()) {
                Some(path) => self.start_save(path, None),
                None if self.doc.is_some() => self.perform(Action::SaveAs, true),
                None => {}
            },
            Action::SaveAs => {
                let Some(doc) = &self.doc else { return };
                let suggested = suggested_file_name(doc);
                match self.chooser.choose_save(&suggested) {
                    Choice::Chosen(path) => self.start_save(with_ron_extension(path), None),
                    Choice::Cancelled => {}
                    Choice::Unavailable => {
                        let start = doc
                            .path
                            .clone()
                            .unwrap_or_else(|| PathBuf::from(&suggested));
                        self.modal = Some(Modal::path_entry(
                            PathPurpose::SaveAs,
                            start.display().to_string(),
                            Some(dialogs::NO_NATIVE_DIALOG.into()),
                        ));
                    }
                }
            }
            Action::SaveAsPath(path) => {
                let path = with_ron_extension(path);
                if self.may_write(&path, Action::SaveAsPath(path.clone())) {
                    self.start_save(path, None);
                }
            }
            Action::Replace(inner) => {
                self.replace_agreed = true;
                self.perform(*inner, true);
                self.replace_agreed = false;
            }
            Action::SaveAsByPath(note) => {
                let start = self
                    .doc
                    .as_ref()
                    .map(|d| {
                        d.path
                            .clone()
                            .unwrap_or_else(|| PathBuf::from(suggested_file_name(d)))
                    })
                    .unwrap_or_default();
                self.modal = Some(Modal::path_entry(
                    PathPurpose::SaveAs,
                    start.display().to_string(),
                    note,
                ));
            }
            Action::Close => {
                self.forget_recovery_copy();
                self.doc = None;
                self.notice = None;
            }
            Action::Quit => {
                if self.is_dirty() {
                    // The user chose not to save.
                    self.forget_recovery_copy();
                }
                self.quit_confirmed = true;
                self.actions.clear();
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Action::Undo | Action::Redo => {
                let Some(doc) = self.doc.as_mut() else { return };
                let result = if matches!(action, Action::Undo) {
                    doc.history.undo(&mut doc.project)
                } else {
                    doc.history.redo(&mut doc.project)
                };
                match result {
                    Ok(_) => self.clear_error(),
                    Err(error) => self.notify_error(&error.to_string()),
                }
            }
            Action::Apply(edit) => {
                let Some(doc) = self.doc.as_mut() else { return };
                match doc.history.apply(&mut doc.project, edit) {
                    Ok(()) => self.clear_error(),
                    Err(error) => self.notify_error(&error.to_string()),
                }
            }
            Action::OpenLocked(choice) => self.open_locked(choice),
            Action::RestoreRecovered(restore) => self.restore_recovered(restore),
            Action::DiskChanged(choice) => self.resolve_disk_change(choice),
            Action::OpenRecovered(file) => self.open_recovered(&file),
            Action::DiscardRecovered(file) => {
                let _ = std::fs::remove_file(file);
                self.find_orphans();
            }
            Action::EndTyping => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.history.seal();
                }
            }
            Action::ShowView(view) => self.view = view,
            Action::ClearRecent => self.recent.clear(),
            Action::About => self.modal = Some(Modal::About),
            Action::FileFormatHelp => self.modal = Some(Modal::FileFormat),
            Action::Notify(text) => self.notify_error(&text),
            Action::ShowActivity(id) => {
                self.view = View::Workplan;
                self.workplan.select_only(id);
            }
            Action::Confirm {
                title,
                message,
                confirm,
                then,
            } => {
                self.modal = Some(Modal::Confirm {
                    title,
                    message,
                    confirm,
                    then: *then,
                });
            }
            Action::Export(format) => {
                let Some(doc) = &self.doc else { return };
                let suggested = suggested_file_name(doc);
                let stem = suggested.trim_end_matches(".ron");
                let name = format!("{stem}-{}.{}", format.suffix(), format.extension());
                // Beside the project file, not wherever the program was started from.
                let name = match doc.path.as_deref().and_then(Path::parent) {
                    Some(folder) if !folder.as_os_str().is_empty() => {
                        folder.join(&name).display().to_string()
                    }
                    _ => name,
                };
                match self.chooser.choose_save(&name) {
                    Choice::Chosen(path) => self.export_chosen(format, path),
                    Choice::Cancelled => {}
                    Choice::Unavailable => {
                        self.modal = Some(Modal::path_entry(
                            PathPurpose::Export(format),
                            name,
                            Some(dialogs::NO_NATIVE_DIALOG.into()),
                        ));
                    }
                }
            }
            Action::ExportToPath(format, path) => self.export_to(format, path),
            Action::ImportCsv => match self.chooser.choose_open() {
                Choice::Chosen(path) => self.import_csv(&path),
                Choice::Cancelled => {}
                Choice::Unavailable => {
                    self.modal = Some(Modal::path_entry(
                        PathPurpose::ImportCsv,
                        String::new(),
                        Some(dialogs::NO_NATIVE_DIALOG.into()),
                    ));
                }
            },
            Action::ImportCsvPath(path) => self.import_csv(&path),
        }
    }

    /// Checks a CSV of activities; imports it at once when every row is sound, otherwise shows
    /// the refused rows and offers to import the others.
    fn import_csv(&mut self, path: &Path) {
        let Some(doc) = self.doc.as_mut() else { return };
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => {
                self.notify_error(&format!(
                    "{}: {}",
                    path.display(),
                    io::describe_io_error(&error)
                ));
                return;
            }
        };
        let mut next_id = doc.project.next_id;
        let import = match crate::activity_csv::read(&doc.project, &bytes, &mut next_id) {
            Ok(import) => import,
            Err(message) => {
                self.modal = Some(Modal::Error {
                    title: "The CSV file could not be imported".into(),
                    message: format!("{}: {message}", path.display()),
                    offer_save_as: false,
                });
                return;
            }
        };
        // Ids read for new rows are spent whether or not the import goes ahead.
        doc.project.next_id = doc.project.next_id.max(next_id);
        let command = crate::activity_csv::apply_command(&doc.project, &import);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let edit = Action::Apply(crate::history::Edit::new(command, format!("Import {name}")));
        let added = import.activities.len() - import.updated - import.unchanged;
        if import.errors.is_empty() {
            self.perform(edit, true);
            self.notice = Some(Notice {
                text: format!(
                    "Imported {name}: {added} new, {} updated, {} unchanged",
                    import.updated, import.unchanged
                ),
                is_error: false,
            });
        } else {
            let problems = import
                .errors
                .iter()
                .map(|e| format!("{}:{}: {}", path.display(), e.row, e.message))
                .collect();
            self.modal = Some(Modal::ImportReview {
                summary: format!(
                    "{} row(s) cannot be imported (listed below); {} row(s) are valid ({added} new, {} updated). Nothing has changed yet.",
                    import.errors.len(),
                    import.activities.len(),
                    import.updated
                ),
                problems,
                import: (!import.activities.is_empty()).then_some(edit),
            });
        }
    }

    /// Whether `path` may be written now: a typed path to an existing file (other than the
    /// project's own, when saving) is replaced only after the user agrees.
    fn may_write(&mut self, path: &Path, retry: Action) -> bool {
        let is_project = self
            .doc
            .as_ref()
            .and_then(|d| d.path.as_deref())
            .is_some_and(|p| super::shared_file::same_file(p, path));
        if matches!(retry, Action::ExportToPath(..)) && is_project {
            self.modal = Some(Modal::Error {
                title: "Not exported".into(),
                message: format!(
                    "{} is the project file itself; an export there would replace the project. Choose another name.",
                    path.display()
                ),
                offer_save_as: false,
            });
            return false;
        }
        if self.replace_agreed || is_project || !path.exists() {
            return true;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.modal = Some(Modal::Confirm {
            title: "Replace the file?".into(),
            message: format!("{} already exists. Replace it?", path.display()),
            confirm: format!("Replace {name}"),
            then: Action::Replace(Box::new(retry)),
        });
        false
    }

    /// A path from the system's save dialog, which has already asked about replacing.
    fn export_chosen(&mut self, format: crate::export::Format, path: PathBuf) {
        self.replace_agreed = true;
        self.export_to(format, path);
        self.replace_agreed = false;
    }

    fn export_to(&mut self, format: crate::export::Format, path: PathBuf) {
        let path = if path.extension().is_some() {
            path
        } else {
            path.with_extension(format.extension())
        };
        if !self.may_write(&path, Action::ExportToPath(format, path.clone())) {
            return;
        }
        let Some(doc) = &self.doc else { return };
        // Reports and timelines cover the workplan's date filter, or the programme period;
        // the logframe, the pillar chosen above the matrix.
        let scope = crate::export::Scope {
            from: self.workplan.filter.from,
            to: self.workplan.filter.to,
            pillar: self.tree.matrix_pillar,
            meeting: self
                .committee
                .meeting
                .and_then(|id| doc.project.committee.meetings.iter().find(|m| m.id == id))
                .map(|m| m.number),
        };
        match crate::export::write(&doc.project, format, scope, &path) {
            Ok(files) => {
                let pages = if files.len() > 1 {
                    format!(" ({} pages)", files.len())
                } else {
                    String::new()
                };
                self.notice = Some(Notice {
                    text: format!(
                        "Exported the {} to {}{pages}",
                        format.label(),
                        path.display()
                    ),
                    is_error: false,
                })
            }
            Err(error) => {
                self.modal = Some(Modal::Error {
                    title: "The export was not written".into(),
                    message: error
                        .to_string()
                        .replace("your project is still open", "nothing was lost"),
                    offer_save_as: false,
                })
            }
        }
    }

    /// Forgets selections, filters and scroll targets that belonged to the previous document;
    /// keeps what belongs to the user (their name, the zoom they like).
    pub(super) fn reset_view_state(&mut self) {
        let me = std::mem::take(&mut self.workplan.me);
        let zoom = self.timeline.zoom;
        self.tree = Default::default();
        self.workplan = Default::default();
        self.workplan.me = me;
        self.calendar = Default::default();
        self.timeline = Default::default();
        self.timeline.zoom = zoom;
        self.committee = Default::default();
    }

    /// Shows `project` as the open document, with a fresh history (no unsaved changes).
    pub fn open_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.doc = Some(Document::new(project, path));
        self.reset_view_state();
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// Saves a copy of the project on a worker thread, so a large file never freezes the window.
    /// Never over a file that changed on disk since we read it: that goes to the user first.
    fn start_save(&mut self, path: PathBuf, then: Option<Action>) {
        self.start_save_with(path, then, false);
    }

    /// "Keep mine": save over the file even though it changed on disk.
    pub(super) fn start_save_over(&mut self, path: PathBuf, then: Option<Action>) {
        self.start_save_with(path, then, true);
    }

    fn start_save_with(&mut self, path: PathBuf, then: Option<Action>, over: bool) {
        if self.saving.is_some() {
            self.notify_error("A save is already under way.");
            return;
        }
        let Some(doc) = self.doc.as_mut() else { return };
        let own_file = doc
            .path
            .as_deref()
            .is_some_and(|p| super::shared_file::same_file(p, &path));
        if own_file && let Some(reason) = &doc.read_only {
            self.modal = Some(Modal::Error {
                title: "This file is open read-only".into(),
                message: format!(
                    "{} was opened read-only: {reason}. Save your changes under another name with Save As.",
                    path.display()
                ),
                offer_save_as: true,
            });
            return;
        }
        if !own_file && let Some(refusal) = self.refuse_to_replace(&path) {
            self.modal = Some(Modal::Error {
                title: "The project was not saved".into(),
                message: refusal,
                offer_save_as: true,
            });
            return;
        }
        let Some(doc) = self.doc.as_mut() else { return };
        let expected = match (&doc.on_disk, own_file && !over) {
            (Some(on_disk), true) => Some(on_disk.fingerprint),
            _ => None,
        };
        // Typing after this point belongs to a new undo step, so "saved" stays exact.
        doc.history.seal();
        let project = doc.project.clone();
        let revision = doc.history.revision();
        let (sender, receiver) = std::sync::mpsc::channel();
        let target = path.clone();
        std::thread::spawn(move || {
            let _ = sender.send(super::shared_file::save_checked(project, &target, expected));
        });
        self.saving = Some(SaveJob {
            result: receiver,
            path,
            revision,
            then,
        });
    }

    fn poll_save(&mut self, ctx: &egui::Context) {
        use super::shared_file::SaveOutcome;
        let Some(job) = &self.saving else { return };
        let outcome = match job.result.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(30));
                return;
            }
            Err(TryRecvError::Disconnected) => SaveOutcome::Failed(SaveError {
                path: job.path.clone(),
                step: io::save::SaveStep::Write,
                source: std::io::Error::other("the saving thread stopped unexpectedly"),
            }),
        };
        let job = self.saving.take().expect("checked above");
        match outcome {
            SaveOutcome::Saved { fingerprint, base } => {
                self.relock(&job.path);
                if let Some(doc) = self.doc.as_mut() {
                    if doc.path.as_deref() != Some(job.path.as_path())
                        && let Some(file) = doc.autosave.file.take()
                    {
                        // Saved under a new name: the old name's recovery copy has served.
                        let _ = std::fs::remove_file(file);
                    }
                    doc.path = Some(job.path.clone());
                    doc.history.mark_saved(job.revision);
                    doc.on_disk = Some(super::shared_file::OnDisk::new(fingerprint, base));
                    if !doc.history.is_dirty() {
                        self.forget_recovery_copy();
                    }
                }
                self.remember_recent(&job.path);
                self.notice = Some(Notice {
                    text: format!("Saved {}", job.path.display()),
                    is_error: false,
                });
                if let Some(then) = job.then {
                    self.perform(then, true);
                }
            }
            SaveOutcome::ChangedOnDisk(bytes) => {
                let then = job.then.clone();
                self.save_found_change(&job.path, bytes, job.then);
                if !self.is_dirty() {
                    // Someone had saved exactly what we have.
                    if let Some(then) = then {
                        self.perform(then, true);
                    }
                } else if self.modal.is_none() {
                    // It changed, but only to content already put off or unreadable: say so
                    // rather than overwrite.
                    self.modal = Some(Modal::Error {
                        title: "The project was not saved".into(),
                        message: format!(
                            "{} was changed on disk by someone else since you opened it, so it was not overwritten. Save your version under another name, or reopen the file to see theirs.",
                            job.path.display()
                        ),
                        offer_save_as: true,
                    });
                }
            }
            SaveOutcome::Failed(error) => {
                self.modal = Some(Modal::Error {
                    title: "The project was not saved".into(),
                    message: error.to_string(),
                    offer_save_as: true,
                });
            }
        }
    }

    /// Saves, then carries out `then` if the save succeeded (the "Save" answer to the
    /// unsaved-changes question).
    pub(super) fn save_then(&mut self, then: Action) {
        let Some(doc) = &self.doc else { return };
        match doc.path.clone() {
            Some(path) => self.start_save(path, Some(then)),
            None => {
                let suggested = suggested_file_name(doc);
                match self.chooser.choose_save(&suggested) {
                    Choice::Chosen(path) => self.start_save(with_ron_extension(path), Some(then)),
                    Choice::Cancelled => {}
                    Choice::Unavailable => {
                        self.modal = Some(Modal::path_entry(
                            PathPurpose::SaveAs,
                            suggested,
                            Some(dialogs::NO_NATIVE_DIALOG.into()),
                        ));
                    }
                }
            }
        }
    }

    /// A problem reported earlier is out of date once a later edit went through.
    fn clear_error(&mut self) {
        if self.notice.as_ref().is_some_and(|n| n.is_error) {
            self.notice = None;
        }
    }

    pub(super) fn notify_error(&mut self, text: &str) {
        self.notice = Some(Notice {
            text: text.to_string(),
            is_error: true,
        });
    }

    /// "Browse…" in the path entry: try the native dialog again.
    fn browse(&mut self, purpose: PathPurpose) {
        let choice = match purpose {
            PathPurpose::Open | PathPurpose::ImportCsv => self.chooser.choose_open(),
            PathPurpose::SaveAs | PathPurpose::Export(_) => {
                let suggested = self
                    .doc
                    .as_ref()
                    .map(suggested_file_name)
                    .unwrap_or_default();
                self.chooser.choose_save(&suggested)
            }
        };
        match (choice, purpose) {
            (Choice::Chosen(path), PathPurpose::Open) => self.open_path(&path),
            (Choice::Chosen(path), PathPurpose::SaveAs) => {
                self.start_save(with_ron_extension(path), None)
            }
            (Choice::Chosen(path), PathPurpose::Export(format)) => self.export_chosen(format, path),
            (Choice::Chosen(path), PathPurpose::ImportCsv) => self.import_csv(&path),
            (Choice::Cancelled, _) => {}
            (Choice::Unavailable, _) => {
                self.modal = Some(Modal::path_entry(
                    purpose,
                    String::new(),
                    Some(dialogs::NO_NATIVE_DIALOG.into()),
                ));
            }
        }
    }
}

/// DejaVu Sans behind egui's own fonts, for the symbols and scripts they lack (arrows,
/// more of Cyrillic and Greek, ...). Cheap to call again: egui skips a font it already has.
fn install_fallback_font(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new(
        "DejaVuSans",
        egui::FontData::from_static(include_bytes!("../../assets/fonts/DejaVuSans.ttf")),
        families,
    ));
}

fn suggested_file_name(doc: &Document) -> String {
    if let Some(name) = doc.path.as_deref().and_then(Path::file_name) {
        return name.to_string_lossy().into_owned();
    }
    let p = &doc.project.programme;
    let base = if !p.code.trim().is_empty() {
        &p.code
    } else {
        &p.title
    };
    let slug: String = base
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "project.ron".into()
    } else {
        format!("{slug}.ron")
    }
}

fn with_ron_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("ron")
    }
}

impl eframe::App for WorkplanApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Unlock the file for others. A recovery copy of unsaved changes stays (the user
        // agreed to quit without saving only through Quit, which removed it).
        if let Some(doc) = self.doc.as_mut() {
            doc.lock = None;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        eframe::set_value(storage, VIEW_KEY, &self.view);
        eframe::set_value(storage, ME_KEY, &self.workplan.me);
    }
}
