//! The month calendar: weeks from Monday, each session a bar across its days, committee
//! meetings and public holidays on their days, sessions known only to the month listed apart.
//! Click a bar to open its activity; click a day to choose it for a new activity or session,
//! double-click it to add an activity on it.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use egui::{Role, Sense, WidgetInfo};

use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{Activity, Id, Place, Precision, Session};
use crate::plan::calendar::{self, DateShown, MonthLayout};
use crate::session::Revision;
use crate::ui::actions::{Action, View};
use crate::ui::context::ViewContext;
use crate::ui::theme::status_color;

#[derive(Default)]
pub struct CalendarState {
    /// First day of the month shown; the current month until the user moves.
    pub month: Option<NaiveDate>,
    /// The day last clicked, where "Add activity here" and a new session go.
    pub day: Option<NaiveDate>,
    /// Set by Ctrl+G: show the selected activity's month next frame.
    pub go_to_selection: bool,
    layout: Option<(Revision, NaiveDate, std::sync::Arc<Shown>)>,
}

/// A month's layout and where its activities are in the project's list, so that drawing
/// looks each one up directly instead of searching all activities every frame.
struct Shown {
    layout: MonthLayout,
    positions: HashMap<Id, usize>,
}

impl Shown {
    fn new(project: &crate::model::Project, month: NaiveDate) -> Self {
        let layout = calendar::layout(project, month);
        let wanted: HashSet<Id> = layout
            .bars
            .iter()
            .map(|b| b.activity)
            .chain(layout.month_only.iter().map(|m| m.activity))
            .collect();
        let positions = project
            .activities
            .iter()
            .enumerate()
            .filter(|(_, a)| wanted.contains(&a.id))
            .map(|(i, a)| (a.id, i))
            .collect();
        Shown { layout, positions }
    }

    fn activity<'p>(&self, project: &'p crate::model::Project, id: Id) -> Option<&'p Activity> {
        let &i = self.positions.get(&id)?;
        project.activities.get(i).filter(|a| a.id == id)
    }
}

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn full_date(date: NaiveDate) -> String {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    format!(
        "{} {} {} {}",
        DAYS[date.weekday().num_days_from_monday() as usize],
        date.day(),
        MONTH_NAMES[date.month0() as usize],
        date.year()
    )
}

pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut CalendarState) {
    // Open on today's month, or on the programme's first month when today is outside it.
    let programme = &cx.project.programme;
    let home = if (programme.start..=programme.end).contains(&cx.today) {
        calendar::month_of(cx.today)
    } else {
        calendar::month_of(programme.start)
    };
    let month = *state.month.get_or_insert(home);
    let mut go = None;
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("◀ Previous")
            .on_hover_text("The month before (Page Up)")
            .clicked()
        {
            go = Some(calendar::shift_months(month, -1));
        }
        if ui
            .button("Today")
            .on_hover_text("The current month")
            .clicked()
        {
            go = Some(calendar::month_of(cx.today));
        }
        if ui
            .button("Next ▶")
            .on_hover_text("The month after (Page Down)")
            .clicked()
        {
            go = Some(calendar::shift_months(month, 1));
        }
        if let Some(picked) = month_picker(ui, cx, month) {
            go = Some(picked);
        }
        let pressed = std::mem::take(&mut state.go_to_selection);
        if let Some(to) = go_to_selection(ui, cx, pressed) {
            go = Some(to);
        }
        ui.separator();
        add_here(ui, cx, state);
        ui.heading(format!(
            "{} {}",
            MONTH_NAMES[month.month0() as usize],
            month.year()
        ));
    });
    if !ui.ctx().egui_wants_keyboard_input() && !cx.modal_open {
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::PageUp)) {
            go = Some(calendar::shift_months(month, -1));
        }
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::PageDown)) {
            go = Some(calendar::shift_months(month, 1));
        }
    }
    if let Some(to) = go {
        // The month moved to is where a new session goes, until a day in it is clicked.
        state.month = Some(to);
        state.day = None;
        cx.date_shown.set(Some(DateShown::Month(to)));
    }
    egui::Panel::bottom("calendar_status_legend")
        .show_separator_line(false)
        .show(ui, crate::ui::theme::status_legend);
    let month = state.month.unwrap_or(month);
    let shown = match &state.layout {
        Some((revision, shown_month, shown))
            if *revision == cx.revision && *shown_month == month =>
        {
            shown.clone()
        }
        _ => {
            let shown = std::sync::Arc::new(Shown::new(cx.project, month));
            state.layout = Some((cx.revision, month, shown.clone()));
            shown
        }
    };
    let layout = &shown.layout;
    if !layout.month_only.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new("Known only to the month:").strong());
            for entry in &layout.month_only {
                let Some(activity) = shown.activity(cx.project, entry.activity) else {
                    continue;
                };
                let session = activity.sessions.iter().find(|s| s.id == entry.session);
                let when = session.map(|s| s.date_label()).unwrap_or_default();
                if ui
                    .link(format!("{} ({when})", activity.title))
                    .on_hover_text("Open this activity in the workplan")
                    .clicked()
                {
                    cx.emit(Action::ShowActivity(activity.id));
                }
            }
        });
    }
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| grid(ui, cx, state, &shown));
}

