//! Opening a file: reading it (large ones on a worker thread, with progress), then the lock
//! (who else has it open), then any recovery copy of unsaved changes, each of which may need
//! the user's answer before the document is shown.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::disk::Fingerprint;
use super::jobs::{Job, Poll};
use super::lock::{self, Acquired, Lock};
use super::{Document, Event, OnDisk, Question, Session, conflict_line, describe_changes};
use super::{file_name, same_file, unwritable};
use crate::edit::history::Edit;
use crate::io::{self, LoadError};
use crate::model::Project;

/// The answer to "someone else has this file open".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenChoice {
    ReadOnly,
    Anyway,
    Cancel,
}

/// A large file being read on a worker thread.
pub(super) struct OpenJob {
    pub path: PathBuf,
    beside: bool,
    pub total: u64,
    pub job: Job<Result<Loaded, LoadError>>,
}

pub(super) struct Loaded {
    project: Project,
    fingerprint: Fingerprint,
    /// The recovery copy for the file, when the worker already looked (a large file: its
    /// copy is as large, and is read and parsed off the window's thread too).
    recovered: Option<Option<super::recovery::Recovered>>,
}

/// A file read and parsed, waiting for the lock and recovery questions before it is shown.
pub(super) struct PendingOpen {
    path: PathBuf,
    /// Opened beside the documents already open, rather than in place of the current one.
    beside: bool,
    project: Project,
    fingerprint: Fingerprint,
    lock: Option<Lock>,
    read_only: Option<String>,
    held_by: Option<lock::Found>,
    /// A recovery copy found for the file, and the project restoring it would give.
    recovered: Option<(PathBuf, Project)>,
    /// The recovery copy the open's worker found, if it looked.
    found: Option<Option<super::recovery::Recovered>>,
    notes: Vec<String>,
}

