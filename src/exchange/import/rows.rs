//! Checking a sheet's rows against the project: every cell of every row, each problem with
//! its column, and the names no entity answers to.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;

use super::columns::ColumnMap;
use super::unknown::{Collector, NameKind};
use super::{Import, ImportOptions, RowError};
use crate::exchange::activity_csv::{DESCRIPTION, keep_missing_columns};
use crate::exchange::table::{Row, Table};
use crate::model::{
    Activity, Dependency, Funding, Id, Money, Organisation, Participants, Project, Session, Status,
};
use crate::plan::date_forms::{self, DateContext, DateSpan};
use crate::plan::names::{self, Resolution};

fn parse_status(text: &str) -> Option<Status> {
    Status::ALL
        .into_iter()
        .find(|s| s.label().eq_ignore_ascii_case(text.trim()))
}

fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
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

/// A programme list folded once for the whole sheet; each entry with the name a problem
/// shows for it.
type Names = names::Resolver<(Id, String)>;

fn organisations(list: &[Organisation]) -> Names {
    names::Resolver::new(list.iter().map(|o| {
        (
            (o.id, o.display_name()),
            o.name.as_str(),
            o.acronym.as_str(),
            "",
            o.aliases.as_slice(),
        )
    }))
}

fn jurisdictions(project: &Project) -> Names {
    names::Resolver::new(project.programme.jurisdictions.iter().map(|j| {
        (
            (j.id, j.name.clone()),
            j.name.as_str(),
            "",
            j.footnote.as_str(),
            j.aliases.as_slice(),
        )
    }))
}

fn find(list: &Names, name: &str) -> Result<Id, Option<String>> {
    named(list.find(name), |(_, label)| label.clone()).map(|(id, _)| id)
}

/// Checks every row of `table` (whose columns are `columns`) against `project`. Ids for new
/// activities and sessions come from `next_id`, spent only on rows that are kept.
pub(super) fn check(
    project: &Project,
    table: &Table,
    columns: &ColumnMap,
    options: &ImportOptions,
    next_id: &mut u64,
) -> Import {
    let codes: HashMap<String, Id> = crate::plan::tree::outline_codes(&project.objectives)
        .into_iter()
        .map(|(id, code)| (code, id))
        .collect();
    let mut import = Import {
        activities: Vec::new(),
        errors: Vec::new(),
        refused: 0,
        updated: 0,
        unchanged: 0,
        staff: None,
        unknown: Vec::new(),
        read_as: table.read_as.clone(),
        ignored_columns: columns.ignored.clone(),
    };
    let jurisdictions = jurisdictions(project);
    let partners = organisations(&project.programme.partners);
    let donors = organisations(&project.programme.donors);
    let mut unknown = Collector::default();
    let mut seen_ids = HashSet::new();
    let mut staff = project.staff.clone();
    let mut finder = crate::plan::staff::StaffFinder::new(&staff);
    let mut fresh = || {
        let id = Id(*next_id);
        *next_id += 1;
        id
    };
    for row in &table.rows {
        let sheet = Sheet {
            project,
            table,
            columns,
            options,
            codes: &codes,
            jurisdictions: &jurisdictions,
            partners: &partners,
            donors: &donors,
        };
        match check_row(&sheet, row, &mut seen_ids, &mut unknown) {
            Err(mut problems) => {
                import.errors.append(&mut problems);
                import.refused += 1;
            }
            Ok((mut read, existing, officer)) => {
                // Officers by staff member: one person however the sheet spells them; a
                // name no one answers to becomes a new member (listed in the summary).
                read.officers = finder.resolve_with(&officer, &mut staff, &mut fresh);
                // A session that did not change keeps its id, so a round trip changes nothing.
                for (i, session) in read.sessions.iter_mut().enumerate() {
                    let same = existing.and_then(|a| a.sessions.get(i)).filter(|old| {
                        Session {
                            id: old.id,
                            ..session.clone()
                        } == **old
                    });
                    session.id = same.map_or_else(&mut fresh, |old| old.id);
                }
                read.id = existing.map_or_else(&mut fresh, |a| a.id);
                // A column the file does not have leaves that field of an existing activity
                // as it was: a file with only ids and titles renames, it does not wipe.
                let has =
                    |name: &str| columns.has(name) || name == "sessions" && columns.has("start");
                let activity = match existing {
                    Some(old) => keep_missing_columns(old, read, &has),
                    None => read,
                };
                match project.activity(activity.id) {
                    Some(old) if *old == activity => import.unchanged += 1,
                    Some(_) => import.updated += 1,
                    None => {}
                }
                import.activities.push(activity);
            }
        }
    }
    import.unknown = unknown.names;
    if staff != project.staff {
        import.staff = Some(staff);
    }
    import
}

