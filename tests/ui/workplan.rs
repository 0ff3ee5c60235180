//! The workplan table and the activity editor, through labels and keys.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use workplan::model::Status;
use workplan::ui::WorkplanApp;

use crate::support::*;

fn activities<'h>(h: &'h Harness<'_, WorkplanApp>) -> &'h [workplan::model::Activity] {
    &h.state().session.doc().unwrap().project.activities
}

#[test]
fn add_an_activity_set_its_title_and_dates_then_undo() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    h.get_by_label("Workplan").click();
    h.run();
    assert!(shows(&h, "No activities yet"));
    h.get_by_label("Add activity").click();
    h.run();
    assert_eq!(activities(&h).len(), 1);
    // The new activity is selected and its editor is open.
    h.get_by_label("Title").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Title")
        .type_text("Training on electronic evidence");
    h.run();
    h.get_by_label("Add session").click();
    h.run();
    let from = h.get_by_label("First day");
    from.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("First day").type_text("2009-10-13");
    h.run();
    h.get_by_label("Last day").focus();
    h.run();
    h.get_by_label("Last day").type_text("2009-10-15");
    h.run();
    let a = &activities(&h)[0];
    assert_eq!(a.title, "Training on electronic evidence");
    assert_eq!(a.sessions[0].start.to_string(), "2009-10-13");
    assert_eq!(
        a.sessions[0].end.map(|d| d.to_string()).as_deref(),
        Some("2009-10-15")
    );
    assert!(
        shows(&h, "13–15 Oct 2009"),
        "the table shows the dates as planners write them"
    );
    // The calendar shows it in October 2009, one month after the tests' today.
    h.get_by_label("Calendar").click();
    h.run();
    h.get_by_label("Next ▶").click();
    h.run();
    assert!(shows(&h, "October 2009"));
    assert_eq!(
        h.query_all_by_label("Training on electronic evidence")
            .count(),
        1,
        "one bar"
    );
    h.get_by_label("Workplan").click();
    h.run();

    // Undo the end date, the start date, the session, the title, then the activity itself.
    for _ in 0..5 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert!(activities(&h).is_empty());
    assert!(!h.state().is_dirty());
}

#[test]
fn search_multi_select_and_set_status() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    type_into(&mut h, "Search:", "assessment");
    let shown = h
        .state()
        .session
        .doc()
        .unwrap()
        .project
        .activities
        .iter()
        .filter(|a| a.title.to_lowercase().contains("assessment"))
        .count();
    let total = activities(&h).len();
    assert!(shows(&h, &format!("{shown} of {total} activities")));
    h.get_by_label("Assessment of forensic laboratory capacity")
        .click();
    h.run();
    h.get_by_label("Assessment of border management capacity in sea and dry ports")
        .click_modifiers(Modifiers::COMMAND);
    h.run();
    assert_eq!(h.state().workplan.selected.len(), 2);
    h.get_by_label("Set status").click();
    h.run();
    h.get_by_label("Confirmed").click();
    h.run();
    let confirmed = activities(&h)
        .iter()
        .filter(|a| a.status == Status::Confirmed)
        .count();
    assert_eq!(confirmed, 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        activities(&h)
            .iter()
            .filter(|a| a.status == Status::Confirmed)
            .count(),
        0,
        "one undo step"
    );
}

#[test]
fn duplicate_and_delete_are_undoable() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    let before = activities(&h).len();
    h.get_by_label("Regional cooperation in asset recovery")
        .click();
    h.run();
    h.get_by_label("Duplicate").click();
    h.run();
    assert_eq!(activities(&h).len(), before + 1);
    assert!(
        activities(&h)
            .iter()
            .any(|a| a.title == "Regional cooperation in asset recovery (copy)")
    );
    h.get_by_label("Delete").click();
    h.run();
    h.get_by_label("Delete activities").click();
    h.run();
    assert_eq!(activities(&h).len(), before, "the copy is deleted");
    assert!(workplan::edit::integrity::check(&h.state().session.doc().unwrap().project).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(activities(&h).len(), before + 1);
}

