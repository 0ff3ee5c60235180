//! A committee meeting's papers as PDF, portrait: the agenda; the agenda pack to e-mail
//! before the meeting (the agenda with the attendance list, the open action points of earlier
//! meetings, the state of the work linked to each item and the list of papers); the minutes
//! (what was said, the decisions, the action points).

use super::flow::{BODY, Block, Cell, Column, Flow, Frame, MARGIN, SMALL, STRONG, Style, compose};
use super::{MM, Paper, Sheet, WARN};
use crate::committee::{
    action_label, action_numbers, carried_over, decision_numbers, duration, person_name, quorum,
    timing,
};
use crate::exchange::export::ContentError;
use crate::exchange::export::agenda::{
    committee_name, meeting, presence_label, purpose, role_label, when,
};
use crate::model::{ActionStatus, AgendaItem, Meeting, MeetingStatus, Project};

/// Columns of an item: its times, its number, then the text.
const TIME_W: f32 = 24.0 * MM;
const NUMBER_W: f32 = 10.0 * MM;
/// How far a sub-item is set in from its parent.
const SUB_INDENT: f32 = 8.0 * MM;

const ITEM: Style = Style {
    size: 11.0,
    ..STRONG
};
const TIME: Style = Style {
    size: 10.0,
    ..SMALL
};
const WARNING: Style = Style {
    color: WARN,
    ..BODY
};

/// Which of a meeting's papers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Agenda,
    Pack,
    Minutes,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Agenda => "Agenda",
            Kind::Pack => "Agenda pack",
            Kind::Minutes => "Minutes",
        }
    }
}

/// The pages of meeting `number`'s agenda, pack or minutes.
pub fn sheets(
    project: &Project,
    number: u32,
    kind: Kind,
    paper: Paper,
) -> Result<Vec<Sheet>, ContentError> {
    let m = meeting(project, number)?;
    let width = paper.size(false).0 - 2.0 * MARGIN;
    let flow = flow(project, m, kind, width);
    let frame = Frame {
        title: if project.programme.title.is_empty() {
            committee_name(project).to_string()
        } else {
            project.programme.title.clone()
        },
        date: super::long_date(m.date),
        subtitle: format!(
            "{} · {} meeting {} · {}",
            kind.name(),
            committee_name(project),
            m.number,
            m.place.label()
        ),
    };
    Ok(compose(&flow, &frame, paper, false))
}

/// The document's title in the PDF's properties.
pub fn title(project: &Project, number: u32, kind: Kind) -> String {
    format!(
        "{} — {} meeting {number}",
        kind.name(),
        committee_name(project)
    )
}

fn flow(project: &Project, m: &Meeting, kind: Kind, width: f32) -> Flow {
    let mut flow = Flow::new(width);
    let place = m.place.label();
    let when_where = format!("{} · {} · {place}", kind.name(), when(m));
    flow.title(
        &format!("{} — meeting {}", committee_name(project), m.number),
        &[&when_where, &project.programme.title],
    );
    // As the HTML agenda: once the meeting is more than a draft, who attends; the pack
    // always lists the members, so they know who is expected.
    if kind != Kind::Agenda || m.status != MeetingStatus::Draft {
        attendance(project, m, &mut flow);
    }
    items(project, m, kind, &mut flow);
    let arising = carried_over(&project.committee, m);
    if !arising.is_empty() && kind != Kind::Minutes {
        flow.heading("Matters arising: open action points");
        for c in arising {
            let a = c.action;
            let owner = person_name(&project.committee, a.owner_member, &a.owner);
            let mut block = Block::default();
            block.column(0.0, TIME_W + NUMBER_W, STRONG, &c.label, 0.0);
            let text = format!(
                "{}{} (meeting {}{})",
                a.text,
                if owner.is_empty() {
                    String::new()
                } else {
                    format!(" — {owner}")
                },
                c.number,
                a.due.map(|d| format!(", due {d}")).unwrap_or_default()
            );
            block.column(
                TIME_W + NUMBER_W,
                width - TIME_W - NUMBER_W,
                BODY,
                &text,
                0.0,
            );
            block.gap = 1.5 * MM;
            flow.blocks.push(block);
        }
    }
    if kind == Kind::Minutes {
        action_points(project, m, &mut flow);
    }
    if kind == Kind::Pack {
        papers(m, &mut flow);
    }
    flow
}

