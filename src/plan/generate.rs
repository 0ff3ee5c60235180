//! Large, realistic, reproducible projects for benchmarks and trials: the same arguments
//! always give the same project.

use chrono::{Datelike, Days, NaiveDate};

use crate::model::{
    Activity, AgendaItem, Attendance, Dependency, Funding, Id, Jurisdiction, Meeting,
    MeetingStatus, Member, Money, Objective, Organisation, Participants, Place, Precision,
    Presence, Project, Purpose, Role, Session, Status,
};

/// SplitMix64: small, fast and good enough to pick names and dates reproducibly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const JURISDICTIONS: [(&str, &str); 7] = [
    ("Albania", "Tirana"),
    ("Bosnia and Herzegovina", "Sarajevo"),
    ("Croatia", "Zagreb"),
    ("North Macedonia", "Skopje"),
    ("Montenegro", "Podgorica"),
    ("Serbia", "Belgrade"),
    ("Kosovo", "Prishtinë"),
];
const TOPICS: [&str; 16] = [
    "electronic evidence",
    "asset recovery",
    "witness protection",
    "border control at sea and dry ports",
    "financial investigations",
    "judicial integrity",
    "prison management",
    "forensic laboratories",
    "trafficking in human beings",
    "smuggling of migrants",
    "drug prevention in schools",
    "HIV care in prisons",
    "mutual legal assistance",
    "anti-corruption networks",
    "crime statistics",
    "firearms control",
];
const PILLARS: [&str; 3] = [
    "Organised crime and illicit trafficking",
    "Justice and integrity",
    "Drug prevention and treatment, HIV treatment and care",
];
const AREA_WORDS: [&str; 8] = [
    "Legislative assistance on",
    "Capacity building in",
    "Regional cooperation on",
    "Specialised training in",
    "Data and analysis on",
    "Institutional reform for",
    "Awareness raising on",
    "Policy advice on",
];

const ROLES: [Role; 10] = [
    Role::Chair,
    Role::CoChair,
    Role::Secretary,
    Role::Member,
    Role::Member,
    Role::Member,
    Role::Member,
    Role::Member,
    Role::Member,
    Role::Member,
];

/// A project with `activities` activities, about `objectives` objective nodes, `meetings`
/// committee meetings, over ten years from 2020. Activities have one to three sessions, a
/// link to an output, often a budget with its funding and sometimes a predecessor; meetings
/// have members' attendance and agendas linked to activities and objectives.
pub fn project(activities: usize, objectives: usize, meetings: usize, seed: u64) -> Project {
    let mut rng = Rng(seed);
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).expect("valid date");
    let mut p = Project::new(start);
    p.programme.title = "Regional Programme for South Eastern Europe (generated)".into();
    p.programme.code = "SEE-GEN".into();
    p.programme.office = "Regional Programme Office".into();
    p.programme.end = NaiveDate::from_ymd_opt(2029, 12, 31).expect("valid date");
    let donors = programme_lists(&mut p);
    let (pillars, leaves) = objective_tree(&mut p, &mut rng, objectives);
    add_activities(&mut p, &mut rng, activities, &leaves, &donors, start);
    add_committee(&mut p, &mut rng, meetings, &pillars, start);
    p
}

/// The beneficiary jurisdictions, strategic partners and donors; returns the donors.
fn programme_lists(p: &mut Project) -> Vec<Id> {
    for (name, _) in JURISDICTIONS {
        let id = p.allocate_id();
        p.programme.jurisdictions.push(Jurisdiction {
            id,
            name: name.into(),
            footnote: String::new(),
            aliases: Vec::new(),
        });
    }
    for name in [
        "Regional Cooperation Council",
        "Regional Anti-Corruption Initiative",
        "SELEC",
        "SEPCA",
    ] {
        let id = p.allocate_id();
        p.programme.partners.push(Organisation {
            id,
            name: name.into(),
            acronym: String::new(),
            notes: String::new(),
            through: vec![],
            aliases: Vec::new(),
        });
    }
    let mut donors = Vec::new();
    for name in ["Example donor", "Regional trust fund"] {
        let id = p.allocate_id();
        donors.push(id);
        p.programme.donors.push(Organisation {
            id,
            name: name.into(),
            acronym: String::new(),
            notes: String::new(),
            through: vec![],
            aliases: Vec::new(),
        });
    }

    donors
}

