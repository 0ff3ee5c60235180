//! Unsaved changes kept safe from crashes and power cuts: a copy of the open project written
//! to the user's own data folder (never over their file, never onto the share) after a short
//! pause in editing, offered back when the file is opened again, removed once saved or
//! discarded.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{LoadError, SaveError};
use crate::model::Project;

const ORIGINAL_PREFIX: &str = "// Workplan recovery of: ";
const UNTITLED: &str = "(a project never saved)";
const WRITTEN_PREFIX: &str = "// Written: ";

/// The folder recovery files live in.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
}

/// A recovery file found on disk.
#[derive(Debug)]
pub struct Recovered {
    pub file: PathBuf,
    /// The project file these changes belong to; `None` for a project never saved.
    pub original: Option<PathBuf>,
    pub written: Option<DateTime<Utc>>,
    pub project: Result<Project, LoadError>,
}

impl RecoveryStore {
    pub fn new(dir: PathBuf) -> Self {
        RecoveryStore { dir }
    }

    /// `WORKPLAN_RECOVERY_DIR` if set, else the platform's local (not roaming) data folder:
    /// `$XDG_DATA_HOME/workplan/recovery`, `~/.local/share/workplan/recovery`, or
    /// `%LOCALAPPDATA%\Workplan\recovery`.
    pub fn default_location() -> Option<Self> {
        let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let dir = if let Some(dir) = env("WORKPLAN_RECOVERY_DIR") {
            PathBuf::from(dir)
        } else if cfg!(windows) {
            PathBuf::from(env("LOCALAPPDATA")?)
                .join("Workplan")
                .join("recovery")
        } else if let Some(data) = env("XDG_DATA_HOME") {
            PathBuf::from(data).join("workplan").join("recovery")
        } else {
            PathBuf::from(env("HOME")?)
                .join(".local/share")
                .join("workplan")
                .join("recovery")
        };
        Some(RecoveryStore { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the recovery copy of `original` goes. The same project file always maps to the
    /// same name, so reopening it finds its changes; a name never saved gets one of its own.
    pub fn file_for(&self, original: Option<&Path>, untitled: u64) -> PathBuf {
        match original {
            Some(path) => {
                let canonical = canonical(path);
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let stem: String = stem
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
                    .take(40)
                    .collect();
                let key = fnv1a(canonical.to_string_lossy().as_bytes());
                self.dir.join(format!("{stem}-{key:016x}.ron"))
            }
            None => self
                .dir
                .join(format!("untitled-{}-{untitled}.ron", std::process::id())),
        }
    }

    /// Writes the recovery copy atomically, creating the folder if needed.
    pub fn write(
        &self,
        file: &Path,
        original: Option<&Path>,
        project: &Project,
    ) -> Result<(), SaveError> {
        if let Err(source) = std::fs::create_dir_all(&self.dir) {
            return Err(SaveError {
                path: file.to_path_buf(),
                step: super::save::SaveStep::CreateTemporary,
                source,
            });
        }
        let original = original
            .map(|p| {
                canonical(p)
                    .display()
                    .to_string()
                    .replace(['\n', '\r'], " ")
            })
            .unwrap_or_else(|| UNTITLED.into());
        let text = format!(
            "{ORIGINAL_PREFIX}{original}\n{WRITTEN_PREFIX}{}\n{}",
            Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            super::to_ron(project)
        );
        super::save::write_atomic(file, text.as_bytes())
    }

    /// The recovery copy of `original`, if one is waiting.
    pub fn find(&self, original: &Path) -> Option<Recovered> {
        let file = self.file_for(Some(original), 0);
        file.exists().then(|| read(&file))
    }

    /// Every recovery copy in the folder, newest first.
    pub fn list(&self) -> Vec<Recovered> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<Recovered> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .map(|p| read(&p))
            .collect();
        found.sort_by_key(|r| std::cmp::Reverse(r.written));
        found
    }

    /// Recovery copies no running instance will pick up by opening a file: projects never
    /// saved whose program has ended, and copies whose file is gone. Offered on the start page.
    pub fn orphans(&self) -> Vec<Recovered> {
        self.list()
            .into_iter()
            .filter(|r| match &r.original {
                Some(original) => !original.exists(),
                None => untitled_writer(&r.file).is_none_or(super::lock::process_is_gone),
            })
            .collect()
    }

    pub fn remove(&self, file: &Path) {
        let _ = std::fs::remove_file(file);
    }
}

/// The process that wrote an untitled project's copy, from its name `untitled-PID-N.ron`.
fn untitled_writer(file: &Path) -> Option<u32> {
    file.file_name()?
        .to_str()?
        .strip_prefix("untitled-")?
        .split('-')
        .next()?
        .parse()
        .ok()
}

fn read(file: &Path) -> Recovered {
    let project = super::load(file);
    let head = std::fs::read_to_string(file).unwrap_or_default();
    let mut lines = head.lines();
    let original = lines
        .next()
        .and_then(|l| l.strip_prefix(ORIGINAL_PREFIX))
        .filter(|p| *p != UNTITLED)
        .map(PathBuf::from);
    let written = lines
        .next()
        .and_then(|l| l.strip_prefix(WRITTEN_PREFIX))
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc));
    Recovered {
        file: file.to_path_buf(),
        original,
        written,
        project,
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A hash that stays the same across program versions, so a recovery file written before an
/// upgrade is still found after it.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_finds_and_removes_a_recovery_copy() {
        let data = tempfile::tempdir().unwrap();
        let work = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(data.path().join("recovery"));
        let original = work.path().join("plan.ron");
        let mut project = Project::new(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        crate::io::save(&project, &original).unwrap();
        assert!(store.find(&original).is_none());

        project.programme.title = "Edited, not saved".into();
        let file = store.file_for(Some(&original), 0);
        store.write(&file, Some(&original), &project).unwrap();
        let found = store.find(&original).expect("found again by the same path");
        assert_eq!(found.file, file);
        assert_eq!(
            found.original.as_deref(),
            Some(canonical(&original).as_path())
        );
        assert!(found.written.is_some());
        assert_eq!(found.project.unwrap(), project);
        assert_eq!(store.list().len(), 1);

        // Another file of the same name elsewhere is another project.
        let elsewhere = data.path().join("plan.ron");
        assert_ne!(store.file_for(Some(&elsewhere), 0), file);

        store.remove(&file);
        assert!(store.find(&original).is_none());
        assert!(store.list().is_empty());
    }

    #[test]
    fn untitled_projects_are_listed_without_an_original() {
        let data = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(data.path().to_path_buf());
        let project = Project::new(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let file = store.file_for(None, 7);
        store.write(&file, None, &project).unwrap();
        let list = store.list();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].original, None);
        assert!(list[0].project.is_ok());
        assert!(
            store.orphans().is_empty(),
            "its writer, this process, still runs"
        );

        let mut ended = std::process::Command::new("true").spawn().unwrap();
        let dead = ended.id();
        ended.wait().unwrap();
        let left = data.path().join(format!("untitled-{dead}-3.ron"));
        std::fs::rename(&file, &left).unwrap();
        assert_eq!(store.orphans().len(), 1);

        // A copy whose file was deleted since is an orphan too.
        let gone = data.path().join("gone.ron");
        let copy = store.file_for(Some(&gone), 0);
        store.write(&copy, Some(&gone), &project).unwrap();
        assert_eq!(store.orphans().len(), 2);
    }
}
