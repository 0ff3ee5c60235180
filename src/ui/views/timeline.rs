//! The timeline (Gantt): activities as bars on a time scale, grouped by pillar and objective,
//! with the programme period shaded, a line for today and committee meetings as diamonds.
//! Drag a bar to move an activity; drag an end to lengthen or shorten a session.

mod links;

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{Days, NaiveDate};
use egui::{Role, Sense, WidgetInfo};

use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{Activity, Id, Precision, Session};
use crate::plan::timeline::{self, Grip, Row, Zoom};
use crate::session::Revision;
use crate::ui::actions::{Action, View};
use crate::ui::context::ViewContext;
use crate::ui::theme::status_color;

#[derive(Default)]
pub struct TimelineState {
    pub zoom: Zoom,
    pub collapsed: HashSet<Option<Id>>,
    /// The activity a click on its row or bar selected, highlighted; a double click opens it.
    pub selected: Option<Id>,
    rows: Option<CachedRows>,
    /// The dates the scale covers, per revision: finding them reads every session.
    extent: Option<(Revision, (NaiveDate, NaiveDate))>,
    drag: Option<Drag>,
    /// Show the start, end and status of each activity beside its title.
    pub task_table: bool,
    /// Set to scroll the chart to the selected activity next frame.
    pub scroll_to_selection: bool,
    /// The offsets the view is being scrolled to (horizontal, vertical), kept until reached:
    /// the scroll area holds an offset to the content of the frame before.
    target: (Option<f32>, Option<f32>),
    /// The scroll offset and the rectangle of the view last frame, for zooming about a date.
    last_view: Option<(egui::Vec2, egui::Rect)>,
    /// The selection seen last frame from other views, to follow a change made there.
    seen_selection: Option<Id>,
    /// Ctrl+scroll gathered until it makes one step of zoom.
    zoom_gathered: f32,
    /// How far the view could scroll last frame.
    last_end: egui::Vec2,
    /// Links, the critical path and moving successors along.
    pub links: links::LinksState,
}

/// Rows for one revision and set of collapsed groups.
type CachedRows = (Revision, HashSet<Option<Id>>, Arc<Vec<Row>>);

#[derive(Clone, Copy, Debug)]
struct Drag {
    activity: Id,
    session: Id,
    grip: Grip,
    days: i64,
}

