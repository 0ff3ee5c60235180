//! Every way data leaves or enters a project other than its own file: the exports, and the
//! activity CSV (export and import).

pub mod activity_csv;
pub mod export;
pub mod formula_guard;
pub mod import;
pub mod spreadsheet;
pub mod table;
pub mod text_file;
