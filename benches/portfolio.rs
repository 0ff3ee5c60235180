//! Opening a portfolio and the checks across its files. Run with
//! `cargo bench --bench portfolio`.
//!
//! Two spreads of generated members (`plan::generate`, seeds 1000 on):
//! - *regional*, as a regional office's portfolio looks: each programme in 3 to 8 of 36
//!   countries and its own three years within 2014–2030, so that 50 × 1,000 gives overlaps in
//!   the hundreds of thousands, as the portfolio issue puts it;
//! - *stress*, the generator's own spread: every programme in the same seven countries over
//!   the same ten years, every activity overlapping some 160 of other programmes' (millions of
//!   findings at 50 × 1,000).
//!
//! 0. 50 regional members of 1,000 activities each (50,000), saved as 50 files beside a
//!    `.wpf`: opening the portfolio (the portfolio file, every member read, the combined plan
//!    built), with the members read one after the other and, as the window's session does,
//!    each on a thread of its own (the target: under 1 s).
//! 1. 50 members of 200 activities each, saved as 50 files, regional then stress: reading
//!    them all against the checks across them (the target: the checks no slower than the
//!    reading).
//! 2. 50 regional members of 1,000 activities each: the checks (one run, timed), grouping and
//!    filtering the findings, as the findings list does (the target: they finish and the list
//!    stays usable).
//! 3. The same in the stress spread.
//!
//! The peak memory (VmHWM) is printed after each part.
//!
//! `BENCH_MEMBERS`, `BENCH_SMALL` and `BENCH_LARGE` change the sizes, `BENCH_PARTS` (such as
//! `0,1`) runs only the parts named, `BENCH_SPREADS` (`regional` or `stress`) only that spread
//! in part 1 and `BENCH_RUNS` its number of runs (10), as for a profile; `BENCH_DIGEST=1` prints
//! a digest of part 1's findings in full, in order, so a faster check can be shown to find the
//! same (`BENCH_FINDINGS=FOLDER` writes them there too, a line each). Prints medians and the
//! spread (10th and 90th percentile).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use workplan::model::Project;
use workplan::model::portfolio::{MEMBER_COLOURS, Portfolio, PortfolioMember};
use workplan::plan::portfolio::{Combined, combine};
use workplan::plan::portfolio_checks::{self, CrossKind, Filter, Member};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn measure<T>(
    name: &str,
    runs: usize,
    mut f: impl FnMut() -> T,
    note: impl Fn(&T) -> String,
) -> f64 {
    let first = f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
    println!(
        "{name:<44} median {:>9.1} ms   p10 {:>9.1} ms   p90 {:>9.1} ms   {}   ({runs} runs)",
        at(0.5),
        at(0.1),
        at(0.9),
        note(&first)
    );
    at(0.5)
}

/// The most memory the process has held so far (Linux's VmHWM), for the figures.
fn peak_memory() {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:")) {
        println!("peak memory so far: {}", line["VmHWM:".len()..].trim());
    }
}

fn members(projects: &[(String, String, Project)]) -> Vec<Member<'_>> {
    projects
        .iter()
        .map(|(path, name, project)| Member {
            path,
            name,
            project,
        })
        .collect()
}

/// How the members of a generated portfolio are spread.
#[derive(Clone, Copy, PartialEq)]
enum Spread {
    /// As a regional office's portfolio looks: each programme in 3 to 8 of 36 countries and
    /// its own three years within 2014–2030.
    Regional,
    /// Every programme in the same seven countries over the same ten years (the generator's
    /// own spread): every activity overlaps some 160 of other programmes.
    Stress,
}

