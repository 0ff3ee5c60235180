//! A meeting's agenda as a native PDF (A4 portrait) to e-mail or print: real, selectable text
//! in the Ubuntu font egui bundles, embedded and subset by krilla, so Latin Extended and
//! Cyrillic names print as they are written.
//!
//! Layout is pure: the agenda becomes blocks of lines (wrapped by the font's own glyph
//! advances), the blocks are cut into pages, and only then is anything drawn.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use super::ContentError;
use super::agenda::{committee_name, meeting, presence_label, purpose, role_label, when};
use crate::committee::{carried_over, person_name, quorum, timing};
use crate::model::{AgendaItem, MeetingStatus, Project};

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
const PAGE_W: f32 = 210.0 * MM;
const PAGE_H: f32 = 297.0 * MM;
const MARGIN: f32 = 20.0 * MM;
/// The running header and footer sit inside the margins; the body starts below the header.
const HEADER_H: f32 = 12.0 * MM;
const FOOTER_H: f32 = 8.0 * MM;
const BODY_TOP: f32 = MARGIN + HEADER_H;
const BODY_H: f32 = PAGE_H - BODY_TOP - MARGIN - FOOTER_H;
const BODY_W: f32 = PAGE_W - 2.0 * MARGIN;
/// Columns of an item: its times, its number, then the text.
const NUMBER_W: f32 = 10.0 * MM;
const TIME_W: f32 = 24.0 * MM;
/// How far a sub-item is set in from its parent.
const SUB_INDENT: f32 = 8.0 * MM;
/// Space after each block.
const BLOCK_GAP: f32 = 3.0 * MM;

const INK: (u8, u8, u8) = (20, 20, 20);
const MUTED: (u8, u8, u8) = (90, 90, 90);
const WARN: (u8, u8, u8) = (160, 30, 30);

/// Glyph advances of the bundled font, so wrapping measures what will be drawn.
struct Metrics<'a> {
    font: skrifa::FontRef<'a>,
}

impl<'a> Metrics<'a> {
    fn new(data: &'a [u8]) -> Self {
        Metrics {
            font: skrifa::FontRef::new(data).expect("the bundled font parses"),
        }
    }

    /// Width in points of `text` at `size` points (kerning left out: it only narrows text).
    fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let metrics = self
            .font
            .glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                let glyph = charmap.map(c).unwrap_or_default();
                metrics.advance_width(glyph).unwrap_or(0.0)
            })
            .sum()
    }
}

