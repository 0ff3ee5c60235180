//! The checks and funding panels beside the workplan table: findings by severity that open
//! the field at fault and can be accepted as known exceptions, and funding lines that show
//! their activities.

use std::sync::Arc;

use chrono::NaiveDate;

use super::*;
use crate::plan::checks::{Certainty, CheckKind, Severity};
use crate::plan::funding::Heading;

/// A check's finding with where its activity is in the project's list, so the panel draws its
/// visible rows without searching all activities for each, and the exception accepting it.
pub(super) struct Finding {
    finding: crate::plan::checks::Finding,
    position: Option<usize>,
    /// Index in the project's accepted checks.
    accepted: Option<usize>,
}

/// One revision's findings, with the open and accepted ones apart and counted, so a frame of a
/// large project's panel does not go through every finding.
pub(super) struct Checked {
    all: Vec<Finding>,
    /// Indices in `all`.
    open: Vec<usize>,
    accepted: Vec<usize>,
    /// Open findings per severity, in `Severity::ALL`'s order.
    by_severity: [usize; 3],
    /// Open findings that are only possible.
    possible: usize,
}

pub(super) fn findings(cx: &ViewContext<'_>, state: &mut WorkplanState) -> Arc<Checked> {
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
    let found = crate::plan::checks::run(cx.project);
    let accepted = crate::plan::checks::acceptances(&found, &cx.project.accepted_checks);
    let all: Vec<Finding> = found
        .into_iter()
        .zip(accepted)
        .map(|(finding, accepted)| Finding {
            position: positions.get(&finding.activity).copied(),
            finding,
            accepted,
        })
        .collect();
    let (accepted, open): (Vec<usize>, Vec<usize>) =
        (0..all.len()).partition(|&i| all[i].accepted.is_some());
    let mut by_severity = [0; 3];
    let mut possible = 0;
    for &i in &open {
        let f = &all[i].finding;
        by_severity[Severity::ALL
            .iter()
            .position(|&s| s == f.severity())
            .unwrap_or(0)] += 1;
        possible += usize::from(f.certainty == Certainty::Possible);
    }
    let findings = Arc::new(Checked {
        all,
        open,
        accepted,
        by_severity,
        possible,
    });
    state.checks = Some((cx.revision, findings.clone()));
    findings
}

/// The findings not accepted as exceptions: what the "Checks" button counts.
pub(super) fn open_count(cx: &ViewContext<'_>, state: &mut WorkplanState) -> usize {
    findings(cx, state).open.len()
}

fn severity_colour(ui: &egui::Ui, severity: Severity) -> egui::Color32 {
    crate::ui::theme::severity_color(ui.visuals(), severity)
}

fn severity_badge(ui: &mut egui::Ui, severity: Severity) {
    ui.add_sized(
        [76.0, ui.spacing().interact_size.y],
        egui::Label::new(
            egui::RichText::new(format!("● {}", severity.label()))
                .color(severity_colour(ui, severity))
                .strong(),
        )
        .selectable(false),
    );
}

/// "possible" beside a finding that may not be one (a session known only to the month); a
/// certain finding leaves the space empty so the messages stay aligned.
fn certainty_badge(ui: &mut egui::Ui, certainty: Certainty) {
    let text = match certainty {
        Certainty::Certain => egui::RichText::new(""),
        Certainty::Possible => egui::RichText::new("possible").italics().weak(),
    };
    let response = ui.add_sized(
        [58.0, ui.spacing().interact_size.y],
        egui::Label::new(text).selectable(false),
    );
    if certainty == Certainty::Possible {
        response.on_hover_text(
            "Possible: a session is known only to the month, so it may or may not meet on these days",
        );
    }
}

/// The switches of the checks the programme runs (`Settings::checks_off`), each change one
/// undo step.
fn checks_menu(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    let off = CheckKind::ALL
        .iter()
        .filter(|k| !k.is_on(&cx.project.settings))
        .count();
    let label = if off == 0 {
        "Checks to run…".to_string()
    } else {
        format!("Checks to run ({off} off)…")
    };
    ui.menu_button(label, |ui| {
        ui.label(egui::RichText::new("Kept in the project file for everyone").weak());
        for kind in CheckKind::ALL {
            let mut on = kind.is_on(&cx.project.settings);
            let text = format!("● {}", kind.label());
            let response = ui
                .checkbox(
                    &mut on,
                    egui::RichText::new(text).color(severity_colour(ui, kind.severity())),
                )
                .on_hover_text(format!(
                    "{} ({})",
                    kind.description(),
                    kind.severity().label().to_lowercase()
                ));
            if response.changed() {
                let mut settings = cx.project.settings.clone();
                settings
                    .checks_off
                    .retain(|c| CheckKind::from_code(c) != Some(kind));
                if !on {
                    settings.checks_off.push(kind.code().into());
                }
                let what = if on {
                    "Turn on check"
                } else {
                    "Turn off check"
                };
                cx.emit(Action::Apply(Edit::new(
                    Command::SetSettings(Box::new(settings)),
                    what,
                )));
            }
        }
    })
    .response
    .on_hover_text("Choose which checks the programme runs");
}

