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
        presenter_member: None,
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
        guests: vec![],
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

/// The sample's second meeting drafted, with fresh ids from 10,001.
fn draft_second(project: &crate::model::Project, next: &mut u64) -> Draft {
    let second = project
        .committee
        .meetings
        .iter()
        .find(|m| m.number == 2)
        .unwrap();
    let mut new_id = || {
        *next += 1;
        Id(*next)
    };
    draft_from_workplan(project, second, &mut new_id)
}

/// The generated lines under the top-level item whose title starts with `heading`.
fn lines_under<'m>(m: &'m Meeting, heading: &str) -> Vec<&'m AgendaItem> {
    m.agenda
        .iter()
        .find(|i| i.title.starts_with(heading))
        .map(|i| i.sub_items.iter().filter(|s| s.generated).collect())
        .unwrap_or_default()
}

#[test]
fn the_draft_names_the_activities_under_each_pillar() {
    let project = crate::testing::sample();
    let mut next = 10_000;
    let draft = draft_second(&project, &mut next);
    let progress = lines_under(&draft.meeting, "Progress");
    let organised = progress
        .iter()
        .find(|s| {
            s.title
                .starts_with("Organised crime and illicit trafficking: ")
        })
        .unwrap_or_else(|| panic!("{progress:?}"));
    // Between the meetings of 30 September 2009 and 25 March 2010 two activities under
    // pillar 1 were done; each is named with its dates, place and status.
    assert!(
        organised.title.contains(
            "Review of domestic organised-crime legislation against international standards ("
        ),
        "{}",
        organised.title
    );
    assert!(
        organised
            .title
            .contains("Regional cooperation in asset recovery (")
    );
    assert!(
        organised.title.contains("2009"),
        "with the dates: {}",
        organised.title
    );
    assert!(
        organised.title.contains("done)"),
        "with the status: {}",
        organised.title
    );
    assert_eq!(
        organised.activities.len(),
        2,
        "each line links to its activities"
    );
    let justice = progress
        .iter()
        .find(|s| s.title.starts_with("Justice and integrity: "))
        .unwrap();
    assert!(
        justice
            .title
            .contains("Regional cooperation mechanisms against corruption")
    );
    // The launch event ended before the previous meeting: it is not progress since.
    assert!(progress.iter().all(|s| !s.title.contains("Launch event")));
}

#[test]
fn each_pillar_s_progress_says_how_its_indicators_stand_at_the_meeting() {
    let project = crate::testing::sample();
    let draft = draft_second(&project, &mut 10_000);
    let progress = lines_under(&draft.meeting, "Progress");
    let line = |pillar: &str| {
        progress
            .iter()
            .find(|s| s.title.starts_with(&format!("{pillar}: ")))
            .map(|s| s.title.clone())
            .unwrap_or_else(|| panic!("{pillar}: {progress:?}"))
    };
    // On 25 March 2010 only the 2009 figures are in: pillar 1's meetings and reviews beat
    // their 2009 targets, its forensic indicator has no figures yet.
    let organised = line("Organised crime and illicit trafficking");
    assert!(
        organised.ends_with(" — indicators: 2 on track, 1 without data"),
        "{organised}"
    );
    // 48 practitioners trained against 60 is at risk.
    let justice = line("Justice and integrity");
    assert!(
        justice.ends_with(" — indicators: 1 on track, 1 at risk, 1 without data"),
        "{justice}"
    );
    // A pillar with indicators and no activity in the period still has its line.
    let drugs = line("Drug prevention and treatment, HIV treatment and care");
    assert_eq!(
        drugs,
        "Drug prevention and treatment, HIV treatment and care: no activity in the period — \
         indicators: 2 without data"
    );
    // Drafting again finds the same lines: nothing changes.
    let mut again_project = project.clone();
    let second = again_project
        .committee
        .meetings
        .iter_mut()
        .find(|m| m.number == 2)
        .unwrap();
    *second = draft.meeting.clone();
    let again = draft_second(&again_project, &mut 20_000);
    assert!(!again.summary.changed(), "{}", again.summary.text());
}

#[test]
fn the_draft_names_planned_work_from_before_the_meeting_until_the_next() {
    use crate::model::{Session, Status};
    let mut project = crate::testing::sample();
    let mut planned = |title: &str, y, m, d| {
        let a = project
            .activities
            .iter_mut()
            .find(|a| a.title.starts_with(title))
            .unwrap();
        a.status = Status::Planned;
        a.sessions = vec![Session {
            id: a.id,
            start: date(y, m, d),
            end: None,
            precision: Default::default(),
            place: Place::default(),
        }];
    };
    // One planned before the meeting of 25 March 2010 and not yet reported, one after it.
    planned("Assessment of forensic laboratory capacity", 2010, 3, 10);
    planned("Assessment of border management capacity", 2010, 5, 12);
    // A year on is past the next period (six months, as no later meeting is set).
    planned("Guidelines on standardised data collection", 2011, 3, 1);
    let draft = draft_second(&project, &mut 10_000);
    let next = lines_under(&draft.meeting, "Further set of programme activities");
    let titles: Vec<&str> = next.iter().map(|s| s.title.as_str()).collect();
    let all = titles.join("\n");
    assert!(
        all.contains("Assessment of forensic laboratory capacity (10 Mar 2010"),
        "{all}"
    );
    assert!(
        all.contains("Assessment of border management capacity in sea and dry ports (12 May 2010"),
        "{all}"
    );
    assert!(!all.contains("Guidelines on standardised"), "{all}");
}

