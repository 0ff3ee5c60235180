//! The workplan as CSV (RFC 4180, one activity a row; written as UTF-8, read as spreadsheet
//! programs write it): the columns and how each cell
//! is written and read, in one place for both directions. `docs/csv.md` describes it for
//! people.

use chrono::Datelike;

use super::formula_guard::{guard, unguard};
use super::table::{Row, Table};
use super::text_file::{self, DecodeError, Delimiter, EncodingChoice, Format};
use crate::model::{Activity, Id, Place, PlaceMode, Precision, Project, Session, Status};

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

pub const DESCRIPTION: &str = "description";

fn status_name(status: Status) -> &'static str {
    status.label()
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
            crate::plan::staff::officer_names(project, a).join("; "),
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
            .write_record(record.iter().map(|cell| guard(cell).into_owned()))
            .expect("writing to memory cannot fail");
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

/// Why a CSV file cannot be read as a sheet (a bad row is a problem of that row instead).
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// The bytes are not text in the encoding the user named.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The header row cannot be read: the CSV reader's error.
    #[error("the header row cannot be read: {0}")]
    Header(#[source] csv::Error),
}

/// How to read the file's text; `None` detects.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub encoding: Option<EncodingChoice>,
    pub delimiter: Option<Delimiter>,
}

/// Reads `bytes` as a sheet, detecting the encoding and separator unless `options` name
/// them. Rows are numbered as a spreadsheet shows them; a row with more or fewer values than
/// the header row, or that the CSV reader cannot read, is kept as unreadable.
pub fn read_table(bytes: &[u8], options: ReadOptions) -> Result<Table, CsvError> {
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
    let mut table = Table {
        headers: headers.iter().map(str::to_string).collect(),
        header_row: 1,
        rows: Vec::new(),
        read_as: format.to_string(),
    };
    // Rows are numbered as a spreadsheet shows them (the header is row 1): the CSV reader skips
    // blank lines, which are rows there, and a quoted line break stays within its row.
    let mut rows = RowCounter::after(&headers);
    for record in reader.records() {
        let number = rows.row_of(record.as_ref().ok());
        let unreadable = |reason: String| Row {
            number,
            unreadable: Some(reason),
            ..Row::default()
        };
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                table.rows.push(unreadable(format!("cannot be read: {e}")));
                continue;
            }
        };
        // Spreadsheets write rows that only ever held formatting as separators alone.
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            table.rows.push(unreadable(format!(
                "has {} values but the header row has {} columns (a missing separator, or a quote left open?)",
                record.len(),
                headers.len()
            )));
            continue;
        }
        table.rows.push(Row {
            number,
            cells: record.iter().map(|c| unguard(c).to_string()).collect(),
            ..Row::default()
        });
    }
    Ok(table)
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

pub(crate) fn keep_missing_columns(
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
    keep!("officer", officers);
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
