use std::path::PathBuf;

use crate::ui::actions::Action;

/// What the window shows with no project open.
pub fn show(
    ui: &mut egui::Ui,
    recent: &[PathBuf],
    orphans: &[crate::session::recovery::Recovered],
    actions: &mut Vec<Action>,
) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.15);
        ui.heading("Workplan");
        ui.label(
            "Plan a regional programme: objectives, activities, calendar and steering committee.",
        );
        ui.add_space(16.0);
        if ui
            .button("New project")
            .on_hover_text("Start an empty project (Ctrl+N)")
            .clicked()
        {
            actions.push(Action::New);
        }
        if ui
            .button("Open project…")
            .on_hover_text(
                "Open a project file (Ctrl+O). You can also drop a .ron file on the window.",
            )
            .clicked()
        {
            actions.push(Action::Open);
        }
        if !orphans.is_empty() {
            ui.add_space(16.0);
            ui.label(egui::RichText::new("Recovered unsaved work").strong());
            ui.label("Kept when Workplan stopped before these projects were saved.");
            for orphan in orphans {
                let title = match &orphan.project {
                    Ok(p) if !p.programme.title.trim().is_empty() => p.programme.title.clone(),
                    Ok(_) => "Untitled project".into(),
                    Err(_) => continue,
                };
                let when = orphan
                    .written
                    .map(|t| {
                        t.with_timezone(&chrono::Local)
                            .format(" (%e %b %Y, %H:%M)")
                            .to_string()
                    })
                    .unwrap_or_default();
                let from = orphan
                    .original
                    .as_ref()
                    .map(|p| format!(", was {}", p.display()))
                    .unwrap_or_default();
                ui.horizontal(|ui| {
                    ui.label(format!("{title}{when}{from}"));
                    if ui
                        .small_button("Open")
                        .on_hover_text("Open it as a new, unsaved project")
                        .clicked()
                    {
                        actions.push(Action::OpenRecovered(orphan.file.clone()));
                    }
                    if ui
                        .small_button("Discard")
                        .on_hover_text("Delete this recovered copy")
                        .clicked()
                    {
                        actions.push(Action::DiscardRecovered(orphan.file.clone()));
                    }
                });
            }
        }
        if !recent.is_empty() {
            ui.add_space(16.0);
            ui.label(egui::RichText::new("Recent projects").strong());
            for path in recent {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if ui
                    .link(name)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    actions.push(Action::OpenPath(path.clone()));
                }
            }
        }
    });
}
