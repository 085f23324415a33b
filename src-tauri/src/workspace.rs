//! The app's state and behaviour behind the commands: the active environment and sending. Runs without a window.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use vk_core::envelope::{parse_error, pretty_json};
use vk_core::{ApiErrorCode, ApiSecret, Credentials, RequestSpec};
use vk_http::{HttpResponse, SendFailure, Sender, SenderConfig};
use vk_sandbox::{RunningSandbox, SandboxConfig, BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};
use vk_store::history::{NewEntry, RecordOptions};
use vk_store::Store;

use crate::ipc::{
    ApiErrorView, EnvironmentView, ErrorKind, HeaderPair, IpcError, ResponseView, SendInput, SendOutcome, SignatureView,
};

pub const SANDBOX_ENVIRONMENT: &str = "Sandbox (built in)";

struct Environment {
    name: String,
    base_url: String,
    credentials: Credentials,
    custom_secret: bool,
}

/// Everything a window needs: the in-process sandbox, the active environment, one reused HTTP client, the store.
pub struct Workspace {
    sandbox: RunningSandbox,
    environment: Mutex<Environment>,
    sender: Sender,
    pub(crate) store: Arc<Mutex<Store>>,
    /// Things the user must be told about once, at start (e.g. a damaged history file that was set aside).
    startup_notices: Vec<String>,
}

fn builtin_environment(sandbox: &RunningSandbox) -> Environment {
    Environment {
        name: SANDBOX_ENVIRONMENT.into(),
        base_url: sandbox.base_url(),
        credentials: Credentials {
            api_key: BUILTIN_API_KEY.into(),
            tenant_code: BUILTIN_TENANT.into(),
            secret: ApiSecret::new(BUILTIN_SECRET),
        },
        custom_secret: false,
    }
}

fn pairs<'a>(iter: impl IntoIterator<Item = (&'a str, String)>) -> Vec<HeaderPair> {
    iter.into_iter().map(|(name, value)| HeaderPair { name: name.to_string(), value }).collect()
}

impl Workspace {
    /// Opens the store in `data_dir`, starts the sandbox on a free loopback port and opens on it.
    pub async fn start_on_builtin_sandbox(data_dir: &Path) -> Result<Self, IpcError> {
        let (store, report) = Store::open(&data_dir.join("workspace.db"))
            .map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?;
        let startup_notices = report
            .corrupt_moved_to
            .map(|aside| {
                format!(
                    "The history file was damaged and could not be read. It was kept as {} and a new, empty history was started.",
                    aside.display()
                )
            })
            .into_iter()
            .collect();
        let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
        let sandbox = vk_sandbox::start(SandboxConfig::builtin(), addr)
            .await
            .map_err(|e| IpcError::new(ErrorKind::Internal, format!("The built-in sandbox could not start: {e}")))?;
        let sender =
            Sender::new(SenderConfig::default()).map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?;
        Ok(Self {
            environment: Mutex::new(builtin_environment(&sandbox)),
            sandbox,
            sender,
            store: Arc::new(Mutex::new(store)),
            startup_notices,
        })
    }

    fn env(&self) -> std::sync::MutexGuard<'_, Environment> {
        // A poisoned lock only means a panic elsewhere; the environment itself is still whole.
        self.environment.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn startup_notices(&self) -> Vec<String> {
        self.startup_notices.clone()
    }

    pub fn environment(&self) -> EnvironmentView {
        let env = self.env();
        EnvironmentView {
            name: env.name.clone(),
            base_url: env.base_url.clone(),
            api_key: env.credentials.api_key.clone(),
            tenant_code: env.credentials.tenant_code.clone(),
            custom_secret: env.custom_secret,
            is_builtin_sandbox: env.base_url == self.sandbox.base_url(),
        }
    }

    /// Replaces the secret of the active environment (kept in memory only, for this session).
    pub fn set_secret(&self, secret: String) -> Result<EnvironmentView, IpcError> {
        let secret = ApiSecret::new(secret);
        if secret.is_empty() {
            return Err(IpcError::new(ErrorKind::InvalidInput, vk_core::SignError::EmptySecret.to_string()));
        }
        {
            let mut env = self.env();
            env.custom_secret = !secret.matches(&ApiSecret::new(BUILTIN_SECRET));
            env.credentials.secret = secret;
        }
        Ok(self.environment())
    }

