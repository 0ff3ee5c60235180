//! One meeting: its details (date, times, place, status), the quorum, the page tabs, and the
//! attendance page.

use chrono::NaiveTime;

use super::{CommitteeState, MODES, Page, STATUSES, choice, emit, role_name, text, time_text};
use crate::committee;
use crate::edit::commands::Command;
use crate::model::{Attendance, Committee, Guest, Id, Meeting, Presence};
use crate::ui::context::ViewContext;
use crate::ui::widgets::date_field::date_field;

/// The meeting with `edit` made, as a command.
fn changed(m: &Meeting, edit: impl FnOnce(&mut Meeting)) -> Command {
    let mut m = m.clone();
    edit(&mut m);
    Command::SetMeeting(Box::new(m))
}

pub(super) fn meeting(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut CommitteeState,
    committee: &Committee,
    m: &Meeting,
) {
    ui.heading(format!("Meeting {}", m.number));
    egui::Grid::new(("meeting_details", m.id))
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| details(ui, cx, m));
    let (met, present) = committee::quorum(committee, m);
    if committee.quorum > 0 {
        let text = format!(
            "Quorum: {present} voting members present or represented, {} needed",
            committee.quorum
        );
        if met {
            ui.colored_label(egui::Color32::from_rgb(60, 150, 80), format!("✔ {text}"));
        } else {
            ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {text}"));
        }
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        for (page, name) in [
            (Page::Agenda, "Agenda"),
            (Page::Attendance, "Attendance"),
            (Page::Minutes, "Minutes"),
        ] {
            if ui.selectable_label(state.page == page, name).clicked() {
                state.page = page;
            }
        }
    });
    ui.separator();
    match state.page {
        Page::Agenda => super::agenda::agenda_page(ui, cx, state, committee, m),
        Page::Attendance => attendance_page(ui, cx, committee, m),
        Page::Minutes => super::minutes::minutes_page(ui, cx, committee, m),
    }
}

/// Date, start and planned end, time zone, place and status, as rows of a grid.
fn details(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, m: &Meeting) {
    let label = ui.label("Date");
    let edit = ui
        .horizontal(|ui| {
            let edit = date_field(ui, &format!("meeting_date_{}", m.id), label.id, m.date);
            let holidays = &cx.project.holidays;
            if let Some(why) = crate::committee::day_off(m.date, holidays, &m.place.country) {
                ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {why}"))
                    .on_hover_text(
                        "Members may not be able to attend on a day off; the date is kept as typed",
                    );
            }
            edit
        })
        .inner;
    if let Some(date) = edit.new_value {
        emit(
            cx,
            changed(m, |m| m.date = date),
            "Change meeting date",
            None,
        );
    }
    ui.end_row();
    for (name, value, is_start) in [
        ("Starts (HH:MM)", m.start_time, true),
        ("Planned end (HH:MM)", m.planned_end, false),
    ] {
        ui.label(name);
        let mut t = time_text(value);
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut t)
                    .id_salt((name, m.id))
                    .desired_width(60.0)
                    .hint_text("10:00"),
            )
            .on_hover_text(name);
        if r.changed()
            && let Some(parsed) = if t.trim().is_empty() {
                Some(None)
            } else {
                NaiveTime::parse_from_str(t.trim(), "%H:%M").ok().map(Some)
            }
        {
            let command = changed(m, |m| {
                if is_start {
                    m.start_time = parsed;
                } else {
                    m.planned_end = parsed;
                }
            });
            let key = format!("{name}_{}", m.id);
            emit(cx, command, "Change meeting time", Some(key));
        }
        ui.end_row();
    }
    ui.label("Time zone");
    text(
        ui,
        cx,
        ("meeting_zone", m.id),
        &m.time_zone,
        160.0,
        "e.g. Europe/Vienna",
        "Change time zone",
        format!("zone_{}", m.id),
        |zone| changed(m, |m| m.time_zone = zone),
    );
    ui.end_row();
    ui.label("Place");
    ui.horizontal(|ui| place(ui, cx, m));
    ui.end_row();
    ui.label("Status");
    let mut status = m.status;
    choice(
        ui,
        ("meeting_status", m.id),
        &mut status,
        &STATUSES,
        "Where the meeting stands",
    );
    if status != m.status {
        emit(
            cx,
            changed(m, |m| m.status = status),
            "Change meeting status",
            None,
        );
    }
    ui.end_row();
}

/// How members attend, and the city and country.
fn place(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, m: &Meeting) {
    let mut mode = m.place.mode;
    choice(
        ui,
        ("meeting_mode", m.id),
        &mut mode,
        &MODES,
        "How members attend",
    );
    if mode != m.place.mode {
        emit(
            cx,
            changed(m, |m| m.place.mode = mode),
            "Change place",
            None,
        );
    }
    text(
        ui,
        cx,
        ("meeting_city", m.id),
        &m.place.city,
        120.0,
        "City",
        "Change place",
        format!("city_{}", m.id),
        |city| changed(m, |m| m.place.city = city),
    );
    text(
        ui,
        cx,
        ("meeting_country", m.id),
        &m.place.country,
        // Room for the region's longest names ("Bosnia and Herzegovina").
        180.0,
        "Country",
        "Change place",
        format!("country_{}", m.id),
        |country| changed(m, |m| m.place.country = country),
    );
}

