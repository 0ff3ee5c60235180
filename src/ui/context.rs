//! What a view is handed each frame: the project to read, the revision it shows, and where
//! to put the actions it emits.

use std::cell::Cell;

use chrono::NaiveDate;

use crate::model::{Id, Project};
use crate::session::Revision;
use crate::ui::actions::Action;

/// What a view gets: the project to read, a place to put actions, and fresh ids.
pub struct ViewContext<'a> {
    pub project: &'a Project,
    pub revision: Revision,
    pub today: NaiveDate,
    /// A dialog is in front: views leave the keyboard alone.
    pub modal_open: bool,
    pub actions: &'a mut Vec<Action>,
    pub(crate) next_id: &'a Cell<u64>,
    /// The one activity selected in the workplan or the timeline, if any.
    pub selected: Option<Id>,
    /// The day clicked or the month shown in the calendar, where a new session starts.
    pub date_shown: &'a Cell<Option<crate::plan::calendar::DateShown>>,
    /// The baseline the timeline and the workplan compare today's plan with, if any.
    pub compare_with: &'a Cell<Option<Id>>,
    /// Set while the project shown is a portfolio's members combined: it is read-only, and
    /// each activity belongs to one of these programmes.
    pub programmes: Option<&'a Programmes>,
}

/// The programmes of a combined plan, as the views show them: each activity's programme, by
/// its name and colour, for the Programme column, the bars' stripes and the legend.
pub struct Programmes {
    pub names: Vec<String>,
    pub colours: Vec<egui::Color32>,
    /// The programmes the filter leaves out of the views.
    pub hidden: std::collections::BTreeSet<usize>,
    pub combined: std::sync::Arc<crate::plan::portfolio::Combined>,
    /// Its clashing pairs, once found (the calendar marks none before).
    pub clashes: Option<std::sync::Arc<crate::plan::calendar::Clashes>>,
}

impl Programmes {
    /// The programme (member index) of a combined activity.
    pub fn of(&self, activity: Id) -> Option<usize> {
        self.combined.programme_of(activity)
    }

    pub fn name(&self, activity: Id) -> &str {
        self.of(activity)
            .and_then(|m| self.names.get(m))
            .map_or("", String::as_str)
    }

    pub fn colour(&self, activity: Id) -> Option<egui::Color32> {
        self.of(activity).and_then(|m| self.colours.get(m)).copied()
    }

    /// The legend: each shown programme's colour and name.
    pub fn legend(&self) -> Vec<(egui::Color32, String)> {
        (self.colours.iter().copied().zip(self.names.iter().cloned()))
            .enumerate()
            .filter(|(m, _)| !self.hidden.contains(m))
            .map(|(_, entry)| entry)
            .collect()
    }
}

impl ViewContext<'_> {
    /// Whether the plan shown is a portfolio's combined plan, which no view may edit.
    pub fn is_combined(&self) -> bool {
        self.programmes.is_some()
    }

    /// A new id for an entity the view is about to add. Ids are never handed out twice, even
    /// if the edit that used one is undone.
    pub fn new_id(&self) -> Id {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        Id(id)
    }

    pub fn emit(&mut self, action: Action) {
        self.actions.push(action);
    }
}

impl<'a> ViewContext<'a> {
    /// The baseline chosen under "Compare with", while it still exists.
    pub fn baseline(&self) -> Option<&'a crate::model::Baseline> {
        let project: &'a Project = self.project;
        self.compare_with.get().and_then(|id| project.baseline(id))
    }
}
