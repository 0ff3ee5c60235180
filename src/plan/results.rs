//! The results of the programme: indicator values as numbers. Values typed before they were
//! typed as numbers are text; `numbers_from_text` turns the ones that are plainly numbers into
//! numbers when a file moves to the format that stores them.

use chrono::{Datelike, NaiveDate};

use crate::model::{
    Breakdown, Id, Indicator, IndicatorPeriod, Measurement, Metric, Objective, Period, Project,
    ResultThresholds, Value,
};
use crate::plan::logframe;

/// How an indicator stands against its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    OnTrack,
    AtRisk,
    OffTrack,
    /// No numeric target or actual to compare.
    NoData,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::OnTrack => "on track",
            Status::AtRisk => "at risk",
            Status::OffTrack => "off track",
            Status::NoData => "no data",
        }
    }
}

/// Percent of the way from `baseline` (0 when unknown) to `target` that `actual` has come;
/// `None` when the target equals the baseline (nothing to progress towards).
pub fn percent(baseline: Option<f64>, target: f64, actual: f64) -> Option<f64> {
    let from = baseline.unwrap_or(0.0);
    let span = target - from;
    (span != 0.0).then(|| (actual - from) / span * 100.0)
}

/// The status a percent of the target reached earns by the programme's thresholds.
pub fn status(percent: Option<f64>, thresholds: &ResultThresholds) -> Status {
    match percent {
        None => Status::NoData,
        Some(p) if p >= thresholds.on_track => Status::OnTrack,
        Some(p) if p >= thresholds.at_risk => Status::AtRisk,
        Some(_) => Status::OffTrack,
    }
}

/// One period's entered target against its entered actual (a period's target counts from
/// zero: it is what the period should deliver); `period_rows` reads periods through it.
fn period_progress(
    period: &IndicatorPeriod,
    thresholds: &ResultThresholds,
) -> (Option<f64>, Status) {
    let target = period.target.as_ref().and_then(Value::number);
    let actual = period.actual.as_ref().and_then(|a| a.value.number());
    let p = match (target, actual) {
        (Some(t), Some(a)) => percent(None, t, a),
        _ => None,
    };
    (p, status(p, thresholds))
}

fn number(m: &Option<Measurement>) -> Option<f64> {
    m.as_ref().and_then(|m| m.value.number())
}

/// `actual` from the indicator's baseline to its life-of-programme target.
fn progress_to_target(
    indicator: &Indicator,
    actual: Option<f64>,
    thresholds: &ResultThresholds,
) -> (Option<f64>, Status) {
    let p = match (number(&indicator.target), actual) {
        (Some(t), Some(a)) => percent(number(&indicator.baseline), t, a),
        _ => None,
    };
    (p, status(p, thresholds))
}

/// The first and last day of a period; `None` for a year no calendar date has.
pub fn period_days(period: Period) -> Option<(NaiveDate, NaiveDate)> {
    let (year, first_month, last_month) = match period {
        Period::Year(y) => (y, 1, 12),
        Period::Quarter(y, q) => {
            let first = u32::from(q.clamp(1, 4)) * 3 - 2;
            (y, first, first + 2)
        }
    };
    let first = NaiveDate::from_ymd_opt(year, first_month, 1)?;
    let after = match last_month {
        12 => NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?,
        m => NaiveDate::from_ymd_opt(year, m + 1, 1)?,
    };
    Some((first, after.pred_opt()?))
}

/// One period of an indicator as the results table, the exports and the committee read it.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodRow {
    pub period: Period,
    pub target: Option<Value>,
    /// The actual entered, or the one computed from the workplan.
    pub actual: Option<Value>,
    /// When the entered actual was measured; the period's last day for a computed one that
    /// is over.
    pub date: Option<NaiveDate>,
    pub source: String,
    pub comment: String,
    /// The actual comes from the activities, not from what was typed.
    pub computed: bool,
    /// The actual against the period's target (a period's target counts from zero).
    pub percent: Option<f64>,
    pub status: Status,
    pub breakdowns: Vec<Breakdown>,
}

