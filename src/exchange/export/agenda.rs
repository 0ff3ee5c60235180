//! A meeting's agenda (HTML for print, or Markdown to paste into mail) and its minutes.

use super::ContentError;
use super::html::{A4_PORTRAIT, STYLE, escape};
use crate::committee::{
    action_label, action_numbers, carried_over, decision_numbers, person_name, quorum, timing,
};
use crate::model::{AgendaItem, Meeting, MeetingStatus, Presence, Project, Purpose, Role};

pub(super) fn purpose(p: Purpose) -> &'static str {
    match p {
        Purpose::Decision => "for decision",
        Purpose::Discussion => "for discussion",
        Purpose::Information => "for information",
    }
}

pub(super) fn committee_name(project: &Project) -> &str {
    if project.committee.name.is_empty() {
        "Steering Committee"
    } else {
        &project.committee.name
    }
}

/// The meeting numbered `number`, or an error naming the numbers there are.
pub(super) fn meeting(
    project: &Project,
    number: u32,
) -> Result<&crate::model::Meeting, ContentError> {
    project
        .committee
        .meetings
        .iter()
        .find(|m| m.number == number)
        .ok_or_else(|| {
            let numbers: Vec<u32> = project
                .committee
                .meetings
                .iter()
                .map(|m| m.number)
                .collect();
            if numbers.is_empty() {
                ContentError::NoMeeting
            } else {
                ContentError::NoSuchMeeting { number, numbers }
            }
        })
}

pub(super) fn when(m: &crate::model::Meeting) -> String {
    let mut text = m.date.format("%-d %B %Y").to_string();
    if let Some(start) = m.start_time {
        let end = timing(m).end;
        text.push_str(&format!(
            ", {}–{}",
            start.format("%H:%M"),
            end.format("%H:%M")
        ));
        if !m.time_zone.is_empty() {
            text.push_str(&format!(" ({})", m.time_zone));
        }
    }
    text
}

/// How a member attends, as the attendance list says it.
pub(super) fn presence_label(presence: Option<&crate::model::Attendance>) -> String {
    match presence.map(|a| a.presence) {
        Some(Presence::Present) => "present".to_string(),
        Some(Presence::Represented) => format!(
            "represented by {}",
            presence.map(|a| a.represented_by.as_str()).unwrap_or("")
        ),
        Some(Presence::Apologies) => "apologies".into(),
        Some(Presence::Absent) => "absent".into(),
        None => "—".into(),
    }
}

pub(super) fn role_label(role: Role) -> &'static str {
    match role {
        Role::Chair => "Chair",
        Role::CoChair => "Co-chair",
        Role::Secretary => "Secretary",
        Role::Member => "Member",
        Role::Observer => "Observer",
    }
}

fn attendance_html(project: &Project, m: &crate::model::Meeting) -> String {
    let c = &project.committee;
    let mut rows = String::new();
    for member in &c.members {
        let presence = m.attendance.iter().find(|a| a.member == member.id);
        let status = presence_label(presence);
        let role = role_label(member.role);
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{role}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&member.name),
            escape(&member.organisation),
            escape(&status)
        ));
    }
    let (met, count) = quorum(c, m);
    let quorum_line = if c.quorum == 0 {
        String::new()
    } else {
        format!(
            "<p class=\"meta\">Quorum {}: {count} voting members present or represented, {} needed.</p>\n",
            if met { "met" } else { "not met" },
            c.quorum
        )
    };
    let mut guests = String::new();
    if !m.guests.is_empty() {
        guests.push_str("<h2>Observers and guests</h2>\n<table><thead><tr><th>Name</th><th>Organisation</th></tr></thead><tbody>\n");
        for g in &m.guests {
            guests.push_str(&format!(
                "<tr><td>{}</td><td>{}</td></tr>\n",
                escape(&g.name),
                escape(&g.organisation)
            ));
        }
        guests.push_str("</tbody></table>\n");
    }
    format!(
        "<h2>Attendance</h2>\n<table><thead><tr><th>Member</th><th>Role</th><th>Organisation</th><th>Attendance</th></tr></thead><tbody>\n{rows}</tbody></table>\n{quorum_line}{guests}"
    )
}

