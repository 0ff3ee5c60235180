//! The committee: a meeting from the template, its agenda reordered with the clock following,
//! and undo.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use crate::support::*;

#[test]
fn a_meeting_from_the_template_reordered_then_undone() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1000.0));
    open_sample(&mut h);
    h.get_by_label("Committee").click();
    h.run();
    let before = h
        .state()
        .session
        .doc()
        .unwrap()
        .project
        .committee
        .meetings
        .len();
    h.get_by_label("New meeting").click();
    h.run();
    let committee = &h.state().session.doc().unwrap().project.committee;
    assert_eq!(committee.meetings.len(), before + 1);
    let meeting = committee.meetings.last().unwrap().clone();
    assert_eq!(meeting.number, 3);
    assert_eq!(
        meeting.agenda[0].title,
        "Opening and adoption of the agenda"
    );
    // 10:00 start: the second item (10 min after the first) runs 10:10–10:20.
    assert!(shows(&h, "10:10–10:20"));
    // Select item 2 and move it up with Alt+Up: it now opens the meeting at 10:00.
    h.get_by_label("2").click();
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    let agenda = &h
        .state()
        .session
        .doc()
        .unwrap()
        .project
        .committee
        .meetings
        .last()
        .unwrap()
        .agenda;
    assert_eq!(
        agenda[0].title,
        "Approval of the minutes of the previous meeting"
    );
    assert!(shows(&h, "10:00–10:10"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let agenda = &h
        .state()
        .session
        .doc()
        .unwrap()
        .project
        .committee
        .meetings
        .last()
        .unwrap()
        .agenda;
    assert_eq!(
        agenda[0].title, "Opening and adoption of the agenda",
        "one undo step"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state()
            .session
            .doc()
            .unwrap()
            .project
            .committee
            .meetings
            .len(),
        before
    );
}

#[test]
fn attendance_decides_the_quorum() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1000.0));
    open_sample(&mut h);
    h.get_by_label("Committee").click();
    h.run();
    h.get_by_label("New meeting").click();
    h.run();
    assert!(shows(
        &h,
        "⚠ Quorum: 0 voting members present or represented, 4 needed"
    ));
    h.get_by_label("Attendance").click();
    h.run();
    let members: Vec<String> = h
        .state()
        .session
        .doc()
        .unwrap()
        .project
        .committee
        .members
        .iter()
        .filter(|m| m.role == workplan::model::Role::Member)
        .map(|m| m.name.clone())
        .take(4)
        .collect();
    for name in &members {
        h.get_by_label(&format!("Attendance of {name}")).click();
        h.run();
        h.get_by_label("Present").click();
        h.run();
    }
    assert!(shows(
        &h,
        "✔ Quorum: 4 voting members present or represented, 4 needed"
    ));
}

#[test]
fn drafting_from_the_workplan_adds_linked_lines_and_undoes() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1400.0));
    open_sample(&mut h);
    h.get_by_label("Committee").click();
    h.run();
    h.get_by_label_contains("Meeting 2 —").click();
    h.run();
    h.get_by_label("Draft from the workplan").click();
    h.run();
    let meeting = h.state().session.doc().unwrap().project.committee.meetings[1].clone();
    let mut generated = Vec::new();
    meeting.for_each_item(&mut |i| {
        if i.generated {
            generated.push((i.title.clone(), i.activities.len()));
        }
    });
    assert!(
        generated.contains(&(
            "Organised crime and illicit trafficking: 2 done".to_string(),
            2
        )),
        "{generated:?}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let mut any = false;
    h.state().session.doc().unwrap().project.committee.meetings[1]
        .for_each_item(&mut |i| any |= i.generated);
    assert!(!any, "one undo step removes the draft");
}

#[test]
fn an_agenda_item_dragged_by_its_time_moves() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1000.0));
    open_sample(&mut h);
    h.get_by_label("Committee").click();
    h.run();
    h.get_by_label("New meeting").click();
    h.run();
    let from = h.get_by_label("⠿ 10:20–10:40").rect().center();
    let to = h.get_by_label("⠿ 10:00–10:10").rect().center();
    drag(&mut h, from, to);
    let agenda = &h
        .state()
        .session
        .doc()
        .unwrap()
        .project
        .committee
        .meetings
        .last()
        .unwrap()
        .agenda;
    assert_eq!(
        agenda[0].title, "Matters arising and action points",
        "the third item is now first"
    );
    assert!(shows(&h, "⠿ 10:00–10:20"), "and the clock follows");
}

#[test]
fn typing_in_a_meeting_field_is_one_undo_step() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1000.0));
    open_sample(&mut h);
    h.get_by_label("Committee").click();
    h.run();
    h.get_by_label("New meeting").click();
    h.run();
    let zone = |h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>| {
        let committee = &h.state().session.doc().unwrap().project.committee;
        committee.meetings.last().unwrap().time_zone.clone()
    };
    let before = zone(&h);
    h.get_by_label("e.g. Europe/Vienna").focus();
    h.run();
    for c in ["E", "u", "r"] {
        h.get_by_label("e.g. Europe/Vienna").type_text(c);
        h.run();
    }
    assert_eq!(zone(&h), format!("{before}Eur"));
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(zone(&h), before, "the typing was one undo step");
    assert_eq!(
        h.state()
            .session
            .doc()
            .unwrap()
            .project
            .committee
            .meetings
            .last()
            .unwrap()
            .number,
        3,
        "and the meeting is still there"
    );
}

#[test]
fn a_new_meeting_falls_on_a_working_day() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1000.0));
    open_sample(&mut h);
    let day = |m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(2010, m, d).unwrap();
    {
        // Six months after 13 August 2009 is Saturday 13 February 2010; the Monday and Tuesday
        // after it are Statehood Day in Serbia, where the last meeting was held.
        let project = &mut h.state_mut().session.doc_mut().unwrap().project;
        let last = project.committee.meetings.last_mut().unwrap();
        last.date = chrono::NaiveDate::from_ymd_opt(2009, 8, 13).unwrap();
        last.place.country = "Serbia".into();
        let id = project.allocate_id();
        project.holidays.push(workplan::model::HolidaySet {
            id,
            country: "Serbia".into(),
            days: [15, 16]
                .map(|d| workplan::model::Holiday {
                    date: day(2, d),
                    name: "Statehood Day".into(),
                })
                .to_vec(),
        });
    }
    h.get_by_label("Committee").click();
    h.run();
    h.get_by_label("New meeting").click();
    h.run();
    let committee = &h.state().session.doc().unwrap().project.committee;
    assert_eq!(committee.meetings.last().unwrap().date, day(2, 17));
}
