//! The workplan as CSV (RFC 4180, one activity a row; written as UTF-8, read as spreadsheet
//! programs write it): the columns and how each cell
//! is written and read, in one place for both directions. `docs/csv.md` describes it for
//! people.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};

use super::text_file::{self, DecodeError, Delimiter, EncodingChoice, Format};
use crate::model::{
    Activity, Dependency, Funding, Id, Money, Participants, Place, PlaceMode, Precision, Project,
    Session, Status,
};
use crate::plan::names::{self, Resolution};

pub const COLUMNS: [&str; 21] = [
    "id",
    "title",
    "kind",
    "status",
    "sessions",
    "beneficiaries",
    "unit",
    "partners",
    "budget",
    "currency",
    "funding",
    "participants planned",
    "participants actual",
    "women",
    "men",
    "officer",
    "sdg targets",
    "objectives",
    "predecessors",
    "milestone",
    "notes",
];

const DESCRIPTION: &str = "description";

fn status_name(status: Status) -> &'static str {
    status.label()
}

fn parse_status(text: &str) -> Option<Status> {
    Status::ALL
        .into_iter()
        .find(|s| s.label().eq_ignore_ascii_case(text.trim()))
}

fn place_text(place: &Place) -> String {
    let city = [place.city.as_str(), place.country.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    match place.mode {
        PlaceMode::InPerson => city,
        PlaceMode::Online => "online".into(),
        PlaceMode::Hybrid => format!("{city} + online"),
    }
}

/// "2009-11-18/2009-11-20 @ Belgrade, Serbia", "2022-03-15 @ online",
/// "2022-02/2022-03 @ Vienna, Austria" (months only).
pub fn session_text(session: &Session) -> String {
    let dates = match session.precision {
        Precision::Day => match session.end {
            Some(end) if end != session.start => format!("{}/{end}", session.start),
            _ => session.start.to_string(),
        },
        Precision::Month => {
            let (a, b) = (session.start, session.last_day());
            let first = format!("{:04}-{:02}", a.year(), a.month());
            let last = format!("{:04}-{:02}", b.year(), b.month());
            if first == last {
                first
            } else {
                format!("{first}/{last}")
            }
        }
    };
    let place = place_text(&session.place);
    if place.is_empty() {
        dates
    } else {
        format!("{dates} @ {place}")
    }
}

fn parse_month(text: &str) -> Option<NaiveDate> {
    let (year, month) = text.split_once('-')?;
    if month.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)
}

fn last_day_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(chrono::Months::new(1))
        .expect("in range")
        - Days::new(1)
}

/// Reads one session as [`session_text`] writes it; the id is filled in by the caller.
pub fn parse_session(text: &str) -> Result<Session, String> {
    let (dates, place) = match text.split_once('@') {
        Some((dates, place)) => (dates.trim(), place.trim()),
        None => (text.trim(), ""),
    };
    let (first, last) = match dates.split_once('/') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (dates, None),
    };
    let day = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok();
    let (start, end, precision) = if let Some(start) = day(first) {
        let end = match last {
            None => None,
            Some(t) => Some(day(t).ok_or_else(|| format!("“{t}” is not a date (YYYY-MM-DD)"))?),
        };
        (start, end.filter(|e| *e != start), Precision::Day)
    } else if let Some(start) = parse_month(first) {
        let end_month = match last {
            None => start,
            Some(t) => parse_month(t).ok_or_else(|| format!("“{t}” is not a month (YYYY-MM)"))?,
        };
        (start, Some(last_day_of_month(end_month)), Precision::Month)
    } else {
        return Err(format!(
            "“{first}” is not a date (YYYY-MM-DD) or a month (YYYY-MM)"
        ));
    };
    if end.is_some_and(|e| e < start) {
        return Err(format!("the session “{text}” ends before it starts"));
    }
    let place = if place.eq_ignore_ascii_case("online") {
        Place {
            mode: PlaceMode::Online,
            ..Place::default()
        }
    } else {
        let (where_, mode) = match place.strip_suffix("+ online") {
            Some(rest) => (rest.trim(), PlaceMode::Hybrid),
            None => (place, PlaceMode::InPerson),
        };
        let (city, country) = match where_.rsplit_once(',') {
            Some((city, country)) => (city.trim().to_string(), country.trim().to_string()),
            None => (where_.to_string(), String::new()),
        };
        Place {
            mode,
            city,
            country,
        }
    };
    Ok(Session {
        id: Id(0),
        start,
        end,
        precision,
        place,
    })
}

fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

