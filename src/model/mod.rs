//! The project as plain data: what a `.ron` file holds, and nothing else.
//!
//! No egui, no file access, no clock. Every entity carries a stable [`Id`] drawn from one
//! counter per project (`next_id`), so ids are unique across entity kinds and never reused.

mod activity;
mod baseline;
mod committee;
mod objective;
pub mod portfolio;
mod programme;
pub mod sdg;
mod staff;

pub use activity::*;
pub use baseline::*;
pub use committee::*;
pub use objective::*;
pub use programme::*;
pub use staff::*;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The file format version this build writes. Older files are migrated on load
/// (see `io::migrate`); newer ones are refused. Format 2 lets a funding line leave out its
/// amount (`Funding::amount`); format 3 keeps the programme's staff (`Project::staff`), whom
/// activities name by id (`Activity::officers`) instead of as free text.
pub const FORMAT_VERSION: u32 = 3;

/// A stable identifier, unique within one project file across all entity kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub u64);

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

pub(crate) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub format_version: u32,
    /// The next id to hand out. Kept in the file so that an id freed by a delete is never
    /// handed out again, even after saving and reopening.
    pub next_id: u64,
    #[serde(default, skip_serializing_if = "is_default")]
    pub settings: Settings,
    pub programme: Programme,
    /// The programme's staff, whom activities name as their responsible officers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staff: Vec<StaffMember>,
    /// The objective tree as a flat list in outline (pre-)order; each node names its parent.
    /// Flat, so that a deep tree never becomes deep nesting in the file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Objective>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<Activity>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub committee: Committee,
    /// Public holidays per country or jurisdiction, for the workplan checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<HolidaySet>,
    /// Findings of the workplan checks that planners accepted as known exceptions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted_checks: Vec<AcceptedCheck>,
    /// Saved states of the plan to compare today's with, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub baselines: Vec<Baseline>,
}

/// A finding of the workplan checks accepted as a known exception, with why. It names the
/// finding by the check and what it concerns; once that finding is gone it matches nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptedCheck {
    pub id: Id,
    /// The check, by its stable code (e.g. "clash").
    pub check: String,
    /// The activity at fault, then the other one for a clash or a late predecessor.
    pub activities: Vec<Id>,
    /// The day concerned, for a check that can fire on several days (a public holiday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<NaiveDate>,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_on: Option<NaiveDate>,
}

/// The public holidays of one country or jurisdiction (the region's keep different ones,
/// Orthodox and Catholic Easter among them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidaySet {
    pub id: Id,
    /// As sessions name it in `Place::country`, e.g. "Serbia".
    pub country: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<Holiday>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
}

impl Project {
    /// An empty project whose programme period is the calendar year of `today`.
    pub fn new(today: NaiveDate) -> Self {
        use chrono::Datelike;
        let year = today.year();
        Project {
            format_version: FORMAT_VERSION,
            next_id: 1,
            settings: Settings::default(),
            programme: Programme {
                title: String::new(),
                code: String::new(),
                office: String::new(),
                start: NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists"),
                end: NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists"),
                description: String::new(),
                jurisdictions: Vec::new(),
                partners: Vec::new(),
                donors: Vec::new(),
                reporting_org: String::new(),
                reporting_org_ref: String::new(),
                reporting_org_type: String::new(),
                iati_prefix: String::new(),
                default_sector: String::new(),
            },
            staff: Vec::new(),
            objectives: Vec::new(),
            activities: Vec::new(),
            committee: Committee::default(),
            holidays: Vec::new(),
            accepted_checks: Vec::new(),
            baselines: Vec::new(),
        }
    }

    /// Hands out a fresh id.
    pub fn allocate_id(&mut self) -> Id {
        let id = Id(self.next_id);
        self.next_id += 1;
        id
    }

    /// Every id in the project with a short description of what carries it, in file order.
    pub fn all_ids(&self) -> Vec<(Id, EntityRef)> {
        let mut ids = Vec::new();
        let p = &self.programme;
        ids.extend(
            p.jurisdictions
                .iter()
                .map(|j| (j.id, EntityRef::Jurisdiction)),
        );
        ids.extend(p.partners.iter().map(|o| (o.id, EntityRef::Partner)));
        ids.extend(p.donors.iter().map(|o| (o.id, EntityRef::Donor)));
        ids.extend(self.staff.iter().map(|s| (s.id, EntityRef::Staff)));
        for o in &self.objectives {
            ids.push((o.id, EntityRef::Objective));
            ids.extend(o.indicators.iter().map(|i| (i.id, EntityRef::Indicator)));
        }
        for a in &self.activities {
            ids.push((a.id, EntityRef::Activity));
            ids.extend(a.sessions.iter().map(|s| (s.id, EntityRef::Session)));
        }
        ids.extend(self.holidays.iter().map(|h| (h.id, EntityRef::HolidaySet)));
        let c = &self.committee;
        ids.extend(c.members.iter().map(|m| (m.id, EntityRef::Member)));
        for m in &c.meetings {
            ids.push((m.id, EntityRef::Meeting));
            m.for_each_item(&mut |item| {
                ids.push((item.id, EntityRef::AgendaItem));
                ids.extend(item.decisions.iter().map(|d| (d.id, EntityRef::Decision)));
                ids.extend(item.actions.iter().map(|a| (a.id, EntityRef::ActionPoint)));
            });
        }
        ids.extend(
            self.accepted_checks
                .iter()
                .map(|c| (c.id, EntityRef::AcceptedCheck)),
        );
        ids.extend(self.baselines.iter().map(|b| (b.id, EntityRef::Baseline)));
        ids
    }

