//! CPU time of one frame of a portfolio's combined views: 50 members of 1,000 activities each
//! (50,000 activities), generated and saved as 50 files beside a portfolio file, opened in the
//! real app driven headlessly by egui_kittest. Run with `cargo bench --bench portfolio_frames`.
//!
//! Prints the time from opening the portfolio to its combined plan on screen, then the median
//! and the spread (10th and 90th percentile) of the per-frame time of the combined table,
//! calendar and timeline (the target: under 4 ms a frame in release). `BENCH_MEMBERS` and
//! `BENCH_ACTIVITIES` (per member) change the sizes.

mod support;

use support::{NoDialogs, env, frame_times};

use std::time::Instant;

use egui_kittest::Harness;
use workplan::model::portfolio::{MEMBER_COLOURS, Portfolio, PortfolioMember};
use workplan::ui::{View, WorkplanApp};

fn measure(name: &str, h: &mut Harness<'_, WorkplanApp>, frames: usize) {
    let (median, p10, p90) = frame_times(h, frames);
    println!(
        "{name:<48} median {median:>7.3} ms   p10 {p10:>7.3} ms   p90 {p90:>7.3} ms   ({frames} frames)",
    );
}

/// The first frame after a switch: what the view derives once per revision (the calendar's
/// clashes, the timeline's rows and links) is worked out in it.
fn first_frame(name: &str, h: &mut Harness<'_, WorkplanApp>) {
    let start = Instant::now();
    h.step();
    println!(
        "{name:<48} {:>7.1} ms   (first frame)",
        start.elapsed().as_secs_f64() * 1000.0
    );
}

fn main() {
    let members = env("BENCH_MEMBERS", 50);
    let activities = env("BENCH_ACTIVITIES", 1000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut portfolio = Portfolio {
        name: "Regional office".into(),
        ..Portfolio::default()
    };
    for m in 0..members {
        let project = workplan::plan::generate::project(activities, 60, 4, 1000 + m as u64);
        let name = format!("programme-{m:02}.ron");
        workplan::io::save(&project, &dir.path().join(&name)).expect("saved");
        portfolio.members.push(PortfolioMember {
            path: name,
            name: format!("Programme {m}"),
            colour: MEMBER_COLOURS[m % MEMBER_COLOURS.len()].into(),
        });
    }
    let file = dir.path().join("office.wpf");
    workplan::io::portfolio::save_portfolio(&portfolio, &file).expect("saved");
    println!("{members} members of {activities} activities");

    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let app = WorkplanApp::new(Box::new(NoDialogs), today);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut WorkplanApp| app.show(ui), app);
    h.step();
    let start = Instant::now();
    h.state_mut().open_path(&file);
    // The combined plan is on screen once the members are read and combined; the checks
    // across them go on on a worker (part of `portfolio_panel`'s figures).
    h.state_mut().session.wait_for_members();
    h.step();
    println!(
        "{:<48} {:>7.1} ms",
        "open the portfolio, combined plan on screen",
        start.elapsed().as_secs_f64() * 1000.0
    );
    assert!(h.state().combined_shown(), "the combined plan is shown");

    h.state_mut().view = View::Workplan;
    first_frame("combined table", &mut h);
    measure("combined table", &mut h, 60);
    let some = {
        let shown = h.state().portfolio.shown().expect("combined");
        shown.project().activities[10].id
    };
    h.state_mut().workplan.select_only(some);
    measure("combined table + selected activity", &mut h, 60);
    h.state_mut().workplan.filter.text = "training".into();
    measure("combined table, searched", &mut h, 60);
    h.state_mut().workplan.filter.text.clear();
    h.state_mut().workplan.sort = workplan::plan::workplan::Column::Programme;
    measure("combined table, by programme", &mut h, 60);
    // Half the programmes left out by the filter (the plan is filtered once, then cached).
    let start = Instant::now();
    h.state_mut().portfolio.hidden = (0..members / 2)
        .map(|m| format!("programme-{m:02}.ron"))
        .collect();
    h.step();
    println!(
        "{:<48} {:>7.1} ms",
        "filter by programme (half), first frame",
        start.elapsed().as_secs_f64() * 1000.0
    );
    measure("combined table, half the programmes", &mut h, 60);
    h.state_mut().portfolio.hidden.clear();
    h.state_mut().view = View::Calendar;
    // The calendar's marks: the clashes come after the combination, on their own worker.
    let start = Instant::now();
    h.state_mut().session.wait_for_portfolio();
    h.step();
    println!(
        "{:<48} {:>7.1} ms   (and the checks across the members)",
        "clashes found, from here",
        start.elapsed().as_secs_f64() * 1000.0
    );
    first_frame("combined calendar month", &mut h);
    measure("combined calendar month", &mut h, 60);
    h.state_mut().calendar.week = true;
    measure("combined calendar week", &mut h, 60);
    h.state_mut().view = View::Timeline;
    first_frame("combined timeline (months)", &mut h);
    measure("combined timeline (months)", &mut h, 60);
    h.state_mut().timeline.zoom = workplan::plan::timeline::Zoom::Years;
    measure("combined timeline (years)", &mut h, 60);
    // The table again, now that no worker shares the cores (the first figures were taken
    // while the checks across the members ran beside them).
    h.state_mut().view = View::Workplan;
    h.state_mut().workplan.sort = workplan::plan::workplan::Column::Dates;
    h.step();
    measure("combined table, checks done", &mut h, 60);
    h.state_mut().workplan.filter.text = "training".into();
    measure("combined table, searched, checks done", &mut h, 60);
    h.state_mut().workplan.filter.text.clear();
    h.state_mut().workplan.sort = workplan::plan::workplan::Column::Programme;
    measure("combined table, by programme, checks done", &mut h, 60);
}
