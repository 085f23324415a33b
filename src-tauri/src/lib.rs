//! The Tauri shell: starts the built-in sandbox, wires commands to the workspace. No logic of its own.

mod commands;
mod history;
pub mod ipc;
pub mod workspace;

use tauri::Manager;

pub use workspace::Workspace;

/// Builds and runs the app window on the built-in sandbox.
pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            // NOTE: VK_WORKSPACE_DATA_DIR lets tests and staff trainings run on a separate, throw-away data folder.
            let data_dir = match std::env::var_os("VK_WORKSPACE_DATA_DIR") {
                Some(dir) => std::path::PathBuf::from(dir),
                None => app.path().app_data_dir()?,
            };
            let workspace = tauri::async_runtime::block_on(Workspace::start_on_builtin_sandbox(&data_dir))?;
            app.manage(workspace);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::environment_get,
            commands::environment_set_secret,
            commands::environment_reset,
            commands::request_send,
            commands::catalog_list,
            commands::sandbox_test_values,
            commands::history_list,
            commands::history_open,
            commands::history_delete,
            commands::history_clear,
            commands::startup_notices,
        ])
        .run(tauri::generate_context!())
        .expect("VK Workspace could not start its window");
}
