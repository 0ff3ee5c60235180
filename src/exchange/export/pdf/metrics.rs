//! Glyph advances of the bundled font, so that wrapping measures what will be drawn.

use std::sync::LazyLock;

use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

/// The one font of every PDF: the proportional font egui draws the window in.
pub const FONT: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// Characters below this are looked up once (Latin, Greek, Cyrillic and the punctuation
/// blocks); others each time they are measured.
const TABLE: usize = 0x2200;

struct Advances {
    font: skrifa::FontRef<'static>,
    /// Advance of each character at one point, `None` where the font has no glyph.
    table: Vec<Option<f32>>,
}

impl Advances {
    fn of(&self, c: char) -> f32 {
        match self.table.get(c as usize) {
            Some(advance) => advance.unwrap_or(0.0),
            None => advance(&self.font, c),
        }
    }

    fn has(&self, c: char) -> bool {
        match self.table.get(c as usize) {
            Some(advance) => advance.is_some(),
            None => self.font.charmap().map(c).is_some(),
        }
    }
}

fn advance(font: &skrifa::FontRef, c: char) -> f32 {
    let glyph = font.charmap().map(c).unwrap_or_default();
    font.glyph_metrics(Size::new(1.0), LocationRef::default())
        .advance_width(glyph)
        .unwrap_or(0.0)
}

static ADVANCES: LazyLock<Advances> = LazyLock::new(|| {
    let font = skrifa::FontRef::new(FONT).expect("the bundled font parses");
    let charmap = font.charmap();
    let glyphs = font.glyph_metrics(Size::new(1.0), LocationRef::default());
    let table = (0..TABLE as u32)
        .map(|u| {
            char::from_u32(u)
                .and_then(|c| charmap.map(c))
                .map(|g| glyphs.advance_width(g).unwrap_or(0.0))
        })
        .collect();
    Advances { font, table }
});

/// What is printed for a character the font has no glyph for: a look-alike it has, or "?".
fn stand_in(c: char) -> &'static str {
    match c {
        '→' | '⇒' => "->",
        '←' => "<-",
        '↔' => "<->",
        '⚠' => "!",
        '✓' | '✔' => "v",
        '✗' | '✘' => "x",
        '≤' => "<=",
        '≥' => ">=",
        _ => "?",
    }
}

/// `text` as the font can print it: each character it has no glyph for replaced by
/// [`stand_in`], so a page never shows the font's empty box. Line breaks are kept.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let advances = &*ADVANCES;
    let missing = |c: char| !c.is_control() && !advances.has(c);
    if !text.chars().any(missing) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if missing(c) {
                stand_in(c).to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Width in points of `text` at `size` points as printed (kerning left out: it only
/// narrows text).
pub fn width(text: &str, size: f32) -> f32 {
    let advances = &*ADVANCES;
    printable(text).chars().map(|c| advances.of(c)).sum::<f32>() * size
}

/// Whether the font has a glyph of its own for `c` (not the missing glyph).
pub fn has_glyph(c: char) -> bool {
    ADVANCES.has(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_measures_glyphs_of_their_own_widths() {
        let narrow = width("iiii", 10.0);
        let wide = width("MMMM", 10.0);
        assert!(narrow > 0.0 && wide > 2.0 * narrow, "{narrow} {wide}");
        // Latin Extended and Cyrillic have glyphs of their own.
        assert!(has_glyph('Đ') && has_glyph('ë') && has_glyph('Ж'));
        assert!(!has_glyph('\u{E000}'));
        assert!((width("ab", 12.0) - width("a", 12.0) - width("b", 12.0)).abs() < 1e-4);
        assert!((width("Ж", 20.0) - 2.0 * width("Ж", 10.0)).abs() < 1e-4);
    }

    #[test]
    fn characters_the_font_lacks_print_as_look_alikes_it_has() {
        assert!(!has_glyph('→'));
        assert_eq!(printable("12 → 30"), "12 -> 30");
        assert_eq!(printable("\u{E000}"), "?");
        // What the font has is left alone, and measured as printed.
        assert_eq!(
            printable("Đakovica · Приштина – “done”…"),
            "Đakovica · Приштина – “done”…"
        );
        assert_eq!(width("→", 10.0), width("->", 10.0));
    }
}
