//! Living with a file other people open too: the lock beside it, noticing when it changed on
//! disk, autosaving unsaved changes to a recovery copy, and opening large files without
//! freezing the window.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::actions::Action;
use super::app::{Document, Notice, WorkplanApp};
use super::dialogs::Modal;
use crate::history::Edit;
use crate::io::disk::{self, Compared, Fingerprint};
use crate::io::lock::{self, Acquired, Lock};
use crate::io::{self, LoadError, SaveError};
use crate::model::Project;

/// How often the open file is compared with the disk while the window is in use (and at
/// once when the window gets the focus back).
pub const DISK_CHECK_EVERY: Duration = Duration::from_secs(3);
/// Unsaved changes are copied to the recovery folder after this long without an edit...
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(20);
/// ...or, for someone who never pauses that long, at least this often.
pub const AUTOSAVE_AT_LEAST_EVERY: Duration = Duration::from_secs(60);
/// Files larger than this are read and parsed on a worker thread, with progress shown. Below
/// it an open takes well under a tenth of a second (a 10,000-activity file is about 6 MB and
/// opens in about 40 ms), too short for progress to mean anything.
pub const OPEN_IN_BACKGROUND_ABOVE: u64 = 8 * 1024 * 1024;

/// The answer to "someone else has this file open".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenChoice {
    ReadOnly,
    Anyway,
    Cancel,
}

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

/// What the file looked like when this document last read or wrote it.
pub struct OnDisk {
    pub fingerprint: Fingerprint,
    /// The project as in that file: the common ancestor for a merge.
    pub base: Arc<Project>,
    checked: Instant,
    /// Content already shown to the user and put off ("Decide later"), or unreadable.
    dismissed: Option<u64>,
    missing_reported: bool,
}

impl OnDisk {
    pub fn new(fingerprint: Fingerprint, base: Arc<Project>) -> Self {
        OnDisk {
            fingerprint,
            base,
            checked: Instant::now(),
            dismissed: None,
            missing_reported: false,
        }
    }
}

/// The recovery copy of one document.
#[derive(Default)]
pub struct Autosave {
    /// Where this document's recovery copy goes, once one has been written.
    pub file: Option<PathBuf>,
    /// The revision last written there (or being written).
    pub written: Option<u64>,
    /// The content hash of the base kept beside the copy.
    base_written: Option<u64>,
    last_write: Option<Instant>,
    seen: Option<(u64, Instant)>,
}

/// A file read and parsed, waiting for the lock and recovery questions before it is shown.
pub(super) struct PendingOpen {
    path: PathBuf,
    project: Project,
    fingerprint: Fingerprint,
    lock: Option<Lock>,
    read_only: Option<String>,
    held_by: Option<lock::Found>,
    /// A recovery copy found for the file, and the project restoring it would give.
    recovered: Option<(PathBuf, Project)>,
    notes: Vec<String>,
}

/// A large file being read on a worker thread.
pub(super) struct OpenJob {
    pub path: PathBuf,
    pub read: Arc<AtomicU64>,
    pub total: u64,
    result: Receiver<Result<Loaded, LoadError>>,
}

pub(super) struct Loaded {
    project: Project,
    fingerprint: Fingerprint,
}

/// The version on disk that differs from ours, while the user decides.
pub(super) struct DiskChange {
    theirs: Project,
    fingerprint: Fingerprint,
    /// What to do after saving, when the change was found by a save (Quit after Save).
    then: Option<Action>,
}

