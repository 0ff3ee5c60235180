//! Documents made from a project: each format in a module of its own. Exports are written
//! with the same atomic routine as projects.

pub mod agenda;
pub mod donor;
pub mod html;
pub mod iati;
pub mod ics;
pub mod logframe;
pub mod mspdi;
pub mod pdf;
pub mod report;
pub mod results;
pub mod stories;
pub mod timeline_svg;
pub mod xlsx;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::io::save::{SaveError, write_atomic};
use crate::model::Project;
use crate::plan::portfolio_checks::Member;

/// The documents Workplan can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The logframe matrix as a printable, self-contained HTML page.
    LogframeHtml,
    /// The logframe matrix as CSV (RFC 4180, UTF-8) for spreadsheets.
    LogframeCsv,
    /// Sessions and committee meetings as iCalendar events (RFC 5545).
    Ics,
    /// The workplan, one activity a row (RFC 4180, UTF-8); see docs/csv.md.
    Csv,
    /// Activities of a period by pillar and status, as a printable HTML report.
    ReportHtml,
    /// The timeline of a period as SVG, one landscape page per file.
    TimelineSvg,
    /// A committee meeting's agenda as printable HTML (needs --meeting).
    AgendaHtml,
    /// A committee meeting's agenda as Markdown (needs --meeting).
    AgendaMd,
    /// A committee meeting's agenda as a PDF with fonts embedded (needs --meeting).
    AgendaPdf,
    /// The agenda pack to e-mail: agenda, attendance, open action points, the state of the
    /// linked work and the papers, as one PDF (needs --meeting).
    AgendaPackPdf,
    /// A committee meeting's minutes as printable HTML (needs --meeting).
    MinutesHtml,
    /// A committee meeting's minutes as PDF (needs --meeting).
    MinutesPdf,
    /// The logframe matrix as PDF, landscape, its header repeated on each page.
    LogframePdf,
    /// The workplan report of a period as PDF, landscape.
    ReportPdf,
    /// The timeline of a period as one PDF, tiled across and down as many pages as it needs.
    TimelinePdf,
    /// The workplan and the logframe as an .xlsx workbook, one sheet each.
    Xlsx,
    /// The stories of the activities done in a period, as Markdown.
    StoriesMd,
    /// The stories of the activities done in a period, as a printable HTML page.
    StoriesHtml,
    /// What each donor or fund supported in a period, as a printable HTML page (--donor).
    DonorHtml,
    /// The donor report as PDF (--donor).
    DonorPdf,
    /// The donor report as an .xlsx workbook: a sheet of the activities, one of the results.
    DonorXlsx,
    /// Per objective, each indicator's targets, actuals, percent and status per period, as
    /// CSV (RFC 4180, UTF-8).
    ResultsCsv,
    /// The same results as a printable HTML page, a table per indicator.
    ResultsHtml,
    /// The same results as PDF.
    ResultsPdf,
    /// The whole project as JSON, in the project file's structure, for scripts.
    Json,
    /// The plan as Microsoft Project XML (MSPDI); see docs/msproject.md.
    Mspdi,
    /// The programme and its activities as IATI activity XML 2.03, for publication.
    Iati,
}

impl Format {
    pub const ALL: [Format; 27] = [
        Format::Csv,
        Format::Xlsx,
        Format::Ics,
        Format::ReportPdf,
        Format::ReportHtml,
        Format::TimelinePdf,
        Format::TimelineSvg,
        Format::LogframePdf,
        Format::LogframeHtml,
        Format::LogframeCsv,
        Format::AgendaPdf,
        Format::AgendaPackPdf,
        Format::AgendaHtml,
        Format::AgendaMd,
        Format::MinutesPdf,
        Format::MinutesHtml,
        Format::StoriesMd,
        Format::StoriesHtml,
        Format::DonorPdf,
        Format::DonorHtml,
        Format::DonorXlsx,
        Format::ResultsPdf,
        Format::ResultsHtml,
        Format::ResultsCsv,
        Format::Json,
        Format::Mspdi,
        Format::Iati,
    ];

