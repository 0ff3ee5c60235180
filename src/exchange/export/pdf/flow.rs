//! Documents that flow down pages: blocks of wrapped lines (a title, a heading, a paragraph,
//! a table row), cut into pages so that a block moves whole to the next page when it fits on
//! one, a heading is not left alone at the foot of a page, and a table's header row is
//! repeated at the top of every page the table goes on to. Then each page gets the running
//! header (programme, document, date) and its number.

use std::ops::Range;

use super::metrics::width;
use super::{INK, MM, MUTED, Paper, RULE, Rgb, SHADE, Sheet};

pub const MARGIN: f32 = 18.0 * MM;
/// The running header sits in the top margin's lower part; the body starts below it.
const HEADER_H: f32 = 12.0 * MM;
const FOOTER_H: f32 = 8.0 * MM;
/// Space after a paragraph.
const GAP: f32 = 3.0 * MM;
/// Space inside a table cell, on each side.
const PAD: f32 = 2.2;

/// How a run of text looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub size: f32,
    pub color: Rgb,
    pub bold: bool,
}

pub const TITLE: Style = Style {
    size: 16.0,
    color: INK,
    bold: true,
};
pub const HEADING: Style = Style {
    size: 12.5,
    color: INK,
    bold: true,
};
pub const SUBHEADING: Style = Style {
    size: 10.5,
    color: INK,
    bold: true,
};
pub const BODY: Style = Style {
    size: 9.5,
    color: INK,
    bold: false,
};
pub const STRONG: Style = Style {
    size: 9.5,
    color: INK,
    bold: true,
};
pub const SMALL: Style = Style {
    size: 8.0,
    color: MUTED,
    bold: false,
};
pub const META: Style = Style {
    size: 10.0,
    color: MUTED,
    bold: false,
};

/// `text` cut into lines no wider than `max` by `width`, at spaces where it can be and inside
/// a word only when the word alone is wider than a line. Line breaks in the text are kept.
pub fn wrap(text: &str, max: f32, width: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, max, width, &mut lines);
    }
    lines
}

fn wrap_paragraph(text: &str, max: f32, width: &dyn Fn(&str) -> f32, lines: &mut Vec<String>) {
    let mut line = String::new();
    let first = lines.len();
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
    if !line.is_empty() || lines.len() == first {
        lines.push(line);
    }
}

/// `text` cut at the end with "…" so it is no wider than `max`.
pub fn fit(text: &str, max: f32, width: &dyn Fn(&str) -> f32) -> String {
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

/// One line of text at a place in its block.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// From the body's left edge.
    pub x: f32,
    /// From the block's top to the baseline.
    pub y: f32,
    pub style: Style,
    pub text: String,
}

impl Line {
    /// The top of the line's box, from the block's top.
    fn top(&self) -> f32 {
        self.y - self.style.size * 1.05
    }

    fn bottom(&self) -> f32 {
        self.y + self.style.size * 0.25
    }
}

/// What is kept together on a page when it fits on one.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// By their baselines, top first.
    pub lines: Vec<Line>,
    pub height: f32,
    /// A heading (or an item with sub-items): not left alone at the foot of a page.
    pub keep_with_next: bool,
    /// The space between this block and the next.
    pub gap: f32,
    /// The table header this row belongs under: drawn again atop each page the table goes on.
    pub header: Option<usize>,
    /// A background behind the whole block (a table's header row).
    pub shade: Option<Rgb>,
    /// A hairline under the block (between table rows).
    pub rule_below: bool,
}

impl Default for Block {
    fn default() -> Self {
        Block {
            lines: Vec::new(),
            height: 0.0,
            keep_with_next: false,
            gap: GAP,
            header: None,
            shade: None,
            rule_below: false,
        }
    }
}

impl Block {
    /// Lines of `text` wrapped to `width` from `x`, below what the block already has.
    pub fn text(&mut self, x: f32, width: f32, style: Style, text: &str) {
        let top = self.height;
        self.column(x, width, style, text, top);
    }

