//! The editor beside the tree for the selected objective: its fields, SDG targets and
//! indicators (typed or computed from the workplan).

use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{ComputedIndicator, Indicator, Measurement, Metric, Objective};
use crate::plan::logframe;
use crate::ui::actions::Action;
use crate::ui::context::ViewContext;
use crate::ui::widgets::bound_text::BoundText;

mod chart;
mod periods;

/// The edit that replaces the objective with `node`.
fn edit(node: Objective, label: &str) -> Edit {
    Edit::new(Command::SetObjective(Box::new(node)), label)
}

fn apply(cx: &mut ViewContext<'_>, node: Objective, label: &str, key: Option<String>) {
    let mut edit = edit(node, label);
    if let Some(key) = key {
        edit = edit.merging(key);
    }
    cx.emit(Action::Apply(edit));
}

/// A labelled text field bound to part of `node`; typing in it is one undo step.
/// A field's visible label and the key that keeps its typing in one undo step.
struct Field<'a>(&'a str, &'a str);

fn text_row(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    node: &Objective,
    Field(label, key): Field<'_>,
    value: &str,
    multiline: bool,
    put: impl FnOnce(&mut Objective, String),
) {
    let mut field = BoundText::new(value)
        .label(label)
        .id_salt((key, node.id))
        .desired_width(f32::INFINITY);
    if multiline {
        field = field.multiline(2);
    }
    field.show(ui, cx, format!("objective:{}:{key}", node.id), |text| {
        let mut changed = node.clone();
        put(&mut changed, text);
        edit(changed, &format!("Edit {}", label.to_lowercase()))
    });
    ui.add_space(4.0);
}

const FROZEN_CODE_TIP: &str = "Outline codes are frozen: this code stays through moves \
    (Renumber codes… in the tree's toolbar gives codes from the positions)";
const FOLLOWING_CODE_TIP: &str = "The code follows the place in the tree \
    (Freeze codes in the tree's toolbar keeps it)";

/// The fields stack with each label above its field, so the editor fits any panel width:
/// nothing in it is wider than the panel, and long texts use the whole width.
/// `code` is the node's outline code, as the tree shows it (derived once per revision there).
pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, node: &Objective, code: &str) {
    egui::ScrollArea::vertical()
        .id_salt(("objective_editor", node.id))
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width());
            let level = cx
                .project
                .settings
                .level_names
                .get(usize::from(node.level))
                .cloned()
                .unwrap_or_default();
            ui.heading(if node.title.is_empty() {
                "Untitled objective"
            } else {
                &node.title
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(level).weak());
                let frozen = cx.project.settings.codes_frozen;
                let tip = if frozen {
                    FROZEN_CODE_TIP
                } else {
                    FOLLOWING_CODE_TIP
                };
                ui.label(egui::RichText::new(format!("Code {code}")).monospace())
                    .on_hover_text(tip);
                if frozen {
                    ui.label(egui::RichText::new("frozen").weak());
                }
            });
            ui.add_space(4.0);
            ui.vertical(|ui| {
                text_row(
                    ui,
                    cx,
                    node,
                    Field("Title", "title"),
                    &node.title,
                    false,
                    |n, v| n.title = v,
                );
                level_row(ui, cx, node);
                text_row(
                    ui,
                    cx,
                    node,
                    Field("Description", "description"),
                    &node.description,
                    true,
                    |n, v| n.description = v,
                );
                text_row(
                    ui,
                    cx,
                    node,
                    Field("Responsible unit", "unit"),
                    &node.unit,
                    false,
                    |n, v| n.unit = v,
                );
                sdg_row(ui, cx, node);
                text_row(
                    ui,
                    cx,
                    node,
                    Field("Assumptions", "assumptions"),
                    &node.assumptions,
                    true,
                    |n, v| n.assumptions = v,
                );
                text_row(
                    ui,
                    cx,
                    node,
                    Field("Risks", "risks"),
                    &node.risks,
                    true,
                    |n, v| n.risks = v,
                );
            });
            ui.add_space(8.0);
            indicators(ui, cx, node);
            ui.add_space(8.0);
            linked_activities(ui, cx, node);
        });
}

