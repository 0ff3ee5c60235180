//! Names an import could not resolve, and what becomes of them: added to the programme, taken
//! as another name (an alias) of an entity it has, or left, so the rows using them are refused.

use std::collections::HashMap;

use crate::model::{Id, Jurisdiction, Organisation, Programme};
use crate::plan::names::{self, Resolution, fold};

/// The list of the programme a name is looked up in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameKind {
    Jurisdiction,
    Partner,
    Donor,
}

impl NameKind {
    pub const ALL: [NameKind; 3] = [NameKind::Jurisdiction, NameKind::Partner, NameKind::Donor];

    /// "beneficiary jurisdiction", as problems and the review say it.
    pub fn label(self) -> &'static str {
        match self {
            NameKind::Jurisdiction => "beneficiary jurisdiction",
            NameKind::Partner => "partner",
            NameKind::Donor => "donor or fund",
        }
    }
}

/// A name no entity of its kind answers to, with the rows (as the spreadsheet numbers them)
/// that use it. Forms that fold alike ("Babić", "BABIC") are one unknown name, written as
/// first seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    pub kind: NameKind,
    pub name: String,
    pub rows: Vec<usize>,
}

/// Gathers unknown names while rows are checked.
#[derive(Default)]
pub(super) struct Collector {
    seen: HashMap<(NameKind, String), usize>,
    pub(super) names: Vec<UnknownName>,
}

impl Collector {
    pub(super) fn note(&mut self, kind: NameKind, name: &str, row: usize) {
        let key = (kind, fold(name));
        match self.seen.get(&key) {
            Some(&i) => {
                let rows = &mut self.names[i].rows;
                if rows.last() != Some(&row) {
                    rows.push(row);
                }
            }
            None => {
                self.seen.insert(key, self.names.len());
                self.names.push(UnknownName {
                    kind,
                    name: name.to_string(),
                    rows: vec![row],
                });
            }
        }
    }
}

/// What to do with one unknown name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameChoice {
    /// A new entity (names that resolve to one another become one, the others its aliases).
    Add,
    /// Another name of this entity: kept as its alias.
    MapTo(Id),
    /// Neither: the rows using the name stay refused.
    Leave,
}

/// The programme with `choices` made: names mapped onto entities become their aliases, names
/// added become entities with fresh ids from `next_id`. "Name (ACR)" gives the name and the
/// acronym; names of one kind that resolve to one another (by name, acronym, "Name (ACR)" or
/// the country they name) become one entity, the other forms its aliases.
pub fn resolve_unknown(
    programme: &Programme,
    choices: &[(UnknownName, NameChoice)],
    next_id: &mut u64,
) -> Programme {
    let mut programme = programme.clone();
    for (unknown, choice) in choices {
        if let NameChoice::MapTo(id) = *choice {
            let written = clean(&unknown.name);
            if let Some(aliases) = aliases_of(&mut programme, unknown.kind, id) {
                add_alias(aliases, written);
            }
        }
    }
    for kind in NameKind::ALL {
        // "Name (ACR)" first, as it gives both; then the shorter forms, so "Sweden" names the
        // entity and "Government of Sweden" is its alias.
        let mut added: Vec<&str> = choices
            .iter()
            .filter(|(u, c)| u.kind == kind && *c == NameChoice::Add)
            .map(|(u, _)| u.name.as_str())
            .collect();
        added.sort_by_key(|name| {
            (
                names::split_parenthesis(name).is_none(),
                name.chars().count(),
            )
        });
        let first_new = match kind {
            NameKind::Jurisdiction => programme.jurisdictions.len(),
            NameKind::Partner => programme.partners.len(),
            NameKind::Donor => programme.donors.len(),
        };
        for name in added {
            let (main, acronym) = name_and_acronym(name);
            let joined = match find_among_added(&programme, kind, first_new, name) {
                None => false,
                Some(i) => {
                    match kind {
                        NameKind::Jurisdiction => {
                            add_alias(&mut programme.jurisdictions[i].aliases, clean(name));
                        }
                        NameKind::Partner | NameKind::Donor => {
                            let o = if kind == NameKind::Partner {
                                &mut programme.partners[i]
                            } else {
                                &mut programme.donors[i]
                            };
                            if fold(&o.name) != fold(main) && fold(&o.acronym) != fold(main) {
                                add_alias(&mut o.aliases, clean(name));
                            } else if o.acronym.is_empty() && !acronym.is_empty() {
                                o.acronym = acronym.to_string();
                            }
                        }
                    }
                    true
                }
            };
            if joined {
                continue;
            }
            let id = Id(*next_id);
            *next_id += 1;
            match kind {
                NameKind::Jurisdiction => programme.jurisdictions.push(Jurisdiction {
                    id,
                    name: clean(name).to_string(),
                    footnote: String::new(),
                    aliases: Vec::new(),
                }),
                NameKind::Partner | NameKind::Donor => {
                    let organisation = Organisation {
                        id,
                        name: main.to_string(),
                        acronym: acronym.to_string(),
                        notes: String::new(),
                        through: Vec::new(),
                        aliases: Vec::new(),
                    };
                    if kind == NameKind::Partner {
                        programme.partners.push(organisation);
                    } else {
                        programme.donors.push(organisation);
                    }
                }
            }
        }
    }
    programme
}

