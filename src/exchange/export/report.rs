//! The workplan report: the activities of a period, by pillar and by stage, as a printable,
//! self-contained HTML page.

use super::html::{A4_LANDSCAPE, STYLE, escape};
use super::{PortfolioDoc, Scope};
use chrono::NaiveDate;

use crate::model::{Activity, Baseline, Id, Project, Status};
use crate::plan::portfolio_checks::Member;

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

/// The page's head and title block, up to the first section.
fn begin(title: &str, from: chrono::NaiveDate, to: chrono::NaiveDate, office: &str) -> String {
    let mut html =
        String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(&format!("<title>Workplan report — {}</title>\n<style>{STYLE}{A4_LANDSCAPE}h2 {{ font-size: 13pt; margin: 18px 0 6px; }}\nh3 {{ font-size: 11pt; margin: 10px 0 4px; }}\nh4 {{ font-size: 10pt; margin: 8px 0 4px; }}\nh2.programme {{ font-size: 15pt; margin-top: 26px; padding-left: 8px; border-left: 6px solid #888; }}</style>\n</head>\n<body>\n", escape(title)));
    html.push_str(&format!(
        "<h1>{}</h1>\n<p class=\"meta\">Workplan report, {from} to {to}",
        escape(title)
    ));
    if !office.is_empty() {
        html.push_str(&format!(" · {}", escape(office)));
    }
    html.push_str("</p>\n");
    html
}

/// The sections' headings and tables; `level` is the heading level of a pillar (its stages
/// one below).
fn push_sections(html: &mut String, sections: &[Section], level: u8) {
    let stage_level = level + 1;
    for section in sections {
        html.push_str(&format!(
            "<h{level}>{}</h{level}>\n",
            escape(&section.pillar)
        ));
        for (stage_name, rows) in &section.stages {
            html.push_str(&format!("<h{stage_level}>{stage_name} ({})</h{stage_level}>\n<table>\n<thead><tr><th style=\"width:17%\">Dates</th><th style=\"width:38%\">Activity</th><th style=\"width:15%\">Place</th><th style=\"width:20%\">Beneficiaries</th><th>Participants</th></tr></thead>\n<tbody>\n", rows.len()));
            for r in rows {
                html.push_str(&row_html(r));
            }
            html.push_str("</tbody>\n</table>\n");
        }
    }
}

/// The report as a printable, self-contained HTML page.
pub fn to_html(project: &Project, scope: Scope) -> String {
    let (from, to) = scope.resolve(project);
    let title = title(project);
    let mut html = begin(&title, from, to, &project.programme.office);
    if let Some(summary) = baseline_summary(project, scope) {
        html.push_str(&format!("<p class=\"meta\">{}</p>\n", escape(&summary)));
    }
    let sections = sections(project, scope);
    push_sections(&mut html, &sections, 2);
    if sections.is_empty() {
        html.push_str("<p class=\"muted\">No activity falls in this period.</p>\n");
    }
    html.push_str("</body>\n</html>\n");
    html
}

