//! Exports written by the real binary and read back by independent parsers (Python's csv and
//! html.parser), not by the code that wrote them.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn export(format: &str, project: &Path, out: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .args(["export", "--format", format])
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
}

fn python(script: &str, arg: &Path) -> String {
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(arg)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A copy of the sample whose names need more than ASCII, and text that needs quoting.
fn unusual_sample(dir: &Path) -> PathBuf {
    let text =
        std::fs::read_to_string(root().join("sample-data/see-regional-programme-2009-2011.ron"))
            .unwrap()
            .replace(
                "title: \"Forensics\"",
                "title: \"Forensics, \\\"crime scenes\\\" and Đakovica; Северна Македонија\"",
            )
            .replace(
                "title: \"Regional cooperation in asset recovery\"",
                "title: \"Asset recovery, Đakovica; Северна Македонија\"",
            );
    let path = dir.join("unusual.ron");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn logframe_csv_reads_back_with_pythons_csv_module() {
    let dir = tempfile::tempdir().unwrap();
    let project = unusual_sample(dir.path());
    let out = dir.path().join("logframe.csv");
    export("logframe-csv", &project, &out);
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a BOM, so spreadsheets read UTF-8"
    );
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "RFC 4180 line ends");
    let report = python(
        r#"
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f, strict=True))
header, body = rows[0], rows[1:]
assert all(len(r) == len(header) for r in body), "every row has every column"
print(len(header), len(body))
print(header[0], header[2], header[5])
for r in body:
    if r[0] == "4.6":
        print(r[2])
    if r[10] == "yes":
        print("computed", r[5], "=", r[9])
"#,
        &out,
    );
    let mut lines = report.lines();
    let counts: Vec<usize> = lines
        .next()
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(counts[0], 15);
    assert!(counts[1] >= 18, "one row per objective at least: {report}");
    assert_eq!(lines.next(), Some("Code Objective Indicator"));
    let rest: Vec<&str> = lines.collect();
    assert!(
        rest.contains(&"Forensics, \"crime scenes\" and Đakovica; Северна Македонија"),
        "{report}"
    );
    // Pillar 1's branch has two regional expert meetings done in the sample.
    assert!(
        rest.contains(&"computed Regional expert meetings held under the pillar = 2"),
        "{report}"
    );
}

#[test]
fn logframe_html_is_well_formed_and_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let project = unusual_sample(dir.path());
    let out = dir.path().join("logframe.html");
    export("logframe-html", &project, &out);
    let report = python(
        r#"
import sys
from html.parser import HTMLParser
VOID = {"meta", "br", "link", "img", "hr", "input"}
class Check(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.rows, self.text, self.external = [], 0, [], []
    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows += 1
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.external.append(value)
        if tag not in VOID:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()
    def handle_data(self, data):
        self.text.append(data)
c = Check()
c.feed(open(sys.argv[1], encoding="utf-8").read())
assert not c.stack, c.stack
print(c.rows, len(c.external))
text = "".join(c.text)
print("Forensics, \"crime scenes\" and Đakovica; Северна Македонија" in text)
print(text.count("@page") == 1 and "size: A4 landscape" in text)
"#,
        &out,
    );
    let lines: Vec<&str> = report.lines().collect();
    let numbers: Vec<usize> = lines[0].split(' ').map(|n| n.parse().unwrap()).collect();
    assert!(
        numbers[0] >= 19,
        "a header row and one row per objective: {report}"
    );
    assert_eq!(numbers[1], 0, "no external files");
    assert_eq!(lines[1], "True", "names survive escaping");
    assert_eq!(lines[2], "True", "one A4 landscape page rule");
}

#[test]
fn exporting_a_broken_project_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format_version: 1,").unwrap();
    let out = dir.path().join("out.html");
    let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .args(["export", "--format", "logframe-html"])
        .arg(&broken)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("broken.ron:1:"));
    assert!(!out.exists(), "nothing is written");
}

/// The events of an iCalendar file as read by the `ical` crate, a parser independent of ours:
/// per event its properties by name (values unfolded and as written).
fn read_ics(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let calendars: Vec<_> = ical::IcalParser::new(file)
        .collect::<Result<_, _>>()
        .expect("a valid iCalendar file");
    assert_eq!(calendars.len(), 1);
    calendars[0]
        .events
        .iter()
        .map(|event| {
            event
                .properties
                .iter()
                .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
                .collect()
        })
        .collect()
}

