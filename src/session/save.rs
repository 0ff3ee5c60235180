//! Saving: on a worker thread, never over a file that changed on disk since we read it, and
//! never over one someone else has open; and the recovery copy of unsaved changes.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::disk::{self, Compared, Fingerprint};
use super::jobs::{Job, Poll};
use super::lock::{self, Acquired};
use super::{DocId, Document, Event, OnDisk, Session, same_file, unwritable};
use crate::io::{self, SaveError};
use crate::model::Project;

/// A save running on a worker thread.
pub(super) struct SaveJob {
    pub path: PathBuf,
    revision: u64,
    job: Job<SaveOutcome>,
}

/// What the save worker found.
pub(super) enum SaveOutcome {
    Saved {
        fingerprint: Fingerprint,
        base: Arc<Project>,
    },
    /// The file changed since we read it; nothing was written.
    ChangedOnDisk(Vec<u8>),
    Failed(SaveError),
}

/// Saves `project` to `path` unless the file there no longer matches `expected` (someone
/// else saved it since we read it). Runs on the save worker. Keeps the leading comment block
/// of the file it replaces; a new file (Save As) takes the block of `source`, the file the
/// project came from, so a copy keeps its label.
fn save_checked(
    project: Project,
    path: &Path,
    expected: Option<Fingerprint>,
    source: Option<&Path>,
) -> SaveOutcome {
    if let Some(expected) = expected
        && let Compared::Changed(bytes) = disk::compare_contents(path, &expected)
    {
        return SaveOutcome::ChangedOnDisk(bytes);
    }
    let comments = match source {
        Some(source) if !path.exists() => io::save::comments_of(source),
        _ => io::save::comments_of(path),
    };
    let text = io::save::file_text(&project, &comments);
    match io::save::write_atomic(path, text.as_bytes()) {
        Ok(()) => SaveOutcome::Saved {
            fingerprint: Fingerprint::of(path, text.as_bytes()),
            base: Arc::new(project),
        },
        Err(error) => SaveOutcome::Failed(error),
    }
}

impl Session {
    /// Saves a copy of the project to `path` on a worker thread, so a large file never
    /// freezes the window. Never over a file that changed on disk since we read it: that goes
    /// to the user first. Returns whether the save started; when it did not, an event says why.
    pub fn save(&mut self, id: DocId, path: PathBuf) -> bool {
        self.start_save(id, path, false)
    }

    /// "Keep mine": save over the file even though it changed on disk.
    pub fn save_over(&mut self, id: DocId, path: PathBuf) -> bool {
        self.start_save(id, path, true)
    }

    fn start_save(&mut self, id: DocId, path: PathBuf, over: bool) -> bool {
        if self.document(id).is_some_and(Document::is_saving) {
            self.problem("A save is already under way.");
            return false;
        }
        let Some(doc) = self.document(id) else {
            return false;
        };
        let own_file = doc.path.as_deref().is_some_and(|p| same_file(p, &path));
        if own_file && let Some(reason) = &doc.read_only {
            let message = format!(
                "{} was opened read-only: {reason}. Save your changes under another name with Save As.",
                path.display()
            );
            self.say(Event::Failed {
                title: "This file is open read-only".into(),
                message,
                offer_save_as: true,
            });
            return false;
        }
        if !own_file && let Some(refusal) = self.refuse_to_replace(&path) {
            self.say(Event::Failed {
                title: "The project was not saved".into(),
                message: refusal,
                offer_save_as: true,
            });
            return false;
        }
        let waker = self.waker.clone();
        let Some(doc) = self.document_mut(id) else {
            return false;
        };
        let expected = match (&doc.on_disk, own_file && !over) {
            (Some(on_disk), true) => Some(on_disk.fingerprint),
            _ => None,
        };
        // Typing after this point belongs to a new undo step, so "saved" stays exact.
        doc.history.seal();
        let project = doc.project.clone();
        let revision = doc.history.revision();
        let target = path.clone();
        let source = doc.path.clone().filter(|_| !own_file);
        let job = Job::spawn(&waker, move |_| {
            save_checked(project, &target, expected, source.as_deref())
        });
        doc.work.saving = Some(SaveJob {
            path,
            revision,
            job,
        });
        true
    }

    /// Waits for every save under way to end and carries out what each found.
    pub fn wait_for_save(&mut self) {
        while self.is_saving() {
            let ids: Vec<DocId> = self.documents.iter().map(Document::id).collect();
            for id in ids {
                self.poll_save(id);
            }
            if self.is_saving() {
                std::thread::sleep(Duration::from_millis(2));
            }
        }
    }

