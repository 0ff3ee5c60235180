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

/// A lock from another computer whose file has not been refreshed for this long belongs to an
/// instance that is gone (crashed, or on a machine that lost power or went to sleep); the
/// holder refreshes it several times as often.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);
/// How often an instance touches its own lock so that it never looks stale while it runs.
pub const REFRESH_EVERY: Duration = Duration::from_secs(2 * 60);

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

/// Why a lock is taken to be abandoned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stale {
    /// Its program, on this computer, is no longer running.
    Ended,
    /// Not refreshed for longer than [`STALE_AFTER`] (from another computer, or unreadable).
    Silent,
}

/// What is known of a lock found beside a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// `None` when the lock file could not be read as one of ours (half-written, or written
    /// by something else): still somebody's, but nameless.
    pub holder: Option<Holder>,
    pub stale: Option<Stale>,
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
        match self.stale {
            Some(Stale::Ended) => format!("{who}, but that program is no longer running."),
            Some(Stale::Silent) => format!(
                "{who}, but that lock has not been refreshed for over {} minutes (its program or computer stopped).",
                STALE_AFTER.as_secs() / 60
            ),
            None => format!("{who}."),
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
    let silent = age.is_some_and(|a| a > STALE_AFTER);
    // On this computer the process itself tells; a lock of a live process is never stale,
    // however long its window sat idle.
    let stale = match &holder {
        Some(h) if h.host == host_name() => {
            process_has_ended(h.pid, Some(h.since)).then_some(Stale::Ended)
        }
        _ => silent.then_some(Stale::Silent),
    };
    Found { holder, stale }
}

impl Lock {
    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How long until [`Lock::keep_fresh`] next has something to do.
    pub fn next_refresh_in(&self) -> std::time::Duration {
        REFRESH_EVERY.saturating_sub(self.refreshed.elapsed())
    }

    /// Touches the lock file now and then so other instances never take it for abandoned.
    /// Recreates it if it vanished. Returns who holds it instead, if someone took it over
    /// ("Open anyway"); it is theirs then, and left alone.
    pub fn keep_fresh(&mut self) -> Option<Holder> {
        if self.refreshed.elapsed() < REFRESH_EVERY {
            return None;
        }
        self.refreshed = std::time::Instant::now();
        match fs::read_to_string(&self.path) {
            Ok(text) => match Holder::from_text(&text) {
                Some(holder) if holder == self.holder => {
                    if let Ok(file) = OpenOptions::new().append(true).open(&self.path) {
                        let _ = file.set_modified(SystemTime::now());
                    }
                    None
                }
                Some(other) => Some(other),
                None => None,
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let _ = create(&self.path, &self.holder);
                None
            }
            Err(_) => None,
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
        .or_else(account_name)
        .unwrap_or_else(|| "someone".into())
}

/// The login name of this process's user from the system's account list, for sessions
/// started without the usual environment (services, some remote desktops).
fn account_name() -> Option<String> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .to_string();
    let passwd = fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_string())
    })
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

/// Whether the process `pid` on this computer that was running at `since` has ended. A zombie
/// (killed, not yet reaped) has ended; so has a pid that a newer process reuses (after a
/// reboot, say). Where that cannot be told, it is taken to be running.
pub fn process_has_ended(pid: u32, since: Option<DateTime<Utc>>) -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return true;
    };
    // The command name, in parentheses, may hold spaces; the fields after it do not.
    let Some(after_name) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
        return false;
    };
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    if matches!(fields.first(), Some(&"Z") | Some(&"X")) {
        return true;
    }
    let started = fields
        .get(19)
        .and_then(|ticks| ticks.parse::<u64>().ok())
        .zip(boot_time())
        // The kernel counts in USER_HZ, 100 per second on every Linux.
        .map(|(ticks, boot)| boot + ticks / 100);
    match (started, since) {
        (Some(started), Some(since)) => started > since.timestamp().max(0) as u64 + 2,
        _ => false,
    }
}

/// Seconds since 1970 at which this computer booted.
fn boot_time() -> Option<u64> {
    fs::read_to_string("/proc/stat")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("btime "))?
        .trim()
        .parse()
        .ok()
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
                assert_eq!(found.stale, None, "our own process is alive");
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
        assert_eq!(found.stale, Some(Stale::Ended));
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
        assert_eq!(
            found.stale, None,
            "a fresh unreadable lock may be half-written"
        );
        let old = SystemTime::now() - STALE_AFTER - Duration::from_secs(60);
        fs::File::options()
            .append(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert_eq!(find(&file).unwrap().stale, Some(Stale::Silent));
        // Another host's lock is judged by age only.
        let mut far = someone(1);
        far.host = "elsewhere".into();
        fs::remove_file(&path).unwrap();
        create(&path, &far).unwrap();
        assert_eq!(find(&file).unwrap().stale, None);
        let file_handle = fs::File::options().append(true).open(&path).unwrap();
        file_handle.set_modified(old).unwrap();
        assert_eq!(find(&file).unwrap().stale, Some(Stale::Silent));
        // A live process here keeps its lock however old the file is.
        fs::remove_file(&path).unwrap();
        create(&path, &someone(std::process::id())).unwrap();
        let file_handle = fs::File::options().append(true).open(&path).unwrap();
        file_handle.set_modified(old).unwrap();
        assert_eq!(find(&file).unwrap().stale, None);
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
    fn zombies_and_reused_pids_have_ended() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        // Exited but not reaped yet: a zombie, still listed under /proc.
        std::thread::sleep(Duration::from_millis(200));
        assert!(process_has_ended(pid, None));
        child.wait().unwrap();
        assert!(process_has_ended(pid, None));
        let me = std::process::id();
        assert!(!process_has_ended(me, Some(now())));
        // A lock written before this process started cannot be this process's.
        let long_ago = now() - chrono::Duration::days(400);
        assert!(process_has_ended(me, Some(long_ago)));
    }

    #[test]
    fn a_lock_taken_over_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan.ron");
        let mut mine = match acquire(&file, &someone(std::process::id())).unwrap() {
            Acquired::Locked(lock) => lock,
            other => panic!("{other:?}"),
        };
        let mut other = Holder::me();
        other.user = "ben".into();
        let _theirs = take_over(&file, &other).unwrap();
        mine.refreshed -= REFRESH_EVERY;
        assert_eq!(mine.keep_fresh().map(|h| h.user), Some("ben".into()));
        assert_eq!(find(&file).unwrap().holder.unwrap().user, "ben");
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
