//! Changing a project: every edit is a [`commands::Command`] with an inverse, kept in a
//! [`history::History`] for undo and redo; [`integrity`] says what a consistent project is,
//! [`links`] lists every link between entities once for all of them, and [`merge`] combines
//! two people's edits of one file.

pub mod commands;
mod committee_edits;
mod deletion;
pub mod history;
pub mod integrity;
pub mod links;
pub mod merge;
pub mod reschedule;
mod results_edits;
mod validate;
