use chrono::NaiveDate;

/// A date typed in full, "YYYY-MM-DD": "2010-04-2" on its way to "2010-04-20" is not taken
/// for the 2nd.
pub fn parse_full_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let shape = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if shape {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    } else {
        None
    }
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

/// A date typed as YYYY-MM-DD, with a calendar button beside it. While the text is not a
/// valid date the field is outlined in red and the project keeps its old date.
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
        let parsed = parse_full_date(&text);
        let mut field = egui::TextEdit::singleline(&mut text)
            .id_salt(id_salt)
            .desired_width(110.0)
            .hint_text("YYYY-MM-DD");
        // A real date the project did not take (an end before the start, say) stays red.
        let refused = parsed.is_some_and(|d| d != value);
        if parsed.is_none() || refused {
            field = field.text_color(ui.visuals().error_fg_color);
        }
        let response = ui.add(field).labelled_by(labelled_by);
        let response = if parsed.is_none() {
            response.on_hover_text("Not a date: write it as YYYY-MM-DD, e.g. 2009-09-30")
        } else if refused {
            response.on_hover_text("This date was not accepted (the reason is in the status bar)")
        } else {
            response.on_hover_text("Write the date as YYYY-MM-DD, or pick it from the calendar")
        };
        if response.changed() {
            if let Some(date) = parse_full_date(&text)
                && date != value
            {
                edit.new_value = Some(date);
            }
            // Keyed to the date the typing started from; a date the project accepts becomes the
            // new base next frame, one it refuses leaves the text red (see below).
            ui.data_mut(|d| d.insert_temp(buffer_id, (text.clone(), value)));
        }
        if response.lost_focus() {
            // Show the project's date again, dropping any half-typed text.
            ui.data_mut(|d| d.remove::<(String, NaiveDate)>(buffer_id));
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
            }
        }
    });
    edit
}

/// A date that may be left empty, typed as YYYY-MM-DD. Returns the new value once the text
/// is a date or empty; while it is neither, the field is red and nothing changes.
pub fn optional_date(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    value: Option<NaiveDate>,
    labelled_by: egui::Id,
) -> Option<Option<NaiveDate>> {
    let buffer_id = ui.make_persistent_id(("optional_date", id_salt));
    let mut text: String = ui
        .data(|d| d.get_temp::<String>(buffer_id))
        .unwrap_or_else(|| value.map(|d| d.to_string()).unwrap_or_default());
    let parse = |text: &str| -> Option<Option<NaiveDate>> {
        if text.trim().is_empty() {
            Some(None)
        } else {
            parse_full_date(text).map(Some)
        }
    };
    let valid = parse(&text).is_some();
    let mut field = egui::TextEdit::singleline(&mut text)
        .id(buffer_id.with("field"))
        .desired_width(92.0)
        .hint_text("YYYY-MM-DD");
    if !valid {
        field = field.text_color(ui.visuals().error_fg_color);
    }
    let response = ui
        .add(field)
        .labelled_by(labelled_by)
        .on_hover_text("A date as YYYY-MM-DD, or empty");
    let mut result = None;
    if response.changed() {
        if let Some(new) = parse(&text)
            && new != value
        {
            result = Some(new);
        }
        ui.data_mut(|d| d.insert_temp(buffer_id, text));
    }
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(buffer_id));
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
