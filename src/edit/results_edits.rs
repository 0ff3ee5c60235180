//! The commands of an indicator's periods: a period added or removed, its target and actual
//! set, its breakdown rows added, changed or removed. Each checks only what it touches and
//! returns its inverse, like every [`Command`].

use crate::edit::commands::{Command, CommandError, invalid, not_found};
use crate::model::{
    Actual, Breakdown, EntityRef, Id, Indicator, IndicatorPeriod, Period, Project, Value,
};

fn indicator_mut(project: &mut Project, indicator: Id) -> Result<&mut Indicator, CommandError> {
    project
        .objectives
        .iter_mut()
        .flat_map(|o| o.indicators.iter_mut())
        .find(|i| i.id == indicator)
        .ok_or_else(|| not_found(EntityRef::Indicator, indicator))
}

/// What an indicator is called in a message: its text, or its id when it has none.
fn name(indicator: &Indicator) -> String {
    if indicator.text.trim().is_empty() {
        format!("indicator {}", indicator.id)
    } else {
        format!("\"{}\"", indicator.text.trim())
    }
}

fn period_mut(
    project: &mut Project,
    indicator: Id,
    period: Period,
) -> Result<&mut IndicatorPeriod, CommandError> {
    let found = indicator_mut(project, indicator)?;
    let missing = format!("{} has no period {period}.", name(found));
    found
        .periods
        .iter_mut()
        .find(|p| p.period == period)
        .ok_or_else(|| invalid(missing))
}

/// A number must be one a file can hold and read back.
fn check_value(value: Option<&Value>, what: &str) -> Result<(), CommandError> {
    match value {
        Some(Value::Number(n)) if !n.is_finite() => {
            Err(invalid(format!("The {what} must be a finite number.")))
        }
        _ => Ok(()),
    }
}

fn check_period(period: Period) -> Result<(), CommandError> {
    match period {
        Period::Quarter(_, q) if !(1..=4).contains(&q) => Err(invalid(format!(
            "There is no quarter {q}: a year has four."
        ))),
        _ => Ok(()),
    }
}

fn check_breakdown(
    period: &IndicatorPeriod,
    breakdown: &Breakdown,
    skip: Option<usize>,
) -> Result<(), CommandError> {
    check_value(breakdown.target.as_ref(), "breakdown's target")?;
    check_value(breakdown.actual.as_ref(), "breakdown's actual")?;
    // The same category twice would count twice in the dimension's sum; empty names are
    // allowed while the row is being typed.
    let filled = !breakdown.dimension.trim().is_empty() && !breakdown.category.trim().is_empty();
    let twice = period.breakdowns.iter().enumerate().any(|(i, b)| {
        Some(i) != skip
            && b.dimension.trim() == breakdown.dimension.trim()
            && b.category.trim() == breakdown.category.trim()
    });
    if filled && twice {
        return Err(invalid(format!(
            "{} already has a row for {} / {}.",
            period.period,
            breakdown.dimension.trim(),
            breakdown.category.trim()
        )));
    }
    Ok(())
}

/// Adds `period` to the indicator: at `index` when given (the undo of a removal puts it back
/// where it was), else at its place in time order. Refused when the indicator has it already.
pub(crate) fn add_period(
    project: &mut Project,
    indicator: Id,
    index: Option<usize>,
    period: IndicatorPeriod,
) -> Result<Command, CommandError> {
    check_period(period.period)?;
    check_value(period.target.as_ref(), "target")?;
    check_value(period.actual.as_ref().map(|a| &a.value), "actual")?;
    let found = indicator_mut(project, indicator)?;
    if found.periods.iter().any(|p| p.period == period.period) {
        return Err(invalid(format!(
            "{} already has the period {}.",
            name(found),
            period.period
        )));
    }
    let at = match index {
        Some(i) if i <= found.periods.len() => i,
        Some(i) => return Err(invalid(format!("No place {i} among the periods."))),
        None => found
            .periods
            .iter()
            .position(|p| p.period > period.period)
            .unwrap_or(found.periods.len()),
    };
    let removed = period.period;
    found.periods.insert(at, period);
    Ok(Command::RemovePeriod {
        indicator,
        period: removed,
    })
}

pub(crate) fn remove_period(
    project: &mut Project,
    indicator: Id,
    period: Period,
) -> Result<Command, CommandError> {
    let found = indicator_mut(project, indicator)?;
    let Some(index) = found.periods.iter().position(|p| p.period == period) else {
        return Err(invalid(format!("{} has no period {period}.", name(found))));
    };
    let old = found.periods.remove(index);
    Ok(Command::AddPeriod {
        indicator,
        index: Some(index),
        period: Box::new(old),
    })
}

