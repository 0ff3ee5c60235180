//! Has the project file changed on disk since we read or wrote it?
//!
//! Size and modification time are cheap to ask for, even on a share, so they are compared
//! first; only when they differ is the file read again and its content hash compared, so a
//! file merely touched (copied back unchanged, synced by a tool) is not mistaken for an edit.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::SystemTime;

/// What a project file looked like when we last read or wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl Fingerprint {
    /// The fingerprint of `bytes`, just read from or written to `path`.
    pub fn of(path: &Path, bytes: &[u8]) -> Self {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            hash: content_hash(bytes),
        }
    }
}

pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// How the file on disk compares with a fingerprint.
#[derive(Debug)]
pub enum Compared {
    Same,
    /// Touched but identical in content: remember the new fingerprint, nothing else to do.
    Touched(Fingerprint),
    /// Different content, with the bytes read (so they need not be read twice).
    Changed(Vec<u8>),
    /// Deleted, renamed away, or on a share that is not reachable now.
    Missing(std::io::Error),
}

/// Whether the file's size or modification time differ from `known`: the cheap first look,
/// after which the content decides.
pub fn metadata_differs(path: &Path, known: &Fingerprint) -> std::io::Result<bool> {
    let meta = std::fs::metadata(path)?;
    Ok(meta.len() != known.len || meta.modified().ok() != known.modified)
}

/// Compares the file at `path` with `known`. Reads it only when size or time differ.
pub fn compare(path: &Path, known: &Fingerprint) -> Compared {
    match metadata_differs(path, known) {
        Ok(false) => Compared::Same,
        Ok(true) => compare_contents(path, known),
        Err(e) => Compared::Missing(e),
    }
}

/// Compares the file's content with `known`, whatever its size and time say. Before a save
/// overwrites a file this is the check to make: two saves within the file system's clock
/// tick (a few milliseconds) of the same length leave size and time alike.
pub fn compare_contents(path: &Path, known: &Fingerprint) -> Compared {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return Compared::Missing(e),
    };
    if bytes.len() as u64 == known.len && content_hash(&bytes) == known.hash {
        if Fingerprint::of(path, &bytes) == *known {
            return Compared::Same;
        }
        Compared::Touched(Fingerprint::of(path, &bytes))
    } else {
        Compared::Changed(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn tells_touched_from_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        std::fs::write(&path, "one").unwrap();
        let known = Fingerprint::of(&path, b"one");
        assert!(matches!(compare(&path, &known), Compared::Same));

        let later = SystemTime::now() + Duration::from_secs(5);
        let file = std::fs::File::options().append(true).open(&path).unwrap();
        file.set_modified(later).unwrap();
        let touched = match compare(&path, &known) {
            Compared::Touched(f) => f,
            other => panic!("{other:?}"),
        };
        assert_eq!(touched.hash, known.hash);
        assert!(matches!(compare(&path, &touched), Compared::Same));

        // Same size, same time, other content: only the hash can tell, and the time check
        // would miss it; a real edit moves the time, which is what we rely on.
        std::fs::write(&path, "two").unwrap();
        file.set_modified(later + Duration::from_secs(1)).unwrap();
        assert!(matches!(compare(&path, &touched), Compared::Changed(b) if b == b"two"));

        std::fs::remove_file(&path).unwrap();
        assert!(matches!(compare(&path, &touched), Compared::Missing(_)));
    }
}
