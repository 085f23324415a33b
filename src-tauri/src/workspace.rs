//! The app's state and behaviour behind the commands: the active environment and sending. Runs without a window.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;

use vk_core::envelope::{parse_error, pretty_json};
use vk_core::{ApiErrorCode, ApiSecret, Credentials, RequestSpec};
use vk_http::{SendFailure, Sender, SenderConfig};
use vk_sandbox::{RunningSandbox, SandboxConfig, BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};

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

/// Everything a window needs: the in-process sandbox, the active environment, one reused HTTP client.
pub struct Workspace {
    sandbox: RunningSandbox,
    environment: Mutex<Environment>,
    sender: Sender,
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
    /// Starts the sandbox on a free loopback port and opens on it.
    pub async fn start_on_builtin_sandbox() -> Result<Self, IpcError> {
        let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
        let sandbox = vk_sandbox::start(SandboxConfig::builtin(), addr)
            .await
            .map_err(|e| IpcError::new(ErrorKind::Internal, format!("The built-in sandbox could not start: {e}")))?;
        let sender =
            Sender::new(SenderConfig::default()).map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?;
        Ok(Self { environment: Mutex::new(builtin_environment(&sandbox)), sandbox, sender })
    }

    fn env(&self) -> std::sync::MutexGuard<'_, Environment> {
        // A poisoned lock only means a panic elsewhere; the environment itself is still whole.
        self.environment.lock().unwrap_or_else(|p| p.into_inner())
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

    /// Signs at the moment of sending, sends, and shapes the answer for the page.
    pub async fn send(&self, input: SendInput) -> Result<SendOutcome, IpcError> {
        let request = RequestSpec::new(input.method, input.endpoint, input.body.into_bytes());
        request.check_json_body().map_err(|m| IpcError::new(ErrorKind::InvalidInput, m))?;
        let (base_url, credentials) = {
            let env = self.env();
            (env.base_url.clone(), env.credentials.clone())
        };
        let exchange =
            self.sender.send_signed(&base_url, &request, &credentials).await.map_err(|failure| match failure {
                SendFailure::Sign(e) => IpcError::new(ErrorKind::InvalidInput, e.to_string()),
                SendFailure::Send(e) => IpcError::new(ErrorKind::Network, e.to_string()),
            })?;
        let response = exchange.response;
        let api_error = parse_error(&response.body).map(|e| ApiErrorView {
            explanation: ApiErrorCode::parse(&e.code).map(ApiErrorCode::explanation),
            code: e.code,
            message: e.message,
            http_status: e.http_status,
            fields: e.fields,
        });
        Ok(SendOutcome {
            signature: SignatureView {
                string_to_sign: exchange.signed.string_to_sign.clone(),
                headers: pairs(exchange.signed.headers()),
            },
            response: ResponseView {
                status: response.status,
                status_text: response.status_text,
                elapsed_ms: response.elapsed.as_secs_f64() * 1000.0,
                size_bytes: response.body.len() as u64,
                headers: pairs(response.headers.iter().map(|(n, v)| (n.as_str(), v.clone()))),
                body_pretty: pretty_json(&response.body),
                body_text: String::from_utf8_lossy(&response.body).into_owned(),
                api_error,
            },
        })
    }
}
