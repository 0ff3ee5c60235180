//! The committee's commands, one entity at a time: its own fields, a member, a meeting, a
//! meeting's attendance, an agenda item or sub-item, a decision, an action point. Each is
//! checked against what it touches only (the links of that one entity, the ids it brings in),
//! and each returns its exact inverse. [`Command::apply`] calls the functions here.

use std::collections::HashSet;

use crate::edit::commands::{Command, CommandError, heading};
use crate::edit::links::{self, Link};
use crate::model::{
    ActionPoint, AgendaItem, Attendance, Decision, EntityRef, Id, Meeting, Member, Project,
};

fn error(message: String) -> CommandError {
    CommandError::Invalid(message)
}

/// An entity found in its list by its id.
trait Keyed {
    const KIND: EntityRef;
    fn key(&self) -> Id;
}

macro_rules! keyed {
    ($($entity:ident),* $(,)?) => {
        $(impl Keyed for $entity {
            const KIND: EntityRef = EntityRef::$entity;
            fn key(&self) -> Id {
                self.id
            }
        })*
    };
}

keyed!(Member, Meeting, AgendaItem, Decision, ActionPoint);

fn position<T: Keyed>(list: &[T], id: Id) -> Result<usize, CommandError> {
    list.iter()
        .position(|x| x.key() == id)
        .ok_or(CommandError::NotFound { kind: T::KIND, id })
}

/// Replaces the entity with the new one's id; returns the old one.
fn replace<T: Keyed>(list: &mut [T], new: T) -> Result<T, CommandError> {
    let at = position(list, new.key())?;
    Ok(std::mem::replace(&mut list[at], new))
}

fn insert<T: Keyed>(list: &mut Vec<T>, index: usize, new: T) -> Result<(), CommandError> {
    if index > list.len() {
        return Err(error(format!(
            "No place {index} for {} {} (there are {}).",
            heading(&T::KIND).to_lowercase(),
            new.key(),
            list.len()
        )));
    }
    list.insert(index, new);
    Ok(())
}

/// Removes the entity; returns where it was and the entity.
fn remove<T: Keyed>(list: &mut Vec<T>, id: Id) -> Result<(usize, T), CommandError> {
    let at = position(list, id)?;
    Ok((at, list.remove(at)))
}

/// Moves the entity to place `to` (counted in the list without it); returns where it was.
fn shift<T: Keyed>(list: &mut Vec<T>, id: Id, to: usize) -> Result<usize, CommandError> {
    let from = position(list, id)?;
    if to >= list.len() {
        return Err(error(format!(
            "No place {to} for {} {id} (there are {}).",
            heading(&T::KIND).to_lowercase(),
            list.len()
        )));
    }
    let moved = list.remove(from);
    list.insert(to, moved);
    Ok(from)
}

/// The ids an agenda item brings with it: its own, its decisions', its action points' and
/// those of its sub-items.
fn item_ids(item: &AgendaItem, out: &mut Vec<Id>) {
    out.push(item.id);
    out.extend(item.decisions.iter().map(|d| d.id));
    out.extend(item.actions.iter().map(|a| a.id));
    for sub in &item.sub_items {
        item_ids(sub, out);
    }
}

fn meeting_ids(meeting: &Meeting) -> Vec<Id> {
    let mut ids = vec![meeting.id];
    for item in &meeting.agenda {
        item_ids(item, &mut ids);
    }
    ids
}

/// The ids in `new` appear once each, and those not in `kept` (the ids of what is replaced)
/// are not used anywhere in the project. The project is only scanned when an id is new.
fn check_ids(project: &Project, new: &[Id], kept: &[Id]) -> Result<(), CommandError> {
    let mut seen = HashSet::with_capacity(new.len());
    for &id in new {
        if !seen.insert(id) {
            return Err(error(format!("Id {id} appears twice.")));
        }
    }
    let kept: HashSet<Id> = kept.iter().copied().collect();
    if seen.iter().all(|id| kept.contains(id)) {
        return Ok(());
    }
    match project
        .all_ids()
        .into_iter()
        .find(|(id, _)| seen.contains(id) && !kept.contains(id))
    {
        Some((id, _)) => Err(CommandError::IdInUse(id)),
        None => Ok(()),
    }
}

/// The first link `visit` walks whose target is not in the project, as an error. The
/// walkers are those of [`crate::edit::links`], for the one entity an edit brings in: the
/// project is searched for each target, not scanned as a whole.
fn check_links(
    project: &Project,
    visit: impl FnOnce(&mut dyn FnMut(Link)),
) -> Result<(), CommandError> {
    let mut broken = None;
    visit(&mut |link| {
        if broken.is_none() && !links::exists(project, link.to, link.target) {
            broken = Some(link);
        }
    });
    match broken {
        Some(link) => Err(CommandError::BrokenLink(link)),
        None => Ok(()),
    }
}

