//! The file changed on disk: noticing it (the watcher says when to look; size and time, then
//! content, decide), working out what changed on each side, and the user's answer.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::disk::{self, Fingerprint};
use super::jobs::{Job, Poll};
use super::{DocId, Event, OnDisk, Question, Session, conflict_line, describe_changes, file_name};
use crate::edit::history::Edit;
use crate::io::{self, LoadError};
use crate::model::Project;

/// The answer to "the file changed on disk".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskChoice {
    /// No local edits: show the version on disk.
    Reload,
    /// Combine both sides' changes (only offered when they do not touch the same fields).
    Merge,
    /// Combine them, keeping ours where both changed the same field.
    MergeKeepingMine,
    /// Write ours over the file.
    KeepMine,
    /// Drop our edits (one undo step brings them back) and show the version on disk.
    TakeTheirs,
    SaveMineElsewhere,
    /// Not now; ask again when it changes again or when saving.
    Later,
}

/// The version on disk that differs from ours, while the user decides.
pub(super) struct DiskChange {
    theirs: Project,
    fingerprint: Fingerprint,
}

/// The file read again on a worker thread because its size or time changed.
pub(super) struct DiskRead {
    path: PathBuf,
    fingerprint: Fingerprint,
    theirs: Result<Project, LoadError>,
}

impl Session {
    /// Starts (or restarts) watching a document's file.
    pub(super) fn watch(&mut self, id: DocId) {
        let (watch_files, waker) = (self.watch_files, self.waker.clone());
        let Some(doc) = self.document_mut(id) else {
            return;
        };
        let path = doc.path.clone().filter(|_| watch_files);
        if doc.work.watcher.as_ref().map(|w| w.path()) == path.as_deref() {
            return;
        }
        doc.work.watcher = path.map(|p| super::watch::Watcher::start(&p, waker));
    }

    /// Compares the open file with the disk when the watcher saw something happen to it or
    /// the window got the focus back; keeps our lock fresh. A file whose size or time changed
    /// is read again on a worker thread, so a large one never freezes the window. Returns
    /// when the lock next needs refreshing.
    pub(super) fn check_disk(
        &mut self,
        id: DocId,
        focused: bool,
        question_open: bool,
    ) -> Option<Duration> {
        self.poll_disk_read(id);
        let doc = self.document_mut(id)?;
        let path = doc.path.clone()?;
        if let Some(lock) = doc.lock.as_mut()
            && let Some(other) = lock.keep_fresh()
        {
            doc.lock = None;
            self.problem(format!(
                "{} opened {} for editing too (they chose to open it anyway). Saving still checks for their changes first.",
                other.who(),
                file_name(&path)
            ));
        }
        let pending_open = self.pending_open.is_some();
        let waker = self.waker.clone();
        let doc = self.document_mut(id)?;
        let refresh = doc.lock.as_ref().map(|l| l.next_refresh_in());
        if question_open
            || pending_open
            || doc.work.saving.is_some()
            || doc.work.disk_read.is_some()
            || doc.work.disk_change.is_some()
        {
            return refresh;
        }
        let signalled = doc.work.watcher.as_ref().is_some_and(|w| w.take_signal());
        if !focused && !signalled {
            return refresh;
        }
        let Some(on_disk) = doc.on_disk.as_mut() else {
            return refresh;
        };
        match disk::metadata_differs(&path, &on_disk.fingerprint) {
            Ok(false) => on_disk.missing_reported = false,
            Ok(true) => {
                on_disk.missing_reported = false;
                doc.work.disk_read = Some(Job::spawn(&waker, move |_| {
                    std::fs::read(&path).map(|bytes| DiskRead {
                        fingerprint: Fingerprint::of(&path, &bytes),
                        theirs: io::load_bytes(&path, &bytes),
                        path,
                    })
                }));
            }
            Err(error) => {
                if !on_disk.missing_reported {
                    on_disk.missing_reported = true;
                    let reason = match error.kind() {
                        std::io::ErrorKind::NotFound => {
                            "it was moved, renamed or deleted, or its network drive is not reachable"
                                .to_string()
                        }
                        _ => error.to_string(),
                    };
                    self.problem(format!(
                        "{} is no longer there ({reason}). Your project is still open: Save writes it again, or use Save As.",
                        path.display()
                    ));
                }
            }
        }
        refresh
    }

    fn poll_disk_read(&mut self, id: DocId) {
        let Some(doc) = self.document_mut(id) else {
            return;
        };
        let Some(job) = doc.work.disk_read.as_mut() else {
            return;
        };
        let read = match job.poll() {
            Poll::Running => return,
            Poll::Done(read) => read,
            Poll::Lost => {
                doc.work.disk_read = None;
                return;
            }
        };
        doc.work.disk_read = None;
        // It vanished or became unreadable between the two looks: the next check says so.
        let Ok(read) = read else { return };
        let Some(on_disk) = doc.on_disk.as_mut() else {
            return;
        };
        if doc.path.as_deref() != Some(read.path.as_path()) {
            return;
        }
        if read.fingerprint.hash == on_disk.fingerprint.hash
            && read.fingerprint.len == on_disk.fingerprint.len
        {
            // Touched (copied back, synced) but the same content.
            on_disk.fingerprint = read.fingerprint;
            return;
        }
        self.disk_changed_to(id, &read.path, read.fingerprint, read.theirs);
    }

