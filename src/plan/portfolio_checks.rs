//! Checks across the files of a portfolio: activities of different programmes that meet in
//! the same jurisdiction on the same days, one person or one partner in two programmes'
//! activities at once, and activities that look like the same work planned twice.
//!
//! Clashes are found by a sweep per jurisdiction (person, partner): its sessions sorted by
//! start, with the set of those still running, so the work grows with the sessions and their
//! overlaps, never with their square. Duplicates come from an inverted index of the aims'
//! words, so only activities sharing a rare word are ever compared.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::portfolio::{MemberActivity, NotDuplicate};
use crate::model::{Activity, Id, PlaceMode, Precision, Project};
use crate::plan::checks::{Certainty, Places, Severity, is_cancelled};
use crate::plan::names::fold;
use crate::plan::workplan::span;

/// One programme of the portfolio, as the checks see it.
#[derive(Clone, Copy, Debug)]
pub struct Member<'a> {
    /// The member's path in the portfolio (as `MemberActivity::member` names it).
    pub path: &'a str,
    /// The programme's display name.
    pub name: &'a str,
    pub project: &'a Project,
}

/// What a cross-file finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CrossKind {
    /// Two programmes in one jurisdiction on overlapping days.
    Clash,
    /// One person in two programmes' sessions at once.
    Officer,
    /// One partner organisation in two programmes' sessions at once.
    Partner,
    /// Two programmes' activities with similar aims for the same beneficiaries, close in time.
    Duplicate,
}

impl CrossKind {
    pub const ALL: [CrossKind; 4] = [
        CrossKind::Clash,
        CrossKind::Officer,
        CrossKind::Partner,
        CrossKind::Duplicate,
    ];

    /// The stable code of `workplan check` (text and JSON).
    pub fn code(self) -> &'static str {
        match self {
            CrossKind::Clash => "cross-clash",
            CrossKind::Officer => "cross-officer",
            CrossKind::Partner => "cross-partner",
            CrossKind::Duplicate => "duplicate",
        }
    }

    /// As the single-file checks rank them: a clash is an error, one officer (or partner) in
    /// two sessions at once a warning, a likely duplicate a note.
    pub fn severity(self) -> Severity {
        match self {
            CrossKind::Clash => Severity::Error,
            CrossKind::Officer | CrossKind::Partner => Severity::Warning,
            CrossKind::Duplicate => Severity::Note,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CrossKind::Clash => "Same jurisdiction, same days",
            CrossKind::Officer => "Same person, same days",
            CrossKind::Partner => "Same partner, same days",
            CrossKind::Duplicate => "Likely duplicate",
        }
    }
}

/// One finding across two members: `first` belongs to the member listed first in the input.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossFinding {
    pub kind: CrossKind,
    /// Index into the members given to [`run`], and the activity there.
    pub first_member: usize,
    pub first: MemberActivity,
    pub second_member: usize,
    pub second: MemberActivity,
    /// The jurisdiction, person or partner both meet in (as the first file writes it); for a
    /// duplicate, the first beneficiary both share.
    pub subject: String,
    /// The days both meet on; for a duplicate, the first's span.
    pub days: Option<(NaiveDate, NaiveDate)>,
    pub certainty: Certainty,
    /// For duplicates: how alike the two are, 0 to 1.
    pub score: f32,
    /// For duplicates: why they look alike ("both on firearms marking", "both for Serbia").
    pub reasons: Vec<String>,
}

/// Settings of the checks; `Default` is what the window and `workplan check` use.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Duplicates at most this many days apart (about three months).
    pub duplicate_days: i64,
    /// The least score a duplicate is listed with.
    pub duplicate_score: f32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            duplicate_days: 92,
            duplicate_score: 0.3,
        }
    }
}

/// The people of an activity: its officers from its file's staff list, each as a key that
/// means the same in every file (the name folded by `names::fold`, since a staff id only
/// means something in its own file) and the name as its file writes it.
pub fn people_of<'p>(
    project: &'p Project,
    activity: &Activity,
) -> impl Iterator<Item = (String, &'p str)> {
    crate::plan::staff::officer_names(project, activity)
        .into_iter()
        .filter_map(|name| Some((name_key(name)?, name)))
}

/// The key a person or partner is compared by across files; `None` for a blank name.
fn name_key(name: &str) -> Option<String> {
    Some(fold(name)).filter(|key| !key.is_empty())
}

/// A session interval in one subject: days, precision, member and activity indices.
#[derive(Clone, Copy)]
struct Interval {
    start: NaiveDate,
    end: NaiveDate,
    precision: Precision,
    member: u32,
    activity: u32,
}

/// The subjects of one kind (places, people or partners), numbered in the order first met:
/// each key once, with the name to show (as the first file to name it writes it), and every
/// interval with its subject's number in one list (one list grows more cheaply than one per
/// subject). Each member's activities look a subject up once per name in their own file, not
/// once per session.
#[derive(Default)]
struct Subjects {
    of_key: HashMap<String, u32>,
    shown: Vec<String>,
    intervals: Vec<(u32, Interval)>,
}

impl Subjects {
    fn id(&mut self, key: &str, shown: &str) -> u32 {
        if let Some(&id) = self.of_key.get(key) {
            return id;
        }
        let id = self.shown.len() as u32;
        self.of_key.insert(key.to_string(), id);
        self.shown.push(shown.to_string());
        id
    }

    fn push(&mut self, id: u32, interval: Interval) {
        self.intervals.push((id, interval));
    }

    /// The intervals by subject, in the order met within each (a counting sort): the list
    /// and where each subject's part of it starts, with one more for its end.
    fn by_subject(&self) -> (Vec<Interval>, Vec<usize>) {
        let mut starts = vec![0; self.shown.len() + 1];
        for &(id, _) in &self.intervals {
            starts[id as usize + 1] += 1;
        }
        for n in 1..starts.len() {
            starts[n] += starts[n - 1];
        }
        let Some(&(_, any)) = self.intervals.first() else {
            return (Vec::new(), starts);
        };
        let mut next = starts.clone();
        let mut sorted = vec![any; self.intervals.len()];
        for &(id, interval) in &self.intervals {
            sorted[next[id as usize]] = interval;
            next[id as usize] += 1;
        }
        (sorted, starts)
    }
}

/// The key a place (a jurisdiction's name, a session's country) is compared by in every file,
/// and the name to show for it. A jurisdiction that is no known country is keyed by its id in
/// its own file, which another file does not share, so by its name instead.
fn place_key<'a>(keys: &mut Places<'a>, text: &'a str) -> Option<(String, &'a str)> {
    let (key, shown) = keys.key(text)?;
    let key = if key.starts_with("jurisdiction ") {
        format!("text {}", fold(shown))
    } else {
        key
    };
    Some((key, shown))
}

fn activities(project: &Project) -> impl Iterator<Item = (usize, &Activity)> {
    project
        .activities
        .iter()
        .enumerate()
        .filter(|(_, a)| !is_cancelled(a) && !a.milestone)
}

/// The sweep's work, for the tests and benchmarks: pairs of intervals looked at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    pub comparisons: u64,
    pub intervals: u64,
    /// Pairs of activities the duplicates check scored (only those sharing a rare word).
    pub candidates: u64,
}