/// Reads and parses a project file, keeping what it looked like on disk.
fn read_and_parse(path: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<Loaded, LoadError> {
    let bytes = io::read(path, progress)?;
    let project = io::load_bytes(path, &bytes)?;
    Ok(Loaded {
        fingerprint: Fingerprint::of(path, &bytes),
        project,
        recovered: None,
    })
}

impl Session {
    /// Opens `path` in place of the current document; on failure the current one stays.
    /// Large files are read on a worker thread while the window shows how far it got.
    pub fn open_path(&mut self, path: &Path) {
        self.start_open(path, false);
    }

    /// Opens `path` as another document beside those already open; it becomes the current one.
    pub fn open_beside(&mut self, path: &Path) {
        self.start_open(path, true);
    }

    fn start_open(&mut self, path: &Path, beside: bool) {
        if self.opening.is_some() {
            self.problem("Another file is still being opened.");
            return;
        }
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size <= self.open_in_background_above {
            let result = read_and_parse(path, &mut |_, _| {});
            self.opened(path.to_path_buf(), beside, result);
            return;
        }
        let (target, store) = (path.to_path_buf(), self.recovery.clone());
        let job = Job::spawn(&self.waker, move |progress| {
            let mut loaded = read_and_parse(&target, &mut |done, _| progress.set(done))?;
            loaded.recovered = Some(store.and_then(|s| s.find(&target)));
            Ok(loaded)
        });
        self.opening = Some(OpenJob {
            path: path.to_path_buf(),
            beside,
            total: size,
            job,
        });
    }

    pub(super) fn poll_open(&mut self) {
        let Some(opening) = self.opening.as_mut() else {
            return;
        };
        let result = match opening.job.poll() {
            Poll::Running => return,
            Poll::Done(result) => result,
            Poll::Lost => Err(LoadError::one(
                &opening.path,
                io::FileProblem::new("reading the file stopped unexpectedly"),
            )),
        };
        let OpenJob { path, beside, .. } = self.opening.take().expect("checked above");
        self.opened(path, beside, result);
    }

    /// "Cancel" while a large file is read: the worker finishes on its own; its result is
    /// dropped.
    pub fn cancel_open(&mut self) {
        self.opening = None;
    }

    fn opened(&mut self, path: PathBuf, beside: bool, result: Result<Loaded, LoadError>) {
        let loaded = match result {
            Ok(loaded) => loaded,
            Err(error) => {
                self.say(Event::Failed {
                    title: "The project could not be opened".into(),
                    message: error.to_string(),
                    offer_save_as: false,
                });
                return;
            }
        };
        // The current document is being replaced (its unsaved changes were saved or given up
        // before we got here), so its recovery copy has served.
        if !beside && let Some(current) = self.current {
            self.forget_recovery_copy(current);
        }
        self.pending_open = Some(PendingOpen {
            path,
            beside,
            project: loaded.project,
            fingerprint: loaded.fingerprint,
            lock: None,
            read_only: None,
            held_by: None,
            recovered: None,
            found: loaded.recovered,
            notes: Vec::new(),
        });
        self.decide_lock();
    }

    fn decide_lock(&mut self) {
        let holder = self.lock_holder();
        let Some(pending) = self.pending_open.as_mut() else {
            return;
        };
        // Opening again a file we have open: our own lock carries over.
        if let Some(doc) = self.documents.iter_mut().find(|d| {
            d.lock.is_some()
                && d.path
                    .as_deref()
                    .is_some_and(|p| same_file(p, &pending.path))
        }) {
            pending.lock = doc.lock.take();
            return self.decide_recovery();
        }
        if let Some(reason) = unwritable(&pending.path) {
            // Saving goes through a rename, which would replace even a read-only file: keep
            // the owner's intent instead.
            pending.read_only = Some(reason);
            return self.decide_recovery();
        }
        match lock::acquire(&pending.path, &holder) {
            Ok(Acquired::Locked(lock)) => pending.lock = Some(lock),
            Ok(Acquired::HeldBy(found)) if found.stale.is_some() => {
                match lock::take_over(&pending.path, &holder) {
                    Ok(lock) => {
                        pending.lock = Some(lock);
                        let who = found
                            .holder
                            .as_ref()
                            .map(|h| h.who())
                            .unwrap_or_else(|| "an unknown program".into());
                        pending.notes.push(match found.stale {
                            Some(lock::Stale::Silent) => format!(
                                "The lock left by {who} (not refreshed for over {} minutes) was taken over.",
                                lock::STALE_AFTER.as_secs() / 60
                            ),
                            _ => format!(
                                "The lock left by {who} (no longer running) was taken over."
                            ),
                        });
                    }
                    Err(e) => pending.notes.push(no_lock_note(&e)),
                }
            }
            Ok(Acquired::HeldBy(found)) => {
                let question = Question::FileInUse {
                    name: file_name(&pending.path),
                    message: found.describe(&pending.path),
                };
                pending.held_by = Some(found);
                self.say(Event::Ask(question));
                return;
            }
            Err(e) => pending.notes.push(no_lock_note(&e)),
        }
        self.decide_recovery();
    }

    /// The answer to [`Question::FileInUse`].
    pub fn answer_file_in_use(&mut self, choice: OpenChoice) {
        let holder = self.lock_holder();
        let Some(pending) = self.pending_open.as_mut() else {
            return;
        };
        match choice {
            OpenChoice::Cancel => {
                self.pending_open = None;
                return;
            }
            OpenChoice::ReadOnly => {
                let who = pending
                    .held_by
                    .as_ref()
                    .and_then(|f| f.holder.as_ref())
                    .map(|h| h.who())
                    .unwrap_or_else(|| "Someone else".into());
                pending.read_only = Some(format!("{who} has it open for editing"));
            }
            OpenChoice::Anyway => match lock::take_over(&pending.path, &holder) {
                Ok(lock) => pending.lock = Some(lock),
                Err(e) => pending.notes.push(no_lock_note(&e)),
            },
        }
        self.decide_recovery();
    }

    fn decide_recovery(&mut self) {
        let Some(pending) = self.pending_open.as_mut() else {
            return;
        };
        let found = match pending.found.take() {
            Some(found) => found,
            None => self.recovery.as_ref().and_then(|s| s.find(&pending.path)),
        };
        let Some(found) = found else {
            return self.install_pending(false);
        };
        let recovered = match &found.project {
            Ok(recovered) => recovered.clone(),
            Err(error) => {
                pending.notes.push(format!(
                    "A recovery copy of unsaved changes was found but cannot be read ({}); it was left at {}.",
                    error.lines().first().cloned().unwrap_or_default(),
                    found.file.display()
                ));
                return self.install_pending(false);
            }
        };
        let mut note = None;
        let mut conflicts = Vec::new();
        let restored = if found.based_on == Some(pending.fingerprint.hash) {
            recovered
        } else if let Some(base) = found.base() {
            // Someone saved the file after these changes were made: restoring must add ours to
            // theirs, not put back what they changed.
            let merged = crate::edit::merge::merge(&base, &recovered, &pending.project);
            note = Some(
                "The file was saved again after these changes were made; restoring merges them \
                 with what is in it now."
                    .to_string(),
            );
            conflicts = merged.conflicts.iter().map(conflict_line).collect();
            merged.project
        } else {
            note = Some(
                "It is not known which version of the file these changes were made to; \
                 restoring replaces whatever differs, including any later saves by others."
                    .to_string(),
            );
            recovered
        };
        if restored == pending.project {
            super::recovery::remove(&found.file);
            return self.install_pending(false);
        }
        let written = found
            .written
            .map(|t| {
                t.with_timezone(&chrono::Local)
                    .format("%e %B %Y at %H:%M")
                    .to_string()
                    .trim_start()
                    .to_string()
            })
            .unwrap_or_else(|| "at an unknown time".into());
        let question = Question::Recover {
            name: file_name(&pending.path),
            written,
            changes: describe_changes(&pending.project, &restored),
            note,
            conflicts,
        };
        pending.recovered = Some((found.file, restored));
        self.say(Event::Ask(question));
    }

    /// The answer to [`Question::Recover`]: restore the unsaved changes, or throw them away.
    pub fn answer_recover(&mut self, restore: bool) {
        if !restore
            && let Some((file, _)) = self.pending_open.as_mut().and_then(|p| p.recovered.take())
        {
            super::recovery::remove(&file);
        }
        self.install_pending(restore);
    }

    fn install_pending(&mut self, restore: bool) {
        let Some(mut pending) = self.pending_open.take() else {
            return;
        };
        let base = Arc::new(pending.project.clone());
        let mut doc = Document::new(pending.project, Some(pending.path.clone()));
        doc.on_disk = Some(OnDisk::new(pending.fingerprint, base));
        doc.lock = pending.lock;
        doc.read_only = pending.read_only;
        if restore && let Some((file, recovered)) = pending.recovered.take() {
            let edit = Edit::new(
                crate::edit::commands::Command::ReplaceProject(Box::new(recovered)),
                "Restore unsaved changes",
            );
            match doc.history.apply(&mut doc.project, edit) {
                Ok(()) => {
                    // The copy becomes this window's own, kept up to date until saved.
                    let own = self
                        .recovery
                        .as_ref()
                        .map(|s| s.file_for(doc.path.as_deref(), doc.generation()));
                    doc.autosave.file = match own {
                        Some(own) if std::fs::rename(&file, &own).is_ok() => {
                            super::recovery::remove(&file);
                            Some(own)
                        }
                        _ => Some(file),
                    };
                    pending
                        .notes
                        .push("Your unsaved changes were restored; save to keep them.".into());
                }
                Err(e) => pending.notes.push(format!(
                    "The recovered changes could not be restored ({e}); the copy was left at {}.",
                    file.display()
                )),
            }
        }
        if !pending.beside {
            self.close_current();
        }
        self.add(doc);
        self.say(Event::Replaced);
        self.say(Event::Opened(pending.path));
        if !pending.notes.is_empty() {
            self.say(Event::Info(pending.notes.join(" ")));
        } else {
            self.say(Event::ClearNotice);
        }
    }
}

fn no_lock_note(error: &std::io::Error) -> String {
    format!(
        "No lock file could be made beside it ({}), so others opening it will not be told that you have it open.",
        match error.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem =>
                "the folder is read-only for you".to_string(),
            _ => error.to_string(),
        }
    )
}
