//! The workplan and the logframe as one .xlsx workbook. The "Workplan" sheet holds the CSV
//! export's columns and cell texts (so it imports back through the same columns), with numbers
//! as number cells and two derived date columns; the "Logframe" sheet holds the logframe CSV's
//! table. Texts come from those exports' own writers, so the three never disagree.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, FormatAlign, Workbook, Worksheet};

use super::ContentError;
use super::logframe::{TABLE_HEADER, table_rows};
use crate::exchange::activity_csv;
use crate::model::{Id, Project};
use crate::plan::portfolio_checks::Member;
use crate::plan::workplan::span;

/// The derived date columns, written right after `sessions` and ignored on import.
pub const FIRST_DAY: &str = "first day";
pub const LAST_DAY: &str = "last day";

/// Workplan columns written as number cells when their text is a number.
const NUMBER_COLUMNS: [&str; 6] = [
    "id",
    "budget",
    "participants planned",
    "participants actual",
    "women",
    "men",
];

/// Excel refuses longer cell texts (counted in UTF-16 units).
const MAX_CELL_TEXT: usize = 32_767;

/// Column widths in characters; a column not listed gets [`DEFAULT_WIDTH`].
const WIDTHS: [(&str, f64); 16] = [
    ("id", 6.0),
    ("title", 45.0),
    ("kind", 14.0),
    ("status", 11.0),
    ("sessions", 36.0),
    (FIRST_DAY, 11.0),
    (LAST_DAY, 11.0),
    ("beneficiaries", 28.0),
    ("partners", 22.0),
    ("budget", 12.0),
    ("currency", 9.0),
    ("funding", 24.0),
    ("officer", 18.0),
    ("notes", 40.0),
    ("description", 60.0),
    ("objectives", 14.0),
];
const DEFAULT_WIDTH: f64 = 12.0;

/// Columns whose texts are often long: wrapped, so the whole text shows in its wide column.
const WRAPPED: [&str; 6] = [
    "title",
    "sessions",
    "beneficiaries",
    "funding",
    "notes",
    "description",
];

const LOGFRAME_WIDTHS: [f64; 15] = [
    8.0, 14.0, 40.0, 40.0, 12.0, 40.0, 10.0, 16.0, 16.0, 16.0, 10.0, 30.0, 30.0, 30.0, 10.0,
];

/// One cell of the "Workplan" sheet: a column of the CSV or a derived day.
#[derive(Clone, Copy)]
enum Column {
    Programme,
    Csv(usize),
    FirstDay,
    LastDay,
}

/// The workbook's bytes; the logframe sheet covers `pillar`'s branch (all when `None`).
pub fn to_xlsx(project: &Project, pillar: Option<Id>) -> Result<Vec<u8>, ContentError> {
    let mut book = Workbook::new();
    workplan_sheet(book.add_worksheet(), &[(None, project)])?;
    logframe_sheet(book.add_worksheet(), &[(None, project)], pillar)?;
    book.save_to_buffer().map_err(spreadsheet_error)
}

