//! Ids and links: renumbering theirs' new entities that collide with ours, and the labels
//! that name entities in conflicts.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::{AgendaItem, EntityRef, Id, Project};

use super::*;

// ---------------------------------------------------------------------------------------
// Ids and links

/// Gives theirs' new entities whose ids ours also used for something else fresh ids,
/// rewriting every link to them. Returns the next free id after all three versions.
pub(super) fn renumber_collisions(base: &Project, ours: &Project, theirs: &mut Project) -> u64 {
    let base_ids: HashSet<Id> = base.all_ids().into_iter().map(|(id, _)| id).collect();
    let ours_new: HashSet<Id> = ours
        .all_ids()
        .into_iter()
        .map(|(id, _)| id)
        .filter(|id| !base_ids.contains(id))
        .collect();
    let highest = [base, ours, &*theirs]
        .iter()
        .flat_map(|p| p.all_ids())
        .map(|(id, _)| id.0)
        .max()
        .unwrap_or(0);
    let mut next = base
        .next_id
        .max(ours.next_id)
        .max(theirs.next_id)
        .max(highest + 1);
    let collides = theirs.all_ids().iter().any(|(id, _)| ours_new.contains(id));
    if !collides {
        return next;
    }
    // Only now the costlier look at content.
    let ours_nodes: HashMap<Id, Node> = nodes(ours)
        .into_iter()
        .filter(|n| ours_new.contains(&n.id))
        .map(|n| (n.id, n))
        .collect();
    let mut map: HashMap<Id, Id> = HashMap::new();
    // Parents come before their children here, so a renumbered parent is known when its
    // children are looked at.
    for node in nodes(theirs) {
        if base_ids.contains(&node.id) {
            continue;
        }
        let Some(mine) = ours_nodes.get(&node.id) else {
            continue;
        };
        let same = mine.kind == node.kind
            && mine.parent == node.parent
            && node.parent.is_none_or(|p| !map.contains_key(&p))
            && mine.content == node.content;
        if !same {
            map.insert(node.id, Id(next));
            next += 1;
        }
    }
    if !map.is_empty() {
        let renumber = |id: &mut Id| {
            if let Some(new) = map.get(id) {
                *id = *new;
            }
        };
        visit_entity_ids(theirs, &mut |id| renumber(id));
        crate::edit::links::retain_links(theirs, &mut |_, id| {
            renumber(id);
            true
        });
        // A baseline's activities are records, not links, but name the same activities.
        for entry in theirs.baselines.iter_mut().flat_map(|b| &mut b.activities) {
            renumber(&mut entry.activity);
        }
        theirs.next_id = theirs.next_id.max(next);
    }
    next
}

/// An entity anywhere in a project, for matching ids across versions.
pub(super) struct Node {
    pub(super) id: Id,
    pub(super) kind: EntityRef,
    /// The entity whose list holds this one (an activity for a session, ...).
    pub(super) parent: Option<Id>,
    /// Its whole canonical text, to tell identical additions from different ones.
    pub(super) content: String,
}

/// Every entity of a project, parents before children, in file order.
pub(super) fn nodes(p: &Project) -> Vec<Node> {
    fn node<E: Entity>(kind: EntityRef, parent: Option<Id>, e: &E) -> Node {
        Node {
            id: e.id(),
            kind,
            parent,
            content: ron_text(e),
        }
    }
    fn items(out: &mut Vec<Node>, parent: Id, list: &[AgendaItem]) {
        for item in list {
            out.push(node(EntityRef::AgendaItem, Some(parent), item));
            for d in &item.decisions {
                out.push(node(EntityRef::Decision, Some(item.id), d));
            }
            for a in &item.actions {
                out.push(node(EntityRef::ActionPoint, Some(item.id), a));
            }
            items(out, item.id, &item.sub_items);
        }
    }
    let mut out = Vec::new();
    let pr = &p.programme;
    out.extend(
        pr.jurisdictions
            .iter()
            .map(|e| node(EntityRef::Jurisdiction, None, e)),
    );
    out.extend(
        pr.partners
            .iter()
            .map(|e| node(EntityRef::Partner, None, e)),
    );
    out.extend(pr.donors.iter().map(|e| node(EntityRef::Donor, None, e)));
    out.extend(p.staff.iter().map(|e| node(EntityRef::Staff, None, e)));
    for o in &p.objectives {
        out.push(node(EntityRef::Objective, None, o));
        for i in &o.indicators {
            out.push(node(EntityRef::Indicator, Some(o.id), i));
        }
    }
    for a in &p.activities {
        out.push(node(EntityRef::Activity, None, a));
        for s in &a.sessions {
            out.push(node(EntityRef::Session, Some(a.id), s));
        }
    }
    out.extend(
        p.holidays
            .iter()
            .map(|h| node(EntityRef::HolidaySet, None, h)),
    );
    let c = &p.committee;
    out.extend(c.members.iter().map(|m| node(EntityRef::Member, None, m)));
    for m in &c.meetings {
        out.push(node(EntityRef::Meeting, None, m));
        items(&mut out, m.id, &m.agenda);
    }
    out.extend(
        p.accepted_checks
            .iter()
            .map(|c| node(EntityRef::AcceptedCheck, None, c)),
    );
    out.extend(
        p.baselines
            .iter()
            .map(|b| node(EntityRef::Baseline, None, b)),
    );
    out
}

