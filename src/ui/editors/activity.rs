//! The editor beside the workplan table for one activity: every field of it.

use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{Activity, Dependency, Funding, Money, Status};
use crate::plan::checks::Field;
use crate::session::Revision;
use crate::ui::actions::Action;
use crate::ui::context::ViewContext;
use crate::ui::widgets::bound_text::BoundText;
use crate::ui::widgets::pick::pick;

mod sessions;

use sessions::sessions;

/// Asks the editor of `activity` to bring `field` into view the next time it shows that
/// activity (a finding of the checks was clicked). Kept in egui's memory, so the checks need
/// nothing of the editor but this.
pub fn reveal(ctx: &egui::Context, activity: crate::model::Id, field: Field) {
    ctx.data_mut(|d| d.insert_temp(reveal_id(), (activity, field)));
}

fn reveal_id() -> egui::Id {
    egui::Id::unique("activity_editor_reveal")
}

/// Scrolls the editor to here if `field` of `activity` was asked for, once.
fn reveal_here(ui: &mut egui::Ui, activity: crate::model::Id, field: Field) {
    let wanted = ui.data(|d| d.get_temp::<(crate::model::Id, Field)>(reveal_id()));
    if wanted == Some((activity, field)) {
        ui.data_mut(|d| d.remove::<(crate::model::Id, Field)>(reveal_id()));
        ui.scroll_to_cursor(Some(egui::Align::TOP));
    }
}

/// The edit that replaces the activity with `activity`.
fn edit(activity: Activity, label: &str) -> Edit {
    Edit::new(Command::SetActivity(Box::new(activity)), label)
}

fn apply(cx: &mut ViewContext<'_>, activity: Activity, label: &str, key: Option<String>) {
    let mut edit = edit(activity, label);
    if let Some(key) = key {
        edit = edit.merging(key);
    }
    cx.emit(Action::Apply(edit));
}

/// A labelled text field bound to part of the activity; typing in it is one undo step.
fn text_row(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    activity: &Activity,
    label: &str,
    value: &str,
    put: impl FnOnce(&mut Activity, String),
) {
    let mut field = BoundText::new(value)
        .label(label)
        .id_salt(("activity", label, activity.id))
        .desired_width(f32::INFINITY);
    if matches!(label, "Description" | "Notes") {
        field = field.multiline(2);
    }
    field.show(
        ui,
        cx,
        format!("activity:{}:{label}", activity.id),
        |text| {
            let mut changed = activity.clone();
            put(&mut changed, text);
            edit(changed, &format!("Edit {}", label.to_lowercase()))
        },
    );
    ui.end_row();
}

/// A whole number that may be empty.
fn count_field(
    ui: &mut egui::Ui,
    id_salt: (&str, u64),
    value: Option<u32>,
    labelled_by: egui::Id,
) -> Option<Option<u32>> {
    let buffer_id = ui.make_persistent_id(("count", id_salt));
    let mut text = ui
        .data(|d| d.get_temp::<String>(buffer_id))
        .unwrap_or_else(|| value.map(|v| v.to_string()).unwrap_or_default());
    let parsed = if text.trim().is_empty() {
        Some(None)
    } else {
        text.trim().parse::<u32>().ok().map(Some)
    };
    let mut field = egui::TextEdit::singleline(&mut text)
        .id(buffer_id.with("field"))
        .desired_width(56.0);
    if parsed.is_none() {
        field = field.text_color(ui.visuals().error_fg_color);
    }
    let response = ui.add(field).labelled_by(labelled_by);
    let mut result = None;
    if response.changed() {
        let parsed = if text.trim().is_empty() {
            Some(None)
        } else {
            text.trim().parse::<u32>().ok().map(Some)
        };
        if let Some(new) = parsed
            && new != value
        {
            result = Some(new);
        }
        ui.data_mut(|d| d.insert_temp(buffer_id, text));
    }
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(buffer_id));
    }
    result
}

pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, activity: &Activity) {
    // One scroll position per activity: a newly opened one starts at its title.
    egui::ScrollArea::vertical()
        .id_salt(("activity_editor", activity.id))
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.heading(if activity.title.is_empty() {
                "Untitled activity"
            } else {
                &activity.title
            });
            ui.add_space(4.0);
            egui::Grid::new(("activity_fields", activity.id))
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    text_row(ui, cx, activity, "Title", &activity.title, |a, v| {
                        a.title = v
                    });
                    kind_and_status(ui, cx, activity);
                    text_row(
                        ui,
                        cx,
                        activity,
                        "Description",
                        &activity.description,
                        |a, v| a.description = v,
                    );
                    text_row(
                        ui,
                        cx,
                        activity,
                        "Implementing unit",
                        &activity.unit,
                        |a, v| a.unit = v,
                    );
                    officers(ui, cx, activity);
                    participants(ui, cx, activity);
                    sdg_targets(ui, cx, activity);
                    text_row(ui, cx, activity, "Notes", &activity.notes, |a, v| {
                        a.notes = v
                    });
                    milestone_row(ui, cx, activity);
                });
            ui.add_space(8.0);
            reveal_here(ui, activity.id, Field::Sessions);
            sessions(ui, cx, activity);
            ui.add_space(8.0);
            links(ui, cx, activity);
            ui.add_space(8.0);
            funding(ui, cx, activity);
            ui.add_space(8.0);
            reveal_here(ui, activity.id, Field::Predecessors);
            predecessors(ui, cx, activity);
        });
}

fn milestone_row(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, activity: &Activity) {
    ui.label("");
    let mut milestone = activity.milestone;
    if ui
        .checkbox(&mut milestone, "Milestone")
        .on_hover_text("A point in time (a deliverable, a decision) with no length: what follows it may start on its day")
        .changed()
    {
        let mut changed = activity.clone();
        changed.milestone = milestone;
        apply(cx, changed, "Change milestone", None);
    }
    ui.end_row();
}