/// The agenda (or, with `minutes`, the minutes) of meeting `number` as printable HTML.
pub fn to_html(project: &Project, number: u32, minutes: bool) -> Result<String, ContentError> {
    let m = meeting(project, number)?;
    let t = timing(m);
    let numbers = decision_numbers(m);
    let kind = if minutes { "Minutes" } else { "Agenda" };
    let mut html =
        String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(&format!(
        "<title>{kind} — {} meeting {}</title>\n<style>{STYLE}{A4_PORTRAIT}h2 {{ font-size: 12pt; margin: 16px 0 6px; }}\n.time {{ white-space: nowrap; }}</style>\n</head>\n<body>\n",
        escape(committee_name(project)),
        m.number
    ));
    html.push_str(&format!(
        "<h1>{} — meeting {}</h1>\n",
        escape(committee_name(project)),
        m.number
    ));
    html.push_str(&format!(
        "<p class=\"meta\">{kind} · {} · {}</p>\n",
        escape(&when(m)),
        escape(&m.place.label())
    ));
    if !project.programme.title.is_empty() {
        html.push_str(&format!(
            "<p class=\"meta\">{}</p>\n",
            escape(&project.programme.title)
        ));
    }
    if minutes || m.status != MeetingStatus::Draft {
        html.push_str(&attendance_html(project, m));
    }
    html.push_str("<h2>Items</h2>\n<table><thead><tr><th style=\"width:5%\">No.</th><th style=\"width:12%\">Time</th><th>Item</th><th style=\"width:18%\">Presenter</th></tr></thead><tbody>\n");
    let mut entries: Vec<&AgendaItem> = Vec::new();
    m.for_each_item(&mut |item| entries.push(item));
    for item in entries {
        let time = t.items.iter().find(|x| x.item == item.id);
        let number = time.map(|x| x.number.clone()).unwrap_or_default();
        let span = time
            .map(|x| format!("{}–{}", x.start.format("%H:%M"), x.end.format("%H:%M")))
            .unwrap_or_default();
        let mut body = format!(
            "<strong>{}</strong> <span class=\"muted\">({}{})</span>",
            escape(&item.title),
            purpose(item.purpose),
            if item.consent { ", consent agenda" } else { "" }
        );
        if !item.papers.is_empty() {
            body.push_str(&format!(
                "<br><span class=\"muted\">Papers: {}</span>",
                escape(&item.papers.join("; "))
            ));
        }
        if minutes {
            if !item.summary.is_empty() {
                body.push_str(&format!("<br>{}", escape(&item.summary)));
            }
            for d in &item.decisions {
                let label = numbers
                    .iter()
                    .find(|(id, _)| *id == d.id)
                    .map(|(_, n)| n.as_str())
                    .unwrap_or("");
                body.push_str(&format!(
                    "<br><strong>Decision {}</strong>: {}",
                    escape(label),
                    escape(&d.text)
                ));
            }
        }
        html.push_str(&format!(
            "<tr><td>{}</td><td class=\"time\">{span}</td><td>{body}</td><td>{}</td></tr>\n",
            escape(&number),
            escape(person_name(
                &project.committee,
                item.presenter_member,
                &item.presenter
            ))
        ));
    }
    html.push_str("</tbody></table>\n");
    if let Some(late) = t.overrun {
        html.push_str(&format!(
            "<p class=\"warn\">The items run {late} minutes past the planned end.</p>\n"
        ));
    }
    let arising = carried_over(&project.committee, m);
    if !arising.is_empty() {
        html.push_str("<h2>Matters arising: open action points</h2>\n<ul>\n");
        for c in arising {
            let a = c.action;
            html.push_str(&format!(
                "<li><strong>{}</strong> {} — {} (meeting {}{})</li>\n",
                escape(&c.label),
                escape(&a.text),
                escape(person_name(&project.committee, a.owner_member, &a.owner)),
                c.number,
                a.due.map(|d| format!(", due {d}")).unwrap_or_default()
            ));
        }
        html.push_str("</ul>\n");
    }
    if minutes {
        let mut actions = Vec::new();
        m.for_each_item(&mut |item| actions.extend(item.actions.iter()));
        if !actions.is_empty() {
            let numbers = action_numbers(m);
            html.push_str("<h2>Action points</h2>\n<table><thead><tr><th>No.</th><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>\n");
            for a in actions {
                let number = numbers
                    .iter()
                    .find(|(id, _)| *id == a.id)
                    .map(|(_, n)| action_label(m.number, *n))
                    .unwrap_or_default();
                html.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                    escape(&number),
                    escape(&a.text),
                    escape(person_name(&project.committee, a.owner_member, &a.owner)),
                    a.due.map(|d| d.to_string()).unwrap_or_default(),
                    match a.status {
                        crate::model::ActionStatus::Open => "Open",
                        crate::model::ActionStatus::InProgress => "In progress",
                        crate::model::ActionStatus::Done => "Done",
                        crate::model::ActionStatus::Dropped => "Dropped",
                    }
                ));
            }
            html.push_str("</tbody></table>\n");
        }
    }
    html.push_str("</body>\n</html>\n");
    Ok(html)
}

/// The file name an export of meeting `m` is offered under, such as
/// "SC3-2010-06-17-agenda.html": each meeting's export has its own.
pub fn file_name(m: &Meeting, kind: &str, extension: &str) -> String {
    format!(
        "SC{}-{}-{kind}.{extension}",
        m.number,
        m.date.format("%Y-%m-%d")
    )
}

