//! The logframe matrix as a printable HTML page and as CSV.

use super::html::{A4_LANDSCAPE, STYLE, escape};
use crate::model::{Id, Project};
use crate::plan::logframe::{MatrixRow, matrix_rows};

/// The programme's title, or "Untitled programme", as the logframe documents head it.
pub(super) fn title_of(project: &Project) -> String {
    if project.programme.title.is_empty() {
        "Untitled programme".into()
    } else {
        project.programme.title.clone()
    }
}

/// A self-contained HTML document of the matrix (all of it, or one pillar's branch).
pub fn to_html(project: &Project, pillar: Option<Id>) -> String {
    let rows = matrix_rows(project, pillar);
    let p = &project.programme;
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(&format!(
        "<title>Logframe — {}</title>\n",
        escape(&title_of(project))
    ));
    html.push_str(&format!(
        "<style>{STYLE}{A4_LANDSCAPE}</style>\n</head>\n<body>\n"
    ));
    html.push_str(&format!("<h1>{}</h1>\n", escape(&title_of(project))));
    let mut meta = vec![format!("Logical framework, {} to {}", p.start, p.end)];
    if !p.code.is_empty() {
        meta.push(escape(&p.code));
    }
    if !p.office.is_empty() {
        meta.push(escape(&p.office));
    }
    if let Some(pillar) = pillar.and_then(|id| project.objective(id)) {
        meta.push(format!("pillar: {}", escape(&pillar.title)));
    }
    html.push_str(&format!("<p class=\"meta\">{}</p>\n", meta.join(" · ")));
    html.push_str(
        "<table>\n<thead><tr><th style=\"width:30%\">Intervention logic</th>\
         <th style=\"width:34%\">Indicators (baseline → target; latest)</th>\
         <th style=\"width:16%\">Means of verification</th><th>Assumptions and risks</th></tr></thead>\n<tbody>\n",
    );
    for row in &rows {
        html.push_str(&row_html(row));
    }
    if rows.is_empty() {
        html.push_str(
            "<tr><td colspan=\"4\" class=\"muted\">The objective tree is empty.</td></tr>\n",
        );
    }
    html.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    html
}

fn row_html(row: &MatrixRow) -> String {
    let mut logic = format!(
        "<div style=\"padding-left:{}em\"><span class=\"code\">{}</span><strong>{}</strong><br><span class=\"level\">{}",
        row.depth,
        escape(&row.code),
        escape(&row.title),
        escape(&row.level)
    );
    if !row.sdg_targets.is_empty() {
        logic.push_str(&format!(" · SDG {}", escape(&row.sdg_targets.join(", "))));
    }
    logic.push_str("</span>");
    if row.uncovered {
        logic.push_str("<br><span class=\"warn\">⚠ no activity delivers this yet</span>");
    }
    if !row.description.is_empty() {
        logic.push_str(&format!(
            "<br><span class=\"muted\">{}</span>",
            escape(&row.description)
        ));
    }
    logic.push_str("</div>");
    let indicators: String = row
        .indicators
        .iter()
        .map(|i| {
            format!(
                "<div class=\"indicator\">{}<br><span class=\"muted\">{}</span><br><span{}>Latest: {}</span></div>",
                escape(&i.text),
                escape(&i.baseline_to_target),
                if i.computed { " class=\"computed\"" } else { "" },
                escape(&i.latest)
            )
        })
        .collect();
    let verification: String = row
        .indicators
        .iter()
        .map(|i| format!("<div class=\"indicator\">{}</div>", escape(&i.verification)))
        .collect();
    let mut assumptions = escape(&row.assumptions);
    if !row.risks.is_empty() {
        assumptions.push_str(&format!(
            "<br><span class=\"muted\">Risks: {}</span>",
            escape(&row.risks)
        ));
    }
    format!(
        "<tr><td>{logic}</td><td>{indicators}</td><td>{verification}</td><td>{assumptions}</td></tr>\n"
    )
}

