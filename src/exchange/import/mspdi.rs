//! Microsoft Project XML (MSPDI) read as a sheet of activities, so the import's checks, review
//! and one undo step apply to it as to a CSV file. Which task becomes which activity is in
//! docs/msproject.md ("Reading").

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveDateTime};
use quick_xml::events::Event;

use crate::exchange::activity_csv::DESCRIPTION;
use crate::exchange::table::{Row, Table};
use crate::model::{Project, Status};

/// The namespace MS Project and every MSPDI writer put on the root element.
pub const NAMESPACE: &str = "http://schemas.microsoft.com/project";

/// The columns of the table read, in Workplan's names.
const HEADERS: [&str; 6] = [
    "title",
    "kind",
    "status",
    "sessions",
    "milestone",
    DESCRIPTION,
];
const KIND: usize = 1;

/// How [`read`] describes its table, which is also how [`is_table`] knows one.
const READ_AS: &str = "Read as MS Project XML";

/// Why a file cannot be read as MS Project XML.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MspdiError {
    #[error(
        "this .xml file is not MS Project XML (its root element is not a Project of {NAMESPACE})"
    )]
    NotMsProject,
    #[error("the MS Project XML cannot be read: {0}")]
    Xml(String),
}

/// One `Task` element, as far as activities need it.
#[derive(Clone, Debug, Default)]
struct Task {
    uid: String,
    /// The row number MS Project shows (`ID`), by which the import names a task's problems.
    id: Option<usize>,
    name: String,
    wbs: String,
    level: usize,
    start: Option<NaiveDateTime>,
    finish: Option<NaiveDateTime>,
    milestone: bool,
    summary: bool,
    estimated: bool,
    null: bool,
    percent: u32,
    notes: String,
    /// `PredecessorLink` elements, which are not imported.
    links: usize,
}

/// The activities of an MSPDI document, one row each. The `kind` cells are left empty and
/// [`with_kind`] fills them from the project, since the file has no such field.
pub fn read(bytes: &[u8]) -> Result<Table, MspdiError> {
    let tasks = tasks(bytes)?;
    // Workplan writes an undated activity, and an objective nothing delivers yet, as an
    // estimated one-day task; MS Project marks a task whose length is only guessed the same
    // way ("1 day?"), a date nobody chose.
    let undated = |task: &Task| {
        task.estimated && task.start.map(|d| d.date()) == task.finish.map(|d| d.date())
    };
    let mut table = Table {
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        header_row: 1,
        rows: Vec::new(),
        read_as: String::new(),
    };
    let mut i = 0;
    while i < tasks.len() {
        let task = &tasks[i];
        let children = children(&tasks, i);
        let number = task.id.unwrap_or(i);
        if task.null || task.name.trim().is_empty() || task.level == 0 || task.uid == "0" {
            i += 1;
            continue;
        }
        if children.is_empty() && !task.summary && !(undated(task) && objective_named(task)) {
            table.rows.push(row(number, task, &[task], undated(task)));
            i += 1;
        } else if let Some(sessions) = sessions_of(task, &tasks, &children) {
            // Workplan's own export: an activity with several sessions is a summary with
            // one task per session named "Title (dates)".
            table.rows.push(row(number, task, &sessions, false));
            i = children.last().map_or(i, |&c| c) + 1;
        } else {
            // Structure (an objective, a phase): its leaves are read as they come.
            i += 1;
        }
    }
    let links: usize = tasks.iter().map(|t| t.links).sum();
    let count = table.rows.len();
    table.read_as = format!(
        "{READ_AS}: {count} {}",
        if count == 1 { "activity" } else { "activities" }
    );
    if links > 0 {
        // The predecessors column names activities already in the project, so a link
        // between two tasks of the file has nothing to point at yet.
        table.read_as.push_str(&format!(
            "; {links} task {} not imported (add predecessors after the import)",
            if links == 1 { "link is" } else { "links are" }
        ));
    }
    Ok(table)
}