const LABEL_WIDTH: f32 = 300.0;
/// The title column when the task table is shown, and the width of each of its columns.
const TABLE_TITLE_WIDTH: f32 = 240.0;
const TABLE_COLUMN: f32 = 88.0;
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
    // A selection made in another view is followed here.
    if cx.selected != state.seen_selection {
        state.seen_selection = cx.selected;
        if cx.selected.is_some() {
            state.selected = cx.selected;
        }
    }
    let before = state.zoom;
    toolbar(ui, cx, state);
    if cx.project.activities.is_empty() && cx.project.committee.meetings.is_empty() {
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.heading("Nothing to show yet");
            ui.label("Activities with dates and committee meetings appear here on a time line.");
        });
        return;
    }
    let label_width = if state.task_table {
        TABLE_TITLE_WIDTH + 3.0 * TABLE_COLUMN
    } else {
        LABEL_WIDTH
    };
    // Ctrl+scroll over the chart zooms about the date under the pointer.
    let mut anchor = None;
    if let Some((_, view)) = state.last_view
        && let Some(pointer) = ui.input(|i| i.pointer.hover_pos())
        && view.contains(pointer)
        && pointer.x > view.left() + label_width
        && !cx.modal_open
    {
        let delta = ui.input(|i| i.zoom_delta());
        if delta != 1.0 {
            state.zoom_gathered = if state.zoom_gathered > 0.0 {
                state.zoom_gathered * delta
            } else {
                delta
            };
            // A notch of the wheel, or a pinch of some size, is one step.
            if state.zoom_gathered.ln().abs() > 0.1 {
                let zoom_in = state.zoom_gathered > 1.0;
                state.zoom_gathered = 1.0;
                if let Some(zoom) = timeline::zoom_step(state.zoom, zoom_in) {
                    state.zoom = zoom;
                    anchor = Some(pointer.x - view.left() - label_width);
                }
            }
        }
    }
    let (first, last) = extent(cx, state);
    let day = state.zoom.day_width();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    match state.last_view {
        None => {
            // Start at today when it falls in the programme, else at the programme's start.
            let p = &cx.project.programme;
            let focus = if (p.start..=p.end).contains(&cx.today) {
                cx.today
            } else {
                p.start
            };
            let x = (focus - first).num_days() as f32 * day - timeline::SCROLL_MARGIN;
            state.target.0 = Some(x.max(0.0));
        }
        Some((offset, view)) if state.zoom != before => {
            // Zoomed: the date under the pointer (or in the middle of the chart) stays put.
            let width = (view.width() - label_width).max(0.0);
            let anchor = anchor.unwrap_or(width / 2.0);
            let from = state.target.0.unwrap_or(offset.x);
            state.target.0 = Some(timeline::zoom_offset(from, anchor, before, state.zoom));
        }
        _ => {}
    }
    if std::mem::take(&mut state.scroll_to_selection) {
        scroll_to_selection(cx, state, (first, day, row_height, label_width));
    }
    let rows = rows(cx, state);
    links::prepare(cx, state);
    // One extra row at the top for the committee's meetings.
    let total_rows = rows.len() + 1;
    let days = (last - first).num_days() as f32 + 1.0;
    let content = egui::vec2(
        label_width + days * day,
        HEADER + total_rows as f32 * row_height,
    );
    // An offset beyond what last frame's content allowed makes the scroll area spring back
    // (and overshoot): go as far as that allowed, and the rest once the content has grown.
    let mut scroll = egui::ScrollArea::both().auto_shrink(false);
    let allowed = |target: f32, end: f32| match state.last_view {
        Some(_) => target.min(end),
        None => target,
    };
    if let Some(x) = state.target.0 {
        scroll = scroll.horizontal_scroll_offset(allowed(x, state.last_end.x));
    }
    if let Some(y) = state.target.1 {
        scroll = scroll.vertical_scroll_offset(allowed(y, state.last_end.y));
    }
    let output = scroll.show_viewport(ui, |ui, viewport| {
        ui.set_min_size(content);
        let chart = Chart {
            first,
            day,
            row_height,
            label_width,
            origin: ui.min_rect().left_top(),
            clip: ui.clip_rect(),
            chart_left: ui.clip_rect().left() + label_width,
            painter: ui.painter().clone(),
            visuals: ui.visuals().clone(),
        };
        backdrop(ui, &chart, cx, state, last);
        // The month in the middle of the bars on screen is where a new session goes.
        cx.date_shown
            .set(Some(crate::plan::calendar::DateShown::Month(
                crate::plan::calendar::month_of(
                    chart.date_at(chart.chart_left + (chart.clip.right() - chart.chart_left) / 2.0),
                ),
            )));
        // Visible rows only.
        let first_row = ((viewport.top() - HEADER) / row_height).floor().max(0.0) as usize;
        let last_row =
            (((viewport.bottom() - HEADER) / row_height).ceil() as usize + 1).min(total_rows);
        for row_index in first_row..last_row {
            let top = chart.origin.y + HEADER + row_index as f32 * row_height;
            if top + row_height < chart.clip.top() + HEADER {
                continue;
            }
            let area = chart.row_area(top);
            if row_index == 0 {
                meetings_row(ui, &chart, &area, cx);
                continue;
            }
            match &rows[row_index - 1] {
                Row::Group { node, title, count } => {
                    group_row(ui, &chart, &area, state, (*node, title, *count), 0.0);
                }
                Row::Subgroup { node, title, count } => {
                    group_row(ui, &chart, &area, state, (Some(*node), title, *count), 16.0);
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
                    activity_row(ui, &chart, &area, cx, state, activity);
                }
            }
        }
        links::paint(&chart, cx, state, &rows);
        if state.drag.is_some() && !ui.input(|i| i.pointer.any_down()) {
            state.drag = None;
        }
    });
    // A target counts as reached once the view is there or at the end it can go to, and the
    // content of the frame before already reached that far: the scroll area springs back an
    // offset beyond its last content, so a wider scale takes one more frame.
    let offset = output.state.clamped_offset();
    let end = (output.content_size - output.inner_rect.size()).max(egui::Vec2::ZERO);
    let before = std::mem::replace(&mut state.last_end, end);
    let reached = |target: Option<f32>, offset: f32, end: f32, before: f32| {
        target.is_some_and(|t| {
            let t = t.min(end);
            (offset - t).abs() < 1.0 && t <= before + 1.0
        })
    };
    if reached(state.target.0, offset.x, end.x, before.x) {
        state.target.0 = None;
    }
    if reached(state.target.1, offset.y, end.y, before.y) {
        state.target.1 = None;
    }
    state.last_view = Some((offset, output.inner_rect));
}

