//! The timeline: bars dragged to move and resize sessions, one undo step each.

use chrono::Datelike;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};

use workplan::plan::timeline::Zoom;
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

const REVIEW: &str =
    "Review of domestic organised-crime legislation against international standards";

fn review_bar(h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>) -> egui::Rect {
    h.get_by_label(&format!("{REVIEW} 18–20 Nov 2009")).rect()
}

#[test]
fn zooming_keeps_the_date_under_the_pointer_or_the_middle_in_place() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1024.0, 700.0));
    open_sample(&mut h);
    h.get_by_label("Timeline").click();
    h.run();
    assert_eq!(h.state().timeline.zoom, Zoom::Months);
    let before = review_bar(&h);
    // Ctrl+scroll (a zoom gesture) with the pointer 60 points left of the bar: zoomed in,
    // the date under the pointer stays there, and the bar is 22/5 times as far from it.
    let pointer = egui::pos2(before.left() - 60.0, before.center().y);
    h.hover_at(pointer);
    h.run();
    h.event(egui::Event::Zoom(1.5));
    h.run_steps(60);
    assert_eq!(h.state().timeline.zoom, Zoom::Weeks);
    let after = review_bar(&h);
    let expected = pointer.x + 60.0 * 22.0 / 5.0;
    assert!(
        (after.left() - expected).abs() <= 1.5,
        "the date under the pointer stays put: {before:?} then {after:?}, not at {expected}"
    );
    // And out again.
    h.event(egui::Event::Zoom(1.0 / 1.5));
    h.run_steps(60);
    assert_eq!(h.state().timeline.zoom, Zoom::Months);
    assert!((review_bar(&h).left() - before.left()).abs() <= 2.0);

    // The buttons zoom about the middle of the chart: there and back, the bar is where it
    // was. Zoomed in about the bar and out about a point 200 points to its right, the view has
    // moved from where it opened.
    h.event(egui::Event::Zoom(1.5));
    h.run_steps(60);
    h.hover_at(pointer + egui::vec2(200.0, 0.0));
    h.run_steps(2);
    h.event(egui::Event::Zoom(1.0 / 1.5));
    h.run_steps(60);
    assert_eq!(h.state().timeline.zoom, Zoom::Months);
    let moved = review_bar(&h);
    assert!((moved.left() - before.left()).abs() > 100.0, "{moved:?}");
    let before = review_bar(&h);
    h.get_by_label("Quarters").click();
    h.run_steps(60);
    let zoomed = review_bar(&h);
    assert!(zoomed.left() != before.left(), "the scale changed");
    h.get_by_label("Months").click();
    h.run_steps(60);
    let back = review_bar(&h);
    assert!(
        (back.left() - before.left()).abs() <= 2.0,
        "{before:?} then {back:?}"
    );
}

#[test]
fn scroll_to_selection_brings_the_selected_row_and_bar_into_view() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1024.0, 700.0));
    open_sample(&mut h);
    h.get_by_label("Timeline").click();
    h.run();
    assert!(
        h.get_by_label("Scroll to selection")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_label(REVIEW).click();
    h.run();
    // Scroll far right and down, away from it.
    let chart = review_bar(&h).center();
    h.hover_at(chart);
    h.run();
    for _ in 0..10 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(-1000.0, -1000.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        h.run();
    }
    h.run_steps(30);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 700.0));
    let gone = h
        .query_by_label(&format!("{REVIEW} 18–20 Nov 2009"))
        .is_none_or(|n| !window.contains_rect(n.rect()));
    assert!(gone, "scrolled away from the bar");
    h.get_by_label("Scroll to selection").click();
    h.run_steps(30);
    let bar = review_bar(&h);
    let title = h.get_by_label(REVIEW).rect();
    assert!(window.contains_rect(bar), "{bar:?}");
    assert!(window.contains_rect(title), "{title:?}");
    assert!((bar.center().y - title.center().y).abs() < 1.0, "one row");
}

#[test]
fn a_selection_made_elsewhere_is_followed_and_scrolled_to_with_ctrl_g() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1024.0, 700.0));
    open_sample(&mut h);
    // The last activity of the timeline's rows, selected in the calendar's workplan.
    let (last_id, last_title) = {
        let p = &h.state().session.doc().unwrap().project;
        let rows = workplan::plan::timeline::rows(p, &Default::default());
        let id = rows
            .iter()
            .rev()
            .find_map(|r| match r {
                workplan::plan::timeline::Row::Activity { activity, .. } => Some(*activity),
                _ => None,
            })
            .unwrap();
        (id, p.activity(id).unwrap().title.clone())
    };
    h.get_by_label("Timeline").click();
    h.run();
    h.get_by_label("Collapse all").click();
    h.run();
    assert!(
        h.query_by_label(&last_title).is_none(),
        "hidden in its group"
    );
    // Selected in the workplan (as a click on its row does).
    h.state_mut().workplan.select_only(last_id);
    h.run();
    assert_eq!(h.state().timeline.selected, Some(last_id), "followed here");
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run_steps(30);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 700.0));
    let title = h.get_by_label(&last_title).rect();
    assert!(
        window.contains_rect(title),
        "its group opened, its row shown: {title:?}"
    );
}

