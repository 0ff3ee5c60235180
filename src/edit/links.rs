//! Every link in a project from one entity to another by id, written down once.
//!
//! The load check ([`crate::edit::integrity`]), the checks on edit
//! ([`crate::edit::commands`]), the merge ([`crate::edit::merge`]) and the delete helpers all
//! ask which entity points at which; they all ask [`for_each_link`] (or [`retain_links`],
//! which may also rewrite or drop links). A new id field in the model gets its link here.
//! An edit of one entity checks just that entity's links with the walker for its kind
//! ([`for_each_activity_link`], [`for_each_member_link`], [`for_each_meeting_link`],
//! [`for_each_attendance_link`], [`for_each_agenda_item_link`]), cut from the same table.

use std::borrow::Cow;

use crate::model::{
    ActionPoint, Activity, AgendaItem, Attendance, Committee, EntityRef, Id, Meeting, Member,
    Project,
};

/// One link: the entity holding it (kind, id, field as the file names it) and what it
/// points at (kind, id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Link {
    pub from: EntityRef,
    pub owner: Id,
    pub field: &'static str,
    pub to: EntityRef,
    pub target: Id,
}

impl Link {
    /// The target as the field names its role: "parent objective", "predecessor activity",
    /// or just the kind ("jurisdiction").
    pub fn target_noun(&self) -> &'static str {
        match (self.from, self.field) {
            (EntityRef::Objective, "parent") => "parent objective",
            (EntityRef::Activity, "predecessors") => "predecessor activity",
            _ => self.to.noun(),
        }
    }

    /// Where the link sits, as a planner recognises it: `activity 12 “Regional workshop”
    /// (objectives)`.
    pub fn describe_source(&self, project: &Project) -> String {
        format!("{} ({})", label(project, self.from, self.owner), self.field)
    }
}

/// Where a link sits, before its target is known.
#[derive(Clone, Copy)]
struct At {
    from: EntityRef,
    owner: Id,
    field: &'static str,
    to: EntityRef,
}

impl At {
    fn new(from: EntityRef, owner: Id, field: &'static str, to: EntityRef) -> Self {
        At {
            from,
            owner,
            field,
            to,
        }
    }

    fn link(self, target: Id) -> Link {
        Link {
            from: self.from,
            owner: self.owner,
            field: self.field,
            to: self.to,
            target,
        }
    }
}

/// Visiting links of a borrowed project.
mod read {
    use super::{At, Id, Link};

    pub(super) type Visit<'f> = &'f mut dyn FnMut(Link);

    /// A list as the table borrows it.
    pub(super) type List<T> = [T];

    pub(super) fn list<T>(at: At, items: &[T], target: impl Fn(&T) -> &Id, f: Visit) {
        for item in items {
            f(at.link(*target(item)));
        }
    }

    pub(super) fn optional(at: At, item: &Option<Id>, f: Visit) {
        if let Some(id) = item {
            f(at.link(*id));
        }
    }
}

/// Visiting links of a project that may be changed: a link may be rewritten, and one for
/// which the visitor returns false is removed.
mod write {
    use super::{At, Id, Link};

    pub(super) type Visit<'f> = &'f mut dyn FnMut(Link, &mut Id) -> bool;

    /// A list as the table borrows it (mutably, so entries can be dropped).
    pub(super) type List<T> = Vec<T>;

    pub(super) fn list<T>(
        at: At,
        items: &mut Vec<T>,
        target: impl Fn(&mut T) -> &mut Id,
        f: Visit,
    ) {
        items.retain_mut(|item| {
            let id = target(item);
            f(at.link(*id), id)
        });
    }

    pub(super) fn optional(at: At, item: &mut Option<Id>, f: Visit) {
        let keep = match item {
            Some(id) => f(at.link(*id), id),
            None => true,
        };
        if !keep {
            *item = None;
        }
    }
}

