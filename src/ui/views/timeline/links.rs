//! The timeline's links and critical path: finish-to-start arrows from a predecessor's end to
//! its successor's start (red when the dates break the link), the bars of the critical path
//! outlined, and while a bar is dragged the successors it would break, which a drop can move
//! along in the same undo step. The derived data is kept per revision (see `plan::schedule`).

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Days, NaiveDate};

use super::{Chart, Drag, HEADER, TimelineState};
use crate::edit::history::Edit;
use crate::model::{Activity, Id, Project};
use crate::plan::schedule::{self, CriticalPath, Link, Target};
use crate::plan::timeline::{self, Row};
use crate::plan::workplan::span;
use crate::session::Revision;
use crate::ui::context::ViewContext;

pub struct LinksState {
    /// Draw the links between activities.
    pub show: bool,
    /// Outline the bars of the critical path.
    pub critical: bool,
    /// What the critical path runs to.
    pub target: Target,
    /// A drop moves the successors it would break by as much as the bar's end moved.
    pub move_along: bool,
    cache: Option<Cached>,
    /// The row of each activity shown, for the rows it was worked out from.
    rows: Option<(Arc<Vec<Row>>, RowOf)>,
    /// The successors the bar being dragged would break, for its dates then.
    breaking: Option<Breaking>,
    /// What this frame outlines: the critical path (when on) and the successors the drag
    /// would break.
    frame: (Option<Arc<CriticalPath>>, Arc<Vec<Id>>),
}

/// The row of each activity shown.
type RowOf = Arc<HashMap<Id, usize>>;
/// The successors a drag would break: for which revision, activity and dates.
type Breaking = (Revision, Id, (NaiveDate, NaiveDate), Arc<Vec<Id>>);

impl Default for LinksState {
    fn default() -> Self {
        LinksState {
            show: true,
            critical: false,
            target: Target::End,
            move_along: false,
            cache: None,
            rows: None,
            breaking: None,
            frame: (None, Arc::default()),
        }
    }
}

/// What the links make of one revision.
struct Cached {
    revision: Revision,
    links: Arc<Vec<Link>>,
    broken: usize,
    /// The milestones, for the critical path's picker.
    milestones: Vec<(Id, String)>,
    critical: Option<(Target, Arc<CriticalPath>)>,
}

impl LinksState {
    fn cached(&mut self, cx: &ViewContext<'_>) -> &mut Cached {
        if self
            .cache
            .as_ref()
            .is_none_or(|c| c.revision != cx.revision)
        {
            let links = schedule::links(cx.project);
            let broken = links.iter().filter(|l| l.violated).count();
            let milestones = cx
                .project
                .activities
                .iter()
                .filter(|a| a.milestone)
                .map(|a| (a.id, a.title.clone()))
                .collect();
            self.cache = Some(Cached {
                revision: cx.revision,
                links: Arc::new(links),
                broken,
                milestones,
                critical: None,
            });
        }
        self.cache.as_mut().expect("just filled")
    }

    /// The critical path to the chosen target, worked out once per revision and target.
    fn critical_path(&mut self, cx: &ViewContext<'_>) -> Arc<CriticalPath> {
        let target = self.target;
        let cached = self.cached(cx);
        match &cached.critical {
            Some((t, path)) if *t == target => path.clone(),
            _ => {
                let path = Arc::new(schedule::critical_path(cx.project, target));
                cached.critical = Some((target, path.clone()));
                path
            }
        }
    }

    fn row_of(&mut self, rows: &Arc<Vec<Row>>) -> Arc<HashMap<Id, usize>> {
        match &self.rows {
            Some((r, map)) if Arc::ptr_eq(r, rows) => map.clone(),
            _ => {
                let map: HashMap<Id, usize> = rows
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| match r {
                        Row::Activity { activity, .. } => Some((*activity, i)),
                        _ => None,
                    })
                    .collect();
                let map = Arc::new(map);
                self.rows = Some((rows.clone(), map.clone()));
                map
            }
        }
    }
}

