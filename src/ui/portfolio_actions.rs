//! The portfolio's actions: creating, opening and closing one, adding, removing, restyling and
//! editing members, switching between the combined plan and the document being edited, and
//! the jump from a combined activity to its member. The session does the work
//! (`session::portfolio`); this decides what the window shows around it.

use std::path::{Path, PathBuf};

use crate::io::portfolio::PORTFOLIO_EXTENSION;
use crate::model::Id;
use crate::model::portfolio::PortfolioMember;
use crate::session::portfolio::MemberFile;
use crate::session::same_file;
use crate::ui::actions::{Action, ExportFormat, View};
use crate::ui::app::WorkplanApp;
use crate::ui::dialogs::{self, Modal, PathPurpose};
use crate::ui::file_chooser::Choice;
use crate::ui::views::portfolio_checks::{self, FindingAction};

/// The views that show a combined plan; the others belong to one programme.
pub const COMBINED_VIEWS: [View; 3] = [View::Workplan, View::Calendar, View::Timeline];

/// Whether `path` names a portfolio file rather than a project.
pub fn is_portfolio_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(PORTFOLIO_EXTENSION))
}

fn with_portfolio_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(PORTFOLIO_EXTENSION)
    }
}

/// The view states the combined plan and the document each keep while the other is shown.
#[derive(Default)]
pub struct ViewStash {
    view: Option<View>,
    workplan: crate::ui::views::workplan::WorkplanState,
    calendar: crate::ui::views::calendar::CalendarState,
    timeline: crate::ui::views::timeline::TimelineState,
}

impl WorkplanApp {
    /// Carries out a portfolio action (others are left alone).
    pub(super) fn perform_portfolio(&mut self, action: Action) {
        match action {
            Action::NewPortfolio => self.choose_new_portfolio(),
            Action::NewPortfolioPath(path) => self.new_portfolio_at(path),
            Action::OpenPortfolio => match self.chooser.choose_portfolio() {
                Choice::Chosen(path) => self.open_portfolio_at(&path),
                Choice::Cancelled => {}
                Choice::Unavailable => {
                    self.modal = Some(Modal::path_entry(
                        PathPurpose::Open,
                        String::new(),
                        Some(dialogs::NO_NATIVE_DIALOG.into()),
                    ))
                }
            },
            Action::ClosePortfolio => {
                self.show_combined(false);
                self.session.close_portfolio();
                self.portfolio = Default::default();
                self.portfolio_stash = Default::default();
            }
            Action::AddMembers => self.choose_members(),
            Action::AddMemberPaths(files) => self.add_members(&files),
            Action::EditMember(index) => {
                self.edit_member(index);
            }
            Action::RemoveMember(index) => {
                let name = self.member_name(index);
                let path = self.member(index).map(|m| m.path.clone());
                let before = self.member_count();
                self.session.remove_member(index);
                if self.member_count() < before {
                    // Added again later, it is shown again.
                    if let Some(path) = path {
                        self.portfolio.hidden.remove(&path);
                    }
                    self.portfolio_saved(format!("{name} is no longer a member"));
                }
            }
            Action::RestyleMember {
                index,
                name,
                colour,
            } => {
                self.session.restyle_member(index, &name, &colour);
                let kept = self
                    .session
                    .portfolio
                    .as_ref()
                    .and_then(|p| p.members.get(index))
                    .is_some_and(|m| m.member.name == name.trim() && m.member.colour == colour);
                if kept {
                    self.portfolio_saved(format!("{} restyled", name.trim()));
                }
            }
            Action::ShowCombined(on) => {
                // Back from a member, the findings are shown again if they were left shown;
                // with the combined plan already on screen, the button brings its views.
                if on && self.portfolio.combined_shown {
                    self.portfolio.checks_shown = false;
                }
                self.show_combined(on);
            }
            Action::OpenInMember(id) => self.open_in_member(id),
            Action::ShowChecks => {
                self.show_combined(true);
                self.portfolio.checks_shown = self.portfolio.combined_shown;
            }
            Action::Finding(FindingAction::Open { member, activity }) => {
                self.open_member_activity(member, activity)
            }
            Action::Finding(mark) if portfolio_checks::apply(&mut self.session, &mark) => {
                let what = match mark {
                    FindingAction::Unmark { .. } => "Listed again as a likely duplicate",
                    _ => "Marked as not a duplicate",
                };
                self.portfolio_saved(what.into());
            }
            _ => {}
        }
    }

