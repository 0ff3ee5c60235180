//! iCalendar (RFC 5545): one all-day event per activity session and one timed event per
//! committee meeting, with ids that stay the same from one export to the next so that a
//! calendar that imports the file again updates its events instead of duplicating them.

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use crate::model::{Meeting, MeetingStatus, Precision, Project, Status};
use crate::plan::portfolio_checks::Member;

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
    let mut out = begin(&project.programme.title);
    events(&mut out, project, None, stamp);
    line(&mut out, "END:VCALENDAR");
    out
}

/// The calendar of a portfolio: every member's sessions and meetings, in the portfolio's
/// order. Each event names its programme in CATEGORIES (which calendars filter and colour
/// by) and at the head of its SUMMARY (the one field every calendar shows, many of them
/// ignoring CATEGORIES). Its UID holds the member's path as the portfolio writes it and the
/// id in the member's own file: the same on every export, and distinct between two members
/// that use the same ids.
pub fn portfolio_ics(title: &str, members: &[Member<'_>], stamp: DateTime<Utc>) -> String {
    let mut out = begin(title);
    for member in members {
        events(&mut out, member.project, Some(member), stamp);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// The part of a UID that names a member: its path with every character but letters,
/// digits, `.`, `_` and `-` written `%XX` (by its UTF-8 bytes), so that two paths never give
/// the same text and the UID holds no `/`, `@` or space.
fn uid_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'_' | b'-' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn begin(title: &str) -> String {
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
    if !title.is_empty() {
        line(&mut out, &format!("X-WR-CALNAME:{}", text(title)));
    }
    out
}

/// The events of one project; `member` when it is one programme of a portfolio's calendar.
fn events(out: &mut String, project: &Project, member: Option<&Member<'_>>, stamp: DateTime<Utc>) {
    let p = &project.programme;
    let domain = if p.code.trim().is_empty() {
        "workplan".to_string()
    } else {
        p.code.trim().to_lowercase().replace(' ', "-")
    };
    // "session-12@see" alone; "session-12.gfp%2Ffirearms.ron@see" in a portfolio.
    let uid = |kind: &str, id: crate::model::Id| match member {
        None => format!("UID:{kind}-{id}@{domain}"),
        Some(m) => format!("UID:{kind}-{id}.{}@{domain}", uid_path(m.path)),
    };
    let prefix = member.map_or(String::new(), |m| format!("[{}] ", m.name));
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
            line(out, "BEGIN:VEVENT");
            line(out, &uid("session", session.id));
            line(out, &format!("DTSTAMP:{}", utc(stamp)));
            line(out, &format!("DTSTART;VALUE=DATE:{}", date(session.start)));
            // All-day DTEND is the day after the last one (exclusive).
            line(
                out,
                &format!(
                    "DTEND;VALUE=DATE:{}",
                    date(session.last_day() + Days::new(1))
                ),
            );
            let mut summary = format!("{prefix}{}", activity.title);
            if month_only {
                summary.push_str(" (dates to be fixed)");
            }
            line(out, &format!("SUMMARY:{}", text(&summary)));
            let place = session.place.label();
            if !place.is_empty() {
                line(out, &format!("LOCATION:{}", text(&place)));
            }
            let mut description = format!("{} · {}", activity.kind, activity.status.label());
            if let Some(m) = member {
                description.push_str(&format!("\nProgramme: {} ({})", m.name, m.path));
            }
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
            line(out, &format!("DESCRIPTION:{}", text(&description)));
            line(out, &categories(member, &activity.kind));
            let status = match activity.status {
                Status::Cancelled => "CANCELLED",
                Status::Confirmed | Status::UnderWay | Status::Done => "CONFIRMED",
                _ => "TENTATIVE",
            };
            line(out, &format!("STATUS:{status}"));
            line(out, "TRANSP:TRANSPARENT");
            line(out, "END:VEVENT");
        }
    }
    let committee = if project.committee.name.is_empty() {
        "Steering Committee"
    } else {
        &project.committee.name
    };
    for meeting in &project.committee.meetings {
        line(out, "BEGIN:VEVENT");
        line(out, &uid("meeting", meeting.id));
        line(out, &format!("DTSTAMP:{}", utc(stamp)));
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
                line(out, &format!("DTSTART:{}", utc(begin)));
                line(out, &format!("DTEND:{}", utc(end)));
            }
            None => {
                line(out, &format!("DTSTART;VALUE=DATE:{}", date(meeting.date)));
                line(
                    out,
                    &format!("DTEND;VALUE=DATE:{}", date(meeting.date + Days::new(1))),
                );
            }
        }
        line(
            out,
            &format!(
                "SUMMARY:{}",
                text(&format!("{prefix}{committee}, meeting {}", meeting.number))
            ),
        );
        let place = meeting.place.label();
        if !place.is_empty() {
            line(out, &format!("LOCATION:{}", text(&place)));
        }
        let agenda: Vec<String> = meeting
            .agenda
            .iter()
            .enumerate()
            .map(|(i, item)| format!("{}. {}", i + 1, item.title))
            .collect();
        if !agenda.is_empty() {
            line(
                out,
                &format!(
                    "DESCRIPTION:{}",
                    text(&format!("Agenda:\n{}", agenda.join("\n")))
                ),
            );
        }
        if let Some(m) = member {
            line(out, &format!("CATEGORIES:{}", text(m.name)));
        }
        let status = if meeting.status == MeetingStatus::Draft {
            "TENTATIVE"
        } else {
            "CONFIRMED"
        };
        line(out, &format!("STATUS:{status}"));
        line(out, "END:VEVENT");
    }
}

