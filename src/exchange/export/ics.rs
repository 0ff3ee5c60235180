//! iCalendar (RFC 5545): one all-day event per activity session and one timed event per
//! committee meeting, with ids that stay the same from one export to the next so that a
//! calendar that imports the file again updates its events instead of duplicating them.

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use crate::model::{Meeting, MeetingStatus, Precision, Project, Status};

/// Escapes a TEXT value (RFC 5545, 3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets without splitting a character, ending CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let size = c.len_utf8();
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out.push_str("\r\n");
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The UTC instant of a wall-clock time in an IANA time zone; `None` for an unknown zone.
pub fn to_utc(local: NaiveDateTime, zone: &str) -> Option<DateTime<Utc>> {
    use chrono::{Datelike, Timelike};
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let civil = jiff::civil::DateTime::new(
        i16::try_from(local.year()).ok()?,
        i8::try_from(local.month()).ok()?,
        i8::try_from(local.day()).ok()?,
        i8::try_from(local.hour()).ok()?,
        i8::try_from(local.minute()).ok()?,
        i8::try_from(local.second()).ok()?,
        0,
    )
    .ok()?;
    let seconds = civil.to_zoned(tz).ok()?.timestamp().as_second();
    DateTime::from_timestamp(seconds, 0)
}

/// When a meeting ends: its planned end, or when its agenda ends (at least an hour).
pub fn meeting_end(meeting: &Meeting, start: NaiveTime) -> NaiveDateTime {
    let begin = meeting.date.and_time(start);
    if let Some(end) = meeting.planned_end {
        let end_at = meeting.date.and_time(end);
        // A meeting that ends "earlier" than it starts ends on the next day.
        return if end_at > begin {
            end_at
        } else {
            end_at + chrono::Duration::days(1)
        };
    }
    let timed = Meeting {
        start_time: Some(start),
        ..meeting.clone()
    };
    crate::committee::timing(&timed)
        .end
        .max(begin + chrono::Duration::hours(1))
}

/// The calendar of the project. `stamp` is written as every event's DTSTAMP (when the file
/// was made), the only part that changes between two exports of the same project.
pub fn to_ics(project: &Project, stamp: DateTime<Utc>) -> String {
    let p = &project.programme;
    let domain = if p.code.trim().is_empty() {
        "workplan".to_string()
    } else {
        p.code.trim().to_lowercase().replace(' ', "-")
    };
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!(
            "PRODID:-//Workplan//Workplan {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    if !p.title.is_empty() {
        line(&mut out, &format!("X-WR-CALNAME:{}", text(&p.title)));
    }
    let names = |ids: &[crate::model::Id]| -> String {
        ids.iter()
            .filter_map(|id| project.jurisdiction(*id))
            .map(|j| j.label())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for activity in &project.activities {
        for session in &activity.sessions {
            let month_only = session.precision == Precision::Month;
            line(&mut out, "BEGIN:VEVENT");
            line(&mut out, &format!("UID:session-{}@{domain}", session.id));
            line(&mut out, &format!("DTSTAMP:{}", utc(stamp)));
            line(
                &mut out,
                &format!("DTSTART;VALUE=DATE:{}", date(session.start)),
            );
            // All-day DTEND is the day after the last one (exclusive).
            line(
                &mut out,
                &format!(
                    "DTEND;VALUE=DATE:{}",
                    date(session.last_day() + Days::new(1))
                ),
            );
            let mut summary = activity.title.clone();
            if month_only {
                summary.push_str(" (dates to be fixed)");
            }
            line(&mut out, &format!("SUMMARY:{}", text(&summary)));
            let place = session.place.label();
            if !place.is_empty() {
                line(&mut out, &format!("LOCATION:{}", text(&place)));
            }
            let mut description = format!("{} · {}", activity.kind, activity.status.label());
            let beneficiaries = names(&activity.beneficiaries);
            if !beneficiaries.is_empty() {
                description.push_str(&format!("\nBeneficiaries: {beneficiaries}"));
            }
            if month_only {
                description.push_str(&format!(
                    "\nOnly the months are known: {}",
                    session.date_label()
                ));
            }
            if !activity.description.is_empty() {
                description.push_str(&format!("\n\n{}", activity.description));
            }
            line(&mut out, &format!("DESCRIPTION:{}", text(&description)));
            line(&mut out, &format!("CATEGORIES:{}", text(&activity.kind)));
            let status = match activity.status {
                Status::Cancelled => "CANCELLED",
                Status::Confirmed | Status::UnderWay | Status::Done => "CONFIRMED",
                _ => "TENTATIVE",
            };
            line(&mut out, &format!("STATUS:{status}"));
            line(&mut out, "TRANSP:TRANSPARENT");
            line(&mut out, "END:VEVENT");
        }
    }
    let committee = if project.committee.name.is_empty() {
        "Steering Committee"
    } else {
        &project.committee.name
    };
    for meeting in &project.committee.meetings {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:meeting-{}@{domain}", meeting.id));
        line(&mut out, &format!("DTSTAMP:{}", utc(stamp)));
        let timed = meeting.start_time.and_then(|start| {
            let zone = if meeting.time_zone.is_empty() {
                "UTC"
            } else {
                &meeting.time_zone
            };
            let begin = to_utc(meeting.date.and_time(start), zone)?;
            let end = to_utc(meeting_end(meeting, start), zone)?;
            Some((begin, end))
        });
        match timed {
            Some((begin, end)) => {
                line(&mut out, &format!("DTSTART:{}", utc(begin)));
                line(&mut out, &format!("DTEND:{}", utc(end)));
            }
            None => {
                line(
                    &mut out,
                    &format!("DTSTART;VALUE=DATE:{}", date(meeting.date)),
                );
                line(
                    &mut out,
                    &format!("DTEND;VALUE=DATE:{}", date(meeting.date + Days::new(1))),
                );
            }
        }
        line(
            &mut out,
            &format!(
                "SUMMARY:{}",
                text(&format!("{committee}, meeting {}", meeting.number))
            ),
        );
        let place = meeting.place.label();
        if !place.is_empty() {
            line(&mut out, &format!("LOCATION:{}", text(&place)));
        }
        let agenda: Vec<String> = meeting
            .agenda
            .iter()
            .enumerate()
            .map(|(i, item)| format!("{}. {}", i + 1, item.title))
            .collect();
        if !agenda.is_empty() {
            line(
                &mut out,
                &format!(
                    "DESCRIPTION:{}",
                    text(&format!("Agenda:\n{}", agenda.join("\n")))
                ),
            );
        }
        let status = if meeting.status == MeetingStatus::Draft {
            "TENTATIVE"
        } else {
            "CONFIRMED"
        };
        line(&mut out, &format!("STATUS:{status}"));
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_without_splitting_characters() {
        let mut out = String::new();
        let value = format!("SUMMARY:{}", "Đakovica Северна Македонија ".repeat(6));
        line(&mut out, &value);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, value);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn vienna_in_september_is_two_hours_ahead() {
        let local = NaiveDate::from_ymd_opt(2009, 9, 30)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        assert_eq!(
            utc(to_utc(local, "Europe/Vienna").unwrap()),
            "20090930T080000Z"
        );
        assert!(to_utc(local, "Mars/Olympus").is_none());
    }
}
