//! Start-up timing for `scripts/first-frame.sh`: with `WORKPLAN_EXIT_AFTER_FIRST_FRAME=1` the
//! window prints, to stderr, how long after the process started its first frame was laid out
//! and then on screen, and closes. Without the variable nothing is installed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

pub const VARIABLE: &str = "WORKPLAN_EXIT_AFTER_FIRST_FRAME";

/// Hooks the measurement into `ctx` when the environment asks for it.
pub fn install_if_asked(ctx: &egui::Context) {
    if std::env::var_os(VARIABLE).is_none_or(|v| v != "1") {
        return;
    }
    let laid_out = Arc::new(Mutex::new(None::<Option<f64>>));
    let at_end = Arc::clone(&laid_out);
    ctx.on_end_pass(
        "first-frame timing",
        Arc::new(move |ui| {
            if ui.ctx().cumulative_frame_nr() == 0 {
                // The last pass of frame 0 wins: egui may run a frame twice.
                *at_end.lock().expect("not poisoned") = Some(ms_since_process_start());
                ui.ctx().request_repaint();
            }
        }),
    );
    let reported = AtomicBool::new(false);
    ctx.on_begin_pass(
        "first-frame timing",
        Arc::new(move |ui| {
            // Frame 1 begins once frame 0 was painted and handed to the display.
            if ui.ctx().cumulative_frame_nr() >= 1 && !reported.swap(true, Ordering::Relaxed) {
                let shown = ms_since_process_start();
                let unix_ns = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                let laid_out = laid_out.lock().expect("not poisoned").flatten();
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