#[test]
fn drafted_lines_take_a_few_minutes_per_activity() {
    let project = crate::testing::sample();
    let draft = draft_second(&project, &mut 10_000);
    let mut lines = Vec::new();
    draft.meeting.for_each_item(&mut |i| {
        if i.generated {
            lines.push((i.activities.len(), i.minutes));
        }
    });
    assert!(!lines.is_empty());
    for (activities, minutes) in lines {
        assert!(
            (5..=20).contains(&minutes),
            "{activities} activities, {minutes} min"
        );
        if activities >= 2 {
            assert_eq!(minutes, (3 * activities as u32).clamp(5, 20));
        }
    }
}

#[test]
fn the_draft_says_what_it_added_and_changed_and_keeps_the_secretarys_text() {
    let mut project = crate::testing::sample();
    let mut next = 10_000;
    let first = draft_second(&project, &mut next);
    let s = first.summary;
    assert!(s.added >= 2 && s.updated == 0 && s.removed == 0, "{s:?}");
    assert_eq!(
        s.named, 7,
        "three activities done since the last meeting, four planned with no dates yet"
    );
    assert!(
        s.text().starts_with(&format!("Added {} items, ", s.added)),
        "{}",
        s.text()
    );
    assert!(s.text().ends_with("7 activities named"), "{}", s.text());

    // The secretary shortens a line and records minutes on the progress item.
    let mut drafted = first.meeting.clone();
    let progress = drafted
        .agenda
        .iter_mut()
        .find(|i| i.title.starts_with("Progress"))
        .unwrap();
    progress.summary = "Delegations welcomed the progress.".into();
    progress
        .sub_items
        .iter_mut()
        .find(|s| s.generated)
        .unwrap()
        .minutes = 4;
    let at = project
        .committee
        .meetings
        .iter()
        .position(|m| m.number == 2)
        .unwrap();
    project.committee.meetings[at] = drafted.clone();

    // Nothing changed in the plan: the draft is up to date and changes nothing.
    let again = draft_second(&project, &mut next);
    assert!(!again.summary.changed(), "{:?}", again.summary);
    assert_eq!(again.meeting, drafted);
    assert!(again.summary.text().starts_with("The draft is up to date"));

    // An activity cancelled since: one line updated, in place, with its id kept.
    let asset = project
        .activities
        .iter_mut()
        .find(|a| a.title == "Regional cooperation mechanisms against corruption")
        .unwrap();
    asset.status = crate::model::Status::Cancelled;
    let updated = draft_second(&project, &mut next);
    assert_eq!(updated.summary.updated, 1, "{:?}", updated.summary);
    assert_eq!(updated.summary.added, 0);
    let before: Vec<Id> = lines_under(&drafted, "Progress")
        .iter()
        .map(|i| i.id)
        .collect();
    let after: Vec<Id> = lines_under(&updated.meeting, "Progress")
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(before, after, "lines are updated in place");
    let progress = updated
        .meeting
        .agenda
        .iter()
        .find(|i| i.title.starts_with("Progress"))
        .unwrap();
    assert_eq!(progress.summary, "Delegations welcomed the progress.");
    assert!(
        progress.sub_items.iter().any(|s| s.minutes == 4),
        "a duration set by hand stays"
    );
    assert!(progress.sub_items.iter().any(|s| {
        s.title
            .contains("Regional cooperation mechanisms against corruption (")
            && s.title.contains("cancelled)")
    }));
}

