//! Dates as people type them: 2010-06-17, 17/06/2010, 17.06.2010, 17-06-2010, 17 June 2010,
//! 17 Jun 2010 and June 17, 2010, with a sentence saying why a text is not a date.

use chrono::{Datelike, NaiveDate};

/// Which number comes first in a date written with numbers only, such as 06/07/2010.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// 17/06/2010: day, month, year (when the first number is above 12 it is the day anyway).
    #[default]
    DayMonthYear,
    /// 06/17/2010: month, day, year (when the first number is above 12 it is the day).
    MonthDayYear,
}

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Nothing was typed.
    Empty,
    /// The text has none of the shapes of a date.
    NotADate(String),
    /// The year is not written with four digits, or is out of range.
    Year(String),
    /// A month number or name that does not exist.
    Month(String),
    /// A day the month does not have: the text, the month's name, the year, its days.
    Day {
        text: String,
        month: &'static str,
        year: i32,
        days: u32,
    },
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateError::Empty => write!(f, "Type a date, e.g. 2010-06-17 or 17/06/2010"),
            DateError::NotADate(text) => write!(
                f,
                "'{text}' is not a date; type it as 2010-06-17 or 17/06/2010"
            ),
            DateError::Year(text) => write!(
                f,
                "{text} is not a date: write the year with four digits, e.g. 2010"
            ),
            DateError::Month(text) => {
                write!(f, "{text} is not a date: a month is 1 to 12, or its name")
            }
            DateError::Day {
                text,
                month,
                year,
                days,
            } => write!(f, "{text} is not a date: {month} {year} has {days} days"),
        }
    }
}

impl std::error::Error for DateError {}

/// The months' names in English, January first: the one list dates, datelines and the
/// calendar write.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The number of days of `month` (1–12) in `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("a month 1-12");
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .expect("in range");
    (next - first).num_days() as u32
}

/// A month's number from its English name or its first three letters ("Sept" too).
fn month_by_name(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            let m = m.to_lowercase();
            m == word || (m.starts_with(&word) && (word.len() == 3 || word == "sept"))
        })
        .map(|i| i as u32 + 1)
}

/// One part of a date: a number, with how many digits it was written with, or a word.
#[derive(Debug)]
enum Part<'a> {
    Number(u32, usize),
    Word(&'a str),
}

fn number(part: &str) -> Option<Part<'_>> {
    if !part.is_empty() && part.len() <= 4 && part.chars().all(|c| c.is_ascii_digit()) {
        Some(Part::Number(part.parse().ok()?, part.len()))
    } else {
        None
    }
}

/// Checks a year, month and day, saying which is wrong.
fn make(text: &str, year: (u32, usize), month: u32, day: u32) -> Result<NaiveDate, DateError> {
    if year.1 != 4 {
        return Err(DateError::Year(text.to_string()));
    }
    let year = year.0 as i32;
    if !(1..=12).contains(&month) {
        return Err(DateError::Month(text.to_string()));
    }
    let days = days_in_month(year, month);
    if day == 0 || day > days {
        return Err(DateError::Day {
            text: text.to_string(),
            month: MONTHS[month as usize - 1],
            year,
            days,
        });
    }
    Ok(NaiveDate::from_ymd_opt(year, month, day).expect("checked above"))
}

/// A date typed in one of the usual ways. The year is always written with four digits (so that
/// "17/06/201", on its way to 2010, is not taken for the year 201), and an ISO date with two-digit
/// month and day ("2010-06-1" on its way to the 17th is not the 1st). In a date of numbers only,
/// `order` says whether the day or the month comes first; a first number above 12 is the day.
pub fn parse_date(text: &str, order: Order) -> Result<NaiveDate, DateError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    let not_a_date = || DateError::NotADate(text.to_string());
    // ISO: 2010-06-17.
    let dashes: Vec<&str> = text.split('-').collect();
    if dashes.len() == 3 && dashes[0].len() == 4 && dashes.iter().all(|p| number(p).is_some()) {
        if dashes[1].len() != 2 || dashes[2].len() != 2 {
            return Err(not_a_date());
        }
        let n = |p: &str| p.parse::<u32>().expect("digits");
        return make(text, (n(dashes[0]), 4), n(dashes[1]), n(dashes[2]));
    }
    // Numbers: 17/06/2010, 17.06.2010, 17-06-2010.
    for separator in ['/', '.', '-'] {
        let parts: Vec<&str> = text.split(separator).map(str::trim).collect();
        if parts.len() != 3 {
            continue;
        }
        let (Some(Part::Number(a, la)), Some(Part::Number(b, lb)), Some(Part::Number(y, ly))) =
            (number(parts[0]), number(parts[1]), number(parts[2]))
        else {
            continue;
        };
        if la > 2 || lb > 2 {
            return Err(not_a_date());
        }
        let (day, month) = match order {
            Order::DayMonthYear => (a, b),
            Order::MonthDayYear if a > 12 => (a, b),
            Order::MonthDayYear => (b, a),
        };
        // 06/17/2010 read day first has no 17th month: the first number is then the month.
        let (day, month) = if month > 12 && day <= 12 {
            (month, day)
        } else {
            (day, month)
        };
        return make(text, (y, ly), month, day);
    }
    // Words: 17 June 2010, 17 Jun 2010, June 17, 2010, June 17 2010.
    let words: Vec<Part> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| {
            // "17th" is the 17th.
            let digits = ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|suffix| w.strip_suffix(suffix))
                .unwrap_or(w);
            number(digits).unwrap_or(Part::Word(w))
        })
        .collect();
    let (day, month, year) = match words.as_slice() {
        [Part::Number(d, ld), Part::Word(m), Part::Number(y, ly)]
        | [Part::Word(m), Part::Number(d, ld), Part::Number(y, ly)]
            if *ld <= 2 =>
        {
            (*d, *m, (*y, *ly))
        }
        _ => return Err(not_a_date()),
    };
    let Some(month) = month_by_name(month) else {
        return Err(if month.chars().all(char::is_alphabetic) {
            DateError::Month(text.to_string())
        } else {
            not_a_date()
        });
    };
    make(text, year, month, day)
}

