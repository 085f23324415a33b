//! Deeply nested JSON answers through the app's commands: one nested more than 128 levels deep is shown as it
//! came with the reason (small: in the view; large, on disk: Pretty pages are refused with the reason and no
//! pretty file is left), the Raw pages still read, and one nested exactly 128 levels is laid out.

use std::collections::BTreeMap;

use crate::common::{input, workspace, DataDir};
use axum::routing::post;
use axum::Router;
use vk_app::ipc::EnvironmentInput;
use vk_app::workspace::Workspace;
use vk_app::ErrorKind;

fn nested(levels: usize) -> String {
    format!("{}{}", "[".repeat(levels), "]".repeat(levels))
}

/// A workspace pointed at a server of its own that answers every POST with `body` as JSON.
async fn serving(dir: &DataDir, body: String) -> Workspace {
    let ws = workspace(dir).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = Router::new()
        .route("/api/v1/customers/export", post(move || async move { ([("content-type", "application/json")], body) }));
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let env = ws
        .environment_save(EnvironmentInput {
            id: None,
            name: "Deep server".into(),
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
    ws
}

#[tokio::test]
async fn a_small_deep_answer_is_shown_as_it_came_with_the_reason() {
    let dir = DataDir::new("deep-small");
    // 400 KB: the size that once ran a pretty-print up to 21 GB.
    let body = nested(200_000);
    let ws = serving(&dir, body.clone()).await;
    let view = ws.request_send(input("POST", "/api/v1/customers/export", "{}")).await.unwrap().response;
    assert!(view.body_complete);
    assert_eq!(view.body_text, body, "Raw is the answer as it came");
    assert!(view.body_pretty.is_none());
    let reason = view.body_pretty_refused.expect("the reason Pretty shows it raw");
    assert!(reason.contains("nested more than 128 levels deep"), "{reason}");
}

#[tokio::test]
async fn an_answer_nested_exactly_128_levels_is_laid_out() {
    let dir = DataDir::new("deep-limit");
    let ws = serving(&dir, nested(128)).await;
    let view = ws.request_send(input("POST", "/api/v1/customers/export", "{}")).await.unwrap().response;
    assert!(view.body_pretty.expect("laid out").starts_with("[\n  [\n    ["));
    assert!(view.body_pretty_refused.is_none());
}

#[tokio::test]
async fn a_large_deep_answer_refuses_pretty_pages_with_the_reason_and_leaves_no_pretty_file() {
    let dir = DataDir::new("deep-large");
    let body = nested(3_000_000);
    let ws = serving(&dir, body.clone()).await;
    let view = ws.request_send(input("POST", "/api/v1/customers/export", "{}")).await.unwrap().response;
    assert!(!view.body_complete);
    let file = view.body_file.clone().expect("kept on disk");
    let refused = ws.response_text_page(view.body_handle, true, 0, 5).await.unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::InvalidInput);
    assert!(refused.to_string().contains("nested more than 128 levels deep"), "{}", refused.to_string());
    assert!(refused.to_string().contains("Use Raw"), "{}", refused.to_string());
    assert!(!std::path::Path::new(&format!("{file}.pretty")).exists());
    assert!(!std::path::Path::new(&format!("{file}.pretty.partial")).exists());
    let raw = ws.response_text_page(view.body_handle, false, 0, 1).await.unwrap();
    assert!(raw.rows[0].starts_with("[[[[") && raw.rows[0].bytes().all(|b| b == b'[' || b == b']'));
}
