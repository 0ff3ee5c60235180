//! Reading and checking a file of activities to import into the current document: at once
//! when it is small, on a worker when it is large, so the window keeps answering while a
//! workbook of many thousand rows is read. The result comes back as [`Event::ImportRead`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::jobs::{Job, Poll};
use super::{DocId, Event, Revision, Session};
use crate::exchange::import::{self, Checked, FileKind, ImportOptions, NameChoice};
use crate::exchange::table::Table;
use crate::model::Project;

/// Files larger than this are read and checked on a worker (about 5,000 rows of CSV; a
/// workbook of that size holds more). Below it the review appears at once.
pub const IMPORT_IN_BACKGROUND_ABOVE: u64 = 1024 * 1024;

/// The columns a user mapped, per set of headers (`import::columns::headers_key`).
pub type ColumnMaps = BTreeMap<String, Vec<(String, String)>>;

/// A file read and checked against a document as it was.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportRead {
    pub doc: DocId,
    /// The document's state the check saw: a review applied later checks again if it moved.
    pub revision: Revision,
    pub path: PathBuf,
    pub bytes: Arc<Vec<u8>>,
    pub kind: FileKind,
    pub table: Table,
    pub options: ImportOptions,
    /// The check, every unknown name answered "add"; or why the file cannot be imported as
    /// its columns stand (the review lets the user map them).
    pub checked: Result<Checked, String>,
}

pub(super) struct ImportJob {
    path: PathBuf,
    job: Job<Result<ImportRead, String>>,
}

/// Reads `path` and checks it against `project`, with the columns remembered for its headers.
fn read_and_check(
    project: &Project,
    doc: DocId,
    revision: Revision,
    path: &Path,
    maps: &ColumnMaps,
) -> Result<ImportRead, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("{}: {}", path.display(), crate::io::describe_io_error(&e)))?;
    let kind = FileKind::of(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut options = ImportOptions::default();
    let table = import::read_table(kind, &bytes, &options)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let key = import::columns::headers_key(&table.headers);
    options.map = maps.get(&key).cloned().unwrap_or_default();
    let checked = import::check_with_choices(project, &table, &options, &[], NameChoice::Add)
        .map_err(|e| e.to_string());
    Ok(ImportRead {
        doc,
        revision,
        path: path.to_path_buf(),
        bytes: Arc::new(bytes),
        kind,
        table,
        options,
        checked,
    })
}

impl Session {
    /// Reads and checks `path` for import into the current document. A small file is done at
    /// once and returned; a large one is read on a worker and comes back as
    /// [`Event::ImportRead`] (a file that cannot be read, as [`Event::Failed`]).
    pub fn start_import(&mut self, path: &Path, maps: &ColumnMaps) -> Option<Box<ImportRead>> {
        let doc = self.doc()?;
        let (id, revision) = (doc.id(), doc.revision());
        let large = std::fs::metadata(path)
            .map(|m| m.len() > self.import_in_background_above)
            .unwrap_or(false);
        if !large {
            return match read_and_check(&doc.project, id, revision, path, maps) {
                Ok(read) => Some(Box::new(read)),
                Err(message) => {
                    self.say(failed(message));
                    None
                }
            };
        }
        let (project, path_buf, maps) = (doc.project.clone(), path.to_path_buf(), maps.clone());
        let job = Job::spawn(&self.waker, move |_| {
            read_and_check(&project, id, revision, &path_buf, &maps)
        });
        self.importing = Some(ImportJob {
            path: path.to_path_buf(),
            job,
        });
        None
    }

    /// The file being read for import, if any.
    pub fn importing(&self) -> Option<&Path> {
        self.importing.as_ref().map(|i| i.path.as_path())
    }

    /// Drops the import being read; its result is never shown.
    pub fn cancel_import(&mut self) {
        self.importing = None;
    }

    pub(super) fn poll_import(&mut self) {
        let Some(importing) = self.importing.as_mut() else {
            return;
        };
        let result = match importing.job.poll() {
            Poll::Running => return,
            Poll::Done(result) => result,
            Poll::Lost => Err(format!(
                "{}: reading the file stopped unexpectedly",
                importing.path.display()
            )),
        };
        self.importing = None;
        match result {
            Ok(read) => self.say(Event::ImportRead(Box::new(read))),
            Err(message) => self.say(failed(message)),
        }
    }
}

fn failed(message: String) -> Event {
    Event::Failed {
        title: "The file could not be imported".into(),
        message,
        offer_save_as: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_is_read_on_a_worker_and_a_small_one_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("plan.csv");
        let project = crate::testing::sample();
        std::fs::write(&csv, crate::exchange::activity_csv::write(&project)).unwrap();
        let mut session = Session::default();
        session.new_project(project);
        let read = session
            .start_import(&csv, &ColumnMaps::new())
            .expect("at once");
        assert_eq!(read.checked.as_ref().unwrap().import.unchanged, 12);
        assert!(session.importing().is_none());

        session.import_in_background_above = 0;
        assert!(session.start_import(&csv, &ColumnMaps::new()).is_none());
        assert_eq!(session.importing(), Some(csv.as_path()));
        let read = loop {
            session.poll(false, false);
            let mut events = session.take_events();
            if let Some(Event::ImportRead(read)) = events.pop() {
                break read;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        assert_eq!(read.checked.as_ref().unwrap().import.unchanged, 12);
        assert!(session.importing().is_none());

        let missing = dir.path().join("missing.csv");
        session.import_in_background_above = u64::MAX;
        assert!(session.start_import(&missing, &ColumnMaps::new()).is_none());
        assert!(matches!(
            session.take_events().as_slice(),
            [Event::Failed { title, .. }] if title == "The file could not be imported"
        ));
    }
}
