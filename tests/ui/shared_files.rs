//! Files other people open too: locks, changes on disk, recovery of unsaved changes, and
//! large files opened in the background.

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use workplan::session::lock;
use workplan::session::recovery::RecoveryStore;
use workplan::ui::WorkplanApp;

use crate::support::*;

fn as_user(h: &mut Harness<'_, WorkplanApp>, user: &str) {
    h.state_mut().session.me.user = user.into();
}

fn open(h: &mut Harness<'_, WorkplanApp>, path: &Path) {
    h.state_mut().open_path(path);
    h.run();
}

/// Someone else edits the file and saves it with the real atomic save.
fn edit_on_disk(path: &Path, change: impl FnOnce(&mut workplan::model::Project)) {
    let mut project = workplan::io::load(path).unwrap();
    change(&mut project);
    // Make sure the change is visible even on filesystems with coarse timestamps.
    std::thread::sleep(std::time::Duration::from_millis(20));
    workplan::io::save(&project, path).unwrap();
}

fn first_activity_title(project: &workplan::model::Project) -> String {
    project.activities[0].title.clone()
}

/// Makes the app compare its file with the disk now, as it does when the window gets the
/// focus back.
fn focus_window(h: &mut Harness<'_, WorkplanApp>) {
    h.event(egui::Event::WindowFocused(true));
    h.step();
    // A file whose size or time changed is read again on a worker thread.
    for _ in 0..500 {
        if !h.state().is_reading_disk() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    h.run();
}

#[test]
fn a_second_instance_is_told_who_has_the_file_and_can_open_it_read_only() {
    let path = sample_copy();
    let chooser = ScriptedChooser::default();
    let mut first = harness(&chooser);
    as_user(&mut first, "ana");
    open(&mut first, &path);
    assert!(lock::lock_path(&path).exists(), "opening for editing locks");

    let mut second = harness(&chooser);
    as_user(&mut second, "ben");
    open(&mut second, &path);
    assert!(shows(&second, "is in use"));
    assert!(shows(&second, "ana on"), "names who has it");
    assert!(
        second.state().session.doc().is_none(),
        "nothing opened before the answer"
    );
    second.get_by_label("Open Read-Only").click();
    second.run();
    let doc = second.state().session.doc().expect("opened read-only");
    assert!(doc.read_only.is_some());
    assert!(shows(&second, "Read-only: ana on"));

    // Saving over it is refused with a way out.
    type_into(&mut second, "Title", " (ben)");
    second.key_press_modifiers(Modifiers::COMMAND, Key::S);
    second.run();
    assert!(shows(&second, "was opened read-only"));
    assert_eq!(
        second.query_all_by_label("Save As…").count(),
        2,
        "the dialog offers Save As, besides the banner"
    );
    assert!(
        !workplan::io::load(&path)
            .unwrap()
            .programme
            .title
            .contains("(ben)"),
        "the file is untouched"
    );
    second.get_by_label("OK").click();
    second.run();

    // Closing the editing instance unlocks the file; the read-only one never locked it.
    first.key_press_modifiers(Modifiers::COMMAND, Key::W);
    first.run();
    assert!(!lock::lock_path(&path).exists());
    drop(second);
    assert!(!lock::lock_path(&path).exists());
}

#[test]
fn open_anyway_takes_the_lock_and_cancel_opens_nothing() {
    let path = sample_copy();
    let chooser = ScriptedChooser::default();
    let mut first = harness(&chooser);
    as_user(&mut first, "ana");
    open(&mut first, &path);

    let mut second = harness(&chooser);
    as_user(&mut second, "ben");
    open(&mut second, &path);
    second.get_by_label("Cancel").click();
    second.run();
    assert!(second.state().session.doc().is_none());

    open(&mut second, &path);
    second.get_by_label("Open Anyway").click();
    second.run();
    let doc = second.state().session.doc().unwrap();
    assert!(doc.read_only.is_none());
    assert_eq!(lock::find(&path).unwrap().holder.unwrap().user, "ben");
    // The first instance closing does not remove the lock that is now ben's.
    drop(first);
    assert_eq!(lock::find(&path).unwrap().holder.unwrap().user, "ben");
}

#[test]
fn a_stale_lock_is_taken_over_without_asking() {
    let path = sample_copy();
    let mut ended = std::process::Command::new("true").spawn().unwrap();
    let dead = ended.id();
    ended.wait().unwrap();
    let ghost = lock::Holder {
        user: "ghost".into(),
        host: lock::host_name(),
        pid: dead,
        since: lock::now(),
    };
    // A lock left behind by a process that crashed.
    std::mem::forget(lock::take_over(&path, &ghost).unwrap());

    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    as_user(&mut h, "ana");
    open(&mut h, &path);
    assert!(
        h.state().session.doc().is_some(),
        "opened without a question"
    );
    assert!(shows(&h, "ghost"), "says whose lock was taken over");
    assert_eq!(lock::find(&path).unwrap().holder.unwrap().user, "ana");
}

/// The sample open with the programme title edited here (not saved), and `theirs` saved to
/// the file meanwhile by someone else. Returns our title.
fn edited_on_both_sides(
    h: &mut Harness<'_, WorkplanApp>,
    path: &Path,
    theirs: impl FnOnce(&mut workplan::model::Project),
) -> String {
    open(h, path);
    type_into(h, "Title", " (ours)");
    edit_on_disk(path, theirs);
    title(h)
}

#[test]
fn a_save_over_a_file_changed_on_disk_asks_then_merges() {
    let path = sample_copy();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open(&mut h, &path);
    type_into(&mut h, "Title", " (ours)");
    let ours_title = title(&h);
    edit_on_disk(&path, |p| {
        p.activities[0].title = "Changed by a colleague".into()
    });

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    wait_for_save(&mut h);
    assert!(shows(&h, "changed on disk while you were editing"));
    assert!(
        shows(&h, "changed title of activity"),
        "their change is listed"
    );
    let on_disk = workplan::io::load(&path).unwrap();
    assert_eq!(
        first_activity_title(&on_disk),
        "Changed by a colleague",
        "not overwritten"
    );
    assert_ne!(on_disk.programme.title, ours_title);

    h.get_by_label("Merge").click();
    h.run();
    let project = &h.state().session.doc().unwrap().project;
    assert_eq!(project.programme.title, ours_title, "ours kept");
    assert_eq!(first_activity_title(project), "Changed by a colleague");
    assert!(h.state().is_dirty(), "the merge is not on disk yet");

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    wait_for_save(&mut h);
    let saved = workplan::io::load(&path).unwrap();
    assert_eq!(saved.programme.title, ours_title);
    assert_eq!(first_activity_title(&saved), "Changed by a colleague");
    assert!(!h.state().is_dirty());

    // The merge is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_ne!(
        first_activity_title(&h.state().session.doc().unwrap().project),
        "Changed by a colleague"
    );
}