/// The toggles, the critical path's target and the legend of what they draw.
pub(super) fn toolbar(ui: &mut egui::Ui, cx: &ViewContext<'_>, state: &mut LinksState) {
    let visuals = ui.visuals().clone();
    // A legend's text is never broken across lines.
    let small = |t: String| {
        egui::Label::new(egui::RichText::new(t).small()).wrap_mode(egui::TextWrapMode::Extend)
    };
    ui.checkbox(&mut state.show, "Links").on_hover_text(
        "Draw each link from a predecessor's end to its successor's start; red when the \
         successor starts before the predecessor's end and the lag allow",
    );
    if state.show {
        // The legend beside its toggle: how many links, how many broken.
        let (links, broken) = {
            let cached = state.cached(cx);
            (cached.links.len(), cached.broken)
        };
        swatch(ui, |p, r| {
            p.line_segment([r.left_center(), r.right_center()], link_stroke(&visuals));
        });
        ui.add(small(crate::plan::count(links, "link")));
        swatch(ui, |p, r| {
            p.line_segment([r.left_center(), r.right_center()], broken_stroke(&visuals));
        });
        ui.add(small(format!("{broken} broken")))
            .on_hover_text("Links whose successor starts too early (see the workplan's checks)");
    }
    ui.checkbox(&mut state.critical, "Critical path")
        .on_hover_text(
            "Outline the chain of activities that decides the end: those that cannot end any \
         later without moving it",
        );
    if state.critical {
        let milestones = state.cached(cx).milestones.clone();
        if let Target::Activity(id) = state.target
            && !milestones.iter().any(|(m, _)| *m == id)
        {
            // The milestone was deleted (or the project changed): back to the end.
            state.target = Target::End;
        }
        let name = |target: Target| match target {
            Target::End => "end of programme".to_string(),
            Target::Activity(id) => milestones
                .iter()
                .find(|(m, _)| *m == id)
                .map_or_else(String::new, |(_, t)| format!("milestone {t}")),
        };
        // The picker stays beside its label: a new line when both would not fit.
        if ui.available_size_before_wrap().x < 240.0 {
            ui.end_row();
        }
        ui.horizontal(|ui| {
            // A long milestone title is cut in the button (whole in the list).
            ui.set_max_width(240.0);
            let label = ui.label("to:");
            egui::ComboBox::from_id_salt("critical path target")
                .selected_text(name(state.target))
                .width(180.0)
                .truncate()
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut state.target, Target::End, name(Target::End))
                        .on_hover_text("What ends last in the programme");
                    for (id, _) in &milestones {
                        let target = Target::Activity(*id);
                        ui.selectable_value(&mut state.target, target, name(target));
                    }
                    if milestones.is_empty() {
                        ui.weak("No milestones: mark an activity as one in its editor");
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text("The end of the programme, or a milestone the chain leads to");
        });
    }
    if state.critical {
        let path = state.critical_path(cx);
        swatch(ui, |p, r| {
            p.rect_stroke(
                r.shrink(1.0),
                2.0,
                critical_stroke(&visuals),
                egui::StrokeKind::Inside,
            );
        });
        let mut text = format!(
            "Critical path: {}",
            crate::plan::count(path.critical.len(), "activity")
        );
        if !path.in_cycle.is_empty() {
            text.push_str(&format!(
                " ({} on a loop of links, left out)",
                crate::plan::count(path.in_cycle.len(), "activity")
            ));
        }
        ui.add(small(text));
    }
    // Nothing is dragged in a combined plan, which is read-only.
    if cx.is_combined() {
        return;
    }
    ui.checkbox(&mut state.move_along, "Move successors along")
        .on_hover_text(
            "When a dragged bar is dropped later than its successors allow, move those \
             successors (and theirs) by as many days, in the same undo step",
        );
}

fn swatch(ui: &mut egui::Ui, paint: impl FnOnce(&egui::Painter, egui::Rect)) {
    let side = ui.text_style_height(&egui::TextStyle::Small);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(side * 1.5, side), egui::Sense::hover());
    paint(ui.painter(), rect);
}

fn link_stroke(visuals: &egui::Visuals) -> egui::Stroke {
    egui::Stroke::new(1.2, visuals.text_color().gamma_multiply(0.55))
}

fn broken_stroke(visuals: &egui::Visuals) -> egui::Stroke {
    egui::Stroke::new(1.8, visuals.error_fg_color)
}

fn critical_stroke(visuals: &egui::Visuals) -> egui::Stroke {
    egui::Stroke::new(2.0, crate::ui::theme::critical_color(visuals))
}

/// The activity as it would be if the drag were dropped now.
fn dragged(project: &Project, drag: &Drag) -> Option<Activity> {
    let mut a = project.activity(drag.activity)?.clone();
    let s = a.sessions.iter_mut().find(|s| s.id == drag.session)?;
    *s = timeline::dropped(s, drag.grip, drag.days);
    Some(a)
}

