//! Property-based tests of the project file: any valid project survives a save and a load
//! unchanged and saves to the same bytes again; any damage to a real file is refused with a
//! place in the file (or opens), never a panic; any committee edit is refused without a trace
//! or undoes exactly.

use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveTime};
use proptest::prelude::*;
use proptest::test_runner::Config;

use workplan::io;
use workplan::model::*;

const SAMPLE: &str = include_str!("../sample-data/see-regional-programme-2009-2011.ron");

// ---- strategies: arbitrary valid projects ----

/// Pieces that are hard for a text format: quotes, escapes, brackets, comment and raw-string
/// look-alikes, line ends, a byte-order mark, letters of the region, characters outside the BMP.
const TRICKY: &[&str] = &[
    "\"",
    "\\",
    "\\\"",
    "\n",
    "\r\n",
    "\r",
    "\t",
    ")",
    "]",
    "(",
    "[",
    "}",
    ",",
    ":",
    "r\"",
    "r#\"",
    "\"#",
    "#",
    "//",
    "/*",
    "*/",
    "\\u{41}",
    "\\n",
    "\u{0}",
    "\u{7f}",
    "\u{feff}",
    "\u{2028}",
    "\u{85}",
    "ë",
    "Đ",
    "Ђ",
    "日本",
    "🦀",
    "\u{10ffff}",
    " ",
    "  ",
    "Some(",
    "None",
    "id: 1",
    "format_version: 2",
    "a",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(String::new()),
        3 => prop::collection::vec(prop::sample::select(TRICKY), 0..10).prop_map(|v| v.concat()),
        // Any character at all, control characters and surrogate-adjacent ones included.
        3 => prop::collection::vec(any::<char>(), 0..16).prop_map(String::from_iter),
        2 => any::<String>(),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    let around_now = (1990i32..2060, 1u32..=366)
        .prop_map(|(y, d)| NaiveDate::from_yo_opt(y, d).unwrap_or(NaiveDate::MIN));
    // Every date chrono can hold, years of five and six digits and before year 1 included.
    let anywhere = (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
        .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).expect("in range"));
    prop_oneof![4 => around_now, 1 => anywhere]
}

fn time() -> impl Strategy<Value = NaiveTime> {
    let nanos = prop_oneof![
        Just(0u32),
        0u32..1_000_000_000,
        1_000_000_000u32..2_000_000_000
    ];
    (0u32..24, 0u32..60, 0u32..60, nanos).prop_map(|(h, m, s, n)| {
        // A leap second (nanos ≥ 1e9) exists only at second 59.
        let s = if n >= 1_000_000_000 { 59 } else { s };
        NaiveTime::from_hms_nano_opt(h, m, s, n).expect("valid time")
    })
}

/// A link to be resolved into an existing id by `finish` (any u64, taken modulo the count).
fn link() -> impl Strategy<Value = Id> {
    any::<u64>().prop_map(Id)
}

fn links() -> impl Strategy<Value = Vec<Id>> {
    prop::collection::vec(link(), 0..3)
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..3)
}

fn place() -> impl Strategy<Value = Place> {
    let mode = prop::sample::select(&[PlaceMode::InPerson, PlaceMode::Online, PlaceMode::Hybrid]);
    (mode, text(), text()).prop_map(|(mode, city, country)| Place {
        mode,
        city,
        country,
    })
}

fn organisation() -> impl Strategy<Value = Organisation> {
    (text(), text(), text(), links(), texts()).prop_map(
        |(name, acronym, notes, through, aliases)| Organisation {
            id: Id(0),
            name,
            acronym,
            notes,
            through,
            aliases,
        },
    )
}

fn programme() -> impl Strategy<Value = Programme> {
    let jurisdiction =
        (text(), text(), texts()).prop_map(|(name, footnote, aliases)| Jurisdiction {
            id: Id(0),
            name,
            footnote,
            aliases,
        });
    (
        (text(), text(), text(), date(), date(), text()),
        prop::collection::vec(jurisdiction, 0..4),
        prop::collection::vec(organisation(), 0..3),
        prop::collection::vec(organisation(), 0..3),
        (text(), text(), text(), text(), text()),
    )
        .prop_map(
            |(
                (title, code, office, a, b, description),
                jurisdictions,
                partners,
                donors,
                (reporting_org, reporting_org_ref, reporting_org_type, iati_prefix, default_sector),
            )| {
                Programme {
                    title,
                    code,
                    office,
                    start: a.min(b),
                    end: a.max(b),
                    description,
                    jurisdictions,
                    partners,
                    donors,
                    reporting_org,
                    reporting_org_ref,
                    reporting_org_type,
                    iati_prefix,
                    default_sector,
                }
            },
        )
}

