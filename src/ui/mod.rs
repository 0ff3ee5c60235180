//! The window: thin egui views over the model. Views read the project and push
//! [`Action`]s; [`WorkplanApp`] carries them out in one place at the end of each frame.

mod actions;
mod activity_editor;
mod app;
pub mod calendar_view;
pub mod committee_view;
mod date_field;
mod dialogs;
mod file_chooser;
pub(crate) mod first_frame;
mod holidays_editor;
mod logframe_view;
mod menu;
mod objective_editor;
pub mod objectives_view;
mod pick;
mod programme_view;
mod sdg_field;
mod shared_file;
mod start_page;
pub mod timeline_view;
pub mod workplan_view;

pub use actions::{Action, View};
pub use app::{Document, WorkplanApp};
pub use file_chooser::{Choice, FileChooser, NativeFileChooser};

use std::path::PathBuf;

/// Opens the Workplan window, with `file` loaded if given.
pub fn run(file: Option<PathBuf>) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Workplan")
            .with_app_id("workplan")
            .with_inner_size([1200.0, 800.0])
            .with_min_inner_size([640.0, 420.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Workplan",
        options,
        Box::new(move |cc| {
            first_frame::install_if_asked(&cc.egui_ctx);
            let app = WorkplanApp::from_creation_context(cc, file);
            let (terminate, ctx) = (app.terminate.clone(), cc.egui_ctx.clone());
            // Without this, SIGTERM or SIGHUP would end the process with the lock left behind
            // and recent edits not yet copied for recovery.
            let _ = ctrlc::set_handler(move || {
                terminate.store(true, std::sync::atomic::Ordering::Relaxed);
                ctx.request_repaint();
            });
            Ok(Box::new(app))
        }),
    )
}