/// Every period of an indicator on `node`, in time order, with target, actual, percent and
/// status: the one reading of results that the window, the exports and the committee share.
/// A computed indicator's actuals come from the workplan, per period its entered periods name
/// and per year in which a counted activity ended (entered actuals on it are not read); a
/// period not over by `as_of` with nothing done in it has no actual yet rather than 0.
pub fn period_rows(
    project: &Project,
    node: Id,
    indicator: &Indicator,
    as_of: NaiveDate,
) -> Vec<PeriodRow> {
    let thresholds = &project.settings.results;
    let mut rows: Vec<PeriodRow> = indicator
        .periods
        .iter()
        .map(|p| {
            let (percent, status) = period_progress(p, thresholds);
            let actual = p.actual.as_ref();
            PeriodRow {
                period: p.period,
                target: p.target.clone(),
                actual: actual.map(|a| a.value.clone()),
                date: actual.and_then(|a| a.date),
                source: actual.map(|a| a.source.clone()).unwrap_or_default(),
                comment: actual.map(|a| a.comment.clone()).unwrap_or_default(),
                computed: false,
                percent,
                status,
                breakdowns: p.breakdowns.clone(),
            }
        })
        .collect();
    if let Some(rule) = &indicator.computed {
        // Years in which something counted ended, that no entered period covers.
        let years: std::collections::BTreeSet<i32> = logframe::activities_under(project, node)
            .iter()
            .filter_map(|a| a.sessions.iter().map(|s| s.last_day()).max())
            .map(|last| last.year())
            .collect();
        for year in years {
            let covered = rows.iter().any(|r| match r.period {
                Period::Year(y) | Period::Quarter(y, _) => y == year,
            });
            let counted = !covered
                && period_days(Period::Year(year))
                    .and_then(|d| logframe::computed_number(project, node, rule, Some(d)))
                    .is_some_and(|n| n > 0.0);
            if counted {
                rows.push(PeriodRow {
                    period: Period::Year(year),
                    target: None,
                    actual: None,
                    date: None,
                    source: String::new(),
                    comment: String::new(),
                    computed: true,
                    percent: None,
                    status: Status::NoData,
                    breakdowns: Vec::new(),
                });
            }
        }
        for row in &mut rows {
            let days = period_days(row.period);
            let value = days
                .and_then(|d| logframe::computed_number(project, node, rule, Some(d)))
                .filter(|&n| {
                    // Nothing done in a period still running is not yet a result.
                    rule.metric != Metric::ActivitiesDone
                        || n > 0.0
                        || days.is_some_and(|(_, last)| last < as_of)
                });
            row.actual = value.map(Value::Number);
            row.date = value.and(days).map(|(_, last)| last).filter(|&d| d < as_of);
            row.source = if value.is_some() {
                "computed from the workplan".into()
            } else {
                String::new()
            };
            row.comment = String::new();
            row.computed = true;
            let target = row.target.as_ref().and_then(Value::number);
            row.percent = target.zip(value).and_then(|(t, a)| percent(None, t, a));
            row.status = status(row.percent, thresholds);
        }
    }
    rows.sort_by_key(|r| r.period);
    rows
}

/// An indicator as a whole, as of a day.
#[derive(Clone, Debug, PartialEq)]
pub struct Overall {
    /// The latest actual known by then: the latest period's that began by `as_of` (else the
    /// indicator's `latest`), or the computed value of what was done by then.
    pub actual: Option<Value>,
    pub percent: Option<f64>,
    pub status: Status,
}

/// The latest actual of an indicator on `node` against its life-of-programme target, from the
/// baseline, counting only what had begun (periods) or ended (activities) by `as_of`.
pub fn overall(project: &Project, node: Id, indicator: &Indicator, as_of: NaiveDate) -> Overall {
    let thresholds = &project.settings.results;
    let actual = match &indicator.computed {
        Some(rule) => {
            let upto = (NaiveDate::MIN, as_of);
            logframe::computed_number(project, node, rule, Some(upto)).map(Value::Number)
        }
        None => period_rows(project, node, indicator, as_of)
            .into_iter()
            .rev()
            .filter(|r| known_by(r, as_of))
            .find_map(|r| r.actual.filter(|v| !v.is_empty()))
            .or_else(|| indicator.latest.as_ref().map(|m| m.value.clone())),
    };
    let (percent, status) = progress_to_target(
        indicator,
        actual.as_ref().and_then(Value::number),
        thresholds,
    );
    Overall {
        actual,
        percent,
        status,
    }
}

/// Whether a period's actual was known on a day: measured by then, or (undated) in a period
/// that had begun.
fn known_by(row: &PeriodRow, as_of: NaiveDate) -> bool {
    match row.date {
        Some(day) => day <= as_of,
        None => period_days(row.period).is_some_and(|(first, _)| first <= as_of),
    }
}

