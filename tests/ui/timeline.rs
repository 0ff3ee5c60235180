//! The timeline: bars dragged to move and resize sessions, one undo step each.

use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};

use workplan::ui::View;

use crate::support::*;

fn session_dates(
    h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>,
    title: &str,
) -> (String, String) {
    let p = &h.state().session.doc().unwrap().project;
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
    assert_eq!(
        h.state().timeline.zoom,
        workplan::plan::timeline::Zoom::Quarters
    );
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

    // At Months the three days are 15 points, wide enough for grips: grabbing the right end
    // and dragging it by two days (10 points) lengthens the session.
    h.get_by_label("Months").click();
    // The view scrolls back to today, smoothly, for the new scale.
    h.run_steps(60);
    let bar = h.get_by_label(&format!("{title} 18–20 Nov 2009")).rect();
    let grip = egui::pos2(bar.right() - 0.5, bar.center().y);
    drag(&mut h, grip, grip + egui::vec2(10.3, 0.0));
    assert_eq!(
        session_dates(&h, title),
        ("2009-11-18".into(), "2009-11-22".into())
    );
}

#[test]
fn a_short_bar_zoomed_out_only_moves_wherever_it_is_grabbed() {
    let title = "Review of domestic organised-crime legislation against international standards";
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Timeline").click();
    h.run();
    h.get_by_label("Quarters").click();
    h.run();
    // Three days at Quarters are 4.8 points: a press at its very end still moves it.
    let bar = h.get_by_label(&format!("{title} 18–20 Nov 2009")).rect();
    assert!(
        bar.width() >= 8.0,
        "answers over at least 8 points: {bar:?}"
    );
    let end = egui::pos2(bar.right() - 0.5, bar.center().y);
    drag(&mut h, end, end + egui::vec2(3.3, 0.0));
    assert_eq!(
        session_dates(&h, title),
        ("2009-11-20".into(), "2009-11-22".into()),
        "moved by two days, not lengthened"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();

    // At Years the bar is 1.5 points; grabbed a few points off its middle, it moves too.
    h.get_by_label("Years").click();
    h.run();
    let bar = h.get_by_label(&format!("{title} 18–20 Nov 2009")).rect();
    assert!(
        bar.width() >= 8.0,
        "answers over at least 8 points: {bar:?}"
    );
    let near = bar.center() + egui::vec2(3.0, 0.0);
    drag(&mut h, near, near + egui::vec2(10.0, 0.0));
    assert_eq!(
        session_dates(&h, title),
        ("2009-12-08".into(), "2009-12-10".into())
    );
}

#[test]
fn the_dates_follow_the_pointer_while_a_bar_is_dragged() {
    let title = "Review of domestic organised-crime legislation against international standards";
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Timeline").click();
    h.run();
    // At Months a day is 5 points: 20 days are 100.
    let bar = h.get_by_label(&format!("{title} 18–20 Nov 2009")).rect();
    let start = bar.center();
    assert!(h.query_by_label("8–10 Dec 2009").is_none());
    h.hover_at(start);
    h.run();
    h.drag_at(start);
    h.run();
    for step in 1..=4 {
        h.hover_at(start + egui::vec2(25.0 * step as f32, 0.0));
        h.run();
    }
    assert!(
        h.query_by_label("8–10 Dec 2009").is_some(),
        "the dates to drop on"
    );
    h.hover_at(start + egui::vec2(50.0, 0.0));
    h.run();
    assert!(
        h.query_by_label("28–30 Nov 2009").is_some(),
        "updated as it moves"
    );
    assert!(h.query_by_label("8–10 Dec 2009").is_none());
    h.event(egui::Event::PointerButton {
        pos: start + egui::vec2(50.0, 0.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert_eq!(
        session_dates(&h, title),
        ("2009-11-28".into(), "2009-11-30".into())
    );
    assert!(
        h.query_by_label("28–30 Nov 2009").is_none(),
        "gone once dropped"
    );
}

/// Whether the node is shown selected (egui tells a selected button as toggled on).
fn is_selected(h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>, label: &str) -> bool {
    h.get_by_label(label).accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
}

#[test]
fn a_click_selects_an_activity_and_a_double_click_opens_it() {
    let title = "Review of domestic organised-crime legislation against international standards";
    let bar_label = format!("{title} 18–20 Nov 2009");
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Timeline").click();
    h.run();
    let id = h
        .state()
        .session
        .doc()
        .unwrap()
        .project
        .activities
        .iter()
        .find(|a| a.title == title)
        .unwrap()
        .id;

    // The bar: one click selects, the view stays.
    assert!(!is_selected(&h, &bar_label));
    h.get_by_label(&bar_label).click();
    h.run();
    assert_eq!(
        h.state().view,
        View::Timeline,
        "a click does not switch views"
    );
    assert_eq!(h.state().timeline.selected, Some(id));
    assert!(is_selected(&h, &bar_label));
    assert!(is_selected(&h, title), "its row too");
    // A double click opens it in the workplan.
    double_click(&mut h, &bar_label);
    assert_eq!(h.state().view, View::Workplan);
    assert_eq!(h.state().workplan.selected.len(), 1);
    assert!(h.state().workplan.selected.contains(&id));

    // The row's label on the left: the same.
    let other = "Regional cooperation in asset recovery";
    h.get_by_label("Timeline").click();
    h.run();
    h.get_by_label(other).click();
    h.run();
    assert_eq!(
        h.state().view,
        View::Timeline,
        "a click does not switch views"
    );
    assert!(is_selected(&h, other));
    assert!(!is_selected(&h, title), "one activity selected at a time");
    double_click(&mut h, other);
    assert_eq!(h.state().view, View::Workplan);
    assert_eq!(h.state().workplan.selected.len(), 1);
    assert!(!h.state().workplan.selected.contains(&id));
}
