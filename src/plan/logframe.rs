//! The objective tree read as a logical framework: per-node activity counts, coverage,
//! computed indicators, the text filter, and the rows of the logframe matrix.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::model::{
    Activity, ComputedIndicator, Id, Indicator, Measurement, Metric, Objective, Project, Status,
};
use crate::plan::{names, tree};

/// The level index whose nodes are the programme's pillars ("Pillar" in the default names).
pub const PILLAR_LEVEL: u8 = 2;

/// Activities by stage of work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    /// Proposed, planned or confirmed.
    pub planned: usize,
    pub under_way: usize,
    pub done: usize,
    /// Postponed or cancelled.
    pub stopped: usize,
}

impl StatusCounts {
    pub fn add(&mut self, status: Status) {
        match status {
            Status::Proposed | Status::Planned | Status::Confirmed => self.planned += 1,
            Status::UnderWay => self.under_way += 1,
            Status::Done => self.done += 1,
            Status::Postponed | Status::Cancelled => self.stopped += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.planned + self.under_way + self.done + self.stopped
    }
}

/// For each objective, the activities linked to it directly, by stage.
pub fn direct_link_counts(project: &Project) -> HashMap<Id, StatusCounts> {
    let mut counts: HashMap<Id, StatusCounts> = HashMap::new();
    for activity in &project.activities {
        for &node in &activity.objectives {
            counts.entry(node).or_default().add(activity.status);
        }
    }
    counts
}

/// The ids of `node` and everything below it.
pub fn subtree_ids(nodes: &[Objective], node: Id) -> HashSet<Id> {
    match tree::subtree_range(nodes, node) {
        Ok(range) => nodes[range].iter().map(|n| n.id).collect(),
        Err(_) => HashSet::new(),
    }
}

/// Activities linked to `node` or to any node below it, each once, in file order.
pub fn activities_under(project: &Project, node: Id) -> Vec<&Activity> {
    let ids = subtree_ids(&project.objectives, node);
    project
        .activities
        .iter()
        .filter(|a| a.objectives.iter().any(|o| ids.contains(o)))
        .collect()
}

/// How many activities would lose a link if `node` and its subtree were deleted.
pub fn activities_losing_links(project: &Project, node: Id) -> usize {
    activities_under(project, node).len()
}

/// Nodes without children and without any linked activity: work planned on paper only.
pub fn uncovered_leaves(project: &Project) -> HashSet<Id> {
    let parents: HashSet<Id> = project.objectives.iter().filter_map(|n| n.parent).collect();
    let linked: HashSet<Id> = project
        .activities
        .iter()
        .flat_map(|a| a.objectives.iter().copied())
        .collect();
    project
        .objectives
        .iter()
        .filter(|n| !parents.contains(&n.id) && !linked.contains(&n.id))
        .map(|n| n.id)
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PillarSummary {
    pub pillar: Id,
    pub title: String,
    pub counts: StatusCounts,
}

/// Per pillar, the activities linked anywhere in its branch, by stage.
pub fn pillar_summaries(project: &Project) -> Vec<PillarSummary> {
    project
        .objectives
        .iter()
        .filter(|n| n.level == PILLAR_LEVEL)
        .map(|pillar| {
            let mut counts = StatusCounts::default();
            for activity in activities_under(project, pillar.id) {
                counts.add(activity.status);
            }
            PillarSummary {
                pillar: pillar.id,
                title: pillar.title.clone(),
                counts,
            }
        })
        .collect()
}

/// The value of a computed indicator on `node`, from the done activities of its branch, as
/// the matrix writes it (`40%` for a share of women). `None` when no activity gives data for it.
pub fn computed_value(project: &Project, node: Id, rule: &ComputedIndicator) -> Option<String> {
    let n = computed_number(project, node, rule, None)?;
    Some(match rule.metric {
        Metric::WomenShare => format!("{n}%"),
        _ => n.to_string(),
    })
}

/// What a computed indicator counts, as a menu or a sentence names it.
pub fn metric_label(metric: Metric) -> &'static str {
    match metric {
        Metric::ActivitiesDone => "activities done",
        Metric::Participants => "participants",
        Metric::WomenShare => "share of women",
    }
}

/// The rule of a computed indicator in words, for the tooltip of a counted value:
/// "Counted from the activities: participants of done activities of kind training,
/// ended from 2009-01-01, each period by the day its last session ended".
pub fn rule_text(rule: &ComputedIndicator) -> String {
    let mut text = match rule.metric {
        Metric::ActivitiesDone => "Counted from the activities: activities done".to_owned(),
        m => format!(
            "Counted from the activities: {} of done activities",
            metric_label(m)
        ),
    };
    if !rule.kind.trim().is_empty() {
        text.push_str(&format!(" of kind {}", rule.kind.trim()));
    }
    match (rule.from, rule.to) {
        (Some(from), Some(to)) => text.push_str(&format!(", ended {from} to {to}")),
        (Some(from), None) => text.push_str(&format!(", ended from {from}")),
        (None, Some(to)) => text.push_str(&format!(", ended by {to}")),
        (None, None) => {}
    }
    text.push_str(
        ", under this branch; each in the period its last session ended in (not typed: \
         change the rule under Counts)",
    );
    text
}

/// The number a computed indicator on `node` comes to, from the done activities of its branch
/// of the rule's kind whose last session day falls within the rule's dates and `within` (a
/// period's first and last day, both counted). `None` when no activity gives data for it; the
/// count of activities done is 0 rather than `None`, for a caller to judge whether nothing
/// done yet means no data.
pub fn computed_number(
    project: &Project,
    node: Id,
    rule: &ComputedIndicator,
    within: Option<(NaiveDate, NaiveDate)>,
) -> Option<f64> {
    let counted: Vec<&Activity> = activities_under(project, node)
        .into_iter()
        .filter(|a| a.status == Status::Done)
        .filter(|a| rule.kind.is_empty() || a.kind == rule.kind)
        .filter(|a| {
            if rule.from.is_none() && rule.to.is_none() && within.is_none() {
                return true;
            }
            let Some(last) = a.sessions.iter().map(|s| s.last_day()).max() else {
                return false;
            };
            rule.from.is_none_or(|from| last >= from)
                && rule.to.is_none_or(|to| last <= to)
                && within.is_none_or(|(first, end)| first <= last && last <= end)
        })
        .collect();
    match rule.metric {
        Metric::ActivitiesDone => Some(counted.len() as f64),
        Metric::Participants => {
            let known: Vec<u32> = counted
                .iter()
                .filter_map(|a| a.participants.actual)
                .collect();
            (!known.is_empty()).then(|| known.iter().map(|&n| u64::from(n)).sum::<u64>() as f64)
        }
        Metric::WomenShare => {
            let (women, total) = counted.iter().fold((0u64, 0u64), |(w, t), a| {
                let p = &a.participants;
                match (p.women, p.actual.or(p.women.zip(p.men).map(|(w, m)| w + m))) {
                    (Some(women), Some(total)) if total > 0 => {
                        (w + u64::from(women), t + u64::from(total))
                    }
                    _ => (w, t),
                }
            });
            // Whole percents, as the matrix has always shown them.
            (total > 0).then(|| ((women * 100 + total / 2) / total) as f64)
        }
    }
}

/// Nodes to show for a text filter: those whose title or description contains the text's
/// words (folded alike by `names::fold`, so case and accents do not matter) or whose outline
/// code starts with the text, and their ancestors so that each match is shown in place.
pub fn filter_visible(
    nodes: &[Objective],
    codes: &HashMap<Id, String>,
    query: &str,
) -> HashSet<Id> {
    let code_query = query.trim().to_lowercase();
    // "1.2" is a code: folded to the words "1" and "2" it would match any text with both digits.
    let is_code =
        code_query.contains('.') && code_query.chars().all(|c| c.is_ascii_digit() || c == '.');
    let query = if is_code {
        String::new()
    } else {
        names::fold(query)
    };
    if query.is_empty() && code_query.is_empty() {
        return nodes.iter().map(|n| n.id).collect();
    }
    let parent: HashMap<Id, Option<Id>> = nodes.iter().map(|n| (n.id, n.parent)).collect();
    let mut visible = HashSet::new();
    for node in nodes {
        let matches = !query.is_empty()
            && (names::contains_words(&names::fold(&node.title), &query)
                || names::contains_words(&names::fold(&node.description), &query))
            || codes
                .get(&node.id)
                .is_some_and(|c| c.starts_with(&code_query));
        if matches {
            let mut current = Some(node.id);
            while let Some(id) = current {
                if !visible.insert(id) {
                    break;
                }
                current = parent.get(&id).copied().flatten();
            }
        }
    }
    visible
}

/// One indicator as the matrix shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorCell {
    pub text: String,
    /// "0 (2009-09-30) → 7 (2011-12-31)"
    pub baseline_to_target: String,
    /// "5 (2010-03-25)", or the computed value with "computed from the workplan".
    pub latest: String,
    pub computed: bool,
    pub verification: String,
}

