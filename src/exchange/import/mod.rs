//! Activities in from a sheet: a CSV file as spreadsheet programs write it, or a sheet of an
//! .xlsx or .ods workbook. The file becomes a [`Table`]; its headers are matched to fields ([`columns`]); every
//! row is checked against the project ([`rows`]), every problem reported with its column, and
//! the names no entity answers to listed ([`unknown`]) to be added or mapped. Nothing changes
//! until the caller applies [`apply_command`]'s one undoable step. `docs/csv.md` describes it
//! for people.

pub mod columns;
pub mod mspdi;
mod rows;
pub mod unknown;

#[cfg(test)]
mod tests;

use std::path::Path;

pub use columns::{ColumnError, ColumnMap};
pub use unknown::{NameChoice, NameKind, UnknownName, resolve_unknown};

use crate::exchange::activity_csv::{self, CsvError, ReadOptions};
use crate::exchange::table::Table;
use crate::model::{Activity, Programme, Project};

/// How to read a file: how its text is decoded (CSV), which sheet (workbooks), how its
/// columns map to fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub text: ReadOptions,
    /// The sheet of a workbook to read (the first when `None`).
    pub sheet: Option<String>,
    /// (the file's header, the field it holds, or `ignore`), as `--map` gives them.
    pub map: Vec<(String, String)>,
    /// The order of day and month in dates such as 05/06/2010; `None` refuses them.
    pub date_order: Option<crate::plan::date_forms::DateOrder>,
}

/// A problem of a row, with the row's number in the spreadsheet (the header is row 1) and the
/// column at fault as the file's header names it; `column` is `None` when the row as a whole
/// cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub column: Option<String>,
    pub message: String,
}

impl RowError {
    /// `FILE:ROW:COLUMN: reason` (`FILE:ROW: reason` for the whole row).
    pub fn located(&self, file: &str) -> String {
        match &self.column {
            Some(column) => format!("{file}:{}:{column}: {}", self.row, self.message),
            None => format!("{file}:{}: {}", self.row, self.message),
        }
    }
}

/// What an import would do: the rows read, and every problem of the rows refused. Nothing
/// is changed until the caller applies `activities`.
#[derive(Clone, Debug, PartialEq)]
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
    /// The staff list with the officers the rows name that no member answered to (and new
    /// spellings of members as their aliases), when the rows change it.
    pub staff: Option<Vec<crate::model::StaffMember>>,
    /// Names no jurisdiction, partner or donor answers to, with the rows using them.
    pub unknown: Vec<UnknownName>,
    /// How the file was read ("Read as Windows-1252, separated by ;").
    pub read_as: String,
    /// Headers no field took, as written.
    pub ignored_columns: Vec<String>,
}

impl Import {
    /// Rows that add an activity.
    pub fn added(&self) -> usize {
        self.activities.len() - self.updated - self.unchanged
    }
}

/// Why a whole file cannot be imported (a bad row is reported in [`Import::errors`] instead).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Csv(#[from] CsvError),
    #[error(transparent)]
    Columns(#[from] ColumnError),
    /// A column every row needs is not in the header row.
    #[error(
        "the header row has no “{field}” column{why} (see docs/csv.md for the columns, or map one of the file's columns onto it)"
    )]
    MissingColumn {
        field: &'static str,
        why: &'static str,
    },
    #[error(transparent)]
    MsProject(#[from] mspdi::MspdiError),
    #[error(transparent)]
    Sheet(#[from] crate::exchange::spreadsheet::SpreadsheetError),
    #[error(
        "{0} files cannot be imported: import a CSV file (.csv, .txt, .tsv), an Excel workbook (.xlsx), an OpenDocument spreadsheet (.ods) or MS Project XML (.xml)"
    )]
    NotSupported(String),
}

/// The kind of file a path names, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Sheet(crate::exchange::spreadsheet::SheetFormat),
    /// Microsoft Project XML (MSPDI); other XML is refused when read.
    MsProject,
}

impl FileKind {
    pub fn of(path: &Path) -> Result<FileKind, ImportError> {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if let Some(format) = crate::exchange::spreadsheet::format_of(path) {
            return Ok(FileKind::Sheet(format));
        }
        match extension.as_str() {
            "csv" | "txt" | "tsv" | "tab" | "" => Ok(FileKind::Csv),
            "xml" => Ok(FileKind::MsProject),
            other => Err(ImportError::NotSupported(format!(".{other}"))),
        }
    }
}

