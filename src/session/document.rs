//! An open project: its data, where it lives, its edit history, and what this session knows
//! of the file on disk (the version read, our lock, our recovery copy).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::edit::history::History;
use crate::model::Project;
use crate::session::disk::Fingerprint;
use crate::session::lock::Lock;

/// An open project: its data, where it lives, and its edit history.
pub struct Document {
    pub project: Project,
    pub path: Option<PathBuf>,
    pub history: History,
    /// Tells documents apart, for caches of derived data.
    generation: u64,
    /// How the file looked when last read or written; `None` for a project never saved.
    pub on_disk: Option<OnDisk>,
    /// Our lock beside the file, while we have it open for editing.
    pub lock: Option<Lock>,
    /// Why the file is open read-only (someone else is editing it); Save then asks for
    /// another name.
    pub read_only: Option<String>,
    pub autosave: Autosave,
    /// The background work running for this document.
    pub(super) work: Work,
}

/// Tells the documents of a session apart; stays the same while a document is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DocId(pub(super) u64);

/// What runs in the background for one document, and what waits for the user about it.
#[derive(Default)]
pub(super) struct Work {
    pub saving: Option<super::save::SaveJob>,
    pub autosaving: Option<super::jobs::Job<Result<(), crate::io::SaveError>>>,
    pub autosave_failed: bool,
    /// A recovery copy given up while its write was under way.
    pub stale_copy: Option<PathBuf>,
    pub disk_read: Option<super::jobs::Job<std::io::Result<super::changes::DiskRead>>>,
    pub disk_change: Option<super::changes::DiskChange>,
    pub watcher: Option<super::watch::Watcher>,
}

impl Drop for Work {
    /// A recovery copy given up while it was being written must not outlive the document:
    /// wait for the write (it takes milliseconds), then remove it.
    fn drop(&mut self) {
        if let Some(job) = self.autosaving.take() {
            job.wait();
        }
        if let Some(stale) = self.stale_copy.take() {
            super::recovery::remove(&stale);
        }
    }
}

/// Which state of which document a view sees: derived data computed for one revision stays
/// valid until it changes. Undo returns to an earlier revision, whose data is the same again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Revision {
    document: u64,
    edit: u64,
}

/// Counts documents opened, and the revisions of projects that are not documents.
static OPENED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn next_generation() -> u64 {
    OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Revision {
    /// A revision no document has, nor any other `fresh` one: for a project that is not a
    /// document (a portfolio's members combined), taken anew each time it changes.
    pub fn fresh() -> Revision {
        Revision {
            document: next_generation(),
            edit: 0,
        }
    }
}

impl Document {
    /// A freshly opened or created document: no history, nothing unsaved.
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        Document {
            project,
            path,
            history: History::new(false),
            generation: next_generation(),
            on_disk: None,
            lock: None,
            read_only: None,
            autosave: Default::default(),
            work: Work::default(),
        }
    }

    pub fn id(&self) -> DocId {
        DocId(self.generation)
    }

    /// Whether a save of this document is under way.
    pub fn is_saving(&self) -> bool {
        self.work.saving.is_some()
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

    /// A file name for a project never saved: from the programme's code or title.
    pub fn suggested_file_name(&self) -> String {
        if let Some(name) = self.path.as_deref().and_then(Path::file_name) {
            return name.to_string_lossy().into_owned();
        }
        let p = &self.project.programme;
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

    pub fn display_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled project".into())
    }
}

/// What the file looked like when this document last read or wrote it.
pub struct OnDisk {
    pub fingerprint: Fingerprint,
    /// The project as in that file: the common ancestor for a merge.
    pub base: Arc<Project>,
    /// Content already shown to the user and put off ("Decide later"), or unreadable.
    pub(crate) dismissed: Option<u64>,
    pub(crate) missing_reported: bool,
}

impl OnDisk {
    pub fn new(fingerprint: Fingerprint, base: Arc<Project>) -> Self {
        OnDisk {
            fingerprint,
            base,
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
    pub(crate) base_written: Option<u64>,
    /// Since when the oldest edit not yet in a copy has waited.
    pub(crate) waiting_since: Option<Instant>,
    pub(crate) seen: Option<(u64, Instant)>,
}