/// What every row is checked against.
struct Sheet<'p, 's> {
    project: &'p Project,
    table: &'s Table,
    columns: &'s ColumnMap,
    options: &'s ImportOptions,
    codes: &'s HashMap<String, Id>,
    jurisdictions: &'s Names,
    partners: &'s Names,
    donors: &'s Names,
}

/// A row's cells by field, trimmed; a cell the reader could not take (reported already) and a
/// column the sheet does not have read as empty.
struct Cells<'r> {
    row: &'r Row,
    columns: &'r ColumnMap,
    broken: HashSet<usize>,
}

impl<'r> Cells<'r> {
    fn get(&self, field: &str) -> &'r str {
        self.columns
            .get(field)
            .filter(|i| !self.broken.contains(i))
            .and_then(|i| self.row.cells.get(i))
            .map(|c| c.trim())
            .unwrap_or("")
    }
}

/// One row: the activity it reads as (id not yet given) and the activity it updates, or every
/// problem of the row.
fn check_row<'p>(
    sheet: &Sheet<'p, '_>,
    row: &Row,
    seen_ids: &mut HashSet<Id>,
    unknown: &mut Collector,
) -> Result<(Activity, Option<&'p Activity>, String), Vec<RowError>> {
    let Sheet {
        project,
        table,
        columns,
        options,
        codes,
        jurisdictions,
        partners: partner_names,
        donors,
    } = *sheet;
    let number = row.number;
    if let Some(reason) = &row.unreadable {
        // The cells are out of place, so checking them one by one would mislead.
        return Err(vec![RowError {
            row: number,
            column: None,
            message: reason.clone(),
        }]);
    }
    let header = |field: &str| {
        columns
            .header(field, &table.headers)
            .unwrap_or(field)
            .to_string()
    };
    let mut problems: Vec<RowError> = row
        .cell_problems
        .iter()
        .map(|(i, message)| RowError {
            row: number,
            column: Some(
                table
                    .headers
                    .get(*i)
                    .map(|h| h.trim().to_string())
                    .unwrap_or_else(|| format!("column {}", i + 1)),
            ),
            message: message.clone(),
        })
        .collect();
    let cells = Cells {
        row,
        columns,
        broken: row.cell_problems.iter().map(|(i, _)| *i).collect(),
    };
    let cell = |field: &str| cells.get(field);
    // Each check below records its problem and goes on, so a row reports every bad cell.
    let mut bad = |field: &str, message: String| {
        problems.push(RowError {
            row: number,
            column: Some(header(field)),
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
    if title.is_empty() && (columns.has("title") || existing.is_none()) {
        bad("title", "the title is empty".into());
    }
    let kind = cell("kind");
    if (columns.has("kind") || existing.is_none())
        && !project.settings.activity_kinds.iter().any(|k| k == kind)
    {
        bad(
            "kind",
            format!(
                "“{kind}” is not one of the activity kinds ({})",
                project.settings.activity_kinds.join(", ")
            ),
        );
    }
    let status = match (columns.has("status"), existing) {
        (false, Some(old)) => Some(old.status),
        _ => {
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
            status
        }
    };
    // A date written without its year takes it from the row's other dates, else from a
    // programme period of one year.
    let period = (project.programme.start.year() == project.programme.end.year())
        .then(|| project.programme.start.year());
    let cx = DateContext {
        order: options.date_order,
        default_year: ["sessions", "start", "end"]
            .into_iter()
            .find_map(|field| date_forms::year_written(cell(field)))
            .or(period),
    };
    let mut sessions = Vec::new();
    if columns.has("sessions") {
        match date_forms::parse_sessions(cell("sessions"), &cx) {
            Ok(forms) => sessions.extend(forms.into_iter().map(|f| f.session(Id(0)))),
            Err(messages) => messages.into_iter().for_each(|m| bad("sessions", m)),
        }
    } else if let Some(session) = session_of_columns(&cells, &cx, &mut bad) {
        sessions.push(session);
    }
    // A place in a beneficiary jurisdiction is written as the programme writes it ("Republic
    // of Serbia" becomes "Serbia"), so checks and reports name it alike; others stay as written.
    for session in &mut sessions {
        let country = &mut session.place.country;
        if !country.is_empty()
            && let Resolution::Found((_, name)) = jurisdictions.find(country)
        {
            *country = name;
        }
    }
    let mut beneficiaries = Vec::new();
    for name in split_list(cell("beneficiaries")) {
        match find(jurisdictions, name) {
            Ok(id) => beneficiaries.push(id),
            Err(Some(candidates)) => bad(
                "beneficiaries",
                format!("“{name}” could be {candidates}: write the name in full"),
            ),
            Err(None) => {
                unknown.note(NameKind::Jurisdiction, name, number);
                bad(
                    "beneficiaries",
                    format!("“{name}” is not a beneficiary jurisdiction of the programme"),
                )
            }
        }
    }
    let mut partners = Vec::new();
    for name in split_list(cell("partners")) {
        match find(partner_names, name) {
            Ok(id) => partners.push(id),
            Err(Some(candidates)) => bad(
                "partners",
                format!("“{name}” could be {candidates}: write the name in full"),
            ),
            Err(None) => {
                unknown.note(NameKind::Partner, name, number);
                bad(
                    "partners",
                    format!("“{name}” is not a partner of the programme"),
                )
            }
        }
    }
    let mut number_in = |field: &'static str| -> Option<u32> {
        match cell(field) {
            "" => None,
            t => t.parse().map_or_else(
                |_| {
                    bad(field, format!("“{t}” is not a whole number"));
                    None
                },
                Some,
            ),
        }
    };
    let participants = Participants {
        planned: number_in("participants planned"),
        actual: number_in("participants actual"),
        women: number_in("women"),
        men: number_in("men"),
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
        let source = match find(donors, name.trim()) {
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
                unknown.note(NameKind::Donor, name.trim(), number);
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
        return Err(problems);
    };
    let read = Activity {
        id: Id(0),
        title: match (columns.has("title"), existing) {
            (false, Some(old)) => old.title.clone(),
            _ => title.to_string(),
        },
        kind: match (columns.has("kind"), existing) {
            (false, Some(old)) => old.kind.clone(),
            _ => kind.to_string(),
        },
        status,
        description: cell(DESCRIPTION).to_string(),
        sessions,
        beneficiaries,
        unit: cell("unit").to_string(),
        partners,
        budget,
        funding,
        participants,
        // Resolved to staff by the caller, which keeps the staff list across rows.
        officers: Vec::new(),
        sdg_targets,
        objectives,
        predecessors,
        notes: cell("notes").to_string(),
        milestone,
    };
    Ok((read, existing, cell("officer").to_string()))
}

/// The one session of a sheet without a `sessions` column: its dates from `start` (a day, a
/// range or a month) and `end`, its place from `city` and `country` (a city `online` is an
/// online session). `None` when the row gives no dates, or when they are wrong (reported).
fn session_of_columns(
    cells: &Cells<'_>,
    cx: &DateContext,
    bad: &mut dyn FnMut(&str, String),
) -> Option<Session> {
    let cell = |field: &str| cells.get(field);
    let span = |field: &str, bad: &mut dyn FnMut(&str, String)| -> Option<DateSpan> {
        match cell(field) {
            "" => None,
            text => date_forms::parse_span(text, cx)
                .map_err(|message| bad(field, message))
                .ok(),
        }
    };
    let start = span("start", bad);
    let end = span("end", bad);
    let first = start.or(end)?;
    let mut dates = first;
    if let (Some(start), Some(end)) = (start, end) {
        if end.last < start.start {
            bad("end", format!("“{}” is before the start", cell("end")));
            return None;
        }
        dates.last = end.last;
        if start.precision != end.precision {
            dates.precision = crate::model::Precision::Day;
        }
    }
    let (city, country) = (cell("city"), cell("country"));
    let place = if city.eq_ignore_ascii_case("online") {
        crate::model::Place {
            mode: crate::model::PlaceMode::Online,
            ..Default::default()
        }
    } else {
        crate::model::Place {
            mode: crate::model::PlaceMode::InPerson,
            city: city.to_string(),
            country: country.to_string(),
        }
    };
    Some(date_forms::SessionForm { span: dates, place }.session(Id(0)))
}
