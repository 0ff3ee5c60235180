//! Workplan checks: problems a planner should see, each tied to the activity to fix, ordered
//! by how much they matter, and the findings planners accepted as known exceptions.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};

use crate::model::{AcceptedCheck, Activity, Id, PlaceMode, Precision, Project, Status};
use crate::plan::countries::{country_code, country_name};
use crate::plan::names::{Resolution, Resolver, fold};
use crate::plan::workplan::span;

/// How much a finding matters, most serious first (the order the panel lists them in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The plan cannot be carried out as written: dates outside the programme, a clash.
    Error,
    /// Something is missing or out of order: no date, place or objective, a late predecessor.
    Warning,
    /// Worth a look, often fine: a session on a public holiday.
    Note,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Note];

    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
            Severity::Note => "Note",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            Severity::Error => "errors",
            Severity::Warning => "warnings",
            Severity::Note => "notes",
        }
    }
}

/// How sure a finding is: a session known only to the month may or may not meet on the days
/// of another, so what it is found in is only possible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Certainty {
    Certain,
    Possible,
}

impl Certainty {
    pub fn label(self) -> &'static str {
        match self {
            Certainty::Certain => "Certain",
            Certainty::Possible => "Possible",
        }
    }

    /// The stable word of `workplan check --format json`.
    pub fn code(self) -> &'static str {
        match self {
            Certainty::Certain => "certain",
            Certainty::Possible => "possible",
        }
    }
}

impl Severity {
    /// The stable word of `workplan check --format json` and `--fail-on`.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckKind {
    OutsideProgramme,
    NoDate,
    NoObjective,
    NoPlace,
    PredecessorLate,
    Clash,
    Officer,
    Holiday,
}

/// Which part of the activity a finding is about, so a click on it can open that part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The sessions' dates and places.
    Sessions,
    /// The links to the objective tree.
    Objectives,
    /// The activities it comes after.
    Predecessors,
}

