//! UI tests: the real views driven headlessly through their accessibility tree.
//! One test binary for all of them, so the app is linked once.

mod objectives;
mod shell;
mod support;
mod workplan;
