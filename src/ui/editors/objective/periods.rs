//! An indicator's periods in the objective editor: a table of each year or quarter's target,
//! actual, percent and status, read through `plan::results::period_rows` as the exports and
//! the committee read them (a computed indicator's actuals counted from the activities, as of
//! the session's today); folded under a period, its actual's date, source and comment and its
//! breakdowns; then the overall progress and the chart. Every change is one of the period
//! commands (`Command::AddPeriod` and the others).

use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{Actual, Breakdown, Id, Indicator, IndicatorPeriod, Period, ResultThresholds};
use crate::plan::logframe;
use crate::plan::results::{self, PeriodRow, Status};
use crate::ui::actions::Action;
use crate::ui::context::ViewContext;
use crate::ui::theme;
use crate::ui::widgets::bound_text::BoundText;

/// The columns' widths, fixed so the rows (each with its own fold) line up under the header.
/// Five columns fit the editor's default width (about 400 px); the actual's date, source and
/// comment, typed once and read less often, fold out under the period with its breakdowns.
const PERIOD: f32 = 58.0;
const NUMBER: f32 = 60.0;
const PERCENT: f32 = 44.0;
const STATUS: f32 = 80.0;
const DATE: f32 = 92.0;
/// The breakdowns' dimension and category columns.
const CATEGORY: f32 = 88.0;
/// The labels before the folded-out date, source and comment.
const DETAIL_LABEL: f32 = 70.0;

/// The periods table, the overall line and the chart of the indicator `indicator` on `node`.
pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, node: Id, indicator: &Indicator) {
    let thresholds = cx.project.settings.results;
    let rows = results::period_rows(cx.project, node, indicator, cx.today);
    let counted = indicator.computed.as_ref().map(logframe::rule_text);
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("Periods").strong());
        add_buttons(ui, cx, indicator);
    });
    if rows.is_empty() {
        ui.label(
            egui::RichText::new("No periods yet — add a year to track this indicator over time")
                .weak(),
        );
    } else {
        if let Some(rule) = &counted {
            ui.label(
                egui::RichText::new("Actuals counted from the activities (not typed)")
                    .weak()
                    .italics(),
            )
            .on_hover_text(rule);
        }
        // The editor's right edge: the folded-out text fields end there, not in the scroll
        // area's unbounded width.
        let table = Table {
            counted: counted.as_deref(),
            thresholds,
            right: ui.max_rect().right(),
        };
        egui::ScrollArea::horizontal()
            .id_salt(("periods", indicator.id))
            .show(ui, |ui| {
                // Tighter than the default spacing so the five columns and ✖ fit the editor.
                ui.spacing_mut().item_spacing.x = 4.0;
                header(ui);
                for r in &rows {
                    match indicator.periods.iter().find(|p| p.period == r.period) {
                        Some(period) => row(ui, cx, indicator, period, r, &table),
                        None => counted_only_row(ui, r, counted.as_deref(), &thresholds),
                    }
                }
                // The sideways scroll bar floats over the content's foot: room for it, so it
                // never covers the last row.
                let scroll = &ui.spacing().scroll;
                ui.add_space(scroll.bar_width + scroll.bar_outer_margin);
            });
    }
    overall(ui, cx, node, indicator, &thresholds);
    super::chart::show(ui, indicator, &rows);
}

/// What every row of one table shares.
struct Table<'a> {
    /// The computed indicator's rule in words; none for an indicator measured by hand.
    counted: Option<&'a str>,
    thresholds: ResultThresholds,
    /// The editor's right edge, where the folded-out text fields end.
    right: f32,
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
            (
                "Period",
                PERIOD,
                "A year or a quarter: click it for the actual's date, source, comment and breakdowns",
            ),
            ("Target", NUMBER, "What the period should deliver"),
            ("Actual", NUMBER, "What the period delivered"),
            ("%", PERCENT, "The actual as a percent of the target"),
            ("Status", STATUS, "How the period stands against its target"),
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

/// What the period's tooltip says of what is folded under it.
fn folded_text(period: &IndicatorPeriod, r: &PeriodRow, counted: bool) -> String {
    let p = period.period;
    let mut lines = Vec::new();
    if let Some(date) = r.date {
        lines.push(format!("Measured {date}"));
    }
    if !r.source.trim().is_empty() {
        lines.push(format!("Source: {}", r.source.trim()));
    }
    if !r.comment.trim().is_empty() {
        lines.push(format!("Comment: {}", r.comment.trim()));
    }
    lines.push(format!("{} breakdown row(s)", period.breakdowns.len()));
    let shown = if counted {
        "breakdowns"
    } else {
        "date, source, comment and breakdowns"
    };
    lines.push(format!(
        "Click to show the {shown}; right-click to remove {p}"
    ));
    lines.join("\n")
}

/// The status dot and word of a period.
fn status_cell(ui: &mut egui::Ui, p: Period, status: Status, thresholds: &ResultThresholds) {
    cell(ui, STATUS, |ui| {
        let tip = thresholds_text(thresholds);
        theme::result_dot(ui, status, &format!("Status {p}: {}", status.label()), &tip);
        ui.label(
            egui::RichText::new(status.label()).color(theme::result_color(ui.visuals(), status)),
        )
        .on_hover_text(tip);
    });
}

fn percent_cell(ui: &mut egui::Ui, p: Period, percent: Option<f64>) {
    cell(ui, PERCENT, |ui| {
        let text = percent_text(percent);
        let name = format!("Percent {p}: {text}");
        let response = ui.label(&text);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, name.clone()));
        if percent.is_none() {
            response
                .on_hover_text("No percent: a number for both the target and the actual is needed");
        }
    });
}