    /// The name the command line and file names use, such as `logframe-html`.
    pub fn name(self) -> &'static str {
        match self {
            Format::LogframeHtml => "logframe-html",
            Format::LogframeCsv => "logframe-csv",
            Format::Ics => "ics",
            Format::Csv => "csv",
            Format::ReportHtml => "report-html",
            Format::TimelineSvg => "timeline-svg",
            Format::AgendaHtml => "agenda-html",
            Format::AgendaMd => "agenda-md",
            Format::AgendaPdf => "agenda-pdf",
            Format::AgendaPackPdf => "agenda-pack-pdf",
            Format::MinutesHtml => "minutes-html",
            Format::MinutesPdf => "minutes-pdf",
            Format::LogframePdf => "logframe-pdf",
            Format::ReportPdf => "report-pdf",
            Format::TimelinePdf => "timeline-pdf",
            Format::Xlsx => "xlsx",
            Format::StoriesMd => "stories-md",
            Format::StoriesHtml => "stories-html",
            Format::DonorHtml => "donor-html",
            Format::DonorPdf => "donor-pdf",
            Format::DonorXlsx => "donor-xlsx",
            Format::ResultsCsv => "results-csv",
            Format::ResultsHtml => "results-html",
            Format::ResultsPdf => "results-pdf",
            Format::Json => "json",
            Format::Mspdi => "mspdi",
            Format::Iati => "iati",
        }
    }

    /// What the document is, for the command line's help.
    pub fn description(self) -> &'static str {
        match self {
            Format::LogframeHtml => "The logframe matrix as a printable, self-contained HTML page",
            Format::LogframeCsv => "The logframe matrix as CSV (RFC 4180, UTF-8) for spreadsheets",
            Format::Ics => "Sessions and committee meetings as iCalendar events (RFC 5545)",
            Format::Csv => "The workplan, one activity a row (RFC 4180, UTF-8); see docs/csv.md",
            Format::ReportHtml => {
                "Activities of a period by pillar and status, as a printable HTML report"
            }
            Format::TimelineSvg => "The timeline of a period as SVG, one landscape page per file",
            Format::AgendaHtml => {
                "A committee meeting's agenda as printable HTML (needs --meeting)"
            }
            Format::AgendaMd => "A committee meeting's agenda as Markdown (needs --meeting)",
            Format::AgendaPdf => "A committee meeting's agenda as PDF (needs --meeting)",
            Format::AgendaPackPdf => {
                "The agenda pack to e-mail: agenda, attendance, open action points, linked \
                 work and papers, as one PDF (needs --meeting)"
            }
            Format::MinutesHtml => {
                "A committee meeting's minutes as printable HTML (needs --meeting)"
            }
            Format::MinutesPdf => "A committee meeting's minutes as PDF (needs --meeting)",
            Format::LogframePdf => "The logframe matrix as PDF, landscape",
            Format::ReportPdf => "Activities of a period by pillar and status, as PDF",
            Format::TimelinePdf => {
                "The timeline of a period as one PDF, tiled across and down its pages"
            }
            Format::Xlsx => "The workplan and the logframe as an .xlsx workbook; see docs/csv.md",
            Format::StoriesMd => {
                "The stories of the activities done in a period, as Markdown (--from, --to)"
            }
            Format::StoriesHtml => {
                "The stories of the activities done in a period, as printable HTML (--from, --to)"
            }
            Format::DonorHtml => {
                "What each donor or fund supported in a period: activities, participants, budget \
                 covered, results (--donor, --from, --to)"
            }
            Format::DonorPdf => "The donor report as PDF (--donor, --from, --to)",
            Format::DonorXlsx => {
                "The donor report as an .xlsx workbook: activities and results (--donor, --from, --to)"
            }
            Format::ResultsCsv => {
                "Each indicator's target, actual, percent and status per period, as CSV"
            }
            Format::ResultsHtml => {
                "Each indicator's periods with their status and overall progress, as printable HTML"
            }
            Format::ResultsPdf => {
                "Each indicator's periods with their status and overall progress, as PDF"
            }
            Format::Json => "The whole project as JSON for scripts; see docs/file-format.md",
            Format::Mspdi => "The plan as Microsoft Project XML (MSPDI); see docs/msproject.md",
            Format::Iati => {
                "The programme and its activities as IATI activity XML 2.03; see docs/iati.md"
            }
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::LogframeHtml
            | Format::ReportHtml
            | Format::AgendaHtml
            | Format::MinutesHtml
            | Format::StoriesHtml
            | Format::DonorHtml
            | Format::ResultsHtml => "html",
            Format::AgendaMd | Format::StoriesMd => "md",
            Format::AgendaPdf
            | Format::AgendaPackPdf
            | Format::MinutesPdf
            | Format::LogframePdf
            | Format::ReportPdf
            | Format::TimelinePdf
            | Format::DonorPdf
            | Format::ResultsPdf => "pdf",
            Format::LogframeCsv | Format::Csv | Format::ResultsCsv => "csv",
            Format::Ics => "ics",
            Format::TimelineSvg => "svg",
            Format::Xlsx | Format::DonorXlsx => "xlsx",
            Format::Json => "json",
            Format::Mspdi => "xml",
            Format::Iati => "xml",
        }
    }

    /// The part of a suggested file name that says what the document is.
    pub fn suffix(self) -> &'static str {
        match self {
            Format::LogframeHtml | Format::LogframeCsv | Format::LogframePdf => "logframe",
            Format::Ics => "calendar",
            Format::Csv | Format::Xlsx => "workplan",
            Format::StoriesMd | Format::StoriesHtml => "stories",
            Format::DonorHtml | Format::DonorPdf | Format::DonorXlsx => "donor-report",
            Format::ResultsCsv | Format::ResultsHtml | Format::ResultsPdf => "results",
            Format::Json => "project",
            Format::Mspdi => "msproject",
            Format::ReportHtml | Format::ReportPdf => "report",
            Format::TimelineSvg | Format::TimelinePdf => "timeline",
            Format::AgendaHtml | Format::AgendaMd | Format::AgendaPdf => "agenda",
            Format::AgendaPackPdf => "agenda-pack",
            Format::MinutesHtml | Format::MinutesPdf => "minutes",
            Format::Iati => "iati",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::LogframeHtml => "logframe (HTML, printable)",
            Format::LogframeCsv => "logframe (CSV)",
            Format::Ics => "calendar (iCalendar)",
            Format::Csv => "workplan (CSV)",
            Format::ReportHtml => "workplan report (HTML, printable)",
            Format::TimelineSvg => "timeline (SVG, landscape pages)",
            Format::AgendaHtml => "meeting agenda (HTML, printable)",
            Format::AgendaMd => "meeting agenda (Markdown)",
            Format::AgendaPdf => "meeting agenda (PDF)",
            Format::AgendaPackPdf => "meeting agenda pack (PDF)",
            Format::MinutesHtml => "meeting minutes (HTML, printable)",
            Format::MinutesPdf => "meeting minutes (PDF)",
            Format::LogframePdf => "logframe (PDF)",
            Format::ReportPdf => "workplan report (PDF)",
            Format::TimelinePdf => "timeline (PDF, tiled pages)",
            Format::Xlsx => "workplan (XLSX)",
            Format::StoriesMd => "activity stories (Markdown)",
            Format::StoriesHtml => "activity stories (HTML, printable)",
            Format::DonorHtml => "donor report (HTML, printable)",
            Format::DonorPdf => "donor report (PDF)",
            Format::DonorXlsx => "donor report (XLSX)",
            Format::ResultsCsv => "results per period (CSV)",
            Format::ResultsHtml => "results per period (HTML, printable)",
            Format::ResultsPdf => "results per period (PDF)",
            Format::Json => "project (JSON)",
            Format::Mspdi => "plan (MS Project XML)",
            Format::Iati => "programme and activities (IATI 2.03 XML)",
        }
    }
}