/// The members with their role, organisation and attendance, the quorum, and the guests.
fn attendance(project: &Project, m: &Meeting, flow: &mut Flow) {
    let c = &project.committee;
    if c.members.is_empty() && m.guests.is_empty() {
        return;
    }
    flow.heading("Attendance");
    let rows = c
        .members
        .iter()
        .map(|member| {
            let presence = m.attendance.iter().find(|a| a.member == member.id);
            vec![
                Cell::of(BODY, &member.name),
                Cell::of(BODY, role_label(member.role)),
                Cell::of(BODY, &member.organisation),
                Cell::of(BODY, presence_label(presence)),
            ]
        })
        .collect();
    flow.table(
        &[
            Column {
                share: 3.0,
                heading: "Member",
            },
            Column {
                share: 1.6,
                heading: "Role",
            },
            Column {
                share: 3.0,
                heading: "Organisation",
            },
            Column {
                share: 2.4,
                heading: "Attendance",
            },
        ],
        rows,
    );
    if c.quorum > 0 && m.status != MeetingStatus::Draft {
        let (met, count) = quorum(c, m);
        flow.paragraph(
            SMALL,
            &format!(
                "Quorum {}: {count} voting members present or represented, {} needed.",
                if met { "met" } else { "not met" },
                c.quorum
            ),
        );
    }
    if !m.guests.is_empty() {
        flow.subheading("Observers and guests");
        let rows = m
            .guests
            .iter()
            .map(|g| vec![Cell::of(BODY, &g.name), Cell::of(BODY, &g.organisation)])
            .collect();
        flow.table(
            &[
                Column {
                    share: 1.0,
                    heading: "Name",
                },
                Column {
                    share: 1.0,
                    heading: "Organisation",
                },
            ],
            rows,
        );
    }
}

/// One block an item: its times, its number, its title, what it is for and who presents;
/// in the minutes what was said and decided, in the pack the work linked to it.
fn items(project: &Project, m: &Meeting, kind: Kind, flow: &mut Flow) {
    let t = timing(m);
    let decisions = decision_numbers(m);
    let codes = crate::plan::tree::outline_codes(&project.objectives);
    flow.heading("Items");
    let mut entries: Vec<&AgendaItem> = Vec::new();
    m.for_each_item(&mut |item| entries.push(item));
    if entries.is_empty() {
        flow.paragraph(SMALL, "The agenda has no items yet.");
    }
    for item in entries {
        let time = t.items.iter().find(|x| x.item == item.id);
        let number = time.map(|x| x.number.clone()).unwrap_or_default();
        let indent = if number.contains('.') {
            SUB_INDENT
        } else {
            0.0
        };
        let span = time
            .filter(|_| m.start_time.is_some())
            .map(|x| format!("{}–{}", x.start.format("%H:%M"), x.end.format("%H:%M")))
            .unwrap_or_default();
        // Times line up down the page; a sub-item's number and text are set in.
        let text_x = TIME_W + indent + NUMBER_W;
        let text_w = flow.width - text_x;
        let mut block = Block {
            keep_with_next: !item.sub_items.is_empty(),
            ..Block::default()
        };
        block.column(0.0, TIME_W, TIME, &span, 0.0);
        block.column(TIME_W + indent, NUMBER_W, ITEM, &number, 0.0);
        block.column(text_x, text_w, ITEM, &item.title, 0.0);
        let mut about = purpose(item.purpose).to_string();
        if item.consent {
            about.push_str(", consent agenda");
        }
        let presenter = person_name(&project.committee, item.presenter_member, &item.presenter);
        if !presenter.is_empty() {
            about.push_str(&format!(" · Presenter: {presenter}"));
        }
        about.push_str(&format!(" · {} min", duration(item)));
        block.text(text_x, text_w, SMALL, &about);
        if !item.papers.is_empty() && kind != Kind::Minutes {
            block.text(
                text_x,
                text_w,
                SMALL,
                &format!("Papers: {}", item.papers.join("; ")),
            );
        }
        if kind == Kind::Pack {
            for line in linked_work(project, item, &codes) {
                block.text(text_x, text_w, SMALL, &line);
            }
        }
        if kind == Kind::Minutes {
            if !item.summary.is_empty() {
                block.height += 1.0;
                block.text(text_x, text_w, BODY, &item.summary);
            }
            for d in &item.decisions {
                let label = decisions
                    .iter()
                    .find(|(id, _)| *id == d.id)
                    .map(|(_, n)| n.as_str())
                    .unwrap_or("");
                block.height += 1.0;
                block.text(
                    text_x,
                    text_w,
                    STRONG,
                    &format!("Decision {label}: {}", d.text),
                );
            }
        }
        flow.blocks.push(block);
    }
    if let Some(late) = t.overrun {
        flow.paragraph(
            WARNING,
            &format!("The items run {late} minutes past the planned end."),
        );
    }
}

