//! The workplan report as PDF, landscape: the activities of a period by pillar and stage,
//! the same content as the HTML report.

use super::flow::{BODY, Cell, Column, Flow, Frame, MARGIN, SMALL, STRONG, compose};
use super::{Paper, Sheet};
use crate::exchange::export::Scope;
use crate::exchange::export::report::{baseline_summary, sections, title};
use crate::model::Project;

const COLUMNS: [Column<'static>; 5] = [
    Column {
        share: 17.0,
        heading: "Dates",
    },
    Column {
        share: 38.0,
        heading: "Activity",
    },
    Column {
        share: 15.0,
        heading: "Place",
    },
    Column {
        share: 18.0,
        heading: "Beneficiaries",
    },
    Column {
        share: 12.0,
        heading: "Participants",
    },
];

pub fn sheets(
    project: &Project,
    scope: Scope,
    paper: Paper,
    made: chrono::NaiveDate,
) -> Vec<Sheet> {
    let (from, to) = scope.resolve(project);
    let width = paper.size(true).0 - 2.0 * MARGIN;
    let mut flow = Flow::new(width);
    let title = title(project);
    let period = format!(
        "Workplan report, {} to {}",
        super::long_date(from),
        super::long_date(to)
    );
    flow.title(&title, &[&period, &project.programme.office]);
    if let Some(summary) = baseline_summary(project, scope) {
        flow.paragraph(SMALL, &summary);
    }
    let sections = sections(project, scope);
    if sections.is_empty() {
        flow.paragraph(SMALL, "No activity falls in this period.");
    }
    for section in sections {
        flow.heading(&section.pillar);
        for (stage, rows) in section.stages {
            flow.subheading(&format!("{stage} ({})", rows.len()));
            let rows = rows
                .into_iter()
                .map(|r| {
                    let dates = match r.baseline {
                        Some(line) => Cell::of(BODY, r.dates).with(SMALL, line),
                        None => Cell::of(BODY, r.dates),
                    };
                    vec![
                        dates,
                        Cell::of(STRONG, r.title).with(SMALL, r.about),
                        Cell::of(BODY, r.places),
                        Cell::of(BODY, r.beneficiaries),
                        Cell::of(BODY, r.participants),
                    ]
                })
                .collect();
            flow.table(&COLUMNS, rows);
        }
    }
    let frame = Frame {
        title: title.clone(),
        date: format!("Printed {}", super::long_date(made)),
        subtitle: period,
    };
    compose(&flow, &frame, paper, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_period_chooses_the_activities_and_the_table_is_headed_on_each_page() {
        let project = crate::testing::sample();
        let made = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let december = Scope {
            from: NaiveDate::from_ymd_opt(2009, 12, 1),
            to: NaiveDate::from_ymd_opt(2009, 12, 31),
            ..Scope::default()
        };
        let text: String = sheets(&project, december, Paper::A4, made)
            .iter()
            .flat_map(Sheet::texts)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            text.contains("Regional cooperation in asset recovery"),
            "{text}"
        );
        assert!(!text.contains("Review of domestic organised-crime legislation"));
        assert!(text.contains("Printed 2 December 2026"));
        let all = sheets(&project, Scope::default(), Paper::A4, made);
        let tables: usize = all
            .iter()
            .filter(|s| s.texts().any(|t| t == "Beneficiaries"))
            .count();
        assert_eq!(tables, all.len(), "every page of rows is headed");
    }
}
