//! The steering committee: members, meetings, and for the selected meeting its details,
//! attendance with the quorum, the agenda with its running clock, and the minutes.
//!
//! Every edit is a command on the one entity it changes (a member, a meeting, an agenda item,
//! a decision, an action point); the view reads the project in place and clones only the
//! entity it is about to change.

mod agenda;
mod meeting;
mod members;
mod minutes;

use chrono::{NaiveTime, Timelike};

use crate::committee;
use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{ActionStatus, Committee, Id, Meeting, MeetingStatus, PlaceMode, Purpose, Role};
use crate::session::Revision;
use crate::ui::actions::Action;
use crate::ui::context::ViewContext;
use crate::ui::widgets::bound_text::BoundText;

#[derive(Default)]
pub struct CommitteeState {
    pub meeting: Option<Id>,
    pub page: Page,
    /// The agenda item Alt+Up/Down moves.
    pub item: Option<Id>,
    /// What the last "Draft from the workplan" did, shown beside the button for that meeting
    /// until the project changes again.
    pub draft_note: Option<DraftNote>,
}

pub struct DraftNote {
    pub meeting: Id,
    pub text: String,
    /// The revision the draft was made on, then the one it made: any other edit (or an undo)
    /// makes the note stale.
    pub before: Revision,
    pub after: Option<Revision>,
}

impl DraftNote {
    /// The note's text while it still describes the project shown; it follows the revision
    /// the draft's edit makes.
    fn current(&mut self, revision: Revision) -> Option<&str> {
        match self.after {
            None if revision != self.before => self.after = Some(revision),
            Some(after) if after != revision => return None,
            _ => {}
        }
        Some(&self.text)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    Agenda,
    Attendance,
    Minutes,
}

/// Emits `command` as one edit; with a key, consecutive edits of that key (typing in one
/// field) merge into one undo step.
fn emit(cx: &mut ViewContext<'_>, command: Command, label: &str, key: Option<String>) {
    let mut edit = Edit::new(command, label);
    if let Some(key) = key {
        edit = edit.merging(key);
    }
    cx.emit(Action::Apply(edit));
}

/// A one-line field of the committee, `width` wide (sized, as a grid would otherwise shrink
/// it to its column's last width): the shared bound field, whose typing is one undo step
/// named `label` under `key`.
#[allow(clippy::too_many_arguments)]
fn text(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    id: impl egui::AsIdSalt,
    value: &str,
    width: f32,
    hint: &str,
    label: &str,
    key: String,
    command: impl FnOnce(String) -> Command,
) {
    BoundText::new(value)
        .id_salt(id)
        .sized(width)
        .hint(hint)
        .hover(hint)
        .show(ui, cx, key, |text| Edit::new(command(text), label));
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

/// Who presents an item or owns an action point: a drop-down of the committee's members, with
/// a field for someone who is not a member. A pick or a typed name is one edit named `label`,
/// `make` building its command from the member picked (or none) and the text typed.
#[allow(clippy::too_many_arguments)]
fn person(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    committee: &Committee,
    id_salt: impl std::hash::Hash + std::fmt::Debug + Copy,
    member: Option<Id>,
    typed: &str,
    hint: &str,
    label: &str,
    make: impl Fn(Option<Id>, String) -> Command,
) {
    let shown = committee::person_name(committee, member, typed);
    egui::ComboBox::from_id_salt(id_salt)
        .width(120.0)
        .truncate()
        .selected_text(if shown.is_empty() { "—" } else { shown })
        // The field for a name is inside: a click there must not close the list.
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            for m in &committee.members {
                let name = format!("{} ({})", m.name, role_name(m.role));
                if ui.selectable_label(member == Some(m.id), name).clicked() {
                    emit(cx, make(Some(m.id), String::new()), label, None);
                    ui.close();
                }
            }
            ui.separator();
            let other = if member.is_some() { "" } else { typed };
            BoundText::new(other)
                .id_salt(("person_other", id_salt))
                .sized(180.0)
                .hint("Someone else: name")
                .hover("Someone else: name (not a member)")
                .show(ui, cx, format!("person_{id_salt:?}"), |text| {
                    Edit::new(make(None, text), label)
                });
            if ui
                .add_enabled(!shown.is_empty(), egui::Button::new("No one"))
                .on_hover_text("Clear")
                .clicked()
            {
                emit(cx, make(None, String::new()), label, None);
                ui.close();
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

fn time_text(t: Option<NaiveTime>) -> String {
    t.map(|t| format!("{:02}:{:02}", t.hour(), t.minute()))
        .unwrap_or_default()
}

pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut CommitteeState) {
    // Read in place: the project outlives this frame's context, so no copy is needed.
    let project = cx.project;
    let committee = &project.committee;
    if state
        .meeting
        .is_none_or(|id| !committee.meetings.iter().any(|m| m.id == id))
    {
        state.meeting = committee.meetings.last().map(|m| m.id);
    }
    egui::Panel::left("committee_side")
        .resizable(true)
        .default_size(300.0)
        .min_size(260.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| side(ui, cx, state, committee));
        });
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(m) = state
            .meeting
            .and_then(|id| committee.meetings.iter().find(|m| m.id == id))
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
            .show(ui, |ui| meeting::meeting(ui, cx, state, committee, m));
    });
}

