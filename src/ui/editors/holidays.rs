//! Public holidays per country, edited in the programme view; the workplan checks warn of
//! sessions held on them.

use chrono::{Datelike, NaiveDate};

use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{Holiday, HolidaySet};
use crate::plan::holidays::easter_days;
use crate::ui::actions::Action;
use crate::ui::context::ViewContext;
use crate::ui::widgets::bound_text::BoundText;
use crate::ui::widgets::date_field::date_field;

/// A change to the holidays: all of them after it, the undo step's name and the key under
/// which typing merges.
type Change = (Vec<HolidaySet>, String, Option<String>);

fn set(cx: &mut ViewContext<'_>, holidays: Vec<HolidaySet>, label: &str, key: Option<String>) {
    let mut edit = Edit::new(Command::SetHolidays(holidays), label);
    if let Some(key) = key {
        edit = edit.merging(key);
    }
    cx.emit(Action::Apply(edit));
}

pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    ui.heading("Public holidays");
    ui.label("Per country or jurisdiction, as sessions name it in their place. Sessions on these days are flagged in the workplan checks.");
    let holidays = cx.project.holidays.clone();
    let years: Vec<i32> =
        (cx.project.programme.start.year()..=cx.project.programme.end.year()).collect();
    let mut changed: Option<Change> = None;
    for index in 0..holidays.len() {
        if let Some(change) = holiday_set(ui, cx, &holidays, index, &years) {
            changed = Some(change);
        }
    }
    if ui
        .button("Add holiday set")
        .on_hover_text("Add the public holidays of another country")
        .clicked()
    {
        let mut all = holidays.clone();
        all.push(HolidaySet {
            id: cx.new_id(),
            country: String::new(),
            days: Vec::new(),
        });
        changed = Some((all, "Add holiday set".into(), None));
    }
    if let Some((all, label, key)) = changed {
        set(cx, all, &label, key.as_deref().map(str::to_string));
    }
}

/// One country's holidays, under a heading that opens them: its name, Easter for each year
/// of the programme, and its days.
fn holiday_set(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    holidays: &[HolidaySet],
    index: usize,
    years: &[i32],
) -> Option<Change> {
    let holiday_set = &holidays[index];
    let mut changed = None;
    let heading = if holiday_set.country.is_empty() {
        "New holiday set".to_string()
    } else {
        holiday_set.country.clone()
    };
    egui::CollapsingHeader::new(format!("{heading} ({} days)", holiday_set.days.len()))
        .id_salt(("holiday_set", holiday_set.id))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                BoundText::new(&holiday_set.country)
                    .label("Country")
                    .id_salt(("holiday_country", holiday_set.id))
                    .desired_width(200.0)
                    .show(
                        ui,
                        cx,
                        format!("holiday_country_{}", holiday_set.id),
                        |country| {
                            let mut all = holidays.to_vec();
                            all[index].country = country;
                            Edit::new(Command::SetHolidays(all), "Rename holiday set")
                        },
                    );
                if ui
                    .button("Remove this set")
                    .on_hover_text("Remove the holidays of this country")
                    .clicked()
                {
                    let mut all = holidays.to_vec();
                    all.remove(index);
                    changed = Some((all, "Remove holiday set".into(), None));
                }
            });
            ui.horizontal_wrapped(|ui| {
                if let Some(change) = easter_buttons(ui, holidays, index, years) {
                    changed = Some(change);
                }
            });
            if let Some(change) = days(ui, holidays, index) {
                changed = Some(change);
            }
            if ui
                .button("Add a day")
                .on_hover_text("Add a public holiday to this country")
                .clicked()
            {
                let mut all = holidays.to_vec();
                let date = NaiveDate::from_ymd_opt(cx.project.programme.start.year(), 1, 1)
                    .unwrap_or(cx.project.programme.start);
                all[index].days.push(Holiday {
                    date,
                    name: "Holiday".into(),
                });
                changed = Some((all, "Add holiday".into(), None));
            }
        });
    changed
}

/// Buttons that add Good Friday, Easter Sunday and Easter Monday, Western or Orthodox, of
/// each year.
fn easter_buttons(
    ui: &mut egui::Ui,
    holidays: &[HolidaySet],
    index: usize,
    years: &[i32],
) -> Option<Change> {
    let mut changed = None;
    for &year in years {
        for (orthodox, church) in [(false, "Western"), (true, "Orthodox")] {
            if ui
                .small_button(format!("+ {church} Easter {year}"))
                .on_hover_text("Add Good Friday, Easter Sunday and Easter Monday of that year")
                .clicked()
            {
                let mut all = holidays.to_vec();
                for day in easter_days(year, orthodox) {
                    if !all[index].days.iter().any(|d| d.date == day.date) {
                        all[index].days.push(day);
                    }
                }
                changed = Some((all, "Add Easter holidays".into(), None));
            }
        }
    }
    changed
}

/// The set's days: the date, the name, and a button that removes it.
fn days(ui: &mut egui::Ui, holidays: &[HolidaySet], index: usize) -> Option<Change> {
    let holiday_set = &holidays[index];
    let mut changed = None;
    egui::Grid::new(("holiday_days", holiday_set.id))
        .num_columns(3)
        .spacing([8.0, 2.0])
        .show(ui, |ui| {
            for (day_index, day) in holiday_set.days.iter().enumerate() {
                let salt = format!("holiday_{}_{day_index}", holiday_set.id);
                let label = ui.label(day.date.format("%a").to_string());
                let edit = date_field(ui, &salt, label.id, day.date);
                if let Some(date) = edit.new_value {
                    let mut all = holidays.to_vec();
                    all[index].days[day_index].date = date;
                    changed = Some((all, "Change holiday date".into(), None));
                }
                ui.horizontal(|ui| {
                    let mut name = day.name.clone();
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(&mut name)
                                .id_salt((&salt, "name"))
                                .desired_width(220.0),
                        )
                        .on_hover_text("Name of the holiday");
                    if r.changed() {
                        let mut all = holidays.to_vec();
                        all[index].days[day_index].name = name;
                        changed = Some((all, "Rename holiday".into(), Some(salt.clone())));
                    }
                    if ui
                        .small_button("✖")
                        .on_hover_text("Remove this day")
                        .clicked()
                    {
                        let mut all = holidays.to_vec();
                        all[index].days.remove(day_index);
                        changed = Some((all, "Remove holiday".into(), None));
                    }
                });
                ui.end_row();
            }
        });
    changed
}
