//! The objective tree through its labels and keys: add, rename, indent, move, delete, undo.

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use workplan::model::Id;
use workplan::ui::{View, WorkplanApp};

use crate::support::*;

fn objectives(h: &Harness<'_, WorkplanApp>) -> Vec<(String, Option<Id>)> {
    let p = &h.state().session.doc().unwrap().project;
    p.objectives
        .iter()
        .map(|o| (o.title.clone(), o.parent))
        .collect()
}

fn id_of(h: &Harness<'_, WorkplanApp>, title: &str) -> Id {
    let p = &h.state().session.doc().unwrap().project;
    p.objectives.iter().find(|o| o.title == title).unwrap().id
}

/// Types a title into the rename field that has the focus, and confirms it with Enter.
fn type_title(h: &mut Harness<'_, WorkplanApp>, text: &str) {
    h.event(Event::Text(text.into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

fn new_tree() -> Harness<'static, WorkplanApp> {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    h.get_by_label("Objectives").click();
    h.run();
    assert_eq!(h.state().view, View::Objectives);
    h
}

#[test]
fn add_a_child_rename_it_indent_it_and_undo() {
    let mut h = new_tree();
    assert!(shows(&h, "No objectives yet"));
    h.get_by_label("Add objective").click();
    h.run();
    type_title(&mut h, "Organised crime and illicit trafficking");
    assert_eq!(
        objectives(&h),
        vec![("Organised crime and illicit trafficking".into(), None)]
    );

    // Insert adds a child of the selected node, renamed in place.
    h.get_by_label("1 Organised crime and illicit trafficking")
        .click();
    h.run();
    h.key_press(Key::Insert);
    h.run();
    type_title(&mut h, "Forensics");
    let pillar = id_of(&h, "Organised crime and illicit trafficking");
    assert_eq!(objectives(&h)[1], ("Forensics".into(), Some(pillar)));
    assert!(shows(&h, "1.1 Forensics"));

    // Ctrl+Enter adds a sibling after it; Tab indents the sibling under Forensics.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    type_title(&mut h, "Crime scene training");
    assert_eq!(
        objectives(&h)[2],
        ("Crime scene training".into(), Some(pillar))
    );
    h.key_press(Key::Tab);
    h.run();
    let forensics = id_of(&h, "Forensics");
    assert_eq!(
        objectives(&h)[2],
        ("Crime scene training".into(), Some(forensics))
    );
    assert!(
        shows(&h, "1.1.1 Crime scene training"),
        "the outline code follows the move"
    );

    // Each edit is one undo step: undo the indent, then the add.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(objectives(&h)[2].1, Some(pillar));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        objectives(&h).len(),
        2,
        "the sibling's rename and addition are undone"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(objectives(&h).len(), 3);
}

#[test]
fn rename_with_enter_and_cancel_with_escape() {
    let mut h = new_tree();
    h.get_by_label("Add objective").click();
    h.run();
    type_title(&mut h, "Justice");
    h.get_by_label("1 Justice").click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.event(Event::Text("Justice and integrity".into()));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(objectives(&h)[0].0, "Justice", "Escape keeps the old title");
    h.get_by_label("1 Justice").click();
    h.run();
    h.key_press(Key::F2);
    h.run();
    type_title(&mut h, "Justice and integrity");
    assert_eq!(objectives(&h)[0].0, "Justice and integrity");
}

#[test]
fn moving_with_alt_arrows_and_arrow_navigation() {
    let mut h = new_tree();
    for title in ["Pillar one", "Pillar two", "Pillar three"] {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
        h.run();
        if !shows(&h, "Title") {
            h.get_by_label("Add objective").click();
            h.run();
        }
        type_title(&mut h, title);
    }
    let titles: Vec<String> = objectives(&h).into_iter().map(|(t, _)| t).collect();
    assert_eq!(titles, ["Pillar one", "Pillar two", "Pillar three"]);
    h.get_by_label("1 Pillar one").click();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().tree.selected, Some(id_of(&h, "Pillar two")));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    let titles: Vec<String> = objectives(&h).into_iter().map(|(t, _)| t).collect();
    assert_eq!(titles, ["Pillar two", "Pillar one", "Pillar three"]);
    assert!(shows(&h, "1 Pillar two"));
}

#[test]
fn deleting_a_linked_node_asks_and_keeps_activities() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Objectives").click();
    h.run();
    let activities_before = h.state().session.doc().unwrap().project.activities.len();
    h.get_by_label("4.6 Forensics").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(
        shows(&h, "will lose"),
        "the confirmation says what happens to activities"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(
        h.state()
            .session
            .doc()
            .unwrap()
            .project
            .objective(id_of(&h, "Forensics"))
            .is_some()
    );

    h.get_by_label("4.6 Forensics").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    h.get_by_label("Delete objective").click();
    h.run();
    let project = &h.state().session.doc().unwrap().project;
    assert!(project.objectives.iter().all(|o| o.title != "Forensics"));
    assert_eq!(
        project.activities.len(),
        activities_before,
        "activities are never deleted"
    );
    assert!(workplan::edit::integrity::check(project).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state()
            .session
            .doc()
            .unwrap()
            .project
            .objectives
            .iter()
            .any(|o| o.title == "Forensics")
    );
}

#[test]
fn the_logframe_matrix_lists_the_tree() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Objectives").click();
    h.run();
    h.get_by_label("Logframe matrix").click();
    h.run();
    assert!(shows(&h, "Intervention logic"));
    assert!(shows(&h, "Organised crime and illicit trafficking"));
}

