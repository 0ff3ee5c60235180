//! Reading and writing project files.
//!
//! A project is one pretty-printed RON file (see `docs/file-format.md`). Loading goes
//! bytes → text → format version → typed project → integrity check, and each stage fails
//! with a message that names the file and, where it can, the line and column.

mod error;
mod fast_read;
mod fast_write;
mod load;
pub mod migrate;
pub mod portfolio;
pub mod save;

pub use error::{FileProblem, LoadError};
pub use load::{
    MAX_AGENDA_DEPTH, MAX_FILE_BYTES, MAX_ID, describe_io_error, load, load_bytes, load_str, read,
};
pub use save::{SaveError, save, to_ron};

/// The fast reader and ron on the same text, for the differential fuzz target: what each
/// reads (`None` where it refuses or, for the fast reader, gives up). Where both read a
/// project, it must be the same one.
#[doc(hidden)]
pub fn read_with_both(
    text: &str,
) -> (Option<crate::model::Project>, Option<crate::model::Project>) {
    (
        fast_read::from_str(text).ok(),
        ron::Options::default().from_str(text).ok(),
    )
}

/// The canonical text as ron's own pretty printer writes it, without the fast writer: what
/// the io benchmark compares the fast writer with.
#[doc(hidden)]
pub fn ron_text(project: &crate::model::Project) -> String {
    ron::ser::to_string_pretty(project, save::canonical_config())
        .expect("a project holds only values RON can write")
}

/// The fast writer and ron's pretty printer on the same project, for the property tests: the
/// fast writer's text (`None` where it leaves a value to ron) and ron's. Where the fast writer
/// writes, the two must be the same bytes.
#[doc(hidden)]
pub fn write_with_both(project: &crate::model::Project) -> (Option<String>, String) {
    (fast_write::to_string(project).ok(), ron_text(project))
}
