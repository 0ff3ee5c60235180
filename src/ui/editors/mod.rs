//! The side-panel editors of one entity each, opened from the views.

pub mod activity;
pub mod holidays;
pub mod objective;