/// The agenda as Markdown, for an e-mail or a wiki.
pub fn to_markdown(project: &Project, number: u32) -> Result<String, ContentError> {
    let m = meeting(project, number)?;
    let t = timing(m);
    let mut md = format!(
        "# {} — meeting {}\n\n{} · {}\n\n",
        committee_name(project),
        m.number,
        when(m),
        m.place.label()
    );
    let mut entries: Vec<&AgendaItem> = Vec::new();
    m.for_each_item(&mut |item| entries.push(item));
    for item in entries {
        let time = t.items.iter().find(|x| x.item == item.id);
        let number = time.map(|x| x.number.clone()).unwrap_or_default();
        let indent = if number.contains('.') { "    " } else { "" };
        let span = time
            .map(|x| format!("{}–{}", x.start.format("%H:%M"), x.end.format("%H:%M")))
            .unwrap_or_default();
        let presenter = person_name(&project.committee, item.presenter_member, &item.presenter);
        let presenter = if presenter.is_empty() {
            String::new()
        } else {
            format!(" — {presenter}")
        };
        md.push_str(&format!(
            "{indent}- **{number}** {span} {} *({})*{presenter}\n",
            item.title,
            purpose(item.purpose)
        ));
    }
    if let Some(late) = t.overrun {
        md.push_str(&format!(
            "\n**The items run {late} minutes past the planned end.**\n"
        ));
    }
    let arising = carried_over(&project.committee, m);
    if !arising.is_empty() {
        md.push_str("\n## Matters arising: open action points\n\n");
        for c in arising {
            let a = c.action;
            let owner = person_name(&project.committee, a.owner_member, &a.owner);
            md.push_str(&format!(
                "- **{}** {}{}{}\n",
                c.label,
                a.text,
                if owner.is_empty() {
                    String::new()
                } else {
                    format!(" — {owner}")
                },
                a.due.map(|d| format!(", due {d}")).unwrap_or_default()
            ));
        }
    }
    Ok(md)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::sample;

    #[test]
    fn the_first_meeting_agenda_has_its_times_and_items() {
        let html = to_html(&sample(), 1, false).unwrap();
        assert!(html.contains("meeting 1"));
        assert!(html.contains("30 September 2009, 10:00"));
        assert!(html.contains("Vienna, Austria"));
        assert!(html.contains("<td>2.1</td>"), "sub-items are numbered");
        assert!(!html.contains("Decision SC1"), "the agenda has no minutes");
        let md = to_markdown(&sample(), 1).unwrap();
        assert!(md.starts_with("# Steering Committee — meeting 1"));
        assert!(md.contains("- **1** 10:00–"));
        assert!(
            to_html(&sample(), 9, false)
                .unwrap_err()
                .to_string()
                .contains("the meetings are 1, 2")
        );
    }

    #[test]
    fn minutes_add_decisions_and_action_points() {
        let html = to_html(&sample(), 2, true).unwrap();
        assert!(html.contains("Decision SC2/D1"));
        assert!(html.contains("<h2>Action points</h2>"));
        assert!(html.contains("<h2>Attendance</h2>"));
        assert!(
            html.contains("<td>SC2/A1</td>"),
            "action points are numbered"
        );
        assert!(!html.contains("Observers and guests"), "none at meeting 2");
    }

    #[test]
    fn minutes_list_guests_and_name_member_presenters() {
        let mut p = sample();
        let chair = p.committee.members[0].clone();
        let m = &mut p.committee.meetings[1];
        m.guests.push(crate::model::Guest {
            name: "Jana Horvat".into(),
            organisation: "Embassy of Slovenia".into(),
        });
        m.agenda[0].presenter = String::new();
        m.agenda[0].presenter_member = Some(chair.id);
        let html = to_html(&p, 2, true).unwrap();
        assert!(html.contains("<h2>Observers and guests</h2>"));
        assert!(html.contains("<td>Jana Horvat</td><td>Embassy of Slovenia</td>"));
        assert!(html.contains(&format!("<td>{}</td></tr>", escape(&chair.name))));
    }

    #[test]
    fn a_later_agenda_lists_the_open_action_points_by_number() {
        let mut p = sample();
        let mut third = p.committee.meetings[1].clone();
        third.id = p.allocate_id();
        third.number = 3;
        third.date = chrono::NaiveDate::from_ymd_opt(2010, 10, 15).unwrap();
        third.agenda.clear();
        p.committee.meetings.push(third);
        let md = to_markdown(&p, 3).unwrap();
        assert!(
            md.contains("## Matters arising: open action points"),
            "{md}"
        );
        assert!(md.contains("- **SC2/A2** "), "{md}");
        assert!(!md.contains("SC2/A1"), "the done one is not listed: {md}");
        let html = to_html(&p, 3, false).unwrap();
        assert!(html.contains("<strong>SC2/A2</strong>"));
    }

    #[test]
    fn each_meeting_has_its_own_file_name() {
        let p = sample();
        let names: Vec<String> = p
            .committee
            .meetings
            .iter()
            .map(|m| file_name(m, "agenda", "html"))
            .collect();
        assert_eq!(
            names,
            ["SC1-2009-09-30-agenda.html", "SC2-2010-03-25-agenda.html"]
        );
    }
}
