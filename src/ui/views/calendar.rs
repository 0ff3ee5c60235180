//! The calendar, by month or by week: weeks from Monday, each session a bar across its days
//! (a faint outlined one across its months when only the months are known), coloured by
//! status, pillar or jurisdiction, clashes marked in red, committee meetings and public
//! holidays on their days. Click a bar to open its activity; click a day to choose it for a
//! new activity or session (the arrow keys then move it), double-click it to add an activity.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use egui::{Role, Sense, WidgetInfo};

use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{Activity, Id, Place, Precision, Session};
use crate::plan::calendar::{self, ColourBy, DateShown, Groups, MonthLayout};
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
    /// One week rather than the month: the week of the day chosen.
    pub week: bool,
    pub colour_by: ColourBy,
    layout: Option<(Revision, Key, std::sync::Arc<Shown>)>,
    /// The pairs of activities the checks find clashing (accepted ones left out).
    clashes: Option<(Revision, Pairs)>,
}

/// The clashing pairs, looked up by activity.
type Pairs = std::sync::Arc<calendar::Clashes>;

/// What a layout was made for: the month or the Monday shown, and the colouring.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    first: NaiveDate,
    week: bool,
    colour_by: ColourBy,
}

/// A month's layout and where its activities are in the project's list, so that drawing
/// looks each one up directly instead of searching all activities every frame.
struct Shown {
    layout: MonthLayout,
    positions: HashMap<Id, usize>,
    /// The colour groups when not colouring by status.
    groups: Option<Groups>,
    /// Each shown activity that clashes, with the activities it clashes with.
    clashing: HashMap<Id, Vec<Id>>,
    /// The grid's days on which two clashing activities both take place.
    clash_days: std::collections::BTreeMap<NaiveDate, Vec<(Id, Id)>>,
}

impl Shown {
    /// `keep` leaves out the clashes with activities the view does not show (a programme
    /// filtered out of a portfolio).
    fn new(
        project: &crate::model::Project,
        key: Key,
        clashes: &calendar::Clashes,
        keep: impl Fn(Id) -> bool,
    ) -> Self {
        let layout = if key.week {
            calendar::week_layout(project, key.first)
        } else {
            calendar::layout(project, key.first)
        };
        let wanted: HashSet<Id> = layout.bars.iter().map(|b| b.activity).collect();
        let positions: HashMap<Id, usize> = project
            .activities
            .iter()
            .enumerate()
            .filter(|(_, a)| wanted.contains(&a.id))
            .map(|(i, a)| (a.id, i))
            .collect();
        let groups = calendar::groups(
            project,
            key.colour_by,
            positions.values().map(|&i| &project.activities[i]),
        );
        // Per activity shown, its partners: a portfolio's month shows thousands of the
        // millions of pairs, and a clash with an activity of another month still marks it.
        let mut clashing: HashMap<Id, Vec<Id>> = HashMap::new();
        let mut both_shown: Vec<(Id, Id)> = Vec::new();
        for &a in &wanted {
            let others: Vec<Id> = clashes.with(a).filter(|&b| keep(b)).collect();
            if others.is_empty() {
                continue;
            }
            both_shown.extend(
                others
                    .iter()
                    .filter(|&&b| a < b && wanted.contains(&b))
                    .map(|&b| (a, b)),
            );
            clashing.insert(a, others);
        }
        both_shown.sort_unstable();
        let first = layout.weeks[0];
        let last = *layout.weeks.last().expect("a week at least") + Days::new(6);
        let index = |id: Id| {
            let &i = positions.get(&id)?;
            project.activities.get(i)
        };
        let clash_days = calendar::clash_days(index, &both_shown, first, last);
        Shown {
            layout,
            positions,
            groups,
            clashing,
            clash_days,
        }
    }

    /// The bar colour of `activity` in the colouring chosen.
    fn colour(&self, activity: &Activity) -> egui::Color32 {
        match &self.groups {
            None => status_color(activity.status),
            Some(groups) => match groups.of.get(&activity.id) {
                Some(&g) if g != groups.none() => crate::ui::theme::group_color(g),
                _ => crate::ui::theme::NO_GROUP,
            },
        }
    }

    fn activity<'p>(&self, project: &'p crate::model::Project, id: Id) -> Option<&'p Activity> {
        let &i = self.positions.get(&id)?;
        project.activities.get(i).filter(|a| a.id == id)
    }
}

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
use crate::plan::dates::MONTHS as MONTH_NAMES;

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

