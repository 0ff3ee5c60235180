//! The file actions that need the user: where to save or export (the system's dialog, or a
//! typed path where there is none), whether to replace a file, and the review of an import.

use std::path::{Path, PathBuf};

use crate::ui::actions::Action;
use crate::ui::app::{Notice, WorkplanApp};
use crate::ui::dialogs::ImportReview;
use crate::ui::dialogs::{self, Modal, PathPurpose};
use crate::ui::file_chooser::Choice;

impl WorkplanApp {
    /// Asks which project to open: the system's dialog, or a typed path where there is none.
    pub(super) fn choose_open(&mut self) {
        match self.chooser.choose_open() {
            Choice::Chosen(path) => self.open_any(&path),
            Choice::Cancelled => {}
            Choice::Unavailable => {
                self.modal = Some(Modal::path_entry(
                    PathPurpose::Open,
                    String::new(),
                    Some(dialogs::NO_NATIVE_DIALOG.into()),
                ))
            }
        }
    }

    /// Asks where to save the project, then saves it there.
    pub(super) fn choose_save_as(&mut self) {
        let Some(doc) = self.session.doc() else {
            return;
        };
        let suggested = doc.suggested_file_name();
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

    /// The typed path for Save As, starting from the file's own path or a suggested name.
    pub(super) fn save_as_by_path(&mut self, note: Option<String>) {
        let start = self
            .doc()
            .map(|d| {
                d.path
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(d.suggested_file_name()))
            })
            .unwrap_or_default();
        self.modal = Some(Modal::path_entry(
            PathPurpose::SaveAs,
            start.display().to_string(),
            note,
        ));
    }

    /// The name an export is offered under: beside the project file, after the project (or
    /// the meeting, for its agenda and minutes).
    fn export_name(&self, format: crate::exchange::export::Format) -> Option<String> {
        if self.portfolio.combined_shown {
            return self.portfolio_export_name(format);
        }
        let doc = self.session.doc()?;
        let suggested = doc.suggested_file_name();
        let stem = suggested.trim_end_matches(".ron");
        let mut name = format!("{stem}-{}.{}", format.suffix(), format.extension());
        // A meeting's agenda or minutes is named after the meeting, so each has its own file.
        if format.is_of_meeting()
            && let Some(m) = self
                .committee
                .meeting
                .and_then(|id| doc.project.committee.meetings.iter().find(|m| m.id == id))
        {
            name =
                crate::exchange::export::agenda::file_name(m, format.suffix(), format.extension());
        }
        // Beside the project file, not wherever the program was started from.
        Some(match doc.path.as_deref().and_then(Path::parent) {
            Some(folder) if !folder.as_os_str().is_empty() => {
                folder.join(&name).display().to_string()
            }
            _ => name,
        })
    }

