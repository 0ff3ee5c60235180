//! The table of activities: columns the user picks and resizes, sideways scrolling when they do
//! not fit, the keys of a desktop list and a menu on each row.

use super::*;

/// A column of the table: what it sorts by, its title, and its first and smallest widths.
struct ColumnSpec {
    column: Column,
    title: &'static str,
    share: f32,
    at_least: f32,
}

/// The key columns first, so that a narrow table still shows what, when and how far along.
/// Widths are shares of the table's width when it is first shown, never under `at_least`;
/// the last shown column takes what is left, so the shares add up to less than one.
const COLUMNS: [ColumnSpec; 8] = [
    ColumnSpec {
        column: Column::Title,
        title: "Activity",
        share: 0.3,
        at_least: 160.0,
    },
    ColumnSpec {
        column: Column::Status,
        title: "Status",
        share: 0.1,
        at_least: 90.0,
    },
    ColumnSpec {
        column: Column::Dates,
        title: "Dates",
        share: 0.17,
        at_least: 120.0,
    },
    // Shown while a baseline is compared with (the toolbar's "Compare with").
    ColumnSpec {
        column: Column::StartSlip,
        title: "Start slip",
        share: 0.07,
        at_least: 70.0,
    },
    ColumnSpec {
        column: Column::EndSlip,
        title: "End slip",
        share: 0.07,
        at_least: 70.0,
    },
    ColumnSpec {
        column: Column::Kind,
        title: "Kind",
        share: 0.14,
        at_least: 80.0,
    },
    ColumnSpec {
        column: Column::Place,
        title: "Place",
        share: 0.13,
        at_least: 80.0,
    },
    ColumnSpec {
        column: Column::Officer,
        title: "Officer",
        share: 0.12,
        at_least: 80.0,
    },
];

/// The first column of a portfolio's combined plan: each activity's programme.
const PROGRAMME: ColumnSpec = ColumnSpec {
    column: Column::Programme,
    title: "Programme",
    share: 0.14,
    at_least: 100.0,
};

fn is_slip(column: Column) -> bool {
    matches!(column, Column::StartSlip | Column::EndSlip)
}

/// The activity's title names the row: it cannot be hidden.
const ALWAYS_SHOWN: Column = Column::Title;

fn shown_columns(
    state: &WorkplanState,
    comparing: bool,
    combined: bool,
) -> Vec<&'static ColumnSpec> {
    combined
        .then_some(&PROGRAMME)
        .into_iter()
        .chain(
            COLUMNS
                .iter()
                .filter(|c| c.column == ALWAYS_SHOWN || !state.hidden_columns.contains(&c.column))
                .filter(|c| comparing || !is_slip(c.column)),
        )
        .collect()
}

/// The column chooser, in the toolbar and on the header's context menu.
pub(super) fn columns_menu(ui: &mut egui::Ui, state: &mut WorkplanState) {
    for spec in &COLUMNS {
        let mut on = !state.hidden_columns.contains(&spec.column);
        let fixed = spec.column == ALWAYS_SHOWN;
        let response = ui.add_enabled(!fixed, egui::Checkbox::new(&mut on, spec.title));
        let response = if fixed {
            response.on_disabled_hover_text("The activity's title is always shown")
        } else if is_slip(spec.column) {
            response.on_hover_text(
                "Days the activity moved since the baseline chosen under Compare with (+ later, \
                 − earlier); shown while a baseline is compared with",
            )
        } else {
            response
        };
        if response.changed() {
            if on {
                state.hidden_columns.remove(&spec.column);
            } else {
                state.hidden_columns.insert(spec.column);
            }
        }
    }
    ui.separator();
    if ui
        .button("Reset column widths")
        .on_hover_text("Give the shown columns their first widths again")
        .clicked()
    {
        state.reset_widths = true;
        ui.close();
    }
}