#[test]
fn same_field_changed_on_both_sides_cannot_merge_and_keep_mine_saves_over() {
    let path = sample_copy();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    let ours_title =
        edited_on_both_sides(&mut h, &path, |p| p.programme.title = "Their title".into());

    focus_window(&mut h);
    assert!(shows(&h, "changed on disk while you were editing"));
    assert!(shows(&h, "cannot be merged"));
    assert!(
        h.get_by_label("Merge").accesskit_node().is_disabled(),
        "merge is not offered"
    );
    h.get_by_label("Keep Mine (Save Over)").click();
    h.step();
    wait_for_save(&mut h);
    assert_eq!(
        workplan::io::load(&path).unwrap().programme.title,
        ours_title
    );
    assert!(!h.state().is_dirty());
}

#[test]
fn without_local_edits_a_change_on_disk_offers_a_reload() {
    let path = sample_copy();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open(&mut h, &path);
    focus_window(&mut h);
    assert!(!h.state().modal_is_open(), "nothing changed yet");

    edit_on_disk(&path, |p| {
        p.activities[0].title = "Renamed elsewhere".into()
    });
    focus_window(&mut h);
    assert!(shows(&h, "changed on disk"));
    h.get_by_label("Reload").click();
    h.run();
    let doc = h.state().session.doc().unwrap();
    assert_eq!(first_activity_title(&doc.project), "Renamed elsewhere");
    assert!(!h.state().is_dirty());

    // "Take theirs" style reloads are undoable, and a later save checks again.
    edit_on_disk(&path, |p| p.activities[0].title = "Renamed again".into());
    focus_window(&mut h);
    h.get_by_label("Keep What Is Open").click();
    h.run();
    type_into(&mut h, "Title", "!");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    wait_for_save(&mut h);
    assert!(
        shows(&h, "changed on disk while you were editing"),
        "put off, but asked again rather than overwritten"
    );
    assert_eq!(
        first_activity_title(&workplan::io::load(&path).unwrap()),
        "Renamed again"
    );
}

