//! The timeline of a period as PDF, landscape, tiled: when the period is too long to read on
//! one page width it goes on across pages, and when the rows are too many they go on down;
//! every page repeats the row labels at its left and the time scale at its top, and says which
//! rows and dates it holds.

use chrono::{Days, NaiveDate};

use super::flow::{BODY_TOP, FOOTER, Frame, MARGIN, fit, frame_page};
use super::metrics::width;
use super::{INK, MM, MUTED, Mark, Paper, RULE, Rgb, SHADE, Sheet};
use crate::exchange::export::Scope;
use crate::model::{Precision, Project, Status};
use crate::plan::timeline::{self, Row, Zoom};

/// The row labels' column.
const LABEL_W: f32 = 72.0 * MM;
/// The time scale: quarters above, months (or weeks) below.
const SCALE_H: f32 = 10.0 * MM;
const ROW_H: f32 = 4.8 * MM;
/// A day is never drawn narrower than this, so a bar of one day stays visible.
const LEAST_DAY: f32 = 1.2 * MM;
/// A day at least this wide gets weeks on the lower scale instead of months.
const WEEKS_FROM: f32 = 2.0 * MM;
/// A bar's height within its row.
const BAR_H: f32 = 3.0 * MM;
/// The first row of every page: the committee's meetings.
const MEETINGS: &str = "Steering committee meetings";
const MEETING: Rgb = (42, 111, 219);
/// Links between activities, as the window draws them: grey, and red when broken (the
/// successor starts before its predecessor's end and the lag allow).
const LINK: Rgb = (110, 110, 120);
const BROKEN_LINK: Rgb = (200, 40, 40);
/// A baseline's bar, thin and grey under today's.
const BASELINE: Rgb = (160, 160, 160);
const BASELINE_H: f32 = 1.1 * MM;

/// The colour of an activity's bars by its status, as the window draws them.
pub fn status_color(status: Status) -> Rgb {
    match status {
        Status::Proposed => (120, 120, 150),
        Status::Planned => (70, 110, 180),
        Status::Confirmed => (40, 120, 200),
        Status::UnderWay => (200, 130, 30),
        Status::Done => (60, 150, 80),
        Status::Postponed => (150, 100, 60),
        Status::Cancelled => (120, 120, 120),
    }
}

/// A month-only session: the bar's colour, paler.
fn pale((r, g, b): Rgb) -> Rgb {
    let mix = |c: u8| (c as u16 + 2 * 255).div_euclid(3) as u8;
    (mix(r), mix(g), mix(b))
}

/// How the period and the rows are cut into pages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tiling {
    /// Pages across (date columns) and down (row bands).
    pub across: usize,
    pub down: usize,
    pub days_per_page: i64,
    pub rows_per_page: usize,
    pub day_width: f32,
}

fn tiling(paper: Paper, total_days: i64, rows: usize) -> Tiling {
    let (w, h) = paper.size(true);
    let chart = w - 2.0 * MARGIN - LABEL_W;
    let most_days = ((chart / LEAST_DAY) as i64).max(1);
    let across = ((total_days + most_days - 1) / most_days).max(1) as usize;
    let days_per_page = (total_days + across as i64 - 1) / across as i64;
    // The meetings' row is on every page; the activities' rows share what is left.
    let rows_per_page = (((h - BODY_TOP - FOOTER - SCALE_H) / ROW_H) as usize)
        .saturating_sub(1)
        .max(1);
    let down = rows.div_ceil(rows_per_page).max(1);
    Tiling {
        across,
        down,
        days_per_page,
        rows_per_page,
        day_width: chart / days_per_page as f32,
    }
}

/// How many pages the timeline of `scope` takes on `paper`, without laying them out.
pub fn page_count(project: &Project, scope: Scope, paper: Paper) -> usize {
    let (from, to) = scope.resolve(project);
    let rows = timeline::rows_in_period(project, from, to).len();
    let tiles = tiling(paper, (to - from).num_days() + 1, rows);
    tiles.across * tiles.down
}

fn title_of(project: &Project) -> String {
    if project.programme.title.is_empty() {
        "Timeline".to_string()
    } else {
        project.programme.title.clone()
    }
}

