//! CPU time of one frame of the objective views on a large programme, measured by driving the
//! real app headlessly with egui_kittest. Run with `cargo bench --bench frames`.
//!
//! Prints the median and the spread (10th and 90th percentile) of the per-frame time; a frame
//! here includes egui's layout and kittest's accessibility tree update, but no GPU painting.

mod support;

use support::{NoDialogs, frame_times};

use std::time::Instant;

use egui_kittest::Harness;
use workplan::ui::{View, WorkplanApp};

fn measure(name: &str, h: &mut Harness<'_, WorkplanApp>, frames: usize) {
    let (median, p10, p90) = frame_times(h, frames);
    println!(
        "{name:<40} median {median:>7.3} ms   p10 {p10:>7.3} ms   p90 {p90:>7.3} ms   ({frames} frames)",
    );
}

fn main() {
    let nodes: usize = std::env::var("BENCH_NODES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let activities: usize = std::env::var("BENCH_ACTIVITIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let mut project = workplan::plan::generate::project(activities, nodes, 12, 42);
    // A baseline of the plan as generated, then every third activity a fortnight later, for the
    // frames that compare with it.
    let baseline_id = project.allocate_id();
    let saved = chrono::NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
    let baseline = workplan::plan::baseline::snapshot(&project, baseline_id, "Approved", saved, "");
    project.baselines.push(baseline);
    for a in project.activities.iter_mut().step_by(3) {
        for s in &mut a.sessions {
            s.start = s.start + chrono::Days::new(14);
            s.end = s.end.map(|e| e + chrono::Days::new(14));
        }
    }
    println!(
        "{} objectives, {} activities",
        project.objectives.len(),
        project.activities.len()
    );
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let mut app = WorkplanApp::new(Box::new(NoDialogs), today);
    app.open_project(project, None);
    app.view = View::Objectives;
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut WorkplanApp| app.show(ui), app);
    h.run_steps(3);
    // For scale: the shell with the committee list (12 meetings).
    h.state_mut().view = View::Committee;
    measure("committee view (for scale)", &mut h, 60);
    h.state_mut().view = View::Objectives;
    measure("objectives view (tree, nothing selected)", &mut h, 60);
    let first_area = h.state().doc().unwrap().project.objectives[1].id;
    h.state_mut().tree.selected = Some(first_area);
    measure("objectives view (tree + node editor)", &mut h, 60);
    h.state_mut().tree.show_matrix = true;
    measure("logframe matrix", &mut h, 60);
    h.state_mut().tree.show_matrix = false;
    h.state_mut().tree.filter = "asset".into();
    measure("objectives view (filtered)", &mut h, 60);
    h.state_mut().tree.filter.clear();

    h.state_mut().view = View::Workplan;
    measure("workplan table", &mut h, 60);
    let some = h.state().doc().unwrap().project.activities[10].id;
    h.state_mut().workplan.select_only(some);
    measure("workplan table + activity editor", &mut h, 60);
    h.state_mut().workplan.filter.text = "training".into();
    measure("workplan table, searched", &mut h, 60);
    h.state_mut().workplan.filter.text.clear();
    h.state_mut().workplan.show_checks = true;
    measure("workplan table + checks", &mut h, 60);
    h.state_mut().workplan.show_checks = false;
    h.state_mut().workplan.show_workload = true;
    measure("workplan table + workload heat map", &mut h, 60);
    h.state_mut().workplan.show_workload = false;
    // Derived data once per edit: the checks and the workload of the whole project.
    let project = h.state().doc().unwrap().project.clone();
    let start = Instant::now();
    let findings = workplan::plan::checks::run(&project).len();
    println!(
        "{:<40} {:>7.3} ms   ({findings} findings)",
        "checks, computed once",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let start = Instant::now();
    let people = workplan::plan::workload::compute(&project).people.len();
    println!(
        "{:<40} {:>7.3} ms   ({people} officers)",
        "workload, computed once",
        start.elapsed().as_secs_f64() * 1000.0
    );
    h.state_mut().view = View::Calendar;
    measure("calendar month", &mut h, 60);
    h.state_mut().calendar.colour_by = workplan::plan::calendar::ColourBy::Pillar;
    measure("calendar month, coloured by pillar", &mut h, 60);
    h.state_mut().calendar.week = true;
    measure("calendar week", &mut h, 60);
    h.state_mut().view = View::Timeline;
    measure("timeline (months)", &mut h, 60);
    h.state_mut().timeline.zoom = workplan::plan::timeline::Zoom::Years;
    measure("timeline (years)", &mut h, 60);
    // Links are on by default: the rows above draw them. Without, for comparison:
    h.state_mut().timeline.links.show = false;
    measure("timeline (years), no links", &mut h, 60);
    h.state_mut().timeline.links.show = true;
    h.state_mut().timeline.links.critical = true;
    measure("timeline (years), links + critical path", &mut h, 60);
    h.state_mut().timeline.zoom = workplan::plan::timeline::Zoom::Months;
    measure("timeline (months), links + critical path", &mut h, 60);

    // Compared with the baseline: slip columns in the table, baseline bars on the timeline.
    h.state_mut().compare_with.set(Some(baseline_id));
    h.state_mut().timeline.zoom = workplan::plan::timeline::Zoom::Months;
    measure("timeline (months) + baseline", &mut h, 60);
    h.state_mut().view = View::Workplan;
    h.state_mut().workplan.show_checks = false;
    h.state_mut().workplan.sort = workplan::plan::workplan::Column::EndSlip;
    measure("workplan table + slips, by end slip", &mut h, 60);
}
