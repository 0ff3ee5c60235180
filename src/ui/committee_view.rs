//! The steering committee: members, meetings, and for the selected meeting its details,
//! attendance with the quorum, the agenda with its running clock, and the minutes.

use chrono::{NaiveTime, Timelike};

use super::actions::Action;
use super::app::ViewContext;
use super::date_field::{date_field, optional_date};
use crate::agenda;
use crate::commands::Command;
use crate::history::Edit;
use crate::model::{
    ActionPoint, ActionStatus, AgendaItem, Attendance, Committee, Decision, Id, Meeting,
    MeetingStatus, Member, PlaceMode, Presence, Purpose, Role,
};

#[derive(Default)]
pub struct CommitteeState {
    pub meeting: Option<Id>,
    pub page: Page,
    /// The agenda item Alt+Up/Down moves.
    pub item: Option<Id>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    Agenda,
    Attendance,
    Minutes,
}

fn set(cx: &mut ViewContext<'_>, committee: Committee, label: &str, key: Option<String>) {
    let mut edit = Edit::new(Command::SetCommittee(Box::new(committee)), label);
    if let Some(key) = key {
        edit = edit.merging(key);
    }
    cx.emit(Action::Apply(edit));
}

/// A one-line text field; returns the new text when it changed, and ends typing on focus loss.
fn text(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    id: impl egui::AsIdSalt,
    value: &str,
    width: f32,
    hint: &str,
) -> Option<String> {
    let mut text = value.to_string();
    // Sized explicitly: inside a grid a text field would shrink to the column's last width.
    let height = ui.spacing().interact_size.y;
    let response = ui
        .add_sized(
            [width, height],
            egui::TextEdit::singleline(&mut text)
                .id_salt(id)
                .hint_text(hint),
        )
        .on_hover_text(hint);
    if response.lost_focus() {
        cx.emit(Action::EndTyping);
    }
    response.changed().then_some(text)
}

/// A list typed as text with `;` between values. The typed text is kept while the field has
/// the keyboard, so a trailing "; " survives until the next value is typed.
fn list_field(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    id: impl std::hash::Hash + std::fmt::Debug,
    values: &[String],
    hint: &str,
) -> Option<Vec<String>> {
    let buffer = ui.make_persistent_id(("list_field", id));
    let mut text = ui
        .data(|d| d.get_temp::<String>(buffer))
        .unwrap_or_else(|| values.join("; "));
    let height = ui.spacing().interact_size.y;
    let response = ui
        .add_sized(
            [140.0, height],
            egui::TextEdit::singleline(&mut text)
                .id(buffer.with("field"))
                .hint_text(hint),
        )
        .on_hover_text(hint);
    let mut result = None;
    if response.changed() {
        let list: Vec<String> = text
            .split(';')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect();
        if list != values {
            result = Some(list);
        }
        ui.data_mut(|d| d.insert_temp(buffer, text));
    }
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(buffer));
        cx.emit(Action::EndTyping);
    }
    result
}

const ROLES: [(Role, &str); 5] = [
    (Role::Chair, "Chair"),
    (Role::CoChair, "Co-chair"),
    (Role::Secretary, "Secretary"),
    (Role::Member, "Member"),
    (Role::Observer, "Observer"),
];
const MODES: [(PlaceMode, &str); 3] = [
    (PlaceMode::InPerson, "In person"),
    (PlaceMode::Online, "Online"),
    (PlaceMode::Hybrid, "Hybrid"),
];
const STATUSES: [(MeetingStatus, &str); 4] = [
    (MeetingStatus::Draft, "Draft"),
    (MeetingStatus::AgendaCirculated, "Agenda circulated"),
    (MeetingStatus::Held, "Held"),
    (MeetingStatus::MinutesApproved, "Minutes approved"),
];
const PURPOSES: [(Purpose, &str); 3] = [
    (Purpose::Decision, "For decision"),
    (Purpose::Discussion, "For discussion"),
    (Purpose::Information, "For information"),
];
const ACTION_STATUSES: [(ActionStatus, &str); 4] = [
    (ActionStatus::Open, "Open"),
    (ActionStatus::InProgress, "In progress"),
    (ActionStatus::Done, "Done"),
    (ActionStatus::Dropped, "Dropped"),
];