/// The pairs of clashing activities, once each, from the workplan checks (run again only when
/// the project changed); clashes accepted as exceptions are left out.
fn clashes(cx: &ViewContext<'_>, state: &mut CalendarState) -> Pairs {
    use crate::plan::checks;
    if let Some((revision, pairs)) = &state.clashes
        && *revision == cx.revision
    {
        return pairs.clone();
    }
    // Only the clashes, as pairs: the other checks (the officers', the holidays') cost more
    // and mark nothing here, and a message per clash would cost more than the sweep itself in
    // a portfolio's combined plan.
    let mut pairs = match cx.programmes {
        // A portfolio's combined plan comes with its pairs, worked out on the combination's
        // worker (and accepts no checks of its own).
        Some(programmes) => return programmes.clashes.clone().unwrap_or_default(),
        None if checks::CheckKind::Clash.is_on(&cx.project.settings) => {
            checks::clash_pairs(cx.project)
        }
        None => Vec::new(),
    };
    // A clash is found from both sides; the pair is left unmarked once both are accepted.
    let accepted: std::collections::HashSet<(Id, Id)> = cx
        .project
        .accepted_checks
        .iter()
        .filter(|a| a.day.is_none() && a.check == checks::CheckKind::Clash.code())
        .filter_map(|a| match a.activities.as_slice() {
            [this, other] => Some((*this, *other)),
            _ => None,
        })
        .collect();
    if !accepted.is_empty() {
        pairs.retain(|&(a, b)| !(accepted.contains(&(a, b)) && accepted.contains(&(b, a))));
    }
    let pairs = std::sync::Arc::new(calendar::Clashes::new(pairs));
    state.clashes = Some((cx.revision, pairs.clone()));
    pairs
}

/// What holds the keyboard for the grid once a day was clicked.
fn grid_focus_id() -> egui::Id {
    egui::Id::unique("calendar_grid_focus")
}

/// The day the arrow keys move to, while the grid has the keyboard (or nothing has): Left and
/// Right a day, Up and Down a week.
fn arrow_keys(ui: &egui::Ui, cx: &ViewContext<'_>, day: NaiveDate) -> Option<NaiveDate> {
    let focus = grid_focus_id();
    if cx.modal_open || egui::Popup::is_any_open(ui.ctx()) {
        return None;
    }
    match ui.memory(|m| m.focused()) {
        None => {}
        Some(id) if id == focus => ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                focus,
                egui::EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    ..Default::default()
                },
            )
        }),
        Some(_) => return None,
    }
    let moves = [
        (egui::Key::ArrowLeft, -1i64),
        (egui::Key::ArrowRight, 1),
        (egui::Key::ArrowUp, -7),
        (egui::Key::ArrowDown, 7),
    ];
    let mut to = None;
    for (key, days) in moves {
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)) {
            to = day.checked_add_signed(chrono::Duration::days(days));
        }
    }
    to
}

pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut CalendarState) {
    // Open on today's month when today is in the programme, else where the activities begin.
    let home = calendar::home_month(cx.project, cx.today);
    let month = *state.month.get_or_insert(home);
    // The week view shows the week of the day chosen, or the first week of the month.
    let anchor = state.day.unwrap_or(month);
    let week = state.week;
    let step = move |by: i32| {
        if week {
            DateShown::Day(anchor + chrono::Duration::days(7 * i64::from(by)))
        } else {
            DateShown::Month(calendar::shift_months(month, by))
        }
    };
    let mut go: Option<DateShown> = None;
    let (before, after) = if state.week {
        ("The week before (Page Up)", "The week after (Page Down)")
    } else {
        ("The month before (Page Up)", "The month after (Page Down)")
    };
    ui.horizontal_wrapped(|ui| {
        if ui.button("◀ Previous").on_hover_text(before).clicked() {
            go = Some(step(-1));
        }
        if ui
            .button("Today")
            .on_hover_text("The current month, or the current week in the week view")
            .clicked()
        {
            go = Some(if state.week {
                DateShown::Day(cx.today)
            } else {
                DateShown::Month(calendar::month_of(cx.today))
            });
        }
        if ui.button("Next ▶").on_hover_text(after).clicked() {
            go = Some(step(1));
        }
        if let Some(picked) = month_picker(ui, cx, month) {
            go = Some(DateShown::Month(picked));
        }
        let pressed = std::mem::take(&mut state.go_to_selection);
        if let Some(to) = go_to_selection(ui, cx, pressed) {
            go = Some(DateShown::Month(to));
        }
        ui.separator();
        if ui
            .selectable_label(!state.week, "Month view")
            .on_hover_text("Show the whole month")
            .clicked()
        {
            state.week = false;
        }
        if ui
            .selectable_label(state.week, "Week view")
            .on_hover_text("Show one week, the one of the day chosen (click a day first)")
            .clicked()
        {
            state.week = true;
        }
        ui.separator();
        let label = ui.label("Colour by");
        egui::ComboBox::from_id_salt("calendar_colour_by")
            .selected_text(state.colour_by.label())
            .show_ui(ui, |ui| {
                for by in ColourBy::ALL {
                    ui.selectable_value(&mut state.colour_by, by, by.label());
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("Colour the bars by the activity's status, pillar or beneficiary");
        ui.separator();
        if !cx.is_combined() {
            add_here(ui, cx, state);
        }
        let heading = if state.week {
            let monday = calendar::monday_of(anchor);
            format!("Week of {}", full_date(monday))
        } else {
            format!("{} {}", MONTH_NAMES[month.month0() as usize], month.year())
        };
        ui.heading(heading);
    });
    // The keys work while nothing else has the keyboard, or the grid has it.
    let grid_has_keys = ui
        .memory(|m| m.focused())
        .is_none_or(|id| id == grid_focus_id());
    if grid_has_keys && !cx.modal_open {
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::PageUp)) {
            go = Some(step(-1));
        }
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::PageDown)) {
            go = Some(step(1));
        }
        if let Some(day) = state.day
            && let Some(to) = arrow_keys(ui, cx, day)
        {
            go = Some(DateShown::Day(to));
        }
    }
    match go {
        Some(DateShown::Month(to)) => {
            // The month moved to is where a new session goes, until a day in it is clicked.
            state.month = Some(to);
            state.day = None;
            cx.date_shown.set(Some(DateShown::Month(to)));
        }
        Some(DateShown::Day(to)) => {
            // A day moved to by the keys or a week step: chosen, and its month shown.
            state.month = Some(calendar::month_of(to));
            state.day = Some(to);
            cx.date_shown.set(Some(DateShown::Day(to)));
        }
        None => {}
    }
    let month = state.month.unwrap_or(month);
    let key = Key {
        first: if state.week {
            calendar::monday_of(state.day.unwrap_or(month))
        } else {
            month
        },
        week: state.week,
        colour_by: state.colour_by,
    };
    let clashes = clashes(cx, state);
    let shown = match &state.layout {
        Some((revision, shown_key, shown)) if *revision == cx.revision && *shown_key == key => {
            shown.clone()
        }
        _ => {
            let keep = |id: Id| {
                cx.programmes.is_none_or(|programmes| {
                    programmes
                        .of(id)
                        .is_some_and(|m| !programmes.hidden.contains(&m))
                })
            };
            let shown = std::sync::Arc::new(Shown::new(cx.project, key, &clashes, keep));
            state.layout = Some((cx.revision, key, shown.clone()));
            shown
        }
    };
    egui::Panel::bottom("calendar_status_legend")
        .show_separator_line(false)
        .show(ui, |ui| {
            if let Some(programmes) = cx.programmes {
                crate::ui::theme::swatch_legend(
                    ui,
                    "Programmes",
                    &programmes.legend(),
                    "The stripe at the start of each bar: its programme",
                );
            }
            legend(ui, &shown)
        });
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| grid(ui, cx, state, &shown));
}

