//! Tauri commands: unpack the input, call the workspace, return its typed result or `{kind, message}` error.

use tauri::State;
use vk_core::catalog::Endpoint;
use vk_sandbox::test_values::TestValue;

use crate::ipc::{EnvironmentView, IpcError, SendInput, SendOutcome};
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
pub async fn request_send(workspace: State<'_, Workspace>, input: SendInput) -> Result<SendOutcome, IpcError> {
    workspace.send(input).await
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