impl CheckKind {
    pub const ALL: [CheckKind; 8] = [
        CheckKind::OutsideProgramme,
        CheckKind::NoDate,
        CheckKind::NoObjective,
        CheckKind::NoPlace,
        CheckKind::PredecessorLate,
        CheckKind::Clash,
        CheckKind::Officer,
        CheckKind::Holiday,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CheckKind::OutsideProgramme => "Outside the programme period",
            CheckKind::NoDate => "No date",
            CheckKind::NoObjective => "No objective link",
            CheckKind::NoPlace => "No place",
            CheckKind::PredecessorLate => "Starts before its predecessor ends",
            CheckKind::Clash => "Clash in one jurisdiction",
            CheckKind::Officer => "Officer in two sessions at once",
            CheckKind::Holiday => "On a public holiday",
        }
    }

    /// What the check looks for, for the tooltip of its switch in the checks panel.
    pub fn description(self) -> &'static str {
        match self {
            CheckKind::OutsideProgramme => {
                "Activities with sessions before the programme starts or after it ends"
            }
            CheckKind::NoDate => "Activities without any dated session",
            CheckKind::NoObjective => "Activities not linked to the objective tree",
            CheckKind::NoPlace => {
                "Sessions still to be held that have neither a city nor a country and are not online"
            }
            CheckKind::PredecessorLate => {
                "Activities that start before a predecessor ends (with its lag)"
            }
            CheckKind::Clash => {
                "Two activities meeting in one country or jurisdiction on overlapping days; \
                 possible when a session is known only to the month"
            }
            CheckKind::Officer => {
                "One officer responsible for two sessions on overlapping days; \
                 possible when a session is known only to the month"
            }
            CheckKind::Holiday => "Sessions on a public holiday of the country they are held in",
        }
    }

    /// A finding between two activities that is the same seen from either: listed, accepted
    /// and withdrawn on both sides.
    pub fn two_sided(self) -> bool {
        matches!(self, CheckKind::Clash | CheckKind::Officer)
    }

    /// The kind a stored code names, including the codes older files wrote.
    pub fn from_code(code: &str) -> Option<CheckKind> {
        match code {
            "outside-programme" => Some(CheckKind::OutsideProgramme),
            "predecessor-late" => Some(CheckKind::PredecessorLate),
            _ => CheckKind::ALL.into_iter().find(|k| k.code() == code),
        }
    }

    /// Whether the programme runs this check (`Settings::checks_off`).
    pub fn is_on(self, settings: &crate::model::Settings) -> bool {
        !settings
            .checks_off
            .iter()
            .any(|c| CheckKind::from_code(c) == Some(self))
    }

    pub fn severity(self) -> Severity {
        match self {
            CheckKind::OutsideProgramme | CheckKind::Clash => Severity::Error,
            CheckKind::NoDate
            | CheckKind::NoObjective
            | CheckKind::NoPlace
            | CheckKind::PredecessorLate
            | CheckKind::Officer => Severity::Warning,
            CheckKind::Holiday => Severity::Note,
        }
    }

    /// The name an accepted exception and the settings store, and `workplan check` prints:
    /// fixed, whatever the label becomes (older files' names are read by [`Self::from_code`]).
    pub fn code(self) -> &'static str {
        match self {
            CheckKind::OutsideProgramme => "outside-period",
            CheckKind::NoDate => "no-date",
            CheckKind::NoObjective => "no-objective",
            CheckKind::NoPlace => "no-place",
            CheckKind::PredecessorLate => "predecessor",
            CheckKind::Clash => "clash",
            CheckKind::Officer => "officer",
            CheckKind::Holiday => "holiday",
        }
    }

    pub fn field(self) -> Field {
        match self {
            CheckKind::NoObjective => Field::Objectives,
            CheckKind::PredecessorLate => Field::Predecessors,
            CheckKind::OutsideProgramme
            | CheckKind::NoDate
            | CheckKind::NoPlace
            | CheckKind::Clash
            | CheckKind::Officer
            | CheckKind::Holiday => Field::Sessions,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub activity: Id,
    pub kind: CheckKind,
    /// The other activity of a clash, or the predecessor that ends too late.
    pub other: Option<Id>,
    /// The holiday a session falls on.
    pub day: Option<NaiveDate>,
    /// The days the finding is about (the overlap of a clash, the activity's span), if any.
    pub days: Option<(NaiveDate, NaiveDate)>,
    pub certainty: Certainty,
    /// The country or jurisdiction of a clash or holiday, as the programme calls it.
    pub jurisdiction: Option<String>,
    pub message: String,
}

impl Finding {
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    /// This finding accepted as an exception, under the fresh id `id`.
    pub fn accept(&self, id: Id, reason: &str, today: NaiveDate) -> AcceptedCheck {
        AcceptedCheck {
            id,
            check: self.kind.code().into(),
            activities: std::iter::once(self.activity).chain(self.other).collect(),
            day: self.day,
            reason: reason.trim().into(),
            accepted_on: Some(today),
        }
    }
}

/// The same clash seen from the other activity: a clash is listed on both sides, and is
/// accepted and withdrawn on both at once.
fn mirror(finding: &Finding) -> Option<Finding> {
    let other = finding.other.filter(|_| finding.kind.two_sided())?;
    Some(Finding {
        activity: other,
        other: Some(finding.activity),
        ..finding.clone()
    })
}

/// The accepted checks once `finding` is accepted with `reason` (a clash on both sides), each
/// new exception under an id from `new_id`.
pub fn accepting(
    accepted: &[AcceptedCheck],
    finding: &Finding,
    reason: &str,
    today: NaiveDate,
    mut new_id: impl FnMut() -> Id,
) -> Vec<AcceptedCheck> {
    let mut list = accepted.to_vec();
    for f in std::iter::once(finding.clone()).chain(mirror(finding)) {
        if acceptances(std::slice::from_ref(&f), &list)[0].is_none() {
            list.push(f.accept(new_id(), reason, today));
        }
    }
    list
}

/// The accepted checks without the one at `index` (and the other side of a clash).
pub fn withdrawing(accepted: &[AcceptedCheck], index: usize) -> Vec<AcceptedCheck> {
    let Some(withdrawn) = accepted.get(index) else {
        return accepted.to_vec();
    };
    let is_pair = |c: &AcceptedCheck| {
        CheckKind::from_code(&withdrawn.check).is_some_and(CheckKind::two_sided)
            && c.check == withdrawn.check
            && c.day == withdrawn.day
            && c.activities.len() == 2
            && withdrawn.activities.len() == 2
            && c.activities[0] == withdrawn.activities[1]
            && c.activities[1] == withdrawn.activities[0]
    };
    accepted
        .iter()
        .enumerate()
        .filter(|&(i, c)| i != index && !is_pair(c))
        .map(|(_, c)| c.clone())
        .collect()
}

/// For each finding, the index in `accepted` of the exception that accepts it, if any.
pub fn acceptances(findings: &[Finding], accepted: &[AcceptedCheck]) -> Vec<Option<usize>> {
    type Key<'a> = (CheckKind, &'a [Id], Option<NaiveDate>);
    let index: HashMap<Key<'_>, usize> = accepted
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let kind = CheckKind::from_code(&a.check)?;
            Some(((kind, a.activities.as_slice(), a.day), i))
        })
        .collect();
    findings
        .iter()
        .map(|f| {
            let ids: Vec<Id> = std::iter::once(f.activity).chain(f.other).collect();
            index.get(&(f.kind, ids.as_slice(), f.day)).copied()
        })
        .collect()
}

pub(crate) fn is_cancelled(a: &Activity) -> bool {
    matches!(a.status, Status::Cancelled)
}

/// Work that already took place: a missing place no longer matters for planning.
fn is_over(a: &Activity) -> bool {
    matches!(a.status, Status::Done | Status::Cancelled)
}

/// Every finding for the project of the checks its settings run, the most serious first, then
/// in workplan order.
pub fn run(project: &Project) -> Vec<Finding> {
    let on = |kind: CheckKind| kind.is_on(&project.settings);
    let mut findings = Vec::new();
    let p = &project.programme;
    for a in project.activities.iter().filter(|a| !is_cancelled(a)) {
        let days = span(a);
        let mut add = |kind: CheckKind, other, message: String| {
            if on(kind) {
                findings.push(Finding {
                    activity: a.id,
                    kind,
                    other,
                    day: None,
                    days,
                    certainty: Certainty::Certain,
                    jurisdiction: None,
                    message,
                })
            }
        };
        match days {
            None => add(
                CheckKind::NoDate,
                None,
                "has no session with a date yet".into(),
            ),
            Some((first, last)) if first < p.start || last > p.end => add(
                CheckKind::OutsideProgramme,
                None,
                format!(
                    "runs {first} to {last}, outside the programme ({} to {})",
                    p.start, p.end
                ),
            ),
            Some(_) => {}
        }
        if a.objectives.is_empty() {
            add(
                CheckKind::NoObjective,
                None,
                "is not linked to any objective".into(),
            );
        }
        if !is_over(a)
            && a.sessions.iter().any(|s| {
                s.place.mode != PlaceMode::Online
                    && s.place.city.trim().is_empty()
                    && s.place.country.trim().is_empty()
            })
        {
            add(
                CheckKind::NoPlace,
                None,
                "has a session without a place".into(),
            );
        }
        if let Some((first, _)) = days {
            for d in &a.predecessors {
                let Some(before) = project.activity(d.activity) else {
                    continue;
                };
                let (Some((_, before_last)), Some(earliest)) = (
                    span(before),
                    crate::plan::schedule::earliest_start(before, a, d.lag_days),
                ) else {
                    continue;
                };
                if first < earliest {
                    add(
                        CheckKind::PredecessorLate,
                        Some(before.id),
                        format!(
                            "starts {first}, but “{}” ends {before_last} (lag {} days)",
                            before.title, d.lag_days
                        ),
                    );
                }
            }
        }
    }
    if on(CheckKind::Clash) {
        findings.extend(clashes(project));
    }
    if on(CheckKind::Officer) {
        findings.extend(officers(project));
    }
    if on(CheckKind::Holiday) {
        findings.extend(holidays(project));
    }
    let order: HashMap<Id, usize> = project
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    // Stable: within one activity and kind, the order found (clash partners, days) stays.
    findings.sort_by_key(|f| {
        (
            f.severity(),
            order.get(&f.activity).copied().unwrap_or(usize::MAX),
            f.kind,
        )
    });
    findings
}

