//! What a user of a desktop planning tool expects of any window: messages that do not go
//! stale, dialogs that Escape closes and Enter cannot turn destructive, Ctrl+F, and a table
//! worked from the keyboard.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use workplan::ui::{Choice, WorkplanApp};

use crate::support::*;

fn activities<'h>(h: &'h Harness<'_, WorkplanApp>) -> &'h [workplan::model::Activity] {
    &h.state().session.doc().unwrap().project.activities
}

#[test]
fn a_saved_notice_is_cleared_by_the_next_edit() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("plan.ron");
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    type_into(&mut h, "Short code", "SEE");
    chooser.answer(Choice::Chosen(target.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_save(&mut h);
    assert!(
        shows(&h, "Saved "),
        "the status bar says the file was saved"
    );
    type_into(&mut h, "Short code", "-RP");
    assert!(h.state().is_dirty());
    assert!(
        !shows(&h, "Saved "),
        "after a new edit the status bar no longer says it is saved"
    );
    assert!(h.state().notice.is_none());
}

/// Asks to delete the selected activity.
fn ask_to_delete_one(h: &mut Harness<'_, WorkplanApp>) {
    h.get_by_label("Delete").click();
    h.run();
    assert!(shows(h, "Delete activities?"), "the confirmation is shown");
}

#[test]
fn enter_does_not_confirm_a_deletion() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    let before = activities(&h).len();
    h.get_by_label("Regional cooperation in asset recovery")
        .click();
    h.run();
    ask_to_delete_one(&mut h);
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(activities(&h).len(), before, "Enter deletes nothing");
    assert!(!h.state().modal_is_open(), "Enter cancels");

    ask_to_delete_one(&mut h);
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(activities(&h).len(), before, "Escape deletes nothing");
    assert!(!h.state().modal_is_open(), "Escape cancels");

    ask_to_delete_one(&mut h);
    h.get_by_label("Delete activities").click();
    h.run();
    assert_eq!(activities(&h).len(), before - 1, "the button deletes");
}

#[test]
fn escape_closes_the_path_entry() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    menu(&mut h, "File", "Open by Path…");
    assert!(h.state().modal_is_open());
    h.get_by_label("Path of the project file:")
        .type_text("/tmp/some");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().modal_is_open(), "Escape cancels the path entry");
    assert!(!shows(&h, "Path of the project file:"));
}

#[test]
fn ctrl_f_puts_the_keyboard_in_the_search_of_the_view() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(egui::Event::Text("assessment".into()));
    h.run();
    assert_eq!(h.state().workplan.filter.text, "assessment");

    h.get_by_label("Objectives").click();
    h.run();
    menu(&mut h, "Edit", "Find… Ctrl+F");
    h.event(egui::Event::Text("forensics".into()));
    h.run();
    assert_eq!(h.state().tree.filter, "forensics");

    // The programme view has no search: Ctrl+F leaves its fields alone.
    h.get_by_label("Programme").click();
    h.run();
    let before = title(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(egui::Event::Text("x".into()));
    h.run();
    assert_eq!(title(&h), before);
    assert_eq!(h.state().workplan.filter.text, "assessment");
}

/// The activities' ids in the order the workplan table shows them at first.
fn shown_order(h: &Harness<'_, WorkplanApp>) -> Vec<workplan::model::Id> {
    let project = &h.state().session.doc().unwrap().project;
    workplan::plan::workplan::rows(project, &Default::default(), Default::default(), true)
        .into_iter()
        .map(|i| project.activities[i].id)
        .collect()
}

/// The table's cell labelled `label`: the leftmost of the nodes so labelled (the editor's
/// heading repeats the selected activity's title on the right).
fn cell<'h>(h: &'h Harness<'_, WorkplanApp>, label: &'h str) -> egui_kittest::Node<'h> {
    h.query_all_by_label(label)
        .min_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x))
        .unwrap_or_else(|| panic!("no node labelled {label}"))
}

fn selected(h: &Harness<'_, WorkplanApp>) -> Vec<workplan::model::Id> {
    h.state().workplan.selected.iter().copied().collect()
}

