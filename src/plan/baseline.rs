//! Today's plan against a saved baseline, or one baseline against another: which activities
//! were added or removed since, and by how many days each one's start and end slipped.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::{Activity, Baseline, BaselineActivity, BaselineSpan, Id, Precision, Project};

/// The days an activity spans in one version of the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dates {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The first or the last day comes from a session known only to the month: the day is
    /// the month's first or last, not a real date, and a slip measured from it is approximate.
    pub approximate: bool,
}

/// One activity as one version of the plan has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub activity: Id,
    pub title: String,
    /// `None` for an activity without sessions.
    pub dates: Option<Dates>,
}

/// Start and end slips in days: positive when later than before, negative when earlier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slip {
    pub start: i64,
    pub end: i64,
    pub approximate: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// In the later version only.
    Added,
    /// In the earlier version only.
    Removed,
    /// In both, on other days (or dated in one only).
    Moved,
    Unchanged,
}

/// One activity compared across two versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub activity: Id,
    /// The later version's title, or the earlier one's for a removed activity.
    pub title: String,
    pub before: Option<Dates>,
    pub after: Option<Dates>,
    pub change: Change,
}

impl Row {
    /// `None` unless both versions date the activity.
    pub fn slip(&self) -> Option<Slip> {
        slip(self.before?, self.after?)
    }
}

fn slip(before: Dates, after: Dates) -> Option<Slip> {
    Some(Slip {
        start: (after.first - before.first).num_days(),
        end: (after.last - before.last).num_days(),
        approximate: before.approximate || after.approximate,
    })
}

/// The span of a list of sessions, from the earliest start to the latest end; approximate
/// when no day-precision session starts on the first day or none ends on the last.
fn span(spans: impl Iterator<Item = BaselineSpan> + Clone) -> Option<Dates> {
    let first = spans.clone().map(|s| s.start).min()?;
    let last = spans.clone().map(|s| s.end).max()?;
    let exact = |day: fn(&BaselineSpan) -> NaiveDate, on: NaiveDate| {
        spans
            .clone()
            .any(|s| s.precision == Precision::Day && day(&s) == on)
    };
    Some(Dates {
        first,
        last,
        approximate: !exact(|s| s.start, first) || !exact(|s| s.end, last),
    })
}

fn spans_of(activity: &Activity) -> impl Iterator<Item = BaselineSpan> + Clone + '_ {
    activity.sessions.iter().map(|s| BaselineSpan {
        start: s.start,
        end: s.last_day().max(s.start),
        precision: s.precision,
    })
}

/// The dates of an activity as the workplan has it now.
pub fn dates_of(activity: &Activity) -> Option<Dates> {
    span(spans_of(activity))
}

/// The dates of an activity as a baseline keeps it.
pub fn baseline_dates(entry: &BaselineActivity) -> Option<Dates> {
    span(entry.sessions.iter().copied())
}

/// Today's plan, activity by activity.
pub fn of_project(project: &Project) -> Vec<Entry> {
    project
        .activities
        .iter()
        .map(|a| Entry {
            activity: a.id,
            title: a.title.clone(),
            dates: dates_of(a),
        })
        .collect()
}

/// A baseline's plan, activity by activity.
pub fn of_baseline(baseline: &Baseline) -> Vec<Entry> {
    baseline
        .activities
        .iter()
        .map(|a| Entry {
            activity: a.activity,
            title: a.title.clone(),
            dates: baseline_dates(a),
        })
        .collect()
}

/// Today's plan saved as a baseline: every activity with its sessions' days.
pub fn snapshot(project: &Project, id: Id, name: &str, saved: NaiveDate, note: &str) -> Baseline {
    Baseline {
        id,
        name: name.trim().to_string(),
        saved,
        note: note.trim().to_string(),
        activities: project
            .activities
            .iter()
            .map(|a| BaselineActivity {
                activity: a.id,
                title: a.title.clone(),
                sessions: spans_of(a).collect(),
            })
            .collect(),
    }
}

/// A name no baseline of the project has yet: "Baseline 1", "Baseline 2", ...
pub fn default_name(project: &Project) -> String {
    (1..)
        .map(|n| format!("Baseline {n}"))
        .find(|name| !project.baselines.iter().any(|b| &b.name == name))
        .expect("some number is free")
}

