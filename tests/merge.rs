//! `workplan merge`, run as git runs it: the real binary on real files, and as a merge
//! driver in a real git repository.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use workplan::model::{Activity, Project};

fn workplan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_workplan"))
}

use workplan::testing::sample;

fn write(dir: &Path, name: &str, project: &Project) -> PathBuf {
    let path = dir.join(name);
    workplan::io::save(project, &path).unwrap();
    path
}

/// Runs `workplan merge base ours theirs -o out` on three versions.
fn merge(base: &Project, ours: &Project, theirs: &Project) -> (Output, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.ron");
    let output = workplan()
        .arg("merge")
        .arg(write(dir.path(), "base.ron", base))
        .arg(write(dir.path(), "ours.ron", ours))
        .arg(write(dir.path(), "theirs.ron", theirs))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    (output, out, dir)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn new_activity(p: &mut Project, title: &str) -> workplan::model::Id {
    let id = p.allocate_id();
    p.activities.push(Activity::new(id, title, "Training"));
    id
}

#[test]
fn edits_to_different_activities_merge() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.activities[0].title = "Renamed by ours".into();
    theirs.activities[1].notes = "Noted by theirs".into();
    let officer = workplan::testing::add_staff(&mut theirs, "Officer of theirs");
    theirs.activities[0].officers = vec![officer];
    let (output, out, _dir) = merge(&base, &ours, &theirs);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let merged = workplan::io::load(&out).unwrap();
    assert_eq!(merged.activities[0].title, "Renamed by ours");
    assert_eq!(merged.activities[0].officers, [officer]);
    assert_eq!(
        merged.staff, theirs.staff,
        "the member theirs added comes along"
    );
    assert_eq!(merged.activities[1].notes, "Noted by theirs");
}

#[test]
fn the_same_field_changed_on_both_sides_is_a_conflict_naming_entity_and_field() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.activities[2].title = "Ours' title".into();
    theirs.activities[2].title = "Theirs' title".into();
    theirs.activities[3].notes = "merged anyway".into();
    let (output, out, _dir) = merge(&base, &ours, &theirs);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    let id = base.activities[2].id;
    assert!(
        text.contains(&format!(
            "conflict: activity {id} “Ours' title”, title: ours \"Ours' title\", theirs \"Theirs' title\""
        )),
        "{text}"
    );
    assert!(text.contains("1 conflict;"), "{text}");
    // The file is written all the same, with ours' side, and opens.
    let merged = workplan::io::load(&out).unwrap();
    assert_eq!(merged.activities[2].title, "Ours' title");
    assert_eq!(merged.activities[3].notes, "merged anyway");
}

#[test]
fn a_delete_against_an_edit_is_a_conflict() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    // An activity nothing links to, so that deleting it leaves a sound file.
    let victim = base
        .activities
        .iter()
        .find(|a| workplan::edit::integrity::reference_count(&base, a.id) == 0)
        .unwrap()
        .id;
    ours.activities.retain(|a| a.id != victim);
    let at = theirs
        .activities
        .iter()
        .position(|a| a.id == victim)
        .unwrap();
    theirs.activities[at].notes = "edited by theirs".into();
    let (output, out, _dir) = merge(&base, &ours, &theirs);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains(&format!("activity {victim}")), "{text}");
    assert!(text.contains("deleted by ours, edited by theirs"), "{text}");
    assert!(workplan::io::load(&out).unwrap().activity(victim).is_none());
}

#[test]
fn activities_added_on_both_sides_with_the_same_ids_are_both_kept() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let a = new_activity(&mut ours, "Added by ours");
    let b = new_activity(&mut theirs, "Added by theirs");
    assert_eq!(a, b);
    let (output, out, _dir) = merge(&base, &ours, &theirs);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let validate = workplan().arg("validate").arg(&out).output().unwrap();
    assert!(validate.status.success(), "{}", stderr(&validate));
    let merged = workplan::io::load(&out).unwrap();
    let titles: Vec<&str> = merged.activities.iter().map(|a| a.title.as_str()).collect();
    assert!(
        titles.ends_with(&["Added by ours", "Added by theirs"]),
        "{titles:?}"
    );
}

#[test]
fn an_unreadable_input_exits_2_with_file_line_column() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.ron", &sample());
    let broken = dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        "(\n    format_version: 1,\n    next_id: oops,\n)\n",
    )
    .unwrap();
    let out = dir.path().join("out.ron");
    let output = workplan()
        .arg("merge")
        .args([&good, &broken, &good])
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.starts_with(&format!("{}:3:", broken.display())),
        "{text}"
    );
    assert!(!out.exists());
}

