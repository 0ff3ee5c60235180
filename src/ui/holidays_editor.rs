//! Public holidays per country, edited in the programme view; the workplan checks warn of
//! sessions held on them.

use chrono::{Datelike, NaiveDate};

use super::actions::Action;
use super::app::ViewContext;
use super::date_field::date_field;
use crate::checks::{orthodox_easter, western_easter};
use crate::commands::Command;
use crate::history::Edit;
use crate::model::{Holiday, HolidaySet};

fn set(cx: &mut ViewContext<'_>, holidays: Vec<HolidaySet>, label: &str, key: Option<String>) {
    let mut edit = Edit::new(Command::SetHolidays(holidays), label);
    if let Some(key) = key {
        edit = edit.merging(key);
    }
    cx.emit(Action::Apply(edit));
}

/// Easter Friday, Sunday and Monday of `year` in the Western or Orthodox calendar.
fn easter_days(year: i32, orthodox: bool) -> Vec<Holiday> {
    let sunday = if orthodox {
        orthodox_easter(year)
    } else {
        western_easter(year)
    };
    let church = if orthodox { "Orthodox " } else { "" };
    [
        (-2, "Good Friday"),
        (0, "Easter Sunday"),
        (1, "Easter Monday"),
    ]
    .into_iter()
    .map(|(offset, name)| Holiday {
        date: sunday + chrono::Duration::days(offset),
        name: format!("{church}{name}"),
    })
    .collect()
}

pub fn show(ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
    ui.heading("Public holidays");
    ui.label("Per country or jurisdiction, as sessions name it in their place. Sessions on these days are flagged in the workplan checks.");
    let holidays = cx.project.holidays.clone();
    let years: Vec<i32> =
        (cx.project.programme.start.year()..=cx.project.programme.end.year()).collect();
    let mut changed: Option<(Vec<HolidaySet>, String, Option<String>)> = None;
    for (index, holiday_set) in holidays.iter().enumerate() {
        let heading = if holiday_set.country.is_empty() {
            "New holiday set".to_string()
        } else {
            holiday_set.country.clone()
        };
        egui::CollapsingHeader::new(format!("{heading} ({} days)", holiday_set.days.len()))
            .id_salt(("holiday_set", holiday_set.id))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label("Country");
                    let mut country = holiday_set.country.clone();
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(&mut country)
                                .id_salt(("holiday_country", holiday_set.id))
                                .desired_width(200.0),
                        )
                        .labelled_by(label.id);
                    if r.changed() {
                        let mut all = holidays.clone();
                        all[index].country = country;
                        changed = Some((
                            all,
                            "Rename holiday set".into(),
                            Some(format!("holiday_country_{}", holiday_set.id)),
                        ));
                    }
                    if r.lost_focus() {
                        cx.emit(Action::EndTyping);
                    }
                    if ui
                        .button("Remove this set")
                        .on_hover_text("Remove the holidays of this country")
                        .clicked()
                    {
                        let mut all = holidays.clone();
                        all.remove(index);
                        changed = Some((all, "Remove holiday set".into(), None));
                    }
                });
                ui.horizontal_wrapped(|ui| {
                    for &year in &years {
                        for (orthodox, church) in [(false, "Western"), (true, "Orthodox")] {
                            if ui
                                .small_button(format!("+ {church} Easter {year}"))
                                .on_hover_text(
                                    "Add Good Friday, Easter Sunday and Easter Monday of that year",
                                )
                                .clicked()
                            {
                                let mut all = holidays.clone();
                                for day in easter_days(year, orthodox) {
                                    if !all[index].days.iter().any(|d| d.date == day.date) {
                                        all[index].days.push(day);
                                    }
                                }
                                changed = Some((all, "Add Easter holidays".into(), None));
                            }
                        }
                    }
                });
                egui::Grid::new(("holiday_days", holiday_set.id))
                    .num_columns(3)
                    .spacing([8.0, 2.0])
                    .show(ui, |ui| {
                        for (day_index, day) in holiday_set.days.iter().enumerate() {
                            let salt = format!("holiday_{}_{day_index}", holiday_set.id);
                            let label = ui.label(day.date.format("%a").to_string());
                            let edit = date_field(ui, &salt, label.id, day.date);
                            if let Some(date) = edit.new_value {
                                let mut all = holidays.clone();
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
                                    let mut all = holidays.clone();
                                    all[index].days[day_index].name = name;
                                    changed =
                                        Some((all, "Rename holiday".into(), Some(salt.clone())));
                                }
                                if ui
                                    .small_button("✖")
                                    .on_hover_text("Remove this day")
                                    .clicked()
                                {
                                    let mut all = holidays.clone();
                                    all[index].days.remove(day_index);
                                    changed = Some((all, "Remove holiday".into(), None));
                                }
                            });
                            ui.end_row();
                        }
                    });
                if ui
                    .button("Add a day")
                    .on_hover_text("Add a public holiday to this country")
                    .clicked()
                {
                    let mut all = holidays.clone();
                    let date = NaiveDate::from_ymd_opt(cx.project.programme.start.year(), 1, 1)
                        .unwrap_or(cx.project.programme.start);
                    all[index].days.push(Holiday {
                        date,
                        name: "Holiday".into(),
                    });
                    changed = Some((all, "Add holiday".into(), None));
                }
            });
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
