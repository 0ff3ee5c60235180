//! The month calendar: weeks from Monday, each session a bar across its days, sessions known
//! only to the month listed apart. Click a bar to open its activity; double-click a day to add
//! an activity on it.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use egui::{Role, Sense, WidgetInfo};

use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{Activity, Id, Place, Precision, Session, Status};
use crate::plan::calendar::{self, MonthLayout};
use crate::session::Revision;
use crate::ui::actions::Action;
use crate::ui::context::ViewContext;

#[derive(Default)]
pub struct CalendarState {
    /// First day of the month shown; the current month until the user moves.
    pub month: Option<NaiveDate>,
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

pub fn status_color(status: Status) -> egui::Color32 {
    match status {
        Status::Proposed => egui::Color32::from_rgb(120, 120, 150),
        Status::Planned => egui::Color32::from_rgb(70, 110, 180),
        Status::Confirmed => egui::Color32::from_rgb(40, 120, 200),
        Status::UnderWay => egui::Color32::from_rgb(200, 130, 30),
        Status::Done => egui::Color32::from_rgb(60, 150, 80),
        Status::Postponed => egui::Color32::from_rgb(150, 100, 60),
        Status::Cancelled => egui::Color32::from_rgb(120, 120, 120),
    }
}

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
    ui.horizontal(|ui| {
        if ui
            .button("◀ Previous")
            .on_hover_text("The month before (Page Up)")
            .clicked()
        {
            state.month = Some(calendar::shift_months(month, -1));
        }
        if ui
            .button("Today")
            .on_hover_text("The current month")
            .clicked()
        {
            state.month = Some(calendar::month_of(cx.today));
        }
        if ui
            .button("Next ▶")
            .on_hover_text("The month after (Page Down)")
            .clicked()
        {
            state.month = Some(calendar::shift_months(month, 1));
        }
        ui.heading(format!(
            "{} {}",
            MONTH_NAMES[month.month0() as usize],
            month.year()
        ));
    });
    if !ui.ctx().egui_wants_keyboard_input() {
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::PageUp)) {
            state.month = Some(calendar::shift_months(month, -1));
        }
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::PageDown)) {
            state.month = Some(calendar::shift_months(month, 1));
        }
    }
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
        .show(ui, |ui| grid(ui, cx, &shown));
}

fn grid(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, shown: &Shown) {
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
        let lanes = layout.lanes[week].max(2);
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
            let fill = if date == cx.today {
                visuals.selection.bg_fill.gamma_multiply(0.35)
            } else if !in_month || day >= 5 {
                visuals.faint_bg_color
            } else {
                visuals.extreme_bg_color
            };
            ui.painter().rect_filled(cell.shrink(1.0), 2.0, fill);
            ui.painter().text(
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
            let response = response.on_hover_text(format!(
                "{}: double-click (or right-click) to add an activity on this day",
                full_date(date)
            ));
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
        for bar in layout.bars.iter().filter(|b| b.week == week) {
            let Some(activity) = shown.activity(cx.project, bar.activity) else {
                continue;
            };
            let left = row.left()
                + column * bar.first_column as f32
                + if bar.continues_before { 0.0 } else { 3.0 };
            let right = row.left() + column * (bar.last_column + 1) as f32
                - if bar.continues_after { 0.0 } else { 3.0 };
            let top = row.top() + line + 8.0 + bar.lane as f32 * (bar_height + 2.0);
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
        }
    }
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
    let at = cx.project.activities.len();
    cx.emit(Action::Apply(Edit::new(
        Command::InsertActivities(vec![(at, activity)]),
        "Add activity",
    )));
    cx.emit(Action::ShowActivity(id));
}
