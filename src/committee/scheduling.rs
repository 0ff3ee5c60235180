//! When a new meeting can be held: on a working day.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::model::HolidaySet;

/// Why `date` is not a working day for a meeting in `country`: "a Saturday", "a Sunday", or
/// the public holiday's name ("Statehood Day, a public holiday in Serbia"); `None` on a working
/// day. Holidays count only where the project keeps a list for the country (matched as the
/// workplan checks match a session's country, ignoring spaces around the name).
pub fn day_off(date: NaiveDate, holidays: &[HolidaySet], country: &str) -> Option<String> {
    match date.weekday() {
        Weekday::Sat => return Some("a Saturday".into()),
        Weekday::Sun => return Some("a Sunday".into()),
        _ => {}
    }
    let country = country.trim();
    if country.is_empty() {
        return None;
    }
    holidays
        .iter()
        .filter(|set| set.country.trim() == country)
        .flat_map(|set| set.days.iter())
        .find(|h| h.date == date)
        .map(|h| format!("{}, a public holiday in {country}", h.name))
}

/// `date` if it is a working day, else the next one: not a Saturday or Sunday, nor a public
/// holiday of `country` (see [`day_off`]).
pub fn working_day_from(date: NaiveDate, holidays: &[HolidaySet], country: &str) -> NaiveDate {
    let mut day = date;
    // A year of holidays in a row cannot happen; the bound only keeps a broken list finite.
    for _ in 0..366 {
        if day_off(day, holidays, country).is_none() {
            return day;
        }
        match day.checked_add_days(Days::new(1)) {
            Some(next) => day = next,
            None => return date,
        }
    }
    date
}
