//! The shapes of batch runs that cross IPC: a loaded sheet, its check, how a run starts, runs and rows for the grid.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vk_batch::{BatchTarget, RowCheck};
use vk_store::batch::{RowResult, RunCounts, RunInfo};

/// A loaded sheet, before a run is made of it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SheetView {
    pub name: String,
    pub headers: Vec<String>,
    pub row_count: u32,
    /// The first rows, to show what was read.
    pub preview: Vec<Vec<String>>,
    /// The endpoints the columns fit, best first (ids), to offer before one is chosen.
    pub suggested: Vec<String>,
}

/// The check of every row against the target.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckView {
    pub row_count: u32,
    pub bad_count: u32,
    /// The first bad rows with their reasons (at most 500).
    pub bad_rows: Vec<RowCheck>,
    /// The catalog endpoint the rows go to, when the target is (or matches) one.
    pub endpoint_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BadRows {
    /// Leave them out: their result says they were skipped.
    Skip,
    /// Send them as they are (to see how the API refuses them).
    Send,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct BatchStartInput {
    pub target: BatchTarget,
    pub bad_rows: BadRows,
    pub rate: f64,
    pub concurrency: u32,
    /// The user was told this sheet's earlier run was lost with a damaged data file and chose to send every row
    /// again.
    #[serde(default)]
    pub resend_confirmed: bool,
}

/// A run as the list shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RunView {
    pub info: RunInfo,
    pub counts: RunCounts,
    /// Sending now (in this window).
    pub active: bool,
}

/// Which rows the grid shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RowFilter {
    All,
    Success,
    ApiError,
    NotSent,
    Skipped,
    Waiting,
}

/// One line of the grid.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BatchRowView {
    pub index: u32,
    /// The row number a spreadsheet program shows.
    #[ts(type = "number")]
    pub number: u64,
    /// The row's own values, short (the mapped columns first).
    pub label: String,
    /// `None`: waiting to be sent.
    pub result: Option<RowResult>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BatchRowsView {
    /// How many rows the filter matches.
    pub total: u32,
    pub rows: Vec<BatchRowView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BatchExported {
    pub path: String,
}
