//! Inputs that once crashed or hung the loader (found by fuzzing or the property tests), kept
//! small in `tests/fuzz-regressions/`: each must open, or be refused with every problem at a
//! line and column inside the file, without a panic.

use std::path::Path;

use workplan::io;

#[test]
fn every_kept_input_opens_or_is_refused_at_a_place() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let result = std::panic::catch_unwind(|| io::load_bytes(&file, &bytes))
            .unwrap_or_else(|_| panic!("{name}: the loader panicked"));
        match result {
            Ok(project) => {
                let text = io::to_ron(&project);
                let again = io::load_str(&file, &text)
                    .unwrap_or_else(|e| panic!("{name}: its save does not open: {e}"));
                assert_eq!(again, project, "{name}");
                assert_eq!(io::to_ron(&again), text, "{name}");
            }
            Err(error) => assert_located(&name, &bytes, &error),
        }
    }
}

fn assert_located(name: &str, bytes: &[u8], error: &io::LoadError) {
    assert!(!error.problems.is_empty(), "{name}");
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        return; // an empty file has no place to point at
    }
    let lines: Vec<&str> = text.split('\n').collect();
    for p in &error.problems {
        let (Some(line), Some(column)) = (p.line, p.column) else {
            panic!("{name}: a problem without a place: {error}");
        };
        assert!((1..=lines.len()).contains(&line), "{name}: {error}");
        let width = lines[line - 1].chars().count();
        assert!((1..=width + 1).contains(&column), "{name}: {error}");
    }
}
