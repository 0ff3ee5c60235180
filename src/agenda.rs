//! Steering committee meetings as a secretary works with them: item numbers and times derived
//! from the agenda's order and durations, decision numbers, the quorum, and the action points
//! that carry over until they are closed.

use chrono::{Duration, NaiveDateTime, NaiveTime};

use chrono::NaiveDate;

use crate::model::{
    ActionPoint, ActionStatus, AgendaItem, Committee, Id, Meeting, Presence, Project, Purpose, Role,
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
        generated: false,
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

/// Fills a meeting's agenda from the workplan, for the period since the previous meeting:
/// per pillar what was done, is under way, or was postponed or cancelled; what is planned until
/// the next meeting; the proposed activities that need a decision; and the open action points.
/// Each generated line is a sub-item that links to its activities. Running it again replaces
/// the generated lines and leaves everything the secretary wrote as it was.
pub fn draft_from_workplan(
    project: &Project,
    meeting: &Meeting,
    new_id: &mut dyn FnMut() -> Id,
) -> Meeting {
    use crate::model::Status;
    let committee = &project.committee;
    let since = committee
        .meetings
        .iter()
        .filter(|m| m.date < meeting.date)
        .map(|m| m.date)
        .max()
        .unwrap_or(project.programme.start);
    let until = committee
        .meetings
        .iter()
        .filter(|m| m.date > meeting.date)
        .map(|m| m.date)
        .min()
        .unwrap_or_else(|| crate::calendar::shift_months(meeting.date, 6));
    let mut draft = meeting.clone();
    fn strip(items: &mut Vec<AgendaItem>) {
        items.retain(|i| !i.generated);
        for item in items {
            strip(&mut item.sub_items);
        }
    }
    strip(&mut draft.agenda);

    let line =
        |new_id: &mut dyn FnMut() -> Id, title: String, purpose: Purpose, activities: Vec<Id>| {
            let mut item = template(&mut *new_id).swap_remove(0);
            item.title = title;
            item.purpose = purpose;
            item.minutes = 0;
            item.activities = activities;
            item.generated = true;
            item
        };
    let touches = |a: &crate::model::Activity, from: NaiveDate, to: NaiveDate| {
        a.sessions
            .iter()
            .any(|s| s.last_day() >= from && s.start <= to)
    };
    // Find the item a group of lines goes under, by the start of its title, or add it.
    let place = |draft: &mut Meeting,
                 new_id: &mut dyn FnMut() -> Id,
                 starts: &str,
                 title: &str,
                 purpose: Purpose,
                 lines: Vec<AgendaItem>| {
        if lines.is_empty() {
            return;
        }
        let index = match draft
            .agenda
            .iter()
            .position(|i| i.title.to_lowercase().starts_with(starts))
        {
            Some(index) => index,
            None => {
                let mut item = template(&mut *new_id).swap_remove(0);
                item.title = title.into();
                item.purpose = purpose;
                item.minutes = 15;
                draft.agenda.push(item);
                draft.agenda.len() - 1
            }
        };
        draft.agenda[index].sub_items.extend(lines);
    };

    // Progress per pillar since the previous meeting.
    let mut progress = Vec::new();
    for pillar in project
        .objectives
        .iter()
        .filter(|o| o.level == crate::logframe::PILLAR_LEVEL)
    {
        let under: Vec<&crate::model::Activity> =
            crate::logframe::activities_under(project, pillar.id)
                .into_iter()
                .filter(|a| touches(a, since, meeting.date))
                .collect();
        let group = |statuses: &[Status]| -> Vec<Id> {
            under
                .iter()
                .filter(|a| statuses.contains(&a.status))
                .map(|a| a.id)
                .collect()
        };
        for (statuses, what) in [
            (&[Status::Done][..], "done"),
            (&[Status::UnderWay][..], "under way"),
            (
                &[Status::Postponed, Status::Cancelled][..],
                "postponed or cancelled",
            ),
        ] {
            let ids = group(statuses);
            if !ids.is_empty() {
                progress.push(line(
                    &mut *new_id,
                    format!("{}: {} {what}", pillar.title, ids.len()),
                    Purpose::Information,
                    ids,
                ));
            }
        }
    }
    let mut lines_next = Vec::new();
    let planned: Vec<Id> = project
        .activities
        .iter()
        .filter(|a| {
            matches!(a.status, Status::Planned | Status::Confirmed)
                && touches(a, meeting.date, until)
        })
        .map(|a| a.id)
        .collect();
    if !planned.is_empty() {
        lines_next.push(line(
            &mut *new_id,
            format!("Planned until {until}: {} activities", planned.len()),
            Purpose::Information,
            planned,
        ));
    }
    let proposed: Vec<Id> = project
        .activities
        .iter()
        .filter(|a| a.status == Status::Proposed)
        .map(|a| a.id)
        .collect();
    if !proposed.is_empty() {
        lines_next.push(line(
            &mut *new_id,
            format!("Proposed activities for decision: {}", proposed.len()),
            Purpose::Decision,
            proposed,
        ));
    }
    let open = carried_over(committee, meeting).len();
    let arising = if open > 0 {
        vec![line(
            &mut *new_id,
            format!("{open} open action points from earlier meetings"),
            Purpose::Discussion,
            Vec::new(),
        )]
    } else {
        Vec::new()
    };
    place(
        &mut draft,
        &mut *new_id,
        "matters arising",
        "Matters arising and action points",
        Purpose::Discussion,
        arising,
    );
    place(
        &mut draft,
        &mut *new_id,
        "progress",
        "Progress per pillar",
        Purpose::Information,
        progress,
    );
    place(
        &mut draft,
        &mut *new_id,
        "workplan for the next period",
        "Workplan for the next period",
        Purpose::Decision,
        lines_next,
    );
    draft
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
            generated: false,
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
    fn the_draft_fills_progress_and_keeps_what_the_secretary_wrote() {
        let project = crate::io::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sample-data/see-regional-programme-2009-2011.ron"
        )))
        .unwrap();
        let second = project
            .committee
            .meetings
            .iter()
            .find(|m| m.number == 2)
            .unwrap();
        let mut next = 10_000;
        let mut new_id = || {
            next += 1;
            Id(next)
        };
        let draft = draft_from_workplan(&project, second, &mut new_id);
        let progress = draft
            .agenda
            .iter()
            .find(|i| i.title.starts_with("Progress"))
            .unwrap();
        let lines: Vec<&str> = progress
            .sub_items
            .iter()
            .filter(|s| s.generated)
            .map(|s| s.title.as_str())
            .collect();
        // Between the meetings of 30 September 2009 and 25 March 2010 three expert meetings were
        // done: two under pillar 1, two under pillar 2 (asset recovery serves both).
        assert!(
            lines.contains(&"Organised crime and illicit trafficking: 2 done"),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"Justice and integrity: 2 done"),
            "{lines:?}"
        );
        let linked = &progress
            .sub_items
            .iter()
            .find(|s| s.title.starts_with("Organised"))
            .unwrap()
            .activities;
        assert_eq!(linked.len(), 2, "each line links to its activities");
        // The secretary's own text is untouched, and running it again gives the same lines.
        assert_eq!(
            progress.summary,
            second
                .agenda
                .iter()
                .find(|i| i.id == progress.id)
                .unwrap()
                .summary
        );
        let again = draft_from_workplan(&project, &draft, &mut new_id);
        let count = |m: &Meeting| {
            let mut n = 0;
            m.for_each_item(&mut |i| n += usize::from(i.generated));
            n
        };
        assert_eq!(count(&again), count(&draft));
        assert_eq!(again.agenda.len(), draft.agenda.len());
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
