//! The agenda page: the draft from the workplan, matters arising with a way to close each open
//! action point, the items and sub-items with their running clock, moved from the row's menu,
//! with Alt+Up/Down or by dragging their time.

use super::{CommitteeState, DraftNote, PURPOSES, emit, list_field};
use crate::committee::{self, ItemTime};
use crate::edit::commands::Command;
use crate::edit::history::Edit;
use crate::model::{ActionStatus, AgendaItem, Committee, Id, Meeting, Purpose};
use crate::ui::context::ViewContext;
use crate::ui::widgets::bound_text::BoundText;

/// The agenda item or sub-item `entry` of meeting `m` with `edit` made, as a command.
pub(super) fn item_changed(
    m: &Meeting,
    entry: &AgendaItem,
    edit: impl FnOnce(&mut AgendaItem),
) -> Command {
    let mut item = entry.clone();
    edit(&mut item);
    Command::SetAgendaItem {
        meeting: m.id,
        item: Box::new(item),
    }
}

/// Moves the top-level item at `from` to place `to`.
fn move_to(cx: &mut ViewContext<'_>, m: &Meeting, from: usize, to: usize) {
    let command = Command::MoveAgendaItem {
        meeting: m.id,
        item: m.agenda[from].id,
        to,
    };
    emit(cx, command, "Move agenda item", None);
}

pub(super) fn agenda_page(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut CommitteeState,
    committee: &Committee,
    m: &Meeting,
) {
    let timing = committee::timing(m);
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Draft from the workplan")
            .on_hover_text(
                "Write the agenda from the plan: under each pillar the activities by name, with dates, places \
                 and status, since the previous meeting and planned until the next one; the proposals needing \
                 a decision; the open action points. Running it again updates these lines and leaves your own \
                 items and the minutes alone.",
            )
            .clicked()
        {
            let mut new_id = || cx.new_id();
            let draft = committee::draft_from_workplan(cx.project, m, &mut new_id);
            let text = draft.summary.text();
            let changed = draft.summary.changed();
            if changed {
                let label = format!("Draft from the workplan: {text}");
                emit(cx, Command::SetMeeting(Box::new(draft.meeting)), &label, None);
            }
            state.draft_note = Some(DraftNote {
                meeting: m.id,
                text,
                before: cx.revision,
                // A draft that changed nothing makes no revision of its own.
                after: (!changed).then_some(cx.revision),
            });
        }
        let note = state.draft_note.as_mut().filter(|n| n.meeting == m.id);
        match note.and_then(|n| n.current(cx.revision).map(str::to_owned)) {
            Some(text) => {
                ui.label(text);
            }
            None => state.draft_note = None,
        }
    });
    matters_arising(ui, cx, committee, m);
    keyboard_moves(ui, cx, state, m);
    // The title takes what the other columns leave, so the row never runs past the panel.
    let title_width = (ui.available_width() - FIXED_COLUMNS).clamp(120.0, 420.0);
    egui::Grid::new(("agenda", m.id))
        .num_columns(7)
        .striped(true)
        .spacing([COLUMN_GAP, 4.0])
        .show(ui, |ui| {
            for title in [
                "No.",
                "Time",
                "Item",
                "Purpose",
                "Presenter",
                "Duration",
                "",
            ] {
                ui.strong(title);
            }
            ui.end_row();
            for (i, item) in m.agenda.iter().enumerate() {
                let rows = std::iter::once((item, false))
                    .chain(item.sub_items.iter().map(|sub| (sub, true)));
                for (entry, sub) in rows {
                    let row = Row {
                        index: i,
                        entry,
                        sub,
                        time: timing.items.iter().find(|t| t.item == entry.id),
                        title_width,
                    };
                    agenda_row(ui, cx, state, committee, m, row);
                    ui.end_row();
                }
            }
        });
    ui.horizontal(|ui| {
        ui.label(format!("Ends at {}", timing.end.format("%H:%M")));
        if let Some(late) = timing.overrun {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("⚠ {late} minutes past the planned end"),
            );
        }
    });
    if ui
        .button("Add item")
        .on_hover_text("Add an item at the end of the agenda")
        .clicked()
    {
        let command = Command::InsertAgendaItem {
            meeting: m.id,
            parent: None,
            index: m.agenda.len(),
            item: Box::new(blank_item(cx.new_id(), "New item")),
        };
        emit(cx, command, "Add agenda item", None);
    }
}

/// Widths of the columns beside the title (number, time, purpose, presenter, minutes, menu)
/// with the gaps between them and a margin for the scroll bar.
const FIXED_COLUMNS: f32 = 50.0 + 90.0 + 100.0 + 130.0 + 60.0 + 28.0 + 6.0 * COLUMN_GAP;
const COLUMN_GAP: f32 = 8.0;

