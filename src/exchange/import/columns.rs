//! Which column of a sheet holds which field: Workplan's own headers as people write them
//! (case, spaces and punctuation ignored), and the user's own headers mapped with `--map` or
//! the window's mapping step.

use std::collections::HashMap;

use crate::exchange::activity_csv::{COLUMNS, DESCRIPTION};
use crate::plan::names::fold;

/// Columns that hold one session when a sheet has no `sessions` column: its dates (a day, a
/// range or a month, as `sessions` takes them), and its place.
pub const SESSION_COLUMNS: [&str; 4] = ["start", "end", "city", "country"];

/// Columns the XLSX export writes for people to sort and filter by, derived from `sessions`;
/// the import leaves them alone.
pub const DERIVED_COLUMNS: [&str; 2] = ["first day", "last day"];

/// Every field a column can hold, in the order the mapping step lists them.
pub fn fields() -> impl Iterator<Item = &'static str> {
    COLUMNS
        .into_iter()
        .chain([DESCRIPTION])
        .chain(SESSION_COLUMNS)
}

/// The field `name` means (folded), if any.
pub fn field_named(name: &str) -> Option<&'static str> {
    let folded = fold(name);
    fields().find(|f| fold(f) == folded)
}

/// Where each field's column is, and the headers no field took.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    index: HashMap<&'static str, usize>,
    /// Headers, as written, that no field took (besides the derived columns); the review names
    /// them, since a misspelt header is a whole column silently left out.
    pub ignored: Vec<String>,
}

impl ColumnMap {
    pub fn get(&self, field: &str) -> Option<usize> {
        self.index.get(field).copied()
    }

    pub fn has(&self, field: &str) -> bool {
        self.index.contains_key(field)
    }

    /// The header a field was read from, as the sheet writes it (for problems).
    pub fn header<'a>(&self, field: &str, headers: &'a [String]) -> Option<&'a str> {
        self.get(field)
            .and_then(|i| headers.get(i))
            .map(|h| h.trim())
    }
}

/// Why the columns cannot be taken as given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ColumnError {
    #[error("--map “{0}” should read COLUMN=FIELD, for example --map \"Event title=title\"")]
    BadMap(String),
    #[error("“{field}” is not a Workplan field; the fields are: {}", fields().collect::<Vec<_>>().join(", "))]
    UnknownField { field: String },
    #[error("the header row has no column “{column}” to map (its columns are: {headers})")]
    NoSuchColumn { column: String, headers: String },
    #[error(
        "the columns “{first}” and “{second}” both hold {field}: keep one, or map one of them elsewhere"
    )]
    Twice {
        field: &'static str,
        first: String,
        second: String,
    },
}

/// Reads one `--map COLUMN=FIELD` argument.
pub fn parse_map(text: &str) -> Result<(String, String), ColumnError> {
    match text.rsplit_once('=') {
        Some((column, field)) if !column.trim().is_empty() && !field.trim().is_empty() => {
            Ok((column.trim().to_string(), field.trim().to_string()))
        }
        _ => Err(ColumnError::BadMap(text.to_string())),
    }
}

/// Matches `headers` to fields: first the user's `map` (a sheet header onto a field, or onto
/// `ignore`), then every other header that names a field itself.
pub fn map_columns(headers: &[String], map: &[(String, String)]) -> Result<ColumnMap, ColumnError> {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let mut taken: Vec<Option<&'static str>> = vec![None; headers.len()];
    let mut mapped = vec![false; headers.len()];
    for (column, field) in map {
        let Some(i) = folded.iter().position(|h| *h == fold(column)) else {
            return Err(ColumnError::NoSuchColumn {
                column: column.clone(),
                headers: headers
                    .iter()
                    .map(|h| h.trim())
                    .filter(|h| !h.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        };
        mapped[i] = true;
        if fold(field) == "ignore" {
            continue;
        }
        taken[i] = Some(field_named(field).ok_or_else(|| ColumnError::UnknownField {
            field: field.clone(),
        })?);
    }
    for (i, header) in folded.iter().enumerate() {
        if !mapped[i] {
            taken[i] = field_named(header);
        }
    }
    let mut result = ColumnMap::default();
    for (i, field) in taken.iter().enumerate() {
        match field {
            Some(field) => {
                if let Some(&first) = result.index.get(field) {
                    return Err(ColumnError::Twice {
                        field,
                        first: headers[first].trim().to_string(),
                        second: headers[i].trim().to_string(),
                    });
                }
                result.index.insert(field, i);
            }
            None => {
                let header = headers[i].trim();
                let derived = DERIVED_COLUMNS.iter().any(|d| fold(d) == folded[i]);
                if !header.is_empty() && !derived && !mapped[i] {
                    result.ignored.push(header.to_string());
                }
            }
        }
    }
    Ok(result)
}

/// The key a set of headers is remembered by (the window keeps a mapping per key).
pub fn headers_key(headers: &[String]) -> String {
    let mut folded: Vec<String> = headers
        .iter()
        .map(|h| fold(h))
        .filter(|h| !h.is_empty())
        .collect();
    folded.sort();
    folded.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn workplan_headers_match_as_people_write_them() {
        let h = headers(&[
            "Title",
            "KIND",
            "Participants_Planned",
            " SDG targets ",
            "Remarks",
        ]);
        let map = map_columns(&h, &[]).unwrap();
        assert_eq!(map.get("title"), Some(0));
        assert_eq!(map.get("kind"), Some(1));
        assert_eq!(map.get("participants planned"), Some(2));
        assert_eq!(map.get("sdg targets"), Some(3));
        assert_eq!(map.ignored, vec!["Remarks".to_string()]);
        assert_eq!(map.header("sdg targets", &h), Some("SDG targets"));
    }

    #[test]
    fn a_map_takes_the_sheets_own_headers_onto_fields() {
        let h = headers(&["Event", "Type", "Dates", "Title", "first day"]);
        let map = map_columns(
            &h,
            &[
                ("event".into(), "title".into()),
                ("Type".into(), "Kind".into()),
                ("dates".into(), "sessions".into()),
                ("title".into(), "ignore".into()),
            ],
        )
        .unwrap();
        assert_eq!(map.get("title"), Some(0));
        assert_eq!(map.get("kind"), Some(1));
        assert_eq!(map.get("sessions"), Some(2));
        assert!(map.ignored.is_empty(), "ignored on purpose, and derived");
    }

    #[test]
    fn a_bad_map_says_what_is_wrong() {
        let h = headers(&["Event", "Title"]);
        assert!(matches!(parse_map("Event"), Err(ColumnError::BadMap(_))));
        assert_eq!(
            parse_map(" Event title = title ").unwrap(),
            ("Event title".to_string(), "title".to_string())
        );
        let e = map_columns(&h, &[("Venue".into(), "city".into())]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the header row has no column “Venue” to map (its columns are: Event, Title)"
        );
        let e = map_columns(&h, &[("Event".into(), "headline".into())]).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("“headline” is not a Workplan field"),
            "{e}"
        );
        let e = map_columns(&h, &[("Event".into(), "title".into())]).unwrap_err();
        assert_eq!(
            e,
            ColumnError::Twice {
                field: "title",
                first: "Event".into(),
                second: "Title".into()
            }
        );
    }

    #[test]
    fn the_same_headers_in_another_order_are_remembered_as_one() {
        assert_eq!(
            headers_key(&headers(&["Event", "Dates", ""])),
            headers_key(&headers(&["dates", "EVENT"]))
        );
        assert_ne!(
            headers_key(&headers(&["Event"])),
            headers_key(&headers(&["Event", "Dates"]))
        );
    }
}
