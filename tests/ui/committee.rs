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
    let organised = generated
        .iter()
        .find(|(t, _)| t.starts_with("Organised crime and illicit trafficking: "))
        .unwrap_or_else(|| panic!("{generated:?}"));
    assert!(
        organised
            .0
            .contains("Regional cooperation in asset recovery ("),
        "{organised:?}"
    );
    assert_eq!(organised.1, 2, "the line links to its activities");
    // What the draft did is said beside the button.
    assert!(shows(&h, "Added "), "the summary is shown");
    assert!(shows(&h, "7 activities named"));
    let undo = h
        .state()
        .session
        .doc()
        .unwrap()
        .history
        .undo_label()
        .map(str::to_owned);
    assert!(
        undo.as_deref()
            .is_some_and(|l| l.starts_with("Draft from the workplan: Added ")),
        "the undo step is named after what the draft did: {undo:?}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let mut any = false;
    h.state().session.doc().unwrap().project.committee.meetings[1]
        .for_each_item(&mut |i| any |= i.generated);
    assert!(!any, "one undo step removes the draft");
    assert!(
        !shows(&h, "activities named"),
        "and the note of what it did goes with it"
    );
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
    assert!(
        !shows(&h, "a public holiday in"),
        "a working day needs no warning"
    );

    // A date typed onto a holiday is kept, with a warning beside it.
    h.get_by_label("Date").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Date").type_text("2010-02-16");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(last_meeting(&h).date, day(2, 16));
    // (The sample's own list for Serbia names the day "Statehood Day holiday".)
    assert!(shows(&h, "⚠ Statehood Day"));
    assert!(shows(&h, ", a public holiday in Serbia"));
}

/// The committee view of the sample with a new (third) meeting selected.
fn new_meeting(
    size: egui::Vec2,
) -> (
    ScriptedChooser,
    egui_kittest::Harness<'static, workplan::ui::WorkplanApp>,
) {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, size);
    open_sample(&mut h);
    h.get_by_label("Committee").click();
    h.run();
    h.get_by_label("New meeting").click();
    h.run();
    (chooser, h)
}

fn last_meeting(
    h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>,
) -> workplan::model::Meeting {
    let committee = &h.state().session.doc().unwrap().project.committee;
    committee.meetings.last().unwrap().clone()
}

