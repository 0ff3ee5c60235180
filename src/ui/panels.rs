//! The window's fixed panels around the view: the tabs, the status bar, and the banners for
//! a file being opened or open read-only.

use crate::session::file_name;
use crate::ui::actions::{Action, View};
use crate::ui::app::WorkplanApp;

impl WorkplanApp {
    pub(super) fn view_tabs(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("view_tabs").show(ui, |ui| {
            ui.horizontal(|ui| {
                let combined = self.portfolio.combined_shown;
                for view in View::ALL {
                    // The combined plan has the views that show activities; the others are
                    // one programme's.
                    if combined && !crate::ui::portfolio_actions::COMBINED_VIEWS.contains(&view) {
                        continue;
                    }
                    let keys = crate::ui::shortcuts::of(&Action::ShowView(view))
                        .map(|s| format!(" ({})", ui.ctx().format_shortcut(&s)))
                        .unwrap_or_default();
                    let on = self.view == view && !(combined && self.portfolio.checks_shown);
                    let tab = ui
                        .selectable_label(on, view.title())
                        .on_hover_text(format!("Show the {} view{keys}", view.title()));
                    if tab.clicked() {
                        self.view = view;
                        self.portfolio.checks_shown = false;
                    }
                }
                // The combined plan's fourth tab: the findings across its programmes.
                if combined && let Some(open) = self.session.portfolio.as_ref() {
                    let title = crate::ui::views::portfolio::checks_title(open);
                    if ui
                        .selectable_label(self.portfolio.checks_shown, title)
                        .on_hover_text(crate::ui::views::portfolio::CHECKS_TOOLTIP)
                        .clicked()
                    {
                        self.actions.push(Action::ShowChecks);
                    }
                }
            });
        });
    }
    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            // The document's place and size on the right first, so a long message on the left
            // is cut short (whole in its tooltip) rather than drawn over them.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if self.portfolio.combined_shown
                    && let (Some(open), Some(shown)) =
                        (&self.session.portfolio, self.portfolio.shown())
                {
                    let count = crate::plan::count;
                    ui.label(format!(
                        "{} · {} shown",
                        count(open.members.len(), "programme"),
                        count(shown.project().activities.len(), "activity"),
                    ));
                    ui.separator();
                    ui.label(open.path.display().to_string());
                    ui.separator();
                } else if let Some(doc) = self.session.doc() {
                    let p = &doc.project;
                    let count = crate::plan::count;
                    ui.label(format!(
                        "{} · {} · {}",
                        count(p.objectives.len(), "objective"),
                        count(p.activities.len(), "activity"),
                        count(p.committee.meetings.len(), "meeting")
                    ));
                    ui.separator();
                    let where_ = doc
                        .path
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| "not saved yet".into());
                    ui.label(where_);
                    ui.separator();
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    self.status_messages(ui);
                });
            });
        });
    }

    /// The left of the status bar: work under way, and the latest message.
    fn status_messages(&mut self, ui: &mut egui::Ui) {
        if let Some(path) = self.session.saving_path() {
            ui.spinner();
            ui.label(format!("Saving {}…", path.display()));
        }
        if let Some(path) = self.session.importing() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            ui.spinner();
            ui.label(format!("Reading {name} to import…"));
            if ui
                .small_button("Cancel")
                .on_hover_text("Stop reading the file; nothing has changed")
                .clicked()
            {
                self.session.cancel_import();
            }
        }
        let mut dismiss = false;
        if let Some(notice) = &self.notice {
            let color = if notice.is_error {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().text_color()
            };
            dismiss = ui
                .small_button("✖")
                .on_hover_text("Dismiss this message")
                .clicked();
            ui.add(egui::Label::new(egui::RichText::new(&notice.text).color(color)).truncate());
        }
        if dismiss {
            self.notice = None;
        }
    }

    /// The banner over a read-only document, and the progress of a large file being opened.
    pub(super) fn banners(&mut self, ui: &mut egui::Ui) {
        if let Some((path, read, total)) = self.session.opening_progress() {
            let mut cancel = false;
            egui::Panel::top("opening").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
                    if read < total {
                        ui.label(format!(
                            "Opening {}: reading {:.0} of {:.0} MB…",
                            file_name(path),
                            mb(read),
                            mb(total)
                        ));
                        ui.add(
                            egui::ProgressBar::new(read as f32 / total as f32)
                                .desired_width(160.0)
                                .show_percentage(),
                        );
                    } else {
                        // Parsing gives no progress of its own; the spinner shows it is alive.
                        ui.label(format!(
                            "Opening {}: checking the project ({:.0} MB)…",
                            file_name(path),
                            mb(total)
                        ));
                    }
                    cancel = ui
                        .button("Cancel")
                        .on_hover_text("Stop opening this file")
                        .clicked();
                });
            });
            if cancel {
                self.session.cancel_open();
            }
        }
        let Some(reason) = self.session.doc().and_then(|d| d.read_only.clone()) else {
            return;
        };
        let mut save_as = false;
        egui::Panel::top("read_only").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("Read-only: {reason}. Your changes can be kept with Save As."),
                );
                save_as = ui
                    .button("Save As…")
                    .on_hover_text("Save this project, with your changes, under another name")
                    .clicked();
            });
        });
        if save_as {
            self.perform_later(Action::SaveAs);
        }
    }
}
