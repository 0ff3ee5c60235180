//! File > Print: the pages of the current view's document as they will print, with the
//! document and the paper to choose, before the PDF is opened in the system's viewer (where
//! the printer is chosen) or saved.

use egui::vec2;

use super::{Modal, ModalOutcome};
use crate::exchange::export::pdf::{Paper, Sheet};
use crate::ui::actions::{Action, ExportFormat};
use crate::ui::menu::capitalised;

/// What the preview shows.
#[derive(Clone)]
pub struct PrintPreview {
    pub format: ExportFormat,
    pub paper: Paper,
    pub sheets: Vec<Sheet>,
    /// The page shown, from 0.
    pub page: usize,
}

/// The room left around the page for the dialog's own rows.
const CHROME: f32 = 190.0;

pub(super) fn show(ui: &mut egui::Ui, preview: &PrintPreview) -> Option<ModalOutcome> {
    let mut outcome = None;
    let count = preview.sheets.len();
    ui.heading(format!("Print the {}", preview.format.label()));
    ui.horizontal(|ui| {
        egui::ComboBox::from_label("Document")
            .selected_text(capitalised(preview.format.label()))
            .show_ui(ui, |ui| {
                for format in ExportFormat::ALL.into_iter().filter(|f| f.is_pdf()) {
                    if ui
                        .selectable_label(format == preview.format, capitalised(format.label()))
                        .clicked()
                        && format != preview.format
                    {
                        outcome = Some(ModalOutcome::Then(vec![Action::PrintPreview(
                            format,
                            preview.paper,
                        )]));
                    }
                }
            })
            .response
            .on_hover_text("Which document of the project to print");
        ui.add_space(12.0);
        egui::ComboBox::from_label("Paper")
            .selected_text(preview.paper.label())
            .show_ui(ui, |ui| {
                for paper in Paper::ALL {
                    if ui
                        .selectable_label(paper == preview.paper, paper.label())
                        .clicked()
                        && paper != preview.paper
                    {
                        outcome = Some(ModalOutcome::Then(vec![Action::PrintPreview(
                            preview.format,
                            paper,
                        )]));
                    }
                }
            })
            .response
            .on_hover_text("The paper the pages are laid out on; exports use it too");
    });
    ui.add_space(6.0);
    let screen = ui.ctx().content_rect();
    let max = vec2(
        ui.available_width().max(300.0),
        (screen.height() - CHROME).max(220.0),
    );
    if let Some(sheet) = preview.sheets.get(preview.page) {
        ui.vertical_centered(|ui| {
            crate::ui::widgets::sheet_view::show(ui, sheet, max)
                .on_hover_text("The page as it will print");
        });
    }
    let go_to = |page: usize| {
        let mut next = preview.clone();
        next.page = page;
        Some(ModalOutcome::Keep(Modal::PrintPreview(Box::new(next))))
    };
    ui.horizontal(|ui| {
        let back = ui.add_enabled(preview.page > 0, egui::Button::new("◀ Previous"));
        if back.on_hover_text("The page before (Page Up)").clicked() {
            outcome = go_to(preview.page - 1);
        }
        ui.label(format!("Page {} of {count}", preview.page + 1));
        let on = ui.add_enabled(preview.page + 1 < count, egui::Button::new("Next ▶"));
        if on.on_hover_text("The page after (Page Down)").clicked() {
            outcome = go_to(preview.page + 1);
        }
    });
    let (up, down) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::PageUp),
            i.key_pressed(egui::Key::PageDown),
        )
    });
    if up && preview.page > 0 {
        outcome = go_to(preview.page - 1);
    }
    if down && preview.page + 1 < count {
        outcome = go_to(preview.page + 1);
    }
    ui.separator();
    ui.horizontal(|ui| {
        if ui
            .button("Open in PDF Viewer")
            .on_hover_text("Write the PDF and open it in the system's viewer, to print from there")
            .clicked()
        {
            outcome = Some(ModalOutcome::Then(vec![Action::PrintOpen(
                preview.format,
                preview.paper,
            )]));
        }
        if ui
            .button("Save as PDF…")
            .on_hover_text("Choose where to keep the PDF")
            .clicked()
        {
            outcome = Some(ModalOutcome::Then(vec![Action::Export(preview.format)]));
        }
        if ui.button("Close").clicked() {
            outcome = Some(ModalOutcome::Close);
        }
    });
    outcome
}