#[test]
fn checks_list_problems_and_open_their_activity() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    let project = h.state().session.doc().unwrap().project.clone();
    let expected = workplan::plan::checks::run(&project).len();
    assert!(expected > 0);
    h.get_by_label(&format!("Checks ({expected})")).click();
    h.run();
    assert!(shows(&h, "No date"), "undated activities are listed");
    // The first activity with a single finding and no session in Belgrade.
    let findings = workplan::plan::checks::run(&project);
    let undated = project
        .activities
        .iter()
        .filter(|a| findings.iter().filter(|f| f.activity == a.id).count() == 1)
        .find(|a| a.sessions.iter().all(|s| s.place.city != "Belgrade"))
        .unwrap();
    // Hide it from the table, so the only way to reach it is the finding's link.
    type_into(&mut h, "Search:", "Belgrade");
    assert_eq!(h.query_all_by_label(&undated.title).count(), 1);
    h.get_by_label(&undated.title).click();
    h.run();
    assert!(
        h.state().workplan.filter.text.is_empty(),
        "the filter no longer hides it"
    );
    assert_eq!(
        h.state()
            .workplan
            .selected
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        vec![undated.id]
    );
}

#[test]
fn importing_a_csv_shows_bad_rows_first_and_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("new.csv");
    std::fs::write(
        &csv,
        "title,kind,status,sessions\r\nTraining on electronic evidence,Training,Planned,2022-03-22/2022-03-24 @ online\r\nStudy visit,Excursion,Planned,\r\n",
    )
    .unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    let before = activities(&h).len();
    chooser.answer(workplan::ui::Choice::Chosen(csv.clone()));
    menu(&mut h, "File", "Import Activities…");
    assert!(shows(
        &h,
        "new.csv:3:kind: “Excursion” is not one of the activity kinds"
    ));
    assert!(shows(&h, "Read as UTF-8, separated by ,"));
    assert_eq!(
        activities(&h).len(),
        before,
        "nothing changes before the user agrees"
    );
    h.get_by_label("Import the 1 valid row(s)").click();
    h.run();
    assert_eq!(activities(&h).len(), before + 1);
    assert!(h.state().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(activities(&h).len(), before);
}

#[test]
fn the_funding_summary_follows_budgets_typed_in_the_editor() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1800.0));
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    h.get_by_label("Funding").click();
    h.run();
    assert!(shows(&h, "No activity has a budget yet"));
    h.get_by_label("Regional cooperation in asset recovery")
        .click();
    h.run();
    type_into(&mut h, "Budget", "30000");
    assert!(!shows(&h, "No activity has a budget yet"));
    assert!(
        h.query_all_by_label("30,000 EUR").count() >= 2,
        "budget and gap of the programme line"
    );
    assert!(shows(&h, "By pillar"));
}

#[test]
fn mine_shows_the_activities_of_the_user() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    // The sample's staff: Ana Babić, responsible for some activities. "I am" finds her
    // however written.
    let sample = workplan::testing::sample();
    let ana = sample.staff[0].id;
    let hers = sample
        .activities
        .iter()
        .filter(|a| a.officers.contains(&ana))
        .count();
    assert!(hers > 1);
    type_into(&mut h, "I am", "ana babic");
    h.get_by_label("Mine").click();
    h.run();
    let total = activities(&h).len();
    assert!(shows(&h, &format!("{hers} of {total} activities")));
}

#[test]
fn a_date_typed_key_by_key_is_taken_whole() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    h.get_by_label("Workplan").click();
    h.run();
    h.get_by_label("Add activity").click();
    h.run();
    h.get_by_label("Add session").click();
    h.run();
    h.get_by_label("First day").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    for c in "2010-04-20".chars() {
        h.get_by_label("First day").type_text(&c.to_string());
        h.run();
    }
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        activities(&h)[0].sessions[0].start.to_string(),
        "2010-04-20"
    );
}

