//! The programme and its activities as IATI activity XML, version 2.03: the programme as a
//! `hierarchy="1"` activity, each scheduled Workplan activity as a `hierarchy="2"` one
//! related to it. What comes from where is in docs/iati.md. Elements are written in the
//! order the schema's sequence gives, which the schema checks.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::ContentError;
use crate::model::{Activity, Id, Objective, Organisation, Project, Status};
use crate::plan::countries::country_code;
use crate::plan::workplan::span;

/// Text made safe between tags and in a double-quoted attribute; characters XML 1.0 does not
/// allow (most control characters) are dropped, since no reader would accept the file.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            _ => out.push(c),
        }
    }
    out
}

fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// Appends `<name><narrative>text</narrative></name>`.
fn narrative_element(out: &mut String, indent: &str, name: &str, attrs: &str, text: &str) {
    out.push_str(&format!(
        "{indent}<{name}{attrs}>\n{indent}  <narrative>{}</narrative>\n{indent}</{name}>\n",
        xml(text)
    ));
}

/// IATI ActivityStatus of a Workplan status. Done is 3 (Finalisation): the work has taken
/// place, but Workplan does not know whether its accounts are closed (4).
pub fn activity_status(status: Status) -> &'static str {
    match status {
        Status::Proposed | Status::Planned | Status::Confirmed => "1",
        Status::UnderWay => "2",
        Status::Done => "3",
        Status::Cancelled => "5",
        Status::Postponed => "6",
    }
}

/// Shares of 100 for `n` countries: equal whole percentages, the remainder on the last, so
/// they always add up to 100.
pub fn shares(n: usize) -> Vec<u32> {
    if n == 0 {
        return Vec::new();
    }
    let n32 = n as u32;
    let mut out = vec![100 / n32; n];
    out[n - 1] += 100 % n32;
    out
}

/// The ISO 3166 alpha-2 codes of the jurisdictions with these ids, in order, once each; a
/// jurisdiction whose name and aliases name no country is left out.
fn countries(project: &Project, ids: impl Iterator<Item = Id>) -> Vec<&'static str> {
    let mut codes = Vec::new();
    for id in ids {
        let Some(j) = project.programme.jurisdictions.iter().find(|j| j.id == id) else {
            continue;
        };
        let code = std::iter::once(&j.name)
            .chain(&j.aliases)
            .find_map(|name| country_code(name));
        if let Some(code) = code
            && !codes.contains(&code)
        {
            codes.push(code);
        }
    }
    codes
}

fn recipient_countries(out: &mut String, codes: &[&str]) {
    for (code, share) in codes.iter().zip(shares(codes.len())) {
        out.push_str(&format!(
            "    <recipient-country code=\"{code}\" percentage=\"{share}\"/>\n"
        ));
    }
}

fn participating_org(out: &mut String, role: &str, reference: &str, name: &str) {
    let reference = if reference.is_empty() {
        String::new()
    } else {
        format!(" ref=\"{}\"", xml(reference))
    };
    narrative_element(
        out,
        "    ",
        "participating-org",
        &format!(" role=\"{role}\"{reference}"),
        name,
    );
}

fn sector_and_tags<'a>(
    out: &mut String,
    project: &Project,
    targets: impl Iterator<Item = &'a String>,
) {
    let sector = project.programme.default_sector.trim();
    if !sector.is_empty() {
        out.push_str(&format!(
            "    <sector vocabulary=\"1\" code=\"{}\"/>\n",
            xml(sector)
        ));
    }
    let targets: BTreeSet<&str> = targets.map(|t| t.trim()).collect();
    for target in targets {
        // Vocabulary 3: the SDG targets, coded by their number ("16.4").
        out.push_str(&format!(
            "    <tag vocabulary=\"3\" code=\"{}\"/>\n",
            xml(target)
        ));
    }
}

/// A measurement's value as a number IATI can aggregate; `None` for words ("all six").
fn numeric(value: &crate::model::Value) -> Option<String> {
    match value {
        crate::model::Value::Number(n) => Some(n.to_string()),
        crate::model::Value::Text(text) => {
            let value = text.trim().trim_end_matches('%').trim_end();
            value.parse::<f64>().ok().filter(|v| v.is_finite())?;
            Some(value.to_string())
        }
    }
}

