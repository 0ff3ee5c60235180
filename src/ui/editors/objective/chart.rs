//! An indicator's chart under its periods table: each period's target as a line with points,
//! its actual (entered, or counted from the activities) as bars, the baseline and the
//! life-of-programme target as horizontal lines. It draws the rows the table shows
//! (`plan::results::period_rows`).

use egui::Color32;
use egui_plot::{Bar, BarChart, GridMark, HLine, Line, LineStyle, Plot, Points};

use crate::model::{Indicator, Value};
use crate::plan::results::PeriodRow;

/// Why there is no chart, or none: a qualitative indicator has nothing to draw.
fn text_valued(rows: &[PeriodRow]) -> bool {
    let values = rows
        .iter()
        .flat_map(|r| r.target.iter().chain(r.actual.as_ref()));
    let (mut numbers, mut texts) = (0, 0);
    for value in values {
        match value {
            Value::Number(_) => numbers += 1,
            Value::Text(t) if !t.trim().is_empty() => texts += 1,
            Value::Text(_) => {}
        }
    }
    numbers == 0 && texts > 0
}

/// The series' colours, apart from the status colours (those say on track or not, in the
/// table) and readable on both themes.
fn colours(dark: bool) -> (Color32, Color32) {
    if dark {
        (
            Color32::from_rgb(190, 145, 245),
            Color32::from_rgb(95, 150, 225),
        )
    } else {
        (
            Color32::from_rgb(115, 55, 170),
            Color32::from_rgb(70, 120, 195),
        )
    }
}

pub fn show(ui: &mut egui::Ui, indicator: &Indicator, rows: &[PeriodRow]) {
    if rows.is_empty() {
        return;
    }
    if text_valued(rows) {
        ui.label(
            egui::RichText::new(
                "No chart: the values are words, not numbers (a qualitative indicator)",
            )
            .weak(),
        );
        return;
    }
    let number = |v: Option<&Value>| v.and_then(Value::number);
    let (target_colour, actual_colour) = colours(ui.visuals().dark_mode);
    let targets: Vec<[f64; 2]> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some([i as f64, number(r.target.as_ref())?]))
        .collect();
    let actuals: Vec<Bar> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let v = number(r.actual.as_ref())?;
            Some(
                Bar::new(i as f64, v)
                    .name(r.period.to_string())
                    .fill(actual_colour.gamma_multiply(0.75))
                    .stroke(egui::Stroke::new(1.0, actual_colour)),
            )
        })
        .collect();
    // A bar of 0 has no height: a mark on the axis says "0" where nothing would say "none".
    let zeros: Vec<[f64; 2]> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| number(r.actual.as_ref()) == Some(0.0))
        .map(|(i, _)| [i as f64, 0.0])
        .collect();
    if targets.is_empty() && actuals.is_empty() {
        ui.label(
            egui::RichText::new("The chart appears once a period has a target or an actual").weak(),
        );
        return;
    }
    let labels: Vec<String> = rows.iter().map(|r| r.period.to_string()).collect();
    let count = labels.len();
    let weak = ui.visuals().weak_text_color();
    let baseline = number(indicator.baseline.as_ref().map(|m| &m.value));
    let life_target = number(indicator.target.as_ref().map(|m| &m.value));
    let unit = indicator.unit.trim().to_owned();
    let response = Plot::new(("indicator_chart", indicator.id))
        .height(170.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_crosshair(false)
        .include_x(-0.6)
        .include_x(count as f64 - 0.4)
        .include_y(0.0)
        .y_axis_label(unit)
        // One mark per period, named after it.
        .x_grid_spacer(move |input| {
            let (from, to) = input.bounds;
            (from.ceil().max(0.0) as usize..=to.floor().max(0.0) as usize)
                .filter(|i| *i < count)
                .map(|i| GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            if let Some(b) = baseline {
                plot.hline(
                    HLine::new("Baseline", b)
                        .color(weak)
                        .style(LineStyle::dashed_loose()),
                );
            }
            if let Some(t) = life_target {
                plot.hline(
                    HLine::new("Programme target", t)
                        .color(target_colour)
                        .style(LineStyle::dashed_dense()),
                );
            }
            if !actuals.is_empty() {
                plot.bar_chart(
                    BarChart::new("Actual", actuals)
                        .color(actual_colour)
                        .width(0.5),
                );
            }
            if !zeros.is_empty() {
                plot.points(
                    Points::new("Actual", zeros)
                        .color(actual_colour)
                        .shape(egui_plot::MarkerShape::Diamond)
                        .radius(5.0)
                        .filled(true),
                );
            }
            if !targets.is_empty() {
                plot.line(
                    Line::new("Target", targets.clone())
                        .color(target_colour)
                        .width(2.0),
                );
                plot.points(
                    Points::new("Target", targets)
                        .color(target_colour)
                        .radius(3.5)
                        .filled(true),
                );
            }
        });
    // The legend under the chart, where it never covers a bar.
    let mut entries = vec![
        (target_colour, "Target".to_owned()),
        (
            actual_colour,
            if indicator.computed.is_some() {
                "Actual (counted)".to_owned()
            } else {
                "Actual".to_owned()
            },
        ),
    ];
    if life_target.is_some() {
        entries.push((target_colour, "Programme target (dashed)".to_owned()));
    }
    if baseline.is_some() {
        entries.push((weak, "Baseline (dashed)".to_owned()));
    }
    crate::ui::theme::swatch_legend(
        ui,
        "Chart legend",
        &entries,
        "Each period's target as a line, its actual as a bar",
    );
    let name = format!("Chart of target against actual: {}", indicator.text.trim());
    response
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Period;
    use crate::plan::results::Status;

    fn rows(values: &[(Option<Value>, Option<Value>)]) -> Vec<PeriodRow> {
        values
            .iter()
            .enumerate()
            .map(|(i, (target, actual))| PeriodRow {
                period: Period::Year(2009 + i as i32),
                target: target.clone(),
                actual: actual.clone(),
                date: None,
                source: String::new(),
                comment: String::new(),
                computed: false,
                percent: None,
                status: Status::NoData,
                breakdowns: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn only_an_indicator_of_words_alone_has_no_chart() {
        let words = Value::Text("law drafted".into());
        assert!(text_valued(&rows(&[(Some(words.clone()), None)])));
        assert!(!text_valued(&rows(&[
            (Some(words), None),
            (Some(Value::Number(3.0)), None)
        ])));
        assert!(!text_valued(&rows(&[(None, None)])));
    }
}
