//! Workplan: plan a regional technical-assistance programme (objective tree, workplan,
//! calendar, steering committee) in one shareable RON file.
//!
//! Layers, from the bottom: [`model`] (plain data), domain logic ([`tree`], [`integrity`]),
//! [`commands`] and [`history`] (every edit, undo and redo), [`io`] (the file format),
//! [`cli`] (command-line subcommands) and [`ui`] (the egui views).

pub mod activity_csv;
pub mod agenda;
pub mod calendar;
pub mod checks;
pub mod cli;
pub mod commands;
pub mod export;
pub mod funding;
pub mod generate;
pub mod history;
pub mod integrity;
pub mod io;
pub mod logframe;
pub mod merge;
pub mod model;
pub mod sdg;
pub mod timeline;
pub mod tree;
pub mod ui;
pub mod workplan;
