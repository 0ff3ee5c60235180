use std::path::Path;

use serde::Deserialize;

use super::error::{FileProblem, LoadError};
use super::migrate::{self, VersionCheck};
use crate::edit::integrity;
use crate::model::{AgendaItem, FORMAT_VERSION, Id, Project};

/// Files larger than this are refused before reading: a real programme is a few megabytes,
/// and parsing needs several times the file's size in memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The largest id a file may hold (2^53 - 1). Spreadsheets keep numbers as doubles, exact only
/// up to this, and ids go through them in the CSV round trip; and a new id (`next_id`, one
/// more than the largest) must never run past the end of `u64`.
pub const MAX_ID: u64 = (1 << 53) - 1;

/// How many levels agenda items may nest (1: a meeting's own items). The window makes two;
/// RON's recursion limit, which keeps deep input from overflowing the stack, lets about 29
/// load. Saving refuses what loading would, so a saved file always opens again.
pub const MAX_AGENDA_DEPTH: usize = 20;

/// Reads and checks the project file at `path`.
pub fn load(path: &Path) -> Result<Project, LoadError> {
    let bytes = read(path, &mut |_, _| {})?;
    load_bytes(path, &bytes)
}

/// Reads the bytes of a project file, refusing folders and oversized files before reading;
/// `progress(read, total)` hears of each chunk, so a window can show how far a large file is.
pub fn read(path: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
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
    let total = metadata.len();
    let mut file = std::fs::File::open(path).map_err(|e| fail(describe_io_error(&e)))?;
    let mut bytes = Vec::with_capacity(total as usize);
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(fail(describe_io_error(&e))),
        };
        // The file may have grown since it was measured; the limit still holds.
        if bytes.len() as u64 + n as u64 > MAX_FILE_BYTES {
            return Err(fail(format!(
                "the file grew beyond the {} MB a project file can be while it was read",
                MAX_FILE_BYTES / (1024 * 1024)
            )));
        }
        bytes.extend_from_slice(&chunk[..n]);
        progress(bytes.len() as u64, total.max(bytes.len() as u64));
    }
    Ok(bytes)
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
    parse(path, text)
}

/// Parses project text; `path` is only used in messages.
pub fn load_str(path: &Path, text: &str) -> Result<Project, LoadError> {
    parse(path, text.strip_prefix('\u{FEFF}').unwrap_or(text))
}

