use std::path::Path;

use serde::Deserialize;

use super::error::{FileProblem, LoadError};
use super::migrate::{self, VersionCheck};
use crate::integrity;
use crate::model::{FORMAT_VERSION, Id, Project};

/// Files larger than this are refused before reading: a real programme is a few megabytes,
/// and parsing needs several times the file's size in memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads and checks the project file at `path`.
pub fn load(path: &Path) -> Result<Project, LoadError> {
    let fail = |message: String| LoadError::one(path, FileProblem::new(message));
    let metadata = std::fs::metadata(path).map_err(|e| fail(describe_io_error(&e)))?;
    if metadata.is_dir() {
        return Err(fail(
            "this is a folder, not a project file; choose a .ron file inside it".into(),
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "the file is {} MB, larger than the {} MB a project file can be; it is probably not a Workplan project",
            metadata.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(describe_io_error(&e)))?;
    load_bytes(path, &bytes)
}

/// Parses file contents; `path` is only used in messages.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Project, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = line_col_of(bytes, e.valid_up_to());
            let byte = bytes[e.valid_up_to()];
            return Err(LoadError::one(
                path,
                FileProblem::at(
                    line,
                    column,
                    format!(
                        "the file is not UTF-8 text (byte 0x{byte:02X} here is not valid); \
                         it may be damaged, saved in another encoding, or not a project file"
                    ),
                ),
            ));
        }
    };
    load_str(path, text)
}

/// Parses project text; `path` is only used in messages.
pub fn load_str(path: &Path, text: &str) -> Result<Project, LoadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::one(
            path,
            FileProblem::new(
                "the file is empty; a Workplan project starts with `(` followed by `format_version:`",
            ),
        ));
    }
    let ron_error = |e: ron::error::SpannedError| LoadError::one(path, translate(&e, text));

    // Files of the current version, nearly all of them, are parsed once, by the fast reader of
    // the subset Workplan writes, or by ron when the text is outside it (hand edits, mistakes).
    // The version alone is read (one more pass) only when that fails or finds another version.
    let parsed = match super::fast_read::from_str::<Project>(text)
        .or_else(|_| ron::Options::default().from_str::<Project>(text))
    {
        Ok(project) if project.format_version == FORMAT_VERSION => {
            return check_and_normalize(path, text, project);
        }
        other => other,
    };

    #[derive(Deserialize)]
    struct VersionProbe {
        format_version: Option<u32>,
    }
    // implicit_some: so that a plain `format_version: 1` reads as present.
    let probe: VersionProbe = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(ron_error)?;
    let Some(version) = probe.format_version else {
        return Err(LoadError::one(
            path,
            FileProblem::at(
                1,
                1,
                "there is no `format_version` field; this does not look like a Workplan project",
            ),
        ));
    };
    let project = match migrate::check_version(version) {
        VersionCheck::Current => parsed.map_err(ron_error)?,
        VersionCheck::Older => migrate::parse_older(version, text).map_err(ron_error)?,
        VersionCheck::Newer => {
            return Err(LoadError::one(
                path,
                FileProblem::new(format!(
                    "the file was written in format version {version} by a newer version of Workplan; \
                     this version reads format {FORMAT_VERSION} and older. Update Workplan to open it \
                     (it was not opened, so nothing in it can be lost)"
                )),
            ));
        }
        VersionCheck::TooOld => {
            return Err(LoadError::one(
                path,
                FileProblem::new(format!(
                    "format version {version} is older than any this version of Workplan can read"
                )),
            ));
        }
    };
    check_and_normalize(path, text, project)
}

/// The integrity check of a parsed project; problems are reported at their place in `text`.
fn check_and_normalize(
    path: &Path,
    text: &str,
    mut project: Project,
) -> Result<Project, LoadError> {
    project.format_version = FORMAT_VERSION;

    let problems = integrity::check(&project);
    if !problems.is_empty() {
        let mut occurrences = std::collections::HashMap::<Id, usize>::new();
        let problems = problems
            .into_iter()
            .map(|problem| {
                let position = problem.entity.and_then(|id| {
                    // A duplicate id is reported at its second appearance.
                    let seen = occurrences.entry(id).or_default();
                    let nth = if problem.message.contains("used twice") {
                        *seen += 1;
                        *seen
                    } else {
                        0
                    };
                    locate_id(text, id, nth)
                });
                let position =
                    position.or_else(|| problem.field.and_then(|f| locate_field(text, f)));
                match position {
                    Some((line, column)) => FileProblem::at(line, column, problem.message),
                    None => FileProblem::new(problem.message),
                }
            })
            .collect();
        return Err(LoadError {
            path: path.to_path_buf(),
            problems,
        });
    }
    integrity::normalize(&mut project);
    Ok(project)
}

