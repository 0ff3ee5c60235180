//! Command-line subcommands: they run without opening a window.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::exchange::text_file::{Delimiter, EncodingChoice};

#[derive(Debug, Parser)]
#[command(
    name = "workplan",
    version,
    about = "Plan a regional programme: objectives, activities, calendar and steering committee.",
    long_about = "Plan a regional programme: objectives, activities, calendar and steering committee.\n\n\
                  With no subcommand, opens the Workplan window (with FILE, if given).",
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
    Validate {
        /// Project files (.ron) to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Write a large, realistic project for trials and benchmarks (the same arguments always
    /// give the same file).
    Generate {
        #[arg(long, default_value_t = 1000)]
        activities: usize,
        #[arg(long, default_value_t = 200)]
        objectives: usize,
        #[arg(long, default_value_t = 6)]
        meetings: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
    },
    /// Check a sheet of activities (CSV, .xlsx or .ods; see docs/csv.md) against a project and,
    /// when every row is sound or --import-valid is given, import it into the project file.
    ///
    /// Rows with an id update that activity; rows without one are added. Bad rows are listed
    /// as FILE:ROW:COLUMN: reason, every bad cell of every row, and names the programme does
    /// not have are listed by kind with the rows using them. Nothing is written unless the
    /// import goes ahead and changes something.
    #[command(alias = "import-csv")]
    Import {
        /// The project file (.ron) to import into.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// The file to import: .csv (or .txt, .tsv), .xlsx or .ods, told by its extension.
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
    /// written, with ours' side of each conflict, so that it opens), 2 when an input cannot
    /// be read.
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
    },
    /// Write a document made from a project (e.g. the logframe matrix for print).
    Export {
        /// What to write.
        #[arg(long, value_enum)]
        format: FormatArg,
        /// The project file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Where to write the document (a timeline of several pages also writes OUT-2, OUT-3, ...).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// First day of the period for report-html and timeline-svg (default: programme start).
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<chrono::NaiveDate>,
        /// Last day of the period for report-html and timeline-svg (default: programme end).
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<chrono::NaiveDate>,
        /// The meeting (by number) for agenda-html, agenda-md and minutes-html (default: the latest).
        #[arg(long, value_name = "N")]
        meeting: Option<u32>,
    },
}

/// Runs a subcommand, writing results to `out` and problems to `err`.
pub fn run(command: CliCommand, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    match command {
        CliCommand::Validate { files } => validate(&files, out, err),
        CliCommand::Export {
            format,
            file,
            output,
            from,
            to,
            meeting,
        } => export(
            format.0,
            &file,
            &output,
            crate::exchange::export::Scope {
                from,
                to,
                pillar: None,
                meeting,
            },
            out,
            err,
        ),
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
                        return ExitCode::FAILURE;
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
        } => merge(&base, &ours, &theirs, &output, out, err),
        CliCommand::Generate {
            activities,
            objectives,
            meetings,
            seed,
            output,
        } => {
            let project = crate::plan::generate::project(activities, objectives, meetings, seed);
            match crate::io::save(&project, &output) {
                Ok(()) => {
                    let _ = writeln!(out, "wrote {}", output.display());
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    let _ = writeln!(err, "{error}");
                    ExitCode::FAILURE
                }
            }
        }
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
    use crate::session::lock::{self, Acquired};
    let _lock = match lock::acquire(project_path, &lock::Holder::me()) {
        Ok(Acquired::Locked(lock)) => Some(lock),
        Ok(Acquired::HeldBy(found)) if found.stale.is_none() && !how.force => {
            let _ = writeln!(
                err,
                "{} Nothing was imported: close it there first, or pass --force to write it anyway.",
                found.describe(project_path)
            );
            return ExitCode::FAILURE;
        }
        Ok(Acquired::HeldBy(_)) | Err(_) => None,
    };
    project.next_id = next_id;
    if let Err(error) = command.apply(&mut project) {
        let _ = writeln!(err, "{file}: {error}");
        return ExitCode::FAILURE;
    }
    if let Err(error) = crate::io::save(&project, project_path) {
        let _ = writeln!(err, "{error}");
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
    period: crate::exchange::export::Scope,
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
    let project = match crate::io::load(file) {
        Ok(project) => project,
        Err(error) => {
            for line in error.lines() {
                let _ = writeln!(err, "{line}");
            }
            return ExitCode::FAILURE;
        }
    };
    // The period, with the programme's start and end where --from or --to is not given.
    let from = period.from.unwrap_or(project.programme.start);
    let to = period.to.unwrap_or(project.programme.end);
    if to < from {
        let _ = writeln!(
            err,
            "the period {from} to {to} ends before it starts; check --from and --to"
        );
        return ExitCode::FAILURE;
    }
    match crate::exchange::export::write(&project, format, period, output) {
        Ok(files) => {
            for file in files {
                let _ = writeln!(out, "wrote {} ({})", file.display(), format.label());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = writeln!(err, "{error}");
            ExitCode::FAILURE
        }
    }
}

fn merge(
    base: &std::path::Path,
    ours: &std::path::Path,
    theirs: &std::path::Path,
    output: &std::path::Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    // Exit 2 for input that cannot be read, as git expects of a merge driver that failed
    // (1 is kept for "merged, with conflicts").
    let unreadable = ExitCode::from(2);
    let mut versions = Vec::new();
    let mut failed = false;
    for path in [base, ours, theirs] {
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
        return unreadable;
    }
    let merged = crate::edit::merge::merge(&versions[0], &versions[1], &versions[2]);
    if let Err(error) = crate::io::save(&merged.project, output) {
        let _ = writeln!(err, "{error}");
        return unreadable;
    }
    if merged.conflicts.is_empty() {
        let _ = writeln!(out, "merged into {}", output.display());
        return ExitCode::SUCCESS;
    }
    for conflict in &merged.conflicts {
        let _ = writeln!(err, "conflict: {conflict}");
    }
    // Not naming OUT: as a git driver it is a temporary file; git names the real one.
    let _ = writeln!(
        err,
        "{}; the merged file holds ours' side of each, and everything else merged",
        crate::plan::count(merged.conflicts.len(), "conflict")
    );
    ExitCode::FAILURE
}

/// An export format as the command line names it: the export module knows nothing of clap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatArg(pub crate::exchange::export::Format);

impl clap::ValueEnum for FormatArg {
    fn value_variants<'a>() -> &'a [Self] {
        use crate::exchange::export::Format;
        // In the order the help lists them.
        const ALL: [FormatArg; 11] = [
            FormatArg(Format::LogframeHtml),
            FormatArg(Format::LogframeCsv),
            FormatArg(Format::Ics),
            FormatArg(Format::Csv),
            FormatArg(Format::Xlsx),
            FormatArg(Format::ReportHtml),
            FormatArg(Format::TimelineSvg),
            FormatArg(Format::AgendaHtml),
            FormatArg(Format::AgendaMd),
            FormatArg(Format::MinutesHtml),
            FormatArg(Format::Json),
        ];
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name()).help(self.0.description()))
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

#[cfg(test)]
mod tests {
    use super::*;

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
