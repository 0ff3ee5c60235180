//! The calendar's layout: which weeks a month (or one week) spans, weeks starting on Monday,
//! and where each session's bar goes, split at week ends and stacked in lanes so bars never
//! overlap; the month it opens on, the colour groups of its legend and the days of clashes.

use chrono::{Datelike, Days, Months, NaiveDate};

use std::collections::{BTreeMap, HashMap};

use chrono::Weekday;

use crate::model::{Activity, Id, Precision, Project};

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
    /// The session is known only to the month: the bar spans its months' days, drawn as
    /// uncertain, since it takes place on some of them, not all.
    pub uncertain: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthLayout {
    pub first_of_month: NaiveDate,
    /// The Monday of each week row.
    pub weeks: Vec<NaiveDate>,
    pub bars: Vec<Bar>,
    /// Most lanes used in each week, to size the rows.
    pub lanes: Vec<usize>,
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

/// The Monday of the week that holds `date`.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// The month the calendar opens on: today's when today is in the programme; else the first
/// month of the programme with a session in it; else the first month with a session at all;
/// else the programme's first month.
pub fn home_month(project: &Project, today: NaiveDate) -> NaiveDate {
    let p = &project.programme;
    if (p.start..=p.end).contains(&today) {
        return month_of(today);
    }
    let starts = || project.activities.iter().flat_map(|a| &a.sessions);
    let in_programme = starts()
        .filter(|s| s.last_day() >= p.start && s.start <= p.end)
        .map(|s| s.start.max(p.start))
        .min();
    month_of(
        in_programme
            .or_else(|| starts().map(|s| s.start).min())
            .unwrap_or(p.start),
    )
}

/// The month grid: the weeks from the one holding the 1st to the one holding the last day.
pub fn layout(project: &Project, month: NaiveDate) -> MonthLayout {
    let first = month_of(month);
    let last = shift_months(first, 1) - Days::new(1);
    let mut weeks = Vec::new();
    let mut monday = monday_of(first);
    while monday <= last {
        weeks.push(monday);
        monday = monday + Days::new(7);
    }
    layout_weeks(project, first, weeks)
}

/// The week view: the one week that holds `day` (its month is the one of `day`).
pub fn week_layout(project: &Project, day: NaiveDate) -> MonthLayout {
    layout_weeks(project, month_of(day), vec![monday_of(day)])
}

fn layout_weeks(project: &Project, first: NaiveDate, weeks: Vec<NaiveDate>) -> MonthLayout {
    let grid_start = weeks[0];
    let grid_end = *weeks.last().expect("one week at least") + Days::new(6);

    let mut spans = Vec::new();
    for activity in &project.activities {
        for session in &activity.sessions {
            let (start, end) = (session.start, session.last_day());
            if end < grid_start || start > grid_end {
                continue;
            }
            let uncertain = session.precision == Precision::Month;
            spans.push((uncertain, start, end, activity.id, session.id));
        }
    }
    // Sessions with known days first, then longer sessions first, so they take the upper
    // lanes and stay straight across weeks.
    spans.sort_by_key(|&(uncertain, start, end, activity, session)| {
        (uncertain, start, std::cmp::Reverse(end), activity, session)
    });

    let mut bars = Vec::new();
    let mut lanes = vec![0usize; weeks.len()];
    // Per week, per lane: the last column taken.
    let mut taken: Vec<Vec<usize>> = vec![Vec::new(); weeks.len()];
    for (uncertain, start, end, activity, session) in spans {
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
                uncertain,
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
        holidays,
        meetings,
    }
}

/// What the calendar colours its bars by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColourBy {
    #[default]
    Status,
    Pillar,
    Jurisdiction,
}

impl ColourBy {
    pub const ALL: [ColourBy; 3] = [ColourBy::Status, ColourBy::Pillar, ColourBy::Jurisdiction];