/// What a row's context menu asked for, carried out after the table is drawn.
enum RowMenu {
    Open(Id),
    Duplicate,
    Delete,
    SetStatus(Status),
    SelectAll,
    DraftStories,
    /// A combined plan's activity, opened in its own programme for editing.
    OpenInMember(Id),
}

/// What holds the keyboard for the table once a row was clicked or moved to.
fn table_focus_id() -> egui::Id {
    egui::Id::unique("workplan_table_focus")
}

/// Where the keys take the selection: one row, or a range from the anchor with Shift.
struct Move {
    target: usize,
    extend: bool,
}

/// The table's keys, while the table has the keyboard or nothing has (never while typing in a
/// field, nor when a button, a menu or a dialog has it). Returns the row to scroll to.
fn keyboard(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    state: &mut WorkplanState,
    rows: &[usize],
    page: usize,
) -> Option<usize> {
    let focus = table_focus_id();
    if cx.modal_open || egui::Popup::is_any_open(ui.ctx()) {
        return None;
    }
    match ui.memory(|m| m.focused()) {
        None => {}
        Some(id) if id == focus => ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                focus,
                egui::EventFilter {
                    vertical_arrows: true,
                    ..Default::default()
                },
            )
        }),
        Some(_) => return None,
    }
    // Extra Shift is ignored by `consume_key`, so Shift+Down is read as Down with Shift held.
    let shift = ui.input(|i| i.modifiers.shift);
    let pressed = |key: egui::Key| ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
    let activities = &cx.project.activities;
    if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::A)) {
        select_all(state, rows, activities);
        ui.memory_mut(|m| m.request_focus(focus));
        return None;
    }
    if pressed(egui::Key::Delete) && !state.selected.is_empty() && !cx.is_combined() {
        let selected: Vec<Id> = state.selected.iter().copied().collect();
        ask_to_delete(cx, &selected);
        return None;
    }
    let position = |id: Id| rows.iter().position(|&i| activities[i].id == id);
    // The row the keys move from: the moving end of a Shift range, else the last one clicked,
    // else the first selected row shown. Found only once a key asks for it: the last is a
    // search of every row, too slow to make each frame of 50,000.
    let current = || {
        state
            .cursor
            .filter(|id| state.selected.contains(id))
            .and_then(position)
            .or_else(|| {
                state
                    .anchor
                    .filter(|id| state.selected.contains(id))
                    .and_then(position)
            })
            .or_else(|| {
                rows.iter()
                    .position(|&i| state.selected.contains(&activities[i].id))
            })
    };
    let last = rows.len() - 1;
    let step = page.max(1);
    let movement = if cx.is_combined() && pressed(egui::Key::Enter) {
        // The combined plan has no editor: Enter opens the activity in its programme.
        if let Some(&one) = state.selected.first()
            && state.selected.len() == 1
        {
            cx.emit(Action::OpenInMember(one));
        }
        return None;
    } else if pressed(egui::Key::Enter) {
        // What a click on the row does: select only it, which opens its editor.
        state.editor_collapsed = false;
        Move {
            target: current()?,
            extend: false,
        }
    } else if pressed(egui::Key::ArrowDown) {
        Move {
            target: current().map_or(0, |p| (p + 1).min(last)),
            extend: shift,
        }
    } else if pressed(egui::Key::ArrowUp) {
        Move {
            target: current().map_or(0, |p| p.saturating_sub(1)),
            extend: shift,
        }
    } else if pressed(egui::Key::PageDown) {
        Move {
            target: current().map_or(0, |p| (p + step).min(last)),
            extend: shift,
        }
    } else if pressed(egui::Key::PageUp) {
        Move {
            target: current().map_or(0, |p| p.saturating_sub(step)),
            extend: shift,
        }
    } else if pressed(egui::Key::Home) {
        Move {
            target: 0,
            extend: shift,
        }
    } else if pressed(egui::Key::End) {
        Move {
            target: last,
            extend: shift,
        }
    } else {
        return None;
    };
    let id = activities[rows[movement.target]].id;
    let modifiers = if movement.extend {
        egui::Modifiers::SHIFT
    } else {
        egui::Modifiers::NONE
    };
    select(state, rows, activities, id, modifiers);
    ui.memory_mut(|m| m.request_focus(focus));
    Some(movement.target)
}