#[test]
fn all_present_records_every_member_in_one_step() {
    let (_chooser, mut h) = new_meeting(egui::vec2(1400.0, 1000.0));
    h.get_by_label("Attendance").click();
    h.run();
    h.get_by_label("All present").click();
    h.run();
    let members = h
        .state()
        .session
        .doc()
        .unwrap()
        .project
        .committee
        .members
        .len();
    let m = last_meeting(&h);
    assert_eq!(m.attendance.len(), members);
    assert!(
        m.attendance
            .iter()
            .all(|a| a.presence == workplan::model::Presence::Present)
    );
    assert!(shows(&h, "✔ Quorum:"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(last_meeting(&h).attendance.is_empty(), "one undo step");
}

#[test]
fn a_guest_is_listed_but_not_counted() {
    let (_chooser, mut h) = new_meeting(egui::vec2(1400.0, 1000.0));
    h.get_by_label("Attendance").click();
    h.run();
    h.get_by_label("Add guest").click();
    h.run();
    type_into(&mut h, "Guest's name", "Jana Horvat");
    assert_eq!(last_meeting(&h).guests[0].name, "Jana Horvat");
    assert!(
        shows(&h, "⚠ Quorum: 0 voting members"),
        "a guest is not a member"
    );
}

#[test]
fn a_presenter_is_picked_from_the_members_or_typed() {
    let (_chooser, mut h) = new_meeting(egui::vec2(1400.0, 1000.0));
    let chair = h.state().session.doc().unwrap().project.committee.members[0].clone();
    h.get_by_label("Presenter of item 1").click();
    h.run();
    h.get_by_label_contains(&format!("{} (", chair.name))
        .click();
    h.run();
    let item = last_meeting(&h).agenda[0].clone();
    assert_eq!(item.presenter_member, Some(chair.id));
    assert!(item.presenter.is_empty());
    // Someone who is not a member is typed; the link goes.
    h.get_by_label("Presenter of item 1").click();
    h.run();
    type_into(&mut h, "Someone else: name (not a member)", "Guest speaker");
    let item = last_meeting(&h).agenda[0].clone();
    assert_eq!(item.presenter_member, None);
    assert_eq!(item.presenter, "Guest speaker");
}

#[test]
fn an_open_action_point_is_closed_from_matters_arising_and_undone() {
    let (_chooser, mut h) = new_meeting(egui::vec2(1400.0, 1000.0));
    // The sample's second meeting left two open action points, numbered SC2/A1 on.
    let open = |h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>| {
        let project = &h.state().session.doc().unwrap().project;
        let m = project.committee.meetings.last().unwrap();
        workplan::committee::carried_over(&project.committee, m)
            .into_iter()
            .map(|c| c.label)
            .collect::<Vec<_>>()
    };
    let before = open(&h);
    assert_eq!(before.len(), 2, "{before:?}");
    let first = before[0].clone();
    assert!(first.starts_with("SC2/A"), "{first}");
    h.get_by_label(&format!("✔ Close {first}")).click();
    h.run();
    assert_eq!(open(&h), before[1..].to_vec());
    assert!(!shows(&h, &format!("✔ Close {first}")));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(open(&h), before, "one undo step reopens it");
}

#[test]
fn the_row_menu_moves_and_removes_an_item() {
    let (_chooser, mut h) = new_meeting(egui::vec2(1400.0, 1000.0));
    let titles = |h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>| -> Vec<String> {
        last_meeting(h)
            .agenda
            .iter()
            .map(|i| i.title.clone())
            .collect()
    };
    let before = titles(&h);
    h.get_all_by_label("⋯").next().unwrap().click();
    h.run();
    h.get_by_label("⬇ Move down").click();
    h.run();
    let moved = titles(&h);
    assert_eq!(moved[0], before[1]);
    assert_eq!(moved[1], before[0]);
    // The same menu on a right click of the item's number.
    h.get_by_label("1").click_secondary();
    h.run();
    h.get_by_label("✖ Remove item").click();
    h.run();
    assert_eq!(titles(&h).len(), before.len() - 1);
    assert_eq!(titles(&h)[0], before[0]);
}

#[test]
fn the_agenda_fits_the_window_at_1024_by_700() {
    let (_chooser, mut h) = new_meeting(egui::vec2(1024.0, 700.0));
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 700.0));
    let menus: Vec<egui::Rect> = h.get_all_by_label("⋯").map(|n| n.rect()).collect();
    assert!(!menus.is_empty(), "every row has its menu");
    for rect in &menus {
        assert!(
            rect.right() <= window.right() && rect.left() >= window.left(),
            "a row menu at {rect:?} lies outside the window"
        );
    }
    for label in ["Presenter of item 1", "Presenter of item 7"] {
        for node in h.get_all_by_label(label) {
            assert!(
                node.rect().right() <= window.right(),
                "{label} at {:?}",
                node.rect()
            );
        }
    }
    // The attendance page too: its stand-in fields end inside the window.
    h.get_by_label("Attendance").click();
    h.run();
    let fields: Vec<egui::Rect> = h
        .get_all_by_label("represented by")
        .map(|n| n.rect())
        .collect();
    assert!(!fields.is_empty());
    for rect in fields {
        assert!(
            rect.right() <= window.right(),
            "a stand-in field at {rect:?}"
        );
    }
}

#[test]
fn an_action_point_gets_the_next_number_and_an_owner_from_the_members() {
    let (_chooser, mut h) = new_meeting(egui::vec2(1400.0, 1400.0));
    h.get_by_label("Minutes").click();
    h.run();
    h.get_all_by_label("+ action point").next().unwrap().click();
    h.run();
    h.get_all_by_label("+ action point").next().unwrap().click();
    h.run();
    let mut numbers = Vec::new();
    last_meeting(&h).for_each_item(&mut |i| numbers.extend(i.actions.iter().map(|a| a.number)));
    assert_eq!(numbers, [1, 2]);
    assert!(shows(&h, "SC3/A2"));
    let member = h.state().session.doc().unwrap().project.committee.members[1].clone();
    h.get_by_label("Owner of SC3/A1").click();
    h.run();
    h.get_by_label_contains(&format!("{} (", member.name))
        .click();
    h.run();
    let mut owners = Vec::new();
    last_meeting(&h)
        .for_each_item(&mut |i| owners.extend(i.actions.iter().map(|a| a.owner_member)));
    assert_eq!(owners, [Some(member.id), None]);
}

#[test]
fn a_meetings_agenda_is_offered_under_its_own_file_name() {
    use egui_kittest::kittest::By;
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1000.0));
    open_sample(&mut h);
    h.get_by_label("Committee").click();
    h.run();
    let offered = |h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>, name: &str| {
        h.query_all(By::new().predicate(move |n| n.value().is_some_and(|v| v.ends_with(name))))
            .next()
            .is_some()
    };
    for (meeting, name) in [
        ("Meeting 2 —", "SC2-2010-03-25-agenda.html"),
        ("Meeting 1 —", "SC1-2009-09-30-agenda.html"),
    ] {
        h.get_by_label_contains(meeting).click();
        h.run();
        chooser.answer(workplan::ui::Choice::Unavailable);
        h.get_by_label("File").click();
        h.run();
        h.get_by_label("Export").click();
        h.run();
        h.get_by_label("Meeting agenda (HTML, printable)…").click();
        h.run();
        assert!(offered(&h, name), "{name} is offered");
        h.key_press(Key::Escape);
        h.run();
    }
}