    /// Asks where to write an export, suggesting a name beside the project file.
    pub(super) fn choose_export(&mut self, format: crate::exchange::export::Format) {
        let Some(name) = self.export_name(format) else {
            return;
        };
        match self
            .chooser
            .choose_export(&name, format.label(), format.extension())
        {
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

    /// Asks which file to import activities from.
    pub(super) fn choose_import(&mut self) {
        match self.chooser.choose_import() {
            Choice::Chosen(path) => self.import_file(&path),
            Choice::Cancelled => {}
            Choice::Unavailable => {
                self.modal = Some(Modal::path_entry(
                    PathPurpose::Import,
                    String::new(),
                    Some(dialogs::NO_NATIVE_DIALOG.into()),
                ));
            }
        }
    }

    /// Saves on the session's worker; `then` is carried out once the save succeeded.
    pub(super) fn start_save(&mut self, path: PathBuf, then: Option<Action>) {
        let Some(current) = self.session.current() else {
            return;
        };
        if self.session.save(current, path) {
            self.after_save = then;
        }
    }

    /// Saves, then carries out `then` if the save succeeded (the "Save" answer to the
    /// unsaved-changes question).
    pub(super) fn save_then(&mut self, then: Action) {
        let Some(doc) = self.session.doc() else {
            return;
        };
        match doc.path.clone() {
            Some(path) => self.start_save(path, Some(then)),
            None => {
                let suggested = doc.suggested_file_name();
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

    /// Reads a sheet of activities and checks it (on the session's worker when the file is
    /// large); the review follows in [`Self::review_import`].
    pub(super) fn import_file(&mut self, path: &Path) {
        // A large file is read on the session's worker; the status bar shows it meanwhile.
        if let Some(read) = self.session.start_import(path, &self.import_maps) {
            self.review_import(*read);
        }
    }

    /// A file read and checked: imported at once when there is nothing to ask (every row
    /// sound, every name known, every column used), otherwise shown in the review.
    pub(super) fn review_import(&mut self, read: crate::session::import::ImportRead) {
        let Some(doc) = self.session.doc() else {
            return;
        };
        if doc.id() != read.doc {
            // Read for a document that has been closed or replaced since.
            return;
        }
        let mut review = ImportReview::new(&doc.project, read);
        if review.revision != doc.revision() {
            review.recheck(&doc.project, doc.revision());
        }
        if review.is_clean() {
            self.finish_import(review);
        } else {
            self.modal = Some(Modal::ImportReview(Box::new(review)));
        }
    }

    /// The review after a change of a column or an answer: checked again.
    pub(super) fn recheck_import(&mut self, mut review: ImportReview) {
        let Some(doc) = self.session.doc() else {
            return;
        };
        review.recheck(&doc.project, doc.revision());
        self.modal = Some(Modal::ImportReview(Box::new(review)));
    }

    /// Applies a reviewed import as one undo step, and remembers its columns.
    pub(super) fn finish_import(&mut self, review: ImportReview) {
        let Some(doc) = self.session.doc_mut() else {
            return;
        };
        // Checked again only if the project changed since (an edit, a reload from disk).
        let mut review = review;
        if review.revision != doc.revision() {
            review.recheck(&doc.project, doc.revision());
        }
        let Ok(checked) = &review.checked else {
            self.modal = Some(Modal::ImportReview(Box::new(review)));
            return;
        };
        let command = crate::exchange::import::apply_command(
            &doc.project,
            checked.programme.as_ref(),
            &checked.import,
        );
        // Ids read for new entries are spent whether or not the import goes ahead.
        doc.project.next_id = doc.project.next_id.max(checked.next_id);
        let name = review.file_name();
        let i = &checked.import;
        let added_names = checked
            .choices
            .iter()
            .filter(|(_, c)| *c == crate::exchange::import::NameChoice::Add)
            .count();
        let mut text = format!(
            "Imported {name}: {} new, {} updated, {} unchanged",
            i.added(),
            i.updated,
            i.unchanged
        );
        if added_names > 0 {
            text.push_str(&format!("; {added_names} name(s) added to the programme"));
        }
        if i.refused > 0 {
            text.push_str(&format!("; {} row(s) left out", i.refused));
        }
        text.push_str(&format!(" ({})", lowercase_first(&review.table.read_as)));
        let key = crate::exchange::import::columns::headers_key(&review.table.headers);
        if review.options.map.is_empty() {
            self.import_maps.remove(&key);
        } else {
            self.import_maps.insert(key, review.options.map.clone());
        }
        if command != crate::edit::commands::Command::Batch(Vec::new()) {
            let edit = Action::Apply(crate::edit::history::Edit::new(
                command,
                format!("Import {name}"),
            ));
            self.perform(edit, true);
        } else {
            text = format!(
                "{name} changes nothing: {} unchanged ({})",
                i.unchanged,
                lowercase_first(&review.table.read_as)
            );
        }
        self.notice = Some(Notice {
            text,
            is_error: false,
        });
    }

    /// Whether `path` may be written now: a typed path to an existing file (other than the
    /// project's own, when saving) is replaced only after the user agrees.
    pub(super) fn may_write(&mut self, path: &Path, retry: Action) -> bool {
        let is_project = self
            .doc()
            .and_then(|d| d.path.as_deref())
            .is_some_and(|p| crate::session::same_file(p, path));
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
    /// What an export or print covers: reports and timelines the workplan's date filter (or
    /// the programme period), the logframe the pillar chosen above the matrix, agendas and
    /// minutes the meeting open in the Committee view, on the paper last chosen; the report
    /// compares with the baseline chosen under Compare with.
    fn export_scope(&self) -> crate::exchange::export::Scope {
        let meeting = self.session.doc().and_then(|doc| {
            self.committee
                .meeting
                .and_then(|id| doc.project.committee.meetings.iter().find(|m| m.id == id))
                .map(|m| m.number)
        });
        crate::exchange::export::Scope {
            from: self.workplan.filter.from,
            to: self.workplan.filter.to,
            pillar: self.tree.matrix_pillar,
            meeting,
            paper: self.paper,
            // The workplan report compares with the baseline chosen under Compare with.
            baseline: self.compare_with.get(),
            // A donor report from the window covers each donor and fund in turn.
            donor: None,
        }
    }

    /// The document File > Print makes of the current view.
    fn print_format(&self) -> crate::exchange::export::Format {
        use crate::exchange::export::Format;
        use crate::ui::actions::View;
        use crate::ui::views::committee::Page;
        match self.view {
            View::Objectives => Format::LogframePdf,
            View::Timeline => Format::TimelinePdf,
            View::Committee if self.committee.page == Page::Minutes => Format::MinutesPdf,
            View::Committee => Format::AgendaPdf,
            View::Programme | View::Workplan | View::Calendar => Format::ReportPdf,
        }
    }

    /// Shows the pages of `format` (the current view's document when not given) on `paper`
    /// (the last chosen when not given).
    pub(super) fn print_preview(
        &mut self,
        format: Option<crate::exchange::export::Format>,
        paper: Option<crate::exchange::export::pdf::Paper>,
    ) {
        let format = format.unwrap_or_else(|| self.print_format());
        if let Some(paper) = paper {
            self.paper = paper;
        }
        let scope = self.export_scope();
        let Some(doc) = self.session.doc() else {
            return;
        };
        match crate::exchange::export::pdf::document(&doc.project, format, scope, self.today) {
            Ok(Some((sheets, _))) => {
                self.modal = Some(Modal::PrintPreview(Box::new(dialogs::PrintPreview {
                    format,
                    paper: self.paper,
                    sheets,
                    page: 0,
                })));
            }
            Ok(None) => {}
            Err(error) => {
                self.modal = Some(Modal::Error {
                    title: "Nothing to print".into(),
                    message: format!("The {} cannot be made: {error}.", format.label()),
                    offer_save_as: false,
                });
            }
        }
    }

    /// Writes `format` as a PDF into the print folder and opens it in the system's viewer;
    /// when no viewer opens, says where the file is.
    pub(super) fn print_open(
        &mut self,
        format: crate::exchange::export::Format,
        paper: crate::exchange::export::pdf::Paper,
    ) {
        self.paper = paper;
        let scope = self.export_scope();
        let Some(name) = self.export_name(format) else {
            return;
        };
        let file = Path::new(&name)
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("print.pdf"));
        let path = print_folder().join(file);
        let Some(doc) = self.session.doc() else {
            return;
        };
        let written = std::fs::create_dir_all(print_folder())
            .map_err(|e| e.to_string())
            .and_then(|()| {
                crate::exchange::export::write(&doc.project, format, scope, &path)
                    .map_err(|e| e.to_string())
            });
        if let Err(error) = written {
            self.modal = Some(Modal::Error {
                title: "The PDF was not written".into(),
                message: error,
                offer_save_as: false,
            });
            return;
        }
        match self.chooser.open_in_viewer(&path) {
            Ok(()) => {
                self.notice = Some(Notice {
                    text: format!(
                        "Opened the {} in the PDF viewer: print it from there ({})",
                        format.label(),
                        path.display()
                    ),
                    is_error: false,
                });
            }
            Err(reason) => {
                self.modal = Some(Modal::Error {
                    title: "No PDF viewer could be opened".into(),
                    message: format!(
                        "The PDF is saved at {}. Open it with a PDF viewer to print it, or use \
                         Save as PDF… to keep it elsewhere. (The system said: {reason}.)",
                        path.display()
                    ),
                    offer_save_as: false,
                });
            }
        }
    }

    pub(super) fn export_chosen(&mut self, format: crate::exchange::export::Format, path: PathBuf) {
        self.replace_agreed = true;
        self.export_to(format, path);
        self.replace_agreed = false;
    }

    pub(super) fn export_to(&mut self, format: crate::exchange::export::Format, path: PathBuf) {
        let path = if path.extension().is_some() {
            path
        } else {
            path.with_extension(format.extension())
        };
        if self.portfolio.combined_shown {
            self.export_portfolio_to(format, path);
            return;
        }
        if !self.may_write(&path, Action::ExportToPath(format, path.clone())) {
            return;
        }
        let Some(doc) = self.session.doc() else {
            return;
        };
        let scope = self.export_scope();
        match crate::exchange::export::write(&doc.project, format, scope, &path) {
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

    /// Draft Stories' Save as…: asks where, writes the stories as edited, and shows the
    /// dialog again with what happened (an error there keeps the edits).
    pub(super) fn save_stories(
        &mut self,
        file: dialogs::StoriesFile,
        mut dialog: dialogs::DraftStories,
    ) {
        let stem = self
            .export_name(crate::exchange::export::Format::StoriesMd)
            .unwrap_or_else(|| "stories.md".into());
        let name = format!(
            "{}.{}",
            stem.strip_suffix(".md").unwrap_or(&stem),
            file.extension()
        );
        dialog.note = match self
            .chooser
            .choose_export(&name, file.label(), file.extension())
        {
            Choice::Chosen(path) => {
                let path = if path.extension().is_some() {
                    path
                } else {
                    path.with_extension(file.extension())
                };
                let text = file.render(&dialog.programme, &dialog.edited());
                match crate::io::save::write_atomic(&path, text.as_bytes()) {
                    Ok(()) => Some((format!("Saved the stories to {}", path.display()), false)),
                    Err(error) => Some((
                        format!("The stories were not saved to {}: {error}", path.display()),
                        true,
                    )),
                }
            }
            Choice::Cancelled => None,
            Choice::Unavailable => Some((
                "The system file dialog could not be shown (no desktop portal is running); \
                 the stories were not saved. Copy the text from the fields instead."
                    .into(),
                true,
            )),
        };
        self.modal = Some(Modal::DraftStories(Box::new(dialog)));
    }

    /// "Browse…" in the path entry: try the native dialog again.
    pub(super) fn browse(&mut self, purpose: PathPurpose) {
        let choice = match purpose {
            PathPurpose::Open => self.chooser.choose_open(),
            PathPurpose::Import => self.chooser.choose_import(),
            PathPurpose::SaveAs => {
                let suggested = self
                    .doc()
                    .map(crate::session::Document::suggested_file_name)
                    .unwrap_or_default();
                self.chooser.choose_save(&suggested)
            }
            PathPurpose::Export(format) => {
                let name = self.export_name(format).unwrap_or_default();
                self.chooser
                    .choose_export(&name, format.label(), format.extension())
            }
            PathPurpose::NewPortfolio => self.chooser.choose_new_portfolio("portfolio.wpf"),
            PathPurpose::AddMember => {
                self.choose_members();
                return;
            }
        };
        match (choice, purpose) {
            (Choice::Chosen(path), PathPurpose::Open) => self.open_any(&path),
            (Choice::Chosen(path), PathPurpose::NewPortfolio) => self.new_portfolio_at(path),
            (Choice::Chosen(path), PathPurpose::AddMember) => self.add_members(&[path]),
            (Choice::Chosen(path), PathPurpose::SaveAs) => {
                self.start_save(with_ron_extension(path), None)
            }
            (Choice::Chosen(path), PathPurpose::Export(format)) => self.export_chosen(format, path),
            (Choice::Chosen(path), PathPurpose::Import) => self.import_file(&path),
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

pub(super) fn with_ron_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("ron")
    }
}

/// "Read as …" inside a sentence.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Where printed PDFs are written before the viewer opens them: a folder of the system's
/// temporary files, so printing leaves nothing beside the project.
fn print_folder() -> PathBuf {
    std::env::temp_dir().join("workplan-print")
}
