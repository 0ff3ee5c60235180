//! The MS Project XML export read back by MPXJ, a reader we did not write (the library
//! behind ProjectLibre and many converters), through Python: tasks, outline, dates,
//! milestones and links as MPXJ sees them.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use serde_json::Value;
use workplan::exchange::export::mspdi::{UNLINKED, to_xml};
use workplan::model::{Dependency, Precision, Project, Session, Status};

/// Reads each file named on the command line with MPXJ and prints one JSON list per file.
const READER: &str = r#"
import json, sys
import jpype, mpxj
jpype.startJVM()
from org.mpxj.reader import UniversalProjectReader
out = []
for path in sys.argv[1:]:
    project = UniversalProjectReader().read(path)
    tasks = []
    for t in project.getTasks():
        parent = t.getParentTask()
        preds = []
        for r in t.getPredecessors():
            lag = r.getLag()
            preds.append([int(r.getPredecessorTask().getUniqueID()), str(r.getType().name()),
                          float(lag.getDuration()), str(lag.getUnits().name())])
        tasks.append({
            "uid": int(t.getUniqueID()),
            "name": str(t.getName()),
            "level": int(t.getOutlineLevel()),
            "start": str(t.getStart()),
            "finish": str(t.getFinish()),
            "milestone": bool(t.getMilestone()),
            "summary": bool(t.getSummary()),
            "percent": float(t.getPercentageComplete() or 0),
            "duration": [float(t.getDuration().getDuration()), str(t.getDuration().getUnits().name())],
            "parent": int(parent.getUniqueID()) if parent is not None else None,
            "preds": preds,
        })
    out.append(tasks)
print(json.dumps(out))
"#;

/// The Python that has MPXJ and a Java to run it; fails, rather than skips, saying how to
/// get them.
fn python_with_mpxj() -> String {
    let python = std::env::var("WORKPLAN_PYTHON").unwrap_or_else(|_| "python3".into());
    let probe = Command::new(&python)
        .args(["-c", "import jpype, mpxj; jpype.startJVM()"])
        .output();
    let found = probe.as_ref().is_ok_and(|o| o.status.success());
    assert!(
        found,
        "the MS Project XML test reads the export with MPXJ, which `{python}` cannot run. \
         It needs a Java runtime (Debian: apt-get install default-jre-headless) and MPXJ in a \
         venv:\n  python3 -m venv target/python-venv && target/python-venv/bin/pip install \
         mpxj jpype1\n  export WORKPLAN_PYTHON=$PWD/target/python-venv/bin/python\n(.ci/run \
         does this.) {}",
        probe
            .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            .unwrap_or_else(|e| e.to_string())
    );
    python
}

fn read_with_mpxj(paths: &[&Path]) -> Vec<Vec<Value>> {
    let output = Command::new(python_with_mpxj())
        .arg("-c")
        .arg(READER)
        .args(paths)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let json = text.lines().last().expect("MPXJ's tasks");
    let files: Vec<Value> = serde_json::from_str(json).unwrap();
    files
        .into_iter()
        .map(|f| f.as_array().unwrap().clone())
        .collect()
}

