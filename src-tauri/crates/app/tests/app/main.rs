//! App-level tests: the workspace's commands against a real data folder, SQLite file, sandbox and keyring,
//! without a window (vk-app links no Tauri or WebKit).

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
