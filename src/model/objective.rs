use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Id;

/// One node of the objective tree (goal, overall objective, pillar, area of work, output).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Id>,
    /// The outline code ("1.2") kept through moves once the codes are frozen
    /// (`Settings::codes_frozen`); absent while codes follow positions. Read it through
    /// `plan::tree::outline_codes`, never directly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Index into `Settings::level_names`.
    pub level: u8,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The responsible unit.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// SDG targets such as "16.4" or "16.a".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sdg_targets: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub assumptions: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub risks: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: Id,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Measurement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Measurement>,
    /// The latest typed value; absent when the indicator is computed from the workplan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<Measurement>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub verification: String,
    /// When set, the latest value is derived from linked activities, never typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub computed: Option<ComputedIndicator>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

/// A rule that derives an indicator's latest value from the activities linked to its node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComputedIndicator {
    pub metric: Metric,
    /// Only activities of this kind count; all kinds when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Metric {
    /// Number of linked activities that are done.
    #[default]
    ActivitiesDone,
    /// Sum of actual participants of linked activities that are done.
    Participants,
    /// Share of women among the actual participants, in percent.
    WomenShare,
}

impl Objective {
    pub fn new(id: Id, parent: Option<Id>, level: u8, title: impl Into<String>) -> Self {
        Objective {
            id,
            parent,
            code: None,
            level,
            title: title.into(),
            description: String::new(),
            unit: String::new(),
            sdg_targets: Vec::new(),
            assumptions: String::new(),
            risks: String::new(),
            indicators: Vec::new(),
        }
    }
}