pub(super) fn table(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, state: &mut WorkplanState) {
    let rows = rows(cx, state);
    if rows.is_empty() {
        ui.label("No activity matches these filters.");
        return;
    }
    ui.interact(
        ui.max_rect(),
        table_focus_id(),
        egui::Sense::focusable_noninteractive(),
    );
    egui::Panel::bottom("workplan_status_legend")
        .show_separator_line(false)
        .show(ui, |ui| {
            if let Some(programmes) = cx.programmes {
                crate::ui::theme::swatch_legend(
                    ui,
                    "Programmes",
                    &programmes.legend(),
                    "The colour of each programme of the portfolio",
                );
            }
            crate::ui::theme::status_legend(ui);
        });
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let page = ((ui.available_height() / row_height) as usize).saturating_sub(2);
    // The keys move first; following then records where the selection is now, so a move made
    // by a key is not scrolled to a second time on the next frame.
    let keyed = keyboard(ui, cx, state, &rows, page);
    let scroll_to = keyed.or(follow_selection(cx, state, &rows));
    let slips = super::slips(cx, state);
    let columns = shown_columns(state, cx.baseline().is_some(), cx.is_combined());
    let mut clicked: Option<(Id, egui::Modifiers)> = None;
    let mut menu: Option<RowMenu> = None;
    let mut open_in_member: Option<Id> = None;
    let refiltered = state.scrolled_for.as_ref() != Some(&state.filter);
    if refiltered {
        state.scrolled_for = Some(state.filter.clone());
    }
    // Columns that do not fit scroll sideways rather than being squeezed out of sight.
    egui::ScrollArea::horizontal()
        .id_salt("workplan_table_sideways")
        .auto_shrink(false)
        .show(ui, |ui| {
            // Widths are remembered (in egui's persisted memory) per set of shown columns, and
            // apart for the table beside the editor, which starts from its narrower width.
            let shown_key: Vec<Column> = columns.iter().map(|c| c.column).collect();
            // Switched only while no menu is open: the row menu a right-click opens belongs to
            // the table it was opened in, and the right-click itself may open the editor.
            if !egui::Popup::is_any_open(ui.ctx()) {
                state.widths_beside_editor = state.selected.len() == 1 && !state.editor_collapsed;
            }
            let beside_editor = state.widths_beside_editor;
            let width = ui.available_width();
            // The body fills exactly the room under the header: never more (it would run under
            // the legend when the panels below take room), never less (nor capped at egui's
            // default 800 points on a tall screen).
            let body_height = (ui.available_height() - row_height).max(0.0);
            let programme_width = cx.programmes.map(|p| fitted_programme_width(ui, p, width));
            let mut table = TableBuilder::new(ui)
                .id_salt(("workplan_table", format!("{shown_key:?}"), beside_editor))
                .striped(true)
                .resizable(true)
                .auto_shrink(false)
                .min_scrolled_height(body_height)
                .max_scroll_height(body_height)
                .sense(egui::Sense::click());
            for (index, spec) in columns.iter().enumerate() {
                let column = if index + 1 == columns.len() {
                    TableColumn::remainder().at_least(spec.at_least)
                } else {
                    let initial = match (spec.column, programme_width) {
                        (Column::Programme, Some(fitted)) => fitted,
                        _ => width * spec.share,
                    };
                    TableColumn::initial(initial.max(spec.at_least)).at_least(spec.at_least)
                };
                table = table.column(column.clip(true));
            }
            if std::mem::take(&mut state.reset_widths) {
                table.reset();
            }
            if refiltered {
                table = table.vertical_scroll_offset(0.0);
            } else if let Some(row) = scroll_to {
                table = table.scroll_to_row(row, None);
            }
            table
                .header(row_height, |mut header| {
                    for spec in &columns {
                        let (_, response) = header.col(|ui| sort_button(ui, state, spec));
                        response.context_menu(|ui| columns_menu(ui, state));
                    }
                })
                .body(|body| {
                    body.rows(row_height, rows.len(), |mut row| {
                        let a = &cx.project.activities[rows[row.index()]];
                        row.set_selected(state.selected.contains(&a.id));
                        for spec in &columns {
                            row.col(|ui| {
                                cell(ui, cx, a, spec.column, slips.get(&a.id));
                            });
                        }
                        let response = row.response();
                        if response.double_clicked() && cx.is_combined() {
                            open_in_member = Some(a.id);
                        }
                        if response.clicked() {
                            clicked = Some((a.id, response.ctx.input(|i| i.modifiers)));
                        }
                        if response.secondary_clicked() && !state.selected.contains(&a.id) {
                            // A right-click acts on the row under the pointer.
                            clicked = Some((a.id, egui::Modifiers::NONE));
                        }
                        response.context_menu(|ui| {
                            let chosen = match cx.programmes {
                                Some(programmes) => combined_row_menu(ui, programmes, a),
                                None => row_menu(ui, state, a),
                            };
                            if let Some(chosen) = chosen {
                                menu = Some(chosen);
                            }
                        });
                    });
                });
        });
    if let Some((id, modifiers)) = clicked {
        select(state, &rows, &cx.project.activities, id, modifiers);
        // The keys go on from the clicked row.
        ui.memory_mut(|m| m.request_focus(table_focus_id()));
    }
    match menu {
        Some(RowMenu::Open(id)) => {
            state.selected = BTreeSet::from([id]);
            state.anchor = Some(id);
            state.cursor = Some(id);
            state.editor_collapsed = false;
        }
        Some(RowMenu::Duplicate) => duplicate(cx, state),
        Some(RowMenu::Delete) => {
            let selected: Vec<Id> = state.selected.iter().copied().collect();
            ask_to_delete(cx, &selected);
        }
        Some(RowMenu::SetStatus(status)) => {
            let selected: Vec<Id> = state.selected.iter().copied().collect();
            set_status(cx, &selected, status);
        }
        Some(RowMenu::SelectAll) => select_all(state, &rows, &cx.project.activities),
        Some(RowMenu::DraftStories) => cx.emit(Action::DraftStories),
        Some(RowMenu::OpenInMember(id)) => open_in_member = Some(id),
        None => {}
    }
    if let Some(id) = open_in_member {
        cx.emit(Action::OpenInMember(id));
    }
}