/// IATI ResultType by the objective's level: the top level is the impact, the next the
/// outcome, every level below an output.
fn result_type(objective: &Objective) -> &'static str {
    match objective.level {
        0 => "3",
        1 => "2",
        _ => "1",
    }
}

/// `<target>` or `<actual>` of one period: the value when it is a number (words go into the
/// comment, as IATI has qualitative indicators say them), then a comment.
fn period_value(out: &mut String, name: &str, value: &crate::model::Value, comment: &str) {
    let number = numeric(value);
    let attrs = number
        .as_ref()
        .map(|v| format!(" value=\"{}\"", xml(v)))
        .unwrap_or_default();
    let words = match (&number, value) {
        (None, crate::model::Value::Text(t)) if !t.trim().is_empty() => t.trim(),
        _ => "",
    };
    let comment = match (words, comment.trim()) {
        ("", c) => c.to_string(),
        (w, "") => w.to_string(),
        (w, c) => format!("{w}. {c}"),
    };
    if comment.is_empty() {
        out.push_str(&format!("          <{name}{attrs}/>\n"));
    } else {
        out.push_str(&format!("          <{name}{attrs}>\n"));
        narrative_element(out, "            ", "comment", "", &comment);
        out.push_str(&format!("          </{name}>\n"));
    }
}

/// One `<period>` per period of the indicator (`plan::results::period_rows`): its first and
/// last day, the target and actual, and per breakdown category a target and an actual of
/// their own with its `<dimension>`, as IATI disaggregates values.
fn periods(out: &mut String, rows: &[crate::plan::results::PeriodRow]) {
    for row in rows {
        let Some((first, last)) = crate::plan::results::period_days(row.period) else {
            continue;
        };
        if row.target.is_none() && row.actual.is_none() {
            continue;
        }
        out.push_str("        <period>\n");
        out.push_str(&format!(
            "          <period-start iso-date=\"{}\"/>\n",
            iso(first)
        ));
        out.push_str(&format!(
            "          <period-end iso-date=\"{}\"/>\n",
            iso(last)
        ));
        if let Some(target) = &row.target {
            period_value(out, "target", target, "");
        }
        for b in &row.breakdowns {
            if let Some(v) = b.target.as_ref().and_then(numeric) {
                dimension_value(out, "target", &v, &b.dimension, &b.category);
            }
        }
        if let Some(actual) = &row.actual {
            let comment = [row.source.as_str(), row.comment.as_str()]
                .iter()
                .filter(|t| !t.trim().is_empty())
                .map(|t| t.trim().trim_end_matches('.'))
                .collect::<Vec<_>>()
                .join(". ");
            period_value(out, "actual", actual, &comment);
        }
        for b in &row.breakdowns {
            if let Some(v) = b.actual.as_ref().and_then(numeric) {
                dimension_value(out, "actual", &v, &b.dimension, &b.category);
            }
        }
        out.push_str("        </period>\n");
    }
}

fn dimension_value(out: &mut String, name: &str, value: &str, dimension: &str, category: &str) {
    out.push_str(&format!(
        "          <{name} value=\"{}\">\n            <dimension name=\"{}\" value=\"{}\"/>\n          </{name}>\n",
        xml(value),
        xml(dimension),
        xml(category)
    ));
}