/// The file's cells.
pub fn read_table(
    kind: FileKind,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Table, ImportError> {
    match kind {
        FileKind::Csv => Ok(activity_csv::read_table(bytes, options.text)?),
        FileKind::Sheet(format) => Ok(crate::exchange::spreadsheet::read(
            bytes,
            format,
            options.sheet.as_deref(),
        )?),
        FileKind::MsProject => Ok(mspdi::read(bytes)?),
    }
}

/// Checks `table` against `project`; ids for new activities and sessions come from
/// `next_id`, which is advanced.
pub fn check(
    project: &Project,
    table: &Table,
    options: &ImportOptions,
    next_id: &mut u64,
) -> Result<Import, ImportError> {
    // MS Project has no activity kind: its rows take the project's.
    let with_kind;
    let table = if mspdi::is_table(table) {
        with_kind = mspdi::with_kind(project, table);
        &with_kind
    } else {
        table
    };
    let columns = columns::map_columns(&table.headers, &options.map)?;
    let has_id = columns.has("id");
    let all_have_ids = has_id
        && table.rows.iter().all(|row| {
            row.unreadable.is_some()
                || columns
                    .get("id")
                    .and_then(|i| row.cells.get(i))
                    .is_some_and(|c| !c.trim().is_empty())
        });
    if !columns.has("title") && !has_id {
        return Err(ImportError::MissingColumn {
            field: "title",
            why: "",
        });
    }
    for field in ["title", "kind", "status"] {
        if !columns.has(field) && !all_have_ids {
            return Err(ImportError::MissingColumn {
                field,
                why: ", which new activities (rows without an id) need",
            });
        }
    }
    Ok(rows::check(project, table, &columns, options, next_id))
}

/// [`read_table`] then [`check`].
pub fn read(
    project: &Project,
    kind: FileKind,
    bytes: &[u8],
    options: &ImportOptions,
    next_id: &mut u64,
) -> Result<Import, ImportError> {
    let table = read_table(kind, bytes, options)?;
    check(project, &table, options, next_id)
}

/// The command that applies an import as one undoable step: the programme as the unknown
/// names made it (when they changed it), then updates in place and new activities at the end.
/// Unchanged activities produce no change.
pub fn apply_command(
    project: &Project,
    programme: Option<&Programme>,
    import: &Import,
) -> crate::edit::commands::Command {
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
    if let Some(staff) = &import.staff {
        steps.insert(0, Command::SetStaff(staff.clone()));
    }
    if let Some(programme) = programme.filter(|p| **p != project.programme) {
        steps.insert(0, Command::SetProgramme(Box::new(programme.clone())));
    }
    Command::Batch(steps)
}

/// An import checked with the user's answers for its unknown names.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// The check against the programme as the answers make it.
    pub import: Import,
    /// Every name the file uses that the programme (before the answers) does not have, with
    /// the answer for it: the names listed for the user, whatever became of them.
    pub choices: Vec<(UnknownName, NameChoice)>,
    /// The programme with names added or mapped, when an answer changed it.
    pub programme: Option<Programme>,
    /// The project's next id after the entities and activities the import would add.
    pub next_id: u64,
}

/// Checks `table` against `project` as it is, then again with each unknown name answered:
/// as `choices` say for names already answered, as `default` says for the others.
pub fn check_with_choices(
    project: &Project,
    table: &Table,
    options: &ImportOptions,
    choices: &[(UnknownName, NameChoice)],
    default: NameChoice,
) -> Result<Checked, ImportError> {
    let mut next_id = project.next_id;
    let first = check(project, table, options, &mut next_id)?;
    let answer = |u: &UnknownName| {
        choices
            .iter()
            .find(|(c, _)| {
                c.kind == u.kind
                    && crate::plan::names::fold(&c.name) == crate::plan::names::fold(&u.name)
            })
            .map_or(default, |(_, choice)| *choice)
    };
    let choices: Vec<(UnknownName, NameChoice)> = first
        .unknown
        .iter()
        .map(|u| (u.clone(), answer(u)))
        .collect();
    if choices.iter().all(|(_, c)| *c == NameChoice::Leave) {
        return Ok(Checked {
            import: first,
            choices,
            programme: None,
            next_id,
        });
    }
    // Checked again from the same first id, so the new entities and activities get
    // consecutive ids.
    let mut next_id = project.next_id;
    let programme = resolve_unknown(&project.programme, &choices, &mut next_id);
    let mut answered = project.clone();
    answered.programme = programme.clone();
    let import = check(&answered, table, options, &mut next_id)?;
    Ok(Checked {
        import,
        choices,
        programme: Some(programme),
        next_id,
    })
}
