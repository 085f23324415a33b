//! Build script: Tauri's code generation, with capabilities under src-tauri/ and only the app's own commands.

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=tauri.conf.json");
    let commands = tauri_build::AppManifest::new().commands(&[
        "environments_list",
        "environment_select",
        "environment_save",
        "environment_delete",
        "environment_set_secret",
        "environment_forget_secret",
        "environment_test_secret",
        "credential_store_status",
        "request_send",
        "response_body",
        "response_text_page",
        "response_save",
        "history_list",
        "history_open",
        "history_rerun",
        "history_delete",
        "history_clear",
        "history_settings_get",
        "history_settings_set",
        "collections_tree",
        "collection_folder_create",
        "collection_request_save",
        "collection_request_get",
        "collection_rename",
        "collection_move",
        "collection_duplicate",
        "collection_delete",
        "collection_undo_delete",
        "collection_export",
        "sandbox_clock_get",
        "sandbox_clock_set",
        "ui_tabs_get",
        "ui_tabs_set",
        "startup_notices",
        "catalog_list",
        "catalog_check_form",
        "json_check",
        "error_codes",
        "error_explanations",
        "sandbox_test_values",
        "snippet_show",
        "snippet_copy",
        "snippet_save",
        "snippet_copy_presigned",
    ]);
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(commands),
    )
    .expect("tauri-build: configuration or capabilities are invalid");
}
