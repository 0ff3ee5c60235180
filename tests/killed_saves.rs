//! Saves killed at random moments, with the real binary and the real atomic save: the file is
//! always the whole old project or the whole new one, and the temporary files the killed
//! saves leave behind are removed by the next save.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use workplan::io;
use workplan::io::save::write_atomic_with;

const KILLS: usize = 32;
const ACTIVITIES: &str = "4000";

fn temporary_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    names.sort();
    names
}

/// `workplan generate` of one seed, writing through `io::save` to `out`.
fn generate(seed: u64, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_workplan"));
    command
        .args([
            "generate",
            "--activities",
            ACTIVITIES,
            "--objectives",
            "300",
        ])
        .args(["--meetings", "12", "--seed", &seed.to_string(), "-o"])
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// xorshift64*: random delays without a dependency; the seed is printed to rerun a failure.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.ron");
    let new_copy = dir.path().join("new-copy.ron");
    assert!(generate(2, &new_copy).status().unwrap().success());
    let new = std::fs::read(&new_copy).unwrap();
    std::fs::remove_file(&new_copy).unwrap();

    // When, in one save over the file, the temporary file appears and when the new file
    // takes the old one's place (watched from outside, as a kill would land).
    assert!(generate(1, &file).status().unwrap().success());
    let old = std::fs::read(&file).unwrap();
    assert_ne!(old, new);
    let (duration, window) = (0..3)
        .map(|_| {
            std::fs::write(&file, &old).unwrap();
            watch_one_save(&file, dir.path())
        })
        .min_by_key(|(duration, _)| *duration)
        .unwrap();
    // Both open: so a file equal to one of them, byte for byte, opens too.
    let parse = |bytes: &[u8]| io::load_bytes(Path::new("x.ron"), bytes).map(|_| ());
    parse(&old).unwrap();
    parse(&new).unwrap();

    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!(
        "one save takes {duration:?}, writing from {:?} to {:?}; delays from seed {seed}",
        window.0, window.1
    );
    let mut rng = Rng(seed);
    let (mut kept_old, mut got_new, mut left_temporary) = (0, 0, 0);
    // A busy machine makes saves slower than measured: when a round of kills never let one
    // finish, the next round waits up to twice as long (at most three rounds).
    for kill in 0..KILLS * 3 {
        if kill >= KILLS && kill % KILLS == 0 && kept_old > 0 && got_new > 0 {
            break;
        }
        let stretch = 1u64 << (kill / KILLS);
        std::fs::write(&file, &old).unwrap();
        // Every other kill anywhere in the save or up to as long again after its measured end
        // (some kills must come too late); the others while the temporary file is being
        // written, flushed and renamed.
        let micros = |d: Duration| d.as_micros() as u64;
        let delay = Duration::from_micros(if kill % 2 == 0 {
            rng.below(micros(duration) * 2 * stretch)
        } else {
            (micros(window.0) + rng.below(micros(window.1 - window.0) + 1)) * stretch
        });
        let mut child = generate(2, &file).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; fails only if it has already exited
        child.wait().unwrap();

        left_temporary += usize::from(!temporary_files(dir.path()).is_empty());
        let on_disk = std::fs::read(&file).unwrap();
        if on_disk == old {
            kept_old += 1;
        } else if on_disk == new {
            got_new += 1;
        } else {
            panic!(
                "kill {kill} after {delay:?} left {} bytes that are neither the old nor the new file",
                on_disk.len()
            );
        }
    }
    eprintln!(
        "{} kills: old file {kept_old} times, new file {got_new} times; \
         a temporary file was left after {left_temporary}",
        kept_old + got_new
    );
    assert!(kept_old > 0 && got_new > 0, "the delays missed the save");

    // The next save cleans up after the killed ones: their writers are gone.
    assert!(generate(1, &file).status().unwrap().success());
    assert_eq!(temporary_files(dir.path()), Vec::<String>::new());
    assert_eq!(std::fs::read(&file).unwrap(), old);
}