/// Every cross-file finding among `members`, leaving out duplicates a mark covers, grouped
/// by kind, pair of programmes and subject (see [`Findings`]).
pub fn run(members: &[Member<'_>], not_duplicates: &[NotDuplicate]) -> Findings {
    run_with(
        members,
        not_duplicates,
        Options::default(),
        &mut Work::default(),
    )
}

pub fn run_with(
    members: &[Member<'_>],
    not_duplicates: &[NotDuplicate],
    options: Options,
    work: &mut Work,
) -> Findings {
    let [places, people, partners] = gather(members.iter().map(|m| m.project), true);
    let mut groups = Vec::new();
    for (kind, found) in [
        (CrossKind::Clash, places),
        (CrossKind::Officer, people),
        (CrossKind::Partner, partners),
    ] {
        sweep(kind, found, members.len(), work, &mut groups);
    }
    groups.extend(duplicates(members, not_duplicates, options, work));
    Findings::new(groups)
}

/// One member's subject numbers, each looked up the first time its activities name it:
/// `None` not yet looked up, `Some(None)` no subject (no place, a blank name).
type Known = Vec<Option<Option<u32>>>;

fn known<'s>(
    cache: &mut Known,
    at: usize,
    subjects: &mut Subjects,
    of: impl FnOnce() -> Option<(String, &'s str)>,
) -> Option<u32> {
    *cache[at].get_or_insert_with(|| of().map(|(key, shown)| subjects.id(&key, shown)))
}

/// Every session of `projects` in the subjects it meets in: the places (where it is held and
/// its beneficiaries, whose counterparts are busy wherever it is held), and with `everyone`
/// also its officers and partners. One rule of where an activity meets, for the checks and
/// for the combined calendar's clash marks.
fn gather<'p>(projects: impl Iterator<Item = &'p Project>, everyone: bool) -> [Subjects; 3] {
    let [mut places, mut people, mut partners] = [(); 3].map(|_| Subjects::default());
    // One activity's subjects, reused.
    let (mut beneficiaries, mut who, mut with) = (Vec::new(), Vec::new(), Vec::new());
    for (m, project) in projects.enumerate() {
        let mut keys = Places::new(project);
        let jurisdictions = &project.programme.jurisdictions;
        let organisations = &project.programme.partners;
        let mut of_jurisdiction: Known = vec![None; jurisdictions.len()];
        let mut of_person: Known = vec![None; project.staff.len()];
        let mut of_partner: Known = vec![None; organisations.len()];
        let mut of_country: HashMap<&str, Option<u32>> = HashMap::new();
        for (i, a) in activities(project) {
            // A subject is numbered only once an interval joins it, so its shown name is
            // that of the first session met there.
            if a.sessions.is_empty() {
                continue;
            }
            // The beneficiaries' counterparts are busy wherever the sessions are held.
            beneficiaries.clear();
            for id in &a.beneficiaries {
                let Some(at) = jurisdictions.iter().position(|j| j.id == *id) else {
                    continue;
                };
                let name = jurisdictions[at].name.as_str();
                let subject = known(&mut of_jurisdiction, at, &mut places, || {
                    place_key(&mut keys, name)
                });
                beneficiaries.extend(subject);
            }
            who.clear();
            with.clear();
            if everyone {
                for id in &a.officers {
                    let Some(at) = project.staff.iter().position(|s| s.id == *id) else {
                        continue;
                    };
                    let name = project.staff[at].name.as_str();
                    who.extend(known(&mut of_person, at, &mut people, || {
                        Some((name_key(name)?, name))
                    }));
                }
                for id in &a.partners {
                    let Some(at) = organisations.iter().position(|o| o.id == *id) else {
                        continue;
                    };
                    let name = organisations[at].name.as_str();
                    with.extend(known(&mut of_partner, at, &mut partners, || {
                        Some((name_key(name)?, name))
                    }));
                }
            }
            for s in &a.sessions {
                let interval = Interval {
                    start: s.start,
                    end: s.last_day(),
                    precision: s.precision,
                    member: m as u32,
                    activity: i as u32,
                };
                for &subject in &beneficiaries {
                    places.push(subject, interval);
                }
                if s.place.mode != PlaceMode::Online {
                    let country = s.place.country.as_str();
                    let held = *of_country.entry(country).or_insert_with(|| {
                        place_key(&mut keys, country).map(|(key, shown)| places.id(&key, shown))
                    });
                    if let Some(held) = held
                        && !beneficiaries.contains(&held)
                    {
                        places.push(held, interval);
                    }
                }
                for &person in &who {
                    people.push(person, interval);
                }
                for &partner in &with {
                    partners.push(partner, interval);
                }
            }
        }
    }
    [places, people, partners]
}

/// The overlapping pairs of different members in each subject, each pair once per subject (a
/// certain overlap wins over a possible one), into one group per pair of programmes there, by
/// the first member's activity and then the second's.
fn sweep(
    kind: CrossKind,
    subjects: Subjects,
    members: usize,
    work: &mut Work,
    groups: &mut Vec<Group>,
) {
    let (mut intervals, starts) = subjects.by_subject();
    let mut order: Vec<usize> = (0..subjects.shown.len()).collect();
    order.sort_by(|&a, &b| subjects.shown[a].cmp(&subjects.shown[b]).then(a.cmp(&b)));
    let mut open: Vec<Interval> = Vec::new();
    // One subject's pairs, each with its pair of programmes (first member × members + second).
    let mut met: Vec<(u32, Found)> = Vec::new();
    // Per pair of programmes, first its pairs' count and then its group: each group is made
    // at its size, as growing hundreds of thousands of them one pair at a time cost more than
    // finding the pairs.
    let mut of_pair: Vec<usize> = vec![0; members * members];
    let mut pairs_here: Vec<usize> = Vec::new();
    for at in order {
        let part = &mut intervals[starts[at]..starts[at + 1]];
        // Only one member there: nothing across files to find.
        let Some(first) = part.first().map(|i| i.member) else {
            continue;
        };
        if part.iter().all(|i| i.member == first) {
            continue;
        }
        met.clear();
        overlapping_pairs(part, work, &mut open, |a, b| {
            let certain = a.precision == Precision::Day && b.precision == Precision::Day;
            met.push((
                a.member * members as u32 + b.member,
                Found {
                    first: a.activity,
                    second: b.activity,
                    days: (a.start.max(b.start), a.end.min(b.end)),
                    certainty: if certain {
                        Certainty::Certain
                    } else {
                        Certainty::Possible
                    },
                },
            ));
        });
        for &(pair, _) in &met {
            let pair = pair as usize;
            if of_pair[pair] == 0 {
                pairs_here.push(pair);
            }
            of_pair[pair] += 1;
        }
        for &pair in &pairs_here {
            let count = of_pair[pair];
            of_pair[pair] = groups.len();
            groups.push(Group {
                kind,
                first_member: pair / members,
                second_member: pair % members,
                subject: subjects.shown[at].clone(),
                found: Vec::with_capacity(count),
                likeness: Vec::new(),
            });
        }
        for &(pair, found) in &met {
            groups[of_pair[pair as usize]].found.push(found);
        }
        for pair in pairs_here.drain(..) {
            once_each(&mut groups[of_pair[pair]].found);
            of_pair[pair] = 0;
        }
    }
}

/// Each pair of activities once, by the first member's activity and then the second's: of
/// the overlaps of their sessions, the earliest certain one, or the earliest when none is
/// certain; of two starting on one day, the longer.
fn once_each(found: &mut Vec<Found>) {
    let rank = |f: &Found| {
        let certain = f.certainty == Certainty::Certain;
        (!certain, f.days.0, std::cmp::Reverse(f.days.1))
    };
    found.sort_unstable_by_key(|f| (u64::from(f.first) << 32) | u64::from(f.second));
    found.dedup_by(|next, kept| {
        if (next.first, next.second) != (kept.first, kept.second) {
            return false;
        }
        if rank(next) < rank(kept) {
            *kept = *next;
        }
        true
    });
}

/// Every two overlapping intervals of different members among one subject's, to `pair` with
/// the lower member first, as the sweep meets them: sorted by start, with the list of those
/// still running (`open`, the sweep's scratch list), so the work is the overlaps themselves.
fn overlapping_pairs(
    intervals: &mut [Interval],
    work: &mut Work,
    open: &mut Vec<Interval>,
    mut pair: impl FnMut(&Interval, &Interval),
) {
    work.intervals += intervals.len() as u64;
    intervals.sort_unstable_by_key(|i| (i.start, i.end, i.member, i.activity));
    open.clear();
    for &next in intervals.iter() {
        open.retain(|o| o.end >= next.start);
        for o in open.iter() {
            work.comparisons += 1;
            if o.member == next.member {
                continue;
            }
            if o.member < next.member {
                pair(o, &next);
            } else {
                pair(&next, o);
            }
        }
        open.push(next);
    }
}

/// The pairs of activities of different members that meet in one place on overlapping days,
/// by the rule the checks list as "Same jurisdiction, same days" (where the session is held
/// and its beneficiaries): each pair once, as (member index, activity id) with the lower member
/// first, sorted. The combined calendar marks these, so it shows what the checks list.
pub fn clash_pairs(projects: &[&Project]) -> Vec<((usize, Id), (usize, Id))> {
    let [places, _, _] = gather(projects.iter().copied(), false);
    let (mut intervals, starts) = places.by_subject();
    let mut out = Vec::new();
    let mut open = Vec::new();
    let mut work = Work::default();
    for part in starts.windows(2) {
        overlapping_pairs(
            &mut intervals[part[0]..part[1]],
            &mut work,
            &mut open,
            |a, b| {
                let id = |i: &Interval| {
                    let member = i.member as usize;
                    (member, projects[member].activities[i.activity as usize].id)
                };
                out.push((id(a), id(b)));
            },
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn member_activity(members: &[Member<'_>], member: usize, activity: usize) -> MemberActivity {
    MemberActivity {
        member: members[member].path.to_string(),
        activity: members[member].project.activities[activity].id,
    }
}

/// The activity a member's activity names, if the member still has it.
pub fn activity<'a>(
    members: &[Member<'a>],
    index: usize,
    at: &MemberActivity,
) -> Option<&'a Activity> {
    members.get(index)?.project.activity(at.activity)
}

const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "in",
    "into",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "the",
    "their",
    "to",
    "with",
    "within",
    "on",
    "s",
    "de",
    "la",
    "et",
    "des",
    "les",
    "du",
    "per",
    "via",
    "this",
    "that",
    "these",
    "those",
    "will",
    "all",
    "new",
    "regional",
    "national",
    "meeting",
    "workshop",
    "training",
    "session",
    "sessions",
    "activity",
    "activities",
    "support",
    "phase",
];

/// Folded words less stop words, with plural and verb endings taken off, so "markings" and
/// "marking" and "marked" meet.
pub fn aim_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    each_aim_word(text, &mut String::new(), |w| words.push(w.to_string()));
    words
}

/// Each of `text`'s aim words (see [`aim_words`]) to `word`, stemmed in `buffer`, so a word
/// costs no allocation of its own.
fn each_aim_word(text: &str, buffer: &mut String, mut word: impl FnMut(&str)) {
    for w in fold(text).split(|c: char| !c.is_alphanumeric()) {
        if w.len() > 2 && !STOP_WORDS.contains(&w) {
            stem(w, buffer);
            if buffer.len() > 2 {
                word(buffer);
            }
        }
    }
}

/// `word` with its plural or verb ending taken off, into `out`.
fn stem(word: &str, out: &mut String) {
    out.clear();
    for (suffix, keep) in [
        ("ations", "ate"),
        ("ation", "ate"),
        ("ings", ""),
        ("ing", ""),
        ("ies", "y"),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ] {
        if let Some(root) = word.strip_suffix(suffix)
            && root.len() >= 4
            && !word.ends_with("ss")
        {
            out.push_str(root);
            out.push_str(keep);
            return;
        }
    }
    out.push_str(word);
}

/// The words of every aim, each numbered once, so aims compare by number.
#[derive(Default)]
struct Words {
    of_text: HashMap<String, u32>,
    text: Vec<String>,
    buffer: String,
}

impl Words {
    /// The numbers of `text`'s aim words, into `out` (unsorted).
    fn of(&mut self, text: &str, out: &mut Vec<u32>) {
        let Words {
            of_text,
            text: texts,
            buffer,
        } = self;
        each_aim_word(text, buffer, |w| {
            let id = match of_text.get(w) {
                Some(&id) => id,
                None => {
                    let id = texts.len() as u32;
                    of_text.insert(w.to_string(), id);
                    texts.push(w.to_string());
                    id
                }
            };
            out.push(id);
        });
    }
}

/// Whether two sorted lists share an entry.
fn meet<T: Ord>(a: &[T], b: &[T]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

fn sorted<T: Ord>(mut list: Vec<T>) -> Vec<T> {
    list.sort_unstable();
    list.dedup();
    list
}

/// What a duplicate candidate is compared by.
struct Aim<'p> {
    member: usize,
    activity: usize,
    /// Its title's and description's words, by number, sorted.
    words: Vec<u32>,
    /// Its objectives' title words, by number, sorted.
    area: Vec<u32>,
    /// Its SDG targets, sorted.
    sdg: Vec<&'p str>,
    /// Its beneficiaries, by place number, with their names as its file writes them.
    places: Vec<(u32, &'p str)>,
    span: (NaiveDate, NaiveDate),
}

/// A likely duplicate before it joins its group.
struct Candidate {
    first: MemberActivity,
    second: MemberActivity,
    first_member: usize,
    second_member: usize,
    place: String,
    found: Found,
    likeness: Likeness,
}

/// Every member's activities with a span and beneficiaries, as the duplicates check compares
/// them; each member's objectives and jurisdictions looked at once.
fn aims<'p>(members: &[Member<'p>], words: &mut Words) -> Vec<Aim<'p>> {
    let mut aims: Vec<Aim> = Vec::new();
    let mut place_numbers: HashMap<String, u32> = HashMap::new();
    let mut list = Vec::new();
    for (m, member) in members.iter().enumerate() {
        let project = member.project;
        let mut keys = Places::new(project);
        let jurisdictions = &project.programme.jurisdictions;
        let mut of_jurisdiction: Vec<Option<Option<(u32, &str)>>> = vec![None; jurisdictions.len()];
        let mut of_objective: Vec<Option<Vec<u32>>> = vec![None; project.objectives.len()];
        for (i, a) in activities(project) {
            let Some(span) = span(a) else { continue };
            let places: Vec<(u32, &str)> = a
                .beneficiaries
                .iter()
                .filter_map(|id| jurisdictions.iter().position(|j| j.id == *id))
                .filter_map(|at| {
                    *of_jurisdiction[at].get_or_insert_with(|| {
                        let (key, shown) = place_key(&mut keys, &jurisdictions[at].name)?;
                        let next = place_numbers.len() as u32;
                        let number = *place_numbers.entry(key).or_insert(next);
                        Some((number, shown))
                    })
                })
                .collect();
            if places.is_empty() {
                continue;
            }
            list.clear();
            words.of(&a.title, &mut list);
            words.of(&a.description, &mut list);
            let aim_words = sorted(std::mem::take(&mut list));
            let mut area = Vec::new();
            for id in &a.objectives {
                let Some(at) = project.objectives.iter().position(|o| o.id == *id) else {
                    continue;
                };
                area.extend_from_slice(of_objective[at].get_or_insert_with(|| {
                    let mut title = Vec::new();
                    words.of(&project.objectives[at].title, &mut title);
                    title
                }));
            }
            let sdg = a
                .sdg_targets
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .collect();
            aims.push(Aim {
                member: m,
                activity: i,
                words: aim_words,
                area: sorted(area),
                sdg: sorted(sdg),
                places,
                span,
            });
        }
    }
    aims
}

