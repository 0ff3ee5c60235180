//! The schedule the links make: each finish-to-start link with its lag, whether the dates
//! keep it, the critical path (the chain of activities that decides the end of the programme
//! or of a chosen milestone), and the successors a change of dates would break.
//!
//! Activities keep the dates planners gave them, so the passes run over those dates: the
//! forward pass finds the earliest day each activity could start given its predecessors'
//! ends, the backward pass the latest day each could end without moving the target. An
//! activity with no slack towards the target (float of zero or less) is critical.

use std::collections::{HashMap, HashSet, VecDeque};

use chrono::{Datelike, NaiveDate};

use crate::model::{Activity, Id, Project};
use crate::plan::workplan::span;

/// The first day a successor may start after `before` ends, with `lag_days`: the day after
/// its last day, or that very day when either is a milestone (a point in time has no
/// length). `None` when `before` has no dates.
pub fn earliest_start(before: &Activity, after: &Activity, lag_days: i32) -> Option<NaiveDate> {
    let (_, last) = span(before)?;
    let gap = if before.milestone || after.milestone {
        0
    } else {
        1
    };
    last.checked_add_signed(chrono::Duration::days(i64::from(lag_days) + gap))
}

/// A link between two dated activities, as the timeline draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub from: Id,
    pub to: Id,
    pub lag_days: i32,
    /// The successor starts before the predecessor's end and the lag allow.
    pub violated: bool,
}

/// Every link whose two activities have dates, in the order of the successors and their
/// predecessor lists. Links to missing or undated activities are left out.
pub fn links(project: &Project) -> Vec<Link> {
    let index = index_of(project);
    let mut out = Vec::new();
    for a in &project.activities {
        let Some((first, _)) = span(a) else {
            continue;
        };
        for d in &a.predecessors {
            let Some(before) = index.get(&d.activity).map(|&i| &project.activities[i]) else {
                continue;
            };
            let Some(earliest) = earliest_start(before, a, d.lag_days) else {
                continue;
            };
            out.push(Link {
                from: before.id,
                to: a.id,
                lag_days: d.lag_days,
                violated: first < earliest,
            });
        }
    }
    out
}

/// The last day of a dated activity.
fn old_last_of(activity: &Activity) -> NaiveDate {
    span(activity).expect("a dated activity").1
}

fn index_of(project: &Project) -> HashMap<Id, usize> {
    project
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect()
}

/// What the critical path runs to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Target {
    /// The last day of any activity: whatever ends last, and the chains that lead to it.
    #[default]
    End,
    /// A milestone (or any activity): the chains that lead to it.
    Activity(Id),
}

/// The passes over the dated activities and their links.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CriticalPath {
    /// The activities with no slack towards the target, the target among them. Several
    /// chains are critical when they tie.
    pub critical: HashSet<Id>,
    /// Days each activity leading to the target could end later without moving it (negative
    /// when a link is already broken).
    pub float: HashMap<Id, i64>,
    /// The earliest day each dated activity could start given its predecessors' ends (its
    /// own start when it has none, or when they allow it earlier).
    pub earliest: HashMap<Id, NaiveDate>,
    /// Activities on a loop of links (a file written by hand can hold one): left out of both
    /// passes, so that nothing runs forever.
    pub in_cycle: Vec<Id>,
}

