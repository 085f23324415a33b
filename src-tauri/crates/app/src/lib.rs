//! VK Workspace's application without a window: the parts the window's commands call, each owning its state and
//! given what it depends on (nothing points back to the whole), and the types that cross IPC. Knows nothing of Tauri.

pub mod batch;
pub mod batch_views;
pub mod bodies;
mod body;
pub mod changes;
pub mod collections;
pub mod damaged;
pub mod db;
pub mod environments;
pub mod error;
pub mod file_grants;
pub mod history;
pub mod ipc;
pub mod request;
pub mod secrets;
pub mod sending;
pub mod snippets;
pub mod text_pages;
pub mod workspace;

pub use changes::Change;
pub use error::{AppError, ErrorKind};
pub use workspace::Workspace;