/// Three pillars; under each, areas of work; under each area, outputs, until there are
/// `objectives` nodes. Returns the pillars and the leaves activities link to.
fn objective_tree(p: &mut Project, rng: &mut Rng, objectives: usize) -> (Vec<Id>, Vec<Id>) {
    let mut leaves = Vec::new();
    let pillars: Vec<Id> = PILLARS
        .iter()
        .take(objectives.clamp(1, 3))
        .map(|title| {
            let id = p.allocate_id();
            p.objectives.push(Objective::new(id, None, 2, *title));
            id
        })
        .collect();
    let remaining = objectives.saturating_sub(pillars.len());
    let areas_per_pillar =
        (remaining as f64).sqrt().ceil().max(1.0) as usize / pillars.len().max(1) + 1;
    let mut made = pillars.len();
    'outer: for (pi, &pillar) in pillars.iter().enumerate() {
        for a in 0..areas_per_pillar {
            if made >= objectives {
                break 'outer;
            }
            let area = p.allocate_id();
            let title = format!(
                "{} {}",
                AREA_WORDS[(a + pi) % AREA_WORDS.len()],
                TOPICS[(a * 3 + pi) % TOPICS.len()]
            );
            let mut node = Objective::new(area, Some(pillar), 3, title);
            node.sdg_targets = vec![["16.4", "16.5", "16.3", "3.5"][pi % 4].to_string()];
            p.objectives.push(node);
            made += 1;
            leaves.push(area);
        }
    }
    // Outputs fill the rest, spread over the areas.
    let areas = leaves.clone();
    let mut output = 0;
    while made < objectives && !areas.is_empty() {
        let area = areas[output % areas.len()];
        let id = p.allocate_id();
        p.objectives.push(Objective::new(
            id,
            Some(area),
            4,
            format!("Output {}: {}", output + 1, rng.pick(&TOPICS)),
        ));
        leaves.push(id);
        made += 1;
        output += 1;
    }
    crate::plan::tree::sort_outline(&mut p.objectives);

    (pillars, leaves)
}