/// Fills the empty `kind` cells of a table [`read`] gave with the project's "Other" kind (its
/// first kind when it has none so named), the kind that claims least about an activity
/// MS Project knew nothing of.
pub fn with_kind(project: &Project, table: &Table) -> Table {
    let kinds = &project.settings.activity_kinds;
    let kind = kinds
        .iter()
        .find(|k| crate::plan::names::fold(k) == "other")
        .or(kinds.first())
        .cloned()
        .unwrap_or_default();
    let mut table = table.clone();
    for row in &mut table.rows {
        if let Some(cell) = row.cells.get_mut(KIND)
            && cell.is_empty()
        {
            cell.clone_from(&kind);
        }
    }
    table
}

/// Whether `table` came from [`read`] (a table does not record its file's kind, and the
/// import's check, which fills the kind, is given only the table).
pub fn is_table(table: &Table) -> bool {
    table.read_as.starts_with(READ_AS) && table.headers == HEADERS
}

/// Whether `bytes` is an MSPDI document: its root is `Project` in the MS Project namespace.
pub fn is_ms_project(bytes: &[u8]) -> bool {
    root_checked(&mut quick_xml::Reader::from_reader(bytes)).is_ok()
}

fn root_checked(reader: &mut quick_xml::Reader<&[u8]>) -> Result<(), MspdiError> {
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let namespace = e
                    .try_get_attribute("xmlns")
                    .ok()
                    .flatten()
                    .map(|a| a.value.into_owned());
                return if e.local_name().as_ref() == "Project"
                    && namespace.as_deref() == Some(NAMESPACE)
                {
                    Ok(())
                } else {
                    Err(MspdiError::NotMsProject)
                };
            }
            Ok(Event::Eof) | Err(_) => return Err(MspdiError::NotMsProject),
            Ok(_) => {}
        }
    }
}

/// Every `Project/Tasks/Task`, in file order.
fn tasks(bytes: &[u8]) -> Result<Vec<Task>, MspdiError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    root_checked(&mut reader)?;
    let mut path: Vec<String> = vec![String::from("Project")];
    let mut tasks = Vec::new();
    let mut text = String::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| MspdiError::Xml(e.to_string()))?;
        match event {
            Event::Start(e) => {
                path.push(e.local_name().as_ref().to_string());
                if path_is(&path, &["Project", "Tasks", "Task"]) {
                    tasks.push(Task::default());
                } else if path_is(&path, &["Project", "Tasks", "Task", "PredecessorLink"])
                    && let Some(task) = tasks.last_mut()
                {
                    task.links += 1;
                }
                text.clear();
            }
            Event::Text(e) => text.push_str(&e.xml10_content()),
            Event::CData(e) => text.push_str(e.as_ref()),
            Event::GeneralRef(e) => {
                let resolved = match e.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => {
                        let name: &str = e.as_ref();
                        quick_xml::escape::unescape(&format!("&{name};"))
                            .ok()
                            .map(Cow::into_owned)
                    }
                };
                text.push_str(&resolved.unwrap_or_default());
            }
            Event::End(_) => {
                if path.len() == 4
                    && path_is(&path[..3], &["Project", "Tasks", "Task"])
                    && let Some(task) = tasks.last_mut()
                {
                    field(task, &path[3], &text);
                }
                path.pop();
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(tasks)
}

fn path_is(path: &[String], names: &[&str]) -> bool {
    path.len() == names.len() && path.iter().zip(names).all(|(p, n)| p == n)
}

fn field(task: &mut Task, name: &str, text: &str) {
    let value = text.trim();
    let flag = value == "1" || value.eq_ignore_ascii_case("true");
    match name {
        "UID" => task.uid = value.to_string(),
        "ID" => task.id = value.parse().ok(),
        "Name" => task.name = value.to_string(),
        "WBS" => task.wbs = value.to_string(),
        "OutlineLevel" => task.level = value.parse().unwrap_or(0),
        "Start" => task.start = date_time(value),
        "Finish" => task.finish = date_time(value),
        "Milestone" => task.milestone = flag,
        "Summary" => task.summary = flag,
        "Estimated" => task.estimated = flag,
        "IsNull" => task.null = flag,
        "PercentComplete" => task.percent = value.parse().unwrap_or(0),
        "Notes" => task.notes = text.trim().to_string(),
        _ => {}
    }
}