/// What identifies a finding while its reason is being typed (its place in the list moves
/// with every edit).
type FindingKey = (Id, CheckKind, Option<Id>, Option<NaiveDate>);

fn key(finding: &crate::plan::checks::Finding) -> FindingKey {
    (finding.activity, finding.kind, finding.other, finding.day)
}

/// The reason being typed for the finding about to be accepted.
#[derive(Clone)]
struct Draft {
    key: FindingKey,
    reason: String,
    focus: bool,
}

fn draft_id() -> egui::Id {
    egui::Id::unique("workplan_checks_accept_draft")
}

/// The problems a planner should look at, the most serious first, each a link to the field at
/// fault; accepted exceptions apart, with their reasons.
pub(super) fn checks_panel(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut WorkplanState) {
    let checked = findings(cx, state);
    let (open, accepted) = (&checked.open, &checked.accepted);
    // Both panels may be open: each starts at about a third of the height, so the table keeps
    // rows to work on, and none can be dragged over more than half.
    let height = ui.available_height();
    egui::Panel::bottom("workplan_checks")
        .resizable(true)
        .default_size(200.0_f32.min(height * 0.36))
        .size_range(60.0..=(height * 0.5).max(60.0))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.strong(format!("Checks: {} open", open.len()));
                for (severity, &n) in Severity::ALL.into_iter().zip(&checked.by_severity) {
                    let word = if n == 1 { severity.label().to_lowercase() } else { severity.plural().into() };
                    let text = egui::RichText::new(format!("● {n} {word}"));
                    // Only what is there is coloured: a red "0 errors" would alarm for nothing.
                    ui.label(if n == 0 { text.weak() } else { text.color(severity_colour(ui, severity)) });
                }
                if !accepted.is_empty() {
                    ui.label(format!("· {} accepted", accepted.len()));
                }
                let possible = checked.possible;
                if possible > 0 {
                    ui.label(format!("· {possible} possible"))
                        .on_hover_text("Findings about sessions known only to the month: they may or may not meet on those days");
                }
                checks_menu(ui, cx);
                ui.label(egui::RichText::new("click an activity to open the field at fault").weak());
            });
            if !accepted.is_empty() {
                egui::CollapsingHeader::new(format!("Accepted ({})", accepted.len()))
                    .id_salt("workplan_checks_accepted")
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical()
                            .id_salt("workplan_checks_accepted_list")
                            .max_height(120.0)
                            .show(ui, |ui| {
                                for &i in accepted {
                                    accepted_row(ui, cx, state, &checked.all[i]);
                                }
                            });
                    });
            }
            if open.is_empty() {
                let all_on = CheckKind::ALL.iter().all(|k| k.is_on(&cx.project.settings));
                ui.label(if !all_on {
                    "Nothing to report from the checks turned on (see Checks to run)."
                } else if accepted.is_empty() {
                    "Nothing to report: every activity has a date, a place and an objective, and nothing clashes."
                } else {
                    "Nothing open: every finding left is accepted as a known exception."
                });
                return;
            }
            let mut draft = ui.data(|d| d.get_temp::<Draft>(draft_id()));
            let row_height = ui.spacing().interact_size.y.max(ui.text_style_height(&egui::TextStyle::Body)) + 4.0;
            egui::ScrollArea::vertical()
                .id_salt("workplan_checks_open")
                .auto_shrink(false)
                .show_rows(ui, row_height, open.len(), |ui, range| {
                    for &i in &open[range] {
                        open_row(ui, cx, state, &checked.all[i], &mut draft);
                    }
                });
            ui.data_mut(|d| match draft {
                Some(draft) => {
                    d.insert_temp(draft_id(), draft);
                }
                None => d.remove::<Draft>(draft_id()),
            });
        });
}

fn title<'p>(cx: &ViewContext<'p>, f: &Finding) -> &'p str {
    let project: &'p crate::model::Project = cx.project;
    f.position
        .and_then(|i| project.activities.get(i))
        .map(|a| a.title.as_str())
        .unwrap_or("?")
}

/// Selects the finding's activity and asks its editor to show the field at fault.
fn open_finding(ui: &egui::Ui, state: &mut WorkplanState, finding: &crate::plan::checks::Finding) {
    state.select_only(finding.activity);
    crate::ui::editors::activity::reveal(ui.ctx(), finding.activity, finding.kind.field());
}

