//! Undo and redo over [`Command`]s, and whether the project differs from what was saved.
//!
//! Every state of the project has a revision number. The project is dirty when the current
//! revision is not the saved one, so undoing back to the saved state makes it clean again.

use crate::commands::{Command, CommandError};
use crate::model::Project;

/// A user edit: the command, the name of the step in the Edit menu, and optionally a key
/// under which consecutive edits (typing in one field) merge into one undo step.
#[derive(Clone, Debug)]
pub struct Edit {
    pub command: Command,
    pub label: String,
    pub merge_key: Option<String>,
}

impl Edit {
    pub fn new(command: Command, label: impl Into<String>) -> Self {
        Edit {
            command,
            label: label.into(),
            merge_key: None,
        }
    }

    /// Marks the edit as mergeable with the previous edit of the same key. Only for commands
    /// that set a value outright, so that the newest command alone redoes the whole run.
    pub fn merging(mut self, key: impl Into<String>) -> Self {
        self.merge_key = Some(key.into());
        self
    }
}

struct Step {
    label: String,
    redo: Command,
    undo: Command,
    revision_before: u64,
    revision_after: u64,
    merge_key: Option<String>,
}

pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    current: u64,
    saved: Option<u64>,
    last_revision: u64,
    /// Cleared when the field being typed in loses focus, so the next run is a new step.
    merge_open: bool,
}

impl Default for History {
    fn default() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            current: 0,
            saved: Some(0),
            last_revision: 0,
            merge_open: false,
        }
    }
}

impl History {
    /// A history for a project that was never saved (a new project): dirty from the start
    /// only if `dirty` says so.
    pub fn new(dirty: bool) -> Self {
        History {
            saved: if dirty { None } else { Some(0) },
            ..History::default()
        }
    }

    fn fresh_revision(&mut self) -> u64 {
        self.last_revision += 1;
        self.last_revision
    }

    /// Applies `edit` to `project` and records it.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), CommandError> {
        // An edit that changes nothing (a status set to what it was, an import of the same
        // data) is no step to undo and does not make the project unsaved.
        if matches!(&edit.command, Command::Batch(steps) if steps.is_empty()) {
            return Ok(());
        }
        let can_merge = self.merge_open
            && edit.merge_key.is_some()
            && self.redo.is_empty()
            && self.undo.last().is_some_and(|top| {
                top.merge_key == edit.merge_key && Some(top.revision_after) != self.saved
            });
        let redo = edit.command.clone();
        let undo = edit.command.apply(project)?;
        let revision = self.fresh_revision();
        if can_merge {
            let top = self.undo.last_mut().expect("checked above");
            top.redo = redo;
            top.revision_after = revision;
        } else {
            self.undo.push(Step {
                label: edit.label,
                redo,
                undo,
                revision_before: self.current,
                revision_after: revision,
                merge_key: edit.merge_key.clone(),
            });
        }
        self.merge_open = edit.merge_key.is_some();
        self.redo.clear();
        self.current = revision;
        Ok(())
    }

    /// Ends the current run of merged typing: the next edit starts a new undo step.
    pub fn seal(&mut self) {
        self.merge_open = false;
    }

    pub fn undo(&mut self, project: &mut Project) -> Result<bool, CommandError> {
        self.seal();
        let Some(step) = self.undo.pop() else {
            return Ok(false);
        };
        match step.undo.clone().apply(project) {
            Ok(_) => {
                self.current = step.revision_before;
                self.redo.push(step);
                Ok(true)
            }
            Err(error) => {
                self.undo.push(step);
                Err(error)
            }
        }
    }

    pub fn redo(&mut self, project: &mut Project) -> Result<bool, CommandError> {
        self.seal();
        let Some(step) = self.redo.pop() else {
            return Ok(false);
        };
        match step.redo.clone().apply(project) {
            Ok(_) => {
                self.current = step.revision_after;
                self.undo.push(step);
                Ok(true)
            }
            Err(error) => {
                self.redo.push(step);
                Err(error)
            }
        }
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.current)
    }

    /// The revision of the project as it is now; pass it to [`Self::mark_saved`] once the
    /// copy taken at this revision is safely on disk.
    pub fn revision(&self) -> u64 {
        self.current
    }

    pub fn mark_saved(&mut self, revision: u64) {
        self.saved = Some(revision);
        self.seal();
    }

    /// The file on disk now matches no revision here (it was merged with someone else's
    /// version): every state is unsaved until the next save.
    pub fn forget_saved(&mut self) {
        self.saved = None;
        self.seal();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::Command;
    use chrono::NaiveDate;

    fn project() -> Project {
        Project::new(NaiveDate::from_ymd_opt(2009, 5, 1).unwrap())
    }

    fn set_title(p: &Project, title: &str) -> Edit {
        let mut programme = p.programme.clone();
        programme.title = title.into();
        Edit::new(Command::SetProgramme(Box::new(programme)), "Edit title").merging("title")
    }

    #[test]
    fn typing_in_one_field_is_one_step() {
        let mut p = project();
        let mut h = History::default();
        for title in ["R", "Re", "Reg"] {
            let edit = set_title(&p, title);
            h.apply(&mut p, edit).unwrap();
        }
        assert!(h.is_dirty());
        assert!(h.undo(&mut p).unwrap());
        assert_eq!(p.programme.title, "");
        assert!(!h.is_dirty(), "back at the saved state");
        assert!(
            !h.undo(&mut p).unwrap(),
            "an opened project cannot be undone further"
        );
        assert!(h.redo(&mut p).unwrap());
        assert_eq!(p.programme.title, "Reg");
    }

    #[test]
    fn sealing_splits_steps() {
        let mut p = project();
        let mut h = History::default();
        let edit = set_title(&p, "A");
        h.apply(&mut p, edit).unwrap();
        h.seal();
        let edit = set_title(&p, "AB");
        h.apply(&mut p, edit).unwrap();
        h.undo(&mut p).unwrap();
        assert_eq!(p.programme.title, "A");
    }

    #[test]
    fn saving_in_the_middle_of_typing_starts_a_new_step() {
        let mut p = project();
        let mut h = History::default();
        let edit = set_title(&p, "A");
        h.apply(&mut p, edit).unwrap();
        h.mark_saved(h.revision());
        assert!(!h.is_dirty());
        let edit = set_title(&p, "AB");
        h.apply(&mut p, edit).unwrap();
        assert!(h.is_dirty());
        h.undo(&mut p).unwrap();
        assert_eq!(p.programme.title, "A");
        assert!(!h.is_dirty());
    }

    #[test]
    fn an_empty_batch_is_no_step() {
        let mut p = project();
        let mut h = History::default();
        h.apply(&mut p, Edit::new(Command::Batch(vec![]), "Nothing"))
            .unwrap();
        assert!(!h.is_dirty());
        assert_eq!(h.undo_label(), None);
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut p = project();
        let mut h = History::default();
        let edit = set_title(&p, "A");
        h.apply(&mut p, edit).unwrap();
        h.undo(&mut p).unwrap();
        let edit = set_title(&p, "B");
        h.apply(&mut p, edit).unwrap();
        assert!(!h.redo(&mut p).unwrap());
        assert_eq!(h.undo_label(), Some("Edit title"));
    }
}