/// `activities` activities from 2020 on, each linked to one of `leaves`.
fn add_activities(
    p: &mut Project,
    rng: &mut Rng,
    activities: usize,
    leaves: &[Id],
    donors: &[Id],
    start: NaiveDate,
) {
    let kinds = p.settings.activity_kinds.clone();
    let officers: Vec<Id> = (1..=12)
        .map(|n| {
            let id = p.allocate_id();
            p.staff
                .push(crate::model::StaffMember::new(id, format!("Officer {n}")));
            id
        })
        .collect();
    // The latest activity per output, to chain some activities after an earlier one.
    let mut last_on: std::collections::HashMap<Id, (Id, NaiveDate)> = Default::default();
    for n in 0..activities {
        let id = p.allocate_id();
        let kind = rng.pick(&kinds).clone();
        let topic = rng.pick(&TOPICS);
        let day = start + Days::new(rng.below(3600) as u64);
        let sessions = sessions(p, rng, day);
        let status = if day < NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid") {
            *rng.pick(&[Status::Done, Status::Done, Status::Done, Status::Cancelled])
        } else {
            *rng.pick(&[
                Status::Proposed,
                Status::Planned,
                Status::Confirmed,
                Status::UnderWay,
            ])
        };
        let beneficiaries = (0..1 + rng.below(7))
            .map(|i| p.programme.jurisdictions[(n + i) % 7].id)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let links = if leaves.is_empty() {
            vec![]
        } else {
            vec![*rng.pick(leaves)]
        };
        let planned = 10 + rng.below(50) as u32;
        let (budget, funding) = budget(rng, donors);
        // About one in four follows the previous activity on the same output, if it ended
        // before this one starts.
        let first_day = sessions.iter().map(|s| s.start).min().unwrap_or(day);
        let last_day = sessions.iter().map(Session::last_day).max().unwrap_or(day);
        let mut predecessors = vec![];
        if let Some(&output) = links.first() {
            if let Some(&(before, ended)) = last_on.get(&output)
                && ended < first_day
                && rng.below(4) == 0
            {
                predecessors.push(Dependency {
                    activity: before,
                    lag_days: 0,
                });
            }
            last_on.insert(output, (id, last_day));
        }
        p.activities.push(Activity {
            id,
            title: format!("{kind} on {topic} ({})", n + 1),
            kind,
            status,
            description: String::new(),
            sessions,
            beneficiaries,
            unit: String::new(),
            partners: vec![],
            budget,
            funding,
            participants: Participants {
                planned: Some(planned),
                actual: (status == Status::Done).then_some(planned - planned / 5),
                women: (status == Status::Done).then_some(planned / 3),
                men: None,
            },
            officers: vec![officers[rng.below(12)]],
            sdg_targets: vec![],
            objectives: links,
            predecessors,
            notes: String::new(),
            milestone: false,
        });
    }
}

/// One to three sessions a week apart from `day`, about one in twenty known only by its months.
fn sessions(p: &mut Project, rng: &mut Rng, day: NaiveDate) -> Vec<Session> {
    let mut sessions = Vec::new();
    for s in 0..1 + rng.below(3) {
        let (country, city) = *rng.pick(&JURISDICTIONS);
        let first = day + Days::new(s as u64 * 7);
        let month_only = rng.below(20) == 0;
        let (first, last, precision) = if month_only {
            let first = first.with_day(1).expect("day 1 exists");
            let next = first
                .checked_add_months(chrono::Months::new(2))
                .expect("in range");
            (first, Some(next - Days::new(1)), Precision::Month)
        } else {
            let length = rng.below(4) as u64;
            (
                first,
                (length > 0).then(|| first + Days::new(length)),
                Precision::Day,
            )
        };
        sessions.push(Session {
            id: p.allocate_id(),
            start: first,
            end: last,
            precision,
            place: Place {
                mode: Default::default(),
                city: city.into(),
                country: country.into(),
            },
        });
    }
    sessions
}

/// Half the activities have a budget, funded by one or both donors; about one second donor in
/// eight gives an amount not known, as in records taken from activity reports.
fn budget(rng: &mut Rng, donors: &[Id]) -> (Option<Money>, Vec<Funding>) {
    if rng.below(2) == 0 {
        let amount = 5_000 * (1 + rng.below(40) as u64);
        let first = amount / 5 * (1 + rng.below(4) as u64);
        let mut funding = vec![Funding::of(donors[0], first)];
        if first < amount {
            // Decided from the amounts already drawn, so every other draw stays as it was.
            let known = (amount / 5_000) % 8 != 3;
            funding.push(Funding {
                source: donors[1],
                amount: known.then_some(amount - first),
            });
        }
        let budget = Money {
            amount,
            currency: "EUR".into(),
        };
        (Some(budget), funding)
    } else {
        (None, vec![])
    }
}

