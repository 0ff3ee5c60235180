//! The import review: the names the programme does not have, mapped or added, and columns
//! taken from the file's own headers; one undo step for the whole import.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use workplan::ui::WorkplanApp;

use crate::support::*;

fn project<'h>(h: &'h Harness<'_, WorkplanApp>) -> &'h workplan::model::Project {
    &h.state().session.doc().unwrap().project
}

/// Chooses `option` in the combo box now showing `shown`.
fn choose(h: &mut Harness<'_, WorkplanApp>, shown: &str, option: &str) {
    h.get_by_value(shown).click();
    h.run();
    h.get_by_label(option).click();
    h.run();
}

#[test]
fn unknown_names_are_mapped_or_added_and_the_import_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("records.csv");
    std::fs::write(
        &csv,
        "title,kind,status,beneficiaries,partners,funding\r\n\
         Training on asset recovery,Training,Done,Shqipëria,\"UNDP; RCC\",Government of Sweden=1000\r\n\
         Expert meeting on witness protection,Regional expert meeting,Done,Serbia,United Nations Development Programme (UNDP),\r\n",
    )
    .unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1280.0, 900.0));
    open_sample(&mut h);
    let before = project(&h).clone();
    chooser.answer(workplan::ui::Choice::Chosen(csv.clone()));
    menu(&mut h, "File", "Import Activities…");
    assert!(shows(&h, "Names the programme does not have (4)"));
    assert!(shows(&h, "beneficiary jurisdiction “Shqipëria”"));
    assert!(shows(&h, "donor or fund “Government of Sweden”"));
    assert_eq!(
        project(&h),
        &before,
        "nothing changes before the user agrees"
    );

    // Map the jurisdiction onto Albania; add the rest, as offered.
    choose(
        &mut h,
        "Add as a new beneficiary jurisdiction",
        "Same as “Albania”",
    );
    assert!(h.query_by_value("Same as “Albania”").is_some());
    h.get_by_label("Import 2 row(s)").click();
    h.run();

    let after = project(&h).clone();
    assert_eq!(after.activities.len(), before.activities.len() + 2);
    let albania = after
        .programme
        .jurisdictions
        .iter()
        .find(|j| j.name == "Albania")
        .unwrap();
    assert_eq!(albania.aliases, vec!["Shqipëria".to_string()]);
    assert_eq!(
        after.programme.jurisdictions.len(),
        before.programme.jurisdictions.len(),
        "mapped, not added"
    );
    let undp: Vec<_> = after
        .programme
        .partners
        .iter()
        .filter(|o| o.acronym == "UNDP")
        .collect();
    assert_eq!(undp.len(), 1, "two forms of one name, one partner");
    assert_eq!(undp[0].name, "United Nations Development Programme");
    let new = &after.activities[before.activities.len()..];
    assert!(new[0].partners.contains(&undp[0].id));
    assert_eq!(new[1].partners, vec![undp[0].id]);
    assert_eq!(after.programme.donors.len(), 1);
    assert_eq!(new[0].funding[0].source, after.programme.donors[0].id);
    assert!(h.state().is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h).activities, before.activities);
    assert_eq!(
        project(&h).programme,
        before.programme,
        "the names added and mapped go with the same undo step"
    );
}

#[test]
fn a_sheet_with_its_own_headers_is_mapped_in_the_review_and_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("unit.csv");
    std::fs::write(
        &csv,
        "Event,Kind,Status,Remarks\r\nRegional workshop on cybercrime,Training,Planned,first\r\n",
    )
    .unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1280.0, 900.0));
    open_sample(&mut h);
    let before = project(&h).activities.len();
    chooser.answer(workplan::ui::Choice::Chosen(csv.clone()));
    menu(&mut h, "File", "Import Activities…");
    assert!(
        shows(
            &h,
            "The header row has no “title” column (see docs/csv.md for the columns, or map one of the file's columns onto it)"
        ),
        "the review says what is missing"
    );
    h.get_by_label("The Workplan field the column “Event” holds")
        .click();
    h.run();
    h.get_by_label("title").click();
    h.run();
    assert!(shows(
        &h,
        "1 row(s): 1 new, 0 updated, 0 unchanged. Nothing has changed yet."
    ));
    assert!(
        shows(&h, "Columns (1 left out)"),
        "Remarks is still left out"
    );
    h.get_by_label("Import 1 row(s)").click();
    h.run();
    assert_eq!(project(&h).activities.len(), before + 1);
    assert_eq!(
        project(&h).activities[before].title,
        "Regional workshop on cybercrime"
    );

    // The same headers again: the mapping is offered as it was left.
    chooser.answer(workplan::ui::Choice::Chosen(csv.clone()));
    menu(&mut h, "File", "Import Activities…");
    assert!(shows(
        &h,
        "1 row(s): 1 new, 0 updated, 0 unchanged. Nothing has changed yet."
    ));
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(project(&h).activities.len(), before + 1, "cancelled");
}

