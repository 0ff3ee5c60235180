//! The agenda drafted from the workplan: under each pillar the activities by name since the
//! previous meeting and those planned until the next, the proposals that need a decision and
//! the open action points.

use chrono::NaiveDate;

use super::{carried_over, template};
use crate::model::{Activity, AgendaItem, Id, Meeting, Project, Purpose, Status};

/// Minutes a generated line gives each activity it names, and its least and most.
const MINUTES_PER_ACTIVITY: u32 = 3;
const LEAST_MINUTES: u32 = 5;
const MOST_MINUTES: u32 = 20;

/// A drafted meeting and what drafting changed in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub meeting: Meeting,
    pub summary: DraftSummary,
}

/// What "Draft from the workplan" did, to tell the secretary and to name the undo step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DraftSummary {
    /// Items and sub-items the draft added.
    pub added: usize,
    /// Lines written before whose text or activities changed.
    pub updated: usize,
    /// Lines written before that no longer apply.
    pub removed: usize,
    /// Distinct activities named in the drafted lines.
    pub named: usize,
}

impl DraftSummary {
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }

    /// "Added 4 items, updated 2, 11 activities named".
    pub fn text(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let named = plural(self.named, "activity named", "activities named");
        if !self.changed() {
            return format!("The draft is up to date: nothing added or changed ({named})");
        }
        let mut parts = Vec::new();
        if self.added > 0 {
            parts.push(format!("Added {}", plural(self.added, "item", "items")));
        }
        if self.updated > 0 {
            parts.push(format!("updated {}", self.updated));
        }
        if self.removed > 0 {
            parts.push(format!("removed {}", self.removed));
        }
        parts.push(named);
        let mut text = parts.join(", ");
        if let Some(first) = text.get(..1) {
            text = first.to_uppercase() + &text[1..];
        }
        text
    }
}

/// A line's minutes: a few per activity it names, within bounds.
fn minutes_for(count: usize) -> u32 {
    (MINUTES_PER_ACTIVITY * count as u32).clamp(LEAST_MINUTES, MOST_MINUTES)
}

/// The sessions of `a` that meet the period `from..=to`.
fn sessions_in(a: &Activity, from: NaiveDate, to: NaiveDate) -> Vec<&crate::model::Session> {
    a.sessions
        .iter()
        .filter(|s| s.last_day() >= from && s.start <= to)
        .collect()
}

/// "Regional workshop on asset recovery (12–14 October 2009, Belgrade, done)": the name, the
/// sessions in the period with their places, and the status.
fn activity_text(a: &Activity, from: NaiveDate, to: NaiveDate) -> String {
    let sessions = sessions_in(a, from, to);
    let mut parts: Vec<String> = Vec::new();
    for s in sessions.iter().take(2) {
        let place = s.place.label();
        parts.push(if place.is_empty() {
            s.date_label()
        } else {
            format!("{}, {place}", s.date_label())
        });
    }
    if sessions.len() > 2 {
        parts.push(format!("{} more sessions", sessions.len() - 2));
    }
    if a.sessions.is_empty() {
        parts.push("dates to be set".into());
    }
    parts.push(a.status.label().to_lowercase());
    format!("{} ({})", a.title, parts.join("; "))
}

/// One drafted line before it is placed: the text before the colon identifies it when drafting
/// again.
struct Line {
    key: String,
    title: String,
    purpose: Purpose,
    minutes: u32,
    activities: Vec<Id>,
}

