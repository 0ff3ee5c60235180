use serde::{Deserialize, Serialize};

use super::Id;

/// A person of the programme's staff, whom activities name as responsible officers
/// (`Activity::officers`). Imports and the format-2 migration find a person by name or alias
/// through `plan::names`, so "Babić" and "Babic" are one person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffMember {
    pub id: Id,
    pub name: String,
    /// Other spellings the person is known by in imported sheets and older files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// The post held, e.g. "Project officer".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
}

impl StaffMember {
    pub fn new(id: Id, name: impl Into<String>) -> Self {
        StaffMember {
            id,
            name: name.into(),
            aliases: Vec::new(),
            email: String::new(),
            role: String::new(),
        }
    }
}
