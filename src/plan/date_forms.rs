//! Dates and session datelines as records write them, for imports: one cell's text in, dates
//! (or every problem of the cell) out. Pure functions; the messages are sentences for people,
//! shown as `FILE:ROW:COLUMN: message`.
//!
//! [`parse_span`] reads one date or range:
//! - ISO: `2010-05-18`, `2010-05` (a month), `2010-05-18/2010-05-20`, `2009-11/2010-02`,
//!   `2010-05-18 - 2010-05-20`;
//! - numbers: `18/05/2010`, `18.05.2010`, `18-05-2010`, `05/2010`, `18/05/2010-20/05/2010`.
//!   The first number is the day when it is above 12, the month when the second is; otherwise
//!   [`DateContext::order`] decides, and without it the date is refused naming both readings
//!   (in a range, an end that reads one way only decides the other end's order too);
//! - words: `18 May 2010`, `May 18, 2010`, `18th May 2010`, `18 May` (year from the context),
//!   `May 2010` (a month); English month names, full or cut (`Nov`, `Nov.`, `Sept`), any case;
//!   a weekday before the date is read past (`Tuesday, 18 May 2010`);
//! - ranges: `18-20 May 2010`, `18–20 May 2010`, `18 - 20 May 2010`, `30 November-2 December
//!   2009`, `30 Nov – 2 Dec 2009`, `30 December 2009 - 2 January 2010`, `January-March 2009`,
//!   `Jan–Mar 2009`, `November 2009 - February 2010`, `18 to 20 May 2010`. An en or em dash,
//!   ` to `, or a hyphen with a space beside it, separates the ends; an unspaced hyphen does
//!   when it is the text's only one (so `18-05-2010` is one date), and `/` does between ISO
//!   dates.
//!
//! An end of a range takes what it leaves out (month, year) from the other end. The year rule:
//! a year written only at the end belongs to the end, and the start is in the year before when
//! its month comes after the end's (`30 December - 2 January 2010` starts on 30 December 2009);
//! a year written only at the start, or given by [`DateContext::default_year`] when none is
//! written, belongs to the start, and the end is in the year after when its month comes before
//! the start's. Both ends are days or both are months; a range ending before it starts
//! (`20-18 May 2010`) is refused.
//!
//! [`parse_sessions`] reads a `sessions` cell: sessions separated by `;` or new lines, each either
//! the form `session_text` in `exchange::activity_csv` writes, `FIRST[/LAST] [@ PLACE]` (a place
//! of one part is there a city, as that function writes a city without a country), or a dateline
//! as activity reports write it: `18-20 November 2009, Belgrade, Serbia`, `7 October 2010,
//! online`, `5-7 May 2010, Croatia / online`, `5-7 May 2010, Zagreb, Croatia + online`,
//! `18-20 November 2009 in Belgrade, Serbia`. A dateline's place is `online`, `City, Country`
//! or `Country` alone (one part is the country: datelines name a country more often than a
//! city alone), marked hybrid by ` / online`, ` + online`, ` & online`, ` and online` or
//! `(hybrid)` at its end. The country is kept as written; the caller resolves it. A session whose
//! dates have no year takes the year of the nearest later session of the cell that writes one,
//! else the nearest earlier one, else the context's default year.
//!
//! Reading dates allocates nothing (messages aside); a cell allocates its list of sessions and
//! their places' strings.

use crate::plan::dates::MONTHS;
use chrono::NaiveDate;

use super::dates::days_in_month;
use crate::model::{Id, Place, PlaceMode, Precision, Session};

/// Which number comes first in a date written with numbers only, such as 05/06/2010.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    DayMonthYear,
    MonthDayYear,
}

/// What a cell's text leaves to its surroundings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateContext {
    /// The order of day and month in dates like 05/06/2010; `None` refuses them.
    pub order: Option<DateOrder>,
    /// The year of a date written without one (from the row's other dates, or a programme
    /// period of one year); `None` refuses such dates.
    pub default_year: Option<i32>,
}

/// A date or a range of dates, inclusive. With `Precision::Month`, `start` is the first day of
/// the first month and `last` the last day of the last month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateSpan {
    pub start: NaiveDate,
    pub last: NaiveDate,
    pub precision: Precision,
}

impl DateSpan {
    /// The last day as `Session::end` holds it: absent for a single day.
    pub fn end(&self) -> Option<NaiveDate> {
        (self.last != self.start).then_some(self.last)
    }
}

/// One session read from a cell: its dates and its place, the country as written.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionForm {
    pub span: DateSpan,
    pub place: Place,
}

impl SessionForm {
    /// The session this form describes, under `id`.
    pub fn session(self, id: Id) -> Session {
        Session {
            id,
            start: self.span.start,
            end: self.span.end(),
            precision: self.span.precision,
            place: self.place,
        }
    }
}

/// The example every message about a missing or malformed part points to.
const EXAMPLE: &str = "18 May 2010 or 2010-05-18";

/// The first four-digit year a text's dates write, e.g. to give the other dates of a row their
/// year. Longer runs of digits are not years.
pub fn year_written(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                return text[start..i].parse().ok();
            }
        } else {
            i += 1;
        }
    }
    None
}

/// One end of a range as written: what it says, nothing more.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Point {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

fn digits(text: &str) -> Option<u32> {
    if !text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

fn month_by_name(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(word)
                || (word.len() == 3 && m[..3].eq_ignore_ascii_case(word))
                || (m.starts_with("Sep") && word.eq_ignore_ascii_case("sept"))
        })
        .map(|i| i as u32 + 1)
}