fn date_time(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .ok()
}

/// Whether a task is named by its outline code (its `WBS`) and title, "1.2 Improve …", as
/// Workplan names an objective; undated, such a task is an objective nothing delivers yet.
fn objective_named(task: &Task) -> bool {
    !task.wbs.is_empty()
        && task
            .name
            .strip_prefix(task.wbs.as_str())
            .is_some_and(|rest| rest.starts_with(' '))
}

/// The tasks right under task `at` by outline level, with everything under them.
fn children(tasks: &[Task], at: usize) -> Vec<usize> {
    let level = tasks[at].level;
    tasks[at + 1..]
        .iter()
        .take_while(|t| t.level > level)
        .enumerate()
        .map(|(n, _)| at + 1 + n)
        .collect()
}

/// The session tasks of `summary` when it is an activity with several sessions as
/// Workplan writes one: every task under it is a leaf one level down named "Title (…)".
fn sessions_of<'a>(summary: &Task, tasks: &'a [Task], under: &[usize]) -> Option<Vec<&'a Task>> {
    let prefix = format!("{} (", summary.name.trim());
    let sessions: Vec<&Task> = under.iter().map(|&i| &tasks[i]).collect();
    let all = !sessions.is_empty()
        && sessions.iter().all(|t| {
            t.level == summary.level + 1
                && !t.summary
                && t.name.starts_with(&prefix)
                && t.name.ends_with(')')
        });
    all.then_some(sessions)
}

/// A row for the activity `task` with one session per task of `sessions`.
fn row(number: usize, task: &Task, sessions: &[&Task], undated: bool) -> Row {
    let done = if sessions.len() > 1 {
        sessions.iter().all(|t| t.percent >= 100)
    } else {
        task.percent >= 100
    };
    let dates: Vec<String> = if undated {
        Vec::new()
    } else {
        sessions.iter().filter_map(|t| span(t)).collect()
    };
    let status = if done { Status::Done } else { Status::Planned };
    Row {
        number,
        cells: vec![
            task.name.trim().to_string(),
            String::new(),
            status.label().to_string(),
            dates.join("; "),
            if task.milestone { "yes" } else { "" }.to_string(),
            task.notes.clone(),
        ],
        ..Row::default()
    }
}