impl Format {
    /// A report or timeline: it covers a period (`--from`, `--to`).
    pub fn covers_period(self) -> bool {
        matches!(
            self,
            Format::ReportHtml
                | Format::ReportPdf
                | Format::TimelineSvg
                | Format::TimelinePdf
                | Format::StoriesMd
                | Format::StoriesHtml
                | Format::DonorHtml
                | Format::DonorPdf
                | Format::DonorXlsx
        )
    }

    /// An agenda, pack or minutes: it is of one meeting (`--meeting`).
    pub fn is_of_meeting(self) -> bool {
        matches!(
            self,
            Format::AgendaHtml
                | Format::AgendaMd
                | Format::AgendaPdf
                | Format::AgendaPackPdf
                | Format::MinutesHtml
                | Format::MinutesPdf
        )
    }

    /// A PDF: it is laid out on a paper size (`--paper`).
    pub fn is_pdf(self) -> bool {
        self.extension() == "pdf"
    }

    /// A donor report: of one donor or fund (`--donor`), or of each in turn.
    pub fn is_of_donor(self) -> bool {
        matches!(
            self,
            Format::DonorHtml | Format::DonorPdf | Format::DonorXlsx
        )
    }

    /// A document made from a portfolio's members together (`workplan export` of a `.wpf`):
    /// the calendar, the workbook and the HTML report. The others are of one project.
    pub fn covers_portfolio(self) -> bool {
        matches!(self, Format::Ics | Format::Xlsx | Format::ReportHtml)
    }

