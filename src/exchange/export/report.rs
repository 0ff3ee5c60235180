//! The workplan report: the activities of a period, by pillar and by stage, as a printable,
//! self-contained HTML page.

use super::Scope;
use super::html::{A4_LANDSCAPE, STYLE, escape};
use crate::model::{Activity, Baseline, Id, Project, Status};

fn stage(status: Status) -> usize {
    match status {
        Status::Done => 0,
        Status::UnderWay => 1,
        Status::Proposed | Status::Planned | Status::Confirmed => 2,
        Status::Postponed | Status::Cancelled => 3,
    }
}

const STAGES: [&str; 4] = ["Done", "Under way", "Planned", "Postponed or cancelled"];

/// One activity as the report lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRow {
    pub dates: String,
    pub title: String,
    /// Its kind and status: "Training · Done".
    pub about: String,
    pub places: String,
    pub beneficiaries: String,
    pub participants: String,
    /// The baseline's dates and the slip, when the report compares with a baseline.
    pub baseline: Option<String>,
}

/// A pillar's activities, by stage (stages without activities left out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub pillar: String,
    pub stages: Vec<(&'static str, Vec<ReportRow>)>,
}

fn report_row(project: &Project, a: &Activity, baseline: Option<&Baseline>) -> ReportRow {
    let dates = match a.sessions.as_slice() {
        [] => "no date yet".to_string(),
        sessions => sessions
            .iter()
            .map(|s| s.date_label())
            .collect::<Vec<_>>()
            .join("; "),
    };
    let mut places: Vec<String> = a
        .sessions
        .iter()
        .map(|s| s.place.label())
        .filter(|p| !p.is_empty())
        .collect();
    places.dedup();
    let beneficiaries: Vec<String> = a
        .beneficiaries
        .iter()
        .filter_map(|id| project.jurisdiction(*id))
        .map(|j| j.label())
        .collect();
    let participants = match (a.participants.actual, a.participants.planned) {
        (Some(actual), _) => match a.participants.women {
            Some(women) => format!("{actual} ({women} women)"),
            None => actual.to_string(),
        },
        (None, Some(planned)) => format!("{planned} planned"),
        (None, None) => String::new(),
    };
    ReportRow {
        dates,
        title: a.title.clone(),
        about: format!("{} · {}", a.kind, a.status.label()),
        places: places.join("; "),
        beneficiaries: beneficiaries.join(", "),
        participants,
        baseline: baseline.map(|b| crate::plan::baseline::report_line(b, a)),
    }
}

/// Activities with a session in the period (and those not scheduled yet), by pillar and
/// stage; the report's content, whatever it is printed as.
pub fn sections(project: &Project, scope: Scope) -> Vec<Section> {
    let (from, to) = scope.resolve(project);
    let baseline = scope.baseline.and_then(|id| project.baseline(id));
    let in_period = |a: &Activity| {
        a.sessions.is_empty()
            || a.sessions
                .iter()
                .any(|s| s.last_day() >= from && s.start <= to)
    };
    let pillars: Vec<(Option<Id>, String)> = project
        .objectives
        .iter()
        .filter(|o| o.level == crate::plan::logframe::PILLAR_LEVEL)
        .map(|o| (Some(o.id), o.title.clone()))
        .chain(std::iter::once((
            None,
            "Not linked to a pillar".to_string(),
        )))
        .collect();
    let pillar_of = |a: &Activity| {
        pillars.iter().filter_map(|(id, _)| *id).find(|&pillar| {
            a.objectives
                .iter()
                .any(|&o| crate::plan::tree::is_in_subtree(&project.objectives, pillar, o))
        })
    };
    let mut sections = Vec::new();
    for (pillar, name) in &pillars {
        let mut activities: Vec<&Activity> = project
            .activities
            .iter()
            .filter(|a| in_period(a) && pillar_of(a) == *pillar)
            .collect();
        if activities.is_empty() {
            continue;
        }
        activities.sort_by_key(|a| {
            (
                stage(a.status),
                crate::plan::workplan::span(a).map(|s| s.0),
                a.id,
            )
        });
        let stages = STAGES
            .iter()
            .enumerate()
            .filter_map(|(index, stage_name)| {
                let rows: Vec<ReportRow> = activities
                    .iter()
                    .filter(|a| stage(a.status) == index)
                    .map(|a| report_row(project, a, baseline))
                    .collect();
                (!rows.is_empty()).then_some((*stage_name, rows))
            })
            .collect();
        sections.push(Section {
            pillar: name.clone(),
            stages,
        });
    }
    sections
}

/// "Compared with baseline “Approved by SC2” of 1 Feb 2010: 2 added, 1 moved (...)", when
/// the report compares with a baseline; the activities removed since are named.
pub fn baseline_summary(project: &Project, scope: Scope) -> Option<String> {
    use crate::plan::baseline as b;
    let baseline = project.baseline(scope.baseline?)?;
    let rows = b::compare(&b::of_baseline(baseline), &b::of_project(project));
    let removed: Vec<&str> = rows
        .iter()
        .filter(|r| r.change == b::Change::Removed)
        .map(|r| r.title.as_str())
        .collect();
    let mut text = format!(
        "Compared with baseline “{}” of {}: {}",
        baseline.name,
        crate::plan::dates::format_date(baseline.saved),
        b::summary(&rows).text()
    );
    if !removed.is_empty() {
        text.push_str(&format!(". Removed since: {}", removed.join("; ")));
    }
    Some(text)
}