/// Sets the offsets that bring the selected activity's row and first bar into view, opening
/// the groups it is in.
fn scroll_to_selection(
    cx: &ViewContext<'_>,
    state: &mut TimelineState,
    (first, day, row_height, label_width): (NaiveDate, f32, f32, f32),
) {
    let Some(id) = state.selected else {
        return;
    };
    let mut shown = rows(cx, state);
    if timeline::find_row(&shown, id).is_none() {
        for key in timeline::groups_of(cx.project, id) {
            state.collapsed.remove(&key);
        }
        shown = rows(cx, state);
    }
    let Some(index) = timeline::find_row(&shown, id) else {
        return;
    };
    let (offset, view) = state
        .last_view
        .unwrap_or((egui::Vec2::ZERO, egui::Rect::ZERO));
    // The meetings' row comes first.
    let top = HEADER + (index + 1) as f32 * row_height;
    state.target.1 = Some(timeline::offset_to_show_row(
        top,
        row_height,
        offset.y,
        view.height(),
        HEADER,
    ));
    let start = cx
        .project
        .activity(id)
        .and_then(|a| a.sessions.iter().map(|s| s.start).min());
    if let Some(start) = start {
        let x = (start - first).num_days() as f32 * day;
        let current = state.target.0.unwrap_or(offset.x);
        state.target.0 = Some(timeline::offset_to_show_x(
            x,
            current,
            (view.width() - label_width).max(0.0),
        ));
    }
}

