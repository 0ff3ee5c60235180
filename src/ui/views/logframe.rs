//! The logframe matrix: one row per objective in outline order, with its indicators,
//! means of verification and assumptions, and on request the activities linked to it; every
//! text wraps, and a click on one edits it in place. Filterable by pillar, exportable for
//! print.

use std::sync::Arc;

use egui::{Key, Modifiers, Sense};
use egui_extras::{Column, TableBuilder};

use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{Id, Objective};
use crate::plan::logframe::{MatrixRow, PILLAR_LEVEL};
use crate::session::Revision;
use crate::ui::actions::{Action, ExportFormat};
use crate::ui::context::ViewContext;
use crate::ui::views::objectives::TreeState;
use crate::ui::widgets::bound_text::BoundText;
use crate::ui::widgets::results_dot;

/// A cell of the matrix that can be edited in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatrixColumn {
    Title,
    /// The text of the objective's indicator with this index.
    Indicator(usize),
    /// The means of verification of the indicator with this index.
    Verification(usize),
    Assumptions,
}

/// What the row heights were laid out for: they change only when one of these does.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LayoutKey {
    revision: Revision,
    pillar: Option<Id>,
    activities: bool,
    widths: [f32; 5],
    font_size: f32,
}

/// The height of every row of the matrix, laid out once per revision and width so that a
/// frame costs only the rows on screen, however long the tree.
#[derive(Clone)]
pub struct MatrixLayout {
    key: LayoutKey,
    heights: Arc<Vec<f32>>,
}

/// Space around a cell's text, above and below.
const CELL_PADDING: f32 = 8.0;
/// Indent per level of depth in the first column.
const DEPTH_INDENT: f32 = 12.0;

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
    if let Some((id, _)) = state.matrix_editing
        && project.objective(id).is_none()
    {
        state.matrix_editing = None;
    }
    finish_on_enter(ui, cx, state);

    let widths = column_widths(ui, state.matrix_activities);
    let heights = row_heights(ui, cx, state, &rows, widths);
    let editing_row = state
        .matrix_editing
        .and_then(|(id, _)| rows.iter().position(|r| r.id == id));
    // The row being edited grows by the field's frame and a spare line to type into.
    let extra = 2.0 * ui.text_style_height(&egui::TextStyle::Body) + 12.0;
    let line = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
    let columns = if state.matrix_activities { 5 } else { 4 };
    // Page Up/Down scroll the matrix by a screenful, unless a field has the keyboard.
    let page = if cx.modal_open || ui.memory(|m| m.focused().is_some()) {
        0.0
    } else {
        ui.input_mut(|i| {
            let down = i.consume_key(egui::Modifiers::NONE, egui::Key::PageDown);
            let up = i.consume_key(egui::Modifiers::NONE, egui::Key::PageUp);
            f32::from(u8::from(up)) - f32::from(u8::from(down))
        })
    };
    let mut table = TableBuilder::new(ui)
        .id_salt("logframe_matrix")
        .striped(true)
        .auto_shrink(false);
    for width in &widths[..columns] {
        table = table.column(Column::exact(*width).clip(true));
    }
    table
        .header(line + 6.0, |mut header| {
            let titles = [
                "Intervention logic",
                "Indicators (baseline → target; latest)",
                "Means of verification",
                "Assumptions",
                "Activities",
            ];
            for title in &titles[..columns] {
                header.col(|ui| {
                    ui.strong(*title);
                });
            }
        })
        .body(|mut body| {
            if page != 0.0 {
                let screen = body.max_rect().height() * 0.9;
                body.ui_mut()
                    .scroll_with_delta(egui::vec2(0.0, page * screen));
            }
            let heights = heights.iter().enumerate().map(|(i, h)| {
                if Some(i) == editing_row {
                    h + extra
                } else {
                    *h
                }
            });
            body.heterogeneous_rows(heights, |mut row| {
                let r = &rows[row.index()];
                row.col(|ui| intervention_logic(ui, cx, state, r));
                row.col(|ui| indicators(ui, cx, state, r));
                row.col(|ui| verification(ui, cx, state, r));
                row.col(|ui| {
                    let text = &r.assumptions;
                    let shown = if text.is_empty() { "—" } else { text };
                    cell(
                        ui,
                        cx,
                        state,
                        r,
                        MatrixColumn::Assumptions,
                        text,
                        shown,
                        |o, v| o.assumptions = v,
                    );
                    if !r.risks.is_empty() {
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new(format!("Risks: {}", r.risks)).weak(),
                            )
                            .wrap(),
                        );
                    }
                });
                if columns == 5 {
                    row.col(|ui| activities(ui, r));
                }
            });
        });
}

