use super::actions::Action;
use super::app::ViewContext;
use super::date_field::date_field;
use crate::commands::Command;
use crate::history::Edit;
use crate::integrity::reference_count;
use crate::model::{Id, Jurisdiction, Organisation, Programme};

/// Emits the edit that replaces the programme with `programme`.
fn set(cx: &mut ViewContext<'_>, programme: Programme, label: &str, merge_key: Option<&str>) {
    let mut edit = Edit::new(Command::SetProgramme(Box::new(programme)), label);
    if let Some(key) = merge_key {
        edit = edit.merging(key);
    }
    cx.emit(Action::Apply(edit));
}

/// A labelled one-line text field bound to one programme field.
fn text_row(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    label: &str,
    hint: &str,
    get: fn(&Programme) -> &String,
    put: fn(&mut Programme) -> &mut String,
) {
    let label_response = ui.label(label);
    let mut value = get(&cx.project.programme).clone();
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut value)
                .desired_width(f32::INFINITY)
                .hint_text(hint),
        )
        .labelled_by(label_response.id);
    if response.changed() {
        let mut programme = cx.project.programme.clone();
        *put(&mut programme) = value;
        set(
            cx,
            programme,
            &format!("Edit {}", label.to_lowercase()),
            Some(label),
        );
    }
    if response.lost_focus() {
        cx.emit(Action::EndTyping);
    }
    ui.end_row();
}

/// The programme's properties: title, code, office, period, description, and the lists of
/// beneficiary jurisdictions, strategic partners and donors.
pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.set_max_width(900.0);
            ui.heading("Programme properties");
            ui.add_space(4.0);
            egui::Grid::new("programme_fields")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .striped(false)
                .show(ui, |ui| {
                    text_row(
                        ui,
                        cx,
                        "Title",
                        "Name of the programme",
                        |p| &p.title,
                        |p| &mut p.title,
                    );
                    text_row(
                        ui,
                        cx,
                        "Short code",
                        "e.g. XSEE",
                        |p| &p.code,
                        |p| &mut p.code,
                    );
                    text_row(
                        ui,
                        cx,
                        "Implementing office",
                        "The office that runs the programme",
                        |p| &p.office,
                        |p| &mut p.office,
                    );
                    period_rows(ui, cx);
                    let label = ui.label("Description");
                    let mut description = cx.project.programme.description.clone();
                    let response = ui
                        .add(
                            egui::TextEdit::multiline(&mut description)
                                .desired_rows(3)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                    if response.changed() {
                        let mut programme = cx.project.programme.clone();
                        programme.description = description;
                        set(cx, programme, "Edit description", Some("Description"));
                    }
                    if response.lost_focus() {
                        cx.emit(Action::EndTyping);
                    }
                    ui.end_row();
                });

            ui.add_space(12.0);
            jurisdictions(ui, cx);
            ui.add_space(12.0);
            organisations(ui, cx, OrganisationList::Partners);
            ui.add_space(12.0);
            organisations(ui, cx, OrganisationList::Donors);
            ui.add_space(12.0);
            super::holidays_editor::show(ui, cx);
        });
}

fn period_rows(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    let p = &cx.project.programme;
    for (label, value, is_start) in [("Start", p.start, true), ("End", p.end, false)] {
        let label_response = ui.label(label);
        let edit = date_field(ui, &format!("programme_{label}"), label_response.id, value);
        if let Some(date) = edit.new_value {
            let mut programme = cx.project.programme.clone();
            if is_start {
                programme.start = date;
            } else {
                programme.end = date;
            }
            set(
                cx,
                programme,
                &format!("Change {} date", label.to_lowercase()),
                Some(label),
            );
        }
        if edit.lost_focus {
            cx.emit(Action::EndTyping);
        }
        ui.end_row();
    }
}

fn jurisdictions(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    ui.heading("Beneficiary jurisdictions");
    ui.label("Each with an optional footnote, printed with the name in reports and calendars.");
    let list = cx.project.programme.jurisdictions.clone();
    let mut changed: Option<(Programme, &str, Option<String>)> = None;
    let mut end_typing = false;
    egui::Grid::new("jurisdictions")
        .num_columns(3)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.strong("Name");
            ui.strong("Footnote");
            ui.label("");
            ui.end_row();
            for (index, j) in list.iter().enumerate() {
                let mut name = j.name.clone();
                let r = cell_text(ui, &mut name, ("jurisdiction_name", j.id), 300.0, "Name");
                if r.changed() {
                    let mut p = cx.project.programme.clone();
                    p.jurisdictions[index].name = name;
                    changed = Some((
                        p,
                        "Rename jurisdiction",
                        Some(format!("jurisdiction_name_{}", j.id)),
                    ));
                }
                end_typing |= r.lost_focus();
                let mut footnote = j.footnote.clone();
                let r = cell_text(
                    ui,
                    &mut footnote,
                    ("jurisdiction_footnote", j.id),
                    420.0,
                    "Footnote (optional)",
                );
                if r.changed() {
                    let mut p = cx.project.programme.clone();
                    p.jurisdictions[index].footnote = footnote;
                    changed = Some((
                        p,
                        "Edit footnote",
                        Some(format!("jurisdiction_footnote_{}", j.id)),
                    ));
                }
                end_typing |= r.lost_focus();
                let label = if j.name.is_empty() {
                    "this jurisdiction"
                } else {
                    &j.name
                };
                if row_remove_button(ui, cx, j.id, label) {
                    let mut p = cx.project.programme.clone();
                    p.jurisdictions.remove(index);
                    changed = Some((p, "Remove jurisdiction", None));
                }
                ui.end_row();
            }
        });
    if ui
        .button("Add jurisdiction")
        .on_hover_text("Add a beneficiary jurisdiction")
        .clicked()
    {
        let mut p = cx.project.programme.clone();
        p.jurisdictions.push(Jurisdiction {
            id: cx.new_id(),
            name: String::new(),
            footnote: String::new(),
        });
        changed = Some((p, "Add jurisdiction", None));
    }
    if let Some((programme, label, key)) = changed {
        set(cx, programme, label, key.as_deref());
    }
    if end_typing {
        cx.emit(Action::EndTyping);
    }
}

