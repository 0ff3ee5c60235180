//! UI tests: the real views driven headlessly through their accessibility tree.
//! One test binary for all of them, so the app is linked once.

mod baselines;
mod calendar;
mod committee;
mod conventions;
mod exports;
mod import;
mod layout;
mod objectives;
mod panels;
mod portfolio;
mod portfolio_checks;
mod programme;
mod results;
mod schedule;
mod shared_files;
mod shell;
mod support;
mod timeline;
mod workplan;