/// The name a table above gives a value.
fn name_of<T: PartialEq>(options: &[(T, &'static str)], value: T) -> &'static str {
    options
        .iter()
        .find(|(v, _)| *v == value)
        .map_or("", |(_, name)| name)
}

fn role_name(role: Role) -> &'static str {
    name_of(&ROLES, role)
}

fn status_name(status: MeetingStatus) -> &'static str {
    name_of(&STATUSES, status)
}

/// A drop-down over a fixed list of named values.
fn choice<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    value: &mut T,
    options: &[(T, &str)],
    hint: &str,
) {
    let shown = options
        .iter()
        .find(|(v, _)| v == value)
        .map_or("", |(_, name)| name);
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for (option, name) in options {
                ui.selectable_value(value, *option, *name);
            }
        })
        .response
        .on_hover_text(hint);
}

fn meeting_title(m: &Meeting) -> String {
    format!(
        "Meeting {} — {}, {} ({})",
        m.number,
        m.date,
        m.place.label(),
        status_name(m.status)
    )
}

pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut CommitteeState) {
    let committee = cx.project.committee.clone();
    if state
        .meeting
        .is_none_or(|id| !committee.meetings.iter().any(|m| m.id == id))
    {
        state.meeting = committee.meetings.last().map(|m| m.id);
    }
    egui::Panel::left("committee_side")
        .resizable(true)
        .default_size(340.0)
        .min_size(260.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| side(ui, cx, state, &committee));
        });
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(index) = state
            .meeting
            .and_then(|id| committee.meetings.iter().position(|m| m.id == id))
        else {
            ui.vertical_centered(|ui| {
                ui.add_space(40.0);
                ui.heading("No meeting yet");
                ui.label("“New meeting” starts one from the standard agenda.");
            });
            return;
        };
        egui::ScrollArea::both()
            .auto_shrink(false)
            .show(ui, |ui| meeting(ui, cx, state, &committee, index));
    });
}