/// The file read again on a worker thread because its size or time changed.
pub(super) struct DiskRead {
    path: PathBuf,
    fingerprint: Fingerprint,
    theirs: Result<Project, LoadError>,
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

/// Reads and parses a project file, keeping what it looked like on disk.
fn read_and_parse(path: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<Loaded, LoadError> {
    let bytes = io::read(path, progress)?;
    let project = io::load_bytes(path, &bytes)?;
    Ok(Loaded {
        fingerprint: Fingerprint::of(path, &bytes),
        project,
    })
}

/// Saves `project` to `path` unless the file there no longer matches `expected` (someone
/// else saved it since we read it). Runs on the save worker.
pub(super) fn save_checked(
    project: Project,
    path: &Path,
    expected: Option<Fingerprint>,
) -> SaveOutcome {
    if let Some(expected) = expected
        && let Compared::Changed(bytes) = disk::compare(path, &expected)
    {
        return SaveOutcome::ChangedOnDisk(bytes);
    }
    let text = io::to_ron(&project);
    match io::save::write_atomic(path, text.as_bytes()) {
        Ok(()) => SaveOutcome::Saved {
            fingerprint: Fingerprint::of(path, text.as_bytes()),
            base: Arc::new(project),
        },
        Err(error) => SaveOutcome::Failed(error),
    }
}

/// Whether two paths name one file (through links and `..`), as far as the disk can tell.
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canonical(a) == canonical(b)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// One line per changed entity, for the dialogs.
fn describe_changes(before: &Project, after: &Project) -> Vec<String> {
    crate::merge::diff(before, after)
        .iter()
        .map(ToString::to_string)
        .collect()
}

impl WorkplanApp {
    /// Opens `path` in place of the current project; on failure the current project stays.
    /// Large files are read on a worker thread while the window shows how far it got.
    pub fn open_path(&mut self, path: &Path) {
        if self.opening.is_some() {
            self.notify_error("Another file is still being opened.");
            return;
        }
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size <= self.open_in_background_above {
            let result = read_and_parse(path, &mut |_, _| {});
            self.opened(path.to_path_buf(), result);
            return;
        }
        let read = Arc::new(AtomicU64::new(0));
        let (sender, receiver) = std::sync::mpsc::channel();
        let (target, counter) = (path.to_path_buf(), read.clone());
        std::thread::spawn(move || {
            let result = read_and_parse(&target, &mut |done, _| {
                counter.store(done, Ordering::Relaxed);
            });
            let _ = sender.send(result);
        });
        self.opening = Some(OpenJob {
            path: path.to_path_buf(),
            read,
            total: size,
            result: receiver,
        });
    }

    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    pub(super) fn poll_open(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.opening else { return };
        let result = match job.result.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(50));
                return;
            }
            Err(TryRecvError::Disconnected) => Err(LoadError::one(
                &job.path,
                io::FileProblem::new("reading the file stopped unexpectedly"),
            )),
        };
        let job = self.opening.take().expect("checked above");
        self.opened(job.path, result);
    }

    /// "Cancel" while a large file is read: the worker finishes on its own; its result is
    /// dropped.
    pub(super) fn cancel_open(&mut self) {
        self.opening = None;
    }

    fn opened(&mut self, path: PathBuf, result: Result<Loaded, LoadError>) {
        let loaded = match result {
            Ok(loaded) => loaded,
            Err(error) => {
                self.modal = Some(Modal::Error {
                    title: "The project could not be opened".into(),
                    message: error.to_string(),
                    offer_save_as: false,
                });
                return;
            }
        };
        // The current project is being replaced (its unsaved changes were saved or given up
        // before we got here), so its recovery copy has served.
        self.forget_recovery_copy();
        self.pending_open = Some(PendingOpen {
            path,
            project: loaded.project,
            fingerprint: loaded.fingerprint,
            lock: None,
            read_only: None,
            held_by: None,
            recovered: None,
            notes: Vec::new(),
        });
        self.decide_lock();
    }

    fn decide_lock(&mut self) {
        let holder = self.lock_holder();
        let Some(pending) = self.pending_open.as_mut() else {
            return;
        };
        // Opening again the file we have open: our own lock carries over.
        if let Some(doc) = self.doc.as_mut()
            && doc.lock.is_some()
            && doc
                .path
                .as_deref()
                .is_some_and(|p| same_file(p, &pending.path))
        {
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
                self.modal = Some(Modal::FileInUse {
                    name: file_name(&pending.path),
                    message: found.describe(&pending.path),
                });
                pending.held_by = Some(found);
                return;
            }
            Err(e) => pending.notes.push(no_lock_note(&e)),
        }
        self.decide_recovery();
    }

    /// The answer to the "in use" question.
    pub(super) fn open_locked(&mut self, choice: OpenChoice) {
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
        let Some(found) = self.recovery.as_ref().and_then(|s| s.find(&pending.path)) else {
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
            let merged = crate::merge::merge(&base, &recovered, &pending.project);
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
            io::recovery::remove(&found.file);
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
        self.modal = Some(Modal::Recover {
            name: file_name(&pending.path),
            written,
            changes: describe_changes(&pending.project, &restored),
            note,
            conflicts,
        });
        pending.recovered = Some((found.file, restored));
    }

    /// The answer to "restore the unsaved changes?".
    pub(super) fn restore_recovered(&mut self, restore: bool) {
        if !restore
            && let Some((file, _)) = self.pending_open.as_mut().and_then(|p| p.recovered.take())
        {
            io::recovery::remove(&file);
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
                crate::commands::Command::ReplaceProject(Box::new(recovered)),
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
                            io::recovery::remove(&file);
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
        self.doc = Some(doc);
        self.reset_view_state();
        self.remember_recent(&pending.path);
        self.notice = (!pending.notes.is_empty()).then(|| Notice {
            text: pending.notes.join(" "),
            is_error: false,
        });
    }

    /// Why saving over `path` (not the open project's own file) must not happen, if so: the
    /// file is read-only, or someone has it open for editing.
    pub(super) fn refuse_to_replace(&self, path: &Path) -> Option<String> {
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

    pub(super) fn lock_holder(&self) -> lock::Holder {
        lock::Holder {
            since: lock::now(),
            ..self.me.clone()
        }
    }

    /// After a Save As: the lock moves to the new file, which this instance now edits.
    pub(super) fn relock(&mut self, path: &Path) {
        let holder = self.lock_holder();
        let Some(doc) = self.doc.as_mut() else { return };
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

    /// Compares the open file with the disk now and then, and when the window gets the
    /// focus back; keeps our lock fresh. A file whose size or time changed is read again on a
    /// worker thread, so a large one never freezes the window.
    pub(super) fn check_disk(&mut self, ctx: &egui::Context) {
        self.poll_disk_read(ctx);
        let Some(doc) = self.doc.as_mut() else { return };
        let Some(path) = doc.path.clone() else { return };
        if let Some(lock) = doc.lock.as_mut()
            && let Some(other) = lock.keep_fresh()
        {
            doc.lock = None;
            self.notify_error(&format!(
                "{} opened {} for editing too (they chose to open it anyway). Saving still checks for their changes first.",
                other.who(),
                file_name(&path)
            ));
        }
        // Wake up for the next check even if nobody touches the window.
        ctx.request_repaint_after(DISK_CHECK_EVERY);
        if self.modal.is_some()
            || self.saving.is_some()
            || self.pending_open.is_some()
            || self.disk_read.is_some()
        {
            return;
        }
        let focused = ctx.input(|i| {
            i.raw
                .events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        let Some(doc) = self.doc.as_mut() else { return };
        let Some(on_disk) = doc.on_disk.as_mut() else {
            return;
        };
        if !focused && on_disk.checked.elapsed() < DISK_CHECK_EVERY {
            return;
        }
        on_disk.checked = Instant::now();
        match disk::metadata_differs(&path, &on_disk.fingerprint) {
            Ok(false) => on_disk.missing_reported = false,
            Ok(true) => {
                on_disk.missing_reported = false;
                let (sender, receiver) = std::sync::mpsc::channel();
                std::thread::spawn(move || {
                    let read = std::fs::read(&path).map(|bytes| DiskRead {
                        fingerprint: Fingerprint::of(&path, &bytes),
                        theirs: io::load_bytes(&path, &bytes),
                        path,
                    });
                    let _ = sender.send(read);
                });
                self.disk_read = Some(receiver);
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
                    self.notify_error(&format!(
                        "{} is no longer there ({reason}). Your project is still open: Save writes it again, or use Save As.",
                        path.display()
                    ));
                }
            }
        }
    }

    fn poll_disk_read(&mut self, ctx: &egui::Context) {
        let Some(receiver) = &self.disk_read else {
            return;
        };
        let read = match receiver.try_recv() {
            Ok(read) => read,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(50));
                return;
            }
            Err(TryRecvError::Disconnected) => {
                self.disk_read = None;
                return;
            }
        };
        self.disk_read = None;
        // It vanished or became unreadable between the two looks: the next check says so.
        let Ok(read) = read else { return };
        let Some(doc) = self.doc.as_mut() else { return };
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
        self.disk_changed_to(&read.path, read.fingerprint, read.theirs, None);
    }

    /// A save found the file changed on disk: show what changed, even content put off
    /// earlier ("Decide later"), since now it is about to be overwritten.
    pub(super) fn save_found_change(&mut self, path: &Path, bytes: Vec<u8>, then: Option<Action>) {
        if let Some(on_disk) = self.doc.as_mut().and_then(|d| d.on_disk.as_mut()) {
            on_disk.dismissed = None;
        }
        let theirs = io::load_bytes(path, &bytes);
        self.disk_changed_to(path, Fingerprint::of(path, &bytes), theirs, then);
    }

    /// The file on disk is not what we read or wrote: work out what changed and ask.
    fn disk_changed_to(
        &mut self,
        path: &Path,
        fingerprint: Fingerprint,
        theirs: Result<Project, LoadError>,
        then: Option<Action>,
    ) {
        let Some(doc) = self.doc.as_mut() else { return };
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
                self.notify_error(&format!(
                    "{} was changed on disk, but the new version cannot be read ({}). Your project is still open as it was; saving will ask before replacing it.",
                    file_name(path),
                    error.lines().first().cloned().unwrap_or_default()
                ));
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
        let merged = crate::merge::merge(&base, &doc.project, &theirs);
        self.modal = Some(Modal::DiskChanged {
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
        });
        self.disk_change = Some(DiskChange {
            theirs,
            fingerprint,
            then,
        });
    }

    /// The answer to "the file changed on disk".
    pub(super) fn resolve_disk_change(&mut self, choice: DiskChoice) {
        let Some(change) = self.disk_change.take() else {
            return;
        };
        let Some(doc) = self.doc.as_mut() else { return };
        match choice {
            DiskChoice::Later => {
                if let Some(on_disk) = doc.on_disk.as_mut() {
                    on_disk.dismissed = Some(change.fingerprint.hash);
                }
            }
            DiskChoice::SaveMineElsewhere => {
                if let Some(on_disk) = doc.on_disk.as_mut() {
                    on_disk.dismissed = Some(change.fingerprint.hash);
                }
                self.perform(Action::SaveAs, true);
            }
            DiskChoice::KeepMine => {
                if let Some(path) = doc.path.clone() {
                    self.start_save_over(path, change.then);
                }
            }
            DiskChoice::Reload | DiskChoice::TakeTheirs => {
                let theirs = change.theirs.clone();
                let edit = Edit::new(
                    crate::commands::Command::ReplaceProject(Box::new(change.theirs)),
                    "Take the version on disk",
                );
                match doc.history.apply(&mut doc.project, edit) {
                    Ok(()) => {
                        let revision = doc.history.revision();
                        doc.history.mark_saved(revision);
                        doc.on_disk = Some(OnDisk::new(change.fingerprint, Arc::new(theirs)));
                        self.forget_recovery_copy();
                        self.notice = Some(Notice {
                            text: "Showing the version on disk (Undo brings back what you had)."
                                .into(),
                            is_error: false,
                        });
                    }
                    Err(e) => {
                        self.notify_error(&format!("The version on disk could not be shown: {e}"))
                    }
                }
            }
            DiskChoice::Merge | DiskChoice::MergeKeepingMine => {
                let Some(on_disk) = doc.on_disk.as_ref() else {
                    return;
                };
                let merged = crate::merge::merge(&on_disk.base, &doc.project, &change.theirs);
                if !merged.conflicts.is_empty() && choice == DiskChoice::Merge {
                    self.notify_error(
                        "The changes touch the same fields on both sides and cannot be merged.",
                    );
                    return;
                }
                let edit = Edit::new(
                    crate::commands::Command::ReplaceProject(Box::new(merged.project)),
                    "Merge the changes on disk",
                );
                match doc.history.apply(&mut doc.project, edit) {
                    Ok(()) => {
                        doc.history.forget_saved();
                        doc.on_disk =
                            Some(OnDisk::new(change.fingerprint, Arc::new(change.theirs)));
                        self.notice = Some(Notice {
                            text:
                                "Merged the changes on disk with yours; save to write the result."
                                    .into(),
                            is_error: false,
                        });
                    }
                    Err(e) => self.notify_error(&format!("The merge could not be applied: {e}")),
                }
            }
        }
    }

    /// Copies unsaved changes to the recovery folder after a pause in editing (or at least
    /// every minute while editing goes on).
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        if let Some(receiver) = &self.autosaving {
            let result = match receiver.try_recv() {
                Ok(result) => result,
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(100));
                    return;
                }
                Err(TryRecvError::Disconnected) => Err(SaveError {
                    path: self
                        .recovery
                        .as_ref()
                        .map(|s| s.dir().to_path_buf())
                        .unwrap_or_default(),
                    step: io::save::SaveStep::Write,
                    source: std::io::Error::other("the writing thread stopped unexpectedly"),
                }),
            };
            self.autosaving = None;
            match result {
                Ok(()) => self.autosave_failed = false,
                Err(error) => {
                    // Try again after the next pause rather than give up on this revision.
                    if let Some(doc) = self.doc.as_mut() {
                        doc.autosave.written = None;
                        doc.autosave.base_written = None;
                    }
                    if !self.autosave_failed {
                        self.autosave_failed = true;
                        self.notify_error(&format!(
                            "Unsaved changes could not be copied to the recovery folder: {error}"
                        ));
                    }
                }
            }
        }
        let Some(store) = self.recovery.clone() else {
            return;
        };
        let after = self.autosave_after;
        let Some(doc) = self.doc.as_mut() else { return };
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
            return;
        }
        if doc.autosave.written == Some(revision) {
            return;
        }
        let idle = now.duration_since(changed_at);
        let overdue = doc
            .autosave
            .last_write
            .is_some_and(|t| now.duration_since(t) >= AUTOSAVE_AT_LEAST_EVERY);
        if idle < after && !overdue {
            ctx.request_repaint_after(after - idle);
            return;
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
        doc.autosave.last_write = Some(now);
        let project = doc.project.clone();
        let original = doc.path.clone();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let base = base.as_ref().map(|(hash, base)| (*hash, base.as_ref()));
            let _ =
                sender.send(store.write(&file, original.as_deref(), &project, base, write_base));
        });
        self.autosaving = Some(receiver);
        ctx.request_repaint_after(Duration::from_millis(100));
    }

    /// The open project's recovery copy is no longer needed (saved, or changes given up).
    pub(super) fn forget_recovery_copy(&mut self) {
        let Some(doc) = self.doc.as_mut() else { return };
        if let Some(file) = doc.autosave.file.take() {
            io::recovery::remove(&file);
        }
        doc.autosave.written = None;
        doc.autosave.base_written = None;
    }

    /// The system asked the program to end (logout, shutdown, `kill`): there is no one to ask
    /// about unsaved changes, so they go to the recovery folder now, the lock is removed, and
    /// the window closes.
    pub(super) fn on_termination(&mut self, ctx: &egui::Context) {
        if !self.terminate.swap(false, Ordering::Relaxed) {
            return;
        }
        if let Some(store) = self.recovery.clone()
            && let Some(doc) = self.doc.as_mut()
            && doc.history.is_dirty()
        {
            let own = store.file_for(doc.path.as_deref(), doc.generation());
            let file = doc.autosave.file.get_or_insert(own).clone();
            let base = doc
                .on_disk
                .as_ref()
                .map(|d| (d.fingerprint.hash, d.base.as_ref()));
            let _ = store.write(&file, doc.path.as_deref(), &doc.project, base, true);
        }
        if let Some(doc) = self.doc.as_mut() {
            doc.lock = None;
        }
        self.quit_confirmed = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// Looks for recovered work to offer on the start page.
    pub fn find_orphans(&mut self) {
        self.orphans = self
            .recovery
            .as_ref()
            .map(|s| s.orphans())
            .unwrap_or_default();
    }

    /// Opens a recovery copy from the start page as a new project with unsaved changes; its
    /// copy keeps being updated until it is saved or discarded.
    pub(super) fn open_recovered(&mut self, file: &Path) {
        match io::load(file) {
            Ok(project) => {
                let mut doc = Document::new(project, None);
                doc.history = crate::history::History::new(true);
                doc.autosave.file = Some(file.to_path_buf());
                self.doc = Some(doc);
                self.reset_view_state();
                self.orphans.retain(|o| o.file != file);
                self.notice = Some(Notice {
                    text: "Recovered work opened; save it to keep it.".into(),
                    is_error: false,
                });
            }
            Err(error) => {
                self.modal = Some(Modal::Error {
                    title: "The recovered work could not be opened".into(),
                    message: error.to_string(),
                    offer_save_as: false,
                });
            }
        }
    }

    /// The banner over a read-only document, and the progress of a large file being opened.
    pub(super) fn shared_file_banners(&mut self, ui: &mut egui::Ui) {
        if let Some(job) = &self.opening {
            let read = job.read.load(Ordering::Relaxed);
            let mut cancel = false;
            egui::Panel::top("opening").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
                    if read < job.total {
                        ui.label(format!(
                            "Opening {}: reading {:.0} of {:.0} MB…",
                            file_name(&job.path),
                            mb(read),
                            mb(job.total)
                        ));
                        ui.add(
                            egui::ProgressBar::new(read as f32 / job.total as f32)
                                .desired_width(160.0)
                                .show_percentage(),
                        );
                    } else {
                        // Parsing gives no progress of its own; the spinner shows it is alive.
                        ui.label(format!(
                            "Opening {}: checking the project ({:.0} MB)…",
                            file_name(&job.path),
                            mb(job.total)
                        ));
                    }
                    cancel = ui
                        .button("Cancel")
                        .on_hover_text("Stop opening this file")
                        .clicked();
                });
            });
            if cancel {
                self.cancel_open();
            }
        }
        let Some(reason) = self.doc.as_ref().and_then(|d| d.read_only.clone()) else {
            return;
        };
        let mut save_as = false;
        egui::Panel::top("read_only").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("Read-only: {reason}. Your changes can be kept with Save As."),
                );
                save_as = ui
                    .button("Save As…")
                    .on_hover_text("Save this project, with your changes, under another name")
                    .clicked();
            });
        });
        if save_as {
            self.perform_later(Action::SaveAs);
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

/// Why the file at `path` cannot be saved over, if it cannot: marked read-only, or not
/// writable for this user. Opening it for appending writes nothing and asks the system itself.
pub(super) fn unwritable(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.permissions().readonly() {
        return Some("the file is marked read-only".into());
    }
    match std::fs::OpenOptions::new().append(true).open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            Some("you do not have permission to change the file".into())
        }
        _ => None,
    }
}

/// A conflict as the dialogs show it: what, and the two values.
fn conflict_line(conflict: &crate::merge::Conflict) -> String {
    match &conflict.field {
        Some(field) => format!(
            "{}, {field}: yours {}, theirs {}",
            conflict.entity, conflict.ours, conflict.theirs
        ),
        None => format!("{}: {}", conflict.entity, conflict.reason),
    }
}