/// The successors the drag in progress would break (empty when none is dragged).
pub(super) fn breaking(cx: &ViewContext<'_>, state: &mut TimelineState) -> Arc<Vec<Id>> {
    let Some(drag) = state.drag else {
        return Arc::default();
    };
    let Some(new_span) = dragged(cx.project, &drag).as_ref().and_then(span) else {
        return Arc::default();
    };
    match &state.links.breaking {
        Some((rev, id, s, list))
            if *rev == cx.revision && *id == drag.activity && *s == new_span =>
        {
            list.clone()
        }
        _ => {
            let list = Arc::new(schedule::breaking_successors(
                cx.project,
                drag.activity,
                new_span,
            ));
            state.links.breaking = Some((cx.revision, drag.activity, new_span, list.clone()));
            list
        }
    }
}

/// The line the drag's dates get about the successors it would break.
pub(super) fn breaking_hint(cx: &ViewContext<'_>, state: &mut TimelineState) -> Option<String> {
    // The drag just moved: the outlines follow from here on this frame.
    let list = breaking(cx, state);
    state.links.frame.1 = list.clone();
    if list.is_empty() {
        return None;
    }
    let names: Vec<&str> = list
        .iter()
        .take(3)
        .filter_map(|id| cx.project.activity(*id).map(|a| a.title.as_str()))
        .collect();
    let more = list.len().saturating_sub(names.len());
    let mut text = format!(
        "Breaks the link to {}: {}",
        crate::plan::count(list.len(), "successor"),
        names.join("; ")
    );
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text.push_str(if state.links.move_along {
        "\nThey move along (Move successors along is on)"
    } else {
        "\nTurn on Move successors along to move them too"
    });
    Some(text)
}

/// The edit a drop makes: the activity's new dates, and with Move successors along those of
/// the successors it would break, as one undo step.
pub(super) fn drop_edit(
    project: &Project,
    changed: Activity,
    label: &str,
    state: &LinksState,
) -> Edit {
    let (command, moved) =
        crate::edit::reschedule::with_successors(project, changed, state.move_along);
    let label = if moved > 0 {
        format!("{label} and {}", crate::plan::count(moved, "successor"))
    } else {
        label.to_string()
    };
    Edit::new(command, label)
}

/// Works out what this frame outlines, before the rows are drawn.
pub(super) fn prepare(cx: &ViewContext<'_>, state: &mut TimelineState) {
    let breaking = breaking(cx, state);
    let critical = state.links.critical.then(|| state.links.critical_path(cx));
    state.links.frame = (critical, breaking);
}

/// Outlines a bar of the critical path, or of a successor the drag would break (around the
/// diamond of a milestone, drawn as `paint_bar` draws it).
pub(super) fn decorate_bar(
    chart: &Chart,
    painter: &egui::Painter,
    bar: egui::Rect,
    activity: &Activity,
    state: &LinksState,
) {
    let (critical, breaking) = &state.frame;
    let stroke = if breaking.contains(&activity.id) {
        broken_stroke(&chart.visuals)
    } else if critical
        .as_ref()
        .is_some_and(|c| c.critical.contains(&activity.id))
    {
        critical_stroke(&chart.visuals)
    } else {
        return;
    };
    if activity.milestone {
        let c = egui::pos2(bar.left() + chart.day / 2.0, bar.center().y);
        let mut points = super::diamond(c, chart.row_height * 0.35 + 2.0);
        points.push(points[0]);
        painter.add(egui::Shape::line(points, stroke));
    } else {
        painter.rect_stroke(bar.expand(1.0), 3.0, stroke, egui::StrokeKind::Outside);
    }
}

