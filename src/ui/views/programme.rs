use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::edit::integrity::reference_count;
use crate::model::{Id, Jurisdiction, Organisation, Programme};
use crate::ui::actions::Action;
use crate::ui::context::ViewContext;
use crate::ui::widgets::bound_text::BoundText;
use crate::ui::widgets::date_field::date_field;

/// The edit that replaces the programme with `programme`.
fn edit(programme: Programme, label: &str) -> Edit {
    Edit::new(Command::SetProgramme(Box::new(programme)), label)
}

/// Emits the edit that replaces the programme with `programme`.
fn set(cx: &mut ViewContext<'_>, programme: Programme, label: &str, merge_key: Option<&str>) {
    let mut edit = edit(programme, label);
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
    let programme = &cx.project.programme;
    BoundText::new(get(programme))
        .label(label)
        .desired_width(f32::INFINITY)
        .hint(hint)
        .show(ui, cx, label, |value| {
            let mut programme = programme.clone();
            *put(&mut programme) = value;
            edit(programme, &format!("Edit {}", label.to_lowercase()))
        });
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
                    let programme = &cx.project.programme;
                    BoundText::new(&programme.description)
                        .label("Description")
                        .multiline(3)
                        .desired_width(f32::INFINITY)
                        .show(ui, cx, "Description", |description| {
                            let mut programme = programme.clone();
                            programme.description = description;
                            edit(programme, "Edit description")
                        });
                    ui.end_row();
                });

            ui.add_space(12.0);
            jurisdictions(ui, cx);
            ui.add_space(12.0);
            organisations(ui, cx, OrganisationList::Partners);
            ui.add_space(12.0);
            organisations(ui, cx, OrganisationList::Donors);
            ui.add_space(12.0);
            crate::ui::editors::holidays::show(ui, cx);
            ui.add_space(12.0);
            staff(ui, cx);
            ui.add_space(12.0);
            crate::ui::views::baselines::section(ui, cx);
            ui.add_space(12.0);
            results_thresholds(ui, cx);
            ui.add_space(12.0);
            iati_settings(ui, cx);
        });
}

/// Where an indicator's status turns: on track from one percent of its target, at risk from
/// another, off track below. A drag is one undo step, as typing is.
fn results_thresholds(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    ui.heading("Results thresholds");
    ui.label(
        "An indicator's status against its target, in the periods tables, the tree and the \
         logframe matrix.",
    );
    let current = cx.project.settings.results;
    let mut changed = current;
    ui.horizontal_wrapped(|ui| {
        let mut field = |ui: &mut egui::Ui, label: &str, value: &mut f64, range, tip: &str| {
            let label = ui.label(label);
            let response = ui
                .add(
                    egui::DragValue::new(value)
                        .range(range)
                        .speed(1.0)
                        .suffix(" %"),
                )
                .labelled_by(label.id)
                .on_hover_text(tip);
            if response.drag_stopped() || response.lost_focus() {
                cx.emit(Action::EndTyping);
            }
        };
        field(
            ui,
            "On track from",
            &mut changed.on_track,
            current.at_risk..=1000.0,
            "The percent of its target from which an indicator is on track",
        );
        field(
            ui,
            "at risk from",
            &mut changed.at_risk,
            0.0..=current.on_track,
            "The percent of its target from which an indicator is at risk; below it, off track",
        );
    });
    if changed != current {
        let mut settings = cx.project.settings.clone();
        settings.results = changed;
        cx.emit(Action::Apply(
            Edit::new(
                Command::SetSettings(Box::new(settings)),
                "Change results thresholds",
            )
            .merging("results-thresholds"),
        ));
    }
}