    /// Lines of `text` wrapped to `width` from `x`, starting at `top` (for a column beside
    /// another); the block becomes as tall as its tallest column. Returns the column's
    /// bottom.
    pub fn column(&mut self, x: f32, max: f32, style: Style, text: &str, top: f32) -> f32 {
        let leading = style.size * 1.3;
        let mut y = top;
        for line in wrap(text, max, &|s| width(s, style.size)) {
            y += leading;
            self.lines.push(Line {
                x,
                y: y - style.size * 0.25,
                style,
                text: line,
            });
        }
        self.height = self.height.max(y);
        y
    }

    /// The lines in reading order down the page, for cutting between them.
    fn sort(&mut self) {
        self.lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    }
}

/// Which lines of which blocks go on each page.
pub type Pages = Vec<Vec<(usize, Range<usize>)>>;

/// The blocks cut into pages `page_height` tall: a block moves whole to the next page when it
/// does not fit in what is left but fits on a page; a taller one is cut between lines. A block
/// kept with the next moves with it; a table's header goes first on each page its rows
/// continue on.
pub fn paginate(blocks: &[Block], page_height: f32) -> Pages {
    let mut pages: Pages = vec![Vec::new()];
    let mut used = 0.0;
    // Whether the page has nothing but a repeated header yet.
    let mut fresh = true;
    let whole = |index: usize| (index, 0..blocks[index].lines.len());
    let new_page = |pages: &mut Pages, used: &mut f32, fresh: &mut bool, block: usize| {
        pages.push(Vec::new());
        *used = 0.0;
        *fresh = true;
        if let Some(header) = blocks[block].header.filter(|&h| h != block) {
            pages.last_mut().unwrap().push(whole(header));
            *used = blocks[header].height + blocks[header].gap;
        }
    };
    for (index, block) in blocks.iter().enumerate() {
        // What must fit below the block's top: the block, and the blocks kept with it.
        let mut together = block.height;
        let mut last = index;
        while blocks[last].keep_with_next && last + 1 < blocks.len() {
            together += blocks[last].gap + blocks[last + 1].height;
            last += 1;
        }
        let header_height = block
            .header
            .filter(|&h| h != index)
            .map_or(0.0, |h| blocks[h].height + blocks[h].gap);
        let needed = if together <= page_height - header_height {
            together
        } else {
            block.height
        };
        if used + needed <= page_height || fresh && used + block.height <= page_height {
            pages.last_mut().unwrap().push(whole(index));
            used += block.height + block.gap;
            fresh = false;
            continue;
        }
        if block.height + header_height <= page_height {
            new_page(&mut pages, &mut used, &mut fresh, index);
            pages.last_mut().unwrap().push(whole(index));
            used += block.height + block.gap;
            fresh = false;
            continue;
        }
        // Taller than a page: fill the pages line by line, starting on a fresh one.
        if !fresh {
            new_page(&mut pages, &mut used, &mut fresh, index);
        }
        let mut start = 0;
        let mut offset = 0.0;
        let mut room = page_height - used;
        for (i, line) in block.lines.iter().enumerate() {
            if line.bottom() - offset > room && i > start {
                pages.last_mut().unwrap().push((index, start..i));
                new_page(&mut pages, &mut used, &mut fresh, index);
                room = page_height - used;
                start = i;
                offset = line.top();
            }
        }
        pages
            .last_mut()
            .unwrap()
            .push((index, start..block.lines.len()));
        used += block.height - offset + block.gap;
        fresh = false;
    }
    pages
}

/// A column of a table: its share of the width and its heading.
pub struct Column<'a> {
    pub share: f32,
    pub heading: &'a str,
}

/// What a table cell holds: paragraphs of their own styles, one under the other, each set in
/// by its indent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    pub parts: Vec<(Style, f32, String)>,
}

impl Cell {
    pub fn new() -> Cell {
        Cell::default()
    }

    /// A cell of one paragraph.
    pub fn of(style: Style, text: impl Into<String>) -> Cell {
        Cell::new().with(style, text)
    }