/// Drags the row labelled `from` to `fraction` of the height of the row labelled `to`.
fn drag_row(h: &mut Harness<'_, WorkplanApp>, from: &str, to: &str, fraction: f32) {
    let start = h.get_by_label(from).rect().center();
    let target = h.get_by_label(to).rect();
    let end = egui::pos2(target.center().x, target.top() + target.height() * fraction);
    drag(h, start, end);
}

#[test]
fn drag_and_drop_reparents_and_refuses_its_own_branch() {
    let mut h = new_tree();
    for title in ["Pillar one", "Pillar two"] {
        h.get_by_label("Add objective").click();
        h.run();
        type_title(&mut h, title);
        h.key_press(Key::Escape);
        h.run();
        h.state_mut().tree.selected = None;
    }
    assert_eq!(objectives(&h).len(), 2);
    // Drop "Pillar two" onto the middle of "Pillar one": it becomes its child.
    drag_row(&mut h, "2 Pillar two", "1 Pillar one", 0.5);
    let one = id_of(&h, "Pillar one");
    assert_eq!(objectives(&h)[1], ("Pillar two".into(), Some(one)));
    assert!(shows(&h, "1.1 Pillar two"));
    // Dropping a parent into its own child is refused; nothing moves.
    let before = objectives(&h);
    drag_row(&mut h, "1 Pillar one", "1.1 Pillar two", 0.5);
    assert_eq!(objectives(&h), before);
    // Dropping onto the top edge of a row puts it before that row, as a sibling.
    drag_row(&mut h, "1.1 Pillar two", "1 Pillar one", 0.1);
    let titles: Vec<(String, Option<Id>)> = objectives(&h);
    assert_eq!(
        titles,
        vec![("Pillar two".into(), None), ("Pillar one".into(), None)]
    );
    // One undo step per drop.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(objectives(&h)[1], ("Pillar two".into(), Some(one)));
}

#[test]
fn keys_work_again_after_a_dialog_closes() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Objectives").click();
    h.run();
    h.get_by_label("4.6 Forensics").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    // No click on the tree: Down moves on from Forensics.
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(
        h.state().tree.selected,
        Some(id_of(&h, "Terrorism prevention"))
    );
}

fn project<'a>(h: &'a Harness<'_, WorkplanApp>) -> &'a workplan::model::Project {
    &h.state().session.doc().unwrap().project
}

fn sample_tree(size: egui::Vec2) -> Harness<'static, WorkplanApp> {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, size);
    open_sample(&mut h);
    h.get_by_label("Objectives").click();
    h.run();
    h
}

