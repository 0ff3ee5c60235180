//! The window's frame loop: it hands the session the time to do its work, shows what the
//! session says, draws the panels and the current view, and carries out the actions they
//! emitted, in one place, at the end of the frame.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::model::Project;
use crate::session::{DiskChoice, DocId, Document, Event, Question, Session};
use crate::ui::actions::{Action, View};
use crate::ui::context::ViewContext;
use crate::ui::dialogs::{self, Modal, ModalOutcome, PathPurpose};
use crate::ui::file_actions::with_ron_extension;
use crate::ui::file_chooser::{FileChooser, NativeFileChooser};

const RECENT_KEY: &str = "workplan.recent_files";
const VIEW_KEY: &str = "workplan.view";
const ME_KEY: &str = "workplan.me";
const HIDDEN_COLUMNS_KEY: &str = "workplan.hidden_columns";
const IMPORT_MAPS_KEY: &str = "workplan.import_column_maps";
const PAPER_KEY: &str = "workplan.paper";
const MAX_RECENT: usize = 10;

/// A message in the status bar.
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

pub struct WorkplanApp {
    /// The open documents and the work running for them.
    pub session: Session,
    pub view: View,
    pub recent: Vec<PathBuf>,
    pub notice: Option<Notice>,
    pub(super) modal: Option<Modal>,
    /// What to do once the save under way has succeeded (Quit after "Save").
    pub(super) after_save: Option<Action>,
    /// The document the question about a change on disk is about.
    asked_about: Option<crate::session::DocId>,
    pub(super) chooser: Box<dyn FileChooser>,
    pub(super) today: NaiveDate,
    /// Set once the user agreed to quit, so the next close request is let through.
    pub(super) quit_confirmed: bool,
    title: String,
    pub(super) actions: Vec<Action>,
    ctx: Option<egui::Context>,
    /// Set while carrying out a save or export the user agreed may replace a file.
    pub(super) replace_agreed: bool,
    pub tree: crate::ui::views::objectives::TreeState,
    pub workplan: crate::ui::views::workplan::WorkplanState,
    pub calendar: crate::ui::views::calendar::CalendarState,
    pub timeline: crate::ui::views::timeline::TimelineState,
    pub committee: crate::ui::views::committee::CommitteeState,
    /// The day clicked or the month shown in the calendar, for a new session's first day.
    pub date_shown: Cell<Option<crate::plan::calendar::DateShown>>,
    /// The baseline chosen under "Compare with" (timeline, workplan, Programme > Baselines).
    pub compare_with: Cell<Option<crate::model::Id>>,
    /// The columns the user mapped in an import's review, per set of headers
    /// (`exchange::import::columns::headers_key`), offered again for a file with the same ones.
    pub import_maps: std::collections::BTreeMap<String, Vec<(String, String)>>,
    /// The paper PDF exports and prints are laid out on, as last chosen.
    pub paper: crate::exchange::export::pdf::Paper,
    /// The open portfolio's panel, filter and combined plan.
    pub portfolio: crate::ui::views::portfolio::PortfolioState,
    /// The view states of whichever of the combined plan and the document is not shown.
    pub(super) portfolio_stash: crate::ui::portfolio_actions::ViewStash,
}

impl WorkplanApp {
    pub fn new(chooser: Box<dyn FileChooser>, today: NaiveDate) -> Self {
        WorkplanApp {
            session: Session::default(),
            view: View::default(),
            recent: Vec::new(),
            notice: None,
            modal: None,
            after_save: None,
            asked_about: None,
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
            date_shown: Cell::new(None),
            compare_with: Cell::new(None),
            import_maps: Default::default(),
            paper: Default::default(),
            portfolio: Default::default(),
            portfolio_stash: Default::default(),
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
            app.workplan.hidden_columns =
                eframe::get_value(storage, HIDDEN_COLUMNS_KEY).unwrap_or_default();
            app.import_maps = eframe::get_value(storage, IMPORT_MAPS_KEY).unwrap_or_default();
            app.paper = eframe::get_value(storage, PAPER_KEY).unwrap_or_default();
        }
        app.attach(&cc.egui_ctx);
        app.session.watch_files = true;
        app.session.recovery = crate::session::recovery::RecoveryStore::default_location();
        app.session.find_orphans();
        if let Some(path) = file {
            app.open_path(&path);
        }
        app
    }

