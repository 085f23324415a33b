//! The Tauri shell: starts the built-in sandbox, wires commands to the workspace. No logic of its own.

pub mod batch;
mod collections;
mod commands;
mod environments;
pub mod file_grants;
mod history;
pub mod ipc;
mod responses;
mod secrets;
mod snippets;
mod text_pages;
mod web_view;
pub mod workspace;

use tauri::{Emitter, Manager};

pub use workspace::Workspace;

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
            workspace.set_history_listener(move || {
                let _ = handle.emit(commands::HISTORY_CHANGED, ());
            });
            let handle = app.handle().clone();
            workspace.set_batch_listener(move |event| {
                // A run's sends are in history too: the list refreshes when a run's state changes.
                if matches!(event, batch::BatchEvent::Changed { .. }) {
                    let _ = handle.emit(commands::HISTORY_CHANGED, ());
                }
                let _ = handle.emit(commands::BATCH_EVENT, event);
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
            commands::response_body,
            commands::response_text_page,
            commands::save_dialog,
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
            commands::snippet_copy,
            commands::snippet_save,
            commands::snippet_copy_presigned,
            commands::batch_load,
            commands::batch_auto_map,
            commands::batch_check,
            commands::batch_start,
            commands::batch_resume,
            commands::batch_stop,
            commands::batch_runs,
            commands::batch_delete,
            commands::batch_rows,
            commands::batch_export,
        ])
        .run(tauri::generate_context!())
        .expect("VK Workspace could not start its window");
}
