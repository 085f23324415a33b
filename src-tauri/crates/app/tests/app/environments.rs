//! Environments through the app's commands: secrets in a real Secret Service (gnome-keyring under
//! dbus-run-session, see scripts/with-keyring.sh), the session-only fallback, `{{variables}}`, the active
//! environment remembered across restarts, and the built-in sandbox protected.

use std::collections::BTreeMap;

use crate::common::{input, workspace, DataDir};
use vk_app::ipc::{EnvironmentInput, SecretState};
use vk_app::workspace::WorkspaceOptions;
use vk_app::ErrorKind;
use vk_app::Workspace;
use vk_sandbox::{BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};
use vk_store::environments::BUILTIN_SANDBOX_ID;
use vk_store::history::HistoryFilter;

/// An environment that points at the workspace's own sandbox, as a second, user-made environment.
fn training(ws: &Workspace) -> EnvironmentInput {
    EnvironmentInput {
        id: None,
        name: "Training".into(),
        base_url: format!("{}/", ws.sandbox_url()),
        api_key: BUILTIN_API_KEY.into(),
        tenant_code: BUILTIN_TENANT.into(),
        colour: "#2563eb".into(),
        production: false,
        variables: BTreeMap::from([("pan".into(), "ABCPE1234F".into()), (" ".into(), "ignored".into())]),
    }
}