/// `text` cut into lines no wider than `max` by `width`, at spaces where it can be and inside
/// a word only when the word alone is wider than a line.
fn wrap(text: &str, max: f32, width: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than the line is broken between characters.
        for c in word.chars() {
            let mut next = line.clone();
            next.push(c);
            if width(&next) > max && !line.is_empty() {
                lines.push(std::mem::replace(&mut line, c.to_string()));
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// One line of text at a place in its block.
#[derive(Clone, Debug, PartialEq)]
struct Line {
    /// From the body's left edge.
    x: f32,
    /// From the block's top to the baseline.
    y: f32,
    size: f32,
    color: (u8, u8, u8),
    text: String,
}

/// What is kept together on a page when it fits on one.
#[derive(Clone, Debug, Default, PartialEq)]
struct Block {
    lines: Vec<Line>,
    height: f32,
    /// A heading or an item with sub-items: not left alone at the foot of a page.
    keep_with_next: bool,
    /// A row of a list (the attendance), set closer to the next than an item is.
    tight: bool,
}

impl Block {
    /// The space between this block and the next.
    fn gap(&self) -> f32 {
        if self.tight {
            BLOCK_GAP / 3.0
        } else {
            BLOCK_GAP
        }
    }
}

impl Block {
    /// Lines of `text` wrapped to `width` starting at `x`, below what the block has at the
    /// block's current height.
    fn text(
        &mut self,
        metrics: &Metrics,
        x: f32,
        width: f32,
        size: f32,
        color: (u8, u8, u8),
        text: &str,
    ) {
        let top = self.height;
        self.column(metrics, x, width, size, color, text, top);
        self.height = self.height.max(top);
    }

    /// Like `text`, but starting at height `top` (for a column beside another) and leaving the
    /// block as tall as its tallest column.
    #[allow(clippy::too_many_arguments)]
    fn column(
        &mut self,
        metrics: &Metrics,
        x: f32,
        width: f32,
        size: f32,
        color: (u8, u8, u8),
        text: &str,
        top: f32,
    ) {
        let leading = size * 1.3;
        let mut y = top;
        for line in wrap(text, width, &|s| metrics.width(s, size)) {
            y += leading;
            self.lines.push(Line {
                x,
                y: y - size * 0.25,
                size,
                color,
                text: line,
            });
        }
        self.height = self.height.max(y);
    }
}

/// Which lines of which blocks go on each page: a block moves whole to the next page when it
/// does not fit in what is left but fits on a page; a taller one is cut between lines.
fn paginate(blocks: &[Block], page_height: f32) -> Vec<Vec<(usize, std::ops::Range<usize>)>> {
    let mut pages = vec![Vec::new()];
    let mut used = 0.0;
    for (index, block) in blocks.iter().enumerate() {
        // What must fit below the block's top: the block, and the next one when it is kept
        // with it (unless the two together are taller than a page anyway).
        let together = match blocks.get(index + 1) {
            Some(next) if block.keep_with_next => block.height + block.gap() + next.height,
            _ => block.height,
        };
        let needed = if together <= page_height {
            together
        } else {
            block.height
        };
        if used + needed <= page_height || used == 0.0 && block.height <= page_height {
            pages
                .last_mut()
                .unwrap()
                .push((index, 0..block.lines.len()));
            used += block.height + block.gap();
            continue;
        }
        if block.height <= page_height {
            pages.push(vec![(index, 0..block.lines.len())]);
            used = block.height + block.gap();
            continue;
        }
        // Taller than a page: fill the pages line by line, starting on a fresh one.
        if used > 0.0 {
            pages.push(Vec::new());
        }
        let mut start = 0;
        let mut offset = 0.0;
        for (i, line) in block.lines.iter().enumerate() {
            if line.y - offset > page_height && i > start {
                pages.last_mut().unwrap().push((index, start..i));
                pages.push(Vec::new());
                start = i;
                offset = block.lines[i - 1].y + line.size * 0.25;
            }
        }
        pages
            .last_mut()
            .unwrap()
            .push((index, start..block.lines.len()));
        used = block.height - offset + block.gap();
    }
    pages
}

/// The agenda's content as blocks: the title, then one block an item, then the warnings and
/// the open action points of earlier meetings.
fn blocks(project: &Project, number: u32, metrics: &Metrics) -> Result<Vec<Block>, ContentError> {
    let m = meeting(project, number)?;
    let t = timing(m);
    let mut blocks = Vec::new();

    let mut title = Block::default();
    title.text(
        metrics,
        0.0,
        BODY_W,
        16.0,
        INK,
        &format!("{} — meeting {}", committee_name(project), m.number),
    );
    title.text(
        metrics,
        0.0,
        BODY_W,
        10.0,
        MUTED,
        &format!("Agenda · {} · {}", when(m), m.place.label()),
    );
    if !project.programme.title.is_empty() {
        title.text(metrics, 0.0, BODY_W, 10.0, MUTED, &project.programme.title);
    }
    blocks.push(title);
    // As the HTML agenda: once the meeting is more than a draft, who attends.
    if m.status != MeetingStatus::Draft {
        blocks.extend(attendance(project, m, metrics));
    }
    blocks.push(heading(metrics, "Items"));

    let mut entries: Vec<&AgendaItem> = Vec::new();
    m.for_each_item(&mut |item| entries.push(item));
    for item in entries {
        let time = t.items.iter().find(|x| x.item == item.id);
        let number = time.map(|x| x.number.clone()).unwrap_or_default();
        let indent = if number.contains('.') {
            SUB_INDENT
        } else {
            0.0
        };
        let span = time
            .filter(|_| m.start_time.is_some())
            .map(|x| format!("{}–{}", x.start.format("%H:%M"), x.end.format("%H:%M")))
            .unwrap_or_default();
        // Times line up down the page; a sub-item's number and text are set in.
        let text_x = TIME_W + indent + NUMBER_W;
        let text_w = BODY_W - text_x;
        let mut block = Block {
            keep_with_next: !item.sub_items.is_empty(),
            ..Block::default()
        };
        block.column(metrics, 0.0, TIME_W, 10.0, MUTED, &span, 0.0);
        block.column(metrics, TIME_W + indent, NUMBER_W, 11.0, INK, &number, 0.0);
        block.column(metrics, text_x, text_w, 11.0, INK, &item.title, 0.0);
        let mut about = purpose(item.purpose).to_string();
        if item.consent {
            about.push_str(", consent agenda");
        }
        let presenter = person_name(&project.committee, item.presenter_member, &item.presenter);
        if !presenter.is_empty() {
            about.push_str(&format!(" · Presenter: {presenter}"));
        }
        about.push_str(&format!(" · {} min", crate::committee::duration(item)));
        block.text(metrics, text_x, text_w, 9.0, MUTED, &about);
        if !item.papers.is_empty() {
            block.text(
                metrics,
                text_x,
                text_w,
                9.0,
                MUTED,
                &format!("Papers: {}", item.papers.join("; ")),
            );
        }
        blocks.push(block);
    }
    if let Some(late) = t.overrun {
        let mut block = Block::default();
        block.text(
            metrics,
            0.0,
            BODY_W,
            10.0,
            WARN,
            &format!("The items run {late} minutes past the planned end."),
        );
        blocks.push(block);
    }
    let arising = carried_over(&project.committee, m);
    if !arising.is_empty() {
        blocks.push(heading(metrics, "Matters arising: open action points"));
        for c in arising {
            let a = c.action;
            let owner = person_name(&project.committee, a.owner_member, &a.owner);
            let mut block = Block::default();
            block.column(metrics, 0.0, NUMBER_W + TIME_W, 10.0, INK, &c.label, 0.0);
            block.column(
                metrics,
                NUMBER_W + TIME_W,
                BODY_W - NUMBER_W - TIME_W,
                10.0,
                INK,
                &format!(
                    "{}{} (meeting {}{})",
                    a.text,
                    if owner.is_empty() {
                        String::new()
                    } else {
                        format!(" — {owner}")
                    },
                    c.number,
                    a.due.map(|d| format!(", due {d}")).unwrap_or_default()
                ),
                0.0,
            );
            blocks.push(block);
        }
    }
    Ok(blocks)
}

/// A section's heading, kept with what follows it.
fn heading(metrics: &Metrics, text: &str) -> Block {
    let mut block = Block {
        keep_with_next: true,
        height: 2.0 * MM,
        ..Block::default()
    };
    block.text(metrics, 0.0, BODY_W, 12.0, INK, text);
    block
}

/// The members with their role, organisation and attendance, the quorum, and the guests.
fn attendance(project: &Project, m: &crate::model::Meeting, metrics: &Metrics) -> Vec<Block> {
    let c = &project.committee;
    let column = BODY_W / 3.0;
    let row = |cells: [&str; 3]| {
        let mut block = Block {
            tight: true,
            ..Block::default()
        };
        for (i, cell) in cells.iter().enumerate() {
            let x = i as f32 * column;
            block.column(metrics, x, column - 3.0 * MM, 10.0, INK, cell, 0.0);
        }
        block
    };
    let mut blocks = vec![heading(metrics, "Attendance")];
    for member in &c.members {
        let presence = m.attendance.iter().find(|a| a.member == member.id);
        let role = if member.organisation.is_empty() {
            role_label(member.role).to_string()
        } else {
            format!("{}, {}", role_label(member.role), member.organisation)
        };
        blocks.push(row([&member.name, &role, &presence_label(presence)]));
    }
    if c.quorum > 0 {
        let (met, count) = quorum(c, m);
        let mut block = Block::default();
        block.text(
            metrics,
            0.0,
            BODY_W,
            9.0,
            MUTED,
            &format!(
                "Quorum {}: {count} voting members present or represented, {} needed.",
                if met { "met" } else { "not met" },
                c.quorum
            ),
        );
        blocks.push(block);
    }
    if !m.guests.is_empty() {
        blocks.push(heading(metrics, "Observers and guests"));
        for g in &m.guests {
            blocks.push(row([&g.name, &g.organisation, ""]));
        }
    }
    blocks
}

/// `text` cut at the end with "…" so it is no wider than `max`.
fn fit(text: &str, max: f32, width: &dyn Fn(&str) -> f32) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let cut: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if width(&cut) <= max {
            return cut;
        }
    }
    String::new()
}

fn fill(color: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// The agenda of meeting `number` as a PDF document.
pub fn to_pdf(project: &Project, number: u32) -> Result<Vec<u8>, ContentError> {
    let data = epaint_default_fonts::UBUNTU_LIGHT;
    let metrics = Metrics::new(data);
    let blocks = blocks(project, number, &metrics)?;
    let pages = paginate(&blocks, BODY_H);
    let m = meeting(project, number)?;
    let header_top = if project.programme.title.is_empty() {
        committee_name(project).to_string()
    } else {
        project.programme.title.clone()
    };
    let header_bottom = format!(
        "{} meeting {} · {} · {}",
        committee_name(project),
        m.number,
        when(m),
        m.place.label()
    );
    let width = |s: &str| metrics.width(s, 8.0);
    let header_top = fit(&header_top, BODY_W, &width);
    let header_bottom = fit(&header_bottom, BODY_W, &width);

    let font = Font::new(data.into(), 0).expect("the bundled font loads");
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!(
                "Agenda — {} meeting {}",
                committee_name(project),
                m.number
            ))
            .language("en".into())
            .creator("Workplan".into()),
    );
    let count = pages.len();
    for (index, page_lines) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid size");
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let mut draw = |x: f32, y: f32, size: f32, color, text: &str| {
            if text.is_empty() {
                return;
            }
            surface.set_fill(Some(fill(color)));
            surface.draw_text(
                Point::from_xy(x, y),
                font.clone(),
                size,
                text,
                false,
                TextDirection::Auto,
            );
        };
        draw(MARGIN, MARGIN + 8.0, 8.0, MUTED, &header_top);
        draw(MARGIN, MARGIN + 18.0, 8.0, MUTED, &header_bottom);
        let footer = format!("Page {} of {count}", index + 1);
        let footer_x = MARGIN + (BODY_W - metrics.width(&footer, 8.0)) / 2.0;
        draw(footer_x, PAGE_H - MARGIN, 8.0, MUTED, &footer);
        let mut top = BODY_TOP;
        for (block, range) in page_lines {
            let block = &blocks[*block];
            let offset = if range.start == 0 {
                0.0
            } else {
                let first = &block.lines[range.start];
                first.y - first.size * 1.05
            };
            let mut bottom: f32 = 0.0;
            for line in &block.lines[range.clone()] {
                draw(
                    MARGIN + line.x,
                    top + line.y - offset,
                    line.size,
                    line.color,
                    &line.text,
                );
                bottom = bottom.max(line.y - offset + line.size * 0.25);
            }
            top += if range.end == block.lines.len() {
                block.height - offset
            } else {
                bottom
            } + block.gap();
        }
        // A hairline under the running header.
        let mut path = PathBuilder::new();
        path.move_to(MARGIN, MARGIN + 23.0);
        path.line_to(PAGE_W - MARGIN, MARGIN + 23.0);
        if let Some(path) = path.finish() {
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(180, 180, 180).into(),
                width: 0.5,
                ..Default::default()
            }));
            surface.draw_path(&path);
            surface.set_stroke(None);
        }
        surface.finish();
        page.finish();
    }
    Ok(document
        .finish()
        .expect("an agenda of text in an embedded TrueType font is a valid PDF"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one point wide: the tests count in characters.
    fn chars(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn wrapping_breaks_at_spaces_within_the_width() {
        let lines = wrap("Regional meeting on witness protection", 16.0, &chars);
        assert_eq!(lines, ["Regional meeting", "on witness", "protection"]);
        assert!(lines.iter().all(|l| chars(l) <= 16.0));
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_inside() {
        let lines = wrap("Gjakovë Đakovica-Приштина-Београд", 10.0, &chars);
        assert_eq!(lines, ["Gjakovë", "Đakovica-П", "риштина-Бе", "оград"]);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap("", 10.0, &chars), [""]);
    }

    #[test]
    fn the_font_measures_glyphs_of_their_own_widths() {
        let metrics = Metrics::new(epaint_default_fonts::UBUNTU_LIGHT);
        let narrow = metrics.width("iiii", 10.0);
        let wide = metrics.width("MMMM", 10.0);
        assert!(narrow > 0.0 && wide > 2.0 * narrow, "{narrow} {wide}");
        // Latin Extended and Cyrillic have glyphs of their own (not the missing glyph's).
        assert!(metrics.width("Đ", 10.0) > 0.0);
        assert_ne!(metrics.width("Ж", 10.0), metrics.width("\u{E000}", 10.0));
        assert_eq!(
            metrics.width("ab", 12.0),
            metrics.width("a", 12.0) + metrics.width("b", 12.0)
        );
    }

    fn block(lines: usize, leading: f32) -> Block {
        Block {
            lines: (1..=lines)
                .map(|i| Line {
                    x: 0.0,
                    y: i as f32 * leading,
                    size: leading,
                    color: INK,
                    text: format!("line {i}"),
                })
                .collect(),
            height: lines as f32 * leading,
            keep_with_next: false,
            tight: false,
        }
    }

    #[test]
    fn a_heading_is_not_left_alone_at_the_foot_of_a_page() {
        let mut heading = block(1, 10.0);
        heading.keep_with_next = true;
        let blocks = [block(6, 10.0), heading, block(3, 10.0)];
        // The heading alone would fit under the first block (60 + gap + 10), with the next
        // block it does not, so both move.
        let pages = paginate(&blocks, 90.0);
        assert_eq!(pages, vec![vec![(0, 0..6)], vec![(1, 0..1), (2, 0..3)]]);
        // Without the rule the heading stays behind.
        let mut loose = blocks.clone();
        loose[1].keep_with_next = false;
        assert_eq!(paginate(&loose, 90.0)[0], vec![(0, 0..6), (1, 0..1)]);
    }

    #[test]
    fn a_block_that_does_not_fit_moves_whole_to_the_next_page() {
        let blocks = [block(4, 10.0), block(4, 10.0), block(4, 10.0)];
        // 40 + gap + 40 fits in 100; the third does not, and moves.
        let pages = paginate(&blocks, 100.0);
        assert_eq!(pages, vec![vec![(0, 0..4), (1, 0..4)], vec![(2, 0..4)]]);
    }

    #[test]
    fn a_block_taller_than_a_page_is_cut_between_lines() {
        let blocks = [block(2, 10.0), block(25, 10.0)];
        let pages = paginate(&blocks, 100.0);
        assert_eq!(
            pages,
            vec![
                vec![(0, 0..2)],
                vec![(1, 0..10)],
                vec![(1, 10..20)],
                vec![(1, 20..25)]
            ]
        );
    }

    #[test]
    fn a_long_header_is_cut_with_an_ellipsis() {
        assert_eq!(fit("Steering Committee", 9.0, &chars), "Steering…");
        assert_eq!(fit("Short", 9.0, &chars), "Short");
    }

    /// The sample's first meeting with its agenda ten times over, and long papers lists.
    fn long_agenda() -> Project {
        fn renumber(item: &mut AgendaItem, next: &mut u64) {
            *next += 1;
            item.id = crate::model::Id(*next);
            item.papers = (1..=12)
                .map(|n| format!("SC1/Paper {n}: Приштина and Gjakovë regional report"))
                .collect();
            for sub in &mut item.sub_items {
                renumber(sub, next);
            }
        }
        let mut project = crate::testing::sample();
        let m = project
            .committee
            .meetings
            .iter_mut()
            .find(|m| m.number == 1)
            .unwrap();
        let agenda = m.agenda.clone();
        let mut next = 1_000_000;
        for _ in 0..9 {
            for item in &agenda {
                let mut item = item.clone();
                renumber(&mut item, &mut next);
                m.agenda.push(item);
            }
        }
        project
    }

    #[test]
    fn a_long_agenda_fills_pages_without_cutting_an_item_or_overrunning_a_line() {
        let project = long_agenda();
        let metrics = Metrics::new(epaint_default_fonts::UBUNTU_LIGHT);
        let blocks = blocks(&project, 1, &metrics).unwrap();
        let pages = paginate(&blocks, BODY_H);
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let mut seen = Vec::new();
        for page in &pages {
            let mut used = 0.0;
            for (index, range) in page {
                assert_eq!(
                    *range,
                    0..blocks[*index].lines.len(),
                    "block {index} was cut"
                );
                used += blocks[*index].height;
                seen.push(*index);
            }
            assert!(used <= BODY_H, "{used} > {BODY_H}");
            let (last, _) = page.last().unwrap();
            assert!(
                !blocks[*last].keep_with_next || *last == blocks.len() - 1,
                "an item with sub-items ends a page: {:?}",
                blocks[*last].lines
            );
        }
        assert_eq!(seen, (0..blocks.len()).collect::<Vec<_>>());
        for line in blocks.iter().flat_map(|b| &b.lines) {
            let right = line.x + metrics.width(&line.text, line.size);
            assert!(right <= BODY_W + 0.01, "{:?} ends at {right}", line.text);
        }
        // The papers were long enough to wrap.
        assert!(
            blocks
                .iter()
                .any(|b| b.lines.iter().filter(|l| l.text.contains("Paper")).count() > 2)
        );
        let pdf = to_pdf(&project, 1).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