/// The table of links, once, for both kinds of visit: `$m` is `mut` for [`write`].
macro_rules! links {
    ($h:ident, [$($m:tt)?]) => {
        pub(super) fn project(p: & $($m)? Project, f: $h::Visit) {
            for d in & $($m)? p.programme.donors {
                let at = At::new(E::Donor, d.id, "through", E::Donor);
                $h::list(at, & $($m)? d.through, |x| x, f);
            }
            for o in & $($m)? p.objectives {
                let at = At::new(E::Objective, o.id, "parent", E::Objective);
                $h::optional(at, & $($m)? o.parent, f);
            }
            for a in & $($m)? p.activities {
                activity(a, f);
            }
            committee(& $($m)? p.committee, f);
            for c in & $($m)? p.accepted_checks {
                let at = At::new(E::AcceptedCheck, c.id, "activities", E::Activity);
                $h::list(at, & $($m)? c.activities, |x| x, f);
            }
        }

        pub(super) fn activity(a: & $($m)? Activity, f: $h::Visit) {
            let at = |field, to| At::new(E::Activity, a.id, field, to);
            let (beneficiaries, partners, funding, officers, objectives, predecessors) = (
                at("beneficiaries", E::Jurisdiction),
                at("partners", E::Partner),
                at("funding", E::Donor),
                at("officers", E::Staff),
                at("objectives", E::Objective),
                at("predecessors", E::Activity),
            );
            $h::list(beneficiaries, & $($m)? a.beneficiaries, |x| x, f);
            $h::list(partners, & $($m)? a.partners, |x| x, f);
            $h::list(funding, & $($m)? a.funding, |x| & $($m)? x.source, f);
            $h::list(officers, & $($m)? a.officers, |x| x, f);
            $h::list(objectives, & $($m)? a.objectives, |x| x, f);
            $h::list(predecessors, & $($m)? a.predecessors, |x| & $($m)? x.activity, f);
        }

        pub(super) fn committee(c: & $($m)? Committee, f: $h::Visit) {
            for m in & $($m)? c.members {
                member(m, f);
            }
            for m in & $($m)? c.meetings {
                meeting(m, f);
            }
        }

        pub(super) fn member(m: & $($m)? Member, f: $h::Visit) {
            let at = At::new(E::Member, m.id, "jurisdiction", E::Jurisdiction);
            $h::optional(at, & $($m)? m.jurisdiction, f);
        }

        pub(super) fn meeting(m: & $($m)? Meeting, f: $h::Visit) {
            attendance(m.id, & $($m)? m.attendance, f);
            for item in & $($m)? m.agenda {
                agenda_item(item, f);
            }
        }

        /// The attendance records of meeting `owner`.
        pub(super) fn attendance(owner: Id, list: & $($m)? $h::List<Attendance>, f: $h::Visit) {
            let at = At::new(E::Meeting, owner, "attendance", E::Member);
            $h::list(at, list, |x| & $($m)? x.member, f);
        }

        /// One agenda item with its sub-items.
        pub(super) fn agenda_item(item: & $($m)? AgendaItem, f: $h::Visit) {
            let at = |field, to| At::new(E::AgendaItem, item.id, field, to);
            let (activities, objectives) = (
                at("activities", E::Activity),
                at("objectives", E::Objective),
            );
            $h::list(activities, & $($m)? item.activities, |x| x, f);
            $h::list(objectives, & $($m)? item.objectives, |x| x, f);
            $h::optional(at("presenter_member", E::Member), & $($m)? item.presenter_member, f);
            for action in & $($m)? item.actions {
                action_point(action, f);
            }
            for sub in & $($m)? item.sub_items {
                agenda_item(sub, f);
            }
        }

        pub(super) fn action_point(action: & $($m)? ActionPoint, f: $h::Visit) {
            let at = At::new(E::ActionPoint, action.id, "owner_member", E::Member);
            $h::optional(at, & $($m)? action.owner_member, f);
        }
    };
}

mod read_links {
    use super::*;
    use EntityRef as E;
    links!(read, []);
}

mod write_links {
    use super::*;
    use EntityRef as E;
    links!(write, [mut]);
}

/// Calls `f` with every link in the project (not the entities' own ids), in file order.
pub fn for_each_link(project: &Project, f: &mut impl FnMut(Link)) {
    read_links::project(project, f);
}

/// Calls `f` with every link an activity holds, in file order.
pub fn for_each_activity_link(activity: &Activity, f: &mut impl FnMut(Link)) {
    read_links::activity(activity, f);
}