/// Zoom, expand and collapse, scroll to the selection, the task table, and a hint on
/// dragging.
fn toolbar(ui: &mut egui::Ui, cx: &ViewContext<'_>, state: &mut TimelineState) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Zoom:");
        for zoom in Zoom::ALL {
            if ui
                .selectable_label(state.zoom == zoom, zoom.label())
                .on_hover_text(format!(
                    "Show the timeline by {} (Ctrl+scroll over the chart zooms too)",
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
        let selected = state
            .selected
            .filter(|id| cx.project.activity(*id).is_some());
        if ui
            .add_enabled(selected.is_some(), egui::Button::new("Scroll to selection"))
            .on_hover_text("Bring the selected activity's row and first bar into view (Ctrl+G)")
            .on_disabled_hover_text("Select an activity first (click its bar or title)")
            .clicked()
        {
            state.scroll_to_selection = true;
        }
        ui.checkbox(&mut state.task_table, "Task table")
            .on_hover_text("Show each activity's start, end and status beside its title");
        ui.separator();
        links::toolbar(ui, cx, &mut state.links);
        if cx.is_combined() {
            // Baselines are each programme's; the bars do not move here.
            ui.label(
                egui::RichText::new(
                    "Combined plan, read-only: double-click a bar to edit it in its programme",
                )
                .weak(),
            );
        } else {
            super::baselines::compare_picker(ui, cx);
            ui.separator();
            ui.label(
                egui::RichText::new("Drag a bar to move it, its ends to change its dates").weak(),
            );
        }
    });
    // The combined plan's programmes, as the table and calendar name them.
    if let Some(programmes) = cx.programmes {
        crate::ui::theme::swatch_legend(
            ui,
            "Programmes",
            &programmes.legend(),
            "The stripe at the start of each bar and row: its programme",
        );
    }
    crate::ui::theme::status_legend(ui);
    if let Some(baseline) = cx.baseline() {
        super::timeline_baseline::legend(ui, baseline);
    }
}

/// The dates the scale covers, found again only when the project changed.
fn extent(cx: &ViewContext<'_>, state: &mut TimelineState) -> (NaiveDate, NaiveDate) {
    match state.extent {
        Some((revision, extent)) if revision == cx.revision => extent,
        _ => {
            let extent = timeline::extent(cx.project);
            state.extent = Some((cx.revision, extent));
            extent
        }
    }
}

/// Where the chart is on screen this frame, and how to paint on it.
struct Chart {
    /// The first day of the scale.
    first: NaiveDate,
    /// Points per day.
    day: f32,
    row_height: f32,
    /// The width of the titles (and the task table) left of the bars.
    label_width: f32,
    /// The top left of the scrolled content.
    origin: egui::Pos2,
    clip: egui::Rect,
    /// Where the bars start, right of the row labels.
    chart_left: f32,
    painter: egui::Painter,
    visuals: egui::Visuals,
}

/// One row on screen: its label on the left, its part of the chart on the right.
struct RowArea {
    top: f32,
    rect: egui::Rect,
    label: egui::Rect,
    chart_painter: egui::Painter,
    label_painter: egui::Painter,
}

impl Chart {
    /// The day under `x` on screen.
    fn date_at(&self, x: f32) -> NaiveDate {
        let days = ((x - self.origin.x - self.label_width) / self.day).floor() as i64;
        self.first
            .checked_add_signed(chrono::Duration::days(days))
            .unwrap_or(self.first)
    }

    /// The left edge of `date` on screen.
    fn x_of(&self, date: NaiveDate) -> f32 {
        self.origin.x + self.label_width + (date - self.first).num_days() as f32 * self.day
    }

    fn row_area(&self, top: f32) -> RowArea {
        let clip = self.clip;
        let rect = egui::Rect::from_min_size(
            egui::pos2(clip.left(), top),
            egui::vec2(clip.width(), self.row_height),
        );
        let label = egui::Rect::from_min_size(
            rect.min,
            egui::vec2(self.label_width - 4.0, self.row_height),
        );
        let chart_painter = self.painter.with_clip_rect(egui::Rect::from_x_y_ranges(
            self.chart_left..=clip.right(),
            (clip.top() + HEADER)..=clip.bottom(),
        ));
        let label_painter =
            self.painter
                .with_clip_rect(label.intersect(egui::Rect::from_x_y_ranges(
                    clip.x_range(),
                    (clip.top() + HEADER)..=clip.bottom(),
                )));
        RowArea {
            top,
            rect,
            label,
            chart_painter,
            label_painter,
        }
    }
}

/// Where each column of the task table starts, from the view's left edge `left`.
fn table_columns<T>(left: f32, cells: [T; 4]) -> impl Iterator<Item = (f32, T)> {
    let starts = [
        left + 4.0,
        left + TABLE_TITLE_WIDTH,
        left + TABLE_TITLE_WIDTH + TABLE_COLUMN,
        left + TABLE_TITLE_WIDTH + 2.0 * TABLE_COLUMN,
    ];
    starts.into_iter().zip(cells)
}

/// A diamond around `c`, for a meeting or a milestone.
fn diamond(c: egui::Pos2, r: f32) -> Vec<egui::Pos2> {
    vec![
        c + egui::vec2(0.0, -r),
        c + egui::vec2(r, 0.0),
        c + egui::vec2(0.0, r),
        c + egui::vec2(-r, 0.0),
    ]
}

/// What lies behind the rows: the programme period, the header's ticks, and today's line.
fn backdrop(
    ui: &egui::Ui,
    chart: &Chart,
    cx: &ViewContext<'_>,
    state: &TimelineState,
    last: NaiveDate,
) {
    let zoom = state.zoom;
    let (clip, painter, visuals) = (chart.clip, &chart.painter, &chart.visuals);
    let p = &cx.project.programme;
    let period = egui::Rect::from_x_y_ranges(
        chart.x_of(p.start).max(chart.chart_left)..=chart.x_of(p.end + Days::new(1)),
        clip.top()..=clip.bottom(),
    );
    if period.width() > 0.0 {
        painter.rect_filled(period, 0.0, visuals.selection.bg_fill.gamma_multiply(0.12));
    }
    let (upper, lower) = timeline::ticks(chart.first, last, zoom);
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
    if state.task_table {
        let y = header_top + HEADER - 4.0;
        for (left, heading) in table_columns(clip.left(), ["Activity", "Start", "End", "Status"]) {
            painter.text(
                egui::pos2(left, y),
                egui::Align2::LEFT_BOTTOM,
                heading,
                small.clone(),
                visuals.strong_text_color(),
            );
        }
    }
    let visible = |x: f32| x >= chart.chart_left && x <= clip.right();
    for (date, label) in &upper {
        let x = chart.x_of(*date);
        if !visible(x) {
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
        let x = chart.x_of(*date);
        if !visible(x) {
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
    let today = chart.x_of(cx.today);
    if visible(today) {
        painter.vline(
            today,
            header_top..=clip.bottom(),
            egui::Stroke::new(1.5, visuals.warn_fg_color),
        );
        painter.text(
            egui::pos2(today + 3.0, header_top + HEADER - 2.0),
            egui::Align2::LEFT_BOTTOM,
            "today",
            small,
            visuals.warn_fg_color,
        );
    }
}

/// The first row: the steering committee's meetings as diamonds.
fn meetings_row(ui: &mut egui::Ui, chart: &Chart, area: &RowArea, cx: &ViewContext<'_>) {
    area.label_painter.text(
        area.label.left_center() + egui::vec2(4.0, 0.0),
        egui::Align2::LEFT_CENTER,
        "Steering committee meetings",
        egui::TextStyle::Body.resolve(ui.style()),
        chart.visuals.strong_text_color(),
    );
    for meeting in &cx.project.committee.meetings {
        let x = chart.x_of(meeting.date) + chart.day / 2.0;
        let c = egui::pos2(x, area.rect.center().y);
        let r = chart.row_height * 0.35;
        area.chart_painter.add(egui::Shape::convex_polygon(
            diamond(c, r),
            chart.visuals.hyperlink_color,
            egui::Stroke::NONE,
        ));
        let hit = egui::Rect::from_center_size(c, egui::vec2(2.0 * r, 2.0 * r));
        if hit.left() >= chart.chart_left {
            let response = ui.interact(
                hit,
                ui.scope_id().with(("meeting", meeting.id)),
                Sense::hover(),
            );
            response.widget_info(|| {
                WidgetInfo::labeled(Role::Image, true, format!("Meeting {}", meeting.number))
            });
            response.on_hover_text(format!(
                "Meeting {} — {}, {}",
                meeting.number,
                meeting.date,
                meeting.place.label()
            ));
        }
    }
}

/// A group's heading, which opens and closes it: its key, title and count of activities.
fn group_row(
    ui: &mut egui::Ui,
    chart: &Chart,
    area: &RowArea,
    state: &mut TimelineState,
    (key, title, count): (Option<Id>, &String, usize),
    indent: f32,
) {
    let open = !state.collapsed.contains(&key);
    chart.painter.rect_filled(
        area.rect.intersect(chart.clip),
        0.0,
        chart.visuals.faint_bg_color,
    );
    let response = ui.interact(
        area.label,
        ui.scope_id().with(("group", key)),
        Sense::click(),
    );
    let text = format!("{} {title} ({count})", if open { "⏷" } else { "⏵" });
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, title.clone()));
    paint_title(
        ui,
        area,
        4.0 + indent,
        state.task_table,
        text,
        chart.visuals.strong_text_color(),
    );
    if response
        .on_hover_text(if open {
            format!("{title} — click to collapse")
        } else {
            format!("{title} — click to expand")
        })
        .clicked()
        && !state.collapsed.remove(&key)
    {
        state.collapsed.insert(key);
    }
}

/// A row's title, `indent` from the left, cut with "…" where it would run into the task table
/// or the bars (the whole title is in the row's tooltip).
fn paint_title(
    ui: &egui::Ui,
    area: &RowArea,
    indent: f32,
    task_table: bool,
    text: String,
    color: egui::Color32,
) {
    let width = if task_table {
        TABLE_TITLE_WIDTH
    } else {
        area.label.width()
    };
    crate::ui::widgets::one_line::paint_one_line(
        &area.label_painter,
        area.label.left_center() + egui::vec2(indent, 0.0),
        text,
        egui::TextStyle::Body.resolve(ui.style()),
        color,
        (width - indent - 6.0).max(20.0),
    );
}

/// An activity: its title and a bar per session; a click on either selects the activity, a
/// double click opens it in the workplan.
fn activity_row(
    ui: &mut egui::Ui,
    chart: &Chart,
    area: &RowArea,
    cx: &mut ViewContext<'_>,
    state: &mut TimelineState,
    activity: &Activity,
) {
    let selected = state.selected == Some(activity.id);
    if selected {
        chart.painter.rect_filled(
            area.rect.intersect(chart.clip),
            0.0,
            chart.visuals.selection.bg_fill.gamma_multiply(0.35),
        );
    }
    let title_response = ui.interact(
        area.label,
        ui.scope_id().with(("title", activity.id)),
        Sense::click(),
    );
    title_response
        .widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &activity.title));
    paint_title(
        ui,
        area,
        28.0,
        state.task_table,
        activity.title.clone(),
        chart.visuals.text_color(),
    );
    if state.task_table {
        task_cells(ui, chart, area, activity);
    }
    // In a combined plan, the programme's colour down the row's left edge.
    if let Some(programmes) = cx.programmes
        && let Some(colour) = programmes.colour(activity.id)
    {
        let stripe = egui::Rect::from_min_size(
            area.label.left_top() + egui::vec2(2.0, 3.0),
            egui::vec2(4.0, (area.label.height() - 6.0).max(2.0)),
        );
        ui.painter()
            .with_clip_rect(chart.clip)
            .rect_filled(stripe, 1.0, colour);
    }
    let title_response = title_response.on_hover_text(format!(
        "{} — click to select, double-click to open it in the workplan; right-click for more",
        activity.title
    ));
    click_to_select(&title_response, cx, state, activity.id);
    title_response.context_menu(|ui| activity_menu(ui, cx, activity, View::Timeline));
    for session in &activity.sessions {
        session_bar(ui, chart, area, cx, state, activity, session);
    }
    if let Some(baseline) = cx.baseline() {
        let bottom = area.top + chart.row_height;
        let painter = &area.chart_painter;
        let x_of = |d| chart.x_of(d);
        super::timeline_baseline::bars(
            ui,
            painter,
            baseline,
            cx.revision,
            activity.id,
            bottom,
            x_of,
        );
    }
}