pub fn describe_io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "the file does not exist (was it moved, renamed or deleted?)".into(),
        PermissionDenied => "you do not have permission to read this file".into(),
        IsADirectory => "this is a folder, not a project file".into(),
        _ => format!("the file could not be read: {e}"),
    }
}

/// 1-based line and column (in characters) of byte `offset` in `bytes`.
fn line_col_of(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Where a field of the programme (such as `end:`) is written.
fn locate_field(text: &str, field: &str) -> Option<(usize, usize)> {
    let programme = text.find("programme:")?;
    let offset = programme + text[programme..].find(field)?;
    Some(line_col_of(text.as_bytes(), offset))
}

/// Where the `nth` (0-based) `id: N` field for `id` appears in the text.
fn locate_id(text: &str, id: Id, nth: usize) -> Option<(usize, usize)> {
    let needle = format!("id: {}", id.0);
    let mut found = 0;
    for (offset, _) in text.match_indices(&needle) {
        let before_ok = text[..offset]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let after_ok = text[offset + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_ascii_digit());
        if before_ok && after_ok {
            if found == nth {
                return Some(line_col_of(text.as_bytes(), offset));
            }
            found += 1;
        }
    }
    None
}

/// A RON error in words a planner can act on, at its place in the file.
fn translate(e: &ron::error::SpannedError, text: &str) -> FileProblem {
    use ron::Error::*;
    let (line, col) = (e.span.start.line, e.span.start.col);
    // A file cut short (a partial copy, an interrupted download) fails wherever the parser
    // happened to be when the text ran out; say what really happened.
    if !matches!(e.code, Eof) && is_cut_short(text, line) {
        return FileProblem::at(
            line,
            col,
            "the file ends too early: it stops in the middle of the project (was it cut off, \
             or only partly copied?)",
        );
    }
    let message = match &e.code {
        Eof => "the file ends too early: a closing `)`, `]` or `\"` is missing, or the file was cut off".into(),
        ExpectedComma => "a comma is missing after the previous value".into(),
        ExpectedStructLike => "expected `(` to start a record here".into(),
        ExpectedStructLikeEnd => "expected `)` to close the record here (is a comma missing, or a `)` too many?)".into(),
        ExpectedArray => "expected a list in square brackets `[...]` here".into(),
        ExpectedArrayEnd => "expected `]` to close the list here".into(),
        ExpectedString => "expected text in double quotes here".into(),
        ExpectedStringEnd => "text in quotes is not closed with `\"`".into(),
        ExpectedInteger => "expected a whole number here".into(),
        ExpectedBoolean => "expected `true` or `false` here".into(),
        ExpectedOption => "expected `Some(...)` or `None` here".into(),
        ExpectedIdentifier => "expected a field name here".into(),
        ExpectedMapColon => "expected `:` after the field name".into(),
        IntegerOutOfBounds => "this number is too large (or negative where it cannot be)".into(),
        TrailingCharacters => "there is more text after the end of the project; only one project can be in a file".into(),
        ExceededRecursionLimit => "the file is nested too deeply to be a Workplan project".into(),
        UnexpectedChar(c) => format!("unexpected character `{c}`"),
        UnclosedBlockComment => "a `/*` comment is never closed with `*/`".into(),
        NoSuchStructField { expected, found, outer } => format!(
            "unknown field `{found}`{}: this version of Workplan does not know it, so the file was not opened \
             rather than lose it (it may come from a newer version, or be misspelt). Known fields: {}",
            outer.as_deref().map(|o| format!(" in {}", noun(o))).unwrap_or_default(),
            expected.join(", ")
        ),
        MissingStructField { field, outer } => format!(
            "the required field `{field}` is missing{}",
            outer.as_deref().map(|o| format!(" from {}", noun(o))).unwrap_or_default()
        ),
        DuplicateStructField { field, outer } => format!(
            "the field `{field}` appears twice{}",
            outer.as_deref().map(|o| format!(" in {}", noun(o))).unwrap_or_default()
        ),
        NoSuchEnumVariant { expected, found, outer } => format!(
            "`{found}` is not a valid {}; expected one of: {}",
            outer.as_deref().map(noun).unwrap_or_else(|| "value".into()),
            expected.join(", ")
        ),
        InvalidValueForType { expected, found } => format!("expected {expected}, but found {found}"),
        Message(message) if is_chrono_message(message) => date_message(message, &span_text(text, e)),
        ExpectedNamedStructLike(_) | ExpectedDifferentStructName { .. } => {
            "this is not a Workplan project: a project file starts with `(` followed by `format_version:`".into()
        }
        ExpectedAttribute | ExpectedAttributeEnd => {
            "`#` is not allowed here; this does not look like a Workplan project file".into()
        }
        ExpectedOptionEnd => "expected `)` to close `Some(...)` here".into(),
        ExpectedFloat => {
            "expected a number here; text and dates must be in double quotes, as in \"2009-09-30\"".into()
        }
        ExpectedUnit | ExpectedChar | ExpectedByteLiteral | ExpectedByteString => {
            format!("this value has the wrong form ({})", e.code)
        }
        other => other.to_string().replace("`VersionProbe`", "the project"),
    };
    FileProblem::at(line, col, message)
}

/// The text the error's span covers (one line at most), e.g. a bad date.
fn span_text(text: &str, e: &ron::error::SpannedError) -> String {
    let Some(line) = text.lines().nth(e.span.start.line.saturating_sub(1)) else {
        return String::new();
    };
    let start = e.span.start.col.saturating_sub(1);
    let end = if e.span.end.line == e.span.start.line {
        e.span.end.col.saturating_sub(1)
    } else {
        line.chars().count()
    };
    let covered: String = line
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect();
    let covered = covered.trim().trim_matches(',').trim().trim_matches('"');
    if covered.is_empty() {
        String::new()
    } else {
        format!("\"{covered}\"")
    }
}

fn date_message(chrono_message: &str, value: &str) -> String {
    let shown = if value.is_empty() {
        "this value".to_string()
    } else {
        value.to_string()
    };
    if chrono_message.contains("out of range") || chrono_message.contains("no possible date") {
        format!("{shown} is not a day of the calendar (check the day and the month)")
    } else {
        format!(
            "{shown} is not a date or time as Workplan writes them: dates are \"YYYY-MM-DD\" (\"2009-09-30\"), \
             times \"HH:MM:SS\" (\"10:00:00\")"
        )
    }
}

/// Whether the text stops with brackets still open and the error lies on its last lines.
fn is_cut_short(text: &str, error_line: usize) -> bool {
    let last_line = text.trim_end().lines().count();
    if error_line + 1 < last_line {
        return false;
    }
    let mut depth: i64 = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                // Skip the string, honouring escapes; an unclosed string is cut short too.
                let mut closed = false;
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => {
                            closed = true;
                            break;
                        }
                        _ => {}
                    }
                }
                if !closed {
                    return true;
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

fn is_chrono_message(text: &str) -> bool {
    [
        "input is out of range",
        "input contains invalid characters",
        "premature end of input",
        "input is not enough",
        "trailing input",
        "bad or unsupported format",
        "no possible date and time",
    ]
    .iter()
    .any(|m| text.contains(m))
}

/// "AgendaItem" → "an agenda item".
fn noun(type_name: &str) -> String {
    let mut words = String::new();
    for (i, c) in type_name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            words.push(' ');
        }
        words.extend(c.to_lowercase());
    }
    let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {words}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_col_of(b"ab\nc\xC3\xA9\xFF", 6), (2, 3));
    }

    #[test]
    fn ids_are_found_as_whole_fields() {
        let text = "(next_id: 12,\n x: (id: 120),\n y: (id: 12),\n z: (id: 12))";
        assert_eq!(locate_id(text, Id(12), 0), Some((3, 6)));
        assert_eq!(locate_id(text, Id(12), 1), Some((4, 6)));
        assert_eq!(locate_id(text, Id(12), 2), None);
    }

    #[test]
    fn type_names_read_as_nouns() {
        assert_eq!(noun("AgendaItem"), "an agenda item");
        assert_eq!(noun("Session"), "a session");
    }
}
