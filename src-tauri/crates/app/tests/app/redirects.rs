//! The app never follows a redirect: a 302 to another host is shown as the answer with where it pointed and why
//! it was not followed, nothing reaches that host, and history keeps the 3xx. A non-ASCII query is signed as sent.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::common::{input, workspace, DataDir};
use axum::http::StatusCode;
use axum::Router;
use vk_app::ipc::EnvironmentInput;
use vk_store::history::HistoryFilter;

async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_redirect_is_an_answer_with_its_reason_and_nothing_reaches_the_other_host() {
    let dir = DataDir::new("redirects");
    let ws = workspace(&dir).await;
    let reached = Arc::new(AtomicUsize::new(0));
    let counter = reached.clone();
    let elsewhere = serve(Router::new().fallback(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        async { r#"{"success":true,"data":{}}"# }
    }))
    .await;
    let to = format!("{elsewhere}/collect");
    let location = to.clone();
    let api = serve(Router::new().fallback(move || {
        let location = location.clone();
        async move { (StatusCode::FOUND, [("location", location)], "moved") }
    }))
    .await;
    let env = ws
        .environment_save(EnvironmentInput {
            id: None,
            name: "Moved server".into(),
            base_url: api,
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

    let outcome = ws.request_send(input("POST", "/api/v1/verify/pan", r#"{"pan":"ABCDE1234F"}"#)).await.unwrap();
    assert_eq!(outcome.response.status, 302);
    let message = outcome.response.redirect.as_deref().expect("the redirect is explained");
    assert!(message.starts_with(&format!("The server sent this request to another address: {to}.")), "{message}");
    assert_eq!(reached.load(Ordering::SeqCst), 0, "nothing went to the other host");

    let list = ws.history_list(HistoryFilter { limit: 10, ..Default::default() }).await.unwrap();
    let opened = ws.history_open(list[0].id).await.unwrap();
    let again = opened.response.expect("the 3xx was kept");
    assert!(again.redirect.as_deref().is_some_and(|m| m.contains(&to)), "{:?}", again.redirect);
}

#[tokio::test]
async fn a_non_ascii_query_is_signed_as_sent_to_the_built_in_sandbox() {
    let dir = DataDir::new("non-ascii");
    let ws = workspace(&dir).await;
    let outcome = ws.request_send(input("GET", "/api/v1/customers?city=पुणे&note=café", "")).await.unwrap();
    assert_eq!(outcome.response.status, 200, "{}", outcome.response.body_text);
    assert!(outcome.signature.string_to_sign.contains("?city=%E0%A4%AA%E0%A5%81%E0%A4%A3%E0%A5%87&note=caf%C3%A9"));
    assert!(outcome.response.redirect.is_none());
}
