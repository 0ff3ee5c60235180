//! The timeline (Gantt) layout: rows grouped by pillar and objective, the time scale and its
//! header ticks ("2009 Q4"), from dates to positions and back.

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::model::{Id, Project};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Zoom {
    Weeks,
    #[default]
    Months,
    Quarters,
    Years,
}

impl Zoom {
    pub const ALL: [Zoom; 4] = [Zoom::Weeks, Zoom::Months, Zoom::Quarters, Zoom::Years];

    /// Width of one day on screen, in points.
    pub fn day_width(self) -> f32 {
        match self {
            Zoom::Weeks => 22.0,
            Zoom::Months => 5.0,
            Zoom::Quarters => 1.6,
            Zoom::Years => 0.5,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Zoom::Weeks => "Weeks",
            Zoom::Months => "Months",
            Zoom::Quarters => "Quarters",
            Zoom::Years => "Years",
        }
    }
}

/// A header mark: where it starts and what it says.
pub type Tick = (NaiveDate, String);

/// "2009 Q4".
pub fn quarter_label(date: NaiveDate) -> String {
    format!("{} Q{}", date.year(), date.month0() / 3 + 1)
}

fn first_of_quarter(date: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(date.year(), date.month0() / 3 * 3 + 1, 1).expect("a real date")
}

/// Header marks between `from` and `to`: the upper row (quarters, or years when zoomed out)
/// and the lower row (weeks, months or quarters), each a start date and its label.
pub fn ticks(from: NaiveDate, to: NaiveDate, zoom: Zoom) -> (Vec<Tick>, Vec<Tick>) {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut upper = Vec::new();
    let mut lower = Vec::new();
    let mut quarter = first_of_quarter(from);
    while quarter <= to {
        match zoom {
            Zoom::Years => {
                if quarter.month() == 1 {
                    upper.push((quarter, quarter.year().to_string()));
                }
                lower.push((quarter, format!("Q{}", quarter.month0() / 3 + 1)));
            }
            _ => upper.push((quarter, quarter_label(quarter))),
        }
        quarter = quarter
            .checked_add_months(Months::new(3))
            .expect("in range");
    }
    match zoom {
        Zoom::Weeks => {
            let mut monday = from - Days::new(u64::from(from.weekday().num_days_from_monday()));
            while monday <= to {
                lower.push((
                    monday,
                    format!("{} {}", monday.day(), MONTHS[monday.month0() as usize]),
                ));
                monday = monday + Days::new(7);
            }
        }
        Zoom::Months | Zoom::Quarters => {
            let mut month = from.with_day(1).expect("day 1");
            while month <= to {
                lower.push((month, MONTHS[month.month0() as usize].to_string()));
                month = month.checked_add_months(Months::new(1)).expect("in range");
            }
        }
        Zoom::Years => {}
    }
    (upper, lower)
}

/// A row of the timeline: a group heading or an activity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// A pillar or other top-level branch (`None`: activities linked to no objective).
    Group {
        node: Option<Id>,
        title: String,
        count: usize,
    },
    /// An objective inside a branch, with its activities below.
    Subgroup {
        node: Id,
        title: String,
        count: usize,
    },
    Activity {
        activity: Id,
        index: usize,
    },
}

