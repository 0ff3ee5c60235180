use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Id, Place, PlaceMode, is_default};

/// One piece of work the programme delivers: a meeting, a training, a mission, ...
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub id: Id,
    pub title: String,
    /// One of `Settings::activity_kinds`.
    pub kind: String,
    pub status: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<Session>,
    /// Beneficiary jurisdictions (ids of `Programme::jurisdictions`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub beneficiaries: Vec<Id>,
    /// The implementing programme or unit.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// Partner organisations (ids of `Programme::partners`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Money>,
    /// Who covers how much of the budget.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funding: Vec<Funding>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub participants: Participants,
    /// The responsible officers (ids of `Project::staff`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub officers: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sdg_targets: Vec<String>,
    /// Objective-tree nodes this activity delivers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub predecessors: Vec<Dependency>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// A point in time rather than a piece of work (a deliverable, a decision): it has no
    /// length, so a successor may start on its day. Its date is its first session's start.
    #[serde(default, skip_serializing_if = "is_default")]
    pub milestone: bool,
}

impl Activity {
    /// A proposed activity with nothing but its id, title and kind.
    pub fn new(id: Id, title: impl Into<String>, kind: impl Into<String>) -> Self {
        Activity {
            id,
            title: title.into(),
            kind: kind.into(),
            status: Status::Proposed,
            description: String::new(),
            sessions: Vec::new(),
            beneficiaries: Vec::new(),
            unit: String::new(),
            partners: Vec::new(),
            budget: None,
            funding: Vec::new(),
            participants: Participants::default(),
            officers: Vec::new(),
            sdg_targets: Vec::new(),
            objectives: Vec::new(),
            predecessors: Vec::new(),
            notes: String::new(),
            milestone: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    Proposed,
    Planned,
    Confirmed,
    UnderWay,
    Done,
    Postponed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Proposed,
        Status::Planned,
        Status::Confirmed,
        Status::UnderWay,
        Status::Done,
        Status::Postponed,
        Status::Cancelled,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::Proposed => "Proposed",
            Status::Planned => "Planned",
            Status::Confirmed => "Confirmed",
            Status::UnderWay => "Under way",
            Status::Done => "Done",
            Status::Postponed => "Postponed",
            Status::Cancelled => "Cancelled",
        }
    }
}

/// One occurrence of an activity: a date range and a place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub id: Id,
    pub start: NaiveDate,
    /// Last day, inclusive; absent for a single day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// `Month` when only the months are known: `start` is then the first day of the first
    /// month and `end` the last day of the last month.
    #[serde(default, skip_serializing_if = "is_default")]
    pub precision: Precision,
    #[serde(default, skip_serializing_if = "is_default")]
    pub place: Place,
}

impl Session {
    pub fn last_day(&self) -> NaiveDate {
        self.end.unwrap_or(self.start)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Precision {
    #[default]
    Day,
    Month,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// Whole currency units.
    pub amount: u64,
    /// ISO 4217 code, e.g. "EUR".
    pub currency: String,
}

/// A donor's or fund's share of an activity's budget.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// Id of one of `Programme::donors`.
    pub source: Id,
    /// Amount covered, in the budget's currency; `None` when the donor or fund is known to
    /// support the activity but not by how much (activity reports rarely say). Written as a
    /// plain number, as in format 1, and left out of the file when not known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "plain_amount"
    )]
    pub amount: Option<u64>,
}

impl Funding {
    /// A line with a known amount.
    pub fn of(source: Id, amount: u64) -> Self {
        Funding {
            source,
            amount: Some(amount),
        }
    }

    /// A line whose amount is not known.
    pub fn unknown(source: Id) -> Self {
        Funding {
            source,
            amount: None,
        }
    }
}

/// A known amount as a bare number (`amount: 5000`), not `Some(5000)`: the file stays as easy
/// to read as format 1, whose lines read unchanged. `None` is never written (the field is
/// skipped), so only numbers are read.
mod plain_amount {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(amount: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
        match amount {
            Some(amount) => s.serialize_u64(*amount),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        u64::deserialize(d).map(Some)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participants {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub women: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub men: Option<u32>,
}

/// Finish-to-start link: this activity starts `lag_days` after the predecessor ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    pub activity: Id,
    #[serde(default, skip_serializing_if = "is_default")]
    pub lag_days: i32,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Session {
    /// The session's dates as a planner writes them: "18–20 Nov 2009", "30 Nov – 2 Dec 2009",
    /// or, when only months are known, "Feb–Mar 2022".
    pub fn date_label(&self) -> String {
        use chrono::Datelike;
        let (a, b) = (self.start, self.last_day());
        let month = |d: NaiveDate| MONTHS[d.month0() as usize];
        match self.precision {
            Precision::Month => {
                if (a.year(), a.month()) == (b.year(), b.month()) {
                    format!("{} {}", month(a), a.year())
                } else if a.year() == b.year() {
                    format!("{}–{} {}", month(a), month(b), a.year())
                } else {
                    format!("{} {} – {} {}", month(a), a.year(), month(b), b.year())
                }
            }
            Precision::Day => {
                if a == b {
                    format!("{} {} {}", a.day(), month(a), a.year())
                } else if (a.year(), a.month()) == (b.year(), b.month()) {
                    format!("{}–{} {} {}", a.day(), b.day(), month(a), a.year())
                } else if a.year() == b.year() {
                    format!(
                        "{} {} – {} {} {}",
                        a.day(),
                        month(a),
                        b.day(),
                        month(b),
                        a.year()
                    )
                } else {
                    format!(
                        "{} {} {} – {} {} {}",
                        a.day(),
                        month(a),
                        a.year(),
                        b.day(),
                        month(b),
                        b.year()
                    )
                }
            }
        }
    }
}

impl Place {
    /// "Vienna, Austria", "online", "Skopje, North Macedonia / online".
    pub fn label(&self) -> String {
        let city = self.city_and_country();
        match self.mode {
            PlaceMode::InPerson => city,
            PlaceMode::Online => "online".into(),
            PlaceMode::Hybrid if city.is_empty() => "hybrid".into(),
            PlaceMode::Hybrid => format!("{city} / online"),
        }
    }

    /// "Belgrade, Serbia": the city and country written, whatever the mode.
    pub fn city_and_country(&self) -> String {
        [self.city.trim(), self.country.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(
        start: (i32, u32, u32),
        end: Option<(i32, u32, u32)>,
        precision: Precision,
    ) -> Session {
        let d = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        Session {
            id: Id(1),
            start: d(start),
            end: end.map(d),
            precision,
            place: Place::default(),
        }
    }

    #[test]
    fn dates_read_as_planners_write_them() {
        use Precision::*;
        assert_eq!(
            session((2009, 11, 18), Some((2009, 11, 20)), Day).date_label(),
            "18–20 Nov 2009"
        );
        assert_eq!(
            session((2009, 11, 30), Some((2009, 12, 2)), Day).date_label(),
            "30 Nov – 2 Dec 2009"
        );
        assert_eq!(
            session((2022, 3, 15), None, Day).date_label(),
            "15 Mar 2022"
        );
        assert_eq!(
            session((2022, 2, 1), Some((2022, 3, 31)), Month).date_label(),
            "Feb–Mar 2022"
        );
        assert_eq!(
            session((2021, 12, 1), Some((2022, 1, 31)), Month).date_label(),
            "Dec 2021 – Jan 2022"
        );
    }
}
