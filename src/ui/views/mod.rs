//! One file per view: each reads the project through a `ViewContext` and emits actions.

pub mod baselines;
pub mod calendar;
pub mod committee;
pub mod logframe;
pub mod objectives;
pub mod portfolio;
pub mod portfolio_checks;
pub mod programme;
pub mod start_page;
pub mod timeline;
pub mod timeline_baseline;
pub mod workplan;