/// The row of the one selected activity, when it is new or has moved (an edit re-sorted the
/// table, or another view selected it): the table keeps it in view.
fn follow_selection(
    cx: &ViewContext<'_>,
    state: &mut WorkplanState,
    rows: &[usize],
) -> Option<usize> {
    let at = match state.selected.first() {
        Some(&one) if state.selected.len() == 1 => rows
            .iter()
            .position(|&i| cx.project.activities[i].id == one)
            .map(|row| (one, row)),
        _ => None,
    };
    let moved = at.filter(|now| state.followed != Some(*now));
    state.followed = at;
    moved.map(|(_, row)| row)
}

fn sort_button(ui: &mut egui::Ui, state: &mut WorkplanState, spec: &ColumnSpec) {
    let arrow = if state.sort != spec.column {
        ""
    } else if state.descending {
        " ⏷"
    } else {
        " ⏶"
    };
    let title = egui::RichText::new(format!("{}{arrow}", spec.title)).strong();
    if ui
        .add(egui::Button::new(title).frame(false))
        .on_hover_text(format!(
            "Sort by {}; right-click to choose the columns",
            spec.title.to_lowercase()
        ))
        .clicked()
    {
        if state.sort == spec.column {
            state.descending = !state.descending;
        } else {
            state.sort = spec.column;
            state.descending = false;
        }
    }
}

