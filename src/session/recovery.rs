//! Unsaved changes kept safe from crashes and power cuts: a copy of the open project written
//! to the user's own data folder (never over their file, never onto the share) after a short
//! pause in editing, offered back when the file is opened again, removed once saved or
//! discarded.
//!
//! Each copy is named after its project file and the process that wrote it, so two windows
//! on one file never share (or delete) each other's copy, and a copy is only offered once its
//! writer has ended. Beside it, the version of the file it started from (`.base`), so that a
//! colleague's save made since can be merged rather than undone.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::io::{LoadError, SaveError};
use crate::model::Project;

const ORIGINAL_PREFIX: &str = "// Workplan recovery of: ";
const UNTITLED: &str = "(a project never saved)";
const WRITTEN_PREFIX: &str = "// Written: ";
const BASED_ON_PREFIX: &str = "// Based on: ";

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
    /// The content hash (see [`super::disk::content_hash`]) of the file the changes were
    /// made to, when it had been read from or saved to disk.
    pub based_on: Option<u64>,
    pub project: Result<Project, LoadError>,
}

impl Recovered {
    /// The process that wrote the copy, from its name `….PID.ron`.
    pub fn writer(&self) -> Option<u32> {
        writer_of(&self.file)
    }

    /// Whether the program that wrote the copy has ended, so that it is not in use.
    pub fn is_abandoned(&self) -> bool {
        self.writer().is_none_or(|pid| {
            pid != std::process::id() && super::lock::process_has_ended(pid, self.written)
        })
    }

    /// The version of the file these changes started from, if it was kept.
    pub fn base(&self) -> Option<Project> {
        crate::io::load(&base_file(&self.file)).ok()
    }
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

    /// Where this process keeps the recovery copy of `original` (or of untitled project
    /// number `untitled`).
    pub fn file_for(&self, original: Option<&Path>, untitled: u64) -> PathBuf {
        let pid = std::process::id();
        match original {
            Some(path) => self.dir.join(format!("{}.{pid}.ron", key_of(path))),
            None => self.dir.join(format!("untitled-{untitled}.{pid}.ron")),
        }
    }

    /// Writes the recovery copy atomically, creating the folder if needed. `base` is the file
    /// the changes started from, with its content hash; it is written beside the copy when
    /// `write_base` is set (once per version, as it does not change while editing).
    pub fn write(
        &self,
        file: &Path,
        original: Option<&Path>,
        project: &Project,
        base: Option<(u64, &Project)>,
        write_base: bool,
    ) -> Result<(), SaveError> {
        if let Err(source) = std::fs::create_dir_all(&self.dir) {
            return Err(SaveError {
                path: file.to_path_buf(),
                step: crate::io::save::SaveStep::CreateTemporary,
                source,
            });
        }
        if let Some((_, base)) = base
            && write_base
        {
            crate::io::save::write_atomic(&base_file(file), crate::io::to_ron(base).as_bytes())?;
        }
        let original = original
            .map(|p| {
                canonical(p)
                    .display()
                    .to_string()
                    .replace(['\n', '\r'], " ")
            })
            .unwrap_or_else(|| UNTITLED.into());
        let based_on = base
            .map(|(hash, _)| format!("{BASED_ON_PREFIX}{hash:016x}\n"))
            .unwrap_or_default();
        let text = format!(
            "{ORIGINAL_PREFIX}{original}\n{WRITTEN_PREFIX}{}\n{based_on}{}",
            Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            crate::io::to_ron(project)
        );
        crate::io::save::write_atomic(file, text.as_bytes())
    }

    /// The newest recovery copy of `original` left by a program that has ended, if any.
    /// Copies of windows still open on it (here, or in another running instance) are theirs.
    pub fn find(&self, original: &Path) -> Option<Recovered> {
        let prefix = format!("{}.", key_of(original));
        self.list()
            .into_iter()
            .filter(|r| {
                r.file
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix))
            })
            .find(Recovered::is_abandoned)
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
            .filter(|r| r.is_abandoned() && r.original.as_ref().is_none_or(|o| !o.exists()))
            .collect()
    }

    /// Removes a recovery copy and the base kept beside it.
    pub fn remove(&self, file: &Path) {
        remove(file);
    }
}