#[test]
fn action_numbers_are_stable_and_new_ones_take_the_next_free() {
    use crate::model::{ActionPoint, ActionStatus};
    let action = |id: u64, number: u32| ActionPoint {
        id: Id(id),
        number,
        text: format!("a{id}"),
        owner: String::new(),
        owner_member: None,
        due: None,
        status: ActionStatus::Open,
    };
    let mut first = item(1, 10, vec![]);
    first.actions = vec![action(50, 0), action(51, 2)];
    let mut second = item(2, 10, vec![]);
    second.actions = vec![action(52, 0)];
    let mut m = meeting(3, (2010, 6, 17), (10, 0), vec![first, second]);
    // Number 2 is given; the two from before numbers take 1 and 3, in agenda order.
    assert_eq!(
        action_numbers(&m),
        vec![(Id(50), 1), (Id(51), 2), (Id(52), 3)]
    );
    assert_eq!(next_action_number(&m), 4);
    assert_eq!(action_label_of(&m, Id(51)).as_deref(), Some("SC3/A2"));
    // Moving and removing others changes no given number.
    m.agenda.swap(0, 1);
    m.agenda[1].actions.remove(0);
    assert_eq!(action_numbers(&m), vec![(Id(52), 1), (Id(51), 2)]);
    let mut given = m.clone();
    given.agenda[0].actions[0].number = 1;
    let number = next_action_number(&given);
    given.agenda[1].actions.push(action(53, number));
    assert_eq!(
        action_numbers(&given),
        vec![(Id(52), 1), (Id(51), 2), (Id(53), 3)]
    );
    given.agenda[1].actions.remove(0);
    assert_eq!(action_numbers(&given), vec![(Id(52), 1), (Id(53), 3)]);
    assert_eq!(
        next_action_number(&given),
        4,
        "a number given is not given again"
    );
}

#[test]
fn guests_do_not_count_for_the_quorum() {
    let member = |id: u64| Member {
        id: Id(id),
        name: format!("m{id}"),
        role: Role::Member,
        organisation: String::new(),
        jurisdiction: None,
        email: String::new(),
    };
    let committee = Committee {
        quorum: 2,
        members: vec![member(1), member(2)],
        ..Committee::default()
    };
    let mut m = meeting(1, (2009, 9, 30), (10, 0), vec![]);
    m.attendance = vec![Attendance {
        member: Id(1),
        presence: Presence::Present,
        represented_by: String::new(),
    }];
    m.guests = vec![
        crate::model::Guest {
            name: "Observer from the Council of Europe".into(),
            organisation: "Council of Europe".into(),
        },
        crate::model::Guest {
            name: "m2".into(),
            organisation: String::new(),
        },
    ];
    assert_eq!(quorum(&committee, &m), (false, 1));
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
        .map(|c| c.action.text.as_str())
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

#[test]
fn a_number_held_twice_after_a_merge_shows_once() {
    use crate::model::{ActionPoint, ActionStatus};
    let action = |id: u64, number: u32| ActionPoint {
        id: Id(id),
        number,
        text: String::new(),
        owner: String::new(),
        owner_member: None,
        due: None,
        status: ActionStatus::Open,
    };
    let mut first = item(1, 10, vec![]);
    first.actions = vec![action(50, 1), action(51, 2), action(52, 2)];
    let m = meeting(4, (2011, 3, 1), (10, 0), vec![first]);
    assert_eq!(
        action_numbers(&m),
        vec![(Id(50), 1), (Id(51), 2), (Id(52), 3)]
    );
    assert_eq!(next_action_number(&m), 4);
}

#[test]
fn planned_work_with_no_dates_yet_is_named_for_the_next_period() {
    let project = crate::testing::sample();
    let draft = draft_second(&project, &mut 10_000);
    let next = lines_under(&draft.meeting, "Further set of programme activities");
    let all: Vec<&str> = next.iter().map(|s| s.title.as_str()).collect();
    let all = all.join("\n");
    assert!(
        all.contains("Assessment of forensic laboratory capacity (dates to be set; planned)"),
        "{all}"
    ); // The sample's own item for the next period takes them; none is added beside it.
    assert!(
        draft
            .meeting
            .agenda
            .iter()
            .all(|i| i.title != "Workplan for the next period")
    );
}

#[test]
fn missing_sections_are_added_before_the_closing_items() {
    let mut project = crate::testing::sample();
    let at = project
        .committee
        .meetings
        .iter()
        .position(|m| m.number == 2)
        .unwrap();
    let m = &mut project.committee.meetings[at];
    m.agenda
        .retain(|i| i.title.starts_with("Opening") || i.title.starts_with("Any other"));
    let draft = draft_second(&project, &mut 10_000);
    let titles: Vec<&str> = draft
        .meeting
        .agenda
        .iter()
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Opening of the meeting and adoption of the agenda",
            "Progress per pillar",
            "Workplan for the next period",
            "Any other business"
        ]
    );
    assert_eq!(
        draft.summary.added,
        2 + 4,
        "two sections and their four lines (pillar 3's says how its indicators stand)"
    );
}

#[test]
fn a_day_off_says_why() {
    use crate::committee::day_off;
    let holidays = serbian_holidays();
    assert_eq!(
        day_off(date(2010, 2, 13), &holidays, "Serbia").as_deref(),
        Some("a Saturday")
    );
    assert_eq!(
        day_off(date(2010, 2, 14), &[], "").as_deref(),
        Some("a Sunday")
    );
    assert_eq!(
        day_off(date(2010, 2, 15), &holidays, " Serbia ").as_deref(),
        Some("Statehood Day, a public holiday in Serbia")
    );
    assert_eq!(day_off(date(2010, 2, 15), &holidays, "Croatia"), None);
    assert_eq!(day_off(date(2010, 2, 17), &holidays, "Serbia"), None);
}
