//! An indicator's periods in the objective editor: a table of each year or quarter's target,
//! actual, percent and status, with the actual's date, source and comment; the breakdowns of a
//! period folded under it; the overall progress; the buttons that add a year or a quarter.
//! Every change is one of the period commands (`Command::AddPeriod` and the others).

use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{Actual, Breakdown, Id, Indicator, IndicatorPeriod, Period, ResultThresholds};
use crate::plan::results::{self, Status};
use crate::ui::actions::Action;
use crate::ui::context::ViewContext;
use crate::ui::theme;
use crate::ui::widgets::bound_text::BoundText;

/// The columns' widths, fixed so the rows (each with its own fold) line up under the header.
const PERIOD: f32 = 62.0;
const NUMBER: f32 = 64.0;
const PERCENT: f32 = 48.0;
const STATUS: f32 = 82.0;
const DATE: f32 = 92.0;
const SOURCE: f32 = 130.0;
const COMMENT: f32 = 160.0;

pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, indicator: &Indicator) {
    let thresholds = cx.project.settings.results;
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("Periods").strong());
        add_buttons(ui, cx, indicator);
    });
    if indicator.periods.is_empty() {
        ui.label(
            egui::RichText::new("No periods yet — add a year to track this indicator over time")
                .weak(),
        );
    } else {
        egui::ScrollArea::horizontal()
            .id_salt(("periods", indicator.id))
            .show(ui, |ui| {
                header(ui);
                for period in &indicator.periods {
                    row(ui, cx, indicator, period, &thresholds);
                }
                // The sideways scroll bar floats over the content's foot: room for it, so it
                // never covers the last row.
                let scroll = &ui.spacing().scroll;
                ui.add_space(scroll.bar_width + scroll.bar_outer_margin);
            });
    }
    overall(ui, indicator, &thresholds);
}

fn thresholds_text(thresholds: &ResultThresholds) -> String {
    format!(
        "On track from {on} % of the target, at risk from {risk} %, off track below {risk} % \
         (set under Results thresholds in the Programme view)",
        on = thresholds.on_track,
        risk = thresholds.at_risk
    )
}

/// A percent as the table shows it: whole, or "—" when there is none to give.
fn percent_text(percent: Option<f64>) -> String {
    match percent {
        Some(p) => format!("{} %", p.round()),
        None => "—".into(),
    }
}

fn cell<R>(ui: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let height = ui.spacing().interact_size.y;
    ui.allocate_ui_with_layout(
        egui::vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            add(ui)
        },
    )
    .inner
}

fn header(ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        // Room for the fold button the rows start with.
        ui.add_space(ui.spacing().indent);
        for (title, width, tip) in [
            ("Period", PERIOD, "A year or a quarter"),
            ("Target", NUMBER, "What the period should deliver"),
            ("Actual", NUMBER, "What the period delivered"),
            ("%", PERCENT, "The actual as a percent of the target"),
            ("Status", STATUS, "How the period stands against its target"),
            ("Measured", DATE, "When the actual was measured"),
            ("Source", SOURCE, "Where the actual comes from"),
            ("Comment", COMMENT, "A remark on the actual"),
        ] {
            cell(ui, width, |ui| {
                ui.label(egui::RichText::new(title).weak())
                    .on_hover_text(tip);
            });
        }
    });
}

/// The actual with one of its parts changed; none when nothing is left in it.
fn actual_with(current: Option<&Actual>, change: impl FnOnce(&mut Actual)) -> Option<Box<Actual>> {
    let mut actual = current.cloned().unwrap_or(Actual {
        value: Default::default(),
        date: None,
        source: String::new(),
        comment: String::new(),
    });
    change(&mut actual);
    let empty = actual.value.is_empty()
        && actual.date.is_none()
        && actual.source.trim().is_empty()
        && actual.comment.trim().is_empty();
    (!empty).then(|| Box::new(actual))
}

