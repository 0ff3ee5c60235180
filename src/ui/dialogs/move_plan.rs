//! Edit > Move the Plan: every session from a day on moved by some days or months, keeping
//! weekdays and skipping weekends and public holidays if asked, with a preview of how much
//! moves. The move itself is worked out again on the project when confirmed (one undo step).

use std::sync::Arc;

use chrono::NaiveDate;

use crate::model::Project;
use crate::plan::move_plan::{self, Amount, PlanShift};
use crate::ui::actions::Action;
use crate::ui::dialogs::ModalOutcome;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Days,
    Months,
}

pub struct MovePlan {
    /// The project as the dialog opened on it, for the preview (nothing edits it while the
    /// dialog is in front).
    project: Arc<Project>,
    pub from: NaiveDate,
    pub amount: i64,
    pub unit: Unit,
    pub keep_weekdays: bool,
    pub skip_days_off: bool,
    /// The counts for the last shift previewed.
    preview: Option<(PlanShift, (usize, usize))>,
}

impl MovePlan {
    /// Opens on the first day of the plan's sessions from today on (or the programme's start).
    pub fn new(project: &Project, today: NaiveDate) -> Self {
        let from = if (project.programme.start..=project.programme.end).contains(&today) {
            today
        } else {
            project.programme.start
        };
        MovePlan {
            project: Arc::new(project.clone()),
            from,
            amount: 7,
            unit: Unit::Days,
            keep_weekdays: true,
            skip_days_off: true,
            preview: None,
        }
    }

    pub fn shift(&self) -> PlanShift {
        PlanShift {
            from: self.from,
            amount: match self.unit {
                Unit::Days => Amount::Days(self.amount),
                Unit::Months => Amount::Months(self.amount.clamp(-1200, 1200) as i32),
            },
            keep_weekdays: self.keep_weekdays,
            skip_days_off: self.skip_days_off,
        }
    }

    fn counts(&mut self) -> (usize, usize) {
        let shift = self.shift();
        match self.preview {
            Some((s, counts)) if s == shift => counts,
            _ => {
                let counts = move_plan::preview(&self.project, &shift);
                self.preview = Some((shift, counts));
                counts
            }
        }
    }
}

pub(super) fn show(ui: &mut egui::Ui, dialog: &mut MovePlan) -> Option<ModalOutcome> {
    ui.heading("Move the plan");
    ui.label("Moves every session that starts on or after a day, keeping each session's length.");
    ui.add_space(6.0);
    egui::Grid::new("move plan")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label("Sessions from");
            let edit = crate::ui::widgets::date_field::date_field(
                ui,
                "move plan from",
                label.id,
                dialog.from,
            );
            if let Some(date) = edit.new_value {
                dialog.from = date;
            }
            ui.end_row();
            let label = ui.label("Move by");
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(&mut dialog.amount)
                        .range(-3650..=3650)
                        .speed(0.2),
                )
                .labelled_by(label.id)
                .on_hover_text("Negative to move the plan earlier");
                ui.selectable_value(&mut dialog.unit, Unit::Days, "days")
                    .on_hover_text("Move by calendar days");
                ui.selectable_value(&mut dialog.unit, Unit::Months, "months")
                    .on_hover_text(
                        "Move by calendar months: the 17th stays the 17th (the month's last day \
                         when it is shorter)",
                    );
            });
            ui.end_row();
        });
    ui.checkbox(&mut dialog.keep_weekdays, "Keep weekdays")
        .on_hover_text(
            "A session that starts on a Tuesday still starts on a Tuesday: a move by days is \
         rounded to whole weeks, a move by months takes the same weekday of the month (the \
         third Tuesday stays the third Tuesday, the last one when there is no fifth)",
        );
    ui.checkbox(
        &mut dialog.skip_days_off,
        "Skip weekends and public holidays",
    )
    .on_hover_text(
        "No session starts on a Saturday, a Sunday or a public holiday of its country (the \
             holidays of Programme > Holidays): it moves on to the next day that is none, or \
             the next week's same day when weekdays are kept",
    );
    ui.add_space(6.0);
    let (activities, sessions) = dialog.counts();
    let preview = if sessions == 0 {
        "Moves nothing: no session starts on or after that day, or the move is too small \
         for the sessions known only to the month"
            .to_string()
    } else {
        format!(
            "Moves {} ({})",
            crate::plan::count(activities, "activity"),
            crate::plan::count(sessions, "session")
        )
    };
    ui.label(egui::RichText::new(preview).strong());
    ui.add_space(8.0);
    let mut outcome = None;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(sessions > 0, egui::Button::new("Move"))
            .on_hover_text("Move the sessions, as one step Edit > Undo takes back")
            .on_disabled_hover_text("Nothing would move")
            .clicked()
        {
            outcome = Some(ModalOutcome::Then(vec![Action::ShiftPlan(dialog.shift())]));
        }
        if ui.button("Cancel").clicked() {
            outcome = Some(ModalOutcome::Close);
        }
    });
    outcome
}