/// The countries a regional office's programmes work in (names `plan::countries` knows).
const COUNTRIES: [&str; 36] = [
    "Albania",
    "Armenia",
    "Austria",
    "Azerbaijan",
    "Belarus",
    "Bosnia and Herzegovina",
    "Bulgaria",
    "Croatia",
    "Cyprus",
    "Czechia",
    "Estonia",
    "Georgia",
    "Greece",
    "Hungary",
    "Kazakhstan",
    "Kyrgyzstan",
    "Latvia",
    "Lithuania",
    "Moldova",
    "Montenegro",
    "North Macedonia",
    "Poland",
    "Romania",
    "Serbia",
    "Slovakia",
    "Slovenia",
    "Tajikistan",
    "Turkey",
    "Turkmenistan",
    "Ukraine",
    "Uzbekistan",
    "Mongolia",
    "Afghanistan",
    "Iran",
    "Pakistan",
    "Italy",
];

/// A small deterministic draw (splitmix64), so every run generates the same portfolio.
fn draw(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Moves a generated member (seven countries, ten years from 2020) into its own countries
/// (3 to 8 of [`COUNTRIES`]) and its own three years within 2014–2030.
fn regional(project: &mut Project, seed: u64) {
    use chrono::{Datelike, Days, NaiveDate};
    let mut state = seed;
    let count = 3 + (draw(&mut state) % 6) as usize;
    let mut chosen: Vec<&str> = Vec::new();
    while chosen.len() < count {
        let c = COUNTRIES[(draw(&mut state) % COUNTRIES.len() as u64) as usize];
        if !chosen.contains(&c) {
            chosen.push(c);
        }
    }
    let old: Vec<String> = project
        .programme
        .jurisdictions
        .iter()
        .map(|j| j.name.clone())
        .collect();
    let ids: Vec<_> = project
        .programme
        .jurisdictions
        .iter()
        .map(|j| j.id)
        .collect();
    // The generated list keeps its length (committee members name its entries): the first
    // `count` become the programme's countries, the rest others no activity is for.
    let spare = COUNTRIES.iter().filter(|c| !chosen.contains(c));
    let names: Vec<&str> = chosen.iter().copied().chain(spare.copied()).collect();
    for (j, name) in project.programme.jurisdictions.iter_mut().zip(names) {
        j.name = name.into();
    }
    let was = NaiveDate::from_ymd_opt(2020, 1, 1).expect("valid");
    let from = NaiveDate::from_ymd_opt(2014 + (draw(&mut state) % 14) as i32, 1, 1).expect("valid");
    // Ten years squeezed into three: the same activities, three times as close together.
    let moved = |day: NaiveDate| from + Days::new(((day - was).num_days().max(0) as u64) * 3 / 10);
    // Each programme has its own team; one person (a regional coordinator) works in all.
    for person in project.staff.iter_mut().skip(1) {
        person.name = format!("{} of programme {seed}", person.name);
    }
    project.programme.start = from;
    project.programme.end = moved(project.programme.end);
    for a in &mut project.activities {
        let mut beneficiaries: Vec<_> = a
            .beneficiaries
            .iter()
            .filter_map(|id| ids.iter().position(|i| i == id))
            .map(|n| ids[n % count])
            .collect();
        beneficiaries.sort();
        beneficiaries.dedup();
        // A national activity is for one country, a regional one for a few: two at most.
        beneficiaries.truncate(2);
        a.beneficiaries = beneficiaries;
        for s in &mut a.sessions {
            if let Some(n) = old.iter().position(|o| *o == s.place.country) {
                s.place.country = chosen[n % count].into();
                s.place.city = String::new();
            }
            let length = s.end.map(|e| e - s.start);
            s.start = moved(s.start);
            if s.precision == workplan::model::Precision::Month {
                s.start = s.start.with_day(1).expect("day 1 exists");
            }
            s.end = length.map(|l| s.start + l);
        }
    }
}

fn generated(count: usize, activities: usize, spread: Spread) -> Vec<(String, String, Project)> {
    (0..count)
        .map(|i| {
            let seed = 1000 + i as u64;
            let mut project = workplan::plan::generate::project(activities, 40, 2, seed);
            if spread == Spread::Regional {
                regional(&mut project, seed);
            }
            (
                format!("member-{i:02}.ron"),
                format!("Programme {i:02}"),
                project,
            )
        })
        .collect()
}

/// The members saved as files in `dir` with a portfolio file naming them; its path.
fn portfolio_on_disk(dir: &std::path::Path, projects: &[(String, String, Project)]) -> PathBuf {
    let portfolio = Portfolio {
        name: "Regional office".into(),
        members: projects
            .iter()
            .enumerate()
            .map(|(i, (path, name, project))| {
                workplan::io::save(project, &dir.join(path)).expect("the member saves");
                PortfolioMember {
                    path: path.clone(),
                    name: name.clone(),
                    colour: MEMBER_COLOURS[i % MEMBER_COLOURS.len()].into(),
                }
            })
            .collect(),
        ..Portfolio::default()
    };
    let file = dir.join("office.wpf");
    workplan::io::portfolio::save_portfolio(&portfolio, &file).expect("the portfolio saves");
    file
}

/// Opens the portfolio as the window does: the portfolio file, then every member (on a thread
/// each when `parallel`, as the session's jobs read them), then the combined plan.
fn open(file: &std::path::Path, parallel: bool) -> Combined {
    let portfolio = workplan::io::portfolio::load_portfolio(file).expect("the portfolio opens");
    let paths: Vec<PathBuf> = portfolio
        .members
        .iter()
        .map(|m| workplan::io::portfolio::member_file(file, &m.path))
        .collect();
    let read = |path: &PathBuf| workplan::io::load(path).ok();
    let projects: Vec<Option<Project>> = if parallel {
        std::thread::scope(|scope| {
            let jobs: Vec<_> = paths.iter().map(|p| scope.spawn(move || read(p))).collect();
            jobs.into_iter()
                .map(|j| j.join().expect("a reader"))
                .collect()
        })
    } else {
        paths.iter().map(read).collect()
    };
    let members: Vec<Option<&Project>> = projects.iter().map(Option::as_ref).collect();
    combine(&portfolio.name, &members)
}

fn main() {
    let count = env("BENCH_MEMBERS", 50);
    let small = env("BENCH_SMALL", 200);
    let large = env("BENCH_LARGE", 1000);

    let parts = std::env::var("BENCH_PARTS").unwrap_or_else(|_| "0,1,2,3".into());
    let part = |n: &str| parts.split(',').any(|p| p.trim() == n);

    // 0. Opening a portfolio of 50,000 activities.
    if part("0") {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = portfolio_on_disk(dir.path(), &generated(count, large, Spread::Regional));
        let bytes: u64 = std::fs::read_dir(dir.path())
            .expect("the folder lists")
            .filter_map(|e| e.ok()?.metadata().ok())
            .map(|m| m.len())
            .sum();
        println!(
            "portfolio of {count} members × {large} activities: {:.1} MB on disk",
            bytes as f64 / 1e6
        );
        let note = |c: &Combined| format!("{} activities", c.project.activities.len());
        measure(
            &format!("open {count} × {large}, one after another"),
            5,
            || open(&file, false),
            note,
        );
        measure(
            &format!("open {count} × {large}, a thread a member"),
            5,
            || open(&file, true),
            note,
        );
        let projects: Vec<Project> = (0..count)
            .map(|i| {
                let path = dir.path().join(format!("member-{i:02}.ron"));
                workplan::io::load(&path).expect("the member opens")
            })
            .collect();
        let members: Vec<Option<&Project>> = projects.iter().map(Some).collect();
        measure(
            &format!("combine {count} × {large} (of the above)"),
            5,
            || combine("Regional office", &members),
            note,
        );
        // What the session does next, on a worker of its own, with the plan already shown.
        let combined = combine("Regional office", &members);
        measure(
            &format!("clashes of the combination {count} × {large} (after it)"),
            5,
            || workplan::plan::portfolio::clashes(&combined, &members),
            |c| format!("{} clashing pairs", c.len()),
        );
        peak_memory();
    }

    // 1. Reading the files against checking across them, in both spreads.
    if part("1") {
        let spreads = std::env::var("BENCH_SPREADS").unwrap_or_else(|_| "regional,stress".into());
        let runs = env("BENCH_RUNS", 10);
        for (spread, label) in [(Spread::Regional, "regional"), (Spread::Stress, "stress")] {
            if !spreads.split(',').any(|s| s.trim() == label) {
                continue;
            }
            let dir = tempfile::tempdir().expect("a temporary folder");
            let projects = generated(count, small, spread);
            let files: Vec<_> = projects
                .iter()
                .map(|(path, _, project)| {
                    let file = dir.path().join(path);
                    workplan::io::save(project, &file).expect("the member saves");
                    file
                })
                .collect();
            let read = measure(
                &format!("{label}: read {count} files of {small} activities"),
                runs,
                || {
                    files
                        .iter()
                        .map(|f| workplan::io::load(f).expect("the member opens"))
                        .collect::<Vec<_>>()
                },
                |loaded| format!("{} projects", loaded.len()),
            );
            let list = members(&projects);
            let checks = measure(
                &format!("{label}: checks across {count} × {small}"),
                runs,
                || portfolio_checks::run(&list, &[]),
                |found| format!("{} findings", found.len()),
            );
            println!("{label}: checks / reading: {:.2}", checks / read);
            if std::env::var_os("BENCH_DIGEST").is_some() {
                use std::hash::{Hash, Hasher};
                // SipHash with its fixed keys: the same findings give the same digest.
                let mut digest = std::hash::DefaultHasher::new();
                let found = portfolio_checks::run(&list, &[]);
                let lines: Vec<String> = found.iter(&list).map(|f| format!("{f:?}")).collect();
                lines.hash(&mut digest);
                // A folder to write them into as well, to compare two versions line by line.
                if let Some(folder) = std::env::var_os("BENCH_FINDINGS") {
                    let file = std::path::Path::new(&folder).join(format!("{label}.txt"));
                    std::fs::write(&file, lines.join("\n")).expect("the findings are written");
                }
                println!("{label}: digest of the findings {:016x}", digest.finish());
            }
            peak_memory();
        }
    }
    // 2. and 3. 50,000 activities, regional then stress.
    if part("2") {
        large_checks(count, large, Spread::Regional, "regional");
    }
    if part("3") {
        large_checks(count, large, Spread::Stress, "stress");
    }
}

/// The checks across `count` × `large` activities: one timed run (the stress case's findings
/// of two runs at once would not fit in the memory of the machine this runs on), then
/// grouping and filtering them, as the findings list does.
fn large_checks(count: usize, large: usize, spread: Spread, label: &str) {
    let projects = generated(count, large, spread);
    let list = members(&projects);
    let start = Instant::now();
    let found = portfolio_checks::run(&list, &[]);
    let took = start.elapsed().as_secs_f64() * 1000.0;
    let by_kind = |kind: CrossKind| {
        let at = CrossKind::ALL.iter().position(|&k| k == kind).unwrap();
        found.by_kind[at]
    };
    println!(
        "{:<44} {took:>9.1} ms (one run)   {} findings in {} groups at {} activities: {} \
         clashes, {} officers, {} partners, {} likely duplicates",
        format!("{label}: checks across {count} × {large}"),
        found.len(),
        found.groups.len(),
        count * large,
        by_kind(CrossKind::Clash),
        by_kind(CrossKind::Officer),
        by_kind(CrossKind::Partner),
        by_kind(CrossKind::Duplicate),
    );
    peak_memory();
    // The list makes a finding in full only when its row is on screen; this is what making
    // every one would cost (counted, not kept).
    measure(
        &format!("{label}: make every finding in full"),
        1,
        || found.iter(&list).count(),
        |n| format!("{n} findings"),
    );
    let one = Filter {
        member: Some(0),
        ..Filter::default()
    };
    measure(
        &format!("{label}: filter: one programme"),
        3,
        || portfolio_checks::filter(&list, &found, &one),
        |g| format!("{} groups", g.len()),
    );
    let text = Filter {
        text: "training".into(),
        ..Filter::default()
    };
    measure(
        &format!("{label}: filter: a word"),
        3,
        || portfolio_checks::filter(&list, &found, &text),
        |g| format!("{} groups", g.len()),
    );
}
