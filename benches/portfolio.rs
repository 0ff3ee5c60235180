//! Opening a portfolio and the checks across its files. Run with
//! `cargo bench --bench portfolio`.
//!
//! 0. 50 members of 1,000 activities each (50,000), saved as 50 files beside a `.wpf`:
//!    opening the portfolio (the portfolio file, every member read, the combined plan built),
//!    with the members read one after the other and, as the window's session does, each on a
//!    thread of its own (the target: under 1 s).
//! 1. 50 members of 200 activities each, saved as 50 files: reading them all against the
//!    checks across them (the target: the checks no slower than the reading).
//! 2. 50 members of 1,000 activities each (50,000), all generated in the same seven countries
//!    and the same three years, so that overlaps run to the millions: the checks finish (one
//!    run, timed), and grouping and a filter of the findings, for the findings list.
//!
//! The peak memory (VmHWM) is printed after each part.
//!
//! `BENCH_MEMBERS`, `BENCH_SMALL` and `BENCH_LARGE` change the sizes, `BENCH_PARTS` (such as
//! `0,1`) runs only the parts named. Prints medians and the
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

fn generated(count: usize, activities: usize) -> Vec<(String, String, Project)> {
    (0..count)
        .map(|i| {
            let project = workplan::plan::generate::project(activities, 40, 2, 1000 + i as u64);
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

    let parts = std::env::var("BENCH_PARTS").unwrap_or_else(|_| "0,1,2".into());
    let part = |n: &str| parts.split(',').any(|p| p.trim() == n);

    // 0. Opening a portfolio of 50,000 activities.
    if part("0") {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = portfolio_on_disk(dir.path(), &generated(count, large));
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
        peak_memory();
    }

    // 1. Reading the files against checking across them.
    if part("1") {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let projects = generated(count, small);
        let files: Vec<_> = projects
            .iter()
            .map(|(path, _, project)| {
                let file = dir.path().join(path);
                workplan::io::save(project, &file).expect("the member saves");
                file
            })
            .collect();
        let read = measure(
            &format!("read {count} files of {small} activities"),
            10,
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
            &format!("checks across {count} × {small}"),
            10,
            || portfolio_checks::run(&list, &[]),
            |found| format!("{} findings", found.len()),
        );
        println!("checks / reading: {:.2}", checks / read);
        peak_memory();
    }
    if !part("2") {
        return;
    }

    // 2. 50,000 activities: one timed run (the findings of two runs at once would not fit
    // in the memory of the machine this runs on), then grouping and filtering them.
    let projects = generated(count, large);
    let list = members(&projects);
    let start = Instant::now();
    let found = portfolio_checks::run(&list, &[]);
    let took = start.elapsed().as_secs_f64() * 1000.0;
    let by_kind = |kind: CrossKind| found.iter().filter(|f| f.kind == kind).count();
    println!(
        "{:<44} {took:>9.1} ms (one run)   {} findings at {} activities: {} clashes, {} officers, \
         {} partners, {} likely duplicates",
        format!("checks across {count} × {large}"),
        found.len(),
        count * large,
        by_kind(CrossKind::Clash),
        by_kind(CrossKind::Officer),
        by_kind(CrossKind::Partner),
        by_kind(CrossKind::Duplicate),
    );
    peak_memory();
    let groups = portfolio_checks::group(&found);
    measure(
        "group the findings",
        3,
        || portfolio_checks::group(&found),
        |g| format!("{} groups", g.len()),
    );
    let one = Filter {
        member: Some(0),
        ..Filter::default()
    };
    measure(
        "filter: one programme",
        3,
        || portfolio_checks::filter(&list, &found, &groups, &one),
        |g| format!("{} groups", g.len()),
    );
    let text = Filter {
        text: "training".into(),
        ..Filter::default()
    };
    measure(
        "filter: a word",
        3,
        || portfolio_checks::filter(&list, &found, &groups, &text),
        |g| format!("{} groups", g.len()),
    );
}