/// The donor report (`plan::donor_report`) as a workbook: a "Donor report" sheet with a row
/// per donor or fund and activity it supported in the period (amounts and participants as
/// numbers), and a "Results" sheet with a row per donor or fund and indicator of the
/// objectives those activities serve.
pub fn donor_xlsx(project: &Project, scope: super::Scope) -> Result<Vec<u8>, ContentError> {
    use crate::plan::donor_report;
    let (from, to) = scope.resolve(project);
    let sections = donor_report::sections(project, from, to, scope.donor);
    let mut book = Workbook::new();
    let bold = header_format();
    let wrap = CellFormat::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top);

    const ACTIVITIES: &str = "Donor report";
    let header: [(&str, f64); 10] = [
        ("donor or fund", 28.0),
        ("kind", 8.0),
        ("dates", 28.0),
        ("activity", 45.0),
        ("amount", 12.0),
        ("currency", 9.0),
        ("through", 24.0),
        ("participants", 12.0),
        ("women", 9.0),
        ("budget covered", 30.0),
    ];
    let sheet = book.add_worksheet();
    sheet.set_name(ACTIVITIES).map_err(spreadsheet_error)?;
    for (col, (name, width)) in header.iter().enumerate() {
        header_cell(sheet, col as u16, name, *width, &bold)?;
    }
    let mut row = 0u32;
    for s in &sections {
        let covered = super::donor::summary(s);
        for a in &s.activities {
            row += 1;
            let texts = [
                (0, s.name.as_str()),
                (1, s.kind),
                (2, a.dates.as_str()),
                (3, a.title.as_str()),
                (5, a.currency.as_str()),
                (6, a.through.as_deref().unwrap_or("")),
                (9, covered.as_str()),
            ];
            for (col, text) in texts {
                if text.is_empty() || (col == 5 && a.amount.is_none()) {
                    continue;
                }
                let text = checked(text, ACTIVITIES, row, header[col as usize].0)?;
                sheet
                    .write_string_with_format(row, col, text, &wrap)
                    .map_err(spreadsheet_error)?;
            }
            let numbers = [
                (
                    4,
                    a.amount.filter(|_| a.through.is_none()).map(|n| n as f64),
                ),
                (7, a.participants.map(f64::from)),
                (8, a.women.map(f64::from)),
            ];
            for (col, number) in numbers {
                if let Some(n) = number {
                    sheet.write_number(row, col, n).map_err(spreadsheet_error)?;
                }
            }
        }
    }
    finish(sheet, row, header.len() as u16)?;

    const RESULTS: &str = "Results";
    let header: [(&str, f64); 7] = [
        ("donor or fund", 28.0),
        ("objective", 36.0),
        ("indicator", 45.0),
        ("baseline", 14.0),
        ("target", 14.0),
        ("latest", 14.0),
        ("status", 11.0),
    ];
    let sheet = book.add_worksheet();
    sheet.set_name(RESULTS).map_err(spreadsheet_error)?;
    for (col, (name, width)) in header.iter().enumerate() {
        header_cell(sheet, col as u16, name, *width, &bold)?;
    }
    let mut row = 0u32;
    for s in &sections {
        for r in &s.results {
            row += 1;
            let cells = [
                s.name.as_str(),
                r.objective.as_str(),
                r.indicator.as_str(),
                r.baseline.as_str(),
                r.target.as_str(),
                r.latest.as_str(),
                r.status.label(),
            ];
            for (col, text) in cells.into_iter().enumerate() {
                if text.is_empty() {
                    continue;
                }
                let col = col as u16;
                // Values that are numbers are number cells, so they add up.
                match crate::plan::results::typed_value(text) {
                    crate::model::Value::Number(n) if (3..=5).contains(&col) => {
                        sheet.write_number(row, col, n).map_err(spreadsheet_error)?;
                    }
                    _ => {
                        let text = checked(text, RESULTS, row, header[col as usize].0)?;
                        sheet
                            .write_string_with_format(row, col, text, &wrap)
                            .map_err(spreadsheet_error)?;
                    }
                }
            }
        }
    }
    finish(sheet, row, header.len() as u16)?;
    book.save_to_buffer().map_err(spreadsheet_error)
}

