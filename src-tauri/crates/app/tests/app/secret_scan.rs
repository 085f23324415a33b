//! The secret never reaches the disk: sends with known secrets (one in the OS credential store, one kept for
//! the session), saved requests, an exported collection, a batch run and its exported results, then every byte
//! of the database, its WAL, the large-body files and the exports is scanned for both secrets.

use crate::common::{contains, files_under, input, DataDir};
use vk_app::batch_views::{BadRows, BatchStartInput};
use vk_app::ipc::{EnvironmentInput, SecretState};
use vk_app::workspace::WorkspaceOptions;
use vk_app::Workspace;
use vk_sandbox::{BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};
use vk_store::collections::SavedRequest;
use vk_store::environments::BUILTIN_SANDBOX_ID;
use vk_store::history::HistoryFilter;

#[tokio::test]
async fn no_secret_in_the_database_its_wal_the_body_files_or_an_export() {
    let dir = DataDir::new("secret-scan");
    // Every response body goes to a file beside the database, so those files are scanned too.
    let ws = Workspace::start(WorkspaceOptions { inline_body_limit: 16, ..dir.options() }).await.unwrap();
    let wrong = "typed-secret-7f3a9c";

    // The sandbox with a wrong secret for this session: every send is an HMAC_INVALID.
    ws.environment_set_secret(BUILTIN_SANDBOX_ID, wrong.into(), false).await.unwrap();
    for _ in 0..5 {
        let outcome = ws.request_send(input("POST", "/api/v1/verify/pan", r#"{"pan":"ABCPE1234F"}"#)).await.unwrap();
        assert_eq!(outcome.response.api_error.unwrap().code, "HMAC_INVALID");
        let ipc = serde_json::to_string(&ws.environments_list().await.unwrap()).unwrap();
        assert!(!ipc.contains(wrong) && !ipc.contains(BUILTIN_SECRET), "nothing sent to the page holds a secret");
    }
    let errors = ws
        .history_list(HistoryFilter { error_code: Some("HMAC_INVALID".into()), limit: 50, ..Default::default() })
        .await
        .unwrap();
    assert_eq!(errors.len(), 5);

    // A user-made environment whose secret is in the OS credential store.
    let env = ws
        .environment_save(EnvironmentInput {
            id: None,
            name: "Training".into(),
            base_url: ws.sandbox_url(),
            api_key: BUILTIN_API_KEY.into(),
            tenant_code: BUILTIN_TENANT.into(),
            colour: "#2563eb".into(),
            production: false,
            variables: Default::default(),
        })
        .await
        .unwrap();
    assert_eq!(
        ws.environment_set_secret(env.id, BUILTIN_SECRET.into(), false).await.unwrap().secret,
        SecretState::System
    );
    ws.environment_select(env.id).await.unwrap();
    let mut saved = 0;
    for endpoint in ["/api/v1/wallet/core/balance", "/api/v1/customers?page=1&per_page=5"] {
        let outcome = ws.request_send(input("GET", endpoint, "")).await.unwrap();
        assert_eq!(outcome.response.status, 200);
        let request = SavedRequest {
            name: format!("Saved {endpoint}"),
            method: "GET".into(),
            endpoint: endpoint.into(),
            ..Default::default()
        };
        ws.collection_request_save(request).await.unwrap();
        saved += 1;
    }
    let folder = ws.collection_folder_create(None, "KYC".into()).await.unwrap();
    ws.collection_request_save(SavedRequest {
        folder_id: Some(folder),
        name: "PAN".into(),
        method: "POST".into(),
        endpoint: "/api/v1/verify/pan".into(),
        body: r#"{"pan":"ABCPE1234F"}"#.into(),
        ..Default::default()
    })
    .await
    .unwrap();
    let export_path = dir.0.join("exported collection.json");
    ws.grant_file(export_path.clone()); // as the save dialog does
    let exported = ws.collection_export(None, export_path.clone()).await.unwrap();
    assert_eq!(exported.requests, saved + 1);
    let export_text = std::fs::read_to_string(&export_path).unwrap();
    assert!(export_text.contains("\"name\": \"PAN\"") && export_text.contains("vk-workspace-collection"));

    // A batch run on the environment with the keyring secret, and its results exported into the data folder.
    ws.set_export_dir(dir.0.join("exports"));
    ws.batch_load("pans.csv".into(), b"PAN\nABCPE1234F\nBBBPB2222B\n".to_vec()).await.unwrap();
    let mapping = ws.batch_auto_map("verify.pan".into()).await.unwrap();
    let target = vk_batch::BatchTarget::Endpoint { endpoint_id: "verify.pan".into(), mapping };
    let start = BatchStartInput { target, bad_rows: BadRows::Skip, rate: 0.0, concurrency: 2, resend_confirmed: false };
    let run = ws.batch_start(start).await.unwrap().info.id;
    while ws.batch_runs().await.unwrap().iter().any(|r| r.info.id == run && r.active) {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(ws.batch_runs().await.unwrap()[0].counts.success, 2);
    ws.batch_export(run, false, true).await.unwrap();
    ws.batch_export(run, true, true).await.unwrap();

    // Scanned while the app is still open, so the WAL is there too.
    let files = files_under(&dir.0);
    let names: Vec<String> = files.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert!(names.iter().any(|n| n == "workspace.db-wal"), "{names:?}");
    assert!(files.iter().any(|p| p.parent().unwrap().extension().is_some_and(|e| e == "bodies")), "{names:?}");
    let mut scanned = 0;
    for path in &files {
        scanned += std::fs::metadata(path).unwrap().len();
        for secret in [wrong, BUILTIN_SECRET] {
            assert!(!contains(path, secret), "a secret was found in {}", path.display());
        }
    }
    assert!(scanned > 10_000, "the database, its WAL, the body files and the export were read ({scanned} bytes)");

    // A failed export says why and changes nothing.
    ws.grant_file(dir.0.join("no such folder").join("x.json"));
    let err = ws.collection_export(None, dir.0.join("no such folder").join("x.json")).await.unwrap_err();
    assert!(err.to_string().contains("could not be written"), "{}", err.to_string());
}