/// A new activity with one session, its "First day" field focused and its text selected.
fn new_session_first_day(h: &mut Harness<'_, WorkplanApp>) {
    menu(h, "File", "New Ctrl+N");
    h.get_by_label("Workplan").click();
    h.run();
    h.get_by_label("Add activity").click();
    h.run();
    h.get_by_label("Add session").click();
    h.run();
    h.get_by_label("First day").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
}

#[test]
fn a_date_typed_day_first_is_taken() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    new_session_first_day(&mut h);
    h.get_by_label("First day").type_text("17/06/2010");
    h.run();
    assert_eq!(
        activities(&h)[0].sessions[0].start.to_string(),
        "2010-06-17"
    );
    assert!(!shows(&h, "is not a date"));
    // Left, the field shows the date as the project has it.
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        h.get_by_label("First day").value().as_deref(),
        Some("2010-06-17")
    );
}

#[test]
fn a_text_that_is_not_a_date_says_why_and_stays() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    new_session_first_day(&mut h);
    let before = activities(&h)[0].sessions[0].start;
    h.get_by_label("First day").type_text("2010-02-30");
    h.run();
    assert!(shows(
        &h,
        "2010-02-30 is not a date: February 2010 has 28 days"
    ));
    assert_eq!(activities(&h)[0].sessions[0].start, before);
    // Leaving the field keeps the text and the reason, and the project its date.
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        h.get_by_label("First day").value().as_deref(),
        Some("2010-02-30")
    );
    assert!(shows(&h, "February 2010 has 28 days"));
    assert_eq!(activities(&h)[0].sessions[0].start, before);
    // Corrected, it is taken and the reason goes.
    h.get_by_label("First day").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("First day").type_text("2010-02-28");
    h.run();
    assert_eq!(
        activities(&h)[0].sessions[0].start.to_string(),
        "2010-02-28"
    );
    assert!(!shows(&h, "is not a date"));
    // Escape in the field drops a bad text: the field shows the project's date again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("First day").type_text("next week");
    h.run();
    assert!(shows(&h, "'next week' is not a date"));
    h.key_press(Key::Escape);
    h.run();
    assert!(!shows(&h, "is not a date"));
    assert_eq!(
        h.get_by_label("First day").value().as_deref(),
        Some("2010-02-28")
    );
}

/// Adds donors to the open project, as the Programme view would.
fn add_donors(h: &mut Harness<'_, WorkplanApp>, names: &[&str]) {
    let project = &mut h.state_mut().session.doc_mut().unwrap().project;
    for name in names {
        let id = project.allocate_id();
        project
            .programme
            .donors
            .push(workplan::model::Organisation {
                id,
                name: (*name).into(),
                acronym: String::new(),
                notes: String::new(),
                through: vec![],
                aliases: Vec::new(),
            });
    }
}

fn funding_of(h: &Harness<'_, WorkplanApp>, title: &str) -> Vec<Option<u64>> {
    activities(h)
        .iter()
        .find(|a| a.title == title)
        .unwrap()
        .funding
        .iter()
        .map(|f| f.amount)
        .collect()
}

#[test]
fn a_new_funding_line_starts_at_the_remaining_gap() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1800.0));
    open_sample(&mut h);
    add_donors(&mut h, &["Example donor", "Second fund"]);
    h.get_by_label("Workplan").click();
    h.run();
    let title = "Regional cooperation in asset recovery";
    h.get_by_label(title).click();
    h.run();
    type_into(&mut h, "Budget", "30000");
    let funding = |h: &Harness<'_, WorkplanApp>| funding_of(h, title);
    h.get_by_label("Record how much a donor or fund covers")
        .click();
    h.run();
    h.get_by_label("Example donor").click();
    h.run();
    assert_eq!(funding(&h), [Some(30_000)], "the whole budget is the gap");
    // A larger budget: the next line covers only what the first leaves.
    h.get_by_label("Budget").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Budget").type_text("50000");
    h.run();
    h.get_by_label("Record how much a donor or fund covers")
        .click();
    h.run();
    h.get_by_label("Second fund").click();
    h.run();
    assert_eq!(funding(&h), [Some(30_000), Some(20_000)]);
}

