//! Bringing files written by older versions of Workplan up to the current format.
//!
//! Each past format keeps a frozen copy of its types in a module of its own (`v1`, `v2`,
//! ...) and a function that turns a project of that version into one of the next. Loading a
//! file of version N parses it with version N's types and runs the steps from N up to
//! [`FORMAT_VERSION`]. Files of the current version are parsed directly.
//!
//! Version 1 is the first and current format, so no step exists yet. To change the format:
//! copy today's model types into `v1.rs`, bump `FORMAT_VERSION`, add the `1 =>` arm below that
//! parses with `v1` types and converts, and keep `tests/fixtures/format-v1.ron` loading.

use crate::model::{FORMAT_VERSION, Project};

/// The oldest format version this build still opens.
pub const OLDEST_SUPPORTED: u32 = 1;

/// How a file's format version relates to this build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionCheck {
    Current,
    /// Older and migratable: parse with [`parse_older`].
    Older,
    Newer,
    TooOld,
}

pub fn check_version(version: u32) -> VersionCheck {
    if version == FORMAT_VERSION {
        VersionCheck::Current
    } else if version > FORMAT_VERSION {
        VersionCheck::Newer
    } else if version >= OLDEST_SUPPORTED {
        VersionCheck::Older
    } else {
        VersionCheck::TooOld
    }
}

/// Parses `text`, written in the older format `version`, and migrates it to the current one.
pub fn parse_older(version: u32, text: &str) -> Result<Project, ron::error::SpannedError> {
    // Every version from OLDEST_SUPPORTED to FORMAT_VERSION - 1 gets an arm here.
    let _ = text;
    Err(ron::error::SpannedError {
        code: ron::Error::Message(format!(
            "format version {version} cannot be converted by this version of Workplan"
        )),
        span: ron::error::Span {
            start: ron::error::Position { line: 1, col: 1 },
            end: ron::error::Position { line: 1, col: 1 },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_classified() {
        assert_eq!(check_version(FORMAT_VERSION), VersionCheck::Current);
        assert_eq!(check_version(FORMAT_VERSION + 1), VersionCheck::Newer);
        assert_eq!(check_version(0), VersionCheck::TooOld);
    }
}