/// "10" → 2010, "97" → 1997: only to suggest the year in full.
fn full_year(two: u32) -> u32 {
    if two < 70 { 2000 + two } else { 1900 + two }
}

fn two_digit_year(whole: &str, two: u32) -> String {
    format!(
        "“{whole}” has a two-digit year: write {}",
        full_year(two % 100)
    )
}

/// Day and month of a date of numbers, `a` and `b` in the order written.
fn day_and_month(
    whole: &str,
    (a, b): (u32, u32),
    year: Option<i32>,
    order: Option<DateOrder>,
) -> Result<(u32, u32), String> {
    match (a > 12, b > 12) {
        (true, true) => Err(format!(
            "“{whole}”: neither {a} nor {b} is a month (1 to 12)"
        )),
        (true, false) => Ok((a, b)),
        (false, true) => Ok((b, a)),
        _ if a == b => Ok((a, b)),
        _ => match order {
            Some(DateOrder::DayMonthYear) => Ok((a, b)),
            Some(DateOrder::MonthDayYear) => Ok((b, a)),
            None => {
                let name = |m: u32| MONTHS.get(m as usize - 1).copied().unwrap_or("?");
                let iso = match year {
                    Some(y) => format!("{y:04}-{b:02}-{a:02}"),
                    None => format!("YYYY-{b:02}-{a:02}"),
                };
                Err(format!(
                    "“{whole}” could be {a} {} or {b} {}: say which comes first (--date-order DMY or MDY; in the window, “Dates like 05/06/2010”), or write {iso}",
                    name(b),
                    name(a)
                ))
            }
        },
    }
}

/// The separator of a date of numbers (`/`, `.` or `-`), when the text is one.
fn numeric_separator(text: &str) -> Option<char> {
    let mut separator = None;
    for c in text.chars() {
        match c {
            '0'..='9' => {}
            '/' | '.' | '-' => match separator {
                None => separator = Some(c),
                Some(s) if s == c => {}
                Some(_) => return None,
            },
            c if c.is_whitespace() => {}
            _ => return None,
        }
    }
    separator
}

/// The order an end written with numbers shows by itself (a number above 12 is the day).
fn order_shown(text: &str) -> Option<DateOrder> {
    let separator = numeric_separator(text)?;
    let mut parts = text.split(separator).map(str::trim);
    let a = parts.next()?;
    let b = parts.next()?;
    if a.len() > 2 {
        return None;
    }
    match (digits(a)?, digits(b)?) {
        (a, b) if a > 12 && b <= 12 => Some(DateOrder::DayMonthYear),
        (a, b) if a <= 12 && b > 12 => Some(DateOrder::MonthDayYear),
        _ => None,
    }
}

fn parse_numeric(
    whole: &str,
    text: &str,
    separator: char,
    order: Option<DateOrder>,
) -> Result<Point, String> {
    let mut parts = [""; 3];
    let mut n = 0;
    // "18.05.2010." as written where a date ends with a dot.
    let text = text.strip_suffix('.').unwrap_or(text);
    for part in text.split(separator).map(str::trim) {
        if n == 3 {
            return Err(not_a_date(whole));
        }
        parts[n] = part;
        n += 1;
    }
    let parts = &parts[..n];
    let mut values = [0u32; 3];
    for (value, part) in values.iter_mut().zip(parts) {
        *value = digits(part).ok_or_else(|| not_a_date(whole))?;
    }
    let len = |i: usize| parts[i].len();
    let year = |v: u32| Some(v as i32);
    match n {
        1 if len(0) <= 2 => Ok(Point {
            day: Some(values[0]),
            ..Point::default()
        }),
        1 => Err(not_a_date(whole)),
        // 2010-05-18, 2010-05, 2010/05/18.
        _ if len(0) == 4 => {
            if parts[1..].iter().any(|p| p.len() > 2) {
                return Err(not_a_date(whole));
            }
            Ok(Point {
                year: year(values[0]),
                month: Some(values[1]),
                day: (n == 3).then_some(values[2]),
            })
        }
        // 05/2010: a month.
        2 if len(0) <= 2 && len(1) == 4 => Ok(Point {
            year: year(values[1]),
            month: Some(values[0]),
            day: None,
        }),
        _ if len(0) > 2 || len(1) > 2 => Err(not_a_date(whole)),
        // 18/05, the year elsewhere.
        2 => {
            let (day, month) = day_and_month(whole, (values[0], values[1]), None, order)?;
            Ok(Point {
                year: None,
                month: Some(month),
                day: Some(day),
            })
        }
        _ if len(2) == 4 => {
            let (day, month) =
                day_and_month(whole, (values[0], values[1]), year(values[2]), order)?;
            Ok(Point {
                year: year(values[2]),
                month: Some(month),
                day: Some(day),
            })
        }
        _ if len(2) <= 2 => Err(two_digit_year(whole, values[2])),
        _ => Err(not_a_date(whole)),
    }
}

fn not_a_date(whole: &str) -> String {
    format!("“{whole}” is not a date: write it as {EXAMPLE}")
}

