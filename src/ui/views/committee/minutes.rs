//! The minutes page: per agenda item what was said, the decisions with their numbers, the
//! action points, and the activities and objectives the item is about.

use super::agenda::item_changed;
use super::{ACTION_STATUSES, choice, emit, text};
use crate::committee;
use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{ActionPoint, ActionStatus, AgendaItem, Committee, Decision, Id, Meeting};
use crate::ui::context::ViewContext;
use crate::ui::widgets::bound_text::BoundText;
use crate::ui::widgets::date_field::optional_date;

pub(super) fn minutes_page(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    committee: &Committee,
    m: &Meeting,
) {
    let timing = committee::timing(m);
    let numbers = committee::decision_numbers(m);
    let actions = committee::action_numbers(m);
    let mut entries = Vec::new();
    m.for_each_item(&mut |item| entries.push(item));
    for item in entries {
        let number = timing
            .items
            .iter()
            .find(|t| t.item == item.id)
            .map(|t| t.number.clone())
            .unwrap_or_default();
        egui::CollapsingHeader::new(format!("{number}. {}", item.title))
            .id_salt(("minutes", item.id))
            .default_open(true)
            .show(ui, |ui| {
                item_minutes(ui, cx, committee, m, item, &numbers, &actions)
            });
    }
}

fn item_minutes(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    committee: &Committee,
    m: &Meeting,
    item: &AgendaItem,
    numbers: &[(Id, String)],
    actions: &[(Id, u32)],
) {
    BoundText::new(&item.summary)
        .id_salt(("summary", item.id))
        .multiline(2)
        .desired_width(f32::INFINITY)
        .hint("What was said")
        .show(ui, cx, format!("summary_{}", item.id), |summary| {
            Edit::new(
                item_changed(m, item, |it| it.summary = summary),
                "Edit minutes",
            )
        });
    for decision in &item.decisions {
        ui.horizontal(|ui| decision_row(ui, cx, m, item, decision, numbers));
    }
    for action in &item.actions {
        let number = actions
            .iter()
            .find(|(id, _)| *id == action.id)
            .map_or(0, |(_, n)| *n);
        ui.horizontal_wrapped(|ui| action_row(ui, cx, committee, m, item, action, number));
    }
    links(ui, cx, m, item);
    ui.horizontal(|ui| {
        if ui
            .small_button("+ decision")
            .on_hover_text("Record a decision on this item")
            .clicked()
        {
            let command = Command::InsertDecision {
                meeting: m.id,
                item: item.id,
                index: item.decisions.len(),
                decision: Decision {
                    id: cx.new_id(),
                    text: String::new(),
                },
            };
            emit(cx, command, "Add decision", None);
        }
        if ui
            .small_button("+ action point")
            .on_hover_text("Record an action point on this item")
            .clicked()
        {
            let action = ActionPoint {
                id: cx.new_id(),
                number: committee::next_action_number(m),
                text: String::new(),
                owner: String::new(),
                owner_member: None,
                due: None,
                status: ActionStatus::Open,
            };
            emit(cx, add_action(m, item, action), "Add action point", None);
        }
    });
}

fn decision_row(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    m: &Meeting,
    item: &AgendaItem,
    decision: &Decision,
    numbers: &[(Id, String)],
) {
    let label = numbers
        .iter()
        .find(|(id, _)| *id == decision.id)
        .map(|(_, n)| n.clone())
        .unwrap_or_default();
    ui.strong(label);
    text(
        ui,
        cx,
        ("decision", decision.id),
        &decision.text,
        420.0,
        "Decision",
        "Edit decision",
        format!("decision_{}", decision.id),
        |text| Command::SetDecision {
            meeting: m.id,
            item: item.id,
            decision: Decision {
                id: decision.id,
                text,
            },
        },
    );
    if ui
        .small_button("✖")
        .on_hover_text("Remove this decision")
        .clicked()
    {
        let command = Command::RemoveDecision {
            meeting: m.id,
            item: item.id,
            decision: decision.id,
        };
        emit(cx, command, "Remove decision", None);
    }
}

/// Adds `action` at the end of `item`'s action points. Points from before numbers are given
/// the numbers they show in the same step, so the new one can never take theirs later.
fn add_action(m: &Meeting, item: &AgendaItem, action: ActionPoint) -> Command {
    let mut steps = Vec::new();
    let numbers = committee::action_numbers(m);
    m.for_each_item(&mut |owner| {
        for old in owner.actions.iter().filter(|a| a.number == 0) {
            if let Some((_, n)) = numbers.iter().find(|(id, _)| *id == old.id) {
                let mut numbered = old.clone();
                numbered.number = *n;
                steps.push(Command::SetActionPoint {
                    meeting: m.id,
                    item: owner.id,
                    action: Box::new(numbered),
                });
            }
        }
    });
    steps.push(Command::InsertActionPoint {
        meeting: m.id,
        item: item.id,
        index: item.actions.len(),
        action: Box::new(action),
    });
    if steps.len() == 1 {
        steps.pop().expect("one step")
    } else {
        Command::Batch(steps)
    }
}

