//! Tauri commands: unpack the input, call the workspace, return its typed result or `{kind, message}` error.

use tauri::{AppHandle, Emitter, State};
use vk_core::catalog::Endpoint;
use vk_sandbox::test_values::TestValue;

use crate::ipc::{EnvironmentView, HistoryOpened, IpcError, SendInput, SendOutcome};
use vk_store::history::{HistoryFilter, HistorySummary};

/// Sent to the page whenever history changes, so it refreshes without polling.
pub const HISTORY_CHANGED: &str = "history-changed";
use crate::workspace::Workspace;

#[tauri::command]
pub fn environment_get(workspace: State<'_, Workspace>) -> EnvironmentView {
    workspace.environment()
}

/// The secret travels one way only: from the page into Rust. It is never sent back.
#[tauri::command]
pub fn environment_set_secret(workspace: State<'_, Workspace>, secret: String) -> Result<EnvironmentView, IpcError> {
    workspace.set_secret(secret)
}

#[tauri::command]
pub fn environment_reset(workspace: State<'_, Workspace>) -> EnvironmentView {
    workspace.reset_to_builtin()
}

#[tauri::command]
pub async fn request_send(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    input: SendInput,
) -> Result<SendOutcome, IpcError> {
    let outcome = workspace.send(input).await;
    // Sends that reached the network are in history, answered or not.
    if !matches!(&outcome, Err(e) if e.kind == crate::ipc::ErrorKind::InvalidInput) {
        let _ = app.emit(HISTORY_CHANGED, ());
    }
    outcome
}

#[tauri::command]
pub async fn history_list(
    workspace: State<'_, Workspace>,
    filter: HistoryFilter,
) -> Result<Vec<HistorySummary>, IpcError> {
    workspace.history_list(filter).await
}

#[tauri::command]
pub async fn history_open(workspace: State<'_, Workspace>, id: i64) -> Result<HistoryOpened, IpcError> {
    workspace.history_open(id).await
}

#[tauri::command]
pub async fn history_delete(app: AppHandle, workspace: State<'_, Workspace>, id: i64) -> Result<bool, IpcError> {
    let deleted = workspace.history_delete(id).await?;
    let _ = app.emit(HISTORY_CHANGED, ());
    Ok(deleted)
}

#[tauri::command]
pub async fn history_clear(app: AppHandle, workspace: State<'_, Workspace>) -> Result<usize, IpcError> {
    let cleared = workspace.history_clear().await?;
    let _ = app.emit(HISTORY_CHANGED, ());
    Ok(cleared)
}

/// Messages to show once at start (for example, a damaged history file that was set aside).
#[tauri::command]
pub fn startup_notices(workspace: State<'_, Workspace>) -> Vec<String> {
    workspace.startup_notices()
}

/// Every endpoint of the API, from the catalog compiled into the app.
#[tauri::command]
pub fn catalog_list() -> Vec<Endpoint> {
    vk_core::catalog::catalog().to_vec()
}

/// The built-in sandbox's documented test values, one per outcome.
#[tauri::command]
pub fn sandbox_test_values() -> Vec<TestValue> {
    vk_sandbox::test_values::test_values()
}