/// Every activity of either version: the later version's in its order, then the removed ones
/// in the earlier version's order.
pub fn compare(before: &[Entry], after: &[Entry]) -> Vec<Row> {
    let earlier: HashMap<Id, &Entry> = before.iter().map(|e| (e.activity, e)).collect();
    let later: HashMap<Id, &Entry> = after.iter().map(|e| (e.activity, e)).collect();
    let mut rows: Vec<Row> = after
        .iter()
        .map(|e| {
            let was = earlier.get(&e.activity);
            let change = match was {
                None => Change::Added,
                Some(was) if was.dates == e.dates => Change::Unchanged,
                Some(_) => Change::Moved,
            };
            Row {
                activity: e.activity,
                title: e.title.clone(),
                before: was.and_then(|w| w.dates),
                after: e.dates,
                change,
            }
        })
        .collect();
    rows.extend(
        before
            .iter()
            .filter(|e| !later.contains_key(&e.activity))
            .map(|e| Row {
                activity: e.activity,
                title: e.title.clone(),
                before: e.dates,
                after: None,
                change: Change::Removed,
            }),
    );
    rows
}

/// The slip of every activity of today's plan that the baseline dates too.
pub fn slips(project: &Project, baseline: &Baseline) -> HashMap<Id, Slip> {
    let saved: HashMap<Id, Dates> = baseline
        .activities
        .iter()
        .filter_map(|a| Some((a.activity, baseline_dates(a)?)))
        .collect();
    project
        .activities
        .iter()
        .filter_map(|a| Some((a.id, slip(*saved.get(&a.id)?, dates_of(a)?)?)))
        .collect()
}

/// A slip in days as the table and the reports write it: "+3", "−2" (a minus sign), "0",
/// with "≈" before it when a month-precision session makes it approximate.
pub fn slip_text(days: i64, approximate: bool) -> String {
    let number = match days {
        d if d > 0 => format!("+{d}"),
        d if d < 0 => format!("−{}", d.unsigned_abs()),
        _ => "0".to_string(),
    };
    if approximate {
        format!("≈{number}")
    } else {
        number
    }
}

/// A baseline session's days as a planner writes them: "18–20 Nov 2009", "Feb–Mar 2022".
pub fn span_label(span: &BaselineSpan) -> String {
    crate::model::Session {
        id: Id(0),
        start: span.start,
        end: Some(span.end),
        precision: span.precision,
        place: Default::default(),
    }
    .date_label()
}

/// What a report says of an activity against a baseline: the baseline's dates and the slip,
/// "added since the baseline", or "no date in the baseline".
pub fn report_line(baseline: &Baseline, activity: &Activity) -> String {
    let Some(entry) = baseline
        .activities
        .iter()
        .find(|a| a.activity == activity.id)
    else {
        return "Baseline: added since".into();
    };
    let Some(before) = baseline_dates(entry) else {
        return "Baseline: no date then".into();
    };
    let dates = entry
        .sessions
        .iter()
        .map(span_label)
        .collect::<Vec<_>>()
        .join("; ");
    match dates_of(activity).and_then(|now| slip(before, now)) {
        Some(s) if s.start == 0 && s.end == 0 => format!("Baseline: {dates} (unchanged)"),
        Some(s) => format!(
            "Baseline: {dates} (start {}, end {} days)",
            slip_text(s.start, s.approximate),
            slip_text(s.end, s.approximate)
        ),
        None => format!("Baseline: {dates}"),
    }
}

/// Counts of a comparison, for a one-line summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub moved: usize,
    pub later: usize,
    pub earlier: usize,
}

pub fn summary(rows: &[Row]) -> Summary {
    let mut s = Summary::default();
    for row in rows {
        match row.change {
            Change::Added => s.added += 1,
            Change::Removed => s.removed += 1,
            Change::Moved => s.moved += 1,
            Change::Unchanged => {}
        }
        if let Some(slip) = row.slip() {
            if slip.end > 0 {
                s.later += 1;
            } else if slip.end < 0 {
                s.earlier += 1;
            }
        }
    }
    s
}