#[test]
fn the_workplan_table_is_worked_from_the_keyboard() {
    let chooser = ScriptedChooser::default();
    // Low enough that the table scrolls.
    let mut h = harness_sized(&chooser, egui::vec2(1200.0, 420.0));
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    let order = shown_order(&h);
    let last_title = activities(&h)
        .iter()
        .find(|a| a.id == *order.last().unwrap())
        .unwrap()
        .title
        .clone();
    assert_eq!(
        h.query_all_by_label(&last_title).count(),
        0,
        "the last row is out of view at first"
    );

    h.key_press(Key::Home);
    h.run();
    assert_eq!(selected(&h), vec![order[0]]);
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(selected(&h), vec![order[2]]);
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(selected(&h), vec![order[1]]);
    h.key_press(Key::End);
    h.run();
    assert_eq!(selected(&h), vec![*order.last().unwrap()]);
    assert_eq!(
        h.query_all_by_label(&last_title).count(),
        2,
        "the table scrolled to the selected row (the other is the editor's heading)"
    );

    // Enter does what a click does: only that activity, with its editor.
    h.key_press(Key::Home);
    h.run();
    // That row sits at the bottom edge in this low window: bring it into view first.
    h.get_by_label("Regional cooperation in asset recovery")
        .scroll_to_me();
    h.run();
    h.get_by_label("Regional cooperation in asset recovery")
        .click_modifiers(Modifiers::COMMAND);
    h.run();
    assert_eq!(selected(&h).len(), 2);
    let clicked = activities(&h)
        .iter()
        .find(|a| a.title == "Regional cooperation in asset recovery")
        .unwrap()
        .id;
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(selected(&h), vec![clicked]);
    assert!(shows(&h, "Add session"), "its editor is open");

    // Delete asks first, as the Delete button does.
    let before = activities(&h).len();
    h.key_press(Key::Delete);
    h.run();
    assert!(shows(&h, "Delete activities?"));
    h.get_by_label("Delete activities").click();
    h.run();
    assert_eq!(activities(&h).len(), before - 1);
}

#[test]
fn arrows_in_the_search_field_leave_the_selection_alone() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    let order = shown_order(&h);
    h.key_press(Key::Home);
    h.run();
    assert_eq!(selected(&h), vec![order[0]]);
    h.get_by_label("Search:").focus();
    h.run();
    for key in [Key::ArrowDown, Key::End, Key::Delete, Key::Enter] {
        h.key_press(key);
        h.run();
    }
    assert_eq!(selected(&h), vec![order[0]]);
    assert!(!h.state().modal_is_open());
}

#[test]
fn the_theme_is_chosen_by_name() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    let theme = |h: &Harness<'_, WorkplanApp>| h.ctx.options(|o| o.theme_preference);
    for (label, expected) in [
        ("Light", egui::ThemePreference::Light),
        ("Dark", egui::ThemePreference::Dark),
        ("Follow the system", egui::ThemePreference::System),
    ] {
        menu(&mut h, "View", label);
        assert_eq!(theme(&h), expected, "{label}");
    }
}

#[test]
fn shift_and_page_keys_select_ranges_and_ctrl_a_selects_all_shown() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1200.0, 420.0));
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    let order = shown_order(&h);
    h.key_press(Key::Home);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run();
    assert_eq!(selected(&h).len(), 3, "Shift+Down twice selects three rows");
    for id in &order[..3] {
        assert!(selected(&h).contains(id));
    }
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowUp);
    h.run();
    assert_eq!(selected(&h).len(), 2, "Shift+Up takes the moving end back");

    // Page Down moves by a screenful: several rows, not one.
    h.key_press(Key::Home);
    h.run();
    h.key_press(Key::PageDown);
    h.run();
    let one = selected(&h);
    assert_eq!(one.len(), 1);
    let at = order.iter().position(|id| *id == one[0]).unwrap();
    assert!(at >= 3, "Page Down went {at} rows");
    h.key_press(Key::PageUp);
    h.run();
    assert_eq!(selected(&h), vec![order[0]]);
    h.key_press_modifiers(Modifiers::SHIFT, Key::End);
    h.run();
    assert_eq!(
        selected(&h).len(),
        order.len(),
        "Shift+End selects to the last row"
    );

    h.key_press(Key::Home);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    assert_eq!(
        selected(&h).len(),
        order.len(),
        "Ctrl+A selects every shown row"
    );
}