/// Calls `f` with every link the steering committee holds, in file order.
pub fn for_each_committee_link(committee: &Committee, f: &mut impl FnMut(Link)) {
    read_links::committee(committee, f);
}

/// Calls `f` with every link a committee member holds.
pub fn for_each_member_link(member: &Member, f: &mut impl FnMut(Link)) {
    read_links::member(member, f);
}

/// Calls `f` with every link a meeting holds (its attendance and its agenda), in file order.
pub fn for_each_meeting_link(meeting: &Meeting, f: &mut impl FnMut(Link)) {
    read_links::meeting(meeting, f);
}

/// Calls `f` with every link the attendance records of meeting `meeting` hold, in file order.
pub fn for_each_attendance_link(meeting: Id, attendance: &[Attendance], f: &mut impl FnMut(Link)) {
    read_links::attendance(meeting, attendance, f);
}

/// Calls `f` with every link an agenda item and its sub-items hold, in file order.
pub fn for_each_agenda_item_link(item: &AgendaItem, f: &mut impl FnMut(Link)) {
    read_links::agenda_item(item, f);
}

/// Calls `f` with every link an action point holds (its owner, when a member).
pub fn for_each_action_point_link(action: &ActionPoint, f: &mut impl FnMut(Link)) {
    read_links::action_point(action, f);
}

/// Calls `f` with every link in the project and the id it holds, which `f` may rewrite; a
/// link for which `f` returns false is removed (a list entry dropped, an optional link
/// cleared).
pub fn retain_links(project: &mut Project, f: &mut impl FnMut(Link, &mut Id) -> bool) {
    write_links::project(project, f);
}

/// The links that point at `id`, in file order.
pub fn links_to(project: &Project, id: Id) -> Vec<Link> {
    let mut found = Vec::new();
    for_each_link(project, &mut |link| {
        if link.target == id {
            found.push(link);
        }
    });
    found
}

/// Whether the project has an entity of kind `kind` with id `id` (a linear search: for
/// checks of one edit, not of a whole file).
pub fn exists(project: &Project, kind: EntityRef, id: Id) -> bool {
    title(project, kind, id).is_some()
}

/// The title or name of an entity that links come from or point at, if it exists.
pub fn title(project: &Project, kind: EntityRef, id: Id) -> Option<Cow<'_, str>> {
    let p = &project.programme;
    let c = &project.committee;
    fn name(list: &[crate::model::Organisation], id: Id) -> Option<Cow<'_, str>> {
        list.iter()
            .find(|e| e.id == id)
            .map(|e| Cow::Borrowed(e.name.as_str()))
    }
    match kind {
        EntityRef::Jurisdiction => project
            .jurisdiction(id)
            .map(|e| Cow::Borrowed(e.name.as_str())),
        EntityRef::Partner => name(&p.partners, id),
        EntityRef::Donor => name(&p.donors, id),
        EntityRef::Staff => project
            .staff_member(id)
            .map(|e| Cow::Borrowed(e.name.as_str())),
        EntityRef::Objective => project
            .objective(id)
            .map(|e| Cow::Borrowed(e.title.as_str())),
        EntityRef::Activity => project
            .activity(id)
            .map(|e| Cow::Borrowed(e.title.as_str())),
        EntityRef::Member => c
            .members
            .iter()
            .find(|e| e.id == id)
            .map(|e| Cow::Borrowed(e.name.as_str())),
        EntityRef::Meeting => c
            .meetings
            .iter()
            .find(|e| e.id == id)
            .map(|e| Cow::Owned(format!("No. {} of {}", e.number, e.date))),
        EntityRef::AgendaItem => {
            let mut found = None;
            for meeting in &c.meetings {
                meeting.for_each_item(&mut |item| {
                    if item.id == id && found.is_none() {
                        found = Some(Cow::Borrowed(item.title.as_str()));
                    }
                });
            }
            found
        }
        _ => None,
    }
}

/// An entity as messages name it: `activity 12 “Regional workshop”`, or `activity 12` when
/// it has no title (or is not there).
pub fn label(project: &Project, kind: EntityRef, id: Id) -> String {
    match title(project, kind, id) {
        Some(title) if !title.trim().is_empty() => {
            format!("{} {id} “{}”", kind.noun(), shorten(title.trim(), 60))
        }
        _ => format!("{} {id}", kind.noun()),
    }
}

