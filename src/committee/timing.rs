//! Item numbers and times derived from the agenda's order and durations, and decision numbers.

use chrono::{Duration, NaiveDateTime, NaiveTime};

use crate::model::{AgendaItem, Id, Meeting};

/// One agenda item's number and times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemTime {
    pub item: Id,
    /// "3", or "2.1" for a sub-item.
    pub number: String,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// The whole agenda's timing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timing {
    pub items: Vec<ItemTime>,
    pub end: NaiveDateTime,
    /// Minutes past the planned end, when the items overrun it.
    pub overrun: Option<i64>,
}

/// How long an item takes: its own minutes, or its sub-items' when they need longer.
pub fn duration(item: &AgendaItem) -> i64 {
    let sub: i64 = item.sub_items.iter().map(duration).sum();
    i64::from(item.minutes).max(sub)
}

/// Numbers and times of every item and sub-item, from the meeting's start (09:00 when it has
/// none yet). Times run on past midnight into the next day.
pub fn timing(meeting: &Meeting) -> Timing {
    let start = meeting.date.and_time(
        meeting
            .start_time
            .unwrap_or(NaiveTime::from_hms_opt(9, 0, 0).expect("a time")),
    );
    let mut items = Vec::new();
    let mut clock = start;
    for (index, item) in meeting.agenda.iter().enumerate() {
        let number = (index + 1).to_string();
        let end = clock + Duration::minutes(duration(item));
        let mut sub_clock = clock;
        items.push(ItemTime {
            item: item.id,
            number: number.clone(),
            start: clock,
            end,
        });
        for (sub_index, sub) in item.sub_items.iter().enumerate() {
            let sub_end = sub_clock + Duration::minutes(duration(sub));
            items.push(ItemTime {
                item: sub.id,
                number: format!("{number}.{}", sub_index + 1),
                start: sub_clock,
                end: sub_end,
            });
            sub_clock = sub_end;
        }
        clock = end;
    }
    let overrun = meeting.planned_end.and_then(|planned| {
        let mut planned_end = meeting.date.and_time(planned);
        if planned_end <= start {
            planned_end += Duration::days(1);
        }
        let late = (clock - planned_end).num_minutes();
        (late > 0).then_some(late)
    });
    Timing {
        items,
        end: clock,
        overrun,
    }
}

/// Decision numbers such as "SC2/D3": per meeting, in agenda order.
pub fn decision_numbers(meeting: &Meeting) -> Vec<(Id, String)> {
    let mut numbers = Vec::new();
    meeting.for_each_item(&mut |item| {
        for decision in &item.decisions {
            numbers.push((
                decision.id,
                format!("SC{}/D{}", meeting.number, numbers.len() + 1),
            ));
        }
    });
    numbers
}

/// Every action point's number in the meeting, in agenda order. A number once given stays;
/// points from files written before numbers (number 0) take the lowest numbers still free, in
/// agenda order, so the given ones never move. Should two points hold one number (both sides
/// of a merge added one), the first in agenda order keeps it and the other shows a free one.
pub fn action_numbers(meeting: &Meeting) -> Vec<(Id, u32)> {
    let mut given = std::collections::BTreeSet::new();
    let mut holder = std::collections::HashMap::new();
    meeting.for_each_item(&mut |item| {
        for a in item.actions.iter().filter(|a| a.number > 0) {
            if given.insert(a.number) {
                holder.insert(a.number, a.id);
            }
        }
    });
    let mut free = (1..).filter(|n| !given.contains(n));
    let mut numbers = Vec::new();
    meeting.for_each_item(&mut |item| {
        for action in &item.actions {
            let number = if holder.get(&action.number) == Some(&action.id) {
                action.number
            } else {
                free.next().expect("numbers never run out")
            };
            numbers.push((action.id, number));
        }
    });
    numbers
}

/// The number a new action point of the meeting takes: one past the highest in use.
pub fn next_action_number(meeting: &Meeting) -> u32 {
    action_numbers(meeting)
        .into_iter()
        .map(|(_, n)| n)
        .max()
        .unwrap_or(0)
        + 1
}

/// An action point's label such as "SC3/A1".
pub fn action_label(meeting_number: u32, action_number: u32) -> String {
    format!("SC{meeting_number}/A{action_number}")
}

/// The label of action point `id` of the meeting, if it is there.
pub fn action_label_of(meeting: &Meeting, id: Id) -> Option<String> {
    action_numbers(meeting)
        .into_iter()
        .find(|(a, _)| *a == id)
        .map(|(_, n)| action_label(meeting.number, n))
}
