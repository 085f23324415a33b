//! Code export through the app's commands: the page never sees a secret, a saved file holds it only when the
//! user asked for it inline, `{{variables}}` are filled in, and the saved code and the presigned curl command
//! both work against the workspace's sandbox.

use std::process::Command;

use crate::common::{contains, input, workspace, DataDir};
use vk_app::ipc::{EnvironmentInput, SendInput, SnippetInput};
use vk_app::ErrorKind;
use vk_app::Workspace;
use vk_core::snippet::{Language, PythonClient};
use vk_sandbox::{BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};

fn snippet(request: SendInput, language: Language, inline_secret: bool) -> SnippetInput {
    SnippetInput { request, language, inline_secret, python_client: PythonClient::Urllib, base_url: String::new() }
}

/// A user-made environment on the workspace's sandbox, its secret in the OS credential store.
async fn training(ws: &Workspace) {
    let env = ws
        .environment_save(EnvironmentInput {
            id: None,
            name: "Training".into(),
            base_url: ws.sandbox_url(),
            api_key: BUILTIN_API_KEY.into(),
            tenant_code: BUILTIN_TENANT.into(),
            colour: "#2563eb".into(),
            production: false,
            variables: [("pan".to_string(), "ABCPE1234F".to_string())].into(),
        })
        .await
        .unwrap();
    ws.environment_set_secret(env.id, BUILTIN_SECRET.into(), false).await.unwrap();
    ws.environment_select(env.id).await.unwrap();
}

/// Runs a saved Python snippet, with the secret in the environment or not, and returns its output.
fn run_python(path: &std::path::Path, secret: Option<&str>) -> String {
    let mut command = Command::new("python3");
    command.arg(path).env_remove("VK_API_SECRET");
    if let Some(secret) = secret {
        command.env("VK_API_SECRET", secret);
    }
    let out = command.output().expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_never_sees_the_secret_and_a_file_has_it_only_when_asked() {
    let dir = DataDir::new("snippets");
    let ws = workspace(&dir).await;
    training(&ws).await;
    let request = input("POST", "/api/v1/verify/pan", r#"{"pan":"{{pan}}"}"#);

    for language in Language::ALL {
        for inline in [false, true] {
            let view = ws.snippet_show(snippet(request.clone(), language, inline)).await.unwrap();
            assert!(!view.text.contains(BUILTIN_SECRET), "{language:?} shown with its secret");
            assert_eq!(view.secret_hidden, inline);
            assert_eq!(view.text.contains("written in when you copy or save"), inline, "{language:?}");
            assert!(view.text.contains("ABCPE1234F"), "{language:?}: the variable is filled in");
            assert_eq!(view.environment, "Training");
        }
    }

    let plain = dir.0.join("plain.py");
    ws.grant_file(plain.clone()); // as the save dialog does
    ws.snippet_save(snippet(request.clone(), Language::Python, false), plain.clone()).await.unwrap();
    assert!(!contains(&plain, BUILTIN_SECRET), "the secret is in a file saved without it");
    let out = tokio::task::spawn_blocking(move || run_python(&plain, Some(BUILTIN_SECRET))).await.unwrap();
    assert!(out.contains("\"success\":true") && out.contains("ABCPE1234F"), "{out}");

    let inline = dir.0.join("inline.py");
    ws.grant_file(inline.clone());
    ws.snippet_save(snippet(request, Language::Python, true), inline.clone()).await.unwrap();
    assert!(contains(&inline, BUILTIN_SECRET), "the secret chosen inline is missing from the saved file");
    let out = tokio::task::spawn_blocking(move || run_python(&inline, None)).await.unwrap();
    assert!(out.contains("\"success\":true"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_presigned_curl_command_works_and_holds_no_secret() {
    let dir = DataDir::new("snippets-presigned");
    let ws = workspace(&dir).await;
    training(&ws).await;
    let view = ws.snippet_presigned_curl(input("GET", "/api/v1/wallet/core/balance", ""), String::new()).await.unwrap();
    assert!(!view.text.contains(BUILTIN_SECRET));
    assert!(view.text.contains("X-Signature: "), "{}", view.text);
    let now_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64;
    assert!(view.expires_at_ms > now_ms + 290_000 && view.expires_at_ms <= now_ms + 300_000);
    let text = view.text.clone();
    let out =
        tokio::task::spawn_blocking(move || Command::new("sh").args(["-c", &text]).output().unwrap()).await.unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"success\":true") && stdout.contains("balance"), "{stdout}");
}

#[tokio::test]
async fn a_request_that_cannot_be_exported_says_why() {
    let dir = DataDir::new("snippets-refused");
    let ws = workspace(&dir).await;
    let err = ws.snippet_show(snippet(input("get", "/api/v1/wallet/core/balance", ""), Language::Go, false)).await;
    let err = err.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("capitals"), "{}", err.to_string());
    let mut bad_address = snippet(input("GET", "/api/v1/wallet/core/balance", ""), Language::Go, false);
    bad_address.base_url = "vistarkriya.com".into();
    let err = ws.snippet_show(bad_address).await.unwrap_err();
    assert!(err.to_string().contains("must start with http:// or https://"), "{}", err.to_string());
}
