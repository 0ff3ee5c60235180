//! Whole-project consistency: what a file must satisfy beyond its syntax.
//!
//! A file that parses may still contradict itself (two entities with one id, a link to
//! something that is not there, a period that ends before it starts). Such a file is
//! refused on load rather than opened half-broken.

use std::collections::{HashMap, HashSet};

use crate::model::{Id, Project};

/// One thing wrong with a project, tied to the entity where it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The entity whose record holds the mistake, to point at its place in the file.
    pub entity: Option<Id>,
    /// For a problem outside any entity: the field to point at, e.g. `"end:"`.
    pub field: Option<&'static str>,
    pub message: String,
}

impl Problem {
    fn at(entity: Id, message: String) -> Self {
        Problem {
            entity: Some(entity),
            field: None,
            message,
        }
    }
}

/// At most this many problems are listed, then one more says how many were left out: a file
/// with millions of broken links must get a short answer quickly, not exhaust memory.
pub const MAX_LISTED: usize = 100;

/// A list of problems that keeps the first [`MAX_LISTED`] and counts the rest.
#[derive(Default)]
struct Capped {
    listed: Vec<Problem>,
    first_left_out: Option<Problem>,
    left_out: usize,
}

impl Capped {
    fn push(&mut self, problem: Problem) {
        self.push_with(|| problem);
    }

    /// Makes the problem only if it is listed or the first left out: past that, counting is
    /// all there is to do, and millions of messages would take seconds to write.
    fn push_with(&mut self, problem: impl FnOnce() -> Problem) {
        if self.listed.len() < MAX_LISTED {
            self.listed.push(problem());
        } else {
            self.left_out += 1;
            if self.first_left_out.is_none() {
                self.first_left_out = Some(problem());
            }
        }
    }

    fn extend(&mut self, problems: impl IntoIterator<Item = Problem>) {
        problems.into_iter().for_each(|p| self.push(p));
    }

    fn absorb(&mut self, other: Capped) {
        self.extend(other.listed);
        if let Some(first) = other.first_left_out {
            self.push(first);
            self.left_out += other.left_out - 1;
        }
    }

    /// The listed problems and, if some were left out, a last one at the first of those.
    fn finish(self) -> Vec<Problem> {
        let mut problems = self.listed;
        if let Some(first) = self.first_left_out {
            problems.push(Problem {
                message: format!(
                    "and {} more problems from here on (only the first {MAX_LISTED} are listed)",
                    self.left_out
                ),
                ..first
            });
        }
        problems
    }
}

