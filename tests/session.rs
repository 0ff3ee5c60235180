//! The shared-file flows of a session, without a window: locks, changes on disk, merge
//! choices, recovery after a crash and background open, driven through the session's
//! questions and answers as the window drives them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use workplan::edit::commands::Command;
use workplan::edit::history::Edit;
use workplan::model::Project;
use workplan::session::recovery::RecoveryStore;
use workplan::session::{DiskChoice, Event, OpenChoice, Question, Session, lock};

fn sample_copy() -> PathBuf {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap()
        .keep();
    let copy = dir.join("programme.ron");
    std::fs::copy(workplan::testing::sample_path(), &copy).unwrap();
    copy
}

/// A session as user `user` of this computer (one process plays several people).
fn session_as(user: &str) -> Session {
    let mut session = Session::default();
    session.me.user = user.into();
    session
}

/// Polls until the background work has ended, with the window's focus just regained when
/// `look_at_disk` is set; returns what was said meanwhile.
fn settle(session: &mut Session, look_at_disk: bool) -> Vec<Event> {
    let mut events = Vec::new();
    let mut focused = look_at_disk;
    for _ in 0..2000 {
        session.poll(focused, false);
        focused = false;
        events.extend(session.take_events());
        if !session.is_saving() && !session.is_opening() && !session.is_reading_disk() {
            return events;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("the session's background work did not end");
}

fn questions(events: &[Event]) -> Vec<&Question> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Ask(q) => Some(q),
            _ => None,
        })
        .collect()
}

fn set_title(session: &mut Session, title: &str) {
    let mut programme = session.doc().unwrap().project.programme.clone();
    programme.title = title.into();
    session
        .apply(
            session.current().unwrap(),
            Edit::new(Command::SetProgramme(Box::new(programme)), "Title"),
        )
        .unwrap();
}

fn set_activity_title(session: &mut Session, index: usize, title: &str) {
    let mut activity = session.doc().unwrap().project.activities[index].clone();
    activity.title = title.into();
    session
        .apply(
            session.current().unwrap(),
            Edit::new(Command::SetActivity(Box::new(activity)), "Title"),
        )
        .unwrap();
}

fn edit_on_disk(path: &Path, change: impl FnOnce(&mut Project)) {
    let mut project = workplan::io::load(path).unwrap();
    change(&mut project);
    workplan::io::save(&project, path).unwrap();
}

#[test]
fn a_second_session_is_asked_and_read_only_refuses_to_save() {
    let path = sample_copy();
    let mut ana = session_as("ana");
    ana.open_path(&path);
    assert!(questions(&ana.take_events()).is_empty());
    assert!(ana.doc().unwrap().lock.is_some());

    let mut ben = session_as("ben");
    ben.open_path(&path);
    let events = ben.take_events();
    let asked = questions(&events);
    assert!(
        matches!(asked[..], [Question::FileInUse { message, .. }] if message.contains("ana")),
        "{asked:?}"
    );
    assert!(ben.doc().is_none(), "nothing is shown before the answer");
    ben.answer_file_in_use(OpenChoice::ReadOnly);
    assert!(ben.take_events().contains(&Event::Replaced));
    let doc = ben.doc().unwrap();
    assert!(doc.read_only.as_deref().unwrap().contains("ana"));
    assert!(doc.lock.is_none());
    set_title(&mut ben, "Ben's");
    assert!(
        !ben.save(ben.current().unwrap(), path.clone()),
        "read-only is not saved over"
    );
    assert!(matches!(
        &ben.take_events()[..],
        [Event::Failed {
            offer_save_as: true,
            ..
        }]
    ));
}

#[test]
fn open_anyway_takes_the_lock_and_cancel_shows_nothing() {
    let path = sample_copy();
    let mut ana = session_as("ana");
    ana.open_path(&path);
    let mut ben = session_as("ben");
    ben.open_path(&path);
    ben.answer_file_in_use(OpenChoice::Cancel);
    assert!(ben.doc().is_none());
    ben.open_path(&path);
    ben.answer_file_in_use(OpenChoice::Anyway);
    assert!(ben.doc().unwrap().lock.is_some());
    assert_eq!(
        lock::find(&path).unwrap().holder.unwrap().user,
        "ben",
        "the lock is Ben's now"
    );
}