fn side(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut CommitteeState,
    committee: &Committee,
) {
    ui.horizontal(|ui| {
        ui.label("Name");
        if let Some(name) = text(
            ui,
            cx,
            "committee_name",
            &committee.name,
            200.0,
            "Steering Committee",
        ) {
            let mut c = committee.clone();
            c.name = name;
            set(cx, c, "Rename committee", Some("committee_name".into()));
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Quorum");
        let mut quorum = committee.quorum;
        if ui
            .add(egui::DragValue::new(&mut quorum).range(0..=200))
            .labelled_by(label.id)
            .on_hover_text("Least number of voting members present or represented; 0 for no rule")
            .changed()
        {
            let mut c = committee.clone();
            c.quorum = quorum;
            set(cx, c, "Change quorum", Some("committee_quorum".into()));
        }
    });
    egui::CollapsingHeader::new("Terms of reference")
        .default_open(false)
        .show(ui, |ui| {
            let mut text = committee.terms_of_reference.clone();
            let response = ui.add(
                egui::TextEdit::multiline(&mut text)
                    .id_salt("terms_of_reference")
                    .desired_rows(6)
                    .desired_width(f32::INFINITY)
                    .hint_text("The committee's role, structure and tasks"),
            );
            if response.changed() {
                let mut c = committee.clone();
                c.terms_of_reference = text;
                set(
                    cx,
                    c,
                    "Edit terms of reference",
                    Some("terms_of_reference".into()),
                );
            }
            if response.lost_focus() {
                cx.emit(Action::EndTyping);
            }
        });
    ui.separator();
    ui.strong("Meetings");
    for m in &committee.meetings {
        if ui
            .selectable_label(state.meeting == Some(m.id), meeting_title(m))
            .clicked()
        {
            state.meeting = Some(m.id);
        }
    }
    if ui
        .button("New meeting")
        .on_hover_text("A new meeting with the standard agenda, which you then edit")
        .clicked()
    {
        let mut c = committee.clone();
        let mut new_id = || cx.new_id();
        let agenda = agenda::template(&mut new_id);
        let number = c.meetings.iter().map(|m| m.number).max().unwrap_or(0) + 1;
        let last = c.meetings.last();
        let date = last.map_or(cx.today, |m| crate::calendar::shift_months(m.date, 6));
        let id = cx.new_id();
        c.meetings.push(Meeting {
            id,
            number,
            date,
            start_time: NaiveTime::from_hms_opt(10, 0, 0),
            time_zone: last.map(|m| m.time_zone.clone()).unwrap_or_default(),
            planned_end: NaiveTime::from_hms_opt(13, 0, 0),
            place: last.map(|m| m.place.clone()).unwrap_or_default(),
            status: MeetingStatus::Draft,
            attendance: Vec::new(),
            agenda,
        });
        set(cx, c, "New meeting", None);
        state.meeting = Some(id);
    }
    ui.separator();
    egui::CollapsingHeader::new(format!("Members ({})", committee.members.len()))
        .default_open(false)
        .show(ui, |ui| {
            for (index, member) in committee.members.iter().enumerate() {
                ui.group(|ui| {
                    if let Some(name) = text(
                        ui,
                        cx,
                        ("member_name", member.id),
                        &member.name,
                        240.0,
                        "Name",
                    ) {
                        let mut c = committee.clone();
                        c.members[index].name = name;
                        set(
                            cx,
                            c,
                            "Rename member",
                            Some(format!("member_name_{}", member.id)),
                        );
                    }
                    ui.horizontal(|ui| {
                        let mut role = member.role;
                        choice(ui, ("member_role", member.id), &mut role, &ROLES, "Role");
                        if role != member.role {
                            let mut c = committee.clone();
                            c.members[index].role = role;
                            set(cx, c, "Change role", None);
                        }
                        if ui
                            .small_button("✖")
                            .on_hover_text(format!("Remove {} from the committee", member.name))
                            .clicked()
                        {
                            let mut c = committee.clone();
                            c.members.remove(index);
                            for m in &mut c.meetings {
                                m.attendance.retain(|a| a.member != member.id);
                            }
                            set(cx, c, "Remove member", None);
                        }
                    });
                    let mut jurisdiction = member.jurisdiction;
                    let name = |id: Option<Id>| {
                        id.and_then(|id| cx.project.jurisdiction(id))
                            .map_or("no jurisdiction".to_string(), |j| j.name.clone())
                    };
                    egui::ComboBox::from_id_salt(("member_jurisdiction", member.id))
                        .selected_text(name(jurisdiction))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut jurisdiction, None, "no jurisdiction");
                            for j in &cx.project.programme.jurisdictions {
                                ui.selectable_value(&mut jurisdiction, Some(j.id), &j.name);
                            }
                        })
                        .response
                        .on_hover_text("The beneficiary jurisdiction this member represents");
                    if jurisdiction != member.jurisdiction {
                        let mut c = committee.clone();
                        c.members[index].jurisdiction = jurisdiction;
                        set(cx, c, "Change jurisdiction", None);
                    }
                    if let Some(org) = text(
                        ui,
                        cx,
                        ("member_org", member.id),
                        &member.organisation,
                        240.0,
                        "Organisation",
                    ) {
                        let mut c = committee.clone();
                        c.members[index].organisation = org;
                        set(
                            cx,
                            c,
                            "Edit organisation",
                            Some(format!("member_org_{}", member.id)),
                        );
                    }
                    if let Some(email) = text(
                        ui,
                        cx,
                        ("member_email", member.id),
                        &member.email,
                        240.0,
                        "E-mail",
                    ) {
                        let mut c = committee.clone();
                        c.members[index].email = email;
                        set(
                            cx,
                            c,
                            "Edit e-mail",
                            Some(format!("member_email_{}", member.id)),
                        );
                    }
                });
            }
            if ui
                .button("Add member")
                .on_hover_text("Add a member to the committee")
                .clicked()
            {
                let mut c = committee.clone();
                c.members.push(Member {
                    id: cx.new_id(),
                    name: "New member".into(),
                    role: Role::Member,
                    organisation: String::new(),
                    jurisdiction: None,
                    email: String::new(),
                });
                set(cx, c, "Add member", None);
            }
        });
}

fn time_text(t: Option<NaiveTime>) -> String {
    t.map(|t| format!("{:02}:{:02}", t.hour(), t.minute()))
        .unwrap_or_default()
}