/// Every integrity problem in `project`, in file order (at most [`MAX_LISTED`] of them and a
/// count of the rest). Empty when the project is sound.
pub fn check(project: &Project) -> Vec<Problem> {
    let mut problems = Capped::default();
    let mut seen: HashMap<Id, crate::model::EntityRef> = HashMap::new();
    let all_ids = project.all_ids();
    for &(id, kind) in &all_ids {
        if let Some(first) = seen.get(&id) {
            problems.push_with(|| Problem::at(
                id,
                format!(
                    "id {id} is used twice (by a {} and by a {}); every entity needs its own id",
                    first.noun(),
                    kind.noun()
                ),
            ));
        } else {
            seen.insert(id, kind);
        }
    }

    let p = &project.programme;
    if p.end < p.start {
        problems.push(Problem {
            entity: None,
            field: Some("end:"),
            message: format!(
                "the programme ends ({}) before it starts ({})",
                p.end, p.start
            ),
        });
    }

    let levels = project.settings.level_names.len();
    for o in &project.objectives {
        if usize::from(o.level) >= levels {
            problems.push(Problem::at(
                o.id,
                format!(
                    "objective {} has level {}, but only levels 0 to {} are named in the settings",
                    o.id,
                    o.level,
                    levels.saturating_sub(1)
                ),
            ));
        }
    }

    // Every link must point at an entity of the kind the link names.
    let entities: HashSet<(crate::model::EntityRef, Id)> =
        all_ids.iter().map(|&(id, kind)| (kind, id)).collect();
    let mut missing_links = Capped::default();
    crate::edit::links::for_each_link(project, &mut |link| {
        if !entities.contains(&(link.to, link.target)) {
            missing_links.push_with(|| {
                Problem::at(
                    link.owner,
                    format!(
                        "{} {} refers to {} {}, which does not exist",
                        link.from.noun(),
                        link.owner,
                        link.target_noun(),
                        link.target
                    ),
                )
            });
        }
    });

    problems.absorb(missing_links);
    let sdg_owners = project
        .objectives
        .iter()
        .map(|o| (o.id, "objective", &o.sdg_targets))
        .chain(
            project
                .activities
                .iter()
                .map(|a| (a.id, "activity", &a.sdg_targets)),
        );
    for (id, noun, targets) in sdg_owners {
        for target in targets
            .iter()
            .filter(|t| !crate::model::sdg::is_valid_target(t))
        {
            problems.push(Problem::at(
                id,
                format!("{noun} {id} names SDG target \"{target}\", which does not exist (targets look like \"16.4\" or \"16.a\")"),
            ));
        }
    }
    problems.extend(objective_cycles(project));
    for a in &project.activities {
        if a.predecessors.iter().any(|d| d.activity == a.id) {
            problems.push(Problem::at(
                a.id,
                format!("activity {} is listed as its own predecessor", a.id),
            ));
        }
        for s in &a.sessions {
            if let Some(end) = s.end
                && end < s.start
            {
                problems.push(Problem::at(
                    s.id,
                    format!(
                        "a session of activity {} (\"{}\") ends ({end}) before it starts ({})",
                        a.id, a.title, s.start
                    ),
                ));
            }
        }
    }
    problems.finish()
}

/// Objectives whose parent chain loops back on itself. Each chain is walked once, so a long
/// chain (a deep tree) costs linear time, not quadratic.
fn objective_cycles(project: &Project) -> Vec<Problem> {
    let parent: HashMap<Id, Option<Id>> = project
        .objectives
        .iter()
        .map(|o| (o.id, o.parent))
        .collect();
    // Ids on the walk under way, and ids whose walk has ended (on a loop or not).
    let mut on_walk: HashSet<Id> = HashSet::new();
    let mut finished: HashSet<Id> = HashSet::new();
    let mut on_loop: HashSet<Id> = HashSet::new();
    for o in &project.objectives {
        let mut path = Vec::new();
        let mut current = Some(o.id);
        while let Some(id) = current {
            if on_walk.contains(&id) {
                // Back at a node of this walk: the nodes from it onwards form the loop.
                let start = path.iter().position(|&p| p == id).unwrap_or(0);
                on_loop.extend(&path[start..]);
                break;
            }
            if finished.contains(&id) || !parent.contains_key(&id) {
                break; // known already, or a missing parent (reported as such)
            }
            on_walk.insert(id);
            path.push(id);
            current = parent[&id];
        }
        for id in path {
            on_walk.remove(&id);
            finished.insert(id);
        }
    }
    project
        .objectives
        .iter()
        .filter(|o| on_loop.contains(&o.id))
        .map(|o| {
            Problem::at(
                o.id,
                format!(
                    "objective {} is its own ancestor: its parents form a loop",
                    o.id
                ),
            )
        })
        .collect()
}

/// Brings a loaded project into canonical form: objectives in outline order (each parent
/// before its children, siblings in their given order) and `next_id` above every id in use.
/// Call only on a project that passed [`check`].
pub fn normalize(project: &mut Project) {
    let max_id = project
        .all_ids()
        .iter()
        .map(|(id, _)| id.0)
        .max()
        .unwrap_or(0);
    project.next_id = project.next_id.max(max_id + 1);
    crate::plan::tree::sort_outline(&mut project.objectives);
}

/// How many links in the project point at `id` (a jurisdiction, partner or donor, ...), so
/// that removing it would leave links pointing at nothing. See
/// [`crate::edit::links::links_to`] for which they are.
pub fn reference_count(project: &Project, id: Id) -> usize {
    let mut count = 0;
    crate::edit::links::for_each_link(project, &mut |link| {
        count += usize::from(link.target == id);
    });
    count
}
