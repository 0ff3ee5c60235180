//! A page of a printed document painted as the PDF draws it, for the print preview: the same
//! sheet, the same font (egui's own proportional font is the one the PDF embeds).

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2, vec2};

use crate::exchange::export::pdf::{Mark, Rgb, Sheet};

fn color((r, g, b): Rgb) -> Color32 {
    Color32::from_rgb(r, g, b)
}

/// Paints `sheet` as large as fits in `max`, white paper with a thin edge.
pub fn show(ui: &mut egui::Ui, sheet: &Sheet, max: Vec2) -> egui::Response {
    let scale = (max.x / sheet.width).min(max.y / sheet.height).max(0.05);
    let (rect, response) =
        ui.allocate_exact_size(vec2(sheet.width, sheet.height) * scale, Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    painter.rect_stroke(
        rect,
        0.0,
        Stroke::new(1.0, Color32::from_gray(150)),
        StrokeKind::Outside,
    );
    let at = |x: f32, y: f32| rect.min + vec2(x, y) * scale;
    for mark in &sheet.marks {
        match mark {
            Mark::Text {
                x,
                y,
                size,
                color: ink,
                text,
                ..
            } => {
                // Placed by the top of the line box: the font's ascent above the baseline.
                painter.text(
                    at(*x, y - size * 0.93),
                    Align2::LEFT_TOP,
                    text,
                    FontId::proportional((size * scale).max(1.0)),
                    color(*ink),
                );
            }
            Mark::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                let r = Rect::from_min_size(at(*x, *y), vec2(*w, *h) * scale);
                if let Some(fill) = fill {
                    painter.rect_filled(r, 0.0, color(*fill));
                }
                if let Some(stroke) = stroke {
                    painter.rect_stroke(
                        r,
                        0.0,
                        Stroke::new(0.5 * scale, color(*stroke)),
                        StrokeKind::Inside,
                    );
                }
            }
            Mark::Line {
                from,
                to,
                width,
                color: ink,
            } => {
                painter.line_segment(
                    [at(from.0, from.1), at(to.0, to.1)],
                    Stroke::new((width * scale).max(0.5), color(*ink)),
                );
            }
            Mark::Diamond { x, y, r, fill } => {
                let c: Pos2 = at(*x, *y);
                let r = r * scale;
                painter.add(egui::Shape::convex_polygon(
                    vec![
                        c + vec2(0.0, -r),
                        c + vec2(r, 0.0),
                        c + vec2(0.0, r),
                        c + vec2(-r, 0.0),
                    ],
                    color(*fill),
                    Stroke::NONE,
                ));
            }
        }
    }
    response
}
