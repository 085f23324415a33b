//! Build script: Tauri's code generation, with capabilities under src-tauri/ and only the app's own commands.

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=tauri.conf.json");
    let commands = tauri_build::AppManifest::new().commands(&[
        "environment_get",
        "environment_set_secret",
        "environment_reset",
        "request_send",
        "catalog_list",
        "sandbox_test_values",
        "history_list",
        "history_open",
        "history_delete",
        "history_clear",
        "startup_notices",
    ]);
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(commands),
    )
    .expect("tauri-build: configuration or capabilities are invalid");
}