/// How an indicator stands on a day: the status of its latest period whose actual was known
/// by then against that period's target, else (no such period) its overall status. Early in
/// a programme this says whether the year is on course, where the overall status would only
/// say that the life-of-programme target is still far.
pub fn current_status(
    project: &Project,
    node: Id,
    indicator: &Indicator,
    as_of: NaiveDate,
) -> Status {
    period_rows(project, node, indicator, as_of)
        .into_iter()
        .rev()
        .filter(|r| r.actual.is_some() && r.status != Status::NoData && known_by(r, as_of))
        .map(|r| r.status)
        .next()
        .unwrap_or_else(|| overall(project, node, indicator, as_of).status)
}

/// How many indicators stand where, for a line such as "3 on track, 1 at risk, 1 without data".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusTally {
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub no_data: usize,
}

impl StatusTally {
    pub fn add(&mut self, status: Status) {
        match status {
            Status::OnTrack => self.on_track += 1,
            Status::AtRisk => self.at_risk += 1,
            Status::OffTrack => self.off_track += 1,
            Status::NoData => self.no_data += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.on_track + self.at_risk + self.off_track + self.no_data
    }

    /// "3 on track, 1 at risk, 1 without data"; empty when there is no indicator.
    pub fn text(&self) -> String {
        let parts: Vec<String> = [
            (self.on_track, "on track"),
            (self.at_risk, "at risk"),
            (self.off_track, "off track"),
            (self.no_data, "without data"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, label)| format!("{n} {label}"))
        .collect();
        parts.join(", ")
    }
}

/// The current status (`current_status`) of every indicator on `node` and the nodes below
/// it, on a day.
pub fn tally_under(project: &Project, node: Id, as_of: NaiveDate) -> StatusTally {
    let ids = logframe::subtree_ids(&project.objectives, node);
    let mut tally = StatusTally::default();
    for objective in project.objectives.iter().filter(|o| ids.contains(&o.id)) {
        for indicator in &objective.indicators {
            tally.add(current_status(project, objective.id, indicator, as_of));
        }
    }
    tally
}

/// Breakdowns of a period whose numeric actuals of one dimension do not add up to the
/// period's actual: (dimension, sum of its categories, the period's actual).
pub fn breakdown_mismatches(period: &IndicatorPeriod) -> Vec<(String, f64, f64)> {
    let Some(total) = period.actual.as_ref().and_then(|a| a.value.number()) else {
        return Vec::new();
    };
    let mut sums: Vec<(String, f64)> = Vec::new();
    for b in &period.breakdowns {
        let Some(v) = b.actual.as_ref().and_then(Value::number) else {
            continue;
        };
        match sums.iter_mut().find(|(d, _)| *d == b.dimension) {
            Some((_, sum)) => *sum += v,
            None => sums.push((b.dimension.clone(), v)),
        }
    }
    sums.into_iter()
        .filter(|(_, sum)| (sum - total).abs() > 1e-9 * total.abs().max(1.0))
        .map(|(d, sum)| (d, sum, total))
        .collect()
}

/// A number as people write one in a results table: `12`, `-3`, `4.5`, `1,200`, `12,345.5`,
/// with or without a percent sign after it (`35 %`, `35%`). Returns the number and whether it
/// carried a percent sign. Anything else (`about 12`, `12-15`, `n/a`, `1,2`, `007`) is not a
/// number: the text stays as it was written.
pub fn parse_number(text: &str) -> Option<(f64, bool)> {
    let text = text.trim();
    let (text, percent) = match text.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (text, false),
    };
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    // Thousands separators only in groups of three, so "1,2" (a decimal comma?) is not guessed.
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !digits(first) || first.len() > 1 && first.starts_with('0') {
        return None;
    }
    let mut plain = first.to_string();
    for group in groups {
        if group.len() != 3 || !digits(group) || first.len() > 3 {
            return None;
        }
        plain.push_str(group);
    }
    let mut number = plain;
    if let Some(fraction) = fraction {
        number.push('.');
        number.push_str(fraction);
    }
    let value: f64 = number.parse().ok().filter(|v: &f64| v.is_finite())?;
    Some((if text.starts_with('-') { -value } else { value }, percent))
}

/// What a value field holds once typed: a number when the text is a plain number (a percent
/// sign or other words keep it text, so nothing typed is dropped).
pub fn typed_value(text: &str) -> Value {
    match parse_number(text) {
        Some((n, false)) => Value::Number(n),
        _ => Value::Text(text.to_string()),
    }
}

