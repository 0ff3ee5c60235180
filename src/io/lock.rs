//! "Someone has this file open": a lock file beside the project, in the style office suites
//! use, so that colleagues opening the same file on a share are told who has it and since when.
//!
//! The lock is a separate, hidden sibling file created exclusively (`create_new`), never an OS
//! lock on the project itself: network filesystems ignore advisory locks or, on SMB, make them
//! mandatory and break other readers, and no OS lock survives the rename of an atomic save.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};

/// A lock whose file has not been refreshed for this long belongs to an instance that is gone
/// (crashed, or on a machine that lost power); the holder refreshes it far more often.
pub const STALE_AFTER: Duration = Duration::from_secs(60 * 60);
/// How often an instance touches its own lock so that it never looks stale while it runs.
pub const REFRESH_EVERY: Duration = Duration::from_secs(5 * 60);

/// Who holds (or wants) a lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub user: String,
    pub host: String,
    pub pid: u32,
    pub since: DateTime<Utc>,
}

impl Holder {
    /// This process, now.
    pub fn me() -> Self {
        Holder {
            user: user_name(),
            host: host_name(),
            pid: std::process::id(),
            since: now(),
        }
    }

    fn to_text(&self) -> String {
        format!(
            "Workplan lock: this project file is open for editing.\nuser: {}\nhost: {}\npid: {}\nsince: {}\n",
            one_line(&self.user),
            one_line(&self.host),
            self.pid,
            self.since
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        )
    }

    fn from_text(text: &str) -> Option<Self> {
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
                .map(|v| v.trim().to_string())
        };
        Some(Holder {
            user: field("user")?,
            host: field("host")?,
            pid: field("pid")?.parse().ok()?,
            since: DateTime::parse_from_rfc3339(&field("since")?)
                .ok()?
                .with_timezone(&Utc),
        })
    }

    /// "jdoe on laptop-12", for messages.
    pub fn who(&self) -> String {
        if self.host.is_empty() {
            self.user.clone()
        } else {
            format!("{} on {}", self.user, self.host)
        }
    }
}

/// What is known of a lock found beside a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// `None` when the lock file could not be read as one of ours (half-written, or written
    /// by something else): still somebody's, but nameless.
    pub holder: Option<Holder>,
    pub stale: bool,
}

impl Found {
    /// One sentence for the "file is in use" dialog.
    pub fn describe(&self, file: &Path) -> String {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.display().to_string());
        let who = match &self.holder {
            Some(h) => format!(
                "{} has had {name} open for editing since {}",
                h.who(),
                h.since
                    .with_timezone(&chrono::Local)
                    .format("%e %B %Y, %H:%M")
                    .to_string()
                    .trim_start()
            ),
            None => format!("Someone has {name} open for editing (their lock file is unreadable)"),
        };
        if self.stale {
            format!(
                "{who}, but that lock looks abandoned (the program that made it is no longer running, or has not touched it for over an hour)."
            )
        } else {
            format!("{who}.")
        }
    }
}

/// The lock file for `file`: `.~lock.NAME#` beside it, as office suites name theirs, so people
/// recognise it and file listings hide it.
pub fn lock_path(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    file.with_file_name(format!(".~lock.{name}#"))
}

/// A lock this process holds; dropping it removes the lock file (if it is still ours).
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    holder: Holder,
    refreshed: std::time::Instant,
}

#[derive(Debug)]
pub enum Acquired {
    Locked(Lock),
    /// Somebody else's lock is there (perhaps stale); nothing was changed.
    HeldBy(Found),
}

/// Tries to lock `file` for editing by `me`.
pub fn acquire(file: &Path, me: &Holder) -> io::Result<Acquired> {
    let path = lock_path(file);
    match create(&path, me) {
        Ok(()) => Ok(Acquired::Locked(Lock {
            path,
            holder: me.clone(),
            refreshed: std::time::Instant::now(),
        })),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(Acquired::HeldBy(inspect(&path))),
        Err(e) => Err(e),
    }
}

/// Replaces whatever lock is beside `file` with one held by `me` ("Open anyway", or taking
/// over a stale lock).
pub fn take_over(file: &Path, me: &Holder) -> io::Result<Lock> {
    let path = lock_path(file);
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    create(&path, me)?;
    Ok(Lock {
        path,
        holder: me.clone(),
        refreshed: std::time::Instant::now(),
    })
}

/// What the lock beside `file` says, if there is one.
pub fn find(file: &Path) -> Option<Found> {
    let path = lock_path(file);
    path.exists().then(|| inspect(&path))
}

fn create(path: &Path, me: &Holder) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    let written = file
        .write_all(me.to_text().as_bytes())
        .and_then(|()| file.sync_all());
    if let Err(e) = written {
        let _ = fs::remove_file(path);
        return Err(e);
    }
    Ok(())
}

fn inspect(path: &Path) -> Found {
    let holder = fs::read_to_string(path)
        .ok()
        .and_then(|t| Holder::from_text(&t));
    let age = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|m| SystemTime::now().duration_since(m).ok());
    let too_old = age.is_some_and(|a| a > STALE_AFTER);
    let dead_here = holder
        .as_ref()
        .is_some_and(|h| h.host == host_name() && process_is_gone(h.pid));
    Found {
        holder,
        stale: too_old || dead_here,
    }
}