fn meeting(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut CommitteeState,
    committee: &Committee,
    index: usize,
) {
    let m = &committee.meetings[index];
    ui.heading(format!("Meeting {}", m.number));
    let mut changed: Option<(Committee, String, Option<String>)> = None;
    egui::Grid::new(("meeting_details", m.id))
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("Date");
            let edit = date_field(ui, &format!("meeting_date_{}", m.id), label.id, m.date);
            if let Some(date) = edit.new_value {
                let mut c = committee.clone();
                c.meetings[index].date = date;
                changed = Some((c, "Change meeting date".into(), None));
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
                    let mut c = committee.clone();
                    if is_start {
                        c.meetings[index].start_time = parsed;
                    } else {
                        c.meetings[index].planned_end = parsed;
                    }
                    changed = Some((
                        c,
                        "Change meeting time".into(),
                        Some(format!("{name}_{}", m.id)),
                    ));
                }
                ui.end_row();
            }
            ui.label("Time zone");
            if let Some(zone) = text(
                ui,
                cx,
                ("meeting_zone", m.id),
                &m.time_zone,
                160.0,
                "e.g. Europe/Vienna",
            ) {
                let mut c = committee.clone();
                c.meetings[index].time_zone = zone;
                changed = Some((c, "Change time zone".into(), Some(format!("zone_{}", m.id))));
            }
            ui.end_row();
            ui.label("Place");
            ui.horizontal(|ui| {
                let mut mode = m.place.mode;
                choice(
                    ui,
                    ("meeting_mode", m.id),
                    &mut mode,
                    &MODES,
                    "How members attend",
                );
                if mode != m.place.mode {
                    let mut c = committee.clone();
                    c.meetings[index].place.mode = mode;
                    changed = Some((c, "Change place".into(), None));
                }
                if let Some(city) =
                    text(ui, cx, ("meeting_city", m.id), &m.place.city, 120.0, "City")
                {
                    let mut c = committee.clone();
                    c.meetings[index].place.city = city;
                    changed = Some((c, "Change place".into(), Some(format!("city_{}", m.id))));
                }
                if let Some(country) = text(
                    ui,
                    cx,
                    ("meeting_country", m.id),
                    &m.place.country,
                    120.0,
                    "Country",
                ) {
                    let mut c = committee.clone();
                    c.meetings[index].place.country = country;
                    changed = Some((c, "Change place".into(), Some(format!("country_{}", m.id))));
                }
            });
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
                let mut c = committee.clone();
                c.meetings[index].status = status;
                changed = Some((c, "Change meeting status".into(), None));
            }
            ui.end_row();
        });
    let (met, present) = agenda::quorum(committee, m);
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
    if let Some(c) = match state.page {
        Page::Agenda => agenda_page(ui, cx, state, committee, index),
        Page::Attendance => attendance_page(ui, committee, index),
        Page::Minutes => minutes_page(ui, cx, committee, index),
    } {
        changed = Some(c);
    }
    if let Some((c, label, key)) = changed {
        set(cx, c, &label, key);
    }
}

type Change = (Committee, String, Option<String>);

