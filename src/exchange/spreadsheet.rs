//! A sheet of an Excel workbook (.xlsx, .xlsm) or an OpenDocument spreadsheet (.ods) read
//! into a [`Table`], for the activity import. Pure: it reads bytes and returns cells as text.
//!
//! The rules:
//! - **Which sheet**: the first visible worksheet unless one is named (matched ignoring
//!   case); a name the workbook does not have is an error that lists its sheets. Chart
//!   sheets are not sheets of cells and are never offered. `Table::read_as` names the sheet
//!   read and the workbook's other sheets.
//! - **Which format**: the caller picks it by extension ([`format_of`]), but the bytes
//!   decide when they say otherwise: an OpenDocument spreadsheet named `.xlsx` is read as
//!   one, and so is a workbook named `.ods`. Files that are no spreadsheet at all (text, a
//!   PDF, another kind of ZIP archive), password-protected workbooks (an OLE compound file
//!   holding an encrypted package), Excel 97–2003 `.xls` workbooks under a new name and
//!   damaged workbooks are each a [`SpreadsheetError`] that says what to do.
//! - **Rows**: the header row is the first row that holds anything; rows that hold nothing
//!   are left out; `Row::number` is the row number the spreadsheet shows. Columns left of
//!   the leftmost cell that holds anything are left out; every row, the header included, has
//!   one cell per column up to the rightmost cell that holds anything, so an empty or a
//!   missing header keeps its column's position (the import decides about those).
//! - **Cells as text**: strings exactly as written (not trimmed; line breaks kept); numbers
//!   with an integer value without a fraction (`30000`), others as Rust prints them, shortest
//!   (`0.25`); booleans `true` / `false`; date and date-time cells as `YYYY-MM-DD` (the time
//!   of day is dropped); a time-only or a duration cell as `H:MM` or `H:MM:SS`.
//! - **Formulas**: the value the spreadsheet program last computed. A formula with no such
//!   value (a file written by a program that does not compute), or whose value is an error
//!   (`#REF!`, `#DIV/0!`, `#N/A`, LibreOffice's `Err:502` …), is a cell problem; so is a
//!   cell typed as an error.
//! - **Merged cells** (.xlsx; calamine does not report them for .ods): the top-left cell
//!   keeps the value. Every other cell of a merge that lies in a data row is a cell problem
//!   that names the merge, because the import would otherwise read it as empty. Merges
//!   inside the header row (a heading across several columns) are not reported: the covered
//!   header cells read as empty headers, which the import reports if their columns hold data.
//!   A cell problem leaves its cell's text empty.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataRef, Dimensions, Ods, OdsError, Reader, SheetType, SheetVisible, Xlsx};

use super::table::{Row, Table};

/// The kinds of workbook read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetFormat {
    /// Office Open XML workbook: `.xlsx`, and `.xlsm` (its macros are not run or read).
    Xlsx,
    /// OpenDocument spreadsheet: `.ods`.
    Ods,
}

impl SheetFormat {
    /// The format as a person names it, in messages.
    pub fn name(self) -> &'static str {
        match self {
            SheetFormat::Xlsx => "an Excel workbook (.xlsx)",
            SheetFormat::Ods => "an OpenDocument spreadsheet (.ods)",
        }
    }
}

/// The workbook format a file's extension names, ignoring case; `None` for anything else
/// (CSV and text files are read by `text_file`).
pub fn format_of(path: &Path) -> Option<SheetFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" => Some(SheetFormat::Xlsx),
        "ods" => Some(SheetFormat::Ods),
        _ => None,
    }
}

