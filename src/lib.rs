//! Workplan: plan a regional technical-assistance programme (objective tree, workplan,
//! calendar, steering committee) in one shareable RON file.
//!
//! Layers, from the bottom (see ARCHITECTURE.md): [`model`] (plain data), domain logic
//! ([`plan`], [`committee`]), [`edit`] (commands, undo, integrity, merge), [`io`] (the
//! project file), [`session`] (files shared with others), [`exchange`] (imports and exports),
//! [`cli`] (command-line subcommands) and [`ui`] (the egui window).

pub mod cli;
pub mod committee;
pub mod edit;
pub mod exchange;
pub mod io;
pub mod model;
pub mod plan;
pub mod session;
#[doc(hidden)]
pub mod testing;
pub mod ui;