/// Days later (+) or earlier (−) than the baseline; empty when the baseline does not date
/// the activity (added since, or without sessions then or now).
fn slip_cell(ui: &mut egui::Ui, slip: Option<&crate::plan::baseline::Slip>, column: Column) {
    let Some(slip) = slip else {
        ui.add(egui::Label::new("").selectable(false))
            .on_hover_text("Not dated in the baseline, or not dated now");
        return;
    };
    let days = if column == Column::StartSlip {
        slip.start
    } else {
        slip.end
    };
    let text = crate::plan::baseline::slip_text(days, slip.approximate);
    let colour = match days {
        d if d > 0 => ui.visuals().warn_fg_color,
        d if d < 0 => crate::ui::theme::status_color(Status::Done),
        _ => ui.visuals().weak_text_color(),
    };
    let hover = if slip.approximate {
        "Days since the baseline; approximate, a session known only to the month decides it"
    } else {
        "Days since the baseline: + later, − earlier"
    };
    ui.add(egui::Label::new(egui::RichText::new(text).color(colour)).selectable(false))
        .on_hover_text(hover);
}

fn cell(
    ui: &mut egui::Ui,
    cx: &ViewContext<'_>,
    a: &Activity,
    column: Column,
    slip: Option<&crate::plan::baseline::Slip>,
) {
    let plain = |ui: &mut egui::Ui, text: &str| {
        ui.add(egui::Label::new(text).truncate().selectable(false));
    };
    match column {
        Column::Title => plain(ui, &a.title),
        Column::Kind => plain(ui, &a.kind),
        Column::Status => {
            // One line of text high, so the swatch and its word sit where the other cells' text does.
            let line = egui::vec2(
                ui.available_width(),
                ui.text_style_height(&egui::TextStyle::Body),
            );
            let layout = egui::Layout::left_to_right(egui::Align::Center);
            ui.allocate_ui_with_layout(line, layout, |ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                crate::ui::theme::status_swatch(ui, a.status);
                plain(ui, a.status.label());
            });
        }
        Column::Dates => {
            let month_only = a.sessions.iter().any(|s| s.precision == Precision::Month);
            let text = if month_only {
                egui::RichText::new(dates_label(a)).italics()
            } else {
                egui::RichText::new(dates_label(a))
            };
            let label = ui.add(egui::Label::new(text).truncate().selectable(false));
            if month_only {
                label.on_hover_text("Only the months are known so far");
            }
        }
        Column::Place => plain(ui, &places_label(a)),
        Column::Officer => plain(ui, &crate::plan::staff::officers_text(cx.project, a)),
        Column::StartSlip | Column::EndSlip => slip_cell(ui, slip, column),
        Column::Programme => {
            let Some(programmes) = cx.programmes else {
                return;
            };
            let line = egui::vec2(
                ui.available_width(),
                ui.text_style_height(&egui::TextStyle::Body),
            );
            let layout = egui::Layout::left_to_right(egui::Align::Center);
            ui.allocate_ui_with_layout(line, layout, |ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                let name = programmes.name(a.id);
                let colour = programmes
                    .colour(a.id)
                    .unwrap_or(crate::ui::theme::NO_GROUP);
                crate::ui::theme::colour_swatch(ui, colour, egui::Sense::hover(), name);
                plain(ui, name);
            });
        }
    }
}

/// The Programme column's first width: the longest programme name shown with its swatch,
/// so that names read whole, but never more than a fifth of the table.
fn fitted_programme_width(
    ui: &egui::Ui,
    programmes: &crate::ui::context::Programmes,
    width: f32,
) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widest = programmes
        .legend()
        .into_iter()
        .map(|(_, name)| {
            ui.painter()
                .layout_no_wrap(name, font.clone(), egui::Color32::PLACEHOLDER)
                .size()
                .x
        })
        .fold(0.0, f32::max);
    // The swatch, the gap after it, and the cell's margins.
    let extra =
        ui.text_style_height(&egui::TextStyle::Body) + 4.0 + 2.0 * ui.spacing().item_spacing.x;
    (widest + extra).min(width * 0.2)
}

