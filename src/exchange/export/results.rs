//! The results of the programme as documents: per objective, each indicator's periods with
//! target, actual, percent and status, and its overall progress (`plan::results`, the reading
//! the window and the committee share). CSV for spreadsheets, a printable HTML page; the PDF
//! (`pdf/results.rs`) lays out the same sections.

use chrono::NaiveDate;

use super::html::{A4_PORTRAIT, STYLE, escape};
use crate::exchange::formula_guard::guard;
use crate::model::{Indicator, Project, Value};
use crate::plan::results::{self, Overall, PeriodRow, Status};
use crate::plan::tree;

/// An objective that has indicators, with their results.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// The outline code and the title ("1.2 Forensics").
    pub heading: String,
    pub title: String,
    pub indicators: Vec<IndicatorResults>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorResults {
    pub text: String,
    pub unit: String,
    pub computed: bool,
    pub baseline: Option<Value>,
    pub target: Option<Value>,
    pub overall: Overall,
    pub periods: Vec<PeriodRow>,
}

/// Every objective with an indicator, in outline order, as of a day.
pub fn sections(project: &Project, as_of: NaiveDate) -> Vec<Section> {
    let codes = tree::outline_codes(&project.objectives);
    project
        .objectives
        .iter()
        .filter(|o| !o.indicators.is_empty())
        .map(|o| Section {
            heading: match codes.get(&o.id) {
                Some(code) if !code.is_empty() => format!("{code} {}", o.title),
                _ => o.title.clone(),
            },
            title: o.title.clone(),
            indicators: o
                .indicators
                .iter()
                .map(|i| indicator_results(project, o.id, i, as_of))
                .collect(),
        })
        .collect()
}

fn indicator_results(
    project: &Project,
    node: crate::model::Id,
    i: &Indicator,
    as_of: NaiveDate,
) -> IndicatorResults {
    IndicatorResults {
        text: i.text.clone(),
        unit: i.unit.clone(),
        computed: i.computed.is_some(),
        baseline: i.baseline.as_ref().map(|m| m.value.clone()),
        target: i.target.as_ref().map(|m| m.value.clone()),
        overall: results::overall(project, node, i, as_of),
        periods: results::period_rows(project, node, i, as_of),
    }
}

/// What the overall row is called in the CSV's period column.
pub const LIFE_OF_PROGRAMME: &str = "life of programme";

/// A percent as the tables write it: whole numbers.
pub fn percent_text(percent: Option<f64>) -> String {
    percent.map(|p| format!("{p:.0}")).unwrap_or_default()
}

fn value_text(value: &Option<Value>) -> String {
    value.as_ref().map(Value::to_string).unwrap_or_default()
}

/// A value with its unit, for reading: "401 practitioners"; "—" when there is none.
pub fn with_unit(value: &Option<Value>, unit: &str) -> String {
    match value {
        None => "—".into(),
        Some(v) if v.is_empty() => "—".into(),
        Some(v @ Value::Number(_)) if !unit.is_empty() => format!("{v} {unit}"),
        Some(v) => v.to_string(),
    }
}

/// The breakdown columns of the CSV, in the order first met: (dimension, category).
fn breakdown_columns(sections: &[Section]) -> Vec<(String, String)> {
    let mut columns: Vec<(String, String)> = Vec::new();
    for b in sections
        .iter()
        .flat_map(|s| &s.indicators)
        .flat_map(|i| &i.periods)
        .flat_map(|p| &p.breakdowns)
    {
        let key = (b.dimension.clone(), b.category.clone());
        if !columns.contains(&key) {
            columns.push(key);
        }
    }
    columns
}

