//! PDF exports written by the real binary and read back by poppler (`pdftotext`, `pdffonts`,
//! `pdfinfo`), not by the code that wrote them.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The output of a poppler tool, failing with an install hint when poppler is missing.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let mut command = Command::new(tool);
    command.args(args).arg(pdf);
    if tool == "pdftotext" {
        // To standard output.
        command.arg("-");
    }
    let output = command.output();
    let output = match output {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "{tool} is missing: the PDF tests read exports back with poppler; install it with \
             `apt-get install poppler-utils` (.ci/run does)"
        ),
        Err(e) => panic!("{tool}: {e}"),
    };
    assert!(
        output.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The sample with a presenter, an item and the programme named beyond ASCII.
fn sample_with_names(dir: &Path) -> PathBuf {
    let text =
        std::fs::read_to_string(root().join("sample-data/see-regional-programme-2009-2011.ron"))
            .unwrap()
            .replacen(
                "presenter: \"Programme Coordinator\"",
                "presenter: \"Agron Đakovica\"",
                1,
            )
            .replacen(
                "name: \"Representative of Kosovo\"",
                "name: \"Дрита Gjakovë-Đaković\"",
                1,
            )
            .replacen(
                "title: \"Any other business\"",
                "title: \"Any other business: Gjakovë and Приштина\"",
                1,
            )
            .replacen(
                "title: \"Regional Programme on Promoting",
                "title: \"Програм Regional Programme on Promoting",
                1,
            );
    let path = dir.join("names.ron");
    std::fs::write(&path, text).unwrap();
    path
}

/// What poppler reads of an exported PDF.
struct Read {
    text: String,
    pages: usize,
    info: String,
}

/// Exports `project` with `args` through the binary and reads the PDF back: its text, its
/// page count, and that every font is embedded, subset and mapped to Unicode and every page
/// has its number.
fn export(project: &Path, args: &[&str], out: &Path) -> Read {
    let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .arg("export")
        .args(args)
        .arg(project)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(std::fs::read(out).unwrap().starts_with(b"%PDF-"));
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], out);
    let info = poppler("pdfinfo", &[], out);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("pdfinfo gives a page count")
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 1);
    // Every page has its footer, counting the same pages as pdfinfo.
    for page in 1..=pages {
        assert!(text.contains(&format!("Page {page} of {pages}")), "{text}");
    }
    let fonts = poppler("pdffonts", &[], out);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        // Columns: name, type, encoding, emb, sub, uni, object ID.
        let columns: Vec<&str> = row.split_whitespace().collect();
        let n = columns.len();
        assert_eq!(&columns[n - 5..n - 2], ["yes", "yes", "yes"], "{fonts}");
    }
    Read { text, pages, info }
}

fn expect_all(read: &Read, expected: &[&str]) {
    for expect in expected {
        assert!(
            read.text.contains(expect),
            "{expect:?} missing from:\n{}",
            read.text
        );
    }
}

#[test]
fn the_agenda_pdf_reads_back_with_poppler() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_with_names(dir.path());
    let read = export(
        &project,
        &["--format", "agenda-pdf", "--meeting", "1"],
        &dir.path().join("agenda.pdf"),
    );
    expect_all(
        &read,
        &[
            "meeting 1",
            "Agenda · 30 September 2009",
            "Opening of the meeting and adoption of the agenda",
            "Terms of reference, set-up and tasks of the Steering Committee",
            "Pillar 1: organised crime and illicit trafficking",
            "Presenter: Agron Đakovica",
            "Gjakovë and Приштина",
            "Програм Regional Programme",
            "for decision",
            "Attendance",
            "Дрита Gjakovë-Đaković",
        ],
    );
    // Sub-items are numbered under their item.
    assert!(read.text.contains("2.1"), "{}", read.text);
    assert!(
        read.info.contains("595.276 x 841.89 pts (A4)"),
        "{}",
        read.info
    );
}

