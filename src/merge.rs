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

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::model::{
    ActionPoint, Activity, AgendaItem, Committee, Decision, EntityRef, FORMAT_VERSION, HolidaySet,
    Id, Indicator, Jurisdiction, Meeting, Member, Objective, Organisation, Programme, Project,
    Session, Settings,
};

/// Builds a struct from a [`Fields`] merge, naming every field: the compiler then insists
/// that a field added to the model is given a merge rule here too.
macro_rules! merge_struct {
    ($f:ident, $Ty:ident { $($field:ident : $how:tt),* $(,)? }) => {
        $Ty { $($field: merge_struct!(@how $f, $field, $how)),* }
    };
    (@how $f:ident, $field:ident, id) => { $f.o.$field };
    (@how $f:ident, $field:ident, value) => { $f.value(stringify!($field), |x| &x.$field) };
    (@how $f:ident, $field:ident, ($kind:ident)) => {
        $f.list(EntityRef::$kind, |x| &x.$field)
    };
}

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
        crate::integrity::normalize(&mut project);
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
    let problems = crate::integrity::check(&project);
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

// ---------------------------------------------------------------------------------------
// Repairs found after a round

/// A field to take from ours whatever the merge rule says: (entity kind, id, field).
type FieldKey = (EntityRef, Option<Id>, &'static str);

/// Decisions that override the plain merge rules, each with the conflict that explains it.
#[derive(Default)]
struct Rules {
    /// Entities theirs deleted that ours still links to: kept as ours has them.
    keep: HashMap<Id, Conflict>,
    /// Fields whose merged value broke a link or a rule: ours' value is taken.
    force_ours: HashMap<FieldKey, String>,
    /// Links in theirs' new entities to something ours deleted: (owner, target), left out.
    strip: HashMap<(Id, Id), Conflict>,
    /// Theirs' new objectives under a parent ours deleted: left out.
    drop: HashMap<Id, Conflict>,
}

impl Rules {
    fn is_empty(&self) -> bool {
        self.keep.is_empty()
            && self.force_ours.is_empty()
            && self.strip.is_empty()
            && self.drop.is_empty()
    }

    fn absorb(&mut self, other: Rules) {
        self.keep.extend(other.keep);
        self.force_ours.extend(other.force_ours);
        self.strip.extend(other.strip);
        self.drop.extend(other.drop);
    }

    fn into_conflicts(self) -> Vec<Conflict> {
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
fn find_repairs(
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
    visit_links(project, &mut |site, target| {
        if !present.contains(target) {
            dangling.push((site, *target));
        }
        true
    });
    for (site, target) in dangling {
        let owner = merged_labels
            .get(&site.owner)
            .cloned()
            .unwrap_or_else(|| EntityLabel::new(site.kind, Some(site.owner), ""));
        if ours_ids.contains(&target) && !theirs_ids.contains(&target) {
            // Theirs deleted what ours links to: ours' side is the entity, kept.
            if rules.keep.contains_key(&target) || found.keep.contains_key(&target) {
                continue;
            }
            let entity = ours_labels
                .get(&target)
                .cloned()
                .unwrap_or_else(|| EntityLabel::new(site.kind, Some(target), ""));
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
                let key = (site.kind, Some(site.owner), field);
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
fn strip_links(project: &mut Project, strip: &HashMap<(Id, Id), Conflict>) {
    if strip.is_empty() {
        return;
    }
    visit_links(project, &mut |site, target| {
        !strip.contains_key(&(site.owner, *target))
    });
}

// ---------------------------------------------------------------------------------------
// One round of merging

/// What a round collects.
struct Cx<'r> {
    rules: &'r Rules,
    conflicts: Vec<Conflict>,
    changes: Vec<(Side, Change)>,
    /// Set by a list merge for the entity it is about to merge: moved by [ours, theirs].
    moved: [bool; 2],
}

impl<'r> Cx<'r> {
    fn new(rules: &'r Rules) -> Self {
        Cx {
            rules,
            conflicts: Vec::new(),
            changes: Vec::new(),
            moved: [false; 2],
        }
    }

    fn change(&mut self, side: Side, entity: EntityLabel, kind: ChangeKind) {
        self.changes.push((side, Change { entity, kind }));
    }
}

fn merge_round(cx: &mut Cx, b: &Project, o: &Project, t: &Project) -> Project {
    let settings = {
        let label = EntityLabel::singleton(EntityRef::Settings);
        let mut f = Fields::new(cx, label, &b.settings, &o.settings, &t.settings);
        let merged = merge_struct!(
            f,
            Settings {
                level_names: value,
                activity_kinds: value,
            }
        );
        f.finish();
        merged
    };
    let programme = {
        let label = EntityLabel::new(EntityRef::Programme, None, "");
        let mut f = Fields::new(cx, label, &b.programme, &o.programme, &t.programme);
        let merged = merge_struct!(
            f,
            Programme {
                title: value,
                code: value,
                office: value,
                start: value,
                end: value,
                description: value,
                jurisdictions: (Jurisdiction),
                partners: (Partner),
                donors: (Donor),
            }
        );
        f.finish();
        merged
    };
    let mut objectives = merge_list(
        cx,
        EntityRef::Objective,
        &b.objectives,
        &o.objectives,
        &t.objectives,
    );
    crate::tree::sort_outline(&mut objectives);
    let activities = merge_list(
        cx,
        EntityRef::Activity,
        &b.activities,
        &o.activities,
        &t.activities,
    );
    let committee = {
        let label = EntityLabel::singleton(EntityRef::Committee);
        let mut f = Fields::new(cx, label, &b.committee, &o.committee, &t.committee);
        let merged = merge_struct!(
            f,
            Committee {
                name: value,
                terms_of_reference: value,
                quorum: value,
                members: (Member),
                meetings: (Meeting),
            }
        );
        f.finish();
        merged
    };
    let holidays = merge_list(
        cx,
        EntityRef::HolidaySet,
        &b.holidays,
        &o.holidays,
        &t.holidays,
    );
    Project {
        format_version: FORMAT_VERSION,
        next_id: b.next_id.max(o.next_id).max(t.next_id),
        settings,
        programme,
        objectives,
        activities,
        committee,
        holidays,
    }
}

/// Field-by-field merge of one entity (or singleton) present in all three versions.
struct Fields<'a, 'c, 'r, T> {
    cx: &'c mut Cx<'r>,
    label: EntityLabel,
    b: &'a T,
    o: &'a T,
    t: &'a T,
    /// Fields changed by [ours, theirs], for the change lists.
    changed: [Vec<String>; 2],
    /// Where this entity's own change goes in the change list: before its children's.
    slot: usize,
}

impl<'a, 'c, 'r, T> Fields<'a, 'c, 'r, T> {
    fn new(cx: &'c mut Cx<'r>, label: EntityLabel, b: &'a T, o: &'a T, t: &'a T) -> Self {
        let moved = std::mem::take(&mut cx.moved);
        let position = |m: bool| {
            if m {
                vec!["position".to_string()]
            } else {
                vec![]
            }
        };
        Fields {
            slot: cx.changes.len(),
            cx,
            label,
            b,
            o,
            t,
            changed: [position(moved[0]), position(moved[1])],
        }
    }

    /// The three-way rule for one field: one side's change is taken, equal changes once,
    /// different changes are a conflict and keep ours.
    fn value<V: Clone + PartialEq + Serialize + 'a>(
        &mut self,
        name: &'static str,
        get: impl Fn(&'a T) -> &'a V,
    ) -> V {
        let (b, o, t) = (get(self.b), get(self.o), get(self.t));
        if o != b {
            self.changed[0].push(name.into());
        }
        if t != b {
            self.changed[1].push(name.into());
        }
        let key = (self.label.kind, self.label.id, name);
        let natural = if t == b || o == t {
            o
        } else if o == b {
            t
        } else {
            self.conflict(
                name,
                o,
                t,
                "changed differently on both sides; kept ours".into(),
            );
            return o.clone();
        };
        if let Some(reason) = self.cx.rules.force_ours.get(&key) {
            if natural != o {
                let reason = reason.clone();
                self.conflict(name, o, natural, reason);
            }
            return o.clone();
        }
        natural.clone()
    }

    fn conflict<V: Serialize>(&mut self, name: &str, o: &V, t: &V, reason: String) {
        self.cx.conflicts.push(Conflict {
            entity: self.label.clone(),
            field: Some(name.into()),
            ours: ron_text(o),
            theirs: ron_text(t),
            reason,
        });
    }

    /// A list of entities inside this one, merged by id.
    fn list<E: Entity + 'a>(
        &mut self,
        kind: EntityRef,
        get: impl Fn(&'a T) -> &'a Vec<E>,
    ) -> Vec<E> {
        merge_list(self.cx, kind, get(self.b), get(self.o), get(self.t))
    }

    fn finish(self) {
        let [ours, theirs] = self.changed;
        let mut at = self.slot;
        for (side, fields) in [(Side::Ours, ours), (Side::Theirs, theirs)] {
            if !fields.is_empty() {
                let change = Change {
                    entity: self.label.clone(),
                    kind: ChangeKind::Modified { fields },
                };
                self.cx.changes.insert(at, (side, change));
                at += 1;
            }
        }
    }
}

/// An entity with an id, in a list merged by id.
trait Entity: Clone + PartialEq + Serialize {
    fn id(&self) -> Id;
    fn title(&self) -> String;
    /// Merges an entity present in all three versions.
    fn merge3(cx: &mut Cx, kind: EntityRef, b: &Self, o: &Self, t: &Self) -> Self;
}

fn label_of<E: Entity>(kind: EntityRef, e: &E) -> EntityLabel {
    EntityLabel::new(kind, Some(e.id()), &e.title())
}

/// Implements [`Entity`] for a model type: its title and the merge rule of each field.
macro_rules! entity {
    ($Ty:ident, |$e:ident| $title:expr, { $($field:ident : $how:tt),* $(,)? }) => {
        impl Entity for $Ty {
            fn id(&self) -> Id {
                self.id
            }
            fn title(&self) -> String {
                let $e = self;
                $title
            }
            fn merge3(cx: &mut Cx, kind: EntityRef, b: &Self, o: &Self, t: &Self) -> Self {
                let mut f = Fields::new(cx, label_of(kind, o), b, o, t);
                let merged = merge_struct!(f, $Ty { $($field: $how),* });
                f.finish();
                merged
            }
        }
    };
}

entity!(Jurisdiction, |e| e.name.clone(), {
    id: id, name: value, footnote: value,
});
entity!(Organisation, |e| e.name.clone(), {
    id: id, name: value, acronym: value, notes: value, through: value,
});
entity!(Objective, |e| e.title.clone(), {
    id: id, parent: value, level: value, title: value, description: value, unit: value,
    sdg_targets: value, assumptions: value, risks: value, indicators: (Indicator),
});
entity!(Indicator, |e| e.text.clone(), {
    id: id, text: value, unit: value, baseline: value, target: value, latest: value,
    verification: value, computed: value,
});
entity!(Activity, |e| e.title.clone(), {
    id: id, title: value, kind: value, status: value, description: value,
    sessions: (Session), beneficiaries: value, unit: value, partners: value, budget: value,
    funding: value, participants: value, officer: value, sdg_targets: value,
    objectives: value, predecessors: value, notes: value, milestone: value,
});
entity!(Session, |e| e.date_label(), {
    id: id, start: value, end: value, precision: value, place: value,
});
entity!(HolidaySet, |e| e.country.clone(), {
    id: id, country: value, days: value,
});
entity!(Member, |e| e.name.clone(), {
    id: id, name: value, role: value, organisation: value, jurisdiction: value, email: value,
});
entity!(Meeting, |e| format!("No. {} of {}", e.number, e.date), {
    id: id, number: value, date: value, start_time: value, time_zone: value,
    planned_end: value, place: value, status: value, attendance: value,
    agenda: (AgendaItem),
});
entity!(AgendaItem, |e| e.title.clone(), {
    id: id, title: value, purpose: value, presenter: value, minutes: value, consent: value,
    papers: value, activities: value, objectives: value, sub_items: (AgendaItem),
    summary: value, decisions: (Decision), actions: (ActionPoint), generated: value,
});
entity!(Decision, |e| e.text.clone(), { id: id, text: value });
entity!(ActionPoint, |e| e.text.clone(), {
    id: id, text: value, owner: value, due: value, status: value,
});

/// Merges one list of entities by id; see the module documentation for the rules.
fn merge_list<E: Entity>(cx: &mut Cx, kind: EntityRef, b: &[E], o: &[E], t: &[E]) -> Vec<E> {
    let index = |list: &[E]| -> HashMap<Id, usize> {
        list.iter().enumerate().map(|(i, e)| (e.id(), i)).collect()
    };
    let (bi, oi, ti) = (index(b), index(o), index(t));
    let ids = |list: &[E]| list.iter().map(|e| e.id()).collect::<Vec<Id>>();
    let (b_ids, o_ids, t_ids) = (ids(b), ids(o), ids(t));

    // Order: compare the relative order of the entities all three have.
    let in_all = |id: &Id| bi.contains_key(id) && oi.contains_key(id) && ti.contains_key(id);
    let common = |list: &[Id]| list.iter().copied().filter(in_all).collect::<Vec<Id>>();
    let (sb, so, st) = (common(&b_ids), common(&o_ids), common(&t_ids));
    let moved_o = moved(&sb, &so);
    let moved_t = moved(&sb, &st);
    let theirs_order = moved_o.is_empty() && !moved_t.is_empty();
    if !moved_o.is_empty() && !moved_t.is_empty() && so != st {
        order_conflict(cx, kind, o, &oi, &so, &st, &moved_o, &moved_t);
    }
    let (primary, secondary) = if theirs_order {
        (&t_ids, &o_ids)
    } else {
        (&o_ids, &t_ids)
    };

    // Entities, visited in (roughly) the merged order so that changes come in file order.
    let visit = weave(&[primary, secondary, &b_ids], |_| true);
    let mut merged: HashMap<Id, E> = HashMap::new();
    for id in visit {
        let (be, oe, te) = (
            bi.get(&id).map(|&i| &b[i]),
            oi.get(&id).map(|&i| &o[i]),
            ti.get(&id).map(|&i| &t[i]),
        );
        match (be, oe, te) {
            (Some(be), Some(oe), Some(te)) => {
                cx.moved = [moved_o.contains(&id), moved_t.contains(&id)];
                merged.insert(id, E::merge3(cx, kind, be, oe, te));
            }
            (Some(be), Some(oe), None) => {
                if cx.rules.keep.contains_key(&id) {
                    // Ours still links to it; the conflict is reported with the rule.
                } else if oe == be {
                    cx.change(Side::Theirs, label_of(kind, be), ChangeKind::Removed);
                    continue;
                } else {
                    cx.conflicts.push(Conflict {
                        entity: label_of(kind, oe),
                        field: None,
                        ours: "edited".into(),
                        theirs: "deleted".into(),
                        reason: "deleted by theirs, edited by ours; kept ours".into(),
                    });
                }
                merged.insert(id, oe.clone());
            }
            (Some(be), None, Some(te)) => {
                if te == be {
                    cx.change(Side::Ours, label_of(kind, be), ChangeKind::Removed);
                } else {
                    cx.conflicts.push(Conflict {
                        entity: label_of(kind, te),
                        field: None,
                        ours: "deleted".into(),
                        theirs: "edited".into(),
                        reason: "deleted by ours, edited by theirs; left deleted (ours)".into(),
                    });
                }
            }
            (Some(be), None, None) => {
                cx.change(Side::Ours, label_of(kind, be), ChangeKind::Removed);
                cx.change(Side::Theirs, label_of(kind, be), ChangeKind::Removed);
            }
            (None, Some(oe), te) => {
                cx.change(Side::Ours, label_of(kind, oe), ChangeKind::Added);
                if te.is_some() {
                    // Identical additions on both sides (others were renumbered beforehand).
                    cx.change(Side::Theirs, label_of(kind, oe), ChangeKind::Added);
                }
                merged.insert(id, oe.clone());
            }
            (None, None, Some(te)) => {
                if !cx.rules.drop.contains_key(&id) {
                    cx.change(Side::Theirs, label_of(kind, te), ChangeKind::Added);
                    merged.insert(id, te.clone());
                }
            }
            (None, None, None) => unreachable!("every visited id is in one of the lists"),
        }
    }
    weave(&[primary, secondary], |id| merged.contains_key(&id))
        .into_iter()
        .filter_map(|id| merged.remove(&id))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn order_conflict<E: Entity>(
    cx: &mut Cx,
    kind: EntityRef,
    o: &[E],
    oi: &HashMap<Id, usize>,
    so: &[Id],
    st: &[Id],
    moved_o: &HashSet<Id>,
    moved_t: &HashSet<Id>,
) {
    let before = |seq: &[Id], id: Id| -> String {
        match seq.iter().position(|&x| x == id) {
            Some(0) | None => "first".into(),
            Some(i) => {
                let prev = &o[oi[&seq[i - 1]]];
                format!("after {}", label_of(kind, prev))
            }
        }
    };
    let Some(&id) = so
        .iter()
        .find(|id| moved_o.contains(id) || moved_t.contains(id))
    else {
        return;
    };
    cx.conflicts.push(Conflict {
        entity: label_of(kind, &o[oi[&id]]),
        field: Some("position".into()),
        ours: before(so, id),
        theirs: before(st, id),
        reason: "reordered differently on both sides; kept ours' order".into(),
    });
}

/// The entities of `after` (a reordering of `before`) that moved: all but a longest run
/// that kept its relative order.
fn moved(before: &[Id], after: &[Id]) -> HashSet<Id> {
    if before == after {
        return HashSet::new();
    }
    let position: HashMap<Id, usize> = before.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let seq: Vec<usize> = after.iter().map(|id| position[id]).collect();
    // Longest increasing subsequence (patience sorting), keeping links to rebuild it.
    let mut tails: Vec<usize> = Vec::new(); // index into seq of the smallest tail per length
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &value) in seq.iter().enumerate() {
        let len = tails.partition_point(|&j| seq[j] < value);
        prev[i] = len.checked_sub(1).map(|l| tails[l]);
        if len == tails.len() {
            tails.push(i);
        } else {
            tails[len] = i;
        }
    }
    let mut stayed = HashSet::new();
    let mut at = tails.last().copied();
    while let Some(i) = at {
        stayed.insert(after[i]);
        at = prev[i];
    }
    after
        .iter()
        .copied()
        .filter(|id| !stayed.contains(id))
        .collect()
}

/// One order from several: the first list's ids, then each further list's ids that are not
/// placed yet, each put after the id that precedes it in its own list.
fn weave(lists: &[&Vec<Id>], include: impl Fn(Id) -> bool) -> Vec<Id> {
    let mut result: Vec<Id> = lists[0].iter().copied().filter(|&id| include(id)).collect();
    for other in &lists[1..] {
        let placed: HashSet<Id> = result.iter().copied().collect();
        let mut after: HashMap<Option<Id>, Vec<Id>> = HashMap::new();
        let mut anchor = None;
        let mut added = HashSet::new();
        for &id in other.iter() {
            if placed.contains(&id) {
                anchor = Some(id);
            } else if include(id) && added.insert(id) {
                after.entry(anchor).or_default().push(id);
            }
        }
        if after.is_empty() {
            continue;
        }
        // After the anchor, and also after the first list's own additions that follow it,
        // so that ours' new entities come before theirs' at the same place.
        let in_other: HashSet<Id> = other.iter().copied().collect();
        let mut pending = after.remove(&None).unwrap_or_default();
        let mut woven = Vec::with_capacity(result.len() + added.len());
        for id in result {
            if in_other.contains(&id) {
                woven.append(&mut pending);
            }
            woven.push(id);
            if let Some(more) = after.remove(&Some(id)) {
                pending.extend(more);
            }
        }
        woven.append(&mut pending);
        result = woven;
    }
    result
}

// ---------------------------------------------------------------------------------------
// Ids and links

/// Gives theirs' new entities whose ids ours also used for something else fresh ids,
/// rewriting every link to them. Returns the next free id after all three versions.
fn renumber_collisions(base: &Project, ours: &Project, theirs: &mut Project) -> u64 {
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
        visit_links(theirs, &mut |_, id| {
            renumber(id);
            true
        });
        theirs.next_id = theirs.next_id.max(next);
    }
    next
}

/// An entity anywhere in a project, for matching ids across versions.
struct Node {
    id: Id,
    kind: EntityRef,
    /// The entity whose list holds this one (an activity for a session, ...).
    parent: Option<Id>,
    /// Its whole canonical text, to tell identical additions from different ones.
    content: String,
}

/// Every entity of a project, parents before children, in file order.
fn nodes(p: &Project) -> Vec<Node> {
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
    out
}

/// Labels of the entities that links can point at or come from (cheap: no content).
fn labels(p: &Project) -> HashMap<Id, EntityLabel> {
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

/// Where a link sits: the entity holding it and the field, as the file names them.
#[derive(Clone, Copy, Debug)]
struct Site {
    owner: Id,
    kind: EntityRef,
    field: &'static str,
}

/// Calls `f` with every link from one entity to another (not the entities' own ids); a link
/// for which `f` returns false is removed (a list entry dropped, an optional link cleared).
fn visit_links(p: &mut Project, f: &mut dyn FnMut(Site, &mut Id) -> bool) {
    let site = |owner, kind, field| Site { owner, kind, field };
    for d in &mut p.programme.donors {
        let s = site(d.id, EntityRef::Donor, "through");
        d.through.retain_mut(|x| f(s, x));
    }
    for o in &mut p.objectives {
        let s = site(o.id, EntityRef::Objective, "parent");
        if let Some(parent) = &mut o.parent
            && !f(s, parent)
        {
            o.parent = None;
        }
    }
    for a in &mut p.activities {
        let s = |field| site(a.id, EntityRef::Activity, field);
        let (beneficiaries, partners, funding, objectives, predecessors) = (
            s("beneficiaries"),
            s("partners"),
            s("funding"),
            s("objectives"),
            s("predecessors"),
        );
        a.beneficiaries.retain_mut(|x| f(beneficiaries, x));
        a.partners.retain_mut(|x| f(partners, x));
        a.funding.retain_mut(|x| f(funding, &mut x.source));
        a.objectives.retain_mut(|x| f(objectives, x));
        a.predecessors
            .retain_mut(|x| f(predecessors, &mut x.activity));
    }
    for m in &mut p.committee.members {
        let s = site(m.id, EntityRef::Member, "jurisdiction");
        if let Some(j) = &mut m.jurisdiction
            && !f(s, j)
        {
            m.jurisdiction = None;
        }
    }
    fn items(list: &mut [AgendaItem], f: &mut dyn FnMut(Site, &mut Id) -> bool) {
        for item in list {
            let s = |field| Site {
                owner: item.id,
                kind: EntityRef::AgendaItem,
                field,
            };
            let (activities, objectives) = (s("activities"), s("objectives"));
            item.activities.retain_mut(|x| f(activities, x));
            item.objectives.retain_mut(|x| f(objectives, x));
            items(&mut item.sub_items, f);
        }
    }
    for meeting in &mut p.committee.meetings {
        let s = site(meeting.id, EntityRef::Meeting, "attendance");
        meeting.attendance.retain_mut(|x| f(s, &mut x.member));
        items(&mut meeting.agenda, f);
    }
}

/// Calls `f` with every entity's own id.
fn visit_entity_ids(p: &mut Project, f: &mut dyn FnMut(&mut Id)) {
    let pr = &mut p.programme;
    pr.jurisdictions.iter_mut().for_each(|e| f(&mut e.id));
    pr.partners.iter_mut().for_each(|e| f(&mut e.id));
    pr.donors.iter_mut().for_each(|e| f(&mut e.id));
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
}

/// A value as the file writes it, on one line.
fn ron_text<V: Serialize + ?Sized>(value: &V) -> String {
    // RON escapes apostrophes in strings; the plain one means the same and reads better.
    ron::to_string(value)
        .unwrap_or_else(|e| format!("<{e}>"))
        .replace("\\'", "'")
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dependency, Session, Status};
    use chrono::NaiveDate;

    /// A small generated project whose activities nothing links to, since these tests
    /// delete activities by hand and build the links they are about themselves.
    fn base() -> Project {
        fn unlink(items: &mut [crate::model::AgendaItem]) {
            for item in items {
                item.activities.clear();
                unlink(&mut item.sub_items);
            }
        }
        let mut p = crate::generate::project(8, 12, 2, 1);
        for a in &mut p.activities {
            a.predecessors.clear();
        }
        for m in &mut p.committee.meetings {
            unlink(&mut m.agenda);
        }
        p
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Merges and checks what every merge must give: a sound project, and with no
    /// conflicts one that passes the integrity check as it stands.
    fn merged(b: &Project, o: &Project, t: &Project) -> Merged {
        let m = merge(b, o, t);
        assert_eq!(crate::integrity::check(&m.project), vec![]);
        let max = m.project.all_ids().iter().map(|(id, _)| id.0).max();
        assert!(max.is_none_or(|max| m.project.next_id > max));
        m
    }

    fn clean(b: &Project, o: &Project, t: &Project) -> Project {
        let m = merged(b, o, t);
        assert!(m.is_clean(), "{:#?}", m.conflicts);
        m.project
    }

    fn new_activity(p: &mut Project, title: &str) -> Id {
        let id = p.allocate_id();
        let mut a = Activity::new(id, title, "Training");
        a.sessions.push(Session {
            id: p.allocate_id(),
            start: day(2021, 3, 1),
            end: None,
            precision: Default::default(),
            place: Default::default(),
        });
        p.activities.push(a);
        id
    }

    #[test]
    fn edits_of_different_fields_and_entities_all_arrive() {
        let b = base();
        let mut o = b.clone();
        let mut t = b.clone();
        o.activities[0].title = "Ours' title".into();
        o.programme.code = "OURS".into();
        t.activities[0].status = Status::Cancelled;
        t.activities[3].notes = "Theirs' notes".into();
        t.activities[1].sessions[0].place.city = "Ohrid".into();
        let m = clean(&b, &o, &t);
        assert_eq!(m.activities[0].title, "Ours' title");
        assert_eq!(m.activities[0].status, Status::Cancelled);
        assert_eq!(m.activities[3].notes, "Theirs' notes");
        assert_eq!(m.activities[1].sessions[0].place.city, "Ohrid");
        assert_eq!(m.programme.code, "OURS");
    }

    #[test]
    fn one_field_changed_differently_on_both_sides_is_a_conflict_that_keeps_ours() {
        let b = base();
        let (mut o, mut t) = (b.clone(), b.clone());
        o.activities[2].title = "Regional training on asset recovery".into();
        t.activities[2].title = "Regional workshop on asset recovery".into();
        t.activities[2].notes = "theirs".into();
        t.programme.title = "Theirs' programme".into();
        o.programme.title = "Ours' programme".into();
        let m = merged(&b, &o, &t);
        assert_eq!(m.conflicts.len(), 2, "{:#?}", m.conflicts);
        let c = &m.conflicts[0];
        assert_eq!(c.entity.kind, EntityRef::Programme);
        assert_eq!(c.field.as_deref(), Some("title"));
        let c = &m.conflicts[1];
        assert_eq!(c.entity.id, Some(b.activities[2].id));
        assert_eq!(c.field.as_deref(), Some("title"));
        let line = c.to_string();
        assert!(
            line.starts_with(&format!(
                "activity {} “Regional training on asset recovery”, title: ours \"Regional training",
                b.activities[2].id
            )),
            "{line}"
        );
        assert!(line.contains("theirs \"Regional workshop"), "{line}");
        assert_eq!(m.project.activities[2].title, o.activities[2].title);
        assert_eq!(m.project.activities[2].notes, "theirs");
        assert_eq!(m.project.programme.title, "Ours' programme");
    }

    #[test]
    fn the_same_change_on_both_sides_is_taken_once() {
        let b = base();
        let mut o = b.clone();
        o.activities[1].officer = "Same".into();
        o.committee.quorum = 5;
        let m = clean(&b, &o, &o.clone());
        assert_eq!(m, o);
    }

    #[test]
    fn delete_against_edit_is_a_conflict_either_way() {
        let b = base();
        let victim = b.activities[4].id;
        let (mut o, mut t) = (b.clone(), b.clone());
        o.activities.retain(|a| a.id != victim);
        t.activities[4].sessions[0].place.city = "Budva".into();
        let m = merged(&b, &o, &t);
        assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
        assert_eq!(m.conflicts[0].entity.id, Some(victim));
        assert!(m.conflicts[0].reason.contains("deleted by ours"));
        assert!(m.project.activity(victim).is_none(), "ours' side: deleted");

        let m = merged(&b, &t, &o);
        assert_eq!(m.conflicts.len(), 1);
        assert!(m.conflicts[0].reason.contains("deleted by theirs"));
        assert_eq!(
            m.project.activity(victim).unwrap().sessions[0].place.city,
            "Budva"
        );
    }

    #[test]
    fn deletes_on_one_side_or_both_are_taken() {
        let b = base();
        let (one, two) = (b.activities[4].id, b.activities[5].id);
        let (mut o, mut t) = (b.clone(), b.clone());
        o.activities.retain(|a| a.id != one && a.id != two);
        t.activities.retain(|a| a.id != two);
        t.activities[0].notes = "kept".into();
        let m = clean(&b, &o, &t);
        assert!(m.activity(one).is_none() && m.activity(two).is_none());
        assert_eq!(m.activities[0].notes, "kept");
        let m = clean(&b, &t, &o);
        assert!(m.activity(one).is_none() && m.activity(two).is_none());
    }

    #[test]
    fn both_sides_adding_with_the_same_ids_keeps_both_and_renumbers_theirs() {
        let b = base();
        let (mut o, mut t) = (b.clone(), b.clone());
        let mine = new_activity(&mut o, "Ours' new training");
        let first = new_activity(&mut t, "Theirs' new mission");
        let second = new_activity(&mut t, "Theirs' follow-up");
        assert_eq!(mine, first, "the same ids were handed out on both sides");
        // Theirs links its own new activities to each other and from an agenda item.
        t.activities.last_mut().unwrap().predecessors = vec![Dependency {
            activity: first,
            lag_days: 3,
        }];
        t.committee.meetings[0].agenda[1].activities = vec![first, second];
        let m = clean(&b, &o, &t);
        assert_eq!(m.activities.len(), b.activities.len() + 3);
        let titles: Vec<&str> = m.activities[b.activities.len()..]
            .iter()
            .map(|a| a.title.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "Ours' new training",
                "Theirs' new mission",
                "Theirs' follow-up"
            ]
        );
        let ours_new = &m.activities[b.activities.len()];
        assert_eq!(ours_new.id, mine, "ours keeps its ids");
        let mission = &m.activities[b.activities.len() + 1];
        let follow_up = &m.activities[b.activities.len() + 2];
        assert!(mission.id.0 >= o.next_id.max(t.next_id));
        assert_ne!(mission.sessions[0].id, ours_new.sessions[0].id);
        assert_eq!(follow_up.predecessors[0].activity, mission.id);
        assert_eq!(
            m.committee.meetings[0].agenda[1].activities,
            vec![mission.id, follow_up.id]
        );
    }

    #[test]
    fn nested_entities_merge_by_id_too() {
        let b = base();
        let (mut o, mut t) = (b.clone(), b.clone());
        for (p, text) in [(&mut o, "Adopted (ours)"), (&mut t, "Noted (theirs)")] {
            let id = p.allocate_id();
            let item = &mut p.committee.meetings[0].agenda[1];
            item.decisions.push(Decision {
                id,
                text: text.into(),
            });
        }
        t.committee.meetings[0].agenda[1].presenter = "Secretariat".into();
        o.committee.meetings[0].agenda[1].minutes = 50;
        let m = clean(&b, &o, &t);
        let item = &m.committee.meetings[0].agenda[1];
        let texts: Vec<&str> = item.decisions.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["Adopted (ours)", "Noted (theirs)"]);
        assert_ne!(item.decisions[0].id, item.decisions[1].id);
        assert_eq!((item.presenter.as_str(), item.minutes), ("Secretariat", 50));
    }

    #[test]
    fn identical_additions_on_both_sides_collapse_into_one() {
        let b = base();
        let mut o = b.clone();
        new_activity(&mut o, "Same on both sides");
        let m = clean(&b, &o, &o.clone());
        assert_eq!(m.activities.len(), b.activities.len() + 1);
        assert_eq!(m, o);
    }

    #[test]
    fn additions_keep_their_place_and_a_move_on_one_side_is_taken() {
        let b = base();
        let (mut o, mut t) = (b.clone(), b.clone());
        // Theirs adds one after the third activity and moves the last to the front.
        let id = t.allocate_id();
        t.activities
            .insert(3, Activity::new(id, "Inserted by theirs", "Other"));
        let last = t.activities.pop().unwrap();
        t.activities.insert(0, last.clone());
        o.activities[2].notes = "ours".into();
        let m = clean(&b, &o, &t);
        assert_eq!(m.activities[0].id, last.id);
        assert_eq!(m.activities[4].title, "Inserted by theirs");
        assert_eq!(m.activities[3].notes, "ours");
        let changes = diff(&b, &t);
        assert!(
            changes.iter().any(|c| c.entity.id == Some(last.id)
                && c.kind
                    == ChangeKind::Modified {
                        fields: vec!["position".into()]
                    }),
            "{changes:#?}"
        );

        // Both reorder, differently: a conflict, ours' order kept.
        o.activities.swap(1, 2);
        let m = merged(&b, &o, &t);
        assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
        assert_eq!(m.conflicts[0].field.as_deref(), Some("position"));
        assert_eq!(m.project.activities[1].id, o.activities[1].id);
    }

    #[test]
    fn objectives_stay_in_outline_order_and_moves_merge() {
        let b = base();
        let (mut o, mut t) = (b.clone(), b.clone());
        // Theirs adds a child under the first pillar; ours moves the last area to the second pillar.
        let pillar = b.objectives[0].id;
        let id = t.allocate_id();
        t.objectives
            .push(Objective::new(id, Some(pillar), 3, "New area by theirs"));
        crate::tree::sort_outline(&mut t.objectives);
        let pillars: Vec<Id> = b
            .objectives
            .iter()
            .filter(|x| x.parent.is_none())
            .map(|x| x.id)
            .collect();
        let area = b
            .objectives
            .iter()
            .find(|x| x.parent == Some(pillars[2]))
            .unwrap()
            .id;
        let at = o.objectives.iter().position(|x| x.id == area).unwrap();
        o.objectives[at].parent = Some(pillars[1]);
        crate::tree::sort_outline(&mut o.objectives);
        let m = clean(&b, &o, &t);
        let depth = crate::tree::depths(&m.objectives);
        assert_eq!(depth[&id], 1);
        assert_eq!(m.objective(area).unwrap().parent, Some(pillars[1]));
        let mut sorted = m.objectives.clone();
        crate::tree::sort_outline(&mut sorted);
        assert_eq!(sorted, m.objectives, "already in outline order");

        // Moved under each other on the two sides: a conflict, no loop.
        let (mut o, mut t) = (b.clone(), b.clone());
        let at = |p: &Project, id| p.objectives.iter().position(|x| x.id == id).unwrap();
        let (a, c) = (pillars[0], pillars[1]);
        let i = at(&o, a);
        o.objectives[i].parent = Some(c);
        crate::tree::sort_outline(&mut o.objectives);
        let i = at(&t, c);
        t.objectives[i].parent = Some(a);
        crate::tree::sort_outline(&mut t.objectives);
        let m = merged(&b, &o, &t);
        assert!(!m.is_clean());
        assert!(
            m.conflicts
                .iter()
                .any(|x| x.field.as_deref() == Some("parent")),
            "{:#?}",
            m.conflicts
        );
    }

    #[test]
    fn links_broken_by_the_merge_are_conflicts_resolved_on_ours_side() {
        let b = base();
        let objective = b.activities[0].objectives[0];
        // Theirs deletes an objective (and the links to it); ours links another activity to it.
        let (mut o, mut t) = (b.clone(), b.clone());
        t.objectives.retain(|x| x.id != objective);
        for a in &mut t.activities {
            a.objectives.retain(|&x| x != objective);
        }
        if t.objectives.iter().any(|x| x.parent == Some(objective)) {
            panic!("the test needs a leaf objective");
        }
        o.committee.meetings[0].agenda[0].objectives = vec![objective];
        let m = merged(&b, &o, &t);
        assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
        assert_eq!(m.conflicts[0].entity.id, Some(objective));
        assert!(m.project.objective(objective).is_some(), "kept");

        // Ours deletes an activity; theirs makes it a predecessor of an existing one and of
        // a new one.
        let gone = b.activities[6].id;
        let (mut o, mut t) = (b.clone(), b.clone());
        o.activities.retain(|a| a.id != gone);
        t.activities[1].predecessors = vec![Dependency {
            activity: gone,
            lag_days: 0,
        }];
        let new = new_activity(&mut t, "Theirs' follow-up");
        t.activities.last_mut().unwrap().predecessors = vec![Dependency {
            activity: gone,
            lag_days: 1,
        }];
        let m = merged(&b, &o, &t);
        assert_eq!(m.conflicts.len(), 2, "{:#?}", m.conflicts);
        assert!(m.project.activity(gone).is_none());
        assert!(m.project.activities[1].predecessors.is_empty());
        assert!(m.project.activity(new).unwrap().predecessors.is_empty());
        assert!(m.conflicts.iter().all(|c| {
            c.field.as_deref() == Some("predecessors") && c.reason.contains("ours deleted")
        }));
    }

    #[test]
    fn a_move_under_an_objective_the_other_side_deleted_keeps_ours_parent_and_level() {
        let b = base();
        let areas: Vec<&Objective> = b.objectives.iter().filter(|x| x.level == 3).collect();
        let (gone, moved) = (areas[0].id, areas[1].id);
        let (mut o, mut t) = (b.clone(), b.clone());
        let doomed: Vec<Id> = o
            .objectives
            .iter()
            .filter(|x| crate::tree::is_in_subtree(&b.objectives, gone, x.id))
            .map(|x| x.id)
            .collect();
        o.objectives.retain(|x| !doomed.contains(&x.id));
        for a in &mut o.activities {
            a.objectives.retain(|x| !doomed.contains(x));
        }
        let at = t.objectives.iter().position(|x| x.id == moved).unwrap();
        t.objectives[at].parent = Some(gone);
        t.objectives[at].level = 4;
        crate::tree::sort_outline(&mut t.objectives);
        let m = merged(&b, &o, &t);
        assert!(!m.is_clean());
        let kept = m.project.objective(moved).unwrap();
        assert_eq!((kept.parent, kept.level), (areas[1].parent, 3));
        assert!(m.project.objective(gone).is_none());
    }

    #[test]
    fn a_period_merged_back_to_front_keeps_ours() {
        let b = base();
        let (mut o, mut t) = (b.clone(), b.clone());
        o.programme.start = day(2031, 1, 1);
        o.programme.end = day(2032, 1, 1);
        t.programme.end = day(2025, 1, 1);
        let m = merged(&b, &o, &t);
        assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
        assert_eq!(m.project.programme.end, o.programme.end);
    }

    /// A handful of edits of every kind, as one side might make them.
    fn edited(b: &Project, seed: u64) -> Project {
        let mut x = b.clone();
        let n = seed as usize;
        x.activities[n % 5].title = format!("Edited {seed}");
        x.activities[(n + 1) % 5].sessions[0].end = Some(day(2029, 12, 1));
        // Delete one that nothing links to, as deleting others first strips their links.
        let at = (5 + n % 3..x.activities.len())
            .find(|&i| crate::integrity::reference_count(&x, x.activities[i].id) == 0)
            .expect("some activity is not linked to");
        x.activities.remove(at);
        let moved = x.activities.remove(0);
        x.activities.push(moved);
        new_activity(&mut x, "Added");
        let leaf = x.objectives.len() - 1;
        let id = x.allocate_id();
        x.objectives[leaf].indicators.push(Indicator {
            id,
            text: "Share of cases".into(),
            unit: String::new(),
            baseline: None,
            target: None,
            latest: None,
            verification: String::new(),
            computed: None,
        });
        x.committee.meetings[0].agenda.swap(0, 1);
        x.committee.meetings[1].agenda[2].summary = "Agreed.".into();
        x.programme.partners.pop();
        crate::integrity::normalize(&mut x);
        assert_eq!(crate::integrity::check(&x), vec![]);
        x
    }

    #[test]
    fn merging_with_an_unchanged_side_or_the_same_change_gives_the_change() {
        for seed in 1..5 {
            let b = crate::generate::project(30, 25, 3, seed);
            let x = edited(&b, seed);
            assert_eq!(clean(&b, &x, &b), x, "merge(b, x, b), seed {seed}");
            assert_eq!(clean(&b, &b, &x), x, "merge(b, b, x), seed {seed}");
            assert_eq!(clean(&b, &x, &x), x, "merge(b, x, x), seed {seed}");
            assert_eq!(clean(&b, &b, &b), b);
        }
    }

    #[test]
    fn any_two_edited_versions_merge_into_a_sound_project() {
        for seed in 1..4 {
            let b = crate::generate::project(30, 25, 3, seed);
            let shared = b.activities[12].id;
            for (x, y) in [(1, 2), (2, 3), (3, 1)] {
                let (mut o, mut t) = (edited(&b, x), edited(&b, y));
                for (p, n) in [(&mut o, x), (&mut t, y)] {
                    let at = p.activities.iter().position(|a| a.id == shared).unwrap();
                    p.activities[at].notes = format!("note {n}");
                }
                // `merged` asserts soundness whether or not there are conflicts.
                let m = merged(&b, &o, &t);
                let fields: Vec<_> = m
                    .conflicts
                    .iter()
                    .map(|c| (c.entity.id, c.field.clone()))
                    .collect();
                assert_eq!(fields, [(Some(shared), Some("notes".to_string()))]);
                assert_eq!(
                    m.project.activity(shared).unwrap().notes,
                    format!("note {x}")
                );
            }
        }
    }

    #[test]
    fn independent_edits_of_two_sides_merge_without_conflict() {
        let b = crate::generate::project(30, 25, 3, 9);
        let o = edited(&b, 1);
        let mut t = b.clone();
        t.activities[20].notes = "theirs".into();
        t.committee.name = "Steering Committee".into();
        new_activity(&mut t, "Theirs' addition");
        let m = clean(&b, &o, &t);
        assert_eq!(m.activities.len(), o.activities.len() + 1);
        assert_eq!(m.committee.name, "Steering Committee");
        assert!(m.activities.iter().any(|a| a.notes == "theirs"));
    }

    #[test]
    fn diff_lists_changes_entity_by_entity_in_file_order() {
        let b = base();
        let mut a = b.clone();
        a.programme.title = "New title".into();
        a.activities[1].status = Status::Done;
        a.activities[1].notes = "n".into();
        let gone = a.activities.remove(3);
        let added = new_activity(&mut a, "Fresh");
        a.activities[0].sessions[0].start = day(2020, 2, 2);
        let lines: Vec<String> = diff(&b, &a).iter().map(|c| c.to_string()).collect();
        let s0 = b.activities[0].sessions[0].id;
        let a1 = &b.activities[1];
        assert_eq!(
            lines,
            vec![
                "changed title of programme".to_string(),
                format!(
                    "changed start of session {s0} “{}”",
                    b.activities[0].sessions[0].date_label()
                ),
                format!("changed status, notes of activity {} “{}”", a1.id, a1.title),
                format!("removed activity {} “{}”", gone.id, gone.title),
                format!("added activity {added} “Fresh”"),
            ]
        );
        assert!(diff(&b, &b).is_empty());
    }

    #[test]
    fn labels_read_as_planners_say_them() {
        let label = EntityLabel::new(
            EntityRef::Activity,
            Some(Id(123)),
            "Regional training on asset recovery",
        );
        assert_eq!(
            label.to_string(),
            "activity 123 “Regional training on asset recovery”"
        );
        assert_eq!(
            EntityLabel::singleton(EntityRef::Programme).to_string(),
            "programme"
        );
        assert_eq!(
            EntityLabel::singleton(EntityRef::Settings).to_string(),
            "settings"
        );
    }
}
