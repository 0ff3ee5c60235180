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