/// The index of the entity added by this import (from `first_new` on) that `name` resolves to.
fn find_among_added(
    programme: &Programme,
    kind: NameKind,
    first_new: usize,
    name: &str,
) -> Option<usize> {
    let resolution = match kind {
        NameKind::Jurisdiction => names::resolve_with_aliases(
            name,
            programme.jurisdictions[first_new..]
                .iter()
                .enumerate()
                .map(|(i, j)| {
                    (
                        i,
                        j.name.as_str(),
                        "",
                        j.footnote.as_str(),
                        j.aliases.as_slice(),
                    )
                }),
        ),
        NameKind::Partner | NameKind::Donor => {
            let list = if kind == NameKind::Partner {
                &programme.partners
            } else {
                &programme.donors
            };
            names::resolve_with_aliases(
                name,
                list[first_new..].iter().enumerate().map(|(i, o)| {
                    (
                        i,
                        o.name.as_str(),
                        o.acronym.as_str(),
                        "",
                        o.aliases.as_slice(),
                    )
                }),
            )
        }
    };
    match resolution {
        Resolution::Found(i) => Some(first_new + i),
        _ => None,
    }
}

/// A name as written, without footnote markers and outer spaces ("Kosovo*" → "Kosovo").
fn clean(name: &str) -> &str {
    name.trim()
        .trim_end_matches(|c: char| c.is_whitespace() || "*†‡".contains(c))
}

/// "Regional Cooperation Council (RCC)" → ("Regional Cooperation Council", "RCC"), and the
/// other way round for "RCC (Regional Cooperation Council)"; a name without such a part is
/// its own name.
fn name_and_acronym(name: &str) -> (&str, &str) {
    let name = clean(name);
    let Some((outer, inner)) = names::split_parenthesis(name) else {
        return (name, "");
    };
    let (outer, inner) = (outer.trim(), inner.trim());
    let is_acronym = |t: &str| !t.is_empty() && !t.contains(' ') && t.chars().count() <= 12;
    if is_acronym(inner) && !is_acronym(outer) {
        (outer, inner)
    } else if is_acronym(outer) && !is_acronym(inner) {
        (inner, outer)
    } else {
        (name, "")
    }
}

fn aliases_of(programme: &mut Programme, kind: NameKind, id: Id) -> Option<&mut Vec<String>> {
    match kind {
        NameKind::Jurisdiction => programme
            .jurisdictions
            .iter_mut()
            .find(|j| j.id == id)
            .map(|j| &mut j.aliases),
        NameKind::Partner => programme
            .partners
            .iter_mut()
            .find(|o| o.id == id)
            .map(|o| &mut o.aliases),
        NameKind::Donor => programme
            .donors
            .iter_mut()
            .find(|o| o.id == id)
            .map(|o| &mut o.aliases),
    }
}

