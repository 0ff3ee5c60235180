//! The month calendar: navigation, bars that open their activity, double-click to add.

use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
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
fn month_only_sessions_are_drawn_across_their_months_as_uncertain() {
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
    // One bar a week row, each saying that only the months are known.
    let bars = h
        .query_all_by_label("Regional and national needs assessment (only the months are known)")
        .count();
    assert!(bars >= 4, "{bars} bars");
    assert!(
        shows(&h, "only the months are known"),
        "the legend says it too"
    );
}

#[test]
fn arrow_keys_move_the_day_and_the_week_view_follows_it() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Calendar").click();
    h.run();
    h.get_by_label("◀ Previous").click();
    h.run();
    // Today (1 September 2009) is in the programme: the calendar opened on September.
    assert!(shows(&h, "August 2009"));
    h.get_by_label("Monday 31 August 2009").click();
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(
        h.state().calendar.day.map(|d| d.to_string()).as_deref(),
        Some("2009-09-01")
    );
    assert!(shows(&h, "September 2009"), "the month follows the day");
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(
        h.state().calendar.day.map(|d| d.to_string()).as_deref(),
        Some("2009-09-07")
    );
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(
        h.state().calendar.day.map(|d| d.to_string()).as_deref(),
        Some("2009-08-31")
    );

    // The week view: the seven days of that week, and Next moves a week.
    h.get_by_label("Week view").click();
    h.run();
    assert!(shows(&h, "Week of Monday 31 August 2009"));
    assert!(h.query_by_label("Sunday 6 September 2009").is_some());
    assert!(h.query_by_label("Monday 7 September 2009").is_none());
    h.get_by_label("Next ▶").click();
    h.run();
    assert!(shows(&h, "Week of Monday 7 September 2009"));
    h.get_by_label("Month view").click();
    h.run();
    assert!(shows(&h, "September 2009"));
    assert!(h.query_by_label("Wednesday 30 September 2009").is_some());
}

#[test]
fn bars_are_coloured_by_pillar_or_jurisdiction_with_a_legend() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Calendar").click();
    h.run();
    assert!(shows(&h, "Status colours"));
    h.get_by_label("Colour by").click();
    h.run();
    h.get_by_label("Jurisdiction").click();
    h.run();
    assert_eq!(
        h.state().calendar.colour_by,
        workplan::plan::calendar::ColourBy::Jurisdiction
    );
    assert!(
        shows(&h, "Colours: "),
        "a legend of the jurisdictions shown"
    );
    assert!(!shows(&h, "Status colours"));
    h.get_by_label("Colour by").click();
    h.run();
    h.get_by_label("Pillar").click();
    h.run();
    assert!(shows(&h, "Colours: "));
}

#[test]
fn a_clash_is_marked_on_both_bars() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    // Two activities in the same country on the same days.
    let doc = h.state_mut().session.doc_mut().unwrap();
    let p = &mut doc.project;
    let country = "Serbia";
    let day = chrono::NaiveDate::from_ymd_opt(2009, 9, 15).unwrap();
    let mut ids = Vec::new();
    for title in ["First clashing workshop", "Second clashing workshop"] {
        let id = p.allocate_id();
        let mut a = workplan::model::Activity::new(id, title, "Training");
        a.sessions.push(workplan::model::Session {
            id: p.allocate_id(),
            start: day,
            end: None,
            precision: workplan::model::Precision::Day,
            place: workplan::model::Place {
                city: "Belgrade".into(),
                country: country.into(),
                ..Default::default()
            },
        });
        p.activities.push(a);
        ids.push(id);
    }
    let findings = workplan::plan::checks::run(p);
    assert!(
        findings
            .iter()
            .any(|f| f.kind == workplan::plan::checks::CheckKind::Clash && f.activity == ids[0]),
        "the checks find the clash"
    );
    h.get_by_label("Calendar").click();
    h.run();
    assert!(
        h.query_by_label("First clashing workshop (clash)")
            .is_some()
    );
    assert!(
        h.query_by_label("Second clashing workshop (clash)")
            .is_some()
    );
}

