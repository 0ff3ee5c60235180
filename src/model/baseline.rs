use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Id, Precision, is_default};

/// The plan as it stood when someone saved it (the one the steering committee approved, say),
/// kept in the project so that today's plan can be compared with it.
///
/// A baseline is a record of the past: its activity ids may name activities deleted since
/// (that is what "removed since" reports), so they are not links the integrity check asks to
/// exist, and the baseline keeps each activity's title to name the removed ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub id: Id,
    /// As planners call it: "Approved by SC2".
    pub name: String,
    /// The day it was saved.
    pub saved: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Every activity of the plan when it was saved, in workplan order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<BaselineActivity>,
}

/// One activity as a baseline keeps it: its title and the dates of its sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineActivity {
    pub activity: Id,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<BaselineSpan>,
}

/// A session's days as a baseline keeps them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineSpan {
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
    #[serde(default, skip_serializing_if = "is_default")]
    pub precision: Precision,
}