/// The links between rows on screen, over the bars. A link whose ends are both off screen
/// (above, below, or in collapsed groups) costs only a lookup.
pub(super) fn paint(
    chart: &Chart,
    cx: &ViewContext<'_>,
    state: &mut TimelineState,
    rows: &Arc<Vec<Row>>,
) {
    if !state.links.show {
        return;
    }
    let links = state.links.cached(cx).links.clone();
    if links.is_empty() {
        return;
    }
    let row_of = state.links.row_of(rows);
    let dragged = state.drag.and_then(|d| dragged(cx.project, &d));
    let painter = chart.painter.with_clip_rect(egui::Rect::from_x_y_ranges(
        chart.chart_left..=chart.clip.right(),
        (chart.clip.top() + HEADER)..=chart.clip.bottom(),
    ));
    let visible = painter.clip_rect();
    // The meetings' row comes first; a row's middle.
    let y_of = |row: usize| chart.origin.y + HEADER + (row as f32 + 1.5) * chart.row_height;
    let ends = |a: &Activity| -> Option<(f32, f32)> {
        let a = match &dragged {
            Some(d) if d.id == a.id => d,
            _ => a,
        };
        let (first, last) = span(a)?;
        if a.milestone {
            let c = chart.x_of(first) + chart.day / 2.0;
            let r = chart.row_height * 0.35;
            Some((c - r, c + r))
        } else {
            let left = chart.x_of(first);
            Some((left, chart.x_of(last + Days::new(1)).max(left + 3.0)))
        }
    };
    for link in links.iter() {
        let (Some(&from_row), Some(&to_row)) = (row_of.get(&link.from), row_of.get(&link.to))
        else {
            continue;
        };
        let (y1, y2) = (y_of(from_row), y_of(to_row));
        if y1.max(y2) < visible.top() || y1.min(y2) > visible.bottom() {
            continue;
        }
        let (Some(from), Some(to)) = (cx.project.activity(link.from), cx.project.activity(link.to))
        else {
            continue;
        };
        let (Some((_, x1)), Some((x2, _))) = (ends(from), ends(to)) else {
            continue;
        };
        if x1.max(x2) + 8.0 < visible.left() || x1.min(x2) - 8.0 > visible.right() {
            continue;
        }
        // While dragging, the link as the drop would leave it.
        let violated = match &dragged {
            Some(d) if d.id == link.from || d.id == link.to => {
                let from = if d.id == link.from { d } else { from };
                let to = if d.id == link.to { d } else { to };
                match (schedule::earliest_start(from, to, link.lag_days), span(to)) {
                    (Some(earliest), Some((first, _))) => first < earliest,
                    _ => link.violated,
                }
            }
            _ => link.violated,
        };
        let stroke = if violated {
            broken_stroke(&chart.visuals)
        } else {
            link_stroke(&chart.visuals)
        };
        let points = elbow((x1, y1), (x2, y2), chart.row_height);
        painter.add(egui::Shape::line(points, stroke));
        arrow_head(&painter, egui::pos2(x2, y2), stroke);
    }
}

/// The path of a link: right from the predecessor's end, down (or up) to the successor's
/// row, right to its start; when the successor starts left of that, round between the rows.
fn elbow((x1, y1): (f32, f32), (x2, y2): (f32, f32), row_height: f32) -> Vec<egui::Pos2> {
    const OUT: f32 = 6.0;
    let p = egui::pos2;
    if x2 >= x1 + 2.0 * OUT || (y1 - y2).abs() < 1.0 {
        vec![p(x1, y1), p(x1 + OUT, y1), p(x1 + OUT, y2), p(x2 - 1.0, y2)]
    } else {
        let between = y2 - (y2 - y1).signum() * row_height / 2.0;
        vec![
            p(x1, y1),
            p(x1 + OUT, y1),
            p(x1 + OUT, between),
            p(x2 - OUT, between),
            p(x2 - OUT, y2),
            p(x2 - 1.0, y2),
        ]
    }
}

fn arrow_head(painter: &egui::Painter, tip: egui::Pos2, stroke: egui::Stroke) {
    let s = 4.0;
    painter.add(egui::Shape::convex_polygon(
        vec![
            tip,
            tip + egui::vec2(-s, -s * 0.8),
            tip + egui::vec2(-s, s * 0.8),
        ],
        stroke.color,
        egui::Stroke::NONE,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_goes_round_when_the_successor_starts_left_of_the_predecessors_end() {
        let forward = elbow((100.0, 10.0), (150.0, 40.0), 20.0);
        assert_eq!(forward.len(), 4);
        assert_eq!(forward.last().unwrap().x, 149.0);
        let back = elbow((100.0, 10.0), (90.0, 40.0), 20.0);
        assert_eq!(back.len(), 6);
        assert_eq!(back[2].y, 30.0, "between the rows, above the successor's");
        let up = elbow((100.0, 60.0), (90.0, 20.0), 20.0);
        assert_eq!(up[2].y, 30.0, "below the successor's row when it is above");
    }
}