pub(crate) fn set_target(
    project: &mut Project,
    indicator: Id,
    period: Period,
    target: Option<Value>,
) -> Result<Command, CommandError> {
    check_value(target.as_ref(), "target")?;
    let slot = period_mut(project, indicator, period)?;
    let old = std::mem::replace(&mut slot.target, target);
    Ok(Command::SetPeriodTarget {
        indicator,
        period,
        target: old,
    })
}

pub(crate) fn set_actual(
    project: &mut Project,
    indicator: Id,
    period: Period,
    actual: Option<Box<Actual>>,
) -> Result<Command, CommandError> {
    check_value(actual.as_ref().map(|a| &a.value), "actual")?;
    let slot = period_mut(project, indicator, period)?;
    let old = std::mem::replace(&mut slot.actual, actual.map(|a| *a));
    Ok(Command::SetPeriodActual {
        indicator,
        period,
        actual: old.map(Box::new),
    })
}

pub(crate) fn insert_breakdown(
    project: &mut Project,
    indicator: Id,
    period: Period,
    index: usize,
    breakdown: Breakdown,
) -> Result<Command, CommandError> {
    let slot = period_mut(project, indicator, period)?;
    if index > slot.breakdowns.len() {
        return Err(invalid(format!(
            "No place {index} among the breakdowns of {period}."
        )));
    }
    check_breakdown(slot, &breakdown, None)?;
    slot.breakdowns.insert(index, breakdown);
    Ok(Command::RemoveBreakdown {
        indicator,
        period,
        index,
    })
}

pub(crate) fn remove_breakdown(
    project: &mut Project,
    indicator: Id,
    period: Period,
    index: usize,
) -> Result<Command, CommandError> {
    let slot = period_mut(project, indicator, period)?;
    if index >= slot.breakdowns.len() {
        return Err(invalid(format!("{period} has no breakdown row {index}.")));
    }
    let old = slot.breakdowns.remove(index);
    Ok(Command::InsertBreakdown {
        indicator,
        period,
        index,
        breakdown: Box::new(old),
    })
}

