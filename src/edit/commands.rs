//! Every change to a project is a [`Command`], applied in one place ([`Command::apply`]),
//! which hands back the command that undoes it. Undo, redo and the unsaved-changes marker
//! all follow from that (see [`crate::edit::history`]).

use crate::edit::committee_edits as committee;
use crate::edit::links::Link;
use crate::edit::results_edits as results;
use crate::model::{
    AcceptedCheck, ActionPoint, Activity, Actual, AgendaItem, Attendance, Baseline, Breakdown,
    Decision, EntityRef, HolidaySet, Id, IndicatorPeriod, Meeting, Member, Objective, Period,
    Programme, Project, Settings, StaffMember, Value,
};

pub use crate::edit::committee_edits::delete_member;
pub use crate::edit::deletion::{delete_activities, delete_objective};
use crate::edit::validate::{
    broken_link_message, check_activity, check_activity_among, check_outline,
    still_linked_from_outside,
};

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Replace the programme's properties (title, period, jurisdictions, partners, donors).
    SetProgramme(Box<Programme>),
    SetSettings(Box<Settings>),
    /// Replace the public holiday sets.
    SetHolidays(Vec<HolidaySet>),
    /// Replace the findings of the checks accepted as known exceptions.
    SetAcceptedChecks(Vec<AcceptedCheck>),
    /// Replace the programme's staff (adding, renaming, deleting a member are each this); a
    /// member activities still name cannot be removed.
    SetStaff(Vec<StaffMember>),
    /// Replace the saved baselines (saving and deleting one are each this).
    SetBaselines(Vec<Baseline>),
    /// Rename a baseline or change its note, without carrying its saved activities (typing
    /// in the field is one edit a keystroke).
    SetBaselineDetails {
        baseline: Id,
        name: String,
        note: String,
    },
    /// Set the steering committee's own fields.
    SetCommitteeDetails {
        name: String,
        terms_of_reference: String,
        quorum: u32,
    },
    /// Replace one committee member (found by its id).
    SetMember(Box<Member>),
    /// Insert a member at `index` in the list of members.
    InsertMember {
        index: usize,
        member: Box<Member>,
    },
    /// Remove a member no attendance record names any more (see [`delete_member`]).
    RemoveMember(Id),
    /// Move a member to place `to` in the list (counted without it).
    MoveMember {
        member: Id,
        to: usize,
    },
    /// Replace one meeting (found by its id) with its attendance and agenda, as the draft
    /// from the workplan does.
    SetMeeting(Box<Meeting>),
    /// Insert a meeting at `index` in the list of meetings.
    InsertMeeting {
        index: usize,
        meeting: Box<Meeting>,
    },
    RemoveMeeting(Id),
    /// Move a meeting to place `to` in the list (counted without it).
    MoveMeeting {
        meeting: Id,
        to: usize,
    },
    /// Replace a meeting's attendance records.
    SetAttendance {
        meeting: Id,
        attendance: Vec<Attendance>,
    },
    /// Replace one agenda item or sub-item of `meeting` (found by its id), with its
    /// sub-items, decisions and action points.
    SetAgendaItem {
        meeting: Id,
        item: Box<AgendaItem>,
    },
    /// Insert an item at `index` on the agenda of `meeting`, or among the sub-items of
    /// `parent`.
    InsertAgendaItem {
        meeting: Id,
        parent: Option<Id>,
        index: usize,
        item: Box<AgendaItem>,
    },
    /// Remove an agenda item or sub-item with everything under it.
    RemoveAgendaItem {
        meeting: Id,
        item: Id,
    },
    /// Move an agenda item or sub-item to place `to` among its siblings (counted without it).
    MoveAgendaItem {
        meeting: Id,
        item: Id,
        to: usize,
    },
    /// Replace one decision (found by its id) on agenda item `item` of `meeting`.
    SetDecision {
        meeting: Id,
        item: Id,
        decision: Decision,
    },
    InsertDecision {
        meeting: Id,
        item: Id,
        index: usize,
        decision: Decision,
    },
    RemoveDecision {
        meeting: Id,
        item: Id,
        decision: Id,
    },
    MoveDecision {
        meeting: Id,
        item: Id,
        decision: Id,
        to: usize,
    },
    /// Replace one action point (found by its id) on agenda item `item` of `meeting`.
    SetActionPoint {
        meeting: Id,
        item: Id,
        action: Box<ActionPoint>,
    },
    InsertActionPoint {
        meeting: Id,
        item: Id,
        index: usize,
        action: Box<ActionPoint>,
    },
    RemoveActionPoint {
        meeting: Id,
        item: Id,
        action: Id,
    },
    MoveActionPoint {
        meeting: Id,
        item: Id,
        action: Id,
        to: usize,
    },
    /// Replace the whole objective tree (it must stay in outline order with every parent
    /// present). Tree edits build the new tree with the functions in [`crate::plan::tree`].
    SetObjectives(Vec<Objective>),
    /// Replace one objective (found by its id), keeping its place in the tree.
    SetObjective(Box<Objective>),
    /// Add a period to an indicator (found by its id): at `index` when given, else at its
    /// place in time order; refused when the indicator has that period already.
    AddPeriod {
        indicator: Id,
        index: Option<usize>,
        period: Box<IndicatorPeriod>,
    },
    /// Remove a period with its target, actual and breakdowns.
    RemovePeriod {
        indicator: Id,
        period: Period,
    },
    /// Set (or clear) what a period should deliver.
    SetPeriodTarget {
        indicator: Id,
        period: Period,
        target: Option<Value>,
    },
    /// Set (or clear) what a period delivered, with its date, source and comment.
    SetPeriodActual {
        indicator: Id,
        period: Period,
        actual: Option<Box<Actual>>,
    },
    /// Insert a breakdown row at `index` among a period's breakdowns.
    InsertBreakdown {
        indicator: Id,
        period: Period,
        index: usize,
        breakdown: Box<Breakdown>,
    },
    RemoveBreakdown {
        indicator: Id,
        period: Period,
        index: usize,
    },
    /// Replace the breakdown row at `index` of a period.
    SetBreakdown {
        indicator: Id,
        period: Period,
        index: usize,
        breakdown: Box<Breakdown>,
    },
    /// Replace the objective links of the listed activities.
    SetActivityObjectives(Vec<(Id, Vec<Id>)>),
    /// Replace the objective links of the listed agenda items.
    SetAgendaItemObjectives(Vec<(Id, Vec<Id>)>),
    /// Insert activities at the given positions (ascending, each counted after the ones
    /// before it are in place).
    InsertActivities(Vec<(usize, Activity)>),
    /// Remove activities that nothing links to any more (see [`delete_activities`]).
    RemoveActivities(Vec<Id>),
    /// Replace one activity (found by its id).
    SetActivity(Box<Activity>),
    /// Replace the activity links of the listed agenda items.
    SetAgendaItemActivities(Vec<(Id, Vec<Id>)>),
    /// Several commands as one step, applied in order.
    Batch(Vec<Command>),
    /// Replace the whole project (a merge with the file on disk, recovered changes, the
    /// version on disk taken instead of ours). It must pass the integrity check.
    ReplaceProject(Box<Project>),
}