#[test]
fn ics_reads_back_with_an_independent_parser() {
    let dir = tempfile::tempdir().unwrap();
    let project = unusual_sample(dir.path());
    let first = dir.path().join("one.ics");
    let second = dir.path().join("two.ics");
    export("ics", &project, &first);
    export("ics", &project, &second);
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(!text.replace("\r\n", "").contains('\n'), "CRLF line ends");
    assert!(
        text.split("\r\n").all(|l| l.len() <= 75),
        "folded at 75 octets"
    );

    let one = read_ics(&first);
    let two = read_ics(&second);
    let uids = |events: &[std::collections::HashMap<String, String>]| {
        let mut uids: Vec<String> = events.iter().map(|e| e["UID"].clone()).collect();
        uids.sort();
        uids
    };
    assert_eq!(uids(&one), uids(&two), "the same UIDs in every export");
    let sample = workplan::io::load(&project).unwrap();
    let sessions: usize = sample.activities.iter().map(|a| a.sessions.len()).sum();
    assert_eq!(one.len(), sessions + sample.committee.meetings.len());
    let find = |prefix: &str| {
        one.iter()
            .find(|e| e["SUMMARY"].starts_with(prefix))
            .unwrap_or_else(|| panic!("an event {prefix}"))
    };
    // All-day: 18-20 November 2009 ends (exclusively) on the 21st.
    let meeting = find("Review of domestic organised-crime legislation");
    assert_eq!(
        (meeting["DTSTART"].as_str(), meeting["DTEND"].as_str()),
        ("20091118", "20091121")
    );
    // 10:00 in Vienna on 30 September 2009 is 08:00 UTC; the planned end is 13:00 local.
    let committee = one
        .iter()
        .find(|e| e["SUMMARY"].ends_with("meeting 1"))
        .unwrap();
    assert_eq!(committee["DTSTART"], "20090930T080000Z");
    assert_eq!(committee["DTEND"], "20090930T110000Z");
    assert_eq!(
        committee["LOCATION"], "Vienna\\, Austria",
        "escaped as RFC 5545 says"
    );
    let unicode = find("Asset recovery");
    assert!(
        unicode["SUMMARY"].contains("Đakovica\\; Северна Македонија"),
        "{}",
        unicode["SUMMARY"]
    );
}

fn import_csv(project: &Path, csv: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_workplan"))
        .arg("import-csv")
        .arg(project)
        .arg(csv)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn workplan_csv_round_trips_through_a_spreadsheet_reader() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("plan.ron");
    std::fs::copy(
        root().join("sample-data/see-regional-programme-2009-2011.ron"),
        &project,
    )
    .unwrap();
    let out = dir.path().join("plan.csv");
    export("csv", &project, &out);
    // Python's csv module reads every row with every column.
    let report = python(
        r#"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""), strict=True))
assert all(len(r) == len(rows[0]) for r in rows)
print(len(rows) - 1, rows[0][0], rows[0][4])
"#,
        &out,
    );
    let count = workplan::io::load(&project).unwrap().activities.len();
    assert_eq!(report.trim(), format!("{count} id sessions"));
    // Import then export then import: nothing changes, so the project file is not even
    // rewritten (its leading comments stay).
    let before = std::fs::read(&project).unwrap();
    let output = import_csv(&project, &out, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("changes nothing"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let again = dir.path().join("again.csv");
    export("csv", &project, &again);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
    assert!(import_csv(&project, &again, &[]).status.success());
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

#[test]
fn a_csv_with_bad_rows_changes_nothing_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("plan.ron");
    std::fs::copy(
        root().join("sample-data/see-regional-programme-2009-2011.ron"),
        &project,
    )
    .unwrap();
    let before = std::fs::read(&project).unwrap();
    let csv = dir.path().join("new.csv");
    std::fs::write(
        &csv,
        "title,kind,status,sessions\r\nTraining on electronic evidence,Training,Planned,\"2022-03-22/2022-03-24 @ Podgorica, Montenegro\"\r\nStudy visit,Excursion,Planned,\r\n",
    )
    .unwrap();
    let output = import_csv(&project, &csv, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{}:3:kind: “Excursion” is not one of the activity kinds",
            csv.display()
        )),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&project).unwrap(), before, "nothing imported");
    let output = import_csv(&project, &csv, &["--import-valid"]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("imported 1 row(s)"));
    let p = workplan::io::load(&project).unwrap();
    assert_eq!(
        p.activities.last().unwrap().title,
        "Training on electronic evidence"
    );
    assert_eq!(
        p.activities.last().unwrap().sessions[0].place.city,
        "Podgorica"
    );
}

#[test]
fn report_and_timeline_cover_the_chosen_period() {
    let dir = tempfile::tempdir().unwrap();
    let project = root().join("sample-data/see-regional-programme-2009-2011.ron");
    let run = |format: &str, out: &Path, period: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
            .args(["export", "--format", format])
            .arg(&project)
            .arg("-o")
            .arg(out)
            .args(period)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let report = dir.path().join("report.html");
    run(
        "report-html",
        &report,
        &["--from", "2009-11-01", "--to", "2009-12-31"],
    );
    let text = python(
        r#"
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.text = []; self.h2 = 0
    def handle_starttag(self, tag, attrs):
        self.h2 += tag == "h2"
    def handle_data(self, data):
        self.text.append(data)
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
print(p.h2); print(" ".join(p.text))
"#,
        &report,
    );
    let (pillars, body) = text.split_once('\n').unwrap();
    assert_eq!(
        pillars, "2",
        "the two pillars with activities in the period: {body}"
    );
    assert!(body.contains("Review of domestic organised-crime legislation"));
    assert!(
        !body.contains("High-level regional conference"),
        "March 2009 is outside the period"
    );

    let svg = dir.path().join("timeline.svg");
    let written = run("timeline-svg", &svg, &[]);
    let pages: Vec<&str> = written.lines().collect();
    assert_eq!(pages.len(), 6, "{written}");
    for (index, _) in pages.iter().enumerate() {
        let page = workplan::exchange::export::page_path(&svg, index);
        let check = python(
            r#"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag.endswith("svg"), root.tag
print(root.get("width"), root.get("height"))
"#,
            &page,
        );
        assert_eq!(check.trim(), "297mm 210mm", "an A4 landscape page");
    }
}