/// One session's bar (a diamond for a milestone), drawn where a drag would drop it; dragged
/// to move or resize the session, clicked to select the activity, double-clicked to open it.
fn session_bar(
    ui: &mut egui::Ui,
    chart: &Chart,
    area: &RowArea,
    cx: &mut ViewContext<'_>,
    state: &mut TimelineState,
    activity: &Activity,
    session: &Session,
) {
    let (start, end) = match state.drag.filter(|d| d.session == session.id) {
        Some(d) => timeline::dragged_span(session.start, session.last_day(), d.grip, d.days),
        None => (session.start, session.last_day()),
    };
    let left = chart.x_of(start);
    let right = chart.x_of(end + Days::new(1)).max(left + 3.0);
    let top = area.top;
    let bar =
        egui::Rect::from_x_y_ranges(left..=right, (top + 4.0)..=(top + chart.row_height - 4.0));
    let month_only = session.precision == Precision::Month;
    paint_bar(chart, area, activity, bar, month_only);
    if let Some(programmes) = cx.programmes
        && let Some(colour) = programmes.colour(activity.id)
    {
        programme_stripe(&area.chart_painter, bar, colour);
    }
    links::decorate_bar(chart, &area.chart_painter, bar, activity, &state.links);
    let clip = chart.clip;
    if bar.right() < chart.chart_left || bar.left() > clip.right() {
        return;
    }
    // A short bar at Quarters or Years is a few points wide: it answers over a few more.
    let (hit_left, hit_right) = timeline::hit_range(bar.left(), bar.right());
    let hit = egui::Rect::from_x_y_ranges(hit_left..=hit_right, bar.y_range());
    let response = ui.interact(
        hit.intersect(egui::Rect::from_x_y_ranges(
            chart.chart_left..=clip.right(),
            clip.y_range(),
        )),
        ui.scope_id().with(("bar", session.id)),
        Sense::click_and_drag(),
    );
    let selected = state.selected == Some(activity.id);
    if selected {
        area.chart_painter.rect_stroke(
            bar.expand(1.5),
            4.0,
            chart.visuals.selection.stroke,
            egui::StrokeKind::Outside,
        );
    }
    response.widget_info(|| {
        WidgetInfo::selected(
            Role::Button,
            true,
            selected,
            format!("{} {}", activity.title, session.date_label()),
        )
    });
    let resizable = !(month_only || activity.milestone);
    // A combined plan is read-only: its bars do not move.
    if !cx.is_combined() {
        drag_bar(ui, &response, cx, state, bar, activity, session, resizable);
    }
    let response = response.on_hover_text(format!(
        "{}\n{} {}\n{}",
        activity.title,
        session.date_label(),
        session.place.label(),
        activity.status.label()
    ));
    click_to_select(&response, cx, state, activity.id);
    response.context_menu(|ui| activity_menu(ui, cx, activity, View::Timeline));
}