/// One row of the logframe matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixRow {
    pub id: Id,
    pub code: String,
    pub depth: usize,
    pub level: String,
    pub title: String,
    pub description: String,
    pub sdg_targets: Vec<String>,
    pub indicators: Vec<IndicatorCell>,
    pub assumptions: String,
    pub risks: String,
    pub uncovered: bool,
    /// The activities linked to this node itself, one line each: title, dates and status.
    pub activities: Vec<String>,
}

/// One activity as the matrix lists it under its objective.
pub fn activity_line(activity: &Activity) -> String {
    let when = match crate::plan::workplan::span(activity) {
        Some((first, last)) if first == last => first.to_string(),
        Some((first, last)) => format!("{first} – {last}"),
        None => "no date yet".into(),
    };
    format!("{} ({when}, {})", activity.title, activity.status.label())
}

fn measurement(m: &Option<Measurement>, unit: &str) -> String {
    match m {
        None => "—".into(),
        Some(m) => {
            let mut text = m.value.to_string();
            if !unit.is_empty() && !m.value.is_empty() {
                text.push(' ');
                text.push_str(unit);
            }
            if let Some(date) = m.date {
                text.push_str(&format!(" ({date})"));
            }
            text
        }
    }
}

/// The actual of the indicator's latest period that has one, dated by when it was measured or
/// else by its period: "6 jurisdictions (2011-12-20)"; "—" when no period has an actual.
fn latest_period_actual(indicator: &Indicator) -> String {
    let latest = indicator
        .periods
        .iter()
        .filter_map(|p| Some((p.period, p.actual.as_ref().filter(|a| !a.value.is_empty())?)))
        .max_by_key(|(period, _)| *period);
    let Some((period, actual)) = latest else {
        return "—".into();
    };
    let mut text = measurement(
        &Some(Measurement {
            value: actual.value.clone(),
            date: None,
        }),
        &indicator.unit,
    );
    match actual.date {
        Some(date) => text.push_str(&format!(" ({date})")),
        None => text.push_str(&format!(" ({period})")),
    }
    text
}

