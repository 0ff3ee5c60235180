//! The members of a portfolio seen as one plan, for the views that show a project: one
//! read-only [`Project`] holding every member's objectives and activities under fresh ids,
//! with the way back from each combined id to its member and its id there.
//!
//! Ids are offset per member (member `m`'s id `i` becomes `base[m] + i`, the bases one past
//! the previous member's `next_id`), so the way back is a binary search and no table of
//! 50,000 entries is built. Jurisdictions, partners and donors are merged by folded name
//! ([`super::names::fold`]): the same country in two programmes is one row of the calendar's
//! jurisdiction colours and one entry of the filter.

use std::collections::HashMap;

use crate::edit::links::retain_links;
use crate::model::{EntityRef, Id, Jurisdiction, Organisation, Project};

/// The combined plan and where each of its ids came from.
#[derive(Clone, Debug)]
pub struct Combined {
    pub project: Project,
    /// Per member (in the portfolio's order), the first combined id of its range, or `None`
    /// for a member left out.
    bases: Vec<Option<u64>>,
    /// The member of each combined activity, by activity id, for the Programme column.
    programme: HashMap<Id, usize>,
}

impl Combined {
    /// The member and the id in its file of a combined objective, activity or session.
    pub fn origin(&self, id: Id) -> Option<(usize, Id)> {
        // The member whose range holds `id`: the last base at or below it.
        let (member, base) = self
            .bases
            .iter()
            .enumerate()
            .filter_map(|(m, b)| b.map(|b| (m, b)))
            .take_while(|&(_, b)| b <= id.0)
            .last()?;
        Some((member, Id(id.0 - base)))
    }

    /// The combined id of a member's activity (the way in, for a finding or a selection).
    pub fn combined_id(&self, member: usize, id: Id) -> Option<Id> {
        let base = (*self.bases.get(member)?)?;
        let combined = Id(base + id.0);
        self.programme.contains_key(&combined).then_some(combined)
    }

    /// The member index of a combined activity.
    pub fn programme_of(&self, activity: Id) -> Option<usize> {
        self.programme.get(&activity).copied()
    }
}

/// Combines the members into one plan: `members` in the portfolio's order, `None` for one
/// whose file could not be read (left out, its place in the indices kept). The combined
/// programme's period spans the members'; its title names the portfolio.
pub fn combine(title: &str, members: &[Option<&Project>]) -> Combined {
    let readable: Vec<&Project> = members.iter().flatten().copied().collect();
    let today = readable
        .first()
        .map(|p| p.programme.start)
        .unwrap_or_default();
    let mut combined = Combined {
        project: Project::new(today),
        bases: Vec::with_capacity(members.len()),
        programme: HashMap::new(),
    };
    combined.project.programme.title = title.to_string();
    let Some(first) = readable.first() else {
        combined.bases = vec![None; members.len()];
        return combined;
    };
    let mut out = std::mem::replace(&mut combined.project, Project::new(today));
    out.programme.title = title.to_string();
    out.programme.start = readable.iter().map(|p| p.programme.start).min().unwrap();
    out.programme.end = readable.iter().map(|p| p.programme.end).max().unwrap();
    out.settings = first.settings.clone();
    out.activities
        .reserve(readable.iter().map(|p| p.activities.len()).sum());

    // Shared entities by folded name, across members.
    let mut jurisdictions: HashMap<String, Id> = HashMap::new();
    let mut partners: HashMap<String, Id> = HashMap::new();
    let mut donors: HashMap<String, Id> = HashMap::new();
    let mut staff: HashMap<String, Id> = HashMap::new();
    let mut next = 1u64;
    for (index, member) in members.iter().enumerate() {
        let Some(project) = *member else {
            combined.bases.push(None);
            continue;
        };
        let base = next;
        combined.bases.push(Some(base));
        next = base + project.next_id.max(1);
        let mut part = project.clone();
        // Each shared entity either joins one already seen under its name or comes in with
        // its offset id.
        let mut shared: HashMap<(EntityRef, Id), Id> = HashMap::new();
        let mut join = |kind, map: &mut HashMap<String, Id>, id: Id, name: &str| {
            let fresh = Id(base + id.0);
            let merged = *map.entry(super::names::fold(name)).or_insert(fresh);
            shared.insert((kind, id), merged);
            merged == fresh
        };
        let js: Vec<Jurisdiction> = std::mem::take(&mut part.programme.jurisdictions)
            .into_iter()
            .filter(|j| join(EntityRef::Jurisdiction, &mut jurisdictions, j.id, &j.name))
            .collect();
        let ps: Vec<Organisation> = std::mem::take(&mut part.programme.partners)
            .into_iter()
            .filter(|o| join(EntityRef::Partner, &mut partners, o.id, &o.name))
            .collect();
        let ds: Vec<Organisation> = std::mem::take(&mut part.programme.donors)
            .into_iter()
            .filter(|o| join(EntityRef::Donor, &mut donors, o.id, &o.name))
            .collect();
        // The same person in two programmes' staff lists is one row of the combined workload.
        let people: Vec<crate::model::StaffMember> = std::mem::take(&mut part.staff)
            .into_iter()
            .filter(|m| join(EntityRef::Staff, &mut staff, m.id, &m.name))
            .collect();
        // The combined view is the plan; the committee, holidays, accepted checks and
        // baselines stay each member's own.
        part.committee = Default::default();
        part.accepted_checks.clear();
        part.baselines.clear();
        part.holidays.clear();
        retain_links(&mut part, &mut |link, id| {
            *id = shared
                .get(&(link.to, *id))
                .copied()
                .unwrap_or(Id(base + id.0));
            true
        });
        let offset = |id: &mut Id| id.0 += base;
        for mut j in js {
            offset(&mut j.id);
            out.programme.jurisdictions.push(j);
        }
        for mut o in ps {
            offset(&mut o.id);
            out.programme.partners.push(o);
        }
        for mut o in ds {
            offset(&mut o.id);
            out.programme.donors.push(o);
        }
        for mut member in people {
            offset(&mut member.id);
            out.staff.push(member);
        }
        for mut objective in part.objectives {
            offset(&mut objective.id);
            for indicator in &mut objective.indicators {
                offset(&mut indicator.id);
            }
            out.objectives.push(objective);
        }
        for mut activity in part.activities {
            offset(&mut activity.id);
            for session in &mut activity.sessions {
                offset(&mut session.id);
            }
            combined.programme.insert(activity.id, index);
            out.activities.push(activity);
        }
    }
    out.next_id = next;
    combined.project = out;
    combined
}