fn agenda_page(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut CommitteeState,
    committee: &Committee,
    index: usize,
) -> Option<Change> {
    let m = &committee.meetings[index];
    let timing = agenda::timing(m);
    let mut changed = None;
    if ui
        .button("Draft from the workplan")
        .on_hover_text(
            "Fill the progress items from the plan since the previous meeting (per pillar done, under way, \
             postponed), the activities planned until the next one, proposals needing a decision and open \
             action points. Running it again updates these lines and leaves your own text alone.",
        )
        .clicked()
    {
        let mut c = committee.clone();
        let mut new_id = || cx.new_id();
        c.meetings[index] = agenda::draft_from_workplan(cx.project, m, &mut new_id);
        changed = Some((c, "Draft agenda from the workplan".into(), None));
    }
    let arising = agenda::carried_over(committee, m);
    if !arising.is_empty() {
        ui.strong("Matters arising: open action points");
        for (number, action) in &arising {
            ui.label(format!(
                "• {} (meeting {number}; {}{})",
                action.text,
                if action.owner.is_empty() {
                    "no owner"
                } else {
                    &action.owner
                },
                action.due.map(|d| format!(", due {d}")).unwrap_or_default()
            ));
        }
        ui.separator();
    }
    let times = |id: Id| timing.items.iter().find(|t| t.item == id);
    let move_item =
        |c: &mut Committee, from: usize, to: usize| c.meetings[index].agenda.swap(from, to);
    let count = m.agenda.len();
    // Alt+Up/Down move the selected item when no text field has the keyboard.
    if !ui.ctx().egui_wants_keyboard_input()
        && let Some(i) = state
            .item
            .and_then(|id| m.agenda.iter().position(|x| x.id == id))
    {
        let up = ui.input_mut(|inp| inp.consume_key(egui::Modifiers::ALT, egui::Key::ArrowUp));
        let down = ui.input_mut(|inp| inp.consume_key(egui::Modifiers::ALT, egui::Key::ArrowDown));
        if up && i > 0 {
            let mut c = committee.clone();
            move_item(&mut c, i, i - 1);
            changed = Some((c, "Move agenda item".into(), None));
        } else if down && i + 1 < count {
            let mut c = committee.clone();
            move_item(&mut c, i, i + 1);
            changed = Some((c, "Move agenda item".into(), None));
        }
    }
    egui::Grid::new(("agenda", m.id))
        .num_columns(7)
        .striped(true)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for title in ["No.", "Time", "Item", "Purpose", "Presenter", "Minutes", ""] {
                ui.strong(title);
            }
            ui.end_row();
            for (i, item) in m.agenda.iter().enumerate() {
                let rows = std::iter::once((item, None)).chain(
                    item.sub_items
                        .iter()
                        .enumerate()
                        .map(|(s, sub)| (sub, Some(s))),
                );
                for (entry, sub) in rows {
                    let t = times(entry.id);
                    let number = t.map(|t| t.number.clone()).unwrap_or_default();
                    let (number, hint) = if entry.generated {
                        (
                            format!("{number} ⚙"),
                            "Written from the workplan (it links to its activities); drafting again updates it",
                        )
                    } else {
                        (number, "Select; Alt+Up/Down move it")
                    };
                    if ui
                        .selectable_label(state.item == Some(entry.id), &number)
                        .on_hover_text(hint)
                        .clicked()
                    {
                        state.item = Some(entry.id);
                    }
                    let span = t
                        .map(|t| format!("{}–{}", t.start.format("%H:%M"), t.end.format("%H:%M")))
                        .unwrap_or_default();
                    if sub.is_none() {
                        // The time is the handle to drag an item to another place.
                        let handle = ui.make_persistent_id(("agenda_drag", entry.id));
                        let response = ui
                            .dnd_drag_source(handle, i, |ui| ui.label(format!("⠿ {span}")))
                            .response
                            .on_hover_text("Drag to move this item; drop it on another item's time");
                        if let Some(from) = response.dnd_hover_payload::<usize>()
                            && *from != i
                        {
                            let y = if *from > i { response.rect.top() } else { response.rect.bottom() };
                            ui.painter().hline(
                                response.rect.left()..=response.rect.right() + 600.0,
                                y,
                                egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
                            );
                        }
                        if let Some(from) = response.dnd_release_payload::<usize>()
                            && *from != i
                            && *from < count
                        {
                            let mut c = committee.clone();
                            let list = &mut c.meetings[index].agenda;
                            let moved = list.remove(*from);
                            list.insert(i, moved);
                            changed = Some((c, "Move agenda item".into(), None));
                        }
                    } else {
                        ui.label(span);
                    }
                    let width = if sub.is_some() { 220.0 } else { 240.0 };
                    if let Some(title) = text(
                        ui,
                        cx,
                        ("agenda_title", entry.id),
                        &entry.title,
                        width,
                        "Title",
                    ) {
                        let key = Some(format!("agenda_title_{}", entry.id));
                        changed = Some(item_change(committee, index, entry.id, "Edit agenda item", key, |it| it.title = title));
                    }
                    let mut purpose = entry.purpose;
                    choice(ui, ("purpose", entry.id), &mut purpose, &PURPOSES, "Purpose");
                    if purpose != entry.purpose {
                        changed = Some(item_change(committee, index, entry.id, "Change purpose", None, |it| it.purpose = purpose));
                    }
                    if let Some(presenter) = text(
                        ui,
                        cx,
                        ("presenter", entry.id),
                        &entry.presenter,
                        140.0,
                        "Presenter",
                    ) {
                        let key = Some(format!("presenter_{}", entry.id));
                        changed = Some(item_change(committee, index, entry.id, "Edit presenter", key, |it| it.presenter = presenter));
                    }
                    let mut minutes = entry.minutes;
                    if ui
                        .add(
                            egui::DragValue::new(&mut minutes)
                                .range(0..=600)
                                .suffix(" min"),
                        )
                        .on_hover_text("Duration")
                        .changed()
                    {
                        let key = Some(format!("minutes_{}", entry.id));
                        changed = Some(item_change(committee, index, entry.id, "Change duration", key, |it| it.minutes = minutes));
                    }
                    ui.horizontal(|ui| {
                        if sub.is_none() {
                            if ui
                                .add_enabled(i > 0, egui::Button::new("⬆").small())
                                .on_hover_text("Move up (Alt+Up)")
                                .clicked()
                            {
                                let mut c = committee.clone();
                                move_item(&mut c, i, i - 1);
                                changed = Some((c, "Move agenda item".into(), None));
                            }
                            if ui
                                .add_enabled(i + 1 < count, egui::Button::new("⬇").small())
                                .on_hover_text("Move down (Alt+Down)")
                                .clicked()
                            {
                                let mut c = committee.clone();
                                move_item(&mut c, i, i + 1);
                                changed = Some((c, "Move agenda item".into(), None));
                            }
                            if ui
                                .small_button("+ sub-item")
                                .on_hover_text("Add a sub-item under this item")
                                .clicked()
                            {
                                let mut c = committee.clone();
                                let new = blank_item(cx.new_id(), "New sub-item");
                                c.meetings[index].agenda[i].sub_items.push(new);
                                changed = Some((c, "Add sub-item".into(), None));
                            }
                        }
                        let mut consent = entry.consent;
                        if ui
                            .checkbox(&mut consent, "consent")
                            .on_hover_text("Part of the consent agenda: adopted together, without discussion")
                            .changed()
                        {
                            changed = Some(item_change(committee, index, entry.id, "Change consent agenda", None, |it| it.consent = consent));
                        }
                        if let Some(papers) = list_field(ui, cx, ("papers", entry.id), &entry.papers, "Papers (paths or links, ; between)") {
                            let key = Some(format!("papers_{}", entry.id));
                            changed = Some(item_change(committee, index, entry.id, "Edit papers", key, |it| it.papers = papers));
                        }
                        if ui
                            .small_button("✖")
                            .on_hover_text("Remove this item")
                            .clicked()
                        {
                            let mut c = committee.clone();
                            remove_item(&mut c.meetings[index].agenda, entry.id);
                            changed = Some((c, "Remove agenda item".into(), None));
                        }
                    });
                    ui.end_row();
                }
            }
        });
    ui.horizontal(|ui| {
        ui.label(format!("Ends at {}", timing.end.format("%H:%M")));
        if let Some(late) = timing.overrun {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("⚠ {late} minutes past the planned end"),
            );
        }
    });
    if ui
        .button("Add item")
        .on_hover_text("Add an item at the end of the agenda")
        .clicked()
    {
        let mut c = committee.clone();
        c.meetings[index]
            .agenda
            .push(blank_item(cx.new_id(), "New item"));
        changed = Some((c, "Add agenda item".into(), None));
    }
    changed
}