/// A git repository in a temporary folder with the merge driver set up as the README says.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Self {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Planner"]);
        repo.git(&["config", "user.email", "planner@example.org"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo.git(&["config", "merge.workplan.name", "Workplan entity merge"]);
        let driver = format!(
            "'{}' merge %O %A %B -o %A --name %P",
            env!("CARGO_BIN_EXE_workplan")
        );
        repo.git(&["config", "merge.workplan.driver", &driver]);
        std::fs::write(
            repo.path("").join(".gitattributes"),
            "*.ron merge=workplan\n",
        )
        .unwrap();
        repo
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            // Keep the user's own git configuration out of the test.
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .unwrap()
    }

    fn git(&self, args: &[&str]) -> Output {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            stderr(&output)
        );
        output
    }

    fn commit(&self, project: &Project, message: &str) {
        workplan::io::save(project, &self.path("plan.ron")).unwrap();
        self.git(&["add", "plan.ron", ".gitattributes"]);
        self.git(&["commit", "-q", "-m", message]);
    }
}

#[test]
fn as_a_git_merge_driver_it_merges_edits_of_different_activities() {
    let repo = Repo::new();
    let base = sample();
    repo.commit(&base, "base");
    repo.git(&["checkout", "-q", "-b", "theirs"]);
    let mut theirs = base.clone();
    theirs.activities[1].title = "Renamed on the other branch".into();
    new_activity(&mut theirs, "Added on the other branch");
    repo.commit(&theirs, "theirs");
    repo.git(&["checkout", "-q", "main"]);
    let mut ours = base.clone();
    ours.activities[0].title = "Renamed on main".into();
    new_activity(&mut ours, "Added on main");
    repo.commit(&ours, "ours");

    let output = repo.run(&["merge", "--no-edit", "theirs"]);
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
    let merged = workplan::io::load(&repo.path("plan.ron")).unwrap();
    assert_eq!(merged.activities[0].title, "Renamed on main");
    assert_eq!(merged.activities[1].title, "Renamed on the other branch");
    let n = base.activities.len();
    assert_eq!(merged.activities[n].title, "Added on main");
    assert_eq!(merged.activities[n + 1].title, "Added on the other branch");
    assert!(workplan::edit::integrity::check(&merged).is_empty());
    // The merge was committed: nothing left to resolve.
    let status = repo.git(&["status", "--porcelain"]);
    assert!(
        status.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&status.stdout)
    );
}

#[test]
fn as_a_git_merge_driver_it_keeps_our_label_at_the_top_of_the_file() {
    let repo = Repo::new();
    let base = sample();
    let label = |text: &str| {
        let path = repo.path("plan.ron");
        let body = std::fs::read_to_string(&path).unwrap();
        let body = &body[workplan::io::save::leading_comments(&body).len()..];
        std::fs::write(&path, format!("{text}{body}")).unwrap();
    };
    workplan::io::save(&base, &repo.path("plan.ron")).unwrap();
    label("// Shared plan of the programme office.\n\n");
    repo.commit(&base, "base");
    repo.git(&["checkout", "-q", "-b", "theirs"]);
    let mut theirs = base.clone();
    theirs.activities[1].title = "Renamed on the other branch".into();
    repo.commit(&theirs, "theirs");
    repo.git(&["checkout", "-q", "main"]);
    let mut ours = base.clone();
    ours.activities[0].title = "Renamed on main".into();
    workplan::io::save(&ours, &repo.path("plan.ron")).unwrap();
    label("// Shared plan of the programme office.\n// Ask Ana before editing.\n\n");
    repo.commit(&ours, "ours");

    let output = repo.run(&["merge", "--no-edit", "theirs"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(repo.path("plan.ron")).unwrap();
    let merged = workplan::io::load(&repo.path("plan.ron")).unwrap();
    assert_eq!(merged.activities[1].title, "Renamed on the other branch");
    assert_eq!(
        text,
        format!(
            "// Shared plan of the programme office.\n// Ask Ana before editing.\n\n{}",
            workplan::io::to_ron(&merged)
        ),
        "ours' comment block, then the canonical text"
    );
}

#[test]
fn as_a_git_merge_driver_it_reports_a_conflict_and_leaves_a_file_that_opens() {
    let repo = Repo::new();
    let base = sample();
    repo.commit(&base, "base");
    repo.git(&["checkout", "-q", "-b", "theirs"]);
    let mut theirs = base.clone();
    theirs.activities[0].title = "Theirs' title".into();
    theirs.activities[1].notes = "Theirs' notes".into();
    repo.commit(&theirs, "theirs");
    repo.git(&["checkout", "-q", "main"]);
    let mut ours = base.clone();
    ours.activities[0].title = "Ours' title".into();
    repo.commit(&ours, "ours");

    let output = repo.run(&["merge", "--no-edit", "theirs"]);
    assert!(!output.status.success());
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
    assert!(text.contains("CONFLICT"), "{text}");
    assert!(text.contains("plan.ron"), "{text}");
    assert!(text.contains(", title: ours \"Ours' title\""), "{text}");
    let status = repo.git(&["status", "--porcelain"]);
    assert!(
        String::from_utf8_lossy(&status.stdout).contains("UU plan.ron"),
        "{}",
        String::from_utf8_lossy(&status.stdout)
    );
    // No conflict markers: the file opens, with ours' side and theirs' other change.
    let merged = workplan::io::load(&repo.path("plan.ron")).unwrap();
    assert_eq!(merged.activities[0].title, "Ours' title");
    assert_eq!(merged.activities[1].notes, "Theirs' notes");
}
