//! The donor report as a printable, self-contained HTML page: per donor or fund, the
//! activities it supported in the period, participants and the share of women, the budget it
//! covered and the results of the objectives those activities serve (`plan::donor_report`).

use super::Scope;
use super::html::{A4_PORTRAIT, STYLE, escape};
use crate::model::Project;
use crate::plan::donor_report::{self, DonorSection};
use crate::plan::funding::{NOT_KNOWN, format_amount};

pub fn to_html(project: &Project, scope: Scope) -> String {
    let (from, to) = scope.resolve(project);
    let title = super::report::title(project);
    let sections = donor_report::sections(project, from, to, scope.donor);
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Donor report — {}</title>\n<style>{STYLE}{A4_PORTRAIT}\
         h2 {{ font-size: 13pt; margin: 20px 0 6px; }}\nh3 {{ font-size: 11pt; margin: 10px 0 4px; }}\
         </style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"meta\">Donor report, {from} to {to}</p>\n",
        escape(&title),
        escape(&title)
    );
    for section in &sections {
        html.push_str(&section_html(section));
    }
    if sections.is_empty() {
        html.push_str(
            "<p class=\"muted\">No donor or fund supported an activity in this period.</p>\n",
        );
    }
    html.push_str("</body>\n</html>\n");
    html
}

/// "2 activities · 48 participants, 40 % women (of the 30 whose activities counted women) ·
/// budget covered: EUR 15,000": the section's summary, for the HTML and the PDF alike.
pub fn summary(s: &DonorSection) -> String {
    let mut covered: Vec<String> = s
        .covered
        .iter()
        .map(|(currency, amount)| format_amount(*amount, currency))
        .collect();
    if s.amounts_not_known > 0 {
        covered.push(format!(
            "{} with the {NOT_KNOWN}",
            crate::plan::count(s.amounts_not_known, "line")
        ));
    }
    let women = match s.women_share() {
        Some(share) => format!(
            ", {share} % women (of the {} whose activities counted women)",
            s.participants_with_women_known
        ),
        None => String::new(),
    };
    let participants = if s.participants == 0 {
        "no participants counted yet".to_string()
    } else {
        format!("{} participants{women}", s.participants)
    };
    format!(
        "{} · {participants} · budget covered: {}",
        crate::plan::count(s.activities.len(), "activity"),
        if covered.is_empty() {
            "none".to_string()
        } else {
            covered.join(", ")
        }
    )
}

/// The amount cell of a supported activity: its line's amount, or the fund it came through.
pub fn amount_text(a: &donor_report::Supported) -> String {
    match &a.through {
        Some(fund) => format!("through {fund}"),
        None => crate::plan::funding::amount_text(a.amount, &a.currency),
    }
}

/// The participants cell: "28 (12 women)", "28", or nothing.
pub fn participants_text(a: &donor_report::Supported) -> String {
    match (a.participants, a.women) {
        (Some(n), Some(w)) => format!("{n} ({w} women)"),
        (Some(n), None) => n.to_string(),
        _ => String::new(),
    }
}

fn section_html(s: &DonorSection) -> String {
    let mut html = format!(
        "<h2>{} <span class=\"level\">{}</span></h2>\n<p class=\"meta\">{}</p>\n",
        escape(&s.name),
        s.kind,
        escape(&summary(s))
    );
    if s.activities.is_empty() {
        html.push_str("<p class=\"muted\">No activity in this period.</p>\n");
        return html;
    }
    html.push_str(
        "<table>\n<thead><tr><th style=\"width:22%\">Dates</th><th>Activity</th>\
         <th style=\"width:16%\">Amount</th><th style=\"width:14%\">Participants</th></tr></thead>\n<tbody>\n",
    );
    for a in &s.activities {
        html.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&a.dates),
            escape(&a.title),
            escape(&amount_text(a)),
            escape(&participants_text(a))
        ));
    }
    html.push_str("</tbody>\n</table>\n");
    if !s.results.is_empty() {
        html.push_str(
            "<h3>Results of the objectives these activities serve</h3>\n<table>\n<thead><tr>\
             <th style=\"width:30%\">Objective</th><th>Indicator</th><th style=\"width:12%\">Baseline</th>\
             <th style=\"width:12%\">Target</th><th style=\"width:12%\">Latest</th>\
             <th style=\"width:10%\">Status</th></tr></thead>\n<tbody>\n",
        );
        for r in &s.results {
            html.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                escape(&r.objective),
                escape(&r.indicator),
                escape(&r.baseline),
                escape(&r.target),
                escape(&r.latest),
                r.status.label()
            ));
        }
        html.push_str("</tbody>\n</table>\n");
    }
    html
}