/// A click on an activity's row or bar selects it here; a double click opens it in the
/// workplan.
fn click_to_select(
    response: &egui::Response,
    cx: &mut ViewContext<'_>,
    state: &mut TimelineState,
    activity: Id,
) {
    if response.clicked() || response.secondary_clicked() {
        state.selected = Some(activity);
        // The other views follow, without leaving this one.
        cx.emit(Action::SelectActivity(activity));
    }
    if response.double_clicked() {
        cx.emit(if cx.is_combined() {
            Action::OpenInMember(activity)
        } else {
            Action::ShowActivity(activity)
        });
    }
}

/// A programme's colour along the left end of a bar of a combined plan (the bar keeps the
/// colour of its status or group).
pub(crate) fn programme_stripe(painter: &egui::Painter, bar: egui::Rect, colour: egui::Color32) {
    let width = 5.0_f32.min(bar.width());
    let stripe = egui::Rect::from_min_size(bar.left_top(), egui::vec2(width, bar.height()));
    // A light edge keeps the stripe apart from a bar of a similar colour.
    if bar.width() > width + 2.0 {
        painter.vline(
            stripe.right() + 0.5,
            stripe.y_range(),
            egui::Stroke::new(1.0, egui::Color32::from_white_alpha(200)),
        );
    }
    painter.rect_filled(
        stripe,
        egui::CornerRadius {
            nw: 3,
            sw: 3,
            ne: 0,
            se: 0,
        },
        colour,
    );
}