/// Places compared by the country they name, however it is written: a beneficiary
/// jurisdiction by its name, footnote or aliases, any country by its common forms
/// (`plan::countries`), anything else as written, folded. "Kosovo*", "Kosovo" and
/// "Kosovo under UNSCR 1244" are one place; so are "FYROM" and "North Macedonia".
pub(crate) struct Places<'a> {
    jurisdictions: Resolver<usize>,
    /// Per jurisdiction: the key it is compared by and the name to show.
    of_jurisdiction: Vec<(String, &'a str)>,
    /// Keys already worked out, by the text as written (sessions repeat a few places).
    known: HashMap<&'a str, Option<(String, &'a str)>>,
}

impl<'a> Places<'a> {
    pub(crate) fn new(project: &'a Project) -> Self {
        let list = &project.programme.jurisdictions;
        let jurisdictions = Resolver::new(list.iter().enumerate().map(|(i, j)| {
            (
                i,
                j.name.as_str(),
                "",
                j.footnote.as_str(),
                j.aliases.as_slice(),
            )
        }));
        let of_jurisdiction = list
            .iter()
            .map(|j| {
                // By its name only: an alias may be a short form that is also another
                // country's code ("BD" for Brčko District).
                let key = match country_code(&j.name) {
                    Some(code) => format!("country {code}"),
                    None => format!("jurisdiction {}", j.id.0),
                };
                (key, j.name.as_str())
            })
            .collect();
        Places {
            jurisdictions,
            of_jurisdiction,
            known: HashMap::new(),
        }
    }

    /// The key `text` is compared by, and the name to show for it; `None` for no place.
    pub(crate) fn key(&mut self, text: &'a str) -> Option<(String, &'a str)> {
        let text = text.trim();
        if let Some(known) = self.known.get(text) {
            return known.clone();
        }
        let key = if let Resolution::Found(i) = self.jurisdictions.find(text) {
            Some(self.of_jurisdiction[i].clone())
        } else if let Some(code) = country_code(text) {
            Some((format!("country {code}"), country_name(code)))
        } else {
            Some(fold(text))
                .filter(|f| !f.is_empty())
                .map(|f| (format!("text {f}"), text))
        };
        self.known.insert(text, key.clone());
        key
    }
}

/// A session's days, whether they are known to the day, and its activity.
type Held<'a> = (NaiveDate, NaiveDate, Precision, &'a Activity);

/// The pairs of activities whose sessions in one group overlap, both ways round, each pair once
/// per group: certain when both sessions are known to the day, possible when either is known
/// only to the month (its month is all that says it may meet on those days). Groups come
/// sorted by the name they are shown by.
fn overlapping<'a, K: std::hash::Hash + Eq>(
    kind: CheckKind,
    groups: HashMap<K, (&'a str, Vec<Held<'a>>)>,
    message: impl Fn(&str, &Activity, Certainty) -> String,
    jurisdiction: bool,
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = Vec::new();
    // Per pair, the finding's place in `findings` (both sides, this order): a pair is one
    // finding wherever it meets, and a certain overlap found after a possible one makes it
    // certain.
    let mut reported: HashMap<(Id, Id), usize> = HashMap::new();
    sweep(groups, |name, a, other, certainty, days| {
        let pair = (other.id.min(a.id), other.id.max(a.id));
        if let Some(&at) = reported.get(&pair) {
            if certainty == Certainty::Certain && findings[at].certainty != certainty {
                for f in &mut findings[at..at + 2] {
                    let that = if f.other == Some(a.id) { a } else { other };
                    f.certainty = certainty;
                    f.days = Some(days);
                    f.jurisdiction = jurisdiction.then(|| name.to_string());
                    f.message = message(name, that, certainty);
                }
            }
            return;
        }
        reported.insert(pair, findings.len());
        for (this, that) in [(a, other), (other, a)] {
            findings.push(Finding {
                activity: this.id,
                kind,
                other: Some(that.id),
                day: None,
                days: Some(days),
                certainty,
                jurisdiction: jurisdiction.then(|| name.to_string()),
                message: message(name, that, certainty),
            });
        }
    });
    findings
}