/// The legend of the colouring chosen (only the groups shown), then what the marks mean.
fn legend(ui: &mut egui::Ui, shown: &Shown) {
    match &shown.groups {
        None => crate::ui::theme::status_legend(ui),
        Some(groups) => {
            let mut used: Vec<usize> = shown.groups_used();
            used.sort_unstable();
            used.dedup();
            let entries: Vec<(egui::Color32, String)> = used
                .into_iter()
                .map(|g| {
                    let colour = if g == groups.none() {
                        crate::ui::theme::NO_GROUP
                    } else {
                        crate::ui::theme::group_color(g)
                    };
                    (colour, groups.names[g].clone())
                })
                .collect();
            if entries.is_empty() {
                ui.weak("No activity in these days.");
            } else {
                crate::ui::theme::swatch_legend(
                    ui,
                    "Colours",
                    &entries,
                    "The colours of the activities shown here",
                );
            }
        }
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 12.0;
        let small = |text: &str| egui::RichText::new(text).small().weak();
        ui.label(small("▭ faint, outlined: only the months are known"))
            .on_hover_text("A session known only to the month is drawn across its months' days");
        ui.label(
            egui::RichText::new("⚠ red: a clash in one jurisdiction")
                .small()
                .color(ui.visuals().error_fg_color),
        )
        .on_hover_text(
            "Two activities in the same jurisdiction on the same days (see the workplan's Checks)",
        );
    });
}

