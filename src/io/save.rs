use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::Project;

/// The canonical text of a project: pretty RON, fields in declaration order, defaults left
/// out, one trailing newline. The same project always gives the same bytes.
///
/// Indented with tabs, lists written inline (`[1, 2]`, `[(\n...\n), (\n...\n)]`): half the
/// size of four-space indentation with one line per element, so large files read and write
/// faster. Written by a fast writer of exactly ron's output for [`canonical_config`], with ron
/// itself for anything that writer does not handle.
pub fn to_ron(project: &Project) -> String {
    let mut text = super::fast_write::to_string(project).unwrap_or_else(|_| {
        ron::ser::to_string_pretty(project, canonical_config()).expect(
            "a project holds only strings, numbers, dates and lists, which RON can always write",
        )
    });
    text.push('\n');
    text
}

pub(crate) fn canonical_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("\t")
        .compact_arrays(true)
        .new_line("\n")
        .struct_names(false)
}

/// A stage of an atomic save, named in errors and used to inject failures in tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStep {
    CreateTemporary,
    Write,
    Flush,
    Rename,
}

#[derive(Debug)]
pub struct SaveError {
    pub path: PathBuf,
    pub step: SaveStep,
    pub source: std::io::Error,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use std::io::ErrorKind::*;
        let folder = self
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .display();
        let reason = match self.source.kind() {
            PermissionDenied => {
                format!("you do not have permission to write in the folder {folder}")
            }
            ReadOnlyFilesystem => format!("the folder {folder} is on a read-only disk or share"),
            StorageFull | QuotaExceeded | FileTooLarge => {
                "the disk is full (or your quota is used up)".into()
            }
            NotFound => format!(
                "the folder {folder} does not exist any more (was a network drive disconnected?)"
            ),
            IsADirectory => "a folder of that name is in the way".into(),
            _ => format!("{} failed: {}", self.step_name(), self.source),
        };
        write!(
            f,
            "Could not save {}: {reason}. The file on disk was not changed; your project is still open.",
            self.path.display()
        )
    }
}

impl SaveError {
    fn step_name(&self) -> &'static str {
        match self.step {
            SaveStep::CreateTemporary => "creating a temporary file",
            SaveStep::Write => "writing",
            SaveStep::Flush => "flushing to disk",
            SaveStep::Rename => "replacing the file",
        }
    }
}

impl std::error::Error for SaveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Saves `project` to `path` atomically (see [`write_atomic`]).
pub fn save(project: &Project, path: &Path) -> Result<(), SaveError> {
    write_atomic(path, to_ron(project).as_bytes())
}

/// Replaces `path` with `bytes` so that at every moment the file on disk is either the old
/// one or the new one, complete: write a temporary file beside it, flush it to disk, rename
/// it over the target, then flush the folder. On failure the target is untouched and the
/// temporary file removed. An existing file keeps its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic_with(path, bytes, &mut |_| Ok(()))
}

/// [`write_atomic`] with `before_step` called before each step; an error from it aborts the
/// save at that step, as a real failure there would. For testing failure handling.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    before_step: &mut dyn FnMut(SaveStep) -> std::io::Result<()>,
) -> Result<(), SaveError> {
    // Save through a symbolic link to the file it points at, keeping the link.
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    };
    let fail = |step, source| SaveError {
        path: path.to_path_buf(),
        step,
        source,
    };
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into());
    let existing = std::fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(|m| m.is_dir()) {
        return Err(fail(
            SaveStep::CreateTemporary,
            std::io::Error::from(std::io::ErrorKind::IsADirectory),
        ));
    }

    before_step(SaveStep::CreateTemporary).map_err(|e| fail(SaveStep::CreateTemporary, e))?;
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{file_name}.");
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // As for any new file: 0666 less the user's umask, not tempfile's private 0600.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder
        .tempfile_in(&folder)
        .map_err(|e| fail(SaveStep::CreateTemporary, e))?;
    if let Some(meta) = &existing {
        std::fs::set_permissions(temporary.path(), meta.permissions())
            .map_err(|e| fail(SaveStep::CreateTemporary, e))?;
    }

    before_step(SaveStep::Write).map_err(|e| fail(SaveStep::Write, e))?;
    temporary
        .write_all(bytes)
        .map_err(|e| fail(SaveStep::Write, e))?;
    before_step(SaveStep::Flush).map_err(|e| fail(SaveStep::Flush, e))?;
    temporary
        .as_file()
        .sync_all()
        .map_err(|e| fail(SaveStep::Flush, e))?;
    before_step(SaveStep::Rename).map_err(|e| fail(SaveStep::Rename, e))?;
    temporary
        .persist(&target)
        .map_err(|e| fail(SaveStep::Rename, e.error))?;
    // Make the rename itself durable. Not every platform can open a folder to sync it; the
    // new file is in place either way.
    if let Ok(dir) = std::fs::File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}
