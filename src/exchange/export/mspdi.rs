//! The plan as Microsoft Project XML (MSPDI), which MS Project, ProjectLibre, GanttProject
//! and MPXJ read: the objective tree as summary tasks, activities and their sessions as
//! tasks under the objective they deliver, milestones and finish-to-start links with their
//! lag. What maps to what is in docs/msproject.md.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::{Activity, Id, Project, Status};

/// The summary that holds the activities linked to no objective.
pub const UNLINKED: &str = "Not linked to an objective";

/// Working hours a day in the standard calendar (08:00–12:00, 13:00–17:00).
const HOURS_PER_DAY: i64 = 8;

/// One row of the task table, before it is written.
struct Task {
    uid: u32,
    name: String,
    /// The objective's outline code; `None` gives the position's number.
    wbs: Option<String>,
    outline_number: String,
    level: usize,
    start: NaiveDate,
    finish: NaiveDate,
    summary: bool,
    milestone: bool,
    /// No session is dated yet: the task stands at the programme's start.
    estimated: bool,
    done: bool,
    notes: String,
    /// Predecessor task UIDs with their lag in days.
    links: Vec<(u32, i32)>,
}

/// The MSPDI document of the whole project.
pub fn to_xml(project: &Project) -> String {
    let tasks = tasks(project);
    let (start, finish) = tasks.iter().fold(
        (project.programme.start, project.programme.end),
        |(s, f), t| (s.min(t.start), f.max(t.finish)),
    );
    let mut out = String::with_capacity(1024 + tasks.len() * 600);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    out.push_str("<Project xmlns=\"http://schemas.microsoft.com/project\">\n");
    let name = if project.programme.code.is_empty() {
        &project.programme.title
    } else {
        &project.programme.code
    };
    element(&mut out, 1, "SaveVersion", "14");
    element(&mut out, 1, "Name", &format!("{name}.xml"));
    element(&mut out, 1, "Title", &project.programme.title);
    if !project.programme.office.is_empty() {
        element(&mut out, 1, "Company", &project.programme.office);
    }
    element(&mut out, 1, "ScheduleFromStart", "1");
    element(&mut out, 1, "StartDate", &at(start, "08:00"));
    element(&mut out, 1, "FinishDate", &at(finish, "17:00"));
    element(&mut out, 1, "CalendarUID", "1");
    element(&mut out, 1, "DefaultStartTime", "08:00:00");
    element(&mut out, 1, "DefaultFinishTime", "17:00:00");
    element(
        &mut out,
        1,
        "MinutesPerDay",
        &(HOURS_PER_DAY * 60).to_string(),
    );
    element(
        &mut out,
        1,
        "MinutesPerWeek",
        &(HOURS_PER_DAY * 60 * 5).to_string(),
    );
    element(&mut out, 1, "DaysPerMonth", "20");
    element(&mut out, 1, "DurationFormat", "7");
    out.push_str(CALENDARS);
    out.push_str("  <Tasks>\n");
    for (row, task) in tasks.iter().enumerate() {
        write_task(&mut out, row, task);
    }
    out.push_str("  </Tasks>\n</Project>\n");
    out
}

/// The standard calendar: Monday to Friday, 08:00–12:00 and 13:00–17:00.
const CALENDARS: &str = "  <Calendars>
    <Calendar>
      <UID>1</UID>
      <Name>Standard</Name>
      <IsBaseCalendar>1</IsBaseCalendar>
      <WeekDays>
        <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
        <WeekDay><DayType>2</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>3</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>4</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>5</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>6</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
      </WeekDays>
    </Calendar>
  </Calendars>
";