/// Why a command could not be applied; the project is unchanged when this is returned. The
/// text of each is what the window shows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// An entity the command names is not there: the one it edits, or one that a link
    /// command ([`Command::SetActivityObjectives`] and the like) links to.
    #[error("{} {id} does not exist.", heading(.kind))]
    NotFound { kind: EntityRef, id: Id },
    /// The agenda item named is not on the agenda of that meeting.
    #[error("Agenda item {item} is not on the agenda of meeting {meeting}.")]
    NotOnAgenda { meeting: Id, item: Id },
    /// A link in what the command brings in (an activity, a member, a meeting, its
    /// attendance, an agenda item) points at nothing.
    #[error("{}", broken_link_message(.0))]
    BrokenLink(Link),
    /// A new entity's id is carried by another already.
    #[error("Id {0} is already in use.")]
    IdInUse(Id),
    /// The entity cannot be removed while links to it remain; the message names them.
    #[error("{message}")]
    StillLinked {
        kind: EntityRef,
        id: Id,
        message: String,
    },
    /// A tree edit the command was made from was refused.
    #[error(transparent)]
    Tree(#[from] crate::plan::tree::TreeError),
    /// Anything else the command asks that cannot be (a place out of range, an end before a
    /// start, an id twice, a project that is not sound).
    #[error("{0}")]
    Invalid(String),
}

fn set_staff(project: &mut Project, staff: Vec<StaffMember>) -> Result<Command, CommandError> {
    let mut names = std::collections::HashSet::new();
    for member in &staff {
        if member.name.trim().is_empty() {
            return Err(invalid(format!("Staff member {} has no name.", member.id)));
        }
        if !names.insert(member.id) {
            return Err(invalid(format!(
                "Staff member {} is listed twice.",
                member.id
            )));
        }
    }
    for old in project.staff.iter().filter(|m| !names.contains(&m.id)) {
        let links = crate::edit::links::links_to(project, old.id);
        if let Some(first) = links.first() {
            return Err(CommandError::StillLinked {
                kind: first.to,
                id: old.id,
                message: format!(
                    "{}; it cannot be removed while {} link(s) in the project point to it.",
                    crate::edit::links::still_linked_message(project, first.to, old.id, &links),
                    links.len()
                ),
            });
        }
    }
    let old = std::mem::replace(&mut project.staff, staff);
    Ok(Command::SetStaff(old))
}