/// Activities of different members with similar aims for the same beneficiaries within
/// `options.duplicate_days`, not marked as not duplicates, grouped by the pair of programmes
/// and the first beneficiary both share, most alike first in each group.
fn duplicates(
    members: &[Member<'_>],
    not_duplicates: &[NotDuplicate],
    options: Options,
    work: &mut Work,
) -> Vec<Group> {
    let mut words = Words::default();
    let aims = aims(members, &mut words);
    // Inverted index by word number; a word in very many activities says nothing of their
    // aims.
    let mut index: Vec<Vec<u32>> = vec![Vec::new(); words.text.len()];
    for (n, aim) in aims.iter().enumerate() {
        for &w in &aim.words {
            index[w as usize].push(n as u32);
        }
    }
    let common = (aims.len() / 20).max(50);
    let mut candidates: Vec<Candidate> = Vec::new();
    // Words shared with each later aim, counted in a slot per aim (the aims touched listed
    // to reset them): a hash map per aim costs more than the rest of the check.
    let mut shared: Vec<u32> = vec![0; aims.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (n, aim) in aims.iter().enumerate() {
        for &other in &touched {
            shared[other] = 0;
        }
        touched.clear();
        for &w in &aim.words {
            let docs = &index[w as usize];
            if docs.len() > common {
                continue;
            }
            // Each word's aims are in order, so the later ones are a tail.
            let later = docs.partition_point(|&other| other as usize <= n);
            for &other in &docs[later..] {
                let other = other as usize;
                if aims[other].member != aim.member {
                    if shared[other] == 0 {
                        touched.push(other);
                    }
                    shared[other] += 1;
                }
            }
        }
        work.candidates += touched.len() as u64;
        for &other in &touched {
            let count = shared[other] as usize;
            let b = &aims[other];
            let gap = gap_days(aim.span, b.span);
            if gap > options.duplicate_days {
                continue;
            }
            let Some(&(_, place)) = aim
                .places
                .iter()
                .find(|(k, _)| b.places.iter().any(|(l, _)| l == k))
            else {
                continue;
            };
            let jaccard = count as f32 / (aim.words.len() + b.words.len() - count) as f32;
            let same_sdg = meet(&aim.sdg, &b.sdg);
            let same_area = meet(&aim.area, &b.area);
            let score =
                (jaccard + if same_sdg { 0.15 } else { 0.0 } + if same_area { 0.1 } else { 0.0 })
                    .min(1.0);
            if score < options.duplicate_score {
                continue;
            }
            let first = member_activity(members, aim.member, aim.activity);
            let second = member_activity(members, b.member, b.activity);
            if not_duplicates.iter().any(|d| d.covers(&first, &second)) {
                continue;
            }
            let mut both: Vec<u32> = aim
                .words
                .iter()
                .copied()
                .filter(|w| b.words.binary_search(w).is_ok())
                .collect();
            // The rarest shared words say the most.
            both.sort_by_key(|&w| (index[w as usize].len(), words.text[w as usize].as_str()));
            both.truncate(3);
            let both: Vec<&str> = both
                .iter()
                .map(|&w| words.text[w as usize].as_str())
                .collect();
            let mut reasons = vec![
                format!("both on {}", both.join(" ")),
                format!("both for {place}"),
            ];
            if same_sdg {
                let sdg: Vec<&str> = aim
                    .sdg
                    .iter()
                    .copied()
                    .filter(|t| b.sdg.binary_search(t).is_ok())
                    .collect();
                reasons.push(format!("both for SDG target {}", sdg.join(", ")));
            }
            if same_area {
                reasons.push("the same objective area".into());
            }
            reasons.push(apart(gap));
            candidates.push(Candidate {
                first,
                second,
                first_member: aim.member,
                second_member: b.member,
                place: place.to_string(),
                found: Found {
                    first: aim.activity as u32,
                    second: b.activity as u32,
                    days: aim.span,
                    certainty: Certainty::Possible,
                },
                likeness: Likeness { score, reasons },
            });
        }
    }
    candidates.sort_by(|a, b| {
        b.likeness
            .score
            .total_cmp(&a.likeness.score)
            .then_with(|| (&a.first, &a.second).cmp(&(&b.first, &b.second)))
    });
    let mut groups: Vec<Group> = Vec::new();
    let mut of_key: HashMap<(String, usize, usize), usize> = HashMap::new();
    for c in candidates {
        let key = (c.place, c.first_member, c.second_member);
        let at = match of_key.get(&key) {
            Some(&at) => at,
            None => {
                groups.push(Group {
                    kind: CrossKind::Duplicate,
                    first_member: c.first_member,
                    second_member: c.second_member,
                    subject: key.0.clone(),
                    found: Vec::new(),
                    likeness: Vec::new(),
                });
                of_key.insert(key, groups.len() - 1);
                groups.len() - 1
            }
        };
        groups[at].found.push(c.found);
        groups[at].likeness.push(c.likeness);
    }
    groups
}

/// Days between two spans; 0 when they overlap.
fn gap_days(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> i64 {
    if a.1 < b.0 {
        (b.0 - a.1).num_days()
    } else if b.1 < a.0 {
        (a.0 - b.1).num_days()
    } else {
        0
    }
}

fn apart(gap: i64) -> String {
    match gap {
        0 => "at the same time".into(),
        1..=13 => format!("{gap} days apart"),
        _ => format!("{} weeks apart", gap / 7),
    }
}

/// One finding of a [`Group`], which holds its kind, programmes and subject: two activity
/// indices, the days and the certainty, so hundreds of thousands of them are cheap to keep.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    /// The activity's index in the group's first member's project.
    pub first: u32,
    /// The activity's index in the group's second member's project.
    pub second: u32,
    /// The days both meet on; for a duplicate, the first's span.
    pub days: (NaiveDate, NaiveDate),
    pub certainty: Certainty,
}

/// How alike the two activities of a likely duplicate are, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Likeness {
    pub score: f32,
    pub reasons: Vec<String>,
}

/// The findings of one kind for one pair of programmes in one jurisdiction (person, partner);
/// each is made in full by [`Group::finding`] only when it is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub kind: CrossKind,
    pub first_member: usize,
    pub second_member: usize,
    pub subject: String,
    /// In the order the checks list them: by the first member's activity and then the
    /// second's, duplicates most alike first.
    pub found: Vec<Found>,
    /// For duplicates, one per `found`; empty for the other kinds.
    pub likeness: Vec<Likeness>,
}