fn write_task(out: &mut String, row: usize, task: &Task) {
    out.push_str("    <Task>\n");
    let hours = if task.milestone {
        0
    } else {
        working_days(task.start, task.finish) * HOURS_PER_DAY
    };
    element(out, 3, "UID", &task.uid.to_string());
    element(out, 3, "ID", &row.to_string());
    element(out, 3, "Name", &task.name);
    let wbs = task.wbs.as_deref().unwrap_or(&task.outline_number);
    if task.level > 0 {
        element(out, 3, "WBS", wbs);
        element(out, 3, "OutlineNumber", &task.outline_number);
    }
    element(out, 3, "OutlineLevel", &task.level.to_string());
    // A milestone sits at the end of its day, as MS Project places one.
    let start_time = if task.milestone { "17:00" } else { "08:00" };
    element(out, 3, "Start", &at(task.start, start_time));
    element(out, 3, "Finish", &at(task.finish, "17:00"));
    element(out, 3, "Duration", &format!("PT{hours}H0M0S"));
    element(out, 3, "DurationFormat", "7");
    element(out, 3, "Estimated", flag(task.estimated));
    element(out, 3, "Milestone", flag(task.milestone));
    element(out, 3, "Summary", flag(task.summary));
    element(
        out,
        3,
        "PercentComplete",
        if task.done { "100" } else { "0" },
    );
    if !task.summary {
        // "Start no earlier than" the session's day: opened in MS Project, the task keeps
        // its date instead of moving to the project's start.
        element(out, 3, "ConstraintType", "4");
        element(out, 3, "ConstraintDate", &at(task.start, start_time));
    }
    if !task.notes.is_empty() {
        element(out, 3, "Notes", &task.notes);
    }
    for &(predecessor, lag_days) in &task.links {
        out.push_str("      <PredecessorLink>\n");
        element(out, 4, "PredecessorUID", &predecessor.to_string());
        element(out, 4, "Type", "1");
        // Tenths of a minute of working time.
        let lag = i64::from(lag_days) * HOURS_PER_DAY * 60 * 10;
        element(out, 4, "LinkLag", &lag.to_string());
        element(out, 4, "LagFormat", "7");
        out.push_str("      </PredecessorLink>\n");
    }
    out.push_str("    </Task>\n");
}

/// The task table in outline order: the project summary, each objective with its child
/// objectives and then its activities, and last the activities linked to no objective.
fn tasks(project: &Project) -> Vec<Task> {
    let codes = crate::plan::tree::outline_codes(&project.objectives);
    let known: HashMap<Id, usize> = project
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id, i))
        .collect();
    let mut children: HashMap<Option<Id>, Vec<usize>> = HashMap::new();
    for (i, objective) in project.objectives.iter().enumerate() {
        let parent = objective.parent.filter(|p| known.contains_key(p));
        children.entry(parent).or_default().push(i);
    }
    let mut delivered: HashMap<Option<Id>, Vec<&Activity>> = HashMap::new();
    for activity in &project.activities {
        let home = activity
            .objectives
            .iter()
            .copied()
            .find(|o| known.contains_key(o));
        delivered.entry(home).or_default().push(activity);
    }

    let mut builder = Builder {
        project,
        codes: &codes,
        children: &children,
        delivered: &delivered,
        tasks: Vec::new(),
        activity_uid: HashMap::new(),
        next_uid: 1,
    };
    builder.tasks.push(Task {
        uid: 0,
        name: project.programme.title.clone(),
        wbs: None,
        outline_number: "0".into(),
        level: 0,
        start: project.programme.start,
        finish: project.programme.end,
        summary: true,
        milestone: false,
        estimated: false,
        done: false,
        notes: project.programme.description.clone(),
        links: Vec::new(),
    });
    let roots = children.get(&None).cloned().unwrap_or_default();
    let mut position = 0;
    for index in roots {
        position += 1;
        builder.objective(index, 1, &position.to_string());
    }
    if let Some(activities) = delivered.get(&None) {
        position += 1;
        let number = position.to_string();
        let at = builder.summary(UNLINKED.into(), None, &number, 1, String::new());
        for (n, activity) in activities.iter().enumerate() {
            builder.activity(activity, 2, &format!("{number}.{}", n + 1));
        }
        builder.close_summary(at);
    }

    // Links last, when every activity's task has its UID.
    let mut tasks = builder.tasks;
    let uids = builder.activity_uid;
    let by_uid: HashMap<u32, usize> = tasks.iter().enumerate().map(|(i, t)| (t.uid, i)).collect();
    for activity in &project.activities {
        let Some(&uid) = uids.get(&activity.id) else {
            continue;
        };
        let links: Vec<(u32, i32)> = activity
            .predecessors
            .iter()
            .filter(|d| d.activity != activity.id)
            .filter_map(|d| uids.get(&d.activity).map(|&p| (p, d.lag_days)))
            .collect();
        tasks[by_uid[&uid]].links = links;
    }
    let (start, finish) = tasks[1..]
        .iter()
        .fold((tasks[0].start, tasks[0].finish), |(s, f), t| {
            (s.min(t.start), f.max(t.finish))
        });
    tasks[0].start = start;
    tasks[0].finish = finish;
    tasks
}

struct Builder<'a> {
    project: &'a Project,
    codes: &'a HashMap<Id, String>,
    children: &'a HashMap<Option<Id>, Vec<usize>>,
    delivered: &'a HashMap<Option<Id>, Vec<&'a Activity>>,
    tasks: Vec<Task>,
    /// The task that stands for each activity (its summary when it has several sessions).
    activity_uid: HashMap<Id, u32>,
    next_uid: u32,
}