impl Lock {
    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Touches the lock file now and then so other instances never take it for abandoned.
    /// Recreates it if someone removed it meanwhile.
    pub fn keep_fresh(&mut self) {
        if self.refreshed.elapsed() < REFRESH_EVERY {
            return;
        }
        self.refreshed = std::time::Instant::now();
        match OpenOptions::new().append(true).open(&self.path) {
            Ok(file) if self.is_ours() => {
                let _ = file.set_modified(SystemTime::now());
            }
            Ok(_) => {}
            Err(_) => {
                let _ = create(&self.path, &self.holder);
            }
        }
    }

    fn is_ours(&self) -> bool {
        fs::read_to_string(&self.path)
            .ok()
            .and_then(|t| Holder::from_text(&t))
            .is_some_and(|h| h == self.holder)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Someone may have taken the file over ("Open anyway"); their lock is theirs to remove.
        if self.is_ours() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Now, to the second: the precision the lock file keeps, so a holder equals itself read back.
pub fn now() -> DateTime<Utc> {
    use chrono::SubsecRound;
    Utc::now().trunc_subsecs(0)
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

fn user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "someone".into())
}

pub fn host_name() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| fs::read_to_string("/etc/hostname").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| {
            ["HOSTNAME", "COMPUTERNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok())
        })
        .unwrap_or_default()
}

/// Whether process `pid` on this machine has ended. Where that cannot be told, it is taken to
/// be running: only the age of the lock then makes it stale.
pub fn process_is_gone(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        !Path::new("/proc").join(pid.to_string()).exists()
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn someone(pid: u32) -> Holder {
        Holder {
            user: "ana".into(),
            host: host_name(),
            pid,
            since: now(),
        }
    }

    /// A pid that certainly belonged to a process that has ended.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn second_holder_is_told_who_has_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan.ron");
        fs::write(&file, "x").unwrap();
        let first = match acquire(&file, &someone(std::process::id())).unwrap() {
            Acquired::Locked(lock) => lock,
            other => panic!("{other:?}"),
        };
        assert!(lock_path(&file).exists());
        let mut other = Holder::me();
        other.user = "ben".into();
        match acquire(&file, &other).unwrap() {
            Acquired::HeldBy(found) => {
                assert_eq!(found.holder.as_ref().unwrap().user, "ana");
                assert!(!found.stale, "our own process is alive");
                assert!(found.describe(&file).contains("ana on"));
            }
            other => panic!("{other:?}"),
        }
        drop(first);
        assert!(!lock_path(&file).exists(), "closing removes the lock");
        assert!(matches!(
            acquire(&file, &other).unwrap(),
            Acquired::Locked(_)
        ));
    }

    #[test]
    fn lock_of_an_ended_process_is_stale_and_can_be_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan.ron");
        let ghost = someone(dead_pid());
        create(&lock_path(&file), &ghost).unwrap();
        let found = find(&file).unwrap();
        assert!(found.stale);
        assert_eq!(found.holder, Some(ghost));
        let lock = take_over(&file, &Holder::me()).unwrap();
        assert_eq!(find(&file).unwrap().holder.unwrap(), *lock.holder());
    }

    #[test]
    fn old_or_unreadable_locks() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan.ron");
        let path = lock_path(&file);
        fs::write(&path, "garbage").unwrap();
        let found = find(&file).unwrap();
        assert_eq!(found.holder, None);
        assert!(!found.stale, "a fresh unreadable lock may be half-written");
        let old = SystemTime::now() - STALE_AFTER - Duration::from_secs(60);
        fs::File::options()
            .append(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert!(find(&file).unwrap().stale);
        // Another host's live-looking lock is judged by age only.
        let mut far = someone(1);
        far.host = "elsewhere".into();
        fs::remove_file(&path).unwrap();
        create(&path, &far).unwrap();
        assert!(!find(&file).unwrap().stale);
    }

    #[test]
    fn dropping_a_lock_taken_over_by_someone_else_leaves_theirs() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan.ron");
        let mine = match acquire(&file, &someone(std::process::id())).unwrap() {
            Acquired::Locked(lock) => lock,
            other => panic!("{other:?}"),
        };
        let mut other = Holder::me();
        other.user = "ben".into();
        let theirs = take_over(&file, &other).unwrap();
        drop(mine);
        assert_eq!(find(&file).unwrap().holder.unwrap().user, "ben");
        drop(theirs);
        assert!(find(&file).is_none());
    }

    #[test]
    fn holder_text_round_trips_even_with_odd_names() {
        let mut h = someone(42);
        h.user = "Ana\nMarić".into();
        h.since = DateTime::parse_from_rfc3339("2026-11-28T01:02:03Z")
            .unwrap()
            .with_timezone(&Utc);
        let back = Holder::from_text(&h.to_text()).unwrap();
        assert_eq!(back.user, "Ana Marić");
        assert_eq!(back.pid, 42);
        assert_eq!(back.since, h.since);
    }
}