/// The month and the year as two drop-down lists: any month of the programme in two clicks.
fn month_picker(ui: &mut egui::Ui, cx: &ViewContext<'_>, month: NaiveDate) -> Option<NaiveDate> {
    let mut picked = None;
    let month_label = ui.label("Month");
    let mut m = month.month0();
    egui::ComboBox::from_id_salt("calendar_month")
        .selected_text(MONTH_NAMES[m as usize])
        .show_ui(ui, |ui| {
            for (i, name) in MONTH_NAMES.iter().enumerate() {
                ui.selectable_value(&mut m, i as u32, *name);
            }
        })
        .response
        .labelled_by(month_label.id)
        .on_hover_text("Show another month of this year");
    if m != month.month0() {
        picked = month.with_month0(m);
    }
    let year_label = ui.label("Year");
    // The programme's years, a year either side, and the year shown and today's.
    let p = &cx.project.programme;
    let first = (p.start.year() - 1).min(month.year()).min(cx.today.year());
    let last = (p.end.year() + 1).max(month.year()).max(cx.today.year());
    let mut y = month.year();
    egui::ComboBox::from_id_salt("calendar_year")
        .selected_text(y.to_string())
        .show_ui(ui, |ui| {
            for year in first..=last {
                ui.selectable_value(&mut y, year, year.to_string());
            }
        })
        .response
        .labelled_by(year_label.id)
        .on_hover_text("Show this month of another year");
    if y != month.year() {
        picked = month.with_year(y);
    }
    picked
}

/// "Go to selection": the month of the selected activity's first session.
fn go_to_selection(ui: &mut egui::Ui, cx: &ViewContext<'_>, pressed: bool) -> Option<NaiveDate> {
    let activity = cx.selected.and_then(|id| cx.project.activity(id));
    let first = activity.and_then(|a| a.sessions.iter().map(|s| s.start).min());
    let button = ui
        .add_enabled(first.is_some(), egui::Button::new("Go to selection"))
        .on_hover_text("Show the month of the selected activity's first session (Ctrl+G)")
        .on_disabled_hover_text(if activity.is_some() {
            "The selected activity has no dates yet"
        } else {
            "Select an activity (here, in the workplan or the timeline) to go to its month"
        });
    if button.clicked() || pressed {
        first.map(calendar::month_of)
    } else {
        None
    }
}

/// "Add activity here": a new activity on the day last clicked.
fn add_here(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &CalendarState) {
    let button = ui
        .add_enabled(state.day.is_some(), egui::Button::new("Add activity here"))
        .on_disabled_hover_text("Click a day first, then add an activity on it");
    let button = match state.day {
        Some(day) => button.on_hover_text(format!("Add an activity on {}", full_date(day))),
        None => button,
    };
    if button.clicked()
        && let Some(day) = state.day
    {
        add_activity_on(cx, day);
    }
}

