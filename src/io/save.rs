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
    // `save` refuses what is nested deeper than loading accepts, so neither writer can run
    // away; ron's own recursion limit stays on behind them.
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
    /// Before anything is written: the project is one that loading would accept.
    Check,
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
            _ if self.step == SaveStep::Check => self.source.to_string(),
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
            SaveStep::Check => "checking the project",
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

/// The leading comment block of a project file's text: the whole lines before the first
/// token that are `//` comments or blank, byte for byte (after a byte order mark, which is not
/// part of it). Empty when the text does not start with a `//` line. People label shared files
/// this way, so a save writes it back; comments anywhere else are not kept.
pub fn leading_comments(text: &str) -> &str {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut end = 0;
    let mut comment_end = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_start();
        if content.starts_with("//") {
            end += line.len();
            comment_end = end;
        } else if content.is_empty() {
            // Blank lines belong to the block only with a comment before them.
            if comment_end == 0 {
                break;
            }
            end += line.len();
        } else {
            break;
        }
    }
    if comment_end == 0 {
        return "";
    }
    // A block running to the end of the text (no project after it) still ends its last line.
    let block = &text[..end];
    if block.ends_with('\n') {
        block
    } else {
        &text[..comment_end]
    }
}

/// The leading comment block of the file at `path` (see [`leading_comments`]); empty when
/// there is none or the file cannot be read. Reads only as far as the block goes.
pub fn comments_of(path: &Path) -> String {
    use std::io::BufRead;
    let Ok(file) = std::fs::File::open(path) else {
        return String::new();
    };
    let mut reader = std::io::BufReader::new(file);
    let mut head = Vec::new();
    loop {
        let start = head.len();
        match reader.read_until(b'\n', &mut head) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let line = &head[start..];
        let line = line.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(line);
        let content = line.trim_ascii_start();
        // The first token ends the block; a line that is neither comment nor blank is read
        // whole, so a huge one-line file is read whole: acceptable for a rare layout.
        if !(content.is_empty() || content.starts_with(b"//")) {
            break;
        }
        if head.len() > MAX_COMMENT_BYTES {
            return String::new();
        }
    }
    match std::str::from_utf8(&head) {
        Ok(text) => leading_comments(text).to_string(),
        // Cut inside a character after the block: the block itself is whole lines.
        Err(error) => {
            leading_comments(std::str::from_utf8(&head[..error.valid_up_to()]).unwrap_or(""))
                .to_string()
        }
    }
}

/// A label longer than this is not a label: such a block is not carried over.
const MAX_COMMENT_BYTES: usize = 1 << 20;

/// What a save writes: `comments` (a leading comment block, see [`leading_comments`]) and
/// then the canonical text.
pub fn file_text(project: &Project, comments: &str) -> String {
    let canonical = to_ron(project);
    if comments.is_empty() {
        return canonical;
    }
    let mut text = String::with_capacity(comments.len() + 1 + canonical.len());
    text.push_str(comments);
    if !comments.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&canonical);
    text
}

/// Saves `project` to `path` atomically (see [`write_atomic`]), keeping the leading comment
/// block of the file it replaces, unless it could not be opened again: then nothing is
/// written and the file on disk stays as it was.
pub fn save(project: &Project, path: &Path) -> Result<(), SaveError> {
    save_with_comments(project, path, &comments_of(path))
}

/// [`save`] with the given leading comment block instead of the replaced file's: for a new
/// file that should carry another file's label (a merge written beside its inputs).
pub fn save_with_comments(project: &Project, path: &Path, comments: &str) -> Result<(), SaveError> {
    if let Some((id, depth)) = super::load::too_deep_agenda_item(project) {
        return Err(SaveError {
            path: path.to_path_buf(),
            step: SaveStep::Check,
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                super::load::agenda_depth_message(id, depth),
            ),
        });
    }
    write_atomic(path, file_text(project, comments).as_bytes())
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
    // `.plan.ron.PID@HOST.RANDOM.tmp`: who wrote it, so that a later save can tell a
    // temporary file left by a killed save from one a live save is still writing.
    let prefix = format!(".{file_name}.{}.", Writer::this().token());
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
    remove_stale_temporaries(&folder, &file_name);
    Ok(())
}

/// A temporary file older than this is stale whoever wrote it: no save takes a day.
pub const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// The process writing a temporary file, as named in it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Writer {
    pid: u32,
    /// Letters, digits and `-` of the host name (a shared folder is written from many hosts,
    /// and a process id means something only on its own host); empty when unknown.
    host: String,
}

impl Writer {
    fn this() -> Writer {
        let host = ["/proc/sys/kernel/hostname", "/etc/hostname"]
            .iter()
            .find_map(|path| std::fs::read_to_string(path).ok())
            .or_else(|| std::env::var("HOSTNAME").ok())
            .or_else(|| std::env::var("COMPUTERNAME").ok())
            .unwrap_or_default();
        let host = host
            .trim()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(40)
            .collect();
        Writer {
            pid: std::process::id(),
            host,
        }
    }

