//! Baselines: saved in the Programme view, compared with in the workplan and the timeline.

use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};

use crate::support::*;

const TITLE: &str =
    "Review of domestic organised-crime legislation against international standards";

fn baselines(h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>) -> Vec<String> {
    let p = &h.state().session.doc().unwrap().project;
    p.baselines.iter().map(|b| b.name.clone()).collect()
}

#[test]
fn a_saved_baseline_shows_how_far_a_moved_session_slipped() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Programme").click();
    h.run();
    assert!(shows(&h, "No baseline saved yet."));
    // The section is below the programme's lists.
    h.get_by_label("Save baseline").scroll_to_me();
    h.run();
    type_into(&mut h, "Baseline name", "Approved by SC2");
    h.get_by_label("Save baseline").click();
    h.run();
    assert_eq!(baselines(&h), vec!["Approved by SC2".to_string()]);
    // Saving is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(baselines(&h).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(baselines(&h), vec!["Approved by SC2".to_string()]);

    // Move the session 20 days later on the timeline.
    h.get_by_label("Timeline").click();
    h.run();
    h.get_by_label("Quarters").click();
    h.run();
    let bar = h.get_by_label(&format!("{TITLE} 18–20 Nov 2009")).rect();
    drag(&mut h, bar.center(), bar.center() + egui::vec2(32.0, 0.0));
    let p = &h.state().session.doc().unwrap().project;
    let a = p.activities.iter().find(|a| a.title == TITLE).unwrap();
    assert_eq!(a.sessions[0].start.to_string(), "2009-12-08");

    // The workplan compares with the baseline: the slip columns appear, latest first.
    h.get_by_label("Workplan").click();
    h.run();
    assert!(!shows(&h, "End slip"), "no slip columns without a baseline");
    h.get_by_label("Compare with").click();
    h.run();
    h.get_by_label("Approved by SC2").click();
    h.run();
    h.get_by_label("End slip").click();
    h.run();
    h.get_by_label("End slip ⏶").click();
    h.run();
    assert_eq!(
        h.query_all_by_label("+20").count(),
        2,
        "start and end of the moved session slipped by 20 days"
    );
    assert!(shows(&h, "End slip ⏷"));
    // Every other activity of the sample kept its dates.
    assert!(h.query_all_by_label("0").count() > 10);

    // The timeline shows the baseline too, with its legend entry.
    h.get_by_label("Timeline").click();
    h.run();
    assert!(shows(&h, "Baseline “Approved by SC2”"));

    // Deleting it (one step) takes the comparison away.
    h.get_by_label("Programme").click();
    h.run();
    h.get_by_label("Delete").scroll_to_me();
    h.run();
    h.get_by_label("Delete").click();
    h.run();
    assert!(baselines(&h).is_empty());
    h.get_by_label("Workplan").click();
    h.run();
    assert!(!shows(&h, "End slip"));
    assert_eq!(
        h.state().workplan.sort,
        workplan::plan::workplan::Column::Dates,
        "sorted by dates again, not by a column no longer shown"
    );
}

#[test]
fn staff_are_added_given_aliases_and_removed_in_the_programme_view_each_one_step() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1280.0, 1600.0));
    open_sample(&mut h);
    let staff = |h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>| {
        let p = &h.state().session.doc().unwrap().project;
        p.staff
            .iter()
            .map(|m| (m.name.clone(), m.aliases.clone()))
            .collect::<Vec<_>>()
    };
    let before = staff(&h);
    h.get_by_label("Programme").click();
    h.run();
    h.get_by_label("Add staff member").scroll_to_me();
    h.run();
    h.get_by_label("Add staff member").click();
    h.run();
    assert_eq!(staff(&h).len(), before.len() + 1);
    assert_eq!(staff(&h).last().unwrap().0, "New staff member");
    type_into(&mut h, "Aliases of New staff member", "D. Ilić, Dragana");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        staff(&h).last().unwrap().1,
        ["D. Ilić".to_string(), "Dragana".to_string()]
    );
    // A member no activity names can go; one an activity names cannot.
    h.get_by_label("Remove New staff member").click();
    h.run();
    assert_eq!(staff(&h), before);
    let named = before[0].0.clone();
    assert!(
        h.get_by_label(&format!("Remove {named}"))
            .accesskit_node()
            .is_disabled(),
        "{named} is an officer of activities"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(staff(&h).len(), before.len() + 1, "the removal is undone");
}
