//! The donor report as PDF, portrait: the same sections as the HTML page
//! (`export::donor`, from `plan::donor_report`).

use super::flow::{BODY, Cell, Column, Flow, Frame, MARGIN, SMALL, STRONG, compose};
use super::{Paper, Sheet};
use crate::exchange::export::Scope;
use crate::exchange::export::donor::{amount_text, participants_text, summary};
use crate::model::Project;
use crate::plan::donor_report;

const ACTIVITIES: [Column<'static>; 4] = [
    Column {
        share: 18.0,
        heading: "Dates",
    },
    Column {
        share: 38.0,
        heading: "Activity",
    },
    Column {
        share: 29.0,
        heading: "Amount",
    },
    Column {
        share: 15.0,
        heading: "Participants",
    },
];

const RESULTS: [Column<'static>; 6] = [
    Column {
        share: 22.0,
        heading: "Objective",
    },
    Column {
        share: 33.0,
        heading: "Indicator",
    },
    Column {
        share: 11.0,
        heading: "Baseline",
    },
    Column {
        share: 11.0,
        heading: "Target",
    },
    Column {
        share: 11.0,
        heading: "Latest",
    },
    Column {
        share: 12.0,
        heading: "Status",
    },
];

pub fn sheets(
    project: &Project,
    scope: Scope,
    paper: Paper,
    made: chrono::NaiveDate,
) -> Vec<Sheet> {
    let (from, to) = scope.resolve(project);
    let width = paper.size(false).0 - 2.0 * MARGIN;
    let mut flow = Flow::new(width);
    let title = crate::exchange::export::report::title(project);
    let period = format!(
        "Donor report, {} to {}",
        super::long_date(from),
        super::long_date(to)
    );
    flow.title(&title, &[&period, &project.programme.office]);
    let sections = donor_report::sections(project, from, to, scope.donor);
    if sections.is_empty() {
        flow.paragraph(
            SMALL,
            "No donor or fund supported an activity in this period.",
        );
    }
    for s in sections {
        flow.heading(&format!("{} ({})", s.name, s.kind));
        flow.paragraph(SMALL, &summary(&s));
        if s.activities.is_empty() {
            flow.paragraph(SMALL, "No activity in this period.");
            continue;
        }
        let rows = s
            .activities
            .iter()
            .map(|a| {
                vec![
                    Cell::of(BODY, a.dates.clone()),
                    Cell::of(STRONG, a.title.clone()),
                    Cell::of(BODY, amount_text(a)),
                    Cell::of(BODY, participants_text(a)),
                ]
            })
            .collect();
        flow.table(&ACTIVITIES, rows);
        if !s.results.is_empty() {
            flow.subheading("Results of the objectives these activities serve");
            let rows = s
                .results
                .iter()
                .map(|r| {
                    vec![
                        Cell::of(BODY, r.objective.clone()),
                        Cell::of(BODY, r.indicator.clone()),
                        Cell::of(BODY, r.baseline.clone()),
                        Cell::of(BODY, r.target.clone()),
                        Cell::of(BODY, r.latest.clone()),
                        Cell::of(BODY, r.status.label()),
                    ]
                })
                .collect();
            flow.table(&RESULTS, rows);
        }
    }
    let frame = Frame {
        title: title.clone(),
        date: format!("Printed {}", super::long_date(made)),
        subtitle: period,
    };
    compose(&flow, &frame, paper, false)
}