#[tokio::test]
async fn a_secret_saved_in_the_os_store_signs_sends_and_outlives_the_app() {
    let dir = DataDir::new("env-os");
    let ws = workspace(&dir).await;
    let created = ws.environment_save(training(&ws)).await.unwrap();
    assert_eq!(created.base_url, ws.sandbox_url(), "trailing slash trimmed");
    assert_eq!(created.variables.len(), 1, "a variable without a name is dropped");
    assert_eq!(created.secret, SecretState::Missing);

    ws.environment_select(created.id).await.unwrap();
    let err = ws.request_send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("No secret is saved for \"Training\""), "{}", err.to_string());

    let wrong = ws.environment_set_secret(created.id, "not-the-secret\n".into(), false).await.unwrap();
    assert_eq!(wrong.secret, SecretState::System);
    let check = ws.environment_test_secret(created.id).await.unwrap();
    assert!(!check.accepted);
    assert!(check.message.contains("signature"), "{}", check.message);

    // Pasted with a line break: the break is not part of the secret.
    ws.environment_set_secret(created.id, format!("{BUILTIN_SECRET}\r\n"), false).await.unwrap();
    let check = ws.environment_test_secret(created.id).await.unwrap();
    assert!(check.accepted, "{}", check.message);

    // {{pan}} is substituted before signing, so the signature covers what was sent.
    let outcome = ws.request_send(input("POST", "/api/v1/verify/pan", r#"{"pan":"{{pan}}"}"#)).await.unwrap();
    assert_eq!(outcome.response.status, 200);
    assert!(outcome.signature.string_to_sign.ends_with(r#"POST/api/v1/verify/pan{"pan":"ABCPE1234F"}"#));
    let err = ws.request_send(input("POST", "/api/v1/verify/pan", r#"{"pan":"{{other}}"}"#)).await.unwrap_err();
    assert!(err.to_string().contains("{{other}} is not defined"), "{}", err.to_string());
    let history = ws.history_list(HistoryFilter { limit: 10, ..Default::default() }).await.unwrap();
    assert_eq!(history[0].environment, "Training");
    drop(ws);

    // Started again: the same environment is active and its secret is read back from the credential store.
    let again = workspace(&dir).await;
    assert_eq!(again.active_environment_id(), created.id);
    assert_eq!(again.environment(created.id).await.unwrap().secret, SecretState::System);
    // The first sandbox stopped with the first app; point the environment at this one's and test the secret.
    let moved = EnvironmentInput { id: Some(created.id), ..training(&again) };
    assert_eq!(again.environment_save(moved).await.unwrap().secret, SecretState::System);
    assert!(again.environment_test_secret(created.id).await.unwrap().accepted);

    // Deleting the environment removes its secret from the credential store, and the sandbox takes over.
    let reference = again.environment_secret_reference(created.id).await.unwrap();
    again.environment_delete(created.id).await.unwrap();
    assert_eq!(again.active_environment_id(), BUILTIN_SANDBOX_ID);
    let service = dir.options().credential_service.unwrap();
    let os = vk_secrets::OsStore::connect(&service).unwrap();
    use vk_secrets::SecretStore;
    assert!(os.get(&reference).unwrap().is_none());
}

#[tokio::test]
async fn without_a_credential_store_the_secret_can_be_kept_for_this_session_only() {
    let dir = DataDir::new("env-memory");
    let options = || WorkspaceOptions { credential_service: None, ..WorkspaceOptions::new(&dir.0) };
    let ws = Workspace::start(options()).await.unwrap();
    let env = ws.environment_save(training(&ws)).await.unwrap();
    ws.environment_select(env.id).await.unwrap();

    let err = ws.environment_set_secret(env.id, BUILTIN_SECRET.into(), false).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CredentialStoreUnavailable);
    assert!(err.to_string().contains("for this session only"), "{}", err.to_string());
    assert_eq!(serde_json::to_value(&err).unwrap()["kind"], "credential_store_unavailable");

    let kept = ws.environment_set_secret(env.id, BUILTIN_SECRET.into(), true).await.unwrap();
    assert_eq!(kept.secret, SecretState::Session);
    assert_eq!(ws.request_send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap().response.status, 200);
    drop(ws);

    let again = Workspace::start(options()).await.unwrap();
    assert_eq!(again.environment(env.id).await.unwrap().secret, SecretState::Missing, "gone with the session");
}

#[tokio::test]
async fn the_sandbox_is_protected_and_mistakes_are_explained() {
    let dir = DataDir::new("env-rules");
    let ws = workspace(&dir).await;
    let err = ws.environment_delete(BUILTIN_SANDBOX_ID).await.unwrap_err();
    assert!(err.to_string().contains("cannot be deleted"), "{}", err.to_string());

    // Only the sandbox's colour and variables change; its name, key and tenant stay.
    let mut sandbox = training(&ws);
    sandbox.id = Some(BUILTIN_SANDBOX_ID);
    sandbox.name = "Renamed".into();
    let saved = ws.environment_save(sandbox).await.unwrap();
    assert_eq!((saved.name.as_str(), saved.colour.as_str()), ("Sandbox (built in)", "#2563eb"));
    assert_eq!(saved.variables["pan"], "ABCPE1234F");

    let mut bad = training(&ws);
    bad.base_url = "api.vistarkriya.example".into();
    let err = ws.environment_save(bad).await.unwrap_err();
    assert!(err.to_string().contains("must start with https://"), "{}", err.to_string());
    let mut bad = training(&ws);
    bad.tenant_code = "12345".into();
    assert!(ws.environment_save(bad).await.unwrap_err().to_string().contains("6 digits"));
    let mut live = training(&ws);
    live.name = "Production".into();
    live.production = true;
    let live = ws.environment_save(live).await.unwrap();
    assert!(live.production);
    let mut twin = training(&ws);
    twin.name = "Production".into();
    assert!(ws.environment_save(twin).await.unwrap_err().to_string().contains("already exists"));
    assert_eq!(ws.environments_list().await.unwrap().environments.len(), 2, "nothing half-saved");
    assert_eq!(ws.environment_select(999).await.unwrap_err().kind(), ErrorKind::InvalidInput);
}

#[tokio::test]
async fn a_new_environment_never_picks_up_the_secret_of_an_old_one_with_the_same_id() {
    let first_dir = DataDir::new("env-reuse-a");
    let second_dir = DataDir::new("env-reuse-b");
    // Two data folders (say, a training session's and the everyday one), one credential store.
    let service = first_dir.options().credential_service;
    let first = Workspace::start(WorkspaceOptions { credential_service: service.clone(), ..first_dir.options() })
        .await
        .unwrap();
    let second =
        Workspace::start(WorkspaceOptions { credential_service: service, ..second_dir.options() }).await.unwrap();
    let a = first.environment_save(training(&first)).await.unwrap();
    first.environment_set_secret(a.id, BUILTIN_SECRET.into(), false).await.unwrap();
    let b = second.environment_save(training(&second)).await.unwrap();
    assert_eq!(a.id, b.id, "the same id in both databases");
    assert_eq!(second.environment(b.id).await.unwrap().secret, SecretState::Missing);
    first.environment_delete(a.id).await.unwrap();
}