    pub fn jurisdiction(&self, id: Id) -> Option<&Jurisdiction> {
        self.programme.jurisdictions.iter().find(|j| j.id == id)
    }

    pub fn objective(&self, id: Id) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.id == id)
    }

    pub fn activity(&self, id: Id) -> Option<&Activity> {
        self.activities.iter().find(|a| a.id == id)
    }

    pub fn staff_member(&self, id: Id) -> Option<&StaffMember> {
        self.staff.iter().find(|s| s.id == id)
    }

    pub fn baseline(&self, id: Id) -> Option<&Baseline> {
        self.baselines.iter().find(|b| b.id == id)
    }
}

/// What kind of entity an id belongs to, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityRef {
    Jurisdiction,
    Partner,
    Donor,
    Objective,
    Indicator,
    Activity,
    Session,
    Member,
    Meeting,
    AgendaItem,
    Decision,
    ActionPoint,
    HolidaySet,
    AcceptedCheck,
    Baseline,
    Staff,
    /// The programme's own fields (title, period, ...), which have no id.
    Programme,
    /// The project's vocabularies.
    Settings,
    /// The committee's own fields (name, quorum, terms of reference).
    Committee,
}

impl EntityRef {
    pub fn noun(self) -> &'static str {
        match self {
            EntityRef::Jurisdiction => "jurisdiction",
            EntityRef::Partner => "partner",
            EntityRef::Donor => "donor",
            EntityRef::Objective => "objective",
            EntityRef::Indicator => "indicator",
            EntityRef::Activity => "activity",
            EntityRef::Session => "session",
            EntityRef::Member => "committee member",
            EntityRef::Meeting => "meeting",
            EntityRef::AgendaItem => "agenda item",
            EntityRef::Decision => "decision",
            EntityRef::ActionPoint => "action point",
            EntityRef::HolidaySet => "holiday set",
            EntityRef::AcceptedCheck => "accepted check",
            EntityRef::Baseline => "baseline",
            EntityRef::Staff => "staff member",
            EntityRef::Programme => "programme",
            EntityRef::Settings => "settings",
            EntityRef::Committee => "committee",
        }
    }
}

/// Per-project vocabularies that planners may rename or extend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Names of the objective-tree levels, from the top. An objective's `level` indexes this.
    pub level_names: Vec<String>,
    /// The kinds an activity can be.
    pub activity_kinds: Vec<String>,
    /// Outline codes stay as approved: each objective keeps its stored code through moves,
    /// new ones take the next free code, and only an explicit renumber rewrites them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub codes_frozen: bool,
    /// The checks the programme does not run, by their stable code (`plan::checks`). Kept as
    /// the ones turned off, so every check is on by default and a check added later starts on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks_off: Vec<String>,
    /// Where progress against a target turns from on track to at risk to off track.
    #[serde(default, skip_serializing_if = "ResultThresholds::is_default")]
    pub results: ResultThresholds,
}

/// Percent of the target reached at or above which an indicator is on track, and at or above
/// which it is at risk (below, off track).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultThresholds {
    pub on_track: f64,
    pub at_risk: f64,
}

impl Default for ResultThresholds {
    fn default() -> Self {
        ResultThresholds {
            on_track: 90.0,
            at_risk: 60.0,
        }
    }
}

impl ResultThresholds {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

impl Default for Settings {
    fn default() -> Self {
        let owned = |names: &[&str]| names.iter().map(|s| s.to_string()).collect();
        Settings {
            level_names: owned(&[
                "Goal",
                "Overall objective",
                "Pillar",
                "Area of work",
                "Output",
            ]),
            activity_kinds: owned(&[
                "Regional expert meeting",
                "Training",
                "Train-the-trainer course",
                "Assessment mission",
                "Mentoring visit",
                "Conference",
                "Working meeting",
                "Study visit",
                "Side event",
                "Other",
            ]),
            codes_frozen: false,
            checks_off: Vec::new(),
            results: ResultThresholds::default(),
        }
    }
}

/// Where something takes place.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    #[serde(default, skip_serializing_if = "is_default")]
    pub mode: PlaceMode,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub city: String,
    /// The country or jurisdiction of the city, as written (it need not be a beneficiary).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PlaceMode {
    #[default]
    InPerson,
    Online,
    Hybrid,
}
