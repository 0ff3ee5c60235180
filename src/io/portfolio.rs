//! Reading and writing portfolio files (`.wpf`, RON like a project): the list of member
//! project files, never their contents. Members are read by [`super::load`] each on its own,
//! so that one member that cannot be read leaves the others open.

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use super::error::{FileProblem, LoadError};
use super::save::{SaveError, write_atomic};
use crate::model::portfolio::{PORTFOLIO_VERSION, Portfolio, parse_colour};

/// The extension File > New Portfolio suggests.
pub const PORTFOLIO_EXTENSION: &str = "wpf";

/// Reads and checks a portfolio file.
pub fn load_portfolio(path: &Path) -> Result<Portfolio, LoadError> {
    load_portfolio_bytes(path).map(|(portfolio, _)| portfolio)
}

/// Reads and checks a portfolio file, with the bytes read (to know later whether it changed).
pub fn load_portfolio_bytes(path: &Path) -> Result<(Portfolio, Vec<u8>), LoadError> {
    let bytes = std::fs::read(path)
        .map_err(|e| LoadError::one(path, FileProblem::new(super::load::describe_io_error(&e))))?;
    let portfolio = portfolio_from_bytes(path, &bytes)?;
    Ok((portfolio, bytes))
}

/// Parses a portfolio file's bytes; `path` is only used in messages.
pub fn portfolio_from_bytes(path: &Path, bytes: &[u8]) -> Result<Portfolio, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        LoadError::one(
            path,
            FileProblem::new(format!(
                "the file is not UTF-8 text (at byte {}); a portfolio file is RON text",
                e.valid_up_to()
            )),
        )
    })?;
    portfolio_from_str(path, text)
}

/// Parses portfolio text; `path` is only used in messages.
pub fn portfolio_from_str(path: &Path, text: &str) -> Result<Portfolio, LoadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    #[derive(Deserialize)]
    struct VersionProbe {
        portfolio_version: Option<u32>,
    }
    let probe = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<VersionProbe>(text);
    match probe {
        Ok(VersionProbe {
            portfolio_version: None,
        }) => {
            let hint = if text.contains("format_version") {
                "this is a project file, not a portfolio; open it with File > Open"
            } else {
                "there is no `portfolio_version` field; this does not look like a Workplan portfolio"
            };
            return Err(LoadError::one(path, FileProblem::at(1, 1, hint)));
        }
        Ok(VersionProbe {
            portfolio_version: Some(v),
        }) if v > PORTFOLIO_VERSION => {
            return Err(LoadError::one(
                path,
                FileProblem::new(format!(
                    "the portfolio was written in portfolio version {v} by a newer version of \
                     Workplan; this version reads version {PORTFOLIO_VERSION}. Update Workplan to open it"
                )),
            ));
        }
        _ => {}
    }
    let portfolio: Portfolio = ron::Options::default()
        .from_str(text)
        .map_err(|e| LoadError::one(path, super::load::translate(&e, text)))?;
    let problems = check(&portfolio);
    if !problems.is_empty() {
        return Err(LoadError {
            path: path.to_path_buf(),
            problems,
        });
    }
    Ok(portfolio)
}

/// What a parsed portfolio may not hold: a member path that leaves no file name, is given
/// twice, or a colour that is not `#rrggbb`.
fn check(portfolio: &Portfolio) -> Vec<FileProblem> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, member) in portfolio.members.iter().enumerate() {
        let n = i + 1;
        if member.path.trim().is_empty() {
            problems.push(FileProblem::new(format!("member {n} has an empty `path`")));
        } else if !seen.insert(member.path.as_str()) {
            problems.push(FileProblem::new(format!(
                "member {n} names `{}` again; each project file is a member once",
                member.path
            )));
        }
        if parse_colour(&member.colour).is_none() {
            problems.push(FileProblem::new(format!(
                "member {n} (`{}`) has colour `{}`; a colour is written `#rrggbb`",
                member.path, member.colour
            )));
        }
    }
    problems
}

/// The portfolio as the text [`save_portfolio`] writes.
pub fn portfolio_text(portfolio: &Portfolio) -> String {
    let mut text = ron::ser::to_string_pretty(portfolio, super::save::canonical_config())
        .expect("a portfolio holds only strings, numbers and lists");
    text.push('\n');
    text
}

/// Writes the portfolio atomically (the old file or the new one, never half of either).
pub fn save_portfolio(portfolio: &Portfolio, path: &Path) -> Result<(), SaveError> {
    write_atomic(path, portfolio_text(portfolio).as_bytes())
}