fn blank_item(id: Id, title: &str) -> AgendaItem {
    let mut new_id = || id;
    let mut item = agenda::template(&mut new_id).swap_remove(0);
    item.title = title.into();
    item.purpose = Purpose::Information;
    item.minutes = 15;
    item
}

/// The committee with one agenda item of meeting `meeting` changed by `edit`.
fn item_change(
    committee: &Committee,
    meeting: usize,
    item: Id,
    label: &str,
    key: Option<String>,
    edit: impl FnOnce(&mut AgendaItem),
) -> Change {
    let mut c = committee.clone();
    edit(item_mut(&mut c.meetings[meeting].agenda, item).expect("the item is on this agenda"));
    (c, label.to_string(), key)
}

fn item_mut(items: &mut [AgendaItem], id: Id) -> Option<&mut AgendaItem> {
    for item in items {
        if item.id == id {
            return Some(item);
        }
        if let Some(found) = item_mut(&mut item.sub_items, id) {
            return Some(found);
        }
    }
    None
}

fn remove_item(items: &mut Vec<AgendaItem>, id: Id) {
    items.retain(|i| i.id != id);
    for item in items {
        remove_item(&mut item.sub_items, id);
    }
}

fn attendance_page(ui: &mut egui::Ui, committee: &Committee, index: usize) -> Option<Change> {
    let m = &committee.meetings[index];
    let mut changed = None;
    if committee.members.is_empty() {
        ui.label("The committee has no members yet: add them on the left.");
    }
    egui::Grid::new(("attendance", m.id))
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for member in &committee.members {
                ui.label(format!("{} ({})", member.name, role_name(member.role)));
                let current = m.attendance.iter().find(|a| a.member == member.id);
                let mut presence = current.map(|a| a.presence);
                let name = |p: Option<Presence>| match p {
                    None => "not recorded",
                    Some(Presence::Present) => "Present",
                    Some(Presence::Represented) => "Represented",
                    Some(Presence::Apologies) => "Apologies",
                    Some(Presence::Absent) => "Absent",
                };
                egui::ComboBox::from_id_salt(("presence", m.id, member.id))
                    .selected_text(name(presence))
                    .show_ui(ui, |ui| {
                        for p in [
                            None,
                            Some(Presence::Present),
                            Some(Presence::Represented),
                            Some(Presence::Apologies),
                            Some(Presence::Absent),
                        ] {
                            ui.selectable_value(&mut presence, p, name(p));
                        }
                    })
                    .response
                    .on_hover_text(format!("Attendance of {}", member.name));
                if presence != current.map(|a| a.presence) {
                    let mut c = committee.clone();
                    let list = &mut c.meetings[index].attendance;
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
                    changed = Some((c, "Record attendance".into(), None));
                }
                let mut by = current
                    .map(|a| a.represented_by.clone())
                    .unwrap_or_default();
                let enabled = presence == Some(Presence::Represented);
                let r = ui.add_enabled(
                    enabled,
                    egui::TextEdit::singleline(&mut by)
                        .id_salt(("represented_by", m.id, member.id))
                        .desired_width(180.0)
                        .hint_text("represented by"),
                );
                if r.changed() {
                    let mut c = committee.clone();
                    if let Some(a) = c.meetings[index]
                        .attendance
                        .iter_mut()
                        .find(|a| a.member == member.id)
                    {
                        a.represented_by = by;
                    }
                    changed = Some((
                        c,
                        "Record attendance".into(),
                        Some(format!("represented_{}_{}", m.id, member.id)),
                    ));
                }
                ui.end_row();
            }
        });
    changed
}