/// Whether a unit already says the values are percentages.
fn is_percent_unit(unit: &str) -> bool {
    let unit = unit.trim().to_lowercase();
    unit == "%" || unit.contains("percent")
}

/// Turns text values that are numbers into numbers, in every indicator of the project: a
/// percent sign moves into the unit when the unit is empty (or is dropped when the unit already
/// says percent); a value with a percent sign under another unit, and anything that is not
/// plainly a number, stays text. Pure, for the step that moves a file to typed values.
pub fn numbers_from_text(project: &mut Project) {
    for objective in &mut project.objectives {
        for indicator in &mut objective.indicators {
            indicator_numbers_from_text(indicator);
        }
    }
}

fn indicator_numbers_from_text(indicator: &mut Indicator) {
    let Indicator {
        unit,
        baseline,
        target,
        latest,
        ..
    } = indicator;
    for m in [baseline, target, latest].into_iter().flatten() {
        let Measurement { value, .. } = m;
        let Value::Text(text) = value else { continue };
        let Some((n, percent)) = parse_number(text) else {
            continue;
        };
        if percent {
            if unit.trim().is_empty() {
                *unit = "%".to_string();
            } else if !is_percent_unit(unit) {
                continue;
            }
        }
        *value = Value::Number(n);
    }
}

/// The first year from `from` on that the indicator has no period for: the default of the
/// window's "Add year".
pub fn next_free_year(indicator: &Indicator, from: i32) -> i32 {
    (from..)
        .find(|y| {
            !indicator
                .periods
                .iter()
                .any(|p| p.period == Period::Year(*y))
        })
        .unwrap_or(from)
}

/// The first quarter from `from` on that the indicator has no period for.
pub fn next_free_quarter(indicator: &Indicator, from: Period) -> Period {
    let (mut year, mut quarter) = match from {
        Period::Year(y) => (y, 1),
        Period::Quarter(y, q) => (y, q.clamp(1, 4)),
    };
    while indicator
        .periods
        .iter()
        .any(|p| p.period == Period::Quarter(year, quarter))
    {
        (year, quarter) = if quarter == 4 {
            (year + 1, 1)
        } else {
            (year, quarter + 1)
        };
    }
    Period::Quarter(year, quarter)
}