pub(crate) fn invalid(message: impl Into<String>) -> CommandError {
    CommandError::Invalid(message.into())
}

/// A kind of entity at the start of a message: `Agenda item`, `Member`.
pub(crate) fn heading(kind: &EntityRef) -> String {
    if *kind == EntityRef::Member {
        return "Member".into();
    }
    let noun = kind.noun();
    let mut heading = noun[..1].to_uppercase();
    heading.push_str(&noun[1..]);
    heading
}

pub(crate) fn not_found(kind: EntityRef, id: Id) -> CommandError {
    CommandError::NotFound { kind, id }
}

impl Command {
    /// Applies the command and returns its inverse. On error nothing has changed.
    pub fn apply(self, project: &mut Project) -> Result<Command, CommandError> {
        match self {
            Command::SetProgramme(programme) => {
                if programme.end < programme.start {
                    return Err(invalid(format!(
                        "The programme cannot end ({}) before it starts ({}).",
                        programme.end, programme.start
                    )));
                }
                let kept: std::collections::HashSet<_> = programme.all_ids().collect();
                for removed in project.programme.all_ids().filter(|id| !kept.contains(id)) {
                    let links = crate::edit::links::links_to(project, removed);
                    if let Some(first) = links.first() {
                        return Err(CommandError::StillLinked {
                            kind: first.to,
                            id: removed,
                            message: format!(
                                "{}; it cannot be removed while {} link(s) in the project point \
                                 to it.",
                                crate::edit::links::still_linked_message(
                                    project, first.to, removed, &links
                                ),
                                links.len()
                            ),
                        });
                    }
                }
                let old = std::mem::replace(&mut project.programme, *programme);
                Ok(Command::SetProgramme(Box::new(old)))
            }
            Command::SetSettings(settings) => {
                let old = std::mem::replace(&mut project.settings, *settings);
                Ok(Command::SetSettings(Box::new(old)))
            }
            Command::SetHolidays(mut holidays) => {
                for set in &mut holidays {
                    // Kept in date order, so the file stays canonical whatever the order typed.
                    set.days
                        .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name)));
                }
                let old = std::mem::replace(&mut project.holidays, holidays);
                Ok(Command::SetHolidays(old))
            }
            Command::SetAcceptedChecks(accepted) => set_accepted_checks(project, accepted),
            Command::SetBaselines(baselines) => set_baselines(project, baselines),
            Command::SetStaff(staff) => set_staff(project, staff),
            Command::SetBaselineDetails {
                baseline,
                name,
                note,
            } => {
                if name.trim().is_empty() {
                    return Err(invalid("A baseline needs a name."));
                }
                let slot = project
                    .baselines
                    .iter_mut()
                    .find(|b| b.id == baseline)
                    .ok_or_else(|| not_found(EntityRef::Baseline, baseline))?;
                let old_name = std::mem::replace(&mut slot.name, name);
                let old_note = std::mem::replace(&mut slot.note, note);
                Ok(Command::SetBaselineDetails {
                    baseline,
                    name: old_name,
                    note: old_note,
                })
            }
            Command::SetCommitteeDetails {
                name,
                terms_of_reference,
                quorum,
            } => committee::set_details(project, name, terms_of_reference, quorum),
            Command::SetMember(member) => committee::set_member(project, *member),
            Command::InsertMember { index, member } => {
                committee::insert_member(project, index, *member)
            }
            Command::RemoveMember(id) => committee::remove_member(project, id),
            Command::MoveMember { member, to } => committee::move_member(project, member, to),
            Command::SetMeeting(meeting) => committee::set_meeting(project, *meeting),
            Command::InsertMeeting { index, meeting } => {
                committee::insert_meeting(project, index, *meeting)
            }
            Command::RemoveMeeting(id) => committee::remove_meeting(project, id),
            Command::MoveMeeting { meeting, to } => committee::move_meeting(project, meeting, to),
            Command::SetAttendance {
                meeting,
                attendance,
            } => committee::set_attendance(project, meeting, attendance),
            Command::SetAgendaItem { meeting, item } => {
                committee::set_item(project, meeting, *item)
            }
            Command::InsertAgendaItem {
                meeting,
                parent,
                index,
                item,
            } => committee::insert_item(project, meeting, parent, index, *item),
            Command::RemoveAgendaItem { meeting, item } => {
                committee::remove_item(project, meeting, item)
            }
            Command::MoveAgendaItem { meeting, item, to } => {
                committee::move_item(project, meeting, item, to)
            }
            Command::SetDecision {
                meeting,
                item,
                decision,
            } => committee::set_decision(project, meeting, item, decision),
            Command::InsertDecision {
                meeting,
                item,
                index,
                decision,
            } => committee::insert_decision(project, meeting, item, index, decision),
            Command::RemoveDecision {
                meeting,
                item,
                decision,
            } => committee::remove_decision(project, meeting, item, decision),
            Command::MoveDecision {
                meeting,
                item,
                decision,
                to,
            } => committee::move_decision(project, meeting, item, decision, to),
            Command::SetActionPoint {
                meeting,
                item,
                action,
            } => committee::set_action(project, meeting, item, *action),
            Command::InsertActionPoint {
                meeting,
                item,
                index,
                action,
            } => committee::insert_action(project, meeting, item, index, *action),
            Command::RemoveActionPoint {
                meeting,
                item,
                action,
            } => committee::remove_action(project, meeting, item, action),
            Command::MoveActionPoint {
                meeting,
                item,
                action,
                to,
            } => committee::move_action(project, meeting, item, action, to),
            Command::SetObjectives(objectives) => {
                check_outline(&objectives)?;
                let old = std::mem::replace(&mut project.objectives, objectives);
                Ok(Command::SetObjectives(old))
            }
            Command::SetObjective(objective) => {
                let slot = project
                    .objectives
                    .iter_mut()
                    .find(|o| o.id == objective.id)
                    .ok_or_else(|| not_found(EntityRef::Objective, objective.id))?;
                if objective.parent != slot.parent {
                    return Err(invalid("Use a move to change an objective's parent."));
                }
                let old = std::mem::replace(slot, *objective);
                Ok(Command::SetObjective(Box::new(old)))
            }
            Command::AddPeriod {
                indicator,
                index,
                period,
            } => results::add_period(project, indicator, index, *period),
            Command::RemovePeriod { indicator, period } => {
                results::remove_period(project, indicator, period)
            }
            Command::SetPeriodTarget {
                indicator,
                period,
                target,
            } => results::set_target(project, indicator, period, target),
            Command::SetPeriodActual {
                indicator,
                period,
                actual,
            } => results::set_actual(project, indicator, period, actual),
            Command::InsertBreakdown {
                indicator,
                period,
                index,
                breakdown,
            } => results::insert_breakdown(project, indicator, period, index, *breakdown),
            Command::RemoveBreakdown {
                indicator,
                period,
                index,
            } => results::remove_breakdown(project, indicator, period, index),
            Command::SetBreakdown {
                indicator,
                period,
                index,
                breakdown,
            } => results::set_breakdown(project, indicator, period, index, *breakdown),
            Command::SetAgendaItemObjectives(links) => {
                let mut old = Vec::with_capacity(links.len());
                for (item, objectives) in &links {
                    if let Some(missing) =
                        objectives.iter().find(|&&o| project.objective(o).is_none())
                    {
                        return Err(not_found(EntityRef::Objective, *missing));
                    }
                    let found = agenda_item_mut(project, *item)
                        .ok_or_else(|| not_found(EntityRef::AgendaItem, *item))?;
                    old.push((*item, found.objectives.clone()));
                }
                for (item, objectives) in links {
                    if let Some(found) = agenda_item_mut(project, item) {
                        found.objectives = objectives;
                    }
                }
                Ok(Command::SetAgendaItemObjectives(old))
            }
            Command::InsertActivities(entries) => {
                let mut ids: std::collections::HashSet<Id> =
                    project.all_ids().into_iter().map(|(id, _)| id).collect();
                // Links are checked against the workplan as it will be, with every activity of
                // the command in it: the undo of a delete brings back an activity together with
                // its predecessors.
                let incoming: std::collections::HashSet<Id> =
                    entries.iter().map(|(_, a)| a.id).collect();
                for (index, activity) in &entries {
                    check_activity_among(project, activity, &incoming)?;
                    let new_ids =
                        std::iter::once(activity.id).chain(activity.sessions.iter().map(|s| s.id));
                    for id in new_ids {
                        if !ids.insert(id) {
                            return Err(CommandError::IdInUse(id));
                        }
                    }
                    if *index > project.activities.len() + entries.len() {
                        return Err(invalid(format!("No place {index} in the workplan.")));
                    }
                }
                let inserted = entries.iter().map(|(_, a)| a.id).collect();
                for (index, activity) in entries {
                    let at = index.min(project.activities.len());
                    project.activities.insert(at, activity);
                }
                Ok(Command::RemoveActivities(inserted))
            }
            Command::RemoveActivities(ids) => {
                let removing: std::collections::HashSet<Id> = ids.iter().copied().collect();
                if let Some(error) = still_linked_from_outside(project, &removing) {
                    return Err(error);
                }
                let mut removed = Vec::with_capacity(ids.len());
                let mut kept = Vec::with_capacity(project.activities.len());
                for (index, activity) in std::mem::take(&mut project.activities)
                    .into_iter()
                    .enumerate()
                {
                    if removing.contains(&activity.id) {
                        removed.push((index, activity));
                    } else {
                        kept.push(activity);
                    }
                }
                project.activities = kept;
                if removed.len() != removing.len() {
                    // Put everything back: some id was not there.
                    let inverse = Command::InsertActivities(removed);
                    inverse.apply(project)?;
                    return Err(invalid("Some of these activities do not exist."));
                }
                Ok(Command::InsertActivities(removed))
            }
            Command::SetActivity(activity) => {
                check_activity(project, &activity)?;
                let slot = project
                    .activities
                    .iter_mut()
                    .find(|a| a.id == activity.id)
                    .ok_or_else(|| not_found(EntityRef::Activity, activity.id))?;
                let old = std::mem::replace(slot, *activity);
                Ok(Command::SetActivity(Box::new(old)))
            }
            Command::SetAgendaItemActivities(links) => {
                let mut old = Vec::with_capacity(links.len());
                for (item, activities) in &links {
                    if let Some(missing) =
                        activities.iter().find(|&&a| project.activity(a).is_none())
                    {
                        return Err(not_found(EntityRef::Activity, *missing));
                    }
                    let found = agenda_item_mut(project, *item)
                        .ok_or_else(|| not_found(EntityRef::AgendaItem, *item))?;
                    old.push((*item, found.activities.clone()));
                }
                for (item, activities) in links {
                    if let Some(found) = agenda_item_mut(project, item) {
                        found.activities = activities;
                    }
                }
                Ok(Command::SetAgendaItemActivities(old))
            }
            Command::SetActivityObjectives(links) => {
                let mut old = Vec::with_capacity(links.len());
                for (activity, objectives) in &links {
                    if let Some(missing) =
                        objectives.iter().find(|&&o| project.objective(o).is_none())
                    {
                        return Err(not_found(EntityRef::Objective, *missing));
                    }
                    let found = project
                        .activity(*activity)
                        .ok_or_else(|| not_found(EntityRef::Activity, *activity))?;
                    old.push((*activity, found.objectives.clone()));
                }
                for (activity, objectives) in links {
                    if let Some(a) = project.activities.iter_mut().find(|a| a.id == activity) {
                        a.objectives = objectives;
                    }
                }
                Ok(Command::SetActivityObjectives(old))
            }
            Command::Batch(commands) => {
                let mut inverses = Vec::with_capacity(commands.len());
                for command in commands {
                    match command.apply(project) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(error) => {
                            // Roll back what was applied so the batch is all or nothing.
                            for inverse in inverses.into_iter().rev() {
                                inverse
                                    .apply(project)
                                    .expect("an inverse applies to the state it came from");
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Ok(Command::Batch(inverses))
            }
            Command::ReplaceProject(mut replacement) => {
                if let Some(problem) = crate::edit::integrity::check(&replacement).first() {
                    return Err(invalid(format!(
                        "The project cannot be replaced: {}",
                        problem.message
                    )));
                }
                // Ids handed out on either side stay spent.
                replacement.next_id = replacement.next_id.max(project.next_id);
                let old = std::mem::replace(project, *replacement);
                Ok(Command::ReplaceProject(Box::new(old)))
            }
        }
    }
}