/// The open action points of earlier meetings, each with its number and a button to close it.
fn matters_arising(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    committee: &Committee,
    m: &Meeting,
) {
    let arising = committee::carried_over(committee, m);
    if arising.is_empty() {
        return;
    }
    ui.strong("Matters arising: open action points");
    for c in &arising {
        let a = c.action;
        ui.horizontal_wrapped(|ui| {
            if ui
                .small_button(format!("✔ Close {}", c.label))
                .on_hover_text("Mark this action point done")
                .clicked()
            {
                let mut done = a.clone();
                done.status = ActionStatus::Done;
                let command = Command::SetActionPoint {
                    meeting: c.meeting,
                    item: c.item,
                    action: Box::new(done),
                };
                emit(
                    cx,
                    command,
                    &format!("Close action point {}", c.label),
                    None,
                );
            }
            let owner = committee::person_name(committee, a.owner_member, &a.owner);
            ui.label(format!(
                "{} ({}{})",
                a.text,
                if owner.is_empty() { "no owner" } else { owner },
                a.due.map(|d| format!(", due {d}")).unwrap_or_default()
            ));
        });
    }
    ui.separator();
}

/// Alt+Up/Down move the selected item when no text field has the keyboard.
fn keyboard_moves(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &CommitteeState,
    m: &Meeting,
) {
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    let Some(i) = state
        .item
        .and_then(|id| m.agenda.iter().position(|x| x.id == id))
    else {
        return;
    };
    let up = ui.input_mut(|inp| inp.consume_key(egui::Modifiers::ALT, egui::Key::ArrowUp));
    let down = ui.input_mut(|inp| inp.consume_key(egui::Modifiers::ALT, egui::Key::ArrowDown));
    if up && i > 0 {
        move_to(cx, m, i, i - 1);
    } else if down && i + 1 < m.agenda.len() {
        move_to(cx, m, i, i + 1);
    }
}

/// One row of the agenda: top-level item `index` itself or, when `sub`, one of its sub-items.
struct Row<'a> {
    index: usize,
    entry: &'a AgendaItem,
    sub: bool,
    time: Option<&'a ItemTime>,
    title_width: f32,
}

const PURPOSES_SHORT: [(Purpose, &str); 3] = [
    (Purpose::Decision, "Decision"),
    (Purpose::Discussion, "Discussion"),
    (Purpose::Information, "Information"),
];

fn agenda_row(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut CommitteeState,
    committee: &Committee,
    m: &Meeting,
    row: Row<'_>,
) {
    let Row {
        index: i,
        entry,
        sub,
        time: t,
        title_width,
    } = row;
    let number = t.map(|t| t.number.clone()).unwrap_or_default();
    let (number, hint) = if entry.generated {
        (
            format!("{number} ⚙"),
            "Written from the workplan (it links to its activities); drafting again updates it. \
             Right-click for more.",
        )
    } else {
        (number, "Select; Alt+Up/Down move it. Right-click for more.")
    };
    let selected = ui
        .selectable_label(state.item == Some(entry.id), &number)
        .on_hover_text(hint);
    if selected.clicked() {
        state.item = Some(entry.id);
    }
    selected.context_menu(|ui| row_menu(ui, cx, m, i, entry, sub));
    let span = t
        .map(|t| format!("{}–{}", t.start.format("%H:%M"), t.end.format("%H:%M")))
        .unwrap_or_default();
    if sub {
        ui.label(span);
    } else {
        drag_handle(ui, cx, m, i, &span);
    }
    let width = if sub { title_width - 16.0 } else { title_width };
    ui.horizontal(|ui| {
        if sub {
            ui.add_space(16.0);
        }
        let hover = if entry.title.is_empty() {
            "Title"
        } else {
            entry.title.as_str()
        };
        BoundText::new(&entry.title)
            .id_salt(("agenda_title", entry.id))
            .sized(width)
            .hint("Title")
            .hover(hover)
            .show(ui, cx, format!("agenda_title_{}", entry.id), |title| {
                Edit::new(
                    item_changed(m, entry, |it| it.title = title),
                    "Edit agenda item",
                )
            })
            .context_menu(|ui| row_menu(ui, cx, m, i, entry, sub));
    });
    let mut purpose = entry.purpose;
    egui::ComboBox::from_id_salt(("purpose", entry.id))
        .width(90.0)
        .selected_text(super::name_of(&PURPOSES_SHORT, purpose))
        .show_ui(ui, |ui| {
            for (option, name) in PURPOSES {
                ui.selectable_value(&mut purpose, option, name);
            }
        })
        .response
        .on_hover_text("Purpose");
    if purpose != entry.purpose {
        emit(
            cx,
            item_changed(m, entry, |it| it.purpose = purpose),
            "Change purpose",
            None,
        );
    }
    super::person(
        ui,
        cx,
        committee,
        ("presenter", entry.id),
        entry.presenter_member,
        &entry.presenter,
        &format!("Presenter of item {}", number.trim_end_matches(" ⚙")),
        "Change presenter",
        |member, text| {
            item_changed(m, entry, |it| {
                it.presenter_member = member;
                it.presenter = text;
            })
        },
    );
    let mut minutes = entry.minutes;
    if ui
        .add(
            egui::DragValue::new(&mut minutes)
                .range(0..=600)
                .suffix(" min"),
        )
        .on_hover_text("Duration in minutes")
        .changed()
    {
        let key = Some(format!("minutes_{}", entry.id));
        emit(
            cx,
            item_changed(m, entry, |it| it.minutes = minutes),
            "Change duration",
            key,
        );
    }
    ui.menu_button("⋯", |ui| row_menu(ui, cx, m, i, entry, sub))
        .response
        .on_hover_text("More for this item: move, sub-item, consent, papers, remove");
}