/// The objective tree's indicators as results of the programme, with their periods as of
/// `today`; returns how many indicators were left out because they have nothing to publish
/// (no number anywhere and no period).
fn results(out: &mut String, project: &Project, today: NaiveDate) -> usize {
    let p = &project.programme;
    let mut left_out = 0;
    for objective in &project.objectives {
        let mut indicators = String::new();
        for indicator in &objective.indicators {
            fn value(m: &Option<crate::model::Measurement>) -> Option<(String, Option<NaiveDate>)> {
                m.as_ref()
                    .and_then(|m| numeric(&m.value).map(|v| (v, m.date)))
            }
            let (baseline, target, actual) = (
                value(&indicator.baseline),
                value(&indicator.target),
                value(&indicator.latest),
            );
            let rows = crate::plan::results::period_rows(project, objective.id, indicator, today);
            let qualitative = baseline.is_none() && target.is_none() && actual.is_none();
            if qualitative && rows.is_empty() {
                left_out += 1;
                continue;
            }
            // IndicatorMeasure: 2 for a percentage, 1 for a count of units, 5 for words.
            let unit = indicator.unit.to_lowercase();
            let measure = if qualitative {
                "5"
            } else if unit.contains('%') || unit.contains("percent") {
                "2"
            } else {
                "1"
            };
            let i = &mut indicators;
            i.push_str(&format!("      <indicator measure=\"{measure}\">\n"));
            narrative_element(i, "        ", "title", "", &indicator.text);
            if let Some((v, day)) = baseline {
                let day = day.unwrap_or(p.start);
                i.push_str(&format!(
                    "        <baseline year=\"{}\" iso-date=\"{}\" value=\"{}\"/>\n",
                    day.year(),
                    iso(day),
                    xml(&v)
                ));
            }
            if !rows.is_empty() {
                periods(i, &rows);
            } else if target.is_some() || actual.is_some() {
                // No periods: the life of the programme as one.
                i.push_str("        <period>\n");
                i.push_str(&format!(
                    "          <period-start iso-date=\"{}\"/>\n",
                    iso(p.start)
                ));
                let end = target.as_ref().and_then(|(_, d)| *d).unwrap_or(p.end);
                i.push_str(&format!(
                    "          <period-end iso-date=\"{}\"/>\n",
                    iso(end)
                ));
                if let Some((v, _)) = target {
                    i.push_str(&format!("          <target value=\"{}\"/>\n", xml(&v)));
                }
                if let Some((v, _)) = actual {
                    i.push_str(&format!("          <actual value=\"{}\"/>\n", xml(&v)));
                }
                i.push_str("        </period>\n");
            }
            i.push_str("      </indicator>\n");
        }
        if indicators.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "    <result type=\"{}\">\n",
            result_type(objective)
        ));
        narrative_element(out, "      ", "title", "", &objective.title);
        out.push_str(&indicators);
        out.push_str("    </result>\n");
    }
    left_out
}

/// The IATI identifier of the programme: the prefix (the reporting organisation's identifier
/// when none is set), a hyphen unless the prefix ends with one, and the programme's code.
pub fn programme_identifier(project: &Project) -> String {
    let p = &project.programme;
    let prefix = if p.iati_prefix.trim().is_empty() {
        p.reporting_org_ref.trim()
    } else {
        p.iati_prefix.trim()
    };
    let joint = if prefix.ends_with('-') { "" } else { "-" };
    format!("{prefix}{joint}{}", p.code.trim())
}

/// The IATI identifier of one activity: the programme's, a hyphen, the activity's id.
pub fn activity_identifier(project: &Project, activity: &Activity) -> String {
    format!("{}-{}", programme_identifier(project), activity.id)
}

/// The funders of an activity: the donors and funds its funding lines name, once each.
fn funders<'a>(project: &'a Project, activity: &Activity) -> Vec<&'a Organisation> {
    let mut out: Vec<&Organisation> = Vec::new();
    for line in &activity.funding {
        if let Some(o) = project
            .programme
            .donors
            .iter()
            .find(|d| d.id == line.source)
            && !out.iter().any(|seen| seen.id == o.id)
        {
            out.push(o);
        }
    }
    out
}