#[test]
fn the_task_table_lines_up_with_the_chart() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1024.0, 460.0));
    open_sample(&mut h);
    h.get_by_label("Timeline").click();
    h.run();
    assert!(h.query_by_label("20 Nov 2009").is_none());
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 460.0));
    for label in ["Years", "Collapse all", "Scroll to selection", "Task table"] {
        let rect = h.get_by_label(label).rect();
        assert!(window.contains_rect(rect), "{label} at {rect:?}");
    }
    h.get_by_label("Task table").click();
    h.run();
    let bar = review_bar(&h);
    let title = h.get_by_label(REVIEW).rect();
    let start = h.get_by_label("18 Nov 2009").rect();
    let end = h.get_by_label("20 Nov 2009").rect();
    for cell in [title, start, end] {
        assert!(
            (cell.center().y - bar.center().y).abs() < 1.0,
            "{cell:?} by {bar:?}"
        );
    }
    assert!(
        title.left() < start.left() && start.right() <= end.left() && end.right() <= bar.left()
    );
    // Scrolled down, the table moves with the chart.
    h.hover_at(bar.center());
    h.run();
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -60.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(30);
    let moved = review_bar(&h);
    assert!(moved.top() < bar.top(), "scrolled: {moved:?}");
    let start = h.get_by_label("18 Nov 2009").rect();
    assert!((start.center().y - moved.center().y).abs() < 1.0);
    h.get_by_label("Task table").click();
    h.run();
    assert!(h.query_by_label("20 Nov 2009").is_none(), "hidden again");
}

#[test]
fn right_click_on_a_bar_or_title_offers_open_status_and_delete() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Timeline").click();
    h.run();
    let status = |h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>| {
        let p = &h.state().session.doc().unwrap().project;
        p.activities
            .iter()
            .find(|a| a.title == REVIEW)
            .map(|a| a.status)
    };
    h.get_by_label(&format!("{REVIEW} 18–20 Nov 2009"))
        .click_secondary();
    h.run();
    h.get_by_label("Set status").click();
    h.run();
    h.get_by_label("Cancelled").click();
    h.run();
    assert_eq!(status(&h), Some(workplan::model::Status::Cancelled));
    assert_eq!(h.state().view, View::Timeline);

    // Delete asks first; Cancel keeps it.
    h.get_by_label(REVIEW).click_secondary();
    h.run();
    h.get_by_label("Delete activity…").click();
    h.run();
    assert!(h.state().modal_is_open());
    h.key_press(Key::Escape);
    h.run();
    assert!(status(&h).is_some(), "kept");
    h.get_by_label(REVIEW).click_secondary();
    h.run();
    h.get_by_label("Delete activity…").click();
    h.run();
    h.get_by_label("Delete activities").click();
    h.run();
    assert_eq!(status(&h), None, "deleted");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(status(&h).is_some(), "one undo step");

    // Show in the calendar: the month of its first session.
    h.get_by_label(REVIEW).click_secondary();
    h.run();
    h.get_by_label("Show in the calendar").click();
    h.run();
    assert_eq!(h.state().view, View::Calendar);
    assert!(shows(&h, "November 2009"));
    // And back from a bar there: its row in the timeline.
    h.get_by_label(REVIEW).click_secondary();
    h.run();
    h.get_by_label("Show in the timeline").click();
    h.run();
    assert_eq!(h.state().view, View::Timeline);

    // Open goes to the workplan with it selected.
    h.get_by_label(REVIEW).click_secondary();
    h.run();
    h.get_by_label("Open in the workplan").click();
    h.run();
    assert_eq!(h.state().view, View::Workplan);
    assert_eq!(h.state().workplan.selected.len(), 1);
}

#[test]
fn a_new_session_goes_in_the_month_the_timeline_shows() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1280.0, 800.0));
    open_sample(&mut h);
    h.get_by_label("Timeline").click();
    h.run();
    let Some(workplan::plan::calendar::DateShown::Month(month)) = h.state().date_shown.get() else {
        panic!("the timeline names the month it shows");
    };
    let programme = &h.state().session.doc().unwrap().project.programme;
    assert!(
        month >= programme.start && month <= programme.end,
        "{month}"
    );

    let title = "Assessment of forensic laboratory capacity";
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
    h.state_mut().workplan.select_only(id);
    h.get_by_label("Workplan").click();
    h.run();
    h.get_by_label("Add session").click();
    h.run();
    let project = &h.state().session.doc().unwrap().project;
    let activity = project
        .activities
        .iter()
        .find(|a| a.title == title)
        .unwrap();
    let start = activity.sessions[0].start;
    assert_eq!(
        (start.year(), start.month()),
        (month.year(), month.month()),
        "the new session starts in the month the timeline showed"
    );
}