#[test]
fn a_workbooks_sheet_and_the_order_of_its_dates_are_chosen_in_the_review() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unit.xlsx");
    let mut workbook = Workbook::new();
    workbook
        .add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write(0, 0, "Read me first")
        .unwrap();
    let sheet = workbook.add_worksheet().set_name("Activities").unwrap();
    for (c, text) in ["title", "kind", "status", "sessions"].iter().enumerate() {
        sheet.write(0, c as u16, *text).unwrap();
    }
    for (c, text) in [
        "Mentoring visit to Podgorica",
        "Mentoring visit",
        "Planned",
        "05/06/2010, Podgorica, Montenegro",
    ]
    .iter()
    .enumerate()
    {
        sheet.write(1, c as u16, *text).unwrap();
    }
    workbook.save(&path).unwrap();

    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1280.0, 900.0));
    open_sample(&mut h);
    let before = project(&h).activities.len();
    chooser.answer(workplan::ui::Choice::Chosen(path.clone()));
    menu(&mut h, "File", "Import Activities…");
    assert!(shows(&h, "Read sheet “Notes”"), "the first sheet first");
    choose(&mut h, "Notes", "Activities");
    assert!(shows(&h, "Read sheet “Activities”"));
    assert!(shows(&h, "could be"), "05/06/2010 is not guessed");
    choose(&mut h, "not guessed (a row problem)", "day first (5 June)");
    h.get_by_label("Import 1 row(s)").click();
    h.run();
    let activities = &project(&h).activities;
    assert_eq!(activities.len(), before + 1);
    let session = &activities[before].sessions[0];
    assert_eq!(session.start, "2010-06-05".parse().unwrap());
    assert_eq!(session.place.city, "Podgorica");
}

#[test]
fn a_large_file_is_read_behind_the_window_with_the_status_bar_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("large.csv");
    std::fs::write(
        &csv,
        "title,kind,status,partners\r\nRegional workshop,Training,Planned,UNDP\r\n",
    )
    .unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1280.0, 900.0));
    open_sample(&mut h);
    // Every file counts as large here, so the worker reads it.
    h.state_mut().session.import_in_background_above = 0;
    chooser.answer(workplan::ui::Choice::Chosen(csv.clone()));
    h.get_by_label("File").click();
    h.run();
    // Stepped, not run to rest: the status bar's spinner animates while the file is read.
    h.get_by_label("Import Activities…").click();
    h.step();
    let mut reviewed = false;
    for _ in 0..500 {
        h.step();
        if shows(&h, "Names the programme does not have (1)") {
            reviewed = true;
            break;
        }
        assert!(
            h.state().session.importing().is_none() || shows(&h, "Reading large.csv to import…"),
            "the status bar says what is being read"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(reviewed, "the review follows once the file is read");
    h.run();
    h.get_by_label("Import 1 row(s)").click();
    h.run();
    assert_eq!(
        project(&h).activities.last().unwrap().title,
        "Regional workshop"
    );
}

#[test]
fn donors_imported_without_budgets_are_shown_in_the_funding_summary() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("records.csv");
    std::fs::write(
        &csv,
        "title,kind,status,funding\r\n\
         Training on asset recovery,Training,Done,Government of Sweden\r\n\
         Expert meeting on witness protection,Regional expert meeting,Done,Government of Sweden=1000\r\n",
    )
    .unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1280.0, 900.0));
    open_sample(&mut h);
    chooser.answer(workplan::ui::Choice::Chosen(csv.clone()));
    menu(&mut h, "File", "Import Activities…");
    h.get_by_label("Import 2 row(s)").click();
    h.run();
    h.get_by_label("Workplan").click();
    h.run();
    h.get_by_label("Funding").click();
    h.run();
    assert!(shows(
        &h,
        "Donors and funds named on activities without a budget"
    ));
    h.get_by_label("Government of Sweden: 2 activities").click();
    h.run();
    let selected = &h.state().workplan.selected;
    let new: Vec<_> = project(&h).activities[project(&h).activities.len() - 2..]
        .iter()
        .map(|a| a.id)
        .collect();
    assert!(new.iter().all(|id| selected.contains(id)), "both selected");
}

#[test]
fn an_ms_project_plan_is_imported_as_one_undo_step_saying_what_was_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("plan.xml");
    std::fs::write(
        &xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <Project xmlns=\"http://schemas.microsoft.com/project\"><Tasks>\
         <Task><UID>1</UID><Name>Faza 1</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task>\
         <Task><UID>2</UID><Name>Obuka u Đakovici</Name><OutlineLevel>2</OutlineLevel>\
         <Start>2024-03-04T08:00:00</Start><Finish>2024-03-06T17:00:00</Finish>\
         <PercentComplete>100</PercentComplete></Task>\
         <Task><UID>3</UID><Name>Конференција</Name><OutlineLevel>2</OutlineLevel>\
         <Start>2024-04-15T08:00:00</Start><Finish>2024-04-16T17:00:00</Finish>\
         <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type></PredecessorLink></Task>\
         </Tasks></Project>",
    )
    .unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1280.0, 900.0));
    open_sample(&mut h);
    let before = project(&h).clone();
    chooser.answer(workplan::ui::Choice::Chosen(xml.clone()));
    // Every row is sound and every name known, so the window imports without a review and
    // the status bar says what was read and what was left out.
    menu(&mut h, "File", "Import Activities…");
    assert!(
        h.query_by_value(
            "Imported plan.xml: 2 new, 0 updated, 0 unchanged (read as MS Project XML: 2 \
             activities; 1 task link is not imported (add predecessors after the import))"
        )
        .is_some()
    );

    let after = project(&h).clone();
    let new = &after.activities[before.activities.len()..];
    let titles: Vec<&str> = new.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Obuka u Đakovici", "Конференција"]);
    assert_eq!(new[0].status, workplan::model::Status::Done);
    assert!(new.iter().all(|a| a.kind == "Other"));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h).activities, before.activities);
}