    pub fn label(self) -> &'static str {
        match self {
            ColourBy::Status => "Status",
            ColourBy::Pillar => "Pillar",
            ColourBy::Jurisdiction => "Jurisdiction",
        }
    }
}

/// The groups of the legend when colouring by pillar or jurisdiction: their names, and the
/// group of each activity. The last group is "none" (no pillar, no beneficiary).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Groups {
    pub names: Vec<String>,
    pub of: HashMap<Id, usize>,
}

impl Groups {
    /// The group of activities that have none (drawn grey).
    pub fn none(&self) -> usize {
        self.names.len() - 1
    }
}

/// Each of `activities` in its pillar (by the objectives it delivers) or its beneficiary
/// jurisdiction (one of them; "several" for a regional activity); `None` for [`ColourBy::Status`],
/// whose colours are the statuses'.
pub fn groups<'a>(
    project: &Project,
    by: ColourBy,
    activities: impl Iterator<Item = &'a Activity>,
) -> Option<Groups> {
    let (names, of): (Vec<String>, HashMap<Id, usize>) = match by {
        ColourBy::Status => return None,
        ColourBy::Pillar => {
            let mut names: Vec<String> = project
                .objectives
                .iter()
                .filter(|o| o.level == crate::plan::logframe::PILLAR_LEVEL)
                .map(|o| match o.code.as_deref() {
                    None | Some("") => o.title.clone(),
                    Some(code) => format!("{code} {}", o.title),
                })
                .collect();
            let none = names.len();
            names.push("Not linked to a pillar".into());
            let of = activities
                .map(|a| {
                    let pillar = crate::plan::funding::pillar_of(project, a);
                    (a.id, pillar.map_or(none, |(order, _)| order))
                })
                .collect();
            (names, of)
        }
        ColourBy::Jurisdiction => {
            let jurisdictions = &project.programme.jurisdictions;
            let mut names: Vec<String> = jurisdictions.iter().map(|j| j.label()).collect();
            let several = names.len();
            names.push("Several jurisdictions".into());
            let none = names.len();
            names.push("No beneficiary".into());
            let of = activities
                .map(|a| {
                    let group = match a.beneficiaries.as_slice() {
                        [] => none,
                        [one] => jurisdictions
                            .iter()
                            .position(|j| j.id == *one)
                            .unwrap_or(none),
                        _ => several,
                    };
                    (a.id, group)
                })
                .collect();
            (names, of)
        }
    };
    Some(Groups { names, of })
}

/// Clashing pairs looked up by activity: each pair both ways round, sorted, so an activity's
/// partners are one binary search away. A crowded portfolio has millions of pairs and a month
/// shows a few thousand activities, so the calendar asks per activity shown, never per pair.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clashes {
    both_ways: Vec<(Id, Id)>,
}

impl Clashes {
    /// From pairs in any order and either way round, repeats allowed.
    pub fn new(pairs: impl IntoIterator<Item = (Id, Id)>) -> Self {
        let mut both_ways: Vec<(Id, Id)> = pairs
            .into_iter()
            .filter(|(a, b)| a != b)
            .flat_map(|(a, b)| [(a, b), (b, a)])
            .collect();
        both_ways.sort_unstable();
        both_ways.dedup();
        Clashes { both_ways }
    }

    /// The activities `activity` clashes with, in id order.
    pub fn with(&self, activity: Id) -> impl Iterator<Item = Id> + '_ {
        let from = self.both_ways.partition_point(|&(a, _)| a < activity);
        self.both_ways[from..]
            .iter()
            .take_while(move |&&(a, _)| a == activity)
            .map(|&(_, b)| b)
    }

    /// Each pair once, the lower id first.
    pub fn pairs(&self) -> impl Iterator<Item = (Id, Id)> + '_ {
        self.both_ways.iter().copied().filter(|(a, b)| a < b)
    }

    /// How many pairs.
    pub fn len(&self) -> usize {
        self.both_ways.len() / 2
    }

    pub fn is_empty(&self) -> bool {
        self.both_ways.is_empty()
    }
}

