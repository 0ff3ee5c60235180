use chrono::NaiveDate;

use crate::plan::dates::{DateError, Order, parse_date};

/// A date typed in full, in any form [`parse_date`] takes: "2010-04-2" on its way to
/// "2010-04-20" is not taken for the 2nd.
pub fn parse_full_date(text: &str) -> Option<NaiveDate> {
    parse_typed(text).ok()
}

/// What happened in a date field this frame.
#[derive(Default)]
pub struct DateEdit {
    /// A new, valid date the user typed or picked.
    pub new_value: Option<NaiveDate>,
    pub lost_focus: bool,
}

fn to_picker(date: NaiveDate) -> Option<jiff::civil::Date> {
    use chrono::Datelike;
    jiff::civil::Date::new(
        i16::try_from(date.year()).ok()?,
        i8::try_from(date.month()).ok()?,
        i8::try_from(date.day()).ok()?,
    )
    .ok()
}

fn from_picker(date: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::try_from(date.month()).ok()?,
        u32::try_from(date.day()).ok()?,
    )
}

/// A date in one of the forms people type (see [`parse_date`]).
fn parse_typed(text: &str) -> Result<NaiveDate, DateError> {
    parse_date(text, Order::DayMonthYear)
}

/// Why the text is not a date, beside the field, in the error colour.
fn show_problem(ui: &mut egui::Ui, problem: &DateError) {
    ui.label(egui::RichText::new(problem.to_string()).color(ui.visuals().error_fg_color));
}

/// Whether the field was left with Escape: the typed text is dropped.
fn escaped(ui: &egui::Ui) -> bool {
    ui.input(|i| i.key_pressed(egui::Key::Escape))
}

/// A date typed as 2010-06-17, 17/06/2010, 17 June 2010 and the like, with a calendar button
/// beside it. While the text is not a date the field is red, says why beside it and the project
/// keeps its old date; leaving the field keeps the text and the reason until it is corrected or
/// Escape is pressed in the field.
pub fn date_field(
    ui: &mut egui::Ui,
    id_salt: &str,
    labelled_by: egui::Id,
    value: NaiveDate,
) -> DateEdit {
    let mut edit = DateEdit::default();
    let buffer_id = ui.make_persistent_id((id_salt, "date_text"));
    ui.horizontal(|ui| {
        // The text being typed, and the project's date it started from: when that date
        // changes under the field (undo, redo), the field shows the project's date again.
        let mut text: String = ui
            .data(|d| d.get_temp::<(String, NaiveDate)>(buffer_id))
            .filter(|(text, base)| *base == value || parse_full_date(text) == Some(value))
            .map(|(text, _)| text)
            .unwrap_or_else(|| value.format("%Y-%m-%d").to_string());
        let parsed = parse_typed(&text);
        let mut field = egui::TextEdit::singleline(&mut text)
            .id_salt(id_salt)
            .desired_width(110.0)
            .hint_text("YYYY-MM-DD");
        // A real date the project did not take (an end before the start, say) stays red.
        let refused = parsed.as_ref().is_ok_and(|d| *d != value);
        if parsed.is_err() || refused {
            field = field.text_color(ui.visuals().error_fg_color);
        }
        let response = ui.add(field).labelled_by(labelled_by);
        let response = if parsed.is_err() {
            response.on_hover_text("Not a date: write it as 2010-06-17 or 17/06/2010")
        } else if refused {
            response.on_hover_text("This date was not accepted (the reason is in the status bar)")
        } else {
            response.on_hover_text(
                "Write the date as 2010-06-17, 17/06/2010 or 17 June 2010, or pick it from the calendar",
            )
        };
        let parsed = parse_typed(&text);
        if response.changed() {
            if let Ok(date) = parsed
                && date != value
            {
                edit.new_value = Some(date);
            }
            // Keyed to the date the typing started from; a date the project accepts becomes the
            // new base next frame, one it refuses leaves the text red (see below).
            ui.data_mut(|d| d.insert_temp(buffer_id, (text.clone(), value)));
        }
        if response.lost_focus() {
            // A date is shown again as the project has it; a text that is not a date stays,
            // with its reason, unless the field was left with Escape.
            if parsed.is_ok() || escaped(ui) {
                ui.data_mut(|d| d.remove::<(String, NaiveDate)>(buffer_id));
            }
            edit.lost_focus = true;
        }
        if let Some(mut picked) = to_picker(value) {
            let before = picked;
            ui.add(
                egui_extras::DatePickerButton::new(&mut picked)
                    .id_salt(id_salt)
                    .format("")
                    .calendar_week(false),
            )
            .on_hover_text("Pick the date from a calendar");
            if picked != before {
                edit.new_value = from_picker(picked);
                edit.lost_focus = true;
                ui.data_mut(|d| d.remove::<(String, NaiveDate)>(buffer_id));
            }
        }
        if let Err(problem) = &parsed
            && ui
                .data(|d| d.get_temp::<(String, NaiveDate)>(buffer_id))
                .is_some()
        {
            show_problem(ui, problem);
        }
    });
    edit
}

