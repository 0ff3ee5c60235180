//! Command-line subcommands: they run without opening a window.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::exchange::text_file::{Delimiter, EncodingChoice};

/// The exit codes every subcommand follows, as the README's table gives them.
const EXIT_CODES: &str = "Exit codes: 0 done; 1 problems found or refused (nothing written, \
                          except by merge with conflicts); 2 unusable arguments, or merge wrote \
                          nothing. See the README for each command.";

#[derive(Debug, Parser)]
#[command(
    name = "workplan",
    version,
    about = "Plan a regional programme: objectives, activities, calendar and steering committee.",
    long_about = "Plan a regional programme: objectives, activities, calendar and steering committee.\n\n\
                  With no subcommand, opens the Workplan window (with FILE, if given); the \
                  subcommands below run without a window.",
    after_help = EXIT_CODES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Project file (.ron) to open in the window.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Check that project files open; print FILE:LINE:COL: message for each problem.
    ///
    /// Exits 0 when every file is sound, 1 when any is not.
    #[command(after_help = "Example:\n  workplan validate plan.ron other.ron")]
    Validate {
        /// Project files (.ron) to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Run the workplan's checks on project files, as the checks panel does, for CI in a
    /// repository of plans.
    ///
    /// Each file is checked with the checks its programme turns on; findings it accepts as
    /// known exceptions are left out. Several files, or a portfolio file (.wpf), are also
    /// checked across each other: clashes of two programmes in one jurisdiction, one person or
    /// partner in both at once, likely duplicates (README). Exits 0 when no finding is at or
    /// above --fail-on, 1 when
    /// one is, 2 when a file cannot be read (FILE:LINE:COL: message on stderr, as validate
    /// prints it).
    #[command(after_help = "Examples:\n  workplan check plan.ron\n  \
                      workplan check --format json --fail-on warning plans/*.ron")]
    Check {
        /// How to print the findings: a line each, or one JSON object with a findings array.
        #[arg(long, value_enum, value_name = "FORMAT", default_value = "text")]
        format: CheckFormatArg,
        /// The least severity that makes the command exit 1.
        #[arg(long, value_enum, value_name = "SEVERITY", default_value = "error")]
        fail_on: SeverityArg,
        /// Project files (.ron) to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Write a document made from a project: the workplan, the logframe, the calendar, a
    /// report or timeline of a period, a meeting's agenda or minutes, or the whole project.
    ///
    /// --from and --to are used by the reports, timelines and stories only, --meeting by agenda-html,
    /// agenda-md, agenda-pdf and minutes-html only; any other format refuses them.
    ///
    /// A portfolio file (.wpf) gives ics, xlsx and report-html of all its members; a member
    /// that cannot be read is named on stderr (FILE:LINE:COL: message) and left out, the rest
    /// still written, and the command then exits 1.
    #[command(
        after_help = "Examples:\n  workplan export --format xlsx plan.ron -o workplan.xlsx\n  \
                            workplan export --format report-html plan.ron -o report.html --from 2010-01-01 --to 2010-06-30\n  \
                            workplan export --format agenda-html plan.ron -o agenda.html --meeting 2"
    )]
    Export {
        /// What to write.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: FormatArg,
        /// The project file (.ron), or a portfolio file (.wpf) for ics, xlsx and report-html:
        /// its members together, each event, row or section naming its programme.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Where to write the document. A timeline of several pages writes one file a page:
        /// -o plan.svg also writes plan-2.svg, plan-3.svg, ...
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// First day of the period for the reports and timelines (default: programme start).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = iso_date)]
        from: Option<chrono::NaiveDate>,
        /// Last day of the period for the reports and timelines (default: programme end).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = iso_date)]
        to: Option<chrono::NaiveDate>,
        /// The meeting (by number) for the agendas, the agenda pack and the minutes (default:
        /// the latest meeting).
        #[arg(long, value_name = "N")]
        meeting: Option<u32>,
        /// The paper of a PDF (default: a4).
        #[arg(long, value_name = "PAPER", value_enum)]
        paper: Option<PaperArg>,
        /// The saved baseline (by name) the plan is compared with: its dates and the slips
        /// under each activity's dates in the report, grey bars under the timeline's
        /// (report-html, report-pdf and timeline-pdf only).
        #[arg(long, value_name = "NAME")]
        baseline: Option<String>,
        /// The donor or fund (by name, acronym or alias) of a donor report (donor-html,
        /// donor-pdf and donor-xlsx only; default: each donor and fund that supported an
        /// activity in the period).
        #[arg(long, value_name = "NAME")]
        donor: Option<String>,
    },
    /// Check a sheet of activities (CSV, .xlsx or .ods; see docs/csv.md) or an MS Project XML
    /// plan (.xml; see docs/msproject.md) against a project and,
    /// when every row is sound or --import-valid is given, import it into the project file.
    ///
    /// Rows with an id update that activity; rows without one are added. Bad rows are listed
    /// as FILE:ROW:COLUMN: reason, every bad cell of every row, and names the programme does
    /// not have are listed by kind with the rows using them. Nothing is written unless the
    /// import goes ahead and changes something.
    #[command(
        alias = "import-csv",
        after_help = "Examples:\n  workplan import plan.ron activities.csv\n  \
                      workplan import plan.ron workplan.xlsx --sheet Workplan --add-unknown\n  \
                      workplan import plan.ron plan.xml"
    )]
    Import {
        /// The project file (.ron) to import into.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// The file to import: .csv (or .txt, .tsv), .xlsx, .ods or .xml (MS Project), told by
        /// its extension.
        #[arg(value_name = "IN")]
        input: PathBuf,
        /// The sheet of a workbook to read (default: the first).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// How to read dates written with numbers only, such as 05/06/2010: day first (DMY) or
        /// month first (MDY). Without it such a date is a row problem unless one of its numbers
        /// is above 12.
        #[arg(long, value_enum, value_name = "ORDER")]
        date_order: Option<DateOrderArg>,
        /// Add the jurisdictions, partners and donors the file names that the programme does
        /// not have ("Name (ACR)" gives name and acronym; forms of one name become one entry).
        #[arg(long)]
        add_unknown: bool,
        /// Import the valid rows even when some rows are refused.
        #[arg(long)]
        import_valid: bool,
        /// Write the project even while someone has it open for editing (their window will
        /// then offer to reload it).
        #[arg(long)]
        force: bool,
        /// Take the file's column COLUMN as Workplan's field FIELD (or `ignore` it), e.g.
        /// --map "Event title=title"; may be given for several columns.
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// Read the file in this encoding instead of detecting it (a byte-order mark, else
        /// UTF-8 when valid, else Windows-1252).
        #[arg(long, value_enum, value_name = "ENCODING")]
        encoding: Option<EncodingArg>,
        /// Separate fields by this instead of the one the header row uses most.
        #[arg(long, value_enum, value_name = "SEPARATOR")]
        delimiter: Option<DelimiterArg>,
    },
    /// Merge two versions of a project that grew from one base, entity by entity; usable as
    /// a git merge driver (see README).
    ///
    /// Exits 0 when merged, 1 when some changes conflict (each is listed; OUT is still
    /// written, with ours' side of each conflict, so that it opens), 2 when nothing was
    /// written (an input cannot be read, OUT is open for editing, or OUT cannot be written).
    #[command(
        after_help = "Examples:\n  workplan merge base.ron mine.ron theirs.ron -o merged.ron\n  \
                            workplan merge %O %A %B -o %A --name %P    (as git's merge driver)"
    )]
    Merge {
        /// The common ancestor.
        #[arg(value_name = "BASE")]
        base: PathBuf,
        /// Our version; its side is kept where the two conflict.
        #[arg(value_name = "OURS")]
        ours: PathBuf,
        /// Their version.
        #[arg(value_name = "THEIRS")]
        theirs: PathBuf,
        /// Where to write the merged project (may be OURS itself).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// The project's name in messages, when OUT is a temporary file (git passes it as %P).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Write OUT even while someone has it open for editing.
        #[arg(long)]
        force: bool,
    },
    /// Write a large, realistic project for trials and benchmarks (the same arguments always
    /// give the same file).
    #[command(
        after_help = "Example:\n  workplan generate --activities 10000 --objectives 2000 -o big.ron"
    )]
    Generate {
        /// How many activities, linked to the objectives' outputs (0 for none).
        #[arg(long, value_name = "N", default_value_t = 1000)]
        activities: usize,
        /// How many objectives in the tree of pillars, areas of work and outputs (1 or more:
        /// the tree needs its programme objective).
        #[arg(long, value_name = "N", default_value_t = 200, value_parser = at_least_one)]
        objectives: usize,
        /// How many steering committee meetings (0 for none).
        #[arg(long, value_name = "N", default_value_t = 6)]
        meetings: usize,
        /// Another seed gives another project of the same size.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// Where to write the project (.ron).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// Write OUT even while someone has it open for editing.
        #[arg(long)]
        force: bool,
    },
    /// Print the completions of workplan's commands and options for a shell, to be saved
    /// where that shell reads them.
    #[command(after_help = "Examples:\n  \
                            workplan completions bash > ~/.local/share/bash-completion/completions/workplan\n  \
                            workplan completions zsh > ~/.zfunc/_workplan")]
    Completions {
        /// The shell to write completions for.
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
}

/// A `--from` or `--to` date, written YYYY-MM-DD, with the reason when it is not a date.
fn iso_date(text: &str) -> Result<chrono::NaiveDate, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let shaped = matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && m.len() == 2 && d.len() == 2 && digits(y) && digits(m) && digits(d));
    if !shaped {
        return Err("write the date as YYYY-MM-DD, e.g. 2010-06-17".into());
    }
    let number = |p: &str| p.parse::<u32>().expect("two or four digits");
    let (year, month, day) = (number(parts[0]) as i32, number(parts[1]), number(parts[2]));
    if !(1..=12).contains(&month) {
        return Err(format!(
            "month {month} does not exist (a month is 01 to 12)"
        ));
    }
    let days = crate::plan::dates::days_in_month(year, month);
    match chrono::NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) if day >= 1 => Ok(date),
        _ => {
            let first = chrono::NaiveDate::from_ymd_opt(year, month, 1).expect("checked above");
            Err(format!(
                "day {day} does not exist: {} has {days} days",
                first.format("%B %Y")
            ))
        }
    }
}

/// `--objectives`: the generated tree needs its programme objective.
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("give 1 or more: the tree needs its programme objective".into()),
        Ok(n) => Ok(n),
        Err(_) => Err("give a whole number, e.g. 200".into()),
    }
}

/// Runs a subcommand, writing results to `out` and problems to `err`.
pub fn run(command: CliCommand, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    match command {
        CliCommand::Validate { files } => validate(&files, out, err),
        CliCommand::Check {
            format,
            fail_on,
            files,
        } => check(&files, format, fail_on.0, out, err),
        CliCommand::Export {
            format,
            file,
            output,
            from,
            to,
            meeting,
            paper,
            baseline,
            donor,
        } => {
            if let Some(problem) = unused_options(format.0, from, to, meeting, paper.is_some()) {
                let _ = writeln!(err, "{problem}");
                return unusable();
            }
            if baseline.is_some() && !format.0.compares_with_baseline() {
                let _ = writeln!(
                    err,
                    "--format {} does not compare with a baseline, so --baseline cannot be used; \
                     only {} do",
                    format.0.name(),
                    formats_that(crate::exchange::export::Format::compares_with_baseline)
                );
                return unusable();
            }
            if donor.is_some() && !format.0.is_of_donor() {
                let _ = writeln!(
                    err,
                    "--format {} is not a donor report, so --donor cannot be used; only {} \
                     take a donor",
                    format.0.name(),
                    formats_that(crate::exchange::export::Format::is_of_donor)
                );
                return unusable();
            }
            export(
                format.0,
                &file,
                &output,
                (
                    crate::exchange::export::Scope {
                        from,
                        to,
                        pillar: None,
                        meeting,
                        paper: paper.map(|p| p.0).unwrap_or_default(),
                        baseline: None,
                        donor: None,
                    },
                    baseline.as_deref(),
                    donor.as_deref(),
                ),
                out,
                err,
            )
        }
        CliCommand::Import {
            project,
            input,
            sheet,
            date_order,
            add_unknown,
            import_valid,
            force,
            map,
            encoding,
            delimiter,
        } => {
            let mut options = crate::exchange::import::ImportOptions {
                text: crate::exchange::activity_csv::ReadOptions {
                    encoding: encoding.map(|e| match e {
                        EncodingArg::Utf8 => EncodingChoice::Utf8,
                        EncodingArg::Utf16 => EncodingChoice::Utf16,
                        EncodingArg::Windows1252 => EncodingChoice::Windows1252,
                    }),
                    delimiter: delimiter.map(|d| match d {
                        DelimiterArg::Comma => Delimiter::Comma,
                        DelimiterArg::Semicolon => Delimiter::Semicolon,
                        DelimiterArg::Tab => Delimiter::Tab,
                    }),
                },
                sheet,
                date_order: date_order.map(|o| match o {
                    DateOrderArg::Dmy => crate::plan::date_forms::DateOrder::DayMonthYear,
                    DateOrderArg::Mdy => crate::plan::date_forms::DateOrder::MonthDayYear,
                }),
                map: Vec::new(),
            };
            for text in &map {
                match crate::exchange::import::columns::parse_map(text) {
                    Ok(pair) => options.map.push(pair),
                    Err(error) => {
                        let _ = writeln!(err, "{error}");
                        return unusable();
                    }
                }
            }
            let how = ImportHow {
                add_unknown,
                import_valid,
                force,
            };
            import(&project, &input, &options, how, out, err)
        }
        CliCommand::Merge {
            base,
            ours,
            theirs,
            output,
            name,
            force,
        } => merge(
            [&base, &ours, &theirs],
            &output,
            MergeHow {
                name: name.as_deref(),
                force,
            },
            out,
            err,
        ),
        CliCommand::Completions { shell } => {
            use clap::CommandFactory;
            // Into memory first: clap_complete panics on a failed write, such as `| head`.
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "workplan", &mut text);
            match out.write_all(&text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::FAILURE,
            }
        }
        CliCommand::Generate {
            activities,
            objectives,
            meetings,
            seed,
            output,
            force,
        } => {
            let project = crate::plan::generate::project(activities, objectives, meetings, seed);
            let _lock = match lock_for_writing(&output, force, "Nothing was written") {
                Ok(lock) => lock,
                Err(refusal) => {
                    let _ = writeln!(err, "{refusal}");
                    return ExitCode::FAILURE;
                }
            };
            match crate::io::save(&project, &output) {
                Ok(()) => {
                    let _ = writeln!(out, "wrote {}", output.display());
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    let _ = writeln!(err, "{}", save_problem(&error));
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Exit code 2: the arguments (or, for merge, the inputs) cannot be used; nothing was written.
fn unusable() -> ExitCode {
    ExitCode::from(2)
}

/// The formats `takes` is true of, as a list for a message: "a, b and c".
fn formats_that(takes: fn(crate::exchange::export::Format) -> bool) -> String {
    let names: Vec<&str> = <FormatArg as clap::ValueEnum>::value_variants()
        .iter()
        .filter(|f| takes(f.0))
        .map(|f| f.0.name())
        .collect();
    match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The baseline `--baseline NAME` names, compared as every pick list compares names (case,
/// accents and punctuation aside); the names there are when none answers.
fn baseline_named(project: &crate::model::Project, name: &str) -> Result<crate::model::Id, String> {
    use crate::plan::names::fold;
    let wanted = fold(name);
    if let Some(b) = project.baselines.iter().find(|b| fold(&b.name) == wanted) {
        return Ok(b.id);
    }
    let names: Vec<String> = project
        .baselines
        .iter()
        .map(|b| format!("“{}”", b.name))
        .collect();
    Err(if names.is_empty() {
        format!("no baseline “{name}”: the project has no saved baseline")
    } else {
        format!("no baseline “{name}”; the project has {}", names.join(", "))
    })
}

/// The donor or fund `--donor NAME` names: by name, acronym or alias, compared as the import
/// compares names; the donors there are when none answers.
fn donor_named(project: &crate::model::Project, name: &str) -> Result<crate::model::Id, String> {
    use crate::plan::names::fold;
    let wanted = fold(name);
    let donors = &project.programme.donors;
    if let Some(d) = donors.iter().find(|d| {
        fold(&d.name) == wanted
            || (!d.acronym.is_empty() && fold(&d.acronym) == wanted)
            || d.aliases.iter().any(|a| fold(a) == wanted)
    }) {
        return Ok(d.id);
    }
    let names: Vec<String> = donors.iter().map(|d| format!("“{}”", d.name)).collect();
    Err(if names.is_empty() {
        format!("no donor or fund “{name}”: the programme lists none")
    } else {
        format!(
            "no donor or fund “{name}”; the programme has {}",
            names.join(", ")
        )
    })
}

/// Why `--from`, `--to`, `--meeting` or `--paper` does not fit `format`, naming what the
/// format uses.
fn unused_options(
    format: crate::exchange::export::Format,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    meeting: Option<u32>,
    paper: bool,
) -> Option<String> {
    use crate::exchange::export::Format;
    let period = format.covers_period();
    let has_meeting = format.is_of_meeting();
    let mut takes = Vec::new();
    if period {
        takes.push("--from and --to");
    }
    if has_meeting {
        takes.push("--meeting");
    }
    if format.is_pdf() {
        takes.push("--paper");
    }
    let uses = if takes.is_empty() {
        "it takes only FILE and -o".to_string()
    } else {
        format!("it takes {}", takes.join(" and "))
    };
    let given = match (from.is_some(), to.is_some()) {
        _ if period => None,
        (true, true) => Some("--from and --to"),
        (true, false) => Some("--from"),
        (false, true) => Some("--to"),
        (false, false) => None,
    };
    if let Some(given) = given {
        return Some(format!(
            "--format {} covers no period, so {given} cannot be used ({uses}); only {} take a \
             period",
            format.name(),
            formats_that(Format::covers_period)
        ));
    }
    if meeting.is_some() && !has_meeting {
        return Some(format!(
            "--format {} is not about one meeting, so --meeting cannot be used ({uses}); only {} \
             take a meeting",
            format.name(),
            formats_that(Format::is_of_meeting)
        ));
    }
    if paper && !format.is_pdf() {
        return Some(format!(
            "--format {} is not a PDF, so --paper cannot be used ({uses}); only {} take a paper \
             size",
            format.name(),
            formats_that(Format::is_pdf)
        ));
    }
    None
}

/// A failed write as the command line says it: the file, why, and what to do; nothing of an
/// open window (the window's own wording is `SaveError`'s `Display`).
fn save_problem(error: &crate::io::SaveError) -> String {
    use crate::io::save::SaveStep;
    use std::io::ErrorKind::*;
    let path = error.path.display();
    let folder = error
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."))
        .display();
    let (reason, todo) = match error.source.kind() {
        _ if error.step == SaveStep::Check => (error.source.to_string(), "fix that and try again"),
        PermissionDenied => (
            format!("you do not have permission to write in the folder {folder}"),
            "choose a folder you may write in",
        ),
        ReadOnlyFilesystem => (
            format!("the folder {folder} is on a read-only disk or share"),
            "choose another folder",
        ),
        StorageFull | QuotaExceeded | FileTooLarge => (
            "the disk is full (or your quota is used up)".into(),
            "free some space, or choose another disk",
        ),
        NotFound => (
            format!("the folder {folder} does not exist"),
            "create it, or choose another folder",
        ),
        IsADirectory => (
            "it is a folder, not a file".into(),
            "give the name of a file, such as one inside that folder",
        ),
        _ => {
            let step = match error.step {
                SaveStep::Check => "checking the project",
                SaveStep::CreateTemporary => "creating a temporary file beside it",
                SaveStep::Write => "writing",
                SaveStep::Flush => "flushing to disk",
                SaveStep::Rename => "replacing the file",
            };
            (
                format!("{step} failed: {}", error.source),
                "try again, or choose another place",
            )
        }
    };
    format!("Could not write {path}: {reason}. Nothing was written; {todo}.")
}

/// Locks `path` for this process as the window does before it writes. Refuses (with who has
/// it open and since when, then `not_done`) when someone else has it open for editing, unless
/// `force`. `None` when it is written without a lock: forced, a stale lock, or a folder where
/// no lock can be made (the write then says why it fails).
fn lock_for_writing(
    path: &std::path::Path,
    force: bool,
    not_done: &str,
) -> Result<Option<crate::session::lock::Lock>, String> {
    use crate::session::lock::{self, Acquired};
    match lock::acquire(path, &lock::Holder::me()) {
        Ok(Acquired::Locked(lock)) => Ok(Some(lock)),
        Ok(Acquired::HeldBy(found)) if found.stale.is_none() && !force => Err(format!(
            "{} {not_done}: close it there first, or pass --force to write it anyway.",
            found.describe(path)
        )),
        Ok(Acquired::HeldBy(_)) | Err(_) => Ok(None),
    }
}

/// `--format` of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormatArg {
    /// One line per finding: FILE: severity [kind, possible]: “title” (id N) message.
    Text,
    /// {"findings": [{kind, severity, certainty, file, activity, other, jurisdiction, days,
    /// message}]}, as the README describes it.
    Json,
}

/// `--fail-on` of `check`: a severity of `plan::checks`.
#[derive(Clone, Copy, Debug)]
pub struct SeverityArg(crate::plan::checks::Severity);

impl clap::ValueEnum for SeverityArg {
    fn value_variants<'a>() -> &'a [Self] {
        use crate::plan::checks::Severity;
        &[
            SeverityArg(Severity::Error),
            SeverityArg(Severity::Warning),
            SeverityArg(Severity::Note),
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        use crate::plan::checks::Severity;
        let help = match self.0 {
            Severity::Error => "errors only (dates outside the programme, clashes)",
            Severity::Warning => "errors and warnings (missing dates, places, objectives...)",
            Severity::Note => "any finding at all",
        };
        Some(clap::builder::PossibleValue::new(self.0.code()).help(help))
    }
}

/// `--encoding` of `import`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum EncodingArg {
    #[value(name = "utf-8")]
    Utf8,
    /// Either byte order, told by the byte-order mark (little-endian without one).
    #[value(name = "utf-16")]
    Utf16,
    #[value(name = "windows-1252")]
    Windows1252,
}

/// `--date-order` of `import`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum DateOrderArg {
    #[value(name = "DMY", alias = "dmy")]
    Dmy,
    #[value(name = "MDY", alias = "mdy")]
    Mdy,
}

/// `--delimiter` of `import`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum DelimiterArg {
    Comma,
    Semicolon,
    Tab,
}

/// What `import` may do beyond checking.
#[derive(Clone, Copy, Debug)]
struct ImportHow {
    add_unknown: bool,
    import_valid: bool,
    force: bool,
}

fn import(
    project_path: &std::path::Path,
    input: &std::path::Path,
    options: &crate::exchange::import::ImportOptions,
    how: ImportHow,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    use crate::exchange::import::{self, NameChoice};
    let mut project = match crate::io::load(project_path) {
        Ok(project) => project,
        Err(error) => {
            for line in error.lines() {
                let _ = writeln!(err, "{line}");
            }
            return ExitCode::FAILURE;
        }
    };
    let file = input.display().to_string();
    let bytes = match std::fs::read(input) {
        Ok(bytes) => bytes,
        Err(error) => {
            let _ = writeln!(err, "{file}: {}", crate::io::describe_io_error(&error));
            return ExitCode::FAILURE;
        }
    };
    let table = match import::FileKind::of(input)
        .and_then(|kind| import::read_table(kind, &bytes, options))
    {
        Ok(table) => table,
        Err(error) => {
            let _ = writeln!(err, "{file}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let _ = writeln!(out, "{file}: {}", table.read_as);
    let default = if how.add_unknown {
        NameChoice::Add
    } else {
        NameChoice::Leave
    };
    let checked = match import::check_with_choices(&project, &table, options, &[], default) {
        Ok(checked) => checked,
        Err(error) => {
            let _ = writeln!(err, "{file}: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(added) = &checked.programme {
        for line in added_lines(&project.programme, added) {
            let _ = writeln!(out, "{line}");
        }
    }
    let (result, programme, next_id) = (checked.import, checked.programme, checked.next_id);
    for e in &result.errors {
        let _ = writeln!(err, "{}", e.located(&file));
    }
    if !result.unknown.is_empty() {
        let _ = writeln!(
            err,
            "names the programme does not have (pass --add-unknown to add them, or add them or an alias in the Programme view):"
        );
        for u in &result.unknown {
            let rows: Vec<String> = u.rows.iter().map(|r| r.to_string()).collect();
            let _ = writeln!(
                err,
                "  {} “{}”: row{} {}",
                u.kind.label(),
                u.name,
                if rows.len() == 1 { "" } else { "s" },
                rows.join(", ")
            );
        }
    }
    if !result.ignored_columns.is_empty() {
        let _ = writeln!(
            out,
            "{file}: columns left out (not Workplan fields; name one with --map COLUMN=FIELD): {}",
            result.ignored_columns.join(", ")
        );
    }
    if !result.errors.is_empty() && !how.import_valid {
        let valid = match result.activities.len() {
            0 => String::new(),
            n => format!(", or pass --import-valid to import the {n} valid row(s)"),
        };
        let _ = writeln!(
            err,
            "{} row(s) refused; nothing was imported. Fix them{valid}.",
            result.refused
        );
        return ExitCode::FAILURE;
    }
    let command = import::apply_command(&project, programme.as_ref(), &result);
    let summary = format!(
        "{} new, {} updated, {} unchanged",
        result.added(),
        result.updated,
        result.unchanged
    );
    if command == crate::edit::commands::Command::Batch(Vec::new()) {
        let _ = writeln!(
            out,
            "{} changes nothing ({summary}); {} was not written",
            file,
            project_path.display()
        );
        return ExitCode::SUCCESS;
    }
    // The project is written as the window writes it: not while someone has it open for
    // editing, and under our own lock, so no window opens it half-way.
    let _lock = match lock_for_writing(project_path, how.force, "Nothing was imported") {
        Ok(lock) => lock,
        Err(refusal) => {
            let _ = writeln!(err, "{refusal}");
            return ExitCode::FAILURE;
        }
    };
    project.next_id = next_id;
    if let Err(error) = command.apply(&mut project) {
        let _ = writeln!(err, "{file}: {error}");
        return ExitCode::FAILURE;
    }
    if let Err(error) = crate::io::save(&project, project_path) {
        let _ = writeln!(err, "{}", save_problem(&error));
        return ExitCode::FAILURE;
    }
    let _ = writeln!(
        out,
        "imported {} row(s) into {}: {summary}",
        result.activities.len(),
        project_path.display(),
    );
    // The user asked for the valid rows; the refused ones were listed above.
    ExitCode::SUCCESS
}

/// "added partner “United Nations Development Programme (UNDP)”" for each entity `after` has
/// that `before` has not, and "“X” is now also written “Y”" for each alias added.
fn added_lines(before: &crate::model::Programme, after: &crate::model::Programme) -> Vec<String> {
    let mut lines = Vec::new();
    let mut note = |kind: &str, name: String, aliases: &[String], old: Option<&[String]>| {
        let new_aliases: Vec<String> = aliases
            .iter()
            .filter(|a| !old.is_some_and(|o| o.contains(a)))
            .map(|a| format!("“{a}”"))
            .collect();
        let also = if new_aliases.is_empty() {
            String::new()
        } else {
            format!(" (also written {})", new_aliases.join(", "))
        };
        match old {
            None => lines.push(format!("added {kind} “{name}”{also}")),
            Some(_) if !new_aliases.is_empty() => {
                lines.push(format!("{kind} “{name}”{also}"));
            }
            Some(_) => {}
        }
    };
    for j in &after.jurisdictions {
        let old = before.jurisdictions.iter().find(|o| o.id == j.id);
        note(
            "beneficiary jurisdiction",
            j.name.clone(),
            &j.aliases,
            old.map(|o| o.aliases.as_slice()),
        );
    }
    for (kind, list, old_list) in [
        ("partner", &after.partners, &before.partners),
        ("donor or fund", &after.donors, &before.donors),
    ] {
        for o in list {
            let old = old_list.iter().find(|b| b.id == o.id);
            note(
                kind,
                o.display_name(),
                &o.aliases,
                old.map(|b| b.aliases.as_slice()),
            );
        }
    }
    lines
}

fn export(
    format: crate::exchange::export::Format,
    file: &std::path::Path,
    output: &std::path::Path,
    (mut period, baseline, donor): (crate::exchange::export::Scope, Option<&str>, Option<&str>),
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let canonical =
        |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    if canonical(file) == canonical(output) {
        let _ = writeln!(
            err,
            "{}: this is the project file itself; the export would replace it. Choose another output.",
            output.display()
        );
        return ExitCode::FAILURE;
    }
    if is_portfolio_file(file) {
        return export_portfolio(format, file, output, (period, baseline, donor), out, err);
    }
    let project = match crate::io::load(file) {
        Ok(project) => project,
        Err(error) => {
            for line in error.lines() {
                let _ = writeln!(err, "{line}");
            }
            return ExitCode::FAILURE;
        }
    };
    if let Some(name) = baseline {
        match baseline_named(&project, name) {
            Ok(id) => period.baseline = Some(id),
            Err(problem) => {
                let _ = writeln!(err, "{}: {problem}", file.display());
                return unusable();
            }
        }
    }
    if let Some(name) = donor {
        match donor_named(&project, name) {
            Ok(id) => period.donor = Some(id),
            Err(problem) => {
                let _ = writeln!(err, "{}: {problem}", file.display());
                return unusable();
            }
        }
    }
    // The period, with the programme's start and end where --from or --to is not given.
    let from = period.from.unwrap_or(project.programme.start);
    let to = period.to.unwrap_or(project.programme.end);
    if to < from {
        let _ = writeln!(
            err,
            "the period {from} to {to} ends before it starts; check --from and --to"
        );
        return unusable();
    }
    match crate::exchange::export::write(&project, format, period, output) {
        Ok(files) => {
            for file in files {
                let _ = writeln!(out, "wrote {} ({})", file.display(), format.label());
            }
            ExitCode::SUCCESS
        }
        Err(crate::exchange::export::ExportError::Save(error)) => {
            let _ = writeln!(err, "{}", save_problem(&error));
            ExitCode::FAILURE
        }
        Err(error) => {
            let _ = writeln!(err, "{}: {error}", output.display());
            ExitCode::FAILURE
        }
    }
}

/// `workplan export` of a portfolio file: the members that read, together; each one that
/// does not is named on stderr as `validate` names it and left out, the document still
/// written and the exit code 1 so that a script sees it is not the whole portfolio.
fn export_portfolio(
    format: crate::exchange::export::Format,
    file: &std::path::Path,
    output: &std::path::Path,
    (scope, baseline, donor): (crate::exchange::export::Scope, Option<&str>, Option<&str>),
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    use crate::exchange::export::{self, Format};
    if !format.covers_portfolio() {
        let _ = writeln!(
            err,
            "{}: this is a portfolio file, and --format {} is made from one project; a \
             portfolio gives only {}. Export a member's own file for {}.",
            file.display(),
            format.name(),
            formats_that(Format::covers_portfolio),
            format.name()
        );
        return unusable();
    }
    for (option, given) in [("--baseline", baseline), ("--donor", donor)] {
        if given.is_some() {
            let _ = writeln!(
                err,
                "{}: this is a portfolio file, so {option} cannot be used: each member keeps \
                 its own baselines and donors. Export the member's own file with {option}.",
                file.display()
            );
            return unusable();
        }
    }
    let portfolio = match crate::io::portfolio::load_portfolio(file) {
        Ok(portfolio) => portfolio,
        Err(error) => {
            for line in error.lines() {
                let _ = writeln!(err, "{line}");
            }
            return ExitCode::FAILURE;
        }
    };
    if portfolio.members.is_empty() {
        let _ = writeln!(
            err,
            "{}: the portfolio has no members yet; nothing was written.",
            file.display()
        );
        return ExitCode::FAILURE;
    }
    let canonical =
        |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let mut loaded = Vec::new();
    let mut left_out = Vec::new();
    for member in &portfolio.members {
        let path = crate::io::portfolio::member_file(file, &member.path);
        if canonical(&path) == canonical(output) {
            let _ = writeln!(
                err,
                "{}: this is the file of the portfolio's member “{}”; the export would replace \
                 it. Choose another output.",
                output.display(),
                member.name
            );
            return ExitCode::FAILURE;
        }
        match crate::io::load(&path) {
            Ok(project) => loaded.push((member, project)),
            Err(error) => {
                for line in error.lines() {
                    let _ = writeln!(err, "{line}");
                }
                left_out.push(format!("{} ({})", member.name, member.path));
            }
        }
    }
    if loaded.is_empty() {
        let _ = writeln!(
            err,
            "{}: no member of the portfolio could be read; nothing was written.",
            file.display()
        );
        return ExitCode::FAILURE;
    }
    let members: Vec<crate::plan::portfolio_checks::Member> = loaded
        .iter()
        .map(|(m, project)| crate::plan::portfolio_checks::Member {
            path: &m.path,
            name: &m.name,
            project,
        })
        .collect();
    if let (Some(from), Some(to)) = (scope.from, scope.to)
        && to < from
    {
        let _ = writeln!(
            err,
            "the period {from} to {to} ends before it starts; check --from and --to"
        );
        return unusable();
    }
    let title = if portfolio.name.trim().is_empty() {
        file.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        portfolio.name.clone()
    };
    let colours: Vec<&str> = loaded.iter().map(|(m, _)| m.colour.as_str()).collect();
    let document = export::PortfolioDoc {
        title: &title,
        members: &members,
        colours: &colours,
        left_out: &left_out,
    };
    let written = export::write_portfolio(document, format, scope, output)
        .expect("the format was checked to cover a portfolio");
    match written {
        Ok(path) => {
            let _ = writeln!(
                out,
                "wrote {} ({} of {})",
                path.display(),
                format.label(),
                crate::plan::count(members.len(), "programme")
            );
            if left_out.is_empty() {
                ExitCode::SUCCESS
            } else {
                let _ = writeln!(
                    err,
                    "{}: not in the export, as {} could not be read: {}",
                    file.display(),
                    if left_out.len() == 1 {
                        "its file"
                    } else {
                        "their files"
                    },
                    left_out.join(", ")
                );
                ExitCode::FAILURE
            }
        }
        Err(crate::exchange::export::ExportError::Save(error)) => {
            let _ = writeln!(err, "{}", save_problem(&error));
            ExitCode::FAILURE
        }
        Err(error) => {
            let _ = writeln!(err, "{}: {error}", output.display());
            ExitCode::FAILURE
        }
    }
}

/// What `merge` may do beyond merging, and how it names the project.
#[derive(Clone, Copy, Debug)]
struct MergeHow<'a> {
    /// The project as the user knows it (git's %P), when OUT is a temporary file.
    name: Option<&'a str>,
    force: bool,
}

fn merge(
    inputs: [&std::path::Path; 3],
    output: &std::path::Path,
    how: MergeHow,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    // Exit 2 whenever nothing was written, as git expects of a merge driver that failed
    // (1 is kept for "merged, with conflicts").
    let mut versions = Vec::new();
    let mut failed = false;
    for path in inputs {
        match crate::io::load(path) {
            Ok(project) => versions.push(project),
            Err(error) => {
                failed = true;
                for line in error.lines() {
                    let _ = writeln!(err, "{line}");
                }
            }
        }
    }
    if failed {
        return unusable();
    }
    let merged = crate::edit::merge::merge(&versions[0], &versions[1], &versions[2]);
    let _lock = match lock_for_writing(output, how.force, "Nothing was merged") {
        Ok(lock) => lock,
        Err(refusal) => {
            let _ = writeln!(err, "{refusal}");
            return unusable();
        }
    };
    if let Err(error) = crate::io::save(&merged.project, output) {
        let _ = writeln!(err, "{}", save_problem(&error));
        return unusable();
    }
    // As a git driver OUT is git's temporary file: the project is named as --name gives it.
    let merged_into = match how.name {
        Some(name) => format!("merged {name}"),
        None => format!("merged into {}", output.display()),
    };
    if merged.conflicts.is_empty() {
        let _ = writeln!(out, "{merged_into}");
        return ExitCode::SUCCESS;
    }
    let prefix = how.name.map(|n| format!("{n}: ")).unwrap_or_default();
    for conflict in &merged.conflicts {
        let _ = writeln!(err, "{prefix}conflict: {conflict}");
    }
    // Without --name, OUT is not named: as a git driver it is a temporary file.
    let _ = writeln!(
        err,
        "{prefix}{}; the merged file holds ours' side of each, and everything else merged",
        crate::plan::count(merged.conflicts.len(), "conflict")
    );
    ExitCode::FAILURE
}

/// An export format as the command line names it: the export module knows nothing of clap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatArg(pub crate::exchange::export::Format);

/// A paper size as `--paper` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaperArg(pub crate::exchange::export::pdf::Paper);

impl clap::ValueEnum for PaperArg {
    fn value_variants<'a>() -> &'a [Self] {
        use crate::exchange::export::pdf::Paper;
        const ALL: [PaperArg; 3] = [
            PaperArg(Paper::A4),
            PaperArg(Paper::A3),
            PaperArg(Paper::Letter),
        ];
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name()))
    }
}

impl clap::ValueEnum for FormatArg {
    fn value_variants<'a>() -> &'a [Self] {
        use crate::exchange::export::Format;
        // In the order the help lists them.
        const ALL: [FormatArg; 27] = [
            FormatArg(Format::LogframeHtml),
            FormatArg(Format::LogframeCsv),
            FormatArg(Format::LogframePdf),
            FormatArg(Format::Ics),
            FormatArg(Format::Csv),
            FormatArg(Format::Xlsx),
            FormatArg(Format::ReportHtml),
            FormatArg(Format::ReportPdf),
            FormatArg(Format::TimelineSvg),
            FormatArg(Format::TimelinePdf),
            FormatArg(Format::AgendaHtml),
            FormatArg(Format::AgendaMd),
            FormatArg(Format::AgendaPdf),
            FormatArg(Format::AgendaPackPdf),
            FormatArg(Format::MinutesHtml),
            FormatArg(Format::MinutesPdf),
            FormatArg(Format::StoriesMd),
            FormatArg(Format::StoriesHtml),
            FormatArg(Format::DonorHtml),
            FormatArg(Format::DonorPdf),
            FormatArg(Format::DonorXlsx),
            FormatArg(Format::ResultsCsv),
            FormatArg(Format::ResultsHtml),
            FormatArg(Format::ResultsPdf),
            FormatArg(Format::Json),
            FormatArg(Format::Mspdi),
            FormatArg(Format::Iati),
        ];
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        // The --meeting help says once which formats take a meeting.
        let help = self.0.description().trim_end_matches(" (needs --meeting)");
        Some(clap::builder::PossibleValue::new(self.0.name()).help(help))
    }
}

fn validate(files: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let mut all_ok = true;
    for file in files {
        match crate::io::load(file) {
            Ok(project) => {
                let _ = writeln!(
                    out,
                    "{}: ok ({}, {}, {})",
                    file.display(),
                    crate::plan::count(project.objectives.len(), "objective"),
                    crate::plan::count(project.activities.len(), "activity"),
                    crate::plan::count(project.committee.meetings.len(), "meeting")
                );
            }
            Err(error) => {
                all_ok = false;
                for line in error.lines() {
                    let _ = writeln!(err, "{line}");
                }
            }
        }
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `workplan check`: every file's findings (not those it accepts), then the exit code.
fn check(
    files: &[PathBuf],
    format: CheckFormatArg,
    fail_on: crate::plan::checks::Severity,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    use crate::plan::checks::Certainty;
    use crate::plan::portfolio_checks as cross;
    let mut unreadable = false;
    let mut failing = false;
    let mut listed = Vec::new();
    let mut report = |error: crate::io::LoadError| {
        for line in error.lines() {
            let _ = writeln!(err, "{line}");
        }
    };
    // Each file argument, a portfolio's members in its place: (file, member path, name).
    let mut wanted: Vec<(PathBuf, String, String)> = Vec::new();
    let mut marks = Vec::new();
    for file in files {
        if is_portfolio_file(file) {
            match crate::io::portfolio::load_portfolio(file) {
                Ok(portfolio) => {
                    for m in portfolio.members {
                        let path = crate::io::portfolio::member_file(file, &m.path);
                        wanted.push((path, m.path, m.name));
                    }
                    marks.extend(portfolio.not_duplicates);
                }
                Err(error) => {
                    unreadable = true;
                    report(error);
                }
            }
        } else {
            let name = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            wanted.push((file.clone(), file.display().to_string(), name));
        }
    }
    // The members that read; one that does not is reported and the rest still checked.
    let mut loaded = Vec::new();
    for (file, path, name) in wanted {
        match crate::io::load(&file) {
            Ok(project) => loaded.push((file.display().to_string(), path, name, project)),
            Err(error) => {
                unreadable = true;
                report(error);
            }
        }
    }
    for (name, _, _, project) in &loaded {
        let found = crate::plan::checks::run(project);
        let accepted = crate::plan::checks::acceptances(&found, &project.accepted_checks);
        let title = |id: crate::model::Id| {
            project
                .activity(id)
                .map(|a| a.title.clone())
                .unwrap_or_default()
        };
        for (f, accepted) in found.into_iter().zip(accepted) {
            if accepted.is_some() {
                continue;
            }
            failing |= f.severity() <= fail_on;
            match format {
                CheckFormatArg::Text => {
                    let possible = match f.certainty {
                        Certainty::Certain => "",
                        Certainty::Possible => ", possible",
                    };
                    let _ = writeln!(
                        out,
                        "{name}: {} [{}{possible}]: “{}” (id {}) {}",
                        f.severity().code(),
                        f.kind.code(),
                        title(f.activity),
                        f.activity.0,
                        f.message
                    );
                }
                CheckFormatArg::Json => {
                    let mut item = serde_json::json!({
                        "kind": f.kind.code(),
                        "severity": f.severity().code(),
                        "certainty": f.certainty.code(),
                        "file": name,
                        "activity": {"id": f.activity.0, "title": title(f.activity)},
                        "jurisdiction": f.jurisdiction,
                        "days": f.days.map(|(first, last)| [first.to_string(), last.to_string()]),
                        "message": f.message,
                    });
                    if let Some(other) = f.other {
                        item["other"] =
                            serde_json::json!({"file": name, "id": other.0, "title": title(other)});
                    }
                    listed.push(item);
                }
            }
        }
    }
    // Across the files, when there are several.
    let members: Vec<cross::Member> = loaded
        .iter()
        .map(|(_, path, name, project)| cross::Member {
            path,
            name,
            project,
        })
        .collect();
    let found = if members.len() > 1 {
        cross::run(&members, &marks)
    } else {
        cross::Findings::default()
    };
    for f in &found.iter(&members).collect::<Vec<_>>() {
        failing |= f.kind.severity() <= fail_on;
        let file = |index: usize| loaded[index].0.as_str();
        let title = |index: usize, at: &crate::model::portfolio::MemberActivity| {
            cross::activity(&members, index, at).map_or(String::new(), |a| a.title.clone())
        };
        let message = cross::describe(&members, f);
        match format {
            CheckFormatArg::Text => {
                let possible = match f.certainty {
                    Certainty::Possible if f.kind != cross::CrossKind::Duplicate => ", possible",
                    _ => "",
                };
                let _ = writeln!(
                    out,
                    "{}: {} [{}{possible}]: {} “{}” (id {}) {message} ({})",
                    file(f.first_member),
                    f.kind.severity().code(),
                    f.kind.code(),
                    members[f.first_member].name,
                    title(f.first_member, &f.first),
                    f.first.activity.0,
                    file(f.second_member),
                );
            }
            CheckFormatArg::Json => {
                let mut item = serde_json::json!({
                    "kind": f.kind.code(),
                    "severity": f.kind.severity().code(),
                    "certainty": f.certainty.code(),
                    "file": file(f.first_member),
                    "programme": members[f.first_member].name,
                    "activity": {"id": f.first.activity.0, "title": title(f.first_member, &f.first)},
                    "other": {
                        "file": file(f.second_member),
                        "programme": members[f.second_member].name,
                        "id": f.second.activity.0,
                        "title": title(f.second_member, &f.second),
                    },
                    "days": f.days.map(|(first, last)| [first.to_string(), last.to_string()]),
                    "message": message,
                });
                let subject = match f.kind {
                    cross::CrossKind::Clash | cross::CrossKind::Duplicate => "jurisdiction",
                    cross::CrossKind::Officer => "person",
                    cross::CrossKind::Partner => "partner",
                };
                item[subject] = f.subject.clone().into();
                if f.kind == cross::CrossKind::Duplicate {
                    item["score"] = serde_json::json!(f.score);
                    item["reasons"] = serde_json::json!(f.reasons);
                }
                listed.push(item);
            }
        }
    }
    if format == CheckFormatArg::Json {
        let document = serde_json::json!({ "findings": listed });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&document).unwrap_or_default()
        );
    }
    if unreadable {
        unusable()
    } else if failing {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A portfolio file: named `.wpf`, or any file whose text names `portfolio_version` where it
/// begins (its first field; a project's notes that mention the word further on do not count).
fn is_portfolio_file(file: &std::path::Path) -> bool {
    file.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("wpf"))
        || std::fs::File::open(file).is_ok_and(|f| {
            use std::io::Read;
            let mut start = Vec::with_capacity(256);
            let _ = f.take(256).read_to_end(&mut start);
            start
                .windows(b"portfolio_version".len())
                .any(|w| w == b"portfolio_version")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_date_is_yyyy_mm_dd_and_says_why_it_is_not_a_date() {
        assert_eq!(
            iso_date("2010-06-17"),
            Ok(chrono::NaiveDate::from_ymd_opt(2010, 6, 17).unwrap())
        );
        assert_eq!(
            iso_date("2012-02-29"),
            Ok(chrono::NaiveDate::from_ymd_opt(2012, 2, 29).unwrap())
        );
        assert!(
            iso_date("2010-13-01")
                .unwrap_err()
                .contains("month 13 does not exist")
        );
        assert!(
            iso_date("2010-00-01")
                .unwrap_err()
                .contains("month 0 does not exist")
        );
        assert!(
            iso_date("2010-04-31")
                .unwrap_err()
                .contains("April 2010 has 30 days")
        );
        assert!(
            iso_date("2010-04-00")
                .unwrap_err()
                .contains("day 0 does not exist")
        );
        for text in ["17/06/2010", "2010-6-17", "10-06-17", "2010-06-17x", ""] {
            assert!(iso_date(text).unwrap_err().contains("YYYY-MM-DD"), "{text}");
        }
    }

    #[test]
    fn each_format_takes_only_the_options_it_uses() {
        use crate::exchange::export::Format;
        let day = chrono::NaiveDate::from_ymd_opt(2010, 1, 1);
        for format in Format::ALL {
            let period = ["report", "timeline", "stories", "donor"]
                .iter()
                .any(|p| format.name().starts_with(p));
            let meeting =
                format.name().starts_with("agenda") || format.name().starts_with("minutes");
            let pdf = format.name().ends_with("-pdf");
            assert_eq!(unused_options(format, None, None, None, false), None);
            assert_eq!(
                unused_options(format, day, day, None, false).is_none(),
                period,
                "{format:?}"
            );
            assert_eq!(
                unused_options(format, None, None, Some(1), false).is_none(),
                meeting,
                "{format:?}"
            );
            assert_eq!(
                unused_options(format, None, None, None, true).is_none(),
                pdf,
                "{format:?}"
            );
        }
    }

    #[test]
    fn a_failed_write_names_the_file_and_what_to_do_without_window_words() {
        use crate::io::save::{SaveError, SaveStep};
        use std::io::{Error, ErrorKind};
        for (kind, says) in [
            (ErrorKind::NotFound, "the folder out does not exist"),
            (
                ErrorKind::PermissionDenied,
                "permission to write in the folder out",
            ),
            (ErrorKind::IsADirectory, "it is a folder, not a file"),
            (ErrorKind::StorageFull, "the disk is full"),
        ] {
            let error = SaveError {
                path: PathBuf::from("out/plan.csv"),
                step: SaveStep::CreateTemporary,
                source: Error::from(kind),
            };
            let text = save_problem(&error);
            assert!(text.starts_with("Could not write out/plan.csv: "), "{text}");
            assert!(text.contains(says), "{text}");
            assert!(text.contains("Nothing was written; "), "{text}");
            assert!(!text.contains("still open"), "{text}");
        }
    }

    #[test]
    fn the_command_line_offers_every_export_format_once() {
        use clap::ValueEnum;
        let mut offered: Vec<_> = FormatArg::value_variants().iter().map(|f| f.0).collect();
        let mut all = crate::exchange::export::Format::ALL.to_vec();
        let key = |f: &crate::exchange::export::Format| f.name();
        offered.sort_by_key(key);
        all.sort_by_key(key);
        assert_eq!(offered, all);
    }
}