/// Working days from `start` to `last` (a session only on a weekend counts one), which MPXJ
/// gives in days as the export's duration format asks.
fn weekdays(start: NaiveDate, last: NaiveDate) -> f64 {
    use chrono::Datelike;
    let days = start
        .iter_days()
        .take_while(|day| *day <= last)
        .filter(|day| day.weekday().number_from_monday() <= 5)
        .count();
    days.max(1) as f64
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The sample with names MS Project must keep (Latin Extended, Cyrillic, markup
/// characters), a session known only by its months, a finished activity and a lagged link.
fn sample() -> Project {
    let mut project = workplan::testing::sample();
    let a = &mut project.activities;
    a[0].title = "Đakovica – Gjakovë: Приштина <review> & \"plan\"".into();
    a[1].sessions.truncate(1);
    a[1].sessions[0].start = d(2010, 2, 1);
    a[1].sessions[0].end = Some(d(2010, 3, 31));
    a[1].sessions[0].precision = Precision::Month;
    a[1].status = Status::Done;
    let first = a[0].id;
    a[2].predecessors = vec![Dependency {
        activity: first,
        lag_days: 5,
    }];
    project
}

/// Checks MPXJ's reading of the export against the project, activity by activity.
fn check(project: &Project, tasks: &[Value]) {
    let by_uid: HashMap<i64, &Value> = tasks
        .iter()
        .map(|t| (t["uid"].as_i64().unwrap(), t))
        .collect();
    let named = |name: &str| -> &Value {
        let found: Vec<&Value> = tasks.iter().filter(|t| t["name"] == name).collect();
        assert_eq!(found.len(), 1, "one task named {name:?}");
        found[0]
    };
    let parent_name = |task: &Value| -> String {
        let parent = task["parent"].as_i64().expect("a parent task");
        by_uid[&parent]["name"].as_str().unwrap().to_string()
    };
    let codes = workplan::plan::tree::outline_codes(&project.objectives);
    let depths = workplan::plan::tree::depths(&project.objectives);
    let objective_name = |id| {
        let o = project.objectives.iter().find(|o| o.id == id).unwrap();
        format!("{} {}", codes[&id], o.title)
    };
    for objective in &project.objectives {
        let task = named(&objective_name(objective.id));
        let empty = !project
            .objectives
            .iter()
            .any(|o| o.parent == Some(objective.id))
            && !project
                .activities
                .iter()
                .any(|a| a.objectives.first() == Some(&objective.id));
        assert_eq!(task["summary"], !empty, "{task}");
        assert_eq!(task["level"], depths[&objective.id] as i64 + 1, "{task}");
        if let Some(parent) = objective.parent {
            assert_eq!(parent_name(task), objective_name(parent));
        }
    }
    let mut links = 0;
    for activity in &project.activities {
        let task = named(&activity.title);
        let home = activity.objectives.first().map(|&o| objective_name(o));
        let home = home.unwrap_or_else(|| UNLINKED.to_string());
        assert_eq!(parent_name(task), home, "{}", activity.title);
        let expected_level = by_uid[&task["parent"].as_i64().unwrap()]["level"]
            .as_i64()
            .unwrap()
            + 1;
        assert_eq!(task["level"], expected_level);
        let done = if activity.status == Status::Done {
            100.0
        } else {
            0.0
        };
        assert_eq!(task["percent"], done, "{}", activity.title);
        let sessions = &activity.sessions;
        if activity.milestone {
            let day = sessions.iter().map(Session::last_day).max().unwrap();
            assert!(task["milestone"].as_bool().unwrap(), "{task}");
            assert_eq!(task["start"], format!("{day}T17:00"));
            assert_eq!(task["finish"], format!("{day}T17:00"));
        } else if sessions.len() == 1 {
            assert!(!task["summary"].as_bool().unwrap() && !task["milestone"].as_bool().unwrap());
            assert_eq!(task["start"], format!("{}T08:00", sessions[0].start));
            assert_eq!(task["finish"], format!("{}T17:00", sessions[0].last_day()));
            let (start, last) = (sessions[0].start, sessions[0].last_day());
            assert_eq!(
                task["duration"],
                serde_json::json!([weekdays(start, last), "DAYS"])
            );
        } else if sessions.len() > 1 {
            assert!(task["summary"].as_bool().unwrap(), "{task}");
            let uid = task["uid"].as_i64().unwrap();
            let children: Vec<&Value> = tasks.iter().filter(|t| t["parent"] == uid).collect();
            assert_eq!(children.len(), sessions.len(), "{}", activity.title);
            for (child, session) in children.iter().zip(sessions) {
                assert_eq!(
                    child["name"],
                    format!("{} ({})", activity.title, session.date_label())
                );
                assert_eq!(child["start"], format!("{}T08:00", session.start));
                assert_eq!(child["finish"], format!("{}T17:00", session.last_day()));
            }
            let first = sessions.iter().map(|s| s.start).min().unwrap();
            let last = sessions.iter().map(Session::last_day).max().unwrap();
            assert_eq!(task["start"], format!("{first}T08:00"));
            assert_eq!(task["finish"], format!("{last}T17:00"));
        }
        let expected: Vec<(String, f64)> = activity
            .predecessors
            .iter()
            .map(|p| {
                let title = &project
                    .activities
                    .iter()
                    .find(|a| a.id == p.activity)
                    .unwrap()
                    .title;
                (title.clone(), f64::from(p.lag_days))
            })
            .collect();
        let read: Vec<(String, f64)> = task["preds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                assert_eq!(p[1], "FINISH_START", "{p}");
                assert_eq!(p[3], "DAYS", "{p}");
                let name = by_uid[&p[0].as_i64().unwrap()]["name"].as_str().unwrap();
                (name.to_string(), p[2].as_f64().unwrap())
            })
            .collect();
        assert_eq!(read, expected, "links of {}", activity.title);
        links += read.len();
    }
    assert!(links > 0 || project.activities.iter().all(|a| a.predecessors.is_empty()));
}

#[test]
fn mpxj_reads_the_tasks_outline_dates_milestones_and_links() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    let mut generated = workplan::plan::generate::project(200, 30, 0, 17);
    for (n, activity) in generated.activities.iter_mut().enumerate() {
        // Unique names, so the check finds each activity's task by its name.
        activity.title = format!("{n:03} {}", activity.title);
    }
    assert!(
        generated
            .activities
            .iter()
            .any(|a| !a.predecessors.is_empty())
    );
    assert!(generated.activities.iter().any(|a| a.sessions.len() > 1));
    let sample_path = dir.path().join("sample.xml");
    let generated_path = dir.path().join("generated.xml");
    std::fs::write(&sample_path, to_xml(&sample)).unwrap();
    std::fs::write(&generated_path, to_xml(&generated)).unwrap();

    let read = read_with_mpxj(&[&sample_path, &generated_path]);
    check(&sample, &read[0]);
    check(&generated, &read[1]);

    // What the sample's changes are there for, seen through MPXJ.
    let sample_tasks = &read[0];
    let find = |title: &str| sample_tasks.iter().find(|t| t["name"] == title).unwrap();
    let months = find(&sample.activities[1].title);
    assert_eq!(months["start"], "2010-02-01T08:00");
    assert_eq!(months["finish"], "2010-03-31T17:00");
    assert_eq!(months["percent"], 100.0);
    let lagged = find(&sample.activities[2].title);
    assert_eq!(lagged["preds"][0][2], 5.0, "{lagged}");
    assert!(sample_tasks.iter().any(|t| t["milestone"] == true));
    let unique_ids: std::collections::HashSet<i64> =
        read[1].iter().map(|t| t["uid"].as_i64().unwrap()).collect();
    assert_eq!(unique_ids.len(), read[1].len());
}