#[test]
fn a_change_on_disk_without_edits_is_offered_for_reload() {
    let path = sample_copy();
    let mut s = Session::default();
    s.open_path(&path);
    edit_on_disk(&path, |p| p.programme.title = "Theirs".into());
    let events = settle(&mut s, true);
    let asked = questions(&events);
    assert!(
        matches!(asked[..], [Question::DiskChanged { dirty: false, .. }]),
        "{asked:?}"
    );
    s.answer_disk_change(s.current().unwrap(), DiskChoice::Reload);
    assert_eq!(s.doc().unwrap().project.programme.title, "Theirs");
    assert!(!s.is_dirty());
}

#[test]
fn a_save_over_a_change_on_disk_asks_and_merge_keeps_both() {
    let path = sample_copy();
    let mut s = Session::default();
    s.open_path(&path);
    set_title(&mut s, "Ours");
    edit_on_disk(&path, |p| p.activities[0].title = "Theirs".into());
    assert!(s.save(s.current().unwrap(), path.clone()));
    s.wait_for_save();
    let events = s.take_events();
    assert!(
        matches!(questions(&events)[..], [Question::DiskChanged { dirty: true, conflicts, .. }] if conflicts.is_empty())
    );
    assert!(!events.iter().any(|e| matches!(e, Event::Saved { .. })));
    assert_eq!(
        workplan::io::load(&path).unwrap().programme.title,
        workplan::testing::sample().programme.title,
        "nothing was written"
    );
    s.answer_disk_change(s.current().unwrap(), DiskChoice::Merge);
    assert!(s.save(s.current().unwrap(), path.clone()));
    s.wait_for_save();
    assert!(
        s.take_events()
            .iter()
            .any(|e| matches!(e, Event::Saved { wrote: true, .. }))
    );
    let saved = workplan::io::load(&path).unwrap();
    assert_eq!(saved.programme.title, "Ours");
    assert_eq!(saved.activities[0].title, "Theirs");
}

#[test]
fn the_same_field_on_both_sides_cannot_merge_and_keep_mine_saves_over() {
    let path = sample_copy();
    let mut s = Session::default();
    s.open_path(&path);
    set_title(&mut s, "Ours");
    edit_on_disk(&path, |p| p.programme.title = "Theirs".into());
    s.save(s.current().unwrap(), path.clone());
    s.wait_for_save();
    let events = s.take_events();
    assert!(
        matches!(questions(&events)[..], [Question::DiskChanged { conflicts, .. }] if !conflicts.is_empty())
    );
    s.answer_disk_change(s.current().unwrap(), DiskChoice::KeepMine);
    s.wait_for_save();
    assert_eq!(workplan::io::load(&path).unwrap().programme.title, "Ours");
}

#[test]
fn a_large_file_opens_in_the_background() {
    let path = sample_copy();
    let mut s = Session::default();
    let shown = s.open_project(workplan::testing::sample(), None);
    s.open_in_background_above = 0;
    s.open_path(&path);
    assert!(s.is_opening());
    assert_eq!(
        s.current(),
        Some(shown),
        "the document shown stays until the file is ready"
    );
    assert!(
        s.apply(
            s.current().unwrap(),
            Edit::new(Command::Batch(vec![]), "nothing")
        )
        .is_err(),
        "edits wait"
    );
    let events = settle(&mut s, false);
    assert!(events.contains(&Event::Replaced));
    assert!(s.doc().is_some());
}

/// The process behind `session` ends without a word: its lock and recovery copy stay
/// behind, now of a process that has ended (renamed so, as tests share one process).
fn crash(session: Session, store: &RecoveryStore, file: &Path) {
    std::mem::forget(session);
    let _ = std::fs::remove_file(lock::lock_path(file));
    let mut ended = std::process::Command::new("true").spawn().unwrap();
    let dead = ended.id().to_string();
    ended.wait().unwrap();
    for entry in std::fs::read_dir(store.dir()).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let mut parts: Vec<&str> = name.split('.').collect();
        let at = parts.len() - 2;
        parts[at] = &dead;
        std::fs::rename(&path, path.with_file_name(parts.join("."))).unwrap();
    }
}

fn with_recovery(store: &Path) -> Session {
    let mut s = Session::default();
    s.recovery = Some(RecoveryStore::new(store.to_path_buf()));
    s.autosave_after = Duration::ZERO;
    s
}