fn row(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    indicator: &Indicator,
    period: &IndicatorPeriod,
    thresholds: &ResultThresholds,
) {
    let id = indicator.id;
    let p = period.period;
    let key = |part: &str| format!("indicator:{id}:{p}:{part}");
    let fold = ui.make_persistent_id(("period_breakdowns", id, p.to_string()));
    let mismatches = results::breakdown_mismatches(period);
    let (percent, status) = results::period_progress(period, thresholds);
    let actual = period.actual.as_ref();
    // A click on the period folds its breakdowns out or in, as the arrow does.
    let mut toggle = false;
    let mut header =
        egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), fold, false)
            .show_header(ui, |ui| {
                let label = cell(ui, PERIOD, |ui| {
                    let mut text = egui::RichText::new(p.to_string()).monospace();
                    if !mismatches.is_empty() {
                        text = text.color(ui.visuals().warn_fg_color);
                    }
                    let response = ui.add(egui::Label::new(text).sense(egui::Sense::click()));
                    let name = format!("Period {p}");
                    response
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
                    response.on_hover_text(format!(
                        "{} breakdown row(s): click to show them; right-click to remove {p}",
                        period.breakdowns.len()
                    ))
                });
                toggle = label.clicked();
                label.context_menu(|ui| {
                    if ui.button(format!("Remove {p}")).clicked() {
                        remove(cx, id, p);
                        ui.close();
                    }
                });
                let target = period.target.as_ref().map(ToString::to_string);
                let target = target.unwrap_or_default();
                cell(ui, NUMBER, |ui| {
                    BoundText::new(&target)
                        .name(&format!("Target {p}"))
                        .id_salt(("period_target", id, p.to_string()))
                        .sized(NUMBER)
                        .hover("A number (12, 1,200, 4.5), or words for a qualitative indicator")
                        .show(ui, cx, key("target"), |text| {
                            let target =
                                (!text.trim().is_empty()).then(|| results::typed_value(&text));
                            Edit::new(
                                Command::SetPeriodTarget {
                                    indicator: id,
                                    period: p,
                                    target,
                                },
                                "Edit period target",
                            )
                        });
                });
                let value = actual.map(|a| a.value.to_string()).unwrap_or_default();
                cell(ui, NUMBER, |ui| {
                    BoundText::new(&value)
                        .name(&format!("Actual {p}"))
                        .id_salt(("period_actual", id, p.to_string()))
                        .sized(NUMBER)
                        .hover("A number, or words for a qualitative indicator")
                        .show(ui, cx, key("actual"), |text| {
                            set_actual(id, p, actual, |a| a.value = results::typed_value(&text))
                        });
                });
                cell(ui, PERCENT, |ui| {
                    let text = percent_text(percent);
                    let name = format!("Percent {p}: {text}");
                    let response = ui.label(&text);
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Label, true, name.clone())
                    });
                    if percent.is_none() {
                        response.on_hover_text(
                            "No percent: a number for both the target and the actual is needed",
                        );
                    }
                });
                cell(ui, STATUS, |ui| {
                    let tip = thresholds_text(thresholds);
                    theme::result_dot(ui, status, &format!("Status {p}: {}", status.label()), &tip);
                    ui.label(
                        egui::RichText::new(status.label())
                            .color(theme::result_color(ui.visuals(), status)),
                    )
                    .on_hover_text(tip);
                });
                cell(ui, DATE, |ui| {
                    let date = actual.and_then(|a| a.date);
                    if let Some(new) = crate::ui::widgets::date_field::optional_date_named(
                        ui,
                        ("period_date", id, p.to_string()),
                        date,
                        &format!("Measured {p}"),
                    ) {
                        cx.emit(Action::Apply(set_actual(id, p, actual, |a| a.date = new)));
                    }
                });
                let source = actual.map(|a| a.source.clone()).unwrap_or_default();
                cell(ui, SOURCE, |ui| {
                    BoundText::new(&source)
                        .name(&format!("Source {p}"))
                        .id_salt(("period_source", id, p.to_string()))
                        .sized(SOURCE)
                        .hint("source")
                        .show(ui, cx, key("source"), |text| {
                            set_actual(id, p, actual, |a| a.source = text)
                        });
                });
                let comment = actual.map(|a| a.comment.clone()).unwrap_or_default();
                cell(ui, COMMENT, |ui| {
                    BoundText::new(&comment)
                        .name(&format!("Comment {p}"))
                        .id_salt(("period_comment", id, p.to_string()))
                        .sized(COMMENT)
                        .hint("comment")
                        .show(ui, cx, key("comment"), |text| {
                            set_actual(id, p, actual, |a| a.comment = text)
                        });
                });
                if ui
                    .small_button("✖")
                    .on_hover_text(format!("Remove {p} with its target, actual and breakdowns"))
                    .clicked()
                {
                    remove(cx, id, p);
                }
            });
    if toggle {
        header.toggle();
    }
    header.body(|ui| breakdowns(ui, cx, id, period, &mismatches));
}