    fn choose_new_portfolio(&mut self) {
        match self.chooser.choose_new_portfolio("portfolio.wpf") {
            Choice::Chosen(path) => self.new_portfolio_at(path),
            Choice::Cancelled => {}
            Choice::Unavailable => {
                self.modal = Some(Modal::path_entry(
                    PathPurpose::NewPortfolio,
                    String::new(),
                    Some(dialogs::NO_NATIVE_DIALOG.into()),
                ))
            }
        }
    }

    pub(super) fn new_portfolio_at(&mut self, path: PathBuf) {
        let path = with_portfolio_extension(path);
        if path.exists() && !self.replace_agreed {
            let replace = Action::Replace(Box::new(Action::NewPortfolioPath(path.clone())));
            self.modal = Some(Modal::Confirm {
                title: "Replace the file?".into(),
                message: format!(
                    "{} already exists. Replace it with an empty portfolio?",
                    path.display()
                ),
                confirm: "Replace".into(),
                then: replace,
            });
            return;
        }
        self.session.new_portfolio(&path);
        self.after_portfolio_opened(&path);
    }

    pub(super) fn open_portfolio_at(&mut self, path: &Path) {
        self.session.open_portfolio(path);
        self.after_portfolio_opened(path);
    }

    fn after_portfolio_opened(&mut self, path: &Path) {
        let opened = self
            .session
            .portfolio
            .as_ref()
            .is_some_and(|p| same_file(&p.path, path));
        if opened {
            self.portfolio.hidden.clear();
            self.portfolio.refresh(&self.session);
            self.show_combined(true);
        }
    }

    fn member_count(&self) -> usize {
        self.session
            .portfolio
            .as_ref()
            .map_or(0, |p| p.members.len())
    }

    fn member(&self, index: usize) -> Option<&PortfolioMember> {
        let open = self.session.portfolio.as_ref()?;
        open.members.get(index).map(|m| &m.member)
    }

    fn member_name(&self, index: usize) -> String {
        self.member(index)
            .map(|m| m.name.clone())
            .unwrap_or_default()
    }

    /// Says in the status bar that a change went into the portfolio file.
    fn portfolio_saved(&mut self, what: String) {
        let file = self
            .session
            .portfolio
            .as_ref()
            .map(|p| crate::session::file_name(&p.path))
            .unwrap_or_default();
        self.notice = Some(crate::ui::app::Notice {
            text: format!("{what}; saved {file}."),
            is_error: false,
        });
    }

    pub(super) fn add_members(&mut self, files: &[PathBuf]) {
        let before = self.member_count();
        self.session.add_members(files);
        self.take_session_events();
        let added = self.member_count().saturating_sub(before);
        if added > 0 {
            self.portfolio_saved(crate::plan::count(added, "member") + " added");
        }
    }

    pub(super) fn choose_members(&mut self) {
        match self.chooser.choose_members() {
            Some(files) if !files.is_empty() => self.add_members(&files),
            Some(_) => {}
            None => {
                self.modal = Some(Modal::path_entry(
                    PathPurpose::AddMember,
                    String::new(),
                    Some(dialogs::NO_NATIVE_DIALOG.into()),
                ))
            }
        }
    }

    /// Opens a member for editing and shows it; a member that cannot be (locked by someone
    /// else, unreadable) leaves the window as it was, the session saying why.
    fn edit_member(&mut self, index: usize) -> bool {
        let before = self.session.current();
        if !self.session.edit_member(index) {
            return false;
        }
        self.show_combined(false);
        if self.session.current() != before {
            self.reset_view_state();
        }
        true
    }

    /// Double-click, Enter or "Open in NAME" on an activity of the combined plan: its member
    /// opened for editing with that activity selected.
    fn open_in_member(&mut self, combined: Id) {
        let Some(open) = self.session.portfolio.as_ref() else {
            return;
        };
        let Some((member, id)) = open.origin(combined) else {
            return;
        };
        self.open_member_activity(member, id);
    }

