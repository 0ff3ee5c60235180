//! Scheduling in the window: links and the critical path on the timeline, a drag that moves
//! the successors it would break along, and Edit > Move the Plan.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use workplan::plan::move_plan::{Amount, PlanShift};

use crate::support::*;

const CONFERENCE: &str = "High-level regional conference presenting the Regional Programme";
const STATEMENT: &str =
    "Joint Statement on the Regional Programme signed by six beneficiary governments";

fn first_day(h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>, title: &str) -> String {
    let p = &h.state().session.doc().unwrap().project;
    let a = p.activities.iter().find(|a| a.title == title).unwrap();
    a.sessions[0].start.to_string()
}

#[test]
fn links_and_the_critical_path_show_and_a_drag_moves_broken_successors_along() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Timeline").click();
    h.run();
    // The sample's one link: the statement signed at the conference.
    assert!(shows(&h, "1 link"), "links are on by default");
    assert!(shows(&h, "0 broken"));
    assert!(!shows(&h, "Critical path:"));
    h.get_by_label("Critical path").click();
    h.run();
    let expected = workplan::plan::schedule::critical_path(
        &h.state().session.doc().unwrap().project,
        workplan::plan::schedule::Target::End,
    )
    .critical
    .len();
    assert!(expected > 0);
    assert!(shows(
        &h,
        &format!(
            "Critical path: {}",
            workplan::plan::count(expected, "activity")
        )
    ));
    // To the milestone: the conference and the statement.
    h.get_by_value("end of programme").click();
    h.run();
    h.get_by_label(&format!("milestone {STATEMENT}")).click();
    h.run();
    assert!(shows(&h, "Critical path: 2 activities"));

    // Bring the conference into view and drag it ten days later (5 points a day at Months).
    h.get_by_label(CONFERENCE).click();
    h.run();
    h.get_by_label("Scroll to selection").click();
    h.run_steps(30);
    h.get_by_label("Move successors along").click();
    h.run();
    let bar = h
        .get_by_label(&format!("{CONFERENCE} 30–31 Mar 2009"))
        .rect();
    let start = bar.center();
    h.hover_at(start);
    h.run();
    h.drag_at(start);
    h.run();
    for step in 1..=5 {
        h.hover_at(start + egui::vec2(10.0 * step as f32, 0.0));
        h.run();
    }
    assert!(
        shows(&h, "Breaks the link to 1 successor"),
        "the drag names the successor it would break"
    );
    assert!(shows(&h, "They move along"));
    h.event(egui::Event::PointerButton {
        pos: start + egui::vec2(50.0, 0.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert_eq!(first_day(&h, CONFERENCE), "2009-04-09");
    assert_eq!(first_day(&h, STATEMENT), "2009-04-10", "moved along");
    assert!(shows(&h, "0 broken"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(first_day(&h, CONFERENCE), "2009-03-30");
    assert_eq!(
        first_day(&h, STATEMENT),
        "2009-03-31",
        "one undo step for both"
    );

    // Without moving along, the same drag breaks the link, and the legend says so.
    h.get_by_label("Move successors along").click();
    h.run();
    drag(&mut h, start, start + egui::vec2(50.0, 0.0));
    assert_eq!(first_day(&h, CONFERENCE), "2009-04-09");
    assert_eq!(first_day(&h, STATEMENT), "2009-03-31");
    assert!(shows(&h, "1 broken"));
}

#[test]
fn move_the_plan_previews_and_moves_in_one_undo_step() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    let before = h.state().session.doc().unwrap().project.clone();
    menu(&mut h, "Edit", "Move the Plan…");
    // Opens on today (1 September 2009, inside the programme), a week, weekdays kept.
    h.get_by_label("months").click();
    h.run();
    h.get_by_label("Skip weekends and public holidays").click();
    h.run();
    let shift = PlanShift {
        from: chrono::NaiveDate::from_ymd_opt(2009, 9, 1).unwrap(),
        amount: Amount::Months(7),
        keep_weekdays: true,
        skip_days_off: false,
    };
    let (activities, sessions) = workplan::plan::move_plan::preview(&before, &shift);
    assert!(activities > 0);
    let preview = format!(
        "Moves {} ({})",
        workplan::plan::count(activities, "activity"),
        workplan::plan::count(sessions, "session")
    );
    assert!(shows(&h, &preview), "{preview}");
    h.get_by_label("Move").click();
    h.run();
    assert!(!shows(&h, &preview), "the dialog closes");
    let after = h.state().session.doc().unwrap().project.clone();
    let expected = workplan::plan::move_plan::shifted(&before, &shift);
    for a in &expected {
        assert_eq!(after.activity(a.id), Some(a));
    }
    assert_eq!(
        h.state().session.doc().unwrap().history.undo_label(),
        Some("Move the plan")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().session.doc().unwrap().project, before);

    // Escape leaves it without a change.
    menu(&mut h, "Edit", "Move the Plan…");
    assert!(shows(&h, "Moves "));
    h.key_press(Key::Escape);
    h.run();
    assert!(!shows(&h, "Moves "));
    assert_eq!(h.state().session.doc().unwrap().project, before);
}
