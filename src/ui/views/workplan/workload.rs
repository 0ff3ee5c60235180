//! The workload panel beside the workplan table: per officer and month, the days in sessions
//! as a heat map (`plan::workload`), each cell's sessions in its tooltip, a click selecting
//! them in the table.

use std::sync::Arc;

use super::*;
use crate::plan::workload::{Workload, compute};
use crate::ui::theme::heat;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const CELL: egui::Vec2 = egui::vec2(38.0, 22.0);
const NAMES: f32 = 150.0;

fn workload(cx: &ViewContext<'_>, state: &mut WorkplanState) -> Arc<Workload> {
    match &state.workload {
        Some((revision, w)) if *revision == cx.revision => w.clone(),
        _ => {
            let w = Arc::new(compute(cx.project));
            state.workload = Some((cx.revision, w.clone()));
            w
        }
    }
}

fn month_label(month: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {}", MONTHS[month.month0() as usize], month.year())
}

/// What a cell says: its days, and "+N?" for the sessions known only to the month.
fn cell_text(days: u32, uncertain: u32) -> String {
    match (days, uncertain) {
        (0, 0) => String::new(),
        (d, 0) => d.to_string(),
        (0, u) => format!("{u}?"),
        (d, u) => format!("{d}+{u}?"),
    }
}

pub(super) fn workload_panel(ui: &mut egui::Ui, cx: &ViewContext<'_>, state: &mut WorkplanState) {
    let w = workload(cx, state);
    let height = ui.available_height();
    egui::Panel::bottom("workplan_workload")
        .resizable(true)
        .default_size(220.0_f32.min(height * 0.36))
        .size_range(60.0..=(height * 0.5).max(60.0))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.strong("Workload: days in sessions per officer and month");
                legend(ui, w.most_days);
                if w.outside > 0 {
                    ui.label(
                        egui::RichText::new(format!(
                            "· {} outside the programme period, not shown",
                            crate::plan::count(w.outside, "session")
                        ))
                        .weak(),
                    );
                }
            });
            if w.people.is_empty() {
                ui.label(
                    "No officers yet: give activities a responsible officer (in the activity \
                     editor or the Officer column of an import) to see who is busy when.",
                );
                return;
            }
            grid(ui, cx, state, &w);
        });
}

/// The colour scale from none to the most days of any cell, and what "?" means.
fn legend(ui: &mut egui::Ui, most: u32) {
    let most = most.max(1);
    let steps = [0, most.div_ceil(4), most.div_ceil(2), most * 3 / 4, most];
    let mut shown = Vec::new();
    for days in steps {
        if shown.last() == Some(&days) {
            continue;
        }
        shown.push(days);
        let (fill, text) = heat(ui.visuals(), days as f32 / most as f32);
        let (rect, response) = ui.allocate_exact_size(CELL, egui::Sense::hover());
        ui.painter().rect_filled(rect, 2.0, fill);
        ui.painter().text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            days.to_string(),
            egui::TextStyle::Small.resolve(ui.style()),
            text,
        );
        response.on_hover_text(format!("{days} days in sessions in the month"));
    }
    ui.label(
        egui::RichText::new("days · n? sessions known only to the month (not counted as days)")
            .weak(),
    )
    .on_hover_text(
        "A session known only to the month has no days to count: the number after the + is \
         how many such sessions fall in that month",
    );
}

fn grid(ui: &mut egui::Ui, cx: &ViewContext<'_>, state: &mut WorkplanState, w: &Workload) {
    let small = egui::TextStyle::Small.resolve(ui.style());
    let row_height = CELL.y + 2.0;
    egui::ScrollArea::both()
        .id_salt("workplan_workload_grid")
        .auto_shrink(false)
        .show_rows(ui, row_height, w.people.len() + 1, |ui, range| {
            ui.spacing_mut().item_spacing = egui::vec2(2.0, 2.0);
            for row in range {
                ui.horizontal(|ui| {
                    if row == 0 {
                        // The months' header.
                        ui.add_sized([NAMES, CELL.y], egui::Label::new(""));
                        for &month in &w.months {
                            let (rect, response) =
                                ui.allocate_exact_size(CELL, egui::Sense::hover());
                            // The year where it starts, on one line: rows are of one height.
                            let text = {
                                use chrono::Datelike;
                                let name = MONTHS[month.month0() as usize];
                                if month.month() == 1 || month == w.months[0] {
                                    format!("{name} {:02}", month.year() % 100)
                                } else {
                                    name.to_string()
                                }
                            };
                            ui.painter().text(
                                rect.center(),
                                egui::Align2::CENTER_CENTER,
                                text,
                                small.clone(),
                                ui.visuals().weak_text_color(),
                            );
                            response.on_hover_text(month_label(month));
                        }
                        return;
                    }
                    let person = row - 1;
                    ui.allocate_ui_with_layout(
                        egui::vec2(NAMES, CELL.y),
                        egui::Layout::left_to_right(egui::Align::Center),
                        |ui| {
                            ui.set_min_size(egui::vec2(NAMES, CELL.y));
                            ui.add(
                                egui::Label::new(format!(
                                    "{} ({})",
                                    w.people[person],
                                    w.total(person)
                                ))
                                .truncate(),
                            )
                        },
                    )
                    .inner
                    .on_hover_text(format!(
                        "{}: {} days in sessions over the programme",
                        w.people[person],
                        w.total(person)
                    ));
                    for (m, &month) in w.months.iter().enumerate() {
                        cell(ui, cx, state, w, person, m, month);
                    }
                });
            }
        });
}

fn cell(
    ui: &mut egui::Ui,
    cx: &ViewContext<'_>,
    state: &mut WorkplanState,
    w: &Workload,
    person: usize,
    m: usize,
    month: chrono::NaiveDate,
) {
    let c = w.cell(person, m);
    let sense = if c.sessions.is_empty() {
        egui::Sense::hover()
    } else {
        egui::Sense::click()
    };
    let (rect, response) = ui.allocate_exact_size(CELL, sense);
    let (fill, text_colour) = heat(ui.visuals(), c.days as f32 / w.most_days.max(1) as f32);
    ui.painter().rect_filled(rect, 2.0, fill);
    let text = cell_text(c.days, c.uncertain);
    if !text.is_empty() {
        ui.painter().text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            &text,
            egui::TextStyle::Small.resolve(ui.style()),
            text_colour,
        );
    }
    let name = &w.people[person];
    // Made only when asked for (hover, the accessibility tree): most cells are never hovered.
    let summary = || {
        format!(
            "{name}, {}: {} days{}",
            month_label(month),
            c.days,
            if c.uncertain > 0 {
                format!(
                    " and {} known only to the month",
                    crate::plan::count(c.uncertain as usize, "session")
                )
            } else {
                String::new()
            }
        )
    };
    let response = response.on_hover_ui(|ui| {
        ui.strong(summary());
        for held in &c.sessions {
            let Some(a) = cx.project.activity(held.activity) else {
                continue;
            };
            let Some(s) = a.sessions.get(held.session) else {
                continue;
            };
            let place = s.place.label();
            let place = if place.is_empty() {
                String::new()
            } else {
                format!(", {place}")
            };
            ui.label(format!("• {} — {}{place}", a.title, s.date_label()));
        }
        if !c.sessions.is_empty() {
            ui.label(egui::RichText::new("Click to select these activities in the table").weak());
        }
    });
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, summary()));
    if response.clicked() {
        state.selected = c.sessions.iter().map(|h| h.activity).collect();
        state.reveal_selection();
    }
}