#[test]
fn agenda_and_minutes_are_well_formed_documents() {
    let dir = tempfile::tempdir().unwrap();
    let project = root().join("sample-data/see-regional-programme-2009-2011.ron");
    for (format, meeting, expect) in [
        ("agenda-html", "1", "Vienna, Austria"),
        ("minutes-html", "2", "Decision SC2/D3"),
    ] {
        let out = dir.path().join(format!("{format}.html"));
        let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
            .args(["export", "--format", format, "--meeting", meeting])
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
        let text = python(
            r#"
import sys
from html.parser import HTMLParser
VOID = {"meta", "br"}
class Check(HTMLParser):
    def __init__(self):
        super().__init__(); self.stack = []; self.text = []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID: self.stack.append(tag)
    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-4:])
        self.stack.pop()
    def handle_data(self, data): self.text.append(data)
c = Check(); c.feed(open(sys.argv[1], encoding="utf-8").read())
assert not c.stack
print("".join(c.text))
"#,
            &out,
        );
        assert!(text.contains(expect), "{format}: {text}");
        // One page rule: a second one would silently override the first.
        assert_eq!(text.matches("@page").count(), 1, "{format}: {text}");
        assert!(text.contains("@page { size: A4 portrait"), "{format}");
    }
    let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .args(["export", "--format", "agenda-md", "--meeting", "7"])
        .arg(&project)
        .arg("-o")
        .arg(dir.path().join("x.md"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("there is no meeting 7"));
}

#[test]
fn minutes_with_guests_and_numbered_actions_read_back_with_pythons_html_parser() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = workplan::testing::sample();
    let meeting = project
        .committee
        .meetings
        .iter_mut()
        .find(|m| m.number == 2)
        .unwrap();
    meeting.guests.push(workplan::model::Guest {
        name: "Ana <Observer> & Co".into(),
        organisation: "OSCE Mission to Serbia".into(),
    });
    let path = dir.path().join("with-guest.ron");
    workplan::io::save(&project, &path).unwrap();
    let out = dir.path().join("minutes.html");
    let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .args(["export", "--format", "minutes-html", "--meeting", "2"])
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The guests' table, read as a browser would: its cells, row by row.
    let rows = python(
        r#"
import sys
from html.parser import HTMLParser
class Tables(HTMLParser):
    def __init__(self):
        super().__init__(); self.heading = ""; self.in_h2 = False; self.rows = []; self.cell = None
    def handle_starttag(self, tag, attrs):
        if tag == "h2": self.in_h2 = True; self.heading = ""
        if tag == "tr": self.rows.append([self.heading])
        if tag in ("td", "th"): self.cell = ""
    def handle_endtag(self, tag):
        if tag == "h2": self.in_h2 = False
        if tag in ("td", "th"): self.rows[-1].append(self.cell); self.cell = None
    def handle_data(self, data):
        if self.in_h2: self.heading += data
        if self.cell is not None: self.cell += data
t = Tables(); t.feed(open(sys.argv[1], encoding="utf-8").read())
for row in t.rows: print("\t".join(row))
"#,
        &out,
    );
    assert!(
        rows.lines()
            .any(|l| l == "Observers and guests\tAna <Observer> & Co\tOSCE Mission to Serbia"),
        "{rows}"
    );
    assert!(
        rows.lines().any(|l| l.split('\t').any(|c| c == "SC2/A1")),
        "the action points are numbered: {rows}"
    );
}

/// The Python that has `openpyxl`: `WORKPLAN_PYTHON` (which `.ci/run` sets to its venv) or
/// `python3`. Fails, rather than skips, when openpyxl is missing, saying how to get it.
fn python_with_openpyxl() -> String {
    python_with(&[("openpyxl", "openpyxl==3.1.*")])
}

/// The Python that imports every module of `modules` (each with the pip requirement that
/// installs it): `WORKPLAN_PYTHON` or `python3`. Fails, rather than skips, saying how.
fn python_with(modules: &[(&str, &str)]) -> String {
    let python = std::env::var("WORKPLAN_PYTHON").unwrap_or_else(|_| "python3".into());
    let names: Vec<&str> = modules.iter().map(|(m, _)| *m).collect();
    let pins: Vec<String> = modules.iter().map(|(_, pin)| format!("'{pin}'")).collect();
    let probe = Command::new(&python)
        .args(["-c", &format!("import {}", names.join(", "))])
        .output();
    let found = probe.as_ref().is_ok_and(|o| o.status.success());
    assert!(
        found,
        "this export test reads the document with Python's {}, which `{python}` cannot \
         import. Install it in a venv and point the tests at it:\n  python3 -m venv \
         target/python-venv && target/python-venv/bin/pip install {}\n  \
         export WORKPLAN_PYTHON=$PWD/target/python-venv/bin/python\n(.ci/run does this; on \
         Debian `python3 -m venv` needs the python3-venv package.) {}",
        names.join(" and "),
        pins.join(" "),
        probe
            .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            .unwrap_or_else(|e| e.to_string())
    );
    python
}

