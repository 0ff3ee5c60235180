//! The checks and funding panels beside the workplan table.

use std::sync::Arc;

use super::*;

/// A check's finding with where its activity is in the project's list, so the panel draws its
/// visible rows without searching all activities for each.
pub(super) struct Finding {
    finding: crate::plan::checks::Finding,
    position: Option<usize>,
}

pub(super) fn findings(cx: &ViewContext<'_>, state: &mut WorkplanState) -> Arc<Vec<Finding>> {
    if let Some((revision, findings)) = &state.checks
        && *revision == cx.revision
    {
        return findings.clone();
    }
    let positions: std::collections::HashMap<Id, usize> = cx
        .project
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    let findings: Arc<Vec<Finding>> = Arc::new(
        crate::plan::checks::run(cx.project)
            .into_iter()
            .map(|finding| Finding {
                position: positions.get(&finding.activity).copied(),
                finding,
            })
            .collect(),
    );
    state.checks = Some((cx.revision, findings.clone()));
    findings
}

pub(super) fn funding_panel(ui: &mut egui::Ui, cx: &ViewContext<'_>, state: &mut WorkplanState) {
    let summary = match &state.funding {
        Some((revision, summary)) if *revision == cx.revision => summary.clone(),
        _ => {
            let summary = Arc::new(crate::plan::funding::summary(cx.project));
            state.funding = Some((cx.revision, summary.clone()));
            summary
        }
    };
    egui::Panel::bottom("workplan_funding")
        .resizable(true)
        .default_size(240.0)
        .show(ui, |ui| {
            ui.strong("Funding summary");
            egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            if summary.total.is_empty() {
                ui.label("No activity has a budget yet. Budgets and who covers them are set in the activity editor.");
                return;
            }
            let sections: [(&str, &[crate::plan::funding::Line], &str); 5] = [
                ("Whole programme", &summary.total, ""),
                ("By pillar", &summary.by_pillar, "Each activity under the pillar of its first objective link."),
                ("By year", &summary.by_year, "By the year an activity starts."),
                ("By jurisdiction", &summary.by_jurisdiction, "An activity counts in full under each of its beneficiaries, so these rows overlap."),
                ("By donor or fund", &summary.by_donor, "What each donor or fund covers."),
            ];
            for (heading, lines, note) in sections {
                if lines.is_empty() {
                    continue;
                }
                ui.strong(heading);
                if !note.is_empty() {
                    ui.label(egui::RichText::new(note).weak());
                }
                egui::Grid::new(heading).striped(true).num_columns(5).show(ui, |ui| {
                    for title in ["", "Budget", "Covered", "Gap", ""] {
                        ui.label(egui::RichText::new(title).strong());
                    }
                    ui.end_row();
                    for line in lines {
                        ui.label(&line.label);
                        ui.label(line.budget.to_string());
                        ui.label(line.covered.to_string());
                        let gap = line.gap();
                        if gap > 0 {
                            ui.colored_label(ui.visuals().warn_fg_color, gap.to_string());
                        } else {
                            ui.label("0");
                        }
                        ui.label(&line.currency);
                        ui.end_row();
                    }
                });
                ui.add_space(8.0);
            }
            });
        });
}

/// The problems a planner should look at, each a link to its activity.
pub(super) fn checks_panel(ui: &mut egui::Ui, cx: &ViewContext<'_>, state: &mut WorkplanState) {
    let findings = findings(cx, state);
    egui::Panel::bottom("workplan_checks")
        .resizable(true)
        .default_size(180.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(format!("Checks: {} finding(s)", findings.len()));
                ui.label(egui::RichText::new("click one to open its activity").weak());
            });
            if findings.is_empty() {
                ui.label("Nothing to report: every activity has a date, a place and an objective, and nothing clashes.");
                return;
            }
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            egui::ScrollArea::vertical().auto_shrink(false).show_rows(ui, row_height, findings.len(), |ui, range| {
                for Finding { finding, position } in &findings[range] {
                    let title = position.and_then(|i| cx.project.activities.get(i)).map(|a| a.title.as_str()).unwrap_or("?");
                    ui.horizontal(|ui| {
                        ui.label(egui::RichText::new(finding.kind.label()).color(ui.visuals().warn_fg_color));
                        if ui.link(title).on_hover_text("Select this activity").clicked() {
                            state.select_only(finding.activity);
                        }
                        ui.label(&finding.message);
                    });
                }
            });
        });
}