/// The clashing pairs of a combination of `members` (as given to [`combine`]), for the
/// combined calendar: within a member by its own checks' rule (where its settings keep the
/// clash check on), across members by `portfolio_checks::clash_pairs`, the rule of the checks
/// across files, so the calendar marks what the checks list. The session finds them on a
/// worker after the combination: in a crowded portfolio they take longer than it.
pub fn clashes(combined: &Combined, members: &[Option<&Project>]) -> super::calendar::Clashes {
    use crate::plan::checks;
    let within = members.iter().enumerate().flat_map(|(m, project)| {
        project
            .filter(|p| checks::CheckKind::Clash.is_on(&p.settings))
            .map(checks::clash_pairs)
            .unwrap_or_default()
            .into_iter()
            .map(move |pair| (m, pair))
    });
    let within: Vec<(Id, Id)> = within
        .filter_map(|(m, (a, b))| Some((combined.combined_id(m, a)?, combined.combined_id(m, b)?)))
        .collect();
    // The readable members, and their places in the portfolio.
    let (places, readable): (Vec<usize>, Vec<&Project>) = members
        .iter()
        .enumerate()
        .filter_map(|(m, p)| Some((m, (*p)?)))
        .unzip();
    let across = super::portfolio_checks::clash_pairs(&readable)
        .into_iter()
        .filter_map(|((m, a), (n, b))| {
            Some((
                combined.combined_id(places[m], a)?,
                combined.combined_id(places[n], b)?,
            ))
        });
    super::calendar::Clashes::new(within.into_iter().chain(across))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::integrity;

    fn two() -> (Project, Project) {
        let a = crate::testing::sample();
        let mut b = crate::plan::generate::project(30, 5, 0, 7);
        // A jurisdiction both programmes know, spelt differently.
        let name = a.programme.jurisdictions[0].name.to_uppercase();
        b.programme.jurisdictions[0].name = name;
        // And a person on both staff lists, officer in both.
        let id = b.allocate_id();
        let person = a.staff[0].name.to_lowercase();
        b.staff.push(crate::model::StaffMember::new(id, person));
        b.activities[0].officers.push(id);
        (a, b)
    }

    #[test]
    fn the_clashes_come_with_the_combination_by_the_rules_of_the_checks() {
        // The sample twice: every activity of the one clashes with its twin in the other.
        let a = crate::testing::sample();
        let b = a.clone();
        let c = combine("Office", &[Some(&a), Some(&b)]);
        let found = clashes(&c, &[Some(&a), Some(&b)]);
        let pairs: Vec<(Id, Id)> = found.pairs().collect();
        // Within a member, what its own checks find.
        let own = crate::plan::checks::clash_pairs(&a);
        let within: Vec<(Id, Id)> = pairs
            .iter()
            .copied()
            .filter(|&(x, y)| c.programme_of(x) == Some(0) && c.programme_of(y) == Some(0))
            .map(|(x, y)| (c.origin(x).unwrap().1, c.origin(y).unwrap().1))
            .collect();
        assert_eq!(within, own);
        // Across members, what the checks across files list as clashes.
        let members = [
            crate::plan::portfolio_checks::Member {
                path: "a.ron",
                name: "A",
                project: &a,
            },
            crate::plan::portfolio_checks::Member {
                path: "b.ron",
                name: "B",
                project: &b,
            },
        ];
        let mut listed: Vec<(Id, Id)> = crate::plan::portfolio_checks::run(&members, &[])
            .iter(&members)
            .filter(|f| f.kind == crate::plan::portfolio_checks::CrossKind::Clash)
            .map(|f| {
                let x = c.combined_id(f.first_member, f.first.activity).unwrap();
                let y = c.combined_id(f.second_member, f.second.activity).unwrap();
                (x.min(y), x.max(y))
            })
            .collect();
        listed.sort_unstable();
        listed.dedup();
        let across: Vec<(Id, Id)> = pairs
            .iter()
            .copied()
            .filter(|&(x, y)| c.programme_of(x) != c.programme_of(y))
            .collect();
        assert!(!across.is_empty());
        assert_eq!(across, listed);
        let twin = a.activities.iter().find(|x| {
            let (x0, x1) = (
                c.combined_id(0, x.id).unwrap(),
                c.combined_id(1, x.id).unwrap(),
            );
            found.with(x0).any(|y| y == x1)
        });
        assert!(twin.is_some(), "an activity clashes with its twin");
    }

    #[test]
    fn ids_are_distinct_and_lead_back_to_their_member() {
        let (a, b) = two();
        let members = [Some(&a), Some(&b)];
        let c = combine("Office", &members);
        assert_eq!(
            c.project.activities.len(),
            a.activities.len() + b.activities.len()
        );
        let mut ids: Vec<Id> = c.project.activities.iter().map(|x| x.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), c.project.activities.len());
        assert_eq!(
            c.project.staff.len(),
            a.staff.len() + b.staff.len() - 1,
            "one person on both lists, one member"
        );
        let shared = c.project.staff[0].id;
        let officer_of = |title: &str| {
            let x = c
                .project
                .activities
                .iter()
                .find(|x| x.title == title)
                .unwrap();
            x.officers.clone()
        };
        assert!(officer_of(&b.activities[0].title).contains(&shared));
        for (member, project) in [(0, &a), (1, &b)] {
            for activity in &project.activities {
                let id = c.combined_id(member, activity.id).expect("combined");
                assert_eq!(c.origin(id), Some((member, activity.id)));
                assert_eq!(c.programme_of(id), Some(member));
                let shown = c.project.activities.iter().find(|x| x.id == id).unwrap();
                assert_eq!(shown.title, activity.title);
            }
        }
        // One entry for the jurisdiction both name; every link resolves.
        let names: std::collections::HashSet<String> = a
            .programme
            .jurisdictions
            .iter()
            .chain(&b.programme.jurisdictions)
            .map(|j| crate::plan::names::fold(&j.name))
            .collect();
        assert_eq!(c.project.programme.jurisdictions.len(), names.len());
        assert!(names.len() < a.programme.jurisdictions.len() + b.programme.jurisdictions.len());
        let problems = integrity::check(&c.project);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_broken_member_is_left_out_and_the_rest_keep_their_places() {
        let (a, b) = two();
        let members = [None, Some(&b)];
        let c = combine("Office", &members);
        assert_eq!(c.project.activities.len(), b.activities.len());
        let first = b.activities[0].id;
        let id = c.combined_id(1, first).unwrap();
        assert_eq!(c.origin(id), Some((1, first)));
        assert_eq!(c.combined_id(0, a.activities[0].id), None);
        let nothing = combine("Office", &[None]);
        assert!(nothing.project.activities.is_empty());
    }
}