/// How a date is shown in a field: 2010-06-17.
pub fn format_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn ok(text: &str) -> NaiveDate {
        parse_date(text, Order::DayMonthYear).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn message(text: &str) -> String {
        parse_date(text, Order::DayMonthYear)
            .expect_err(text)
            .to_string()
    }

    #[test]
    fn the_common_forms_are_one_date() {
        for text in [
            "2010-06-17",
            "17/06/2010",
            "17.06.2010",
            "17-06-2010",
            "17 June 2010",
            "17 Jun 2010",
            "17 june 2010",
            "17 JUN. 2010",
            "June 17, 2010",
            "June 17 2010",
            "Jun 17, 2010",
            "17th June 2010",
            "  17/06/2010  ",
            "17 / 06 / 2010",
        ] {
            assert_eq!(ok(text), day(2010, 6, 17), "{text}");
        }
    }

    #[test]
    fn numbers_are_day_first_unless_the_first_cannot_be_a_month() {
        assert_eq!(ok("06/07/2010"), day(2010, 7, 6), "day first by default");
        assert_eq!(ok("6/7/2010"), day(2010, 7, 6));
        assert_eq!(ok("06/17/2010"), day(2010, 6, 17), "no 17th month");
        assert_eq!(
            parse_date("06/07/2010", Order::MonthDayYear),
            Ok(day(2010, 6, 7))
        );
        assert_eq!(
            parse_date("17/06/2010", Order::MonthDayYear),
            Ok(day(2010, 6, 17)),
            "above 12 it is the day"
        );
    }

    #[test]
    fn half_typed_dates_are_not_taken() {
        for text in [
            "2010-06-1",
            "2010-6-17",
            "2010-06",
            "17/06/201",
            "17/06/20",
            "17/06/",
            "17 Jun 201",
            "17 Jun",
            "17",
        ] {
            assert!(
                parse_date(text, Order::DayMonthYear).is_err(),
                "{text} is not yet a date"
            );
        }
    }

    #[test]
    fn a_day_the_month_lacks_says_how_many_it_has() {
        assert_eq!(
            message("2010-02-30"),
            "2010-02-30 is not a date: February 2010 has 28 days"
        );
        assert_eq!(
            message("29/02/2011"),
            "29/02/2011 is not a date: February 2011 has 28 days"
        );
        assert_eq!(ok("29/02/2012"), day(2012, 2, 29), "a leap year");
        assert_eq!(
            message("31 April 2010"),
            "31 April 2010 is not a date: April 2010 has 30 days"
        );
        assert!(message("00/06/2010").contains("June 2010 has 30 days"));
    }

    #[test]
    fn other_texts_say_how_to_write_a_date() {
        assert_eq!(
            message("next week"),
            "'next week' is not a date; type it as 2010-06-17 or 17/06/2010"
        );
        assert!(message("13/13/2010").contains("a month is 1 to 12"));
        assert!(message("17 Juin 2010").contains("a month is 1 to 12"));
        assert!(message("17/06/10").contains("four digits"));
        assert_eq!(
            parse_date("   ", Order::DayMonthYear),
            Err(DateError::Empty)
        );
        assert!(message("2010-06-17-1").contains("is not a date"));
        assert!(message("1/2/3/2010").contains("is not a date"));
    }

    #[test]
    fn months_have_their_days() {
        assert_eq!(days_in_month(2010, 2), 28);
        assert_eq!(days_in_month(2012, 2), 29);
        assert_eq!(days_in_month(2010, 12), 31);
        assert_eq!(format_date(day(2010, 6, 7)), "2010-06-07");
    }
}
