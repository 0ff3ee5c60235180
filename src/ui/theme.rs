//! The look of the window: one light and one dark theme, the spacing and type sizes every view
//! shares, and the colours that stand for an activity's status, with their legend.

use egui::{Color32, Stroke, Theme, Visuals};

use crate::model::Status;
use crate::plan::results::Status as ResultStatus;

/// Sets both themes' styles; light where the system says nothing (a programme office's
/// printouts and screens are light, and egui's own fallback is dark).
pub fn install(ctx: &egui::Context) {
    ctx.options_mut(|o| o.fallback_theme = Theme::Light);
    for theme in [Theme::Light, Theme::Dark] {
        ctx.style_mut_of(theme, |style| {
            style.visuals = visuals(theme);
            let spacing = &mut style.spacing;
            spacing.item_spacing = egui::vec2(8.0, 5.0);
            spacing.button_padding = egui::vec2(6.0, 3.0);
            spacing.menu_margin = egui::Margin::same(6);
            spacing.interact_size.y = 20.0;
            // Small text (hints, legends, counts) stays readable.
            if let Some(small) = style.text_styles.get_mut(&egui::TextStyle::Small) {
                small.size = 10.5;
            }
        });
    }
}

fn visuals(theme: Theme) -> Visuals {
    match theme {
        Theme::Light => {
            let mut v = Visuals::light();
            v.panel_fill = Color32::from_rgb(247, 247, 245);
            v.window_fill = Color32::from_rgb(252, 252, 251);
            v.faint_bg_color = Color32::from_rgb(238, 240, 243);
            v.extreme_bg_color = Color32::WHITE;
            v.selection.bg_fill = Color32::from_rgb(196, 218, 245);
            v.selection.stroke = Stroke::new(1.0, Color32::from_rgb(22, 72, 140));
            v.hyperlink_color = Color32::from_rgb(22, 90, 170);
            v.warn_fg_color = Color32::from_rgb(170, 95, 0);
            v.error_fg_color = Color32::from_rgb(185, 28, 28);
            v
        }
        Theme::Dark => {
            let mut v = Visuals::dark();
            v.panel_fill = Color32::from_rgb(30, 32, 36);
            v.window_fill = Color32::from_rgb(36, 38, 43);
            v.faint_bg_color = Color32::from_rgb(38, 41, 46);
            v.extreme_bg_color = Color32::from_rgb(20, 21, 24);
            v.selection.bg_fill = Color32::from_rgb(38, 84, 140);
            v.selection.stroke = Stroke::new(1.0, Color32::from_rgb(200, 225, 255));
            v.hyperlink_color = Color32::from_rgb(120, 175, 245);
            v.warn_fg_color = Color32::from_rgb(240, 170, 60);
            v.error_fg_color = Color32::from_rgb(250, 110, 100);
            v
        }
    }
}

/// The colour of an activity's status, the same in the calendar, the timeline and the table.
/// Mid-tones, so white text on them and the bars themselves read on both themes.
pub fn status_color(status: Status) -> Color32 {
    match status {
        Status::Proposed => Color32::from_rgb(120, 120, 150),
        Status::Planned => Color32::from_rgb(70, 110, 180),
        Status::Confirmed => Color32::from_rgb(40, 120, 200),
        Status::UnderWay => Color32::from_rgb(200, 130, 30),
        Status::Done => Color32::from_rgb(60, 150, 80),
        Status::Postponed => Color32::from_rgb(150, 100, 60),
        Status::Cancelled => Color32::from_rgb(120, 120, 120),
    }
}

/// The colour of a finding's severity, in every checks panel: the theme's error and warning
/// colours, and for a note a blue that reads on the light and the dark theme alike.
pub fn severity_color(visuals: &Visuals, severity: crate::plan::checks::Severity) -> Color32 {
    use crate::plan::checks::Severity;
    match severity {
        Severity::Error => visuals.error_fg_color,
        Severity::Warning => visuals.warn_fg_color,
        Severity::Note => Color32::from_rgb(70, 130, 200),
    }
}

/// The outline of the critical path's bars: a magenta apart from every status colour and
/// from the red of a broken link, darker on the light theme.
pub fn critical_color(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(240, 110, 200)
    } else {
        Color32::from_rgb(170, 30, 140)
    }
}