/// A bar in the activity's status colour: paler and outlined when only the months are
/// known, a diamond for a milestone.
fn paint_bar(
    chart: &Chart,
    area: &RowArea,
    activity: &Activity,
    bar: egui::Rect,
    month_only: bool,
) {
    let color = status_color(activity.status);
    let fill = if month_only {
        color.gamma_multiply(0.45)
    } else {
        color
    };
    if activity.milestone {
        // No length: a diamond on its day, as for committee meetings.
        let c = egui::pos2(bar.left() + chart.day / 2.0, bar.center().y);
        let r = chart.row_height * 0.35;
        area.chart_painter.add(egui::Shape::convex_polygon(
            diamond(c, r),
            color,
            egui::Stroke::NONE,
        ));
    } else {
        area.chart_painter.rect_filled(bar, 3.0, fill);
    }
    if month_only {
        area.chart_painter.rect_stroke(
            bar,
            3.0,
            egui::Stroke::new(1.0, color),
            egui::StrokeKind::Inside,
        );
    }
}

/// Follows a drag of the bar: which part was grabbed, by how many days it moved, and on
/// release the edit that gives the session its new dates.
#[allow(clippy::too_many_arguments)]
fn drag_bar(
    ui: &egui::Ui,
    response: &egui::Response,
    cx: &mut ViewContext<'_>,
    state: &mut TimelineState,
    bar: egui::Rect,
    activity: &Activity,
    session: &Session,
    resizable: bool,
) {
    let on_grip = response
        .hover_pos()
        .or(response.interact_pointer_pos())
        .is_some_and(|p| timeline::grip_at(p.x, bar.left(), bar.right(), resizable) != Grip::Move);
    let month_only = session.precision == Precision::Month;
    if response.hovered() && on_grip {
        ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
    }
    if response.drag_started() {
        // Where the button went down decides the grip: by the time a drag is recognised the
        // pointer has already moved a few points.
        let pressed = ui.input(|i| i.pointer.press_origin());
        let grip = pressed.map_or(Grip::Move, |p| {
            timeline::grip_at(p.x, bar.left(), bar.right(), resizable)
        });
        state.drag = Some(Drag {
            activity: activity.id,
            session: session.id,
            grip,
            days: 0,
        });
    }
    if response.dragged()
        && let Some(drag) = state.drag.as_mut().filter(|d| d.session == session.id)
    {
        let moved = response
            .interact_pointer_pos()
            .zip(ui.input(|i| i.pointer.press_origin()))
            .map_or(0.0, |(now, from)| now.x - from.x);
        drag.days = timeline::drag_days(moved, state.zoom, month_only);
        let drag = *drag;
        let hint = links::breaking_hint(cx, state);
        dates_while_dragging(ui, response, session, drag, hint);
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
        *s = timeline::dropped(s, drag.grip, drag.days);
        let edit = links::drop_edit(cx.project, changed, drag.grip.edit_label(), &state.links);
        cx.emit(Action::Apply(edit));
    }
}

/// The dates the session would get if dropped now, beside the pointer while it drags.
fn dates_while_dragging(
    ui: &egui::Ui,
    response: &egui::Response,
    session: &Session,
    drag: Drag,
    breaking: Option<String>,
) {
    let Some(pointer) = response.interact_pointer_pos() else {
        return;
    };
    let dates = timeline::dropped(session, drag.grip, drag.days).date_label();
    egui::Area::new(response.id.with("dates"))
        .order(egui::Order::Tooltip)
        .fixed_pos(pointer + egui::vec2(12.0, -28.0))
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(dates);
                if let Some(breaking) = breaking {
                    ui.label(egui::RichText::new(breaking).color(ui.visuals().error_fg_color));
                }
            });
        });
}

