//! A sheet of cells as the activity import reads it, whatever file it came from: a CSV file
//! (`text_file` and the CSV reader) or a spreadsheet's sheet (`spreadsheet`). The import checks
//! rows against the project without knowing where they were read from.

/// One sheet: its header row and the rows under it, every cell as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The header row's cells, as written (the import matches them ignoring case and spaces).
    pub headers: Vec<String>,
    /// The header's row number as the spreadsheet shows it (1 unless rows above it were empty).
    pub header_row: usize,
    /// The rows under the header, in order; rows that hold nothing are left out.
    pub rows: Vec<Row>,
    /// How the file was read, for the review and the command line: "Read as Windows-1252,
    /// separated by ;" or "Read sheet “Workplan” (of Workplan, Logframe)".
    pub read_as: String,
}

/// One row under the header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// The row's number as the spreadsheet shows it (the header is usually row 1).
    pub number: usize,
    /// The cells, as text: numbers without a needless ".0", dates as `YYYY-MM-DD`.
    pub cells: Vec<String>,
    /// Cells the reader could not take as text (a formula's error such as `#REF!`, a cell
    /// inside merged cells), by column index and reason. The import reports each as a problem
    /// of its column.
    pub cell_problems: Vec<(usize, String)>,
    /// Why the row as a whole cannot be read (a CSV record with a quote left open, a row with
    /// more or fewer values than the header); its cells are then not checked.
    pub unreadable: Option<String>,
}
