//! Native PDF documents. Layout is pure: each document becomes [`Sheet`]s (text runs,
//! rectangles and lines at places on a page, in points from the top left), and only
//! [`write`] draws them, with krilla, in the Ubuntu font egui bundles, embedded and subset,
//! so the text is selectable and Latin Extended and Cyrillic names print as they are written.
//! The window's print preview paints the same sheets.

pub mod donor;
pub mod flow;
pub mod logframe;
pub mod meeting;
pub mod metrics;
pub mod report;
pub mod results;
pub mod timeline;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// A colour as red, green and blue.
pub type Rgb = (u8, u8, u8);
pub const INK: Rgb = (20, 20, 20);
pub const MUTED: Rgb = (90, 90, 90);
pub const WARN: Rgb = (160, 30, 30);
/// Hairlines between rows and under the running header.
pub const RULE: Rgb = (180, 180, 180);
/// The background of a table's header row and of group rows.
pub const SHADE: Rgb = (236, 239, 244);

/// The paper a document is printed on.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Paper {
    #[default]
    A4,
    A3,
    Letter,
}

impl Paper {
    pub const ALL: [Paper; 3] = [Paper::A4, Paper::A3, Paper::Letter];

    /// The name the command line uses (`--paper a3`).
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::A3 => "a3",
            Paper::Letter => "letter",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A3 => "A3",
            Paper::Letter => "Letter",
        }
    }

    /// Width and height in points, upright or on its side.
    pub fn size(self, landscape: bool) -> (f32, f32) {
        let (w, h) = match self {
            Paper::A4 => (210.0 * MM, 297.0 * MM),
            Paper::A3 => (297.0 * MM, 420.0 * MM),
            Paper::Letter => (8.5 * 72.0, 11.0 * 72.0),
        };
        if landscape { (h, w) } else { (w, h) }
    }
}

/// One thing drawn on a page; places are in points from the page's top left corner, text by
/// its baseline's left end.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    Text {
        x: f32,
        y: f32,
        size: f32,
        color: Rgb,
        bold: bool,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        /// An outline of half a point.
        stroke: Option<Rgb>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Rgb,
    },
    /// A milestone or meeting: a square on its corner around its centre.
    Diamond { x: f32, y: f32, r: f32, fill: Rgb },
}

/// A page of a document as drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub width: f32,
    pub height: f32,
    pub marks: Vec<Mark>,
}

impl Sheet {
    pub fn new((width, height): (f32, f32)) -> Sheet {
        Sheet {
            width,
            height,
            marks: Vec::new(),
        }
    }

    /// Text at a baseline; empty text draws nothing.
    pub fn text(&mut self, x: f32, y: f32, size: f32, color: Rgb, bold: bool, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        self.marks.push(Mark::Text {
            x,
            y,
            size,
            color,
            bold,
            text: metrics::printable(text).into_owned(),
        });
    }

    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.marks.push(Mark::Rect {
            x,
            y,
            w,
            h,
            fill: Some(color),
            stroke: None,
        });
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Rgb) {
        self.marks.push(Mark::Line {
            from,
            to,
            width,
            color,
        });
    }

    /// Every text on the page, in drawing order (for tests).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.marks.iter().filter_map(|m| match m {
            Mark::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// What a document says about itself: its title in the PDF's properties.
pub struct Info {
    pub title: String,
}

