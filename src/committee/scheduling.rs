//! When a new meeting can be held: on a working day.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::model::HolidaySet;

/// `date` if it is a working day, else the next one: not a Saturday or Sunday, nor a public
/// holiday of `country` when the project keeps a list for it (matched as the workplan checks
/// match a session's country, ignoring spaces around the name).
pub fn working_day_from(date: NaiveDate, holidays: &[HolidaySet], country: &str) -> NaiveDate {
    let country = country.trim();
    let is_holiday = |day: NaiveDate| {
        !country.is_empty()
            && holidays
                .iter()
                .filter(|set| set.country.trim() == country)
                .any(|set| set.days.iter().any(|h| h.date == day))
    };
    let mut day = date;
    // A year of holidays in a row cannot happen; the bound only keeps a broken list finite.
    for _ in 0..366 {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        if !weekend && !is_holiday(day) {
            return day;
        }
        match day.checked_add_days(Days::new(1)) {
            Some(next) => day = next,
            None => return date,
        }
    }
    date
}