/// A date that may be left empty, typed as [`date_field`] takes it. Returns the new value once
/// the text is a date or empty; while it is neither, the field is red, says why beside it and
/// nothing changes (leaving the field keeps the text until it is corrected or Escape is pressed).
pub fn optional_date(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    value: Option<NaiveDate>,
    labelled_by: egui::Id,
) -> Option<Option<NaiveDate>> {
    optional_date_as(ui, id_salt, value, Naming::LabelledBy(labelled_by))
}

/// [`optional_date`] for a table's cell, which shows no label: `name` is its accessible name.
pub fn optional_date_named(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    value: Option<NaiveDate>,
    name: &str,
) -> Option<Option<NaiveDate>> {
    optional_date_as(ui, id_salt, value, Naming::Named(name))
}

enum Naming<'a> {
    LabelledBy(egui::Id),
    Named(&'a str),
}

fn optional_date_as(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    value: Option<NaiveDate>,
    naming: Naming<'_>,
) -> Option<Option<NaiveDate>> {
    let buffer_id = ui.make_persistent_id(("optional_date", id_salt));
    let parse = |text: &str| -> Result<Option<NaiveDate>, DateError> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            parse_typed(text).map(Some)
        }
    };
    // As in `date_field`, the text is dropped when the value changes under it (undo, redo).
    let mut text: String = ui
        .data(|d| d.get_temp::<(String, Option<NaiveDate>)>(buffer_id))
        .filter(|(text, base)| *base == value || parse(text).ok() == Some(value))
        .map(|(text, _)| text)
        .unwrap_or_else(|| value.map(|d| d.to_string()).unwrap_or_default());
    let valid = parse(&text).is_ok();
    let mut field = egui::TextEdit::singleline(&mut text)
        .id(buffer_id.with("field"))
        .desired_width(92.0)
        .hint_text("YYYY-MM-DD");
    if !valid {
        field = field.text_color(ui.visuals().error_fg_color);
    }
    let response = ui.add(field);
    let response = match naming {
        Naming::LabelledBy(id) => response.labelled_by(id),
        Naming::Named(name) => {
            response.widget_info(|| {
                let mut info = egui::WidgetInfo::text_edit(true, &text, &text, "YYYY-MM-DD");
                info.label = Some(name.to_owned());
                info
            });
            response
        }
    };
    let response = response.on_hover_text("A date such as 2010-06-17 or 17/06/2010, or empty");
    let parsed = parse(&text);
    let mut result = None;
    if response.changed() {
        if let Ok(new) = parsed
            && new != value
        {
            result = Some(new);
        }
        ui.data_mut(|d| d.insert_temp(buffer_id, (text.clone(), value)));
    }
    if response.lost_focus() && (parsed.is_ok() || escaped(ui)) {
        ui.data_mut(|d| d.remove::<(String, Option<NaiveDate>)>(buffer_id));
    }
    if let Err(problem) = &parsed
        && ui
            .data(|d| d.get_temp::<(String, Option<NaiveDate>)>(buffer_id))
            .is_some()
    {
        show_problem(ui, problem);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_dates_are_taken() {
        assert_eq!(
            parse_full_date("2010-04-20"),
            NaiveDate::from_ymd_opt(2010, 4, 20)
        );
        assert_eq!(parse_full_date("2010-04-2"), None, "still being typed");
        assert_eq!(parse_full_date("2010-4-20"), None);
        assert_eq!(parse_full_date("2010-02-30"), None);
    }

    #[test]
    fn picker_dates_round_trip() {
        let date = NaiveDate::from_ymd_opt(2009, 9, 30).unwrap();
        assert_eq!(to_picker(date).and_then(from_picker), Some(date));
    }
}