/// Adds `alias` unless one that folds alike is there already.
fn add_alias(aliases: &mut Vec<String>, alias: &str) {
    if !alias.is_empty() && !aliases.iter().any(|a| fold(a) == fold(alias)) {
        aliases.push(alias.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(kind: NameKind, name: &str) -> UnknownName {
        UnknownName {
            kind,
            name: name.into(),
            rows: vec![2],
        }
    }

    fn programme() -> Programme {
        let mut p = crate::testing::sample().programme;
        p.donors.retain(|d| !d.name.contains("Sweden"));
        p
    }

    #[test]
    fn forms_of_one_name_become_one_entity_with_the_others_as_aliases() {
        let p = programme();
        let mut next_id = 10_000;
        let choices = [
            (unknown(NameKind::Partner, "UNDP"), NameChoice::Add),
            (
                unknown(
                    NameKind::Partner,
                    "United Nations Development Programme (UNDP)",
                ),
                NameChoice::Add,
            ),
            (
                unknown(NameKind::Partner, "Ministry of Justice"),
                NameChoice::Add,
            ),
        ];
        let after = resolve_unknown(&p, &choices, &mut next_id);
        let added = &after.partners[p.partners.len()..];
        assert_eq!(added.len(), 2, "{added:?}");
        assert_eq!(added[0].name, "United Nations Development Programme");
        assert_eq!(added[0].acronym, "UNDP");
        assert!(added[0].aliases.is_empty(), "“UNDP” is its acronym already");
        assert_eq!(added[1].name, "Ministry of Justice");
        assert_eq!(next_id, 10_002);
    }

    #[test]
    fn a_mapped_name_becomes_an_alias_and_a_footnote_marker_is_dropped() {
        let p = programme();
        let target = p.jurisdictions[0].id;
        let mut next_id = 10_000;
        let choices = [
            (
                unknown(NameKind::Jurisdiction, "Atlantis*"),
                NameChoice::MapTo(target),
            ),
            (unknown(NameKind::Jurisdiction, "Utopia"), NameChoice::Leave),
            (
                unknown(NameKind::Jurisdiction, "Erewhon †"),
                NameChoice::Add,
            ),
        ];
        let after = resolve_unknown(&p, &choices, &mut next_id);
        assert!(
            after.jurisdictions[0]
                .aliases
                .contains(&"Atlantis".to_string())
        );
        let added = &after.jurisdictions[p.jurisdictions.len()..];
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].name, "Erewhon");
    }

    #[test]
    fn acronyms_are_told_from_names_either_way_round() {
        assert_eq!(
            name_and_acronym("RCC (Regional Cooperation Council)"),
            ("Regional Cooperation Council", "RCC")
        );
        assert_eq!(name_and_acronym("Kosovo*"), ("Kosovo", ""));
        assert_eq!(
            name_and_acronym("Fund for peace (phase two)"),
            ("Fund for peace (phase two)", "")
        );
    }

    #[test]
    fn the_collector_keeps_one_entry_per_folded_name() {
        let mut c = Collector::default();
        c.note(NameKind::Donor, "Babić Fund", 3);
        c.note(NameKind::Donor, "BABIC fund", 5);
        c.note(NameKind::Donor, "babic fund", 5);
        c.note(NameKind::Partner, "Babić Fund", 6);
        assert_eq!(c.names.len(), 2);
        assert_eq!(c.names[0].name, "Babić Fund");
        assert_eq!(c.names[0].rows, vec![3, 5]);
    }

    #[test]
    fn a_donor_country_written_three_ways_becomes_one_donor() {
        let p = programme();
        let mut next_id = 10_000;
        let choices = [
            (
                unknown(NameKind::Donor, "Government of Sweden"),
                NameChoice::Add,
            ),
            (unknown(NameKind::Donor, "Sweden"), NameChoice::Add),
            (
                unknown(NameKind::Donor, "Swedish Government"),
                NameChoice::Add,
            ),
        ];
        let after = resolve_unknown(&p, &choices, &mut next_id);
        let added = &after.donors[p.donors.len()..];
        assert_eq!(added.len(), 1, "{added:?}");
        assert_eq!(added[0].name, "Sweden");
        assert_eq!(
            added[0].aliases,
            vec![
                "Swedish Government".to_string(),
                "Government of Sweden".to_string()
            ]
        );
    }
}
