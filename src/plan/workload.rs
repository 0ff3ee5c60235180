//! Workload: per officer and month of the programme, the days they are in sessions, for the
//! heat map of the workplan's Workload panel.
//!
//! Officers are the staff members each activity names (`Activity::officers`), one row per
//! member (imports and older files resolve "Ana Babić" and "ana babic" to one member).
//! A day counts once per person however many sessions fall on it (the Officer check reports
//! the double booking). A session known only to the month has no days to count: it is left out
//! of the days and counted apart, in each of its months, as uncertain.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};

use crate::model::{Activity, Id, Precision, Project, Status};
use crate::plan::calendar::{month_of, shift_months};
use crate::plan::names::fold;

/// One session in a cell: its activity and its place in the activity's sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Held {
    pub activity: Id,
    pub session: usize,
}

/// One person's month.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// Days in sessions known to the day, each day once.
    pub days: u32,
    /// Sessions known only to the month that fall in this month.
    pub uncertain: u32,
    /// Every session counted in the cell, in workplan order.
    pub sessions: Vec<Held>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workload {
    /// Each person by their staff name, sorted by folded name.
    pub people: Vec<String>,
    /// The staff member of each row of `people`.
    pub staff: Vec<Id>,
    /// The first day of each month of the programme, in order.
    pub months: Vec<NaiveDate>,
    /// `people.len() × months.len()` cells, a person's months in a row.
    cells: Vec<Cell>,
    /// The most days of any cell: the top of the colour scale.
    pub most_days: u32,
    /// Sessions of named officers held outside the programme period, not in any cell.
    pub outside: usize,
}

impl Workload {
    pub fn cell(&self, person: usize, month: usize) -> &Cell {
        &self.cells[person * self.months.len() + month]
    }

    /// A person's total days over the programme.
    pub fn total(&self, person: usize) -> u32 {
        (0..self.months.len())
            .map(|m| self.cell(person, m).days)
            .sum()
    }
}

/// Months from the one holding `start` to the one holding `end`, as their first days.
fn months_between(start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    let mut months = Vec::new();
    let mut month = month_of(start);
    while month <= end {
        months.push(month);
        month = shift_months(month, 1);
    }
    months
}

fn counted(a: &Activity) -> bool {
    // A milestone takes no time; cancelled work takes none any more.
    !a.milestone && a.status != Status::Cancelled
}

