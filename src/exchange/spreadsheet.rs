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
//! - **Merged cells** (.xlsx, and .ods, whose merges this module finds itself as calamine
//!   does not report them): the top-left cell keeps the value. Every other cell of a merge
//!   that lies in a data row is a cell problem that names the merge, because the import
//!   would otherwise read it as empty. Merges inside the header row (a heading across
//!   several columns) are not reported: the covered header cells read as empty headers,
//!   which the import reports if their columns hold data. A merge reaches only as far right
//!   as the cells that hold anything (covered cells of a column that is otherwise empty are
//!   no problem). A cell problem leaves its cell's text empty.
//! - **Size**: one pass over the sheet's cells and a sort only if they come out of order;
//!   100,000 rows of 8 columns read in about half a second (.xlsx) or three quarters of a
//!   second (.ods) in a release build.

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
    let grid = book.grid(bytes, &chosen)?;
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

const TEXT: &str = "it holds text (perhaps CSV or tab-separated values)";

/// What a file that is no workbook looks like, for the message.
fn describe(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "it is empty".into();
    }
    if bytes.starts_with(b"%PDF") {
        return "it is a PDF document".into();
    }
    // UTF-16 text ("Unicode text" from a spreadsheet program) starts with its byte-order mark.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return TEXT.into();
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
        TEXT.into()
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

    fn grid(&mut self, bytes: &[u8], sheet: &str) -> Result<Grid, SpreadsheetError> {
        let damaged = |e: &dyn std::fmt::Display| SpreadsheetError::Damaged {
            detail: e.to_string(),
        };
        match self {
            Book::Xlsx(book) => {
                let mut grid = Grid::default();
                let mut reader = book
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| damaged(&e))?;
                while let Some(cell) = reader
                    .next_cell_with_formula_metadata()
                    .map_err(|e| damaged(&e))?
                {
                    let (row, col) = cell.pos;
                    grid.push(row, col, xlsx_value(cell.value, cell.formula.is_some()));
                }
                drop(reader);
                // calamine finds merges by parsing the sheet's XML a second time; most
                // workbooks have none, which a search of the uncompressed bytes shows faster.
                if xlsx_may_have_merges(bytes) {
                    grid.merges = book
                        .merge_cells_by_sheet_name(sheet)
                        .map_err(|e| damaged(&e))?;
                }
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
                    let computed = values
                        .get_value((row, col))
                        .is_some_and(|v| *v != Data::Empty);
                    if !formula.is_empty() && !computed {
                        grid.push(row, col, Value::Problem(NO_CACHED_VALUE.into()));
                    }
                }
                grid.merges = ods_merges(bytes, sheet).map_err(|e| damaged(&e))?;
                Ok(grid)
            }
        }
    }
}

/// Whether any worksheet of an .xlsx workbook has merged cells (a `<mergeCell` element).
fn xlsx_may_have_merges(bytes: &[u8]) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return true;
    };
    let mut content = Vec::new();
    for i in 0..archive.len() {
        let Ok(mut file) = archive.by_index(i) else {
            return true;
        };
        let is_sheet = file
            .name()
            .is_ok_and(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"));
        if !is_sheet {
            continue;
        }
        content.clear();
        if std::io::Read::read_to_end(&mut file, &mut content).is_err()
            || content.windows(10).any(|w| w == b"<mergeCell")
        {
            return true;
        }
    }
    false
}

