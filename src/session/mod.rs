//! Living with project files that other people open too, as plain Rust with no window: the
//! open documents, the lock beside each file, noticing when a file changed on disk, merging,
//! recovery copies of unsaved changes, and the background jobs that do the slow parts.
//!
//! The window drives a [`Session`] and shows what it says: each call may leave [`Event`]s
//! (questions to ask, notices, problems) that the window takes with [`Session::take_events`];
//! the user's answers come back through the `answer_*` methods.

mod changes;
pub mod disk;
mod document;
pub mod import;
pub mod jobs;
pub mod lock;
mod open;
pub mod portfolio;
pub mod recovery;
mod save;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

pub use changes::DiskChoice;
pub use document::{Autosave, DocId, Document, OnDisk, Revision};
pub use open::OpenChoice;

use crate::edit::history::{Edit, History};
use crate::model::Project;
use jobs::{Job, Waker};
use recovery::{Recovered, RecoveryStore};

/// How often the open file is compared with the disk where no change events arrive (network
/// shares), and at once when the window gets the focus back.
pub const DISK_CHECK_EVERY: Duration = Duration::from_secs(3);
/// Unsaved changes are copied to the recovery folder after this long without an edit...
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(20);
/// ...or, for someone who never pauses that long, at least this often.
pub const AUTOSAVE_AT_LEAST_EVERY: Duration = Duration::from_secs(60);
/// Files larger than this are read and parsed on a worker thread, with progress shown. Below
/// it an open takes well under a tenth of a second (a 10,000-activity file is about 6 MB and
/// opens in about 40 ms), too short for progress to mean anything.
pub const OPEN_IN_BACKGROUND_ABOVE: u64 = 8 * 1024 * 1024;

/// Something the window should show or ask, in the order it happened.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A passing message for the status bar.
    Info(String),
    /// A problem for the status bar; the work goes on.
    Problem(String),
    /// Something the user asked for did not happen: a dialog with the reason.
    Failed {
        title: String,
        message: String,
        /// Whether saving elsewhere is the way out.
        offer_save_as: bool,
    },
    /// A question only the user can answer; the answer comes back through `answer_*`.
    Ask(Question),
    /// The document now shown is another one (opened, recovered, replaced): views forget
    /// their selections.
    Replaced,
    /// A file was opened or saved under this path: one for the recent files.
    Opened(PathBuf),
    /// Messages shown so far are out of date (a file was opened with nothing to say).
    ClearNotice,
    /// The save asked for is done, or found the file already holding what we have: what was
    /// to follow it may go ahead.
    Saved {
        doc: DocId,
        path: PathBuf,
        wrote: bool,
    },
    /// The save asked for did not happen; what was to follow it should not happen either,
    /// unless the user answers a question about the file on disk with "keep mine".
    NotSaved { doc: DocId },
    /// The system asked the program to end; unsaved changes were kept for recovery.
    Terminated,
    /// A file to import has been read and checked on a worker: the review can be shown.
    ImportRead(Box<import::ImportRead>),
}

/// A question the session needs answered before it goes on.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    /// Someone else has the file open for editing. Answer with [`Session::answer_file_in_use`].
    FileInUse { name: String, message: String },
    /// A recovery copy with unsaved changes was found for the file being opened. Answer with
    /// [`Session::answer_recover`].
    Recover {
        name: String,
        written: String,
        changes: Vec<String>,
        /// Said when the file changed since the copy was made.
        note: Option<String>,
        /// Fields both the copy and the file changed: restoring keeps the copy's.
        conflicts: Vec<String>,
    },
    /// The open file changed on disk. Answer with [`Session::answer_disk_change`].
    DiskChanged {
        doc: DocId,
        name: String,
        /// Whether we have unsaved changes of our own.
        dirty: bool,
        /// Opened read-only: saving over the file is not offered.
        read_only: bool,
        ours: Vec<String>,
        theirs: Vec<String>,
        conflicts: Vec<String>,
    },
}