/// Rows in outline order: each top-level branch, then each node of it that activities link
/// to, then those activities (by start date). An activity appears under its first link.
/// Collapsed groups and subgroups keep their heading but hide what is below.
pub fn rows(project: &Project, collapsed: &std::collections::HashSet<Option<Id>>) -> Vec<Row> {
    let nodes = &project.objectives;
    let parent: HashMap<Id, Option<Id>> = nodes.iter().map(|n| (n.id, n.parent)).collect();
    let root_of = |mut id: Id| {
        let mut steps = 0;
        while let Some(Some(p)) = parent.get(&id) {
            id = *p;
            steps += 1;
            if steps > nodes.len() {
                break;
            }
        }
        id
    };
    let codes = crate::tree::outline_codes(nodes);
    // For each linked node, its activities by start date.
    let mut under: HashMap<Option<Id>, Vec<usize>> = HashMap::new();
    for (index, activity) in project.activities.iter().enumerate() {
        let node = activity
            .objectives
            .first()
            .copied()
            .filter(|n| parent.contains_key(n));
        under.entry(node).or_default().push(index);
    }
    for list in under.values_mut() {
        list.sort_by_key(|&i| {
            (
                crate::workplan::span(&project.activities[i]).map(|s| s.0),
                project.activities[i].id,
            )
        });
    }
    let title_of = |id: Id| {
        let node = nodes
            .iter()
            .find(|n| n.id == id)
            .expect("a node of the tree");
        format!("{} {}", codes[&id], node.title)
    };
    let mut out = Vec::new();
    for root in nodes.iter().filter(|n| n.parent.is_none()) {
        let linked: Vec<Id> = nodes
            .iter()
            .filter(|n| under.contains_key(&Some(n.id)) && root_of(n.id) == root.id)
            .map(|n| n.id)
            .collect();
        if linked.is_empty() {
            continue;
        }
        let count = linked.iter().map(|n| under[&Some(*n)].len()).sum();
        out.push(Row::Group {
            node: Some(root.id),
            title: title_of(root.id),
            count,
        });
        if collapsed.contains(&Some(root.id)) {
            continue;
        }
        for node in linked {
            let activities = &under[&Some(node)];
            if node != root.id {
                out.push(Row::Subgroup {
                    node,
                    title: title_of(node),
                    count: activities.len(),
                });
                if collapsed.contains(&Some(node)) {
                    continue;
                }
            }
            out.extend(activities.iter().map(|&index| Row::Activity {
                activity: project.activities[index].id,
                index,
            }));
        }
    }
    if let Some(unlinked) = under.get(&None) {
        out.push(Row::Group {
            node: None,
            title: "Not linked to an objective".into(),
            count: unlinked.len(),
        });
        if !collapsed.contains(&None) {
            out.extend(unlinked.iter().map(|&index| Row::Activity {
                activity: project.activities[index].id,
                index,
            }));
        }
    }
    out
}

/// The dates the timeline spans: the programme period widened to every session and meeting,
/// with a month of margin on each side.
pub fn extent(project: &Project) -> (NaiveDate, NaiveDate) {
    let p = &project.programme;
    let mut first = p.start;
    let mut last = p.end;
    for a in &project.activities {
        if let Some((s, e)) = crate::workplan::span(a) {
            first = first.min(s);
            last = last.max(e);
        }
    }
    for m in &project.committee.meetings {
        first = first.min(m.date);
        last = last.max(m.date);
    }
    let first = first
        .with_day(1)
        .expect("day 1")
        .checked_sub_months(Months::new(1))
        .unwrap_or(first);
    let last = last.checked_add_months(Months::new(1)).unwrap_or(last);
    (first, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarter_headers_read_like_planners_write_them() {
        assert_eq!(quarter_label(d(2009, 11, 18)), "2009 Q4");
        assert_eq!(quarter_label(d(2010, 1, 1)), "2010 Q1");
        let (upper, lower) = ticks(d(2009, 9, 15), d(2010, 2, 1), Zoom::Months);
        let labels: Vec<&str> = upper.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["2009 Q3", "2009 Q4", "2010 Q1"]);
        assert_eq!(
            lower.first().map(|(d, l)| (d.to_string(), l.clone())),
            Some(("2009-09-01".into(), "Sep".into()))
        );
        let (years, quarters) = ticks(d(2009, 1, 1), d(2011, 12, 31), Zoom::Years);
        assert_eq!(years.len(), 3);
        assert_eq!(quarters.len(), 12);
        let (_, weeks) = ticks(d(2009, 11, 18), d(2009, 12, 1), Zoom::Weeks);
        assert_eq!(weeks[0].0, d(2009, 11, 16), "weeks start on Monday");
    }

    #[test]
    fn rows_group_by_branch_and_collapse() {
        let project = crate::io::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sample-data/see-regional-programme-2009-2011.ron"
        )))
        .unwrap();
        let all = rows(&project, &Default::default());
        let activities = all
            .iter()
            .filter(|r| matches!(r, Row::Activity { .. }))
            .count();
        assert_eq!(activities, project.activities.len(), "every activity once");
        let Some(Row::Group {
            node: Some(first), ..
        }) = all.first().cloned()
        else {
            panic!("a group first: {all:?}")
        };
        let collapsed = std::collections::HashSet::from([Some(first)]);
        let fewer = rows(&project, &collapsed);
        assert!(fewer.len() < all.len());
        assert!(
            fewer
                .iter()
                .any(|r| matches!(r, Row::Group { node: Some(n), .. } if *n == first))
        );
        let (start, end) = extent(&project);
        assert!(start <= project.programme.start && end >= project.programme.end);
        assert!(start <= d(2008, 5, 1), "the 2008 expert meeting is inside");
    }
}
