//! Repairs found after a round of merging: links the merge left pointing at nothing, and
//! the rules for resolving them on ours' side.

use std::collections::{HashMap, HashSet};

use crate::model::{EntityRef, Id, Project};

use super::*;

// ---------------------------------------------------------------------------------------
// Repairs found after a round

/// A field to take from ours whatever the merge rule says: (entity kind, id, field).
pub(super) type FieldKey = (EntityRef, Option<Id>, &'static str);

/// Decisions that override the plain merge rules, each with the conflict that explains it.
#[derive(Default)]
pub(super) struct Rules {
    /// Entities theirs deleted that ours still links to: kept as ours has them.
    pub(super) keep: HashMap<Id, Conflict>,
    /// Fields whose merged value broke a link or a rule: ours' value is taken.
    pub(super) force_ours: HashMap<FieldKey, String>,
    /// Links in theirs' new entities to something ours deleted: (owner, target), left out.
    pub(super) strip: HashMap<(Id, Id), Conflict>,
    /// Theirs' new objectives under a parent ours deleted: left out.
    pub(super) drop: HashMap<Id, Conflict>,
}

impl Rules {
    pub(super) fn is_empty(&self) -> bool {
        self.keep.is_empty()
            && self.force_ours.is_empty()
            && self.strip.is_empty()
            && self.drop.is_empty()
    }

    pub(super) fn absorb(&mut self, other: Rules) {
        self.keep.extend(other.keep);
        self.force_ours.extend(other.force_ours);
        self.strip.extend(other.strip);
        self.drop.extend(other.drop);
    }

    pub(super) fn into_conflicts(self) -> Vec<Conflict> {
        let mut conflicts: Vec<Conflict> = Vec::new();
        let mut sorted = |map: HashMap<Id, Conflict>| {
            let mut list: Vec<_> = map.into_iter().collect();
            list.sort_by_key(|(id, _)| *id);
            conflicts.extend(list.into_iter().map(|(_, c)| c));
        };
        sorted(self.keep);
        sorted(self.drop);
        let mut strip: Vec<_> = self.strip.into_iter().collect();
        strip.sort_by_key(|(key, _)| *key);
        conflicts.extend(strip.into_iter().map(|(_, c)| c));
        conflicts
    }
}

/// Looks at a merged project for links to nothing and broken rules, and records in `found`
/// how to resolve each on ours' side (only what `rules` does not already hold).
pub(super) fn find_repairs(
    project: &mut Project,
    ours: &Project,
    ours_ids: &HashSet<Id>,
    theirs_ids: &HashSet<Id>,
    rules: &Rules,
    found: &mut Rules,
) {
    let present: HashSet<Id> = project.all_ids().into_iter().map(|(id, _)| id).collect();
    let ours_labels = labels(ours);
    let merged_labels = labels(project);
    let mut dangling = Vec::new();
    crate::edit::links::for_each_link(project, &mut |link| {
        if !present.contains(&link.target) {
            dangling.push(link);
        }
    });
    for site in dangling {
        let target = site.target;
        let owner = merged_labels
            .get(&site.owner)
            .cloned()
            .unwrap_or_else(|| EntityLabel::new(site.from, Some(site.owner), ""));
        if ours_ids.contains(&target) && !theirs_ids.contains(&target) {
            // Theirs deleted what ours links to: ours' side is the entity, kept.
            if rules.keep.contains_key(&target) || found.keep.contains_key(&target) {
                continue;
            }
            let entity = ours_labels
                .get(&target)
                .cloned()
                .unwrap_or_else(|| EntityLabel::new(site.from, Some(target), ""));
            found.keep.insert(
                target,
                Conflict {
                    entity,
                    field: None,
                    ours: format!("linked from {owner} ({})", site.field),
                    theirs: "deleted".into(),
                    reason: "deleted by theirs but still linked in ours; kept".into(),
                },
            );
        } else if ours_ids.contains(&site.owner) {
            // The link came from theirs' edit of an entity ours has: take ours' value.
            // An objective's level goes with its parent.
            let fields: &[&'static str] = if site.field == "parent" {
                &["parent", "level"]
            } else {
                &[site.field]
            };
            for &field in fields {
                let key = (site.from, Some(site.owner), field);
                if !rules.force_ours.contains_key(&key) {
                    found.force_ours.insert(
                        key,
                        format!("theirs links to {target}, which ours deleted; kept ours"),
                    );
                }
            }
        } else if site.field == "parent" {
            if !rules.drop.contains_key(&site.owner) {
                found.drop.insert(
                    site.owner,
                    Conflict {
                        entity: owner,
                        field: None,
                        ours: format!("parent {target} deleted"),
                        theirs: "added".into(),
                        reason: "added by theirs under an objective ours deleted; left out".into(),
                    },
                );
            }
        } else if !rules.strip.contains_key(&(site.owner, target)) {
            let what = ours_labels
                .get(&target)
                .or_else(|| merged_labels.get(&target))
                .map_or_else(|| target.to_string(), |l| l.to_string());
            found.strip.insert(
                (site.owner, target),
                Conflict {
                    entity: owner,
                    field: Some(site.field.into()),
                    ours: "deleted the target".into(),
                    theirs: format!("links to {target}"),
                    reason: format!("theirs links to {what}, which ours deleted; link left out"),
                },
            );
        }
    }

    // Objectives whose merged parents form a loop: take ours' parent (and level) for those
    // whose parent came from theirs.
    let parents: HashMap<Id, Option<Id>> = project
        .objectives
        .iter()
        .map(|o| (o.id, o.parent))
        .collect();
    for o in &project.objectives {
        let mut current = o.parent;
        let mut steps = 0;
        while let Some(id) = current {
            if id == o.id {
                if ours
                    .objective(o.id)
                    .is_some_and(|mine| mine.parent != o.parent)
                {
                    for field in ["parent", "level"] {
                        let key = (EntityRef::Objective, Some(o.id), field);
                        if !rules.force_ours.contains_key(&key) {
                            found.force_ours.insert(
                                key,
                                "moved under each other on the two sides; kept ours".into(),
                            );
                        }
                    }
                }
                break;
            }
            steps += 1;
            if steps > parents.len() {
                break;
            }
            current = parents.get(&id).copied().flatten();
        }
    }

    let mut force = |key: FieldKey, reason: &str| {
        if !rules.force_ours.contains_key(&key) {
            found.force_ours.insert(key, reason.into());
        }
    };
    if project.programme.end < project.programme.start {
        for field in ["start", "end"] {
            force(
                (EntityRef::Programme, None, field),
                "the merged period would end before it starts; kept ours",
            );
        }
    }
    for a in &project.activities {
        for s in &a.sessions {
            if s.end.is_some_and(|end| end < s.start) {
                for field in ["start", "end"] {
                    force(
                        (EntityRef::Session, Some(s.id), field),
                        "the merged session would end before it starts; kept ours",
                    );
                }
            }
        }
    }
    let levels = project.settings.level_names.len();
    if project
        .objectives
        .iter()
        .any(|o| usize::from(o.level) >= levels)
        && ours.settings.level_names.len() > levels
    {
        force(
            (EntityRef::Settings, None, "level_names"),
            "an objective would have a level with no name; kept ours",
        );
    }
}

/// Removes the links `strip` names from the project.
pub(super) fn strip_links(project: &mut Project, strip: &HashMap<(Id, Id), Conflict>) {
    if strip.is_empty() {
        return;
    }
    crate::edit::links::retain_links(project, &mut |link, _| {
        !strip.contains_key(&(link.owner, link.target))
    });
}
