//! Workplan checks: problems a planner should see, each tied to the activity to fix.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};

use crate::model::{Activity, Id, PlaceMode, Precision, Project, Status};
use crate::plan::workplan::span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckKind {
    OutsideProgramme,
    NoDate,
    NoObjective,
    NoPlace,
    PredecessorLate,
    Clash,
    Holiday,
}

impl CheckKind {
    pub fn label(self) -> &'static str {
        match self {
            CheckKind::OutsideProgramme => "Outside the programme period",
            CheckKind::NoDate => "No date",
            CheckKind::NoObjective => "No objective link",
            CheckKind::NoPlace => "No place",
            CheckKind::PredecessorLate => "Starts before its predecessor ends",
            CheckKind::Clash => "Clash in one jurisdiction",
            CheckKind::Holiday => "On a public holiday",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub activity: Id,
    pub kind: CheckKind,
    pub message: String,
}

fn is_cancelled(a: &Activity) -> bool {
    matches!(a.status, Status::Cancelled)
}

/// Every finding for the project, grouped by activity in workplan order.
pub fn run(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    let p = &project.programme;
    for a in project.activities.iter().filter(|a| !is_cancelled(a)) {
        let mut add = |kind, message: String| {
            findings.push(Finding {
                activity: a.id,
                kind,
                message,
            })
        };
        match span(a) {
            None => add(CheckKind::NoDate, "has no session with a date yet".into()),
            Some((first, last)) if first < p.start || last > p.end => add(
                CheckKind::OutsideProgramme,
                format!(
                    "runs {first} to {last}, outside the programme ({} to {})",
                    p.start, p.end
                ),
            ),
            Some(_) => {}
        }
        if a.objectives.is_empty() {
            add(
                CheckKind::NoObjective,
                "is not linked to any objective".into(),
            );
        }
        if a.sessions.iter().any(|s| {
            s.place.mode != PlaceMode::Online
                && s.place.city.trim().is_empty()
                && s.place.country.trim().is_empty()
        }) {
            add(CheckKind::NoPlace, "has a session without a place".into());
        }
        if let Some((first, _)) = span(a) {
            for d in &a.predecessors {
                let Some(before) = project.activity(d.activity) else {
                    continue;
                };
                let Some((_, before_last)) = span(before) else {
                    continue;
                };
                // A milestone has no length: it may fall on its predecessor's last day, and its
                // successor may start on its very day.
                let after = if before.milestone || a.milestone {
                    0
                } else {
                    1
                };
                let earliest = before_last + chrono::Duration::days(i64::from(d.lag_days) + after);
                if first < earliest {
                    add(
                        CheckKind::PredecessorLate,
                        format!(
                            "starts {first}, but “{}” ends {before_last} (lag {} days)",
                            before.title, d.lag_days
                        ),
                    );
                }
            }
        }
    }
    findings.extend(clashes(project));
    findings.extend(holidays(project));
    let order: HashMap<Id, usize> = project
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    findings.sort_by_key(|f| {
        (
            order.get(&f.activity).copied().unwrap_or(usize::MAX),
            f.kind,
        )
    });
    findings
}

/// Two activities with day-precise sessions in the same country on overlapping days.
fn clashes(project: &Project) -> Vec<Finding> {
    let mut by_country: HashMap<&str, Vec<(NaiveDate, NaiveDate, &Activity)>> = HashMap::new();
    // A milestone takes no time, so it cannot clash with work going on around it.
    for a in project
        .activities
        .iter()
        .filter(|a| !is_cancelled(a) && !a.milestone)
    {
        for s in &a.sessions {
            let country = s.place.country.trim();
            if s.precision == Precision::Day
                && s.place.mode != PlaceMode::Online
                && !country.is_empty()
            {
                by_country
                    .entry(country)
                    .or_default()
                    .push((s.start, s.last_day(), a));
            }
        }
    }
    let mut findings = Vec::new();
    let mut reported: HashSet<(Id, Id)> = HashSet::new();
    let mut countries: Vec<_> = by_country.into_iter().collect();
    countries.sort_by_key(|(country, _)| *country);
    for (country, mut sessions) in countries {
        sessions.sort_by_key(|&(start, end, a)| (start, end, a.id));
        // Sweep: sessions still running when the next one starts.
        let mut open: Vec<(NaiveDate, &Activity)> = Vec::new();
        for (start, end, a) in sessions {
            open.retain(|&(open_end, _)| open_end >= start);
            for &(_, other) in &open {
                if other.id != a.id && reported.insert((other.id.min(a.id), other.id.max(a.id))) {
                    for (this, that) in [(a, other), (other, a)] {
                        findings.push(Finding {
                            activity: this.id,
                            kind: CheckKind::Clash,
                            message: format!("overlaps “{}” in {country}", that.title),
                        });
                    }
                }
            }
            open.push((end, a));
        }
    }
    findings
}

/// Sessions held on a public holiday of the country where they take place.
fn holidays(project: &Project) -> Vec<Finding> {
    let mut days: HashMap<&str, HashMap<NaiveDate, &str>> = HashMap::new();
    for set in &project.holidays {
        let entry = days.entry(set.country.trim()).or_default();
        for h in &set.days {
            entry.insert(h.date, &h.name);
        }
    }
    let mut findings = Vec::new();
    for a in project.activities.iter().filter(|a| !is_cancelled(a)) {
        for s in a.sessions.iter().filter(|s| s.precision == Precision::Day) {
            let Some(holidays) = days.get(s.place.country.trim()) else {
                continue;
            };
            let mut day = s.start;
            while day <= s.last_day() {
                if let Some(name) = holidays.get(&day) {
                    findings.push(Finding {
                        activity: a.id,
                        kind: CheckKind::Holiday,
                        message: format!("meets on {day}, {name} in {}", s.place.country.trim()),
                    });
                }
                day = day + Days::new(1);
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dependency, Holiday, HolidaySet, Place, Session};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    use crate::testing::sample;

    fn kinds(findings: &[Finding], activity: Id) -> Vec<CheckKind> {
        findings
            .iter()
            .filter(|f| f.activity == activity)
            .map(|f| f.kind)
            .collect()
    }

    #[test]
    fn each_check_fires_on_a_real_case() {
        let mut p = sample();
        let a = p.activities[4].id; // 18-20 Nov 2009
        let b = p.activities[5].id; // 2-4 Dec 2009
        let place = Place {
            mode: PlaceMode::InPerson,
            city: "Belgrade".into(),
            country: "Serbia".into(),
        };
        p.activities[4].sessions[0].place = place.clone();
        // b is made to overlap a, in the same country, and to follow it with a lag it misses.
        p.activities[5].sessions[0] = Session {
            id: p.activities[5].sessions[0].id,
            start: d(2009, 11, 19),
            end: Some(d(2009, 11, 21)),
            precision: Precision::Day,
            place,
        };
        p.activities[5].predecessors = vec![Dependency {
            activity: a,
            lag_days: 0,
        }];
        p.activities[5].objectives.clear();
        p.holidays.push(HolidaySet {
            id: Id(9000),
            country: "Serbia".into(),
            days: vec![Holiday {
                date: d(2009, 11, 20),
                name: "Test holiday".into(),
            }],
        });
        p.next_id = 9001;
        let findings = run(&p);
        let of_b = kinds(&findings, b);
        for expected in [
            CheckKind::NoObjective,
            CheckKind::PredecessorLate,
            CheckKind::Clash,
            CheckKind::Holiday,
        ] {
            assert!(of_b.contains(&expected), "{expected:?} in {findings:#?}");
        }
        assert!(
            kinds(&findings, a).contains(&CheckKind::Clash),
            "a clash is shown on both sides"
        );
        assert!(kinds(&findings, a).contains(&CheckKind::Holiday));
    }

    #[test]
    fn milestones_have_no_length() {
        let mut p = sample();
        let signing = p.activities.iter().find(|a| a.milestone).unwrap().id;
        assert!(
            !kinds(&run(&p), signing).contains(&CheckKind::PredecessorLate),
            "on the conference's last day"
        );
        let index = p.activities.iter().position(|a| a.id == signing).unwrap();
        p.activities[index].milestone = false;
        assert!(
            kinds(&run(&p), signing).contains(&CheckKind::PredecessorLate),
            "a one-day activity would not fit"
        );
    }

    #[test]
    fn the_sample_flags_what_a_planner_would_fix() {
        let p = sample();
        let findings = run(&p);
        // The activities the programme had not scheduled yet have no date.
        let undated = p
            .activities
            .iter()
            .filter(|a| a.sessions.is_empty())
            .count();
        assert_eq!(
            findings
                .iter()
                .filter(|f| f.kind == CheckKind::NoDate)
                .count(),
            undated
        );
        // The 2008 expert meeting predates the programme period.
        assert!(
            findings
                .iter()
                .any(|f| f.kind == CheckKind::OutsideProgramme)
        );
        assert!(findings.iter().all(|f| p.activity(f.activity).is_some()));
    }
}