/// Why a workbook could not be read. The messages name no file: the caller puts the file's
/// name in front.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SpreadsheetError {
    #[error(
        "this file is not {}: {found}. Open it in a spreadsheet program and save it as {}, \
         or as CSV in a file named .csv",
        .expected.name(), .expected.name()
    )]
    NotASpreadsheet {
        expected: SheetFormat,
        /// What the file is instead, e.g. "it holds text" or "it is a PDF document".
        found: String,
    },
    #[error(
        "the workbook is protected by a password, so it cannot be read: open it in the \
         spreadsheet program, save a copy without the password and import that copy"
    )]
    PasswordProtected,
    #[error(
        "this is an Excel 97–2003 workbook (.xls) under another name, which cannot be read: \
         open it in a spreadsheet program and save it as an Excel workbook (.xlsx)"
    )]
    OldExcel,
    #[error("the workbook has no sheet of cells (only charts or nothing at all)")]
    NoSheets,
    #[error(
        "the workbook has no sheet “{name}”; its sheets are {}",
        quoted_list(.sheets)
    )]
    UnknownSheet { name: String, sheets: Vec<String> },
    #[error(
        "sheet “{sheet}” is empty: it has no header row. Put the column names in its first row \
         and the activities under them, or choose another sheet"
    )]
    EmptySheet { sheet: String },
    #[error(
        "the workbook is damaged and cannot be read ({detail}): open it in a spreadsheet \
         program and save it again"
    )]
    Damaged { detail: String },
}

/// The names of the workbook's sheets of cells, in the workbook's order (hidden sheets
/// included, chart sheets not).
pub fn sheet_names(bytes: &[u8], format: SheetFormat) -> Result<Vec<String>, SpreadsheetError> {
    Ok(open(bytes, format)?
        .sheets()
        .into_iter()
        .map(|(name, _)| name)
        .collect())
}

/// Reads a sheet (the first visible one unless `sheet` names one) into a [`Table`].
pub fn read(
    bytes: &[u8],
    format: SheetFormat,
    sheet: Option<&str>,
) -> Result<Table, SpreadsheetError> {
    let mut book = open(bytes, format)?;
    let sheets = book.sheets();
    if sheets.is_empty() {
        return Err(SpreadsheetError::NoSheets);
    }
    let chosen = match sheet {
        Some(wanted) => {
            let wanted = wanted.trim();
            sheets
                .iter()
                .find(|(name, _)| name.to_lowercase() == wanted.to_lowercase())
                .map(|(name, _)| name.clone())
                .ok_or_else(|| SpreadsheetError::UnknownSheet {
                    name: wanted.to_string(),
                    sheets: sheets.iter().map(|(name, _)| name.clone()).collect(),
                })?
        }
        None => sheets
            .iter()
            .find(|(_, visible)| *visible)
            .unwrap_or(&sheets[0])
            .0
            .clone(),
    };
    let grid = book.grid(&chosen)?;
    let others: Vec<String> = sheets
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| *name != chosen)
        .collect();
    let mut table = grid
        .into_table()
        .ok_or_else(|| SpreadsheetError::EmptySheet {
            sheet: chosen.clone(),
        })?;
    table.read_as = if others.is_empty() {
        format!("Read sheet “{chosen}”")
    } else {
        format!(
            "Read sheet “{chosen}” (the workbook also has {})",
            quoted_list(&others)
        )
    };
    Ok(table)
}

/// “A”, “B” and “C”.
fn quoted_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("“{n}”")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

// ---------------------------------------------------------------------------------------------
// Opening: what the bytes are.

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

enum Book {
    Xlsx(Box<Xlsx<Cursor<Vec<u8>>>>),
    Ods(Box<Ods<Cursor<Vec<u8>>>>),
}

