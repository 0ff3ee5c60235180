//! What the UI tests share: a harness around the real app, file dialogs answered from a
//! script, and small helpers to click menus and type into fields.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use workplan::ui::{Choice, FileChooser, WorkplanApp};

/// File dialogs that answer from a script instead of showing a window.
#[derive(Clone, Default)]
pub struct ScriptedChooser {
    answers: Arc<Mutex<Vec<Choice>>>,
    /// The files opened "in the viewer", and whether the viewer is missing.
    pub opened: Arc<Mutex<Vec<std::path::PathBuf>>>,
    pub no_viewer: Arc<Mutex<bool>>,
}

impl ScriptedChooser {
    pub fn answer(&self, choice: Choice) {
        self.answers.lock().unwrap().push(choice);
    }

    fn next(&self) -> Choice {
        let mut answers = self.answers.lock().unwrap();
        if answers.is_empty() {
            Choice::Cancelled
        } else {
            answers.remove(0)
        }
    }
}

impl FileChooser for ScriptedChooser {
    fn choose_open(&mut self) -> Choice {
        self.next()
    }
    fn choose_save(&mut self, _suggested_name: &str) -> Choice {
        self.next()
    }
    fn open_in_viewer(&mut self, path: &std::path::Path) -> Result<(), String> {
        if *self.no_viewer.lock().unwrap() {
            return Err("no program opens PDF files".into());
        }
        self.opened.lock().unwrap().push(path.to_path_buf());
        Ok(())
    }
}

pub fn harness(chooser: &ScriptedChooser) -> Harness<'static, WorkplanApp> {
    harness_sized(chooser, egui::vec2(1200.0, 800.0))
}

/// A harness with a window of `size`: tall enough that a long editor needs no scrolling.
pub fn harness_sized(chooser: &ScriptedChooser, size: egui::Vec2) -> Harness<'static, WorkplanApp> {
    let app = WorkplanApp::new(
        Box::new(chooser.clone()),
        NaiveDate::from_ymd_opt(2009, 9, 1).unwrap(),
    );
    Harness::builder()
        .with_size(size)
        // Grids and the side panel take a few frames to settle after the layout changes.
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut WorkplanApp| app.show(ui), app)
}

pub fn menu(h: &mut Harness<'_, WorkplanApp>, menu: &str, item: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

pub fn type_into(h: &mut Harness<'_, WorkplanApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Whether any node's label contains `text`.
pub fn shows(h: &Harness<'_, WorkplanApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

pub fn title(h: &Harness<'_, WorkplanApp>) -> String {
    h.state()
        .session
        .doc()
        .unwrap()
        .project
        .programme
        .title
        .clone()
}

/// Steps until the save under way has ended. Call it straight after what starts the save,
/// not after `run`: the status bar's spinner repaints for as long as the save takes.
pub fn wait_for_save(h: &mut Harness<'_, WorkplanApp>) {
    for _ in 0..500 {
        h.step();
        if !h.state().is_saving() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the save did not finish");
}

/// Opens the bundled sample programme, as `workplan FILE` does.
pub fn open_sample(h: &mut Harness<'_, WorkplanApp>) {
    let copy = sample_copy();
    h.state_mut().open_path(&copy);
    h.run();
    assert!(h.state().session.doc().is_some(), "the sample opens");
}

/// A copy of the sample in a folder of its own, so that tests running side by side never
/// share a file (opening one leaves a lock beside it). Kept under cargo's scratch folder for
/// tests, not removed: the app may still have it open when the test ends.
pub fn sample_copy() -> std::path::PathBuf {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap()
        .keep();
    let copy = dir.join("see-regional-programme-2009-2011.ron");
    std::fs::copy(workplan::testing::sample_path(), &copy).unwrap();
    copy
}

/// Presses at `start`, moves in steps to `end` and releases there, as a hand on a mouse would.
pub fn drag(h: &mut Harness<'_, WorkplanApp>, start: egui::Pos2, end: egui::Pos2) {
    h.hover_at(start);
    h.run();
    h.drag_at(start);
    h.run();
    for step in 1..=8 {
        let t = step as f32 / 8.0;
        h.hover_at(start + (end - start) * t);
        h.run();
    }
    h.event(egui::Event::PointerButton {
        pos: end,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
}

/// Double-clicks at the centre of the node labelled `label`: both clicks in one frame, as
/// the harness would otherwise give each press and release a frame (a quarter second) of
/// its own, too slow for a double click.
pub fn double_click(h: &mut Harness<'_, WorkplanApp>, label: &str) {
    let pos = h.get_by_label(label).rect().center();
    h.hover_at(pos);
    h.run();
    for pressed in [true, false, true, false] {
        h.input_mut().events.push(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
}
