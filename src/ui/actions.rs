use std::path::PathBuf;

use crate::edit::history::Edit;
pub use crate::exchange::export::Format as ExportFormat;

/// The views of a project, one per tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum View {
    #[default]
    Programme,
    Objectives,
    Workplan,
    Calendar,
    Timeline,
    Committee,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Programme,
        View::Objectives,
        View::Workplan,
        View::Calendar,
        View::Timeline,
        View::Committee,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Programme => "Programme",
            View::Objectives => "Objectives",
            View::Workplan => "Workplan",
            View::Calendar => "Calendar",
            View::Timeline => "Timeline",
            View::Committee => "Committee",
        }
    }
}

/// Something the user asked for. Views and menus only emit these; the app applies them.
#[derive(Clone, Debug)]
pub enum Action {
    New,
    Open,
    OpenPath(PathBuf),
    /// Show the in-app path entry for opening, with an optional note on why.
    OpenByPath(Option<String>),
    Save,
    SaveAs,
    SaveAsPath(PathBuf),
    SaveAsByPath(Option<String>),
    Close,
    Quit,
    Undo,
    Redo,
    /// Put the keyboard in the current view's search field, if it has one.
    FocusSearch,
    Apply(Edit),
    /// The answer to "someone else has this file open".
    OpenLocked(crate::session::OpenChoice),
    /// Restore (true) or discard (false) the unsaved changes found in a recovery copy.
    RestoreRecovered(bool),
    /// Open a recovery copy from the start page as a new, unsaved project.
    OpenRecovered(PathBuf),
    DiscardRecovered(PathBuf),
    /// The answer to "the file changed on disk".
    DiskChanged(crate::session::DiskChoice),
    /// The field being typed in lost focus: the next keystroke starts a new undo step.
    EndTyping,
    ShowView(View),
    ClearRecent,
    About,
    FileFormatHelp,
    /// Show a problem in the status bar.
    Notify(String),
    /// Open an activity in the workplan view, selected, with its editor.
    ShowActivity(crate::model::Id),
    /// Select an activity in every view, staying in the view on screen.
    SelectActivity(crate::model::Id),
    /// Bring the selected activity into view: its month in the calendar, its row and first
    /// bar in the timeline.
    GoToSelection,
    /// Ask first; carry out `then` if the user confirms.
    Confirm {
        title: String,
        message: String,
        confirm: String,
        then: Box<Action>,
    },
    /// Write a document made from the project, asking where.
    Export(ExportFormat),
    /// File > Print: the preview of the current view's document.
    Print,
    /// The preview of a chosen document on a chosen paper.
    PrintPreview(ExportFormat, crate::exchange::export::pdf::Paper),
    /// Write the document as a PDF and open it in the system's viewer, to print.
    PrintOpen(ExportFormat, crate::exchange::export::pdf::Paper),
    /// The user agreed to replace an existing file: carry out the save or export inside.
    Replace(Box<Action>),
    /// Import activities from a sheet (CSV), asking which.
    Import,
    ImportPath(PathBuf),
    /// Check an import again after its review changed a column or an answer.
    RecheckImport(Box<crate::ui::dialogs::ImportReview>),
    /// Apply a reviewed import as one undo step.
    FinishImport(Box<crate::ui::dialogs::ImportReview>),
    ExportToPath(ExportFormat, PathBuf),
    /// Edit > Move the Plan: the dialog.
    MovePlan,
    /// Move every session from a day on, as the dialog asked (one undo step).
    ShiftPlan(crate::plan::move_plan::PlanShift),
    /// File > New Portfolio: where to write it.
    NewPortfolio,
    NewPortfolioPath(PathBuf),
    /// File > Open Portfolio: which one (File > Open takes a `.wpf` too).
    OpenPortfolio,
    ClosePortfolio,
    /// Add Member…: which project files.
    AddMembers,
    AddMemberPaths(Vec<PathBuf>),
    /// Open a member for editing (its lock taken, its edits to its own file).
    EditMember(usize),
    RemoveMember(usize),
    RestyleMember {
        index: usize,
        name: String,
        colour: String,
    },
    /// Show the portfolio's combined plan (true) or the document being edited (false).
    ShowCombined(bool),
    /// Open the member of an activity of the combined plan for editing, that activity selected.
    OpenInMember(crate::model::Id),
    /// Show the findings of the checks across the portfolio's programmes.
    ShowChecks,
    /// What the user asked of a finding across programmes: open one side, mark a pair.
    Finding(crate::ui::views::portfolio_checks::FindingAction),
    /// Draft Stories: the stories of the activities selected in the workplan.
    DraftStories,
    /// Save the stories as edited in the dialog, asking where; the dialog stays open.
    SaveStories(
        crate::ui::dialogs::StoriesFile,
        Box<crate::ui::dialogs::DraftStories>,
    ),
}

impl Action {
    /// Actions that replace or close the open project, and so must ask about unsaved changes.
    pub fn discards_project(&self) -> bool {
        matches!(
            self,
            Action::New | Action::Open | Action::OpenRecovered(_) | Action::Close | Action::Quit
        ) || matches!(self, Action::OpenPath(path)
            if !crate::ui::portfolio_actions::is_portfolio_file(path))
    }
}
