//! The results of the programme as PDF, portrait: the same sections as the HTML page
//! (`export::results`), each indicator's periods as a table whose header repeats on each page.

use super::flow::{BODY, Cell, Column, Flow, Frame, MARGIN, SMALL, STRONG, Style, compose};
use super::{Paper, Sheet};
use crate::exchange::export::results::{
    is_qualitative, overall_line, overall_text, percent_text, sections, status_text,
};
use crate::model::{Project, Value};
use crate::plan::results::Status;

/// The columns of a qualitative indicator's table: words need the room a percent does not.
const WORDS: [Column<'static>; 5] = [
    Column {
        share: 11.0,
        heading: "Period",
    },
    Column {
        share: 27.0,
        heading: "Target",
    },
    Column {
        share: 27.0,
        heading: "Actual",
    },
    Column {
        share: 12.0,
        heading: "Status",
    },
    Column {
        share: 23.0,
        heading: "Source and comment",
    },
];

const COLUMNS: [Column<'static>; 6] = [
    Column {
        share: 11.0,
        heading: "Period",
    },
    Column {
        share: 14.0,
        heading: "Target",
    },
    Column {
        share: 14.0,
        heading: "Actual",
    },
    Column {
        share: 8.0,
        heading: "%",
    },
    Column {
        share: 13.0,
        heading: "Status",
    },
    Column {
        share: 40.0,
        heading: "Source and comment",
    },
];

/// The status in its colour (green, amber, red; grey for no data), bold but for no data.
fn status_style(status: Status) -> Style {
    let color = match status {
        Status::OnTrack => (26, 127, 55),
        Status::AtRisk => (154, 103, 0),
        Status::OffTrack => (196, 49, 75),
        Status::NoData => super::MUTED,
    };
    Style {
        color,
        bold: status != Status::NoData,
        ..BODY
    }
}

fn text(value: &Option<Value>) -> String {
    value.as_ref().map(Value::to_string).unwrap_or_default()
}

pub fn sheets(project: &Project, paper: Paper, made: chrono::NaiveDate) -> Vec<Sheet> {
    let width = paper.size(false).0 - 2.0 * MARGIN;
    let mut flow = Flow::new(width);
    let title = crate::exchange::export::report::title(project);
    let subtitle = format!("Results as of {}", super::long_date(made));
    flow.title(&title, &[&subtitle, &project.programme.office]);
    let sections = sections(project, made);
    if sections.is_empty() {
        flow.paragraph(
            SMALL,
            "No objective has an indicator yet: add them in the Objectives view.",
        );
    }
    for section in sections {
        flow.heading(&section.heading);
        for i in section.indicators {
            flow.subheading(&i.text);
            flow.paragraph(
                SMALL,
                &format!("{} · overall: {}", overall_line(&i), overall_text(&i)),
            );
            if i.periods.is_empty() {
                flow.paragraph(SMALL, "No target or actual per period yet.");
                continue;
            }
            let words = is_qualitative(&i);
            let rows = i
                .periods
                .iter()
                .map(|p| {
                    let mut note = p.source.clone();
                    if let Some(date) = p.date {
                        note = if note.is_empty() {
                            date.to_string()
                        } else {
                            format!("{note} ({date})")
                        };
                    }
                    let mut note = Cell::of(BODY, note);
                    if !p.comment.is_empty() {
                        note.push(SMALL, p.comment.clone());
                    }
                    let mut target = Cell::of(BODY, text(&p.target));
                    let mut actual = Cell::of(BODY, text(&p.actual));
                    for b in &p.breakdowns {
                        let label = format!("{}: {}", b.category, text(&b.target));
                        target.push(SMALL, label);
                        actual.push(SMALL, format!("{}: {}", b.category, text(&b.actual)));
                    }
                    let status = Cell::of(status_style(p.status), status_text(p));
                    if words {
                        vec![
                            Cell::of(STRONG, p.period.to_string()),
                            target,
                            actual,
                            status,
                            note,
                        ]
                    } else {
                        vec![
                            Cell::of(STRONG, p.period.to_string()),
                            target,
                            actual,
                            Cell::of(BODY, percent_text(p.percent)),
                            status,
                            note,
                        ]
                    }
                })
                .collect();
            flow.table(if words { &WORDS } else { &COLUMNS }, rows);
        }
    }
    let frame = Frame {
        title: title.clone(),
        date: format!("Printed {}", super::long_date(made)),
        subtitle,
    };
    compose(&flow, &frame, paper, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_sample_s_indicators_and_statuses_are_printed() {
        let project = crate::testing::sample();
        let made = NaiveDate::from_ymd_opt(2012, 1, 15).unwrap();
        let all = sheets(&project, Paper::A4, made);
        let text: String = all
            .iter()
            .flat_map(Sheet::texts)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(text.contains("Results as of 15 January 2012"), "{text}");
        assert!(
            text.contains("Criminal justice practitioners trained"),
            "{text}"
        );
        assert!(text.contains("female: 183"), "{text}");
        assert!(text.contains("at risk"), "{text}");
        let headed = all
            .iter()
            .filter(|s| s.texts().any(|t| t == "Source and comment"))
            .count();
        assert!(headed >= 1);
    }
}