    /// Opens the member at `member` for editing with its activity `id` (an id in its own
    /// file) selected: the jump of the combined plan and of the findings across programmes.
    fn open_member_activity(&mut self, member: usize, id: Id) {
        let Some(file) = self
            .session
            .portfolio
            .as_ref()
            .and_then(|open| open.members.get(member))
            .map(|m| m.file.clone())
        else {
            return;
        };
        if self.edit_member(member) {
            // Carried out at the end of the frame, after the open's events (which reset the
            // views' selections) have been shown.
            self.portfolio.jump = Some((file, id));
        }
    }

    /// Selects the activity jumped to once its member is the current document (at once for
    /// a small file; after the questions or the worker of a large or locked one).
    pub(super) fn finish_jump(&mut self) {
        let Some((file, id)) = self.portfolio.jump.clone() else {
            return;
        };
        let arrived = self
            .session
            .doc()
            .and_then(|d| d.path.as_deref())
            .is_some_and(|p| same_file(p, &file));
        if arrived {
            self.portfolio.jump = None;
            if !COMBINED_VIEWS.contains(&self.view) {
                self.view = View::Workplan;
            }
            self.workplan.select_only(id);
            match self.view {
                View::Calendar => self.calendar.go_to_selection = true,
                View::Timeline => self.timeline.scroll_to_selection = true,
                _ => self.workplan.reveal_selection(),
            }
        } else if !self.session.is_busy_opening() {
            // The open failed or was cancelled.
            self.portfolio.jump = None;
        }
    }

    /// Shows the combined plan or the document, each with the view, selection and filters
    /// it had when last shown.
    pub(super) fn show_combined(&mut self, on: bool) {
        let on = on && self.session.portfolio.is_some();
        if on == self.portfolio.combined_shown {
            return;
        }
        self.portfolio.combined_shown = on;
        let stash = &mut self.portfolio_stash;
        let view = stash.view.replace(self.view);
        std::mem::swap(&mut self.workplan, &mut stash.workplan);
        std::mem::swap(&mut self.calendar, &mut stash.calendar);
        std::mem::swap(&mut self.timeline, &mut stash.timeline);
        // What belongs to the user, not to the plan, goes along.
        self.workplan.me = stash.workplan.me.clone();
        self.workplan.hidden_columns = stash.workplan.hidden_columns.clone();
        self.timeline.zoom = stash.timeline.zoom;
        self.view = view.unwrap_or(self.view);
        if on && !COMBINED_VIEWS.contains(&self.view) {
            self.view = View::Workplan;
        }
    }

