//! The app's command layer without a window: the built-in sandbox environment, sends, secrets and errors at IPC.

use vk_workspace_lib::ipc::{ErrorKind, SendInput};
use vk_workspace_lib::workspace::SANDBOX_ENVIRONMENT;
use vk_workspace_lib::Workspace;

const BUILTIN_SECRET: &str = vk_sandbox::BUILTIN_SECRET;

fn input(method: &str, endpoint: &str, body: &str) -> SendInput {
    SendInput { method: method.into(), endpoint: endpoint.into(), body: body.into() }
}

#[tokio::test]
async fn opens_on_the_builtin_sandbox_and_verifies_a_pan() {
    let ws = Workspace::start_on_builtin_sandbox().await.unwrap();
    let env = ws.environment();
    assert_eq!(env.name, SANDBOX_ENVIRONMENT);
    assert!(env.is_builtin_sandbox && !env.custom_secret);
    assert!(env.base_url.starts_with("http://127.0.0.1:"));

    let outcome = ws.send(input("POST", "/api/v1/verify/pan", r#"{"pan":"ABCDE1234F"}"#)).await.unwrap();
    assert_eq!(outcome.response.status, 200);
    assert!(outcome.response.api_error.is_none());
    assert!(outcome.response.body_pretty.as_deref().unwrap().contains("\"status\": \"VALID\""));
    assert_eq!(outcome.response.size_bytes, outcome.response.body_text.len() as u64);
    let names: Vec<_> = outcome.signature.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["X-API-Key", "X-Timestamp", "X-Signature", "X-Tenant-Code"]);
    assert!(outcome.signature.string_to_sign.ends_with(r#"POST/api/v1/verify/pan{"pan":"ABCDE1234F"}"#));

    // What crosses IPC never contains the secret.
    let ipc_bytes = serde_json::to_string(&(&outcome, &env)).unwrap();
    assert!(!ipc_bytes.contains(BUILTIN_SECRET));
}

#[tokio::test]
async fn wrong_secret_comes_back_as_an_explained_hmac_invalid() {
    let ws = Workspace::start_on_builtin_sandbox().await.unwrap();
    let env = ws.set_secret("typed-the-wrong-one".into()).unwrap();
    assert!(env.custom_secret);
    let outcome = ws.send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap();
    assert_eq!(outcome.response.status, 401);
    let error = outcome.response.api_error.clone().expect("an error envelope");
    assert_eq!(error.code, "HMAC_INVALID");
    let explanation = error.explanation.expect("known code is explained");
    assert_eq!(explanation.title, "The signature was not accepted");
    let ipc_bytes = serde_json::to_string(&(&outcome, &env)).unwrap();
    assert!(!ipc_bytes.contains("typed-the-wrong-one"));

    let env = ws.reset_to_builtin();
    assert!(!env.custom_secret);
    assert_eq!(ws.send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap().response.status, 200);
}

#[tokio::test]
async fn bad_input_is_an_invalid_input_error_with_a_reason() {
    let ws = Workspace::start_on_builtin_sandbox().await.unwrap();
    let err = ws.send(input("post", "/api/v1/verify/pan", "{}")).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidInput);
    assert!(err.message.contains("use POST, not post"));
    let err = ws.send(input("POST", "/api/v1/verify/pan", r#"{"pan":"#)).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidInput);
    assert!(err.message.contains("not valid JSON"));
    let err = ws.set_secret(String::new()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidInput);
    // At the IPC boundary an error is {kind, message}.
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["kind"], "invalid_input");
    assert!(json["message"].as_str().unwrap().contains("secret is empty"));
    // The workspace keeps working after bad input.
    assert_eq!(ws.send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap().response.status, 200);
}