#[test]
fn an_emptied_funding_amount_reads_amount_not_known_and_undo_brings_it_back() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1800.0));
    open_sample(&mut h);
    add_donors(&mut h, &["Example donor", "Second fund"]);
    h.get_by_label("Workplan").click();
    h.run();
    let title = "Regional cooperation in asset recovery";
    h.get_by_label(title).click();
    h.run();
    type_into(&mut h, "Budget", "30000");
    h.get_by_label("Record how much a donor or fund covers")
        .click();
    h.run();
    h.get_by_label("Example donor").click();
    h.run();
    assert_eq!(funding_of(&h, title), [Some(30_000)]);
    assert!(!shows(&h, "amount not known"));

    // Empty the line's amount: the donor stays, with its amount not known.
    let amount = || (egui::accesskit::Role::TextInput, "Example donor");
    h.get_by_role_and_label(amount().0, amount().1).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(funding_of(&h, title), [None]);
    assert!(shows(&h, "amount not known"));
    assert!(
        shows(
            &h,
            "covered at least 0 EUR (1 amount not known), gap at most 30,000 EUR"
        ),
        "no gap is claimed that the unknown amount may close"
    );
    assert!(!shows(&h, "covered 0 EUR"), "never shown as 0");

    // A second line cannot start at a gap that is not known: its amount is left empty.
    h.get_by_label("Record how much a donor or fund covers")
        .click();
    h.run();
    h.get_by_label("Second fund").click();
    h.run();
    assert_eq!(funding_of(&h, title), [None, None]);

    // The funding summary counts the activity among those to complete.
    h.get_by_label("Funding").click();
    h.run();
    assert!(
        h.query_all_by_label("at most 30,000 EUR").count() >= 2,
        "the whole programme's gap and the pillar's"
    );
    assert!(
        h.query_all_by_label("at least 0 EUR (2 amounts not known)")
            .count()
            >= 2,
        "what is covered, never 0 alone"
    );
    let id = activities(&h).iter().find(|a| a.title == title).unwrap().id;
    h.get_by_label("1 activity with an amount not known")
        .click();
    h.run();
    assert_eq!(
        h.state()
            .workplan
            .selected
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        vec![id],
        "the count selects the activity to complete"
    );

    // Undo the second line, then the emptied amount.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(funding_of(&h, title), [None]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(funding_of(&h, title), [Some(30_000)]);
    assert!(!shows(&h, "amount not known"));
}

#[test]
fn the_objective_pick_list_finds_a_folded_name_and_links_it() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1800.0));
    open_sample(&mut h);
    let title = "Regional cooperation in asset recovery";
    let target = {
        let project = &mut h.state_mut().session.doc_mut().unwrap().project;
        let linked = project
            .activities
            .iter()
            .find(|a| a.title == title)
            .unwrap()
            .objectives
            .clone();
        let node = project
            .objectives
            .iter_mut()
            .rev()
            .find(|o| !linked.contains(&o.id))
            .unwrap();
        node.title = "Border police training in Đakovica".into();
        node.id
    };
    h.get_by_label("Workplan").click();
    h.run();
    h.get_by_label(title).click();
    h.run();
    h.get_by_label("Link this activity to a node of the objective tree")
        .click();
    h.run();
    // The list opens with every entry, its search field first and focused.
    assert!(h.get_by_label("Find:").is_focused());
    assert!(shows(&h, "Border police training in Đakovica"));
    assert!(!shows(&h, "Nothing matches"));
    type_into(&mut h, "Find:", "DAKOVICA, border");
    let matches = h
        .query_all_by_label_contains("Đakovica")
        .filter(|n| n.value().is_none())
        .count();
    assert_eq!(matches, 1, "only the folded match is listed");
    type_into(&mut h, "Find:", " nowhere");
    assert!(shows(&h, "Nothing matches"));
    // Escape closes the list; it opens again with an empty search.
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.query_by_label("Find:").is_none(),
        "Escape closes the list"
    );
    h.get_by_label("Link this activity to a node of the objective tree")
        .click();
    h.run();
    assert!(!shows(&h, "Nothing matches"), "the search starts empty");
    type_into(&mut h, "Find:", "dakovica");
    h.get_by_label_contains("Border police training in Đakovica")
        .click();
    h.run();
    let linked = &activities(&h)
        .iter()
        .find(|a| a.title == title)
        .unwrap()
        .objectives;
    assert!(linked.contains(&target), "{linked:?}");
    assert!(
        h.query_by_label("Find:").is_none(),
        "picking closes the list"
    );
}

