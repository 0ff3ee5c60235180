//! What the tests share (unit tests here, the integration tests under `tests/`, the
//! benchmarks): the bundled sample programme.

use std::path::PathBuf;

use crate::model::Project;

/// The bundled sample programme's file.
pub fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data/see-regional-programme-2009-2011.ron")
}

/// The bundled sample programme, as loaded from its file.
pub fn sample() -> Project {
    crate::io::load(&sample_path()).expect("the bundled sample opens")
}