/// The workbook of a portfolio: each sheet holds every member's rows, member after member, a
/// first column naming the programme. Each member's rows are written from its own file, so
/// ids, objective codes and predecessors are the ones that file uses (and the rows import
/// back into it, the import ignoring the programme column).
pub fn portfolio_xlsx(members: &[Member<'_>]) -> Result<Vec<u8>, ContentError> {
    let parts: Vec<Part<'_>> = members.iter().map(|m| (Some(m.name), m.project)).collect();
    let mut book = Workbook::new();
    workplan_sheet(book.add_worksheet(), &parts)?;
    logframe_sheet(book.add_worksheet(), &parts, None)?;
    book.save_to_buffer().map_err(spreadsheet_error)
}

/// The rows of one project in a sheet, with the programme's name in a portfolio's workbook.
type Part<'a> = (Option<&'a str>, &'a Project);

/// The column that names the programme, first in a portfolio's sheets.
pub const PROGRAMME: &str = "programme";
const PROGRAMME_WIDTH: f64 = 20.0;

fn spreadsheet_error(error: rust_xlsxwriter::XlsxError) -> ContentError {
    ContentError::Spreadsheet(error.to_string())
}

/// A header cell of the first row, in bold, with its column's width.
fn header_cell(
    sheet: &mut Worksheet,
    col: u16,
    name: &str,
    width: f64,
    bold: &CellFormat,
) -> Result<(), ContentError> {
    sheet
        .write_string_with_format(0, col, name, bold)
        .map_err(spreadsheet_error)?;
    sheet
        .set_column_width(col, width)
        .map_err(spreadsheet_error)?;
    Ok(())
}

fn header_format() -> CellFormat {
    CellFormat::new().set_bold().set_align(FormatAlign::Top)
}

fn checked<'a>(
    text: &'a str,
    sheet: &str,
    row: u32,
    column: &str,
) -> Result<&'a str, ContentError> {
    if text.encode_utf16().count() > MAX_CELL_TEXT {
        return Err(ContentError::CellTooLong {
            sheet: sheet.into(),
            row: row + 1,
            column: column.into(),
        });
    }
    Ok(text)
}

/// The CSV export read back into its rows of cell texts (the header row left out).
fn csv_records(project: &Project) -> Vec<Vec<String>> {
    let bytes = activity_csv::write(project);
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text);
    let mut records = reader.records().map(|record| {
        record
            .expect("the CSV writer writes valid CSV")
            .iter()
            // A workbook's text cell never runs as a formula: the CSV's guard is taken off.
            .map(|cell| crate::exchange::formula_guard::unguard(cell).to_owned())
            .collect::<Vec<_>>()
    });
    records.next();
    records.collect()
}

fn excel_date(day: NaiveDate) -> Result<ExcelDateTime, ContentError> {
    let year = u16::try_from(day.year()).map_err(|_| {
        ContentError::Spreadsheet(format!("{day} is outside the years a spreadsheet can hold"))
    })?;
    // Both are in range by chrono's own rules.
    ExcelDateTime::from_ymd(year, day.month() as u8, day.day() as u8).map_err(spreadsheet_error)
}