/// The task table's cells of an activity's row: its first day, its last day and its status.
fn task_cells(ui: &mut egui::Ui, chart: &Chart, area: &RowArea, activity: &Activity) {
    let span = crate::plan::workplan::span(activity);
    // Known only to the month: say the months, as the workplan table does, not made-up days.
    let month_only = activity
        .sessions
        .iter()
        .any(|s| s.precision == Precision::Month);
    let date = |d: NaiveDate| {
        if month_only {
            d.format("%b %Y").to_string()
        } else {
            d.format("%-d %b %Y").to_string()
        }
    };
    let start = span.map_or_else(|| "no date".to_string(), |(s, _)| date(s));
    let end = span.map_or_else(String::new, |(_, e)| date(e));
    let small = egui::TextStyle::Small.resolve(ui.style());
    let cells = [
        String::new(),
        start,
        end,
        activity.status.label().to_string(),
    ];
    for (i, (left, text)) in table_columns(area.label.left(), cells).enumerate() {
        if i == 0 {
            continue;
        }
        let rect = egui::Rect::from_min_max(
            egui::pos2(left, area.rect.top()),
            egui::pos2(left + TABLE_COLUMN - 6.0, area.rect.bottom()),
        );
        let color = if i == 3 {
            status_color(activity.status)
        } else {
            chart.visuals.text_color()
        };
        area.label_painter
            .with_clip_rect(rect.intersect(area.label_painter.clip_rect()))
            .text(
                rect.left_center(),
                egui::Align2::LEFT_CENTER,
                &text,
                small.clone(),
                color,
            );
        // Hover only: a click on the row still selects the activity.
        let response = ui.interact(
            rect.intersect(area.label_painter.clip_rect()),
            ui.scope_id().with(("task cell", activity.id, i)),
            Sense::hover(),
        );
        response.widget_info(|| WidgetInfo::labeled(Role::Cell, true, &text));
    }
}

/// What a right-click on an activity offers, in the timeline and the calendar (`here`): open
/// it in the workplan, show it in the other of the two, set its status, delete it (after the
/// usual question).
pub(crate) fn activity_menu(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    activity: &Activity,
    here: View,
) {
    if let Some(programmes) = cx.programmes {
        let name = programmes.name(activity.id).to_string();
        if ui
            .button(format!("Open in {name}"))
            .on_hover_text(format!(
                "Open {name} for editing, with this activity selected (double-click)"
            ))
            .clicked()
        {
            cx.emit(Action::OpenInMember(activity.id));
            ui.close();
        }
    }
    if ui
        .button("Open in the workplan")
        .on_hover_text("Show this activity in the workplan table, with its editor")
        .clicked()
    {
        cx.emit(Action::ShowActivity(activity.id));
        ui.close();
    }
    let (other, hint) = if here == View::Calendar {
        (
            View::Timeline,
            "Show this activity's row and first bar in the timeline",
        )
    } else {
        (
            View::Calendar,
            "Show the month of this activity's first session",
        )
    };
    if ui
        .add_enabled(
            !activity.sessions.is_empty() || other == View::Timeline,
            egui::Button::new(format!("Show in the {}", other.title().to_lowercase())),
        )
        .on_hover_text(hint)
        .on_disabled_hover_text("This activity has no dates yet")
        .clicked()
    {
        // Selected everywhere, then the other view goes to the selection.
        cx.emit(Action::SelectActivity(activity.id));
        cx.emit(Action::ShowView(other));
        cx.emit(Action::GoToSelection);
        ui.close();
    }
    // The rest edits, which a combined plan's activity takes in its own programme.
    if cx.is_combined() {
        return;
    }
    ui.menu_button("Set status", |ui| {
        for status in crate::model::Status::ALL {
            let current = activity.status == status;
            if ui.selectable_label(current, status.label()).clicked() {
                if !current {
                    let mut changed = activity.clone();
                    changed.status = status;
                    cx.emit(Action::Apply(Edit::new(
                        Command::SetActivity(Box::new(changed)),
                        "Set status",
                    )));
                }
                ui.close();
            }
        }
    });
    ui.separator();
    if ui
        .button("Delete activity…")
        .on_hover_text("Delete this activity (asks first; undoable)")
        .clicked()
    {
        let command = crate::edit::commands::delete_activities(cx.project, &[activity.id]);
        cx.emit(Action::Confirm {
            title: "Delete activities?".into(),
            message: format!(
                "Delete “{}”? Links to it from other activities and agendas are removed too.",
                activity.title
            ),
            confirm: "Delete activities".into(),
            then: Box::new(Action::Apply(Edit::new(command, "Delete activities"))),
        });
        ui.close();
    }
}