/// Polls until the recovery copy holds the latest edit (or nothing is unsaved).
fn autosaved(s: &mut Session) {
    for _ in 0..5000 {
        s.poll(false, false);
        let doc = s.doc().unwrap();
        let caught_up =
            !doc.history.is_dirty() || doc.autosave.written == Some(doc.history.revision());
        if caught_up && !s.is_writing_recovery() {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("no recovery copy was written");
}

#[test]
fn unsaved_changes_come_back_after_a_crash_merged_with_later_saves() {
    let path = sample_copy();
    let store_dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(store_dir.path().to_path_buf());
    let mut s = with_recovery(store_dir.path());
    s.open_path(&path);
    set_title(&mut s, "Ours, never saved");
    autosaved(&mut s);
    crash(s, &store, &path);
    edit_on_disk(&path, |p| p.activities[0].title = "A colleague's".into());

    let mut again = with_recovery(store_dir.path());
    again.open_path(&path);
    let events = again.take_events();
    assert!(matches!(
        questions(&events)[..],
        [Question::Recover { note: Some(_), .. }]
    ));
    again.answer_recover(true);
    let project = &again.doc().unwrap().project;
    assert_eq!(project.programme.title, "Ours, never saved");
    assert_eq!(
        project.activities[0].title, "A colleague's",
        "their save is kept"
    );
    assert!(again.is_dirty());
}

/// Two people edit one file for a few thousand steps: edits, saves, looks at the disk,
/// takeovers of the lock and crashes with recovery, in a random order. Each edits a lane of
/// activities of their own, and every question is answered by merging, so no answer gives
/// anything up: at the end, after both have merged and saved, the file must hold the last
/// edit each made to each activity. Any edit lost without a question fails the test.
#[test]
fn two_sessions_on_one_file_lose_no_edit() {
    let path = sample_copy();
    // Each person's recovery folder is their own, as each has their own data folder.
    let store_dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let stores = store_dirs
        .each_ref()
        .map(|d| RecoveryStore::new(d.path().to_path_buf()));
    let lanes = workplan::testing::sample().activities.len() / 2;
    assert!(lanes >= 2, "the sample has activities to share out");
    let mut rng = 0x5eed_u64;
    let mut next = move |n: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % n
    };
    // Latest title each person gave each activity of their lane.
    let mut latest: [Vec<Option<String>>; 2] = [vec![None; lanes], vec![None; lanes]];
    let open = |who: usize, path: &Path| -> Session {
        let mut s = with_recovery(store_dirs[who].path());
        s.me.user = ["ana", "ben"][who].into();
        s.open_path(path);
        answer_all(&mut s);
        s
    };
    let mut people = [Some(open(0, &path)), Some(open(1, &path))];
    let steps = std::env::var("SESSION_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    for step in 0..steps {
        let who = next(2) as usize;
        let s = people[who].as_mut().unwrap();
        let op = next(10);
        if std::env::var("SESSION_LOG").is_ok() {
            eprintln!("step {step}: {} op {op}", ["ana", "ben"][who]);
        }
        match op {
            0..=4 => {
                let lane = next(lanes as u64) as usize;
                let title = format!("{} {step}", ["ana", "ben"][who]);
                set_activity_title(s, who * lanes + lane, &title);
                latest[who][lane] = Some(title);
            }
            5 | 6 => {
                let target = s.doc().unwrap().path.clone().unwrap();
                if s.doc().unwrap().read_only.is_none() {
                    s.save(s.current().unwrap(), target);
                    s.wait_for_save();
                }
                answer_all(s);
            }
            7 => {
                settle(s, true);
                answer_all(s);
            }
            8 => {
                // Crash, after the recovery copy caught up, and open again.
                autosaved(s);
                let crashed = people[who].take().unwrap();
                crash(crashed, &stores[who], &path);
                people[who] = Some(open(who, &path));
            }
            _ => {
                // Open again while the other has it: the lock is taken over.
                let s = people[who].as_mut().unwrap();
                if !s.is_dirty() {
                    s.close_current();
                    people[who] = Some(open(who, &path));
                }
            }
        }
        // Nobody ever loses an edit of their own, whatever the other did meanwhile.
        let project = &people[who].as_ref().unwrap().doc().unwrap().project;
        for (lane, title) in latest[who].iter().enumerate() {
            if let Some(title) = title {
                assert_eq!(
                    &project.activities[who * lanes + lane].title,
                    title,
                    "step {step}: {} still has their last edit of activity {}",
                    ["ana", "ben"][who],
                    who * lanes + lane
                );
            }
        }
    }
    // Each saves in turn, merging what the other wrote, until both are clean.
    for _ in 0..4 {
        for (who, person) in people.iter_mut().enumerate() {
            let s = person.as_mut().unwrap();
            settle(s, true);
            answer_all(s);
            if s.doc().unwrap().read_only.is_some() {
                s.close_current();
                *person = Some(open(who, &path));
                continue;
            }
            let target = s.doc().unwrap().path.clone().unwrap();
            s.save(s.current().unwrap(), target);
            s.wait_for_save();
            answer_all(s);
        }
    }
    let file = workplan::io::load(&path).unwrap();
    for (who, titles) in latest.iter().enumerate() {
        for (lane, title) in titles.iter().enumerate() {
            if let Some(title) = title {
                assert_eq!(
                    &file.activities[who * lanes + lane].title,
                    title,
                    "the last edit {} made to activity {} is in the file",
                    ["ana", "ben"][who],
                    who * lanes + lane
                );
            }
        }
    }
}

/// Answers every question so that nothing is given up: open anyway, restore recovered
/// changes, merge changes on disk (and save the merge).
fn answer_all(s: &mut Session) {
    for _ in 0..20 {
        let events = s.take_events();
        let asked: Vec<Question> = questions(&events).into_iter().cloned().collect();
        if asked.is_empty() {
            return;
        }
        for question in asked {
            match question {
                Question::FileInUse { .. } => s.answer_file_in_use(OpenChoice::Anyway),
                Question::Recover { .. } => s.answer_recover(true),
                Question::DiskChanged { conflicts, .. } => {
                    assert!(
                        conflicts.is_empty(),
                        "lanes never touch the same fields: {conflicts:?}"
                    );
                    s.answer_disk_change(s.current().unwrap(), DiskChoice::Merge);
                }
            }
        }
    }
}

#[test]
fn documents_open_beside_each_other_keep_their_own_files_and_edits() {
    let (first, second) = (sample_copy(), sample_copy());
    let mut s = Session::default();
    s.open_path(&first);
    let a = s.current().unwrap();
    s.open_beside(&second);
    let b = s.current().unwrap();
    assert_ne!(a, b);
    assert_eq!(s.documents().len(), 2);
    assert!(s.document(a).unwrap().lock.is_some() && s.document(b).unwrap().lock.is_some());

    s.select(a);
    set_title(&mut s, "Edited in the first");
    assert!(s.document(a).unwrap().history.is_dirty());
    assert!(!s.document(b).unwrap().history.is_dirty());
    assert!(s.save(a, first.clone()));
    s.wait_for_save();
    assert_eq!(
        workplan::io::load(&first).unwrap().programme.title,
        "Edited in the first"
    );
    assert_ne!(
        workplan::io::load(&second).unwrap().programme.title,
        "Edited in the first"
    );

    edit_on_disk(&second, |p| {
        p.programme.title = "Changed under the second".into()
    });
    let events = settle(&mut s, true);
    assert!(
        matches!(questions(&events)[..], [Question::DiskChanged { doc, .. }] if *doc == b),
        "the question names the document it is about"
    );
    s.answer_disk_change(b, DiskChoice::Reload);
    assert_eq!(
        s.document(b).unwrap().project.programme.title,
        "Changed under the second"
    );
    s.close(a);
    assert_eq!(s.documents().len(), 1);
    assert!(lock::find(&first).is_none(), "closing unlocks its file");
    assert!(lock::find(&second).is_some());
}

#[test]
fn someone_who_never_pauses_still_gets_a_recovery_copy() {
    let path = sample_copy();
    let store_dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(store_dir.path().to_path_buf());
    let mut s = with_recovery(store_dir.path());
    s.autosave_after = Duration::from_secs(3600);
    s.autosave_at_least_every = Duration::from_millis(100);
    s.open_path(&path);
    let start = std::time::Instant::now();
    let mut n = 0;
    // An edit every few milliseconds, never the pause the copy usually waits for.
    while store.list().is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no copy was written while editing went on"
        );
        n += 1;
        set_title(&mut s, &format!("Typed without a pause {n}"));
        s.poll(false, false);
        std::thread::sleep(Duration::from_millis(5));
    }
}
