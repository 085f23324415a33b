//! The Tauri shell: starts the application (`vk-app`) on the built-in sandbox, wires the commands to it, forwards
//! its changes to the window as one event, and does what needs Tauri. No logic of its own.

mod commands;
mod web_view;

use tauri::{Emitter, Manager};
use vk_app::Workspace;

/// The one event the window hears: what changed (`vk_app::Change`).
pub const CHANGE_EVENT: &str = "vk-change";

/// Builds and runs the app window on the built-in sandbox.
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        // Remembers the window's size, position and maximised state between runs.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(|app| {
            // NOTE: VK_WORKSPACE_DATA_DIR lets tests and staff trainings run on a separate, throw-away data folder.
            let data_dir = match std::env::var_os("VK_WORKSPACE_DATA_DIR") {
                Some(dir) => std::path::PathBuf::from(dir),
                None => app.path().app_data_dir()?,
            };
            let workspace = tauri::async_runtime::block_on(Workspace::start_on_builtin_sandbox(&data_dir))?;
            let handle = app.handle().clone();
            workspace.on_change(move |change| {
                let _ = handle.emit(CHANGE_EVENT, change);
            });
            // Exports go where a browser's downloads go (VK_WORKSPACE_EXPORT_DIR for trainings and tests).
            let export_dir = std::env::var_os("VK_WORKSPACE_EXPORT_DIR")
                .map(std::path::PathBuf::from)
                .or_else(|| app.path().download_dir().ok())
                .unwrap_or_else(|| data_dir.join("exports"));
            workspace.set_export_dir(export_dir);
            // The window's JSON worker reads a large answer straight from its file (not through the page's
            // thread): the asset protocol may read that folder and nothing else.
            app.asset_protocol_scope().allow_directory(workspace.responses_dir(), false)?;
            app.manage(workspace);
            if let Some(window) = app.get_webview_window("main") {
                web_view::configure(&window)?;
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::environments_list,
            commands::environment_select,
            commands::environment_save,
            commands::environment_delete,
            commands::environment_set_secret,
            commands::environment_forget_secret,
            commands::environment_test_secret,
            commands::credential_store_status,
            commands::request_send,
            commands::response_text_page,
            commands::response_save,
            commands::history_list,
            commands::history_open,
            commands::history_rerun,
            commands::history_delete,
            commands::history_clear,
            commands::history_settings_get,
            commands::history_settings_set,
            commands::collections_tree,
            commands::collection_folder_create,
            commands::collection_request_save,
            commands::collection_request_get,
            commands::collection_rename,
            commands::collection_move,
            commands::collection_duplicate,
            commands::collection_delete,
            commands::collection_undo_delete,
            commands::collection_export,
            commands::sandbox_clock_get,
            commands::sandbox_clock_set,
            commands::ui_tabs_get,
            commands::ui_tabs_set,
            commands::startup_notices,
            commands::catalog_list,
            commands::catalog_check_form,
            commands::json_check,
            commands::error_codes,
            commands::error_explanations,
            commands::sandbox_test_values,
            commands::snippet_show,
            commands::snippet_save,
            commands::batch_auto_map,
            commands::batch_check,
            commands::batch_start,
            commands::batch_resume,
            commands::batch_stop,
            commands::batch_runs,
            commands::batch_delete,
            commands::batch_rows,
            commands::batch_export,
            commands::response_body,
            commands::save_dialog,
            commands::snippet_copy,
            commands::snippet_copy_presigned,
            commands::batch_load,
        ])
        .run(tauri::generate_context!())
        .expect("VK Workspace could not start its window");
}
