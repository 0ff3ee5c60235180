//! The timeline (Gantt): activities as bars on a time scale, grouped by pillar and objective,
//! with the programme period shaded, a line for today and committee meetings as diamonds.
//! Drag a bar to move an activity; drag an end to lengthen or shorten a session.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate};
use egui::{Role, Sense, WidgetInfo};

use super::actions::Action;
use super::app::{Revision, ViewContext};
use super::calendar_view::status_color;
use crate::commands::Command;
use crate::history::Edit;
use crate::model::{Id, Precision};
use crate::timeline::{self, Row, Zoom};

#[derive(Default)]
pub struct TimelineState {
    pub zoom: Zoom,
    pub collapsed: HashSet<Option<Id>>,
    rows: Option<CachedRows>,
    /// The dates the scale covers, per revision: finding them reads every session.
    extent: Option<(Revision, (NaiveDate, NaiveDate))>,
    drag: Option<Drag>,
    /// The zoom the view was last scrolled into place for.
    positioned: Option<Zoom>,
}

/// Rows for one revision and set of collapsed groups.
type CachedRows = (Revision, HashSet<Option<Id>>, Arc<Vec<Row>>);

#[derive(Clone, Copy, Debug, PartialEq)]
enum Grip {
    Move,
    Start,
    End,
}

#[derive(Clone, Copy, Debug)]
struct Drag {
    session: Id,
    grip: Grip,
    days: i64,
}

const LABEL_WIDTH: f32 = 300.0;
const HEADER: f32 = 40.0;

fn rows(cx: &ViewContext<'_>, state: &mut TimelineState) -> Arc<Vec<Row>> {
    if let Some((revision, collapsed, rows)) = &state.rows
        && *revision == cx.revision
        && *collapsed == state.collapsed
    {
        return rows.clone();
    }
    let rows = Arc::new(timeline::rows(cx.project, &state.collapsed));
    state.rows = Some((cx.revision, state.collapsed.clone(), rows.clone()));
    rows
}

pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut TimelineState) {
    ui.horizontal(|ui| {
        ui.label("Zoom:");
        for zoom in Zoom::ALL {
            if ui
                .selectable_label(state.zoom == zoom, zoom.label())
                .on_hover_text(format!(
                    "Show the timeline by {}",
                    zoom.label().to_lowercase()
                ))
                .clicked()
            {
                state.zoom = zoom;
            }
        }
        ui.separator();
        if ui
            .button("Expand all")
            .on_hover_text("Open every group")
            .clicked()
        {
            state.collapsed.clear();
        }
        if ui
            .button("Collapse all")
            .on_hover_text("Close every group")
            .clicked()
        {
            state.collapsed = rows(cx, state)
                .iter()
                .filter_map(|r| match r {
                    Row::Group { node, .. } => Some(*node),
                    _ => None,
                })
                .collect();
        }
        ui.separator();
        ui.label(egui::RichText::new("Drag a bar to move it, its ends to change its dates").weak());
    });
    if cx.project.activities.is_empty() && cx.project.committee.meetings.is_empty() {
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.heading("Nothing to show yet");
            ui.label("Activities with dates and committee meetings appear here on a time line.");
        });
        return;
    }
    let rows = rows(cx, state);
    let (first, last) = match state.extent {
        Some((revision, extent)) if revision == cx.revision => extent,
        _ => {
            let extent = timeline::extent(cx.project);
            state.extent = Some((cx.revision, extent));
            extent
        }
    };
    let day = state.zoom.day_width();
    let days = (last - first).num_days() as f32 + 1.0;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    // One extra row at the top for the committee's meetings.
    let total_rows = rows.len() + 1;
    let content = egui::vec2(
        LABEL_WIDTH + days * day,
        HEADER + total_rows as f32 * row_height,
    );
    let x_of = |date: NaiveDate, origin: f32| {
        origin + LABEL_WIDTH + (date - first).num_days() as f32 * day
    };
    let mut scroll = egui::ScrollArea::both().auto_shrink(false);
    if state.positioned != Some(state.zoom) {
        // Start at today when it falls in the programme, else at the programme's start.
        let p = &cx.project.programme;
        let focus = if (p.start..=p.end).contains(&cx.today) {
            cx.today
        } else {
            p.start
        };
        let x = (focus - first).num_days() as f32 * day - 40.0;
        scroll = scroll.horizontal_scroll_offset(x.max(0.0));
        state.positioned = Some(state.zoom);
    }
    scroll.show_viewport(ui, |ui, viewport| {
        ui.set_min_size(content);
        let origin = ui.min_rect().left_top();
        let clip = ui.clip_rect();
        let painter = ui.painter().clone();
        let visuals = ui.visuals().clone();
        let chart_left = clip.left() + LABEL_WIDTH;
        // Programme period, today, and the header.
        let p = &cx.project.programme;
        let period = egui::Rect::from_x_y_ranges(
            x_of(p.start, origin.x).max(chart_left)..=x_of(p.end + Days::new(1), origin.x),
            clip.top()..=clip.bottom(),
        );
        if period.width() > 0.0 {
            painter.rect_filled(period, 0.0, visuals.selection.bg_fill.gamma_multiply(0.12));
        }
        let (upper, lower) = timeline::ticks(first, last, state.zoom);
        let small = egui::TextStyle::Small.resolve(ui.style());
        let header_top = clip.top();
        painter.rect_filled(
            egui::Rect::from_min_size(
                egui::pos2(clip.left(), header_top),
                egui::vec2(clip.width(), HEADER),
            ),
            0.0,
            visuals.panel_fill,
        );
        for (date, label) in &upper {
            let x = x_of(*date, origin.x);
            if x < chart_left || x > clip.right() {
                continue;
            }
            painter.vline(
                x,
                header_top..=clip.bottom(),
                egui::Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
            );
            painter.text(
                egui::pos2(x + 3.0, header_top + 2.0),
                egui::Align2::LEFT_TOP,
                label,
                small.clone(),
                visuals.strong_text_color(),
            );
        }
        for (date, label) in &lower {
            let x = x_of(*date, origin.x);
            if x < chart_left || x > clip.right() {
                continue;
            }
            painter.vline(
                x,
                (header_top + HEADER / 2.0)..=(header_top + HEADER),
                egui::Stroke::new(1.0, visuals.weak_text_color()),
            );
            painter.text(
                egui::pos2(x + 2.0, header_top + HEADER / 2.0 + 2.0),
                egui::Align2::LEFT_TOP,
                label,
                small.clone(),
                visuals.weak_text_color(),
            );
        }
        let today = x_of(cx.today, origin.x);
        if today >= chart_left && today <= clip.right() {
            painter.vline(
                today,
                header_top..=clip.bottom(),
                egui::Stroke::new(1.5, visuals.warn_fg_color),
            );
            painter.text(
                egui::pos2(today + 3.0, header_top + HEADER - 2.0),
                egui::Align2::LEFT_BOTTOM,
                "today",
                small.clone(),
                visuals.warn_fg_color,
            );
        }
        // Visible rows only.
        let first_row = ((viewport.top() - HEADER) / row_height).floor().max(0.0) as usize;
        let last_row =
            (((viewport.bottom() - HEADER) / row_height).ceil() as usize + 1).min(total_rows);
        for row_index in first_row..last_row {
            let top = origin.y + HEADER + row_index as f32 * row_height;
            if top + row_height < clip.top() + HEADER {
                continue;
            }
            let row_rect = egui::Rect::from_min_size(
                egui::pos2(clip.left(), top),
                egui::vec2(clip.width(), row_height),
            );
            let label_rect =
                egui::Rect::from_min_size(row_rect.min, egui::vec2(LABEL_WIDTH - 4.0, row_height));
            let chart_painter = painter.with_clip_rect(egui::Rect::from_x_y_ranges(
                chart_left..=clip.right(),
                (clip.top() + HEADER)..=clip.bottom(),
            ));
            let label_painter = painter.with_clip_rect(label_rect.intersect(
                egui::Rect::from_x_y_ranges(clip.x_range(), (clip.top() + HEADER)..=clip.bottom()),
            ));
            if row_index == 0 {
                label_painter.text(
                    label_rect.left_center() + egui::vec2(4.0, 0.0),
                    egui::Align2::LEFT_CENTER,
                    "Steering committee meetings",
                    egui::TextStyle::Body.resolve(ui.style()),
                    visuals.strong_text_color(),
                );
                for meeting in &cx.project.committee.meetings {
                    let x = x_of(meeting.date, origin.x) + day / 2.0;
                    let c = egui::pos2(x, row_rect.center().y);
                    let r = row_height * 0.35;
                    let diamond = vec![
                        c + egui::vec2(0.0, -r),
                        c + egui::vec2(r, 0.0),
                        c + egui::vec2(0.0, r),
                        c + egui::vec2(-r, 0.0),
                    ];
                    chart_painter.add(egui::Shape::convex_polygon(
                        diamond,
                        visuals.hyperlink_color,
                        egui::Stroke::NONE,
                    ));
                    let hit = egui::Rect::from_center_size(c, egui::vec2(2.0 * r, 2.0 * r));
                    if hit.left() >= chart_left {
                        let response = ui.interact(
                            hit,
                            ui.scope_id().with(("meeting", meeting.id)),
                            Sense::hover(),
                        );
                        response.widget_info(|| {
                            WidgetInfo::labeled(
                                Role::Image,
                                true,
                                format!("Meeting {}", meeting.number),
                            )
                        });
                        response.on_hover_text(format!(
                            "Meeting {} — {}, {}",
                            meeting.number,
                            meeting.date,
                            meeting.place.label()
                        ));
                    }
                }
                continue;
            }
            let heading = match &rows[row_index - 1] {
                Row::Group { node, title, count } => Some((*node, title, *count, 0.0)),
                Row::Subgroup { node, title, count } => Some((Some(*node), title, *count, 16.0)),
                Row::Activity { .. } => None,
            };
            match &rows[row_index - 1] {
                _ if heading.is_some() => {
                    let (key, title, count, indent) = heading.expect("checked");
                    let open = !state.collapsed.contains(&key);
                    painter.rect_filled(row_rect.intersect(clip), 0.0, visuals.faint_bg_color);
                    let response = ui.interact(
                        label_rect,
                        ui.scope_id().with(("group", key)),
                        Sense::click(),
                    );
                    let text = format!("{} {title} ({count})", if open { "⏷" } else { "⏵" });
                    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, title.clone()));
                    label_painter.text(
                        label_rect.left_center() + egui::vec2(4.0 + indent, 0.0),
                        egui::Align2::LEFT_CENTER,
                        text,
                        egui::TextStyle::Body.resolve(ui.style()),
                        visuals.strong_text_color(),
                    );
                    if response
                        .on_hover_text(if open {
                            "Collapse this group"
                        } else {
                            "Expand this group"
                        })
                        .clicked()
                        && !state.collapsed.remove(&key)
                    {
                        state.collapsed.insert(key);
                    }
                }
                Row::Activity { activity, index } => {
                    let Some(activity) = cx
                        .project
                        .activities
                        .get(*index)
                        .filter(|a| a.id == *activity)
                    else {
                        continue;
                    };
                    let title_response = ui.interact(
                        label_rect,
                        ui.scope_id().with(("title", activity.id)),
                        Sense::click(),
                    );
                    title_response.widget_info(|| {
                        WidgetInfo::labeled(Role::Button, true, format!("Open {}", activity.title))
                    });
                    label_painter.text(
                        label_rect.left_center() + egui::vec2(28.0, 0.0),
                        egui::Align2::LEFT_CENTER,
                        &activity.title,
                        egui::TextStyle::Body.resolve(ui.style()),
                        visuals.text_color(),
                    );
                    if title_response
                        .on_hover_text(format!("{} — open it in the workplan", activity.title))
                        .clicked()
                    {
                        cx.emit(Action::ShowActivity(activity.id));
                    }
                    for session in &activity.sessions {
                        let dragging = state.drag.filter(|d| d.session == session.id);
                        let (mut start, mut end) = (session.start, session.last_day());
                        if let Some(d) = dragging {
                            let shift = |date: NaiveDate| date + chrono::Duration::days(d.days);
                            match d.grip {
                                Grip::Move => (start, end) = (shift(start), shift(end)),
                                Grip::Start => start = shift(start).min(end),
                                Grip::End => end = shift(end).max(start),
                            }
                        }
                        let left = x_of(start, origin.x);
                        let right = x_of(end + Days::new(1), origin.x).max(left + 3.0);
                        let bar = egui::Rect::from_x_y_ranges(
                            left..=right,
                            (top + 4.0)..=(top + row_height - 4.0),
                        );
                        let color = status_color(activity.status);
                        let month_only = session.precision == Precision::Month;
                        let fill = if month_only {
                            color.gamma_multiply(0.45)
                        } else {
                            color
                        };
                        if activity.milestone {
                            // No length: a diamond on its day, as for committee meetings.
                            let c = egui::pos2(left + day / 2.0, bar.center().y);
                            let r = row_height * 0.35;
                            let diamond = vec![
                                c + egui::vec2(0.0, -r),
                                c + egui::vec2(r, 0.0),
                                c + egui::vec2(0.0, r),
                                c + egui::vec2(-r, 0.0),
                            ];
                            chart_painter.add(egui::Shape::convex_polygon(
                                diamond,
                                color,
                                egui::Stroke::NONE,
                            ));
                        } else {
                            chart_painter.rect_filled(bar, 3.0, fill);
                        }
                        if month_only {
                            chart_painter.rect_stroke(
                                bar,
                                3.0,
                                egui::Stroke::new(1.0, color),
                                egui::StrokeKind::Inside,
                            );
                        }
                        if bar.right() < chart_left || bar.left() > clip.right() {
                            continue;
                        }
                        let response = ui.interact(
                            bar.intersect(egui::Rect::from_x_y_ranges(
                                chart_left..=clip.right(),
                                clip.y_range(),
                            )),
                            ui.scope_id().with(("bar", session.id)),
                            Sense::click_and_drag(),
                        );
                        response.widget_info(|| {
                            WidgetInfo::labeled(
                                Role::Button,
                                true,
                                format!("{} {}", activity.title, session.date_label()),
                            )
                        });
                        let edge = 6.0_f32.min(bar.width() / 3.0);
                        let near = |x: f32| {
                            response
                                .hover_pos()
                                .or(response.interact_pointer_pos())
                                .is_some_and(|p| (p.x - x).abs() <= edge)
                        };
                        if response.hovered()
                            && !month_only
                            && (near(bar.left()) || near(bar.right()))
                        {
                            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
                        }
                        if response.drag_started() {
                            // Where the button went down decides the grip: by the time a drag
                            // is recognised the pointer has already moved a few points.
                            let pressed = ui.input(|i| i.pointer.press_origin());
                            let near_press =
                                |x: f32| pressed.is_some_and(|p| (p.x - x).abs() <= edge);
                            let grip = if month_only || activity.milestone {
                                Grip::Move
                            } else if near_press(bar.left()) {
                                Grip::Start
                            } else if near_press(bar.right()) {
                                Grip::End
                            } else {
                                Grip::Move
                            };
                            state.drag = Some(Drag {
                                session: session.id,
                                grip,
                                days: 0,
                            });
                        }
                        if response.dragged()
                            && let Some(drag) =
                                state.drag.as_mut().filter(|d| d.session == session.id)
                        {
                            let moved = response
                                .interact_pointer_pos()
                                .zip(ui.input(|i| i.pointer.press_origin()))
                                .map_or(0.0, |(now, from)| now.x - from.x);
                            let step = if month_only { 30.0 } else { 1.0 };
                            drag.days = ((moved / day / step).round() * step) as i64;
                        }
                        if response.drag_stopped()
                            && let Some(drag) = state
                                .drag
                                .take()
                                .filter(|d| d.session == session.id && d.days != 0)
                        {
                            let mut changed = activity.clone();
                            let s = changed
                                .sessions
                                .iter_mut()
                                .find(|s| s.id == session.id)
                                .expect("the dragged session");
                            let shift = |date: NaiveDate| date + chrono::Duration::days(drag.days);
                            let label = match drag.grip {
                                Grip::Move if month_only => {
                                    let months = (drag.days / 30) as i32;
                                    let move_month = |d: NaiveDate| {
                                        crate::calendar::shift_months(
                                            d.with_day0(0).expect("day 1"),
                                            months,
                                        )
                                    };
                                    let new_start = move_month(s.start);
                                    let last_month = move_month(s.last_day());
                                    s.start = new_start;
                                    s.end = Some(
                                        crate::calendar::shift_months(last_month, 1) - Days::new(1),
                                    );
                                    "Move activity"
                                }
                                Grip::Move => {
                                    s.start = shift(s.start);
                                    s.end = s.end.map(shift);
                                    "Move activity"
                                }
                                Grip::Start => {
                                    // The last day stays where it was, also for a one-day session.
                                    let last = s.last_day();
                                    s.start = shift(s.start).min(last);
                                    s.end = (last != s.start).then_some(last);
                                    "Change start"
                                }
                                Grip::End => {
                                    let new_end = shift(s.last_day()).max(s.start);
                                    s.end = (new_end != s.start).then_some(new_end);
                                    "Change end"
                                }
                            };
                            cx.emit(Action::Apply(Edit::new(
                                Command::SetActivity(Box::new(changed)),
                                label,
                            )));
                        }
                        let response = response.on_hover_text(format!(
                            "{}\n{} {}\n{}",
                            activity.title,
                            session.date_label(),
                            session.place.label(),
                            activity.status.label()
                        ));
                        if response.double_clicked() {
                            cx.emit(Action::ShowActivity(activity.id));
                        }
                    }
                }
                _ => {}
            }
        }
        if state.drag.is_some() && !ui.input(|i| i.pointer.any_down()) {
            state.drag = None;
        }
    });
}