fn indicator_cell(project: &Project, node: Id, indicator: &Indicator) -> IndicatorCell {
    let (latest, computed) = match &indicator.computed {
        Some(rule) => (
            computed_value(project, node, rule)
                .map(|v| format!("{v} (computed from the workplan)"))
                .unwrap_or_else(|| "no data yet (computed from the workplan)".into()),
            true,
        ),
        None if indicator.latest.is_some() => {
            (measurement(&indicator.latest, &indicator.unit), false)
        }
        // Tracked per period with no latest value typed: the latest period's actual is the
        // latest value, so the matrix does not say "—" beside a table of actuals.
        None => (latest_period_actual(indicator), false),
    };
    IndicatorCell {
        text: indicator.text.clone(),
        baseline_to_target: format!(
            "{} → {}",
            measurement(&indicator.baseline, &indicator.unit),
            measurement(&indicator.target, &indicator.unit)
        ),
        latest,
        computed,
        verification: indicator.verification.clone(),
    }
}

/// The matrix: one row per node in outline order, only the branch of `pillar` if given.
pub fn matrix_rows(project: &Project, pillar: Option<Id>) -> Vec<MatrixRow> {
    let nodes = &project.objectives;
    let codes = tree::outline_codes(nodes);
    let depths = tree::depths(nodes);
    let uncovered = uncovered_leaves(project);
    let keep = pillar.map(|p| subtree_ids(nodes, p));
    let mut linked: HashMap<Id, Vec<String>> = HashMap::new();
    for activity in &project.activities {
        for objective in &activity.objectives {
            linked
                .entry(*objective)
                .or_default()
                .push(activity_line(activity));
        }
    }
    nodes
        .iter()
        .filter(|n| keep.as_ref().is_none_or(|k| k.contains(&n.id)))
        .map(|n| MatrixRow {
            id: n.id,
            code: codes[&n.id].clone(),
            depth: depths[&n.id],
            level: project
                .settings
                .level_names
                .get(usize::from(n.level))
                .cloned()
                .unwrap_or_default(),
            title: n.title.clone(),
            description: n.description.clone(),
            sdg_targets: n.sdg_targets.clone(),
            indicators: n
                .indicators
                .iter()
                .map(|i| indicator_cell(project, n.id, i))
                .collect(),
            assumptions: n.assumptions.clone(),
            risks: n.risks.clone(),
            uncovered: uncovered.contains(&n.id),
            activities: linked.remove(&n.id).unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_indicator_tracked_per_period_has_its_latest_actual_as_latest() {
        use crate::model::{Actual, IndicatorPeriod, Period, Value};
        let mut indicator = Indicator {
            id: Id(2),
            text: "Jurisdictions".into(),
            unit: "jurisdictions".into(),
            baseline: None,
            target: None,
            latest: None,
            verification: String::new(),
            computed: None,
            periods: Vec::new(),
        };
        assert_eq!(latest_period_actual(&indicator), "—");
        let period = |year: i32, v: Option<f64>, date: Option<NaiveDate>| IndicatorPeriod {
            period: Period::Year(year),
            target: Some(Value::Number(9.0)),
            actual: v.map(|v| Actual {
                value: Value::Number(v),
                date,
                source: String::new(),
                comment: String::new(),
            }),
            breakdowns: Vec::new(),
        };
        // Out of order, and the latest period without an actual yet.
        indicator.periods = vec![
            period(2010, Some(5.0), NaiveDate::from_ymd_opt(2010, 12, 20)),
            period(2011, None, None),
            period(2009, Some(3.0), None),
        ];
        assert_eq!(
            latest_period_actual(&indicator),
            "5 jurisdictions (2010-12-20)"
        );
        indicator.periods[1] = period(2011, Some(6.0), None);
        assert_eq!(latest_period_actual(&indicator), "6 jurisdictions (2011)");
    }

    #[test]
    fn a_rule_reads_as_a_sentence() {
        let mut rule = ComputedIndicator {
            metric: Metric::Participants,
            kind: "Training".into(),
            from: NaiveDate::from_ymd_opt(2009, 1, 1),
            to: None,
        };
        let text = rule_text(&rule);
        assert!(
            text.starts_with(
                "Counted from the activities: participants of done activities of kind Training, \
                 ended from 2009-01-01"
            ),
            "{text}"
        );
        rule.metric = Metric::ActivitiesDone;
        rule.kind.clear();
        rule.from = None;
        assert!(
            rule_text(&rule).starts_with("Counted from the activities: activities done, under")
        );
    }
    use crate::model::{Participants, Session};
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn activity(
        id: u64,
        status: Status,
        nodes: &[u64],
        last_day: NaiveDate,
        actual: u32,
        women: u32,
    ) -> Activity {
        Activity {
            id: Id(id),
            title: format!("a{id}"),
            kind: "Training".into(),
            status,
            description: String::new(),
            sessions: vec![Session {
                id: Id(id + 1000),
                start: last_day,
                end: None,
                precision: Default::default(),
                place: Default::default(),
            }],
            beneficiaries: vec![],
            unit: String::new(),
            partners: vec![],
            budget: None,
            funding: vec![],
            participants: Participants {
                planned: None,
                actual: Some(actual),
                women: Some(women),
                men: None,
            },
            officers: Vec::new(),
            sdg_targets: vec![],
            objectives: nodes.iter().map(|&n| Id(n)).collect(),
            predecessors: vec![],
            notes: String::new(),
            milestone: false,
        }
    }

    /// Pillar 1 with areas 2 and 3; pillar 4 alone.
    fn project() -> Project {
        let mut p = Project::new(date(2009, 1, 1));
        p.objectives = vec![
            Objective::new(Id(1), None, 2, "Organised crime"),
            Objective::new(Id(2), Some(Id(1)), 3, "Forensics"),
            Objective::new(Id(3), Some(Id(1)), 3, "Border control"),
            Objective::new(Id(4), None, 2, "Justice"),
        ];
        p.activities = vec![
            activity(10, Status::Done, &[2], date(2009, 11, 20), 30, 12),
            activity(11, Status::Done, &[2, 1], date(2010, 3, 1), 20, 8),
            activity(12, Status::Planned, &[2], date(2010, 6, 1), 0, 0),
            activity(13, Status::UnderWay, &[4], date(2010, 6, 1), 0, 0),
        ];
        p.next_id = 2000;
        p
    }

    #[test]
    fn pillars_count_their_whole_branch_once() {
        let s = pillar_summaries(&project());
        assert_eq!(
            s[0].counts,
            StatusCounts {
                planned: 1,
                under_way: 0,
                done: 2,
                stopped: 0
            }
        );
        assert_eq!(s[1].counts.under_way, 1);
    }

    #[test]
    fn leaves_without_activities_are_flagged() {
        let uncovered = uncovered_leaves(&project());
        assert_eq!(uncovered, HashSet::from([Id(3)]));
    }

    #[test]
    fn computed_indicators_follow_the_workplan() {
        let p = project();
        let rule = |metric, from, to| ComputedIndicator {
            metric,
            kind: String::new(),
            from,
            to,
        };
        assert_eq!(
            computed_value(&p, Id(1), &rule(Metric::ActivitiesDone, None, None)),
            Some("2".into())
        );
        assert_eq!(
            computed_value(&p, Id(1), &rule(Metric::Participants, None, None)),
            Some("50".into())
        );
        assert_eq!(
            computed_value(&p, Id(1), &rule(Metric::WomenShare, None, None)),
            Some("40%".into())
        );
        let in_2009 = rule(
            Metric::ActivitiesDone,
            Some(date(2009, 1, 1)),
            Some(date(2009, 12, 31)),
        );
        assert_eq!(computed_value(&p, Id(1), &in_2009), Some("1".into()));
        let conferences = ComputedIndicator {
            kind: "Conference".into(),
            ..rule(Metric::Participants, None, None)
        };
        assert_eq!(computed_value(&p, Id(1), &conferences), None);
    }

    #[test]
    fn the_filter_keeps_ancestors_of_matches() {
        let p = project();
        let codes = tree::outline_codes(&p.objectives);
        assert_eq!(
            filter_visible(&p.objectives, &codes, "forens"),
            HashSet::from([Id(1), Id(2)])
        );
        assert_eq!(
            filter_visible(&p.objectives, &codes, "1.2"),
            HashSet::from([Id(1), Id(3)])
        );
        assert_eq!(filter_visible(&p.objectives, &codes, " ").len(), 4);
    }

    #[test]
    fn the_filter_ignores_case_accents_and_letters_that_do_not_decompose() {
        let mut p = project();
        p.objectives[1].title = "Forensics in Đakovica".into();
        p.objectives[2].description = "Crossings near Babić Polje".into();
        let codes = tree::outline_codes(&p.objectives);
        let filter = |q| filter_visible(&p.objectives, &codes, q);
        assert_eq!(filter("dakovica"), HashSet::from([Id(1), Id(2)]));
        assert_eq!(filter("FORENSICS, đakovica"), HashSet::from([Id(1), Id(2)]));
        assert_eq!(filter("babic polje"), HashSet::from([Id(1), Id(3)]));
        assert!(
            filter("babic dakovica").is_empty(),
            "every word in one text"
        );
    }

    #[test]
    fn matrix_rows_follow_outline_and_pillar_filter() {
        let p = project();
        let rows = matrix_rows(&p, Some(Id(1)));
        assert_eq!(
            rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
            ["1", "1.1", "1.2"]
        );
        assert!(rows[2].uncovered);
        assert_eq!(rows[0].level, "Pillar");
        assert_eq!(activities_losing_links(&p, Id(1)), 3);
    }

    #[test]
    fn matrix_rows_list_direct_activities_and_show_frozen_codes() {
        let mut p = project();
        let rows = matrix_rows(&p, None);
        assert_eq!(rows[1].activities.len(), 3, "Forensics: a10, a11, a12");
        assert_eq!(rows[1].activities[0], "a10 (2009-11-20, Done)");
        assert_eq!(rows[0].activities, ["a11 (2010-03-01, Done)"]);
        assert!(rows[2].activities.is_empty());
        // Frozen, then Border control moved before Forensics: the matrix keeps its code.
        p.objectives = tree::freeze_codes(&p.objectives);
        p.objectives = tree::move_up(&p.objectives, Id(3), 5).unwrap();
        let rows = matrix_rows(&p, None);
        assert_eq!((rows[1].id, rows[1].code.as_str()), (Id(3), "1.2"));
    }
}