/// A small square of `status`'s colour, as in the legend.
/// Colours of groups with no order (pillars, jurisdictions), each dark enough for white text
/// on both themes; they repeat after ten.
pub fn group_color(index: usize) -> Color32 {
    const PALETTE: [Color32; 10] = [
        Color32::from_rgb(45, 110, 190),
        Color32::from_rgb(200, 110, 20),
        Color32::from_rgb(50, 140, 70),
        Color32::from_rgb(170, 50, 60),
        Color32::from_rgb(120, 80, 170),
        Color32::from_rgb(20, 130, 140),
        Color32::from_rgb(160, 90, 130),
        Color32::from_rgb(110, 110, 40),
        Color32::from_rgb(80, 100, 130),
        Color32::from_rgb(150, 80, 40),
    ];
    PALETTE[index % PALETTE.len()]
}

/// The colour of "none" in a legend of groups (no pillar, no beneficiary).
pub const NO_GROUP: Color32 = Color32::from_rgb(125, 125, 125);

/// A portfolio member's colour (`#rrggbb`, checked when the portfolio was read); grey for
/// one that is not a colour.
pub fn member_colour(hex: &str) -> Color32 {
    crate::model::portfolio::parse_colour(hex)
        .map_or(NO_GROUP, |[r, g, b]| Color32::from_rgb(r, g, b))
}

/// A square of `colour`, one line of text high, named `label` for screen readers.
pub fn colour_swatch(
    ui: &mut egui::Ui,
    colour: Color32,
    sense: egui::Sense,
    label: &str,
) -> egui::Response {
    let side = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), sense);
    ui.painter().rect_filled(rect.shrink(1.0), 3.0, colour);
    let kind = if sense.senses_click() {
        egui::Role::Button
    } else {
        egui::Role::Label
    };
    response.widget_info(|| egui::WidgetInfo::labeled(kind, ui.is_enabled(), label));
    response
}

/// A legend of swatches and names, wrapped over lines, named `title` for screen readers.
pub fn swatch_legend(ui: &mut egui::Ui, title: &str, entries: &[(Color32, String)], hover: &str) {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let color = ui.visuals().weak_text_color();
    let side = ui.text_style_height(&egui::TextStyle::Small);
    let gap = 4.0;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 12.0;
        for (index, (swatch_colour, name)) in entries.iter().enumerate() {
            let galley = ui
                .painter()
                .layout_no_wrap(name.clone(), font.clone(), color);
            let size = egui::vec2(side + gap + galley.size().x, side.max(galley.size().y));
            let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
            let swatch = egui::Rect::from_min_size(
                egui::pos2(rect.left(), rect.center().y - side / 2.0),
                egui::vec2(side, side),
            );
            ui.painter().rect_filled(swatch, 2.0, *swatch_colour);
            let text_at = egui::pos2(
                swatch.right() + gap,
                rect.center().y - galley.size().y / 2.0,
            );
            ui.painter().galley(text_at, galley, color);
            let label = if index == 0 {
                format!("{title}: {name}")
            } else {
                name.clone()
            };
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
            response.on_hover_text(hover);
        }
    });
}

pub fn status_swatch(ui: &mut egui::Ui, status: Status) -> egui::Response {
    let side = ui.text_style_height(&egui::TextStyle::Small);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, status_color(status));
    response
}

/// What each status colour means, in a row that wraps. Painted rather than made of labels,
/// so to a screen reader it is one node ("Status colours") and does not repeat the status
/// names that menus and fields offer.
pub fn status_legend(ui: &mut egui::Ui) {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let color = ui.visuals().weak_text_color();
    let side = ui.text_style_height(&egui::TextStyle::Small);
    let gap = 4.0;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 12.0;
        for (index, status) in Status::ALL.iter().enumerate() {
            let galley =
                ui.painter()
                    .layout_no_wrap(status.label().to_owned(), font.clone(), color);
            let size = egui::vec2(side + gap + galley.size().x, side.max(galley.size().y));
            let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
            let swatch = egui::Rect::from_min_size(
                egui::pos2(rect.left(), rect.center().y - side / 2.0),
                egui::vec2(side, side),
            );
            ui.painter().rect_filled(swatch, 2.0, status_color(*status));
            let text_at = egui::pos2(
                swatch.right() + gap,
                rect.center().y - galley.size().y / 2.0,
            );
            ui.painter().galley(text_at, galley, color);
            if index == 0 {
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Label, true, "Status colours")
                });
            }
            response.on_hover_text(
                "The colours of an activity's status in the calendar, the timeline and the table",
            );
        }
    });
}