fn optional_number(n: Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// The header and one row per activity, in workplan order.
pub fn write(project: &Project) -> Vec<u8> {
    let codes = crate::plan::tree::outline_codes(&project.objectives);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.push(DESCRIPTION);
    writer
        .write_record(&header)
        .expect("writing to memory cannot fail");
    let p = &project.programme;
    let org = |list: &[crate::model::Organisation], id: Id| {
        list.iter()
            .find(|o| o.id == id)
            .map(|o| {
                if o.acronym.is_empty() {
                    o.name.clone()
                } else {
                    o.acronym.clone()
                }
            })
            .unwrap_or_default()
    };
    for a in &project.activities {
        let record = vec![
            a.id.to_string(),
            a.title.clone(),
            a.kind.clone(),
            status_name(a.status).to_string(),
            a.sessions
                .iter()
                .map(session_text)
                .collect::<Vec<_>>()
                .join("; "),
            a.beneficiaries
                .iter()
                .filter_map(|id| project.jurisdiction(*id))
                .map(|j| j.name.clone())
                .collect::<Vec<_>>()
                .join("; "),
            a.unit.clone(),
            a.partners
                .iter()
                .map(|id| org(&p.partners, *id))
                .collect::<Vec<_>>()
                .join("; "),
            a.budget
                .as_ref()
                .map(|b| b.amount.to_string())
                .unwrap_or_default(),
            a.budget
                .as_ref()
                .map(|b| b.currency.clone())
                .unwrap_or_default(),
            a.funding
                .iter()
                .map(|f| match f.amount {
                    Some(amount) => format!("{}={amount}", org(&p.donors, f.source)),
                    // The donor alone: it supports the activity, by an amount not known.
                    None => org(&p.donors, f.source),
                })
                .collect::<Vec<_>>()
                .join("; "),
            optional_number(a.participants.planned),
            optional_number(a.participants.actual),
            optional_number(a.participants.women),
            optional_number(a.participants.men),
            a.officer.clone(),
            a.sdg_targets.join("; "),
            a.objectives
                .iter()
                .filter_map(|id| codes.get(id).cloned())
                .collect::<Vec<_>>()
                .join("; "),
            a.predecessors
                .iter()
                .map(|d| match d.lag_days {
                    0 => d.activity.to_string(),
                    lag => format!("{}{lag:+}", d.activity),
                })
                .collect::<Vec<_>>()
                .join("; "),
            if a.milestone {
                "yes".into()
            } else {
                String::new()
            },
            a.notes.clone(),
            a.description.clone(),
        ];
        writer
            .write_record(&record)
            .expect("writing to memory cannot fail");
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

/// A problem of a row, with the row's number in the spreadsheet (the header is row 1) and the
/// column at fault; `column` is `None` when the row as a whole cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub column: Option<&'static str>,
    pub message: String,
}

impl RowError {
    /// `FILE:ROW:COLUMN: reason` (`FILE:ROW: reason` for the whole row).
    pub fn located(&self, file: &str) -> String {
        match self.column {
            Some(column) => format!("{file}:{}:{column}: {}", self.row, self.message),
            None => format!("{file}:{}: {}", self.row, self.message),
        }
    }
}

/// What an import would do: the rows read, and every problem of the rows refused. Nothing
/// is changed until the caller applies `activities`.
#[derive(Debug)]
pub struct Import {
    /// New or updated activities, valid against the project (new ones have fresh ids).
    pub activities: Vec<Activity>,
    /// Every problem found, row by row and within a row by column; a row is refused when it
    /// has any.
    pub errors: Vec<RowError>,
    /// Rows refused (a row may have several errors).
    pub refused: usize,
    /// Rows that change an existing activity.
    pub updated: usize,
    /// Rows identical to the activity they name.
    pub unchanged: usize,
    /// The encoding and separator the file was read with.
    pub format: Format,
}

/// Why a whole file cannot be imported (a bad row is reported in [`Import::errors`] instead).
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// The bytes are not text in the encoding the user named.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The header row cannot be read: the CSV reader's error.
    #[error("the header row cannot be read: {0}")]
    Header(#[source] csv::Error),
    /// A column every row needs is not in the header row.
    #[error("the header row has no “{column}” column (see docs/csv.md for the columns)")]
    MissingColumn { column: &'static str },
}

/// The entity a resolution found, or why not: `Err(Some(..))` lists the candidates of an
/// ambiguous name as a row problem says them ("A or B"), `Err(None)` is an unknown name.
fn named<T>(resolution: Resolution<T>, label: impl Fn(&T) -> String) -> Result<T, Option<String>> {
    match resolution {
        Resolution::Found(value) => Ok(value),
        Resolution::NotFound => Err(None),
        Resolution::Ambiguous(all) => {
            let mut labels: Vec<String> = all.iter().map(|v| format!("“{}”", label(v))).collect();
            let last = labels.pop().unwrap_or_default();
            Err(Some(if labels.is_empty() {
                last
            } else {
                format!("{} or {last}", labels.join(", "))
            }))
        }
    }
}

/// How to read the file's text; `None` detects.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub encoding: Option<EncodingChoice>,
    pub delimiter: Option<Delimiter>,
}

/// Reads `bytes` against `project`, detecting the encoding and separator. Ids for new
/// activities and sessions come from `next_id`, which is advanced; every row is checked and
/// every bad cell reported.
pub fn read(project: &Project, bytes: &[u8], next_id: &mut u64) -> Result<Import, CsvError> {
    read_with(project, bytes, ReadOptions::default(), next_id)
}

/// [`read`] with the encoding or separator named by the user.
pub fn read_with(
    project: &Project,
    bytes: &[u8],
    options: ReadOptions,
    next_id: &mut u64,
) -> Result<Import, CsvError> {
    let (text, encoding, bom) = text_file::decode(bytes, options.encoding)?;
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| text_file::detect_delimiter(&text));
    let format = Format {
        encoding,
        bom,
        delimiter,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(CsvError::Header)?.clone();
    let column: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().to_lowercase(), i))
        .collect();
    for required in ["title", "kind", "status"] {
        if !column.contains_key(required) {
            return Err(CsvError::MissingColumn { column: required });
        }
    }
    let codes: HashMap<String, Id> = crate::plan::tree::outline_codes(&project.objectives)
        .into_iter()
        .map(|(id, code)| (code, id))
        .collect();
    let p = &project.programme;
    let find_org = |list: &[crate::model::Organisation], name: &str| {
        named(
            names::resolve_with_aliases(
                name,
                list.iter().map(|o| {
                    (
                        o,
                        o.name.as_str(),
                        o.acronym.as_str(),
                        "",
                        o.aliases.as_slice(),
                    )
                }),
            ),
            |o| o.display_name(),
        )
        .map(|o| o.id)
    };
    let find_jurisdiction = |name: &str| {
        named(
            names::resolve_with_aliases(
                name,
                p.jurisdictions.iter().map(|j| {
                    (
                        j,
                        j.name.as_str(),
                        "",
                        j.footnote.as_str(),
                        j.aliases.as_slice(),
                    )
                }),
            ),
            |j| j.name.clone(),
        )
        .map(|j| j.id)
    };
    let mut import = Import {
        activities: Vec::new(),
        errors: Vec::new(),
        refused: 0,
        updated: 0,
        unchanged: 0,
        format,
    };
    let mut seen_ids = std::collections::HashSet::new();
    let mut fresh = || {
        let id = Id(*next_id);
        *next_id += 1;
        id
    };
    // Rows are numbered as a spreadsheet shows them (the header is row 1): the CSV reader skips
    // blank lines, which are rows there, and a quoted line break stays within its row.
    let mut rows = RowCounter::after(&headers);
    for record in reader.records() {
        let row = rows.row_of(record.as_ref().ok());
        let whole_row = |message: String| RowError {
            row,
            column: None,
            message,
        };
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                import
                    .errors
                    .push(whole_row(format!("cannot be read: {e}")));
                import.refused += 1;
                continue;
            }
        };
        // Spreadsheets write rows that only ever held formatting as separators alone.
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            // The cells are out of place, so checking them one by one would mislead.
            import.errors.push(whole_row(format!(
                "has {} values but the header row has {} columns (a missing separator, or a quote left open?)",
                record.len(),
                headers.len()
            )));
            import.refused += 1;
            continue;
        }
        let cell = |name: &str| {
            column
                .get(name)
                .and_then(|&i| record.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        // Each check below records its problem and goes on, so a row reports every bad cell.
        let mut problems: Vec<RowError> = Vec::new();
        let mut bad = |column: &'static str, message: String| {
            problems.push(RowError {
                row,
                column: Some(column),
                message,
            })
        };
        let existing = match cell("id") {
            "" => None,
            text => match text.parse() {
                Err(_) => {
                    bad("id", format!("“{text}” is not a number"));
                    None
                }
                Ok(n) => {
                    let id = Id(n);
                    if !seen_ids.insert(id) {
                        bad("id", format!("id {id} appears on two rows"));
                        None
                    } else {
                        let found = project.activity(id);
                        if found.is_none() {
                            bad(
                                "id",
                                format!(
                                    "there is no activity {id} in the project (leave the id empty for a new one)"
                                ),
                            );
                        }
                        found
                    }
                }
            },
        };
        let title = cell("title");
        if title.is_empty() {
            bad("title", "the title is empty".into());
        }
        let kind = cell("kind");
        if !project.settings.activity_kinds.iter().any(|k| k == kind) {
            bad(
                "kind",
                format!(
                    "“{kind}” is not one of the activity kinds ({})",
                    project.settings.activity_kinds.join(", ")
                ),
            );
        }
        let status = parse_status(cell("status"));
        if status.is_none() {
            bad(
                "status",
                format!(
                    "“{}” is not a status ({})",
                    cell("status"),
                    Status::ALL.map(|s| s.label()).join(", ")
                ),
            );
        }
        let mut sessions = Vec::new();
        for text in split_list(cell("sessions")) {
            match parse_session(text) {
                Ok(session) => sessions.push(session),
                Err(message) => bad("sessions", message),
            }
        }
        let mut beneficiaries = Vec::new();
        for name in split_list(cell("beneficiaries")) {
            match find_jurisdiction(name) {
                Ok(id) => beneficiaries.push(id),
                Err(Some(candidates)) => bad(
                    "beneficiaries",
                    format!("“{name}” could be {candidates}: write the name in full"),
                ),
                Err(None) => bad(
                    "beneficiaries",
                    format!("“{name}” is not a beneficiary jurisdiction of the programme"),
                ),
            }
        }
        let mut partners = Vec::new();
        for name in split_list(cell("partners")) {
            match find_org(&p.partners, name) {
                Ok(id) => partners.push(id),
                Err(Some(candidates)) => bad(
                    "partners",
                    format!("“{name}” could be {candidates}: write the name in full"),
                ),
                Err(None) => bad(
                    "partners",
                    format!("“{name}” is not a partner of the programme"),
                ),
            }
        }
        let mut number = |name: &'static str| -> Option<u32> {
            match cell(name) {
                "" => None,
                t => t.parse().map_or_else(
                    |_| {
                        bad(name, format!("“{t}” is not a whole number"));
                        None
                    },
                    Some,
                ),
            }
        };
        let participants = Participants {
            planned: number("participants planned"),
            actual: number("participants actual"),
            women: number("women"),
            men: number("men"),
        };
        let budget = match cell("budget") {
            "" => None,
            t => match t.parse() {
                Ok(amount) => Some(Money {
                    amount,
                    currency: if cell("currency").is_empty() {
                        "EUR".into()
                    } else {
                        cell("currency").to_uppercase()
                    },
                }),
                Err(_) => {
                    bad("budget", format!("“{t}” is not a whole amount"));
                    None
                }
            },
        };
        let mut funding = Vec::new();
        for part in split_list(cell("funding")) {
            // `DONOR` alone: the donor supports the activity, by an amount not known.
            let (name, amount) = match part.rsplit_once('=') {
                Some((name, amount)) => (name, Some(amount)),
                None => (part, None),
            };
            let source = match find_org(&p.donors, name.trim()) {
                Ok(id) => Some(id),
                Err(Some(candidates)) => {
                    bad(
                        "funding",
                        format!(
                            "“{}” could be {candidates}: write the name in full",
                            name.trim()
                        ),
                    );
                    None
                }
                Err(None) => {
                    bad(
                        "funding",
                        format!("“{}” is not a donor of the programme", name.trim()),
                    );
                    None
                }
            };
            let amount = match amount.map(str::trim) {
                None => Some(None),
                Some(amount_text) => {
                    let amount = amount_text.parse().ok().map(Some);
                    if amount.is_none() {
                        bad(
                            "funding",
                            format!("the amount “{amount_text}” is not a whole number"),
                        );
                    }
                    amount
                }
            };
            if let (Some(source), Some(amount)) = (source, amount) {
                funding.push(Funding { source, amount });
            }
        }
        let mut sdg_targets = Vec::new();
        for t in split_list(cell("sdg targets")) {
            if crate::model::sdg::is_valid_target(t) {
                sdg_targets.push(t.to_string());
            } else {
                bad("sdg targets", format!("“{t}” is not an SDG target"));
            }
        }
        let mut objectives = Vec::new();
        for code in split_list(cell("objectives")) {
            match codes.get(code) {
                Some(id) => objectives.push(*id),
                None => bad(
                    "objectives",
                    format!("there is no objective {code} in the tree"),
                ),
            }
        }
        let mut predecessors = Vec::new();
        for text in split_list(cell("predecessors")) {
            let split = text.find(['+', '-']).unwrap_or(text.len());
            let (id, lag) = text.split_at(split);
            let Ok(activity) = id.trim().parse().map(Id) else {
                bad(
                    "predecessors",
                    format!("“{text}” should be an activity id, optionally with +days"),
                );
                continue;
            };
            if project.activity(activity).is_none() {
                bad(
                    "predecessors",
                    format!("predecessor {activity} is not in the project"),
                );
                continue;
            }
            let lag_days = if lag.is_empty() {
                0
            } else if let Ok(days) = lag.parse() {
                days
            } else {
                bad(
                    "predecessors",
                    format!("lag “{lag}” is not a number of days"),
                );
                continue;
            };
            if existing.is_some_and(|a| a.id == activity) {
                bad("predecessors", "an activity cannot follow itself".into());
                continue;
            }
            predecessors.push(Dependency { activity, lag_days });
        }
        let milestone = match cell("milestone").to_lowercase().as_str() {
            "" | "no" | "false" | "0" => false,
            "yes" | "true" | "1" => true,
            other => {
                bad("milestone", format!("“{other}” should be yes or empty"));
                false
            }
        };
        let Some(status) = status.filter(|_| problems.is_empty()) else {
            import.errors.append(&mut problems);
            import.refused += 1;
            continue;
        };
        // Ids are spent only on rows that are kept. A session that did not change keeps its
        // id, so a round trip changes nothing.
        for (i, session) in sessions.iter_mut().enumerate() {
            let same = existing.and_then(|a| a.sessions.get(i)).filter(|old| {
                Session {
                    id: old.id,
                    ..session.clone()
                } == **old
            });
            session.id = same.map_or_else(&mut fresh, |old| old.id);
        }
        let id = existing.map_or_else(&mut fresh, |a| a.id);
        let read = Activity {
            id,
            title: title.to_string(),
            kind: kind.to_string(),
            status,
            description: cell(DESCRIPTION).to_string(),
            sessions,
            beneficiaries,
            unit: cell("unit").to_string(),
            partners,
            budget,
            funding,
            participants,
            officer: cell("officer").to_string(),
            sdg_targets,
            objectives,
            predecessors,
            notes: cell("notes").to_string(),
            milestone,
        };
        // A column the file does not have leaves that field of an existing activity as it
        // was: a file with only ids and titles renames, it does not wipe.
        let activity = match existing {
            Some(old) => keep_missing_columns(old, read, &|name: &str| column.contains_key(name)),
            None => read,
        };
        match project.activity(activity.id) {
            Some(old) if *old == activity => import.unchanged += 1,
            Some(_) => import.updated += 1,
            None => {}
        }
        import.activities.push(activity);
    }
    Ok(import)
}