fn value() -> impl Strategy<Value = workplan::model::Value> {
    // Numbers of every shape ron writes (integral, fractions, exponents, negative zero) and text.
    let number = prop_oneof![
        (-100_000i64..100_000).prop_map(|n| n as f64),
        prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
        Just(-0.0),
        Just(1e300),
    ];
    prop_oneof![
        text().prop_map(workplan::model::Value::Text),
        number.prop_map(workplan::model::Value::Number),
    ]
}

fn measurement() -> impl Strategy<Value = Measurement> {
    (value(), prop::option::of(date())).prop_map(|(value, date)| Measurement { value, date })
}

fn period() -> impl Strategy<Value = IndicatorPeriod> {
    let which = prop_oneof![
        (2000i32..2040).prop_map(Period::Year),
        (2000i32..2040, 1u8..5).prop_map(|(y, q)| Period::Quarter(y, q)),
    ];
    let actual = (value(), prop::option::of(date()), text(), text()).prop_map(
        |(value, date, source, comment)| Actual {
            value,
            date,
            source,
            comment,
        },
    );
    let breakdown = (
        text(),
        text(),
        prop::option::of(value()),
        prop::option::of(value()),
    )
        .prop_map(|(dimension, category, target, actual)| Breakdown {
            dimension,
            category,
            target,
            actual,
        });
    (
        which,
        prop::option::of(value()),
        prop::option::of(actual),
        prop::collection::vec(breakdown, 0..3),
    )
        .prop_map(|(period, target, actual, breakdowns)| IndicatorPeriod {
            period,
            target,
            actual,
            breakdowns,
        })
}

fn indicator() -> impl Strategy<Value = Indicator> {
    let metric = prop::sample::select(&[
        Metric::ActivitiesDone,
        Metric::Participants,
        Metric::WomenShare,
    ]);
    let computed = (
        metric,
        text(),
        prop::option::of(date()),
        prop::option::of(date()),
    )
        .prop_map(|(metric, kind, from, to)| ComputedIndicator {
            metric,
            kind,
            from,
            to,
        });
    (
        text(),
        text(),
        prop::option::of(measurement()),
        prop::option::of(measurement()),
        prop::option::of(measurement()),
        text(),
        prop::option::of(computed),
        prop::collection::vec(period(), 0..3),
    )
        .prop_map(
            |(text, unit, baseline, target, latest, verification, computed, periods)| Indicator {
                id: Id(0),
                text,
                unit,
                baseline,
                target,
                latest,
                verification,
                computed,
                periods,
            },
        )
}

/// `parent` and `level` hold raw choices that `finish` turns into valid ones; SDG targets
/// are indices into `SDG`.
fn objective() -> impl Strategy<Value = Objective> {
    (
        (
            prop::option::of(link()),
            any::<u8>(),
            text(),
            text(),
            text(),
        ),
        (
            prop::collection::vec(0usize..SDG.len(), 0..3),
            text(),
            text(),
            prop::collection::vec(indicator(), 0..3),
            prop::option::of(text()),
        ),
    )
        .prop_map(
            |(
                (parent, level, title, description, unit),
                (sdg, assumptions, risks, indicators, code),
            )| {
                Objective {
                    id: Id(0),
                    parent,
                    code,
                    level,
                    title,
                    description,
                    unit,
                    sdg_targets: sdg.into_iter().map(|i| SDG[i].to_string()).collect(),
                    assumptions,
                    risks,
                    indicators,
                }
            },
        )
}

const SDG: &[&str] = &["1.1", "3.5", "5.c", "16.4", "16.a", "17.19"];

const STATUSES: &[Status] = &Status::ALL;

fn session() -> impl Strategy<Value = Session> {
    let precision = prop::sample::select(&[Precision::Day, Precision::Month]);
    (date(), prop::option::of(date()), precision, place()).prop_map(
        |(start, end, precision, place)| {
            let (start, end) = match end {
                Some(end) => (start.min(end), Some(start.max(end))),
                None => (start, None),
            };
            Session {
                id: Id(0),
                start,
                end,
                precision,
                place,
            }
        },
    )
}