    pub fn reset_to_builtin(&self) -> EnvironmentView {
        *self.env() = builtin_environment(&self.sandbox);
        self.environment()
    }

    /// Signs at the moment of sending, sends, records it in history, and shapes the answer for the page.
    pub async fn send(&self, input: SendInput) -> Result<SendOutcome, IpcError> {
        let request = RequestSpec::new(input.method, input.endpoint, input.body.into_bytes());
        request.check_json_body().map_err(|m| IpcError::new(ErrorKind::InvalidInput, m))?;
        let (environment, base_url, credentials) = {
            let env = self.env();
            (env.name.clone(), env.base_url.clone(), env.credentials.clone())
        };
        let sent_at_ms = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
        let mut entry = NewEntry {
            sent_at_ms,
            environment,
            module: module_of(&request.endpoint),
            method: request.method.clone(),
            endpoint: request.endpoint.clone(),
            request_body: String::from_utf8_lossy(&request.body).into_owned(),
            ..NewEntry::default()
        };
        let result = self.sender.send_signed(&base_url, &request, &credentials).await;
        let exchange = match result {
            Ok(exchange) => exchange,
            Err(SendFailure::Sign(e)) => return Err(IpcError::new(ErrorKind::InvalidInput, e.to_string())),
            Err(SendFailure::Send(e)) => {
                entry.error_code = Some(e.code().to_string());
                self.record(entry).await;
                return Err(IpcError::new(ErrorKind::Network, e.to_string()));
            }
        };
        let response = response_view(&exchange.response);
        entry.request_headers = exchange.signed.headers().iter().map(|(n, v)| (n.to_string(), v.clone())).collect();
        entry.status = Some(exchange.response.status);
        entry.response_headers = exchange.response.headers.clone();
        entry.response_body = response.body_text.clone();
        entry.elapsed_ms = response.elapsed_ms;
        entry.error_code = response.api_error.as_ref().map(|e| e.code.clone());
        self.record(entry).await;
        Ok(SendOutcome {
            signature: SignatureView {
                string_to_sign: exchange.signed.string_to_sign.clone(),
                headers: pairs(exchange.signed.headers()),
            },
            response,
        })
    }

    /// Writes one history entry off the async executor. A failure to record never fails the send itself.
    async fn record(&self, entry: NewEntry) {
        let store = self.store.clone();
        let _ = tokio::task::spawn_blocking(move || {
            let store = store.lock().unwrap_or_else(|p| p.into_inner());
            store.history_record(&entry, RecordOptions::default())
        })
        .await;
    }
}

/// The module an endpoint belongs to: the path segment after `/api/v1/`.
fn module_of(endpoint: &str) -> String {
    let module = endpoint.strip_prefix("/api/v1/").and_then(|rest| rest.split(['/', '?']).next()).unwrap_or("");
    if module.is_empty() {
        "other".into()
    } else {
        module.into()
    }
}

/// Shapes an answer for the page: status, timing, size, pretty JSON, and the explained error envelope.
pub(crate) fn response_view(response: &HttpResponse) -> ResponseView {
    body_view(
        response.status,
        &response.status_text,
        response.elapsed.as_secs_f64() * 1000.0,
        &response.headers,
        &response.body,
    )
}

pub(crate) fn body_view(
    status: u16,
    status_text: &str,
    elapsed_ms: f64,
    headers: &[(String, String)],
    body: &[u8],
) -> ResponseView {
    let api_error = parse_error(body).map(|e| ApiErrorView {
        explanation: ApiErrorCode::parse(&e.code).map(ApiErrorCode::explanation),
        code: e.code,
        message: e.message,
        http_status: e.http_status,
        fields: e.fields,
    });
    ResponseView {
        status,
        status_text: status_text.to_string(),
        elapsed_ms,
        size_bytes: body.len() as u64,
        headers: pairs(headers.iter().map(|(n, v)| (n.as_str(), v.clone()))),
        body_pretty: pretty_json(body),
        body_text: String::from_utf8_lossy(body).into_owned(),
        api_error,
    }
}