/// RFC 4180 CSV, UTF-8 with a byte-order mark: one row per objective, indicator and period,
/// then the indicator's life-of-programme row; per breakdown category a column of its actual
/// ("sex: female") and one of its target ("sex: female (target)"). Cells a spreadsheet would
/// run as formulas are written as text (`formula_guard`).
pub fn to_csv(project: &Project, as_of: NaiveDate) -> Vec<u8> {
    let sections = sections(project, as_of);
    let columns = breakdown_columns(&sections);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header: Vec<String> = [
        "objective",
        "indicator",
        "unit",
        "period",
        "target",
        "actual",
        "percent",
        "status",
    ]
    .map(String::from)
    .to_vec();
    for (dimension, category) in &columns {
        header.push(format!("{dimension}: {category}"));
        header.push(format!("{dimension}: {category} (target)"));
    }
    let mut write = |cells: Vec<String>| {
        writer
            .write_record(cells.iter().map(|c| guard(c).into_owned()))
            .expect("writing to memory cannot fail");
    };
    write(header);
    for section in &sections {
        for i in &section.indicators {
            let lead = [section.title.clone(), i.text.clone(), i.unit.clone()];
            for p in &i.periods {
                let mut cells = lead.to_vec();
                cells.extend([
                    p.period.to_string(),
                    value_text(&p.target),
                    value_text(&p.actual),
                    percent_text(p.percent),
                    status_text(p).to_string(),
                ]);
                for (dimension, category) in &columns {
                    let b = p
                        .breakdowns
                        .iter()
                        .find(|b| &b.dimension == dimension && &b.category == category);
                    cells.push(b.map(|b| value_text(&b.actual)).unwrap_or_default());
                    cells.push(b.map(|b| value_text(&b.target)).unwrap_or_default());
                }
                write(cells);
            }
            let mut cells = lead.to_vec();
            cells.extend([
                LIFE_OF_PROGRAMME.to_string(),
                value_text(&i.target),
                value_text(&i.overall.actual),
                percent_text(i.overall.percent),
                i.overall.status.label().to_string(),
            ]);
            cells.extend(std::iter::repeat_n(String::new(), 2 * columns.len()));
            write(cells);
        }
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

/// Whether an indicator is measured in words (qualitative): its target or one of its
/// periods' values is text.
pub fn is_qualitative(i: &IndicatorResults) -> bool {
    let text = |v: &Option<Value>| matches!(v, Some(Value::Text(t)) if !t.is_empty());
    text(&i.target) || i.periods.iter().any(|p| text(&p.target) || text(&p.actual))
}

/// A period's status as the documents write it: "qualitative" where the actual is words,
/// which no threshold can judge; else the status's label.
pub fn status_text(row: &PeriodRow) -> &'static str {
    match &row.actual {
        Some(Value::Text(t)) if !t.is_empty() => "qualitative",
        _ => row.status.label(),
    }
}

/// The indicator's overall status as the documents write it: "qualitative" for one measured
/// in words.
pub fn overall_text(i: &IndicatorResults) -> &'static str {
    if i.overall.status == Status::NoData && is_qualitative(i) {
        "qualitative"
    } else {
        i.overall.status.label()
    }
}

/// The class that colours a status in the HTML page.
fn status_class(status: Status) -> &'static str {
    match status {
        Status::OnTrack => "on-track",
        Status::AtRisk => "at-risk",
        Status::OffTrack => "off-track",
        Status::NoData => "no-data",
    }
}

/// Print colours of the statuses: green, amber, red, grey, each with a mark so that a
/// black-and-white print still tells them apart.
const STATUS_STYLE: &str = "h2 { font-size: 13pt; margin: 22px 0 6px; }\n\
h3 { font-size: 11pt; margin: 14px 0 4px; }\n\
.status { white-space: nowrap; font-weight: bold; }\n\
td.words { width: 28%; }\n\
.on-track { color: #1a7f37; } .on-track::before { content: \"● \"; }\n\
.at-risk { color: #9a6700; } .at-risk::before { content: \"▲ \"; }\n\
.off-track { color: #c4314b; } .off-track::before { content: \"■ \"; }\n\
.no-data { color: #666; font-weight: normal; } .no-data::before { content: \"○ \"; }\n\
td.num { text-align: right; white-space: nowrap; }\n\
.breakdown td { font-size: 9pt; color: #444; border-top-style: dotted; }\n";

fn status_html(status: Status, label: &str) -> String {
    format!(
        "<span class=\"status {}\">{label}</span>",
        status_class(status),
    )
}

/// A printable, self-contained HTML page: per objective, a table of each indicator's periods
/// with their status, and its overall progress.
pub fn to_html(project: &Project, as_of: NaiveDate) -> String {
    let title = super::report::title(project);
    let sections = sections(project, as_of);
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Results — {}</title>\n<style>{STYLE}{A4_PORTRAIT}{STATUS_STYLE}</style>\n\
         </head>\n<body>\n<h1>{}</h1>\n<p class=\"meta\">Results as of {}</p>\n",
        escape(&title),
        escape(&title),
        super::pdf::long_date(as_of)
    );
    if sections.is_empty() {
        html.push_str(
            "<p class=\"muted\">No objective has an indicator yet: add them in the Objectives \
             view.</p>\n",
        );
    }
    for section in &sections {
        html.push_str(&format!("<h2>{}</h2>\n", escape(&section.heading)));
        for i in &section.indicators {
            html.push_str(&indicator_html(i));
        }
    }
    html.push_str("</body>\n</html>\n");
    html
}

/// "Baseline: 0 practitioners · target: 450 practitioners · latest: 401 practitioners, 89 %
/// of the way"
pub fn overall_line(i: &IndicatorResults) -> String {
    let mut line = format!(
        "Baseline: {} · target: {}",
        with_unit(&i.baseline, &i.unit),
        with_unit(&i.target, &i.unit)
    );
    match &i.overall.actual {
        Some(v) if !v.is_empty() => line.push_str(&format!(
            " · latest: {}",
            with_unit(&i.overall.actual, &i.unit)
        )),
        _ => line.push_str(" · no actual yet"),
    }
    if let Some(p) = i.overall.percent {
        line.push_str(&format!(", {} % of the way", percent_text(Some(p))));
    }
    if i.computed {
        line.push_str(" · computed from the workplan");
    }
    line
}

