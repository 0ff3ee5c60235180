//! Deleting what other entities link to: the command that removes the links first, then the
//! entity, as one undoable step.

use crate::model::{Id, Project};

use crate::edit::commands::{Command, CommandError};

/// The command that deletes objective `id` with its subtree and removes every link to the
/// deleted nodes from activities and agenda items. Activities themselves are kept.
pub fn delete_objective(project: &Project, id: Id) -> Result<Command, CommandError> {
    let (remaining, removed) = crate::plan::tree::remove_subtree(&project.objectives, id)?;
    let removed: std::collections::HashSet<Id> = removed.into_iter().collect();
    // Who points at the deleted nodes: their own subtree, activities, agenda items.
    let mut linked = std::collections::HashSet::new();
    let mut unknown = None;
    crate::edit::links::for_each_link(project, &mut |link| {
        if link.to != crate::model::EntityRef::Objective || !removed.contains(&link.target) {
            return;
        }
        match (link.from, link.field) {
            (crate::model::EntityRef::Objective, "parent") if removed.contains(&link.owner) => {}
            (
                crate::model::EntityRef::Activity | crate::model::EntityRef::AgendaItem,
                "objectives",
            ) => {
                linked.insert(link.owner);
            }
            _ => {
                unknown.get_or_insert(link);
            }
        }
    });
    if let Some(link) = unknown {
        return Err(CommandError::StillLinked {
            kind: link.to,
            id: link.target,
            message: crate::edit::links::still_linked_message(
                project,
                link.to,
                link.target,
                &[link],
            ),
        });
    }
    let activity_links = project
        .activities
        .iter()
        .filter(|a| linked.contains(&a.id))
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
            if linked.contains(&item.id) {
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

/// The command that deletes `ids` after removing every link to them from other activities'
/// predecessors and from agenda items, so that nothing points at a deleted activity.
pub fn delete_activities(project: &Project, ids: &[Id]) -> Command {
    use crate::model::EntityRef;
    let deleting: std::collections::HashSet<Id> = ids.iter().copied().collect();
    // Who points at the deleted activities from outside them; any other link is left for
    // `RemoveActivities` to refuse, naming it.
    let mut successors = std::collections::HashSet::new();
    let mut agenda_items = std::collections::HashSet::new();
    crate::edit::links::for_each_link(project, &mut |link| {
        if link.to != EntityRef::Activity
            || !deleting.contains(&link.target)
            || deleting.contains(&link.owner)
        {
            return;
        }
        match (link.from, link.field) {
            (EntityRef::Activity, "predecessors") => {
                successors.insert(link.owner);
            }
            (EntityRef::AgendaItem, "activities") => {
                agenda_items.insert(link.owner);
            }
            _ => {}
        }
    });
    let mut steps = Vec::new();
    for activity in &project.activities {
        if successors.contains(&activity.id) {
            let mut kept = activity.clone();
            kept.predecessors
                .retain(|d| !deleting.contains(&d.activity));
            steps.push(Command::SetActivity(Box::new(kept)));
        }
    }
    let mut agenda_links = Vec::new();
    for meeting in &project.committee.meetings {
        meeting.for_each_item(&mut |item| {
            if agenda_items.contains(&item.id) {
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
    // Accepted exceptions about a deleted activity would match nothing any more: they go too.
    if project
        .accepted_checks
        .iter()
        .any(|c| c.activities.iter().any(|a| deleting.contains(a)))
    {
        let kept = project
            .accepted_checks
            .iter()
            .filter(|c| !c.activities.iter().any(|a| deleting.contains(a)))
            .cloned()
            .collect();
        steps.push(Command::SetAcceptedChecks(kept));
    }
    steps.push(Command::RemoveActivities(ids.to_vec()));
    Command::Batch(steps)
}