/// The time of a top-level item: the handle to drag it to another place.
fn drag_handle(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, m: &Meeting, i: usize, span: &str) {
    let handle = ui.make_persistent_id(("agenda_drag", m.agenda[i].id));
    let response = ui
        .dnd_drag_source(handle, i, |ui| ui.label(format!("⠿ {span}")))
        .response
        .on_hover_text("Drag to move this item; drop it on another item's time");
    if let Some(from) = response.dnd_hover_payload::<usize>()
        && *from != i
    {
        let y = if *from > i {
            response.rect.top()
        } else {
            response.rect.bottom()
        };
        ui.painter().hline(
            response.rect.left()..=response.rect.right() + 600.0,
            y,
            egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
        );
    }
    if let Some(from) = response.dnd_release_payload::<usize>()
        && *from != i
        && *from < m.agenda.len()
    {
        move_to(cx, m, *from, i);
    }
}

/// The row's secondary controls, in its "⋯" menu and its right-click menu: move, add a
/// sub-item (top-level items only), consent, papers and remove.
fn row_menu(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    m: &Meeting,
    i: usize,
    entry: &AgendaItem,
    sub: bool,
) {
    let count = m.agenda.len();
    if !sub {
        if ui
            .add_enabled(i > 0, egui::Button::new("⬆ Move up"))
            .on_hover_text("Move this item up (Alt+Up)")
            .clicked()
        {
            move_to(cx, m, i, i - 1);
            ui.close();
        }
        if ui
            .add_enabled(i + 1 < count, egui::Button::new("⬇ Move down"))
            .on_hover_text("Move this item down (Alt+Down)")
            .clicked()
        {
            move_to(cx, m, i, i + 1);
            ui.close();
        }
        if ui
            .button("+ Add sub-item")
            .on_hover_text("Add a sub-item under this item")
            .clicked()
        {
            let command = Command::InsertAgendaItem {
                meeting: m.id,
                parent: Some(entry.id),
                index: entry.sub_items.len(),
                item: Box::new(blank_item(cx.new_id(), "New sub-item")),
            };
            emit(cx, command, "Add sub-item", None);
            ui.close();
        }
        ui.separator();
    }
    let mut consent = entry.consent;
    if ui
        .checkbox(&mut consent, "Consent agenda")
        .on_hover_text("Part of the consent agenda: adopted together, without discussion")
        .changed()
    {
        let command = item_changed(m, entry, |it| it.consent = consent);
        emit(cx, command, "Change consent agenda", None);
    }
    ui.label("Papers");
    if let Some(papers) = list_field(
        ui,
        cx,
        ("papers", entry.id),
        &entry.papers,
        "Papers (paths or links, ; between)",
    ) {
        let key = Some(format!("papers_{}", entry.id));
        emit(
            cx,
            item_changed(m, entry, |it| it.papers = papers),
            "Edit papers",
            key,
        );
    }
    ui.separator();
    if ui
        .button("✖ Remove item")
        .on_hover_text("Remove this item from the agenda")
        .clicked()
    {
        let command = Command::RemoveAgendaItem {
            meeting: m.id,
            item: entry.id,
        };
        emit(cx, command, "Remove agenda item", None);
        ui.close();
    }
}

fn blank_item(id: Id, title: &str) -> AgendaItem {
    let mut new_id = || id;
    let mut item = committee::template(&mut new_id).swap_remove(0);
    item.title = title.into();
    item.purpose = Purpose::Information;
    item.minutes = 15;
    item
}