/// A counted actual: read-only, in italics, named and explained as counted.
fn counted_cell(ui: &mut egui::Ui, r: &PeriodRow, rule: &str) {
    cell(ui, NUMBER, |ui| {
        let text = r
            .actual
            .as_ref()
            .map_or_else(|| "—".to_owned(), ToString::to_string);
        let name = format!("Actual {}: {text}, counted from the activities", r.period);
        let tip = match r.actual {
            Some(_) => rule.to_owned(),
            None => format!("Nothing counted yet: the period is still running\n{rule}"),
        };
        let response = ui.add(
            egui::Label::new(egui::RichText::new(&text).italics()).sense(egui::Sense::hover()),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
        response.on_hover_text(tip);
    });
}

/// A year in which counted activities ended that has no period of its own: what was counted,
/// with no target (adding the year gives it one).
fn counted_only_row(
    ui: &mut egui::Ui,
    r: &PeriodRow,
    rule: Option<&str>,
    thresholds: &ResultThresholds,
) {
    let p = r.period;
    ui.horizontal(|ui| {
        ui.add_space(ui.spacing().indent);
        cell(ui, PERIOD, |ui| {
            let response = ui.add(
                egui::Label::new(egui::RichText::new(p.to_string()).monospace())
                    .sense(egui::Sense::hover()),
            );
            let name = format!("Period {p}");
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
            response.on_hover_text(format!(
                "Activities counted ended in {p}; add the year to give it a target"
            ));
        });
        cell(ui, NUMBER, |ui| ui.weak("—"));
        counted_cell(ui, r, rule.unwrap_or_default());
        percent_cell(ui, p, r.percent);
        status_cell(ui, p, r.status, thresholds);
    });
}

fn row(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    indicator: &Indicator,
    period: &IndicatorPeriod,
    r: &PeriodRow,
    table: &Table<'_>,
) {
    let Table {
        counted,
        ref thresholds,
        right,
    } = *table;
    let id = indicator.id;
    let p = period.period;
    let key = |part: &str| format!("indicator:{id}:{p}:{part}");
    let fold = ui.make_persistent_id(("period_breakdowns", id, p.to_string()));
    let mismatches = results::breakdown_mismatches(period);
    let actual = period.actual.as_ref();
    // A click on the period folds its details out or in, as the arrow does.
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
                    response.on_hover_text(folded_text(period, r, counted.is_some()))
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
                match counted {
                    Some(rule) => counted_cell(ui, r, rule),
                    None => {
                        let value = actual.map(|a| a.value.to_string()).unwrap_or_default();
                        cell(ui, NUMBER, |ui| {
                            BoundText::new(&value)
                                .name(&format!("Actual {p}"))
                                .id_salt(("period_actual", id, p.to_string()))
                                .sized(NUMBER)
                                .hover("A number, or words for a qualitative indicator")
                                .show(ui, cx, key("actual"), |text| {
                                    set_actual(id, p, actual, |a| {
                                        a.value = results::typed_value(&text)
                                    })
                                });
                        });
                    }
                }
                percent_cell(ui, p, r.percent);
                status_cell(ui, p, r.status, thresholds);
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
    header.body(|ui| {
        if counted.is_none() {
            measured(ui, cx, id, period, right);
        }
        breakdowns(ui, cx, id, period, &mismatches)
    });
}

/// The entered actual's date, source and comment, folded under its period.
fn measured(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    id: Id,
    period: &IndicatorPeriod,
    right: f32,
) {
    let p = period.period;
    let key = |part: &str| format!("indicator:{id}:{p}:{part}");
    let actual = period.actual.as_ref();
    ui.horizontal(|ui| {
        cell(ui, DETAIL_LABEL, |ui| {
            ui.label(egui::RichText::new("Measured").weak())
                .on_hover_text("When the actual was measured")
        });
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
    for (title, part, hint, tip, rows) in [
        (
            "Source",
            "source",
            "source",
            "Where the actual comes from",
            1,
        ),
        ("Comment", "comment", "comment", "A remark on the actual", 2),
    ] {
        ui.horizontal(|ui| {
            cell(ui, DETAIL_LABEL, |ui| {
                ui.label(egui::RichText::new(title).weak())
                    .on_hover_text(tip)
            });
            let current = actual
                .map(|a| {
                    if part == "source" {
                        a.source.clone()
                    } else {
                        a.comment.clone()
                    }
                })
                .unwrap_or_default();
            let name = format!("{title} {p}");
            let mut field = BoundText::new(&current)
                .name(&name)
                .id_salt((format!("period_{part}"), id, p.to_string()))
                .desired_width((right - ui.cursor().min.x - 8.0).max(DATE))
                .hint(hint);
            // A comment is a sentence or two; a source one line.
            if rows > 1 {
                field = field.multiline(rows);
            }
            field.show(ui, cx, key(part), |text| {
                set_actual(id, p, actual, |a| {
                    if part == "source" {
                        a.source = text
                    } else {
                        a.comment = text
                    }
                })
            });
        });
    }
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
                ("Dimension", CATEGORY),
                ("Category", CATEGORY),
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
                .sized(CATEGORY)
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
                .sized(CATEGORY)
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

/// The indicator as a whole: its latest actual by today against the life-of-programme target.
fn overall(
    ui: &mut egui::Ui,
    cx: &ViewContext<'_>,
    node: Id,
    indicator: &Indicator,
    thresholds: &ResultThresholds,
) {
    let overall = results::overall(cx.project, node, indicator, cx.today);
    let (percent, status) = (overall.percent, overall.status);
    if status == Status::NoData && indicator.periods.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let tip = format!(
            "{}\nCounts the latest actual known by today, {}",
            thresholds_text(thresholds),
            cx.today
        );
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