/// The activities and objectives an item and its sub-items link to exist.
fn check_item_links(project: &Project, item: &AgendaItem) -> Result<(), CommandError> {
    check_links(project, |f| {
        links::for_each_agenda_item_link(item, &mut |l| f(l))
    })
}

/// The members attendance records of meeting `meeting` name are on the committee.
fn check_attendance(
    project: &Project,
    meeting: Id,
    attendance: &[Attendance],
) -> Result<(), CommandError> {
    check_links(project, |f| {
        links::for_each_attendance_link(meeting, attendance, &mut |l| f(l))
    })
}

/// The member an action point names as its owner is on the committee.
fn check_action(project: &Project, action: &ActionPoint) -> Result<(), CommandError> {
    check_links(project, |f| {
        links::for_each_action_point_link(action, &mut |l| f(l))
    })
}

fn check_meeting(project: &Project, meeting: &Meeting) -> Result<(), CommandError> {
    check_links(project, |f| {
        links::for_each_meeting_link(meeting, &mut |l| f(l))
    })
}

fn check_member(project: &Project, member: &Member) -> Result<(), CommandError> {
    check_links(project, |f| {
        links::for_each_member_link(member, &mut |l| f(l))
    })
}

fn meeting_mut(project: &mut Project, id: Id) -> Result<&mut Meeting, CommandError> {
    let at = position(&project.committee.meetings, id)?;
    Ok(&mut project.committee.meetings[at])
}

fn meeting_ref(project: &Project, id: Id) -> Result<&Meeting, CommandError> {
    let at = position(&project.committee.meetings, id)?;
    Ok(&project.committee.meetings[at])
}

fn find_item(items: &[AgendaItem], id: Id) -> Option<&AgendaItem> {
    for item in items {
        if item.id == id {
            return Some(item);
        }
        if let Some(found) = find_item(&item.sub_items, id) {
            return Some(found);
        }
    }
    None
}

fn find_item_mut(items: &mut [AgendaItem], id: Id) -> Option<&mut AgendaItem> {
    for item in items {
        if item.id == id {
            return Some(item);
        }
        if let Some(found) = find_item_mut(&mut item.sub_items, id) {
            return Some(found);
        }
    }
    None
}

fn not_on_agenda(meeting: Id, item: Id) -> CommandError {
    CommandError::NotOnAgenda { meeting, item }
}

fn item_ref(project: &Project, meeting: Id, item: Id) -> Result<&AgendaItem, CommandError> {
    find_item(&meeting_ref(project, meeting)?.agenda, item)
        .ok_or_else(|| not_on_agenda(meeting, item))
}

fn item_mut(project: &mut Project, meeting: Id, item: Id) -> Result<&mut AgendaItem, CommandError> {
    find_item_mut(&mut meeting_mut(project, meeting)?.agenda, item)
        .ok_or_else(|| not_on_agenda(meeting, item))
}

/// Where item `id` sits: under which parent item (`None` at the top of the agenda) and at
/// which place among its siblings.
fn locate(items: &[AgendaItem], id: Id, parent: Option<Id>) -> Option<(Option<Id>, usize)> {
    for (index, item) in items.iter().enumerate() {
        if item.id == id {
            return Some((parent, index));
        }
        if let Some(found) = locate(&item.sub_items, id, Some(item.id)) {
            return Some(found);
        }
    }
    None
}

/// The list an item under `parent` sits in: the agenda itself, or the parent's sub-items.
fn siblings_mut(
    project: &mut Project,
    meeting: Id,
    parent: Option<Id>,
) -> Result<&mut Vec<AgendaItem>, CommandError> {
    match parent {
        None => Ok(&mut meeting_mut(project, meeting)?.agenda),
        Some(parent) => Ok(&mut item_mut(project, meeting, parent)?.sub_items),
    }
}

pub(super) fn set_details(
    project: &mut Project,
    name: String,
    terms_of_reference: String,
    quorum: u32,
) -> Result<Command, CommandError> {
    let c = &mut project.committee;
    Ok(Command::SetCommitteeDetails {
        name: std::mem::replace(&mut c.name, name),
        terms_of_reference: std::mem::replace(&mut c.terms_of_reference, terms_of_reference),
        quorum: std::mem::replace(&mut c.quorum, quorum),
    })
}

pub(super) fn set_member(project: &mut Project, member: Member) -> Result<Command, CommandError> {
    check_member(project, &member)?;
    let old = replace(&mut project.committee.members, member)?;
    Ok(Command::SetMember(Box::new(old)))
}

pub(super) fn insert_member(
    project: &mut Project,
    index: usize,
    member: Member,
) -> Result<Command, CommandError> {
    check_member(project, &member)?;
    check_ids(project, &[member.id], &[])?;
    let id = member.id;
    insert(&mut project.committee.members, index, member)?;
    Ok(Command::RemoveMember(id))
}

