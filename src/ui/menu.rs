use egui::{Button, KeyboardShortcut};

use super::actions::{Action, ExportFormat, View};
use super::app::{
    SHORTCUT_CLOSE, SHORTCUT_NEW, SHORTCUT_OPEN, SHORTCUT_QUIT, SHORTCUT_REDO, SHORTCUT_SAVE,
    SHORTCUT_SAVE_AS, SHORTCUT_UNDO, WorkplanApp,
};

/// One menu entry: a label, its shortcut, enabled or not, and a tooltip.
fn item(
    ui: &mut egui::Ui,
    label: &str,
    shortcut: Option<&KeyboardShortcut>,
    enabled: bool,
    tooltip: &str,
) -> bool {
    let mut button = Button::new(label);
    if let Some(shortcut) = shortcut {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    let response = ui.add_enabled(enabled, button).on_hover_text(tooltip);
    if response.clicked() {
        ui.close();
        true
    } else {
        false
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn menu_bar(ui: &mut egui::Ui, app: &mut WorkplanApp) {
    let has_doc = app.doc.is_some();
    let mut actions = Vec::new();
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if item(
                    ui,
                    "New",
                    Some(&SHORTCUT_NEW),
                    true,
                    "Start an empty project",
                ) {
                    actions.push(Action::New);
                }
                if item(
                    ui,
                    "Open…",
                    Some(&SHORTCUT_OPEN),
                    true,
                    "Open a project file (.ron)",
                ) {
                    actions.push(Action::Open);
                }
                ui.menu_button("Open Recent", |ui| {
                    if app.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in &app.recent {
                        let name = path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_else(|| path.display().to_string());
                        if item(ui, &name, None, true, &path.display().to_string()) {
                            actions.push(Action::OpenPath(path.clone()));
                        }
                    }
                    if !app.recent.is_empty() {
                        ui.separator();
                        if item(ui, "Clear Recent Files", None, true, "Forget this list") {
                            actions.push(Action::ClearRecent);
                        }
                    }
                });
                if item(
                    ui,
                    "Open by Path…",
                    None,
                    true,
                    "Type the path of a project file, without the system's file dialog",
                ) {
                    actions.push(Action::OpenByPath(None));
                }
                ui.separator();
                let saving = app.is_saving();
                if item(
                    ui,
                    "Save",
                    Some(&SHORTCUT_SAVE),
                    has_doc && !saving,
                    "Save the project",
                ) {
                    actions.push(Action::Save);
                }
                if item(
                    ui,
                    "Save As…",
                    Some(&SHORTCUT_SAVE_AS),
                    has_doc && !saving,
                    "Save the project under another name",
                ) {
                    actions.push(Action::SaveAs);
                }
                if item(
                    ui,
                    "Save As by Path…",
                    None,
                    has_doc && !saving,
                    "Type the path to save to, without the system's file dialog",
                ) {
                    actions.push(Action::SaveAsByPath(None));
                }
                if item(
                    ui,
                    "Import Workplan CSV…",
                    None,
                    has_doc,
                    "Add or update activities from a CSV file (see Help > File Format)",
                ) {
                    actions.push(Action::ImportCsv);
                }
                ui.menu_button("Export", |ui| {
                    for format in ExportFormat::ALL {
                        let label = format!("{}…", capitalised(format.label()));
                        if item(
                            ui,
                            &label,
                            None,
                            has_doc,
                            "Write a document made from the project",
                        ) {
                            actions.push(Action::Export(format));
                        }
                    }
                });
                ui.separator();
                if item(
                    ui,
                    "Close",
                    Some(&SHORTCUT_CLOSE),
                    has_doc,
                    "Close the project",
                ) {
                    actions.push(Action::Close);
                }
                if item(ui, "Quit", Some(&SHORTCUT_QUIT), true, "Close the window") {
                    actions.push(Action::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                let history = app.doc.as_ref().map(|d| &d.history);
                let undo = history.and_then(|h| h.undo_label()).map(str::to_owned);
                let redo = history.and_then(|h| h.redo_label()).map(str::to_owned);
                let undo_text = undo
                    .as_deref()
                    .map_or("Undo".into(), |l| format!("Undo {l}"));
                let redo_text = redo
                    .as_deref()
                    .map_or("Redo".into(), |l| format!("Redo {l}"));
                if item(
                    ui,
                    &undo_text,
                    Some(&SHORTCUT_UNDO),
                    undo.is_some(),
                    "Undo the last change",
                ) {
                    actions.push(Action::Undo);
                }
                if item(
                    ui,
                    &redo_text,
                    Some(&SHORTCUT_REDO),
                    redo.is_some(),
                    "Redo the change you undid (also Ctrl+Shift+Z)",
                ) {
                    actions.push(Action::Redo);
                }
            });
            ui.menu_button("View", |ui| {
                for view in View::ALL {
                    let selected = app.view == view && has_doc;
                    let response = ui
                        .add_enabled(has_doc, egui::Button::selectable(selected, view.title()))
                        .on_hover_text(format!("Show the {} view", view.title()));
                    if response.clicked() {
                        actions.push(Action::ShowView(view));
                        ui.close();
                    }
                }
                ui.separator();
                ui.label("Theme");
                egui::widgets::global_theme_preference_buttons(ui);
                ui.separator();
                egui::gui_zoom::zoom_menu_buttons(ui);
            });
            ui.menu_button("Help", |ui| {
                if item(ui, "About Workplan", None, true, "Version and purpose") {
                    actions.push(Action::About);
                }
                if item(
                    ui,
                    "File Format",
                    None,
                    true,
                    "How a project file is written",
                ) {
                    actions.push(Action::FileFormatHelp);
                }
            });
        });
    });
    for action in actions {
        app.perform_later(action);
    }
}
