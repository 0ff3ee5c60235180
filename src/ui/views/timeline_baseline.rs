//! The baseline compared with, on the timeline: each activity's saved sessions as a thin grey
//! bar in the strip under today's bar, and its entry in the legend.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Days, NaiveDate};

use crate::model::{Baseline, Id, Precision};
use crate::session::Revision;

/// Where each activity is in the baseline's list, found once per revision and baseline rather
/// than searched for every row of every frame.
type Positions = (Revision, Id, Arc<HashMap<Id, usize>>);

fn positions(ui: &egui::Ui, baseline: &Baseline, revision: Revision) -> Arc<HashMap<Id, usize>> {
    let key = egui::Id::unique("timeline_baseline_positions");
    if let Some((seen, id, map)) = ui.data(|d| d.get_temp::<Positions>(key))
        && seen == revision
        && id == baseline.id
    {
        return map;
    }
    let map: Arc<HashMap<Id, usize>> = Arc::new(
        baseline
            .activities
            .iter()
            .enumerate()
            .map(|(i, a)| (a.activity, i))
            .collect(),
    );
    ui.data_mut(|d| d.insert_temp(key, (revision, baseline.id, map.clone())));
    map
}

/// The colour of baseline bars: the text colour half faded, a grey on both themes that still
/// shows against the row stripes.
pub fn colour(visuals: &egui::Visuals) -> egui::Color32 {
    visuals.text_color().gamma_multiply(0.55)
}

/// Draws `activity`'s sessions as the baseline keeps them, `bottom` being the foot of its
/// row; `x_of` gives the left edge of a day on screen.
pub fn bars(
    ui: &egui::Ui,
    painter: &egui::Painter,
    baseline: &Baseline,
    revision: Revision,
    activity: Id,
    bottom: f32,
    x_of: impl Fn(NaiveDate) -> f32,
) {
    let positions = positions(ui, baseline, revision);
    let Some(entry) = positions
        .get(&activity)
        .and_then(|&i| baseline.activities.get(i))
    else {
        return;
    };
    let colour = colour(ui.visuals());
    let y = (bottom - 4.0)..=(bottom - 1.0);
    let clip = painter.clip_rect();
    for span in &entry.sessions {
        let left = x_of(span.start);
        let right = x_of(span.end + Days::new(1)).max(left + 2.0);
        if right < clip.left() || left > clip.right() {
            continue;
        }
        let rect = egui::Rect::from_x_y_ranges(left..=right, y.clone());
        // Known only to the month then: fainter, as today's month-only bars are paler.
        let fill = if span.precision == Precision::Month {
            colour.gamma_multiply(0.45)
        } else {
            colour
        };
        painter.rect_filled(rect, 1.0, fill);
    }
}

/// The legend's entry: a thin grey bar and the baseline's name and day.
pub fn legend(ui: &mut egui::Ui, baseline: &Baseline) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(24.0, 10.0), egui::Sense::hover());
        let bar = egui::Rect::from_center_size(rect.center(), egui::vec2(24.0, 3.0));
        ui.painter().rect_filled(bar, 1.0, colour(ui.visuals()));
        ui.label(format!(
            "Baseline \u{201c}{}\u{201d} of {} (thin bars under today's)",
            baseline.name,
            crate::plan::dates::format_date(baseline.saved)
        ))
        .on_hover_text(
            "Each activity's dates when the baseline was saved; the workplan's Start slip and \
             End slip columns give the difference in days",
        );
    });
}