pub(super) fn remove_member(project: &mut Project, id: Id) -> Result<Command, CommandError> {
    let c = &project.committee;
    // Whatever in the committee points at the member (attendance records).
    let mut first = None;
    links::for_each_committee_link(c, &mut |link| {
        if link.to == EntityRef::Member && link.target == id {
            first.get_or_insert(link);
        }
    });
    if let Some(link) = first {
        let message = match c.meetings.iter().find(|m| m.id == link.owner) {
            Some(meeting) => format!(
                "Member {id} cannot be removed: the attendance of meeting {} names them.",
                meeting.number
            ),
            None => links::still_linked_message(project, EntityRef::Member, id, &[link]),
        };
        return Err(CommandError::StillLinked {
            kind: EntityRef::Member,
            id,
            message,
        });
    }
    let (index, member) = remove(&mut project.committee.members, id)?;
    Ok(Command::InsertMember {
        index,
        member: Box::new(member),
    })
}

pub(super) fn move_member(
    project: &mut Project,
    id: Id,
    to: usize,
) -> Result<Command, CommandError> {
    let from = shift(&mut project.committee.members, id, to)?;
    Ok(Command::MoveMember {
        member: id,
        to: from,
    })
}

pub(super) fn set_meeting(
    project: &mut Project,
    meeting: Meeting,
) -> Result<Command, CommandError> {
    let old = meeting_ref(project, meeting.id)?;
    check_meeting(project, &meeting)?;
    check_ids(project, &meeting_ids(&meeting), &meeting_ids(old))?;
    let old = replace(&mut project.committee.meetings, meeting)?;
    Ok(Command::SetMeeting(Box::new(old)))
}

pub(super) fn insert_meeting(
    project: &mut Project,
    index: usize,
    meeting: Meeting,
) -> Result<Command, CommandError> {
    check_meeting(project, &meeting)?;
    check_ids(project, &meeting_ids(&meeting), &[])?;
    let id = meeting.id;
    insert(&mut project.committee.meetings, index, meeting)?;
    Ok(Command::RemoveMeeting(id))
}

pub(super) fn remove_meeting(project: &mut Project, id: Id) -> Result<Command, CommandError> {
    let (index, meeting) = remove(&mut project.committee.meetings, id)?;
    Ok(Command::InsertMeeting {
        index,
        meeting: Box::new(meeting),
    })
}

pub(super) fn move_meeting(
    project: &mut Project,
    id: Id,
    to: usize,
) -> Result<Command, CommandError> {
    let from = shift(&mut project.committee.meetings, id, to)?;
    Ok(Command::MoveMeeting {
        meeting: id,
        to: from,
    })
}

pub(super) fn set_attendance(
    project: &mut Project,
    meeting: Id,
    attendance: Vec<Attendance>,
) -> Result<Command, CommandError> {
    check_attendance(project, meeting, &attendance)?;
    let slot = &mut meeting_mut(project, meeting)?.attendance;
    Ok(Command::SetAttendance {
        meeting,
        attendance: std::mem::replace(slot, attendance),
    })
}

pub(super) fn set_item(
    project: &mut Project,
    meeting: Id,
    item: AgendaItem,
) -> Result<Command, CommandError> {
    let old = item_ref(project, meeting, item.id)?;
    check_item_links(project, &item)?;
    let (mut new_ids, mut old_ids) = (Vec::new(), Vec::new());
    item_ids(&item, &mut new_ids);
    item_ids(old, &mut old_ids);
    check_ids(project, &new_ids, &old_ids)?;
    let slot = item_mut(project, meeting, item.id)?;
    let old = std::mem::replace(slot, item);
    Ok(Command::SetAgendaItem {
        meeting,
        item: Box::new(old),
    })
}

pub(super) fn insert_item(
    project: &mut Project,
    meeting: Id,
    parent: Option<Id>,
    index: usize,
    item: AgendaItem,
) -> Result<Command, CommandError> {
    check_item_links(project, &item)?;
    let mut ids = Vec::new();
    item_ids(&item, &mut ids);
    check_ids(project, &ids, &[])?;
    let id = item.id;
    insert(siblings_mut(project, meeting, parent)?, index, item)?;
    Ok(Command::RemoveAgendaItem { meeting, item: id })
}

pub(super) fn remove_item(
    project: &mut Project,
    meeting: Id,
    id: Id,
) -> Result<Command, CommandError> {
    let (parent, _) = locate(&meeting_ref(project, meeting)?.agenda, id, None)
        .ok_or_else(|| not_on_agenda(meeting, id))?;
    let (index, item) = remove(siblings_mut(project, meeting, parent)?, id)?;
    Ok(Command::InsertAgendaItem {
        meeting,
        parent,
        index,
        item: Box::new(item),
    })
}

