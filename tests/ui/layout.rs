//! The window at its smallest supported size, 1024×700 points, at 100 %, 150 % and 200 %
//! scale: the widgets a user needs first lie inside the window, whatever is open beside them.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use workplan::ui::WorkplanApp;

use crate::support::*;

const SMALL: egui::Vec2 = egui::vec2(1024.0, 700.0);
pub const SCALES: [f32; 3] = [1.0, 1.5, 2.0];

/// A harness of the smallest window at `scale` pixels per point, with the sample open.
pub fn small_window(scale: f32) -> Harness<'static, WorkplanApp> {
    let chooser = ScriptedChooser::default();
    let app = WorkplanApp::new(
        Box::new(chooser),
        chrono::NaiveDate::from_ymd_opt(2009, 9, 1).unwrap(),
    );
    let mut h = Harness::builder()
        .with_size(SMALL)
        .with_pixels_per_point(scale)
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut WorkplanApp| app.show(ui), app);
    open_sample(&mut h);
    h
}

/// Asserts that every node labelled `label`, or showing it as its value (a drop-down's text),
/// lies wholly inside the window, and that there is at least one.
#[track_caller]
pub fn inside(h: &Harness<'_, WorkplanApp>, label: &str, scale: f32) {
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, SMALL).expand(1.0);
    let mut found = false;
    for node in h
        .query_all_by_label(label)
        .chain(h.query_all_by_value(label))
    {
        found = true;
        let rect = node.rect();
        assert!(
            window.contains_rect(rect),
            "“{label}” at {rect:?} runs out of the {SMALL:?} window at {scale}×"
        );
    }
    assert!(found, "“{label}” is on screen at {scale}×");
}

/// Scrolls to the node labelled `label` (the first) and asserts that it then lies inside the
/// window: for what sits lower in a panel that scrolls.
#[track_caller]
pub fn reachable(h: &mut Harness<'_, WorkplanApp>, label: &str, scale: f32) {
    h.query_all_by_label(label)
        .chain(h.query_all_by_value(label))
        .next()
        .unwrap_or_else(|| panic!("nothing shows “{label}”"))
        .scroll_to_me();
    h.run();
    inside(h, label, scale);
}

#[test]
fn the_workplan_table_and_the_activity_editor_fit_side_by_side() {
    for scale in SCALES {
        let mut h = small_window(scale);
        h.get_by_label("Workplan").click();
        h.run();
        h.get_by_label("Regional cooperation in asset recovery")
            .click();
        h.run();
        for label in [
            "Add activity",
            "Search:",
            "Columns",
            "Activity",
            "Kind",
            "Status",
        ] {
            inside(&h, label, scale);
        }
        for label in ["Title", "⏵"] {
            inside(&h, label, scale);
        }
        // The editor scrolls down to its last fields, none cut off at the right.
        for label in [
            "Add session",
            "Link an objective…",
            "Add an activity it follows…",
        ] {
            reachable(&mut h, label, scale);
        }
        // The columns that no longer fit are reached by scrolling sideways, not lost.
        reachable(&mut h, "Officer", scale);
    }
}

#[test]
fn the_programme_view_fits() {
    for scale in SCALES {
        let h = small_window(scale);
        for label in ["Title", "Short code", "Description"] {
            inside(&h, label, scale);
        }
    }
}

/// Every view's toolbar, and its first working widgets, at each scale.
#[test]
fn every_view_keeps_its_controls_inside_the_window() {
    let views: [(&str, &[&str]); 5] = [
        (
            "Objectives",
            &[
                "Tree",
                "Logframe matrix",
                "Expand all",
                "Add objective",
                "Freeze codes",
            ],
        ),
        (
            "Calendar",
            &[
                "◀ Previous",
                "Today",
                "Next ▶",
                "Month",
                "Year",
                "Go to selection",
            ],
        ),
        (
            "Timeline",
            &[
                "Years",
                "Expand all",
                "Collapse all",
                "Scroll to selection",
                "Task table",
            ],
        ),
        (
            "Committee",
            &[
                "New meeting",
                "Agenda",
                "Attendance",
                "Minutes",
                "Draft from the workplan",
            ],
        ),
        (
            "Workplan",
            &["Add activity", "Columns", "Funding", "Status colours"],
        ),
    ];
    for scale in SCALES {
        let mut h = small_window(scale);
        for (view, labels) in views {
            h.get_by_label(view).click();
            h.run();
            for label in labels {
                inside(&h, label, scale);
            }
        }
        // The status bar and the tabs stay in view too.
        for label in [
            "Programme",
            "Committee",
            "18 objectives · 12 activities · 2 meetings",
        ] {
            inside(&h, label, scale);
        }
    }
}

/// The editor beside the objective tree fits, with its fields to their last.
#[test]
fn the_objective_editor_fits_beside_the_tree() {
    for scale in SCALES {
        let mut h = small_window(scale);
        h.get_by_label("Objectives").click();
        h.run();
        h.get_all_by_label_contains("Border control")
            .next()
            .unwrap()
            .click();
        h.run();
        for label in ["Add objective", "⏵ Hide"] {
            inside(&h, label, scale);
        }
    }
}