/// The line naming `activities` under heading `key`, or none for none.
fn line(
    key: &str,
    purpose: Purpose,
    mut activities: Vec<&Activity>,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<Line> {
    if activities.is_empty() {
        return None;
    }
    let first = |a: &Activity| sessions_in(a, from, to).first().map(|s| s.start);
    activities.sort_by_key(|a| (first(a), a.id));
    let names: Vec<String> = activities
        .iter()
        .map(|a| activity_text(a, from, to))
        .collect();
    Some(Line {
        key: key.to_string(),
        title: format!("{key}: {}", names.join("; ")),
        purpose,
        minutes: minutes_for(activities.len()),
        activities: activities.iter().map(|a| a.id).collect(),
    })
}

/// Lines per pillar (then those under no pillar) of the activities `wanted` takes that meet
/// the period; with `undated`, also those with no dates yet. With `statuses`, each pillar's
/// line ends with how its branch's indicators stand on that day ("indicators: 3 on track,
/// 1 at risk"), and a pillar with indicators gets a line even when no activity of it is named.
fn per_pillar(
    project: &Project,
    purpose: Purpose,
    (from, to): (NaiveDate, NaiveDate),
    undated: bool,
    statuses: Option<NaiveDate>,
    wanted: &dyn Fn(&Activity) -> bool,
) -> Vec<Line> {
    let in_period = |a: &Activity| {
        wanted(a) && (!sessions_in(a, from, to).is_empty() || (undated && a.sessions.is_empty()))
    };
    let mut lines = Vec::new();
    let mut placed = std::collections::HashSet::new();
    for pillar in project
        .objectives
        .iter()
        .filter(|o| o.level == crate::plan::logframe::PILLAR_LEVEL)
    {
        let under: Vec<&Activity> = crate::plan::logframe::activities_under(project, pillar.id)
            .into_iter()
            .filter(|a| in_period(a))
            .collect();
        placed.extend(under.iter().map(|a| a.id));
        let mut drafted = line(&pillar.title, purpose, under, from, to);
        let tally = statuses.map(|day| crate::plan::results::tally_under(project, pillar.id, day));
        if let Some(tally) = tally.filter(|t| t.total() > 0) {
            let said = format!("indicators: {}", tally.text());
            match &mut drafted {
                Some(l) => l.title.push_str(&format!(" — {said}")),
                None => {
                    drafted = Some(Line {
                        key: pillar.title.clone(),
                        title: format!("{}: no activity in the period — {said}", pillar.title),
                        purpose,
                        minutes: LEAST_MINUTES,
                        activities: Vec::new(),
                    })
                }
            }
        }
        lines.extend(drafted);
    }
    let other: Vec<&Activity> = project
        .activities
        .iter()
        .filter(|a| !placed.contains(&a.id) && in_period(a))
        .collect();
    lines.extend(line("Other activities", purpose, other, from, to));
    lines
}

/// The text a drafted line is known by: its title up to the colon.
fn key_of(item: &AgendaItem) -> &str {
    item.title.split(':').next().unwrap_or("")
}

/// Fills a meeting's agenda from the workplan. Under "Progress per pillar", per pillar the
/// activities done, under way, postponed or cancelled since the previous meeting; under
/// "Workplan for the next period", per pillar those planned or confirmed from the previous
/// meeting until the next (one planned before this meeting and not yet reported is still to
/// be done), or with no dates yet, and the proposals needing a decision; under "Matters arising", the open action
/// points. Each line names its activities with their dates, places and status and links to
/// them. Drafting again updates these lines in place (keeping the minutes recorded on them,
/// and a duration the secretary changed), drops those that no longer apply unless minutes were
/// recorded on them, and leaves everything else as it was.
pub fn draft_from_workplan(
    project: &Project,
    meeting: &Meeting,
    new_id: &mut dyn FnMut() -> Id,
) -> Draft {
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

    let progress = per_pillar(
        project,
        Purpose::Information,
        (since, meeting.date),
        false,
        Some(meeting.date),
        &|a| {
            matches!(
                a.status,
                Status::Done | Status::UnderWay | Status::Postponed | Status::Cancelled
            )
        },
    );
    // Planned work with no dates yet is still work for the next period.
    let mut next = per_pillar(
        project,
        Purpose::Information,
        (since, until),
        true,
        None,
        &|a| matches!(a.status, Status::Planned | Status::Confirmed),
    );
    let proposed: Vec<&Activity> = project
        .activities
        .iter()
        .filter(|a| a.status == Status::Proposed)
        .collect();
    // Proposals are named whenever they fall; one without dates in the period still needs
    // the decision.
    let first_day = project.programme.start.min(since);
    let last_day = project.programme.end.max(until);
    next.extend(line(
        "Proposed for decision",
        Purpose::Decision,
        proposed,
        first_day,
        last_day,
    ));
    let open = carried_over(committee, meeting);
    let arising = if open.is_empty() {
        Vec::new()
    } else {
        let texts: Vec<String> = open
            .iter()
            .map(|c| format!("{} {}", c.label, c.action.text))
            .collect();
        vec![Line {
            key: "Open action points".into(),
            title: format!("Open action points: {}", texts.join("; ")),
            purpose: Purpose::Discussion,
            minutes: (2 * open.len() as u32).clamp(LEAST_MINUTES, MOST_MINUTES),
            activities: Vec::new(),
        }]
    };

    let mut named = std::collections::HashSet::new();
    for l in progress.iter().chain(&next) {
        named.extend(l.activities.iter().copied());
    }
    let mut summary = DraftSummary {
        named: named.len(),
        ..DraftSummary::default()
    };
    let mut draft = meeting.clone();
    // Each section goes under the first item whose title starts with one of its openings (the
    // standard agenda's, or those secretaries commonly write), else under a new item.
    let sections: [(&[&str], &str, Purpose, Vec<Line>); 3] = [
        (
            &["matters arising", "action points", "follow-up"],
            "Matters arising and action points",
            Purpose::Discussion,
            arising,
        ),
        (
            &["progress", "implementation", "report on"],
            "Progress per pillar",
            Purpose::Information,
            progress,
        ),
        (
            &[
                "workplan for the next period",
                "further set",
                "next period",
                "workplan",
            ],
            "Workplan for the next period",
            Purpose::Decision,
            next,
        ),
    ];
    let mut homes = Vec::new();
    for (openings, title, purpose, lines) in sections {
        let found = draft.agenda.iter().position(|i| {
            let t = i.title.to_lowercase();
            openings.iter().any(|o| t.starts_with(o))
        });
        let index = match found {
            Some(index) => index,
            None if lines.is_empty() => continue,
            None => {
                let mut item = template(&mut *new_id).swap_remove(0);
                item.title = title.into();
                item.purpose = purpose;
                item.minutes = 15;
                // Before the closing items, where the standard agenda has it.
                let at = draft
                    .agenda
                    .iter()
                    .position(|i| {
                        let t = i.title.to_lowercase();
                        t.starts_with("any other business") || t.starts_with("date of the next")
                    })
                    .unwrap_or(draft.agenda.len());
                draft.agenda.insert(at, item);
                summary.added += 1;
                at
            }
        };
        let home = draft.agenda[index].id;
        homes.push(home);
        let item = &mut draft.agenda[index];
        let mut old: Vec<AgendaItem> = Vec::new();
        let mut kept = Vec::new();
        for sub in item.sub_items.drain(..) {
            if sub.generated {
                old.push(sub);
            } else {
                kept.push(sub);
            }
        }
        for l in lines {
            match old.iter().position(|o| key_of(o) == l.key) {
                Some(at) => {
                    let mut sub = old.remove(at);
                    if sub.title != l.title || sub.activities != l.activities {
                        summary.updated += 1;
                    }
                    sub.title = l.title;
                    sub.activities = l.activities;
                    // Older drafts gave 0 minutes; a duration set by hand stays.
                    if sub.minutes == 0 {
                        sub.minutes = l.minutes;
                    }
                    kept.push(sub);
                }
                None => {
                    let mut sub = template(&mut *new_id).swap_remove(0);
                    sub.title = l.title;
                    sub.purpose = l.purpose;
                    sub.minutes = l.minutes;
                    sub.activities = l.activities;
                    sub.generated = true;
                    summary.added += 1;
                    kept.push(sub);
                }
            }
        }
        for stale in old {
            if has_minutes(&stale) {
                kept.push(stale);
            } else {
                summary.removed += 1;
            }
        }
        item.sub_items = kept;
    }
    // Lines drafted elsewhere (an item renamed since, or an older layout) go, unless minutes
    // were recorded on them.
    fn strip(items: &mut Vec<AgendaItem>, homes: &[Id], removed: &mut usize) {
        items.retain(|i| {
            let stale = i.generated && !has_minutes(i);
            *removed += usize::from(stale);
            !stale
        });
        for item in items.iter_mut().filter(|i| !homes.contains(&i.id)) {
            strip(&mut item.sub_items, homes, removed);
        }
    }
    let mut removed = 0;
    strip(&mut draft.agenda, &homes, &mut removed);
    summary.removed += removed;
    Draft {
        meeting: draft,
        summary,
    }
}

/// Whether the minutes were recorded on an item: what was said, decisions, action points.
fn has_minutes(item: &AgendaItem) -> bool {
    !item.summary.is_empty() || !item.decisions.is_empty() || !item.actions.is_empty()
}
