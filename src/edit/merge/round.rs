//! One round of merging: every entity list matched by id, field by field.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::{
    AcceptedCheck, ActionPoint, Activity, AgendaItem, Baseline, Committee, Decision, EntityRef,
    FORMAT_VERSION, HolidaySet, Id, Indicator, Jurisdiction, Meeting, Member, Objective,
    Organisation, Programme, Project, Session, Settings, StaffMember,
};

use super::*;

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

// ---------------------------------------------------------------------------------------
// One round of merging

/// What a round collects.
pub(super) struct Cx<'r> {
    pub(super) rules: &'r Rules,
    pub(super) conflicts: Vec<Conflict>,
    pub(super) changes: Vec<(Side, Change)>,
    /// Set by a list merge for the entity it is about to merge: moved by [ours, theirs].
    pub(super) moved: [bool; 2],
}

impl<'r> Cx<'r> {
    pub(super) fn new(rules: &'r Rules) -> Self {
        Cx {
            rules,
            conflicts: Vec::new(),
            changes: Vec::new(),
            moved: [false; 2],
        }
    }

    pub(super) fn change(&mut self, side: Side, entity: EntityLabel, kind: ChangeKind) {
        self.changes.push((side, Change { entity, kind }));
    }
}

pub(super) fn merge_round(cx: &mut Cx, b: &Project, o: &Project, t: &Project) -> Project {
    let settings = {
        let label = EntityLabel::singleton(EntityRef::Settings);
        let mut f = Fields::new(cx, label, &b.settings, &o.settings, &t.settings);
        let merged = merge_struct!(
            f,
            Settings {
                level_names: value,
                activity_kinds: value,
                codes_frozen: value,
                checks_off: value,
                results: value,
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
                reporting_org: value,
                reporting_org_ref: value,
                reporting_org_type: value,
                iati_prefix: value,
                default_sector: value,
            }
        );
        f.finish();
        merged
    };
    let staff = merge_list(cx, EntityRef::Staff, &b.staff, &o.staff, &t.staff);
    let mut objectives = merge_list(
        cx,
        EntityRef::Objective,
        &b.objectives,
        &o.objectives,
        &t.objectives,
    );
    crate::plan::tree::sort_outline(&mut objectives);
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
    let accepted_checks = merge_list(
        cx,
        EntityRef::AcceptedCheck,
        &b.accepted_checks,
        &o.accepted_checks,
        &t.accepted_checks,
    );
    let baselines = merge_list(
        cx,
        EntityRef::Baseline,
        &b.baselines,
        &o.baselines,
        &t.baselines,
    );
    Project {
        format_version: FORMAT_VERSION,
        next_id: b.next_id.max(o.next_id).max(t.next_id),
        settings,
        programme,
        staff,
        objectives,
        activities,
        committee,
        holidays,
        accepted_checks,
        baselines,
    }
}

/// Field-by-field merge of one entity (or singleton) present in all three versions.
pub(super) struct Fields<'a, 'c, 'r, T> {
    pub(super) cx: &'c mut Cx<'r>,
    pub(super) label: EntityLabel,
    pub(super) b: &'a T,
    pub(super) o: &'a T,
    pub(super) t: &'a T,
    /// Fields changed by [ours, theirs], for the change lists.
    pub(super) changed: [Vec<String>; 2],
    /// Where this entity's own change goes in the change list: before its children's.
    pub(super) slot: usize,
}