impl Builder<'_> {
    fn uid(&mut self) -> u32 {
        let uid = self.next_uid;
        self.next_uid += 1;
        uid
    }

    fn objective(&mut self, index: usize, level: usize, number: &str) {
        let objective = &self.project.objectives[index];
        let code = self.codes.get(&objective.id).cloned();
        let name = match &code {
            Some(code) => format!("{code} {}", objective.title),
            None => objective.title.clone(),
        };
        let at = self.summary(name, code, number, level, objective.description.clone());
        let mut position = 0;
        for child in self
            .children
            .get(&Some(objective.id))
            .cloned()
            .unwrap_or_default()
        {
            position += 1;
            self.objective(child, level + 1, &format!("{number}.{position}"));
        }
        let activities = self
            .delivered
            .get(&Some(objective.id))
            .cloned()
            .unwrap_or_default();
        for activity in activities {
            position += 1;
            self.activity(activity, level + 1, &format!("{number}.{position}"));
        }
        self.close_summary(at);
    }

    /// Opens a summary task; its dates are set by [`Self::close_summary`].
    fn summary(
        &mut self,
        name: String,
        wbs: Option<String>,
        number: &str,
        level: usize,
        notes: String,
    ) -> usize {
        let uid = self.uid();
        self.tasks.push(Task {
            uid,
            name,
            wbs,
            outline_number: number.into(),
            level,
            start: self.project.programme.start,
            finish: self.project.programme.start,
            summary: true,
            milestone: false,
            estimated: false,
            done: false,
            notes,
            links: Vec::new(),
        });
        self.tasks.len() - 1
    }

    /// A summary spans its tasks. One with none (an objective nothing delivers yet) is no
    /// summary to MS Project: it becomes an estimated one-day task at the programme's start.
    fn close_summary(&mut self, at: usize) {
        let inner = &self.tasks[at + 1..];
        let span = inner
            .iter()
            .map(|t| t.start)
            .min()
            .zip(inner.iter().map(|t| t.finish).max());
        let done = !inner.is_empty() && inner.iter().all(|t| t.done);
        if let Some((start, finish)) = span {
            self.tasks[at].start = start;
            self.tasks[at].finish = finish;
        }
        self.tasks[at].done = done;
        if span.is_none() {
            self.tasks[at].summary = false;
            self.tasks[at].estimated = true;
        }
    }

    fn activity(&mut self, activity: &Activity, level: usize, number: &str) {
        let done = activity.status == Status::Done;
        let leaf = |uid, name: String, number: &str, level, start, finish| Task {
            uid,
            name,
            wbs: None,
            outline_number: String::from(number),
            level,
            start,
            finish,
            summary: false,
            milestone: activity.milestone,
            estimated: false,
            done,
            notes: String::new(),
            links: Vec::new(),
        };
        let uid = self.uid();
        self.activity_uid.insert(activity.id, uid);
        let sessions = &activity.sessions;
        let mut task = if sessions.is_empty() {
            // No date yet: at the programme's start, marked estimated, so that links to it
            // and the count of activities stay whole.
            let day = self.project.programme.start;
            let mut task = leaf(uid, activity.title.clone(), number, level, day, day);
            task.estimated = true;
            task
        } else if activity.milestone {
            // A milestone is a moment: the last day of its sessions.
            let day = sessions
                .iter()
                .map(|s| s.last_day())
                .max()
                .unwrap_or_default();
            leaf(uid, activity.title.clone(), number, level, day, day)
        } else if let [session] = sessions.as_slice() {
            let (start, finish) = (session.start, session.last_day());
            leaf(uid, activity.title.clone(), number, level, start, finish)
        } else {
            let at = self.tasks.len();
            let mut summary = leaf(uid, activity.title.clone(), number, level, d0(), d0());
            summary.summary = true;
            summary.milestone = false;
            summary.notes = activity.description.clone();
            self.tasks.push(summary);
            for (n, session) in sessions.iter().enumerate() {
                let uid = self.uid();
                let name = format!("{} ({})", activity.title, session.date_label());
                let number = format!("{number}.{}", n + 1);
                let task = leaf(
                    uid,
                    name,
                    &number,
                    level + 1,
                    session.start,
                    session.last_day(),
                );
                self.tasks.push(task);
            }
            self.close_summary(at);
            return;
        };
        task.notes = activity.description.clone();
        self.tasks.push(task);
    }
}

fn d0() -> NaiveDate {
    NaiveDate::default()
}

/// Weekdays from `start` to `finish`, both included; at least one, so that a session held
/// on a weekend keeps a length (its start and finish say which days).
fn working_days(start: NaiveDate, finish: NaiveDate) -> i64 {
    let days = (finish - start).num_days() + 1;
    let weeks = days / 7;
    let mut count = weeks * 5;
    let mut day = start + chrono::Days::new((weeks * 7) as u64);
    while day <= finish {
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            count += 1;
        }
        day = day.succ_opt().expect("a date of a plan has a next day");
    }
    count.max(1)
}