/// The report's title: the programme's, or "Workplan report".
pub fn title(project: &Project) -> String {
    if project.programme.title.is_empty() {
        "Workplan report".to_string()
    } else {
        project.programme.title.clone()
    }
}

fn row_html(r: &ReportRow) -> String {
    let baseline = r.baseline.as_ref().map_or(String::new(), |line| {
        format!("<br><span class=\"muted\">{}</span>", escape(line))
    });
    format!(
        "<tr><td>{}{baseline}</td><td><strong>{}</strong><br><span class=\"muted\">{}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        escape(&r.dates),
        escape(&r.title),
        escape(&r.about),
        escape(&r.places),
        escape(&r.beneficiaries),
        escape(&r.participants)
    )
}

/// The report as a printable, self-contained HTML page.
pub fn to_html(project: &Project, scope: Scope) -> String {
    let (from, to) = scope.resolve(project);
    let p = &project.programme;
    let mut html =
        String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let title = title(project);
    html.push_str(&format!("<title>Workplan report — {}</title>\n<style>{STYLE}{A4_LANDSCAPE}h2 {{ font-size: 13pt; margin: 18px 0 6px; }}\nh3 {{ font-size: 11pt; margin: 10px 0 4px; }}</style>\n</head>\n<body>\n", escape(&title)));
    html.push_str(&format!(
        "<h1>{}</h1>\n<p class=\"meta\">Workplan report, {from} to {to}",
        escape(&title)
    ));
    if !p.office.is_empty() {
        html.push_str(&format!(" · {}", escape(&p.office)));
    }
    html.push_str("</p>\n");
    if let Some(summary) = baseline_summary(project, scope) {
        html.push_str(&format!("<p class=\"meta\">{}</p>\n", escape(&summary)));
    }
    let sections = sections(project, scope);
    for section in &sections {
        html.push_str(&format!("<h2>{}</h2>\n", escape(&section.pillar)));
        for (stage_name, rows) in &section.stages {
            html.push_str(&format!("<h3>{stage_name} ({})</h3>\n<table>\n<thead><tr><th style=\"width:17%\">Dates</th><th style=\"width:38%\">Activity</th><th style=\"width:15%\">Place</th><th style=\"width:20%\">Beneficiaries</th><th>Participants</th></tr></thead>\n<tbody>\n", rows.len()));
            for r in rows {
                html.push_str(&row_html(r));
            }
            html.push_str("</tbody>\n</table>\n");
        }
    }
    if sections.is_empty() {
        html.push_str("<p class=\"muted\">No activity falls in this period.</p>\n");
    }
    html.push_str("</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_period_chooses_the_activities() {
        let project = crate::testing::sample();
        let december = Scope {
            from: NaiveDate::from_ymd_opt(2009, 12, 1),
            to: NaiveDate::from_ymd_opt(2009, 12, 31),
            ..Scope::default()
        };
        let html = to_html(&project, december);
        assert!(html.contains("Regional cooperation in asset recovery"));
        assert!(html.contains("Regional cooperation mechanisms against corruption"));
        assert!(
            !html.contains("Review of domestic organised-crime legislation"),
            "November is outside"
        );
        assert!(html.contains("<h2>Organised crime and illicit trafficking</h2>"));
        assert!(html.contains("<h3>Done ("));
        assert!(html.contains("2009-12-01 to 2009-12-31"));
        assert!(!html.contains("Baseline"), "no baseline chosen");
    }

    #[test]
    fn a_baseline_puts_its_dates_and_slips_under_each_activitys_dates() {
        let mut project = crate::testing::sample();
        let id = project.allocate_id();
        let saved = NaiveDate::from_ymd_opt(2009, 10, 1).unwrap();
        let baseline = crate::plan::baseline::snapshot(&project, id, "Approved by SC1", saved, "");
        project.baselines.push(baseline);
        let moved = project
            .activities
            .iter_mut()
            .find(|a| {
                a.title
                    .starts_with("Review of domestic organised-crime legislation")
            })
            .unwrap();
        let session = &mut moved.sessions[0];
        session.start = session.start + chrono::Days::new(20);
        session.end = session.end.map(|e| e + chrono::Days::new(20));
        let scope = Scope {
            baseline: Some(id),
            ..Scope::default()
        };
        let html = to_html(&project, scope);
        assert!(
            html.contains("Baseline: 18–20 Nov 2009 (start +20, end +20 days)"),
            "{html}"
        );
        assert!(html.contains("Compared with baseline “Approved by SC1” of"));
        assert!(html.contains("1 moved (1 end later, 0 earlier)"));
    }
}