/// How an objective stands on a day: the worst current status (`current_status`) among its
/// indicators with data (one indicator off track is what a reader must see), else no data.
pub fn objective_status(project: &Project, objective: &Objective, as_of: NaiveDate) -> Status {
    let rank = |s: Status| match s {
        Status::OffTrack => 0,
        Status::AtRisk => 1,
        Status::OnTrack => 2,
        Status::NoData => 3,
    };
    objective
        .indicators
        .iter()
        .map(|i| current_status(project, objective.id, i, as_of))
        .min_by_key(|s| rank(*s))
        .unwrap_or(Status::NoData)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Id, Objective, Project};

    use crate::model::{Actual, Breakdown, Period};

    fn period(target: Option<f64>, actual: Option<f64>) -> IndicatorPeriod {
        IndicatorPeriod {
            period: Period::Year(2010),
            target: target.map(Value::Number),
            actual: actual.map(|v| Actual {
                value: Value::Number(v),
                date: None,
                source: String::new(),
                comment: String::new(),
            }),
            breakdowns: Vec::new(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Pillar 1 with area 2; three activities under the area, two of them done.
    fn workplan_project(indicator: Indicator) -> Project {
        use crate::model::{Activity, Participants, Session, Status as Stage};
        let mut p = Project::new(day(2009, 1, 1));
        let mut pillar = Objective::new(Id(1), None, 2, "Organised crime");
        pillar.indicators.push(indicator);
        p.objectives = vec![pillar, Objective::new(Id(2), Some(Id(1)), 3, "Forensics")];
        let activity = |id: u64, stage, last: NaiveDate, actual, women| Activity {
            id: Id(id),
            title: format!("a{id}"),
            kind: "Training".into(),
            status: stage,
            description: String::new(),
            sessions: vec![Session {
                id: Id(id + 1000),
                start: last,
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
            objectives: vec![Id(2)],
            predecessors: vec![],
            notes: String::new(),
            milestone: false,
        };
        p.activities = vec![
            activity(10, Stage::Done, day(2009, 11, 20), 30, 12),
            activity(11, Stage::Done, day(2010, 3, 1), 20, 8),
            activity(12, Stage::Planned, day(2010, 6, 1), 0, 0),
        ];
        p.next_id = 2000;
        p
    }

    fn indicator(computed: Option<Metric>, periods: Vec<IndicatorPeriod>) -> Indicator {
        let m = |v: f64| {
            Some(Measurement {
                value: Value::Number(v),
                date: None,
            })
        };
        Indicator {
            id: Id(5),
            text: "Trainings held".into(),
            unit: String::new(),
            baseline: m(0.0),
            target: m(4.0),
            latest: None,
            verification: String::new(),
            computed: computed.map(|metric| crate::model::ComputedIndicator {
                metric,
                kind: String::new(),
                from: None,
                to: None,
            }),
            periods,
        }
    }

    fn targets(years: &[(i32, f64)]) -> Vec<IndicatorPeriod> {
        years
            .iter()
            .map(|&(y, t)| IndicatorPeriod {
                period: Period::Year(y),
                ..period(Some(t), None)
            })
            .collect()
    }

    fn summary(rows: &[PeriodRow]) -> Vec<(String, Option<f64>, Status)> {
        rows.iter()
            .map(|r| {
                let actual = r.actual.as_ref().and_then(Value::number);
                (r.period.to_string(), actual, r.status)
            })
            .collect()
    }

    #[test]
    fn a_computed_indicator_counts_per_period_and_waits_for_periods_under_way() {
        let periods = targets(&[(2011, 1.0), (2009, 2.0), (2010, 1.0)]);
        let p = workplan_project(indicator(Some(Metric::ActivitiesDone), periods));
        let i = &p.objectives[0].indicators[0];
        let rows = period_rows(&p, Id(1), i, day(2010, 7, 1));
        assert_eq!(
            summary(&rows),
            vec![
                ("2009".into(), Some(1.0), Status::OffTrack),
                ("2010".into(), Some(1.0), Status::OnTrack),
                // 2011 has not begun: nothing done in it is no data yet, not 0.
                ("2011".into(), None, Status::NoData),
            ]
        );
        assert_eq!(rows[0].percent, Some(50.0));
        assert!(rows.iter().all(|r| r.computed));
        assert_eq!(rows[0].date, Some(day(2009, 12, 31)));
        assert_eq!(rows[1].date, None, "2010 is still running");
        let later = period_rows(&p, Id(1), i, day(2012, 1, 15));
        assert_eq!(later[2].actual, Some(Value::Number(0.0)));
        assert_eq!(later[2].status, Status::OffTrack);
        // Overall: what was done by the day, from the baseline 0 to the target 4.
        let o = overall(&p, Id(1), i, day(2009, 12, 31));
        assert_eq!(
            (o.actual, o.percent),
            (Some(Value::Number(1.0)), Some(25.0))
        );
        assert_eq!(overall(&p, Id(1), i, day(2012, 1, 1)).percent, Some(50.0));
    }

    #[test]
    fn computed_years_without_an_entered_period_are_added() {
        let p = workplan_project(indicator(Some(Metric::Participants), Vec::new()));
        let i = &p.objectives[0].indicators[0];
        let rows = period_rows(&p, Id(1), i, day(2012, 1, 1));
        assert_eq!(
            summary(&rows),
            vec![
                ("2009".into(), Some(30.0), Status::NoData),
                ("2010".into(), Some(20.0), Status::NoData),
            ]
        );
        let share = workplan_project(indicator(
            Some(Metric::WomenShare),
            targets(&[(2010, 50.0)]),
        ));
        let rows = period_rows(
            &share,
            Id(1),
            &share.objectives[0].indicators[0],
            day(2012, 1, 1),
        );
        assert_eq!(
            summary(&rows),
            vec![
                ("2009".into(), Some(40.0), Status::NoData),
                ("2010".into(), Some(40.0), Status::AtRisk),
            ]
        );
    }

    #[test]
    fn quarters_count_their_own_months() {
        let mut periods = targets(&[]);
        for q in [1, 2] {
            periods.push(IndicatorPeriod {
                period: Period::Quarter(2010, q),
                ..period(Some(1.0), None)
            });
        }
        let p = workplan_project(indicator(Some(Metric::ActivitiesDone), periods));
        let rows = period_rows(&p, Id(1), &p.objectives[0].indicators[0], day(2012, 1, 1));
        // 2009 is added as a year; 2010 is covered by its quarters.
        assert_eq!(
            summary(&rows),
            vec![
                ("2009".into(), Some(1.0), Status::NoData),
                ("2010 Q1".into(), Some(1.0), Status::OnTrack),
                ("2010 Q2".into(), Some(0.0), Status::OffTrack),
            ]
        );
        assert_eq!(
            period_days(Period::Quarter(2010, 4)),
            Some((day(2010, 10, 1), day(2010, 12, 31)))
        );
        assert_eq!(period_days(Period::Year(i32::MAX)), None);
    }

    #[test]
    fn entered_periods_are_read_in_time_order_and_overall_as_of_a_day() {
        let mut periods = vec![period(Some(4.0), Some(3.0)), period(Some(2.0), Some(2.0))];
        periods[0].period = Period::Year(2011);
        periods[1].period = Period::Year(2009);
        periods[0].actual.as_mut().unwrap().source = "Annual report".into();
        let p = workplan_project(indicator(None, periods));
        let i = &p.objectives[0].indicators[0];
        let rows = period_rows(&p, Id(1), i, day(2012, 1, 1));
        assert_eq!(
            summary(&rows),
            vec![
                ("2009".into(), Some(2.0), Status::OnTrack),
                ("2011".into(), Some(3.0), Status::AtRisk),
            ]
        );
        assert_eq!(rows[1].source, "Annual report");
        assert!(!rows[0].computed);
        assert_eq!(overall(&p, Id(1), i, day(2012, 1, 1)).percent, Some(75.0));
        // In 2010 the 2011 figure was not known yet.
        assert_eq!(overall(&p, Id(1), i, day(2010, 6, 1)).percent, Some(50.0));
    }

    #[test]
    fn a_pillar_tallies_the_indicators_of_its_branch() {
        let mut p = workplan_project(indicator(None, vec![period(Some(4.0), Some(4.0))]));
        let mut at_risk = indicator(None, Vec::new());
        at_risk.latest = Some(Measurement {
            value: Value::Number(3.0),
            date: None,
        });
        p.objectives[1].indicators.push(at_risk);
        p.objectives[1].indicators.push(Indicator {
            target: None,
            ..indicator(None, Vec::new())
        });
        let tally = tally_under(&p, Id(1), day(2012, 1, 1));
        assert_eq!(tally.text(), "1 on track, 1 at risk, 1 without data");
        assert_eq!(tally.total(), 3);
        assert_eq!(tally_under(&p, Id(2), day(2012, 1, 1)).total(), 2);
        assert_eq!(StatusTally::default().text(), "");
    }

    #[test]
    fn periods_read_as_written() {
        for p in [Period::Year(2010), Period::Quarter(2011, 4)] {
            assert_eq!(p.to_string().parse::<Period>(), Ok(p));
        }
        assert_eq!("2010 Q2".parse::<Period>(), Ok(Period::Quarter(2010, 2)));
        for bad in ["2010 Q5", "Q2", "twenty ten", "2010 Q"] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }

    #[test]
    fn status_by_the_thresholds() {
        let t = ResultThresholds::default();
        assert_eq!(
            period_progress(&period(Some(10.0), Some(9.0)), &t),
            (Some(90.0), Status::OnTrack)
        );
        assert_eq!(
            period_progress(&period(Some(10.0), Some(6.0)), &t),
            (Some(60.0), Status::AtRisk)
        );
        assert_eq!(
            period_progress(&period(Some(10.0), Some(5.9)), &t).1,
            Status::OffTrack
        );
        assert_eq!(
            period_progress(&period(Some(10.0), None), &t),
            (None, Status::NoData)
        );
        assert_eq!(
            period_progress(&period(Some(0.0), Some(3.0)), &t),
            (None, Status::NoData)
        );
        let strict = ResultThresholds {
            on_track: 100.0,
            at_risk: 95.0,
        };
        assert_eq!(
            period_progress(&period(Some(10.0), Some(9.0)), &strict).1,
            Status::OffTrack
        );
    }

    #[test]
    fn overall_counts_from_the_baseline_to_the_latest_period() {
        let mut project = project_with("", ["20", "60", "30"]);
        numbers_from_text(&mut project);
        let mut i = project.objectives[0].indicators[0].clone();
        let day = chrono::NaiveDate::from_ymd_opt(2012, 1, 1).unwrap();
        let progress = |i: &Indicator| {
            let o = overall(&project, Id(1), i, day);
            (o.percent, o.status)
        };
        // From 20 to 60, at 30: a quarter of the way.
        assert_eq!(progress(&i), (Some(25.0), Status::OffTrack));
        let mut later = period(None, Some(58.0));
        later.period = Period::Year(2011);
        i.periods = vec![later, period(None, Some(40.0))];
        assert_eq!(progress(&i), (Some(95.0), Status::OnTrack));
    }

    #[test]
    fn breakdowns_that_do_not_add_up_are_found() {
        let mut p = period(Some(10.0), Some(10.0));
        let b = |d: &str, c: &str, v: f64| Breakdown {
            dimension: d.into(),
            category: c.into(),
            target: None,
            actual: Some(Value::Number(v)),
        };
        p.breakdowns = vec![
            b("sex", "female", 4.0),
            b("sex", "male", 6.0),
            b("jurisdiction", "Serbia", 3.0),
        ];
        assert_eq!(
            breakdown_mismatches(&p),
            vec![("jurisdiction".to_string(), 3.0, 10.0)]
        );
    }

    #[test]
    fn numbers_as_people_write_them() {
        assert_eq!(parse_number("12"), Some((12.0, false)));
        assert_eq!(parse_number(" 1,200 "), Some((1200.0, false)));
        assert_eq!(parse_number("12,345.5"), Some((12345.5, false)));
        assert_eq!(parse_number("35 %"), Some((35.0, true)));
        assert_eq!(parse_number("35%"), Some((35.0, true)));
        assert_eq!(parse_number("4.5"), Some((4.5, false)));
        assert_eq!(parse_number("-3"), Some((-3.0, false)));
        assert_eq!(parse_number("0.25"), Some((0.25, false)));
        for text in [
            "about 12",
            "12-15",
            "n/a",
            "",
            "%",
            "1,2",
            "1234,567",
            "007",
            "12.",
            ".5",
            "1e5",
            "12 participants",
            "- 3",
            "--3",
            "1,200,00",
        ] {
            assert_eq!(parse_number(text), None, "{text:?}");
        }
    }

    #[test]
    fn typed_values_become_numbers_only_when_plainly_numbers() {
        assert_eq!(typed_value("12"), Value::Number(12.0));
        assert_eq!(typed_value("35 %"), Value::Text("35 %".into()));
        assert_eq!(typed_value("12."), Value::Text("12.".into()));
    }

    fn project_with(unit: &str, values: [&str; 3]) -> Project {
        let mut project = Project::new(chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap());
        let mut objective = Objective::new(Id(1), None, 0, "Goal");
        let m = |v: &str| {
            Some(Measurement {
                value: Value::Text(v.to_string()),
                date: chrono::NaiveDate::from_ymd_opt(2010, 1, 1),
            })
        };
        objective.indicators.push(Indicator {
            id: Id(2),
            text: "Trained officers".into(),
            unit: unit.into(),
            baseline: m(values[0]),
            target: m(values[1]),
            latest: m(values[2]),
            verification: String::new(),
            computed: None,
            periods: Vec::new(),
        });
        project.objectives.push(objective);
        project
    }

    fn values(project: &Project) -> (String, Vec<Value>) {
        let i = &project.objectives[0].indicators[0];
        let all = [&i.baseline, &i.target, &i.latest];
        (
            i.unit.clone(),
            all.iter()
                .map(|m| m.as_ref().unwrap().value.clone())
                .collect(),
        )
    }

    #[test]
    fn migration_turns_numbers_into_numbers_and_keeps_the_rest() {
        let mut project = project_with("participants", ["12", "1,200", "about 12"]);
        numbers_from_text(&mut project);
        let (unit, v) = values(&project);
        assert_eq!(unit, "participants");
        assert_eq!(
            v,
            vec![
                Value::Number(12.0),
                Value::Number(1200.0),
                Value::Text("about 12".into())
            ]
        );
        // Dates and everything else are kept.
        let i = &project.objectives[0].indicators[0];
        assert_eq!(
            i.latest.as_ref().unwrap().date,
            chrono::NaiveDate::from_ymd_opt(2010, 1, 1)
        );
    }

    #[test]
    fn a_percent_sign_moves_into_an_empty_unit() {
        let mut project = project_with("", ["35 %", "50%", "n/a"]);
        numbers_from_text(&mut project);
        let (unit, v) = values(&project);
        assert_eq!(unit, "%");
        assert_eq!(
            v,
            vec![
                Value::Number(35.0),
                Value::Number(50.0),
                Value::Text("n/a".into())
            ]
        );
    }

    #[test]
    fn a_percent_sign_under_another_unit_stays_text() {
        let mut project = project_with("officers", ["35 %", "12-15", "4.5"]);
        numbers_from_text(&mut project);
        let (unit, v) = values(&project);
        assert_eq!(unit, "officers");
        assert_eq!(
            v,
            vec![
                Value::Text("35 %".into()),
                Value::Text("12-15".into()),
                Value::Number(4.5)
            ]
        );
        // Under a percent unit the sign is redundant and the value a number.
        let mut project = project_with("percent of women", ["35 %", "", "40"]);
        numbers_from_text(&mut project);
        let (_, v) = values(&project);
        assert_eq!(
            v,
            vec![
                Value::Number(35.0),
                Value::Text(String::new()),
                Value::Number(40.0)
            ]
        );
    }

    #[test]
    fn running_it_twice_changes_nothing_more() {
        let mut project = project_with("", ["35 %", "1,200", "about 12"]);
        numbers_from_text(&mut project);
        let once = project.clone();
        numbers_from_text(&mut project);
        assert_eq!(project, once);
    }
    #[test]
    fn the_next_free_period_skips_those_taken() {
        let mut indicator = Indicator {
            id: Id(1),
            text: "Judges trained".into(),
            unit: String::new(),
            baseline: None,
            target: None,
            latest: None,
            verification: String::new(),
            computed: None,
            periods: Vec::new(),
        };
        assert_eq!(next_free_year(&indicator, 2009), 2009);
        for p in [
            Period::Year(2009),
            Period::Year(2010),
            Period::Quarter(2009, 4),
            Period::Quarter(2010, 1),
        ] {
            let mut row = period(None, None);
            row.period = p;
            indicator.periods.push(row);
        }
        assert_eq!(next_free_year(&indicator, 2009), 2011);
        assert_eq!(next_free_year(&indicator, 2012), 2012);
        assert_eq!(
            next_free_quarter(&indicator, Period::Quarter(2009, 4)),
            Period::Quarter(2010, 2)
        );
        assert_eq!(
            next_free_quarter(&indicator, Period::Year(2009)),
            Period::Quarter(2009, 1)
        );
    }

    #[test]
    fn an_objective_shows_its_worst_indicator_with_data() {
        let project = Project::new(chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap());
        let day = chrono::NaiveDate::from_ymd_opt(2011, 6, 1).unwrap();
        let mut node = Objective::new(Id(1), None, 0, "Justice and integrity");
        assert_eq!(objective_status(&project, &node, day), Status::NoData);
        let indicator = |id: u64, target: f64, latest: Option<f64>| Indicator {
            id: Id(id),
            text: String::new(),
            unit: String::new(),
            baseline: None,
            target: Some(Measurement {
                value: Value::Number(target),
                date: None,
            }),
            latest: latest.map(|v| Measurement {
                value: Value::Number(v),
                date: None,
            }),
            verification: String::new(),
            computed: None,
            periods: Vec::new(),
        };
        node.indicators = vec![indicator(2, 10.0, Some(10.0)), indicator(3, 10.0, None)];
        assert_eq!(objective_status(&project, &node, day), Status::OnTrack);
        node.indicators.push(indicator(4, 10.0, Some(7.0)));
        assert_eq!(objective_status(&project, &node, day), Status::AtRisk);
        node.indicators.push(indicator(5, 10.0, Some(1.0)));
        assert_eq!(objective_status(&project, &node, day), Status::OffTrack);
    }

    #[test]
    fn an_objective_reads_its_indicators_current_status_on_the_day() {
        // 2 of the 2 planned in 2009, a third of the way to the 6 of the programme: the year
        // is on course though the programme target is far.
        let mut project = project_with("", ["0", "6", ""]);
        numbers_from_text(&mut project);
        let indicator = &mut project.objectives[0].indicators[0];
        indicator.latest = None;
        let mut y2009 = period(Some(2.0), Some(2.0));
        y2009.period = Period::Year(2009);
        indicator.periods = vec![y2009];
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let node = project.objectives[0].clone();
        assert_eq!(
            overall(&project, node.id, &node.indicators[0], day(2010, 6, 1)).status,
            Status::OffTrack
        );
        assert_eq!(
            objective_status(&project, &node, day(2010, 6, 1)),
            Status::OnTrack
        );
        // Before the programme began nothing was known yet.
        assert_eq!(
            objective_status(&project, &node, day(2008, 6, 1)),
            Status::NoData
        );
    }
}