/// 18 May 2010, May 18, 2010, 18th May, May 2010, 18.
fn parse_words(whole: &str, text: &str) -> Result<Point, String> {
    let mut point = Point::default();
    for word in text
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
    {
        let number = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|suffix| word.strip_suffix(suffix))
            .filter(|n| digits(n).is_some())
            .unwrap_or(word);
        if let Some(value) = digits(number) {
            match number.len() {
                4 if point.year.is_none() => point.year = Some(value as i32),
                4 => return Err(format!("“{whole}” has two years")),
                1 | 2 if point.day.is_none() => point.day = Some(value),
                1 | 2 if point.month.is_some() && point.year.is_none() => {
                    return Err(two_digit_year(whole, value));
                }
                _ => return Err(not_a_date(whole)),
            }
        } else if is_weekday(word) {
            // "Tuesday 18 May 2010": the weekday adds nothing to the date.
        } else if let Some(month) = month_by_name(word) {
            if point.month.is_some() {
                return Err(format!("“{whole}” names two months"));
            }
            point.month = Some(month);
        } else if word.chars().all(char::is_alphabetic) {
            return Err(format!(
                "“{whole}”: “{word}” is not a month: write months in English (May, Sept, Nov.) or write the date as 2010-05-18"
            ));
        } else {
            return Err(not_a_date(whole));
        }
    }
    Ok(point)
}

fn parse_point(whole: &str, text: &str, order: Option<DateOrder>) -> Result<Point, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!(
            "“{whole}” is missing a date: write it as {EXAMPLE}"
        ));
    }
    match numeric_separator(text) {
        Some(separator) => parse_numeric(whole, text, separator, order),
        None if text.bytes().all(|b| b.is_ascii_digit()) && text.len() == 4 => Err(format!(
            "“{whole}” is a year: write the month too, e.g. May 2010 or January-December 2010"
        )),
        None => parse_words(whole, text),
    }
}

/// Whether the text begins with an ISO date or month (`2010-05`…), whose hyphens are not ranges.
fn starts_iso(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

/// The two ends of a range, or the one date.
fn split_range(text: &str) -> (&str, Option<&str>) {
    if let Some(i) = text.find(['–', '—']) {
        let dash = text[i..].chars().next().expect("found").len_utf8();
        return (&text[..i], Some(&text[i + dash..]));
    }
    if let Some(i) = find_ci(text, " to ") {
        return (&text[..i], Some(&text[i + 4..]));
    }
    let bytes = text.as_bytes();
    let mut hyphens = 0;
    let mut first = None;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'-' {
            let spaced = (i > 0 && bytes[i - 1].is_ascii_whitespace())
                || bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace);
            if spaced {
                return (&text[..i], Some(&text[i + 1..]));
            }
            hyphens += 1;
            first.get_or_insert(i);
        }
    }
    if starts_iso(text) {
        if let Some((a, b)) = text.split_once('/') {
            return (a, Some(b));
        }
        // 2010-05-18-2010-05-20: the third hyphen.
        if hyphens == 5 {
            let i = text.match_indices('-').nth(2).expect("five").0;
            return (&text[..i], Some(&text[i + 1..]));
        }
        return (text, None);
    }
    match first {
        Some(i) if hyphens == 1 => (&text[..i], Some(&text[i + 1..])),
        _ => (text, None),
    }
}

fn check_month(whole: &str, month: u32) -> Result<(), String> {
    if (1..=12).contains(&month) {
        Ok(())
    } else {
        Err(format!("“{whole}”: month {month} does not exist"))
    }
}

fn make_day(whole: &str, year: i32, month: u32, day: u32) -> Result<NaiveDate, String> {
    check_month(whole, month)?;
    let name = MONTHS[month as usize - 1];
    if !(1000..=9999).contains(&year) {
        return Err(format!("“{whole}”: {year} is not a year of four digits"));
    }
    let days = days_in_month(year, month);
    if day == 0 {
        return Err(format!("“{whole}”: day 0 does not exist"));
    }
    if day > days {
        let leap = if month == 2 && day == 29 {
            format!(" ({year} is not a leap year)")
        } else {
            String::new()
        };
        return Err(format!("“{whole}”: {name} {year} has {days} days{leap}"));
    }
    Ok(NaiveDate::from_ymd_opt(year, month, day).expect("checked above"))
}

fn no_year(whole: &str) -> String {
    format!("“{whole}” has no year: write it with its year, e.g. {EXAMPLE}")
}

/// Reads one date or range of dates; see the module's documentation for the forms and rules.
pub fn parse_span(text: &str, cx: &DateContext) -> Result<DateSpan, String> {
    let whole = text.trim();
    if whole.is_empty() {
        return Err(format!("no date: write one, e.g. {EXAMPLE}"));
    }
    let (first, last) = split_range(whole);
    let order = cx
        .order
        .or_else(|| order_shown(first.trim()))
        .or_else(|| last.and_then(|l| order_shown(l.trim())));
    let a = parse_point(whole, first, order)?;
    let Some(last) = last else {
        return single(whole, a, cx);
    };
    let mut b = parse_point(whole, last, order)?;
    let mut a = a;
    if a.day.is_some() != b.day.is_some() {
        return Err(format!(
            "“{whole}” mixes a day and a month: write both ends as days (30 November - 2 December 2009) or as months (November 2009 - February 2010)"
        ));
    }
    if a.month.is_none() && b.month.is_none() {
        return Err(format!("“{whole}” has no month: write it as {EXAMPLE}"));
    }
    a.month = a.month.or(b.month);
    b.month = b.month.or(a.month);
    let (ma, mb) = (a.month.expect("set"), b.month.expect("set"));
    check_month(whole, ma)?;
    check_month(whole, mb)?;
    // Only a later month at the start crosses the year end; later days in one month are an error.
    let before = mb < ma;
    let (ya, yb) = match (a.year, b.year) {
        (Some(ya), Some(yb)) => (ya, yb),
        (None, Some(yb)) => (if before { yb - 1 } else { yb }, yb),
        (Some(ya), None) => (ya, if before { ya + 1 } else { ya }),
        (None, None) => {
            let ya = cx.default_year.ok_or_else(|| no_year(whole))?;
            (ya, if before { ya + 1 } else { ya })
        }
    };
    let span = match (a.day, b.day) {
        (Some(da), Some(db)) => DateSpan {
            start: make_day(whole, ya, ma, da)?,
            last: make_day(whole, yb, mb, db)?,
            precision: Precision::Day,
        },
        _ => DateSpan {
            start: make_day(whole, ya, ma, 1)?,
            last: make_day(whole, yb, mb, days_in_month(yb, mb))?,
            precision: Precision::Month,
        },
    };
    if span.last < span.start {
        return Err(format!("“{whole}” ends before it starts"));
    }
    Ok(span)
}

