//! A portfolio: several programmes' project files seen together, each kept in its own file
//! by its own team. The portfolio file holds only where the members are and how to show them,
//! never their data.

use serde::{Deserialize, Serialize};

use super::Id;

/// The portfolio file format this build writes; newer portfolio files are refused.
pub const PORTFOLIO_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Portfolio {
    pub portfolio_version: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<PortfolioMember>,
    /// Pairs of activities the steering committee has looked at and found not to duplicate
    /// each other: the likely-duplicates check leaves them out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_duplicates: Vec<NotDuplicate>,
}

impl Default for Portfolio {
    fn default() -> Self {
        Portfolio {
            portfolio_version: PORTFOLIO_VERSION,
            name: String::new(),
            members: Vec::new(),
            not_duplicates: Vec::new(),
        }
    }
}

/// One programme of the portfolio.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortfolioMember {
    /// The project file, relative to the portfolio file's folder, with `/` between folders,
    /// so that the portfolio and its members can move together (a share, a git clone).
    pub path: String,
    /// What the views call the programme ("Firearms", "Container Control").
    pub name: String,
    /// `#rrggbb`, for its bars, chips and legend entry.
    pub colour: String,
}

/// An activity of one member, by the member's `path` and the activity's id in that file.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberActivity {
    pub member: String,
    pub activity: Id,
}

/// A pair marked "not a duplicate", kept in either order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotDuplicate {
    pub first: MemberActivity,
    pub second: MemberActivity,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl NotDuplicate {
    /// Whether this mark covers the pair `a`, `b`, in either order.
    pub fn covers(&self, a: &MemberActivity, b: &MemberActivity) -> bool {
        (self.first == *a && self.second == *b) || (self.first == *b && self.second == *a)
    }
}

impl Portfolio {
    pub fn member(&self, path: &str) -> Option<&PortfolioMember> {
        self.members.iter().find(|m| m.path == path)
    }

    pub fn is_not_duplicate(&self, a: &MemberActivity, b: &MemberActivity) -> bool {
        self.not_duplicates.iter().any(|n| n.covers(a, b))
    }
}

/// Colours for new members, in order, chosen to stay apart in both themes.
pub const MEMBER_COLOURS: [&str; 8] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
];

/// `#rrggbb` as red, green and blue; `None` for anything else.
pub fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_only_as_six_hex_digits() {
        assert_eq!(parse_colour("#1f77b4"), Some([0x1f, 0x77, 0xb4]));
        assert_eq!(parse_colour("1f77b4"), None);
        assert_eq!(parse_colour("#1f77b"), None);
        assert_eq!(parse_colour("#zz77b4"), None);
        assert!(MEMBER_COLOURS.iter().all(|c| parse_colour(c).is_some()));
    }

    #[test]
    fn a_not_duplicate_mark_covers_both_orders() {
        let a = MemberActivity {
            member: "a.ron".into(),
            activity: Id(1),
        };
        let b = MemberActivity {
            member: "b.ron".into(),
            activity: Id(7),
        };
        let c = MemberActivity {
            member: "b.ron".into(),
            activity: Id(8),
        };
        let portfolio = Portfolio {
            not_duplicates: vec![NotDuplicate {
                first: a.clone(),
                second: b.clone(),
                note: String::new(),
            }],
            ..Portfolio::default()
        };
        assert!(portfolio.is_not_duplicate(&a, &b));
        assert!(portfolio.is_not_duplicate(&b, &a));
        assert!(!portfolio.is_not_duplicate(&a, &c));
    }
}