#[test]
fn a_right_click_on_a_row_offers_its_actions() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    let before = activities(&h).len();
    let title = "Regional cooperation in asset recovery";
    h.get_by_label(title).click_secondary();
    h.run();
    let id = activities(&h).iter().find(|a| a.title == title).unwrap().id;
    assert_eq!(
        selected(&h),
        vec![id],
        "a right-click selects the row under the pointer"
    );
    h.get_by_label("Duplicate activity").click();
    h.run();
    assert_eq!(activities(&h).len(), before + 1);
    assert!(
        activities(&h)
            .iter()
            .any(|a| a.title == format!("{title} (copy)"))
    );

    cell(&h, title).click();
    h.run();
    cell(&h, title).click_secondary();
    h.run();
    // The menu's own, not the toolbar's, which comes first.
    h.query_all_by_label("Set status").last().unwrap().click();
    h.run();
    h.get_by_label("Cancelled").click();
    h.run();
    let status = activities(&h).iter().find(|a| a.id == id).unwrap().status;
    assert_eq!(status, workplan::model::Status::Cancelled);

    cell(&h, title).click_secondary();
    h.run();
    h.get_by_label("Delete activity…").click();
    h.run();
    assert!(
        shows(&h, "Delete activities?"),
        "the menu's delete asks first"
    );
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(activities(&h).len(), before + 1);
}

#[test]
fn columns_can_be_hidden_and_the_title_cannot() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    let headers = |h: &Harness<'_, WorkplanApp>| h.query_all_by_label("Officer").count();
    let shown = headers(&h);
    assert!(shown >= 1);
    h.get_by_label("Columns").click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "Officer")
        .click();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(headers(&h), shown - 1, "the Officer column is gone");
    assert!(
        h.state()
            .workplan
            .hidden_columns
            .contains(&workplan::plan::workplan::Column::Officer)
    );
    h.get_by_label("Columns").click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "Activity")
        .click();
    h.run();
    assert!(
        !h.state()
            .workplan
            .hidden_columns
            .contains(&workplan::plan::workplan::Column::Title),
        "the title column stays"
    );
}

#[test]
fn the_activity_editor_folds_away_and_comes_back() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    h.get_by_label("Regional cooperation in asset recovery")
        .click();
    h.run();
    assert!(shows(&h, "Add session"), "the editor is open");
    h.get_by_label("⏵").click();
    h.run();
    assert!(!shows(&h, "Add session"), "the editor is folded away");
    assert!(h.state().workplan.editor_collapsed);
    // Selecting another row keeps it folded; Enter opens it.
    h.key_press(Key::ArrowDown);
    h.run();
    assert!(!shows(&h, "Add session"));
    h.key_press(Key::Enter);
    h.run();
    assert!(shows(&h, "Add session"), "Enter opens the editor again");
    h.get_by_label("⏵").click();
    h.run();
    h.get_by_label("⏴").click();
    h.run();
    assert!(shows(&h, "Add session"), "the strip's button opens it too");
}

#[test]
fn an_edited_row_that_sorts_elsewhere_stays_selected_and_in_view() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1200.0, 360.0));
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();
    h.key_press(Key::Home);
    h.run();
    let first = selected(&h)[0];
    let last_title = activities(&h)
        .iter()
        .find(|a| a.id == *shown_order(&h).last().unwrap())
        .unwrap()
        .title
        .clone();
    assert_eq!(
        h.query_all_by_label(&last_title).count(),
        0,
        "the last rows are out of view"
    );
    let title = activities(&h)
        .iter()
        .find(|a| a.id == first)
        .unwrap()
        .title
        .clone();
    // A date years later sorts it among the last rows, out of the first screenful.
    h.get_by_label("First day").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("First day").type_text("2011-12-01");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let order = shown_order(&h);
    let at = order.iter().position(|id| *id == first).unwrap();
    assert!(
        at >= order.len() - 5,
        "the edited activity now sorts at row {at}"
    );
    assert_eq!(selected(&h), vec![first], "it is still the one selected");
    let table_rows = h.query_all_by_label(&title).count();
    assert_eq!(
        table_rows, 2,
        "its row is in view beside the editor's heading"
    );
}

#[test]
fn escape_closes_every_dialog_and_loses_nothing() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    for item in ["About Workplan", "File Format"] {
        menu(&mut h, "Help", item);
        assert!(h.state().modal_is_open(), "{item} opens a dialog");
        h.key_press(Key::Escape);
        h.run();
        assert!(!h.state().modal_is_open(), "Escape closes {item}");
    }
    // Unsaved changes: Escape keeps the project and its changes.
    type_into(&mut h, "Short code", "-X");
    assert!(h.state().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(
        h.state().modal_is_open(),
        "New asks about the unsaved changes"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().modal_is_open());
    assert!(h.state().is_dirty(), "the changes are still there");
    assert!(
        title(&h).starts_with("Regional Programme"),
        "the same project is open"
    );
    // The path entry of Save As by Path.
    menu(&mut h, "File", "Save As by Path…");
    assert!(h.state().modal_is_open());
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().modal_is_open(), "Escape closes the path entry");
}