fn presence_name(p: Option<Presence>) -> &'static str {
    match p {
        None => "not recorded",
        Some(Presence::Present) => "Present",
        Some(Presence::Represented) => "Represented",
        Some(Presence::Apologies) => "Apologies",
        Some(Presence::Absent) => "Absent",
    }
}

fn attendance_page(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    committee: &Committee,
    m: &Meeting,
) {
    if committee.members.is_empty() {
        ui.label("The committee has no members yet: add them on the left.");
    }
    let unrecorded: Vec<Id> = committee
        .members
        .iter()
        .map(|x| x.id)
        .filter(|id| m.attendance.iter().all(|a| a.member != *id))
        .collect();
    if ui
        .add_enabled(!unrecorded.is_empty(), egui::Button::new("All present"))
        .on_hover_text(
            "Record every member not yet recorded as present; what is already recorded stays",
        )
        .clicked()
    {
        let mut list = m.attendance.clone();
        list.extend(unrecorded.into_iter().map(|member| Attendance {
            member,
            presence: Presence::Present,
            represented_by: String::new(),
        }));
        // Keep the committee's order of members.
        let order: Vec<Id> = committee.members.iter().map(|x| x.id).collect();
        list.sort_by_key(|a| order.iter().position(|&x| x == a.member));
        let command = Command::SetAttendance {
            meeting: m.id,
            attendance: list,
        };
        emit(cx, command, "Record all present", None);
    }
    // Names take what the presence and stand-in columns leave, so no row runs past the panel.
    let name_width = (ui.available_width() - 130.0 - 150.0 - 40.0).clamp(140.0, 480.0);
    egui::Grid::new(("attendance", m.id))
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for member in &committee.members {
                let name = format!("{} ({})", member.name, role_name(member.role));
                let size = egui::vec2(name_width, ui.spacing().interact_size.y);
                let layout = egui::Layout::left_to_right(egui::Align::Center);
                ui.allocate_ui_with_layout(size, layout, |ui| {
                    ui.set_min_width(name_width);
                    ui.add(egui::Label::new(name).truncate());
                });
                let current = m.attendance.iter().find(|a| a.member == member.id);
                let mut presence = current.map(|a| a.presence);
                egui::ComboBox::from_id_salt(("presence", m.id, member.id))
                    .selected_text(presence_name(presence))
                    .show_ui(ui, |ui| {
                        for p in [
                            None,
                            Some(Presence::Present),
                            Some(Presence::Represented),
                            Some(Presence::Apologies),
                            Some(Presence::Absent),
                        ] {
                            ui.selectable_value(&mut presence, p, presence_name(p));
                        }
                    })
                    .response
                    .on_hover_text(format!("Attendance of {}", member.name));
                if presence != current.map(|a| a.presence) {
                    let mut list = m.attendance.clone();
                    list.retain(|a| a.member != member.id);
                    if let Some(presence) = presence {
                        list.push(Attendance {
                            member: member.id,
                            presence,
                            represented_by: String::new(),
                        });
                        // Keep the committee's order of members.
                        let order: Vec<Id> = committee.members.iter().map(|x| x.id).collect();
                        list.sort_by_key(|a| order.iter().position(|&x| x == a.member));
                    }
                    let command = Command::SetAttendance {
                        meeting: m.id,
                        attendance: list,
                    };
                    emit(cx, command, "Record attendance", None);
                }
                let by = current.map_or("", |a| a.represented_by.as_str());
                let enabled = presence == Some(Presence::Represented);
                ui.add_enabled_ui(enabled, |ui| {
                    text(
                        ui,
                        cx,
                        ("represented_by", m.id, member.id),
                        by,
                        150.0,
                        "represented by",
                        "Record attendance",
                        format!("represented_{}_{}", m.id, member.id),
                        |by| {
                            let mut list = m.attendance.clone();
                            if let Some(a) = list.iter_mut().find(|a| a.member == member.id) {
                                a.represented_by = by;
                            }
                            Command::SetAttendance {
                                meeting: m.id,
                                attendance: list,
                            }
                        },
                    );
                });
                ui.end_row();
            }
        });
    guests(ui, cx, m);
}

/// Observers and guests: people at the meeting who are not members, with their organisation.
/// They are listed in the minutes and never count for the quorum.
fn guests(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, m: &Meeting) {
    ui.add_space(8.0);
    ui.strong("Observers and guests")
        .on_hover_text("People who attend but are not members; they do not count for the quorum");
    for (index, guest) in m.guests.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            text(
                ui,
                cx,
                ("guest_name", m.id, index),
                &guest.name,
                180.0,
                "Guest's name",
                "Edit guest",
                format!("guest_name_{}_{index}", m.id),
                |name| changed(m, |m| m.guests[index].name = name),
            );
            text(
                ui,
                cx,
                ("guest_organisation", m.id, index),
                &guest.organisation,
                200.0,
                "Guest's organisation",
                "Edit guest",
                format!("guest_organisation_{}_{index}", m.id),
                |organisation| changed(m, |m| m.guests[index].organisation = organisation),
            );
            if ui
                .small_button("✖")
                .on_hover_text(format!("Remove {} from the guests", guest.name))
                .clicked()
            {
                emit(
                    cx,
                    changed(m, |m| {
                        m.guests.remove(index);
                    }),
                    "Remove guest",
                    None,
                );
            }
        });
    }
    if ui
        .button("Add guest")
        .on_hover_text("Add an observer or guest who is not a member")
        .clicked()
    {
        let command = changed(m, |m| m.guests.push(Guest::default()));
        emit(cx, command, "Add guest", None);
    }
}