/// The critical path to `target` (see the module's comment). Undated activities and links to
/// them take no part; a loop of links is refused, its activities listed in `in_cycle`.
pub fn critical_path(project: &Project, target: Target) -> CriticalPath {
    let index = index_of(project);
    let acts = &project.activities;
    let spans: Vec<Option<(NaiveDate, NaiveDate)>> = acts.iter().map(span).collect();
    // Edges between dated activities: predecessor → successor, with the day the successor
    // may start at the earliest.
    let mut succs: Vec<Vec<(usize, i32)>> = vec![Vec::new(); acts.len()];
    let mut preds: Vec<Vec<(usize, i32)>> = vec![Vec::new(); acts.len()];
    for (i, a) in acts.iter().enumerate() {
        if spans[i].is_none() {
            continue;
        }
        for d in &a.predecessors {
            if let Some(&p) = index.get(&d.activity)
                && spans[p].is_some()
                && p != i
            {
                succs[p].push((i, d.lag_days));
                preds[i].push((p, d.lag_days));
            } else if index.get(&d.activity) == Some(&i) {
                // An activity its own predecessor: a loop of one.
                succs[i].push((i, d.lag_days));
                preds[i].push((i, d.lag_days));
            }
        }
    }
    // Kahn's order; what is left over lies on (or behind) a loop.
    let mut incoming: Vec<usize> = preds.iter().map(Vec::len).collect();
    let mut queue: VecDeque<usize> = (0..acts.len())
        .filter(|&i| spans[i].is_some() && incoming[i] == 0)
        .collect();
    let mut order = Vec::with_capacity(acts.len());
    while let Some(i) = queue.pop_front() {
        order.push(i);
        for &(s, _) in &succs[i] {
            incoming[s] -= 1;
            if incoming[s] == 0 {
                queue.push_back(s);
            }
        }
    }
    let mut out = CriticalPath::default();
    let ordered: HashSet<usize> = order.iter().copied().collect();
    out.in_cycle = (0..acts.len())
        .filter(|i| spans[*i].is_some() && !ordered.contains(i))
        .map(|i| acts[i].id)
        .collect();
    let gap = |p: usize, s: usize| i64::from(!(acts[p].milestone || acts[s].milestone));
    let days = |d: NaiveDate| i64::from(d.num_days_from_ce());
    // Forward pass: the earliest start each could have, its own start or later.
    let mut earliest: HashMap<usize, i64> = HashMap::new();
    for &i in &order {
        let (start, _) = spans[i].expect("dated");
        let mut es = days(start);
        for &(p, lag) in &preds[i] {
            let (_, last) = spans[p].expect("dated");
            es = es.max(days(last) + i64::from(lag) + gap(p, i));
        }
        earliest.insert(i, es);
        if let Some(date) = NaiveDate::from_num_days_from_ce_opt(es as i32) {
            out.earliest.insert(acts[i].id, date);
        }
    }
    // The targets and the latest day each may end.
    let finish = |i: usize| days(spans[i].expect("dated").1);
    let targets: Vec<usize> = match target {
        Target::End => {
            let Some(end) = order.iter().map(|&i| finish(i)).max() else {
                return out;
            };
            order
                .iter()
                .copied()
                .filter(|&i| finish(i) == end)
                .collect()
        }
        Target::Activity(id) => match index.get(&id) {
            Some(&i) if ordered.contains(&i) => vec![i],
            _ => return out,
        },
    };
    // Backward pass, in reverse order: only what leads to a target takes part.
    let mut latest: HashMap<usize, i64> = targets.iter().map(|&i| (i, finish(i))).collect();
    for &i in order.iter().rev() {
        let Some(&lf) = latest.get(&i) else {
            continue;
        };
        let (start, last) = spans[i].expect("dated");
        let latest_start = lf - (days(last) - days(start));
        for &(p, lag) in &preds[i] {
            let bound = latest_start - i64::from(lag) - gap(p, i);
            latest
                .entry(p)
                .and_modify(|v| *v = (*v).min(bound))
                .or_insert(bound);
        }
    }
    for (&i, &lf) in &latest {
        let float = lf - finish(i);
        out.float.insert(acts[i].id, float);
        if float <= 0 {
            out.critical.insert(acts[i].id);
        }
    }
    out
}