/// Where a member's file is: its `path` taken from the portfolio file's folder.
pub fn member_file(portfolio_file: &Path, member_path: &str) -> PathBuf {
    let folder = portfolio_file.parent().unwrap_or(Path::new(""));
    let relative: PathBuf = member_path.split('/').collect();
    if relative.is_absolute() {
        relative
    } else {
        folder.join(relative)
    }
}

/// The `path` to store for `file` in a portfolio kept at `portfolio_file`: relative to its
/// folder with `/` separators when `file` is beside or below it or reachable with `..`,
/// else the absolute path.
pub fn member_path(portfolio_file: &Path, file: &Path) -> String {
    let folder = portfolio_file.parent().unwrap_or(Path::new(""));
    match relative_to(file, folder) {
        Some(relative) => relative.join("/"),
        None => file.to_string_lossy().into_owned(),
    }
}

fn relative_to(file: &Path, folder: &Path) -> Option<Vec<String>> {
    let file = normal(file);
    let folder = normal(folder);
    // Paths on different drives, or one relative and one absolute, have no relative form.
    if file.first() != folder.first() && (is_root(&file) || is_root(&folder)) {
        return None;
    }
    let common = file.iter().zip(&folder).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> =
        std::iter::repeat_n("..".to_string(), folder.len() - common).collect();
    parts.extend(file[common..].iter().cloned());
    Some(parts)
}

fn is_root(parts: &[String]) -> bool {
    parts
        .first()
        .is_some_and(|p| p.starts_with('/') || p.ends_with(':') || p.starts_with('\\'))
}

/// The components of a path with `.` dropped and `a/..` folded, as strings.
fn normal(path: &Path) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if parts
                    .last()
                    .is_some_and(|p| p != ".." && !is_root(std::slice::from_ref(p))) =>
            {
                parts.pop();
            }
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;
    use crate::model::portfolio::{MemberActivity, NotDuplicate, PortfolioMember};

    fn sample() -> Portfolio {
        Portfolio {
            name: "Regional office".into(),
            members: vec![
                PortfolioMember {
                    path: "see.ron".into(),
                    name: "South Eastern Europe".into(),
                    colour: "#1f77b4".into(),
                },
                PortfolioMember {
                    path: "gfp/firearms.ron".into(),
                    name: "Firearms".into(),
                    colour: "#d62728".into(),
                },
            ],
            not_duplicates: vec![NotDuplicate {
                first: MemberActivity {
                    member: "see.ron".into(),
                    activity: Id(4),
                },
                second: MemberActivity {
                    member: "gfp/firearms.ron".into(),
                    activity: Id(9),
                },
                note: "different audiences".into(),
            }],
            ..Portfolio::default()
        }
    }

    #[test]
    fn a_portfolio_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("office.wpf");
        save_portfolio(&sample(), &file).unwrap();
        assert_eq!(load_portfolio(&file).unwrap(), sample());
    }

    #[test]
    fn broken_portfolios_say_where_and_what() {
        let p = Path::new("office.wpf");
        let e = portfolio_from_str(
            p,
            "(portfolio_version: 1, members: [(path: \"a.ron\", name: \"A\")])",
        )
        .unwrap_err();
        assert!(
            e.problems[0].line.is_some() && e.problems[0].message.contains("colour"),
            "{e}"
        );
        let e = portfolio_from_str(p, "(format_version: 2, next_id: 1)").unwrap_err();
        assert!(
            e.to_string().contains("project file, not a portfolio"),
            "{e}"
        );
        let e = portfolio_from_str(p, "(portfolio_version: 9)").unwrap_err();
        assert!(e.to_string().contains("newer version"), "{e}");
        let twice = "(portfolio_version: 1, members: [(path: \"a.ron\", name: \"A\", colour: \"#000000\"), (path: \"a.ron\", name: \"B\", colour: \"#zzzzzz\")])";
        let e = portfolio_from_str(p, twice).unwrap_err();
        assert_eq!(e.problems.len(), 2, "{e}");
    }

    #[test]
    fn member_paths_are_relative_to_the_portfolio_folder() {
        let portfolio = Path::new("/share/office/office.wpf");
        assert_eq!(
            member_path(portfolio, Path::new("/share/office/see.ron")),
            "see.ron"
        );
        assert_eq!(
            member_path(portfolio, Path::new("/share/office/gfp/f.ron")),
            "gfp/f.ron"
        );
        assert_eq!(
            member_path(portfolio, Path::new("/share/ccp/c.ron")),
            "../ccp/c.ron"
        );
        assert_eq!(
            member_file(portfolio, "../ccp/c.ron"),
            Path::new("/share/office/../ccp/c.ron")
        );
        assert_eq!(
            member_file(portfolio, "gfp/f.ron"),
            Path::new("/share/office/gfp/f.ron")
        );
    }
}
