use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a file dialog gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    Chosen(PathBuf),
    Cancelled,
    /// No dialog could be shown (no desktop portal, for example).
    Unavailable,
}

/// Native open and save dialogs; replaceable so tests never block on a real dialog.
pub trait FileChooser {
    fn choose_open(&mut self) -> Choice;
    fn choose_save(&mut self, suggested_name: &str) -> Choice;
    /// A file of activities to import; by default the open dialog.
    fn choose_import(&mut self) -> Choice {
        self.choose_open()
    }
    /// Which portfolio file to open; by default the open dialog.
    fn choose_portfolio(&mut self) -> Choice {
        self.choose_open()
    }
    /// Where to write a new portfolio file; by default the save dialog.
    fn choose_new_portfolio(&mut self, suggested_name: &str) -> Choice {
        self.choose_save(suggested_name)
    }
    /// Project files to add to a portfolio (several at once): `None` when no dialog could be
    /// shown, an empty list when the user cancelled. By default one file, by the open dialog.
    fn choose_members(&mut self) -> Option<Vec<PathBuf>> {
        match self.choose_open() {
            Choice::Chosen(path) => Some(vec![path]),
            Choice::Cancelled => Some(Vec::new()),
            Choice::Unavailable => None,
        }
    }
    /// Where to write an export (`what`, a file ending `.extension`); by default the save
    /// dialog.
    fn choose_export(&mut self, suggested_name: &str, what: &str, extension: &str) -> Choice {
        let _ = (what, extension);
        self.choose_save(suggested_name)
    }
    /// Opens a written document in the program the system opens such files with (the PDF
    /// viewer, to print); the error says why it could not.
    fn open_in_viewer(&mut self, path: &std::path::Path) -> Result<(), String>;
}

/// The system's dialogs through rfd.
#[derive(Default)]
pub struct NativeFileChooser;

/// rfd reports "nothing chosen" both when the user cancels and when no dialog could be shown.
/// Nobody cancels a dialog this fast, so an answer sooner than this means none was shown.
const NO_DIALOG_SHOWN: Duration = Duration::from_millis(250);

fn classify(started: Instant, picked: Option<PathBuf>) -> Choice {
    match picked {
        Some(path) => Choice::Chosen(path),
        None if started.elapsed() < NO_DIALOG_SHOWN => Choice::Unavailable,
        None => Choice::Cancelled,
    }
}

impl FileChooser for NativeFileChooser {
    fn open_in_viewer(&mut self, path: &std::path::Path) -> Result<(), String> {
        open::that_detached(path).map_err(|e| e.to_string())
    }

    fn choose_open(&mut self) -> Choice {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Open project")
            .add_filter("Workplan project or portfolio", &["ron", "wpf"])
            .add_filter("All files", &["*"])
            .pick_file();
        classify(started, picked)
    }

    fn choose_portfolio(&mut self) -> Choice {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Open portfolio")
            .add_filter("Workplan portfolio", &["wpf"])
            .add_filter("All files", &["*"])
            .pick_file();
        classify(started, picked)
    }

    fn choose_new_portfolio(&mut self, suggested_name: &str) -> Choice {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("New portfolio")
            .add_filter("Workplan portfolio", &["wpf"])
            .set_file_name(suggested_name)
            .save_file();
        classify(started, picked)
    }

    fn choose_members(&mut self) -> Option<Vec<PathBuf>> {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Add members")
            .add_filter("Workplan project", &["ron"])
            .add_filter("All files", &["*"])
            .pick_files();
        match picked {
            Some(files) => Some(files),
            None if started.elapsed() < NO_DIALOG_SHOWN => None,
            None => Some(Vec::new()),
        }
    }

    fn choose_import(&mut self) -> Choice {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Import activities")
            .add_filter(
                "Sheets and plans (CSV, Excel, OpenDocument, MS Project XML)",
                &["csv", "txt", "tsv", "xlsx", "xlsm", "ods", "xml"],
            )
            .add_filter("All files", &["*"])
            .pick_file();
        classify(started, picked)
    }

    fn choose_export(&mut self, suggested_name: &str, what: &str, extension: &str) -> Choice {
        let started = Instant::now();
        let path = std::path::Path::new(suggested_name);
        let mut dialog = rfd::FileDialog::new()
            .set_title("Export")
            .add_filter(what, &[extension])
            .add_filter("All files", &["*"]);
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            dialog = dialog.set_directory(folder);
        }
        if let Some(name) = path.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        classify(started, dialog.save_file())
    }

    fn choose_save(&mut self, suggested_name: &str) -> Choice {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Save project as")
            .add_filter("Workplan project", &["ron"])
            .set_file_name(suggested_name)
            .save_file();
        classify(started, picked)
    }
}