fn paint(color: Rgb) -> krilla::paint::Paint {
    rgb::Color::new(color.0, color.1, color.2).into()
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: paint(color),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// The sheets as a PDF file.
pub fn write(sheets: &[Sheet], info: &Info) -> Vec<u8> {
    let font = Font::new(metrics::FONT.into(), 0).expect("the bundled font loads");
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(info.title.clone())
            .language("en".into())
            .creator("Workplan".into()),
    );
    for sheet in sheets {
        let settings =
            PageSettings::from_wh(sheet.width, sheet.height).expect("paper sizes are valid");
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for mark in &sheet.marks {
            match mark {
                Mark::Text {
                    x,
                    y,
                    size,
                    color,
                    bold,
                    text,
                } => {
                    surface.set_fill(Some(fill(*color)));
                    // The one font has no bold face: a bold run is also outlined, thinly.
                    surface.set_stroke(bold.then(|| Stroke {
                        paint: paint(*color),
                        width: size * 0.035,
                        ..Default::default()
                    }));
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        font.clone(),
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                    surface.set_stroke(None);
                }
                Mark::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill: inside,
                    stroke,
                } => {
                    let Some(rect) = krilla::geom::Rect::from_xywh(*x, *y, w.max(0.1), h.max(0.1))
                    else {
                        continue;
                    };
                    let mut path = PathBuilder::new();
                    path.push_rect(rect);
                    let Some(path) = path.finish() else { continue };
                    surface.set_fill(inside.map(fill));
                    surface.set_stroke(stroke.map(|color| Stroke {
                        paint: paint(color),
                        width: 0.5,
                        ..Default::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                }
                Mark::Line {
                    from,
                    to,
                    width,
                    color,
                } => {
                    let mut path = PathBuilder::new();
                    path.move_to(from.0, from.1);
                    path.line_to(to.0, to.1);
                    let Some(path) = path.finish() else { continue };
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: paint(*color),
                        width: *width,
                        ..Default::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                }
                Mark::Diamond {
                    x,
                    y,
                    r,
                    fill: color,
                } => {
                    let mut path = PathBuilder::new();
                    path.move_to(*x, y - r);
                    path.line_to(x + r, *y);
                    path.line_to(*x, y + r);
                    path.line_to(x - r, *y);
                    path.close();
                    let Some(path) = path.finish() else { continue };
                    surface.set_fill(Some(fill(*color)));
                    surface.draw_path(&path);
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .expect("text in an embedded TrueType font, paths and fills make a valid PDF")
}

/// The pages of a PDF `format` and its title (`None` for a format that is not a PDF), for
/// the file or for the window's preview; `made` is the day the header says it was printed.
pub fn document(
    project: &crate::model::Project,
    format: crate::exchange::export::Format,
    scope: crate::exchange::export::Scope,
    made: chrono::NaiveDate,
) -> Result<Option<(Vec<Sheet>, Info)>, crate::exchange::export::ContentError> {
    use crate::exchange::export::Format;
    let paper = scope.paper;
    let of_meeting = |kind| -> Result<_, crate::exchange::export::ContentError> {
        let number = scope.meeting_number(project)?;
        Ok((
            meeting::sheets(project, number, kind, paper)?,
            Info {
                title: meeting::title(project, number, kind),
            },
        ))
    };
    let programme = || crate::exchange::export::logframe::title_of(project);
    Ok(Some(match format {
        Format::AgendaPdf => of_meeting(meeting::Kind::Agenda)?,
        Format::AgendaPackPdf => of_meeting(meeting::Kind::Pack)?,
        Format::MinutesPdf => of_meeting(meeting::Kind::Minutes)?,
        Format::LogframePdf => (
            logframe::sheets(project, scope.pillar, paper, made),
            Info {
                title: format!("Logframe — {}", programme()),
            },
        ),
        Format::ReportPdf => (
            report::sheets(project, scope, paper, made),
            Info {
                title: format!("Workplan report — {}", programme()),
            },
        ),
        Format::TimelinePdf => (
            timeline::sheets(project, scope, paper, made),
            Info {
                title: format!("Timeline — {}", programme()),
            },
        ),
        Format::DonorPdf => (
            donor::sheets(project, scope, paper, made),
            Info {
                title: format!("Donor report — {}", programme()),
            },
        ),
        Format::ResultsPdf => (
            results::sheets(project, paper, made),
            Info {
                title: format!("Results — {}", programme()),
            },
        ),
        _ => return Ok(None),
    }))
}

/// A long date as documents print it: "30 September 2009".
pub fn long_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}
