//! The types that cross IPC, exported to TypeScript by ts-rs (ui/src/bindings). None can hold the secret.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vk_core::envelope::FieldProblem;
use vk_core::Explanation;

/// The environment requests go to, as the page may see it: never the secret, only whether one is set.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EnvironmentView {
    pub name: String,
    pub base_url: String,
    pub api_key: String,
    pub tenant_code: String,
    /// True when the secret was replaced by the user (not the built-in sandbox secret).
    pub custom_secret: bool,
    pub is_builtin_sandbox: bool,
}

/// What the composer sends. `body` goes out byte for byte as typed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SendInput {
    pub method: String,
    pub endpoint: String,
    pub body: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HeaderPair {
    pub name: String,
    pub value: String,
}

/// What was signed and the four headers that carried it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SignatureView {
    pub string_to_sign: String,
    pub headers: Vec<HeaderPair>,
}

/// An error envelope from the API, with its plain-language explanation when the code is known.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ApiErrorView {
    pub code: String,
    pub message: String,
    pub http_status: u16,
    pub fields: Vec<FieldProblem>,
    pub explanation: Option<Explanation>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ResponseView {
    pub status: u16,
    pub status_text: String,
    pub elapsed_ms: f64,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub headers: Vec<HeaderPair>,
    pub body_text: String,
    /// The body re-indented, when it is JSON.
    pub body_pretty: Option<String>,
    pub api_error: Option<ApiErrorView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SendOutcome {
    pub signature: SignatureView,
    pub response: ResponseView,
}

/// A history entry opened again: the request for the composer and, when an answer came, the answer.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HistoryOpened {
    pub summary: vk_store::history::HistorySummary,
    pub input: SendInput,
    pub response: Option<ResponseView>,
}

/// The kinds of failure the page acts on differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorKind {
    /// Something the user typed must change (the message says what).
    InvalidInput,
    /// The request could not reach the server or get an answer.
    Network,
    /// A fault in the app itself.
    Internal,
}

#[derive(Debug, Clone, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export)]
pub struct IpcError {
    pub kind: ErrorKind,
    pub message: String,
}

impl IpcError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into() }
    }
}