/// The spreadsheet row of each record, from the file line the CSV reader says it starts on.
struct RowCounter {
    /// The row the next record is on when no blank line comes before it.
    next_row: usize,
    /// The file line the next record starts on when no blank line comes before it.
    next_line: u64,
}

impl RowCounter {
    fn after(header: &csv::StringRecord) -> Self {
        let line = header.position().map_or(1, |p| p.line());
        RowCounter {
            next_row: 2,
            next_line: line + 1 + line_breaks(header),
        }
    }

    /// The row of `record` (`None`: a record that could not be read, taken as the next row).
    fn row_of(&mut self, record: Option<&csv::StringRecord>) -> usize {
        let Some((record, position)) = record.and_then(|r| Some((r, r.position()?))) else {
            self.next_row += 1;
            return self.next_row - 1;
        };
        let blank = position.line().saturating_sub(self.next_line);
        let row = self.next_row + usize::try_from(blank).unwrap_or(0);
        self.next_row = row + 1;
        self.next_line = position.line() + 1 + line_breaks(record);
        row
    }
}

/// Line breaks inside the quoted fields of a record.
fn line_breaks(record: &csv::StringRecord) -> u64 {
    record
        .iter()
        .map(|field| field.matches('\n').count() as u64)
        .sum()
}

fn keep_missing_columns(
    old: &Activity,
    mut read: Activity,
    has: &dyn Fn(&str) -> bool,
) -> Activity {
    macro_rules! keep {
        ($column:expr, $($field:tt)+) => {
            if !has($column) {
                read.$($field)+ = old.$($field)+.clone();
            }
        };
    }
    keep!("sessions", sessions);
    keep!("beneficiaries", beneficiaries);
    keep!("unit", unit);
    keep!("partners", partners);
    keep!("budget", budget);
    keep!("funding", funding);
    keep!("participants planned", participants.planned);
    keep!("participants actual", participants.actual);
    keep!("women", participants.women);
    keep!("men", participants.men);
    keep!("officer", officer);
    keep!("sdg targets", sdg_targets);
    keep!("objectives", objectives);
    keep!("predecessors", predecessors);
    keep!("milestone", milestone);
    keep!("notes", notes);
    keep!(DESCRIPTION, description);
    if has("budget")
        && !has("currency")
        && let (Some(new), Some(old)) = (read.budget.as_mut(), old.budget.as_ref())
    {
        new.currency = old.currency.clone();
    }
    read
}