/// The committee's own fields, its meetings to choose from, and its members.
fn side(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut CommitteeState,
    committee: &Committee,
) {
    details(ui, cx, committee);
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
        state.meeting = Some(new_meeting(cx, committee));
    }
    ui.separator();
    members::members(ui, cx, committee);
}

/// The command setting the committee's own fields, from `committee` with `edit` made.
fn details_command(
    committee: &Committee,
    edit: impl FnOnce(&mut String, &mut String, &mut u32),
) -> Command {
    let mut name = committee.name.clone();
    let mut terms_of_reference = committee.terms_of_reference.clone();
    let mut quorum = committee.quorum;
    edit(&mut name, &mut terms_of_reference, &mut quorum);
    Command::SetCommitteeDetails {
        name,
        terms_of_reference,
        quorum,
    }
}

/// Name, quorum and terms of reference.
fn details(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, committee: &Committee) {
    ui.horizontal(|ui| {
        ui.label("Name");
        text(
            ui,
            cx,
            "committee_name",
            &committee.name,
            200.0,
            "Steering Committee",
            "Rename committee",
            "committee_name".into(),
            |name| details_command(committee, |n, _, _| *n = name),
        );
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
            let command = details_command(committee, |_, _, q| *q = quorum);
            emit(
                cx,
                command,
                "Change quorum",
                Some("committee_quorum".into()),
            );
        }
    });
    egui::CollapsingHeader::new("Terms of reference")
        .default_open(false)
        .show(ui, |ui| {
            BoundText::new(&committee.terms_of_reference)
                .id_salt("terms_of_reference")
                .multiline(6)
                .desired_width(f32::INFINITY)
                .hint("The committee's role, structure and tasks")
                .show(ui, cx, "terms_of_reference", |text| {
                    let command = details_command(committee, |_, t, _| *t = text);
                    Edit::new(command, "Edit terms of reference")
                });
        });
}

/// Adds a meeting after the last one, six months on (moved to the next working day), with the
/// standard agenda; returns its id.
fn new_meeting(cx: &mut ViewContext<'_>, committee: &Committee) -> Id {
    let mut new_id = || cx.new_id();
    let agenda = committee::template(&mut new_id);
    let number = committee
        .meetings
        .iter()
        .map(|m| m.number)
        .max()
        .unwrap_or(0)
        + 1;
    let last = committee.meetings.last();
    let date = last.map_or(cx.today, |m| crate::plan::calendar::shift_months(m.date, 6));
    let place = last.map(|m| m.place.clone()).unwrap_or_default();
    // Never on a weekend or a public holiday where it meets.
    let date = committee::working_day_from(date, &cx.project.holidays, &place.country);
    let id = cx.new_id();
    let meeting = Meeting {
        id,
        number,
        date,
        start_time: NaiveTime::from_hms_opt(10, 0, 0),
        time_zone: last.map(|m| m.time_zone.clone()).unwrap_or_default(),
        planned_end: NaiveTime::from_hms_opt(13, 0, 0),
        place,
        status: MeetingStatus::Draft,
        attendance: Vec::new(),
        guests: Vec::new(),
        agenda,
    };
    let command = Command::InsertMeeting {
        index: committee.meetings.len(),
        meeting: Box::new(meeting),
    };
    emit(cx, command, "New meeting", None);
    id
}
