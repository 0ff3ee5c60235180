use egui::{Button, KeyboardShortcut};

use crate::ui::actions::{Action, ExportFormat, View};
use crate::ui::app::WorkplanApp;
use crate::ui::shortcuts;

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

pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn menu_bar(ui: &mut egui::Ui, app: &mut WorkplanApp) {
    let mut actions = Vec::new();
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu(ui, app, &mut actions));
            ui.menu_button("Edit", |ui| edit_menu(ui, app, &mut actions));
            ui.menu_button("View", |ui| view_menu(ui, app, &mut actions));
            ui.menu_button("Help", |ui| help_menu(ui, &mut actions));
        });
    });
    for action in actions {
        app.perform_later(action);
    }
}

/// New Portfolio, Open Portfolio, Add Member and Close Portfolio.
fn portfolio_items(ui: &mut egui::Ui, app: &WorkplanApp, actions: &mut Vec<Action>) {
    let open = app.session.portfolio.is_some();
    ui.separator();
    if item(
        ui,
        "New Portfolio…",
        None,
        true,
        "Start a portfolio (.wpf): several programmes' project files seen together, each kept in its own file",
    ) {
        actions.push(Action::NewPortfolio);
    }
    if item(
        ui,
        "Open Portfolio…",
        None,
        true,
        "Open a portfolio file (.wpf); its members open read-only beside the documents open",
    ) {
        actions.push(Action::OpenPortfolio);
    }
    if item(
        ui,
        "Add Member…",
        None,
        open,
        "Add programmes' project files to the open portfolio",
    ) {
        actions.push(Action::AddMembers);
    }
    if item(
        ui,
        "Close Portfolio",
        None,
        open,
        "Close the portfolio; a member open for editing stays open",
    ) {
        actions.push(Action::ClosePortfolio);
    }
    ui.separator();
}

/// New, open, save, import and export, close and quit.
fn file_menu(ui: &mut egui::Ui, app: &WorkplanApp, actions: &mut Vec<Action>) {
    let has_doc = app.doc().is_some();
    if item(
        ui,
        "New",
        shortcuts::of(&Action::New).as_ref(),
        true,
        "Start an empty project",
    ) {
        actions.push(Action::New);
    }
    if item(
        ui,
        "Open…",
        shortcuts::of(&Action::Open).as_ref(),
        true,
        "Open a project file (.ron)",
    ) {
        actions.push(Action::Open);
    }
    ui.menu_button("Open Recent", |ui| open_recent(ui, app, actions));
    portfolio_items(ui, app, actions);
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
        shortcuts::of(&Action::Save).as_ref(),
        has_doc && !saving,
        "Save the project",
    ) {
        actions.push(Action::Save);
    }
    if item(
        ui,
        "Save As…",
        shortcuts::of(&Action::SaveAs).as_ref(),
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
        "Import Activities…",
        None,
        has_doc,
        "Add or update activities from a CSV file or a spreadsheet (.xlsx, .ods), with a review before anything changes (see docs/csv.md)",
    ) {
        actions.push(Action::Import);
    }
    let combined = app.portfolio.combined_shown;
    ui.menu_button("Export", |ui| export_menu(ui, has_doc, combined, actions));
    let selected = app.workplan.selected.len();
    let response = ui
        .add_enabled(has_doc && selected > 0, Button::new("Draft Stories…"))
        .on_hover_text(
            "A story for each selected activity, drafted from its records, to edit and save as Markdown or HTML",
        )
        .on_disabled_hover_text("Select activities in the workplan first");
    if response.clicked() {
        ui.close();
        actions.push(Action::DraftStories);
    }
    if item(
        ui,
        "Print…",
        shortcuts::of(&Action::Print).as_ref(),
        has_doc,
        "The current view's document as PDF pages: preview them, then open them in the PDF viewer to print",
    ) {
        actions.push(Action::Print);
    }
    ui.separator();
    if item(
        ui,
        "Close",
        shortcuts::of(&Action::Close).as_ref(),
        has_doc,
        "Close the project",
    ) {
        actions.push(Action::Close);
    }
    if item(
        ui,
        "Quit",
        shortcuts::of(&Action::Quit).as_ref(),
        true,
        "Close the window",
    ) {
        actions.push(Action::Quit);
    }
}