    fn token(&self) -> String {
        format!("{}@{}", self.pid, self.host)
    }

    /// The writer of a temporary file named `.{file_name}.PID@HOST.RANDOM.tmp`.
    fn of(temporary: &str, file_name: &str) -> Option<Writer> {
        let rest = temporary
            .strip_prefix('.')?
            .strip_prefix(file_name)?
            .strip_prefix('.')?;
        let (token, _random) = rest.strip_suffix(".tmp")?.split_once('.')?;
        let (pid, host) = token.split_once('@')?;
        Some(Writer {
            pid: pid.parse().ok()?,
            host: host.to_string(),
        })
    }

    /// Whether this writer is certainly gone: a process of this host that no longer runs.
    fn is_gone(&self, this: &Writer) -> bool {
        if self.host.is_empty() || self.host != this.host {
            return false; // another host's process may well be running
        }
        if self.pid == this.pid {
            return false;
        }
        // Without /proc (not Linux) a process cannot be looked up without libc; such files
        // go by age alone.
        Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{}", self.pid)).exists()
    }
}

/// Removes temporary files of saves to `file_name` in `folder` that no save will finish: their
/// writer process on this host has ended (it was killed, or the machine went down), or they
/// are older than [`STALE_AFTER`]. A live process's temporary file is never touched.
/// Best effort: a file that cannot be removed is left for the next save.
pub fn remove_stale_temporaries(folder: &Path, file_name: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let this = Writer::this();
    let prefix = format!(".{file_name}.");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if !name.starts_with(&prefix) || !name.ends_with(".tmp") {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        let writer_gone = Writer::of(name, file_name).is_some_and(|w| w.is_gone(&this));
        if old || writer_gone {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_leading_comment_block_is_whole_lines_of_comments_and_blanks() {
        assert_eq!(leading_comments("(\n\tformat_version: 2,\n)\n"), "");
        assert_eq!(leading_comments(""), "");
        assert_eq!(
            leading_comments("\n// late\n(\n)\n"),
            "",
            "a blank first line is no label"
        );
        assert_eq!(
            leading_comments("// One\r\n\n  // two\n\n(\n// inside\n)\n"),
            "// One\r\n\n  // two\n\n"
        );
        assert_eq!(leading_comments("\u{FEFF}// marked\n("), "// marked\n");
        assert_eq!(
            leading_comments("// a\n/* b */\n("),
            "// a\n",
            "block comments are not kept"
        );
        assert_eq!(leading_comments("// a\n// b"), "// a\n// b");
        assert_eq!(leading_comments("// a\n   "), "// a\n");
        assert_eq!(leading_comments("(// not a label\n)"), "");
    }

    #[test]
    fn a_save_keeps_the_comment_block_of_the_file_it_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let mut project = crate::testing::sample();
        let block = "// Shared plan: ask Ana before editing.\r\n//\n\n// Second paragraph.\n\n";
        std::fs::write(&path, format!("{block}{}", to_ron(&project))).unwrap();
        assert_eq!(comments_of(&path), block);

        project.programme.title.push_str(" (revised)");
        save(&project, &path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            format!("{block}{}", to_ron(&project)),
            "byte for byte"
        );
        assert_eq!(crate::io::load(&path).unwrap(), project);

        // A file without a block gets none; a new file gets none.
        let plain = dir.path().join("plain.ron");
        std::fs::write(&plain, to_ron(&project)).unwrap();
        save(&project, &plain).unwrap();
        assert_eq!(std::fs::read_to_string(&plain).unwrap(), to_ron(&project));
        let new = dir.path().join("new.ron");
        save(&project, &new).unwrap();
        assert_eq!(std::fs::read_to_string(&new).unwrap(), to_ron(&project));
        save_with_comments(&project, &new, "// From plan.ron").unwrap();
        assert_eq!(
            std::fs::read_to_string(&new).unwrap(),
            format!("// From plan.ron\n{}", to_ron(&project))
        );
    }

    #[test]
    fn a_comment_block_that_is_too_long_to_be_a_label_is_not_carried() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let line = format!("// {}\n", "x".repeat(1000));
        std::fs::write(&path, format!("{}(\n)\n", line.repeat(2000))).unwrap();
        assert_eq!(comments_of(&path), "");
    }

    #[test]
    fn writers_are_read_back_from_temporary_names() {
        let this = Writer::this();
        let name = format!(".plan.v2.ron.{}.Ab12Cd.tmp", this.token());
        assert_eq!(Writer::of(&name, "plan.v2.ron"), Some(this.clone()));
        assert_eq!(
            Writer::of(".plan.ron.x7Yz9q.tmp", "plan.ron"),
            None,
            "older name"
        );
        assert_eq!(Writer::of(".other.ron.1@h.abc.tmp", "plan.ron"), None);
        assert!(!this.is_gone(&this));
        let elsewhere = Writer {
            pid: u32::MAX,
            host: format!("{}x", this.host),
        };
        assert!(
            !elsewhere.is_gone(&this),
            "another host's process is not ours to judge"
        );
    }
}
