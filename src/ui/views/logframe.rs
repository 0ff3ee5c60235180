//! The logframe matrix: one row per objective in outline order, with its indicators,
//! means of verification and assumptions; filterable by pillar, exportable for print.

use egui_extras::{Column, TableBuilder};

use crate::model::Objective;
use crate::plan::logframe::{MatrixRow, PILLAR_LEVEL};
use crate::ui::actions::{Action, ExportFormat};
use crate::ui::context::ViewContext;
use crate::ui::views::objectives::TreeState;

pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut TreeState) {
    let project = cx.project;
    let pillars: Vec<_> = project
        .objectives
        .iter()
        .filter(|o| o.level == PILLAR_LEVEL)
        .collect();
    if state
        .matrix_pillar
        .is_some_and(|p| project.objective(p).is_none())
    {
        state.matrix_pillar = None;
    }
    toolbar(ui, cx, state, &pillars);
    let rows = crate::ui::views::objectives::matrix_rows(cx, state);
    if rows.is_empty() {
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.heading("No objectives yet");
            ui.label("The logframe matrix lists the objective tree with its indicators.");
        });
        return;
    }
    let line = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
    let heights = rows
        .iter()
        .map(|r| line * (2.max(3 * r.indicators.len()) as f32) + 8.0);
    TableBuilder::new(ui)
        .id_salt("logframe_matrix")
        .striped(true)
        .resizable(true)
        .auto_shrink(false)
        .column(Column::initial(340.0).at_least(160.0).clip(true))
        .column(Column::initial(380.0).at_least(160.0).clip(true))
        .column(Column::initial(200.0).clip(true))
        .column(Column::remainder().clip(true))
        .header(line + 6.0, |mut header| {
            for title in [
                "Intervention logic",
                "Indicators (baseline → target; latest)",
                "Means of verification",
                "Assumptions",
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.heterogeneous_rows(heights, |mut row| {
                let r = &rows[row.index()];
                row.col(|ui| intervention_logic(ui, r));
                row.col(|ui| indicators(ui, r));
                row.col(|ui| {
                    ui.vertical(|ui| {
                        for i in &r.indicators {
                            ui.add(egui::Label::new(&i.verification).truncate());
                            ui.add_space(2.0 * ui.text_style_height(&egui::TextStyle::Body) + 4.0);
                        }
                    });
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.assumptions).wrap())
                        .on_hover_text(&r.risks);
                });
            });
        });
}

/// The pillar shown, and the exports.
fn toolbar(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut TreeState,
    pillars: &[&Objective],
) {
    let project = cx.project;
    ui.horizontal(|ui| {
        let label = ui.label("Pillar:");
        let current = state
            .matrix_pillar
            .and_then(|p| project.objective(p))
            .map_or("All pillars".to_string(), |p| p.title.clone());
        egui::ComboBox::from_id_salt("matrix_pillar")
            .selected_text(current)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.matrix_pillar, None, "All pillars");
                for p in pillars {
                    ui.selectable_value(&mut state.matrix_pillar, Some(p.id), &p.title);
                }
            })
            .response
            .labelled_by(label.id);
        ui.separator();
        if ui
            .button("Export for print…")
            .on_hover_text("Save the matrix as an HTML page to print or share")
            .clicked()
        {
            cx.emit(Action::Export(ExportFormat::LogframeHtml));
        }
        if ui
            .button("Export CSV…")
            .on_hover_text("Save the matrix as a spreadsheet (CSV, UTF-8)")
            .clicked()
        {
            cx.emit(Action::Export(ExportFormat::LogframeCsv));
        }
    });
}

/// An objective's code and title, indented by its depth, with its level, SDG targets and a
/// warning when no activity delivers it.
fn intervention_logic(ui: &mut egui::Ui, r: &MatrixRow) {
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            ui.add_space(r.depth as f32 * 12.0);
            ui.monospace(&r.code);
            ui.add(egui::Label::new(egui::RichText::new(&r.title).strong()).truncate())
                .on_hover_text(&r.description);
        });
        ui.horizontal(|ui| {
            ui.add_space(r.depth as f32 * 12.0);
            ui.label(egui::RichText::new(&r.level).weak());
            if !r.sdg_targets.is_empty() {
                ui.label(egui::RichText::new(format!("SDG {}", r.sdg_targets.join(", "))).weak());
            }
            if r.uncovered {
                ui.colored_label(ui.visuals().warn_fg_color, "⚠ no activity")
                    .on_hover_text("No activity delivers this objective yet");
            }
        });
    });
}

/// Each indicator: what it measures, from baseline to target, and its latest value (in
/// italics when computed from the workplan).
fn indicators(ui: &mut egui::Ui, r: &MatrixRow) {
    ui.vertical(|ui| {
        for i in &r.indicators {
            ui.add(egui::Label::new(&i.text).truncate());
            ui.add(egui::Label::new(egui::RichText::new(&i.baseline_to_target).weak()).truncate());
            let latest = egui::RichText::new(format!("Latest: {}", i.latest));
            ui.add(egui::Label::new(if i.computed { latest.italics() } else { latest }).truncate());
        }
    });
}
