//! Watching an open file off the window's thread: the system's change events where they
//! arrive (local folders, through `notify`) and, in case they never do (network shares), a
//! look at size and time every few seconds. Nobody is woken unless something happened to the
//! file.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use super::DISK_CHECK_EVERY;
use super::jobs::Waker;

/// Watches one file for as long as it lives.
pub struct Watcher {
    path: PathBuf,
    state: Arc<State>,
    poller: Option<std::thread::JoinHandle<()>>,
    // Kept for its events; dropping it stops them.
    _events: Option<notify::RecommendedWatcher>,
}

struct State {
    /// Set when something may have happened to the file, until the session looks.
    signal: AtomicBool,
    stop: AtomicBool,
    waker: Waker,
}

impl State {
    fn raise(&self) {
        if !self.signal.swap(true, Ordering::SeqCst) {
            self.waker.wake();
        }
    }
}

/// What the cheap look sees: the size and time, or that the file cannot be seen.
fn look(path: &Path) -> Option<(u64, Option<SystemTime>)> {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

impl Watcher {
    pub fn start(path: &Path, waker: Waker) -> Self {
        let state = Arc::new(State {
            signal: AtomicBool::new(false),
            stop: AtomicBool::new(false),
            waker,
        });
        let events = watch_events(path, state.clone());
        let (target, poll_state) = (path.to_path_buf(), state.clone());
        let poller = std::thread::Builder::new()
            .name("workplan-watch".into())
            .spawn(move || {
                let mut seen = look(&target);
                loop {
                    std::thread::park_timeout(DISK_CHECK_EVERY);
                    if poll_state.stop.load(Ordering::SeqCst) {
                        return;
                    }
                    let now = look(&target);
                    if now != seen {
                        seen = now;
                        poll_state.raise();
                    }
                }
            })
            .ok();
        Watcher {
            path: path.to_path_buf(),
            state,
            poller,
            _events: events,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether something happened to the file since the last call.
    pub fn take_signal(&self) -> bool {
        self.state.signal.swap(false, Ordering::SeqCst)
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        if let Some(poller) = self.poller.take() {
            poller.thread().unpark();
        }
    }
}

/// The system's change events for the file, watched through its folder so that a save by
/// rename (ours and most programs') is seen. `None` where the system offers none.
fn watch_events(path: &Path, state: Arc<State>) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher as _;
    let name = path.file_name()?.to_os_string();
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if event
            .paths
            .iter()
            .any(|p| p.file_name() == Some(name.as_os_str()))
        {
            state.raise();
        }
    })
    .ok()?;
    watcher
        .watch(&folder, notify::RecursiveMode::NonRecursive)
        .ok()?;
    Some(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::time::{Duration, Instant};

    fn wait_for(watcher: &Watcher, within: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < within {
            if watcher.take_signal() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    #[test]
    fn a_change_to_the_file_wakes_the_owner_and_others_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan.ron");
        std::fs::write(&file, "one").unwrap();
        let wakes = Arc::new(AtomicUsize::new(0));
        let counter = wakes.clone();
        let watcher = Watcher::start(
            &file,
            Waker::new(move || {
                counter.fetch_add(1, Ordering::SeqCst);
            }),
        );
        std::fs::write(dir.path().join("other.ron"), "x").unwrap();
        assert!(
            !wait_for(&watcher, Duration::from_millis(300)),
            "another file in the folder is not ours"
        );
        std::fs::write(&file, "two, longer").unwrap();
        assert!(wait_for(&watcher, DISK_CHECK_EVERY * 2), "a write is seen");
        assert!(wakes.load(Ordering::SeqCst) >= 1);
        std::fs::remove_file(&file).unwrap();
        assert!(
            wait_for(&watcher, DISK_CHECK_EVERY * 2),
            "a deletion is seen"
        );
    }
}