#[test]
fn frozen_codes_stay_through_moves_until_renumbered_in_one_step() {
    let mut h = sample_tree(egui::vec2(1280.0, 800.0));
    h.get_by_label("Freeze codes").click();
    h.run();
    assert!(project(&h).settings.codes_frozen);
    assert!(project(&h).objectives.iter().all(|o| o.code.is_some()));

    // Moved above its sibling, Forensics keeps 4.6 and the sibling keeps 4.5.
    h.get_by_label("4.6 Forensics").click();
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    let titles: Vec<String> = objectives(&h).into_iter().map(|(t, _)| t).collect();
    let at = titles.iter().position(|t| t == "Forensics").unwrap();
    assert_eq!(titles[at + 1], "Witness and victim protection", "it moved");
    assert!(shows(&h, "4.6 Forensics"));
    assert!(shows(&h, "4.5 Witness and victim protection"));

    // Renumbering asks, naming how many codes change, then follows the positions.
    h.get_by_label("Renumber codes…").click();
    h.run();
    assert!(shows(&h, "2 outline codes will change"));
    h.get_by_label("Renumber codes").click();
    h.run();
    assert!(shows(&h, "4.5 Forensics"));
    assert!(shows(&h, "4.6 Witness and victim protection"));

    // One undo step gives the frozen codes back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(shows(&h, "4.6 Forensics"));
    assert!(project(&h).settings.codes_frozen);

    // Indented under another parent, it keeps its code, and the window says so.
    h.get_by_label("4.6 Forensics").click();
    h.run();
    h.key_press(Key::Tab);
    h.run();
    // Forensics now follows Border control (4.4), so it goes under that.
    let border = id_of(&h, "Border control");
    let forensics = id_of(&h, "Forensics");
    assert_eq!(
        project(&h).objective(forensics).unwrap().parent,
        Some(border)
    );
    assert!(shows(&h, "4.6 Forensics"));
    assert!(shows(&h, "keeps its code under its new parent"));

    // Unfreezing would change codes now, so it asks first; Cancel keeps them frozen.
    h.get_by_label("Freeze codes").click();
    h.run();
    assert!(shows(&h, "will change to follow"));
    h.get_by_label("Cancel").click();
    h.run();
    assert!(project(&h).settings.codes_frozen);
    assert!(shows(&h, "4.6 Forensics"));
}

#[test]
fn unfrozen_codes_still_follow_the_moves() {
    let mut h = sample_tree(egui::vec2(1280.0, 800.0));
    h.get_by_label("4.6 Forensics").click();
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert!(shows(&h, "4.5 Forensics"));
    assert!(project(&h).objectives.iter().all(|o| o.code.is_none()));
}

