//! The Tauri shell: starts the built-in sandbox, wires commands to the workspace. No logic of its own.

mod commands;
pub mod ipc;
pub mod workspace;

use tauri::Manager;

pub use workspace::Workspace;

/// Builds and runs the app window on the built-in sandbox.
pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let workspace = tauri::async_runtime::block_on(Workspace::start_on_builtin_sandbox())?;
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
        ])
        .run(tauri::generate_context!())
        .expect("VK Workspace could not start its window");
}