/// The state of the activities and objectives an item is about, a line each.
fn linked_work(
    project: &Project,
    item: &AgendaItem,
    codes: &std::collections::HashMap<crate::model::Id, String>,
) -> Vec<String> {
    let mut lines = Vec::new();
    for a in item
        .activities
        .iter()
        .filter_map(|id| project.activity(*id))
    {
        let dates = match crate::plan::workplan::span(a) {
            Some((from, to)) if from == to => from.to_string(),
            Some((from, to)) => format!("{from} to {to}"),
            None => "no date yet".into(),
        };
        lines.push(format!(
            "Activity: {} — {} · {dates}",
            a.title,
            a.status.label()
        ));
    }
    for o in item
        .objectives
        .iter()
        .filter_map(|id| project.objective(*id))
    {
        let mut counts = crate::plan::logframe::StatusCounts::default();
        for a in crate::plan::logframe::activities_under(project, o.id) {
            counts.add(a.status);
        }
        let code = codes.get(&o.id).map(String::as_str).unwrap_or("");
        let work = if counts.total() == 0 {
            "no activity delivers it yet".to_string()
        } else {
            format!(
                "{} activities: {} done, {} under way, {} planned",
                counts.total(),
                counts.done,
                counts.under_way,
                counts.planned
            )
        };
        lines.push(format!("Objective {code} {}: {work}", o.title));
        for i in &o.indicators {
            let value = |m: &Option<crate::model::Measurement>| {
                m.as_ref().map(|m| m.value.clone()).unwrap_or("—".into())
            };
            lines.push(format!(
                "Indicator: {} — latest {}, target {}",
                i.text,
                value(&i.latest),
                value(&i.target)
            ));
        }
    }
    lines
}

/// The minutes' table of the action points the meeting set.
fn action_points(project: &Project, m: &Meeting, flow: &mut Flow) {
    let mut actions = Vec::new();
    m.for_each_item(&mut |item| actions.extend(item.actions.iter()));
    if actions.is_empty() {
        return;
    }
    let numbers = action_numbers(m);
    flow.heading("Action points");
    let rows = actions
        .into_iter()
        .map(|a| {
            let number = numbers
                .iter()
                .find(|(id, _)| *id == a.id)
                .map(|(_, n)| action_label(m.number, *n))
                .unwrap_or_default();
            vec![
                Cell::of(STRONG, number),
                Cell::of(BODY, &a.text),
                Cell::of(
                    BODY,
                    person_name(&project.committee, a.owner_member, &a.owner),
                ),
                Cell::of(BODY, a.due.map(|d| d.to_string()).unwrap_or_default()),
                Cell::of(
                    BODY,
                    match a.status {
                        ActionStatus::Open => "Open",
                        ActionStatus::InProgress => "In progress",
                        ActionStatus::Done => "Done",
                        ActionStatus::Dropped => "Dropped",
                    },
                ),
            ]
        })
        .collect();
    flow.table(
        &[
            Column {
                share: 1.2,
                heading: "No.",
            },
            Column {
                share: 5.0,
                heading: "Action",
            },
            Column {
                share: 2.2,
                heading: "Owner",
            },
            Column {
                share: 1.5,
                heading: "Due",
            },
            Column {
                share: 1.3,
                heading: "Status",
            },
        ],
        rows,
    );
}

