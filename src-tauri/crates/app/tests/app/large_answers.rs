//! Answers of any size through the app's commands: a 5 MB answer streams to disk, the view carries no body
//! text but the top of its data, the whole body comes back by handle as bytes or a page of rows at a time
//! (raw or pretty), is saved to a file, and is kept in history.

use std::collections::BTreeMap;

use crate::common::{input, workspace, DataDir};
use axum::routing::post;
use axum::Router;
use vk_app::ipc::{BodyKind, EnvironmentInput};
use vk_core::shallow::ShallowValue;
use vk_store::history::HistoryFilter;

/// A JSON answer of about `n` bytes: a success envelope with many customers.
fn big_answer(rows: usize) -> String {
    let customers: Vec<String> =
        (0..rows).map(|i| format!(r#"{{"id":"CUST-{i:06}","name":"Customer number {i}","city":"Pune"}}"#)).collect();
    format!(r#"{{"success":true,"data":{{"customers":[{}],"total":{rows}}}}}"#, customers.join(","))
}

#[tokio::test]
async fn a_large_answer_streams_to_disk_and_comes_back_whole_by_handle() {
    let dir = DataDir::new("large");
    let ws = workspace(&dir).await;
    let body = big_answer(80_000);
    assert!(body.len() > 5_000_000);
    let served = body.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = Router::new().route(
        "/api/v1/customers/export",
        post(move || async move { ([("content-type", "application/json")], served) }),
    );
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

    let env = ws
        .environment_save(EnvironmentInput {
            id: None,
            name: "Big server".into(),
            base_url: format!("http://{addr}"),
            api_key: "key".into(),
            tenant_code: "123456".into(),
            colour: "#2563eb".into(),
            production: false,
            variables: BTreeMap::new(),
        })
        .await
        .unwrap();
    ws.environment_set_secret(env.id, "secret".into(), true).await.unwrap();
    ws.environment_select(env.id).await.unwrap();

    let outcome = ws.request_send(input("POST", "/api/v1/customers/export", "{}")).await.unwrap();
    let view = &outcome.response;
    assert_eq!(view.size_bytes, body.len() as u64);
    assert!(!view.body_complete && view.body_text.is_empty() && view.body_pretty.is_none(), "no large text in IPC");
    assert_eq!(view.body_kind, BodyKind::Json);
    let spilled: Vec<_> = std::fs::read_dir(dir.0.join("responses")).unwrap().collect();
    assert_eq!(spilled.len(), 1, "streamed to a file in the data folder");
    // The window's worker reads that file itself; the summary's facts come with the view.
    let file = view.body_file.as_deref().expect("the view names the file");
    assert_eq!(std::fs::read(file).unwrap(), body.as_bytes());
    let top: Vec<(&str, &ShallowValue)> =
        view.large_data.as_ref().expect("the top of data").iter().map(|f| (f.key.as_str(), &f.value)).collect();
    assert_eq!(
        top,
        [
            ("customers", &ShallowValue::List { length: 80_000 }),
            ("total", &ShallowValue::Scalar { json: "80000".into() })
        ]
    );

    // Read as text a page at a time: as it came, and pretty-printed (written once, beside the body).
    let raw = ws.response_text_page(view.body_handle, false, 0, 2).await.unwrap();
    assert!(raw.rows[0].starts_with(r#"{"success":true,"data":{"customers":[{"id":"CUST-000000""#));
    assert!(raw.total as usize >= body.len() / 240);
    let pretty = ws.response_text_page(view.body_handle, true, 0, 5).await.unwrap();
    assert_eq!(pretty.rows, ["{", "  \"success\": true,", "  \"data\": {", "    \"customers\": [", "      {"]);
    let last = ws.response_text_page(view.body_handle, true, pretty.total - 3, 10).await.unwrap();
    assert_eq!(last.rows, ["    \"total\": 80000", "  }", "}"]);

    assert_eq!(ws.response_body(view.body_handle).await.unwrap(), body.as_bytes());
    let saved = dir.0.join("saved answer.json");
    ws.grant_file(saved.clone()); // as the save dialog does
    assert_eq!(ws.response_save(view.body_handle, saved.clone()).await.unwrap(), body.len() as u64);
    assert_eq!(std::fs::read(&saved).unwrap(), body.as_bytes());

    // History keeps the whole answer too (written in the background, and announced), and opening it gives a
    // handle to it.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    ws.on_change(move |_| {
        let _ = tx.send(());
    });
    let again = ws.request_send(input("POST", "/api/v1/customers/export", "{}")).await.unwrap();
    assert_eq!(again.response.size_bytes, body.len() as u64);
    tokio::time::timeout(std::time::Duration::from_secs(30), rx.recv()).await.expect("history announces the entry");
    let entries = ws.history_list(HistoryFilter { limit: 5, ..Default::default() }).await.unwrap();
    let entry = entries.into_iter().next().unwrap();
    let opened = ws.history_open(entry.id).await.unwrap().response.unwrap();
    assert!(!opened.body_complete);
    assert_eq!(ws.response_body(opened.body_handle).await.unwrap().len(), body.len());
    assert!(ws.response_body(987_654).await.unwrap_err().to_string().contains("no longer kept"));
}