fn run_python(python: &str, script: &str, args: &[&Path]) -> String {
    let output = Command::new(python)
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The unusual sample with a budget and participant numbers on its first activity, so the
/// workbook has money and counts to write as numbers.
fn sample_with_numbers(dir: &Path) -> PathBuf {
    let path = unusual_sample(dir);
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "notes: \"Step towards the programme, before its period.\",",
        "notes: \"Step towards the programme, before its period.\",\n\t\t\
         budget: Some((amount: 1234567, currency: \"EUR\")),\n\t\t\
         participants: (planned: Some(30), actual: Some(28), women: Some(12), men: Some(16)),",
        1,
    );
    assert!(
        text.contains("amount: 1234567"),
        "the sample still has that activity"
    );
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn xlsx_reads_back_with_openpyxl_cell_by_cell_as_the_csv_exports() {
    let python = python_with_openpyxl();
    let dir = tempfile::tempdir().unwrap();
    let project = sample_with_numbers(dir.path());
    let xlsx = dir.path().join("workplan.xlsx");
    let csv = dir.path().join("workplan.csv");
    let logframe = dir.path().join("logframe.csv");
    export("xlsx", &project, &xlsx);
    export("csv", &project, &csv);
    export("logframe-csv", &project, &logframe);
    let report = run_python(
        &python,
        r#"
import csv, sys, datetime, calendar
from openpyxl import load_workbook

book = load_workbook(sys.argv[1], data_only=True)
print("sheets", ",".join(book.sheetnames))
NUMBERS = {"id", "budget", "participants planned", "participants actual", "women", "men"}

def days(sessions):
    # First and last day of the sessions as the CSV writes them: days or months.
    firsts, lasts = [], []
    for session in filter(None, (s.strip() for s in sessions.split(";"))):
        dates = session.split("@")[0].strip().split("/")
        def parse(text, last):
            parts = [int(p) for p in text.strip().split("-")]
            if len(parts) == 3:
                return datetime.datetime(*parts)
            day = calendar.monthrange(*parts)[1] if last else 1
            return datetime.datetime(parts[0], parts[1], day)
        firsts.append(parse(dates[0], False))
        lasts.append(parse(dates[-1], True))
    return (min(firsts), max(lasts)) if firsts else (None, None)

sheet = book["Workplan"]
print("frozen", sheet.freeze_panes, "filter", sheet.auto_filter.ref)
rows = list(sheet.iter_rows(values_only=True))
with open(sys.argv[2], encoding="utf-8-sig", newline="") as f:
    expected = list(csv.reader(f, strict=True))
header = expected[0]
at = header.index("sessions") + 1
assert list(rows[0]) == header[:at] + ["first day", "last day"] + header[at:], rows[0]
assert all(c.font.b for c in sheet[1]), "a bold header"
assert len(rows) == len(expected), (len(rows), len(expected))
numbers = dates = 0
for r, (got, want) in enumerate(zip(rows[1:], expected[1:]), start=2):
    got = list(got)
    first, last = got[at], got[at + 1]
    del got[at:at + 2]
    assert len(got) == len(want), r
    for name, cell, text in zip(header, got, want):
        if text == "":
            assert cell is None, (r, name, cell)
        elif name in NUMBERS:
            assert type(cell) in (int, float), (r, name, cell)
            assert str(int(cell)) == text and cell == int(cell), (r, name, cell, text)
            numbers += 1
        else:
            assert cell == text, (r, name, cell, text)
    want_first, want_last = days(want[header.index("sessions")])
    assert (first, last) == (want_first, want_last), (r, first, last, want_first, want_last)
    if first is not None:
        assert isinstance(first, datetime.datetime) and isinstance(last, datetime.datetime)
        assert sheet.cell(row=r, column=at + 1).is_date
        dates += 1
budget = sheet.cell(row=2, column=header.index("budget") + 3)
print("budget", budget.value, budget.number_format)
print("cells", len(rows) - 1, "numbers", numbers, "dated", dates)

sheet = book["Logframe"]
print("frozen", sheet.freeze_panes, "filter", sheet.auto_filter.ref)
rows = [["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)]
with open(sys.argv[3], encoding="utf-8-sig", newline="") as f:
    expected = list(csv.reader(f, strict=True))
assert rows == expected, [(a, b) for a, b in zip(rows, expected) if a != b][:3]
print("logframe", len(rows) - 1)
print(any("Đakovica; Северна Македонија" in c for row in rows for c in row))
"#,
        &[&xlsx, &csv, &logframe],
    );
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines[0], "sheets Workplan,Logframe", "{report}");
    assert_eq!(lines[1], "frozen A2 filter A1:X13", "{report}");
    assert_eq!(
        lines[2], "budget 1234567 #,##0",
        "money as a number: {report}"
    );
    // 12 activities: 12 ids plus the first one's budget and four participant numbers; the
    // eight with sessions have their days as date cells.
    assert_eq!(lines[3], "cells 12 numbers 17 dated 8", "{report}");
    assert!(lines[4].starts_with("frozen A2 filter A1:O"), "{report}");
    let logframe_rows: usize = lines[5].strip_prefix("logframe ").unwrap().parse().unwrap();
    assert!(
        logframe_rows >= 18,
        "one row per objective at least: {report}"
    );
    assert_eq!(lines[6], "True", "names survive: {report}");
}

#[test]
fn json_reads_back_with_pythons_json_module_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_with_numbers(dir.path());
    let out = dir.path().join("project.json");
    export("json", &path, &out);
    let project = workplan::io::load(&path).unwrap();
    let report = python(
        r#"
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    p = json.load(f)
print(p["format_version"], p["next_id"], p["programme"]["title"])
print(len(p["activities"]), len(p["objectives"]), len(p["programme"]["jurisdictions"]))
for a in p["activities"]:
    sessions = ";".join(s["start"] + "/" + s.get("end", "") for s in a.get("sessions", []))
    budget = a.get("budget")
    budget = "" if budget is None else "%d %s" % (budget["amount"], budget["currency"])
    print(a["id"], a["status"], sessions, budget, a["title"], sep="|")
"#,
        &out,
    );
    let mut want = vec![
        format!(
            "{} {} {}",
            project.format_version, project.next_id, project.programme.title
        ),
        format!(
            "{} {} {}",
            project.activities.len(),
            project.objectives.len(),
            project.programme.jurisdictions.len()
        ),
    ];
    for a in &project.activities {
        let sessions: Vec<String> = a
            .sessions
            .iter()
            .map(|s| {
                format!(
                    "{}/{}",
                    s.start,
                    s.end.map(|e| e.to_string()).unwrap_or_default()
                )
            })
            .collect();
        let budget = a
            .budget
            .as_ref()
            .map(|b| format!("{} {}", b.amount, b.currency))
            .unwrap_or_default();
        want.push(format!(
            "{}|{:?}|{}|{budget}|{}",
            a.id,
            a.status,
            sessions.join(";"),
            a.title
        ));
    }
    assert_eq!(report.lines().collect::<Vec<_>>(), want);
    assert!(
        report.contains("|1234567 EUR|"),
        "the budget is there: {report}"
    );
}

#[test]
fn stories_read_back_as_markdown_sections_and_html_headings() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = root().join("sample-data/see-regional-programme-2009-2011.ron");
    let project = workplan::io::load(&project_path).unwrap();
    let done: Vec<String> =
        workplan::plan::stories::drafts(&project, project.programme.start, project.programme.end)
            .into_iter()
            .map(|s| s.title)
            .collect();
    assert!(!done.is_empty());
    let md = dir.path().join("stories.md");
    export("stories-md", &project_path, &md);
    // Each "## " section: its title, then a blank line, then the dateline ending in ":".
    let read = python(
        r#"
import re, sys, json
text = open(sys.argv[1], encoding="utf-8").read()
sections = text.split("\n## ")[1:]
out = []
for s in sections:
    title, _, rest = s.partition("\n\n")
    first = rest.split("\n")[0]
    assert re.search(r"\b(19|20)\d\d\b[^:]*:", first), first
    out.append(title)
print(json.dumps(out))
"#,
        &md,
    );
    let titles: Vec<String> = serde_json::from_str(&read).unwrap();
    assert_eq!(titles, done);

    let html = dir.path().join("stories.html");
    export("stories-html", &project_path, &html);
    let read = python(
        r#"
import sys, json
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.tag = None; self.h2 = []; self.p = []; self.stack = []
    def handle_starttag(self, tag, attrs):
        if tag in ("meta", "br", "link"): return
        self.stack.append(tag); self.tag = tag
        if tag == "h2": self.h2.append("")
        if tag == "p": self.p.append("")
    def handle_endtag(self, tag):
        assert self.stack.pop() == tag, tag
    def handle_data(self, data):
        if self.stack and self.stack[-1] == "h2": self.h2[-1] += data
        if self.stack and self.stack[-1] == "p": self.p[-1] += data
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
assert p.stack == [], p.stack
print(json.dumps({"h2": p.h2, "sdg": sum("It contributes to SDG" in x for x in p.p)}))
"#,
        &html,
    );
    let read: serde_json::Value = serde_json::from_str(&read).unwrap();
    assert_eq!(read["h2"], serde_json::json!(done));
    assert!(read["sdg"].as_u64().unwrap() > 0);
}