#[test]
fn take_theirs_drops_our_edits_in_one_undo_step() {
    let path = sample_copy();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    let ours_title =
        edited_on_both_sides(&mut h, &path, |p| p.programme.title = "Their title".into());
    focus_window(&mut h);
    h.get_by_label("Take Theirs").click();
    h.run();
    assert_eq!(title(&h), "Their title");
    assert!(!h.state().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(title(&h), ours_title, "undo brings ours back");
}

fn recovering_harness(chooser: &ScriptedChooser, store: &Path) -> Harness<'static, WorkplanApp> {
    let mut h = harness(chooser);
    h.state_mut().session.recovery = Some(RecoveryStore::new(store.to_path_buf()));
    h.state_mut().session.autosave_after = std::time::Duration::ZERO;
    h
}

fn wait_for_recovery_copy(h: &mut Harness<'_, WorkplanApp>, store: &RecoveryStore) {
    for _ in 0..500 {
        h.step();
        if !store.list().is_empty() {
            // Let the app hear that the write finished.
            for _ in 0..20 {
                h.step();
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("no recovery copy was written");
}

fn ended_pid() -> u32 {
    let mut ended = std::process::Command::new("true").spawn().unwrap();
    let pid = ended.id();
    ended.wait().unwrap();
    pid
}

/// A crash of the instance `crashed`: no quit, no save; its recovery copies and lock stay
/// behind, and now belong to a process that has ended. (The test shares one process with
/// it, so the copies are renamed to an ended process's pid and the lock is removed by hand;
/// a lock of an ended process is taken over anyway, as another test shows.)
fn crash(crashed: Harness<'_, WorkplanApp>, store: &RecoveryStore, file: Option<&Path>) {
    std::mem::forget(crashed);
    if let Some(file) = file {
        let _ = std::fs::remove_file(lock::lock_path(file));
    }
    let dead = ended_pid();
    for entry in std::fs::read_dir(store.dir()).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let mut parts: Vec<&str> = name.split('.').collect();
        let at = parts.len() - 2;
        let dead = dead.to_string();
        parts[at] = &dead;
        std::fs::rename(&path, path.with_file_name(parts.join("."))).unwrap();
    }
}

#[test]
fn unsaved_changes_survive_a_crash_and_are_offered_back() {
    let path = sample_copy();
    let data = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(data.path().join("recovery"));
    let chooser = ScriptedChooser::default();

    let mut crashed = recovering_harness(&chooser, store.dir());
    open(&mut crashed, &path);
    type_into(&mut crashed, "Title", " (unsaved)");
    let unsaved = title(&crashed);
    wait_for_recovery_copy(&mut crashed, &store);
    assert!(
        !workplan::io::load(&path)
            .unwrap()
            .programme
            .title
            .contains("unsaved"),
        "the user's file is never written by autosave"
    );
    crash(crashed, &store, Some(&path));

    let mut h = recovering_harness(&chooser, store.dir());
    open(&mut h, &path);
    assert!(shows(&h, "Unsaved changes were recovered"));
    assert!(
        shows(&h, "changed title of programme"),
        "lists what differs"
    );
    h.get_by_label("Restore Unsaved Changes").click();
    h.run();
    assert_eq!(title(&h), unsaved);
    assert!(h.state().is_dirty(), "restored, not yet saved");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    wait_for_save(&mut h);
    assert_eq!(workplan::io::load(&path).unwrap().programme.title, unsaved);
    assert!(
        store.list().is_empty(),
        "the recovery copy is removed once saved"
    );
}

#[test]
fn discarding_recovered_changes_removes_the_copy() {
    let path = sample_copy();
    let data = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(data.path().to_path_buf());
    let chooser = ScriptedChooser::default();
    let mut crashed = recovering_harness(&chooser, store.dir());
    open(&mut crashed, &path);
    let original = title(&crashed);
    type_into(&mut crashed, "Title", " (unsaved)");
    wait_for_recovery_copy(&mut crashed, &store);
    crash(crashed, &store, Some(&path));

    let mut h = recovering_harness(&chooser, store.dir());
    open(&mut h, &path);
    h.get_by_label("Discard Them").click();
    h.run();
    assert_eq!(title(&h), original);
    assert!(store.list().is_empty());

    // "Don't save" when closing removes the copy as well.
    type_into(&mut h, "Title", " (again)");
    wait_for_recovery_copy(&mut h, &store);
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    h.get_by_label("Don't Save").click();
    h.run();
    assert!(store.list().is_empty());
}

#[test]
fn a_large_file_opens_in_the_background_with_progress() {
    let path = sample_copy();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    h.state_mut().session.open_in_background_above = 0;
    h.state_mut().open_path(&path);
    assert!(h.state().is_opening());
    h.step();
    for _ in 0..500 {
        if h.state().session.doc().is_some() {
            break;
        }
        assert!(shows(&h, "Opening see-regional"), "progress is shown");
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
    assert!(h.state().session.doc().is_some());
    assert!(!h.state().is_opening());
    assert!(lock::lock_path(&path).exists());
}

#[test]
fn work_never_saved_is_offered_on_the_start_page_after_a_crash() {
    let data = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(data.path().to_path_buf());
    let chooser = ScriptedChooser::default();
    let mut crashed = recovering_harness(&chooser, store.dir());
    crashed
        .state_mut()
        .perform(workplan::ui::Action::New, false);
    crashed.run();
    type_into(&mut crashed, "Title", "Never saved");
    wait_for_recovery_copy(&mut crashed, &store);
    crash(crashed, &store, None);
    let left = store.list().remove(0).file;

    let mut h = recovering_harness(&chooser, store.dir());
    h.state_mut().find_orphans();
    h.run();
    assert!(shows(&h, "Recovered unsaved work"));
    assert!(shows(&h, "Never saved"));
    h.get_by_label("Open").click();
    h.run();
    assert_eq!(title(&h), "Never saved");
    assert!(h.state().is_dirty());

    let target = data.path().join("saved.ron");
    chooser.answer(workplan::ui::Choice::Chosen(target.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    wait_for_save(&mut h);
    assert_eq!(
        workplan::io::load(&target).unwrap().programme.title,
        "Never saved"
    );
    assert!(!left.exists(), "saved, so the copy has served");
}

#[cfg(unix)]
#[test]
fn a_file_marked_read_only_opens_read_only_and_is_never_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let path = sample_copy();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open(&mut h, &path);
    assert!(shows(&h, "Read-only: the file is marked read-only"));
    assert!(!lock::lock_path(&path).exists(), "nothing to lock");
    type_into(&mut h, "Title", " (edited)");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(shows(&h, "was opened read-only"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_colleague_saving_after_the_crash_is_merged_not_undone() {
    let path = sample_copy();
    let data = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(data.path().to_path_buf());
    let chooser = ScriptedChooser::default();
    let mut crashed = recovering_harness(&chooser, store.dir());
    open(&mut crashed, &path);
    type_into(&mut crashed, "Title", " (unsaved)");
    let unsaved = title(&crashed);
    wait_for_recovery_copy(&mut crashed, &store);
    crash(crashed, &store, Some(&path));
    edit_on_disk(&path, |p| {
        p.activities[0].title = "Saved by a colleague".into()
    });

    let mut h = recovering_harness(&chooser, store.dir());
    open(&mut h, &path);
    assert!(shows(&h, "restoring merges them"));
    assert!(
        !shows(&h, "changed title of activity"),
        "their change is not listed as one of ours to restore"
    );
    h.get_by_label("Restore Unsaved Changes").click();
    h.run();
    let project = &h.state().session.doc().unwrap().project;
    assert_eq!(project.programme.title, unsaved);
    assert_eq!(first_activity_title(project), "Saved by a colleague");
}

#[test]
fn a_window_still_open_keeps_its_recovery_copy_to_itself() {
    let path = sample_copy();
    let data = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(data.path().to_path_buf());
    let chooser = ScriptedChooser::default();
    let mut first = recovering_harness(&chooser, store.dir());
    as_user(&mut first, "ana");
    open(&mut first, &path);
    type_into(&mut first, "Title", " (ana, unsaved)");
    wait_for_recovery_copy(&mut first, &store);

    let mut second = recovering_harness(&chooser, store.dir());
    as_user(&mut second, "ben");
    open(&mut second, &path);
    second.get_by_label("Open Read-Only").click();
    second.run();
    assert!(
        !shows(&second, "Unsaved changes were recovered"),
        "ana's copy is in use, not left over"
    );
    assert_eq!(store.list().len(), 1, "and it is still there");
}

#[test]
fn edits_wait_while_another_file_is_opening() {
    let first = sample_copy();
    // Large enough that reading it takes many frames, so the frame after the edit always
    // comes while it is still being opened.
    let second = first.with_file_name("second.ron");
    let mut large = workplan::plan::generate::project(4000, 200, 6, 1);
    large.programme.title = workplan::testing::sample().programme.title;
    workplan::io::save(&large, &second).unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open(&mut h, &first);
    let before = title(&h);
    h.state_mut().session.open_in_background_above = 0;
    h.state_mut().open_path(&second);
    let edit = workplan::ui::Action::Undo;
    h.state_mut().perform(edit, false);
    assert!(shows_after_step(
        &mut h,
        "Wait until the file being opened is ready"
    ));
    assert!(
        h.query_by_label("Title").is_none(),
        "nothing to type into meanwhile"
    );
    for _ in 0..500 {
        h.step();
        if !h.state().is_opening() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run();
    assert_eq!(title(&h), before);
    assert_eq!(
        h.state().session.doc().unwrap().path.as_deref(),
        Some(second.as_path())
    );
}

fn shows_after_step(h: &mut Harness<'_, WorkplanApp>, text: &str) -> bool {
    h.step();
    shows(h, text)
}

#[test]
fn put_off_changes_on_disk_come_back_when_saving() {
    let path = sample_copy();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    let ours_title = edited_on_both_sides(&mut h, &path, |p| {
        p.activities[0].title = "Changed by a colleague".into()
    });
    focus_window(&mut h);
    h.get_by_label("Decide Later").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    wait_for_save(&mut h);
    assert!(
        shows(&h, "changed on disk while you were editing"),
        "asked again"
    );
    h.get_by_label("Merge").click();
    h.run();
    let project = &h.state().session.doc().unwrap().project;
    assert_eq!(project.programme.title, ours_title);
    assert_eq!(first_activity_title(project), "Changed by a colleague");
}

#[test]
fn merge_keeping_mine_takes_their_other_changes() {
    let path = sample_copy();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    let ours_title = edited_on_both_sides(&mut h, &path, |p| {
        p.programme.title = "Their title".into();
        p.activities[0].title = "Changed by a colleague".into();
    });
    focus_window(&mut h);
    assert!(
        shows(&h, "programme, title: yours"),
        "the clash with both values"
    );
    h.get_by_label("Merge, Keeping Mine Where Both Changed")
        .click();
    h.run();
    let project = &h.state().session.doc().unwrap().project;
    assert_eq!(project.programme.title, ours_title);
    assert_eq!(first_activity_title(project), "Changed by a colleague");
}

#[test]
fn keep_mine_after_quit_then_save_still_quits() {
    let path = sample_copy();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    let ours_title =
        edited_on_both_sides(&mut h, &path, |p| p.programme.title = "Their title".into());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    h.get_by_label("Save").click();
    h.step();
    wait_for_save(&mut h);
    assert!(shows(&h, "changed on disk while you were editing"));
    h.get_by_label("Keep Mine (Save Over)").click();
    h.step();
    wait_for_save(&mut h);
    assert_eq!(
        workplan::io::load(&path).unwrap().programme.title,
        ours_title
    );
    assert!(h.state().quit_requested(), "the quit goes on");
}

#[test]
fn save_as_never_replaces_a_file_someone_has_open_or_that_is_read_only() {
    let mine = sample_copy();
    let theirs = sample_copy();
    let chooser = ScriptedChooser::default();
    let mut other = harness(&chooser);
    as_user(&mut other, "ana");
    open(&mut other, &theirs);

    let mut h = harness(&chooser);
    open(&mut h, &mine);
    chooser.answer(workplan::ui::Choice::Chosen(theirs.clone()));
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    h.run();
    assert!(shows(&h, "ana on"), "says who has it open");
    assert!(shows(&h, "Choose another name"));
    assert!(!h.state().is_saving());
}

#[test]
fn ended_by_the_system_unsaved_changes_are_kept_and_the_file_unlocked() {
    let path = sample_copy();
    let data = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(data.path().to_path_buf());
    let chooser = ScriptedChooser::default();
    let mut h = recovering_harness(&chooser, store.dir());
    // Long enough that only the termination can have written the copy.
    h.state_mut().session.autosave_after = std::time::Duration::from_secs(3600);
    open(&mut h, &path);
    type_into(&mut h, "Title", " (unsaved)");
    let unsaved = title(&h);
    assert!(store.list().is_empty());

    // What the SIGTERM / SIGHUP handler does.
    h.state()
        .session
        .terminate
        .store(true, std::sync::atomic::Ordering::Relaxed);
    h.run();
    assert!(h.state().quit_requested());
    assert!(!lock::lock_path(&path).exists(), "unlocked");
    let copies = store.list();
    assert_eq!(copies.len(), 1, "the unsaved changes were kept");
    assert_eq!(copies[0].project.as_ref().unwrap().programme.title, unsaved);
}
