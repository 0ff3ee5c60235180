//! Domain logic over a project, as pure functions: the objective tree and its logframe,
//! the workplan's filters, checks and funding, and the layouts of the calendar and timeline.

pub mod baseline;
pub mod calendar;
pub mod checks;
pub mod countries;
pub mod date_forms;
pub mod dates;
pub mod donor_report;
pub mod funding;
pub mod generate;
pub mod holidays;
pub mod logframe;
pub mod move_plan;
pub mod names;
pub mod portfolio;
pub mod portfolio_checks;
pub mod results;
pub mod schedule;
pub mod staff;
pub mod stories;
pub mod timeline;
pub mod tree;
pub mod workload;
pub mod workplan;

/// "1 meeting", "2 meetings", "3 activities".
pub fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}