#[test]
fn the_donor_report_reads_back_with_each_donor_its_activities_and_results() {
    use workplan::model::{Funding, Organisation};
    let dir = tempfile::tempdir().unwrap();
    let mut project =
        workplan::io::load(&root().join("sample-data/see-regional-programme-2009-2011.ron"))
            .unwrap();
    let organisation = |project: &mut workplan::model::Project, name: &str, acronym: &str| {
        let id = project.allocate_id();
        project.programme.donors.push(Organisation {
            id,
            name: name.into(),
            acronym: acronym.into(),
            notes: String::new(),
            through: Vec::new(),
            aliases: Vec::new(),
        });
        id
    };
    let norway = organisation(&mut project, "Norway", "");
    let fund = organisation(&mut project, "Regional Fund <SEE>", "RF");
    project
        .programme
        .donors
        .last_mut()
        .unwrap()
        .through
        .push(norway);
    let (from, to) = (project.programme.start, project.programme.end);
    let dated: Vec<usize> = (0..project.activities.len())
        .filter(|&i| {
            project.activities[i]
                .sessions
                .iter()
                .any(|s| s.start >= from && s.start <= to)
        })
        .collect();
    project.activities[dated[0]].funding = vec![Funding {
        source: norway,
        amount: Some(15000),
    }];
    project.activities[dated[1]].funding = vec![Funding {
        source: fund,
        amount: None,
    }];
    // Norway's activity also serves pillar 2, whose indicators the report then gives.
    project.activities[dated[0]]
        .objectives
        .push(workplan::model::Id(40));
    let file = dir.path().join("plan.ron");
    workplan::io::save(&project, &file).unwrap();

    let read_back = |out: &Path| {
        let read = python(
            r#"
import sys, json
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.stack = []; self.h2 = []; self.cells = []
    def handle_starttag(self, tag, attrs):
        if tag in ("meta", "br", "link"): return
        self.stack.append(tag)
        if tag == "h2": self.h2.append("")
        if tag == "td": self.cells.append("")
    def handle_endtag(self, tag):
        assert self.stack.pop() == tag, tag
    def handle_data(self, data):
        if "h2" in self.stack: self.h2[-1] += data
        if self.stack and self.stack[-1] == "td": self.cells[-1] += data
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
assert p.stack == [], p.stack
print(json.dumps({"h2": p.h2, "cells": p.cells}))
"#,
            out,
        );
        serde_json::from_str::<serde_json::Value>(&read).unwrap()
    };
    let all = dir.path().join("donors.html");
    export("donor-html", &file, &all);
    let read = read_back(&all);
    assert_eq!(
        read["h2"],
        serde_json::json!(["Norway donor", "Regional Fund <SEE> fund"])
    );
    let cells: Vec<String> = serde_json::from_value(read["cells"].clone()).unwrap();
    let title = |i: usize| project.activities[dated[i]].title.clone();
    assert!(
        cells.contains(&title(0)) && cells.contains(&title(1)),
        "{cells:?}"
    );
    assert!(
        cells.iter().any(|c| c == "through Regional Fund <SEE>"),
        "{cells:?}"
    );
    assert!(cells.iter().any(|c| c == "amount not known"), "{cells:?}");

    // One donor by its acronym; --donor is refused where it means nothing.
    let one = dir.path().join("fund.html");
    let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .args(["export", "--format", "donor-html", "--donor", "rf"])
        .arg(&file)
        .arg("-o")
        .arg(&one)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        read_back(&one)["h2"],
        serde_json::json!(["Regional Fund <SEE> fund"])
    );
    // The PDF, read by poppler, and the workbook, read by openpyxl, hold the same sections.
    let pdf = dir.path().join("donors.pdf");
    export("donor-pdf", &file, &pdf);
    let text = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    let text = String::from_utf8(text.stdout).unwrap();
    for expect in [
        "Norway (donor)",
        "Regional Fund <SEE> (fund)",
        "through Regional Fund <SEE>",
        "amount not known",
        "Results of the objectives these activities serve",
    ] {
        assert!(text.contains(expect), "{expect:?} missing from:\n{text}");
    }
    assert!(text.contains(&title(0)[..30]), "{text}");
    let xlsx = dir.path().join("donors.xlsx");
    export("donor-xlsx", &file, &xlsx);
    let report = run_python(
        &python_with_openpyxl(),
        r#"
import sys, json
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], data_only=True)
def rows(name):
    sheet = book[name]
    values = list(sheet.iter_rows(values_only=True))
    header = values[0]
    return [dict(zip(header, r)) for r in values[1:]]
