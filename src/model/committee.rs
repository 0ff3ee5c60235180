use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{Id, Place, is_default};

/// The steering committee: the programme's consultative and reporting body.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Committee {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub terms_of_reference: String,
    /// Least number of voting members (chair, co-chair, members) present or represented;
    /// zero means no quorum rule.
    #[serde(default, skip_serializing_if = "is_default")]
    pub quorum: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Member>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<Meeting>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: Id,
    pub name: String,
    pub role: Role,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    /// The beneficiary jurisdiction represented, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<Id>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Chair,
    CoChair,
    Secretary,
    Member,
    Observer,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: Id,
    pub number: u32,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<NaiveTime>,
    /// IANA time zone name of the start time, e.g. "Europe/Vienna".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub time_zone: String,
    /// When the meeting must end; the agenda warns when its items run past it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_end: Option<NaiveTime>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub place: Place,
    pub status: MeetingStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendance: Vec<Attendance>,
    /// Observers and guests: people who attend but are not members, so never count for the
    /// quorum.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guests: Vec<Guest>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<AgendaItem>,
}

/// Someone at a meeting who is not on the committee.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guest {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
}

impl Meeting {
    /// Visits every agenda item and sub-item in agenda order.
    pub fn for_each_item<'a>(&'a self, visit: &mut dyn FnMut(&'a AgendaItem)) {
        fn walk<'a>(items: &'a [AgendaItem], visit: &mut dyn FnMut(&'a AgendaItem)) {
            for item in items {
                visit(item);
                walk(&item.sub_items, visit);
            }
        }
        walk(&self.agenda, visit);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingStatus {
    Draft,
    AgendaCirculated,
    Held,
    MinutesApproved,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    pub member: Id,
    pub presence: Presence,
    /// Who stood in, when `presence` is `Represented`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub represented_by: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Presence {
    Present,
    Represented,
    Apologies,
    Absent,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    pub id: Id,
    pub title: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub purpose: Purpose,
    /// Who presents, as typed, when it is not a member (see `presenter_member`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub presenter: String,
    /// The member who presents, when picked from the committee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter_member: Option<Id>,
    /// Planned duration in minutes.
    #[serde(default, skip_serializing_if = "is_default")]
    pub minutes: u32,
    /// Adopted together with the other consent items, without discussion.
    #[serde(default, skip_serializing_if = "is_default")]
    pub consent: bool,
    /// Paths or links to the papers for this item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub papers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_items: Vec<AgendaItem>,
    /// Minutes: what was said.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionPoint>,
    /// Written by "Draft from the workplan", which replaces such items when run again and
    /// leaves every other item alone.
    #[serde(default, skip_serializing_if = "is_default")]
    pub generated: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Purpose {
    Decision,
    Discussion,
    #[default]
    Information,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: Id,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionPoint {
    pub id: Id,
    /// Its number within the meeting (SC3/A1 is 1), given once and never changed; 0 in files
    /// written before numbers, which then count after the given ones in agenda order.
    #[serde(default, skip_serializing_if = "is_default")]
    pub number: u32,
    pub text: String,
    /// Who acts, as typed, when it is not a member (see `owner_member`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// The member who acts, when picked from the committee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_member: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Dropped,
}