/// The columns share the width the view has: fixed, so the wrapped heights are known
/// before the rows are drawn.
fn column_widths(ui: &egui::Ui, with_activities: bool) -> [f32; 5] {
    let spacing = ui.spacing().item_spacing.x;
    let shares: [f32; 5] = if with_activities {
        [0.25, 0.25, 0.15, 0.15, 0.20]
    } else {
        [0.32, 0.32, 0.17, 0.19, 0.0]
    };
    let count = if with_activities { 5.0 } else { 4.0 };
    // A scroll bar's width stays free on the right.
    let usable = (ui.available_width() - spacing * count - 16.0).max(400.0);
    shares.map(|share| {
        (usable * share)
            .floor()
            .max(if share > 0.0 { 80.0 } else { 0.0 })
    })
}

/// Each row's height: the tallest of its wrapped cells. Recomputed only when the project,
/// the pillar, the activities toggle, the widths or the font change.
fn row_heights(
    ui: &egui::Ui,
    cx: &ViewContext<'_>,
    state: &mut TreeState,
    rows: &[MatrixRow],
    widths: [f32; 5],
) -> Arc<Vec<f32>> {
    let body = egui::TextStyle::Body.resolve(ui.style());
    let small = egui::TextStyle::Small.resolve(ui.style());
    let key = LayoutKey {
        revision: cx.revision,
        pillar: state.matrix_pillar,
        activities: state.matrix_activities,
        widths,
        font_size: body.size,
    };
    if let Some(layout) = &state.matrix_layout
        && layout.key == key
    {
        return layout.heights.clone();
    }
    let gap = ui.spacing().item_spacing.y;
    let dot_width = results_dot::width(ui);
    let heights = ui.ctx().fonts_mut(|fonts| {
        let mut height = |text: &str, font: &egui::FontId, width: f32| {
            fonts
                .layout(text.to_owned(), font.clone(), egui::Color32::WHITE, width)
                .size()
                .y
        };
        rows.iter()
            .map(|r| {
                let logic_width = widths[0] - indent(r, widths[0]);
                let node = cx.project.objective(r.id);
                let dot = node
                    .filter(|o| !o.indicators.is_empty())
                    .map_or(0.0, |_| dot_width);
                let logic = height(&title_text(r), &body, logic_width)
                    + gap
                    + height(&meta_text(r), &small, logic_width - dot);
                let indicators: f32 = r
                    .indicators
                    .iter()
                    .enumerate()
                    .map(|(n, i)| {
                        let progress = node
                            .and_then(|o| o.indicators.get(n))
                            .and_then(|i| results_dot::progress_line(cx.project, r.id, i, cx.today))
                            .map_or(0.0, |(line, _)| {
                                height(&line, &body, widths[1] - dot_width) + gap
                            });
                        height(&numbered(n, &i.text), &body, widths[1])
                            + height(&i.baseline_to_target, &body, widths[1])
                            + height(&format!("Latest: {}", i.latest), &body, widths[1])
                            + 3.0 * gap
                            + progress
                    })
                    .sum();
                let verification: f32 = r
                    .indicators
                    .iter()
                    .enumerate()
                    .map(|(n, i)| height(&numbered(n, &i.verification), &body, widths[2]) + gap)
                    .sum();
                let mut assumptions = height(&r.assumptions, &body, widths[3]);
                if !r.risks.is_empty() {
                    assumptions += gap + height(&format!("Risks: {}", r.risks), &body, widths[3]);
                }
                let activities = if key.activities {
                    activity_lines(r)
                        .iter()
                        .map(|line| height(line, &body, widths[4]) + gap)
                        .sum()
                } else {
                    0.0
                };
                [logic, indicators, verification, assumptions, activities]
                    .into_iter()
                    .fold(0.0, f32::max)
                    + CELL_PADDING
            })
            .collect::<Vec<_>>()
    });
    let heights = Arc::new(heights);
    state.matrix_layout = Some(MatrixLayout {
        key,
        heights: heights.clone(),
    });
    heights
}