fn open_row(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut WorkplanState,
    f: &Finding,
    draft: &mut Option<Draft>,
) {
    let finding = &f.finding;
    ui.horizontal(|ui| {
        severity_badge(ui, finding.severity());
        certainty_badge(ui, finding.certainty);
        match draft.as_mut().filter(|d| d.key == key(finding)) {
            Some(typing) => {
                let label = ui.label("Reason");
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut typing.reason)
                            .id_salt("workplan_checks_reason")
                            .hint_text("why this is fine")
                            .desired_width(260.0),
                    )
                    .labelled_by(label.id)
                    .on_hover_text("Enter to accept, Escape to cancel");
                if std::mem::take(&mut typing.focus) {
                    response.request_focus();
                }
                let reason = typing.reason.trim().to_string();
                let entered =
                    response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let escaped =
                    response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape));
                if entered || escaped {
                    // The key that ended the typing must not also act on the table.
                    ui.input_mut(|i| {
                        i.consume_key(egui::Modifiers::NONE, egui::Key::Enter);
                        i.consume_key(egui::Modifiers::NONE, egui::Key::Escape);
                    });
                }
                let accept = ui
                    .add_enabled(!reason.is_empty(), egui::Button::new("Accept"))
                    .on_hover_text(
                        "Keep this finding in the file as a known exception, with this reason",
                    )
                    .on_disabled_hover_text("Say why this finding is fine first")
                    .clicked();
                let cancel = ui
                    .button("Cancel")
                    .on_hover_text("Leave the finding open")
                    .clicked();
                if (accept || entered) && !reason.is_empty() {
                    let list = crate::plan::checks::accepting(
                        &cx.project.accepted_checks,
                        finding,
                        &reason,
                        cx.today,
                        || cx.new_id(),
                    );
                    cx.emit(Action::Apply(Edit::new(
                        Command::SetAcceptedChecks(list),
                        "Accept check",
                    )));
                    *draft = None;
                } else if cancel || escaped {
                    *draft = None;
                }
            }
            None => {
                if ui
                    .small_button("Accept…")
                    .on_hover_text(
                        "Accept this finding as a known exception, with a reason kept in the file",
                    )
                    .clicked()
                {
                    *draft = Some(Draft {
                        key: key(finding),
                        reason: String::new(),
                        focus: true,
                    });
                }
            }
        }
        if ui
            .link(title(cx, f))
            .on_hover_text("Select this activity and open the field at fault")
            .clicked()
        {
            open_finding(ui, state, finding);
        }
        ui.add(
            egui::Label::new(format!("{}: {}", finding.kind.label(), finding.message)).truncate(),
        );
    });
}

fn accepted_row(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut WorkplanState,
    f: &Finding,
) {
    let finding = &f.finding;
    let Some(index) = f.accepted else { return };
    let Some(exception) = cx.project.accepted_checks.get(index) else {
        return;
    };
    ui.horizontal(|ui| {
        if ui
            .small_button("Withdraw")
            .on_hover_text("Count this finding as open again")
            .clicked()
        {
            let list = crate::plan::checks::withdrawing(&cx.project.accepted_checks, index);
            cx.emit(Action::Apply(Edit::new(
                Command::SetAcceptedChecks(list),
                "Withdraw accepted check",
            )));
        }
        if ui
            .link(title(cx, f))
            .on_hover_text("Select this activity and open the field at fault")
            .clicked()
        {
            open_finding(ui, state, finding);
        }
        let on = exception
            .accepted_on
            .map(|d| format!(" on {d}"))
            .unwrap_or_default();
        ui.add(
            egui::Label::new(
                egui::RichText::new(format!(
                    "Accepted{on}: {} — {}: {}",
                    exception.reason,
                    finding.kind.label(),
                    finding.message,
                ))
                .weak(),
            )
            .truncate(),
        );
    });
}

/// Who is in a line, for its tooltip: the first few titles and how many more.
fn activity_list(cx: &ViewContext<'_>, ids: &[Id]) -> String {
    const SHOWN: usize = 12;
    let mut text: Vec<String> = ids
        .iter()
        .take(SHOWN)
        .map(|id| {
            cx.project
                .activity(*id)
                .map(|a| format!("• {}", a.title))
                .unwrap_or_default()
        })
        .collect();
    if ids.len() > SHOWN {
        text.push(format!("and {} more", ids.len() - SHOWN));
    }
    text.join("\n")
}

