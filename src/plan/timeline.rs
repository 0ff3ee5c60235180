//! The timeline (Gantt) layout: rows grouped by pillar and objective, the time scale and its
//! header ticks ("2009 Q4"), from dates to positions and back, and what dragging a
//! session's bar does to its dates.

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::model::{Id, Precision, Project, Session};
use crate::plan::calendar;

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

/// The rows of the activities with a session between `from` and `to`, under the headings
/// above them (for printing a period: headings with nothing in the period are left out).
pub fn rows_in_period(project: &Project, from: NaiveDate, to: NaiveDate) -> Vec<Row> {
    let in_period = |a: &crate::model::Activity| {
        a.sessions
            .iter()
            .any(|s| s.last_day() >= from && s.start <= to)
    };
    let mut rows: Vec<Row> = Vec::new();
    let mut pending: Vec<Row> = Vec::new();
    for row in self::rows(project, &Default::default()) {
        match &row {
            Row::Group { .. } => {
                pending.clear();
                pending.push(row);
            }
            Row::Subgroup { .. } => {
                pending.retain(|r| matches!(r, Row::Group { .. }));
                pending.push(row);
            }
            Row::Activity { index, .. } => {
                if in_period(&project.activities[*index]) {
                    rows.append(&mut pending);
                    rows.push(row);
                }
            }
        }
    }
    rows
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
    let codes = crate::plan::tree::outline_codes(nodes);
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
                crate::plan::workplan::span(&project.activities[i]).map(|s| s.0),
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
        if let Some((s, e)) = crate::plan::workplan::span(a) {
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

/// The horizontal scroll offset that keeps a date in place on a change of zoom: the date
/// `anchor` points right of the chart's visible left edge stays `anchor` points from it
/// (offsets and anchors in points, from the start of the scale).
pub fn zoom_offset(offset: f32, anchor: f32, from: Zoom, to: Zoom) -> f32 {
    ((offset + anchor) / from.day_width() * to.day_width() - anchor).max(0.0)
}

/// The zoom one step in (`true`) or out from `zoom`, if there is one.
pub fn zoom_step(zoom: Zoom, zoom_in: bool) -> Option<Zoom> {
    let i = Zoom::ALL.iter().position(|z| *z == zoom)?;
    if zoom_in {
        i.checked_sub(1).map(|i| Zoom::ALL[i])
    } else {
        Zoom::ALL.get(i + 1).copied()
    }
}

/// Points a bar is kept from the chart's left edge when the view scrolls to it.
pub const SCROLL_MARGIN: f32 = 40.0;

/// The horizontal offset that shows a bar starting `x` points into the scale: the current
/// one when the start is already in the `width` points on screen, else one that puts it a
/// little right of the left edge.
pub fn offset_to_show_x(x: f32, offset: f32, width: f32) -> f32 {
    if x >= offset && x <= offset + width - SCROLL_MARGIN {
        offset
    } else {
        (x - SCROLL_MARGIN).max(0.0)
    }
}

/// The vertical offset that shows a row whose top is `top` points into the content, under
/// a fixed header of `header` points, in a view `height` points tall: the current one when
/// the row is already fully shown, else one that puts it in the middle.
pub fn offset_to_show_row(top: f32, row_height: f32, offset: f32, height: f32, header: f32) -> f32 {
    let shown = (offset + header)..=(offset + height);
    if shown.contains(&top) && shown.contains(&(top + row_height)) {
        offset
    } else {
        (top - header - (height - header - row_height) / 2.0).max(0.0)
    }
}

/// Where `activity` is among `rows`, if it is shown.
pub fn find_row(rows: &[Row], activity: Id) -> Option<usize> {
    rows.iter()
        .position(|r| matches!(r, Row::Activity { activity: a, .. } if *a == activity))
}

/// The group keys to open so that `activity` shows: its first linked node and every node
/// above it, or the unlinked group.
pub fn groups_of(project: &Project, activity: Id) -> Vec<Option<Id>> {
    let Some(first) = project
        .activity(activity)
        .and_then(|a| a.objectives.first().copied())
        .filter(|n| project.objectives.iter().any(|o| o.id == *n))
    else {
        return vec![None];
    };
    let mut keys = vec![Some(first)];
    let mut node = first;
    while let Some(parent) = project
        .objectives
        .iter()
        .find(|o| o.id == node)
        .and_then(|o| o.parent)
    {
        if keys.contains(&Some(parent)) {
            break;
        }
        keys.push(Some(parent));
        node = parent;
    }
    keys
}

/// The part of a session's bar the pointer grabbed: the middle moves it, an end moves that
/// end alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grip {
    Move,
    Start,
    End,
}

impl Grip {
    /// The undo step's name for a drop with this grip.
    pub fn edit_label(self) -> &'static str {
        match self {
            Grip::Move => "Move activity",
            Grip::Start => "Change start",
            Grip::End => "Change end",
        }
    }
}