/// An activity's CATEGORIES: its kind, after its programme's name in a portfolio's calendar
/// (each value escaped on its own: the comma between them is the list's).
fn categories(member: Option<&Member<'_>>, kind: &str) -> String {
    let mut values: Vec<String> = member.map(|m| text(m.name)).into_iter().collect();
    if !kind.is_empty() {
        values.push(text(kind));
    }
    format!("CATEGORIES:{}", values.join(","))
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

    fn uids(calendar: &str) -> Vec<&str> {
        calendar
            .lines()
            .filter_map(|l| l.strip_prefix("UID:"))
            .collect()
    }

    #[test]
    fn a_portfolio_calendar_names_each_programme_and_keeps_members_uids_apart() {
        let project = crate::testing::sample();
        // Two members with the very same ids and programme code.
        let members = [
            Member {
                path: "see.ron",
                name: "South Eastern Europe",
                project: &project,
            },
            Member {
                path: "gfp/see copy.ron",
                name: "Firearms, global",
                project: &project,
            },
        ];
        let stamp = DateTime::from_timestamp(1_260_000_000, 0).unwrap();
        let calendar = portfolio_ics("Regional office", &members, stamp);
        let all = uids(&calendar);
        let alone = uids(&to_ics(&project, stamp)).len();
        assert_eq!(all.len(), 2 * alone, "every event of both members");
        let distinct: std::collections::HashSet<&&str> = all.iter().collect();
        assert_eq!(distinct.len(), all.len(), "no UID twice");
        let session = project.activities[0].sessions[0].id;
        let code = project
            .programme
            .code
            .trim()
            .to_lowercase()
            .replace(' ', "-");
        assert!(all.contains(&format!("session-{session}.see.ron@{code}").as_str()));
        assert!(
            all.contains(&format!("session-{session}.gfp%2Fsee%20copy.ron@{code}").as_str()),
            "{all:?}"
        );
        assert_eq!(
            calendar,
            portfolio_ics("Regional office", &members, stamp),
            "the same file on every export"
        );
        assert!(calendar.contains("X-WR-CALNAME:Regional office\r\n"));
        let title = &project.activities[0].title;
        let unfolded = calendar.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:[Firearms\\, global] {}", text(title))));
        assert!(unfolded.contains(&format!(
            "CATEGORIES:Firearms\\, global,{}",
            text(&project.activities[0].kind)
        )));
        assert!(unfolded.contains("Programme: South Eastern Europe (see.ron)"));
        // A project's own calendar stays as it was: no programme, its UIDs without a path.
        let own = to_ics(&project, stamp);
        assert!(!own.contains("SUMMARY:["));
        assert!(uids(&own).iter().all(|u| !u.contains(".see.ron")));
    }

    #[test]
    fn member_paths_in_uids_never_meet() {
        assert_eq!(uid_path("a/b.ron"), "a%2Fb.ron");
        assert_ne!(uid_path("a/b.ron"), uid_path("a%2Fb.ron"));
        assert_eq!(uid_path("Đ.ron"), "%C4%90.ron");
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
