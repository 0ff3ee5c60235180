//! The findings panel of the checks across a portfolio's programmes. Run with
//! `cargo bench --bench portfolio_panel`.
//!
//! 50 generated members of 200 activities each (`BENCH_MEMBERS`, `BENCH_PANEL`), saved as files
//! beside a `.wpf` and opened as the window opens a portfolio (members read and checked by the
//! session's workers; hundreds of thousands of findings at the default sizes); then the panel
//! driven headlessly through egui_kittest as `frames` does: one frame with the groups closed,
//! with every group open, and the first frame after a word is typed in its search (the filter
//! run again). Prints medians and the spread (10th and 90th percentile).

mod support;

use support::{env, frame_times};

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use workplan::model::Project;
use workplan::session::Session;
use workplan::ui::views::portfolio_checks::{ChecksPanelState, show};

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
    let projects = generated(count, env("BENCH_PANEL", 200));
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
        open.cross_checks().map_or(0, |c| c.findings.len()),
        open.cross_checks().map_or(0, |c| c.findings.groups.len())
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
    let (median, p10, p90) = frame_times(h, count);
    println!(
        "{name:<44} median {median:>9.3} ms   p10 {p10:>9.3} ms   p90 {p90:>9.3} ms   ({count} frames)",
    );
}
