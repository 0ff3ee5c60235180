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

/// A session from `start` to `end` at no place yet, known to `precision`.
pub fn session(
    id: u64,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    precision: crate::model::Precision,
) -> crate::model::Session {
    crate::model::Session {
        id: crate::model::Id(id),
        start,
        end: Some(end),
        precision,
        place: crate::model::Place::default(),
    }
}

/// Adds a staff member named `name` (with a fresh id) and returns the id.
pub fn add_staff(project: &mut Project, name: &str) -> crate::model::Id {
    let id = project.allocate_id();
    project.staff.push(crate::model::StaffMember::new(id, name));
    id
}