    pub fn with(mut self, style: Style, text: impl Into<String>) -> Cell {
        self.push(style, text);
        self
    }

    /// A paragraph below the others; an empty text adds nothing.
    pub fn push(&mut self, style: Style, text: impl Into<String>) {
        self.push_indented(style, 0.0, text);
    }

    pub fn push_indented(&mut self, style: Style, indent: f32, text: impl Into<String>) {
        let text = text.into();
        if !text.trim().is_empty() {
            self.parts.push((style, indent, text));
        }
    }
}

/// A document being laid out: the blocks of its body, `width` wide.
pub struct Flow {
    pub width: f32,
    pub blocks: Vec<Block>,
}

impl Flow {
    pub fn new(width: f32) -> Flow {
        Flow {
            width,
            blocks: Vec::new(),
        }
    }

    /// The document's title with lines under it (the meeting's date and place, the period).
    pub fn title(&mut self, title: &str, lines: &[&str]) {
        let mut block = Block::default();
        block.text(0.0, self.width, TITLE, title);
        block.height += 1.0 * MM;
        for line in lines.iter().filter(|l| !l.is_empty()) {
            block.text(0.0, self.width, META, line);
        }
        block.gap = 5.0 * MM;
        self.blocks.push(block);
    }

    /// A section's heading, kept with what follows it.
    pub fn heading(&mut self, text: &str) {
        self.heading_in(HEADING, text, 2.0 * MM);
    }

    pub fn subheading(&mut self, text: &str) {
        self.heading_in(SUBHEADING, text, 1.0 * MM);
    }

    fn heading_in(&mut self, style: Style, text: &str, above: f32) {
        let mut block = Block {
            keep_with_next: true,
            height: above,
            gap: 1.5 * MM,
            ..Block::default()
        };
        block.text(0.0, self.width, style, text);
        self.blocks.push(block);
    }

    pub fn paragraph(&mut self, style: Style, text: &str) {
        let mut block = Block::default();
        block.text(0.0, self.width, style, text);
        self.blocks.push(block);
    }

    /// A table: the header row (shaded, repeated on every page the rows go on to), then a
    /// block a row, never cut unless a row is taller than a page.
    pub fn table(&mut self, columns: &[Column], rows: Vec<Vec<Cell>>) {
        let shares: f32 = columns.iter().map(|c| c.share).sum();
        let widths: Vec<f32> = columns
            .iter()
            .map(|c| c.share / shares * self.width)
            .collect();
        let header_cells: Vec<Cell> = columns
            .iter()
            .map(|c| Cell::of(STRONG, c.heading))
            .collect();
        let header = self.blocks.len();
        let mut head = self.row(&widths, &header_cells);
        head.shade = Some(SHADE);
        head.keep_with_next = !rows.is_empty();
        self.blocks.push(head);
        for cells in rows {
            let mut row = self.row(&widths, &cells);
            row.header = Some(header);
            self.blocks.push(row);
        }
        if let Some(last) = self.blocks.last_mut() {
            last.gap = GAP;
        }
    }

    fn row(&self, widths: &[f32], cells: &[Cell]) -> Block {
        let mut block = Block {
            gap: 0.0,
            rule_below: true,
            ..Block::default()
        };
        let mut x = 0.0;
        let mut bottom: f32 = 0.0;
        for (cell, column) in cells.iter().zip(widths) {
            let mut top = PAD;
            for (style, indent, text) in &cell.parts {
                let inner = (column - 2.0 * PAD - indent).max(10.0);
                top = block.column(x + PAD + indent, inner, *style, text, top) + 1.0;
            }
            bottom = bottom.max(top);
            x += column;
        }
        block.height = bottom + PAD;
        block.sort();
        block
    }
}

/// The running header of every page: the programme (or what the document is of) at the left
/// with the date at the right, and what the document is below.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    pub title: String,
    pub date: String,
    pub subtitle: String,
}