fn level_row(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, node: &Objective) {
    let label = ui.label("Level");
    let names = &cx.project.settings.level_names;
    let current = names
        .get(usize::from(node.level))
        .cloned()
        .unwrap_or_default();
    let mut chosen = None;
    egui::ComboBox::from_id_salt(("level", node.id))
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (index, name) in names.iter().enumerate() {
                if ui
                    .selectable_label(usize::from(node.level) == index, name)
                    .clicked()
                {
                    chosen = u8::try_from(index).ok();
                }
            }
        })
        .response
        .labelled_by(label.id);
    if let Some(level) = chosen.filter(|&l| l != node.level) {
        let mut changed = node.clone();
        changed.level = level;
        apply(cx, changed, "Change level", None);
    }
    ui.add_space(4.0);
}

fn sdg_row(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, node: &Objective) {
    let edit =
        crate::ui::widgets::sdg_field::sdg_field(ui, ("objective", node.id), &node.sdg_targets);
    if let Some(targets) = edit.new_targets {
        let mut changed = node.clone();
        changed.sdg_targets = targets;
        let key = format!("objective:{}:sdg", node.id);
        apply(cx, changed, "Edit SDG targets", Some(key));
    }
    if edit.lost_focus {
        cx.emit(Action::EndTyping);
    }
}

fn measurement_row(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    node: &Objective,
    index: usize,
    Field(label, key): Field<'_>,
    value: &Option<Measurement>,
    slot: fn(&mut Indicator) -> &mut Option<Measurement>,
) {
    let label_response = ui.label(label);
    let merge_key = format!("objective:{}:{key}:{index}", node.id);
    let edit_label = format!("Edit {}", label.to_lowercase());
    // The value and its date, or nothing when both are empty.
    let measured = |text: String, date: Option<chrono::NaiveDate>| {
        let mut changed = node.clone();
        *slot(&mut changed.indicators[index]) = if text.is_empty() && date.is_none() {
            None
        } else {
            Some(Measurement {
                value: crate::plan::results::typed_value(&text),
                date,
            })
        };
        edit(changed, &edit_label)
    };
    ui.horizontal_wrapped(|ui| {
        let text = value
            .as_ref()
            .map(|m| m.value.to_string())
            .unwrap_or_default();
        let date = value.as_ref().and_then(|m| m.date);
        BoundText::new(&text)
            .labelled_by(label_response.id)
            .id_salt((key, node.id, index))
            .desired_width((ui.available_width() - 110.0).max(60.0))
            .hint("value")
            .show(ui, cx, merge_key.clone(), |text| measured(text, date));
        let new_date = crate::ui::widgets::date_field::optional_date(
            ui,
            (key, node.id, index),
            date,
            label_response.id,
        );
        if let Some(date) = new_date {
            let edit = measured(text.to_owned(), date);
            cx.emit(Action::Apply(edit.merging(merge_key)));
        }
    });
    ui.add_space(4.0);
}

