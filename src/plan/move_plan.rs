//! Moving the plan: every session that starts on or after a day, shifted by some days or
//! months, keeping its weekday if asked and kept off weekends and public holidays if asked.
//! Each session keeps its length; a session known only to the month moves by whole months.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::model::{Activity, Precision, Project, Session};
use crate::plan::calendar::shift_months;
use crate::plan::checks::HolidayDays;

/// How far the plan moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amount {
    Days(i64),
    Months(i32),
}

/// What Edit > Move the Plan asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanShift {
    /// Sessions starting on or after this day move; earlier ones stay.
    pub from: NaiveDate,
    pub amount: Amount,
    /// A session that started on a Tuesday starts on a Tuesday again: a shift by days is
    /// rounded to whole weeks; a shift by months takes the same n-th weekday of the month
    /// (the last one when the month has no fifth).
    pub keep_weekdays: bool,
    /// No session starts on a Saturday, a Sunday or a public holiday of its country: it
    /// moves on to the next day that is none (the next week's same day with `keep_weekdays`).
    pub skip_days_off: bool,
}

/// The activities a shift changes, as they would be after it, in project order.
pub fn shifted(project: &Project, shift: &PlanShift) -> Vec<Activity> {
    let mut holidays = HolidayDays::new(project);
    let mut out = Vec::new();
    for a in &project.activities {
        let mut changed = a.clone();
        let mut any = false;
        for (s, old) in changed.sessions.iter_mut().zip(&a.sessions) {
            if old.start < shift.from {
                continue;
            }
            let moved = shift_session(old, shift, &mut |day| {
                holidays.is_holiday(old.place.country.as_str(), day)
            });
            if moved != *old {
                *s = moved;
                any = true;
            }
        }
        if any {
            out.push(changed);
        }
    }
    out
}

/// How many activities and sessions a shift moves: "Moves 37 activities (52 sessions)".
pub fn preview(project: &Project, shift: &PlanShift) -> (usize, usize) {
    let changed = shifted(project, shift);
    let sessions = changed
        .iter()
        .map(|a| {
            let old = project.activity(a.id).expect("an activity of the project");
            a.sessions
                .iter()
                .zip(&old.sessions)
                .filter(|(new, old)| new != old)
                .count()
        })
        .sum();
    (changed.len(), sessions)
}

/// One session after the shift; `holiday` says whether a day is a public holiday where the
/// session takes place.
pub fn shift_session(
    session: &Session,
    shift: &PlanShift,
    holiday: &mut dyn FnMut(NaiveDate) -> bool,
) -> Session {
    let mut s = session.clone();
    if session.precision == Precision::Month {
        // Known only to the month: whole months, still covering whole months.
        let months = match shift.amount {
            Amount::Days(days) => (days as f64 / 30.44).round() as i32,
            Amount::Months(months) => months,
        };
        if months != 0 {
            s.start = shift_months(session.start.with_day(1).expect("day 1"), months);
            let last = shift_months(session.last_day().with_day(1).expect("day 1"), months);
            s.end = Some(shift_months(last, 1) - Days::new(1));
        }
        return s;
    }
    let old = session.start;
    let mut start = match shift.amount {
        Amount::Days(days) => {
            let days = if shift.keep_weekdays {
                // The nearest whole number of weeks.
                (days as f64 / 7.0).round() as i64 * 7
            } else {
                days
            };
            add_days(old, days)
        }
        Amount::Months(months) => {
            let month = shift_months(old.with_day(1).expect("day 1"), months);
            if shift.keep_weekdays {
                same_weekday_in(month, old)
            } else {
                // The same day of the month, or the month's last when it is shorter.
                let last = shift_months(month, 1) - Days::new(1);
                month.with_day(old.day()).unwrap_or(last)
            }
        }
    };
    if shift.skip_days_off {
        // A week at a time keeps the weekday, unless the session began on a weekend.
        let step = if shift.keep_weekdays && !weekend(old) {
            7
        } else {
            1
        };
        // Bounded: a year of holidays is not a list anyone keeps, but a bad file may be one.
        for _ in 0..400 {
            if !(weekend(start) || holiday(start)) {
                break;
            }
            start = add_days(start, step);
        }
    }
    let length = (session.last_day() - old).num_days();
    s.start = start;
    s.end = session.end.map(|_| add_days(start, length));
    s
}

fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(chrono::Duration::days(days))
        .unwrap_or(date)
}

fn weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// In the month starting `month`, the day that is the same n-th weekday as `like` is in its
/// own month (the second Tuesday), or the month's last such weekday when it has no fifth.
fn same_weekday_in(month: NaiveDate, like: NaiveDate) -> NaiveDate {
    let nth = (like.day() - 1) / 7;
    let offset =
        (7 + like.weekday().num_days_from_monday() - month.weekday().num_days_from_monday()) % 7;
    let first = month + Days::new(u64::from(offset));
    let wanted = first + Days::new(u64::from(nth) * 7);
    if wanted.month() == month.month() {
        wanted
    } else {
        wanted - Days::new(7)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Holiday, HolidaySet, Id, Place};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn session(start: NaiveDate, end: Option<NaiveDate>) -> Session {
        Session {
            id: Id(1),
            start,
            end,
            precision: Precision::Day,
            place: Place::default(),
        }
    }

    fn shift(amount: Amount, keep_weekdays: bool, skip_days_off: bool) -> PlanShift {
        PlanShift {
            from: d(2000, 1, 1),
            amount,
            keep_weekdays,
            skip_days_off,
        }
    }

    fn moved(s: &Session, by: PlanShift) -> (NaiveDate, Option<NaiveDate>) {
        let s = shift_session(s, &by, &mut |_| false);
        (s.start, s.end)
    }

    #[test]
    fn days_move_sessions_and_keep_their_length() {
        // Tuesday 17 to Thursday 19 November 2009.
        let s = session(d(2009, 11, 17), Some(d(2009, 11, 19)));
        assert_eq!(
            moved(&s, shift(Amount::Days(10), false, false)),
            (d(2009, 11, 27), Some(d(2009, 11, 29)))
        );
        // Kept on a Tuesday: ten days is nearer one week than two.
        assert_eq!(
            moved(&s, shift(Amount::Days(10), true, false)),
            (d(2009, 11, 24), Some(d(2009, 11, 26)))
        );
        assert_eq!(
            moved(&s, shift(Amount::Days(-11), true, false)).0,
            d(2009, 11, 3),
            "back two weeks"
        );
        let single = session(d(2009, 11, 17), None);
        assert_eq!(
            moved(&single, shift(Amount::Days(1), false, false)),
            (d(2009, 11, 18), None)
        );
    }

    #[test]
    fn months_keep_the_nth_weekday_or_the_day_of_the_month() {
        // The third Tuesday of November 2009 (the 17th) → the third Tuesday of January 2010.
        let s = session(d(2009, 11, 17), Some(d(2009, 11, 19)));
        assert_eq!(
            moved(&s, shift(Amount::Months(2), true, false)),
            (d(2010, 1, 19), Some(d(2010, 1, 21)))
        );
        assert_eq!(
            moved(&s, shift(Amount::Months(2), false, false)).0,
            d(2010, 1, 17)
        );
        // The fifth Tuesday (30 March 2010) → April has four: its last, the 27th.
        let fifth = session(d(2010, 3, 30), None);
        assert_eq!(
            moved(&fifth, shift(Amount::Months(1), true, false)).0,
            d(2010, 4, 27)
        );
        // 31 January + 1 month without weekdays: the last of February.
        let end = session(d(2010, 1, 31), None);
        assert_eq!(
            moved(&end, shift(Amount::Months(1), false, false)).0,
            d(2010, 2, 28)
        );
    }

    #[test]
    fn days_off_push_the_start_on() {
        // Friday 20 November 2009 + 1 day = Saturday: on to Monday 23.
        let s = session(d(2009, 11, 20), Some(d(2009, 11, 21)));
        assert_eq!(
            moved(&s, shift(Amount::Days(1), false, true)),
            (d(2009, 11, 23), Some(d(2009, 11, 24)))
        );
        // A holiday on Monday 23 too: Tuesday.
        let by = shift(Amount::Days(1), false, true);
        let got = shift_session(&s, &by, &mut |day| day == d(2009, 11, 23));
        assert_eq!(got.start, d(2009, 11, 24));
        // Keeping the weekday, a holiday moves it a week on.
        let tuesday = session(d(2009, 11, 17), None);
        let by = shift(Amount::Days(7), true, true);
        let got = shift_session(&tuesday, &by, &mut |day| day == d(2009, 11, 24));
        assert_eq!(got.start, d(2009, 12, 1));
        // A loop of holidays every day ends.
        let by = shift(Amount::Days(1), false, true);
        let _ = shift_session(&tuesday, &by, &mut |_| true);
    }

    #[test]
    fn month_only_sessions_move_by_whole_months() {
        let mut s = session(d(2010, 2, 1), Some(d(2010, 3, 31)));
        s.precision = Precision::Month;
        let by = shift(Amount::Days(60), true, true);
        let got = shift_session(&s, &by, &mut |_| false);
        assert_eq!((got.start, got.end), (d(2010, 4, 1), Some(d(2010, 5, 31))));
        let by = shift(Amount::Days(10), false, false);
        assert_eq!(
            shift_session(&s, &by, &mut |_| false),
            s,
            "under half a month"
        );
    }

    #[test]
    fn only_sessions_from_the_day_on_move_and_the_preview_counts_them() {
        let mut p = crate::testing::sample();
        let from = d(2009, 11, 1);
        let by = PlanShift {
            from,
            amount: Amount::Days(14),
            keep_weekdays: false,
            skip_days_off: false,
        };
        let changed = shifted(&p, &by);
        let expected_sessions: usize = p
            .activities
            .iter()
            .map(|a| a.sessions.iter().filter(|s| s.start >= from).count())
            .sum();
        let expected_activities = p
            .activities
            .iter()
            .filter(|a| a.sessions.iter().any(|s| s.start >= from))
            .count();
        assert!(expected_activities > 0);
        assert_eq!(preview(&p, &by), (expected_activities, expected_sessions));
        for a in &changed {
            let old = p.activity(a.id).unwrap();
            for (new, old) in a.sessions.iter().zip(&old.sessions) {
                if old.start < from {
                    assert_eq!(new, old, "earlier sessions stay");
                } else if old.precision == Precision::Day {
                    assert_eq!(new.start, old.start + Days::new(14));
                }
            }
        }
        // A holiday of the session's country, however written, is skipped.
        let i = p
            .activities
            .iter()
            .position(|a| {
                a.sessions
                    .iter()
                    .any(|s| s.start >= from && s.precision == Precision::Day)
            })
            .unwrap();
        let j = p.activities[i]
            .sessions
            .iter()
            .position(|s| s.start >= from && s.precision == Precision::Day)
            .unwrap();
        p.activities[i].sessions[j].place.country = "Serbia".into();
        let a = p.activities[i].clone();
        let s = &a.sessions[j];
        let target = s.start + Days::new(14);
        let target = if weekend(target) {
            target
                + Days::new(if target.weekday() == Weekday::Sat {
                    2
                } else {
                    1
                })
        } else {
            target
        };
        p.holidays = vec![HolidaySet {
            id: Id(99_999),
            country: "Republic of Serbia".into(),
            days: vec![Holiday {
                date: target,
                name: "Test day".into(),
            }],
        }];
        p.next_id = 100_000;
        let by = PlanShift {
            skip_days_off: true,
            ..by
        };
        let after = shifted(&p, &by);
        let new = after
            .iter()
            .find(|x| x.id == a.id)
            .unwrap()
            .sessions
            .iter()
            .find(|x| x.id == s.id)
            .unwrap();
        assert!(new.start > target && !weekend(new.start));
    }
}
