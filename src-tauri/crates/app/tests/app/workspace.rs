//! The app's command layer without a window: the built-in sandbox environment, sends, secrets and errors at IPC.

use crate::common::{input, workspace, DataDir};
use vk_app::ipc::SecretState;
use vk_app::workspace::{WorkspaceOptions, SANDBOX_ENVIRONMENT};
use vk_app::ErrorKind;
use vk_app::Workspace;
use vk_core::diagnose::CheckStatus;
use vk_store::environments::BUILTIN_SANDBOX_ID;
use vk_store::history::HistoryFilter;

const BUILTIN_SECRET: &str = vk_sandbox::BUILTIN_SECRET;

#[tokio::test]
async fn opens_on_the_builtin_sandbox_and_verifies_a_pan() {
    let dir = DataDir::new("pan");
    let ws = workspace(&dir).await;
    let all = ws.environments_list().await.unwrap();
    assert_eq!(all.active_id, BUILTIN_SANDBOX_ID);
    let env = ws.environment(all.active_id).await.unwrap();
    assert_eq!(env.name, SANDBOX_ENVIRONMENT);
    assert!(env.builtin && !env.production);
    assert_eq!(env.secret, SecretState::Builtin);
    assert!(env.base_url.starts_with("http://127.0.0.1:"));

    let outcome = ws.request_send(input("POST", "/api/v1/verify/pan", r#"{"pan":"ABCDE1234F"}"#)).await.unwrap();
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
    let dir = DataDir::new("wrong");
    let ws = workspace(&dir).await;
    let env = ws.environment_set_secret(BUILTIN_SANDBOX_ID, "typed-the-wrong-one".into(), false).await.unwrap();
    assert_eq!(env.secret, SecretState::Session, "a changed sandbox secret is for practice, this session only");
    let outcome = ws.request_send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap();
    assert_eq!(outcome.response.status, 401);
    let error = outcome.response.api_error.clone().expect("an error envelope");
    assert_eq!(error.code, "HMAC_INVALID");
    let explanation = error.explanation.expect("known code is explained");
    assert_eq!(explanation.title, "The signature was not accepted");
    let ipc_bytes = serde_json::to_string(&(&outcome, &env)).unwrap();
    assert!(!ipc_bytes.contains("typed-the-wrong-one"));
    // The usual causes are listed; nothing the app can check is wrong, so none is a suspect.
    assert!(outcome.hmac_checks.len() >= 4);
    assert!(outcome.hmac_checks.iter().all(|c| c.status != CheckStatus::Suspect), "{:?}", outcome.hmac_checks);

    // Pasted with a space in front: that is the suspect, named first.
    ws.environment_set_secret(BUILTIN_SANDBOX_ID, format!(" {}", vk_sandbox::BUILTIN_SECRET), false).await.unwrap();
    let outcome = ws.request_send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap();
    assert_eq!(outcome.hmac_checks[0].status, CheckStatus::Suspect);
    assert!(outcome.hmac_checks[0].finding.contains("starts or ends with a space"));

    let env = ws.environment_forget_secret(BUILTIN_SANDBOX_ID).await.unwrap();
    assert_eq!(env.secret, SecretState::Builtin);
    let fine = ws.request_send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap();
    assert_eq!(fine.response.status, 200);
    assert!(fine.hmac_checks.is_empty());
    assert!(fine.response.clock_difference_secs.is_some_and(|d| d.abs() <= 1), "measured from the sandbox's Date");
}

#[tokio::test]
async fn bad_input_is_an_invalid_input_error_with_a_reason() {
    let dir = DataDir::new("bad");
    let ws = workspace(&dir).await;
    let err = ws.request_send(input("post", "/api/v1/verify/pan", "{}")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("use POST, not post"));
    let err = ws.request_send(input("POST", "/api/v1/verify/pan", r#"{"pan":"#)).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("not valid JSON"));
    let err = ws.environment_set_secret(BUILTIN_SANDBOX_ID, String::new(), false).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    // At the IPC boundary an error is {kind, message}.
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["kind"], "invalid_input");
    assert!(json["message"].as_str().unwrap().contains("secret is empty"));
    // The workspace keeps working after bad input.
    assert_eq!(ws.request_send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap().response.status, 200);
}

#[tokio::test]
async fn every_send_is_in_history_searchable_and_openable() {
    let dir = DataDir::new("history");
    let ws = workspace(&dir).await;
    ws.request_send(input("POST", "/api/v1/verify/pan", r#"{"pan":"ABCPE1234F"}"#)).await.unwrap();
    ws.request_send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap();
    ws.request_send(input("post", "/api/v1/verify/pan", "{}")).await.unwrap_err();
    let all = ws.history_list(HistoryFilter { limit: 50, ..Default::default() }).await.unwrap();
    assert_eq!(all.len(), 2, "input mistakes never left the machine, so they are not history");
    assert_eq!(all[0].module, "wallet");
    assert_eq!(all[1].module, "verify");

    // Found by a word of its response: the registered name the sandbox gave.
    let found =
        ws.history_list(HistoryFilter { text: Some("Anil".into()), limit: 50, ..Default::default() }).await.unwrap();
    assert_eq!(found.len(), 1);
    let opened = ws.history_open(found[0].id).await.unwrap();
    assert_eq!(opened.input.endpoint, "/api/v1/verify/pan");
    assert_eq!(opened.input.body, r#"{"pan":"ABCPE1234F"}"#);
    let response = opened.response.expect("an answer was recorded");
    assert_eq!((response.status, response.status_text.as_str()), (200, "OK"));
    assert!(response.body_pretty.unwrap().contains("\"registered_name\": \"Anil Das\""));

    assert!(ws.history_delete(found[0].id).await.unwrap());
    assert_eq!(ws.history_clear().await.unwrap(), 1);
}

#[tokio::test]
async fn the_windows_open_tabs_are_kept_with_the_data_folder() {
    let dir = DataDir::new("ui-state");
    let ws = workspace(&dir).await;
    assert_eq!(ws.ui_tabs_get().await.unwrap(), None);
    ws.ui_tabs_set(r#"{"active":0,"tabs":[]}"#.into()).await.unwrap();
    let too_big = "x".repeat(5 * 1024 * 1024);
    assert_eq!(ws.ui_tabs_set(too_big).await.unwrap_err().kind(), ErrorKind::InvalidInput);
    drop(ws);
    let again = workspace(&dir).await;
    assert_eq!(again.ui_tabs_get().await.unwrap().as_deref(), Some(r#"{"active":0,"tabs":[]}"#));

    // Drafts are kept with Aadhaar numbers masked, as history keeps them; other numbers stay.
    for (draft, kept) in [
        (r#"{"aadhaar":"234123412346"}"#, r#"{"aadhaar":"XXXX XXXX 2346"}"#),
        ("2341 2341 2346", "XXXX XXXX 2346"),
        (r#"{"pan":"ABCPE1234F","amount":1234}"#, r#"{"pan":"ABCPE1234F","amount":1234}"#),
    ] {
        again.ui_tabs_set(draft.into()).await.unwrap();
        assert_eq!(again.ui_tabs_get().await.unwrap().as_deref(), Some(kept));
    }
}

#[tokio::test]
async fn the_sandbox_takes_its_usual_port_when_free_and_any_other_when_not() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let usual = format!("http://127.0.0.1:{port}");

    let dir = DataDir::new("sandbox-port-taken");
    let ws = Workspace::start(WorkspaceOptions { sandbox_port: port, ..dir.options() }).await.unwrap();
    let url = ws.sandbox_url();
    assert!(url.starts_with("http://127.0.0.1:") && url.trim_end_matches('/') != usual, "{url}");
    let outcome = ws.request_send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap();
    assert_eq!(outcome.response.status, 200, "the sandbox on another port answers");

    drop(taken);
    let dir = DataDir::new("sandbox-port-free");
    let ws = Workspace::start(WorkspaceOptions { sandbox_port: port, ..dir.options() }).await.unwrap();
    assert_eq!(ws.sandbox_url().trim_end_matches('/'), usual, "on its usual port");
    let env = ws.environment(BUILTIN_SANDBOX_ID).await.unwrap();
    assert_eq!(env.base_url.trim_end_matches('/'), usual);
    let outcome = ws.request_send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap();
    assert_eq!(outcome.response.status, 200);
}