pub(super) fn move_item(
    project: &mut Project,
    meeting: Id,
    id: Id,
    to: usize,
) -> Result<Command, CommandError> {
    let (parent, _) = locate(&meeting_ref(project, meeting)?.agenda, id, None)
        .ok_or_else(|| not_on_agenda(meeting, id))?;
    let from = shift(siblings_mut(project, meeting, parent)?, id, to)?;
    Ok(Command::MoveAgendaItem {
        meeting,
        item: id,
        to: from,
    })
}

pub(super) fn set_decision(
    project: &mut Project,
    meeting: Id,
    item: Id,
    decision: Decision,
) -> Result<Command, CommandError> {
    let old = replace(&mut item_mut(project, meeting, item)?.decisions, decision)?;
    Ok(Command::SetDecision {
        meeting,
        item,
        decision: old,
    })
}

pub(super) fn insert_decision(
    project: &mut Project,
    meeting: Id,
    item: Id,
    index: usize,
    decision: Decision,
) -> Result<Command, CommandError> {
    item_ref(project, meeting, item)?;
    check_ids(project, &[decision.id], &[])?;
    let id = decision.id;
    insert(
        &mut item_mut(project, meeting, item)?.decisions,
        index,
        decision,
    )?;
    Ok(Command::RemoveDecision {
        meeting,
        item,
        decision: id,
    })
}

pub(super) fn remove_decision(
    project: &mut Project,
    meeting: Id,
    item: Id,
    id: Id,
) -> Result<Command, CommandError> {
    let (index, decision) = remove(&mut item_mut(project, meeting, item)?.decisions, id)?;
    Ok(Command::InsertDecision {
        meeting,
        item,
        index,
        decision,
    })
}

pub(super) fn move_decision(
    project: &mut Project,
    meeting: Id,
    item: Id,
    id: Id,
    to: usize,
) -> Result<Command, CommandError> {
    let from = shift(&mut item_mut(project, meeting, item)?.decisions, id, to)?;
    Ok(Command::MoveDecision {
        meeting,
        item,
        decision: id,
        to: from,
    })
}

pub(super) fn set_action(
    project: &mut Project,
    meeting: Id,
    item: Id,
    action: ActionPoint,
) -> Result<Command, CommandError> {
    check_action(project, &action)?;
    let old = replace(&mut item_mut(project, meeting, item)?.actions, action)?;
    Ok(Command::SetActionPoint {
        meeting,
        item,
        action: Box::new(old),
    })
}

pub(super) fn insert_action(
    project: &mut Project,
    meeting: Id,
    item: Id,
    index: usize,
    action: ActionPoint,
) -> Result<Command, CommandError> {
    item_ref(project, meeting, item)?;
    check_action(project, &action)?;
    check_ids(project, &[action.id], &[])?;
    let id = action.id;
    insert(
        &mut item_mut(project, meeting, item)?.actions,
        index,
        action,
    )?;
    Ok(Command::RemoveActionPoint {
        meeting,
        item,
        action: id,
    })
}

pub(super) fn remove_action(
    project: &mut Project,
    meeting: Id,
    item: Id,
    id: Id,
) -> Result<Command, CommandError> {
    let (index, action) = remove(&mut item_mut(project, meeting, item)?.actions, id)?;
    Ok(Command::InsertActionPoint {
        meeting,
        item,
        index,
        action: Box::new(action),
    })
}

pub(super) fn move_action(
    project: &mut Project,
    meeting: Id,
    item: Id,
    id: Id,
    to: usize,
) -> Result<Command, CommandError> {
    let from = shift(&mut item_mut(project, meeting, item)?.actions, id, to)?;
    Ok(Command::MoveActionPoint {
        meeting,
        item,
        action: id,
        to: from,
    })
}