fn single(whole: &str, point: Point, cx: &DateContext) -> Result<DateSpan, String> {
    let Some(month) = point.month else {
        return Err(format!("“{whole}” has no month: write it as {EXAMPLE}"));
    };
    check_month(whole, month)?;
    let year = point
        .year
        .or(cx.default_year)
        .ok_or_else(|| no_year(whole))?;
    Ok(match point.day {
        Some(day) => {
            let date = make_day(whole, year, month, day)?;
            DateSpan {
                start: date,
                last: date,
                precision: Precision::Day,
            }
        }
        None => DateSpan {
            start: make_day(whole, year, month, 1)?,
            last: make_day(whole, year, month, days_in_month(year, month))?,
            precision: Precision::Month,
        },
    })
}

/// `text` without a case-insensitive ASCII `suffix`.
fn strip_suffix_ci<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    (text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(suffix)).then(|| &text[..cut])
}

/// The place with its hybrid mark taken off, and whether it had one.
fn strip_hybrid(text: &str) -> (&str, bool) {
    let text = text.trim();
    if let Some(rest) = strip_suffix_ci(text, "(hybrid)") {
        return (rest.trim_end().trim_end_matches(',').trim_end(), true);
    }
    if let Some(rest) = strip_suffix_ci(text, "online") {
        let rest = rest.trim_end();
        for mark in ["/", "+", "&", " and"] {
            if let Some(place) = strip_suffix_ci(rest, mark) {
                return (place.trim_end(), true);
            }
        }
    }
    (text, false)
}

/// A place: `online`, `hybrid`, or `[City, ]Country` with an optional hybrid mark;
/// `one_part_is_city` says what a place of one part names.
fn parse_place(text: &str, one_part_is_city: bool) -> Place {
    let text = text.trim();
    if text.eq_ignore_ascii_case("online") {
        return Place {
            mode: PlaceMode::Online,
            ..Place::default()
        };
    }
    if text.eq_ignore_ascii_case("hybrid") {
        return Place {
            mode: PlaceMode::Hybrid,
            ..Place::default()
        };
    }
    let (where_, hybrid) = strip_hybrid(text);
    let (city, country) = match where_.rsplit_once(',') {
        Some((city, country)) => (city.trim(), country.trim()),
        None if one_part_is_city => (where_, ""),
        None => ("", where_),
    };
    Place {
        mode: if hybrid {
            PlaceMode::Hybrid
        } else {
            PlaceMode::InPerson
        },
        city: city.to_string(),
        country: country.to_string(),
    }
}

/// One session of a cell, cut into its date text and its place text.
struct Piece<'a> {
    dates: &'a str,
    place: &'a str,
    /// The `@` form of `session_text`, whose place of one part is a city.
    at_form: bool,
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A weekday's English name, full or cut to three letters ("Tues" and "Thurs" too).
fn is_weekday(text: &str) -> bool {
    let word = text.trim().trim_end_matches('.');
    WEEKDAYS.iter().any(|day| {
        day.eq_ignore_ascii_case(word)
            || (word.len() == 3 && day[..3].eq_ignore_ascii_case(word))
            || ["Tues", "Thur", "Thurs"]
                .iter()
                .any(|cut| cut.eq_ignore_ascii_case(word) && day.starts_with(&cut[..2]))
    })
}

fn is_year(text: &str) -> bool {
    let text = text.trim();
    text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit())
}