    /// Lets the session's workers wake the window when they have something to show.
    fn attach(&mut self, ctx: &egui::Context) {
        let waker = ctx.clone();
        self.session
            .set_waker(crate::session::jobs::Waker::new(move || {
                waker.request_repaint()
            }));
        self.ctx = Some(ctx.clone());
        crate::ui::theme::install(ctx);
    }

    /// The document the window shows.
    pub fn doc(&self) -> Option<&Document> {
        self.session.doc()
    }

    pub fn is_dirty(&self) -> bool {
        self.session.is_dirty()
    }

    /// Whether the user asked to quit and agreed to lose or save any changes.
    pub fn quit_requested(&self) -> bool {
        self.quit_confirmed
    }

    /// Whether the file is being read again because it changed on disk.
    pub fn is_reading_disk(&self) -> bool {
        self.session.is_reading_disk()
    }

    /// Whether a dialog is in front of the window.
    pub fn modal_is_open(&self) -> bool {
        self.modal.is_some()
    }

    /// How many pages the print preview shows, when it is open.
    pub fn print_preview_pages(&self) -> Option<usize> {
        match &self.modal {
            Some(Modal::PrintPreview(preview)) => Some(preview.sheets.len()),
            _ => None,
        }
    }

    pub fn is_saving(&self) -> bool {
        self.session.is_saving()
    }

    pub fn is_opening(&self) -> bool {
        self.session.is_opening()
    }

    /// Opens `path` in place of the current project; on failure the current project stays.
    pub fn open_path(&mut self, path: &Path) {
        self.open_any(path);
        self.take_session_events();
    }

    /// Opens a project, or a portfolio (`.wpf`) beside the documents open.
    pub(super) fn open_any(&mut self, path: &Path) {
        if crate::ui::portfolio_actions::is_portfolio_file(path) {
            self.open_portfolio_at(path);
        } else {
            self.session.open_path(path);
        }
    }

    /// Whether the window shows the open portfolio's combined plan.
    pub fn combined_shown(&self) -> bool {
        self.portfolio.combined_shown
    }

    /// Looks for recovered work to offer on the start page, and waits for the answer.
    pub fn find_orphans(&mut self) {
        self.session.find_orphans();
        self.session.wait_for_orphans();
    }