fn open(bytes: &[u8], format: SheetFormat) -> Result<Book, SpreadsheetError> {
    let not = |found: &str| SpreadsheetError::NotASpreadsheet {
        expected: format,
        found: found.to_string(),
    };
    if bytes.starts_with(&OLE_MAGIC) {
        // Both an encrypted .xlsx and an old .xls are OLE compound files; calamine tells
        // them apart by the encrypted package inside.
        return match Xlsx::new(Cursor::new(bytes.to_vec())) {
            Err(calamine::XlsxError::Password) => Err(SpreadsheetError::PasswordProtected),
            _ => Err(SpreadsheetError::OldExcel),
        };
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(not(&describe(bytes)));
    }
    if is_ods(bytes) {
        return match Ods::new(Cursor::new(bytes.to_vec())) {
            Ok(book) => Ok(Book::Ods(Box::new(book))),
            Err(OdsError::Password) => Err(SpreadsheetError::PasswordProtected),
            Err(e) => Err(SpreadsheetError::Damaged {
                detail: e.to_string(),
            }),
        };
    }
    match Xlsx::new(Cursor::new(bytes.to_vec())) {
        Ok(book) => Ok(Book::Xlsx(Box::new(book))),
        Err(calamine::XlsxError::Password) => Err(SpreadsheetError::PasswordProtected),
        Err(calamine::XlsxError::Zip(_)) => Err(not("it is a damaged ZIP archive")),
        // A ZIP archive without a workbook in it: a Word document, a plain archive …
        Err(calamine::XlsxError::FileNotFound(_)) => {
            Err(not("it is a ZIP archive that holds no workbook"))
        }
        Err(e) => Err(SpreadsheetError::Damaged {
            detail: e.to_string(),
        }),
    }
}

/// An OpenDocument spreadsheet stores its `mimetype` first and uncompressed, so the type
/// stands at a fixed place: after the 30-byte local header and the 8-byte name.
fn is_ods(bytes: &[u8]) -> bool {
    bytes.len() > 38 && &bytes[30..38] == b"mimetype" && bytes[38..].starts_with(ODS_MIMETYPE)
}

/// What a file that is no workbook looks like, for the message.
fn describe(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "it is empty".into();
    }
    if bytes.starts_with(b"%PDF") {
        return "it is a PDF document".into();
    }
    let head = &bytes[..bytes.len().min(4096)];
    let text = match std::str::from_utf8(head) {
        Ok(_) => true,
        // A multi-byte character cut at the end of the sample is still text.
        Err(e) => e.valid_up_to() + 4 >= head.len() && e.error_len().is_none(),
    };
    let lower = String::from_utf8_lossy(head).to_lowercase();
    if text && (lower.contains("<html") || lower.contains("<!doctype html")) {
        "it is a web page (HTML)".into()
    } else if text || head.iter().all(|&b| b >= 0x20 || b"\t\r\n".contains(&b)) {
        "it holds text (perhaps CSV or tab-separated values)".into()
    } else {
        "its contents are of an unknown kind".into()
    }
}

impl Book {
    /// The sheets of cells, each with whether it is visible.
    fn sheets(&self) -> Vec<(String, bool)> {
        let meta = match self {
            Book::Xlsx(book) => book.sheets_metadata(),
            Book::Ods(book) => book.sheets_metadata(),
        };
        meta.iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
            .collect()
    }