/// The pages: across the period first, then down the rows.
pub fn sheets(project: &Project, scope: Scope, paper: Paper, made: NaiveDate) -> Vec<Sheet> {
    let (from, to) = scope.resolve(project);
    let rows = timeline::rows_in_period(project, from, to);
    let total_days = (to - from).num_days() + 1;
    let tiles = tiling(paper, total_days, rows.len());
    let count = tiles.across * tiles.down;
    let activities = rows
        .iter()
        .filter(|r| matches!(r, Row::Activity { .. }))
        .count();
    let title = title_of(project);
    let extras = Extras {
        links: crate::plan::schedule::links(project),
        baseline: scope.baseline.and_then(|id| project.baseline(id)),
    };
    let mut sheets = Vec::with_capacity(count);
    for down in 0..tiles.down {
        let band_start = down * tiles.rows_per_page;
        let band =
            &rows[band_start.min(rows.len())..(band_start + tiles.rows_per_page).min(rows.len())];
        for across in 0..tiles.across {
            let page_from = from + Days::new((across as i64 * tiles.days_per_page) as u64);
            let page_to = (page_from + Days::new((tiles.days_per_page - 1) as u64)).min(to);
            let index = down * tiles.across + across;
            let mut sheet = Sheet::new(paper.size(true));
            let what = if rows.is_empty() {
                "no activity in this period".to_string()
            } else {
                format!(
                    "rows {}–{} of {}",
                    band_start + 1,
                    band_start + band.len(),
                    rows.len()
                )
            };
            let frame = Frame {
                title: title.clone(),
                date: format!("Printed {}", super::long_date(made)),
                subtitle: format!(
                    "Timeline {} to {} · {what} ({activities} activities) · page {} across, {} down",
                    super::long_date(page_from),
                    super::long_date(page_to),
                    across + 1,
                    down + 1
                ),
            };
            frame_page(&mut sheet, &frame, index, count);
            draw_page(
                &mut sheet,
                project,
                &extras,
                band,
                page_from,
                page_to,
                tiles.day_width,
            );
            sheets.push(sheet);
        }
    }
    sheets
}

/// What every page draws besides the bars: the links, and the baseline compared with.
struct Extras<'a> {
    links: Vec<crate::plan::schedule::Link>,
    baseline: Option<&'a crate::model::Baseline>,
}

