//! Any bytes given to the loader: a project, or an error that points inside the file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(error) = workplan::io::load_bytes(Path::new("fuzz.ron"), data) {
        assert_located(data, &error);
    }
});

/// Every problem has a line and column within the text (or just past its end), except in a
/// file with nothing in it.
fn assert_located(data: &[u8], error: &workplan::io::LoadError) {
    assert!(!error.problems.is_empty());
    let text = String::from_utf8_lossy(data);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        return;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    for p in &error.problems {
        let (Some(line), Some(column)) = (p.line, p.column) else {
            panic!("a problem without a place: {error}");
        };
        assert!((1..=lines.len()).contains(&line), "{error}");
        assert!(
            (1..=lines[line - 1].chars().count() + 1).contains(&column),
            "{error}"
        );
    }
}
