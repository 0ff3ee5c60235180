//! Cells that a spreadsheet would run as a formula when it opens a CSV file (`=`, `+`, `-`,
//! `@`, and a leading tab or carriage return, the characters of "CSV injection"), written so
//! it shows them as text, and read back as they were.
//!
//! A guarded cell is the text with a `'` in front, as spreadsheets themselves mark text. A
//! text that starts with `'` followed by such a character or another `'` gets one too, so
//! reading back takes exactly one away and every text survives the round trip.

use std::borrow::Cow;

/// Whether a spreadsheet would take a cell starting with `c` as a formula (or as the start
/// of one after it drops leading white space).
fn starts_formula(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// `text` as a CSV cell that no spreadsheet runs.
pub fn guard(text: &str) -> Cow<'_, str> {
    let first = text.chars().next();
    if first.is_some_and(starts_formula) || marked(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `text` reads as a guarded cell: a `'` before a formula's first character or
/// before another `'`.
fn marked(text: &str) -> bool {
    text.strip_prefix('\'')
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| starts_formula(c) || c == '\'')
}

/// The text a guarded cell holds: [`guard`] undone. Other cells are returned as they are.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest
                .chars()
                .next()
                .is_some_and(|c| starts_formula(c) || c == '\'') =>
        {
            rest
        }
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_written_as_text_and_read_back_as_they_were() {
        for text in [
            "=HYPERLINK(\"http://example.com\",\"click\")",
            "+1",
            "-1",
            "@SUM(A1:A2)",
            "\tindented",
            "\rreturn",
            "''twice",
            "'=already",
        ] {
            let guarded = guard(text);
            assert!(guarded.starts_with('\''), "{text:?} → {guarded:?}");
            assert_eq!(unguard(&guarded), text);
        }
        for text in [
            "Regional meeting",
            "",
            "150+7; 160",
            "2009-11-18",
            "'",
            "'a",
            "O'Neil",
        ] {
            assert_eq!(guard(text), text, "left alone");
            assert_eq!(unguard(text), text, "read as written");
        }
    }
}
