//! Writes a Workplan project as a GNOME Planner file and a TaskJuggler project, for
//! `scripts/compare-peers.sh`:
//!   cargo run --release --example peers -- PROJECT.ron OUT_DIR
//! gives OUT_DIR/plan.planner and OUT_DIR/plan.tjp. The objective tree becomes summary tasks
//! (only branches that hold activities), each activity a summary task under its first objective,
//! each session a task with its dates, and predecessors finish-to-start links from the
//! predecessor's last session to the activity's first.

use std::collections::HashMap;
use std::fmt::Write;

use chrono::NaiveDate;
use workplan::model::{Activity, Id, Project, Session};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out] = &args[..] else {
        eprintln!("usage: peers PROJECT.ron OUT_DIR");
        std::process::exit(2);
    };
    let project = workplan::io::load(input.as_ref()).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let tree = Tree::new(&project);
    let out = std::path::Path::new(out);
    std::fs::write(out.join("plan.planner"), planner(&project, &tree)).expect("written");
    std::fs::write(out.join("plan.tjp"), taskjuggler(&project, &tree)).expect("written");
}

/// The task hierarchy both peers get.
struct Tree<'a> {
    /// Objectives holding activities (themselves or below), by parent (`None`: top level).
    children: HashMap<Option<Id>, Vec<Id>>,
    titles: HashMap<Id, &'a str>,
    /// Activities by the objective they sit under (`None`: not linked).
    activities: HashMap<Option<Id>, Vec<&'a Activity>>,
    /// For links: each activity's first session (by start) and the session ending last.
    first: HashMap<Id, &'a Session>,
    last: HashMap<Id, &'a Session>,
}

impl<'a> Tree<'a> {
    fn new(p: &'a Project) -> Self {
        let parent: HashMap<Id, Option<Id>> =
            p.objectives.iter().map(|o| (o.id, o.parent)).collect();
        let mut used = std::collections::HashSet::new();
        let mut activities: HashMap<Option<Id>, Vec<&Activity>> = HashMap::new();
        let (mut first, mut last) = (HashMap::new(), HashMap::new());
        for a in p.activities.iter().filter(|a| !a.sessions.is_empty()) {
            let home = a.objectives.first().copied();
            let mut up = home;
            while let Some(id) = up {
                if !used.insert(id) {
                    break;
                }
                up = parent.get(&id).copied().flatten();
            }
            activities.entry(home).or_default().push(a);
            first.insert(
                a.id,
                a.sessions
                    .iter()
                    .min_by_key(|s| s.start)
                    .expect("has sessions"),
            );
            last.insert(
                a.id,
                a.sessions
                    .iter()
                    .max_by_key(|s| s.last_day())
                    .expect("has sessions"),
            );
        }
        let mut children: HashMap<Option<Id>, Vec<Id>> = HashMap::new();
        for o in p.objectives.iter().filter(|o| used.contains(&o.id)) {
            children.entry(o.parent).or_default().push(o.id);
        }
        let titles = p
            .objectives
            .iter()
            .map(|o| (o.id, o.title.as_str()))
            .collect();
        Tree {
            children,
            titles,
            activities,
            first,
            last,
        }
    }

    /// Visits objectives and activities depth first: `enter` for an objective (or the
    /// not-linked group, `None`), `activity` for each activity, `leave` after a group.
    fn walk(&self, at: Option<Id>, visit: &mut dyn FnMut(Step<'_, 'a>)) {
        for &child in self.children.get(&at).into_iter().flatten() {
            visit(Step::Enter(Some(child), self.titles[&child]));
            self.walk(Some(child), visit);
            visit(Step::Leave);
        }
        let here = self.activities.get(&at).into_iter().flatten();
        if at.is_none() && self.activities.contains_key(&None) {
            visit(Step::Enter(None, "Not linked to an objective"));
            here.for_each(|a| visit(Step::Activity(a)));
            visit(Step::Leave);
        } else {
            here.for_each(|a| visit(Step::Activity(a)));
        }
    }

    /// Finish-to-start links as (successor's first session, predecessor's last session).
    fn links(&self, a: &Activity) -> Vec<(Id, Id)> {
        let Some(first) = self.first.get(&a.id) else {
            return vec![];
        };
        a.predecessors
            .iter()
            .filter_map(|d| self.last.get(&d.activity))
            .filter(|before| before.last_day() < first.start)
            .map(|before| (first.id, before.id))
            .collect()
    }
}