/// The period of a portfolio's report: `--from` and `--to`, or from the earliest member's
/// start to the latest one's end.
pub fn portfolio_period(members: &[Member<'_>], scope: Scope) -> (NaiveDate, NaiveDate) {
    let from = scope.from.unwrap_or_else(|| {
        members
            .iter()
            .map(|m| m.project.programme.start)
            .min()
            .unwrap_or_default()
    });
    let to = scope
        .to
        .unwrap_or_else(|| {
            members
                .iter()
                .map(|m| m.project.programme.end)
                .max()
                .unwrap_or_default()
        })
        .max(from);
    (from, to)
}

/// The report of a portfolio: one section per programme, in the portfolio's order, each with
/// its pillars and stages as its own report has them, over one period for all, its heading
/// ruled in the programme's colour. The members left out are named, so the reader knows the
/// report is not the whole portfolio.
pub fn portfolio_html(portfolio: PortfolioDoc<'_>, scope: Scope) -> String {
    let PortfolioDoc {
        title,
        members,
        colours,
        left_out,
    } = portfolio;
    let (from, to) = portfolio_period(members, scope);
    let title = if title.is_empty() { "Portfolio" } else { title };
    let mut html = begin(title, from, to, "");
    let period = Scope {
        from: Some(from),
        to: Some(to),
        baseline: None,
        ..scope
    };
    let all: Vec<Vec<Section>> = members
        .iter()
        .map(|m| sections(m.project, period))
        .collect();
    let count = |sections: &[Section]| -> usize {
        sections
            .iter()
            .flat_map(|s| &s.stages)
            .map(|(_, rows)| rows.len())
            .sum()
    };
    let summary: Vec<String> = members
        .iter()
        .zip(&all)
        .map(|(m, s)| format!("{} ({})", m.name, crate::plan::count(count(s), "activity")))
        .collect();
    html.push_str(&format!(
        "<p class=\"meta\">{}: {}</p>\n",
        crate::plan::count(members.len(), "programme"),
        escape(&summary.join(", "))
    ));
    if !left_out.is_empty() {
        html.push_str(&format!(
            "<p class=\"meta\"><strong>Not in this report</strong>, their files could not be read: {}</p>\n",
            escape(&left_out.join(", "))
        ));
    }
    for (index, (member, sections)) in members.iter().zip(&all).enumerate() {
        // Only a checked `#rrggbb` goes into the style attribute.
        let rule = colours
            .get(index)
            .filter(|c| crate::model::portfolio::parse_colour(c).is_some())
            .map_or(String::new(), |c| {
                format!(" style=\"border-left-color: {c}\"")
            });
        html.push_str(&format!(
            "<h2 class=\"programme\"{rule}>{}</h2>\n",
            escape(member.name)
        ));
        push_sections(&mut html, sections, 3);
        if sections.is_empty() {
            html.push_str(
                "<p class=\"muted\">No activity of this programme falls in this period.</p>\n",
            );
        }
    }
    if members.is_empty() {
        html.push_str("<p class=\"muted\">No programme of the portfolio could be read.</p>\n");
    }
    html.push_str("</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_portfolio_report_has_a_section_per_programme_over_one_period() {
        let a = crate::testing::sample();
        let mut b = crate::plan::generate::project(6, 3, 0, 5);
        b.programme.start = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        b.programme.end = NaiveDate::from_ymd_opt(2031, 12, 31).unwrap();
        // Every activity of the second programme held in 2030 only.
        b.activities.retain(|x| !x.sessions.is_empty());
        for session in b.activities.iter_mut().flat_map(|x| &mut x.sessions) {
            session.start = NaiveDate::from_ymd_opt(2030, 3, 2).unwrap();
            session.end = None;
        }
        let members = [
            Member {
                path: "see.ron",
                name: "South Eastern Europe",
                project: &a,
            },
            Member {
                path: "gfp.ron",
                name: "Firearms <global>",
                project: &b,
            },
        ];
        let left_out = ["Containers (ccp.ron)".to_string()];
        let portfolio = PortfolioDoc {
            title: "Regional office",
            members: &members,
            colours: &["#1f77b4", "red\" onclick=\"x"],
            left_out: &left_out,
        };
        let html = portfolio_html(portfolio, Scope::default());
        let start = a.programme.start;
        assert!(
            html.contains(&format!("Workplan report, {start} to 2031-12-31")),
            "the period spans every member"
        );
        assert!(html.contains(
            "<h2 class=\"programme\" style=\"border-left-color: #1f77b4\">South Eastern Europe</h2>"
        ));
        // The second colour is not `#rrggbb`: no style at all rather than its text.
        assert!(html.contains("<h2 class=\"programme\">Firearms &lt;global&gt;</h2>"));
        assert!(html.find("South Eastern Europe</h2>") < html.find("Firearms &lt;global&gt;</h2>"));
        assert!(html.contains("<h3>Organised crime and illicit trafficking</h3>"));
        assert!(html.contains("<h4>Done ("));
        assert!(html.contains("could not be read: Containers (ccp.ron)"));
        assert!(html.contains("2 programmes: South Eastern Europe ("));
        // A period that holds none of the second programme's sessions.
        let early = Scope {
            to: Some(NaiveDate::from_ymd_opt(2010, 12, 31).unwrap()),
            ..Scope::default()
        };
        let html = portfolio_html(
            PortfolioDoc {
                left_out: &[],
                ..portfolio
            },
            early,
        );
        assert!(!html.contains("could not be read"));
        let unscheduled = b
            .activities
            .iter()
            .filter(|x| x.sessions.is_empty())
            .count();
        if unscheduled == 0 {
            assert!(html.contains("No activity of this programme falls in this period."));
        }
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