fn grid(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut CalendarState, shown: &Shown) {
    let layout = &shown.layout;
    let width = ui.available_width().max(7.0 * 60.0);
    let column = width / 7.0;
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let bar_height = line + 4.0;
    let header = line + 6.0;
    let (header_rect, _) = ui.allocate_exact_size(egui::vec2(width, header), Sense::hover());
    for (i, name) in DAY_NAMES.iter().enumerate() {
        let x = header_rect.left() + column * (i as f32 + 0.5);
        ui.painter().text(
            egui::pos2(x, header_rect.center().y),
            egui::Align2::CENTER_CENTER,
            name,
            egui::TextStyle::Body.resolve(ui.style()),
            ui.visuals().strong_text_color(),
        );
    }
    let visuals = ui.visuals().clone();
    for (week, &monday) in layout.weeks.iter().enumerate() {
        let sunday = monday + Days::new(6);
        let meetings: Vec<_> = layout
            .meetings
            .iter()
            .filter(|(date, ..)| (monday..=sunday).contains(date))
            .collect();
        // Meetings take the first lane of their week, above the activities.
        let first_lane = usize::from(!meetings.is_empty());
        let lanes = (layout.lanes[week] + first_lane).max(2);
        let height = line + 8.0 + lanes as f32 * (bar_height + 2.0) + 4.0;
        let (row, _) = ui.allocate_exact_size(egui::vec2(width, height), Sense::hover());
        // A busy month can be much taller than the window: draw only what is on screen.
        if !ui.is_rect_visible(row) {
            continue;
        }
        for day in 0..7 {
            let date = monday + Days::new(day as u64);
            let cell = egui::Rect::from_min_size(
                egui::pos2(row.left() + column * day as f32, row.top()),
                egui::vec2(column, height),
            );
            let response = ui.interact(cell, ui.scope_id().with(("day", date)), Sense::click());
            response.widget_info(|| WidgetInfo::labeled(Role::Cell, true, full_date(date)));
            let in_month = date.month() == layout.first_of_month.month();
            let holiday = layout.holidays.get(&date);
            let fill = if date == cx.today {
                visuals.selection.bg_fill.gamma_multiply(0.35)
            } else if holiday.is_some() {
                visuals.widgets.inactive.bg_fill
            } else if !in_month {
                // Days of the months around: the panel's own colour, apart from weekends.
                visuals.panel_fill
            } else if day >= 5 {
                visuals.faint_bg_color
            } else {
                visuals.extreme_bg_color
            };
            ui.painter().rect_filled(cell.shrink(1.0), 2.0, fill);
            if state.day == Some(date) {
                ui.painter().rect_stroke(
                    cell.shrink(1.5),
                    2.0,
                    visuals.selection.stroke,
                    egui::StrokeKind::Inside,
                );
            }
            let number = ui.painter().text(
                cell.left_top() + egui::vec2(6.0, 4.0),
                egui::Align2::LEFT_TOP,
                date.day().to_string(),
                egui::TextStyle::Body.resolve(ui.style()),
                if in_month {
                    visuals.text_color()
                } else {
                    visuals.weak_text_color()
                },
            );
            if let Some(names) = holiday {
                holiday_label(ui, cell, number.right() + 6.0, line, date, names);
            }
            let hint = match holiday {
                Some(names) => format!("{} — {}", full_date(date), names.join(", ")),
                None => full_date(date),
            };
            let response = response.on_hover_text(format!(
                "{hint}\nClick to choose this day for a new activity or session; \
                 double-click (or right-click) to add an activity on it"
            ));
            if response.clicked() {
                state.day = Some(date);
                cx.date_shown.set(Some(DateShown::Day(date)));
            }
            if response.double_clicked() {
                add_activity_on(cx, date);
            }
            response.context_menu(|ui| {
                if ui
                    .button(format!("Add an activity on {}", full_date(date)))
                    .clicked()
                {
                    add_activity_on(cx, date);
                    ui.close();
                }
            });
        }
        for &&(date, id, number) in &meetings {
            let column_index = date.weekday().num_days_from_monday() as f32;
            let top = row.top() + line + 8.0;
            let rect = egui::Rect::from_min_size(
                egui::pos2(row.left() + column * column_index + 3.0, top),
                egui::vec2(column - 6.0, bar_height),
            );
            meeting_entry(ui, cx, rect, (date, id, number));
        }
        for bar in layout.bars.iter().filter(|b| b.week == week) {
            let Some(activity) = shown.activity(cx.project, bar.activity) else {
                continue;
            };
            let left = row.left()
                + column * bar.first_column as f32
                + if bar.continues_before { 0.0 } else { 3.0 };
            let right = row.left() + column * (bar.last_column + 1) as f32
                - if bar.continues_after { 0.0 } else { 3.0 };
            let lane = bar.lane + first_lane;
            let top = row.top() + line + 8.0 + lane as f32 * (bar_height + 2.0);
            let rect = egui::Rect::from_min_max(
                egui::pos2(left, top),
                egui::pos2(right, top + bar_height),
            );
            if !ui.is_rect_visible(rect) {
                continue;
            }
            let response = ui.interact(
                rect,
                ui.scope_id().with(("bar", bar.session, week)),
                Sense::click(),
            );
            response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &activity.title));
            let color = status_color(activity.status);
            let fill = if response.hovered() {
                color
            } else {
                color.gamma_multiply(0.85)
            };
            ui.painter().rect_filled(rect, 3.0, fill);
            if cx.selected == Some(activity.id) {
                ui.painter().rect_stroke(
                    rect.expand(1.0),
                    3.0,
                    visuals.selection.stroke,
                    egui::StrokeKind::Outside,
                );
            }
            let text_rect = rect.shrink2(egui::vec2(5.0, 0.0));
            let painter = ui
                .painter()
                .with_clip_rect(text_rect.intersect(ui.clip_rect()));
            painter.text(
                text_rect.left_center(),
                egui::Align2::LEFT_CENTER,
                &activity.title,
                egui::TextStyle::Small.resolve(ui.style()),
                egui::Color32::WHITE,
            );
            let session = activity.sessions.iter().find(|s| s.id == bar.session);
            let when = session.map(|s| s.date_label()).unwrap_or_default();
            let place = session.map(|s| s.place.label()).unwrap_or_default();
            let response = response.on_hover_text(format!(
                "{}\n{when} {place}\n{}",
                activity.title,
                activity.status.label()
            ));
            if response.clicked() {
                cx.emit(Action::ShowActivity(activity.id));
            }
            response.context_menu(|ui| {
                crate::ui::views::timeline::activity_menu(ui, cx, activity, View::Calendar);
            });
        }
    }
}