/// Numbers line up on the right; words wrap as text.
fn cell_class(value: &Option<Value>) -> &'static str {
    match value {
        Some(Value::Text(_)) => "words",
        _ => "num",
    }
}

fn indicator_html(i: &IndicatorResults) -> String {
    let mut html = format!(
        "<h3>{}</h3>\n<p class=\"meta\">{} · overall: {}</p>\n",
        escape(&i.text),
        escape(&overall_line(i)),
        status_html(i.overall.status, overall_text(i))
    );
    if i.periods.is_empty() {
        html.push_str("<p class=\"muted\">No target or actual per period yet.</p>\n");
        return html;
    }
    html.push_str(
        "<table>\n<thead><tr><th style=\"width:10%\">Period</th><th style=\"width:14%\">Target</th>\
         <th style=\"width:14%\">Actual</th><th style=\"width:8%\">%</th>\
         <th style=\"width:13%\">Status</th><th>Source and comment</th></tr></thead>\n<tbody>\n",
    );
    for p in &i.periods {
        let mut note = escape(&p.source);
        if let Some(date) = p.date {
            note = if note.is_empty() {
                date.to_string()
            } else {
                format!("{note} ({date})")
            };
        }
        if !p.comment.is_empty() {
            note.push_str(&format!(
                "<br><span class=\"muted\">{}</span>",
                escape(&p.comment)
            ));
        }
        html.push_str(&format!(
            "<tr><td>{}</td><td class=\"{}\">{}</td><td class=\"{}{}\">{}</td>\
             <td class=\"num\">{}</td><td>{}</td><td>{note}</td></tr>\n",
            p.period,
            cell_class(&p.target),
            escape(&value_text(&p.target)),
            cell_class(&p.actual),
            if p.computed { " computed" } else { "" },
            escape(&value_text(&p.actual)),
            percent_text(p.percent),
            status_html(p.status, status_text(p)),
        ));
        for b in &p.breakdowns {
            html.push_str(&format!(
                "<tr class=\"breakdown\"><td>{}: {}</td><td class=\"{}\">{}</td>\
                 <td class=\"{}\">{}</td><td colspan=\"3\"></td></tr>\n",
                escape(&b.dimension),
                escape(&b.category),
                cell_class(&b.target),
                escape(&value_text(&b.target)),
                cell_class(&b.actual),
                escape(&value_text(&b.actual)),
            ));
        }
    }
    html.push_str("</tbody>\n</table>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actual, Id, IndicatorPeriod, Measurement, Objective, Period};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn project() -> Project {
        let mut p = Project::new(day(2009, 1, 1));
        let mut o = Objective::new(Id(1), None, 2, "=Pillar <one>");
        let m = |v: f64| {
            Some(Measurement {
                value: Value::Number(v),
                date: None,
            })
        };
        o.indicators.push(Indicator {
            id: Id(2),
            text: "Officers trained".into(),
            unit: "officers".into(),
            baseline: m(0.0),
            target: m(100.0),
            latest: None,
            verification: String::new(),
            computed: None,
            periods: vec![IndicatorPeriod {
                period: Period::Year(2010),
                target: Some(Value::Number(40.0)),
                actual: Some(Actual {
                    value: Value::Number(30.0),
                    date: Some(day(2010, 12, 31)),
                    source: "Lists & sheets".into(),
                    comment: String::new(),
                }),
                breakdowns: vec![crate::model::Breakdown {
                    dimension: "sex".into(),
                    category: "female".into(),
                    target: Some(Value::Number(20.0)),
                    actual: Some(Value::Number(12.0)),
                }],
            }],
        });
        p.objectives = vec![o, Objective::new(Id(3), None, 2, "No indicators")];
        p.next_id = 4;
        p
    }

    #[test]
    fn the_csv_has_a_row_per_period_and_one_for_the_programme() {
        let bytes = to_csv(&project(), day(2012, 1, 1));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "objective,indicator,unit,period,target,actual,percent,status,sex: female,sex: female (target)"
        );
        assert_eq!(
            lines[1],
            "'=Pillar <one>,Officers trained,officers,2010,40,30,75,at risk,12,20"
        );
        assert_eq!(
            lines[2],
            "'=Pillar <one>,Officers trained,officers,life of programme,100,30,30,off track,,"
        );
        assert_eq!(lines.len(), 3, "an objective without indicators has no row");
    }

    #[test]
    fn the_page_escapes_and_says_when_there_is_nothing() {
        let html = to_html(&project(), day(2012, 1, 1));
        assert!(html.contains("=Pillar &lt;one&gt;"));
        assert!(html.contains("Lists &amp; sheets (2010-12-31)"));
        assert!(html.contains("<span class=\"status at-risk\">at risk</span>"));
        assert!(html.contains("Results as of 1 January 2012"));
        assert!(!html.contains("No indicators"));
        let empty = to_html(&Project::new(day(2009, 1, 1)), day(2012, 1, 1));
        assert!(empty.contains("No objective has an indicator yet"));
    }
}
