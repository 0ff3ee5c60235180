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