/// A public holiday's name beside the day's number, with the full names on hover.
fn holiday_label(
    ui: &mut egui::Ui,
    cell: egui::Rect,
    left: f32,
    line: f32,
    date: NaiveDate,
    names: &[String],
) {
    let rect = egui::Rect::from_min_max(
        egui::pos2(left, cell.top() + 4.0),
        egui::pos2(cell.right() - 4.0, cell.top() + 4.0 + line),
    );
    if rect.width() <= 0.0 {
        return;
    }
    let text = names.join(", ");
    // Cut with "…" rather than at the cell's edge, in the body's colour: a grey name on the
    // grey of a holiday was hard to read.
    crate::ui::widgets::one_line::paint_one_line(
        &ui.painter().with_clip_rect(rect.intersect(ui.clip_rect())),
        rect.left_center(),
        text.clone(),
        egui::TextStyle::Small.resolve(ui.style()),
        ui.visuals().text_color(),
        rect.width(),
    );
    // Hover only, so that a click still chooses the day below.
    let response = ui.interact(rect, ui.scope_id().with(("holiday", date)), Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &text));
    response.on_hover_text(format!("Public holiday: {text}"));
}

/// A committee meeting on its day, in the committee's colour; a click opens the committee.
fn meeting_entry(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    rect: egui::Rect,
    (date, id, number): (NaiveDate, Id, u32),
) {
    if !ui.is_rect_visible(rect) {
        return;
    }
    let label = format!("Steering committee meeting {number}");
    let response = ui.interact(rect, ui.scope_id().with(("meeting", id)), Sense::click());
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
    let color = ui.visuals().hyperlink_color;
    let stroke = if response.hovered() { 2.0 } else { 1.0 };
    ui.painter()
        .rect_filled(rect, 3.0, ui.visuals().extreme_bg_color);
    ui.painter().rect_stroke(
        rect,
        3.0,
        egui::Stroke::new(stroke, color),
        egui::StrokeKind::Inside,
    );
    let text_rect = rect.shrink2(egui::vec2(5.0, 0.0));
    ui.painter()
        .with_clip_rect(text_rect.intersect(ui.clip_rect()))
        .text(
            text_rect.left_center(),
            egui::Align2::LEFT_CENTER,
            format!("◆ Committee meeting {number}"),
            egui::TextStyle::Small.resolve(ui.style()),
            color,
        );
    let place = cx
        .project
        .committee
        .meetings
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.place.label())
        .unwrap_or_default();
    let response = response.on_hover_text(format!(
        "{label}\n{} {place}\nClick to open the committee",
        full_date(date)
    ));
    if response.clicked() {
        cx.emit(Action::ShowView(View::Committee));
    }
    response.context_menu(|ui| {
        if ui.button("Open the committee").clicked() {
            cx.emit(Action::ShowView(View::Committee));
            ui.close();
        }
    });
}

fn add_activity_on(cx: &mut ViewContext<'_>, date: NaiveDate) {
    let mut activity = crate::ui::views::workplan::new_activity(cx);
    activity.sessions.push(Session {
        id: cx.new_id(),
        start: date,
        end: None,
        precision: Precision::Day,
        place: Place::default(),
    });
    let id = activity.id;
    // The day has served: a session added next goes by its month.
    cx.date_shown
        .set(Some(DateShown::Month(calendar::month_of(date))));
    let at = cx.project.activities.len();
    cx.emit(Action::Apply(Edit::new(
        Command::InsertActivities(vec![(at, activity)]),
        "Add activity",
    )));
    cx.emit(Action::ShowActivity(id));
}
