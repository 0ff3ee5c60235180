//! Start-up timing for `scripts/first-frame.sh`: with `WORKPLAN_EXIT_AFTER_FIRST_FRAME=1` the
//! window prints, to stderr, how long after the process started its first frame showing the
//! project (or the start page, without a file) was laid out and then on screen, and closes. A
//! large file opens in the background, so earlier frames may only show its progress. Without
//! the variable nothing is installed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

pub const VARIABLE: &str = "WORKPLAN_EXIT_AFTER_FIRST_FRAME";

/// Set by the app each frame: whether what it shows is final (no file still opening).
pub fn set_ready(ctx: &egui::Context, ready: bool) {
    ctx.data_mut(|d| d.insert_temp(ready_id(), ready));
}

fn ready_id() -> egui::Id {
    egui::Id::unique("workplan.first_frame.ready")
}

/// Hooks the measurement into `ctx` when the environment asks for it.
pub fn install_if_asked(ctx: &egui::Context) {
    if std::env::var_os(VARIABLE).is_none_or(|v| v != "1") {
        return;
    }
    // The frame number of the first frame showing the project, and when it was laid out.
    let laid_out = Arc::new(Mutex::new(None::<(u64, Option<f64>)>));
    let at_end = Arc::clone(&laid_out);
    ctx.on_end_pass(
        "first-frame timing",
        Arc::new(move |ui| {
            let ctx = ui.ctx();
            let ready = ctx.data(|d| d.get_temp::<bool>(ready_id())).unwrap_or(true);
            let frame = ctx.cumulative_frame_nr();
            let mut first = at_end.lock().expect("not poisoned");
            // The last pass of that frame wins: egui may run a frame twice.
            if ready && first.is_none_or(|(f, _)| f == frame) {
                *first = Some((frame, ms_since_process_start()));
            }
            ctx.request_repaint();
        }),
    );
    let reported = AtomicBool::new(false);
    ctx.on_begin_pass(
        "first-frame timing",
        Arc::new(move |ui| {
            // The next frame begins once that one was painted and handed to the display.
            let first = *laid_out.lock().expect("not poisoned");
            let Some((frame, at)) = first else { return };
            if ui.ctx().cumulative_frame_nr() > frame && !reported.swap(true, Ordering::Relaxed) {
                let shown = ms_since_process_start();
                let unix_ns = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                let laid_out = at;
                let ms = |v: Option<f64>| v.map_or("?".into(), |v| format!("{v:.0}"));
                eprintln!(
                    "first frame: laid out {} ms, shown {} ms after process start (10 ms ticks); shown at unix_ns {unix_ns}",
                    ms(laid_out),
                    ms(shown)
                );
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }),
    );
}

/// From the kernel's record of when this process started (in clock ticks since boot) to
/// now; `None` where /proc is not available.
fn ms_since_process_start() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let after_name = &stat[stat.rfind(')')? + 2..];
    // `starttime` is field 22 of the line, the 20th after the name.
    let start_ticks: f64 = after_name.split(' ').nth(19)?.parse().ok()?;
    let uptime = std::fs::read_to_string("/proc/uptime").ok()?;
    let now_s: f64 = uptime.split(' ').next()?.parse().ok()?;
    // Linux reports ticks at USER_HZ, which is 100 on every architecture it runs on.
    Some((now_s - start_ticks / 100.0) * 1000.0)
}
