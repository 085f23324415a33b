//! VK Workspace's store: one SQLite file (WAL) with versioned migrations; request history with full-text search.

pub mod batch;
pub mod collections;
mod db;
pub mod environments;
pub mod history;
mod mask;

pub use db::{DamagedRun, OpenReport, Store, StoreError, BULK_WAL_PAGES, DAMAGED_RUNS_READ, SCHEMA_VERSION};
pub use mask::{has_masked_aadhaar, mask_aadhaar};
