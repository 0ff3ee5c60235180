//! The Programme view's lists: aliases of jurisdictions and organisations.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use crate::layout::{SCALES, reachable, small_window};
use crate::support::*;

const MACEDONIA: &str = "The former Yugoslav Republic of Macedonia";

fn aliases_of(h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>, name: &str) -> Vec<String> {
    let project = &h.state().session.doc().unwrap().project;
    project
        .programme
        .jurisdictions
        .iter()
        .find(|j| j.name == name)
        .unwrap()
        .aliases
        .clone()
}

#[test]
fn the_aliases_fields_fit_at_1024_by_700() {
    for scale in SCALES {
        let mut h = small_window(scale);
        reachable(&mut h, &format!("Aliases of {MACEDONIA}"), scale);
        reachable(&mut h, "Aliases of Regional Cooperation Council", scale);
    }
}

#[test]
fn typed_aliases_are_stored_as_a_list_and_undone_in_one_step() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    let before = h.state().session.doc().unwrap().project.clone();
    // Separators alone change no list: nothing to undo, nothing unsaved.
    let serbia = "Aliases of Serbia";
    h.get_by_label(serbia).scroll_to_me();
    h.run();
    type_into(&mut h, serbia, " , ");
    assert_eq!(h.get_by_label(serbia).value().as_deref(), Some(" , "));
    assert!(!h.state().is_dirty());

    let field = format!("Aliases of {MACEDONIA}");
    h.get_by_label(&field).scroll_to_me();
    h.run();
    type_into(&mut h, &field, "FYROM,");
    assert_eq!(aliases_of(&h, MACEDONIA), vec!["FYROM"]);
    // The comma just typed stays in the field, so the next alias can follow it.
    assert_eq!(h.get_by_label(&field).value().as_deref(), Some("FYROM,"));
    h.get_by_label(&field).type_text(" Macedonia ,");
    h.run();
    assert_eq!(aliases_of(&h, MACEDONIA), vec!["FYROM", "Macedonia"]);
    assert!(h.state().is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        aliases_of(&h, MACEDONIA).is_empty(),
        "typing aliases is one undo step"
    );
    assert_eq!(h.state().session.doc().unwrap().project, before);
    assert_eq!(h.get_by_label(&field).value().as_deref(), Some(""));
}

#[test]
fn the_iati_identifier_prefix_is_typed_into_the_programme_and_undone_in_one_step() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    let field = "Identifier prefix";
    h.get_by_label(field).scroll_to_me();
    h.run();
    type_into(&mut h, field, "XM-DAC-41146-RP-");
    let prefix = |h: &egui_kittest::Harness<'_, workplan::ui::WorkplanApp>| {
        let project = &h.state().session.doc().unwrap().project;
        project.programme.iati_prefix.clone()
    };
    assert_eq!(prefix(&h), "XM-DAC-41146-RP-");
    assert!(h.state().is_dirty());
    // The sample names its reporting organisation, so the export goes ahead with the prefix.
    let written = workplan::exchange::export::render(
        &h.state().session.doc().unwrap().project,
        workplan::exchange::export::Format::Iati,
        Default::default(),
    )
    .unwrap();
    let text = String::from_utf8(written[0].clone()).unwrap();
    assert!(
        text.contains("<iati-identifier>XM-DAC-41146-RP-SEE-RP</iati-identifier>"),
        "{text}"
    );
    assert!(
        text.contains("<reporting-org ref=\"XM-DAC-41146\""),
        "{text}"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(prefix(&h), "", "the whole typing is one step");
    assert_eq!(h.get_by_label(field).value().as_deref(), Some(""));
}