/// Builds a small plan with MPXJ's own classes and writes it as MSPDI to the path given: a
/// phase with a task and a milestone under it, a task on its own linked to the first, names in
/// Latin Extended and Cyrillic.
const WRITER: &str = r#"
import sys
import jpype, mpxj
jpype.startJVM()
from java.lang import Double
from java.time import LocalDateTime
from org.mpxj import Duration, ProjectFile, Relation, RelationType, TimeUnit
from org.mpxj.mspdi import MSPDIWriter
project = ProjectFile()
def task(parent, name, start, finish, days):
    t = parent.addTask()
    t.setName(name)
    t.setStart(LocalDateTime.parse(start))
    t.setFinish(LocalDateTime.parse(finish))
    t.setDuration(Duration.getInstance(days, TimeUnit.DAYS))
    return t
phase = project.addTask()
phase.setName("Faza 1: Đakovica")
course = task(phase, "Obuka u Đakovici – ëvaluim", "2024-03-04T08:00", "2024-03-06T17:00", 3)
course.setPercentageComplete(Double(100.0))
course.setNotes("Приштина & partners")
report = task(phase, "Izvještaj usvojen", "2024-03-29T17:00", "2024-03-29T17:00", 0)
report.setMilestone(True)
conference = task(project, "Конференција о сарадњи", "2024-04-15T08:00", "2024-04-16T17:00", 2)
conference.addPredecessor(Relation.Builder().predecessorTask(course).type(RelationType.FINISH_START))
MSPDIWriter().write(project, sys.argv[1])
"#;

