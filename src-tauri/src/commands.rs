//! Tauri commands: unpack the input, call the workspace, return its typed result or `{kind, message}` error.
//! Commands that change something tell the page by an event, so it refreshes without polling.

use std::path::PathBuf;

use tauri::{AppHandle, Emitter, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use vk_core::catalog::Endpoint;
use vk_core::envelope::FieldProblem;
use vk_sandbox::test_values::TestValue;
use vk_store::collections::{DeletionTicket, FolderNode, Item, SavedRequest};
use vk_store::history::{HistoryFilter, HistorySummary};

use crate::batch::{BatchExported, BatchRowsView, BatchStartInput, CheckView, RowFilter, RunView, SheetView};
use crate::ipc::{
    CollectionExported, CredentialStoreView, EnvironmentInput, EnvironmentView, EnvironmentsView, ErrorKind,
    HistoryOpened, HistorySettings, IpcError, PresignedCurlView, SecretCheck, SendInput, SendOutcome, SnippetInput,
    SnippetView, TextPage,
};
use crate::workspace::Workspace;

pub const HISTORY_CHANGED: &str = "history-changed";
pub const ENVIRONMENTS_CHANGED: &str = "environments-changed";
pub const COLLECTIONS_CHANGED: &str = "collections-changed";
pub const BATCH_EVENT: &str = "batch-event";

/// Emits `event` when `result` succeeded, and passes the result on.
fn announce<T>(app: &AppHandle, event: &str, result: Result<T, IpcError>) -> Result<T, IpcError> {
    if result.is_ok() {
        let _ = app.emit(event, ());
    }
    result
}

// Environments and their secrets.

#[tauri::command]
pub async fn environments_list(workspace: State<'_, Workspace>) -> Result<EnvironmentsView, IpcError> {
    workspace.environments().await
}

#[tauri::command]
pub async fn environment_select(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    id: i64,
) -> Result<EnvironmentView, IpcError> {
    announce(&app, ENVIRONMENTS_CHANGED, workspace.environment_select(id).await)
}

#[tauri::command]
pub async fn environment_save(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    input: EnvironmentInput,
) -> Result<EnvironmentView, IpcError> {
    announce(&app, ENVIRONMENTS_CHANGED, workspace.environment_save(input).await)
}

#[tauri::command]
pub async fn environment_delete(app: AppHandle, workspace: State<'_, Workspace>, id: i64) -> Result<(), IpcError> {
    announce(&app, ENVIRONMENTS_CHANGED, workspace.environment_delete(id).await)
}

/// The secret travels one way only: from the page into Rust. It is never sent back.
#[tauri::command]
pub async fn environment_set_secret(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    id: i64,
    secret: String,
    session_only: bool,
) -> Result<EnvironmentView, IpcError> {
    announce(&app, ENVIRONMENTS_CHANGED, workspace.environment_set_secret(id, secret, session_only).await)
}

#[tauri::command]
pub async fn environment_forget_secret(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    id: i64,
) -> Result<EnvironmentView, IpcError> {
    announce(&app, ENVIRONMENTS_CHANGED, workspace.environment_forget_secret(id).await)
}

#[tauri::command]
pub async fn environment_test_secret(workspace: State<'_, Workspace>, id: i64) -> Result<SecretCheck, IpcError> {
    workspace.environment_test_secret(id).await
}

#[tauri::command]
pub async fn credential_store_status(workspace: State<'_, Workspace>) -> Result<CredentialStoreView, IpcError> {
    workspace.with_secrets(|s| Ok(s.status())).await
}

// Sending and history.

#[tauri::command]
pub async fn request_send(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    input: SendInput,
) -> Result<SendOutcome, IpcError> {
    let outcome = workspace.send(input).await;
    // Sends that reached the network are in history, answered or not.
    if !matches!(&outcome, Err(e) if e.kind == ErrorKind::InvalidInput) {
        let _ = app.emit(HISTORY_CHANGED, ());
    }
    outcome
}

/// The whole body of a kept answer, as raw bytes (never encoded into JSON, whatever its size).
#[tauri::command]
pub async fn response_body(workspace: State<'_, Workspace>, handle: u64) -> Result<tauri::ipc::Response, IpcError> {
    Ok(tauri::ipc::Response::new(workspace.response_bytes(handle).await?))
}

/// Saves the whole body of a kept answer to `path`, a file the user chose; returns its size in bytes.
/// Rows of a large answer as text (as it came, or pretty-printed), for the Raw and Pretty views.
#[tauri::command]
pub async fn response_text_page(
    workspace: State<'_, Workspace>,
    handle: u64,
    pretty: bool,
    start: u64,
    count: u32,
) -> Result<TextPage, IpcError> {
    workspace.response_text_page(handle, pretty, start, count).await
}

/// Opens the save dialog (from Rust, so the page cannot name a path itself) and returns the chosen path, which the
/// next `response_save`, `snippet_save` or `collection_export` may then write once; `None` when cancelled.
#[tauri::command]
pub async fn save_dialog(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    file_name: String,
    filter_name: Option<String>,
    extensions: Vec<String>,
) -> Result<Option<String>, IpcError> {
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app.dialog().file().set_file_name(file_name);
    if let Some(name) = filter_name.filter(|_| !extensions.is_empty()) {
        let extensions: Vec<&str> = extensions.iter().map(String::as_str).collect();
        dialog = dialog.add_filter(name, &extensions);
    }
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?;
    let Some(chosen) = chosen else { return Ok(None) };
    let path = chosen
        .into_path()
        .map_err(|e| IpcError::new(ErrorKind::InvalidInput, format!("That place cannot be saved to: {e}.")))?;
    workspace.grant_file(path.clone());
    Ok(Some(path.to_string_lossy().into_owned()))
}

#[tauri::command]
pub async fn response_save(workspace: State<'_, Workspace>, handle: u64, path: PathBuf) -> Result<u64, IpcError> {
    workspace.response_save(handle, path).await
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
pub async fn history_rerun(app: AppHandle, workspace: State<'_, Workspace>, id: i64) -> Result<SendOutcome, IpcError> {
    let outcome = workspace.history_rerun(id).await;
    if !matches!(&outcome, Err(e) if e.kind == ErrorKind::InvalidInput) {
        let _ = app.emit(HISTORY_CHANGED, ());
    }
    outcome
}

#[tauri::command]
pub async fn history_delete(app: AppHandle, workspace: State<'_, Workspace>, id: i64) -> Result<bool, IpcError> {
    announce(&app, HISTORY_CHANGED, workspace.history_delete(id).await)
}

#[tauri::command]
pub async fn history_clear(app: AppHandle, workspace: State<'_, Workspace>) -> Result<usize, IpcError> {
    announce(&app, HISTORY_CHANGED, workspace.history_clear().await)
}

#[tauri::command]
pub fn history_settings_get(workspace: State<'_, Workspace>) -> HistorySettings {
    workspace.history_settings()
}

/// Saves the settings and applies the retention; returns how many entries it removed.
#[tauri::command]
pub async fn history_settings_set(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    settings: HistorySettings,
) -> Result<usize, IpcError> {
    announce(&app, HISTORY_CHANGED, workspace.history_set_settings(settings).await)
}

// Collections.

#[tauri::command]
pub async fn collections_tree(workspace: State<'_, Workspace>) -> Result<FolderNode, IpcError> {
    workspace.collections_tree().await
}

#[tauri::command]
pub async fn collection_folder_create(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    parent: Option<i64>,
    name: String,
) -> Result<i64, IpcError> {
    announce(&app, COLLECTIONS_CHANGED, workspace.collection_folder_create(parent, name).await)
}

#[tauri::command]
pub async fn collection_request_save(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    request: SavedRequest,
) -> Result<i64, IpcError> {
    announce(&app, COLLECTIONS_CHANGED, workspace.collection_request_save(request).await)
}

#[tauri::command]
pub async fn collection_request_get(workspace: State<'_, Workspace>, id: i64) -> Result<SavedRequest, IpcError> {
    workspace.collection_request_get(id).await
}

#[tauri::command]
pub async fn collection_rename(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    item: Item,
    name: String,
) -> Result<(), IpcError> {
    announce(&app, COLLECTIONS_CHANGED, workspace.collection_rename(item, name).await)
}

#[tauri::command]
pub async fn collection_move(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    item: Item,
    folder: Option<i64>,
    position: u32,
) -> Result<(), IpcError> {
    announce(&app, COLLECTIONS_CHANGED, workspace.collection_move(item, folder, position).await)
}

#[tauri::command]
pub async fn collection_duplicate(app: AppHandle, workspace: State<'_, Workspace>, id: i64) -> Result<i64, IpcError> {
    announce(&app, COLLECTIONS_CHANGED, workspace.collection_duplicate(id).await)
}

#[tauri::command]
pub async fn collection_delete(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    item: Item,
) -> Result<DeletionTicket, IpcError> {
    announce(&app, COLLECTIONS_CHANGED, workspace.collection_delete(item).await)
}

#[tauri::command]
pub async fn collection_undo_delete(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    ticket: DeletionTicket,
) -> Result<(), IpcError> {
    announce(&app, COLLECTIONS_CHANGED, workspace.collection_undo_delete(ticket).await)
}

/// Writes the collection to `path`, a file the user chose in the save dialog.
#[tauri::command]
pub async fn collection_export(
    workspace: State<'_, Workspace>,
    folder: Option<i64>,
    path: PathBuf,
) -> Result<CollectionExported, IpcError> {
    workspace.collection_export(folder, path).await
}

// The built-in sandbox's own settings.

#[tauri::command]
pub fn sandbox_clock_get(workspace: State<'_, Workspace>) -> i64 {
    workspace.sandbox_clock_offset()
}

/// Sets the built-in sandbox's clock ahead (or behind) by `offset_secs`, to practise TIMESTAMP_EXPIRED.
#[tauri::command]
pub fn sandbox_clock_set(workspace: State<'_, Workspace>, offset_secs: i64) -> Result<i64, IpcError> {
    workspace.set_sandbox_clock_offset(offset_secs)
}

// The window's own state, kept with the data folder.

/// The open request tabs as the page last saved them (JSON it writes and reads; no secrets in it).
#[tauri::command]
pub async fn ui_tabs_get(workspace: State<'_, Workspace>) -> Result<Option<String>, IpcError> {
    workspace.ui_state("open_tabs").await
}

#[tauri::command]
pub async fn ui_tabs_set(workspace: State<'_, Workspace>, state: String) -> Result<(), IpcError> {
    workspace.set_ui_state("open_tabs", state).await
}

// Reference data and start-up.

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

/// What is wrong with a form's values for an endpoint, field by field (empty when all is well).
#[tauri::command]
pub fn catalog_check_form(
    endpoint_id: String,
    values: std::collections::BTreeMap<String, String>,
) -> Result<Vec<FieldProblem>, IpcError> {
    let endpoint = vk_core::catalog::find(&endpoint_id).ok_or_else(|| {
        IpcError::new(ErrorKind::InvalidInput, format!("There is no endpoint {endpoint_id} in the catalog."))
    })?;
    Ok(endpoint.check_form(&values))
}

/// Where a JSON text breaks (line, column, plain words), for the body editor; `None` when it is valid.
#[tauri::command]
pub fn json_check(text: String) -> Option<vk_core::JsonProblem> {
    vk_core::json_problem(&text)
}

/// Every error code a history entry can carry: the API's own, then those of sends that got no answer.
#[tauri::command]
pub fn error_codes() -> Vec<String> {
    let api = vk_core::ApiErrorCode::ALL.iter().map(|c| c.as_str());
    api.chain(vk_http::SEND_ERROR_CODES).map(str::to_string).collect()
}

/// Every error code of the API in plain words (meaning and next step), for the help sheet.
#[tauri::command]
pub fn error_explanations() -> Vec<vk_core::Explanation> {
    vk_core::ApiErrorCode::ALL.iter().map(|c| c.explanation()).collect()
}

/// The built-in sandbox's documented test values, one per outcome.
#[tauri::command]
pub fn sandbox_test_values() -> Vec<TestValue> {
    vk_sandbox::test_values::test_values()
}

fn to_clipboard(app: &AppHandle, text: String) -> Result<(), IpcError> {
    app.clipboard()
        .write_text(text)
        .map_err(|e| IpcError::new(ErrorKind::Internal, format!("The clipboard could not be written: {e}.")))
}

#[tauri::command]
pub async fn snippet_show(workspace: State<'_, Workspace>, input: SnippetInput) -> Result<SnippetView, IpcError> {
    workspace.snippet_show(input).await
}

/// Copies the code from Rust, so a secret written into it never passes through the page.
#[tauri::command]
pub async fn snippet_copy(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    input: SnippetInput,
) -> Result<(), IpcError> {
    let text = workspace.snippet_text(input).await?;
    to_clipboard(&app, text)
}

#[tauri::command]
pub async fn snippet_save(workspace: State<'_, Workspace>, input: SnippetInput, path: PathBuf) -> Result<(), IpcError> {
    workspace.snippet_save(input, path).await
}

/// Copies a curl command signed now (valid 5 minutes) and returns it to show; it holds no secret.
#[tauri::command]
pub async fn snippet_copy_presigned(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    request: SendInput,
    base_url: String,
) -> Result<PresignedCurlView, IpcError> {
    let view = workspace.snippet_presigned_curl(request, base_url).await?;
    to_clipboard(&app, view.text.clone())?;
    Ok(view)
}

// Batch runs.

/// The sheet's bytes arrive raw (never encoded into JSON); its file name in the `x-file-name` header.
#[tauri::command]
pub async fn batch_load(
    workspace: State<'_, Workspace>,
    request: tauri::ipc::Request<'_>,
) -> Result<SheetView, IpcError> {
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(IpcError::new(ErrorKind::InvalidInput, "The sheet did not arrive as a file. Choose it again."));
    };
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            form_urlencoded::parse(format!("n={v}").as_bytes()).map(|(_, v)| v.into_owned()).next().unwrap_or_default()
        })
        .unwrap_or_else(|| "sheet".into());
    workspace.batch_load(name, bytes.clone()).await
}

