//! Draft Stories: a story per selected activity, drafted from the records (`plan::stories`),
//! to edit and save as Markdown or HTML. The drafts are not project data: closing loses
//! nothing of the project, and nothing here is undone or saved with it.

use super::ModalOutcome;
use crate::exchange::export::stories::Edited;
use crate::model::{Id, Project, Status};
use crate::ui::actions::Action;

/// Which kind of file the edited stories are saved as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoriesFile {
    Markdown,
    Html,
}

impl StoriesFile {
    pub fn extension(self) -> &'static str {
        match self {
            StoriesFile::Markdown => "md",
            StoriesFile::Html => "html",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StoriesFile::Markdown => "activity stories (Markdown)",
            StoriesFile::Html => "activity stories (HTML, printable)",
        }
    }

    /// The file's text: the edited stories, as the stories exports write them.
    pub fn render(self, programme: &str, stories: &[Edited]) -> String {
        use crate::exchange::export::stories;
        match self {
            StoriesFile::Markdown => stories::to_markdown(programme, stories),
            StoriesFile::Html => stories::to_html(programme, stories),
        }
    }
}

/// One activity's story as it is being edited.
#[derive(Clone, Debug)]
pub struct StoryDraft {
    pub activity: Id,
    pub status: Status,
    pub text: Edited,
}

/// The dialog's state: the stories and the outcome of the last save.
#[derive(Clone, Debug)]
pub struct DraftStories {
    pub programme: String,
    pub stories: Vec<StoryDraft>,
    /// The last save's outcome, and whether it failed.
    pub note: Option<(String, bool)>,
}

impl DraftStories {
    /// The stories of `selected`, whatever their status, by first day (undated last, in
    /// file order): the order a report tells them in.
    pub fn new(project: &Project, selected: &std::collections::BTreeSet<Id>) -> Self {
        let mut activities: Vec<_> = project
            .activities
            .iter()
            .filter(|a| selected.contains(&a.id))
            .collect();
        activities.sort_by_key(|a| {
            let first = a.sessions.iter().map(|s| s.start).min();
            (first.is_none(), first)
        });
        let stories = activities
            .into_iter()
            .map(|a| StoryDraft {
                activity: a.id,
                status: a.status,
                text: Edited::from(&crate::plan::stories::story(project, a)),
            })
            .collect();
        DraftStories {
            programme: project.programme.title.clone(),
            stories,
            note: None,
        }
    }

    pub fn edited(&self) -> Vec<Edited> {
        self.stories.iter().map(|s| s.text.clone()).collect()
    }
}

/// The room left around the stories for the dialog's own rows.
const CHROME: f32 = 200.0;

pub(super) fn show(ui: &mut egui::Ui, dialog: &mut DraftStories) -> Option<ModalOutcome> {
    let mut outcome = None;
    let count = dialog.stories.len();
    ui.heading(if count == 1 {
        "Draft story".to_owned()
    } else {
        format!("Draft stories ({count})")
    });
    let not_done = dialog
        .stories
        .iter()
        .filter(|s| s.status != Status::Done)
        .count();
    ui.label("Drafted from the records: title, dateline, description, funding, SDG targets and participants. Edit them, then save.");
    if not_done > 0 {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{not_done} of the {count} activities {} not done yet: {} as if it had taken place.",
                if not_done == 1 { "is" } else { "are" },
                if not_done == 1 { "its story reads" } else { "their stories read" },
            ),
        );
    }
    ui.add_space(4.0);
    let height = (ui.ctx().content_rect().height() - CHROME).max(160.0);
    egui::ScrollArea::vertical()
        .max_height(height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (index, story) in dialog.stories.iter_mut().enumerate() {
                if index > 0 {
                    ui.separator();
                }
                ui.horizontal(|ui| {
                    crate::ui::theme::status_swatch(ui, story.status);
                    ui.strong(format!("Story {}", index + 1));
                    if story.status != Status::Done {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!("not done yet ({})", story.status.label()),
                        )
                        .on_hover_text(
                            "The activity's status is not Done: check the story before sending it",
                        );
                    }
                });
                egui::Grid::new(("story", index))
                    .num_columns(2)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        let label = ui.label("Title");
                        ui.add(
                            egui::TextEdit::singleline(&mut story.text.title)
                                .desired_width(f32::INFINITY)
                                .hint_text("The story's title"),
                        )
                        .labelled_by(label.id)
                        .on_hover_text("The title, on one line");
                        ui.end_row();
                        let label = ui.label("Text");
                        ui.add(
                            egui::TextEdit::multiline(&mut story.text.body)
                                .desired_width(f32::INFINITY)
                                .desired_rows(5)
                                .hint_text("The dateline, then what was done"),
                        )
                        .labelled_by(label.id)
                        .on_hover_text("The story's text; a blank line starts a new paragraph");
                        ui.end_row();
                    });
            }
        });
    if let Some((note, failed)) = &dialog.note {
        let colour = if *failed {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().weak_text_color()
        };
        ui.colored_label(colour, note);
    }
    ui.separator();
    ui.horizontal(|ui| {
        for (file, label, tip) in [
            (
                StoriesFile::Markdown,
                "Save as Markdown…",
                "Write the stories as edited to a Markdown file (.md)",
            ),
            (
                StoriesFile::Html,
                "Save as HTML…",
                "Write the stories as edited to a printable HTML page",
            ),
        ] {
            if ui.button(label).on_hover_text(tip).clicked() {
                let mut kept = dialog.clone();
                kept.note = None;
                outcome = Some(ModalOutcome::Then(vec![Action::SaveStories(
                    file,
                    Box::new(kept),
                )]));
            }
        }
        if ui
            .button("Close")
            .on_hover_text("Close the drafts; the project is not changed")
            .clicked()
        {
            outcome = Some(ModalOutcome::Close);
        }
        ui.weak("Drafts are not kept in the project: save them to keep them.");
    });
    outcome
}
