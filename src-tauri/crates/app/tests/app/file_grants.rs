//! The app's file commands write only where the user chose in the app's own save dialog this session: a path
//! the page names by itself is refused and nothing is written, whichever command it is given to.

use std::path::Path;

use vk_app::ipc::SnippetInput;
use vk_app::ErrorKind;
use vk_app::Workspace;
use vk_core::snippet::{Language, PythonClient};

use crate::common::{input, workspace, DataDir};

fn code() -> SnippetInput {
    SnippetInput {
        request: input("GET", "/api/v1/wallet/core/balance", ""),
        language: Language::Python,
        inline_secret: true,
        python_client: PythonClient::Urllib,
        base_url: String::new(),
    }
}

/// A kept answer's handle: one send to the built-in sandbox.
async fn answer(ws: &Workspace) -> u64 {
    ws.request_send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap().response.body_handle
}

fn assert_refused(result: Result<impl std::fmt::Debug, vk_app::AppError>, path: &Path) {
    let err = result.expect_err(&format!("{} was written without being chosen", path.display()));
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err:?}");
    assert!(err.to_string().contains("Save dialog"), "{}", err.to_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_path_the_page_names_is_refused_and_nothing_is_written() {
    let dir = DataDir::new("grants-refused");
    let ws = workspace(&dir).await;
    let home = dir.0.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let bashrc = home.join(".bashrc");
    std::fs::write(&bashrc, "# the user's own\n").unwrap();
    let handle = answer(&ws).await;

    assert_refused(ws.response_save(handle, bashrc.clone()).await, &bashrc);
    assert_refused(ws.snippet_save(code(), bashrc.clone()).await, &bashrc);
    assert_refused(ws.collection_export(None, bashrc.clone()).await, &bashrc);
    assert_eq!(std::fs::read_to_string(&bashrc).unwrap(), "# the user's own\n", "an existing file is unchanged");

    let new = home.join("new file.json");
    assert_refused(ws.response_save(handle, new.clone()).await, &new);
    assert_refused(ws.snippet_save(code(), new.clone()).await, &new);
    assert_refused(ws.collection_export(None, new.clone()).await, &new);
    let mut left: Vec<_> = std::fs::read_dir(&home).unwrap().map(|e| e.unwrap().file_name()).collect();
    left.sort();
    assert_eq!(left, [".bashrc"], "no file (nor a .partial beside it) was made");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_path_chosen_in_the_save_dialog_is_written_once() {
    let dir = DataDir::new("grants-chosen");
    let ws = workspace(&dir).await;
    let downloads = dir.0.join("Downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let handle = answer(&ws).await;

    let answer_file = downloads.join("answer.json");
    ws.grant_file(answer_file.clone());
    let written = ws.response_save(handle, answer_file.clone()).await.unwrap();
    assert_eq!(std::fs::metadata(&answer_file).unwrap().len(), written);
    assert_refused(ws.response_save(handle, answer_file.clone()).await, &answer_file);

    let code_file = downloads.join("vk_request.py");
    ws.grant_file(code_file.clone());
    ws.snippet_save(code(), code_file.clone()).await.unwrap();
    assert!(std::fs::read_to_string(&code_file).unwrap().contains("/api/v1/wallet/core/balance"));

    let collection_file = downloads.join("collection.json");
    ws.grant_file(collection_file.clone());
    ws.collection_export(None, collection_file.clone()).await.unwrap();
    assert!(collection_file.exists());
    // A grant is for its own path only.
    ws.grant_file(downloads.join("chosen.json"));
    let other = downloads.join("other.json");
    assert_refused(ws.collection_export(None, other.clone()).await, &other);
    assert!(!other.exists());
}
