//! Text painted on one line that ends in "…" where it would run into what follows it: row
//! titles in the tree and the timeline, holiday names in the calendar.

/// Paints `text` from `left_center`, cut with "…" at `max_width`; returns where it went.
pub fn paint_one_line(
    painter: &egui::Painter,
    left_center: egui::Pos2,
    text: String,
    font: egui::FontId,
    color: egui::Color32,
    max_width: f32,
) -> egui::Rect {
    let mut job = egui::text::LayoutJob::simple_singleline(text, font, color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(max_width);
    let galley = painter.layout_job(job);
    let rect = egui::Rect::from_min_size(
        left_center - egui::vec2(0.0, galley.size().y / 2.0),
        galley.size(),
    );
    painter.galley(rect.min, galley, color);
    rect
}
