//! The review of an import before anything changes: how the file was read, which of its
//! columns hold which field, what becomes of the names the programme does not have, and every
//! problem of the rows refused. A change here checks the file again ([`Action::RecheckImport`]);
//! Import applies it as one undo step ([`Action::FinishImport`]).

use std::path::PathBuf;
use std::sync::Arc;

use crate::exchange::import::{self, Checked, FileKind, ImportOptions, NameChoice, NameKind};
use crate::exchange::table::Table;
use crate::model::{Id, Project};
use crate::session::Revision;
use crate::session::import::ImportRead;
use crate::ui::actions::Action;
use crate::ui::dialogs::ModalOutcome;

/// Everything the review shows and changes.
#[derive(Clone, Debug)]
pub struct ImportReview {
    pub path: PathBuf,
    /// The file as read, to read another of its sheets without going to the disk again.
    bytes: Arc<Vec<u8>>,
    kind: FileKind,
    /// A workbook's sheets, for choosing another one.
    sheets: Vec<String>,
    /// The sheet `table` was read from (`None`: the first).
    table_sheet: Option<String>,
    pub table: Table,
    pub options: ImportOptions,
    /// The check with the current columns and answers, or why the file cannot be imported
    /// as its columns now stand (a required column not found, a field taken twice).
    pub checked: Result<Checked, String>,
    /// The answers given so far, kept when a change of columns checks the file again.
    pub choices: Vec<(import::UnknownName, NameChoice)>,
    /// The programme's entities by kind, for "same as".
    pub entities: Vec<(NameKind, Id, String)>,
    /// The document's state `checked` was made against.
    pub revision: Revision,
}

impl ImportReview {
    /// The review of a file the session read and checked against `project` (checked again
    /// when the project changed since).
    pub fn new(project: &Project, read: ImportRead) -> Self {
        let p = &project.programme;
        let mut entities: Vec<(NameKind, Id, String)> = p
            .jurisdictions
            .iter()
            .map(|j| (NameKind::Jurisdiction, j.id, j.name.clone()))
            .collect();
        entities.extend(
            p.partners
                .iter()
                .map(|o| (NameKind::Partner, o.id, o.display_name())),
        );
        entities.extend(
            p.donors
                .iter()
                .map(|o| (NameKind::Donor, o.id, o.display_name())),
        );
        let sheets = match read.kind {
            FileKind::Sheet(format) => {
                crate::exchange::spreadsheet::sheet_names(&read.bytes, format).unwrap_or_default()
            }
            FileKind::Csv | FileKind::MsProject => Vec::new(),
        };
        let choices = read
            .checked
            .as_ref()
            .map(|c| c.choices.clone())
            .unwrap_or_default();
        ImportReview {
            path: read.path,
            table_sheet: read.options.sheet.clone(),
            bytes: read.bytes,
            kind: read.kind,
            sheets,
            table: read.table,
            options: read.options,
            checked: read.checked,
            choices,
            entities,
            revision: read.revision,
        }
    }

    /// Checks the file again with the review's sheet, columns, dates and answers, against the
    /// document as it is at `revision`.
    pub fn recheck(&mut self, project: &Project, revision: Revision) {
        self.revision = revision;
        if self.options.sheet != self.table_sheet {
            match import::read_table(self.kind, &self.bytes, &self.options) {
                Ok(table) => {
                    self.table = table;
                    self.table_sheet = self.options.sheet.clone();
                }
                Err(error) => {
                    self.checked = Err(error.to_string());
                    return;
                }
            }
        }
        self.checked = import::check_with_choices(
            project,
            &self.table,
            &self.options,
            &self.choices,
            NameChoice::Add,
        )
        .map_err(|e| e.to_string());
        if let Ok(checked) = &self.checked {
            self.choices = checked.choices.clone();
        }
    }

    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// Whether there is nothing to ask: every row sound, every name known, every column used.
    pub fn is_clean(&self) -> bool {
        self.checked.as_ref().is_ok_and(|c| {
            c.import.errors.is_empty()
                && c.choices.is_empty()
                && c.import.ignored_columns.is_empty()
        })
    }

    /// The field the file's column `header` is read as, `None` when it is left out.
    fn field_of(&self, header: &str) -> Option<&'static str> {
        let folded = crate::plan::names::fold(header);
        match self
            .options
            .map
            .iter()
            .find(|(c, _)| crate::plan::names::fold(c) == folded)
        {
            Some((_, field)) => import::columns::field_named(field),
            None => import::columns::field_named(header),
        }
    }
}

const LEFT_OUT: &str = "(left out)";