/// The open documents and everything running on their behalf. Any number of documents can
/// be open; one of them is current (the one the window shows and edits).
pub struct Session {
    documents: Vec<Document>,
    current: Option<DocId>,
    /// Where unsaved changes are copied for recovery after a crash; `None` turns it off.
    pub recovery: Option<RecoveryStore>,
    /// Who this instance says it is in the locks it leaves beside files.
    pub me: lock::Holder,
    /// Unsaved changes are copied for recovery after this long without an edit...
    pub autosave_after: Duration,
    /// ...and no edit waits longer than this for its copy, however busy the editing.
    pub autosave_at_least_every: Duration,
    pub open_in_background_above: u64,
    /// Files to import larger than this are read and checked on a worker.
    pub import_in_background_above: u64,
    /// Whether open files are watched for changes (on in the window). Off, the disk is
    /// compared only when asked (`poll` with `focused`), which keeps tests deterministic.
    pub watch_files: bool,
    /// Set from outside (SIGTERM or SIGHUP at logout or shutdown): keep unsaved changes for
    /// recovery, unlock the file, and end.
    pub terminate: Arc<AtomicBool>,
    /// Recovery copies of work nobody will reopen by file, for the start page.
    pub orphans: Vec<Recovered>,
    /// The portfolio shown, if one is open: its members read-only, one of them perhaps
    /// also open as a document for editing.
    pub portfolio: Option<portfolio::OpenPortfolio>,
    waker: Waker,
    events: Vec<Event>,
    opening: Option<open::OpenJob>,
    pending_open: Option<open::PendingOpen>,
    finding_orphans: Option<Job<Vec<Recovered>>>,
    importing: Option<import::ImportJob>,
}

impl Default for Session {
    fn default() -> Self {
        Session::new(Waker::none())
    }
}

impl Session {
    /// An empty session; `waker` is called from worker threads when something is ready.
    pub fn new(waker: Waker) -> Self {
        Session {
            documents: Vec::new(),
            current: None,
            recovery: None,
            me: lock::Holder::me(),
            autosave_after: AUTOSAVE_AFTER,
            autosave_at_least_every: AUTOSAVE_AT_LEAST_EVERY,
            open_in_background_above: OPEN_IN_BACKGROUND_ABOVE,
            import_in_background_above: import::IMPORT_IN_BACKGROUND_ABOVE,
            watch_files: false,
            terminate: Default::default(),
            orphans: Vec::new(),
            portfolio: None,
            waker,
            events: Vec::new(),
            opening: None,
            pending_open: None,
            finding_orphans: None,
            importing: None,
        }
    }