/// The first day of each session of the activity titled `title`.
fn session_starts(
    h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>,
    title: &str,
) -> Vec<String> {
    let p = &h.state().session.doc().unwrap().project;
    let a = p.activities.iter().find(|a| a.title == title).unwrap();
    a.sessions.iter().map(|s| s.start.to_string()).collect()
}

const REVIEW: &str =
    "Review of domestic organised-crime legislation against international standards";

#[test]
fn the_month_and_year_lists_reach_june_2010_in_four_clicks() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1024.0, 700.0));
    open_sample(&mut h);
    h.get_by_label("Calendar").click();
    h.run();
    assert!(shows(&h, "September 2009"));
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 700.0));
    for label in [
        "◀ Previous",
        "Today",
        "Next ▶",
        "Month",
        "Year",
        "Go to selection",
        "Add activity here",
        "Sunday 4 October 2009",
    ] {
        let rect = h.get_by_label(label).rect();
        assert!(window.contains_rect(rect), "{label} at {rect:?}");
    }
    h.get_by_label("Month").click();
    h.run();
    h.get_by_label("June").click();
    h.run();
    assert!(shows(&h, "June 2009"));
    h.get_by_label("Year").click();
    h.run();
    h.get_by_label("2010").click();
    h.run();
    assert!(shows(&h, "June 2010"));
    assert_eq!(
        h.state().calendar.month.map(|m| m.to_string()).as_deref(),
        Some("2010-06-01")
    );
    // Page Down still steps a month.
    h.key_press(Key::PageDown);
    h.run();
    assert!(shows(&h, "July 2010"));
}

#[test]
fn meetings_and_public_holidays_are_on_their_days() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1024.0, 700.0));
    open_sample(&mut h);
    h.get_by_label("Calendar").click();
    h.run();
    // The first committee meeting, 30 September 2009, in the window.
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 700.0));
    let meeting = h.get_by_label("Steering committee meeting 1").rect();
    let day = h.get_by_label("Wednesday 30 September 2009").rect();
    assert!(window.contains_rect(meeting), "{meeting:?}");
    assert!(
        day.contains_rect(meeting),
        "on its day: {meeting:?} in {day:?}"
    );
    assert!(!shows(&h, "Steering committee meeting 2"));
    // Croatia's holidays of June 2010, named on their days.
    h.get_by_label("Month").click();
    h.run();
    h.get_by_label("June").click();
    h.run();
    h.get_by_label("Year").click();
    h.run();
    h.get_by_label("2010").click();
    h.run();
    let holiday = h.get_by_label("Anti-Fascist Struggle Day (Croatia)").rect();
    let day = h.get_by_label("Tuesday 22 June 2010").rect();
    assert!(day.contains_rect(holiday), "{holiday:?} in {day:?}");
    assert!(shows(&h, "Statehood Day (Croatia)"));
    assert!(!shows(&h, "Labour Day"), "May's holidays are not June's");
    // A click on a meeting opens the committee.
    h.get_by_label("Month").click();
    h.run();
    h.get_by_label("March").click();
    h.run();
    h.get_by_label("Steering committee meeting 2").click();
    h.run();
    assert_eq!(h.state().view, View::Committee);
}