fn minutes_page(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    committee: &Committee,
    index: usize,
) -> Option<Change> {
    let m = &committee.meetings[index];
    let timing = agenda::timing(m);
    let numbers = agenda::decision_numbers(m);
    let mut changed = None;
    let mut entries = Vec::new();
    m.for_each_item(&mut |item| entries.push(item.clone()));
    for item in &entries {
        let number = timing
            .items
            .iter()
            .find(|t| t.item == item.id)
            .map(|t| t.number.clone())
            .unwrap_or_default();
        egui::CollapsingHeader::new(format!("{number}. {}", item.title))
            .id_salt(("minutes", item.id))
            .default_open(true)
            .show(ui, |ui| {
                let mut summary = item.summary.clone();
                let r = ui.add(
                    egui::TextEdit::multiline(&mut summary)
                        .id_salt(("summary", item.id))
                        .desired_rows(2)
                        .desired_width(f32::INFINITY)
                        .hint_text("What was said"),
                );
                if r.changed() {
                    changed = Some(item_change(
                        committee,
                        index,
                        item.id,
                        "Edit minutes",
                        Some(format!("summary_{}", item.id)),
                        |it| {
                            it.summary = summary;
                        },
                    ));
                }
                if r.lost_focus() {
                    cx.emit(Action::EndTyping);
                }
                for (d, decision) in item.decisions.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let label = numbers
                            .iter()
                            .find(|(id, _)| *id == decision.id)
                            .map(|(_, n)| n.clone())
                            .unwrap_or_default();
                        ui.strong(label);
                        if let Some(text) = text(
                            ui,
                            cx,
                            ("decision", decision.id),
                            &decision.text,
                            420.0,
                            "Decision",
                        ) {
                            changed = Some(item_change(
                                committee,
                                index,
                                item.id,
                                "Edit decision",
                                Some(format!("decision_{}", decision.id)),
                                |it| {
                                    it.decisions[d].text = text;
                                },
                            ));
                        }
                        if ui
                            .small_button("✖")
                            .on_hover_text("Remove this decision")
                            .clicked()
                        {
                            changed = Some(item_change(
                                committee,
                                index,
                                item.id,
                                "Remove decision",
                                None,
                                |it| {
                                    it.decisions.remove(d);
                                },
                            ));
                        }
                    });
                }
                for (a, action) in item.actions.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label("Action:");
                        if let Some(text) = text(
                            ui,
                            cx,
                            ("action", action.id),
                            &action.text,
                            300.0,
                            "Action point",
                        ) {
                            changed = Some(item_change(
                                committee,
                                index,
                                item.id,
                                "Edit action point",
                                Some(format!("action_{}", action.id)),
                                |it| {
                                    it.actions[a].text = text;
                                },
                            ));
                        }
                        if let Some(owner) =
                            text(ui, cx, ("owner", action.id), &action.owner, 120.0, "Owner")
                        {
                            changed = Some(item_change(
                                committee,
                                index,
                                item.id,
                                "Edit owner",
                                Some(format!("owner_{}", action.id)),
                                |it| {
                                    it.actions[a].owner = owner;
                                },
                            ));
                        }
                        let due_label = ui.label("due");
                        if let Some(due) =
                            optional_date(ui, ("due", action.id), action.due, due_label.id)
                        {
                            changed = Some(item_change(
                                committee,
                                index,
                                item.id,
                                "Change due date",
                                None,
                                |it| {
                                    it.actions[a].due = due;
                                },
                            ));
                        }
                        let mut status = action.status;
                        choice(
                            ui,
                            ("action_status", action.id),
                            &mut status,
                            &ACTION_STATUSES,
                            "Status of the action point",
                        );
                        if status != action.status {
                            changed = Some(item_change(
                                committee,
                                index,
                                item.id,
                                "Change action status",
                                None,
                                |it| {
                                    it.actions[a].status = status;
                                },
                            ));
                        }
                        if ui
                            .small_button("✖")
                            .on_hover_text("Remove this action point")
                            .clicked()
                        {
                            changed = Some(item_change(
                                committee,
                                index,
                                item.id,
                                "Remove action point",
                                None,
                                |it| {
                                    it.actions.remove(a);
                                },
                            ));
                        }
                    });
                }
                links(ui, cx, committee, index, item, &mut changed);
                ui.horizontal(|ui| {
                    if ui
                        .small_button("+ decision")
                        .on_hover_text("Record a decision on this item")
                        .clicked()
                    {
                        changed = Some(item_change(
                            committee,
                            index,
                            item.id,
                            "Add decision",
                            None,
                            |it| {
                                it.decisions.push(Decision {
                                    id: cx.new_id(),
                                    text: String::new(),
                                });
                            },
                        ));
                    }
                    if ui
                        .small_button("+ action point")
                        .on_hover_text("Record an action point on this item")
                        .clicked()
                    {
                        changed = Some(item_change(
                            committee,
                            index,
                            item.id,
                            "Add action point",
                            None,
                            |it| {
                                it.actions.push(ActionPoint {
                                    id: cx.new_id(),
                                    text: String::new(),
                                    owner: String::new(),
                                    due: None,
                                    status: ActionStatus::Open,
                                });
                            },
                        ));
                    }
                });
            });
    }
    changed
}

