//! The timeline: bars dragged to move and resize sessions, one undo step each.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use crate::support::*;

fn session_dates(
    h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>,
    title: &str,
) -> (String, String) {
    let p = &h.state().doc.as_ref().unwrap().project;
    let a = p.activities.iter().find(|a| a.title == title).unwrap();
    (
        a.sessions[0].start.to_string(),
        a.sessions[0].last_day().to_string(),
    )
}

#[test]
fn dragging_a_bar_moves_the_session_and_its_end_resizes_it() {
    let title = "Review of domestic organised-crime legislation against international standards";
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Timeline").click();
    h.run();
    h.get_by_label("Quarters").click();
    h.run();
    assert_eq!(h.state().timeline.zoom, workplan::timeline::Zoom::Quarters);
    let bar = h.get_by_label(&format!("{title} 18–20 Nov 2009")).rect();
    // Quarters show 1.6 points a day: 32 points to the right is 20 days later.
    drag(&mut h, bar.center(), bar.center() + egui::vec2(32.0, 0.0));
    assert_eq!(
        session_dates(&h, title),
        ("2009-12-08".into(), "2009-12-10".into())
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        session_dates(&h, title),
        ("2009-11-18".into(), "2009-11-20".into()),
        "one undo step"
    );

    // Grabbing the right end and dragging it by two days (3.2 points) lengthens the session.
    let bar = h.get_by_label(&format!("{title} 18–20 Nov 2009")).rect();
    let grip = egui::pos2(bar.right() - 0.5, bar.center().y);
    drag(&mut h, grip, grip + egui::vec2(3.3, 0.0));
    assert_eq!(
        session_dates(&h, title),
        ("2009-11-18".into(), "2009-11-22".into())
    );
}
