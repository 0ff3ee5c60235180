//! The workplan as a list: when an activity happens, and which activities a planner's filters
//! and sort order show.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};

use crate::model::{Activity, Id, Project, Status};
use crate::plan::countries;
use crate::plan::names::{Resolution, Resolver, fold};

/// First and last day of all the activity's sessions; `None` while it has no date.
pub fn span(activity: &Activity) -> Option<(NaiveDate, NaiveDate)> {
    let first = activity.sessions.iter().map(|s| s.start).min()?;
    let last = activity.sessions.iter().map(|s| s.last_day()).max()?;
    Some((first, last))
}

/// What the workplan table shows; every condition left empty lets everything through.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Words that must all appear in the title, kind, description, places, officer or notes,
    /// or in a name (or alias) of its beneficiaries, partners or donors, or in any form of its
    /// places' countries ("FYROM" finds North Macedonia), compared folded (`names::fold`:
    /// case, accents and punctuation ignored).
    pub text: String,
    /// Only activities linked somewhere in this objective's branch.
    pub branch: Option<Id>,
    pub jurisdiction: Option<Id>,
    pub status: Option<Status>,
    pub kind: Option<String>,
    /// Paid (in part) by this donor, directly or through a fund it pays into.
    pub donor: Option<Id>,
    /// Only activities with a session on or after this day.
    pub from: Option<NaiveDate>,
    /// Only activities with a session on or before this day.
    pub to: Option<NaiveDate>,
    /// Only activities this staff member is a responsible officer of.
    pub officer: Option<Id>,
    pub not_done: bool,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The week (Monday to Sunday) around `today`.
    pub fn this_week(today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
        (monday, monday + Days::new(6))
    }

    /// The calendar month of `today`.
    pub fn this_month(today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let first = today.with_day(1).expect("day 1 exists");
        let next = first
            .checked_add_months(chrono::Months::new(1))
            .expect("in range");
        (first, next - Days::new(1))
    }
}

/// Sortable columns of the table.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Column {
    Title,
    Kind,
    Status,
    #[default]
    Dates,
    Place,
    Officer,
    /// Days the first day moved since the baseline compared with.
    StartSlip,
    /// Days the last day moved since the baseline compared with.
    EndSlip,
    /// The programme of an activity of a portfolio's combined plan.
    Programme,
}

/// Precomputed sets a filter needs, so each activity is checked in constant time.
struct Prepared<'a> {
    /// The search text folded (`names::fold`), its words separated by single spaces.
    words: Option<String>,
    /// Per search word: what else an activity is found by when its own text lacks the word,
    /// worked out once per search rather than once per row.
    linked: Vec<Linked<'a>>,
    branch: Option<HashSet<Id>>,
    donors: Option<HashSet<Id>>,
}

fn prepare<'a>(project: &'a Project, filter: &Filter) -> Prepared<'a> {
    let branch = filter
        .branch
        .map(|node| crate::plan::logframe::subtree_ids(&project.objectives, node));
    let donors = filter.donor.map(|donor| {
        // The donor itself and every fund it pays through.
        let mut ids: HashSet<Id> = HashSet::from([donor]);
        ids.extend(
            project
                .programme
                .donors
                .iter()
                .filter(|o| o.through.contains(&donor))
                .map(|o| o.id),
        );
        ids
    });
    let words = Some(fold(&filter.text)).filter(|w| !w.is_empty());
    let linked = match &words {
        Some(words) => {
            let names = search_names(project);
            // Reading every session's place costs more than the rest of a search: only when a
            // word is in some jurisdiction's or country's names can a place be what it finds.
            let about_places = words.split(' ').any(|word| {
                names.values().any(|text| text.contains(word))
                    || countries::search_texts().any(|text| text.contains(word))
            });
            let places = if about_places {
                search_places(project, &names)
            } else {
                HashMap::new()
            };
            words
                .split(' ')
                .map(|word| Linked {
                    ids: names
                        .iter()
                        .filter(|(_, text)| text.contains(word))
                        .map(|(id, _)| *id)
                        .collect(),
                    places: places
                        .iter()
                        .filter(|(_, forms)| forms.contains(word))
                        .map(|(place, _)| *place)
                        .collect(),
                })
                .collect()
        }
        None => Vec::new(),
    };
    Prepared {
        words,
        linked,
        branch,
        donors,
    }
}

/// For one search word: the jurisdictions, partners and donors whose names, aliases or
/// country forms hold it, and the session places whose country's forms hold it.
struct Linked<'a> {
    ids: HashSet<Id>,
    places: HashSet<&'a str>,
}