fn indicators(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, node: &Objective) {
    ui.strong("Indicators");
    if node.indicators.is_empty() {
        ui.label("No indicators yet.");
    }
    for (index, indicator) in node.indicators.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.vertical(|ui| {
                let put_text = move |n: &mut Objective, v: String| n.indicators[index].text = v;
                text_row(ui, cx, node, Field("Indicator", &format!("indicator_text_{index}")), &indicator.text, false, put_text);
                let put_unit = move |n: &mut Objective, v: String| n.indicators[index].unit = v;
                text_row(ui, cx, node, Field("Unit", &format!("indicator_unit_{index}")), &indicator.unit, false, put_unit);
                measurement_row(ui, cx, node, index, Field("Baseline", "baseline"), &indicator.baseline, |i| &mut i.baseline);
                measurement_row(ui, cx, node, index, Field("Target", "target"), &indicator.target, |i| &mut i.target);
                match &indicator.computed {
                    None => measurement_row(ui, cx, node, index, Field("Latest", "latest"), &indicator.latest, |i| &mut i.latest),
                    Some(rule) => computed_rows(ui, cx, node, index, rule),
                }
                let put_verification = move |n: &mut Objective, v: String| n.indicators[index].verification = v;
                text_row(ui, cx, node, Field("Means of verification", &format!("indicator_verification_{index}")), &indicator.verification, false, put_verification);
                periods::show(ui, cx, node.id, indicator);
            });
            ui.horizontal(|ui| {
                let mut computed = indicator.computed.is_some();
                if ui
                    .checkbox(&mut computed, "Computed from the workplan")
                    .on_hover_text("Derive the latest value from the activities linked to this branch instead of typing it")
                    .changed()
                {
                    let mut changed = node.clone();
                    let i = &mut changed.indicators[index];
                    i.computed = computed.then(|| ComputedIndicator { metric: Metric::ActivitiesDone, kind: String::new(), from: None, to: None });
                    if computed {
                        i.latest = None;
                    }
                    apply(cx, changed, "Change indicator source", None);
                }
                if ui.button("Remove indicator").on_hover_text("Remove this indicator").clicked() {
                    let mut changed = node.clone();
                    changed.indicators.remove(index);
                    apply(cx, changed, "Remove indicator", None);
                }
            });
        });
    }
    if ui
        .button("Add indicator")
        .on_hover_text("Add an indicator to this objective")
        .clicked()
    {
        let mut changed = node.clone();
        changed.indicators.push(Indicator {
            id: cx.new_id(),
            text: String::new(),
            unit: String::new(),
            baseline: None,
            target: None,
            latest: None,
            verification: String::new(),
            computed: None,
            periods: Vec::new(),
        });
        apply(cx, changed, "Add indicator", None);
    }
}

fn computed_rows(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    node: &Objective,
    index: usize,
    rule: &ComputedIndicator,
) {
    let label = ui.label("Latest");
    let value =
        logframe::computed_value(cx.project, node.id, rule).unwrap_or_else(|| "no data yet".into());
    ui.add(
        egui::Label::new(egui::RichText::new(format!("{value} (computed, not typed)")).italics())
            .wrap(),
    )
    .labelled_by(label.id);
    let counts_label = ui.label("Counts");
    let mut new_rule = rule.clone();
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_id_salt(("metric", node.id, index))
            .selected_text(logframe::metric_label(rule.metric))
            .show_ui(ui, |ui| {
                for metric in [
                    Metric::ActivitiesDone,
                    Metric::Participants,
                    Metric::WomenShare,
                ] {
                    ui.selectable_value(
                        &mut new_rule.metric,
                        metric,
                        logframe::metric_label(metric),
                    );
                }
            })
            .response
            .labelled_by(counts_label.id);
        let kind_label = ui.label("of kind");
        egui::ComboBox::from_id_salt(("kind", node.id, index))
            .selected_text(if rule.kind.is_empty() {
                "any"
            } else {
                &rule.kind
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut new_rule.kind, String::new(), "any");
                for kind in &cx.project.settings.activity_kinds {
                    ui.selectable_value(&mut new_rule.kind, kind.clone(), kind);
                }
            })
            .response
            .labelled_by(kind_label.id);
        let from_label = ui.label("from");
        if let Some(from) = crate::ui::widgets::date_field::optional_date(
            ui,
            ("computed_from", node.id, index),
            rule.from,
            from_label.id,
        ) {
            new_rule.from = from;
        }
        let to_label = ui.label("to");
        if let Some(to) = crate::ui::widgets::date_field::optional_date(
            ui,
            ("computed_to", node.id, index),
            rule.to,
            to_label.id,
        ) {
            new_rule.to = to;
        }
    });
    if &new_rule != rule {
        let mut changed = node.clone();
        changed.indicators[index].computed = Some(new_rule);
        apply(cx, changed, "Change computed indicator", None);
    }
}

fn linked_activities(ui: &mut egui::Ui, cx: &ViewContext<'_>, node: &Objective) {
    let direct: Vec<_> = cx
        .project
        .activities
        .iter()
        .filter(|a| a.objectives.contains(&node.id))
        .collect();
    ui.strong(format!("Linked activities ({})", direct.len()));
    if direct.is_empty() {
        ui.label("No activity is linked to this objective.");
    }
    for activity in direct {
        ui.add(
            egui::Label::new(format!("{} — {}", activity.title, activity.status.label())).wrap(),
        );
    }
}
