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

#[test]
fn the_agenda_pdf_reads_back_with_poppler() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_with_names(dir.path());
    let out = dir.path().join("agenda.pdf");
    let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .args(["export", "--format", "agenda-pdf", "--meeting", "1"])
        .arg(&project)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));

    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &out);
    for expect in [
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
        "Page 1 of",
    ] {
        assert!(text.contains(expect), "{expect:?} missing from:\n{text}");
    }
    // Sub-items are numbered under their item.
    assert!(text.contains("2.1"), "{text}");

    let info = poppler("pdfinfo", &[], &out);
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
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");

    let fonts = poppler("pdffonts", &[], &out);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        // Columns: name, type, encoding, emb, sub, uni, object ID.
        let columns: Vec<&str> = row.split_whitespace().collect();
        let n = columns.len();
        assert_eq!(&columns[n - 5..n - 2], ["yes", "yes", "yes"], "{fonts}");
    }
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
