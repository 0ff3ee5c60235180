//! Format 2's project, frozen: what format 3 changed is the responsible officer, free text on
//! each activity in format 2 (`officer: "A. Babić, M. Hoxha"`), a list of staff ids in
//! format 3 (`officers: [12, 13]`, with `Project::staff`). Only `Project` and `Activity`
//! changed, so only they are copied here; the other types are today's, re-exported. A later
//! format change to any of those must freeze them here too, as they were in format 2.

use serde::Deserialize;

pub use crate::model::{
    AcceptedCheck, Baseline, Committee, Dependency, Funding, HolidaySet, Id, Money, Objective,
    Participants, Programme, Session, Settings, Status,
};

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub format_version: u32,
    pub next_id: u64,
    #[serde(default)]
    pub settings: Settings,
    pub programme: Programme,
    #[serde(default)]
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub activities: Vec<Activity>,
    #[serde(default)]
    pub committee: Committee,
    #[serde(default)]
    pub holidays: Vec<HolidaySet>,
    #[serde(default)]
    pub accepted_checks: Vec<AcceptedCheck>,
    #[serde(default)]
    pub baselines: Vec<Baseline>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub id: Id,
    pub title: String,
    pub kind: String,
    pub status: Status,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sessions: Vec<Session>,
    #[serde(default)]
    pub beneficiaries: Vec<Id>,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub partners: Vec<Id>,
    #[serde(default)]
    pub budget: Option<Money>,
    #[serde(default)]
    pub funding: Vec<Funding>,
    #[serde(default)]
    pub participants: Participants,
    /// The responsible officer(s), as typed.
    #[serde(default)]
    pub officer: String,
    #[serde(default)]
    pub sdg_targets: Vec<String>,
    #[serde(default)]
    pub objectives: Vec<Id>,
    #[serde(default)]
    pub predecessors: Vec<Dependency>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub milestone: bool,
}

/// Format 2 to 3: each activity's officer text becomes staff. Names are split on commas,
/// semicolons and slashes and resolved as imports resolve them (`plan::staff::StaffFinder`):
/// "Babić" and "babic" are one member, named as first met, the other spellings its aliases;
/// empty text names no one. New members take ids from the project's counter, in the order
/// the activities name them.
pub fn to_current(old: Project) -> crate::model::Project {
    let mut next_id = old.next_id;
    let mut staff = Vec::new();
    let mut finder = crate::plan::staff::StaffFinder::new(&[]);
    let activities = old
        .activities
        .into_iter()
        .map(|a| crate::model::Activity {
            officers: finder.resolve_text(&a.officer, &mut staff, &mut next_id),
            id: a.id,
            title: a.title,
            kind: a.kind,
            status: a.status,
            description: a.description,
            sessions: a.sessions,
            beneficiaries: a.beneficiaries,
            unit: a.unit,
            partners: a.partners,
            budget: a.budget,
            funding: a.funding,
            participants: a.participants,
            sdg_targets: a.sdg_targets,
            objectives: a.objectives,
            predecessors: a.predecessors,
            notes: a.notes,
            milestone: a.milestone,
        })
        .collect();
    crate::model::Project {
        format_version: crate::model::FORMAT_VERSION,
        next_id,
        settings: old.settings,
        programme: old.programme,
        staff,
        objectives: old.objectives,
        activities,
        committee: old.committee,
        holidays: old.holidays,
        accepted_checks: old.accepted_checks,
        baselines: old.baselines,
    }
}