/// Runs one save over `file` and returns how long it took and when (from its start) the
/// temporary file first appeared and the new file was in place.
fn watch_one_save(file: &Path, dir: &Path) -> (Duration, (Duration, Duration)) {
    use std::os::unix::fs::MetadataExt;
    let inode = std::fs::metadata(file).unwrap().ino();
    let started = Instant::now();
    let mut child = generate(2, file).spawn().unwrap();
    let (mut appeared, mut replaced) = (None, None);
    while replaced.is_none() {
        if appeared.is_none() && !temporary_files(dir).is_empty() {
            appeared = Some(started.elapsed());
        }
        if std::fs::metadata(file).is_ok_and(|m| m.ino() != inode) {
            replaced = Some(started.elapsed());
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the save never finished"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    assert!(child.wait().unwrap().success());
    let duration = started.elapsed();
    let replaced = replaced.unwrap();
    (duration, (appeared.unwrap_or(replaced), replaced))
}

/// The `PID@HOST` writer part of this process's temporary files, seen during a real save.
fn this_writer(dir: &Path) -> String {
    let target = dir.join("probe.ron");
    let mut seen = Vec::new();
    write_atomic_with(&target, b"x", &mut |_| {
        seen.extend(temporary_files(dir));
        Ok(())
    })
    .unwrap();
    std::fs::remove_file(&target).unwrap();
    let name = seen
        .first()
        .expect("a temporary file during the save")
        .clone();
    let token = name
        .strip_prefix(".probe.ron.")
        .and_then(|rest| rest.split('.').next())
        .unwrap()
        .to_string();
    assert!(
        token.starts_with(&format!("{}@", std::process::id())),
        "{name} names its writer"
    );
    token
}

fn set_age(path: &Path, age: Duration) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - age).unwrap();
}

#[test]
fn stale_temporary_files_are_removed_and_live_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let me = this_writer(dir.path());
    let host = me.split_once('@').unwrap().1.to_string();

    let mut finished = Command::new("true").spawn().unwrap();
    let dead_pid = finished.id();
    finished.wait().unwrap();
    let mut sleeper = Command::new("sleep").arg("60").spawn().unwrap();
    let live_pid = sleeper.id();

    let temp = |writer: &str| -> PathBuf {
        let path = dir.path().join(format!(".plan.ron.{writer}.Xy12Zq.tmp"));
        std::fs::write(&path, "partial").unwrap();
        path
    };
    let killed = temp(&format!("{dead_pid}@{host}"));
    let ours = temp(&me);
    let another_live = temp(&format!("{live_pid}@{host}"));
    let other_host = temp(&format!("{dead_pid}@{host}-elsewhere"));
    let old_format = dir.path().join(".plan.ron.a1B2c3.tmp");
    std::fs::write(&old_format, "partial").unwrap();
    let day_old = temp(&format!("{live_pid}@{host}-far"));
    set_age(&day_old, io::save::STALE_AFTER + Duration::from_secs(3600));
    let other_file = dir
        .path()
        .join(format!(".notes.ron.{dead_pid}@{host}.Xy12Zq.tmp"));
    std::fs::write(&other_file, "partial").unwrap();

    io::save(
        &io::load(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/format-v1.ron"
        )))
        .unwrap(),
        &path,
    )
    .unwrap();
    let _ = sleeper.kill();
    sleeper.wait().unwrap();

    assert!(!killed.exists(), "a killed writer's file is removed");
    assert!(!day_old.exists(), "a file older than a day is removed");
    assert!(ours.exists(), "this process's own file is kept");
    assert!(another_live.exists(), "a live process's file is kept");
    assert!(other_host.exists(), "another host's process may be alive");
    assert!(old_format.exists(), "a young file without a writer is kept");
    assert!(
        other_file.exists(),
        "another file's temporaries are not this save's business"
    );
    assert!(io::load(&path).is_ok());
}