/// The merged cells of an .ods sheet, which calamine does not report: a cell that starts a
/// merge carries `table:number-rows-spanned` / `table:number-columns-spanned`; positions count
/// repeated rows and cells as calamine does.
fn ods_merges(bytes: &[u8], sheet: &str) -> Result<Vec<Dimensions>, String> {
    use quick_xml::events::{BytesStart, Event};

    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut content = Vec::new();
    std::io::Read::read_to_end(
        &mut archive.by_name("content.xml").map_err(|e| e.to_string())?,
        &mut content,
    )
    .map_err(|e| e.to_string())?;
    // Most sheets have no merge: no need to walk the XML.
    if !content.windows(8).any(|w| w == b"-spanned") {
        return Ok(Vec::new());
    }
    let number = |e: &BytesStart<'_>, name: &str| -> u32 {
        e.try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|a| a.value.parse().ok())
            .unwrap_or(1)
            .max(1)
    };
    let mut reader = quick_xml::Reader::from_reader(content.as_slice());
    reader.config_mut().expand_empty_elements = true;
    let (mut inside, mut depth) = (false, 0usize);
    let (mut row, mut col, mut rows_repeated) = (0u32, 0u32, 1u32);
    let mut merges = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?
        {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                if inside {
                    depth += 1; // a table inside a cell
                } else {
                    let name = e
                        .try_get_attribute("table:name")
                        .ok()
                        .flatten()
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        });
                    inside = name.as_deref() == Some(sheet);
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table" && inside => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            Event::Start(e) if inside && depth == 0 && e.name().as_ref() == "table:table-row" => {
                col = 0;
                rows_repeated = number(&e, "table:number-rows-repeated");
            }
            Event::End(e) if inside && depth == 0 && e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(rows_repeated);
            }
            Event::Start(e)
                if inside
                    && depth == 0
                    && matches!(
                        e.name().as_ref(),
                        "table:table-cell" | "table:covered-table-cell"
                    ) =>
            {
                let rows = number(&e, "table:number-rows-spanned");
                let cols = number(&e, "table:number-columns-spanned");
                if rows > 1 || cols > 1 {
                    merges.push(Dimensions::new(
                        (row, col),
                        (row.saturating_add(rows - 1), col.saturating_add(cols - 1)),
                    ));
                }
                col = col.saturating_add(number(&e, "table:number-columns-repeated"));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(merges)
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
    if is_date {
        date.to_string()
    } else {
        s.to_string()
    }
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
    format!(
        "{}{}",
        String::from_utf8(letters).unwrap_or_default(),
        row + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    use std::io::{Read, Write};
    use zip::write::SimpleFileOptions;

    fn xlsx(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
        let mut book = Workbook::new();
        build(&mut book);
        book.save_to_buffer().unwrap()
    }

    fn read_xlsx(bytes: &[u8]) -> Table {
        read(bytes, SheetFormat::Xlsx, None).unwrap()
    }

    fn date_format() -> Format {
        Format::new().set_num_format("yyyy-mm-dd")
    }

    #[test]
    fn formats_by_extension_ignoring_case() {
        assert_eq!(format_of(Path::new("a/Plan.XLSX")), Some(SheetFormat::Xlsx));
        assert_eq!(format_of(Path::new("plan.xlsm")), Some(SheetFormat::Xlsx));
        assert_eq!(format_of(Path::new("plan.Ods")), Some(SheetFormat::Ods));
        assert_eq!(format_of(Path::new("plan.csv")), None);
        assert_eq!(format_of(Path::new("plan.xls")), None);
        assert_eq!(format_of(Path::new("xlsx")), None);
    }

    #[test]
    fn xlsx_cells_as_text_with_row_numbers_counting_empty_rows() {
        let bytes = xlsx(|book| {
            let s = book.add_worksheet().set_name("Workplan").unwrap();
            // Rows 1 and 2 empty; the header in row 3; row 5 empty.
            s.write_string(2, 0, "title").unwrap();
            s.write_string(2, 1, "budget").unwrap();
            s.write_string(2, 2, "start").unwrap();
            s.write_string(2, 3, "online").unwrap();
            s.write_string(3, 0, "  Workshop on\nprocurement ").unwrap();
            s.write_number(3, 1, 30000.0).unwrap();
            let day = ExcelDateTime::from_ymd(2010, 5, 18).unwrap();
            s.write_datetime_with_format(3, 2, &day, &date_format())
                .unwrap();
            s.write_boolean(3, 3, true).unwrap();
            s.write_number(5, 1, 0.25).unwrap();
            let moment = ExcelDateTime::from_ymd(2009, 11, 30)
                .unwrap()
                .and_hms(14, 30, 0)
                .unwrap();
            let with_time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
            s.write_datetime_with_format(5, 2, &moment, &with_time)
                .unwrap();
            s.write_number(6, 1, 1e20).unwrap();
            s.write_number(6, 2, -12.5).unwrap();
            let time = ExcelDateTime::from_hms(9, 30, 0).unwrap();
            let hours = Format::new().set_num_format("hh:mm");
            s.write_datetime_with_format(6, 3, &time, &hours).unwrap();
            let notes = book.add_worksheet().set_name("Notes").unwrap();
            notes.write_string(0, 0, "not read").unwrap();
        });
        let table = read_xlsx(&bytes);
        assert_eq!(table.headers, ["title", "budget", "start", "online"]);
        assert_eq!(table.header_row, 3);
        let numbers: Vec<usize> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [4, 6, 7]);
        assert_eq!(
            table.rows[0].cells,
            ["  Workshop on\nprocurement ", "30000", "2010-05-18", "true"]
        );
        assert_eq!(table.rows[1].cells, ["", "0.25", "2009-11-30", ""]);
        assert_eq!(
            table.rows[2].cells,
            ["", "100000000000000000000", "-12.5", "9:30"]
        );
        assert!(table.rows.iter().all(|r| r.cell_problems.is_empty()));
        assert_eq!(
            table.read_as,
            "Read sheet “Workplan” (the workbook also has “Notes”)"
        );
    }

    #[test]
    fn formulas_give_their_computed_value_and_errors_are_cell_problems() {
        let bytes = xlsx(|book| {
            let s = book.add_worksheet();
            s.write_string(0, 0, "budget").unwrap();
            s.write_string(0, 1, "title").unwrap();
            s.write_formula(1, 0, Formula::new("=2*15000").set_result("30000"))
                .unwrap();
            s.write_formula(
                1,
                1,
                Formula::new("=\"Work\"&\"shop\"").set_result("Workshop"),
            )
            .unwrap();
            s.write_formula(2, 0, Formula::new("=#REF!*2").set_result("#REF!"))
                .unwrap();
            s.write_formula(2, 1, Formula::new("=1/0").set_result("#DIV/0!"))
                .unwrap();
        });
        let table = read_xlsx(&bytes);
        assert_eq!(table.rows[0].cells, ["30000", "Workshop"]);
        assert!(table.rows[0].cell_problems.is_empty());
        let problems = &table.rows[1].cell_problems;
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].0, 0);
        assert!(
            problems[0]
                .1
                .starts_with("the formula’s value is #REF! (an error in the spreadsheet)"),
            "{}",
            problems[0].1
        );
        assert_eq!(problems[1].0, 1);
        assert!(problems[1].1.contains("#DIV/0!"));
        assert_eq!(table.rows[1].cells, ["", ""]);
    }

    /// The workbook with its first sheet's XML changed, as another program could write it.
    fn with_sheet_xml(bytes: &[u8], change: impl Fn(String) -> String) -> Vec<u8> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            if file.name().unwrap() == "xl/worksheets/sheet1.xml" {
                let mut xml = String::new();
                file.read_to_string(&mut xml).unwrap();
                out.start_file("xl/worksheets/sheet1.xml", SimpleFileOptions::default())
                    .unwrap();
                out.write_all(change(xml).as_bytes()).unwrap();
            } else {
                out.raw_copy_file(file).unwrap();
            }
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_formula_without_a_computed_value_is_a_cell_problem() {
        let bytes = xlsx(|book| {
            let s = book.add_worksheet();
            s.write_string(0, 0, "budget").unwrap();
            s.write_string(0, 1, "title").unwrap();
            s.write_formula(1, 0, Formula::new("=2*15000").set_result("30000"))
                .unwrap();
            s.write_string(1, 1, "Workshop").unwrap();
        });
        // A program that does not compute formulas writes no <v>.
        let bytes = with_sheet_xml(&bytes, |xml| {
            assert!(xml.contains("<v>30000</v>"), "{xml}");
            xml.replace("<v>30000</v>", "")
        });
        let table = read_xlsx(&bytes);
        assert_eq!(table.rows[0].cells, ["", "Workshop"]);
        assert_eq!(table.rows[0].cell_problems.len(), 1);
        assert_eq!(table.rows[0].cell_problems[0].0, 0);
        assert!(
            table.rows[0].cell_problems[0]
                .1
                .contains("no computed value")
        );
    }

    #[test]
    fn merged_cells_in_data_rows_are_cell_problems_naming_the_merge() {
        let bytes = xlsx(|book| {
            let s = book.add_worksheet();
            let plain = Format::new();
            // A heading over two columns: covered header cells read as empty headers.
            s.merge_range(0, 2, 0, 3, "funding", &plain).unwrap();
            s.write_string(0, 0, "title").unwrap();
            s.write_string(0, 1, "donor").unwrap();
            for row in 1..=4 {
                s.write_string(row, 0, format!("Activity {row}")).unwrap();
            }
            // B3:B5: one donor for three rows.
            s.merge_range(2, 1, 4, 1, "Sweden", &plain).unwrap();
            // C2:D2: one value across two columns of one row.
            s.merge_range(1, 2, 1, 3, "10000", &plain).unwrap();
            // Column D holds data below its covered header cell.
            s.write_string(2, 3, "5000").unwrap();
        });
        let table = read_xlsx(&bytes);
        assert_eq!(table.headers, ["title", "donor", "funding", ""]);
        assert!(
            table
                .rows
                .iter()
                .all(|r| r.cells[0].starts_with("Activity"))
        );
        // Row 2: D2 is covered by C2:D2; C2 keeps the value.
        assert_eq!(table.rows[0].cells[2], "10000");
        assert_eq!(table.rows[0].cell_problems.len(), 1);
        assert_eq!(table.rows[0].cell_problems[0].0, 3);
        assert!(
            table.rows[0].cell_problems[0]
                .1
                .contains("merged cells C2:D2, which hold one value for several columns")
        );
        // Row 3: B3 keeps the value; rows 4 and 5 have B covered.
        assert_eq!(table.rows[1].cells[1], "Sweden");
        assert!(table.rows[1].cell_problems.is_empty());
        for row in &table.rows[2..] {
            assert_eq!(row.cell_problems.len(), 1, "row {}", row.number);
            assert_eq!(row.cell_problems[0].0, 1);
            assert_eq!(
                row.cell_problems[0].1,
                "is part of the merged cells B3:B5, which hold one value for several rows: \
                 unmerge them and fill in each row"
            );
        }
    }

    #[test]
    fn sheets_are_chosen_by_name_ignoring_case() {
        let bytes = xlsx(|book| {
            for name in ["Workplan", "Logframe", "Notes"] {
                let s = book.add_worksheet().set_name(name).unwrap();
                s.write_string(0, 0, name).unwrap();
            }
        });
        assert_eq!(
            sheet_names(&bytes, SheetFormat::Xlsx).unwrap(),
            ["Workplan", "Logframe", "Notes"]
        );
        let table = read(&bytes, SheetFormat::Xlsx, Some("logframe")).unwrap();
        assert_eq!(table.headers, ["Logframe"]);
        assert_eq!(
            table.read_as,
            "Read sheet “Logframe” (the workbook also has “Workplan” and “Notes”)"
        );
        let wrong = read(&bytes, SheetFormat::Xlsx, Some("Budget")).unwrap_err();
        assert_eq!(
            wrong.to_string(),
            "the workbook has no sheet “Budget”; its sheets are “Workplan”, “Logframe” and “Notes”"
        );
        // A hidden first sheet is not the one read unless named.
        let hidden_first = xlsx(|book| {
            let s = book.add_worksheet().set_name("Lists").unwrap();
            s.write_string(0, 0, "lists").unwrap();
            s.set_hidden(true);
            // Excel shows the active sheet, so a hidden first sheet needs another one active.
            let s = book.add_worksheet().set_name("Workplan").unwrap();
            s.write_string(0, 0, "title").unwrap();
            s.set_active(true);
        });
        assert_eq!(read_xlsx(&hidden_first).headers, ["title"]);
        let lists = read(&hidden_first, SheetFormat::Xlsx, Some("Lists")).unwrap();
        assert_eq!(lists.headers, ["lists"]);
        let only = xlsx(|book| {
            book.add_worksheet().write_string(0, 0, "title").unwrap();
        });
        assert_eq!(read_xlsx(&only).read_as, "Read sheet “Sheet1”");
    }

    #[test]
    fn an_empty_sheet_is_an_error() {
        let bytes = xlsx(|book| {
            book.add_worksheet().set_name("Workplan").unwrap();
            let s = book.add_worksheet();
            s.write_string(0, 0, "title").unwrap();
        });
        assert_eq!(
            read(&bytes, SheetFormat::Xlsx, None),
            Err(SpreadsheetError::EmptySheet {
                sheet: "Workplan".into()
            })
        );
        assert!(read(&bytes, SheetFormat::Xlsx, Some("Sheet2")).is_ok());
    }

    #[test]
    fn header_columns_keep_their_positions() {
        let bytes = xlsx(|book| {
            let s = book.add_worksheet();
            // Column A empty throughout; a header missing in C; data beyond the last header.
            s.write_string(0, 1, "title").unwrap();
            s.write_string(0, 3, "title").unwrap();
            s.write_string(1, 1, "Workshop").unwrap();
            s.write_string(1, 2, "orphan").unwrap();
            s.write_string(1, 4, "far").unwrap();
        });
        let table = read_xlsx(&bytes);
        assert_eq!(table.headers, ["title", "", "title", ""]);
        assert_eq!(table.rows[0].cells, ["Workshop", "orphan", "", "far"]);
    }

    fn not_a_spreadsheet(bytes: &[u8], format: SheetFormat) -> String {
        match read(bytes, format, None) {
            Err(SpreadsheetError::NotASpreadsheet { expected, found }) => {
                assert_eq!(expected, format);
                found
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn files_that_are_no_workbook_say_what_they_are() {
        let csv = b"title,start\nWorkshop,2010-05-18\n";
        assert!(not_a_spreadsheet(csv, SheetFormat::Xlsx).contains("text"));
        assert!(
            not_a_spreadsheet("Đakovica;Babić\n".as_bytes(), SheetFormat::Ods).contains("text")
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("title\tstart\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert!(not_a_spreadsheet(&utf16, SheetFormat::Xlsx).contains("text"));
        assert_eq!(
            not_a_spreadsheet(&[0x00, 0x01, 0x02, 0xFF, 0x10], SheetFormat::Xlsx),
            "its contents are of an unknown kind"
        );
        assert_eq!(
            not_a_spreadsheet(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", SheetFormat::Xlsx),
            "it is a PDF document"
        );
        assert_eq!(not_a_spreadsheet(b"", SheetFormat::Xlsx), "it is empty");
        let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
        archive
            .start_file("word/document.xml", SimpleFileOptions::default())
            .unwrap();
        archive.write_all(b"<w:document/>").unwrap();
        let docx = archive.finish().unwrap().into_inner();
        assert_eq!(
            not_a_spreadsheet(&docx, SheetFormat::Xlsx),
            "it is a ZIP archive that holds no workbook"
        );
        let message = read(csv, SheetFormat::Xlsx, None).unwrap_err().to_string();
        assert!(
            message.starts_with("this file is not an Excel workbook (.xlsx): it holds text"),
            "{message}"
        );
    }

    /// A minimal compound file (version 3, 512-byte sectors) with one empty stream, the kind
    /// of file an encrypted workbook (stream `EncryptedPackage`) or an old .xls (`Workbook`) is.
    fn compound_file(stream: &str) -> Vec<u8> {
        const END: u32 = 0xFFFF_FFFE;
        const FREE: u32 = 0xFFFF_FFFF;
        let mut file = vec![0u8; 512 * 3];
        file[..8].copy_from_slice(&OLE_MAGIC);
        let put16 =
            |f: &mut Vec<u8>, at: usize, v: u16| f[at..at + 2].copy_from_slice(&v.to_le_bytes());
        let put32 =
            |f: &mut Vec<u8>, at: usize, v: u32| f[at..at + 4].copy_from_slice(&v.to_le_bytes());
        put16(&mut file, 24, 0x3E);
        put16(&mut file, 26, 3);
        put16(&mut file, 28, 0xFFFE);
        put16(&mut file, 30, 9);
        put16(&mut file, 32, 6);
        put32(&mut file, 44, 1); // one FAT sector
        put32(&mut file, 48, 1); // the directory in sector 1
        put32(&mut file, 56, 0x1000);
        put32(&mut file, 60, END); // no mini FAT
        put32(&mut file, 68, END); // no DIFAT sectors
        put32(&mut file, 76, 0); // the FAT in sector 0
        for i in 1..109 {
            put32(&mut file, 76 + 4 * i, FREE);
        }
        // Sector 0, the FAT: itself, then the directory's chain of one sector.
        let fat = 512;
        put32(&mut file, fat, 0xFFFF_FFFD);
        put32(&mut file, fat + 4, END);
        for i in 2..128 {
            put32(&mut file, fat + 4 * i, FREE);
        }
        // Sector 1, the directory: the root entry and the stream.
        let entry = |f: &mut Vec<u8>, at: usize, name: &str, kind: u8, child: u32| {
            let units: Vec<u16> = name.encode_utf16().collect();
            for (i, u) in units.iter().enumerate() {
                put16(f, at + 2 * i, *u);
            }
            put16(f, at + 64, (units.len() as u16 + 1) * 2);
            f[at + 66] = kind;
            f[at + 67] = 1;
            put32(f, at + 68, FREE);
            put32(f, at + 72, FREE);
            put32(f, at + 76, child);
            put32(f, at + 116, END);
        };
        entry(&mut file, 1024, "Root Entry", 5, 1);
        entry(&mut file, 1024 + 128, stream, 2, FREE);
        file
    }

    #[test]
    fn a_password_protected_workbook_says_to_save_a_copy_without_the_password() {
        let error = read(&compound_file("EncryptedPackage"), SheetFormat::Xlsx, None).unwrap_err();
        assert_eq!(error, SpreadsheetError::PasswordProtected);
        assert!(
            error
                .to_string()
                .contains("save a copy without the password")
        );
    }

    #[test]
    fn an_old_xls_under_a_new_name_says_so() {
        assert_eq!(
            read(&compound_file("Workbook"), SheetFormat::Xlsx, None),
            Err(SpreadsheetError::OldExcel)
        );
        // Also when the compound file is damaged: its first bytes are an old Office file's.
        assert_eq!(
            read(&OLE_MAGIC, SheetFormat::Xlsx, None),
            Err(SpreadsheetError::OldExcel)
        );
    }

    #[test]
    fn a_damaged_workbook_is_reported_as_damaged() {
        let bytes = xlsx(|book| {
            book.add_worksheet().write_string(0, 0, "title").unwrap();
        });
        let broken = with_sheet_xml(&bytes, |xml| xml.replace("</sheetData>", ""));
        assert!(matches!(
            read(&broken, SheetFormat::Xlsx, None),
            Err(SpreadsheetError::Damaged { .. })
        ));
    }

    // --- OpenDocument

    const ODS_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"><office:body><office:spreadsheet>"#;
    const ODS_TAIL: &str = "</office:spreadsheet></office:body></office:document-content>";

    /// An OpenDocument spreadsheet with the given tables (`<table:table>` elements).
    fn ods_with(tables: &str, manifest_extra: &str) -> Vec<u8> {
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(ODS_MIMETYPE).unwrap();
        zip.start_file("META-INF/manifest.xml", stored).unwrap();
        write!(
            zip,
            r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{manifest_extra}</manifest:file-entry></manifest:manifest>"#
        )
        .unwrap();
        zip.start_file("content.xml", stored).unwrap();
        write!(zip, "{ODS_HEAD}{tables}{ODS_TAIL}").unwrap();
        zip.finish().unwrap().into_inner()
    }

    fn string_cell(text: &str) -> String {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
        )
    }

    fn sample_ods() -> Vec<u8> {
        let header = ["title", "budget", "start", "online", "time"]
            .map(string_cell)
            .concat();
        let tables = format!(
            r#"<table:table table:name="Workplan">
<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
<table:table-row>{header}</table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>Workshop on</text:p><text:p>procurement</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="30000"><text:p>30 000</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2010-05-18"><text:p>18/05/10</text:p></table:table-cell><table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>FALSE</text:p></table:table-cell><table:table-cell office:value-type="time" office:time-value="PT09H30M00S"><text:p>09:30</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="5"/></table:table-row>
<table:table-row><table:table-cell table:formula="of:=[.B4]*0.5" office:value-type="float" office:value="15000.5"><text:p>15000.5</text:p></table:table-cell><table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2009-11-30T14:30:00"><text:p>30/11/09 14:30</text:p></table:table-cell><table:table-cell table:formula="of:=[.A1]"/><table:table-cell table:formula="of:=[.A1]" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>Err:502</text:p></table:table-cell></table:table-row>
</table:table><table:table table:name="Notes"><table:table-row>{note}</table:table-row></table:table>"#,
            note = string_cell("not read")
        );
        ods_with(&tables, "")
    }

    #[test]
    fn ods_cells_as_text_with_row_numbers_counting_empty_rows() {
        let bytes = sample_ods();
        assert_eq!(
            sheet_names(&bytes, SheetFormat::Ods).unwrap(),
            ["Workplan", "Notes"]
        );
        let table = read(&bytes, SheetFormat::Ods, None).unwrap();
        assert_eq!(
            table.headers,
            ["title", "budget", "start", "online", "time"]
        );
        assert_eq!(table.header_row, 3);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].number, 4);
        assert_eq!(
            table.rows[0].cells,
            [
                "Workshop on\nprocurement",
                "30000",
                "2010-05-18",
                "false",
                "9:30"
            ]
        );
        assert!(table.rows[0].cell_problems.is_empty());
        let formulas = &table.rows[1];
        assert_eq!(formulas.number, 6);
        assert_eq!(formulas.cells, ["15000.5", "", "2009-11-30", "", ""]);
        let columns: Vec<usize> = formulas.cell_problems.iter().map(|p| p.0).collect();
        assert_eq!(columns, [1, 3, 4]);
        assert!(formulas.cell_problems[0].1.contains("#DIV/0!"));
        assert!(formulas.cell_problems[1].1.contains("no computed value"));
        assert!(formulas.cell_problems[2].1.contains("Err:502"));
        assert_eq!(
            table.read_as,
            "Read sheet “Workplan” (the workbook also has “Notes”)"
        );
        let notes = read(&bytes, SheetFormat::Ods, Some("NOTES")).unwrap();
        assert_eq!(notes.headers, ["not read"]);
        assert!(notes.rows.is_empty());
    }

    #[test]
    fn ods_merged_cells_in_data_rows_are_cell_problems_naming_the_merge() {
        let cell = string_cell;
        let covered = "<table:covered-table-cell/>";
        let tables = format!(
            r#"<table:table table:name="Notes"><table:table-row><table:table-cell table:number-rows-spanned="9" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>
<table:table table:name="Workplan">
<table:table-row table:number-rows-repeated="1"><table:table-cell table:number-columns-repeated="4"/></table:table-row>
<table:table-row>{title}{donor}<table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>funding</text:p></table:table-cell>{covered}</table:table-row>
<table:table-row>{a1}<table:table-cell table:number-columns-repeated="1"/><table:table-cell table:number-columns-spanned="2" office:value-type="float" office:value="10000"><text:p>10000</text:p></table:table-cell>{covered}</table:table-row>
<table:table-row>{a2}<table:table-cell table:number-rows-spanned="3" office:value-type="string"><text:p>Sweden</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1"/>{amount}</table:table-row>
<table:table-row>{a3}{covered}</table:table-row>
<table:table-row>{a4}{covered}</table:table-row>
</table:table>"#,
            title = cell("title"),
            donor = cell("donor"),
            a1 = cell("Activity 1"),
            a2 = cell("Activity 2"),
            a3 = cell("Activity 3"),
            a4 = cell("Activity 4"),
            amount = cell("5000"),
        );
        let table = read(&ods_with(&tables, ""), SheetFormat::Ods, Some("Workplan")).unwrap();
        assert_eq!(table.header_row, 2);
        assert_eq!(table.headers, ["title", "donor", "funding", ""]);
        let numbers: Vec<usize> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [3, 4, 5, 6]);
        assert_eq!(table.rows[0].cells, ["Activity 1", "", "10000", ""]);
        assert_eq!(table.rows[0].cell_problems.len(), 1);
        assert_eq!(table.rows[0].cell_problems[0].0, 3);
        assert!(
            table.rows[0].cell_problems[0]
                .1
                .contains("merged cells C3:D3")
        );
        assert_eq!(table.rows[1].cells, ["Activity 2", "Sweden", "", "5000"]);
        assert!(table.rows[1].cell_problems.is_empty());
        for row in &table.rows[2..] {
            assert_eq!(row.cell_problems.len(), 1, "row {}", row.number);
            assert_eq!(row.cell_problems[0].0, 1);
            assert!(row.cell_problems[0].1.contains("merged cells B4:B6"));
        }
        // The other sheet's merge is not this sheet's.
        let notes = read(&ods_with(&tables, ""), SheetFormat::Ods, None).unwrap();
        assert!(notes.rows.is_empty());
    }

    #[test]
    fn the_contents_decide_over_the_extension() {
        let ods = sample_ods();
        let as_xlsx = read(&ods, SheetFormat::Xlsx, None).unwrap();
        assert_eq!(as_xlsx, read(&ods, SheetFormat::Ods, None).unwrap());
        let book = xlsx(|book| {
            book.add_worksheet().write_string(0, 0, "title").unwrap();
        });
        assert_eq!(
            read(&book, SheetFormat::Ods, None).unwrap().headers,
            ["title"]
        );
    }

    #[test]
    fn a_password_protected_ods_says_to_save_a_copy_without_the_password() {
        let tables = format!(
            r#"<table:table table:name="Workplan"><table:table-row>{}</table:table-row></table:table>"#,
            string_cell("title")
        );
        let encrypted = ods_with(
            &tables,
            r#"<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>"#,
        );
        assert_eq!(
            read(&encrypted, SheetFormat::Ods, None),
            Err(SpreadsheetError::PasswordProtected)
        );
        let empty = ods_with(r#"<table:table table:name="Workplan"/>"#, "");
        assert_eq!(
            read(&empty, SheetFormat::Ods, None),
            Err(SpreadsheetError::EmptySheet {
                sheet: "Workplan".into()
            })
        );
    }

    #[test]
    fn a_hundred_thousand_rows_are_read_in_order() {
        let rows = 100_000u32;
        let bytes = xlsx(|book| {
            let s = book.add_worksheet();
            for (col, name) in ["title", "budget", "start"].iter().enumerate() {
                s.write_string(0, col as u16, *name).unwrap();
            }
            let day = ExcelDateTime::from_ymd(2010, 5, 18).unwrap();
            let dates = date_format();
            for row in 1..=rows {
                s.write_string(row, 0, format!("Activity {row}")).unwrap();
                s.write_number(row, 1, f64::from(row) * 10.0).unwrap();
                s.write_datetime_with_format(row, 2, &day, &dates).unwrap();
            }
        });
        let table = read_xlsx(&bytes);
        assert_eq!(table.rows.len(), rows as usize);
        let last = table.rows.last().unwrap();
        assert_eq!(last.number, rows as usize + 1);
        assert_eq!(last.cells, ["Activity 100000", "1000000", "2010-05-18"]);
    }

    #[test]
    fn numbers_and_durations_as_people_write_them() {
        assert_eq!(number_text(30000.0), "30000");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_text(1e300), 1e300.to_string());
        assert_eq!(clock_text(0.5), "12:00");
        assert_eq!(clock_text(1.5 + 1.0 / 86_400.0), "36:00:01");
        assert_eq!(iso_duration_text("PT36H05M00S"), "36:05");
        assert_eq!(iso_duration_text("P1D"), "P1D");
        assert_eq!(iso_date_text("2010-05-18T00:00:00"), "2010-05-18");
        assert_eq!(iso_date_text("18 May"), "18 May");
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(9, 27), "AB10");
        assert_eq!(cell_name(0, 701), "ZZ1");
        assert_eq!(cell_name(0, 702), "AAA1");
    }
}
