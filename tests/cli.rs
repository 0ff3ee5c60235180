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

/// Three copies of the sample as base, ours and theirs, and an output already there.
fn merge_inputs() -> (
    tempfile::TempDir,
    [std::path::PathBuf; 3],
    std::path::PathBuf,
) {
    let (dir, plan) = sample_copy();
    let mut theirs = workplan::io::load(&plan).unwrap();
    theirs.activities[0].notes = "Noted by theirs".into();
    let paths = ["base.ron", "ours.ron", "theirs.ron"].map(|n| dir.path().join(n));
    std::fs::copy(&plan, &paths[0]).unwrap();
    std::fs::copy(&plan, &paths[1]).unwrap();
    workplan::io::save(&theirs, &paths[2]).unwrap();
    (dir, paths, plan)
}

fn merge(
    inputs: &[std::path::PathBuf; 3],
    out: &std::path::Path,
    extra: &[&str],
) -> std::process::Output {
    workplan()
        .arg("merge")
        .args(inputs)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

fn text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn merge_leaves_an_output_open_for_editing_alone_unless_forced() {
    use workplan::session::lock;
    let (_dir, inputs, plan) = merge_inputs();
    let held = match lock::acquire(&plan, &lock::Holder::me()).unwrap() {
        lock::Acquired::Locked(lock) => lock,
        lock::Acquired::HeldBy(found) => panic!("{found:?}"),
    };
    let before = std::fs::read(&plan).unwrap();
    let output = merge(&inputs, &plan, &[]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    let said = text(&output);
    assert!(said.contains("open for editing since"), "{said}");
    assert!(said.contains("Nothing was merged"), "{said}");
    assert!(said.contains("--force"), "{said}");
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    let output = merge(&inputs, &plan, &["--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let merged = workplan::io::load(&plan).unwrap();
    assert_eq!(merged.activities[0].notes, "Noted by theirs");
    assert!(
        lock::lock_path(&plan).exists(),
        "the holder's lock is left alone"
    );
    drop(held);
    let output = merge(&inputs, &plan, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(!lock::lock_path(&plan).exists(), "our own lock is removed");
}

#[test]
fn generate_leaves_a_project_open_for_editing_alone_unless_forced() {
    use workplan::session::lock;
    let (_dir, plan) = sample_copy();
    let _held = match lock::acquire(&plan, &lock::Holder::me()).unwrap() {
        lock::Acquired::Locked(lock) => lock,
        lock::Acquired::HeldBy(found) => panic!("{found:?}"),
    };
    let before = std::fs::read(&plan).unwrap();
    let generate = |extra: &[&str]| {
        workplan()
            .args(["generate", "--activities", "3", "--objectives", "2", "-o"])
            .arg(&plan)
            .args(extra)
            .output()
            .unwrap()
    };
    let output = generate(&[]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("open for editing since"),
        "{}",
        text(&output)
    );
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    let output = generate(&["--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert_eq!(workplan::io::load(&plan).unwrap().activities.len(), 3);
}

#[test]
fn the_merge_driver_names_the_project_as_git_gives_it() {
    let (dir, inputs, _plan) = merge_inputs();
    let temporary = dir.path().join(".merge_file_a1B2c3");
    std::fs::copy(&inputs[1], &temporary).unwrap();
    let output = merge(&inputs, &temporary, &["--name", "plans/regional.ron"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let said = text(&output);
    assert!(said.contains("merged plans/regional.ron"), "{said}");
    assert!(!said.contains(".merge_file"), "{said}");
    // Without --name the file written is named.
    let out = dir.path().join("merged.ron");
    let output = merge(&inputs, &out, &[]);
    assert!(text(&output).contains(&format!("merged into {}", out.display())));
}

fn export(
    project: &std::path::Path,
    format: &str,
    out: &std::path::Path,
    extra: &[&str],
) -> std::process::Output {
    workplan()
        .args(["export", "--format", format])
        .arg(project)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn an_export_that_cannot_be_written_speaks_of_files_and_folders() {
    let (dir, plan) = sample_copy();
    let missing = dir.path().join("no-such-folder").join("x.csv");
    let output = export(&plan, "csv", &missing, &[]);
    assert_eq!(output.status.code(), Some(1));
    let said = text(&output);
    assert!(
        said.contains(&format!("Could not write {}", missing.display())),
        "{said}"
    );
    assert!(said.contains("does not exist"), "{said}");
    assert!(
        said.contains("create it, or choose another folder"),
        "{said}"
    );
    let output = export(&plan, "csv", dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let folder = text(&output);
    assert!(folder.contains("it is a folder, not a file"), "{folder}");
    for said in [said, folder] {
        assert!(!said.contains("still open"), "{said}");
        assert!(!said.contains("network drive"), "{said}");
    }
}

#[test]
fn an_export_refuses_the_options_its_format_does_not_use() {
    let (dir, plan) = sample_copy();
    let out = dir.path().join("out");
    for (format, extra, named, uses) in [
        (
            "csv",
            &["--from", "2010-01-01"][..],
            "--from",
            "report-html, report-pdf, timeline-svg, timeline-pdf, stories-md, stories-html, donor-html, donor-pdf and donor-xlsx",
        ),
        (
            "xlsx",
            &["--to", "2010-01-01"][..],
            "--to",
            "report-html, report-pdf, timeline-svg, timeline-pdf, stories-md, stories-html, donor-html, donor-pdf and donor-xlsx",
        ),
        (
            "agenda-html",
            &["--from", "2010-01-01", "--to", "2010-02-01"][..],
            "--from and --to",
            "--meeting",
        ),
        (
            "logframe-html",
            &["--meeting", "1"][..],
            "--meeting",
            "agenda-html, agenda-md, agenda-pdf, agenda-pack-pdf, minutes-html and minutes-pdf",
        ),
        (
            "report-html",
            &["--meeting", "1"][..],
            "--meeting",
            "--from and --to",
        ),
        (
            "agenda-pdf",
            &["--from", "2010-01-01"][..],
            "--from",
            "it takes --meeting and --paper",
        ),
    ] {
        let output = export(&plan, format, &out, extra);
        let said = text(&output);
        assert_eq!(output.status.code(), Some(2), "{format} {extra:?}: {said}");
        assert!(said.contains(&format!("--format {format}")), "{said}");
        assert!(
            said.contains(&format!("so {named} cannot be used")),
            "{said}"
        );
        assert!(said.contains(uses), "{said}");
        assert!(!out.exists(), "{format}: nothing written");
    }
    // The options a format uses are taken.
    let output = export(&plan, "report-html", &out, &["--from", "2010-01-01"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
}

#[test]
fn a_date_that_does_not_exist_says_why() {
    let (dir, plan) = sample_copy();
    let out = dir.path().join("report.html");
    for (date, why) in [
        ("2010-13-01", "month 13 does not exist"),
        ("2010-02-30", "February 2010 has 28 days"),
        ("2012-02-30", "February 2012 has 29 days"),
        ("17/06/2010", "write the date as YYYY-MM-DD"),
    ] {
        let output = export(&plan, "report-html", &out, &["--from", date]);
        assert_eq!(output.status.code(), Some(2), "{date}");
        assert!(text(&output).contains(why), "{date}: {}", text(&output));
        assert!(!text(&output).contains("out of range"), "{date}");
    }
    assert!(!out.exists());
}

#[test]
fn generate_refuses_no_objectives_and_honours_no_activities() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.ron");
    let output = workplan()
        .args(["generate", "--objectives", "0", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output).contains("1 or more"), "{}", text(&output));
    assert!(!out.exists());
    let output = workplan()
        .args([
            "generate",
            "--activities",
            "0",
            "--objectives",
            "5",
            "--meetings",
            "0",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let project = workplan::io::load(&out).unwrap();
    assert_eq!(project.activities.len(), 0);
    assert_eq!(project.objectives.len(), 5);
    assert_eq!(project.committee.meetings.len(), 0);
}

fn help(args: &[&str]) -> String {
    let output = workplan().args(args).arg("--help").output().unwrap();
    assert!(output.status.success(), "{args:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn export_help_says_once_which_formats_take_what_and_names_the_pages_as_written() {
    let text = help(&["export"]);
    assert!(!text.contains("needs --meeting"), "{text}");
    assert_eq!(
        text.matches("default: the latest meeting").count(),
        1,
        "{text}"
    );
    let second = workplan::exchange::export::page_path(std::path::Path::new("plan.svg"), 1);
    assert!(
        text.contains(&format!("-o plan.svg also writes {}", second.display())),
        "{text}"
    );
    assert!(!text.contains("OUT-2"), "{text}");
}

#[test]
fn every_option_of_every_command_is_described() {
    use clap::CommandFactory;
    let cli = workplan::cli::Cli::command();
    for command in cli.get_subcommands() {
        for arg in command.get_arguments() {
            assert!(
                arg.get_help().is_some(),
                "{} {} has no description",
                command.get_name(),
                arg.get_id()
            );
        }
    }
}

/// The README's command-line block, cut into one piece per command: (subcommand, its text).
fn readme_synopsis() -> Vec<(Option<String>, String)> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("## Command line\n")
        .nth(1)
        .expect("a command-line section");
    let block = section
        .split("```\n")
        .nth(1)
        .expect("a synopsis block right under the heading");
    let mut pieces: Vec<(Option<String>, String)> = Vec::new();
    for line in block.lines() {
        if let Some(rest) = line.strip_prefix("workplan ") {
            let word = rest.split_whitespace().next().unwrap_or_default();
            let sub = word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-')
                .then(|| word.to_string())
                .filter(|w| !w.starts_with('-'));
            pieces.push((sub, format!("{rest}\n")));
        } else {
            let last = pieces.last_mut().expect("the block starts with a command");
            last.1.push_str(line);
            last.1.push('\n');
        }
    }
    pieces
}

/// The options written in a piece of the synopsis: `--long` and `-s`.
fn options_in(text: &str) -> (Vec<String>, Vec<char>) {
    let mut long = Vec::new();
    let mut short = Vec::new();
    for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
        if let Some(name) = token.strip_prefix("--") {
            if !name.is_empty() {
                long.push(name.to_string());
            }
        } else if let Some(s) = token.strip_prefix('-')
            && s.len() == 1
            && s.chars().all(|c| c.is_ascii_lowercase())
        {
            short.push(s.chars().next().unwrap());
        }
    }
    (long, short)
}

#[test]
fn the_readme_synopsis_agrees_with_the_command_line() {
    use clap::CommandFactory;
    let cli = workplan::cli::Cli::command();
    let pieces = readme_synopsis();
    let documented: Vec<&str> = pieces.iter().filter_map(|(s, _)| s.as_deref()).collect();
    let commands: Vec<&str> = cli
        .get_subcommands()
        .map(|c| c.get_name())
        .filter(|n| *n != "help")
        .collect();
    let mut sorted = documented.clone();
    sorted.sort();
    let mut expected = commands.clone();
    expected.sort();
    assert_eq!(
        sorted, expected,
        "README synopsis against the CLI's subcommands"
    );
    for (sub, text) in &pieces {
        let (long, short) = options_in(text);
        let Some(sub) = sub else {
            // `workplan [FILE]` and `workplan --help | --version`.
            for name in long {
                assert!(
                    cli.get_arguments().any(|a| a.get_long() == Some(&name))
                        || ["help", "version"].contains(&name.as_str()),
                    "README names --{name}, which workplan does not take"
                );
            }
            continue;
        };
        let command = cli.find_subcommand(sub).unwrap();
        for arg in command.get_arguments() {
            if arg.is_positional() {
                let names = arg.get_value_names().unwrap_or_default();
                for value in names {
                    assert!(
                        text.contains(value.as_str()),
                        "README's `workplan {sub}` lacks {value}"
                    );
                }
                continue;
            }
            let written = arg.get_long().is_some_and(|l| long.iter().any(|n| n == l))
                || arg.get_short().is_some_and(|s| short.contains(&s));
            assert!(
                written,
                "README's `workplan {sub}` lacks {}",
                arg.get_long().unwrap_or_default()
            );
        }
        for name in &long {
            assert!(
                command.get_arguments().any(|a| a.get_long() == Some(name)),
                "README's `workplan {sub}` names --{name}, which {sub} does not take"
            );
        }
        for s in &short {
            assert!(
                command.get_arguments().any(|a| a.get_short() == Some(*s)),
                "README's `workplan {sub}` names -{s}, which {sub} does not take"
            );
        }
        // And its --help shows an example of it.
        let shown = help(&[sub]);
        assert!(
            shown
                .lines()
                .any(|l| l.starts_with(&format!("  workplan {sub} "))),
            "`workplan {sub} --help` has no example:\n{shown}"
        );
    }
}

#[test]
fn completions_name_every_command_for_each_shell() {
    use clap::CommandFactory;
    let cli = workplan::cli::Cli::command();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = workplan().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        for command in cli.get_subcommands() {
            assert!(
                script.contains(command.get_name()),
                "{shell} lacks {}",
                command.get_name()
            );
        }
        assert!(script.contains("import-valid"), "{shell}");
    }
    let output = workplan().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

/// The sample with activities 4 and 5 in Serbia, 5 known only to November 2009 (so it may
/// meet on 4's 18-20 November), written to `dir/name`; `change` edits it further.
fn check_project(
    dir: &std::path::Path,
    name: &str,
    change: impl FnOnce(&mut workplan::model::Project),
) -> std::path::PathBuf {
    use workplan::model::{PlaceMode, Precision, Status};
    let mut p = workplan::testing::sample();
    for (index, start, end, precision) in [
        (4, date("2009-11-18"), date("2009-11-20"), Precision::Day),
        (5, date("2009-11-01"), date("2009-11-30"), Precision::Month),
    ] {
        let a = &mut p.activities[index];
        a.status = Status::Planned;
        a.milestone = false;
        a.sessions.truncate(1);
        let s = &mut a.sessions[0];
        (s.start, s.end, s.precision) = (start, Some(end), precision);
        s.place.mode = PlaceMode::InPerson;
        s.place.country = "Republic of Serbia".into();
    }
    change(&mut p);
    let path = dir.join(name);
    std::fs::write(&path, workplan::io::to_ron(&p)).unwrap();
    path
}

fn check(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let output = workplan().arg("check").args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn check_prints_findings_as_json_with_kinds_severities_and_certainty() {
    let dir = tempfile::tempdir().unwrap();
    let file = check_project(dir.path(), "plan.ron", |_| {});
    let p = workplan::io::load(&file).unwrap();
    let (a, b) = (&p.activities[4], &p.activities[5]);
    let (code, stdout, stderr) = check(&["--format".as_ref(), "json".as_ref(), file.as_os_str()]);
    assert_eq!(code, Some(1), "the sample has errors: {stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect(&stdout);
    let findings = json["findings"].as_array().unwrap();
    let kinds = [
        "clash",
        "officer",
        "holiday",
        "outside-period",
        "no-date",
        "no-objective",
        "no-place",
        "predecessor",
    ];
    for f in findings {
        assert!(kinds.contains(&f["kind"].as_str().unwrap()), "{f}");
        assert!(["error", "warning", "note"].contains(&f["severity"].as_str().unwrap()));
        assert!(["certain", "possible"].contains(&f["certainty"].as_str().unwrap()));
        assert_eq!(f["file"], file.display().to_string());
        let id = f["activity"]["id"].as_u64().unwrap();
        let activity = p.activities.iter().find(|x| x.id.0 == id).unwrap();
        assert_eq!(f["activity"]["title"], activity.title.as_str());
        assert!(!f["message"].as_str().unwrap().is_empty());
    }
    let clash = findings
        .iter()
        .find(|f| f["kind"] == "clash" && f["activity"]["id"] == a.id.0)
        .unwrap_or_else(|| panic!("{stdout}"));
    assert_eq!(clash["severity"], "error");
    assert_eq!(clash["certainty"], "possible");
    assert_eq!(clash["other"]["id"], b.id.0);
    assert_eq!(clash["other"]["title"], b.title.as_str());
    assert_eq!(clash["other"]["file"], file.display().to_string());
    assert_eq!(clash["jurisdiction"], "Serbia");
    assert_eq!(
        clash["days"],
        serde_json::json!(["2009-11-18", "2009-11-20"])
    );
    assert!(
        clash["message"]
            .as_str()
            .unwrap()
            .starts_with("may overlap")
    );
    let no_date = findings.iter().find(|f| f["kind"] == "no-date").unwrap();
    assert_eq!(no_date["severity"], "warning");
    assert!(no_date.get("other").is_none(), "one activity: {no_date}");
    assert!(no_date["days"].is_null() && no_date["jurisdiction"].is_null());
    assert!(findings.iter().any(|f| f["kind"] == "outside-period"));
}

#[test]
fn check_exits_by_fail_on_and_2_on_a_file_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    // Without the checks that find errors, the file has warnings only.
    let warnings = check_project(dir.path(), "warnings.ron", |p| {
        p.settings.checks_off = vec!["clash".into(), "outside-period".into()];
    });
    let (code, stdout, _) = check(&[warnings.as_os_str()]);
    assert_eq!(code, Some(0), "default --fail-on error: {stdout}");
    assert!(stdout.lines().all(|l| !l.contains(": error [")), "{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.contains("[no-date]"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        line.starts_with(&format!("{}: warning [no-date]: “", warnings.display())),
        "{line}"
    );
    let fail_on =
        |level: &str| check(&["--fail-on".as_ref(), level.as_ref(), warnings.as_os_str()]).0;
    assert_eq!(fail_on("warning"), Some(1));
    assert_eq!(fail_on("note"), Some(1));
    assert_eq!(fail_on("error"), Some(0));
    // The possible clash in text: its certainty beside its kind.
    let clashing = check_project(dir.path(), "clashing.ron", |_| {});
    let (code, stdout, _) = check(&[clashing.as_os_str()]);
    assert_eq!(code, Some(1));
    assert!(stdout.contains(": error [clash, possible]: “"), "{stdout}");
    // Accepting every finding leaves nothing to report.
    let accepted = check_project(dir.path(), "accepted.ron", |p| {
        let found = workplan::plan::checks::run(p);
        for f in found {
            let id = p.allocate_id();
            p.accepted_checks
                .push(f.accept(id, "Known", date("2009-09-01")));
        }
    });
    let (code, stdout, _) = check(&["--fail-on".as_ref(), "note".as_ref(), accepted.as_os_str()]);
    assert_eq!((code, stdout.as_str()), (Some(0), ""));
    // A file that cannot be read: FILE:LINE:COL on stderr, exit 2, the other files still checked.
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format_version: 1, next_id: ").unwrap();
    let (code, stdout, stderr) = check(&[broken.as_os_str(), warnings.as_os_str()]);
    assert_eq!(code, Some(2), "{stderr}");
    let rest = stderr
        .strip_prefix(&format!("{}:", broken.display()))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        rest.split(':').next().unwrap().parse::<usize>().is_ok(),
        "{stderr}"
    );
    assert!(stdout.contains(&format!("{}: warning", warnings.display())));
    let (code, _, _) = check(&[dir.path().join("missing.ron").as_os_str()]);
    assert_eq!(code, Some(2));
}

#[test]
fn a_report_compares_with_the_baseline_named_and_other_formats_refuse_one() {
    let (dir, plan) = sample_copy();
    let mut project = workplan::io::load(&plan).unwrap();
    let id = project.allocate_id();
    let saved = chrono::NaiveDate::from_ymd_opt(2009, 10, 1).unwrap();
    let baseline = workplan::plan::baseline::snapshot(&project, id, "Approved by SC1", saved, "");
    project.baselines.push(baseline);
    // The first activity is before the programme's period, so the report leaves it out.
    let moved = project
        .activities
        .iter_mut()
        .find(|a| {
            a.title
                .starts_with("Review of domestic organised-crime legislation")
        })
        .unwrap();
    let session = &mut moved.sessions[0];
    session.start = session.start + chrono::Days::new(7);
    session.end = session.end.map(|e| e + chrono::Days::new(7));
    workplan::io::save(&project, &plan).unwrap();

    let out = dir.path().join("report.html");
    // Names compare as pick lists do: case and accents aside.
    let output = export(
        &plan,
        "report-html",
        &out,
        &["--baseline", "approved by sc1"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        html.contains("Compared with baseline “Approved by SC1”"),
        "{html}"
    );
    assert!(
        html.contains("Baseline: 18–20 Nov 2009 (start +7, end +7 days)"),
        "{html}"
    );
    assert!(html.contains("(unchanged)"), "{html}");

    let output = export(
        &plan,
        "report-pdf",
        &dir.path().join("r.pdf"),
        &["--baseline", "Approved by SC1"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));

    let timeline = dir.path().join("t.pdf");
    let output = export(
        &plan,
        "timeline-pdf",
        &timeline,
        &["--baseline", "Approved by SC1"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(std::fs::read(&timeline).unwrap().starts_with(b"%PDF-"));

    let missing = dir.path().join("missing.html");
    let output = export(&plan, "report-html", &missing, &["--baseline", "SC9"]);
    assert_eq!(output.status.code(), Some(2));
    let said = text(&output);
    assert!(
        said.contains("no baseline “SC9”; the project has “Approved by SC1”"),
        "{said}"
    );
    assert!(!missing.exists());

    let output = export(&plan, "csv", &missing, &["--baseline", "Approved by SC1"]);
    assert_eq!(output.status.code(), Some(2));
    let said = text(&output);
    assert!(
        said.contains("--format csv does not compare with a baseline")
            && said.contains("only report-html, report-pdf and timeline-pdf do"),
        "{said}"
    );
    assert!(!missing.exists());
}

/// Two programmes' files: the check's project in `a.ron`, and in `b.ron` the same with
/// activity 4 renamed, so each activity meets its twin on the same days in the same places.
fn two_programmes(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let a = check_project(dir, "a.ron", |_| {});
    let b = check_project(dir, "b.ron", |p| {
        p.activities[4].title = "Port control visit".into();
    });
    (a, b)
}

#[test]
fn check_of_several_files_finds_clashes_across_them_and_names_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_programmes(dir.path());
    let id = workplan::io::load(&a).unwrap().activities[4].id.0;
    let (code, stdout, stderr) = check(&[a.as_os_str(), b.as_os_str()]);
    assert_eq!(code, Some(1), "{stderr}");
    let line = stdout
        .lines()
        .find(|l| l.contains("[cross-clash]") && l.contains("“Port control visit”"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        line.starts_with(&format!("{}: error [cross-clash]: a “", a.display())),
        "{line}"
    );
    assert!(line.ends_with(&format!("({})", b.display())), "{line}");
    // One file alone has nothing across files.
    let (_, alone, _) = check(&[a.as_os_str()]);
    assert!(!alone.contains("[cross-"), "{alone}");

    let (_, stdout, _) = check(&[
        "--format".as_ref(),
        "json".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect(&stdout);
    let findings = json["findings"].as_array().unwrap();
    let clash = findings
        .iter()
        .find(|f| {
            f["kind"] == "cross-clash"
                && f["activity"]["id"] == id
                && f["other"]["id"] == id
                && f["jurisdiction"] == "Serbia"
        })
        .unwrap_or_else(|| panic!("{stdout}"));
    assert_eq!(clash["file"], a.display().to_string());
    assert_eq!(clash["other"]["file"], b.display().to_string());
    assert_eq!(clash["other"]["title"], "Port control visit");
    assert_eq!(clash["programme"], "a");
    assert_eq!(clash["other"]["programme"], "b");
    assert_eq!(clash["severity"], "error");
    assert_eq!(
        clash["days"],
        serde_json::json!(["2009-11-18", "2009-11-20"])
    );
    for f in findings {
        let kind = f["kind"].as_str().unwrap();
        if kind.starts_with("cross-") || kind == "duplicate" {
            assert_ne!(f["file"], f["other"]["file"], "{f}");
        }
    }
}

#[test]
fn check_of_a_portfolio_checks_its_members_honours_its_marks_and_reports_a_broken_member() {
    use workplan::model::portfolio::{MemberActivity, NotDuplicate, Portfolio, PortfolioMember};
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_programmes(dir.path());
    std::fs::write(
        dir.path().join("broken.ron"),
        "(format_version: 1, next_id: ",
    )
    .unwrap();
    let member = |path: &str, name: &str| PortfolioMember {
        path: path.into(),
        name: name.into(),
        colour: "#1f77b4".into(),
    };
    let mut portfolio = Portfolio {
        members: vec![
            member("a.ron", "Firearms"),
            member("b.ron", "Containers"),
            member("broken.ron", "Broken"),
        ],
        ..Portfolio::default()
    };
    let file = dir.path().join("office.wpf");
    let json_of = |portfolio: &Portfolio| {
        std::fs::write(&file, workplan::io::portfolio::portfolio_text(portfolio)).unwrap();
        let (code, stdout, stderr) =
            check(&["--format".as_ref(), "json".as_ref(), file.as_os_str()]);
        let json: serde_json::Value = serde_json::from_str(&stdout).expect(&stdout);
        (code, json["findings"].as_array().unwrap().clone(), stderr)
    };
    let (code, findings, stderr) = json_of(&portfolio);
    assert_eq!(code, Some(2), "a member cannot be read");
    assert!(stderr.contains("broken.ron"), "{stderr}");
    let clash = findings
        .iter()
        .find(|f| f["kind"] == "cross-clash")
        .unwrap_or_else(|| panic!("{findings:?}"));
    assert_eq!(clash["file"], a.display().to_string());
    assert_eq!(clash["programme"], "Firearms");
    assert_eq!(clash["other"]["file"], b.display().to_string());
    assert_eq!(clash["other"]["programme"], "Containers");
    // The twins look like duplicates; a mark on one pair keeps that pair quiet.
    let duplicate = findings
        .iter()
        .find(|f| f["kind"] == "duplicate")
        .unwrap_or_else(|| panic!("{findings:?}"))
        .clone();
    assert!(!duplicate["reasons"].as_array().unwrap().is_empty());
    let side = |f: &serde_json::Value, file: &std::path::Path| MemberActivity {
        member: file.file_name().unwrap().to_string_lossy().into_owned(),
        activity: workplan::model::Id(f["id"].as_u64().unwrap()),
    };
    let pair = |f: &serde_json::Value| (f["activity"]["id"].clone(), f["other"]["id"].clone());
    portfolio.not_duplicates.push(NotDuplicate {
        first: side(&duplicate["other"], &b),
        second: side(&duplicate["activity"], &a),
        note: "Different ports".into(),
    });
    let (_, marked, _) = json_of(&portfolio);
    let duplicates = |list: &[serde_json::Value]| {
        list.iter()
            .filter(|f| f["kind"] == "duplicate")
            .map(pair)
            .collect::<Vec<_>>()
    };
    let before = duplicates(&findings);
    let after = duplicates(&marked);
    assert_eq!(after.len() + 1, before.len());
    assert!(!after.contains(&pair(&duplicate)));
}

#[test]
fn export_of_a_portfolio_writes_its_members_together_and_names_one_it_cannot_read() {
    use workplan::model::portfolio::{Portfolio, PortfolioMember};
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = two_programmes(dir.path());
    std::fs::write(
        dir.path().join("broken.ron"),
        "(format_version: 1, next_id: ",
    )
    .unwrap();
    let member = |path: &str, name: &str| PortfolioMember {
        path: path.into(),
        name: name.into(),
        colour: "#d62728".into(),
    };
    let mut portfolio = Portfolio {
        name: "Regional office".into(),
        members: vec![
            member("a.ron", "Firearms"),
            member("b.ron", "Containers"),
            member("broken.ron", "Broken"),
        ],
        ..Portfolio::default()
    };
    // Named .wpf or not, a portfolio is told by its content, as `check` tells it.
    let file = dir.path().join("office.ron.txt");
    let write = |portfolio: &Portfolio| {
        std::fs::write(&file, workplan::io::portfolio::portfolio_text(portfolio)).unwrap();
    };
    write(&portfolio);
    let ics = dir.path().join("office.ics");
    let output = export(&file, "ics", &ics, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "a member left out: {stderr}");
    let broken = dir.path().join("broken.ron");
    assert!(
        stderr.contains(&format!("{}:1:", broken.display())),
        "FILE:LINE:COL of the broken member: {stderr}"
    );
    assert!(
        stderr.contains("not in the export, as its file could not be read: Broken (broken.ron)"),
        "{stderr}"
    );
    let calendar = std::fs::read_to_string(&ics).unwrap();
    assert!(calendar.contains("SUMMARY:[Firearms] "), "{calendar}");
    assert!(calendar.contains("SUMMARY:[Containers] "));
    let session = workplan::io::load(&a).unwrap().activities[0].sessions[0].id;
    assert!(calendar.contains(&format!("UID:session-{session}.a.ron@")));
    assert!(calendar.contains(&format!("UID:session-{session}.b.ron@")));
    assert!(String::from_utf8_lossy(&output.stdout).contains("of 2 programmes"));

    // Every member read: exit 0.
    portfolio.members.pop();
    write(&portfolio);
    let report = dir.path().join("report.html");
    let output = export(&file, "report-html", &report, &["--from", "2009-01-01"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = std::fs::read_to_string(&report).unwrap();
    // Each programme's heading ruled in its colour from the portfolio file.
    let heading = |name: &str| {
        format!("<h2 class=\"programme\" style=\"border-left-color: #d62728\">{name}</h2>")
    };
    assert!(html.contains(&heading("Firearms")), "{html}");
    assert!(html.contains(&heading("Containers")));
    let xlsx = dir.path().join("workplan.xlsx");
    assert_eq!(export(&file, "xlsx", &xlsx, &[]).status.code(), Some(0));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));

    // A format of one project, or an option of one project, is refused before anything is read.
    let json = dir.path().join("office.json");
    let output = export(&file, "json", &json, &[]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(said.contains("this is a portfolio file, and --format json is made from one project"));
    for name in ["ics", "xlsx", "report-html"] {
        assert!(said.contains(name), "names the formats that work: {said}");
    }
    assert!(!json.exists());
    let output = export(&file, "report-html", &report, &["--baseline", "SC1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--baseline cannot be used"));

    // The output is never a member's own file.
    let before = std::fs::read(&a).unwrap();
    let output = export(&file, "ics", &a, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("member “Firearms”"));
    assert_eq!(std::fs::read(&a).unwrap(), before);
}