    /// The workplan report and the timeline PDF, which can set the plan against a baseline
    /// (`--baseline`).
    pub fn compares_with_baseline(self) -> bool {
        matches!(
            self,
            Format::ReportHtml | Format::ReportPdf | Format::TimelinePdf
        )
    }
}

/// What part of the project a document covers: the period of a report or timeline (the
/// programme period when not given) and the pillar of a logframe (all when not given).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub pillar: Option<crate::model::Id>,
    /// The committee meeting (by number) of an agenda or minutes; the latest when not given.
    pub meeting: Option<u32>,
    /// The paper a PDF is laid out on.
    pub paper: pdf::Paper,
    /// The baseline the workplan report compares the plan with, if any.
    pub baseline: Option<crate::model::Id>,
    /// The donor or fund of a donor report; every one that supported something when `None`.
    pub donor: Option<crate::model::Id>,
}

impl Scope {
    /// The meeting an agenda or minutes is of: the one asked for, or the latest.
    pub fn meeting_number(self, project: &Project) -> Result<u32, ContentError> {
        self.meeting
            .or_else(|| project.committee.meetings.iter().map(|m| m.number).max())
            .ok_or(ContentError::NoMeeting)
    }

    pub fn resolve(self, project: &Project) -> (NaiveDate, NaiveDate) {
        let from = self.from.unwrap_or(project.programme.start);
        let to = self.to.unwrap_or(project.programme.end).max(from);
        (from, to)
    }
}

/// Why the project cannot give a document; the text reads after "Nothing was written: ".
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    /// An agenda or minutes, and the committee has not met or planned a meeting.
    #[error("the project has no committee meeting")]
    NoMeeting,
    /// An agenda or minutes of a meeting number there is not; `numbers` are those there are.
    #[error("there is no meeting {number}; the meetings are {}", list(.numbers))]
    NoSuchMeeting { number: u32, numbers: Vec<u32> },
    /// A text longer than a spreadsheet cell holds; `row` counts the header as 1.
    #[error(
        "the cell in row {row}, column “{column}” of the {sheet} sheet is longer than the \
         32,767 characters a spreadsheet cell holds"
    )]
    CellTooLong {
        sheet: String,
        row: u32,
        column: String,
    },
    /// The spreadsheet writer refused the workbook (more rows than a sheet holds, say).
    #[error("the spreadsheet cannot be written: {0}")]
    Spreadsheet(String),
    /// An IATI export, and a programme setting the standard requires is empty.
    #[error("the programme's {0} for IATI is not set (Programme view)")]
    IatiSetting(&'static str),
}