/// The activities and objectives an agenda item is about, with a way to add and remove them.
fn links(
    ui: &mut egui::Ui,
    cx: &ViewContext<'_>,
    committee: &Committee,
    index: usize,
    item: &AgendaItem,
    changed: &mut Option<Change>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("About:");
        for &a in &item.activities {
            let title = cx
                .project
                .activity(a)
                .map(|x| x.title.as_str())
                .unwrap_or("?");
            if ui
                .small_button(format!("{title} ✖"))
                .on_hover_text("Remove this link")
                .clicked()
            {
                let mut c = committee.clone();
                item_mut(&mut c.meetings[index].agenda, item.id)
                    .expect("the item")
                    .activities
                    .retain(|&x| x != a);
                *changed = Some((c, "Unlink activity".into(), None));
            }
        }
        for &o in &item.objectives {
            let title = cx
                .project
                .objective(o)
                .map(|x| x.title.as_str())
                .unwrap_or("?");
            if ui
                .small_button(format!("{title} ✖"))
                .on_hover_text("Remove this link")
                .clicked()
            {
                let mut c = committee.clone();
                item_mut(&mut c.meetings[index].agenda, item.id)
                    .expect("the item")
                    .objectives
                    .retain(|&x| x != o);
                *changed = Some((c, "Unlink objective".into(), None));
            }
        }
        let unlinked = cx
            .project
            .activities
            .iter()
            .filter(|a| !item.activities.contains(&a.id));
        let pick_activity = super::pick::pick(
            ui,
            ("link_activity", item.id),
            "Link an activity…",
            None,
            "Link an activity this item is about",
            unlinked.map(|a| (a.id, a.title.clone())),
        );
        let unlinked = cx
            .project
            .objectives
            .iter()
            .filter(|o| !item.objectives.contains(&o.id));
        let pick_objective = super::pick::pick(
            ui,
            ("link_objective_item", item.id),
            "Link an objective…",
            None,
            "Link an objective this item is about",
            unlinked.map(|o| (o.id, o.title.clone())),
        );
        if pick_activity.is_some() || pick_objective.is_some() {
            let mut c = committee.clone();
            let target = item_mut(&mut c.meetings[index].agenda, item.id).expect("the item");
            target.activities.extend(pick_activity);
            target.objectives.extend(pick_objective);
            *changed = Some((c, "Link to the agenda item".into(), None));
        }
    });
}