fn indent(r: &MatrixRow, width: f32) -> f32 {
    (r.depth as f32 * DEPTH_INDENT).min(width * 0.3)
}

fn title_text(r: &MatrixRow) -> String {
    format!("{} {}", r.code, r.title)
}

/// The level, the SDG targets and a warning when no activity delivers the objective.
fn meta_text(r: &MatrixRow) -> String {
    let mut text = r.level.clone();
    if !r.sdg_targets.is_empty() {
        text.push_str(&format!("  SDG {}", r.sdg_targets.join(", ")));
    }
    if r.uncovered {
        text.push_str("  ⚠ no activity");
    }
    text
}

fn numbered(index: usize, text: &str) -> String {
    let text = if text.is_empty() { "—" } else { text };
    format!("{}. {text}", index + 1)
}

fn activity_lines(r: &MatrixRow) -> Vec<String> {
    if r.activities.is_empty() {
        vec!["—".into()]
    } else {
        r.activities.iter().map(|a| format!("• {a}")).collect()
    }
}

/// Enter ends the edit in place (the field is multi-line, so it must not get the key); the
/// typing so far is one undo step.
fn finish_on_enter(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut TreeState) {
    let Some(field) = state.matrix_field else {
        return;
    };
    if state.matrix_editing.is_none() || !ui.memory(|m| m.has_focus(field)) {
        return;
    }
    // Shift+Enter is left to the field, for a new line (consume_key would take it too).
    if !ui.input(|i| i.modifiers.shift)
        && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter))
    {
        ui.memory_mut(|m| m.surrender_focus(field));
        state.matrix_editing = None;
        state.matrix_field = None;
        cx.emit(Action::EndTyping);
    }
}

/// One editable text of the matrix: a wrapped label that a click turns into a field bound
/// to the objective, until Enter, Escape or a click elsewhere.
#[allow(clippy::too_many_arguments)]
fn cell(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut TreeState,
    r: &MatrixRow,
    column: MatrixColumn,
    value: &str,
    shown: &str,
    put: impl FnOnce(&mut Objective, String),
) {
    if state.matrix_editing != Some((r.id, column)) {
        let response = ui
            .add(egui::Label::new(shown).wrap().sense(Sense::click()))
            .on_hover_text("Click to edit");
        if response.clicked() {
            state.matrix_editing = Some((r.id, column));
            state.matrix_focus_pending = true;
        }
        return;
    }
    let Some(node) = cx.project.objective(r.id).cloned() else {
        return;
    };
    let (label, hint) = match column {
        MatrixColumn::Title => ("Edit title", "title"),
        MatrixColumn::Indicator(_) => ("Edit indicator", "what the indicator measures"),
        MatrixColumn::Verification(_) => ("Edit means of verification", "how it is verified"),
        MatrixColumn::Assumptions => ("Edit assumptions", "assumptions"),
    };
    let mut field = BoundText::new(value)
        .id_salt(("logframe_cell", r.id, column))
        .desired_width(f32::INFINITY)
        .hint(hint)
        .hover("Enter to finish, Shift+Enter for a new line");
    if column != MatrixColumn::Title {
        field = field.multiline(2);
    }
    let merge_key = format!("logframe:{}:{column:?}", r.id);
    let response = field.show(ui, cx, merge_key, |text| {
        let mut changed = node;
        put(&mut changed, text);
        Edit::new(Command::SetObjective(Box::new(changed)), label)
    });
    state.matrix_field = Some(response.id);
    if std::mem::take(&mut state.matrix_focus_pending) {
        response.request_focus();
    } else if response.lost_focus() {
        state.matrix_editing = None;
        state.matrix_field = None;
    }
}