pub fn compute(project: &Project) -> Workload {
    let p = &project.programme;
    let months = if p.start <= p.end {
        months_between(p.start, p.end)
    } else {
        Vec::new()
    };
    let month_index = |day: NaiveDate| -> Option<usize> {
        let first = months.first()?;
        let index = (day.year() - first.year()) * 12 + day.month() as i32 - first.month() as i32;
        usize::try_from(index).ok().filter(|&i| i < months.len())
    };
    let mut people: Vec<String> = Vec::new();
    let mut ids: Vec<Id> = Vec::new();
    let mut person_of: HashMap<Id, usize> = HashMap::new();
    let mut cells: Vec<Vec<Cell>> = Vec::new();
    let mut days_seen: Vec<HashSet<NaiveDate>> = Vec::new();
    let mut outside = 0;
    for a in project.activities.iter().filter(|a| counted(a)) {
        for &id in &a.officers {
            let Some(member) = project.staff_member(id) else {
                continue;
            };
            let person = *person_of.entry(id).or_insert_with(|| {
                people.push(member.name.clone());
                ids.push(id);
                cells.push(vec![Cell::default(); months.len()]);
                days_seen.push(HashSet::new());
                people.len() - 1
            });
            for (index, s) in a.sessions.iter().enumerate() {
                let held = Held {
                    activity: a.id,
                    session: index,
                };
                let mut in_months: Vec<usize> = Vec::new();
                match s.precision {
                    Precision::Month => {
                        for month in months_between(s.start, s.last_day()) {
                            if let Some(m) = month_index(month) {
                                cells[person][m].uncertain += 1;
                                in_months.push(m);
                            }
                        }
                    }
                    Precision::Day => {
                        let mut day = s.start;
                        while day <= s.last_day() {
                            if let Some(m) = month_index(day) {
                                if days_seen[person].insert(day) {
                                    cells[person][m].days += 1;
                                }
                                if in_months.last() != Some(&m) {
                                    in_months.push(m);
                                }
                            }
                            day = day + Days::new(1);
                        }
                    }
                }
                if in_months.is_empty() {
                    outside += 1;
                }
                for m in in_months {
                    cells[person][m].sessions.push(held);
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..people.len()).collect();
    order.sort_by_cached_key(|&i| (fold(&people[i]), i));
    let most_days = cells.iter().flatten().map(|c| c.days).max().unwrap_or(0);
    let mut sorted_cells = Vec::with_capacity(people.len() * months.len());
    for &i in &order {
        sorted_cells.extend(std::mem::take(&mut cells[i]));
    }
    Workload {
        people: order.iter().map(|&i| people[i].clone()).collect(),
        staff: order.iter().map(|&i| ids[i]).collect(),
        months,
        cells: sorted_cells,
        most_days,
        outside,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Session;
    use crate::testing::sample;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    use crate::testing::session;

    /// The sample with no staff, and `activities[i]` given the officers `officer` names
    /// (resolved as an import resolves them) and `sessions`.
    fn with(plan: &[(&str, Vec<Session>)]) -> Project {
        let mut p = sample();
        p.staff.clear();
        for a in &mut p.activities {
            a.officers.clear();
            a.milestone = false;
            a.status = Status::Planned;
        }
        let mut finder = crate::plan::staff::StaffFinder::new(&[]);
        for (i, (officer, sessions)) in plan.iter().enumerate() {
            p.activities[i].officers = finder.resolve_text(officer, &mut p.staff, &mut p.next_id);
            p.activities[i].sessions = sessions.clone();
        }
        p
    }

    fn month(w: &Workload, day: NaiveDate) -> usize {
        w.months.iter().position(|&m| m == month_of(day)).unwrap()
    }

    #[test]
    fn a_session_over_a_month_boundary_counts_its_days_in_each_month() {
        let p = with(&[(
            "Ana Babić",
            vec![session(
                9001,
                d(2009, 11, 29),
                d(2009, 12, 2),
                Precision::Day,
            )],
        )]);
        let w = compute(&p);
        assert_eq!(w.people, vec!["Ana Babić"]);
        assert_eq!(w.months.len(), 36, "the programme's 2009-2011");
        let (nov, dec) = (month(&w, d(2009, 11, 1)), month(&w, d(2009, 12, 1)));
        assert_eq!(w.cell(0, nov).days, 2);
        assert_eq!(w.cell(0, dec).days, 2);
        assert_eq!(w.cell(0, nov).sessions, w.cell(0, dec).sessions);
        assert_eq!(w.cell(0, nov).sessions.len(), 1);
        assert_eq!(w.total(0), 4);
        assert_eq!(w.most_days, 2);
    }

    #[test]
    fn one_person_however_written_and_each_day_once() {
        let p = with(&[
            (
                "Ana Babić",
                vec![session(9001, d(2010, 3, 1), d(2010, 3, 5), Precision::Day)],
            ),
            (
                "ana babic; Marko Petrović",
                vec![session(9002, d(2010, 3, 4), d(2010, 3, 8), Precision::Day)],
            ),
        ]);
        let w = compute(&p);
        assert_eq!(
            w.people,
            vec!["Ana Babić", "Marko Petrović"],
            "sorted, first spelling"
        );
        let march = month(&w, d(2010, 3, 1));
        assert_eq!(w.cell(0, march).days, 8, "1-8 March: the 4th and 5th once");
        assert_eq!(w.cell(0, march).sessions.len(), 2);
        assert_eq!(w.cell(1, march).days, 5);
        assert_eq!(w.cell(1, march + 1), &Cell::default());
        assert_eq!(w.staff, [p.staff[0].id, p.staff[1].id]);
    }

    #[test]
    fn a_session_known_to_the_month_is_uncertain_not_days() {
        let p = with(&[(
            "Ana Babić",
            vec![
                session(9001, d(2010, 1, 1), d(2010, 2, 28), Precision::Month),
                session(9002, d(2010, 2, 10), d(2010, 2, 11), Precision::Day),
            ],
        )]);
        let w = compute(&p);
        let (jan, feb) = (month(&w, d(2010, 1, 1)), month(&w, d(2010, 2, 1)));
        assert_eq!((w.cell(0, jan).days, w.cell(0, jan).uncertain), (0, 1));
        assert_eq!((w.cell(0, feb).days, w.cell(0, feb).uncertain), (2, 1));
        assert_eq!(w.cell(0, feb).sessions.len(), 2);
    }

    #[test]
    fn cancelled_work_milestones_and_other_years_count_no_days() {
        let mut p = with(&[
            (
                "Ana Babić",
                vec![session(9001, d(2010, 5, 3), d(2010, 5, 4), Precision::Day)],
            ),
            (
                "Ana Babić",
                vec![session(
                    9002,
                    d(2010, 5, 10),
                    d(2010, 5, 10),
                    Precision::Day,
                )],
            ),
            (
                "Ana Babić",
                vec![session(
                    9003,
                    d(2008, 5, 10),
                    d(2008, 5, 12),
                    Precision::Day,
                )],
            ),
        ]);
        p.activities[0].status = Status::Cancelled;
        p.activities[1].milestone = true;
        let w = compute(&p);
        assert_eq!(w.total(0), 0);
        assert_eq!(w.outside, 1, "the 2008 meeting lies before the programme");
        assert_eq!(compute(&with(&[])).people, Vec::<String>::new());
    }
}