/// The files opened lately, newest first.
fn open_recent(ui: &mut egui::Ui, app: &WorkplanApp, actions: &mut Vec<Action>) {
    if app.recent.is_empty() {
        ui.label("No recent files");
    }
    for path in &app.recent {
        let name = crate::session::file_name(path);
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
}

/// One entry per kind of document made from the project.
fn export_menu(ui: &mut egui::Ui, has_doc: bool, combined: bool, actions: &mut Vec<Action>) {
    if !combined {
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
        return;
    }
    // The combined plan gives first the documents that can hold several programmes, then,
    // greyed, the others, which are of one.
    let (several, one): (Vec<_>, Vec<_>) = ExportFormat::ALL
        .into_iter()
        .partition(|f| f.covers_portfolio());
    for (index, formats) in [several, one].into_iter().enumerate() {
        if index > 0 {
            ui.separator();
        }
        for format in formats {
            let label = format!("{}…", capitalised(format.label()));
            let response = ui
                .add_enabled(format.covers_portfolio(), Button::new(label))
                .on_hover_text("Write a document of every member of the portfolio together")
                .on_disabled_hover_text(
                    "This document is of one programme: open a member for editing (Edit in \
                     the portfolio panel) to export it",
                );
            if response.clicked() {
                ui.close();
                actions.push(Action::Export(format));
            }
        }
    }
}

/// Undo and redo, named after the change they take back or bring again; Find.
fn edit_menu(ui: &mut egui::Ui, app: &WorkplanApp, actions: &mut Vec<Action>) {
    let history = app.doc().map(|d| &d.history);
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
        shortcuts::of(&Action::Undo).as_ref(),
        undo.is_some(),
        "Undo the last change",
    ) {
        actions.push(Action::Undo);
    }
    if item(
        ui,
        &redo_text,
        shortcuts::of(&Action::Redo).as_ref(),
        redo.is_some(),
        "Redo the change you undid (also Ctrl+Shift+Z)",
    ) {
        actions.push(Action::Redo);
    }
    ui.separator();
    if item(
        ui,
        "Find…",
        shortcuts::of(&Action::FocusSearch).as_ref(),
        app.view_has_search(),
        "Go to the search field of the workplan or the filter of the objective tree",
    ) {
        actions.push(Action::FocusSearch);
    }
    ui.separator();
    if item(
        ui,
        "Move the Plan…",
        None,
        app.doc().is_some(),
        "Move every session from a day on by some days or months, keeping weekdays and \
         skipping weekends and public holidays if asked (one undo step)",
    ) {
        actions.push(Action::MovePlan);
    }
    ui.separator();
    ui.menu_button("Outline codes", |ui| outline_codes_menu(ui, app, actions));
}

/// Freezing the objectives' outline codes, and renumbering them from their places.
fn outline_codes_menu(ui: &mut egui::Ui, app: &WorkplanApp, actions: &mut Vec<Action>) {
    use crate::ui::views::objectives;
    let project = app.doc().map(|d| &d.project);
    let frozen = project.is_some_and(|p| p.settings.codes_frozen);
    let freeze = if frozen {
        "Unfreeze outline codes"
    } else {
        "Freeze outline codes"
    };
    let tip = if frozen {
        "Let codes follow the places in the tree again (asks first when codes change)"
    } else {
        "Keep every code as it is now, through moves; new objectives take the next free code"
    };
    if item(ui, freeze, None, project.is_some(), tip)
        && let Some(project) = project
    {
        actions.push(objectives::toggle_frozen_codes(project));
    }
    if item(
        ui,
        "Renumber outline codes…",
        None,
        frozen,
        "Give every objective the code of its place in the tree (asks first, one undo step)",
    ) && let Some(project) = project
    {
        actions.push(objectives::renumber_codes(project));
    }
}

/// The views, the theme and the zoom.
fn view_menu(ui: &mut egui::Ui, app: &WorkplanApp, actions: &mut Vec<Action>) {
    let has_doc = app.doc().is_some();
    for view in View::ALL {
        let selected = app.view == view && has_doc;
        let mut button = egui::Button::selectable(selected, view.title());
        if let Some(keys) = shortcuts::of(&Action::ShowView(view)) {
            button = button.shortcut_text(ui.ctx().format_shortcut(&keys));
        }
        let response = ui
            .add_enabled(has_doc, button)
            .on_hover_text(format!("Show the {} view", view.title()));
        if response.clicked() {
            actions.push(Action::ShowView(view));
            ui.close();
        }
    }
    ui.separator();
    let can_go = has_doc
        && matches!(app.view, View::Workplan | View::Calendar | View::Timeline)
        && app.workplan.selected.len() == 1;
    let mut go = egui::Button::new("Go to Selection");
    if let Some(keys) = shortcuts::of(&Action::GoToSelection) {
        go = go.shortcut_text(ui.ctx().format_shortcut(&keys));
    }
    if ui
        .add_enabled(can_go, go)
        .on_hover_text("Bring the selected activity into view: its row, its month or its bar")
        .on_disabled_hover_text("Select one activity in the workplan, calendar or timeline first")
        .clicked()
    {
        actions.push(Action::GoToSelection);
        ui.close();
    }
    ui.separator();
    theme_menu(ui);
    ui.separator();
    egui::gui_zoom::zoom_menu_buttons(ui);
}

/// The theme, as three named choices.
fn theme_menu(ui: &mut egui::Ui) {
    use egui::ThemePreference;
    ui.label("Theme");
    let current = ui.options(|o| o.theme_preference);
    let choices = [
        (
            ThemePreference::Light,
            "Light",
            "Dark text on a light background",
        ),
        (
            ThemePreference::Dark,
            "Dark",
            "Light text on a dark background",
        ),
        (
            ThemePreference::System,
            "Follow the system",
            "Light or dark, as the system's own setting is",
        ),
    ];
    for (theme, label, tooltip) in choices {
        if ui
            .add(egui::Button::selectable(current == theme, label))
            .on_hover_text(tooltip)
            .clicked()
        {
            ui.ctx().set_theme(theme);
        }
    }
}

/// About the program and its file format.
fn help_menu(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
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
}