/// The command that applies an import's valid rows as one undoable step: updates in place,
/// new activities at the end. Unchanged activities produce no change.
pub fn apply_command(project: &Project, import: &Import) -> crate::edit::commands::Command {
    use crate::edit::commands::Command;
    let mut steps = Vec::new();
    let mut inserts = Vec::new();
    for activity in &import.activities {
        match project.activity(activity.id) {
            Some(old) if old == activity => {}
            Some(_) => steps.push(Command::SetActivity(Box::new(activity.clone()))),
            None => inserts.push((project.activities.len() + inserts.len(), activity.clone())),
        }
    }
    if !inserts.is_empty() {
        steps.insert(0, Command::InsertActivities(inserts));
    }
    Command::Batch(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::sample;

    #[test]
    fn sessions_read_back_as_written() {
        for text in [
            "2009-11-18/2009-11-20 @ Belgrade, Serbia",
            "2022-03-15 @ online",
            "2022-02/2022-03 @ Vienna, Austria",
            "2022-03-02/2022-03-04 @ Istanbul, Turkey + online",
            "2010-05",
        ] {
            let session = parse_session(text).unwrap();
            assert_eq!(session_text(&session), text);
        }
        assert!(parse_session("2009-02-30").is_err());
        assert!(parse_session("2009-11-20/2009-11-18").is_err());
        assert!(parse_session("next spring").is_err());
    }

    #[test]
    fn export_then_import_changes_nothing() {
        let project = sample();
        let bytes = write(&project);
        let mut next_id = project.next_id;
        let import = read(&project, &bytes, &mut next_id).unwrap();
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        assert_eq!(
            (import.updated, import.unchanged),
            (0, project.activities.len())
        );
        let mut again = project.clone();
        let command = apply_command(&project, &import);
        assert_eq!(
            command,
            crate::edit::commands::Command::Batch(vec![]),
            "nothing to change"
        );
        command.apply(&mut again).unwrap();
        assert_eq!(again, project);
        assert_eq!(next_id, project.next_id, "no id was spent");
    }

    #[test]
    fn a_donor_alone_is_funding_of_an_amount_not_known_both_ways() {
        let mut project = sample();
        let mut donor = |name: &str| {
            let id = project.allocate_id();
            project.programme.donors.push(crate::model::Organisation {
                id,
                name: name.into(),
                acronym: String::new(),
                notes: String::new(),
                through: vec![],
                aliases: Vec::new(),
            });
            id
        };
        let (first, second) = (donor("Example donor"), donor("Second fund"));
        project.activities[0].funding = vec![Funding::unknown(first), Funding::of(second, 5000)];
        let bytes = write(&project);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains(",Example donor; Second fund=5000,"), "{text}");
        let mut next_id = project.next_id;
        let import = read(&project, &bytes, &mut next_id).unwrap();
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        assert_eq!(
            import.unchanged,
            project.activities.len(),
            "read back as written"
        );

        let csv = "title,kind,status,funding\r\n\
                   Training,Training,Planned,Example donor\r\n\
                   Meeting,Working meeting,Planned,Example donor=lots; Atlantis\r\n";
        let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
        assert_eq!(import.activities[0].funding, vec![Funding::unknown(first)]);
        let problems: Vec<&str> = import.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            problems,
            [
                "the amount “lots” is not a whole number",
                "“Atlantis” is not a donor of the programme"
            ]
        );
    }

    #[test]
    fn a_file_without_a_usable_header_row_is_refused_whole() {
        let project = sample();
        let mut next_id = project.next_id;
        let error = read(&project, b"title,kind\nTraining,Training\n", &mut next_id).unwrap_err();
        assert!(
            matches!(error, CsvError::MissingColumn { column: "status" }),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "the header row has no “status” column (see docs/csv.md for the columns)"
        );
        // Bytes that are not UTF-8 are read as Windows-1252, unless UTF-8 was asked for.
        let error = read(&project, b"title,kind,st\xFFtus\n", &mut next_id).unwrap_err();
        assert!(
            matches!(error, CsvError::MissingColumn { column: "status" }),
            "{error:?}"
        );
        let utf8 = ReadOptions {
            encoding: Some(EncodingChoice::Utf8),
            delimiter: None,
        };
        let error = read_with(&project, b"title,kind,st\xFFtus\n", utf8, &mut next_id).unwrap_err();
        assert!(matches!(error, CsvError::Decode(_)), "{error:?}");
        assert!(error.to_string().contains("not UTF-8"), "{error}");
        assert_eq!(next_id, project.next_id, "no id is spent");
    }

    #[test]
    fn missing_columns_keep_their_fields_and_short_rows_are_refused() {
        let project = sample();
        let target = project
            .activities
            .iter()
            .find(|a| !a.sessions.is_empty() && !a.beneficiaries.is_empty())
            .unwrap();
        let csv = format!(
            "id,title,kind,status\r\n{},New title,{},Done\r\n{},Short,Training\r\n",
            target.id, target.kind, target.id
        );
        let mut next_id = project.next_id;
        let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
        assert_eq!(import.activities.len(), 1);
        let renamed = &import.activities[0];
        assert_eq!(renamed.title, "New title");
        assert_eq!(renamed.sessions, target.sessions, "sessions kept");
        assert_eq!(
            renamed.beneficiaries, target.beneficiaries,
            "beneficiaries kept"
        );
        assert_eq!(import.errors.len(), 1);
        assert!(
            import.errors[0]
                .message
                .contains("has 3 values but the header row has 4 columns")
        );
    }

    #[test]
    fn bad_rows_are_reported_with_their_row_number_and_good_rows_kept() {
        let project = sample();
        let csv = "title,kind,status,sessions,beneficiaries\r\n\
                   Training on electronic evidence,Training,Planned,\"2022-03-22/2022-03-24 @ Podgorica, Montenegro\",Montenegro\r\n\
                   ,Training,Planned,,\r\n\
                   Study visit,Excursion,Planned,,\r\n\
                   Conference,Conference,Maybe,,\r\n\
                   Mission,Assessment mission,Planned,2009-02-30,\r\n\
                   Meeting,Working meeting,Planned,,Atlantis\r\n";
        let mut next_id = project.next_id;
        let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
        let rows: Vec<(usize, Option<&str>)> =
            import.errors.iter().map(|e| (e.row, e.column)).collect();
        assert_eq!(
            rows,
            vec![
                (3, Some("title")),
                (4, Some("kind")),
                (5, Some("status")),
                (6, Some("sessions")),
                (7, Some("beneficiaries"))
            ],
            "{:?}",
            import.errors
        );
        assert_eq!(import.refused, 5);
        assert!(import.errors[0].message.contains("title is empty"));
        assert!(
            import.errors[1]
                .message
                .contains("“Excursion” is not one of the activity kinds")
        );
        assert!(import.errors[2].message.contains("“Maybe” is not a status"));
        assert!(import.errors[3].message.contains("not a date"));
        assert!(
            import.errors[4]
                .message
                .contains("“Atlantis” is not a beneficiary")
        );
        assert_eq!(import.activities.len(), 1);
        let mut p = project.clone();
        apply_command(&project, &import).apply(&mut p).unwrap();
        assert_eq!(p.activities.len(), project.activities.len() + 1);
        assert!(crate::edit::integrity::check(&p).is_empty());
    }

    #[test]
    fn names_in_cells_resolve_as_people_write_them_and_through_aliases() {
        let mut project = sample();
        let p = &mut project.programme;
        let by_name = |list: &[crate::model::Jurisdiction], name: &str| {
            list.iter().find(|j| j.name == name).unwrap().id
        };
        let macedonia = by_name(
            &p.jurisdictions,
            "The former Yugoslav Republic of Macedonia",
        );
        let kosovo = by_name(&p.jurisdictions, "Kosovo");
        let serbia = by_name(&p.jurisdictions, "Serbia");
        p.jurisdictions
            .iter_mut()
            .find(|j| j.id == macedonia)
            .unwrap()
            .aliases = vec!["FYROM".into()];
        let rcc = p.partners.iter().find(|o| o.acronym == "RCC").unwrap().id;
        let donor = Id(900_001);
        p.donors.push(crate::model::Organisation {
            id: donor,
            name: "Example donor".into(),
            acronym: String::new(),
            notes: String::new(),
            through: vec![],
            aliases: vec!["Donor ministry".into()],
        });
        let csv = "title,kind,status,beneficiaries,partners,funding\r\n\
                   Training,Training,Planned,\"Kosovo*; FYROM; SERBIA\",\
                   Regional Cooperation Council (RCC),donor ministry=5000\r\n\
                   Meeting,Working meeting,Planned,kosovo,rcc,Example donor=100\r\n";
        let mut next_id = project.next_id;
        let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        let a = &import.activities[0];
        assert_eq!(a.beneficiaries, vec![kosovo, macedonia, serbia]);
        assert_eq!(a.partners, vec![rcc]);
        assert_eq!(a.funding, vec![Funding::of(donor, 5000)]);
        let b = &import.activities[1];
        assert_eq!(b.beneficiaries, vec![kosovo]);
        assert_eq!(b.partners, vec![rcc]);
        assert_eq!(b.funding, vec![Funding::of(donor, 100)]);
    }

    #[test]
    fn an_ambiguous_name_in_a_cell_is_a_row_problem_naming_the_candidates() {
        let mut project = sample();
        let p = &mut project.programme;
        // An alias two partners share, and an alias that is another jurisdiction's name.
        for o in p
            .partners
            .iter_mut()
            .filter(|o| ["RCC", "RAI"].contains(&o.acronym.as_str()))
        {
            o.aliases = vec!["Secretariat".into()];
        }
        p.jurisdictions
            .iter_mut()
            .find(|j| j.name == "Montenegro")
            .unwrap()
            .aliases = vec!["Serbia".into()];
        let csv = "title,kind,status,beneficiaries,partners\r\n\
                   Training,Training,Planned,Serbia,the secretariat\r\n\
                   Meeting,Working meeting,Planned,Atlantis,\r\n";
        let mut next_id = project.next_id;
        let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
        assert_eq!(import.refused, 2);
        assert!(import.activities.is_empty());
        let problems: Vec<(usize, Option<&str>, &str)> = import
            .errors
            .iter()
            .map(|e| (e.row, e.column, e.message.as_str()))
            .collect();
        assert_eq!(
            problems,
            vec![
                (
                    2,
                    Some("beneficiaries"),
                    "“Serbia” could be “Montenegro” or “Serbia”: write the name in full"
                ),
                (
                    2,
                    Some("partners"),
                    "“the secretariat” could be “Regional Cooperation Council (RCC)” or \
                     “Regional Anti-Corruption Initiative (RAI)”: write the name in full"
                ),
                (
                    3,
                    Some("beneficiaries"),
                    "“Atlantis” is not a beneficiary jurisdiction of the programme"
                ),
            ]
        );
    }

    #[test]
    fn every_bad_cell_of_a_row_is_reported_with_its_column() {
        let project = sample();
        let csv = "id,title,kind,status,sessions,budget,women,funding,milestone\r\n\
                   x,,Excursion,Planned,2009-02-30; next spring,lots,many,Nobody=ten,perhaps\r\n\
                   ,Training on electronic evidence,Training,Planned,2022-03-22 @ online,100,,,\r\n\
                   ,,,,,,,,\r\n\
                   ,Study visit,Training,Maybe,,,,,\r\n";
        let mut next_id = project.next_id;
        let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
        let lines: Vec<String> = import
            .errors
            .iter()
            .map(|e| e.located("plan.csv"))
            .collect();
        let columns: Vec<(usize, &str)> = import
            .errors
            .iter()
            .map(|e| (e.row, e.column.unwrap()))
            .collect();
        assert_eq!(
            columns,
            vec![
                (2, "id"),
                (2, "title"),
                (2, "kind"),
                (2, "sessions"),
                (2, "sessions"),
                (2, "women"),
                (2, "budget"),
                (2, "funding"),
                (2, "funding"),
                (2, "milestone"),
                (5, "status"),
            ],
            "{lines:#?}"
        );
        assert_eq!(lines[0], "plan.csv:2:id: “x” is not a number");
        assert!(
            lines[3].starts_with("plan.csv:2:sessions: “2009-02-30”"),
            "{lines:#?}"
        );
        assert_eq!(lines[10].split(": ").next(), Some("plan.csv:5:status"));
        assert_eq!(import.refused, 2, "the separator-only row 4 is skipped");
        assert_eq!(
            import.activities.len(),
            1,
            "the sound row between them is kept"
        );
        assert_eq!(import.activities[0].budget.as_ref().unwrap().amount, 100);
        // Only the kept row spent ids: one for the activity, one for its session.
        assert_eq!(next_id, project.next_id + 2);
    }

    #[test]
    fn a_semicolon_file_in_windows_1252_reads_like_its_utf8_twin() {
        let project = sample();
        let kind = &project.settings.activity_kinds[0];
        // 0xE6 is æ and 0x9A is š in Windows-1252, as Excel saves "CSV" on Windows.
        let mut bytes = b"title;kind;status;notes\r\n".to_vec();
        bytes.extend(b"M\xE6rsk \x9Aibenik;");
        bytes.extend(kind.as_bytes());
        bytes.extend(b";Planned;\"one; two\"\r\n");
        let mut next_id = project.next_id;
        let import = read(&project, &bytes, &mut next_id).unwrap();
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        assert_eq!(
            import.format.to_string(),
            "Read as Windows-1252, separated by ;"
        );
        assert_eq!(import.activities[0].title, "Mærsk šibenik");
        assert_eq!(import.activities[0].notes, "one; two");
        // Named, the separator wins: read with commas, the line is one column.
        let commas = ReadOptions {
            encoding: None,
            delimiter: Some(Delimiter::Comma),
        };
        let error = read_with(&project, &bytes, commas, &mut next_id).unwrap_err();
        assert!(
            matches!(error, CsvError::MissingColumn { column: "title" }),
            "{error:?}"
        );
    }

    #[test]
    fn rows_are_numbered_as_the_spreadsheet_shows_them() {
        let project = sample();
        // Row 2 has a line break inside quotes; a blank line is row 3; row 5 is bad.
        let csv = "title,kind,status,notes\r\n\
                   First,Training,Planned,\"two\r\nlines\"\r\n\
                   \r\n\
                   Second,Training,Planned,\r\n\
                   Third,Training,Someday,\r\n";
        let mut next_id = project.next_id;
        let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
        let rows: Vec<usize> = import.errors.iter().map(|e| e.row).collect();
        assert_eq!(rows, vec![5], "{:?}", import.errors);
        assert_eq!(import.activities.len(), 2);
        assert_eq!(import.activities[0].notes, "two\r\nlines");
    }
}
