//! The month calendar's layout: which weeks a month spans (weeks start on Monday), and where
//! each session's bar goes, split at week ends and stacked in lanes so bars never overlap.

use chrono::{Datelike, Days, Months, NaiveDate};

use std::collections::BTreeMap;

use chrono::Weekday;

use crate::model::{Id, Precision, Project};

/// One session's bar in one week row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub activity: Id,
    pub session: Id,
    /// Row of the grid (0 = the week holding the 1st of the month).
    pub week: usize,
    /// Columns 0 (Monday) to 6 (Sunday), inclusive.
    pub first_column: usize,
    pub last_column: usize,
    /// Stacking position within the week row, from the top.
    pub lane: usize,
    /// The session goes on before this week / after it.
    pub continues_before: bool,
    pub continues_after: bool,
}

/// A session known only to the month, listed beside the grid rather than drawn on days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthOnly {
    pub activity: Id,
    pub session: Id,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthLayout {
    pub first_of_month: NaiveDate,
    /// The Monday of each week row.
    pub weeks: Vec<NaiveDate>,
    pub bars: Vec<Bar>,
    /// Most lanes used in each week, to size the rows.
    pub lanes: Vec<usize>,
    pub month_only: Vec<MonthOnly>,
    /// The public holidays on the grid's days, each named with its country.
    pub holidays: BTreeMap<NaiveDate, Vec<String>>,
    /// The committee meetings on the grid's days: the day, the meeting's id and number.
    pub meetings: Vec<(NaiveDate, Id, u32)>,
}

/// What the user last looked at in the calendar: a day they clicked, or the month shown. A
/// new session starts there rather than on the programme's first day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateShown {
    Day(NaiveDate),
    Month(NaiveDate),
}

/// `date`, or the Monday after it when it falls on a weekend.
pub fn weekday_from(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => date + Days::new(2),
        Weekday::Sun => date + Days::new(1),
        _ => date,
    }
}

/// The first day of a new session: the day clicked in the calendar; else the first working
/// day of the month shown (or a week after the activity's last session when that one is in
/// the month shown); else a week after the activity's last session (`after`); else
/// today if it falls in the programme (`period`), else the first working day of the
/// programme's month nearest to today.
pub fn new_session_start(
    shown: Option<DateShown>,
    after: Option<NaiveDate>,
    today: NaiveDate,
    period: (NaiveDate, NaiveDate),
) -> NaiveDate {
    let (start, end) = period;
    match (shown, after) {
        (Some(DateShown::Day(day)), _) => day,
        (Some(DateShown::Month(month)), after) => {
            let month = month_of(month);
            // A session added after one already in the month shown follows it.
            match after {
                Some(last) if month_of(last) == month => weekday_from(last + Days::new(7)),
                _ => weekday_from(month),
            }
        }
        (None, Some(last)) => last + Days::new(7),
        (None, None) if (start..=end).contains(&today) => today,
        (None, None) => {
            let current = month_of(today.clamp(start, end.max(start))).max(start);
            weekday_from(current)
        }
    }
}

/// The first day of the month that holds `date`.
pub fn month_of(date: NaiveDate) -> NaiveDate {
    date.with_day(1).expect("day 1 exists")
}

pub fn shift_months(first_of_month: NaiveDate, months: i32) -> NaiveDate {
    if months >= 0 {
        first_of_month.checked_add_months(Months::new(months as u32))
    } else {
        first_of_month.checked_sub_months(Months::new(months.unsigned_abs()))
    }
    .unwrap_or(first_of_month)
}

