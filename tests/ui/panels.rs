//! The checks and funding panels: findings by severity that open the field at fault and can be
//! accepted with a reason, funding amounts grouped by thousands, lines that show their activities.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use workplan::model::Project;
use workplan::ui::WorkplanApp;

use crate::support::*;

fn project(h: &Harness<'_, WorkplanApp>) -> Project {
    h.state().session.doc().unwrap().project.clone()
}

fn open_workplan(h: &mut Harness<'_, WorkplanApp>) {
    open_sample(h);
    h.get_by_label("Workplan").click();
    h.run();
}

/// The Workplan view of a copy of the sample in which no activity names an officer.
fn open_workplan_without_officers(h: &mut Harness<'_, WorkplanApp>) {
    let copy = sample_copy();
    let mut p = workplan::io::load(&copy).unwrap();
    for a in &mut p.activities {
        a.officers.clear();
    }
    std::fs::write(&copy, workplan::io::to_ron(&p)).unwrap();
    h.state_mut().open_path(&copy);
    h.run();
    h.get_by_label("Workplan").click();
    h.run();
}

#[test]
fn an_accepted_finding_moves_to_its_section_and_survives_undo_and_redo() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_workplan(&mut h);
    let findings = workplan::plan::checks::run(&project(&h));
    let total = findings.len();
    h.get_by_label(&format!("Checks ({total})")).click();
    h.run();
    assert!(shows(&h, "1 error"), "the header counts by severity");
    assert!(shows(&h, &format!("{} warnings", total - 1)));
    // The most serious finding comes first: the meeting held before the programme began.
    let first = &findings[0];
    assert_eq!(first.severity(), workplan::plan::checks::Severity::Error);
    h.get_all_by_label("Accept…").next().unwrap().click();
    h.run();
    assert!(
        h.get_by_label("Accept").accesskit_node().is_disabled(),
        "no exception without a reason"
    );
    type_into(&mut h, "Reason", "Agreed with the donor before the start");
    h.get_by_label("Accept").click();
    h.run();

    let accepted = project(&h).accepted_checks;
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0].reason, "Agreed with the donor before the start");
    assert_eq!(accepted[0].activities, vec![first.activity]);
    assert_eq!(accepted[0].check, first.kind.code());
    assert!(
        shows(&h, &format!("Checks ({})", total - 1)),
        "an accepted finding is not counted as open"
    );
    assert!(shows(&h, "0 errors"));
    h.get_by_label("Accepted (1)").click();
    h.run();
    assert!(
        shows(&h, "Agreed with the donor before the start"),
        "the reason is shown with the accepted finding"
    );

    menu(&mut h, "Edit", "Undo Accept check Ctrl+Z");
    assert!(project(&h).accepted_checks.is_empty());
    assert!(shows(&h, &format!("Checks ({total})")));
    assert!(!shows(&h, "Accepted (1)"));

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(project(&h).accepted_checks, accepted, "redo brings it back");
    assert!(shows(&h, "Accepted (1)"));
    assert!(shows(&h, &format!("Checks ({})", total - 1)));

    // Withdrawing counts it as open again.
    if h.query_by_label("Withdraw").is_none() {
        h.get_by_label("Accepted (1)").click();
        h.run();
    }
    h.get_by_label("Withdraw").click();
    h.run();
    assert!(project(&h).accepted_checks.is_empty());
    assert!(shows(&h, &format!("Checks ({total})")));
}

#[test]
fn escape_leaves_a_finding_open() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_workplan(&mut h);
    h.get_by_label_contains("Checks (").click();
    h.run();
    h.get_all_by_label("Accept…").next().unwrap().click();
    h.run();
    type_into(&mut h, "Reason", "Not sure yet");
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.query_by_label("Reason").is_none(),
        "the reason box is closed"
    );
    assert!(project(&h).accepted_checks.is_empty());
}