/// Checks only what the list brings in: the activities it names exist, and an exception's id
/// is its own.
fn set_accepted_checks(
    project: &mut Project,
    accepted: Vec<AcceptedCheck>,
) -> Result<Command, CommandError> {
    let mut ids: std::collections::HashSet<Id> = project
        .all_ids()
        .into_iter()
        .filter(|(_, kind)| *kind != EntityRef::AcceptedCheck)
        .map(|(id, _)| id)
        .collect();
    for check in &accepted {
        if !ids.insert(check.id) {
            return Err(CommandError::IdInUse(check.id));
        }
        if let Some(missing) = check
            .activities
            .iter()
            .find(|&&a| project.activity(a).is_none())
        {
            return Err(not_found(EntityRef::Activity, *missing));
        }
    }
    let old = std::mem::replace(&mut project.accepted_checks, accepted);
    Ok(Command::SetAcceptedChecks(old))
}

/// Checks only what the list brings in: each baseline's id is its own and it has a name. Its
/// activities are not checked against the workplan: a baseline remembers deleted ones too.
fn set_baselines(project: &mut Project, baselines: Vec<Baseline>) -> Result<Command, CommandError> {
    let mut ids: std::collections::HashSet<Id> = project
        .all_ids()
        .into_iter()
        .filter(|(_, kind)| *kind != EntityRef::Baseline)
        .map(|(id, _)| id)
        .collect();
    for baseline in &baselines {
        if !ids.insert(baseline.id) {
            return Err(CommandError::IdInUse(baseline.id));
        }
        if baseline.name.trim().is_empty() {
            return Err(invalid("A baseline needs a name."));
        }
    }
    let old = std::mem::replace(&mut project.baselines, baselines);
    Ok(Command::SetBaselines(old))
}