fn at(day: NaiveDate, time: &str) -> String {
    format!("{}T{time}:00", day.format("%Y-%m-%d"))
}

fn flag(value: bool) -> &'static str {
    if value { "1" } else { "0" }
}

fn element(out: &mut String, depth: usize, name: &str, text: &str) {
    for _ in 0..depth {
        out.push_str("  ");
    }
    let _ = write!(out, "<{name}>");
    escape_into(out, text);
    let _ = writeln!(out, "</{name}>");
}

/// Text as XML character data: markup characters as entities, and the control characters
/// XML 1.0 cannot hold (anything below U+0020 but tab, line feed and carriage return) left out.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn working_days_count_weekdays_only() {
        // 2009-11-16 is a Monday.
        assert_eq!(working_days(d(2009, 11, 16), d(2009, 11, 16)), 1);
        assert_eq!(working_days(d(2009, 11, 16), d(2009, 11, 20)), 5);
        assert_eq!(working_days(d(2009, 11, 16), d(2009, 11, 22)), 5);
        assert_eq!(working_days(d(2009, 11, 20), d(2009, 11, 23)), 2);
        assert_eq!(working_days(d(2009, 11, 16), d(2009, 12, 13)), 20);
        assert_eq!(
            working_days(d(2009, 11, 21), d(2009, 11, 22)),
            1,
            "a weekend"
        );
        // February 2022 by months: 20 weekdays.
        assert_eq!(working_days(d(2022, 2, 1), d(2022, 2, 28)), 20);
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        let mut out = String::new();
        escape_into(&mut out, "R&D <Đakovica> \"Gjakovë\"\u{1}\tПриштина\r");
        assert_eq!(
            out,
            "R&amp;D &lt;Đakovica&gt; &quot;Gjakovë&quot;\tПриштина&#13;"
        );
    }

    #[test]
    fn the_sample_has_every_activity_once_and_well_formed_xml() {
        let project = crate::testing::sample();
        let xml = to_xml(&project);
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut depth = 0i32;
        let mut uids = 0;
        let mut in_uid = false;
        loop {
            match reader.read_event().expect("well-formed XML") {
                quick_xml::events::Event::Start(e) => {
                    depth += 1;
                    in_uid = e.name().as_ref() == "UID" && depth == 4;
                }
                quick_xml::events::Event::End(_) => {
                    depth -= 1;
                    in_uid = false;
                }
                quick_xml::events::Event::Text(_) if in_uid => uids += 1,
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0);
        let tasks = tasks(&project);
        assert_eq!(uids, tasks.len() + 1, "every task's and the calendar's");
        let sessions_beyond_one: usize = project
            .activities
            .iter()
            .filter(|a| !a.milestone && a.sessions.len() > 1)
            .map(|a| a.sessions.len())
            .sum();
        // Objectives (those with a WBS code) nothing delivers yet are plain tasks too.
        let leaves = tasks
            .iter()
            .filter(|t| !t.summary && t.wbs.is_none())
            .count();
        let single = project
            .activities
            .iter()
            .filter(|a| a.milestone || a.sessions.len() <= 1)
            .count();
        assert_eq!(leaves, single + sessions_beyond_one);
        // Each summary's outline level is one above the tasks right under it.
        for pair in tasks.windows(2) {
            assert!(pair[1].level <= pair[0].level + 1);
            if pair[1].level == pair[0].level + 1 {
                assert!(pair[0].summary, "{} has a child", pair[0].name);
            }
        }
    }

    #[test]
    fn links_carry_their_lag_in_tenths_of_minutes() {
        let mut project = crate::plan::generate::project(30, 8, 0, 7);
        for (n, activity) in project.activities.iter_mut().enumerate() {
            activity.title = format!("Activity {n}");
        }
        let first = project.activities[0].id;
        project.activities[1].predecessors = vec![crate::model::Dependency {
            activity: first,
            lag_days: 3,
        }];
        let tasks = tasks(&project);
        let uid_of = |title: &str| tasks.iter().find(|t| t.name == title).unwrap().uid;
        let successor = tasks
            .iter()
            .find(|t| t.name == project.activities[1].title)
            .unwrap();
        assert_eq!(
            successor.links,
            vec![(uid_of(&project.activities[0].title), 3)]
        );
        let xml = to_xml(&project);
        assert!(xml.contains("<LinkLag>14400</LinkLag>"), "3 days of 8 h");
    }
}
