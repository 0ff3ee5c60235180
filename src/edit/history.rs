//! Undo and redo over [`Command`]s, and whether the project differs from what was saved.
//!
//! Every state of the project has a revision number. The project is dirty when the current
//! revision is not the saved one, so undoing back to the saved state makes it clean again.
//!
//! The history is bounded ([`Limits`]): past a number of steps or an approximate size, the
//! oldest steps are forgotten. If the saved state goes with them, undo cannot reach it any
//! more and the project stays unsaved until the next save.

use crate::edit::commands::{Command, CommandError};
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

/// One undo step. It holds a single command: on the undo stack the one that undoes it, on
/// the redo stack the one that redoes it. Applying either hands back the other (see
/// [`Command::apply`]), so each is made when it is needed and never kept twice.
struct Step {
    label: String,
    command: Command,
    /// [`approximate_size`] of `command`.
    size: usize,
    revision_before: u64,
    revision_after: u64,
    merge_key: Option<String>,
}

/// How much history is kept. When a new step goes over either limit, the oldest steps are
/// forgotten; the newest step is always kept, however big.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_steps: usize,
    /// Approximate bytes held by the commands of all steps (see [`approximate_size`]).
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_steps: 1000,
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Roughly how many bytes `command` holds: the length of its debug text, counted without
/// being written anywhere. It grows with every value the command carries (a replaced project
/// counts as large as the project, a typed title as small as the title) and needs no rule per
/// kind of command.
pub fn approximate_size(command: &Command) -> usize {
    struct Counter(usize);
    impl std::fmt::Write for Counter {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    let mut counter = Counter(0);
    // Writing to a counter cannot fail.
    let _ = std::fmt::write(&mut counter, format_args!("{command:?}"));
    std::mem::size_of::<Step>() + counter.0
}

pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    current: u64,
    saved: Option<u64>,
    last_revision: u64,
    /// Cleared when the field being typed in loses focus, so the next run is a new step.
    merge_open: bool,
    limits: Limits,
    /// Sum of the sizes of the steps on both stacks.
    bytes: usize,
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
            limits: Limits::default(),
            bytes: 0,
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

    /// The same history with other limits on what it keeps.
    pub fn with_limits(self, limits: Limits) -> Self {
        let mut history = History { limits, ..self };
        history.enforce_limits();
        history
    }

    fn fresh_revision(&mut self) -> u64 {
        self.last_revision += 1;
        self.last_revision
    }

    /// Forgets the oldest undo steps while the history is over its limits. The saved
    /// revision may go with them: undo can then no longer reach it, and the project stays
    /// unsaved until the next save, as it should.
    fn enforce_limits(&mut self) {
        let over = |h: &History| {
            h.undo.len() + h.redo.len() > h.limits.max_steps || h.bytes > h.limits.max_bytes
        };
        if !over(self) {
            return;
        }
        let mut forget = 0;
        let mut steps = self.undo.len() + self.redo.len();
        let mut bytes = self.bytes;
        while forget + 1 < self.undo.len()
            && (steps > self.limits.max_steps || bytes > self.limits.max_bytes)
        {
            bytes -= self.undo[forget].size;
            steps -= 1;
            forget += 1;
        }
        self.undo.drain(..forget);
        self.bytes = bytes;
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
        let undo = edit.command.apply(project)?;
        let revision = self.fresh_revision();
        if can_merge {
            // The oldest inverse of the run undoes all of it, and undoing hands back the
            // command that redoes all of it: only the revision moves on.
            let top = self.undo.last_mut().expect("checked above");
            top.revision_after = revision;
        } else {
            let size = approximate_size(&undo);
            self.bytes += size;
            self.undo.push(Step {
                label: edit.label,
                command: undo,
                size,
                revision_before: self.current,
                revision_after: revision,
                merge_key: edit.merge_key.clone(),
            });
        }
        self.merge_open = edit.merge_key.is_some();
        self.bytes -= self.redo.drain(..).map(|s| s.size).sum::<usize>();
        self.current = revision;
        self.enforce_limits();
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
        match step.command.clone().apply(project) {
            Ok(redo) => {
                self.current = step.revision_before;
                let step = self.swap_command(step, redo);
                self.redo.push(step);
                self.enforce_limits();
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
        match step.command.clone().apply(project) {
            Ok(undo) => {
                self.current = step.revision_after;
                let step = self.swap_command(step, undo);
                self.undo.push(step);
                self.enforce_limits();
                Ok(true)
            }
            Err(error) => {
                self.redo.push(step);
                Err(error)
            }
        }
    }

    /// The step holding `command` (what applying its old command handed back) instead.
    fn swap_command(&mut self, step: Step, command: Command) -> Step {
        let size = approximate_size(&command);
        self.bytes = self.bytes - step.size + size;
        Step {
            command,
            size,
            ..step
        }
    }

    /// How many steps undo and redo hold together.
    pub fn len(&self) -> usize {
        self.undo.len() + self.redo.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Approximate bytes the history holds (see [`approximate_size`]).
    pub fn approximate_bytes(&self) -> usize {
        self.bytes
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
    use crate::edit::commands::Command;
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

    fn titled(title: &str) -> Edit {
        let mut p = project();
        p.programme.title = title.into();
        Edit::new(Command::SetProgramme(Box::new(p.programme)), "Edit title")
    }

    /// A whole project whose description is `bytes` long, as a merge would bring in.
    fn replace(p: &Project, description: char, bytes: usize) -> Edit {
        let mut replacement = p.clone();
        replacement.programme.description = description.to_string().repeat(bytes);
        Edit::new(Command::ReplaceProject(Box::new(replacement)), "Merge")
    }

    fn limited(max_steps: usize, max_bytes: usize) -> History {
        History::default().with_limits(Limits {
            max_steps,
            max_bytes,
        })
    }

    #[test]
    fn the_history_keeps_at_most_max_steps() {
        let mut p = project();
        let mut h = limited(3, usize::MAX);
        for title in ["A", "B", "C", "D", "E"] {
            h.apply(&mut p, titled(title)).unwrap();
        }
        assert_eq!(h.len(), 3);
        for expected in ["D", "C", "B"] {
            assert!(h.undo(&mut p).unwrap());
            assert_eq!(p.programme.title, expected);
        }
        assert!(!h.undo(&mut p).unwrap(), "the oldest steps are forgotten");
        assert_eq!(h.len(), 3, "undone steps wait on the redo stack");
    }

    #[test]
    fn big_steps_push_out_older_ones() {
        let mut p = project();
        let mut h = limited(1000, 25_000);
        h.apply(&mut p, titled("small")).unwrap();
        let small = h.approximate_bytes();
        assert!(small < 2_000, "{small}");
        for c in ['a', 'b', 'c', 'd'] {
            let edit = replace(&p, c, 10_000);
            h.apply(&mut p, edit).unwrap();
            assert!(h.approximate_bytes() <= 25_000, "{}", h.approximate_bytes());
        }
        // Each inverse holds a project with a 10 kB description, the first an empty one.
        assert_eq!(h.len(), 2);
        assert!(h.undo(&mut p).unwrap());
        assert!(p.programme.description.starts_with('c'));
        assert!(h.undo(&mut p).unwrap());
        assert!(p.programme.description.starts_with('b'));
        assert!(!h.undo(&mut p).unwrap());
    }

    #[test]
    fn the_newest_step_is_kept_however_big() {
        let mut p = project();
        let mut h = limited(1000, 100);
        h.apply(&mut p, titled("A")).unwrap();
        let edit = replace(&p, 'x', 1_000);
        h.apply(&mut p, edit).unwrap();
        assert_eq!(h.len(), 1);
        assert!(h.undo(&mut p).unwrap());
        assert_eq!(p.programme.description, "");
        assert!(h.redo(&mut p).unwrap());
        assert_eq!(p.programme.description.len(), 1_000);
    }

    #[test]
    fn undo_and_redo_work_across_the_boundary() {
        let mut p = project();
        let mut h = limited(2, usize::MAX);
        for title in ["A", "B", "C", "D"] {
            h.apply(&mut p, titled(title)).unwrap();
        }
        assert!(h.undo(&mut p).unwrap());
        assert!(h.undo(&mut p).unwrap());
        assert_eq!(p.programme.title, "B");
        assert!(!h.undo(&mut p).unwrap());
        assert!(h.redo(&mut p).unwrap());
        assert_eq!(p.programme.title, "C");
        // A new edit clears redo and pushes out the oldest step.
        h.apply(&mut p, titled("E")).unwrap();
        assert_eq!(h.len(), 2);
        assert!(!h.redo(&mut p).unwrap());
        assert!(h.undo(&mut p).unwrap());
        assert_eq!(p.programme.title, "C");
        assert!(h.undo(&mut p).unwrap());
        assert_eq!(p.programme.title, "B");
        assert!(!h.undo(&mut p).unwrap());
        for expected in ["C", "E"] {
            assert!(h.redo(&mut p).unwrap());
            assert_eq!(p.programme.title, expected);
        }
        assert!(!h.redo(&mut p).unwrap());
    }

    #[test]
    fn a_saved_state_that_was_forgotten_cannot_be_undone_to() {
        let mut p = project();
        let mut h = limited(2, usize::MAX);
        h.apply(&mut p, titled("A")).unwrap();
        h.mark_saved(h.revision());
        h.apply(&mut p, titled("B")).unwrap();
        h.apply(&mut p, titled("C")).unwrap();
        // Still reachable: A is the state before the oldest kept step.
        h.undo(&mut p).unwrap();
        h.undo(&mut p).unwrap();
        assert_eq!(p.programme.title, "A");
        assert!(!h.is_dirty());
        h.redo(&mut p).unwrap();
        h.redo(&mut p).unwrap();
        assert!(h.is_dirty());
        // One more step forgets the step out of A: undo stops at B, which was never saved.
        h.apply(&mut p, titled("D")).unwrap();
        while h.undo(&mut p).unwrap() {
            assert!(h.is_dirty(), "at {}", p.programme.title);
        }
        assert_eq!(p.programme.title, "B");
        assert!(h.is_dirty());
        while h.redo(&mut p).unwrap() {
            assert!(h.is_dirty());
        }
        assert_eq!(p.programme.title, "D");
        h.mark_saved(h.revision());
        assert!(!h.is_dirty());
    }

    #[test]
    fn typing_merges_into_one_bounded_step() {
        let mut p = project();
        let mut h = limited(2, usize::MAX);
        h.apply(&mut p, titled("Before")).unwrap();
        for title in ["R", "Re", "Reg", "Regi", "Regio"] {
            let edit = set_title(&p, title);
            h.apply(&mut p, edit).unwrap();
        }
        assert_eq!(h.len(), 2, "the run is one step");
        let bytes = h.approximate_bytes();
        let edit = set_title(&p, "Regional");
        h.apply(&mut p, edit).unwrap();
        assert_eq!(
            h.approximate_bytes(),
            bytes,
            "merging keeps the oldest inverse"
        );
        assert!(h.undo(&mut p).unwrap());
        assert_eq!(p.programme.title, "Before");
        assert!(h.redo(&mut p).unwrap());
        assert_eq!(
            p.programme.title, "Regional",
            "the newest value redoes the run"
        );
        assert!(h.undo(&mut p).unwrap());
        assert!(h.undo(&mut p).unwrap());
        assert_eq!(p.programme.title, "");
        assert!(!h.is_dirty());
    }

    #[test]
    fn the_byte_count_follows_the_stacks() {
        let mut p = project();
        let mut h = History::default();
        let edit = replace(&p, 'x', 5_000);
        h.apply(&mut p, edit).unwrap();
        let undo_side = h.approximate_bytes();
        h.undo(&mut p).unwrap();
        let redo_side = h.approximate_bytes();
        assert!(redo_side > undo_side + 4_000, "{undo_side} {redo_side}");
        h.redo(&mut p).unwrap();
        assert_eq!(h.approximate_bytes(), undo_side);
        h.undo(&mut p).unwrap();
        h.apply(&mut p, titled("A")).unwrap();
        assert!(h.approximate_bytes() < 2_000, "redo steps are let go");
    }
}