#[test]
fn go_to_selection_shows_the_month_of_the_activity_selected_elsewhere() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Calendar").click();
    h.run();
    assert!(
        h.get_by_label("Go to selection")
            .accesskit_node()
            .is_disabled(),
        "nothing selected yet"
    );
    // Selected in the timeline, which stays on screen.
    h.get_by_label("Timeline").click();
    h.run();
    h.get_by_label(&format!("{REVIEW} 18–20 Nov 2009")).click();
    h.run();
    assert_eq!(h.state().view, View::Timeline);
    h.get_by_label("Calendar").click();
    h.run();
    assert!(shows(&h, "September 2009"));
    h.get_by_label("Go to selection").click();
    h.run();
    assert!(shows(&h, "November 2009"));
    // Ctrl+G does the same from another month.
    h.get_by_label("◀ Previous").click();
    h.run();
    h.get_by_label("◀ Previous").click();
    h.run();
    assert!(shows(&h, "September 2009"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    assert!(shows(&h, "November 2009"));
}

#[test]
fn a_new_session_or_activity_starts_on_the_day_clicked() {
    let chooser = ScriptedChooser::default();
    // Tall enough for the editor's third session without scrolling.
    let mut h = harness_sized(&chooser, egui::vec2(1200.0, 1100.0));
    open_sample(&mut h);
    h.get_by_label("Calendar").click();
    h.run();
    assert!(
        h.get_by_label("Add activity here")
            .accesskit_node()
            .is_disabled(),
        "no day chosen yet"
    );
    h.get_by_label("Next ▶").click();
    h.run();
    h.get_by_label("Next ▶").click();
    h.run();
    h.get_by_label("Wednesday 25 November 2009").click();
    h.run();
    // Open an activity and add it a session: on the day clicked, and it stays selected.
    h.get_by_label(REVIEW).click();
    h.run();
    assert_eq!(h.state().view, View::Workplan);
    let id = h.state().workplan.selected.iter().copied().next().unwrap();
    h.get_by_label("Add session").click();
    h.run();
    assert_eq!(session_starts(&h, REVIEW), ["2009-11-18", "2009-11-25"]);
    assert_eq!(h.state().workplan.selected.len(), 1);
    assert!(h.state().workplan.selected.contains(&id), "still selected");
    // The day served once: the next session follows the last a week later.
    h.get_by_label("Add session").click();
    h.run();
    assert_eq!(
        session_starts(&h, REVIEW),
        ["2009-11-18", "2009-11-25", "2009-12-02"]
    );

    // "Add activity here" on another day.
    h.get_by_label("Calendar").click();
    h.run();
    h.get_by_label("Thursday 26 November 2009").click();
    h.run();
    assert!(shows(&h, "November 2009"), "the month stays");
    let before = h.state().session.doc().unwrap().project.activities.len();
    h.get_by_label("Add activity here").click();
    h.run();
    let project = &h.state().session.doc().unwrap().project;
    assert_eq!(project.activities.len(), before + 1);
    let added = project.activities.last().unwrap();
    assert_eq!(added.sessions[0].start.to_string(), "2009-11-26");
    assert_eq!(h.state().view, View::Workplan, "its editor is open");
}

#[test]
fn a_session_added_after_browsing_goes_in_the_month_shown() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    h.get_by_label("Calendar").click();
    h.run();
    h.get_by_label("Month").click();
    h.run();
    h.get_by_label("May").click();
    h.run();
    h.get_by_label("Workplan").click();
    h.run();
    h.get_by_label("Add activity").click();
    h.run();
    h.get_by_label("Add session").click();
    h.run();
    let p = &h.state().session.doc().unwrap().project;
    // A new project runs through the tests' year, 2009; 1 May 2009 was a Friday.
    assert_eq!(p.activities[0].sessions[0].start.to_string(), "2009-05-01");
}

#[test]
fn a_right_click_on_a_calendar_bar_sets_its_status() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Calendar").click();
    h.run();
    h.get_by_label("Next ▶").click();
    h.run();
    h.get_by_label("Next ▶").click();
    h.run();
    h.get_by_label(REVIEW).click_secondary();
    h.run();
    h.get_by_label("Set status").click();
    h.run();
    h.get_by_label("Postponed").click();
    h.run();
    let p = &h.state().session.doc().unwrap().project;
    let a = p.activities.iter().find(|a| a.title == REVIEW).unwrap();
    assert_eq!(a.status, workplan::model::Status::Postponed);
    assert_eq!(h.state().view, View::Calendar, "still in the calendar");
}

#[test]
fn with_today_outside_the_programme_it_opens_where_the_activities_begin() {
    let chooser = ScriptedChooser::default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let app = workplan::ui::WorkplanApp::new(Box::new(chooser.clone()), today);
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut workplan::ui::WorkplanApp| app.show(ui), app);
    open_sample(&mut h);
    // The programme starts half a year before its first activity.
    let p = &mut h.state_mut().session.doc_mut().unwrap().project;
    p.programme.start = chrono::NaiveDate::from_ymd_opt(2008, 7, 1).unwrap();
    h.get_by_label("Calendar").click();
    h.run();
    assert!(shows(&h, "January 2009"), "not the empty July 2008");
    assert!(!shows(&h, "July 2008"));
}