/// The scale, the meetings' row and the band's rows of one page.
fn draw_page(
    sheet: &mut Sheet,
    project: &Project,
    extras: &Extras<'_>,
    band: &[Row],
    page_from: NaiveDate,
    page_to: NaiveDate,
    day: f32,
) {
    let chart_left = MARGIN + LABEL_W;
    let chart_right = chart_left + ((page_to - page_from).num_days() + 1) as f32 * day;
    let x_of = |date: NaiveDate| chart_left + (date - page_from).num_days() as f32 * day;
    let top = BODY_TOP + SCALE_H;
    let bottom = top + (band.len() + 1) as f32 * ROW_H;
    // The programme's period, faintly behind the bars.
    let (ps, pe) = (
        project.programme.start.max(page_from),
        project.programme.end.min(page_to),
    );
    if ps <= pe {
        sheet.fill(
            x_of(ps),
            top,
            x_of(pe) + day - x_of(ps),
            bottom - top,
            (246, 248, 252),
        );
    }
    // Group rows shaded across the labels and the chart.
    for (i, row) in band.iter().enumerate() {
        if matches!(row, Row::Group { .. }) {
            let y = top + (i + 1) as f32 * ROW_H;
            sheet.fill(MARGIN, y, chart_right - MARGIN, ROW_H, SHADE);
        }
    }
    let zoom = if day >= WEEKS_FROM {
        Zoom::Weeks
    } else {
        Zoom::Months
    };
    let (upper, lower) = timeline::ticks(page_from, page_to, zoom);
    for (date, label) in upper {
        let x = x_of(date.max(page_from));
        sheet.line((x, BODY_TOP), (x, bottom), 0.6, (150, 150, 150));
        sheet.text(x + 2.0, BODY_TOP + 10.0, 8.5, INK, true, &label);
    }
    let mut last_label_end = f32::MIN;
    for (date, label) in lower {
        if date < page_from {
            continue;
        }
        let x = x_of(date);
        sheet.line((x, BODY_TOP + 14.0), (x, bottom), 0.3, (215, 215, 215));
        // A label only where the one before it has ended.
        if x + 1.5 > last_label_end {
            sheet.text(x + 1.5, BODY_TOP + 24.0, 7.0, MUTED, false, &label);
            last_label_end = x + 1.5 + width(&label, 7.0) + 2.0;
        }
    }
    sheet.line((MARGIN, top), (chart_right, top), 0.6, RULE);
    sheet.line((MARGIN, bottom), (chart_right, bottom), 0.6, RULE);
    sheet.line((chart_left, BODY_TOP), (chart_left, bottom), 0.6, RULE);
    let label = |sheet: &mut Sheet, i: usize, indent: f32, size: f32, bold: bool, text: &str| {
        let max = LABEL_W - indent - 2.0 * MM;
        let shown = fit(text, max, &|s| width(s, size));
        let y = top + i as f32 * ROW_H + ROW_H * 0.5 + size * 0.35;
        sheet.text(MARGIN + indent, y, size, INK, bold, &shown);
    };
    label(sheet, 0, 0.0, 8.0, true, MEETINGS);
    for m in project
        .committee
        .meetings
        .iter()
        .filter(|m| m.date >= page_from && m.date <= page_to)
    {
        sheet.marks.push(Mark::Diamond {
            x: x_of(m.date) + day / 2.0,
            y: top + ROW_H / 2.0,
            r: BAR_H * 0.55,
            fill: MEETING,
        });
    }
    for (i, row) in band.iter().enumerate() {
        let row_top = top + (i + 1) as f32 * ROW_H;
        match row {
            Row::Group { title, .. } => label(sheet, i + 1, 0.0, 8.0, true, title),
            Row::Subgroup { title, .. } => label(sheet, i + 1, 2.5 * MM, 7.5, true, title),
            Row::Activity { index, .. } => {
                let a = &project.activities[*index];
                label(sheet, i + 1, 5.0 * MM, 7.5, false, &a.title);
                let color = status_color(a.status);
                if let Some(kept) = extras
                    .baseline
                    .and_then(|b| b.activities.iter().find(|k| k.activity == a.id))
                {
                    // Under the bar's lower edge, so both stay readable where they overlap.
                    let y = row_top + (ROW_H + BAR_H) / 2.0 - BASELINE_H * 0.4;
                    for span in &kept.sessions {
                        let (start, end) = (span.start.max(page_from), span.end.min(page_to));
                        if start <= end {
                            let x = x_of(start);
                            sheet.fill(x, y, (x_of(end) + day - x).max(1.0), BASELINE_H, BASELINE);
                        }
                    }
                }
                for s in &a.sessions {
                    let (start, end) = (s.start.max(page_from), s.last_day().min(page_to));
                    if start > end {
                        continue;
                    }
                    let x = x_of(start);
                    let w = (x_of(end) + day - x).max(1.5);
                    let y = row_top + (ROW_H - BAR_H) / 2.0;
                    if a.milestone {
                        sheet.marks.push(Mark::Diamond {
                            x: x + day / 2.0,
                            y: row_top + ROW_H / 2.0,
                            r: BAR_H * 0.55,
                            fill: color,
                        });
                    } else if s.precision == Precision::Month {
                        // Only the month is known: a pale bar with an outline.
                        sheet.marks.push(Mark::Rect {
                            x,
                            y,
                            w,
                            h: BAR_H,
                            fill: Some(pale(color)),
                            stroke: Some(color),
                        });
                    } else {
                        sheet.fill(x, y, w, BAR_H, color);
                    }
                }
            }
        }
    }
    draw_links(
        sheet,
        project,
        extras,
        band,
        top,
        (page_from, page_to),
        day,
        &x_of,
    );
    legend(sheet, extras.baseline.map(|b| b.name.as_str()));
}

