//! Batch runs from a spreadsheet: read the sheet (CSV or XLSX), map its columns to an endpoint's fields (or fill a
//! saved request's `{{Column}}` variables), check every row before anything is sent, send at a safe rate with
//! each result written as it arrives, and give back the sheet with result columns.

pub mod check;
pub mod limits;
pub mod mapping;
pub mod output;
mod pacer;
pub mod plan;
pub mod result;
pub mod runner;
pub mod sheet;
mod xlsx;

pub use check::{precheck, RowCheck};
pub use mapping::{auto_map, suggest, Mapping};
pub use plan::{fingerprint, BatchTarget, Plan, PlanError};
pub use runner::{run, Destination, Engine, Job, Progress, RunControl, RunEnd, RunSettings};
pub use sheet::{Sheet, SheetError};