#[test]
fn a_finding_selects_its_activity_and_opens_the_field_at_fault() {
    let chooser = ScriptedChooser::default();
    // Tall enough that the checks panel shows both findings of the new activity.
    let mut h = harness_sized(&chooser, egui::vec2(1024.0, 768.0));
    // The sample without its officers, whose findings would push the new activity's below.
    open_workplan_without_officers(&mut h);
    // A new activity has neither a date nor an objective link.
    h.get_by_label("Add activity").click();
    h.run();
    let id = project(&h).activities.last().unwrap().id;
    h.get_by_label_contains("Checks (").click();
    h.run();
    let panel_top = h.get_by_label_contains("Checks: ").rect().min.y;
    let visible = |h: &Harness<'_, WorkplanApp>| {
        h.query_by_label("Delivers objectives")
            .is_some_and(|n| n.rect().min.y >= 0.0 && n.rect().max.y <= panel_top)
    };
    assert!(
        !visible(&h),
        "the objective links are below the editor's fold at first"
    );
    // Its findings: no date, then no objective link (both warnings, in the order of kinds).
    let links: Vec<_> = h
        .get_all_by_role_and_label(Role::Link, "New activity")
        .collect();
    assert_eq!(links.len(), 2);
    links[1].click();
    h.run();
    assert_eq!(
        h.state()
            .workplan
            .selected
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        vec![id]
    );
    assert!(visible(&h), "the editor scrolled to the objective links");
}

#[test]
fn funding_groups_thousands_counts_activities_without_a_budget_and_filters_by_line() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_workplan(&mut h);
    let active = project(&h)
        .activities
        .iter()
        .filter(|a| a.status != workplan::model::Status::Cancelled)
        .count();
    h.get_by_label("Funding").click();
    h.run();
    assert!(shows(&h, &format!("{active} activities without a budget")));
    h.get_by_label("Regional cooperation in asset recovery")
        .click();
    h.run();
    type_into(&mut h, "Budget", "30000");
    assert!(
        h.query_all_by_label("30,000 EUR").count() >= 2,
        "budget and gap, grouped by thousands with the currency"
    );
    assert_eq!(h.query_all_by_label("30000 EUR").count(), 0);
    let missing = format!("{} activities without a budget", active - 1);
    assert!(shows(&h, &missing));

    // A pillar's line shows its activities in the table.
    let p = project(&h);
    let summary = workplan::plan::funding::summary(&p);
    let pillar = &summary.by_pillar[0];
    let workplan::plan::funding::Heading::Pillar(Some(pillar_id)) = pillar.heading else {
        panic!("the activity is under a pillar: {pillar:?}");
    };
    h.get_by_role_and_label(Role::Link, &pillar.label).click();
    h.run();
    assert_eq!(h.state().workplan.filter.branch, Some(pillar_id));

    // The count selects the activities without a budget.
    h.get_by_label(&missing).click();
    h.run();
    assert_eq!(h.state().workplan.selected.len(), active - 1);
    assert!(
        h.state().workplan.filter.is_empty(),
        "all of them are shown"
    );
}

/// The sample with activities 4 and 5 in Serbia, 5 known only to November 2009: a possible
/// clash with 4's 18-20 November.
fn open_with_possible_clash(h: &mut Harness<'_, WorkplanApp>) {
    use workplan::model::{PlaceMode, Precision, Status};
    let copy = sample_copy();
    let mut p = workplan::io::load(&copy).unwrap();
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2009, 11, d).unwrap();
    for (index, start, end, precision) in [
        (4, day(18), day(20), Precision::Day),
        (5, day(1), day(30), Precision::Month),
    ] {
        let a = &mut p.activities[index];
        a.status = Status::Planned;
        a.milestone = false;
        a.sessions.truncate(1);
        let s = &mut a.sessions[0];
        (s.start, s.end, s.precision) = (start, Some(end), precision);
        s.place.mode = PlaceMode::InPerson;
        s.place.country = "Serbia".into();
    }
    // No officers, so that only the two sessions' clash is possible.
    for a in &mut p.activities {
        a.officers.clear();
    }
    std::fs::write(&copy, workplan::io::to_ron(&p)).unwrap();
    h.state_mut().open_path(&copy);
    h.run();
    h.get_by_label("Workplan").click();
    h.run();
}

