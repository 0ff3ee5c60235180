//! The workplan as CSV (RFC 4180, UTF-8, one activity a row): the columns and how each cell
//! is written and read, in one place for both directions. `docs/csv.md` describes it for
//! people.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};

use crate::model::{
    Activity, Dependency, Funding, Id, Money, Participants, Place, PlaceMode, Precision, Project,
    Session, Status,
};

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
                .map(|f| format!("{}={}", org(&p.donors, f.source), f.amount))
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

/// A row that cannot be imported, with the line it is on in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub message: String,
}

/// What an import would do: the rows read, and the rows refused with their reasons. Nothing
/// is changed until the caller applies `activities`.
#[derive(Debug, Default)]
pub struct Import {
    /// New or updated activities, valid against the project (new ones have fresh ids).
    pub activities: Vec<Activity>,
    pub errors: Vec<RowError>,
    /// Rows that change an existing activity.
    pub updated: usize,
    /// Rows identical to the activity they name.
    pub unchanged: usize,
}

/// Why a whole file cannot be imported (a bad row is reported in [`Import::errors`] instead).
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// The header row cannot be read (it is not UTF-8, say): the CSV reader's error.
    #[error("the header row cannot be read: {0}")]
    Header(#[source] csv::Error),
    /// A column every row needs is not in the header row.
    #[error("the header row has no “{column}” column (see docs/csv.md for the columns)")]
    MissingColumn { column: &'static str },
}

/// Reads `bytes` against `project`. Ids for new activities and sessions come from
/// `next_id`, which is advanced; rows are checked one by one and bad ones reported.
pub fn read(project: &Project, bytes: &[u8], next_id: &mut u64) -> Result<Import, CsvError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(bytes);
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
        list.iter()
            .find(|o| o.acronym.eq_ignore_ascii_case(name) || o.name.eq_ignore_ascii_case(name))
            .map(|o| o.id)
    };
    let mut import = Import::default();
    let mut seen_ids = std::collections::HashSet::new();
    let mut fresh = || {
        let id = Id(*next_id);
        *next_id += 1;
        id
    };
    for (index, record) in reader.records().enumerate() {
        // Row 1 is the header.
        let row = index + 2;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                import.errors.push(RowError {
                    row,
                    message: format!("cannot be read: {e}"),
                });
                continue;
            }
        };
        let cell = |name: &str| {
            column
                .get(name)
                .and_then(|&i| record.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        let result = (|| -> Result<Activity, String> {
            if record.len() != headers.len() {
                return Err(format!(
                    "has {} values but the header row has {} columns (a missing comma, or a quote left open?)",
                    record.len(),
                    headers.len()
                ));
            }
            let existing = match cell("id") {
                "" => None,
                text => {
                    let id = Id(text
                        .parse()
                        .map_err(|_| format!("id “{text}” is not a number"))?);
                    if !seen_ids.insert(id) {
                        return Err(format!("id {id} appears on two rows"));
                    }
                    Some(project.activity(id).ok_or_else(|| format!("there is no activity {id} in the project (leave the id empty for a new one)"))?)
                }
            };
            let title = cell("title");
            if title.is_empty() {
                return Err("the title is empty".into());
            }
            let kind = cell("kind");
            if !project.settings.activity_kinds.iter().any(|k| k == kind) {
                return Err(format!(
                    "“{kind}” is not one of the activity kinds ({})",
                    project.settings.activity_kinds.join(", ")
                ));
            }
            let status = parse_status(cell("status")).ok_or_else(|| {
                format!(
                    "“{}” is not a status ({})",
                    cell("status"),
                    Status::ALL.map(|s| s.label()).join(", ")
                )
            })?;
            let mut sessions = Vec::new();
            for text in split_list(cell("sessions")) {
                sessions.push(parse_session(text)?);
            }
            // Keep the ids of sessions that did not change, so a round trip changes nothing.
            for (i, session) in sessions.iter_mut().enumerate() {
                let same = existing.and_then(|a| a.sessions.get(i)).filter(|old| {
                    Session {
                        id: old.id,
                        ..session.clone()
                    } == **old
                });
                session.id = same.map_or_else(&mut fresh, |old| old.id);
            }
            let mut beneficiaries = Vec::new();
            for name in split_list(cell("beneficiaries")) {
                let j = p
                    .jurisdictions
                    .iter()
                    .find(|j| j.name.eq_ignore_ascii_case(name))
                    .ok_or_else(|| {
                        format!("“{name}” is not a beneficiary jurisdiction of the programme")
                    })?;
                beneficiaries.push(j.id);
            }
            let mut partners = Vec::new();
            for name in split_list(cell("partners")) {
                partners.push(
                    find_org(&p.partners, name)
                        .ok_or_else(|| format!("“{name}” is not a partner of the programme"))?,
                );
            }
            let number = |name: &str| -> Result<Option<u32>, String> {
                match cell(name) {
                    "" => Ok(None),
                    t => t
                        .parse()
                        .map(Some)
                        .map_err(|_| format!("{name} “{t}” is not a whole number")),
                }
            };
            let budget = match cell("budget") {
                "" => None,
                t => Some(Money {
                    amount: t
                        .parse()
                        .map_err(|_| format!("budget “{t}” is not a whole amount"))?,
                    currency: if cell("currency").is_empty() {
                        "EUR".into()
                    } else {
                        cell("currency").to_uppercase()
                    },
                }),
            };
            let mut funding = Vec::new();
            for part in split_list(cell("funding")) {
                let (name, amount) = part
                    .rsplit_once('=')
                    .ok_or_else(|| format!("funding “{part}” should read DONOR=AMOUNT"))?;
                let source = find_org(&p.donors, name.trim())
                    .ok_or_else(|| format!("“{}” is not a donor of the programme", name.trim()))?;
                let amount = amount.trim().parse().map_err(|_| {
                    format!("funding amount “{}” is not a whole number", amount.trim())
                })?;
                funding.push(Funding { source, amount });
            }
            let mut sdg_targets = Vec::new();
            for t in split_list(cell("sdg targets")) {
                if !crate::model::sdg::is_valid_target(t) {
                    return Err(format!("“{t}” is not an SDG target"));
                }
                sdg_targets.push(t.to_string());
            }
            let mut objectives = Vec::new();
            for code in split_list(cell("objectives")) {
                objectives.push(
                    *codes
                        .get(code)
                        .ok_or_else(|| format!("there is no objective {code} in the tree"))?,
                );
            }
            let mut predecessors = Vec::new();
            for text in split_list(cell("predecessors")) {
                let split = text.find(['+', '-']).unwrap_or(text.len());
                let (id, lag) = text.split_at(split);
                let activity = Id(id.trim().parse().map_err(|_| {
                    format!("predecessor “{text}” should be an activity id, optionally with +days")
                })?);
                project
                    .activity(activity)
                    .ok_or_else(|| format!("predecessor {activity} is not in the project"))?;
                let lag_days = if lag.is_empty() {
                    0
                } else {
                    lag.parse()
                        .map_err(|_| format!("lag “{lag}” is not a number of days"))?
                };
                predecessors.push(Dependency { activity, lag_days });
            }
            let id = existing.map_or_else(&mut fresh, |a| a.id);
            if predecessors.iter().any(|d| d.activity == id) {
                return Err("an activity cannot follow itself".into());
            }
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
                participants: Participants {
                    planned: number("participants planned")?,
                    actual: number("participants actual")?,
                    women: number("women")?,
                    men: number("men")?,
                },
                officer: cell("officer").to_string(),
                sdg_targets,
                objectives,
                predecessors,
                notes: cell("notes").to_string(),
                milestone: match cell("milestone").to_lowercase().as_str() {
                    "" | "no" | "false" | "0" => false,
                    "yes" | "true" | "1" => true,
                    other => return Err(format!("milestone “{other}” should be yes or empty")),
                },
            };
            // A column the file does not have leaves that field of an existing activity as it
            // was: a file with only ids and titles renames, it does not wipe.
            Ok(match existing {
                Some(old) => {
                    keep_missing_columns(old, read, &|name: &str| column.contains_key(name))
                }
                None => read,
            })
        })();
        match result {
            Ok(activity) => {
                match project.activity(activity.id) {
                    Some(old) if *old == activity => import.unchanged += 1,
                    Some(_) => import.updated += 1,
                    None => {}
                }
                import.activities.push(activity);
            }
            Err(message) => import.errors.push(RowError { row, message }),
        }
    }
    Ok(import)
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
        let error = read(&project, b"title,kind,st\xFFtus\n", &mut next_id).unwrap_err();
        assert!(matches!(error, CsvError::Header(_)), "{error:?}");
        assert!(
            error
                .to_string()
                .starts_with("the header row cannot be read: "),
            "{error}"
        );
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
        let rows: Vec<usize> = import.errors.iter().map(|e| e.row).collect();
        assert_eq!(rows, vec![3, 4, 5, 6, 7], "{:?}", import.errors);
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
}