/// The menu of a row of a combined plan, which is read-only: the way to its programme.
fn combined_row_menu(
    ui: &mut egui::Ui,
    programmes: &crate::ui::context::Programmes,
    a: &Activity,
) -> Option<RowMenu> {
    let mut chosen = None;
    let name = programmes.name(a.id);
    if ui
        .button(format!("Open in {name}"))
        .on_hover_text(format!(
            "Open {name} for editing, with this activity selected (double-click, Enter)"
        ))
        .clicked()
    {
        chosen = Some(RowMenu::OpenInMember(a.id));
    }
    if ui
        .button("Select all shown")
        .on_hover_text("Every activity the filters show (Ctrl+A)")
        .clicked()
    {
        chosen = Some(RowMenu::SelectAll);
    }
    if chosen.is_some() {
        ui.close();
    }
    chosen
}

/// The menu of a row: for the row alone, or for every selected row if it is one of them.
fn row_menu(ui: &mut egui::Ui, state: &WorkplanState, a: &Activity) -> Option<RowMenu> {
    let count = state.selected.len().max(1);
    let many = count > 1;
    let mut chosen = None;
    if ui
        .add_enabled(!many, egui::Button::new("Open in the editor"))
        .on_hover_text("Show this activity's editor (Enter)")
        .clicked()
    {
        chosen = Some(RowMenu::Open(a.id));
    }
    let what = if many {
        format!("{count} activities")
    } else {
        "activity".to_owned()
    };
    if ui
        .button(format!("Duplicate {what}"))
        .on_hover_text("Copy, with new ids, just after the original")
        .clicked()
    {
        chosen = Some(RowMenu::Duplicate);
    }
    ui.menu_button("Set status", |ui| {
        for status in Status::ALL {
            if ui.button(status.label()).clicked() {
                chosen = Some(RowMenu::SetStatus(status));
            }
        }
    });
    if ui
        .button("Draft Stories…")
        .on_hover_text(
            "Draft the story of each selected activity from its records, to edit and save",
        )
        .clicked()
    {
        chosen = Some(RowMenu::DraftStories);
    }
    ui.separator();
    if ui
        .button("Select all shown")
        .on_hover_text("Every activity the filters show (Ctrl+A)")
        .clicked()
    {
        chosen = Some(RowMenu::SelectAll);
    }
    ui.separator();
    if ui
        .button(format!("Delete {what}…"))
        .on_hover_text("Asks first; undoable (Delete)")
        .clicked()
    {
        chosen = Some(RowMenu::Delete);
    }
    if chosen.is_some() {
        ui.close();
    }
    chosen
}

fn select_all(state: &mut WorkplanState, rows: &[usize], activities: &[Activity]) {
    state.selected = rows.iter().map(|&i| activities[i].id).collect();
    state.cursor = None;
}

/// Click selects one; Ctrl+click adds or removes; Shift+click selects the range from the last
/// clicked row, in the order shown.
pub(super) fn select(
    state: &mut WorkplanState,
    rows: &[usize],
    activities: &[Activity],
    id: Id,
    modifiers: egui::Modifiers,
) {
    if modifiers.shift
        && let Some(anchor) = state.anchor
    {
        let position = |target: Id| rows.iter().position(|&i| activities[i].id == target);
        if let (Some(a), Some(b)) = (position(anchor), position(id)) {
            let (low, high) = (a.min(b), a.max(b));
            state.selected = rows[low..=high].iter().map(|&i| activities[i].id).collect();
            state.cursor = Some(id);
            return;
        }
    }
    if modifiers.command {
        if !state.selected.remove(&id) {
            state.selected.insert(id);
        }
    } else {
        state.selected = BTreeSet::from([id]);
    }
    state.anchor = Some(id);
    state.cursor = Some(id);
}
