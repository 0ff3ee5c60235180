//! The month calendar: navigation, bars that open their activity, double-click to add.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use workplan::ui::View;

use crate::support::*;

#[test]
fn navigate_open_a_bar_and_add_on_a_day() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser); // today is 1 September 2009 in the tests, within the programme
    open_sample(&mut h);
    h.get_by_label("Calendar").click();
    h.run();
    assert!(shows(&h, "September 2009"));
    h.get_by_label("Next ▶").click();
    h.run();
    h.get_by_label("Next ▶").click();
    h.run();
    assert!(shows(&h, "November 2009"));
    // The three-day expert meeting of 18-20 November is one bar.
    let bars = h
        .query_all_by_label(
            "Review of domestic organised-crime legislation against international standards",
        )
        .count();
    assert_eq!(bars, 1);
    h.get_by_label(
        "Review of domestic organised-crime legislation against international standards",
    )
    .click();
    h.run();
    assert_eq!(
        h.state().view,
        View::Workplan,
        "clicking a bar opens the activity"
    );
    assert_eq!(h.state().workplan.selected.len(), 1);

    h.get_by_label("Calendar").click();
    h.run();
    let before = h.state().session.doc().unwrap().project.activities.len();
    h.get_by_label("Wednesday 25 November 2009")
        .click_secondary();
    h.run();
    h.get_by_label("Add an activity on Wednesday 25 November 2009")
        .click();
    h.run();
    let project = &h.state().session.doc().unwrap().project;
    assert_eq!(project.activities.len(), before + 1);
    let added = project.activities.last().unwrap();
    assert_eq!(added.sessions[0].start.to_string(), "2009-11-25");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().session.doc().unwrap().project.activities.len(),
        before
    );
}

#[test]
fn month_only_sessions_are_listed_apart() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Calendar").click();
    h.run();
    for _ in 0..8 {
        h.get_by_label("◀ Previous").click();
        h.run();
    }
    assert!(shows(&h, "January 2009"));
    assert!(shows(&h, "Known only to the month"));
    assert!(shows(
        &h,
        "Regional and national needs assessment (Jan–Mar 2009)"
    ));
}
