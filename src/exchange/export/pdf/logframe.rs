//! The logframe matrix as PDF, landscape: one row a node of the objective tree, the header
//! row repeated on each page, no row cut unless it is taller than a page.

use super::flow::{BODY, Cell, Column, Flow, Frame, MARGIN, SMALL, STRONG, Style, compose};
use super::{MM, Paper, Sheet, WARN};
use crate::exchange::export::logframe::title_of;
use crate::model::{Id, Project};
use crate::plan::logframe::matrix_rows;

const COLUMNS: [Column<'static>; 4] = [
    Column {
        share: 30.0,
        heading: "Intervention logic",
    },
    Column {
        share: 34.0,
        heading: "Indicators (baseline → target; latest)",
    },
    Column {
        share: 16.0,
        heading: "Means of verification",
    },
    Column {
        share: 20.0,
        heading: "Assumptions and risks",
    },
];

const WARNING: Style = Style {
    color: WARN,
    ..SMALL
};

pub fn sheets(
    project: &Project,
    pillar: Option<Id>,
    paper: Paper,
    made: chrono::NaiveDate,
) -> Vec<Sheet> {
    let p = &project.programme;
    let width = paper.size(true).0 - 2.0 * MARGIN;
    let mut flow = Flow::new(width);
    let title = title_of(project);
    let mut meta = vec![format!(
        "Logical framework, {} to {}",
        super::long_date(p.start),
        super::long_date(p.end)
    )];
    if !p.code.is_empty() {
        meta.push(p.code.clone());
    }
    if !p.office.is_empty() {
        meta.push(p.office.clone());
    }
    if let Some(pillar) = pillar.and_then(|id| project.objective(id)) {
        meta.push(format!("pillar: {}", pillar.title));
    }
    let meta = meta.join(" · ");
    flow.title(&title, &[&meta]);
    let rows = matrix_rows(project, pillar);
    if rows.is_empty() {
        flow.paragraph(SMALL, "The objective tree is empty.");
    }
    let rows = rows
        .iter()
        .map(|row| {
            let indent = row.depth as f32 * 3.0 * MM;
            let mut logic = Cell::new();
            logic.push_indented(STRONG, indent, format!("{} {}", row.code, row.title));
            let mut level = row.level.clone();
            if !row.sdg_targets.is_empty() {
                level.push_str(&format!(" · SDG {}", row.sdg_targets.join(", ")));
            }
            logic.push_indented(SMALL, indent, level);
            if row.uncovered {
                logic.push_indented(WARNING, indent, "No activity delivers this yet");
            }
            logic.push_indented(SMALL, indent, &row.description);
            let mut indicators = Cell::new();
            let mut verification = Cell::new();
            for i in &row.indicators {
                indicators.push(BODY, &i.text);
                indicators.push(SMALL, &i.baseline_to_target);
                indicators.push(SMALL, format!("Latest: {}", i.latest));
                verification.push(BODY, &i.verification);
            }
            let mut assumptions = Cell::of(BODY, &row.assumptions);
            if !row.risks.is_empty() {
                assumptions.push(SMALL, format!("Risks: {}", row.risks));
            }
            vec![logic, indicators, verification, assumptions]
        })
        .collect();
    if !matrix_rows(project, pillar).is_empty() {
        flow.table(&COLUMNS, rows);
    }
    let frame = Frame {
        title,
        date: format!("Printed {}", super::long_date(made)),
        subtitle: meta,
    };
    compose(&flow, &frame, paper, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_node_is_a_row_and_every_page_is_headed() {
        let project = crate::plan::generate::project(50, 60, 0, 7);
        let made = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let sheets = sheets(&project, None, Paper::A4, made);
        assert!(sheets.len() > 1, "{} pages", sheets.len());
        for sheet in &sheets {
            assert!(sheet.texts().any(|t| t == "Means of verification"));
        }
        let text: Vec<&str> = sheets.iter().flat_map(Sheet::texts).collect();
        // Each row starts with its node's code.
        for (id, code) in crate::plan::tree::outline_codes(&project.objectives) {
            let start = format!("{code} ");
            assert!(text.iter().any(|t| t.starts_with(&start)), "{id:?} {code}");
        }
    }
}
