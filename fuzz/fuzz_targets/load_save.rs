//! Whatever opens saves to text that opens as the same project and saves to the same bytes.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use workplan::io;

fuzz_target!(|data: &[u8]| {
    let Ok(project) = io::load_bytes(Path::new("fuzz.ron"), data) else {
        return;
    };
    let text = io::to_ron(&project);
    let again = io::load_str(Path::new("saved.ron"), &text)
        .unwrap_or_else(|e| panic!("a saved project does not open: {e}\n{text}"));
    assert_eq!(again, project, "the project changed in a save and load");
    assert_eq!(io::to_ron(&again), text, "a second save gave other bytes");
});
