//! The checks across a portfolio's files. Run with `cargo bench --bench portfolio`.
//!
//! 1. 50 members of 200 activities each, saved as 50 files: reading them all against the
//!    checks across them (the target: the checks no slower than the reading).
//! 2. 50 members of 1,000 activities each (50,000), generated in the same few countries so
//!    that overlaps run to the hundreds of thousands: the checks finish, and grouping and a
//!    filter of the findings stay quick enough for the findings list.
//! 3. The findings panel over the findings of 1 (hundreds of thousands), opened as the window
//!    opens a portfolio (members read and checked by the session's workers): one frame with
//!    the groups closed, with every group open, and the first frame after a word is typed in
//!    its search (the filter run again), driven headlessly through egui_kittest as `frames`
//!    does.
//!
//! `BENCH_MEMBERS`, `BENCH_SMALL`, `BENCH_LARGE` and `BENCH_PANEL` change the sizes. Prints
//! medians and the spread (10th and 90th percentile).

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use workplan::model::Project;
use workplan::plan::portfolio_checks::{self, CrossKind, Filter, Member};
use workplan::session::Session;
use workplan::ui::views::portfolio_checks::{ChecksPanelState, show};

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

fn main() {
    let count = env("BENCH_MEMBERS", 50);
    let small = env("BENCH_SMALL", 200);
    let large = env("BENCH_LARGE", 1000);

    // 1. Reading the files against checking across them.
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

    // 2. 50,000 activities (in a block, so its findings are freed before the panel's).
    {
        let projects = generated(count, large);
        let list = members(&projects);
        let found = portfolio_checks::run(&list, &[]);
        let by_kind = |kind: CrossKind| found.iter().filter(|f| f.kind == kind).count();
        println!(
            "{} findings at {} activities: {} clashes, {} officers, {} partners, {} likely duplicates",
            found.len(),
            count * large,
            by_kind(CrossKind::Clash),
            by_kind(CrossKind::Officer),
            by_kind(CrossKind::Partner),
            by_kind(CrossKind::Duplicate),
        );
        measure(
            &format!("checks across {count} × {large}"),
            5,
            || portfolio_checks::run(&list, &[]),
            |found| format!("{} findings", found.len()),
        );
        let groups = portfolio_checks::group(&found);
        measure(
            "group the findings",
            10,
            || portfolio_checks::group(&found),
            |g| format!("{} groups", g.len()),
        );
        let one = Filter {
            member: Some(0),
            ..Filter::default()
        };
        measure(
            "filter: one programme",
            10,
            || portfolio_checks::filter(&list, &found, &groups, &one),
            |g| format!("{} groups", g.len()),
        );
        let text = Filter {
            text: "training".into(),
            ..Filter::default()
        };
        measure(
            "filter: a word",
            10,
            || portfolio_checks::filter(&list, &found, &groups, &text),
            |g| format!("{} groups", g.len()),
        );
    }

    // 3. The findings panel, over the members of part 1 read from files by a session (800,000
    // findings at the default sizes; the 50,000 activities of part 2 find twenty million,
    // more than a session should hold: `BENCH_PANEL` changes the members' size).
    let projects = generated(count, env("BENCH_PANEL", small));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let portfolio = workplan::model::portfolio::Portfolio {
        name: "Benchmark".into(),
        members: projects
            .iter()
            .map(|(path, name, project)| {
                workplan::io::save(project, &dir.path().join(path)).expect("the member saves");
                workplan::model::portfolio::PortfolioMember {
                    path: path.clone(),
                    name: name.clone(),
                    colour: "#1f77b4".into(),
                }
            })
            .collect(),
        ..Default::default()
    };
    let file = dir.path().join("benchmark.wpf");
    workplan::io::portfolio::save_portfolio(&portfolio, &file).expect("the portfolio saves");
    let mut session = Session::default();
    let start = Instant::now();
    session.open_portfolio(&file);
    session.wait_for_portfolio();
    let open = session.portfolio.as_ref().expect("the portfolio opens");
    println!(
        "{:<44} {:>9.1} ms   {} findings in {} groups",
        "open, read, combine and check (session)",
        start.elapsed().as_secs_f64() * 1000.0,
        open.findings().len(),
        open.groups().len()
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(
            |ui, (session, panel, fonts): &mut (Session, ChecksPanelState, bool)| {
                // The window's fallback font first (for ● and ■), as the window installs it:
                // it serves from the next frame on.
                if !std::mem::replace(fonts, true) {
                    ui.ctx().add_font(egui::epaint::text::FontInsert::new(
                        "DejaVuSans",
                        egui::FontData::from_static(include_bytes!(
                            "../assets/fonts/DejaVuSans.ttf"
                        )),
                        vec![egui::epaint::text::InsertFontFamily {
                            family: egui::FontFamily::Proportional,
                            priority: egui::epaint::text::FontPriority::Lowest,
                        }],
                    ));
                    return;
                }
                if let Some(open) = session.portfolio.as_ref() {
                    std::hint::black_box(show(ui, open, panel));
                }
            },
            (session, ChecksPanelState::default(), false),
        );
    frames("panel, groups closed", &mut h, 60);
    h.state_mut().1.set_all_open(true);
    frames("panel, every group open", &mut h, 60);
    // The first frame after each change of the search: the filter runs over every finding.
    let words = ["training", "programme 03", "serbia", "workshop"];
    let mut times: Vec<Duration> = (0..20)
        .map(|i| {
            h.state_mut().1.text = words[i % words.len()].into();
            let start = Instant::now();
            h.step();
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{:<44} median {:>9.3} ms   p90 {:>9.3} ms   (20 changes)",
        "panel, first frame after a new search",
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times[times.len() * 9 / 10].as_secs_f64() * 1000.0
    );
}

/// The per-frame time of the panel once it has settled.
fn frames<S>(name: &str, h: &mut Harness<'_, S>, count: usize) {
    for _ in 0..5 {
        h.step();
    }
    let mut times: Vec<Duration> = (0..count)
        .map(|_| {
            let start = Instant::now();
            h.step();
            start.elapsed()
        })
        .collect();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
    println!(
        "{name:<44} median {:>9.3} ms   p10 {:>9.3} ms   p90 {:>9.3} ms   ({count} frames)",
        at(0.5),
        at(0.1),
        at(0.9)
    );
}