/// Where the body of a page starts, below the running header.
pub const BODY_TOP: f32 = MARGIN + HEADER_H;
/// Room kept at the foot of a page for its number.
pub const FOOTER: f32 = MARGIN + FOOTER_H;

/// The running header (the frame's title and date, a line with its subtitle, a hairline) and
/// "Page N of M" at the foot, inside the margins of `sheet`.
pub fn frame_page(sheet: &mut Sheet, frame: &Frame, index: usize, count: usize) {
    let body_width = sheet.width - 2.0 * MARGIN;
    let small = |s: &str| width(s, 8.0);
    let date_width = small(&frame.date);
    let title = fit(&frame.title, body_width - date_width - 6.0 * MM, &small);
    let subtitle = fit(&frame.subtitle, body_width, &small);
    sheet.text(MARGIN, MARGIN + 8.0, 8.0, MUTED, false, &title);
    sheet.text(
        MARGIN + body_width - date_width,
        MARGIN + 8.0,
        8.0,
        MUTED,
        false,
        &frame.date,
    );
    sheet.text(MARGIN, MARGIN + 18.0, 8.0, MUTED, false, &subtitle);
    sheet.line(
        (MARGIN, MARGIN + 23.0),
        (MARGIN + body_width, MARGIN + 23.0),
        0.5,
        RULE,
    );
    let footer = format!("Page {} of {count}", index + 1);
    sheet.text(
        MARGIN + (body_width - small(&footer)) / 2.0,
        sheet.height - MARGIN,
        8.0,
        MUTED,
        false,
        &footer,
    );
}

