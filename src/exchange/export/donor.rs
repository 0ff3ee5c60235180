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

fn section_html(s: &DonorSection) -> String {
    let mut html = format!(
        "<h2>{} <span class=\"level\">{}</span></h2>\n",
        escape(&s.name),
        s.kind
    );
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
    html.push_str(&format!(
        "<p class=\"meta\">{} · {participants} · budget covered: {}</p>\n",
        crate::plan::count(s.activities.len(), "activity"),
        if covered.is_empty() {
            "none".to_string()
        } else {
            escape(&covered.join(", "))
        }
    ));
    if s.activities.is_empty() {
        html.push_str("<p class=\"muted\">No activity in this period.</p>\n");
        return html;
    }
    html.push_str(
        "<table>\n<thead><tr><th style=\"width:22%\">Dates</th><th>Activity</th>\
         <th style=\"width:16%\">Amount</th><th style=\"width:14%\">Participants</th></tr></thead>\n<tbody>\n",
    );
    for a in &s.activities {
        let amount = match &a.through {
            Some(fund) => format!("through {}", escape(fund)),
            None => escape(&crate::plan::funding::amount_text(a.amount, &a.currency)),
        };
        let participants = match (a.participants, a.women) {
            (Some(n), Some(w)) => format!("{n} ({w} women)"),
            (Some(n), None) => n.to_string(),
            _ => String::new(),
        };
        html.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{amount}</td><td>{participants}</td></tr>\n",
            escape(&a.dates),
            escape(&a.title)
        ));
    }
    html.push_str("</tbody>\n</table>\n");
    if !s.results.is_empty() {
        html.push_str(
            "<h3>Results of the objectives these activities serve</h3>\n<table>\n<thead><tr>\
             <th style=\"width:30%\">Objective</th><th>Indicator</th><th style=\"width:12%\">Baseline</th>\
             <th style=\"width:12%\">Target</th><th style=\"width:12%\">Latest</th></tr></thead>\n<tbody>\n",
        );
        for r in &s.results {
            html.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                escape(&r.objective),
                escape(&r.indicator),
                escape(&r.baseline),
                escape(&r.target),
                escape(&r.latest)
            ));
        }
        html.push_str("</tbody>\n</table>\n");
    }
    html
}