    /// A save found the file changed on disk: show what changed, even content put off
    /// earlier ("Decide later"), since now it is about to be overwritten. Returns whether a
    /// question was asked.
    pub(super) fn save_found_change(&mut self, id: DocId, path: &Path, bytes: Vec<u8>) -> bool {
        if let Some(on_disk) = self.document_mut(id).and_then(|d| d.on_disk.as_mut()) {
            on_disk.dismissed = None;
        }
        let theirs = io::load_bytes(path, &bytes);
        self.disk_changed_to(id, path, Fingerprint::of(path, &bytes), theirs);
        self.document(id)
            .is_some_and(|d| d.work.disk_change.is_some())
    }

    /// The file on disk is not what we read or wrote: work out what changed and ask.
    fn disk_changed_to(
        &mut self,
        id: DocId,
        path: &Path,
        fingerprint: Fingerprint,
        theirs: Result<Project, LoadError>,
    ) {
        let Some(doc) = self.document_mut(id) else {
            return;
        };
        let Some(on_disk) = doc.on_disk.as_mut() else {
            return;
        };
        if on_disk.dismissed == Some(fingerprint.hash) {
            return;
        }
        let theirs = match theirs {
            Ok(theirs) => theirs,
            Err(error) => {
                on_disk.dismissed = Some(fingerprint.hash);
                let text = format!(
                    "{} was changed on disk, but the new version cannot be read ({}). Your project is still open as it was; saving will ask before replacing it.",
                    file_name(path),
                    error.lines().first().cloned().unwrap_or_default()
                );
                self.problem(text);
                return;
            }
        };
        if theirs == doc.project {
            // Someone saved exactly what we have: nothing to decide.
            on_disk.fingerprint = fingerprint;
            on_disk.base = Arc::new(theirs);
            let revision = doc.history.revision();
            doc.history.mark_saved(revision);
            return;
        }
        let dirty = doc.history.is_dirty();
        let base = on_disk.base.clone();
        let merged = crate::edit::merge::merge(&base, &doc.project, &theirs);
        let question = Question::DiskChanged {
            doc: id,
            name: file_name(path),
            dirty,
            read_only: doc.read_only.is_some(),
            ours: if dirty {
                describe_changes(&base, &doc.project)
            } else {
                Vec::new()
            },
            theirs: describe_changes(&base, &theirs),
            conflicts: merged.conflicts.iter().map(conflict_line).collect(),
        };
        doc.work.disk_change = Some(DiskChange {
            theirs,
            fingerprint,
        });
        self.say(Event::Ask(question));
    }

    /// The answer to [`Question::DiskChanged`]. "Keep mine" starts a save over the file;
    /// "Save mine elsewhere" is for the window to carry out (it asks where) after this call.
    pub fn answer_disk_change(&mut self, id: DocId, choice: DiskChoice) {
        let Some(doc) = self.document_mut(id) else {
            return;
        };
        let Some(change) = doc.work.disk_change.take() else {
            return;
        };
        match choice {
            DiskChoice::Later | DiskChoice::SaveMineElsewhere => {
                if let Some(on_disk) = doc.on_disk.as_mut() {
                    on_disk.dismissed = Some(change.fingerprint.hash);
                }
            }
            DiskChoice::KeepMine => {
                if let Some(path) = doc.path.clone() {
                    self.save_over(id, path);
                }
            }
            DiskChoice::Reload | DiskChoice::TakeTheirs => {
                let theirs = change.theirs.clone();
                let edit = Edit::new(
                    crate::edit::commands::Command::ReplaceProject(Box::new(change.theirs)),
                    "Take the version on disk",
                );
                match doc.history.apply(&mut doc.project, edit) {
                    Ok(()) => {
                        let revision = doc.history.revision();
                        doc.history.mark_saved(revision);
                        doc.on_disk = Some(OnDisk::new(change.fingerprint, Arc::new(theirs)));
                        self.forget_recovery_copy(id);
                        self.say(Event::Info(
                            "Showing the version on disk (Undo brings back what you had).".into(),
                        ));
                    }
                    Err(e) => self.problem(format!("The version on disk could not be shown: {e}")),
                }
            }
            DiskChoice::Merge | DiskChoice::MergeKeepingMine => {
                let Some(on_disk) = doc.on_disk.as_ref() else {
                    return;
                };
                let merged = crate::edit::merge::merge(&on_disk.base, &doc.project, &change.theirs);
                if !merged.conflicts.is_empty() && choice == DiskChoice::Merge {
                    self.problem(
                        "The changes touch the same fields on both sides and cannot be merged.",
                    );
                    return;
                }
                let edit = Edit::new(
                    crate::edit::commands::Command::ReplaceProject(Box::new(merged.project)),
                    "Merge the changes on disk",
                );
                match doc.history.apply(&mut doc.project, edit) {
                    Ok(()) => {
                        doc.history.forget_saved();
                        doc.on_disk =
                            Some(OnDisk::new(change.fingerprint, Arc::new(change.theirs)));
                        self.say(Event::Info(
                            "Merged the changes on disk with yours; save to write the result."
                                .into(),
                        ));
                    }
                    Err(e) => self.problem(format!("The merge could not be applied: {e}")),
                }
            }
        }
    }
}