    pub(super) fn poll_save(&mut self, id: DocId) {
        let Some(saving) = self.document_mut(id).and_then(|d| d.work.saving.as_mut()) else {
            return;
        };
        let outcome = match saving.job.poll() {
            Poll::Running => return,
            Poll::Done(outcome) => outcome,
            Poll::Lost => SaveOutcome::Failed(SaveError {
                path: saving.path.clone(),
                step: io::save::SaveStep::Write,
                source: std::io::Error::other("the saving thread stopped unexpectedly"),
            }),
        };
        let Some(doc) = self.document_mut(id) else {
            return;
        };
        let SaveJob { path, revision, .. } = doc.work.saving.take().expect("checked above");
        match outcome {
            SaveOutcome::Saved { fingerprint, base } => {
                self.relock(id, &path);
                if let Some(doc) = self.document_mut(id) {
                    if doc.path.as_deref() != Some(path.as_path())
                        && let Some(file) = doc.autosave.file.take()
                    {
                        // Saved under a new name: the old name's recovery copy has served.
                        let _ = std::fs::remove_file(file);
                    }
                    doc.path = Some(path.clone());
                    doc.history.mark_saved(revision);
                    doc.on_disk = Some(OnDisk::new(fingerprint, base));
                    if !doc.history.is_dirty() {
                        self.forget_recovery_copy(id);
                    }
                }
                self.watch(id);
                self.say(Event::Opened(path.clone()));
                self.say(Event::Info(format!("Saved {}", path.display())));
                self.say(Event::Saved {
                    doc: id,
                    path,
                    wrote: true,
                });
            }
            SaveOutcome::ChangedOnDisk(bytes) => {
                let asked = self.save_found_change(id, &path, bytes);
                if !self.document(id).is_some_and(|d| d.history.is_dirty()) {
                    // Someone had saved exactly what we have.
                    self.say(Event::Saved {
                        doc: id,
                        path,
                        wrote: false,
                    });
                } else if !asked {
                    // It changed, but only to content already put off or unreadable: say so
                    // rather than overwrite.
                    self.say(Event::Failed {
                        title: "The project was not saved".into(),
                        message: format!(
                            "{} was changed on disk by someone else since you opened it, so it was not overwritten. Save your version under another name, or reopen the file to see theirs.",
                            path.display()
                        ),
                        offer_save_as: true,
                    });
                    self.say(Event::NotSaved { doc: id });
                }
            }
            SaveOutcome::Failed(error) => {
                self.say(Event::Failed {
                    title: "The project was not saved".into(),
                    message: error.to_string(),
                    offer_save_as: true,
                });
                self.say(Event::NotSaved { doc: id });
            }
        }
    }

    /// Why saving over `path` (not the open project's own file) must not happen, if so: the
    /// file is read-only, or someone has it open for editing.
    pub fn refuse_to_replace(&self, path: &Path) -> Option<String> {
        if !path.exists() {
            return None;
        }
        if let Some(reason) = unwritable(path) {
            return Some(format!(
                "{} cannot be replaced: {reason}. Choose another name.",
                path.display()
            ));
        }
        let found = lock::find(path).filter(|f| f.stale.is_none())?;
        let who = found
            .holder
            .as_ref()
            .map(|h| h.who())
            .unwrap_or_else(|| "someone".into());
        Some(format!(
            "{who} has {} open for editing; saving over it would undo their work. Choose another name.",
            path.display()
        ))
    }

    /// After a Save As: the lock moves to the new file, which this instance now edits.
    fn relock(&mut self, id: DocId, path: &Path) {
        let holder = self.lock_holder();
        let Some(doc) = self.document_mut(id) else {
            return;
        };
        if doc
            .lock
            .as_ref()
            .is_some_and(|l| same_file(l.path(), &lock::lock_path(path)))
        {
            return;
        }
        doc.lock = None;
        doc.read_only = None;
        doc.lock = match lock::acquire(path, &holder) {
            Ok(Acquired::Locked(lock)) => Some(lock),
            Ok(Acquired::HeldBy(found)) if found.stale.is_some() => {
                lock::take_over(path, &holder).ok()
            }
            _ => None,
        };
    }