#[tauri::command]
pub fn batch_auto_map(workspace: State<'_, Workspace>, endpoint_id: String) -> Result<vk_batch::Mapping, IpcError> {
    workspace.batch_auto_map(endpoint_id)
}

#[tauri::command]
pub async fn batch_check(
    workspace: State<'_, Workspace>,
    target: vk_batch::BatchTarget,
) -> Result<CheckView, IpcError> {
    workspace.batch_check(target).await
}

#[tauri::command]
pub async fn batch_start(workspace: State<'_, Workspace>, input: BatchStartInput) -> Result<RunView, IpcError> {
    workspace.batch_start(input).await
}

#[tauri::command]
pub async fn batch_resume(workspace: State<'_, Workspace>, run_id: i64) -> Result<RunView, IpcError> {
    workspace.batch_resume(run_id).await
}

#[tauri::command]
pub async fn batch_stop(workspace: State<'_, Workspace>, run_id: i64, cancel: bool) -> Result<(), IpcError> {
    workspace.batch_stop(run_id, cancel).await
}

#[tauri::command]
pub async fn batch_runs(workspace: State<'_, Workspace>) -> Result<Vec<RunView>, IpcError> {
    workspace.batch_runs().await
}

#[tauri::command]
pub async fn batch_delete(workspace: State<'_, Workspace>, run_id: i64) -> Result<(), IpcError> {
    workspace.batch_delete(run_id).await
}

#[tauri::command]
pub async fn batch_rows(
    workspace: State<'_, Workspace>,
    run_id: i64,
    filter: RowFilter,
    offset: u32,
    limit: u32,
) -> Result<BatchRowsView, IpcError> {
    workspace.batch_rows(run_id, filter, offset, limit).await
}

#[tauri::command]
pub async fn batch_export(
    workspace: State<'_, Workspace>,
    run_id: i64,
    xlsx: bool,
    mask_aadhaar: bool,
) -> Result<BatchExported, IpcError> {
    workspace.batch_export(run_id, xlsx, mask_aadhaar).await
}