enum Step<'s, 'a> {
    Enter(Option<Id>, &'s str),
    Activity(&'a Activity),
    Leave,
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn planner_time(day: NaiveDate) -> String {
    day.format("%Y%m%dT000000Z").to_string()
}

/// Planner's XML (mrproject-version 2) with a calendar in which every day is a working day of
/// 8 hours, so that a session of n days is a fixed-duration task of n × 8 hours pinned by a
/// must-start-on constraint to its first day.
fn planner(p: &Project, tree: &Tree<'_>) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<?xml version=\"1.0\"?>\n<project name=\"{}\" company=\"\" manager=\"\" phase=\"\" project-start=\"{}\" mrproject-version=\"2\" calendar=\"1\">",
        xml(&p.programme.title),
        planner_time(p.programme.start)
    );
    s.push_str(concat!(
        "  <properties/>\n  <phases/>\n  <calendars>\n    <day-types>\n",
        "      <day-type id=\"0\" name=\"Working\" description=\"A default working day\"/>\n",
        "      <day-type id=\"1\" name=\"Nonworking\" description=\"A default non working day\"/>\n",
        "      <day-type id=\"2\" name=\"Use base\" description=\"Use day from base calendar\"/>\n",
        "    </day-types>\n    <calendar id=\"1\" name=\"Default\">\n",
        "      <default-week mon=\"0\" tue=\"0\" wed=\"0\" thu=\"0\" fri=\"0\" sat=\"0\" sun=\"0\"/>\n",
        "      <overridden-day-types>\n        <overridden-day-type id=\"0\">\n",
        "          <interval start=\"0900\" end=\"1700\"/>\n",
        "        </overridden-day-type>\n      </overridden-day-types>\n      <days/>\n",
        "    </calendar>\n  </calendars>\n  <tasks>\n",
    ));
    let summary = |s: &mut String, id: String, name: &str| {
        let _ = writeln!(
            s,
            "<task id=\"{id}\" name=\"{}\" note=\"\" work=\"0\" start=\"{}\" end=\"{}\" percent-complete=\"0\" priority=\"0\" type=\"normal\" scheduling=\"fixed-work\">",
            xml(name),
            planner_time(p.programme.start),
            planner_time(p.programme.start)
        );
    };
    // Ids are Workplan's; the not-linked group gets one above them all.
    let group_id = p.next_id;
    tree.walk(None, &mut |step| match step {
        Step::Enter(id, name) => summary(&mut s, id.map_or(group_id, |i| i.0).to_string(), name),
        Step::Leave => s.push_str("</task>\n"),
        Step::Activity(a) => {
            summary(&mut s, a.id.to_string(), &a.title);
            for session in &a.sessions {
                let days = (session.last_day() - session.start).num_days() + 1;
                let seconds = if a.milestone { 0 } else { days * 8 * 3600 };
                let _ = writeln!(
                    s,
                    "<task id=\"{}\" name=\"{}\" note=\"\" work=\"{seconds}\" duration=\"{seconds}\" start=\"{}\" end=\"{}\" work-start=\"{}\" percent-complete=\"0\" priority=\"0\" type=\"{}\" scheduling=\"fixed-duration\">\n<constraint type=\"must-start-on\" time=\"{}\"/>",
                    session.id,
                    xml(&session.date_label()),
                    planner_time(session.start),
                    planner_time(session.last_day()),
                    planner_time(session.start),
                    if a.milestone { "milestone" } else { "normal" },
                    planner_time(session.start),
                );
                let links: Vec<_> = tree.links(a).into_iter().filter(|(to, _)| *to == session.id).collect();
                if !links.is_empty() {
                    s.push_str("<predecessors>\n");
                    for (to, from) in links {
                        let _ = writeln!(s, "<predecessor id=\"{to}{from}\" predecessor-id=\"{from}\" type=\"FS\"/>");
                    }
                    s.push_str("</predecessors>\n");
                }
                s.push_str("</task>\n");
            }
            s.push_str("</task>\n");
        }
    });
    s.push_str("  </tasks>\n  <resource-groups/>\n  <resources/>\n  <allocations/>\n</project>\n");
    s
}

fn tj_text(text: &str) -> String {
    text.replace('\\', "/").replace('"', "'")
}

/// A TaskJuggler project: fixed start and end (exclusive, the day after the last) for each
/// session, `depends` for the links, no resources and no reports.
fn taskjuggler(p: &Project, tree: &Tree<'_>) -> String {
    let end = p
        .activities
        .iter()
        .flat_map(|a| a.sessions.iter().map(Session::last_day))
        .chain([p.programme.end])
        .max()
        .expect("one date at least");
    let mut s = String::new();
    let _ = writeln!(
        s,
        "project workplan \"{}\" {} - {} {{\n  timezone \"UTC\"\n}}\n",
        tj_text(&p.programme.title),
        p.programme.start,
        end + chrono::Days::new(31)
    );
    // Full ids of the sessions, for `depends`.
    let mut path: Vec<String> = Vec::new();
    let mut full_ids: HashMap<Id, String> = HashMap::new();
    let mut body = String::new();
    tree.walk(None, &mut |step| match step {
        Step::Enter(id, name) => {
            let local = id.map_or("unlinked".to_string(), |i| format!("o{i}"));
            let _ = writeln!(body, "task {local} \"{}\" {{", tj_text(name));
            path.push(local);
        }
        Step::Leave => {
            body.push_str("}\n");
            path.pop();
        }
        Step::Activity(a) => {
            let _ = writeln!(body, "task a{} \"{}\" {{", a.id, tj_text(&a.title));
            for session in &a.sessions {
                let full = format!("{}.a{}.s{}", path.join("."), a.id, session.id);
                full_ids.insert(session.id, full);
                if a.milestone {
                    let _ = writeln!(
                        body,
                        "task s{} \"{}\" {{ start {} milestone }}",
                        session.id,
                        tj_text(&session.date_label()),
                        session.start
                    );
                } else {
                    let _ = writeln!(
                        body,
                        "task s{} \"{}\" {{ start {} end {} }}",
                        session.id,
                        tj_text(&session.date_label()),
                        session.start,
                        session.last_day() + chrono::Days::new(1)
                    );
                }
            }
            body.push_str("}\n");
        }
    });
    // Links go in a second pass, once every session's full id is known.
    for a in &p.activities {
        for (to, from) in tree.links(a) {
            let _ = writeln!(
                body,
                "supplement task {} {{ depends {} }}",
                full_ids[&to], full_ids[&from]
            );
        }
    }
    s.push_str(&body);
    s
}
