use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in a file, with its place when it has one (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl FileProblem {
    pub fn new(message: impl Into<String>) -> Self {
        FileProblem {
            line: None,
            column: None,
            message: message.into(),
        }
    }

    pub fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        FileProblem {
            line: Some(line),
            column: Some(column),
            message: message.into(),
        }
    }
}

/// Why a project file could not be opened. Lists every problem found, first to last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub problems: Vec<FileProblem>,
}

impl LoadError {
    pub fn one(path: &Path, problem: FileProblem) -> Self {
        LoadError {
            path: path.to_path_buf(),
            problems: vec![problem],
        }
    }

    /// The lines a command-line tool prints: `FILE:LINE:COL: message` or `FILE: message`.
    pub fn lines(&self) -> Vec<String> {
        let file = self.path.display();
        self.problems
            .iter()
            .map(|p| match (p.line, p.column) {
                (Some(line), Some(col)) => format!("{file}:{line}:{col}: {}", p.message),
                (Some(line), None) => format!("{file}:{line}: {}", p.message),
                _ => format!("{file}: {}", p.message),
            })
            .collect()
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl std::error::Error for LoadError {}