impl Group {
    pub fn len(&self) -> usize {
        self.found.len()
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// The `n`th finding in full, with the members the checks ran over.
    pub fn finding(&self, members: &[Member<'_>], n: usize) -> CrossFinding {
        let found = self.found[n];
        let likeness = self.likeness.get(n);
        CrossFinding {
            kind: self.kind,
            first_member: self.first_member,
            first: member_activity(members, self.first_member, found.first as usize),
            second_member: self.second_member,
            second: member_activity(members, self.second_member, found.second as usize),
            subject: self.subject.clone(),
            days: Some(found.days),
            certainty: found.certainty,
            score: likeness.map_or(0.0, |l| l.score),
            reasons: likeness.map_or_else(Vec::new, |l| l.reasons.clone()),
        }
    }
}

/// Every finding of a run, grouped by kind, pair of programmes and subject, the largest
/// groups of each kind first, and counted per kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Findings {
    pub groups: Vec<Group>,
    /// Findings per kind, in `CrossKind::ALL`'s order.
    pub by_kind: [usize; 4],
}

impl Findings {
    fn new(mut groups: Vec<Group>) -> Self {
        groups.retain(|g| !g.is_empty());
        groups.sort_by(|a, b| {
            (
                a.kind,
                std::cmp::Reverse(a.len()),
                &a.subject,
                a.first_member,
                a.second_member,
            )
                .cmp(&(
                    b.kind,
                    std::cmp::Reverse(b.len()),
                    &b.subject,
                    b.first_member,
                    b.second_member,
                ))
        });
        let mut by_kind = [0; 4];
        for g in &groups {
            if let Some(at) = CrossKind::ALL.iter().position(|&k| k == g.kind) {
                by_kind[at] += g.len();
            }
        }
        Findings { groups, by_kind }
    }