fn workplan_sheet(sheet: &mut Worksheet, parts: &[Part<'_>]) -> Result<(), ContentError> {
    const SHEET: &str = "Workplan";
    sheet.set_name(SHEET).map_err(spreadsheet_error)?;
    let mut columns = Vec::new();
    let mut names = Vec::new();
    if parts.iter().any(|(programme, _)| programme.is_some()) {
        columns.push(Column::Programme);
        names.push(PROGRAMME);
    }
    // The CSV writer's header: its columns, then the description.
    let header = activity_csv::COLUMNS
        .iter()
        .copied()
        .chain([activity_csv::DESCRIPTION]);
    for (index, name) in header.enumerate() {
        columns.push(Column::Csv(index));
        names.push(name);
        if name == "sessions" {
            columns.extend([Column::FirstDay, Column::LastDay]);
            names.extend([FIRST_DAY, LAST_DAY]);
        }
    }
    let bold = header_format();
    let wrap = CellFormat::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let top = CellFormat::new().set_align(FormatAlign::Top);
    let date = CellFormat::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Top);
    let whole = CellFormat::new()
        .set_num_format("0")
        .set_align(FormatAlign::Top);
    let money = CellFormat::new()
        .set_num_format("#,##0")
        .set_align(FormatAlign::Top);
    for (col, name) in names.iter().enumerate() {
        let width = WIDTHS
            .iter()
            .chain(&[(PROGRAMME, PROGRAMME_WIDTH)])
            .find(|(n, _)| n == name)
            .map_or(DEFAULT_WIDTH, |(_, w)| *w);
        header_cell(sheet, col as u16, name, width, &bold)?;
    }
    let mut row = 0;
    for (programme, project) in parts {
        let records = csv_records(project);
        // The CSV writes one row per activity in the project's order.
        debug_assert_eq!(records.len(), project.activities.len());
        for (record, activity) in records.iter().zip(&project.activities) {
            row += 1;
            let days = span(activity);
            for (col, (column, name)) in columns.iter().zip(&names).enumerate() {
                let col = col as u16;
                match column {
                    Column::Programme => {
                        let text = checked(programme.unwrap_or(""), SHEET, row, name)?;
                        sheet
                            .write_string_with_format(row, col, text, &top)
                            .map_err(spreadsheet_error)?;
                    }
                    Column::FirstDay | Column::LastDay => {
                        if let Some((first, last)) = days {
                            let day = if matches!(column, Column::FirstDay) {
                                first
                            } else {
                                last
                            };
                            sheet
                                .write_datetime_with_format(row, col, excel_date(day)?, &date)
                                .map_err(spreadsheet_error)?;
                        }
                    }
                    Column::Csv(i) => {
                        let text = record.get(*i).map_or("", String::as_str);
                        if text.is_empty() {
                            continue;
                        }
                        let number = NUMBER_COLUMNS
                            .contains(name)
                            .then(|| text.parse::<u64>().ok())
                            .flatten();
                        let result = match number {
                            // Whole numbers below 2^53 are exact as a spreadsheet's doubles.
                            Some(n) if n < 1 << 53 => {
                                let format = if *name == "budget" { &money } else { &whole };
                                sheet.write_number_with_format(row, col, n as f64, format)
                            }
                            _ => {
                                let text = checked(text, SHEET, row, name)?;
                                let format = if WRAPPED.contains(name) { &wrap } else { &top };
                                sheet.write_string_with_format(row, col, text, format)
                            }
                        };
                        result.map_err(spreadsheet_error)?;
                    }
                }
            }
        }
    }
    finish(sheet, row, names.len() as u16)
}

/// The frozen header row and the filter buttons over every column.
fn finish(sheet: &mut Worksheet, rows: u32, columns: u16) -> Result<(), ContentError> {
    sheet.set_freeze_panes(1, 0).map_err(spreadsheet_error)?;
    if columns > 0 {
        sheet
            .autofilter(0, 0, rows, columns - 1)
            .map_err(spreadsheet_error)?;
    }
    Ok(())
}

