//! Every change to a project is a [`Command`], applied in one place ([`Command::apply`]),
//! which hands back the command that undoes it. Undo, redo and the unsaved-changes marker
//! all follow from that (see [`crate::history`]).

use crate::model::{Activity, HolidaySet, Id, Objective, Programme, Project, Settings};

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Replace the programme's properties (title, period, jurisdictions, partners, donors).
    SetProgramme(Box<Programme>),
    SetSettings(Box<Settings>),
    /// Replace the public holiday sets.
    SetHolidays(Vec<HolidaySet>),
    /// Replace the steering committee (members, meetings, agendas, minutes): it is small, so
    /// each edit keeps the whole of it for undo.
    SetCommittee(Box<crate::model::Committee>),
    /// Replace the whole objective tree (it must stay in outline order with every parent
    /// present). Tree edits build the new tree with the functions in [`crate::tree`].
    SetObjectives(Vec<Objective>),
    /// Replace one objective (found by its id), keeping its place in the tree.
    SetObjective(Box<Objective>),
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

/// Why a command could not be applied; the project is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandError(pub String);

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CommandError {}

impl Command {
    /// Applies the command and returns its inverse. On error nothing has changed.
    pub fn apply(self, project: &mut Project) -> Result<Command, CommandError> {
        match self {
            Command::SetProgramme(programme) => {
                if programme.end < programme.start {
                    return Err(CommandError(format!(
                        "The programme cannot end ({}) before it starts ({}).",
                        programme.end, programme.start
                    )));
                }
                let kept: std::collections::HashSet<_> = programme.all_ids().collect();
                for removed in project.programme.all_ids().filter(|id| !kept.contains(id)) {
                    let uses = crate::integrity::reference_count(project, removed);
                    if uses > 0 {
                        return Err(CommandError(format!(
                            "It cannot be removed: {uses} link(s) in the project still point to it."
                        )));
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
            Command::SetCommittee(committee) => {
                check_committee(project, &committee)?;
                let old = std::mem::replace(&mut project.committee, *committee);
                Ok(Command::SetCommittee(Box::new(old)))
            }
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
                    .ok_or_else(|| {
                        CommandError(format!("Objective {} does not exist.", objective.id))
                    })?;
                if objective.parent != slot.parent {
                    return Err(CommandError(
                        "Use a move to change an objective's parent.".into(),
                    ));
                }
                let old = std::mem::replace(slot, *objective);
                Ok(Command::SetObjective(Box::new(old)))
            }
            Command::SetAgendaItemObjectives(links) => {
                let mut old = Vec::with_capacity(links.len());
                for (item, objectives) in &links {
                    if let Some(missing) =
                        objectives.iter().find(|&&o| project.objective(o).is_none())
                    {
                        return Err(CommandError(format!("Objective {missing} does not exist.")));
                    }
                    let found = agenda_item_mut(project, *item).ok_or_else(|| {
                        CommandError(format!("Agenda item {item} does not exist."))
                    })?;
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
                for (index, activity) in &entries {
                    check_activity(project, activity)?;
                    let new_ids =
                        std::iter::once(activity.id).chain(activity.sessions.iter().map(|s| s.id));
                    for id in new_ids {
                        if !ids.insert(id) {
                            return Err(CommandError(format!("Id {id} is already in use.")));
                        }
                    }
                    if *index > project.activities.len() + entries.len() {
                        return Err(CommandError(format!("No place {index} in the workplan.")));
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
                let still_linked = project
                    .activities
                    .iter()
                    .filter(|a| !removing.contains(&a.id))
                    .any(|a| {
                        a.predecessors
                            .iter()
                            .any(|d| removing.contains(&d.activity))
                    });
                let mut on_agenda = false;
                for meeting in &project.committee.meetings {
                    meeting.for_each_item(&mut |item| {
                        on_agenda |= item.activities.iter().any(|a| removing.contains(a));
                    });
                }
                if still_linked || on_agenda {
                    return Err(CommandError(
                        "Other activities or agenda items still link to these activities.".into(),
                    ));
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
                    return Err(CommandError(
                        "Some of these activities do not exist.".into(),
                    ));
                }
                Ok(Command::InsertActivities(removed))
            }
            Command::SetActivity(activity) => {
                check_activity(project, &activity)?;
                let slot = project
                    .activities
                    .iter_mut()
                    .find(|a| a.id == activity.id)
                    .ok_or_else(|| {
                        CommandError(format!("Activity {} does not exist.", activity.id))
                    })?;
                let old = std::mem::replace(slot, *activity);
                Ok(Command::SetActivity(Box::new(old)))
            }
            Command::SetAgendaItemActivities(links) => {
                let mut old = Vec::with_capacity(links.len());
                for (item, activities) in &links {
                    if let Some(missing) =
                        activities.iter().find(|&&a| project.activity(a).is_none())
                    {
                        return Err(CommandError(format!("Activity {missing} does not exist.")));
                    }
                    let found = agenda_item_mut(project, *item).ok_or_else(|| {
                        CommandError(format!("Agenda item {item} does not exist."))
                    })?;
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
                        return Err(CommandError(format!("Objective {missing} does not exist.")));
                    }
                    let found = project.activity(*activity).ok_or_else(|| {
                        CommandError(format!("Activity {activity} does not exist."))
                    })?;
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
                if let Some(problem) = crate::integrity::check(&replacement).first() {
                    return Err(CommandError(format!(
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

/// The command that deletes objective `id` with its subtree and removes every link to the
/// deleted nodes from activities and agenda items. Activities themselves are kept.
pub fn delete_objective(project: &Project, id: Id) -> Result<Command, CommandError> {
    let (remaining, removed) =
        crate::tree::remove_subtree(&project.objectives, id).map_err(|e| CommandError(e.0))?;
    let removed: std::collections::HashSet<Id> = removed.into_iter().collect();
    let activity_links = project
        .activities
        .iter()
        .filter(|a| a.objectives.iter().any(|o| removed.contains(o)))
        .map(|a| {
            (
                a.id,
                a.objectives
                    .iter()
                    .copied()
                    .filter(|o| !removed.contains(o))
                    .collect(),
            )
        })
        .collect();
    let mut agenda_links = Vec::new();
    for meeting in &project.committee.meetings {
        meeting.for_each_item(&mut |item| {
            if item.objectives.iter().any(|o| removed.contains(o)) {
                agenda_links.push((
                    item.id,
                    item.objectives
                        .iter()
                        .copied()
                        .filter(|o| !removed.contains(o))
                        .collect(),
                ));
            }
        });
    }
    // Links first: while the nodes still exist, the link commands accept the lists.
    Ok(Command::Batch(vec![
        Command::SetActivityObjectives(activity_links),
        Command::SetAgendaItemObjectives(agenda_links),
        Command::SetObjectives(remaining),
    ]))
}

/// The committee's links point at things that exist: member jurisdictions, attendance,
/// agenda links to activities and objectives.
fn check_committee(
    project: &Project,
    committee: &crate::model::Committee,
) -> Result<(), CommandError> {
    for member in &committee.members {
        if let Some(j) = member.jurisdiction
            && project.jurisdiction(j).is_none()
        {
            return Err(CommandError(format!(
                "The jurisdiction {j} does not exist."
            )));
        }
    }
    let members: std::collections::HashSet<Id> = committee.members.iter().map(|m| m.id).collect();
    let mut problem = None;
    for meeting in &committee.meetings {
        if let Some(a) = meeting
            .attendance
            .iter()
            .find(|a| !members.contains(&a.member))
        {
            return Err(CommandError(format!(
                "Member {} is not on the committee.",
                a.member
            )));
        }
        meeting.for_each_item(&mut |item| {
            if let Some(a) = item
                .activities
                .iter()
                .find(|&&a| project.activity(a).is_none())
            {
                problem = Some(format!("Activity {a} does not exist."));
            }
            if let Some(o) = item
                .objectives
                .iter()
                .find(|&&o| project.objective(o).is_none())
            {
                problem = Some(format!("Objective {o} does not exist."));
            }
        });
    }
    match problem {
        Some(message) => Err(CommandError(message)),
        None => Ok(()),
    }
}

/// An activity's links point at things that exist and its sessions do not end before they
/// start.
fn check_activity(project: &Project, activity: &Activity) -> Result<(), CommandError> {
    let p = &project.programme;
    let missing = |what: &str, id: Id| CommandError(format!("The {what} {id} does not exist."));
    for &j in &activity.beneficiaries {
        p.jurisdictions
            .iter()
            .find(|x| x.id == j)
            .ok_or_else(|| missing("jurisdiction", j))?;
    }
    for &o in &activity.partners {
        p.partners
            .iter()
            .find(|x| x.id == o)
            .ok_or_else(|| missing("partner", o))?;
    }
    for f in &activity.funding {
        p.donors
            .iter()
            .find(|x| x.id == f.source)
            .ok_or_else(|| missing("donor", f.source))?;
    }
    for &o in &activity.objectives {
        project
            .objective(o)
            .ok_or_else(|| missing("objective", o))?;
    }
    for d in &activity.predecessors {
        if d.activity == activity.id {
            return Err(CommandError(
                "An activity cannot be its own predecessor.".into(),
            ));
        }
        project
            .activity(d.activity)
            .ok_or_else(|| missing("activity", d.activity))?;
    }
    for s in &activity.sessions {
        if let Some(end) = s.end
            && end < s.start
        {
            return Err(CommandError(format!(
                "A session cannot end ({end}) before it starts ({}).",
                s.start
            )));
        }
    }
    if let Some(target) = activity
        .sdg_targets
        .iter()
        .find(|t| !crate::sdg::is_valid_target(t))
    {
        return Err(CommandError(format!("{target} is not an SDG target.")));
    }
    Ok(())
}

/// The command that deletes `ids` after removing every link to them from other activities'
/// predecessors and from agenda items, so that nothing points at a deleted activity.
pub fn delete_activities(project: &Project, ids: &[Id]) -> Command {
    let deleting: std::collections::HashSet<Id> = ids.iter().copied().collect();
    let mut steps = Vec::new();
    for activity in &project.activities {
        if !deleting.contains(&activity.id)
            && activity
                .predecessors
                .iter()
                .any(|d| deleting.contains(&d.activity))
        {
            let mut kept = activity.clone();
            kept.predecessors
                .retain(|d| !deleting.contains(&d.activity));
            steps.push(Command::SetActivity(Box::new(kept)));
        }
    }
    let mut agenda_links = Vec::new();
    for meeting in &project.committee.meetings {
        meeting.for_each_item(&mut |item| {
            if item.activities.iter().any(|a| deleting.contains(a)) {
                let kept = item
                    .activities
                    .iter()
                    .copied()
                    .filter(|a| !deleting.contains(a))
                    .collect();
                agenda_links.push((item.id, kept));
            }
        });
    }
    if !agenda_links.is_empty() {
        steps.push(Command::SetAgendaItemActivities(agenda_links));
    }
    steps.push(Command::RemoveActivities(ids.to_vec()));
    Command::Batch(steps)
}

/// Every parent appears before its children, so the list is a valid outline.
fn check_outline(objectives: &[Objective]) -> Result<(), CommandError> {
    let mut seen = std::collections::HashSet::with_capacity(objectives.len());
    for node in objectives {
        if let Some(parent) = node.parent
            && !seen.contains(&parent)
        {
            return Err(CommandError(format!(
                "Objective {} would come before its parent {parent}.",
                node.id
            )));
        }
        if !seen.insert(node.id) {
            return Err(CommandError(format!(
                "Objective {} appears twice.",
                node.id
            )));
        }
    }
    Ok(())
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
        assert!(error.0.contains("1 link"), "{error}");
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
        let indented = crate::tree::indent(&p.objectives, b, 5).unwrap();
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
        assert!(crate::integrity::check(&p).is_empty(), "no dangling links");
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn deleting_activities_strips_links_and_undo_restores_everything() {
        let mut p = crate::io::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sample-data/see-regional-programme-2009-2011.ron"
        )))
        .unwrap();
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
            crate::integrity::check(&p).is_empty(),
            "{:?}",
            crate::integrity::check(&p)
        );
        inverse.apply(&mut p).unwrap();
        assert_eq!(
            p, before,
            "undo puts the activity back in its place with its links"
        );
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
}