/// The colour of an indicator's status against its target, in the periods table, the chart,
/// the objective tree and the logframe matrix: green, amber, red and grey, darker on the light
/// theme and lighter on the dark one so each reads as text and as a dot on its background.
pub fn result_color(visuals: &Visuals, status: ResultStatus) -> Color32 {
    match (status, visuals.dark_mode) {
        (ResultStatus::OnTrack, false) => Color32::from_rgb(30, 125, 55),
        (ResultStatus::OnTrack, true) => Color32::from_rgb(95, 195, 115),
        (ResultStatus::AtRisk, false) => Color32::from_rgb(175, 105, 0),
        (ResultStatus::AtRisk, true) => Color32::from_rgb(240, 175, 55),
        (ResultStatus::OffTrack, false) => Color32::from_rgb(190, 35, 35),
        (ResultStatus::OffTrack, true) => Color32::from_rgb(245, 105, 95),
        (ResultStatus::NoData, false) => Color32::from_rgb(125, 125, 125),
        (ResultStatus::NoData, true) => Color32::from_rgb(150, 150, 150),
    }
}

/// A dot of `status`'s colour centred on `center`; "no data" is a ring, so it does not read as
/// a fourth kind of result.
pub fn paint_result_dot(
    painter: &egui::Painter,
    visuals: &Visuals,
    center: egui::Pos2,
    side: f32,
    status: ResultStatus,
) {
    let colour = result_color(visuals, status);
    if status == ResultStatus::NoData {
        painter.circle_stroke(center, side * 0.3, Stroke::new(1.5, colour));
    } else {
        painter.circle_filled(center, side * 0.32, colour);
    }
}

/// A dot of `status`'s colour in the flow of `ui`, named `name` for screen readers (the dot
/// alone says nothing to them) and explained by `hover`.
pub fn result_dot(
    ui: &mut egui::Ui,
    status: ResultStatus,
    name: &str,
    hover: &str,
) -> egui::Response {
    let side = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    paint_result_dot(ui.painter(), ui.visuals(), rect.center(), side, status);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, name));
    response.on_hover_text(hover)
}

/// The heat map's colour for a share `0.0..=1.0` of the most: from the faint background (none)
/// to a deep orange, so a busy month stands out on both themes; and the text that reads on it.
pub fn heat(visuals: &Visuals, share: f32) -> (Color32, Color32) {
    let share = share.clamp(0.0, 1.0);
    let hot = if visuals.dark_mode {
        Color32::from_rgb(230, 120, 40)
    } else {
        Color32::from_rgb(205, 85, 20)
    };
    // Nothing stays the plain background, so the first day already shows.
    let fill = if share == 0.0 {
        visuals.faint_bg_color
    } else {
        visuals.faint_bg_color.lerp_to_gamma(hot, 0.3 + 0.7 * share)
    };
    let text = if share > 0.55 {
        Color32::WHITE
    } else {
        visuals.text_color()
    };
    (fill, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_own_colour() {
        let mut colours: Vec<Color32> = Status::ALL.iter().map(|s| status_color(*s)).collect();
        colours.sort_by_key(|c| c.to_array());
        colours.dedup();
        assert_eq!(colours.len(), Status::ALL.len());
    }

    #[test]
    fn result_colours_differ_and_stand_out_from_the_panel() {
        let all = [
            ResultStatus::OnTrack,
            ResultStatus::AtRisk,
            ResultStatus::OffTrack,
            ResultStatus::NoData,
        ];
        let luminance = |c: Color32| {
            0.2126 * f32::from(c.r()) + 0.7152 * f32::from(c.g()) + 0.0722 * f32::from(c.b())
        };
        for theme in [Theme::Light, Theme::Dark] {
            let v = visuals(theme);
            let mut colours: Vec<Color32> = all.iter().map(|s| result_color(&v, *s)).collect();
            for c in &colours {
                assert!(
                    (luminance(*c) - luminance(v.panel_fill)).abs() > 60.0,
                    "{c:?} on {theme:?}"
                );
            }
            colours.sort_by_key(|c| c.to_array());
            colours.dedup();
            assert_eq!(colours.len(), all.len());
        }
    }

    #[test]
    fn the_light_theme_is_the_fallback() {
        let ctx = egui::Context::default();
        install(&ctx);
        assert_eq!(ctx.options(|o| o.fallback_theme), Theme::Light);
        let light = ctx.style_of(Theme::Light);
        assert!(!light.visuals.dark_mode);
        assert!(ctx.style_of(Theme::Dark).visuals.dark_mode);
        // Text on a selected row stays readable: the highlight is far from the text colour.
        let text = light.visuals.text_color();
        let highlight = light.visuals.selection.bg_fill;
        let luminance = |c: Color32| {
            0.2126 * f32::from(c.r()) + 0.7152 * f32::from(c.g()) + 0.0722 * f32::from(c.b())
        };
        assert!((luminance(highlight) - luminance(text)).abs() > 100.0);
    }
}