activities = rows("Donor report")
results = rows("Results")
print(json.dumps({
    "sheets": book.sheetnames,
    "donors": sorted({r["donor or fund"] for r in activities}),
    "norway": [[r["amount"], r["currency"]] for r in activities if r["donor or fund"] == "Norway"],
    "through": [r["through"] for r in activities if r["through"]],
    "results": len(results),
    "statuses": sorted({r["status"] for r in results}),
    "numbers": all(isinstance(r["target"], (int, float)) for r in results if r["target"] not in (None,) and str(r["target"]).replace(".", "").isdigit()),
}))
"#,
        &[&xlsx],
    );
    let read: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(
        read["sheets"],
        serde_json::json!(["Donor report", "Results"])
    );
    assert_eq!(
        read["donors"],
        serde_json::json!(["Norway", "Regional Fund <SEE>"])
    );
    // An amount is a number cell, so the sheet adds it up.
    assert_eq!(read["norway"][0][0], 15000, "{report}");
    assert_eq!(read["through"], serde_json::json!(["Regional Fund <SEE>"]));
    assert!(read["results"].as_u64().unwrap() > 0, "{report}");
    assert_eq!(read["numbers"], true, "{report}");

    for (format, donor, says) in [
        (
            "donor-html",
            "Ruritania",
            "no donor or fund “Ruritania”; the programme has “Norway”",
        ),
        ("csv", "Norway", "--format csv is not a donor report"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
            .args(["export", "--format", format, "--donor", donor])
            .arg(&file)
            .arg("-o")
            .arg(dir.path().join("refused.out"))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains(says), "{said}");
        assert!(!dir.path().join("refused.out").exists());
    }
}