/// Each jurisdiction, partner and donor by id: its name, acronym, footnote and aliases, and
/// every form of the country its name (or an alias) is, folded.
fn search_names(project: &Project) -> HashMap<Id, String> {
    let programme = &project.programme;
    let jurisdictions = programme.jurisdictions.iter().map(|j| {
        let written = [j.name.as_str(), j.footnote.as_str()];
        (j.id, written, j.aliases.as_slice())
    });
    let organisations = programme.partners.iter().chain(&programme.donors).map(|o| {
        let written = [o.name.as_str(), o.acronym.as_str()];
        (o.id, written, o.aliases.as_slice())
    });
    jurisdictions
        .chain(organisations)
        .map(|(id, written, aliases)| {
            let mut text = String::new();
            let mut countries: Vec<&'static str> = Vec::new();
            for form in written
                .iter()
                .copied()
                .chain(aliases.iter().map(String::as_str))
            {
                let folded = fold(form);
                if folded.is_empty() {
                    continue;
                }
                if let Some(code) = countries::code_of_name(&folded)
                    && !countries.contains(&code)
                {
                    countries.push(code);
                }
                text.push(' ');
                text.push_str(&folded);
            }
            for code in countries {
                text.push(' ');
                text.push_str(countries::search_text(code));
            }
            (id, text)
        })
        .collect()
}

/// Each country written in a session place, with what it is found by: the jurisdiction it
/// names (as `checks` reads places: its name, footnote or an alias) or else every form of the
/// country it names, folded.
fn search_places<'a>(
    project: &'a Project,
    names: &HashMap<Id, String>,
) -> HashMap<&'a str, String> {
    let jurisdictions = Resolver::new(project.programme.jurisdictions.iter().map(|j| {
        let (name, footnote) = (j.name.as_str(), j.footnote.as_str());
        (j.id, name, "", footnote, j.aliases.as_slice())
    }));
    let mut places: HashMap<&str, String> = HashMap::new();
    for session in project.activities.iter().flat_map(|a| &a.sessions) {
        let country = session.place.country.as_str();
        if !country.is_empty() && !places.contains_key(country) {
            let forms = match jurisdictions.find(country) {
                Resolution::Found(id) => names.get(&id).cloned().unwrap_or_default(),
                _ => countries::country_code(country)
                    .map(countries::search_text)
                    .unwrap_or("")
                    .to_string(),
            };
            places.insert(country, forms);
        }
    }
    places
}

fn matches(project: &Project, activity: &Activity, filter: &Filter, prepared: &Prepared) -> bool {
    if filter.status.is_some_and(|s| activity.status != s)
        || filter.kind.as_ref().is_some_and(|k| &activity.kind != k)
        || filter
            .jurisdiction
            .is_some_and(|j| !activity.beneficiaries.contains(&j))
        || filter.not_done && matches!(activity.status, Status::Done | Status::Cancelled)
        || filter
            .officer
            .as_ref()
            .is_some_and(|o| !activity.officers.contains(o))
    {
        return false;
    }
    if let Some(branch) = &prepared.branch
        && !activity.objectives.iter().any(|o| branch.contains(o))
    {
        return false;
    }
    if let Some(donors) = &prepared.donors
        && !activity.funding.iter().any(|f| donors.contains(&f.source))
    {
        return false;
    }
    if filter.from.is_some() || filter.to.is_some() {
        let in_range = activity.sessions.iter().any(|s| {
            filter.from.is_none_or(|from| s.last_day() >= from)
                && filter.to.is_none_or(|to| s.start <= to)
        });
        if !in_range {
            return false;
        }
    }
    if let Some(words) = &prepared.words {
        let mut haystack = format!(
            "{} {} {} {} {}",
            activity.title,
            activity.kind,
            activity.description,
            crate::plan::staff::officers_text(project, activity),
            activity.notes
        );
        for session in &activity.sessions {
            haystack.push(' ');
            haystack.push_str(&session.place.label());
        }
        // Folded like the words, so "babic" finds "Babić" and "dakovica" finds "Đakovica".
        let folded = fold(&haystack);
        // Each word in the activity's own text, or else in a name it links to or a country
        // its places are in: a few set lookups per row, the names were searched once.
        let found = |(word, linked): (&str, &Linked<'_>)| {
            folded.contains(word)
                || !linked.ids.is_empty()
                    && activity
                        .beneficiaries
                        .iter()
                        .chain(&activity.partners)
                        .chain(activity.funding.iter().map(|f| &f.source))
                        .any(|id| linked.ids.contains(id))
                || !linked.places.is_empty()
                    && activity
                        .sessions
                        .iter()
                        .any(|s| linked.places.contains(s.place.country.as_str()))
        };
        if !words.split(' ').zip(&prepared.linked).all(found) {
            return false;
        }
    }
    true
}

