//! Steering committee meetings as a secretary works with them: item numbers and times derived
//! from the agenda's order and durations, decision numbers, the quorum, and the action points
//! that carry over until they are closed.

use chrono::{Duration, NaiveDateTime, NaiveTime};

use crate::model::{
    ActionPoint, ActionStatus, AgendaItem, Committee, Id, Meeting, Presence, Purpose, Role,
};

/// The standard agenda a new meeting starts from, which the secretary then edits. Ids come
/// from `new_id`.
pub fn template(new_id: &mut dyn FnMut() -> Id) -> Vec<AgendaItem> {
    let item = |id: Id, title: &str, purpose: Purpose, minutes: u32| AgendaItem {
        id,
        title: title.to_string(),
        purpose,
        presenter: String::new(),
        minutes,
        consent: false,
        papers: Vec::new(),
        activities: Vec::new(),
        objectives: Vec::new(),
        sub_items: Vec::new(),
        summary: String::new(),
        decisions: Vec::new(),
        actions: Vec::new(),
    };
    vec![
        item(
            new_id(),
            "Opening and adoption of the agenda",
            Purpose::Decision,
            10,
        ),
        item(
            new_id(),
            "Approval of the minutes of the previous meeting",
            Purpose::Decision,
            10,
        ),
        item(
            new_id(),
            "Matters arising and action points",
            Purpose::Discussion,
            20,
        ),
        item(new_id(), "Progress per pillar", Purpose::Information, 45),
        item(
            new_id(),
            "Workplan for the next period",
            Purpose::Decision,
            45,
        ),
        item(new_id(), "Any other business", Purpose::Discussion, 10),
        item(new_id(), "Date of the next meeting", Purpose::Decision, 5),
    ]
}

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

/// Whether the voting members (chair, co-chair, members) present or represented reach the
/// committee's quorum; with the count. No rule (quorum 0) is always met.
pub fn quorum(committee: &Committee, meeting: &Meeting) -> (bool, u32) {
    let voting = |id: Id| {
        committee
            .members
            .iter()
            .find(|m| m.id == id)
            .is_some_and(|m| matches!(m.role, Role::Chair | Role::CoChair | Role::Member))
    };
    let count = meeting
        .attendance
        .iter()
        .filter(|a| {
            matches!(a.presence, Presence::Present | Presence::Represented) && voting(a.member)
        })
        .count() as u32;
    (count >= committee.quorum, count)
}