fn kind_and_status(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, activity: &Activity) {
    let label = ui.label("Kind");
    let mut kind = activity.kind.clone();
    egui::ComboBox::from_id_salt(("activity_kind", activity.id))
        .selected_text(&kind)
        .show_ui(ui, |ui| {
            for k in &cx.project.settings.activity_kinds {
                ui.selectable_value(&mut kind, k.clone(), k);
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    let label = ui.label("Status");
    let mut status = activity.status;
    egui::ComboBox::from_id_salt(("activity_status", activity.id))
        .selected_text(status.label())
        .show_ui(ui, |ui| {
            for s in Status::ALL {
                ui.selectable_value(&mut status, s, s.label());
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    if kind != activity.kind || status != activity.status {
        let mut changed = activity.clone();
        changed.kind = kind;
        changed.status = status;
        apply(cx, changed, "Change kind or status", None);
    }
}

/// Where in an activity a participant count is kept.
type CountSlot = fn(&mut Activity) -> &mut Option<u32>;

fn participants(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, activity: &Activity) {
    ui.label("Participants");
    let p = &activity.participants;
    let mut changed = None;
    ui.horizontal_wrapped(|ui| {
        let fields: [(&str, Option<u32>, CountSlot); 4] = [
            ("planned", p.planned, |a| &mut a.participants.planned),
            ("actual", p.actual, |a| &mut a.participants.actual),
            ("women", p.women, |a| &mut a.participants.women),
            ("men", p.men, |a| &mut a.participants.men),
        ];
        for (name, value, slot) in fields {
            let label = ui.label(name);
            if let Some(new) = count_field(ui, (name, activity.id.0), value, label.id) {
                let mut a = activity.clone();
                *slot(&mut a) = new;
                changed = Some((a, name));
            }
        }
    });
    if let Some((a, name)) = changed {
        apply(
            cx,
            a,
            "Edit participants",
            Some(format!("activity:{}:participants:{name}", activity.id)),
        );
    }
    ui.end_row();
}

fn sdg_targets(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, activity: &Activity) {
    let edit = crate::ui::widgets::sdg_field::sdg_field(
        ui,
        ("activity", activity.id),
        &activity.sdg_targets,
    );
    if let Some(targets) = edit.new_targets {
        let mut changed = activity.clone();
        changed.sdg_targets = targets;
        let key = format!("activity:{}:sdg", activity.id);
        apply(cx, changed, "Edit SDG targets", Some(key));
    }
    if edit.lost_focus {
        cx.emit(Action::EndTyping);
    }
}

/// The responsible officers: members of the programme's staff, removed with ✖ and added from
/// a pick list of the others.
fn officers(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, activity: &Activity) {
    let mut changed: Option<(Activity, &str)> = None;
    ui.label("Responsible officers");
    ui.vertical(|ui| {
        ui.horizontal_wrapped(|ui| {
            for &id in &activity.officers {
                let name = cx.project.staff_member(id).map_or("?", |m| m.name.as_str());
                ui.label(name);
                if ui
                    .small_button("✖")
                    .on_hover_text(format!("{name} is no longer responsible"))
                    .clicked()
                {
                    let mut a = activity.clone();
                    a.officers.retain(|&x| x != id);
                    changed = Some((a, "Remove officer"));
                }
            }
            if activity.officers.is_empty() {
                ui.weak("none");
            }
        });
        let others = cx
            .project
            .staff
            .iter()
            .filter(|m| !activity.officers.contains(&m.id));
        if cx.project.staff.is_empty() {
            ui.weak("The programme has no staff yet: add them in the Programme view.");
        } else if let Some(id) = pick(
            ui,
            ("add_officer", activity.id),
            "Add an officer…",
            Some(220.0),
            "Make a member of the programme's staff responsible for this activity",
            others.map(|m| (m.id, m.name.clone())),
        ) {
            let mut a = activity.clone();
            a.officers.push(id);
            changed = Some((a, "Add officer"));
        }
    });
    ui.end_row();
    if let Some((a, label)) = changed {
        apply(cx, a, label, None);
    }
}

/// Beneficiaries, partners and objective links.
fn links(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, activity: &Activity) {
    let p = &cx.project.programme;
    let mut changed: Option<(Activity, &str)> = None;
    ui.strong("Beneficiary jurisdictions");
    ui.horizontal_wrapped(|ui| {
        for j in &p.jurisdictions {
            let mut on = activity.beneficiaries.contains(&j.id);
            if ui.checkbox(&mut on, &j.name).changed() {
                let mut a = activity.clone();
                a.beneficiaries.retain(|&x| x != j.id);
                if on {
                    // Keep the programme's order of jurisdictions.
                    a.beneficiaries = p
                        .jurisdictions
                        .iter()
                        .map(|x| x.id)
                        .filter(|id| *id == j.id || a.beneficiaries.contains(id))
                        .collect();
                }
                changed = Some((a, "Change beneficiaries"));
            }
        }
    });
    if !p.partners.is_empty() {
        ui.strong("Partners");
        ui.horizontal_wrapped(|ui| {
            for o in &p.partners {
                let name = if o.acronym.is_empty() {
                    o.name.clone()
                } else {
                    o.acronym.clone()
                };
                let mut on = activity.partners.contains(&o.id);
                if ui.checkbox(&mut on, name).on_hover_text(&o.name).changed() {
                    let mut a = activity.clone();
                    a.partners.retain(|&x| x != o.id);
                    if on {
                        a.partners.push(o.id);
                    }
                    changed = Some((a, "Change partners"));
                }
            }
        });
    }
    reveal_here(ui, activity.id, Field::Objectives);
    ui.strong("Delivers objectives");
    let codes = outline_codes(ui, cx);
    for &node in &activity.objectives {
        ui.horizontal(|ui| {
            let title = cx
                .project
                .objective(node)
                .map(|o| o.title.as_str())
                .unwrap_or("?");
            ui.label(format!(
                "{} {title}",
                codes.get(&node).map(String::as_str).unwrap_or("")
            ));
            if ui
                .small_button("✖")
                .on_hover_text("Remove this link")
                .clicked()
            {
                let mut a = activity.clone();
                a.objectives.retain(|&o| o != node);
                changed = Some((a, "Unlink objective"));
            }
        });
    }
    let unlinked = cx
        .project
        .objectives
        .iter()
        .filter(|o| !activity.objectives.contains(&o.id));
    if let Some(node) = pick(
        ui,
        ("link_objective", activity.id),
        "Link an objective…",
        Some(300.0),
        "Link this activity to a node of the objective tree",
        unlinked.map(|o| (o.id, format!("{} {}", codes[&o.id], o.title))),
    ) {
        let mut a = activity.clone();
        a.objectives.push(node);
        changed = Some((a, "Link objective"));
    }
    if let Some((a, label)) = changed {
        apply(cx, a, label, None);
    }
}

fn funding(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, activity: &Activity) {
    ui.strong("Budget and funding");
    let mut changed: Option<(Activity, &str, Option<String>)> = None;
    ui.horizontal(|ui| {
        let label = ui.label("Budget");
        let amount = activity.budget.as_ref().map(|b| b.amount);
        if let Some(new) = count_field(
            ui,
            ("budget", activity.id.0),
            amount.and_then(|a| u32::try_from(a).ok()),
            label.id,
        ) {
            let mut a = activity.clone();
            a.budget = new.map(|amount| Money {
                amount: u64::from(amount),
                currency: activity
                    .budget
                    .as_ref()
                    .map_or("EUR".into(), |b| b.currency.clone()),
            });
            changed = Some((
                a,
                "Edit budget",
                Some(format!("activity:{}:budget", activity.id)),
            ));
        }
        if let Some(budget) = &activity.budget {
            let mut currency = budget.currency.clone();
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut currency)
                        .id_salt(("currency", activity.id))
                        .desired_width(48.0),
                )
                .on_hover_text("Currency code, e.g. EUR");
            if r.changed() {
                let mut a = activity.clone();
                if let Some(b) = &mut a.budget {
                    b.currency = currency.trim().to_uppercase();
                }
                changed = Some((
                    a,
                    "Edit currency",
                    Some(format!("activity:{}:currency", activity.id)),
                ));
            }
            // Worded as the funding summary words it: lines without an amount leave the
            // gap open ("at most").
            let (covered, unknown) = crate::plan::funding::cover(activity);
            let line = crate::plan::funding::Line {
                currency: budget.currency.clone(),
                budget: budget.amount,
                covered,
                unknown,
                ..Default::default()
            };
            ui.label(format!(
                "covered {}, gap {}",
                line.covered_text(),
                line.gap_text()
            ));
        }
    });
    for (index, line) in activity.funding.iter().enumerate() {
        ui.horizontal(|ui| {
            let donor = cx
                .project
                .programme
                .donors
                .iter()
                .find(|d| d.id == line.source)
                .map(|d| d.display_name())
                .unwrap_or_default();
            let label = ui.label(donor);
            if let Some(new) = count_field(
                ui,
                ("funding", line.source.0 * 1000 + index as u64),
                line.amount.and_then(|a| u32::try_from(a).ok()),
                label.id,
            ) {
                let mut a = activity.clone();
                // An emptied field: the donor stays, its amount is not known.
                a.funding[index].amount = new.map(u64::from);
                changed = Some((
                    a,
                    "Edit funding",
                    Some(format!("activity:{}:funding:{index}", activity.id)),
                ));
            }
            if line.amount.is_none() {
                ui.label(egui::RichText::new(crate::plan::funding::NOT_KNOWN).weak())
                    .on_hover_text("Type the amount when it is known");
            }
            if ui
                .small_button("✖")
                .on_hover_text("Remove this funding line")
                .clicked()
            {
                let mut a = activity.clone();
                a.funding.remove(index);
                changed = Some((a, "Remove funding", None));
            }
        });
    }
    let donors = cx
        .project
        .programme
        .donors
        .iter()
        .map(|d| (d.id, d.display_name()));
    if !cx.project.programme.donors.is_empty()
        && let Some(source) = pick(
            ui,
            ("add_funding", activity.id),
            "Add funding from…",
            None,
            "Record how much a donor or fund covers",
            donors,
        )
    {
        let mut a = activity.clone();
        // The new line starts at what the budget still lacks; when that is not known (no
        // budget, or an amount not known) or nothing, its amount is left to be filled in.
        a.funding.push(Funding {
            source,
            amount: crate::plan::funding::remaining_gap(activity).filter(|&gap| gap > 0),
        });
        changed = Some((a, "Add funding", None));
    }
    if let Some((a, label, key)) = changed {
        apply(cx, a, label, key);
    }
}

/// The outline codes of all objectives, derived once per revision and kept in egui's memory:
/// the editor shows only a few, and deriving them all every frame grew with the tree.
fn outline_codes(
    ui: &egui::Ui,
    cx: &ViewContext<'_>,
) -> std::sync::Arc<std::collections::HashMap<crate::model::Id, String>> {
    type Cached = (
        Revision,
        std::sync::Arc<std::collections::HashMap<crate::model::Id, String>>,
    );
    let key = egui::Id::unique("activity_editor_outline_codes");
    if let Some((revision, codes)) = ui.data(|d| d.get_temp::<Cached>(key))
        && revision == cx.revision
    {
        return codes;
    }
    let codes = std::sync::Arc::new(crate::plan::tree::outline_codes(&cx.project.objectives));
    ui.data_mut(|d| d.insert_temp::<Cached>(key, (cx.revision, codes.clone())));
    codes
}

fn predecessors(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, activity: &Activity) {
    ui.strong("Comes after");
    let mut changed: Option<(Activity, &str, Option<String>)> = None;
    for (index, dependency) in activity.predecessors.iter().enumerate() {
        ui.horizontal(|ui| {
            let title = cx
                .project
                .activity(dependency.activity)
                .map(|a| a.title.as_str())
                .unwrap_or("?");
            let label = ui.label(title);
            ui.label("lag, days:");
            let mut lag = dependency.lag_days;
            if ui
                .add(egui::DragValue::new(&mut lag).range(-365..=365))
                .labelled_by(label.id)
                .changed()
            {
                let mut a = activity.clone();
                a.predecessors[index].lag_days = lag;
                changed = Some((
                    a,
                    "Change lag",
                    Some(format!("activity:{}:lag:{index}", activity.id)),
                ));
            }
            if ui
                .small_button("✖")
                .on_hover_text("Remove this link")
                .clicked()
            {
                let mut a = activity.clone();
                a.predecessors.remove(index);
                changed = Some((a, "Remove predecessor", None));
            }
        });
    }
    let candidates = cx.project.activities.iter().filter(|other| {
        other.id != activity.id && !activity.predecessors.iter().any(|d| d.activity == other.id)
    });
    if let Some(other) = pick(
        ui,
        ("add_predecessor", activity.id),
        "Add an activity it follows…",
        Some(300.0),
        "Finish-to-start: this activity starts after that one ends",
        candidates.map(|a| (a.id, a.title.clone())),
    ) {
        let mut a = activity.clone();
        a.predecessors.push(Dependency {
            activity: other,
            lag_days: 0,
        });
        changed = Some((a, "Add predecessor", None));
    }
    if let Some((a, label, key)) = changed {
        apply(cx, a, label, key);
    }
}
