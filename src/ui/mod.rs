//! The window: thin egui views over the model. Views read the project and push
//! [`Action`]s; [`WorkplanApp`] carries them out in one place at the end of each frame.

mod actions;
mod app;
mod context;
mod dialogs;
mod editors;
mod file_actions;
mod file_chooser;
pub(crate) mod first_frame;
mod menu;
mod panels;
mod portfolio_actions;
mod shortcuts;
pub(crate) mod theme;
pub mod views;
mod widgets;

pub use crate::session::Document;
pub use actions::{Action, View};
pub use app::WorkplanApp;
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
            app.session.end_on_system_signal();
            Ok(Box::new(app))
        }),
    )
}
