//! The results of the programme: indicator values as numbers. Values typed before they were
//! typed as numbers are text; `numbers_from_text` turns the ones that are plainly numbers into
//! numbers when a file moves to the format that stores them.

use crate::model::{
    Indicator, IndicatorPeriod, Measurement, Objective, Period, Project, ResultThresholds, Value,
};

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

/// One period's target against its actual (a period's target counts from zero: it is what the
/// period should deliver).
pub fn period_progress(
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

/// The indicator as a whole: the latest actual (the latest period's actual, else `latest`)
/// against the life-of-programme target, from the baseline.
pub fn overall_progress(
    indicator: &Indicator,
    thresholds: &ResultThresholds,
) -> (Option<f64>, Status) {
    let number = |m: &Option<Measurement>| m.as_ref().and_then(|m| m.value.number());
    let latest_period = indicator
        .periods
        .iter()
        .filter_map(|p| Some((p.period, p.actual.as_ref()?.value.number()?)))
        .max_by_key(|(period, _)| *period)
        .map(|(_, v)| v);
    let actual = latest_period.or_else(|| number(&indicator.latest));
    let p = match (number(&indicator.target), actual) {
        (Some(t), Some(a)) => percent(number(&indicator.baseline), t, a),
        _ => None,
    };
    (p, status(p, thresholds))
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

/// How an objective stands by its indicators' overall progress: the worst status among those
/// with data (one indicator off track is what a reader must see), else no data.
pub fn objective_status(objective: &Objective, thresholds: &ResultThresholds) -> Status {
    let rank = |s: Status| match s {
        Status::OffTrack => 0,
        Status::AtRisk => 1,
        Status::OnTrack => 2,
        Status::NoData => 3,
    };
    objective
        .indicators
        .iter()
        .map(|i| overall_progress(i, thresholds).1)
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
    fn overall_progress_counts_from_the_baseline_to_the_latest_period() {
        let mut project = project_with("", ["20", "60", "30"]);
        numbers_from_text(&mut project);
        let mut i = project.objectives[0].indicators[0].clone();
        let t = ResultThresholds::default();
        // From 20 to 60, at 30: a quarter of the way.
        assert_eq!(overall_progress(&i, &t), (Some(25.0), Status::OffTrack));
        let mut later = period(None, Some(58.0));
        later.period = Period::Year(2011);
        i.periods = vec![later, period(None, Some(40.0))];
        assert_eq!(overall_progress(&i, &t), (Some(95.0), Status::OnTrack));
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
        let t = ResultThresholds::default();
        let mut node = Objective::new(Id(1), None, 0, "Justice and integrity");
        assert_eq!(objective_status(&node, &t), Status::NoData);
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
        assert_eq!(objective_status(&node, &t), Status::OnTrack);
        node.indicators.push(indicator(4, 10.0, Some(7.0)));
        assert_eq!(objective_status(&node, &t), Status::AtRisk);
        node.indicators.push(indicator(5, 10.0, Some(1.0)));
        assert_eq!(objective_status(&node, &t), Status::OffTrack);
    }
}