/// The columns of the matrix as a table (the CSV and the workbook's "Logframe" sheet).
pub const TABLE_HEADER: [&str; 15] = [
    "Code",
    "Level",
    "Objective",
    "Description",
    "SDG targets",
    "Indicator",
    "Unit",
    "Baseline",
    "Target",
    "Latest",
    "Latest is computed",
    "Means of verification",
    "Assumptions",
    "Risks",
    "Without activity",
];

/// One row of the matrix as a table: the node's depth in the tree (0 for an overall
/// objective), for indenting, and the cells under [`TABLE_HEADER`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    pub depth: usize,
    pub cells: Vec<String>,
}

/// The matrix as a table: one row per indicator (a node without indicators gets one row).
pub fn table_rows(project: &Project, pillar: Option<Id>) -> Vec<TableRow> {
    let mut rows = Vec::new();
    for row in matrix_rows(project, pillar) {
        let base = [
            row.code.clone(),
            row.level.clone(),
            row.title.clone(),
            row.description.clone(),
            row.sdg_targets.join("; "),
        ];
        let node = project
            .objective(row.id)
            .expect("rows come from the project");
        let tail = [
            row.assumptions.clone(),
            row.risks.clone(),
            if row.uncovered {
                "yes".into()
            } else {
                String::new()
            },
        ];
        if node.indicators.is_empty() {
            let empty = std::iter::repeat_n(String::new(), 7);
            rows.push(TableRow {
                depth: row.depth,
                cells: base
                    .iter()
                    .cloned()
                    .chain(empty)
                    .chain(tail.iter().cloned())
                    .collect(),
            });
        }
        for (indicator, cell) in node.indicators.iter().zip(&row.indicators) {
            let measure = |m: &Option<crate::model::Measurement>| {
                m.as_ref()
                    .map(|m| match m.date {
                        Some(d) => format!("{} ({d})", m.value),
                        None => m.value.to_string(),
                    })
                    .unwrap_or_default()
            };
            let latest = if cell.computed {
                cell.latest
                    .trim_end_matches(" (computed from the workplan)")
                    .to_string()
            } else {
                measure(&indicator.latest)
            };
            let middle = [
                indicator.text.clone(),
                indicator.unit.clone(),
                measure(&indicator.baseline),
                measure(&indicator.target),
                latest,
                if cell.computed {
                    "yes".into()
                } else {
                    String::new()
                },
                indicator.verification.clone(),
            ];
            rows.push(TableRow {
                depth: row.depth,
                cells: base
                    .iter()
                    .cloned()
                    .chain(middle)
                    .chain(tail.iter().cloned())
                    .collect(),
            });
        }
    }
    rows
}

/// The matrix as CSV: a header row, then [`table_rows`], UTF-8 with a byte-order mark so
/// spreadsheet programs read the accents.
pub fn to_csv(project: &Project, pillar: Option<Id>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer
        .write_record(TABLE_HEADER)
        .expect("writing to memory cannot fail");
    for row in table_rows(project, pillar) {
        writer
            .write_record(
                row.cells
                    .iter()
                    .map(|c| crate::exchange::formula_guard::guard(c).into_owned()),
            )
            .expect("writing to memory cannot fail");
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Objective;

    #[test]
    fn html_escapes_and_keeps_every_row() {
        let mut p = Project::new(chrono::NaiveDate::from_ymd_opt(2009, 1, 1).unwrap());
        p.programme.title = "Rule of law <SEE> & \"friends\"".into();
        p.objectives = vec![
            Objective::new(Id(1), None, 2, "Pillar <one>"),
            Objective::new(Id(2), Some(Id(1)), 3, "Đakovica & Северна Македонија"),
        ];
        p.next_id = 3;
        let html = to_html(&p, None);
        assert!(html.contains("Rule of law &lt;SEE&gt; &amp; &quot;friends&quot;"));
        assert!(html.contains("Pillar &lt;one&gt;"));
        assert!(html.contains("Đakovica &amp; Северна Македонија"));
        assert_eq!(html.matches("<tr><td>").count(), 2);
        assert!(!html.contains("http"), "self-contained: no external links");
    }
}