/// Removes a recovery copy and the base kept beside it.
pub fn remove(file: &Path) {
    let _ = std::fs::remove_file(file);
    let _ = std::fs::remove_file(base_file(file));
}

/// The same project file always gives the same key, so reopening it finds its copies; another
/// file of the same name elsewhere gives another.
fn key_of(path: &Path) -> String {
    let stem: String = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .take(40)
        .collect();
    let hash = fnv1a(canonical(path).to_string_lossy().as_bytes());
    format!("{stem}-{hash:016x}")
}

fn base_file(file: &Path) -> PathBuf {
    file.with_extension("base")
}

fn writer_of(file: &Path) -> Option<u32> {
    let stem = file.file_stem()?.to_str()?;
    stem.rsplit('.').next()?.parse().ok()
}

fn read(file: &Path) -> Recovered {
    let project = crate::io::load(file);
    let head = std::fs::read_to_string(file).unwrap_or_default();
    let header = |prefix: &str| {
        head.lines()
            .take(3)
            .find_map(|l| l.strip_prefix(prefix))
            .map(str::to_string)
    };
    Recovered {
        file: file.to_path_buf(),
        original: header(ORIGINAL_PREFIX)
            .filter(|p| p != UNTITLED)
            .map(PathBuf::from),
        written: header(WRITTEN_PREFIX)
            .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
            .map(|t| t.with_timezone(&Utc)),
        based_on: header(BASED_ON_PREFIX).and_then(|h| u64::from_str_radix(&h, 16).ok()),
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

    fn ended_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    /// The copy as the ended process `pid` would have named it.
    fn left_by(file: &Path, pid: u32) -> PathBuf {
        let stem = file.file_stem().unwrap().to_str().unwrap();
        let (key, _) = stem.rsplit_once('.').unwrap();
        let moved = file.with_file_name(format!("{key}.{pid}.ron"));
        std::fs::rename(file, &moved).unwrap();
        let _ = std::fs::rename(base_file(file), base_file(&moved));
        moved
    }

    fn project() -> Project {
        Project::new(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
    }

    #[test]
    fn a_copy_is_found_once_its_writer_has_ended() {
        let data = tempfile::tempdir().unwrap();
        let work = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(data.path().join("recovery"));
        let original = work.path().join("plan.ron");
        let mut edited = project();
        crate::io::save(&edited, &original).unwrap();
        assert!(store.find(&original).is_none());

        edited.programme.title = "Edited, not saved".into();
        let file = store.file_for(Some(&original), 0);
        store
            .write(
                &file,
                Some(&original),
                &edited,
                Some((42, &project())),
                true,
            )
            .unwrap();
        assert!(
            store.find(&original).is_none(),
            "this process's own copy is in use"
        );
        let left = left_by(&file, ended_pid());
        let found = store.find(&original).expect("found by the same path");
        assert_eq!(found.file, left);
        assert_eq!(
            found.original.as_deref(),
            Some(canonical(&original).as_path())
        );
        assert!(found.written.is_some());
        assert_eq!(found.based_on, Some(42));
        assert_eq!(found.base(), Some(project()));
        assert_eq!(found.project.unwrap(), edited);

        // Another file of the same name elsewhere is another project.
        let elsewhere = data.path().join("plan.ron");
        assert!(store.find(&elsewhere).is_none());

        store.remove(&left);
        assert!(store.find(&original).is_none());
        assert!(!base_file(&left).exists());
        assert!(store.list().is_empty());
    }

    #[test]
    fn untitled_and_orphaned_copies() {
        let data = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(data.path().to_path_buf());
        let file = store.file_for(None, 7);
        store.write(&file, None, &project(), None, false).unwrap();
        let list = store.list();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].original, None);
        assert!(list[0].project.is_ok());
        assert!(
            store.orphans().is_empty(),
            "its writer, this process, still runs"
        );
        left_by(&file, ended_pid());
        assert_eq!(store.orphans().len(), 1);

        // A copy whose file was deleted since is an orphan too, once its writer has ended.
        let gone = data.path().join("gone.ron");
        let copy = store.file_for(Some(&gone), 0);
        store
            .write(&copy, Some(&gone), &project(), None, false)
            .unwrap();
        assert_eq!(store.orphans().len(), 1);
        left_by(&copy, ended_pid());
        assert_eq!(store.orphans().len(), 2);
    }
}
