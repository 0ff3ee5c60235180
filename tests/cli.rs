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