impl Summary {
    /// "2 added, 1 removed, 3 moved (2 end later, 1 earlier)", or "No change".
    pub fn text(&self) -> String {
        let mut parts = Vec::new();
        if self.added > 0 {
            parts.push(format!("{} added", self.added));
        }
        if self.removed > 0 {
            parts.push(format!("{} removed", self.removed));
        }
        if self.moved > 0 {
            parts.push(format!(
                "{} moved ({} end later, {} earlier)",
                self.moved, self.later, self.earlier
            ));
        }
        if parts.is_empty() {
            "No change".into()
        } else {
            parts.join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    use crate::testing::session;

    fn project() -> Project {
        let mut p = Project::new(d(2024, 1, 1));
        let mut a = Activity::new(Id(1), "Workshop", "Training");
        a.sessions
            .push(session(11, d(2024, 3, 4), d(2024, 3, 6), Precision::Day));
        let mut b = Activity::new(Id(2), "Mission", "Assessment mission");
        b.sessions
            .push(session(21, d(2024, 5, 1), d(2024, 5, 31), Precision::Month));
        let c = Activity::new(Id(3), "Study", "Other");
        p.activities = vec![a, b, c];
        p.next_id = 100;
        p
    }

    #[test]
    fn an_unchanged_plan_has_no_slip() {
        let p = project();
        let base = snapshot(&p, Id(100), " Approved by SC2 ", d(2024, 1, 15), "");
        assert_eq!(base.name, "Approved by SC2");
        let slips = slips(&p, &base);
        assert_eq!(slips.len(), 2, "the undated activity has no slip");
        assert_eq!(
            slips[&Id(1)],
            Slip {
                start: 0,
                end: 0,
                approximate: false
            }
        );
        let rows = compare(&of_baseline(&base), &of_project(&p));
        assert!(rows.iter().all(|r| r.change == Change::Unchanged));
        assert_eq!(summary(&rows).text(), "No change");
    }

    #[test]
    fn moves_later_and_earlier_are_signed() {
        let mut p = project();
        let base = snapshot(&p, Id(100), "SC2", d(2024, 1, 15), "");
        // Later by a week and a day longer.
        p.activities[0].sessions[0].start = d(2024, 3, 11);
        p.activities[0].sessions[0].end = Some(d(2024, 3, 14));
        let s = slips(&p, &base)[&Id(1)];
        assert_eq!((s.start, s.end), (7, 8));
        // Earlier by a month.
        p.activities[0].sessions[0].start = d(2024, 2, 4);
        p.activities[0].sessions[0].end = Some(d(2024, 2, 6));
        let s = slips(&p, &base)[&Id(1)];
        assert_eq!((s.start, s.end), (-29, -29));
        assert_eq!(slip_text(s.start, s.approximate), "−29");
        assert_eq!(slip_text(7, false), "+7");
        assert_eq!(slip_text(0, false), "0");
        let rows = compare(&of_baseline(&base), &of_project(&p));
        assert_eq!(rows[0].change, Change::Moved);
        assert_eq!(summary(&rows).text(), "1 moved (0 end later, 1 earlier)");
    }

    #[test]
    fn added_and_removed_activities_are_named() {
        let mut p = project();
        let base = snapshot(&p, Id(100), "SC2", d(2024, 1, 15), "");
        p.activities.remove(1);
        p.activities
            .push(Activity::new(Id(4), "New conference", "Conference"));
        let rows = compare(&of_baseline(&base), &of_project(&p));
        let change = |id| rows.iter().find(|r| r.activity == Id(id)).unwrap();
        assert_eq!(change(4).change, Change::Added);
        assert_eq!(change(4).slip(), None);
        assert_eq!(change(2).change, Change::Removed);
        assert_eq!(change(2).title, "Mission", "named as the baseline kept it");
        assert_eq!(
            rows.last().unwrap().activity,
            Id(2),
            "removed ones come last"
        );
        assert!(!slips(&p, &base).contains_key(&Id(4)));
        assert_eq!(summary(&rows).text(), "1 added, 1 removed");
    }

    #[test]
    fn month_precision_makes_a_slip_approximate() {
        let mut p = project();
        let base = snapshot(&p, Id(100), "SC2", d(2024, 1, 15), "");
        // "May" becomes 13–15 May: the days are known now; the slip from "May" is approximate.
        let s = &mut p.activities[1].sessions[0];
        s.start = d(2024, 5, 13);
        s.end = Some(d(2024, 5, 15));
        s.precision = Precision::Day;
        let slip = slips(&p, &base)[&Id(2)];
        assert_eq!((slip.start, slip.end), (12, -16));
        assert!(slip.approximate);
        assert_eq!(slip_text(slip.start, slip.approximate), "≈+12");
        // A day-precision session ending on the month's last day decides the end exactly.
        let mut a = Activity::new(Id(5), "Two", "Other");
        a.sessions
            .push(session(51, d(2024, 6, 1), d(2024, 6, 30), Precision::Month));
        a.sessions
            .push(session(52, d(2024, 6, 28), d(2024, 6, 30), Precision::Day));
        let dates = dates_of(&a).unwrap();
        assert_eq!((dates.first, dates.last), (d(2024, 6, 1), d(2024, 6, 30)));
        assert!(dates.approximate, "the first day is still only the month's");
        a.sessions.remove(0);
        assert!(!dates_of(&a).unwrap().approximate);
    }

    #[test]
    fn a_report_line_gives_the_baseline_dates_and_the_slip() {
        let mut p = project();
        let base = snapshot(&p, Id(100), "SC2", d(2024, 1, 15), "");
        assert_eq!(
            report_line(&base, &p.activities[0]),
            "Baseline: 4–6 Mar 2024 (unchanged)"
        );
        p.activities[0].sessions[0].start = d(2024, 3, 11);
        p.activities[0].sessions[0].end = Some(d(2024, 3, 13));
        assert_eq!(
            report_line(&base, &p.activities[0]),
            "Baseline: 4–6 Mar 2024 (start +7, end +7 days)"
        );
        assert_eq!(
            report_line(&base, &p.activities[2]),
            "Baseline: no date then"
        );
        let new = Activity::new(Id(9), "New", "Other");
        assert_eq!(report_line(&base, &new), "Baseline: added since");
        assert_eq!(span_label(&base.activities[1].sessions[0]), "May 2024");
    }

    #[test]
    fn two_baselines_compare() {
        let mut p = project();
        let first = snapshot(&p, Id(100), "SC1", d(2024, 1, 15), "");
        p.activities[0].sessions[0].start = d(2024, 3, 5);
        let second = snapshot(&p, Id(101), "SC2", d(2024, 6, 15), "");
        let rows = compare(&of_baseline(&first), &of_baseline(&second));
        assert_eq!(rows[0].slip().map(|s| (s.start, s.end)), Some((1, 0)));
        assert_eq!(rows[1].change, Change::Unchanged);
        p.next_id = 102;
        assert_eq!(default_name(&p), "Baseline 1");
        p.baselines
            .push(snapshot(&p, Id(102), "Baseline 1", d(2024, 6, 15), ""));
        assert_eq!(default_name(&p), "Baseline 2");
    }
}

#[cfg(test)]
mod file_tests {
    use super::*;
    use crate::edit::commands::Command;

    #[test]
    fn baselines_round_trip_through_the_file_and_undo() {
        let mut p = crate::testing::sample();
        let id = p.allocate_id();
        let day = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap();
        let without = crate::io::save::to_ron(&p);
        let baseline = snapshot(&p, id, "Approved by SC2", day, "As approved");
        let before = p.clone();
        let inverse = Command::SetBaselines(vec![baseline.clone()])
            .apply(&mut p)
            .unwrap();
        let text = crate::io::save::to_ron(&p);
        assert!(text.contains("baselines: ["), "{text}");
        let (fast, ron) = crate::io::write_with_both(&p);
        assert_eq!(fast.as_deref(), Some(ron.as_str()), "both writers agree");
        let (fast, ron) = crate::io::read_with_both(&text);
        assert_eq!(fast.as_ref(), Some(&p));
        assert_eq!(ron.as_ref(), Some(&p));
        let loaded = crate::io::load_str(std::path::Path::new("p.ron"), &text).unwrap();
        assert_eq!(loaded.baselines, vec![baseline]);
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);
        assert_eq!(
            crate::io::save::to_ron(&p),
            without,
            "no baselines, the same bytes"
        );
    }

    #[test]
    fn renaming_a_baseline_undoes_in_one_step() {
        let mut p = crate::testing::sample();
        let id = p.allocate_id();
        let day = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap();
        p.baselines.push(snapshot(&p, id, "SC2", day, ""));
        let before = p.clone();
        let rename = |name: &str| Command::SetBaselineDetails {
            baseline: id,
            name: name.into(),
            note: "As approved".into(),
        };
        let inverse = rename("Approved by SC2").apply(&mut p).unwrap();
        assert_eq!(
            (p.baselines[0].name.as_str(), p.baselines[0].note.as_str()),
            ("Approved by SC2", "As approved")
        );
        assert_eq!(p.baselines[0].activities, before.baselines[0].activities);
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);
        assert!(rename(" ").apply(&mut p).is_err());
        let missing = Command::SetBaselineDetails {
            baseline: Id(999_999),
            name: "X".into(),
            note: String::new(),
        };
        assert!(
            missing
                .apply(&mut p)
                .unwrap_err()
                .to_string()
                .contains("does not exist")
        );
    }