/// `workplan import PROJECT IN`, which must succeed; its standard output.
fn import(project: &Path, input: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .arg("import")
        .arg(project)
        .arg(input)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Each activity the import added to `project` (those whose ids `before` does not have): title,
/// status, milestone flag, sessions' first and last days, kind, description.
type Added = (
    String,
    Status,
    bool,
    Vec<(NaiveDate, NaiveDate)>,
    String,
    String,
);

fn added(before: &Project, after: &Project) -> Vec<Added> {
    after
        .activities
        .iter()
        .filter(|a| before.activity(a.id).is_none())
        .map(|a| {
            let days = a.sessions.iter().map(|s| (s.start, s.last_day())).collect();
            let (kind, notes) = (a.kind.clone(), a.description.clone());
            (a.title.clone(), a.status, a.milestone, days, kind, notes)
        })
        .collect()
}

#[test]
fn a_plan_mpxj_writes_imports_with_its_titles_dates_and_milestones() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.xml");
    let output = Command::new(python_with_mpxj())
        .arg("-c")
        .arg(WRITER)
        .arg(&plan)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let project_path = dir.path().join("plan.ron");
    std::fs::copy(workplan::testing::sample_path(), &project_path).unwrap();
    let before = workplan::io::load(&project_path).unwrap();

    let stdout = import(&project_path, &plan);
    assert!(
        stdout.contains("Read as MS Project XML: 3 activities; 1 task link is not imported"),
        "{stdout}"
    );
    let after = workplan::io::load(&project_path).unwrap();
    let other = || String::from("Other");
    assert_eq!(
        added(&before, &after),
        [
            (
                "Obuka u Đakovici – ëvaluim".into(),
                Status::Done,
                false,
                vec![(d(2024, 3, 4), d(2024, 3, 6))],
                other(),
                "Приштина & partners".into()
            ),
            (
                "Izvještaj usvojen".into(),
                Status::Planned,
                true,
                vec![(d(2024, 3, 29), d(2024, 3, 29))],
                other(),
                String::new()
            ),
            (
                "Конференција о сарадњи".into(),
                Status::Planned,
                false,
                vec![(d(2024, 4, 15), d(2024, 4, 16))],
                other(),
                String::new()
            ),
        ]
    );
}

#[test]
fn workplans_own_export_imports_back_into_a_project_without_those_activities() {
    let dir = tempfile::tempdir().unwrap();
    let mut sample = workplan::testing::sample();
    // A second session, so one activity is written as a summary with a task per session.
    let dated = sample
        .activities
        .iter_mut()
        .find(|a| a.sessions.len() == 1 && !a.milestone)
        .unwrap();
    let mut second = dated.sessions[0].clone();
    second.id = workplan::model::Id(sample.next_id);
    sample.next_id += 1;
    second.start = d(2011, 5, 10);
    second.end = Some(d(2011, 5, 12));
    second.precision = Precision::Day;
    dated.sessions.push(second);
    assert!(sample.activities.iter().any(|a| a.milestone));
    let source = dir.path().join("source.ron");
    workplan::io::save::save(&sample, &source).unwrap();
    let plan = dir.path().join("plan.xml");
    let export = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .args(["export", "--format", "mspdi"])
        .arg(&source)
        .arg("-o")
        .arg(&plan)
        .output()
        .unwrap();
    assert!(export.status.success(), "{export:?}");
    let mut empty = sample.clone();
    let gone: std::collections::HashSet<_> = empty.activities.drain(..).map(|a| a.id).collect();
    // The agenda items and action points about them go with them.
    workplan::edit::links::retain_links(&mut empty, &mut |_, id| !gone.contains(id));
    let project_path = dir.path().join("empty.ron");
    workplan::io::save::save(&empty, &project_path).unwrap();

    import(&project_path, &plan);
    let after = workplan::io::load(&project_path).unwrap();
    let sorted = |mut list: Vec<Added>| {
        list.sort_by(|a, b| a.0.cmp(&b.0));
        list
    };
    let expected: Vec<Added> = sample
        .activities
        .iter()
        .map(|a| {
            let mut days: Vec<_> = a.sessions.iter().map(|s| (s.start, s.last_day())).collect();
            if a.milestone {
                // A milestone is written as the moment it is reached: its last day.
                let last = days.iter().map(|d| d.1).max().unwrap();
                days = vec![(last, last)];
            }
            let status = if a.status == Status::Done {
                Status::Done
            } else {
                Status::Planned
            };
            let kind = String::from("Other");
            (
                a.title.clone(),
                status,
                a.milestone,
                days,
                kind,
                a.description.clone(),
            )
        })
        .collect();
    assert_eq!(sorted(added(&empty, &after)), sorted(expected));
}

#[test]
fn an_xml_file_that_is_not_ms_project_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("activities.xml");
    std::fs::write(
        &input,
        "<?xml version=\"1.0\"?><iati-activities version=\"2.03\"/>",
    )
    .unwrap();
    let project_path = dir.path().join("plan.ron");
    std::fs::copy(workplan::testing::sample_path(), &project_path).unwrap();
    let before = std::fs::read(&project_path).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .arg("import")
        .arg(&project_path)
        .arg(&input)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("activities.xml: this .xml file is not MS Project XML"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&project_path).unwrap(), before);
}