/// Labels of the entities that links can point at or come from (cheap: no content).
pub(super) fn labels(p: &Project) -> HashMap<Id, EntityLabel> {
    let mut out = HashMap::new();
    let mut add = |kind, id, title: &str| {
        out.insert(id, EntityLabel::new(kind, Some(id), title));
    };
    let pr = &p.programme;
    pr.jurisdictions
        .iter()
        .for_each(|e| add(EntityRef::Jurisdiction, e.id, &e.name));
    pr.partners
        .iter()
        .for_each(|e| add(EntityRef::Partner, e.id, &e.name));
    pr.donors
        .iter()
        .for_each(|e| add(EntityRef::Donor, e.id, &e.name));
    p.staff
        .iter()
        .for_each(|e| add(EntityRef::Staff, e.id, &e.name));
    p.objectives
        .iter()
        .for_each(|e| add(EntityRef::Objective, e.id, &e.title));
    p.activities
        .iter()
        .for_each(|e| add(EntityRef::Activity, e.id, &e.title));
    p.committee
        .members
        .iter()
        .for_each(|e| add(EntityRef::Member, e.id, &e.name));
    for m in &p.committee.meetings {
        add(EntityRef::Meeting, m.id, &m.title());
        m.for_each_item(&mut |item| add(EntityRef::AgendaItem, item.id, &item.title));
    }
    out
}

/// Calls `f` with every entity's own id.
pub(super) fn visit_entity_ids(p: &mut Project, f: &mut dyn FnMut(&mut Id)) {
    let pr = &mut p.programme;
    pr.jurisdictions.iter_mut().for_each(|e| f(&mut e.id));
    pr.partners.iter_mut().for_each(|e| f(&mut e.id));
    pr.donors.iter_mut().for_each(|e| f(&mut e.id));
    p.staff.iter_mut().for_each(|e| f(&mut e.id));
    for o in &mut p.objectives {
        f(&mut o.id);
        o.indicators.iter_mut().for_each(|i| f(&mut i.id));
    }
    for a in &mut p.activities {
        f(&mut a.id);
        a.sessions.iter_mut().for_each(|s| f(&mut s.id));
    }
    p.holidays.iter_mut().for_each(|h| f(&mut h.id));
    p.committee.members.iter_mut().for_each(|m| f(&mut m.id));
    fn items(list: &mut [AgendaItem], f: &mut dyn FnMut(&mut Id)) {
        for item in list {
            f(&mut item.id);
            item.decisions.iter_mut().for_each(|d| f(&mut d.id));
            item.actions.iter_mut().for_each(|a| f(&mut a.id));
            items(&mut item.sub_items, f);
        }
    }
    for m in &mut p.committee.meetings {
        f(&mut m.id);
        items(&mut m.agenda, f);
    }
    p.accepted_checks.iter_mut().for_each(|c| f(&mut c.id));
    p.baselines.iter_mut().for_each(|b| f(&mut b.id));
}

/// A value as the file writes it, on one line.
pub(super) fn ron_text<V: Serialize + ?Sized>(value: &V) -> String {
    // RON escapes apostrophes in strings; the plain one means the same and reads better.
    ron::to_string(value)
        .unwrap_or_else(|e| format!("<{e}>"))
        .replace("\\'", "'")
}

/// At most `max` characters, with an ellipsis when cut.
pub(super) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}