pub(crate) fn set_breakdown(
    project: &mut Project,
    indicator: Id,
    period: Period,
    index: usize,
    breakdown: Breakdown,
) -> Result<Command, CommandError> {
    let slot = period_mut(project, indicator, period)?;
    if index >= slot.breakdowns.len() {
        return Err(invalid(format!("{period} has no breakdown row {index}.")));
    }
    check_breakdown(slot, &breakdown, Some(index))?;
    let old = std::mem::replace(&mut slot.breakdowns[index], breakdown);
    Ok(Command::SetBreakdown {
        indicator,
        period,
        index,
        breakdown: Box::new(old),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Objective;

    /// A project with one objective and one indicator without periods; the indicator's id.
    fn project() -> (Project, Id) {
        let mut p = Project::new(chrono::NaiveDate::from_ymd_opt(2009, 5, 1).unwrap());
        let objective = p.allocate_id();
        let indicator = p.allocate_id();
        let mut node = Objective::new(objective, None, 0, "Stronger criminal justice");
        node.indicators.push(Indicator {
            id: indicator,
            text: "Judges trained".into(),
            unit: "people".into(),
            baseline: None,
            target: None,
            latest: None,
            verification: String::new(),
            computed: None,
            periods: Vec::new(),
        });
        p.objectives.push(node);
        (p, indicator)
    }

    fn empty(period: Period) -> Box<IndicatorPeriod> {
        Box::new(IndicatorPeriod {
            period,
            target: None,
            actual: None,
            breakdowns: Vec::new(),
        })
    }

    fn add(indicator: Id, period: Period) -> Command {
        Command::AddPeriod {
            indicator,
            index: None,
            period: empty(period),
        }
    }

    fn periods(p: &Project) -> Vec<Period> {
        p.objectives[0].indicators[0]
            .periods
            .iter()
            .map(|p| p.period)
            .collect()
    }

    /// Applies `command`, undoes it (the project is as before) and redoes it (as after).
    fn round_trip(p: &mut Project, command: Command) {
        let before = p.clone();
        let inverse = command.clone().apply(p).unwrap();
        let after = p.clone();
        let redo = inverse.apply(p).unwrap();
        assert_eq!(*p, before, "undo of {command:?}");
        redo.apply(p).unwrap();
        assert_eq!(*p, after, "redo of {command:?}");
    }

    #[test]
    fn periods_are_added_in_time_order_and_refused_twice() {
        let (mut p, id) = project();
        for period in [
            Period::Year(2011),
            Period::Year(2009),
            Period::Quarter(2011, 2),
            Period::Quarter(2010, 4),
        ] {
            round_trip(&mut p, add(id, period));
        }
        assert_eq!(
            periods(&p),
            [
                Period::Year(2009),
                Period::Quarter(2010, 4),
                Period::Year(2011),
                Period::Quarter(2011, 2)
            ]
        );
        let before = p.clone();
        let error = add(id, Period::Year(2011)).apply(&mut p).unwrap_err();
        assert_eq!(
            error.to_string(),
            "\"Judges trained\" already has the period 2011."
        );
        assert_eq!(p, before);
        let error = add(id, Period::Quarter(2011, 5)).apply(&mut p).unwrap_err();
        assert!(error.to_string().contains("quarter 5"), "{error}");
        let error = add(Id(99), Period::Year(2012)).apply(&mut p).unwrap_err();
        assert_eq!(error.to_string(), "Indicator 99 does not exist.");
    }

    #[test]
    fn removing_a_period_is_undone_in_its_place_with_everything_in_it() {
        let (mut p, id) = project();
        // A file may hold periods out of order; the undo puts one back where it was.
        for year in [2012, 2010] {
            let command = Command::AddPeriod {
                indicator: id,
                index: Some(p.objectives[0].indicators[0].periods.len()),
                period: empty(Period::Year(year)),
            };
            command.apply(&mut p).unwrap();
        }
        Command::SetPeriodTarget {
            indicator: id,
            period: Period::Year(2012),
            target: Some(Value::Number(40.0)),
        }
        .apply(&mut p)
        .unwrap();
        round_trip(
            &mut p,
            Command::RemovePeriod {
                indicator: id,
                period: Period::Year(2012),
            },
        );
        assert_eq!(periods(&p), [Period::Year(2010)]);
        let error = Command::RemovePeriod {
            indicator: id,
            period: Period::Year(2012),
        }
        .apply(&mut p)
        .unwrap_err();
        assert_eq!(error.to_string(), "\"Judges trained\" has no period 2012.");
    }

    #[test]
    fn target_and_actual_are_set_and_undone() {
        let (mut p, id) = project();
        add(id, Period::Year(2010)).apply(&mut p).unwrap();
        let year = Period::Year(2010);
        round_trip(
            &mut p,
            Command::SetPeriodTarget {
                indicator: id,
                period: year,
                target: Some(Value::Number(40.0)),
            },
        );
        let actual = Actual {
            value: Value::Number(36.0),
            date: chrono::NaiveDate::from_ymd_opt(2010, 12, 15),
            source: "Training records".into(),
            comment: "Two sessions moved to 2011".into(),
        };
        round_trip(
            &mut p,
            Command::SetPeriodActual {
                indicator: id,
                period: year,
                actual: Some(Box::new(actual.clone())),
            },
        );
        let period = &p.objectives[0].indicators[0].periods[0];
        assert_eq!(period.target, Some(Value::Number(40.0)));
        assert_eq!(period.actual, Some(actual));
        let error = Command::SetPeriodTarget {
            indicator: id,
            period: year,
            target: Some(Value::Number(f64::NAN)),
        }
        .apply(&mut p)
        .unwrap_err();
        assert_eq!(error.to_string(), "The target must be a finite number.");
        let error = Command::SetPeriodTarget {
            indicator: id,
            period: Period::Year(2011),
            target: None,
        }
        .apply(&mut p)
        .unwrap_err();
        assert!(error.to_string().contains("no period 2011"), "{error}");
    }

    #[test]
    fn breakdown_rows_are_added_changed_and_removed() {
        let (mut p, id) = project();
        let year = Period::Year(2010);
        add(id, year).apply(&mut p).unwrap();
        let row = |category: &str, actual: f64| Breakdown {
            dimension: "sex".into(),
            category: category.into(),
            target: None,
            actual: Some(Value::Number(actual)),
        };
        for (index, category) in ["female", "male"].into_iter().enumerate() {
            round_trip(
                &mut p,
                Command::InsertBreakdown {
                    indicator: id,
                    period: year,
                    index,
                    breakdown: Box::new(row(category, 10.0)),
                },
            );
        }
        round_trip(
            &mut p,
            Command::SetBreakdown {
                indicator: id,
                period: year,
                index: 1,
                breakdown: Box::new(row("male", 12.0)),
            },
        );
        // The same category twice would count twice.
        let error = Command::SetBreakdown {
            indicator: id,
            period: year,
            index: 1,
            breakdown: Box::new(row("female", 12.0)),
        }
        .apply(&mut p)
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "2010 already has a row for sex / female."
        );
        round_trip(
            &mut p,
            Command::RemoveBreakdown {
                indicator: id,
                period: year,
                index: 0,
            },
        );
        let rows = &p.objectives[0].indicators[0].periods[0].breakdowns;
        assert_eq!(rows.as_slice(), [row("male", 12.0)]);
        let error = Command::RemoveBreakdown {
            indicator: id,
            period: year,
            index: 3,
        }
        .apply(&mut p)
        .unwrap_err();
        assert_eq!(error.to_string(), "2010 has no breakdown row 3.");
    }
}