    pub fn len(&self) -> usize {
        self.by_kind.iter().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every finding in full, group after group (for `workplan check` and the tests; the
    /// window makes only the ones it shows).
    pub fn iter<'a>(
        &'a self,
        members: &'a [Member<'_>],
    ) -> impl Iterator<Item = CrossFinding> + 'a {
        self.groups
            .iter()
            .flat_map(move |g| (0..g.len()).map(move |n| g.finding(members, n)))
    }

    /// Leaves out the likely duplicates `mark` covers; whether any were.
    pub fn quiet(&mut self, members: &[Member<'_>], mark: &NotDuplicate) -> bool {
        let before = self.len();
        let groups = std::mem::take(&mut self.groups);
        let groups = groups
            .into_iter()
            .map(|mut g| {
                if g.kind == CrossKind::Duplicate {
                    let covered: Vec<bool> = (0..g.len())
                        .map(|n| {
                            let f = g.finding(members, n);
                            mark.covers(&f.first, &f.second)
                        })
                        .collect();
                    // A duplicate group holds one likeness per finding.
                    (g.found, g.likeness) = g
                        .found
                        .iter()
                        .zip(&g.likeness)
                        .zip(&covered)
                        .filter(|(_, covered)| !**covered)
                        .map(|((found, likeness), _)| (*found, likeness.clone()))
                        .unzip();
                }
                g
            })
            .collect();
        *self = Findings::new(groups);
        self.len() != before
    }
}

/// What the findings list shows; an empty condition lets everything through.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub kind: Option<CrossKind>,
    /// Only findings with this member on either side.
    pub member: Option<usize>,
    /// Only this jurisdiction (person, partner), folded.
    pub subject: String,
    /// Words that must all appear in either title, the subject or the programmes' names.
    pub text: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.kind.is_none()
            && self.member.is_none()
            && self.subject.trim().is_empty()
            && self.text.trim().is_empty()
    }

    /// Whether findings of this kind, pair and subject can pass.
    fn passes_keys(&self, kind: CrossKind, first: usize, second: usize, subject: &str) -> bool {
        self.kind.is_none_or(|k| k == kind)
            && self.member.is_none_or(|m| m == first || m == second)
            && (self.subject.trim().is_empty() || fold(subject) == fold(&self.subject))
    }

    /// Whether a whole group can pass (kind, member and subject are the group's own).
    pub fn passes_group(&self, group: &Group) -> bool {
        self.passes_keys(
            group.kind,
            group.first_member,
            group.second_member,
            &group.subject,
        )
    }

    pub fn passes(&self, members: &[Member<'_>], finding: &CrossFinding) -> bool {
        if !self.passes_keys(
            finding.kind,
            finding.first_member,
            finding.second_member,
            &finding.subject,
        ) {
            return false;
        }
        let words = fold(&self.text);
        if words.is_empty() {
            return true;
        }
        let title = |index: usize, at: &MemberActivity| {
            activity(members, index, at).map_or("", |a| a.title.as_str())
        };
        let name = |index: usize| members.get(index).map_or("", |m| m.name);
        let haystack = fold(&format!(
            "{} {} {} {} {}",
            title(finding.first_member, &finding.first),
            title(finding.second_member, &finding.second),
            finding.subject,
            name(finding.first_member),
            name(finding.second_member)
        ));
        words.split(' ').all(|w| haystack.contains(w))
    }
}

/// A group the filter lets findings of through: all of them, or only these.
#[derive(Clone, Debug, PartialEq)]
pub struct Kept {
    /// Index into `Findings::groups`.
    pub group: usize,
    /// The findings kept, as indices into the group's; `None` for every one.
    pub only: Option<Vec<u32>>,
}

impl Kept {
    /// How many findings are kept, of the group `findings` holds at `self.group`.
    pub fn len(&self, findings: &Findings) -> usize {
        self.only
            .as_ref()
            .map_or_else(|| findings.groups[self.group].len(), Vec::len)
    }

    /// The `i`th finding kept, as an index into the group's.
    pub fn index(&self, i: usize) -> usize {
        self.only.as_ref().map_or(i, |only| only[i] as usize)
    }

    /// The findings of group `group` that `keep` keeps, `None` when none is.
    fn of(group: usize, len: usize, keep: impl Fn(usize) -> bool) -> Option<Kept> {
        let only: Vec<u32> = (0..len).filter(|&n| keep(n)).map(|n| n as u32).collect();
        match only.len() {
            0 => None,
            n if n == len => Some(Kept { group, only: None }),
            _ => Some(Kept {
                group,
                only: Some(only),
            }),
        }
    }
}