/// What an IATI publication of the programme needs (docs/iati.md): who reports it, under
/// which identifiers, in which sector.
fn iati_settings(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    ui.heading("IATI publication");
    ui.label("Used by the IATI activity XML export; see docs/iati.md.");
    type Field = (
        &'static str,
        &'static str,
        &'static str,
        fn(&Programme) -> &String,
        fn(&mut Programme) -> &mut String,
    );
    let fields: [Field; 5] = [
        (
            "Reporting organisation",
            "e.g. United Nations Office on Drugs and Crime",
            "The organisation that publishes the programme; the implementing office when empty",
            |p| &p.reporting_org,
            |p| &mut p.reporting_org,
        ),
        (
            "Organisation identifier",
            "e.g. XM-DAC-41146",
            "The reporting organisation's IATI organisation identifier",
            |p| &p.reporting_org_ref,
            |p| &mut p.reporting_org_ref,
        ),
        (
            "Organisation type",
            "e.g. 40",
            "The IATI OrganisationType code: 10 government, 21 international NGO, \
             40 multilateral, ...",
            |p| &p.reporting_org_type,
            |p| &mut p.reporting_org_type,
        ),
        (
            "Identifier prefix",
            "the organisation identifier when empty",
            "What the IATI identifiers of the programme and its activities start with, \
             before the short code",
            |p| &p.iati_prefix,
            |p| &mut p.iati_prefix,
        ),
        (
            "Default sector",
            "e.g. 15210",
            "The DAC 5-digit purpose code given to every published activity",
            |p| &p.default_sector,
            |p| &mut p.default_sector,
        ),
    ];
    egui::Grid::new("iati_fields")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for (label, hint, hover, get, put) in fields {
                let programme = &cx.project.programme;
                BoundText::new(get(programme))
                    .label(label)
                    .desired_width(f32::INFINITY)
                    .hint(hint)
                    .hover(hover)
                    .show(ui, cx, label, |value| {
                        let mut programme = programme.clone();
                        *put(&mut programme) = value;
                        edit(programme, &format!("Edit {}", label.to_lowercase()))
                    });
                ui.end_row();
            }
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
    let programme = &cx.project.programme;
    let mut changed: Option<(Programme, &str, Option<String>)> = None;
    egui::Grid::new("jurisdictions")
        .num_columns(4)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.strong("Name");
            ui.strong("Footnote");
            ui.strong("Aliases");
            ui.label("");
            ui.end_row();
            for (index, j) in list.iter().enumerate() {
                cell_text(&j.name, ("jurisdiction_name", j.id), 300.0, "Name").show(
                    ui,
                    cx,
                    format!("jurisdiction_name_{}", j.id),
                    |name| {
                        let mut p = programme.clone();
                        p.jurisdictions[index].name = name;
                        edit(p, "Rename jurisdiction")
                    },
                );
                cell_text(
                    &j.footnote,
                    ("jurisdiction_footnote", j.id),
                    // With the name's 300 and the aliases' 200: room for "The former Yugoslav
                    // Republic of Macedonia", inside a 1024-point window.
                    260.0,
                    "Footnote (optional)",
                )
                .show(
                    ui,
                    cx,
                    format!("jurisdiction_footnote_{}", j.id),
                    |footnote| {
                        let mut p = programme.clone();
                        p.jurisdictions[index].footnote = footnote;
                        edit(p, "Edit footnote")
                    },
                );
                let label = if j.name.is_empty() {
                    "this jurisdiction"
                } else {
                    &j.name
                };
                aliases_cell(
                    ui,
                    cx,
                    &j.aliases,
                    ("jurisdiction_aliases", j.id),
                    label,
                    "jurisdiction",
                    |aliases| {
                        let mut p = programme.clone();
                        p.jurisdictions[index].aliases = aliases;
                        edit(p, "Edit aliases")
                    },
                );
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
            aliases: Vec::new(),
        });
        changed = Some((p, "Add jurisdiction", None));
    }
    if let Some((programme, label, key)) = changed {
        set(cx, programme, label, key.as_deref());
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
    let programme = &cx.project.programme;
    let mut changed: Option<(Vec<Organisation>, String, Option<String>)> = None;
    egui::Grid::new(("organisations", heading))
        .num_columns(4)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.strong("Name");
            ui.strong("Acronym");
            ui.strong("Aliases");
            ui.label("");
            ui.end_row();
            for (index, o) in list.iter().enumerate() {
                cell_text(&o.name, (noun, "name", o.id), 340.0, "Name").show(
                    ui,
                    cx,
                    format!("{noun}_name_{}", o.id),
                    |name| {
                        let mut l = list.clone();
                        l[index].name = name;
                        let programme = with_list(programme.clone(), l);
                        edit(programme, &format!("Rename {noun}"))
                    },
                );
                cell_text(&o.acronym, (noun, "acronym", o.id), 110.0, "Acronym").show(
                    ui,
                    cx,
                    format!("{noun}_acronym_{}", o.id),
                    |acronym| {
                        let mut l = list.clone();
                        l[index].acronym = acronym;
                        let programme = with_list(programme.clone(), l);
                        edit(programme, &format!("Edit {noun} acronym"))
                    },
                );
                let label = if o.name.is_empty() {
                    format!("this {noun}")
                } else {
                    o.name.clone()
                };
                aliases_cell(
                    ui,
                    cx,
                    &o.aliases,
                    (noun, "aliases", o.id),
                    &label,
                    noun,
                    |aliases| {
                        let mut l = list.clone();
                        l[index].aliases = aliases;
                        let programme = with_list(programme.clone(), l);
                        edit(programme, &format!("Edit {noun} aliases"))
                    },
                );
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
            aliases: Vec::new(),
        });
        changed = Some((l, format!("Add {noun}"), None));
    }
    if let Some((l, label, key)) = changed {
        let programme = with_list(cx.project.programme.clone(), l);
        set(cx, programme, &label, key.as_deref());
    }
}

