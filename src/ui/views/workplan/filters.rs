//! The filter bar above the workplan table, and the choices it offers.

use std::sync::Arc;

use super::*;

/// What the objective and officer filters offer, derived once per revision.
pub(super) struct Choices {
    branches: Vec<(Id, String)>,
    officers: Vec<(Id, String)>,
}

pub(super) fn choices(cx: &ViewContext<'_>, state: &mut WorkplanState) -> Arc<Choices> {
    if let Some((revision, choices)) = &state.choices
        && *revision == cx.revision
    {
        return choices.clone();
    }
    let p = cx.project;
    let codes = crate::plan::tree::outline_codes(&p.objectives);
    let depths = crate::plan::tree::depths(&p.objectives);
    let branches = p
        .objectives
        .iter()
        .filter(|o| depths.get(&o.id).is_some_and(|&d| d <= 1))
        .map(|o| (o.id, format!("{} {}", codes[&o.id], o.title)))
        .collect();
    let named: BTreeSet<Id> = p
        .activities
        .iter()
        .flat_map(|a| a.officers.clone())
        .collect();
    let mut officers: Vec<(Id, String)> = p
        .staff
        .iter()
        .filter(|m| named.contains(&m.id))
        .map(|m| (m.id, m.name.clone()))
        .collect();
    officers.sort_by_cached_key(|(_, name)| crate::plan::names::fold(name));
    let choices = Arc::new(Choices { branches, officers });
    state.choices = Some((cx.revision, choices.clone()));
    choices
}

pub(super) fn combo<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<T>,
    options: &[(T, String)],
) {
    let label_response = ui.label(label);
    let shown = value
        .as_ref()
        .and_then(|v| options.iter().find(|(o, _)| o == v))
        .map_or("all".to_string(), |(_, name)| name.clone());
    egui::ComboBox::from_id_salt(("workplan_filter", label))
        .selected_text(shown)
        .width(130.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "all");
            for (option, name) in options {
                ui.selectable_value(value, Some(option.clone()), name);
            }
        })
        .response
        .labelled_by(label_response.id);
}

pub(super) fn filters(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut WorkplanState) {
    let choices = choices(cx, state);
    let p = cx.project;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Search:");
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut state.filter.text)
                    .desired_width(160.0)
                    .hint_text("words in title, place, officer"),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut state.focus_search) {
            search.request_focus();
        }
        let statuses: Vec<(Status, String)> = Status::ALL
            .iter()
            .map(|s| (*s, s.label().to_string()))
            .collect();
        combo(ui, "Status", &mut state.filter.status, &statuses);
        let kinds: Vec<(String, String)> = p
            .settings
            .activity_kinds
            .iter()
            .map(|k| (k.clone(), k.clone()))
            .collect();
        combo(ui, "Kind", &mut state.filter.kind, &kinds);
        let places: Vec<(Id, String)> = p
            .programme
            .jurisdictions
            .iter()
            .map(|j| (j.id, j.name.clone()))
            .collect();
        combo(ui, "Jurisdiction", &mut state.filter.jurisdiction, &places);
        combo(ui, "Objective", &mut state.filter.branch, &choices.branches);
        let donors: Vec<(Id, String)> = p
            .programme
            .donors
            .iter()
            .map(|d| (d.id, d.display_name()))
            .collect();
        combo(ui, "Donor", &mut state.filter.donor, &donors);
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Quick:");
        let week = Filter::this_week(cx.today);
        let month = Filter::this_month(cx.today);
        let is_week = (state.filter.from, state.filter.to) == (Some(week.0), Some(week.1));
        let is_month = (state.filter.from, state.filter.to) == (Some(month.0), Some(month.1));
        if ui
            .selectable_label(is_week, "This week")
            .on_hover_text("Activities with a session this week")
            .clicked()
        {
            (state.filter.from, state.filter.to) = if is_week {
                (None, None)
            } else {
                (Some(week.0), Some(week.1))
            };
        }
        if ui
            .selectable_label(is_month, "This month")
            .on_hover_text("Activities with a session this month")
            .clicked()
        {
            (state.filter.from, state.filter.to) = if is_month {
                (None, None)
            } else {
                (Some(month.0), Some(month.1))
            };
        }
        ui.checkbox(&mut state.filter.not_done, "Not yet done")
            .on_hover_text("Hide activities that are done or cancelled");
        let me = state.me.trim().to_string();
        // "I am" is typed text: the member it names, as an import would find them.
        let me_id = crate::plan::staff::StaffFinder::new(&cx.project.staff).find(&me);
        let mine = me_id.is_some() && state.filter.officer == me_id;
        if ui
            .add_enabled(me_id.is_some(), egui::Button::selectable(mine, "Mine"))
            .on_hover_text("Activities you are the responsible officer of")
            .on_disabled_hover_text("Type your name in “I am” as the staff list writes it")
            .clicked()
        {
            state.filter.officer = if mine { None } else { me_id };
        }
        let me_label = ui.label("I am");
        ui.add(
            egui::TextEdit::singleline(&mut state.me)
                .desired_width(110.0)
                .hint_text("your name"),
        )
        .labelled_by(me_label.id)
        .on_hover_text(
            "Your name as the programme's staff list writes it; remembered on this computer",
        );
        combo(ui, "Officer", &mut state.filter.officer, &choices.officers);
        ui.separator();
        let from_label = ui.label("From");
        if let Some(from) = crate::ui::widgets::date_field::optional_date(
            ui,
            "workplan_from",
            state.filter.from,
            from_label.id,
        ) {
            state.filter.from = from;
        }
        let to_label = ui.label("to");
        if let Some(to) = crate::ui::widgets::date_field::optional_date(
            ui,
            "workplan_to",
            state.filter.to,
            to_label.id,
        ) {
            state.filter.to = to;
        }
        if !state.filter.is_empty()
            && ui
                .button("Clear filters")
                .on_hover_text("Show every activity")
                .clicked()
        {
            state.filter = Filter::default();
        }
    });
}