/// Every paper of the meeting by item, as the pack's last page lists them.
fn papers(m: &Meeting, flow: &mut Flow) {
    let t = timing(m);
    let mut rows = Vec::new();
    m.for_each_item(&mut |item| {
        let number = t
            .items
            .iter()
            .find(|x| x.item == item.id)
            .map(|x| x.number.clone())
            .unwrap_or_default();
        for paper in &item.papers {
            rows.push(vec![
                Cell::of(STRONG, &number),
                Cell::of(BODY, paper),
                Cell::of(BODY, &item.title),
            ]);
        }
    });
    flow.heading("Papers");
    if rows.is_empty() {
        flow.paragraph(SMALL, "No item has papers.");
        return;
    }
    flow.table(
        &[
            Column {
                share: 0.8,
                heading: "Item",
            },
            Column {
                share: 5.0,
                heading: "Paper",
            },
            Column {
                share: 4.0,
                heading: "Item title",
            },
        ],
        rows,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;

    fn texts(sheets: &[Sheet]) -> String {
        sheets
            .iter()
            .flat_map(Sheet::texts)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The sample's first meeting with its agenda ten times over, and long papers lists.
    fn long_agenda() -> Project {
        fn renumber(item: &mut AgendaItem, next: &mut u64) {
            *next += 1;
            item.id = Id(*next);
            item.papers = (1..=12)
                .map(|n| format!("SC1/Paper {n}: Приштина and Gjakovë regional report"))
                .collect();
            for sub in &mut item.sub_items {
                renumber(sub, next);
            }
        }
        let mut project = crate::testing::sample();
        let m = project
            .committee
            .meetings
            .iter_mut()
            .find(|m| m.number == 1)
            .unwrap();
        let agenda = m.agenda.clone();
        let mut next = 1_000_000;
        for _ in 0..9 {
            for item in &agenda {
                let mut item = item.clone();
                renumber(&mut item, &mut next);
                m.agenda.push(item);
            }
        }
        project
    }

    #[test]
    fn a_long_agenda_fills_pages_without_cutting_an_item_or_overrunning_a_line() {
        let project = long_agenda();
        let m = meeting(&project, 1).unwrap();
        let width = Paper::A4.size(false).0 - 2.0 * MARGIN;
        let flow = flow(&project, m, Kind::Agenda, width);
        let blocks = &flow.blocks;
        let body = Paper::A4.size(false).1 - 2.0 * MARGIN - 20.0 * MM;
        let pages = super::super::flow::paginate(blocks, body);
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let mut seen = Vec::new();
        for page in &pages {
            for (index, range) in page {
                assert_eq!(*range, 0..blocks[*index].lines.len(), "block {index} cut");
                seen.push(*index);
            }
            let (last, _) = page.last().unwrap();
            assert!(
                !blocks[*last].keep_with_next || *last == blocks.len() - 1,
                "an item with sub-items ends a page: {:?}",
                blocks[*last].lines
            );
        }
        assert_eq!(seen, (0..blocks.len()).collect::<Vec<_>>());
        for line in blocks.iter().flat_map(|b| &b.lines) {
            let right = line.x + super::super::metrics::width(&line.text, line.style.size);
            assert!(right <= width + 0.01, "{:?} ends at {right}", line.text);
        }
        let sheets = sheets(&project, 1, Kind::Agenda, Paper::A4).unwrap();
        let pdf = super::super::write(
            &sheets,
            &super::super::Info {
                title: "Agenda".into(),
            },
        );
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn the_pack_adds_the_members_the_linked_work_and_the_papers() {
        let mut project = crate::testing::sample();
        let activity = project.activities[0].clone();
        let objective = project.objectives[1].clone();
        let m = &mut project.committee.meetings[0];
        m.agenda[0].activities = vec![activity.id];
        m.agenda[0].objectives = vec![objective.id];
        m.agenda[0].papers = vec!["SC1/1 Terms of reference".into()];
        let pack = texts(&sheets(&project, 1, Kind::Pack, Paper::A4).unwrap());
        assert!(pack.contains("Attendance"), "{pack}");
        assert!(pack.contains(&project.committee.members[0].name));
        assert!(
            pack.contains(&format!("Activity: {}", activity.title)),
            "{pack}"
        );
        assert!(pack.contains(&format!(" {}: ", objective.title)), "{pack}");
        assert!(pack.contains("SC1/1 Terms of reference"));
        assert!(pack.contains("Item title"), "the list of papers");
        let agenda = texts(&sheets(&project, 1, Kind::Agenda, Paper::A4).unwrap());
        assert!(
            !agenda.contains("Activity: "),
            "the agenda has no linked work"
        );
        assert!(!agenda.contains("Item title"));
    }

    #[test]
    fn the_minutes_have_what_was_decided_and_the_action_points() {
        let project = crate::testing::sample();
        let minutes = texts(&sheets(&project, 2, Kind::Minutes, Paper::Letter).unwrap());
        assert!(minutes.contains("Decision SC2/D1: "), "{minutes}");
        assert!(minutes.contains("Action points"));
        assert!(minutes.contains("SC2/A1"));
        assert!(
            minutes.contains("Minutes · "),
            "the running header says what it is"
        );
        let sheets = sheets(&project, 2, Kind::Minutes, Paper::Letter).unwrap();
        assert_eq!((sheets[0].width, sheets[0].height), (612.0, 792.0));
    }

    #[test]
    fn a_meeting_there_is_not_is_refused_with_the_numbers_there_are() {
        let error = sheets(&crate::testing::sample(), 7, Kind::Pack, Paper::A4).unwrap_err();
        assert!(
            error.to_string().contains("the meetings are 1, 2"),
            "{error}"
        );
    }
}