    fn grid(&mut self, sheet: &str) -> Result<Grid, SpreadsheetError> {
        let damaged = |e: &dyn std::fmt::Display| SpreadsheetError::Damaged {
            detail: e.to_string(),
        };
        match self {
            Book::Xlsx(book) => {
                let mut grid = Grid::default();
                let mut reader = book.worksheet_cells_reader(sheet).map_err(|e| damaged(&e))?;
                while let Some(cell) = reader
                    .next_cell_with_formula_metadata()
                    .map_err(|e| damaged(&e))?
                {
                    let (row, col) = cell.pos;
                    grid.push(row, col, xlsx_value(cell.value, cell.formula.is_some()));
                }
                drop(reader);
                grid.merges = book
                    .merge_cells_by_sheet_name(sheet)
                    .map_err(|e| damaged(&e))?;
                Ok(grid)
            }
            Book::Ods(book) => {
                let values = book.worksheet_range(sheet).map_err(|e| damaged(&e))?;
                let formulas = book.worksheet_formula(sheet).map_err(|e| damaged(&e))?;
                let mut grid = Grid::default();
                let (r0, c0) = values.start().unwrap_or((0, 0));
                for (r, c, value) in values.used_cells() {
                    let (row, col) = (r0 + r as u32, c0 + c as u32);
                    let formula = formulas
                        .get_value((row, col))
                        .is_some_and(|f| !f.is_empty());
                    grid.push(row, col, ods_value(value, formula));
                }
                // A formula with no computed value has no cell among the values.
                let (f0, g0) = formulas.start().unwrap_or((0, 0));
                for (r, c, formula) in formulas.used_cells() {
                    let (row, col) = (f0 + r as u32, g0 + c as u32);
                    let computed = values.get_value((row, col)).is_some_and(|v| *v != Data::Empty);
                    if !formula.is_empty() && !computed {
                        grid.push(row, col, Value::Problem(NO_CACHED_VALUE.into()));
                    }
                }
                Ok(grid)
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Cells as text.

const NO_CACHED_VALUE: &str = "the formula has no computed value (the file was saved without \
     computing it): open it in a spreadsheet program, let it compute and save it again, or type \
     the value in";

enum Value {
    Text(String),
    Problem(String),
}

fn error_problem(error: &str, formula: bool) -> Value {
    Value::Problem(if formula {
        format!(
            "the formula’s value is {error} (an error in the spreadsheet): correct the formula \
             or type the value in"
        )
    } else {
        format!("the cell holds the error {error}: type the value in")
    })
}

fn xlsx_value(value: DataRef<'_>, formula: bool) -> Value {
    match value {
        DataRef::Empty if formula => Value::Problem(NO_CACHED_VALUE.into()),
        DataRef::Empty => Value::Text(String::new()),
        DataRef::String(s) => Value::Text(s),
        DataRef::SharedString(s) => Value::Text(s.to_string()),
        DataRef::Int(i) => Value::Text(i.to_string()),
        DataRef::Float(f) => Value::Text(number_text(f)),
        DataRef::Bool(b) => Value::Text(b.to_string()),
        DataRef::DateTime(dt) => Value::Text(if dt.is_duration() {
            clock_text(dt.as_f64())
        } else if dt.as_f64() < 1.0 {
            // Serial day 0 is no date: the cell holds a time of day only.
            clock_text(dt.as_f64())
        } else {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }),
        DataRef::DateTimeIso(s) => Value::Text(iso_date_text(&s)),
        DataRef::DurationIso(s) => Value::Text(iso_duration_text(&s)),
        DataRef::Error(e) => error_problem(&e.to_string(), formula),
    }
}

fn ods_value(value: &Data, formula: bool) -> Value {
    match value {
        Data::Empty => Value::Text(String::new()),
        // LibreOffice stores a formula's error as its text.
        Data::String(s) if formula && is_error_text(s) => error_problem(s, true),
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Text(i.to_string()),
        Data::Float(f) => Value::Text(number_text(*f)),
        Data::Bool(b) => Value::Text(b.to_string()),
        Data::DateTime(dt) => Value::Text(number_text(dt.as_f64())),
        Data::DateTimeIso(s) => Value::Text(iso_date_text(s)),
        Data::DurationIso(s) => Value::Text(iso_duration_text(s)),
        Data::Error(e) => error_problem(&e.to_string(), formula),
    }
}

fn is_error_text(s: &str) -> bool {
    const ERRORS: [&str; 9] = [
        "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#DATA!", "#SPILL!",
    ];
    ERRORS.contains(&s)
        || s.strip_prefix("Err:")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A number as a person wrote it: `30000`, not `30000.0` or `3e4`.
fn number_text(f: f64) -> String {
    // Below 2^53 every integer is exact, so the cast loses nothing (and -0 becomes 0).
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        (f as i64).to_string()
    } else {
        f.to_string()
    }
}

/// A fraction of a day (a time of day or a duration) as `H:MM` or `H:MM:SS`.
fn clock_text(days: f64) -> String {
    let seconds = (days * 86_400.0).round() as i64;
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if s == 0 {
        format!("{h}:{m:02}")
    } else {
        format!("{h}:{m:02}:{s:02}")
    }
}

/// `2010-05-18T09:30:00` → `2010-05-18`; anything else as written.
fn iso_date_text(s: &str) -> String {
    let date = s.split('T').next().unwrap_or(s);
    let b = date.as_bytes();
    let is_date = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if is_date { date.to_string() } else { s.to_string() }
}

/// OpenDocument's `PT09H30M00S` → `9:30`; anything else as written.
fn iso_duration_text(s: &str) -> String {
    let parse = || -> Option<String> {
        let rest = s.strip_prefix("PT")?;
        let (h, rest) = rest.split_once('H')?;
        let (m, rest) = rest.split_once('M')?;
        let sec = rest.strip_suffix('S')?;
        let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
        let sec: f64 = sec.parse().ok()?;
        Some(clock_text(
            (h as f64 * 3600.0 + m as f64 * 60.0 + sec) / 86_400.0,
        ))
    };
    parse().unwrap_or_else(|| s.to_string())
}

// ---------------------------------------------------------------------------------------------
// From cells to a table.

/// The cells that hold anything, by 0-based (row, column), and the merges.
#[derive(Default)]
struct Grid {
    cells: Vec<(u32, u32, Value)>,
    merges: Vec<Dimensions>,
}

impl Grid {
    fn push(&mut self, row: u32, col: u32, value: Value) {
        if matches!(&value, Value::Text(t) if t.is_empty()) {
            return;
        }
        self.cells.push((row, col, value));
    }

    fn into_table(mut self) -> Option<Table> {
        // Sheets are written row by row, so this is usually a check and no sort.
        if !self.cells.is_sorted_by_key(|(r, c, _)| (*r, *c)) {
            self.cells.sort_by_key(|(r, c, _)| (*r, *c));
        }
        let header = self.cells.first()?.0;
        let first_col = self.cells.iter().map(|c| c.1).min()?;
        let width = (self.cells.iter().map(|c| c.1).max()? - first_col + 1) as usize;

        let mut table = Table {
            headers: vec![String::new(); width],
            header_row: header as usize + 1,
            ..Table::default()
        };
        let mut cells = self.cells.into_iter().peekable();
        while let Some(&(row, _, _)) = cells.peek() {
            let mut line = Row {
                number: row as usize + 1,
                cells: vec![String::new(); width],
                ..Row::default()
            };
            while let Some((_, col, value)) = cells.next_if(|c| c.0 == row) {
                let col = (col - first_col) as usize;
                match value {
                    Value::Text(text) => line.cells[col] = text,
                    Value::Problem(reason) => line.cell_problems.push((col, reason)),
                }
            }
            if row == header {
                // A header cell cannot have a problem the import would report by column;
                // it reads as an empty header.
                table.headers = line.cells;
            } else {
                table.rows.push(line);
            }
        }
        for merge in &self.merges {
            mark_merge(&mut table, merge, first_col);
        }
        for row in &mut table.rows {
            row.cell_problems.sort_by_key(|(col, _)| *col);
        }
        Some(table)
    }
}

/// Gives every data cell a merge covers, other than its top-left cell, a problem.
fn mark_merge(table: &mut Table, merge: &Dimensions, first_col: u32) {
    let ((r0, c0), (r1, c1)) = (merge.start, merge.end);
    let name = format!("{}:{}", cell_name(r0, c0), cell_name(r1, c1));
    let reason = if r1 > r0 {
        format!(
            "is part of the merged cells {name}, which hold one value for several rows: unmerge \
             them and fill in each row"
        )
    } else {
        format!(
            "is part of the merged cells {name}, which hold one value for several columns: \
             unmerge them and fill in each column"
        )
    };
    let width = table.headers.len() as u32;
    // Only the rows the table holds, found by their numbers (rows are in order).
    let first = table.rows.partition_point(|r| r.number <= r0 as usize);
    for row in &mut table.rows[first..] {
        if row.number > r1 as usize + 1 {
            break;
        }
        let top = row.number == r0 as usize + 1;
        for col in c0.max(first_col)..=c1 {
            let index = col - first_col;
            if index >= width {
                break;
            }
            if top && col == c0 {
                continue;
            }
            row.cell_problems.push((index as usize, reason.clone()));
        }
    }
}

/// `B3` for 0-based row 2, column 1.
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).unwrap_or_default(), row + 1)
}