#[test]
fn the_agenda_pack_and_the_minutes_read_back_with_poppler() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_with_names(dir.path());
    let pack = export(
        &project,
        &[
            "--format",
            "agenda-pack-pdf",
            "--meeting",
            "2",
            "--paper",
            "letter",
        ],
        &dir.path().join("pack.pdf"),
    );
    expect_all(
        &pack,
        &[
            "Agenda pack · 25 March 2010",
            "Attendance",
            "Дрита Gjakovë-Đaković",
            "Papers",
        ],
    );
    assert!(
        pack.info.contains("612 x 792 pts (letter)"),
        "{}",
        pack.info
    );
    let minutes = export(
        &project,
        &["--format", "minutes-pdf", "--meeting", "2"],
        &dir.path().join("minutes.pdf"),
    );
    expect_all(
        &minutes,
        &[
            "Minutes · 25 March 2010",
            "Decision SC2/D1",
            "Action points",
            "SC2/A1",
        ],
    );
}

#[test]
fn the_logframe_and_the_report_read_back_with_poppler() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_with_names(dir.path());
    let logframe = export(
        &project,
        &["--format", "logframe-pdf", "--paper", "a3"],
        &dir.path().join("logframe.pdf"),
    );
    expect_all(
        &logframe,
        &[
            "Програм Regional Programme",
            "Intervention logic",
            "Means of verification",
            "Indicators (baseline -> target; latest)",
            "Organised crime and illicit trafficking",
            "0 meetings (2009-01-01) -> 6 meetings (2011-12-31)",
        ],
    );
    assert!(
        logframe.info.contains("1190.55 x 841.89 pts (A3)"),
        "{}",
        logframe.info
    );
    let report = export(
        &project,
        &[
            "--format",
            "report-pdf",
            "--from",
            "2009-12-01",
            "--to",
            "2009-12-31",
        ],
        &dir.path().join("report.pdf"),
    );
    expect_all(
        &report,
        &[
            "Workplan report, 1 December 2009 to 31 December 2009",
            "Regional cooperation in asset recovery",
            "Beneficiaries",
        ],
    );
    assert!(
        !report
            .text
            .contains("Review of domestic organised-crime legislation"),
        "November is outside the period"
    );
}

#[test]
fn the_results_read_back_with_poppler() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_with_names(dir.path());
    let read = export(
        &project,
        &["--format", "results-pdf", "--paper", "letter"],
        &dir.path().join("results.pdf"),
    );
    expect_all(
        &read,
        &[
            "Results as of",
            "Justice and integrity",
            "Criminal justice practitioners trained",
            "Source and comment",
            "female: 183",
            "at risk",
            "computed from the workplan",
        ],
    );
    assert!(
        read.info.contains("Title:") && read.info.contains("Results"),
        "{}",
        read.info
    );
}

#[test]
fn a_long_timeline_is_tiled_and_a3_takes_fewer_pages() {
    let dir = tempfile::tempdir().unwrap();
    // A plan of several years with many activities.
    let project = dir.path().join("long.ron");
    let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .args(["generate", "--activities", "100"])
        .arg("-o")
        .arg(&project)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let a4 = export(
        &project,
        &["--format", "timeline-pdf"],
        &dir.path().join("a4.pdf"),
    );
    let a3 = export(
        &project,
        &["--format", "timeline-pdf", "--paper", "a3"],
        &dir.path().join("a3.pdf"),
    );
    assert!(
        a4.pages > a3.pages,
        "A4 {} pages, A3 {}",
        a4.pages,
        a3.pages
    );
    assert!(a4.pages >= 6, "{} pages", a4.pages);
    // The row labels and scale on every page: as many as there are pages.
    assert_eq!(
        a4.text.matches("Steering committee meetings").count(),
        a4.pages,
        "{}",
        a4.text
    );
    expect_all(
        &a4,
        &["page 2 across, 1 down", "page 1 across, 2 down", "Q1"],
    );
    assert!(a4.info.contains("841.89 x 595.276 pts (A4)"), "{}", a4.info);
}

#[test]
fn paper_is_refused_for_a_document_that_is_not_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.csv");
    let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .args(["export", "--format", "csv", "--paper", "a3"])
        .arg(root().join("sample-data/see-regional-programme-2009-2011.ron"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--paper cannot be used"), "{stderr}");
    assert!(stderr.contains("timeline-pdf"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn an_agenda_pdf_of_a_meeting_there_is_not_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("agenda.pdf");
    let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .args(["export", "--format", "agenda-pdf", "--meeting", "7"])
        .arg(root().join("sample-data/see-regional-programme-2009-2011.ron"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("there is no meeting 7"));
    assert!(!out.exists());
}