fn logframe_sheet(
    sheet: &mut Worksheet,
    parts: &[Part<'_>],
    pillar: Option<Id>,
) -> Result<(), ContentError> {
    const SHEET: &str = "Logframe";
    sheet.set_name(SHEET).map_err(spreadsheet_error)?;
    let bold = header_format();
    // In a portfolio's workbook the programme comes first and the logframe's columns after.
    let shift = u16::from(parts.iter().any(|(programme, _)| programme.is_some()));
    if shift == 1 {
        header_cell(sheet, 0, PROGRAMME, PROGRAMME_WIDTH, &bold)?;
    }
    for (col, (name, width)) in TABLE_HEADER.iter().zip(LOGFRAME_WIDTHS).enumerate() {
        header_cell(sheet, col as u16 + shift, name, width, &bold)?;
    }
    let wrap = CellFormat::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let objective = TABLE_HEADER
        .iter()
        .position(|h| *h == "Objective")
        .expect("the table has an objective column");
    let mut row = 0;
    for (programme, project) in parts {
        for line in table_rows(project, pillar) {
            row += 1;
            if let Some(name) = programme.filter(|_| shift == 1) {
                let text = checked(name, SHEET, row, PROGRAMME)?;
                sheet
                    .write_string_with_format(row, 0, text, &wrap)
                    .map_err(spreadsheet_error)?;
            }
            // The objective indented by its depth, as the tree shows it.
            let indented = wrap.clone().set_indent(line.depth.min(15) as u8);
            for (col, text) in line.cells.iter().enumerate() {
                if text.is_empty() {
                    continue;
                }
                let text = checked(text, SHEET, row, TABLE_HEADER[col])?;
                let format = if col == objective { &indented } else { &wrap };
                sheet
                    .write_string_with_format(row, col as u16 + shift, text, format)
                    .map_err(spreadsheet_error)?;
            }
        }
    }
    finish(sheet, row, TABLE_HEADER.len() as u16 + shift)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, Session};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_workbook_is_a_zip_with_both_sheets() {
        let project = crate::testing::sample();
        let bytes = to_xlsx(&project, None).unwrap();
        assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip archive");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("xl/worksheets/sheet2.xml"));
    }

    #[test]
    fn a_text_too_long_for_a_cell_is_refused_with_its_place() {
        let mut project = Project::new(day(2009, 1, 1));
        let mut activity = Activity::new(Id(1), "Long", "Workshop");
        activity.description = "x".repeat(MAX_CELL_TEXT + 1);
        activity.sessions.push(Session {
            id: Id(2),
            start: day(2009, 3, 2),
            end: None,
            precision: Default::default(),
            place: Default::default(),
        });
        project.activities.push(activity);
        project.next_id = 3;
        let error = to_xlsx(&project, None).unwrap_err();
        assert_eq!(
            error,
            ContentError::CellTooLong {
                sheet: "Workplan".into(),
                row: 2,
                column: "description".into(),
            }
        );
        assert_eq!(
            error.to_string(),
            "the cell in row 2, column “description” of the Workplan sheet is longer than \
             the 32,767 characters a spreadsheet cell holds"
        );
        project.activities[0].description = "x".repeat(MAX_CELL_TEXT);
        assert!(to_xlsx(&project, None).is_ok(), "the limit itself fits");
    }

    #[test]
    fn a_portfolio_workbook_names_the_programme_of_each_row_with_its_own_ids() {
        use crate::exchange::spreadsheet::{SheetFormat, read};
        let a = crate::testing::sample();
        let b = crate::plan::generate::project(12, 4, 0, 3);
        let members = [
            Member {
                path: "see.ron",
                name: "South Eastern Europe",
                project: &a,
            },
            Member {
                path: "gfp/firearms.ron",
                name: "Firearms",
                project: &b,
            },
        ];
        let bytes = portfolio_xlsx(&members).unwrap();
        let sheet = read(&bytes, SheetFormat::Xlsx, Some("Workplan")).unwrap();
        assert_eq!(sheet.headers[0], PROGRAMME);
        assert_eq!(sheet.headers[1], "id");
        assert_eq!(sheet.rows.len(), a.activities.len() + b.activities.len());
        let first_of_b = &sheet.rows[a.activities.len()].cells;
        assert_eq!(sheet.rows[0].cells[0], "South Eastern Europe");
        assert_eq!(first_of_b[0], "Firearms");
        assert_eq!(
            first_of_b[1],
            b.activities[0].id.to_string(),
            "its own file's id"
        );
        assert_eq!(first_of_b[2], b.activities[0].title);
        let logframe = read(&bytes, SheetFormat::Xlsx, Some("Logframe")).unwrap();
        assert_eq!(logframe.headers[0], PROGRAMME);
        assert_eq!(&logframe.headers[1..], &TABLE_HEADER[..]);
        let last = logframe.rows.last().unwrap();
        assert_eq!(last.cells[0], "Firearms");
        // A project's own workbook has no programme column.
        let own = read(&to_xlsx(&a, None).unwrap(), SheetFormat::Xlsx, None).unwrap();
        assert_eq!(own.headers[0], "id");
    }

    #[test]
    fn excel_dates_are_the_days_themselves() {
        let serial = excel_date(day(2009, 11, 18)).unwrap().to_excel();
        // Excel's serial number of 18 November 2009.
        assert_eq!(serial, 40135.0);
    }
}
