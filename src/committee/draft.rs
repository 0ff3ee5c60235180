//! The agenda drafted from the workplan: progress per pillar since the previous meeting, what
//! is planned until the next, the proposals that need a decision and the open action points.

use chrono::NaiveDate;

use super::{carried_over, template};
use crate::model::{AgendaItem, Id, Meeting, Project, Purpose};

/// Fills a meeting's agenda from the workplan, for the period since the previous meeting:
/// per pillar what was done, is under way, or was postponed or cancelled; what is planned until
/// the next meeting; the proposed activities that need a decision; and the open action points.
/// Each generated line is a sub-item that links to its activities. Running it again replaces
/// the generated lines and leaves everything the secretary wrote as it was.
pub fn draft_from_workplan(
    project: &Project,
    meeting: &Meeting,
    new_id: &mut dyn FnMut() -> Id,
) -> Meeting {
    use crate::model::Status;
    let committee = &project.committee;
    let since = committee
        .meetings
        .iter()
        .filter(|m| m.date < meeting.date)
        .map(|m| m.date)
        .max()
        .unwrap_or(project.programme.start);
    let until = committee
        .meetings
        .iter()
        .filter(|m| m.date > meeting.date)
        .map(|m| m.date)
        .min()
        .unwrap_or_else(|| crate::plan::calendar::shift_months(meeting.date, 6));
    let mut draft = meeting.clone();
    fn strip(items: &mut Vec<AgendaItem>) {
        items.retain(|i| !i.generated);
        for item in items {
            strip(&mut item.sub_items);
        }
    }
    strip(&mut draft.agenda);

    let line =
        |new_id: &mut dyn FnMut() -> Id, title: String, purpose: Purpose, activities: Vec<Id>| {
            let mut item = template(&mut *new_id).swap_remove(0);
            item.title = title;
            item.purpose = purpose;
            item.minutes = 0;
            item.activities = activities;
            item.generated = true;
            item
        };
    let touches = |a: &crate::model::Activity, from: NaiveDate, to: NaiveDate| {
        a.sessions
            .iter()
            .any(|s| s.last_day() >= from && s.start <= to)
    };
    // Find the item a group of lines goes under, by the start of its title, or add it.
    let place = |draft: &mut Meeting,
                 new_id: &mut dyn FnMut() -> Id,
                 starts: &str,
                 title: &str,
                 purpose: Purpose,
                 lines: Vec<AgendaItem>| {
        if lines.is_empty() {
            return;
        }
        let index = match draft
            .agenda
            .iter()
            .position(|i| i.title.to_lowercase().starts_with(starts))
        {
            Some(index) => index,
            None => {
                let mut item = template(&mut *new_id).swap_remove(0);
                item.title = title.into();
                item.purpose = purpose;
                item.minutes = 15;
                draft.agenda.push(item);
                draft.agenda.len() - 1
            }
        };
        draft.agenda[index].sub_items.extend(lines);
    };

    // Progress per pillar since the previous meeting.
    let mut progress = Vec::new();
    for pillar in project
        .objectives
        .iter()
        .filter(|o| o.level == crate::plan::logframe::PILLAR_LEVEL)
    {
        let under: Vec<&crate::model::Activity> =
            crate::plan::logframe::activities_under(project, pillar.id)
                .into_iter()
                .filter(|a| touches(a, since, meeting.date))
                .collect();
        let group = |statuses: &[Status]| -> Vec<Id> {
            under
                .iter()
                .filter(|a| statuses.contains(&a.status))
                .map(|a| a.id)
                .collect()
        };
        for (statuses, what) in [
            (&[Status::Done][..], "done"),
            (&[Status::UnderWay][..], "under way"),
            (
                &[Status::Postponed, Status::Cancelled][..],
                "postponed or cancelled",
            ),
        ] {
            let ids = group(statuses);
            if !ids.is_empty() {
                progress.push(line(
                    &mut *new_id,
                    format!("{}: {} {what}", pillar.title, ids.len()),
                    Purpose::Information,
                    ids,
                ));
            }
        }
    }
    let mut lines_next = Vec::new();
    let planned: Vec<Id> = project
        .activities
        .iter()
        .filter(|a| {
            matches!(a.status, Status::Planned | Status::Confirmed)
                && touches(a, meeting.date, until)
        })
        .map(|a| a.id)
        .collect();
    if !planned.is_empty() {
        lines_next.push(line(
            &mut *new_id,
            format!("Planned until {until}: {} activities", planned.len()),
            Purpose::Information,
            planned,
        ));
    }
    let proposed: Vec<Id> = project
        .activities
        .iter()
        .filter(|a| a.status == Status::Proposed)
        .map(|a| a.id)
        .collect();
    if !proposed.is_empty() {
        lines_next.push(line(
            &mut *new_id,
            format!("Proposed activities for decision: {}", proposed.len()),
            Purpose::Decision,
            proposed,
        ));
    }
    let open = carried_over(committee, meeting).len();
    let arising = if open > 0 {
        vec![line(
            &mut *new_id,
            format!("{open} open action points from earlier meetings"),
            Purpose::Discussion,
            Vec::new(),
        )]
    } else {
        Vec::new()
    };
    place(
        &mut draft,
        &mut *new_id,
        "matters arising",
        "Matters arising and action points",
        Purpose::Discussion,
        arising,
    );
    place(
        &mut draft,
        &mut *new_id,
        "progress",
        "Progress per pillar",
        Purpose::Information,
        progress,
    );
    place(
        &mut draft,
        &mut *new_id,
        "workplan for the next period",
        "Workplan for the next period",
        Purpose::Decision,
        lines_next,
    );
    draft
}