#[test]
fn results_csv_reads_back_with_a_row_per_period_and_percents_that_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let project = unusual_sample(dir.path());
    let out = dir.path().join("results.csv");
    export("results-csv", &project, &out);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    // Python works the percents out again from the target and actual columns.
    let report = python(
        r#"
import csv, sys, json
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f, strict=True))
statuses = {"on track", "at risk", "off track", "no data", "qualitative"}
checked = 0
for r in rows:
    assert None not in r, "no row is longer than the header"
    assert r["status"] in statuses, r
    if r["period"] != "life of programme" and r["percent"]:
        t, a = float(r["target"]), float(r["actual"])
        assert round(a / t * 100) == int(r["percent"]), r
        checked += 1
trained = [r for r in rows if r["indicator"].startswith("Criminal justice practitioners")]
print(json.dumps({
    "header": list(rows[0].keys())[:8],
    "extra": list(rows[0].keys())[8:],
    "checked": checked,
    "trained": [[r["period"], r["target"], r["actual"], r["percent"], r["status"], r["sex: female"]] for r in trained],
    "objectives": sorted({r["objective"] for r in rows}),
}))
"#,
        &out,
    );
    let read: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(
        read["header"],
        serde_json::json!([
            "objective",
            "indicator",
            "unit",
            "period",
            "target",
            "actual",
            "percent",
            "status"
        ])
    );
    assert_eq!(
        read["extra"],
        serde_json::json!([
            "sex: female",
            "sex: female (target)",
            "sex: male",
            "sex: male (target)"
        ])
    );
    assert!(read["checked"].as_u64().unwrap() >= 9, "{report}");
    assert_eq!(
        read["trained"],
        serde_json::json!([
            ["2009", "60", "48", "80", "at risk", "21"],
            ["2010", "220", "196", "89", "at risk", "88"],
            ["2011", "450", "401", "89", "at risk", "183"],
            ["life of programme", "450", "401", "89", "at risk", ""]
        ])
    );
    let objectives = read["objectives"].as_array().unwrap();
    assert!(
        objectives.contains(&serde_json::json!("Justice and integrity")),
        "{report}"
    );
}

#[test]
fn results_html_is_well_formed_with_a_table_per_indicator_with_periods() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = unusual_sample(dir.path());
    let project = workplan::io::load(&project_path).unwrap();
    let with_periods = project
        .objectives
        .iter()
        .flat_map(|o| &o.indicators)
        .filter(|i| !i.periods.is_empty())
        .count();
    let all = project
        .objectives
        .iter()
        .map(|o| o.indicators.len())
        .sum::<usize>();
    let out = dir.path().join("results.html");
    export("results-html", &project_path, &out);
    let report = python(
        r#"
import sys, json
from html.parser import HTMLParser
VOID = {"meta", "br"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.stack = []; self.h3 = 0; self.tables = 0; self.status = []
    def handle_starttag(self, tag, attrs):
        if tag in VOID: return
        self.stack.append(tag)
        if tag == "h3": self.h3 += 1
        if tag == "table": self.tables += 1
        cls = dict(attrs).get("class", "")
        if tag == "span" and cls.startswith("status "): self.status.append(cls.split()[1])
    def handle_endtag(self, tag):
        assert self.stack.pop() == tag, tag
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
assert p.stack == [], p.stack
print(json.dumps({"h3": p.h3, "tables": p.tables, "status": sorted(set(p.status))}))
"#,
        &out,
    );
    let read: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(read["h3"], all, "{report}");
    assert_eq!(read["tables"], with_periods, "{report}");
    let seen: Vec<&str> = read["status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    for status in ["on-track", "at-risk", "no-data"] {
        assert!(seen.contains(&status), "{report}");
    }
}

/// A portfolio of two members with the very same ids (the unusual sample twice, the second
/// in a folder of its own under another title): the portfolio file's path.
fn two_member_portfolio(dir: &Path) -> PathBuf {
    use workplan::model::portfolio::{Portfolio, PortfolioMember};
    let first = unusual_sample(dir);
    std::fs::rename(&first, dir.join("see.ron")).unwrap();
    std::fs::create_dir(dir.join("gfp")).unwrap();
    let mut twin = workplan::io::load(&dir.join("see.ron")).unwrap();
    twin.programme.title = "Global Firearms Programme".into();
    workplan::io::save(&twin, &dir.join("gfp/firearms.ron")).unwrap();
    let member = |path: &str, name: &str, colour: &str| PortfolioMember {
        path: path.into(),
        name: name.into(),
        colour: colour.into(),
    };
    let portfolio = Portfolio {
        name: "Regional office, Vienna".into(),
        members: vec![
            member("see.ron", "South Eastern Europe", "#1f77b4"),
            member("gfp/firearms.ron", "Firearms", "#d62728"),
        ],
        ..Portfolio::default()
    };
    let file = dir.join("office.wpf");
    workplan::io::portfolio::save_portfolio(&portfolio, &file).unwrap();
    file
}