#[test]
fn a_possible_clash_says_so_and_a_check_is_turned_off_and_on_in_one_step() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_with_possible_clash(&mut h);
    let total = workplan::plan::checks::run(&project(&h)).len();
    h.get_by_label(&format!("Checks ({total})")).click();
    h.run();
    assert!(shows(&h, "2 possible"), "both sides of the clash");
    assert!(shows(&h, "may overlap"));
    assert!(
        h.query_all_by_label("possible").count() >= 2,
        "a badge on each"
    );

    h.get_by_label("Checks to run…").click();
    h.run();
    h.get_by_label("● Clash in one jurisdiction").click();
    h.run();
    assert_eq!(project(&h).settings.checks_off, vec!["clash".to_string()]);
    assert!(!shows(&h, "may overlap"), "the clash check no longer runs");
    assert!(shows(&h, &format!("Checks ({})", total - 2)));
    h.key_press(Key::Escape);
    h.run();
    assert!(shows(&h, "Checks to run (1 off)…"));

    menu(&mut h, "Edit", "Undo Turn off check Ctrl+Z");
    assert!(project(&h).settings.checks_off.is_empty());
    assert!(shows(&h, "may overlap"));
    assert!(shows(&h, "Checks to run…"));
}

#[test]
fn the_workload_heat_map_counts_an_officers_days_and_selects_their_activities() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    let copy = sample_copy();
    let mut p = workplan::io::load(&copy).unwrap();
    for a in &mut p.activities {
        a.officers.clear();
    }
    // 18-20 and 2-4 December 2009, per the sample's dates.
    let (a, b) = (p.activities[4].id, p.activities[5].id);
    let ana = p.staff[0].id;
    let marko = p.staff[1].id;
    assert_eq!(
        (p.staff[0].name.as_str(), p.staff[1].name.as_str()),
        ("Ana Babić", "Marko Petrović")
    );
    p.activities[4].officers = vec![ana];
    p.activities[5].officers = vec![ana, marko];
    std::fs::write(&copy, workplan::io::to_ron(&p)).unwrap();
    h.state_mut().open_path(&copy);
    h.run();
    h.get_by_label("Workplan").click();
    h.run();
    h.get_by_label("Workload").click();
    h.run();
    let first = &p.activities[4].sessions[0];
    let second = &p.activities[5].sessions[0];
    let days = |s: &workplan::model::Session| (s.last_day() - s.start).num_days() + 1;
    let month = |s: &workplan::model::Session| s.start.format("%b %Y").to_string();
    assert!(
        shows(&h, &format!("Ana Babić ({})", days(first) + days(second))),
        "one person, however written"
    );
    assert!(shows(&h, &format!("Marko Petrović ({})", days(second))));
    let label = format!("Ana Babić, {}: {} days", month(first), days(first));
    h.get_by_label(&label).click();
    h.run();
    assert_eq!(
        h.state()
            .workplan
            .selected
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        vec![a],
        "a click selects the cell's activities"
    );
    h.get_by_label(&format!(
        "Marko Petrović, {}: {} days",
        month(second),
        days(second)
    ))
    .click();
    h.run();
    assert_eq!(
        h.state()
            .workplan
            .selected
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        vec![b]
    );
}

#[test]
fn the_workload_says_what_to_do_when_no_activity_has_an_officer() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_workplan_without_officers(&mut h);
    h.get_by_label("Workload").click();
    h.run();
    assert!(shows(&h, "No officers yet"));
}