fn set_actual(
    indicator: Id,
    period: Period,
    current: Option<&Actual>,
    change: impl FnOnce(&mut Actual),
) -> Edit {
    Edit::new(
        Command::SetPeriodActual {
            indicator,
            period,
            actual: actual_with(current, change),
        },
        "Edit period actual",
    )
}

fn remove(cx: &mut ViewContext<'_>, indicator: Id, period: Period) {
    cx.emit(Action::Apply(Edit::new(
        Command::RemovePeriod { indicator, period },
        format!("Remove period {period}"),
    )));
}

/// The breakdown rows of a period: dimension, category, target, actual; a warning when a
/// dimension's categories do not add up to the period's actual.
fn breakdowns(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    id: Id,
    period: &IndicatorPeriod,
    mismatches: &[(String, f64, f64)],
) {
    let p = period.period;
    for (dimension, sum, total) in mismatches {
        ui.label(
            egui::RichText::new(format!(
                "⚠ The {dimension} categories add up to {sum}, not to the actual {total}"
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    if period.breakdowns.is_empty() {
        ui.label(
            egui::RichText::new("No breakdowns yet: by sex, jurisdiction or your own categories")
                .weak(),
        );
    } else {
        ui.horizontal(|ui| {
            for (title, width) in [
                ("Dimension", SOURCE - 30.0),
                ("Category", SOURCE - 30.0),
                ("Target", NUMBER),
                ("Actual", NUMBER),
            ] {
                cell(ui, width, |ui| ui.label(egui::RichText::new(title).weak()));
            }
        });
    }
    for (index, row) in period.breakdowns.iter().enumerate() {
        ui.horizontal(|ui| {
            let key = |part: &str| format!("indicator:{id}:{p}:breakdown:{index}:{part}");
            let salt = |part: &str| (part.to_owned(), id, p.to_string(), index);
            let set = |changed: Breakdown| {
                Edit::new(
                    Command::SetBreakdown {
                        indicator: id,
                        period: p,
                        index,
                        breakdown: Box::new(changed),
                    },
                    "Edit breakdown",
                )
            };
            let what = format!("{p} row {}", index + 1);
            BoundText::new(&row.dimension)
                .name(&format!("Dimension {what}"))
                .id_salt(salt("dimension"))
                .sized(SOURCE - 30.0)
                .hint("sex, jurisdiction…")
                .show(ui, cx, key("dimension"), |text| {
                    set(Breakdown {
                        dimension: text,
                        ..row.clone()
                    })
                });
            BoundText::new(&row.category)
                .name(&format!("Category {what}"))
                .id_salt(salt("category"))
                .sized(SOURCE - 30.0)
                .hint("female, Serbia…")
                .show(ui, cx, key("category"), |text| {
                    set(Breakdown {
                        category: text,
                        ..row.clone()
                    })
                });
            let value = |v: &Option<crate::model::Value>| {
                v.as_ref().map(ToString::to_string).unwrap_or_default()
            };
            let typed = |text: &str| (!text.trim().is_empty()).then(|| results::typed_value(text));
            BoundText::new(&value(&row.target))
                .name(&format!("Breakdown target {what}"))
                .id_salt(salt("target"))
                .sized(NUMBER)
                .show(ui, cx, key("target"), |text| {
                    set(Breakdown {
                        target: typed(&text),
                        ..row.clone()
                    })
                });
            BoundText::new(&value(&row.actual))
                .name(&format!("Breakdown actual {what}"))
                .id_salt(salt("actual"))
                .sized(NUMBER)
                .show(ui, cx, key("actual"), |text| {
                    set(Breakdown {
                        actual: typed(&text),
                        ..row.clone()
                    })
                });
            if ui
                .small_button("✖")
                .on_hover_text("Remove this breakdown row")
                .clicked()
            {
                cx.emit(Action::Apply(Edit::new(
                    Command::RemoveBreakdown {
                        indicator: id,
                        period: p,
                        index,
                    },
                    "Remove breakdown row",
                )));
            }
        });
    }
    if ui
        .small_button("Add breakdown row")
        .on_hover_text(format!("Add a category to {p}'s breakdowns"))
        .clicked()
    {
        cx.emit(Action::Apply(Edit::new(
            Command::InsertBreakdown {
                indicator: id,
                period: p,
                index: period.breakdowns.len(),
                breakdown: Box::new(new_breakdown(period)),
            },
            "Add breakdown row",
        )));
    }
}

/// A new row goes on with the last row's dimension; by sex, the category not yet there.
fn new_breakdown(period: &IndicatorPeriod) -> Breakdown {
    let dimension = period
        .breakdowns
        .last()
        .map_or_else(|| "sex".to_owned(), |b| b.dimension.clone());
    let taken = |c: &str| {
        period
            .breakdowns
            .iter()
            .any(|b| b.dimension == dimension && b.category == c)
    };
    let category = if dimension == "sex" {
        ["female", "male"]
            .into_iter()
            .find(|c| !taken(c))
            .unwrap_or_default()
    } else {
        ""
    };
    Breakdown {
        dimension,
        category: category.to_owned(),
        target: None,
        actual: None,
    }
}

/// "Add year…" and "Add quarter…", each a small popup with the next free period chosen.
fn add_buttons(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, indicator: &Indicator) {
    let start = cx.project.programme.start;
    let first_year = chrono::Datelike::year(&start);
    let first_quarter =
        Period::Quarter(first_year, (chrono::Datelike::month0(&start) / 3 + 1) as u8);
    for quarterly in [false, true] {
        let (title, tip) = if quarterly {
            ("Add quarter…", "Track a quarter of a year")
        } else {
            (
                "Add year…",
                "Track a year: its target and what it delivered",
            )
        };
        let button = ui.small_button(title).on_hover_text(tip);
        let memory = ui.make_persistent_id(("add_period", indicator.id, quarterly));
        if button.clicked() {
            let default = if quarterly {
                let latest = indicator.periods.iter().map(|p| p.period).max();
                let from = latest.map_or(first_quarter, |p| match p {
                    Period::Quarter(..) => p,
                    Period::Year(y) => Period::Quarter(y, 1),
                });
                results::next_free_quarter(indicator, from)
            } else {
                Period::Year(results::next_free_year(indicator, first_year))
            };
            ui.data_mut(|d| d.insert_temp(memory, default));
        }
        egui::Popup::menu(&button)
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show(|ui| {
                let mut chosen: Period = ui
                    .data(|d| d.get_temp(memory))
                    .unwrap_or(Period::Year(first_year));
                let (mut year, mut quarter) = match chosen {
                    Period::Year(y) => (y, 0),
                    Period::Quarter(y, q) => (y, q),
                };
                ui.horizontal(|ui| {
                    let label = ui.label("Year");
                    ui.add(egui::DragValue::new(&mut year).range(1900..=2200))
                        .labelled_by(label.id);
                    if quarterly {
                        let label = ui.label("Quarter");
                        egui::ComboBox::from_id_salt(("add_quarter", indicator.id))
                            .selected_text(format!("Q{quarter}"))
                            .show_ui(ui, |ui| {
                                for q in 1..=4 {
                                    ui.selectable_value(&mut quarter, q, format!("Q{q}"));
                                }
                            })
                            .response
                            .labelled_by(label.id);
                    }
                });
                chosen = if quarterly {
                    Period::Quarter(year, quarter.clamp(1, 4))
                } else {
                    Period::Year(year)
                };
                ui.data_mut(|d| d.insert_temp(memory, chosen));
                let taken = indicator.periods.iter().any(|p| p.period == chosen);
                let add = ui
                    .add_enabled(!taken, egui::Button::new(format!("Add {chosen}")))
                    .on_disabled_hover_text(format!("{chosen} is in the table already"));
                if add.clicked() {
                    cx.emit(Action::Apply(Edit::new(
                        Command::AddPeriod {
                            indicator: indicator.id,
                            index: None,
                            period: Box::new(IndicatorPeriod {
                                period: chosen,
                                target: None,
                                actual: None,
                                breakdowns: Vec::new(),
                            }),
                        },
                        format!("Add period {chosen}"),
                    )));
                    ui.close();
                }
            });
    }
}

/// The indicator as a whole: its latest actual against the life-of-programme target.
fn overall(ui: &mut egui::Ui, indicator: &Indicator, thresholds: &ResultThresholds) {
    let (percent, status) = results::overall_progress(indicator, thresholds);
    if status == Status::NoData && indicator.periods.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let tip = thresholds_text(thresholds);
        let text = match percent {
            Some(_) => format!(
                "Overall: {} of the way from the baseline to the target — {}",
                percent_text(percent),
                status.label()
            ),
            None => "Overall: no data — a numeric target and an actual are needed".to_owned(),
        };
        theme::result_dot(
            ui,
            status,
            &format!("Overall status: {}", status.label()),
            &tip,
        );
        ui.label(text).on_hover_text(tip);
    });
}