/// A task's days as the `sessions` column takes them: `YYYY-MM-DD/YYYY-MM-DD`, or one day.
fn span(task: &Task) -> Option<String> {
    let start = task.start.or(task.finish)?;
    let first = start.date();
    let last = task.finish.map_or(first, |finish| {
        // A finish at midnight ends the day before.
        let day = finish.date();
        if finish.time() == chrono::NaiveTime::MIN && day > first {
            day.pred_opt().unwrap_or(day)
        } else {
            day
        }
    });
    let last: NaiveDate = last.max(first);
    Some(if last == first {
        first.format("%Y-%m-%d").to_string()
    } else {
        format!("{}/{}", first.format("%Y-%m-%d"), last.format("%Y-%m-%d"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(tasks: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project xmlns=\"{NAMESPACE}\"><Name>p.xml</Name><Tasks>\
             <Task><UID>0</UID><Name>Programme</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>\
             {tasks}</Tasks></Project>"
        )
    }

    fn task(uid: u32, name: &str, level: usize, start: &str, finish: &str, extra: &str) -> String {
        format!(
            "<Task><UID>{uid}</UID><Name>{name}</Name><OutlineLevel>{level}</OutlineLevel>\
             <Start>{start}T08:00:00</Start><Finish>{finish}T17:00:00</Finish>{extra}</Task>"
        )
    }

    fn cells(table: &Table) -> Vec<Vec<&str>> {
        table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn a_leaf_task_is_an_activity_with_its_dates_and_notes() {
        let xml = doc(&task(
            1,
            "Đakovica training &amp; ëxchange",
            1,
            "2024-03-04",
            "2024-03-06",
            "<Notes>Two &lt;rooms&gt;</Notes><PercentComplete>40</PercentComplete>",
        ));
        let table = read(xml.as_bytes()).unwrap();
        assert_eq!(table.headers, HEADERS);
        assert_eq!(
            cells(&table),
            [[
                "Đakovica training & ëxchange",
                "",
                "Planned",
                "2024-03-04/2024-03-06",
                "",
                "Two <rooms>"
            ]]
        );
        assert_eq!(table.read_as, "Read as MS Project XML: 1 activity");
        assert_eq!(
            table.rows[0].number, 1,
            "the task's place after the project summary"
        );
    }

    #[test]
    fn a_milestone_and_a_task_done_keep_their_flags() {
        let xml = doc(&format!(
            "{}{}",
            task(
                1,
                "Report approved",
                1,
                "2024-05-31",
                "2024-05-31",
                "<ID>7</ID><Milestone>1</Milestone>"
            ),
            task(
                2,
                "Needs assessment",
                1,
                "2024-01-08",
                "2024-01-12",
                "<PercentComplete>100</PercentComplete>"
            ),
        ));
        let table = read(xml.as_bytes()).unwrap();
        let rows = cells(&table);
        assert_eq!(
            rows[0][0..5],
            ["Report approved", "", "Planned", "2024-05-31", "yes"]
        );
        assert_eq!(rows[1][2..5], ["Done", "2024-01-08/2024-01-12", ""]);
        // Problems name a task by the row number MS Project shows.
        assert_eq!(table.rows[0].number, 7);
    }

    #[test]
    fn a_summary_of_session_tasks_is_one_activity_and_other_summaries_are_structure() {
        let xml = doc(&format!(
            "{}{}{}{}{}",
            task(
                1,
                "1 Objective",
                1,
                "2024-01-08",
                "2024-06-14",
                "<Summary>1</Summary>"
            ),
            task(
                2,
                "Course",
                2,
                "2024-01-08",
                "2024-06-14",
                "<Summary>1</Summary>"
            ),
            task(
                3,
                "Course (8–10 Jan 2024)",
                3,
                "2024-01-08",
                "2024-01-10",
                "<PercentComplete>100</PercentComplete>"
            ),
            task(
                4,
                "Course (12–14 Jun 2024)",
                3,
                "2024-06-12",
                "2024-06-14",
                ""
            ),
            task(5, "Follow-up", 2, "2024-07-01", "2024-07-01", ""),
        ));
        let table = read(xml.as_bytes()).unwrap();
        let rows = cells(&table);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(
            rows[0][0..4],
            [
                "Course",
                "",
                "Planned",
                "2024-01-08/2024-01-10; 2024-06-12/2024-06-14"
            ]
        );
        assert_eq!(rows[1][0..4], ["Follow-up", "", "Planned", "2024-07-01"]);
    }

    #[test]
    fn a_summary_with_other_children_is_structure_and_its_leaves_are_activities() {
        let xml = doc(&format!(
            "{}{}{}",
            task(
                1,
                "Phase",
                1,
                "2024-01-08",
                "2024-02-02",
                "<Summary>1</Summary>"
            ),
            task(2, "Phase (draft)", 2, "2024-01-08", "2024-01-12", ""),
            task(3, "Review", 2, "2024-01-29", "2024-02-02", ""),
        ));
        let titles: Vec<String> = read(xml.as_bytes())
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.cells[0].clone())
            .collect();
        assert_eq!(titles, ["Phase (draft)", "Review"]);
    }

    #[test]
    fn null_and_nameless_tasks_and_undated_estimates_are_handled() {
        let xml = doc(&format!(
            "<Task><UID>1</UID><IsNull>1</IsNull></Task>{}{}{}{}",
            task(
                4,
                "2.1 Better courts",
                1,
                "2024-01-01",
                "2024-01-01",
                "<WBS>2.1</WBS><Estimated>1</Estimated>"
            ),
            task(2, "", 1, "2024-01-08", "2024-01-08", ""),
            task(
                3,
                "Not dated yet",
                1,
                "2024-01-01",
                "2024-01-01",
                "<Estimated>1</Estimated>"
            ),
            task(
                5,
                "1.3 Numbered by hand",
                1,
                "2024-02-05",
                "2024-02-07",
                "<WBS>1.3</WBS><Estimated>1</Estimated>"
            ),
        ));
        let table = read(xml.as_bytes()).unwrap();
        let rows = cells(&table);
        // An estimate of several days keeps them, whatever its name.
        assert_eq!(
            rows.iter().map(|r| (r[0], r[3])).collect::<Vec<_>>(),
            [
                ("Not dated yet", ""),
                ("1.3 Numbered by hand", "2024-02-05/2024-02-07")
            ]
        );
    }

    #[test]
    fn other_xml_is_refused() {
        for xml in [
            "<?xml version=\"1.0\"?><Project><Tasks/></Project>",
            "<iati-activities version=\"2.03\"/>",
            "not xml at all",
        ] {
            assert!(!is_ms_project(xml.as_bytes()));
            assert_eq!(read(xml.as_bytes()).unwrap_err(), MspdiError::NotMsProject);
        }
        assert!(is_ms_project(doc("").as_bytes()));
    }

    #[test]
    fn the_kind_is_the_projects_other_kind() {
        let mut project = crate::testing::sample();
        let xml = doc(&task(1, "Visit", 1, "2024-01-08", "2024-01-08", ""));
        let table = read(xml.as_bytes()).unwrap();
        assert_eq!(with_kind(&project, &table).rows[0].cells[KIND], "Other");
        project.settings.activity_kinds = vec!["Training".into(), "Visit".into()];
        assert_eq!(with_kind(&project, &table).rows[0].cells[KIND], "Training");
    }
}

#[cfg(test)]
mod round_trip {
    use crate::exchange::import::{self, FileKind, ImportOptions};

    /// The sample written by the MSPDI export comes back as the same activities: titles,
    /// milestones, and each session's first and last day.
    #[test]
    fn workplans_own_export_imports_back() {
        let mut sample = crate::testing::sample();
        // A second session, so one activity is written as a summary with a task per session.
        let mut second = sample.activities[0].sessions[0].clone();
        second.id = crate::model::Id(sample.next_id);
        sample.next_id += 1;
        second.start = chrono::NaiveDate::from_ymd_opt(2011, 5, 10).unwrap();
        second.end = chrono::NaiveDate::from_ymd_opt(2011, 5, 12);
        second.precision = crate::model::Precision::Day;
        sample.activities[0].sessions.push(second);
        let xml = crate::exchange::export::mspdi::to_xml(&sample);
        let mut empty = sample.clone();
        empty.activities.clear();
        let mut next_id = empty.next_id;
        let read = import::read(
            &empty,
            FileKind::MsProject,
            xml.as_bytes(),
            &ImportOptions::default(),
            &mut next_id,
        )
        .unwrap();
        assert_eq!(read.errors, [], "{}", read.read_as);
        let summary = |activities: &[crate::model::Activity]| {
            let mut all: Vec<_> = activities
                .iter()
                .map(|a| {
                    let days: Vec<_> = a.sessions.iter().map(|s| (s.start, s.last_day())).collect();
                    (
                        a.title.clone(),
                        a.milestone,
                        days,
                        a.status == crate::model::Status::Done,
                    )
                })
                .collect();
            all.sort();
            all
        };
        let expected: Vec<_> = summary(&sample.activities)
            .into_iter()
            .map(|(title, milestone, days, done)| {
                // A milestone is written as the moment it is reached: its last day.
                let days = match (milestone, days.iter().map(|d| d.1).max()) {
                    (true, Some(last)) => vec![(last, last)],
                    _ => days,
                };
                (title, milestone, days, done)
            })
            .collect();
        assert_eq!(summary(&read.activities), expected);
        assert!(read.activities.iter().all(|a| a.kind == "Other"));
    }
}