/// Action points still open (open or in progress) from meetings held before `meeting`, with
/// the number of the meeting that set each: they come up under "matters arising".
pub fn carried_over<'c>(
    committee: &'c Committee,
    meeting: &Meeting,
) -> Vec<(u32, &'c ActionPoint)> {
    let mut open = Vec::new();
    for earlier in committee
        .meetings
        .iter()
        .filter(|m| (m.date, m.number) < (meeting.date, meeting.number))
    {
        earlier.for_each_item(&mut |item| {
            for action in &item.actions {
                if matches!(action.status, ActionStatus::Open | ActionStatus::InProgress) {
                    open.push((earlier.number, action));
                }
            }
        });
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attendance, Decision, MeetingStatus, Member, Place};
    use chrono::NaiveDate;

    fn item(id: u64, minutes: u32, subs: Vec<AgendaItem>) -> AgendaItem {
        AgendaItem {
            id: Id(id),
            title: format!("item {id}"),
            purpose: Purpose::Information,
            presenter: String::new(),
            minutes,
            consent: false,
            papers: vec![],
            activities: vec![],
            objectives: vec![],
            sub_items: subs,
            summary: String::new(),
            decisions: vec![],
            actions: vec![],
        }
    }

    fn meeting(
        number: u32,
        date: (i32, u32, u32),
        start: (u32, u32),
        agenda: Vec<AgendaItem>,
    ) -> Meeting {
        Meeting {
            id: Id(1000 + u64::from(number)),
            number,
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            start_time: NaiveTime::from_hms_opt(start.0, start.1, 0),
            time_zone: "Europe/Vienna".into(),
            planned_end: None,
            place: Place::default(),
            status: MeetingStatus::Draft,
            attendance: vec![],
            agenda,
        }
    }

    fn hm(t: NaiveDateTime) -> String {
        t.format("%H:%M").to_string()
    }

    #[test]
    fn items_and_sub_items_get_numbers_and_times() {
        let m = meeting(
            1,
            (2009, 9, 30),
            (10, 0),
            vec![
                item(1, 15, vec![]),
                item(2, 30, vec![item(21, 20, vec![]), item(22, 15, vec![])]),
                item(3, 10, vec![]),
            ],
        );
        let t = timing(&m);
        let rows: Vec<(String, String, String)> = t
            .items
            .iter()
            .map(|i| (i.number.clone(), hm(i.start), hm(i.end)))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("1".into(), "10:00".into(), "10:15".into()),
                ("2".into(), "10:15".into(), "10:50".into()),
                ("2.1".into(), "10:15".into(), "10:35".into()),
                ("2.2".into(), "10:35".into(), "10:50".into()),
                ("3".into(), "10:50".into(), "11:00".into()),
            ],
            "item 2 takes as long as its sub-items need"
        );
        assert_eq!(hm(t.end), "11:00");
    }

    #[test]
    fn reordering_renumbers_and_retimes() {
        let mut m = meeting(
            1,
            (2009, 9, 30),
            (10, 0),
            vec![item(1, 15, vec![]), item(2, 45, vec![])],
        );
        m.agenda.swap(0, 1);
        let t = timing(&m);
        assert_eq!((t.items[0].item, t.items[0].number.as_str()), (Id(2), "1"));
        assert_eq!(hm(t.items[1].start), "10:45");
    }

    #[test]
    fn a_meeting_over_midnight_and_an_overrun() {
        let mut m = meeting(
            3,
            (2010, 3, 25),
            (23, 30),
            vec![item(1, 45, vec![]), item(2, 30, vec![])],
        );
        m.planned_end = NaiveTime::from_hms_opt(0, 30, 0);
        let t = timing(&m);
        assert_eq!(
            t.end,
            NaiveDate::from_ymd_opt(2010, 3, 26)
                .unwrap()
                .and_hms_opt(0, 45, 0)
                .unwrap()
        );
        assert_eq!(t.overrun, Some(15));
        m.planned_end = NaiveTime::from_hms_opt(1, 0, 0);
        assert_eq!(timing(&m).overrun, None);
    }

    #[test]
    fn decisions_are_numbered_per_meeting_in_agenda_order() {
        let mut first = item(1, 10, vec![]);
        first.decisions = vec![Decision {
            id: Id(50),
            text: "a".into(),
        }];
        let mut sub = item(21, 10, vec![]);
        sub.decisions = vec![
            Decision {
                id: Id(51),
                text: "b".into(),
            },
            Decision {
                id: Id(52),
                text: "c".into(),
            },
        ];
        let m = meeting(
            2,
            (2010, 3, 25),
            (10, 0),
            vec![first, item(2, 10, vec![sub])],
        );
        let numbers: Vec<String> = decision_numbers(&m).into_iter().map(|(_, n)| n).collect();
        assert_eq!(numbers, ["SC2/D1", "SC2/D2", "SC2/D3"]);
    }

    #[test]
    fn quorum_counts_voting_members_present_or_represented() {
        let member = |id: u64, role| Member {
            id: Id(id),
            name: format!("m{id}"),
            role,
            organisation: String::new(),
            jurisdiction: None,
            email: String::new(),
        };
        let committee = Committee {
            quorum: 2,
            members: vec![
                member(1, Role::Chair),
                member(2, Role::Member),
                member(3, Role::Observer),
                member(4, Role::Member),
            ],
            ..Committee::default()
        };
        let mut m = meeting(1, (2009, 9, 30), (10, 0), vec![]);
        let attend = |id: u64, presence| Attendance {
            member: Id(id),
            presence,
            represented_by: String::new(),
        };
        m.attendance = vec![
            attend(1, Presence::Present),
            attend(3, Presence::Present),
            attend(4, Presence::Apologies),
        ];
        assert_eq!(
            quorum(&committee, &m),
            (false, 1),
            "an observer does not count"
        );
        m.attendance.push(attend(2, Presence::Represented));
        assert_eq!(quorum(&committee, &m), (true, 2));
    }

    #[test]
    fn open_action_points_carry_over_until_closed() {
        let project = crate::io::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sample-data/see-regional-programme-2009-2011.ron"
        )))
        .unwrap();
        let c = &project.committee;
        let second = c.meetings.iter().find(|m| m.number == 2).unwrap();
        assert!(
            carried_over(c, second).is_empty(),
            "meeting 1 left no open action"
        );
        let mut third = second.clone();
        third.number = 3;
        third.date = NaiveDate::from_ymd_opt(2010, 10, 15).unwrap();
        let open: Vec<&str> = carried_over(c, &third)
            .into_iter()
            .map(|(_, a)| a.text.as_str())
            .collect();
        assert_eq!(
            open.len(),
            2,
            "the two open points of meeting 2, not the done one: {open:?}"
        );
    }
}
