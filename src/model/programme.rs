use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Id;

/// The programme the project plans: what it is, who runs it, when, for whom, with whom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub title: String,
    /// Short code used in documents and exports, e.g. "XSEE".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// The implementing office.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub office: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Beneficiary jurisdictions, in the order the programme lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub jurisdictions: Vec<Jurisdiction>,
    /// Strategic partners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<Organisation>,
    /// Donors and funding instruments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub donors: Vec<Organisation>,
    /// The organisation that publishes the programme to IATI, by name (docs/iati.md).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reporting_org: String,
    /// The reporting organisation's IATI organisation identifier, e.g. "XM-DAC-41146".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reporting_org_ref: String,
    /// The reporting organisation's IATI OrganisationType code, e.g. "40" (multilateral).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reporting_org_type: String,
    /// What IATI activity identifiers start with; the organisation identifier when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub iati_prefix: String,
    /// The DAC 5-digit purpose code (vocabulary 1) of every published activity, e.g. "15210".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub default_sector: String,
}

impl Programme {
    /// Ids of the jurisdictions, partners and donors.
    pub fn all_ids(&self) -> impl Iterator<Item = Id> + '_ {
        let j = self.jurisdictions.iter().map(|j| j.id);
        let p = self.partners.iter().map(|o| o.id);
        let d = self.donors.iter().map(|o| o.id);
        j.chain(p).chain(d)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    pub id: Id,
    pub name: String,
    /// A qualifying note printed with the name wherever it appears.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub footnote: String,
    /// Other names the jurisdiction goes by in partners' records (e.g. "FYROM"); import and
    /// checks resolve them to this jurisdiction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Jurisdiction {
    /// The name with its footnote, as documents print it: "Kosovo (under UNSCR 1244 (1999))".
    pub fn label(&self) -> String {
        if self.footnote.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.footnote)
        }
    }
}

/// A partner organisation, a donor, or a funding instrument (such as a trust fund).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub acronym: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// For a funding instrument: the donors that pay through it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub through: Vec<Id>,
    /// Other names the organisation goes by in partners' records; import and checks resolve
    /// them to this organisation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Organisation {
    pub fn display_name(&self) -> String {
        if self.acronym.is_empty() || self.acronym == self.name {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.acronym)
        }
    }
}