fn activity() -> impl Strategy<Value = Activity> {
    let money = (any::<u64>(), text()).prop_map(|(amount, currency)| Money { amount, currency });
    // Amounts known and not known (left out of the file), which both writers must agree on.
    let funding = (link(), prop::option::of(any::<u64>()))
        .prop_map(|(source, amount)| Funding { source, amount });
    let participants = (
        prop::option::of(any::<u32>()),
        prop::option::of(any::<u32>()),
        prop::option::of(any::<u32>()),
        prop::option::of(any::<u32>()),
    )
        .prop_map(|(planned, actual, women, men)| Participants {
            planned,
            actual,
            women,
            men,
        });
    let dependency =
        (link(), any::<i32>()).prop_map(|(activity, lag_days)| Dependency { activity, lag_days });
    (
        (
            text(),
            text(),
            prop::sample::select(STATUSES),
            text(),
            prop::collection::vec(session(), 0..3),
            links(),
        ),
        (
            text(),
            links(),
            prop::option::of(money),
            prop::collection::vec(funding, 0..3),
            participants,
            links(),
        ),
        (
            prop::collection::vec(0usize..SDG.len(), 0..3),
            links(),
            prop::collection::vec(dependency, 0..3),
            text(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (title, kind, status, description, sessions, beneficiaries),
                (unit, partners, budget, funding, participants, officers),
                (sdg, objectives, predecessors, notes, milestone),
            )| Activity {
                id: Id(0),
                title,
                kind,
                status,
                description,
                sessions,
                beneficiaries,
                unit,
                partners,
                budget,
                funding,
                participants,
                officers,
                sdg_targets: sdg.into_iter().map(|i| SDG[i].to_string()).collect(),
                objectives,
                predecessors,
                notes,
                milestone,
            },
        )
}

fn agenda_item() -> impl Strategy<Value = AgendaItem> {
    let purpose =
        prop::sample::select(&[Purpose::Decision, Purpose::Discussion, Purpose::Information]);
    let decision = text().prop_map(|text| Decision { id: Id(0), text });
    let action_status = prop::sample::select(&[
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ]);
    let action = (text(), text(), prop::option::of(date()), action_status).prop_map(
        |(text, owner, due, status)| ActionPoint {
            id: Id(0),
            number: 0,
            text,
            owner,
            owner_member: None,
            due,
            status,
        },
    );
    let leaf = (
        (
            text(),
            purpose,
            text(),
            any::<u32>(),
            any::<bool>(),
            texts(),
        ),
        (
            links(),
            links(),
            text(),
            prop::collection::vec(decision, 0..2),
            prop::collection::vec(action, 0..2),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (title, purpose, presenter, minutes, consent, papers),
                (activities, objectives, summary, decisions, actions, generated),
            )| AgendaItem {
                id: Id(0),
                title,
                purpose,
                presenter,
                minutes,
                consent,
                papers,
                activities,
                objectives,
                sub_items: Vec::new(),
                summary,
                decisions,
                actions,
                generated,
                presenter_member: None,
            },
        );
    // Sub-items of sub-items, a few levels deep.
    leaf.prop_recursive(4, 16, 3, |inner| {
        (agenda_item_leaf_again(), prop::collection::vec(inner, 0..3)).prop_map(
            |(mut item, sub_items)| {
                item.sub_items = sub_items;
                item
            },
        )
    })
}

/// A plain item to hang sub-items under (the recursion needs a fresh strategy value).
fn agenda_item_leaf_again() -> impl Strategy<Value = AgendaItem> {
    (text(), any::<u32>(), links()).prop_map(|(title, minutes, activities)| AgendaItem {
        id: Id(0),
        title,
        purpose: Purpose::Discussion,
        presenter: String::new(),
        minutes,
        consent: false,
        papers: Vec::new(),
        activities,
        objectives: Vec::new(),
        sub_items: Vec::new(),
        summary: String::new(),
        decisions: Vec::new(),
        actions: Vec::new(),
        generated: false,
        presenter_member: None,
    })
}

fn committee() -> impl Strategy<Value = Committee> {
    let role = prop::sample::select(&[
        Role::Chair,
        Role::CoChair,
        Role::Secretary,
        Role::Member,
        Role::Observer,
    ]);
    let member = (text(), role, text(), prop::option::of(link()), text()).prop_map(
        |(name, role, organisation, jurisdiction, email)| Member {
            id: Id(0),
            name,
            role,
            organisation,
            jurisdiction,
            email,
        },
    );
    let presence = prop::sample::select(&[
        Presence::Present,
        Presence::Represented,
        Presence::Apologies,
        Presence::Absent,
    ]);
    let attendance =
        (link(), presence, text()).prop_map(|(member, presence, represented_by)| Attendance {
            member,
            presence,
            represented_by,
        });
    let status = prop::sample::select(&[
        MeetingStatus::Draft,
        MeetingStatus::AgendaCirculated,
        MeetingStatus::Held,
        MeetingStatus::MinutesApproved,
    ]);
    let meeting = (
        (any::<u32>(), date(), prop::option::of(time()), text()),
        (prop::option::of(time()), place(), status),
        (
            prop::collection::vec(attendance, 0..3),
            prop::collection::vec(agenda_item(), 0..3),
        ),
    )
        .prop_map(
            |(
                (number, date, start_time, time_zone),
                (planned_end, place, status),
                (attendance, agenda),
            )| Meeting {
                id: Id(0),
                number,
                date,
                start_time,
                time_zone,
                planned_end,
                place,
                status,
                attendance,
                guests: Vec::new(),
                agenda,
            },
        );
    (
        text(),
        text(),
        any::<u32>(),
        prop::collection::vec(member, 0..3),
        prop::collection::vec(meeting, 0..3),
    )
        .prop_map(
            |(name, terms_of_reference, quorum, members, meetings)| Committee {
                name,
                terms_of_reference,
                quorum,
                members,
                meetings,
            },
        )
}

fn settings() -> impl Strategy<Value = Settings> {
    prop_oneof![
        Just(Settings::default()),
        (
            prop::collection::vec(text(), 1..4),
            prop::collection::vec(text(), 0..4),
            any::<bool>(),
            prop::collection::vec(text(), 0..3),
            (50.0f64..100.0, 0.0f64..50.0),
        )
            .prop_map(
                |(level_names, activity_kinds, codes_frozen, checks_off, (on_track, at_risk))| {
                    Settings {
                        level_names,
                        activity_kinds,
                        codes_frozen,
                        checks_off,
                        results: ResultThresholds { on_track, at_risk },
                    }
                }
            ),
    ]
}

fn staff() -> impl Strategy<Value = Vec<StaffMember>> {
    let member =
        (text(), texts(), text(), text()).prop_map(|(name, aliases, email, role)| StaffMember {
            id: Id(0),
            name,
            aliases,
            email,
            role,
        });
    prop::collection::vec(member, 0..3)
}

fn holidays() -> impl Strategy<Value = Vec<HolidaySet>> {
    let day = (date(), text()).prop_map(|(date, name)| Holiday { date, name });
    let set = (text(), prop::collection::vec(day, 0..3)).prop_map(|(country, days)| HolidaySet {
        id: Id(0),
        country,
        days,
    });
    prop::collection::vec(set, 0..3)
}

/// Any valid project: unique ids from an arbitrary start, every link to an existing entity.
fn project() -> impl Strategy<Value = Project> {
    (
        settings(),
        programme(),
        prop::collection::vec(objective(), 0..6),
        prop::collection::vec(activity(), 0..5),
        committee(),
        (holidays(), staff()),
        prop_oneof![
            Just(Some(1u64)),
            (1u64..1_000_000).prop_map(Some),
            (1u64..(1 << 52)).prop_map(Some),
            Just(None),
        ],
        prop_oneof![Just(0u64), 0u64..1000],
    )
        .prop_map(
            |(
                settings,
                programme,
                objectives,
                activities,
                committee,
                (holidays, staff),
                first,
                spare,
            )| {
                finish(
                    Project {
                        format_version: FORMAT_VERSION,
                        next_id: 0,
                        settings,
                        programme,
                        staff,
                        objectives,
                        activities,
                        committee,
                        holidays,
                        accepted_checks: Vec::new(),
                        baselines: Vec::new(),
                    },
                    first,
                    spare,
                )
            },
        )
}

/// Gives every entity a unique id (the largest being the largest allowed when `first_id`
/// is `None`), turns raw link choices into links to existing entities (or drops them where
/// there is nothing to link to), and puts objectives in outline order.
fn finish(mut p: Project, first_id: Option<u64>, spare: u64) -> Project {
    let count = number_entities(&mut p, 0);
    p.next_id = match first_id {
        Some(first) => number_entities(&mut p, first) + spare,
        None => number_entities(&mut p, io::MAX_ID + 1 - count),
    };
    let ids = |it: &mut dyn Iterator<Item = Id>| it.collect::<Vec<Id>>();
    let jurisdictions = ids(&mut p.programme.jurisdictions.iter().map(|j| j.id));
    let partners = ids(&mut p.programme.partners.iter().map(|o| o.id));
    let donors = ids(&mut p.programme.donors.iter().map(|o| o.id));
    let staff = ids(&mut p.staff.iter().map(|m| m.id));
    let objectives = ids(&mut p.objectives.iter().map(|o| o.id));
    let activities = ids(&mut p.activities.iter().map(|a| a.id));
    let members = ids(&mut p.committee.members.iter().map(|m| m.id));
    let pick =
        |raw: Id, set: &[Id]| (!set.is_empty()).then(|| set[(raw.0 % set.len() as u64) as usize]);
    let resolve = |raws: &mut Vec<Id>, set: &[Id]| {
        *raws = raws.iter().filter_map(|&r| pick(r, set)).collect();
    };

    for o in p
        .programme
        .partners
        .iter_mut()
        .chain(&mut p.programme.donors)
    {
        resolve(&mut o.through, &donors);
    }
    let levels = p.settings.level_names.len().max(1);
    for (index, o) in p.objectives.iter_mut().enumerate() {
        // Parents only among earlier nodes: a tree, no loops.
        o.parent = o.parent.and_then(|r| pick(r, &objectives[..index]));
        o.level = (usize::from(o.level) % levels) as u8;
    }
    if p.settings.level_names.is_empty() {
        p.objectives.clear();
    }
    for a in &mut p.activities {
        let own = a.id;
        resolve(&mut a.beneficiaries, &jurisdictions);
        resolve(&mut a.partners, &partners);
        resolve(&mut a.officers, &staff);
        a.officers.dedup();
        resolve(&mut a.objectives, &objectives);
        a.funding.retain_mut(|f| match pick(f.source, &donors) {
            Some(id) => {
                f.source = id;
                true
            }
            None => false,
        });
        let others: Vec<Id> = activities.iter().copied().filter(|&id| id != own).collect();
        a.predecessors
            .retain_mut(|d| match pick(d.activity, &others) {
                Some(id) => {
                    d.activity = id;
                    true
                }
                None => false,
            });
    }
    for m in &mut p.committee.members {
        m.jurisdiction = m.jurisdiction.and_then(|r| pick(r, &jurisdictions));
    }
    fn link_items(items: &mut [AgendaItem], f: &mut dyn FnMut(&mut AgendaItem)) {
        for item in items {
            f(item);
            link_items(&mut item.sub_items, f);
        }
    }
    for meeting in &mut p.committee.meetings {
        meeting
            .attendance
            .retain_mut(|a| match pick(a.member, &members) {
                Some(id) => {
                    a.member = id;
                    true
                }
                None => false,
            });
        link_items(&mut meeting.agenda, &mut |item| {
            resolve(&mut item.activities, &activities);
            resolve(&mut item.objectives, &objectives);
        });
    }
    workplan::plan::tree::sort_outline(&mut p.objectives);
    p
}

/// Numbers every entity from `first`; returns the next free id.
fn number_entities(p: &mut Project, first: u64) -> u64 {
    let mut next = first;
    let mut fresh = || {
        let id = Id(next);
        next += 1;
        id
    };
    let pr = &mut p.programme;
    pr.jurisdictions.iter_mut().for_each(|j| j.id = fresh());
    pr.partners.iter_mut().for_each(|o| o.id = fresh());
    pr.donors.iter_mut().for_each(|o| o.id = fresh());
    p.staff.iter_mut().for_each(|m| m.id = fresh());
    for o in &mut p.objectives {
        o.id = fresh();
        o.indicators.iter_mut().for_each(|i| i.id = fresh());
    }
    for a in &mut p.activities {
        a.id = fresh();
        a.sessions.iter_mut().for_each(|s| s.id = fresh());
    }
    p.holidays.iter_mut().for_each(|h| h.id = fresh());
    p.committee.members.iter_mut().for_each(|m| m.id = fresh());
    fn number_items(items: &mut [AgendaItem], fresh: &mut dyn FnMut() -> Id) {
        for item in items {
            item.id = fresh();
            item.decisions.iter_mut().for_each(|d| d.id = fresh());
            item.actions.iter_mut().for_each(|a| a.id = fresh());
            number_items(&mut item.sub_items, fresh);
        }
    }
    for m in &mut p.committee.meetings {
        m.id = fresh();
        number_items(&mut m.agenda, &mut fresh);
    }
    next
}

// ---- properties ----

/// `n` cases, or `PROPTEST_CASES` for a longer run.
fn cases(n: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    Config {
        cases,
        // Integration tests have no src/lib.rs beside them to keep regression files with;
        // a failure prints its shrunk input instead.
        failure_persistence: None,
        ..Config::default()
    }
}

fn load(text: &str) -> Result<Project, io::LoadError> {
    io::load_str(Path::new("prop.ron"), text)
}

proptest! {
    #![proptest_config(cases(96))]

    #[test]
    fn any_project_round_trips_and_saves_to_the_same_bytes(project in project()) {
        prop_assert!(workplan::edit::integrity::check(&project).is_empty(),
            "the strategy made an unsound project: {:?}", workplan::edit::integrity::check(&project));
        let text = io::to_ron(&project);
        let loaded = load(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&loaded, &project);
        prop_assert_eq!(io::to_ron(&loaded), text);
    }

    /// The fast writer is only a faster way to write ron's own canonical text: for any
    /// project it writes, the bytes are ron's (ron is pinned to the version checked here).
    #[test]
    fn the_fast_writer_writes_exactly_what_ron_writes(project in project()) {
        let (fast, ron) = io::write_with_both(&project);
        let fast = fast.ok_or_else(|| TestCaseError::fail("the fast writer gave up on a project"))?;
        prop_assert_eq!(fast, ron);
    }
}

// ---- damaged files ----

#[derive(Clone, Debug)]
enum Damage {
    /// Replace the byte at (position modulo length).
    Set(usize, u8),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    /// Cut the file off here.
    Truncate(usize),
    /// Copy a stretch of the file to another place (a botched merge or paste).
    Duplicate(usize, usize, usize),
    /// Replace the number nearest after a position (an id, a count, the format version).
    Number(usize, String),
}

/// Tokens that make a damaged file reach deeper into the parser than random bytes would.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "\"",
    "\\",
    ",",
    ":",
    "Some(",
    "None",
    "r#\"",
    "/*",
    "//",
    "-1",
    "0",
    "18446744073709551615",
    "99999999999999999999",
    "2009-02-30",
    "\"+262143-12-31\"",
    "id: 1",
    "id: 18446744073709551615",
    "next_id: 18446744073709551615",
    "format_version: 0",
    "format_version: 2",
    "format_version: 4294967296",
    "\u{feff}",
    "\u{0}",
    "\u{FFFD}",
    "é",
    "1e9",
    "true",
    "#![enable(implicit_some)]",
    "'a'",
    "b\"x\"",
];

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        (0u64..4).prop_map(|n| n.to_string()),
        (0u64..4).prop_map(|n| (u64::MAX - n).to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        Just("99999999999999999999999".to_string()),
    ]
}