/// The action point with `edit` made, as a command.
fn action_changed(
    m: &Meeting,
    item: &AgendaItem,
    action: &ActionPoint,
    edit: impl FnOnce(&mut ActionPoint),
) -> Command {
    let mut action = action.clone();
    edit(&mut action);
    Command::SetActionPoint {
        meeting: m.id,
        item: item.id,
        action: Box::new(action),
    }
}

fn action_row(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    committee: &Committee,
    m: &Meeting,
    item: &AgendaItem,
    action: &ActionPoint,
    number: u32,
) {
    ui.strong(committee::action_label(m.number, number))
        .on_hover_text("The action point's number, kept once given");
    text(
        ui,
        cx,
        ("action", action.id),
        &action.text,
        300.0,
        "Action point",
        "Edit action point",
        format!("action_{}", action.id),
        |text| action_changed(m, item, action, |a| a.text = text),
    );
    super::person(
        ui,
        cx,
        committee,
        ("owner", action.id),
        action.owner_member,
        &action.owner,
        &format!("Owner of {}", committee::action_label(m.number, number)),
        "Change owner",
        |member, owner| {
            action_changed(m, item, action, |a| {
                a.owner_member = member;
                a.owner = owner;
            })
        },
    );
    let due_label = ui.label("due");
    if let Some(due) = optional_date(ui, ("due", action.id), action.due, due_label.id) {
        emit(
            cx,
            action_changed(m, item, action, |a| a.due = due),
            "Change due date",
            None,
        );
    }
    let mut status = action.status;
    choice(
        ui,
        ("action_status", action.id),
        &mut status,
        &ACTION_STATUSES,
        "Status of the action point",
    );
    if status != action.status {
        emit(
            cx,
            action_changed(m, item, action, |a| a.status = status),
            "Change action status",
            None,
        );
    }
    if ui
        .small_button("✖")
        .on_hover_text("Remove this action point")
        .clicked()
    {
        let command = Command::RemoveActionPoint {
            meeting: m.id,
            item: item.id,
            action: action.id,
        };
        emit(cx, command, "Remove action point", None);
    }
}

/// The activities and objectives an agenda item is about, with a way to add and remove them.
fn links(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, m: &Meeting, item: &AgendaItem) {
    let project = cx.project;
    ui.horizontal_wrapped(|ui| {
        ui.label("About:");
        for &a in &item.activities {
            let title = project.activity(a).map(|x| x.title.as_str()).unwrap_or("?");
            if ui
                .small_button(format!("{title} ✖"))
                .on_hover_text("Remove this link")
                .clicked()
            {
                let command = item_changed(m, item, |it| it.activities.retain(|&x| x != a));
                emit(cx, command, "Unlink activity", None);
            }
        }
        for &o in &item.objectives {
            let title = project
                .objective(o)
                .map(|x| x.title.as_str())
                .unwrap_or("?");
            if ui
                .small_button(format!("{title} ✖"))
                .on_hover_text("Remove this link")
                .clicked()
            {
                let command = item_changed(m, item, |it| it.objectives.retain(|&x| x != o));
                emit(cx, command, "Unlink objective", None);
            }
        }
        let unlinked = project
            .activities
            .iter()
            .filter(|a| !item.activities.contains(&a.id));
        let pick_activity = crate::ui::widgets::pick::pick(
            ui,
            ("link_activity", item.id),
            "Link an activity…",
            None,
            "Link an activity this item is about",
            unlinked.map(|a| (a.id, a.title.clone())),
        );
        let unlinked = project
            .objectives
            .iter()
            .filter(|o| !item.objectives.contains(&o.id));
        let pick_objective = crate::ui::widgets::pick::pick(
            ui,
            ("link_objective_item", item.id),
            "Link an objective…",
            None,
            "Link an objective this item is about",
            unlinked.map(|o| (o.id, o.title.clone())),
        );
        if pick_activity.is_some() || pick_objective.is_some() {
            let command = item_changed(m, item, |it| {
                it.activities.extend(pick_activity);
                it.objectives.extend(pick_objective);
            });
            emit(cx, command, "Link to the agenda item", None);
        }
    });
}