/// How close to an end of a bar, in points, a press grabs that end: six points, or a third
/// of a narrow bar so that its middle still moves it.
pub fn grip_margin(bar_width: f32) -> f32 {
    6.0_f32.min(bar_width / 3.0)
}

/// The narrowest grip, in points: a bar narrower than three of them (a few days at Quarters
/// or Years) has no grips at all, so that a press anywhere on it moves it.
pub const MIN_GRIP: f32 = 3.0;

/// The narrowest a bar's interactive area is, in points, however short the session, so that
/// a bar of a day or two at Years can still be grabbed.
pub const MIN_HIT_WIDTH: f32 = 8.0;

/// Whether a bar `bar_width` points wide has grips on its ends.
pub fn has_grips(bar_width: f32) -> bool {
    bar_width >= 3.0 * MIN_GRIP
}

/// The grip for a press at `x` on a bar from `left` to `right`. Bars that cannot be resized
/// (month-only sessions, milestones) and bars too narrow for grips are only ever moved.
pub fn grip_at(x: f32, left: f32, right: f32, resizable: bool) -> Grip {
    let margin = grip_margin(right - left);
    let near = |edge: f32| (x - edge).abs() <= margin;
    if !resizable || !has_grips(right - left) {
        Grip::Move
    } else if near(left) {
        Grip::Start
    } else if near(right) {
        Grip::End
    } else {
        Grip::Move
    }
}

/// The part of the screen a bar from `left` to `right` answers the pointer on: the bar,
/// widened about its middle to [`MIN_HIT_WIDTH`] when narrower.
pub fn hit_range(left: f32, right: f32) -> (f32, f32) {
    let missing = (MIN_HIT_WIDTH - (right - left)).max(0.0);
    (left - missing / 2.0, right + missing / 2.0)
}

/// The days a drag of `dx` points moves by at `zoom`: whole days, or steps of 30 days (one
/// month each) for a session known only by its months.
pub fn drag_days(dx: f32, zoom: Zoom, month_only: bool) -> i64 {
    let step = if month_only { 30.0 } else { 1.0 };
    ((dx / zoom.day_width() / step).round() * step) as i64
}

/// The first and last day a bar is drawn over while it is dragged by `days`. A dragged end
/// stops at the other one.
pub fn dragged_span(
    start: NaiveDate,
    last: NaiveDate,
    grip: Grip,
    days: i64,
) -> (NaiveDate, NaiveDate) {
    let shift = |date: NaiveDate| date + chrono::Duration::days(days);
    match grip {
        Grip::Move => (shift(start), shift(last)),
        Grip::Start => (shift(start).min(last), last),
        Grip::End => (start, shift(last).max(start)),
    }
}

