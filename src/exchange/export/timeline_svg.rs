//! The timeline of a period as SVG: each file one A4 landscape page, the period split across
//! pages when it is too wide to read on one, and the rows across pages when there are many.

use chrono::{Days, NaiveDate};

use super::Scope;
use super::html::escape;
use crate::model::{Project, Status};
use crate::plan::timeline::{self, Row, Zoom};

const PAGE_WIDTH: f32 = 1123.0; // A4 landscape at 96 dpi
const PAGE_HEIGHT: f32 = 794.0;
const MARGIN: f32 = 28.0;
const LABEL: f32 = 250.0;
const HEADER: f32 = 78.0;
const ROW: f32 = 17.0;
/// At least this many days on a page width, so bars stay readable.
const MOST_DAYS_PER_PAGE: i64 = 183;

fn color(status: Status) -> String {
    let (r, g, b) = super::pdf::timeline::status_color(status);
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(chars - 1).collect::<String>())
    }
}

/// The pages, left to right within each band of rows, top band first.
pub fn pages(project: &Project, scope: Scope) -> Vec<String> {
    let (from, to) = scope.resolve(project);
    let chart = PAGE_WIDTH - 2.0 * MARGIN - LABEL;
    let total_days = (to - from).num_days() + 1;
    let days_per_page = total_days.clamp(1, MOST_DAYS_PER_PAGE);
    let day = chart / days_per_page as f32;
    let columns = (total_days + days_per_page - 1) / days_per_page;

    let rows = timeline::rows_in_period(project, from, to);
    let meetings: Vec<_> = project
        .committee
        .meetings
        .iter()
        .filter(|m| m.date >= from && m.date <= to)
        .collect();
    let per_band = (((PAGE_HEIGHT - MARGIN - HEADER - MARGIN) / ROW) as usize)
        .saturating_sub(1)
        .max(1);
    let bands: Vec<&[Row]> = if rows.is_empty() {
        vec![&[][..]]
    } else {
        rows.chunks(per_band).collect()
    };
    let total_pages = bands.len() * columns as usize;
    let title = if project.programme.title.is_empty() {
        "Timeline".to_string()
    } else {
        project.programme.title.clone()
    };

    let mut out = Vec::new();
    for (band_index, band) in bands.iter().enumerate() {
        for column in 0..columns {
            let page_from = from + Days::new((column * days_per_page) as u64);
            let page_to = (page_from + Days::new((days_per_page - 1) as u64)).min(to);
            let x_of =
                |date: NaiveDate| MARGIN + LABEL + (date - page_from).num_days() as f32 * day;
            let number = band_index * columns as usize + column as usize + 1;
            let mut svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"297mm\" height=\"210mm\" viewBox=\"0 0 {PAGE_WIDTH} {PAGE_HEIGHT}\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            );
            svg.push_str(&format!(
                "<text x=\"{MARGIN}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\">{}</text>\n<text x=\"{MARGIN}\" y=\"{}\" font-size=\"10\" fill=\"#555\">Timeline {page_from} to {page_to} · page {number} of {total_pages}</text>\n",
                MARGIN + 4.0,
                escape(&shorten(&title, 110)),
                MARGIN + 20.0
            ));
            let chart_left = MARGIN + LABEL;
            let chart_right = chart_left + (page_to - page_from).num_days() as f32 * day + day;
            let top = MARGIN + HEADER;
            let bottom = top + (band.len() + 1) as f32 * ROW;
            // Programme period.
            let (ps, pe) = (
                project.programme.start.max(page_from),
                project.programme.end.min(page_to),
            );
            if ps <= pe {
                svg.push_str(&format!("<rect x=\"{:.1}\" y=\"{top}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#eef3fa\"/>\n", x_of(ps), x_of(pe) - x_of(ps) + day, bottom - top));
            }
            // Header: quarters above, months below.
            let (upper, lower) = timeline::ticks(page_from, page_to, Zoom::Months);
            for (date, label) in upper {
                let x = x_of(date.max(page_from));
                svg.push_str(&format!("<line x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{bottom}\" stroke=\"#999\" stroke-width=\"0.8\"/>\n<text x=\"{:.1}\" y=\"{}\" font-size=\"10\" font-weight=\"bold\">{}</text>\n", top - 36.0, x + 2.0, top - 26.0, escape(&label)));
            }
            for (date, label) in lower {
                if date < page_from {
                    continue;
                }
                let x = x_of(date);
                svg.push_str(&format!("<line x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{bottom}\" stroke=\"#ddd\" stroke-width=\"0.6\"/>\n<text x=\"{:.1}\" y=\"{}\" font-size=\"9\" fill=\"#555\">{}</text>\n", top - 18.0, x + 2.0, top - 8.0, escape(&label)));
            }
            // Meetings first, then the rows.
            svg.push_str(&format!("<text x=\"{MARGIN}\" y=\"{:.1}\" font-size=\"10\" font-weight=\"bold\">Steering committee meetings</text>\n", top + ROW - 5.0));
            for m in meetings
                .iter()
                .filter(|m| m.date >= page_from && m.date <= page_to)
            {
                let (cx, cy, r) = (x_of(m.date) + day / 2.0, top + ROW / 2.0, ROW * 0.35);
                svg.push_str(&format!("<path d=\"M{cx:.1} {:.1} L{:.1} {cy:.1} L{cx:.1} {:.1} L{:.1} {cy:.1} Z\" fill=\"#2a6fdb\"><title>Meeting {}</title></path>\n", cy - r, cx + r, cy + r, cx - r, m.number));
            }
            for (i, row) in band.iter().enumerate() {
                let y = top + (i + 1) as f32 * ROW;
                match row {
                    Row::Group { title, .. } => {
                        svg.push_str(&format!("<rect x=\"{MARGIN}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{ROW}\" fill=\"#f2f2f2\"/>\n<text x=\"{MARGIN}\" y=\"{:.1}\" font-size=\"10\" font-weight=\"bold\">{}</text>\n", chart_right - MARGIN, y + ROW - 5.0, escape(&shorten(title, 40))));
                    }
                    Row::Subgroup { title, .. } => {
                        svg.push_str(&format!("<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9.5\" font-weight=\"bold\" fill=\"#333\">{}</text>\n", MARGIN + 8.0, y + ROW - 5.0, escape(&shorten(title, 40))));
                    }
                    Row::Activity { index, .. } => {
                        let a = &project.activities[*index];
                        svg.push_str(&format!(
                            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\">{}</text>\n",
                            MARGIN + 16.0,
                            y + ROW - 5.0,
                            escape(&shorten(&a.title, 44))
                        ));
                        for s in &a.sessions {
                            let (start, end) = (s.start.max(page_from), s.last_day().min(page_to));
                            if start > end {
                                continue;
                            }
                            let x = x_of(start);
                            let width = (x_of(end) + day - x).max(1.5);
                            if a.milestone {
                                let (cx, cy, r) = (x + day / 2.0, y + ROW / 2.0, ROW * 0.35);
                                svg.push_str(&format!(
                                    "<path d=\"M{cx:.1} {:.1} L{:.1} {cy:.1} L{cx:.1} {:.1} L{:.1} {cy:.1} Z\" fill=\"{}\"><title>{}</title></path>\n",
                                    cy - r,
                                    cx + r,
                                    cy + r,
                                    cx - r,
                                    color(a.status),
                                    escape(&a.title)
                                ));
                                continue;
                            }
                            let month_only = s.precision == crate::model::Precision::Month;
                            let style = if month_only {
                                format!(
                                    "fill=\"{}\" fill-opacity=\"0.35\" stroke=\"{}\"",
                                    color(a.status),
                                    color(a.status)
                                )
                            } else {
                                format!("fill=\"{}\"", color(a.status))
                            };
                            svg.push_str(&format!("<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{:.1}\" rx=\"2\" {style}><title>{} ({})</title></rect>\n", y + 3.0, ROW - 6.0, escape(&a.title), escape(&s.date_label())));
                        }
                    }
                }
            }
            svg.push_str("</svg>\n");
            out.push(svg);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::sample;

    #[test]
    fn a_short_period_is_one_page_and_a_long_one_is_split() {
        let p = sample();
        let q4 = Scope {
            from: NaiveDate::from_ymd_opt(2009, 10, 1),
            to: NaiveDate::from_ymd_opt(2009, 12, 31),
            ..Scope::default()
        };
        let one = pages(&p, q4);
        assert_eq!(one.len(), 1);
        assert!(one[0].contains("2009 Q4"));
        assert!(one[0].contains("Regional cooperation in asset recovery"));
        assert!(
            !one[0].contains("High-level regional conference"),
            "March 2009 is outside the period"
        );
        let three_years = pages(&p, Scope::default());
        assert_eq!(three_years.len(), 6, "1,095 days at most 183 a page");
        assert!(
            three_years
                .iter()
                .all(|page| page.contains("viewBox=\"0 0 1123 794\""))
        );
    }
}