/// Elbow arrows from the end of each predecessor to the start of its successor, for links
/// whose two activities are both on this page: a link to a row on another page of rows, or
/// to days on another page across, is left out rather than drawn to the edge.
#[allow(clippy::too_many_arguments)]
fn draw_links(
    sheet: &mut Sheet,
    project: &Project,
    extras: &Extras<'_>,
    band: &[Row],
    top: f32,
    (page_from, page_to): (NaiveDate, NaiveDate),
    day: f32,
    x_of: &dyn Fn(NaiveDate) -> f32,
) {
    if extras.links.is_empty() {
        return;
    }
    let mut row_of = std::collections::HashMap::new();
    for (i, row) in band.iter().enumerate() {
        if let Row::Activity { index, .. } = row {
            row_of.insert(project.activities[*index].id, (i, *index));
        }
    }
    let centre = |i: usize| top + (i + 1) as f32 * ROW_H + ROW_H / 2.0;
    for link in &extras.links {
        let (Some(&(from_row, from)), Some(&(to_row, to))) =
            (row_of.get(&link.from), row_of.get(&link.to))
        else {
            continue;
        };
        let (Some((_, last)), Some((first, _))) = (
            crate::plan::workplan::span(&project.activities[from]),
            crate::plan::workplan::span(&project.activities[to]),
        ) else {
            continue;
        };
        if last < page_from || last > page_to || first < page_from || first > page_to {
            continue;
        }
        let color = if link.violated { BROKEN_LINK } else { LINK };
        let (x0, y0) = (x_of(last) + day, centre(from_row));
        let (x1, y1) = (x_of(first), centre(to_row));
        // Out of the predecessor, down (or up) beside it, then along to the successor.
        let bend = x0 + 1.2 * MM;
        sheet.line((x0, y0), (bend, y0), 0.5, color);
        sheet.line((bend, y0), (bend, y1), 0.5, color);
        if x1 >= bend {
            sheet.line((bend, y1), (x1, y1), 0.5, color);
        } else {
            // The successor starts earlier: come back along its row to its start.
            sheet.line((bend, y1), (x1 - 0.8 * MM, y1), 0.5, color);
            sheet.line((x1 - 0.8 * MM, y1), (x1, y1), 0.5, color);
        }
        let head = 0.9 * MM;
        sheet.line((x1 - head, y1 - head * 0.6), (x1, y1), 0.5, color);
        sheet.line((x1 - head, y1 + head * 0.6), (x1, y1), 0.5, color);
    }
}

