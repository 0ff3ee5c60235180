//! The command line, run as a user would: the real binary, its exit codes and its output.

use std::process::Command;

fn workplan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_workplan"))
}

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn validate_accepts_the_sample_and_the_fixture() {
    let output = workplan()
        .arg("validate")
        .arg(root().join("sample-data/see-regional-programme-2009-2011.ron"))
        .arg(root().join("tests/fixtures/format-v1.ron"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        stdout.lines().filter(|l| l.contains(": ok (")).count(),
        2,
        "{stdout}"
    );
}

#[test]
fn validate_reports_file_line_column_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    let fixture = std::fs::read_to_string(root().join("tests/fixtures/format-v1.ron")).unwrap();
    std::fs::write(&broken, fixture.replace("member: 11,", "member: 99,")).unwrap();
    let missing = dir.path().join("missing.ron");
    let output = workplan()
        .arg("validate")
        .arg(&broken)
        .arg(root().join("tests/fixtures/format-v1.ron"))
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    let prefix = format!("{}:", broken.display());
    let rest = lines[0]
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{stderr}"));
    let mut parts = rest.splitn(3, ':');
    assert!(
        parts.next().unwrap().parse::<usize>().is_ok(),
        "line number in {stderr}"
    );
    assert!(
        parts.next().unwrap().parse::<usize>().is_ok(),
        "column in {stderr}"
    );
    assert!(
        lines[1].starts_with(&format!("{}: ", missing.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn validate_without_files_is_a_usage_error() {
    let output = workplan().arg("validate").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn help_and_version_answer_without_a_window() {
    let output = workplan().arg("--version").output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains(env!("CARGO_PKG_VERSION")));
    let output = workplan().arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("validate"), "{help}");
}

#[test]
fn an_export_never_replaces_its_own_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("plan.ron");
    std::fs::copy(root().join("tests/fixtures/format-v1.ron"), &project).unwrap();
    let before = std::fs::read(&project).unwrap();
    let output = workplan()
        .args(["export", "--format", "logframe-html"])
        .arg(&project)
        .arg("-o")
        .arg(&project)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("project file itself"));
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

/// A copy of the sample project to import into, in a folder of its own.
fn sample_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("plan.ron");
    std::fs::copy(
        root().join("sample-data/see-regional-programme-2009-2011.ron"),
        &project,
    )
    .unwrap();
    (dir, project)
}

fn import_csv(
    project: &std::path::Path,
    csv: &std::path::Path,
    extra: &[&str],
) -> std::process::Output {
    workplan()
        .arg("import-csv")
        .arg(project)
        .arg(csv)
        .args(extra)
        .output()
        .unwrap()
}

fn last_titles(project: &std::path::Path, n: usize) -> Vec<String> {
    let p = workplan::io::load(project).unwrap();
    p.activities[p.activities.len() - n..]
        .iter()
        .map(|a| a.title.clone())
        .collect()
}

#[test]
fn import_csv_reads_excel_s_windows_1252_with_semicolons() {
    let (dir, project) = sample_copy();
    let csv = dir.path().join("excel.csv");
    // As Excel saves "CSV" in most of Europe: Windows-1252 (0xE6 æ, 0x9A š, 0xE8 è), `;`.
    let mut bytes = b"title;kind;status;sessions\r\n".to_vec();
    bytes.extend(b"R\xE6d og \x9Akola;Training;Planned;\"2010-06-17 @ Podgorica, Montenegro\"\r\n");
    bytes.extend(b"\"Atelier \xE0 Gen\xE8ve; suite\";Training;Planned;\r\n");
    std::fs::write(&csv, bytes).unwrap();
    let output = import_csv(&project, &csv, &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("Read as Windows-1252, separated by ;"),
        "{stdout}"
    );
    assert_eq!(
        last_titles(&project, 2),
        vec!["Ræd og škola", "Atelier à Genève; suite"]
    );
    let p = workplan::io::load(&project).unwrap();
    assert_eq!(p.activities.last().unwrap().sessions.len(), 0);
    assert_eq!(
        p.activities[p.activities.len() - 2].sessions[0].place.city,
        "Podgorica"
    );
}

#[test]
fn import_csv_reads_utf16_unicode_text_with_tabs_and_takes_overrides() {
    let (dir, project) = sample_copy();
    let csv = dir.path().join("unicode.txt");
    let text =
        "title\tkind\tstatus\r\nObuka o oduzimanju imovine — Đurđevac\tTraining\tPlanned\r\n";
    // Excel's "Unicode text": UTF-16 little-endian with its byte-order mark, tab-separated.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    std::fs::write(&csv, &bytes).unwrap();
    // Named wrongly, the separator leaves no title column and nothing is written.
    let before = std::fs::read(&project).unwrap();
    let output = import_csv(&project, &csv, &["--delimiter", "semicolon"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no “title” column"));
    assert_eq!(std::fs::read(&project).unwrap(), before);
    let output = import_csv(
        &project,
        &csv,
        &["--encoding", "utf-16", "--delimiter", "tab"],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("Read as UTF-16 LE (with byte-order mark), separated by tabs"),
        "{stdout}"
    );
    assert_eq!(
        last_titles(&project, 1),
        vec!["Obuka o oduzimanju imovine — Đurđevac"]
    );
}

#[test]
fn import_csv_reports_every_bad_cell_of_a_row_with_its_column() {
    let (dir, project) = sample_copy();
    let csv = dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        "title,kind,status,budget\r\nGood one,Training,Planned,1000\r\nBad one,Excursion,Planned,lots\r\n",
    )
    .unwrap();
    let before = std::fs::read(&project).unwrap();
    let output = import_csv(&project, &csv, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let file = csv.display().to_string();
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[0].starts_with(&format!(
            "{file}:3:kind: “Excursion” is not one of the activity kinds"
        )),
        "{stderr}"
    );
    assert_eq!(
        lines[1],
        format!("{file}:3:budget: “lots” is not a whole amount")
    );
    assert!(
        lines[2].starts_with("1 row(s) refused; nothing was imported."),
        "{stderr}"
    );
    assert_eq!(lines.len(), 3, "{stderr}");
    assert_eq!(std::fs::read(&project).unwrap(), before, "nothing imported");
    // The row's other problems do not stop the good row from landing when asked.
    let output = import_csv(&project, &csv, &["--import-valid"]);
    assert!(output.status.success());
    assert_eq!(last_titles(&project, 1), vec!["Good one"]);
}

fn import(project: &std::path::Path, input: &std::path::Path, extra: &[&str]) -> (bool, String) {
    let output = workplan()
        .arg("import")
        .arg(project)
        .arg(input)
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

fn date(text: &str) -> chrono::NaiveDate {
    text.parse().unwrap()
}

/// Records as a unit keeps them: names in many forms, no amounts, dates as reports write them.
const RECORDS: &str = "title,kind,status,sessions,beneficiaries,partners,funding\r\n\
    Regional meeting on witness protection,Regional expert meeting,Done,\"18-20 November 2009, Belgrade, Serbia; 2-4 December 2009, Tirana, Albania\",\"Kosovo*; SERBIA\",UNDP,Government of Sweden\r\n\
    Online briefing,Working meeting,Done,\"7 October 2010, online\",Albania,United Nations Development Programme (UNDP),\r\n\
    Hybrid training,Training,Done,\"5-7 May 2010, Croatia / online\",Croatia,,\"Government of Sweden=12000\"\r\n\
    Study of court statistics,Training,Planned,\"January-March 2009; 30 Nov – 2 Dec 2009; 18–20 May 2010\",,,\r\n\
    Mentoring,Training,Planned,05/06/2010; 18/05/2010,,,\r\n";

#[test]
fn import_lists_unknown_names_by_kind_and_adds_them_when_asked() {
    let (dir, project) = sample_copy();
    let before = std::fs::read(&project).unwrap();
    let csv = dir.path().join("records.csv");
    std::fs::write(&csv, RECORDS).unwrap();

    let (ok, text) = import(&project, &csv, &[]);
    assert!(!ok, "{text}");
    assert!(
        text.contains("names the programme does not have (pass --add-unknown"),
        "{text}"
    );
    assert!(text.contains("  partner “UNDP”: row 2\n"), "{text}");
    assert!(
        text.contains("  donor or fund “Government of Sweden”: rows 2, 4\n"),
        "{text}"
    );
    assert!(
        text.contains("records.csv:6:sessions: “05/06/2010” could be"),
        "an ambiguous date is a row problem: {text}"
    );
    assert_eq!(std::fs::read(&project).unwrap(), before, "nothing written");

    let (ok, text) = import(&project, &csv, &["--add-unknown", "--date-order", "DMY"]);
    assert!(ok, "{text}");
    assert!(
        text.contains("added partner “United Nations Development Programme (UNDP)”"),
        "{text}"
    );
    assert!(
        text.contains("added donor or fund “Government of Sweden”"),
        "{text}"
    );
    let p = workplan::io::load(&project).unwrap();
    let undp: Vec<_> = p
        .programme
        .partners
        .iter()
        .filter(|o| o.acronym == "UNDP")
        .collect();
    assert_eq!(undp.len(), 1, "one partner for both forms");
    let new = &p.activities[p.activities.len() - 5..];
    let first = &new[0];
    assert_eq!(first.sessions.len(), 2);
    assert_eq!(first.sessions[0].start, date("2009-11-18"));
    assert_eq!(first.sessions[0].end, Some(date("2009-11-20")));
    assert_eq!(first.sessions[0].place.city, "Belgrade");
    assert_eq!(first.sessions[0].place.country, "Serbia");
    assert_eq!(first.sessions[1].place.city, "Tirana");
    assert_eq!(first.beneficiaries.len(), 2, "Kosovo* and SERBIA");
    assert_eq!(first.funding.len(), 1);
    assert_eq!(
        first.funding[0].amount, None,
        "a donor named without an amount"
    );
    assert_eq!(
        new[1].sessions[0].place.mode,
        workplan::model::PlaceMode::Online
    );
    assert_eq!(new[1].partners, vec![undp[0].id]);
    let hybrid = &new[2].sessions[0];
    assert_eq!(hybrid.place.mode, workplan::model::PlaceMode::Hybrid);
    assert_eq!(hybrid.place.country, "Croatia");
    assert_eq!(new[2].funding[0].amount, Some(12000));
    let study = &new[3].sessions;
    assert_eq!(study[0].precision, workplan::model::Precision::Month);
    assert_eq!(study[0].start, date("2009-01-01"));
    assert_eq!(study[0].last_day(), date("2009-03-31"));
    assert_eq!(
        (study[1].start, study[1].end),
        (date("2009-11-30"), Some(date("2009-12-02")))
    );
    assert_eq!(
        (study[2].start, study[2].end),
        (date("2010-05-18"), Some(date("2010-05-20")))
    );
    let mentoring = &new[4].sessions;
    assert_eq!(
        mentoring[0].start,
        date("2010-06-05"),
        "05/06 read day first"
    );
    assert_eq!(mentoring[1].start, date("2010-05-18"));
}

#[test]
fn import_reads_a_workbook_sheet_with_its_own_headers_and_date_cells() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let (dir, project) = sample_copy();
    let path = dir.path().join("unit.xlsx");
    let mut workbook = Workbook::new();
    workbook
        .add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write(0, 0, "Not the activities")
        .unwrap();
    let sheet = workbook.add_worksheet().set_name("Activities").unwrap();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in [
        "Event title",
        "Type",
        "Status",
        "Start",
        "End",
        "City",
        "Country",
        "Participants planned",
        "Beneficiaries",
        "Partners",
    ]
    .iter()
    .enumerate()
    {
        sheet.write(0, c as u16, *h).unwrap();
    }
    sheet
        .write(1, 0, "Regional conference on drug demand reduction")
        .unwrap();
    sheet.write(1, 1, "Conference").unwrap();
    sheet.write(1, 2, "Done").unwrap();
    let start = ExcelDateTime::from_ymd(2010, 10, 5).unwrap();
    let end = ExcelDateTime::from_ymd(2010, 10, 7).unwrap();
    sheet
        .write_datetime_with_format(1, 3, &start, &day)
        .unwrap();
    sheet.write_datetime_with_format(1, 4, &end, &day).unwrap();
    sheet.write(1, 5, "Skopje").unwrap();
    sheet
        .write(1, 6, "the former Yugoslav Republic of Macedonia")
        .unwrap();
    sheet.write(1, 7, 45).unwrap();
    sheet.write(1, 8, "FYROM; Kosovo*").unwrap();
    sheet
        .write(1, 9, "World Customs Organization (WCO)")
        .unwrap();
    workbook.save(&path).unwrap();

    let (ok, text) = import(&project, &path, &[]);
    assert!(!ok);
    assert!(
        text.contains("the workbook also has “Activities”") || text.contains("no “title” column"),
        "{text}"
    );
    let (ok, text) = import(
        &project,
        &path,
        &[
            "--sheet",
            "activities",
            "--map",
            "Event title=title",
            "--map",
            "Type=kind",
            "--add-unknown",
        ],
    );
    assert!(ok, "{text}");
    assert!(text.contains("Read sheet “Activities”"), "{text}");
    let p = workplan::io::load(&project).unwrap();
    let a = p.activities.last().unwrap();
    assert_eq!(a.title, "Regional conference on drug demand reduction");
    assert_eq!(a.kind, "Conference");
    assert_eq!(a.participants.planned, Some(45), "a number cell");
    assert_eq!(a.sessions[0].start, date("2010-10-05"), "date cells");
    assert_eq!(a.sessions[0].end, Some(date("2010-10-07")));
    assert_eq!(a.sessions[0].place.city, "Skopje");
    assert_eq!(
        a.sessions[0].place.country, "The former Yugoslav Republic of Macedonia",
        "a place in a beneficiary, as the programme names it"
    );
    assert_eq!(a.beneficiaries.len(), 2, "FYROM and Kosovo*");
    let wco = p.programme.partners.last().unwrap();
    assert_eq!(
        (wco.name.as_str(), wco.acronym.as_str()),
        ("World Customs Organization", "WCO")
    );
    assert_eq!(a.partners, vec![wco.id]);
}

#[test]
fn a_workbook_exported_then_imported_changes_nothing_and_writes_nothing() {
    let (dir, project) = sample_copy();
    let xlsx = dir.path().join("plan.xlsx");
    let output = workplan()
        .args(["export", "--format", "xlsx"])
        .arg(&project)
        .arg("-o")
        .arg(&xlsx)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let before = std::fs::read(&project).unwrap();
    let (ok, text) = import(&project, &xlsx, &[]);
    assert!(ok, "{text}");
    assert!(
        text.contains("changes nothing (0 new, 0 updated, 12 unchanged)"),
        "{text}"
    );
    assert_eq!(
        std::fs::read(&project).unwrap(),
        before,
        "the project file is not rewritten"
    );
}

#[test]
fn a_file_that_is_not_a_spreadsheet_is_refused_and_changes_nothing() {
    let (dir, project) = sample_copy();
    let before = std::fs::read(&project).unwrap();
    let fake = dir.path().join("plan.xlsx");
    std::fs::write(&fake, "title,kind,status\r\n").unwrap();
    let (ok, text) = import(&project, &fake, &[]);
    assert!(!ok);
    assert!(
        text.contains("plan.xlsx: this file is not an Excel workbook"),
        "{text}"
    );
    let pdf = dir.path().join("plan.pdf");
    std::fs::write(&pdf, "%PDF-1.7").unwrap();
    let (ok, text) = import(&project, &pdf, &[]);
    assert!(!ok);
    assert!(text.contains(".pdf files cannot be imported"), "{text}");
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

#[test]
fn import_leaves_a_project_open_for_editing_alone_unless_forced() {
    use workplan::session::lock;
    let (dir, project) = sample_copy();
    let csv = dir.path().join("new.csv");
    std::fs::write(
        &csv,
        "title,kind,status\r\nStudy visit to Ljubljana,Study visit,Planned\r\n",
    )
    .unwrap();
    // This test's process holds the lock, as a window with the file open would.
    let held = match lock::acquire(&project, &lock::Holder::me()).unwrap() {
        lock::Acquired::Locked(lock) => lock,
        lock::Acquired::HeldBy(found) => panic!("{found:?}"),
    };
    let before = std::fs::read(&project).unwrap();
    let (ok, text) = import(&project, &csv, &[]);
    assert!(!ok);
    assert!(text.contains("open for editing since"), "{text}");
    assert!(text.contains("Nothing was imported"), "{text}");
    assert_eq!(std::fs::read(&project).unwrap(), before);
    let (ok, text) = import(&project, &csv, &["--force"]);
    assert!(ok, "{text}");
    assert_eq!(last_titles(&project, 1), vec!["Study visit to Ljubljana"]);
    assert!(
        lock::lock_path(&project).exists(),
        "the holder's lock is left alone"
    );
    drop(held);
    // Free again: imported under a lock of its own, removed afterwards.
    std::fs::write(
        &csv,
        "title,kind,status\r\nSecond visit,Study visit,Planned\r\n",
    )
    .unwrap();
    let (ok, text) = import(&project, &csv, &[]);
    assert!(ok, "{text}");
    assert!(!lock::lock_path(&project).exists());
}