/// Parses project text whose byte-order mark, if any, is already gone (a second one is an
/// error in the text, not part of the mark).
fn parse(path: &Path, text: &str) -> Result<Project, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::one(
            path,
            FileProblem::new(
                "the file is empty; a Workplan project starts with `(` followed by `format_version:`",
            ),
        ));
    }
    let ron_error = |e: ron::error::SpannedError| LoadError::one(path, translate(&e, text));
    let at_version = |message: String| match offset_of_name(text, "format_version") {
        Some(offset) => {
            let (line, column) = line_col_of(text.as_bytes(), offset);
            FileProblem::at(line, column, message)
        }
        None => FileProblem::new(message),
    };

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
                at_version(format!(
                    "the file was written in format version {version} by a newer version of Workplan; \
                     this version reads format {FORMAT_VERSION} and older. Update Workplan to open it \
                     (it was not opened, so nothing in it can be lost)"
                )),
            ));
        }
        VersionCheck::TooOld => {
            return Err(LoadError::one(
                path,
                at_version(format!(
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

    // Problems beyond the syntax, each with the place to point at, located in one pass.
    let mut problems = ids_out_of_range(&project);
    if let Some((id, depth)) = too_deep_agenda_item(&project) {
        problems.push((Spot::Id(id, 0), agenda_depth_message(id, depth)));
    }
    let mut occurrences = std::collections::HashMap::<Id, usize>::new();
    problems.extend(integrity::check(&project).into_iter().map(|problem| {
        let spot = match (problem.entity, problem.field) {
            (Some(id), _) => {
                // A duplicate id is reported at its second appearance.
                let seen = occurrences.entry(id).or_default();
                let nth = if problem.message.contains("used twice") {
                    *seen += 1;
                    *seen
                } else {
                    0
                };
                Spot::Id(id, nth)
            }
            (None, Some(field)) => Spot::ProgrammeField(field),
            (None, None) => Spot::Nowhere,
        };
        (spot, problem.message)
    }));
    if !problems.is_empty() {
        return Err(LoadError {
            path: path.to_path_buf(),
            problems: place(text, problems),
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
fn offset_of_field(text: &str, field: &str) -> Option<usize> {
    let programme = text.find("programme:")?;
    Some(programme + text[programme..].find(field)?)
}

/// Where the first field called `name` (followed by `:`) is written.
fn offset_of_name(text: &str, name: &str) -> Option<usize> {
    text.match_indices(name)
        .map(|(offset, _)| offset)
        .find(|&offset| {
            let alone = !text[..offset].ends_with(|c: char| c.is_alphanumeric() || c == '_');
            alone && text[offset + name.len()..].trim_start().starts_with(':')
        })
}

/// The first agenda item nested deeper than [`MAX_AGENDA_DEPTH`], with its depth.
pub(crate) fn too_deep_agenda_item(project: &Project) -> Option<(Id, usize)> {
    // Stops at the first item past the limit, so it never recurses deeper than that.
    fn walk(items: &[AgendaItem], depth: usize) -> Option<(Id, usize)> {
        items.iter().find_map(|item| {
            if depth > MAX_AGENDA_DEPTH {
                Some((item.id, depth))
            } else {
                walk(&item.sub_items, depth + 1)
            }
        })
    }
    project
        .committee
        .meetings
        .iter()
        .find_map(|m| walk(&m.agenda, 1))
}

pub(crate) fn agenda_depth_message(id: Id, depth: usize) -> String {
    format!(
        "agenda item {id} is a sub-item {depth} levels deep; agenda items can be nested at most \
         {MAX_AGENDA_DEPTH} levels deep"
    )
}

/// Ids that could not be handed on safely: above [`MAX_ID`], or a `next_id` beyond it (the
/// first [`integrity::MAX_LISTED`] of them, and a count of the rest).
fn ids_out_of_range(project: &Project) -> Vec<(Spot, String)> {
    let mut too_large = project
        .all_ids()
        .into_iter()
        .filter(|(id, _)| id.0 > MAX_ID);
    let mut problems: Vec<(Spot, String)> = too_large
        .by_ref()
        .take(integrity::MAX_LISTED)
        .map(|(id, kind)| {
            let message = format!(
                "the id {id} of a {} is too large: ids are whole numbers up to {MAX_ID}",
                kind.noun()
            );
            (Spot::Id(id, 0), message)
        })
        .collect();
    if let Some((id, _)) = too_large.next() {
        let more = 1 + too_large.count();
        let message = format!("and {more} more ids too large from here on");
        problems.push((Spot::Id(id, 0), message));
    }
    if project.next_id > MAX_ID + 1 {
        let message = format!(
            "next_id {} is too large: ids are whole numbers up to {MAX_ID}",
            project.next_id
        );
        problems.push((Spot::Name("next_id"), message));
    }
    problems
}

/// Where in the text a problem shows.
enum Spot {
    /// The `nth` (0-based) `id: N` field of this id.
    Id(Id, usize),
    /// A top-level field such as `next_id`.
    Name(&'static str),
    /// A field of the programme, such as `end:`.
    ProgrammeField(&'static str),
    Nowhere,
}

/// The problems with their lines and columns. One pass over the text finds every id field
/// asked for, and one more turns offsets into lines and columns, so that a hundred problems
/// in a 100 MB file cost two passes, not two hundred.
fn place(text: &str, problems: Vec<(Spot, String)>) -> Vec<FileProblem> {
    let mut wanted = std::collections::HashMap::<u64, usize>::new();
    for (spot, _) in &problems {
        if let Spot::Id(id, nth) = spot {
            let count = wanted.entry(id.0).or_default();
            *count = (*count).max(nth + 1);
        }
    }
    let id_fields = id_field_offsets(text, &wanted);
    let offsets: Vec<Option<usize>> = problems
        .iter()
        .map(|(spot, _)| match spot {
            // Where the nth is written in a way not recognised, point at an earlier one.
            Spot::Id(id, nth) => id_fields
                .get(&id.0)
                .and_then(|found| found.get(*nth).or(found.last()))
                .copied(),
            Spot::Name(name) => offset_of_name(text, name),
            Spot::ProgrammeField(field) => offset_of_field(text, field),
            Spot::Nowhere => None,
        })
        .collect();
    let mut known: Vec<usize> = offsets.iter().flatten().copied().collect();
    known.sort_unstable();
    known.dedup();
    let positions: std::collections::HashMap<usize, (usize, usize)> =
        known.iter().copied().zip(line_cols(text, &known)).collect();
    problems
        .into_iter()
        .zip(offsets)
        .map(
            |((_, message), offset)| match offset.map(|o| positions[&o]) {
                Some((line, column)) => FileProblem::at(line, column, message),
                None => FileProblem::new(message),
            },
        )
        .collect()
}

/// Offsets of the `id` keys of `id: N` fields for the ids in `wanted`, up to the wanted
/// number of each, in text order. The number may be written in any way RON reads one (`0x1`,
/// `+1`, `1_000`), with spaces, line breaks and comments around the colon.
fn id_field_offsets(
    text: &str,
    wanted: &std::collections::HashMap<u64, usize>,
) -> std::collections::HashMap<u64, Vec<usize>> {
    let mut found = std::collections::HashMap::<u64, Vec<usize>>::new();
    if wanted.is_empty() {
        return found;
    }
    for (offset, _) in text.match_indices("id") {
        if text[..offset].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(value) = skip_blank(&text[offset + 2..]).strip_prefix(':') else {
            continue;
        };
        let value = skip_blank(value);
        let end = value
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '+'))
            .unwrap_or(value.len());
        let Some(id) = ron_integer(&value[..end]) else {
            continue;
        };
        if let Some(&count) = wanted.get(&id) {
            let offsets = found.entry(id).or_default();
            if offsets.len() < count {
                offsets.push(offset);
            }
        }
    }
    found
}

/// `text` after any leading whitespace and comments.
fn skip_blank(mut text: &str) -> &str {
    loop {
        let trimmed = text.trim_start();
        if let Some(rest) = trimmed.strip_prefix("//") {
            text = rest.find('\n').map_or("", |i| &rest[i..]);
        } else if let Some(rest) = trimmed.strip_prefix("/*") {
            // Nested block comments are rare enough in an id field to end at the first `*/`.
            text = rest.find("*/").map_or("", |i| &rest[i + 2..]);
        } else {
            return trimmed;
        }
    }
}

/// A whole number as RON writes one: decimal, `0x`, `0o` or `0b`, with `_` between digits
/// and an optional `+`.
fn ron_integer(token: &str) -> Option<u64> {
    let token = token.strip_prefix('+').unwrap_or(token);
    let (digits, radix) = match token.get(..2) {
        Some("0x") => (&token[2..], 16),
        Some("0o") => (&token[2..], 8),
        Some("0b") => (&token[2..], 2),
        _ => (token, 10),
    };
    let digits: String = digits.chars().filter(|&c| c != '_').collect();
    u64::from_str_radix(&digits, radix).ok()
}

/// 1-based lines and columns (in characters) of sorted byte offsets, in one pass.
fn line_cols(text: &str, sorted_offsets: &[usize]) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let (mut line, mut column, mut at) = (1, 1, 0);
    sorted_offsets
        .iter()
        .map(|&offset| {
            for &b in &bytes[at..offset] {
                if b == b'\n' {
                    line += 1;
                    column = 1;
                } else if b & 0xC0 != 0x80 {
                    column += 1; // count characters: skip UTF-8 continuation bytes
                }
            }
            at = offset;
            (line, column)
        })
        .collect()
}

/// A RON error in words a planner can act on, at its place in the file.
pub(super) fn translate(e: &ron::error::SpannedError, text: &str) -> FileProblem {
    use ron::Error::*;
    let (line, col) = (e.span.start.line, e.span.start.col);
    // A file cut short (a partial copy, an interrupted download) fails wherever the parser
    // happened to be when the text ran out; say what really happened.
    if !matches!(e.code, Eof | ExceededRecursionLimit) && is_cut_short(text, line) {
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

    fn locate_id(text: &str, id: Id, nth: usize) -> Option<(usize, usize)> {
        let placed = place(text, vec![(Spot::Id(id, nth), "m".into())]);
        placed[0].line.zip(placed[0].column)
    }

    fn locate_name(text: &str, name: &'static str) -> Option<(usize, usize)> {
        let placed = place(text, vec![(Spot::Name(name), "m".into())]);
        placed[0].line.zip(placed[0].column)
    }

    #[test]
    fn lines_and_columns_in_one_pass_agree_with_one_at_a_time() {
        let text = "ab\ncé\u{1F980}x\n\nyz";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let one_at_a_time: Vec<_> = offsets
            .iter()
            .map(|&o| line_col_of(text.as_bytes(), o))
            .collect();
        assert_eq!(line_cols(text, &offsets), one_at_a_time);
    }

    #[test]
    fn ids_are_found_as_whole_fields() {
        let text = "(next_id: 12,\n x: (id: 120),\n y: (id: 12),\n z: (id: 12))";
        assert_eq!(locate_id(text, Id(12), 0), Some((3, 6)));
        assert_eq!(locate_id(text, Id(12), 1), Some((4, 6)));
        assert_eq!(
            locate_id(text, Id(12), 2),
            Some((4, 6)),
            "the last one found"
        );
        assert_eq!(locate_id(text, Id(13), 0), None);
        // RON allows any spacing around the colon.
        let text = "(x: (id:12),\n y: (id :\n 12), z: (valid: 12), w: (id: 123))";
        assert_eq!(locate_id(text, Id(12), 0), Some((1, 6)));
        assert_eq!(locate_id(text, Id(12), 1), Some((2, 6)));
        // ... and any way of writing the number, and comments.
        let text = "(a: (id: 0xC), b: (id: /* c */ +1_2), c: (id: // c\n 0b1100))";
        assert_eq!(locate_id(text, Id(12), 0), Some((1, 6)));
        assert_eq!(locate_id(text, Id(12), 1), Some((1, 20)));
        assert_eq!(locate_id(text, Id(12), 2), Some((1, 43)));
    }

    #[test]
    fn fields_are_found_by_whole_name() {
        let text = "(old_next_id: 1,\n next_id : 2)";
        assert_eq!(locate_name(text, "next_id"), Some((2, 2)));
        assert_eq!(locate_name("(next_ids: 1)", "next_id"), None);
    }

    #[test]
    fn type_names_read_as_nouns() {
        assert_eq!(noun("AgendaItem"), "an agenda item");
        assert_eq!(noun("Session"), "a session");
    }
}
