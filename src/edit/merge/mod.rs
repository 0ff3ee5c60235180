//! Three-way merge of two versions of a project that grew from one base, entity by entity.
//!
//! Project files are mailed around and kept in git, so two people often change one file at
//! once. A line merge of RON breaks easily (two added activities with the same id, a comma
//! on the wrong line); this merge matches entities by id and fields by name instead:
//!
//! - a field changed on one side only is taken from that side; changed alike on both, once;
//!   changed differently, it is a [`Conflict`] and the result keeps ours;
//! - an entity deleted on one side is deleted unless the other side changed it (a conflict);
//! - both sides hand out new ids from the same `next_id`, so an id added on both sides with
//!   different content is no conflict: theirs' entity is renumbered, with every link to it;
//! - theirs' additions keep their place after the entity that precedes them in theirs; a
//!   reordering on one side is taken, reorderings on both sides are a conflict;
//! - a link left pointing at nothing by the merge is a conflict, resolved on ours' side
//!   (ours' entity is kept, or theirs' link left out), so the result always loads.
//!
//! Pure: no files, no clock, no egui.

use std::collections::HashSet;
use std::fmt;

use crate::model::{EntityRef, Id, Project};

mod ids;
mod repairs;
mod round;

use ids::*;
use repairs::*;
use round::*;

/// One of the two versions being merged: ours is the one the result is written over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    pub fn name(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }
}

/// An entity as a planner recognises it: "activity 123 “Regional training on asset recovery”".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityLabel {
    pub kind: EntityRef,
    /// None for the programme, settings and committee, which have no id.
    pub id: Option<Id>,
    pub title: String,
}

impl EntityLabel {
    fn new(kind: EntityRef, id: Option<Id>, title: &str) -> Self {
        EntityLabel {
            kind,
            id,
            title: shorten(title.trim(), 60),
        }
    }

    fn singleton(kind: EntityRef) -> Self {
        EntityLabel::new(kind, None, "")
    }
}

impl fmt::Display for EntityLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.noun())?;
        if let Some(id) = self.id {
            write!(f, " {id}")?;
        }
        if !self.title.is_empty() {
            write!(f, " “{}”", self.title)?;
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    /// The fields as the file names them; `position` for a move within its list.
    Modified {
        fields: Vec<String>,
    },
}

/// One entity's change from one version to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub entity: EntityLabel,
    pub kind: ChangeKind,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ChangeKind::Added => write!(f, "added {}", self.entity),
            ChangeKind::Removed => write!(f, "removed {}", self.entity),
            ChangeKind::Modified { fields } => {
                write!(f, "changed {} of {}", fields.join(", "), self.entity)
            }
        }
    }
}

/// Something both sides changed in ways that cannot both be kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub entity: EntityLabel,
    /// The field as the file names it; None when the whole entity is at stake.
    pub field: Option<String>,
    /// Ours' value (RON text) or what ours did, e.g. "deleted".
    pub ours: String,
    pub theirs: String,
    /// Why it is a conflict and what the merged project holds.
    pub reason: String,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.entity)?;
        if let Some(field) = &self.field {
            write!(f, ", {field}")?;
        }
        write!(
            f,
            ": ours {}, theirs {} ({})",
            shorten(&self.ours, 60),
            shorten(&self.theirs, 60),
            self.reason
        )
    }
}

/// The result of [`merge`].
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The merged project; where there are conflicts, it holds ours' side of each.
    pub project: Project,
    pub conflicts: Vec<Conflict>,
}

impl Merged {
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// What changed from `before` to `after`, entity by entity, in file order.
pub fn diff(before: &Project, after: &Project) -> Vec<Change> {
    let rules = Rules::default();
    let mut cx = Cx::new(&rules);
    merge_round(&mut cx, before, before, after);
    cx.changes
        .into_iter()
        .filter(|(side, _)| *side == Side::Theirs)
        .map(|(_, change)| change)
        .collect()
}

/// Three-way merge by entity id and field. With conflicts, `project` holds ours' side of each
/// conflicting field (so it is still a valid project).
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Merged {
    let mut theirs = theirs.clone();
    let next_id = renumber_collisions(base, ours, &mut theirs);
    let ours_ids: HashSet<Id> = ours.all_ids().into_iter().map(|(id, _)| id).collect();
    let theirs_ids: HashSet<Id> = theirs.all_ids().into_iter().map(|(id, _)| id).collect();
    let mut rules = Rules::default();
    // Each round merges under the repairs found so far; a repair (keeping an entity, taking
    // ours' value of a field) can uncover another, so repeat until nothing new is found.
    // Every round adds a repair of a finite set, so this ends; the limit is a safeguard.
    for _ in 0..100 {
        let mut cx = Cx::new(&rules);
        let mut project = merge_round(&mut cx, base, ours, &theirs);
        strip_links(&mut project, &rules.strip);
        project.next_id = project.next_id.max(next_id);
        crate::edit::integrity::normalize(&mut project);
        let mut found = Rules::default();
        find_repairs(
            &mut project,
            ours,
            &ours_ids,
            &theirs_ids,
            &rules,
            &mut found,
        );
        if found.is_empty() {
            let mut conflicts = cx.conflicts;
            conflicts.extend(rules.into_conflicts());
            return finish(project, ours, conflicts);
        }
        rules.absorb(found);
    }
    let rules_conflicts = rules.into_conflicts();
    finish(ours.clone(), ours, rules_conflicts)
}

/// The last safeguard: a merged project that still breaks an integrity rule is replaced by
/// ours, with the problems listed as conflicts, so that the written file always loads.
fn finish(project: Project, ours: &Project, mut conflicts: Vec<Conflict>) -> Merged {
    let problems = crate::edit::integrity::check(&project);
    if problems.is_empty() {
        return Merged { project, conflicts };
    }
    let labels = labels(&project);
    conflicts.extend(problems.into_iter().map(|p| {
        Conflict {
            entity: p
                .entity
                .and_then(|id| labels.get(&id).cloned())
                .unwrap_or_else(|| EntityLabel::singleton(EntityRef::Programme)),
            field: p.field.map(|f| f.trim_end_matches(':').to_string()),
            ours: "ours".into(),
            theirs: "theirs".into(),
            reason: format!(
                "the merge would break the file ({}); the result is ours unchanged",
                p.message
            ),
        }
    }));
    Merged {
        project: ours.clone(),
        conflicts,
    }
}

#[cfg(test)]
mod tests;