pub fn layout(project: &Project, month: NaiveDate) -> MonthLayout {
    let first = month_of(month);
    let last = shift_months(first, 1) - Days::new(1);
    let grid_start = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
    let mut weeks = Vec::new();
    let mut monday = grid_start;
    while monday <= last {
        weeks.push(monday);
        monday = monday + Days::new(7);
    }
    let grid_end = monday - Days::new(1);

    let mut spans = Vec::new();
    let mut month_only = Vec::new();
    for activity in &project.activities {
        for session in &activity.sessions {
            let (start, end) = (session.start, session.last_day());
            if end < grid_start || start > grid_end {
                continue;
            }
            if session.precision == Precision::Month {
                if end >= first && start <= last {
                    month_only.push(MonthOnly {
                        activity: activity.id,
                        session: session.id,
                        first: start,
                        last: end,
                    });
                }
                continue;
            }
            spans.push((start, end, activity.id, session.id));
        }
    }
    // Longer sessions first, so they take the upper lanes and stay straight across weeks.
    spans.sort_by_key(|&(start, end, activity, session)| {
        (start, std::cmp::Reverse(end), activity, session)
    });

    let mut bars = Vec::new();
    let mut lanes = vec![0usize; weeks.len()];
    // Per week, per lane: the last column taken.
    let mut taken: Vec<Vec<usize>> = vec![Vec::new(); weeks.len()];
    for (start, end, activity, session) in spans {
        for (week, &monday) in weeks.iter().enumerate() {
            let sunday = monday + Days::new(6);
            if end < monday || start > sunday {
                continue;
            }
            let from = start.max(monday);
            let to = end.min(sunday);
            let first_column = from.weekday().num_days_from_monday() as usize;
            let last_column = to.weekday().num_days_from_monday() as usize;
            let lane = match taken[week].iter().position(|&used| used < first_column) {
                Some(lane) => lane,
                None => {
                    taken[week].push(0);
                    taken[week].len() - 1
                }
            };
            taken[week][lane] = last_column;
            lanes[week] = lanes[week].max(lane + 1);
            bars.push(Bar {
                activity,
                session,
                week,
                first_column,
                last_column,
                lane,
                continues_before: start < monday,
                continues_after: end > sunday,
            });
        }
    }
    let mut holidays: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    for set in &project.holidays {
        for day in set
            .days
            .iter()
            .filter(|h| (grid_start..=grid_end).contains(&h.date))
        {
            let name = if set.country.trim().is_empty() {
                day.name.clone()
            } else {
                format!("{} ({})", day.name, set.country.trim())
            };
            holidays.entry(day.date).or_default().push(name);
        }
    }
    let mut meetings: Vec<(NaiveDate, Id, u32)> = project
        .committee
        .meetings
        .iter()
        .filter(|m| (grid_start..=grid_end).contains(&m.date))
        .map(|m| (m.date, m.id, m.number))
        .collect();
    meetings.sort();
    MonthLayout {
        first_of_month: first,
        weeks,
        bars,
        lanes,
        month_only,
        holidays,
        meetings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, Participants, Place, Session, Status};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn project(sessions: &[(u64, NaiveDate, NaiveDate, Precision)]) -> Project {
        let mut p = Project::new(d(2009, 1, 1));
        for &(id, start, end, precision) in sessions {
            p.activities.push(Activity {
                id: Id(id),
                title: format!("a{id}"),
                kind: "Training".into(),
                status: Status::Planned,
                description: String::new(),
                sessions: vec![Session {
                    id: Id(id + 100),
                    start,
                    end: Some(end),
                    precision,
                    place: Place::default(),
                }],
                beneficiaries: vec![],
                unit: String::new(),
                partners: vec![],
                budget: None,
                funding: vec![],
                participants: Participants::default(),
                officer: String::new(),
                sdg_targets: vec![],
                objectives: vec![],
                predecessors: vec![],
                notes: String::new(),
                milestone: false,
            });
        }
        p
    }

    #[test]
    fn weeks_start_on_monday_and_cover_the_month() {
        let l = layout(&project(&[]), d(2009, 11, 18));
        assert_eq!(l.first_of_month, d(2009, 11, 1));
        assert_eq!(
            l.weeks.first(),
            Some(&d(2009, 10, 26)),
            "1 November 2009 was a Sunday"
        );
        assert_eq!(l.weeks.last(), Some(&d(2009, 11, 30)));
        assert_eq!(l.weeks.len(), 6);
    }

    #[test]
    fn a_bar_across_a_weekend_is_split_at_the_week_end() {
        let l = layout(
            &project(&[(1, d(2009, 11, 30), d(2009, 12, 2), Precision::Day)]),
            d(2009, 12, 1),
        );
        assert_eq!(
            l.bars.len(),
            1,
            "30 Nov is in the first row of December's grid too"
        );
        let l = layout(
            &project(&[(1, d(2009, 12, 4), d(2009, 12, 8), Precision::Day)]),
            d(2009, 12, 1),
        );
        assert_eq!(l.bars.len(), 2);
        assert_eq!((l.bars[0].first_column, l.bars[0].last_column), (4, 6));
        assert!(l.bars[0].continues_after && !l.bars[0].continues_before);
        assert_eq!((l.bars[1].first_column, l.bars[1].last_column), (0, 1));
        assert!(l.bars[1].continues_before);
    }

    #[test]
    fn overlapping_sessions_take_separate_lanes() {
        let l = layout(
            &project(&[
                (1, d(2009, 12, 2), d(2009, 12, 4), Precision::Day),
                (2, d(2009, 12, 3), d(2009, 12, 3), Precision::Day),
                (3, d(2009, 12, 5), d(2009, 12, 6), Precision::Day),
            ]),
            d(2009, 12, 1),
        );
        let lane = |id| l.bars.iter().find(|b| b.activity == Id(id)).unwrap().lane;
        assert_eq!((lane(1), lane(2), lane(3)), (0, 1, 0));
        assert_eq!(l.lanes[0], 2);
    }

    #[test]
    fn month_precision_sessions_are_listed_apart() {
        let l = layout(
            &project(&[(1, d(2022, 2, 1), d(2022, 3, 31), Precision::Month)]),
            d(2022, 3, 1),
        );
        assert!(l.bars.is_empty());
        assert_eq!(l.month_only.len(), 1);
        let l = layout(
            &project(&[(1, d(2022, 2, 1), d(2022, 3, 31), Precision::Month)]),
            d(2022, 4, 1),
        );
        assert!(l.month_only.is_empty());
    }

    #[test]
    fn holidays_and_meetings_of_the_grid_are_listed() {
        let mut p = project(&[]);
        p.holidays.push(crate::model::HolidaySet {
            id: Id(50),
            country: "Serbia".into(),
            days: vec![
                crate::model::Holiday {
                    date: d(2009, 11, 11),
                    name: "Armistice Day".into(),
                },
                crate::model::Holiday {
                    date: d(2009, 12, 25),
                    name: "Christmas".into(),
                },
            ],
        });
        let l = layout(&p, d(2009, 11, 1));
        assert_eq!(
            l.holidays.get(&d(2009, 11, 11)),
            Some(&vec!["Armistice Day (Serbia)".to_string()])
        );
        assert_eq!(l.holidays.len(), 1, "December's holiday is off the grid");
        assert!(l.meetings.is_empty());
    }

    #[test]
    fn a_new_session_starts_where_the_user_looked() {
        let period = (d(2009, 1, 1), d(2011, 12, 31));
        let today = d(2009, 9, 1);
        // The day clicked wins, even a Saturday: the user chose it.
        let day = Some(DateShown::Day(d(2010, 6, 19)));
        assert_eq!(new_session_start(day, None, today, period), d(2010, 6, 19));
        assert_eq!(
            new_session_start(day, Some(d(2009, 3, 1)), today, period),
            d(2010, 6, 19)
        );
        // The month shown: its first working day (1 May 2010 was a Saturday).
        let month = Some(DateShown::Month(d(2010, 5, 1)));
        assert_eq!(new_session_start(month, None, today, period), d(2010, 5, 3));
        assert_eq!(
            new_session_start(month, Some(d(2010, 5, 4)), today, period),
            d(2010, 5, 11),
            "after a session already in the month shown"
        );
        assert_eq!(
            new_session_start(month, Some(d(2010, 5, 28)), today, period),
            d(2010, 6, 4),
            "a week after the last, even into the next month"
        );
        assert_eq!(
            new_session_start(month, Some(d(2009, 3, 2)), today, period),
            d(2010, 5, 3)
        );
        // Nothing shown: a week after the last session, else today.
        assert_eq!(
            new_session_start(None, Some(d(2009, 3, 2)), today, period),
            d(2009, 3, 9)
        );
        assert_eq!(new_session_start(None, None, today, period), today);
        // Today outside the programme: the programme's month nearest to it.
        assert_eq!(
            new_session_start(None, None, d(2013, 5, 7), period),
            d(2011, 12, 1)
        );
        assert_eq!(
            new_session_start(None, None, d(2008, 5, 7), (d(2009, 2, 15), d(2010, 1, 1))),
            d(2009, 2, 16),
            "not before the programme starts, and on a working day"
        );
    }

    #[test]
    fn months_shift_across_years() {
        assert_eq!(shift_months(d(2009, 12, 1), 1), d(2010, 1, 1));
        assert_eq!(shift_months(d(2010, 1, 1), -1), d(2009, 12, 1));
    }
}
