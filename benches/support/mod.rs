//! What the frame benchmarks share: a file chooser that answers nothing, sizes from the
//! environment, and the times of settled frames. Each bench uses part of it.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use workplan::ui::{Choice, FileChooser};

pub struct NoDialogs;

impl FileChooser for NoDialogs {
    fn choose_open(&mut self) -> Choice {
        Choice::Cancelled
    }
    fn choose_save(&mut self, _: &str) -> Choice {
        Choice::Cancelled
    }
    fn open_in_viewer(&mut self, _: &std::path::Path) -> Result<(), String> {
        Err("no viewer in a benchmark".into())
    }
}

/// A size from the environment, `default` when unset or not a number.
pub fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The median, 10th and 90th percentile (ms) of `frames` frames, after five that build what
/// is cached per revision (rows, layouts).
pub fn frame_times<S>(h: &mut Harness<'_, S>, frames: usize) -> (f64, f64, f64) {
    for _ in 0..5 {
        h.step();
    }
    let mut times: Vec<Duration> = (0..frames)
        .map(|_| {
            let start = Instant::now();
            h.step();
            start.elapsed()
        })
        .collect();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
    (at(0.5), at(0.1), at(0.9))
}