/// What an activity sorts by in `column`. Computed once per activity, not once per
/// comparison: lower-casing titles inside the comparison allocated for every one of the
/// n log n comparisons.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Text(String),
    Status(Status),
    /// Undated activities after dated ones.
    Dates(bool, Option<(NaiveDate, NaiveDate)>),
    /// Activities the baseline does not date after the others.
    Slip(bool, i64),
    /// Every activity alike: the order is the ties' order, by id.
    Same,
}

fn sort_key(
    project: &Project,
    a: &Activity,
    column: Column,
    slips: &HashMap<Id, crate::plan::baseline::Slip>,
) -> SortKey {
    let slip = |days: fn(&crate::plan::baseline::Slip) -> i64| {
        let found = slips.get(&a.id).map(days);
        SortKey::Slip(found.is_none(), found.unwrap_or(0))
    };
    match column {
        Column::Title => SortKey::Text(a.title.to_lowercase()),
        Column::Kind => SortKey::Text(a.kind.clone()),
        Column::Status => SortKey::Status(a.status),
        Column::Dates => {
            let span = span(a);
            SortKey::Dates(span.is_none(), span)
        }
        Column::Place => SortKey::Text(
            a.sessions
                .first()
                .map(|s| s.place.label())
                .unwrap_or_default(),
        ),
        Column::Officer => SortKey::Text(crate::plan::names::fold(
            &crate::plan::staff::officers_text(project, a),
        )),
        Column::StartSlip => slip(|s| s.start),
        Column::EndSlip => slip(|s| s.end),
        // A combined plan's ids are offset per member in the portfolio's order
        // (`plan::portfolio`): by id is by programme, and within one as in its file.
        Column::Programme => SortKey::Same,
    }
}

/// Indices into `project.activities` of the activities `filter` lets through, sorted by
/// `column` (ties by id, so the order is stable).
pub fn rows(project: &Project, filter: &Filter, column: Column, ascending: bool) -> Vec<usize> {
    rows_against(project, filter, column, ascending, &HashMap::new())
}

