//! Background work: one small job type for everything the window must not wait for (opening a
//! large file, saving, reading a changed file again, writing a recovery copy).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

/// Tells whoever shows the session (the window) that something is ready, so it can look
/// without polling on a timer. Cheap to clone; called from worker threads.
#[derive(Clone)]
pub struct Waker(Arc<dyn Fn() + Send + Sync>);

impl Waker {
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> Self {
        Waker(Arc::new(wake))
    }

    /// A waker that wakes nobody, for tests and the command line, which poll.
    pub fn none() -> Self {
        Waker::new(|| {})
    }

    pub fn wake(&self) {
        (self.0)()
    }
}

impl Default for Waker {
    fn default() -> Self {
        Waker::none()
    }
}

impl std::fmt::Debug for Waker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Waker")
    }
}

/// How far a job has got, in whatever unit it counts (bytes read, for opening).
#[derive(Clone, Default, Debug)]
pub struct Progress(Arc<AtomicU64>);

impl Progress {
    pub fn set(&self, done: u64) {
        self.0.store(done, Ordering::Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// What a poll found.
#[derive(Debug, PartialEq, Eq)]
pub enum Poll<T> {
    Running,
    Done(T),
    /// The worker ended without a result (it panicked).
    Lost,
}

/// Work running on a thread of its own. Dropping the job cancels it as far as anyone cares:
/// the worker finishes on its own and its result is thrown away.
pub struct Job<T> {
    result: Receiver<T>,
    progress: Progress,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a worker thread; `wake` is called once its result is ready.
    pub fn spawn(wake: &Waker, work: impl FnOnce(&Progress) -> T + Send + 'static) -> Self {
        let (sender, result) = std::sync::mpsc::channel();
        let progress = Progress::default();
        let (counter, wake) = (progress.clone(), wake.clone());
        std::thread::spawn(move || {
            let _ = sender.send(work(&counter));
            wake.wake();
        });
        Job { result, progress }
    }

    /// The result, once there is one; each result is handed out once.
    pub fn poll(&mut self) -> Poll<T> {
        match self.result.try_recv() {
            Ok(result) => Poll::Done(result),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }

    /// Waits for the result (tests, and the end of the program).
    pub fn wait(self) -> Option<T> {
        self.result.recv().ok()
    }

    pub fn progress(&self) -> u64 {
        self.progress.get()
    }
}

impl<T> std::fmt::Debug for Job<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("progress", &self.progress)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;

    #[test]
    fn a_job_hands_out_its_result_once_and_wakes_its_owner() {
        let woken = Arc::new(AtomicBool::new(false));
        let flag = woken.clone();
        let waker = Waker::new(move || flag.store(true, Ordering::SeqCst));
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let mut job = Job::spawn(&waker, move |progress| {
            progress.set(7);
            wait.recv().unwrap();
            42
        });
        assert_eq!(job.poll(), Poll::Running);
        go.send(()).unwrap();
        let result = loop {
            match job.poll() {
                Poll::Running => std::thread::yield_now(),
                other => break other,
            }
        };
        assert_eq!(result, Poll::Done(42));
        assert_eq!(job.progress(), 7);
        // The owner is woken just after the result is there to take.
        let start = std::time::Instant::now();
        while !woken.load(Ordering::SeqCst) && start.elapsed().as_secs() < 10 {
            std::thread::yield_now();
        }
        assert!(woken.load(Ordering::SeqCst));
        // The worker lets go of its end of the channel just after waking: until then a poll
        // says Running, never the result again.
        let after = loop {
            match job.poll() {
                Poll::Running if start.elapsed().as_secs() < 10 => std::thread::yield_now(),
                other => break other,
            }
        };
        assert_eq!(after, Poll::Lost, "a result is handed out once");
    }

    #[test]
    fn a_worker_that_panics_is_reported_lost() {
        let mut job: Job<u8> = Job::spawn(&Waker::none(), |_| panic!("worker failed"));
        let result = loop {
            match job.poll() {
                Poll::Running => std::thread::yield_now(),
                other => break other,
            }
        };
        assert_eq!(result, Poll::Lost);
    }
}