/// The status colours on a line of their own at the foot of the page, above its number, then
/// the meeting mark, links and the baseline when one is compared with.
fn legend(sheet: &mut Sheet, baseline: Option<&str>) {
    const SWATCH: f32 = 6.0;
    let y = sheet.height - MARGIN - 12.0;
    let mut x = MARGIN;
    for status in Status::ALL {
        sheet.fill(x, y - 5.5, SWATCH, SWATCH, status_color(status));
        sheet.text(x + SWATCH + 2.0, y, 7.0, MUTED, false, status.label());
        x += SWATCH + 2.0 + width(status.label(), 7.0) + 8.0;
    }
    sheet.marks.push(Mark::Diamond {
        x: x + SWATCH / 2.0,
        y: y - 2.5,
        r: 3.5,
        fill: MEETING,
    });
    sheet.text(x + SWATCH + 2.0, y, 7.0, MUTED, false, "Meeting");
    x += SWATCH + 2.0 + width("Meeting", 7.0) + 8.0;
    for (label, color) in [("Link", LINK), ("Broken link", BROKEN_LINK)] {
        sheet.line((x, y - 2.5), (x + 2.0 * SWATCH, y - 2.5), 0.8, color);
        sheet.text(x + 2.0 * SWATCH + 2.0, y, 7.0, MUTED, false, label);
        x += 2.0 * SWATCH + 2.0 + width(label, 7.0) + 8.0;
    }
    if let Some(name) = baseline {
        let label = format!("Baseline “{name}”");
        sheet.fill(x, y - 3.5, 2.0 * SWATCH, 3.0, BASELINE);
        sheet.text(x + 2.0 * SWATCH + 2.0, y, 7.0, MUTED, false, &label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn made() -> NaiveDate {
        day(2026, 12, 2)
    }

    #[test]
    fn a_long_period_goes_across_pages_and_a3_needs_fewer() {
        let project = crate::testing::sample();
        let a4 = sheets(&project, Scope::default(), Paper::A4, made());
        let a3 = sheets(&project, Scope::default(), Paper::A3, made());
        assert!(
            a4.len() > a3.len(),
            "{} on A4, {} on A3",
            a4.len(),
            a3.len()
        );
        let tiles = tiling(Paper::A4, 1096, 10);
        assert_eq!(tiles.down, 1);
        assert!(tiles.across >= 5, "{tiles:?}");
        assert!(tiles.day_width >= LEAST_DAY);
        assert!(tiles.days_per_page * tiles.across as i64 >= 1096);
        // Every page has the scale and the row labels.
        for sheet in &a4 {
            let texts: Vec<&str> = sheet.texts().collect();
            assert!(texts.contains(&MEETINGS), "{texts:?}");
            assert!(texts.iter().any(|t| t.contains(" Q")), "{texts:?}");
            assert_eq!((sheet.width, sheet.height), Paper::A4.size(true));
        }
    }

    #[test]
    fn many_rows_go_down_pages_each_with_its_labels() {
        let project = crate::plan::generate::project(400, 30, 2, 3);
        let sheets = sheets(&project, Scope::default(), Paper::A4, made());
        let rows =
            timeline::rows_in_period(&project, project.programme.start, project.programme.end);
        let tiles = tiling(
            Paper::A4,
            (project.programme.end - project.programme.start).num_days() + 1,
            rows.len(),
        );
        assert!(tiles.down > 5, "{tiles:?}");
        assert_eq!(sheets.len(), tiles.across * tiles.down);
        assert_eq!(
            sheets.len(),
            page_count(&project, Scope::default(), Paper::A4)
        );
        // Each activity's label is on one page of each column of pages.
        let labels: usize = sheets
            .iter()
            .map(|s| {
                s.texts()
                    .filter(|t| {
                        project
                            .activities
                            .iter()
                            .any(|a| a.title.starts_with(t.trim_end_matches('…')))
                    })
                    .count()
            })
            .sum();
        assert!(labels >= project.activities.len(), "{labels}");
        // Nothing is drawn outside the page.
        for sheet in &sheets {
            for mark in &sheet.marks {
                if let Mark::Text { x, y, .. } | Mark::Rect { x, y, .. } = mark {
                    assert!(
                        *x >= 0.0 && *x <= sheet.width && *y <= sheet.height,
                        "{mark:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_period_chooses_the_rows() {
        let project = crate::testing::sample();
        let q4 = Scope {
            from: Some(day(2009, 10, 1)),
            to: Some(day(2009, 12, 31)),
            ..Scope::default()
        };
        let sheets = sheets(&project, q4, Paper::A4, made());
        assert_eq!(sheets.len(), 1);
        let texts: Vec<&str> = sheets[0].texts().collect();
        assert!(texts.iter().any(|t| t.contains("2009 Q4")));
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("Regional cooperation in asset")),
            "{texts:?}"
        );
        assert!(
            !texts
                .iter()
                .any(|t| t.starts_with("High-level regional conference"))
        );
        // A quarter is wide enough for weeks on the scale.
        assert!(texts.contains(&"5 Oct"), "{texts:?}");
    }

    fn lines_of(sheet: &Sheet, color: Rgb) -> usize {
        sheet
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Line { color: c, .. } if *c == color))
            .count()
    }

    #[test]
    fn links_and_a_baseline_are_drawn_when_both_ends_are_on_the_page() {
        let mut project = crate::testing::sample();
        let q4 = Scope {
            from: Some(day(2009, 10, 1)),
            to: Some(day(2009, 12, 31)),
            ..Scope::default()
        };
        let dated: Vec<usize> = (0..project.activities.len())
            .filter(|&i| {
                crate::plan::workplan::span(&project.activities[i])
                    .is_some_and(|(f, l)| f >= day(2009, 10, 1) && l <= day(2009, 12, 31))
            })
            .collect();
        assert!(dated.len() >= 2, "the sample has two activities in 2009 Q4");
        let plain = sheets(&project, q4, Paper::A4, made());
        let before = lines_of(&plain[0], LINK) + lines_of(&plain[0], BROKEN_LINK);
        // The later activity follows the earlier one; the reverse link is broken.
        let (first, second) = (dated[0], dated[1]);
        let first_id = project.activities[first].id;
        project.activities[second].predecessors.clear();
        project.activities[second]
            .predecessors
            .push(crate::model::Dependency {
                activity: first_id,
                lag_days: 0,
            });
        let with_link = sheets(&project, q4, Paper::A4, made());
        let after = lines_of(&with_link[0], LINK) + lines_of(&with_link[0], BROKEN_LINK);
        assert!(
            after >= before + 5,
            "an elbow and its head: {before} then {after}"
        );

        // A baseline compared with: one grey bar per kept session in the period, and its name.
        let id = crate::model::Id(project.next_id);
        project.next_id += 1;
        let baseline = crate::plan::baseline::snapshot(&project, id, "Approved by SC2", made(), "");
        project.baselines.push(baseline);
        let compared = Scope {
            baseline: Some(id),
            ..q4
        };
        let page = &sheets(&project, compared, Paper::A4, made())[0];
        let grey = page
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Rect { fill: Some(c), .. } if *c == BASELINE))
            .count();
        assert!(
            grey > dated.len(),
            "{grey} baseline bars, legend swatch included"
        );
        assert!(page.texts().any(|t| t == "Baseline “Approved by SC2”"));
        assert!(!with_link[0].texts().any(|t| t.starts_with("Baseline")));
    }
}
