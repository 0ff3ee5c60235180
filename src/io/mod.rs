//! Reading and writing project files.
//!
//! A project is one pretty-printed RON file (see `docs/file-format.md`). Loading goes
//! bytes → text → format version → typed project → integrity check, and each stage fails
//! with a message that names the file and, where it can, the line and column.

pub mod disk;
mod error;
mod fast_read;
mod fast_write;
mod load;
pub mod lock;
pub mod migrate;
pub mod recovery;
pub mod save;

pub use error::{FileProblem, LoadError};
pub use load::{
    MAX_AGENDA_DEPTH, MAX_FILE_BYTES, MAX_ID, describe_io_error, load, load_bytes, load_str, read,
};
pub use save::{SaveError, save, to_ron};