    /// Replaces the waker (the window has one only once it exists).
    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = waker;
    }

    /// What happened since the last call, oldest first.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    fn say(&mut self, event: Event) {
        self.events.push(event);
    }

    fn problem(&mut self, text: impl Into<String>) {
        self.say(Event::Problem(text.into()));
    }

    /// The current document: the one the window shows.
    pub fn doc(&self) -> Option<&Document> {
        self.current.and_then(|id| self.document(id))
    }

    pub fn doc_mut(&mut self) -> Option<&mut Document> {
        let id = self.current?;
        self.document_mut(id)
    }

    pub fn current(&self) -> Option<DocId> {
        self.current
    }

    /// Makes another open document the current one.
    pub fn select(&mut self, id: DocId) {
        if self.document(id).is_some() {
            self.current = Some(id);
        }
    }

    /// Every open document, in the order they were opened.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    pub fn document(&self, id: DocId) -> Option<&Document> {
        self.documents.iter().find(|d| d.id() == id)
    }

    pub fn document_mut(&mut self, id: DocId) -> Option<&mut Document> {
        self.documents.iter_mut().find(|d| d.id() == id)
    }

    /// Whether the current document has unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.doc().is_some_and(|d| d.history.is_dirty())
    }

    /// Whether a save of any document is under way.
    pub fn is_saving(&self) -> bool {
        self.documents.iter().any(Document::is_saving)
    }

    /// The file being saved, while a save runs.
    pub fn saving_path(&self) -> Option<&Path> {
        self.documents
            .iter()
            .find_map(|d| d.work.saving.as_ref().map(|job| job.path.as_path()))
    }

    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    /// The large file being opened: its path, bytes read so far, and its size.
    pub fn opening_progress(&self) -> Option<(&Path, u64, u64)> {
        self.opening
            .as_ref()
            .map(|job| (job.path.as_path(), job.job.progress(), job.total))
    }

    /// Whether a file is still being opened or waits for an answer before it is shown.
    pub fn is_busy_opening(&self) -> bool {
        self.opening.is_some() || self.pending_open.is_some()
    }

    /// Whether a recovery copy is being written.
    pub fn is_writing_recovery(&self) -> bool {
        self.documents.iter().any(|d| d.work.autosaving.is_some())
    }

    /// Whether a file is being read again because it changed on disk.
    pub fn is_reading_disk(&self) -> bool {
        self.documents.iter().any(|d| d.work.disk_read.is_some())
    }

    /// Carries out whatever the background work has finished, and the checks that are due.
    /// `focused` says the window just got the focus back (the disk is compared at once);
    /// `question_open` that a question is being shown (the disk waits until it is answered).
    /// Returns how long until the session next needs a look if nothing wakes it sooner.
    pub fn poll(&mut self, focused: bool, question_open: bool) -> Option<Duration> {
        self.poll_orphans();
        let ids: Vec<DocId> = self.documents.iter().map(Document::id).collect();
        for &id in &ids {
            self.poll_save(id);
        }
        if self.take_termination() {
            return None;
        }
        self.poll_open();
        self.poll_import();
        let mut due = self.poll_portfolio(focused && !question_open);
        for id in ids {
            let disk = self.check_disk(id, focused, question_open);
            let autosave = self.autosave(id);
            due = [due, disk, autosave].into_iter().flatten().min();
        }
        due
    }

    /// A new, empty project in place of the current document.
    pub fn new_project(&mut self, project: Project) -> DocId {
        self.close_current();
        self.add(Document::new(project, None))
    }

    /// Closes the current document (its unsaved changes were saved or given up).
    pub fn close_current(&mut self) {
        if let Some(id) = self.current {
            self.close(id);
        }
    }

    /// Closes a document; its recovery copy has served.
    pub fn close(&mut self, id: DocId) {
        self.forget_recovery_copy(id);
        self.documents.retain(|d| d.id() != id);
        if self.current == Some(id) {
            self.current = self.documents.last().map(Document::id);
        }
    }

    /// Shows `project` in place of the current document, with a fresh history (no unsaved
    /// changes).
    pub fn open_project(&mut self, project: Project, path: Option<PathBuf>) -> DocId {
        self.close_current();
        self.add(Document::new(project, path))
    }

    /// Adds a document and makes it the current one; its file is watched.
    fn add(&mut self, doc: Document) -> DocId {
        let id = doc.id();
        self.documents.push(doc);
        self.current = Some(id);
        self.watch(id);
        id
    }

    /// Applies an edit to a document.
    pub fn apply(&mut self, id: DocId, edit: Edit) -> Result<(), String> {
        if self.opening.is_some() {
            // The project on screen is about to be replaced; an edit now would be lost.
            return Err("Wait until the file being opened is ready, or cancel opening it.".into());
        }
        let Some(doc) = self.document_mut(id) else {
            return Ok(());
        };
        doc.history
            .apply(&mut doc.project, edit)
            .map_err(|e| e.to_string())
    }

    pub fn undo(&mut self, id: DocId) -> Result<(), String> {
        self.step_history(id, true)
    }

    pub fn redo(&mut self, id: DocId) -> Result<(), String> {
        self.step_history(id, false)
    }

    fn step_history(&mut self, id: DocId, back: bool) -> Result<(), String> {
        if self.opening.is_some() {
            return Err("Wait until the file being opened is ready, or cancel opening it.".into());
        }
        let Some(doc) = self.document_mut(id) else {
            return Ok(());
        };
        let result = if back {
            doc.history.undo(&mut doc.project)
        } else {
            doc.history.redo(&mut doc.project)
        };
        result.map(|_| ()).map_err(|e| e.to_string())
    }

    /// The field being typed in lost focus: the next keystroke starts a new undo step.
    pub fn end_typing(&mut self, id: DocId) {
        if let Some(doc) = self.document_mut(id) {
            doc.history.seal();
        }
    }

    /// Looks for recovered work to offer on the start page, on a worker thread (every copy
    /// is read and parsed to tell whose it is).
    pub fn find_orphans(&mut self) {
        let Some(store) = self.recovery.clone() else {
            self.orphans.clear();
            return;
        };
        self.finding_orphans = Some(Job::spawn(&self.waker, move |_| store.orphans()));
    }

    /// Waits for the orphans being looked for (tests, and callers that need them now).
    pub fn wait_for_orphans(&mut self) {
        if let Some(job) = self.finding_orphans.take() {
            self.orphans = job.wait().unwrap_or_default();
        }
    }

    fn poll_orphans(&mut self) {
        let Some(job) = self.finding_orphans.as_mut() else {
            return;
        };
        match job.poll() {
            jobs::Poll::Running => {}
            jobs::Poll::Done(orphans) => {
                self.orphans = orphans;
                self.finding_orphans = None;
            }
            jobs::Poll::Lost => self.finding_orphans = None,
        }
    }

    /// A recovery copy from the start page thrown away.
    pub fn discard_recovered(&mut self, file: &Path) {
        recovery::remove(file);
        self.orphans.retain(|o| o.file != file);
        self.find_orphans();
    }

    /// Opens a recovery copy from the start page as a new project with unsaved changes; its
    /// copy keeps being updated until it is saved or discarded.
    pub fn open_recovered(&mut self, file: &Path) {
        match crate::io::load(file) {
            Ok(project) => {
                let mut doc = Document::new(project, None);
                doc.history = History::new(true);
                doc.autosave.file = Some(file.to_path_buf());
                self.close_current();
                self.add(doc);
                self.say(Event::Replaced);
                self.orphans.retain(|o| o.file != file);
                self.say(Event::Info(
                    "Recovered work opened; save it to keep it.".into(),
                ));
            }
            Err(error) => self.say(Event::Failed {
                title: "The recovered work could not be opened".into(),
                message: error.to_string(),
                offer_save_as: false,
            }),
        }
    }

    /// The system asked the program to end (logout, shutdown, `kill`): there is no one to ask
    /// about unsaved changes, so they go to the recovery folder now and the lock is removed.
    fn take_termination(&mut self) -> bool {
        if !self.terminate.swap(false, Ordering::Relaxed) {
            return false;
        }
        if let Some(store) = self.recovery.clone() {
            for doc in self.documents.iter_mut().filter(|d| d.history.is_dirty()) {
                let own = store.file_for(doc.path.as_deref(), doc.generation());
                let file = doc.autosave.file.get_or_insert(own).clone();
                let base = doc
                    .on_disk
                    .as_ref()
                    .map(|d| (d.fingerprint.hash, d.base.as_ref()));
                let _ = store.write(&file, doc.path.as_deref(), &doc.project, base, true);
            }
        }
        self.unlock();
        self.say(Event::Terminated);
        true
    }

    /// Hears the system ask the program to end (SIGTERM or SIGHUP at logout or shutdown, or
    /// `kill`): the next poll keeps unsaved changes for recovery, removes the locks and says
    /// [`Event::Terminated`]. Without it the process would end with its locks left behind and
    /// recent edits not yet copied. Once per process; later calls change nothing.
    pub fn end_on_system_signal(&self) {
        let (terminate, waker) = (self.terminate.clone(), self.waker.clone());
        let _ = ctrlc::set_handler(move || {
            terminate.store(true, Ordering::Relaxed);
            waker.wake();
        });
    }

    /// Removes our locks, for others (the window is closing).
    pub fn unlock(&mut self) {
        for doc in &mut self.documents {
            doc.lock = None;
        }
    }

    fn lock_holder(&self) -> lock::Holder {
        lock::Holder {
            since: lock::now(),
            ..self.me.clone()
        }
    }
}