#[derive(Clone, Copy)]
enum OrganisationList {
    Partners,
    Donors,
}

fn organisations(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, which: OrganisationList) {
    let (heading, noun, explain) = match which {
        OrganisationList::Partners => (
            "Strategic partners",
            "partner",
            "Organisations the programme works with.",
        ),
        OrganisationList::Donors => (
            "Donors and funds",
            "donor",
            "Governments and funding instruments (such as trust funds) that pay for activities.",
        ),
    };
    let list_of = |p: &Programme| -> Vec<Organisation> {
        match which {
            OrganisationList::Partners => p.partners.clone(),
            OrganisationList::Donors => p.donors.clone(),
        }
    };
    let with_list = |mut p: Programme, list: Vec<Organisation>| -> Programme {
        match which {
            OrganisationList::Partners => p.partners = list,
            OrganisationList::Donors => p.donors = list,
        }
        p
    };
    ui.heading(heading);
    ui.label(explain);
    let list = list_of(&cx.project.programme);
    let mut changed: Option<(Vec<Organisation>, String, Option<String>)> = None;
    let mut end_typing = false;
    egui::Grid::new(("organisations", heading))
        .num_columns(3)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.strong("Name");
            ui.strong("Acronym");
            ui.label("");
            ui.end_row();
            for (index, o) in list.iter().enumerate() {
                let mut name = o.name.clone();
                let r = cell_text(ui, &mut name, (noun, "name", o.id), 420.0, "Name");
                if r.changed() {
                    let mut l = list.clone();
                    l[index].name = name;
                    changed = Some((
                        l,
                        format!("Rename {noun}"),
                        Some(format!("{noun}_name_{}", o.id)),
                    ));
                }
                end_typing |= r.lost_focus();
                let mut acronym = o.acronym.clone();
                let r = cell_text(ui, &mut acronym, (noun, "acronym", o.id), 120.0, "Acronym");
                if r.changed() {
                    let mut l = list.clone();
                    l[index].acronym = acronym;
                    changed = Some((
                        l,
                        format!("Edit {noun} acronym"),
                        Some(format!("{noun}_acronym_{}", o.id)),
                    ));
                }
                end_typing |= r.lost_focus();
                let label = if o.name.is_empty() {
                    format!("this {noun}")
                } else {
                    o.name.clone()
                };
                if row_remove_button(ui, cx, o.id, &label) {
                    let mut l = list.clone();
                    l.remove(index);
                    changed = Some((l, format!("Remove {noun}"), None));
                }
                ui.end_row();
            }
        });
    if ui
        .button(format!("Add {noun}"))
        .on_hover_text(format!("Add a {noun} to the list"))
        .clicked()
    {
        let mut l = list.clone();
        l.push(Organisation {
            id: cx.new_id(),
            name: String::new(),
            acronym: String::new(),
            notes: String::new(),
            through: Vec::new(),
        });
        changed = Some((l, format!("Add {noun}"), None));
    }
    if let Some((l, label, key)) = changed {
        let programme = with_list(cx.project.programme.clone(), l);
        set(cx, programme, &label, key.as_deref());
    }
    if end_typing {
        cx.emit(Action::EndTyping);
    }
}

/// The remove button of a list row; disabled, with the reason, while anything links to it.
fn row_remove_button(ui: &mut egui::Ui, cx: &ViewContext<'_>, id: Id, name: &str) -> bool {
    let uses = reference_count(cx.project, id);
    let response = ui
        .add_enabled(uses == 0, egui::Button::new("🗑"))
        .on_hover_text(format!("Remove {name}"))
        .on_disabled_hover_text(format!(
            "{name} cannot be removed while {uses} link(s) in the project point to it"
        ));
    response.clicked()
}

/// A text field in a list row. Sized explicitly: a grid cell would otherwise shrink it to
/// the width the column had in the previous frame.
fn cell_text(
    ui: &mut egui::Ui,
    text: &mut String,
    id_salt: impl egui::AsIdSalt,
    width: f32,
    hint: &str,
) -> egui::Response {
    let height = ui.spacing().interact_size.y;
    ui.add_sized(
        [width, height],
        egui::TextEdit::singleline(text)
            .id_salt(id_salt)
            .hint_text(hint),
    )
    .on_hover_text(hint)
}