/// The programme's staff: the people activities name as responsible officers, with the
/// other spellings of their names that imports and older files resolve to them.
fn staff(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    use crate::model::StaffMember;
    let set_staff = |list: Vec<StaffMember>, label: &str| Edit::new(Command::SetStaff(list), label);
    ui.heading("Staff");
    ui.label(
        "The people responsible for activities; the activity editor picks officers from them.",
    );
    let list = cx.project.staff.clone();
    let mut changed: Option<(Vec<StaffMember>, &str)> = None;
    egui::Grid::new("programme_staff")
        .num_columns(4)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.strong("Name");
            ui.strong("Role");
            ui.strong("Aliases");
            ui.label("");
            ui.end_row();
            for (index, m) in list.iter().enumerate() {
                cell_text(&m.name, ("staff", "name", m.id), 240.0, "Name").show(
                    ui,
                    cx,
                    format!("staff_name_{}", m.id),
                    |name| {
                        let mut l = list.clone();
                        // A member keeps a name: emptied, the old one stays.
                        if !name.trim().is_empty() {
                            l[index].name = name;
                        }
                        set_staff(l, "Rename staff member")
                    },
                );
                cell_text(&m.role, ("staff", "role", m.id), 180.0, "Role").show(
                    ui,
                    cx,
                    format!("staff_role_{}", m.id),
                    |role| {
                        let mut l = list.clone();
                        l[index].role = role;
                        set_staff(l, "Edit staff member's role")
                    },
                );
                aliases_cell(
                    ui,
                    cx,
                    &m.aliases,
                    ("staff", "aliases", m.id),
                    &m.name,
                    "person",
                    |aliases| {
                        let mut l = list.clone();
                        l[index].aliases = aliases;
                        set_staff(l, "Edit staff member's aliases")
                    },
                );
                if row_remove_button(ui, cx, m.id, &m.name) {
                    let mut l = list.clone();
                    l.remove(index);
                    changed = Some((l, "Remove staff member"));
                }
                ui.end_row();
            }
        });
    if list.is_empty() {
        ui.weak("No staff yet.");
    }
    if ui
        .button("Add staff member")
        .on_hover_text("Add a person to the programme's staff, then type their name")
        .clicked()
    {
        let mut l = list.clone();
        let taken = |name: &str| l.iter().any(|m| m.name == name);
        let mut name = "New staff member".to_string();
        let mut n = 2;
        while taken(&name) {
            name = format!("New staff member {n}");
            n += 1;
        }
        l.push(StaffMember::new(cx.new_id(), name));
        changed = Some((l, "Add staff member"));
    }
    if let Some((l, label)) = changed {
        cx.emit(Action::Apply(set_staff(l, label)));
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
    // Named for screen readers and tests: the icon alone says nothing.
    let label = format!("Remove {name}");
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(label));
    response.clicked()
}

/// The aliases a comma-separated text names: each trimmed, the empty ones dropped.
fn split_aliases(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect()
}

/// The aliases of one list row as one comma-separated field, named "Aliases of NAME" for
/// screen readers and tests.
///
/// The list is stored split, so the text as typed is kept aside while it means the same list:
/// otherwise the comma or space just typed before the next alias would vanish at once.
fn aliases_cell(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    aliases: &[String],
    id_salt: impl Copy + egui::AsIdSalt,
    name: &str,
    noun: &str,
    edit: impl FnOnce(Vec<String>) -> Edit,
) {
    let draft_id = ui.make_persistent_id(("aliases_draft", id_salt));
    let draft: Option<String> = ui.data(|d| d.get_temp(draft_id));
    let shown = draft
        .filter(|d| split_aliases(d) == aliases)
        .unwrap_or_else(|| aliases.join(", "));
    let hover = format!(
        "Other names this {noun} goes by in partners' records, separated by commas (such as \
         FYROM). Spreadsheet import recognises them; a name that fits two entries is reported, \
         never guessed."
    );
    let mut typed = None;
    let response = BoundText::new(&shown)
        .id_salt(id_salt)
        .sized(200.0)
        .hint("Other names, comma-separated")
        .hover(&hover)
        .show(ui, cx, format!("aliases_{:?}", draft_id), |text| {
            let split = split_aliases(&text);
            typed = Some(text);
            if split == aliases {
                // Only separators typed: no step to undo, and nothing unsaved.
                Edit::new(Command::Batch(Vec::new()), "Edit aliases")
            } else {
                edit(split)
            }
        });
    if let Some(text) = typed {
        ui.data_mut(|d| d.insert_temp(draft_id, text));
    } else if !response.has_focus() {
        ui.data_mut(|d| d.remove::<String>(draft_id));
    }
    let label = format!("Aliases of {name}");
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(label));
}

/// A text field in a list row, as wide as its column.
fn cell_text<'a>(
    value: &'a str,
    id_salt: impl egui::AsIdSalt,
    width: f32,
    hint: &'a str,
) -> BoundText<'a, impl egui::AsIdSalt> {
    BoundText::new(value)
        .id_salt(id_salt)
        .sized(width)
        .hint(hint)
        .hover(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_split_on_commas_trimmed_and_never_empty() {
        assert_eq!(
            split_aliases(" FYROM, Macedonia ,, "),
            vec!["FYROM", "Macedonia"]
        );
        assert_eq!(split_aliases(""), Vec::<String>::new());
        assert_eq!(split_aliases(" , "), Vec::<String>::new());
        assert_eq!(split_aliases("Secretariat"), vec!["Secretariat"]);
    }
}