#[test]
fn a_long_pick_list_shows_the_first_entries_and_counts_the_rest() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1800.0));
    open_sample(&mut h);
    let title = "Regional cooperation in asset recovery";
    let unlinked = {
        let project = &mut h.state_mut().session.doc_mut().unwrap().project;
        let pillar = project.objectives[0].clone();
        for n in 0..120 {
            let id = project.allocate_id();
            project.objectives.push(workplan::model::Objective::new(
                id,
                Some(pillar.id),
                pillar.level + 1,
                if n == 119 {
                    "Last extra output".to_string()
                } else {
                    format!("Extra output {n}")
                },
            ));
        }
        let linked = &project
            .activities
            .iter()
            .find(|a| a.title == title)
            .unwrap()
            .objectives;
        project
            .objectives
            .iter()
            .filter(|o| !linked.contains(&o.id))
            .count()
    };
    h.get_by_label("Workplan").click();
    h.run();
    h.get_by_label(title).click();
    h.run();
    h.get_by_label("Link this activity to a node of the objective tree")
        .click();
    h.run();
    // The list shows its first 50 entries (`pick::SHOWN`).
    let more = unlinked - 50;
    assert!(shows(&h, &format!("{more} more — type to narrow")));
    assert!(!shows(&h, "Last extra output"), "past the first entries");
    type_into(&mut h, "Find:", "LAST extra");
    assert!(shows(&h, "Last extra output"));
    assert!(!shows(&h, "more — type to narrow"));
    // Enter picks the first entry shown.
    h.key_press(Key::Enter);
    h.run();
    let project = &h.state().session.doc().unwrap().project;
    let activity = project
        .activities
        .iter()
        .find(|a| a.title == title)
        .unwrap();
    let picked = project
        .objectives
        .iter()
        .find(|o| o.title == "Last extra output")
        .unwrap();
    assert!(activity.objectives.contains(&picked.id));
}

#[test]
fn an_officer_is_picked_from_the_staff_shown_in_the_table_and_the_workload_and_undone() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1800.0));
    open_sample(&mut h);
    let (title, dragana) = {
        let project = &mut h.state_mut().session.doc_mut().unwrap().project;
        let id = workplan::testing::add_staff(project, "Dragana Ilić");
        let a = project
            .activities
            .iter()
            .find(|a| a.officers.is_empty() && !a.sessions.is_empty() && !a.milestone)
            .unwrap();
        (a.title.clone(), id)
    };
    h.get_by_label("Workplan").click();
    h.run();
    assert!(!shows(&h, "Dragana Ilić"), "no activity names her yet");
    h.get_by_label(&title).click();
    h.run();
    assert!(shows(&h, "Responsible officers"), "{title}");
    h.get_by_label("Make a member of the programme's staff responsible for this activity")
        .click();
    h.run();
    type_into(&mut h, "Find:", "ilic");
    h.get_by_label_contains("Dragana Ilić").click();
    h.run();
    let officers = |h: &Harness<'_, WorkplanApp>| {
        activities(h)
            .iter()
            .find(|a| a.title == title)
            .unwrap()
            .officers
            .clone()
    };
    assert_eq!(officers(&h), [dragana]);
    // The table's Officer column and the editor both name her.
    assert!(h.query_all_by_label("Dragana Ilić").count() >= 2);
    h.get_by_label("Workload").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("Dragana Ilić").count() > 0,
        "a row of the heat map"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(officers(&h).is_empty(), "one undo step");
}