pub(super) fn show(ui: &mut egui::Ui, review: &ImportReview) -> Option<ModalOutcome> {
    let mut outcome = None;
    let recheck = |change: &dyn Fn(&mut ImportReview)| {
        let mut changed = review.clone();
        change(&mut changed);
        Some(ModalOutcome::Then(vec![Action::RecheckImport(Box::new(
            changed,
        ))]))
    };
    // Each list gets a share of the window's height, so the review fits at 1024×700 and
    // shows more where there is room.
    let list_height = (ui.ctx().content_rect().height() * 0.22).clamp(110.0, 400.0);
    ui.heading(format!("Import {}", review.file_name()));
    ui.label(&review.table.read_as);
    ui.horizontal(|ui| {
        if review.sheets.len() > 1 {
            ui.label("Sheet:");
            let current = review
                .table_sheet
                .clone()
                .unwrap_or_else(|| review.sheets[0].clone());
            let mut chosen = current.clone();
            egui::ComboBox::from_id_salt("import_sheet")
                .selected_text(&current)
                .show_ui(ui, |ui| {
                    for sheet in &review.sheets {
                        ui.selectable_value(&mut chosen, sheet.clone(), sheet);
                    }
                })
                .response
                .on_hover_text("The sheet of the workbook to import");
            if chosen != current {
                outcome = recheck(&|r: &mut ImportReview| r.options.sheet = Some(chosen.clone()));
            }
            ui.add_space(12.0);
        }
        use crate::plan::date_forms::DateOrder;
        ui.label("Dates like 05/06/2010:");
        let order_text = |order: Option<DateOrder>| match order {
            None => "not guessed (a row problem)",
            Some(DateOrder::DayMonthYear) => "day first (5 June)",
            Some(DateOrder::MonthDayYear) => "month first (6 May)",
        };
        let current = review.options.date_order;
        let mut chosen = current;
        egui::ComboBox::from_id_salt("import_date_order")
            .selected_text(order_text(current))
            .show_ui(ui, |ui| {
                for order in [
                    None,
                    Some(DateOrder::DayMonthYear),
                    Some(DateOrder::MonthDayYear),
                ] {
                    ui.selectable_value(&mut chosen, order, order_text(order));
                }
            })
            .response
            .on_hover_text(
                "How to read a date written with numbers only when both could be the month; dates such as 18/05/2010 are read either way",
            );
        if chosen != current {
            outcome = recheck(&|r: &mut ImportReview| r.options.date_order = chosen);
        }
    });
    match &review.checked {
        Ok(checked) => {
            let i = &checked.import;
            let rows = i.activities.len() + i.refused;
            let mut summary = format!(
                "{rows} row(s): {} new, {} updated, {} unchanged",
                i.added(),
                i.updated,
                i.unchanged
            );
            if i.refused > 0 {
                summary.push_str(&format!("; {} cannot be imported", i.refused));
            }
            summary.push_str(". Nothing has changed yet.");
            ui.label(summary);
        }
        Err(message) => {
            let mut chars = message.chars();
            let sentence: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            ui.colored_label(ui.visuals().error_fg_color, sentence);
        }
    }
    ui.add_space(6.0);
    let columns_wanted = review
        .checked
        .as_ref()
        .map_or(true, |c| !c.import.ignored_columns.is_empty());
    egui::CollapsingHeader::new(match &review.checked {
        Ok(c) if !c.import.ignored_columns.is_empty() => {
            format!("Columns ({} left out)", c.import.ignored_columns.len())
        }
        _ => "Columns".to_string(),
    })
    .id_salt("import_columns")
    .default_open(columns_wanted)
    .show(ui, |ui| {
        ui.label("The Workplan field each of the file's columns holds:");
        egui::ScrollArea::vertical()
            .id_salt("import_columns_scroll")
            .max_height(list_height)
            .show(ui, |ui| {
                egui::Grid::new("import_columns_grid")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for (index, header) in review.table.headers.iter().enumerate() {
                            let header = header.trim();
                            if header.is_empty() {
                                continue;
                            }
                            ui.label(header);
                            let current = review.field_of(header);
                            let mut chosen = current;
                            egui::ComboBox::from_id_salt(("import_column", index))
                                .selected_text(current.unwrap_or(LEFT_OUT))
                                .width(200.0)
                                .show_ui(ui, |ui| {
                                    ui.selectable_value(&mut chosen, None, LEFT_OUT);
                                    for field in import::columns::fields() {
                                        ui.selectable_value(&mut chosen, Some(field), field);
                                    }
                                })
                                .response
                                .on_hover_text(format!(
                                    "The Workplan field the column “{header}” holds"
                                ));
                            if chosen != current {
                                let header = header.to_string();
                                outcome = recheck(&|r: &mut ImportReview| {
                                    let folded = crate::plan::names::fold(&header);
                                    r.options
                                        .map
                                        .retain(|(c, _)| crate::plan::names::fold(c) != folded);
                                    r.options.map.push((
                                        header.clone(),
                                        chosen.unwrap_or("ignore").to_string(),
                                    ));
                                });
                            }
                            ui.end_row();
                        }
                    });
            });
    });
    if let Ok(checked) = &review.checked {
        if !checked.choices.is_empty() {
            egui::CollapsingHeader::new(format!(
                "Names the programme does not have ({})",
                checked.choices.len()
            ))
            .id_salt("import_unknown")
            .default_open(true)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("import_unknown_scroll")
                    .max_height(list_height)
                    .show(ui, |ui| {
                        egui::Grid::new("import_unknown_grid")
                            .num_columns(3)
                            .striped(true)
                            .show(ui, |ui| {
                                for (index, (name, choice)) in checked.choices.iter().enumerate() {
                                    ui.label(format!("{} “{}”", name.kind.label(), name.name))
                                        .on_hover_text(rows_text(&name.rows));
                                    ui.label(rows_text(&name.rows));
                                    let mut chosen = *choice;
                                    let text = choice_text(review, name.kind, *choice);
                                    egui::ComboBox::from_id_salt(("import_name", index))
                                        .selected_text(text)
                                        .width(220.0)
                                        .show_ui(ui, |ui| {
                                            ui.selectable_value(
                                                &mut chosen,
                                                NameChoice::Add,
                                                choice_text(review, name.kind, NameChoice::Add),
                                            );
                                            ui.selectable_value(
                                                &mut chosen,
                                                NameChoice::Leave,
                                                choice_text(review, name.kind, NameChoice::Leave),
                                            );
                                            for (kind, id, _) in &review.entities {
                                                if *kind == name.kind {
                                                    let map = NameChoice::MapTo(*id);
                                                    ui.selectable_value(
                                                        &mut chosen,
                                                        map,
                                                        choice_text(review, name.kind, map),
                                                    );
                                                }
                                            }
                                        })
                                        .response
                                        .on_hover_text(format!(
                                            "What becomes of “{}”: added to the programme, taken as another name of an entry it has (kept as that entry's alias), or left out (its rows are not imported)",
                                            name.name
                                        ));
                                    if chosen != *choice {
                                        let name = name.clone();
                                        outcome = recheck(&|r: &mut ImportReview| {
                                            for (u, c) in r.choices.iter_mut() {
                                                if u.kind == name.kind && u.name == name.name {
                                                    *c = chosen;
                                                }
                                            }
                                        });
                                    }
                                    ui.end_row();
                                }
                            });
                    });
            });
        }
        // The review names its file already: problems start with its name, not its path.
        let file = review.file_name();
        if !checked.import.errors.is_empty() {
            egui::CollapsingHeader::new(format!("Problems ({})", checked.import.errors.len()))
                .id_salt("import_problems")
                .default_open(true)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("import_problems_scroll")
                        .max_height(220.0)
                        .show(ui, |ui| {
                            for problem in &checked.import.errors {
                                ui.add(egui::Label::new(problem.located(&file)).selectable(true));
                            }
                        });
                });
        }
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if let Ok(checked) = &review.checked {
            let valid = checked.import.activities.len();
            let label = if checked.import.errors.is_empty() {
                format!("Import {valid} row(s)")
            } else {
                format!("Import the {valid} valid row(s)")
            };
            if ui
                .add_enabled(valid > 0, egui::Button::new(label))
                .on_hover_text("Add the names and the rows as shown; one undo step takes it back")
                .on_disabled_hover_text("No row can be imported yet")
                .clicked()
            {
                outcome = Some(ModalOutcome::Then(vec![Action::FinishImport(Box::new(
                    review.clone(),
                ))]));
            }
        }
        if ui.button("Cancel").clicked() {
            outcome = Some(ModalOutcome::Close);
        }
    });
    outcome
}

fn rows_text(rows: &[usize]) -> String {
    let listed: Vec<String> = rows.iter().take(12).map(|r| r.to_string()).collect();
    let more = if rows.len() > 12 {
        format!(" and {} more", rows.len() - 12)
    } else {
        String::new()
    };
    format!(
        "row{} {}{more}",
        if rows.len() == 1 { "" } else { "s" },
        listed.join(", ")
    )
}

fn choice_text(review: &ImportReview, kind: NameKind, choice: NameChoice) -> String {
    match choice {
        NameChoice::Add => format!("Add as a new {}", kind.label()),
        NameChoice::Leave => "Leave out (rows not imported)".into(),
        NameChoice::MapTo(id) => {
            let name = review
                .entities
                .iter()
                .find(|(k, i, _)| *k == kind && *i == id)
                .map_or("?", |(_, _, n)| n.as_str());
            format!("Same as “{name}”")
        }
    }
}