fn agenda_item_mut(project: &mut Project, id: Id) -> Option<&mut crate::model::AgendaItem> {
    fn find(
        items: &mut [crate::model::AgendaItem],
        id: Id,
    ) -> Option<&mut crate::model::AgendaItem> {
        for item in items {
            if item.id == id {
                return Some(item);
            }
            if let Some(found) = find(&mut item.sub_items, id) {
                return Some(found);
            }
        }
        None
    }
    project
        .committee
        .meetings
        .iter_mut()
        .find_map(|m| find(&mut m.agenda, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn project() -> Project {
        Project::new(NaiveDate::from_ymd_opt(2009, 5, 1).unwrap())
    }

    #[test]
    fn inverse_restores_the_project() {
        let mut p = project();
        let before = p.clone();
        let mut programme = p.programme.clone();
        programme.title = "Regional Programme".into();
        let inverse = Command::SetProgramme(Box::new(programme))
            .apply(&mut p)
            .unwrap();
        assert_eq!(p.programme.title, "Regional Programme");
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn a_linked_jurisdiction_cannot_be_removed() {
        use crate::model::{Activity, Jurisdiction};
        let mut p = project();
        let id = p.allocate_id();
        p.programme.jurisdictions.push(Jurisdiction {
            id,
            name: "Montenegro".into(),
            footnote: String::new(),
            aliases: Vec::new(),
        });
        let activity = p.allocate_id();
        let mut training = Activity::new(activity, "Training on electronic evidence", "Training");
        training.beneficiaries = vec![id];
        p.activities.push(training);
        let mut without = p.programme.clone();
        without.jurisdictions.clear();
        let before = p.clone();
        let error = Command::SetProgramme(Box::new(without.clone()))
            .apply(&mut p)
            .unwrap_err();
        assert!(error.to_string().contains("1 link"), "{error}");
        assert_eq!(p, before);

        p.activities[0].beneficiaries.clear();
        assert!(
            Command::SetProgramme(Box::new(without))
                .apply(&mut p)
                .is_ok()
        );
        assert!(p.programme.jurisdictions.is_empty());
    }

    #[test]
    fn tree_edits_and_link_changes_undo_exactly() {
        use crate::model::Objective;
        let mut p = project();
        let a = p.allocate_id();
        let b = p.allocate_id();
        p.objectives = vec![
            Objective::new(a, None, 2, "Pillar"),
            Objective::new(b, None, 2, "Other"),
        ];
        let before = p.clone();
        let indented = crate::plan::tree::indent(&p.objectives, b, 5).unwrap();
        let inverse = Command::SetObjectives(indented).apply(&mut p).unwrap();
        assert_eq!(p.objectives[1].parent, Some(a));
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);

        let child_first = vec![
            Objective::new(b, Some(a), 3, "x"),
            Objective::new(a, None, 2, "y"),
        ];
        assert!(Command::SetObjectives(child_first).apply(&mut p).is_err());
        assert!(
            Command::SetActivityObjectives(vec![(Id(999), vec![])])
                .apply(&mut p)
                .is_err()
        );
        assert_eq!(p, before);
    }

    #[test]
    fn deleting_a_node_keeps_activities_and_undo_restores_links() {
        let mut p = crate::io::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/format-v1.ron"
        )))
        .unwrap();
        let before = p.clone();
        let pillar = p.objectives[0].id;
        assert_eq!(p.activities[0].objectives, vec![pillar]);
        let inverse = delete_objective(&p, pillar).unwrap().apply(&mut p).unwrap();
        assert!(p.objectives.is_empty(), "the subtree went with it");
        assert_eq!(
            p.activities.len(),
            before.activities.len(),
            "no activity is deleted"
        );
        assert!(p.activities[0].objectives.is_empty());
        assert!(
            crate::edit::integrity::check(&p).is_empty(),
            "no dangling links"
        );
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn deleting_activities_strips_links_and_undo_restores_everything() {
        let mut p = crate::testing::sample();
        // Make the last activity depend on the first, and put the first on an agenda.
        let first = p.activities[0].id;
        let last = p.activities.len() - 1;
        p.activities[last]
            .predecessors
            .push(crate::model::Dependency {
                activity: first,
                lag_days: 0,
            });
        p.committee.meetings[0].agenda[0].activities.push(first);
        let before = p.clone();
        assert!(
            Command::RemoveActivities(vec![first])
                .apply(&mut p)
                .is_err(),
            "still linked"
        );
        assert_eq!(p, before);
        let inverse = delete_activities(&p, &[first]).apply(&mut p).unwrap();
        assert!(p.activity(first).is_none());
        assert!(
            crate::edit::integrity::check(&p).is_empty(),
            "{:?}",
            crate::edit::integrity::check(&p)
        );
        inverse.apply(&mut p).unwrap();
        assert_eq!(
            p, before,
            "undo puts the activity back in its place with its links"
        );
    }

    #[test]
    fn an_activity_deleted_with_its_predecessor_comes_back_with_it() {
        let mut p = crate::testing::sample();
        // The second activity follows the first and the last; all three go together.
        let (first, last) = (p.activities[0].id, p.activities[p.activities.len() - 1].id);
        for predecessor in [first, last] {
            p.activities[1].predecessors.push(crate::model::Dependency {
                activity: predecessor,
                lag_days: 2,
            });
        }
        let second = p.activities[1].id;
        let before = p.clone();
        let inverse = delete_activities(&p, &[second, first, last])
            .apply(&mut p)
            .unwrap();
        assert!(p.activity(first).is_none() && p.activity(second).is_none());
        let after = p.clone();
        let redo = inverse.apply(&mut p).unwrap();
        assert_eq!(p, before, "undo gives back the three with their links");
        let undo = redo.apply(&mut p).unwrap();
        assert_eq!(p, after, "redo deletes them again");
        undo.apply(&mut p).unwrap();
        assert_eq!(p, before, "and undo again gives back the project");

        // A link to an activity that is neither in the workplan nor in the command is
        // still refused, and nothing changes.
        let mut q = after.clone();
        let mut lone = before.activities[1].clone();
        lone.predecessors.retain(|d| d.activity == first);
        let error = Command::InsertActivities(vec![(1, lone)])
            .apply(&mut q)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("The activity {first} does not exist.")
        );
        assert_eq!(q, after);
    }

    #[test]
    fn an_activity_edit_is_checked() {
        let mut p = crate::io::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/format-v1.ron"
        )))
        .unwrap();
        let before = p.clone();
        let mut edited = p.activities[0].clone();
        edited.beneficiaries.push(Id(999));
        assert!(
            Command::SetActivity(Box::new(edited))
                .apply(&mut p)
                .is_err()
        );
        let mut edited = p.activities[0].clone();
        edited.sessions[0].end = Some(chrono::NaiveDate::from_ymd_opt(2009, 1, 1).unwrap());
        assert!(
            Command::SetActivity(Box::new(edited))
                .apply(&mut p)
                .is_err()
        );
        let mut copy = p.activities[0].clone();
        copy.id = Id(500);
        assert!(
            Command::InsertActivities(vec![(1, copy.clone())])
                .apply(&mut p)
                .is_err(),
            "session id reused"
        );
        assert_eq!(p, before);
        copy.sessions[0].id = Id(501);
        let inverse = Command::InsertActivities(vec![(1, copy)])
            .apply(&mut p)
            .unwrap();
        assert_eq!(p.activities[1].id, Id(500));
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn refusals_of_workplan_edits_are_typed_and_read_as_before() {
        use crate::plan::tree::TreeError;
        let mut p = crate::io::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/format-v1.ron"
        )))
        .unwrap();
        let missing = Id(999);
        let mut stranger = p.activities[0].clone();
        stranger.id = missing;
        let error = Command::SetActivity(Box::new(stranger))
            .apply(&mut p)
            .unwrap_err();
        assert_eq!(error, not_found(EntityRef::Activity, missing));
        assert_eq!(error.to_string(), "Activity 999 does not exist.");

        let mut edited = p.activities[0].clone();
        edited.objectives.push(missing);
        let error = Command::SetActivity(Box::new(edited))
            .apply(&mut p)
            .unwrap_err();
        assert!(
            matches!(error, CommandError::BrokenLink(link) if link.field == "objectives"),
            "{error:?}"
        );
        assert_eq!(error.to_string(), "The objective 999 does not exist.");

        let error = delete_objective(&p, missing).unwrap_err();
        assert_eq!(
            error,
            CommandError::Tree(TreeError::NotFound { id: missing })
        );
        assert_eq!(error.to_string(), "objective 999 does not exist");

        let error = Command::SetAgendaItemObjectives(vec![(missing, vec![])])
            .apply(&mut p)
            .unwrap_err();
        assert_eq!(error.to_string(), "Agenda item 999 does not exist.");
    }

    #[test]
    fn accepting_a_check_undoes_exactly_and_names_real_activities() {
        let mut p = crate::testing::sample();
        let before = p.clone();
        let activity = p.activities[0].id;
        let id = p.allocate_id();
        let accepted = AcceptedCheck {
            id,
            check: "no-place".into(),
            activities: vec![activity],
            day: None,
            reason: "The venue is chosen by the host ministry".into(),
            accepted_on: NaiveDate::from_ymd_opt(2009, 9, 1),
        };
        let inverse = Command::SetAcceptedChecks(vec![accepted.clone()])
            .apply(&mut p)
            .unwrap();
        assert_eq!(p.accepted_checks, vec![accepted.clone()]);
        assert!(crate::edit::integrity::check(&p).is_empty());
        inverse.apply(&mut p).unwrap();
        assert_eq!(p.accepted_checks, before.accepted_checks);

        let after = p.clone();
        let mut stray = accepted.clone();
        stray.activities = vec![Id(999_999)];
        assert!(
            Command::SetAcceptedChecks(vec![stray])
                .apply(&mut p)
                .is_err()
        );
        let mut taken = accepted;
        taken.id = activity;
        assert_eq!(
            Command::SetAcceptedChecks(vec![taken]).apply(&mut p),
            Err(CommandError::IdInUse(activity))
        );
        assert_eq!(p, after, "a refused list changes nothing");
    }

    #[test]
    fn deleting_an_activity_drops_its_accepted_checks_and_undo_brings_them_back() {
        let mut p = crate::testing::sample();
        let (a, b) = (p.activities[0].id, p.activities[1].id);
        let id = p.allocate_id();
        p.accepted_checks.push(AcceptedCheck {
            id,
            check: "clash".into(),
            activities: vec![a, b],
            day: None,
            reason: "Two rooms".into(),
            accepted_on: None,
        });
        let before = p.clone();
        let inverse = delete_activities(&p, &[b]).apply(&mut p).unwrap();
        assert!(p.accepted_checks.is_empty());
        assert!(crate::edit::integrity::check(&p).is_empty());
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn a_failing_batch_changes_nothing() {
        let mut p = project();
        let before = p.clone();
        let mut titled = p.programme.clone();
        titled.title = "New".into();
        let mut backwards = p.programme.clone();
        backwards.end = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let batch = Command::Batch(vec![
            Command::SetProgramme(Box::new(titled)),
            Command::SetProgramme(Box::new(backwards)),
        ]);
        assert!(batch.apply(&mut p).is_err());
        assert_eq!(p, before);
    }

    #[test]
    fn freezing_and_renumbering_outline_codes_undo_in_one_step() {
        use crate::plan::tree;
        let mut p = crate::testing::sample();
        let before = p.clone();
        let mut settings = p.settings.clone();
        settings.codes_frozen = true;
        let freeze = Command::Batch(vec![
            Command::SetSettings(Box::new(settings)),
            Command::SetObjectives(tree::freeze_codes(&p.objectives)),
        ]);
        let unfreeze = freeze.apply(&mut p).unwrap();
        assert!(p.settings.codes_frozen);
        assert_eq!(
            tree::outline_codes(&p.objectives),
            tree::outline_codes(&before.objectives)
        );
        let frozen = p.clone();
        let second = p.objectives[1].id;
        let moved = tree::move_down(&p.objectives, second, 5).unwrap();
        Command::SetObjectives(moved).apply(&mut p).unwrap();
        let (renumbered, changed) = tree::renumber_codes(&p.objectives);
        assert!(changed > 0);
        let moved_state = p.clone();
        let undo = Command::SetObjectives(renumbered).apply(&mut p).unwrap();
        assert_eq!(
            tree::outline_codes(&p.objectives),
            tree::positional_codes(&p.objectives)
        );
        undo.apply(&mut p).unwrap();
        assert_eq!(p, moved_state, "one step takes the renumbering back");
        p = frozen;
        unfreeze.apply(&mut p).unwrap();
        assert_eq!(p, before);
    }
}
