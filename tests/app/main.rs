//! App-level tests: the workspace's commands against a real data folder, SQLite file, sandbox and keyring.
//!
//! One test binary for all of them: each binary links the whole app (Tauri and WebKit included), so one
//! link instead of five keeps CI's build time and disk use down.

mod batch;
mod common;
mod environments;
mod file_grants;
mod history;
mod hostile_json;
mod hostile_sheets;
mod large_answers;
mod redirects;
mod secret_scan;
mod snippets;
mod workspace;