/// The flow cut into pages of `paper`, each with the running header and "Page N of M".
pub fn compose(flow: &Flow, frame: &Frame, paper: Paper, landscape: bool) -> Vec<Sheet> {
    let size = paper.size(landscape);
    let body_top = BODY_TOP;
    let body_height = size.1 - BODY_TOP - FOOTER;
    let pages = paginate(&flow.blocks, body_height);
    let count = pages.len();
    let mut sheets = Vec::with_capacity(count);
    for (index, page) in pages.iter().enumerate() {
        let mut sheet = Sheet::new(size);
        frame_page(&mut sheet, frame, index, count);
        let mut top = body_top;
        for (block_index, range) in page {
            let block = &flow.blocks[*block_index];
            let lines = &block.lines[range.clone()];
            let offset = if range.start == 0 {
                0.0
            } else {
                lines.first().map_or(0.0, Line::top)
            };
            let ends_block = range.end == block.lines.len();
            let height = if ends_block {
                block.height - offset
            } else {
                lines.iter().map(Line::bottom).fold(0.0, f32::max) - offset
            };
            if let Some(shade) = block.shade {
                sheet.fill(MARGIN, top, flow.width, height, shade);
            }
            for line in lines {
                let s = line.style;
                sheet.text(
                    MARGIN + line.x,
                    top + line.y - offset,
                    s.size,
                    s.color,
                    s.bold,
                    &line.text,
                );
            }
            if block.rule_below && ends_block {
                sheet.line(
                    (MARGIN, top + height),
                    (MARGIN + flow.width, top + height),
                    0.4,
                    RULE,
                );
            }
            top += height + block.gap;
        }
        sheets.push(sheet);
    }
    sheets
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
        assert_eq!(wrap("one\ntwo", 16.0, &chars), ["one", "two"]);
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
    fn a_long_header_is_cut_with_an_ellipsis() {
        assert_eq!(fit("Steering Committee", 9.0, &chars), "Steering…");
        assert_eq!(fit("Short", 9.0, &chars), "Short");
    }

    fn block(lines: usize, leading: f32) -> Block {
        let size = leading / 1.3;
        Block {
            lines: (1..=lines)
                .map(|i| Line {
                    x: 0.0,
                    y: i as f32 * leading - size * 0.25,
                    style: Style { size, ..BODY },
                    text: format!("line {i}"),
                })
                .collect(),
            height: lines as f32 * leading,
            gap: 0.0,
            ..Block::default()
        }
    }

    #[test]
    fn a_heading_is_not_left_alone_at_the_foot_of_a_page() {
        let mut heading = block(1, 10.0);
        heading.keep_with_next = true;
        let blocks = [block(6, 10.0), heading, block(3, 10.0)];
        // The heading alone would fit under the first block, with the next block it does
        // not, so both move.
        let pages = paginate(&blocks, 90.0);
        assert_eq!(pages, vec![vec![(0, 0..6)], vec![(1, 0..1), (2, 0..3)]]);
        // Without the rule the heading stays behind.
        let mut loose = blocks.clone();
        loose[1].keep_with_next = false;
        assert_eq!(paginate(&loose, 90.0)[0], vec![(0, 0..6), (1, 0..1)]);
    }

    #[test]
    fn a_chain_of_kept_blocks_moves_together() {
        // A heading kept with a table's header row, kept with its first row.
        let mut heading = block(1, 10.0);
        heading.keep_with_next = true;
        let mut header = block(1, 10.0);
        header.keep_with_next = true;
        let blocks = [block(6, 10.0), heading, header, block(2, 10.0)];
        let pages = paginate(&blocks, 95.0);
        assert_eq!(pages[0], vec![(0, 0..6)]);
        assert_eq!(pages[1], vec![(1, 0..1), (2, 0..1), (3, 0..2)]);
    }

    #[test]
    fn a_block_that_does_not_fit_moves_whole_to_the_next_page() {
        let blocks = [block(4, 10.0), block(4, 10.0), block(4, 10.0)];
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
    fn a_table_header_is_repeated_on_each_page_its_rows_go_on_to() {
        let mut header = block(1, 10.0);
        header.keep_with_next = true;
        let mut blocks = vec![header];
        for _ in 0..7 {
            let mut row = block(3, 10.0);
            row.header = Some(0);
            blocks.push(row);
        }
        let pages = paginate(&blocks, 100.0);
        // 10 + 3 rows of 30 on each page.
        assert_eq!(pages.len(), 3);
        for page in &pages {
            assert_eq!(page[0], (0, 0..1), "{page:?}");
        }
        let rows: Vec<usize> = pages.iter().flatten().map(|(i, _)| *i).collect();
        assert_eq!(rows, [0, 1, 2, 3, 0, 4, 5, 6, 0, 7]);
    }

    #[test]
    fn a_long_table_lays_out_whole_rows_within_the_page() {
        let mut flow = Flow::new(400.0);
        flow.heading("Matrix");
        let rows = (0..60)
            .map(|i| {
                vec![
                    Cell::of(STRONG, format!("Row {i}")),
                    Cell::of(BODY, "Đakovica Приштина ".repeat(i % 7 + 1)),
                ]
            })
            .collect();
        flow.table(
            &[
                Column {
                    share: 1.0,
                    heading: "Logic",
                },
                Column {
                    share: 2.0,
                    heading: "Indicators",
                },
            ],
            rows,
        );
        let frame = Frame {
            title: "Programme".into(),
            date: "1 December 2026".into(),
            subtitle: "Logframe".into(),
        };
        let sheets = compose(&flow, &frame, Paper::A4, true);
        assert!(sheets.len() >= 3, "{} pages", sheets.len());
        for (index, sheet) in sheets.iter().enumerate() {
            let texts: Vec<&str> = sheet.texts().collect();
            assert!(
                texts.contains(&"Indicators"),
                "page {index}: header repeated"
            );
            assert!(texts.contains(&format!("Page {} of {}", index + 1, sheets.len()).as_str()));
            for mark in &sheet.marks {
                if let super::super::Mark::Text { y, .. } = mark {
                    assert!(*y <= sheet.height - MARGIN + 0.01, "page {index}: {mark:?}");
                }
            }
        }
        let all: Vec<&str> = sheets.iter().flat_map(Sheet::texts).collect();
        for i in 0..60 {
            let label = format!("Row {i}");
            assert_eq!(all.iter().filter(|t| **t == label).count(), 1, "{label}");
        }
    }
}