#[test]
fn a_logframe_cell_edits_in_place_and_undoes_in_one_step() {
    let mut h = sample_tree(egui::vec2(1280.0, 800.0));
    h.get_by_label("Logframe matrix").click();
    h.run();
    let first = project(&h).objectives[0].clone();
    let code = workplan::plan::tree::outline_codes(&project(&h).objectives)[&first.id].clone();
    h.get_by_label(&format!("{code} {}", first.title)).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(Event::Text("Safer".into()));
    h.run();
    h.event(Event::Text(" region".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let title =
        |h: &Harness<'_, WorkplanApp>| project(h).objective(first.id).unwrap().title.clone();
    assert_eq!(
        title(&h),
        "Safer region",
        "Enter keeps the text, with no new line"
    );
    assert!(
        shows(&h, &format!("{code} Safer region")),
        "the edit has ended"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(title(&h), first.title, "the typing was one undo step");
}

#[test]
fn the_logframe_can_list_the_activities_of_each_objective() {
    let mut h = sample_tree(egui::vec2(1280.0, 800.0));
    h.get_by_label("Logframe matrix").click();
    h.run();
    h.get_by_label("Show activities").click();
    h.run();
    let p = project(&h);
    let rows = workplan::plan::logframe::matrix_rows(p, None);
    let first_line = rows
        .iter()
        .find_map(|r| r.activities.first())
        .cloned()
        .expect("the sample links activities");
    assert!(first_line.contains(" (20"), "with its dates: {first_line}");
    assert!(shows(&h, &first_line));
}

/// The one node labelled `label` nearest to `near` (a context menu's entry, not the
/// toolbar's button of the same name).
fn click_nearest(h: &mut Harness<'_, WorkplanApp>, label: &str, near: egui::Pos2) {
    let nodes: Vec<_> = h.get_all_by_label(label).collect();
    let node = nodes
        .into_iter()
        .min_by(|a, b| {
            let da = a.rect().center().distance(near);
            let db = b.rect().center().distance(near);
            da.total_cmp(&db)
        })
        .unwrap();
    node.click();
    h.run();
}

fn open_row_menu(h: &mut Harness<'_, WorkplanApp>, row: &str) -> egui::Pos2 {
    let node = h.get_by_label(row);
    let at = node.rect().center();
    node.click_secondary();
    h.run();
    at
}

#[test]
fn the_context_menu_acts_on_the_row_it_was_opened_on() {
    let mut h = new_tree();
    for title in ["Pillar one", "Pillar two"] {
        h.get_by_label("Add objective").click();
        h.run();
        type_title(&mut h, title);
        h.key_press(Key::Escape);
        h.run();
        h.state_mut().tree.selected = None;
    }
    let at = open_row_menu(&mut h, "2 Pillar two");
    click_nearest(&mut h, "Move up", at);
    let titles: Vec<String> = objectives(&h).into_iter().map(|(t, _)| t).collect();
    assert_eq!(titles, ["Pillar two", "Pillar one"]);

    let at = open_row_menu(&mut h, "2 Pillar one");
    click_nearest(&mut h, "Add child", at);
    type_title(&mut h, "Forensics");
    let one = id_of(&h, "Pillar one");
    assert_eq!(objectives(&h)[2], ("Forensics".into(), Some(one)));

    let at = open_row_menu(&mut h, "2.1 Forensics");
    click_nearest(&mut h, "Outdent", at);
    assert_eq!(objectives(&h)[2], ("Forensics".into(), None));

    let at = open_row_menu(&mut h, "1 Pillar two");
    click_nearest(&mut h, "Delete", at);
    assert!(objectives(&h).iter().all(|(t, _)| t != "Pillar two"));

    h.state_mut().tree.editor_collapsed = true;
    let at = open_row_menu(&mut h, "1 Pillar one");
    click_nearest(&mut h, "Open in editor", at);
    assert!(!h.state().tree.editor_collapsed);
    assert_eq!(h.state().tree.selected, Some(one));
    assert!(shows(&h, "Responsible unit"));
}

#[test]
fn the_objective_editor_fits_a_small_window_and_folds_away() {
    let size = egui::vec2(1024.0, 700.0);
    let mut h = sample_tree(size);
    h.get_by_label("4.6 Forensics").click();
    h.run();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
    for label in [
        "Title",
        "Description",
        "Responsible unit",
        "SDG targets",
        "⏵ Hide",
    ] {
        let rects: Vec<egui::Rect> = h.query_all_by_label(label).map(|n| n.rect()).collect();
        assert!(!rects.is_empty(), "{label} is shown");
        for rect in rects {
            assert!(window.contains_rect(rect), "{label} at {rect:?}");
        }
    }
    let fields: Vec<egui::Rect> = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .map(|n| n.rect())
        .collect();
    assert!(fields.len() >= 4, "the filter and the editor's fields");
    for rect in fields.iter().filter(|r| r.top() < size.y) {
        assert!(
            rect.left() >= 0.0 && rect.right() <= size.x,
            "a field runs past the edge: {rect:?}"
        );
    }

    h.get_by_label("⏵ Hide").click();
    h.run();
    assert!(!shows(&h, "Responsible unit"));
    h.get_by_label("Show editor").click();
    h.run();
    assert!(shows(&h, "Responsible unit"));
}

#[test]
fn a_new_objective_takes_the_next_free_code_when_codes_are_frozen() {
    let mut h = sample_tree(egui::vec2(1280.0, 800.0));
    h.get_by_label("Freeze codes").click();
    h.run();
    // Added right after 4.1, it takes 4.8 (after 4.7), and 4.2 … 4.7 keep theirs.
    h.get_by_label("4.1 Legislative assistance and capacity building")
        .click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    type_title(&mut h, "Cybercrime");
    assert!(shows(&h, "4.8 Cybercrime"));
    assert!(shows(
        &h,
        "4.2 Specialised investigative and analytic techniques"
    ));
    let cybercrime = id_of(&h, "Cybercrime");
    let stored = project(&h).objective(cybercrime).unwrap().code.clone();
    assert_eq!(stored.as_deref(), Some("4.8"), "stored, so it stays");
}

#[test]
fn page_down_scrolls_the_logframe_matrix() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1024.0, 500.0));
    open_sample(&mut h);
    h.get_by_label("Objectives").click();
    h.run();
    h.get_by_label("Logframe matrix").click();
    h.run();
    let first = "Counter the threats that illicit trafficking";
    let shown = |h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>| {
        h.query_all_by_label_contains(first).count()
    };
    assert!(shown(&h) > 0, "the first row is on screen");
    h.key_press(egui::Key::PageDown);
    h.run();
    assert_eq!(shown(&h), 0, "Page Down scrolled it away");
    h.key_press(egui::Key::PageUp);
    h.run();
    assert!(shown(&h) > 0, "Page Up brings it back");
}