/// Mostly printable ASCII: random bytes alone would nearly always stop at the UTF-8 check.
fn byte() -> impl Strategy<Value = u8> {
    prop_oneof![8 => 0x20u8..0x7f, 1 => Just(b'\n'), 1 => any::<u8>()]
}

fn damage() -> impl Strategy<Value = Damage> {
    let bytes = prop_oneof![
        prop::collection::vec(byte(), 1..8),
        prop::sample::select(TOKENS).prop_map(|t| t.as_bytes().to_vec()),
    ];
    prop_oneof![
        3 => (any::<usize>(), byte()).prop_map(|(at, b)| Damage::Set(at, b)),
        2 => (any::<usize>(), 1usize..64).prop_map(|(at, n)| Damage::Delete(at, n)),
        3 => (any::<usize>(), bytes).prop_map(|(at, b)| Damage::Insert(at, b)),
        1 => any::<usize>().prop_map(Damage::Truncate),
        2 => (any::<usize>(), number()).prop_map(|(at, n)| Damage::Number(at, n)),
        1 => (any::<usize>(), 1usize..400, any::<usize>()).prop_map(|(a, n, b)| Damage::Duplicate(a, n, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    let len = bytes.len().max(1);
    match damage {
        Damage::Set(at, b) => {
            if !bytes.is_empty() {
                bytes[at % len] = *b;
            }
        }
        Damage::Delete(at, n) => {
            let start = (at % len).min(bytes.len());
            let end = (start + n).min(bytes.len());
            bytes.drain(start..end);
        }
        Damage::Insert(at, b) => {
            let at = (at % (len + 1)).min(bytes.len());
            bytes.splice(at..at, b.iter().copied());
        }
        Damage::Truncate(at) => bytes.truncate(at % len),
        Damage::Duplicate(from, n, to) => {
            let start = (from % len).min(bytes.len());
            let piece = bytes[start..(start + n).min(bytes.len())].to_vec();
            let to = (to % (len + 1)).min(bytes.len());
            bytes.splice(to..to, piece);
        }
        Damage::Number(at, number) => {
            let from = (at % len).min(bytes.len());
            if let Some(start) = bytes[from..].iter().position(u8::is_ascii_digit) {
                let start = from + start;
                let end = start
                    + bytes[start..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                bytes.splice(start..end, number.bytes());
            }
        }
    }
}

/// A refused file gives every problem a line and column inside the file (the place just
/// after the last character counts: that is where a file cut short ends).
fn assert_located(bytes: &[u8], error: &io::LoadError) -> Result<(), TestCaseError> {
    prop_assert!(!error.problems.is_empty());
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lines: Vec<&str> = text.split('\n').collect();
    for problem in &error.problems {
        prop_assert!(!problem.message.is_empty());
        if text.trim().is_empty() {
            continue; // "the file is empty" has no place to point at
        }
        let (Some(line), Some(column)) = (problem.line, problem.column) else {
            return Err(TestCaseError::fail(format!("no place: {error}")));
        };
        prop_assert!(
            line >= 1 && line <= lines.len(),
            "line {} of {}: {}",
            line,
            lines.len(),
            error
        );
        let width = lines[line - 1].chars().count();
        prop_assert!(
            column >= 1 && column <= width + 1,
            "column {} of {}: {}",
            column,
            width,
            error
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(160))]

    #[test]
    fn a_damaged_sample_is_refused_with_a_place_or_opens(
        damages in prop::collection::vec(damage(), 1..6)
    ) {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        for d in &damages {
            apply(&mut bytes, d);
        }
        match io::load_bytes(Path::new("damaged.ron"), &bytes) {
            Ok(project) => {
                // Whatever opens must save and open again unchanged.
                let text = io::to_ron(&project);
                prop_assert_eq!(load(&text).map_err(|e| TestCaseError::fail(e.to_string()))?, project);
            }
            Err(error) => assert_located(&bytes, &error)?,
        }
    }
}

// ---- committee edits ----

/// A committee edit chosen by numbers: the kind, two entity choices (taken modulo what the
/// project has, one past the end being an id nothing carries), a place and a text.
type RawEdit = (u8, u64, u64, usize, String);

fn raw_edit() -> impl Strategy<Value = RawEdit> {
    (0u8..22, any::<u64>(), any::<u64>(), 0usize..5, text())
}

/// The entity `raw` picks from `list`, or `None` (an id that does not exist) one past the end.
fn choose<T: Clone>(list: &[T], raw: u64) -> Option<T> {
    let at = (raw % (list.len() as u64 + 1)) as usize;
    list.get(at).cloned()
}

/// The command a raw edit stands for on `p`. `fresh` is an id nothing carries yet, for a new
/// entity; the one after it stands for an entity that is not there.
fn committee_command(p: &Project, raw: &RawEdit, fresh: Id) -> workplan::edit::commands::Command {
    use workplan::edit::commands::Command;
    let (kind, a, b, place, text) = raw.clone();
    let missing = Id(fresh.0 + 1);
    let c = &p.committee;
    let mut items: Vec<(Id, AgendaItem)> = Vec::new();
    for m in &c.meetings {
        m.for_each_item(&mut |item| items.push((m.id, item.clone())));
    }
    let decisions: Vec<(Id, Id, Decision)> = items
        .iter()
        .flat_map(|(m, i)| i.decisions.iter().map(|d| (*m, i.id, d.clone())))
        .collect();
    let actions: Vec<(Id, Id, ActionPoint)> = items
        .iter()
        .flat_map(|(m, i)| i.actions.iter().map(|x| (*m, i.id, x.clone())))
        .collect();
    let member = choose(&c.members, a);
    let meeting = choose(&c.meetings, a);
    let meeting_id = meeting.as_ref().map_or(missing, |m| m.id);
    let item = choose(&items, a);
    let (item_meeting, item_id) = item
        .as_ref()
        .map_or((meeting_id, missing), |(m, i)| (*m, i.id));
    let decision = choose(&decisions, a);
    let action = choose(&actions, a);
    // Half the time the fresh id, else one the project may already use.
    let existing = |raw: u64| {
        if raw.is_multiple_of(2) {
            return fresh;
        }
        let all = p.all_ids();
        choose(&all, raw / 2).map_or(fresh, |(id, _)| id)
    };
    match kind {
        0 => Command::SetCommitteeDetails {
            name: text,
            terms_of_reference: c.terms_of_reference.clone(),
            quorum: place as u32,
        },
        1 => {
            let mut m = member.unwrap_or_else(|| Member {
                id: missing,
                name: String::new(),
                role: Role::Member,
                organisation: String::new(),
                jurisdiction: None,
                email: String::new(),
            });
            m.name = text;
            if b.is_multiple_of(3) {
                m.jurisdiction = Some(existing(b));
            }
            Command::SetMember(Box::new(m))
        }
        2 => Command::InsertMember {
            index: place,
            member: Box::new(Member {
                id: existing(b),
                name: text,
                role: Role::Observer,
                organisation: String::new(),
                jurisdiction: None,
                email: String::new(),
            }),
        },
        3 => Command::RemoveMember(member.map_or(missing, |m| m.id)),
        4 => Command::MoveMember {
            member: member.map_or(missing, |m| m.id),
            to: place,
        },
        5 => match meeting {
            Some(mut m) => {
                m.time_zone = text;
                if let Some(first) = m.agenda.first_mut() {
                    first.id = existing(b);
                    first.sub_items.clear();
                    first.decisions.clear();
                    first.actions.clear();
                }
                Command::SetMeeting(Box::new(m))
            }
            None => Command::RemoveMeeting(missing),
        },
        6 => {
            let mut m = c.meetings.first().cloned().unwrap_or_else(|| Meeting {
                id: fresh,
                number: 1,
                date: p.programme.start,
                start_time: None,
                time_zone: String::new(),
                planned_end: None,
                place: Place::default(),
                status: MeetingStatus::Draft,
                attendance: Vec::new(),
                guests: Vec::new(),
                agenda: Vec::new(),
            });
            m.id = existing(b);
            m.agenda.clear();
            Command::InsertMeeting {
                index: place,
                meeting: Box::new(m),
            }
        }
        7 => Command::RemoveMeeting(meeting_id),
        8 => Command::MoveMeeting {
            meeting: meeting_id,
            to: place,
        },
        9 => {
            let mut attendance = meeting.map(|m| m.attendance).unwrap_or_default();
            attendance.push(Attendance {
                member: choose(&c.members, b).map_or(missing, |m| m.id),
                presence: Presence::Represented,
                represented_by: text,
            });
            Command::SetAttendance {
                meeting: meeting_id,
                attendance,
            }
        }
        10 => {
            let mut new = item.map_or_else(
                || workplan::committee::template(&mut || missing).swap_remove(0),
                |(_, i)| i,
            );
            new.title = text;
            if b.is_multiple_of(3) {
                new.activities.push(existing(b));
            }
            Command::SetAgendaItem {
                meeting: item_meeting,
                item: Box::new(new),
            }
        }
        11 => {
            let mut new = workplan::committee::template(&mut || existing(b)).swap_remove(0);
            new.title = text;
            Command::InsertAgendaItem {
                meeting: item_meeting,
                parent: a.is_multiple_of(2).then_some(item_id),
                index: place,
                item: Box::new(new),
            }
        }
        12 => Command::RemoveAgendaItem {
            meeting: item_meeting,
            item: item_id,
        },
        13 => Command::MoveAgendaItem {
            meeting: item_meeting,
            item: item_id,
            to: place,
        },
        14 => {
            let (meeting, item, mut d) = decision.unwrap_or((
                item_meeting,
                item_id,
                Decision {
                    id: missing,
                    text: String::new(),
                },
            ));
            d.text = text;
            Command::SetDecision {
                meeting,
                item,
                decision: d,
            }
        }
        15 => Command::InsertDecision {
            meeting: item_meeting,
            item: item_id,
            index: place,
            decision: Decision {
                id: existing(b),
                text,
            },
        },
        16 => {
            let (meeting, item, id) =
                decision.map_or((item_meeting, item_id, missing), |(m, i, d)| (m, i, d.id));
            if b.is_multiple_of(2) {
                Command::RemoveDecision {
                    meeting,
                    item,
                    decision: id,
                }
            } else {
                Command::MoveDecision {
                    meeting,
                    item,
                    decision: id,
                    to: place,
                }
            }
        }
        17 => {
            let (meeting, item, mut x) = action.unwrap_or((
                item_meeting,
                item_id,
                ActionPoint {
                    id: missing,
                    number: 0,
                    text: String::new(),
                    owner: String::new(),
                    owner_member: None,
                    due: None,
                    status: ActionStatus::Open,
                },
            ));
            x.owner = text;
            Command::SetActionPoint {
                meeting,
                item,
                action: Box::new(x),
            }
        }
        18 => Command::InsertActionPoint {
            meeting: item_meeting,
            item: item_id,
            index: place,
            action: Box::new(ActionPoint {
                id: existing(b),
                number: 0,
                text,
                owner: String::new(),
                owner_member: None,
                due: None,
                status: ActionStatus::InProgress,
            }),
        },
        19 => {
            let (meeting, item, id) =
                action.map_or((item_meeting, item_id, missing), |(m, i, x)| (m, i, x.id));
            if b.is_multiple_of(2) {
                Command::RemoveActionPoint {
                    meeting,
                    item,
                    action: id,
                }
            } else {
                Command::MoveActionPoint {
                    meeting,
                    item,
                    action: id,
                    to: place,
                }
            }
        }
        20 => workplan::edit::commands::delete_member(
            p,
            choose(&c.members, b).map_or(missing, |m| m.id),
        ),
        _ => {
            // Activities deleted together (one with its predecessors, and one more), as when
            // several rows of the workplan are deleted: the agenda links to them go too.
            let mut ids = Vec::new();
            if let Some(activity) = choose(&p.activities, a) {
                ids.push(activity.id);
                ids.extend(activity.predecessors.iter().map(|d| d.activity));
            }
            ids.push(choose(&p.activities, b).map_or(missing, |x| x.id));
            let mut seen = std::collections::HashSet::new();
            ids.retain(|id| seen.insert(*id));
            workplan::edit::commands::delete_activities(p, &ids)
        }
    }
}

proptest! {
    #![proptest_config(cases(64))]

    /// Any committee edit (or deletion of linked activities) either is refused and changes
    /// nothing, or leaves a sound project that its inverse restores exactly and the inverse of
    /// the inverse edits again.
    #[test]
    fn any_committee_edit_undoes_exactly(
        mut project in project(),
        edits in prop::collection::vec(raw_edit(), 1..6),
    ) {
        for raw in &edits {
            // Ids are handed out before the edit is made, as the window does.
            let fresh = Id(project.next_id);
            project.next_id += 2;
            let command = committee_command(&project, raw, fresh);
            let before = project.clone();
            match command.clone().apply(&mut project) {
                Err(_) => prop_assert_eq!(&project, &before, "{:?} was refused but changed the project", command),
                Ok(inverse) => {
                    let problems = workplan::edit::integrity::check(&project);
                    prop_assert!(problems.is_empty(), "{:?} left {:?}", command, problems);
                    let after = project.clone();
                    let redo = inverse.apply(&mut project).expect("an inverse applies");
                    prop_assert_eq!(&project, &before, "the inverse of {:?}", command);
                    redo.apply(&mut project).expect("the inverse of the inverse applies");
                    prop_assert_eq!(&project, &after, "the redo of {:?}", command);
                }
            }
        }
    }
}