/// The table filter that shows a line's activities, where the table has one for its heading.
fn filter_for(heading: Heading) -> Option<(Filter, &'static str)> {
    let mut filter = Filter::default();
    let what = match heading {
        Heading::Programme => "Show every activity in the table",
        Heading::Pillar(Some(pillar)) => {
            filter.branch = Some(pillar);
            "Show the activities linked to this pillar in the table"
        }
        Heading::Year(Some(year)) => {
            filter.from = NaiveDate::from_ymd_opt(year, 1, 1);
            filter.to = NaiveDate::from_ymd_opt(year, 12, 31);
            "Show the activities with a session in this year in the table"
        }
        Heading::Jurisdiction(j) => {
            filter.jurisdiction = Some(j);
            "Show the activities for this beneficiary in the table"
        }
        Heading::Donor(Some(donor)) => {
            filter.donor = Some(donor);
            "Show the activities this donor pays for (directly or through a fund) in the table"
        }
        Heading::Pillar(None) | Heading::Year(None) | Heading::Donor(None) => return None,
    };
    Some((filter, what))
}

fn line_label(
    ui: &mut egui::Ui,
    cx: &ViewContext<'_>,
    state: &mut WorkplanState,
    line: &crate::plan::funding::Line,
) {
    // The list is written only while the pointer is on the line: it looks up titles.
    let list = |ui: &mut egui::Ui, what: Option<&str>| {
        if let Some(what) = what {
            ui.label(what);
        }
        let n = line.activities.len();
        ui.strong(format!(
            "{n} {}",
            if n == 1 { "activity" } else { "activities" }
        ));
        ui.label(activity_list(cx, &line.activities));
    };
    match filter_for(line.heading) {
        Some((filter, what)) => {
            if ui
                .link(&line.label)
                .on_hover_ui(|ui| list(ui, Some(what)))
                .clicked()
            {
                state.filter = filter;
                state.selected.clear();
            }
        }
        None => {
            ui.label(&line.label).on_hover_ui(|ui| list(ui, None));
        }
    }
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
    let height = ui.available_height();
    egui::Panel::bottom("workplan_funding")
        .resizable(true)
        .default_size(240.0_f32.min(height * 0.3))
        .size_range(60.0..=(height * 0.5).max(60.0))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.strong("Funding summary");
                let missing = &summary.without_budget;
                match missing.len() {
                    0 => {
                        ui.label("· every activity has a budget");
                    }
                    n => {
                        let text = format!("{n} {} without a budget", if n == 1 { "activity" } else { "activities" });
                        if ui
                            .link(text)
                            .on_hover_ui(|ui| {
                                ui.label("Select them in the table");
                                ui.label(activity_list(cx, missing));
                            })
                            .clicked()
                        {
                            state.filter = Filter::default();
                            state.selected = missing.iter().copied().collect();
                            state.anchor = missing.first().copied();
                        }
                    }
                }
                // Amounts not known make the totals read "at least" and "at most"; the count
                // leads to the activities to complete.
                let open = &summary.amount_not_known;
                if !open.is_empty() {
                    let n = open.len();
                    let text = format!(
                        "{n} {} with an amount not known",
                        if n == 1 { "activity" } else { "activities" }
                    );
                    if ui
                        .link(text)
                        .on_hover_ui(|ui| {
                            ui.label("Select them in the table");
                            ui.label(activity_list(cx, open));
                        })
                        .clicked()
                    {
                        state.filter = Filter::default();
                        state.selected = open.iter().copied().collect();
                        state.anchor = open.first().copied();
                    }
                }
                ui.label(egui::RichText::new("click a line to show its activities").weak());
            });
            egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            if !summary.named_without_budget.is_empty() {
                ui.strong("Donors and funds named on activities without a budget");
                ui.label(
                    egui::RichText::new(
                        "Their amounts count in the totals once the activity has a budget. Click one to select its activities.",
                    )
                    .weak(),
                );
                for (name, ids) in &summary.named_without_budget {
                    let n = ids.len();
                    let text = format!(
                        "{name}: {n} {}",
                        if n == 1 { "activity" } else { "activities" }
                    );
                    if ui
                        .link(text)
                        .on_hover_ui(|ui| {
                            ui.label("Select them in the table");
                            ui.label(activity_list(cx, ids));
                        })
                        .clicked()
                    {
                        state.filter = Filter::default();
                        state.selected = ids.iter().copied().collect();
                        state.anchor = ids.first().copied();
                    }
                }
                ui.add_space(8.0);
            }
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
                egui::Grid::new(heading).striped(true).num_columns(4).show(ui, |ui| {
                    for title in ["", "Budget", "Covered", "Gap"] {
                        ui.label(egui::RichText::new(title).strong());
                    }
                    ui.end_row();
                    for line in lines {
                        line_label(ui, cx, state, line);
                        ui.label(line.budget_text());
                        ui.label(line.covered_text());
                        let gap = line.gap_text();
                        if line.gap() > 0 {
                            ui.colored_label(ui.visuals().warn_fg_color, gap);
                        } else {
                            ui.label(gap);
                        }
                        ui.end_row();
                    }
                });
                ui.add_space(8.0);
            }
            });
        });
}