    #[test]
    fn a_baseline_needs_a_name_and_its_own_id() {
        let mut p = crate::testing::sample();
        let day = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap();
        let taken = p.activities[0].id;
        let err = Command::SetBaselines(vec![snapshot(&p, taken, "X", day, "")])
            .apply(&mut p)
            .unwrap_err();
        assert!(err.to_string().contains("already in use"), "{err}");
        let id = p.allocate_id();
        let err = Command::SetBaselines(vec![snapshot(&p, id, "  ", day, "")])
            .apply(&mut p)
            .unwrap_err();
        assert_eq!(err.to_string(), "A baseline needs a name.");
    }

    #[test]
    fn deleting_an_activity_keeps_it_in_the_baseline() {
        let mut p = crate::testing::sample();
        let id = p.allocate_id();
        let day = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap();
        p.baselines.push(snapshot(&p, id, "SC2", day, ""));
        let gone = p.activities.last().unwrap().id;
        let delete = crate::edit::commands::delete_activities(&p, &[gone]);
        delete.apply(&mut p).unwrap();
        assert!(crate::edit::integrity::check(&p).is_empty());
        let rows = compare(&of_baseline(&p.baselines[0]), &of_project(&p));
        assert_eq!(
            rows.iter().find(|r| r.activity == gone).map(|r| r.change),
            Some(Change::Removed)
        );
    }
}