/// The successors (and theirs, on down) whose links would break if `activity` had the dates
/// `new_span` instead of its own, each with the days it must move by the same amount as the
/// activity's end to keep its link: in the order found, each once. Links already broken
/// before the change are not counted; a loop of links ends the walk.
pub fn breaking_successors(
    project: &Project,
    activity: Id,
    new_span: (NaiveDate, NaiveDate),
) -> Vec<Id> {
    let Some(moved) = project.activity(activity) else {
        return Vec::new();
    };
    let Some((_, old_last)) = span(moved) else {
        return Vec::new();
    };
    let shift = (new_span.1 - old_last).num_days();
    if shift <= 0 {
        return Vec::new();
    }
    let mut successors: HashMap<Id, Vec<(usize, i32)>> = HashMap::new();
    for (i, a) in project.activities.iter().enumerate() {
        for d in &a.predecessors {
            successors
                .entry(d.activity)
                .or_default()
                .push((i, d.lag_days));
        }
    }
    let by = chrono::Duration::days(shift);
    let mut new_spans: HashMap<Id, (NaiveDate, NaiveDate)> = HashMap::from([(activity, new_span)]);
    let mut out = Vec::new();
    let mut queue = VecDeque::from([activity]);
    while let Some(before) = queue.pop_front() {
        let before_activity = project.activity(before).expect("walked from the project");
        let (_, new_last) = new_spans[&before];
        for &(i, lag) in successors
            .get(&before)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let after = &project.activities[i];
            if new_spans.contains_key(&after.id) {
                continue;
            }
            let Some((first, last)) = span(after) else {
                continue;
            };
            let Some(old_earliest) = earliest_start(before_activity, after, lag) else {
                continue;
            };
            let kept_now = first >= old_earliest;
            let new_earliest = old_earliest + (new_last - old_last_of(before_activity));
            if kept_now && first < new_earliest {
                new_spans.insert(after.id, (first + by, last + by));
                out.push(after.id);
                queue.push_back(after.id);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dependency, Session};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2030, m, day).unwrap()
    }

    /// A first and last day in 2030, as (month, day).
    type Span = ((u32, u32), (u32, u32));

    /// Activities 1.. with the given spans and links (from, to, lag).
    fn project(spans: &[Span], links: &[(u64, u64, i32)]) -> Project {
        let mut p = Project::new(d(1, 1));
        for (n, (a, b)) in spans.iter().enumerate() {
            let id = Id(n as u64 + 1);
            let mut act = Activity::new(id, format!("A{}", n + 1), "Meeting");
            act.sessions.push(Session {
                id: Id(100 + n as u64),
                start: d(a.0, a.1),
                end: Some(d(b.0, b.1)).filter(|e| *e != d(a.0, a.1)),
                precision: Default::default(),
                place: Default::default(),
            });
            p.activities.push(act);
        }
        for &(from, to, lag) in links {
            p.activities[to as usize - 1].predecessors.push(Dependency {
                activity: Id(from),
                lag_days: lag,
            });
        }
        p.next_id = 1000;
        p
    }

    fn ids(set: &HashSet<Id>) -> Vec<u64> {
        let mut v: Vec<u64> = set.iter().map(|i| i.0).collect();
        v.sort();
        v
    }

    #[test]
    fn the_chain_without_slack_decides_the_end() {
        // 1 → 2 → 4 tight; 3 → 4 with two days of slack.
        let p = project(
            &[
                ((1, 1), (1, 5)),
                ((1, 6), (1, 10)),
                ((1, 1), (1, 7)),
                ((1, 11), (1, 20)),
            ],
            &[(1, 2, 0), (2, 4, 0), (3, 4, 1)],
        );
        let cp = critical_path(&p, Target::End);
        assert_eq!(ids(&cp.critical), [1, 2, 4]);
        assert_eq!(cp.float[&Id(3)], 2, "ends 7th, could end 9th (lag 1)");
        assert_eq!(cp.earliest[&Id(4)], d(1, 11));
        assert!(cp.in_cycle.is_empty());
    }

    #[test]
    fn lags_count_in_both_passes() {
        // 2 starts on the sixth day after 1 ends: a lag of 5 leaves no slack, a lag of 3 two.
        let tight = project(&[((1, 1), (1, 5)), ((1, 11), (1, 15))], &[(1, 2, 5)]);
        assert_eq!(ids(&critical_path(&tight, Target::End).critical), [1, 2]);
        let loose = project(&[((1, 1), (1, 5)), ((1, 11), (1, 15))], &[(1, 2, 3)]);
        let cp = critical_path(&loose, Target::End);
        assert_eq!(ids(&cp.critical), [2]);
        assert_eq!(cp.float[&Id(1)], 2);
        // A negative lag (a lead) lets the successor overlap.
        let lead = project(&[((1, 1), (1, 5)), ((1, 4), (1, 9))], &[(1, 2, -2)]);
        assert_eq!(ids(&critical_path(&lead, Target::End).critical), [1, 2]);
        assert!(!links(&lead)[0].violated);
    }

    #[test]
    fn ties_make_several_critical_chains() {
        // Two chains end on the same day; a third ends earlier.
        let p = project(
            &[
                ((1, 1), (1, 5)),
                ((1, 6), (1, 20)),
                ((1, 1), (1, 10)),
                ((1, 11), (1, 20)),
                ((1, 1), (1, 3)),
            ],
            &[(1, 2, 0), (3, 4, 0)],
        );
        assert_eq!(ids(&critical_path(&p, Target::End).critical), [1, 2, 3, 4]);
        // Two predecessors both tight to one successor.
        let p = project(
            &[((1, 1), (1, 5)), ((1, 2), (1, 5)), ((1, 6), (1, 8))],
            &[(1, 3, 0), (2, 3, 0)],
        );
        assert_eq!(ids(&critical_path(&p, Target::End).critical), [1, 2, 3]);
    }

    #[test]
    fn a_milestone_has_no_length_and_can_be_the_target() {
        // 1 ends the 5th; milestone 2 on the 5th (same day allowed); 3 from the 5th.
        let mut p = project(
            &[
                ((1, 1), (1, 5)),
                ((1, 5), (1, 5)),
                ((1, 5), (1, 9)),
                ((1, 1), (3, 1)),
            ],
            &[(1, 2, 0), (2, 3, 0)],
        );
        p.activities[1].milestone = true;
        assert!(links(&p).iter().all(|l| !l.violated));
        let cp = critical_path(&p, Target::Activity(Id(2)));
        assert_eq!(
            ids(&cp.critical),
            [1, 2],
            "what leads to the milestone only"
        );
        assert!(!cp.float.contains_key(&Id(3)));
        // To the end of the programme only the long activity 4 is critical.
        assert_eq!(ids(&critical_path(&p, Target::End).critical), [4]);
        // An unknown target finds nothing.
        assert!(
            critical_path(&p, Target::Activity(Id(77)))
                .critical
                .is_empty()
        );
    }

    #[test]
    fn a_loop_of_links_is_refused_without_hanging() {
        let p = project(
            &[((1, 1), (1, 5)), ((1, 6), (1, 9)), ((1, 10), (1, 12))],
            &[(1, 2, 0), (2, 3, 0), (3, 2, 0)],
        );
        let cp = critical_path(&p, Target::End);
        let mut cycle: Vec<u64> = cp.in_cycle.iter().map(|i| i.0).collect();
        cycle.sort();
        assert_eq!(cycle, [2, 3]);
        assert_eq!(ids(&cp.critical), [1], "only what is outside the loop");
        let mut own = project(&[((1, 1), (1, 5))], &[(1, 1, 0)]);
        assert_eq!(critical_path(&own, Target::End).in_cycle, [Id(1)]);
        own.activities[0].predecessors.clear();
        assert_eq!(ids(&critical_path(&own, Target::End).critical), [1]);
        // The drag walk ends too.
        assert_eq!(
            breaking_successors(&p, Id(1), (d(1, 3), d(1, 8))),
            [Id(2), Id(3)]
        );
    }

    #[test]
    fn links_say_when_they_are_broken() {
        let p = project(&[((1, 1), (1, 5)), ((1, 5), (1, 9))], &[(1, 2, 0)]);
        assert_eq!(
            links(&p),
            [Link {
                from: Id(1),
                to: Id(2),
                lag_days: 0,
                violated: true
            }]
        );
    }

    #[test]
    fn a_later_end_breaks_the_successors_it_reaches() {
        // 1 → 2 tight, 2 → 3 with 3 days slack, 1 → 4 with 10 days slack; 5 already broken.
        let p = project(
            &[
                ((1, 1), (1, 5)),
                ((1, 6), (1, 8)),
                ((1, 12), (1, 14)),
                ((1, 16), (1, 18)),
                ((1, 3), (1, 4)),
            ],
            &[(1, 2, 0), (2, 3, 0), (1, 4, 0), (1, 5, 0)],
        );
        // Two days later: 2 breaks, and moved by two it still leaves 3 its slack.
        assert_eq!(breaking_successors(&p, Id(1), (d(1, 3), d(1, 7))), [Id(2)]);
        // Five days: 2, then 3 behind it.
        assert_eq!(
            breaking_successors(&p, Id(1), (d(1, 6), d(1, 10))),
            [Id(2), Id(3)]
        );
        // Twelve: 4 too.
        assert_eq!(
            breaking_successors(&p, Id(1), (d(1, 13), d(1, 17))),
            [Id(2), Id(4), Id(3)]
        );
        // Earlier breaks nothing.
        assert!(breaking_successors(&p, Id(1), (d(1, 1), d(1, 3))).is_empty());
    }
}