/// The session once a drag by `days` with `grip` is dropped. The session stays at least one
/// day long; a single day keeps no end date. A month-only session moves by whole months
/// (30 days a month) and keeps covering whole months.
pub fn dropped(session: &Session, grip: Grip, days: i64) -> Session {
    let mut s = session.clone();
    let shift = |date: NaiveDate| date + chrono::Duration::days(days);
    match grip {
        Grip::Move if s.precision == Precision::Month => {
            let months = (days / 30) as i32;
            let move_month =
                |d: NaiveDate| calendar::shift_months(d.with_day0(0).expect("day 1"), months);
            let new_start = move_month(s.start);
            let last_month = move_month(s.last_day());
            s.start = new_start;
            s.end = Some(calendar::shift_months(last_month, 1) - Days::new(1));
        }
        Grip::Move => {
            s.start = shift(s.start);
            s.end = s.end.map(shift);
        }
        Grip::Start => {
            // The last day stays where it was, also for a one-day session.
            let last = s.last_day();
            s.start = shift(s.start).min(last);
            s.end = (last != s.start).then_some(last);
        }
        Grip::End => {
            let new_end = shift(s.last_day()).max(s.start);
            s.end = (new_end != s.start).then_some(new_end);
        }
    }
    s
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
        let project = crate::testing::sample();
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

    fn session(start: NaiveDate, end: Option<NaiveDate>, precision: Precision) -> Session {
        Session {
            id: Id(7),
            start,
            end,
            precision,
            place: Default::default(),
        }
    }

    fn dates(s: &Session) -> (NaiveDate, Option<NaiveDate>) {
        (s.start, s.end)
    }

    #[test]
    fn drags_count_whole_days_at_every_zoom() {
        // 32 points at 1.6 points a day: 20 days.
        assert_eq!(drag_days(32.0, Zoom::Quarters, false), 20);
        assert_eq!(drag_days(3.3, Zoom::Quarters, false), 2);
        assert_eq!(drag_days(22.0 * 3.0, Zoom::Weeks, false), 3);
        assert_eq!(
            drag_days(10.0, Zoom::Weeks, false),
            0,
            "less than half a day"
        );
        assert_eq!(drag_days(-26.0, Zoom::Months, false), -5);
        assert_eq!(drag_days(7.0, Zoom::Years, false), 14);
        // Month-only sessions move by 30-day steps.
        assert_eq!(drag_days(5.0 * 40.0, Zoom::Months, true), 30);
        assert_eq!(drag_days(5.0 * 14.0, Zoom::Months, true), 0);
        assert_eq!(drag_days(-5.0 * 50.0, Zoom::Months, true), -60);
        assert_eq!(drag_days(0.5 * 100.0, Zoom::Years, true), 90);
    }

    #[test]
    fn a_press_near_an_end_grabs_that_end() {
        assert_eq!(grip_margin(100.0), 6.0);
        assert_eq!(grip_margin(9.0), 3.0);
        assert_eq!(grip_at(101.0, 100.0, 200.0, true), Grip::Start);
        assert_eq!(grip_at(195.0, 100.0, 200.0, true), Grip::End);
        assert_eq!(grip_at(150.0, 100.0, 200.0, true), Grip::Move);
        assert_eq!(
            grip_at(101.0, 100.0, 200.0, false),
            Grip::Move,
            "not resizable"
        );
        // A narrow bar: the middle third still moves it.
        assert_eq!(grip_at(104.5, 100.0, 109.0, true), Grip::Move);
        assert_eq!(grip_at(100.5, 100.0, 109.0, true), Grip::Start);
    }

    #[test]
    fn a_narrow_bar_only_moves_at_every_zoom() {
        // A press anywhere on a three-day bar, at each zoom: grips only where it is wide.
        for zoom in Zoom::ALL {
            let width = 3.0 * zoom.day_width();
            let (left, right) = (100.0, 100.0 + width);
            let grips = [
                left,
                left + width / 4.0,
                left + width / 2.0,
                right - 0.1,
                right,
            ]
            .map(|x| grip_at(x, left, right, true));
            match zoom {
                Zoom::Weeks | Zoom::Months => {
                    assert_eq!(grips[0], Grip::Start, "{zoom:?}");
                    assert_eq!(grips[2], Grip::Move, "{zoom:?}");
                    assert_eq!(grips[4], Grip::End, "{zoom:?}");
                }
                Zoom::Quarters | Zoom::Years => {
                    assert_eq!(grips, [Grip::Move; 5], "{zoom:?}: {width} points");
                }
            }
        }
        // A bar just under three grips wide has none; at three it has them.
        assert!(!has_grips(8.9));
        assert!(has_grips(9.0));
        assert_eq!(grip_at(100.1, 100.0, 108.9, true), Grip::Move);
        // A month at Quarters (about 48 points) has grips of six points.
        assert_eq!(grip_at(105.0, 100.0, 148.0, true), Grip::Start);
        assert_eq!(grip_at(143.0, 100.0, 148.0, true), Grip::End);
        assert_eq!(grip_at(124.0, 100.0, 148.0, true), Grip::Move);
    }

    #[test]
    fn a_tiny_bar_is_grabbed_over_a_minimum_width() {
        // A day at Years is half a point: answered over eight, centred on it.
        assert_eq!(hit_range(100.0, 100.5), (96.25, 104.25));
        assert_eq!(hit_range(100.0, 104.8), (98.4, 106.4));
        assert_eq!(
            hit_range(100.0, 150.0),
            (100.0, 150.0),
            "wide bars as drawn"
        );
    }

    #[test]
    fn moving_a_session_keeps_its_length() {
        let s = session(d(2009, 11, 18), Some(d(2009, 11, 20)), Precision::Day);
        assert_eq!(
            dates(&dropped(&s, Grip::Move, 20)),
            (d(2009, 12, 8), Some(d(2009, 12, 10)))
        );
        assert_eq!(
            dates(&dropped(&s, Grip::Move, -18)),
            (d(2009, 10, 31), Some(d(2009, 11, 2)))
        );
        let one_day = session(d(2010, 3, 1), None, Precision::Day);
        assert_eq!(
            dates(&dropped(&one_day, Grip::Move, 3)),
            (d(2010, 3, 4), None)
        );
        assert_eq!(
            dragged_span(s.start, s.last_day(), Grip::Move, 20),
            (d(2009, 12, 8), d(2009, 12, 10))
        );
        assert_eq!(Grip::Move.edit_label(), "Move activity");
    }

    #[test]
    fn resizing_keeps_a_session_at_least_one_day_long() {
        let s = session(d(2009, 11, 18), Some(d(2009, 11, 20)), Precision::Day);
        assert_eq!(
            dates(&dropped(&s, Grip::End, 2)),
            (d(2009, 11, 18), Some(d(2009, 11, 22)))
        );
        assert_eq!(
            dates(&dropped(&s, Grip::Start, -3)),
            (d(2009, 11, 15), Some(d(2009, 11, 20)))
        );
        // Dragged past the other end: one day, with no end date.
        assert_eq!(dates(&dropped(&s, Grip::Start, 9)), (d(2009, 11, 20), None));
        assert_eq!(dates(&dropped(&s, Grip::End, -9)), (d(2009, 11, 18), None));
        assert_eq!(dates(&dropped(&s, Grip::End, -2)), (d(2009, 11, 18), None));
        assert_eq!(
            dragged_span(s.start, s.last_day(), Grip::Start, 9),
            (d(2009, 11, 20), d(2009, 11, 20))
        );
        assert_eq!(
            dragged_span(s.start, s.last_day(), Grip::End, -9),
            (d(2009, 11, 18), d(2009, 11, 18))
        );
        // A one-day session grows from either end.
        let one_day = session(d(2010, 3, 1), None, Precision::Day);
        assert_eq!(
            dates(&dropped(&one_day, Grip::End, 2)),
            (d(2010, 3, 1), Some(d(2010, 3, 3)))
        );
        assert_eq!(
            dates(&dropped(&one_day, Grip::Start, -1)),
            (d(2010, 2, 28), Some(d(2010, 3, 1)))
        );
        assert_eq!(Grip::Start.edit_label(), "Change start");
        assert_eq!(Grip::End.edit_label(), "Change end");
    }

    #[test]
    fn month_only_sessions_move_by_whole_months() {
        let s = session(d(2010, 1, 1), Some(d(2010, 2, 28)), Precision::Month);
        assert_eq!(
            dates(&dropped(&s, Grip::Move, 30)),
            (d(2010, 2, 1), Some(d(2010, 3, 31)))
        );
        assert_eq!(
            dates(&dropped(&s, Grip::Move, -60)),
            (d(2009, 11, 1), Some(d(2009, 12, 31)))
        );
        // One month, and across a year's end and a leap February.
        let one = session(d(2011, 12, 1), Some(d(2011, 12, 31)), Precision::Month);
        assert_eq!(
            dates(&dropped(&one, Grip::Move, 60)),
            (d(2012, 2, 1), Some(d(2012, 2, 29)))
        );
        assert_eq!(dropped(&one, Grip::Move, 60).precision, Precision::Month);
    }

    #[test]
    fn zooming_keeps_the_date_under_the_anchor() {
        // 100 days into the scale at Months (5 points a day) is 500 points; shown 200 points
        // right of the chart's edge, the view is scrolled by 300.
        let offset = 300.0;
        let anchor = 200.0;
        let day = (offset + anchor) / Zoom::Months.day_width();
        assert_eq!(day, 100.0);
        for to in Zoom::ALL {
            let new = zoom_offset(offset, anchor, Zoom::Months, to);
            let x = day * to.day_width() - new;
            if new > 0.0 {
                assert!((x - anchor).abs() < 1e-3, "{to:?}: day 100 at {x}");
            } else {
                assert!(x <= anchor, "held at the scale's start, {to:?}");
            }
        }
        assert_eq!(zoom_offset(300.0, 200.0, Zoom::Months, Zoom::Weeks), 2000.0);
        assert_eq!(zoom_offset(0.0, 10.0, Zoom::Months, Zoom::Years), 0.0);
        // There and back again comes back to the same place.
        let there = zoom_offset(1234.0, 321.0, Zoom::Quarters, Zoom::Weeks);
        let back = zoom_offset(there, 321.0, Zoom::Weeks, Zoom::Quarters);
        assert!((back - 1234.0).abs() < 0.01);
    }

    #[test]
    fn zoom_steps_stop_at_the_ends() {
        assert_eq!(zoom_step(Zoom::Months, true), Some(Zoom::Weeks));
        assert_eq!(zoom_step(Zoom::Weeks, true), None);
        assert_eq!(zoom_step(Zoom::Quarters, false), Some(Zoom::Years));
        assert_eq!(zoom_step(Zoom::Years, false), None);
    }

    #[test]
    fn scrolling_to_a_bar_or_row_moves_only_when_it_is_off_screen() {
        assert_eq!(offset_to_show_x(500.0, 400.0, 600.0), 400.0, "on screen");
        assert_eq!(offset_to_show_x(1500.0, 400.0, 600.0), 1460.0);
        assert_eq!(offset_to_show_x(100.0, 400.0, 600.0), 60.0);
        assert_eq!(offset_to_show_x(10.0, 400.0, 600.0), 0.0);
        // Rows 20 points tall under a 40-point header, in a view 240 tall.
        assert_eq!(offset_to_show_row(100.0, 20.0, 0.0, 240.0, 40.0), 0.0);
        assert_eq!(
            offset_to_show_row(30.0, 20.0, 0.0, 240.0, 40.0),
            0.0,
            "held at the top"
        );
        let offset = offset_to_show_row(1000.0, 20.0, 0.0, 240.0, 40.0);
        assert_eq!(offset, 1000.0 - 40.0 - 90.0);
        assert!(1000.0 >= offset + 40.0 && 1020.0 <= offset + 240.0);
    }

    #[test]
    fn an_activity_in_a_closed_group_opens_its_groups() {
        let p = crate::testing::sample();
        let a = p
            .activities
            .iter()
            .find(|a| !a.objectives.is_empty())
            .unwrap();
        let groups = groups_of(&p, a.id);
        let all: std::collections::HashSet<Option<Id>> =
            p.objectives.iter().map(|o| Some(o.id)).collect();
        assert_eq!(
            find_row(&rows(&p, &all), a.id),
            None,
            "hidden when all closed"
        );
        let open: std::collections::HashSet<Option<Id>> =
            all.into_iter().filter(|k| !groups.contains(k)).collect();
        assert!(find_row(&rows(&p, &open), a.id).is_some());
    }
}