/// The command that takes member `id` off the committee, with their attendance records in
/// every meeting, as one step. Items they present and action points they own keep their name
/// as text, so the minutes still say who it was.
pub fn delete_member(project: &Project, id: Id) -> Command {
    let name = project
        .committee
        .members
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.name.clone())
        .unwrap_or_default();
    fn unlink(items: &mut [AgendaItem], id: Id, name: &str) -> bool {
        let mut changed = false;
        for item in items {
            if item.presenter_member == Some(id) {
                item.presenter_member = None;
                item.presenter = name.to_string();
                changed = true;
            }
            for action in &mut item.actions {
                if action.owner_member == Some(id) {
                    action.owner_member = None;
                    action.owner = name.to_string();
                    changed = true;
                }
            }
            changed |= unlink(&mut item.sub_items, id, name);
        }
        changed
    }
    let mut steps: Vec<Command> = Vec::new();
    for m in &project.committee.meetings {
        let attended = m.attendance.iter().any(|a| a.member == id);
        let mut agenda = m.agenda.clone();
        if unlink(&mut agenda, id, &name) {
            let mut meeting = m.clone();
            meeting.agenda = agenda;
            meeting.attendance.retain(|a| a.member != id);
            steps.push(Command::SetMeeting(Box::new(meeting)));
        } else if attended {
            steps.push(Command::SetAttendance {
                meeting: m.id,
                attendance: m
                    .attendance
                    .iter()
                    .filter(|a| a.member != id)
                    .cloned()
                    .collect(),
            });
        }
    }
    steps.push(Command::RemoveMember(id));
    Command::Batch(steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionStatus, Presence, Role};

    /// The sample programme, whose second meeting has decisions and action points.
    fn sample() -> Project {
        crate::testing::sample()
    }

    /// Applies `command`, checks that its inverse gives back the project and that the inverse
    /// of the inverse makes the edit again. Returns the project as edited.
    fn round_trip(mut p: Project, command: Command) -> Project {
        let before = p.clone();
        let inverse = command.clone().apply(&mut p).unwrap();
        let after = p.clone();
        assert!(
            crate::edit::integrity::check(&p).is_empty(),
            "{command:?} leaves a sound project: {:?}",
            crate::edit::integrity::check(&p)
        );
        let redo = inverse.apply(&mut p).unwrap();
        assert_eq!(p, before, "the inverse of {command:?} restores the project");
        redo.apply(&mut p).unwrap();
        assert_eq!(
            p, after,
            "the inverse of the inverse of {command:?} redoes it"
        );
        after
    }

    /// `command` is refused with a message containing `says`, and changes nothing.
    fn refused(p: &Project, command: Command, says: &str) {
        let mut q = p.clone();
        let error = command.clone().apply(&mut q).unwrap_err();
        assert!(error.to_string().contains(says), "{command:?}: {error}");
        assert_eq!(&q, p, "{command:?} changed nothing");
    }

    /// The first meeting with a decision, its item, decision and (if any) action point.
    fn minutes(p: &Project) -> (Id, Id, Decision) {
        let mut found = None;
        for m in &p.committee.meetings {
            m.for_each_item(&mut |item| {
                if found.is_none()
                    && let Some(d) = item.decisions.first()
                {
                    found = Some((m.id, item.id, d.clone()));
                }
            });
        }
        found.expect("the sample has a decision")
    }

    #[test]
    fn refusals_say_what_is_wrong_in_type_and_words() {
        let p = sample();
        let refusal = |command: Command| command.apply(&mut p.clone()).unwrap_err();
        let missing = Id(9_999_999);
        let first = p.committee.members[0].clone();
        let meeting = p.committee.meetings[0].clone();

        let error = refusal(Command::RemoveMember(missing));
        assert_eq!(
            error,
            CommandError::NotFound {
                kind: EntityRef::Member,
                id: missing
            }
        );
        assert_eq!(error.to_string(), "Member 9999999 does not exist.");

        let mut elsewhere = first.clone();
        elsewhere.jurisdiction = Some(missing);
        let error = refusal(Command::SetMember(Box::new(elsewhere)));
        assert!(
            matches!(error, CommandError::BrokenLink(link)
                if link.field == "jurisdiction" && link.target == missing),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "The jurisdiction 9999999 does not exist."
        );

        let mut stranger = meeting.attendance[0].clone();
        stranger.member = missing;
        let error = refusal(Command::SetAttendance {
            meeting: meeting.id,
            attendance: vec![stranger],
        });
        assert!(matches!(error, CommandError::BrokenLink(_)), "{error:?}");
        assert_eq!(error.to_string(), "Member 9999999 is not on the committee.");

        let mut item = meeting.agenda[0].clone();
        item.activities.push(missing);
        let error = refusal(Command::SetAgendaItem {
            meeting: meeting.id,
            item: Box::new(item.clone()),
        });
        assert!(matches!(error, CommandError::BrokenLink(_)), "{error:?}");
        assert_eq!(error.to_string(), "Activity 9999999 does not exist.");
        item.id = missing;
        let error = refusal(Command::SetAgendaItem {
            meeting: meeting.id,
            item: Box::new(item),
        });
        assert_eq!(
            error,
            CommandError::NotOnAgenda {
                meeting: meeting.id,
                item: missing
            }
        );
        assert_eq!(
            error.to_string(),
            format!(
                "Agenda item 9999999 is not on the agenda of meeting {}.",
                meeting.id
            )
        );

        let attending = meeting.attendance[0].member;
        let error = refusal(Command::RemoveMember(attending));
        assert!(
            matches!(error, CommandError::StillLinked { kind: EntityRef::Member, id, .. }
                if id == attending),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!(
                "Member {attending} cannot be removed: the attendance of meeting {} names them.",
                meeting.number
            )
        );

        let error = refusal(Command::InsertMember {
            index: 0,
            member: Box::new(first.clone()),
        });
        assert_eq!(error, CommandError::IdInUse(first.id));
        assert_eq!(
            error.to_string(),
            format!("Id {} is already in use.", first.id)
        );

        let error = refusal(Command::MoveMember {
            member: first.id,
            to: 500,
        });
        assert_eq!(
            error.to_string(),
            format!(
                "No place 500 for member {} (there are {}).",
                first.id,
                p.committee.members.len()
            )
        );
        assert!(matches!(error, CommandError::Invalid(_)));
    }

    #[test]
    fn committee_details() {
        let p = sample();
        let edited = round_trip(
            p.clone(),
            Command::SetCommitteeDetails {
                name: "Steering Group".into(),
                terms_of_reference: "Oversight".into(),
                quorum: 7,
            },
        );
        assert_eq!(edited.committee.name, "Steering Group");
        assert_eq!(edited.committee.quorum, 7);
        assert_eq!(edited.committee.meetings, p.committee.meetings);
    }

    #[test]
    fn members() {
        let mut p = sample();
        let first = p.committee.members[0].clone();
        let mut renamed = first.clone();
        renamed.name = "Ana Ivanović".into();
        renamed.role = Role::CoChair;
        let edited = round_trip(p.clone(), Command::SetMember(Box::new(renamed.clone())));
        assert_eq!(edited.committee.members[0], renamed);

        let mut stranger = renamed.clone();
        stranger.id = Id(9_999_999);
        refused(
            &p,
            Command::SetMember(Box::new(stranger.clone())),
            "does not exist",
        );
        let mut elsewhere = first.clone();
        elsewhere.jurisdiction = Some(Id(9_999_998));
        refused(&p, Command::SetMember(Box::new(elsewhere)), "jurisdiction");

        let id = p.allocate_id();
        stranger.id = id;
        let edited = round_trip(
            p.clone(),
            Command::InsertMember {
                index: 1,
                member: Box::new(stranger.clone()),
            },
        );
        assert_eq!(edited.committee.members[1].id, id);
        refused(
            &p,
            Command::InsertMember {
                index: 0,
                member: Box::new(first.clone()),
            },
            "already in use",
        );
        refused(
            &p,
            Command::InsertMember {
                index: 500,
                member: Box::new(stranger),
            },
            "No place 500",
        );

        let last = p.committee.members.len() - 1;
        let edited = round_trip(
            p.clone(),
            Command::MoveMember {
                member: first.id,
                to: last,
            },
        );
        assert_eq!(edited.committee.members[last].id, first.id);
        refused(
            &p,
            Command::MoveMember {
                member: first.id,
                to: last + 1,
            },
            "No place",
        );
    }

    #[test]
    fn a_member_who_attended_goes_with_their_attendance() {
        let p = sample();
        let member = p.committee.meetings[0].attendance[0].member;
        refused(&p, Command::RemoveMember(member), "attendance");
        refused(&p, Command::RemoveMember(Id(9_999_999)), "does not exist");
        let edited = round_trip(p.clone(), delete_member(&p, member));
        assert!(edited.committee.members.iter().all(|m| m.id != member));
        assert!(
            edited
                .committee
                .meetings
                .iter()
                .all(|m| m.attendance.iter().all(|a| a.member != member))
        );
    }

    #[test]
    fn a_deleted_presenter_and_owner_stay_as_their_name() {
        let mut p = sample();
        // A member who attended nothing, so only the presenter and owner links hold them.
        let mut member = p.committee.members[0].clone();
        member.id = p.allocate_id();
        member.name = "Mira Novak".into();
        p.committee.members.push(member.clone());
        let meeting = &mut p.committee.meetings[1];
        meeting.agenda[0].presenter_member = Some(member.id);
        let with_action = meeting
            .agenda
            .iter_mut()
            .find(|i| !i.actions.is_empty())
            .expect("the sample has action points");
        with_action.actions[0].owner_member = Some(member.id);
        refused(&p, Command::RemoveMember(member.id), "still linked");
        let edited = round_trip(p.clone(), delete_member(&p, member.id));
        let m = &edited.committee.meetings[1];
        assert_eq!(m.agenda[0].presenter_member, None);
        assert_eq!(m.agenda[0].presenter, member.name);
        let owners: Vec<_> = m
            .agenda
            .iter()
            .flat_map(|i| &i.actions)
            .filter(|a| a.owner == member.name)
            .collect();
        assert!(owners.iter().all(|a| a.owner_member.is_none()));
        assert!(!owners.is_empty());
    }

    #[test]
    fn meetings_and_attendance() {
        let mut p = sample();
        let first = p.committee.meetings[0].clone();
        let mut moved = first.clone();
        moved.date = moved.date.succ_opt().unwrap();
        moved.place.city = "Skopje".into();
        round_trip(p.clone(), Command::SetMeeting(Box::new(moved.clone())));

        // A redrafted agenda may bring new items, but not ids used elsewhere.
        let mut redrafted = first.clone();
        let mut extra = redrafted.agenda[0].clone();
        extra.id = p.allocate_id();
        extra.sub_items.clear();
        extra.decisions.clear();
        extra.actions.clear();
        redrafted.agenda.push(extra.clone());
        round_trip(p.clone(), Command::SetMeeting(Box::new(redrafted.clone())));
        extra.id = p.activities[0].id;
        redrafted.agenda.pop();
        redrafted.agenda.push(extra);
        refused(
            &p,
            Command::SetMeeting(Box::new(redrafted)),
            "already in use",
        );
        let mut twice = first.clone();
        twice.agenda.push(first.agenda[0].clone());
        refused(&p, Command::SetMeeting(Box::new(twice)), "appears twice");
        let mut unknown = first.clone();
        unknown.id = Id(9_999_999);
        refused(&p, Command::SetMeeting(Box::new(unknown)), "does not exist");

        let mut new = first.clone();
        new.id = p.allocate_id();
        new.attendance.clear();
        new.agenda = crate::committee::template(&mut || p.allocate_id());
        let index = p.committee.meetings.len();
        let edited = round_trip(
            p.clone(),
            Command::InsertMeeting {
                index,
                meeting: Box::new(new.clone()),
            },
        );
        assert_eq!(edited.committee.meetings[index], new);
        refused(
            &p,
            Command::InsertMeeting {
                index: 0,
                meeting: Box::new(first.clone()),
            },
            "already in use",
        );
        round_trip(p.clone(), Command::RemoveMeeting(first.id));
        refused(&p, Command::RemoveMeeting(Id(9_999_999)), "does not exist");
        round_trip(
            p.clone(),
            Command::MoveMeeting {
                meeting: first.id,
                to: 1,
            },
        );

        let member = p.committee.members[0].id;
        let attendance = vec![Attendance {
            member,
            presence: Presence::Represented,
            represented_by: "Deputy".into(),
        }];
        let edited = round_trip(
            p.clone(),
            Command::SetAttendance {
                meeting: first.id,
                attendance: attendance.clone(),
            },
        );
        assert_eq!(edited.committee.meetings[0].attendance, attendance);
        let stranger = vec![Attendance {
            member: Id(9_999_999),
            ..attendance[0].clone()
        }];
        refused(
            &p,
            Command::SetAttendance {
                meeting: first.id,
                attendance: stranger,
            },
            "not on the committee",
        );
        refused(
            &p,
            Command::SetAttendance {
                meeting: Id(9_999_999),
                attendance,
            },
            "Meeting 9999999 does not exist",
        );
    }

    #[test]
    fn agenda_items_and_sub_items() {
        let mut p = sample();
        let meeting = p.committee.meetings[0].id;
        let agenda = p.committee.meetings[0].agenda.clone();
        let with_subs = agenda
            .iter()
            .find(|i| !i.sub_items.is_empty())
            .expect("the sample has sub-items")
            .clone();
        let sub = with_subs.sub_items[0].clone();

        let mut titled = sub.clone();
        titled.title = "Revised".into();
        titled.activities = vec![p.activities[0].id];
        let edited = round_trip(
            p.clone(),
            Command::SetAgendaItem {
                meeting,
                item: Box::new(titled.clone()),
            },
        );
        assert_eq!(
            find_item(&edited.committee.meetings[0].agenda, sub.id),
            Some(&titled)
        );
        titled.objectives = vec![Id(9_999_999)];
        refused(
            &p,
            Command::SetAgendaItem {
                meeting,
                item: Box::new(titled.clone()),
            },
            "Objective 9999999 does not exist",
        );
        let other = p.committee.meetings[1].id;
        refused(
            &p,
            Command::SetAgendaItem {
                meeting: other,
                item: Box::new(sub.clone()),
            },
            "is not on the agenda",
        );

        let mut new = sub.clone();
        new.id = p.allocate_id();
        new.decisions.clear();
        new.actions.clear();
        for (parent, index) in [(None, 0), (None, agenda.len()), (Some(with_subs.id), 1)] {
            round_trip(
                p.clone(),
                Command::InsertAgendaItem {
                    meeting,
                    parent,
                    index,
                    item: Box::new(new.clone()),
                },
            );
        }
        refused(
            &p,
            Command::InsertAgendaItem {
                meeting,
                parent: Some(Id(9_999_999)),
                index: 0,
                item: Box::new(new.clone()),
            },
            "not on the agenda",
        );
        refused(
            &p,
            Command::InsertAgendaItem {
                meeting,
                parent: None,
                index: 0,
                item: Box::new(sub.clone()),
            },
            "already in use",
        );

        let edited = round_trip(
            p.clone(),
            Command::RemoveAgendaItem {
                meeting,
                item: sub.id,
            },
        );
        assert!(find_item(&edited.committee.meetings[0].agenda, sub.id).is_none());
        round_trip(
            p.clone(),
            Command::RemoveAgendaItem {
                meeting,
                item: with_subs.id,
            },
        );
        refused(
            &p,
            Command::RemoveAgendaItem {
                meeting,
                item: Id(9_999_999),
            },
            "not on the agenda",
        );

        let edited = round_trip(
            p.clone(),
            Command::MoveAgendaItem {
                meeting,
                item: agenda[1].id,
                to: 0,
            },
        );
        assert_eq!(edited.committee.meetings[0].agenda[0].id, agenda[1].id);
        if with_subs.sub_items.len() > 1 {
            round_trip(
                p.clone(),
                Command::MoveAgendaItem {
                    meeting,
                    item: sub.id,
                    to: 1,
                },
            );
        }
        refused(
            &p,
            Command::MoveAgendaItem {
                meeting,
                item: agenda[0].id,
                to: agenda.len(),
            },
            "No place",
        );
    }

    #[test]
    fn decisions() {
        let mut p = sample();
        let (meeting, item, decision) = minutes(&p);
        let mut reworded = decision.clone();
        reworded.text = "The committee endorsed the workplan.".into();
        round_trip(
            p.clone(),
            Command::SetDecision {
                meeting,
                item,
                decision: reworded.clone(),
            },
        );
        refused(
            &p,
            Command::SetDecision {
                meeting,
                item: Id(9_999_999),
                decision: reworded.clone(),
            },
            "not on the agenda",
        );
        let new = Decision {
            id: p.allocate_id(),
            text: "Adopted".into(),
        };
        round_trip(
            p.clone(),
            Command::InsertDecision {
                meeting,
                item,
                index: 1,
                decision: new.clone(),
            },
        );
        refused(
            &p,
            Command::InsertDecision {
                meeting,
                item,
                index: 0,
                decision: reworded,
            },
            "already in use",
        );
        round_trip(
            p.clone(),
            Command::RemoveDecision {
                meeting,
                item,
                decision: decision.id,
            },
        );
        refused(
            &p,
            Command::RemoveDecision {
                meeting,
                item,
                decision: new.id,
            },
            "Decision",
        );
        let with_two = round_trip(
            p.clone(),
            Command::InsertDecision {
                meeting,
                item,
                index: 1,
                decision: new.clone(),
            },
        );
        let edited = round_trip(
            with_two,
            Command::MoveDecision {
                meeting,
                item,
                decision: new.id,
                to: 0,
            },
        );
        assert_eq!(item_ref(&edited, meeting, item).unwrap().decisions[0], new);
    }

    #[test]
    fn action_points() {
        let mut p = sample();
        let (meeting, item, _) = minutes(&p);
        let action = ActionPoint {
            id: p.allocate_id(),
            number: 1,
            text: "Circulate the report".into(),
            owner: "Secretariat".into(),
            owner_member: None,
            due: None,
            status: ActionStatus::Open,
        };
        let with_one = round_trip(
            p.clone(),
            Command::InsertActionPoint {
                meeting,
                item,
                index: 0,
                action: Box::new(action.clone()),
            },
        );
        let mut done = action.clone();
        done.status = ActionStatus::Done;
        round_trip(
            with_one.clone(),
            Command::SetActionPoint {
                meeting,
                item,
                action: Box::new(done.clone()),
            },
        );
        refused(
            &p,
            Command::SetActionPoint {
                meeting,
                item,
                action: Box::new(done),
            },
            "Action point",
        );
        let mut stranger = action.clone();
        stranger.owner_member = Some(Id(9_999_999));
        refused(
            &with_one,
            Command::SetActionPoint {
                meeting,
                item,
                action: Box::new(stranger),
            },
            "9999999",
        );
        refused(
            &with_one,
            Command::InsertActionPoint {
                meeting,
                item,
                index: 0,
                action: Box::new(action.clone()),
            },
            "already in use",
        );
        round_trip(
            with_one.clone(),
            Command::RemoveActionPoint {
                meeting,
                item,
                action: action.id,
            },
        );
        let mut second = action.clone();
        second.id = p.allocate_id();
        let mut with_two = with_one.clone();
        with_two.next_id = p.next_id;
        let with_two = round_trip(
            with_two,
            Command::InsertActionPoint {
                meeting,
                item,
                index: 1,
                action: Box::new(second.clone()),
            },
        );
        round_trip(
            with_two.clone(),
            Command::MoveActionPoint {
                meeting,
                item,
                action: second.id,
                to: 0,
            },
        );
        refused(
            &with_two,
            Command::MoveActionPoint {
                meeting: Id(9_999_999),
                item,
                action: second.id,
                to: 0,
            },
            "Meeting 9999999 does not exist",
        );
    }
}
