//! Batch runs from a spreadsheet: read the sheet (CSV or XLSX), map its columns to an endpoint's fields, and
//! check every row with the identifier validators before anything is sent.

pub mod check;
pub mod mapping;
pub mod sheet;

pub use check::{precheck, RowCheck};
pub use mapping::{auto_map, Mapping};
pub use sheet::{Sheet, SheetError};
