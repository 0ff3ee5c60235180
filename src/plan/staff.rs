//! The programme's staff as activities name them: officer texts (from older files, imported
//! sheets) split into names and resolved to staff members through [`crate::plan::names`], so
//! "Ana Babić" and "ana babic" are one person and never two.

use crate::model::{Activity, Id, Project, StaffMember};
use crate::plan::names::{Resolution, Resolver, fold};

/// The names one officer text holds: "A. Babić, M. Hoxha", "A / B", "A; B", trimmed, empty
/// ones dropped.
pub fn split_names(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', ';', '/', '&', '\n'])
        .map(str::trim)
        .filter(|s| !fold(s).is_empty())
}

/// The names of an activity's officers, in its order; an id no staff member has is skipped
/// (the load check refuses such files, so only a half-made edit can show one).
pub fn officer_names<'p>(project: &'p Project, activity: &Activity) -> Vec<&'p str> {
    activity
        .officers
        .iter()
        .filter_map(|&id| project.staff_member(id).map(|s| s.name.as_str()))
        .collect()
}

/// An activity's officers as one text, "Ana Babić, Marko Petrović", for tables and exports.
pub fn officers_text(project: &Project, activity: &Activity) -> String {
    officer_names(project, activity).join(", ")
}

/// Resolves written names to staff, adding a member for each name no one answers to: the
/// first spelling met becomes the name, another spelling of the same person an alias.
pub struct StaffFinder {
    resolver: Resolver<Id>,
    /// Members added by this finder, by folded name, to find them again without rebuilding.
    added: Vec<(String, Id)>,
}

impl StaffFinder {
    pub fn new(staff: &[StaffMember]) -> Self {
        StaffFinder {
            resolver: Resolver::new(
                staff
                    .iter()
                    .map(|s| (s.id, s.name.as_str(), "", "", s.aliases.as_slice())),
            ),
            added: Vec::new(),
        }
    }

    /// The member `name` means, if one does (an ambiguous name means none).
    pub fn find(&self, name: &str) -> Option<Id> {
        let key = fold(name);
        if let Some(&(_, id)) = self.added.iter().find(|(k, _)| *k == key) {
            return Some(id);
        }
        match self.resolver.find(name) {
            Resolution::Found(id) => Some(id),
            _ => None,
        }
    }

    /// The ids of the names in `text`, each once, adding to `staff` (with ids from `next_id`)
    /// whoever is not there yet.
    pub fn resolve_text(
        &mut self,
        text: &str,
        staff: &mut Vec<StaffMember>,
        next_id: &mut u64,
    ) -> Vec<Id> {
        self.resolve_with(text, staff, &mut || {
            let id = Id(*next_id);
            *next_id += 1;
            id
        })
    }

    /// [`Self::resolve_text`] with ids from `fresh`.
    pub fn resolve_with(
        &mut self,
        text: &str,
        staff: &mut Vec<StaffMember>,
        fresh: &mut dyn FnMut() -> Id,
    ) -> Vec<Id> {
        let mut ids = Vec::new();
        for name in split_names(text) {
            let id = match self.find(name) {
                Some(id) => {
                    if let Some(member) = staff.iter_mut().find(|s| s.id == id)
                        && member.name != name
                        && !member.aliases.iter().any(|a| a == name)
                    {
                        member.aliases.push(name.to_string());
                    }
                    id
                }
                None => {
                    let id = fresh();
                    staff.push(StaffMember::new(id, name));
                    self.added.push((fold(name), id));
                    id
                }
            };
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_on_commas_semicolons_and_slashes() {
        let names: Vec<&str> = split_names(" A. Babić, M. Hoxha ;; X / Y & Z, , ").collect();
        assert_eq!(names, ["A. Babić", "M. Hoxha", "X", "Y", "Z"]);
    }

    #[test]
    fn one_person_however_written_the_first_spelling_the_name() {
        let mut staff = vec![StaffMember::new(Id(1), "Marko Petrović")];
        let mut next = 10;
        let mut finder = StaffFinder::new(&staff);
        let a = finder.resolve_text("Ana Babić, marko petrovic", &mut staff, &mut next);
        let b = finder.resolve_text("ANA  BABIC / Ana Babić", &mut staff, &mut next);
        let c = finder.resolve_text("", &mut staff, &mut next);
        assert_eq!(a, [Id(10), Id(1)]);
        assert_eq!(b, [Id(10)]);
        assert!(c.is_empty());
        assert_eq!(next, 11);
        assert_eq!(staff.len(), 2);
        assert_eq!(staff[1].name, "Ana Babić");
        assert_eq!(staff[1].aliases, ["ANA  BABIC"]);
        assert_eq!(staff[0].aliases, ["marko petrovic"]);
    }

    #[test]
    fn an_alias_finds_its_member() {
        let mut m = StaffMember::new(Id(3), "Ana Babić-Horvat");
        m.aliases.push("A. Babić".into());
        let finder = StaffFinder::new(&[m]);
        assert_eq!(finder.find("a babic"), Some(Id(3)));
        assert_eq!(finder.find("Hoxha"), None);
    }
}