/// The days from `from` to `to` on which the two activities of a clash both have a session
/// with known days, with the pairs clashing on each; `activity` finds an activity by id (the
/// caller's index: a linear search per pair freezes a portfolio's month).
pub fn clash_days<'p>(
    activity: impl Fn(Id) -> Option<&'p Activity>,
    pairs: &[(Id, Id)],
    from: NaiveDate,
    to: NaiveDate,
) -> BTreeMap<NaiveDate, Vec<(Id, Id)>> {
    let mut days: BTreeMap<NaiveDate, Vec<(Id, Id)>> = BTreeMap::new();
    let known = |id: Id| {
        activity(id)
            .into_iter()
            .flat_map(|a| &a.sessions)
            .filter(|s| s.precision == Precision::Day)
    };
    for &(a, b) in pairs {
        for x in known(a) {
            for y in known(b) {
                let first = x.start.max(y.start).max(from);
                let last = x.last_day().min(y.last_day()).min(to);
                let mut day = first;
                while day <= last {
                    let pairs = days.entry(day).or_default();
                    if !pairs.contains(&(a, b)) {
                        pairs.push((a, b));
                    }
                    day = day + Days::new(1);
                }
            }
        }
    }
    days
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
                officers: Vec::new(),
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
    fn month_precision_sessions_span_their_month_as_uncertain_below_known_days() {
        let l = layout(
            &project(&[
                (1, d(2022, 2, 1), d(2022, 3, 31), Precision::Month),
                (2, d(2022, 3, 9), d(2022, 3, 10), Precision::Day),
            ]),
            d(2022, 3, 1),
        );
        let uncertain: Vec<_> = l.bars.iter().filter(|b| b.activity == Id(1)).collect();
        assert_eq!(uncertain.len(), l.weeks.len(), "across every week of March");
        assert!(uncertain.iter().all(|b| b.uncertain));
        assert!(uncertain[0].continues_before, "it began in February");
        let known = l.bars.iter().find(|b| b.activity == Id(2)).unwrap();
        assert!(!known.uncertain);
        assert_eq!(known.lane, 0, "known days take the upper lane");
        let l = layout(
            &project(&[(1, d(2022, 2, 1), d(2022, 3, 31), Precision::Month)]),
            d(2022, 4, 1),
        );
        assert_eq!(
            l.bars.len(),
            1,
            "April's grid starts on Monday 28 March: March's last days only"
        );
        let l = layout(
            &project(&[(1, d(2022, 2, 1), d(2022, 3, 31), Precision::Month)]),
            d(2022, 5, 1),
        );
        assert!(l.bars.is_empty(), "May's grid starts on 25 April");
    }

    #[test]
    fn the_week_view_is_one_row_from_monday() {
        let l = week_layout(
            &project(&[(1, d(2009, 12, 4), d(2009, 12, 8), Precision::Day)]),
            d(2009, 12, 9),
        );
        assert_eq!(l.weeks, vec![d(2009, 12, 7)]);
        assert_eq!(l.bars.len(), 1);
        assert_eq!((l.bars[0].first_column, l.bars[0].last_column), (0, 1));
        assert!(l.bars[0].continues_before);
    }

    #[test]
    fn the_calendar_opens_on_today_or_the_first_month_with_an_activity() {
        let mut p = project(&[
            (1, d(2008, 5, 22), d(2008, 5, 23), Precision::Day),
            (2, d(2009, 3, 16), d(2009, 3, 18), Precision::Day),
            (3, d(2009, 6, 1), d(2009, 6, 2), Precision::Day),
        ]);
        p.programme.start = d(2009, 1, 1);
        p.programme.end = d(2011, 12, 31);
        assert_eq!(home_month(&p, d(2010, 7, 14)), d(2010, 7, 1), "today");
        assert_eq!(
            home_month(&p, d(2026, 12, 2)),
            d(2009, 3, 1),
            "the first month of the programme with an activity, not the one before it"
        );
        p.activities.retain(|a| a.id == Id(1));
        assert_eq!(home_month(&p, d(2026, 12, 2)), d(2008, 5, 1));
        p.activities.clear();
        assert_eq!(home_month(&p, d(2026, 12, 2)), d(2009, 1, 1));
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
    fn colour_groups_follow_pillars_and_beneficiaries() {
        let p = crate::testing::sample();
        let places = groups(&p, ColourBy::Jurisdiction, p.activities.iter()).unwrap();
        assert_eq!(places.names.len(), p.programme.jurisdictions.len() + 2);
        for a in &p.activities {
            let group = places.of[&a.id];
            match a.beneficiaries.len() {
                0 => assert_eq!(group, places.none()),
                1 => assert_eq!(
                    places.names[group],
                    p.jurisdiction(a.beneficiaries[0]).unwrap().label()
                ),
                _ => assert_eq!(places.names[group], "Several jurisdictions"),
            }
        }
        let pillars = groups(&p, ColourBy::Pillar, p.activities.iter()).unwrap();
        assert_eq!(pillars.names.last().unwrap(), "Not linked to a pillar");
        assert!(
            pillars.of.values().any(|&g| g != pillars.none()),
            "the sample's activities deliver pillars"
        );
        assert!(groups(&p, ColourBy::Status, p.activities.iter()).is_none());
    }

    #[test]
    fn clashes_give_each_activity_its_partners_both_ways() {
        let c = Clashes::new([
            (Id(3), Id(1)),
            (Id(1), Id(2)),
            (Id(2), Id(1)),
            (Id(4), Id(4)),
        ]);
        assert_eq!(c.len(), 2);
        assert_eq!(c.with(Id(1)).collect::<Vec<_>>(), [Id(2), Id(3)]);
        assert_eq!(c.with(Id(3)).collect::<Vec<_>>(), [Id(1)]);
        assert_eq!(
            c.with(Id(4)).count(),
            0,
            "an activity does not clash with itself"
        );
        assert_eq!(c.with(Id(9)).count(), 0);
        assert_eq!(
            c.pairs().collect::<Vec<_>>(),
            [(Id(1), Id(2)), (Id(1), Id(3))]
        );
        assert!(Clashes::default().is_empty());
    }

    #[test]
    fn clash_days_are_the_days_both_sessions_share() {
        let p = project(&[
            (1, d(2009, 12, 2), d(2009, 12, 4), Precision::Day),
            (2, d(2009, 12, 4), d(2009, 12, 8), Precision::Day),
            (3, d(2009, 12, 1), d(2009, 12, 31), Precision::Month),
        ]);
        let days = clash_days(
            |id| p.activity(id),
            &[(Id(1), Id(2))],
            d(2009, 11, 30),
            d(2010, 1, 3),
        );
        assert_eq!(
            days.keys().copied().collect::<Vec<_>>(),
            vec![d(2009, 12, 4)]
        );
        let days = clash_days(
            |id| p.activity(id),
            &[(Id(2), Id(3))],
            d(2009, 11, 30),
            d(2010, 1, 3),
        );
        assert!(
            days.is_empty(),
            "a month-only session has no known day to mark"
        );
        let days = clash_days(
            |id| p.activity(id),
            &[(Id(1), Id(2))],
            d(2009, 12, 5),
            d(2009, 12, 31),
        );
        assert!(days.is_empty(), "outside the grid");
    }

    #[test]
    fn months_shift_across_years() {
        assert_eq!(shift_months(d(2009, 12, 1), 1), d(2010, 1, 1));
        assert_eq!(shift_months(d(2010, 1, 1), -1), d(2009, 12, 1));
    }
}