fn list(numbers: &[u32]) -> String {
    let numbers: Vec<String> = numbers.iter().map(u32::to_string).collect();
    numbers.join(", ")
}

/// The document's files' contents: one for most formats, one per page for the timeline.
pub fn render(
    project: &Project,
    format: Format,
    scope: Scope,
) -> Result<Vec<Vec<u8>>, ContentError> {
    let meeting = || scope.meeting_number(project);
    Ok(match format {
        Format::AgendaHtml => vec![agenda::to_html(project, meeting()?, false)?.into_bytes()],
        Format::AgendaMd => vec![agenda::to_markdown(project, meeting()?)?.into_bytes()],
        Format::MinutesHtml => vec![agenda::to_html(project, meeting()?, true)?.into_bytes()],
        Format::LogframeHtml => vec![logframe::to_html(project, scope.pillar).into_bytes()],
        Format::LogframeCsv => vec![logframe::to_csv(project, scope.pillar)],
        Format::Ics => vec![ics::to_ics(project, chrono::Utc::now()).into_bytes()],
        Format::Csv => vec![crate::exchange::activity_csv::write(project)],
        Format::Xlsx => vec![xlsx::to_xlsx(project, scope.pillar)?],
        Format::Json => vec![to_json(project)],
        Format::StoriesMd => {
            let stories = stories::drafted(project, scope);
            vec![stories::to_markdown(&project.programme.title, &stories).into_bytes()]
        }
        Format::StoriesHtml => {
            let stories = stories::drafted(project, scope);
            vec![stories::to_html(&project.programme.title, &stories).into_bytes()]
        }
        Format::DonorHtml => vec![donor::to_html(project, scope).into_bytes()],
        Format::DonorXlsx => vec![xlsx::donor_xlsx(project, scope)?],
        Format::ResultsCsv => vec![results::to_csv(project, today())],
        Format::ResultsHtml => vec![results::to_html(project, today()).into_bytes()],
        Format::Mspdi => vec![mspdi::to_xml(project).into_bytes()],
        Format::Iati => vec![iati::to_xml(project, chrono::Utc::now())?.into_bytes()],
        Format::ReportHtml => vec![report::to_html(project, scope).into_bytes()],
        Format::TimelineSvg => timeline_svg::pages(project, scope)
            .into_iter()
            .map(String::into_bytes)
            .collect(),
        Format::AgendaPdf
        | Format::AgendaPackPdf
        | Format::MinutesPdf
        | Format::LogframePdf
        | Format::ReportPdf
        | Format::TimelinePdf
        | Format::DonorPdf
        | Format::ResultsPdf => {
            let (sheets, info) = pdf::document(project, format, scope, today())?
                .expect("a PDF format has its pages");
            vec![pdf::write(&sheets, &info)]
        }
    })
}

/// A portfolio as its documents see it.
#[derive(Clone, Copy, Debug)]
pub struct PortfolioDoc<'a> {
    /// The portfolio's name, the documents' title.
    pub title: &'a str,
    /// The members that could be read, in the portfolio's order.
    pub members: &'a [Member<'a>],
    /// Each member's colour (`#rrggbb`, by the index of `members`), for the report's
    /// programme headings as the window's legend shows them; one that is not is left out.
    pub colours: &'a [&'a str],
    /// The members that could not be read, as "Firearms (gfp/firearms.ron)", for the
    /// documents that say what they leave out.
    pub left_out: &'a [String],
}

/// The document of a portfolio; `None` for a format that is not
/// [`Format::covers_portfolio`].
pub fn render_portfolio(
    portfolio: PortfolioDoc<'_>,
    format: Format,
    scope: Scope,
) -> Option<Result<Vec<u8>, ContentError>> {
    let PortfolioDoc { title, members, .. } = portfolio;
    Some(match format {
        Format::Ics => Ok(ics::portfolio_ics(title, members, chrono::Utc::now()).into_bytes()),
        Format::Xlsx => xlsx::portfolio_xlsx(members),
        Format::ReportHtml => Ok(report::portfolio_html(portfolio, scope).into_bytes()),
        _ => return None,
    })
}

