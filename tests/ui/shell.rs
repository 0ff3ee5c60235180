//! The app shell driven through its accessibility tree, as a user would: menus, fields,
//! shortcuts and dialogs, then assertions on the project.

use std::path::PathBuf;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use workplan::ui::Choice;

use crate::support::*;

#[test]
fn new_then_title_then_undo_then_redo() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    assert!(h.state().session.doc().is_some());
    assert!(!h.state().is_dirty());

    type_into(
        &mut h,
        "Title",
        "Promoting Justice and Security in South Eastern Europe",
    );
    assert_eq!(
        title(&h),
        "Promoting Justice and Security in South Eastern Europe"
    );
    assert!(h.state().is_dirty());
    assert!(h.state().window_title().starts_with('*'));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(title(&h), "", "typing in one field is one undo step");
    assert!(!h.state().is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(
        title(&h),
        "Promoting Justice and Security in South Eastern Europe"
    );

    // Undo through the menu, redo with Ctrl+Shift+Z.
    menu(&mut h, "Edit", "Undo Edit title Ctrl+Z");
    assert_eq!(title(&h), "");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(
        title(&h),
        "Promoting Justice and Security in South Eastern Europe"
    );
}

#[test]
fn a_fresh_project_cannot_be_undone_into_emptiness() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    let before = h.state().session.doc().unwrap().project.clone();
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(h.state().session.doc().unwrap().project, before);
    assert!(!h.state().is_dirty());
}

#[test]
fn unsaved_changes_prompt_cancel_keeps_the_project() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    type_into(&mut h, "Title", "Draft programme");

    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(shows(&h, "Save the changes to"), "the prompt is shown");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!shows(&h, "Save the changes to"));
    assert_eq!(title(&h), "Draft programme");
    assert!(h.state().is_dirty());

    // Close asks too; "Don't Save" closes.
    menu(&mut h, "File", "Close Ctrl+W");
    assert!(shows(&h, "before closing it"));
    h.get_by_label("Don't Save").click();
    h.run();
    assert!(h.state().session.doc().is_none());
}

#[test]
fn unsaved_changes_prompt_save_writes_then_continues() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("draft");
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    type_into(&mut h, "Title", "Đakovica and Северна Македонија");
    chooser.answer(Choice::Chosen(target.clone()));
    menu(&mut h, "File", "New Ctrl+N");
    h.get_by_label("Save").click();
    wait_for_save(&mut h);
    let saved = workplan::io::load(&target.with_extension("ron")).expect("saved with .ron added");
    assert_eq!(saved.programme.title, "Đakovica and Северна Македонија");
    assert_eq!(title(&h), "", "then the new project was started");
    assert!(!h.state().is_dirty());
}

#[test]
fn save_and_save_as_mark_the_project_clean() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("plan.ron");
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    type_into(&mut h, "Short code", "SEE");
    chooser.answer(Choice::Chosen(target.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_save(&mut h);
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().window_title(), "plan.ron — Workplan");
    assert_eq!(workplan::io::load(&target).unwrap().programme.code, "SEE");
    assert_eq!(h.state().recent.len(), 1);

    // Typing after the save is a new step; undoing it returns to the saved, clean state.
    type_into(&mut h, "Short code", "-RP");
    assert!(h.state().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().session.doc().unwrap().project.programme.code,
        "SEE"
    );
    assert!(!h.state().is_dirty());
}

#[test]
fn save_keeps_the_label_at_the_top_of_the_file_and_save_as_carries_it() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    let path = sample_copy();
    let label = workplan::io::save::comments_of(&path);
    assert!(label.starts_with("// Workplan sample project"), "{label}");
    h.state_mut().open_path(&path);
    h.run();
    type_into(&mut h, "Short code", "-2");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_save(&mut h);
    assert!(!h.state().is_dirty());
    let project = h.state().session.doc().unwrap().project.clone();
    assert_eq!(project.programme.code, "SEE-RP-2");
    let canonical = workplan::io::to_ron(&project);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("{label}{canonical}")
    );

    let copy = path.with_file_name("copy.ron");
    chooser.answer(Choice::Chosen(copy.clone()));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    wait_for_save(&mut h);
    assert_eq!(h.state().window_title(), "copy.ron — Workplan");
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        format!("{label}{canonical}")
    );
}

#[test]
fn without_a_native_dialog_the_path_can_be_typed() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("typed.ron");
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    type_into(&mut h, "Title", "Typed path");
    chooser.answer(Choice::Unavailable);
    menu(&mut h, "File", "Save As… Ctrl+Shift+S");
    assert!(shows(&h, "could not be shown"));
    let field = h.get_by_label("Path of the project file:");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Path of the project file:")
        .type_text(&target.display().to_string());
    h.run();
    h.get_by_label("Save").click();
    wait_for_save(&mut h);
    assert_eq!(
        workplan::io::load(&target).unwrap().programme.title,
        "Typed path"
    );
}