/// Every two sessions of different activities in one group (a country, a person) that
/// overlap, by a sweep over each group's sessions in date order: the work grows with the
/// sessions and their overlaps, not with their square. Groups in name order.
fn sweep<'a, K: std::hash::Hash + Eq>(
    groups: HashMap<K, (&'a str, Vec<Held<'a>>)>,
    mut overlap: impl FnMut(&'a str, &'a Activity, &'a Activity, Certainty, (NaiveDate, NaiveDate)),
) {
    let mut groups: Vec<_> = groups.into_values().collect();
    groups.sort_by_key(|(name, _)| *name);
    for (name, mut sessions) in groups {
        sessions.sort_by_key(|&(start, end, _, a)| (start, end, a.id));
        // Sessions still running when the next one starts.
        let mut open: Vec<Held<'a>> = Vec::new();
        for held in sessions {
            let (start, end, precision, a) = held;
            open.retain(|&(_, open_end, _, _)| open_end >= start);
            for &(other_start, other_end, other_precision, other) in &open {
                if other.id == a.id {
                    continue;
                }
                let certainty = if precision == Precision::Day && other_precision == Precision::Day
                {
                    Certainty::Certain
                } else {
                    Certainty::Possible
                };
                overlap(
                    name,
                    a,
                    other,
                    certainty,
                    (start.max(other_start), end.min(other_end)),
                );
            }
            open.push(held);
        }
    }
}

fn overlap_verb(certainty: Certainty) -> &'static str {
    match certainty {
        Certainty::Certain => "overlaps",
        Certainty::Possible => "may overlap",
    }
}

/// Two activities with sessions in the same country on overlapping days (countries compared
/// as [`Places`] compares them); possible when a session is known only to the month. Apart
/// from [`run`] for the calendar, which marks only these.
pub fn clashes(project: &Project) -> Vec<Finding> {
    overlapping(
        CheckKind::Clash,
        sessions_by_country(project),
        |country, that, certainty| {
            format!(
                "{} “{}” in {country}{}",
                overlap_verb(certainty),
                that.title,
                month_note(certainty)
            )
        },
        true,
    )
}