#[test]
fn a_portfolio_s_calendar_workbook_and_report_read_back_with_pythons_parsers() {
    let python = python_with(&[
        ("icalendar", "icalendar==7.*"),
        ("openpyxl", "openpyxl==3.1.*"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let portfolio = two_member_portfolio(dir.path());
    let sample = workplan::io::load(&dir.path().join("see.ron")).unwrap();
    let events_of_one: usize = sample
        .activities
        .iter()
        .map(|a| a.sessions.len())
        .sum::<usize>()
        + sample.committee.meetings.len();

    // The calendar, twice, by Python's icalendar.
    let first = dir.path().join("one.ics");
    let second = dir.path().join("two.ics");
    export("ics", &portfolio, &first);
    export("ics", &portfolio, &second);
    let read = r#"
import sys, json
from icalendar import Calendar
out = []
for path in sys.argv[1:]:
    cal = Calendar.from_ical(open(path, 'rb').read())
    events = []
    for e in cal.walk('VEVENT'):
        cats = e.get('CATEGORIES')
        cats = [str(c) for c in cats.cats] if cats is not None else []
        events.append({'uid': str(e['UID']), 'summary': str(e['SUMMARY']), 'categories': cats})
    out.append({'name': str(cal.get('X-WR-CALNAME')), 'events': events})
print(json.dumps(out))
"#;
    let json: serde_json::Value =
        serde_json::from_str(&run_python(&python, read, &[&first, &second])).unwrap();
    let uids = |i: usize| -> Vec<String> {
        json[i]["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["uid"].as_str().unwrap().to_string())
            .collect()
    };
    let one = uids(0);
    // icalendar leaves an X- property's value as written, its comma escaped as TEXT is.
    assert_eq!(json[0]["name"], "Regional office\\, Vienna");
    assert_eq!(one.len(), 2 * events_of_one, "every event of both members");
    let distinct: std::collections::HashSet<&String> = one.iter().collect();
    assert_eq!(
        distinct.len(),
        one.len(),
        "members with the same ids never collide"
    );
    assert_eq!(one, uids(1), "the same UIDs, in order, on every export");
    for event in json[0]["events"].as_array().unwrap() {
        let programme = event["categories"][0].as_str().unwrap();
        assert!(
            ["South Eastern Europe", "Firearms"].contains(&programme),
            "{event}"
        );
        let summary = event["summary"].as_str().unwrap();
        assert!(summary.starts_with(&format!("[{programme}] ")), "{event}");
    }
    let session = sample.activities[0].sessions[0].id;
    assert!(
        one.iter()
            .any(|u| u.starts_with(&format!("session-{session}.see.ron@")))
    );
    assert!(
        one.iter()
            .any(|u| u.starts_with(&format!("session-{session}.gfp%2Ffirearms.ron@")))
    );

    // The workbook, by openpyxl.
    let xlsx = dir.path().join("office.xlsx");
    export("xlsx", &portfolio, &xlsx);
    let read = r#"
import sys, json, datetime
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], data_only=True)
sheet = book['Workplan']
rows = list(sheet.iter_rows(values_only=True))
header = list(rows[0])
first = header.index('first day')
print(json.dumps({
    'header': header,
    'programmes': [r[0] for r in rows[1:]],
    'titles': [r[header.index('title')] for r in rows[1:]],
    'dates': all(r[first] is None or isinstance(r[first], datetime.datetime) for r in rows[1:]),
    'logframe': [c.value for c in book['Logframe'][1]][:2],
}))
"#;
    let book: serde_json::Value =
        serde_json::from_str(&run_python(&python, read, &[&xlsx])).unwrap();
    assert_eq!(book["header"][0], "programme");
    assert_eq!(book["header"][1], "id");
    let programmes = book["programmes"].as_array().unwrap();
    assert_eq!(programmes.len(), 2 * sample.activities.len());
    let n = sample.activities.len();
    assert!(programmes[..n].iter().all(|p| p == "South Eastern Europe"));
    assert!(programmes[n..].iter().all(|p| p == "Firearms"));
    assert_eq!(book["titles"][n], sample.activities[0].title.as_str());
    assert_eq!(book["dates"], true, "days as date cells");
    assert_eq!(book["logframe"][0], "programme");

    // The report, by html.parser: a section per programme, in the portfolio's order.
    let html = dir.path().join("office.html");
    export("report-html", &portfolio, &html);
    let read = r#"
import sys, json
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open = []
        self.programmes = []
        self.inside = False
        self.tables = 0
        self.unbalanced = 0
    def handle_starttag(self, tag, attrs):
        if tag in ('meta', 'br'):
            return
        self.open.append(tag)
        if tag == 'h2' and ('class', 'programme') in attrs:
            self.inside = True
            self.programmes.append('')
        if tag == 'table':
            self.tables += 1
    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.unbalanced += 1
        if tag == 'h2':
            self.inside = False
    def handle_data(self, data):
        if self.inside:
            self.programmes[-1] += data
p = P()
p.feed(open(sys.argv[1], encoding='utf-8').read())
print(json.dumps({'programmes': p.programmes, 'tables': p.tables, 'unbalanced': p.unbalanced + len(p.open)}))
"#;
    let report: serde_json::Value =
        serde_json::from_str(&run_python(&python, read, &[&html])).unwrap();
    assert_eq!(
        report["programmes"],
        serde_json::json!(["South Eastern Europe", "Firearms"])
    );
    assert_eq!(report["unbalanced"], 0, "every tag closed");
    assert!(report["tables"].as_u64().unwrap() >= 2);
}