#[test]
fn a_broken_file_is_reported_and_the_open_project_stays() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        "(format_version: 1, next_id: 1, programme: (title: \"x\"",
    )
    .unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    type_into(&mut h, "Title", "Keep me");
    chooser.answer(Choice::Chosen(broken.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Don't Save").click();
    h.run();
    assert!(shows(&h, "could not be opened"));
    assert!(shows(&h, "broken.ron:1:"));
    h.get_by_label("OK").click();
    h.run();
    assert_eq!(title(&h), "Keep me", "the open project is untouched");
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "(format_version: 1, next_id: 1, programme: (title: \"x\""
    );
}

#[test]
fn a_failed_save_keeps_the_project_open_and_dirty() {
    let dir = tempfile::tempdir().unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    type_into(&mut h, "Title", "Unsaved work");
    chooser.answer(Choice::Chosen(dir.path().join("missing-folder/plan.ron")));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_save(&mut h);
    assert!(shows(&h, "was not saved"));
    assert!(h.state().is_dirty());
    assert_eq!(title(&h), "Unsaved work");
    assert!(
        h.query_by_label("Save As…").is_some(),
        "a way out is offered"
    );
}

#[test]
fn adding_a_jurisdiction_is_undoable_and_ids_are_not_reused() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    h.get_by_label("Add jurisdiction").click();
    h.run();
    let first = h
        .state()
        .session
        .doc()
        .unwrap()
        .project
        .programme
        .jurisdictions[0]
        .id;
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state()
            .session
            .doc()
            .unwrap()
            .project
            .programme
            .jurisdictions
            .is_empty()
    );
    h.get_by_label("Add jurisdiction").click();
    h.run();
    let second = h
        .state()
        .session
        .doc()
        .unwrap()
        .project
        .programme
        .jurisdictions[0]
        .id;
    assert_ne!(first, second);
}

#[test]
fn the_sample_shows_in_every_view() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    assert!(shows(&h, "Programme properties"));
    let expectations = [
        ("Objectives", "Forensics"),
        ("Workplan", "Regional cooperation in asset recovery"),
        ("Calendar", "Calendar"),
        ("Committee", "Meeting 1"),
        ("Programme", "Beneficiary jurisdictions"),
    ];
    for (view, text) in expectations {
        h.get_by_label(view).click();
        h.run();
        assert_eq!(h.state().view.title(), view);
        assert!(shows(&h, text), "{view} shows {text}");
    }
}

#[test]
fn holiday_sets_are_edited_in_the_programme_view() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    h.get_by_label("Add holiday set").click();
    h.run();
    h.get_by_label_contains("New holiday set").click();
    h.run();
    type_into(&mut h, "Country", "Serbia");
    h.get_by_label("+ Orthodox Easter 2009").click();
    h.run();
    let holidays = &h.state().session.doc().unwrap().project.holidays;
    assert_eq!(holidays[0].country, "Serbia");
    let dates: Vec<String> = holidays[0]
        .days
        .iter()
        .map(|d| d.date.to_string())
        .collect();
    assert_eq!(dates, ["2009-04-17", "2009-04-19", "2009-04-20"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state().session.doc().unwrap().project.holidays[0]
            .days
            .is_empty()
    );
}

#[test]
fn typed_paths_never_replace_a_file_silently() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("colleague.ron");
    std::fs::write(&other, "someone else's work").unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    // Save As by path onto an existing file asks first; Cancel leaves it alone.
    menu(&mut h, "File", "Save As by Path…");
    let field = h.get_by_label("Path of the project file:");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Path of the project file:")
        .type_text(&other.display().to_string());
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(shows(&h, "already exists. Replace it?"));
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        "someone else's work"
    );

    // An export onto the open project's own file is refused outright.
    let own = dir.path().join("plan.ron");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("sample-data/see-regional-programme-2009-2011.ron"),
        &own,
    )
    .unwrap();
    h.state_mut().open_path(&own);
    h.run();
    chooser.answer(Choice::Unavailable);
    menu(&mut h, "File", "Export");
    h.get_by_label("Logframe (CSV)…").click();
    h.run();
    let field = h.get_by_label("Path of the file to write:");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Path of the file to write:")
        .type_text(&own.display().to_string());
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(shows(&h, "is the project file itself"));
    assert!(workplan::io::load(&own).is_ok(), "the project is intact");
}

#[test]
fn opening_another_project_forgets_the_previous_selection_and_filters() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Objectives").click();
    h.run();
    h.get_by_label("4.6 Forensics").click();
    h.run();
    type_into(&mut h, "Filter:", "for");
    assert!(h.state().tree.selected.is_some());
    let fixture = sample_copy().with_file_name("format-v1.ron");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v1.ron"),
        &fixture,
    )
    .unwrap();
    h.state_mut()
        .perform(workplan::ui::Action::OpenPath(fixture), false);
    h.run();
    assert!(h.state().tree.selected.is_none());
    assert!(h.state().tree.filter.is_empty());
}
