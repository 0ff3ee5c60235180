//! Documents made from a project: each format in a module of its own. Exports are written
//! with the same atomic routine as projects.

pub mod html;
pub mod ics;
pub mod logframe;

use std::path::Path;

use crate::io::save::{SaveError, write_atomic};
use crate::model::Project;

/// The documents Workplan can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The logframe matrix as a printable, self-contained HTML page.
    LogframeHtml,
    /// The logframe matrix as CSV (RFC 4180, UTF-8) for spreadsheets.
    LogframeCsv,
    /// Sessions and committee meetings as iCalendar events (RFC 5545).
    Ics,
    /// The workplan, one activity a row (RFC 4180, UTF-8); see docs/csv.md.
    Csv,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::LogframeHtml => "html",
            Format::LogframeCsv => "csv",
            Format::Ics => "ics",
            Format::Csv => "csv",
        }
    }

    /// The part of a suggested file name that says what the document is.
    pub fn suffix(self) -> &'static str {
        match self {
            Format::LogframeHtml | Format::LogframeCsv => "logframe",
            Format::Ics => "calendar",
            Format::Csv => "workplan",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::LogframeHtml => "logframe (HTML, printable)",
            Format::LogframeCsv => "logframe (CSV)",
            Format::Ics => "calendar (iCalendar)",
            Format::Csv => "workplan (CSV)",
        }
    }
}

/// The document's bytes.
pub fn render(project: &Project, format: Format) -> Vec<u8> {
    match format {
        Format::LogframeHtml => logframe::to_html(project, None).into_bytes(),
        Format::LogframeCsv => logframe::to_csv(project, None),
        Format::Ics => ics::to_ics(project, chrono::Utc::now()).into_bytes(),
        Format::Csv => crate::activity_csv::write(project),
    }
}

pub fn write(project: &Project, format: Format, path: &Path) -> Result<(), SaveError> {
    write_atomic(path, &render(project, format))
}