/// An objective's code and title, indented by its depth, with its level, SDG targets and a
/// warning when no activity delivers it.
fn intervention_logic(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut TreeState,
    r: &MatrixRow,
) {
    let width = ui.available_width();
    ui.horizontal_top(|ui| {
        ui.add_space(indent(r, width));
        ui.vertical(|ui| {
            if state.matrix_editing == Some((r.id, MatrixColumn::Title)) {
                ui.monospace(&r.code);
            }
            let shown = egui::RichText::new(title_text(r)).strong();
            if state.matrix_editing != Some((r.id, MatrixColumn::Title)) {
                let response = ui
                    .add(egui::Label::new(shown).wrap().sense(Sense::click()))
                    .on_hover_text(if r.description.is_empty() {
                        "Click to edit"
                    } else {
                        &r.description
                    });
                if response.clicked() {
                    state.matrix_editing = Some((r.id, MatrixColumn::Title));
                    state.matrix_focus_pending = true;
                }
            } else {
                cell(
                    ui,
                    cx,
                    state,
                    r,
                    MatrixColumn::Title,
                    &r.title,
                    &r.title,
                    |o, v| o.title = v,
                );
            }
            ui.horizontal_top(|ui| {
                if let Some(node) = cx.project.objective(r.id) {
                    results_dot::show(ui, cx.project, node, cx.today);
                }
                let meta = ui
                    .add(egui::Label::new(egui::RichText::new(meta_text(r)).small().weak()).wrap());
                if r.uncovered {
                    meta.on_hover_text("No activity delivers this objective yet");
                }
            });
        });
    });
}

/// Each indicator: what it measures (editable), from baseline to target, and its latest
/// value (in italics when computed from the workplan).
fn indicators(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut TreeState, r: &MatrixRow) {
    for (n, i) in r.indicators.iter().enumerate() {
        let shown = numbered(n, &i.text);
        cell(
            ui,
            cx,
            state,
            r,
            MatrixColumn::Indicator(n),
            &i.text,
            &shown,
            move |o, v| {
                if let Some(indicator) = o.indicators.get_mut(n) {
                    indicator.text = v;
                }
            },
        );
        ui.add(egui::Label::new(egui::RichText::new(&i.baseline_to_target).weak()).wrap());
        let latest = egui::RichText::new(format!("Latest: {}", i.latest));
        ui.add(egui::Label::new(if i.computed { latest.italics() } else { latest }).wrap());
        let Some(indicator) = cx.project.objective(r.id).and_then(|o| o.indicators.get(n)) else {
            continue;
        };
        if let Some((line, status)) =
            results_dot::progress_line(cx.project, r.id, indicator, cx.today)
        {
            ui.horizontal_top(|ui| {
                let tip = results_dot::indicator_line(cx.project, r.id, indicator, cx.today);
                crate::ui::theme::result_dot(ui, status, &format!("{line} ({})", n + 1), &tip);
                ui.add(egui::Label::new(line).wrap());
            });
        }
    }
}

fn verification(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut TreeState, r: &MatrixRow) {
    for (n, i) in r.indicators.iter().enumerate() {
        let shown = numbered(n, &i.verification);
        cell(
            ui,
            cx,
            state,
            r,
            MatrixColumn::Verification(n),
            &i.verification,
            &shown,
            move |o, v| {
                if let Some(indicator) = o.indicators.get_mut(n) {
                    indicator.verification = v;
                }
            },
        );
    }
}

fn activities(ui: &mut egui::Ui, r: &MatrixRow) {
    for line in activity_lines(r) {
        ui.add(egui::Label::new(line).wrap());
    }
}

/// The pillar shown, the activities toggle, and the exports.
fn toolbar(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut TreeState,
    pillars: &[&Objective],
) {
    let project = cx.project;
    ui.horizontal_wrapped(|ui| {
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
        ui.checkbox(&mut state.matrix_activities, "Show activities")
            .on_hover_text("Add a column with the activities linked to each objective: titles, dates and status");
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
        ui.label(egui::RichText::new("Click a text to edit it").weak());
    });
}