/// Why the entity `id` of kind `kind` cannot go while `links` (those pointing at it, at
/// least one) remain: `Jurisdiction 5 “Serbia” is still linked from activity 12 “Regional
/// workshop” (beneficiaries)`, and how many more links there are.
pub fn still_linked_message(project: &Project, kind: EntityRef, id: Id, links: &[Link]) -> String {
    let mut target = label(project, kind, id);
    if let Some(first) = target.get(..1) {
        target = first.to_uppercase() + &target[1..];
    }
    let mut message = format!("{target} is still linked from ");
    if let Some(first) = links.first() {
        message += &first.describe_source(project);
    }
    match links.len() {
        0 | 1 => {}
        2 => message += " and 1 more place",
        n => message += &format!(" and {} more places", n - 1),
    }
    message
}

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
    use crate::model::*;
    use chrono::{NaiveDate, NaiveTime};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2010, 3, d).unwrap()
    }

    fn place() -> Place {
        Place {
            mode: PlaceMode::Hybrid,
            city: "Skopje".into(),
            country: "North Macedonia".into(),
        }
    }

    /// Ids are from a million up and every other number is small, so the ids can be picked
    /// out of the file text.
    const FIRST: u64 = 1_000_000;

    fn id(n: u64) -> Id {
        Id(FIRST + n)
    }

    /// A project with every field of every model type filled in (each struct written out
    /// field by field, so that a new field does not compile until it is filled here too), and
    /// every kind of link exactly once.
    fn full_project() -> Project {
        let defaults = Settings::default();
        let measurement = |value: &str| Measurement {
            value: value.into(),
            date: Some(day(1)),
        };
        let organisation = |n, name: &str, through| Organisation {
            id: id(n),
            name: name.into(),
            acronym: "X".into(),
            notes: "Notes".into(),
            through,
            aliases: vec!["Alias".into()],
        };
        let objective = |n, parent, level, title: &str, indicators| Objective {
            id: id(n),
            parent,
            code: None,
            level,
            title: title.into(),
            description: "Description".into(),
            unit: "Unit".into(),
            sdg_targets: vec!["16.4".into()],
            assumptions: "Assumptions".into(),
            risks: "Risks".into(),
            indicators,
        };
        let activity = |n, title: &str| Activity {
            id: id(n),
            title: title.into(),
            kind: "Training".into(),
            status: Status::Planned,
            description: "Description".into(),
            sessions: Vec::new(),
            beneficiaries: Vec::new(),
            unit: "Unit".into(),
            partners: Vec::new(),
            budget: Some(Money {
                amount: 5_000,
                currency: "EUR".into(),
            }),
            funding: Vec::new(),
            participants: Participants {
                planned: Some(20),
                actual: Some(18),
                women: Some(9),
                men: Some(9),
            },
            officers: Vec::new(),
            sdg_targets: vec!["16.a".into()],
            objectives: Vec::new(),
            predecessors: Vec::new(),
            notes: "Notes".into(),
            milestone: false,
        };
        let item =
            |n, title: &str, activities, objectives, sub_items, decisions, actions| AgendaItem {
                id: id(n),
                title: title.into(),
                purpose: Purpose::Decision,
                presenter: "Presenter".into(),
                // The outer item is presented by the chair, its sub-item by a guest.
                presenter_member: (n == 14).then_some(id(12)),
                minutes: 30,
                consent: true,
                papers: vec!["paper.pdf".into()],
                activities,
                objectives,
                sub_items,
                summary: "Summary".into(),
                decisions,
                actions,
                generated: true,
            };
        let mut workshop = activity(8, "Regional workshop");
        workshop.sessions = vec![Session {
            id: id(9),
            start: day(2),
            end: Some(day(4)),
            precision: Precision::Day,
            place: place(),
        }];
        workshop.beneficiaries = vec![id(1)];
        workshop.partners = vec![id(2)];
        workshop.funding = vec![Funding::of(id(4), 5_000)];
        workshop.officers = vec![id(19)];
        workshop.objectives = vec![id(7)];
        workshop.predecessors = vec![Dependency {
            activity: id(10),
            lag_days: 3,
        }];
        Project {
            format_version: FORMAT_VERSION,
            next_id: 1,
            settings: Settings {
                level_names: defaults.level_names,
                activity_kinds: defaults.activity_kinds,
                codes_frozen: false,
                checks_off: vec!["holiday".into()],
                results: ResultThresholds::default(),
            },
            programme: Programme {
                title: "Programme".into(),
                code: "XSEE".into(),
                office: "Office".into(),
                start: day(1),
                end: day(31),
                description: "Description".into(),
                jurisdictions: vec![Jurisdiction {
                    id: id(1),
                    name: "Serbia".into(),
                    footnote: "Footnote".into(),
                    aliases: vec!["Alias".into()],
                }],
                partners: vec![organisation(2, "Partner", vec![])],
                donors: vec![
                    organisation(3, "Donor", vec![]),
                    organisation(4, "Trust fund", vec![id(3)]),
                ],
                reporting_org: "Reporter".into(),
                reporting_org_ref: "XM-DAC-1".into(),
                reporting_org_type: "40".into(),
                iati_prefix: "XM-DAC-1".into(),
                default_sector: "15210".into(),
            },
            staff: vec![StaffMember {
                id: id(19),
                name: "Officer".into(),
                aliases: vec!["Alias".into()],
                email: "officer@example.org".into(),
                role: "Role".into(),
            }],
            objectives: vec![
                objective(
                    5,
                    None,
                    0,
                    "Goal",
                    vec![Indicator {
                        id: id(6),
                        text: "Indicator".into(),
                        unit: "Unit".into(),
                        baseline: Some(measurement("none")),
                        target: Some(measurement("many")),
                        latest: Some(measurement("some")),
                        verification: "Reports".into(),
                        computed: Some(ComputedIndicator {
                            metric: Metric::ActivitiesDone,
                            kind: "Training".into(),
                            from: Some(day(1)),
                            to: Some(day(31)),
                        }),
                        periods: Vec::new(),
                    }],
                ),
                objective(7, Some(id(5)), 1, "Output", vec![]),
            ],
            activities: vec![workshop, activity(10, "Assessment")],
            committee: Committee {
                name: "Steering committee".into(),
                terms_of_reference: "Terms".into(),
                quorum: 1,
                members: vec![Member {
                    id: id(12),
                    name: "Chair".into(),
                    role: Role::Chair,
                    organisation: "Ministry".into(),
                    jurisdiction: Some(id(1)),
                    email: "chair@example.org".into(),
                }],
                meetings: vec![Meeting {
                    id: id(13),
                    number: 1,
                    date: day(20),
                    start_time: Some(NaiveTime::from_hms_opt(9, 30, 0).unwrap()),
                    time_zone: "Europe/Belgrade".into(),
                    planned_end: Some(NaiveTime::from_hms_opt(12, 0, 0).unwrap()),
                    place: place(),
                    status: MeetingStatus::Held,
                    attendance: vec![Attendance {
                        member: id(12),
                        presence: Presence::Represented,
                        represented_by: "Deputy".into(),
                    }],
                    guests: vec![crate::model::Guest {
                        name: "Guest".into(),
                        organisation: "Embassy".into(),
                    }],
                    agenda: vec![item(
                        14,
                        "Workplan",
                        vec![id(8)],
                        vec![],
                        vec![item(
                            17,
                            "Outputs",
                            vec![],
                            vec![id(7)],
                            vec![],
                            vec![],
                            vec![],
                        )],
                        vec![Decision {
                            id: id(15),
                            text: "Adopted".into(),
                        }],
                        vec![ActionPoint {
                            id: id(16),
                            number: 1,
                            text: "Report".into(),
                            owner: "Secretariat".into(),
                            owner_member: Some(id(12)),
                            due: Some(day(30)),
                            status: ActionStatus::Open,
                        }],
                    )],
                }],
            },
            holidays: vec![HolidaySet {
                id: id(11),
                country: "Serbia".into(),
                days: vec![Holiday {
                    date: day(8),
                    name: "Holiday".into(),
                }],
            }],
            accepted_checks: vec![AcceptedCheck {
                id: id(18),
                check: "clash".into(),
                activities: vec![id(8), id(10)],
                day: Some(day(3)),
                reason: "Reason".into(),
                accepted_on: Some(day(5)),
            }],
            // Not a link: a baseline's activity ids are records of the past, which may name
            // activities deleted since (see `model::Baseline`).
            baselines: Vec::new(),
        }
    }

    fn all_links(project: &Project) -> Vec<Link> {
        let mut links = Vec::new();
        for_each_link(project, &mut |link| links.push(link));
        links
    }

    #[test]
    fn every_kind_of_link_is_visited_once() {
        use EntityRef as E;
        let p = full_project();
        assert_eq!(crate::edit::integrity::check(&p), vec![]);
        let kinds: Vec<_> = all_links(&p)
            .iter()
            .map(|l| (l.from, l.field, l.to))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (E::Donor, "through", E::Donor),
                (E::Objective, "parent", E::Objective),
                (E::Activity, "beneficiaries", E::Jurisdiction),
                (E::Activity, "partners", E::Partner),
                (E::Activity, "funding", E::Donor),
                (E::Activity, "officers", E::Staff),
                (E::Activity, "objectives", E::Objective),
                (E::Activity, "predecessors", E::Activity),
                (E::Member, "jurisdiction", E::Jurisdiction),
                (E::Meeting, "attendance", E::Member),
                (E::AgendaItem, "activities", E::Activity),
                (E::AgendaItem, "presenter_member", E::Member),
                (E::ActionPoint, "owner_member", E::Member),
                (E::AgendaItem, "objectives", E::Objective),
                (E::AcceptedCheck, "activities", E::Activity),
                (E::AcceptedCheck, "activities", E::Activity),
            ]
        );
        // Each link names its owner and points at an entity of the kind it says.
        let entities: Vec<_> = p.all_ids().into_iter().map(|(i, k)| (k, i)).collect();
        for link in all_links(&p) {
            assert!(entities.contains(&(link.from, link.owner)), "{link:?}");
            assert!(entities.contains(&(link.to, link.target)), "{link:?}");
        }
    }

    /// Every id in the file is an entity's own id or a link the visitor knows: an id field
    /// added to the model without a link here makes this fail.
    #[test]
    fn every_id_in_the_file_is_an_entity_or_a_visited_link() {
        let p = full_project();
        let text = crate::io::to_ron(&p);
        let mut in_file = Vec::new();
        let mut chars = text.chars().peekable();
        let mut number = String::new();
        while let Some(c) = chars.next() {
            if c == '"' {
                // Skip the string, escapes included.
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            } else if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            if let Ok(n) = number.parse::<u64>()
                && n >= FIRST
            {
                in_file.push(n);
            }
            number.clear();
        }
        let mut known: Vec<u64> = p.all_ids().iter().map(|(i, _)| i.0).collect();
        known.extend(all_links(&p).iter().map(|l| l.target.0));
        in_file.sort_unstable();
        known.sort_unstable();
        assert_eq!(in_file, known);
    }

    #[test]
    fn the_parts_visit_what_the_whole_visits() {
        let p = full_project();
        let mut parts = Vec::new();
        for a in &p.activities {
            for_each_activity_link(a, &mut |l| parts.push(l));
        }
        for_each_committee_link(&p.committee, &mut |l| parts.push(l));
        let whole: Vec<_> = all_links(&p)
            .into_iter()
            .filter(|l| {
                !matches!(
                    l.from,
                    EntityRef::Donor | EntityRef::Objective | EntityRef::AcceptedCheck
                )
            })
            .collect();
        assert_eq!(parts, whole);
    }

    #[test]
    fn the_committee_entities_visit_what_the_committee_visits() {
        let p = full_project();
        let c = &p.committee;
        let mut members = Vec::new();
        for m in &c.members {
            for_each_member_link(m, &mut |l| members.push(l));
        }
        let mut meetings = members.clone();
        let mut pieces = members;
        for m in &c.meetings {
            for_each_meeting_link(m, &mut |l| meetings.push(l));
            for_each_attendance_link(m.id, &m.attendance, &mut |l| pieces.push(l));
            for item in &m.agenda {
                for_each_agenda_item_link(item, &mut |l| pieces.push(l));
            }
        }
        let mut whole = Vec::new();
        for_each_committee_link(c, &mut |l| whole.push(l));
        assert_eq!(meetings, whole);
        assert_eq!(pieces, whole);
        assert!(
            whole.iter().any(|l| l.field == "objectives"),
            "sub-items are visited"
        );
    }

    #[test]
    fn links_can_be_rewritten_and_dropped() {
        let mut p = full_project();
        let before = all_links(&p);
        retain_links(&mut p, &mut |link, target| {
            if link.target == id(7) {
                *target = id(5);
            }
            link.to != EntityRef::Jurisdiction
        });
        let after = all_links(&p);
        assert_eq!(
            after.len(),
            before.len() - 2,
            "both jurisdiction links dropped"
        );
        assert!(after.iter().all(|l| l.target != id(7)));
        assert_eq!(p.committee.members[0].jurisdiction, None);
        assert_eq!(p.activities[0].objectives, vec![id(5)]);
        assert!(p.activities[0].beneficiaries.is_empty());
    }

    #[test]
    fn messages_name_the_entity_and_what_points_at_it() {
        let p = full_project();
        let links = links_to(&p, id(7));
        assert_eq!(links.len(), 2);
        assert_eq!(
            still_linked_message(&p, EntityRef::Objective, id(7), &links[..1]),
            "Objective 1000007 “Output” is still linked from activity 1000008 “Regional \
             workshop” (objectives)"
        );
        assert_eq!(
            still_linked_message(&p, EntityRef::Objective, id(7), &links),
            "Objective 1000007 “Output” is still linked from activity 1000008 “Regional \
             workshop” (objectives) and 1 more place"
        );
        assert_eq!(
            label(&p, EntityRef::Meeting, id(13)),
            "meeting 1000013 “No. 1 of 2010-03-20”"
        );
        assert_eq!(label(&p, EntityRef::Activity, Id(3)), "activity 3");
    }

    #[test]
    fn removals_name_what_still_links() {
        use crate::edit::commands::Command;
        let mut p = full_project();
        let mut programme = p.programme.clone();
        programme.jurisdictions.clear();
        let error = Command::SetProgramme(Box::new(programme))
            .apply(&mut p)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "Jurisdiction 1000001 “Serbia” is still linked from activity 1000008 “Regional \
             workshop” (beneficiaries) and 1 more place; it cannot be removed while 2 link(s) \
             in the project point to it."
        );
        let error = Command::RemoveActivities(vec![id(10)])
            .apply(&mut p)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "Activity 1000010 “Assessment” is still linked from activity 1000008 “Regional \
             workshop” (predecessors) and 1 more place."
        );
        let error = Command::RemoveActivities(vec![id(8)])
            .apply(&mut p)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "Activity 1000008 “Regional workshop” is still linked from agenda item 1000014 \
             “Workplan” (activities) and 1 more place."
        );
        assert!(
            Command::RemoveActivities(vec![id(8), id(10)])
                .apply(&mut p)
                .is_err(),
            "the agenda still links to the workshop"
        );
        let before = p.clone();
        let inverse = crate::edit::commands::delete_activities(&p, &[id(10)])
            .apply(&mut p)
            .unwrap();
        assert_eq!(p.activities.len(), 1);
        assert!(p.activities[0].predecessors.is_empty());
        assert!(
            p.accepted_checks.is_empty(),
            "its accepted check went with it"
        );
        assert_eq!(crate::edit::integrity::check(&p), vec![]);
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);
        let inverse = crate::edit::commands::delete_activities(&p, &[id(8)])
            .apply(&mut p)
            .unwrap();
        assert!(p.committee.meetings[0].agenda[0].activities.is_empty());
        assert_eq!(crate::edit::integrity::check(&p), vec![]);
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);
        let inverse = crate::edit::commands::delete_objective(&p, id(5))
            .unwrap()
            .apply(&mut p)
            .unwrap();
        assert!(p.objectives.is_empty());
        assert_eq!(crate::edit::integrity::check(&p), vec![]);
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);
    }
}
