//! File > Export's spreadsheet and script documents, written from the window.

use egui_kittest::kittest::Queryable;
use workplan::ui::Choice;

use crate::support::{ScriptedChooser, harness, menu, open_sample, shows};

#[test]
fn the_workbook_and_the_json_are_exported_from_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    let activities = h.state().session.doc().unwrap().project.activities.len();

    // A name without an extension gets the format's own.
    chooser.answer(Choice::Chosen(dir.path().join("plan")));
    menu(&mut h, "File", "Export");
    h.get_by_label("Workplan (XLSX)…").click();
    h.run();
    let workbook = dir.path().join("plan.xlsx");
    assert!(shows(&h, "Exported the workplan (XLSX) to"));
    let bytes = std::fs::read(&workbook).expect("the workbook was written");
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip archive");

    chooser.answer(Choice::Chosen(dir.path().join("plan")));
    menu(&mut h, "File", "Export");
    h.get_by_label("Project (JSON)…").click();
    h.run();
    assert!(shows(&h, "Exported the project (JSON) to"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("plan.json")).unwrap()).unwrap();
    assert_eq!(json["activities"].as_array().unwrap().len(), activities);
    assert!(
        !h.state().is_dirty(),
        "an export changes nothing in the project"
    );
}
