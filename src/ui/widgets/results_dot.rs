//! The dot that says how an objective stands by its indicators, in the objective tree and the
//! logframe matrix; its tooltip lists each indicator with its overall progress and current
//! status. Read as the exports read results (`plan::results::overall`, `current_status`), on
//! the session's today.

use chrono::NaiveDate;

use crate::model::{Id, Indicator, Objective, Project};
use crate::plan::results::{self, Status};
use crate::ui::theme;

/// One line for an indicator on `node`: its text, its percent of the way to the target and
/// its current status.
pub fn indicator_line(
    project: &Project,
    node: Id,
    indicator: &Indicator,
    today: NaiveDate,
) -> String {
    let percent = results::overall(project, node, indicator, today).percent;
    let status = results::current_status(project, node, indicator, today);
    let text = if indicator.text.trim().is_empty() {
        "Untitled indicator"
    } else {
        indicator.text.trim()
    };
    match percent {
        Some(p) => format!("{text}: {} % — {}", p.round(), status.label()),
        None => format!("{text}: {}", status.label()),
    }
}

/// The line under an indicator in the logframe matrix, when there is progress to tell (a
/// status, or periods tracked), with its status: `Progress: 44 % — off track`.
pub fn progress_line(
    project: &Project,
    node: Id,
    indicator: &Indicator,
    today: NaiveDate,
) -> Option<(String, Status)> {
    let percent = results::overall(project, node, indicator, today).percent;
    let status = results::current_status(project, node, indicator, today);
    if status == Status::NoData && indicator.periods.is_empty() {
        return None;
    }
    let line = match percent {
        Some(p) => format!("Progress: {} % — {}", p.round(), status.label()),
        None => format!("Progress: {}", status.label()),
    };
    Some((line, status))
}

/// The width a dot takes in a line, with the space after it.
pub fn width(ui: &egui::Ui) -> f32 {
    ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.x
}

/// The tooltip: the objective's status, then its indicators one a line, then the thresholds.
pub fn summary(project: &Project, objective: &Objective, today: NaiveDate) -> String {
    let status = results::objective_status(project, objective, today);
    let thresholds = &project.settings.results;
    let mut text = format!(
        "Results: {} (the indicator furthest behind)",
        status.label()
    );
    for indicator in &objective.indicators {
        text.push_str("\n• ");
        text.push_str(&indicator_line(project, objective.id, indicator, today));
    }
    text.push_str(&format!(
        "\nOn track from {} % of the way to the target, at risk from {} %; as of {today}",
        thresholds.on_track, thresholds.at_risk
    ));
    text
}

/// The accessible name: `Results: on track`.
pub fn name(status: Status) -> String {
    format!("Results: {}", status.label())
}

/// The dot in the flow of `ui`, for an objective with indicators (nothing otherwise).
pub fn show(ui: &mut egui::Ui, project: &Project, objective: &Objective, today: NaiveDate) {
    if objective.indicators.is_empty() {
        return;
    }
    let status = results::objective_status(project, objective, today);
    theme::result_dot(
        ui,
        status,
        &name(status),
        &summary(project, objective, today),
    );
}

/// The dot painted centred on `center` of a painted row, with a hover area of its own so it
/// keeps its name and tooltip (the row beneath keeps its clicks: the dot senses hover only).
pub fn paint_at(
    ui: &mut egui::Ui,
    id: egui::Id,
    center: egui::Pos2,
    project: &Project,
    objective: &Objective,
    today: NaiveDate,
) {
    if objective.indicators.is_empty() {
        return;
    }
    let status = results::objective_status(project, objective, today);
    let side = ui.text_style_height(&egui::TextStyle::Body);
    let rect = egui::Rect::from_center_size(center, egui::vec2(side, side));
    let response = ui.interact(rect, id, egui::Sense::hover());
    theme::paint_result_dot(ui.painter(), ui.visuals(), center, side, status);
    let label = name(status);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
    response.on_hover_text(summary(project, objective, today));
}
