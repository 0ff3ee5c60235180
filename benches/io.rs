//! Opening and saving generated programmes of 1,000, 10,000 and 100,000 activities. Run with
//! `cargo bench --bench io`; `BENCH_SIZES=1000,10000` limits the sizes.
//!
//! "load" is what opening a file does: read it, parse it, check its integrity and normalise
//! it (`workplan::io::load`). "save" is what saving does: the canonical text (`to_ron`) and
//! the atomic write with its flushes to disk (`workplan::io::save`). "to_ron" is the text
//! alone, without the disk; "write_atomic" the disk alone (temporary file, flush, rename,
//! flush of the folder). "import csv" and "import xlsx" read the workplan exported as CSV or
//! as a workbook and check every row against the project, as `workplan import` does before it
//! writes anything (every name resolved, every session read; here every row is unchanged).
//! Prints the median and the spread (10th and 90th percentile).

use std::time::{Duration, Instant};

fn measure(name: &str, bytes: usize, runs: usize, mut f: impl FnMut()) {
    f(); // warm-up: page cache, allocator
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
    let median = at(0.5);
    println!(
        "{name:<24} median {median:>9.2} ms   p10 {:>9.2} ms   p90 {:>9.2} ms   {:>6.0} MB/s   ({runs} runs)",
        at(0.1),
        at(0.9),
        bytes as f64 / 1e6 / (median / 1000.0),
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    let folder = tempfile::tempdir().expect("a temporary folder");
    for activities in sizes {
        // The same shape as `workplan generate --activities N --objectives N/5 --meetings 12 --seed 42`.
        let project = workplan::plan::generate::project(activities, activities / 5, 12, 42);
        let path = folder.path().join(format!("generated-{activities}.ron"));
        workplan::io::save(&project, &path).expect("saved");
        let bytes = std::fs::metadata(&path).expect("written").len() as usize;
        println!(
            "{activities} activities, {} objectives: {:.2} MB",
            project.objectives.len(),
            bytes as f64 / 1e6
        );
        let runs = (200_000 / activities).clamp(5, 30);
        measure(&format!("load {activities}"), bytes, runs, || {
            let loaded = workplan::io::load(&path).expect("opens");
            assert_eq!(loaded.activities.len(), activities);
        });
        measure(&format!("save {activities}"), bytes, runs, || {
            workplan::io::save(&project, &path).expect("saved");
        });
        measure(&format!("to_ron {activities}"), bytes, runs, || {
            std::hint::black_box(workplan::io::to_ron(&project));
        });
        // What saving would cost without the fast writer: ron's own pretty printer.
        measure(&format!("ron's writer {activities}"), bytes, runs, || {
            std::hint::black_box(workplan::io::ron_text(&project));
        });
        let text = workplan::io::to_ron(&project);
        measure(&format!("write_atomic {activities}"), bytes, runs, || {
            workplan::io::save::write_atomic(&path, text.as_bytes()).expect("written");
        });
        use workplan::exchange::export::{self, Format, Scope};
        use workplan::exchange::import::{self, FileKind, ImportOptions};
        use workplan::exchange::spreadsheet::SheetFormat;
        for (name, format, kind) in [
            ("csv", Format::Csv, FileKind::Csv),
            ("xlsx", Format::Xlsx, FileKind::Sheet(SheetFormat::Xlsx)),
        ] {
            let file = export::render(&project, format, Scope::default())
                .expect("exported")
                .remove(0);
            measure(
                &format!("import {name} {activities}"),
                file.len(),
                runs,
                || {
                    let mut next_id = project.next_id;
                    let checked = import::read(
                        &project,
                        kind,
                        &file,
                        &ImportOptions::default(),
                        &mut next_id,
                    )
                    .expect("read");
                    assert_eq!(
                        checked.unchanged,
                        activities,
                        "{:?}",
                        checked.errors.first()
                    );
                },
            );
        }
    }
}