/// The committee's members, and `meetings` meetings every half year from `start`, with
/// attendance for those already held and agendas pointing at activities and `pillars`.
fn add_committee(
    p: &mut Project,
    rng: &mut Rng,
    meetings: usize,
    pillars: &[Id],
    start: NaiveDate,
) {
    let members: Vec<Id> = ROLES
        .iter()
        .enumerate()
        .map(|(i, &role)| {
            let id = p.allocate_id();
            let jurisdiction = (role == Role::Member)
                .then(|| p.programme.jurisdictions[i % JURISDICTIONS.len()].id);
            p.committee.members.push(Member {
                id,
                name: format!("Member {}", i + 1),
                role,
                organisation: String::new(),
                jurisdiction,
                email: String::new(),
            });
            id
        })
        .collect();
    p.committee.quorum = (members.len() / 2) as u32;
    for number in 1..=meetings {
        let id = p.allocate_id();
        let date = start + Days::new((number as u64 * 180).min(3600));
        let (country, city) = *rng.pick(&JURISDICTIONS);
        let held = date.year() < 2024;
        // Progress items point at a few activities and outputs of the period.
        let linked: Vec<Id> = (0..3)
            .filter(|_| !p.activities.is_empty())
            .map(|_| p.activities[rng.below(p.activities.len())].id)
            .collect();
        let mut agenda = Vec::new();
        for title in [
            "Opening and adoption of the agenda",
            "Progress per pillar",
            "Workplan for the next period",
            "Any other business",
        ] {
            agenda.push(AgendaItem {
                id: p.allocate_id(),
                title: title.into(),
                purpose: Purpose::Information,
                presenter: "Chair".into(),
                minutes: 15 + 15 * rng.below(3) as u32,
                consent: false,
                papers: vec![],
                activities: if title.starts_with("Progress") {
                    linked.clone()
                } else {
                    vec![]
                },
                objectives: if title.starts_with("Progress") {
                    pillars.to_vec()
                } else {
                    vec![]
                },
                sub_items: vec![],
                summary: String::new(),
                decisions: vec![],
                actions: vec![],
                generated: false,
                presenter_member: None,
            });
        }
        p.committee.meetings.push(Meeting {
            id,
            number: number as u32,
            date,
            start_time: None,
            time_zone: String::new(),
            planned_end: None,
            place: Place {
                mode: Default::default(),
                city: city.into(),
                country: country.into(),
            },
            status: if held {
                MeetingStatus::Held
            } else {
                MeetingStatus::Draft
            },
            attendance: if held {
                members
                    .iter()
                    .map(|&member| Attendance {
                        member,
                        presence: *rng.pick(&[
                            Presence::Present,
                            Presence::Present,
                            Presence::Present,
                            Presence::Apologies,
                        ]),
                        represented_by: String::new(),
                    })
                    .collect()
            } else {
                vec![]
            },
            guests: vec![],
            agenda,
        });
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_projects_are_sound_and_reproducible() {
        let a = project(500, 120, 6, 7);
        assert_eq!(a.activities.len(), 500);
        assert_eq!(a.objectives.len(), 120);
        assert_eq!(a.committee.meetings.len(), 6);
        assert!(
            crate::edit::integrity::check(&a).is_empty(),
            "{:?}",
            crate::edit::integrity::check(&a)
        );
        assert!(a.activities.iter().any(|x| x.sessions.len() > 1));
        assert!(a.activities.iter().any(|x| !x.predecessors.is_empty()));
        assert!(a.activities.iter().any(|x| !x.funding.is_empty()));
        let lines = a.activities.iter().flat_map(|x| &x.funding);
        let (known, unknown) = lines.fold((0, 0), |(k, u), f| match f.amount {
            Some(_) => (k + 1, u),
            None => (k, u + 1),
        });
        assert!(
            unknown > 0 && known > 5 * unknown,
            "some amounts not known, most known: {known} and {unknown}"
        );
        assert!(
            a.committee.meetings[0].agenda[1].activities.len() == 3
                && !a.committee.meetings[0].attendance.is_empty()
        );
        assert_eq!(a, project(500, 120, 6, 7));
        assert_ne!(a, project(500, 120, 6, 8));
        let text = crate::io::to_ron(&a);
        assert_eq!(
            crate::io::load_str(std::path::Path::new("g.ron"), &text).unwrap(),
            a
        );
    }
}