impl<'a, 'c, 'r, T> Fields<'a, 'c, 'r, T> {
    pub(super) fn new(
        cx: &'c mut Cx<'r>,
        label: EntityLabel,
        b: &'a T,
        o: &'a T,
        t: &'a T,
    ) -> Self {
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
    pub(super) fn value<V: Clone + PartialEq + Serialize + 'a>(
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

    pub(super) fn conflict<V: Serialize>(&mut self, name: &str, o: &V, t: &V, reason: String) {
        self.cx.conflicts.push(Conflict {
            entity: self.label.clone(),
            field: Some(name.into()),
            ours: ron_text(o),
            theirs: ron_text(t),
            reason,
        });
    }

    /// A list of entities inside this one, merged by id.
    pub(super) fn list<E: Entity + 'a>(
        &mut self,
        kind: EntityRef,
        get: impl Fn(&'a T) -> &'a Vec<E>,
    ) -> Vec<E> {
        merge_list(self.cx, kind, get(self.b), get(self.o), get(self.t))
    }

    pub(super) fn finish(self) {
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
pub(super) trait Entity: Clone + PartialEq + Serialize {
    fn id(&self) -> Id;
    fn title(&self) -> String;
    /// Merges an entity present in all three versions.
    fn merge3(cx: &mut Cx, kind: EntityRef, b: &Self, o: &Self, t: &Self) -> Self;
}

pub(super) fn label_of<E: Entity>(kind: EntityRef, e: &E) -> EntityLabel {
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
    id: id, name: value, footnote: value, aliases: value,
});
entity!(Organisation, |e| e.name.clone(), {
    id: id, name: value, acronym: value, notes: value, through: value, aliases: value,
});
entity!(StaffMember, |e| e.name.clone(), {
    id: id, name: value, aliases: value, email: value, role: value,
});
entity!(Objective, |e| e.title.clone(), {
    id: id, parent: value, code: value, level: value, title: value, description: value, unit: value,
    sdg_targets: value, assumptions: value, risks: value, indicators: (Indicator),
});
entity!(Indicator, |e| e.text.clone(), {
    id: id, text: value, unit: value, baseline: value, target: value, latest: value,
    verification: value, computed: value, periods: value,
});
entity!(Activity, |e| e.title.clone(), {
    id: id, title: value, kind: value, status: value, description: value,
    sessions: (Session), beneficiaries: value, unit: value, partners: value, budget: value,
    funding: value, participants: value, officers: value, sdg_targets: value,
    objectives: value, predecessors: value, notes: value, milestone: value,
});
entity!(Session, |e| e.date_label(), {
    id: id, start: value, end: value, precision: value, place: value,
});
entity!(HolidaySet, |e| e.country.clone(), {
    id: id, country: value, days: value,
});
entity!(AcceptedCheck, |e| e.check.clone(), {
    id: id, check: value, activities: value, day: value, reason: value, accepted_on: value,
});
// A baseline's saved activities are one value: a record of a moment, never mixed from two.
entity!(Baseline, |e| e.name.clone(), {
    id: id, name: value, saved: value, note: value, activities: value,
});
entity!(Member, |e| e.name.clone(), {
    id: id, name: value, role: value, organisation: value, jurisdiction: value, email: value,
});
entity!(Meeting, |e| format!("No. {} of {}", e.number, e.date), {
    id: id, number: value, date: value, start_time: value, time_zone: value,
    planned_end: value, place: value, status: value, attendance: value, guests: value,
    agenda: (AgendaItem),
});
entity!(AgendaItem, |e| e.title.clone(), {
    id: id, title: value, purpose: value, presenter: value, presenter_member: value,
    minutes: value, consent: value,
    papers: value, activities: value, objectives: value, sub_items: (AgendaItem),
    summary: value, decisions: (Decision), actions: (ActionPoint), generated: value,
});
entity!(Decision, |e| e.text.clone(), { id: id, text: value });
entity!(ActionPoint, |e| e.text.clone(), {
    id: id, number: value, text: value, owner: value, owner_member: value, due: value,
    status: value,
});

/// Merges one list of entities by id; see the module documentation for the rules.
pub(super) fn merge_list<E: Entity>(
    cx: &mut Cx,
    kind: EntityRef,
    b: &[E],
    o: &[E],
    t: &[E],
) -> Vec<E> {
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
pub(super) fn order_conflict<E: Entity>(
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
pub(super) fn moved(before: &[Id], after: &[Id]) -> HashSet<Id> {
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
pub(super) fn weave(lists: &[&Vec<Id>], include: impl Fn(Id) -> bool) -> Vec<Id> {
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