    /// Copies unsaved changes to the recovery folder after a pause in editing (or at least
    /// every minute while editing goes on). Returns when it next wants a look.
    pub(super) fn autosave(&mut self, id: DocId) -> Option<Duration> {
        let store = self.recovery.clone();
        let (after, at_least_every) = (self.autosave_after, self.autosave_at_least_every);
        let waker = self.waker.clone();
        let doc = self.document_mut(id)?;
        if let Some(job) = doc.work.autosaving.as_mut() {
            let result = match job.poll() {
                Poll::Running => return None,
                Poll::Done(result) => result,
                Poll::Lost => Err(SaveError {
                    path: store
                        .as_ref()
                        .map(|s| s.dir().to_path_buf())
                        .unwrap_or_default(),
                    step: io::save::SaveStep::Write,
                    source: std::io::Error::other("the writing thread stopped unexpectedly"),
                }),
            };
            doc.work.autosaving = None;
            if let Some(stale) = doc.work.stale_copy.take() {
                // Given up while it was being written: the write must not bring it back.
                super::recovery::remove(&stale);
            }
            match result {
                Ok(()) => doc.work.autosave_failed = false,
                Err(error) => {
                    // Try again after the next pause rather than give up on this revision.
                    doc.autosave.written = None;
                    doc.autosave.base_written = None;
                    if !doc.work.autosave_failed {
                        doc.work.autosave_failed = true;
                        self.problem(format!(
                            "Unsaved changes could not be copied to the recovery folder: {error}"
                        ));
                    }
                }
            }
        }
        let store = store?;
        let doc = self.document_mut(id)?;
        let revision = doc.history.revision();
        let now = Instant::now();
        let changed_at = match doc.autosave.seen {
            Some((seen, at)) if seen == revision => at,
            _ => {
                doc.autosave.seen = Some((revision, now));
                now
            }
        };
        if !doc.history.is_dirty() {
            // Saved, or undone back to what is on disk: nothing to recover.
            if doc.autosave.written.take().is_some()
                && let Some(file) = &doc.autosave.file
            {
                store.remove(file);
                doc.autosave.base_written = None;
            }
            doc.autosave.waiting_since = None;
            return None;
        }
        if doc.autosave.written == Some(revision) {
            return None;
        }
        // Someone who never pauses still gets a copy: no edit waits longer than this.
        let waiting = now.duration_since(*doc.autosave.waiting_since.get_or_insert(changed_at));
        let idle = now.duration_since(changed_at);
        if idle < after && waiting < at_least_every {
            return Some((after - idle).min(at_least_every - waiting));
        }
        let file = match &doc.autosave.file {
            Some(file) => file.clone(),
            None => {
                let file = store.file_for(doc.path.as_deref(), doc.generation());
                doc.autosave.file = Some(file.clone());
                file
            }
        };
        let base = doc
            .on_disk
            .as_ref()
            .map(|d| (d.fingerprint.hash, d.base.clone()));
        let write_base = base.as_ref().map(|(hash, _)| *hash) != doc.autosave.base_written;
        doc.autosave.base_written = base.as_ref().map(|(hash, _)| *hash);
        doc.autosave.written = Some(revision);
        doc.autosave.waiting_since = None;
        let project = doc.project.clone();
        let original = doc.path.clone();
        doc.work.autosaving = Some(Job::spawn(&waker, move |_| {
            let base = base.as_ref().map(|(hash, base)| (*hash, base.as_ref()));
            store.write(&file, original.as_deref(), &project, base, write_base)
        }));
        None
    }

    /// The open project's recovery copy is no longer needed (saved, or changes given up).
    pub fn forget_recovery_copy(&mut self, id: DocId) {
        let Some(doc) = self.document_mut(id) else {
            return;
        };
        if let Some(file) = doc.autosave.file.take() {
            super::recovery::remove(&file);
            if doc.work.autosaving.is_some() {
                // A write of it is under way; remove it again once that ends.
                doc.work.stale_copy = Some(file);
            }
        }
        doc.autosave.written = None;
        doc.autosave.base_written = None;
    }
}

#[cfg(test)]
mod tests {
    use crate::edit::commands::Command;
    use crate::edit::history::Edit;
    use crate::session::Session;

    fn retitle(session: &mut Session, title: &str) {
        let id = session.current().unwrap();
        let mut programme = session.doc().unwrap().project.programme.clone();
        programme.title = title.into();
        session
            .apply(
                id,
                Edit::new(Command::SetProgramme(Box::new(programme)), "Title"),
            )
            .unwrap();
    }

    #[test]
    fn saves_keep_the_label_and_save_as_carries_it_to_a_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let block = "// Regional plan, shared with the field offices.\n\n";
        let canonical = crate::io::to_ron(&crate::testing::sample());
        std::fs::write(&path, format!("{block}{canonical}")).unwrap();

        let mut session = Session::default();
        session.open_path(&path);
        let id = session.current().unwrap();
        retitle(&mut session, "Revised");
        assert!(session.save(id, path.clone()));
        session.wait_for_save();
        let project = session.doc().unwrap().project.clone();
        let expected = format!("{block}{}", crate::io::to_ron(&project));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);

        // The fingerprint is of the bytes written, block included: a second save is not
        // taken for a change on disk.
        retitle(&mut session, "Revised again");
        assert!(session.save(id, path.clone()));
        session.wait_for_save();
        assert!(!session.doc().unwrap().history.is_dirty());
        let project = session.doc().unwrap().project.clone();
        assert!(std::fs::read_to_string(&path).unwrap().starts_with(block));

        // Save As to a new file: a copy keeps its label.
        let copy = dir.path().join("copy.ron");
        assert!(session.save(id, copy.clone()));
        session.wait_for_save();
        assert_eq!(
            std::fs::read_to_string(&copy).unwrap(),
            format!("{block}{}", crate::io::to_ron(&project))
        );

        // Save As over an existing file keeps the block of the file it replaces (here none).
        let other = dir.path().join("other.ron");
        std::fs::write(&other, &canonical).unwrap();
        assert!(session.save(id, other.clone()));
        session.wait_for_save();
        assert_eq!(
            std::fs::read_to_string(&other).unwrap(),
            crate::io::to_ron(&project)
        );
    }
}