    /// The window title: file name, a `*` when there are unsaved changes, and the app name.
    pub fn window_title(&self) -> String {
        if self.portfolio.combined_shown
            && let Some(open) = &self.session.portfolio
        {
            let name = if open.portfolio.name.is_empty() {
                crate::session::file_name(&open.path)
            } else {
                open.portfolio.name.clone()
            };
            return format!("{name} (portfolio) — Workplan");
        }
        match self.doc() {
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
        if self.ctx.is_none() {
            self.attach(&ctx);
        }
        self.handle_window_events(&ctx);
        self.handle_shortcuts(&ctx);
        let focused = ctx.input(|i| {
            i.raw
                .events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        // The session's workers wake the window when they finish; only timers the session
        // asks for (a recovery copy due, the lock's refresh) need a repaint of their own.
        if let Some(due) = self.session.poll(focused, self.modal.is_some()) {
            ctx.request_repaint_after(due);
        }
        self.take_session_events();

        crate::ui::menu::menu_bar(ui, self);
        self.status_bar(ui);
        self.banners(ui);
        self.portfolio.refresh(&self.session);
        crate::ui::views::portfolio::members_panel(
            ui,
            &self.session,
            &mut self.portfolio,
            &mut self.actions,
        );
        if self.session.doc().is_some() || self.portfolio.combined_shown {
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
        self.take_session_events();
        self.finish_jump();

        crate::ui::first_frame::set_ready(&ctx, !self.session.is_busy_opening());

        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Shows what the session said: questions become dialogs, notices the status bar.
    pub(super) fn take_session_events(&mut self) {
        loop {
            let events = self.session.take_events();
            if events.is_empty() {
                return;
            }
            for event in events {
                self.show_session_event(event);
            }
        }
    }

    fn show_session_event(&mut self, event: Event) {
        match event {
            Event::ImportRead(read) => self.review_import(*read),
            Event::Info(text) => {
                self.notice = Some(Notice {
                    text,
                    is_error: false,
                })
            }
            Event::Problem(text) => self.notify_error(&text),
            Event::ClearNotice => self.notice = None,
            Event::Failed {
                title,
                message,
                offer_save_as,
            } => {
                self.modal = Some(Modal::Error {
                    title,
                    message,
                    offer_save_as,
                })
            }
            Event::Ask(question) => {
                if let Question::DiskChanged { doc, .. } = &question {
                    self.asked_about = Some(*doc);
                }
                self.modal = Some(Modal::Ask(question));
            }
            Event::Replaced => {
                // A document opened: it is what the window shows now.
                self.show_combined(false);
                self.reset_view_state();
            }
            Event::Opened(path) => self.remember_recent(&path),
            Event::Saved { .. } => {
                if let Some(then) = self.after_save.take() {
                    self.perform(then, true);
                }
            }
            Event::NotSaved { .. } => self.after_save = None,
            Event::Terminated => {
                self.quit_confirmed = true;
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
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
        let has_doc = self.session.doc().is_some() || self.portfolio.combined_shown;
        let pressed = crate::ui::shortcuts::pressed(ctx, |action| {
            has_doc || !matches!(action, Action::ShowView(_))
        });
        self.actions.extend(pressed);
    }

    fn central(&mut self, ui: &mut egui::Ui) {
        if self.portfolio.combined_shown {
            self.central_combined(ui);
            return;
        }
        if self.session.is_opening() {
            // The project on screen is about to be replaced: nothing to edit meanwhile (the
            // banner above shows progress and Cancel).
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| ui.spinner());
            });
            return;
        }
        let Some(doc) = self.session.doc_mut() else {
            let recent = self.recent.clone();
            egui::CentralPanel::default().show(ui, |ui| {
                crate::ui::views::start_page::show(
                    ui,
                    &recent,
                    &self.session.orphans,
                    &mut self.actions,
                );
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
            selected: match (self.workplan.selected.len(), self.workplan.selected.first()) {
                (1, Some(&id)) => Some(id),
                _ => None,
            },
            date_shown: &self.date_shown,
            compare_with: &self.compare_with,
            programmes: None,
        };
        let view = self.view;
        egui::CentralPanel::default().show(ui, |ui| match view {
            View::Programme => crate::ui::views::programme::show(ui, &mut cx),
            View::Objectives => crate::ui::views::objectives::show(ui, &mut cx, &mut self.tree),
            View::Workplan => crate::ui::views::workplan::show(ui, &mut cx, &mut self.workplan),
            View::Calendar => crate::ui::views::calendar::show(ui, &mut cx, &mut self.calendar),
            View::Timeline => crate::ui::views::timeline::show(ui, &mut cx, &mut self.timeline),
            View::Committee => crate::ui::views::committee::show(ui, &mut cx, &mut self.committee),
        });
        // Ids handed out this frame stay used, whatever becomes of the edits.
        doc.project.next_id = doc.project.next_id.max(next_id.get());
    }

    /// The combined plan in the workplan, calendar or timeline, read-only.
    fn central_combined(&mut self, ui: &mut egui::Ui) {
        if self.portfolio.checks_shown
            && let Some(open) = self.session.portfolio.as_ref()
        {
            let checks = &mut self.portfolio.checks;
            let asked = egui::CentralPanel::default()
                .show(ui, |ui| {
                    crate::ui::views::portfolio_checks::show(ui, open, checks)
                })
                .inner;
            if let Some(asked) = asked {
                self.actions.push(Action::Finding(asked));
            }
            return;
        }
        let Some(shown) = self.portfolio.shown() else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Reading the members…");
                    });
                });
            });
            return;
        };
        let project = shown.project();
        // Views hand out ids only for edits, which the combined plan refuses.
        let next_id = Cell::new(project.next_id);
        let mut cx = ViewContext {
            revision: shown.revision,
            today: self.today,
            modal_open: self.modal.is_some(),
            project,
            actions: &mut self.actions,
            next_id: &next_id,
            selected: match (self.workplan.selected.len(), self.workplan.selected.first()) {
                (1, Some(&id)) => Some(id),
                _ => None,
            },
            date_shown: &self.date_shown,
            compare_with: &self.compare_with,
            programmes: Some(&shown.programmes),
        };
        let view = self.view;
        egui::CentralPanel::default().show(ui, |ui| match view {
            View::Calendar => crate::ui::views::calendar::show(ui, &mut cx, &mut self.calendar),
            View::Timeline => crate::ui::views::timeline::show(ui, &mut cx, &mut self.timeline),
            _ => crate::ui::views::workplan::show(ui, &mut cx, &mut self.workplan),
        });
    }

    pub fn perform_later(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Carries out one action. `confirmed` skips the unsaved-changes question.
    pub fn perform(&mut self, action: Action, confirmed: bool) {
        // Close closes what is on screen: over the combined plan, the portfolio.
        let action = match action {
            Action::Close if self.portfolio.combined_shown => Action::ClosePortfolio,
            other => other,
        };
        if let Some(refusal) = self.refused_in_combined(&action) {
            self.notify_error(&refusal);
            return;
        }
        if action.discards_project() && !confirmed {
            if self.session.is_saving() {
                self.notify_error("Please wait until the file has been saved.");
                return;
            }
            if self.is_dirty() {
                let name = self.doc().map(Document::display_name).unwrap_or_default();
                self.modal = Some(Modal::UnsavedChanges { name, then: action });
                return;
            }
        }
        match action {
            Action::New => {
                self.session.new_project(Project::new(self.today));
                self.reset_view_state();
                self.view = View::Programme;
                self.notice = None;
            }
            Action::Open => self.choose_open(),
            Action::OpenPath(path) => self.open_any(&path),
            Action::OpenByPath(note) => {
                self.modal = Some(Modal::path_entry(PathPurpose::Open, String::new(), note));
            }
            Action::Save => match self.session.doc().and_then(|d| d.path.clone()) {
                Some(path) => self.start_save(path, None),
                None if self.session.doc().is_some() => self.perform(Action::SaveAs, true),
                None => {}
            },
            Action::SaveAs => self.choose_save_as(),
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
            Action::SaveAsByPath(note) => self.save_as_by_path(note),
            Action::Close => {
                self.session.close_current();
                self.notice = None;
            }
            Action::Quit => self.quit(),
            Action::Undo => self.change_project(Session::undo),
            Action::Redo => self.change_project(Session::redo),
            Action::Apply(edit) => self.change_project(|session, doc| session.apply(doc, edit)),
            Action::FocusSearch => self.focus_search(),
            Action::OpenLocked(choice) => self.session.answer_file_in_use(choice),
            Action::RestoreRecovered(restore) => self.session.answer_recover(restore),
            Action::DiskChanged(choice) => self.answer_disk_change(choice),
            Action::OpenRecovered(file) => self.session.open_recovered(&file),
            Action::DiscardRecovered(file) => self.session.discard_recovered(&file),
            Action::EndTyping => {
                if let Some(current) = self.session.current() {
                    self.session.end_typing(current);
                }
            }
            Action::ShowView(view) => {
                self.view = view;
                self.portfolio.checks_shown = false;
            }
            Action::ClearRecent => self.recent.clear(),
            Action::About => self.modal = Some(Modal::About),
            Action::FileFormatHelp => self.modal = Some(Modal::FileFormat),
            Action::MovePlan => {
                if let Some(doc) = self.session.doc() {
                    let dialog = crate::ui::dialogs::MovePlan::new(&doc.project, self.today);
                    self.modal = Some(Modal::MovePlan(Box::new(dialog)));
                }
            }
            Action::ShiftPlan(shift) => {
                // Worked out on the project as it is now, which a reload may have changed.
                let command = self
                    .session
                    .doc()
                    .and_then(|doc| crate::edit::reschedule::move_plan(&doc.project, &shift));
                if let Some(command) = command {
                    let edit = crate::edit::history::Edit::new(command, "Move the plan");
                    self.change_project(|session, doc| session.apply(doc, edit));
                }
            }
            Action::DraftStories => {
                if let Some(doc) = self.session.doc()
                    && !self.workplan.selected.is_empty()
                {
                    let dialog = crate::ui::dialogs::DraftStories::new(
                        &doc.project,
                        &self.workplan.selected,
                    );
                    self.modal = Some(Modal::DraftStories(Box::new(dialog)));
                }
            }
            Action::SaveStories(file, dialog) => self.save_stories(file, *dialog),
            Action::Notify(text) => self.notify_error(&text),
            Action::ShowActivity(id) => {
                self.view = View::Workplan;
                self.workplan.select_only(id);
            }
            Action::SelectActivity(id) => {
                self.workplan.selected = std::collections::BTreeSet::from([id]);
            }
            Action::GoToSelection => match self.view {
                View::Calendar => self.calendar.go_to_selection = true,
                View::Timeline => self.timeline.scroll_to_selection = true,
                View::Workplan => self.workplan.reveal_selection(),
                _ => {}
            },
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
            Action::Export(format) => self.choose_export(format),
            Action::Print => self.print_preview(None, None),
            Action::PrintPreview(format, paper) => self.print_preview(Some(format), Some(paper)),
            Action::PrintOpen(format, paper) => self.print_open(format, paper),
            Action::ExportToPath(format, path) => self.export_to(format, path),
            Action::Import => self.choose_import(),
            Action::ImportPath(path) => self.import_file(&path),
            Action::NewPortfolio
            | Action::NewPortfolioPath(_)
            | Action::OpenPortfolio
            | Action::ClosePortfolio
            | Action::AddMembers
            | Action::AddMemberPaths(_)
            | Action::EditMember(_)
            | Action::RemoveMember(_)
            | Action::RestyleMember { .. }
            | Action::ShowCombined(_)
            | Action::OpenInMember(_)
            | Action::ShowChecks
            | Action::Finding(_) => self.perform_portfolio(action),
            Action::RecheckImport(review) => self.recheck_import(*review),
            Action::FinishImport(review) => self.finish_import(*review),
        }
    }

    fn quit(&mut self) {
        if self.is_dirty()
            && let Some(current) = self.session.current()
        {
            // The user chose not to save.
            self.session.forget_recovery_copy(current);
        }
        self.quit_confirmed = true;
        self.actions.clear();
        if let Some(ctx) = &self.ctx {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Undoes, redoes or applies an edit to the current document; a refusal goes to the
    /// status bar. Once an edit went through, what the status bar said before ("Saved …", a
    /// problem) is out of date and is cleared.
    fn change_project(&mut self, change: impl FnOnce(&mut Session, DocId) -> Result<(), String>) {
        let Some(current) = self.session.current() else {
            return;
        };
        match change(&mut self.session, current) {
            Ok(()) => self.notice = None,
            Err(error) => self.notify_error(&error),
        }
    }

    /// Whether the view on screen has a search field (the workplan's search, the tree's
    /// filter).
    pub fn view_has_search(&self) -> bool {
        (self.session.doc().is_some() || self.portfolio.combined_shown)
            && match self.view {
                View::Workplan => true,
                View::Objectives => !self.tree.show_matrix,
                _ => false,
            }
    }

    /// Asks the view on screen to put the keyboard in its search field next frame.
    fn focus_search(&mut self) {
        if !self.view_has_search() {
            return;
        }
        match self.view {
            View::Workplan => self.workplan.focus_search = true,
            View::Objectives => self.tree.focus_filter = true,
            _ => {}
        }
    }

    fn answer_disk_change(&mut self, choice: DiskChoice) {
        if let Some(doc) = self.asked_about.take() {
            self.session.answer_disk_change(doc, choice);
        }
        // Only "keep mine" goes on to save, and then to what was waiting for it.
        if choice != DiskChoice::KeepMine {
            self.after_save = None;
        }
        if choice == DiskChoice::SaveMineElsewhere {
            self.perform(Action::SaveAs, true);
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
        self.date_shown.set(None);
        self.compare_with.set(None);
    }

    /// Shows `project` as the open document, with a fresh history (no unsaved changes).
    pub fn open_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.session.open_project(project, path);
        self.reset_view_state();
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    pub(super) fn notify_error(&mut self, text: &str) {
        self.notice = Some(Notice {
            text: text.to_string(),
            is_error: true,
        });
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
impl eframe::App for WorkplanApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Unlock the file for others. A recovery copy of unsaved changes stays (the user
        // agreed to quit without saving only through Quit, which removed it).
        self.session.unlock();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        eframe::set_value(storage, VIEW_KEY, &self.view);
        eframe::set_value(storage, ME_KEY, &self.workplan.me);
        eframe::set_value(storage, HIDDEN_COLUMNS_KEY, &self.workplan.hidden_columns);
        eframe::set_value(storage, IMPORT_MAPS_KEY, &self.import_maps);
        eframe::set_value(storage, PAPER_KEY, &self.paper);
    }
}
