//! Public holidays: the Easter rules of the Western and Orthodox churches, from which the
//! programme's holiday lists are filled at a click.

use chrono::{Days, NaiveDate};

use crate::model::Holiday;

/// Easter Sunday of the Western churches (Gregorian computus).
pub fn western_easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("computus gives a real date")
}

/// Easter Sunday of the Orthodox churches (Julian computus), as a Gregorian date
/// (valid 1900–2099, where the calendars differ by 13 days).
pub fn orthodox_easter(year: i32) -> NaiveDate {
    let a = year % 4;
    let b = year % 7;
    let c = year % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    let julian = NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("a real date");
    julian + Days::new(13)
}

/// Easter Friday, Sunday and Monday of `year` in the Western or Orthodox calendar.
pub fn easter_days(year: i32, orthodox: bool) -> Vec<Holiday> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates_match_the_calendars() {
        assert_eq!(western_easter(2009), d(2009, 4, 12));
        assert_eq!(western_easter(2010), d(2010, 4, 4));
        assert_eq!(western_easter(2024), d(2024, 3, 31));
        assert_eq!(orthodox_easter(2009), d(2009, 4, 19));
        assert_eq!(
            orthodox_easter(2010),
            d(2010, 4, 4),
            "in 2010 both Easters fell together"
        );
        assert_eq!(orthodox_easter(2024), d(2024, 5, 5));
    }
}
