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
    /// Targets and actual values per year or quarter, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<IndicatorPeriod>,
}

/// A year, or a quarter (1 to 4) of a year, that an indicator has a target or actual for.
/// Written as the text a reader writes (`"2010"`, `"2010 Q2"`), which keeps the file readable
/// and within what the fast reader and writer handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i32),
    Quarter(i32, u8),
}

impl Period {
    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter(y, _) => y,
        }
    }
}

/// Time order: a year, then its quarters, then the next year (an order by variant would put
/// every quarter after every year).
impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let key = |p: &Period| match *p {
            Period::Year(y) => (y, 0),
            Period::Quarter(y, q) => (y, q),
        };
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y} Q{q}"),
        }
    }
}

impl std::str::FromStr for Period {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("\"{text}\" is not a year (2010) or a quarter (2010 Q2)");
        let (year, quarter) = match text.trim().split_once(" Q") {
            Some((y, q)) => (y, Some(q)),
            None => (text.trim(), None),
        };
        let year: i32 = year.parse().map_err(|_| bad())?;
        match quarter {
            None => Ok(Period::Year(year)),
            Some(q) => match q.parse::<u8>() {
                Ok(q @ 1..=4) => Ok(Period::Quarter(year, q)),
                _ => Err(bad()),
            },
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// An indicator's target and actual value for one period, with their breakdowns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorPeriod {
    pub period: Period,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<Actual>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<Breakdown>,
}

/// A value measured, with when, where it comes from and a remark.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actual {
    pub value: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// A period's target and actual for one category of a dimension ("sex" / "female",
/// "jurisdiction" / "Serbia", or a category the programme defines).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    pub dimension: String,
    pub category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<Value>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    pub value: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

/// An indicator's value: a number (written as a RON number) or text, for qualitative
/// indicators and for what older files hold that is not a plain number. Reads both a string and
/// a number, so files written before values were typed still load unchanged.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
}

impl Value {
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Text(_) => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Value::Text(t) if t.is_empty())
    }
}

impl Default for Value {
    fn default() -> Self {
        Value::Text(String::new())
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::Text(text.to_string())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::Text(text)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

/// Numbers as a reader writes them: `12`, not `12.0`.
impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Number(n) => write!(f, "{n}"),
            Value::Text(t) => f.write_str(t),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Number(n) => serializer.serialize_f64(*n),
            Value::Text(t) => serializer.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Value;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number or a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Value, E> {
                Ok(Value::Text(v))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
                Ok(Value::Number(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Number(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Value, E> {
                Ok(Value::Number(v as f64))
            }
        }
        deserializer.deserialize_any(Visit)
    }
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
