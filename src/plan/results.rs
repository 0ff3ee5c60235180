//! The results of the programme: indicator values as numbers. Values typed before they were
//! typed as numbers are text; `numbers_from_text` turns the ones that are plainly numbers into
//! numbers when a file moves to the format that stores them.

use crate::model::{Indicator, Measurement, Project, Value};

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
    if let Some(fraction) = fraction {
        if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Id, Objective, Project};

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
}
