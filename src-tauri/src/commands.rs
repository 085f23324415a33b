//! The window's commands, each declared once. `commands!` turns `name(arg: Type, …) -> Output;` into a Tauri
//! command that calls the workspace's method of the same name; the few below it need Tauri itself (raw bodies,
//! the clipboard, the save dialog). `scripts/sync-commands.py` reads this file to write the handler list, the
//! permissions, the window's capability and the TypeScript wrappers (checked in CI).

use std::collections::BTreeMap;
use std::path::PathBuf;

use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use vk_app::batch_views::{BatchExported, BatchRowsView, BatchStartInput, CheckView, RowFilter, RunView, SheetView};
use vk_app::ipc::{
    CollectionExported, CredentialStoreView, EnvironmentInput, EnvironmentView, EnvironmentsView, HistoryOpened,
    HistorySettings, PresignedCurlView, SecretCheck, SendInput, SendOutcome, SnippetInput, SnippetView, TextPage,
};
use vk_app::{AppError, Workspace};
use vk_batch::{BatchTarget, Mapping};
use vk_core::catalog::Endpoint;
use vk_core::envelope::FieldProblem;
use vk_core::{Explanation, JsonProblem};
use vk_sandbox::test_values::TestValue;
use vk_store::collections::{DeletionTicket, FolderNode, Item, SavedRequest};
use vk_store::history::{HistoryFilter, HistorySummary};

macro_rules! commands {
    ($($name:ident($($arg:ident: $ty:ty),*) -> $out:ty;)*) => {$(
        #[tauri::command]
        pub async fn $name(workspace: State<'_, Workspace>, $($arg: $ty),*) -> Result<$out, AppError> {
            workspace.$name($($arg),*).await
        }
    )*};
}

commands! {
    environments_list() -> EnvironmentsView;
    environment_select(id: i64) -> EnvironmentView;
    environment_save(input: EnvironmentInput) -> EnvironmentView;
    environment_delete(id: i64) -> ();
    environment_set_secret(id: i64, secret: String, session_only: bool) -> EnvironmentView;
    environment_forget_secret(id: i64) -> EnvironmentView;
    environment_test_secret(id: i64) -> SecretCheck;
    credential_store_status() -> CredentialStoreView;
    request_send(input: SendInput) -> SendOutcome;
    response_text_page(handle: u64, pretty: bool, start: u64, count: u32) -> TextPage;
    response_save(handle: u64, path: PathBuf) -> u64;
    history_list(filter: HistoryFilter) -> Vec<HistorySummary>;
    history_open(id: i64) -> HistoryOpened;
    history_rerun(id: i64) -> SendOutcome;
    history_delete(id: i64) -> bool;
    history_clear() -> usize;
    history_settings_get() -> HistorySettings;
    history_settings_set(settings: HistorySettings) -> usize;
    collections_tree() -> FolderNode;
    collection_folder_create(parent: Option<i64>, name: String) -> i64;
    collection_request_save(request: SavedRequest) -> i64;
    collection_request_get(id: i64) -> SavedRequest;
    collection_rename(item: Item, name: String) -> ();
    collection_move(item: Item, folder: Option<i64>, position: u32) -> ();
    collection_duplicate(id: i64) -> i64;
    collection_delete(item: Item) -> DeletionTicket;
    collection_undo_delete(ticket: DeletionTicket) -> ();
    collection_export(folder: Option<i64>, path: PathBuf) -> CollectionExported;
    sandbox_clock_get() -> i64;
    sandbox_clock_set(offset_secs: i64) -> i64;
    ui_tabs_get() -> Option<String>;
    ui_tabs_set(state: String) -> ();
    startup_notices() -> Vec<String>;
    catalog_list() -> Vec<Endpoint>;
    catalog_check_form(endpoint_id: String, values: BTreeMap<String, String>) -> Vec<FieldProblem>;
    json_check(text: String) -> Option<JsonProblem>;
    error_codes() -> Vec<String>;
    error_explanations() -> Vec<Explanation>;
    sandbox_test_values() -> Vec<TestValue>;
    snippet_show(input: SnippetInput) -> SnippetView;
    snippet_save(input: SnippetInput, path: PathBuf) -> ();
    batch_auto_map(endpoint_id: String) -> Mapping;
    batch_check(target: BatchTarget) -> CheckView;
    batch_start(input: BatchStartInput) -> RunView;
    batch_resume(run_id: i64) -> RunView;
    batch_stop(run_id: i64, cancel: bool) -> ();
    batch_runs() -> Vec<RunView>;
    batch_delete(run_id: i64) -> ();
    batch_rows(run_id: i64, filter: RowFilter, offset: u32, limit: u32) -> BatchRowsView;
    batch_export(run_id: i64, xlsx: bool, mask_aadhaar: bool) -> BatchExported;
}

// The commands that need Tauri itself.

/// The whole body of a kept answer, as raw bytes (never encoded into JSON, whatever its size).
#[tauri::command]
pub async fn response_body(workspace: State<'_, Workspace>, handle: u64) -> Result<tauri::ipc::Response, AppError> {
    Ok(tauri::ipc::Response::new(workspace.response_body(handle).await?))
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
) -> Result<Option<String>, AppError> {
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app.dialog().file().set_file_name(file_name);
    if let Some(name) = filter_name.filter(|_| !extensions.is_empty()) {
        let extensions: Vec<&str> = extensions.iter().map(String::as_str).collect();
        dialog = dialog.add_filter(name, &extensions);
    }
    let chosen =
        tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file()).await.map_err(AppError::internal)?;
    let Some(chosen) = chosen else { return Ok(None) };
    let path = chosen.into_path().map_err(|e| AppError::invalid(format!("That place cannot be saved to: {e}.")))?;
    workspace.grant_file(path.clone());
    Ok(Some(path.to_string_lossy().into_owned()))
}

fn to_clipboard(app: &AppHandle, text: String) -> Result<(), AppError> {
    app.clipboard()
        .write_text(text)
        .map_err(|e| AppError::internal(format!("The clipboard could not be written: {e}.")))
}

/// Copies the code from Rust, so a secret written into it never passes through the page.
#[tauri::command]
pub async fn snippet_copy(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    input: SnippetInput,
) -> Result<(), AppError> {
    to_clipboard(&app, workspace.snippet_text(input).await?)
}

/// Copies a curl command signed now (valid 5 minutes) and returns it to show; it holds no secret.
#[tauri::command]
pub async fn snippet_copy_presigned(
    app: AppHandle,
    workspace: State<'_, Workspace>,
    request: SendInput,
    base_url: String,
) -> Result<PresignedCurlView, AppError> {
    let view = workspace.snippet_presigned_curl(request, base_url).await?;
    to_clipboard(&app, view.text.clone())?;
    Ok(view)
}

/// The sheet's bytes arrive raw (never encoded into JSON); its file name in the `x-file-name` header.
#[tauri::command]
pub async fn batch_load(
    workspace: State<'_, Workspace>,
    request: tauri::ipc::Request<'_>,
) -> Result<SheetView, AppError> {
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(AppError::invalid("The sheet did not arrive as a file. Choose it again."));
    };
    let name = request.headers().get("x-file-name").and_then(|v| v.to_str().ok()).map(|v| {
        form_urlencoded::parse(format!("n={v}").as_bytes()).map(|(_, v)| v.into_owned()).next().unwrap_or_default()
    });
    workspace.batch_load(name.unwrap_or_else(|| "sheet".into()), bytes.clone()).await
}