/// [`rows`], with the slips since a baseline (`plan::baseline::slips`) for the slip columns.
pub fn rows_against(
    project: &Project,
    filter: &Filter,
    column: Column,
    ascending: bool,
    slips: &HashMap<Id, crate::plan::baseline::Slip>,
) -> Vec<usize> {
    let prepared = prepare(project, filter);
    let activities = &project.activities;
    let mut rows: Vec<usize> = (0..activities.len())
        .filter(|&i| matches(project, &activities[i], filter, &prepared))
        .collect();
    // Ties by id, so the order is stable; descending is the same order backwards.
    rows.sort_by_cached_key(|&i| {
        (
            sort_key(project, &activities[i], column, slips),
            activities[i].id,
        )
    });
    if !ascending {
        rows.reverse();
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::sample;

    fn titles(p: &Project, rows: &[usize]) -> Vec<String> {
        rows.iter()
            .map(|&i| p.activities[i].title.clone())
            .collect()
    }

    #[test]
    fn spans_cover_every_session() {
        let p = sample();
        let dated: Vec<_> = p.activities.iter().filter_map(span).collect();
        assert!(dated.iter().all(|(a, b)| a <= b));
        assert!(
            p.activities.iter().any(|a| span(a).is_none()),
            "undated activities exist"
        );
    }

    #[test]
    fn text_search_needs_every_word() {
        let p = sample();
        let filter = Filter {
            text: "REGIONAL asset".into(),
            ..Filter::default()
        };
        let found = titles(&p, &rows(&p, &filter, Column::Title, true));
        assert_eq!(found, ["Regional cooperation in asset recovery"]);
    }

    #[test]
    fn text_search_ignores_accents_and_letters_that_do_not_decompose() {
        let mut p = sample();
        p.staff.clear();
        p.activities.iter_mut().for_each(|a| a.officers.clear());
        p.activities[0].officers = vec![crate::testing::add_staff(&mut p, "Ana Babić")];
        p.activities[1].notes = "Follow-up meeting in Đakovica.".into();
        let search = |p: &Project, text: &str| {
            let filter = Filter {
                text: text.into(),
                ..Filter::default()
            };
            titles(p, &rows(p, &filter, Column::Title, true))
        };
        assert_eq!(search(&p, "babic"), [p.activities[0].title.clone()]);
        assert_eq!(search(&p, "BABIĆ"), [p.activities[0].title.clone()]);
        assert_eq!(search(&p, "dakovica"), [p.activities[1].title.clone()]);
        assert_eq!(
            search(&p, "meeting, dakovica"),
            [p.activities[1].title.clone()]
        );
        assert!(
            search(&p, "babic dakovica").is_empty(),
            "every word must occur"
        );
    }

    fn found(p: &Project, text: &str) -> Vec<Id> {
        let filter = Filter {
            text: text.into(),
            ..Filter::default()
        };
        rows(p, &filter, Column::Title, true)
            .into_iter()
            .map(|i| p.activities[i].id)
            .collect()
    }

    /// The sample with no activity linked to a beneficiary, partner or place, so a search
    /// finds only what a test links.
    fn unlinked() -> Project {
        let mut p = sample();
        for a in &mut p.activities {
            a.beneficiaries.clear();
            a.partners.clear();
            a.funding.clear();
            for s in &mut a.sessions {
                s.place.country.clear();
            }
        }
        p
    }

    #[test]
    fn search_finds_a_beneficiary_by_any_form_of_its_country() {
        let mut p = unlinked();
        let fyrom = p
            .programme
            .jurisdictions
            .iter()
            .find(|j| j.name.contains("Macedonia"))
            .unwrap()
            .id;
        let id = p.activities[0].id;
        assert!(found(&p, "FYROM").is_empty());
        p.activities[0].beneficiaries.push(fyrom);
        for form in ["FYROM", "fyrom", "North Macedonia"] {
            assert_eq!(found(&p, form), [id], "{form}");
        }
        // Every word must still occur somewhere.
        assert!(found(&p, "FYROM Atlantis").is_empty());
    }

    #[test]
    fn search_finds_partners_and_donors_by_their_aliases() {
        let mut p = unlinked();
        let rcc = p.programme.partners[0].id;
        p.activities[1].partners.push(rcc);
        let id = p.activities[1].id;
        assert!(found(&p, "Sarajevo secretariat").is_empty());
        p.programme.partners[0]
            .aliases
            .push("Sarajevo Secretariat".into());
        assert_eq!(found(&p, "sarajevo secretariat"), [id]);
        assert_eq!(found(&p, "RCC"), [id], "by acronym");

        let donor = p.allocate_id();
        p.programme.donors.push(crate::model::Organisation {
            id: donor,
            name: "Government of Sweden".into(),
            acronym: String::new(),
            notes: String::new(),
            through: vec![],
            aliases: vec!["Sida".into()],
        });
        // Read as the file writes it, so the test does not depend on Funding's other fields.
        let funding: crate::model::Funding =
            ron::from_str(&format!("(source: {}, amount: 1000)", donor.0)).unwrap();
        p.activities[2].funding.push(funding);
        let funded = p.activities[2].id;
        assert_eq!(found(&p, "sida"), [funded]);
        assert_eq!(
            found(&p, "Kingdom of Sweden"),
            [funded],
            "the donor's country"
        );
    }

    #[test]
    fn search_finds_a_session_place_by_its_countrys_iso_name() {
        let mut p = unlinked();
        let index = p
            .activities
            .iter()
            .position(|a| !a.sessions.is_empty())
            .unwrap();
        let id = p.activities[index].id;
        p.activities[index].sessions[0].place.country = "UK".into();
        assert_eq!(found(&p, "United Kingdom"), [id]);
        assert_eq!(found(&p, "great britain"), [id]);
        assert!(found(&p, "Moldova").is_empty());
        p.activities[index].sessions[0].place.country = "Republic of Moldova".into();
        assert_eq!(found(&p, "Moldova"), [id]);
        assert!(found(&p, "United Kingdom").is_empty());
        // A place that is a jurisdiction's alias is that jurisdiction, not the country whose
        // code the alias spells (Bangladesh's BD).
        let brcko = p.allocate_id();
        p.programme.jurisdictions.push(crate::model::Jurisdiction {
            id: brcko,
            name: "Brčko District".into(),
            footnote: String::new(),
            aliases: vec!["BD".into()],
        });
        p.activities[index].sessions[0].place.country = "BD".into();
        assert_eq!(found(&p, "brcko"), [id]);
        assert!(found(&p, "Bangladesh").is_empty());
    }

    #[test]
    fn date_range_and_status_combine() {
        let p = sample();
        let filter = Filter {
            from: NaiveDate::from_ymd_opt(2009, 11, 1),
            to: NaiveDate::from_ymd_opt(2009, 12, 31),
            status: Some(Status::Done),
            ..Filter::default()
        };
        let found = rows(&p, &filter, Column::Dates, true);
        assert_eq!(found.len(), 3, "{:?}", titles(&p, &found));
        let starts: Vec<_> = found
            .iter()
            .map(|&i| span(&p.activities[i]).unwrap().0)
            .collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "sorted by date");
        let descending = rows(&p, &filter, Column::Dates, false);
        assert_eq!(descending, found.iter().rev().copied().collect::<Vec<_>>());
    }

    #[test]
    fn branch_filter_follows_objective_links_down_the_tree() {
        let p = sample();
        let pillar = p
            .objectives
            .iter()
            .find(|o| o.title == "Justice and integrity")
            .unwrap()
            .id;
        let filter = Filter {
            branch: Some(pillar),
            ..Filter::default()
        };
        let found = titles(&p, &rows(&p, &filter, Column::Title, true));
        assert!(
            found.contains(&"Regional cooperation mechanisms against corruption".to_string()),
            "{found:?}"
        );
        assert!(!found.contains(&"Assessment of forensic laboratory capacity".to_string()));
    }

    #[test]
    fn slip_columns_sort_by_days_with_undated_last() {
        let mut p = sample();
        let id = p.allocate_id();
        let base = crate::plan::baseline::snapshot(&p, id, "SC1", p.programme.start, "");
        let dated: Vec<usize> = (0..p.activities.len())
            .filter(|&i| !p.activities[i].sessions.is_empty())
            .take(2)
            .collect();
        let (late, early) = (dated[0], dated[1]);
        for s in &mut p.activities[late].sessions {
            s.start = s.start + Days::new(10);
            s.end = s.end.map(|e| e + Days::new(10));
        }
        for s in &mut p.activities[early].sessions {
            s.start = s.start - Days::new(3);
            s.end = s.end.map(|e| e - Days::new(3));
        }
        p.activities
            .push(Activity::new(Id(p.next_id), "Not in the baseline", "Other"));
        let slips = crate::plan::baseline::slips(&p, &base);
        let up = rows_against(&p, &Filter::default(), Column::EndSlip, true, &slips);
        assert_eq!(up[0], early, "the earliest first");
        let last_dated = up
            .iter()
            .rposition(|i| slips.contains_key(&p.activities[*i].id));
        assert_eq!(up[last_dated.unwrap()], late);
        assert_eq!(
            *up.last().unwrap(),
            p.activities.len() - 1,
            "an activity the baseline does not have comes after"
        );
    }

    #[test]
    fn every_column_sorts_both_ways_with_ties_by_id() {
        let mut p = sample();
        // Two titles that differ only in case sort together, by id.
        p.activities[0].title = "assessment".into();
        p.activities[1].title = "Assessment".into();
        for column in [
            Column::Title,
            Column::Kind,
            Column::Status,
            Column::Dates,
            Column::Place,
            Column::Officer,
            Column::StartSlip,
            Column::EndSlip,
            Column::Programme,
        ] {
            let up = rows(&p, &Filter::default(), column, true);
            let mut down = rows(&p, &Filter::default(), column, false);
            assert_eq!(up.len(), p.activities.len());
            down.reverse();
            assert_eq!(up, down, "{column:?}: descending is ascending backwards");
        }
        let by_title = titles(&p, &rows(&p, &Filter::default(), Column::Title, true));
        let at = by_title
            .iter()
            .position(|t| t.eq_ignore_ascii_case("assessment"))
            .unwrap();
        assert!(by_title[at + 1].eq_ignore_ascii_case("assessment"));
        assert!(
            by_title
                .windows(2)
                .all(|w| w[0].to_lowercase() <= w[1].to_lowercase())
        );
    }

    #[test]
    fn undated_activities_sort_last_and_weeks_start_on_monday() {
        let p = sample();
        let all = rows(&p, &Filter::default(), Column::Dates, true);
        assert_eq!(all.len(), p.activities.len());
        assert!(span(&p.activities[*all.last().unwrap()]).is_none());
        let (monday, sunday) = Filter::this_week(NaiveDate::from_ymd_opt(2009, 9, 30).unwrap());
        assert_eq!(monday.to_string(), "2009-09-28");
        assert_eq!(sunday.to_string(), "2009-10-04");
        let (first, last) = Filter::this_month(NaiveDate::from_ymd_opt(2012, 2, 10).unwrap());
        assert_eq!((first.day(), last.day()), (1, 29));
    }
}