/// The groups with findings the filter lets through, and which of their findings.
///
/// The words are looked for once per activity, not once per finding: every member's titles
/// are folded once into a mask of the words each contains, and a finding passes when its
/// group's subject and programmes and its two activities hold every word between them. So a
/// word filters millions of findings in about the time the programme filter takes.
pub fn filter(members: &[Member<'_>], findings: &Findings, filter: &Filter) -> Vec<Kept> {
    let folded = fold(&filter.text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() > 64 {
        // More words than a mask holds (no one types that many): one finding at a time.
        return filter_each(members, findings, filter);
    }
    let all: u64 = if words.is_empty() {
        0
    } else {
        u64::MAX >> (64 - words.len())
    };
    let mask = |folded: &str| -> u64 {
        words
            .iter()
            .enumerate()
            .filter(|(_, w)| folded.contains(*w))
            .fold(0, |m, (n, _)| m | 1 << n)
    };
    // Per member, the words each activity's title holds, by activity index.
    let titles: Vec<Vec<u64>> = if words.is_empty() {
        Vec::new()
    } else {
        members
            .iter()
            .map(|m| {
                m.project
                    .activities
                    .iter()
                    .map(|a| mask(&fold(&a.title)))
                    .collect()
            })
            .collect()
    };
    let names: Vec<u64> = members.iter().map(|m| mask(&fold(m.name))).collect();
    let name = |index: usize| names.get(index).copied().unwrap_or(0);
    let title = |member: usize, activity: u32| {
        titles
            .get(member)
            .and_then(|t| t.get(activity as usize))
            .copied()
            .unwrap_or(0)
    };
    findings
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| filter.passes_group(g))
        .filter_map(|(at, g)| {
            // A group's findings share its kind, programmes and subject.
            let shared = mask(&fold(&g.subject)) | name(g.first_member) | name(g.second_member);
            if shared == all {
                return Some(Kept {
                    group: at,
                    only: None,
                });
            }
            Kept::of(at, g.len(), |n| {
                let f = &g.found[n];
                shared | title(g.first_member, f.first) | title(g.second_member, f.second) == all
            })
        })
        .collect()
}

/// [`filter`] one finding at a time through [`Filter::passes`].
fn filter_each(members: &[Member<'_>], findings: &Findings, filter: &Filter) -> Vec<Kept> {
    findings
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| filter.passes_group(g))
        .filter_map(|(at, g)| {
            Kept::of(at, g.len(), |n| {
                filter.passes(members, &g.finding(members, n))
            })
        })
        .collect()
}

/// One line for a finding: both programmes and titles, the subject and the days.
pub fn describe(members: &[Member<'_>], f: &CrossFinding) -> String {
    let title = |index: usize, at: &MemberActivity| {
        activity(members, index, at)
            .map_or_else(|| format!("id {}", at.activity.0), |a| a.title.clone())
    };
    let name = |index: usize| members.get(index).map_or("", |m| m.name);
    let other = format!(
        "{} “{}”",
        name(f.second_member),
        title(f.second_member, &f.second)
    );
    let possible = match f.certainty {
        Certainty::Certain => "",
        Certainty::Possible => " (a session is known only to the month)",
    };
    let days = f
        .days
        .map(|(a, b)| {
            if a == b {
                format!("{a}")
            } else {
                format!("{a} to {b}")
            }
        })
        .unwrap_or_default();
    match f.kind {
        CrossKind::Clash => format!("in {} with {other}, {days}{possible}", f.subject),
        CrossKind::Officer => format!("{} is also in {other}, {days}{possible}", f.subject),
        CrossKind::Partner => format!("{} is also in {other}, {days}{possible}", f.subject),
        CrossKind::Duplicate => format!(
            "may duplicate {other} (score {:.2}: {})",
            f.score,
            f.reasons.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Id, Jurisdiction, Organisation, Session};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).unwrap()
    }

    fn project(country: &str) -> Project {
        let mut p = Project::new(day(1, 1));
        p.programme.end = day(12, 31);
        p.programme.jurisdictions.push(Jurisdiction {
            id: Id(1),
            name: country.into(),
            footnote: String::new(),
            aliases: Vec::new(),
        });
        p.programme.partners.push(Organisation {
            id: Id(2),
            name: "Ministry of Interior".into(),
            acronym: String::new(),
            notes: String::new(),
            through: Vec::new(),
            aliases: Vec::new(),
        });
        p
    }

    /// Staff members of these names, the officers of the project's first activity.
    fn officers(p: &mut Project, names: &[&str]) {
        for name in names {
            let id = p.allocate_id();
            p.staff.push(crate::model::StaffMember::new(id, *name));
            p.activities[0].officers.push(id);
        }
    }

    fn add(p: &mut Project, id: u64, title: &str, start: NaiveDate, end: NaiveDate, place: &str) {
        let mut a = Activity::new(Id(id), title, "Workshop");
        let mut s = Session {
            id: Id(id * 10),
            start,
            end: Some(end),
            precision: Precision::Day,
            place: Default::default(),
        };
        s.place.country = place.into();
        a.sessions.push(s);
        p.activities.push(a);
    }

    fn members<'a>(projects: &'a [Project]) -> Vec<Member<'a>> {
        projects
            .iter()
            .enumerate()
            .map(|(i, project)| Member {
                path: ["a.ron", "b.ron", "c.ron"][i],
                name: ["Firearms", "Containers", "Anti-corruption"][i],
                project,
            })
            .collect()
    }

    /// Every finding of a run, made in full.
    fn every(members: &[Member<'_>], marks: &[NotDuplicate]) -> Vec<CrossFinding> {
        run(members, marks).iter(members).collect()
    }

    #[test]
    fn a_clash_across_files_names_both_members_and_a_clash_within_one_is_left_alone() {
        let mut a = project("Serbia");
        add(
            &mut a,
            1,
            "Marking workshop",
            day(3, 4),
            day(3, 6),
            "Serbia",
        );
        add(&mut a, 2, "Other workshop", day(3, 5), day(3, 5), "Serbia");
        let mut b = project("Republic of Serbia");
        add(&mut b, 7, "Port visit", day(3, 6), day(3, 9), "RS");
        let projects = [a, b];
        let found = every(&members(&projects), &[]);
        let clashes: Vec<_> = found
            .iter()
            .filter(|f| f.kind == CrossKind::Clash)
            .collect();
        // Activity 1 and 2 meet only each other within a.ron; 7 meets 1 (4-6 overlaps 6-9).
        assert_eq!(clashes.len(), 1, "{clashes:?}");
        let f = clashes[0];
        assert_eq!(f.first.member, "a.ron");
        assert_eq!(f.first.activity, Id(1));
        assert_eq!(f.second.member, "b.ron");
        assert_eq!(f.second.activity, Id(7));
        assert_eq!(f.days, Some((day(3, 6), day(3, 6))));
        assert_eq!(f.certainty, Certainty::Certain);
        let line = describe(&members(&projects), f);
        assert!(line.contains("Containers “Port visit”"), "{line}");
    }

    #[test]
    fn beneficiaries_count_wherever_the_session_is_and_months_make_it_possible() {
        let mut a = project("Montenegro");
        add(&mut a, 1, "Study visit", day(5, 1), day(5, 31), "Austria");
        a.activities[0].beneficiaries.push(Id(1));
        a.activities[0].sessions[0].precision = Precision::Month;
        let mut b = project("Montenegro");
        add(
            &mut b,
            3,
            "Border training",
            day(5, 20),
            day(5, 21),
            "Montenegro",
        );
        let projects = [a, b];
        let found = every(&members(&projects), &[]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].subject, "Montenegro");
        assert_eq!(found[0].certainty, Certainty::Possible);
    }

    #[test]
    fn the_same_person_and_partner_in_two_programmes_at_once() {
        let mut a = project("Serbia");
        add(&mut a, 1, "Marking", day(3, 4), day(3, 6), "");
        officers(&mut a, &["Ana Babić"]);
        a.activities[0].partners.push(Id(2));
        let mut b = project("Serbia");
        add(&mut b, 1, "Ports", day(3, 5), day(3, 5), "");
        officers(&mut b, &["ana babic", "J. Smith"]);
        b.activities[0].partners.push(Id(2));
        let projects = [a, b];
        let found = every(&members(&projects), &[]);
        let kinds: Vec<_> = found.iter().map(|f| (f.kind, f.subject.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (CrossKind::Officer, "Ana Babić"),
                (CrossKind::Partner, "Ministry of Interior")
            ]
        );
        assert_eq!(
            people_of(&projects[1], &projects[1].activities[0])
                .map(|(key, _)| key)
                .collect::<Vec<_>>(),
            ["ana babic", "j smith"]
        );
    }

    /// `k` activities in each of three members, all on the same days in one country: every
    /// pair of activities of different members clashes once.
    #[test]
    fn the_pair_count_of_a_crowded_jurisdiction_and_the_sweep_does_no_more_than_its_overlaps() {
        let k = 20;
        let projects: Vec<Project> = (0..3)
            .map(|_| {
                let mut p = project("Serbia");
                for i in 0..k {
                    add(&mut p, i + 1, "Work", day(6, 1), day(6, 3), "Serbia");
                }
                p
            })
            .collect();
        let mut work = Work::default();
        let found = run_with(&members(&projects), &[], Options::default(), &mut work);
        let k = k as usize;
        assert_eq!(found.len(), 3 * k * k);
        // One group per pair of programmes, each of k * k.
        assert_eq!(found.groups.len(), 3);
        assert!(found.groups.iter().all(|g| g.len() == k * k));
        // All 60 overlap each other: n(n-1)/2 comparisons, no more.
        assert_eq!(work.comparisons, (3 * k * (3 * k - 1) / 2) as u64);

        // Sessions one after another: no overlaps, so no comparisons however many there are.
        let spread: Vec<Project> = (0..2)
            .map(|m| {
                let mut p = project("Serbia");
                for i in 0..500u64 {
                    let d = day(1, 1) + chrono::Days::new(i * 4 + m * 2);
                    add(&mut p, i + 1, "Work", d, d, "Serbia");
                }
                p
            })
            .collect();
        let mut work = Work::default();
        let found = run_with(&members(&spread), &[], Options::default(), &mut work);
        assert!(found.is_empty());
        assert_eq!(work.intervals, 1000);
        assert_eq!(work.comparisons, 0);
    }

    /// A pair met twice in one jurisdiction is one finding, made certain (with its days) by
    /// the overlap known to the day even when a month-only session met it first.
    #[test]
    fn a_pair_met_twice_is_one_finding_and_the_certain_overlap_wins() {
        let mut a = project("Serbia");
        add(&mut a, 1, "Marking", day(5, 1), day(5, 31), "Serbia");
        a.activities[0].sessions[0].precision = Precision::Month;
        a.activities[0].sessions.push(Session {
            id: Id(11),
            start: day(5, 20),
            end: Some(day(5, 21)),
            precision: Precision::Day,
            place: Default::default(),
        });
        a.activities[0].sessions[1].place.country = "Serbia".into();
        let mut b = project("Serbia");
        add(&mut b, 3, "Ports", day(5, 20), day(5, 22), "Serbia");
        add(&mut b, 4, "Later", day(5, 30), day(5, 30), "Serbia");
        let projects = [a, b];
        let found = every(&members(&projects), &[]);
        let pairs: Vec<_> = found
            .iter()
            .map(|f| (f.second.activity, f.days, f.certainty))
            .collect();
        assert_eq!(
            pairs,
            [
                (Id(3), Some((day(5, 20), day(5, 21))), Certainty::Certain),
                (Id(4), Some((day(5, 30), day(5, 30))), Certainty::Possible),
            ]
        );
    }

    /// Of a pair's overlaps through several sessions, the earliest is shown, and of two
    /// starting on one day the longer, whatever order the file lists the sessions in.
    #[test]
    fn a_pair_met_twice_shows_its_earliest_and_longest_overlap_in_any_session_order() {
        let session = |id: u64, start: NaiveDate, end: NaiveDate| {
            let mut s = Session {
                id: Id(id),
                start,
                end: Some(end),
                precision: Precision::Day,
                place: Default::default(),
            };
            s.place.country = "Serbia".into();
            s
        };
        let sessions = [
            session(11, day(6, 10), day(6, 12)),
            session(12, day(6, 1), day(6, 1)),
            session(13, day(6, 1), day(6, 3)),
        ];
        for order in [[0, 1, 2], [2, 1, 0], [1, 0, 2]] {
            let mut a = project("Serbia");
            let mut activity = Activity::new(Id(1), "Marking", "Workshop");
            activity.sessions = order.iter().map(|&n| sessions[n].clone()).collect();
            a.activities.push(activity);
            let mut b = project("Serbia");
            add(&mut b, 3, "Ports", day(5, 28), day(6, 20), "Serbia");
            let projects = [a, b];
            let found = every(&members(&projects), &[]);
            let days: Vec<_> = found.iter().map(|f| f.days).collect();
            assert_eq!(
                days,
                [Some((day(6, 1), day(6, 3)))],
                "sessions in order {order:?}"
            );
        }
    }

    fn duplicate_pair() -> [Project; 2] {
        let mut a = project("Serbia");
        add(
            &mut a,
            1,
            "Firearms marking and record-keeping",
            day(3, 1),
            day(3, 2),
            "Serbia",
        );
        a.activities[0].beneficiaries.push(Id(1));
        a.activities[0].description = "Marking of seized firearms, record-keeping".into();
        let mut b = project("Serbia");
        add(
            &mut b,
            4,
            "Record-keeping of marked firearms",
            day(4, 15),
            day(4, 16),
            "Austria",
        );
        b.activities[0].beneficiaries.push(Id(1));
        add(
            &mut b,
            5,
            "Firearms marking too late",
            day(12, 1),
            day(12, 2),
            "Serbia",
        );
        b.activities[1].beneficiaries.push(Id(1));
        [a, b]
    }

    #[test]
    fn likely_duplicates_say_why_and_a_mark_keeps_them_quiet() {
        let projects = duplicate_pair();
        let members = members(&projects);
        let found: Vec<_> = every(&members, &[])
            .into_iter()
            .filter(|f| f.kind == CrossKind::Duplicate)
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        let f = &found[0];
        assert_eq!(f.second.activity, Id(4));
        assert!(
            f.reasons.contains(&"both for Serbia".to_string()),
            "{:?}",
            f.reasons
        );
        assert!(f.reasons[0].starts_with("both on "), "{:?}", f.reasons);
        assert!(
            f.reasons.contains(&"6 weeks apart".to_string()),
            "{:?}",
            f.reasons
        );
        let mark = NotDuplicate {
            first: f.second.clone(),
            second: f.first.clone(),
            note: String::new(),
        };
        assert!(
            every(&members, std::slice::from_ref(&mark))
                .iter()
                .all(|f| f.kind != CrossKind::Duplicate)
        );
        // Quieting the run already made does what running again with the mark does.
        let mut found = run(&members, &[]);
        assert!(found.quiet(&members, &mark));
        assert_eq!(found, run(&members, std::slice::from_ref(&mark)));
        assert!(!found.quiet(&members, &mark));
    }

    /// 300 activities a member, each on its own subject but for one pair: only that pair is
    /// ever scored, not the 90,000 pairs across the two members.
    #[test]
    fn duplicates_are_scored_only_for_activities_sharing_a_word() {
        let subjects = |m: usize| -> Project {
            let mut p = project("Serbia");
            for i in 0..300u64 {
                let title = if i == 7 {
                    "Firearms marking".to_string()
                } else {
                    format!("subject{m}x{i} topic{m}y{i}")
                };
                add(&mut p, i + 1, &title, day(2, 1), day(2, 1), "Austria");
                p.activities[i as usize].beneficiaries.push(Id(1));
            }
            p
        };
        let projects = [subjects(0), subjects(1)];
        let mut work = Work::default();
        let members = members(&projects);
        let found = run_with(&members, &[], Options::default(), &mut work);
        assert_eq!(work.candidates, 1);
        let duplicates: Vec<_> = found
            .iter(&members)
            .filter(|f| f.kind == CrossKind::Duplicate)
            .collect();
        assert_eq!(duplicates.len(), 1);
        assert_eq!(duplicates[0].first.activity, Id(8));
    }

    #[test]
    fn stemming_meets_plurals_and_verb_forms_and_drops_stop_words() {
        assert_eq!(
            aim_words("The Markings of marked firearms"),
            ["mark", "mark", "firearm"]
        );
        assert_eq!(aim_words("Process"), ["process"]);
    }

    #[test]
    fn groups_count_by_pair_and_jurisdiction_and_filters_narrow_them() {
        let mut a = project("Serbia");
        let mut b = project("Serbia");
        let mut c = project("Serbia");
        for i in 0..3 {
            add(&mut a, i + 1, "Marking", day(3, 1), day(3, 5), "Serbia");
        }
        add(&mut b, 1, "Ports", day(3, 2), day(3, 2), "Serbia");
        add(&mut c, 1, "Integrity", day(3, 3), day(3, 3), "Albania");
        add(&mut a, 9, "Albanian visit", day(3, 3), day(3, 3), "Albania");
        let projects = [a, b, c];
        let members = members(&projects);
        let found = run(&members, &[]);
        let counts: Vec<_> = found
            .groups
            .iter()
            .map(|g| (g.subject.as_str(), g.first_member, g.second_member, g.len()))
            .collect();
        assert_eq!(counts, [("Serbia", 0, 1, 3), ("Albania", 0, 2, 1)]);
        assert_eq!(found.by_kind, [4, 0, 0, 0]);
        let by_member = Filter {
            member: Some(2),
            ..Filter::default()
        };
        assert_eq!(filter(&members, &found, &by_member).len(), 1);
        let by_text = Filter {
            text: "PORTS".into(),
            ..Filter::default()
        };
        let kept = filter(&members, &found, &by_text);
        assert_eq!(
            kept,
            [Kept {
                group: 0,
                only: None
            }]
        );
        assert_eq!(kept[0].len(&found), 3);
        let by_title = Filter {
            text: "albanian".into(),
            ..Filter::default()
        };
        let kept = filter(&members, &found, &by_title);
        assert_eq!(kept.len(), 1);
        assert_eq!(found.groups[kept[0].group].subject, "Albania");
        let none = Filter {
            kind: Some(CrossKind::Partner),
            ..Filter::default()
        };
        assert!(filter(&members, &found, &none).is_empty());
        // The filter over groups lets through what `passes` does, finding by finding.
        let all: Vec<CrossFinding> = found.iter(&members).collect();
        for text in [
            "ports",
            "marking serbia",
            "albania integrity",
            "containers",
            "nothing",
        ] {
            let f = Filter {
                text: text.into(),
                ..Filter::default()
            };
            let kept: Vec<CrossFinding> = filter(&members, &found, &f)
                .iter()
                .flat_map(|k| {
                    let g = &found.groups[k.group];
                    (0..k.len(&found)).map(|i| g.finding(&members, k.index(i)))
                })
                .collect();
            let passing: Vec<CrossFinding> = all
                .iter()
                .filter(|finding| f.passes(&members, finding))
                .cloned()
                .collect();
            assert_eq!(kept, passing, "{text}");
        }
    }

    /// Three generated members that meet in the same countries.
    fn generated() -> Vec<Project> {
        (0..3)
            .map(|i| crate::plan::generate::project(80, 10, 0, 7 + i))
            .collect()
    }

    /// The counts per group and kind are those of the findings made in full, and each
    /// finding made from its group says what the group does.
    #[test]
    fn the_counts_are_those_of_the_findings_made_in_full() {
        let projects = generated();
        let members = members(&projects);
        let found = run(&members, &[]);
        let all: Vec<CrossFinding> = found.iter(&members).collect();
        assert_eq!(all.len(), found.len());
        for (n, kind) in CrossKind::ALL.into_iter().enumerate() {
            let made = all.iter().filter(|f| f.kind == kind).count();
            assert_eq!(found.by_kind[n], made, "{kind:?}");
        }
        assert!(
            found.by_kind[0] > 0 && found.by_kind[3] > 0,
            "{:?}",
            found.by_kind
        );
        for g in &found.groups {
            assert!(!g.is_empty());
            for n in 0..g.len() {
                let f = g.finding(&members, n);
                assert_eq!((f.kind, &f.subject), (g.kind, &g.subject));
                assert_eq!(f.first.member, members[g.first_member].path);
                assert_eq!(f.second.member, members[g.second_member].path);
                assert!(activity(&members, g.first_member, &f.first).is_some());
                assert_eq!(f.kind == CrossKind::Duplicate, !f.reasons.is_empty());
            }
        }
        // Largest groups first within each kind.
        for pair in found.groups.windows(2) {
            assert!(
                pair[0].kind < pair[1].kind
                    || (pair[0].kind == pair[1].kind && pair[0].len() >= pair[1].len())
            );
        }
    }

    /// The word filter by masks keeps exactly what looking at every finding's titles, subject
    /// and programme names keeps, on generated members that meet in the same countries.
    #[test]
    fn the_word_filter_keeps_what_looking_at_every_finding_keeps() {
        let projects = generated();
        let members = members(&projects);
        let found = run(&members, &[]);
        assert!(found.len() > 100, "{}", found.len());
        let total = found.len();
        let mut narrowed = 0;
        for text in [
            "",
            "workshop",
            "asset recovery",
            "SERBIA",
            "Firearms",
            "containers albania",
            "recovery firearms",
            "anti corruption witness",
            "no such word",
        ] {
            let by_text = Filter {
                text: text.into(),
                ..Filter::default()
            };
            let fast = filter(&members, &found, &by_text);
            assert_eq!(fast, filter_each(&members, &found, &by_text), "{text}");
            let kept: usize = fast.iter().map(|k| k.len(&found)).sum();
            if kept > 0 && kept < total {
                narrowed += 1;
            }
        }
        assert!(narrowed >= 4, "{narrowed}");
    }
}