/// The IATI activity XML of the project, generated at `now` (actual dates after `now` are
/// not written: IATI takes them as facts). Fails when a setting the schema needs is empty.
pub fn to_xml(project: &Project, now: DateTime<Utc>) -> Result<String, ContentError> {
    let p = &project.programme;
    let missing = |value: &str, what| {
        if value.trim().is_empty() {
            Err(ContentError::IatiSetting(what))
        } else {
            Ok(())
        }
    };
    missing(&p.reporting_org_ref, "reporting organisation identifier")?;
    missing(&p.reporting_org_type, "reporting organisation type")?;
    missing(&p.code, "programme code")?;
    let today = now.date_naive();
    let reporter = if p.reporting_org.trim().is_empty() {
        &p.office
    } else {
        &p.reporting_org
    };
    let reporter = if reporter.trim().is_empty() {
        &p.reporting_org_ref
    } else {
        reporter
    };
    let stamp = now.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let reporting_org = |out: &mut String| {
        narrative_element(
            out,
            "    ",
            "reporting-org",
            &format!(
                " ref=\"{}\" type=\"{}\"",
                xml(p.reporting_org_ref.trim()),
                xml(p.reporting_org_type.trim())
            ),
            reporter,
        );
    };
    let open = |out: &mut String, hierarchy: u8| {
        out.push_str(&format!(
            "  <iati-activity last-updated-datetime=\"{stamp}\" xml:lang=\"en\" \
             hierarchy=\"{hierarchy}\">\n"
        ));
    };
    let programme_id = programme_identifier(project);
    // Without a session an activity has no date, and IATI requires one: it is left out.
    let scheduled: Vec<(&Activity, (NaiveDate, NaiveDate))> = project
        .activities
        .iter()
        .filter_map(|a| span(a).map(|s| (a, s)))
        .collect();
    let actual_start = |a: &Activity, first: NaiveDate| {
        matches!(a.status, Status::UnderWay | Status::Done) && first <= today
    };
    let actual_end =
        |a: &Activity, last: NaiveDate| matches!(a.status, Status::Done) && last <= today;

    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<iati-activities version=\"2.03\" generated-datetime=\"{stamp}\">\n"
    ));
    let unscheduled = project.activities.len() - scheduled.len();
    if unscheduled > 0 {
        out.push_str(&format!(
            "  <!-- {unscheduled} activities without a session (so without a date) are not \
             published. -->\n"
        ));
    }

    // The programme.
    open(&mut out, 1);
    out.push_str(&format!(
        "    <iati-identifier>{}</iati-identifier>\n",
        xml(&programme_id)
    ));
    reporting_org(&mut out);
    narrative_element(&mut out, "    ", "title", "", &p.title);
    let description = if p.description.trim().is_empty() {
        &p.title
    } else {
        &p.description
    };
    narrative_element(&mut out, "    ", "description", " type=\"1\"", description);
    for donor in &p.donors {
        participating_org(&mut out, "1", "", &donor.display_name());
    }
    participating_org(&mut out, "2", p.reporting_org_ref.trim(), reporter);
    if !p.office.trim().is_empty() {
        participating_org(&mut out, "4", "", &p.office);
    }
    for partner in &p.partners {
        participating_org(&mut out, "4", "", &partner.display_name());
    }
    let status = if today < p.start {
        "1"
    } else if today <= p.end {
        "2"
    } else {
        "3"
    };
    out.push_str(&format!("    <activity-status code=\"{status}\"/>\n"));
    // ActivityDateType: 1 planned start, 2 actual start, 3 planned end, 4 actual end.
    out.push_str(&format!(
        "    <activity-date type=\"1\" iso-date=\"{}\"/>\n",
        iso(p.start)
    ));
    let started = scheduled
        .iter()
        .filter(|(a, (first, _))| actual_start(a, *first))
        .map(|(_, (first, _))| *first)
        .min();
    if let Some(first) = started {
        out.push_str(&format!(
            "    <activity-date type=\"2\" iso-date=\"{}\"/>\n",
            iso(first)
        ));
    }
    out.push_str(&format!(
        "    <activity-date type=\"3\" iso-date=\"{}\"/>\n",
        iso(p.end)
    ));
    recipient_countries(
        &mut out,
        &countries(project, p.jurisdictions.iter().map(|j| j.id)),
    );
    sector_and_tags(
        &mut out,
        project,
        project.objectives.iter().flat_map(|o| &o.sdg_targets),
    );
    for (activity, _) in &scheduled {
        out.push_str(&format!(
            "    <related-activity ref=\"{}\" type=\"2\"/>\n",
            xml(&activity_identifier(project, activity))
        ));
    }
    let left_out = results(&mut out, project, today);
    if left_out > 0 {
        out.push_str(&format!(
            "    <!-- {left_out} indicators with no numeric baseline, target or latest value \
             and no period are not published. -->\n"
        ));
    }
    out.push_str("  </iati-activity>\n");

    // Each scheduled activity.
    for (activity, (first, last)) in &scheduled {
        open(&mut out, 2);
        out.push_str(&format!(
            "    <iati-identifier>{}</iati-identifier>\n",
            xml(&activity_identifier(project, activity))
        ));
        reporting_org(&mut out);
        narrative_element(&mut out, "    ", "title", "", &activity.title);
        // The schema requires a description; the kind stands in for a missing one.
        let description = if activity.description.trim().is_empty() {
            format!("{}: {}", activity.kind, activity.title)
        } else {
            activity.description.clone()
        };
        narrative_element(&mut out, "    ", "description", " type=\"1\"", &description);
        for funder in funders(project, activity) {
            participating_org(&mut out, "1", "", &funder.display_name());
        }
        participating_org(&mut out, "2", p.reporting_org_ref.trim(), reporter);
        let implementer = if activity.unit.trim().is_empty() {
            &p.office
        } else {
            &activity.unit
        };
        if !implementer.trim().is_empty() {
            participating_org(&mut out, "4", "", implementer);
        }
        for id in &activity.partners {
            if let Some(partner) = p.partners.iter().find(|o| o.id == *id) {
                participating_org(&mut out, "4", "", &partner.display_name());
            }
        }
        out.push_str(&format!(
            "    <activity-status code=\"{}\"/>\n",
            activity_status(activity.status)
        ));
        out.push_str(&format!(
            "    <activity-date type=\"1\" iso-date=\"{}\"/>\n",
            iso(*first)
        ));
        if actual_start(activity, *first) {
            out.push_str(&format!(
                "    <activity-date type=\"2\" iso-date=\"{}\"/>\n",
                iso(*first)
            ));
        }
        out.push_str(&format!(
            "    <activity-date type=\"3\" iso-date=\"{}\"/>\n",
            iso(*last)
        ));
        if actual_end(activity, *last) {
            out.push_str(&format!(
                "    <activity-date type=\"4\" iso-date=\"{}\"/>\n",
                iso(*last)
            ));
        }
        recipient_countries(
            &mut out,
            &countries(project, activity.beneficiaries.iter().copied()),
        );
        sector_and_tags(&mut out, project, activity.sdg_targets.iter());
        if let Some(budget) = &activity.budget {
            // BudgetType 1 (original), BudgetStatus 1 (indicative): a plan's figure.
            out.push_str(&format!(
                "    <budget type=\"1\" status=\"1\">\n      <period-start iso-date=\"{}\"/>\n      \
                 <period-end iso-date=\"{}\"/>\n      <value currency=\"{}\" \
                 value-date=\"{}\">{}</value>\n    </budget>\n",
                iso(*first),
                iso(*last),
                xml(budget.currency.trim()),
                iso(*first),
                budget.amount
            ));
        }
        out.push_str(&format!(
            "    <related-activity ref=\"{}\" type=\"1\"/>\n",
            xml(&programme_id)
        ));
        out.push_str("  </iati-activity>\n");
    }
    out.push_str("</iati-activities>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    fn project() -> Project {
        let mut project = crate::testing::sample();
        let p = &mut project.programme;
        p.reporting_org = "United Nations Office on Drugs and Crime".into();
        p.reporting_org_ref = "XM-DAC-41146".into();
        p.reporting_org_type = "40".into();
        p.default_sector = "15210".into();
        project
    }

    fn now() -> DateTime<Utc> {
        "2012-06-01T10:00:00Z".parse().unwrap()
    }

    #[test]
    fn shares_add_up_to_100_with_the_remainder_on_the_last() {
        assert_eq!(shares(0), Vec::<u32>::new());
        assert_eq!(shares(1), vec![100]);
        assert_eq!(shares(3), vec![33, 33, 34]);
        assert_eq!(shares(7), vec![14, 14, 14, 14, 14, 14, 16]);
        for n in 1..=40 {
            assert_eq!(shares(n).iter().sum::<u32>(), 100, "{n}");
        }
    }

    #[test]
    fn statuses_map_to_the_activity_status_codes() {
        let codes: Vec<_> = Status::ALL.iter().map(|s| activity_status(*s)).collect();
        assert_eq!(codes, ["1", "1", "1", "2", "3", "6", "5"]);
    }

    #[test]
    fn identifiers_join_the_prefix_the_code_and_the_id() {
        let mut project = project();
        assert_eq!(programme_identifier(&project), "XM-DAC-41146-SEE-RP");
        project.programme.iati_prefix = "XM-DAC-41146-RP-".into();
        assert_eq!(programme_identifier(&project), "XM-DAC-41146-RP-SEE-RP");
        let first = &project.activities[0];
        assert_eq!(
            activity_identifier(&project, first),
            format!("XM-DAC-41146-RP-SEE-RP-{}", first.id)
        );
    }

    #[test]
    fn a_missing_setting_is_named_and_nothing_is_written() {
        let mut project = project();
        project.programme.reporting_org_ref.clear();
        assert_eq!(
            to_xml(&project, now()).unwrap_err(),
            ContentError::IatiSetting("reporting organisation identifier")
        );
    }

    #[test]
    fn kosovo_is_xk_and_words_are_not_published_as_numbers() {
        let project = project();
        let text = to_xml(&project, now()).unwrap();
        assert!(text.contains("<recipient-country code=\"XK\""), "{text}");
        assert!(text.contains("<recipient-country code=\"MK\""), "{text}");
        let text = |t: &str| numeric(&t.into());
        assert_eq!(text(" 40 %").as_deref(), Some("40"));
        assert_eq!(text("all six"), None);
        assert_eq!(text("NaN"), None);
        assert_eq!(numeric(&Value::Number(4.5)).as_deref(), Some("4.5"));
        assert_eq!(numeric(&Value::Number(12.0)).as_deref(), Some("12"));
    }

    #[test]
    fn actual_dates_are_only_those_that_have_passed() {
        let mut project = project();
        let activity = project
            .activities
            .iter_mut()
            .find(|a| !a.sessions.is_empty())
            .unwrap();
        activity.status = Status::Done;
        let (first, last) = span(activity).unwrap();
        let id = activity.id;
        let before: DateTime<Utc> = format!("{}T00:00:00Z", iso(first)).parse().unwrap();
        let part = |text: &str| {
            let start = text
                .find(&format!("-SEE-RP-{id}</iati-identifier>"))
                .unwrap();
            let end = start + text[start..].find("</iati-activity>").unwrap();
            text[start..end].to_string()
        };
        let early = part(&to_xml(&project, before - chrono::Days::new(1)).unwrap());
        assert!(!early.contains("type=\"2\" iso"), "{early}");
        let late = part(&to_xml(&project, now()).unwrap());
        assert!(
            late.contains(&format!(
                "<activity-date type=\"4\" iso-date=\"{}\"",
                iso(last)
            )),
            "{late}"
        );
    }

    #[test]
    fn the_settings_survive_the_file_and_a_file_without_them_is_unchanged() {
        let sample = crate::testing::sample();
        let text = std::fs::read_to_string(crate::testing::sample_path()).unwrap();
        let saved = crate::io::save::file_text(&sample, crate::io::save::leading_comments(&text));
        assert_eq!(saved, text, "no IATI setting is written while empty");
        let mut project = project();
        project.programme.iati_prefix = "XM-DAC-41146-RP".into();
        let (fast, ron) = crate::io::write_with_both(&project);
        assert_eq!(fast.as_deref(), Some(ron.as_str()));
        assert!(ron.contains("reporting_org_ref: \"XM-DAC-41146\""), "{ron}");
        let (fast, slow) = crate::io::read_with_both(&ron);
        assert_eq!(fast.as_ref(), Some(&project));
        assert_eq!(slow.as_ref(), Some(&project));
    }

    #[test]
    fn a_jurisdiction_that_is_no_country_is_left_out_and_the_rest_share_100() {
        let mut project = project();
        let p = &mut project.programme;
        p.jurisdictions[0].name = "Brčko District".into();
        // Known by an alias only: still a country.
        p.jurisdictions[1].name = "State institutions".into();
        p.jurisdictions[1].aliases = vec!["Bosnia and Herzegovina".into()];
        let ids: Vec<Id> = p.jurisdictions.iter().map(|j| j.id).collect();
        let codes = countries(&project, ids.into_iter());
        assert_eq!(codes, ["BA", "HR", "MK", "ME", "RS", "XK"]);
        let text = to_xml(&project, now()).unwrap();
        let programme = &text[..text.find("</iati-activity>").unwrap()];
        let shares: u32 = programme
            .split("<recipient-country ")
            .skip(1)
            .map(|s| {
                let s = &s[s.find("percentage=\"").unwrap() + 12..];
                s[..s.find('"').unwrap()].parse::<u32>().unwrap()
            })
            .sum();
        assert_eq!(shares, 100);
        assert!(!programme.contains("code=\"AL\""));
    }

    #[test]
    fn control_characters_are_dropped_and_markup_is_escaped() {
        assert_eq!(xml("a\u{1}<b>&\"c\"\n"), "a&lt;b&gt;&amp;&quot;c&quot;\n");
    }
}
