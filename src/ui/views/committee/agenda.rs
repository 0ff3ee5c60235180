//! The agenda page: the draft from the workplan, matters arising, the items and sub-items with
//! their running clock, moved with buttons, Alt+Up/Down or by dragging their time.

use super::{CommitteeState, PURPOSES, choice, emit, list_field, text};
use crate::committee::{self, ItemTime};
use crate::edit::commands::Command;
use crate::model::{AgendaItem, Committee, Id, Meeting, Purpose};
use crate::ui::context::ViewContext;

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
    if ui
        .button("Draft from the workplan")
        .on_hover_text(
            "Fill the progress items from the plan since the previous meeting (per pillar done, under way, \
             postponed), the activities planned until the next one, proposals needing a decision and open \
             action points. Running it again updates these lines and leaves your own text alone.",
        )
        .clicked()
    {
        let mut new_id = || cx.new_id();
        let draft = committee::draft_from_workplan(cx.project, m, &mut new_id);
        emit(cx, Command::SetMeeting(Box::new(draft)), "Draft agenda from the workplan", None);
    }
    matters_arising(ui, committee, m);
    keyboard_moves(ui, cx, state, m);
    egui::Grid::new(("agenda", m.id))
        .num_columns(7)
        .striped(true)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for title in ["No.", "Time", "Item", "Purpose", "Presenter", "Minutes", ""] {
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
                    };
                    agenda_row(ui, cx, state, m, row);
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

/// The open action points of earlier meetings.
fn matters_arising(ui: &mut egui::Ui, committee: &Committee, m: &Meeting) {
    let arising = committee::carried_over(committee, m);
    if arising.is_empty() {
        return;
    }
    ui.strong("Matters arising: open action points");
    for (number, action) in &arising {
        ui.label(format!(
            "• {} (meeting {number}; {}{})",
            action.text,
            if action.owner.is_empty() {
                "no owner"
            } else {
                &action.owner
            },
            action.due.map(|d| format!(", due {d}")).unwrap_or_default()
        ));
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
}

fn agenda_row(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut CommitteeState,
    m: &Meeting,
    row: Row<'_>,
) {
    let Row {
        index: i,
        entry,
        sub,
        time: t,
    } = row;
    let number = t.map(|t| t.number.clone()).unwrap_or_default();
    let (number, hint) = if entry.generated {
        (
            format!("{number} ⚙"),
            "Written from the workplan (it links to its activities); drafting again updates it",
        )
    } else {
        (number, "Select; Alt+Up/Down move it")
    };
    if ui
        .selectable_label(state.item == Some(entry.id), &number)
        .on_hover_text(hint)
        .clicked()
    {
        state.item = Some(entry.id);
    }
    let span = t
        .map(|t| format!("{}–{}", t.start.format("%H:%M"), t.end.format("%H:%M")))
        .unwrap_or_default();
    if sub {
        ui.label(span);
    } else {
        drag_handle(ui, cx, m, i, &span);
    }
    let width = if sub { 220.0 } else { 240.0 };
    text(
        ui,
        cx,
        ("agenda_title", entry.id),
        &entry.title,
        width,
        "Title",
        "Edit agenda item",
        format!("agenda_title_{}", entry.id),
        |title| item_changed(m, entry, |it| it.title = title),
    );
    let mut purpose = entry.purpose;
    choice(
        ui,
        ("purpose", entry.id),
        &mut purpose,
        &PURPOSES,
        "Purpose",
    );
    if purpose != entry.purpose {
        emit(
            cx,
            item_changed(m, entry, |it| it.purpose = purpose),
            "Change purpose",
            None,
        );
    }
    text(
        ui,
        cx,
        ("presenter", entry.id),
        &entry.presenter,
        140.0,
        "Presenter",
        "Edit presenter",
        format!("presenter_{}", entry.id),
        |presenter| item_changed(m, entry, |it| it.presenter = presenter),
    );
    let mut minutes = entry.minutes;
    if ui
        .add(
            egui::DragValue::new(&mut minutes)
                .range(0..=600)
                .suffix(" min"),
        )
        .on_hover_text("Duration")
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
    ui.horizontal(|ui| row_buttons(ui, cx, m, i, entry, sub));
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

/// Move, add a sub-item (top-level items only), consent, papers and remove.
fn row_buttons(
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
            .add_enabled(i > 0, egui::Button::new("⬆").small())
            .on_hover_text("Move up (Alt+Up)")
            .clicked()
        {
            move_to(cx, m, i, i - 1);
        }
        if ui
            .add_enabled(i + 1 < count, egui::Button::new("⬇").small())
            .on_hover_text("Move down (Alt+Down)")
            .clicked()
        {
            move_to(cx, m, i, i + 1);
        }
        if ui
            .small_button("+ sub-item")
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
        }
    }
    let mut consent = entry.consent;
    if ui
        .checkbox(&mut consent, "consent")
        .on_hover_text("Part of the consent agenda: adopted together, without discussion")
        .changed()
    {
        let command = item_changed(m, entry, |it| it.consent = consent);
        emit(cx, command, "Change consent agenda", None);
    }
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
    if ui
        .small_button("✖")
        .on_hover_text("Remove this item")
        .clicked()
    {
        let command = Command::RemoveAgendaItem {
            meeting: m.id,
            item: entry.id,
        };
        emit(cx, command, "Remove agenda item", None);
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