    /// The name a portfolio's export is offered under: beside the portfolio file, after it.
    pub(super) fn portfolio_export_name(&self, format: ExportFormat) -> Option<String> {
        let open = self.session.portfolio.as_ref()?;
        let stem = open
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "portfolio".into());
        let name = format!("{stem}-{}.{}", format.suffix(), format.extension());
        Some(match open.path.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => {
                folder.join(&name).display().to_string()
            }
            _ => name,
        })
    }

    /// Writes a document of the whole portfolio (the members read, together), and says in
    /// the status bar where, and which members it leaves out because they cannot be read.
    pub(super) fn export_portfolio_to(&mut self, format: ExportFormat, path: PathBuf) {
        let Some(open) = self.session.portfolio.as_ref() else {
            return;
        };
        // Never over a file the portfolio is made of.
        let own = if same_file(&open.path, &path) {
            Some("the portfolio file itself".to_string())
        } else {
            open.member_at(&path)
                .map(|m| format!("the project file of {}", m.member.name))
        };
        let nothing_read = !open
            .members
            .iter()
            .any(|m| matches!(m.state, MemberFile::Read { .. }));
        let hidden = self.portfolio.hidden_members(open);
        let everything_hidden = !open.members.is_empty() && hidden.len() == open.members.len();
        if let Some(own) = own {
            self.modal = Some(Modal::Error {
                title: "Not exported".into(),
                message: format!(
                    "{} is {own}; an export there would replace it. Choose another name.",
                    path.display()
                ),
                offer_save_as: false,
            });
            return;
        }
        if everything_hidden {
            self.modal = Some(Modal::Error {
                title: "Nothing was exported".into(),
                message: "The filter by programme hides every programme: show at least one in \
                          the members panel, and export again."
                    .into(),
                offer_save_as: false,
            });
            return;
        }
        if nothing_read {
            self.modal = Some(Modal::Error {
                title: "Nothing was exported".into(),
                message: "No member of the portfolio has been read: add members, or wait until \
                          they are read."
                    .into(),
                offer_save_as: false,
            });
            return;
        }
        if !self.may_write(&path, Action::ExportToPath(format, path.clone())) {
            return;
        }
        // The combined plan's date filter bounds the report, as the workplan's does a
        // programme's; pillars, meetings and baselines are each member's own.
        let scope = crate::exchange::export::Scope {
            from: self.workplan.filter.from,
            to: self.workplan.filter.to,
            paper: self.paper,
            ..Default::default()
        };
        let unsaved = self.session.members_unsaved();
        let Some(open) = self.session.portfolio.as_ref() else {
            return;
        };
        match open.write_export(format, scope, &path, &hidden) {
            None => {}
            Some(Ok(written)) => {
                let mut text = format!(
                    "Exported the {} of {} to {}",
                    format.label(),
                    crate::plan::count(written.members, "programme"),
                    written.path.display()
                );
                if !written.left_out.is_empty() {
                    text += &format!(
                        "; not in it, as {} could not be read: {}",
                        if written.left_out.len() == 1 {
                            "its file"
                        } else {
                            "their files"
                        },
                        written.left_out.join(", ")
                    );
                }
                if !written.filtered_out.is_empty() {
                    text += &format!(
                        "; without {}, as the filter by programme hides {}",
                        written.filtered_out.join(", "),
                        if written.filtered_out.len() == 1 {
                            "it"
                        } else {
                            "them"
                        }
                    );
                }
                if !unsaved.is_empty() {
                    text += &format!(
                        "; {} as last saved: save the changes made here and export again to \
                         include them",
                        unsaved.join(", ")
                    );
                }
                self.notice = Some(crate::ui::app::Notice {
                    is_error: !written.left_out.is_empty(),
                    text,
                });
            }
            Some(Err(error)) => {
                self.modal = Some(Modal::Error {
                    title: "The export was not written".into(),
                    message: error
                        .to_string()
                        .replace("your project is still open", "nothing was lost"),
                    offer_save_as: false,
                });
            }
        }
    }

    /// Why an action cannot be carried out on the combined plan, if it cannot.
    pub(super) fn refused_in_combined(&self, action: &Action) -> Option<String> {
        if !self.portfolio.combined_shown {
            return None;
        }
        let programme = || {
            let selected = self.workplan.selected.first()?;
            let shown = self.portfolio.shown()?;
            Some(shown.programmes.name(*selected).to_string()).filter(|n| !n.is_empty())
        };
        let name = programme().unwrap_or_else(|| "its programme".into());
        match action {
            Action::Apply(_)
            | Action::Undo
            | Action::Redo
            | Action::Import
            | Action::ImportPath(_)
            | Action::MovePlan
            | Action::ShiftPlan(_)
            | Action::DraftStories => Some(format!(
                "The combined plan is read-only. Open {name} for editing: Edit in the portfolio \
                 panel, or double-click the activity."
            )),
            Action::Export(format) | Action::ExportToPath(format, _)
                if !format.covers_portfolio() =>
            {
                Some(format!(
                    "The {} is made from one programme: open it for editing first.",
                    format.label()
                ))
            }
            Action::Print | Action::PrintPreview(..) | Action::PrintOpen(..) => {
                Some("Printing works on one programme: open it for editing first.".into())
            }
            Action::ShowView(view) if !COMBINED_VIEWS.contains(view) => Some(format!(
                "The combined plan has the workplan, calendar and timeline; the {} view is one \
                 programme's: open it for editing.",
                view.title()
            )),
            _ => None,
        }
    }
}