/// The pairs of activities that clash as [`clashes`] finds them, each once (smaller id
/// first, sorted), without a finding and its message per pair: the calendar marks them all,
/// and a portfolio's combined plan can hold millions.
pub fn clash_pairs(project: &Project) -> Vec<(Id, Id)> {
    let mut pairs = Vec::new();
    sweep(sessions_by_country(project), |_, a, other, _, _| {
        pairs.push((a.id.min(other.id), a.id.max(other.id)));
    });
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Each country's held sessions (online ones are held nowhere), keyed as [`Places`] keys
/// countries; a milestone takes no time, so it cannot clash with work going on around it.
fn sessions_by_country(project: &Project) -> HashMap<String, (&str, Vec<Held<'_>>)> {
    let mut places = Places::new(project);
    let mut by_country: HashMap<String, (&str, Vec<Held<'_>>)> = HashMap::new();
    // A milestone takes no time, so it cannot clash with work going on around it.
    for a in project
        .activities
        .iter()
        .filter(|a| !is_cancelled(a) && !a.milestone)
    {
        for s in &a.sessions {
            if s.place.mode == PlaceMode::Online {
                continue;
            }
            if let Some((key, shown)) = places.key(&s.place.country) {
                by_country
                    .entry(key)
                    .or_insert_with(|| (shown, Vec::new()))
                    .1
                    .push((s.start, s.last_day(), s.precision, a));
            }
        }
    }
    by_country
}

fn month_note(certainty: Certainty) -> &'static str {
    match certainty {
        Certainty::Certain => "",
        Certainty::Possible => " (a session is known only to the month)",
    }
}

/// One officer responsible for two activities whose sessions overlap, wherever they are held
/// (online too: one person cannot run both); officers are staff members, compared by id
/// (imports and older files resolve "Babić" and "babic" to one member).
fn officers(project: &Project) -> Vec<Finding> {
    let mut by_person: HashMap<Id, (&str, Vec<Held<'_>>)> = HashMap::new();
    for a in project
        .activities
        .iter()
        .filter(|a| !is_cancelled(a) && !a.milestone)
    {
        for &id in &a.officers {
            let Some(member) = project.staff_member(id) else {
                continue;
            };
            let entry = by_person
                .entry(id)
                .or_insert_with(|| (member.name.as_str(), Vec::new()));
            for s in &a.sessions {
                entry.1.push((s.start, s.last_day(), s.precision, a));
            }
        }
    }
    overlapping(
        CheckKind::Officer,
        by_person,
        |person, that, certainty| {
            format!(
                "{person} {} sessions of “{}”{}",
                match certainty {
                    Certainty::Certain => "is also in",
                    Certainty::Possible => "may also be in",
                },
                that.title,
                month_note(certainty)
            )
        },
        false,
    )
}

/// Sessions held on a public holiday of the country where they take place (the holidays'
/// country and the session's compared as [`Places`] compares them). A session known only to
/// the month is not said to meet on the holidays of its months.
fn holidays(project: &Project) -> Vec<Finding> {
    let mut places = Places::new(project);
    let mut days: HashMap<String, HashMap<NaiveDate, &str>> = HashMap::new();
    for set in &project.holidays {
        let Some((key, _)) = places.key(&set.country) else {
            continue;
        };
        let entry = days.entry(key).or_default();
        for h in &set.days {
            entry.insert(h.date, &h.name);
        }
    }
    let mut findings = Vec::new();
    if days.is_empty() {
        return findings;
    }
    for a in project.activities.iter().filter(|a| !is_cancelled(a)) {
        for s in a.sessions.iter().filter(|s| s.precision == Precision::Day) {
            let Some((holidays, shown)) = places
                .key(&s.place.country)
                .and_then(|(key, shown)| days.get(&key).map(|h| (h, shown)))
            else {
                continue;
            };
            let mut day = s.start;
            while day <= s.last_day() {
                if let Some(name) = holidays.get(&day) {
                    findings.push(Finding {
                        activity: a.id,
                        kind: CheckKind::Holiday,
                        other: None,
                        day: Some(day),
                        days: Some((day, day)),
                        certainty: Certainty::Certain,
                        jurisdiction: Some(shown.to_string()),
                        message: format!("meets on {day}, {name} in {}", s.place.country.trim()),
                    });
                }
                day = day + Days::new(1);
            }
        }
    }
    findings
}

/// The programme's public holidays by the place a session names, its country compared as
/// [`Places`] compares it (for moving sessions off days off).
pub struct HolidayDays<'a> {
    places: Places<'a>,
    days: HashMap<String, HashSet<NaiveDate>>,
}

impl<'a> HolidayDays<'a> {
    pub fn new(project: &'a Project) -> Self {
        let mut places = Places::new(project);
        let mut days: HashMap<String, HashSet<NaiveDate>> = HashMap::new();
        for set in &project.holidays {
            if let Some((key, _)) = places.key(&set.country) {
                days.entry(key)
                    .or_default()
                    .extend(set.days.iter().map(|h| h.date));
            }
        }
        HolidayDays { places, days }
    }

    /// Whether `day` is a public holiday in `country` (as a session's place writes it).
    pub fn is_holiday(&mut self, country: &'a str, day: NaiveDate) -> bool {
        if self.days.is_empty() {
            return false;
        }
        self.places
            .key(country)
            .and_then(|(key, _)| self.days.get(&key))
            .is_some_and(|days| days.contains(&day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dependency, Holiday, HolidaySet, Place, Session};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    use crate::testing::sample;

    fn kinds(findings: &[Finding], activity: Id) -> Vec<CheckKind> {
        findings
            .iter()
            .filter(|f| f.activity == activity)
            .map(|f| f.kind)
            .collect()
    }

    #[test]
    fn each_check_fires_on_a_real_case() {
        let mut p = sample();
        let a = p.activities[4].id; // 18-20 Nov 2009
        let b = p.activities[5].id; // 2-4 Dec 2009
        let place = Place {
            mode: PlaceMode::InPerson,
            city: "Belgrade".into(),
            country: "Serbia".into(),
        };
        p.activities[4].sessions[0].place = place.clone();
        // b is made to overlap a, in the same country, and to follow it with a lag it misses.
        p.activities[5].sessions[0] = Session {
            id: p.activities[5].sessions[0].id,
            start: d(2009, 11, 19),
            end: Some(d(2009, 11, 21)),
            precision: Precision::Day,
            place,
        };
        p.activities[5].predecessors = vec![Dependency {
            activity: a,
            lag_days: 0,
        }];
        p.activities[5].objectives.clear();
        p.holidays.push(HolidaySet {
            id: Id(9000),
            country: "Serbia".into(),
            days: vec![Holiday {
                date: d(2009, 11, 20),
                name: "Test holiday".into(),
            }],
        });
        p.next_id = 9001;
        let findings = run(&p);
        let of_b = kinds(&findings, b);
        for expected in [
            CheckKind::NoObjective,
            CheckKind::PredecessorLate,
            CheckKind::Clash,
            CheckKind::Holiday,
        ] {
            assert!(of_b.contains(&expected), "{expected:?} in {findings:#?}");
        }
        assert!(
            kinds(&findings, a).contains(&CheckKind::Clash),
            "a clash is shown on both sides"
        );
        assert!(kinds(&findings, a).contains(&CheckKind::Holiday));
    }

    /// The sample with two of its activities meeting on overlapping days, one in each place
    /// (as the session's country is written), and whether the checks call that a clash.
    fn clash_between(p: &mut Project, first: &str, second: &str) -> bool {
        for (index, country, start) in [(4, first, d(2009, 11, 18)), (5, second, d(2009, 11, 19))] {
            let a = &mut p.activities[index];
            a.status = Status::Planned;
            a.milestone = false;
            a.sessions.truncate(1);
            a.sessions[0].start = start;
            a.sessions[0].end = Some(start + Days::new(2));
            a.sessions[0].precision = Precision::Day;
            a.sessions[0].place = Place {
                mode: PlaceMode::InPerson,
                city: String::new(),
                country: country.into(),
            };
        }
        let (a, b) = (p.activities[4].id, p.activities[5].id);
        run(p)
            .iter()
            .any(|f| f.kind == CheckKind::Clash && f.activity == a && f.other == Some(b))
    }

    #[test]
    fn a_clash_is_found_however_the_country_is_written() {
        let mut p = sample();
        assert!(clash_between(&mut p, "Serbia", "serbia"));
        assert!(clash_between(&mut p, "Serbia", "Republic of Serbia"));
        assert!(clash_between(&mut p, "Kosovo*", "Kosovo under UNSCR 1244"));
        assert!(clash_between(&mut p, "UK", "United Kingdom"));
        assert!(!clash_between(&mut p, "Niger", "Nigeria"));
        assert!(!clash_between(&mut p, "Serbia", "Montenegro"));
        assert!(!clash_between(&mut p, "Serbia", ""));
    }

    #[test]
    fn a_clash_is_found_through_a_jurisdictions_aliases() {
        let mut p = sample();
        let id = p.allocate_id();
        p.programme.jurisdictions.push(crate::model::Jurisdiction {
            id,
            name: "Brčko District".into(),
            footnote: String::new(),
            aliases: vec!["BD".into(), "Distrikt Brčko".into()],
        });
        assert!(clash_between(&mut p, "Brcko District", "BD"));
        assert!(clash_between(&mut p, "Distrikt Brcko", "Brčko District"));
        assert!(!clash_between(&mut p, "BD", "Bosnia and Herzegovina"));
        // A jurisdiction's alias wins over a country code it happens to spell (Bangladesh's).
        assert!(!clash_between(&mut p, "BD", "Bangladesh"));
        // The message names the place as the programme calls it.
        clash_between(&mut p, "BD", "Distrikt Brcko");
        let clash = run(&p)
            .into_iter()
            .find(|f| f.kind == CheckKind::Clash)
            .unwrap();
        assert!(
            clash.message.ends_with("in Brčko District"),
            "{}",
            clash.message
        );
    }

    #[test]
    fn holidays_are_found_however_the_country_is_written() {
        let mut p = sample();
        p.holidays.clear();
        p.holidays.push(HolidaySet {
            id: Id(9000),
            country: "Republic of Serbia".into(),
            days: vec![Holiday {
                date: d(2009, 11, 19),
                name: "Test holiday".into(),
            }],
        });
        p.next_id = 9001;
        let on_holiday = |p: &mut Project, country: &str| {
            clash_between(p, country, "Montenegro");
            let a = p.activities[4].id;
            run(p)
                .iter()
                .any(|f| f.kind == CheckKind::Holiday && f.activity == a)
        };
        assert!(on_holiday(&mut p, "Serbia"));
        assert!(on_holiday(&mut p, "SRB"));
        assert!(!on_holiday(&mut p, "Slovenia"));
    }

    #[test]
    fn milestones_have_no_length() {
        let mut p = sample();
        let signing = p.activities.iter().find(|a| a.milestone).unwrap().id;
        assert!(
            !kinds(&run(&p), signing).contains(&CheckKind::PredecessorLate),
            "on the conference's last day"
        );
        let index = p.activities.iter().position(|a| a.id == signing).unwrap();
        p.activities[index].milestone = false;
        assert!(
            kinds(&run(&p), signing).contains(&CheckKind::PredecessorLate),
            "a one-day activity would not fit"
        );
    }

    #[test]
    fn the_sample_flags_what_a_planner_would_fix() {
        let p = sample();
        let findings = run(&p);
        // The activities the programme had not scheduled yet have no date.
        let undated = p
            .activities
            .iter()
            .filter(|a| a.sessions.is_empty())
            .count();
        assert_eq!(
            findings
                .iter()
                .filter(|f| f.kind == CheckKind::NoDate)
                .count(),
            undated
        );
        // The 2008 expert meeting predates the programme period.
        assert!(
            findings
                .iter()
                .any(|f| f.kind == CheckKind::OutsideProgramme)
        );
        assert!(findings.iter().all(|f| p.activity(f.activity).is_some()));
    }

    #[test]
    fn findings_come_most_serious_first() {
        let p = sample();
        let findings = run(&p);
        let severities: Vec<Severity> = findings.iter().map(Finding::severity).collect();
        let mut sorted = severities.clone();
        sorted.sort();
        assert_eq!(severities, sorted);
        assert_eq!(
            findings[0].kind.severity(),
            Severity::Error,
            "the sample's 2008 meeting lies outside the programme: {:?}",
            findings[0]
        );
        assert!(Severity::Error < Severity::Warning && Severity::Warning < Severity::Note);
        assert_eq!(CheckKind::Clash.severity(), Severity::Error);
        assert_eq!(CheckKind::NoPlace.severity(), Severity::Warning);
        assert_eq!(CheckKind::Holiday.severity(), Severity::Note);
    }

    #[test]
    fn work_already_done_needs_no_place() {
        let mut p = sample();
        let index = p
            .activities
            .iter()
            .position(|a| !a.sessions.is_empty())
            .unwrap();
        let id = p.activities[index].id;
        p.activities[index].sessions[0].place = Place::default();
        p.activities[index].status = Status::Planned;
        assert!(kinds(&run(&p), id).contains(&CheckKind::NoPlace));
        p.activities[index].status = Status::Done;
        assert!(
            !kinds(&run(&p), id).contains(&CheckKind::NoPlace),
            "done: nothing left to plan"
        );
        p.activities[index].status = Status::Postponed;
        assert!(kinds(&run(&p), id).contains(&CheckKind::NoPlace));
    }

    #[test]
    fn an_exception_matches_its_own_finding_only() {
        let today = d(2009, 9, 1);
        let (a, b, c) = (Id(1), Id(2), Id(3));
        let finding = |kind, activity, other, day| Finding {
            activity,
            kind,
            other,
            day,
            days: None,
            certainty: Certainty::Certain,
            jurisdiction: None,
            message: String::new(),
        };
        let clash_ab = finding(CheckKind::Clash, a, Some(b), None);
        let clash_ba = finding(CheckKind::Clash, b, Some(a), None);
        let clash_ac = finding(CheckKind::Clash, a, Some(c), None);
        let holiday_1 = finding(CheckKind::Holiday, a, None, Some(d(2009, 11, 20)));
        let holiday_2 = finding(CheckKind::Holiday, a, None, Some(d(2009, 11, 21)));
        let no_place = finding(CheckKind::NoPlace, a, None, None);
        let accepted = vec![
            clash_ab.accept(Id(10), "  Two rooms in one building ", today),
            holiday_1.accept(Id(11), "The ministry works that day", today),
        ];
        assert_eq!(accepted[0].reason, "Two rooms in one building");
        assert_eq!(accepted[0].activities, vec![a, b]);
        assert_eq!(accepted[0].accepted_on, Some(today));
        let findings = [clash_ab, clash_ba, clash_ac, holiday_1, holiday_2, no_place];
        assert_eq!(
            acceptances(&findings, &accepted),
            vec![Some(0), None, None, Some(1), None, None],
            "each side of a clash, each other activity and each day is its own finding"
        );
        // An exception whose finding is gone (or whose activity was deleted) matches nothing.
        assert_eq!(acceptances(&[], &accepted), Vec::<Option<usize>>::new());
        let mut stale = accepted[0].clone();
        stale.activities.pop();
        assert_eq!(acceptances(&findings[..1], &[stale]), vec![None]);
    }

    #[test]
    fn every_check_has_its_own_code() {
        let codes: HashSet<&str> = CheckKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes.len(), CheckKind::ALL.len());
    }

    #[test]
    fn a_clash_is_accepted_and_withdrawn_on_both_sides() {
        let today = d(2009, 9, 1);
        let (a, b) = (Id(1), Id(2));
        let clash = |activity, other| Finding {
            activity,
            kind: CheckKind::Clash,
            other: Some(other),
            day: None,
            days: None,
            certainty: Certainty::Certain,
            jurisdiction: None,
            message: String::new(),
        };
        let mut next = 100;
        let mut new_id = || {
            next += 1;
            Id(next)
        };
        let list = accepting(&[], &clash(a, b), "Two rooms", today, &mut new_id);
        assert_eq!(list.len(), 2);
        assert_eq!(
            acceptances(&[clash(a, b), clash(b, a)], &list),
            vec![Some(0), Some(1)]
        );
        assert_eq!(
            accepting(&list, &clash(b, a), "Again", today, &mut new_id),
            list,
            "accepting an accepted finding adds nothing"
        );
        let no_place = Finding {
            activity: a,
            kind: CheckKind::NoPlace,
            other: None,
            day: None,
            days: None,
            certainty: Certainty::Certain,
            jurisdiction: None,
            message: String::new(),
        };
        let list = accepting(&list, &no_place, "Online after all", today, &mut new_id);
        assert_eq!(list.len(), 3, "one side only where there is no other side");
        let left = withdrawing(&list, 1);
        assert_eq!(left.len(), 1, "both sides of the clash go");
        assert_eq!(left[0].check, "no-place");
        assert_eq!(withdrawing(&left, 0), vec![]);
        assert_eq!(
            withdrawing(&left, 5),
            left,
            "nothing at that place, nothing withdrawn"
        );
    }

    #[test]
    fn accepted_checks_are_saved_and_read_back_by_both_writers_and_readers() {
        let mut p = sample();
        let plain = crate::io::to_ron(&p);
        assert!(
            !plain.contains("accepted_checks"),
            "a file without exceptions is written as before"
        );
        let finding = run(&p).remove(0);
        let id = p.allocate_id();
        p.accepted_checks
            .push(finding.accept(id, "Agreed “before” the start", d(2009, 9, 1)));
        let (fast, ron) = crate::io::write_with_both(&p);
        assert_eq!(fast.as_deref(), Some(ron.as_str()));
        assert!(ron.contains("accepted_checks"));
        let (fast, slow) = crate::io::read_with_both(&ron);
        assert_eq!(fast.as_ref(), Some(&p));
        assert_eq!(slow.as_ref(), Some(&p));
        assert!(crate::edit::integrity::check(&p).is_empty());
        assert_eq!(acceptances(&run(&p), &p.accepted_checks)[0], Some(0));
    }

    /// Activities 4 and 5 of the sample in Serbia: 4 on 18-20 November 2009 known to the day,
    /// 5 at `second` (a start and an end, known to the day or only to the month).
    fn serbia_pair(p: &mut Project, second: (NaiveDate, NaiveDate, Precision)) -> (Id, Id) {
        clash_between(p, "Serbia", "Serbia");
        let s = &mut p.activities[5].sessions[0];
        (s.start, s.end, s.precision) = (second.0, Some(second.1), second.2);
        (p.activities[4].id, p.activities[5].id)
    }

    fn clash_of(p: &Project, a: Id, b: Id) -> Option<Finding> {
        run(p)
            .into_iter()
            .find(|f| f.kind == CheckKind::Clash && f.activity == a && f.other == Some(b))
    }

    #[test]
    fn clash_pairs_are_the_clashes_findings_each_pair_once() {
        // A generated plan crowds its sessions into a few countries: many clashes, some
        // known only to the month, some pairs meeting in several countries.
        let p = crate::plan::generate::project(400, 20, 0, 7);
        let mut from_findings: Vec<(Id, Id)> = clashes(&p)
            .iter()
            .filter_map(|f| Some((f.activity.min(f.other?), f.activity.max(f.other?))))
            .collect();
        from_findings.sort_unstable();
        from_findings.dedup();
        assert!(from_findings.len() > 50, "{}", from_findings.len());
        assert_eq!(clash_pairs(&p), from_findings);
    }

    #[test]
    fn a_session_known_to_the_month_clashes_possibly() {
        let mut p = sample();
        let november = (d(2009, 11, 1), d(2009, 11, 30), Precision::Month);
        let (a, b) = serbia_pair(&mut p, november);
        let clash = clash_of(&p, a, b).expect("November may hold 18-20 November");
        assert_eq!(clash.certainty, Certainty::Possible);
        assert!(
            clash.message.starts_with("may overlap"),
            "{}",
            clash.message
        );
        assert!(
            clash.message.contains("only to the month"),
            "{}",
            clash.message
        );
        assert_eq!(clash.days, Some((d(2009, 11, 18), d(2009, 11, 20))));
        assert_eq!(clash.jurisdiction.as_deref(), Some("Serbia"));
        let back = clash_of(&p, b, a).expect("on both sides");
        assert_eq!(back.certainty, Certainty::Possible);
        // December to January cannot hold 18-20 November; October to November can.
        let later = (d(2009, 12, 1), d(2010, 1, 31), Precision::Month);
        serbia_pair(&mut p, later);
        assert_eq!(clash_of(&p, a, b), None);
        let before = (d(2009, 10, 1), d(2009, 11, 30), Precision::Month);
        serbia_pair(&mut p, before);
        assert_eq!(clash_of(&p, a, b).unwrap().certainty, Certainty::Possible);
        // Known to the day on both sides, the same days are a certain clash.
        let days = (d(2009, 11, 20), d(2009, 11, 22), Precision::Day);
        serbia_pair(&mut p, days);
        let clash = clash_of(&p, a, b).unwrap();
        assert_eq!(clash.certainty, Certainty::Certain);
        assert!(clash.message.starts_with("overlaps"), "{}", clash.message);
        assert_eq!(clash.days, Some((d(2009, 11, 20), d(2009, 11, 20))));
        // The day after the last: no clash, whatever the precision of the other.
        let after = (d(2009, 11, 21), d(2009, 11, 22), Precision::Day);
        serbia_pair(&mut p, after);
        assert_eq!(clash_of(&p, a, b), None);
    }

    #[test]
    fn a_certain_overlap_wins_over_a_possible_one_of_the_same_pair() {
        let mut p = sample();
        let november = (d(2009, 11, 1), d(2009, 11, 30), Precision::Month);
        let (a, b) = serbia_pair(&mut p, november);
        let mut second = p.activities[5].sessions[0].clone();
        second.id = p.allocate_id();
        (second.start, second.end, second.precision) = (d(2009, 11, 20), None, Precision::Day);
        p.activities[5].sessions.push(second);
        let clashes: Vec<Finding> = run(&p)
            .into_iter()
            .filter(|f| f.kind == CheckKind::Clash && f.activity == a)
            .collect();
        assert_eq!(clashes.len(), 1, "one finding per pair: {clashes:#?}");
        assert_eq!(clashes[0].other, Some(b));
        assert_eq!(clashes[0].certainty, Certainty::Certain);
        assert_eq!(clashes[0].days, Some((d(2009, 11, 20), d(2009, 11, 20))));
    }

    #[test]
    fn a_staff_member_in_two_sessions_at_once_is_found() {
        let mut p = sample();
        // Two places: no clash in a country, only the person.
        clash_between(&mut p, "Serbia", "Montenegro");
        let (a, b) = (p.activities[4].id, p.activities[5].id);
        let ana = crate::testing::add_staff(&mut p, "Ana Babić");
        let marko = crate::testing::add_staff(&mut p, "M. Petrović");
        p.activities[4].officers = vec![ana];
        p.activities[5].officers = vec![marko, ana];
        let of = |p: &Project| {
            run(p)
                .into_iter()
                .find(|f| f.kind == CheckKind::Officer && f.activity == a && f.other == Some(b))
        };
        let found = of(&p).expect("Babić and babic are one person");
        assert_eq!(found.certainty, Certainty::Certain);
        assert!(
            found.message.starts_with("Ana Babić is also in"),
            "{}",
            found.message
        );
        assert_eq!(found.jurisdiction, None);
        assert!(
            !run(&p).iter().any(|f| f.kind == CheckKind::Clash),
            "Serbia and Montenegro do not clash"
        );
        // Online sessions take the person too.
        p.activities[5].sessions[0].place.mode = PlaceMode::Online;
        assert!(of(&p).is_some());
        // Known only to the month: possibly.
        let s = &mut p.activities[5].sessions[0];
        (s.start, s.end, s.precision) = (d(2009, 11, 1), Some(d(2009, 11, 30)), Precision::Month);
        let found = of(&p).unwrap();
        assert_eq!(found.certainty, Certainty::Possible);
        assert!(
            found.message.contains("may also be in"),
            "{}",
            found.message
        );
        p.activities[5].officers = vec![crate::testing::add_staff(&mut p, "Ana Babić")];
        assert_eq!(of(&p), None, "another member, though of the same name");
    }

    #[test]
    fn the_programme_chooses_which_checks_run() {
        let mut p = sample();
        let all = run(&p);
        assert!(all.iter().any(|f| f.kind == CheckKind::NoDate));
        assert!(all.iter().any(|f| f.kind == CheckKind::OutsideProgramme));
        p.settings.checks_off = vec!["no-date".into(), "outside-programme".into()];
        let some = run(&p);
        assert!(!some.iter().any(|f| f.kind == CheckKind::NoDate));
        assert!(
            !some.iter().any(|f| f.kind == CheckKind::OutsideProgramme),
            "the name older files wrote still turns it off"
        );
        assert_eq!(
            some.len(),
            all.iter()
                .filter(|f| !matches!(f.kind, CheckKind::NoDate | CheckKind::OutsideProgramme))
                .count()
        );
        for kind in CheckKind::ALL {
            p.settings.checks_off = vec![kind.code().into()];
            assert!(!kind.is_on(&p.settings));
            assert!(run(&p).iter().all(|f| f.kind != kind), "{kind:?}");
            assert_eq!(CheckKind::from_code(kind.code()), Some(kind));
        }
        // A file that turns nothing off is written as before.
        p.settings.checks_off.clear();
        assert!(!crate::io::to_ron(&p).contains("checks_off"));
    }

    #[test]
    fn exceptions_stored_under_older_names_still_match() {
        let p = sample();
        let finding = run(&p)
            .into_iter()
            .find(|f| f.kind == CheckKind::OutsideProgramme)
            .unwrap();
        let mut exception = finding.accept(Id(99), "Preparatory meeting", d(2009, 9, 1));
        assert_eq!(exception.check, "outside-period");
        exception.check = "outside-programme".into();
        assert_eq!(acceptances(&[finding], &[exception]), vec![Some(0)]);
    }
}