/// Byte index of a case-insensitive ASCII `needle` in `text`.
fn find_ci(text: &str, needle: &str) -> Option<usize> {
    let (t, n) = (text.as_bytes(), needle.as_bytes());
    (0..=t.len().checked_sub(n.len())?).find(|&i| t[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn cut(session: &str) -> Piece<'_> {
    if let Some((dates, place)) = session.split_once('@') {
        return Piece {
            dates: dates.trim(),
            place: place.trim(),
            at_form: true,
        };
    }
    // The dates end at the first comma, unless a year follows it ("May 18, 2010, Vienna") or
    // the dates begin with their weekday ("Tuesday, 18 May 2010, Vienna").
    let mut end = session.find(',').unwrap_or(session.len());
    let next_end = |end: usize| {
        let rest = &session[end + 1..];
        end + 1 + rest.find(',').unwrap_or(rest.len())
    };
    if end < session.len() && is_weekday(&session[..end]) {
        end = next_end(end);
    }
    if end < session.len() && is_year(&session[end + 1..next_end(end)]) {
        end = next_end(end);
    }
    let (mut dates, mut place) = (&session[..end], session.get(end + 1..).unwrap_or(""));
    // "18-20 November 2009 in Belgrade, Serbia".
    if let Some(i) = find_ci(dates, " in ") {
        place = &session[i + 4..];
        dates = &session[..i];
    }
    Piece {
        dates: dates.trim(),
        place: place.trim(),
        at_form: false,
    }
}

/// Reads a `sessions` cell; see the module's documentation. Every bad session gives one message.
pub fn parse_sessions(cell: &str, cx: &DateContext) -> Result<Vec<SessionForm>, Vec<String>> {
    let pieces: Vec<Piece> = cell
        .split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(cut)
        .collect();
    let mut sessions = Vec::with_capacity(pieces.len());
    let mut problems = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let default_year = if year_written(piece.dates).is_some() {
            cx.default_year
        } else {
            pieces[i + 1..]
                .iter()
                .chain(pieces[..i].iter().rev())
                .find_map(|p| year_written(p.dates))
                .or(cx.default_year)
        };
        let cx = DateContext {
            default_year,
            ..*cx
        };
        match parse_span(piece.dates, &cx) {
            Ok(span) => sessions.push(SessionForm {
                span,
                place: parse_place(piece.place, piece.at_form),
            }),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(sessions)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::activity_csv::session_text;
    use chrono::Datelike;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const NONE: DateContext = DateContext {
        order: None,
        default_year: None,
    };

    fn days(text: &str, cx: &DateContext) -> (NaiveDate, NaiveDate) {
        let span = parse_span(text, cx).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(span.precision, Precision::Day, "{text}");
        (span.start, span.last)
    }

    fn months(text: &str) -> (NaiveDate, NaiveDate) {
        let span = parse_span(text, &NONE).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(span.precision, Precision::Month, "{text}");
        (span.start, span.last)
    }

    fn one_day(text: &str) -> NaiveDate {
        let (a, b) = days(text, &NONE);
        assert_eq!(a, b, "{text}");
        a
    }

    fn problem(text: &str, cx: &DateContext) -> String {
        match parse_span(text, cx) {
            Ok(span) => panic!("{text} read as {span:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn iso_dates_and_months() {
        assert_eq!(one_day("2010-05-18"), d(2010, 5, 18));
        assert_eq!(months("2010-05"), (d(2010, 5, 1), d(2010, 5, 31)));
        assert_eq!(months("2010-02"), (d(2010, 2, 1), d(2010, 2, 28)));
        assert_eq!(one_day("  2010-05-18 "), d(2010, 5, 18));
    }

    #[test]
    fn numbers_with_slashes_and_dots_read_day_or_month_first_by_their_size() {
        assert_eq!(one_day("18/05/2010"), d(2010, 5, 18));
        assert_eq!(one_day("18.05.2010"), d(2010, 5, 18));
        assert_eq!(one_day("18.05.2010."), d(2010, 5, 18));
        assert_eq!(one_day("18-05-2010"), d(2010, 5, 18));
        assert_eq!(one_day("05/18/2010"), d(2010, 5, 18), "no 18th month");
        assert_eq!(one_day("05/05/2010"), d(2010, 5, 5), "both readings agree");
        assert_eq!(months("05/2010"), (d(2010, 5, 1), d(2010, 5, 31)));
    }

    #[test]
    fn an_ambiguous_date_needs_the_order_and_names_both_readings() {
        assert_eq!(
            problem("05/06/2010", &NONE),
            "“05/06/2010” could be 5 June or 6 May: say which comes first (--date-order DMY or MDY; in the window, “Dates like 05/06/2010”), or write 2010-06-05"
        );
        let dmy = DateContext {
            order: Some(DateOrder::DayMonthYear),
            ..NONE
        };
        let mdy = DateContext {
            order: Some(DateOrder::MonthDayYear),
            ..NONE
        };
        assert_eq!(days("05/06/2010", &dmy).0, d(2010, 6, 5));
        assert_eq!(days("05/06/2010", &mdy).0, d(2010, 5, 6));
        assert_eq!(
            days("18/05/2010", &mdy).0,
            d(2010, 5, 18),
            "a number above 12 is the day whatever the order"
        );
        assert!(problem("13/14/2010", &NONE).contains("neither 13 nor 14 is a month"));
    }

    #[test]
    fn an_end_that_reads_one_way_decides_the_other() {
        assert_eq!(
            days("05/06/2010-18/06/2010", &NONE),
            (d(2010, 6, 5), d(2010, 6, 18))
        );
        assert_eq!(
            days("06/05/2010-06/18/2010", &NONE),
            (d(2010, 6, 5), d(2010, 6, 18))
        );
    }

    #[test]
    fn dates_in_words() {
        for text in [
            "18 May 2010",
            "May 18, 2010",
            "May 18 2010",
            "18th May 2010",
            "18 may 2010",
            "18 MAY 2010",
            "18. May 2010",
        ] {
            assert_eq!(one_day(text), d(2010, 5, 18), "{text}");
        }
        for (text, month) in [
            ("2 Nov 2009", 11),
            ("2 Nov. 2009", 11),
            ("2 November 2009", 11),
            ("2 Sept 2009", 9),
            ("2 Sep 2009", 9),
            ("2 sept. 2009", 9),
            ("2 Jan 2009", 1),
            ("2 February 2009", 2),
        ] {
            assert_eq!(one_day(text), d(2009, month, 2), "{text}");
        }
    }

    #[test]
    fn a_date_without_its_year_takes_the_context_s_or_is_refused() {
        let cx = DateContext {
            default_year: Some(2010),
            ..NONE
        };
        assert_eq!(days("18 May", &cx), (d(2010, 5, 18), d(2010, 5, 18)));
        assert_eq!(days("18/05", &cx).0, d(2010, 5, 18));
        assert_eq!(
            problem("18 May", &NONE),
            "“18 May” has no year: write it with its year, e.g. 18 May 2010 or 2010-05-18"
        );
        assert!(problem("18-20 May", &NONE).contains("has no year"));
    }

    #[test]
    fn ranges_of_days() {
        let may = (d(2010, 5, 18), d(2010, 5, 20));
        for text in [
            "18-20 May 2010",
            "18–20 May 2010",
            "18—20 May 2010",
            "18 - 20 May 2010",
            "18 -20 May 2010",
            "2010-05-18/2010-05-20",
            "2010-05-18 - 2010-05-20",
            "2010-05-18 – 2010-05-20",
            "2010-05-18-2010-05-20",
            "18/05/2010-20/05/2010",
            "18/05/2010 - 20/05/2010",
            "18.-20.05.2010",
            "May 18-20, 2010",
        ] {
            assert_eq!(days(text, &NONE), may, "{text}");
        }
        let turn = (d(2009, 11, 30), d(2009, 12, 2));
        for text in [
            "30 November-2 December 2009",
            "30 Nov – 2 Dec 2009",
            "30 Nov - 2 Dec 2009",
            "30 November 2009 - 2 December 2009",
        ] {
            assert_eq!(days(text, &NONE), turn, "{text}");
        }
        assert_eq!(
            days("30 December 2009 - 2 January 2010", &NONE),
            (d(2009, 12, 30), d(2010, 1, 2))
        );
    }

    #[test]
    fn a_year_written_once_belongs_to_its_end_and_the_other_end_crosses_the_new_year() {
        assert_eq!(
            days("30 December - 2 January 2010", &NONE),
            (d(2009, 12, 30), d(2010, 1, 2)),
            "written at the end: the start is in the year before"
        );
        assert_eq!(
            days("30 December 2009 - 2 January", &NONE),
            (d(2009, 12, 30), d(2010, 1, 2)),
            "written at the start: the end is in the year after"
        );
        let cx = DateContext {
            default_year: Some(2009),
            ..NONE
        };
        assert_eq!(
            days("30 December - 2 January", &cx),
            (d(2009, 12, 30), d(2010, 1, 2)),
            "the context's year is the start's"
        );
        assert_eq!(
            months("November - February 2010"),
            (d(2009, 11, 1), d(2010, 2, 28))
        );
    }

    #[test]
    fn ranges_of_months() {
        assert_eq!(months("May 2010"), (d(2010, 5, 1), d(2010, 5, 31)));
        assert_eq!(months("may 2010"), (d(2010, 5, 1), d(2010, 5, 31)));
        let quarter = (d(2009, 1, 1), d(2009, 3, 31));
        for text in [
            "January-March 2009",
            "Jan–Mar 2009",
            "Jan - Mar 2009",
            "2009-01/2009-03",
        ] {
            assert_eq!(months(text), quarter, "{text}");
        }
        let winter = (d(2009, 11, 1), d(2010, 2, 28));
        for text in [
            "November 2009 - February 2010",
            "2009-11/2010-02",
            "Nov 2009 – Feb 2010",
        ] {
            assert_eq!(months(text), winter, "{text}");
        }
        assert_eq!(months("February 2012"), (d(2012, 2, 1), d(2012, 2, 29)));
    }

    #[test]
    fn a_range_ending_before_it_starts_is_refused() {
        assert_eq!(
            problem("20-18 May 2010", &NONE),
            "“20-18 May 2010” ends before it starts"
        );
        assert!(problem("2010-05-20/2010-05-18", &NONE).contains("ends before it starts"));
        assert!(problem("March-January 2009 2010", &NONE).contains("two years"));
        assert!(problem("2010-03/2009-01", &NONE).contains("ends before it starts"));
    }

    #[test]
    fn days_the_month_lacks_and_months_that_do_not_exist() {
        assert_eq!(
            problem("31 April 2010", &NONE),
            "“31 April 2010”: April 2010 has 30 days"
        );
        assert_eq!(
            problem("29 February 2010", &NONE),
            "“29 February 2010”: February 2010 has 28 days (2010 is not a leap year)"
        );
        assert_eq!(one_day("29 February 2012"), d(2012, 2, 29));
        assert_eq!(
            problem("2010-13-01", &NONE),
            "“2010-13-01”: month 13 does not exist"
        );
        assert_eq!(
            problem("18/13/2010", &NONE),
            "“18/13/2010”: neither 18 nor 13 is a month (1 to 12)"
        );
        assert!(problem("13/2010", &NONE).contains("month 13 does not exist"));
        assert!(problem("0 May 2010", &NONE).contains("day 0 does not exist"));
        assert!(problem("28 February - 30 February 2010", &NONE).contains("has 28 days"));
    }

    #[test]
    fn two_digit_years_say_the_year_in_full() {
        assert_eq!(
            problem("18/05/10", &NONE),
            "“18/05/10” has a two-digit year: write 2010"
        );
        assert_eq!(
            problem("18 May 97", &NONE),
            "“18 May 97” has a two-digit year: write 1997"
        );
    }

    #[test]
    fn other_texts_say_how_to_write_a_date() {
        assert_eq!(
            problem("18 Mai 2010", &NONE),
            "“18 Mai 2010”: “Mai” is not a month: write months in English (May, Sept, Nov.) or write the date as 2010-05-18"
        );
        assert!(problem("next week", &NONE).contains("is not a month"));
        assert!(problem("2010", &NONE).contains("is a year: write the month too"));
        assert!(problem("18", &NONE).contains("has no month"));
        assert!(problem("", &NONE).starts_with("no date"));
        assert!(problem("1/2/3/2010", &NONE).contains("is not a date"));
        assert!(problem("18 May 2010 - ", &NONE).contains("is missing a date"));
        assert!(problem("May 2010 - 18 June 2010", &NONE).contains("mixes a day and a month"));
        assert!(problem("18 May June 2010", &NONE).contains("two months"));
        assert!(problem("18 May 201", &NONE).contains("is not a date"));
    }

    #[test]
    fn the_year_a_text_writes() {
        assert_eq!(year_written("18-20 November 2009, Belgrade"), Some(2009));
        assert_eq!(year_written("2010-05-18/2011-01-01"), Some(2010));
        assert_eq!(year_written("18/05/10"), None);
        assert_eq!(year_written("room 12345, 18 May"), None);
        assert_eq!(year_written(""), None);
    }

    fn sessions(cell: &str, cx: &DateContext) -> Vec<SessionForm> {
        parse_sessions(cell, cx).unwrap_or_else(|e| panic!("{cell}: {e:?}"))
    }

    fn place(mode: PlaceMode, city: &str, country: &str) -> Place {
        Place {
            mode,
            city: city.into(),
            country: country.into(),
        }
    }

    fn span(start: NaiveDate, last: NaiveDate) -> DateSpan {
        DateSpan {
            start,
            last,
            precision: Precision::Day,
        }
    }

    #[test]
    fn datelines_as_activity_reports_write_them() {
        use PlaceMode::*;
        let belgrade = SessionForm {
            span: span(d(2009, 11, 18), d(2009, 11, 20)),
            place: place(InPerson, "Belgrade", "Serbia"),
        };
        assert_eq!(
            sessions("18-20 November 2009, Belgrade, Serbia", &NONE),
            std::slice::from_ref(&belgrade)
        );
        assert_eq!(
            sessions("18-20 November 2009 in Belgrade, Serbia", &NONE),
            std::slice::from_ref(&belgrade)
        );
        assert_eq!(
            sessions(
                "18-20 November 2009, Belgrade, Serbia; 2-4 December 2009, Tirana, Albania",
                &NONE
            ),
            [
                belgrade.clone(),
                SessionForm {
                    span: span(d(2009, 12, 2), d(2009, 12, 4)),
                    place: place(InPerson, "Tirana", "Albania"),
                }
            ]
        );
        let online = sessions("7 October 2010, online", &NONE);
        assert_eq!(online[0].span, span(d(2010, 10, 7), d(2010, 10, 7)));
        assert_eq!(online[0].place, place(Online, "", ""));
        assert_eq!(
            sessions("7 October 2010, Online", &NONE)[0].place.mode,
            Online
        );
        let croatia = place(Hybrid, "", "Croatia");
        for cell in [
            "5-7 May 2010, Croatia / online",
            "5-7 May 2010, Croatia/online",
            "5-7 May 2010, Croatia + online",
            "5-7 May 2010, Croatia and online",
            "5-7 May 2010, Croatia (hybrid)",
        ] {
            let s = sessions(cell, &NONE);
            assert_eq!(s[0].span, span(d(2010, 5, 5), d(2010, 5, 7)), "{cell}");
            assert_eq!(s[0].place, croatia, "{cell}");
        }
        assert_eq!(
            sessions("5-7 May 2010, Zagreb, Croatia + online", &NONE)[0].place,
            place(Hybrid, "Zagreb", "Croatia")
        );
        let vienna = &sessions("May 2010, Vienna, Austria", &NONE)[0];
        assert_eq!(vienna.span.precision, Precision::Month);
        assert_eq!(vienna.place, place(InPerson, "Vienna", "Austria"));
        assert_eq!(
            sessions("May 18, 2010, Vienna, Austria", &NONE)[0].span,
            span(d(2010, 5, 18), d(2010, 5, 18)),
            "the year after the comma is the date's"
        );
        assert_eq!(
            sessions("18 May 2010, Austria", &NONE)[0].place,
            place(InPerson, "", "Austria"),
            "one part is the country"
        );
        assert_eq!(
            sessions("18 May 2010", &NONE)[0].place,
            Place::default(),
            "no place"
        );
    }

    #[test]
    fn weekdays_and_to_are_read_past() {
        let may = (d(2010, 5, 18), d(2010, 5, 20));
        assert_eq!(days("18 to 20 May 2010", &NONE), may);
        assert_eq!(days("Tuesday 18 May 2010", &NONE).0, may.0);
        assert_eq!(days("Tue, 18 May - Thurs, 20 May 2010", &NONE), may);
        let s = sessions("Tuesday, 18 May 2010, Vienna, Austria", &NONE);
        assert_eq!(s[0].span.start, may.0);
        assert_eq!(s[0].place, place(PlaceMode::InPerson, "Vienna", "Austria"));
        let s = sessions("Tuesday, May 18, 2010, Vienna, Austria", &NONE);
        assert_eq!(s[0].span.start, may.0);
        assert_eq!(s[0].place.city, "Vienna");
        assert!(problem("Tuesday", &NONE).contains("has no month"));
    }

    #[test]
    fn sessions_split_on_semicolons_and_new_lines() {
        let cell =
            "18 May 2010, Vienna, Austria;\n20 May 2010, Graz, Austria\n\n; 2010-06-01 @ online";
        let s = sessions(cell, &NONE);
        assert_eq!(s.len(), 3);
        assert_eq!(s[2].place.mode, PlaceMode::Online);
        assert!(sessions("", &NONE).is_empty());
    }

    #[test]
    fn a_dateline_without_its_year_takes_the_cell_s_then_the_context_s() {
        let s = sessions(
            "18-20 November, Belgrade, Serbia; 2-4 December 2009, Tirana, Albania",
            &NONE,
        );
        assert_eq!(s[0].span.start, d(2009, 11, 18), "from the later session");
        let s = sessions("18 May 2010, Vienna; 2-4 June, Graz", &NONE);
        assert_eq!(s[1].span.start, d(2010, 6, 2), "from the earlier session");
        let cx = DateContext {
            default_year: Some(2011),
            ..NONE
        };
        assert_eq!(sessions("2-4 June, Graz", &cx)[0].span.start, d(2011, 6, 2));
        let cell = "2 June 2012, Graz; 3 June, Linz";
        assert_eq!(
            sessions(cell, &cx)[1].span.start,
            d(2012, 6, 3),
            "the cell first"
        );
    }

    #[test]
    fn every_bad_session_of_a_cell_is_named() {
        let problems = parse_sessions(
            "31 April 2010, Vienna; 2 May 2010, Graz; 18/05/10, Linz; 3 June, Salzburg",
            &NONE,
        )
        .expect_err("three are bad");
        assert_eq!(
            problems,
            [
                "“31 April 2010”: April 2010 has 30 days",
                "“18/05/10” has a two-digit year: write 2010",
            ],
            "3 June takes 2010 from the cell"
        );
        let problems = parse_sessions("3 June, Salzburg; 4 Jun, Linz", &NONE).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert!(problems.iter().all(|p| p.contains("has no year")));
    }

    #[test]
    fn the_at_form_reads_what_session_text_writes() {
        use PlaceMode::*;
        let month = |start, last| DateSpan {
            start,
            last,
            precision: Precision::Month,
        };
        for dates in [
            span(d(2009, 11, 18), d(2009, 11, 20)),
            span(d(2009, 11, 18), d(2009, 11, 18)),
            month(d(2022, 2, 1), d(2022, 3, 31)),
            month(d(2022, 2, 1), d(2022, 2, 28)),
            month(d(2021, 12, 1), d(2022, 1, 31)),
        ] {
            for place in [
                Place::default(),
                place(InPerson, "Belgrade", "Serbia"),
                place(InPerson, "Belgrade", ""),
                place(Online, "", ""),
                place(Hybrid, "Skopje", "North Macedonia"),
                place(Hybrid, "", ""),
            ] {
                let session = SessionForm { span: dates, place }.session(Id(7));
                let text = session_text(&session);
                let back = sessions(&text, &NONE);
                assert_eq!(back.len(), 1, "{text}");
                assert_eq!(back[0].clone().session(Id(7)), session, "{text}");
            }
        }
    }

    fn generated_session() -> impl Strategy<Value = Session> {
        let day = (1000i32..=9999, 1u32..=366)
            .prop_map(|(y, n)| NaiveDate::from_yo_opt(y, n).unwrap_or(d(y, 12, 31)));
        let name = prop::sample::select(&["Belgrade", "Tirana", "Novi Sad", "Đakovica", "Skopje"]);
        let country =
            prop::sample::select(&["Serbia", "Albania", "North Macedonia", "Côte d’Ivoire"]);
        let place = (0..5u8, name, country).prop_map(|(kind, city, country)| match kind {
            0 => Place::default(),
            1 => place(PlaceMode::InPerson, city, country),
            2 => place(PlaceMode::InPerson, city, ""),
            3 => place(PlaceMode::Online, "", ""),
            _ => place(PlaceMode::Hybrid, city, country),
        });
        (day.clone(), prop::option::of(day), any::<bool>(), place).prop_map(
            |(a, b, by_month, place)| {
                let (start, last) = match b {
                    Some(b) => (a.min(b), a.max(b)),
                    None => (a, a),
                };
                let span = if by_month {
                    let first = start.with_day(1).unwrap();
                    let end = d(
                        last.year(),
                        last.month(),
                        days_in_month(last.year(), last.month()),
                    );
                    DateSpan {
                        start: first,
                        last: end,
                        precision: Precision::Month,
                    }
                } else {
                    DateSpan {
                        start,
                        last,
                        precision: Precision::Day,
                    }
                };
                SessionForm { span, place }.session(Id(3))
            },
        )
    }

    proptest! {
        #[test]
        fn every_written_session_reads_back(
            list in prop::collection::vec(generated_session(), 1..4)
        ) {
            let cell = list.iter().map(session_text).collect::<Vec<_>>().join("; ");
            let back = parse_sessions(&cell, &NONE)
                .map_err(|e| TestCaseError::fail(format!("{cell}: {e:?}")))?;
            let back: Vec<Session> = back.into_iter().map(|s| s.session(Id(3))).collect();
            prop_assert_eq!(back, list, "{}", cell);
        }
    }
}
