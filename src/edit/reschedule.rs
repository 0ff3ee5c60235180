//! Edits that move many activities' dates at once, each as one undo step: Edit > Move the
//! Plan, and a bar dropped with the successors it would break moved along.

use chrono::NaiveDate;

use crate::edit::commands::Command;
use crate::model::{Activity, Precision, Project};
use crate::plan::move_plan::{self, Amount, PlanShift};
use crate::plan::schedule;

/// Every session from the shift's day on moved, as one command; `None` when nothing moves.
pub fn move_plan(project: &Project, shift: &PlanShift) -> Option<Command> {
    let changed = move_plan::shifted(project, shift);
    (!changed.is_empty()).then(|| set_all(changed))
}

/// `changed` (an activity of the project with new dates) and, when `along`, the successors
/// whose links its new end would break, each moved by as many days as that end moved. One
/// command, and how many successors it moves.
pub fn with_successors(project: &Project, changed: Activity, along: bool) -> (Command, usize) {
    let moved = crate::plan::workplan::span(&changed);
    let old = project
        .activity(changed.id)
        .and_then(crate::plan::workplan::span);
    let (Some(new_span), Some((_, old_last)), true) = (moved, old, along) else {
        return (Command::SetActivity(Box::new(changed)), 0);
    };
    let days = (new_span.1 - old_last).num_days();
    let mut all = vec![changed.clone()];
    for id in schedule::breaking_successors(project, changed.id, new_span) {
        let Some(next) = project.activity(id) else {
            continue;
        };
        all.push(shift_activity(next, days));
    }
    let count = all.len() - 1;
    if count == 0 {
        return (Command::SetActivity(Box::new(changed)), 0);
    }
    (set_all(all), count)
}

/// All of an activity's sessions `days` later. One known only to the month moves by enough
/// whole months to cover the days (a month is at least 28), so that the link it moved for
/// is kept.
fn shift_activity(activity: &Activity, days: i64) -> Activity {
    let by = |amount| PlanShift {
        from: NaiveDate::MIN,
        amount,
        keep_weekdays: false,
        skip_days_off: false,
    };
    let mut out = activity.clone();
    for s in &mut out.sessions {
        let amount = match s.precision {
            Precision::Month => Amount::Months(i32::try_from((days + 27) / 28).unwrap_or(0)),
            Precision::Day => Amount::Days(days),
        };
        *s = move_plan::shift_session(s, &by(amount), &mut |_| false);
    }
    out
}

fn set_all(activities: Vec<Activity>) -> Command {
    Command::Batch(
        activities
            .into_iter()
            .map(|a| Command::SetActivity(Box::new(a)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::history::{Edit, History};
    use crate::model::Dependency;

    #[test]
    fn moving_the_plan_is_one_undo_step() {
        let mut p = crate::testing::sample();
        let before = p.clone();
        let shift = PlanShift {
            from: NaiveDate::from_ymd_opt(2009, 1, 1).unwrap(),
            amount: Amount::Months(1),
            keep_weekdays: true,
            skip_days_off: true,
        };
        let command = move_plan(&p, &shift).expect("something moves");
        let mut history = History::default();
        history
            .apply(&mut p, Edit::new(command, "Move the plan"))
            .unwrap();
        assert_ne!(p, before);
        history.undo(&mut p).unwrap();
        assert_eq!(p, before, "one undo gives back the plan");
        let far = PlanShift {
            from: NaiveDate::from_ymd_opt(2100, 1, 1).unwrap(),
            ..shift
        };
        assert!(move_plan(&p, &far).is_none());
    }

    #[test]
    fn a_drop_moves_the_successors_it_would_break_along() {
        let mut p = crate::testing::sample();
        for a in &mut p.activities {
            a.predecessors.clear();
        }
        // Two dated activities, the second starting the day after the first ends.
        let dated: Vec<usize> = (0..p.activities.len())
            .filter(|&i| {
                let a = &p.activities[i];
                !a.milestone
                    && !a.sessions.is_empty()
                    && a.sessions
                        .iter()
                        .all(|s| s.precision == crate::model::Precision::Day)
            })
            .take(2)
            .collect();
        let (a, b) = (dated[0], dated[1]);
        let (_, last) = crate::plan::workplan::span(&p.activities[a]).unwrap();
        let (first_b, _) = crate::plan::workplan::span(&p.activities[b]).unwrap();
        let lag = (first_b - last).num_days() as i32 - 1;
        let a_id = p.activities[a].id;
        let b_id = p.activities[b].id;
        p.activities[b].predecessors = vec![Dependency {
            activity: a_id,
            lag_days: lag,
        }];
        let mut changed = p.activities[a].clone();
        for s in &mut changed.sessions {
            s.start += chrono::Duration::days(3);
            s.end = s.end.map(|e| e + chrono::Duration::days(3));
        }
        let (alone, n) = with_successors(&p, changed.clone(), false);
        assert_eq!(n, 0);
        assert!(matches!(alone, Command::SetActivity(_)));
        let before = p.clone();
        let (command, n) = with_successors(&p, changed, true);
        assert_eq!(n, 1);
        let mut history = History::default();
        history
            .apply(&mut p, Edit::new(command, "Move activity"))
            .unwrap();
        let new_b = crate::plan::workplan::span(p.activity(b_id).unwrap()).unwrap();
        assert_eq!(new_b.0, first_b + chrono::Duration::days(3));
        assert!(
            schedule::links(&p)
                .iter()
                .all(|l| !l.violated || l.to != b_id)
        );
        history.undo(&mut p).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn a_successor_known_only_to_the_month_moves_by_enough_months() {
        let mut p = crate::testing::sample();
        let month_only = p
            .activities
            .iter()
            .position(|a| {
                a.sessions.len() == 1 && a.sessions[0].precision == crate::model::Precision::Month
            })
            .expect("the sample has one");
        let (first, _) = crate::plan::workplan::span(&p.activities[month_only]).unwrap();
        // A one-day predecessor on the day before the month-only successor starts.
        let before = p
            .activities
            .iter()
            .position(|a| a.id != p.activities[month_only].id && !a.milestone)
            .unwrap();
        let day = first - chrono::Duration::days(1);
        p.activities[before].sessions.truncate(1);
        p.activities[before].sessions[0].start = day;
        p.activities[before].sessions[0].end = None;
        p.activities[before].sessions[0].precision = crate::model::Precision::Day;
        let before_id = p.activities[before].id;
        p.activities[month_only].predecessors = vec![Dependency {
            activity: before_id,
            lag_days: 0,
        }];
        let mut changed = p.activities[before].clone();
        changed.sessions[0].start = day + chrono::Duration::days(3);
        let (command, n) = with_successors(&p, changed, true);
        assert_eq!(n, 1);
        let mut history = History::default();
        history
            .apply(&mut p, Edit::new(command, "Move activity"))
            .unwrap();
        let id = p.activities[month_only].id;
        assert!(
            schedule::links(&p)
                .iter()
                .all(|l| l.to != id || !l.violated),
            "three days later is a month later for a month-only successor"
        );
    }
}