/// Writes the document of a portfolio (see [`render_portfolio`]); the file written, or
/// `None` for a format a portfolio does not give.
pub fn write_portfolio(
    portfolio: PortfolioDoc<'_>,
    format: Format,
    scope: Scope,
    path: &Path,
) -> Option<Result<PathBuf, ExportError>> {
    let bytes = match render_portfolio(portfolio, format, scope)? {
        Ok(bytes) => bytes,
        Err(error) => return Some(Err(error.into())),
    };
    Some(
        write_atomic(path, &bytes)
            .map(|()| path.to_path_buf())
            .map_err(ExportError::Save),
    )
}

/// The day a printed document says it was printed.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The project with the file's structure as pretty-printed UTF-8 JSON (docs/file-format.md).
pub fn to_json(project: &Project) -> Vec<u8> {
    let mut bytes =
        serde_json::to_vec_pretty(project).expect("the model has no map with a non-text key");
    bytes.push(b'\n');
    bytes
}

/// Where page `index` (from 0) of a document goes: `plan.svg`, `plan-2.svg`, ...
pub fn page_path(path: &Path, index: usize) -> PathBuf {
    if index == 0 {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}-{}.{}", index + 1, ext.to_string_lossy()),
        None => format!("{stem}-{}", index + 1),
    };
    path.with_file_name(name)
}

/// Why a document was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The project cannot give this document (no such meeting, say).
    #[error("Nothing was written: {0}.")]
    Content(#[from] ContentError),
    #[error(transparent)]
    Save(SaveError),
}

/// Writes the document; returns the files written.
pub fn write(
    project: &Project,
    format: Format,
    scope: Scope,
    path: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    let documents = render(project, format, scope)?;
    let mut written = Vec::new();
    for (index, bytes) in documents.iter().enumerate() {
        let target = page_path(path, index);
        write_atomic(&target, bytes).map_err(ExportError::Save)?;
        written.push(target);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_is_the_model_itself() {
        let project = crate::testing::sample();
        let bytes = to_json(&project);
        let text = std::str::from_utf8(&bytes).unwrap();
        let start = format!(
            "{{\n  \"format_version\": {},",
            crate::model::FORMAT_VERSION
        );
        assert!(text.starts_with(&start), "{}", &text[..40]);
        let back: Project = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back, project, "every field, by the model's own names");
    }

    #[test]
    fn a_document_the_project_cannot_give_is_not_written_and_says_why() {
        let project = Project::new(NaiveDate::from_ymd_opt(2009, 5, 1).unwrap());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.html");
        let error = write(&project, Format::AgendaHtml, Scope::default(), &path).unwrap_err();
        assert!(
            matches!(error, ExportError::Content(ContentError::NoMeeting)),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "Nothing was written: the project has no committee meeting."
        );
        assert!(!path.exists());
        let members = [Member {
            path: "a.ron",
            name: "A",
            project: &project,
        }];
        let portfolio = PortfolioDoc {
            title: "P",
            members: &members,
            colours: &[],
            left_out: &[],
        };
        let refused = write_portfolio(portfolio, Format::Json, Scope::default(), &path);
        assert!(refused.is_none(), "a portfolio gives no JSON");
        assert!(!path.exists());
        let only: Vec<Format> = Format::ALL
            .into_iter()
            .filter(|f| f.covers_portfolio())
            .collect();
        assert_eq!(only, [Format::Xlsx, Format::Ics, Format::ReportHtml]);
        for format in only {
            let written = write_portfolio(portfolio, format, Scope::default(), &path);
            assert_eq!(written.unwrap().unwrap(), path);
            assert!(std::fs::metadata(&path).unwrap().len() > 0);
        }
        let missing = ContentError::NoSuchMeeting {
            number: 9,
            numbers: vec![1, 2],
        };
        assert_eq!(
            ExportError::from(missing).to_string(),
            "Nothing was written: there is no meeting 9; the meetings are 1, 2."
        );
    }
}