impl Shown {
    fn groups_used(&self) -> Vec<usize> {
        let Some(groups) = &self.groups else {
            return Vec::new();
        };
        self.layout
            .bars
            .iter()
            .filter_map(|b| groups.of.get(&b.activity).copied())
            .collect()
    }
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
    // The grid holds the keyboard for the arrow keys once a day was clicked.
    ui.interact(
        ui.max_rect(),
        grid_focus_id(),
        egui::Sense::focusable_noninteractive(),
    );
    // The week view has room for more lanes, and for each session's place.
    let min_lanes = if layout.weeks.len() == 1 { 6 } else { 2 };
    for (week, &monday) in layout.weeks.iter().enumerate() {
        let sunday = monday + Days::new(6);
        let meetings: Vec<_> = layout
            .meetings
            .iter()
            .filter(|(date, ..)| (monday..=sunday).contains(date))
            .collect();
        // Meetings take the first lane of their week, above the activities.
        let first_lane = usize::from(!meetings.is_empty());
        let lanes = (layout.lanes[week] + first_lane).max(min_lanes);
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
            let clashes = shown.clash_days.get(&date);
            if clashes.is_some() {
                clash_mark(ui, cell);
            }
            // Written only while the pointer is on the day: where programmes meet, a day can
            // hold hundreds of clashes.
            let response = if response.hovered() {
                let mut hint = match holiday {
                    Some(names) => format!("{} — {}", full_date(date), names.join(", ")),
                    None => full_date(date),
                };
                const CLASHES_LISTED: usize = 8;
                let pairs = clashes.map_or(&[][..], Vec::as_slice);
                for (a, b) in pairs.iter().take(CLASHES_LISTED) {
                    let title = |id| {
                        shown
                            .activity(cx.project, id)
                            .or_else(|| cx.project.activity(id))
                            .map_or("?", |a| a.title.as_str())
                    };
                    hint.push_str(&format!(
                        "\n⚠ Clash: “{}” and “{}” in the same jurisdiction",
                        title(*a),
                        title(*b)
                    ));
                }
                if pairs.len() > CLASHES_LISTED {
                    hint.push_str(&format!(
                        "\n⚠ … and {} more clashes (see the checks)",
                        pairs.len() - CLASHES_LISTED
                    ));
                }
                if !cx.is_combined() {
                    hint.push_str(
                        "\nClick to choose this day for a new activity or session; \
                         double-click (or right-click) to add an activity on it",
                    );
                }
                response.on_hover_text(hint)
            } else {
                response
            };
            if response.clicked() {
                state.day = Some(date);
                cx.date_shown.set(Some(DateShown::Day(date)));
                // The arrow keys move the day from here.
                ui.memory_mut(|m| m.request_focus(grid_focus_id()));
            }
            if response.double_clicked() {
                add_activity_on(cx, date);
            }
            // A combined plan's activities are added in their own programme.
            if !cx.is_combined() {
                day_menu(&response, cx, date);
            }
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
            let clashes_with = shown.clashing.get(&activity.id);
            let mut name = activity.title.clone();
            if bar.uncertain {
                name.push_str(" (only the months are known)");
            }
            if clashes_with.is_some() {
                name.push_str(" (clash)");
            }
            response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
            let color = shown.colour(activity);
            let fill = match (bar.uncertain, response.hovered()) {
                // Some of these days, not all: faint, outlined in the colour.
                (true, hovered) => color.gamma_multiply(if hovered { 0.45 } else { 0.25 }),
                (false, true) => color,
                (false, false) => color.gamma_multiply(0.85),
            };
            ui.painter().rect_filled(rect, 3.0, fill);
            if let Some(programmes) = cx.programmes
                && let Some(colour) = programmes.colour(activity.id)
            {
                crate::ui::views::timeline::programme_stripe(ui.painter(), rect, colour);
            }
            if bar.uncertain {
                ui.painter().rect_stroke(
                    rect,
                    3.0,
                    egui::Stroke::new(1.0, color),
                    egui::StrokeKind::Inside,
                );
            }
            if clashes_with.is_some() {
                ui.painter().rect_stroke(
                    rect,
                    3.0,
                    egui::Stroke::new(2.0, visuals.error_fg_color),
                    egui::StrokeKind::Inside,
                );
            }
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
            let session = activity.sessions.iter().find(|s| s.id == bar.session);
            let when = session.map(|s| s.date_label()).unwrap_or_default();
            let place = session.map(|s| s.place.label()).unwrap_or_default();
            let mut text = match clashes_with {
                Some(_) => format!("⚠ {}", activity.title),
                None => activity.title.clone(),
            };
            if layout.weeks.len() == 1 && !place.is_empty() {
                text.push_str(&format!(" — {place}"));
            }
            painter.text(
                text_rect.left_center(),
                egui::Align2::LEFT_CENTER,
                text,
                egui::TextStyle::Small.resolve(ui.style()),
                // White on a full bar; the body's colour on a faint one.
                if bar.uncertain {
                    visuals.text_color()
                } else {
                    egui::Color32::WHITE
                },
            );
            // Written only while the pointer is on the bar: where programmes meet, one bar
            // can clash with hundreds of others.
            let response = if response.hovered() {
                let mut hover = format!(
                    "{}\n{when} {place}\n{}",
                    activity.title,
                    activity.status.label()
                );
                if bar.uncertain {
                    hover.push_str(
                        "\nOnly the months are known: it takes place on some of these days, \
                         not necessarily on this one",
                    );
                }
                const CLASHES_LISTED: usize = 8;
                let others = clashes_with.map_or(&[][..], Vec::as_slice);
                for other in others.iter().take(CLASHES_LISTED) {
                    if let Some(other) = shown.activity(cx.project, *other) {
                        hover.push_str(&format!(
                            "\n⚠ Clashes with “{}” in the same jurisdiction",
                            other.title
                        ));
                    } else if let Some(other) = cx.project.activity(*other) {
                        hover.push_str(&format!(
                            "\n⚠ Clashes with “{}” in the same jurisdiction",
                            other.title
                        ));
                    }
                }
                if others.len() > CLASHES_LISTED {
                    hover.push_str(&format!(
                        "\n⚠ … and {} more (see the checks)",
                        others.len() - CLASHES_LISTED
                    ));
                }
                if let Some(programmes) = cx.programmes {
                    hover = format!("{}\n{hover}", programmes.name(activity.id));
                }
                response.on_hover_text(hover)
            } else {
                response
            };
            if cx.is_combined() {
                // Read-only: a click selects, a double-click opens it in its programme.
                if response.clicked() {
                    cx.emit(Action::SelectActivity(activity.id));
                }
                if response.double_clicked() {
                    cx.emit(Action::OpenInMember(activity.id));
                }
            } else if response.clicked() {
                cx.emit(Action::ShowActivity(activity.id));
            }
            response.context_menu(|ui| {
                crate::ui::views::timeline::activity_menu(ui, cx, activity, View::Calendar);
            });
        }
    }
}

/// A red corner on a day with a clash.
fn clash_mark(ui: &egui::Ui, cell: egui::Rect) {
    let corner = cell.shrink(1.0).right_top();
    let size = 10.0;
    ui.painter().add(egui::Shape::convex_polygon(
        vec![
            corner,
            corner + egui::vec2(0.0, size),
            corner + egui::vec2(-size, 0.0),
        ],
        ui.visuals().error_fg_color,
        egui::Stroke::NONE,
    ));
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

/// A day's right-click menu: an activity added on it.
fn day_menu(response: &egui::Response, cx: &mut ViewContext<'_>, date: NaiveDate) {
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

fn add_activity_on(cx: &mut ViewContext<'_>, date: NaiveDate) {
    // A combined plan's activities are added in their own programme.
    if cx.is_combined() {
        return;
    }
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
