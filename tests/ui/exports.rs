//! File > Export's spreadsheet and script documents, written from the window.

use egui_kittest::kittest::{NodeT, Queryable};
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

#[test]
fn print_previews_the_views_document_and_opens_it_in_the_viewer() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.state_mut().view = workplan::ui::View::Timeline;
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    h.run();
    // The timeline view prints the timeline, tiled across pages.
    // The heading names the dialog, so it is looked for among the labels too.
    let heading = "Print the timeline (PDF, tiled pages)";
    let names = |node: &egui_kittest::kittest::AccessKitNode<'_>| {
        [node.label(), node.value()]
            .into_iter()
            .flatten()
            .any(|text| text.contains(heading))
    };
    assert!(
        h.query_all_by(names).next().is_some(),
        "the document chosen"
    );
    let pages = h
        .state()
        .print_preview_pages()
        .expect("the preview is open");
    assert!(pages > 1, "three years do not fit one page: {pages}");
    assert!(shows(&h, &format!("Page 1 of {pages}")));
    h.get_by_label("Next ▶").click();
    h.run();
    assert!(shows(&h, &format!("Page 2 of {pages}")));

    // A3 takes fewer pages.
    h.get_by_label("Paper").click();
    h.run();
    h.get_by_label("A3").click();
    h.run();
    let a3 = h.state().print_preview_pages().unwrap();
    assert!(a3 < pages, "A3 {a3}, A4 {pages}");
    assert!(shows(&h, &format!("Page 1 of {a3}")));

    h.get_by_label("Open in PDF Viewer").click();
    h.run();
    let opened = chooser.opened.lock().unwrap().clone();
    assert_eq!(opened.len(), 1, "{opened:?}");
    let bytes = std::fs::read(&opened[0]).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(shows(
        &h,
        "Opened the timeline (PDF, tiled pages) in the PDF viewer"
    ));
    assert!(!h.state().is_dirty());

    // Without a viewer the message says where the file is.
    *chooser.no_viewer.lock().unwrap() = true;
    menu(&mut h, "File", "Print… Ctrl+P");
    h.get_by_label("Open in PDF Viewer").click();
    h.run();
    assert!(shows(&h, "No PDF viewer could be opened"));
    assert!(shows(
        &h,
        &format!("The PDF is saved at {}", opened[0].display())
    ));
}

#[test]
fn print_of_a_committee_without_meetings_says_why_there_is_nothing() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    menu(&mut h, "File", "New Ctrl+N");
    h.state_mut().view = workplan::ui::View::Committee;
    h.run();
    menu(&mut h, "File", "Print… Ctrl+P");
    assert!(shows(&h, "Nothing to print"));
    assert!(shows(&h, "the project has no committee meeting"));
}

#[test]
fn draft_stories_of_the_selected_activities_are_edited_and_saved_as_markdown() {
    use egui::{Key, Modifiers};
    let dir = tempfile::tempdir().unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    h.get_by_label("Workplan").click();
    h.run();

    // Nothing selected: the action is there but cannot be used.
    h.get_by_label("File").click();
    h.run();
    assert!(
        h.get_by_label("Draft Stories…")
            .accesskit_node()
            .is_disabled()
    );
    h.key_press(Key::Escape);
    h.run();

    let conference = "High-level regional conference presenting the Regional Programme";
    h.get_by_label(conference).click();
    h.run();
    h.get_by_label("Assessment of forensic laboratory capacity")
        .click_modifiers(Modifiers::COMMAND);
    h.run();
    assert_eq!(h.state().workplan.selected.len(), 2);
    menu(&mut h, "File", "Draft Stories…");
    assert!(shows(&h, "Draft stories (2)"));
    // The assessment is only planned: the dialog says so.
    assert!(shows(&h, "1 of the 2 activities is not done yet"));
    assert!(shows(&h, "not done yet (Planned)"));

    // The second story, the undated one after the conference, is the assessment's: retitle it.
    let title = h.query_all_by_label("Title").nth(1).unwrap();
    title.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.query_all_by_label("Title")
        .nth(1)
        .unwrap()
        .type_text("Forensic laboratories: what the missions found");
    h.run();

    let path = dir.path().join("stories");
    chooser.answer(Choice::Chosen(path.clone()));
    h.get_by_label("Save as Markdown…").click();
    h.run();
    let saved = dir.path().join("stories.md");
    assert!(shows(&h, "Saved the stories to"), "the dialog says where");
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.contains("\n## Forensic laboratories: what the missions found\n"),
        "{text}"
    );
    let project = &h.state().session.doc().unwrap().project;
    let activity = project
        .activities
        .iter()
        .find(|a| a.title == conference)
        .unwrap();
    let dateline = workplan::plan::stories::dateline(&activity.sessions);
    assert!(!dateline.is_empty());
    assert!(text.contains(&dateline), "{text}");
    assert!(text.contains(&format!("\n## {conference}\n")), "{text}");
    assert!(
        text.find(conference) < text.find("Forensic laboratories:"),
        "by first day"
    );

    // The dialog stays open: the same edits go to an HTML page too.
    chooser.answer(Choice::Chosen(dir.path().join("stories.html")));
    h.get_by_label("Save as HTML…").click();
    h.run();
    let html = std::fs::read_to_string(dir.path().join("stories.html")).unwrap();
    assert!(
        html.contains("<h2>Forensic laboratories: what the missions found</h2>"),
        "{html}"
    );

    // Close asks nothing and changes nothing in the project.
    assert!(!h.state().is_dirty());
    h.get_by_label("Close").click();
    h.run();
    assert!(!shows(&h, "Draft stories (2)"));
}