/// Whether two paths name one file (through links and `..`), as far as the disk can tell.
pub fn same_file(a: &Path, b: &Path) -> bool {
    a == b || canonical(a) == canonical(b)
}

/// A path's canonical form, remembered once found: the portfolio panel asks for each member
/// every frame, and a file system call per member and frame shows in the frame time. A path
/// that cannot be resolved (a file not written yet) is asked again next time.
fn canonical(path: &Path) -> PathBuf {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static KNOWN: OnceLock<Mutex<HashMap<PathBuf, PathBuf>>> = OnceLock::new();
    let known = KNOWN.get_or_init(Default::default);
    if let Some(found) = known.lock().ok().and_then(|k| k.get(path).cloned()) {
        return found;
    }
    match std::fs::canonicalize(path) {
        // A relative path means another file after a change of folder.
        Ok(found) if path.is_absolute() => {
            if let Ok(mut k) = known.lock() {
                k.insert(path.to_path_buf(), found.clone());
            }
            found
        }
        Ok(found) => found,
        Err(_) => path.to_path_buf(),
    }
}

/// A file's name for messages: its last part, or the whole path where it has none.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// One line per changed entity, for the questions.
fn describe_changes(before: &Project, after: &Project) -> Vec<String> {
    crate::edit::merge::diff(before, after)
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// A conflict as the questions show it: what, and the two values.
fn conflict_line(conflict: &crate::edit::merge::Conflict) -> String {
    match &conflict.field {
        Some(field) => format!(
            "{}, {field}: yours {}, theirs {}",
            conflict.entity, conflict.ours, conflict.theirs
        ),
        None => format!("{}: {}", conflict.entity, conflict.reason),
    }
}

/// Why the file at `path` cannot be saved over, if it cannot: marked read-only, or not
/// writable for this user. Opening it for appending writes nothing and asks the system itself.
pub fn unwritable(path: &Path) -> Option<String> {
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
