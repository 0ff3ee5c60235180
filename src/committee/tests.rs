//! Tests of the committee rules, sharing one set of small meetings.

use super::*;
use crate::model::{AgendaItem, Committee, Id, Meeting, Presence, Purpose, Role};
use crate::model::{Attendance, Decision, MeetingStatus, Member, Place};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

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
    let project = crate::testing::sample();
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
    let project = crate::testing::sample();
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

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn serbian_holidays() -> Vec<crate::model::HolidaySet> {
    use crate::model::{Holiday, HolidaySet};
    vec![HolidaySet {
        id: Id(1),
        country: "Serbia".into(),
        days: vec![
            Holiday {
                date: date(2010, 2, 15),
                name: "Statehood Day".into(),
            },
            Holiday {
                date: date(2010, 2, 16),
                name: "Statehood Day".into(),
            },
        ],
    }]
}

#[test]
fn a_working_day_stays() {
    // Wednesday 30 September 2009.
    assert_eq!(
        working_day_from(date(2009, 9, 30), &serbian_holidays(), "Serbia"),
        date(2009, 9, 30)
    );
}

#[test]
fn a_weekend_moves_to_the_monday() {
    for weekend in [date(2010, 3, 27), date(2010, 3, 28)] {
        assert_eq!(
            working_day_from(weekend, &[], ""),
            date(2010, 3, 29),
            "{weekend}"
        );
    }
}

#[test]
fn a_public_holiday_of_the_meetings_country_moves_past_it() {
    let holidays = serbian_holidays();
    // Monday 15 and Tuesday 16 February 2010 are Statehood Day in Serbia.
    assert_eq!(
        working_day_from(date(2010, 2, 15), &holidays, "Serbia"),
        date(2010, 2, 17)
    );
    assert_eq!(
        working_day_from(date(2010, 2, 13), &holidays, " Serbia "),
        date(2010, 2, 17),
        "Saturday, Sunday, then the two holidays"
    );
    // Elsewhere, or where the country is not known, they are working days.
    assert_eq!(
        working_day_from(date(2010, 2, 15), &holidays, "Croatia"),
        date(2010, 2, 15)
    );
    assert_eq!(
        working_day_from(date(2010, 2, 15), &holidays, ""),
        date(2010, 2, 15)
    );
}
